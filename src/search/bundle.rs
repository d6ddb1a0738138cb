//! One language's Pagefind index, kept between builds.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::pages::IndexedPage;
use crate::config::CONFIG_FILE;
use crate::diagnostics::Diagnostic;
use crate::output::{Body, OutputFile};

/// Files of Pagefind's bundle that the theme does not load: its ready-made
/// interfaces (the theme has its own, in the site's style) and playground.
const UNUSED: [&str; 5] = [
    "pagefind-ui.",
    "pagefind-modular-ui.",
    "pagefind-component-ui.",
    "pagefind-highlight.",
    "playground/",
];

#[derive(Default)]
pub struct LanguageIndex {
    /// Holds every page parsed so far; `None` before the first build.
    index: Option<PagefindIndex>,
    /// The fingerprint of each indexed page's record, by URL.
    hashes: HashMap<String, u64>,
    /// The indexed pages' URLs, in the order they were added.
    order: Vec<String>,
    /// The bundle as last written.
    files: Vec<OutputFile>,
}

impl LanguageIndex {
    pub fn files(&self) -> &[OutputFile] {
        &self.files
    }

    /// Brings the index to `pages`, indexing again only the pages that
    /// changed and writing the bundle again only when one did. Returns what
    /// went wrong.
    pub fn update(
        &mut self,
        lang: &str,
        bundle: &str,
        mut pages: Vec<IndexedPage>,
    ) -> Vec<Diagnostic> {
        for page in &mut pages {
            page.hash = page.fingerprint();
        }
        // Pagefind can replace a page, not forget one, and numbers pages in
        // the order they came: a page added or removed means a new index,
        // so that the files are exactly those a fresh build writes.
        let same_pages = pages.len() == self.order.len()
            && pages.iter().zip(&self.order).all(|(p, url)| p.url == *url);
        if !same_pages {
            self.index = None;
            self.hashes.clear();
            self.order = pages.iter().map(|p| p.url.clone()).collect();
        } else if self.index.is_some()
            && pages
                .iter()
                .all(|p| self.hashes.get(&p.url) == Some(&p.hash))
        {
            return Vec::new();
        }
        let runtime = match tokio::runtime::Builder::new_current_thread().build() {
            Ok(r) => r,
            Err(e) => return vec![failed(lang, &e.to_string())],
        };
        runtime.block_on(self.rebuild(lang, bundle, pages))
    }

    async fn rebuild(
        &mut self,
        lang: &str,
        bundle: &str,
        pages: Vec<IndexedPage>,
    ) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if self.index.is_none() {
            let options = PagefindServiceConfig::builder()
                .force_language(lang.to_owned())
                .build();
            match PagefindIndex::new(Some(options)) {
                Ok(index) => self.index = Some(index),
                Err(e) => return vec![failed(lang, &e.to_string())],
            }
        }
        let Some(index) = self.index.as_mut() else {
            return problems;
        };
        for page in pages {
            if self.hashes.get(&page.url) == Some(&page.hash) {
                continue;
            }
            let text = page.text();
            let meta = BTreeMap::from([("title".to_owned(), page.title)]);
            match index
                .add_custom_record(
                    page.url.clone(),
                    text,
                    lang.to_owned(),
                    Some(meta),
                    None,
                    None,
                )
                .await
            {
                Ok(_) => {
                    self.hashes.insert(page.url, page.hash);
                }
                Err(e) => problems.push(
                    Diagnostic::warning(format!("the search cannot index this page: {e}"))
                        .in_file(&page.source)
                        .help("the page is left out of the search; the rest of the site is searchable"),
                ),
            }
        }
        match index.get_files().await {
            Ok(files) => {
                self.files = files
                    .into_iter()
                    .filter_map(|f| {
                        let name = f.filename.to_string_lossy().replace('\\', "/");
                        if UNUSED.iter().any(|u| name.starts_with(u)) {
                            return None;
                        }
                        Some(OutputFile {
                            path: format!("{}{name}", bundle.trim_start_matches('/')),
                            body: Body::Bytes(Arc::from(f.contents)),
                            origin: CONFIG_FILE.into(),
                        })
                    })
                    .collect();
            }
            Err(e) => {
                // Whatever it holds, start afresh next time.
                self.index = None;
                self.hashes.clear();
                self.order.clear();
                self.files.clear();
                problems.push(failed(lang, &e.to_string()));
            }
        }
        problems
    }
}

fn failed(lang: &str, why: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "the search index of `{lang}` could not be built: {why}"
    ))
    .in_file(CONFIG_FILE)
    .help("turn the search off with [search] enabled = false to build without it")
}

/// Pagefind stopped (panicked) while indexing `lang`.
pub fn stopped(lang: &str) -> Diagnostic {
    failed(lang, "the indexer stopped")
}
