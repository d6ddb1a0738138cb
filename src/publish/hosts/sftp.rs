//! A folder on a host that offers SFTP only (`sftp://user@host/path`), as
//! shared hosts do: the system's `sftp` in batch mode.
//!
//! Files are uploaded under temporary names (`NAME.praxis-tmp`) first,
//! while the host serves the old site untouched; then, in a second session,
//! each is renamed over the old file (an atomic replacement where the
//! server has OpenSSH's posix-rename, as most do), the removed files and
//! the folders they leave empty go, and the record is replaced last. Only
//! during those renames — a fraction of a second for a few pages — does
//! the host serve new pages beside old ones. A publish cut short before
//! the renames leaves the old site whole (and temporary files, which the
//! next publish uploads again and renames); one cut short during them, a
//! site the next publish completes.

use std::path::Path;
use std::process::Command;

use super::super::failure::Problem;
use super::super::plan::{Plan, RECORD, ancestors};
use super::{Found, Host, Progress, run_reading, said, ssh, temporary};
use crate::config::publish::Remote;
use crate::output::Contents;

/// What an upload is called until it takes its place.
const UPLOADING: &str = ".praxis-tmp";

pub struct Sftp {
    remote: Remote,
    to: String,
}

impl Sftp {
    pub fn new(remote: Remote, to: String) -> Sftp {
        Sftp { remote, to }
    }

    /// `sftp` running the commands of `batch` (a failing one stops it,
    /// unless it starts with `-`), calling `line` with what it prints.
    fn session(
        &self,
        batch: &str,
        line: impl FnMut(&str),
    ) -> Result<std::process::Output, Problem> {
        let file = temporary(batch.as_bytes())?;
        let output = run_reading(
            Command::new("sftp")
                .args(ssh::options(&self.remote, "-P"))
                .arg("-b")
                .arg(file.path())
                .arg(self.remote.login()),
            "sftp",
            "openssh-client",
            line,
        )?;
        if output.status.success() {
            return Ok(output);
        }
        let said = said(&output);
        Err(ssh::failure(&said, &self.remote).unwrap_or_else(|| {
            if super::is_full(&said) || said.contains("Failure") && said.contains("write") {
                Problem::NoRoom {
                    to: self.to.clone(),
                }
            } else {
                Problem::Failed {
                    to: self.to.clone(),
                    detail: said,
                }
            }
        }))
    }

    /// `path` under the target folder, quoted for a batch file.
    fn there(&self, path: &str) -> String {
        if path.is_empty() {
            quote(&self.remote.path)
        } else {
            quote(&format!("{}/{path}", self.remote.path))
        }
    }
}

impl Host for Sftp {
    fn look(&mut self) -> Result<Found, Problem> {
        let record = tempfile::tempdir().map_err(|e| Problem::Failed {
            to: self.to.clone(),
            detail: e.to_string(),
        })?;
        let local = record.path().join(RECORD);
        let mut names = Vec::new();
        let mut listing = false;
        self.session(
            &format!(
                "-ls -1a {}\n-get {} {}\n",
                self.there(""),
                self.there(RECORD),
                quote(&local.to_string_lossy())
            ),
            |line| {
                if let Some(command) = line.strip_prefix("sftp> ") {
                    // Echoed as written, with the `-` that lets it fail.
                    listing = command.trim_start_matches('-').starts_with("ls ");
                } else if listing {
                    let name = line.trim_end().rsplit('/').next().unwrap_or("").to_owned();
                    if !name.is_empty() && name != "." && name != ".." {
                        names.push(name);
                    }
                }
            },
        )?;
        if let Ok(text) = std::fs::read_to_string(&local) {
            return Contents::parse(&text)
                .map(Found::Ours)
                .ok_or_else(|| Problem::DamagedRecord {
                    to: self.to.clone(),
                    record: RECORD.to_owned(),
                });
        }
        if names.is_empty() {
            return Ok(Found::Empty);
        }
        names.sort();
        Err(Problem::NotOurs {
            to: self.to.clone(),
            found: names,
        })
    }

