//! The view's pages, as HTML written by hand: two pages and a handful of
//! elements, where a template engine would only add a second place to look.
//! Every text and path goes through [`esc`]. `overview` is the list of
//! pages, `page` one page, `compare` the side-by-side table; what they
//! share is here.

mod compare;
mod overview;
mod page;

pub use overview::overview;
pub use page::page;

use std::fmt::Write;
use std::path::Path;

use super::align::{self, Block, Kind, Mark, Piece, Row};
use super::model::{Change, Comparison, State, Status};
use super::strings;
use super::{PREFIX, STYLE_PATH};
use crate::i18n::builtin::{Catalog, PraxisStrings};
use crate::model::{Page, Site};
use crate::render::escape_html as esc;
use fluent_bundle::FluentValue;

/// What every page of the view needs besides its own data.
pub struct Context<'a> {
    /// Shown inside the desk: the bar leads back to it.
    pub desk: bool,
    pub site: &'a Site,
    pub ui: PraxisStrings,
    /// The CSRF token the view's buttons send back.
    pub token: &'a str,
    /// A day (`2026-11-27`) in the author's language.
    pub day: &'a dyn Fn(&str) -> String,
    /// The day a file (relative to the site root) was last saved.
    pub saved: &'a dyn Fn(&Path) -> Option<String>,
}

impl Context<'_> {
    fn t(&self, id: &str) -> String {
        self.ui.get(id)
    }

    fn with(&self, id: &str, args: &[(&str, FluentValue)]) -> String {
        self.ui.with(id, args)
    }

    /// "Frans", "Néerlandais": a language as a column heading.
    fn language_heading(&self, code: &str) -> String {
        let name = self.language_name(code);
        let mut chars = name.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    }

    fn language_name(&self, code: &str) -> String {
        let native = self
            .site
            .config
            .languages
            .iter()
            .find(|l| l.code == code)
            .map_or(code, |l| l.name.as_str());
        strings::language(&self.ui, code, native)
    }

    fn page_url(&self, key: &str) -> String {
        format!(
            "{PREFIX}page?key={}&lang={}",
            percent_encoding::utf8_percent_encode(key, QUERY),
            self.ui.lang
        )
    }
}

/// What a query value must escape.
const QUERY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.');

fn badge(cx: &Context, state: &State) -> String {
    let id = match state {
        State::InStep => "tv-state-in-step",
        State::Ahead => "tv-state-ahead",
        State::OutOfDate(_) => "tv-state-out-of-date",
        State::Missing(_) => "tv-state-missing",
        State::Draft(_) => "tv-state-draft",
    };
    format!(
        "<span class=\"state s-{}\">{}</span>",
        state_name(state),
        esc(&cx.t(id))
    )
}

/// The state's name in the markup, for the stylesheet and for tests.
fn state_name(state: &State) -> &'static str {
    match state {
        State::InStep => "in-step",
        State::Ahead => "ahead",
        State::OutOfDate(_) => "out-of-date",
        State::Missing(_) => "missing",
        State::Draft(_) => "draft",
    }
}

/// What a state's cell says besides its name.
fn details(cx: &Context, out: &mut String, state: &State, agreed: Option<&str>) {
    match state {
        State::OutOfDate(changes) => {
            for change in changes {
                let _ = write!(
                    out,
                    "<p class=\"what\">{}</p>",
                    esc(&what_changed(cx, change))
                );
            }
            let _ = write!(
                out,
                "<p class=\"since\">{}</p>",
                esc(&agreed_text(cx, agreed))
            );
        }
        State::Missing(file) | State::Draft(file) => {
            let _ = write!(out, " <code>{}</code>", esc(&file.display().to_string()));
        }
        State::InStep | State::Ahead => {}
    }
}

/// "nl.md is sindsdien gewijzigd: de alinea op regel 31, de titel".
fn what_changed(cx: &Context, change: &Change) -> String {
    let mut what = Vec::new();
    if !change.lines.is_empty() {
        let lines: Vec<String> = change.lines.iter().map(usize::to_string).collect();
        what.push(cx.with(
            "tv-what-paragraphs",
            &[
                ("count", change.lines.len().into()),
                ("lines", lines.join(", ").into()),
            ],
        ));
    }
    if change.removed {
        what.push(cx.t("tv-what-removed"));
    }
    if change.title {
        what.push(cx.t("tv-what-title"));
    }
    if change.description {
        what.push(cx.t("tv-what-description"));
    }
    cx.with(
        "tv-changed-since",
        &[
            ("file", file_name(&change.file).into()),
            ("what", what.join(", ").into()),
        ],
    )
}

fn agreed_text(cx: &Context, agreed: Option<&str>) -> String {
    match agreed {
        Some(day) => cx.with("tv-agreed", &[("date", (cx.day)(day).into())]),
        None => cx.t("tv-agreed-unknown"),
    }
}

/// The title in the author's language, else in the first language it has.
fn node_title(cx: &Context, status: &Status) -> String {
    let pages: Vec<&Page> = status.versions.iter().filter_map(|v| v.page).collect();
    pages
        .iter()
        .find(|p| p.lang == cx.ui.lang)
        .or(pages.first())
        .map(|p| p.front_matter.title.clone())
        .or_else(|| {
            status
                .node
                .drafts
                .first()
                .map(|d| d.front_matter.title.clone())
        })
        .unwrap_or_else(|| display_key(&status.node.key))
}

fn folder_of(status: &Status) -> String {
    if status.node.key.is_empty() {
        "content/".to_owned()
    } else {
        format!("content/{}/", status.node.key)
    }
}

/// A key as `check --accept` takes it: the home page's is `""`.
fn display_key(key: &str) -> String {
    if key.is_empty() {
        "\"\"".to_owned()
    } else {
        key.to_owned()
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The page around `main`: the bar with the language switch, landmarks.
fn document(cx: &Context, title: &str, here: &str, main: &str) -> String {
    let mut switch = String::new();
    for language in cx
        .site
        .config
        .languages
        .iter()
        .filter(|l| Catalog::speaks(&l.code))
    {
        let current = if language.code == cx.ui.lang {
            " aria-current=\"page\""
        } else {
            ""
        };
        let separator = if here.contains('?') { '&' } else { '?' };
        let _ = write!(
            switch,
            "<li><a href=\"{}{separator}lang={}\" hreflang=\"{}\" lang=\"{}\"{current}>{}</a></li>",
            esc(here),
            esc(&language.code),
            esc(&language.code),
            esc(&language.code),
            esc(&language.name)
        );
    }
    format!(
        "<!doctype html>\n<html lang=\"{lang}\" data-praxis-view=\"translations\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title} · praxis</title>\n\
         <link rel=\"stylesheet\" href=\"{STYLE_PATH}\">\n</head>\n<body>\n<header class=\"bar\">\n<p>praxis · {preview}</p>\n{back}\
         <nav aria-label=\"{switch_label}\"><ul>{switch}</ul></nav>\n</header>\n<main>\n{main}</main>\n</body>\n</html>\n",
        lang = cx.ui.lang,
        title = esc(title),
        preview = esc(&cx.t("tv-preview")),
        back = if cx.desk {
            format!(
                "<p><a href=\"/_praxis/\">{}</a></p>\n",
                esc(&cx.t("tv-back-to-desk"))
            )
        } else {
            String::new()
        },
        switch_label = esc(&cx.t("tv-language-switch")),
    )
}
