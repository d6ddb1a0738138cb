//! Pull tokens: what lets the practitioner's machine fetch submissions
//! from the server (`praxis forms token`, `praxis forms pull`).
//!
//! Only a token's SHA-256 is stored, so that a copy of the server's
//! database does not hand out the right to empty it. A token is 32 random
//! bytes: a hash of it cannot be reversed by guessing, and looking it up
//! by its hash leaks nothing of it through timing.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// Every token starts so, to be recognised in a file or a leak report.
const PREFIX: &str = "praxis_pull_";

/// A token as the server lists it: never the secret itself.
#[derive(Debug, Clone)]
pub struct Token {
    pub id: i64,
    pub label: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

impl Store {
    /// Makes a token labelled `label`; returns its id and the secret, which
    /// is shown once and never stored.
    pub fn add_token(&self, label: &str, now: Timestamp) -> Result<(i64, String), StoreError> {
        let secret = format!("{PREFIX}{}", crate::secrets::random(32)?);
        let connection = self.lock()?;
        connection.execute(
            "INSERT INTO tokens (label, hash, created_at) VALUES (?1, ?2, ?3)",
            params![label, hash(&secret), now.to_string()],
        )?;
        Ok((connection.last_insert_rowid(), secret))
    }

    /// The id of the live token `secret` is, noting that it was used.
    pub fn use_token(&self, secret: &str, now: Timestamp) -> Result<Option<i64>, StoreError> {
        let connection = self.lock()?;
        let id: Option<i64> = connection
            .query_row(
                "SELECT id FROM tokens WHERE hash = ?1 AND revoked_at IS NULL",
                params![hash(secret.trim())],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = id {
            connection.execute(
                "UPDATE tokens SET last_used_at = ?2 WHERE id = ?1",
                params![id, now.to_string()],
            )?;
        }
        Ok(id)
    }

    /// Every token, oldest first, revoked ones included.
    pub fn tokens(&self) -> Result<Vec<Token>, StoreError> {
        let connection = self.lock()?;
        let mut statement = connection.prepare(
            "SELECT id, label, created_at, last_used_at, revoked_at FROM tokens ORDER BY id",
        )?;
        let tokens = statement
            .query_map([], |r| {
                Ok(Token {
                    id: r.get(0)?,
                    label: r.get(1)?,
                    created_at: r.get(2)?,
                    last_used_at: r.get(3)?,
                    revoked_at: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(tokens)
    }

    /// Revokes token `id`; `false` if there is no live token by that id.
    pub fn revoke_token(&self, id: i64, now: Timestamp) -> Result<bool, StoreError> {
        let changed = self.lock()?.execute(
            "UPDATE tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
            params![id, now.to_string()],
        )?;
        Ok(changed == 1)
    }
}

fn hash(secret: &str) -> String {
    super::digest(secret.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("forms.sqlite")).unwrap();
        (dir, store)
    }

    #[test]
    fn a_token_works_until_revoked_and_only_its_hash_is_kept() {
        let (dir, store) = store();
        let now = Timestamp::now();
        let (id, secret) = store.add_token("laptop", now).unwrap();
        assert!(secret.starts_with(PREFIX) && secret.len() > PREFIX.len() + 40);
        assert_eq!(store.use_token(&secret, now).unwrap(), Some(id));
        assert_eq!(store.use_token(&format!("{secret}x"), now).unwrap(), None);
        assert_eq!(store.use_token("", now).unwrap(), None);
        let listed = store.tokens().unwrap();
        assert_eq!(listed[0].label, "laptop");
        assert!(listed[0].last_used_at.is_some());

        drop(store);
        let bytes = std::fs::read(dir.path().join("forms.sqlite")).unwrap();
        let wal = std::fs::read(dir.path().join("forms.sqlite-wal")).unwrap_or_default();
        let needle = &secret.as_bytes()[PREFIX.len()..];
        for haystack in [&bytes, &wal] {
            assert!(
                !haystack.windows(needle.len()).any(|w| w == needle),
                "the secret is in the database"
            );
        }

        let store = Store::open(&dir.path().join("forms.sqlite")).unwrap();
        assert!(store.revoke_token(id, now).unwrap());
        assert!(!store.revoke_token(id, now).unwrap(), "already revoked");
        assert_eq!(store.use_token(&secret, now).unwrap(), None);
    }

    #[test]
    fn two_tokens_differ() {
        let (_dir, store) = store();
        let now = Timestamp::now();
        let (a, one) = store.add_token("a", now).unwrap();
        let (b, two) = store.add_token("b", now).unwrap();
        assert_ne!(one, two);
        assert_ne!(a, b);
        assert_eq!(store.use_token(&two, now).unwrap(), Some(b));
    }
}
