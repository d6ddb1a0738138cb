//! `praxis publish`: the site (or the form endpoint's bundle) sent to a
//! target of `[publish.NAME]` in site.toml, changing only what changed.
//!
//! In order: the target is read from site.toml and its `url` compared with
//! `base_url`; the site is built if it is out of date (the build's own
//! no-change check), and a build with errors stops here; the host is asked
//! what it holds ([`hosts::Host::look`]) — nothing of hers is touched, and
//! a folder praxis did not fill is refused unless it is empty; the
//! [`Plan`] — new, changed and removed files, and the bytes to send — is
//! shown and, on a terminal, agreed to; then the host gets the new and
//! changed files, loses the removed ones, and records what it now holds
//! ([`hosts::Host::send`]), each kind of host so that it serves the old
//! site until the new one is whole there, or as near to that as it allows.
//!
//! What praxis knows of the host is the record it left there last time,
//! so a second publish after one edit sends that page and the lists it
//! appears in, and nothing else.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use fluent_bundle::FluentValue;

use crate::build::BuildOptions;
use crate::build_to_disk::{self, Built};
use crate::config::Config;
use crate::config::publish::Target;
use crate::error::Error;
use crate::i18n::builtin::PraxisStrings;
use crate::output::Contents;

mod failure;
mod hosts;
mod plan;
mod progress;

pub use failure::{Problem, PublishError, Stop, WORDS};
pub use hosts::{Found, Progress, Step};
pub use plan::{Plan, RECORD};
pub use progress::Unfollowed;

/// What to publish, and how.
#[derive(Debug, Default)]
pub struct Request {
    /// `[publish.NAME]`; the first target when `None`.
    pub target: Option<String>,
    /// Show what would change, send nothing.
    pub dry_run: bool,
    /// Go on without asking.
    pub yes: bool,
    /// The language to speak (`--lang`), else the site's default one.
    pub lang: Option<String>,
}

/// What a publish did, for its last line.
pub struct Published {
    pub plan: Plan,
    pub to: String,
    pub sent: bool,
}

/// A publish ready to be carried out: the site built, the host looked
/// at, and what would change there.
pub struct Prepared {
    pub target: Target,
    pub plan: Plan,
    /// The build's last line.
    pub built: String,
    local: PathBuf,
    before: Contents,
    now: Contents,
    host: Box<dyn hosts::Host>,
    words: PraxisStrings,
    started: Instant,
    /// The SSH connection this publish shares, closed with it.
    _sharing: hosts::Sharing,
}

/// Publishes the site under `root` as `request` says.
pub fn publish(root: &Path, request: &Request) -> Result<Published, Error> {
    let prepared = prepare(root, request.target.as_deref(), request.lang.as_deref())?;
    outln!("{}", prepared.built);
    let words = prepared.words;
    let to = prepared.target.to.clone();
    let unsent = |plan| Published {
        plan,
        to: to.clone(),
        sent: false,
    };
    if prepared.plan.is_empty() {
        outln!("{}", prepared.nothing_to_do());
        return Ok(unsent(prepared.plan));
    }
    outln!("{}", prepared.describe());
    if request.dry_run {
        for line in prepared.lines() {
            outln!("  {line}");
        }
        outln!("{}", say(words, "dry-run", &[]));
        return Ok(unsent(prepared.plan));
    }
    let fail = |problem| Error::from(PublishError::new(problem, words));
    if !request.yes && !agreed(words).map_err(fail)? {
        outln!("{}", say(words, "declined", &[]));
        return Ok(unsent(prepared.plan));
    }
    let bar = progress::Bar::new(prepared.plan.sends() as u64, words.get("sending"));
    let (plan, said) = prepared.send(&bar)?;
    bar.finish();
    for line in said {
        outln!("{line}");
    }
    Ok(Published {
        plan,
        to,
        sent: true,
    })
}

/// Builds what target `name` (the first when `None`) sends if it is out of
/// date, and looks at its host: what would change there. `lang` is the
/// language to speak, else the site's.
pub fn prepare(root: &Path, name: Option<&str>, lang: Option<&str>) -> Result<Prepared, Error> {
    prepare_followed(root, name, lang, &progress::Unfollowed).map_err(Error::from)
}

