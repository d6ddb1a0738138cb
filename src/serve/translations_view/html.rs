//! The view's pages, as HTML written by hand: two pages and a handful of
//! elements, where a template engine would only add a second place to look.
//! Every text and path goes through [`esc`].

use std::fmt::Write;
use std::path::Path;

use super::align::{self, Block, Kind, Mark, Piece, Row};
use super::model::{Change, Comparison, State, Status};
use super::strings::{Arg, Strings, has_language};
use super::{PREFIX, STYLE_PATH};
use crate::model::{Page, Site};
use crate::render::escape_html as esc;

/// What every page of the view needs besides its own data.
pub struct Context<'a> {
    pub site: &'a Site,
    pub ui: Strings,
    /// The CSRF token the view's buttons send back.
    pub token: &'a str,
    /// A day (`2026-11-27`) in the author's language.
    pub day: &'a dyn Fn(&str) -> String,
    /// The day a file (relative to the site root) was last saved.
    pub saved: &'a dyn Fn(&Path) -> Option<String>,
}

impl Context<'_> {
    fn t(&self, id: &str) -> String {
        self.ui.t(id)
    }

    fn with(&self, id: &str, args: &[(&str, Arg)]) -> String {
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
        self.ui.language(code, native)
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

/// The list of every page and its versions.
pub fn overview(cx: &Context, statuses: &[Status], here: &str) -> String {
    let mut counts = [0usize; 4];
    for version in statuses.iter().flat_map(|s| &s.versions) {
        let i = match version.state {
            State::InStep | State::Ahead => 0,
            State::OutOfDate(_) => 1,
            State::Missing(_) => 2,
            State::Draft(_) => 3,
        };
        counts[i] += 1;
    }
    let mut main = String::new();
    let _ = write!(
        main,
        "<h1>{}</h1>\n<p>{}</p>\n<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">{}</h2>\n<ul class=\"counts\">\n",
        esc(&cx.t("tv-title")),
        esc(&cx.t("tv-intro")),
        esc(&cx.t("tv-summary"))
    );
    for (i, (id, class)) in [
        ("tv-count-in-step", "in-step"),
        ("tv-count-out-of-date", "out-of-date"),
        ("tv-count-missing", "missing"),
        ("tv-count-draft", "draft"),
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(
            main,
            "<li class=\"state s-{class}\" data-count=\"{class}:{}\">{}</li>",
            counts[i],
            esc(&cx.with(id, &[("count", counts[i].into())]))
        );
    }
    main.push_str("</ul>\n</section>\n");
    let _ = write!(
        main,
        "<table class=\"overview\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th>",
        esc(&cx.t("tv-table-caption")),
        esc(&cx.t("tv-col-page"))
    );
    for language in &cx.site.config.languages {
        let _ = write!(
            main,
            "<th scope=\"col\">{}</th>",
            esc(&cx.language_heading(&language.code))
        );
    }
    main.push_str("</tr></thead>\n<tbody>\n");
    for status in statuses {
        let key = &status.node.key;
        let _ = write!(
            main,
            "<tr data-key=\"{}\"><th scope=\"row\"><a href=\"{}\">{}</a> <code>{}</code></th>",
            esc(key),
            esc(&cx.page_url(key)),
            esc(&node_title(cx, status)),
            esc(&folder_of(status))
        );
        for version in &status.versions {
            let _ = write!(
                main,
                "<td data-lang=\"{}\" data-state=\"{}\">{}",
                esc(&version.lang),
                state_name(&version.state),
                badge(cx, &version.state)
            );
            details(cx, &mut main, &version.state, version.agreed.as_deref());
            if let Some(page) = version.page {
                let _ = write!(
                    main,
                    " <a class=\"visit\" href=\"{}\" hreflang=\"{}\">{}<span class=\"visually-hidden\"> ({})</span></a>",
                    esc(&page.path),
                    esc(&page.lang),
                    esc(&cx.t("tv-view-page")),
                    esc(&cx.language_name(&page.lang))
                );
            }
            main.push_str("</td>");
        }
        main.push_str("</tr>\n");
    }
    main.push_str("</tbody>\n</table>\n");
    document(cx, &cx.t("tv-title"), here, &main)
}

/// One page: its versions, and for each out-of-date one the source beside
/// it; for a missing one, the source and the file to write.
pub fn page(cx: &Context, status: &Status, here: &str) -> String {
    let key = &status.node.key;
    let title = node_title(cx, status);
    let mut main = String::new();
    let _ = write!(
        main,
        "<p><a href=\"{PREFIX}?lang={}\">{}</a></p>\n<h1>{}</h1>\n<p><code>{}</code></p>\n<ul class=\"versions\">\n",
        cx.ui.lang,
        esc(&cx.t("tv-back")),
        esc(&title),
        esc(&folder_of(status))
    );
    for version in &status.versions {
        let _ = write!(
            main,
            "<li data-lang=\"{}\" data-state=\"{}\"><strong>{}</strong> {}",
            esc(&version.lang),
            state_name(&version.state),
            esc(&cx.language_heading(&version.lang)),
            badge(cx, &version.state)
        );
        details(cx, &mut main, &version.state, version.agreed.as_deref());
        if let Some(page) = version.page {
            let _ = write!(
                main,
                " <a class=\"visit\" href=\"{}\" hreflang=\"{}\">{}</a>",
                esc(&page.path),
                esc(&page.lang),
                esc(&cx.t("tv-view-page"))
            );
        }
        main.push_str("</li>\n");
    }
    main.push_str("</ul>\n");

    let mut compared = false;
    for version in &status.versions {
        let State::OutOfDate(changes) = &version.state else {
            continue;
        };
        let Some(translation) = version.page else {
            continue;
        };
        for change in changes {
            let Some(source) = status.version(&change.source).and_then(|v| v.page) else {
                continue;
            };
            compared = true;
            comparison(
                cx,
                &mut main,
                &status.compare(source, translation),
                key,
                version.agreed.as_deref(),
            );
        }
    }
    let source = status
        .versions
        .iter()
        .filter_map(|v| v.page)
        .find(|p| !p.front_matter.draft);
    for version in &status.versions {
        if let (State::Missing(file), Some(source)) = (&version.state, source) {
            compared = true;
            missing(cx, &mut main, key, &version.lang, file, source);
        }
    }
    if !compared {
        let _ = writeln!(
            main,
            "<p class=\"all-in-step\">{}</p>",
            esc(&cx.t("tv-in-step-page"))
        );
        let published: Vec<&Page> = status.versions.iter().filter_map(|v| v.page).collect();
        if let [first, second, ..] = published.as_slice() {
            side_by_side(cx, &mut main, &status.compare(first, second), None);
        }
    }
    document(cx, &title, here, &main)
}

fn comparison(cx: &Context, out: &mut String, cmp: &Comparison, key: &str, agreed: Option<&str>) {
    let source_file = file_name(&cmp.source.source);
    let target_file = file_name(&cmp.translation.source);
    let id = format!("compare-{}-{}", cmp.source.lang, cmp.translation.lang);
    let _ = writeln!(
        out,
        "<section class=\"comparison\" aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>",
        esc(&cx.with(
            "tv-compare-heading",
            &[
                ("target", target_file.as_str().into()),
                ("source", source_file.as_str().into())
            ]
        ))
    );
    let _ = writeln!(out, "<p>{}</p>", esc(&agreed_text(cx, agreed)));
    if let Some(day) = (cx.saved)(&cmp.source.source) {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            esc(&cx.with(
                "tv-saved",
                &[
                    ("file", source_file.as_str().into()),
                    ("date", (cx.day)(&day).into())
                ]
            ))
        );
    }
    if cmp.has_old_text {
        let _ = writeln!(out, "<p class=\"legend\">{}</p>", esc(&cx.t("tv-legend")));
    } else {
        let _ = writeln!(
            out,
            "<p class=\"notice\">{}</p>",
            esc(&cx.t("tv-old-text-unknown"))
        );
    }
    let mut jumps = Vec::new();
    for (field, old) in [
        ("title", &cmp.old_title),
        ("description", &cmp.old_description),
    ] {
        if old.is_some() {
            let label = cx.t(&format!("tv-row-{field}"));
            jumps.push(format!("<a href=\"#{id}-{field}\">{}</a>", esc(&label)));
        }
    }
    for (i, row) in cmp.rows.iter().enumerate() {
        let Some(cell) = row.source.as_ref().filter(|c| c.mark != Mark::Same) else {
            continue;
        };
        let label = match cell.block.line {
            Some(line) => cx.with("tv-block-line", &[("line", line.into())]),
            None => cx.t("tv-block-removed"),
        };
        jumps.push(format!("<a href=\"#{id}-row-{i}\">{}</a>", esc(&label)));
    }
    if !jumps.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"jumps\">{} {}</p>",
            esc(&cx.t("tv-changes")),
            jumps.join(", ")
        );
    }
    side_by_side(cx, out, cmp, Some(&id));
    let _ = write!(
        out,
        "<form method=\"post\" action=\"{PREFIX}accept\">\n<input type=\"hidden\" name=\"token\" value=\"{}\">\n\
         <input type=\"hidden\" name=\"key\" value=\"{}\">\n<input type=\"hidden\" name=\"lang\" value=\"{}\">\n\
         <button type=\"submit\" aria-describedby=\"{id}-help\">{}</button>\n<p class=\"help\" id=\"{id}-help\">{}</p>\n</form>\n</section>\n",
        esc(cx.token),
        esc(key),
        cx.ui.lang,
        esc(&cx.with("tv-accept", &[("target", target_file.as_str().into())])),
        esc(&cx.with("tv-accept-help", &[("key", display_key(key).into())]))
    );
}

