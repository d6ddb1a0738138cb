//! The site's own files: what a build may read, and the names it may use.
//!
//! A build publishes what it reads, so it reads nothing from outside the
//! site's folder. A symlink is fine while it stays inside (a shared image,
//! a theme folder linked from another place in the site); one that leads
//! out — to `/etc/passwd`, to `/`, to `..` — is an error naming the link and
//! where it points, as is a link that leads nowhere or back into itself.
//! Every walk of the site (content, static files, templates) goes through
//! [`walk`], and every single file read outside a walk through [`confine`],
//! so that `build`, `check` and `serve` refuse the same links.
//!
//! File and folder names become URLs, so they must also be text: a name
//! that is not UTF-8 is an error naming its folder, and names are compared
//! and published in Unicode's composed form (NFC), whatever the file system
//! handed us (macOS writes `é` decomposed).
//!
//! What the site's files are is declared here once: site.toml, the
//! [`Folder`]s beside it and what each holds, the theme's folder
//! ([`theme_dir`]) and the order in which a theme's files and the site's
//! own are looked up ([`layers`]). The watcher, the build, its stamps, the
//! endpoint bundle and the check on where the submissions may be stored
//! all read their lists from here.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// The file that configures a site, at its root.
pub const CONFIG_FILE: &str = "site.toml";

/// Where a build writes the site unless told another folder.
pub const OUTPUT_DIR: &str = "public";

/// A folder of the site, beside site.toml, named for what it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folder {
    /// The pages: a folder per page, a Markdown file per language, and the
    /// files beside them (published next to the page).
    Content,
    /// Themes, a folder each, holding templates, static files and UI
    /// strings of their own; site.toml's `theme` picks one.
    Themes,
    /// The site's own templates, over the theme's of the same name.
    Templates,
    /// Files published as they are, over the theme's of the same path.
    Static,
    /// The site's UI strings, a Fluent file per language (`nl.ftl`), over
    /// the theme's.
    I18n,
}

impl Folder {
    /// Every folder of the site's files (site.toml aside).
    pub const ALL: [Folder; 5] = [
        Folder::Content,
        Folder::Themes,
        Folder::Templates,
        Folder::Static,
        Folder::I18n,
    ];

    /// The folders a theme has too: the site's files in them replace the
    /// theme's of the same name (see [`layers`]).
    pub const OVER_THE_THEME: [Folder; 3] = [Folder::Templates, Folder::Static, Folder::I18n];

    /// Its name, as the site's root holds it.
    pub const fn name(self) -> &'static str {
        match self {
            Folder::Content => "content",
            Folder::Themes => "themes",
            Folder::Templates => "templates",
            Folder::Static => "static",
            Folder::I18n => "i18n",
        }
    }

    /// This folder of the site at `root`.
    pub fn of(self, root: &Path) -> PathBuf {
        root.join(self.name())
    }

    /// The folder a path relative to the site's root is in, if any.
    pub fn containing(relative: &Path) -> Option<Folder> {
        let top = relative.components().next()?.as_os_str();
        Folder::ALL.into_iter().find(|f| top == f.name())
    }

    /// Whether a build reads or publishes every file in it, not only the
    /// files it asks for by name: all but `i18n/`, of which only each
    /// language's `.ftl` file is read.
    pub fn reads_every_file(self) -> bool {
        self != Folder::I18n
    }
}

/// The folder of the theme `name`, whether it exists or not: `themes/NAME`.
pub fn theme_path(root: &Path, name: &str) -> PathBuf {
    Folder::Themes.of(root).join(name)
}

/// Why a site has no theme to use.
#[derive(Debug)]
pub enum NoTheme {
    /// There is no folder by the name site.toml gives: an error in
    /// site.toml, which says which themes there are.
    Missing(Diagnostic),
    /// The folder is a link that leads out of the site, or nowhere.
    Refused(Diagnostic),
}

/// The folder of the theme `name`, inside the site.
pub fn theme_dir(root: &Path, name: &str) -> Result<PathBuf, NoTheme> {
    let dir = theme_path(root, name);
    if dir.is_dir() {
        confine(root, &dir).map_err(NoTheme::Refused)?;
        return Ok(dir);
    }
    let themes = Folder::Themes.name();
    let available: Vec<String> = std::fs::read_dir(Folder::Themes.of(root))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    Err(NoTheme::Missing(
        Diagnostic::error(format!(
            "theme `{name}` not found: there is no folder {themes}/{name}/"
        ))
        .in_file(CONFIG_FILE)
        .help(if available.is_empty() {
            format!("put the theme in {themes}/{name}/, or start from `praxis init`")
        } else {
            format!("set theme to one of: {}", available.join(", "))
        }),
    ))
}

