//! What the preview server tells the terminal about each build.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use crate::build::Build;

/// Reports builds on the terminal: every success in one line, each
/// distinct set of errors once, however many saves it lasts, and each
/// warning when it appears: one that stands from save to save is counted
/// on the success line, not printed again over the terminal's history.
#[derive(Default)]
pub struct Printer {
    last_errors: Option<Arc<str>>,
    /// The warnings of the last good build, as printed.
    warnings: HashSet<String>,
}

impl Printer {
    pub fn succeeded(&mut self, build: &Build, took: Duration) {
        let pages: usize = build.pages_per_language().iter().map(|(_, n)| n).sum();
        let fixed = if self.last_errors.take().is_some() {
            "; the errors are fixed"
        } else {
            ""
        };
        // In the build's order: each warning is made into text once.
        let warnings: Vec<String> = build.diagnostics.iter().map(|w| w.to_string()).collect();
        let mut standing = 0;
        for warning in &warnings {
            if self.warnings.contains(warning) {
                standing += 1;
            } else {
                errln!("{warning}\n");
            }
        }
        self.warnings = warnings.into_iter().collect();
        let standing = match standing {
            0 => String::new(),
            1 => "; 1 warning shown before still stands".to_owned(),
            n => format!("; {n} warnings shown before still stand"),
        };
        // After an edit that reached only some outputs, how many: what
        // tells a slow save that went through every output from a quick one.
        let remade = match build.remade.as_ref().map(Vec::len) {
            Some(1) => ", 1 file made again".to_owned(),
            Some(n) => format!(", {n} files made again"),
            None => String::new(),
        };
        outln!(
            "built {pages} pages in {:.0} ms{remade}{fixed}{standing}",
            took.as_secs_f64() * 1000.0
        );
    }

    /// Prints the errors unless they are the ones printed last; returns them.
    pub fn failed(&mut self, build: &Build) -> Arc<str> {
        let text: String = build
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{d}\n\n"))
            .collect();
        let text: Arc<str> = Arc::from(text.trim_end());
        if self.last_errors.as_deref() != Some(&*text) {
            errln!(
                "{text}\n\nthe build failed; the browser shows the errors (over the last good version, if any) until they are fixed\n"
            );
            self.last_errors = Some(Arc::clone(&text));
        }
        text
    }
}
