//! Where each imported page will live: its slug, unique among the pages
//! beside it in its language, and its new URL path computed as praxis
//! computes it (the language root, then each ancestor's slug in that
//! language, else its folder name). The old URL is compared with that
//! path, so no page is given an alias to itself, which the build refuses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::front_matter::{decode_slug, plain_title};
use crate::config::Config;
use crate::slugs::slugify;

/// The slug an item asks for: its `post_name`, else its title.
pub fn wanted_slug(item: &super::wxr::Item) -> String {
    let name = decode_slug(&item.name);
    if name.is_empty() {
        slugify(&plain_title(&item.title))
    } else {
        name
    }
}

/// The slugs of the pages about to be written, by `(node key, language)`.
#[derive(Default)]
pub struct Slugs {
    by_page: BTreeMap<(String, String), String>,
    /// `(parent key, language, slug)` already taken.
    taken: BTreeSet<(String, String, String)>,
}

fn parent_of(key: &str) -> &str {
    key.rsplit_once('/').map_or("", |(p, _)| p)
}

impl Slugs {
    /// Gives a page its slug: the one it asks for unless a page beside it
    /// in the same language has it already, then its folder name (unique
    /// by construction), else a numbered one. `Some(wanted)` when the
    /// slug had to change, for the report.
    pub fn claim(&mut self, key: &str, lang: &str, wanted: &str) -> (String, Option<String>) {
        let parent = parent_of(key).to_owned();
        let folder = key.rsplit('/').next().unwrap_or(key);
        let free = |taken: &BTreeSet<(String, String, String)>, slug: &str| {
            !taken.contains(&(parent.clone(), lang.to_owned(), slug.to_owned()))
        };
        let mut slug = wanted.to_owned();
        if !free(&self.taken, &slug) {
            slug = folder.to_owned();
            let mut n = 2;
            while !free(&self.taken, &slug) {
                slug = format!("{wanted}-{n}");
                n += 1;
            }
        }
        self.taken.insert((parent, lang.to_owned(), slug.clone()));
        self.by_page
            .insert((key.to_owned(), lang.to_owned()), slug.clone());
        let changed = (slug != wanted).then(|| wanted.to_owned());
        (slug, changed)
    }

    /// Takes the slugs of the pages the site already has and this import
    /// did not make (not in `owned`, the folders of an earlier import): an
    /// imported "Contact" beside `praxis init`'s own contact page must not
    /// be published at its URL. A page's slug is its front matter's, else
    /// its folder's name; a file that cannot be read takes nothing.
    pub fn reserve_existing(
        &mut self,
        content: &Path,
        owned: &BTreeSet<std::path::PathBuf>,
        languages: &[&str],
    ) {
        for entry in walkdir::WalkDir::new(content)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_dir() && !owned.contains(e.path()))
        {
            let Ok(relative) = entry.path().strip_prefix(content) else {
                continue;
            };
            let key = key_of(relative);
            let folder = key.rsplit('/').next().unwrap_or(&key).to_owned();
            for lang in languages {
                let Ok(text) = std::fs::read_to_string(entry.path().join(format!("{lang}.md")))
                else {
                    continue;
                };
                let slug = crate::content::front_matter::split(&text)
                    .ok()
                    .and_then(|split| split.front_matter.slug)
                    .unwrap_or_else(|| folder.clone());
                self.taken
                    .insert((parent_of(&key).to_owned(), (*lang).to_owned(), slug));
            }
        }
    }

    pub fn get(&self, key: &str, lang: &str) -> Option<&str> {
        self.by_page
            .get(&(key.to_owned(), lang.to_owned()))
            .map(String::as_str)
    }

    /// The page's URL path once built: `/nl/artikels/mentorschap/`.
    pub fn new_path(&self, config: &Config, content: &Path, key: &str, lang: &str) -> String {
        let mut path = config.language_root(lang);
        let mut end = 0;
        for segment in key.split('/') {
            end += segment.len();
            let prefix = &key[..end];
            end += 1;
            let slug = self
                .by_page
                .get(&(prefix.to_owned(), lang.to_owned()))
                .filter(|s| crate::slugs::check(s).is_ok())
                .cloned()
                .or_else(|| existing_slug(content, prefix, lang))
                .unwrap_or_else(|| segment.to_owned());
            path.push_str(&slug);
            path.push('/');
        }
        path
    }
}

/// The slug of a page already in the site, or of the articles section
/// the import writes when it is missing.
pub(super) fn existing_slug(content: &Path, prefix: &str, lang: &str) -> Option<String> {
    let file = content.join(prefix).join(format!("{lang}.md"));
    if let Ok(text) = std::fs::read_to_string(&file) {
        let head = text.strip_prefix("+++")?.split("+++").next()?;
        let table: toml::Table = toml::from_str(head).ok()?;
        return table.get("slug")?.as_str().map(str::to_owned);
    }
    (prefix == "articles").then(|| articles_slug(lang).1.to_owned())
}

/// The title and slug of the articles section the import writes.
pub(super) fn articles_slug(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "nl" => ("Artikels", "artikels"),
        "fr" => ("Articles", "articles"),
        "de" => ("Artikel", "artikel"),
        _ => ("Articles", "articles"),
    }
}

/// `articles/x` from a path under content/, with `/` on every platform.
pub(super) fn key_of(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
