//! Block-editor footnotes. WordPress keeps a footnote's text out of the
//! post: the post holds only `<sup data-fn="ID">` markers, and the texts
//! sit in the `footnotes` post meta as JSON (`[{"content":…,"id":…}]`),
//! shown where `<!-- wp:footnotes /-->` stands. Here they become Markdown
//! footnotes (`[^1]` … `[^1]: text`), so the text reaches the page.

use std::sync::LazyLock;

use regex::{Captures, Regex};

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<sup\b[^>]*\bdata-fn\s*=\s*["']([^"']+)["'][^>]*>.*?</sup>"#)
        .expect("a valid pattern")
});

/// A word the Markdown writer passes through untouched, replaced by
/// `[^N]` once the text is Markdown (brackets would be escaped).
fn placeholder(n: usize) -> String {
    format!("WPFOOTNOTE{n}REF")
}

/// The footnotes of a post: its HTML with each marker replaced by a
/// placeholder, and each note's HTML in the order they are referenced.
pub struct Footnotes {
    pub html: String,
    pub notes: Vec<String>,
}

/// Replaces the markers whose text the `footnotes` meta holds; a marker
/// without its text is left alone (and so shows its number as before).
pub fn extract(html: &str, meta: Option<&str>) -> Footnotes {
    let texts: Vec<(String, String)> = meta
        .and_then(|m| serde_json::from_str::<Vec<serde_json::Value>>(m).ok())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| {
            Some((
                v.get("id")?.as_str()?.to_owned(),
                v.get("content")?.as_str()?.to_owned(),
            ))
        })
        .collect();
    let mut notes: Vec<(String, String)> = Vec::new();
    let html = MARKER
        .replace_all(html, |c: &Captures| {
            let id = &c[1];
            if let Some(n) = notes.iter().position(|(i, _)| i == id) {
                return placeholder(n + 1);
            }
            match texts.iter().find(|(i, _)| i == id) {
                Some((_, text)) => {
                    notes.push((id.to_owned(), text.clone()));
                    placeholder(notes.len())
                }
                None => c[0].to_owned(),
            }
        })
        .into_owned();
    Footnotes {
        html,
        notes: notes.into_iter().map(|(_, t)| t).collect(),
    }
}

/// The Markdown with `[^N]` references and, at its end, each note's
/// (already Markdown) text.
pub fn finish(markdown: &str, notes: &[String]) -> String {
    if notes.is_empty() {
        return markdown.to_owned();
    }
    let mut out = markdown.to_owned();
    for n in (1..=notes.len()).rev() {
        out = out.replace(&placeholder(n), &format!("[^{n}]"));
    }
    let mut out = out.trim_end().to_owned();
    out.push_str("\n\n");
    for (i, note) in notes.iter().enumerate() {
        // A note is one paragraph: its lines joined, so the definition holds it all.
        let text = note.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!("[^{}]: {text}\n", i + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_references_and_texts_definitions() {
        let f = extract(
            r##"<p>A<sup data-fn="x1" class="fn"><a href="#x1" id="x1-link">1</a></sup>.</p>"##,
            Some(r#"[{"content":"Note.","id":"x1"}]"#),
        );
        assert_eq!(f.html, "<p>AWPFOOTNOTE1REF.</p>");
        assert_eq!(
            finish("AWPFOOTNOTE1REF.\n", &f.notes),
            "A[^1].\n\n[^1]: Note.\n"
        );
    }
}
