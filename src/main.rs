use std::process::ExitCode;

use libmimalloc_sys as mi;

// A build makes and frees millions of small values (template contexts,
// Markdown events); mimalloc does that faster than the system allocator
// and gives the memory back in fewer, larger pieces.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_t` (`mimalloc.h`),
/// which `libmimalloc-sys` does not name: the option before
/// `mi_option_use_numa_nodes`. A test below checks it by its default.
const PURGE_DELAY: mi::mi_option_t = mi::mi_option_use_numa_nodes - 1;

/// How long freed memory is kept before it goes back to the system.
const PURGE_DELAY_MS: std::ffi::c_long = 10;

fn main() -> ExitCode {
    // Memory freed goes back to the system after 10 ms, not mimalloc's
    // second. A build lets go of each page's HTML while it makes the rest,
    // and asks for memory of other sizes (template values) meanwhile: with
    // the second, both are held at once. At once (0) cost a quarter of a
    // 20 000-page build in madvise calls and page faults; 10 ms batches
    // them and holds 3 MiB more at the peak (benches/README.md).
    // SAFETY: a plain setter of mimalloc's, called before any other thread
    // starts.
    unsafe { mi::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) };
    match praxis::cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            error.print();
            error.exit_code()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// If mimalloc renumbers its options, `PURGE_DELAY` would set another
    /// one: its default (1 000 ms in mimalloc 3) tells it apart from its
    /// neighbours (eager commit delay 1, NUMA nodes 0).
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: a plain getter.
        assert_eq!(unsafe { mi::mi_option_get(PURGE_DELAY) }, 1000);
    }
}
