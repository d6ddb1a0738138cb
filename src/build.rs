//! The build pipeline: load → model → Markdown → templates → files.
//!
//! [`build_site`] runs every stage in memory and returns the site's files
//! with every problem found on the way; the preview server keeps them in
//! memory. [`build_site_into`] is the one with a side effect before the
//! end: for `praxis build` (see `build_to_disk`) it writes each output
//! into a staging tree as soon as it is made, so that a large site is never
//! held in memory whole — still without touching the published site, which
//! the staging tree replaces only once the build succeeded.

mod saved;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::content::{self, ContentCache};
use crate::diagnostics::Diagnostics;
use crate::i18n::I18n;
use crate::markdown::{self, MarkdownCache};
use crate::media::{self, Media, MediaMemo};
use crate::model::{ModelOptions, PageId, Site};
use crate::output::{self, OutputFile};
use crate::render::{self, RenderCache, RenderInput};
use crate::timing::Stopwatch;
use rayon::prelude::*;

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
    pub files: Arc<Vec<OutputFile>>,
    /// After an edit that reached only some outputs, the files made again
    /// (changed or not), as indexes into `files`; `None` when every file was.
    pub remade: Option<Vec<usize>>,
    /// With `remade`, the files the edit did away with (the last build had
    /// them, this one does not).
    pub removed: Vec<String>,
    pub diagnostics: Diagnostics,
    /// Each page's converted Markdown, and what renders a page again (for
    /// the form endpoint).
    pub pages: Option<Arc<RenderedSite>>,
    /// How many processed images were made, and how many found in the cache.
    pub images: media::Stats,
    /// The images the build planned.
    media: Option<Arc<Media>>,
}

/// What it takes to render one page of a build again.
pub struct RenderedSite {
    pub converted: crate::markdown::ConvertedPages,
    pub renderer: Arc<render::Renderer>,
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

/// Builds the site once, as [`build_site`] does, but writes each output
/// into `staging` as soon as it is made, lets go of each page's text once
/// its Markdown is converted and of its HTML once the outputs that show it
/// are made (`praxis build`). The files it returns are
/// [`crate::output::Body::Staged`] where they were written, and its
/// converted Markdown is without the pages' HTML.
pub fn build_site_into(
    root: &Path,
    options: &BuildOptions,
    content: Option<crate::content::Walk>,
    staging: &crate::output::Staging,
) -> Build {
    let mut workspace = Workspace::new(root, options.clone());
    if let Some(walk) = content {
        workspace.content = ContentCache::starting_from(walk);
    }
    workspace.build_everything(Some(staging), None)
}

/// The first step of edits applied to the last build
/// ([`Workspace::build_in_steps`]).
pub struct FirstStep<'a> {
    /// The model after the edits.
    pub site: &'a Arc<Site>,
    /// The edited pages' files, and what the second step makes again.
    pub outputs: render::FirstStep<'a>,
}

/// The content files saved since the last build, and what to hand the
/// pages they are to before the rest of the site is made.
type Saved<'a, 'b> = (&'a [PathBuf], &'b mut dyn FnMut(FirstStep));

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
    /// What the last good build was made of, for [`Self::update`].
    last: Option<LastBuild>,
    /// Content files edited in place since the last build.
    edited: Vec<PathBuf>,
    /// Content files and folders created, removed or renamed since.
    moved: Vec<PathBuf>,
    /// The files of the pages patched into the last build as they joined
    /// the site ([`Self::update`]), which the content tree will find at
    /// its next walk (in the next whole build): until then, what it knows
    /// besides ([`Self::knows`]).
    joined: Vec<PathBuf>,
    /// Files under `static/` (the site's or a theme's) saved, created or
    /// removed since.
    statics: Vec<PathBuf>,
    /// Whether anything else may have changed since (files created or
    /// removed, templates, strings, static files, site.toml).
    changed_elsewhere: bool,
}

