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
