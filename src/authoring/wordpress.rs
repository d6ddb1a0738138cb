//! `praxis import wordpress EXPORT.xml`: a WordPress export (WXR) into
//! content nodes.
//!
//! Every post becomes `content/articles/<slug>/<lang>.md`, every page
//! `content/<slug>/<lang>.md`, with its title, slug, date, tags and draft
//! state; its HTML is converted to Markdown. Translations are paired where
//! the export says so — Polylang (`language` and `post_translations` terms)
//! or WPML (`_wpml_import_language_code` and `_wpml_import_translation_group`
//! meta) — so that each pair lands in one node. The old URL of each post
//! becomes an alias, so that links to it keep working. Nothing is
//! downloaded: image URLs stay as they are, and are listed for the user.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::config::Config;
use crate::content::CONTENT_DIR;
use crate::diagnostics::{Diagnostic, Position};
use crate::model::slug::slugify;

/// One `<item>` of the export.
#[derive(Debug, Default, Clone)]
struct Item {
    title: String,
    link: String,
    content: String,
    excerpt: String,
    post_id: String,
    date: String,
    date_gmt: String,
    name: String,
    status: String,
    kind: String,
    tags: Vec<String>,
    language: Option<String>,
    group: Option<String>,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    pub written: Vec<PathBuf>,
    /// Items left alone, and why.
    pub skipped: Vec<String>,
    /// Image URLs found in the content, to fetch by hand if wanted.
    pub images: BTreeSet<String>,
    pub posts: usize,
    pub pages: usize,
    pub translated_groups: usize,
}

/// Reads `export` and writes its posts and pages into the site at `root`.
pub fn import(export: &Path, root: &Path, config: &Config) -> Result<Report, Diagnostic> {
    let text = std::fs::read_to_string(export).map_err(|e| {
        Diagnostic::error(format!("cannot read the export: {e}"))
            .in_file(export)
            .help(
                "export from WordPress with Tools → Export → All content, and pass that .xml file",
            )
    })?;
    let (items, site_language) = parse(&text).map_err(|d| d.in_file(export))?;
    let default = config.default_language.clone();
    let lang_of = |item: &Item| -> String {
        let code = item
            .language
            .clone()
            .or_else(|| site_language.clone())
            .unwrap_or_else(|| default.clone());
        let short = code
            .split(['-', '_'])
            .next()
            .unwrap_or(&code)
            .to_ascii_lowercase();
        if config.has_language(&code) {
            code
        } else {
            short
        }
    };

    let mut report = Report::default();
    // Posts and pages, grouped by translation group (or alone).
    let mut groups: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for item in items {
        match item.kind.as_str() {
            "post" | "page" => {}
            "attachment" => continue,
            other => {
                report.skipped.push(format!(
                    "“{}”: a WordPress {other}, not a post or page",
                    item.title
                ));
                continue;
            }
        }
        let group = item
            .group
            .clone()
            .unwrap_or_else(|| format!("single-{}", item.post_id));
        groups.entry(group).or_default().push(item);
    }

    // First the node of every item, so that links between old posts can
    // become @/ links.
    let mut used_keys: BTreeSet<String> = BTreeSet::new();
    let mut planned: Vec<(String, Vec<(Item, String)>)> = Vec::new();
    for (_, items) in groups {
        let languages: Vec<String> = items.iter().map(&lang_of).collect();
        // The node is named after the version in the default language, else the first.
        let main = languages.iter().position(|l| *l == default).unwrap_or(0);
        let section = if items[main].kind == "post" {
            "articles/"
        } else {
            ""
        };
        let base = {
            let name = decode_slug(&items[main].name);
            let slug = if name.is_empty() {
                slugify(&decode_entities(&items[main].title))
            } else {
                slugify(&name)
            };
            if slug.is_empty() {
                format!("item-{}", items[main].post_id)
            } else {
                slug
            }
        };
        let mut key = format!("{section}{base}");
        let mut n = 2;
        while used_keys.contains(&key) || (root.join(CONTENT_DIR).join(&key).exists()) {
            key = format!("{section}{base}-{n}");
            n += 1;
        }
        used_keys.insert(key.clone());
        planned.push((key, items.into_iter().zip(languages).collect()));
    }
    let old_links: Vec<(String, String, String)> = {
        let mut links: Vec<(String, String, String)> = planned
            .iter()
            .flat_map(|(key, items)| {
                items
                    .iter()
                    .map(move |(item, lang)| (item.link.clone(), key.clone(), lang.clone()))
            })
            .filter(|(link, _, _)| old_path(link).is_some())
            .collect();
        // Longest first, so that /a/b/ is replaced before /a/.
        links.sort_by_key(|l| std::cmp::Reverse(l.0.len()));
        links
    };

    for (key, items) in planned {
        if items.len() > 1 {
            report.translated_groups += 1;
        }
        let mut seen_languages = BTreeSet::new();
        for (item, lang) in &items {
            if !config.has_language(lang) {
                report.skipped.push(format!(
                    "“{}”: in {lang}, which is not a language of this site (add [languages.{lang}] to site.toml)",
                    item.title
                ));
                continue;
            }
            if !seen_languages.insert(lang.clone()) {
                report.skipped.push(format!(
                    "“{}”: a second {lang} version in one translation group",
                    item.title
                ));
                continue;
            }
            let file = root.join(CONTENT_DIR).join(&key).join(format!("{lang}.md"));
            let markdown = link_to_nodes(
                &to_markdown(&item.content, &mut report.images),
                &old_links,
                lang,
            );
            let text = front_matter(item, lang, config) + "\n" + &markdown;
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent).map_err(|e| {
                    Diagnostic::error(format!("cannot create {}: {e}", parent.display()))
                        .help("check that the site folder is writable")
                })?;
            }
            std::fs::write(&file, text).map_err(|e| {
                Diagnostic::error(format!("cannot write {}: {e}", file.display()))
                    .help("check that the site folder is writable")
            })?;
            if item.kind == "post" {
                report.posts += 1;
            } else {
                report.pages += 1;
            }
            report.written.push(file);
        }
    }
    ensure_sections(root, config, &mut report)?;
    Ok(report)
}

