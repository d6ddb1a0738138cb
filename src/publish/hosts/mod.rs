//! The kinds of host a site is published to, each behind [`Host`]: what
//! the host holds now ([`Host::look`]), and sending a [`Plan`] there
//! ([`Host::send`]) so that it never serves half a site longer than it
//! must, removes what is gone last, and records what it sent last of all.
//!
//! Each kind uses the tools the practitioner already has and trusts: her
//! `ssh`, `rsync`, `sftp` and `git`, which carry her keys, agent,
//! `~/.ssh/config` and `known_hosts` (a host key that does not match is
//! refused by them, never accepted). `PRAXIS_SSH_CONFIG` names another
//! ssh_config file for all of them.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::failure::Problem;
use super::plan::Plan;
use crate::config::publish::{Destination, Target};
use crate::output::Contents;

mod folder;
mod git;
mod rsync;
mod sftp;
mod ssh;

/// While it lives, the SSH commands of one publish share a connection
/// ([`ssh::options`]); dropped, the sharing ends.
pub struct Sharing;

impl Drop for Sharing {
    fn drop(&mut self) {
        ssh::close_shared_connections();
    }
}

/// What the target holds now.
#[derive(Debug)]
pub enum Found {
    /// Nothing (or no folder yet): a first publish.
    Empty,
    /// What praxis sent there last, as its record says.
    Ours(Contents),
}

/// Follows a publish: the step it is at, and the files sent, for the
/// terminal's progress bar and the desk's page.
pub trait Progress {
    /// The publish has come to `step`.
    fn step(&self, step: Step) {
        let _ = step;
    }
    /// `files` of the plan's files have been sent.
    fn sent(&self, files: u64);
}

/// The steps of a publish, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The site is being built (when it is out of date).
    Building,
    /// The host is asked what it holds, to know what would change.
    Looking,
    /// The plan's files are being sent: `files` in all.
    Sending { files: u64 },
    /// `[publish.NAME] after` runs on the host.
    After { command: String },
}

/// A place a site is published to.
pub trait Host: Send {
    /// What the target holds: [`Found`], or why praxis may not touch it.
    fn look(&mut self) -> Result<Found, Problem>;
    /// Files of hers (not in the record) where the plan would write: a
    /// file it would replace, or one where it needs a folder. Empty where
    /// the host cannot tell cheaply (SFTP); a folder target refuses them
    /// when it swaps.
    fn in_the_way(&self, plan: &Plan, before: &Contents) -> Vec<String> {
        let _ = (plan, before);
        Vec::new()
    }
    /// Sends the plan's files from `local` (whose files are `now`; the host
    /// had `before`), removes the removed ones, and records `now` on the
    /// host — having first recorded what it is about to do
    /// ([`Plan::in_progress`]), so that a publish cut short is finished by
    /// the next.
    fn send(
        &mut self,
        local: &Path,
        plan: &Plan,
        before: &Contents,
        now: &Contents,
        progress: &dyn Progress,
    ) -> Result<(), Problem>;
    /// Runs `command` on the host (`[publish.NAME] after`).
    fn run_after(&mut self, command: &str) -> Result<(), Problem> {
        let _ = command;
        Ok(())
    }
}

/// The host of `target`; `root` is the site's folder (a folder target is
/// relative to it, and git keeps its clone in the site's cache).
pub fn open(target: &Target, root: &Path) -> Result<Box<dyn Host>, Problem> {
    Ok(match &target.destination {
        Destination::Folder(path) => Box::new(folder::Folder::open(root, &root.join(path))?),
        Destination::Rsync(remote) => {
            Box::new(rsync::Rsync::new(remote.clone(), target.to.clone()))
        }
        Destination::Sftp(remote) => Box::new(sftp::Sftp::new(remote.clone(), target.to.clone())),
        Destination::Git { repository, branch } => {
            Box::new(git::Git::open(root, &target.name, repository, branch)?)
        }
    })
}

/// Runs `command`, waiting for it; its standard error is returned too.
/// A program that is not installed is said so.
fn run(
    command: &mut Command,
    program: &'static str,
    package: &'static str,
) -> Result<Output, Problem> {
    command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| not_installed(e, program, package))
}

/// Runs `command`, calling `line` with each line it prints as it prints
/// it; returns its output with an empty stdout.
fn run_reading(
    command: &mut Command,
    program: &'static str,
    package: &'static str,
    mut line: impl FnMut(&str),
) -> Result<Output, Problem> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| not_installed(e, program, package))?;
    let mut stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut text = Vec::new();
        if let Some(stderr) = stderr.as_mut() {
            let _ = stderr.read_to_end(&mut text);
        }
        text
    });
    if let Some(stdout) = child.stdout.take() {
        use std::io::BufRead;
        for text in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            line(&text);
            if crate::faults::injected("publish-killed-while-sending") {
                // As Ctrl-C would: the transfer and praxis die together.
                let _ = child.kill();
                let _ = child.wait();
                std::process::abort();
            }
        }
    }
    let status = child.wait().map_err(|e| Problem::Failed {
        to: program.to_owned(),
        detail: e.to_string(),
    })?;
    Ok(Output {
        status,
        stdout: Vec::new(),
        stderr: errors.join().unwrap_or_default(),
    })
}

fn not_installed(e: std::io::Error, program: &'static str, package: &'static str) -> Problem {
    if e.kind() == std::io::ErrorKind::NotFound {
        Problem::NotInstalled { program, package }
    } else {
        Problem::Failed {
            to: program.to_owned(),
            detail: e.to_string(),
        }
    }
}

/// What a tool said on its standard error, trimmed to what helps.
fn said(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        // What praxis asked for knowing it may fail: removing a folder that
        // is not empty (rsync), making one that exists (sftp).
        .filter(|l| {
            !l.is_empty()
                && !l.starts_with("cannot delete non-empty directory")
                && !l.starts_with("remote mkdir")
        })
        .collect();
    lines.join(" / ")
}

/// Of the plan's new files, those that land where the host has something
/// praxis did not send: `files` and `folders` are what the host holds.
fn blocked(
    plan: &Plan,
    before: &Contents,
    files: &std::collections::BTreeSet<String>,
    folders: &std::collections::BTreeSet<String>,
) -> Vec<String> {
    let hers = |path: &str| !before.files.contains_key(path);
    plan.added
        .iter()
        .filter(|path| {
            (files.contains(*path) && hers(path))
                || folders.contains(*path)
                || super::plan::ancestors(path).any(|folder| files.contains(folder))
        })
        .cloned()
        .collect()
}

/// Whether a tool's failure is a full disk.
fn is_full(said: &str) -> bool {
    said.contains("No space left on device") || said.contains("Disk quota exceeded")
}

/// A temporary file of praxis's with `text` in it.
fn temporary(text: &[u8]) -> Result<tempfile::NamedTempFile, Problem> {
    use std::io::Write;
    let mut file = tempfile::NamedTempFile::new().map_err(|e| Problem::Failed {
        to: std::env::temp_dir().display().to_string(),
        detail: e.to_string(),
    })?;
    file.write_all(text)
        .and_then(|()| file.flush())
        .map_err(|e| Problem::Failed {
            to: file.path().display().to_string(),
            detail: e.to_string(),
        })?;
    Ok(file)
}

/// The folder beside the site that praxis keeps publishing state in.
fn state_dir(root: &Path) -> PathBuf {
    root.join(".praxis-cache").join("publish")
}
