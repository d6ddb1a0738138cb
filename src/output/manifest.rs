//! What the last build wrote, so that the next one leaves unchanged files alone.
//!
//! Beside the output (`.public.praxis-manifest`, never inside it, so it is
//! never uploaded) a build records, for each file it published, a hash of
//! its bytes and the file's identity on disk: device, inode, size and
//! modification time. The next build hard-links a file of the old tree into
//! its staging folder instead of writing it when the new bytes hash the
//! same *and* the old file still has the identity recorded — a file edited
//! by hand in `public/` has another mtime (or inode) and is written again.
//! rsync and CDN uploads then see the same inode and mtime and send only
//! what changed, and the swap stays atomic: the new tree is complete on its
//! own, its unchanged files merely shared with the old one.
//!
//! A file modified in the same tick of the file system's clock as it was
//! recorded would keep its mtime; as in git's "racy clean" check, a file
//! whose mtime is not older than the manifest itself is trusted only after
//! its bytes are hashed again.
//!
//! For a copied file (static files, assets) the source's identity is
//! recorded too, so an unchanged source is not even read. A source modified
//! in the last seconds before the build is not trusted that way (its next
//! edit could keep the same size and time stamp): it is read and hashed.
//!
//! The manifest is also praxis's record of which files in the output are
//! its own (`owner.rs` asks it): a file it does not list was put there by
//! someone else and is kept. So it lists every file a build wrote, with its
//! identity where the system tells it, whatever the file's name. Missing,
//! truncated, corrupt (its last line holds a hash of the rest) or from
//! another format version, it cannot say which files are praxis's, and the
//! output is not replaced ([`Unusable`]). It may describe an older tree
//! than `public/` only while a build is swapping them, and the next build
//! finishes that swap first (`swap.rs`); even then, a file is trusted
//! unchanged only when its identity matches, and a file with the identity a
//! manifest recorded has the bytes it recorded.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime};

const HEADER: &str = "praxis output manifest 1";

/// A file's identity on disk: when it matches, the file was not changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: i64,
    mtime_nsec: i64,
}

impl Stamp {
    /// `None` where the system does not tell inodes (then nothing is trusted).
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            meta.is_file().then(|| Stamp {
                dev: meta.dev(),
                ino: meta.ino(),
                size: meta.size(),
                mtime: meta.mtime(),
                mtime_nsec: meta.mtime_nsec(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }

    /// [`Self::of`], from what `statx` told of a file.
    #[cfg(unix)]
    // The fields' types are the system's: not `u64` and `i64` everywhere.
    #[allow(clippy::unnecessary_cast)]
    pub fn of_stat(stat: &rustix::fs::Stat) -> Option<Stamp> {
        use rustix::fs::FileType;
        (FileType::from_raw_mode(stat.st_mode) == FileType::RegularFile).then_some(Stamp {
            dev: stat.st_dev as u64,
            ino: stat.st_ino as u64,
            size: stat.st_size as u64,
            mtime: stat.st_mtime as i64,
            mtime_nsec: stat.st_mtime_nsec as i64,
        })
    }

    /// Whether a change made now could keep this stamp: modified so
    /// recently that another write within the file system's time
    /// granularity would not show in the mtime.
    pub fn is_recent(&self, now: SystemTime) -> bool {
        let secs = now
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or(Duration::ZERO)
            .as_secs() as i64;
        // Two seconds: the coarsest granularity in use (FAT).
        self.mtime >= secs - 2
    }

    fn format(&self, out: &mut String) {
        let _ = write!(
            out,
            "{}:{}:{}:{}:{}",
            self.dev, self.ino, self.size, self.mtime, self.mtime_nsec
        );
    }

    fn parse(text: &str) -> Option<Stamp> {
        let mut parts = text.split(':');
        let stamp = Stamp {
            dev: parts.next()?.parse().ok()?,
            ino: parts.next()?.parse().ok()?,
            size: parts.next()?.parse().ok()?,
            mtime: parts.next()?.parse().ok()?,
            mtime_nsec: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(stamp)
    }
}

/// What the manifest knows of one published file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// xxh3-128 of the file's bytes.
    pub hash: u128,
    /// The published file's identity, where the system tells it (a file
    /// without one is praxis's all the same, and never trusted unchanged).
    pub file: Option<Stamp>,
    /// For a copied file, its source's identity when it can be trusted.
    pub source: Option<Stamp>,
}

/// The files of the last build, by their `/`-separated path in the site.
#[derive(Debug, Default)]
pub struct Manifest {
    pub entries: HashMap<String, Entry>,
    /// The manifest file's own mtime, when read from disk.
    saved: Option<(i64, i64)>,
}

/// Why there is no manifest to go by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    Missing,
    /// Truncated, corrupt, of another format, or unreadable.
    Damaged,
}

impl Manifest {
    /// The manifest at `path`; empty when there is none or it cannot be trusted.
    pub fn read(path: &Path) -> Manifest {
        Manifest::load(path).unwrap_or_default()
    }

