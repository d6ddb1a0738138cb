//! Why a command failed: the one error type at the command boundary.
//!
//! Each variant carries what it is about (a folder, an address, a token's
//! number) and knows how it reads and which exit status it means, so that
//! `main` prints every failure the same way: 1 when the input is at fault
//! (a site with errors, a mistyped argument a person must correct), 2 when
//! the command could not do its work for another reason (an unwritable
//! folder, a port in use, a database that will not open).
//!
//! The words come from the area that failed: most variants carry that
//! area's own error (`PullError`, `StoreError`, `InitError`…), whose
//! `Display` says what went wrong and whose [`Help::help`] says what to
//! do; the rest say it here. Either way [`Report`], the printer that
//! located diagnostics use too, writes `error: …` and `   = help: …`, so
//! no message writes its own label.
//!
//! Problems inside a build are not errors of this kind: they are located
//! [`Diagnostic`]s, collected across the run ([`crate::diagnostics`]); a
//! command that fails because of them returns [`Error::Diagnostics`] or, when
//! it has printed them already with a summary, [`Error::BuildFailed`] or
//! [`Error::CheckFailed`].

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::authoring::init::InitError;
use crate::authoring::new_page::NewPageError;
use crate::config::proxy::ProxyError;
use crate::diagnostics::{Diagnostic, Diagnostics, Help, Report};
use crate::forms::endpoint::{MisplacedDatabase, Unavailable};
use crate::forms::export::ExportError;
use crate::forms::pull::PullError;
use crate::forms::store::StoreError;
use crate::i18n::builtin::Unspoken;
use crate::secrets::NoRandomness;

/// An error that says itself, in its own area's words, with its help: the
/// failures of commands that sit above this module (`publish`), which
/// cannot be named here.
pub trait Said: fmt::Display + Help + fmt::Debug + Send + Sync {
    /// Whether the input is at fault (status 1) rather than the
    /// environment (status 2).
    fn is_input(&self) -> bool;
}

/// Why a command failed. It reads as `main` prints it: its words, then its
/// help, through the one printer ([`Report`]).
#[derive(Debug)]
pub enum Error {
    /// Located problems, such as a site.toml that does not load.
    Diagnostics(Diagnostics),
    /// A located problem that is the whole story (an import that cannot start).
    Located(Diagnostic),
    /// The build's diagnostics are printed; this is their summary.
    BuildFailed {
        errors: usize,
        output: PathBuf,
    },
    /// `praxis check` printed its report (as text or JSON), which says it all.
    CheckFailed,

    // `praxis build`
    OutputFolder {
        clash: FolderClash,
        bundle: bool,
    },
    Repair {
        output: PathBuf,
        source: std::io::Error,
    },
    WriteSite {
        output: PathBuf,
        source: std::io::Error,
    },
    BundleInOutput,
    /// An output folder that is not praxis's to replace, or files of
    /// someone else's where the new site would write.
    NotOurs(crate::output::NotOurs),
    WriteBundle {
        dir: PathBuf,
        source: std::io::Error,
    },

    // `praxis init`, `new`, `import`
    /// Why `praxis init` made no site.
    Init(InitError),
    /// Why `praxis new` made no page.
    NewPage(NewPageError),
    NothingImported,

    // `praxis forms …`
    NotABundle {
        dir: PathBuf,
    },
    /// The submissions store, a key or a submission that cannot be read.
    Store(StoreError),
    /// Where site.toml puts the database, when that is not a place for it.
    Database(MisplacedDatabase),
    NoDatabase {
        path: PathBuf,
    },
    NoIdentity,
    Export(ExportError),
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Standard output, or a file already open, refused what was written.
    Output(std::io::Error),
    NotAnAge {
        text: String,
    },
    RecentSubmissions {
        older_than: String,
        count: usize,
    },
    NoLiveToken {
        id: i64,
    },
    ReadToken {
        path: PathBuf,
        source: std::io::Error,
    },
    NoToken,
    /// Why `forms pull` could not reach the server or understand it.
    Pull(PullError),
    NoSuchSubmission {
        ids: Vec<i64>,
    },
    KeyExists {
        path: PathBuf,
    },

