//! What a build was made from, so that `praxis build` with nothing changed
//! does nothing: it checks, in a fraction of a second, that every input
//! and every published file is as the last build left them, says what that
//! build said, and leaves `public/` exactly as it is.
//!
//! Beside the output (`.public.praxis-inputs`, like the output manifest, so
//! never uploaded) a build records a digest of what it read: the path,
//! size, inode, modification and change time (which a copy that keeps
//! times, `cp -p`, does not keep) of every file under `content/`,
//! `static/`, `templates/`, `i18n/` and the theme's folder, and of
//! site.toml; the options it ran with; and the praxis binary itself. The record is
//! removed before a build's tree takes the old one's place
//! ([`crate::output`]), so it never describes a tree it did not make. With
//! the digest it keeps what it printed (its warnings, its page counts).
//!
//! The stamps are taken before the build reads anything, so a file saved
//! while it runs shows as changed next time. A file modified in the two
//! seconds before the build (a second edit in the same tick of the clock
//! would keep its stamp) makes the stamps untrustworthy: nothing is
//! recorded, and the next build is a whole one. The published files are
//! checked against the output manifest ([`crate::output::published_as_recorded`]):
//! a file changed, added or removed in `public/` by hand means a whole
//! build too.

use std::hash::Hasher;

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::config::{CONFIG_FILE, Config};
use crate::site_files::Folder;

/// The inputs of a build, taken before it starts.
pub struct Stamps {
    digest: Option<u128>,
    /// The walk of `content/` the stamps were taken from, for the build.
    content: Option<crate::content::Walk>,
}

/// What the last build recorded.
#[derive(Serialize, Deserialize)]
pub struct Recorded {
    digest: String,
    /// What the build printed about the site: its warnings, one after the other.
    pub report: String,
    /// Pages per language, in site order.
    pub pages: Vec<(String, usize)>,
    pub files: usize,
}

/// Where the record of `out_dir` is kept: beside it.
fn record_path(out_dir: &Path) -> PathBuf {
    crate::output::beside(out_dir, crate::output::INPUTS_RECORD)
}

impl Stamps {
    /// The stamps of the site under `root` built with `options` (which
    /// name everything else a build depends on); `None` inside when they
    /// cannot be trusted.
    pub fn take(root: &Path, options: &str) -> Stamps {
        let content = crate::content::Walk::of(root);
        Stamps {
            digest: digest(root, options, &content),
            content: Some(content),
        }
    }

    /// The walk of `content/` these stamps were taken from: the build's
    /// own, so that what it reads is what was stamped.
    pub fn content_walk(&mut self) -> Option<crate::content::Walk> {
        self.content.take()
    }

    /// What the last build into `out_dir` recorded, if it was made from
    /// exactly these inputs.
    pub fn unchanged_since(&self, out_dir: &Path) -> Option<Recorded> {
        let digest = self.digest?;
        let text = std::fs::read_to_string(record_path(out_dir)).ok()?;
        let recorded: Recorded = serde_json::from_str(&text).ok()?;
        (recorded.digest == format!("{digest:032x}")).then_some(recorded)
    }

    /// Records these stamps for the build just written to `out_dir`, or
    /// removes the record when they cannot be trusted. A record that cannot
    /// be written only costs the next build its shortcut.
    pub fn record(
        &self,
        out_dir: &Path,
        report: String,
        pages: Vec<(String, usize)>,
        files: usize,
    ) {
        let path = record_path(out_dir);
        let Some(digest) = self.digest else {
            let _ = std::fs::remove_file(&path);
            return;
        };
        let recorded = Recorded {
            digest: format!("{digest:032x}"),
            report,
            pages,
            files,
        };
        let Ok(text) = serde_json::to_string(&recorded) else {
            return;
        };
        // Written aside and renamed: a torn record is never read.
        let aside = path.with_extension("praxis-inputs-new");
        if std::fs::write(&aside, text).is_err() || std::fs::rename(&aside, &path).is_err() {
            let _ = std::fs::remove_file(&aside);
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The digest of every input of a build, or `None` when one was modified
/// too recently to be trusted, or the site cannot be read.
fn digest(root: &Path, options: &str, content: &crate::content::Walk) -> Option<u128> {
    let config = Config::load(root).ok()?;
    let now = SystemTime::now();
    let mut hasher = Xxh3::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(options.as_bytes());
    // A praxis built anew (same version, other code) may build otherwise.
    // (Not subject to the recency rule: it does not change while it runs.)
    let binary = std::env::current_exe().ok()?;
    stamp(
        &mut hasher,
        &binary,
        &std::fs::metadata(&binary).ok()?,
        None,
    )?;
    let config_file = root.join(CONFIG_FILE);
    stamp(
        &mut hasher,
        &config_file,
        &std::fs::metadata(&config_file).ok()?,
        Some(now),
    )?;
    let theme = crate::site_files::theme_path(root, &config.theme);
    // The stamps are of the files the build reads, found by the walks it
    // reads them by (links followed where they stay inside the site).
    let content_files: Vec<&Path> = content.files().collect();
    hasher.update(Folder::Content.of(root).as_os_str().as_encoded_bytes());
    stamp_files(&mut hasher, &content_files, now)?;
    // The site's folders besides `content/` (stamped from the walk the
    // build itself then uses), and of `themes/` the theme it uses.
    let dirs = Folder::OVER_THE_THEME
        .iter()
        .map(|d| d.of(root))
        .chain([theme]);
    for dir in dirs {
        hasher.update(dir.as_os_str().as_encoded_bytes());
        if !dir.exists() {
            continue;
        }
        // What is wrong with a folder (a link out of the site) is the
        // build's to say: it fails, and records nothing.
        let files = crate::site_files::walk(root, &dir, &mut Vec::new());
        let files: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        stamp_files(&mut hasher, &files, now)?;
    }
    Some(hasher.digest128())
}

/// Adds the identity of each of `files`, in their order, looked up side by
/// side (20 000 of them in a large site).
fn stamp_files(hasher: &mut Xxh3, files: &[&Path], now: SystemTime) -> Option<()> {
    let stamps: Vec<std::fs::Metadata> = files
        .par_iter()
        .map(|path| std::fs::metadata(path).ok())
        .collect::<Option<_>>()?;
    for (path, meta) in files.iter().zip(&stamps) {
        stamp(hasher, path, meta, Some(now))?;
    }
    Some(())
}

/// Adds one file's identity to the digest; `None` if it was modified so
/// shortly before `now` that another write could keep the same stamp.
fn stamp(
    hasher: &mut Xxh3,
    path: &Path,
    meta: &std::fs::Metadata,
    now: Option<SystemTime>,
) -> Option<()> {
    let modified = meta.modified().ok()?;
    if let Some(now) = now
        && now.duration_since(modified).unwrap_or(Duration::ZERO) < Duration::from_secs(2)
    {
        return None;
    }
    hasher.update(path.as_os_str().as_encoded_bytes());
    hasher.write_u64(meta.len());
    let since = modified.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    hasher.write_u128(since.as_nanos());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        hasher.write_u64(meta.ino());
        hasher.write_u64(meta.dev());
        // A copy that keeps its times (`cp -p`, a backup restored) keeps
        // size and mtime; the ctime, which only the system sets, moves.
        hasher.write_i64(meta.ctime());
        hasher.write_i64(meta.ctime_nsec());
    }
    Some(())
}
