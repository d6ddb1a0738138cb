//! praxis deletes only what it made.
//!
//! A build replaces its output folder (`public/`, `--output`,
//! `--endpoint-bundle`) whole. It may do so only when the folder is missing,
//! empty, or praxis's own: built by praxis before, with the manifest of
//! that build beside it ([`super::manifest`]), which lists every file the
//! build wrote. Anything else is refused ([`NotOurs`]), never emptied: a
//! web root holding another application, a folder of hers given as
//! `--output` by mistake, a `public/` whose manifest was lost.
//!
//! Inside its own folder, a file the manifest does not list was put there
//! by someone else — a verification file for a search engine, an
//! endpoint's database — and goes on in the new tree: the swap hard-links it
//! in before the trees change places ([`carry_over`]), so it is the same
//! file (a server holding it open keeps writing to it) and at no instant
//! is it anywhere but in `out_dir`. Should the new site write a file where
//! one of hers is, the build stops before the swap and says so.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::manifest::{Entry, Manifest, Unusable};
use crate::diagnostics::Help;

/// How many names a message lists before it says "and N more".
const LISTED: usize = 5;

/// Why a build will not replace a folder.
#[derive(Debug, thiserror::Error)]
pub enum NotOurs {
    #[error(
        "{} holds files praxis did not make ({}), and a build replaces its output folder whole",
        dir.display(),
        listed(found)
    )]
    Unknown { dir: PathBuf, found: Vec<String> },
    #[error(
        "{} is a file, not a folder",
        dir.display()
    )]
    NotAFolder { dir: PathBuf },
    #[error(
        "praxis cannot tell its own files in {} from others: its record of them, {}, is damaged",
        dir.display(),
        record.display()
    )]
    Damaged { dir: PathBuf, record: PathBuf },
    #[error(
        "the new site would write over files in {} that praxis did not make: {}",
        dir.display(),
        listed(paths)
    )]
    InTheWay { dir: PathBuf, paths: Vec<String> },
}

impl Help for NotOurs {
    fn help(&self) -> Option<String> {
        Some(match self {
            NotOurs::Unknown { .. } => "praxis only replaces a folder that is empty or that it built itself: choose an empty or new folder for the output, or move these files elsewhere first".to_owned(),
            NotOurs::NotAFolder { .. } => "choose a folder for the output, like public/".to_owned(),
            NotOurs::Damaged { dir, .. } => format!(
                "if {} holds nothing but the site praxis built, delete it and build again",
                dir.display()
            ),
            NotOurs::InTheWay { dir, .. } => format!(
                "move them out of {} (a file meant to be published goes in static/), then build again; nothing was changed",
                dir.display()
            ),
        })
    }
}

/// Why an output was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Refused(#[from] NotOurs),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Names for a message: the first few, and how many more.
pub(super) fn listed(names: &[String]) -> String {
    let mut text = names
        .iter()
        .take(LISTED)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > LISTED {
        text.push_str(&format!(" and {} more", names.len() - LISTED));
    }
    text
}

/// What a build may take `out_dir` to be: the manifest of praxis's files
/// in it (empty for a missing or empty folder), or why it is not praxis's.
pub fn claim(out_dir: &Path, manifest: &Path) -> Result<Manifest, WriteError> {
    let meta = match std::fs::metadata(out_dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Manifest::default()),
        Err(e) => return Err(e.into()),
    };
    if !meta.is_dir() {
        return Err(NotOurs::NotAFolder {
            dir: out_dir.to_path_buf(),
        }
        .into());
    }
    let mut found: Vec<String> = std::fs::read_dir(out_dir)?
        .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<io::Result<_>>()?;
    if found.is_empty() {
        return Ok(Manifest::default());
    }
    match Manifest::load(manifest) {
        Ok(manifest) => Ok(manifest),
        Err(Unusable::Damaged) => Err(NotOurs::Damaged {
            dir: out_dir.to_path_buf(),
            record: manifest.to_path_buf(),
        }
        .into()),
        Err(Unusable::Missing) => {
            found.sort();
            Err(NotOurs::Unknown {
                dir: out_dir.to_path_buf(),
                found,
            }
            .into())
        }
    }
}

