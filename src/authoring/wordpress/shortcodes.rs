//! WordPress shortcodes (`[caption]`, `[gallery]`, `[embed]`…) into the
//! HTML they stood for, before the HTML becomes Markdown.
//!
//! Shortcodes are plugin code run at display time; a static site cannot
//! run them. The ones WordPress ships are turned into what they showed (a
//! figure with its caption, the gallery's images, a link instead of a
//! third-party player). A form plugin's shortcode and any other is taken
//! out of the text, keeping the text it wrapped, and named in the report
//! with what to do about it, so that nothing disappears unnoticed.

use std::collections::BTreeMap;

use super::media::Library;

/// What expanding a post's shortcodes found.
#[derive(Debug, Default)]
pub struct Expanded {
    pub html: String,
    /// For the report: what was left out and what to do.
    pub todo: Vec<String>,
    /// Embeds turned into links.
    pub embeds: Vec<String>,
}

/// Names WordPress itself registers, and the form plugins we recognise.
const KNOWN: &[&str] = &[
    "caption",
    "wp_caption",
    "gallery",
    "embed",
    "video",
    "audio",
    "playlist",
    "contact-form-7",
    "contact-form",
    "wpforms",
    "ninja_form",
    "gravityform",
];

const FORMS: &[&str] = &[
    "contact-form-7",
    "contact-form",
    "wpforms",
    "ninja_form",
    "gravityform",
];

struct Shortcode<'a> {
    name: &'a str,
    attrs: BTreeMap<String, String>,
    raw_open: &'a str,
    content: Option<&'a str>,
}

/// Expands the shortcodes of `html`, a post's content. `post` is its id,
/// for `[gallery]` without ids (the post's own attachments).
pub fn expand(html: &str, post: u64, library: &Library) -> Expanded {
    let mut out = Expanded::default();
    out.html = expand_into(html, post, library, &mut out.todo, &mut out.embeds);
    out
}

