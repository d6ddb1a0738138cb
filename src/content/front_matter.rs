//! Splitting a content file into its TOML front matter and Markdown body.

use serde::{Deserialize, Serialize};
use toml::value::Datetime;

use super::PageDate;
use crate::diagnostics::{Diagnostic, Kind};

const FENCE: &str = "+++";

/// The TOML between the `+++` lines at the top of a content file.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    /// The last URL segment in this language; defaults to the folder name.
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub date: Option<Datetime>,
    #[serde(default)]
    pub updated: Option<Datetime>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Orders pages without dates, lightest first.
    #[serde(default)]
    pub weight: Option<i64>,
    /// A template to render this page with instead of the default one.
    #[serde(default)]
    pub template: Option<String>,
    /// Old URLs that must redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether a top-level page appears in the site's menu (default: yes).
    #[serde(default)]
    pub menu: Option<bool>,
    /// A shorter title for the menu.
    #[serde(default)]
    pub menu_title: Option<String>,
    /// For a section: list its pages this many at a time.
    #[serde(default)]
    pub paginate_by: Option<usize>,
    /// Who wrote the page, where it is not the practitioner (Zola's name):
    /// `authors = ["Jan Claes"]`.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Who translated this version from another language's:
    /// `translators = ["Marie Claes"]` (shown in the byline, the feed and
    /// the structured data).
    #[serde(default)]
    pub translators: Vec<String>,
    /// Keeps search engines away (`<meta name="robots" content="noindex">`,
    /// not in the sitemap). Default: true for a form's thank-you page.
    #[serde(default)]
    pub noindex: Option<bool>,
    /// Leaves the page out of the site's search (`search = false`).
    #[serde(default)]
    pub search: Option<bool>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// A content file split in two.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    pub front_matter: FrontMatter,
    /// `date` and `updated`, checked: every one can be shown and fed.
    pub date: Option<PageDate>,
    pub updated: Option<PageDate>,
    pub body: &'a str,
    /// The 1-based file line the body starts on.
    pub body_line: usize,
}

/// Splits and parses `text`. Errors are located in the file but carry no
/// file name: the caller knows it.
pub fn split(text: &str) -> Result<Split<'_>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != FENCE {
        return Err(Diagnostic::error("the file does not start with front matter")
            .kind(Kind::FrontMatter)
            .at(1, 1)
            .help("start the file with a line `+++`, then `title = \"…\"`, then another line `+++`"));
    }
    let toml_start = first.len();
    let mut offset = toml_start;
    let mut toml_end = None;
    for line in lines {
        if line.trim_end() == FENCE {
            toml_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((toml_end, body_start)) = toml_end else {
        return Err(
            Diagnostic::error("the front matter opened on line 1 is never closed")
                .kind(Kind::FrontMatter)
                .at(1, 1)
                .help("end the front matter with a line holding only `+++`"),
        );
    };

    let toml_text = &text[toml_start..toml_end];
    let front_matter: FrontMatter = toml::from_str(toml_text).map_err(|e| {
        let message = format!("invalid front matter: {}", e.message().trim());
        let help = front_matter_help(e.message());
        match e.span() {
            // An empty span, or one covering the whole table, means
            // "something is missing": point at the opening fence rather
            // than at the first key.
            Some(span) if !(span.is_empty() || span.start == 0 && span.end >= toml_text.len()) => {
                Diagnostic::error(message)
                    .kind(Kind::FrontMatter)
                    .at_offset(toml_text, span.start, 2)
                    .help(help)
            }
            _ => Diagnostic::error(message)
                .kind(Kind::FrontMatter)
                .at(1, 1)
                .help(help),
        }
    })?;
    // A tag has a page of its own, named by its slug: one with no letter
    // or digit would have none (and an empty segment in its address).
    if let Some(tag) = front_matter
        .tags
        .iter()
        .find(|t| crate::slugs::slugify(t).is_empty())
    {
        let at = toml_text
            .find(tag.as_str())
            .or_else(|| toml_text.find("tags"))
            .unwrap_or(0);
        return Err(Diagnostic::error(format!(
            "the tag `{tag}` has no letter or digit, so it cannot have a page of its own"
        ))
        .at_offset(toml_text, at, 2)
        .help("write the tag as a word, like \"rouw\", or remove it"));
    }
    let mut dates = [None, None];
    for (slot, (key, value)) in dates.iter_mut().zip([
        ("date", &front_matter.date),
        ("updated", &front_matter.updated),
    ]) {
        let Some(value) = value else { continue };
        match PageDate::from_toml(value) {
            Ok(date) => *slot = Some(date),
            Err(why) => {
                return Err(Diagnostic::error(format!("`{key}`: {why}"))
                    .kind(Kind::InvalidDate)
                    .at_line(line_of_key(toml_text, key).map_or(1, |l| l + 1))
                    .help(format!(
                        "write a day, like {key} = 2026-11-27 or {key} = 2026-11-27T10:30:00+01:00"
                    )));
            }
        }
    }
    let [date, updated] = dates;
    if let Some(slug) = &front_matter.slug
        && let Err(why) = crate::slugs::check(slug)
    {
        return Err(Diagnostic::error(format!("invalid slug: {why}"))
            .kind(Kind::InvalidSlug)
            .at_line(line_of_key(toml_text, "slug").map_or(1, |l| l + 1))
            .help(format!(
                "a slug is one short URL segment ({} bytes at most): letters, digits and dashes, like \"le-mentorat\"",
                crate::slugs::MAX_SLUG_BYTES
            )));
    }
    if front_matter.title.trim().is_empty() {
        return Err(Diagnostic::error("the title is empty")
            .kind(Kind::EmptyTitle)
            .at_line(line_of_key(toml_text, "title").map_or(1, |l| l + 1))
            .help("give the page a title: title = \"…\""));
    }
    for alias in &front_matter.aliases {
        if let Err(why) = alias_path(alias) {
            return Err(
                Diagnostic::error(format!("alias `{alias}` is not a path on this site: {why}"))
                    .at_line(line_of_value(toml_text, "aliases", alias).map_or(1, |l| l + 1))
                    .help("an alias is an old URL of this page on this site, written as a path from the root, like \"/blog/mijn-oude-post/\"; a visitor who comes there is sent to the page"),
            );
        }
    }
    let body_line = text[..body_start].matches('\n').count() + 1;
    Ok(Split {
        front_matter,
        date,
        updated,
        body: &text[body_start..],
        body_line,
    })
}

fn front_matter_help(message: &str) -> String {
    if message.contains("missing field `title`") {
        "every page needs a title: add title = \"…\" between the +++ lines".into()
    } else if message.contains("unknown field") {
        "allowed fields are title, slug, date, updated, draft, description, tags, weight, \
         template, aliases, menu, menu_title, paginate_by, authors, translators, noindex, search and extra; put your own fields under [extra]"
            .into()
    } else {
        "front matter is TOML: key = value, strings in double quotes, dates like 2026-11-27".into()
    }
}

/// Why an alias cannot redirect to its page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AliasError {
    #[error("it is an address on another site (or a scheme, like `https:`)")]
    OtherSite,
    #[error("it is the home page, which no alias can take")]
    HomePage,
    #[error("it holds `{}`, which a static site cannot answer for", .0.escape_default())]
    Unanswerable(char),
    #[error("it has an empty segment (`//`)")]
    EmptySegment,
    #[error("it has a `{0}` segment")]
    DotSegment(String),
    #[error(
        "a segment of it is longer than {} bytes",
        crate::slugs::MAX_SLUG_BYTES
    )]
    LongSegment,
}

