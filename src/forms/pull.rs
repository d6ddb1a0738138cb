//! `praxis forms pull`: the practitioner's machine fetches new submissions
//! from the server, stores them durably in its own database, and only then
//! tells the server to delete them (see `store::transfer`).
//!
//! She names the endpoint and gives the token once ([`Site`]): the token
//! is kept on her machine, readable by her only, and the endpoint she
//! named with `--from` is remembered for the site, so that afterwards a
//! bare `praxis forms pull` — or "fetch new" in the desk — is enough.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::store::{Row, Store, StoreError};
use super::transfer::{ACK_PATH, BATCH_PATH, Batch, Damaged, Deleted, Receipt, Receipts};
use crate::config::Config;
use crate::diagnostics::Help;
use crate::secrets::kept::{Entry, Kept, KeptError};

/// Why `praxis forms pull` could not reach the server, be trusted by it, or
/// understand it.
#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error("`{url}` is not a URL like https://forms.example.org")]
    NotAUrl { url: String },
    #[error(
        "`{url}` is not encrypted: the token and the submissions would cross the network readable to {host}"
    )]
    NotEncrypted {
        url: String,
        host: String,
        /// `:8090`, or nothing for the default port.
        port: String,
    },
    #[error("`{url}` is not an http(s) URL")]
    NotHttp { url: String },
    #[error("`{url}` is not the endpoint's address, like https://forms.example.org")]
    NotAnOrigin { url: String },
    #[error("cannot reach {url}: {source}")]
    Unreachable { url: String, source: ureq::Error },
    #[error("{url} did not answer a batch of submissions: {source}")]
    NotABatch { url: String, source: ureq::Error },
    #[error(transparent)]
    Damaged(#[from] Damaged),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("stored {count} here, but cannot tell {url}: {source}")]
    NotTold {
        count: usize,
        url: String,
        source: ureq::Error,
    },
    #[error("{url} did not say what it deleted: {source}")]
    NoDeletion { url: String, source: ureq::Error },
    #[error(
        "{url} kept every submission it was told were stored; stopping rather than fetching them again"
    )]
    KeptEverything { url: String },
    #[error("{url} does not accept this token (mistyped, or revoked)")]
    TokenRefused { url: String },
    #[error("{url} refused the request (403)")]
    Forbidden { url: String },
    #[error("{url} is not a praxis form endpoint that can be pulled from (404)")]
    NotAnEndpoint { url: String },
    #[error("{url} answered {status}")]
    Status { url: String, status: u16 },
    #[error(
        "{url} no longer accepts the token kept on this machine (revoked?), so it was forgotten"
    )]
    KeptTokenRefused { url: String },
    #[error(transparent)]
    Kept(#[from] KeptError),
}

impl Help for PullError {
    fn help(&self) -> Option<String> {
        match self {
            PullError::NotEncrypted { host, port, .. } => Some(format!("use https://{host}{port}")),
            PullError::NotTold { .. } => Some("pull again; nothing is lost or kept twice".into()),
            PullError::TokenRefused { .. } => {
                Some("on the server, `praxis forms token` makes a new one".into())
            }
            PullError::NotAnEndpoint { .. } => {
                Some("--from takes the address `praxis forms serve` answers at".into())
            }
            PullError::KeptTokenRefused { .. } => Some(
                "on the server, `praxis forms token` makes a new one; run `praxis forms pull` again and paste it".into(),
            ),
            PullError::Kept(why) => why.advice(),
            _ => None,
        }
    }
}

/// What one pull did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pulled {
    /// Submissions fetched (some may have been stored by an earlier,
    /// interrupted pull).
    pub fetched: usize,
    /// Of those, new here.
    pub new: usize,
    /// Deleted on the server after they were stored here.
    pub deleted: usize,
}

/// The server to pull from: its origin, checked.
pub struct Remote {
    origin: String,
}

