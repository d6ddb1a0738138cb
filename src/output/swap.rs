//! Replacing the output folder with no moment without a site.
//!
//! The new site is written into a staging folder beside the output, then
//! exchanged with the old one in a single step (`renameat2` with
//! `RENAME_EXCHANGE` on Linux): at every instant `public/` is either the
//! whole old site or the whole new one, whenever the process dies. Where
//! the exchange is not available (other systems, file systems without it),
//! two renames do it, and a build killed between them leaves no `public/`:
//! the next build puts the old one back before anything else. Files that
//! did not change are hard links shared by the two trees (see
//! [`super::manifest`]): each tree is complete on its own, and removing the
//! old one only unlinks them.
//!
//! Before it creates anything, a build writes a *marker* beside the output
//! (`.public.praxis-build-…`) naming the folders it is about to create, and
//! holds a lock on it while it runs. A build killed at any step leaves its
//! marker behind; the next build of the same output finds it unlocked,
//! repairs and removes the folders it names, and says so. A folder is never
//! removed for its name alone: only what a marker names, and only when no
//! living build holds that marker. The marker also records the identity of
//! the new tree's folder, so that the next build can tell whether the killed
//! one's swap happened — and if it did, puts the new tree's manifest in
//! place before anything else, so that the manifest always describes
//! `public/`.
//!
//! Before the trees change places, the record of the inputs the old tree
//! was built from ([`INPUTS_RECORD`]) is removed: a build killed from then
//! on leaves no record that could make the next build take a tree built
//! with other options (drafts, another address) for its own.
//!
//! `PRAXIS_FAULT_INJECTION` (for the test suite only) makes a build die at
//! a named step, or use the two-rename fallback: see [`Fault`].

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::owner::WriteError;
use crate::timing::Stopwatch;

const MARKER_HEADER: &str = "praxis build in progress";

/// What a swap found of earlier, interrupted builds and did about it.
#[derive(Debug, Default)]
pub struct Repairs {
    /// Folders of interrupted builds that were removed, with their size in bytes.
    pub removed: Vec<(PathBuf, u64)>,
    /// The output was missing (a build died between two renames) and the
    /// previous site was put back.
    pub restored: bool,
}

impl Repairs {
    /// One line for the terminal, if anything was repaired.
    pub fn describe(&self) -> Option<String> {
        if self.removed.is_empty() && !self.restored {
            return None;
        }
        let mut parts = Vec::new();
        if self.restored {
            parts.push(
                "put back the previous site, which an interrupted build had moved away".to_owned(),
            );
        }
        if !self.removed.is_empty() {
            let bytes: u64 = self.removed.iter().map(|(_, b)| b).sum();
            let names: Vec<String> = self
                .removed
                .iter()
                .map(|(p, _)| {
                    p.file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect();
            parts.push(format!(
                "removed what interrupted builds left behind: {} ({})",
                names.join(", "),
                human_size(bytes)
            ));
        }
        Some(parts.join("; "))
    }
}

/// What `praxis build` records beside the output about the inputs it was
/// built from (see `build_stamp`): `.public.praxis-inputs`.
pub const INPUTS_RECORD: &str = "inputs";

/// A step at which the test suite makes a build die, to prove that no step
/// leaves the site without its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// After the staging folder is complete, before the swap.
    Staged,
    /// Two-rename fallback: after the old site is moved away, before the
    /// new one is moved in.
    Retired,
    /// After the exchange, before the new tree's manifest is in place.
    Exchanged,
    /// After the swap, before the old site is removed.
    Swapped,
    /// After the old site is removed, before the marker is.
    Removed,
}

struct Faults {
    die_at: Option<Fault>,
    no_exchange: bool,
}

impl Faults {
    fn from_env() -> Faults {
        let has = crate::faults::injected;
        Faults {
            die_at: [
                ("die-after-staging", Fault::Staged),
                ("die-after-retire", Fault::Retired),
                ("die-after-exchange", Fault::Exchanged),
                ("die-after-swap", Fault::Swapped),
                ("die-after-removal", Fault::Removed),
            ]
            .into_iter()
            .find(|(w, _)| has(w))
            .map(|(_, f)| f),
            no_exchange: has("no-exchange"),
        }
    }

