//! Which pages the search finds, and what it reads of each.

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{NodeKind, PageId, Site};

/// A page to index: a record for Pagefind, made from the page's converted
/// Markdown and its title, without its HTML.
pub struct IndexedPage {
    /// The href search results link to: `/nl/artikels/mentorschap/`.
    pub url: String,
    /// What a result is called.
    pub title: String,
    /// Whether the title is the text's first heading (an article's, as
    /// the theme's `<h1>` is) or only what the result is called (a list's).
    pub titled: bool,
    /// The text as Pagefind's digest ([`super::digest`]), shared with the
    /// converted Markdown: handing every page over after a save in
    /// `praxis serve` copies no text.
    pub body: Arc<str>,
}

impl IndexedPage {
    /// A hash of the URL, title and text: the page is read again only
    /// when it changes.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(&[u8::from(self.titled)]);
        for part in [self.url.as_str(), self.title.as_str(), &self.body] {
            hasher.update(&part.len().to_le_bytes());
            hasher.update(part.as_bytes());
        }
        hasher.digest()
    }

    /// The record's text: the title as the first heading where it is one,
    /// then the body.
    pub fn text(&self) -> String {
        if !self.titled {
            return self.body.to_string();
        }
        let mut text = super::digest::Digest::titled(&self.title).finish();
        text.push_str(&self.body);
        text
    }
}

/// Every page to index, by language: the content pages in `[search]
/// sections`, except those with `search = false` or `noindex` (a form's
/// thank-you page is no answer to a search). Tag lists, 404 pages and
/// further pages of a paginated list are not content of their own.
///
/// `text` gives a page's digest (from its converted Markdown; `None` for a
/// page that was not converted). An article's title is its first heading,
/// as the theme's `<h1>` is; a list's title (the home page, a section) is
/// only what its result is called, since its heading is not part of its
/// text on the page either.
pub fn indexed_pages(
    site: &Site,
    mut text: impl FnMut(PageId) -> Option<Arc<str>>,
) -> HashMap<String, Vec<IndexedPage>> {
    let search = &site.config.search;
    let mut by_language: HashMap<String, Vec<IndexedPage>> = HashMap::new();
    for id in site.pages.ids() {
        let page = &site.pages[id];
        let node = &site.nodes[page.node];
        if !search.finds(&node.key, page.front_matter.search, page.noindex) {
            continue;
        }
        let Some(body) = text(id) else {
            continue;
        };
        by_language
            .entry(page.lang.clone())
            .or_default()
            .push(IndexedPage {
                url: site.config.url(&page.path),
                title: page.title.clone(),
                titled: node.kind == NodeKind::Page,
                body,
            });
    }
    by_language
}

/// Warns about `[search] sections` that name no content folder: a typo
/// would otherwise leave the search quietly empty.
pub fn check_sections(site: &Site, diags: &mut Diagnostics) {
    let config = &site.config;
    for section in &config.search.sections {
        if site.node(section).is_none() {
            let offset = config.source.find("[search]").unwrap_or(0);
            diags.push(
                Diagnostic::warning(format!(
                    "[search] sections: there is no content/{section}/, so nothing of it is indexed"
                ))
                .in_file(CONFIG_FILE)
                .at_offset(&config.source, offset, 1)
                .help("name folders under content/, like sections = [\"articles\"]"),
            );
        }
    }
}
