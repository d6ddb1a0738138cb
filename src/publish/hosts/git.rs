//! A branch of a git repository (`git+ssh://…/pages.git#pages`,
//! `git+file:///…#pages`): what GitHub, Codeberg and GitLab Pages serve.
//!
//! The site goes as one commit on the branch, pushed: the host switches
//! from the old site to the new one at once, and a publish cut short
//! before the push changed nothing there. The commit is made in a bare
//! clone of the branch kept in the site's cache, from the branch's last
//! tree with the plan applied to it — so files of hers on the branch (a
//! `CNAME`, a `.nojekyll`) stay — and praxis's record at the root of the
//! branch. Her own git does the work, with her identity and keys.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::super::failure::Problem;
use super::super::plan::{Plan, RECORD};
use super::{Found, Host, Progress, run, said, ssh, state_dir, temporary};
use crate::output::Contents;

/// Where the fetched branch is kept in the clone.
const FETCHED: &str = "refs/praxis/published";

pub struct Git {
    /// The bare clone in the site's cache.
    clone: PathBuf,
    repository: String,
    branch: String,
    /// The branch's last commit, once fetched.
    tip: Option<String>,
    /// The files on the branch, and the folders they are in.
    files: std::collections::BTreeSet<String>,
    folders: std::collections::BTreeSet<String>,
}

impl Git {
    pub fn open(root: &Path, name: &str, repository: &str, branch: &str) -> Result<Git, Problem> {
        let clone = state_dir(root).join(format!("{name}.git"));
        let git = Git {
            clone,
            repository: repository.to_owned(),
            branch: branch.to_owned(),
            tip: None,
            files: Default::default(),
            folders: Default::default(),
        };
        if !git.clone.join("HEAD").exists() {
            std::fs::create_dir_all(&git.clone).map_err(|e| git.failed(e.to_string()))?;
            git.git(&["init", "--quiet", "--bare"])?;
        }
        Ok(git)
    }

    fn failed(&self, detail: String) -> Problem {
        Problem::Failed {
            to: format!("{}#{}", self.repository, self.branch),
            detail,
        }
    }

    fn command(&self) -> Command {
        let mut command = Command::new("git");
        command
            .env("GIT_DIR", &self.clone)
            .env("GIT_SSH_COMMAND", ssh::command_line(None))
            // Never a prompt for a user name on a terminal no one sees.
            .env("GIT_TERMINAL_PROMPT", "0");
        command
    }

    /// Runs git with `args` in the clone; its standard output.
    fn git(&self, args: &[&str]) -> Result<String, Problem> {
        self.git_with(&mut self.command(), args)
    }

    fn git_with(&self, command: &mut Command, args: &[&str]) -> Result<String, Problem> {
        let output = run(command.args(args), "git", "git")?;
        if output.status.success() {
            return Ok(String::from_utf8_lossy(&output.stdout)
                .trim_end()
                .to_owned());
        }
        let said = said(&output);
        let remote = crate::config::publish::Remote {
            user: None,
            host: host_of(&self.repository),
            port: None,
            path: String::new(),
        };
        Err(ssh::failure(&said, &remote).unwrap_or_else(|| {
            if said.contains("non-fast-forward")
                || said.contains("fetch first")
                || said.contains("stale info")
            {
                Problem::BranchMoved {
                    branch: self.branch.clone(),
                }
            } else if super::is_full(&said) {
                Problem::NoRoom {
                    to: format!("{}#{}", self.repository, self.branch),
                }
            } else if said.contains("does not appear to be a git repository")
                || said.contains("Could not read from remote")
            {
                Problem::Unreachable {
                    host: self.repository.clone(),
                    detail: said.clone(),
                }
            } else {
                self.failed(said)
            }
        }))
    }
}