    fn at(&self, step: Fault) {
        if self.die_at == Some(step) {
            // As sudden as a SIGKILL: no destructor, no cleanup.
            std::process::abort();
        }
    }
}

/// The folders one build creates beside the output, and its marker.
pub struct Swap {
    out_dir: PathBuf,
    marker: PathBuf,
    /// Held (locked) for as long as the build runs.
    _marker_file: File,
    pub staging: PathBuf,
    retired: PathBuf,
    /// The manifest of the published tree (see [`super::manifest`]).
    pub manifest: PathBuf,
    /// The staging tree's manifest, put in place of `manifest` by the swap.
    pub new_manifest: PathBuf,
    /// The manifest of the tree at `out_dir`: praxis's files in it.
    pub(super) previous: super::manifest::Manifest,
    pub repairs: Repairs,
    faults: Faults,
}

impl Swap {
    /// Repairs what earlier builds of `out_dir` left behind, makes sure
    /// the folder is one praxis may replace ([`super::owner::claim`]),
    /// then creates a staging folder for this build.
    pub fn prepare(out_dir: &Path) -> Result<Swap, WriteError> {
        let (parent, name) = parent_and_name(out_dir);
        std::fs::create_dir_all(&parent)?;
        let repairs = repair(&parent, &name, out_dir)?;
        let manifest = manifest_path(out_dir);
        let previous = super::owner::claim(out_dir, &manifest)?;

        let unique = format!(
            "{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        );
        let staging_name = format!(".{name}.praxis-new-{unique}");
        let retired_name = format!(".{name}.praxis-old-{unique}");
        let new_manifest_name = format!(".{name}.praxis-manifest-{unique}");
        let marker = parent.join(format!(".{name}.praxis-build-{unique}"));
        let mut file = File::create_new(&marker)?;
        file.try_lock()
            .map_err(|e| io::Error::other(e.to_string()))?;
        write!(
            file,
            "{MARKER_HEADER}\noutput={name}\nstaging={staging_name}\nretired={retired_name}\nmanifest={new_manifest_name}\n"
        )?;
        file.sync_all()?;
        let staging = parent.join(staging_name);
        std::fs::create_dir(&staging)?;
        if let Some(tree) = identity(&staging) {
            writeln!(file, "tree={tree}")?;
            file.sync_all()?;
        }
        Ok(Swap {
            out_dir: out_dir.to_path_buf(),
            marker,
            _marker_file: file,
            staging,
            retired: parent.join(retired_name),
            manifest,
            new_manifest: parent.join(new_manifest_name),
            previous,
            repairs,
            faults: Faults::from_env(),
        })
    }

    /// Puts the complete staging folder in the output's place, its
    /// manifest in place of the old one, and removes the old site. What
    /// the old site held that praxis did not make goes on in the new one
    /// (see [`super::owner`]); `placed` is what the new one holds, and the
    /// paths of what was kept are returned.
    pub fn commit(
        self,
        placed: &std::collections::HashMap<String, super::manifest::Entry>,
        clock: &mut Stopwatch,
    ) -> Result<(Repairs, Vec<PathBuf>), WriteError> {
        self.faults.at(Fault::Staged);
        let old_tree = match self.before_the_swap(placed) {
            Ok(listing) => listing,
            Err(e) => {
                self.abandon();
                return Err(e);
            }
        };
        clock.lap("  keep what praxis did not make");
        if self.out_dir.exists() {
            let exchanged = !self.faults.no_exchange && exchange(&self.staging, &self.out_dir)?;
            let old = if exchanged {
                // The old site is now where the staging folder was.
                &self.staging
            } else {
                std::fs::rename(&self.out_dir, &self.retired)?;
                self.faults.at(Fault::Retired);
                if let Err(e) = std::fs::rename(&self.staging, &self.out_dir) {
                    let _ = std::fs::rename(&self.retired, &self.out_dir);
                    return Err(e.into());
                }
                &self.retired
            };
            self.faults.at(Fault::Exchanged);
            // Should this fail, the marker stays, and the next build
            // puts the manifest in place (see `repair`).
            std::fs::rename(&self.new_manifest, &self.manifest)?;
            clock.lap("  swap");
            self.faults.at(Fault::Swapped);
            super::remove::listed(old, &old_tree)?;
            clock.lap("  remove old tree");
        } else {
            std::fs::rename(&self.staging, &self.out_dir)?;
            std::fs::rename(&self.new_manifest, &self.manifest)?;
        }
        self.faults.at(Fault::Removed);
        std::fs::remove_file(&self.marker)?;
        let kept = old_tree.foreign.files;
        Ok((self.repairs, kept))
    }

    /// Puts what the old tree holds that praxis did not make into the new
    /// one, and removes the record of the old tree's inputs: the last
    /// steps before the trees change places, each of which may refuse.
    fn before_the_swap(
        &self,
        placed: &std::collections::HashMap<String, super::manifest::Entry>,
    ) -> Result<super::owner::Listing<'_>, WriteError> {
        let listing = super::owner::Listing::find(&self.out_dir, &self.previous)?;
        if !listing.foreign.is_empty() {
            super::owner::carry_over(&listing.foreign, &self.out_dir, &self.staging, placed)?;
        }
        match std::fs::remove_file(beside(&self.out_dir, INPUTS_RECORD)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(listing),
        }
    }

