//! A folder on a host with SSH and rsync (`ssh://user@host:port/path`).
//!
//! The files the plan sends go in one rsync run with `--delay-updates`:
//! each lands in a holding folder (`.~tmp~`) and all are renamed into
//! place at the end, so the host serves the old site until then. A run cut
//! short leaves the old site whole (and its holding folders, which the next
//! run uses and removes). Removed files go next — only those praxis sent
//! before, by an exact filter, so a file of hers on the host is never
//! touched — and the record of what was sent last.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use super::super::failure::Problem;
use super::super::plan::{Plan, RECORD, ancestors};
use super::{Found, Host, Progress, is_full, run, run_reading, said, ssh, temporary};
use crate::config::publish::Remote;
use crate::output::Contents;

pub struct Rsync {
    remote: Remote,
    /// The target as site.toml writes it.
    to: String,
    /// What the host holds, as listed by [`Host::look`].
    files: BTreeSet<String>,
    folders: BTreeSet<String>,
}

impl Rsync {
    pub fn new(remote: Remote, to: String) -> Rsync {
        Rsync {
            remote,
            to,
            files: BTreeSet::new(),
            folders: BTreeSet::new(),
        }
    }

    fn rsync(&self) -> Command {
        let mut command = Command::new("rsync");
        command.arg("-e").arg(ssh::command_line(Some(&self.remote)));
        command
    }

    /// `user@host:path/…` for rsync.
    fn at(&self, path: &str) -> String {
        format!("{}:{}/{path}", self.remote.login(), self.remote.path)
    }

    /// The problem a failed rsync run means.
    fn problem(&self, output: &std::process::Output) -> Problem {
        let said = said(output);
        if let Some(problem) = ssh::failure(&said, &self.remote) {
            return problem;
        }
        if said.contains("rsync: command not found") || said.contains("rsync: not found") {
            return Problem::NoRsyncThere {
                host: self.remote.host.clone(),
            };
        }
        if is_full(&said) {
            return Problem::NoRoom {
                to: self.to.clone(),
            };
        }
        Problem::Failed {
            to: self.to.clone(),
            detail: said,
        }
    }
}

impl Host for Rsync {
    fn look(&mut self) -> Result<Found, Problem> {
        let listing = run(
            self.rsync()
                .args(["--list-only", "--recursive"])
                .arg(self.at("")),
            "rsync",
            "rsync",
        )?;
        if !listing.status.success() {
            let said = said(&listing);
            if said.contains("No such file or directory")
                && ssh::failure(&said, &self.remote).is_none()
            {
                return Ok(Found::Empty);
            }
            return Err(self.problem(&listing));
        }
        for (kind, name) in listing_names(&listing.stdout) {
            if name == "." {
                continue;
            }
            if kind == 'd' {
                self.folders.insert(name);
            } else {
                self.files.insert(name);
            }
        }
        let found: Vec<String> = self
            .files
            .iter()
            .chain(&self.folders)
            .filter(|name| !name.contains('/'))
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if found.is_empty() {
            return Ok(Found::Empty);
        }
        let record = tempfile::tempdir().map_err(|e| Problem::Failed {
            to: self.to.clone(),
            detail: e.to_string(),
        })?;
        let fetched = run(
            self.rsync().arg(self.at(RECORD)).arg(record.path()),
            "rsync",
            "rsync",
        )?;
        if !fetched.status.success() {
            if said(&fetched).contains("No such file or directory") {
                return Err(Problem::NotOurs {
                    to: self.to.clone(),
                    found,
                });
            }
            return Err(self.problem(&fetched));
        }
        let text = std::fs::read_to_string(record.path().join(RECORD)).unwrap_or_default();
        Contents::parse(&text)
            .map(Found::Ours)
            .ok_or_else(|| Problem::DamagedRecord {
                to: self.to.clone(),
                record: RECORD.to_owned(),
            })
    }

    fn in_the_way(&self, plan: &Plan, before: &Contents) -> Vec<String> {
        super::blocked(plan, before, &self.files, &self.folders)
    }

    fn send(
        &mut self,
        local: &Path,
        plan: &Plan,
        before: &Contents,
        now: &Contents,
        progress: &dyn Progress,
    ) -> Result<(), Problem> {
        // rsync's holding folder for a file it has not put in place yet.
        let holding = |path: &str| {
            vec![match path.rsplit_once('/') {
                Some((folder, name)) => format!("{folder}/.~tmp~/{name}"),
                None => format!(".~tmp~/{path}"),
            }]
        };
        self.record(&plan.in_progress(before, holding))?;
        if plan.sends() > 0 {
            let list: Vec<u8> = plan
                .sent()
                .flat_map(|path| path.bytes().chain([0]))
                .collect();
            let list = temporary(&list)?;
            let mut sent = 0;
            let output = run_reading(
                self.rsync()
                    .args(["--archive", "--delay-updates", "--mkpath", "--from0"])
                    // What the web server must read, whatever her umask.
                    .arg("--chmod=D755,F644")
                    .arg("--out-format=%n")
                    .arg("--files-from")
                    .arg(list.path())
                    .arg(format!("{}/", local.display()))
                    .arg(self.at("")),
                "rsync",
                "rsync",
                |line| {
                    if !line.ends_with('/') {
                        sent += 1;
                        progress.sent(sent);
                    }
                },
            )?;
            if !output.status.success() {
                return Err(self.problem(&output));
            }
        }
        crate::faults::die_if("publish-die-after-sending");
        if !plan.removed.is_empty() {
            self.remove(plan)?;
        }
        self.record(now)
    }

