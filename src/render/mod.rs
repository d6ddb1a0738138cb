//! Making the files of the site from the model: pages through their
//! templates, feeds, the sitemap, redirects, static files and assets.
//!
//! [`render_site`] lists the site's outputs as data ([`outputs`]), makes
//! each in parallel through the [`cache`] that `praxis serve` keeps between
//! builds, and records which pages each output reads. The result is a list
//! of [`OutputFile`]s in memory, written out (or served) by the caller, and
//! a [`Renderer`]: what it takes to make outputs again — one page with
//! what a visitor typed for the form endpoint, or, after an edit, exactly
//! the outputs that read the pages it changed ([`Renderer::update`]).
//!
//! The folder reads one way, from the top: this file makes outputs;
//! `outputs` says what each output is, one function per kind, built from
//! `pages`, `feeds`, `sitemap` and `aliases`; a template's context
//! is `context` parts over the values every output shares (`shared`),
//! the pages' [`views`] and their HTML (`released` in `praxis build`);
//! [`cache`], `xml` and `deferred` are leaves. No module here names one
//! above it, nor this file (`cargo test --lib module_graph` checks the
//! first): each can be read with only what is below it in mind, and what an
//! output shows is said once, in its description, for every use of it.

mod aliases;
pub mod cache;
mod context;
mod deferred;
mod feeds;
pub mod files;
mod functions;
mod image_functions;
mod outputs;
mod pages;
mod redirects;
mod released;
mod shared;
mod sitemap;
pub mod templates;
mod untranslated;
pub mod views;
mod xml;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use crate::config::LangId;
use crate::diagnostics::{Diagnostic, Diagnostics};
pub use crate::html::escape_html;
use crate::i18n::I18n;
use crate::markdown::ConvertedPages;
use crate::model::{IdVec, Listing, NodeId, PageId, Reach, Shift, Site};
use crate::output::OutputFile;
pub use cache::RenderCache;
use cache::{Inputs, recording_lookups};
use context::Sources;
use functions::LookupIndex;
use outputs::{Output, Recipe};
use shared::{SharedValues, summary_key};
pub use templates::Templates;

/// Everything the render step needs besides the model.
pub struct RenderInput<'a> {
    pub root: &'a Path,
    pub theme_dir: Option<&'a Path>,
    pub converted: &'a ConvertedPages,
    pub i18n: &'a Arc<I18n>,
    /// The images: `resize_image` plans copies through it.
    pub media: &'a Arc<crate::media::Media>,
    /// Where each output is written as soon as it is made, when the build
    /// is not kept (`praxis build`): its bytes are then not held, nor cached.
    pub staging: Option<&'a crate::output::Staging>,
    /// Each page's HTML, taken out of `converted` to be let go of as soon
    /// as the outputs that show it are made (with `staging`).
    pub html: Option<IdVec<PageId, Arc<str>>>,
    /// In `praxis serve`, after a save the last build could not be patched
    /// with: the pages to make first, and what to hand them to before any
    /// other output is made.
    pub first: Option<FirstPages<'a>>,
}

/// The pages a whole render makes first ([`RenderInput::first`]).
pub struct FirstPages<'a> {
    /// The pages saved: their outputs are made first.
    pub pages: Vec<PageId>,
    /// The files of pages that left the site (a page made a draft, a file
    /// removed): gone in the first step.
    pub left: Vec<String>,
    pub step: &'a mut dyn FnMut(FirstStep),
}

