//! A template context as data: named [`Part`]s, from which both the tera
//! context and the fingerprint the render cache compares are computed.
//!
//! Describing a context once, and deriving the two from it, is what keeps
//! the preview from going stale: a piece added to a context is fingerprinted
//! because it is a part, not because someone remembered to hash it too.
//!
//! Each part has two fingerprints. The *quick* one is made from hashes at
//! hand — a page's file, its converted Markdown, the summaries of the pages
//! it shows — so that a rebuild after an edit can tell in microseconds that
//! most outputs did not change. The *full* one serializes the part's whole
//! value. Where the two are made differently (a page's view), the cache
//! checks in debug builds — the test suite — that whenever the quick ones
//! match the full ones do too, for every output of every kind.

use tera::{Context, Value};

use super::cache::{Inputs, fingerprint};
use super::released::ReleasedHtml;
use super::shared::SharedValues;
use super::untranslated;
use super::views::{self, Translation};
use crate::markdown::ConvertedPages;
use crate::model::{PageId, Site};

/// What parts are made from: the model, the converted Markdown and the
/// values shared by every output.
#[derive(Clone, Copy)]
pub(crate) struct Sources<'a> {
    pub site: &'a Site,
    pub converted: &'a ConvertedPages,
    pub shared: &'a SharedValues,
    /// The pages' HTML, when it was taken out of `converted` to be let go
    /// of page by page (`praxis build`).
    pub released: Option<&'a ReleasedHtml>,
    /// The icon the site publishes at its root and its type, for the pages
    /// made without a template (a redirect stub).
    pub icon: Option<(&'static str, &'static str)>,
    /// Whether the theme makes the page that says a page is not written in
    /// a language (`untranslated.html`): a missing version leads there.
    pub notices: bool,
}

impl<'a> Sources<'a> {
    /// Page `id`'s HTML, shared, not copied.
    pub fn content(&self, id: PageId) -> std::sync::Arc<str> {
        match self.released {
            Some(released) => released.get(id),
            None => std::sync::Arc::clone(&self.converted[id].content),
        }
    }

    /// Page `id`'s whole view.
    pub fn page_view(&self, id: PageId) -> views::PageView<'a> {
        views::page_view(self.site, self.converted, id, self.content(id))
    }
}