    // The servers: `praxis serve`, `forms serve`, `forms inbox`
    /// A server listening beyond this machine while trusting any client's address.
    TrustProxy(ProxyError),
    SiteHasErrors,
    NoForms,
    /// Why the form endpoint cannot take submissions.
    FormsUnavailable(Unavailable),
    Runtime(std::io::Error),
    SiteFolder {
        root: PathBuf,
        source: std::io::Error,
    },
    /// The translator's view's token could not be drawn.
    ViewToken(NoRandomness),
    #[cfg(feature = "serve")]
    Watch(notify::Error),
    PortInUse {
        address: SocketAddr,
    },
    Listen {
        address: SocketAddr,
        source: std::io::Error,
    },
    /// A `--lang` the inbox does not speak.
    InboxLanguage(Unspoken),
    /// A secret (the inbox's key) could not be drawn.
    NoRandomness(NoRandomness),

    /// The error of a command above this module (`publish`), which says
    /// itself and knows its status.
    Said(Box<dyn Said>),
}

impl std::error::Error for Error {}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Diagnostics(diags) => f.write_str(&list(diags)),
            Error::Located(d) => d.fmt(f),
            // Summaries of what was printed above them: no label of their own.
            Error::BuildFailed { errors, output } => write!(
                f,
                "build failed with {errors} error{}; {} was left as it was",
                plural(*errors),
                output.display()
            ),
            Error::SiteHasErrors => {
                f.write_str("the site has errors: fix them before answering its forms")
            }
            Error::CheckFailed => Ok(()),
            _ => Report::error(&Failure(self)).fmt(f),
        }
    }
}

/// A command's failure in words, without the label that [`Report`] adds,
/// and what to do about it.
struct Failure<'a>(&'a Error);

impl fmt::Display for Failure<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Error::*;
        match self.0 {
            Diagnostics(_) | Located(_) | BuildFailed { .. } | CheckFailed | SiteHasErrors => {
                self.0.fmt(f)
            }
            OutputFolder { clash, .. } => clash.fmt(f),
            Repair { output, source } => write!(
                f,
                "cannot clean up after an interrupted build beside {}: {source}",
                output.display()
            ),
            WriteSite { output, source } => {
                write!(f, "cannot write the site to {}: {source}", output.display())
            }
            BundleInOutput => f.write_str(
                "the endpoint bundle cannot go in the site's own output folder, nor hold it",
            ),
            NotOurs(why) => why.fmt(f),
            WriteBundle { dir, source } => write!(
                f,
                "cannot write the endpoint bundle to {}: {source}",
                dir.display()
            ),
            Init(why) => why.fmt(f),
            NewPage(why) => why.fmt(f),
            NothingImported => f.write_str(
                "nothing was imported: no post or page of the export is in one of this site's languages; the report above says why, item by item (usually: pass --language CODE)",
            ),
            NotABundle { dir } => write!(
                f,
                "{} is not an endpoint bundle (it has no {})",
                dir.display(),
                crate::forms::bundle::MARKER
            ),
            Store(why) => why.fmt(f),
            Database(why) => why.fmt(f),
            NoDatabase { path } => write!(
                f,
                "there is no database at {} yet: no form was ever submitted",
                path.display()
            ),
            NoIdentity => f.write_str(
                "pass your private key with --identity FILE (the file `praxis forms keygen` wrote; keep it on your own machine, never on the server)",
            ),
            Export(why) => why.fmt(f),
            Write { path, source } => write!(f, "cannot write {}: {source}", path.display()),
            Output(source) => source.fmt(f),
            NotAnAge { text } => write!(f, "`{text}` is not an age like 90d, 12w or 48h"),
            RecentSubmissions { older_than, count } => write!(
                f,
                "--older-than {older_than} would delete {count} submission{} received in the last day, which may not have been read yet",
                plural(*count)
            ),
            NoLiveToken { id } => write!(
                f,
                "there is no live token #{id} (see `praxis forms token --list`)"
            ),
            ReadToken { path, source } => {
                write!(f, "cannot read the token {}: {source}", path.display())
            }
            NoToken => f.write_str(
                "no token for this endpoint yet: run `praxis forms pull` in a terminal and paste the one `praxis forms token` made on the server (or pass --token-file FILE)",
            ),
            Pull(why) => why.fmt(f),
            NoSuchSubmission { ids } => write!(
                f,
                "no submission {} here (see `praxis forms list`)",
                ids.iter()
                    .map(|id| format!("#{id}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            KeyExists { path } => write!(
                f,
                "{} already exists; keygen never overwrites a key",
                path.display()
            ),
            TrustProxy(why) => write!(f, "site.toml: {why}"),
            NoForms => f.write_str("site.toml declares no forms"),
            FormsUnavailable(why) => why.fmt(f),
            Runtime(source) => write!(f, "cannot start the server: {source}"),
            SiteFolder { root, source } => write!(
                f,
                "cannot open the site folder {}: {source}",
                root.display()
            ),
            ViewToken(source) => write!(f, "cannot make the translator view's token: {source}"),
            #[cfg(feature = "serve")]
            Watch(why) => write!(f, "cannot watch the site's files: {why}"),
            PortInUse { address } => write!(
                f,
                "port {} is already in use on {}",
                address.port(),
                address.ip()
            ),
            Listen { address, source } => write!(f, "cannot listen on {address}: {source}"),
            InboxLanguage(why) => why.fmt(f),
            NoRandomness(why) => why.fmt(f),
            Said(why) => why.fmt(f),
        }
    }
}

