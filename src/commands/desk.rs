//! `praxis desk`: the preview with the desk at `/_praxis/`, opened in her
//! browser ([`crate::desk`]).

use std::path::Path;

use clap::Args;

use super::Error;

// The arguments (no doc comment: clap would show it instead of the command's).
#[derive(Debug, Args)]
pub struct DeskArgs {
    /// The port to listen on (0 picks a free one)
    #[arg(long, value_name = "N", default_value_t = 1111)]
    pub port: u16,
    /// Do not open a browser (print the address only)
    #[arg(long)]
    pub no_open: bool,
    /// Make a shortcut that opens this site's desk (in the applications
    /// menu and on the desktop), then stop
    #[arg(long, conflicts_with_all = ["port", "no_open"])]
    pub shortcut: bool,
}

pub fn run(root: &Path, args: &DeskArgs) -> Result<(), Error> {
    if args.shortcut {
        return crate::desk::make_shortcut(root);
    }
    crate::desk::run(
        root,
        &crate::desk::Options {
            port: args.port,
            open: !args.no_open,
        },
    )
}
