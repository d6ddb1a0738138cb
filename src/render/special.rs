//! Pages that are not content: the language chooser at the root and the
//! 404 page of each language.

use super::views::Translation;
use super::{SharedValues, Templates, render_template};
use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::OutputFile;

/// The root `index.html`: the page that lets the visitor choose a language
/// (and the `x-default` of every page), unless the default language lives
/// at the root.
pub fn render_language_chooser(
    site: &Site,
    templates: &Templates,
    shared: &SharedValues,
    diags: &mut Diagnostics,
) -> Option<OutputFile> {
    const TEMPLATE: &str = "language_chooser.html";
    if site.config.default_language_at_root {
        return None;
    }
    if !templates.has(TEMPLATE) {
        if !templates.is_broken(TEMPLATE) {
            diags.push(
                Diagnostic::error(format!("template `{TEMPLATE}` not found"))
                    .in_file(CONFIG_FILE)
                    .help(format!(
                        "the theme must provide {TEMPLATE} for the root page, or set \
                         default_language_at_root = true"
                    )),
            );
        }
        return None;
    }
    let config = &site.config;
    let homes: Vec<Translation> = config
        .languages
        .iter()
        .map(|l| {
            Translation::of(
                config,
                &l.code,
                &l.title,
                &config.language_root(&l.code),
                false,
            )
        })
        .collect();
    let context = shared.context(site, &config.default_language, "/", &homes);
    render_template(templates, TEMPLATE, &context, "index.html".into(), diags)
}

/// `/<lang>/404.html` in every language, and `/404.html` (in the default
/// language) for hosts that look for it there.
pub fn render_not_found_pages(
    site: &Site,
    templates: &Templates,
    shared: &SharedValues,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    const TEMPLATE: &str = "404.html";
    if !templates.has(TEMPLATE) {
        if !templates.is_broken(TEMPLATE) {
            diags.push(
                Diagnostic::warning(format!("the theme has no {TEMPLATE}: visitors who follow a broken link get the server's bare error page"))
                    .help(format!("add templates/{TEMPLATE}")),
            );
        }
        return Vec::new();
    }
    let config = &site.config;
    let mut files = Vec::new();
    for language in &config.languages {
        let path = format!("{}404.html", config.language_root(&language.code));
        let this = [Translation::of(
            config,
            &language.code,
            &language.title,
            &path,
            true,
        )];
        let context = shared.context(site, &language.code, &path, &this);
        let Some(file) = render_template(
            templates,
            TEMPLATE,
            &context,
            path.trim_start_matches('/').into(),
            diags,
        ) else {
            continue;
        };
        if language.code == config.default_language && path != "/404.html" {
            files.push(OutputFile {
                path: "404.html".into(),
                ..file.clone()
            });
        }
        files.push(file);
    }
    files
}
