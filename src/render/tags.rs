//! Tag pages: per language, the list of tags and a page per tag.

use serde::Serialize;

use super::views::Translation;
use super::{Job, Renderer, SharedValues, index_path};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Site, Term};

const LIST_TEMPLATE: &str = "taxonomy_list.html";
const TERM_TEMPLATE: &str = "taxonomy_single.html";

/// `terms` in `taxonomy_list.html`.
#[derive(Serialize)]
struct TermView<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    permalink: String,
    /// How many pages carry the tag.
    count: usize,
}

pub fn tag_page_jobs<'a>(
    site: &'a Site,
    renderer: &Renderer,
    shared: &'a SharedValues,
    diags: &mut Diagnostics,
) -> Vec<Job<'a>> {
    let templates = renderer.templates();
    let config = &site.config;
    let used = config
        .languages
        .iter()
        .any(|l| !site.tags.terms(&l.code).is_empty());
    if !used {
        return Vec::new();
    }
    let missing: Vec<&str> = [LIST_TEMPLATE, TERM_TEMPLATE]
        .into_iter()
        .filter(|t| !templates.has(t) && !templates.is_broken(t))
        .collect();
    if !missing.is_empty() {
        diags.push(
            Diagnostic::warning(format!(
                "pages have tags, but the theme has no {}: tag pages are not built",
                missing.join(" or ")
            ))
            .help("add the templates, or remove the tags from the front matter"),
        );
        return Vec::new();
    }

    // The tag list exists in every language that has tags.
    let lists: Vec<(&str, String)> = config
        .languages
        .iter()
        .filter(|l| !site.tags.terms(&l.code).is_empty())
        .map(|l| {
            (
                l.code.as_str(),
                format!("{}{}/", config.language_root(&l.code), l.tags_path),
            )
        })
        .collect();

    let mut jobs = Vec::new();
    for (lang, path) in lists.iter().cloned() {
        let terms = site.tags.terms(lang);
        let title = config.language(lang).map_or("", |l| l.title.as_str());
        let versions: Vec<Translation> = lists
            .iter()
            .map(|(l, p)| Translation::of(config, l, title, p, *l == lang))
            .collect();
        let views: Vec<TermView> = terms.iter().map(|t| term_view(site, t)).collect();
        let mut inputs = renderer.inputs(LIST_TEMPLATE);
        shared.fingerprint_common(&mut inputs, site, lang, &path, &versions);
        inputs.add_serialized(&views);
        let output = path.clone();
        jobs.push(job(
            renderer,
            LIST_TEMPLATE,
            inputs.finish(),
            &output,
            move || {
                let mut context = shared.context(site, lang, &path, &versions);
                context.insert("terms", &views);
                context
            },
        ));

        for term in terms {
            let versions = term_versions(site, term);
            let view = term_view(site, term);
            let mut inputs = renderer.inputs(TERM_TEMPLATE);
            shared.fingerprint_common(&mut inputs, site, lang, &term.path, &versions);
            inputs
                .add_serialized(&view)
                .add(shared.list_fingerprint(&term.pages));
            jobs.push(job(
                renderer,
                TERM_TEMPLATE,
                inputs.finish(),
                &term.path,
                move || {
                    let mut context = shared.context(site, lang, &term.path, &versions);
                    let mut value = tera::Value::from_serializable(&view)
                        .into_map()
                        .unwrap_or_default();
                    value.insert("pages".into(), shared.list(&term.pages));
                    context.insert_value("term", tera::Value::from(value));
                    context
                },
            ));
        }
    }
    jobs
}

fn term_view<'a>(site: &Site, term: &'a Term) -> TermView<'a> {
    TermView {
        name: &term.name,
        slug: &term.slug,
        url: site.config.url(&term.path),
        permalink: site.config.permalink(&term.path),
        count: term.pages.len(),
    }
}

/// A tag page and the matching tag pages of the other languages.
fn term_versions<'a>(site: &'a Site, term: &'a Term) -> Vec<Translation<'a>> {
    let config = &site.config;
    let mut versions = vec![Translation::of(
        config, &term.lang, &term.name, &term.path, true,
    )];
    for (lang, index) in &term.translations {
        if let Some(other) = site.tags.terms(lang).get(*index) {
            versions.push(Translation::of(
                config,
                &other.lang,
                &other.name,
                &other.path,
                false,
            ));
        }
    }
    let order = |lang: &str| config.languages.iter().position(|l| l.code == lang);
    versions.sort_by_key(|t| order(t.lang));
    versions
}

fn job<'a>(
    renderer: &Renderer,
    template: &str,
    inputs: u64,
    path: &str,
    context: impl FnOnce() -> tera::Context + Send + 'a,
) -> Job<'a> {
    let origin = renderer
        .templates()
        .file(template)
        .unwrap_or(std::path::Path::new(template));
    Job {
        template: template.to_owned(),
        inputs,
        full_inputs: None,
        context: Box::new(context),
        path: index_path(path),
        origin: origin.to_path_buf(),
        page: None,
    }
}
