//! Loading the content tree: `content/` on disk into plain source nodes.
//!
//! A folder holding at least one `<lang>.md` is a node; its key is its path
//! under `content/` (`articles/mentorschap`, or `""` for the home page).
//! Every other file belongs, as an asset, to the nearest node above it, and is
//! published beside that node's pages in each language.

pub mod date;
pub mod front_matter;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site_files::{self, relative_to, slash_path};
pub use date::PageDate;
pub use front_matter::FrontMatter;

/// `content/` ([`crate::site_files::Folder::Content`]).
pub const CONTENT_DIR: &str = site_files::Folder::Content.name();

/// Every node found under `content/`, sorted by key.
#[derive(Debug, Default)]
pub struct ContentTree {
    pub nodes: Vec<SourceNode>,
}

/// One content folder: the node in each language it was written in.
#[derive(Debug)]
pub struct SourceNode {
    pub key: String,
    /// One file per language that parsed; files with errors are left out
    /// (and reported), so that the rest of the site can still be checked.
    pub files: Vec<Arc<SourceFile>>,
    /// Languages whose file exists but could not be read or parsed.
    pub broken_languages: Vec<String>,
    pub assets: Vec<Asset>,
}

/// One `<lang>.md` file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub lang: String,
    /// Relative to the site root, for messages: `content/articles/x/nl.md`.
    pub path: PathBuf,
    pub front_matter: Arc<FrontMatter>,
    /// Shared with the model, which would otherwise copy every page's text.
    pub body: Arc<str>,
    /// The 1-based line of the file the body starts on.
    pub body_line: usize,
    /// A hash of the whole file, to tell whether it changed.
    pub hash: u64,
    /// The title and description as shown: with the language's typography.
    pub title: String,
    pub description: Option<String>,
    pub date: Option<PageDate>,
    pub updated: Option<PageDate>,
}

/// A file published beside a node's pages.
#[derive(Debug, Clone)]
pub struct Asset {
    pub source: PathBuf,
    /// `/`-separated path relative to the node's folder: `portrait.jpg`.
    pub relative: String,
}

/// Parsed files kept between builds (by `praxis serve`), so that a rebuild
/// reads only the files that changed.
#[derive(Default)]
pub struct ContentCache {
    files: HashMap<PathBuf, (Stamp, Result<Arc<SourceFile>, Diagnostic>)>,
    /// The last walk of the tree: reused while nothing is created, removed
    /// or renamed, brought up to date under what was
    /// ([`Self::rescan_under`]), made stale by [`Self::rescan`].
    walk: Option<Walk>,
    /// Whether the tree must be walked again before the next load.
    walk_stale: bool,
    /// Paths created, removed or renamed since the last walk, when they
    /// are all that changed ([`Self::rescan_under`]): only they are walked
    /// again, and only the files under them read.
    moved: Vec<PathBuf>,
    /// Files known to have changed since they were read.
    dirty: HashSet<PathBuf>,
    /// The tree as last loaded.
    tree: Option<Loaded>,
}

/// The files under `content/`, sorted: a walk done before the build, by
/// `praxis build` to stamp its inputs, is the build's own
/// ([`ContentCache::starting_from`]), so the tree is read once and the files
/// stamped are the files read.
#[derive(Clone, Default)]
pub struct Walk {
    markdown: Vec<PathBuf>,
    others: Vec<PathBuf>,
    problems: Vec<Diagnostic>,
}

/// What tells that a file changed without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

/// Whether `path`, created, removed or renamed, can be walked again on its
/// own: its name is UTF-8 (the whole walk tells a name that is not), and
/// its folder lists it spelt as it is. A folder renamed only in case, on a
/// disk that ignores case (macOS, Windows), is reported under both names,
/// and the old one would still be found and walked.
fn walkable_alone(root: &Path, path: &Path) -> bool {
    let under_root = path.strip_prefix(root).unwrap_or(path);
    let (Some(_), Some(name)) = (under_root.to_str(), path.file_name()) else {
        return false;
    };
    if std::fs::symlink_metadata(path).is_err() {
        return true;
    }
    path.parent()
        .and_then(|folder| std::fs::read_dir(folder).ok())
        .is_some_and(|entries| entries.flatten().any(|entry| entry.file_name() == name))
}

