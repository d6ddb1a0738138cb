//! Redirects from old URLs (`aliases` in front matter) to the page.

use crate::html::escape_html;
use crate::model::{PageId, Site};
use crate::output::OutputFile;

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

/// The icons a site may publish at its root (from its `static/` or its
/// theme's), in the order a redirect stub prefers them, with their types.
const ICONS: [(&str, &str); 3] = [
    ("favicon.svg", "image/svg+xml"),
    ("favicon.png", "image/png"),
    ("favicon.ico", "image/x-icon"),
];

/// The icon the site publishes at its root, if any: a stub links it, so
/// that a browser does not ask for a `/favicon.ico` that is not there.
pub(super) fn icon(statics: &[OutputFile]) -> Option<(&'static str, &'static str)> {
    ICONS
        .iter()
        .find(|(name, _)| statics.iter().any(|f| f.path == *name))
        .copied()
}

/// Whether a static file is one a stub may link as the site's icon: when
/// one comes or goes, the stubs are made again.
pub(super) fn is_icon(path: &str) -> bool {
    ICONS.iter().any(|(name, _)| *name == path)
}

/// What a redirect stub shows: it is a page of the site like any other for
/// a browser that stays on it a moment, or does not follow the refresh.
#[derive(Hash)]
pub(super) struct Stub {
    /// The page's language, for `<html lang>`.
    pub lang: String,
    /// The page's title and the site's, as the page's own `<title>` has them.
    pub title: String,
    /// The page's absolute URL.
    pub target: String,
    /// The href of the site's icon and its type.
    pub icon: Option<(String, &'static str)>,
}

/// A small page that sends the visitor to the stub's target.
pub(super) fn redirect_page(stub: &Stub) -> String {
    let target = escape_html(&stub.target);
    let title = escape_html(&stub.title);
    let lang = escape_html(&stub.lang);
    let icon = stub.icon.as_ref().map_or(String::new(), |(href, kind)| {
        format!(
            "<link rel=\"icon\" href=\"{}\" type=\"{kind}\">\n",
            escape_html(href)
        )
    });
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n{icon}</head>\n\
         <body><p><a href=\"{target}\">{title}</a></p></body>\n</html>\n"
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
