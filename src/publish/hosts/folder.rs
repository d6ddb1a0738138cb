//! A folder on this computer, or a share mounted on it (`/mnt/webshare`).
//!
//! The folder is written as a build writes its output: the new tree is
//! made beside it (unchanged files linked from the old one where the file
//! system allows, copied otherwise), and the two change places in one step
//! ([`crate::output`]). The folder serves the old site or the new one,
//! never a mix; a publish cut short is finished by the next one; files of
//! hers in the folder are kept; and a folder praxis did not make is
//! refused, as a build refuses one.

use std::path::{Path, PathBuf};

use super::super::failure::Problem;
use super::super::plan::Plan;
use super::{Found, Host, Progress};
use crate::output::{
    Contents, NotOurs, OutputFile, WriteError, claimed, real_path, write_atomically,
};
use crate::site_files::OUTPUT_DIR;

pub struct Folder {
    dir: PathBuf,
}

impl Folder {
    /// The folder at `dir`, unless publishing there would replace the site
    /// itself, what holds it, or its own output.
    pub fn open(root: &Path, dir: &Path) -> Result<Folder, Problem> {
        let dir = crate::build_to_disk::place_output(root, dir).map_err(|clash| {
            Problem::FolderClash {
                detail: clash.to_string(),
            }
        })?;
        let output = real_path(&root.join(OUTPUT_DIR));
        if dir.starts_with(real_path(root)) && !dir.starts_with(&output) {
            return Err(Problem::FolderClash {
                detail: format!("{} is inside the site's own folder", dir.display()),
            });
        }
        if dir.starts_with(&output) || output.starts_with(&dir) {
            return Err(Problem::FolderClash {
                detail: format!(
                    "{} is the site's own build folder ({OUTPUT_DIR}/), or holds it",
                    dir.display()
                ),
            });
        }
        Ok(Folder { dir })
    }

    fn problem(&self, error: WriteError) -> Problem {
        let to = self.dir.display().to_string();
        match error {
            WriteError::Refused(NotOurs::Unknown { found, .. }) => Problem::NotOurs { to, found },
            WriteError::Refused(NotOurs::Damaged { record, .. }) => Problem::DamagedRecord {
                to,
                record: record.display().to_string(),
            },
            WriteError::Refused(NotOurs::InTheWay { paths, .. }) => Problem::InTheWay { to, paths },
            WriteError::Refused(why) => Problem::Failed {
                to,
                detail: why.to_string(),
            },
            WriteError::Io(e)
                if e.raw_os_error() == Some(28) || e.kind() == std::io::ErrorKind::StorageFull =>
            {
                Problem::NoRoom { to }
            }
            // The new tree is made beside the folder, in its parent.
            WriteError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                Problem::FolderNotWritable {
                    folder: self.dir.parent().unwrap_or(&self.dir).display().to_string(),
                }
            }
            WriteError::Io(e) => Problem::Failed {
                to,
                detail: e.to_string(),
            },
        }
    }
}

impl Host for Folder {
    fn look(&mut self) -> Result<Found, Problem> {
        let contents = claimed(&self.dir).map_err(|e| self.problem(e))?;
        Ok(if contents.files.is_empty() {
            Found::Empty
        } else {
            Found::Ours(contents)
        })
    }

    fn send(
        &mut self,
        local: &Path,
        plan: &Plan,
        _before: &Contents,
        now: &Contents,
        progress: &dyn Progress,
    ) -> Result<(), Problem> {
        let files: Vec<OutputFile> = now
            .files
            .keys()
            .map(|path| OutputFile::copied(path.clone(), local.join(path), local.join(path)))
            .collect();
        write_atomically(&files, &self.dir).map_err(|e| self.problem(e))?;
        progress.sent(plan.sends() as u64);
        Ok(())
    }
}