/// As [`prepare`], telling `progress` each step, and stopping with a
/// [`Stop`] that keeps publishing's own problems typed (the desk says them
/// in her words).
pub fn prepare_followed(
    root: &Path,
    name: Option<&str>,
    lang: Option<&str>,
    progress: &dyn Progress,
) -> Result<Prepared, Stop> {
    let started = Instant::now();
    let sharing = hosts::Sharing;
    // The tools run in other folders (git in the build's): paths are whole.
    let root = &crate::output::real_path(root);
    let config = Config::load(root).map_err(|e| Stop::Build(Error::Diagnostics(e)))?;
    let words = WORDS.choose(lang, &config.default_language);
    let fail = |problem| Stop::Problem(PublishError::new(problem, words));
    if let Some(lang) = lang.filter(|l| !crate::i18n::builtin::Catalog::speaks(l)) {
        return Err(fail(Problem::Unspoken {
            lang: lang.to_owned(),
        }));
    }
    let target = choose(&config, name).map_err(fail)?;
    same_address(&config, target).map_err(fail)?;
    progress.step(Step::Building);
    let (local, built) = build(root, target).map_err(Stop::Build)?;
    let now = Contents::of_output(&local).ok_or_else(|| {
        fail(Problem::Failed {
            to: local.display().to_string(),
            detail: "the build left no record of its files".to_owned(),
        })
    })?;
    progress.step(Step::Looking);
    let mut host = hosts::open(target, root).map_err(fail)?;
    let before = match host.look().map_err(fail)? {
        Found::Empty => Contents::default(),
        Found::Ours(contents) => contents,
    };
    // The record on the host says what to remove: it may name nothing
    // outside the target, whoever wrote it.
    if !before.files.keys().all(|path| plan::is_inside(path)) {
        return Err(fail(Problem::DamagedRecord {
            to: target.to.clone(),
            record: RECORD.to_owned(),
        }));
    }
    let plan = Plan::between(&before, &now, &local);
    let in_the_way = host.in_the_way(&plan, &before);
    if !in_the_way.is_empty() {
        return Err(fail(Problem::InTheWay {
            to: target.to.clone(),
            paths: in_the_way,
        }));
    }
    Ok(Prepared {
        target: target.clone(),
        plan,
        built: built.summary(),
        local,
        before,
        now,
        host,
        words,
        started,
        _sharing: sharing,
    })
}

impl Prepared {
    /// The plan in one line, in her language.
    pub fn describe(&self) -> String {
        describe(&self.plan, &self.target, self.words)
    }

    /// Every file of the plan, a line each.
    pub fn lines(&self) -> Vec<String> {
        lines(&self.plan, self.words)
    }

    /// What is said when the host has the site as it is.
    pub fn nothing_to_do(&self) -> String {
        say(
            self.words,
            "nothing",
            &[("to", self.target.to.as_str().into())],
        )
    }

    /// Sends the plan; returns it and what to say (the last line, and
    /// what `after` ran).
    pub fn send(
        mut self,
        progress: &dyn hosts::Progress,
    ) -> Result<(Plan, Vec<String>), PublishError> {
        let words = self.words;
        let fail = |problem| PublishError::new(problem, words);
        progress.step(Step::Sending {
            files: self.plan.sends() as u64,
        });
        self.host
            .send(&self.local, &self.plan, &self.before, &self.now, progress)
            .map_err(fail)?;
        let mut said = Vec::new();
        if let Some(command) = &self.target.after {
            progress.step(Step::After {
                command: command.clone(),
            });
            self.host.run_after(command).map_err(fail)?;
            said.push(say(words, "after", &[("command", command.as_str().into())]));
        }
        said.push(done(&self.plan, &self.target, words, self.started));
        Ok((self.plan, said))
    }
}

/// The target named, or the first.
fn choose<'a>(config: &'a Config, name: Option<&str>) -> Result<&'a Target, Problem> {
    let Some(first) = config.publish.first() else {
        return Err(Problem::NoTargets);
    };
    let Some(name) = name else { return Ok(first) };
    config
        .publish
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| Problem::UnknownTarget {
            name: name.to_owned(),
            known: config.publish.iter().map(|t| t.name.clone()).collect(),
        })
}

/// A target's `url` is the site's own address (the endpoint's bundle has
/// none to compare: it goes to another host).
fn same_address(config: &Config, target: &Target) -> Result<(), Problem> {
    let Some(url) = &target.url else {
        return Ok(());
    };
    let base = config.permalink("/");
    if target.endpoint || url.trim_end_matches('/') == base.trim_end_matches('/') {
        return Ok(());
    }
    Err(Problem::UrlMismatch {
        name: target.name.clone(),
        url: url.clone(),
        base,
    })
}

