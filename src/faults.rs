//! Fault injection for the test suite: `PRAXIS_FAULT_INJECTION` names, by
//! comma, the points at which a process dies as a SIGKILL would kill it,
//! so that tests can prove nothing is lost when that happens there.

/// Whether `point` is named in `PRAXIS_FAULT_INJECTION`.
pub fn injected(point: &str) -> bool {
    std::env::var("PRAXIS_FAULT_INJECTION")
        .is_ok_and(|spec| spec.split(',').any(|w| w.trim() == point))
}

/// Dies here, without destructors or cleanup, if `point` is injected.
pub fn die_if(point: &str) {
    if injected(point) {
        std::process::abort();
    }
}

/// Waits here, if `point` is injected, until the file named by
/// `PRAXIS_FAULT_RELEASE` exists (a minute at most): a test holds a
/// process at a point to look at what it does meanwhile.
pub fn hold_if(point: &str) {
    if !injected(point) {
        return;
    }
    let Some(release) = std::env::var_os("PRAXIS_FAULT_RELEASE") else {
        return;
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !std::path::Path::new(&release).exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}
