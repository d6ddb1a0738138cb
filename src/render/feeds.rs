//! One Atom feed per language: `/nl/atom.xml`, `/fr/atom.xml`.

use super::xml::xml_escape;
use crate::model::{NodeKind, PageId, Site, newest_first};

/// How many articles a feed carries, newest first.
pub const FEED_LIMIT: usize = 20;

/// The articles of a language's feed: its dated pages, newest first (in
/// the order of a section's list).
pub fn articles(site: &Site, lang: &str) -> Vec<PageId> {
    let mut articles: Vec<PageId> = site
        .pages
        .ids()
        .filter(|&p| {
            let page = &site.pages[p];
            page.lang == lang && page.date.is_some() && site.nodes[page.node].kind == NodeKind::Page
        })
        .collect();
    // The newest FEED_LIMIT picked out, then sorted, rather than all of a
    // large site's articles sorted: the order of a stable sort by
    // `newest_first`, pages it cannot tell apart by their id.
    let order =
        |a: &PageId, b: &PageId| newest_first(&site.pages[*a], &site.pages[*b]).then(a.cmp(b));
    if articles.len() > FEED_LIMIT {
        articles.select_nth_unstable_by(FEED_LIMIT, order);
        articles.truncate(FEED_LIMIT);
    }
    articles.sort_unstable_by(order);
    articles
}

/// Where a language's feed is written: `nl/atom.xml`.
pub fn path(site: &Site, lang: &str) -> String {
    site.config
        .feed_path(lang)
        .trim_start_matches('/')
        .to_owned()
}

/// The feed of a language, carrying `articles` in full.
/// `content` gives a page's HTML.
pub fn feed(
    site: &Site,
    content: impl Fn(PageId) -> std::sync::Arc<str>,
    lang: &str,
    articles: &[PageId],
) -> String {
    let config = &site.config;
    let Some(language) = config.language(lang) else {
        return String::new();
    };
    let root = config.language_root(lang);
    let feed_path = config.feed_path(lang);
    let updated = articles
        .iter()
        .filter_map(|&p| {
            let page = &site.pages[p];
            page.updated.as_ref().or(page.date.as_ref())
        })
        .max_by_key(|d| d.timestamp)
        .map_or("1970-01-01T00:00:00Z".to_owned(), |d| d.rfc3339.clone());

    let mut xml = String::with_capacity(4096 + articles.len() * 8192);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(lang)
    ));
    xml.push_str(&format!("<title>{}</title>\n", xml_escape(&language.title)));
    if !language.description.is_empty() {
        xml.push_str(&format!(
            "<subtitle>{}</subtitle>\n",
            xml_escape(&language.description)
        ));
    }
    let feed_url = xml_escape(&config.permalink(&feed_path));
    xml.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{feed_url}\"/>\n"
    ));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&config.permalink(&root))
    ));
    xml.push_str(&format!(
        "<id>{feed_url}</id>\n<updated>{updated}</updated>\n"
    ));
    xml.push_str(&format!(
        "<author><name>{}</name></author>\n",
        xml_escape(&language.title)
    ));
    for &id in articles {
        push_entry(&mut xml, site, &content(id), id);
    }
    xml.push_str("</feed>\n");
    xml
}

/// Who wrote an article and who translated it, where its front matter
/// says (`authors`, `translators`): an entry's `<author>` replaces the
/// feed's own (the practice) for that entry, as Atom has it (RFC 4287
/// §4.2.1), and a translator is a `<contributor>`.
fn push_people(xml: &mut String, page: &crate::model::Page) {
    for (element, names) in [
        ("author", &page.front_matter.authors),
        ("contributor", &page.front_matter.translators),
    ] {
        for name in names {
            xml.push_str(&format!(
                "<{element}><name>{}</name></{element}>\n",
                xml_escape(name)
            ));
        }
    }
}

/// What of an article its feed entry shows besides its summary and text:
/// its authors and translators, which a summary's fingerprint leaves out
/// where no template reads them.
pub fn entry_extras(site: &Site, id: PageId) -> (&[String], &[String]) {
    let front_matter = &site.pages[id].front_matter;
    (&front_matter.authors, &front_matter.translators)
}

/// One article, showing `content` (its HTML).
fn push_entry(xml: &mut String, site: &Site, content: &str, id: PageId) {
    let page = &site.pages[id];
    let permalink = xml_escape(&site.config.permalink(&page.path));
    let Some(date) = page.date.as_ref() else {
        return;
    };
    let updated = page.updated.as_ref().unwrap_or(date);
    xml.push_str("<entry>\n");
    xml.push_str(&format!("<title>{}</title>\n", xml_escape(page.title())));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{permalink}\"/>\n"
    ));
    xml.push_str(&format!("<id>{permalink}</id>\n"));
    xml.push_str(&format!("<published>{}</published>\n", date.rfc3339));
    xml.push_str(&format!("<updated>{}</updated>\n", updated.rfc3339));
    push_people(xml, page);
    for tag in &page.front_matter.tags {
        xml.push_str(&format!("<category term=\"{}\"/>\n", xml_escape(tag)));
    }
    if let Some(summary) = page.description.as_deref() {
        xml.push_str(&format!("<summary>{}</summary>\n", xml_escape(summary)));
    }
    // Links inside the content are site-relative (/nl/…): xml:base makes
    // them absolute for feed readers.
    xml.push_str(&format!(
        "<content type=\"html\" xml:base=\"{permalink}\">{}</content>\n",
        xml_escape(content)
    ));
    xml.push_str("</entry>\n");
}
