//! Where submissions are kept: a SQLite file outside `public/`, each
//! submission's answers encrypted to the practitioner's public key.
//!
//! Only what the server needs to keep order is stored in the clear — the
//! form's name, the language, when it arrived and when consent was given —
//! so that a copy of the database alone reveals nothing anybody wrote.
//! Each submission is committed (WAL, `synchronous=FULL`) before the visitor
//! is told it arrived.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use age::x25519::{Identity, Recipient};
use jiff::Timestamp;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diagnostics::Help;

mod tokens;
mod transfer;

pub use tokens::Token;

/// Why the submissions store, a key or a submission cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("cannot create {}: {source}", dir.display())]
    CreateFolder {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open {}: {source}", path.display())]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the database connection was poisoned by a crash")]
    Poisoned,
    #[error("cannot encode the submission: {0}")]
    Encode(serde_json::Error),
    #[error("cannot encrypt the submission: {0}")]
    Encrypt(age::EncryptError),
    #[error("submission {id} cannot be decrypted with this key: {source}")]
    Undecryptable { id: i64, source: age::DecryptError },
    #[error("submission {id} is damaged: {source}")]
    Damaged { id: i64, source: serde_json::Error },
    #[error(
        "submission {id} arrived damaged (its digest does not match): nothing was stored; pull again"
    )]
    DigestMismatch { id: i64 },
    #[error("cannot read the key {}: {source}", path.display())]
    ReadKey {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} holds no age private key (AGE-SECRET-KEY-1…)", path.display())]
    NoKey { path: PathBuf },
    /// A token's secret could not be drawn.
    #[error(transparent)]
    NoRandomness(#[from] crate::secrets::NoRandomness),
}

impl Help for StoreError {}

/// A submission as stored: metadata in the clear, answers encrypted.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub form: String,
    pub lang: Option<String>,
    pub received_at: String,
    pub consent_at: Option<String>,
    pub payload: Vec<u8>,
    /// The SHA-256 of `payload`, in hex: what names a submission between
    /// the server and the practitioner's machine, since row ids differ.
    pub digest: String,
    /// When the practitioner marked it done (her machine only).
    pub done_at: Option<String>,
}

/// A notice to send: that a submission arrived (never what it says).
#[derive(Debug, Clone)]
pub struct Notice {
    pub id: i64,
    pub submission: i64,
    pub form: String,
    pub lang: Option<String>,
    pub received_at: String,
    pub attempts: i64,
}

/// A submission read back with the private key.
#[derive(Debug, Clone, Serialize)]
pub struct Submission {
    pub id: i64,
    pub form: String,
    pub lang: Option<String>,
    pub received_at: String,
    pub consent_at: Option<String>,
    pub done_at: Option<String>,
    /// Field name and value, in the form's order.
    pub fields: Vec<(String, String)>,
}

#[derive(Serialize, Deserialize)]
struct Payload {
    fields: Vec<(String, String)>,
}

pub struct Store {
    connection: Mutex<Connection>,
}

