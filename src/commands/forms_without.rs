//! `praxis forms …` in a praxis built without the `forms-server` feature:
//! every subcommand (serve, list, export, pull…) is the error that says so,
//! at the site's `[forms]` when site.toml declares them. Building a site
//! with forms needs no server: their pages are the same in every build.

use std::path::Path;

use clap::Args;

use super::Error;
use crate::config::{CONFIG_FILE, Config};
use crate::features::{self, Feature};

#[derive(Debug, Args)]
pub struct FormsArgs {
    /// What a praxis with the form server does here (serve, list, export, pull…)
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

/// The error, located at `[forms]` in site.toml when the site declares some.
pub fn run(root: &Path, args: &FormsArgs) -> Result<(), Error> {
    let asked = match args.command.first() {
        Some(command) => format!("`praxis forms {command}` needs the form server"),
        None => "`praxis forms` needs the form server".to_owned(),
    };
    let mut error = features::missing(Feature::FormsServer, &asked);
    if let Ok(config) = Config::load(root)
        && !config.forms.is_empty()
    {
        let at = features::table_offset(&config.source, "forms");
        error = error.in_file(CONFIG_FILE).at_offset(&config.source, at, 1);
    }
    Err(Error::Located(error))
}
