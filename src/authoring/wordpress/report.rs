//! What an import did with every item of the export, for the person who
//! ran it: counts per kind of item and, for whatever was not imported as
//! it was, why and what to do. Nothing is dropped without a line here.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;

use crate::site_files::Folder;

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    Create,
    Update,
    Unchanged,
    /// Edited by hand since the last import: left as it is.
    KeptEdited,
}

/// Posts or pages.
#[derive(Debug, Default)]
pub struct Tally {
    pub total: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub kept_edited: usize,
    pub skipped: usize,
    pub drafts: usize,
}

impl Tally {
    pub fn imported(&self) -> usize {
        self.created + self.updated + self.unchanged
    }

    pub fn count(&mut self, action: Action) {
        match action {
            Action::Create => self.created += 1,
            Action::Update => self.updated += 1,
            Action::Unchanged => self.unchanged += 1,
            Action::KeptEdited => self.kept_edited += 1,
        }
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub dry_run: bool,
    pub root: PathBuf,
    pub files: Vec<(Action, PathBuf)>,
    pub posts: Tally,
    pub pages: Tally,
    pub translated_groups: usize,
    /// Items not imported, with the reason.
    pub skipped: Vec<String>,
    /// Posts and pages an earlier import brought in and she deleted since.
    pub deleted: Vec<String>,
    /// Imported, but as drafts or otherwise changed: read these.
    pub warnings: Vec<String>,
    /// Per page, what was left out of its text and what to do.
    pub todo: Vec<(String, String)>,
    /// Per page, what the conversion changed.
    pub notes: Vec<(String, String)>,
    pub attachments: usize,
    pub attachments_used: usize,
    pub attachments_featured: usize,
    pub attachments_unused: Vec<String>,
    pub files_copied: usize,
    /// Media that keep their URL, no folder of files being given: each
    /// URL with the pages that show it.
    pub media_kept: BTreeMap<String, BTreeSet<String>>,
    /// Uploads found neither in `--uploads` nor downloaded: the original's
    /// URL, with the pages that show it.
    pub media_missing: BTreeMap<String, BTreeSet<String>>,
    /// `--fetch-media`: the URLs to download, with the path each takes
    /// in the folder of downloads.
    pub media_to_fetch: BTreeMap<String, String>,
    /// Downloads that failed, and why.
    pub media_fetch_failed: BTreeMap<String, String>,
    /// Files downloaded by this import, and the folder they are kept in.
    pub media_fetched: usize,
    pub media_downloads: Option<PathBuf>,
    /// Uploads found only in a smaller size, and the file used.
    pub media_smaller: BTreeSet<String>,
    /// Uploads that are links to files outside `--uploads`, not copied.
    pub media_outside: BTreeSet<String>,
    pub embeds: usize,
    /// `<audio>` and `<video>` players whose files are beside their pages.
    pub players: usize,
    /// Per page, URLs left out for their scheme (`javascript:`, `data:`…).
    pub urls_dropped: Vec<(String, String)>,
    pub menu_items: usize,
    pub menu_placed: usize,
    pub menu_notes: Vec<String>,
    pub comments: usize,
    pub comments_pending: usize,
    pub comments_spam: usize,
    pub comments_file: Option<PathBuf>,
    pub categories: usize,
    pub categories_as_tags: BTreeSet<String>,
    pub categories_left: Vec<String>,
    pub tags: usize,
    pub tags_left: Vec<String>,
    /// Other post types: count and what became of them.
    pub other_types: BTreeMap<String, (usize, String)>,
    pub aliases: usize,
    pub unredirectable: Vec<String>,
    /// WordPress URLs no page stands at, with where to send them.
    pub host_redirects: Vec<String>,
    /// The same as nginx and `_redirects` lines.
    pub host_lines: Vec<String>,
    /// Old addresses of archives and attachment pages that aliases answer.
    pub archive_aliases: usize,
    /// Old addresses of categories and tags that `[[redirects]]` in
    /// site.toml answer.
    pub tag_redirects: usize,
    pub sticky: Vec<String>,
    pub one_language: Vec<String>,
}

impl Report {
    /// Posts or pages were in the export and none of them is in the site.
    pub fn nothing_imported(&self) -> bool {
        let here = |t: &Tally| t.imported() + t.kept_edited;
        here(&self.posts) + here(&self.pages) == 0 && self.posts.total + self.pages.total > 0
    }

    fn verb(&self, done: &'static str, would: &'static str) -> &'static str {
        if self.dry_run { would } else { done }
    }
}

