//! Removing a tree of the output: the old site after the swap, a staging
//! folder given up, what an interrupted build left.
//!
//! The old site of a large build is 20 000 folders of one file each.
//! Reading each folder to learn what it holds cost more than removing
//! what it held (opening it, asking the C library to read it, twice, then
//! closing it). The walk before the swap has listed the old tree already
//! ([`Listing`]): [`listed`] removes what that walk found by name, and
//! falls back to reading a folder only where something appeared since.

use std::io;
#[cfg(unix)]
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::owner::Listing;

/// Removes the tree at `dir`, everything in it. With `measure`, returns
/// the bytes its files held (for a message), else 0.
pub fn tree(dir: &Path, measure: bool) -> io::Result<u64> {
    if !dir.exists() {
        return Ok(0);
    }
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    let bytes = entries
        .par_iter()
        .map(|path| -> io::Result<u64> {
            let meta = std::fs::symlink_metadata(path)?;
            if meta.is_dir() {
                let bytes = if measure { tree_size(path) } else { 0 };
                std::fs::remove_dir_all(path)?;
                Ok(bytes)
            } else {
                std::fs::remove_file(path)?;
                Ok(if measure { meta.len() } else { 0 })
            }
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    std::fs::remove_dir(dir)?;
    Ok(bytes)
}

fn tree_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// Removes the tree at `dir`, which held what `listing` found in it when it
/// was walked: everything in it, as [`tree`] does.
///
/// What the walk found is removed by name. A path from the tree's root
/// leads where the walk found it only while no folder on the way has been
/// swapped for a link since, which only who may write in those folders
/// can do: where all of them are ours alone, each file and folder is
/// removed by its path from the root; where someone else may write in one
/// (an endpoint's folder, a shared one), each folder is opened from its
/// parent's open folder, never through a link. A file already gone is no
/// matter; a folder that is not empty, or an entry that is not what it
/// was, holds or is something put there since the walk, and is removed
/// by reading it.
#[cfg(unix)]
pub fn listed(dir: &Path, listing: &Listing) -> io::Result<()> {
    use rustix::fs::{CWD, Mode, OFlags, openat};
    let root = openat(
        CWD,
        dir,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOFOLLOW,
        Mode::empty(),
    )?;
    if listing.others_may_write {
        at::empty(root.as_fd(), &Folders::of(listing), 0)?;
    } else {
        by_path(root.as_fd(), listing)?;
    }
    drop(root);
    match std::fs::remove_dir(dir) {
        Ok(()) => Ok(()),
        Err(_) => tree(dir, false).map(|_| ()),
    }
}

/// Removes what `listing` found in the tree open as `root`, each file and
/// folder by its path from there: for a tree no one else may write in.
#[cfg(unix)]
fn by_path(root: std::os::fd::BorrowedFd, listing: &Listing) -> io::Result<()> {
    use rustix::fs::{AtFlags, unlinkat};
    use rustix::io::Errno;
    files(listing).par_iter().try_for_each(|path| {
        match unlinkat(root, *path, AtFlags::empty()) {
            Ok(()) | Err(Errno::NOENT) => Ok(()),
            Err(_) => at::entry(root, path.as_os_str()),
        }
    })?;
    // The deepest first: each folder is empty of folders when its turn
    // comes, and the folders of one depth go side by side.
    let mut folders = by_depth(listing);
    folders.reverse();
    for depth in folders.chunk_by(|a, b| a.0 == b.0) {
        depth.par_iter().try_for_each(|(_, folder)| {
            match unlinkat(root, *folder, AtFlags::REMOVEDIR) {
                Ok(()) | Err(Errno::NOENT) => Ok(()),
                Err(_) => at::entry(root, folder.as_os_str()),
            }
        })?;
    }
    Ok(())
}

/// Every file the listing found, praxis's and hers.
#[cfg(unix)]
fn files<'l>(listing: &'l Listing) -> Vec<&'l Path> {
    let ours = listing.ours.iter().map(|path| Path::new(*path));
    ours.chain(listing.foreign.files.iter().map(PathBuf::as_path))
        .collect()
}

/// The folders the listing found, with how deep each is, the shallowest
/// first.
#[cfg(unix)]
fn by_depth<'l>(listing: &'l Listing) -> Vec<(usize, &'l Path)> {
    use std::os::unix::ffi::OsStrExt;
    let mut folders: Vec<(usize, &Path)> = listing
        .folders
        .iter()
        .map(|folder| {
            let depth = folder.as_os_str().as_bytes().split(|&b| b == b'/').count();
            (depth, folder.as_path())
        })
        .collect();
    folders.sort_unstable_by_key(|(depth, _)| *depth);
    folders
}