/// Renders the whole site, reusing what `cache` holds from the last build.
/// Returns its files, and what it takes to make outputs again later.
pub fn render_site(
    site: &Site,
    input: RenderInput,
    cache: &mut RenderCache,
    diags: &mut Diagnostics,
) -> (Vec<OutputFile>, Renderer) {
    let mut clock = crate::timing::Stopwatch::from_env();
    // The template functions answer from the index, filled once the
    // summaries are made — and which of their fields count depends on what
    // the templates read.
    let index = Arc::new(LookupIndex::new(input.media));
    let register = |tera: &mut tera::Tera| {
        functions::register(tera, site, &index, input.i18n);
        image_functions::register(tera, input.media);
    };
    let templates = Arc::new(Templates::load(
        input.root,
        input.theme_dir,
        register,
        diags,
    ));
    clock.lap("  load templates");
    let reads = views::SummaryReads::of(&templates);
    // With the pages' HTML let go of as it is shown, the summaries' values
    // are made once the outputs that need none are made ([`deferred`]).
    let defer = input.html.is_some();
    let fingerprinted = cache.fingerprints_made(input.staging.is_some());
    let shared = Arc::new(SharedValues::new(
        site,
        input.converted,
        reads,
        cache,
        defer,
        fingerprinted,
    ));
    clock.lap("  shared values");
    index.fill(site, &shared);
    clock.lap("  lookup index");
    let static_files = files::static_files(input.root, input.theme_dir, diags);
    let mut listing = Diagnostics::new();
    let list = outputs::list(site, &templates, &static_files, &mut listing);
    let listed = Arc::new(problems(&listing));
    diags.extend(listing.iter().cloned());
    clock.lap("  list outputs");
    let mut renderer = Renderer {
        build_inputs: templates.version ^ input.i18n.version.rotate_left(1),
        templates,
        index,
        shared,
        readers: Arc::new(site.pages.iter().map(|_| Vec::new()).collect()),
        listing_readers: Arc::default(),
        paths: Arc::new(vec![String::new(); list.len()]),
        list,
        listed,
        statics: Arc::new(static_files),
    };
    let released = input.html.map(|html| {
        let shown = renderer.html_shown(renderer.sources(site, input.converted));
        released::ReleasedHtml::new(html, shown)
    });
    clock.lap("  which outputs show which HTML");
    let sources = Sources {
        released: released.as_ref(),
        ..renderer.sources(site, input.converted)
    };
    let all: Vec<usize> = (0..renderer.list.len()).collect();
    let (mut made, put_off) = match input.first {
        Some(first) => {
            let list = &renderer.list;
            let own = |i: &usize| matches!(list[*i], Output::Page { page, .. } if first.pages.contains(&page));
            let (own, rest): (Vec<usize>, Vec<usize>) = all.into_iter().partition(own);
            let (mut made, mut put_off) = renderer.make_some(sources, &own, cache, input.staging);
            let files: Option<Vec<OutputFile>> = made
                .iter()
                .map(|(_, r)| r.as_ref().ok().map(|(file, _)| file.clone()))
                .collect();
            // A page that fails, or a build with errors already (templates
            // that do not load), shows the whole build's errors, not itself.
            if let Some(files) = files.filter(|_| !diags.has_errors()) {
                let left: Vec<String> = first
                    .left
                    .into_iter()
                    .filter(|p| !files.iter().any(|f| f.path == *p))
                    .collect();
                (first.step)(FirstStep {
                    files: &files,
                    removed: &left,
                    arrived: &[],
                    pending: Vec::new(),
                    arrivals: false,
                    everything: true,
                });
            }
            let (rest, rest_put_off) = renderer.make_some(sources, &rest, cache, input.staging);
            made.extend(rest);
            made.sort_unstable_by_key(|(i, _)| *i);
            put_off.extend(rest_put_off);
            (made, put_off)
        }
        None => renderer.make_some(sources, &all, cache, input.staging),
    };
    if defer {
        clock.lap("  outputs without summaries");
        Arc::make_mut(&mut renderer.shared).make_values(site, input.converted, cache);
        renderer.index.fill(site, &renderer.shared);
        clock.lap("  summaries");
        let sources = Sources {
            released: released.as_ref(),
            ..renderer.sources(site, input.converted)
        };
        made.extend(renderer.make(sources, &put_off, cache, input.staging));
        // In the order of the list, as without the second pass.
        made.sort_unstable_by_key(|(i, _)| *i);
    }
    drop(released);
    clock.lap("  render outputs");

    let mut files = Vec::with_capacity(made.len() + renderer.statics.len());
    let mut failures = Vec::new();
    let mut reads = Vec::with_capacity(made.len());
    for (i, result) in made {
        match result {
            Ok((file, read)) => {
                reads.push((i, file.path.clone(), read));
                files.push(file);
            }
            Err(d) => failures.push(d),
        }
    }
    diags.extend(pages::merge_repeated(failures));
    renderer.record_reads(reads);
    files.extend(renderer.statics.iter().cloned());
    files.extend(files::assets(site, input.root));
    clock.lap("  static files, assets");

    let produced: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    cache.retain(&produced);
    cache.set_summaries(
        renderer
            .shared
            .summaries
            .iter_enumerated()
            .map(|(id, (value, fp))| {
                let whole = summary_key(site, input.converted, id, *fp);
                (whole, value.clone())
            }),
    );
    (files, renderer)
}

/// What a build rendered with, kept to make outputs again: its templates,
/// the values every output shares, the list of outputs, and for each page
/// and listing the outputs that read it (the dependency index).
#[derive(Clone)]
pub struct Renderer {
    templates: Arc<Templates>,
    index: Arc<LookupIndex>,
    shared: Arc<SharedValues>,
    list: Vec<Output>,
    /// What listing the outputs found wrong, as text (a theme without
    /// `search.html` with `[search]` on, say): listed again after a page
    /// joined or left, the outputs must find the same, which the last
    /// build has reported ([`Self::renumbered`]).
    listed: Arc<Vec<String>>,
    /// Per page, the outputs (indexes into `list`) whose context,
    /// lookups or feed hold its summary, view or text. May hold more than
    /// that (an output that stopped reading a page after an edit), never
    /// less.
    readers: Arc<IdVec<PageId, Vec<u32>>>,
    /// Per listing, the outputs that show it, likewise.
    listing_readers: Arc<HashMap<Listing, Vec<u32>>>,
    /// The file each output of `list` wrote (empty where it failed): where
    /// an edit that moves an output finds the file it leaves.
    paths: Arc<Vec<String>>,
    /// The template set and the UI strings, which every output depends on.
    build_inputs: u64,
    /// The static files copied, sorted by path: what a save under
    /// `static/` is compared with ([`Self::update_statics`]).
    statics: Arc<Vec<OutputFile>>,
}

/// What one output read besides what every output shares.
#[derive(Default)]
struct Reads {
    pages: Vec<PageId>,
    listings: Vec<Listing>,
}

