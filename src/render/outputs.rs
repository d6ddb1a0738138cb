//! Every file the render step makes, as data.
//!
//! Rendering first lists the site's outputs ([`list`]): each an [`Output`],
//! a small owned value naming what the file is — a content page (or one
//! page of a paginated section), a tag list, a tag, the language chooser, a
//! 404 page, a feed, the sitemap, robots.txt, a redirect from an old URL.
//! Everything else about an output follows from that value in one place,
//! [`Output::describe`]: the file it writes, and its [`Recipe`] — a
//! template with its context as [`Parts`] (from which the render cache's
//! fingerprint, the tera context and the pages it reads are all derived,
//! see [`super::context`]), or, for files made without a template, the
//! fingerprint of what they are made from and the function that makes them
//! — and, derived from the recipe, the pages whose HTML the output shows
//! ([`Description::html_shown`]), by which `praxis build` lets go of each
//! page's HTML once the last output showing it is made. Each kind is
//! described by a function of its own, which must say all of this to
//! compile.
//! Being plain data, the list outlives the build: `praxis serve` keeps it
//! and, after an edit, describes again only the outputs that read what
//! changed ([`super::Renderer::update`]).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::cache::{Deferred, combine, fingerprint, fingerprint_data};
use super::context::{Part, Parts, Sources};
use super::pages;
use super::templates::Templates;
use super::views::{self, PageLink, Translation};
use super::{aliases, feeds, redirects, sitemap, untranslated};
use crate::config::{CONFIG_FILE, LangId};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Listing, NodeKind, PageId, Shift, Site, Term};
use crate::output::{OutputFile, index_file};

pub const LANGUAGE_CHOOSER: &str = "language_chooser.html";
pub const NOT_FOUND: &str = "404.html";
pub const TAG_LIST: &str = "taxonomy_list.html";
pub const TAG: &str = "taxonomy_single.html";
pub const SEARCH: &str = "search.html";

/// What one file of the site is. A language is named by its [`LangId`]; a
/// tag by its slug, so that a tag added or removed after an edit leaves
/// every other output as it was.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Output {
    /// A content page, section or home page in one language; a paginated
    /// section is one output per page of its list (`pager`, from 0).
    Page {
        page: PageId,
        pager: Option<usize>,
    },
    /// The tags of a language.
    TagList {
        lang: LangId,
    },
    /// The pages carrying one tag.
    Tag {
        lang: LangId,
        slug: String,
    },
    /// The root page that lets a visitor choose a language.
    LanguageChooser,
    /// A language's 404 page; `None` for `/404.html`, which answers bad
    /// URLs outside every language's folder.
    NotFound {
        lang: Option<LangId>,
    },
    /// A language's search page, when `[search]` is on.
    Search {
        lang: LangId,
    },
    /// A language's Atom feed.
    Feed {
        lang: LangId,
    },
    Sitemap,
    Robots,
    /// A redirect from one of a page's old URLs (`aliases`, by index).
    Alias {
        page: PageId,
        alias: usize,
    },
    /// A redirect of site.toml's `[[redirects]]` (by index), with where
    /// it leads.
    Redirect {
        index: usize,
        to: redirects::To,
    },
    /// The page saying, in language `lang`, that `page`'s node is not
    /// written in it, and offering the versions that are
    /// ([`untranslated`]).
    Untranslated {
        page: PageId,
        lang: LangId,
    },
}

impl Output {
    /// This output once the pages were renumbered by `pages` (a page
    /// joined or left the site); `None` for an output of the page removed.
    pub(crate) fn shifted(&self, pages: Shift<PageId>) -> Option<Output> {
        Some(match self {
            Output::Page { page, pager } => Output::Page {
                page: pages.apply(*page)?,
                pager: *pager,
            },
            Output::Alias { page, alias } => Output::Alias {
                page: pages.apply(*page)?,
                alias: *alias,
            },
            Output::Untranslated { page, lang } => Output::Untranslated {
                page: pages.apply(*page)?,
                lang: *lang,
            },
            Output::Redirect {
                index,
                to: redirects::To::Page(page),
            } => Output::Redirect {
                index: *index,
                to: redirects::To::Page(pages.apply(*page)?),
            },
            other => other.clone(),
        })
    }
}

