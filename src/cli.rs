//! The command line: argument parsing and dispatch to the commands.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands;
use crate::error::Error;

#[derive(Debug, Parser)]
#[command(
    name = "praxis",
    version,
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
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// A WordPress export (Tools → Export → All content), with Polylang or WPML translations
    Wordpress {
        #[arg(value_name = "EXPORT.xml")]
        export: std::path::PathBuf,
        /// The site to import into [default: --root]
        #[arg(long, value_name = "DIR")]
        into: Option<std::path::PathBuf>,
        /// A copy of wp-content/uploads: the images posts use are copied beside them
        #[arg(long, value_name = "DIR")]
        uploads: Option<std::path::PathBuf>,
        /// The site language of posts the export does not label (WordPress says `en` by default)
        #[arg(long, value_name = "CODE")]
        language: Option<String>,
        /// Write the comments to FILE (JSON, outside content/: never published)
        #[arg(long, value_name = "FILE")]
        comments: Option<std::path::PathBuf>,
        /// Print what would happen, write nothing
        #[arg(long)]
        dry_run: bool,
        /// Do not turn categories into tags
        #[arg(long)]
        no_categories: bool,
    },
}

#[derive(Debug, Args)]
pub struct FormsArgs {
    #[command(subcommand)]
    pub command: FormsCommand,
}

#[derive(Debug, Subcommand)]
pub enum FormsCommand {
    /// Answer POST /forms/NAME, behind a reverse proxy (see the README)
    #[cfg(feature = "serve")]
    Serve {
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[arg(long, value_name = "N", default_value_t = 8090)]
        port: u16,
        /// Run from an endpoint bundle (`praxis build --endpoint-bundle`) instead of the site's folder
        #[arg(long, value_name = "DIR")]
        bundle: Option<std::path::PathBuf>,
    },
    /// Print every submission, decrypted
    List {
        /// The practitioner's private key [default: `identity` under `[submissions]` in site.toml]
        #[arg(long, value_name = "FILE")]
        identity: Option<std::path::PathBuf>,
        /// Only this form's submissions
        #[arg(long, value_name = "NAME")]
        form: Option<String>,
    },
    /// Write every submission as CSV or JSON
    Export {
        #[arg(long, value_name = "FILE")]
        identity: Option<std::path::PathBuf>,
        #[arg(long, value_name = "NAME")]
        form: Option<String>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Write to FILE instead of standard output
        #[arg(long, short, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
    },
    /// Delete submissions older than an age such as 90d, 12w or 48h
    Purge {
        #[arg(long, value_name = "AGE")]
        older_than: String,
        /// Delete even submissions received less than a day ago
        #[arg(long)]
        yes: bool,
    },
    /// On the server: make a token for `forms pull` (or list or revoke them)
    Token {
        /// What the token is for, to recognise it in the list
        #[arg(long, value_name = "TEXT", default_value = "pull")]
        label: String,
        /// List the tokens instead (never their secrets)
        #[arg(long, conflicts_with = "revoke")]
        list: bool,
        /// Revoke the token with this number instead
        #[arg(long, value_name = "N")]
        revoke: Option<i64>,
    },
    /// On your own machine: fetch new submissions from the server, keep them
    /// here, then delete them there
    Pull {
        /// The endpoint's address, e.g. https://forms.example.org
        #[arg(long, value_name = "URL")]
        from: String,
        /// A file holding the token [default: the PRAXIS_FORMS_TOKEN environment variable]
        #[arg(long, value_name = "FILE")]
        token_file: Option<std::path::PathBuf>,
    },
    /// Delete submissions here by number (as `list` shows them)
    Delete {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<i64>,
    },
    /// Read, mark done, delete and export submissions in a page on this machine
    #[cfg(feature = "serve")]
    Inbox {
        #[arg(long, value_name = "N", default_value_t = 8091)]
        port: u16,
        #[arg(long, value_name = "FILE")]
        identity: Option<std::path::PathBuf>,
        /// The page's language [default: the site's default language]
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
    },
    /// Make a key pair: the private key to FILE, the public key for site.toml
    Keygen {
        #[arg(long, short, value_name = "FILE")]
        output: std::path::PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
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

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// How to print the report
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Take the page KEY's versions as agreeing as they are now (after a
    /// change that needs no translation, like a typo fix)
    #[arg(long, value_name = "KEY")]
    pub accept: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the site [default: ROOT/public]
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include pages marked draft = true
    #[arg(long)]
    pub drafts: bool,
    /// The address the site is published at, replacing base_url from site.toml
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Also write what `praxis forms serve --bundle DIR` needs on a server
    #[arg(long, value_name = "DIR")]
    pub endpoint_bundle: Option<PathBuf>,
}

/// Runs the command line; `main` prints the error, if any.
pub fn run() -> Result<(), Error> {
    let cli = Cli::parse();
    match &cli.command {
        Command::Build(args) => commands::build::run(&cli.root, args),
        Command::Check(args) => commands::check::run(&cli.root, args),
        Command::Forms(args) => commands::forms::run(&cli.root, args),
        Command::Init { dir } => commands::authoring::init(dir),
        Command::New { key, title } => commands::authoring::new(&cli.root, key, title),
        Command::Import(ImportArgs {
            source:
                ImportSource::Wordpress {
                    export,
                    into,
                    uploads,
                    language,
                    comments,
                    dry_run,
                    no_categories,
                },
        }) => commands::authoring::import_wordpress(&crate::authoring::wordpress::Options {
            export: export.clone(),
            root: into.clone().unwrap_or_else(|| cli.root.clone()),
            uploads: uploads.clone(),
            language: language.clone(),
            comments: comments.clone(),
            dry_run: *dry_run,
            no_categories: *no_categories,
        }),
        #[cfg(feature = "serve")]
        Command::Serve(args) => crate::serve::run(
            &cli.root,
            &crate::serve::ServeOptions {
                bind: args.bind,
                port: args.port,
                watch: args.watch,
                drafts: args.drafts,
            },
        ),
    }
}