/// The outcome of making one output: its file and what it read.
type Made = Result<(OutputFile, Reads), Diagnostic>;

/// One output made: its file, what it read, and what the cache must
/// remember of it when it was rendered rather than found.
type Fresh = (OutputFile, Reads, Option<cache::Fresh>);

/// The outputs an edit made again, and what it changed in the site's files.
pub struct Update {
    /// The files made again, changed or not.
    pub files: Vec<OutputFile>,
    /// Files no output makes any more: a tag no page carries now, a
    /// static file removed.
    pub removed: Vec<String>,
    /// Files of `files` that no output made before this edit (a new tag's page).
    pub arrived: Vec<String>,
    /// What to make outputs with from now on.
    pub renderer: Renderer,
}

/// The first of the two steps of an update ([`Renderer::update`]): the
/// outputs of the pages edited, made from the model after the edit as the
/// whole update makes them, and what the second step makes again.
pub struct FirstStep<'a> {
    /// The edited pages' own files (every page of a paginated list).
    pub files: &'a [OutputFile],
    /// The files they left: a page whose slug changed is no longer there.
    pub removed: &'a [String],
    /// Those of `files` that no output made before (a moved page's new address).
    pub arrived: &'a [String],
    /// The files the second step makes again or does away with: as served
    /// now, they may show the site before the edit.
    pub pending: Vec<String>,
    /// Whether the second step makes files no output made before (the page
    /// of a tag no page had): where they will be is known only once made.
    pub arrivals: bool,
    /// Whether the second step makes every other file of the site again
    /// (a save the last build could not be patched with: the whole build
    /// follows).
    pub everything: bool,
}

/// Where each output of `old` is in `new`, after the pages were renumbered
/// by `pages` (a page joined or left the site); `None` for one no longer
/// listed. An output is known by its value, and no two outputs of a list are
/// equal (they would write one file). Both lists are in the order
/// [`outputs::list`] gives them and differ by the few outputs that came or
/// went, so they are walked side by side, a few outputs ahead where they do
/// not line up, and only what is left over is matched through a map: at
/// 20 004 pages, hashing every output of both lists took longer than
/// making the page.
fn matched(old: &[Output], pages: Shift<PageId>, new: &[Output]) -> Vec<Option<u32>> {
    /// How far ahead an output is looked for where the lists part.
    const AHEAD: usize = 8;
    let old: Vec<Option<Output>> = old.iter().map(|o| o.shifted(pages)).collect();
    let mut moved: Vec<Option<u32>> = vec![None; old.len()];
    let (mut old_left, mut new_left) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < old.len() && j < new.len() {
        let Some(output) = &old[i] else {
            i += 1;
            continue;
        };
        if *output == new[j] {
            moved[i] = Some(j as u32);
            (i, j) = (i + 1, j + 1);
        } else if let Some(k) = (1..AHEAD).find(|&k| new.get(j + k) == Some(output)) {
            // Outputs that came in.
            new_left.extend(j..j + k);
            j += k;
        } else if let Some(k) =
            (1..AHEAD).find(|&k| old.get(i + k).is_some_and(|o| o.as_ref() == Some(&new[j])))
        {
            // Outputs that went.
            old_left.extend(i..i + k);
            i += k;
        } else {
            old_left.push(i);
            new_left.push(j);
            (i, j) = (i + 1, j + 1);
        }
    }
    old_left.extend(i..old.len());
    new_left.extend(j..new.len());
    let at: HashMap<&Output, u32> = new_left.iter().map(|&j| (&new[j], j as u32)).collect();
    for i in old_left {
        if let Some(output) = &old[i] {
            moved[i] = at.get(output).copied();
        }
    }
    moved
}

/// A renderer whose outputs were listed again after a page joined or left
/// the site ([`Renderer::renumbered`]), for [`Renderer::update`] to make
/// what that changed.
pub struct Renumbered {
    renderer: Renderer,
    /// Outputs no output was before (indexes into the new list): the
    /// page's own, a new tag's page, a notice of the page's language…
    added: Vec<usize>,
    /// The files of outputs that are no more.
    gone: Vec<String>,
    /// Outputs that read the page that left (they must not show it).
    readers_of_left: Vec<usize>,
    /// The lookups of the page that left: key and language.
    left: Option<(String, String)>,
}

/// The pages an update makes again besides those edited: those that link
/// to a page whose URL changed ([`Renderer::update`]).
pub struct Relinked<'a> {
    pub pages: &'a [PageId],
    /// Converts them again, into the converted pages it is given (and
    /// brings the Markdown cache up to date with the URLs moved); `None`
    /// when that finds a problem (the whole build reports it).
    pub convert: &'a mut dyn FnMut(&mut ConvertedPages) -> Option<()>,
}

/// Outputs made again by an update, sorted out: their files, what each
/// read, and the files they left (an output now written elsewhere) or
/// arrived at.
struct Remade {
    files: Vec<OutputFile>,
    reads: Vec<(usize, String, Reads)>,
    removed: Vec<String>,
    arrived: Vec<String>,
}

