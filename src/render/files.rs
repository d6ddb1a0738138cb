//! Files copied as they are: the theme's and the site's static files, and
//! each node's assets.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::templates::STATIC_DIR;
use crate::content::{is_ignored, relative_to};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::OutputFile;

/// The theme's `static/`, then the site's, which replaces files of the same name.
pub fn static_files(root: &Path, theme: Option<&Path>, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let mut by_path: HashMap<String, OutputFile> = HashMap::new();
    let dirs = theme
        .map(|t| t.join(STATIC_DIR))
        .into_iter()
        .chain(std::iter::once(root.join(STATIC_DIR)));
    for dir in dirs.filter(|d| d.is_dir()) {
        for entry in WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()))
        {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
                    let path = slash(rel);
                    let origin = relative_to(root, e.path());
                    by_path.insert(
                        path.clone(),
                        OutputFile::copied(path, e.into_path(), origin),
                    );
                }
                Ok(_) => {}
                Err(e) => diags.push(
                    Diagnostic::error(format!("cannot read a static file: {e}"))
                        .in_file(e.path().map_or(dir.clone(), PathBuf::from))
                        .help("check that the file is readable"),
                ),
            }
        }
    }
    let mut files: Vec<OutputFile> = by_path.into_values().collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Each node's assets, beside each of its pages.
pub fn assets(site: &Site, root: &Path) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for node in &site.nodes {
        for &page in &node.pages {
            let dir = site.pages[page].path.trim_start_matches('/');
            for asset in &node.assets {
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

fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
