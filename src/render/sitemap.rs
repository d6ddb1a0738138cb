//! `sitemap.xml`, with every page's language versions as
//! `xhtml:link rel="alternate"`, and `robots.txt` pointing to it.

use serde::Serialize;

use super::Xml;
use crate::model::Site;

/// One `<url>` of the sitemap.
#[derive(Serialize)]
pub(super) struct Entry {
    path: String,
    lastmod: Option<String>,
    /// (language, path) of every version, this one included.
    versions: Vec<(String, String)>,
}

/// `robots.txt`: everything allowed, and where the sitemap is.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.permalink("/sitemap.xml")
    )
}

pub(super) fn entries(site: &Site) -> Vec<Entry> {
    let config = &site.config;
    let mut entries: Vec<Entry> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, page)| !page.noindex)
        .map(|(id, page)| Entry {
            path: page.path.clone(),
            lastmod: page
                .updated
                .as_ref()
                .or(page.date.as_ref())
                .map(|d| d.day.clone()),
            versions: site
                .translations(id)
                .filter(|t| !t.noindex)
                .map(|t| (t.lang.clone(), t.path.clone()))
                .collect(),
        })
        .collect();

    let tag_lists: Vec<(String, String)> = config
        .languages
        .iter()
        .filter(|l| !site.tags.terms(&l.code).is_empty())
        .map(|l| {
            (
                l.code.clone(),
                format!("{}{}/", config.language_root(&l.code), l.tags_path),
            )
        })
        .collect();
    for (_, path) in &tag_lists {
        entries.push(Entry {
            path: path.clone(),
            lastmod: None,
            versions: tag_lists.clone(),
        });
    }
    for language in &config.languages {
        for term in site.tags.terms(&language.code) {
            let mut versions = vec![(term.lang.clone(), term.path.clone())];
            for (lang, index) in &term.translations {
                if let Some(other) = site.tags.terms(lang).get(*index) {
                    versions.push((other.lang.clone(), other.path.clone()));
                }
            }
            entries.push(Entry {
                path: term.path.clone(),
                lastmod: None,
                versions,
            });
        }
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    entries
}

pub(super) fn sitemap(site: &Site, entries: &[Entry]) -> String {
    use std::fmt::Write;
    let config = &site.config;
    let x_default = config.permalink("/");
    let mut xml = String::with_capacity(entries.len() * 400);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // Written into one buffer: the sitemap is made again after every
    // edit that moves or dates a page, on sites of 20 000 pages.
    for entry in entries {
        let _ = writeln!(
            xml,
            "<url>\n  <loc>{}</loc>",
            Xml(&config.permalink(&entry.path))
        );
        if let Some(lastmod) = &entry.lastmod {
            let _ = writeln!(xml, "  <lastmod>{lastmod}</lastmod>");
        }
        if entry.versions.len() > 1 {
            for (lang, path) in &entry.versions {
                let _ = writeln!(
                    xml,
                    "  <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    Xml(lang),
                    Xml(&config.permalink(path))
                );
            }
            let _ = writeln!(
                xml,
                "  <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                Xml(&x_default)
            );
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