impl Walk {
    /// This walk with the paths `moved` walked again (each gone, or a file,
    /// or a folder whose files replace those the walk had under it), and
    /// the files under them; `None` where the whole tree must be walked
    /// again instead: either walk found a problem, which the whole walk
    /// reports in its place.
    fn rewalked(mut self, root: &Path, moved: &[PathBuf]) -> Option<(Walk, Vec<PathBuf>)> {
        if !self.problems.is_empty() {
            return None;
        }
        if !moved.iter().all(|path| walkable_alone(root, path)) {
            return None;
        }
        let mut found = Vec::new();
        for path in moved {
            self.markdown.retain(|f| !f.starts_with(path));
            self.others.retain(|f| !f.starts_with(path));
            if std::fs::symlink_metadata(path).is_ok() {
                let mut problems = Vec::new();
                found.extend(site_files::walk(root, path, &mut problems));
                if !problems.is_empty() {
                    return None;
                }
            }
        }
        found.sort();
        found.dedup();
        for path in &found {
            if path.extension().is_some_and(|x| x == "md") {
                self.markdown.push(path.clone());
            } else {
                self.others.push(path.clone());
            }
        }
        self.markdown.sort();
        self.markdown.dedup();
        self.others.sort();
        self.others.dedup();
        Some((self, found))
    }

    /// Walks `content/` of the site under `root` (nothing when it is missing).
    pub fn of(root: &Path) -> Walk {
        let dir = root.join(CONTENT_DIR);
        if !dir.is_dir() {
            return Walk::default();
        }
        walk_content(root, &dir)
    }

    /// Every file found, Markdown and others.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.markdown
            .iter()
            .chain(&self.others)
            .map(PathBuf::as_path)
    }
}

impl ContentCache {
    /// An empty cache whose first load uses `walk` rather than walking
    /// the tree again.
    pub fn starting_from(walk: Walk) -> ContentCache {
        ContentCache {
            walk: Some(walk),
            ..ContentCache::default()
        }
    }

    /// Marks a file as changed: the next load reads it again. Without a
    /// [`Self::rescan`], the next load trusts that nothing else changed.
    pub fn forget(&mut self, path: &Path) {
        self.dirty.insert(path.to_path_buf());
    }

    /// Makes the next load walk the tree again and check every file's size
    /// and time (after files were created, removed or renamed).
    pub fn rescan(&mut self) {
        self.walk_stale = true;
    }

    /// Makes the next load look again at `path` (a file or folder under
    /// `content/`, spelled from the site's root as the walk spells it),
    /// which was created, removed or renamed: only it is walked again and
    /// only the files under it read — at 20 000 pages, walking the tree
    /// and checking every file's time takes longer than the rest of the
    /// rebuild. What the watcher cannot tell (an event lost) is
    /// [`Self::rescan`]'s.
    pub fn rescan_under(&mut self, path: &Path) {
        if !self.moved.iter().any(|m| path.starts_with(m)) {
            self.moved.push(path.to_path_buf());
        }
    }

    /// Whether the last walk of the tree found `path`, or files under it:
    /// what the site had at its last load, whatever happened since.
    pub fn knows(&self, path: &Path) -> bool {
        let Some(walk) = &self.walk else {
            return false;
        };
        [&walk.markdown, &walk.others].into_iter().any(|files| {
            let at = files.partition_point(|f| f.as_path() < path);
            files.get(at).is_some_and(|f| f.starts_with(path))
        })
    }

    pub fn clear(&mut self) {
        self.forget_reads();
        self.walk = None;
    }

    /// Forgets every file read, keeping the last walk: what a file says
    /// depends on site.toml (its languages, typography), the walk does not.
    pub fn forget_reads(&mut self) {
        self.files.clear();
        self.dirty.clear();
        // The walk is kept, with what it must look at again.
        self.tree = None;
    }
}

