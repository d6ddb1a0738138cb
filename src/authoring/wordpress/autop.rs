//! WordPress's `wpautop`: the paragraphs of classic-editor content.
//!
//! Classic posts are stored without `<p>`: WordPress adds them each time it
//! shows a post, a blank line making a paragraph and a single newline a
//! `<br />`, never inside `<pre>` and never around block-level HTML. This
//! is a port of `wpautop()` from `wp-includes/formatting.php` (WordPress
//! 6), rule for rule, so that a post reads here as it read there.
//! Block-editor content already carries its `<p>` and is not passed here.

use std::sync::LazyLock;

use regex::{Captures, Regex};

const ALL_BLOCKS: &str = "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)";

fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace("ALLBLOCKS", ALL_BLOCKS)).expect("a valid pattern")
}

struct Rules {
    pre: Regex,
    double_br: Regex,
    block_open: Regex,
    block_close: Regex,
    hr: Regex,
    figcaption_open: Regex,
    figcaption_close: Regex,
    many_newlines: Regex,
    paragraph_split: Regex,
    empty_p: Regex,
    p_unclosed_in: Regex,
    p_around_block: Regex,
    p_around_li: Regex,
    p_blockquote: Regex,
    p_before_block: Regex,
    p_after_block: Regex,
    raw: [Regex; 4],
    newline: Regex,
    br_after_block: Regex,
    br_before_block: Regex,
    last_newline: Regex,
}

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules {
    pre: re(r"(?is)<pre[\s>].*?</pre>"),
    double_br: re(r"<br\s*/?>\s*<br\s*/?>"),
    block_open: re(r"(<ALLBLOCKS[\s/>])"),
    block_close: re(r"(</ALLBLOCKS>)"),
    hr: re(r"(<hr\s*?/?>)"),
    figcaption_open: re(r"\s*(<figcaption[^>]*>)"),
    figcaption_close: re(r"</figcaption>\s*"),
    many_newlines: re(r"\n\n+"),
    paragraph_split: re(r"\n\s*\n"),
    empty_p: re(r"<p>\s*</p>"),
    p_unclosed_in: re(r"<p>([^<]+)</(div|address|form)>"),
    p_around_block: re(r"<p>\s*(</?ALLBLOCKS[^>]*>)\s*</p>"),
    p_around_li: re(r"<p>(<li.+?)</p>"),
    p_blockquote: re(r"(?i)<p><blockquote([^>]*)>"),
    p_before_block: re(r"<p>\s*(</?ALLBLOCKS[^>]*>)"),
    p_after_block: re(r"(</?ALLBLOCKS[^>]*>)\s*</p>"),
    raw: [
        re(r"(?s)<script.*?</script>"),
        re(r"(?s)<style.*?</style>"),
        re(r"(?s)<svg.*?</svg>"),
        re(r"(?s)<math.*?</math>"),
    ],
    newline: re(r"\s*\n"),
    br_after_block: re(r"(</?ALLBLOCKS[^>]*>)\s*<br />"),
    br_before_block: re(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)"),
    last_newline: re(r"\n</p>$"),
});

const PRESERVED_NEWLINE: &str = "<WPPreserveNewline />";
const TAG_NEWLINE: &str = " <!-- wpnl --> ";