impl Store {
    /// Opens the database, creating it (and its folder, readable by its
    /// owner only) on first use.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !d.exists())
        {
            {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateFolder {
                    dir: dir.to_owned(),
                    source,
                })?;
                restrict(dir, 0o700);
            }
        }
        let existed = path.exists();
        let connection = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_owned(),
            source,
        })?;
        if !existed {
            restrict(path, 0o600);
        }
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        // A new database starts with ids that are never handed out twice
        // (an old one gets them from `migrate`).
        connection.execute_batch(
            "CREATE TABLE IF NOT EXISTS submissions (
                 id          INTEGER PRIMARY KEY AUTOINCREMENT,
                 form        TEXT NOT NULL,
                 lang        TEXT,
                 received_at TEXT NOT NULL,
                 consent_at  TEXT,
                 payload     BLOB NOT NULL
             );
             CREATE INDEX IF NOT EXISTS submissions_received ON submissions (received_at);
             CREATE TABLE IF NOT EXISTS notices (
                 id           INTEGER PRIMARY KEY,
                 submission   INTEGER NOT NULL,
                 form         TEXT NOT NULL,
                 lang         TEXT,
                 received_at  TEXT NOT NULL,
                 attempts     INTEGER NOT NULL,
                 next_attempt TEXT NOT NULL,
                 last_error   TEXT
             );",
        )?;
        migrate(&connection)?;
        Ok(Store {
            connection: Mutex::new(connection),
        })
    }

    /// Encrypts and stores a submission — and, when `notify`, a notice to
    /// send about it, in the same transaction, so that a notice is never
    /// lost — and returns its id once committed.
    #[allow(clippy::too_many_arguments)]
    pub fn insert(
        &self,
        recipient: &Recipient,
        form: &str,
        lang: Option<&str>,
        fields: &[(String, String)],
        consent: bool,
        notify: bool,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        let json = serde_json::to_vec(&Payload {
            fields: fields.to_vec(),
        })
        .map_err(StoreError::Encode)?;
        let payload = age::encrypt(recipient, &json).map_err(StoreError::Encrypt)?;
        let received = now.to_string();
        let consent_at = consent.then(|| received.clone());
        let digest = digest(&payload);
        let mut connection = self.lock()?;
        let transaction = connection.transaction()?;
        transaction.execute(
            "INSERT INTO submissions (form, lang, received_at, consent_at, payload, digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![form, lang, received, consent_at, payload, digest],
        )?;
        let id = transaction.last_insert_rowid();
        if notify {
            transaction.execute(
                "INSERT INTO notices (submission, form, lang, received_at, attempts, next_attempt) VALUES (?1, ?2, ?3, ?4, 0, ?4)",
                params![id, form, lang, received],
            )?;
        }
        transaction.commit()?;
        Ok(id)
    }

    /// Notices due at `now`, oldest first.
    pub fn due_notices(&self, now: Timestamp) -> Result<Vec<Notice>, StoreError> {
        let connection = self.lock()?;
        // As times, not text (see `purge_before`): a notice due at `…:00Z`
        // is due at `…:00.5Z`, which sorts before it as text.
        let mut statement = connection.prepare(
            "SELECT id, submission, form, lang, received_at, attempts FROM notices
             WHERE julianday(next_attempt) <= julianday(?1)
             ORDER BY julianday(next_attempt), id LIMIT 100",
        )?;
        let notices = statement
            .query_map(params![now.to_string()], |r| {
                Ok(Notice {
                    id: r.get(0)?,
                    submission: r.get(1)?,
                    form: r.get(2)?,
                    lang: r.get(3)?,
                    received_at: r.get(4)?,
                    attempts: r.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(notices)
    }

    /// A notice was sent: forget it.
    pub fn notice_sent(&self, id: i64) -> Result<(), StoreError> {
        self.lock()?
            .execute("DELETE FROM notices WHERE id = ?1", params![id])?;
        Ok(())
    }

    /// A notice could not be sent: try again at `next`.
    pub fn notice_failed(&self, id: i64, next: Timestamp, error: &str) -> Result<(), StoreError> {
        self.lock()?.execute(
            "UPDATE notices SET attempts = attempts + 1, next_attempt = ?2, last_error = ?3 WHERE id = ?1",
            params![id, next.to_string(), error],
        )?;
        Ok(())
    }

    /// Deletes submissions received before `cutoff`; returns how many.
    pub fn purge_before(&self, cutoff: Timestamp) -> Result<usize, StoreError> {
        let connection = self.lock()?;
        // Times are compared as times: as text, `…:05.5Z` sorts before
        // `…:05Z`, since a timestamp is written with only the digits it needs.
        Ok(connection.execute(
            "DELETE FROM submissions WHERE julianday(received_at) < julianday(?1)",
            params![cutoff.to_string()],
        )?)
    }

    /// How many submissions were received in `[from, until)`.
    pub fn count_between(&self, from: Timestamp, until: Timestamp) -> Result<usize, StoreError> {
        let connection = self.lock()?;
        let count: i64 = connection.query_row(
            "SELECT count(*) FROM submissions
             WHERE julianday(received_at) >= julianday(?1) AND julianday(received_at) < julianday(?2)",
            params![from.to_string(), until.to_string()],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// Every stored submission, oldest first, still encrypted.
    pub fn rows(&self, form: Option<&str>) -> Result<Vec<Row>, StoreError> {
        let connection = self.lock()?;
        let mut statement = connection.prepare(&format!(
            "SELECT {ROW_COLUMNS} FROM submissions
             WHERE ?1 IS NULL OR form = ?1 ORDER BY julianday(received_at), id",
        ))?;
        let rows = statement
            .query_map(params![form], read_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Connection>, StoreError> {
        self.connection.lock().map_err(|_| StoreError::Poisoned)
    }
}

/// The columns [`read_row`] reads, in its order.
const ROW_COLUMNS: &str = "id, form, lang, received_at, consent_at, payload, digest, done_at";

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        form: r.get(1)?,
        lang: r.get(2)?,
        received_at: r.get(3)?,
        consent_at: r.get(4)?,
        payload: r.get(5)?,
        digest: r.get(6)?,
        done_at: r.get(7)?,
    })
}

/// The SHA-256 of an encrypted payload, in hex.
pub fn digest(payload: &[u8]) -> String {
    Sha256::digest(payload)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Brings a database made by an older praxis up to this one's schema.
/// `PRAGMA user_version` counts the steps taken; each step runs once.
fn migrate(connection: &Connection) -> Result<(), StoreError> {
    let version: i64 = connection.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < 1 {
        // Submissions get the digest that names them across machines and
        // the practitioner's "done" mark; pull tokens and the digests of
        // what she deleted (so that a pull never brings it back) get tables.
        connection.execute_batch(
            "BEGIN;
             ALTER TABLE submissions ADD COLUMN digest TEXT;
             ALTER TABLE submissions ADD COLUMN done_at TEXT;
             CREATE TABLE tokens (
                 id           INTEGER PRIMARY KEY AUTOINCREMENT,
                 label        TEXT NOT NULL,
                 hash         TEXT NOT NULL UNIQUE,
                 created_at   TEXT NOT NULL,
                 last_used_at TEXT,
                 revoked_at   TEXT
             );
             CREATE TABLE forgotten (
                 digest       TEXT PRIMARY KEY,
                 received_at  TEXT NOT NULL
             );",
        )?;
        let old: Vec<(i64, Vec<u8>)> = connection
            .prepare("SELECT id, payload FROM submissions")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (id, payload) in old {
            connection.execute(
                "UPDATE submissions SET digest = ?2 WHERE id = ?1",
                params![id, digest(&payload)],
            )?;
        }
        connection.execute_batch(
            "CREATE UNIQUE INDEX submissions_digest ON submissions (digest);
             PRAGMA user_version = 1;
             COMMIT;",
        )?;
    }
    let autoincrement: bool = connection.query_row(
        "SELECT sql LIKE '%AUTOINCREMENT%' FROM sqlite_master WHERE name = 'submissions'",
        [],
        |r| r.get(0),
    )?;
    if version < 2 && !autoincrement {
        // Without AUTOINCREMENT, SQLite gives the next submission the id of
        // the last one deleted: `forms delete 7` could then name someone
        // else's message. The table is copied into one that never reuses.
        connection.execute_batch(
            "BEGIN;
             CREATE TABLE submissions_v2 (
                 id          INTEGER PRIMARY KEY AUTOINCREMENT,
                 form        TEXT NOT NULL,
                 lang        TEXT,
                 received_at TEXT NOT NULL,
                 consent_at  TEXT,
                 payload     BLOB NOT NULL,
                 digest      TEXT,
                 done_at     TEXT
             );
             INSERT INTO submissions_v2 (id, form, lang, received_at, consent_at, payload, digest, done_at)
                 SELECT id, form, lang, received_at, consent_at, payload, digest, done_at FROM submissions;
             DROP TABLE submissions;
             ALTER TABLE submissions_v2 RENAME TO submissions;
             CREATE INDEX submissions_received ON submissions (received_at);
             CREATE UNIQUE INDEX submissions_digest ON submissions (digest);
             COMMIT;",
        )?;
    }
    if version < 2 {
        connection.execute_batch("PRAGMA user_version = 2;")?;
    }
    Ok(())
}

/// Decrypts a stored submission with the practitioner's private key.
pub fn decrypt(row: &Row, identity: &Identity) -> Result<Submission, StoreError> {
    let id = row.id;
    let json = age::decrypt(identity, &row.payload)
        .map_err(|source| StoreError::Undecryptable { id, source })?;
    let payload: Payload =
        serde_json::from_slice(&json).map_err(|source| StoreError::Damaged { id, source })?;
    Ok(Submission {
        id: row.id,
        form: row.form.clone(),
        lang: row.lang.clone(),
        received_at: row.received_at.clone(),
        consent_at: row.consent_at.clone(),
        done_at: row.done_at.clone(),
        fields: payload.fields,
    })
}

/// Reads an age identity file (`AGE-SECRET-KEY-1…`, comments allowed).
pub fn read_identity(path: &Path) -> Result<Identity, StoreError> {
    let text = std::fs::read_to_string(path).map_err(|source| StoreError::ReadKey {
        path: path.to_owned(),
        source,
    })?;
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .and_then(|l| l.parse::<Identity>().ok())
        .ok_or_else(|| StoreError::NoKey {
            path: path.to_owned(),
        })
}

#[cfg(unix)]
fn restrict(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn restrict(_: &Path, _: u32) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purge_compares_times_not_text() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("forms.sqlite")).unwrap();
        let key = Identity::generate().to_public();
        for time in ["2026-12-01T10:00:05.5Z", "2026-12-01T10:00:04Z"] {
            store
                .insert(&key, "contact", None, &[], false, false, at(time))
                .unwrap();
        }
        let cutoff = at("2026-12-01T10:00:05Z");
        assert_eq!(
            store
                .count_between(at("2026-12-01T10:00:00Z"), cutoff)
                .unwrap(),
            1
        );
        assert_eq!(
            store
                .count_between(at("2026-12-01T10:00:00Z"), at("2026-12-01T10:00:06Z"))
                .unwrap(),
            2,
            "both, the one at :05.5 too"
        );
        assert_eq!(
            store
                .count_between(cutoff, at("2026-12-01T10:00:05.4Z"))
                .unwrap(),
            0
        );
        assert_eq!(
            store.purge_before(cutoff).unwrap(),
            1,
            "only the one at :04"
        );
        assert_eq!(
            store.rows(None).unwrap()[0].received_at,
            "2026-12-01T10:00:05.5Z"
        );
    }

    fn at(t: &str) -> Timestamp {
        t.parse().unwrap()
    }

    /// A store with a submission received (and a notice due) at each time.
    fn store_with_notices(times: &[&str]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("forms.sqlite")).unwrap();
        let key = Identity::generate().to_public();
        for time in times {
            store
                .insert(&key, "intake", Some("fr"), &[], true, true, at(time))
                .unwrap();
        }
        (dir, store)
    }

    #[test]
    fn a_notice_is_due_from_its_time_on_compared_as_a_time() {
        let (_dir, store) = store_with_notices(&["2026-12-01T10:00:00Z"]);
        assert!(
            store
                .due_notices(at("2026-12-01T09:59:59.9Z"))
                .unwrap()
                .is_empty(),
            "not before its time"
        );
        let due = store.due_notices(at("2026-12-01T10:00:00.5Z")).unwrap();
        assert_eq!(due.len(), 1, "due half a second later");
        let notice = &due[0];
        assert_eq!(notice.submission, store.rows(None).unwrap()[0].id);
        assert_eq!(notice.form, "intake");
        assert_eq!(notice.lang.as_deref(), Some("fr"));
        assert_eq!(notice.received_at, "2026-12-01T10:00:00Z");
        assert_eq!(notice.attempts, 0);
    }

    #[test]
    fn due_notices_come_oldest_first_by_time() {
        let (_dir, store) = store_with_notices(&["2026-12-01T10:00:00.5Z", "2026-12-01T10:00:00Z"]);
        let due = store.due_notices(at("2026-12-01T11:00:00Z")).unwrap();
        let order: Vec<&str> = due.iter().map(|n| n.received_at.as_str()).collect();
        assert_eq!(order, ["2026-12-01T10:00:00Z", "2026-12-01T10:00:00.5Z"]);
        let rows = store.rows(None).unwrap();
        let order: Vec<&str> = rows.iter().map(|r| r.received_at.as_str()).collect();
        assert_eq!(
            order,
            ["2026-12-01T10:00:00Z", "2026-12-01T10:00:00.5Z"],
            "rows too"
        );
    }

    #[test]
    fn a_failed_notice_waits_for_its_next_attempt_and_a_sent_one_is_gone() {
        let (_dir, store) = store_with_notices(&["2026-12-01T10:00:00Z", "2026-12-01T10:00:01Z"]);
        let due = store.due_notices(at("2026-12-01T10:00:02Z")).unwrap();
        let (first, second) = (due[0].id, due[1].id);
        store
            .notice_failed(first, at("2026-12-01T10:05:00.25Z"), "connection refused")
            .unwrap();
        store.notice_sent(second).unwrap();
        assert!(
            store
                .due_notices(at("2026-12-01T10:05:00Z"))
                .unwrap()
                .is_empty(),
            "the failed one waits, the sent one is gone"
        );
        let again = store.due_notices(at("2026-12-01T10:05:00.3Z")).unwrap();
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].id, first);
        assert_eq!(again[0].attempts, 1, "the attempt is counted");
        let error: String = store
            .lock()
            .unwrap()
            .query_row(
                "SELECT last_error FROM notices WHERE id = ?1",
                [first],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(error, "connection refused", "why, for whoever looks");
        store.notice_sent(first).unwrap();
        assert!(
            store
                .due_notices(at("2030-01-01T00:00:00Z"))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn insert_returns_the_id_the_submission_is_stored_under() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("forms.sqlite")).unwrap();
        let key = Identity::generate().to_public();
        let ids: Vec<i64> = (0..3)
            .map(|_| {
                store
                    .insert(&key, "contact", None, &[], false, false, Timestamp::now())
                    .unwrap()
            })
            .collect();
        let stored: Vec<i64> = store.rows(None).unwrap().iter().map(|r| r.id).collect();
        assert_eq!(ids, stored);
    }

    #[test]
    fn a_store_error_reads_as_its_cause() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("data");
        std::fs::write(&blocker, "a file where the folder should be").unwrap();
        let error = Store::open(&blocker.join("forms.sqlite"))
            .err()
            .expect("a database under a file cannot open");
        let text = error.to_string();
        assert!(text.starts_with("cannot open "), "{text}");
        assert!(text.contains("data/forms.sqlite"), "names the file: {text}");
        let from_sqlite = StoreError::from(rusqlite::Error::QueryReturnedNoRows);
        assert_eq!(
            from_sqlite.to_string(),
            format!("database error: {}", rusqlite::Error::QueryReturnedNoRows)
        );
    }

    #[test]
    fn stored_answers_are_encrypted_and_come_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/forms.sqlite");
        let identity = Identity::generate();
        let store = Store::open(&path).unwrap();
        let fields = vec![(
            "message".to_owned(),
            "Ik zoek een mentor voor mijn burn-out".to_owned(),
        )];
        let id = store
            .insert(
                &identity.to_public(),
                "contact",
                Some("nl"),
                &fields,
                true,
                false,
                Timestamp::now(),
            )
            .unwrap();
        drop(store);

        let bytes = std::fs::read(&path).unwrap();
        let wal = std::fs::read(path.with_extension("sqlite-wal")).unwrap_or_default();
        for haystack in [&bytes, &wal] {
            let found = haystack
                .windows(8)
                .any(|w| w == b"burn-out" || w == b"mentor v");
            assert!(!found, "the answer is in the database in the clear");
        }
        let store = Store::open(&path).unwrap();
        let rows = store.rows(None).unwrap();
        let submission = decrypt(&rows[0], &identity).unwrap();
        assert_eq!(submission.id, id);
        assert_eq!(submission.fields, fields);
        assert!(submission.consent_at.is_some());
        assert!(
            decrypt(&rows[0], &Identity::generate()).is_err(),
            "another key reads nothing"
        );
    }
}

#[cfg(all(test, unix))]
mod permission_tests {
    use std::os::unix::fs::PermissionsExt;

    use super::Store;

    fn mode(path: &std::path::Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_database_and_its_folder_are_readable_by_their_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("data/forms.sqlite");
        Store::open(&db).unwrap();
        assert_eq!(mode(&db), 0o600, "the database");
        assert_eq!(mode(db.parent().unwrap()), 0o700, "its folder");
    }

    #[test]
    fn an_existing_database_and_folder_keep_the_modes_their_owner_chose() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("data");
        std::fs::create_dir(&folder).unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o750)).unwrap();
        let db = folder.join("forms.sqlite");
        Store::open(&db).unwrap();
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o640)).unwrap();
        Store::open(&db).unwrap();
        assert_eq!(mode(&folder), 0o750);
        assert_eq!(mode(&db), 0o640);
    }
}
