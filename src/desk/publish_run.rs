//! A publish from the desk while it runs: started by her button, carried
//! out on a thread of its own, and followed by its page — building, looking
//! at the host, sending N of M files, then done or stopped. One at a time:
//! two publishes would build into the same `public/` and write to the same
//! host.
//!
//! The stage is kept typed ([`Stage`]) and said when the page is shown, in
//! the language of whoever looks: a problem of publishing's own is told
//! from its [`Problem`], never from the terminal's text.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::publish::{Problem, Progress, Step, Stop, prepare_followed};

/// Where the publish is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Stage {
    Building,
    Looking,
    Sending {
        sent: u64,
        files: u64,
    },
    After {
        command: String,
    },
    /// Sent: what `praxis publish` says at the end, in her language.
    Done {
        said: Vec<String>,
    },
    /// What would change is no longer what she saw: nothing was sent.
    Changed,
    Failed(Failure),
}

impl Stage {
    /// Whether the publish is over (done, stopped, or not started).
    pub fn is_over(&self) -> bool {
        matches!(self, Stage::Done { .. } | Stage::Changed | Stage::Failed(_))
    }
}

/// Why a publish from the desk stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Failure {
    /// One of publishing's own problems, said in her words.
    Problem(Problem),
    /// The site has errors (the Check page lists them).
    SiteErrors,
    /// The build could not be written: praxis's words, in English only.
    Build { said: String },
    /// The publish's thread ended without a word (a bug).
    Lost,
}

/// A publish, started or over.
#[derive(Debug, Clone)]
pub(super) struct Run {
    /// `[publish.NAME]`.
    pub target: String,
    /// Where it is sent: `ssh://…`, a folder.
    pub to: String,
    pub stage: Stage,
}

/// The desk's publish: the one running, else the last one.
#[derive(Default)]
pub(super) struct Publishing(Mutex<Option<Run>>);

/// A publish is running already.
pub(super) struct Busy;

impl Publishing {
    fn lock(&self) -> MutexGuard<'_, Option<Run>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The publish running, else the last one.
    pub fn now(&self) -> Option<Run> {
        self.lock().clone()
    }

    /// Whether a publish is running.
    pub fn is_running(&self) -> bool {
        self.lock().as_ref().is_some_and(|run| !run.stage.is_over())
    }

    fn set(&self, stage: Stage) {
        if let Some(run) = self.lock().as_mut() {
            run.stage = stage;
        }
    }
}

/// Starts publishing the site in `root` to `target`, if what would change
/// is still what she saw (`seen`, a [`fingerprint`]); `lang` is hers.
pub(super) fn start(
    publishing: &Arc<Publishing>,
    root: std::path::PathBuf,
    target: &str,
    to: &str,
    seen: Option<String>,
    lang: &'static str,
) -> Result<(), Busy> {
    {
        let mut run = publishing.lock();
        if run.as_ref().is_some_and(|run| !run.stage.is_over()) {
            return Err(Busy);
        }
        *run = Some(Run {
            target: target.to_owned(),
            to: to.to_owned(),
            stage: Stage::Building,
        });
    }
    let followed = Followed(Arc::clone(publishing));
    let target = target.to_owned();
    let spawned = std::thread::Builder::new()
        .name("desk publish".into())
        .spawn(move || {
            let ended = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                publish(&followed, &root, &target, seen.as_deref(), lang)
            }))
            .unwrap_or(Stage::Failed(Failure::Lost));
            followed.0.set(ended);
        });
    if spawned.is_err() {
        publishing.set(Stage::Failed(Failure::Lost));
    }
    Ok(())
}

/// The publish itself; its last stage.
fn publish(
    followed: &Followed,
    root: &std::path::Path,
    target: &str,
    seen: Option<&str>,
    lang: &'static str,
) -> Stage {
    let prepared = match prepare_followed(root, Some(target), Some(lang), followed) {
        Ok(prepared) => prepared,
        Err(Stop::Problem(why)) => return Stage::Failed(Failure::Problem(why.problem)),
        Err(Stop::Build(why)) => return Stage::Failed(build_failure(&why)),
    };
    if seen != Some(fingerprint(&prepared).as_str()) {
        return Stage::Changed;
    }
    match prepared.send(followed) {
        Ok((_, said)) => Stage::Done { said },
        Err(why) => Stage::Failed(Failure::Problem(why.problem)),
    }
}

/// A build that stopped a publish: the site's errors, which the Check page
/// shows her, or a failure to write, said as praxis says it.
pub(super) fn build_failure(why: &crate::error::Error) -> Failure {
    use crate::error::Error;
    match why {
        Error::Diagnostics(_) | Error::Located(_) | Error::BuildFailed { .. } => {
            Failure::SiteErrors
        }
        other => Failure::Build {
            said: other.to_string(),
        },
    }
}

/// What a plan sends and removes, as a short hash: the plan she saw is the
/// one carried out.
pub(super) fn fingerprint(prepared: &crate::publish::Prepared) -> String {
    let lines = prepared.lines().join("\n");
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(lines.as_bytes()))
}

/// The publish's steps, noted where its page reads them.
struct Followed(Arc<Publishing>);

impl Progress for Followed {
    fn step(&self, step: Step) {
        self.0.set(match step {
            Step::Building => Stage::Building,
            Step::Looking => Stage::Looking,
            Step::Sending { files } => Stage::Sending { sent: 0, files },
            Step::After { command } => Stage::After { command },
        });
    }

    fn sent(&self, sent: u64) {
        if let Some(run) = self.0.lock().as_mut()
            && let Stage::Sending { files, .. } = run.stage
        {
            run.stage = Stage::Sending { sent, files };
        }
    }
}
