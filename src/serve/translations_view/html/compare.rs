//! A source beside its translation, block by block.

use std::fmt::Write;

use super::*;

/// The table of blocks, the source on the left; `ids` prefixes the ids of
/// changed rows, when the source is ahead of the translation.
pub(super) fn side_by_side(cx: &Context, out: &mut String, cmp: &Comparison, ids: Option<&str>) {
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
pub(super) fn tag(cx: &Context, block: &Block, mark: Option<&str>) -> String {
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
