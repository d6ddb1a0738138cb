//! Missing and out-of-date translations, for `praxis check`.
//!
//! "Out of date" means: one language's text changed after the other was
//! last brought in line with it. File times cannot tell (a git clone resets
//! them) and git history is not always there, so praxis keeps its own
//! record: `translations.lock`, committed with the site, holds a fingerprint
//! of every version of every page as it was when the versions last agreed.
//!
//! On each check, per page, the versions whose fingerprint changed since
//! the record are the ones edited:
//! - none edited, or all edited: the versions agree; the record is updated;
//! - some edited, others not: the others are out of date, and the record is
//!   kept as it is until they are edited too (or `--accept KEY`).
//!
//! No language is "the source": the seed essay was written in French and
//! translated into Dutch, the next article may go the other way. Each
//! fingerprint also keeps one short hash per paragraph, so that a warning
//! can say which paragraphs changed.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Page, Site};

pub const LOCK_FILE: &str = "translations.lock";

/// The fingerprint of one version of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Of the title, description and whole text.
    pub text: String,
    /// One per paragraph (block of lines) of the body, in order.
    pub blocks: Vec<String>,
}

/// `translations.lock`: node key → language → fingerprint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lock {
    #[serde(flatten)]
    pub pages: BTreeMap<String, BTreeMap<String, Fingerprint>>,
}

impl Lock {
    /// Reads the lock file; a missing file is an empty record.
    pub fn load(root: &Path) -> Result<Lock, Diagnostic> {
        let path = root.join(LOCK_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Lock::default()),
            Err(e) => {
                return Err(Diagnostic::error(format!("cannot read {LOCK_FILE}: {e}"))
                    .in_file(LOCK_FILE)
                    .help("check the file's permissions"));
            }
        };
        toml::from_str(&text).map_err(|e| {
            let mut d = Diagnostic::error(format!(
                "{LOCK_FILE} is damaged: {}",
                e.message().trim()
            ))
            .in_file(LOCK_FILE)
            .help(
                "praxis writes this file; if a merge broke it, take either side, or delete it \
                     to start the record afresh (out-of-date translations are then forgotten)"
                    .to_string(),
            );
            if let Some(span) = e.span() {
                d = d.at_offset(&text, span.start, 1);
            }
            d
        })
    }

    pub fn save(&self, root: &Path) -> std::io::Result<()> {
        let body = toml::to_string(self).map_err(std::io::Error::other)?;
        let text = format!(
            "# Written by `praxis check`: a fingerprint of each page's versions as they were\n\
             # when they last agreed, to tell which translations are out of date.\n\
             # Commit this file with the content.\n\n{body}"
        );
        let path = root.join(LOCK_FILE);
        let tmp = root.join(format!(".{LOCK_FILE}.tmp"));
        std::fs::write(&tmp, text)?;
        std::fs::rename(tmp, path)
    }
}

/// What a check found, and the record to keep.
pub struct Report {
    pub diagnostics: Diagnostics,
    pub lock: Lock,
}

/// Compares every page's versions with the record. `accept` lists node keys
/// whose versions are to be taken as agreeing as they are now.
pub fn check(site: &Site, lock: &Lock, accept: &[String]) -> Report {
    let mut diags = Diagnostics::new();
    let mut next = Lock::default();
    for node in &site.nodes {
        let versions: Vec<&Page> = node.pages.iter().map(|&p| &site.pages[p]).collect();
        if versions.is_empty() {
            continue;
        }
        report_missing(site, node, &versions, &mut diags);

        let now: BTreeMap<String, Fingerprint> = versions
            .iter()
            .map(|p| (p.lang.clone(), fingerprint(p)))
            .collect();
        let recorded = lock.pages.get(&node.key);
        let entry = match recorded {
            Some(recorded) if !accept.contains(&node.key) => {
                compare(&node.key, &versions, recorded, &now, &mut diags)
            }
            _ => now,
        };
        next.pages.insert(node.key.clone(), entry);
    }
    Report {
        diagnostics: diags,
        lock: next,
    }
}

