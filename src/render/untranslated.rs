//! The notice a page gets in a language it is not written in.
//!
//! A visitor reading the Dutch article who switches to French should land
//! on a French page, in the French site's header and menu, that says the
//! article is not in French yet and offers it in the languages it exists
//! in — as Astro Starlight does — rather than on the French home page
//! with no word of why. So each page of a node missing in a language gets,
//! in that language's URL space, such a notice (when the theme has the
//! template, [`TEMPLATE`]); the language switcher of the page's versions
//! leads there. The notice is no translation: it is `noindex`, in no
//! sitemap, and no `hreflang` names it, which list real versions only.
//!
//! Where: the path of the node's first version with its language's root
//! replaced (`/nl/artikels/mentorschap/` → `/fr/artikels/mentorschap/`),
//! which depends on that version alone, as Starlight keeps one slug in
//! every language. Should a real page of that language be there already,
//! it wins, and the build warns.

use std::collections::HashSet;

use crate::config::LangId;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{NodeKind, PageId, Site};

/// The theme's template for the notice.
pub const TEMPLATE: &str = "untranslated.html";

/// The version a node's notices are made from: its first in the site's
/// order of languages, where the node is neither the home page (every
/// language has its own) nor written in every language.
fn source_of(site: &Site, page: PageId) -> bool {
    let node = &site.nodes[site.pages[page].node];
    node.kind != NodeKind::Home
        && node.pages.first() == Some(&page)
        && node.pages.len() < site.config.languages.len()
}

/// Where the notice of `page`'s node in language `lang` is.
pub fn path(site: &Site, page: PageId, lang: &str) -> String {
    let config = &site.config;
    let source = &site.pages[page];
    let own_root = config.language_root(&source.lang);
    let below = source.path.strip_prefix(own_root.as_str()).unwrap_or("");
    format!("{}{below}", config.language_root(lang))
}

/// The notice that stands for `page`'s node in `lang`, if the node has
/// none in `lang` and the theme makes notices: its path.
pub fn notice_for(site: &Site, page: PageId, lang: &str, notices: bool) -> Option<String> {
    if !notices {
        return None;
    }
    let node = &site.nodes[site.pages[page].node];
    let &first = node.pages.first()?;
    if !source_of(site, first) || node.pages.iter().any(|&p| site.pages[p].lang == lang) {
        return None;
    }
    Some(path(site, first, lang))
}

/// Every notice to make, as the version it is made from and the language
/// it is in, leaving out (with a warning) one whose path a real page holds.
pub fn list(site: &Site, diags: &mut Diagnostics) -> Vec<(PageId, LangId)> {
    let config = &site.config;
    let taken: HashSet<&str> = site.pages.iter().map(|p| p.path.as_str()).collect();
    let mut notices = Vec::new();
    for page in site.pages.ids().filter(|&p| source_of(site, p)) {
        let node = &site.nodes[site.pages[page].node];
        for lang in config.language_ids() {
            let code = config.language_at(lang).code.as_str();
            if node.pages.iter().any(|&p| site.pages[p].lang == code) {
                continue;
            }
            let at = path(site, page, code);
            if taken.contains(at.as_str()) {
                diags.push(
                    Diagnostic::warning(format!(
                        "this page has no version in `{code}`, and the page saying so would be at \
                         {at}, where another page is"
                    ))
                    .in_file(&site.pages[page].source)
                    .help(format!(
                        "give the page at {at} another slug, or translate {} into `{code}`",
                        node.key
                    )),
                );
                continue;
            }
            notices.push((page, lang));
        }
    }
    notices
}
