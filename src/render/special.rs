//! Pages that are not content: the language chooser at the root and the
//! 404 page of each language.

use std::path::Path;

use super::views::Translation;
use super::{Job, Renderer, SharedValues};
use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;

/// The root `index.html`: the page that lets the visitor choose a language
/// (and the `x-default` of every page), unless the default language lives
/// at the root.
pub fn language_chooser_job<'a>(
    site: &'a Site,
    renderer: &Renderer,
    shared: &'a SharedValues,
    diags: &mut Diagnostics,
) -> Option<Job<'a>> {
    const TEMPLATE: &str = "language_chooser.html";
    let templates = renderer.templates();
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
        .map(|l| Translation::home(config, l))
        .collect();
    Some(job(
        renderer,
        TEMPLATE,
        site,
        shared,
        &config.default_language,
        "/".into(),
        homes,
        "index.html".into(),
    ))
}

/// `/<lang>/404.html` in every language, and `/404.html` for hosts that
/// look for it there.
pub fn not_found_jobs<'a>(
    site: &'a Site,
    renderer: &Renderer,
    shared: &'a SharedValues,
    diags: &mut Diagnostics,
) -> Vec<Job<'a>> {
    const TEMPLATE: &str = "404.html";
    let templates = renderer.templates();
    if !templates.has(TEMPLATE) {
        if !templates.is_broken(TEMPLATE) {
            diags.push(
                Diagnostic::warning(format!(
                    "the theme has no {TEMPLATE}: visitors who follow a broken link get the server's bare error page"
                ))
                .help(format!("add templates/{TEMPLATE}")),
            );
        }
        return Vec::new();
    }
    let config = &site.config;
    let path_of = |lang: &str| format!("{}404.html", config.language_root(lang));
    // Every language's 404 page exists: each one's switcher leads to the
    // others, never to a home page "not yet translated".
    let versions = |current: Option<&str>| -> Vec<Translation<'a>> {
        config
            .languages
            .iter()
            .map(|l| {
                Translation::of(
                    config,
                    &l.code,
                    &l.title,
                    &path_of(&l.code),
                    current == Some(l.code.as_str()),
                )
            })
            .collect()
    };
    let mut jobs = Vec::new();
    for language in &config.languages {
        let path = path_of(&language.code);
        jobs.push(job(
            renderer,
            TEMPLATE,
            site,
            shared,
            &language.code,
            path.clone(),
            versions(Some(&language.code)),
            path.trim_start_matches('/').to_owned(),
        ));
    }
    // `/404.html`, for hosts that look for it there and for every bad URL
    // outside the language folders: no language is the visitor's for sure,
    // so no version is current and the theme can speak every language.
    if config.language_root(&config.default_language) != "/" {
        jobs.push(job(
            renderer,
            TEMPLATE,
            site,
            shared,
            &config.default_language,
            "/404.html".to_owned(),
            versions(None),
            "404.html".to_owned(),
        ));
    }
    jobs
}

#[allow(clippy::too_many_arguments)]
fn job<'a>(
    renderer: &Renderer,
    template: &str,
    site: &'a Site,
    shared: &'a SharedValues,
    lang: &'a str,
    path: String,
    versions: Vec<Translation<'a>>,
    output: String,
) -> Job<'a> {
    let mut inputs = renderer.inputs(template);
    shared.fingerprint_common(&mut inputs, site, lang, &path, &versions);
    let origin = renderer
        .templates()
        .file(template)
        .unwrap_or(Path::new(template));
    Job {
        template: template.to_owned(),
        inputs: inputs.finish(),
        full_inputs: None,
        context: Box::new(move || shared.context(site, lang, &path, &versions)),
        path: output,
        origin: origin.to_path_buf(),
        page: None,
    }
}
