//! Stage timings, printed when `PRAXIS_TIMINGS` is set.

/// Stage timings on stderr when `PRAXIS_TIMINGS` is set: the cheapest
/// profile there is, and the first place to look when a build is slow.
pub struct Stopwatch {
    last: Option<std::time::Instant>,
}

impl Stopwatch {
    pub fn from_env() -> Stopwatch {
        Stopwatch {
            last: std::env::var_os("PRAXIS_TIMINGS").map(|_| std::time::Instant::now()),
        }
    }

    pub fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            errln!(
                "{stage:>20}: {:7.2} ms",
                last.elapsed().as_secs_f64() * 1000.0
            );
            self.last = Some(std::time::Instant::now());
        }
    }
}
