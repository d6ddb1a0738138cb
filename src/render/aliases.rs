//! Redirects from old URLs (`aliases` in front matter) to the page.

use crate::html::escape_html;
use crate::model::{PageId, Site};

/// Each old URL to send a visitor from, as its page and the alias's index
/// in the page's `aliases` (every alias is a path on this site: the front
/// matter was checked when read).
pub(super) fn list(site: &Site) -> Vec<(PageId, usize)> {
    let mut aliases = Vec::new();
    for (id, page) in site.pages.iter_enumerated() {
        for (alias, text) in page.front_matter.aliases.iter().enumerate() {
            if alias_path(text).is_some() {
                aliases.push((id, alias));
            }
        }
    }
    aliases
}

/// Where an alias is written: `/oud/pad/` → `oud/pad/index.html`,
/// `/oud.html` → `oud.html`.
pub(super) fn alias_path(alias: &str) -> Option<String> {
    crate::content::front_matter::alias_path(alias).ok()
}

/// A small page that sends the visitor to `target`.
pub(super) fn redirect_page(target: &str) -> String {
    let target = escape_html(target);
    format!(
        "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{target}</title>\n\
         <link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n\
         <body><p><a href=\"{target}\">{target}</a></p></body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths() {
        assert_eq!(
            alias_path("/blog/oud/").as_deref(),
            Some("blog/oud/index.html")
        );
        assert_eq!(alias_path("/oud.html").as_deref(), Some("oud.html"));
        assert_eq!(alias_path("/../etc/passwd"), None);
        assert_eq!(alias_path("https://elders.org/x"), None);
        assert_eq!(alias_path("/"), None);
        assert_eq!(alias_path("//elders.org/x"), None);
        assert_eq!(alias_path("javascript:alert(1)"), None);
        assert_eq!(alias_path("/a//b/"), None);
        assert_eq!(
            alias_path("/oud:pad/").as_deref(),
            Some("oud:pad/index.html")
        );
        assert_eq!(
            alias_path("blog/a:b/").as_deref(),
            Some("blog/a:b/index.html")
        );
    }
}
