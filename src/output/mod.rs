//! The built site as a list of files, and writing it to disk atomically.
//!
//! Rendering produces [`OutputFile`]s in memory; nothing touches the output
//! folder until the whole build succeeded. The new site is then written into
//! a fresh folder beside the old one and exchanged with it in one step
//! ([`swap`]), so that a failed or interrupted build leaves the previous
//! site exactly as it was, and there is never a moment without one.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_128;

use manifest::{Entry, Manifest, Stamp};
pub use owner::{NotOurs, WriteError, real_path};
use swap::Swap;
pub use swap::{INPUTS_RECORD, Repairs, beside, repair_interrupted};
use tree::Tree;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::timing::Stopwatch;

mod manifest;
mod owner;
mod remove;
mod swap;
mod tree;

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// `/`-separated path within the site: `nl/artikels/mentorschap/index.html`.
    pub path: String,
    pub body: Body,
    /// What produced the file, for messages: a content file, a template, a static file.
    pub origin: PathBuf,
}

/// The file a page at URL path `path` is written to, whatever made the
/// page (its own template, a redirect): `/nl/artikels/x/` →
/// `nl/artikels/x/index.html`.
pub fn index_file(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Rendered text, shared (not copied) by the render cache and the
    /// preview server.
    Bytes(Arc<[u8]>),
    /// A file copied as it is (static files, assets).
    Copy(PathBuf),
    /// Rendered and written already, into a [`Staging`] tree, as `praxis
    /// build` does so as not to hold every page in memory at once.
    Staged,
}

impl OutputFile {
    pub fn rendered(path: String, text: impl Into<Vec<u8>>, origin: impl Into<PathBuf>) -> Self {
        OutputFile {
            path,
            body: Body::Bytes(Arc::from(text.into())),
            origin: origin.into(),
        }
    }

    pub fn copied(path: String, source: PathBuf, origin: impl Into<PathBuf>) -> Self {
        OutputFile {
            path,
            body: Body::Copy(source),
            origin: origin.into(),
        }
    }
}

/// Reports files that two sources would write to the same path, keeping
/// the first, and files that would need a folder where another file is
/// (`slug = "index.html"` puts a page's folder where the section's own
/// `index.html` is): a path is one or the other, never both.
pub fn remove_collisions(files: Vec<OutputFile>, diags: &mut Diagnostics) -> Vec<OutputFile> {
    // Each path, and the first file that writes it. (A large site's
    // 20 000 paths are looked up by hash: Fx, not SipHash, which no one
    // can choose these keys to defeat.)
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    first.reserve(files.len());
    let mut twice = Vec::new();
    for (i, file) in files.iter().enumerate() {
        if let Some(&earlier) = first.get(file.path.as_str()) {
            diags.push(
                Diagnostic::error(format!(
                    "this would write /{}, which {} already writes",
                    file.path,
                    files[earlier].origin.display()
                ))
                .in_file(&file.origin)
                .help("rename one of the two, or change a slug or alias"),
            );
            twice.push(i);
            continue;
        }
        first.insert(&file.path, i);
    }
    // A file whose path has, as a folder, the path of a file kept.
    let mut reported = std::collections::HashSet::new();
    let mut blocked = Vec::new();
    for (i, file) in files.iter().enumerate() {
        if twice.binary_search(&i).is_ok() {
            continue;
        }
        let blocker = file.path.match_indices('/').find_map(|(at, _)| {
            let folder = &file.path[..at];
            first
                .get(folder)
                .map(|&owner| (folder, &files[owner].origin))
        });
        let Some((folder, owner)) = blocker else {
            continue;
        };
        blocked.push(i);
        if !reported.insert((folder, &file.origin)) {
            continue;
        }
        diags.push(
            Diagnostic::error(format!(
                "this would write /{}, but /{folder} is a file, written by {}",
                file.path,
                owner.display()
            ))
            .in_file(&file.origin)
            .help(format!(
                "a URL segment cannot be a file name of the site: change the slug (or alias) that gives /{folder}/"
            )),
        );
    }
    drop(first);
    if twice.is_empty() && blocked.is_empty() {
        return files;
    }
    let mut left_out = twice;
    left_out.extend(blocked);
    left_out.sort_unstable();
    files
        .into_iter()
        .enumerate()
        .filter(|(i, _)| left_out.binary_search(i).is_err())
        .map(|(_, file)| file)
        .collect()
}

