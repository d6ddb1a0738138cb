//! `praxis forms pull`: the practitioner's machine fetches new submissions
//! from the server, stores them durably in its own database, and only then
//! tells the server to delete them (see `store::transfer`).

use std::time::Duration;

use super::store::{Row, Store};
use super::transfer::{ACK_PATH, BATCH_PATH, Batch, Deleted, Receipt, Receipts};

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
    pub fn new(url: &str) -> Result<Remote, String> {
        let origin = url.trim().trim_end_matches('/');
        let not_an_origin =
            || format!("`{url}` is not the endpoint's address, like https://forms.example.org");
        let parsed = origin
            .parse::<ureq::http::Uri>()
            .map_err(|_| format!("`{url}` is not a URL like https://forms.example.org"))?;
        let (Some(scheme), Some(authority)) = (parsed.scheme_str(), parsed.authority()) else {
            return Err(format!(
                "`{url}` is not a URL like https://forms.example.org"
            ));
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
                return Err(format!(
                    "`{url}` is not encrypted: the token and the submissions would cross the network readable to {host}\n   = help: use https://{host}{port}"
                ));
            }
            _ => return Err(format!("`{url}` is not an http(s) URL")),
        }
        if host.is_empty()
            || !matches!(parsed.path(), "" | "/")
            || parsed.query().is_some()
            || origin.contains('#')
        {
            return Err(not_an_origin());
        }
        Ok(Remote {
            origin: origin.to_owned(),
        })
    }
}

/// Pulls until the server has nothing more for us.
pub fn pull(store: &Store, remote: &Remote, token: &str) -> Result<Pulled, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .build()
        .into();
    let authorization = format!("Bearer {}", token.trim());
    let mut pulled = Pulled::default();
    loop {
        let url = format!("{}{BATCH_PATH}", remote.origin);
        let mut response = agent
            .get(&url)
            .header("Authorization", &authorization)
            .call()
            .map_err(|e| format!("cannot reach {url}: {e}"))?;
        refuse_status(&url, response.status().as_u16())?;
        let batch: Batch = response
            .body_mut()
            .read_json()
            .map_err(|e| format!("{url} did not answer a batch of submissions: {e}"))?;
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
        pulled.new += store.import(&rows).map_err(|e| e.to_string())?;
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
        let mut response = agent
            .post(&url)
            .header("Authorization", &authorization)
            .send_json(&receipts)
            .map_err(|e| format!("stored {} here, but cannot tell {url}: {e}\n   = help: pull again; nothing is lost or kept twice", rows.len()))?;
        refuse_status(&url, response.status().as_u16())?;
        let deleted: Deleted = response
            .body_mut()
            .read_json()
            .map_err(|e| format!("{url} did not say what it deleted: {e}"))?;
        pulled.deleted += deleted.deleted;
        if !more {
            return Ok(pulled);
        }
        if deleted.deleted == 0 {
            return Err(format!(
                "{url} kept every submission it was told were stored; stopping rather than fetching them again"
            ));
        }
    }
}

fn refuse_status(url: &str, status: u16) -> Result<(), String> {
    match status {
        200 => Ok(()),
        401 => Err(format!(
            "{url} does not accept this token (mistyped, or revoked)\n   = help: on the server, `praxis forms token` makes a new one"
        )),
        403 => Err(format!("{url} refused the request (403)")),
        404 => Err(format!(
            "{url} is not a praxis form endpoint that can be pulled from (404)\n   = help: --from takes the address `praxis forms serve` answers at"
        )),
        other => Err(format!("{url} answered {other}")),
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
}
