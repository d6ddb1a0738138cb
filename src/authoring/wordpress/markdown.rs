//! HTML (as WordPress shows it, after `wpautop` and shortcodes) into
//! praxis Markdown.
//!
//! The HTML is parsed by html5ever, as a browser would, and the tree is
//! written out element by element: what Markdown can say is said in
//! Markdown; what it cannot (`<sub>`, `<abbr title>`, `<q>`, a table with
//! header cells in its rows, a figure with its caption, an address with its
//! line breaks) stays HTML, so that nothing the author wrote is lost.
//! Whatever is left out (a script, a form, a third-party frame turned into
//! a link) is noted, for the import report.

use std::rc::Rc;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::embeds;

/// How URLs found in the content are rewritten: links to old posts become
/// `@/` links, images in the uploads become files beside the page. Every
/// URL of the content goes through one of these, and `None` leaves it out
/// (a scheme that could run a script: what remains is the link's text).
pub trait Urls {
    /// An `<a href>`; `in_html` when it lands in raw HTML, where `@/` links
    /// are not resolved.
    fn link(&mut self, url: &str, in_html: bool) -> Option<String>;
    /// An `<img src>`, `<video src>`…
    fn media(&mut self, url: &str) -> Option<String>;
    /// A frame's or player's source, which becomes a plain link.
    fn embed(&mut self, url: &str) -> Option<String>;
    /// The title of the video at `url`, when the export kept it.
    fn video_title(&mut self, _url: &str) -> Option<String> {
        None
    }
}

/// The Markdown, and what the conversion changed or left out.
#[derive(Debug, Default)]
pub struct Converted {
    pub markdown: String,
    pub notes: Vec<String>,
    pub embeds: Vec<String>,
    /// Audio and video files played on the page itself.
    pub players: usize,
}

/// Stands for `<!--more-->` inside a paragraph, until the paragraph is
/// split around it.
const MORE: char = '\u{E000}';
const MORE_MARKER: &str = "<!-- more -->";

/// Inline elements Markdown has no form for, kept as HTML with these attributes.
const KEPT_INLINE: &[(&str, &[&str])] = &[
    ("sub", &[]),
    ("sup", &[]),
    ("abbr", &["title"]),
    ("acronym", &["title"]),
    ("q", &["cite"]),
    ("cite", &[]),
    ("kbd", &[]),
    ("mark", &[]),
    ("small", &[]),
    ("u", &[]),
    ("ins", &[]),
    ("dfn", &["title"]),
    ("var", &[]),
    ("samp", &[]),
    ("time", &["datetime"]),
    ("bdi", &[]),
    ("bdo", &["dir"]),
];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "center",
    "figure",
    "figcaption",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "pre",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "address",
    "details",
    "summary",
    "form",
    "fieldset",
    "iframe",
    "video",
    "audio",
    "object",
    "embed",
    "script",
    "style",
    "noscript",
    "svg",
    "math",
    "hgroup",
];

pub fn convert(html: &str, urls: &mut dyn Urls) -> Converted {
    let dom = html5ever::parse_document(RcDom::default(), Default::default())
        .one(format!("<!DOCTYPE html><html><body>{html}</body></html>"));
    let body = find(&dom.document, "body").unwrap_or_else(|| dom.document.clone());
    let mut writer = Writer {
        urls,
        notes: Vec::new(),
        embeds: Vec::new(),
        players: 0,
        strong: 0,
        em: 0,
        strike: 0,
        in_table: false,
        depth: 0,
    };
    let blocks = writer.blocks(&body);
    let mut markdown = blocks.join("\n\n");
    if !markdown.is_empty() {
        markdown.push('\n');
    }
    Converted {
        markdown,
        notes: writer.notes,
        embeds: writer.embeds,
        players: writer.players,
    }
}

struct Writer<'u> {
    urls: &'u mut dyn Urls,
    notes: Vec<String>,
    embeds: Vec<String>,
    players: usize,
    strong: usize,
    em: usize,
    strike: usize,
    in_table: bool,
    depth: usize,
}

/// Every node under `node`, in document order, without recursion (an
/// export may nest thousands of elements).
fn descendants(node: &Handle) -> Vec<Handle> {
    let mut out = Vec::new();
    let mut stack: Vec<Handle> = node.children.borrow().iter().rev().cloned().collect();
    while let Some(next) = stack.pop() {
        stack.extend(next.children.borrow().iter().rev().cloned());
        out.push(next);
    }
    out
}

fn find(node: &Handle, tag: &str) -> Option<Handle> {
    if name(node) == Some(tag) {
        return Some(node.clone());
    }
    descendants(node).into_iter().find(|n| name(n) == Some(tag))
}

fn name(node: &Handle) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(&name.local),
        _ => None,
    }
}

fn attr(node: &Handle, key: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == key)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