impl Help for Failure<'_> {
    fn help(&self) -> Option<String> {
        use Error::*;
        let help = match self.0 {
            OutputFolder { bundle: true, .. } => {
                "choose a folder of its own for the bundle, like endpoint/"
            }
            OutputFolder { bundle: false, .. } => {
                "choose an output folder of its own, like public/"
            }
            Repair { .. } | WriteBundle { .. } => "check that the folder is writable",
            WriteSite { .. } => {
                "check that the folder is writable and the disk has room; the previous site was left as it was"
            }
            BundleInOutput => "choose a folder of its own, like endpoint/",
            NotOurs(why) => return why.help(),
            Init(why) => return why.help(),
            NewPage(why) => return why.help(),
            Pull(why) => return why.help(),
            Store(why) => return why.help(),
            TrustProxy(why) => return why.help(),
            Database(why) => return why.help(),
            FormsUnavailable(why) => return why.help(),
            InboxLanguage(why) => return why.help(),
            Said(why) => return why.help(),
            NotABundle { .. } => {
                "make one with `praxis build --endpoint-bundle DIR` and copy that folder"
            }
            RecentSubmissions { .. } => "add --yes if that is what you mean",
            NoForms => "declare them under [forms.NAME] (see the README)",
            #[cfg(feature = "serve")]
            Watch(_) => "serve without --watch, or raise the system's limit of watched files",
            PortInUse { .. } => {
                "is another praxis server running? stop it, or pick another port with --port"
            }
            Listen { .. } => "check --bind and --port",
            _ => return None,
        };
        Some(help.to_owned())
    }
}

impl From<NoRandomness> for Error {
    fn from(error: NoRandomness) -> Error {
        Error::NoRandomness(error)
    }
}

impl From<StoreError> for Error {
    fn from(error: StoreError) -> Error {
        Error::Store(error)
    }
}

