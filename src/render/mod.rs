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
mod feeds;
mod files;
mod functions;
mod pages;
mod sitemap;
mod special;
mod tags;
pub mod templates;
pub mod views;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::markdown::Rendered;
use crate::model::{PageId, Site};
use crate::output::OutputFile;
pub use cache::RenderCache;
use cache::{Inputs, Lookup, combine, fingerprint, recording_lookups};
use functions::LookupIndex;
pub use templates::Templates;

/// Everything the render step needs besides the model.
pub struct RenderInput<'a> {
    pub root: &'a Path,
    pub theme_dir: Option<&'a Path>,
    pub rendered: &'a [Arc<Rendered>],
    pub i18n: &'a Arc<I18n>,
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
    let index = Arc::new(LookupIndex::new(site, &shared));
    clock.lap("  lookup index");
    let register = |tera: &mut tera::Tera| functions::register(tera, site, &index, input.i18n);
    let templates = Templates::load(input.root, input.theme_dir, register, diags);
    let renderer = Renderer {
        templates: &templates,
        cache,
        index: &index,
        build_inputs: templates.version ^ input.i18n.version.rotate_left(1),
    };

    clock.lap("  load templates");
    let mut jobs = pages::page_jobs(site, input.rendered, &renderer, &shared, diags);
    clock.lap("  page jobs");
    jobs.extend(tags::tag_page_jobs(site, &renderer, &shared, diags));
    jobs.extend(special::language_chooser_job(
        site, &renderer, &shared, diags,
    ));
    jobs.extend(special::not_found_jobs(site, &renderer, &shared, diags));
    clock.lap("  other jobs");
    let (mut files, fresh) = renderer.run(jobs, diags);
    clock.lap("  run jobs");

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
        let (template, mut context) = pages::page_context(site, rendered, &self.shared, page);
        for (key, value) in extra {
            context.insert_value(key, value);
        }
        let source = &site.pages[page].source;
        self.templates
            .tera
            .render(&template, &context)
            .map_err(|e| self.templates.diagnostic(&e, Some(source)))
    }
}

/// One output to render from a template: the fingerprint of its inputs,
/// and how to build its context should it have to be rendered.
pub(crate) struct Job<'a> {
    pub template: String,
    pub inputs: u64,
    /// In debug builds, where `inputs` is a shortcut: the fingerprint of
    /// the whole context, which must agree with it.
    pub full_inputs: Option<u64>,
    pub context: Box<dyn FnOnce() -> Context + Send + 'a>,
    pub path: String,
    pub origin: PathBuf,
    /// The content file being rendered, for error messages.
    pub page: Option<PathBuf>,
}

/// Renders jobs, or takes their output from the cache when nothing they
/// depend on changed.
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
    /// Starts the fingerprint of an output rendered with `template`.
    pub fn inputs(&self, template: &str) -> Inputs {
        Inputs::new(template, self.build_inputs)
    }

    pub fn templates(&self) -> &Templates {
        self.templates
    }

    fn run(&self, jobs: Vec<Job>, diags: &mut Diagnostics) -> (Vec<OutputFile>, Vec<Fresh>) {
        let results: Vec<Result<(OutputFile, Option<Fresh>), Diagnostic>> =
            jobs.into_par_iter().map(|job| self.render(job)).collect();
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

    fn render(&self, job: Job) -> Result<(OutputFile, Option<Fresh>), Diagnostic> {
        let full = job.full_inputs.unwrap_or(job.inputs);
        if let Some(file) = self
            .cache
            .get(&job.path, job.inputs, full, |l| self.index.result(l))
        {
            return Ok((file.clone(), None));
        }
        let context = (job.context)();
        let (result, lookups) =
            recording_lookups(|| self.templates.tera.render(&job.template, &context));
        let html = result.map_err(|e| self.templates.diagnostic(&e, job.page.as_deref()))?;
        let file = OutputFile::rendered(job.path, html, job.origin);
        Ok((file.clone(), Some((file, (job.inputs, full), lookups))))
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

    pub(crate) fn list_fingerprint(&self, ids: &[PageId]) -> u64 {
        combine(ids.iter().map(|&p| self.summaries[p].1))
    }

    /// Adds to `inputs` what [`Self::context`] puts in the context.
    fn fingerprint_common(
        &self,
        inputs: &mut Inputs,
        site: &Site,
        lang: &str,
        path: &str,
        translations: &[views::Translation],
    ) {
        inputs
            .add(self.sites[lang].1)
            .add_serialized(lang)
            .add_serialized(path)
            .add_serialized(translations)
            .add_serialized(&views::versions(&site.config, translations));
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
        context.insert_value("site", self.sites[lang].0.clone());
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