/// Where a redirect from `alias` is written in the built site
/// (`/oud/pad/` → `oud/pad/index.html`, `/oud.html` → `oud.html`), or why
/// it cannot be: only a path on this site can redirect, and only a path
/// that stays in the output folder.
pub fn alias_path(alias: &str) -> Result<String, AliasError> {
    let trimmed = alias.trim();
    let first = trimmed.split('/').next().unwrap_or_default();
    if trimmed.starts_with("//") || first.contains(':') {
        return Err(AliasError::OtherSite);
    }
    let path = trimmed.strip_prefix('/').unwrap_or(trimmed);
    if path.is_empty() {
        return Err(AliasError::HomePage);
    }
    if let Some(c) = path
        .chars()
        .find(|c| matches!(c, '?' | '#' | '\\') || c.is_control())
    {
        return Err(AliasError::Unanswerable(c));
    }
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Err(AliasError::EmptySegment);
    }
    if let Some(s) = segments.iter().find(|s| **s == ".." || **s == ".") {
        return Err(AliasError::DotSegment((*s).to_owned()));
    }
    if segments
        .iter()
        .any(|s| s.len() > crate::slugs::MAX_SLUG_BYTES)
    {
        return Err(AliasError::LongSegment);
    }
    Ok(if path.ends_with(".html") || path.ends_with(".htm") {
        path.to_owned()
    } else {
        format!("{}/index.html", path.trim_end_matches('/'))
    })
}

/// The 1-based line within `toml_text` on which `value` is written in the
/// array `key`, else the line of `key`.
fn line_of_value(toml_text: &str, key: &str, value: &str) -> Option<usize> {
    let start = line_of_key(toml_text, key)?;
    toml_text
        .lines()
        .skip(start - 1)
        .position(|line| {
            line.contains(&format!("\"{value}\"")) || line.contains(&format!("'{value}'"))
        })
        .map_or(Some(start), |i| Some(start + i))
}

/// The 1-based line within `toml_text` on which `key` is assigned.
fn line_of_key(toml_text: &str, key: &str) -> Option<usize> {
    toml_text
        .lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("+++\ntitle = \"Hallo\"\ntags = [\"a\"]\n+++\n\nText\n").unwrap();
        assert_eq!(s.front_matter.title, "Hallo");
        assert_eq!(s.front_matter.tags, ["a"]);
        assert_eq!(s.body, "\nText\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn syntax_error_points_at_file_line() {
        let e = split("+++\ntitle = \"Hallo\"\ndate = 2026-13-45\n+++\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
    }

    #[test]
    fn missing_title_is_reported() {
        let e = split("+++\nslug = \"x\"\n+++\n").unwrap_err();
        assert!(e.message.contains("title"), "{e}");
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn unknown_field_names_the_field_and_line() {
        let e = split("+++\ntitle = \"x\"\n\nauthor = \"me\"\n+++\n").unwrap_err();
        assert!(e.message.contains("author"), "{e}");
        assert_eq!(e.line, Some(4), "{e}");
    }

    #[test]
    fn unclosed_front_matter() {
        let e = split("+++\ntitle = \"x\"\n").unwrap_err();
        assert!(e.message.contains("never closed"), "{e}");
    }

    #[test]
    fn windows_line_endings_and_bom() {
        let s = split("\u{feff}+++\r\ntitle = \"x\"\r\n+++\r\nBody").unwrap();
        assert_eq!(s.body, "Body");
        assert_eq!(s.body_line, 4);
    }
}
