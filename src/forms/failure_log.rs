//! Storage failures, logged once per interval with a count.
//!
//! When the disk is full every submission fails the same way; a line per
//! refused visitor would bury the one line that matters and fill what is
//! left of the disk. So the first failure is logged at once, the ones that
//! follow within [`INTERVAL`] are counted, and the count is logged with the
//! next failure after it, or when storing works again.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::diagnostics::{Help, Report};

/// A submission that was not stored, and how many more failed unlogged
/// since the last line.
#[derive(Debug, thiserror::Error)]
#[error(
    "a submission could not be stored: {why}{}",
    if *earlier == 0 { String::new() } else { format!(" ({earlier} more failed since the last message)") }
)]
struct NotStored<'a> {
    why: &'a str,
    earlier: u64,
}

/// The server's operator reads why in the line itself.
impl Help for NotStored<'_> {}

/// At most one line about failures per this span.
pub const INTERVAL: Duration = Duration::from_secs(60);

#[derive(Default)]
pub struct FailureLog {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// When the last line was written, while failures go on.
    logged_at: Option<Instant>,
    /// Failures since that line, not yet told.
    untold: u64,
}

impl FailureLog {
    /// A failure to store, because of `why`: the line to log, if one is due.
    pub fn failed(&self, why: &str, now: Instant) -> Option<String> {
        let mut state = self.state.lock().ok()?;
        if let Some(at) = state.logged_at
            && now.saturating_duration_since(at) < INTERVAL
        {
            state.untold += 1;
            return None;
        }
        let earlier = std::mem::take(&mut state.untold);
        state.logged_at = Some(now);
        Some(Report::error(&NotStored { why, earlier }).to_string())
    }

    /// A submission was stored: the line that closes a run of failures.
    pub fn stored(&self) -> Option<String> {
        let mut state = self.state.lock().ok()?;
        state.logged_at.take()?;
        let untold = std::mem::take(&mut state.untold);
        Some(format!(
            "submissions are stored again{}",
            if untold == 0 {
                String::new()
            } else {
                format!(" ({untold} more had failed since the last message)")
            }
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_failures_is_one_line_per_interval_with_a_count() {
        let log = FailureLog::default();
        let start = Instant::now();
        assert!(log.failed("disk full", start).is_some());
        for i in 1..=99 {
            assert_eq!(
                log.failed("disk full", start + Duration::from_millis(i)),
                None
            );
        }
        let next = log.failed("disk full", start + INTERVAL).unwrap();
        assert!(next.contains("(99 more failed"), "{next}");
        assert_eq!(log.failed("disk full", start + INTERVAL), None);
        let back = log.stored().unwrap();
        assert!(back.contains("(1 more had failed"), "{back}");
        assert_eq!(log.stored(), None, "said once");
        assert_eq!(
            log.failed("disk full", start + INTERVAL).as_deref(),
            Some("error: a submission could not be stored: disk full"),
            "a new run starts with a line at once"
        );
    }

    #[test]
    fn a_failure_just_before_the_interval_is_counted() {
        let log = FailureLog::default();
        let start = Instant::now();
        log.failed("x", start);
        assert_eq!(
            log.failed("x", start + INTERVAL - Duration::from_millis(1)),
            None
        );
        assert!(
            log.stored()
                .unwrap()
                .ends_with("(1 more had failed since the last message)")
        );
    }
}
