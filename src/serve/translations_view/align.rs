//! Setting a source and its translation side by side, block by block, and
//! saying what changed in the source since the two last agreed.
//!
//! The two versions are in different languages, so their words cannot be
//! compared; their shapes can. Three steps:
//! 1. the source as recorded and as it is now are compared by paragraph
//!    hash: which blocks stayed, changed, came, went or moved;
//! 2. the source as recorded is paired with the translation by the kinds
//!    of their blocks (heading, list, paragraph…): when they agreed, the
//!    translation followed the source's shape, give or take a block;
//! 3. each block of the source now goes beside the translation block its
//!    recorded self was paired with; a translation block paired with
//!    nothing gets a row of its own, in its place.

use std::collections::{HashMap, HashSet};

use similar::{Algorithm, ChangeTag, DiffOp, TextDiff, capture_diff_slices};

/// One block of a version: a run of lines between blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Where it starts in its file; `None` for text only the lock holds.
    pub line: Option<usize>,
    pub text: String,
    pub hash: String,
}

/// What a block is, by its first characters: what translations keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Heading(u8),
    List,
    Quote,
    Code,
    Table,
    /// Raw HTML or an HTML comment (`<!-- more -->`).
    Html,
    Paragraph,
}

pub fn kind(text: &str) -> Kind {
    let first = text.trim_start();
    let hashes = first.bytes().take_while(|b| *b == b'#').count();
    if (1..=6).contains(&hashes) && first[hashes..].starts_with([' ', '\t']) {
        return Kind::Heading(hashes as u8);
    }
    if first.starts_with("```") || first.starts_with("~~~") || text.starts_with("    ") {
        return Kind::Code;
    }
    if first.starts_with('>') {
        return Kind::Quote;
    }
    if first.starts_with('|') {
        return Kind::Table;
    }
    if first.starts_with('<') {
        return Kind::Html;
    }
    let digits = first.bytes().take_while(u8::is_ascii_digit).count();
    let ordered = digits > 0 && first[digits..].starts_with(['.', ')']);
    if ordered || first.starts_with(['-', '*', '+']) && first[1..].starts_with([' ', '\t']) {
        return Kind::List;
    }
    Kind::Paragraph
}

/// What happened to a source block since the versions last agreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Same,
    /// Its text then.
    Changed(String),
    Added,
    /// Gone from the source: the block is the recorded one.
    Removed,
    Moved,
    /// Changed, but the lock does not hold what it said.
    ChangedUnknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCell {
    pub mark: Mark,
    pub block: Block,
}

/// One row of the side-by-side view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub source: Option<SourceCell>,
    pub translation: Option<Block>,
}

/// Aligns the source (`before`, as recorded: hashes, and texts when the
/// lock holds them; `now`) with the translation (`target`).
pub fn align(
    before_hashes: &[String],
    before_texts: Option<&[String]>,
    now: &[Block],
    target: &[Block],
) -> Vec<Row> {
    let (before, rows) = match before_texts {
        Some(texts) if texts.len() == before_hashes.len() => {
            let before: Vec<Block> = before_hashes
                .iter()
                .zip(texts)
                .map(|(hash, text)| Block {
                    line: None,
                    text: text.clone(),
                    hash: hash.clone(),
                })
                .collect();
            let rows = source_rows(&before, now);
            (before, rows)
        }
        // Without the old text, the source now stands in for the source
        // then: only the hashes say what changed.
        _ => {
            let known: HashSet<&String> = before_hashes.iter().collect();
            let rows = now
                .iter()
                .enumerate()
                .map(|(i, block)| SourceRow {
                    before: Some(i),
                    cell: SourceCell {
                        mark: if known.contains(&block.hash) {
                            Mark::Same
                        } else {
                            Mark::ChangedUnknown
                        },
                        block: block.clone(),
                    },
                })
                .collect();
            (now.to_vec(), rows)
        }
    };
    let pairs = pair_by_kind(&before, target);
    let mut placed = vec![false; target.len()];
    let mut out = Vec::new();
    for row in rows {
        let partner = row.before.and_then(|b| pairs.get(&b).copied());
        if let Some(t) = partner {
            // The translation's unpaired blocks before this one come first.
            if row.cell.mark != Mark::Moved {
                for (earlier, done) in placed.iter_mut().enumerate().take(t) {
                    if !*done && !pairs.values().any(|&p| p == earlier) {
                        *done = true;
                        out.push(Row {
                            source: None,
                            translation: Some(target[earlier].clone()),
                        });
                    }
                }
            }
            placed[t] = true;
        }
        out.push(Row {
            source: Some(row.cell),
            translation: partner.map(|t| target[t].clone()),
        });
    }
    for (t, done) in placed.iter().enumerate() {
        if !done {
            out.push(Row {
                source: None,
                translation: Some(target[t].clone()),
            });
        }
    }
    out
}

