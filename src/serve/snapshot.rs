//! The site as served: the files of the last good build, and the errors
//! of the last build if it failed.
//!
//! After a save, the site is served in two steps (`Workspace::build_in_steps`):
//! first with the saved page made again (or, if it left the site, gone),
//! then with the lists, feeds and other pages that show it (after a page
//! joined or left the site too: it is patched into the last build). Only
//! when the save needs the whole build (the first page of a section, a
//! template…) is every other file of the build its second step.
//! Between the two, a request for a file the second step makes again waits
//! for it ([`Snapshot::settled`]) rather than getting the file as it was:
//! the reload after the first step tells every open page that the site
//! changed, and a list reloaded then must not show the page as it was
//! before — what the writer sees is never older than the last reload said.
//! The same rule makes that one reload enough: a page that reloaded gets
//! what the second step makes.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;

use super::printer::Printer;
use crate::build::Build;
use crate::build::FirstStep;
use crate::i18n::I18n;
use crate::model::Site;
use crate::output::Body;

pub struct Snapshot {
    pub files: Files,
    /// The errors of the last build, shown over every page; `None` when it
    /// succeeded.
    pub errors: Option<Arc<str>>,
    /// The site's language codes, to pick the 404 page of a path's language.
    pub languages: Vec<String>,
    /// The model of the last good build, for the translator's view.
    pub site: Option<Arc<Site>>,
    /// Its UI strings (the view's dates are in the author's language).
    pub i18n: Option<Arc<I18n>>,
    /// Changes whenever a content file or the set of drafts changes, even
    /// when no output does (an edited draft): the translator's view follows.
    pub sources: u64,
    /// Between the two steps of an edit, what the second step makes again.
    pub pending: Option<Pending>,
}

/// The files a second step is making again, and word of when it is done.
#[derive(Clone)]
pub struct Pending {
    paths: std::collections::HashSet<String>,
    /// Whether it makes files no output made before (a new tag's page),
    /// whose paths are known only once made: a request for a file the
    /// site does not have waits for it too.
    arrivals: bool,
    /// Whether it makes every file again but those the first step made or
    /// removed (after a page joined or left the site): all of them wait.
    everything: Option<Arc<std::collections::HashSet<String>>>,
    /// `true` once the snapshot after the second step is served (or
    /// closed: the watcher is gone).
    done: tokio::sync::watch::Receiver<bool>,
}

/// The files served, by path: a build's, shared between snapshots, with
/// what a first step changed over them. The first step of a save serves
/// its few files over the last build's tens of thousands without copying
/// them (a copy of the map took 5–11 ms at 20 004 pages, on the way to the
/// reload); the snapshot after the second step has them all in one map.
#[derive(Clone, Default)]
pub struct Files {
    all: Arc<HashMap<String, Body>>,
    /// Over `all`: a file made again or anew, or (`None`) gone.
    over: HashMap<String, Option<Body>>,
}

impl Files {
    pub fn get(&self, path: &str) -> Option<&Body> {
        match self.over.get(path) {
            Some(over) => over.as_ref(),
            None => self.all.get(path),
        }
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// Every file served, with its path.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Body)> {
        let under = self
            .all
            .iter()
            .filter(|(path, _)| !self.over.contains_key(*path));
        let over = self
            .over
            .iter()
            .filter_map(|(path, body)| Some((path, body.as_ref()?)));
        under.chain(over)
    }

    /// These files with `removed` gone and `made` in, over them.
    fn over(&self, removed: &[String], made: &[crate::output::OutputFile]) -> Files {
        let mut files = self.clone();
        for path in removed {
            files.over.insert(path.clone(), None);
        }
        for file in made {
            files
                .over
                .insert(file.path.clone(), Some(file.body.clone()));
        }
        files
    }

    /// These files in one map, with `removed` gone and `made` in.
    fn merged<'a>(
        &self,
        removed: &[String],
        made: impl Iterator<Item = &'a crate::output::OutputFile>,
    ) -> Files {
        let mut all = (*self.all).clone();
        for (path, over) in &self.over {
            match over {
                Some(body) => all.insert(path.clone(), body.clone()),
                None => all.remove(path),
            };
        }
        for path in removed {
            all.remove(path);
        }
        for file in made {
            all.insert(file.path.clone(), file.body.clone());
        }
        Files::from(all)
    }
}

