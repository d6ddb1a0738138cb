//! The orders pages are listed in, each in one place: "newest first" for
//! every list by date, the menu's and the subsections' by weight, and
//! the order of titles they all fall back on. A tag page and a section
//! list that sorted alike by date once broke ties differently ("Écoute"
//! after "Zen" on one, before it on the other); they now call the same
//! function.

use std::cmp::Ordering;

use super::Page;

/// "Newest first", the order of every list of pages by date: a section's
/// list, a tag's pages, a feed. Date descending (pages without one after
/// the dated ones), then weight (pages without one first), then title as
/// [`title_order`] compares them.
pub fn newest_first(a: &Page, b: &Page) -> Ordering {
    let date = |p: &Page| p.date.as_ref().map(|d| d.timestamp);
    date(b)
        .cmp(&date(a))
        .then(a.front_matter.weight.cmp(&b.front_matter.weight))
        .then_with(|| title_order(a.title(), b.title()))
}

/// Whether `edited` may stand elsewhere than `before` in a list in
/// [`newest_first`] order: one of the fields it reads changed. What an
/// edit must check before it keeps a list, a tag's pages or a feed as
/// they were.
pub fn reorders_newest_first(edited: &Page, before: &Page) -> bool {
    edited.date != before.date
        || edited.front_matter.weight != before.front_matter.weight
        || edited.title() != before.title()
}

/// Subsections: by weight, then title.
pub(super) fn subsection_order(a: &Page, b: &Page) -> Ordering {
    a.front_matter
        .weight
        .cmp(&b.front_matter.weight)
        .then_with(|| title_order(a.title(), b.title()))
}

/// The menu: by weight (pages without one last), then title.
pub(super) fn menu_order(a: &Page, b: &Page) -> Ordering {
    let weight = |p: &Page| p.front_matter.weight.unwrap_or(i64::MAX);
    weight(a)
        .cmp(&weight(b))
        .then_with(|| title_order(a.title(), b.title()))
}

/// Titles in the order a reader expects in a list: letters before their
/// accents ("À propos" among the a's, before "Articles" as in a French
/// dictionary, not after "Z" as bytes would put it), case aside; then the
/// titles themselves, so that the order is total.
///
/// The folded titles are compared as they are made, a letter at a time,
/// and never kept: sorting a large section whose articles share dates
/// compares titles over and over, and folding both whole titles into
/// strings of their own for each comparison was most of the time it took
/// to assemble the model.
fn title_order(a: &str, b: &str) -> Ordering {
    fn folded(title: &str) -> impl Iterator<Item = char> + '_ {
        icu_normalizer::DecomposingNormalizerBorrowed::new_nfd()
            .normalize_iter(title.chars())
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .flat_map(char::to_lowercase)
    }
    if a == b {
        return Ordering::Equal;
    }
    folded(a).cmp(folded(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod title_order_tests {
    use super::title_order;

    #[test]
    fn accents_and_case_do_not_send_a_title_to_the_end() {
        let mut titles = vec![
            "Offre",
            "Articles",
            "À propos de moi",
            "écrire",
            "Contact",
            "Zorg",
        ];
        titles.sort_by(|a, b| title_order(a, b));
        assert_eq!(
            titles,
            [
                "À propos de moi",
                "Articles",
                "Contact",
                "écrire",
                "Offre",
                "Zorg"
            ]
        );
        assert_eq!(
            title_order("Été", "Ete"),
            "Été".cmp("Ete"),
            "total: accents break a tie"
        );
        assert_ne!(title_order("Été", "Ete"), std::cmp::Ordering::Equal);
    }

    /// Folded a letter at a time, titles compare as their whole folded
    /// forms do: a title that folds to the start of another comes first,
    /// and a letter that lowercases to two (`İ`) or decomposes (`ﬁ`
    /// does not, `é` does) counts as what it folds to.
    #[test]
    fn titles_compare_as_their_whole_folded_forms_do() {
        fn whole(title: &str) -> String {
            icu_normalizer::DecomposingNormalizerBorrowed::new_nfd()
                .normalize(title)
                .chars()
                .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
                .flat_map(char::to_lowercase)
                .collect()
        }
        let titles = [
            "",
            "a",
            "A",
            "Ab",
            "ab",
            "Abc",
            "Àb",
            "àbc",
            "Été",
            "ete",
            "Ete",
            "eté",
            "İz",
            "iz",
            "i\u{307}z",
            "ﬁn",
            "fin",
            "Zorg",
            "zorg",
            "Œuvre",
            "oeuvre",
            "Ça",
            "ca",
        ];
        for a in titles {
            for b in titles {
                let expected = whole(a).cmp(&whole(b)).then_with(|| a.cmp(b));
                assert_eq!(title_order(a, b), expected, "{a:?} against {b:?}");
            }
        }
    }
}