/// A successful build, kept so that an edit can be applied to it.
struct LastBuild {
    site: Arc<Site>,
    converted: crate::markdown::ConvertedPages,
    renderer: Arc<render::Renderer>,
    files: Arc<Vec<OutputFile>>,
    /// Where each file is in `files`, by path.
    at: std::collections::HashMap<String, usize>,
    diagnostics: Diagnostics,
    i18n: Arc<I18n>,
    media: Arc<Media>,
    images: media::Stats,
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
            last: None,
            edited: Vec::new(),
            moved: Vec::new(),
            joined: Vec::new(),
            statics: Vec::new(),
            changed_elsewhere: true,
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
        self.edited.push(path.to_path_buf());
    }

    /// Makes the next build look at the whole content tree again (after
    /// files or folders were created, removed or renamed).
    pub fn rescan(&mut self) {
        self.content.rescan();
        self.changed_elsewhere = true;
    }

    /// Makes the next build look again at `path` under `content/`, a file
    /// or folder created, removed or renamed, and at nothing else of the
    /// content tree ([`ContentCache::rescan_under`]). A page that joins or
    /// leaves the site so is patched into the last build where it can be
    /// ([`Self::update`]).
    pub fn rescan_under(&mut self, path: &Path) {
        self.content.rescan_under(path);
        if !self.moved.iter().any(|p| p == path) {
            self.moved.push(path.to_path_buf());
        }
    }

    /// Whether the content tree had `path` (a file, or a folder with files)
    /// when it was last looked at: what a save that replaced a file, or a
    /// file that came and went, is told apart by.
    pub fn knows(&self, path: &Path) -> bool {
        // A page patched into the last build is in no walk of the tree yet.
        let relative = crate::site_files::relative_to(&self.root, path);
        self.content.knows(path) || self.joined.iter().any(|p| p.starts_with(&relative))
    }

    /// Indexes for search on a thread of its own from now on, off the
    /// reload path of `praxis serve`: builds return no index files, the
    /// returned files are kept current instead.
    pub fn search_in_background(&mut self) -> crate::search::Published {
        self.search.in_background()
    }

    /// Tells the workspace that a file or folder under `static/`, the
    /// site's or a theme's, was saved, created or removed: the next build
    /// lists the static files again, and looks at no output if nothing else
    /// changed ([`render::Renderer::update_statics`]).
    pub fn static_changed(&mut self, path: &Path) {
        self.statics.push(path.to_path_buf());
    }

    /// Tells the workspace that something besides content and static files
    /// changed (templates, UI strings, site.toml): the next build looks at
    /// every output.
    pub fn changed_elsewhere(&mut self) {
        self.changed_elsewhere = true;
    }

    /// Builds the site, reusing whatever did not change since the last
    /// build: after edits to content files only, it makes again just the
    /// outputs that read the pages edited ([`Self::update`]); after saves
    /// of static files only, just those files ([`Self::update_statics`]);
    /// else it goes through every stage with their caches.
    pub fn build(&mut self) -> Build {
        self.build_in_steps(&mut |_| {})
    }

    /// Builds the site as [`Self::build`] does; when it applies edits to
    /// the last build, it hands the edited pages' own files to `first_step`
    /// before it makes the outputs that list or link to them
    /// ([`render::FirstStep`]), unless those files would land on a file
    /// another output makes (which the whole build then reports). The
    /// build returned is the whole of it, the first step's files included.
    pub fn build_in_steps(&mut self, first_step: &mut dyn FnMut(FirstStep)) -> Build {
        let mut edited = std::mem::take(&mut self.edited);
        for path in std::mem::take(&mut self.moved) {
            if !edited.contains(&path) {
                edited.push(path);
            }
        }
        let statics = std::mem::take(&mut self.statics);
        let elsewhere = std::mem::replace(&mut self.changed_elsewhere, false);
        let update = match (elsewhere, edited.is_empty(), statics.is_empty()) {
            (false, false, true) => self.update(&edited, first_step),
            (false, true, false) => self.update_statics(&statics),
            _ => None,
        };
        if let Some(build) = update {
            return build;
        }
        let build = self.build_everything(None, Some((&edited, first_step)));
        self.last = build.succeeded().then(|| LastBuild::of(&build)).flatten();
        build
    }

    /// Applies the content files saved, created or removed since the last
    /// build (`edited`) to it: edits in place, if each of them changed
    /// what the model can follow in place ([`Site::with_page_edited`]), or
    /// one page that joined or left the site, if the model can take it in
    /// or out ([`Site::with_page_joined`], [`Site::with_page_left`]); with
    /// no diagnostic, and every heading anchor as it was. The model is
    /// patched, not assembled, and only the outputs the dependency index
    /// names are made again. `None` when that does not hold; nothing is
    /// changed then.
    fn update(
        &mut self,
        edited: &[PathBuf],
        first_step: &mut dyn FnMut(FirstStep),
    ) -> Option<Build> {
        let mut clock = Stopwatch::from_env();
        let last = self.last.as_ref()?;
        // site.toml is read anyway: it is small, and everything depends on it.
        let config = Config::load(&self.root).ok()?;
        if self.config_source.as_deref() != Some(config.source.as_str()) {
            return None;
        }
        let changes = saved::sort(&self.root, &last.site, edited, &self.options)?;
        clock.lap("sort the saves");
        let mut site = (*last.site).clone();
        let mut converted = last.converted.clone();
        let mut ids = Vec::new();
        let mut reach = crate::model::Reach::default();
        let mut renumbered = None;
        let mut joined = None;
        let mut joining = None;
        let mut relinking = Vec::new();
        let mut said_before = Vec::new();
        // The node a page joined or left: only links to it lead elsewhere.
        let mut links_to_node = None;
        match changes {
            saved::Changes::Edits(files) => {
                for (id, file) in files {
                    let mut page = (*site.pages[id]).clone();
                    page.apply(&file);
                    let (edited, reached) = site.with_page_edited(id, page)?;
                    site = edited;
                    reach.extend(reached);
                    ids.push(id);
                }
            }
            saved::Changes::Join(change) => {
                // What the last build found wrong about the page's folder
                // a fresh build says again, or not: it is made whole
                // (checked below). So is one where `[search] sections`
                // names the page's node (a section that comes or goes is
                // warned about).
                let folder = change.folder(&site).to_path_buf();
                let about = |d: &crate::diagnostics::Diagnostic| {
                    d.file.as_ref().is_some_and(|f| f.starts_with(&folder))
                };
                // A page removed that others link to: their links break,
                // which is the whole build's to report, at once.
                let gone_for_good = matches!(*change, saved::Join::Left(_, None));
                let sections = &site.config.search.sections;
                if sections.iter().any(|s| folder.ends_with(s.as_str())) {
                    return None;
                }
                let after = match *change {
                    saved::Join::Joined(file) => {
                        joining = Some(file.path.clone());
                        site.with_page_joined(&file)?
                    }
                    saved::Join::Left(id, draft) => site.with_page_left(id, draft)?,
                };
                clock.lap("join or leave");
                match after.pages {
                    crate::model::Shift::Inserted(id) => {
                        let (r, diags) = markdown::convert_one_cached(
                            &after.site,
                            &last.media,
                            &mut self.markdown,
                            id,
                        );
                        if !diags.is_empty() {
                            return None;
                        }
                        converted.insert(id, r);
                        ids.push(id);
                    }
                    crate::model::Shift::Removed(id) => drop(converted.remove(id)),
                    crate::model::Shift::None => {}
                }
                clock.lap("its markdown");
                // The pages whose links lead elsewhere now (to the page
                // that joined, or to one that left or became a draft) are
                // converted again once the page is shown; what their
                // conversion said so far is taken out of the diagnostics.
                let (new, key) = match after.pages {
                    crate::model::Shift::Inserted(id) => {
                        (Some(id), &after.site.nodes[after.site.pages[id].node].key)
                    }
                    crate::model::Shift::Removed(id) => {
                        (None, &site.nodes[site.pages[id].node].key)
                    }
                    crate::model::Shift::None => return None,
                };
                let to = markdown::LinksTo::Node(key);
                let leading_elsewhere: Vec<PageId> = converted
                    .par_ids()
                    .filter(|&p| {
                        Some(p) != new && converted[p].links_lead_elsewhere(&after.site, to)
                    })
                    .collect();
                for p in leading_elsewhere {
                    let before = after.pages.undo(p)?;
                    let (_, said) = markdown::convert_one_cached(
                        &site,
                        &last.media,
                        &mut self.markdown,
                        before,
                    );
                    said_before.extend(said);
                    relinking.push(p);
                }
                if gone_for_good && !relinking.is_empty() {
                    return None;
                }
                // What the last build found wrong about the page's folder
                // (see above) — but not what the pages linking to it said,
                // which they say anew as they are converted again: its
                // translation's warning about a link to it as a draft.
                if last
                    .diagnostics
                    .iter()
                    .any(|d| about(d) && !said_before.contains(d))
                {
                    return None;
                }
                clock.lap("links elsewhere");
                // The conversions kept of other versions of pages: those
                // whose links lead elsewhere now are dropped.
                self.markdown.relink(&after.site, &last.media, to, &[]);
                links_to_node = Some(key.clone());
                clock.lap("markdown cache");
                let renderer = &last.renderer;
                renumbered =
                    Some(renderer.renumbered(&site, &after.site, after.pages, after.nodes)?);
                clock.lap("outputs renumbered");
                joined = Some(after.pages);
                site = after.site;
                reach = after.reach;
            }
        }
        clock.lap("patch the model");
        if last.diagnostics.iter().any(|d| {
            d.file
                .as_ref()
                .is_some_and(|f| ids.iter().any(|&id| site.pages[id].source == *f))
        }) {
            return None;
        }
        // (A page that joined is converted already.)
        for &id in ids.iter().filter(|_| joined.is_none()) {
            let (r, diags) =
                markdown::convert_one_cached(&site, &last.media, &mut self.markdown, id);
            let same_anchors = r.toc.len() == converted[id].toc.len()
                && r.toc
                    .iter()
                    .zip(&converted[id].toc)
                    .all(|(a, b)| a.id == b.id);
            if !diags.is_empty() || !same_anchors {
                return None;
            }
            converted[id] = r;
        }
        let mut anchors = Diagnostics::new();
        markdown::check_anchors(&site, &converted, ids.iter().copied(), &mut anchors);
        if !anchors.is_empty() {
            return None;
        }
        // The pages that link to a page whose URL changed hold the old
        // one: they are converted again after the edited pages are shown.
        let old: Vec<&str> = reach
            .moved
            .iter()
            .map(|&id| last.site.pages[id].path.as_str())
            .collect();
        let linking: Vec<PageId> = if joined.is_some() {
            relinking
        } else if old.is_empty() {
            Vec::new()
        } else {
            converted
                .ids()
                .filter(|p| !ids.contains(p) && converted[*p].linked_to(&old))
                .collect()
        };
        clock.lap("render markdown");
        let site = Arc::new(site);
        let conversions = &mut self.markdown;
        // After a page joined or left, what the pages converted again
        // warn about (a link to a draft) is given as a fresh build gives
        // it; an error (a link to a page gone) is the whole build's to say.
        let mut said_now = Vec::new();
        let mut convert = |converted: &mut crate::markdown::ConvertedPages| {
            if linking.is_empty() {
                return Some(());
            }
            let to = links_to_node
                .as_deref()
                .map_or(markdown::LinksTo::Any, markdown::LinksTo::Node);
            let again = conversions.relink(&site, &last.media, to, &linking);
            for (&id, (r, diags)) in linking.iter().zip(again) {
                let warned = joined.is_some() && !diags.iter().any(|d| d.is_error());
                if !diags.is_empty() && !warned {
                    return None;
                }
                said_now.extend(diags);
                converted[id] = r;
            }
            let mut anchors = Diagnostics::new();
            markdown::check_anchors(&site, converted, linking.iter().copied(), &mut anchors);
            anchors.is_empty().then_some(())
        };
        let update = last.renderer.update(
            &site,
            &mut converted,
            &ids,
            &reach,
            &last.media,
            &mut self.renders,
            &mut |step| {
                let lands_on_another = step
                    .arrived
                    .iter()
                    .any(|p| last.at.contains_key(p) && !step.removed.contains(p));
                if !lands_on_another {
                    first_step(FirstStep {
                        site: &site,
                        outputs: step,
                    });
                }
            },
            render::Relinked {
                pages: &linking,
                convert: &mut convert,
            },
            renumbered,
        )?;
        ids.extend(linking.iter().copied());
        clock.lap("outputs that read it");
        let last = self.last.as_mut()?;
        if last.collides(&update) {
            return None;
        }
        let removed = update.removed;
        let mut remade = last.replace_files(&removed, update.files);
        // In `praxis serve` the search index is brought up to date on a
        // thread of its own; otherwise its files come back, named anew.
        // (Its warnings about the configuration are the last build's, given already.)
        let files = Arc::make_mut(&mut last.files);
        let index = crate::search::index(
            &site,
            |id| converted[id].search_text.clone(),
            &mut self.search,
            &mut Diagnostics::new(),
        );
        if !index.is_empty() {
            let mut paths: Vec<String> = remade.iter().map(|&i| files[i].path.clone()).collect();
            paths.extend(index.iter().map(|f| f.path.clone()));
            let bundles: Vec<String> = site
                .config
                .languages
                .iter()
                .map(|l| crate::search::bundle_path(&site.config, &l.code))
                .map(|path| path.trim_start_matches('/').to_owned())
                .collect();
            files.retain(|f| !bundles.iter().any(|b| f.path.starts_with(b.as_str())));
            files.extend(index);
            last.at = files
                .iter()
                .enumerate()
                .map(|(i, f)| (f.path.clone(), i))
                .collect();
            remade = paths
                .iter()
                .filter_map(|p| last.at.get(p).copied())
                .collect();
        }
        if !said_before.is_empty() || !said_now.is_empty() {
            let mut diagnostics = Diagnostics::new();
            let mut gone = said_before;
            for d in last.diagnostics.iter() {
                match gone.iter().position(|g| g == d) {
                    Some(at) => drop(gone.swap_remove(at)),
                    None => diagnostics.push(d.clone()),
                }
            }
            diagnostics.extend(said_now);
            diagnostics.sort();
            last.diagnostics = diagnostics;
        }
        last.site = site;
        last.converted = converted;
        last.renderer = Arc::new(update.renderer);
        self.joined.extend(joining);
        Some(last.build(remade, removed))
    }

    /// Applies saves of static files to the last build, if no output need
    /// be made again for them ([`render::Renderer::update_statics`]) and the
    /// last build had no warning about a static file (which the whole build
    /// gives again, or not). `None` when that does not hold; nothing is
    /// changed then.
    fn update_statics(&mut self, touched: &[PathBuf]) -> Option<Build> {
        let last = self.last.as_mut()?;
        let warned = last.diagnostics.iter().any(|d| {
            d.file
                .as_deref()
                .is_some_and(|f| render::files::is_static(f) || f.is_absolute())
        });
        if warned {
            return None;
        }
        let mut problems = Diagnostics::new();
        let theme_dir = last.site.config.theme_dir(&self.root, &mut problems);
        if !problems.is_empty() {
            return None;
        }
        let update = last
            .renderer
            .update_statics(&self.root, theme_dir.as_deref(), touched)?;
        if last.collides(&update) {
            return None;
        }
        let remade = last.replace_files(&update.removed, update.files);
        last.renderer = Arc::new(update.renderer);
        Some(last.build(remade, update.removed))
    }

    /// Builds the site through every stage, each with its cache, or, into
    /// `staging`, once ([`build_site_into`]). With `first`, the content
    /// files saved since the last build: the pages they are are made before
    /// every other output and handed to the hook with what left the site
    /// ([`render::FirstPages`]).
    fn build_everything(
        &mut self,
        staging: Option<&crate::output::Staging>,
        first: Option<Saved>,
    ) -> Build {
        let root = self.root.clone();
        let mut diags = Diagnostics::new();
        let failed = |diagnostics| Build {
            site: None,
            files: Arc::default(),
            remade: None,
            removed: Vec::new(),
            diagnostics,
            pages: None,
            images: media::Stats::default(),
            media: None,
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
            self.content.forget_reads();
            self.markdown = MarkdownCache::default();
            self.renders = RenderCache::default();
            self.config_source = Some(config.source.clone());
        }

        let content = content::load_cached(&root, &config, &mut self.content, &mut diags);
        // The tree was walked again where pages joined.
        self.joined.clear();
        clock.lap("load content");
        let model_options = ModelOptions {
            include_drafts: self.options.include_drafts,
        };
        let site = Site::assemble(config, content, model_options, &mut diags);
        clock.lap("assemble model");
        let theme_dir = site.config.theme_dir(&root, &mut diags);
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
        let mut site = site;
        let mut converted = if staging.is_some() {
            // Nothing after the Markdown reads a page's source text: each
            // is let go of once rendered, kept by no cache.
            let_go(std::mem::take(&mut self.content));
            markdown::convert_all_releasing(&mut site, &media, &mut diags)
        } else {
            markdown::convert_all_cached(&site, &media, &mut self.markdown, &mut diags)
        };
        clock.lap("render markdown");

        // Written as they are made, the pages' HTML is let go of page by
        // page: it is taken out of the converted Markdown, which the build
        // returns without it.
        let html = staging.map(|_| {
            converted
                .iter_mut()
                .map(|r| match Arc::get_mut(r) {
                    Some(r) => std::mem::take(&mut r.content),
                    None => r.content.clone(),
                })
                .collect()
        });
        let site = Arc::new(site);
        let (saved, mut hook) = match first.filter(|_| !diags.has_errors()) {
            Some((paths, hook)) => (Some(self.pages_saved(&site, paths)), Some(hook)),
            None => (None, None),
        };
        let model = &site;
        let mut step = |outputs: render::FirstStep<'_>| {
            if let Some(hook) = hook.as_mut() {
                hook(FirstStep {
                    site: model,
                    outputs,
                });
            }
        };
        let input = RenderInput {
            root: &root,
            theme_dir: theme_dir.as_deref(),
            converted: &converted,
            i18n: &i18n,
            media: &media,
            staging,
            html,
            first: saved.map(|(pages, left)| render::FirstPages {
                pages,
                left,
                step: &mut step,
            }),
        };
        let (mut files, renderer) =
            render::render_site(&site, input, &mut self.renders, &mut diags);
        clock.lap("render templates");
        let (images, image_stats) = media.publish(&mut diags);
        files.extend(images);
        clock.lap("process images");
        // A build that is not kept hands each page's text to the search
        // rather than a copy of it (as it does its HTML to the writer).
        let index = crate::search::index(
            &site,
            |id| match (staging, Arc::get_mut(&mut converted[id])) {
                (Some(_), Some(r)) => r.search_text.take(),
                _ => converted[id].search_text.clone(),
            },
            &mut self.search,
            &mut diags,
        );
        files.extend(index);
        clock.lap("index for search");
        let files = output::remove_collisions(files, &mut diags);

        diags.sort();
        Build {
            site: Some(site),
            files: Arc::new(files),
            remade: None,
            removed: Vec::new(),
            diagnostics: diags,
            pages: Some(Arc::new(RenderedSite {
                converted,
                renderer: Arc::new(renderer),
                i18n,
            })),
            images: image_stats,
            media: Some(media),
        }
    }
}

