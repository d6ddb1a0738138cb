//! The list of every page and its versions.

use std::fmt::Write;

use super::*;

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