impl Remade {
    /// `None` when one of them failed: the whole build says why.
    fn of(made: Vec<(usize, Made)>, paths: &[String]) -> Option<Remade> {
        let mut remade = Remade {
            files: Vec::with_capacity(made.len()),
            reads: Vec::with_capacity(made.len()),
            removed: Vec::new(),
            arrived: Vec::new(),
        };
        for (i, result) in made {
            let (file, read) = result.ok()?;
            let before = &paths[i];
            if *before != file.path {
                if !before.is_empty() {
                    remade.removed.push(before.clone());
                }
                remade.arrived.push(file.path.clone());
            }
            remade.reads.push((i, file.path.clone(), read));
            remade.files.push(file);
        }
        Some(remade)
    }
}

impl Renderer {
    fn sources<'a>(&'a self, site: &'a Site, converted: &'a ConvertedPages) -> Sources<'a> {
        Sources {
            site,
            converted,
            shared: &self.shared,
            released: None,
            icon: aliases::icon(&self.statics),
            notices: self.templates.has(untranslated::TEMPLATE),
        }
    }

    /// Makes the outputs `which`, in parallel, each from the cache when
    /// nothing it is made from changed.
    fn make(
        &self,
        sources: Sources,
        which: &[usize],
        cache: &mut RenderCache,
        staging: Option<&crate::output::Staging>,
    ) -> Vec<(usize, Made)> {
        let (made, put_off) = self.make_some(sources, which, cache, staging);
        debug_assert!(put_off.is_empty(), "outputs put off with summaries made");
        made
    }

    /// Makes the outputs `which` as [`Self::make`] does, but those that ask
    /// for the summaries before their values are made ([`deferred`]): it
    /// returns those apart, unmade.
    fn make_some(
        &self,
        sources: Sources,
        which: &[usize],
        cache: &mut RenderCache,
        staging: Option<&crate::output::Staging>,
    ) -> (Vec<(usize, Made)>, Vec<usize>) {
        let results: Vec<(usize, Option<Result<Fresh, Diagnostic>>)> = which
            .par_iter()
            .map(|&i| {
                let ((made, shown), too_early) = deferred::watching(|| {
                    let description = self.list[i].describe(sources, &self.templates);
                    let shown = sources.released.map(|_| description.html_shown());
                    (self.make_one(sources, description, cache, staging), shown)
                });
                if too_early {
                    return (i, None);
                }
                if let (Some(released), Some(shown)) = (sources.released, shown) {
                    released.made(&shown);
                }
                // Written at once, and neither held nor cached.
                let made = match staging {
                    Some(staging) => made.map(|(file, read, _)| (staging.stage(file), read, None)),
                    None => made,
                };
                (i, Some(made))
            })
            .collect();
        let mut made = Vec::with_capacity(results.len());
        let mut put_off = Vec::new();
        for (i, result) in results {
            let Some(result) = result else {
                put_off.push(i);
                continue;
            };
            made.push((
                i,
                result.map(|(file, read, fresh)| {
                    if let Some(fresh) = fresh {
                        cache.insert(file.clone(), fresh);
                    }
                    (file, read)
                }),
            ));
        }
        (made, put_off)
    }

    /// The pages whose HTML each output of the list shows. An output that
    /// never shows any is not described (the sitemap's description lists
    /// every page of the site); debug builds check that it shows none.
    fn html_shown(&self, sources: Sources) -> Vec<Vec<PageId>> {
        self.list
            .par_iter()
            .map(|output| {
                if output.shows_no_html() && !cfg!(debug_assertions) {
                    return Vec::new();
                }
                let shown = output.describe(sources, &self.templates).html_shown();
                debug_assert!(
                    shown.is_empty() || !output.shows_no_html(),
                    "{output:?} shows HTML: Output::shows_no_html must not say it does not"
                );
                shown
            })
            .collect()
    }

    fn make_one(
        &self,
        sources: Sources,
        description: outputs::Description,
        cache: &RenderCache,
        staging: Option<&crate::output::Staging>,
    ) -> Result<Fresh, Diagnostic> {
        let mut pages = description.pages_read(sources);
        let listings = description.listings;
        let origin = description.origin;
        let file = description.file;
        let fingerprinted = cache.fingerprints_made(staging.is_some());
        match description.recipe {
            Recipe::Template {
                template,
                page,
                parts,
            } => {
                let start = || Inputs::new(template, self.build_inputs);
                let (inputs, full) = if fingerprinted {
                    let inputs = parts.fingerprint(sources, start(), false);
                    // Debug builds (the tests) check the quick fingerprint
                    // against one of the whole context, for every output: a
                    // part whose quick fingerprint misses something its value
                    // holds cannot go unnoticed.
                    let full = if cfg!(debug_assertions) {
                        parts.fingerprint(sources, start(), true)
                    } else {
                        inputs
                    };
                    (inputs, full)
                } else {
                    (0, 0)
                };
                if fingerprinted
                    && let Some((cached, lookups)) =
                        cache.get(&file, inputs, full, |l| self.index.result(l))
                {
                    let mut listings = listings;
                    read_lookups(sources.site, lookups, &mut pages, &mut listings);
                    return Ok((cached.clone(), Reads { pages, listings }, None));
                }
                let context = parts.context(sources);
                // Rendered as bytes: a file needs no String, and making one
                // would check every byte of it again.
                let room = cache.last_size(&file).map_or(16 * 1024, |n| n + n / 8);
                let mut html = Vec::with_capacity(room);
                let (result, lookups) = recording_lookups(|| {
                    self.templates.tera.render_to(template, &context, &mut html)
                });
                result.map_err(|e| self.templates.diagnostic(&e, page.as_deref()))?;
                let mut listings = listings;
                read_lookups(sources.site, &lookups, &mut pages, &mut listings);
                let file = match staging {
                    // Written from the buffer it was rendered into, unless
                    // it is to be made again with the summaries.
                    Some(staging) if !deferred::asked() => {
                        staging.stage_rendered(file, &html, origin)
                    }
                    _ => OutputFile::rendered(file, html, origin),
                };
                let fresh = cache::Fresh {
                    inputs: (inputs, full),
                    lookups,
                };
                Ok((file, Reads { pages, listings }, Some(fresh)))
            }
            Recipe::Derived { inputs, make, .. } => {
                let reads = Reads { pages, listings };
                let inputs = if fingerprinted { inputs.make() } else { 0 };
                if fingerprinted
                    && let Some((cached, _)) = cache.get(&file, inputs, inputs, |_| None)
                {
                    return Ok((cached.clone(), reads, None));
                }
                let file = OutputFile::rendered(file, make(), origin);
                let fresh = cache::Fresh {
                    inputs: (inputs, inputs),
                    lookups: Vec::new(),
                };
                Ok((file, reads, Some(fresh)))
            }
        }
    }

    /// Adds each output to the readers of the pages and listings it read
    /// (copying the index, shared with the last build, only if that adds
    /// something), and notes the file it wrote.
    fn record_reads(&mut self, reads: Vec<(usize, String, Reads)>) {
        for (i, path, read) in reads {
            if self.paths[i] != path {
                Arc::make_mut(&mut self.paths)[i] = path;
            }
            let Reads {
                mut pages,
                listings,
            } = read;
            pages.sort_unstable();
            pages.dedup();
            let i = i as u32;
            for p in pages {
                if !already(&self.readers[p], i) {
                    Arc::make_mut(&mut self.readers)[p].push(i);
                }
            }
            for listing in listings {
                if !self
                    .listing_readers
                    .get(&listing)
                    .is_some_and(|r| already(r, i))
                {
                    Arc::make_mut(&mut self.listing_readers)
                        .entry(listing)
                        .or_default()
                        .push(i);
                }
            }
        }
    }

    /// This renderer after a page joined or left: `before` became `site`,
    /// its pages and nodes renumbered by `pages` and `nodes`. The outputs
    /// are listed again from the new model — a page's own, its notices,
    /// its aliases, the tag pages, the redirects — and every index kept
    /// (readers, files, summaries) moved to match. `None` where listing
    /// them finds a problem (the whole build reports it).
    pub fn renumbered(
        &self,
        before: &Site,
        site: &Site,
        pages: Shift<PageId>,
        nodes: Shift<NodeId>,
    ) -> Option<Renumbered> {
        let mut clock = crate::timing::Stopwatch::from_env();
        let mut listing = Diagnostics::new();
        let list = outputs::list(site, &self.templates, &self.statics, &mut listing);
        if problems(&listing) != *self.listed {
            return None;
        }
        clock.lap("    (outputs listed)");
        let moved = matched(&self.list, pages, &list);
        clock.lap("    (outputs matched)");
        let mut paths = vec![String::new(); list.len()];
        let mut kept = vec![false; list.len()];
        let mut gone = Vec::new();
        for (&now, path) in moved.iter().zip(self.paths.iter()) {
            match now {
                Some(i) => {
                    paths[i as usize].clone_from(path);
                    kept[i as usize] = true;
                }
                None if !path.is_empty() => gone.push(path.clone()),
                None => {}
            }
        }
        let added = (0..list.len()).filter(|&i| !kept[i]).collect();
        clock.lap("    (files kept)");
        let renumber = |readers: &Vec<u32>| -> Vec<u32> {
            readers.iter().filter_map(|&i| moved[i as usize]).collect()
        };
        let mut readers: IdVec<PageId, Vec<u32>> = self.readers.iter().map(renumber).collect();
        let (mut readers_of_left, mut left) = (Vec::new(), None);
        match pages {
            Shift::Inserted(at) => readers.insert(at, Vec::new()),
            Shift::Removed(at) => {
                readers_of_left = readers.remove(at).into_iter().map(|i| i as usize).collect();
                let page = &before.pages[at];
                left = Some((before.nodes[page.node].key.clone(), page.lang.clone()));
            }
            Shift::None => {}
        }
        let listing_readers = self
            .listing_readers
            .iter()
            .filter_map(|(listing, readers)| {
                let listing = match listing {
                    Listing::Section { node, lang } => Listing::Section {
                        node: nodes.apply(*node)?,
                        lang: lang.clone(),
                    },
                    other => other.clone(),
                };
                Some((listing, renumber(readers)))
            })
            .collect();
        clock.lap("    (readers)");
        let renderer = Renderer {
            templates: Arc::clone(&self.templates),
            index: Arc::clone(&self.index),
            shared: Arc::new(self.shared.shifted(pages)),
            list,
            listed: Arc::clone(&self.listed),
            readers: Arc::new(readers),
            listing_readers: Arc::new(listing_readers),
            paths: Arc::new(paths),
            build_inputs: self.build_inputs,
            statics: Arc::clone(&self.statics),
        };
        clock.lap("    (summaries moved)");
        Some(Renumbered {
            renderer,
            added,
            gone,
            readers_of_left,
            left,
        })
    }

    /// After edits of the pages `edited` in place, which changed what
    /// `reach` says besides the pages themselves ([`Site::with_page_edited`]),
    /// makes again the outputs that read those pages or listings — through
    /// the cache, so only those whose inputs changed are rendered — and
    /// the pages of tags no page carried before. `None` when the edit
    /// reaches further than the dependency index can follow (the site's
    /// shared values changed, a template failed, an image was asked for
    /// anew, an output moved onto another's file): the caller then renders
    /// the whole site.
    ///
    /// The edited pages' own outputs are made first and handed to
    /// `first_step` before any other is made ([`FirstStep`]): the writer
    /// looking at the page sees it without waiting for the lists of
    /// thousands of pages, the feeds and the sitemap it is in.
    #[allow(clippy::too_many_arguments)]
    pub fn update(
        &self,
        site: &Site,
        converted: &mut ConvertedPages,
        edited: &[PageId],
        reach: &Reach,
        media: &crate::media::Media,
        cache: &mut RenderCache,
        first_step: &mut dyn FnMut(FirstStep),
        relinked: Relinked,
        renumbered: Option<Renumbered>,
    ) -> Option<Update> {
        let mut clock = crate::timing::Stopwatch::from_env();
        // A tag that comes or goes can make a `[[redirects]]` entry to a
        // tag page followable or not: the whole build says which.
        let tags_changed = || {
            reach
                .listings
                .iter()
                .any(|l| matches!(l, Listing::Tags { .. }))
        };
        if site
            .config
            .redirects
            .iter()
            .any(|r| matches!(r.to, crate::config::redirects::Target::Tag { .. }))
            && tags_changed()
        {
            return None;
        }
        // After a page joined or left, the outputs listed again; else these.
        let (mut next, joined, gone, left) = match renumbered {
            Some(r) => (r.renderer, r.added, r.gone, (r.readers_of_left, r.left)),
            None => (self.clone(), Vec::new(), Vec::new(), (Vec::new(), None)),
        };
        let (readers_of_left, left) = left;
        // (Copied unless renumbered, which made a copy of its own.)
        let shared = Arc::make_mut(&mut next.shared);
        if !shared.update(site, converted, edited) {
            return None;
        }
        if let Some((key, lang)) = &left {
            self.index.forget(key, lang);
        }
        // The section the page joined or left answers `get_section` anew.
        let sections: Vec<PageId> = reach
            .listings
            .iter()
            .filter_map(|l| match l {
                Listing::Section { node, lang } if left.is_some() => site.page_in(*node, lang),
                _ => None,
            })
            .collect();
        self.index
            .refresh(site, shared, &[edited, &sections].concat());
        clock.lap("  shared values");
        let (mut removed, mut added) = next.follow_tags(site, reach);
        added.extend(joined);
        added.extend(readers_of_left);
        let mut affected: Vec<usize> = edited
            .iter()
            .chain(relinked.pages)
            .chain(&reach.views)
            .flat_map(|&p| next.readers[p].iter())
            .chain(
                reach
                    .listings
                    .iter()
                    .flat_map(|l| next.listing_readers.get(l).into_iter().flatten()),
            )
            .map(|&i| i as usize)
            .chain(added)
            .collect();
        affected.sort_unstable();
        affected.dedup();
        // The edited pages' own outputs first, then the rest: see `FirstStep`.
        let own = |i: &usize| {
            matches!(next.list[*i], Output::Page { page, .. }
                if edited.contains(&page) && !relinked.pages.contains(&page))
        };
        let (own, rest): (Vec<usize>, Vec<usize>) = affected.into_iter().partition(own);
        clock.lap("  which outputs");
        let sources = next.sources(site, converted);
        let made = next.make(sources, &own, cache, None);
        if media.wants_more() {
            return None;
        }
        let mut first = Remade::of(made, &next.paths)?;
        // What is no more goes with the first step: a page that left, or a
        // notice where the page that joined now is.
        first.removed.extend(gone);
        clock.lap(&format!("  {} outputs of the pages edited", own.len()));
        // Files the second step makes where none was (a new tag's page).
        let arrivals = rest.iter().any(|&i| next.paths[i].is_empty());
        let mut pending: Vec<String> = rest
            .iter()
            .map(|&i| next.paths[i].clone())
            .filter(|p| !p.is_empty())
            .collect();
        pending.extend(removed.iter().cloned());
        first_step(FirstStep {
            files: &first.files,
            removed: &first.removed,
            arrived: &first.arrived,
            pending,
            arrivals,
            everything: false,
        });
        // The pages that link to a page that moved, converted again now
        // that the page is shown, and the summaries they give.
        (relinked.convert)(converted)?;
        let mut rest = rest;
        if !relinked.pages.is_empty() {
            // An edited page that shows one of them is made again with it.
            let reads_one = |&i: &usize| {
                relinked
                    .pages
                    .iter()
                    .any(|&p| next.readers[p].contains(&(i as u32)))
            };
            rest.extend(own.iter().copied().filter(reads_one));
            if !Arc::make_mut(&mut next.shared).update(site, converted, relinked.pages) {
                return None;
            }
            self.index.refresh(site, &next.shared, relinked.pages);
        }
        let sources = next.sources(site, converted);
        let made = next.make(sources, &rest, cache, None);
        if media.wants_more() {
            return None;
        }
        let then = Remade::of(made, &next.paths)?;
        clock.lap(&format!("  {} outputs that show them", rest.len()));
        first.files.extend(then.files);
        first.reads.extend(then.reads);
        first.arrived.extend(then.arrived);
        removed.extend(first.removed);
        removed.extend(then.removed);
        let Remade {
            files,
            reads,
            arrived,
            ..
        } = first;
        next.record_reads(reads);
        Some(Update {
            files,
            removed,
            arrived,
            renderer: next,
        })
    }

    /// The outputs after files under `static/`, the site's or the theme's,
    /// were saved, created or removed (`touched`, spelled from the site's
    /// root): the static files listed again and compared with the last
    /// build's. No output reads a static file, so none is made again; the
    /// files given are those that arrived, now come from another source, or
    /// were touched. `None` where the change reaches further: the site's own
    /// `sitemap.xml` or `robots.txt` came or went (it takes an output's
    /// place), an image was among the files (images are made from them and
    /// photos checked for the positions they hold), or the listing found a
    /// problem — the whole build then says what.
    pub fn update_statics(
        &self,
        root: &Path,
        theme_dir: Option<&Path>,
        touched: &[std::path::PathBuf],
    ) -> Option<Update> {
        let mut problems = Diagnostics::new();
        let now = files::static_files(root, theme_dir, &mut problems);
        if !problems.is_empty() {
            return None;
        }
        let changes = files::StaticChanges::between(&self.statics, &now);
        let takes_an_outputs_place = |path: &str| path == "sitemap.xml" || path == "robots.txt";
        let came_or_went = changes.arrived.iter().map(|f| f.path.as_str());
        if came_or_went
            .chain(changes.gone.iter().map(String::as_str))
            .any(takes_an_outputs_place)
            // The redirect stubs link the site's icon.
            || changes.paths().any(aliases::is_icon)
            || touched.iter().any(|p| crate::media::Media::reads(p))
            || changes
                .paths()
                .any(|p| crate::media::Media::reads(Path::new(p)))
        {
            return None;
        }
        let copied_anew: HashSet<&str> = changes
            .arrived
            .iter()
            .chain(&changes.replaced)
            .map(|f| f.path.as_str())
            .collect();
        let files: Vec<OutputFile> = now
            .iter()
            .filter(|f| {
                copied_anew.contains(f.path.as_str())
                    || matches!(&f.body, crate::output::Body::Copy(source) if touched.contains(source))
            })
            .cloned()
            .collect();
        Some(Update {
            files,
            arrived: changes.arrived.iter().map(|f| f.path.clone()).collect(),
            removed: changes.gone,
            renderer: Renderer {
                statics: Arc::new(now),
                ..self.clone()
            },
        })
    }

    /// Brings the list's tag pages in line with the model's tags in each
    /// language whose tags `reach` says changed: the pages of tags gone
    /// leave the list (their files are returned), those of new tags join
    /// it (their indexes are returned). Every index kept is moved to match.
    fn follow_tags(&mut self, site: &Site, reach: &Reach) -> (Vec<String>, Vec<usize>) {
        let changed: Vec<LangId> = reach
            .listings
            .iter()
            .filter_map(|l| match l {
                Listing::Tags { lang } => site.config.language_id(lang),
                _ => None,
            })
            // Only where tag pages are made at all (the theme has the templates).
            .filter(|&lang| self.list.contains(&Output::TagList { lang }))
            .collect();
        let now: HashSet<Output> = changed
            .iter()
            .flat_map(|&lang| outputs::tag_pages(site, lang))
            .collect();
        let gone = |o: &Output| {
            matches!(o, Output::Tag { lang, .. } if changed.contains(lang)) && !now.contains(o)
        };
        let new: Vec<Output> = now
            .iter()
            .filter(|o| !self.list.contains(o))
            .cloned()
            .collect();
        if new.is_empty() && !self.list.iter().any(gone) {
            return (Vec::new(), Vec::new());
        }
        // Where each output kept goes in the new list.
        let mut moved: Vec<Option<u32>> = Vec::with_capacity(self.list.len());
        let mut list = Vec::with_capacity(self.list.len() + new.len());
        let mut paths = Vec::with_capacity(list.capacity());
        let mut removed = Vec::new();
        for (output, path) in self.list.iter().zip(self.paths.iter()) {
            if gone(output) {
                moved.push(None);
                removed.push(path.clone());
            } else {
                moved.push(Some(list.len() as u32));
                list.push(output.clone());
                paths.push(path.clone());
            }
        }
        let added: Vec<usize> = (list.len()..list.len() + new.len()).collect();
        paths.extend(new.iter().map(|_| String::new()));
        list.extend(new);
        let renumber =
            |readers: &Vec<u32>| readers.iter().filter_map(|&i| moved[i as usize]).collect();
        self.readers = Arc::new(self.readers.iter().map(renumber).collect());
        self.listing_readers = Arc::new(
            self.listing_readers
                .iter()
                .map(|(l, readers)| (l.clone(), renumber(readers)))
                .collect(),
        );
        self.list = list;
        self.paths = Arc::new(paths);
        (removed, added)
    }

    /// Renders `page` with `extra` added to its context: the form endpoint
    /// shows a page anew with what a visitor typed and got wrong.
    pub fn render_with(
        &self,
        site: &Site,
        converted: &ConvertedPages,
        page: PageId,
        extra: Vec<(&'static str, Value)>,
    ) -> Result<String, Diagnostic> {
        let sources = self.sources(site, converted);
        let output = Output::Page { page, pager: None };
        let description = output.describe(sources, &self.templates);
        let Recipe::Template {
            template,
            page,
            parts,
        } = description.recipe
        else {
            return Err(Diagnostic::error("a page is made without a template"));
        };
        let mut context = parts.context(sources);
        for (key, value) in extra {
            context.insert_value(key, value);
        }
        self.templates
            .tera
            .render(template, &context)
            .map_err(|e| self.templates.diagnostic(&e, page.as_deref()))
    }
}

