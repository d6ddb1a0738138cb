//! `praxis check` in the desk: what a build would refuse, what it lets
//! through but a careful author wants to know (a missing description, a
//! photo without alt text…), and the translations to write or update —
//! each with a link to the page it is about. Nothing is written (the
//! translations' record is `praxis check`'s and the translator's view's to
//! update).

use std::path::Path;

use axum::response::Response;

use super::visit::Visit;
use super::{encode, page_html};
use crate::html::escape_html as esc;
use crate::serve::translations_view::{VersionState, version_states};

/// One finding: the page it is about (a node key), and what it says.
pub(super) struct Finding {
    pub key: Option<String>,
    pub said: String,
}

impl Finding {
    /// A diagnostic's first line, and the page of the file it is in.
    pub fn of(d: &crate::diagnostics::Diagnostic) -> Finding {
        Finding {
            key: d.file.as_deref().and_then(node_key),
            said: d.to_string().lines().next().unwrap_or_default().to_owned(),
        }
    }
}

/// `content/articles/x/nl.md` → `articles/x`; `content/nl.md` → ``.
fn node_key(file: &Path) -> Option<String> {
    let inside = file.strip_prefix(crate::content::CONTENT_DIR).ok()?;
    let folder = inside.parent()?;
    Some(crate::site_files::slash_path(folder))
}

pub async fn page(visit: Visit) -> Response {
    let desk = &visit.desk;
    let root = desk.root().to_path_buf();
    let (errors, warnings) = tokio::task::spawn_blocking(move || findings(&root))
        .await
        .unwrap_or_default();
    let words = visit.words;
    let site = &visit.site;
    let mut translations = Vec::new();
    let mut states: Vec<_> = version_states(&desk.server, site).into_iter().collect();
    states.sort_by(|a, b| a.0.cmp(&b.0));
    for (key, versions) in states {
        for (lang, state) in versions {
            let id = match state {
                VersionState::OutOfDate => "state-out-of-date",
                VersionState::Missing => "state-missing",
                _ => continue,
            };
            let name = site
                .config
                .language(&lang)
                .map_or(lang.clone(), |l| l.name.clone());
            let title = site
                .node(&key)
                .and_then(|n| n.pages.first())
                .map(|&p| site.pages[p].title.clone())
                .unwrap_or_else(|| key.clone());
            translations.push(Finding {
                said: format!("{title} — {name}: {}", words.get(id)),
                key: Some(key.clone()),
            });
        }
    }
    let mut body = String::new();
    if errors.is_empty() && warnings.is_empty() && translations.is_empty() {
        body.push_str(&format!(
            "<p class=\"notice\" role=\"status\">{}</p>",
            esc(&words.get("check-clean"))
        ));
    }
    for (heading, findings, class) in [
        ("check-errors", &errors, "problems"),
        ("check-warnings", &warnings, "warnings"),
        ("check-translations", &translations, "translations"),
    ] {
        if findings.is_empty() {
            continue;
        }
        body.push_str(&format!(
            "<section class=\"{class}\"><h2>{} ({})</h2><ul>",
            esc(&words.get(heading)),
            findings.len()
        ));
        for finding in findings.iter() {
            match &finding.key {
                Some(key) => body.push_str(&format!(
                    "<li><a href=\"/_praxis/page?p={}\">{}</a></li>",
                    esc(&encode(key)),
                    esc(&finding.said)
                )),
                None => body.push_str(&format!("<li>{}</li>", esc(&finding.said))),
            }
        }
        body.push_str("</ul></section>");
    }
    page_html(super::html::layout(
        &visit.frame("/_praxis/check"),
        &words.get("check-heading"),
        None,
        &body,
    ))
}

/// The errors and the warnings of a build of the site and of `check`'s
/// advice, each with the page it is in.
fn findings(root: &Path) -> (Vec<Finding>, Vec<Finding>) {
    let build = crate::build::build_site(root, &crate::build::BuildOptions::default());
    let mut diagnostics = build.diagnostics;
    if let Some(site) = &build.site {
        diagnostics.extend(crate::advice::advise(
            root,
            site,
            build.pages.as_ref().map(|p| &*p.i18n),
        ));
    }
    diagnostics.sort();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for d in diagnostics.iter() {
        let finding = Finding::of(d);
        if d.is_error() {
            errors.push(finding);
        } else {
            warnings.push(finding);
        }
    }
    (errors, warnings)
}
