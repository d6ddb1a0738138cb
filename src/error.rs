//! Why a command failed: the one error type at the command boundary.
//!
//! Each variant carries what it is about (a folder, an address, a token's
//! number) and knows how it reads and which exit status it means, so that
//! `main` prints every failure the same way: 1 when the input is at fault
//! (a site with errors, a mistyped argument a person must correct), 2 when
//! the command could not do its work for another reason (an unwritable
//! folder, a port in use, a database that will not open).
//!
//! Problems inside a build are not errors of this kind: they are located
//! [`Diagnostic`]s, collected across the run ([`crate::diagnostics`]); a
//! command that fails because of them returns [`Error::Diagnostics`] or, when
//! it has printed them already with a summary, [`Error::BuildFailed`] or
//! [`Error::CheckFailed`].

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::forms::store::StoreError;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Located problems, such as a site.toml that does not load.
    #[error("{}", list(.0))]
    Diagnostics(Diagnostics),
    /// A located problem that is the whole story (an import that cannot start).
    #[error("{0}")]
    Located(Diagnostic),
    /// The build's diagnostics are printed; this is their summary.
    #[error(
        "build failed with {errors} error{}; {} was left as it was",
        plural(*errors),
        output.display()
    )]
    BuildFailed { errors: usize, output: PathBuf },
    /// `praxis check` printed its report (as text or JSON), which says it all.
    #[error("")]
    CheckFailed,

    // `praxis build`
    #[error(
        "error: {clash}\n   = help: {}",
        if *bundle { "choose a folder of its own for the bundle, like endpoint/" }
        else { "choose an output folder of its own, like public/" }
    )]
    OutputFolder { clash: FolderClash, bundle: bool },
    #[error(
        "error: cannot clean up after an interrupted build beside {}: {source}\n   = help: check that the folder is writable",
        output.display()
    )]
    Repair {
        output: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "error: cannot write the site to {}: {source}\n   = help: check that the folder is writable and the disk has room; the previous site was left as it was",
        output.display()
    )]
    WriteSite {
        output: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "error: the endpoint bundle cannot go in the site's own output folder, nor hold it\n   = help: choose a folder of its own, like endpoint/"
    )]
    BundleInOutput,
    /// An output folder that is not praxis's to replace, or files of
    /// someone else's where the new site would write.
    #[error("error: {0}")]
    NotOurs(crate::output::NotOurs),
    #[error(
        "error: cannot write the endpoint bundle to {}: {source}\n   = help: check that the folder is writable",
        dir.display()
    )]
    WriteBundle {
        dir: PathBuf,
        source: std::io::Error,
    },

    // `praxis init`, `new`, `import`
    /// Why `praxis init` made no site.
    #[error("error: {0}")]
    Init(String),
    /// Why `praxis new` made no page.
    #[error("error: {0}")]
    NewPage(String),
    #[error(
        "error: nothing was imported: no post or page of the export is in one of this site's languages; the report above says why, item by item (usually: pass --language CODE)"
    )]
    NothingImported,

    // `praxis forms …`
    #[error(
        "error: {} is not an endpoint bundle (it has no {})\n   = help: make one with `praxis build --endpoint-bundle DIR` and copy that folder",
        dir.display(),
        crate::forms::bundle::MARKER
    )]
    NotABundle { dir: PathBuf },
    /// The submissions store, a key or a submission that cannot be read.
    #[error("error: {0}")]
    Store(StoreError),
    /// Where site.toml puts the database, when that is not a place for it.
    #[error("error: {0}")]
    Database(String),
    #[error(
        "error: there is no database at {} yet: no form was ever submitted",
        path.display()
    )]
    NoDatabase { path: PathBuf },
    #[error(
        "error: pass your private key with --identity FILE (the file `praxis forms keygen` wrote; keep it on your own machine, never on the server)"
    )]
    NoIdentity,
    #[error("error: cannot write {format}: {why}")]
    Export { format: &'static str, why: String },
    #[error("error: cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Standard output, or a file already open, refused what was written.
    #[error("error: {0}")]
    Output(std::io::Error),
    #[error("error: `{text}` is not an age like 90d, 12w or 48h")]
    NotAnAge { text: String },
    #[error(
        "error: --older-than {older_than} would delete {count} submission{} received in the last day, which may not have been read yet\n   = help: add --yes if that is what you mean",
        plural(*count)
    )]
    RecentSubmissions { older_than: String, count: usize },
    #[error("error: there is no live token #{id} (see `praxis forms token --list`)")]
    NoLiveToken { id: i64 },
    #[error("error: cannot read the token {}: {source}", path.display())]
    ReadToken {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "error: pass the token with --token-file FILE (or PRAXIS_FORMS_TOKEN); `praxis forms token` on the server makes one"
    )]
    NoToken,
    /// Why `forms pull` could not reach the server or understand it.
    #[error("error: {0}")]
    Pull(String),
    #[error(
        "error: no submission {} here (see `praxis forms list`)",
        ids.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(", ")
    )]
    NoSuchSubmission { ids: Vec<i64> },
    #[error(
        "error: {} already exists; keygen never overwrites a key",
        path.display()
    )]
    KeyExists { path: PathBuf },

    // The servers: `praxis serve`, `forms serve`, `forms inbox`
    /// A server listening beyond this machine while trusting any client's address.
    #[error("error: site.toml: {0}")]
    TrustProxy(String),
    #[error("the site has errors: fix them before answering its forms")]
    SiteHasErrors,
    #[error(
        "error: site.toml declares no forms\n   = help: declare them under [forms.NAME] (see the README)"
    )]
    NoForms,
    /// Why the form endpoint cannot take submissions.
    #[error("error: {0}")]
    FormsUnavailable(String),
    #[error("error: cannot start the server: {0}")]
    Runtime(std::io::Error),
    #[error("error: cannot open the site folder {}: {source}", root.display())]
    SiteFolder {
        root: PathBuf,
        source: std::io::Error,
    },
    #[error("error: cannot make the translator view's token: {0}")]
    ViewToken(std::io::Error),
    #[error(
        "error: cannot watch the site's files: {0}\n   = help: serve without --watch, or raise the system's limit of watched files"
    )]
    Watch(String),
    #[error(
        "error: port {} is already in use on {}\n   = help: is another praxis server running? stop it, or pick another port with --port",
        address.port(),
        address.ip()
    )]
    PortInUse { address: SocketAddr },
    #[error("error: cannot listen on {address}: {source}\n   = help: check --bind and --port")]
    Listen {
        address: SocketAddr,
        source: std::io::Error,
    },
    /// Why the inbox cannot start (its language, its secrets).
    #[error("error: {0}")]
    Inbox(String),
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