/// The articles section and home page, in each language, if missing.
fn ensure_sections(root: &Path, config: &Config, report: &mut Report) -> Result<(), Diagnostic> {
    let has_posts = report.posts > 0;
    for language in &config.languages {
        let lang = &language.code;
        let mut wanted = vec![(
            root.join(CONTENT_DIR).join(format!("{lang}.md")),
            format!(
                "+++\ntitle = {}\n+++\n",
                toml::Value::String(language.title.clone())
            ),
        )];
        if has_posts {
            let (title, slug) = match lang.as_str() {
                "nl" => ("Artikels", "artikels"),
                "fr" => ("Articles", "articles"),
                "de" => ("Artikel", "artikel"),
                _ => ("Articles", "articles"),
            };
            wanted.push((
                root.join(CONTENT_DIR)
                    .join("articles")
                    .join(format!("{lang}.md")),
                format!("+++\ntitle = \"{title}\"\nslug = \"{slug}\"\n+++\n"),
            ));
        }
        for (path, text) in wanted {
            if !path.exists() {
                if let Some(parent) = path.parent() {
                    let _ = std::fs::create_dir_all(parent);
                }
                std::fs::write(&path, text).map_err(|e| {
                    Diagnostic::error(format!("cannot write {}: {e}", path.display()))
                        .help("check that the site folder is writable")
                })?;
                report.written.push(path);
            }
        }
    }
    Ok(())
}

fn front_matter(item: &Item, lang: &str, config: &Config) -> String {
    let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let mut out = String::from("+++\n");
    let decoded = decode_entities(item.title.trim());
    let title = if decoded.is_empty() {
        "(untitled)"
    } else {
        decoded.as_str()
    };
    out.push_str(&format!("title = {}\n", quote(title)));
    let name = decode_slug(&item.name);
    let slug = if name.is_empty() {
        slugify(title)
    } else {
        name
    };
    if crate::model::slug::check(&slug).is_ok() {
        out.push_str(&format!("slug = {}\n", quote(&slug)));
    }
    if let Some(date) =
        wordpress_date(&item.date_gmt, true).or_else(|| wordpress_date(&item.date, false))
    {
        out.push_str(&format!("date = {date}\n"));
    }
    if item.status != "publish" {
        out.push_str("draft = true\n");
    }
    let excerpt = decode_entities(&strip_tags(&item.excerpt));
    if !excerpt.trim().is_empty() {
        out.push_str(&format!("description = {}\n", quote(excerpt.trim())));
    }
    if !item.tags.is_empty() {
        let tags: Vec<String> = item.tags.iter().map(|t| quote(t)).collect();
        out.push_str(&format!("tags = [{}]\n", tags.join(", ")));
    }
    if let Some(alias) = old_path(&item.link) {
        // A page at the root could end up at its old path already.
        let new_path = format!("{}{slug}/", config.language_root(lang));
        if alias != new_path {
            out.push_str(&format!("aliases = [{}]\n", quote(&alias)));
        }
    }
    out.push_str("+++\n");
    out
}

