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
/// Each file and folder is removed by its path from the tree's root. The
/// walk found each of those folders a real folder, not a link to one, and
/// the tree has since been only renamed, by this build, so a path leads
/// nowhere outside it. A file already gone is no matter; a folder that is
/// not empty holds something put there since the walk, and is removed as
/// [`tree`] removes one, by reading it.
#[cfg(unix)]
pub fn listed(dir: &Path, listing: &Listing) -> io::Result<()> {
    use rustix::fs::{AtFlags, CWD, Mode, OFlags, openat, unlinkat};
    use rustix::io::Errno;

    let root = openat(
        CWD,
        dir,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOFOLLOW,
        Mode::empty(),
    )?;
    let files = listing
        .ours
        .par_iter()
        .map(Path::new)
        .chain(listing.foreign.files.par_iter().map(PathBuf::as_path));
    files.try_for_each(|path| match unlinkat(&root, path, AtFlags::empty()) {
        Ok(()) | Err(Errno::NOENT) => Ok(()),
        Err(e) => Err(io::Error::from(e)),
    })?;
    // The deepest first: each folder is empty of folders when its turn
    // comes, and the folders of one depth go side by side.
    let mut folders: Vec<(usize, &Path)> = listing
        .folders
        .iter()
        .map(|folder| (folder.components().count(), folder.as_path()))
        .collect();
    folders.sort_unstable_by_key(|(depth, _)| std::cmp::Reverse(*depth));
    for depth in folders.chunk_by(|a, b| a.0 == b.0) {
        depth.par_iter().try_for_each(|(_, folder)| {
            match unlinkat(&root, *folder, AtFlags::REMOVEDIR) {
                Ok(()) | Err(Errno::NOENT) => Ok(()),
                Err(_) => std::fs::remove_dir_all(dir.join(folder)),
            }
        })?;
    }
    drop(root);
    match std::fs::remove_dir(dir) {
        Ok(()) => Ok(()),
        Err(_) => tree(dir, false).map(|_| ()),
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

    /// What was put in the tree after it was listed, deep or at its top,
    /// goes with it: the removal does not stop at what the walk saw.
    #[test]
    fn a_listed_tree_goes_whole_with_what_came_after_the_listing() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old");
        let made = manifest(&["index.html", "nl/over/index.html", "nl/weg/index.html"]);
        for path in made.entries.keys() {
            write(&old.join(path), "x");
        }
        write(&old.join("nl/hand.txt"), "van haar");
        let listing = Listing::find(&old, &made).unwrap();
        assert_eq!(listing.ours.len(), 3);
        assert_eq!(listing.foreign.files, [PathBuf::from("nl/hand.txt")]);
        write(&old.join("nl/over/later.txt"), "na de lijst");
        write(&old.join("nl/nieuw/diep/later.txt"), "na de lijst");
        write(&old.join("later.txt"), "na de lijst");
        std::fs::remove_file(old.join("nl/weg/index.html")).unwrap();

        listed(&old, &listing).unwrap();

        assert!(!old.exists(), "the whole tree is removed");
        assert!(dir.path().exists());
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
