//! Rendering the model into the files of the site.
//!
//! [`render_site`] reads as the list of what a site is made of: pages,
//! redirects for old URLs, the language chooser, static files and assets.
//! Pages render in parallel; the result is a list of [`OutputFile`]s in
//! memory, written out (or served) by the caller.

mod functions;
pub mod templates;
pub mod views;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Value};
use walkdir::WalkDir;

use crate::config::CONFIG_FILE;
use crate::content::{is_ignored, relative_to};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::markdown::Rendered;
use crate::model::{NodeKind, PageId, Site};
use crate::output::OutputFile;
pub use templates::Templates;

/// Everything the render step needs besides the model.
pub struct RenderInput<'a> {
    pub root: &'a Path,
    pub theme_dir: Option<&'a Path>,
    pub rendered: &'a [Rendered],
    pub i18n: &'a Arc<I18n>,
}

/// Renders the whole site.
pub fn render_site(
    site: &Site,
    input: &RenderInput,
    templates: &mut Templates,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let shared = SharedValues::new(site, input.rendered);
    functions::register(&mut templates.tera, site, &shared, input.i18n);

    let mut files = render_pages(site, input.rendered, templates, &shared, diags);
    files.extend(render_aliases(site, diags));
    files.extend(render_language_chooser(site, templates, &shared, diags));
    files.extend(static_files(input.root, input.theme_dir, diags));
    files.extend(assets(site, input.root));
    files
}

/// Template values shared by every page, serialized once.
pub(crate) struct SharedValues {
    /// `site`, per language.
    sites: HashMap<String, Value>,
    /// Each page as it appears in lists.
    pub(crate) summaries: Vec<Value>,
}

impl SharedValues {
    fn new(site: &Site, rendered: &[Rendered]) -> SharedValues {
        let sites = site
            .config
            .languages
            .iter()
            .map(|l| {
                let view = views::site_view(&site.config, l);
                (l.code.clone(), Value::from_serializable(&view))
            })
            .collect();
        let summaries = (0..site.pages.len())
            .into_par_iter()
            .map(|id| Value::from_serializable(&views::page_summary(site, rendered, id)))
            .collect();
        SharedValues { sites, summaries }
    }

    pub(crate) fn list(&self, ids: &[PageId]) -> Value {
        Value::from(
            ids.iter()
                .map(|&p| self.summaries[p].clone())
                .collect::<Vec<_>>(),
        )
    }

    fn context(&self, site: &Site, lang: &str, path: &str) -> Context {
        let mut context = Context::new();
        context.insert_value("site", self.sites[lang].clone());
        context.insert("lang", lang);
        context.insert("current_path", &site.config.url(path));
        context.insert("current_url", &site.config.permalink(path));
        context
    }
}

fn default_template(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Home => "index.html",
        NodeKind::Section => "section.html",
        NodeKind::Page => "page.html",
    }
}

fn render_pages(
    site: &Site,
    rendered: &[Rendered],
    templates: &Templates,
    shared: &SharedValues,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let results: Vec<Result<Option<OutputFile>, Diagnostic>> = (0..site.pages.len())
        .into_par_iter()
        .map(|id| render_page(site, rendered, templates, shared, id))
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(f) => files.extend(f),
            Err(d) => failures.push(d),
        }
    }
    diags.extend(merge_repeated(failures));
    files
}

fn render_page(
    site: &Site,
    rendered: &[Rendered],
    templates: &Templates,
    shared: &SharedValues,
    id: PageId,
) -> Result<Option<OutputFile>, Diagnostic> {
    let page = &site.pages[id];
    let kind = site.nodes[page.node].kind;
    let template = page
        .front_matter
        .template
        .as_deref()
        .unwrap_or(default_template(kind));
    if templates.is_broken(template) {
        return Ok(None);
    }
    if !templates.has(template) {
        let help = if page.front_matter.template.is_some() {
            format!("create templates/{template}, or remove `template` from the front matter")
        } else {
            format!("the theme must provide {template}; add it to the theme or to templates/")
        };
        return Err(
            Diagnostic::error(format!("template `{template}` not found"))
                .in_file(&page.source)
                .help(help),
        );
    }

    let mut context = shared.context(site, &page.lang, &page.path);
    match kind {
        NodeKind::Page => context.insert("page", &views::page_view(site, rendered, id)),
        NodeKind::Home | NodeKind::Section => {
            let mut section = Value::from_serializable(&views::page_view(site, rendered, id))
                .into_map()
                .unwrap_or_default();
            section.insert(
                "pages".into(),
                shared.list(site.section_pages(page.node, &page.lang)),
            );
            section.insert(
                "subsections".into(),
                shared.list(&site.subsections(page.node, &page.lang)),
            );
            context.insert_value("section", Value::from(section));
        }
    }
    let html = templates
        .tera
        .render(template, &context)
        .map_err(|e| templates.diagnostic(&e, Some(&page.source)))?;
    Ok(Some(OutputFile::rendered(
        index_path(&page.path),
        html,
        page.source.clone(),
    )))
}