    /// Removes what this build created, leaving the output as it was.
    pub fn abandon(self) {
        let _ = std::fs::remove_file(&self.new_manifest);
        let _ = super::remove::tree(&self.staging, false);
        let _ = std::fs::remove_file(&self.marker);
    }
}

/// Exchanges two folders in one step. `Ok(false)` where the system or the
/// file system cannot: the caller falls back to two renames.
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(true),
            Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

/// Undoes what interrupted builds of `out_dir` left behind (see the module
/// documentation): run before a build, so that even a build that fails
/// puts back an output that went missing.
pub fn repair_interrupted(out_dir: &Path) -> io::Result<Repairs> {
    let (parent, name) = parent_and_name(out_dir);
    repair(&parent, &name, out_dir)
}

/// Finds the markers of earlier builds of `name` in `parent` that no living
/// build holds, and undoes what they left: the output put back if it went
/// missing, their folders removed.
fn repair(parent: &Path, name: &str, out_dir: &Path) -> io::Result<Repairs> {
    let mut repairs = Repairs::default();
    let prefix = format!(".{name}.praxis-build-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(repairs);
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        if !file_name.starts_with(&prefix) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = File::open(&path) else {
            continue;
        };
        // A living build holds its marker locked: leave it alone.
        if file.try_lock().is_err() {
            continue;
        }
        let Some(marker) = Marker::read(&path, name) else {
            continue;
        };
        let staging = parent.join(&marker.staging);
        let retired = parent.join(&marker.retired);
        if !out_dir.exists() && retired.is_dir() {
            std::fs::rename(&retired, out_dir)?;
            repairs.restored = true;
        }
        // The killed build's tree is the output now: its manifest, saved
        // before the swap, is the one that describes it.
        let swapped = marker.tree.is_some() && identity(out_dir) == marker.tree;
        if swapped && let Some(manifest) = &marker.manifest {
            match std::fs::rename(parent.join(manifest), manifest_path(out_dir)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        for dir in [staging, retired] {
            if dir.is_dir() {
                let bytes = super::remove::tree(&dir, true)?;
                repairs.removed.push((dir, bytes));
            }
        }
        if let Some(manifest) = &marker.manifest {
            let _ = std::fs::remove_file(parent.join(manifest));
        }
        drop(file);
        std::fs::remove_file(&path)?;
    }
    Ok(repairs)
}

/// What a marker says.
struct Marker {
    staging: String,
    retired: String,
    /// The staging tree's manifest (not named by markers of older versions).
    manifest: Option<String>,
    /// The identity of the staging tree's folder, once it was made.
    tree: Option<String>,
}

impl Marker {
    fn read(path: &Path, output: &str) -> Option<Marker> {
        let text = std::fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        if lines.next()? != MARKER_HEADER {
            return None;
        }
        let mut field = |key: &str| -> Option<String> {
            let value = lines.next()?.strip_prefix(key)?.strip_prefix('=')?;
            // Only a plain name beside the output: never a path elsewhere.
            let plain =
                !value.is_empty() && !value.contains(['/', '\\']) && value != "." && value != "..";
            plain.then(|| value.to_owned())
        };
        if field("output")? != output {
            return None;
        }
        Some(Marker {
            staging: field("staging")?,
            retired: field("retired")?,
            manifest: field("manifest"),
            tree: field("tree"),
        })
    }
}

/// A folder's identity on disk, which a rename keeps: `device:inode`.
fn identity(dir: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::symlink_metadata(dir).ok()?;
        Some(format!("{}:{}", meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

fn human_size(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MB {
        format!("{:.0} MB", bytes as f64 / MB)
    } else {
        format!("{} kB", bytes.div_ceil(1024))
    }
}

/// Where the manifest of the tree at `out_dir` is kept: beside it.
pub fn manifest_path(out_dir: &Path) -> PathBuf {
    beside(out_dir, "manifest")
}

/// A file of praxis's own beside the tree at `out_dir`, never inside it
/// (so never uploaded): `.public.praxis-WHAT`.
pub fn beside(out_dir: &Path, what: &str) -> PathBuf {
    let (parent, name) = parent_and_name(out_dir);
    parent.join(format!(".{name}.praxis-{what}"))
}

/// The folder holding `out_dir`, and its name.
fn parent_and_name(out_dir: &Path) -> (PathBuf, String) {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| crate::site_files::OUTPUT_DIR.into());
    (parent, name)
}