/// Where the files of `folder` (one of [`Folder::OVER_THE_THEME`]) are
/// looked up, in order: the theme's, then the site's, whose files replace
/// the theme's of the same name.
pub fn layers(root: &Path, theme: Option<&Path>, folder: Folder) -> impl Iterator<Item = PathBuf> {
    theme
        .map(|t| t.join(folder.name()))
        .into_iter()
        .chain(std::iter::once(folder.of(root)))
}

/// The files under `dir` (a folder inside `root`), sorted by name, leaving
/// out names that [`is_ignored`] says are not the author's. Links are
/// followed only where they stay inside `root`; every link that does not,
/// and every name that is not UTF-8, is reported in `problems` and left out.
///
/// Folders are read side by side: a large site's `content/` is 10 000
/// folders of two files, and reading them one after the other was most of
/// the time `praxis build` took before it read any page. The files, and
/// the problems, come in the order of a walk one folder at a time: each
/// folder's entries by name, a folder's files where the folder is.
pub fn walk(root: &Path, dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let real_root = match root.canonicalize() {
        Ok(r) => r,
        Err(e) => {
            problems.push(
                Diagnostic::error(format!("cannot read the site's folder: {e}"))
                    .in_file(root)
                    .help("check that the folder exists and is readable"),
            );
            return Vec::new();
        }
    };
    if let Err(d) = confine_to(&real_root, root, dir) {
        problems.push(d);
        return Vec::new();
    }
    let walker = Walker {
        real_root: &real_root,
        root,
        top: dir,
    };
    let found = walker.top();
    problems.extend(found.problems);
    problems.extend(found.refused);
    found.files
}

/// One walk of [`walk`]: the site's folder, as given and as it really is,
/// and the folder walked.
struct Walker<'a> {
    real_root: &'a Path,
    root: &'a Path,
    top: &'a Path,
}

/// What a walk found under one folder, in walk order: the files, what
/// could not be read, and what was refused (reported after the rest).
#[derive(Default)]
struct Found {
    files: Vec<PathBuf>,
    problems: Vec<Diagnostic>,
    refused: Vec<Diagnostic>,
}

impl Found {
    fn append(&mut self, other: Found) {
        self.files.extend(other.files);
        self.problems.extend(other.problems);
        self.refused.extend(other.refused);
    }
}

/// A folder being walked, and the folders it is in: a link to one of them
/// would walk it again, and again (a loop).
struct Ancestor<'a> {
    path: &'a Path,
    parent: Option<&'a Ancestor<'a>>,
}

impl Ancestor<'_> {
    /// The folder of this chain that `folder` (reached through a link) is.
    fn same_as(&self, folder: &Path) -> Option<PathBuf> {
        let real = folder.canonicalize().ok()?;
        let mut at = Some(self);
        while let Some(ancestor) = at {
            if ancestor.path.canonicalize().is_ok_and(|a| a == real) {
                return Some(ancestor.path.to_path_buf());
            }
            at = ancestor.parent;
        }
        None
    }
}

/// Why a walk could not go on, and where.
#[derive(Debug)]
struct WalkError {
    path: Option<PathBuf>,
    /// The folder a link leads back to.
    loop_ancestor: Option<PathBuf>,
    io: Option<io::Error>,
}

impl WalkError {
    fn io(path: &Path, error: io::Error) -> WalkError {
        WalkError {
            path: Some(path.to_path_buf()),
            loop_ancestor: None,
            io: Some(error),
        }
    }
}

impl std::fmt::Display for WalkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.loop_ancestor, &self.path, &self.io) {
            (Some(ancestor), Some(child), _) => write!(
                f,
                "File system loop found: {} points to an ancestor {}",
                child.display(),
                ancestor.display()
            ),
            (_, Some(path), Some(io)) => {
                write!(f, "IO error for operation on {}: {io}", path.display())
            }
            (_, _, Some(io)) => io.fmt(f),
            _ => f.write_str("unknown error"),
        }
    }
}

/// Folders with fewer entries are read one entry after the other: side
/// by side, the work of sharing them out would be most of the work.
const ENTRIES_SIDE_BY_SIDE: usize = 8;