/// What of the tree at `out_dir` its manifest does not list, by
/// `/`-separated path: files (links and other entries too) and folders
/// that hold no file of praxis's, parents before their children.
#[derive(Debug, Default)]
pub struct Foreign {
    /// Relative to the tree's root.
    pub files: Vec<PathBuf>,
    folders: Vec<(PathBuf, std::fs::Permissions)>,
}

/// Everything the tree at `out_dir` held when it was walked before the
/// swap: what praxis did not make, and the rest. The old tree is removed
/// after the swap by this list (`remove.rs`), not read again.
#[derive(Debug, Default)]
pub struct Listing<'m> {
    pub foreign: Foreign,
    /// praxis's files found in the tree, by their manifest path.
    pub ours: Vec<&'m str>,
    /// Every folder of the tree (real folders, never links to one),
    /// relative to its root.
    pub folders: Vec<PathBuf>,
    /// Whether someone else may change what a folder of the tree holds
    /// (it is not ours, or others may write in it), or it cannot be told:
    /// then the tree is removed folder by folder, never by paths through
    /// folders another could swap for links (`remove.rs`).
    pub others_may_write: bool,
}

impl<'m> Listing<'m> {
    /// Walks the tree at `out_dir` (not through links) for what `made`
    /// does not list; its folders side by side, as nothing else runs then.
    pub fn find(out_dir: &Path, made: &'m Manifest) -> io::Result<Listing<'m>> {
        if !out_dir.is_dir() {
            return Ok(Listing::default());
        }
        // The folders praxis's files are in: every other folder is hers.
        let mut folders: HashSet<&str> = HashSet::with_capacity(made.entries.len());
        for path in made.entries.keys() {
            for (at, _) in path.match_indices('/') {
                folders.insert(&path[..at]);
            }
        }
        Listing::scan(out_dir, Path::new(""), made, &folders)
    }

    /// What the folder `dir` (at `relative` in the tree) holds, each
    /// folder before what is in it.
    #[cfg(unix)]
    fn scan(
        dir: &Path,
        relative: &Path,
        made: &'m Manifest,
        folders: &HashSet<&str>,
    ) -> io::Result<Listing<'m>> {
        use rustix::fs::{CWD, Mode, OFlags, openat};
        let opened = openat(
            CWD,
            dir,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        Listing::scan_opened(opened, relative, made, folders)
    }

    /// [`Self::scan`] of a folder open already. Each folder is opened from
    /// its parent's descriptor and read with no look at its own metadata:
    /// the old tree of a large site has 20 000 folders, and opening each
    /// by its path from the root (with the C library's `opendir`, which
    /// also looks at the folder's metadata) was most of this walk's time.
    #[cfg(unix)]
    fn scan_opened(
        opened: std::os::fd::OwnedFd,
        relative: &Path,
        made: &'m Manifest,
        folders: &HashSet<&str>,
    ) -> io::Result<Listing<'m>> {
        use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags, fstat, openat, statat};
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::PermissionsExt;
        // Only its owner (and the system's administrator) can change what
        // a folder holds when its group and others may not write in it: a
        // group's rights in the mode bound any an access list gives.
        let folder = fstat(&opened)?;
        let others_may_write = folder.st_uid != me() || folder.st_mode & 0o022 != 0;
        let mut dir = Dir::new(opened)?;
        let mut entries: Vec<(std::ffi::CString, bool)> = Vec::new();
        while let Some(entry) = dir.read() {
            let entry = entry?;
            let name = entry.file_name();
            if matches!(name.to_bytes(), b"." | b"..") {
                continue;
            }
            // Not through links; where the file system does not say what
            // an entry is, its metadata does.
            let kind = match entry.file_type() {
                FileType::Unknown => FileType::from_raw_mode(
                    statat(dir.fd()?, name, AtFlags::SYMLINK_NOFOLLOW)?.st_mode,
                ),
                kind => kind,
            };
            entries.push((name.to_owned(), kind == FileType::Directory));
        }
        let parent = dir.fd()?;
        entries
            .into_par_iter()
            .map(|(name, is_dir)| {
                let path = relative.join(std::ffi::OsStr::from_bytes(name.to_bytes()));
                // praxis names its files in UTF-8: any other name is hers.
                let key = path.to_str();
                let mut found = Listing::default();
                if is_dir {
                    if key.is_none_or(|k| !folders.contains(k)) {
                        let mode = statat(parent, &name, AtFlags::SYMLINK_NOFOLLOW)?.st_mode;
                        found
                            .foreign
                            .folders
                            .push((path.clone(), std::fs::Permissions::from_mode(mode)));
                    }
                    let child = openat(
                        parent,
                        &name,
                        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOFOLLOW,
                        Mode::empty(),
                    )?;
                    found.append(Listing::scan_opened(child, &path, made, folders)?);
                    found.folders.push(path);
                } else {
                    found.file(path, made);
                }
                Ok(found)
            })
            .try_reduce(Listing::default, |mut all, found| {
                all.append(found);
                Ok(all)
            })
            .map(|mut listing| {
                listing.others_may_write |= others_may_write;
                listing
            })
    }

    /// What the folder `dir` (at `relative` in the tree) holds, each
    /// folder before what is in it.
    #[cfg(not(unix))]
    fn scan(
        dir: &Path,
        relative: &Path,
        made: &'m Manifest,
        folders: &HashSet<&str>,
    ) -> io::Result<Listing<'m>> {
        let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<io::Result<_>>()?;
        entries
            .into_par_iter()
            .map(|entry| {
                let path = relative.join(entry.file_name());
                let mut found = Listing::default();
                if entry.file_type()?.is_dir() {
                    // praxis names its files in UTF-8 with `/`: any other name is hers.
                    let key = path
                        .to_str()
                        .map(|p| p.replace(std::path::MAIN_SEPARATOR, "/"));
                    if key.as_deref().is_none_or(|k| !folders.contains(k)) {
                        found
                            .foreign
                            .folders
                            .push((path.clone(), entry.metadata()?.permissions()));
                    }
                    found.append(Listing::scan(&entry.path(), &path, made, folders)?);
                    found.folders.push(path);
                } else {
                    found.file(path, made);
                }
                Ok(found)
            })
            .try_reduce(Listing::default, |mut all, found| {
                all.append(found);
                Ok(all)
            })
            .map(|mut listing| {
                listing.others_may_write = true;
                listing
            })
    }

    /// Counts the file at `path` as praxis's if the manifest lists it,
    /// else as hers.
    fn file(&mut self, path: PathBuf, made: &'m Manifest) {
        // praxis names its files in UTF-8 with `/`: any other name is hers.
        let key = path.to_str().map(|p| match std::path::MAIN_SEPARATOR {
            '/' => std::borrow::Cow::Borrowed(p),
            other => std::borrow::Cow::Owned(p.replace(other, "/")),
        });
        match key.and_then(|k| made.entries.get_key_value(k.as_ref())) {
            Some((ours, _)) => self.ours.push(ours),
            None => self.foreign.files.push(path),
        }
    }

    fn append(&mut self, other: Listing<'m>) {
        self.foreign.append(other.foreign);
        self.ours.extend(other.ours);
        self.folders.extend(other.folders);
        self.others_may_write |= other.others_may_write;
    }
}