/// One template mistake breaks every page that uses the template: say so
/// once, with how many pages it broke.
fn merge_repeated(failures: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut merged: Vec<(Diagnostic, usize)> = Vec::new();
    let strip = |m: &str| m.split(" (while rendering ").next().unwrap_or(m).to_owned();
    for d in failures {
        let same = merged.iter_mut().find(|(m, _)| {
            m.file == d.file
                && m.line == d.line
                && strip(&m.message) == strip(&d.message)
                && m.file.as_ref().is_some_and(|f| !f.starts_with("content"))
        });
        match same {
            Some((_, count)) => *count += 1,
            None => merged.push((d, 0)),
        }
    }
    merged
        .into_iter()
        .map(|(mut d, others)| {
            if others > 0 {
                d.message = d
                    .message
                    .replacen(')', &format!(" and {others} other pages)"), 1);
            }
            d
        })
        .collect()
}

/// `/nl/artikels/x/` → `nl/artikels/x/index.html`.
fn index_path(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

/// A small page at each old URL that sends the visitor to the new one.
fn render_aliases(site: &Site, diags: &mut Diagnostics) -> Vec<OutputFile> {
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

/// The root `index.html`: a page that lets the visitor choose a language,
/// unless the default language lives at the root.
fn render_language_chooser(
    site: &Site,
    templates: &Templates,
    shared: &SharedValues,
    diags: &mut Diagnostics,
) -> Option<OutputFile> {
    const TEMPLATE: &str = "language_chooser.html";
    if site.config.default_language_at_root {
        return None;
    }
    if !templates.has(TEMPLATE) {
        diags.push(
            Diagnostic::error(format!("template `{TEMPLATE}` not found"))
                .in_file(CONFIG_FILE)
                .help(format!(
                    "the theme must provide {TEMPLATE} for the root page, or set \
                     default_language_at_root = true"
                )),
        );
        return None;
    }
    let lang = &site.config.default_language;
    let context = shared.context(site, lang, "/");
    match templates.tera.render(TEMPLATE, &context) {
        Ok(html) => Some(OutputFile::rendered(
            "index.html".into(),
            html,
            templates
                .file(TEMPLATE)
                .unwrap_or(Path::new(TEMPLATE))
                .to_path_buf(),
        )),
        Err(e) => {
            diags.push(templates.diagnostic(&e, None));
            None
        }
    }
}

/// The theme's `static/`, then the site's, which replaces files of the same name.
fn static_files(root: &Path, theme: Option<&Path>, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let mut by_path: HashMap<String, OutputFile> = HashMap::new();
    let dirs = theme
        .map(|t| t.join(templates::STATIC_DIR))
        .into_iter()
        .chain(std::iter::once(root.join(templates::STATIC_DIR)));
    for dir in dirs.filter(|d| d.is_dir()) {
        for entry in WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()))
        {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
                    let path = slash(rel);
                    let origin = relative_to(root, e.path());
                    by_path.insert(
                        path.clone(),
                        OutputFile::copied(path, e.into_path(), origin),
                    );
                }
                Ok(_) => {}
                Err(e) => diags.push(
                    Diagnostic::error(format!("cannot read a static file: {e}"))
                        .in_file(e.path().map_or(dir.clone(), PathBuf::from))
                        .help("check that the file is readable"),
                ),
            }
        }
    }
    let mut files: Vec<OutputFile> = by_path.into_values().collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Each node's assets, beside each of its pages.
fn assets(site: &Site, root: &Path) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for node in &site.nodes {
        for &page in &node.pages {
            let dir = site.pages[page].path.trim_start_matches('/');
            for asset in &node.assets {
                files.push(OutputFile::copied(
                    format!("{dir}{}", asset.relative),
                    asset.source.clone(),
                    relative_to(root, &asset.source),
                ));
            }
        }
    }
    files
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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
