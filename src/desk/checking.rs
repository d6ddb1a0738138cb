//! `praxis check` in the desk: what a build would refuse, what it lets
//! through but a careful author wants to know (a missing description, a
//! photo without alt text…), and the translations to write or update —
//! each with a link to the page and the field it is about. Nothing is
//! written (the translations' record is `praxis check`'s and the
//! translator's view's to update).
//!
//! A finding whose [`Kind`] the desk knows is said in her language; the
//! others show praxis's own English words, marked as such, until they
//! get a kind and words of their own — never left out.

use std::path::Path;

use axum::response::Response;

use super::visit::Visit;
use super::words::Words;
use super::{encode, page_html};
use crate::diagnostics::{Diagnostic, Kind};
use crate::html::escape_html as esc;
use crate::model::Site;
use crate::serve::translations_view::{VersionState, version_states};

/// One finding: the page it is about (a node key), and what it says.
pub(super) struct Finding {
    pub key: Option<String>,
    /// The page's version it is in (`nl`), where it is in one.
    pub lang: Option<String>,
    pub line: Option<usize>,
    pub kind: Option<Kind>,
    /// praxis's own words (English), for what has no kind the desk knows.
    pub said: String,
}

impl Finding {
    /// A diagnostic, with the page and the version of the file it is in.
    pub fn of(d: &Diagnostic) -> Finding {
        let file = d.file.as_deref();
        Finding {
            key: file.and_then(node_key),
            lang: file
                .filter(|f| f.starts_with(crate::content::CONTENT_DIR))
                .and_then(|f| f.file_stem())
                .map(|stem| stem.to_string_lossy().into_owned()),
            line: d.line,
            kind: d.kind,
            said: d.message.clone(),
        }
    }

    /// The finding as an item of a list: where (the page and its language,
    /// linked to the field to fix), then what, in her words.
    pub fn html(&self, words: Words, site: &Site) -> String {
        let what = match self.kind {
            Some(kind) => esc(&words.get(kind_words(kind))),
            None => format!(
                "<span class=\"untranslated\">{}</span> <span lang=\"en\">{}</span>",
                esc(&words.get("finding-english")),
                esc(&self.said)
            ),
        };
        let line = self
            .line
            .map(|line| {
                format!(
                    " <small>({})</small>",
                    esc(&words.with("finding-line", &[("line", line.into())]))
                )
            })
            .unwrap_or_default();
        let Some(key) = &self.key else {
            return format!("<li>{what}{line}</li>");
        };
        let page = page_title(site, key, self.lang.as_deref()).unwrap_or_else(|| {
            if key.is_empty() {
                words.get("home")
            } else {
                key.clone()
            }
        });
        let language = self
            .lang
            .as_deref()
            .and_then(|l| site.config.language(l))
            .map(|l| format!(" · {}", l.name))
            .unwrap_or_default();
        let field = match (&self.lang, self.kind.and_then(field_of)) {
            (Some(lang), Some(field)) => format!("#{lang}-{field}"),
            _ => String::new(),
        };
        format!(
            "<li><a href=\"/_praxis/page?p={key}{field}\">{page}{language}</a>: {what}{line}</li>",
            key = esc(&encode(key)),
            field = esc(&field),
            page = esc(&page),
            language = esc(&language),
        )
    }
}

/// The desk's words for what a finding of `kind` is about.
fn kind_words(kind: Kind) -> &'static str {
    match kind {
        Kind::NoDescription => "finding-no-description",
        Kind::ImageWithoutAlt => "finding-image-without-alt",
        Kind::BrokenLink => "finding-broken-link",
        Kind::InvalidSlug => "finding-invalid-slug",
        Kind::SlugClash => "finding-slug-clash",
        Kind::EmptyTitle => "finding-empty-title",
        Kind::InvalidDate => "finding-invalid-date",
        Kind::FrontMatter => "finding-front-matter",
        Kind::PlaceholderTitle => "finding-placeholder-title",
        Kind::LinkToDraft => "finding-link-to-draft",
        Kind::EmptyTableHeader => "finding-empty-table-header",
        Kind::UnusablePhoto => "finding-unusable-photo",
    }
}

/// The editor's field where a finding of `kind` is fixed (its id is
/// `LANG-FIELD`); none where the file cannot be read as fields.
fn field_of(kind: Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::NoDescription => "description",
        Kind::ImageWithoutAlt | Kind::BrokenLink | Kind::LinkToDraft | Kind::EmptyTableHeader => {
            "body"
        }
        Kind::InvalidSlug | Kind::SlugClash => "slug",
        Kind::EmptyTitle | Kind::PlaceholderTitle => "title",
        Kind::InvalidDate => "date",
        // A photo is not a field: the page's photo list shows it.
        Kind::FrontMatter | Kind::UnusablePhoto => return None,
    })
}

/// The title of page `key` in `lang`, else in any language.
fn page_title(site: &Site, key: &str, lang: Option<&str>) -> Option<String> {
    let node = site.node(key)?;
    let pages = || node.pages.iter().map(|&p| &site.pages[p]);
    pages()
        .find(|p| Some(p.lang.as_str()) == lang)
        .or_else(|| pages().next())
        .map(|p| p.title.clone())
        .or_else(|| node.drafts.first().map(|d| d.front_matter.title.clone()))
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
    // Each translation to write or update, as a list item already.
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
            let title = page_title(site, &key, None).unwrap_or_else(|| key.clone());
            translations.push(format!(
                "<li><a href=\"/_praxis/page?p={}#{}-body\">{} · {}</a>: {}</li>",
                esc(&encode(&key)),
                esc(&lang),
                esc(&title),
                esc(&name),
                esc(&words.get(id))
            ));
        }
    }
    let listed = |findings: &[Finding]| -> Vec<String> {
        findings.iter().map(|f| f.html(words, site)).collect()
    };
    let (errors, warnings) = (listed(&errors), listed(&warnings));
    let mut body = String::new();
    if errors.is_empty() && warnings.is_empty() && translations.is_empty() {
        body.push_str(&format!(
            "<p class=\"notice\" role=\"status\">{}</p>",
            esc(&words.get("check-clean"))
        ));
    }
    for (heading, items, class) in [
        ("check-errors", &errors, "problems"),
        ("check-warnings", &warnings, "warnings"),
        ("check-translations", &translations, "translations"),
    ] {
        if items.is_empty() {
            continue;
        }
        body.push_str(&format!(
            "<section class=\"{class}\"><h2>{} ({})</h2><ul>{}</ul></section>",
            esc(&words.get(heading)),
            items.len(),
            items.concat()
        ));
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
