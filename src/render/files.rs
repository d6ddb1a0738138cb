//! Files copied as they are: the theme's and the site's static files, and
//! each node's assets.

use std::collections::HashMap;
use std::path::Path;

use super::templates::STATIC_DIR;
use crate::diagnostics::Diagnostics;
use crate::media::Media;
use crate::model::Site;
use crate::output::OutputFile;
use crate::site_files::relative_to;
use crate::site_files::{self, slash_path};

/// The theme's `static/`, then the site's, which replaces files of the same name.
pub fn static_files(root: &Path, theme: Option<&Path>, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let mut by_path: HashMap<String, OutputFile> = HashMap::new();
    let dirs = theme
        .map(|t| t.join(STATIC_DIR))
        .into_iter()
        .chain(std::iter::once(root.join(STATIC_DIR)));
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
