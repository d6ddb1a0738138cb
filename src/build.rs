//! The build pipeline: load → model → Markdown → templates → files.
//!
//! [`build_site`] runs every stage in memory and returns the site's files
//! with every problem found on the way; writing them out is the caller's
//! choice (`praxis build` writes them to disk, the preview server keeps
//! them in memory).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::content::{self, ContentCache};
use crate::diagnostics::Diagnostics;
use crate::i18n::I18n;
use crate::markdown::{self, MarkdownCache};
use crate::media::{self, Media, MediaMemo};
use crate::model::{ModelOptions, Site};
use crate::output::{self, OutputFile};
use crate::render::{self, RenderCache, RenderInput};
use crate::timing::Stopwatch;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub include_drafts: bool,
    /// Replaces `base_url` from site.toml.
    pub base_url: Option<String>,
    /// The forms post to the server that built the site, whatever
    /// `[submissions] endpoint` says: the preview answers them itself.
    pub forms_here: bool,
}

/// A site built in memory, with what was found wrong on the way.
pub struct Build {
    /// The model; `None` only when site.toml could not be loaded.
    pub site: Option<Arc<Site>>,
    /// The site's files; complete only when there is no error.
    pub files: Vec<OutputFile>,
    pub diagnostics: Diagnostics,
    /// Each page's rendered Markdown, and what renders a page again (for
    /// the form endpoint).
    pub pages: Option<Arc<RenderedSite>>,
    /// How many processed images were made, and how many found in the cache.
    pub images: media::Stats,
}

/// What it takes to render one page of a build again.
pub struct RenderedSite {
    pub rendered: Vec<Arc<crate::markdown::Rendered>>,
    pub renderer: render::PageRenderer,
    /// The UI strings the build used.
    pub i18n: Arc<I18n>,
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
    Workspace::new(root, options.clone()).build()
}

/// A site being worked on: what the last build read and rendered, kept so
/// that the next build (after an edit, in `praxis serve`) redoes only what
/// changed. A build from a workspace gives exactly what a fresh build would.
pub struct Workspace {
    root: PathBuf,
    options: BuildOptions,
    /// The text of site.toml the caches were filled under.
    config_source: Option<String>,
    content: ContentCache,
    markdown: MarkdownCache,
    renders: RenderCache,
    images: MediaMemo,
    search: crate::search::SearchCache,
}

impl Workspace {
    pub fn new(root: &Path, options: BuildOptions) -> Workspace {
        Workspace {
            root: root.to_path_buf(),
            options,
            config_source: None,
            content: ContentCache::default(),
            markdown: MarkdownCache::default(),
            renders: RenderCache::default(),
            images: MediaMemo::default(),
            search: crate::search::SearchCache::default(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Makes the next build read `path` again, whatever its size and time.
    /// Without a [`Self::rescan`], the next build trusts that no other
    /// content file changed.
    pub fn forget(&mut self, path: &Path) {
        self.content.forget(path);
    }

    /// Makes the next build look at the whole content tree again (after
    /// files or folders were created, removed or renamed).
    pub fn rescan(&mut self) {
        self.content.rescan();
    }

    /// Indexes for search on a thread of its own from now on, off the
    /// reload path of `praxis serve`: builds return no index files, the
    /// returned files are kept current instead.
    pub fn search_in_background(&mut self) -> crate::search::Published {
        self.search.in_background()
    }

    /// Builds the site, reusing whatever did not change since the last build.
    pub fn build(&mut self) -> Build {
        let root = self.root.clone();
        let mut diags = Diagnostics::new();
        let failed = |diagnostics| Build {
            site: None,
            files: Vec::new(),
            diagnostics,
            pages: None,
            images: media::Stats::default(),
        };
        let mut clock = Stopwatch::from_env();
        let mut config = match Config::load(&root) {
            Ok(c) => c,
            Err(d) => return failed(d),
        };
        if let Some(url) = &self.options.base_url
            && let Err(d) = config.set_base_url(url)
        {
            diags.push(d);
            return failed(diags);
        }
        if self.options.forms_here {
            config.submissions.endpoint = None;
        }
        // Everything depends on the configuration: start afresh when it changes.
        if self.config_source.as_deref() != Some(config.source.as_str()) {
            self.content.clear();
            self.markdown = MarkdownCache::default();
            self.renders = RenderCache::default();
            self.config_source = Some(config.source.clone());
        }

        let content = content::load_cached(&root, &config, &mut self.content, &mut diags);
        clock.lap("load content");
        let model_options = ModelOptions {
            include_drafts: self.options.include_drafts,
        };
        let site = Site::assemble(config, content, model_options, &mut diags);
        clock.lap("assemble model");
        let theme_dir = render::templates::theme_dir(&root, &site.config, &mut diags);
        let i18n = Arc::new(I18n::load(
            &root,
            theme_dir.as_deref(),
            &site.config,
            &mut diags,
        ));
        clock.lap("load i18n");
        let media = Arc::new(Media::prepare(
            &root,
            theme_dir.as_deref(),
            &site,
            self.images.clone(),
            &mut diags,
        ));
        clock.lap("plan images");
        let rendered = markdown::render_all_cached(&site, &media, &mut self.markdown, &mut diags);
        clock.lap("render markdown");

        let input = RenderInput {
            root: &root,
            theme_dir: theme_dir.as_deref(),
            rendered: &rendered,
            i18n: &i18n,
            media: &media,
        };
        let (mut files, renderer) =
            render::render_site(&site, &input, &mut self.renders, &mut diags);
        clock.lap("render templates");
        let (images, image_stats) = media.publish(&mut diags);
        files.extend(images);
        clock.lap("process images");
        let index = crate::search::index(&site, &files, &mut self.search, &mut diags);
        files.extend(index);
        clock.lap("index for search");
        let files = output::remove_collisions(files, &mut diags);

        diags.sort();
        Build {
            site: Some(Arc::new(site)),
            files,
            diagnostics: diags,
            pages: Some(Arc::new(RenderedSite {
                rendered,
                renderer,
                i18n,
            })),
            images: image_stats,
        }
    }
}
