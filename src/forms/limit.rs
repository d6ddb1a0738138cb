//! A per-client rate limit, kept in memory only.
//!
//! Clients are told apart by their address, which is never stored: the
//! limiter keeps a keyed hash of it (the key is random and lives only as
//! long as the process), and forgets a client once its window is over.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, RandomState};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimiter {
    limit: usize,
    window: Duration,
    salt: RandomState,
    seen: Mutex<HashMap<u64, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// At most `limit` submissions per client within `window`.
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            limit: limit.max(1) as usize,
            window,
            salt: RandomState::new(),
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt by `client`; false when it is over the limit.
    pub fn allow(&self, client: &str, now: Instant) -> bool {
        let key = self.salt.hash_one(client);
        let Ok(mut seen) = self.seen.lock() else {
            return true;
        };
        // Forget clients whose window is over, so that memory stays small.
        if seen.len() > 10_000 {
            seen.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < self.window)
            });
        }
        let times = seen.entry(key).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            times.pop_front();
        }
        if times.len() >= self.limit {
            return false;
        }
        times.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_client_is_limited_others_are_not() {
        let limiter = RateLimiter::new(2, Duration::from_secs(600));
        let now = Instant::now();
        assert!(limiter.allow("10.0.0.1", now));
        assert!(limiter.allow("10.0.0.1", now));
        assert!(!limiter.allow("10.0.0.1", now));
        assert!(limiter.allow("10.0.0.2", now));
        assert!(
            limiter.allow("10.0.0.1", now + Duration::from_secs(601)),
            "the window passes"
        );
    }
}
