//! Which rendered pages the search finds.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::{Body, OutputFile};

/// A rendered page to index.
pub struct IndexedPage {
    /// The href search results link to: `/nl/artikels/mentorschap/`.
    pub url: String,
    pub html: Arc<[u8]>,
    /// Of `html`: the page is parsed again only when it changes. Taken by
    /// the indexer (`LanguageIndex::update` in `bundle.rs`), off the
    /// reload path of `praxis serve`; 0 until then.
    pub hash: u64,
    /// The content file, for messages.
    pub source: PathBuf,
}

/// Every page to index, by language: the content pages in `[search]
/// sections`, except those with `search = false` or `noindex` (a form's
/// thank-you page is no answer to a search). Tag lists, 404 pages and
/// further pages of a paginated list are not content of their own.
pub fn indexed_pages(site: &Site, files: &[OutputFile]) -> HashMap<String, Vec<IndexedPage>> {
    let bodies: HashMap<&str, &Arc<[u8]>> = files
        .iter()
        .filter_map(|f| match &f.body {
            Body::Bytes(bytes) => Some((f.path.as_str(), bytes)),
            Body::Copy(_) | Body::Staged => None,
        })
        .collect();
    let search = &site.config.search;
    let mut by_language: HashMap<String, Vec<IndexedPage>> = HashMap::new();
    for page in &site.pages {
        let key = &site.nodes[page.node].key;
        if page.front_matter.search == Some(false) || page.noindex || !search.covers(key) {
            continue;
        }
        let file = format!("{}index.html", page.path.trim_start_matches('/'));
        let Some(html) = bodies.get(file.as_str()) else {
            continue;
        };
        by_language
            .entry(page.lang.clone())
            .or_default()
            .push(IndexedPage {
                url: site.config.url(&page.path),
                html: Arc::clone(html),
                hash: 0,
                source: page.source.clone(),
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
