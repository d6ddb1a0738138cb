//! One page of the view: its versions, what changed, what is missing.

use std::fmt::Write;
use std::path::Path;

use super::compare::{side_by_side, tag};
use super::*;

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
    for block in crate::serve::translations_view::model::current_blocks(source) {
        let _ = writeln!(
            out,
            "<div class=\"block\">{}<div class=\"text\">{}</div></div>",
            tag(cx, &block, None),
            esc(&block.text)
        );
    }
    out.push_str("</div>\n</section>\n");
}
