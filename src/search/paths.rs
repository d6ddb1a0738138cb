//! Where a language's search page and Pagefind bundle live in the site:
//! the render links to them whether or not this praxis indexes.

use crate::config::Config;

/// The site path of a language's Pagefind bundle: `/nl/pagefind/`.
pub fn bundle_path(config: &Config, lang: &str) -> String {
    format!("{}pagefind/", config.language_root(lang))
}

/// The site path of a language's search page: `/nl/zoeken/`.
pub fn page_path(config: &Config, lang: &str) -> String {
    let segment = config
        .language(lang)
        .map_or("search", |l| l.search_path.as_str());
    format!("{}{segment}/", config.language_root(lang))
}
