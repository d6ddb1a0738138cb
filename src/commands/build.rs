//! `praxis build`: build the site and write it to disk atomically.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Failure, report};
use crate::build::{BuildOptions, build_site};
use crate::build_stamp::Stamps;
use crate::cli::BuildArgs;
use crate::output::{repair_interrupted, write_atomically};

pub fn run(root: &Path, args: &BuildArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let output = args.output.clone().unwrap_or_else(|| root.join("public"));
    if let Err(why) = check_output_dir(root, &output) {
        errln!("error: {why}\n   = help: choose an output folder of its own, like public/");
        return Err(Failure::Environment);
    }
    match repair_interrupted(&output) {
        Ok(repairs) => {
            if let Some(note) = repairs.describe() {
                errln!("note: {note}");
            }
        }
        Err(e) => {
            errln!(
                "error: cannot clean up after an interrupted build beside {}: {e}\n   = help: check that the folder is writable",
                output.display()
            );
            return Err(Failure::Environment);
        }
    }
    let options = BuildOptions {
        include_drafts: args.drafts,
        base_url: args.base_url.clone(),
        forms_here: false,
    };
    // The endpoint bundle and fault injection (tests) always build.
    let shortcut =
        args.endpoint_bundle.is_none() && std::env::var_os("PRAXIS_FAULT_INJECTION").is_none();
    let stamps = Stamps::take(root, &format!("{options:?}"));
    if shortcut
        && let Some(last) = stamps.unchanged_since(&output)
        && crate::output::published_as_recorded(&output)
    {
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
    let built = build_site(root, &options);
    let diags = &built.diagnostics;
    report(diags);
    if !built.succeeded() {
        errln!(
            "build failed with {} error{}; {} was left as it was",
            diags.error_count(),
            if diags.error_count() == 1 { "" } else { "s" },
            output.display()
        );
        return Err(Failure::Errors);
    };
    let mut clock = crate::timing::Stopwatch::from_env();
    let written = write_atomically(&built.files, &output);
    clock.lap("write");
    let written = match written {
        Ok(written) => written,
        Err(e) => {
            errln!(
                "error: cannot write the site to {}: {e}\n   = help: check that the folder is writable and the disk has room; the previous site was left as it was",
                output.display()
            );
            return Err(Failure::Environment);
        }
    };
    if let Some(note) = written.repairs.describe() {
        errln!("note: {note}");
    }
    if shortcut {
        let report: String = diags.iter().map(|d| format!("{d}\n\n")).collect();
        stamps.record(
            &output,
            report,
            built.pages_per_language(),
            built.files.len(),
        );
    }
    if let Some(dir) = &args.endpoint_bundle {
        if std::path::absolute(dir).ok() == std::path::absolute(&output).ok() {
            errln!(
                "error: the endpoint bundle cannot go in the site's own output folder\n   = help: choose a folder of its own, like endpoint/"
            );
            return Err(Failure::Environment);
        }
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

/// Refuses output folders whose replacement would destroy the site itself.
/// `--endpoint-bundle DIR`: the endpoint's bundle, swapped in as the site is.
fn write_bundle(root: &Path, built: &crate::build::Build, dir: &Path) -> Result<(), Failure> {
    if let Err(why) = check_output_dir(root, dir) {
        errln!(
            "error: {why}\n   = help: choose a folder of its own for the bundle, like endpoint/"
        );
        return Err(Failure::Environment);
    }
    let Some(site) = &built.site else {
        return Err(Failure::Errors);
    };
    let mut diags = crate::diagnostics::Diagnostics::default();
    let theme = crate::render::templates::theme_dir(root, &site.config, &mut diags);
    let files = match crate::forms::bundle::files(root, site, theme.as_deref()) {
        Ok(files) => files,
        Err(problems) => {
            for d in problems {
                diags.push(d);
            }
            report(&diags);
            return Err(Failure::Errors);
        }
    };
    match write_atomically(&files, dir) {
        Ok(_) => {
            outln!(
                "endpoint bundle: {} files → {} (run it with `praxis forms serve --bundle`)",
                files.len(),
                dir.display()
            );
            Ok(())
        }
        Err(e) => {
            errln!(
                "error: cannot write the endpoint bundle to {}: {e}\n   = help: check that the folder is writable",
                dir.display()
            );
            Err(Failure::Environment)
        }
    }
}

fn check_output_dir(root: &Path, output: &Path) -> Result<(), String> {
    let absolute =
        |p: &Path| -> PathBuf { std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()) };
    let root = absolute(root);
    let output = absolute(output);
    if root.starts_with(&output) {
        return Err(format!(
            "the output folder {} holds the site itself, and building replaces the output folder",
            output.display()
        ));
    }
    for dir in ["content", "themes", "templates", "static", "i18n"] {
        if output.starts_with(root.join(dir)) {
            return Err(format!(
                "the output folder {} is inside the site's {dir}/ folder",
                output.display()
            ));
        }
    }
    Ok(())
}
