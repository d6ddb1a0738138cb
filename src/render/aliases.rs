//! Redirects from old URLs (`aliases` in front matter) to the page.

use super::escape_html;
use super::outputs::Output;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;

/// A redirect at each old URL that sends the visitor to the page, for
/// every alias that is a path on this site.
pub(super) fn list(site: &Site, diags: &mut Diagnostics) -> Vec<Output> {
    let mut outputs = Vec::new();
    for (id, page) in site.pages.iter().enumerate() {
        for (alias, text) in page.front_matter.aliases.iter().enumerate() {
            if alias_path(text).is_none() {
                diags.push(
                    Diagnostic::error(format!("alias `{text}` is not a path on this site"))
                        .in_file(&page.source)
                        .help(
                            "write old URLs as paths from the root, like \"/blog/mijn-oude-post/\"",
                        ),
                );
                continue;
            }
            outputs.push(Output::Alias { page: id, alias });
        }
    }
    outputs
}

/// Where an alias is written: `/oud/pad/` → `oud/pad/index.html`,
/// `/oud.html` → `oud.html`.
pub(super) fn alias_path(alias: &str) -> Option<String> {
    let trimmed = alias.trim();
    let path = trimmed.strip_prefix('/').unwrap_or(trimmed);
    if path.is_empty()
        || path.contains(['?', '#', '\\'])
        || path.split('/').any(|s| s == ".." || s == ".")
        || trimmed.contains("://")
    {
        return None;
    }
    if path.ends_with(".html") || path.ends_with(".htm") {
        Some(path.to_owned())
    } else {
        Some(format!("{}/index.html", path.trim_end_matches('/')))
    }
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
    }
}