/// An output with everything needed to make it or recognise it unchanged.
pub(crate) struct Description<'a> {
    /// The file written: `nl/artikels/mentorschap/index.html`.
    pub file: String,
    /// What produced the file, for messages about it.
    pub origin: PathBuf,
    pub recipe: Recipe<'a>,
    /// The listings the output shows: when an edit changes one, the output
    /// is looked at again, whichever pages it showed before.
    pub listings: Vec<Listing>,
}

/// How an output is made.
pub(crate) enum Recipe<'a> {
    /// Through a template.
    Template {
        template: &'a str,
        /// The content file being rendered, for template errors.
        page: Option<PathBuf>,
        parts: Parts<'a>,
    },
    /// Without one: `inputs` fingerprints everything `make` reads (made
    /// only if asked for: [`super::cache::RenderCache::fingerprints_made`]),
    /// and `reads` names the pages whose summary or text that includes;
    /// `html_shown`, those whose HTML `make` shows (a feed's articles).
    Derived {
        inputs: Deferred<'a>,
        reads: Vec<PageId>,
        html_shown: Vec<PageId>,
        make: Box<dyn FnOnce() -> String + Send + 'a>,
    },
}

impl Description<'_> {
    /// The pages whose view, summary or text this output reads: when one
    /// of them changes, the output must be looked at again.
    pub fn pages_read(&self, from: Sources) -> Vec<PageId> {
        match &self.recipe {
            Recipe::Template { parts, .. } => parts.pages_read(from),
            Recipe::Derived { reads, .. } => reads.clone(),
        }
    }

    /// The pages whose HTML this output shows: in `praxis build`, a page's
    /// HTML is let go of once every output that shows it is made.
    pub fn html_shown(&self) -> Vec<PageId> {
        match &self.recipe {
            Recipe::Template { parts, .. } => parts.html_shown(),
            Recipe::Derived { html_shown, .. } => html_shown.clone(),
        }
    }
}

/// `search` in `search.html`.
#[derive(Serialize)]
struct SearchView<'a> {
    /// The language's Pagefind bundle, to import `pagefind.js` from.
    bundle_url: String,
    /// The language's sections (the article list), for the page without
    /// JavaScript.
    sections: Vec<PageLink<'a>>,
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

impl Output {
    /// Whether this output never shows a page's HTML, whatever the site
    /// (its description's `html_shown` is always empty): what is not
    /// described to find out. Debug builds check it against the
    /// description ([`super::Renderer`]'s `html_shown`).
    pub fn shows_no_html(&self) -> bool {
        matches!(
            self,
            Output::Sitemap | Output::Robots | Output::Alias { .. } | Output::Redirect { .. }
        )
    }

    /// The file and the recipe of this output: one function per kind,
    /// each saying everything about its kind (a kind added to [`Output`]
    /// is not described until it has one).
    pub fn describe<'a>(&self, from: Sources<'a>, templates: &Templates) -> Description<'a> {
        match *self {
            Output::Page { page, pager } => describe_page(from, page, pager),
            Output::TagList { lang } => describe_tag_list(from, templates, lang),
            Output::Tag { lang, ref slug } => describe_tag(from, templates, lang, slug),
            Output::LanguageChooser => describe_language_chooser(from, templates),
            Output::NotFound { lang } => describe_not_found(from, templates, lang),
            Output::Search { lang } => describe_search(from, templates, lang),
            Output::Feed { lang } => describe_feed(from, lang),
            Output::Sitemap => describe_sitemap(from),
            Output::Robots => describe_robots(from),
            Output::Alias { page, alias } => describe_alias(from, page, alias),
            Output::Redirect { index, ref to } => describe_redirect(from, index, to),
            Output::Untranslated { page, lang } => {
                describe_untranslated(from, templates, page, lang)
            }
        }
    }
}

/// The file a theme template comes from, for messages about its output.
fn origin_of(templates: &Templates, template: &str) -> PathBuf {
    templates
        .file(template)
        .unwrap_or(Path::new(template))
        .to_path_buf()
}

