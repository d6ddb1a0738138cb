//! Why a publish stopped, in the practitioner's language: each
//! [`Problem`] names a message of the Fluent files beside this module and
//! carries its arguments; its help is the message `ID-help`.

use std::fmt;

use fluent_bundle::FluentValue;

use crate::diagnostics::Help;
use crate::error::Said;
use crate::i18n::builtin::{Catalog, PraxisStrings};

/// praxis publish's own words.
pub static WORDS: Catalog = Catalog::new(
    "publish's",
    [
        include_str!("nl.ftl"),
        include_str!("fr.ftl"),
        include_str!("en.ftl"),
    ],
);

/// What stopped a publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NoTargets,
    UnknownTarget {
        name: String,
        known: Vec<String>,
    },
    UrlMismatch {
        name: String,
        url: String,
        base: String,
    },
    NeedsYes,
    /// The target holds files praxis did not send (and no record of its own).
    NotOurs {
        to: String,
        found: Vec<String>,
    },
    DamagedRecord {
        to: String,
        record: String,
    },
    NotInstalled {
        program: &'static str,
        package: &'static str,
    },
    HostKey {
        host: String,
    },
    UnknownHost {
        host: String,
        login: String,
    },
    KeyRefused {
        host: String,
        login: String,
    },
    Unreachable {
        host: String,
        detail: String,
    },
    NoRsyncThere {
        host: String,
    },
    NoRoom {
        to: String,
    },
    Failed {
        to: String,
        detail: String,
    },
    BranchMoved {
        branch: String,
    },
    /// A local folder that cannot be published to (the site's own, `/`…).
    FolderClash {
        detail: String,
    },
    /// The login may not write in the target folder.
    NoPermission {
        host: String,
        path: String,
        login: String,
    },
    /// Files of hers where the new site would write.
    InTheWay {
        to: String,
        paths: Vec<String>,
    },
    /// The folder a folder target's new tree is made in is not writable.
    FolderNotWritable {
        folder: String,
    },
    /// A `--lang` praxis does not speak.
    Unspoken {
        lang: String,
    },
}

impl Problem {
    /// The message's id in the Fluent files.
    fn id(&self) -> &'static str {
        use Problem::*;
        match self {
            NoTargets => "no-targets",
            UnknownTarget { .. } => "unknown-target",
            UrlMismatch { .. } => "url-mismatch",
            NeedsYes => "needs-yes",
            NotOurs { .. } => "not-ours",
            DamagedRecord { .. } => "damaged-record",
            NotInstalled { .. } => "not-installed",
            HostKey { .. } => "host-key",
            UnknownHost { .. } => "unknown-host",
            KeyRefused { .. } => "key-refused",
            Unreachable { .. } => "unreachable",
            NoRsyncThere { .. } => "no-rsync-there",
            NoRoom { .. } => "no-room",
            Failed { .. } => "failed",
            BranchMoved { .. } => "branch-moved",
            FolderClash { .. } => "folder-clash",
            NoPermission { .. } => "no-permission",
            InTheWay { .. } => "in-the-way",
            FolderNotWritable { .. } => "folder-not-writable",
            Unspoken { .. } => "unspoken",
        }
    }

    fn args(&self) -> Vec<(&'static str, FluentValue<'_>)> {
        use Problem::*;
        let text = |s: &str| FluentValue::from(s.to_owned());
        match self {
            NoTargets | NeedsYes => vec![],
            UnknownTarget { name, known } => {
                vec![("name", text(name)), ("known", text(&known.join(", ")))]
            }
            UrlMismatch { name, url, base } => {
                vec![
                    ("name", text(name)),
                    ("url", text(url)),
                    ("base", text(base)),
                ]
            }
            NotOurs { to, found } => vec![("to", text(to)), ("found", text(&listed(found)))],
            InTheWay { to, paths } => vec![("to", text(to)), ("paths", text(&listed(paths)))],
            NoPermission { host, path, login } => {
                vec![
                    ("host", text(host)),
                    ("path", text(path)),
                    ("login", text(login)),
                ]
            }
            FolderNotWritable { folder } => vec![("folder", text(folder))],
            Unspoken { lang } => vec![("lang", text(lang))],
            DamagedRecord { to, record } => vec![("to", text(to)), ("record", text(record))],
            NotInstalled { program, package } => {
                vec![("program", text(program)), ("package", text(package))]
            }
            HostKey { host } | NoRsyncThere { host } => vec![("host", text(host))],
            UnknownHost { host, login } | KeyRefused { host, login } => {
                vec![("host", text(host)), ("login", text(login))]
            }
            Unreachable { host, detail } => vec![("host", text(host)), ("detail", text(detail))],
            NoRoom { to } => vec![("to", text(to))],
            Failed { to, detail } => vec![("to", text(to)), ("detail", text(detail))],
            BranchMoved { branch } => vec![("branch", text(branch))],
            FolderClash { detail } => vec![("detail", text(detail))],
        }
    }
}

