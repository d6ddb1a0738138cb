//! A page's text as the search reads it, made from its Markdown as the page
//! is converted: no HTML is parsed for the search, and no page's HTML is
//! kept for it.
//!
//! Pagefind's indexer takes a *digest*: the text of a page, its blocks
//! separated by spaces and closed by a full stop when they end on a word
//! (so that excerpts read as sentences and no two blocks run into one
//! word), headings wrapped in markers that weigh their words. Its own
//! HTML parser makes that digest from a page; [`Digest`] makes the same one
//! from the Markdown's events, by the same rules (Pagefind's
//! `fossick/parser.rs`: which elements are blocks, which characters earn a
//! full stop, the weight of each heading level), so that a site's index is
//! what Pagefind's CLI makes from its built pages. Two deliberate
//! differences, both in what a search finds rather than in how it reads:
//! the header cells of a table are blocks of their own (Pagefind runs
//! `<th>` cells into one word), and an image's alternative text is not
//! indexed (Pagefind indexes none either, but a raw `<img>` in Markdown is
//! skipped here without a look at its attributes).

use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// The marker that opens a heading's weighted words (Pagefind's
/// `___PAGEFIND_AUTO_WEIGHT___`), and the one that closes it.
const WEIGHT: &str = " ___PAGEFIND_AUTO_WEIGHT___";
const END_WEIGHT: &str = " ___END_PAGEFIND_WEIGHT___ ";

/// Raw HTML elements whose content Pagefind never indexes.
const REMOVED: [&str; 11] = [
    "head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe",
    "template",
];

/// Raw HTML elements that Pagefind treats as blocks (its `SENTENCE_SELECTORS`).
const BLOCKS: [&str; 13] = [
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section",
];

/// The digest of a page's Markdown, from its events as they are turned into HTML.
pub fn of_events(events: &[Event]) -> String {
    let mut digest = Digest::default();
    for event in events {
        digest.push(event);
    }
    digest.finish()
}

/// Builds a digest from Markdown events, one event at a time.
#[derive(Default)]
pub struct Digest {
    text: String,
    /// Where each open block's text starts in `text`, and whether it is a heading.
    blocks: Vec<(usize, bool)>,
    /// Inside an image, whose text is its alternative text (an attribute).
    in_image: usize,
    /// Footnotes are numbered in the order they are first referred to.
    footnotes: HashMap<String, usize>,
}

impl Digest {
    /// A digest that starts with the page's title as its main heading (the
    /// `<h1>` of an article).
    pub fn titled(title: &str) -> Digest {
        let mut digest = Digest::default();
        digest.open(Some(HeadingLevel::H1));
        digest.text.push_str(title);
        digest.close();
        digest
    }

