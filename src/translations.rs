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
//!
//! The translator's view (`praxis serve`, `/_praxis/translations/`) must
//! also show what the source *said* when the versions last agreed, after
//! the file has changed. So each fingerprint keeps that text too: the
//! title, the description and each paragraph, with its whitespace folded
//! into one line. Other places were weighed and refused: git history is
//! not always there (the record must need no git, like the rest of it), a
//! cache outside the repository does not travel with the lock between the
//! author's machines, and hashes alone cannot be turned back into words.
//! The cost is one copy of the prose (the example site's lock is about the
//! size of its content folder), written one paragraph per line so that a
//! lock's diff in review reads like the content's own diff, and changed
//! only when the versions agree anew. Locks written before this hold no
//! text: the view then says so, and the next agreement records it.

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
    /// The day this version was recorded as agreeing with the others
    /// (`2026-11-27`); absent in locks written before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed: Option<String>,
    /// The title, as it was then.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The description, as it was then.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Each paragraph's text as it was then, whitespace folded, parallel
    /// to `blocks` (empty in older locks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub said: Vec<String>,
}

impl Fingerprint {
    /// Whether the text of each paragraph is recorded (older locks hold
    /// only hashes).
    pub fn has_text(&self) -> bool {
        !self.title.is_empty() && self.said.len() == self.blocks.len()
    }
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
        // Pretty: one paragraph per line, so that the lock diffs well.
        let body = toml::to_string_pretty(self).map_err(std::io::Error::other)?;
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

/// Checks the site against `translations.lock` and writes the record
/// back when it changed: what `praxis check [--accept KEY]` and the
/// translator view's "Accept" both do. Returns the report and whether the
/// file was written (a failure to write it is among the report's errors).
pub fn check_and_record(
    root: &Path,
    site: &Site,
    accept: &[String],
    today: jiff::civil::Date,
) -> Result<(Report, bool), Diagnostic> {
    let lock = Lock::load(root)?;
    let mut report = check(site, &lock, accept, today);
    if report.lock == lock {
        return Ok((report, false));
    }
    match report.lock.save(root) {
        Ok(()) => Ok((report, true)),
        Err(e) => {
            report.diagnostics.push(
                Diagnostic::error(format!("cannot write {LOCK_FILE}: {e}"))
                    .in_file(LOCK_FILE)
                    .help("check that the site folder is writable"),
            );
            Ok((report, false))
        }
    }
}

/// Compares every page's versions with the record. `accept` lists node keys
/// whose versions are to be taken as agreeing as they are now; `today`
/// dates the agreements recorded now.
pub fn check(site: &Site, lock: &Lock, accept: &[String], today: jiff::civil::Date) -> Report {
    let mut diags = Diagnostics::new();
    let mut next = Lock::default();
    for node in site.nodes.iter() {
        let versions: Vec<&Page> = node.pages.iter().map(|&p| &*site.pages[p]).collect();
        if versions.is_empty() {
            continue;
        }
        report_missing(site, node, &versions, &mut diags);

        let now = fingerprints(&versions);
        let recorded = lock.pages.get(&node.key);
        let entry = match recorded {
            Some(recorded) if !accept.contains(&node.key) => {
                compare(&node.key, &versions, recorded, &now, today, &mut diags)
            }
            _ => dated(&now, None, today),
        };
        next.pages
            .insert(node.key.clone(), without_text_if_alone(entry));
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
    today: jiff::civil::Date,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Fingerprint> {
    let Divergence { edited, stale } = divergence(recorded, now);
    if stale.is_empty() {
        return dated(now, Some(recorded), today);
    }
    let source_of = |lang: &str| versions.iter().find(|p| p.lang == lang);
    for stale in &stale {
        let Some(page) = source_of(stale) else {
            continue;
        };
        let changes: Vec<String> = edited
            .iter()
            .filter_map(|lang| {
                let source = source_of(lang)?;
                Some(describe_change(source, &recorded[lang], &now[lang]))
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
    // Keep the old record for the edited versions until the others follow
    // (it is what the view shows as "before"); the unedited ones and those
    // new since are recorded as they are.
    let mut keep = dated(now, Some(recorded), today);
    for lang in &edited {
        keep.insert(lang.clone(), recorded[lang].clone());
    }
    keep
}

/// A version with no other to be out of date against needs no text in
/// the record: when a translation comes, the versions agree as they are
/// then (see [`divergence`]), and the text is recorded from there on. This
/// keeps untranslated pages (a batch of imported posts) out of the lock's
/// size.
fn without_text_if_alone(
    mut entry: BTreeMap<String, Fingerprint>,
) -> BTreeMap<String, Fingerprint> {
    if entry.len() == 1 {
        for print in entry.values_mut() {
            print.title.clear();
            print.description.clear();
            print.said.clear();
        }
    }
    entry
}

/// Which versions of a page changed since the record, and which are
/// therefore out of date: none when no version, or every version, changed
/// (the versions agree). Versions the record does not know are neither.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Divergence {
    pub edited: Vec<String>,
    pub stale: Vec<String>,
}

pub fn divergence(
    recorded: &BTreeMap<String, Fingerprint>,
    now: &BTreeMap<String, Fingerprint>,
) -> Divergence {
    let known: Vec<&String> = now.keys().filter(|l| recorded.contains_key(*l)).collect();
    let edited: Vec<String> = known
        .iter()
        .filter(|l| recorded[**l].text != now[**l].text)
        .map(|l| (*l).clone())
        .collect();
    if edited.is_empty() || edited.len() == known.len() {
        return Divergence::default();
    }
    let stale = known
        .into_iter()
        .filter(|l| !edited.contains(l))
        .cloned()
        .collect();
    Divergence { edited, stale }
}

/// The fingerprints of a page's versions, by language.
pub fn fingerprints(versions: &[&Page]) -> BTreeMap<String, Fingerprint> {
    versions
        .iter()
        .map(|p| (p.lang.clone(), fingerprint(p)))
        .collect()
}

/// `now`, dated: a version unchanged since the record keeps the day it was
/// recorded (so that a check that finds nothing new leaves the lock as it
/// is); the others agree as of `today`.
fn dated(
    now: &BTreeMap<String, Fingerprint>,
    recorded: Option<&BTreeMap<String, Fingerprint>>,
    today: jiff::civil::Date,
) -> BTreeMap<String, Fingerprint> {
    now.iter()
        .map(|(lang, print)| {
            let before = recorded.and_then(|r| r.get(lang));
            let agreed = match before {
                // A record from before dates were kept agrees as of now.
                Some(before) if before.text == print.text && before.agreed.is_some() => {
                    before.agreed.clone()
                }
                _ => Some(today.to_string()),
            };
            let print = Fingerprint {
                agreed,
                ..print.clone()
            };
            (lang.clone(), print)
        })
        .collect()
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
    let mut said = Vec::new();
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
            said.push(fold(&text));
            short_hash(&normalized, 4)
        })
        .collect();
    Fingerprint {
        text: hex(&whole.finalize()[..8]),
        blocks,
        agreed: None,
        title: fold(&page.front_matter.title),
        description: fold(page.front_matter.description.as_deref().unwrap_or("")),
        said,
    }
}

/// Whitespace folded into single spaces: how paragraphs are recorded.
pub fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two texts differ in more than typography and line breaks.
pub fn differs(a: &str, b: &str) -> bool {
    normalize(a) != normalize(b)
}

/// The hash a paragraph's text is recorded under.
pub fn block_hash(text: &str) -> String {
    short_hash(&normalize(text), 4)
}

/// The body's paragraphs (blocks separated by blank lines), each with the
/// file line it starts on.
pub fn blocks_with_lines(body: &str, first_line: usize) -> Vec<(usize, String)> {
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
