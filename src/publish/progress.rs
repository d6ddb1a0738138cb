//! The progress bar of a transfer: shown on a terminal once a transfer has
//! taken more than a second (a quick one just ends with its line).

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::hosts::Progress;

pub struct Bar {
    bar: ProgressBar,
    started: Instant,
}

/// How long a transfer runs before its bar is shown.
const QUIET: Duration = Duration::from_secs(1);

impl Bar {
    pub fn new(files: u64, what: String) -> Bar {
        let bar = ProgressBar::with_draw_target(Some(files), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what);
        Bar {
            bar,
            started: Instant::now(),
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn sent(&self, files: u64) {
        if self.bar.is_hidden() && self.started.elapsed() > QUIET {
            // Drawn on standard error, and only on a terminal.
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        self.bar.set_position(files);
    }
}

/// A publish nobody follows (the terminal's bar is made once the plan is
/// agreed to).
pub struct Unfollowed;

impl Progress for Unfollowed {
    fn sent(&self, _files: u64) {}
}