/// The listing as a tree of folders, each with the names in it; the root
/// first.
#[cfg(unix)]
struct Folders<'l> {
    names: Vec<&'l std::ffi::OsStr>,
    files: Vec<Vec<&'l std::ffi::OsStr>>,
    children: Vec<Vec<usize>>,
}

#[cfg(unix)]
impl<'l> Folders<'l> {
    fn of(listing: &'l Listing) -> Folders<'l> {
        use std::os::unix::ffi::OsStrExt;
        let mut tree = Folders {
            names: vec![std::ffi::OsStr::new("")],
            files: vec![Vec::new()],
            children: vec![Vec::new()],
        };
        // By the bytes of their paths: hashing a `Path` goes through its
        // components.
        let mut index: rustc_hash::FxHashMap<&[u8], usize> = rustc_hash::FxHashMap::default();
        index.reserve(listing.folders.len() + 1);
        index.insert(b"", 0);
        // Each folder after the one it is in.
        for (_, folder) in by_depth(listing) {
            let (Some(parent), Some(name)) = (folder.parent(), folder.file_name()) else {
                continue;
            };
            // A folder whose parent is not listed is left to the reading
            // of the whole tree at the end.
            let Some(&parent) = index.get(parent.as_os_str().as_bytes()) else {
                continue;
            };
            let id = tree.names.len();
            tree.names.push(name);
            tree.files.push(Vec::new());
            tree.children.push(Vec::new());
            tree.children[parent].push(id);
            index.insert(folder.as_os_str().as_bytes(), id);
        }
        for file in files(listing) {
            let (Some(parent), Some(name)) = (file.parent(), file.file_name()) else {
                continue;
            };
            if let Some(&parent) = index.get(parent.as_os_str().as_bytes()) {
                tree.files[parent].push(name);
            }
        }
        tree
    }
}

/// Removing from an open folder.
#[cfg(unix)]
mod at {
    use std::ffi::OsStr;
    use std::io;
    use std::os::fd::{AsFd, BorrowedFd};

    use rayon::prelude::*;
    use rustix::fs::{AtFlags, Dir, Mode, OFlags, openat, unlinkat};
    use rustix::io::Errno;

    use super::Folders;

    /// Removes what the folder `id` of `folders`, open as `folder`, held.
    pub(super) fn empty(folder: BorrowedFd, folders: &Folders, id: usize) -> io::Result<()> {
        folders.children[id].par_iter().try_for_each(|&child| {
            let name = folders.names[child];
            match open_folder(folder, name) {
                Ok(opened) => empty(opened.as_fd(), folders, child)?,
                Err(Errno::NOENT) => return Ok(()),
                // No longer a folder: a link, a file put in its place.
                Err(_) => return entry(folder, name),
            }
            match unlinkat(folder, name, AtFlags::REMOVEDIR) {
                Ok(()) | Err(Errno::NOENT) => Ok(()),
                Err(_) => entry(folder, name),
            }
        })?;
        for &name in &folders.files[id] {
            match unlinkat(folder, name, AtFlags::empty()) {
                Ok(()) | Err(Errno::NOENT) => {}
                Err(_) => entry(folder, name)?,
            }
        }
        Ok(())
    }