impl Walker<'_> {
    /// The walk of the folder `top` (or, when it is a file, that file),
    /// followed if it is a link.
    fn top(&self) -> Found {
        let mut found = Found::default();
        match std::fs::metadata(self.top) {
            Err(e) => found.problems.push(self.error(&WalkError::io(self.top, e))),
            Ok(meta) if meta.is_dir() => match std::fs::read_dir(self.top) {
                Err(e) => found.problems.push(self.error(&WalkError::io(self.top, e))),
                Ok(listing) => found.append(self.folder(
                    listing,
                    &Ancestor {
                        path: self.top,
                        parent: None,
                    },
                )),
            },
            Ok(meta) if meta.is_file() => found.files.push(self.top.to_path_buf()),
            Ok(_) => {}
        }
        found
    }

    /// What the folder `at`, open as `listing`, holds, by name.
    fn folder(&self, listing: std::fs::ReadDir, at: &Ancestor) -> Found {
        let mut unreadable = Found::default();
        let mut entries = Vec::new();
        for entry in listing {
            match entry {
                Ok(entry) => entries.push((entry.file_name(), entry)),
                Err(e) => unreadable.problems.push(self.error(&WalkError {
                    path: None,
                    loop_ancestor: None,
                    io: Some(e),
                })),
            }
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let each =
            |(name, entry): &(std::ffi::OsString, std::fs::DirEntry)| self.entry(name, entry, at);
        let found: Vec<Found> = if entries.len() < ENTRIES_SIDE_BY_SIDE {
            entries.iter().map(each).collect()
        } else {
            use rayon::prelude::*;
            entries.par_iter().map(each).collect()
        };
        found.into_iter().fold(unreadable, |mut all, one| {
            all.append(one);
            all
        })
    }

    /// One entry of the folder `at`: a file found, a folder walked, or
    /// why not. A link is followed first, and a folder opened, before its
    /// name is looked at.
    fn entry(&self, name: &OsStr, entry: &std::fs::DirEntry, at: &Ancestor) -> Found {
        let mut found = Found::default();
        let path = entry.path();
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => {
                found.problems.push(self.error(&WalkError::io(&path, e)));
                return found;
            }
        };
        let is_link = kind.is_symlink();
        let (is_dir, is_file) = if is_link {
            match std::fs::metadata(&path) {
                Err(e) => {
                    found.problems.push(self.error(&WalkError::io(&path, e)));
                    return found;
                }
                Ok(meta) if meta.is_dir() => {
                    if let Some(ancestor) = at.same_as(&path) {
                        found.problems.push(self.error(&WalkError {
                            path: Some(path),
                            loop_ancestor: Some(ancestor),
                            io: None,
                        }));
                        return found;
                    }
                    (true, false)
                }
                Ok(meta) => (false, meta.is_file()),
            }
        } else {
            (kind.is_dir(), kind.is_file())
        };
        let listing = if is_dir {
            match std::fs::read_dir(&path) {
                Ok(listing) => Some(listing),
                Err(e) => {
                    found.problems.push(self.error(&WalkError::io(&path, e)));
                    return found;
                }
            }
        } else {
            None
        };
        if is_ignored(name) {
            return found;
        }
        if name.to_str().is_none() {
            found.refused.push(not_utf8(self.root, &path));
            return found;
        }
        if is_link && let Err(d) = confine_to(self.real_root, self.root, &path) {
            found.refused.push(d);
            return found;
        }
        match listing {
            Some(listing) => found.append(self.folder(
                listing,
                &Ancestor {
                    path: &path,
                    parent: Some(at),
                },
            )),
            None if is_file => found.files.push(path),
            None => {}
        }
        found
    }

    fn error(&self, e: &WalkError) -> Diagnostic {
        walk_error(self.real_root, self.root, self.top, e)
    }
}

/// Checks that `path`, once every link on the way is followed, is inside
/// `root`: the check for a file read on its own, outside a [`walk`].
pub fn confine(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let real_root = root.canonicalize().map_err(|e| {
        Diagnostic::error(format!("cannot read the site's folder: {e}"))
            .in_file(root)
            .help("check that the folder exists and is readable")
    })?;
    confine_to(&real_root, root, path)
}

/// Like [`confine`], for a file that is most likely not a link: costs one
/// `lstat` unless it is one.
pub fn confine_if_link(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => confine(root, path),
        _ => Ok(()),
    }
}