impl From<HashMap<String, Body>> for Files {
    fn from(all: HashMap<String, Body>) -> Files {
        Files {
            all: Arc::new(all),
            over: HashMap::new(),
        }
    }
}

impl Pending {
    /// Whether the file `key` is the second step's to make or remove;
    /// `served` tells whether the first step served a file there.
    fn covers(&self, key: &str, served: impl Fn(&str) -> bool) -> bool {
        match &self.everything {
            Some(first) => !first.contains(key),
            None => self.paths.contains(key) || (self.arrivals && !served(key)),
        }
    }
}

/// The watcher's side of a [`Pending`]: dropping it, or calling
/// [`Self::done`], lets the requests that wait go on.
pub struct SecondStep {
    sender: tokio::sync::watch::Sender<bool>,
    pending: Pending,
}

impl SecondStep {
    /// Whether a page that reloaded after the first step (which served
    /// `first`) got `path` as the second step makes it: it was pending,
    /// and so waited for it.
    pub fn covered(&self, path: &str, first: &Snapshot) -> bool {
        self.pending.covers(path, |p| first.files.contains_key(p))
    }

    /// Lets every request that waits for the second step go on; call it
    /// once the snapshot after the second step is served.
    pub fn done(self) {
        let _ = self.sender.send(true);
    }
}

impl Snapshot {
    pub fn empty() -> Snapshot {
        Snapshot {
            files: Files::default(),
            errors: None,
            languages: Vec::new(),
            site: None,
            i18n: None,
            sources: 0,
            pending: None,
        }
    }

    /// The snapshot that serves `served` for `key` (a snapshot key): the one
    /// served now, or, if the file is being made again by the second step
    /// of an edit, the one served once it is made.
    pub async fn settled(served: &ArcSwap<Snapshot>, key: &str) -> Arc<Snapshot> {
        let snapshot = served.load_full();
        let Some(pending) = &snapshot.pending else {
            return snapshot;
        };
        if !pending.covers(key, |k| snapshot.files.contains_key(k)) {
            return snapshot;
        }
        let mut done = pending.done.clone();
        // An error means the watcher is gone: nothing more will come.
        let _ = done.wait_for(|done| *done).await;
        served.load_full()
    }

    /// This snapshot with the first step of an edit applied: its files in,
    /// the files it left out, and what the second step makes again
    /// pending. Returns the paths whose content changed, and what tells the
    /// requests that wait when the second step is served.
    pub fn first_step(&self, step: &FirstStep) -> (Snapshot, Vec<String>, SecondStep) {
        let (site, step) = (step.site, &step.outputs);
        let files = self.files.over(step.removed, step.files);
        let mut changed: Vec<String> = step
            .removed
            .iter()
            .filter(|path| self.files.contains_key(path))
            .cloned()
            .collect();
        for file in step.files {
            if differs(self.files.get(&file.path), &file.body, &[]) {
                changed.push(file.path.clone());
            }
        }
        changed.sort();
        changed.dedup();
        let (sender, done) = tokio::sync::watch::channel(false);
        let pending = Pending {
            paths: step.pending.iter().cloned().collect(),
            arrivals: step.arrivals,
            everything: step.everything.then(|| {
                let decided = step.files.iter().map(|f| &f.path).chain(step.removed);
                Arc::new(decided.cloned().collect())
            }),
            done,
        };
        let second = SecondStep {
            sender,
            pending: pending.clone(),
        };
        let snapshot = Snapshot {
            files,
            errors: self.errors.clone(),
            languages: self.languages.clone(),
            // The translator's view reads the model: the new one is whole.
            site: Some(Arc::clone(site)),
            i18n: self.i18n.clone(),
            sources: sources(site),
            pending: Some(pending),
        };
        (snapshot, changed, second)
    }