impl Foreign {
    fn append(&mut self, other: Foreign) {
        self.files.extend(other.files);
        self.folders.extend(other.folders);
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.folders.is_empty()
    }
}

/// The user this process acts as: asked of the system once, not for each
/// of the 20 000 folders a walk reads.
#[cfg(unix)]
fn me() -> u32 {
    static ME: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *ME.get_or_init(|| rustix::process::geteuid().as_raw())
}

/// Puts what `foreign` names of the tree at `out_dir` into the new tree at
/// `staging`: folders made with their permissions, files hard-linked (the
/// same files, not copies). Refuses, before anything is swapped, when the
/// new tree has a file of its own (`placed`) at one of their paths.
pub fn carry_over(
    foreign: &Foreign,
    out_dir: &Path,
    staging: &Path,
    placed: &std::collections::HashMap<String, Entry>,
) -> Result<(), WriteError> {
    let mut in_the_way = Vec::new();
    for (folder, permissions) in &foreign.folders {
        let target = staging.join(folder);
        match std::fs::create_dir(&target) {
            Ok(()) => std::fs::set_permissions(&target, permissions.clone())?,
            Err(_) if target.is_dir() => {}
            Err(_) => in_the_way.push(folder.display().to_string()),
        }
    }
    for file in &foreign.files {
        let target = staging.join(file);
        let shown = file.display().to_string();
        let path = file
            .to_str()
            .map(|p| p.replace(std::path::MAIN_SEPARATOR, "/"));
        if path.is_some_and(|p| placed.contains_key(&p)) {
            in_the_way.push(shown);
            continue;
        }
        let made_folder = target.parent().map_or(Ok(()), std::fs::create_dir_all);
        match made_folder.and_then(|()| std::fs::hard_link(out_dir.join(file), &target)) {
            Ok(()) => {}
            // A file of the new site where a folder is needed, or a folder
            // of the new site where her file is.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::AlreadyExists | io::ErrorKind::NotADirectory
                ) =>
            {
                in_the_way.push(shown)
            }
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!(
                        "cannot keep {} (a file praxis did not make) in the new site: {e}",
                        out_dir.join(file).display()
                    ),
                )
                .into());
            }
        }
    }
    if in_the_way.is_empty() {
        Ok(())
    } else {
        Err(NotOurs::InTheWay {
            dir: out_dir.to_path_buf(),
            paths: in_the_way,
        }
        .into())
    }
}