/// A content page (or one page of a paginated section's list).
fn describe_page(from: Sources<'_>, id: PageId, pager: Option<usize>) -> Description<'_> {
    let site = from.site;
    let page = &site.pages[id];
    let listings = match site.nodes[page.node].kind {
        NodeKind::Page => Vec::new(),
        NodeKind::Home | NodeKind::Section => vec![Listing::Section {
            node: page.node,
            lang: page.lang.clone(),
        }],
    };
    let mut parts = Parts::common_for_page(from, id);
    parts.add(pages::view_name(site, id), pages::view_part(site, id));
    let pager = pager.and_then(|k| pages::pager(site, id, k));
    if let Some(pager) = &pager {
        parts.add(
            "paginator",
            Part::data_with_pages(pager.view.clone(), pager.pages),
        );
    }
    Description {
        file: index_file(pager.as_ref().map_or(&page.path, |p| &p.path)),
        origin: page.source.clone(),
        recipe: Recipe::Template {
            template: pages::template_of(site, id),
            page: Some(page.source.clone()),
            parts,
        },
        listings,
    }
}

/// The tags of a language, with the tag lists of the other languages
/// that have tags as its versions.
fn describe_tag_list<'a>(
    from: Sources<'a>,
    templates: &Templates,
    lang: LangId,
) -> Description<'a> {
    let site = from.site;
    let config = &site.config;
    let language = config.language_at(lang);
    let (lang, title) = (language.code.as_str(), language.title.as_str());
    let path = config.tag_list_path(lang);
    let versions = config
        .languages
        .iter()
        .filter(|l| !site.tags.terms(&l.code).is_empty())
        .map(|l| {
            let path = config.tag_list_path(&l.code);
            Translation::of(config, &l.code, title, &path, l.code == *lang)
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
        file: index_file(&path),
        origin: origin_of(templates, TAG_LIST),
        recipe: Recipe::Template {
            template: TAG_LIST,
            page: None,
            parts,
        },
        listings: vec![Listing::Tags { lang: lang.into() }],
    }
}

/// The pages carrying one tag.
fn describe_tag<'a>(
    from: Sources<'a>,
    templates: &Templates,
    lang: LangId,
    slug: &str,
) -> Description<'a> {
    let site = from.site;
    let terms = site.tags.terms(&site.config.language_at(lang).code);
    // The list holds the tags the model has (see `list`).
    let term = terms
        .binary_search_by(|t| t.slug.as_str().cmp(slug))
        .map(|i| &terms[i])
        .expect("a tag output names a tag of the model");
    let mut parts = Parts::common(from, &term.lang, &term.path, term_versions(site, term));
    parts.add(
        "term",
        Part::data_with_pages(term_view(site, term), &term.pages),
    );
    Description {
        file: index_file(&term.path),
        origin: origin_of(templates, TAG),
        recipe: Recipe::Template {
            template: TAG,
            page: None,
            parts,
        },
        listings: vec![Listing::Tag {
            lang: term.lang.clone(),
            slug: term.slug.clone(),
        }],
    }
}

/// The root page, leading to each language's home page.
fn describe_language_chooser<'a>(from: Sources<'a>, templates: &Templates) -> Description<'a> {
    let config = &from.site.config;
    let homes = config
        .languages
        .iter()
        .map(|l| Translation::home(config, l))
        .collect();
    Description {
        file: "index.html".into(),
        origin: origin_of(templates, LANGUAGE_CHOOSER),
        recipe: Recipe::Template {
            template: LANGUAGE_CHOOSER,
            page: None,
            parts: Parts::common(from, &config.default_language, "/", homes),
        },
        listings: Vec::new(),
    }
}

/// A language's 404 page, or (`lang` `None`) the one at `/404.html`.
fn describe_not_found<'a>(
    from: Sources<'a>,
    templates: &Templates,
    lang: Option<LangId>,
) -> Description<'a> {
    let config = &from.site.config;
    let lang = lang.map(|l| config.language_at(l).code.as_str());
    let path_of = |lang: &str| format!("{}404.html", config.language_root(lang));
    // Every language's 404 page exists: each one's switcher leads to the
    // others, never to a home page "not yet translated". At `/404.html` no
    // version is current, so that the theme can speak every language.
    let versions = config
        .languages
        .iter()
        .map(|l| {
            let current = lang == Some(l.code.as_str());
            Translation::of(config, &l.code, &l.title, &path_of(&l.code), current)
        })
        .collect();
    let path = lang.map_or_else(|| "/404.html".to_owned(), path_of);
    let shown_in = lang.unwrap_or(&config.default_language);
    Description {
        file: path.trim_start_matches('/').to_owned(),
        origin: origin_of(templates, NOT_FOUND),
        recipe: Recipe::Template {
            template: NOT_FOUND,
            page: None,
            parts: Parts::common(from, shown_in, &path, versions),
        },
        listings: Vec::new(),
    }
}