fn confine_to(real_root: &Path, root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let shown = relative_to(root, path);
    let target = || {
        std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "?".into())
    };
    match path.canonicalize() {
        Ok(real) if real.starts_with(real_root) => Ok(()),
        Ok(real) => {
            let what = if real.is_dir() { "a folder" } else { "a file" };
            Err(Diagnostic::error(format!(
                "this link points outside the site, to {what} at {}: praxis publishes only what is inside the site's folder",
                real.display()
            ))
            .in_file(shown)
            .help("copy what you need into the site instead of linking to it, or remove the link"))
        }
        Err(e) if e.raw_os_error() == Some(libc_eloop()) => Err(Diagnostic::error(format!(
            "this link leads back to itself (a loop, through {})",
            target()
        ))
        .in_file(shown)
        .help("remove the link, or point it at a file")),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Diagnostic::error(format!(
            "this link points to {}, which does not exist",
            target()
        ))
        .in_file(shown)
        .help("point the link at an existing file inside the site, or remove it")),
        Err(e) => Err(Diagnostic::error(format!("cannot follow this path: {e}"))
            .in_file(shown)
            .help("check that it exists and is readable")),
    }
}

/// ELOOP, "too many levels of symbolic links" (std has no stable name for it).
fn libc_eloop() -> i32 {
    #[cfg(unix)]
    {
        rustix::io::Errno::LOOP.raw_os_error()
    }
    #[cfg(not(unix))]
    {
        -1
    }
}

fn walk_error(real_root: &Path, root: &Path, dir: &Path, e: &WalkError) -> Diagnostic {
    let path = e.path.as_deref().unwrap_or(dir);
    let shown = relative_to(root, path);
    if let Some(ancestor) = &e.loop_ancestor {
        // A link to `/` or to a folder above the site contains the site:
        // that it leads out is what matters.
        if let Err(outside) = confine_to(real_root, root, path) {
            return outside;
        }
        return Diagnostic::error(format!(
            "this link leads back to {}, a folder that contains it (a loop)",
            relative_to(root, ancestor).display()
        ))
        .in_file(shown)
        .help("remove the link, or point it at a folder that does not contain it");
    }
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "?".into());
        let looped =
            e.io.as_ref()
                .is_some_and(|io| io.raw_os_error() == Some(libc_eloop()));
        return if looped {
            Diagnostic::error(format!(
                "this link leads back to itself (a loop, through {target})"
            ))
            .in_file(shown)
            .help("remove the link, or point it at a file")
        } else {
            Diagnostic::error(format!(
                "this link points to {target}, which does not exist"
            ))
            .in_file(shown)
            .help("point the link at an existing file inside the site, or remove it")
        };
    }
    Diagnostic::error(format!("cannot read this folder: {e}"))
        .in_file(shown)
        .help("check that the folder and its files are readable")
}

fn not_utf8(root: &Path, path: &Path) -> Diagnostic {
    let folder = path.parent().unwrap_or(root);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    Diagnostic::error(format!(
        "a name in this folder is not valid UTF-8 text: `{name}` (� marks the bytes that are not)"
    ))
    .in_file(relative_to(root, folder))
    .help("rename the file or folder: names become URLs, so they must be text")
}

/// Editor backups, swap files and dot files are never the author's content.
pub fn is_ignored(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

/// A name in Unicode's composed form (NFC), as URLs and keys use it.
pub fn nfc(text: &str) -> Cow<'_, str> {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// A path relative to its walk's root, `/`-separated and in NFC. The walk
/// left out every name that is not UTF-8.
pub fn slash_path(path: &Path) -> String {
    let mut out = String::new();
    for (i, c) in path.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&nfc(&c.as_os_str().to_string_lossy()));
    }
    out
}

