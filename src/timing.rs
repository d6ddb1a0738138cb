//! Stage timings, printed when `PRAXIS_TIMINGS` is set.

/// Stage timings on stderr when `PRAXIS_TIMINGS` is set: the cheapest
/// profile there is, and the first place to look when a build is slow or
/// large. Each lap also gives the memory the process holds and the most
/// it has held (where the system tells: Linux's /proc).
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
                "{stage:>20}: {:7.2} ms{}",
                last.elapsed().as_secs_f64() * 1000.0,
                memory().unwrap_or_default()
            );
            self.last = Some(std::time::Instant::now());
        }
    }
}

/// "  rss 120 MiB, peak 180 MiB", from /proc/self/status.
fn memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line[name.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    };
    Some(format!(
        "   rss {:4} MiB, peak {:4} MiB",
        field("VmRSS:")? / 1024,
        field("VmHWM:")? / 1024
    ))
}