/// Builds what `target` sends, if it is out of date: the site into
/// `public/`, or the endpoint's bundle into the site's cache. Returns the
/// folder to send.
fn build(root: &Path, target: &Target) -> Result<(PathBuf, Built), Error> {
    let bundle = target.endpoint.then(|| {
        root.join(".praxis-cache")
            .join("publish")
            .join(format!("{}-endpoint", target.name))
    });
    let request = build_to_disk::Request {
        output: None,
        options: BuildOptions::default(),
        bundle: bundle.clone(),
    };
    let built = build_to_disk::build(root, &request)?;
    let local = match bundle {
        Some(dir) => crate::output::real_path(&dir),
        None => built.output.clone(),
    };
    Ok((local, built))
}

/// Message `id` in `words`, set as its language is written.
fn say(words: PraxisStrings, id: &str, args: &[(&str, FluentValue)]) -> String {
    failure::typeset(words, words.with(id, args))
}

/// The plan in one line.
fn describe(plan: &Plan, target: &Target, words: PraxisStrings) -> String {
    let kind = match target.destination {
        crate::config::publish::Destination::Folder(_) => "kind-folder",
        crate::config::publish::Destination::Rsync(_) => "kind-rsync",
        crate::config::publish::Destination::Sftp(_) => "kind-sftp",
        crate::config::publish::Destination::Git { .. } => "kind-git",
    };
    say(
        words,
        "plan",
        &[
            ("to", target.to.as_str().into()),
            ("kind", words.get(kind).into()),
            ("added", plan.added.len().into()),
            ("changed", plan.changed.len().into()),
            ("removed", plan.removed.len().into()),
            ("size", size(plan.bytes, words.lang).into()),
        ],
    )
}

/// Every file of the plan, a line each, for `--dry-run`.
fn lines(plan: &Plan, words: PraxisStrings) -> Vec<String> {
    let mut lines = Vec::new();
    for (what, paths) in [
        ("plan-added", &plan.added),
        ("plan-changed", &plan.changed),
        ("plan-removed", &plan.removed),
    ] {
        let label = words.get(what);
        for path in paths {
            lines.push(say(
                words,
                "plan-line",
                &[
                    ("label", label.as_str().into()),
                    ("path", path.as_str().into()),
                ],
            ));
        }
    }
    lines
}

/// The last line.
fn done(plan: &Plan, target: &Target, words: PraxisStrings, started: Instant) -> String {
    let seconds = started.elapsed().as_secs_f64();
    let seconds = decimal(format!("{seconds:.1}"), words.lang);
    say(
        words,
        "done",
        &[
            ("sent", plan.sends().into()),
            ("size", size(plan.bytes, words.lang).into()),
            ("removed", plan.removed.len().into()),
            ("to", target.to.as_str().into()),
            ("seconds", FluentValue::from(seconds)),
        ],
    )
}

/// Asks on the terminal whether to go on; refuses without one.
fn agreed(words: PraxisStrings) -> Result<bool, Problem> {
    if !std::io::stdin().is_terminal() {
        return Err(Problem::NeedsYes);
    }
    eprint!("{} ", say(words, "ask", &[]));
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    let answer = answer.trim().to_lowercase();
    // Yes in each language praxis speaks: y, yes, j, ja, o, oui.
    Ok(["y", "yes", "j", "ja", "o", "oui"].contains(&answer.as_str()))
}

/// A size as a person reads it: `820 B`, `41 kB`, `1.2 MB` (`1,2 MB` in
/// Dutch; `1,2 Mo` in French, which counts in octets).
pub fn size(bytes: u64, lang: &str) -> String {
    let (byte, units) = if lang == "fr" {
        ("o", ["ko", "Mo", "Go", "To"])
    } else {
        ("B", ["kB", "MB", "GB", "TB"])
    };
    if bytes < 1000 {
        return format!("{bytes}\u{a0}{byte}");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit < units.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let number = if value < 10.0 {
        decimal(format!("{value:.1}"), lang)
    } else {
        format!("{value:.0}")
    };
    format!("{number}\u{a0}{}", units[unit])
}

/// A decimal number written as `lang` writes it.
fn decimal(number: String, lang: &str) -> String {
    if lang == "en" {
        number
    } else {
        number.replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_a_person_writes_them_in_each_language() {
        assert_eq!(size(820, "en"), "820\u{a0}B");
        assert_eq!(size(41_200, "en"), "41\u{a0}kB");
        assert_eq!(size(1_240_000, "en"), "1.2\u{a0}MB");
        assert_eq!(size(1_240_000, "fr"), "1,2\u{a0}Mo");
        assert_eq!(size(1_240_000, "nl"), "1,2\u{a0}MB");
    }
}