/// Writes `files` as the new content of `out_dir`, swapping it in only once
/// every file is written (see [`swap`]); files whose bytes did not change
/// are the old tree's, linked, not written (see [`manifest`]). Returns what
/// it repaired of earlier, interrupted builds and how many files it wrote.
pub fn write_atomically(files: &[OutputFile], out_dir: &Path) -> Result<Written, WriteError> {
    let staging = Staging::prepare(out_dir)?;
    let placed = files.par_iter().try_for_each(|f| staging.place(f));
    match placed {
        Ok(()) => staging.commit(files.len()),
        Err(e) => {
            staging.abandon();
            Err(e.into())
        }
    }
}

/// The new tree of a site being written: files are placed in it as they
/// are made, from any thread, and it replaces `out_dir` in one step only
/// when the build succeeded ([`Self::commit`]); until then, and for good
/// if it is abandoned, `out_dir` is as it was.
pub struct Staging {
    swap: Swap,
    /// The new tree, open.
    tree: Tree,
    /// The old one, open, where there is one whose files can be linked.
    old_tree: Option<Tree>,
    /// What each placed file is, for the new manifest.
    entries: std::sync::Mutex<HashMap<String, Entry>>,
    written: std::sync::atomic::AtomicUsize,
    /// Folders made already, by `/`-separated path in the tree (hashing a
    /// `Path` goes through its components: 20 000 of them in a large site).
    folders: std::sync::Mutex<rustc_hash::FxHashSet<String>>,
    started: SystemTime,
    /// The first file [`Self::stage`] could not place.
    failed: std::sync::Mutex<Option<io::Error>>,
}

impl Staging {
    /// Refuses a folder that is not praxis's to replace ([`owner`]).
    pub fn prepare(out_dir: &Path) -> Result<Staging, WriteError> {
        let swap = Swap::prepare(out_dir)?;
        let tree = match Tree::open(&swap.staging) {
            Ok(tree) => tree,
            Err(e) => {
                swap.abandon();
                return Err(e.into());
            }
        };
        let old_tree = match swap.previous.entries.is_empty() {
            true => None,
            false => Tree::open(out_dir).ok(),
        };
        Ok(Staging {
            swap,
            tree,
            old_tree,
            entries: Default::default(),
            written: Default::default(),
            folders: Default::default(),
            started: SystemTime::now(),
            failed: Default::default(),
        })
    }

    /// Places `file` now and returns it without its bytes ([`Body::Staged`]).
    /// A file that cannot be placed fails [`Self::commit`].
    pub fn stage(&self, file: OutputFile) -> OutputFile {
        self.remember_failure(self.place(&file));
        OutputFile {
            body: Body::Staged,
            ..file
        }
    }

    /// Places the file `path` with the bytes just rendered, and returns it
    /// as [`Self::stage`] does: a rendered page goes from its buffer to the
    /// file, never copied into an [`OutputFile`] of its own first.
    pub fn stage_rendered(
        &self,
        path: String,
        bytes: &[u8],
        origin: impl Into<PathBuf>,
    ) -> OutputFile {
        self.remember_failure(self.put(&path, Source::Bytes(bytes)));
        OutputFile {
            path,
            body: Body::Staged,
            origin: origin.into(),
        }
    }

    fn remember_failure(&self, placed: io::Result<()>) {
        if let Err(e) = placed {
            lock(&self.failed).get_or_insert(e);
        }
    }

    /// Puts one file in the new tree: the old tree's, linked, when its
    /// bytes are the same, else written. A [`Body::Staged`] file is there
    /// already.
    pub fn place(&self, file: &OutputFile) -> io::Result<()> {
        match &file.body {
            Body::Bytes(bytes) => self.put(&file.path, Source::Bytes(bytes)),
            Body::Copy(source) => self.put(&file.path, Source::Copy(source)),
            Body::Staged => Ok(()),
        }
    }

