//! Random secrets and their comparison, for whatever must not be guessed:
//! pull tokens, the inbox's key, CSRF tokens of the preview's pages —
//! and where those she keeps are kept on her machine ([`kept`]).

pub mod kept;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The operating system gave no random bytes: nothing secret can be made.
#[derive(Debug, thiserror::Error)]
#[error("the system gives no randomness: {0}")]
pub struct NoRandomness(getrandom::Error);

/// `bytes` random bytes from the operating system, URL-safe base64.
pub fn random(bytes: usize) -> Result<String, NoRandomness> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).map_err(NoRandomness)?;
    Ok(URL_SAFE_NO_PAD.encode(buffer))
}

/// Compares a secret in a time that does not depend on where it differs.
pub fn same(given: &[u8], secret: &[u8]) -> bool {
    given.len() == secret.len()
        && given
            .iter()
            .zip(secret)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_differ_and_compare_exactly() {
        let (a, b) = (random(24).unwrap(), random(24).unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32, "24 bytes in base64");
        assert!(same(a.as_bytes(), a.as_bytes()));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
    }
}
