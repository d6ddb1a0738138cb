//! Every file a template renders, as data.
//!
//! Rendering first lists the site's outputs ([`list`]): each an [`Output`],
//! a small value naming what the file is — a content page (or one page of
//! a paginated section), a tag list, a tag, the language chooser, a 404
//! page. Everything else about an output follows from that value in one
//! place, [`Output::describe`]: its template, the file it writes, and its
//! context as [`Parts`], from which the render cache's fingerprint and the
//! tera context are both derived (see [`super::context`]).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::context::{Part, Parts, Sources};
use super::index_path;
use super::pages::{self, Pager};
use super::templates::Templates;
use super::views::Translation;
use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{NodeKind, PageId, Site, Term};

pub const LANGUAGE_CHOOSER: &str = "language_chooser.html";
pub const NOT_FOUND: &str = "404.html";
pub const TAG_LIST: &str = "taxonomy_list.html";
pub const TAG: &str = "taxonomy_single.html";
pub const SEARCH: &str = "search.html";

/// What one rendered file of the site is.
pub(crate) enum Output<'a> {
    /// A content page, section or home page in one language; a paginated
    /// section is one output per page of its list.
    Page {
        page: PageId,
        pager: Option<Pager<'a>>,
    },
    /// The tags of a language.
    TagList { lang: &'a str },
    /// The pages carrying one tag.
    Tag { term: &'a Term },
    /// The root page that lets a visitor choose a language.
    LanguageChooser,
    /// A language's 404 page; `None` for `/404.html`, which answers bad
    /// URLs outside every language's folder.
    NotFound { lang: Option<&'a str> },
    /// A language's search page, when `[search]` is on.
    Search { lang: &'a str },
}

/// An output with everything needed to render it or recognise it unchanged.
pub(crate) struct Description<'a> {
    pub template: &'a str,
    /// The file written: `nl/artikels/mentorschap/index.html`.
    pub file: String,
    /// What produced the file, for messages about it.
    pub origin: PathBuf,
    /// The content file being rendered, for template errors.
    pub page: Option<PathBuf>,
    pub parts: Parts<'a>,
}

/// `search` in `search.html`.
#[derive(Serialize)]
struct SearchView<'a> {
    /// The language's Pagefind bundle, to import `pagefind.js` from.
    bundle_url: String,
    /// The language's sections (the article list), for the page without
    /// JavaScript.
    sections: Vec<super::views::PageLink<'a>>,
}

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

impl<'a> Output<'a> {
    /// The template, the file and the context of this output.
    pub fn describe(&self, from: Sources<'a>, templates: &Templates) -> Description<'a> {
        let site = from.site;
        let config = &site.config;
        let origin_of = |template: &str| {
            templates
                .file(template)
                .unwrap_or(Path::new(template))
                .to_path_buf()
        };
        match self {
            Output::Page { page, pager } => {
                let id = *page;
                let page = &site.pages[id];
                let template = pages::template_of(site, id);
                let mut parts = Parts::common_for_page(from, id);
                parts.add(pages::view_name(site, id), pages::view_part(site, id));
                if let Some(pager) = pager {
                    parts.add(
                        "paginator",
                        Part::data_with_pages(pager.view.clone(), pager.pages),
                    );
                }
                Description {
                    template,
                    file: index_path(pager.as_ref().map_or(&page.path, |p| &p.path)),
                    origin: page.source.clone(),
                    page: Some(page.source.clone()),
                    parts,
                }
            }
            Output::TagList { lang } => {
                let path = tag_list_path(site, lang);
                let title = config.language(lang).map_or("", |l| l.title.as_str());
                let versions = config
                    .languages
                    .iter()
                    .filter(|l| !site.tags.terms(&l.code).is_empty())
                    .map(|l| {
                        Translation::of(
                            config,
                            &l.code,
                            title,
                            &tag_list_path(site, &l.code),
                            l.code == *lang,
                        )
                    })
                    .collect();
                let terms: Vec<TermView> = site
                    .tags
                    .terms(lang)
                    .iter()
                    .map(|t| term_view(site, t))
                    .collect();
                let mut parts = Parts::common(from, lang, &path, versions);
                parts.add("terms", Part::data(terms));
                Description {
                    template: TAG_LIST,
                    file: index_path(&path),
                    origin: origin_of(TAG_LIST),
                    page: None,
                    parts,
                }
            }
            Output::Tag { term } => {
                let mut parts =
                    Parts::common(from, &term.lang, &term.path, term_versions(site, term));
                parts.add(
                    "term",
                    Part::data_with_pages(term_view(site, term), &term.pages),
                );
                Description {
                    template: TAG,
                    file: index_path(&term.path),
                    origin: origin_of(TAG),
                    page: None,
                    parts,
                }
            }
            Output::LanguageChooser => {
                let homes = config
                    .languages
                    .iter()
                    .map(|l| Translation::home(config, l))
                    .collect();
                Description {
                    template: LANGUAGE_CHOOSER,
                    file: "index.html".into(),
                    origin: origin_of(LANGUAGE_CHOOSER),
                    page: None,
                    parts: Parts::common(from, &config.default_language, "/", homes),
                }
            }
            Output::NotFound { lang } => {
                let path_of = |lang: &str| format!("{}404.html", config.language_root(lang));
                // Every language's 404 page exists: each one's switcher
                // leads to the others, never to a home page "not yet
                // translated". At `/404.html` no version is current, so
                // that the theme can speak every language.
                let versions = config
                    .languages
                    .iter()
                    .map(|l| {
                        Translation::of(
                            config,
                            &l.code,
                            &l.title,
                            &path_of(&l.code),
                            *lang == Some(l.code.as_str()),
                        )
                    })
                    .collect();
                let path = lang.map_or_else(|| "/404.html".to_owned(), path_of);
                let shown_in = lang.unwrap_or(&config.default_language);
                Description {
                    template: NOT_FOUND,
                    file: path.trim_start_matches('/').to_owned(),
                    origin: origin_of(NOT_FOUND),
                    page: None,
                    parts: Parts::common(from, shown_in, &path, versions),
                }
            }
            Output::Search { lang } => {
                let path = crate::search::page_path(config, lang);
                let versions = config
                    .languages
                    .iter()
                    .map(|l| {
                        let path = crate::search::page_path(config, &l.code);
                        Translation::of(config, &l.code, &l.title, &path, l.code == *lang)
                    })
                    .collect();
                let sections = site
                    .pages
                    .iter()
                    .filter(|p| p.lang == *lang && site.nodes[p.node].kind == NodeKind::Section)
                    .map(|p| super::views::PageLink {
                        title: &p.title,
                        url: config.url(&p.path),
                    })
                    .collect();
                let view = SearchView {
                    bundle_url: config.url(&crate::search::bundle_path(config, lang)),
                    sections,
                };
                let mut parts = Parts::common(from, lang, &path, versions);
                parts.add("search", Part::data(view));
                Description {
                    template: SEARCH,
                    file: index_path(&path),
                    origin: origin_of(SEARCH),
                    page: None,
                    parts,
                }
            }
        }
    }
}

/// Every output of the site that a template renders, checking on the way
/// that the templates they need exist.
pub(crate) fn list<'a>(
    site: &'a Site,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Vec<Output<'a>> {
    let mut outputs = page_outputs(site, templates, diags);
    outputs.extend(tag_outputs(site, templates, diags));
    outputs.extend(language_chooser(site, templates, diags));
    outputs.extend(not_found_pages(site, templates, diags));
    outputs.extend(search_pages(site, templates, diags));
    outputs
}

/// A search page per language, when `[search]` is on.
fn search_pages<'a>(
    site: &'a Site,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Vec<Output<'a>> {
    if !site.config.search.enabled || templates.is_broken(SEARCH) {
        return Vec::new();
    }
    if !templates.has(SEARCH) {
        diags.push(
            Diagnostic::warning(format!(
                "[search] is on, but the theme has no {SEARCH}: the index is built, no page searches it"
            ))
            .in_file(CONFIG_FILE)
            .help(format!("add templates/{SEARCH}, or turn the search off")),
        );
        return Vec::new();
    }
    site.config
        .languages
        .iter()
        .map(|l| Output::Search { lang: &l.code })
        .collect()
}

/// An output per page (per page of its list for a paginated section),
/// leaving out pages whose template is missing (an error) or broken
/// (reported already).
fn page_outputs<'a>(
    site: &'a Site,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Vec<Output<'a>> {
    let mut outputs = Vec::with_capacity(site.pages.len());
    for (id, page) in site.pages.iter().enumerate() {
        let template = pages::template_of(site, id);
        if templates.is_broken(template) {
            continue;
        }
        if !templates.has(template) {
            let help = if page.front_matter.template.is_some() {
                format!("create templates/{template}, or remove `template` from the front matter")
            } else {
                format!("the theme must provide {template}; add it to the theme or to templates/")
            };
            diags.push(
                Diagnostic::error(format!("template `{template}` not found"))
                    .in_file(&page.source)
                    .help(help),
            );
            continue;
        }
        let listed = match site.nodes[page.node].kind {
            NodeKind::Page => None,
            NodeKind::Home | NodeKind::Section => Some(site.section_pages(page.node, &page.lang)),
        };
        // A section with `paginate_by` is one output per chunk of its pages.
        outputs.extend(
            pages::paginate(site, id, listed)
                .into_iter()
                .map(|pager| Output::Page { page: id, pager }),
        );
    }
    outputs
}

fn tag_outputs<'a>(
    site: &'a Site,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Vec<Output<'a>> {
    let languages: Vec<&str> = site
        .config
        .languages
        .iter()
        .filter(|l| !site.tags.terms(&l.code).is_empty())
        .map(|l| l.code.as_str())
        .collect();
    if languages.is_empty() {
        return Vec::new();
    }
    let missing: Vec<&str> = [TAG_LIST, TAG]
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
    if [TAG_LIST, TAG].iter().any(|t| templates.is_broken(t)) {
        return Vec::new();
    }
    let mut outputs = Vec::new();
    for lang in languages {
        outputs.push(Output::TagList { lang });
        outputs.extend(
            site.tags
                .terms(lang)
                .iter()
                .map(|term| Output::Tag { term }),
        );
    }
    outputs
}

/// The root `index.html`, unless the default language lives at the root.
fn language_chooser<'a>(
    site: &'a Site,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Option<Output<'a>> {
    if site.config.default_language_at_root {
        return None;
    }
    if !templates.has(LANGUAGE_CHOOSER) {
        if !templates.is_broken(LANGUAGE_CHOOSER) {
            diags.push(
                Diagnostic::error(format!("template `{LANGUAGE_CHOOSER}` not found"))
                    .in_file(CONFIG_FILE)
                    .help(format!(
                        "the theme must provide {LANGUAGE_CHOOSER} for the root page, or set \
                         default_language_at_root = true"
                    )),
            );
        }
        return None;
    }
    Some(Output::LanguageChooser)
}

/// `/<lang>/404.html` in every language, and `/404.html` for hosts that
/// look for it there.
fn not_found_pages<'a>(
    site: &'a Site,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Vec<Output<'a>> {
    if !templates.has(NOT_FOUND) {
        if !templates.is_broken(NOT_FOUND) {
            diags.push(
                Diagnostic::warning(format!(
                    "the theme has no {NOT_FOUND}: visitors who follow a broken link get the server's bare error page"
                ))
                .help(format!("add templates/{NOT_FOUND}")),
            );
        }
        return Vec::new();
    }
    let config = &site.config;
    let mut outputs: Vec<Output> = config
        .languages
        .iter()
        .map(|l| Output::NotFound {
            lang: Some(&l.code),
        })
        .collect();
    if config.language_root(&config.default_language) != "/" {
        outputs.push(Output::NotFound { lang: None });
    }
    outputs
}

fn tag_list_path(site: &Site, lang: &str) -> String {
    let tags_path = site
        .config
        .language(lang)
        .map_or("tags", |l| l.tags_path.as_str());
    format!("{}{tags_path}/", site.config.language_root(lang))
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
