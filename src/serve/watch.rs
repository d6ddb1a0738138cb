//! Watching the site's files and rebuilding after each save.
//!
//! Editors save in bursts (vim writes a test file, renames the old one,
//! writes the new one and deletes the backup): events are gathered until
//! the files have been quiet for a moment, then the site is built once.
//! Each event is sorted by what it means for the build, from what the
//! files are once the burst is over — a content file the site had and
//! still has was edited, however the editor saved it (in place, or by
//! renaming a new file over it), and is read again on its own; a created,
//! removed or renamed file or folder makes the workspace walk again under
//! that path alone; one that came and went (an editor's temporary file),
//! or a new folder with nothing in it yet, means nothing; a change to templates,
//! Fluent files, static files or site.toml makes it look at every output.
//! Edits to content files alone reach only the outputs that read them
//! (see `Workspace::build`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use notify::event::EventKind;
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::form_slot::FormSlot;
use super::live::LiveEvent;
use super::printer::Printer;
use super::snapshot::Snapshot;
use crate::build::Workspace;
use crate::config::CONFIG_FILE;
use crate::site_files::{Folder, is_ignored};

/// How long files must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(8);
/// The longest a burst of events may hold a rebuild back.
const LONGEST_WAIT: Duration = Duration::from_millis(150);