/// `2019-05-14 10:30:00` → `2019-05-14T10:30:00Z` (GMT) or `2019-05-14T10:30:00`.
fn wordpress_date(text: &str, gmt: bool) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.starts_with("0000") {
        return None;
    }
    let dt = jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M:%S", text).ok()?;
    Some(if gmt {
        format!("{}Z", dt.strftime("%Y-%m-%dT%H:%M:%S"))
    } else {
        dt.strftime("%Y-%m-%dT%H:%M:%S").to_string()
    })
}

/// The path of an old URL, to redirect from: `https://x.be/2019/05/post/` → `/2019/05/post/`.
fn old_path(link: &str) -> Option<String> {
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))?;
    let path = &rest[rest.find('/')?..];
    if path == "/" || path.contains('?') || path.contains('#') {
        return None;
    }
    Some(
        percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .ok()?
            .into_owned(),
    )
}

/// WordPress stores slugs percent-encoded: `%c3%a9t%c3%a9` → `été`.
fn decode_slug(name: &str) -> String {
    percent_encoding::percent_decode_str(name.trim())
        .decode_utf8()
        .map(|s| s.into_owned())
        .unwrap_or_else(|_| name.trim().to_owned())
}

/// Links to old posts and pages (`](https://old.site/over-mij/)`) become
/// links to their nodes (`](@/over-mij)`), checked at every build.
fn link_to_nodes(markdown: &str, old_links: &[(String, String, String)], lang: &str) -> String {
    let mut text = markdown.to_owned();
    for (link, key, target_lang) in old_links {
        let node = if target_lang == lang {
            format!("@/{key}")
        } else {
            format!("@/{key}?lang={target_lang}")
        };
        for old in [link.clone(), link.trim_end_matches('/').to_owned()] {
            text = text.replace(&format!("]({old})"), &format!("]({node})"));
        }
    }
    text
}

