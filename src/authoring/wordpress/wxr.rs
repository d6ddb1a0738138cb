//! Reading a WordPress export (WXR 1.2, an RSS file with `wp:` elements)
//! into plain data: every `<item>` whatever its type, its post meta, terms
//! and comments, and the channel's own term lists.
//!
//! Nothing here decides what becomes of an item; that is the importer's
//! job, so that every item reaches it and can be counted in the report.

use std::collections::BTreeMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::diagnostics::{Diagnostic, Position};

/// The whole export.
#[derive(Debug, Default)]
pub struct Export {
    /// `<language>` of the channel (`nl-BE`, `en-US`…).
    pub language: Option<String>,
    pub items: Vec<Item>,
    /// Category nicenames declared by the channel (`<wp:category>`).
    pub categories: BTreeMap<String, String>,
    /// Tag slugs declared by the channel (`<wp:tag>`).
    pub tags: BTreeMap<String, String>,
    /// The authors' logins (`<wp:author_login>`), whose archives were
    /// at `/author/LOGIN/`.
    pub authors: Vec<String>,
}

/// One `<item>`: a post, page, attachment, menu item or custom type.
#[derive(Debug, Default, Clone)]
pub struct Item {
    pub title: String,
    pub link: String,
    pub content: String,
    pub excerpt: String,
    pub id: u64,
    pub date: String,
    pub date_gmt: String,
    /// `wp:post_modified(_gmt)`: when it was last edited.
    pub modified: String,
    pub modified_gmt: String,
    /// `wp:post_name`, percent-encoded as WordPress stores it.
    pub name: String,
    pub status: String,
    pub kind: String,
    pub parent: u64,
    pub menu_order: i64,
    pub password: String,
    pub sticky: bool,
    pub attachment_url: String,
    /// `(domain, nicename, label)` of each `<category>`.
    pub terms: Vec<Term>,
    pub meta: BTreeMap<String, String>,
    pub comments: Vec<Comment>,
}

#[derive(Debug, Default, Clone)]
pub struct Term {
    pub domain: String,
    pub nicename: String,
    pub label: String,
}

/// A `<wp:comment>`.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Comment {
    pub id: String,
    pub author: String,
    pub author_email: String,
    pub author_url: String,
    pub date: String,
    pub content: String,
    pub approved: String,
    pub parent: String,
    #[serde(rename = "type")]
    pub kind: String,
}

impl Item {
    /// The item's language and translation group, from Polylang terms or WPML meta.
    pub fn language(&self) -> Option<String> {
        self.terms
            .iter()
            .find(|t| t.domain == "language")
            .map(|t| t.nicename.clone())
            .or_else(|| self.meta.get("_wpml_import_language_code").cloned())
            .or_else(|| self.meta.get("_wpml_language").cloned())
            .filter(|l| !l.trim().is_empty())
    }

    pub fn translation_group(&self) -> Option<String> {
        self.terms
            .iter()
            .find(|t| t.domain == "post_translations")
            .map(|t| format!("pll:{}", t.nicename))
            .or_else(|| {
                self.meta
                    .get("_wpml_import_translation_group")
                    .or_else(|| self.meta.get("_wpml_translation_group"))
                    .map(|g| format!("wpml:{g}"))
            })
    }

    pub fn terms_of<'a>(&'a self, domain: &'a str) -> impl Iterator<Item = &'a Term> + 'a {
        self.terms.iter().filter(move |t| t.domain == domain)
    }

    pub fn meta_id(&self, key: &str) -> Option<u64> {
        self.meta.get(key).and_then(|v| v.trim().parse().ok())
    }
}