fn children(node: &Handle) -> Vec<Handle> {
    node.children.borrow().iter().map(Rc::clone).collect()
}

fn is_block(node: &Handle) -> bool {
    name(node).is_some_and(|n| BLOCKS.contains(&n))
}

fn has_descendant(node: &Handle, test: &dyn Fn(&Handle) -> bool) -> bool {
    descendants(node).iter().any(test)
}

/// The text of a node, as `textContent`, `<br>` as a newline.
fn text_content(node: &Handle, out: &mut String) {
    for n in std::iter::once(node.clone()).chain(descendants(node)) {
        match &n.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { name, .. } if &*name.local == "br" => out.push('\n'),
            _ => {}
        }
    }
}

/// Deeper than this, an element's text is kept and its markup flattened:
/// no page nests so deep, and the writer must not run out of stack.
const MAX_DEPTH: usize = 200;

fn is_more(comment: &str) -> bool {
    let c = comment.trim();
    c == "more" || c.starts_with("more ")
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Markdown punctuation in running text, escaped.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => {
                // Only what would read as an entity.
                let rest: String = chars[i + 1..].iter().take(12).collect();
                let looks_like_entity = rest.find(';').is_some_and(|end| {
                    end > 0 && rest[..end].chars().all(|c| c.is_alphanumeric() || c == '#')
                });
                out.push_str(if looks_like_entity { "&amp;" } else { "&" });
            }
            _ => out.push(c),
        }
    }
    out
}

/// A line that would start a heading, list, quote or rule, escaped.
fn escape_line_start(line: &str) -> String {
    let first = line.chars().next();
    match first {
        Some('#' | '+' | '-' | '=' | '|') => format!("\\{line}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let after = line[digits..].chars().next();
            if matches!(after, Some('.' | ')')) && digits <= 9 {
                format!("{}\\{}", &line[..digits], &line[digits..])
            } else {
                line.to_owned()
            }
        }
        _ => line.to_owned(),
    }
}

/// Inline Markdown into paragraphs: whitespace collapsed, lines trimmed,
/// split around `<!--more-->`.
fn paragraphs(inline: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, part) in inline.split(MORE).enumerate() {
        if i > 0 {
            out.push(MORE_MARKER.to_owned());
        }
        let lines: Vec<String> = part
            .split('\n')
            .map(|l| l.trim_matches(|c: char| c == ' ' || c == '\t').to_owned())
            .collect();
        let mut kept: Vec<String> = Vec::new();
        for line in lines {
            let content = line.strip_suffix('\\').map(str::trim_end);
            if content.is_some_and(|c| c.trim().is_empty()) || line.trim().is_empty() {
                continue;
            }
            kept.push(escape_line_start(&line));
        }
        // A hard break before a line of HTML that starts an HTML block (or
        // on such a line) is not a break in Markdown but a literal `\`.
        for i in 0..kept.len() {
            let next_is_html = kept.get(i + 1).is_some_and(|l| starts_html_block(l));
            if (next_is_html || starts_html_block(&kept[i]))
                && kept[i].ends_with('\\')
                && !kept[i].ends_with("\\\\")
            {
                kept[i].pop();
                kept[i] = kept[i].trim_end().to_owned();
            }
        }
        // No hard break at the very end of a paragraph.
        if let Some(last) = kept.last_mut()
            && last.ends_with('\\')
            && !last.ends_with("\\\\")
        {
            last.pop();
            let trimmed = last.trim_end().to_owned();
            *last = trimmed;
        }
        if !kept.is_empty() {
            out.push(kept.join("\n"));
        }
    }
    out
}

/// Whether a line opens an HTML block in CommonMark (a comment, or one
/// of its block-level tags), which ends the paragraph before it.
fn starts_html_block(line: &str) -> bool {
    const BLOCK_TAGS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "iframe",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "script",
        "search",
        "section",
        "style",
        "summary",
        "table",
        "tbody",
        "td",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ];
    let Some(rest) = line.trim_start().strip_prefix('<') else {
        return false;
    };
    if rest.starts_with('!') || rest.starts_with('?') {
        return true;
    }
    let name: String = rest
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    BLOCK_TAGS.contains(&name.as_str())
}

fn prefix_lines(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let p = if i == 0 { first } else { rest };
        if line.is_empty() {
            out.push_str(p.trim_end());
        } else {
            out.push_str(p);
            out.push_str(line);
        }
    }
    out
}

fn fence_for(code: &str, ch: char) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        if c == ch {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    std::iter::repeat_n(ch, (longest + 1).max(3)).collect()
}

fn markdown_url(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_owned()
    }
}

