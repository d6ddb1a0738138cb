//! `praxis publish [NAME]`: the site sent to a target of site.toml's
//! `[publish]` ([`crate::publish`]).

use std::path::Path;

use clap::Args;

use super::Error;
use crate::publish::{Request, publish};

// The arguments (no doc comment: clap would show it instead of the command's).
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The target, [publish.NAME] in site.toml [default: the first]
    #[arg(value_name = "NAME")]
    pub target: Option<String>,
    /// Show what would change on the host, send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Publish without asking
    #[arg(long, short)]
    pub yes: bool,
    /// The language praxis speaks (nl, fr or en) [default: the site's]
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
}

pub fn run(root: &Path, args: &PublishArgs) -> Result<(), Error> {
    publish(
        root,
        &Request {
            target: args.target.clone(),
            dry_run: args.dry_run,
            yes: args.yes,
            lang: args.lang.clone(),
        },
    )?;
    Ok(())
}