impl Remote {
    /// `https://…`, or `http://` to this machine only: a token sent in the
    /// clear over a network can be read and used by anyone on the way.
    /// The host is the one the HTTP client will connect to, read by its
    /// own parser: what comes before an `@` (`http://localhost:1@…`) is a
    /// user name, not where the token goes.
    pub fn new(url: &str) -> Result<Remote, PullError> {
        let origin = url.trim().trim_end_matches('/');
        let url = url.to_owned();
        let parsed = match origin.parse::<ureq::http::Uri>() {
            Ok(parsed) => parsed,
            Err(_) => return Err(PullError::NotAUrl { url }),
        };
        let (Some(scheme), Some(authority)) = (parsed.scheme_str(), parsed.authority()) else {
            return Err(PullError::NotAUrl { url });
        };
        let host = authority.host();
        match scheme {
            "https" => {}
            "http" if crate::config::forms::is_loopback_host(host) => {}
            "http" => {
                let port = authority
                    .port()
                    .map(|p| format!(":{p}"))
                    .unwrap_or_default();
                return Err(PullError::NotEncrypted {
                    url,
                    host: host.to_owned(),
                    port,
                });
            }
            _ => return Err(PullError::NotHttp { url }),
        }
        if host.is_empty()
            || !matches!(parsed.path(), "" | "/")
            || parsed.query().is_some()
            || origin.contains('#')
        {
            return Err(PullError::NotAnOrigin { url });
        }
        Ok(Remote {
            origin: origin.to_owned(),
        })
    }

    /// `https://forms.example.org`.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

/// Where a site on her machine pulls from, and what is kept for it.
pub struct Site {
    root: PathBuf,
    remote: Remote,
    /// She named the endpoint (`--from`), and site.toml does not.
    named: bool,
    kept: Kept,
}

/// The token a pull uses, and where it came from.
pub enum Token {
    /// From a file or the environment she manages herself: not copied.
    Given(String),
    /// Typed or pasted now: kept once the server has taken it.
    New(String),
    /// Kept on this machine by an earlier pull.
    Kept(String),
}

impl Site {
    /// The endpoint of the site in `root`: `from` when she names one, else
    /// `[submissions] endpoint`, else the one she named last time, else the
    /// site's own address (where a reverse proxy sends `/forms/` to the
    /// endpoint).
    pub fn new(
        root: &Path,
        config: &Config,
        from: Option<&str>,
        kept: Kept,
    ) -> Result<Site, PullError> {
        let declared = config.submissions.endpoint.as_deref();
        let (url, named) = match (from, declared) {
            (Some(from), _) => (from.to_owned(), Some(from) != declared),
            (None, Some(declared)) => (declared.to_owned(), false),
            (None, None) => match kept.read(&Entry::pull_from(root))? {
                Some(remembered) => (remembered, false),
                None => (config.origin.clone(), false),
            },
        };
        Ok(Site {
            root: root.to_owned(),
            remote: Remote::new(&url)?,
            named,
            kept,
        })
    }

    pub fn remote(&self) -> &Remote {
        &self.remote
    }

    /// The token kept for this endpoint, if one is.
    pub fn kept_token(&self) -> Result<Option<String>, PullError> {
        Ok(self.kept.read(&Entry::pull_token(&self.remote.origin))?)
    }

    /// Where the token for this endpoint is kept (or would be).
    pub fn token_path(&self) -> PathBuf {
        self.kept.path(&Entry::pull_token(&self.remote.origin))
    }

