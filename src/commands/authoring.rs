//! `praxis init`, `praxis new` and `praxis import wordpress`.

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

pub fn import_wordpress(root: &Path, export: &Path) -> Result<(), Failure> {
    let config = load_config(root)?;
    let report = wordpress::import(export, root, &config).map_err(|d| {
        errln!("{d}");
        Failure::Errors
    })?;
    outln!(
        "imported {} posts and {} pages ({} translated together) into {}",
        report.posts,
        report.pages,
        report.translated_groups,
        root.join("content").display()
    );
    for skipped in &report.skipped {
        outln!("skipped {skipped}");
    }
    if !report.images.is_empty() {
        outln!(
            "\nthe content uses these images, which were not downloaded (fetch them and put them beside the pages that use them, or keep the links):"
        );
        for url in &report.images {
            outln!("  {url}");
        }
    }
    outln!(
        "\nnext: `praxis --root {} check`, then look through the pages",
        root.display()
    );
    Ok(())
}

fn load_config(root: &Path) -> Result<Config, Failure> {
    Config::load(root).map_err(|d| {
        report(&d);
        Failure::Errors
    })
}
