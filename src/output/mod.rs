//! The built site as a list of files, and writing it to disk atomically.
//!
//! Rendering produces [`OutputFile`]s in memory; nothing touches the output
//! folder until the whole build succeeded. The new site is then written into
//! a fresh folder beside the old one and exchanged with it in one step
//! ([`swap`]), so that a failed or interrupted build leaves the previous
//! site exactly as it was, and there is never a moment without one.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use swap::Swap;
pub use swap::{Repairs, repair_interrupted};

use crate::diagnostics::{Diagnostic, Diagnostics};

mod swap;

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// `/`-separated path within the site: `nl/artikels/mentorschap/index.html`.
    pub path: String,
    pub body: Body,
    /// What produced the file, for messages: a content file, a template, a static file.
    pub origin: PathBuf,
}

#[derive(Debug, Clone)]
pub enum Body {
    /// Rendered text, shared (not copied) by the render cache and the
    /// preview server.
    Bytes(Arc<[u8]>),
    /// A file copied as it is (static files, assets).
    Copy(PathBuf),
}

impl OutputFile {
    pub fn rendered(path: String, text: String, origin: impl Into<PathBuf>) -> Self {
        OutputFile {
            path,
            body: Body::Bytes(Arc::from(text.into_bytes())),
            origin: origin.into(),
        }
    }

    pub fn copied(path: String, source: PathBuf, origin: impl Into<PathBuf>) -> Self {
        OutputFile {
            path,
            body: Body::Copy(source),
            origin: origin.into(),
        }
    }
}

/// Reports files that two sources would write to the same path, keeping
/// the first, and files that would need a folder where another file is
/// (`slug = "index.html"` puts a page's folder where the section's own
/// `index.html` is): a path is one or the other, never both.
pub fn remove_collisions(files: Vec<OutputFile>, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let mut seen: HashMap<String, PathBuf> = HashMap::with_capacity(files.len());
    let mut kept = Vec::with_capacity(files.len());
    for file in files {
        if let Some(first) = seen.get(&file.path) {
            diags.push(
                Diagnostic::error(format!(
                    "this would write /{}, which {} already writes",
                    file.path,
                    first.display()
                ))
                .in_file(&file.origin)
                .help("rename one of the two, or change a slug or alias"),
            );
            continue;
        }
        seen.insert(file.path.clone(), file.origin.clone());
        kept.push(file);
    }
    let mut reported = std::collections::HashSet::new();
    kept.retain(|file| {
        let blocker = file
            .path
            .match_indices('/')
            .find_map(|(at, _)| seen.get(&file.path[..at]).map(|o| (&file.path[..at], o)));
        let Some((folder, owner)) = blocker else {
            return true;
        };
        if !reported.insert((folder.to_owned(), file.origin.clone())) {
            return false;
        }
        diags.push(
            Diagnostic::error(format!(
                "this would write /{}, but /{folder} is a file, written by {}",
                file.path,
                owner.display()
            ))
            .in_file(&file.origin)
            .help(format!(
                "a URL segment cannot be a file name of the site: change the slug (or alias) that gives /{folder}/"
            )),
        );
        false
    });
    kept
}

/// Writes `files` as the new content of `out_dir`, swapping it in only once
/// every file is written (see [`swap`]). Returns what it repaired of
/// earlier, interrupted builds.
pub fn write_atomically(files: &[OutputFile], out_dir: &Path) -> io::Result<Repairs> {
    let swap = Swap::prepare(out_dir)?;
    if let Err(e) = write_all(files, &swap.staging) {
        swap.abandon();
        return Err(e);
    }
    swap.commit()
}

fn write_all(files: &[OutputFile], dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| dir.join(p)))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        std::fs::create_dir_all(folder)?;
    }
    files.par_iter().try_for_each(|f| {
        let target = dir.join(&f.path);
        match &f.body {
            Body::Bytes(bytes) => std::fs::write(&target, &bytes[..]),
            Body::Copy(source) => std::fs::copy(source, &target).map(|_| ()),
        }
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", target.display())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_old_output_completely() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("stale")).unwrap();
        std::fs::write(out.join("stale/index.html"), "old").unwrap();
        let files = vec![OutputFile::rendered(
            "nl/index.html".into(),
            "nieuw".into(),
            "x",
        )];
        write_atomically(&files, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("nl/index.html")).unwrap(),
            "nieuw"
        );
        assert!(!out.join("stale").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging folders are cleaned up");
    }

    #[test]
    fn failed_write_keeps_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        let files = vec![OutputFile::copied(
            "x.jpg".into(),
            dir.path().join("does-not-exist.jpg"),
            "x",
        )];
        assert!(write_atomically(&files, &out).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
    }

    #[test]
    fn collisions_are_reported() {
        let mut diags = Diagnostics::new();
        let files = vec![
            OutputFile::rendered("a/index.html".into(), "1".into(), "content/a/nl.md"),
            OutputFile::rendered("a/index.html".into(), "2".into(), "static/a/index.html"),
        ];
        let kept = remove_collisions(files, &mut diags);
        assert_eq!(kept.len(), 1);
        assert!(diags.has_errors());
    }
}