/// Adds `<p>` and `<br />` to classic-editor HTML as WordPress shows it.
pub fn autop(text: &str) -> String {
    let r = &*RULES;
    if text.trim().is_empty() {
        return String::new();
    }
    let mut text = format!("{text}\n");
    // <pre> blocks are set aside whole.
    let mut pre_tags = Vec::new();
    if text.contains("<pre") {
        text = r
            .pre
            .replace_all(&text, |c: &Captures| {
                let name = format!("<pre wp-pre-tag-{}></pre>", pre_tags.len());
                pre_tags.push((name.clone(), c[0].to_owned()));
                name
            })
            .into_owned();
    }
    text = r.double_br.replace_all(&text, "\n\n").into_owned();
    text = r.block_open.replace_all(&text, "\n\n$1").into_owned();
    text = r.block_close.replace_all(&text, "$1\n\n").into_owned();
    text = r.hr.replace_all(&text, "$1\n\n").into_owned();
    text = text.replace("\r\n", "\n").replace('\r', "\n");
    text = newlines_in_tags(&text);
    if text.contains("<figcaption") {
        text = r.figcaption_open.replace_all(&text, "$1").into_owned();
        text = r
            .figcaption_close
            .replace_all(&text, "</figcaption>")
            .into_owned();
    }
    text = r.many_newlines.replace_all(&text, "\n\n").into_owned();
    let mut out = String::new();
    for paragraph in r.paragraph_split.split(&text) {
        if paragraph.is_empty() {
            continue;
        }
        out.push_str("<p>");
        out.push_str(paragraph.trim_matches('\n'));
        out.push_str("</p>\n");
    }
    text = out;
    text = r.empty_p.replace_all(&text, "").into_owned();
    text = r
        .p_unclosed_in
        .replace_all(&text, "<p>$1</p></$2>")
        .into_owned();
    text = r.p_around_block.replace_all(&text, "$1").into_owned();
    text = r.p_around_li.replace_all(&text, "$1").into_owned();
    text = r
        .p_blockquote
        .replace_all(&text, "<blockquote$1><p>")
        .into_owned();
    text = text.replace("</blockquote></p>", "</p></blockquote>");
    text = r.p_before_block.replace_all(&text, "$1").into_owned();
    text = r.p_after_block.replace_all(&text, "$1").into_owned();
    for raw in &r.raw {
        text = raw
            .replace_all(&text, |c: &Captures| c[0].replace('\n', PRESERVED_NEWLINE))
            .into_owned();
    }
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />");
    text = {
        let source = text.as_str();
        r.newline
            .replace_all(source, |c: &Captures| {
                let m = c.get(0).expect("the whole match");
                if source[..m.start()].ends_with("<br />") {
                    m.as_str().to_owned()
                } else {
                    "<br />\n".to_owned()
                }
            })
            .into_owned()
    };
    text = text.replace(PRESERVED_NEWLINE, "\n");
    text = r.br_after_block.replace_all(&text, "$1").into_owned();
    text = r.br_before_block.replace_all(&text, "$1").into_owned();
    text = r.last_newline.replace_all(&text, "</p>").into_owned();
    for (name, pre) in pre_tags {
        text = text.replace(&name, &pre);
    }
    text.replace(TAG_NEWLINE, "\n")
        .replace("<!-- wpnl -->", "\n")
}

/// `wp_replace_in_html_tags($text, ["\n" => " <!-- wpnl --> "])`: a newline
/// inside a tag (between its attributes) is not a line break.
fn newlines_in_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    let mut in_comment = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if in_comment {
            if rest.starts_with("-->") {
                in_comment = false;
                out.push_str("-->");
                rest = &rest[3..];
                continue;
            }
        } else if !in_tag && rest.starts_with("<!--") {
            in_comment = true;
            out.push_str("<!--");
            rest = &rest[4..];
            continue;
        } else if c == '<' {
            in_tag = true;
        } else if c == '>' {
            in_tag = false;
        }
        if c == '\n' && (in_tag || in_comment) {
            out.push_str(TAG_NEWLINE);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::autop;

    #[test]
    fn blank_lines_make_paragraphs_and_single_newlines_breaks() {
        assert_eq!(
            autop("Een.\n\nTwee\nen drie."),
            "<p>Een.</p>\n<p>Twee<br />\nen drie.</p>\n"
        );
    }

    #[test]
    fn block_html_and_pre_are_left_alone() {
        let html = autop("Voor.\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre>x\n\ny</pre>\nNa.");
        assert_eq!(
            html,
            "<p>Voor.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre>x\n\ny</pre>\n<p>Na.</p>\n"
        );
    }

    #[test]
    fn tables_get_no_breaks() {
        let html = autop("<table>\n<tr>\n<th>a</th>\n<td>b</td>\n</tr>\n</table>");
        assert!(!html.contains("<br"), "{html}");
        assert!(!html.contains("<p>"), "{html}");
    }
}