struct SourceRow {
    /// The recorded block this one was, if any.
    before: Option<usize>,
    cell: SourceCell,
}

/// Step 1: the source now, block by block, against the source then; removed
/// blocks stay in the list where they were.
fn source_rows(before: &[Block], now: &[Block]) -> Vec<SourceRow> {
    let old: Vec<&str> = before.iter().map(|b| b.hash.as_str()).collect();
    let new: Vec<&str> = now.iter().map(|b| b.hash.as_str()).collect();
    let mut rows = Vec::new();
    let removed = |i: usize| SourceRow {
        before: Some(i),
        cell: SourceCell {
            mark: Mark::Removed,
            block: before[i].clone(),
        },
    };
    let added = |j: usize| SourceRow {
        before: None,
        cell: SourceCell {
            mark: Mark::Added,
            block: now[j].clone(),
        },
    };
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => rows.extend((0..len).map(|k| SourceRow {
                before: Some(old_index + k),
                cell: SourceCell {
                    mark: Mark::Same,
                    block: now[new_index + k].clone(),
                },
            })),
            DiffOp::Delete {
                old_index, old_len, ..
            } => rows.extend((old_index..old_index + old_len).map(removed)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => rows.extend((new_index..new_index + new_len).map(added)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let common = old_len.min(new_len);
                rows.extend((0..common).map(|k| SourceRow {
                    before: Some(old_index + k),
                    cell: SourceCell {
                        mark: Mark::Changed(before[old_index + k].text.clone()),
                        block: now[new_index + k].clone(),
                    },
                }));
                rows.extend((old_index + common..old_index + old_len).map(removed));
                rows.extend((new_index + common..new_index + new_len).map(added));
            }
        }
    }
    // A block that went from one place and came at another moved: it keeps
    // its translation, and its old place is no longer shown.
    let mut gone: HashMap<&str, Vec<usize>> = HashMap::new();
    for (r, row) in rows.iter().enumerate() {
        if row.cell.mark == Mark::Removed {
            gone.entry(before[row.before.unwrap_or(0)].hash.as_str())
                .or_default()
                .push(r);
        }
    }
    let mut dropped = HashSet::new();
    for r in 0..rows.len() {
        if rows[r].cell.mark != Mark::Added {
            continue;
        }
        let hash = rows[r].cell.block.hash.clone();
        if let Some(from) = gone.get_mut(hash.as_str()).and_then(|v| v.pop()) {
            rows[r].before = rows[from].before;
            rows[r].cell.mark = Mark::Moved;
            dropped.insert(from);
        }
    }
    rows.into_iter()
        .enumerate()
        .filter(|(r, _)| !dropped.contains(r))
        .map(|(_, row)| row)
        .collect()
}

/// Step 2: which translation block each recorded source block was paired
/// with, by the sequence of their kinds.
fn pair_by_kind(before: &[Block], target: &[Block]) -> HashMap<usize, usize> {
    let a: Vec<Kind> = before.iter().map(|b| kind(&b.text)).collect();
    let b: Vec<Kind> = target.iter().map(|b| kind(&b.text)).collect();
    let mut pairs = HashMap::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => pairs.extend((0..len).map(|k| (old_index + k, new_index + k))),
            // Different kinds in the same place: still each other's
            // counterpart, as far as they go.
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => pairs.extend((0..old_len.min(new_len)).map(|k| (old_index + k, new_index + k))),
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => {}
        }
    }
    pairs
}

/// A piece of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Gone(String),
    New(String),
}

