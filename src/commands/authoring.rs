//! `praxis init`, `praxis new` and `praxis import wordpress`.

use std::io::Write;
use std::path::Path;

use super::{Failure, report};
use crate::authoring::{init as init_site, new_page, wordpress};
use crate::config::Config;

pub fn init(dir: &Path) -> Result<(), Failure> {
    match init_site::create(dir) {
        Ok(files) => {
            outln!("a new site in {} ({files} files)", dir.display());
            outln!("see it: praxis --root {} serve --watch", dir.display());
            Ok(())
        }
        Err(why) => {
            errln!("error: {why}");
            Err(Failure::Errors)
        }
    }
}

pub fn new(root: &Path, key: &str, titles: &[String]) -> Result<(), Failure> {
    let config = load_config(root)?;
    let today = jiff::Zoned::now().date();
    let created = new_page::parse_titles(titles, &config)
        .and_then(|titles| new_page::create(root, &config, key, &titles, today));
    match created {
        Ok(files) => {
            for file in &files {
                let shown = file.path.strip_prefix(root).unwrap_or(&file.path).display();
                if file.placeholder {
                    outln!(
                        "created {shown} with a placeholder title: no {} title was given",
                        file.lang
                    );
                } else {
                    outln!("created {shown}");
                }
            }
            if files.iter().any(|f| f.placeholder) {
                outln!(
                    "write the titles marked {}: `praxis check` lists them until you do",
                    new_page::PLACEHOLDER
                );
            }
            outln!(
                "they are drafts: remove `draft = true` to publish, preview with `praxis serve --watch --drafts`"
            );
            Ok(())
        }
        Err(why) => {
            errln!("error: {why}");
            Err(Failure::Errors)
        }
    }
}

pub fn import_wordpress(options: &wordpress::Options) -> Result<(), Failure> {
    let config = load_config(&options.root)?;
    let report = wordpress::import(options, &config).map_err(|d| {
        errln!("{d}");
        Failure::Errors
    })?;
    // A closed pipe (`| head`) is no reason to fail an import that is done.
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "{report}");
    if report.nothing_imported() {
        errln!(
            "error: nothing was imported: no post or page of the export is in one of this site's languages; the report above says why, item by item (usually: pass --language CODE)"
        );
        return Err(Failure::Errors);
    }
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