/// One named piece of a template context.
pub(crate) enum Part<'a> {
    /// `site` as one language sees it.
    Site(&'a str),
    /// A string: `lang`, `current_path`, `current_url`.
    Text(String),
    /// `translations` (the versions that exist) or `versions` (every
    /// language, missing ones leading home).
    Versions(Vec<Translation<'a>>),
    /// A content page's `translations` or (with `every`) `versions`: made
    /// only when rendered, recognised from the summaries of the node's
    /// pages, which hold their titles and URLs.
    PageVersions { page: PageId, every: bool },
    /// `page`: a page's whole view.
    Page(PageId),
    /// `section`: a page's view with the pages and subsections it lists.
    Section {
        page: PageId,
        pages: &'a [PageId],
        subsections: Vec<PageId>,
    },
    /// A value fingerprinted by serializing it (small views: terms, a
    /// paginator) with, optionally, a list of pages put in it as `pages`.
    Data {
        value: Box<dyn ErasedView + 'a>,
        pages: Option<std::borrow::Cow<'a, [PageId]>>,
    },
}

/// A serializable view, type-erased so that any view can be a part.
pub(crate) trait ErasedView: Send + Sync {
    fn fingerprint(&self) -> u64;
    fn value(&self) -> Value;
}

impl<T: serde::Serialize + Send + Sync> ErasedView for T {
    fn fingerprint(&self) -> u64 {
        fingerprint(self)
    }

    fn value(&self) -> Value {
        Value::from_serializable(self)
    }
}

impl<'a> Part<'a> {
    /// A small view as a part.
    pub fn data(value: impl ErasedView + 'a) -> Part<'a> {
        Part::Data {
            value: Box::new(value),
            pages: None,
        }
    }

    /// A small view with a list of pages in it as `pages`.
    pub fn data_with_pages(
        value: impl ErasedView + 'a,
        pages: impl Into<std::borrow::Cow<'a, [PageId]>>,
    ) -> Part<'a> {
        Part::Data {
            value: Box::new(value),
            pages: Some(pages.into()),
        }
    }

    /// Adds the pages whose summary or view this part holds to `out`.
    fn pages_read(&self, from: Sources, out: &mut Vec<PageId>) {
        let site = from.site;
        let view = |id: PageId, out: &mut Vec<PageId>| {
            out.push(id);
            out.extend(ViewPages::of(site, id).each());
        };
        match self {
            Part::Site(_) | Part::Text(_) | Part::Versions(_) => {}
            Part::PageVersions { page, .. } => {
                out.extend(&site.nodes[site.pages[*page].node].pages);
            }
            Part::Page(id) => view(*id, out),
            Part::Section {
                page,
                pages,
                subsections,
            } => {
                view(*page, out);
                out.extend(pages.iter().chain(subsections));
            }
            Part::Data { pages, .. } => out.extend(pages.iter().flat_map(|p| p.iter())),
        }
    }

    /// The page whose HTML this part shows, if any: a page's own view
    /// holds its text, nothing else does.
    fn html_shown(&self) -> Option<PageId> {
        match self {
            Part::Page(id) | Part::Section { page: id, .. } => Some(*id),
            Part::Site(_)
            | Part::Text(_)
            | Part::Versions(_)
            | Part::PageVersions { .. }
            | Part::Data { .. } => None,
        }
    }

    /// The fingerprint from hashes at hand.
    pub fn quick(&self, from: Sources) -> u64 {
        match self {
            Part::PageVersions { page, every } => {
                let site = from.site;
                let node = &site.nodes[site.pages[*page].node];
                let mut inputs = Inputs::empty();
                // The site in the page's language holds every language's
                // name, title and home URL: where missing versions lead.
                inputs
                    .add(from.shared.site_fingerprint(&site.pages[*page].lang))
                    .add(u64::from(*every))
                    // Which version is `current`.
                    .add(xxhash_rust::xxh3::xxh3_64(
                        site.pages[*page].lang.as_bytes(),
                    ));
                for &p in &node.pages {
                    inputs.add(from.shared.summaries[p].1);
                }
                inputs.finish()
            }
            Part::Page(id) => page_quick(from, *id),
            Part::Section {
                page,
                pages,
                subsections,
            } => section_fingerprint(from, page_quick(from, *page), pages, subsections),
            _ => self.full(from),
        }
    }

    /// The fingerprint of the whole value.
    pub fn full(&self, from: Sources) -> u64 {
        match self {
            Part::Site(lang) => from.shared.site_fingerprint(lang),
            Part::Text(text) => fingerprint(text),
            Part::Versions(versions) => fingerprint(versions),
            Part::PageVersions { page, every } => {
                let mut inputs = Inputs::empty();
                inputs
                    .add(from.shared.site_fingerprint(&from.site.pages[*page].lang))
                    .add(u64::from(*every))
                    .add(fingerprint(&page_versions(from, *page, *every)));
                inputs.finish()
            }
            Part::Page(id) => fingerprint(&from.page_view(*id)),
            Part::Section {
                page,
                pages,
                subsections,
            } => {
                let view = fingerprint(&from.page_view(*page));
                section_fingerprint(from, view, pages, subsections)
            }
            Part::Data { value, pages } => {
                let mut inputs = Inputs::empty();
                inputs.add(value.fingerprint());
                if let Some(pages) = pages {
                    inputs.add(from.shared.list_fingerprint(pages));
                }
                inputs.finish()
            }
        }
    }

    /// The template value.
    pub fn value(&self, from: Sources) -> Value {
        match self {
            Part::Site(lang) => from.shared.site_value(lang),
            Part::Text(text) => Value::from(text.as_str()),
            Part::Versions(versions) => Value::from_serializable(versions),
            Part::PageVersions { page, every } => {
                Value::from_serializable(&page_versions(from, *page, *every))
            }
            Part::Page(id) => Value::from_serializable(&from.page_view(*id)),
            Part::Section {
                page,
                pages,
                subsections,
            } => {
                let view = from.page_view(*page);
                let mut section = Value::from_serializable(&view)
                    .into_map()
                    .unwrap_or_default();
                section.insert("pages".into(), from.shared.list(pages));
                section.insert("subsections".into(), from.shared.list(subsections));
                Value::from(section)
            }
            Part::Data { value, pages } => match pages {
                None => value.value(),
                Some(pages) => {
                    let mut map = value.value().into_map().unwrap_or_default();
                    map.insert("pages".into(), from.shared.list(pages));
                    Value::from(map)
                }
            },
        }
    }
}

/// A section's fingerprint: its own page's (quick or full), then the lists
/// it shows, which are fingerprinted the same way either way.
fn section_fingerprint(from: Sources, page: u64, pages: &[PageId], subsections: &[PageId]) -> u64 {
    let mut inputs = Inputs::empty();
    inputs
        .add(page)
        .add(from.shared.list_fingerprint(pages))
        .add(from.shared.list_fingerprint(subsections));
    inputs.finish()
}

/// The other pages a page's view shows (their titles and URLs): its
/// translations, its neighbours in its section's list and its parent. The
/// quick fingerprint and the pages an output reads are both taken from
/// here, so that the two cannot disagree.
struct ViewPages<'a> {
    translations: &'a [PageId],
    lower: Option<PageId>,
    higher: Option<PageId>,
    parent: Option<PageId>,
}