/// `a, b and 2 more`: the pages that show a file, without a wall of names.
fn pages_of(pages: &BTreeSet<String>) -> String {
    const SHOWN: usize = 3;
    let mut names: Vec<&str> = pages.iter().map(String::as_str).take(SHOWN).collect();
    let more = pages.len().saturating_sub(SHOWN);
    let more = (more > 0).then(|| format!("{more} more"));
    names.extend(more.as_deref());
    names.join(", ")
}

fn list<T: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    items: impl IntoIterator<Item = T>,
) -> fmt::Result {
    for item in items {
        writeln!(f, "  - {item}")?;
    }
    Ok(())
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dry_run {
            writeln!(f, "dry run: nothing was written\n")?;
        }
        let changed = |t: &Tally| t.created + t.updated;
        if changed(&self.posts) + changed(&self.pages) == 0 && !self.nothing_imported() {
            writeln!(
                f,
                "nothing changed: {} posts and {} pages are as imported{}",
                self.posts.unchanged,
                self.pages.unchanged,
                match self.posts.kept_edited + self.pages.kept_edited {
                    0 => String::new(),
                    n => format!(", {n} edited by hand since and left alone"),
                }
            )?;
        } else {
            writeln!(
                f,
                "{} {} posts and {} pages ({} translated together) into {}",
                self.verb("imported", "would import"),
                self.posts.imported(),
                self.pages.imported(),
                self.translated_groups,
                Folder::Content.of(&self.root).display()
            )?;
        }
        if self.nothing_imported() && self.skipped.iter().any(|s| s.contains("--language")) {
            writeln!(
                f,
                "nothing was imported: the export's language is not one of this site's; if the posts are written in one of them, run again with --language CODE"
            )?;
        }
        for (action, file) in &self.files {
            let relative = file.strip_prefix(&self.root).unwrap_or(file).display();
            let what = match (action, self.dry_run) {
                (Action::Create, false) => "created",
                (Action::Create, true) => "would create",
                (Action::Update, false) => "updated",
                (Action::Update, true) => "would update",
                (Action::Unchanged, _) => continue,
                (Action::KeptEdited, _) => "left alone (edited by hand since the last import)",
            };
            writeln!(f, "  {what} {relative}")?;
        }
        writeln!(f, "\nwhat became of each item of the export:")?;
        for (name, t) in [("posts", &self.posts), ("pages", &self.pages)] {
            writeln!(
                f,
                "  {name}: {} — {} new, {} updated, {} unchanged, {} left alone (edited by hand), {} skipped; {} of them drafts",
                t.total, t.created, t.updated, t.unchanged, t.kept_edited, t.skipped, t.drafts
            )?;
        }
        writeln!(
            f,
            "  attachments: {} — {} used in pages ({} as featured image), {} not used by any page; {} files copied beside their pages",
            self.attachments,
            self.attachments_used,
            self.attachments_featured,
            self.attachments_unused.len(),
            self.files_copied
        )?;
        if let Some(folder) = &self.media_downloads {
            writeln!(
                f,
                "  downloads: {} files {} into {} ({} could not be downloaded)",
                self.media_fetched,
                self.verb("downloaded", "would be downloaded"),
                folder.strip_prefix(&self.root).unwrap_or(folder).display(),
                self.media_fetch_failed.len()
            )?;
        }
        writeln!(
            f,
            "  menu items: {} — {} placed pages in the menu (as their weight)",
            self.menu_items, self.menu_placed
        )?;
        let kinds = format!(
            "{} approved, {} pending, {} spam",
            self.comments - self.comments_pending - self.comments_spam,
            self.comments_pending,
            self.comments_spam
        );
        match &self.comments_file {
            Some(file) => writeln!(
                f,
                "  comments: {} ({kinds}) — {} {} (not published; it holds personal data: keep it private){}",
                self.comments,
                self.verb("written to", "would be written to"),
                file.display(),
                if self.comments_spam > 0 {
                    "; spam left out of it"
                } else {
                    ""
                }
            )?,
            None if self.comments > 0 => writeln!(
                f,
                "  comments: {} ({kinds}) — not imported (a static site has no comments); pass --comments FILE to keep them in a file outside content/",
                self.comments
            )?,
            None => writeln!(f, "  comments: 0")?,
        }
        writeln!(
            f,
            "  categories: {} — {} became tags{}",
            self.categories,
            self.categories_as_tags.len(),
            if self.categories_left.is_empty() {
                String::new()
            } else {
                format!(", left out: {}", self.categories_left.join(", "))
            }
        )?;
        writeln!(
            f,
            "  tags: {} — {} kept as tags{}",
            self.tags,
            self.tags - self.tags_left.len(),
            if self.tags_left.is_empty() {
                String::new()
            } else {
                format!(", left out: {}", self.tags_left.join(", "))
            }
        )?;
        for (kind, (count, what)) in &self.other_types {
            writeln!(f, "  {kind}: {count} — {what}")?;
        }
        writeln!(
            f,
            "  old URLs: {} redirect to their new pages; {} addresses of archives and attachment pages redirect to the page that shows the same",
            self.aliases, self.archive_aliases
        )?;
        if self.tag_redirects > 0 {
            writeln!(
                f,
                "  old addresses of categories and tags: {} redirect to their tag pages ([[redirects]] in site.toml)",
                self.tag_redirects
            )?;
        }
        if self.embeds > 0 {
            writeln!(
                f,
                "  embeds: {} became links (no third-party players are loaded; a YouTube or Vimeo video is a card with its title)",
                self.embeds
            )?;
        }
        if self.players > 0 {
            writeln!(
                f,
                "  audio and video: {} players, their files beside the pages that play them",
                self.players
            )?;
        }
        let sections: [(&str, Vec<String>); 11] = [
            ("read these", self.warnings.clone()),
            (
                "links and sources left out (only http, https, mailto and tel links and links within the site are imported: any other kind can run a script in a visitor's browser); the text of each link stays",
                self.urls_dropped
                    .iter()
                    .map(|(p, u)| format!("{p}: {u:?}"))
                    .collect(),
            ),
            ("skipped", self.skipped.clone()),
            (
                "deleted from the site since an earlier import, so left out (run again with --restore to bring them back)",
                self.deleted.clone(),
            ),
            (
                "left out of the text — to do by hand",
                self.todo.iter().map(|(p, t)| format!("{p}: {t}")).collect(),
            ),
            (
                "changed in the conversion",
                self.notes
                    .iter()
                    .map(|(p, t)| format!("{p}: {t}"))
                    .collect(),
            ),
            (
                "sticky on WordPress (praxis lists newest first)",
                self.sticky.clone(),
            ),
            (
                "in one language only (`praxis check` lists the missing translations)",
                self.one_language.clone(),
            ),
            ("menu", self.menu_notes.clone()),
            (
                "old URLs that cannot redirect from a static site",
                self.unredirectable.clone(),
            ),
            (
                "old addresses only your host can redirect — a static site cannot read a query string (to it, /?p=12 is the home page), and feed readers do not follow a page's redirect; add the lines below to your host, or let these addresses lapse",
                self.host_redirects.clone(),
            ),
        ];
        for (title, items) in sections {
            if !items.is_empty() {
                writeln!(f, "\n{title}:")?;
                list(f, items)?;
            }
        }
        if !self.host_lines.is_empty() {
            writeln!(f, "\nthe same redirects, ready for your host:")?;
            for line in &self.host_lines {
                writeln!(f, "    {line}")?;
            }
        }
        if !self.attachments_unused.is_empty() {
            writeln!(
                f,
                "\nattachments no page uses (still in wp-content/uploads):"
            )?;
            list(f, &self.attachments_unused)?;
        }
        if !self.media_missing.is_empty() {
            writeln!(
                f,
                "\nfiles found neither in --uploads nor{} (their URLs are kept: put each file beside the pages that show it, or keep the link):",
                if self.media_downloads.is_some() {
                    " among the downloads"
                } else {
                    " online (--fetch-media downloads what is still online)"
                }
            )?;
            list(
                f,
                self.media_missing.iter().map(|(url, pages)| {
                    let why = self
                        .media_fetch_failed
                        .get(url)
                        .map(|why| format!(" ({why})"))
                        .unwrap_or_default();
                    format!("{url}{why} — shown on {}", pages_of(pages))
                }),
            )?;
        }
        if !self.media_outside.is_empty() {
            writeln!(
                f,
                "\nthese files in --uploads are links that lead outside --uploads, so they were not copied (their URLs are kept; put the files themselves beside the pages if they belong to the site):"
            )?;
            list(f, &self.media_outside)?;
        }
        if !self.media_smaller.is_empty() {
            writeln!(
                f,
                "\nonly a smaller size of these is in --uploads, so that is used (put the original beside the page if you have it):"
            )?;
            list(f, &self.media_smaller)?;
        }
        if !self.media_kept.is_empty() {
            writeln!(
                f,
                "\nthe content shows these files from elsewhere, so they keep their URLs (pass --uploads with a copy of wp-content/uploads, or --fetch-media to download those of the old site, or put them beside the pages that show them):"
            )?;
            list(
                f,
                self.media_kept
                    .iter()
                    .map(|(url, pages)| format!("{url} — shown on {}", pages_of(pages))),
            )?;
        }
        Ok(())
    }
}
