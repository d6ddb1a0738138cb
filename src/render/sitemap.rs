//! `sitemap.xml`, with every page's language versions as
//! `xhtml:link rel="alternate"`, and `robots.txt` pointing to it.

use std::borrow::Cow;

use super::xml::{push_xml, xml_escape};
use crate::model::Site;

/// One `<url>` of the sitemap, borrowed from the model: the sitemap is
/// listed, fingerprinted and maybe written again after every edit that
/// moves or dates a page, on sites of 20 000 pages.
#[derive(Hash)]
pub(super) struct Entry<'a> {
    path: Cow<'a, str>,
    lastmod: Option<&'a str>,
    /// (language, path) of every version, this one included.
    versions: Vec<(&'a str, Cow<'a, str>)>,
}

/// `robots.txt`: everything allowed, and where the sitemap is.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.permalink("/sitemap.xml")
    )
}

pub(super) fn entries(site: &Site) -> Vec<Entry<'_>> {
    let config = &site.config;
    let mut entries: Vec<Entry> = site
        .pages
        .iter_enumerated()
        .filter(|(_, page)| !page.noindex)
        .map(|(id, page)| Entry {
            path: Cow::Borrowed(&page.path),
            lastmod: page
                .updated
                .as_ref()
                .or(page.date.as_ref())
                .map(|d| d.day.as_str()),
            versions: site
                .translations(id)
                .filter(|t| !t.noindex)
                .map(|t| (t.lang.as_str(), Cow::Borrowed(t.path.as_str())))
                .collect(),
        })
        .collect();

    // `/`, the language chooser, is the `x-default` of every home page,
    // and indexed as such.
    if !config.default_language_at_root {
        let homes: Vec<(&str, Cow<str>)> = config
            .languages
            .iter()
            .map(|l| (l.code.as_str(), Cow::Owned(config.language_root(&l.code))))
            .collect();
        entries.push(Entry {
            path: Cow::Borrowed("/"),
            lastmod: None,
            versions: homes,
        });
    }
    let tag_lists: Vec<(&str, Cow<str>)> = config
        .languages
        .iter()
        .filter(|l| !site.tags.terms(&l.code).is_empty())
        .map(|l| (l.code.as_str(), Cow::Owned(config.tag_list_path(&l.code))))
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
            let mut versions = vec![(term.lang.as_str(), Cow::Borrowed(term.path.as_str()))];
            for (lang, index) in &term.translations {
                if let Some(other) = site.tags.terms(lang).get(*index) {
                    versions.push((other.lang.as_str(), Cow::Borrowed(other.path.as_str())));
                }
            }
            entries.push(Entry {
                path: Cow::Borrowed(&term.path),
                lastmod: None,
                versions,
            });
        }
    }
    entries.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    entries
}

pub(super) fn sitemap(site: &Site, entries: &[Entry]) -> String {
    let config = &site.config;
    // Each URL is the site's address and a path: written one after the
    // other, not joined into a string of its own first.
    let address = xml_escape(&config.permalink(""));
    let x_default = xml_escape(&config.permalink("/"));
    let mut xml = String::with_capacity(entries.len() * 512);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // Pushed piece by piece into one buffer, with no formatting machinery:
    // the sitemap is made again after every edit that moves or dates a
    // page, on sites of 20 000 pages.
    for entry in entries {
        xml.push_str("<url>\n  <loc>");
        xml.push_str(&address);
        push_xml(&mut xml, &entry.path);
        xml.push_str("</loc>\n");
        if let Some(lastmod) = entry.lastmod {
            xml.push_str("  <lastmod>");
            push_xml(&mut xml, lastmod);
            xml.push_str("</lastmod>\n");
        }
        if entry.versions.len() > 1 {
            for (lang, path) in &entry.versions {
                xml.push_str("  <xhtml:link rel=\"alternate\" hreflang=\"");
                push_xml(&mut xml, lang);
                xml.push_str("\" href=\"");
                xml.push_str(&address);
                push_xml(&mut xml, path);
                xml.push_str("\"/>\n");
            }
            xml.push_str("  <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"");
            xml.push_str(&x_default);
            xml.push_str("\"/>\n");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