/// A language's search page, with its sections for the page without
/// JavaScript.
fn describe_search<'a>(from: Sources<'a>, templates: &Templates, lang: LangId) -> Description<'a> {
    let site = from.site;
    let config = &site.config;
    let lang = config.language_at(lang).code.as_str();
    let path = crate::search::page_path(config, lang);
    let versions = config
        .languages
        .iter()
        .map(|l| {
            let path = crate::search::page_path(config, &l.code);
            Translation::of(config, &l.code, &l.title, &path, l.code == *lang)
        })
        .collect();
    let section_ids: Vec<PageId> = site
        .pages
        .ids()
        .filter(|&p| {
            let page = &site.pages[p];
            page.lang == *lang && site.nodes[page.node].kind == NodeKind::Section
        })
        .collect();
    let sections = section_ids
        .iter()
        .map(|&p| PageLink {
            title: &site.pages[p].title,
            url: config.url(&site.pages[p].path),
        })
        .collect();
    let view = SearchView {
        bundle_url: config.url(&crate::search::bundle_path(config, lang)),
        sections,
    };
    let mut parts = Parts::common(from, lang, &path, versions);
    // The sections' titles are shown: their summaries are read (and given
    // as `search.pages`).
    parts.add("search", Part::data_with_pages(view, section_ids));
    // A search page has no text of its own to be found by: it is kept out
    // of search engines (Google asks the same of a site's search results),
    // and so out of the sitemap, which lists what is there to index.
    parts.add("noindex", Part::data(true));
    Description {
        file: index_file(&path),
        origin: origin_of(templates, SEARCH),
        recipe: Recipe::Template {
            template: SEARCH,
            page: None,
            parts,
        },
        listings: Vec::new(),
    }
}