impl Workspace {
    /// Of the content files `paths` saved since the last build (files, or
    /// folders created or removed), the pages the new model `site` has,
    /// and the files of the last build's pages that it no longer has (made
    /// a draft, removed).
    fn pages_saved(&self, site: &Site, paths: &[PathBuf]) -> (Vec<PageId>, Vec<String>) {
        let relative: Vec<PathBuf> = paths
            .iter()
            .map(|p| crate::site_files::relative_to(&self.root, p))
            .collect();
        let saved = |source: &Path| relative.iter().any(|p| source.starts_with(p));
        let pages = site
            .pages
            .ids()
            .filter(|&id| saved(&site.pages[id].source))
            .collect();
        let left = self
            .last
            .iter()
            .flat_map(|last| last.site.pages.iter())
            .filter(|p| saved(&p.source) && !site.pages.iter().any(|q| q.source == p.source))
            .map(|p| crate::output::index_file(&p.path))
            .collect();
        (pages, left)
    }
}

impl LastBuild {
    /// Whether a file of `update` arrives where a file the last build made
    /// still is: the whole build reports the collision.
    fn collides(&self, update: &render::Update) -> bool {
        update
            .arrived
            .iter()
            .any(|p| self.at.contains_key(p) && !update.removed.contains(p))
    }

