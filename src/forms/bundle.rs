//! The endpoint bundle (`praxis build --endpoint-bundle DIR`): what `praxis
//! forms serve --bundle DIR` needs on a server to answer the forms, and
//! nothing more — so that the server holds neither her drafts nor her
//! articles' photos, and a deploy is one folder.
//!
//! The endpoint renders the pages that show a form again (after a mistake,
//! a refusal) and sends visitors to the thank-you pages; those pages need
//! the theme, the UI strings, the configuration, and the site's structure
//! (the menu, the language switcher, the URLs of every page). So the bundle
//! is a site of its own, built from this one:
//! - `site.toml`, `i18n/`, `templates/`, `static/` and the theme, as they are;
//! - every published page's file with its front matter (title, slug, weight:
//!   what menus and URLs are made of) but without its text, except the pages
//!   the endpoint shows or links to — the home pages, the pages with a form,
//!   the thank-you pages and the privacy notice — which keep their text and
//!   the files beside them;
//! - a marker, [`MARKER`], that says what the folder is.
//!
//! No draft, no article text, no photo of an article, no database, no key.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::model::{Page, Site};
use crate::output::OutputFile;
use crate::site_files::Folder;

/// The file that marks a folder as an endpoint bundle.
pub const MARKER: &str = "praxis-endpoint.toml";

/// The bundle's files, or why it cannot be made.
pub fn files(
    root: &Path,
    site: &Site,
    theme: Option<&Path>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut files = vec![
        OutputFile::rendered("site.toml".into(), site.config.source.clone(), "site.toml"),
        OutputFile::rendered(
            MARKER.into(),
            format!(
                "# An endpoint bundle, made by `praxis build --endpoint-bundle`: run it with\n#     praxis forms serve --bundle THIS-FOLDER\n# and make it again (never edit it) when the site changes.\nmade = \"{}\"\n",
                jiff::Timestamp::now()
            ),
            "site.toml",
        ),
    ];
    let copy_tree = |dir: &Path, problems: &mut Vec<Diagnostic>| {
        if !dir.is_dir() {
            return Vec::new();
        }
        crate::site_files::walk(root, dir, problems)
            .into_iter()
            .map(|file| {
                let relative = crate::site_files::relative_to(root, &file);
                let path = crate::site_files::slash_path(&relative);
                OutputFile::copied(path, file, relative)
            })
            .collect::<Vec<_>>()
    };
    // The folders copied as they are: the theme's, and the site's own that
    // replace the theme's files.
    for folder in Folder::OVER_THE_THEME {
        files.extend(copy_tree(&folder.of(root), &mut problems));
    }
    if let Some(theme) = theme {
        files.extend(copy_tree(theme, &mut problems));
    }
    for page in &site.pages {
        let relative = crate::site_files::slash_path(&page.source);
        if shown_by_endpoint(site, page) {
            files.push(OutputFile::copied(
                relative.clone(),
                root.join(&page.source),
                &page.source,
            ));
            for asset in &site.nodes[page.node].assets {
                let source = if asset.source.is_absolute() {
                    asset.source.clone()
                } else {
                    root.join(&asset.source)
                };
                let folder = relative.rsplit_once('/').map_or("", |(folder, _)| folder);
                files.push(OutputFile::copied(
                    format!("{folder}/{}", asset.relative),
                    source,
                    &page.source,
                ));
            }
        } else {
            match front_matter_only(root, page) {
                Ok(text) => files.push(OutputFile::rendered(relative, text, &page.source)),
                Err(d) => problems.push(d),
            }
        }
    }
    // A page's assets may also be listed by its other language.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// Whether the endpoint shows `page`, or sends visitors to it.
fn shown_by_endpoint(site: &Site, page: &Page) -> bool {
    let key = &site.nodes[page.node].key;
    let matter = &page.front_matter;
    key.is_empty()
        || matter.extra.contains_key("form")
        || matter.template.as_deref() == Some("privacy.html")
        || site
            .config
            .forms
            .values()
            .any(|form| form.thanks.trim_matches('/') == key)
}

/// The page's file cut after its front matter: its title, slug and place
/// in menus and lists, without what it says.
fn front_matter_only(root: &Path, page: &Page) -> Result<String, Diagnostic> {
    let path = root.join(&page.source);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Diagnostic::error(format!("cannot read {}: {e}", page.source.display()))
            .in_file(&page.source)
    })?;
    let kept: Vec<&str> = text
        .lines()
        .take(page.body_line.saturating_sub(1))
        .collect();
    Ok(format!("{}\n", kept.join("\n")))
}