/// Parses the text of an export; errors carry the line and column.
pub fn parse(text: &str) -> Result<Export, Diagnostic> {
    let mut reader = Reader::from_str(text);
    let mut export = Export::default();
    let mut path: Vec<String> = Vec::new();
    let mut item: Option<Item> = None;
    let mut comment: Option<Comment> = None;
    let mut value = String::new();
    let mut term: Option<Term> = None;
    let mut meta: (String, String) = (String::new(), String::new());
    let mut channel_term: (String, String) = (String::new(), String::new());
    let mut saw_rss = false;
    let error_at = |offset: u64, message: String| {
        let pos = Position::of(text, (offset as usize).min(text.len()));
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
                match name.as_str() {
                    "rss" => saw_rss = true,
                    "item" => item = Some(Item::default()),
                    "wp:comment" if item.is_some() => comment = Some(Comment::default()),
                    "category" if item.is_some() => {
                        let mut t = Term::default();
                        for attribute in start.attributes().flatten() {
                            let value = attribute
                                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map(|v| v.into_owned())
                                .unwrap_or_default();
                            match attribute.key.as_ref() {
                                "domain" => t.domain = value,
                                "nicename" => t.nicename = value,
                                _ => {}
                            }
                        }
                        term = Some(t);
                    }
                    _ => {}
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
                        // XML defines only those five; `&eacute;` outside
                        // CDATA is an error a parser must refuse, not guess.
                        other => {
                            return Err(error_at(
                                reader.buffer_position(),
                                format!("the export is not valid XML: undefined entity `&{other};`"),
                            )
                            .help("XML knows only &amp; &lt; &gt; &quot; &apos;: write the character itself (or &#233;), or put the text in <![CDATA[…]]>"));
                        }
                    };
                    value.push_str(&resolved);
                }
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                let parent = path.last().map(String::as_str).unwrap_or("");
                let text = std::mem::take(&mut value);
                if let Some(c) = &mut comment {
                    match name.as_str() {
                        "wp:comment" => {
                            if let (Some(it), Some(c)) = (&mut item, comment.take()) {
                                it.comments.push(c);
                            }
                        }
                        "wp:comment_id" => c.id = text.trim().to_owned(),
                        "wp:comment_author" => c.author = text,
                        "wp:comment_author_email" => c.author_email = text,
                        "wp:comment_author_url" => c.author_url = text,
                        // GMT when the export has it, as the posts' dates.
                        "wp:comment_date_gmt" if !text.trim().starts_with("0000") => {
                            c.date = format!("{} UTC", text.trim())
                        }
                        "wp:comment_date" if c.date.is_empty() => c.date = text.trim().to_owned(),
                        "wp:comment_content" => c.content = text,
                        "wp:comment_approved" => c.approved = text.trim().to_owned(),
                        "wp:comment_parent" => c.parent = text.trim().to_owned(),
                        "wp:comment_type" => c.kind = text.trim().to_owned(),
                        _ => {}
                    }
                    continue;
                }
                let Some(it) = &mut item else {
                    match (name.as_str(), parent) {
                        ("language", "channel") => export.language = Some(text.trim().to_owned()),
                        ("wp:author_login", _) if !text.trim().is_empty() => {
                            export.authors.push(text.trim().to_owned())
                        }
                        ("wp:category_nicename" | "wp:tag_slug", _) => {
                            channel_term.0 = text.trim().to_owned()
                        }
                        ("wp:cat_name" | "wp:tag_name", _) => channel_term.1 = text,
                        ("wp:category", "channel") => {
                            let (slug, label) = std::mem::take(&mut channel_term);
                            export.categories.insert(slug, label);
                        }
                        ("wp:tag", "channel") => {
                            let (slug, label) = std::mem::take(&mut channel_term);
                            export.tags.insert(slug, label);
                        }
                        _ => {}
                    }
                    continue;
                };
                match name.as_str() {
                    "item" => export.items.extend(item.take()),
                    "title" if parent == "item" => it.title = text,
                    "link" if parent == "item" => it.link = text.trim().to_owned(),
                    "content:encoded" => it.content = text,
                    "excerpt:encoded" => it.excerpt = text,
                    "wp:post_id" => it.id = text.trim().parse().unwrap_or(0),
                    "wp:post_date" => it.date = text,
                    "wp:post_date_gmt" => it.date_gmt = text,
                    "wp:post_modified" => it.modified = text,
                    "wp:post_modified_gmt" => it.modified_gmt = text,
                    "wp:post_name" => it.name = text,
                    "wp:status" => it.status = text.trim().to_owned(),
                    "wp:post_type" => it.kind = text.trim().to_owned(),
                    "wp:post_parent" => it.parent = text.trim().parse().unwrap_or(0),
                    "wp:menu_order" => it.menu_order = text.trim().parse().unwrap_or(0),
                    "wp:post_password" => it.password = text,
                    "wp:is_sticky" => it.sticky = text.trim() == "1",
                    "wp:attachment_url" => it.attachment_url = text.trim().to_owned(),
                    "category" => {
                        let mut t = term.take().unwrap_or_default();
                        t.label = text.trim().to_owned();
                        it.terms.push(t);
                    }
                    "wp:meta_key" => meta.0 = text.trim().to_owned(),
                    "wp:meta_value" => meta.1 = text,
                    "wp:postmeta" => {
                        let (key, value) = std::mem::take(&mut meta);
                        it.meta.insert(key, value);
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
    Ok(export)
}