    fn run_after(&mut self, command: &str) -> Result<(), Problem> {
        let output = run(
            Command::new("ssh")
                .args(ssh::options(&self.remote, "-p"))
                .arg(self.remote.login())
                .arg("--")
                .arg(command),
            "ssh",
            "openssh-client",
        )?;
        if output.status.success() {
            return Ok(());
        }
        let said = said(&output);
        Err(
            ssh::failure(&said, &self.remote).unwrap_or(Problem::Failed {
                to: format!("{} ({command})", self.remote.host),
                detail: said,
            }),
        )
    }
}

impl Rsync {
    /// Puts `contents` on the host as its record (rsync renames it into
    /// place: the old record or the new one, never half of one).
    fn record(&self, contents: &Contents) -> Result<(), Problem> {
        let record = temporary(contents.text().as_bytes())?;
        let output = run(
            self.rsync()
                .args(["--mkpath", "--chmod=F644"])
                .arg(record.path())
                .arg(self.at(RECORD)),
            "rsync",
            "rsync",
        )?;
        if output.status.success() {
            Ok(())
        } else {
            Err(self.problem(&output))
        }
    }

    /// Removes the plan's removed files, and the folders they leave empty,
    /// with an rsync run from an empty folder that may delete those paths
    /// only (every other file on the host is excluded, so kept).
    fn remove(&self, plan: &Plan) -> Result<(), Problem> {
        let mut rules = String::new();
        let mut folders = std::collections::BTreeSet::new();
        for path in &plan.removed {
            folders.extend(ancestors(path));
        }
        // Folders are let in so that rsync looks inside them; it deletes one
        // only when nothing is left in it (what it holds of hers, or of the
        // new site, is excluded: kept).
        for folder in &folders {
            rules.push_str(&format!("+ /{}/\n", escape(folder)));
        }
        for path in &plan.removed {
            rules.push_str(&format!("+ /{}\n", escape(path)));
        }
        rules.push_str("- *\n");
        let rules = temporary(rules.as_bytes())?;
        let empty = tempfile::tempdir().map_err(|e| Problem::Failed {
            to: self.to.clone(),
            detail: e.to_string(),
        })?;
        let output = run(
            self.rsync()
                .args(["--recursive", "--delete"])
                .arg(format!("--filter=merge {}", rules.path().display()))
                .arg(format!("{}/", empty.path().display()))
                .arg(self.at("")),
            "rsync",
            "rsync",
        )?;
        if output.status.success() {
            Ok(())
        } else {
            Err(self.problem(&output))
        }
    }
}

/// A path as an rsync filter pattern matches it exactly: wildcards escaped
/// (a backslash escapes only in a pattern that has one).
fn escape(path: &str) -> String {
    if path.contains(['*', '?', '[']) {
        path.chars()
            .flat_map(|c| match c {
                '*' | '?' | '[' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect()
    } else {
        path.to_owned()
    }
}

/// The entries of an `rsync --list-only` listing: the kind (`d`, `-`,
/// `l`…, the permissions' first letter) and the path.
fn listing_names(stdout: &[u8]) -> impl Iterator<Item = (char, String)> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|line| {
            let kind = line.chars().next()?;
            // permissions, size, date, time, then the name (which may hold spaces)
            let mut rest = line;
            for _ in 0..4 {
                rest = rest.trim_start();
                let end = rest.find(char::is_whitespace)?;
                rest = &rest[end..];
            }
            // A link is listed `name -> target`.
            let name = rest.trim_start();
            let name = if kind == 'l' {
                name.split(" -> ").next().unwrap_or(name)
            } else {
                name
            };
            Some((kind, name.to_owned()))
        })
        .collect::<Vec<_>>()
        .into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_gives_names_with_spaces_kept() {
        let listing = b"drwxr-xr-x          4,096 2026/12/07 07:57:49 .\n-rw-r--r--              4 2026/12/07 07:57:49 my file.txt\n";
        let names: Vec<(char, String)> = listing_names(listing).collect();
        assert_eq!(
            names,
            [('d', ".".to_owned()), ('-', "my file.txt".to_owned())]
        );
    }

    #[test]
    fn a_filter_pattern_matches_a_name_with_wildcards_exactly() {
        assert_eq!(escape("nl/a/index.html"), "nl/a/index.html");
        assert_eq!(escape("static/a*b?.txt"), r"static/a\*b\?.txt");
    }
}
