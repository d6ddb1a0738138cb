//! Stage timings, printed when `PRAXIS_TIMINGS` is set.

/// Stage timings on stderr when `PRAXIS_TIMINGS` is set: the cheapest
/// profile there is, and the first place to look when a build is slow or
/// large. Each lap also gives the processor time the whole process spent in
/// it (all threads: twice the wall time is both cores busy, the wall time
/// alone a stage that runs on one), the memory the process holds and the
/// most it has held (where the system tells: Linux's /proc).
pub struct Stopwatch {
    last: Option<(std::time::Instant, Option<f64>)>,
}

impl Stopwatch {
    pub fn from_env() -> Stopwatch {
        Stopwatch {
            last: std::env::var_os("PRAXIS_TIMINGS")
                .map(|_| (std::time::Instant::now(), cpu_seconds())),
        }
    }

    pub fn lap(&mut self, stage: &str) {
        if let Some((last, cpu_then)) = self.last {
            let cpu_now = cpu_seconds();
            let cpu = match (cpu_then, cpu_now) {
                (Some(then), Some(now)) => format!("   cpu {:5.0} ms", (now - then) * 1000.0),
                _ => String::new(),
            };
            errln!(
                "{stage:>20}: {:7.2} ms{cpu}{}",
                last.elapsed().as_secs_f64() * 1000.0,
                memory().unwrap_or_default()
            );
            self.last = Some((std::time::Instant::now(), cpu_now));
        }
    }
}

/// The processor time of every thread of the process so far, user and
/// system, from /proc/self/stat (in the 1/100 s ticks Linux reports).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command's name, in parentheses, may hold spaces: count fields
    // after it. utime and stime are fields 14 and 15.
    let mut fields = stat[stat.rfind(')')? + 1..].split_whitespace();
    let utime: f64 = fields.nth(11)?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    Some((utime + stime) / 100.0)
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