/// Why a folder cannot be the one a build replaces.
#[derive(Debug, thiserror::Error)]
pub enum FolderClash {
    #[error(
        "the output folder {} holds the site itself, and building replaces the output folder",
        .0.display()
    )]
    HoldsTheSite(PathBuf),
    #[error("the output folder {} is inside the site's {}/ folder", .0.display(), .1)]
    InsideTheSite(PathBuf, &'static str),
    #[error(
        "the output folder {} is the root of the file system, and building replaces the output folder",
        .0.display()
    )]
    TheRoot(PathBuf),
    #[error(
        "the output folder {} holds your home folder, and building replaces the output folder",
        .0.display()
    )]
    HoldsTheHome(PathBuf),
    #[error(
        "the output folder {} holds the submissions database {} ([submissions] database in site.toml), and everything in the output folder is published",
        .0.display(),
        .1.display()
    )]
    HoldsTheDatabase(PathBuf, PathBuf),
}

impl Error {
    /// The process's exit status for this failure.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.status())
    }

    fn status(&self) -> u8 {
        use Error::*;
        match self {
            Diagnostics(_)
            | Located(_)
            | BuildFailed { .. }
            | CheckFailed
            | Init(_)
            | NewPage(_)
            | NothingImported
            | RecentSubmissions { .. }
            | TrustProxy(_)
            | SiteHasErrors
            | NoForms => 1,
            Said(why) if why.is_input() => 1,
            _ => 2,
        }
    }

    /// Prints the error to stderr, as every command's failure is printed.
    pub fn print(&self) {
        match self {
            // A blank line after each, as a build prints them.
            Error::Diagnostics(diags) => report(diags),
            Error::CheckFailed => {}
            other => errln!("{other}"),
        }
    }
}

/// Prints every diagnostic to stderr, a blank line between them.
pub fn report(diags: &Diagnostics) {
    for d in diags.iter() {
        errln!("{d}\n");
    }
}

fn list(diags: &Diagnostics) -> String {
    let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
    shown.join("\n\n")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_at_fault_exits_1_and_the_environment_2() {
        assert_eq!(Error::NoForms.status(), 1);
        assert_eq!(
            Error::BuildFailed {
                errors: 1,
                output: "public".into()
            }
            .status(),
            1
        );
        assert_eq!(Error::NoToken.status(), 2);
        assert_eq!(Error::NoLiveToken { id: 3 }.status(), 2);
    }

    #[test]
    fn an_areas_error_reads_with_its_own_help_through_the_one_printer() {
        let why = crate::config::proxy::TrustProxy::True
            .check_bind("0.0.0.0".parse().unwrap())
            .unwrap_err();
        let shown = Error::TrustProxy(why).to_string();
        assert!(
            shown.starts_with("error: site.toml: [submissions] trust_proxy = true trusted"),
            "{shown}"
        );
        assert!(
            shown.ends_with(
                "\n   = help: name your proxy's addresses instead, like trust_proxy = [\"10.0.0.5\"] (a proxy on this machine is trusted by default; false trusts none)"
            ),
            "{shown}"
        );
        assert_eq!(shown.matches("error: ").count(), 1, "{shown}");
        // Pull is the form server's (the `forms-server` feature).
        #[cfg(feature = "forms-server")]
        {
            let why = crate::forms::pull::PullError::TokenRefused {
                url: "https://forms.example.org/forms/_pull".into(),
            };
            assert_eq!(
                Error::Pull(why).to_string(),
                "error: https://forms.example.org/forms/_pull does not accept this token (mistyped, or revoked)\n   = help: on the server, `praxis forms token` makes a new one"
            );
        }
    }

    #[test]
    fn an_error_reads_with_its_help() {
        let e = Error::OutputFolder {
            clash: FolderClash::InsideTheSite("site/content/out".into(), "content"),
            bundle: true,
        };
        assert_eq!(
            e.to_string(),
            "error: the output folder site/content/out is inside the site's content/ folder\n   = help: choose a folder of its own for the bundle, like endpoint/"
        );
        assert_eq!(
            Error::NoSuchSubmission { ids: vec![4, 7] }.to_string(),
            "error: no submission #4, #7 here (see `praxis forms list`)"
        );
        assert_eq!(
            Error::BuildFailed {
                errors: 2,
                output: "public".into()
            }
            .to_string(),
            "build failed with 2 errors; public was left as it was"
        );
    }
}
