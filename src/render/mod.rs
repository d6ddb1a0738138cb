//! Rendering the model into the files of the site.
//!
//! [`render_site`] reads as the list of what a site is made of: pages, tag
//! pages, the language chooser, 404 pages, feeds, redirects for old URLs,
//! the sitemap, static files and assets. Templates render in parallel, each
//! through the [`cache`] that `praxis serve` keeps between builds; the result
//! is a list of [`OutputFile`]s in memory, written out (or served) by the
//! caller.

mod aliases;
pub mod cache;
mod context;
mod feeds;
mod files;
mod functions;
mod image_functions;
mod outputs;
mod pages;
mod sitemap;
pub mod templates;
pub mod views;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
pub use crate::html::escape_html;
use crate::i18n::I18n;
use crate::markdown::Rendered;
use crate::model::{PageId, Site};
use crate::output::OutputFile;
pub use cache::RenderCache;
use cache::{Inputs, Lookup, combine, fingerprint, recording_lookups};
use context::Sources;
use functions::LookupIndex;
use outputs::Output;
pub use templates::Templates;

/// Everything the render step needs besides the model.
pub struct RenderInput<'a> {
    pub root: &'a Path,
    pub theme_dir: Option<&'a Path>,
    pub rendered: &'a [Arc<Rendered>],
    pub i18n: &'a Arc<I18n>,
    /// The images: `resize_image` plans copies through it.
    pub media: &'a Arc<crate::media::Media>,
}

/// Renders the whole site, reusing what `cache` holds from the last build.
/// Returns its files, and what it takes to render a page again later.
pub fn render_site(
    site: &Site,
    input: &RenderInput,
    cache: &mut RenderCache,
    diags: &mut Diagnostics,
) -> (Vec<OutputFile>, PageRenderer) {
    let mut clock = crate::timing::Stopwatch::from_env();
    let shared = SharedValues::new(site, input.rendered, cache);
    clock.lap("  shared values");
    let index = Arc::new(LookupIndex::new(site, &shared, input.media));
    clock.lap("  lookup index");
    let register = |tera: &mut tera::Tera| {
        functions::register(tera, site, &index, input.i18n);
        image_functions::register(tera, input.media);
    };
    let templates = Templates::load(input.root, input.theme_dir, register, diags);
    let renderer = Renderer {
        templates: &templates,
        cache,
        index: &index,
        build_inputs: templates.version ^ input.i18n.version.rotate_left(1),
    };

    clock.lap("  load templates");
    let sources = Sources {
        site,
        rendered: input.rendered,
        shared: &shared,
    };
    let outputs = outputs::list(site, &templates, diags);
    clock.lap("  list outputs");
    let (mut files, fresh) = renderer.run(sources, outputs, diags);
    clock.lap("  render outputs");

    let static_files = files::static_files(input.root, input.theme_dir, diags);
    let mut derived = feeds::render_feeds(site, input.rendered, &shared, cache);
    derived.extend(sitemap::render_sitemap_and_robots(
        site,
        &static_files,
        cache,
    ));
    files.extend(derived.iter().map(|(_, file)| file.clone()));
    files.extend(aliases::render_aliases(site, diags));
    files.extend(static_files);
    files.extend(files::assets(site, input.root));
    clock.lap("  feeds, sitemap, files");

    for (file, inputs, lookups) in fresh {
        cache.insert(file, inputs, lookups);
    }
    let produced: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    cache.retain(&produced);
    cache.set_summaries(
        shared
            .summaries
            .iter()
            .map(|(value, fp)| (*fp, value.clone())),
    );
    cache.set_derived(derived);
    (files, PageRenderer { templates, shared })
}

/// What it takes to render one page again after the build: the form
/// endpoint shows a page anew with what a visitor typed and got wrong.
pub struct PageRenderer {
    templates: Templates,
    shared: SharedValues,
}

impl PageRenderer {
    /// Renders `page` with `extra` added to its context.
    pub fn render_with(
        &self,
        site: &Site,
        rendered: &[Arc<Rendered>],
        page: PageId,
        extra: Vec<(&'static str, Value)>,
    ) -> Result<String, Diagnostic> {
        let sources = Sources {
            site,
            rendered,
            shared: &self.shared,
        };
        let output = Output::Page { page, pager: None };
        let description = output.describe(sources, &self.templates);
        let mut context = description.parts.context(sources);
        for (key, value) in extra {
            context.insert_value(key, value);
        }
        self.templates
            .tera
            .render(description.template, &context)
            .map_err(|e| self.templates.diagnostic(&e, description.page.as_deref()))
    }
}

/// Renders outputs, or takes them from the cache when nothing they depend
/// on changed: the render cache is a layer over the list of outputs.
pub(crate) struct Renderer<'a> {
    templates: &'a Templates,
    cache: &'a RenderCache,
    index: &'a LookupIndex,
    /// The template set and the UI strings, which every output depends on.
    build_inputs: u64,
}

