//! Redirects from old URLs (`aliases` in front matter) to the page.

use super::escape_html;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::OutputFile;

/// A small page at each old URL that sends the visitor to the new one.
pub fn render_aliases(site: &Site, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for page in &site.pages {
        for alias in &page.front_matter.aliases {
            let Some(path) = alias_path(alias) else {
                diags.push(
                    Diagnostic::error(format!("alias `{alias}` is not a path on this site"))
                        .in_file(&page.source)
                        .help(
                            "write old URLs as paths from the root, like \"/blog/mijn-oude-post/\"",
                        ),
                );
                continue;
            };
            let target = site.config.permalink(&page.path);
            let html = redirect_page(&target);
            files.push(OutputFile::rendered(path, html, page.source.clone()));
        }
    }
    files
}

/// Where an alias is written: `/oud/pad/` → `oud/pad/index.html`,
/// `/oud.html` → `oud.html`.
fn alias_path(alias: &str) -> Option<String> {
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

fn redirect_page(target: &str) -> String {
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
