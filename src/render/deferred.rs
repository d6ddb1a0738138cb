//! Outputs put off until the pages' summaries are made.
//!
//! In a build that is not kept (`praxis build`), every page's HTML is held
//! from its Markdown until the outputs that show it are made, and the
//! pages' summaries as template values (2–3 KB a page: tera's maps) were
//! held beside it, at the same time. Most outputs read no summary: a page
//! shows its own HTML and, of other pages, only titles and URLs taken from
//! the model. So the summaries' values are made only after a first pass
//! over every output has made those — letting go of most pages' HTML —
//! and the outputs that asked for a summary during that pass (a list, a
//! `get_page`) are noticed here, dropped unmade, and made in a second pass.

use std::cell::Cell;

thread_local! {
    /// Whether the output being made on this thread asked for a summary
    /// whose value is not made yet.
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// Notes that the output being made on this thread needs the summaries'
/// values, which are not made yet: whatever it makes is thrown away.
pub fn asked_too_early() {
    ASKED.set(true);
}

/// Whether the output being made on this thread asked for summaries not
/// made yet, so far: what it makes is not to be written.
pub fn asked() -> bool {
    ASKED.get()
}

/// Runs `make` (one output, on this thread), and tells whether it asked
/// for summaries not made yet.
pub fn watching<T>(make: impl FnOnce() -> T) -> (T, bool) {
    ASKED.set(false);
    let made = make();
    (made, ASKED.replace(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_that_asks_too_early_is_noticed_and_the_next_one_starts_clean() {
        let ((), asked) = watching(asked_too_early);
        assert!(asked);
        let ((), asked) = watching(|| ());
        assert!(!asked);
    }
}
