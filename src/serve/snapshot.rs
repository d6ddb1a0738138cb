//! The site as served: the files of the last good build, and the errors
//! of the last build if it failed.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::printer::Printer;
use crate::build::Build;
use crate::i18n::I18n;
use crate::model::Site;
use crate::output::Body;

pub struct Snapshot {
    pub files: HashMap<String, Body>,
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
}

impl Snapshot {
    pub fn empty() -> Snapshot {
        Snapshot {
            files: HashMap::new(),
            errors: None,
            languages: Vec::new(),
            site: None,
            i18n: None,
            sources: 0,
        }
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
                Some(remade) if previous.errors.is_none() => {
                    let mut files = previous.files.clone();
                    for path in &build.removed {
                        files.remove(path);
                    }
                    for &i in remade {
                        let file = &build.files[i];
                        files.insert(file.path.clone(), file.body.clone());
                    }
                    files
                }
                _ => build
                    .files
                    .iter()
                    .map(|f| (f.path.clone(), f.body.clone()))
                    .collect(),
            };
            Snapshot {
                files,
                errors: None,
                languages,
                site: build.site.clone(),
                i18n: build.pages.as_ref().map(|p| Arc::clone(&p.i18n)),
                sources: build.site.as_deref().map_or(0, sources),
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
        let differs = |path: &String, body: &Body| match (previous.files.get(path), body) {
            (None, _) => true,
            (Some(Body::Bytes(a)), Body::Bytes(b)) => !Arc::ptr_eq(a, b) && a[..] != b[..],
            (Some(Body::Copy(a)), Body::Copy(b)) => a != b || touched.iter().any(|t| t == b),
            _ => true,
        };
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
                        .filter(|p| !self.files.contains_key(*p))
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
                .keys()
                .filter(|p| !self.files.contains_key(*p))
                .cloned(),
        );
        changed.sort();
        changed
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