/// Problems found, as their text: what tells two lists of them apart.
fn problems(found: &Diagnostics) -> Vec<String> {
    found.iter().map(|d| d.to_string()).collect()
}

/// What the lookups a template made read: the pages whose summaries they
/// returned, and for `get_section` the section's list, which a page that
/// joins it changes without being read by anyone yet.
fn read_lookups(
    site: &Site,
    lookups: &[cache::Lookup],
    pages: &mut Vec<PageId>,
    listings: &mut Vec<Listing>,
) {
    for lookup in lookups {
        pages.extend(LookupIndex::pages_read(site, lookup));
        if lookup.function == "get_section"
            && let Some(node) = site.node_id(&lookup.key)
        {
            let listing = Listing::Section {
                node,
                lang: lookup.lang.clone(),
            };
            if !listings.contains(&listing) {
                listings.push(listing);
            }
        }
    }
}

/// Whether `readers`, in which a full build adds outputs in order, holds `i`:
/// the last is the largest, and most checks stop there.
fn already(readers: &[u32], i: u32) -> bool {
    readers.last().is_some_and(|&last| last >= i) && readers.contains(&i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` page ids, as the model numbers them.
    fn ids(n: usize) -> Vec<PageId> {
        (0..n)
            .map(|_| ())
            .collect::<IdVec<PageId, ()>>()
            .ids()
            .collect()
    }

    /// The outputs of pages `pages` with the aliases `aliases`, as
    /// `outputs::list` orders them: pages first, the site's files, the
    /// redirects.
    fn listed(pages: &[PageId], aliases: &[(PageId, usize)], robots: bool) -> Vec<Output> {
        let mut list: Vec<Output> = pages
            .iter()
            .map(|&page| Output::Page { page, pager: None })
            .collect();
        list.extend([
            Output::LanguageChooser,
            Output::NotFound { lang: None },
            Output::Sitemap,
        ]);
        if robots {
            list.push(Output::Robots);
        }
        list.extend(
            aliases
                .iter()
                .map(|&(page, alias)| Output::Alias { page, alias }),
        );
        list
    }

    /// What matching every output by value through one map gives.
    fn by_value(old: &[Output], pages: Shift<PageId>, new: &[Output]) -> Vec<Option<u32>> {
        let at: HashMap<&Output, u32> =
            new.iter().enumerate().map(|(i, o)| (o, i as u32)).collect();
        old.iter()
            .map(|o| o.shifted(pages).and_then(|o| at.get(&o).copied()))
            .collect()
    }

    #[test]
    fn outputs_matched_side_by_side_are_those_matched_by_value() {
        let p = ids(31);
        let old = listed(&p[..30], &[(p[3], 0), (p[7], 0), (p[7], 1)], true);
        // A page joins at 4, with an alias; the ids from 4 on move up.
        let joined = Shift::Inserted(p[4]);
        let new = listed(
            &p[..31],
            &[(p[3], 0), (p[4], 0), (p[8], 0), (p[8], 1)],
            true,
        );
        assert_eq!(matched(&old, joined, &new), by_value(&old, joined, &new));
        // Page 7 leaves with its aliases, and robots.txt goes.
        let left = Shift::Removed(p[7]);
        let new = listed(&p[..29], &[(p[3], 0)], false);
        assert_eq!(matched(&old, left, &new), by_value(&old, left, &new));
        // More outputs come in at once than are looked ahead for.
        let many: Vec<(PageId, usize)> = (0..20).map(|k| (p[4], k)).collect();
        let new = listed(
            &p[..31],
            &[&[(p[3], 0)], &many[..], &[(p[8], 0), (p[8], 1)]].concat(),
            true,
        );
        let moved = matched(&old, joined, &new);
        assert_eq!(moved, by_value(&old, joined, &new));
        assert!(
            moved.iter().all(Option::is_some),
            "every old output is still listed"
        );
    }
}
