//! `praxis forms …`: the endpoint in production, and the practitioner's
//! side: reading, exporting and deleting submissions.

use std::io::Write;
use std::path::Path;

use jiff::{SignedDuration, Timestamp};

use super::Error;
use crate::config::Config;
use crate::forms::endpoint::database_path;
use crate::forms::pull::Token;
use crate::forms::store::{Store, Submission, decrypt, read_identity};
use crate::secrets::kept::Kept;
use clap::{Args, Subcommand};

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
        /// The endpoint's address, e.g. https://forms.example.org, remembered for next time [default: `endpoint` under `[submissions]` in site.toml, else the one given last time, else the site's own address]
        #[arg(long, value_name = "URL")]
        from: Option<String>,
        /// A file holding the token [default: the PRAXIS_FORMS_TOKEN environment variable, else the token kept on this machine, else it is asked for and then kept]
        #[arg(long, value_name = "FILE")]
        token_file: Option<std::path::PathBuf>,
    },
    /// Delete submissions here by number (as `list` shows them)
    Delete {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<i64>,
    },
    /// Fetch, read, mark done, delete and export submissions in a page on this machine, opened in your browser
    #[cfg(feature = "serve")]
    Inbox {
        #[arg(long, value_name = "N", default_value_t = 8091)]
        port: u16,
        #[arg(long, value_name = "FILE")]
        identity: Option<std::path::PathBuf>,
        /// The page's language: nl, fr or en [default: the site's default language, else en]
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// Do not open a browser (print the address only)
        #[arg(long)]
        no_open: bool,
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

pub fn run(root: &Path, args: &FormsArgs) -> Result<(), Error> {
    match &args.command {
        #[cfg(feature = "serve")]
        FormsCommand::Serve { bind, port, bundle } => {
            let root = match bundle {
                Some(dir) => {
                    if !dir.join(crate::forms::bundle::MARKER).is_file() {
                        return Err(Error::NotABundle { dir: dir.clone() });
                    }
                    dir.as_path()
                }
                None => root,
            };
            crate::serve::forms_only::run(root, *bind, *port)
        }
        FormsCommand::List { identity, form } => list(root, identity.as_deref(), form.as_deref()),
        FormsCommand::Export {
            identity,
            form,
            format,
            output,
        } => export(
            root,
            identity.as_deref(),
            form.as_deref(),
            *format,
            output.as_deref(),
        ),
        FormsCommand::Purge { older_than, yes } => purge(root, older_than, *yes),
        FormsCommand::Keygen { output } => keygen(output),
        FormsCommand::Token {
            label,
            list,
            revoke,
        } => token(root, label, *list, *revoke),
        FormsCommand::Pull { from, token_file } => {
            pull(root, from.as_deref(), token_file.as_deref())
        }
        FormsCommand::Delete { ids } => delete(root, ids),
        #[cfg(feature = "serve")]
        FormsCommand::Inbox {
            port,
            identity,
            lang,
            no_open,
        } => {
            let config = load_config(root)?;
            let identity = identity_for(root, &config, identity.as_deref())?;
            crate::serve::inbox::run(root, config, identity, lang.as_deref(), *port, !no_open)
        }
    }
}

/// `forms list`: every submission, decrypted, as text.
fn list(root: &Path, identity: Option<&Path>, form: Option<&str>) -> Result<(), Error> {
    let submissions = read_all(root, identity, form)?;
    if submissions.is_empty() {
        outln!("no submissions");
    }
    for s in &submissions {
        let consent = s
            .consent_at
            .as_deref()
            .map(|c| format!(", consent given {c}"))
            .unwrap_or_default();
        outln!(
            "#{} {} ({}) received {}{consent}",
            s.id,
            s.form,
            s.lang.as_deref().unwrap_or("?"),
            s.received_at
        );
        for (name, value) in &s.fields {
            let value = value.replace('\n', "\n      ");
            outln!("    {name}: {value}");
        }
        outln!();
    }
    Ok(())
}

/// `forms export`: every submission, decrypted, as JSON or CSV, to a file
/// or the standard output.
fn export(
    root: &Path,
    identity: Option<&Path>,
    form: Option<&str>,
    format: ExportFormat,
    output: Option<&Path>,
) -> Result<(), Error> {
    let submissions = read_all(root, identity, form)?;
    let text = match format {
        ExportFormat::Json => {
            serde_json::to_string_pretty(&submissions).map_err(|e| Error::Export(e.into()))?
        }
        ExportFormat::Csv => {
            crate::forms::export::to_csv(&submissions).map_err(|e| Error::Export(e.into()))?
        }
    };
    match output {
        Some(path) => std::fs::write(path, text).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })?,
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(Error::Output)?,
    }
    Ok(())
}

