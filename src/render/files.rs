//! Files copied as they are: the theme's and the site's static files, and
//! each node's assets.

use std::collections::HashMap;
use std::path::Path;

use itertools::{EitherOrBoth, Itertools};

use crate::diagnostics::Diagnostics;
use crate::media::Media;
use crate::model::Site;
use crate::output::OutputFile;
use crate::site_files::relative_to;
use crate::site_files::{self, Folder, slash_path};

/// The theme's `static/`, then the site's, which replaces files of the same name.
pub fn static_files(root: &Path, theme: Option<&Path>, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let mut by_path: HashMap<String, OutputFile> = HashMap::new();
    let dirs = site_files::layers(root, theme, Folder::Static);
    for dir in dirs.filter(|d| d.is_dir()) {
        let mut problems = Vec::new();
        for source in site_files::walk(root, &dir, &mut problems) {
            let path = slash_path(source.strip_prefix(&dir).unwrap_or(&source));
            let origin = relative_to(root, &source);
            by_path.insert(path.clone(), OutputFile::copied(path, source, origin));
        }
        diags.extend(problems);
    }
    let mut files: Vec<OutputFile> = by_path.into_values().collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Each node's assets, beside each of its pages; images are published
/// processed instead (see [`crate::media`]).
pub fn assets(site: &Site, root: &Path) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for node in site.nodes.iter() {
        for &page in &node.pages {
            let dir = site.pages[page].path.trim_start_matches('/');
            for asset in node.assets.iter().filter(|a| !Media::handles(a)) {
                files.push(OutputFile::copied(
                    format!("{dir}{}", asset.relative),
                    asset.source.clone(),
                    relative_to(root, &asset.source),
                ));
            }
        }
    }
    files
}

/// Whether `relative` (a path from the site's root) is under the site's
/// `static/` or a theme's.
pub fn is_static(relative: &Path) -> bool {
    let mut parts = relative.components().map(|c| c.as_os_str());
    match Folder::containing(relative) {
        Some(Folder::Static) => true,
        Some(Folder::Themes) => parts.nth(2).is_some_and(|dir| dir == Folder::Static.name()),
        _ => false,
    }
}

/// How the static files changed between two listings of them (each sorted
/// by path, as [`static_files`] gives them).
#[derive(Debug, Default)]
pub struct StaticChanges {
    /// Files with a path the last listing did not have.
    pub arrived: Vec<OutputFile>,
    /// Files copied from another source than before: the site's own file
    /// over the theme's, or the theme's again.
    pub replaced: Vec<OutputFile>,
    /// Paths no static file has any more.
    pub gone: Vec<String>,
}

impl StaticChanges {
    pub fn between(before: &[OutputFile], now: &[OutputFile]) -> StaticChanges {
        let mut changes = StaticChanges::default();
        for pair in before.iter().merge_join_by(now, |a, b| a.path.cmp(&b.path)) {
            match pair {
                EitherOrBoth::Both(a, b) if a.body != b.body => changes.replaced.push(b.clone()),
                EitherOrBoth::Both(..) => {}
                EitherOrBoth::Left(a) => changes.gone.push(a.path.clone()),
                EitherOrBoth::Right(b) => changes.arrived.push(b.clone()),
            }
        }
        changes
    }

    /// Every path the changes touch.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        let files = self.arrived.iter().chain(&self.replaced);
        files
            .map(|f| f.path.as_str())
            .chain(self.gone.iter().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copied(path: &str, source: &str) -> OutputFile {
        OutputFile::copied(path.to_owned(), source.into(), source)
    }

    #[test]
    fn static_files_compared_by_path_then_by_source() {
        let before = [
            copied("a.css", "themes/t/static/a.css"),
            copied("b.css", "static/b.css"),
            copied("d.css", "static/d.css"),
        ];
        let now = [
            copied("a.css", "static/a.css"),
            copied("c.css", "static/c.css"),
            copied("d.css", "static/d.css"),
            copied("e.css", "static/e.css"),
        ];
        let changes = StaticChanges::between(&before, &now);
        let paths = |files: &[OutputFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&changes.arrived), ["c.css", "e.css"]);
        assert_eq!(
            paths(&changes.replaced),
            ["a.css"],
            "the site's own over the theme's"
        );
        assert_eq!(changes.gone, ["b.css"]);
        assert_eq!(changes.paths().count(), 4);
        assert!(StaticChanges::between(&now, &now).paths().next().is_none());
    }

    #[test]
    fn static_files_are_the_sites_and_the_themes() {
        assert!(is_static(Path::new("static/style.css")));
        assert!(is_static(Path::new("themes/praxis/static/fonts/a.woff2")));
        assert!(!is_static(Path::new("themes/praxis/templates/page.html")));
        assert!(!is_static(Path::new("themes/static/page.html")));
        assert!(!is_static(Path::new("content/static/nl.md")));
    }
}