fn host(url: &str) -> &str {
    let rest = url.split("://").nth(1).unwrap_or(url);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

impl Writer<'_> {
    /// The children of a container as Markdown blocks.
    fn blocks(&mut self, node: &Handle) -> Vec<String> {
        let mut out = Vec::new();
        let mut inline = String::new();
        for child in children(node) {
            if let NodeData::Comment { contents } = &child.data {
                if is_more(contents) {
                    out.extend(paragraphs(&std::mem::take(&mut inline)));
                    out.push(MORE_MARKER.to_owned());
                } else {
                    self.comment(contents);
                }
                continue;
            }
            if is_block(&child) {
                out.extend(paragraphs(&std::mem::take(&mut inline)));
                out.extend(self.block(&child));
            } else if let Some(align) = layout::aligned_image(&child) {
                self.aligned_figure(&child, align, &mut inline, &mut out);
            } else {
                self.inline(&child, &mut inline);
            }
        }
        out.extend(paragraphs(&inline));
        out.retain(|b| !b.trim().is_empty());
        separate_lists(&mut out);
        out
    }

    fn comment(&mut self, contents: &str) {
        let c = contents.trim();
        if c == "nextpage" {
            self.notes.push(
                "its <!--nextpage--> page breaks were removed: the parts are one page now".into(),
            );
        } else if !c.is_empty() {
            // An author's comment is a note to self, never shown on
            // WordPress; kept here it would be published (in the page's
            // source and the feed). Left out, and listed.
            let text = c.split_whitespace().collect::<Vec<_>>().join(" ");
            self.notes
                .push(format!("a private note was left out: “<!-- {text} -->”"));
        }
    }

    fn block(&mut self, node: &Handle) -> Vec<String> {
        if self.depth > MAX_DEPTH {
            return paragraphs(&self.flattened(node));
        }
        self.depth += 1;
        let blocks = self.block_at_depth(node);
        self.depth -= 1;
        blocks
    }

    /// The text of a node nested too deep, its markup left out (and noted).
    fn flattened(&mut self, node: &Handle) -> String {
        let mut text = String::new();
        text_content(node, &mut text);
        let note =
            format!("HTML nested more than {MAX_DEPTH} levels deep was flattened to its text");
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
        escape_text(&text.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    fn block_at_depth(&mut self, node: &Handle) -> Vec<String> {
        let tag = name(node).unwrap_or_default().to_owned();
        match tag.as_str() {
            "p" => {
                let mut inline = String::new();
                let mut out = Vec::new();
                for child in children(node) {
                    if is_block(&child) {
                        out.extend(paragraphs(&std::mem::take(&mut inline)));
                        out.extend(self.block(&child));
                    } else if let NodeData::Comment { contents } = &child.data {
                        if is_more(contents) {
                            inline.push(MORE);
                        } else {
                            self.comment(contents);
                        }
                    } else if let Some(align) = layout::aligned_image(&child) {
                        self.aligned_figure(&child, align, &mut inline, &mut out);
                    } else {
                        self.inline(&child, &mut inline);
                    }
                }
                out.extend(paragraphs(&inline));
                separate_lists(&mut out);
                out
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level: usize = tag[1..].parse().unwrap_or(2);
                let mut inline = String::new();
                for child in children(node) {
                    self.inline(&child, &mut inline);
                }
                let text = inline
                    .replace("\\\n", " ")
                    .replace(['\n', MORE], " ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if text.is_empty() {
                    return vec![];
                }
                let id = attr(node, "id")
                    .filter(|id| {
                        !id.is_empty()
                            && id
                                .chars()
                                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                    })
                    .map(|id| format!(" {{#{id}}}"))
                    .unwrap_or_default();
                vec![format!("{} {text}{id}", "#".repeat(level))]
            }
            "hr" => vec!["---".into()],
            // Markdown cannot count down: a reversed list stays HTML.
            "ol" if attr(node, "reversed").is_some() => vec![self.reversed_list(node)],
            "ul" | "ol" => vec![self.list(node, tag == "ol")],
            "li" => self.blocks(node),
            "blockquote" => {
                let inner = self.blocks(node).join("\n\n");
                if inner.is_empty() {
                    vec![]
                } else {
                    vec![prefix_lines(&inner, "> ", "> ")]
                }
            }
            "pre" => vec![self.pre(node)],
            "table" => vec![self.table(node)],
            "figure" if is_gallery(node) => self.gallery(node),
            "figure" => self.figure(node),
            // A disclosure has no Markdown form: kept as HTML, its
            // content Markdown between (blank lines end the HTML blocks).
            "details" => {
                let mut summary = String::new();
                let mut body = Vec::new();
                for child in children(node) {
                    if let NodeData::Element { name, .. } = &child.data
                        && &*name.local == "summary"
                        && summary.is_empty()
                    {
                        summary = self.inline_html(&child).trim().replace('\n', " ");
                    } else if is_block(&child) {
                        body.extend(self.block(&child));
                    } else {
                        let mut inline = String::new();
                        self.inline(&child, &mut inline);
                        body.extend(paragraphs(&inline));
                    }
                }
                let mut out = vec![format!("<details>\n<summary>{summary}</summary>")];
                out.extend(body);
                out.push("</details>".to_owned());
                out
            }
            "address" => {
                let inner = self.inline_html(node);
                vec![format!(
                    "<address>{}</address>",
                    inner.trim().replace('\n', " ")
                )]
            }
            "dl" => {
                let mut out = String::from("<dl>");
                for child in children(node) {
                    if let Some(t @ ("dt" | "dd")) = name(&child) {
                        out.push_str(&format!(
                            "<{t}>{}</{t}>",
                            self.inline_html(&child).trim().replace('\n', " ")
                        ));
                    }
                }
                out.push_str("</dl>");
                vec![out]
            }
            "iframe" | "embed" | "object" => {
                let src = attr(node, "src").or_else(|| attr(node, "data"));
                match src {
                    Some(src) if !src.is_empty() => {
                        let Some(src) = self.urls.embed(&src) else {
                            return vec![];
                        };
                        // A video's player: a card to its own page.
                        if let Some((provider, id)) = embeds::video(&src) {
                            let title = attr(node, "title").filter(|t| !t.trim().is_empty());
                            let watch = embeds::watch_url(provider, &id);
                            return vec![self.embed_link(&watch, title)];
                        }
                        self.notes.push(format!(
                            "an embedded frame from {} became a link (no third-party frames)",
                            host(&src)
                        ));
                        self.embeds.push(src.clone());
                        vec![format!("[{}]({})", escape_text(&src), markdown_url(&src))]
                    }
                    _ => {
                        self.notes.push(format!("an empty <{tag}> was left out"));
                        vec![]
                    }
                }
            }
            "video" | "audio" => self.media_element(node, &tag),
            "script" | "style" | "noscript" | "svg" | "math" => {
                self.notes.push(format!(
                    "a <{tag}> element was left out (praxis pages carry no scripts or inline styles)"
                ));
                vec![]
            }
            "form" | "fieldset" => {
                self.notes.push(
                    "an HTML form was left out: declare it under [forms.NAME] in site.toml and show it with [extra] form = \"NAME\"".into(),
                );
                vec![]
            }
            _ if is_gallery(node) => self.gallery(node),
            _ if layout::has_class(node, "wp-block-cover") => self.cover(node),
            _ if layout::has_class(node, "wp-block-columns") => self.columns(node),
            _ => self.blocks(node),
        }
    }

    /// A gallery (`[gallery columns="3"]`, the block editor's
    /// `wp-block-gallery columns-3`) as a grid the theme lays out, with
    /// its column count; its images and captions Markdown inside.
    fn gallery(&mut self, node: &Handle) -> Vec<String> {
        let class = attr(node, "class").unwrap_or_default();
        let columns = class
            .split_whitespace()
            .find_map(|c| c.strip_prefix("columns-")?.parse::<u8>().ok())
            .or_else(|| attr(node, "data-columns")?.parse().ok())
            .unwrap_or(3)
            .clamp(1, 9);
        let inner = self.blocks(node);
        if inner.is_empty() {
            return vec![];
        }
        vec![format!(
            "<div class=\"gallery columns-{columns}\">\n\n{}\n\n</div>",
            inner.join("\n\n")
        )]
    }

    /// `<ol reversed start="N">` as HTML, its items' content kept.
    fn reversed_list(&mut self, node: &Handle) -> String {
        let start = attr(node, "start")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .map(|n| format!(" start=\"{n}\""))
            .unwrap_or_default();
        let mut out = format!("<ol reversed{start}>");
        for child in children(node) {
            if name(&child) == Some("li") {
                out.push_str(&format!(
                    "<li>{}</li>",
                    self.inline_html(&child).trim().replace('\n', " ")
                ));
            }
        }
        out.push_str("</ol>");
        out
    }

    fn list(&mut self, node: &Handle, ordered: bool) -> String {
        let mut number: usize = attr(node, "start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        let mut items = Vec::new();
        let mut loose = false;
        for child in children(node) {
            let blocks = match name(&child) {
                Some("li") => {
                    let blocks = self.blocks(&child);
                    // Only a list numbered from 1 can follow a line of
                    // text: `3. drie` under `een` would be part of it.
                    let interrupts = blocks.windows(2).any(|pair| {
                        !is_list(&pair[0]) && is_list(&pair[1]) && !starts_at_one(&pair[1])
                    });
                    if interrupts || blocks.iter().filter(|b| !is_list(b)).count() > 1 {
                        loose = true;
                    }
                    blocks
                }
                Some(_) => self.block(&child),
                None => {
                    let mut s = String::new();
                    self.inline(&child, &mut s);
                    paragraphs(&s)
                }
            };
            if blocks.is_empty() {
                continue;
            }
            let marker = if ordered {
                let m = format!("{number}. ");
                number += 1;
                m
            } else {
                "- ".to_owned()
            };
            let indent = " ".repeat(marker.len());
            let mut text = String::new();
            for (i, block) in blocks.iter().enumerate() {
                if i > 0 {
                    text.push_str(if is_list(block) && !loose {
                        "\n"
                    } else {
                        "\n\n"
                    });
                }
                text.push_str(block);
            }
            items.push(prefix_lines(&text, &marker, &indent));
        }
        items.join(if loose { "\n\n" } else { "\n" })
    }

    fn pre(&mut self, node: &Handle) -> String {
        let mut code = String::new();
        text_content(node, &mut code);
        let code = code.trim_end_matches('\n');
        let class = attr(node, "class")
            .or_else(|| find(node, "code").and_then(|c| attr(&c, "class")))
            .unwrap_or_default();
        let language = class
            .split_whitespace()
            .find_map(|c| {
                c.strip_prefix("language-")
                    .or_else(|| c.strip_prefix("lang-"))
            })
            .or_else(|| {
                class
                    .split("brush:")
                    .nth(1)
                    .and_then(|b| b.split([';', ' ']).find(|s| !s.is_empty()))
            })
            .unwrap_or("");
        let fence = fence_for(code, '`');
        format!("{fence}{language}\n{code}\n{fence}")
    }

    fn figure(&mut self, node: &Handle) -> Vec<String> {
        let class = attr(node, "class").unwrap_or_default();
        if class.contains("wp-block-embed") {
            let mut url = String::new();
            text_content(node, &mut url);
            let url = url.split_whitespace().next().unwrap_or("").to_owned();
            if url.starts_with("http")
                && let Some(url) = self.urls.embed(&url)
            {
                return vec![self.embed_link(&url, None)];
            }
        }
        let mut caption = None;
        let mut inner = Vec::new();
        for child in children(node) {
            if name(&child) == Some("figcaption") {
                caption = Some(self.inline_html(&child));
            } else if is_block(&child) {
                inner.extend(self.block(&child));
            } else {
                let mut s = String::new();
                self.inline(&child, &mut s);
                inner.extend(paragraphs(&s));
            }
        }
        let caption = caption
            .map(|c| c.trim().replace('\n', " "))
            .filter(|c| !c.is_empty());
        // WordPress's alignment (`alignright`, `aligncenter`, `alignwide`…),
        // as a class of the figure the theme styles.
        let align = layout::align_of(&class);
        let open = match align {
            Some(a) => format!("<figure class=\"align-{a}\">"),
            None => "<figure>".to_owned(),
        };
        match caption {
            None if inner.is_empty() => vec![],
            None if align.is_none() => inner,
            None => vec![format!("{open}\n\n{}\n\n</figure>", inner.join("\n\n"))],
            Some(caption) => {
                let mut out = format!("{open}\n\n");
                out.push_str(&inner.join("\n\n"));
                out.push_str(&format!(
                    "\n\n<figcaption>{caption}</figcaption>\n</figure>"
                ));
                vec![out]
            }
        }
    }

    /// An embed (YouTube, Vimeo…) as a link: no third-party frame
    /// loads until the visitor chooses to go there. `url` has been through
    /// [`Urls`].
    /// A YouTube or Vimeo video becomes a card with its title.
    fn embed_link(&mut self, url: &str, title: Option<String>) -> String {
        self.embeds.push(url.to_owned());
        if let Some((provider, _)) = embeds::video(url) {
            let title = title.or_else(|| self.urls.video_title(url));
            return embeds::card(url, provider, title.as_deref());
        }
        format!("[{}]({})", escape_text(url), markdown_url(url))
    }

    fn media_element(&mut self, node: &Handle, tag: &str) -> Vec<String> {
        let src = attr(node, "src")
            .or_else(|| find(node, "source").and_then(|s| attr(&s, "src")))
            .unwrap_or_default();
        if src.is_empty() {
            self.notes
                .push(format!("a <{tag}> without a source was left out"));
            return vec![];
        }
        let Some(local) = self.urls.media(&src) else {
            return vec![];
        };
        if local.contains("://") {
            vec![self.embed_link(&local, None)]
        } else {
            self.players += 1;
            let src = escape_html(&local);
            vec![format!(
                "<{tag} controls preload=\"none\" src=\"{src}\"><a href=\"{src}\">{src}</a></{tag}>"
            )]
        }
    }

    /// An inline node as Markdown, appended to `out`.
    fn inline(&mut self, node: &Handle, out: &mut String) {
        match &node.data {
            NodeData::Text { contents } => {
                let text = contents.borrow();
                let mut collapsed = String::with_capacity(text.len());
                let mut space = false;
                for c in text.chars() {
                    if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                        space = true;
                    } else {
                        if space {
                            collapsed.push(' ');
                            space = false;
                        }
                        collapsed.push(c);
                    }
                }
                if space {
                    collapsed.push(' ');
                }
                if !(collapsed == " " && (out.ends_with(' ') || out.ends_with('\n'))) {
                    out.push_str(&escape_text(&collapsed));
                }
            }
            NodeData::Comment { contents } => {
                if is_more(contents) {
                    out.push(MORE);
                } else {
                    self.comment(contents);
                }
            }
            NodeData::Element { .. } if self.depth > MAX_DEPTH => {
                let text = self.flattened(node);
                out.push_str(&text);
            }
            NodeData::Element { .. } => {
                self.depth += 1;
                self.inline_element(node, out);
                self.depth -= 1;
            }
            _ => {}
        }
    }

    fn inline_children(&mut self, node: &Handle) -> String {
        let mut s = String::new();
        for child in children(node) {
            if is_block(&child) {
                // A block inside an inline element (a <div> in a <span>):
                // its text, on its own line.
                let blocks = self.block(&child);
                if !blocks.is_empty() {
                    s.push_str("\\\n");
                    s.push_str(&blocks.join("\\\n"));
                    s.push_str("\\\n");
                }
            } else {
                self.inline(&child, &mut s);
            }
        }
        s
    }

    /// An image as Markdown, its URL through [`Urls::media`]; `title` is
    /// the Markdown title with its space and quotes, or empty.
    fn image(&mut self, src: &str, alt: &str, title: &str, out: &mut String) {
        let Some(src) = self.urls.media(src) else {
            return;
        };
        let alt = escape_text(&alt.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push_str(&format!("![{alt}]({}{title})", markdown_url(&src)));
    }

    /// An image given by its URL alone (a cover's background).
    fn inline_image(&mut self, src: &str, alt: &str, out: &mut String) {
        self.image(src, alt, "", out);
    }

    fn inline_element(&mut self, node: &Handle, out: &mut String) {
        let tag = name(node).unwrap_or_default().to_owned();
        match tag.as_str() {
            "br" => out.push_str(if self.in_table { "<br>" } else { "\\\n" }),
            "strong" | "b" => {
                self.strong += 1;
                let inner = self.inline_children(node);
                self.strong -= 1;
                wrap(out, &inner, if self.strong > 0 { "" } else { "**" });
            }
            "em" | "i" => {
                self.em += 1;
                let inner = self.inline_children(node);
                self.em -= 1;
                wrap(out, &inner, if self.em > 0 { "" } else { "*" });
            }
            "del" | "s" | "strike" => {
                self.strike += 1;
                let inner = self.inline_children(node);
                self.strike -= 1;
                wrap(out, &inner, if self.strike > 0 { "" } else { "~~" });
            }
            "code" | "tt" => {
                let mut code = String::new();
                text_content(node, &mut code);
                // Code over several lines: a code span per line, with a
                // hard break between (a code span itself has no breaks).
                let lines: Vec<&str> = code.trim_matches('\n').split('\n').collect();
                if lines.len() > 1 && !self.in_table {
                    let spans: Vec<String> = lines
                        .iter()
                        .map(|line| {
                            if line.trim().is_empty() {
                                String::new()
                            } else {
                                code_span(line)
                            }
                        })
                        .collect();
                    out.push_str(&spans.join("\\\n"));
                    return;
                }
                let code = code.replace('\n', " ");
                if code.trim().is_empty() {
                    out.push_str(&code);
                    return;
                }
                let fence = inline_fence(&code);
                let pad = if code.starts_with('`') || code.ends_with('`') {
                    " "
                } else {
                    ""
                };
                let code = if self.in_table {
                    code.replace('|', "\\|")
                } else {
                    code
                };
                out.push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
            }
            "a" => {
                let inner = self.inline_children(node);
                let href = attr(node, "href").unwrap_or_default();
                let href = href.trim();
                let url = if href.is_empty() {
                    None
                } else {
                    self.urls.link(href, false)
                };
                let Some(url) = url else {
                    out.push_str(&inner);
                    return;
                };
                let title = attr(node, "title")
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| format!(" \"{}\"", t.replace('"', "\\\"")))
                    .unwrap_or_default();
                let text = if inner.trim().is_empty() {
                    escape_text(href)
                } else {
                    inner
                };
                let (lead, core, trail) = split_space(&text);
                if !out.ends_with(' ') {
                    out.push_str(lead);
                }
                out.push_str(&format!("[{core}]({}{title})", markdown_url(&url)));
                out.push_str(trail);
            }
            "img" => {
                let src = attr(node, "src").unwrap_or_default();
                if src.trim().is_empty() {
                    return;
                }
                let alt = attr(node, "alt").unwrap_or_default();
                let title = attr(node, "title")
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| format!(" \"{}\"", t.replace('"', "\\\"")))
                    .unwrap_or_default();
                self.image(src.trim(), &alt, &title, out);
            }
            "input" | "button" | "select" | "textarea" | "label" => {
                self.notes
                    .push(format!("a form control (<{tag}>) was left out"));
            }
            "span" | "font" if attr(node, "lang").is_none() => {
                let inner = self.inline_children(node);
                out.push_str(&inner);
            }
            "span" => {
                let inner = self.inline_children(node);
                let lang = escape_html(&attr(node, "lang").unwrap_or_default());
                out.push_str(&format!("<span lang=\"{lang}\">{inner}</span>"));
            }
            _ => {
                let kept = KEPT_INLINE.iter().find(|(t, _)| *t == tag);
                let inner = self.inline_children(node);
                match kept {
                    Some((t, attrs)) => {
                        let mut open = format!("<{t}");
                        for a in *attrs {
                            if let Some(v) = attr(node, a) {
                                open.push_str(&format!(" {a}=\"{}\"", escape_html(&v)));
                            }
                        }
                        out.push_str(&format!("{open}>{inner}</{t}>"));
                    }
                    None => out.push_str(&inner),
                }
            }
        }
    }

    /// A node's content as clean HTML (for captions, addresses, tables
    /// Markdown cannot hold): the markup that carries meaning, nothing else.
    fn inline_html(&mut self, node: &Handle) -> String {
        let mut out = String::new();
        for child in children(node) {
            self.html(&child, &mut out);
        }
        out
    }

    fn html(&mut self, node: &Handle, out: &mut String) {
        match &node.data {
            NodeData::Text { contents } => {
                let text = contents.borrow();
                let collapsed: String =
                    text.split(['\n', '\r', '\t']).collect::<Vec<_>>().join(" ");
                out.push_str(&escape_html(&collapsed).replace("&quot;", "\""));
            }
            NodeData::Element { .. } if self.depth > MAX_DEPTH => {
                let mut text = String::new();
                text_content(node, &mut text);
                out.push_str(&escape_html(&text));
            }
            NodeData::Element { .. } => {
                self.depth += 1;
                self.html_element(node, out);
                self.depth -= 1;
            }
            _ => {}
        }
    }

    fn html_element(&mut self, node: &Handle, out: &mut String) {
        {
            {
                let tag = name(node).unwrap_or_default().to_owned();
                let allowed: Option<&[&str]> = match tag.as_str() {
                    "a" => Some(&["href", "title"]),
                    "img" => Some(&["src", "alt"]),
                    "strong" | "b" | "em" | "i" | "code" | "del" | "s" | "br" | "p" | "ul"
                    | "ol" | "li" => Some(&[]),
                    "span" if attr(node, "lang").is_some() => Some(&["lang"]),
                    _ => KEPT_INLINE.iter().find(|(t, _)| *t == tag).map(|(_, a)| *a),
                };
                match tag.as_str() {
                    "script" | "style" | "iframe" | "form" | "input" | "button" | "select"
                    | "textarea" | "svg" | "math" => {
                        self.notes.push(format!("a <{tag}> element was left out"));
                        return;
                    }
                    _ => {}
                }
                let Some(attrs) = allowed else {
                    for child in children(node) {
                        self.html(&child, out);
                    }
                    return;
                };
                out.push('<');
                out.push_str(&tag);
                for a in attrs {
                    let value = match (*a, attr(node, a)) {
                        ("href", Some(v)) => self.urls.link(&v, true),
                        ("src", Some(v)) => self.urls.media(&v),
                        (_, v) => v,
                    };
                    if let Some(v) = value {
                        out.push_str(&format!(" {a}=\"{}\"", escape_html(&v)));
                    }
                }
                out.push('>');
                if tag == "br" || tag == "img" {
                    return;
                }
                for child in children(node) {
                    self.html(&child, out);
                }
                out.push_str(&format!("</{tag}>"));
            }
        }
    }
}

fn is_gallery(node: &Handle) -> bool {
    matches!(name(node), Some("div" | "figure" | "ul"))
        && attr(node, "class").is_some_and(|c| {
            c.split_whitespace()
                .any(|c| c == "gallery" || c == "wp-block-gallery")
        })
}

/// Two lists one after the other stay two lists: CommonMark joins lists
/// of one kind that only a blank line separates (the second's numbering,
/// `<ol start="4">`, would be lost), unless the second changes its marker
/// (`*` for `-`, `4)` for `4.`).
fn separate_lists(blocks: &mut [String]) {
    for i in 1..blocks.len() {
        let (Some(before), Some(now)) = (list_marker(&blocks[i - 1]), list_marker(&blocks[i]))
        else {
            continue;
        };
        let other = match now {
            '-' => '*',
            '*' => '-',
            '.' => ')',
            _ => '.',
        };
        if before == now {
            blocks[i] = blocks[i]
                .split('\n')
                .map(|line| match list_marker(line) {
                    Some(m) if m == now => {
                        let at = line.find(now).unwrap_or(0);
                        format!("{}{other}{}", &line[..at], &line[at + 1..])
                    }
                    _ => line.to_owned(),
                })
                .collect::<Vec<_>>()
                .join("\n");
        }
    }
}

/// The marker of a list item starting `line` unindented: `-` or `*` for a
/// bullet, `.` or `)` after an item's number.
fn list_marker(line: &str) -> Option<char> {
    if line.starts_with("- ") {
        return Some('-');
    }
    if line.starts_with("* ") {
        return Some('*');
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &line[digits..];
    (digits > 0 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then(|| rest.chars().next().unwrap_or('.'))
}

/// Whether a list block is bullets or numbered from 1.
fn starts_at_one(block: &str) -> bool {
    let number: String = block.chars().take_while(char::is_ascii_digit).collect();
    matches!(list_marker(block), Some('-' | '*')) || number.parse() == Ok(1u64)
}

fn is_list(block: &str) -> bool {
    list_marker(block).is_some()
}

/// `code` as a code span.
fn code_span(code: &str) -> String {
    let fence = inline_fence(code);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// Backticks enough to hold `code`.
fn inline_fence(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat(longest + 1)
}

fn split_space(text: &str) -> (&str, &str, &str) {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len().max(start);
    (&text[..start], &text[start..end], &text[end..])
}

/// `**bold **text` is no emphasis in Markdown: the spaces go outside.
fn wrap(out: &mut String, inner: &str, delimiter: &str) {
    let (lead, core, trail) = split_space(inner);
    if core.is_empty() {
        if !inner.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        return;
    }
    if !out.ends_with(' ') {
        out.push_str(lead);
    }
    out.push_str(delimiter);
    out.push_str(core);
    out.push_str(delimiter);
    out.push_str(trail);
}

mod layout;
mod table;

#[cfg(test)]
mod tests {
    use super::*;

    struct Same;
    impl Urls for Same {
        fn link(&mut self, url: &str, _: bool) -> Option<String> {
            Some(url.to_owned())
        }
        fn embed(&mut self, url: &str) -> Option<String> {
            Some(url.to_owned())
        }
        fn media(&mut self, url: &str) -> Option<String> {
            Some(url.to_owned())
        }
    }

    fn md(html: &str) -> String {
        convert(html, &mut Same).markdown
    }

    #[test]
    fn nested_lists_stay_nested_and_tight() {
        assert_eq!(
            md(
                "<ul><li>een<ul><li>a</li><li>b</li></ul></li><li>twee</li></ul><ol start=\"3\"><li>drie</li><li>vier</li></ol>"
            ),
            "- een\n  - a\n  - b\n- twee\n\n3. drie\n4. vier\n"
        );
    }

    #[test]
    fn markdown_characters_in_text_are_escaped() {
        assert_eq!(
            md(
                "<p>2 * 3 = 6_x [noot] &amp;copy; <a href=\"https://x.be/a (b)\">link</a></p><p>1. geen lijst</p><p># geen titel</p>"
            ),
            "2 \\* 3 = 6\\_x \\[noot\\] &amp;copy; [link](<https://x.be/a (b)>)\n\n1\\. geen lijst\n\n\\# geen titel\n"
        );
    }

    #[test]
    fn inline_code_over_several_lines_keeps_its_breaks() {
        assert_eq!(
            md("<p>Typ <code>cd map\nls -l</code> en klaar.</p>"),
            "Typ `cd map`\\\n`ls -l` en klaar.\n"
        );
    }

    #[test]
    fn a_reversed_list_counts_down_from_its_start() {
        assert_eq!(
            md("<ol reversed start=\"3\"><li>drie <em>nu</em></li><li>twee</li><li>een</li></ol>"),
            "<ol reversed start=\"3\"><li>drie <em>nu</em></li><li>twee</li><li>een</li></ol>\n"
        );
    }

    #[test]
    fn emphasis_keeps_its_spaces_outside() {
        assert_eq!(
            md("<p><strong>vet </strong>tekst en <em> schuin</em>.</p>"),
            "**vet** tekst en *schuin*.\n"
        );
    }

    #[test]
    fn quotes_and_code_blocks() {
        assert_eq!(
            md(
                "<blockquote><p>Een</p><p>Twee</p></blockquote><pre class=\"language-rust\">fn main() {}\n```\n</pre><p><code>a`b</code></p>"
            ),
            "> Een\n>\n> Twee\n\n````rust\nfn main() {}\n```\n````\n\n``a`b``\n"
        );
    }
}