/// Deletes what is older than `older_than`; what arrived less than a day
/// ago only with `--yes`, since that is what a typo (`0d` for `90d`) would
/// take, and it may not have been read yet.
fn purge(root: &Path, older_than: &str, yes: bool) -> Result<(), Error> {
    let age = parse_age(older_than).ok_or_else(|| Error::NotAnAge {
        text: older_than.to_owned(),
    })?;
    let store = open_store(root)?;
    let now = Timestamp::now();
    let cutoff = now.checked_sub(age).unwrap_or(Timestamp::MIN);
    let day_ago = now - SignedDuration::from_hours(24);
    if !yes && cutoff > day_ago {
        let recent = store.count_between(day_ago, cutoff)?;
        if recent > 0 {
            return Err(Error::RecentSubmissions {
                older_than: older_than.to_owned(),
                count: recent,
            });
        }
    }
    let deleted = store.purge_before(cutoff)?;
    outln!(
        "deleted {deleted} submission{} received before {cutoff}",
        plural(deleted)
    );
    Ok(())
}

/// `forms token`, on the server.
fn token(root: &Path, label: &str, list: bool, revoke: Option<i64>) -> Result<(), Error> {
    let (config, store) = open_or_create(root)?;
    let now = Timestamp::now();
    if list {
        let tokens = store.tokens()?;
        if tokens.is_empty() {
            outln!("no tokens");
        }
        for t in tokens {
            let state = match (&t.revoked_at, &t.last_used_at) {
                (Some(at), _) => format!("revoked {at}"),
                (None, Some(at)) => format!("last used {at}"),
                (None, None) => "never used".to_owned(),
            };
            outln!("#{} {} (made {}, {state})", t.id, t.label, t.created_at);
        }
        return Ok(());
    }
    if let Some(id) = revoke {
        return if store.revoke_token(id, now)? {
            outln!("token #{id} revoked: it pulls nothing any more");
            Ok(())
        } else {
            Err(Error::NoLiveToken { id })
        };
    }
    let (id, secret) = store.add_token(label, now)?;
    // The address her machine reaches this endpoint at: the one site.toml
    // names, else the site's own (a reverse proxy sends /forms/ here).
    let from = config
        .submissions
        .endpoint
        .clone()
        .unwrap_or_else(|| config.origin.clone());
    errln!(
        "token #{id} ({label}) made; it is shown this once, and only its hash is kept here.
On your own computer, in the site's folder, run
    praxis forms pull --from {from}
and paste the token when it asks. It is then kept there, readable only by you:
from then on `praxis forms pull`, or \"fetch new\" in the desk's messages, is enough."
    );
    outln!("{secret}");
    Ok(())
}

/// `forms pull`, on the practitioner's machine.
fn pull(root: &Path, from: Option<&str>, token_file: Option<&Path>) -> Result<(), Error> {
    let config = load_config(root)?;
    let kept = Kept::mine().map_err(|e| Error::Pull(e.into()))?;
    let site = crate::forms::pull::Site::new(root, &config, from, kept).map_err(Error::Pull)?;
    let token = match token_file {
        Some(path) => {
            Token::Given(
                std::fs::read_to_string(path).map_err(|source| Error::ReadToken {
                    path: path.to_path_buf(),
                    source,
                })?,
            )
        }
        None => match std::env::var("PRAXIS_FORMS_TOKEN") {
            Ok(token) => Token::Given(token),
            Err(_) => match site.kept_token().map_err(Error::Pull)? {
                Some(token) => Token::Kept(token),
                None => Token::New(ask_token(site.remote().origin())?),
            },
        },
    };
    let (config, store) = open_or_create_with(root, config)?;
    let pulled = site.pull(&store, &token).map_err(Error::Pull)?;
    let kept_before = if pulled.new < pulled.fetched {
        format!(
            " ({} kept here by an earlier pull)",
            pulled.fetched - pulled.new
        )
    } else {
        String::new()
    };
    outln!(
        "{} new submission{} kept here{kept_before}; {} deleted on the server",
        pulled.new,
        plural(pulled.new),
        pulled.deleted
    );
    if let Token::New(_) = token {
        outln!(
            "the token is kept in {}, readable only by you: from now on, `praxis forms pull` is enough",
            site.token_path().display()
        );
    }
    enforce_retention(&config, &store)
}

/// The token, typed or pasted once: asked for on a terminal, else read
/// from the standard input (`praxis forms pull < FILE`).
fn ask_token(origin: &str) -> Result<String, Error> {
    use std::io::{BufRead, IsTerminal};
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("the token for {origin} (`praxis forms token` on the server shows it): ");
        let _ = std::io::stderr().flush();
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .map_err(|_| Error::NoToken)?;
    let token = line.trim();
    if token.is_empty() {
        return Err(Error::NoToken);
    }
    Ok(token.to_owned())
}