    /// Removes the entry `name` of `folder`, whatever it is now: a file or
    /// a link as it is, a folder with everything in it, read.
    pub(super) fn entry(folder: BorrowedFd, name: &OsStr) -> io::Result<()> {
        match unlinkat(folder, name, AtFlags::empty()) {
            Ok(()) | Err(Errno::NOENT) => return Ok(()),
            Err(Errno::ISDIR | Errno::PERM) => {}
            Err(e) => return Err(e.into()),
        }
        let opened = open_folder(folder, name)?;
        let mut names = Vec::new();
        let mut listing = Dir::read_from(&opened)?;
        while let Some(found) = listing.read() {
            let found = found?;
            if !matches!(found.file_name().to_bytes(), b"." | b"..") {
                names.push(found.file_name().to_owned());
            }
        }
        for found in names {
            entry(
                opened.as_fd(),
                std::os::unix::ffi::OsStrExt::from_bytes(found.as_bytes()),
            )?;
        }
        drop(opened);
        match unlinkat(folder, name, AtFlags::REMOVEDIR) {
            Ok(()) | Err(Errno::NOENT) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    fn open_folder(folder: BorrowedFd, name: &OsStr) -> rustix::io::Result<std::os::fd::OwnedFd> {
        openat(
            folder,
            name,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOFOLLOW,
            Mode::empty(),
        )
    }
}

/// Removes the tree at `dir`, which held what `listing` found in it.
#[cfg(not(unix))]
pub fn listed(dir: &Path, _listing: &Listing) -> io::Result<()> {
    tree(dir, false).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::manifest::{Entry, Manifest};

    fn manifest(paths: &[&str]) -> Manifest {
        let mut manifest = Manifest::default();
        for path in paths {
            let entry = Entry {
                hash: 0,
                file: None,
                source: None,
            };
            manifest.entries.insert((*path).to_owned(), entry);
        }
        manifest
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Gives the folder `path` the mode `mode`.
    fn chmod(path: &Path, mode: u32) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    /// What was put in the tree after it was listed, deep or at its top,
    /// goes with it: the removal does not stop at what the walk saw,
    /// whether it goes by paths (a tree only we may write in) or folder by
    /// folder (one where others may).
    #[test]
    fn a_listed_tree_goes_whole_with_what_came_after_the_listing() {
        for others_may_write in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let old = dir.path().join("old");
            let made = manifest(&["index.html", "nl/over/index.html", "nl/weg/index.html"]);
            for path in made.entries.keys() {
                write(&old.join(path), "x");
            }
            write(&old.join("nl/hand.txt"), "van haar");
            for folder in ["", "nl", "nl/over", "nl/weg"] {
                chmod(&old.join(folder), 0o755);
            }
            if others_may_write {
                chmod(&old.join("nl"), 0o777);
            }
            let listing = Listing::find(&old, &made).unwrap();
            assert_eq!(listing.others_may_write, others_may_write);
            assert_eq!(listing.ours.len(), 3);
            assert_eq!(listing.foreign.files, [PathBuf::from("nl/hand.txt")]);
            write(&old.join("nl/over/later.txt"), "na de lijst");
            write(&old.join("nl/nieuw/diep/later.txt"), "na de lijst");
            write(&old.join("later.txt"), "na de lijst");
            std::fs::remove_file(old.join("nl/weg/index.html")).unwrap();

            listed(&old, &listing).unwrap();

            assert!(
                !old.exists(),
                "the whole tree is removed ({others_may_write})"
            );
            assert!(dir.path().exists());
        }
    }

    /// A folder the walk listed, swapped for a link to one of hers before
    /// the removal by someone else who may write in the tree (an endpoint
    /// writing in its own folder of it): the link goes, and nothing it
    /// leads to, at any depth of the path.
    #[test]
    fn a_listed_folder_swapped_for_a_link_since_is_never_gone_through() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old");
        let hers = dir.path().join("hers");
        write(&hers.join("index.html"), "van haar");
        write(&hers.join("over/index.html"), "van haar");
        let made = manifest(&["index.html", "nl/over/index.html", "fr/over/index.html"]);
        for path in made.entries.keys() {
            write(&old.join(path), "x");
        }
        // Who swaps them may write in the folders that hold them.
        chmod(&old, 0o777);
        chmod(&old.join("fr"), 0o777);
        let listing = Listing::find(&old, &made).unwrap();
        assert!(listing.others_may_write);
        std::fs::remove_dir_all(old.join("nl")).unwrap();
        std::os::unix::fs::symlink(&hers, old.join("nl")).unwrap();
        std::fs::remove_dir_all(old.join("fr/over")).unwrap();
        std::os::unix::fs::symlink(&hers, old.join("fr/over")).unwrap();

        listed(&old, &listing).unwrap();

        assert!(!old.exists());
        for path in ["index.html", "over/index.html"] {
            assert_eq!(
                std::fs::read_to_string(hers.join(path)).unwrap(),
                "van haar",
                "{path}"
            );
        }
    }

    /// A link in the tree is removed, never followed: the folder it leads
    /// to, and what is in it, stay, even where the manifest names a file
    /// of praxis's behind the link.
    #[test]
    fn removing_a_listed_tree_never_goes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old");
        let hers = dir.path().join("hers");
        write(&hers.join("index.html"), "van haar");
        write(&old.join("index.html"), "x");
        std::fs::create_dir_all(old.join("nl")).unwrap();
        std::os::unix::fs::symlink(&hers, old.join("nl/over")).unwrap();
        let made = manifest(&["index.html", "nl/over/index.html"]);
        let listing = Listing::find(&old, &made).unwrap();
        assert_eq!(listing.ours, ["index.html"]);

        listed(&old, &listing).unwrap();

        assert!(!old.exists());
        assert_eq!(
            std::fs::read_to_string(hers.join("index.html")).unwrap(),
            "van haar"
        );
    }
}
