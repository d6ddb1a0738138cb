//! `praxis build`: build the site and write it to disk atomically.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;

use super::Error;
use rayon::prelude::*;

use crate::build::{BuildOptions, build_site_into};
use crate::build_stamp::Stamps;
use crate::error::{FolderClash, report};
use crate::output::{Staging, WriteError, real_path, repair_interrupted, write_atomically};
use crate::site_files::{Folder, OUTPUT_DIR};

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
    let started = Instant::now();
    let mut clock = crate::timing::Stopwatch::from_env();
    let began = std::time::SystemTime::now();
    let output = place_output(
        root,
        &args.output.clone().unwrap_or_else(|| root.join(OUTPUT_DIR)),
    )
    .map_err(|clash| Error::OutputFolder {
        clash,
        bundle: false,
    })?;
    let bundle = match &args.endpoint_bundle {
        Some(dir) => Some(place_bundle(root, dir, &output)?),
        None => None,
    };
    let repairs = repair_interrupted(&output).map_err(|source| Error::Repair {
        output: output.clone(),
        source,
    })?;
    if let Some(note) = repairs.describe() {
        errln!("note: {note}");
    }
    let options = BuildOptions {
        include_drafts: args.drafts,
        base_url: args.base_url.clone(),
        forms_here: false,
    };
    // The endpoint bundle and fault injection (tests) always build.
    let shortcut =
        args.endpoint_bundle.is_none() && std::env::var_os("PRAXIS_FAULT_INJECTION").is_none();
    // The published files are looked at only once the inputs are found as
    // they were: a build that has anything to do does not walk public/.
    let mut stamps = Stamps::take(root, &format!("{options:?}"));
    let last = stamps
        .unchanged_since(&output)
        .filter(|_| shortcut && crate::output::published_as_recorded(&output));
    clock.lap("inputs and public/");
    if let Some(last) = last {
        if !last.report.is_empty() {
            errln!("{}\n", last.report.trim_end_matches('\n'));
        }
        let total: usize = last.pages.iter().map(|(_, n)| n).sum();
        let per_language: Vec<String> = last
            .pages
            .iter()
            .map(|(lang, n)| format!("{lang} {n}"))
            .collect();
        outln!(
            "nothing changed since the last build: {total} pages ({}) and {} files left as they were in {:.2} s → {}",
            per_language.join(", "),
            last.files,
            started.elapsed().as_secs_f64(),
            output.display()
        );
        return Ok(());
    }
    let write_error = |error| match error {
        WriteError::Refused(why) => Error::NotOurs(why),
        WriteError::Io(source) => Error::WriteSite {
            output: output.clone(),
            source,
        },
    };
    // Pages are written into the new tree as they are rendered; it takes
    // the place of the old one only if the build succeeds.
    let staging = Staging::prepare(&output).map_err(write_error)?;
    clock.lap("prepare staging");
    let built = build_site_into(root, &options, stamps.content_walk(), &staging);
    let diags = &built.diagnostics;
    report(diags);
    if !built.succeeded() {
        staging.abandon();
        return Err(Error::BuildFailed {
            errors: diags.error_count(),
            output,
        });
    };
    clock = crate::timing::Stopwatch::from_env();
    let placed = built.files.par_iter().try_for_each(|f| staging.place(f));
    let written = match placed {
        Ok(()) => staging.commit(built.files.len()),
        Err(e) => {
            staging.abandon();
            Err(e.into())
        }
    };
    clock.lap("write");
    let written = written.map_err(write_error)?;
    crate::media::prune_cache(root, &built.files, began);
    for note in [written.repairs.describe(), written.describe_kept(&output)]
        .into_iter()
        .flatten()
    {
        errln!("note: {note}");
    }
    crate::faults::die_if("die-before-record");
    if shortcut {
        let report: String = diags.iter().map(|d| format!("{d}\n\n")).collect();
        stamps.record(
            &output,
            report,
            built.pages_per_language(),
            built.files.len(),
        );
    }
    if let Some(dir) = &bundle {
        write_bundle(root, &built, dir)?;
    }

    let images = built.images;
    if images.processed + images.reused > 0 {
        outln!(
            "images: {} made, {} reused from {}",
            images.processed,
            images.reused,
            crate::media::CACHE_DIR
        );
    }
    let per_language: Vec<String> = built
        .pages_per_language()
        .iter()
        .map(|(lang, n)| format!("{lang} {n}"))
        .collect();
    let total: usize = built.pages_per_language().iter().map(|(_, n)| n).sum();
    outln!(
        "built {total} pages ({}) and {} files ({} unchanged) in {:.2} s → {}",
        per_language.join(", "),
        built.files.len(),
        written.unchanged,
        started.elapsed().as_secs_f64(),
        output.display()
    );
    Ok(())
}