/// `forms delete ID…`, here.
fn delete(root: &Path, ids: &[i64]) -> Result<(), Error> {
    let (_, store) = open_local(root)?;
    let missing = store.delete(ids)?;
    let deleted = ids.len() - missing.len();
    outln!("deleted {deleted} submission{}", plural(deleted));
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::NoSuchSubmission { ids: missing })
    }
}

/// What is older than `retention_days` goes, here as on the server: the
/// privacy notice promises it.
fn enforce_retention(config: &Config, store: &Store) -> Result<(), Error> {
    let cutoff = config.submissions.retention_cutoff(Timestamp::now());
    let purged = store.retain_since(cutoff)?;
    if purged > 0 {
        outln!(
            "deleted {purged} submission{} older than {} days ([submissions] retention_days)",
            plural(purged),
            config.submissions.retention_days
        );
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn load_config(root: &Path) -> Result<Config, Error> {
    Config::load(root).map_err(Error::Diagnostics)
}

/// The database, made if it is not there yet (a token or a first pull).
fn open_or_create(root: &Path) -> Result<(Config, Store), Error> {
    open_or_create_with(root, load_config(root)?)
}

fn open_or_create_with(root: &Path, config: Config) -> Result<(Config, Store), Error> {
    let path = database_path(root, &config.submissions).map_err(Error::Database)?;
    let store = Store::open(&path)?;
    Ok((config, store))
}

/// The database here, with what is past retention gone.
fn open_local(root: &Path) -> Result<(Config, Store), Error> {
    let config = load_config(root)?;
    let store = existing_store(root, &config)?;
    enforce_retention(&config, &store)?;
    Ok((config, store))
}

fn open_store(root: &Path) -> Result<Store, Error> {
    existing_store(root, &load_config(root)?)
}

/// The database, which must exist: reading never makes an empty one.
fn existing_store(root: &Path, config: &Config) -> Result<Store, Error> {
    let path = database_path(root, &config.submissions).map_err(Error::Database)?;
    if !path.exists() {
        return Err(Error::NoDatabase { path });
    }
    Ok(Store::open(&path)?)
}

/// Every submission, decrypted with the private key.
fn read_all(
    root: &Path,
    identity: Option<&Path>,
    form: Option<&str>,
) -> Result<Vec<Submission>, Error> {
    let (config, store) = open_local(root)?;
    let identity = identity_for(root, &config, identity)?;
    let rows = store.rows(form)?;
    rows.iter()
        .map(|row| Ok(decrypt(row, &identity)?))
        .collect()
}

/// The practitioner's private key: `--identity`, else the demo's in site.toml.
fn identity_for(
    root: &Path,
    config: &Config,
    identity: Option<&Path>,
) -> Result<age::x25519::Identity, Error> {
    let key_file = match (identity, &config.submissions.identity) {
        (Some(path), _) => path.to_path_buf(),
        (None, Some(path)) => root.join(path),
        (None, None) => return Err(Error::NoIdentity),
    };
    Ok(read_identity(&key_file)?)
}

/// `90d`, `12w`, `48h` into a duration.
fn parse_age(text: &str) -> Option<SignedDuration> {
    let text = text.trim();
    let unit = text.chars().last()?;
    let n: i64 = text[..text.len() - unit.len_utf8()].parse().ok()?;
    let hours = match unit {
        'h' => n,
        'd' => n * 24,
        'w' => n * 24 * 7,
        _ => return None,
    };
    (n >= 0).then(|| SignedDuration::from_hours(hours))
}

/// A new key pair: the private key to a file only its owner can read, the
/// public key to put in site.toml.
fn keygen(output: &Path) -> Result<(), Error> {
    if output.exists() {
        return Err(Error::KeyExists {
            path: output.to_path_buf(),
        });
    }
    let identity = age::x25519::Identity::generate();
    let public = identity.to_public();
    use age::secrecy::ExposeSecret;
    let text = format!(
        "# praxis forms private key, created {}\n# public key: {public}\n# Keep this file off the server; `praxis forms list --identity {}` reads with it.\n{}\n",
        Timestamp::now(),
        output.display(),
        identity.to_string().expose_secret()
    );
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(output).map_err(|source| Error::Write {
        path: output.to_path_buf(),
        source,
    })?;
    file.write_all(text.as_bytes()).map_err(Error::Output)?;
    outln!(
        "private key written to {} (keep it off the server)",
        output.display()
    );
    outln!("put the public key in site.toml:\n\n[submissions]\npublic_key = \"{public}\"");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        assert_eq!(parse_age("90d"), Some(SignedDuration::from_hours(90 * 24)));
        assert_eq!(parse_age("2w"), Some(SignedDuration::from_hours(14 * 24)));
        assert_eq!(parse_age("ninety"), None);
    }
}