    /// The manifest at `path`, or why there is none to go by.
    pub fn load(path: &Path) -> Result<Manifest, Unusable> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Unusable::Missing),
            Err(_) => return Err(Unusable::Damaged),
        };
        let mut manifest = Manifest::parse(&text).ok_or(Unusable::Damaged)?;
        manifest.saved = std::fs::metadata(path)
            .ok()
            .and_then(|meta| Stamp::of(&meta))
            .map(|stamp| (stamp.mtime, stamp.mtime_nsec));
        Ok(manifest)
    }

    /// Whether `entry`'s file could have changed since it was recorded
    /// without its mtime showing it (see the module documentation).
    pub fn is_racy(&self, entry: &Entry) -> bool {
        self.saved
            .zip(entry.file)
            .is_none_or(|(saved, file)| (file.mtime, file.mtime_nsec) >= saved)
    }

    /// Reads a manifest's text (one fetched from a host, say).
    pub fn parse(text: &str) -> Option<Manifest> {
        let body_end = text.trim_end_matches('\n').rfind('\n')? + 1;
        let (body, last) = text.split_at(body_end);
        let checksum = u64::from_str_radix(last.trim_end().strip_prefix("end ")?, 16).ok()?;
        if xxhash_rust::xxh3::xxh3_64(body.as_bytes()) != checksum {
            return None;
        }
        let mut lines = body.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let mut entries = HashMap::new();
        for line in lines {
            let mut fields = line.splitn(4, ' ');
            let hash = u128::from_str_radix(fields.next()?, 16).ok()?;
            let file = match fields.next()? {
                "-" => None,
                s => Some(Stamp::parse(s)?),
            };
            let source = match fields.next()? {
                "-" => None,
                s => Some(Stamp::parse(s)?),
            };
            let path = unescape(fields.next()?)?;
            entries.insert(path, Entry { hash, file, source });
        }
        Some(Manifest {
            entries,
            saved: None,
        })
    }

    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    /// Writes the manifest to `path` (a new file).
    pub fn save(&self, path: &Path) -> io::Result<()> {
        std::fs::write(path, self.text())
    }

    /// The manifest as a file holds it, its checksum last.
    pub fn text(&self) -> String {
        let mut text = String::with_capacity(HEADER.len() + 1 + self.entries.len() * 120);
        text.push_str(HEADER);
        text.push('\n');
        for (path, entry) in &self.entries {
            let _ = write!(text, "{:032x} ", entry.hash);
            for stamp in [&entry.file, &entry.source] {
                match stamp {
                    Some(stamp) => stamp.format(&mut text),
                    None => text.push('-'),
                }
                text.push(' ');
            }
            escape(path, &mut text);
            text.push('\n');
        }
        let checksum = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        let _ = writeln!(text, "end {checksum:016x}");
        text
    }
}

/// A path as the last field of a line: `\\` and line breaks escaped, so
/// that every file praxis wrote is recorded, whatever its name.
fn escape(path: &str, out: &mut String) {
    for c in path.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(field: &str) -> Option<String> {
    let mut path = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            path.push(c);
            continue;
        }
        path.push(match chars.next()? {
            '\\' => '\\',
            'n' => '\n',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(ino: u64) -> Stamp {
        Stamp {
            dev: 1,
            ino,
            size: 10,
            mtime: 1_700_000_000,
            mtime_nsec: 5,
        }
    }

    #[test]
    fn a_saved_manifest_reads_back_whatever_its_paths_and_a_damaged_one_is_told_from_a_missing_one()
    {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m");
        let mut manifest = Manifest::default();
        manifest.entries.insert(
            "nl/een pagina/index.html".into(),
            Entry {
                hash: 0xabc,
                file: Some(stamp(7)),
                source: None,
            },
        );
        manifest.entries.insert(
            "static/een\nregel\\n.txt".into(),
            Entry {
                hash: 0xdef,
                file: None,
                source: None,
            },
        );
        manifest.entries.insert(
            "img/logo.svg".into(),
            Entry {
                hash: u128::MAX,
                file: Some(stamp(8)),
                source: Some(stamp(9)),
            },
        );
        manifest.save(&path).unwrap();
        assert_eq!(Manifest::read(&path).entries, manifest.entries);

        let text = std::fs::read_to_string(&path).unwrap();
        for damaged in [
            text.replacen("abc", "abd", 1),
            text[..text.len() - 5].to_owned(),
            text.replacen(HEADER, "praxis output manifest 0", 1),
            String::new(),
            "end 0\n".to_owned(),
        ] {
            std::fs::write(&path, damaged).unwrap();
            assert!(Manifest::read(&path).entries.is_empty());
            assert_eq!(Manifest::load(&path).unwrap_err(), Unusable::Damaged);
        }
        std::fs::remove_file(&path).unwrap();
        assert_eq!(Manifest::load(&path).unwrap_err(), Unusable::Missing);
    }
}
