//! Each page's translation state, as `praxis check` would judge it: the
//! same record (`translations.lock`), the same rule
//! ([`translations::divergence`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::align::{self, Block, Row};
use super::cache::Cache;
use crate::model::{Node, Page, Site};
use crate::translations::{self, Fingerprint, Lock};

/// The state of one language version of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    InStep,
    /// Edited since the versions last agreed: the others must follow.
    Ahead,
    /// Another version changed since they last agreed.
    OutOfDate(Vec<Change>),
    /// No file in this language: the one to write.
    Missing(PathBuf),
    /// Only a draft in this language.
    Draft(PathBuf),
}

/// How one source changed since the versions last agreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub source: String,
    pub file: PathBuf,
    /// The lines of its changed paragraphs, in the file as it is.
    pub lines: Vec<usize>,
    pub title: bool,
    pub description: bool,
    /// Paragraphs went without any other changing.
    pub removed: bool,
}

/// One language of a node.
pub struct Version<'a> {
    pub lang: String,
    pub state: State,
    pub page: Option<&'a Page>,
    /// When the versions last agreed, as the record of this one says.
    pub agreed: Option<String>,
}

/// A node and its versions in every language of the site, in site order.
pub struct Status<'a> {
    pub node: &'a Node,
    pub versions: Vec<Version<'a>>,
    recorded: Option<&'a BTreeMap<String, Fingerprint>>,
    now: BTreeMap<String, Fingerprint>,
}

/// Every node that has a version or a draft, in the site's order.
pub fn statuses<'a>(site: &'a Site, lock: &'a Lock, cache: &Cache) -> Vec<Status<'a>> {
    site.nodes
        .iter()
        .filter(|n| !n.pages.is_empty() || !n.drafts.is_empty())
        .map(|node| status(site, lock, node, cache))
        .collect()
}

pub fn status<'a>(site: &'a Site, lock: &'a Lock, node: &'a Node, cache: &Cache) -> Status<'a> {
    // `serve --drafts` puts drafts among the pages; `check` never sees
    // them, and neither does the comparison.
    let published: Vec<&Page> = node
        .pages
        .iter()
        .map(|&p| &*site.pages[p])
        .filter(|p| !p.front_matter.draft)
        .collect();
    let now = cache.fingerprints(&published);
    let recorded = lock.pages.get(&node.key);
    let divergence = recorded
        .map(|r| translations::divergence(r, &now))
        .unwrap_or_default();
    let folder = node_folder(site, node);
    let versions = site
        .config
        .languages
        .iter()
        .map(|language| {
            let lang = &language.code;
            let page = node
                .pages
                .iter()
                .map(|&p| &site.pages[p])
                .find(|p| &p.lang == lang);
            let draft = node.drafts.iter().find(|d| &d.lang == lang);
            let state = match (page, draft) {
                (Some(p), _) if p.front_matter.draft => State::Draft(p.source.clone()),
                (Some(_), _) if divergence.edited.contains(lang) => State::Ahead,
                (Some(_), _) if divergence.stale.contains(lang) => State::OutOfDate(
                    divergence
                        .edited
                        .iter()
                        .filter_map(|source| {
                            let page = published.iter().find(|p| &p.lang == source)?;
                            Some(change(page, recorded?.get(source)?, now.get(source)?))
                        })
                        .collect(),
                ),
                (Some(_), _) => State::InStep,
                (None, Some(d)) => State::Draft(d.source.clone()),
                (None, None) => State::Missing(folder.join(format!("{lang}.md"))),
            };
            Version {
                lang: lang.clone(),
                state,
                page: page.map(|p| &**p),
                agreed: recorded
                    .and_then(|r| r.get(lang))
                    .and_then(|f| f.agreed.clone()),
            }
        })
        .collect();
    Status {
        node,
        versions,
        recorded,
        now,
    }
}

/// `content/articles/mentorschap`, from any of the node's files.
fn node_folder(site: &Site, node: &Node) -> PathBuf {
    let file = node
        .pages
        .first()
        .map(|&p| site.pages[p].source.as_path())
        .or_else(|| node.drafts.first().map(|d| d.source.as_path()));
    match file.and_then(Path::parent) {
        Some(dir) => dir.to_path_buf(),
        None => Path::new(crate::content::CONTENT_DIR).join(&node.key),
    }
}

fn change(source: &Page, before: &Fingerprint, after: &Fingerprint) -> Change {
    let blocks = current_blocks(source);
    let lines: Vec<usize> = blocks
        .iter()
        .filter(|b| !before.blocks.contains(&b.hash))
        .filter_map(|b| b.line)
        .collect();
    // Older locks hold no title: a change that is in no paragraph is then
    // in the title or the description, which cannot be told apart.
    let (title, description) = if before.title.is_empty() {
        let elsewhere = lines.is_empty() && before.blocks.len() == after.blocks.len();
        (elsewhere, false)
    } else {
        (
            translations::differs(&before.title, &after.title),
            translations::differs(&before.description, &after.description),
        )
    };
    Change {
        source: source.lang.clone(),
        file: source.source.clone(),
        removed: lines.is_empty() && before.blocks.len() > after.blocks.len(),
        lines,
        title,
        description,
    }
}

/// A page's blocks as they are in its file.
pub fn current_blocks(page: &Page) -> Vec<Block> {
    translations::blocks_with_lines(&page.body, page.body_line)
        .into_iter()
        .map(|(line, text)| Block {
            line: Some(line),
            hash: translations::block_hash(&text),
            text: text.trim_end().to_owned(),
        })
        .collect()
}

/// The side-by-side comparison of a source and a translation.
pub struct Comparison<'a> {
    pub source: &'a Page,
    pub translation: &'a Page,
    /// Whether the lock holds what the source said then.
    pub has_old_text: bool,
    /// The title and description then, when they changed.
    pub old_title: Option<String>,
    pub old_description: Option<String>,
    pub rows: Vec<Row>,
}

impl<'a> Status<'a> {
    pub fn version(&self, lang: &str) -> Option<&Version<'a>> {
        self.versions.iter().find(|v| v.lang == lang)
    }

    /// `source` beside `translation`, with what changed in the source since
    /// the record (nothing, for versions that agree).
    pub fn compare(&self, source: &'a Page, translation: &'a Page) -> Comparison<'a> {
        let now = current_blocks(source);
        let target = current_blocks(translation);
        let before = self
            .recorded
            .and_then(|r| r.get(&source.lang))
            .filter(|b| self.now.get(&source.lang).is_some_and(|n| n.text != b.text));
        let Some(before) = before else {
            let hashes: Vec<String> = now.iter().map(|b| b.hash.clone()).collect();
            let texts: Vec<String> = now.iter().map(|b| b.text.clone()).collect();
            return Comparison {
                source,
                translation,
                has_old_text: true,
                old_title: None,
                old_description: None,
                rows: align::align(&hashes, Some(&texts), &now, &target),
            };
        };
        let has_old_text = before.has_text();
        let texts = has_old_text.then_some(before.said.as_slice());
        let changed = |old: &str, new: &str| {
            (has_old_text && translations::differs(old, new)).then(|| old.to_owned())
        };
        Comparison {
            source,
            translation,
            has_old_text,
            old_title: changed(&before.title, &source.front_matter.title),
            old_description: changed(
                &before.description,
                source.front_matter.description.as_deref().unwrap_or(""),
            ),
            rows: align::align(&before.blocks, texts, &now, &target),
        }
    }
}