    fn send(
        &mut self,
        local: &Path,
        plan: &Plan,
        before: &Contents,
        now: &Contents,
        progress: &dyn Progress,
    ) -> Result<(), Problem> {
        // The folders, parents first, then the record of what is under way,
        // then each file under its temporary name.
        let mut upload = String::new();
        let mut folders: Vec<&str> = plan.sent().flat_map(|p| ancestors(p)).collect();
        folders.sort_by_key(|f| (f.matches('/').count(), *f));
        folders.dedup();
        // The target folder and the folders above it, made where missing.
        let target = &self.remote.path;
        let mut parents: Vec<&str> = ancestors(target).filter(|f| !f.is_empty()).collect();
        parents.reverse();
        for parent in parents.into_iter().chain([target.as_str()]) {
            upload.push_str(&format!("-mkdir {}\n", quote(parent)));
        }
        for folder in folders {
            upload.push_str(&format!("-mkdir {}\n", self.there(folder)));
        }
        let under_way = plan.in_progress(before, |path| vec![format!("{path}{UPLOADING}")]);
        let under_way = temporary(under_way.text().as_bytes())?;
        upload.push_str(&self.put_record(under_way.path()));
        for path in plan.sent() {
            let uploading = self.there(&format!("{path}{UPLOADING}"));
            upload.push_str(&format!(
                "put {} {uploading}\nchmod 644 {uploading}\n",
                quote(&local.join(path).to_string_lossy()),
            ));
        }
        let mut sent = 0;
        let uploaded = self.session(&upload, |line| {
            if line.starts_with("sftp> put ") || line.starts_with("sftp> -put ") {
                sent += 1;
                progress.sent(sent);
            }
        });
        if let Err(problem) = uploaded {
            // Leave no temporary file behind to fill the host.
            let cleanup: String = plan
                .sent()
                .map(|path| format!("-rm {}\n", self.there(&format!("{path}{UPLOADING}"))))
                .collect();
            let _ = self.session(&cleanup, |_| {});
            return Err(problem);
        }
        crate::faults::die_if("publish-die-after-upload");
        let record = temporary(now.text().as_bytes())?;
        let mut finish = String::new();
        for path in plan.sent() {
            finish.push_str(&format!(
                "rename {} {}\n",
                self.there(&format!("{path}{UPLOADING}")),
                self.there(path)
            ));
        }
        // Nothing is removed through a link on the host: a link leads out
        // of what praxis made.
        let linked = self.links(plan.removed.iter().flat_map(|p| ancestors(p)))?;
        let through_link = |path: &str| ancestors(path).any(|f| linked.contains(f));
        for path in plan.removed.iter().filter(|p| !through_link(p)) {
            finish.push_str(&format!("-rm {}\n", self.there(path)));
        }
        for folder in plan.emptied_folders(now) {
            if !through_link(&folder) && !linked.contains(&folder) {
                finish.push_str(&format!("-rmdir {}\n", self.there(&folder)));
            }
        }
        finish.push_str(&self.put_record(record.path()));
        self.session(&finish, |_| {})?;
        Ok(())
    }
}

impl Sftp {
    /// The commands that put the record at `local` in place on the host.
    fn put_record(&self, local: &Path) -> String {
        let uploading = self.there(&format!("{RECORD}{UPLOADING}"));
        format!(
            "put {} {uploading}\nchmod 644 {uploading}\nrename {uploading} {}\n",
            quote(&local.to_string_lossy()),
            self.there(RECORD)
        )
    }

    /// Which of `folders` (paths under the target) are links on the host:
    /// each one's parent is listed, and its line read.
    fn links<'a>(
        &self,
        folders: impl Iterator<Item = &'a str>,
    ) -> Result<std::collections::HashSet<String>, Problem> {
        let folders: std::collections::BTreeSet<&str> = folders.collect();
        if folders.is_empty() {
            return Ok(Default::default());
        }
        let parents: std::collections::BTreeSet<&str> = folders
            .iter()
            .map(|f| f.rsplit_once('/').map_or("", |(parent, _)| parent))
            .collect();
        let batch: String = parents
            .iter()
            .map(|p| format!("-ls -la {}\n", self.there(p)))
            .collect();
        let mut linked = std::collections::HashSet::new();
        let mut listing: Option<String> = None;
        self.session(&batch, |line| {
            if let Some(command) = line.strip_prefix("sftp> ") {
                // `-ls -la "PATH/parent"`: the parent, relative to the target.
                listing = command
                    .trim_start_matches('-')
                    .strip_prefix("ls -la ")
                    .map(unquote)
                    .map(|path| {
                        path.strip_prefix(&self.remote.path)
                            .unwrap_or(&path)
                            .trim_start_matches('/')
                            .to_owned()
                    });
            } else if line.starts_with('l')
                && let Some(parent) = &listing
            {
                // `lrwxrwxrwx … name -> target`
                let name = line.split(" -> ").next().unwrap_or(line);
                let name = name
                    .rsplit(' ')
                    .next()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or("");
                let path = if parent.is_empty() {
                    name.to_owned()
                } else {
                    format!("{parent}/{name}")
                };
                linked.insert(path);
            }
        })?;
        Ok(linked)
    }
}

/// The path a batch file's quoted argument names.
fn unquote(quoted: &str) -> String {
    let inner = quoted.trim().trim_start_matches('"').trim_end_matches('"');
    let mut path = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                path.push(next);
            }
        } else {
            path.push(c);
        }
    }
    path
}

/// A path quoted for an sftp batch file: in double quotes, with `\` and
/// `"` escaped. (Inside double quotes, sftp itself keeps `* ? [` from
/// being taken as wildcards.)
fn quote(path: &str) -> String {
    let mut quoted = String::with_capacity(path.len() + 2);
    quoted.push('"');
    for c in path.chars() {
        if matches!(c, '"' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}