/// Reports out-of-date versions and returns the record to keep for the page.
fn compare(
    key: &str,
    versions: &[&Page],
    recorded: &BTreeMap<String, Fingerprint>,
    now: &BTreeMap<String, Fingerprint>,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Fingerprint> {
    let known: Vec<&String> = now.keys().filter(|l| recorded.contains_key(*l)).collect();
    let edited: Vec<&String> = known
        .iter()
        .copied()
        .filter(|l| recorded[*l].text != now[*l].text)
        .collect();
    if edited.is_empty() || edited.len() == known.len() {
        return now.clone();
    }
    let source_of = |lang: &str| versions.iter().find(|p| p.lang == lang);
    for stale in known.iter().filter(|l| !edited.contains(l)) {
        let Some(page) = source_of(stale) else {
            continue;
        };
        let changes: Vec<String> = edited
            .iter()
            .filter_map(|lang| {
                let source = source_of(lang)?;
                Some(describe_change(source, &recorded[*lang], &now[*lang]))
            })
            .collect();
        diags.push(
            Diagnostic::warning(format!(
                "this translation may be out of date: {}",
                changes.join("; ")
            ))
            .in_file(&page.source)
            .help(format!(
                "bring it in line (the warning clears once you edit it), or run \
                 `praxis check --accept {}` if it still says the same",
                if key.is_empty() { "\"\"" } else { key }
            )),
        );
    }
    // Keep the old record for the edited versions until the others follow;
    // record versions that are new since.
    let mut keep = recorded.clone();
    keep.retain(|lang, _| now.contains_key(lang));
    for (lang, print) in now {
        keep.entry(lang.clone()).or_insert_with(|| print.clone());
    }
    keep
}

/// "nl.md changed after it (paragraphs at lines 12, 30)".
fn describe_change(source: &Page, before: &Fingerprint, after: &Fingerprint) -> String {
    let name = file_name(&source.source);
    let blocks = blocks_with_lines(&source.body, source.body_line);
    let changed_lines: Vec<String> = blocks
        .iter()
        .zip(&after.blocks)
        .filter(|(_, hash)| !before.blocks.contains(hash))
        .map(|((line, _), _)| line.to_string())
        .collect();
    if changed_lines.is_empty() {
        if before.blocks.len() != after.blocks.len() {
            format!("{name} changed since (paragraphs were removed)")
        } else {
            format!("{name} changed since (its title or description)")
        }
    } else {
        let what = if changed_lines.len() == 1 {
            "paragraph at line"
        } else {
            "paragraphs at lines"
        };
        format!("{name} changed since ({what} {})", changed_lines.join(", "))
    }
}

fn report_missing(
    site: &Site,
    node: &crate::model::Node,
    versions: &[&Page],
    diags: &mut Diagnostics,
) {
    let Some(first) = versions.first() else {
        return;
    };
    for language in &site.config.languages {
        // A version with errors of its own was reported already: it is
        // there, not missing.
        if versions.iter().any(|p| p.lang == language.code)
            || node.broken_languages.contains(&language.code)
        {
            continue;
        }
        let dir = first
            .source
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let file = dir.join(format!("{}.md", language.code));
        let (message, help) = if node.draft_languages.contains(&language.code) {
            (
                format!("the {} version is still a draft", language.code),
                "finish it and remove `draft = true`".to_owned(),
            )
        } else {
            (
                format!("this page has no {} version", language.code),
                format!(
                    "write {}; until then the language switcher leads {} readers to the home page",
                    file.display(),
                    language.name
                ),
            )
        };
        diags.push(
            Diagnostic::warning(message)
                .in_file(&first.source)
                .help(help),
        );
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The fingerprint of a version: whitespace is normalized, so that
/// re-wrapping lines is not a change.
pub fn fingerprint(page: &Page) -> Fingerprint {
    let mut whole = Sha256::new();
    for part in [
        page.front_matter.title.as_str(),
        page.front_matter.description.as_deref().unwrap_or(""),
    ] {
        whole.update(normalize(part).as_bytes());
        whole.update([0]);
    }
    let blocks: Vec<String> = blocks_with_lines(&page.body, page.body_line)
        .into_iter()
        .map(|(_, text)| {
            let normalized = normalize(&text);
            whole.update(normalized.as_bytes());
            whole.update([0]);
            short_hash(&normalized, 4)
        })
        .collect();
    Fingerprint {
        text: hex(&whole.finalize()[..8]),
        blocks,
    }
}

/// The body's paragraphs (blocks separated by blank lines), each with the
/// file line it starts on.
fn blocks_with_lines(body: &str, first_line: usize) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    for (i, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push((start, std::mem::take(&mut current)));
            }
        } else {
            if current.is_empty() {
                start = first_line + i;
            }
            current.push_str(line);
            current.push('\n');
        }
    }
    if !current.is_empty() {
        blocks.push((start, current));
    }
    blocks
}

/// Typography is not meaning: re-wrapped lines, curly or straight quotes
/// and no-break spaces do not make a translation out of date.
fn normalize(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' | '«' | '»' => '"',
            '\u{a0}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn short_hash(text: &str, bytes: usize) -> String {
    hex(&Sha256::digest(text.as_bytes())[..bytes])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_carry_their_lines() {
        let blocks = blocks_with_lines("\nEen\ntwee\n\n\nDrie\n", 5);
        assert_eq!(
            blocks,
            vec![(6, "Een\ntwee\n".to_owned()), (10, "Drie\n".to_owned())]
        );
    }

    #[test]
    fn rewrapping_and_typography_are_not_changes() {
        assert_eq!(normalize("een  twee\ndrie "), normalize("een twee drie"));
        assert_eq!(normalize("l’accueil\u{a0}?"), normalize("l'accueil ?"));
    }
}