/// The table of blocks, the source on the left; `ids` prefixes the ids of
/// changed rows, when the source is ahead of the translation.
fn side_by_side(cx: &Context, out: &mut String, cmp: &Comparison, ids: Option<&str>) {
    let (left, right) = if ids.is_some() {
        ("tv-col-source", "tv-col-translation")
    } else {
        ("tv-col-version", "tv-col-version")
    };
    let column = |id: &str, page: &Page| {
        cx.with(
            id,
            &[
                ("language", cx.language_heading(&page.lang).into()),
                ("file", file_name(&page.source).into()),
            ],
        )
    };
    let _ = write!(
        out,
        "<table class=\"compare\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        esc(&cx.with(
            "tv-side-by-side",
            &[
                ("source", file_name(&cmp.source.source).into()),
                ("target", file_name(&cmp.translation.source).into())
            ]
        )),
        esc(&column(left, cmp.source)),
        esc(&column(right, cmp.translation))
    );
    let fields = [
        (
            "title",
            "tv-row-title",
            cmp.old_title.as_deref(),
            cmp.source.front_matter.title.as_str(),
            cmp.translation.front_matter.title.as_str(),
        ),
        (
            "description",
            "tv-row-description",
            cmp.old_description.as_deref(),
            cmp.source.front_matter.description.as_deref().unwrap_or(""),
            cmp.translation
                .front_matter
                .description
                .as_deref()
                .unwrap_or(""),
        ),
    ];
    for (field, label, old, now, translated) in fields {
        let Some(old) = old else { continue };
        let row_id = ids
            .map(|p| format!(" id=\"{p}-{field}\""))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr class=\"changed\"{row_id}><td lang=\"{}\"><p class=\"tag\">{} · {}</p><p class=\"text\">{}</p></td>\
             <td lang=\"{}\"><p class=\"tag\">{}</p><p class=\"text\">{}</p></td></tr>",
            esc(&cmp.source.lang),
            esc(&cx.t(label)),
            esc(&cx.t("tv-block-changed")),
            diff(cx, old, now),
            esc(&cmp.translation.lang),
            esc(&cx.t(label)),
            esc(translated)
        );
    }
    for (i, row) in cmp.rows.iter().enumerate() {
        let row_id = ids.map(|p| format!("{p}-row-{i}"));
        block_row(
            cx,
            out,
            row,
            row_id.as_deref(),
            &cmp.source.lang,
            &cmp.translation.lang,
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn block_row(
    cx: &Context,
    out: &mut String,
    row: &Row,
    id: Option<&str>,
    source_lang: &str,
    target_lang: &str,
) {
    let class = match row.source.as_ref().map(|c| &c.mark) {
        None | Some(Mark::Same) => "same",
        Some(Mark::Changed(_) | Mark::ChangedUnknown) => "changed",
        Some(Mark::Added) => "added",
        Some(Mark::Removed) => "removed",
        Some(Mark::Moved) => "moved",
    };
    match id.filter(|_| class != "same") {
        Some(id) => {
            let _ = write!(out, "<tr class=\"{class}\" id=\"{id}\">");
        }
        None => {
            let _ = write!(out, "<tr class=\"{class}\">");
        }
    }
    match &row.source {
        Some(cell) => {
            let (mark, text) = match &cell.mark {
                Mark::Same => (None, esc(&cell.block.text)),
                Mark::Changed(before) => {
                    (Some("tv-block-changed"), diff(cx, before, &cell.block.text))
                }
                Mark::ChangedUnknown => (Some("tv-block-changed"), esc(&cell.block.text)),
                Mark::Added => (Some("tv-block-added"), ins(cx, &cell.block.text)),
                Mark::Removed => (Some("tv-block-removed"), del(cx, &cell.block.text)),
                Mark::Moved => (Some("tv-block-moved"), esc(&cell.block.text)),
            };
            let _ = write!(
                out,
                "<td lang=\"{}\">{}<div class=\"text\">{text}</div></td>",
                esc(source_lang),
                tag(cx, &cell.block, mark)
            );
        }
        None => empty_cell(cx, out),
    }
    match &row.translation {
        Some(block) => {
            let _ = write!(
                out,
                "<td lang=\"{}\">{}<div class=\"text\">{}</div></td>",
                esc(target_lang),
                tag(cx, block, None),
                esc(&block.text)
            );
        }
        None => empty_cell(cx, out),
    }
    out.push_str("</tr>\n");
}

fn empty_cell(cx: &Context, out: &mut String) {
    let _ = write!(
        out,
        "<td class=\"none\" lang=\"{}\"><p class=\"tag\">{}</p></td>",
        cx.ui.lang,
        esc(&cx.t("tv-block-none"))
    );
}

/// "Alinea · Gewijzigd · regel 31", in the author's language.
fn tag(cx: &Context, block: &Block, mark: Option<&str>) -> String {
    let kind = match align::kind(&block.text) {
        Kind::Heading(_) => "tv-kind-heading",
        Kind::List => "tv-kind-list",
        Kind::Quote => "tv-kind-quote",
        Kind::Code => "tv-kind-code",
        Kind::Table | Kind::Html => "tv-kind-other",
        Kind::Paragraph => "tv-kind-paragraph",
    };
    let mut parts = vec![cx.t(kind)];
    if let Some(mark) = mark {
        parts.push(cx.t(mark));
    }
    if let Some(line) = block.line {
        parts.push(cx.with("tv-block-line", &[("line", line.into())]));
    }
    format!(
        "<p class=\"tag\" lang=\"{}\">{}</p>",
        cx.ui.lang,
        esc(&parts.join(" · "))
    )
}

/// The word-level diff as HTML: `<del>` what went, `<ins>` what came,
/// each announced in words to a screen reader, which does not say them.
fn diff(cx: &Context, before: &str, after: &str) -> String {
    align::words(before, after)
        .into_iter()
        .map(|piece| match piece {
            Piece::Same(t) => esc(&t),
            Piece::Gone(t) => del(cx, &t),
            Piece::New(t) => ins(cx, &t),
        })
        .collect()
}

fn del(cx: &Context, text: &str) -> String {
    format!(
        "<del><span class=\"visually-hidden\">{} </span>{}</del>",
        esc(&cx.t("tv-said-before")),
        esc(text)
    )
}

fn ins(cx: &Context, text: &str) -> String {
    format!(
        "<ins><span class=\"visually-hidden\">{} </span>{}</ins>",
        esc(&cx.t("tv-says-now")),
        esc(text)
    )
}

fn missing(cx: &Context, out: &mut String, key: &str, lang: &str, file: &Path, source: &Page) {
    let id = format!("missing-{lang}");
    let _ = write!(
        out,
        "<section class=\"missing\" aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>\n<p>{}</p>\n\
         <form method=\"post\" action=\"{PREFIX}create\">\n<input type=\"hidden\" name=\"token\" value=\"{}\">\n\
         <input type=\"hidden\" name=\"key\" value=\"{}\">\n<input type=\"hidden\" name=\"target\" value=\"{}\">\n\
         <input type=\"hidden\" name=\"lang\" value=\"{}\">\n<button type=\"submit\">{}</button>\n</form>\n",
        esc(&cx.with(
            "tv-missing-heading",
            &[("language", cx.language_name(lang).into())]
        )),
        // The path is set apart as code inside the sentence.
        esc(&cx.with("tv-missing-help", &[("file", "\u{1}".into())])).replace(
            '\u{1}',
            &format!("<code>{}</code>", esc(&file.display().to_string()))
        ),
        esc(cx.token),
        esc(key),
        esc(lang),
        cx.ui.lang,
        esc(&cx.t("tv-create"))
    );
    let _ = write!(
        out,
        "<h3>{}</h3>\n<div class=\"source\" lang=\"{}\">\n",
        esc(&cx.with(
            "tv-col-version",
            &[
                ("language", cx.language_heading(&source.lang).into()),
                ("file", file_name(&source.source).into())
            ]
        )),
        esc(&source.lang)
    );
    let _ = writeln!(
        out,
        "<div class=\"block\"><p class=\"tag\" lang=\"{}\">{}</p><div class=\"text\">{}</div></div>",
        cx.ui.lang,
        esc(&cx.t("tv-row-title")),
        esc(&source.front_matter.title)
    );
    for block in super::model::current_blocks(source) {
        let _ = writeln!(
            out,
            "<div class=\"block\">{}<div class=\"text\">{}</div></div>",
            tag(cx, &block, None),
            esc(&block.text)
        );
    }
    out.push_str("</div>\n</section>\n");
}

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
        .filter(|l| has_language(&l.code))
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
         <link rel=\"stylesheet\" href=\"{STYLE_PATH}\">\n</head>\n<body>\n<header class=\"bar\">\n<p>praxis · {preview}</p>\n\
         <nav aria-label=\"{switch_label}\"><ul>{switch}</ul></nav>\n</header>\n<main>\n{main}</main>\n</body>\n</html>\n",
        lang = cx.ui.lang,
        title = esc(title),
        preview = esc(&cx.t("tv-preview")),
        switch_label = esc(&cx.t("tv-language-switch")),
    )
}
