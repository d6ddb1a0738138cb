//! What travels between the server and the practitioner's machine when
//! she pulls her submissions (`praxis forms pull`): JSON over HTTPS, the
//! answers still encrypted to her key, so the wire and the server see no
//! more than the server's own database holds.
//!
//! `GET /forms/_pull` (with `Authorization: Bearer TOKEN`) answers a
//! [`Batch`] of the oldest submissions; `POST /forms/_pull/ack` with
//! [`Receipts`] for what her machine has stored deletes exactly those, and
//! answers [`Deleted`]. See `store::transfer` for why that is safe at every
//! step.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use super::store::Row;

/// Where the batch is fetched, under the endpoint's origin.
pub const BATCH_PATH: &str = "/forms/_pull";
/// Where what was stored is acknowledged.
pub const ACK_PATH: &str = "/forms/_pull/ack";
/// Submissions per batch: a few megabytes at most.
pub const BATCH_SIZE: usize = 100;

#[derive(Debug, Serialize, Deserialize)]
pub struct Batch {
    pub submissions: Vec<Sealed>,
    /// More are waiting after these.
    pub more: bool,
}

/// One submission as it travels: metadata as the server keeps it, the
/// answers encrypted.
#[derive(Debug, Serialize, Deserialize)]
pub struct Sealed {
    pub id: i64,
    pub digest: String,
    pub form: String,
    pub lang: Option<String>,
    pub received_at: String,
    pub consent_at: Option<String>,
    /// The age-encrypted answers, in base64.
    pub payload: String,
}

impl From<&Row> for Sealed {
    fn from(row: &Row) -> Sealed {
        Sealed {
            id: row.id,
            digest: row.digest.clone(),
            form: row.form.clone(),
            lang: row.lang.clone(),
            received_at: row.received_at.clone(),
            consent_at: row.consent_at.clone(),
            payload: STANDARD.encode(&row.payload),
        }
    }
}

impl Sealed {
    /// Back into a row to store (its id is the server's, kept only to
    /// acknowledge it).
    pub fn into_row(self) -> Result<Row, Damaged> {
        let payload = STANDARD.decode(&self.payload).map_err(|source| Damaged {
            id: self.id,
            source,
        })?;
        Ok(Row {
            id: self.id,
            form: self.form,
            lang: self.lang,
            received_at: self.received_at,
            consent_at: self.consent_at,
            payload,
            digest: self.digest,
            done_at: None,
        })
    }
}

/// A submission whose encrypted answers did not survive the way.
#[derive(Debug, thiserror::Error)]
#[error("submission {id} arrived damaged: {source}")]
pub struct Damaged {
    /// The server's id of the submission.
    pub id: i64,
    pub source: base64::DecodeError,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Receipts {
    pub stored: Vec<Receipt>,
}

/// "I have stored this one": the server's id and the digest it sent.
#[derive(Debug, Serialize, Deserialize)]
pub struct Receipt {
    pub id: i64,
    pub digest: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Deleted {
    pub deleted: usize,
}