/// `--endpoint-bundle DIR`: the endpoint's bundle, swapped in as the site is
/// (its database, which praxis did not make, stays: see [`crate::output`]).
fn write_bundle(root: &Path, built: &crate::build::Build, dir: &Path) -> Result<(), Error> {
    // A build that succeeded has its site.
    let Some(site) = &built.site else {
        return Err(Error::Diagnostics(Default::default()));
    };
    let mut diags = crate::diagnostics::Diagnostics::default();
    let theme = site.config.theme_dir(root, &mut diags);
    let files = match crate::forms::bundle::files(root, site, theme.as_deref()) {
        Ok(files) => files,
        Err(problems) => {
            for d in problems {
                diags.push(d);
            }
            return Err(Error::Diagnostics(diags));
        }
    };
    let written = write_atomically(&files, dir).map_err(|error| match error {
        WriteError::Refused(why) => Error::NotOurs(why),
        WriteError::Io(source) => Error::WriteBundle {
            dir: dir.to_path_buf(),
            source,
        },
    })?;
    if let Some(note) = written.describe_kept(dir) {
        errln!("note: {note}");
    }
    outln!(
        "endpoint bundle: {} files → {} (run it with `praxis forms serve --bundle`)",
        files.len(),
        dir.display()
    );
    Ok(())
}

/// Where a build may write its output: the real path of `output` (a
/// `public` that links to a web root is followed, and stays a link),
/// unless replacing it would destroy the site itself or what holds it.
/// Whether the folder is praxis's to replace is the swap's to check
/// ([`crate::output::Staging::prepare`]).
fn place_output(root: &Path, output: &Path) -> Result<PathBuf, FolderClash> {
    let output = real_path(output);
    let root = real_path(root);
    if output.parent().is_none() {
        return Err(FolderClash::TheRoot(output));
    }
    if let Some(home) = std::env::home_dir().filter(|h| h.is_absolute())
        && real_path(&home).starts_with(&output)
    {
        return Err(FolderClash::HoldsTheHome(output));
    }
    if root.starts_with(&output) {
        return Err(FolderClash::HoldsTheSite(output));
    }
    // The site's folders a build reads: never an output's place.
    for folder in Folder::ALL {
        if output.starts_with(folder.of(&root)) {
            return Err(FolderClash::InsideTheSite(output, folder.name()));
        }
    }
    // What is in the output is published: never the submissions. (A
    // site.toml that does not load is the build's to report.)
    if let Ok(config) = crate::config::Config::load(&root) {
        let database = real_path(&root.join(&config.submissions.database));
        if database.starts_with(&output) {
            return Err(FolderClash::HoldsTheDatabase(output, database));
        }
    }
    Ok(output)
}

/// Where the endpoint bundle may go: as for the site's output, and apart
/// from it (neither holds the other).
fn place_bundle(root: &Path, dir: &Path, output: &Path) -> Result<PathBuf, Error> {
    let dir = place_output(root, dir).map_err(|clash| Error::OutputFolder {
        clash,
        bundle: true,
    })?;
    if dir.starts_with(output) || output.starts_with(&dir) {
        return Err(Error::BundleInOutput);
    }
    Ok(dir)
}