    /// Puts the file `path` of the new tree, made of `source`.
    fn put(&self, path: &str, source: Source) -> io::Result<()> {
        let at = |e: io::Error| {
            let target = self.tree.path().join(path);
            io::Error::new(e.kind(), format!("{}: {e}", target.display()))
        };
        if let Some((folder, _)) = path.rsplit_once('/') {
            let made = lock(&self.folders).contains(folder);
            if !made {
                self.tree.make_folder(folder).map_err(at)?;
                lock(&self.folders).insert(folder.to_owned());
            }
        }
        let old = self.old_tree.as_ref().and_then(|tree| {
            let entry = self.swap.previous.get(path)?;
            Some(Old {
                entry,
                tree,
                racy: self.swap.previous.is_racy(entry),
            })
        });
        let (entry, wrote) = place(source, &self.tree, path, old, self.started).map_err(at)?;
        if wrote {
            self.written
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        if let Some(entry) = entry {
            lock(&self.entries).insert(path.to_owned(), entry);
        }
        Ok(())
    }

    /// Swaps the new tree in, with its manifest; `files` is how many files
    /// it holds.
    pub fn commit(self, files: usize) -> Result<Written, WriteError> {
        if let Some(e) = lock(&self.failed).take() {
            self.swap.abandon();
            return Err(e.into());
        }
        let mut clock = Stopwatch::from_env();
        let mut manifest = Manifest::default();
        manifest.entries = std::mem::take(&mut *lock(&self.entries));
        if let Err(e) = manifest.save(&self.swap.new_manifest) {
            self.swap.abandon();
            return Err(e.into());
        }
        clock.lap("  save manifest");
        let written = self.written.into_inner();
        let (repairs, kept) = self.swap.commit(&manifest.entries, &mut clock)?;
        Ok(Written {
            repairs,
            written,
            unchanged: files.saturating_sub(written),
            kept,
        })
    }

    /// Removes the new tree; `out_dir` stays as it was.
    pub fn abandon(self) {
        self.swap.abandon();
    }
}

fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether `out_dir` holds the files its manifest records, each with the
/// identity recorded (so, the bytes): nothing praxis made changed or went
/// since the build that wrote it. Files it does not record were put there
/// by someone else, and a build would keep them ([`owner`]).
pub fn published_as_recorded(out_dir: &Path) -> bool {
    let manifest = Manifest::read(&swap::manifest_path(out_dir));
    if manifest.entries.is_empty() {
        return false;
    }
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(out_dir).min_depth(1) {
        let Ok(entry) = entry else { return false };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path().strip_prefix(out_dir).unwrap_or(entry.path());
        let Some(recorded) = path.to_str().and_then(|p| manifest.get(p)) else {
            continue;
        };
        // A file written in the manifest's own tick of the clock is
        // trusted only once its bytes are hashed again (as when linking).
        let same = entry
            .metadata()
            .ok()
            .and_then(|meta| Stamp::of(&meta))
            .is_some_and(|stamp| Some(stamp) == recorded.file)
            && (!manifest.is_racy(recorded)
                || std::fs::read(entry.path()).is_ok_and(|b| xxh3_128(&b) == recorded.hash));
        if !same {
            return false;
        }
        seen += 1;
    }
    seen == manifest.entries.len()
}

/// What [`write_atomically`] did.
#[derive(Debug)]
pub struct Written {
    pub repairs: Repairs,
    /// Files written anew.
    pub written: usize,
    /// Files left as they were: the old tree's, linked into the new one.
    pub unchanged: usize,
    /// Files praxis did not make, kept from the old tree (see [`owner`]).
    pub kept: Vec<PathBuf>,
}

impl Written {
    /// One line for the terminal about the files kept, if any.
    pub fn describe_kept(&self, out_dir: &Path) -> Option<String> {
        if self.kept.is_empty() {
            return None;
        }
        let names: Vec<String> = self.kept.iter().map(|p| p.display().to_string()).collect();
        Some(format!(
            "kept {} file{} in {} that praxis did not make: {} (to publish a file with the site, put it in static/)",
            self.kept.len(),
            if self.kept.len() == 1 { "" } else { "s" },
            out_dir.display(),
            owner::listed(&names)
        ))
    }
}

/// The old tree's file at the same path, as the manifest knows it.
struct Old<'a> {
    entry: &'a Entry,
    tree: &'a Tree,
    /// Its bytes must be hashed again before it is trusted.
    racy: bool,
}

