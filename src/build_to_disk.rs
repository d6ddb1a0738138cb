//! `praxis build` as a library call: the site built into its folder on
//! disk, and the endpoint bundle beside it. The command reads its arguments
//! into a [`Request`] and prints the one line a [`Built`] makes; what a
//! build says on the way (its diagnostics, what it repaired or kept) it
//! says here, as it happens.
//!
//! In order: the output is placed where praxis may write
//! ([`place_output`]: never the site's sources, the home folder, `/`, or a
//! folder that would publish the submissions), what interrupted builds
//! left is repaired, and when every input and published file is as the
//! last build recorded ([`crate::build_stamp`]) nothing more happens. Else
//! the site is built page by page into a staging tree
//! ([`crate::output::Staging`]) that takes the old one's place only if the
//! build succeeds, the record of its inputs is written, and the bundle is
//! made.

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use rayon::prelude::*;

use crate::build::{BuildOptions, build_site_into};
use crate::build_stamp::Stamps;
use crate::error::{Error, FolderClash, report};
use crate::output::{Staging, WriteError, real_path, repair_interrupted, write_atomically};
use crate::site_files::{Folder, OUTPUT_DIR};

/// What to build, and where.
pub struct Request {
    /// `--output`, else `ROOT/public`.
    pub output: Option<PathBuf>,
    pub options: BuildOptions,
    /// `--endpoint-bundle`.
    pub bundle: Option<PathBuf>,
}

/// What a build did, for its last line.
pub struct Built {
    /// Pages per language, in site order.
    pub pages: Vec<(String, usize)>,
    pub files: usize,
    /// Files left as they were; `None` when nothing changed since the last
    /// build, which then did nothing at all.
    pub unchanged: Option<usize>,
    /// The real folder the site is in.
    pub output: PathBuf,
    pub started: Instant,
}

impl Built {
    /// The line `praxis build` ends with.
    pub fn summary(&self) -> String {
        let per_language: Vec<String> = self
            .pages
            .iter()
            .map(|(lang, n)| format!("{lang} {n}"))
            .collect();
        let total: usize = self.pages.iter().map(|(_, n)| n).sum();
        let seconds = self.started.elapsed().as_secs_f64();
        match self.unchanged {
            None => format!(
                "nothing changed since the last build: {total} pages ({}) and {} files left as they were in {seconds:.2} s → {}",
                per_language.join(", "),
                self.files,
                self.output.display()
            ),
            Some(unchanged) => format!(
                "built {total} pages ({}) and {} files ({unchanged} unchanged) in {seconds:.2} s → {}",
                per_language.join(", "),
                self.files,
                self.output.display()
            ),
        }
    }
}

/// Builds the site under `root` as `request` says, into its folder.
pub fn build(root: &Path, request: &Request) -> Result<Built, Error> {
    let started = Instant::now();
    let (output, bundle) = folders(root, request)?;
    let options = &request.options;
    // The endpoint bundle and fault injection (tests) always build.
    let shortcut = bundle.is_none() && std::env::var_os("PRAXIS_FAULT_INJECTION").is_none();
    let mut clock = crate::timing::Stopwatch::from_env();
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
        return Ok(Built {
            pages: last.pages,
            files: last.files,
            unchanged: None,
            output,
            started,
        });
    }
    let (built, unchanged) = build_and_write(root, options, &mut stamps, &output)?;
    if shortcut {
        let report: String = built
            .diagnostics
            .iter()
            .map(|d| format!("{d}\n\n"))
            .collect();
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
    let done = Built {
        pages: built.pages_per_language(),
        files: built.files.len(),
        unchanged: Some(unchanged),
        output,
        started,
    };
    // `praxis build` exits next, and the system takes the memory back
    // whole: the model, the pages and what rendered them are not freed
    // one by one before.
    crate::build::let_go((built, stamps));
    Ok(done)
}

/// The real folders the site and the bundle go to, where praxis may write
/// (see [`place_output`]), with what interrupted builds of the site left
/// there repaired.
fn folders(root: &Path, request: &Request) -> Result<(PathBuf, Option<PathBuf>), Error> {
    let output = request
        .output
        .clone()
        .unwrap_or_else(|| root.join(OUTPUT_DIR));
    let output = place_output(root, &output).map_err(|clash| Error::OutputFolder {
        clash,
        bundle: false,
    })?;
    let bundle = match &request.bundle {
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
    Ok((output, bundle))
}

/// Builds the site into a staging tree beside `output`, page by page, and
/// swaps it in if the build succeeded; returns the build and how many files
/// were left as they were.
fn build_and_write(
    root: &Path,
    options: &BuildOptions,
    stamps: &mut Stamps,
    output: &Path,
) -> Result<(crate::build::Build, usize), Error> {
    let began = SystemTime::now();
    let mut clock = crate::timing::Stopwatch::from_env();
    let write_error = |error| match error {
        WriteError::Refused(why) => Error::NotOurs(why),
        WriteError::Io(source) => Error::WriteSite {
            output: output.to_path_buf(),
            source,
        },
    };
    // Pages are written into the new tree as they are rendered; it takes
    // the place of the old one only if the build succeeds.
    let staging = Staging::prepare(output).map_err(write_error)?;
    clock.lap("prepare staging");
    let built = build_site_into(root, options, stamps.content_walk(), &staging);
    report(&built.diagnostics);
    if !built.succeeded() {
        staging.abandon();
        return Err(Error::BuildFailed {
            errors: built.diagnostics.error_count(),
            output: output.to_path_buf(),
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
    for note in [written.repairs.describe(), written.describe_kept(output)]
        .into_iter()
        .flatten()
    {
        errln!("note: {note}");
    }
    crate::faults::die_if("die-before-record");
    Ok((built, written.unchanged))
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
pub fn place_output(root: &Path, output: &Path) -> Result<PathBuf, FolderClash> {
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
