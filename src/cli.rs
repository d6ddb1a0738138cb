//! The command line: argument parsing and dispatch to the commands.

mod help_files;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands;
pub use crate::commands::build::BuildArgs;
pub use crate::commands::check::{CheckArgs, Format};
pub use crate::commands::forms::FormsArgs;
#[cfg(feature = "forms-server")]
pub use crate::commands::forms::{ExportFormat, FormsCommand};
use crate::error::Error;
#[cfg(any(not(feature = "serve"), not(feature = "wordpress")))]
use crate::features::Feature;

/// What `praxis --version` prints after the name: the version and the
/// commit the binary was built from (`build.rs`), so that a binary from
/// an archive or a package names its source.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("PRAXIS_COMMIT"),
    ")"
);

#[derive(Debug, Parser)]
#[command(
    name = "praxis",
    version = VERSION,
    about = "Builds the bilingual website of a practice from Markdown articles"
)]
pub struct Cli {
    /// The site's folder (the one holding site.toml)
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --output)
    Build(BuildArgs),
    /// Report every error, and missing or out-of-date translations
    Check(CheckArgs),
    /// Serve the site locally; with --watch, rebuild and reload on every save
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Write, translate and keep the site in the browser (the desk)
    #[cfg(feature = "serve")]
    Desk(crate::commands::desk::DeskArgs),
    /// Without the `serve` feature: the error that says so
    #[cfg(not(feature = "serve"))]
    #[command(hide = true)]
    Serve(LeftOut),
    /// Without the `serve` feature: the error that says so
    #[cfg(not(feature = "serve"))]
    #[command(hide = true)]
    Desk(LeftOut),
    /// Send the site (or the form endpoint) to its host: only what changed
    Publish(crate::commands::publish::PublishArgs),
    /// Answer the site's forms in production, and read what they received
    Forms(FormsArgs),
    /// Start a new bilingual site in DIR (which must be empty or absent)
    Init {
        #[arg(value_name = "DIR")]
        dir: std::path::PathBuf,
    },
    /// Add a page: content/KEY/LANG.md for every language, as drafts
    New {
        /// The page's folder under content/, like articles/een-stap
        #[arg(value_name = "KEY")]
        key: String,
        /// A title: `--title fr="Le mentorat"` for one language, a bare
        /// `--title "Mentorschap"` for the default one; repeat per language.
        /// The slug is made from it, accents folded. A language without a
        /// title gets a placeholder that `praxis check` reports.
        #[arg(long, value_name = "[LANG=]TITLE")]
        title: Vec<String>,
    },
    /// Bring content over from another system
    Import(ImportArgs),
    /// Print the completion script for SHELL (bash, zsh, fish, powershell, elvish)
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Write praxis's man pages (praxis.1 and one per subcommand) into DIR;
    /// for packaging (scripts/release.sh), hence hidden
    #[command(hide = true)]
    Manuals {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// A WordPress export (Tools → Export → All content), with Polylang or WPML translations
    #[cfg(feature = "wordpress")]
    Wordpress(commands::authoring::WordpressArgs),
    /// A WordPress export (this praxis was built without the `wordpress` feature)
    #[cfg(not(feature = "wordpress"))]
    Wordpress(LeftOut),
}

/// The arguments of a command this praxis was built without, whatever they are.
#[cfg(any(not(feature = "serve"), not(feature = "wordpress")))]
#[derive(Debug, Args)]
pub struct LeftOut {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

#[cfg(feature = "serve")]
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Rebuild on every save and reload the pages open in the browser
    #[arg(long)]
    pub watch: bool,
    /// The address to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port to listen on (0 picks a free one)
    #[arg(long, value_name = "N", default_value_t = 1111)]
    pub port: u16,
    /// Include pages marked draft = true
    #[arg(long)]
    pub drafts: bool,
}

/// Runs the command line; `main` prints the error, if any.
pub fn run() -> Result<(), Error> {
    let cli = Cli::parse();
    match &cli.command {
        Command::Build(args) => commands::build::run(&cli.root, args),
        Command::Check(args) => commands::check::run(&cli.root, args),
        Command::Forms(args) => commands::forms::run(&cli.root, args),
        Command::Publish(args) => commands::publish::run(&cli.root, args),
        #[cfg(feature = "serve")]
        Command::Desk(args) => commands::desk::run(&cli.root, args),
        #[cfg(not(feature = "serve"))]
        Command::Serve(_) => Err(left_out(
            Feature::Serve,
            "`praxis serve` needs the preview server",
        )),
        #[cfg(not(feature = "serve"))]
        Command::Desk(_) => Err(left_out(
            Feature::Serve,
            "`praxis desk` needs the preview server",
        )),
        Command::Init { dir } => commands::authoring::init(dir),
        Command::New { key, title } => commands::authoring::new(&cli.root, key, title),
        Command::Completions { shell } => help_files::completions(*shell),
        Command::Manuals { dir } => help_files::man_pages(dir),
        #[cfg(feature = "wordpress")]
        Command::Import(ImportArgs {
            source: ImportSource::Wordpress(args),
        }) => commands::authoring::import_wordpress(&cli.root, args),
        #[cfg(not(feature = "wordpress"))]
        Command::Import(_) => Err(left_out(
            Feature::Wordpress,
            "`praxis import wordpress` needs the WordPress import",
        )),
        #[cfg(feature = "serve")]
        Command::Serve(args) => crate::serve::run(
            &cli.root,
            &crate::serve::ServeOptions {
                bind: args.bind,
                port: args.port,
                watch: args.watch,
                drafts: args.drafts,
                keyed: None,
            },
        ),
    }
}

/// The error of a command this praxis was built without (`serve`,
/// `import wordpress`).
#[cfg(any(not(feature = "serve"), not(feature = "wordpress")))]
fn left_out(feature: Feature, what: &str) -> Error {
    Error::Located(crate::features::missing(feature, what))
}