/// Starts watching; the returned watcher must be kept alive.
pub fn spawn(
    workspace: Workspace,
    snapshot: Arc<ArcSwap<Snapshot>>,
    live: super::live::Live,
    printer: Printer,
    forms: Arc<FormSlot>,
) -> notify::Result<std::thread::JoinHandle<()>> {
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    let root = workspace.root().to_path_buf();
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    for folder in Folder::ALL {
        let dir = folder.of(&root);
        if dir.is_dir() {
            watcher.watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    let handle = std::thread::Builder::new()
        .name("praxis-watch".into())
        .spawn(move || {
            let mut rebuilder = Rebuilder {
                workspace,
                snapshot,
                live,
                printer,
                watcher,
                root,
                forms,
            };
            rebuilder.run(rx);
        })
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok(handle)
}

struct Rebuilder {
    workspace: Workspace,
    snapshot: Arc<ArcSwap<Snapshot>>,
    live: super::live::Live,
    printer: Printer,
    watcher: RecommendedWatcher,
    root: PathBuf,
    forms: Arc<FormSlot>,
}

impl Rebuilder {
    fn run(&mut self, rx: Receiver<notify::Result<notify::Event>>) {
        while let Ok(first) = rx.recv() {
            let mut events = vec![first];
            let started = Instant::now();
            loop {
                match rx.recv_timeout(QUIET) {
                    Ok(event) => events.push(event),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                if started.elapsed() > LONGEST_WAIT {
                    break;
                }
            }
            // `praxis check` or the view's "Accept" wrote the record: no
            // page changes, the translator's view does.
            let lock = self.root.join(crate::translations::LOCK_FILE);
            let lock_written = events
                .iter()
                .flatten()
                .any(|e| !matches!(e.kind, EventKind::Access(_)) && e.paths.contains(&lock));
            let touched = self.apply(events);
            if !touched.is_empty() {
                self.rebuild(&touched);
            } else if lock_written {
                let _ = self.live.send(LiveEvent::Translations);
            }
        }
    }

    /// Tells the workspace what the events changed; returns the site files
    /// they touched.
    fn apply(&mut self, events: Vec<notify::Result<notify::Event>>) -> Vec<PathBuf> {
        let mut touched = BTreeSet::new();
        for event in events {
            let Ok(event) = event else {
                // An overflowed or failed watch: look at everything again.
                self.workspace.rescan();
                self.workspace.changed_elsewhere();
                touched.insert(Folder::Content.of(&self.root));
                continue;
            };
            // Reading a file is not changing it: the build's own reads
            // would otherwise set off the next build.
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                let Ok(relative) = path.strip_prefix(&self.root) else {
                    continue;
                };
                if !is_site_file(relative) {
                    continue;
                }
                // The workspace's own spelling of the path (no `./` inside).
                let path = &self.root.join(relative);
                let known = self.workspace.knows(path);
                match ChangeKind::of(relative, path, known) {
                    ChangeKind::ContentPassing => continue,
                    ChangeKind::ContentEdited => self.workspace.forget(path),
                    ChangeKind::ContentMoved => {
                        self.workspace.rescan_under(path);
                        self.workspace.forget(path);
                    }
                    ChangeKind::FolderCreated => {
                        let _ = self.watcher.watch(path, RecursiveMode::Recursive);
                        self.workspace.rescan();
                    }
                    ChangeKind::Static => self.workspace.static_changed(path),
                    // Read again at the next build, which looks at every output.
                    ChangeKind::Templates
                    | ChangeKind::Theme
                    | ChangeKind::Strings
                    | ChangeKind::Config => self.workspace.changed_elsewhere(),
                }
                touched.insert(path.clone());
            }
        }
        touched.into_iter().collect()
    }

    fn rebuild(&mut self, touched: &[PathBuf]) {
        let started = Instant::now();
        let before = self.snapshot.load_full();
        // The edited page is served, and open pages told, before the lists
        // and other pages that show it are made (see `snapshot`).
        let mut second_step = None;
        let build = self.workspace.build_in_steps(&mut |step| {
            // While the site shows errors, the build that fixes them shows
            // its pages, all at once.
            if before.errors.is_some() {
                return;
            }
            let mut clock = crate::timing::Stopwatch::from_env();
            let (first, changed, second) = before.first_step(&step);
            clock.lap("  first step served");
            // Nothing to show first (a draft saved): one step it is.
            if changed.is_empty() {
                return;
            }
            let first = Arc::new(first);
            self.snapshot.store(Arc::clone(&first));
            second_step = Some((second, first));
            let _ = self.live.send(reload_for(&changed));
            crate::faults::hold_if("before-the-second-step");
        });
        self.forms.after_build(&build, true);
        // A build that failed shows its errors over the site as it was
        // before the edit, not over the first step's page.
        let previous = if build.succeeded() {
            self.snapshot.load_full()
        } else {
            before
        };
        let next = Snapshot::after(&previous, &build, &mut self.printer, started.elapsed());
        let mut changed = next.changed_paths(&previous, &build, touched);
        let errors_changed = next.errors != previous.errors;
        let sources_changed = next.sources != previous.sources;
        self.snapshot.store(Arc::new(next));
        if let Some((second, first)) = second_step {
            // Every page that reloaded after the first step and asked for a
            // file the second step made waited for it: the one reload said
            // it all. Only what the second step changed beyond that (when
            // the edit turned out to need the whole build) is told again.
            changed.retain(|p| !second.covered(p, &first));
            second.done();
        }
        if changed.is_empty() && !errors_changed {
            // While the build fails, the error overlay is what there is to see.
            if sources_changed && self.snapshot.load().errors.is_none() {
                let _ = self.live.send(LiveEvent::Translations);
            }
            return;
        }
        let _ = self.live.send(if errors_changed {
            LiveEvent::Reload
        } else {
            reload_for(&changed)
        });
    }
}

/// What open pages are told after the files `changed` changed.
fn reload_for(changed: &[String]) -> LiveEvent {
    if changed.iter().all(|p| p.ends_with(".css")) {
        LiveEvent::Css
    } else {
        LiveEvent::Reload
    }
}

/// What a changed file means for the next build (Zola's `ChangeKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChangeKind {
    /// A content file the site had and still has: read it again, alone.
    /// Written in place or replaced by a rename (vim, Emacs, `sed -i` and
    /// JetBrains' "safe write" save so), it is the same file set.
    ContentEdited,
    /// Content created, removed or renamed, or a file that is not
    /// Markdown: walk the tree again under that path.
    ContentMoved,
    /// A file the site did not have and no longer has (a temporary file
    /// an editor wrote and renamed away), or a new folder with nothing in
    /// it yet. Nothing to do.
    ContentPassing,
    /// One of the watched folders appeared after the start: watch it.
    FolderCreated,
    /// The site's own templates.
    Templates,
    /// Anything under themes/ but a theme's static files.
    Theme,
    /// The site's static files or a theme's: copied, read by no output.
    Static,
    /// The site's Fluent files.
    Strings,
    /// site.toml.
    Config,
}

impl ChangeKind {
    /// `relative` is a site file ([`is_site_file`]); `path` the same, from
    /// the root; `known` whether the content tree had it at its last load
    /// ([`Workspace::knows`]). Looked at once the burst is over.
    fn of(relative: &Path, path: &Path, known: bool) -> ChangeKind {
        // A site file of one component that is a folder is one of the
        // site's folders.
        if relative.components().count() == 1 && path.is_dir() {
            return ChangeKind::FolderCreated;
        }
        match Folder::containing(relative) {
            Some(Folder::Content) => {
                let markdown = path.extension().is_some_and(|e| e == "md");
                if known && markdown && path.is_file() {
                    ChangeKind::ContentEdited
                } else if !known && (!path.exists() || is_empty_folder(path)) {
                    // A folder made for a new page changes nothing until
                    // a file is saved in it, which is a change of its own:
                    // a rebuild for the folder would only delay the page's.
                    ChangeKind::ContentPassing
                } else {
                    ChangeKind::ContentMoved
                }
            }
            _ if crate::render::files::is_static(relative) => ChangeKind::Static,
            Some(Folder::Templates) => ChangeKind::Templates,
            Some(Folder::Themes) => ChangeKind::Theme,
            Some(Folder::I18n) => ChangeKind::Strings,
            _ => ChangeKind::Config,
        }
    }
}

/// Whether `path` is a folder with nothing in it.
fn is_empty_folder(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

/// Whether a path (relative to the site root) is one of the site's files,
/// rather than output, editor litter or something else.
fn is_site_file(relative: &Path) -> bool {
    if relative.components().any(|c| is_ignored(c.as_os_str())) {
        return false;
    }
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    // vim's test write ("4913") and swap files.
    if name == "4913" || name.ends_with(".swp") || name.ends_with(".swx") || name.ends_with(".tmp")
    {
        return false;
    }
    Folder::containing(relative).is_some() || relative == Path::new(CONFIG_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_sorted_by_what_they_mean_for_the_build() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/x")).unwrap();
        std::fs::write(root.join("content/x/nl.md"), "").unwrap();
        std::fs::write(root.join("content/x/foto.jpg"), "").unwrap();
        let kind = |relative: &str, known: bool| {
            ChangeKind::of(Path::new(relative), &root.join(relative), known)
        };
        assert_eq!(
            kind("content/x/nl.md", true),
            ChangeKind::ContentEdited,
            "a file the site had and has, written in place or renamed over"
        );
        assert_eq!(
            kind("content/x/nl.md", false),
            ChangeKind::ContentMoved,
            "a new file"
        );
        assert_eq!(
            kind("content/y/nl.md", true),
            ChangeKind::ContentMoved,
            "a file that is gone"
        );
        assert_eq!(
            kind("content/y", true),
            ChangeKind::ContentMoved,
            "a folder that is gone"
        );
        assert_eq!(
            kind("content/x/sedAb12Cd", false),
            ChangeKind::ContentPassing,
            "a file that came and went"
        );
        std::fs::create_dir_all(root.join("content/nieuw")).unwrap();
        assert_eq!(
            kind("content/nieuw", false),
            ChangeKind::ContentPassing,
            "a new folder with nothing in it yet: its files come as changes of their own"
        );
        assert_eq!(
            kind("content/x", false),
            ChangeKind::ContentMoved,
            "a folder that arrived with files in it"
        );
        assert_eq!(
            kind("content/x/foto.jpg", true),
            ChangeKind::ContentMoved,
            "a page's file, which the tree is looked at again for"
        );
        assert_eq!(kind("content", false), ChangeKind::FolderCreated);
        assert_eq!(
            kind("templates", false),
            ChangeKind::Templates,
            "a watched folder that is gone was not created"
        );
        assert_eq!(kind("templates/page.html", false), ChangeKind::Templates);
        assert_eq!(
            kind("themes/praxis/static/style.css", false),
            ChangeKind::Static
        );
        assert_eq!(
            kind("themes/praxis/templates/page.html", false),
            ChangeKind::Theme
        );
        assert_eq!(kind("themes/static/page.html", false), ChangeKind::Theme);
        assert_eq!(kind("static/logo.svg", false), ChangeKind::Static);
        assert_eq!(kind("i18n/nl.ftl", false), ChangeKind::Strings);
        assert_eq!(kind("site.toml", false), ChangeKind::Config);
    }

    #[test]
    fn site_files_and_litter() {
        assert!(is_site_file(Path::new("content/articles/x/nl.md")));
        assert!(is_site_file(Path::new("site.toml")));
        assert!(is_site_file(Path::new("themes/praxis/static/style.css")));
        assert!(!is_site_file(Path::new("content/articles/x/.nl.md.swp")));
        assert!(!is_site_file(Path::new("content/articles/x/nl.md~")));
        assert!(!is_site_file(Path::new("content/4913")));
        assert!(!is_site_file(Path::new("content/x/nl.md.swp")));
        assert!(!is_site_file(Path::new("content/x/nl.md.swx")));
        assert!(!is_site_file(Path::new("content/x/upload.tmp")));
        assert!(!is_site_file(Path::new("public/nl/index.html")));
        assert!(!is_site_file(Path::new("target/debug/praxis")));
    }
}
