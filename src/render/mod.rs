//! Rendering the model into the files of the site.
//!
//! [`render_site`] reads as the list of what a site is made of: pages, tag
//! pages, the language chooser, 404 pages, feeds, redirects for old URLs,
//! the sitemap, static files and assets.
//! Pages render in parallel; the result is a list of [`OutputFile`]s in
//! memory, written out (or served) by the caller.

mod aliases;
mod feeds;
mod files;
mod functions;
mod pages;
mod sitemap;
mod special;
mod tags;
pub mod templates;
pub mod views;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::diagnostics::Diagnostics;
use crate::i18n::I18n;
use crate::markdown::Rendered;
use crate::model::{PageId, Site};
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
pub fn render_site(site: &Site, input: &RenderInput, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let shared = SharedValues::new(site, input.rendered);
    let register = |tera: &mut tera::Tera| functions::register(tera, site, &shared, input.i18n);
    let templates = &Templates::load(input.root, input.theme_dir, register, diags);

    let mut files = pages::render_pages(site, input.rendered, templates, &shared, diags);
    files.extend(tags::render_tag_pages(site, templates, &shared, diags));
    files.extend(special::render_language_chooser(
        site, templates, &shared, diags,
    ));
    files.extend(special::render_not_found_pages(
        site, templates, &shared, diags,
    ));
    files.extend(feeds::render_feeds(site, input.rendered));
    files.extend(aliases::render_aliases(site, diags));
    let static_files = files::static_files(input.root, input.theme_dir, diags);
    files.extend(sitemap::render_sitemap_and_robots(site, &static_files));
    files.extend(static_files);
    files.extend(files::assets(site, input.root));
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
                let view = views::site_view(site, l);
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

    /// The context every template gets: the site in `lang`, the page's
    /// URL, and its versions in every language.
    fn context(
        &self,
        site: &Site,
        lang: &str,
        path: &str,
        translations: &[views::Translation],
    ) -> Context {
        let mut context = Context::new();
        context.insert_value("site", self.sites[lang].clone());
        context.insert("lang", lang);
        context.insert("current_path", &site.config.url(path));
        context.insert("current_url", &site.config.permalink(path));
        context.insert("translations", translations);
        context.insert("versions", &views::versions(&site.config, translations));
        context
    }
}

/// `/nl/artikels/x/` → `nl/artikels/x/index.html`.
fn index_path(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Renders one template to one file, reporting a failure.
fn render_template(
    templates: &Templates,
    template: &str,
    context: &tera::Context,
    path: String,
    diags: &mut Diagnostics,
) -> Option<OutputFile> {
    match templates.tera.render(template, context) {
        Ok(html) => Some(OutputFile::rendered(
            path,
            html,
            templates
                .file(template)
                .unwrap_or(Path::new(template))
                .to_path_buf(),
        )),
        Err(e) => {
            diags.push(templates.diagnostic(&e, None));
            None
        }
    }
}

/// Escapes text for XML content and attribute values.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}