    /// Takes in the next event of the page's Markdown, as it is turned into HTML.
    pub fn push(&mut self, event: &Event) {
        if self.in_image > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => self.in_image += 1,
                Event::End(TagEnd::Image) => self.in_image -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph
                | Tag::Item
                | Tag::TableCell
                | Tag::FootnoteDefinition(_)
                | Tag::List(None) => self.open(None),
                Tag::Heading { level, .. } => self.open(Some(*level)),
                Tag::Image { .. } => self.in_image = 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::FootnoteDefinition
                | TagEnd::Heading(_) => self.close(),
                TagEnd::List(ordered) if !ordered => self.close(),
                _ => {}
            },
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) => {
                self.text.push_str(text);
            }
            Event::DisplayMath(text) => self.text.push_str(text),
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::FootnoteReference(label) => {
                let next = self.footnotes.len() + 1;
                let number = *self.footnotes.entry(label.to_string()).or_insert(next);
                self.text.push_str(&number.to_string());
            }
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html),
            Event::Rule | Event::TaskListMarker(_) => {}
        }
    }

    /// The digest, for Pagefind's records.
    pub fn finish(mut self) -> String {
        while !self.blocks.is_empty() {
            self.close();
        }
        self.text
    }

    fn open(&mut self, heading: Option<HeadingLevel>) {
        if let Some(level) = heading {
            // h1 weighs 7, h6 2, as Pagefind weighs them.
            let weight = 8 - level as usize;
            self.text.push_str(WEIGHT);
            self.text.push_str(&weight.to_string());
            self.text.push(' ');
        }
        self.text.push(' ');
        self.blocks.push((self.text.len(), heading.is_some()));
    }

    fn close(&mut self) {
        let Some((start, heading)) = self.blocks.pop() else {
            return;
        };
        let ends_a_word = self.text[start..]
            .chars()
            .next_back()
            .is_some_and(ends_a_sentence);
        if ends_a_word {
            self.text.push('.');
        }
        self.text.push(' ');
        if heading {
            self.text.push_str(END_WEIGHT);
        }
    }

    /// The text of raw HTML written in the Markdown, without its tags: a
    /// block element separates words, an inline one does not, and what
    /// Pagefind leaves out (scripts, forms, navigation…) is left out.
    fn raw_html(&mut self, html: &str) {
        let mut rest = html;
        let mut removed: Option<String> = None;
        while !rest.is_empty() {
            let Some(open) = rest.find('<') else {
                if removed.is_none() {
                    self.text.push_str(&decode_entities(rest));
                }
                break;
            };
            if removed.is_none() {
                self.text.push_str(&decode_entities(&rest[..open]));
            }
            rest = &rest[open..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[1..end.saturating_sub(1).max(1)];
            rest = &rest[end..];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            match &removed {
                Some(open) if closing && *open == name => removed = None,
                Some(_) => {}
                None if !closing && REMOVED.contains(&name.as_str()) => {
                    removed = Some(name);
                }
                None if BLOCKS.contains(&name.as_str()) || name == "br" => {
                    self.text.push(' ');
                }
                None => {}
            }
        }
    }
}

/// Whether a block ending on `c` gets a full stop: Pagefind's
/// `[\w'"\)\$\*]` (of `\w`, the combining marks are left out: text is
/// composed, so a block does not end on one).
fn ends_a_sentence(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '\'' | '"' | ')' | '$' | '*')
}

/// The entities raw HTML in Markdown is likely to hold, decoded as a
/// browser (and Pagefind) reads them.
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{A0}'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
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
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn digest(title: Option<&str>, markdown: &str) -> String {
        let mut d = title.map_or_else(Digest::default, Digest::titled);
        for event in Parser::new_ext(markdown, Options::all()) {
            d.push(&event);
        }
        d.finish().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn blocks_end_in_a_full_stop_unless_they_end_in_punctuation() {
        assert_eq!(
            digest(
                None,
                "Sentences should have periods\n\nUnless one exists.\n\nOr it ends with punctuation:"
            ),
            "Sentences should have periods. Unless one exists. Or it ends with punctuation:"
        );
    }

    #[test]
    fn inline_markup_joins_words_and_breaks_separate_them() {
        assert_eq!(
            digest(None, "should n*o*t add `any` space\nacross lines"),
            "should not add any space across lines."
        );
    }

    #[test]
    fn headings_are_weighed_as_pagefind_weighs_them() {
        assert_eq!(
            digest(Some("Rouw"), "## Verder leven\n\nTekst"),
            "___PAGEFIND_AUTO_WEIGHT___7 Rouw. ___END_PAGEFIND_WEIGHT___ \
             ___PAGEFIND_AUTO_WEIGHT___6 Verder leven. ___END_PAGEFIND_WEIGHT___ Tekst."
        );
    }

    #[test]
    fn list_items_are_sentences_and_image_descriptions_are_not_text() {
        assert_eq!(
            digest(None, "- een\n- twee\n\n![een stille kamer](kamer.jpg)"),
            "een. twee."
        );
    }

    #[test]
    fn raw_html_gives_its_text_without_tags_forms_or_scripts() {
        assert_eq!(
            digest(
                None,
                "<div>Een <b>vet</b> woord<script>x()</script></div>\n\n<form><label>Naam</label></form>\n\nTom &amp; Jerry"
            ),
            "Een vet woord Tom & Jerry."
        );
    }
}
