//! Content pages: each node in each language, through its template.

use super::context::Part;
use crate::diagnostics::Diagnostic;
use crate::model::{NodeKind, PageId, Site};
use crate::site_files::Folder;

/// The template a page is rendered with: its own `template`, else the
/// one for its kind.
pub(super) fn template_of(site: &Site, id: PageId) -> &str {
    let page = &site.pages[id];
    page.front_matter
        .template
        .as_deref()
        .unwrap_or(default_template(site.nodes[page.node].kind))
}

fn default_template(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Home => "index.html",
        NodeKind::Section => "section.html",
        NodeKind::Page => "page.html",
    }
}

/// What a page's template calls it: `page`, or `section` for a page that
/// lists others.
pub(super) fn view_name(site: &Site, id: PageId) -> &'static str {
    match site.nodes[site.pages[id].node].kind {
        NodeKind::Page => "page",
        NodeKind::Home | NodeKind::Section => "section",
    }
}

/// The page's own view as a context part: with its lists for a section.
pub(super) fn view_part(site: &Site, id: PageId) -> Part<'_> {
    let page = &site.pages[id];
    match site.nodes[page.node].kind {
        NodeKind::Page => Part::Page(id),
        NodeKind::Home | NodeKind::Section => Part::Section {
            page: id,
            pages: site.section_pages(page.node, &page.lang),
            subsections: site.subsections(page.node, &page.lang),
        },
    }
}

/// One page of a paginated list.
pub(crate) struct Pager<'a> {
    /// The URL path of this page of the list.
    pub path: String,
    pub view: PaginatorView,
    pub pages: &'a [PageId],
}

/// `paginator` in a section's template (Zola's names).
#[derive(serde::Serialize, Clone)]
pub(crate) struct PaginatorView {
    /// 1-based.
    current_index: usize,
    number_pagers: usize,
    first: String,
    last: String,
    previous: Option<String>,
    next: Option<String>,
}

/// How many pages a paginated section's list takes (at least one, empty);
/// `None` when the page is not a section with `paginate_by`.
pub(super) fn pager_count(site: &Site, id: PageId) -> Option<usize> {
    let (pages, per) = paginated(site, id)?;
    Some(pages.len().div_ceil(per).max(1))
}

/// Page `k` (from 0) of a paginated section's list.
pub(super) fn pager(site: &Site, id: PageId, k: usize) -> Option<Pager<'_>> {
    let (pages, per) = paginated(site, id)?;
    let count = pages.len().div_ceil(per).max(1);
    if k >= count {
        return None;
    }
    let page = &site.pages[id];
    let segment = site
        .config
        .language(&page.lang)
        .map_or("page", |l| l.page_path.as_str());
    // 1-based, as visitors count.
    let path_of = |n: usize| {
        if n == 1 {
            page.path.clone()
        } else {
            format!("{}{segment}/{n}/", page.path)
        }
    };
    let n = k + 1;
    Some(Pager {
        path: path_of(n),
        view: PaginatorView {
            current_index: n,
            number_pagers: count,
            first: site.config.url(&path_of(1)),
            last: site.config.url(&path_of(count)),
            previous: (n > 1).then(|| site.config.url(&path_of(n - 1))),
            next: (n < count).then(|| site.config.url(&path_of(n + 1))),
        },
        pages: &pages[(k * per).min(pages.len())..((k + 1) * per).min(pages.len())],
    })
}

/// A section's list and how many of its pages a page of it shows.
fn paginated(site: &Site, id: PageId) -> Option<(&[PageId], usize)> {
    let page = &site.pages[id];
    if site.nodes[page.node].kind == NodeKind::Page {
        return None;
    }
    let per = page.front_matter.paginate_by.filter(|&n| n > 0)?;
    Some((site.section_pages(page.node, &page.lang), per))
}

/// One template mistake breaks every page that uses the template: say so
/// once, with how many pages it broke.
pub(super) fn merge_repeated(failures: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut merged: Vec<(Diagnostic, usize)> = Vec::new();
    let strip = |m: &str| m.split(" (while rendering ").next().unwrap_or(m).to_owned();
    for d in failures {
        let same = merged.iter_mut().find(|(m, _)| {
            m.file == d.file
                && m.line == d.line
                && strip(&m.message) == strip(&d.message)
                && m.file
                    .as_ref()
                    .is_some_and(|f| !f.starts_with(Folder::Content.name()))
        });
        match same {
            Some((_, count)) => *count += 1,
            None => merged.push((d, 0)),
        }
    }
    merged
        .into_iter()
        .map(|(mut d, others)| {
            if others > 0 {
                d.message = d
                    .message
                    .replacen(')', &format!(" and {others} other pages)"), 1);
            }
            d
        })
        .collect()
}
