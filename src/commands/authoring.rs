//! `praxis init`, `praxis new` and `praxis import wordpress`.

#[cfg(feature = "wordpress")]
use std::io::Write;
use std::path::Path;
#[cfg(feature = "wordpress")]
use std::path::PathBuf;

use super::Error;
#[cfg(feature = "wordpress")]
use crate::authoring::wordpress;
use crate::authoring::{init as init_site, new_page};
use crate::config::Config;

pub fn init(dir: &Path) -> Result<(), Error> {
    let files = init_site::create(dir).map_err(Error::Init)?;
    outln!("a new site in {} ({files} files)", dir.display());
    if !init_site::MAKES_KEY_PAIR {
        outln!(
            "no key pair for its contact form: this praxis was built without the `forms-server` feature (site.toml says how to make one)"
        );
    }
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

// The flags of `praxis import wordpress` (no doc comment: clap would show it instead of the command's).
#[cfg(feature = "wordpress")]
#[derive(Debug, clap::Args)]
pub struct WordpressArgs {
    #[arg(value_name = "EXPORT.xml")]
    pub export: PathBuf,
    /// The site to import into [default: --root]
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// A copy of wp-content/uploads (or any folder holding the media): the files posts show are copied beside them
    #[arg(long, value_name = "DIR")]
    pub uploads: Option<PathBuf>,
    /// Download the media no --uploads folder holds from the old site, while it is online (kept in .praxis-cache/wordpress-media/, resumed if interrupted)
    #[arg(long)]
    pub fetch_media: bool,
    /// With --fetch-media: the largest file to download, in megabytes
    #[arg(long, value_name = "MB", default_value_t = wordpress::DEFAULT_MEDIA_LIMIT_MB, value_parser = clap::value_parser!(u64).range(1..))]
    pub media_size_limit: u64,
    /// The site language of posts the export does not label (WordPress says `en` by default)
    #[arg(long, value_name = "CODE")]
    pub language: Option<String>,
    /// Write the comments to FILE (JSON, outside content/: never published)
    #[arg(long, value_name = "FILE")]
    pub comments: Option<PathBuf>,
    /// Print what would happen, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Do not turn categories into tags
    #[arg(long)]
    pub no_categories: bool,
    /// The WordPress menu to make the site's menu from [default: the one with the most top-level pages]
    #[arg(long, value_name = "NAME")]
    pub menu: Option<String>,
    /// Import again the posts and pages deleted from the site since an earlier import
    #[arg(long)]
    pub restore: bool,
}

#[cfg(feature = "wordpress")]
pub fn import_wordpress(root: &Path, args: &WordpressArgs) -> Result<(), Error> {
    let options = wordpress::Options {
        uploads: args.uploads.clone(),
        language: args.language.clone(),
        comments: args.comments.clone(),
        dry_run: args.dry_run,
        no_categories: args.no_categories,
        fetch_media: args.fetch_media,
        media_size_limit: args.media_size_limit.saturating_mul(1_000_000),
        menu: args.menu.clone(),
        restore: args.restore,
        ..wordpress::Options::new(
            args.export.clone(),
            args.into.clone().unwrap_or_else(|| root.to_owned()),
        )
    };
    let options = &options;
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