/// A language's Atom feed, which shows its articles' HTML in full.
fn describe_feed(from: Sources<'_>, lang: LangId) -> Description<'_> {
    let site = from.site;
    let lang = site.config.language_at(lang).code.as_str();
    let articles = feeds::articles(site, lang);
    let fingerprinted = articles.clone();
    let inputs = Deferred::new(move || {
        let each_article = fingerprinted.iter().flat_map(|&p| {
            [
                from.shared.summaries[p].1,
                from.converted[p].generation,
                fingerprint(&feeds::entry_extras(site, p)),
            ]
        });
        combine(std::iter::once(from.shared.site_fingerprint(lang)).chain(each_article))
    });
    Description {
        file: feeds::path(site, lang),
        origin: CONFIG_FILE.into(),
        recipe: Recipe::Derived {
            inputs,
            reads: articles.clone(),
            html_shown: articles.clone(),
            make: Box::new(move || feeds::feed(site, |id| from.content(id), lang, &articles)),
        },
        listings: vec![Listing::Feed { lang: lang.into() }],
    }
}

/// `sitemap.xml`: every page's permalink.
fn describe_sitemap(from: Sources<'_>) -> Description<'_> {
    let site = from.site;
    let entries = std::sync::Arc::new(sitemap::entries(site));
    let fingerprinted = std::sync::Arc::clone(&entries);
    let inputs = Deferred::new(move || {
        combine([
            fingerprint_data(&*fingerprinted),
            fingerprint(&site.config.permalink("/")),
        ])
    });
    Description {
        file: "sitemap.xml".into(),
        origin: CONFIG_FILE.into(),
        recipe: Recipe::Derived {
            inputs,
            reads: Vec::new(),
            html_shown: Vec::new(),
            make: Box::new(move || sitemap::sitemap(site, &entries)),
        },
        listings: vec![Listing::Sitemap],
    }
}

/// `robots.txt`.
fn describe_robots(from: Sources<'_>) -> Description<'_> {
    let robots = sitemap::robots(from.site);
    Description {
        file: "robots.txt".into(),
        origin: CONFIG_FILE.into(),
        recipe: Recipe::Derived {
            inputs: Deferred::known(fingerprint(&robots)),
            reads: Vec::new(),
            html_shown: Vec::new(),
            make: Box::new(move || robots),
        },
        listings: Vec::new(),
    }
}

/// A redirect from one of a page's old URLs to the page: in the page's
/// language, titled as the page is, with the site's icon.
fn describe_alias(from: Sources<'_>, page: PageId, alias: usize) -> Description<'_> {
    let site = from.site;
    let source = &site.pages[page];
    let config = &site.config;
    let site_title = config
        .language(&source.lang)
        .map_or("", |l| l.title.as_str());
    let stub = aliases::Stub {
        lang: source.lang.clone(),
        title: format!("{} · {site_title}", source.title()),
        target: config.permalink(&source.path),
        icon: from
            .icon
            .map(|(name, kind)| (config.url(&format!("/{name}")), kind)),
    };
    Description {
        file: aliases::alias_path(&source.front_matter.aliases[alias]).unwrap_or_default(),
        origin: source.source.clone(),
        recipe: Recipe::Derived {
            inputs: Deferred::known(fingerprint_data(&stub)),
            // It leads to the page's URL, and shows its title.
            reads: vec![page],
            html_shown: Vec::new(),
            make: Box::new(move || aliases::redirect_page(&stub)),
        },
        listings: Vec::new(),
    }
}

/// A redirect of `[[redirects]]` to a page or a tag's page: in its
/// language, titled as it is, with the site's icon — as an alias's.
fn describe_redirect<'a>(from: Sources<'a>, index: usize, to: &redirects::To) -> Description<'a> {
    let site = from.site;
    let config = &site.config;
    let redirect = &config.redirects[index];
    let (lang, title, path, reads, listings) = match to {
        redirects::To::Page(page) => {
            let page = *page;
            let target = &site.pages[page];
            (
                target.lang.clone(),
                target.title().to_owned(),
                target.path.clone(),
                vec![page],
                Vec::new(),
            )
        }
        redirects::To::Tag { lang, slug } => {
            let code = config.language_at(*lang).code.clone();
            let name = site
                .tags
                .terms(&code)
                .iter()
                .find(|t| t.slug == *slug)
                .map_or_else(|| slug.clone(), |t| t.name.clone());
            let path = config.tag_path(&code, slug);
            let listing = Listing::Tag {
                lang: code.clone(),
                slug: slug.clone(),
            };
            (code, name, path, Vec::new(), vec![listing])
        }
    };
    let site_title = config.language(&lang).map_or("", |l| l.title.as_str());
    let stub = aliases::Stub {
        title: format!("{title} · {site_title}"),
        lang,
        target: config.permalink(&path),
        icon: from
            .icon
            .map(|(name, kind)| (config.url(&format!("/{name}")), kind)),
    };
    Description {
        file: aliases::alias_path(&redirect.from).unwrap_or_default(),
        origin: CONFIG_FILE.into(),
        recipe: Recipe::Derived {
            inputs: Deferred::known(fingerprint_data(&stub)),
            reads,
            html_shown: Vec::new(),
            make: Box::new(move || aliases::redirect_page(&stub)),
        },
        listings,
    }
}

/// `untranslated` in `untranslated.html`: which node the notice stands
/// for; its versions are `untranslated.pages`.
#[derive(Serialize)]
struct UntranslatedView<'a> {
    key: &'a str,
}

/// The page saying, in `lang`, that `page`'s node is not written in it.
fn describe_untranslated<'a>(
    from: Sources<'a>,
    templates: &Templates,
    page: PageId,
    lang: LangId,
) -> Description<'a> {
    let site = from.site;
    let config = &site.config;
    let code = config.language_at(lang).code.as_str();
    let path = untranslated::path(site, page, code);
    let node = &site.nodes[site.pages[page].node];
    // The versions that exist, none of them this page, and this page.
    let mut versions: Vec<Translation> = views::page_translations(site, page)
        .into_iter()
        .map(|v| Translation {
            current: false,
            ..v
        })
        .collect();
    versions.push(Translation {
        exists: false,
        notice: true,
        ..Translation::of(config, code, site.pages[page].title(), &path, true)
    });
    versions.sort_by_key(|t| config.language_id(t.lang));
    let mut parts = Parts::common(from, code, &path, versions);
    parts.add(
        "untranslated",
        Part::data_with_pages(UntranslatedView { key: &node.key }, node.pages.as_slice()),
    );
    Description {
        file: index_file(&path),
        origin: origin_of(templates, untranslated::TEMPLATE),
        recipe: Recipe::Template {
            template: untranslated::TEMPLATE,
            page: None,
            parts,
        },
        listings: Vec::new(),
    }
}