/// Walks `root/content` and parses every language file, in parallel,
/// keeping the tree in `cache`: after a build, only the files
/// marked dirty are read again and only their nodes rebuilt, unless the
/// tree must be looked at again ([`ContentCache::rescan`]), in which case
/// the files whose size or time changed are read again.
pub fn load_cached<'c>(
    root: &Path,
    config: &Config,
    cache: &'c mut ContentCache,
    diags: &mut Diagnostics,
) -> &'c ContentTree {
    let content_dir = root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::error(format!("no {CONTENT_DIR}/ folder in {}", root.display()))
                .help("create content/nl.md (and one file per language) for the home page"),
        );
        cache.clear();
        cache.tree = Some(Loaded::default());
    } else if cache.walk.is_some()
        && !cache.walk_stale
        && cache.moved.is_empty()
        && cache.tree.is_some()
    {
        patch(root, config, cache);
    } else {
        load_all(root, config, &content_dir, cache);
    }
    let loaded = cache.tree.as_ref().expect("a tree was just loaded");
    diags.extend(loaded.problems.iter().cloned());
    // Every broken file, each build, until it is fixed.
    let mut broken: Vec<&Diagnostic> = cache
        .files
        .values()
        .filter_map(|(_, r)| r.as_ref().err())
        .collect();
    broken.sort_by(|a, b| a.file.cmp(&b.file));
    diags.extend(broken.into_iter().cloned());
    &loaded.tree
}

/// A loaded tree and what goes with it.
#[derive(Default)]
struct Loaded {
    tree: ContentTree,
    /// Problems of the walk and of files outside any node.
    problems: Vec<Diagnostic>,
    /// Each node's folder, to find the node of an edited file.
    node_of_dir: HashMap<PathBuf, usize>,
    /// Each node's language files, in order.
    sources: Vec<Vec<PathBuf>>,
}

/// Reads the dirty files again and rebuilds their nodes; the rest of the
/// tree stays as it was.
fn patch(root: &Path, config: &Config, cache: &mut ContentCache) {
    let dirty: Vec<PathBuf> = cache.dirty.drain().collect();
    let Some(loaded) = cache.tree.as_mut() else {
        return;
    };
    let mut nodes = BTreeSet::new();
    for path in dirty {
        let Some(&node) = path.parent().and_then(|d| loaded.node_of_dir.get(d)) else {
            continue;
        };
        if !loaded.sources[node].contains(&path) {
            continue;
        }
        let stamp = Stamp::of(&path).unwrap_or(Stamp {
            modified: None,
            len: u64::MAX,
        });
        cache.files.insert(
            path.clone(),
            (stamp, read_source_file(root, &path, config).map(Arc::new)),
        );
        nodes.insert(node);
    }
    for node in nodes {
        fill_node(
            &mut loaded.tree.nodes[node],
            &loaded.sources[node],
            &cache.files,
            config,
        );
    }
}