    /// The snapshot after `build`: its files if it succeeded, else the
    /// previous files with its errors.
    pub fn after(
        previous: &Snapshot,
        build: &Build,
        printer: &mut Printer,
        took: Duration,
    ) -> Snapshot {
        let languages = build
            .site
            .as_ref()
            .map(|s| {
                s.config
                    .language_codes()
                    .iter()
                    .map(|c| c.to_string())
                    .collect()
            })
            .unwrap_or_else(|| previous.languages.clone());
        if build.succeeded() {
            printer.succeeded(build, took);
            let files = match &build.remade {
                // Only some files were made again: the rest are as they were.
                Some(remade) if previous.errors.is_none() => previous
                    .files
                    .merged(&build.removed, remade.iter().map(|&i| &build.files[i])),
                _ => Files::from(
                    build
                        .files
                        .iter()
                        .map(|f| (f.path.clone(), f.body.clone()))
                        .collect::<HashMap<_, _>>(),
                ),
            };
            Snapshot {
                files,
                errors: None,
                languages,
                site: build.site.clone(),
                i18n: build.pages.as_ref().map(|p| Arc::clone(&p.i18n)),
                sources: build.site.as_deref().map_or(0, sources),
                pending: None,
            }
        } else {
            let errors = printer.failed(build);
            Snapshot {
                files: previous.files.clone(),
                errors: Some(errors),
                languages,
                // The translator's view shows what `check` would: the new
                // model, errors or not, when there is one.
                site: build.site.clone().or_else(|| previous.site.clone()),
                i18n: build
                    .pages
                    .as_ref()
                    .map(|p| Arc::clone(&p.i18n))
                    .or_else(|| previous.i18n.clone()),
                sources: build.site.as_deref().map_or(previous.sources, sources),
                pending: None,
            }
        }
    }

    /// The paths whose content differs between two snapshots; `build` tells
    /// which files can have changed when it made only some again.
    pub fn changed_paths(
        &self,
        previous: &Snapshot,
        build: &Build,
        touched: &[std::path::PathBuf],
    ) -> Vec<String> {
        let differs = |path: &String, body: &Body| differs(previous.files.get(path), body, touched);
        if let Some(remade) = &build.remade
            && build.succeeded()
            && previous.errors.is_none()
        {
            let mut changed: Vec<String> = remade
                .iter()
                .map(|&i| &build.files[i])
                .filter(|f| differs(&f.path, &f.body))
                .map(|f| f.path.clone())
                .chain(
                    build
                        .removed
                        .iter()
                        .filter(|p| previous.files.contains_key(p) && !self.files.contains_key(p))
                        .cloned(),
                )
                .collect();
            changed.sort();
            return changed;
        }
        let mut changed: Vec<String> = self
            .files
            .iter()
            .filter(|(path, body)| differs(path, body))
            .map(|(path, _)| path.clone())
            .collect();
        changed.extend(
            previous
                .files
                .iter()
                .map(|(path, _)| path)
                .filter(|p| !self.files.contains_key(p))
                .cloned(),
        );
        changed.sort();
        changed
    }
}

/// Whether a file served as `before` (if it was) changes when served as
/// `after`; `touched` are the static files saved since.
fn differs(before: Option<&Body>, after: &Body, touched: &[std::path::PathBuf]) -> bool {
    match (before, after) {
        (None, _) => true,
        (Some(Body::Bytes(a)), Body::Bytes(b)) => !Arc::ptr_eq(a, b) && a[..] != b[..],
        (Some(Body::Copy(a)), Body::Copy(b)) => a != b || touched.iter().any(|t| t == b),
        _ => true,
    }
}

/// A hash of which content files the site has and what they hold, from the
/// model's own hashes: cheap enough for every rebuild.
fn sources(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    for node in site.nodes.iter() {
        node.key.hash(&mut hasher);
        for &p in &node.pages {
            site.pages[p].lang.hash(&mut hasher);
            site.pages[p].source_hash.hash(&mut hasher);
        }
        for draft in &node.drafts {
            draft.lang.hash(&mut hasher);
            draft.front_matter.title.hash(&mut hasher);
        }
    }
    hasher.finish()
}
