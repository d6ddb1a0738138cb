//! Saving what she wrote so that nothing is ever lost: each save is
//! atomic (written beside the file, synced, renamed over it), the version
//! it replaces goes into the page's history first, and a file that changed
//! on disk since she opened it (another editor, a sync tool) is not
//! overwritten: she is shown both.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Where earlier versions are kept, under the site's folder (never built,
/// never published; `.gitignore` it).
pub const HISTORY_DIR: &str = ".praxis/history";

/// A version of a file, as the desk showed it: a hash of its bytes.
pub fn version_of(text: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

/// How a save went.
#[derive(Debug)]
pub enum Saved {
    Written,
    /// The file on disk is not the version she opened: nothing was written.
    Conflict {
        on_disk: String,
    },
}

/// Writes `text` to `file` (relative to `root`, a page file), if the file
/// is still `opened` (the version she opened; `None` for a new file, which
/// must not exist). The version replaced is kept in the history first.
pub fn save(root: &Path, file: &Path, text: &str, opened: Option<&str>) -> io::Result<Saved> {
    let path = root.join(file);
    let on_disk = match std::fs::read_to_string(&path) {
        Ok(current) => Some(current),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    match (&on_disk, opened) {
        (Some(current), Some(opened)) if version_of(current) == opened => {}
        (None, None) => {}
        (Some(current), _) => {
            return Ok(Saved::Conflict {
                on_disk: current.clone(),
            });
        }
        (None, Some(_)) => {
            return Ok(Saved::Conflict {
                on_disk: String::new(),
            });
        }
    }
    if let Some(current) = &on_disk {
        keep(root, file, current)?;
    }
    replace(&path, text.as_bytes(), Some("desk-die-before-rename"))?;
    Ok(Saved::Written)
}

/// Puts `text`, the version of `file` about to be replaced, in its history.
pub fn keep(root: &Path, file: &Path, text: &str) -> io::Result<PathBuf> {
    let dir = history_dir(root, file);
    std::fs::create_dir_all(&dir)?;
    let now = jiff::Timestamp::now();
    // Sorts by time; a second save in the same instant gets its own name.
    let stamp = now.strftime("%Y%m%dT%H%M%S%.6fZ").to_string();
    let mut path = dir.join(format!("{stamp}.md"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{stamp}-{n}.md"));
    }
    write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

/// The earlier versions of `file`, newest first: (name, path).
pub fn history(root: &Path, file: &Path) -> Vec<(String, PathBuf)> {
    let mut versions: Vec<(String, PathBuf)> = std::fs::read_dir(history_dir(root, file))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.strip_suffix(".md")?.to_owned();
            Some((name, e.path()))
        })
        .collect();
    versions.sort_by(|a, b| b.0.cmp(&a.0));
    versions
}

/// `.praxis/history/content/KEY/LANG.md/`.
fn history_dir(root: &Path, file: &Path) -> PathBuf {
    root.join(HISTORY_DIR).join(file)
}

/// Writes `bytes` to `path` so that it holds the old bytes or the new ones,
/// whatever happens: a file beside it, synced, renamed over it, and the
/// folder synced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, None)
}

/// [`write_atomically`], dying at `fault` (tests) between writing the new
/// bytes beside the file and renaming them over it.
fn replace(path: &Path, bytes: &[u8], fault: Option<&str>) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let beside = folder.join(format!(".{name}.praxis-saving"));
    {
        let mut file = std::fs::File::create(&beside)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    if let Some(fault) = fault {
        crate::faults::die_if(fault);
    }
    std::fs::rename(&beside, path)?;
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_keeps_the_replaced_version_and_refuses_a_file_changed_since_it_was_opened() {
        let root = tempfile::tempdir().unwrap();
        let file = Path::new("content/over/nl.md");
        std::fs::create_dir_all(root.path().join("content/over")).unwrap();
        std::fs::write(root.path().join(file), "one").unwrap();
        let opened = version_of("one");
        assert!(matches!(
            save(root.path(), file, "two", Some(&opened)).unwrap(),
            Saved::Written
        ));
        assert_eq!(
            std::fs::read_to_string(root.path().join(file)).unwrap(),
            "two"
        );
        let kept = history(root.path(), file);
        assert_eq!(kept.len(), 1);
        assert_eq!(std::fs::read_to_string(&kept[0].1).unwrap(), "one");
        // Opened at "one", but the file is "two" now: nothing is written.
        match save(root.path(), file, "three", Some(&opened)).unwrap() {
            Saved::Conflict { on_disk } => assert_eq!(on_disk, "two"),
            Saved::Written => panic!("a file changed since it was opened was overwritten"),
        }
        assert_eq!(
            std::fs::read_to_string(root.path().join(file)).unwrap(),
            "two"
        );
    }

    #[test]
    fn a_new_file_is_never_written_over_an_existing_one() {
        let root = tempfile::tempdir().unwrap();
        let file = Path::new("content/x/fr.md");
        std::fs::create_dir_all(root.path().join("content/x")).unwrap();
        std::fs::write(root.path().join(file), "hers").unwrap();
        assert!(matches!(
            save(root.path(), file, "new", None).unwrap(),
            Saved::Conflict { .. }
        ));
        assert_eq!(
            std::fs::read_to_string(root.path().join(file)).unwrap(),
            "hers"
        );
    }
}
