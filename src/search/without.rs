//! The site's search in a praxis built without the `search` feature (and
//! so without Pagefind): the same public items as `mod.rs`, which
//! `src/lib.rs` puts in its place.
//!
//! A site without `[search]` builds exactly as it would with the feature.
//! A site that turns `[search]` on gets an error at that table rather than
//! a site whose search page finds nothing.

use std::collections::HashMap;
use std::sync::Arc;

use arc_swap::ArcSwap;

pub use crate::config::search::SearchConfig;
use crate::diagnostics::Diagnostics;
use crate::features::{self, Feature};
use crate::model::Site;
use crate::output::{Body, OutputFile};

#[path = "digest.rs"]
pub mod digest;
#[path = "paths.rs"]
mod paths;
pub use paths::{bundle_path, page_path};

/// The bundles `praxis serve` answers from: none, here.
pub type Published = Arc<ArcSwap<HashMap<String, Body>>>;

/// Nothing to keep between builds: nothing is indexed. (A field, so that
/// it is made as the full build's is, with `default()`.)
#[derive(Default)]
pub struct SearchCache {
    _nothing_indexed: (),
}

impl SearchCache {
    /// No index is ever published.
    pub fn in_background(&mut self) -> Published {
        Published::default()
    }
}

/// No index files; when site.toml turns `[search]` on, the error that says
/// this praxis cannot make them, at that table.
pub fn index(
    site: &Site,
    _text: impl FnMut(crate::model::PageId) -> Option<Arc<str>>,
    _cache: &mut SearchCache,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let config = &site.config;
    if config.search.enabled {
        let source = &config.source;
        let at = features::table_offset(source, "search");
        diags.push(
            features::missing(Feature::Search, "site.toml turns on [search]")
                .in_file(crate::config::CONFIG_FILE)
                .at_offset(source, at, 1),
        );
    }
    Vec::new()
}
