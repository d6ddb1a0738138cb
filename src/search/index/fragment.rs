//! A page's fragment: what a search result shows of it (its URL, title and
//! text, from which the excerpt is cut), as the JSON Pagefind writes
//! (`fragments/mod.rs`, MIT), gzipped, named after its content.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::encode;

#[derive(Serialize)]
struct FragmentData<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: BTreeMap<String, Vec<String>>,
    meta: BTreeMap<&'a str, &'a str>,
    anchors: [(); 0],
}

/// A page's fragment file, made once per version of the page.
#[derive(Clone)]
pub struct Fragment {
    /// `nl_` and the SHA-1 of the JSON: the file's name is its start.
    pub full_hash: String,
    pub word_count: usize,
    pub gz: Arc<[u8]>,
}

impl Fragment {
    pub fn new(
        lang: &str,
        url: &str,
        title: &str,
        content: &str,
        word_count: usize,
        effort: encode::Effort,
    ) -> Fragment {
        let data = FragmentData {
            url,
            content,
            word_count,
            filters: BTreeMap::new(),
            meta: BTreeMap::from([("title", title)]),
            anchors: [],
        };
        // Strings and maps of strings: serialising cannot fail.
        let json = serde_json::to_string(&data).unwrap_or_default();
        Fragment {
            full_hash: format!("{lang}_{}", encode::full_hash(json.as_bytes())),
            word_count,
            gz: encode::gzip(json.as_bytes(), effort).into(),
        }
    }
}
