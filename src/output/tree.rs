//! A tree of the output, open: its files named by their `/`-separated path
//! in it, and looked up from the open folder, not from the root of the
//! file system.
//!
//! A build puts 20 000 files in its staging tree: a folder made, the old
//! tree's file linked in (or a new one written), its identity looked at.
//! By their whole path, each of those steps looked up every folder from
//! `/` down, twice for a link: a quarter of what placing the files cost.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use super::manifest::Stamp;

pub struct Tree {
    path: PathBuf,
    #[cfg(unix)]
    folder: std::os::fd::OwnedFd,
}

impl Tree {
    /// Opens the folder at `path` (through a link, if it is one).
    pub fn open(path: &Path) -> io::Result<Tree> {
        #[cfg(unix)]
        {
            use rustix::fs::{CWD, Mode, OFlags, openat};
            let folder = openat(
                CWD,
                path,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            Ok(Tree {
                path: path.to_path_buf(),
                folder,
            })
        }
        #[cfg(not(unix))]
        {
            if !path.is_dir() {
                return Err(io::Error::new(io::ErrorKind::NotADirectory, "not a folder"));
            }
            Ok(Tree {
                path: path.to_path_buf(),
            })
        }
    }

    /// Where the tree is: for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes the folder `folder` of the tree, and those it is in, unless
    /// they are there.
    pub fn make_folder(&self, folder: &str) -> io::Result<()> {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, mkdirat};
            use rustix::io::Errno;
            match mkdirat(&self.folder, folder, Mode::from_raw_mode(0o777)) {
                Ok(()) | Err(Errno::EXIST) => Ok(()),
                Err(Errno::NOENT) => match folder.rsplit_once('/') {
                    Some((parent, _)) => {
                        self.make_folder(parent)?;
                        match mkdirat(&self.folder, folder, Mode::from_raw_mode(0o777)) {
                            Ok(()) | Err(Errno::EXIST) => Ok(()),
                            Err(e) => Err(e.into()),
                        }
                    }
                    None => Err(Errno::NOENT.into()),
                },
                Err(e) => Err(e.into()),
            }
        }
        #[cfg(not(unix))]
        std::fs::create_dir_all(self.path.join(folder))
    }

    /// Makes the file `path` of this tree a hard link to the file at the
    /// same path in `old`.
    pub fn link_from(&self, old: &Tree, path: &str) -> io::Result<()> {
        #[cfg(unix)]
        {
            use rustix::fs::{AtFlags, linkat};
            Ok(linkat(
                &old.folder,
                path,
                &self.folder,
                path,
                AtFlags::empty(),
            )?)
        }
        #[cfg(not(unix))]
        std::fs::hard_link(old.path.join(path), self.path.join(path))
    }

    /// The identity of the file `path` itself (not of what a link leads
    /// to); `None` where the system tells none, or it is not a file.
    pub fn stamp(&self, path: &str) -> io::Result<Option<Stamp>> {
        #[cfg(unix)]
        {
            use rustix::fs::{AtFlags, statat};
            Ok(Stamp::of_stat(&statat(
                &self.folder,
                path,
                AtFlags::SYMLINK_NOFOLLOW,
            )?))
        }
        #[cfg(not(unix))]
        Ok(Stamp::of(&std::fs::symlink_metadata(self.path.join(path))?))
    }

    /// Creates the file `path`, or empties it.
    pub fn create(&self, path: &str) -> io::Result<File> {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags, openat};
            let file = openat(
                &self.folder,
                path,
                OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o666),
            )?;
            Ok(File::from(file))
        }
        #[cfg(not(unix))]
        File::create(self.path.join(path))
    }

    /// The bytes of the file `path`.
    pub fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags, openat};
            use std::io::Read;
            let file = openat(
                &self.folder,
                path,
                OFlags::RDONLY | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            let mut bytes = Vec::new();
            File::from(file).read_to_end(&mut bytes)?;
            Ok(bytes)
        }
        #[cfg(not(unix))]
        std::fs::read(self.path.join(path))
    }

    /// Removes the file `path`.
    pub fn remove_file(&self, path: &str) -> io::Result<()> {
        #[cfg(unix)]
        {
            use rustix::fs::{AtFlags, unlinkat};
            Ok(unlinkat(&self.folder, path, AtFlags::empty())?)
        }
        #[cfg(not(unix))]
        std::fs::remove_file(self.path.join(path))
    }
}
