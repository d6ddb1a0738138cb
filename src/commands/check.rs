//! `praxis check`: everything a build would report, plus what a build lets
//! through: missing and out-of-date translations.

use std::path::Path;

use clap::Args;
use serde::Serialize;

use super::Error;
use crate::advice::{Checked, check};
use crate::config::publish::Target;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::report;

// The arguments (no doc comment: clap would show it instead of the command's).
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// How to print the report
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Take the page KEY's versions as agreeing as they are now (after a
    /// change that needs no translation, like a typo fix)
    #[arg(long, value_name = "KEY")]
    pub accept: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(root: &Path, args: &CheckArgs) -> Result<(), Error> {
    let Checked {
        diagnostics: diags,
        lock_note,
        publish,
    } = check(root, &args.accept);
    match args.format {
        Format::Text => {
            report(&diags);
            if !publish.is_empty() {
                errln!("publish:");
                for target in &publish {
                    errln!("  {}", target.describe());
                }
            }
            let errors = diags.error_count();
            let warnings = diags.iter().count() - errors;
            errln!(
                "{} error{}, {} warning{}{}",
                errors,
                plural(errors),
                warnings,
                plural(warnings),
                lock_note.map(|n| format!("; {n}")).unwrap_or_default()
            );
        }
        Format::Json => outln!("{}", json_report(&diags, &publish)),
    }
    if diags.has_errors() {
        Err(Error::CheckFailed)
    } else {
        Ok(())
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<&'a Diagnostic>,
    publish: Vec<JsonTarget<'a>>,
}

/// A `[publish.NAME]` target, where it goes.
#[derive(Serialize)]
struct JsonTarget<'a> {
    name: &'a str,
    to: &'a str,
    kind: &'static str,
    url: Option<&'a str>,
    endpoint: bool,
}

fn json_report(diags: &Diagnostics, publish: &[Target]) -> String {
    let errors = diags.error_count();
    let report = JsonReport {
        errors,
        warnings: diags.iter().count() - errors,
        diagnostics: diags.iter().collect(),
        publish: publish
            .iter()
            .map(|t| JsonTarget {
                name: &t.name,
                to: &t.to,
                kind: t.destination.kind(),
                url: t.url.as_deref(),
                endpoint: t.endpoint,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
