//! A per-client rate limit, kept in memory only.
//!
//! Clients are told apart by their address, which is never stored: the
//! limiter keeps a keyed hash of it (the key is random and lives only as
//! long as the process), and forgets a client once its window is over.
//!
//! The window slides: a client may make `limit` attempts in any span of
//! `window`; the oldest one stops counting exactly `window` after it was
//! made, and a refused client is told how long that is.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hash, RandomState};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many clients are remembered before the ones whose window is over
/// are swept out.
const SWEEP_AT: usize = 10_000;

pub struct RateLimiter {
    limit: usize,
    window: Duration,
    salt: RandomState,
    seen: Mutex<HashMap<u64, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// At most `limit` attempts per client within `window`.
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            limit: limit.max(1) as usize,
            window,
            salt: RandomState::new(),
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// The same clients and attempts, counted against a new `limit`: a
    /// limit changed in the middle of a flood applies to the flood so far.
    pub fn with_limit(&self, limit: u32) -> RateLimiter {
        let seen = match self.seen.lock() {
            Ok(seen) => seen.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        RateLimiter {
            limit: limit.max(1) as usize,
            window: self.window,
            salt: self.salt.clone(),
            seen: Mutex::new(seen),
        }
    }

    /// Counts an attempt by `client` at `now`; when its allowance is spent,
    /// `Err` holds how long until an attempt is free again. Taking is one
    /// step under the lock, so parallel requests cannot all slip through.
    pub fn take(&self, client: &impl Hash, now: Instant) -> Result<(), Duration> {
        let key = self.salt.hash_one(client);
        let Ok(mut seen) = self.seen.lock() else {
            return Ok(());
        };
        if seen.len() > SWEEP_AT {
            seen.retain(|_, times| times.back().is_some_and(|t| !self.expired(*t, now)));
        }
        let times = seen.entry(key).or_default();
        while times.front().is_some_and(|t| self.expired(*t, now)) {
            times.pop_front();
        }
        if times.len() >= self.limit {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(self
                .window
                .saturating_sub(now.saturating_duration_since(oldest)));
        }
        times.push_back(now);
        Ok(())
    }

    /// Returns the attempt `client` made at `at`: it turned out not to count.
    pub fn give_back(&self, client: &impl Hash, at: Instant) {
        let key = self.salt.hash_one(client);
        let Ok(mut seen) = self.seen.lock() else {
            return;
        };
        if let Some(times) = seen.get_mut(&key)
            && let Some(i) = times.iter().rposition(|t| *t == at)
        {
            times.remove(i);
        }
    }

    /// An attempt made at `at` no longer counts at `now`.
    fn expired(&self, at: Instant, now: Instant) -> bool {
        now.saturating_duration_since(at) >= self.window
    }
}

/// A wait as `Retry-After` says it: whole seconds, rounded up, at least one,
/// so that a client that waits as told is never refused again for it.
pub fn retry_after_secs(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WINDOW: Duration = Duration::from_secs(600);

    #[test]
    fn a_new_limit_counts_the_attempts_made_under_the_old_one() {
        let limiter = RateLimiter::new(5, WINDOW);
        let now = Instant::now();
        for _ in 0..3 {
            assert!(limiter.take(&"10.0.0.1", now).is_ok());
        }
        let lower = limiter.with_limit(2);
        assert_eq!(lower.take(&"10.0.0.1", now), Err(WINDOW));
        assert!(lower.take(&"10.0.0.2", now).is_ok());
        let higher = limiter.with_limit(4);
        assert!(higher.take(&"10.0.0.1", now).is_ok());
        assert_eq!(higher.take(&"10.0.0.1", now), Err(WINDOW));
    }

    #[test]
    fn one_client_is_limited_others_are_not() {
        let limiter = RateLimiter::new(2, WINDOW);
        let now = Instant::now();
        assert!(limiter.take(&"10.0.0.1", now).is_ok());
        assert!(limiter.take(&"10.0.0.1", now).is_ok());
        assert_eq!(limiter.take(&"10.0.0.1", now), Err(WINDOW));
        assert!(limiter.take(&"10.0.0.2", now).is_ok());
    }

    #[test]
    fn an_attempt_stops_counting_exactly_one_window_later() {
        let limiter = RateLimiter::new(1, WINDOW);
        let start = Instant::now();
        limiter.take(&"a", start).unwrap();
        let almost = start + WINDOW - Duration::from_millis(1);
        assert_eq!(
            limiter.take(&"a", almost),
            Err(Duration::from_millis(1)),
            "one millisecond before the window is over, the wait is that millisecond"
        );
        assert!(limiter.take(&"a", start + WINDOW).is_ok());
        assert!(
            limiter.take(&"a", start + WINDOW).is_err(),
            "and the new attempt counts"
        );
    }

    #[test]
    fn a_limit_of_n_allows_exactly_n() {
        let limiter = RateLimiter::new(5, WINDOW);
        let now = Instant::now();
        let allowed = (0..10).filter(|_| limiter.take(&"a", now).is_ok()).count();
        assert_eq!(allowed, 5);
    }

    #[test]
    fn a_limit_of_zero_still_lets_one_attempt_through() {
        // A window with no attempt at all would lock every visitor out
        // for good; rate_limit = 0 is read as the smallest useful limit.
        let limiter = RateLimiter::new(0, WINDOW);
        let now = Instant::now();
        assert!(limiter.take(&"a", now).is_ok());
        assert!(limiter.take(&"a", now).is_err());
    }

    #[test]
    fn the_wait_is_until_the_oldest_attempt_expires() {
        let limiter = RateLimiter::new(2, WINDOW);
        let start = Instant::now();
        limiter.take(&"a", start).unwrap();
        limiter
            .take(&"a", start + Duration::from_secs(100))
            .unwrap();
        assert_eq!(
            limiter.take(&"a", start + Duration::from_secs(250)),
            Err(Duration::from_secs(350))
        );
    }

    #[test]
    fn a_given_back_attempt_no_longer_counts() {
        let limiter = RateLimiter::new(1, WINDOW);
        let now = Instant::now();
        limiter.take(&"a", now).unwrap();
        limiter.give_back(&"b", now);
        assert!(limiter.take(&"a", now).is_err(), "only its own client's");
        limiter.give_back(&"a", now);
        assert!(limiter.take(&"a", now).is_ok());
    }

    #[test]
    fn clients_are_forgotten_once_their_window_is_over() {
        let limiter = RateLimiter::new(1, WINDOW);
        let start = Instant::now();
        for i in 0..=SWEEP_AT {
            limiter.take(&i, start).unwrap();
        }
        let later = start + WINDOW;
        limiter.take(&"new", later).unwrap();
        let seen = limiter.seen.lock().unwrap();
        assert_eq!(seen.len(), 1, "the expired clients were swept");
    }

    #[test]
    fn clients_within_their_window_are_not_forgotten() {
        let limiter = RateLimiter::new(1, WINDOW);
        let start = Instant::now();
        for i in 0..=SWEEP_AT {
            limiter.take(&i, start).unwrap();
        }
        assert!(
            limiter.take(&0usize, start + WINDOW / 2).is_err(),
            "a sweep keeps who still counts"
        );
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_secs(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(1001)), 2);
        assert_eq!(retry_after_secs(Duration::from_secs(350)), 350);
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
    }
}