/// WordPress content into Markdown. Paragraphs are often left implicit
/// (blank lines, which WordPress turns into `<p>` when showing a post):
/// they are made explicit first.
fn to_markdown(html: &str, images: &mut BTreeSet<String>) -> String {
    let html = if html.contains("<p") || !html.contains("\n\n") {
        html.to_owned()
    } else {
        html.split("\n\n")
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(|block| {
                if block.starts_with('<')
                    && !block.starts_with("<a ")
                    && !block.starts_with("<strong")
                    && !block.starts_with("<em")
                    && !block.starts_with("<img")
                {
                    block.to_owned()
                } else {
                    format!("<p>{}</p>", block.replace('\n', "<br>"))
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    for part in html.split("<img").skip(1) {
        if let Some(src) = attribute(part, "src") {
            images.insert(src);
        }
    }
    match htmd::convert(&html) {
        Ok(markdown) => markdown.trim().to_owned() + "\n",
        Err(_) => html,
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let tag = tag.split('>').next()?;
    for quote in ['"', '\''] {
        let marker = format!("{name}={quote}");
        if let Some(start) = tag.find(&marker) {
            let rest = &tag[start + marker.len()..];
            return rest.find(quote).map(|end| rest[..end].to_owned());
        }
    }
    None
}

/// The HTML entities WordPress leaves in titles and excerpts.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "rsquo" => Some('’'),
            "lsquo" => Some('‘'),
            "rdquo" => Some('”'),
            "ldquo" => Some('“'),
            "hellip" => Some('…'),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The items of a WXR file, and the channel's language.
fn parse(text: &str) -> Result<(Vec<Item>, Option<String>), Diagnostic> {
    let mut reader = Reader::from_str(text);
    let mut items = Vec::new();
    let mut channel_language = None;
    let mut path: Vec<String> = Vec::new();
    let mut item: Option<Item> = None;
    let mut value = String::new();
    let mut category: Option<(String, String)> = None;
    let mut meta: (String, String) = (String::new(), String::new());
    let mut saw_rss = false;
    let error_at = |offset: u64, message: String| {
        let pos = Position::of(text, offset as usize);
        Diagnostic::error(message)
            .at(pos.line, pos.column)
            .help("this does not look like a complete WordPress export (WXR); export again with Tools → Export")
    };
    loop {
        let event = reader.read_event().map_err(|e| {
            error_at(
                reader.error_position(),
                format!("the export is not valid XML: {e}"),
            )
        })?;
        match event {
            Event::Start(start) => {
                let name = start.name().as_ref().to_owned();
                if name == "rss" {
                    saw_rss = true;
                }
                if name == "item" {
                    item = Some(Item::default());
                }
                if name == "category" && item.is_some() {
                    let mut domain = String::new();
                    let mut nicename = String::new();
                    for attribute in start.attributes().flatten() {
                        let value = attribute
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map(|v| v.into_owned())
                            .unwrap_or_default();
                        match attribute.key.as_ref() {
                            "domain" => domain = value,
                            "nicename" => nicename = value,
                            _ => {}
                        }
                    }
                    category = Some((domain, nicename));
                }
                path.push(name);
                value.clear();
            }
            Event::Text(t) => value.push_str(&t.xml10_content()),
            Event::CData(c) => value.push_str(&c.into_inner()),
            Event::GeneralRef(r) => {
                if r.is_char_ref() {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        value.push(c);
                    }
                } else {
                    let name = r.xml10_content();
                    let resolved = match name.as_ref() {
                        "amp" => "&".to_owned(),
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        other => format!("&{other};"),
                    };
                    value.push_str(&resolved);
                }
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                let parent = path.last().map(String::as_str).unwrap_or("");
                let text = std::mem::take(&mut value);
                match (&mut item, name.as_str()) {
                    (None, "language") if parent == "channel" => {
                        channel_language = Some(text.trim().to_owned())
                    }
                    (Some(_), "item") => items.extend(item.take()),
                    (Some(it), "title") if parent == "item" => it.title = text,
                    (Some(it), "link") if parent == "item" => it.link = text.trim().to_owned(),
                    (Some(it), "content:encoded") => it.content = text,
                    (Some(it), "excerpt:encoded") => it.excerpt = text,
                    (Some(it), "wp:post_id") => it.post_id = text.trim().to_owned(),
                    (Some(it), "wp:post_date") => it.date = text,
                    (Some(it), "wp:post_date_gmt") => it.date_gmt = text,
                    (Some(it), "wp:post_name") => it.name = text,
                    (Some(it), "wp:status") => it.status = text.trim().to_owned(),
                    (Some(it), "wp:post_type") => it.kind = text.trim().to_owned(),
                    (Some(it), "category") => {
                        let (domain, nicename) = category.take().unwrap_or_default();
                        match domain.as_str() {
                            "post_tag" => it.tags.push(text.trim().to_owned()),
                            "language" => it.language = Some(nicename),
                            "post_translations" => it.group = Some(format!("pll:{nicename}")),
                            _ => {}
                        }
                    }
                    (Some(_), "wp:meta_key") => meta.0 = text.trim().to_owned(),
                    (Some(_), "wp:meta_value") => meta.1 = text.trim().to_owned(),
                    (Some(it), "wp:postmeta") => {
                        let (key, value) = std::mem::take(&mut meta);
                        match key.as_str() {
                            "_wpml_import_language_code" | "_wpml_language" => {
                                it.language = Some(value)
                            }
                            "_wpml_import_translation_group" | "_wpml_translation_group" => {
                                it.group = Some(format!("wpml:{value}"))
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_rss {
        return Err(error_at(
            0,
            "this is XML, but not a WordPress export (no <rss> element)".into(),
        ));
    }
    if !path.is_empty() {
        return Err(error_at(
            text.len() as u64,
            format!(
                "the export ends inside <{}>: it is cut short",
                path.join("><")
            ),
        ));
    }
    Ok((items, channel_language))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_paths() {
        assert_eq!(
            wordpress_date("2019-05-14 10:30:00", true).as_deref(),
            Some("2019-05-14T10:30:00Z")
        );
        assert_eq!(wordpress_date("0000-00-00 00:00:00", true), None);
        assert_eq!(
            old_path("https://praktijk.be/2019/05/mentorschap/").as_deref(),
            Some("/2019/05/mentorschap/")
        );
        assert_eq!(old_path("https://praktijk.be/?p=12"), None);
        assert_eq!(decode_slug("%c3%a9t%c3%a9"), "été");
    }

    #[test]
    fn implicit_paragraphs_become_markdown_paragraphs() {
        let mut images = BTreeSet::new();
        let md = to_markdown(
            "Eerste alinea.\n\nTweede <strong>vet</strong>.\n\n<img src=\"https://x.be/a.jpg\" alt=\"A\">",
            &mut images,
        );
        assert!(md.contains("Eerste alinea.\n\nTweede **vet**."), "{md}");
        assert!(images.contains("https://x.be/a.jpg"));
    }
}
