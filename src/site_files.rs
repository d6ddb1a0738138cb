//! The site's own files: what a build may read, and the names it may use.
//!
//! A build publishes what it reads, so it reads nothing from outside the
//! site's folder. A symlink is fine while it stays inside (a shared image,
//! a theme folder linked from another place in the site); one that leads
//! out — to `/etc/passwd`, to `/`, to `..` — is an error naming the link and
//! where it points, as is a link that leads nowhere or back into itself.
//! Every walk of the site (content, static files, templates) goes through
//! [`walk`], and every single file read outside a walk through [`confine`],
//! so that `build`, `check` and `serve` refuse the same links.
//!
//! File and folder names become URLs, so they must also be text: a name
//! that is not UTF-8 is an error naming its folder, and names are compared
//! and published in Unicode's composed form (NFC), whatever the file system
//! handed us (macOS writes `é` decomposed).

use std::borrow::Cow;
use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

/// The files under `dir` (a folder inside `root`), sorted by name, leaving
/// out names that [`is_ignored`] says are not the author's. Links are
/// followed only where they stay inside `root`; every link that does not,
/// and every name that is not UTF-8, is reported in `problems` and left out.
pub fn walk(root: &Path, dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let real_root = match root.canonicalize() {
        Ok(r) => r,
        Err(e) => {
            problems.push(
                Diagnostic::error(format!("cannot read the site's folder: {e}"))
                    .in_file(root)
                    .help("check that the folder exists and is readable"),
            );
            return files;
        }
    };
    if let Err(d) = confine_to(&real_root, root, dir) {
        problems.push(d);
        return files;
    }
    let mut refused = Vec::new();
    let entries = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if is_ignored(e.file_name()) {
                return false;
            }
            if e.file_name().to_str().is_none() {
                refused.push(not_utf8(root, e.path()));
                return false;
            }
            if e.path_is_symlink()
                && let Err(d) = confine_to(&real_root, root, e.path())
            {
                refused.push(d);
                return false;
            }
            true
        });
    for entry in entries {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => problems.push(walk_error(&real_root, root, dir, &e)),
        }
    }
    problems.append(&mut refused);
    files
}

/// Checks that `path`, once every link on the way is followed, is inside
/// `root`: the check for a file read on its own, outside a [`walk`].
pub fn confine(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let real_root = root.canonicalize().map_err(|e| {
        Diagnostic::error(format!("cannot read the site's folder: {e}"))
            .in_file(root)
            .help("check that the folder exists and is readable")
    })?;
    confine_to(&real_root, root, path)
}

/// Like [`confine`], for a file that is most likely not a link: costs one
/// `lstat` unless it is one.
pub fn confine_if_link(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => confine(root, path),
        _ => Ok(()),
    }
}

fn confine_to(real_root: &Path, root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let shown = relative_to(root, path);
    let target = || {
        std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "?".into())
    };
    match path.canonicalize() {
        Ok(real) if real.starts_with(real_root) => Ok(()),
        Ok(real) => {
            let what = if real.is_dir() { "a folder" } else { "a file" };
            Err(Diagnostic::error(format!(
                "this link points outside the site, to {what} at {}: praxis publishes only what is inside the site's folder",
                real.display()
            ))
            .in_file(shown)
            .help("copy what you need into the site instead of linking to it, or remove the link"))
        }
        Err(e) if e.raw_os_error() == Some(libc_eloop()) => Err(Diagnostic::error(format!(
            "this link leads back to itself (a loop, through {})",
            target()
        ))
        .in_file(shown)
        .help("remove the link, or point it at a file")),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Diagnostic::error(format!(
            "this link points to {}, which does not exist",
            target()
        ))
        .in_file(shown)
        .help("point the link at an existing file inside the site, or remove it")),
        Err(e) => Err(Diagnostic::error(format!("cannot follow this path: {e}"))
            .in_file(shown)
            .help("check that it exists and is readable")),
    }
}

/// ELOOP, "too many levels of symbolic links" (std has no stable name for it).
fn libc_eloop() -> i32 {
    #[cfg(unix)]
    {
        rustix::io::Errno::LOOP.raw_os_error()
    }
    #[cfg(not(unix))]
    {
        -1
    }
}

fn walk_error(real_root: &Path, root: &Path, dir: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().unwrap_or(dir);
    let shown = relative_to(root, path);
    if let Some(ancestor) = e.loop_ancestor() {
        // A link to `/` or to a folder above the site contains the site:
        // that it leads out is what matters.
        if let Err(outside) = confine_to(real_root, root, path) {
            return outside;
        }
        return Diagnostic::error(format!(
            "this link leads back to {}, a folder that contains it (a loop)",
            relative_to(root, ancestor).display()
        ))
        .in_file(shown)
        .help("remove the link, or point it at a folder that does not contain it");
    }
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "?".into());
        let looped = e
            .io_error()
            .is_some_and(|io| io.raw_os_error() == Some(libc_eloop()));
        return if looped {
            Diagnostic::error(format!(
                "this link leads back to itself (a loop, through {target})"
            ))
            .in_file(shown)
            .help("remove the link, or point it at a file")
        } else {
            Diagnostic::error(format!(
                "this link points to {target}, which does not exist"
            ))
            .in_file(shown)
            .help("point the link at an existing file inside the site, or remove it")
        };
    }
    Diagnostic::error(format!("cannot read this folder: {e}"))
        .in_file(shown)
        .help("check that the folder and its files are readable")
}

fn not_utf8(root: &Path, path: &Path) -> Diagnostic {
    let folder = path.parent().unwrap_or(root);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    Diagnostic::error(format!(
        "a name in this folder is not valid UTF-8 text: `{name}` (� marks the bytes that are not)"
    ))
    .in_file(relative_to(root, folder))
    .help("rename the file or folder: names become URLs, so they must be text")
}

/// Editor backups, swap files and dot files are never the author's content.
pub fn is_ignored(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

/// A name in Unicode's composed form (NFC), as URLs and keys use it.
pub fn nfc(text: &str) -> Cow<'_, str> {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// A path relative to its walk's root, `/`-separated and in NFC. The walk
/// left out every name that is not UTF-8.
pub fn slash_path(path: &Path) -> String {
    let mut out = String::new();
    for (i, c) in path.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&nfc(&c.as_os_str().to_string_lossy()));
    }
    out
}

/// `path` relative to `root` when it is inside it, for messages.
pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_names_are_composed() {
        assert_eq!(
            slash_path(Path::new("cafe\u{301}/e\u{301}te\u{301}")),
            "café/été"
        );
        assert_eq!(nfc("déjà"), "déjà");
    }
}