/// What changed from `before` to `after`, word by word, with runs of the
/// same kind joined so that the diff reads as phrases.
pub fn words(before: &str, after: &str) -> Vec<Piece> {
    let before = crate::translations::fold(before);
    let after = crate::translations::fold(after);
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_words(&before, &after);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let piece = match change.tag() {
            ChangeTag::Equal => Piece::Same(text.to_owned()),
            ChangeTag::Delete => Piece::Gone(text.to_owned()),
            ChangeTag::Insert => Piece::New(text.to_owned()),
        };
        match (pieces.last_mut(), &piece) {
            (Some(Piece::Same(a)), Piece::Same(b))
            | (Some(Piece::Gone(a)), Piece::Gone(b))
            | (Some(Piece::New(a)), Piece::New(b)) => a.push_str(b),
            _ => pieces.push(piece),
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        Block {
            line: Some(1),
            text: text.to_owned(),
            hash: crate::translations::block_hash(text),
        }
    }

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts.iter().map(|t| block(t)).collect()
    }

    fn hashes(blocks: &[Block]) -> Vec<String> {
        blocks.iter().map(|b| b.hash.clone()).collect()
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks.iter().map(|b| b.text.clone()).collect()
    }

    /// Each row as "mark source | translation".
    fn shape(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| {
                let source = match &r.source {
                    None => "-".to_owned(),
                    Some(c) => {
                        let mark = match &c.mark {
                            Mark::Same => "=",
                            Mark::Changed(_) => "~",
                            Mark::Added => "+",
                            Mark::Removed => "x",
                            Mark::Moved => ">",
                            Mark::ChangedUnknown => "?",
                        };
                        format!("{mark}{}", c.block.text)
                    }
                };
                let translation = r.translation.as_ref().map_or("-", |b| b.text.as_str());
                format!("{source} | {translation}")
            })
            .collect()
    }

    #[test]
    fn kinds_of_blocks() {
        assert_eq!(kind("## Waarom"), Kind::Heading(2));
        assert_eq!(kind("#hashtag"), Kind::Paragraph);
        assert_eq!(kind("- een\n- twee"), Kind::List);
        assert_eq!(kind("1. een"), Kind::List);
        assert_eq!(kind("> citaat"), Kind::Quote);
        assert_eq!(kind("```\ncode\n```"), Kind::Code);
        assert_eq!(kind("Gewoon tekst."), Kind::Paragraph);
        assert_eq!(kind("<!-- more -->"), Kind::Html);
        assert_eq!(kind("*Nadruk* in een zin."), Kind::Paragraph);
    }

    #[test]
    fn an_edited_paragraph_sits_beside_its_translation() {
        let before = blocks(&["# A", "a1", "a2"]);
        let now = blocks(&["# A", "a1 edited", "a2"]);
        let target = blocks(&["# B", "b1", "b2"]);
        let rows = align(&hashes(&before), Some(&texts(&before)), &now, &target);
        assert_eq!(
            shape(&rows),
            ["=# A | # B", "~a1 edited | b1", "=a2 | b2"],
            "{rows:#?}"
        );
        assert_eq!(
            rows[1].source.as_ref().unwrap().mark,
            Mark::Changed("a1".into())
        );
    }

    #[test]
    fn added_removed_and_moved_paragraphs() {
        let before = blocks(&["a1", "a2", "a3"]);
        let target = blocks(&["b1", "b2", "b3"]);
        let added = blocks(&["a1", "a2", "new", "a3"]);
        assert_eq!(
            shape(&align(
                &hashes(&before),
                Some(&texts(&before)),
                &added,
                &target
            )),
            ["=a1 | b1", "=a2 | b2", "+new | -", "=a3 | b3"]
        );
        let removed = blocks(&["a1", "a3"]);
        assert_eq!(
            shape(&align(
                &hashes(&before),
                Some(&texts(&before)),
                &removed,
                &target
            )),
            ["=a1 | b1", "xa2 | b2", "=a3 | b3"]
        );
        let moved = blocks(&["a2", "a3", "a1"]);
        assert_eq!(
            shape(&align(
                &hashes(&before),
                Some(&texts(&before)),
                &moved,
                &target
            )),
            ["=a2 | b2", "=a3 | b3", ">a1 | b1"]
        );
    }

    #[test]
    fn a_block_more_in_the_translation_gets_its_own_row_in_its_place() {
        let before = blocks(&["# A", "a1", "- l"]);
        let now = blocks(&["# A", "a1 edited", "- l"]);
        let target = blocks(&["# B", "b1", "b extra", "- m"]);
        assert_eq!(
            shape(&align(
                &hashes(&before),
                Some(&texts(&before)),
                &now,
                &target
            )),
            ["=# A | # B", "~a1 edited | b1", "- | b extra", "=- l | - m"]
        );
    }

    #[test]
    fn without_the_old_text_the_hashes_still_mark_the_changes() {
        let before = blocks(&["a1", "a2"]);
        let now = blocks(&["a1", "a2 edited"]);
        let target = blocks(&["b1", "b2"]);
        assert_eq!(
            shape(&align(&hashes(&before), None, &now, &target)),
            ["=a1 | b1", "?a2 edited | b2"]
        );
    }

    #[test]
    fn word_diff_reads_as_phrases() {
        assert_eq!(
            words(
                "Een mentor luistert\nvooral.",
                "Een goede mentor luistert vooral."
            ),
            [
                Piece::Same("Een ".into()),
                Piece::New("goede ".into()),
                Piece::Same("mentor luistert vooral.".into()),
            ]
        );
        assert_eq!(
            words("een twee", "een drie"),
            [
                Piece::Same("een ".into()),
                Piece::Gone("twee".into()),
                Piece::New("drie".into()),
            ]
        );
    }
}