/// What a file of the new tree is made of.
enum Source<'a> {
    /// Rendered bytes.
    Bytes(&'a [u8]),
    /// A file copied as it is.
    Copy(&'a Path),
}

/// Puts the file `path` of `tree`: a link to the old tree's file when its
/// bytes are the same and it is still what the manifest recorded, else
/// written. Returns its manifest entry (`None` where the system gives no
/// identity) and whether it was written.
fn place(
    source: Source,
    tree: &Tree,
    path: &str,
    old: Option<Old>,
    started: SystemTime,
) -> io::Result<(Option<Entry>, bool)> {
    let linked = |hash: u128, source: Option<Stamp>| {
        let old = old.as_ref()?;
        (old.entry.hash == hash && link_unchanged(old, tree, path)).then_some(Entry {
            hash,
            file: old.entry.file,
            source,
        })
    };
    let read;
    let (hash, source, bytes) = match source {
        Source::Bytes(bytes) => {
            let hash = xxh3_128(bytes);
            if let Some(entry) = linked(hash, None) {
                return Ok((Some(entry), false));
            }
            (hash, None, bytes)
        }
        Source::Copy(source) => {
            let stamp =
                Stamp::of(&std::fs::metadata(source)?).filter(|stamp| !stamp.is_recent(started));
            if let (Some(stamp), Some(old)) = (stamp, &old)
                && old.entry.source == Some(stamp)
                && let Some(entry) = linked(old.entry.hash, Some(stamp))
            {
                return Ok((Some(entry), false));
            }
            read = std::fs::read(source)?;
            let hash = xxh3_128(&read);
            if let Some(entry) = linked(hash, stamp) {
                return Ok((Some(entry), false));
            }
            (hash, stamp, read.as_slice())
        }
    };
    let mut out = tree.create(path)?;
    out.write_all(bytes)?;
    let file = Stamp::of(&out.metadata()?);
    Ok((Some(Entry { hash, file, source }), true))
}

/// Hard-links the old file to `path` of `tree` if it still has the
/// identity the manifest recorded (checked on the link itself, so a change
/// in between is seen) and, when racy, the bytes. `false` when it cannot:
/// the caller writes the file.
fn link_unchanged(old: &Old, tree: &Tree, path: &str) -> bool {
    if tree.link_from(old.tree, path).is_err() {
        return false;
    }
    let same = tree.stamp(path).ok().flatten() == old.entry.file
        && old.entry.file.is_some()
        && (!old.racy
            || tree
                .read(path)
                .is_ok_and(|bytes| xxh3_128(&bytes) == old.entry.hash));
    if !same {
        let _ = tree.remove_file(path);
    }
    same
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_old_output_completely() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let stale = vec![OutputFile::rendered("stale/index.html".into(), "old", "x")];
        write_atomically(&stale, &out).unwrap();
        let files = vec![OutputFile::rendered("nl/index.html".into(), "nieuw", "x")];
        write_atomically(&files, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("nl/index.html")).unwrap(),
            "nieuw"
        );
        assert!(!out.join("stale").exists());
        let mut left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".public.praxis-manifest", "public"],
            "staging folders are cleaned up"
        );
    }

    /// The old tree goes whole but for what its manifest does not know of,
    /// added by hand: that stays, the same files, in the new tree.
    #[test]
    fn the_old_tree_goes_whole_but_for_what_was_added_to_it_by_hand() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let site = |text: &str| {
            vec![
                OutputFile::rendered("index.html".into(), text, "x"),
                OutputFile::rendered("nl/over/index.html".into(), text, "x"),
                OutputFile::rendered("nl/over/diep/index.html".into(), text, "x"),
            ]
        };
        write_atomically(&site("een"), &out).unwrap();
        std::fs::write(out.join("nl/over/hand.txt"), "bij").unwrap();
        std::fs::create_dir_all(out.join("leeg/map")).unwrap();
        std::fs::write(out.join("los.txt"), "los").unwrap();
        let hand = std::fs::metadata(out.join("nl/over/hand.txt")).unwrap();
        let written = write_atomically(&site("twee")[..1], &out).unwrap();
        let mut kept: Vec<String> = written
            .kept
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        kept.sort();
        assert_eq!(kept, ["los.txt", "nl/over/hand.txt"]);
        let mut left: Vec<String> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .map(|e| {
                e.unwrap()
                    .path()
                    .strip_prefix(dir.path())
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "",
                ".public.praxis-manifest",
                "public",
                "public/index.html",
                "public/leeg",
                "public/leeg/map",
                "public/los.txt",
                "public/nl",
                "public/nl/over",
                "public/nl/over/hand.txt",
            ],
            "nothing of the old site's but what was added by hand"
        );
        use std::os::unix::fs::MetadataExt;
        let now = std::fs::metadata(out.join("nl/over/hand.txt")).unwrap();
        assert_eq!(now.ino(), hand.ino(), "the same file, not a copy");
    }

    /// What was added by hand is kept as it is: a link as the link (never
    /// followed: what it leads to is not the tree's), a folder with its
    /// permissions, a file whose name is not UTF-8.
    #[cfg(unix)]
    #[test]
    fn what_was_added_by_hand_is_kept_as_it_is_links_permissions_and_any_name() {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let site = |text: &str| vec![OutputFile::rendered("nl/over/index.html".into(), text, "x")];
        write_atomically(&site("een"), &out).unwrap();
        let elsewhere = dir.path().join("elders");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("niet.txt"), "niet van de site").unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("nl/link")).unwrap();
        std::fs::create_dir(out.join("nl/eigen")).unwrap();
        std::fs::set_permissions(out.join("nl/eigen"), std::fs::Permissions::from_mode(0o750))
            .unwrap();
        let odd = std::ffi::OsStr::from_bytes(b"oud\xff.txt");
        std::fs::write(out.join("nl/over").join(odd), "oud").unwrap();
        let written = write_atomically(&site("twee"), &out).unwrap();
        let mut kept = written.kept.clone();
        kept.sort();
        assert_eq!(
            kept,
            [PathBuf::from("nl/link"), Path::new("nl/over").join(odd)]
        );
        let link = std::fs::symlink_metadata(out.join("nl/link")).unwrap();
        assert!(link.file_type().is_symlink(), "the link stays a link");
        assert!(
            elsewhere.join("niet.txt").exists(),
            "what it leads to stays"
        );
        let eigen = std::fs::metadata(out.join("nl/eigen")).unwrap();
        assert_eq!(eigen.permissions().mode() & 0o777, 0o750);
        assert_eq!(
            std::fs::read(out.join("nl/over").join(odd)).unwrap(),
            b"oud"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("nl/over/index.html")).unwrap(),
            "twee"
        );
    }

    #[test]
    fn failed_write_keeps_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let old = vec![OutputFile::rendered("index.html".into(), "old", "x")];
        write_atomically(&old, &out).unwrap();
        let files = vec![OutputFile::copied(
            "x.jpg".into(),
            dir.path().join("does-not-exist.jpg"),
            "x",
        )];
        assert!(write_atomically(&files, &out).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
    }

    #[test]
    fn collisions_are_reported() {
        let mut diags = Diagnostics::new();
        let files = vec![
            OutputFile::rendered("a/index.html".into(), "1", "content/a/nl.md"),
            OutputFile::rendered("a/index.html".into(), "2", "static/a/index.html"),
        ];
        let kept = remove_collisions(files, &mut diags);
        assert_eq!(kept.len(), 1);
        assert!(diags.has_errors());
    }
}

