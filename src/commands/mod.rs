//! The commands: thin glue between the command line and the library.

pub mod authoring;
pub mod build;
pub mod check;
pub mod forms;

use std::process::ExitCode;

use crate::diagnostics::Diagnostics;

/// Why a command failed; what it had to say is already printed.
#[derive(Debug)]
pub enum Failure {
    /// The input has errors (exit status 1).
    Errors,
    /// The command could not do its work for another reason, such as an
    /// unwritable output folder (exit status 2).
    Environment,
}

impl Failure {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Errors => ExitCode::from(1),
            Failure::Environment => ExitCode::from(2),
        }
    }
}

/// Prints every diagnostic to stderr, a blank line between them.
pub fn report(diags: &Diagnostics) {
    for d in diags.iter() {
        errln!("{d}\n");
    }
}
