//! `praxis build`: the site built into its folder on disk
//! ([`crate::build_to_disk`]), and its last line printed.

use std::path::{Path, PathBuf};

use clap::Args;

use super::Error;
use crate::build::BuildOptions;
use crate::build_to_disk::{Request, build};

// The arguments (no doc comment: clap would show it instead of the command's).
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the site [default: ROOT/public]
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include pages marked draft = true
    #[arg(long)]
    pub drafts: bool,
    /// The address the site is published at, replacing base_url from site.toml
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Also write what `praxis forms serve --bundle DIR` needs on a server
    #[arg(long, value_name = "DIR")]
    pub endpoint_bundle: Option<PathBuf>,
}

pub fn run(root: &Path, args: &BuildArgs) -> Result<(), Error> {
    let request = Request {
        output: args.output.clone(),
        options: BuildOptions {
            include_drafts: args.drafts,
            base_url: args.base_url.clone(),
            forms_here: false,
        },
        bundle: args.endpoint_bundle.clone(),
    };
    let built = build(root, &request)?;
    outln!("{}", built.summary());
    Ok(())
}