/// The first few of `names`, and how many more.
fn listed(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut list = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        list.push_str(&format!(", … (+{})", names.len() - SHOWN));
    }
    list
}

/// A [`Problem`] in the words it is told in.
#[derive(Clone, Copy)]
pub struct Words(pub PraxisStrings);

impl fmt::Debug for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Words({})", self.0.lang)
    }
}

/// Why `praxis publish` stopped, told in the practitioner's language.
#[derive(Debug)]
pub struct PublishError {
    pub problem: Problem,
    words: Words,
}

impl PublishError {
    pub fn new(problem: Problem, words: PraxisStrings) -> PublishError {
        PublishError {
            problem,
            words: Words(words),
        }
    }
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&typeset(
            self.words.0,
            self.words.0.with(self.problem.id(), &self.problem.args()),
        ))
    }
}

impl Help for PublishError {
    fn help(&self) -> Option<String> {
        let id = format!("{}-help", self.problem.id());
        let words = self.words.0;
        words
            .has(&id)
            .then(|| typeset(words, words.with(&id, &self.problem.args())))
    }
}

/// `text` set as a careful writer of its language would: in French, the
/// spaces before `: ; ! ?` that do not break.
pub fn typeset(words: PraxisStrings, text: String) -> String {
    if words.lang == "fr" {
        crate::typography::french(&text).into_owned()
    } else {
        text
    }
}

impl Said for PublishError {
    fn is_input(&self) -> bool {
        use Problem::*;
        matches!(
            self.problem,
            NoTargets
                | UnknownTarget { .. }
                | UrlMismatch { .. }
                | NeedsYes
                | FolderClash { .. }
                | Unspoken { .. }
        )
    }
}

/// Why a publish stopped before anything was sent: one of publishing's
/// own problems (typed, so that the desk says it in her words), or the
/// build's failure, which says itself.
#[derive(Debug)]
pub enum Stop {
    Problem(PublishError),
    /// site.toml does not load, the site has errors, or its output
    /// cannot be written.
    Build(crate::error::Error),
}

impl From<Stop> for crate::error::Error {
    fn from(stop: Stop) -> crate::error::Error {
        match stop {
            Stop::Problem(problem) => problem.into(),
            Stop::Build(error) => error,
        }
    }
}

impl From<PublishError> for crate::error::Error {
    fn from(error: PublishError) -> crate::error::Error {
        crate::error::Error::Said(Box::new(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_speaks_dutch_french_and_english_alike() {
        WORDS.check().unwrap();
    }

    #[test]
    fn every_problem_has_words_and_help_in_every_language() {
        let problems = [
            Problem::NoTargets,
            Problem::NeedsYes,
            Problem::NotOurs {
                to: "ssh://h/p".into(),
                found: (0..7).map(|i| format!("f{i}")).collect(),
            },
            Problem::HostKey { host: "h".into() },
        ];
        for lang in crate::i18n::builtin::LANGUAGES {
            let words = WORDS.choose(Some(lang), "nl");
            for problem in &problems {
                let error = PublishError::new(problem.clone(), words);
                let said = error.to_string();
                assert!(!said.contains(problem.id()), "{lang}: {said}");
                assert!(error.help().is_some(), "{lang}: no help for {said}");
            }
        }
        let words = WORDS.choose(Some("en"), "nl");
        let many = PublishError::new(problems[2].clone(), words).to_string();
        assert!(many.contains("f4, … (+2)"), "{many}");
    }
}