/// The folder `path` really is: links followed, `..` and `.` resolved, so
/// that a guard on it cannot be walked around (`public/../content`, a link
/// to `templates/`). The part that does not exist yet is resolved by its
/// names, after the real path of the part that does.
pub fn real_path(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut resolved = real;
            for part in rest.iter().rev() {
                match part {
                    std::path::Component::ParentDir => {
                        resolved.pop();
                    }
                    std::path::Component::Normal(name) => resolved.push(name),
                    _ => {}
                }
            }
            return resolved;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_path_resolves_links_and_dots_also_where_nothing_exists_yet() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("site/content")).unwrap();
        std::os::unix::fs::symlink(root.join("site/content"), root.join("link")).unwrap();
        assert_eq!(
            real_path(&root.join("site/public/../content")),
            root.join("site/content"),
            "a folder that does not exist, then .."
        );
        assert_eq!(
            real_path(&root.join("link/x/y")),
            root.join("site/content/x/y")
        );
        assert_eq!(
            real_path(&root.join("site/./nieuw/../uit")),
            root.join("site/uit")
        );
    }

    #[test]
    fn a_folder_is_claimed_when_missing_empty_or_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let record = dir.path().join(".public.praxis-manifest");
        assert!(claim(&out, &record).unwrap().entries.is_empty(), "missing");
        std::fs::create_dir(&out).unwrap();
        assert!(claim(&out, &record).is_ok(), "empty");
        std::fs::write(out.join("b.html"), "").unwrap();
        std::fs::write(out.join("a.html"), "").unwrap();
        let unknown = claim(&out, &record).unwrap_err().to_string();
        assert!(unknown.contains("(a.html, b.html)"), "{unknown}");
        std::fs::write(&record, "damaged").unwrap();
        let damaged = claim(&out, &record).unwrap_err().to_string();
        assert!(damaged.contains("is damaged"), "{damaged}");
        Manifest::default().save(&record).unwrap();
        assert!(claim(&out, &record).is_ok(), "recorded");
        let file = dir.path().join("file");
        std::fs::write(&file, "").unwrap();
        let not_a_folder = claim(&file, &record).unwrap_err().to_string();
        assert!(not_a_folder.contains("is a file"), "{not_a_folder}");
    }

    #[test]
    fn long_lists_are_cut() {
        let names: Vec<String> = (1..=8).map(|n| format!("{n}.html")).collect();
        assert_eq!(
            listed(&names),
            "1.html, 2.html, 3.html, 4.html, 5.html and 3 more"
        );
        assert_eq!(listed(&names[..2]), "1.html, 2.html");
    }
}