impl ViewPages<'_> {
    fn of(site: &Site, id: PageId) -> ViewPages<'_> {
        let page = &site.pages[id];
        let node = &site.nodes[page.node];
        let (lower, higher) = site.neighbours(id);
        ViewPages {
            translations: &node.pages,
            lower,
            higher,
            parent: node.parent.and_then(|p| site.page_in(p, &page.lang)),
        }
    }

    fn each(&self) -> impl Iterator<Item = PageId> + '_ {
        let around = [self.lower, self.higher, self.parent].into_iter().flatten();
        self.translations.iter().copied().chain(around)
    }
}

/// The fingerprint of everything a page's view is made of, from the
/// fingerprints already at hand rather than from the view itself: what the
/// page's file says (front matter included), its converted Markdown, its
/// summary (title, URL, date…), the summaries of the pages its view shows,
/// and its assets. Most pages are unchanged by an edit; this is what lets a
/// rebuild find that out for 2 000 pages in a few milliseconds.
fn page_quick(from: Sources, id: PageId) -> u64 {
    let site = from.site;
    let page = &site.pages[id];
    let around = ViewPages::of(site, id);
    let summary = |p: Option<PageId>| p.map_or(0, |p| from.shared.summaries[p].1);
    let mut inputs = Inputs::empty();
    inputs
        .add(page.source_hash)
        .add(from.converted[id].generation)
        .add(summary(Some(id)));
    for &translation in around.translations {
        inputs.add(summary(Some(translation)));
    }
    inputs
        .add(summary(around.lower))
        .add(summary(around.higher))
        .add(summary(around.parent));
    for asset in &site.nodes[page.node].assets {
        inputs.add(xxhash_rust::xxh3::xxh3_64(asset.relative.as_bytes()));
    }
    inputs.finish()
}

fn page_versions<'a>(from: Sources<'a>, page: PageId, every: bool) -> Vec<Translation<'a>> {
    let translations = views::page_translations(from.site, page);
    if !every {
        return translations;
    }
    let config = &from.site.config;
    let mut versions = views::versions(config, &translations);
    // A missing version leads to the notice in its language, where there is one.
    for version in versions.iter_mut().filter(|v| !v.exists) {
        if let Some(path) = untranslated::notice_for(from.site, page, version.lang, from.notices) {
            version.url = config.url(&path);
            version.permalink = config.permalink(&path);
            version.notice = true;
        }
    }
    versions
}

/// A whole context: its parts, by name, in the order templates see them.
#[derive(Default)]
pub(crate) struct Parts<'a>(Vec<(&'static str, Part<'a>)>);

impl<'a> Parts<'a> {
    /// What every template gets: the site in `lang`, the output's URL,
    /// and its versions in every language.
    pub fn common(
        from: Sources<'a>,
        lang: &'a str,
        path: &str,
        translations: Vec<Translation<'a>>,
    ) -> Parts<'a> {
        let config = &from.site.config;
        let versions = views::versions(config, &translations);
        let mut parts = Parts::default();
        parts
            .add("site", Part::Site(lang))
            .add("lang", Part::Text(lang.to_owned()))
            .add("current_path", Part::Text(config.url(path)))
            .add("current_url", Part::Text(config.permalink(path)))
            .add("translations", Part::Versions(translations))
            .add("versions", Part::Versions(versions));
        parts
    }

    /// [`Self::common`] for a content page.
    pub fn common_for_page(from: Sources<'a>, page: PageId) -> Parts<'a> {
        let site = from.site;
        let p = &site.pages[page];
        let mut parts = Parts::default();
        parts
            .add("site", Part::Site(&p.lang))
            .add("lang", Part::Text(p.lang.clone()))
            .add("current_path", Part::Text(site.config.url(&p.path)))
            .add("current_url", Part::Text(site.config.permalink(&p.path)))
            .add("translations", Part::PageVersions { page, every: false })
            .add("versions", Part::PageVersions { page, every: true });
        parts
    }

    pub fn add(&mut self, name: &'static str, part: Part<'a>) -> &mut Self {
        self.0.push((name, part));
        self
    }

    /// The fingerprint of the whole context under `start` (the template
    /// and what every output shares), from each part's quick fingerprint,
    /// or with `full`, from each part's whole value.
    pub fn fingerprint(&self, from: Sources, mut start: Inputs, full: bool) -> u64 {
        for (name, part) in &self.0 {
            start.add_serialized(*name);
            start.add(if full {
                part.full(from)
            } else {
                part.quick(from)
            });
        }
        start.finish()
    }

    /// The pages whose summary or view the context holds.
    pub fn pages_read(&self, from: Sources) -> Vec<PageId> {
        let mut pages = Vec::new();
        for (_, part) in &self.0 {
            part.pages_read(from, &mut pages);
        }
        pages
    }

    /// The pages whose HTML the context shows.
    pub fn html_shown(&self) -> Vec<PageId> {
        self.0
            .iter()
            .filter_map(|(_, part)| part.html_shown())
            .collect()
    }

    pub fn context(&self, from: Sources) -> Context {
        let mut context = Context::new();
        for (name, part) in &self.0 {
            context.insert_value(*name, part.value(from));
        }
        context
    }
}
