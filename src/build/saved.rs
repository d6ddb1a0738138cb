//! What the content files saved since the last build are to it: pages
//! edited in place, or a page that joined the site (a file created, a
//! draft published) or left it (a file removed, a page made a draft).
//! [`super::Workspace::update`] patches the last build with them; where
//! they are something else, or more than it follows, the whole site is
//! built again.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::BuildOptions;
use crate::content::{self, SourceFile};
use crate::model::{Draft, PageId, Site};

/// The content files saved, sorted.
pub(super) enum Changes {
    /// Pages edited in place, each with what its file says now (those
    /// whose file is as it was are left out).
    Edits(Vec<(PageId, SourceFile)>),
    /// One page joined or left, and nothing else changed.
    Join(Box<Join>),
}

/// A page that joined or left the site.
pub(super) enum Join {
    /// A language file created, or a draft's file published.
    Joined(Box<SourceFile>),
    /// A page whose file was removed, or (with its draft) made a draft.
    Left(PageId, Option<Draft>),
}

impl Join {
    /// The folder of the page's node (relative to the site's root).
    pub(super) fn folder<'a>(&'a self, site: &'a Site) -> &'a Path {
        let source = match self {
            Join::Joined(file) => &file.path,
            Join::Left(id, _) => &site.pages[*id].source,
        };
        source.parent().unwrap_or(Path::new(""))
    }
}

/// Sorts the content files and folders `paths` (spelled from the root)
/// saved, created or removed since `site` was built. `None` where they are
/// something the last build cannot be patched with: a file other than a
/// language file, a folder holding anything else, a file that cannot be
/// read, a draft saved, more than one page joining or leaving, or one
/// joining or leaving with other pages edited.
pub(super) fn sort(
    root: &Path,
    site: &Site,
    paths: &[PathBuf],
    options: &BuildOptions,
) -> Option<Changes> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut gone: Vec<PathBuf> = Vec::new();
    let add = |files: &mut Vec<PathBuf>, path: PathBuf| {
        if !files.contains(&path) {
            files.push(path);
        }
    };
    for path in paths {
        match std::fs::symlink_metadata(path) {
            // A folder created with a page's files in it: those files,
            // which are saves of their own too.
            Ok(meta) if meta.is_dir() => {
                for entry in std::fs::read_dir(path).ok()? {
                    let entry = entry.ok()?;
                    if !entry.file_type().ok()?.is_file() || !markdown(&entry.path()) {
                        return None;
                    }
                    add(&mut files, entry.path());
                }
            }
            Ok(meta) if meta.is_file() && markdown(path) => add(&mut files, path.clone()),
            Ok(_) => return None,
            Err(_) => gone.push(crate::site_files::relative_to(root, path)),
        }
    }
    let mut edits = Vec::new();
    let mut joins = Vec::new();
    for path in files {
        let relative = crate::site_files::relative_to(root, &path);
        let file = content::read_one(root, &path, &site.config).ok()?;
        let draft = file.front_matter.draft && !options.include_drafts;
        match site.pages_below(&relative).0.first().copied() {
            Some(id) if draft => {
                let draft = Draft {
                    lang: file.lang.clone(),
                    source: relative,
                    front_matter: Arc::clone(&file.front_matter),
                };
                joins.push(Join::Left(id, Some(draft)));
            }
            Some(id) if file.hash != site.pages[id].source_hash => edits.push((id, file)),
            Some(_) => {}
            // A draft saved changes no page: the whole build tells.
            None if draft => return None,
            // Files beside it would be its node's (published beside each
            // of its pages), which the patch does not follow.
            None if !only_pages(path.parent()?) => return None,
            None => joins.push(Join::Joined(Box::new(file))),
        }
    }
    // A file removed with its folder is told of twice: one page left.
    let mut left: Vec<PageId> = Vec::new();
    for relative in gone {
        let (pages, drafts) = site.pages_below(&relative);
        if pages.is_empty() || drafts || !only_its_node(root, site, &pages) {
            return None;
        }
        for id in pages {
            if !left.contains(&id) {
                left.push(id);
            }
        }
    }
    joins.extend(left.into_iter().map(|id| Join::Left(id, None)));
    match (joins.pop(), joins.is_empty()) {
        (None, _) => Some(Changes::Edits(edits)),
        (Some(join), true) if edits.is_empty() => Some(Changes::Join(Box::new(join))),
        _ => None,
    }
}

/// Whether the folders of the pages `left` (their files removed) hold
/// nothing but the files of the other versions of their nodes: anything
/// else (a Markdown file in no site language) would keep a node a fresh
/// build makes of the folder.
fn only_its_node(root: &Path, site: &Site, left: &[PageId]) -> bool {
    left.iter().all(|&id| {
        let node = &site.nodes[site.pages[id].node];
        let Some(folder) = site.pages[id].source.parent() else {
            return false;
        };
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            // The folder went with it.
            return true;
        };
        let theirs = |path: &Path| {
            node.pages.iter().any(|&p| site.pages[p].source == path)
                || node.drafts.iter().any(|d| d.source == path)
        };
        entries.into_iter().all(|entry| {
            entry.is_ok_and(|e| theirs(&crate::site_files::relative_to(root, &e.path())))
        })
    })
}

/// Whether the folder holds language files and nothing else.
fn only_pages(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|entries| {
        entries.into_iter().all(|entry| {
            entry.is_ok_and(|e| e.file_type().is_ok_and(|t| t.is_file()) && markdown(&e.path()))
        })
    })
}

/// Whether `path` names a Markdown file (a page's language file).
fn markdown(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "md")
}