/// Every output of the site that a template renders, checking on the way
/// that the templates they need exist.
pub(crate) fn list(
    site: &Site,
    templates: &Templates,
    static_files: &[OutputFile],
    diags: &mut Diagnostics,
) -> Vec<Output> {
    let mut outputs = page_outputs(site, templates, diags);
    outputs.extend(tag_outputs(site, templates, diags));
    outputs.extend(language_chooser(site, templates, diags));
    outputs.extend(not_found_pages(site, templates, diags));
    outputs.extend(search_pages(site, templates, diags));
    outputs.extend(site.config.language_ids().map(|lang| Output::Feed { lang }));
    // The site's own sitemap.xml or robots.txt in static/ wins.
    let provided = |name: &str| static_files.iter().any(|f| f.path == name);
    if !provided("sitemap.xml") {
        outputs.push(Output::Sitemap);
    }
    if !provided("robots.txt") {
        outputs.push(Output::Robots);
    }
    // In each language a page is missing in, a page that says so.
    if templates.has(untranslated::TEMPLATE) {
        outputs.extend(
            untranslated::list(site, diags)
                .into_iter()
                .map(|(page, lang)| Output::Untranslated { page, lang }),
        );
    }
    // A redirect at each old URL, which sends the visitor to the page.
    outputs.extend(
        aliases::list(site)
            .into_iter()
            .map(|(page, alias)| Output::Alias { page, alias }),
    );
    // And at each old address of `[[redirects]]`, to its page or tag.
    outputs.extend(
        redirects::list(site, diags)
            .into_iter()
            .map(|(index, to)| Output::Redirect { index, to }),
    );
    outputs
}

/// A search page per language, when `[search]` is on.
fn search_pages(site: &Site, templates: &Templates, diags: &mut Diagnostics) -> Vec<Output> {
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
        .language_ids()
        .map(|lang| Output::Search { lang })
        .collect()
}

/// An output per page (per page of its list for a paginated section),
/// leaving out pages whose template is missing (an error) or broken
/// (reported already).
fn page_outputs(site: &Site, templates: &Templates, diags: &mut Diagnostics) -> Vec<Output> {
    let mut outputs = Vec::with_capacity(site.pages.len());
    for (id, page) in site.pages.iter_enumerated() {
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
        // A section with `paginate_by` is one output per chunk of its pages.
        match pages::pager_count(site, id) {
            None => outputs.push(Output::Page {
                page: id,
                pager: None,
            }),
            Some(count) => outputs.extend((0..count).map(|k| Output::Page {
                page: id,
                pager: Some(k),
            })),
        }
    }
    outputs
}

fn tag_outputs(site: &Site, templates: &Templates, diags: &mut Diagnostics) -> Vec<Output> {
    let config = &site.config;
    let languages: Vec<LangId> = config
        .language_ids()
        .filter(|&l| !site.tags.terms(&config.language_at(l).code).is_empty())
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
        outputs.extend(tag_pages(site, lang));
    }
    outputs
}

/// A page per tag of language `lang`.
pub(crate) fn tag_pages(site: &Site, lang: LangId) -> impl Iterator<Item = Output> + '_ {
    site.tags
        .terms(&site.config.language_at(lang).code)
        .iter()
        .map(move |t| Output::Tag {
            lang,
            slug: t.slug.clone(),
        })
}

/// The root `index.html`, unless the default language lives at the root.
fn language_chooser(site: &Site, templates: &Templates, diags: &mut Diagnostics) -> Option<Output> {
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
fn not_found_pages(site: &Site, templates: &Templates, diags: &mut Diagnostics) -> Vec<Output> {
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
        .language_ids()
        .map(|l| Output::NotFound { lang: Some(l) })
        .collect();
    if config.language_root(&config.default_language) != "/" {
        outputs.push(Output::NotFound { lang: None });
    }
    outputs
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
    versions.sort_by_key(|t| config.language_id(t.lang));
    versions
}
