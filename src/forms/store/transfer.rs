//! Moving submissions from the server to the practitioner's machine, in
//! two phases: her machine stores what it fetched, and only then tells the
//! server, which deletes it. A submission is named by the digest of its
//! encrypted payload (ids differ between the two databases, and a server
//! may reuse an id once its row is gone), so that
//! - an acknowledgement deletes exactly the rows it names, and a replayed
//!   one deletes nothing new;
//! - fetching again what was stored but not yet acknowledged (her machine
//!   died in between) adds nothing twice;
//! - what she deleted is remembered by digest alone, so that a pull that
//!   raced the deletion does not bring it back.

use jiff::Timestamp;
use rusqlite::params;

use super::{ROW_COLUMNS, Row, Store, StoreError, digest, read_row};

impl Store {
    /// Server side: the oldest `limit` submissions still here.
    pub fn pending(&self, limit: usize) -> Result<Vec<Row>, StoreError> {
        let connection = self.lock()?;
        let mut statement = connection.prepare(&format!(
            "SELECT {ROW_COLUMNS} FROM submissions ORDER BY id LIMIT ?1"
        ))?;
        let rows = statement
            .query_map(params![limit as i64], read_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Server side: deletes the submissions her machine says it stored —
    /// each only if both its id and its digest match — with their pending
    /// notices; returns how many were deleted.
    pub fn acknowledge(&self, receipts: &[(i64, String)]) -> Result<usize, StoreError> {
        let mut connection = self.lock()?;
        let transaction = connection.transaction()?;
        let mut deleted = 0;
        for (id, digest) in receipts {
            let gone = transaction.execute(
                "DELETE FROM submissions WHERE id = ?1 AND digest = ?2",
                params![id, digest],
            )?;
            if gone == 1 {
                transaction.execute("DELETE FROM notices WHERE submission = ?1", params![id])?;
            }
            deleted += gone;
        }
        transaction.commit()?;
        Ok(deleted)
    }

    /// Her machine: stores fetched submissions, durably, in one
    /// transaction; returns how many were new. A row whose digest does not
    /// match its payload was damaged on the way and stops the import.
    pub fn import(&self, rows: &[Row]) -> Result<usize, StoreError> {
        if let Some(bad) = rows.iter().find(|r| digest(&r.payload) != r.digest) {
            return Err(StoreError::DigestMismatch { id: bad.id });
        }
        let mut connection = self.lock()?;
        let transaction = connection.transaction()?;
        let mut added = 0;
        for row in rows {
            added += transaction.execute(
                "INSERT INTO submissions (form, lang, received_at, consent_at, payload, digest)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6
                 WHERE NOT EXISTS (SELECT 1 FROM forgotten WHERE digest = ?6)
                 ON CONFLICT (digest) DO NOTHING",
                params![
                    row.form,
                    row.lang,
                    row.received_at,
                    row.consent_at,
                    row.payload,
                    row.digest
                ],
            )?;
        }
        transaction.commit()?;
        Ok(added)
    }

    /// One submission, still encrypted.
    pub fn row(&self, id: i64) -> Result<Option<Row>, StoreError> {
        let connection = self.lock()?;
        let mut statement = connection.prepare(&format!(
            "SELECT {ROW_COLUMNS} FROM submissions WHERE id = ?1"
        ))?;
        let mut rows = statement.query_map(params![id], read_row)?;
        Ok(rows.next().transpose()?)
    }

    /// Marks a submission done (`Some`) or open again (`None`); `false` if
    /// there is no such submission.
    pub fn mark_done(&self, id: i64, at: Option<Timestamp>) -> Result<bool, StoreError> {
        let changed = self.lock()?.execute(
            "UPDATE submissions SET done_at = ?2 WHERE id = ?1",
            params![id, at.map(|t| t.to_string())],
        )?;
        Ok(changed == 1)
    }

    /// Deletes submissions by id, remembering their digests so that no
    /// pull brings them back; returns the ids that did not exist.
    pub fn delete(&self, ids: &[i64]) -> Result<Vec<i64>, StoreError> {
        let mut connection = self.lock()?;
        let transaction = connection.transaction()?;
        let mut missing = Vec::new();
        for &id in ids {
            let remembered = transaction.execute(
                "INSERT OR IGNORE INTO forgotten (digest, received_at)
                 SELECT digest, received_at FROM submissions WHERE id = ?1",
                params![id],
            )?;
            let deleted =
                transaction.execute("DELETE FROM submissions WHERE id = ?1", params![id])?;
            transaction.execute("DELETE FROM notices WHERE submission = ?1", params![id])?;
            if deleted == 0 && remembered == 0 {
                missing.push(id);
            }
        }
        transaction.commit()?;
        Ok(missing)
    }

    /// Forgets the digests of deleted submissions received before
    /// `cutoff`: the server has purged those itself by then.
    pub fn forget_before(&self, cutoff: Timestamp) -> Result<usize, StoreError> {
        Ok(self.lock()?.execute(
            "DELETE FROM forgotten WHERE julianday(received_at) < julianday(?1)",
            params![cutoff.to_string()],
        )?)
    }

    /// Deletes what was received before `cutoff`, and forgets it: what
    /// `[submissions] retention_days` promises, on her machine as on the
    /// server. Returns how many submissions went.
    pub fn retain_since(&self, cutoff: Timestamp) -> Result<usize, StoreError> {
        let purged = self.purge_before(cutoff)?;
        self.forget_before(cutoff)?;
        Ok(purged)
    }
}

#[cfg(test)]
mod tests {
    use age::x25519::Identity;

    use super::*;

    fn store(dir: &tempfile::TempDir, name: &str) -> Store {
        Store::open(&dir.path().join(name)).unwrap()
    }

    fn submit(store: &Store, key: &age::x25519::Recipient, text: &str) -> i64 {
        let fields = [("message".to_owned(), text.to_owned())];
        store
            .insert(
                key,
                "contact",
                Some("nl"),
                &fields,
                true,
                true,
                Timestamp::now(),
            )
            .unwrap()
    }

    fn receipts(rows: &[Row]) -> Vec<(i64, String)> {
        rows.iter().map(|r| (r.id, r.digest.clone())).collect()
    }

    #[test]
    fn fetched_stored_acknowledged_moves_each_submission_exactly_once() {
        let dir = tempfile::tempdir().unwrap();
        let (server, laptop) = (store(&dir, "server.sqlite"), store(&dir, "laptop.sqlite"));
        let key = Identity::generate();
        for text in ["een", "twee", "drie"] {
            submit(&server, &key.to_public(), text);
        }
        let batch = server.pending(2).unwrap();
        assert_eq!(batch.len(), 2, "a batch holds at most `limit`");
        // Stored twice (her machine died before it acknowledged): once.
        assert_eq!(laptop.import(&batch).unwrap(), 2);
        assert_eq!(laptop.import(&batch).unwrap(), 0);
        assert_eq!(server.acknowledge(&receipts(&batch)).unwrap(), 2);
        assert_eq!(
            server.acknowledge(&receipts(&batch)).unwrap(),
            0,
            "a replayed acknowledgement deletes nothing"
        );
        let rest = server.pending(10).unwrap();
        assert_eq!(rest.len(), 1);
        laptop.import(&rest).unwrap();
        server.acknowledge(&receipts(&rest)).unwrap();
        assert!(server.pending(10).unwrap().is_empty());
        assert!(
            server.due_notices(Timestamp::MAX).unwrap().is_empty(),
            "no notice left for what she has"
        );
        let texts: Vec<String> = laptop
            .rows(None)
            .unwrap()
            .iter()
            .map(|r| {
                crate::forms::store::decrypt(r, &key).unwrap().fields[0]
                    .1
                    .clone()
            })
            .collect();
        assert_eq!(texts, ["een", "twee", "drie"]);
    }

    #[test]
    fn an_acknowledgement_with_a_wrong_digest_deletes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let server = store(&dir, "server.sqlite");
        let key = Identity::generate().to_public();
        let id = submit(&server, &key, "een");
        assert_eq!(server.acknowledge(&[(id, "00".repeat(32))]).unwrap(), 0);
        assert_eq!(server.pending(10).unwrap().len(), 1);
    }

    #[test]
    fn a_damaged_row_stores_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (server, laptop) = (store(&dir, "server.sqlite"), store(&dir, "laptop.sqlite"));
        let key = Identity::generate().to_public();
        submit(&server, &key, "een");
        submit(&server, &key, "twee");
        let mut batch = server.pending(10).unwrap();
        batch[1].payload[20] ^= 1;
        assert!(laptop.import(&batch).is_err());
        assert!(laptop.rows(None).unwrap().is_empty());
    }

