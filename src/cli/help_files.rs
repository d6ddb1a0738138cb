//! The command line described for other programs: completion scripts for
//! the shells, man pages for `man`. Both are made from the same clap
//! definition that parses the arguments, so they cannot drift from it.
//! The Debian package ships them (scripts/release.sh makes them with the
//! binary it packages); anyone else gets a shell's script from `praxis
//! completions SHELL`.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use super::Cli;
use crate::error::Error;

/// Prints the completion script for `shell` on standard output.
pub fn completions(shell: clap_complete::Shell) -> Result<(), Error> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "praxis", &mut script);
    std::io::stdout()
        .lock()
        .write_all(&script)
        .map_err(Error::Output)
}

/// Writes `praxis.1` and a page per subcommand (`praxis-forms-serve.1`)
/// into `dir`, made if missing. Hidden commands get none.
pub fn man_pages(dir: &Path) -> Result<(), Error> {
    let write = |source| Error::Write {
        path: dir.to_owned(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(write)?;
    clap_mangen::generate_to(Cli::command(), dir).map_err(write)
}
