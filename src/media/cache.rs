//! Processed images on disk, outside `public/`, reused by every build and
//! by `praxis serve`.
//!
//! A file's name is a hash of the original's bytes and of what was asked
//! (see `Job::cache_name`), so a file in the cache is never stale: an edited
//! photo gets new names, and an article whose text changed asks for the
//! same names and finds them. Files are written under a temporary name and
//! renamed, so a build killed while encoding leaves no half-written image
//! to be published by the next one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::source::ImageError;
use super::{Job, encode, source};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The cache's folder under the site root (git-ignored).
pub const CACHE_DIR: &str = ".praxis-cache/images";

/// Changes when processing changes what it writes, so that the cache is
/// not trusted across such a change.
pub const VERSION: u32 = 1;

/// How much of a build's images were made, and how much found made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Files encoded by this build.
    pub processed: usize,
    /// Files found in the cache.
    pub reused: usize,
}

pub struct DiskCache {
    dir: PathBuf,
}

impl DiskCache {
    pub fn new(root: &Path) -> DiskCache {
        DiskCache {
            dir: root.join(CACHE_DIR),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Makes the files of `jobs` the cache lacks; returns the size of every
    /// file that is there now, by name.
    pub fn make<'a>(
        &self,
        jobs: impl Iterator<Item = &'a Job>,
        diags: &mut Diagnostics,
    ) -> (HashMap<String, u64>, Stats) {
        let mut distinct: HashMap<String, &Job> = HashMap::new();
        for job in jobs {
            distinct.entry(job.cache_name()).or_insert(job);
        }
        let mut sizes = HashMap::new();
        // The originals to open, each with the files to make from it.
        let mut missing: HashMap<&Path, Vec<(String, &Job)>> = HashMap::new();
        for (name, job) in distinct {
            match std::fs::metadata(self.path(&name)) {
                Ok(m) if m.is_file() => {
                    sizes.insert(name, m.len());
                }
                _ => missing.entry(&job.source).or_default().push((name, job)),
            }
        }
        let reused = sizes.len();
        if !missing.is_empty()
            && let Err(e) = std::fs::create_dir_all(&self.dir)
        {
            diags.push(
                Diagnostic::error(format!(
                    "cannot create the image cache {}: {e}",
                    self.dir.display()
                ))
                .help("check that the site's folder is writable"),
            );
            return (sizes, Stats::default());
        }
        let processed = AtomicUsize::new(0);
        let results: Vec<Result<Vec<(String, u64)>, Diagnostic>> = missing
            .into_par_iter()
            .map(|(_, files)| {
                let made = self.make_from_one(&files)?;
                processed.fetch_add(made.len(), Ordering::Relaxed);
                Ok(made)
            })
            .collect();
        for result in results {
            match result {
                Ok(made) => sizes.extend(made),
                Err(d) => diags.push(d),
            }
        }
        let stats = Stats {
            processed: processed.into_inner(),
            reused,
        };
        (sizes, stats)
    }

    /// Decodes one original once and makes every file asked of it.
    fn make_from_one(&self, files: &[(String, &Job)]) -> Result<Vec<(String, u64)>, Diagnostic> {
        let first = files[0].1;
        let located = |why: ImageError| {
            Diagnostic::of(&why)
                .in_file(&first.origin)
                .kind_of(why.kind())
        };
        encode::ready().map_err(located)?;
        let bytes =
            std::fs::read(&first.source).map_err(|e| located(ImageError::Unopened(Arc::new(e))))?;
        let (image, icc) = source::decode(&bytes).map_err(located)?;
        drop(bytes);
        // Copies of one size in two formats are resampled once.
        let mut by_size: HashMap<_, Vec<&(String, &Job)>> = HashMap::new();
        for file in files {
            by_size.entry(file.1.instructions).or_default().push(file);
        }
        by_size
            .into_par_iter()
            .map(|(instructions, files)| {
                let pixels = encode::transform(&image, &instructions);
                files
                    .into_iter()
                    .map(|(name, job)| {
                        let bytes =
                            encode::encode(&pixels, job.format, icc.as_deref()).map_err(located)?;
                        self.store(name, &bytes).map_err(|e| {
                            Diagnostic::error(format!(
                                "cannot write to the image cache {}: {e}",
                                self.dir.display()
                            ))
                            .in_file(&job.origin)
                            .help("check that the site's folder is writable and the disk has room")
                        })?;
                        Ok((name.clone(), bytes.len() as u64))
                    })
                    .collect::<Result<Vec<_>, Diagnostic>>()
            })
            .collect::<Result<Vec<Vec<_>>, Diagnostic>>()
            .map(|v| v.into_iter().flatten().collect())
    }

    fn store(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        let tmp = self.dir.join(format!(
            ".{name}.{}.{:?}.tmp",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, self.path(name))
    }
}

/// Removes from the image cache what the build that just wrote `files`
/// did not use and that is older than the build (`started`: a file made
/// meanwhile by `praxis serve` is kept), so that the cache holds what the
/// site shows, not every photo it ever had. Returns how many files went.
pub fn prune(
    root: &Path,
    files: &[crate::output::OutputFile],
    started: std::time::SystemTime,
) -> usize {
    let dir = root.join(CACHE_DIR);
    let used: std::collections::HashSet<&Path> = files
        .iter()
        .filter_map(|f| match &f.body {
            crate::output::Body::Copy(source) => Some(source.as_path()),
            _ => None,
        })
        .filter(|source| source.starts_with(&dir))
        .collect();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let stale = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .is_some_and(|modified| modified < started);
        if stale && !used.contains(path.as_path()) && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}