/// Walks the tree (or reuses the last walk), reads what changed, and builds
/// every node.
fn load_all(root: &Path, config: &Config, content_dir: &Path, cache: &mut ContentCache) {
    let mut trusted = cache.walk.is_some() && !cache.walk_stale;
    let mut clock = crate::timing::Stopwatch::from_env();
    let moved = std::mem::take(&mut cache.moved);
    let walk = match cache.walk.take() {
        Some(walk) if trusted && moved.is_empty() => walk,
        Some(walk) if trusted => match walk.rewalked(root, &moved) {
            // The files found under what moved are read whatever the
            // cache holds for their paths.
            Some((walk, found)) => {
                cache.dirty.extend(found);
                walk
            }
            None => {
                trusted = false;
                walk_content(root, content_dir)
            }
        },
        _ => walk_content(root, content_dir),
    };
    clock.lap("  walk content");
    cache.walk_stale = false;
    let markdown = &walk.markdown;
    let fresh: Vec<(PathBuf, Stamp, Result<Arc<SourceFile>, Diagnostic>)> = markdown
        .par_iter()
        .filter_map(|path| {
            let cached = cache.files.get(path);
            let dirty = cache.dirty.contains(path);
            if trusted && cached.is_some() && !dirty {
                return None;
            }
            if let Some((cached, _)) = cached
                && !dirty
                && Stamp::of(path).is_some_and(|now| now == *cached && now.modified.is_some())
            {
                return None;
            }
            // The walk confined the file if it is a link.
            let (stamp, read) = read_source(root, path, config, false);
            Some((path.clone(), stamp, read.map(Arc::new)))
        })
        .collect();
    cache.dirty.clear();
    cache.files.reserve(fresh.len());
    for (path, stamp, result) in fresh {
        cache.files.insert(path, (stamp, result));
    }
    // Every file of the walk is in the cache now: more entries means files
    // that are gone.
    if cache.files.len() > markdown.len() {
        cache
            .files
            .retain(|path, _| markdown.binary_search(path).is_ok());
    }

    // Nodes, sorted by key (the order of their folders' paths).
    // Each folder's language files. (A folder's own files are not always
    // next to each other in the walk: `articles/fr.md`, then
    // `articles/het-eerste-gesprek/…`, then `articles/nl.md`.)
    let mut sources: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    let mut index: HashMap<&Path, usize> = HashMap::with_capacity(markdown.len());
    for path in markdown {
        let Some(dir) = path.parent() else { continue };
        match index.get(dir) {
            Some(&i) => sources[i].1.push(path.clone()),
            None => {
                index.insert(dir, sources.len());
                sources.push((dir.to_path_buf(), vec![path.clone()]));
            }
        }
    }
    let mut nodes: Vec<(SourceNode, Vec<PathBuf>, PathBuf)> = sources
        .into_par_iter()
        .map(|(dir, files)| {
            let mut node = SourceNode {
                key: node_key(content_dir, &dir),
                files: Vec::new(),
                broken_languages: Vec::new(),
                assets: Vec::new(),
            };
            fill_node(&mut node, &files, &cache.files, config);
            (node, files, dir)
        })
        .collect();
    // Folder paths and keys sort differently around `-` and `/`: keys decide.
    nodes.par_sort_unstable_by(|a, b| a.0.key.cmp(&b.0.key));
    let mut loaded = Loaded {
        problems: walk.problems.clone(),
        ..Loaded::default()
    };
    loaded.node_of_dir.reserve(nodes.len());
    loaded.tree.nodes.reserve(nodes.len());
    loaded.sources.reserve(nodes.len());
    for (node, files, dir) in nodes {
        loaded.node_of_dir.insert(dir, loaded.tree.nodes.len());
        loaded.tree.nodes.push(node);
        loaded.sources.push(files);
    }

    for path in &walk.others {
        let owner = path
            .ancestors()
            .skip(1)
            .take_while(|a| a.starts_with(content_dir))
            .find_map(|a| loaded.node_of_dir.get(a).map(|&n| (a, n)));
        match owner {
            Some((dir, node)) => {
                let relative = slash_path(path.strip_prefix(dir).unwrap_or(path));
                loaded.tree.nodes[node].assets.push(Asset {
                    source: path.clone(),
                    relative,
                });
            }
            None => loaded.problems.push(
                Diagnostic::warning("this file belongs to no page and is not published")
                    .in_file(relative_to(root, path))
                    .help(
                        "move it beside the nl.md/fr.md of the page that uses it, or into static/",
                    ),
            ),
        }
    }
    cache.walk = Some(walk);
    cache.tree = Some(loaded);
}

/// Sets a node's versions from its language files as read.
fn fill_node(
    node: &mut SourceNode,
    files: &[PathBuf],
    read: &HashMap<PathBuf, (Stamp, Result<Arc<SourceFile>, Diagnostic>)>,
    config: &Config,
) {
    node.files.clear();
    node.broken_languages.clear();
    for path in files {
        match read.get(path).map(|(_, r)| r) {
            Some(Ok(file)) => node.files.push(Arc::clone(file)),
            Some(Err(_)) => {
                let lang = path.file_stem().map(|s| s.to_string_lossy().into_owned());
                if let Some(lang) = lang.filter(|l| config.has_language(l)) {
                    node.broken_languages.push(lang);
                }
            }
            None => {}
        }
    }
}

/// Every file under `content/`: Markdown files and the rest, sorted.
fn walk_content(root: &Path, content_dir: &Path) -> Walk {
    let mut problems = Vec::new();
    let (markdown, others) = site_files::walk(root, content_dir, &mut problems)
        .into_iter()
        .partition(|path| path.extension().is_some_and(|x| x == "md"));
    let mut walk = Walk {
        markdown,
        others,
        problems,
    };
    walk.markdown.sort();
    walk.others.sort();
    walk
}

