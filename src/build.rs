//! The build pipeline: load → model → Markdown → templates → files.
//!
//! [`build_site`] runs every stage in memory and returns the site's files
//! with every problem found on the way; writing them out is the caller's
//! choice (`praxis build` writes them to disk, the preview server keeps
//! them in memory).

use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::content;
use crate::diagnostics::Diagnostics;
use crate::i18n::I18n;
use crate::markdown;
use crate::model::{ModelOptions, Site};
use crate::output::{self, OutputFile};
use crate::render::{self, RenderInput};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub include_drafts: bool,
    /// Replaces `base_url` from site.toml.
    pub base_url: Option<String>,
}

/// A site built in memory, with what was found wrong on the way.
pub struct Build {
    /// The model; `None` only when site.toml could not be loaded.
    pub site: Option<Site>,
    /// The site's files; complete only when there is no error.
    pub files: Vec<OutputFile>,
    pub diagnostics: Diagnostics,
}

impl Build {
    pub fn succeeded(&self) -> bool {
        self.site.is_some() && !self.diagnostics.has_errors()
    }

    /// How many pages each language has, in site order.
    pub fn pages_per_language(&self) -> Vec<(String, usize)> {
        let Some(site) = &self.site else {
            return Vec::new();
        };
        site.config
            .languages
            .iter()
            .map(|l| {
                let n = site.pages.iter().filter(|p| p.lang == l.code).count();
                (l.code.clone(), n)
            })
            .collect()
    }
}

/// Builds the site under `root` in memory, running every stage that can
/// run so that every problem is found.
pub fn build_site(root: &Path, options: &BuildOptions) -> Build {
    let mut diags = Diagnostics::new();
    let failed = |diagnostics| Build {
        site: None,
        files: Vec::new(),
        diagnostics,
    };
    let mut config = match Config::load(root) {
        Ok(c) => c,
        Err(d) => return failed(d),
    };
    if let Some(url) = &options.base_url
        && let Err(d) = config.set_base_url(url)
    {
        diags.push(d);
        return failed(diags);
    }

    let mut clock = Stopwatch::from_env();
    let content = content::load(root, &config, &mut diags);
    clock.lap("load content");
    let model_options = ModelOptions {
        include_drafts: options.include_drafts,
    };
    let site = Site::assemble(config, content, model_options, &mut diags);
    clock.lap("assemble model");
    let theme_dir = render::templates::theme_dir(root, &site.config, &mut diags);
    let i18n = Arc::new(I18n::load(
        root,
        theme_dir.as_deref(),
        &site.config,
        &mut diags,
    ));
    clock.lap("load i18n");
    let rendered = markdown::render_all(&site, &mut diags);
    clock.lap("render markdown");

    let input = RenderInput {
        root,
        theme_dir: theme_dir.as_deref(),
        rendered: &rendered,
        i18n: &i18n,
    };
    let files = render::render_site(
        &site,
        &input,
        &mut render::RenderCache::default(),
        &mut diags,
    );
    clock.lap("render templates");
    let files = output::remove_collisions(files, &mut diags);

    diags.sort();
    Build {
        site: Some(site),
        files,
        diagnostics: diags,
    }
}

/// Stage timings on stderr when `PRAXIS_TIMINGS` is set: the cheapest
/// profile there is, and the first place to look when a build is slow.
struct Stopwatch {
    last: Option<std::time::Instant>,
}

impl Stopwatch {
    fn from_env() -> Stopwatch {
        Stopwatch {
            last: std::env::var_os("PRAXIS_TIMINGS").map(|_| std::time::Instant::now()),
        }
    }

    fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            eprintln!(
                "{stage:>20}: {:7.2} ms",
                last.elapsed().as_secs_f64() * 1000.0
            );
            self.last = Some(std::time::Instant::now());
        }
    }
}