    /// Pulls into `store` with `token`. A new token is kept once the server
    /// took it (a mistyped one never is); a kept one the server no longer
    /// takes is forgotten, so that the next pull asks for a new one; the
    /// endpoint she named is remembered for this site.
    pub fn pull(&self, store: &Store, token: &Token) -> Result<Pulled, PullError> {
        let secret = match token {
            Token::Given(s) | Token::New(s) | Token::Kept(s) => s.trim(),
        };
        let entry = Entry::pull_token(&self.remote.origin);
        let pulled = match pull(store, &self.remote, secret) {
            Err(PullError::TokenRefused { url }) if matches!(token, Token::Kept(_)) => {
                self.kept.forget(&entry)?;
                return Err(PullError::KeptTokenRefused { url });
            }
            other => other?,
        };
        if let Token::New(_) = token {
            self.kept.write(&entry, secret)?;
        }
        if self.named {
            self.kept
                .write(&Entry::pull_from(&self.root), &self.remote.origin)?;
        }
        Ok(pulled)
    }
}

/// Pulls until the server has nothing more for us.
pub fn pull(store: &Store, remote: &Remote, token: &str) -> Result<Pulled, PullError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .build()
        .into();
    let authorization = format!("Bearer {}", token.trim());
    let mut pulled = Pulled::default();
    loop {
        let url = format!("{}{BATCH_PATH}", remote.origin);
        let mut response = match agent
            .get(&url)
            .header("Authorization", &authorization)
            .call()
        {
            Ok(response) => response,
            Err(source) => return Err(PullError::Unreachable { url, source }),
        };
        refuse_status(&url, response.status().as_u16())?;
        let batch: Batch = match response.body_mut().read_json() {
            Ok(batch) => batch,
            Err(source) => return Err(PullError::NotABatch { url, source }),
        };
        let more = batch.more;
        let rows: Vec<Row> = batch
            .submissions
            .into_iter()
            .map(|s| s.into_row())
            .collect::<Result<_, _>>()?;
        if rows.is_empty() {
            return Ok(pulled);
        }
        pulled.fetched += rows.len();
        pulled.new += store.import(&rows)?;
        crate::faults::die_if("pull-die-after-import");

        let receipts = Receipts {
            stored: rows
                .iter()
                .map(|r| Receipt {
                    id: r.id,
                    digest: r.digest.clone(),
                })
                .collect(),
        };
        let url = format!("{}{ACK_PATH}", remote.origin);
        let mut response = match agent
            .post(&url)
            .header("Authorization", &authorization)
            .send_json(&receipts)
        {
            Ok(response) => response,
            Err(source) => {
                let count = rows.len();
                return Err(PullError::NotTold { count, url, source });
            }
        };
        refuse_status(&url, response.status().as_u16())?;
        let deleted: Deleted = match response.body_mut().read_json() {
            Ok(deleted) => deleted,
            Err(source) => return Err(PullError::NoDeletion { url, source }),
        };
        pulled.deleted += deleted.deleted;
        if !more {
            return Ok(pulled);
        }
        if deleted.deleted == 0 {
            return Err(PullError::KeptEverything { url });
        }
    }
}

fn refuse_status(url: &str, status: u16) -> Result<(), PullError> {
    let url = url.to_owned();
    match status {
        200 => Ok(()),
        401 => Err(PullError::TokenRefused { url }),
        403 => Err(PullError::Forbidden { url }),
        404 => Err(PullError::NotAnEndpoint { url }),
        status => Err(PullError::Status { url, status }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_travel_encrypted_or_stay_on_this_machine() {
        for ok in [
            "https://forms.example.org",
            "https://forms.example.org/",
            "http://127.0.0.1:8090",
            "http://localhost:8090",
            "http://[::1]:8090",
        ] {
            assert!(Remote::new(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://forms.example.org",
            "http://192.168.1.4:8090",
            "http://127.0.0.1.example.org",
            "http://localhost:1@forms.example.org",
            "http://127.0.0.1@forms.example.org",
            "http://[::1]@192.168.1.4:8090",
            "ftp://forms.example.org",
            "forms.example.org",
            "https://",
            "https://forms.example.org/?x",
            "https://forms.example.org/forms",
            "https://forms.example.org#x",
        ] {
            assert!(Remote::new(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn an_address_in_the_clear_is_refused_with_the_encrypted_one_as_help() {
        let why = Remote::new("http://forms.example.org:8090").err().unwrap();
        assert_eq!(
            crate::diagnostics::Report::error(&why).to_string(),
            "error: `http://forms.example.org:8090` is not encrypted: the token and the submissions would cross the network readable to forms.example.org\n   = help: use https://forms.example.org:8090"
        );
    }
}