/// Reads and parses one language file on its own.
pub fn read_one(root: &Path, path: &Path, config: &Config) -> Result<SourceFile, Diagnostic> {
    read_source_file(root, path, config)
}

/// `String::from_utf8`, checked first with SIMD: only a file that is not
/// UTF-8 is looked at again, by the standard library, to say where.
fn utf8(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: simdutf8 has just checked that the bytes are UTF-8.
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(_) => String::from_utf8(bytes),
    }
}

fn read_source_file(root: &Path, path: &Path, config: &Config) -> Result<SourceFile, Diagnostic> {
    read_source(root, path, config, true).1
}

/// Reads and parses one content file, with the stamp of what it read (the
/// size and time of the open file, taken before reading it: a save while it
/// reads shows as a change next time). `confine`: check first that a link
/// stays inside the site, where no walk has (an edited file).
fn read_source(
    root: &Path,
    path: &Path,
    config: &Config,
    confine: bool,
) -> (Stamp, Result<SourceFile, Diagnostic>) {
    // The stamp of a file that was not read: whatever it is now.
    let as_it_is = || {
        Stamp::of(path).unwrap_or(Stamp {
            modified: None,
            len: u64::MAX,
        })
    };
    let shown = relative_to(root, path);
    let lang = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned();
    if !config.has_language(&lang) {
        let codes = config.language_codes();
        let problem = Diagnostic::error(format!(
            "`{lang}.md` is not a language of this site (its languages are {})",
            codes.join(", ")
        ))
        .in_file(&shown)
        .help(format!(
            "name the file after one of the site's languages ({}), or add [languages.{lang}] to site.toml",
            codes
                .iter()
                .map(|c| format!("{c}.md"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        return (as_it_is(), Err(problem));
    }
    if confine && let Err(problem) = site_files::confine_if_link(root, path) {
        return (as_it_is(), Err(problem));
    }
    match read_with_stamp(path) {
        Ok((stamp, bytes)) => (stamp, parse_source(config, lang, shown, bytes)),
        Err(e) => (
            as_it_is(),
            Err(Diagnostic::error(format!("cannot read the file: {e}"))
                .in_file(&shown)
                .help("check that the file exists and is readable")),
        ),
    }
}

/// A file's bytes and the stamp of the open file: one look at its metadata.
fn read_with_stamp(path: &Path) -> std::io::Result<(Stamp, Vec<u8>)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    let stamp = Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
    };
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Through `Take`: `File`'s own `read_to_end` asks the system for the
    // size again (and the position) to size a buffer sized already.
    Read::take(&mut file, u64::MAX).read_to_end(&mut bytes)?;
    Ok((stamp, bytes))
}

/// A content file's text, checked and split into its front matter and body.
fn parse_source(
    config: &Config,
    lang: String,
    shown: PathBuf,
    bytes: Vec<u8>,
) -> Result<SourceFile, Diagnostic> {
    let text = utf8(bytes).map_err(|e| {
        let pos = crate::diagnostics::Position::of(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        Diagnostic::error("the file is not valid UTF-8 text")
            .in_file(&shown)
            .at(pos.line, pos.column)
            .help("save the file as UTF-8 in your editor")
    })?;
    if let Some(at) = control_character(&text) {
        let pos = crate::diagnostics::Position::of(&text, at);
        let code = u32::from(text.as_bytes()[at]);
        // Located, never shown: the line may hold more (an escape would
        // colour or clear the terminal).
        return Err(Diagnostic::error(format!(
            "a control character (U+{code:04X}) is in the text: no page can show it, and it is invisible in most editors"
        ))
        .in_file(&shown)
        .at(pos.line, pos.column)
        .help("delete it (go to that line and column; it may have come in with text pasted from elsewhere)"));
    }
    let split = front_matter::split(&text).map_err(|d| d.in_file(&shown))?;
    let french = config.language(&lang).is_some_and(|l| l.french_typography);
    let smart = config.markdown.smart_punctuation;
    let typeset = |text: &str| crate::typography::typeset_line(text, smart, french);
    Ok(SourceFile {
        lang,
        path: shown,
        title: typeset(&split.front_matter.title),
        description: split.front_matter.description.as_deref().map(typeset),
        date: split.date,
        updated: split.updated,
        front_matter: Arc::new(split.front_matter),
        body: Arc::from(split.body),
        body_line: split.body_line,
        hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
    })
}

/// Where the first C0 control character other than a tab, a line feed or a
/// carriage return is, if any (NUL, an escape…). Every content byte is
/// looked at, so 64 at a time, without a branch, and only a block that has
/// one is searched.
fn control_character(text: &str) -> Option<usize> {
    let is_control = |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r');
    let bytes = text.as_bytes();
    let block = bytes
        .chunks(64)
        .position(|chunk| chunk.iter().fold(false, |any, &b| any | is_control(b)))?;
    let start = block * 64;
    bytes[start..]
        .iter()
        .position(|&b| is_control(b))
        .map(|i| start + i)
}

fn node_key(content_dir: &Path, dir: &Path) -> String {
    slash_path(dir.strip_prefix(content_dir).unwrap_or(Path::new("")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_but_tab_and_line_ends_are_found_at_any_place() {
        assert_eq!(control_character("a\tb\r\nc\n"), None);
        assert_eq!(control_character(&"é".repeat(100)), None);
        for at in [0, 1, 63, 64, 65, 200] {
            for c in ['\u{0}', '\u{1}', '\u{b}', '\u{c}', '\u{1b}', '\u{1f}'] {
                let mut text = "x".repeat(201);
                text.replace_range(at..at + 1, &c.to_string());
                assert_eq!(control_character(&text), Some(at), "{c:?} at {at}");
            }
        }
    }

    /// What the watcher tells an edit from a new file by: the files of the
    /// last walk and the folders they are in, still known after a rescan
    /// was asked for.
    #[test]
    fn the_last_walk_knows_its_files_and_their_folders_and_nothing_beside() {
        let mut cache = ContentCache::default();
        assert!(
            !cache.knows(Path::new("/site/content/a/nl.md")),
            "no walk yet"
        );
        cache.walk = Some(Walk {
            markdown: vec![
                PathBuf::from("/site/content/a/nl.md"),
                PathBuf::from("/site/content/b/nl.md"),
            ],
            others: vec![PathBuf::from("/site/content/b/foto.jpg")],
            problems: Vec::new(),
        });
        cache.rescan();
        for known in ["a/nl.md", "b/foto.jpg", "a", "b", ""] {
            let path = Path::new("/site/content").join(known);
            assert!(cache.knows(&path), "{known}");
        }
        for unknown in ["a/fr.md", "a-b", "a/nl", "c", "b/foto.jpg.tmp"] {
            let path = Path::new("/site/content").join(unknown);
            assert!(!cache.knows(&path), "{unknown}");
        }
    }

    /// A name the whole walk refuses is not let in by walking a new file
    /// alone: the whole walk is done instead, and says what is wrong.
    #[cfg(unix)]
    #[test]
    fn a_new_name_that_is_not_utf8_is_left_to_the_whole_walk() {
        use std::os::unix::ffi::OsStrExt;
        let root = tempfile::tempdir().expect("a folder");
        let folder = root.path().join("content/x");
        std::fs::create_dir_all(&folder).expect("content/x");
        std::fs::write(folder.join("nl.md"), "+++\ntitle = \"X\"\n+++\n").expect("nl.md");
        let walk = Walk::of(root.path());
        let plain = folder.join("foto.jpg");
        std::fs::write(&plain, b"").expect("foto.jpg");
        let (rewalked, found) = walk
            .clone()
            .rewalked(root.path(), std::slice::from_ref(&plain))
            .expect("a new file walked alone");
        assert_eq!(found, std::slice::from_ref(&plain));
        assert!(rewalked.others.contains(&plain));
        let odd = folder.join(std::ffi::OsStr::from_bytes(b"caf\xe9.jpg"));
        std::fs::write(&odd, b"").expect("caf\\xe9.jpg");
        assert!(walk.rewalked(root.path(), &[odd]).is_none());
    }
}
