//! What a publish changes on the host: the files of the new build that the
//! host lacks or holds other bytes of, and the files praxis sent there
//! before that the new build no longer has. Files on the host that praxis
//! did not send are in neither list: they are hers, and stay.

use std::path::Path;

use crate::output::Contents;

/// The name of the record of what praxis sent, kept in the target folder
/// (or at the root of the branch) on a host: the files, by path, with the
/// hash of their bytes.
pub const RECORD: &str = ".praxis-published";

/// Whether `path` names a file inside the target and nothing else: `/`-
/// separated, relative, without `.` or `..` or empty parts, without
/// control characters. A host's record with any other path is taken as
/// damaged (it could name a file outside the target to remove).
pub fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.chars().any(char::is_control)
        && path.split('/').all(|part| !matches!(part, "" | "." | ".."))
}

/// The hash a record gives a file whose bytes it does not know (one being
/// sent): no file hashes to it, so it is always sent again.
const UNKNOWN: u128 = 0;

/// What a publish sends and removes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files the host does not have yet.
    pub added: Vec<String>,
    /// Files the host has with other bytes.
    pub changed: Vec<String>,
    /// Files praxis sent before and the new build no longer has.
    pub removed: Vec<String>,
    /// The size of what is sent.
    pub bytes: u64,
}

impl Plan {
    /// From what the host was sent last (`before`) to the build in
    /// `local`, whose files are `now`.
    pub fn between(before: &Contents, now: &Contents, local: &Path) -> Plan {
        let mut plan = Plan::default();
        for (path, hash) in &now.files {
            if path == RECORD {
                continue;
            }
            match before.files.get(path) {
                Some(old) if old == hash => continue,
                Some(_) => plan.changed.push(path.clone()),
                None => plan.added.push(path.clone()),
            }
            plan.bytes += std::fs::metadata(local.join(path)).map_or(0, |m| m.len());
        }
        plan.removed = before
            .files
            .keys()
            .filter(|path| !now.files.contains_key(*path) && *path != RECORD)
            .cloned()
            .collect();
        plan
    }

    /// The files to send: new ones, then changed ones.
    pub fn sent(&self) -> impl Iterator<Item = &String> {
        self.added.iter().chain(&self.changed)
    }

    pub fn sends(&self) -> usize {
        self.added.len() + self.changed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sends() == 0 && self.removed.is_empty()
    }

    /// The record to leave on the host while the plan is carried out:
    /// what was there before, and every file about to be sent — and each
    /// temporary name `leftovers` gives for it — as sent with bytes no file
    /// has. A publish cut short then leaves a record by which the next one
    /// sends those files again and removes what is no longer built (a page
    /// she withdrew stays withdrawn), and finds the folder its own.
    pub fn in_progress(
        &self,
        before: &Contents,
        leftovers: impl Fn(&str) -> Vec<String>,
    ) -> Contents {
        let mut record = before.clone();
        for path in self.sent() {
            record.files.insert(path.clone(), UNKNOWN);
            for leftover in leftovers(path) {
                record.files.insert(leftover, UNKNOWN);
            }
        }
        record
    }

    /// The folders the removed files were in that no file of the new build
    /// is in, deepest first: praxis made them, and removes them if nothing
    /// else is left in them.
    pub fn emptied_folders(&self, now: &Contents) -> Vec<String> {
        let mut kept = std::collections::HashSet::new();
        for path in now.files.keys() {
            for folder in ancestors(path) {
                kept.insert(folder);
            }
        }
        let mut emptied: Vec<String> = self
            .removed
            .iter()
            .flat_map(|path| ancestors(path))
            .filter(|folder| !kept.contains(folder))
            .map(str::to_owned)
            .collect();
        emptied.sort_by(|a, b| {
            b.matches('/')
                .count()
                .cmp(&a.matches('/').count())
                .then(a.cmp(b))
        });
        emptied.dedup();
        emptied
    }
}

/// The folders `path` is in, the innermost first: `a/b/c.html` → `a/b`, `a`.
pub fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = path;
    std::iter::from_fn(move || {
        let (folder, _) = rest.rsplit_once('/')?;
        rest = folder;
        Some(folder)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(files: &[(&str, u128)]) -> Contents {
        Contents {
            files: files.iter().map(|(p, h)| (p.to_string(), *h)).collect(),
        }
    }

    #[test]
    fn only_new_and_changed_files_are_sent_and_only_what_praxis_sent_is_removed() {
        let before = contents(&[
            ("index.html", 1),
            ("nl/a/index.html", 2),
            ("nl/b/index.html", 3),
        ]);
        let now = contents(&[
            ("index.html", 1),
            ("nl/a/index.html", 9),
            ("nl/c/index.html", 4),
        ]);
        let plan = Plan::between(&before, &now, Path::new("/nonexistent"));
        assert_eq!(plan.added, ["nl/c/index.html"]);
        assert_eq!(plan.changed, ["nl/a/index.html"]);
        assert_eq!(plan.removed, ["nl/b/index.html"]);
        assert_eq!(plan.emptied_folders(&now), ["nl/b"]);
    }

    #[test]
    fn the_record_itself_is_never_sent_nor_removed() {
        let before = contents(&[(RECORD, 1)]);
        let now = contents(&[(RECORD, 2)]);
        assert!(Plan::between(&before, &now, Path::new("/nonexistent")).is_empty());
    }

    #[test]
    fn only_plain_relative_paths_are_inside_the_target() {
        assert!(is_inside("nl/over/index.html"));
        assert!(is_inside("static/café au lait.jpg"));
        for outside in [
            "../x",
            "nl/../../etc/passwd",
            "/etc/passwd",
            "nl//x",
            "./x",
            "a\nb",
            "",
        ] {
            assert!(!is_inside(outside), "{outside:?}");
        }
    }

    #[test]
    fn a_record_left_mid_publish_makes_the_next_send_again_and_remove_what_is_gone() {
        let before = contents(&[("index.html", 1), ("nl/a/index.html", 2)]);
        let now = contents(&[
            ("index.html", 1),
            ("nl/a/index.html", 3),
            ("nl/new/index.html", 4),
        ]);
        let plan = Plan::between(&before, &now, Path::new("/nonexistent"));
        let left = plan.in_progress(&before, |p| vec![format!("{p}.tmp")]);
        // She withdraws the new page before publishing again.
        let then = contents(&[("index.html", 1), ("nl/a/index.html", 3)]);
        let next = Plan::between(&left, &then, Path::new("/nonexistent"));
        assert_eq!(next.changed, ["nl/a/index.html"]);
        assert_eq!(
            next.removed,
            [
                "nl/a/index.html.tmp",
                "nl/new/index.html",
                "nl/new/index.html.tmp"
            ]
        );
    }

    #[test]
    fn emptied_folders_come_deepest_first() {
        let before = contents(&[("a/b/c/x.html", 1), ("a/y.html", 1), ("k/z.html", 1)]);
        let now = contents(&[("k/z.html", 1)]);
        let plan = Plan::between(&before, &now, Path::new("/nonexistent"));
        assert_eq!(plan.emptied_folders(&now), ["a/b/c", "a/b", "a"]);
    }
}
