//! `praxis init`, `praxis new` and `praxis import wordpress`.

use std::io::Write;
use std::path::Path;

use super::Error;
use crate::authoring::{init as init_site, new_page, wordpress};
use crate::config::Config;

pub fn init(dir: &Path) -> Result<(), Error> {
    let files = init_site::create(dir).map_err(Error::Init)?;
    outln!("a new site in {} ({files} files)", dir.display());
    outln!("see it: praxis --root {} serve --watch", dir.display());
    Ok(())
}

pub fn new(root: &Path, key: &str, titles: &[String]) -> Result<(), Error> {
    let config = load_config(root)?;
    let today = jiff::Zoned::now().date();
    let files = new_page::parse_titles(titles, &config)
        .and_then(|titles| new_page::create(root, &config, key, &titles, today))
        .map_err(Error::NewPage)?;
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

pub fn import_wordpress(options: &wordpress::Options) -> Result<(), Error> {
    let config = load_config(&options.root)?;
    let report = wordpress::import(options, &config).map_err(Error::Located)?;
    // A closed pipe (`| head`) is no reason to fail an import that is done.
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "{report}");
    if report.nothing_imported() {
        return Err(Error::NothingImported);
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

fn load_config(root: &Path) -> Result<Config, Error> {
    Config::load(root).map_err(Error::Diagnostics)
}
