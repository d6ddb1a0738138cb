//! What the preview server tells the terminal about each build.

use std::sync::Arc;
use std::time::Duration;

use crate::build::Build;

/// Reports builds on the terminal: every success in one line, and each
/// distinct set of errors once, however many saves it lasts.
#[derive(Default)]
pub struct Printer {
    last_errors: Option<Arc<str>>,
}

impl Printer {
    pub fn succeeded(&mut self, build: &Build, took: Duration) {
        let pages: usize = build.pages_per_language().iter().map(|(_, n)| n).sum();
        let fixed = if self.last_errors.take().is_some() {
            "; the errors are fixed"
        } else {
            ""
        };
        for warning in build.diagnostics.iter() {
            errln!("{warning}\n");
        }
        // After an edit that reached only some outputs, how many: what
        // tells a slow save that went through every output from a quick one.
        let remade = match build.remade.as_ref().map(Vec::len) {
            Some(1) => ", 1 file made again".to_owned(),
            Some(n) => format!(", {n} files made again"),
            None => String::new(),
        };
        outln!(
            "built {pages} pages in {:.0} ms{remade}{fixed}",
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