    /// Takes the files `removed` out and puts `made` in, each in the place
    /// of the file of the same path if there was one; returns where in
    /// the files each of `made` went.
    fn replace_files(&mut self, removed: &[String], made: Vec<OutputFile>) -> Vec<usize> {
        let files = Arc::make_mut(&mut self.files);
        for path in removed {
            if let Some(i) = self.at.remove(path) {
                files.swap_remove(i);
                if let Some(moved) = files.get(i) {
                    self.at.insert(moved.path.clone(), i);
                }
            }
        }
        let mut indexes = Vec::with_capacity(made.len());
        for file in made {
            let i = *self.at.entry(file.path.clone()).or_insert(files.len());
            indexes.push(i);
            if i == files.len() {
                files.push(file);
            } else {
                files[i] = file;
            }
        }
        indexes
    }

    /// This build as the result of a change that made the files `remade`
    /// again (indexes into its files) and did away with `removed`.
    fn build(&self, remade: Vec<usize>, removed: Vec<String>) -> Build {
        Build {
            site: Some(Arc::clone(&self.site)),
            files: Arc::clone(&self.files),
            remade: Some(remade),
            removed,
            diagnostics: self.diagnostics.clone(),
            pages: Some(Arc::new(RenderedSite {
                converted: self.converted.clone(),
                renderer: Arc::clone(&self.renderer),
                i18n: Arc::clone(&self.i18n),
            })),
            images: self.images,
            media: Some(Arc::clone(&self.media)),
        }
    }

    fn of(build: &Build) -> Option<LastBuild> {
        let pages = build.pages.as_ref()?;
        Some(LastBuild {
            site: Arc::clone(build.site.as_ref()?),
            converted: pages.converted.clone(),
            renderer: Arc::clone(&pages.renderer),
            files: Arc::clone(&build.files),
            at: build
                .files
                .iter()
                .enumerate()
                .map(|(i, f)| (f.path.clone(), i))
                .collect(),
            diagnostics: build.diagnostics.clone(),
            i18n: Arc::clone(&pages.i18n),
            media: Arc::clone(build.media.as_ref()?),
            images: build.images,
        })
    }
}

/// Lets go of `value` on a thread of its own: freeing a large site's values
/// one by one (its pages, their sources) takes a tenth of a second that
/// the build need not wait for. Where no thread can be made, it is
/// dropped here.
pub fn let_go<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("letting go".into())
        .spawn(move || drop(value));
}
