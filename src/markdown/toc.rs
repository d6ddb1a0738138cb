//! A page's table of contents as templates see it (`page.toc`): its
//! headings as a tree, each with the deeper headings under it as
//! `children`, as Zola gives them, so that a theme writes nested lists
//! without counting levels itself. The converted page keeps them flat
//! ([`super::Converted::toc`]): anchors are checked against that list.

use serde::Serialize;

use super::Heading;

/// One heading and the headings under it.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct TocEntry<'a> {
    pub level: u8,
    /// The heading's anchor: `#id` leads to it.
    pub id: &'a str,
    pub title: &'a str,
    pub children: Vec<TocEntry<'a>>,
}

/// `headings`, in page order, as a tree: a heading holds every later one
/// that is deeper, up to the next heading of its level or shallower. A page
/// that starts at h3 and goes on with h2 keeps its h3 at the top.
pub fn nest(headings: &[Heading]) -> Vec<TocEntry<'_>> {
    let mut top: Vec<TocEntry<'_>> = Vec::new();
    for heading in headings {
        let entry = TocEntry {
            level: heading.level,
            id: &heading.id,
            title: &heading.title,
            children: Vec::new(),
        };
        // Walk down the last entries while they are shallower than this one.
        let mut siblings = &mut top;
        while siblings
            .last()
            .is_some_and(|last| last.level < heading.level)
        {
            siblings = &mut siblings.last_mut().expect("checked above").children;
        }
        siblings.push(entry);
    }
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, id: &str) -> Heading {
        Heading {
            level,
            id: id.to_owned(),
            title: id.to_uppercase(),
        }
    }

    fn shape(entries: &[TocEntry<'_>]) -> String {
        entries
            .iter()
            .map(|e| {
                if e.children.is_empty() {
                    e.id.to_owned()
                } else {
                    format!("{}({})", e.id, shape(&e.children))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn deeper_headings_nest_under_the_heading_before_them() {
        let headings = [
            h(2, "a"),
            h(3, "a1"),
            h(3, "a2"),
            h(2, "b"),
            h(4, "b1"),
            h(2, "c"),
        ];
        assert_eq!(shape(&nest(&headings)), "a(a1 a2) b(b1) c");
    }

    #[test]
    fn a_page_that_starts_deeper_keeps_those_headings_at_the_top() {
        let headings = [h(3, "intro"), h(2, "a"), h(3, "a1")];
        assert_eq!(shape(&nest(&headings)), "intro a(a1)");
    }

    #[test]
    fn a_page_without_headings_has_an_empty_table_of_contents() {
        assert!(nest(&[]).is_empty());
    }
}
