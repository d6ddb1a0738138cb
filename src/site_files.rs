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

use walkdir::WalkDir;

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
pub fn walk(root: &Path, dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let real_root = match root.canonicalize() {
        Ok(r) => r,
        Err(e) => {
            problems.push(
                Diagnostic::error(format!("cannot read the site's folder: {e}"))
                    .in_file(root)
                    .help("check that the folder exists and is readable"),
            );
            return files;
        }
    };
    if let Err(d) = confine_to(&real_root, root, dir) {
        problems.push(d);
        return files;
    }
    let mut refused = Vec::new();
    let entries = WalkDir::new(dir)
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
            Err(e) => problems.push(walk_error(&real_root, root, dir, &e)),
        }
    }
    problems.append(&mut refused);
    files
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

fn walk_error(real_root: &Path, root: &Path, dir: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().unwrap_or(dir);
    let shown = relative_to(root, path);
    if let Some(ancestor) = e.loop_ancestor() {
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
        let looped = e
            .io_error()
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