impl Host for Git {
    fn look(&mut self) -> Result<Found, Problem> {
        let branch = format!("refs/heads/{}", self.branch);
        let listed = self.git(&["ls-remote", "--", &self.repository, &branch])?;
        if listed.is_empty() {
            return Ok(Found::Empty);
        }
        self.git(&[
            "fetch",
            "--quiet",
            "--no-tags",
            "--",
            &self.repository,
            &format!("+{branch}:{FETCHED}"),
        ])?;
        let tip = self.git(&["rev-parse", "--verify", FETCHED])?;
        self.tip = Some(tip.clone());
        let listed = self.git(&["ls-tree", "-r", "-z", "--name-only", &tip])?;
        for path in listed.split('\0').filter(|p| !p.is_empty()) {
            self.folders
                .extend(super::super::plan::ancestors(path).map(str::to_owned));
            self.files.insert(path.to_owned());
        }
        let record = self.git(&["cat-file", "-p", &format!("{tip}:{RECORD}")]);
        match record {
            Ok(text) => Contents::parse(&format!("{text}\n"))
                .map(Found::Ours)
                .ok_or_else(|| Problem::DamagedRecord {
                    to: format!("{}#{}", self.repository, self.branch),
                    record: RECORD.to_owned(),
                }),
            Err(_) => {
                let names = self.git(&["ls-tree", "--name-only", &tip])?;
                let found: Vec<String> = names.lines().map(str::to_owned).collect();
                if found.is_empty() {
                    Ok(Found::Empty)
                } else {
                    Err(Problem::NotOurs {
                        to: format!("{}#{}", self.repository, self.branch),
                        found,
                    })
                }
            }
        }
    }

    fn in_the_way(&self, plan: &Plan, before: &Contents) -> Vec<String> {
        super::blocked(plan, before, &self.files, &self.folders)
    }

    fn send(
        &mut self,
        local: &Path,
        plan: &Plan,
        _before: &Contents,
        now: &Contents,
        progress: &dyn Progress,
    ) -> Result<(), Problem> {
        let index = self.clone.join("praxis-index");
        let _ = std::fs::remove_file(&index);
        let with_index = || {
            let mut command = self.command();
            command
                .env("GIT_INDEX_FILE", &index)
                .env("GIT_WORK_TREE", local)
                .current_dir(local);
            command
        };
        match &self.tip {
            Some(tip) => self.git_with(&mut with_index(), &["read-tree", tip])?,
            None => self.git_with(&mut with_index(), &["read-tree", "--empty"])?,
        };
        // Sent files are read from the build; removed ones, gone from it,
        // leave the index. (Paths are given one per argument: no quoting.)
        let paths: Vec<&str> = plan
            .sent()
            .chain(&plan.removed)
            .map(String::as_str)
            .collect();
        for chunk in paths.chunks(1000) {
            let mut args = vec!["update-index", "--add", "--remove", "--"];
            args.extend(chunk);
            self.git_with(&mut with_index(), &args)?;
        }
        let record = temporary(now.text().as_bytes())?;
        let blob = self.git(&["hash-object", "-w", "--", &record.path().to_string_lossy()])?;
        self.git_with(
            &mut with_index(),
            &[
                "update-index",
                "--add",
                "--cacheinfo",
                &format!("100644,{blob},{RECORD}"),
            ],
        )?;
        let tree = self.git_with(&mut with_index(), &["write-tree"])?;
        let message = format!(
            "Publish the site: {} new, {} changed, {} removed files",
            plan.added.len(),
            plan.changed.len(),
            plan.removed.len()
        );
        let mut commit = self.command();
        if self.git(&["config", "user.email"]).is_err() {
            // No identity configured: the commit says who made it.
            for (name, value) in [
                ("GIT_AUTHOR_NAME", "praxis"),
                ("GIT_AUTHOR_EMAIL", "praxis@localhost"),
                ("GIT_COMMITTER_NAME", "praxis"),
                ("GIT_COMMITTER_EMAIL", "praxis@localhost"),
            ] {
                commit.env(name, value);
            }
        }
        let mut args = vec!["commit-tree", tree.as_str(), "-m", message.as_str()];
        let parent;
        if let Some(tip) = &self.tip {
            parent = tip.clone();
            args.extend(["-p", parent.as_str()]);
        }
        let commit = self.git_with(&mut commit, &args)?;
        crate::faults::die_if("publish-die-after-sending");
        // Pushed only if the branch is still where it was fetched from.
        let lease = format!(
            "--force-with-lease=refs/heads/{}:{}",
            self.branch,
            self.tip.as_deref().unwrap_or("")
        );
        self.git(&[
            "push",
            "--quiet",
            &lease,
            "--",
            &self.repository,
            &format!("{commit}:refs/heads/{}", self.branch),
        ])?;
        self.git(&["update-ref", FETCHED, &commit])?;
        progress.sent(plan.sends() as u64);
        Ok(())
    }
}

/// The host of a git URL, to name it in a message: `codeberg.org`.
fn host_of(repository: &str) -> String {
    let rest = repository.split_once("://").map_or(repository, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.split(':').next().unwrap_or(host).to_owned()
}
