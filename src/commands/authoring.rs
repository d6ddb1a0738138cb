//! `praxis init`, `praxis new` and `praxis import wordpress`.

use std::io::Write;
use std::path::Path;

use super::{Failure, report};
use crate::authoring::{init as init_site, new_page, wordpress};
use crate::config::Config;

pub fn init(dir: &Path) -> Result<(), Failure> {
    match init_site::create(dir) {
        Ok(files) => {
            println!("a new site in {} ({files} files)", dir.display());
            println!("see it: praxis --root {} serve --watch", dir.display());
            Ok(())
        }
        Err(why) => {
            eprintln!("error: {why}");
            Err(Failure::Errors)
        }
    }
}

pub fn new(root: &Path, key: &str, title: Option<&str>) -> Result<(), Failure> {
    let config = load_config(root)?;
    let today = jiff::Zoned::now().date();
    match new_page::create(root, &config, key, title, today) {
        Ok(files) => {
            for file in files {
                println!(
                    "created {}",
                    file.strip_prefix(root).unwrap_or(&file).display()
                );
            }
            println!(
                "they are drafts: remove `draft = true` to publish, preview with `praxis serve --watch --drafts`"
            );
            Ok(())
        }
        Err(why) => {
            eprintln!("error: {why}");
            Err(Failure::Errors)
        }
    }
}

pub fn import_wordpress(options: &wordpress::Options) -> Result<(), Failure> {
    let config = load_config(&options.root)?;
    let report = wordpress::import(options, &config).map_err(|d| {
        eprintln!("{d}");
        Failure::Errors
    })?;
    // A closed pipe (`| head`) is no reason to fail an import that is done.
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "{report}");
    if !options.dry_run {
        let _ = writeln!(
            out,
            "\nnext: `praxis --root {} check`, then look through the pages",
            options.root.display()
        );
    }
    Ok(())
}

fn load_config(root: &Path) -> Result<Config, Failure> {
    Config::load(root).map_err(|d| {
        report(&d);
        Failure::Errors
    })
}