/// `path` relative to `root` when it is inside it, for messages.
pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk as it was made before folders were read side by side:
    /// walkdir's, one entry after the other.
    fn walk_one_folder_at_a_time(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<String>) {
        let real_root = root.canonicalize().expect("the site's folder");
        let mut files = Vec::new();
        let mut problems = Vec::new();
        let mut refused = Vec::new();
        let entries = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() == 0 {
                    return true;
                }
                if is_ignored(e.file_name()) {
                    return false;
                }
                if e.file_name().to_str().is_none() {
                    refused.push(not_utf8(root, e.path()));
                    return false;
                }
                if e.path_is_symlink()
                    && let Err(d) = confine_to(&real_root, root, e.path())
                {
                    refused.push(d);
                    return false;
                }
                true
            });
        for entry in entries {
            match entry {
                Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                Ok(_) => {}
                Err(e) => {
                    let error = WalkError {
                        path: e.path().map(Path::to_path_buf),
                        loop_ancestor: e.loop_ancestor().map(Path::to_path_buf),
                        io: None,
                    };
                    let error = WalkError {
                        io: e.into_io_error(),
                        ..error
                    };
                    problems.push(walk_error(&real_root, root, dir, &error));
                }
            }
        }
        problems.append(&mut refused);
        (files, problems.iter().map(|d| d.to_string()).collect())
    }

    /// Read side by side, a tree of many folders gives the files and the
    /// problems, in the order, that a walk one folder at a time gave:
    /// ignored names, links inside the site followed, a link out, a link
    /// to nothing, a link back up (a loop), a name that is not UTF-8.
    #[cfg(unix)]
    #[test]
    fn folders_read_side_by_side_give_what_a_walk_one_at_a_time_gave() {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::symlink;
        let site = tempfile::tempdir().expect("a folder");
        let root = site.path();
        let content = root.join("content");
        let write = |path: &Path| {
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("its folder");
            std::fs::write(path, "x").expect("a file");
        };
        write(&content.join("nl.md"));
        for i in 0..40 {
            let folder = content.join(format!("articles/{i:02}-artikel"));
            write(&folder.join("nl.md"));
            write(&folder.join("fr.md"));
            if i % 7 == 0 {
                write(&folder.join("foto.jpg"));
                write(&folder.join(".foto.jpg.swp"));
                write(&folder.join("nl.md~"));
                write(&folder.join("sub/deeper/bijlage.pdf"));
            }
        }
        write(&content.join("articles/nl.md"));
        write(&content.join("#notes.md#"));
        write(&content.join(".hidden/secret.md"));
        symlink("../articles/07-artikel", content.join("articles/koppeling")).expect("a link");
        symlink("../..", content.join("articles/14-artikel/up")).expect("a link up");
        symlink("nowhere", content.join("articles/kapot")).expect("a broken link");
        symlink("nowhere", content.join(".kapot")).expect("an ignored broken link");
        symlink("/", content.join("buiten")).expect("a link out");
        write(&content.join(std::ffi::OsStr::from_bytes(b"caf\xe9/nl.md")));
        let mut problems = Vec::new();
        let files = walk(root, &content, &mut problems);
        let problems: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
        let (expected_files, expected_problems) = walk_one_folder_at_a_time(root, &content);
        assert!(files.len() > 80, "{files:?}");
        assert_eq!(problems.len(), 5, "{problems:#?}");
        assert_eq!(files, expected_files);
        assert_eq!(problems, expected_problems);
    }

    #[test]
    fn a_path_is_in_the_folder_its_first_component_names() {
        assert_eq!(
            Folder::containing(Path::new("content/x/nl.md")),
            Some(Folder::Content)
        );
        assert_eq!(
            Folder::containing(Path::new("themes/praxis/static/a.css")),
            Some(Folder::Themes)
        );
        assert_eq!(Folder::containing(Path::new("site.toml")), None);
        assert_eq!(Folder::containing(Path::new("contents/x")), None);
        for folder in Folder::ALL {
            assert_eq!(Folder::containing(&folder.of(Path::new(""))), Some(folder));
        }
    }

    #[test]
    fn the_site_s_own_files_are_looked_up_after_the_theme_s() {
        let root = Path::new("/site");
        let theme = theme_path(root, "praxis");
        assert_eq!(theme, Path::new("/site/themes/praxis"));
        let templates: Vec<PathBuf> = layers(root, Some(&theme), Folder::Templates).collect();
        assert_eq!(
            templates,
            [
                PathBuf::from("/site/themes/praxis/templates"),
                PathBuf::from("/site/templates")
            ]
        );
        assert_eq!(
            layers(root, None, Folder::Static).collect::<Vec<_>>(),
            [PathBuf::from("/site/static")]
        );
    }

    #[test]
    fn decomposed_names_are_composed() {
        assert_eq!(
            slash_path(Path::new("cafe\u{301}/e\u{301}te\u{301}")),
            "café/été"
        );
        assert_eq!(nfc("déjà"), "déjà");
    }
}