/// A freshly rendered output, with what to remember about it.
type Fresh = (OutputFile, (u64, u64), Vec<Lookup>);

impl Renderer<'_> {
    fn run(
        &self,
        sources: Sources,
        outputs: Vec<Output>,
        diags: &mut Diagnostics,
    ) -> (Vec<OutputFile>, Vec<Fresh>) {
        let results: Vec<Result<(OutputFile, Option<Fresh>), Diagnostic>> = outputs
            .into_par_iter()
            .map(|output| self.render(sources, &output))
            .collect();
        let mut files = Vec::with_capacity(results.len());
        let mut fresh = Vec::new();
        let mut failures = Vec::new();
        for result in results {
            match result {
                Ok((file, new)) => {
                    if let Some(new) = new {
                        fresh.push(new);
                    }
                    files.push(file);
                }
                Err(d) => failures.push(d),
            }
        }
        diags.extend(pages::merge_repeated(failures));
        (files, fresh)
    }

    fn render(
        &self,
        sources: Sources,
        output: &Output,
    ) -> Result<(OutputFile, Option<Fresh>), Diagnostic> {
        let description = output.describe(sources, self.templates);
        let start = || Inputs::new(description.template, self.build_inputs);
        let inputs = description.parts.fingerprint(sources, start(), false);
        // Debug builds (the tests) check the quick fingerprint against one of
        // the whole context, for every output: a part whose quick
        // fingerprint misses something its value holds cannot go unnoticed.
        let full = if cfg!(debug_assertions) {
            description.parts.fingerprint(sources, start(), true)
        } else {
            inputs
        };
        if let Some(file) = self
            .cache
            .get(&description.file, inputs, full, |l| self.index.result(l))
        {
            return Ok((file.clone(), None));
        }
        let context = description.parts.context(sources);
        let (result, lookups) =
            recording_lookups(|| self.templates.tera.render(description.template, &context));
        let html =
            result.map_err(|e| self.templates.diagnostic(&e, description.page.as_deref()))?;
        let file = OutputFile::rendered(description.file, html, description.origin);
        Ok((file.clone(), Some((file, (inputs, full), lookups))))
    }
}

/// Template values shared by every page, each with its fingerprint.
pub(crate) struct SharedValues {
    /// `site`, per language.
    sites: HashMap<String, (Value, u64)>,
    /// Each page as it appears in lists.
    pub(crate) summaries: Vec<(Value, u64)>,
}

impl SharedValues {
    /// Builds the values, taking the summaries that did not change from the cache.
    fn new(site: &Site, rendered: &[Arc<Rendered>], cache: &RenderCache) -> SharedValues {
        let sites = site
            .config
            .languages
            .iter()
            .map(|l| {
                let view = views::site_view(site, l);
                (
                    l.code.clone(),
                    (Value::from_serializable(&view), fingerprint(&view)),
                )
            })
            .collect();
        let summaries = (0..site.pages.len())
            .into_par_iter()
            .map(|id| {
                let view = views::page_summary(site, rendered, id);
                let fp = fingerprint(&view);
                (cache.summary(fp, || Value::from_serializable(&view)), fp)
            })
            .collect();
        SharedValues { sites, summaries }
    }

    pub(crate) fn list(&self, ids: &[PageId]) -> Value {
        Value::from(
            ids.iter()
                .map(|&p| self.summaries[p].0.clone())
                .collect::<Vec<_>>(),
        )
    }

    pub(crate) fn site_fingerprint(&self, lang: &str) -> u64 {
        self.sites[lang].1
    }

    pub(crate) fn site_value(&self, lang: &str) -> Value {
        self.sites[lang].0.clone()
    }

    pub(crate) fn list_fingerprint(&self, ids: &[PageId]) -> u64 {
        combine(ids.iter().map(|&p| self.summaries[p].1))
    }
}

/// `/nl/artikels/x/` → `nl/artikels/x/index.html`.
fn index_path(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
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