/// What a tree of published files holds, by `/`-separated path: the hash of
/// each file's bytes. Read from the manifest beside an output, and kept on
/// a host by `praxis publish` as its record of what it sent there, in the
/// manifest's format (checksummed, so a truncated record is known as one).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Contents {
    pub files: std::collections::BTreeMap<String, u128>,
}

impl Contents {
    /// What the build in `out_dir` wrote, as the manifest beside it says;
    /// `None` when there is no usable one.
    pub fn of_output(out_dir: &Path) -> Option<Contents> {
        let manifest = Manifest::load(&swap::manifest_path(out_dir)).ok()?;
        Some(Contents::from(&manifest))
    }

    /// A record's text ([`Contents::text`]); `None` when it is damaged.
    pub fn parse(text: &str) -> Option<Contents> {
        Manifest::parse(text).map(|manifest| Contents::from(&manifest))
    }

    /// The record's text.
    pub fn text(&self) -> String {
        let mut manifest = Manifest::default();
        manifest.entries = self
            .files
            .iter()
            .map(|(path, hash)| {
                let entry = Entry {
                    hash: *hash,
                    file: None,
                    source: None,
                };
                (path.clone(), entry)
            })
            .collect();
        manifest.text()
    }

    fn from(manifest: &Manifest) -> Contents {
        Contents {
            files: manifest
                .entries
                .iter()
                .map(|(path, entry)| (path.clone(), entry.hash))
                .collect(),
        }
    }
}

/// What the folder `out_dir` holds that praxis made, finishing first what
/// an interrupted write left: its [`Contents`] (empty for a missing or
/// empty folder), or why it is not praxis's to replace.
pub fn claimed(out_dir: &Path) -> Result<Contents, WriteError> {
    repair_interrupted(out_dir)?;
    let manifest = owner::claim(out_dir, &swap::manifest_path(out_dir))?;
    Ok(Contents::from(&manifest))
}