    #[test]
    fn what_she_deleted_never_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let (server, laptop) = (store(&dir, "server.sqlite"), store(&dir, "laptop.sqlite"));
        let key = Identity::generate().to_public();
        submit(&server, &key, "een");
        let batch = server.pending(10).unwrap();
        laptop.import(&batch).unwrap();
        let local = laptop.rows(None).unwrap()[0].id;
        assert_eq!(laptop.delete(&[local, 999]).unwrap(), vec![999]);
        assert_eq!(laptop.import(&batch).unwrap(), 0, "fetched again, not kept");
        assert!(laptop.rows(None).unwrap().is_empty());
        assert_eq!(laptop.forget_before(Timestamp::MAX).unwrap(), 1);
    }

    #[test]
    fn a_deleted_submissions_number_is_never_given_to_another() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("laptop.sqlite");
        let key = Identity::generate().to_public();
        let laptop = Store::open(&path).unwrap();
        let first = submit(&laptop, &key, "een");
        laptop.delete(&[first]).unwrap();
        let second = submit(&laptop, &key, "twee");
        assert!(second > first, "{second} after {first}");
        drop(laptop);
        let laptop = Store::open(&path).unwrap();
        laptop.delete(&[second]).unwrap();
        assert!(
            submit(&laptop, &key, "drie") > second,
            "also after opening again"
        );
    }

    #[test]
    fn done_is_a_mark_that_can_be_taken_back() {
        let dir = tempfile::tempdir().unwrap();
        let laptop = store(&dir, "laptop.sqlite");
        let id = submit(&laptop, &Identity::generate().to_public(), "een");
        assert!(laptop.mark_done(id, Some(Timestamp::now())).unwrap());
        assert!(laptop.row(id).unwrap().unwrap().done_at.is_some());
        assert!(laptop.mark_done(id, None).unwrap());
        assert!(laptop.row(id).unwrap().unwrap().done_at.is_none());
        assert!(!laptop.mark_done(id + 1, None).unwrap());
    }

    #[test]
    fn a_database_from_before_pulls_gets_digests() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch(
                "CREATE TABLE submissions (id INTEGER PRIMARY KEY, form TEXT NOT NULL, lang TEXT,
                 received_at TEXT NOT NULL, consent_at TEXT, payload BLOB NOT NULL);
                 INSERT INTO submissions (form, received_at, payload) VALUES ('contact', '2026-01-01T00:00:00Z', x'0102');",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let rows = store.rows(None).unwrap();
        assert_eq!(rows[0].digest, digest(&[1, 2]));
        // The old table reused ids; the new one does not.
        let old = rows[0].id;
        store.delete(&[old]).unwrap();
        let key = Identity::generate().to_public();
        assert!(submit(&store, &key, "nieuw") > old);
        drop(store);
        Store::open(&path).expect("opening again runs no step twice");
    }
}