fn expand_into(
    html: &str,
    post: u64,
    library: &Library,
    todo: &mut Vec<String>,
    embeds: &mut Vec<String>,
) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['[', '<']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // Code is shown as written.
        if let Some(tag) = ["<pre", "<code"].iter().find(|t| starts_with_tag(rest, t)) {
            let close = format!("</{}>", &tag[1..]);
            let end = find_ci(rest, &close).map_or(rest.len(), |e| e + close.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if rest.starts_with('<') {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        // [[name]] is WordPress's escape for a literal [name].
        if rest.starts_with("[[")
            && let Some(end) = rest.find("]]")
            && parse(&rest[1..]).is_some()
        {
            out.push_str(&rest[1..end + 1]);
            rest = &rest[end + 2..];
            continue;
        }
        match parse(rest) {
            Some((code, len)) => {
                out.push_str(&render(&code, post, library, todo, embeds));
                rest = &rest[len..];
            }
            None => {
                out.push('[');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn starts_with_tag(text: &str, tag: &str) -> bool {
    text.get(..tag.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(tag))
        && text[tag.len()..].starts_with([' ', '>', '\n', '\t'])
}

fn find_ci(text: &str, needle: &str) -> Option<usize> {
    text.to_ascii_lowercase().find(&needle.to_ascii_lowercase())
}

/// A shortcode at the start of `text`, and its length with its content
/// and closing tag. Bracketed prose (`[sic]`, `[1]`) is not one.
fn parse(text: &str) -> Option<(Shortcode<'_>, usize)> {
    let body = text.strip_prefix('[')?;
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(body.len());
    let name = &body[..name_len];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let after = &body[name_len..];
    if !after.starts_with([' ', ']', '/', '\n', '\t']) {
        return None;
    }
    let close = after.find(']')?;
    let inside = &after[..close];
    if inside.contains('[') {
        return None;
    }
    let self_closing = inside.trim_end().ends_with('/');
    let open_len = 1 + name_len + close + 1;
    let raw_open = &text[..open_len];
    let (attrs, _positional) = attributes(inside.trim_end().trim_end_matches('/'));
    let closing = format!("[/{name}]");
    let (content, len) = if self_closing {
        (None, open_len)
    } else {
        match text[open_len..].find(&closing) {
            Some(end) => (
                Some(&text[open_len..open_len + end]),
                open_len + end + closing.len(),
            ),
            None => (None, open_len),
        }
    };
    let plausible = KNOWN.contains(&name)
        || content.is_some()
        || !attrs.is_empty()
        || name.contains(['_', '-']);
    if !plausible {
        return None;
    }
    Some((
        Shortcode {
            name,
            attrs,
            raw_open,
            content,
        },
        len,
    ))
}

/// `a="1" b='2' c=3 d` into named and positional values.
fn attributes(text: &str) -> (BTreeMap<String, String>, Vec<String>) {
    let mut named = BTreeMap::new();
    let mut positional = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let key_len = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        let after = rest[key_len..].trim_start();
        if let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            let (v, remaining) = match value.chars().next() {
                Some(q @ ('"' | '\'' | '”' | '″')) => {
                    let inner = &value[q.len_utf8()..];
                    let end = inner
                        .find(|c| c == q || (q == '”' && c == '″'))
                        .unwrap_or(inner.len());
                    let next = (end + q.len_utf8()).min(inner.len());
                    (&inner[..end], &inner[next..])
                }
                _ => {
                    let end = value.find(char::is_whitespace).unwrap_or(value.len());
                    (&value[..end], &value[end..])
                }
            };
            named.insert(key.to_ascii_lowercase(), v.to_owned());
            rest = remaining.trim_start();
        } else {
            let value = key.trim_matches(['"', '\'']);
            if !value.is_empty() {
                positional.push(value.to_owned());
            }
            rest = after;
        }
    }
    (named, positional)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn render(
    code: &Shortcode<'_>,
    post: u64,
    library: &Library,
    todo: &mut Vec<String>,
    embeds: &mut Vec<String>,
) -> String {
    let inner = |todo: &mut Vec<String>, embeds: &mut Vec<String>| {
        code.content
            .map(|c| expand_into(c, post, library, todo, embeds))
            .unwrap_or_default()
    };
    match code.name {
        "caption" | "wp_caption" => {
            let content = inner(todo, embeds);
            let (media, text) = split_caption(&content);
            let caption = code
                .attrs
                .get("caption")
                .map(|c| escape(c))
                .unwrap_or_else(|| text.trim().to_owned());
            // `align="alignright"`: kept as the figure's class.
            let align = code
                .attrs
                .get("align")
                .filter(|a| a.chars().all(|c| c.is_ascii_alphabetic()))
                .map(|a| format!(" class=\"{a}\""))
                .unwrap_or_default();
            format!("\n\n<figure{align}>{media}<figcaption>{caption}</figcaption></figure>\n\n")
        }
        "gallery" => gallery(code, post, library, todo),
        "embed" => {
            let url = code.content.unwrap_or_default().trim().to_owned();
            if url.is_empty() {
                return String::new();
            }
            super::embeds::embed_block(&url)
        }
        "video" | "audio" => {
            let keys: &[&str] = if code.name == "video" {
                &["src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"]
            } else {
                &["src", "mp3", "m4a", "ogg", "wav", "wma"]
            };
            match keys.iter().find_map(|k| code.attrs.get(*k)) {
                Some(src) => format!("\n\n<{0} src=\"{1}\"></{0}>\n\n", code.name, escape(src)),
                None => {
                    todo.push(format!("{} without a source was left out", code.raw_open));
                    String::new()
                }
            }
        }
        name if FORMS.contains(&name) => {
            let title = code
                .attrs
                .get("title")
                .cloned()
                .or_else(|| {
                    code.attrs
                        .get("id")
                        .and_then(|id| id.parse().ok())
                        .and_then(|id| library.form_title(id))
                })
                .unwrap_or_else(|| "contact".into());
            let form = crate::slugs::slugify(&title);
            let form = if form.is_empty() {
                "contact".into()
            } else {
                form
            };
            todo.push(format!(
                "the form {} (“{title}”) was left out: declare it in site.toml as [forms.{form}] and show it with `form = \"{form}\"` under [extra] of this page",
                code.raw_open
            ));
            String::new()
        }
        _ => {
            let content = inner(todo, embeds);
            if content.trim().is_empty() {
                todo.push(format!(
                    "the shortcode {} was left out: a plugin made it, praxis cannot run it; rebuild by hand what it showed",
                    code.raw_open
                ));
            } else {
                todo.push(format!(
                    "the shortcode {} was taken out around its text, which is kept: a plugin made it; rebuild by hand what it did",
                    code.raw_open
                ));
            }
            content
        }
    }
}

/// `<a><img></a> The caption` → the image and the caption.
fn split_caption(content: &str) -> (&str, &str) {
    let lower = content.to_ascii_lowercase();
    let Some(img) = lower.find("<img") else {
        return ("", content);
    };
    let Some(img_end) = lower[img..].find('>').map(|e| img + e + 1) else {
        return ("", content);
    };
    let end = match lower[img_end..].trim_start().strip_prefix("</a>") {
        Some(_) => img_end + lower[img_end..].find("</a>").unwrap_or(0) + 4,
        None => img_end,
    };
    (&content[..end], &content[end..])
}

fn gallery(code: &Shortcode<'_>, post: u64, library: &Library, todo: &mut Vec<String>) -> String {
    let ids: Vec<u64> = match code.attrs.get("ids").or_else(|| code.attrs.get("include")) {
        Some(list) => list
            .split(',')
            .filter_map(|id| id.trim().parse().ok())
            .collect(),
        None => library.children_of(post),
    };
    let columns = code
        .attrs
        .get("columns")
        .and_then(|c| c.trim().parse::<u8>().ok())
        .unwrap_or(3);
    let mut out = format!("\n\n<div class=\"gallery\" data-columns=\"{columns}\">\n");
    for id in ids {
        match library.attachment(id) {
            Some(a) => {
                out.push_str(&format!(
                    "<figure><img src=\"{}\" alt=\"{}\">",
                    escape(&a.url),
                    escape(&a.alt)
                ));
                if !a.caption.trim().is_empty() {
                    out.push_str(&format!("<figcaption>{}</figcaption>", a.caption.trim()));
                }
                out.push_str("</figure>\n");
            }
            None => todo.push(format!(
                "image #{id} of {} is not in the export: add it by hand",
                code.raw_open
            )),
        }
    }
    out.push_str("</div>\n\n");
    out
}

/// A URL alone on its line, which WordPress shows as an embedded player
/// (YouTube, Vimeo…), becomes a link.
pub fn autoembed(html: &str, embeds: &mut Vec<String>) -> String {
    let mut in_pre = false;
    html.split('\n')
        .map(|line| {
            let lower = line.to_ascii_lowercase();
            if lower.contains("<pre") {
                in_pre = true;
            }
            if lower.contains("</pre") {
                in_pre = false;
                return line.to_owned();
            }
            let url = line.trim();
            if !in_pre
                && (url.starts_with("http://") || url.starts_with("https://"))
                && !url.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            {
                // A video is counted where it becomes a card.
                if super::embeds::video(url).is_some() {
                    super::embeds::embed_block(url)
                } else {
                    embeds.push(url.to_owned());
                    let url = escape(url);
                    format!("<a href=\"{url}\">{url}</a>")
                }
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_prose_is_not_a_shortcode() {
        let lib = Library::default();
        let e = expand("Hij zei [sic] dat [1] klopt.", 1, &lib);
        assert_eq!(e.html, "Hij zei [sic] dat [1] klopt.");
        assert!(e.todo.is_empty());
    }

    #[test]
    fn caption_becomes_a_figure() {
        let lib = Library::default();
        let e = expand(
            "[caption id=\"attachment_5\" width=\"300\"]<a href=\"x.jpg\"><img src=\"x.jpg\" alt=\"X\" /></a> Twee stoelen[/caption]",
            1,
            &lib,
        );
        assert!(
            e.html.contains("<figure><a href=\"x.jpg\"><img src=\"x.jpg\" alt=\"X\" /></a><figcaption>Twee stoelen</figcaption></figure>"),
            "{}",
            e.html
        );
    }

    #[test]
    fn unknown_shortcodes_are_listed_and_keep_their_text() {
        let lib = Library::default();
        let e = expand(
            "A [su_box title=\"x\"]binnen[/su_box] [contact-form-7 id=\"4\" title=\"Contact\"] B",
            1,
            &lib,
        );
        assert_eq!(e.html, "A binnen  B");
        assert_eq!(e.todo.len(), 2);
        assert!(e.todo[1].contains("[forms.contact]"), "{:?}", e.todo);
    }

    #[test]
    fn code_keeps_its_brackets() {
        let lib = Library::default();
        let e = expand(
            "<code>[gallery ids=\"1\"]</code> [[gallery]] <préé",
            1,
            &lib,
        );
        assert_eq!(e.html, "<code>[gallery ids=\"1\"]</code> [gallery] <préé");
    }
}
