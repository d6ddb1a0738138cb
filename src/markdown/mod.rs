//! Markdown to HTML, with internal links resolved and headings given ids.
//! This is *converting* a page's text; *rendering* is what `render` does
//! with templates, and *writing* what `output` does with files: one word
//! for each.
//!
//! Each page is converted on its own (and so in parallel): the model is
//! already complete, so every `@/KEY` link can be resolved on the spot.
//! Anchors (`@/KEY#anchor`) can only be checked once every page is
//! converted; [`check_anchors`] does that afterwards.

pub mod links;
mod tables;
pub mod toc;
mod words;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use pulldown_cmark::{
    CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, TextMergeWithOffset, html,
};
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Kind};
use crate::media::{self, Media};
use crate::model::{IdVec, LinkError, PageId, Site};
use crate::slugs::slugify;
use crate::typography;

const MORE_MARKER: &str = "<!-- more -->";

/// A page's Markdown, converted.
#[derive(Debug, Clone, Default)]
pub struct Converted {
    /// The page's HTML, shared (not copied) by every output that shows it.
    pub content: Arc<str>,
    /// The HTML before `<!-- more -->`, else the first paragraph.
    pub summary: Option<String>,
    pub word_count: usize,
    /// Minutes, at least one.
    pub reading_time: usize,
    pub toc: Vec<Heading>,
    /// Links to other pages that name an anchor, to check once all pages are converted.
    pub anchored_links: Vec<AnchoredLink>,
    /// Every `@/` link as it was resolved, once each: the HTML holds the
    /// URLs they led to, so it holds while each still leads there
    /// ([`Converted::links_lead_elsewhere`]). No page id is kept: a page
    /// added or removed renumbers the pages, not what links to them.
    pub resolved: Vec<ResolvedLink>,
    /// The page's text as the search indexes it, when `[search]` is on
    /// (`search::digest`): made here, from the events, so that the search
    /// never parses the page's HTML.
    pub search_text: Option<Arc<str>>,
    /// Unique to this rendering: equal generations mean equal HTML, which
    /// lets the render cache skip hashing the HTML itself.
    pub generation: u64,
}

/// Hands out [`Converted::generation`]s.
static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// An `@/KEY` link in one language, and where it led.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedLink {
    pub key: String,
    pub lang: String,
    /// The URL path of the page it led to, or why it led to none.
    pub outcome: Result<String, LinkError>,
}

impl ResolvedLink {
    fn of(site: &Site, key: &str, lang: &str, outcome: Result<PageId, LinkError>) -> ResolvedLink {
        ResolvedLink {
            key: key.to_owned(),
            lang: lang.to_owned(),
            outcome: outcome.map(|p| site.pages[p].path.clone()),
        }
    }

    /// Whether this link leads where it did in `site`.
    fn holds(&self, site: &Site) -> bool {
        match (&self.outcome, site.resolve(&self.key, &self.lang)) {
            (Ok(path), Ok(p)) => site.pages[p].path == *path,
            (before, now) => before.as_ref().err() == now.err().as_ref(),
        }
    }
}

/// Which `@/` links a change of the site's URLs can have led elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinksTo<'a> {
    /// Any of them: pages moved (their URLs changed).
    Any,
    /// Those to the node of this key: one of its pages joined or left the
    /// site (a file created or removed, a draft published or made). That
    /// moves no other page: a link resolves by its key alone, to the page
    /// in its language, or else to why there is none (a draft, a language
    /// the node is not written in, which names those it is), all of which
    /// are the node's own. So a link to another node leads where it did,
    /// and only the links to this one are looked at — not every link of
    /// every page, which at 20 000 pages took longer than the rest of the
    /// save.
    Node(&'a str),
}

impl LinksTo<'_> {
    fn covers(self, link: &ResolvedLink) -> bool {
        match self {
            LinksTo::Any => true,
            LinksTo::Node(key) => link.key == key,
        }
    }
}

impl Converted {
    /// Whether one of the page's `@/` links (of those `to` names) leads
    /// elsewhere in `site` than where it led when the page was converted
    /// (another URL, a draft, no page): its HTML must be made again.
    pub fn links_lead_elsewhere(&self, site: &Site, to: LinksTo) -> bool {
        self.resolved
            .iter()
            .any(|link| to.covers(link) && !link.holds(site))
    }

    /// Whether one of the page's `@/` links led to one of the URL `paths`.
    pub fn linked_to(&self, paths: &[&str]) -> bool {
        self.resolved.iter().any(|link| {
            link.outcome
                .as_ref()
                .is_ok_and(|p| paths.contains(&p.as_str()))
        })
    }
}

/// A link to a heading of another page (`@/KEY#anchor`), checked once
/// every page is converted ([`check_anchors`]).
#[derive(Debug, Clone)]
pub struct AnchoredLink {
    /// The target's key and language, as resolved ([`Converted::resolved`]).
    pub key: String,
    pub lang: String,
    pub anchor: String,
    pub line: usize,
}

/// Converted pages kept between builds (by `praxis serve`): a page is
/// converted again only when its file changed, when one of the images beside
/// it did (their sizes are in its HTML), when its own URL did, or when one
/// of its `@/` links leads elsewhere now (another URL, a draft, no page).
/// A page added, removed or made a draft changes the site's URLs, but only
/// the pages that link to it are converted again: the others keep their
/// HTML, which holds no page id (the pages after a new one are numbered anew).
#[derive(Default)]
pub struct MarkdownCache {
    /// The options every conversion depends on.
    stamp: u64,
    /// The site's URLs and drafts as the cached conversions resolved them;
    /// `None` when not worked out (every link is followed at the next build).
    urls: Option<u64>,
    pages: HashMap<(PathBuf, u64), ConvertedPage>,
}

/// A page's converted Markdown and what was wrong with it.
type ConvertedPage = (Arc<Converted>, Vec<Diagnostic>);

/// Each page's converted Markdown, by page.
pub type ConvertedPages = IdVec<PageId, Arc<Converted>>;

/// Renders every page's Markdown, in parallel.
pub fn convert_all(site: &Site, media: &Media, diags: &mut Diagnostics) -> ConvertedPages {
    convert_all_cached(site, media, &mut MarkdownCache::default(), diags)
}

/// Like [`convert_all`], reusing what `cache` holds.
pub fn convert_all_cached(
    site: &Site,
    media: &Media,
    cache: &mut MarkdownCache,
    diags: &mut Diagnostics,
) -> ConvertedPages {
    let stamp = options_hash(site);
    if stamp != cache.stamp {
        cache.pages.clear();
        cache.stamp = stamp;
    }
    let urls = Some(urls_hash(site));
    if urls != cache.urls {
        cache.follow_links(site, LinksTo::Any);
        cache.urls = urls;
    }
    let keys: IdVec<PageId, (PathBuf, u64)> = site
        .pages
        .par_ids()
        .map(|id| cache_key(site, media, id))
        .collect();
    let fresh: Vec<(PageId, ConvertedPage)> = site
        .pages
        .par_ids()
        .filter(|&id| !cache.pages.contains_key(&keys[id]))
        .map(|id| {
            let (r, d) = convert_page(site, media, id);
            (id, (Arc::new(r), d))
        })
        .collect();
    for (id, entry) in fresh {
        cache.pages.insert(keys[id].clone(), entry);
    }
    let converted: ConvertedPages = site
        .pages
        .ids()
        .map(|id| {
            let (r, d) = &cache.pages[&keys[id]];
            diags.extend(d.iter().cloned());
            Arc::clone(r)
        })
        .collect();
    if cache.pages.len() > converted.len() {
        let live: std::collections::HashSet<(PathBuf, u64)> = keys.into_iter().collect();
        cache.pages.retain(|k, _| live.contains(k));
    }
    check_anchors(site, &converted, converted.ids(), diags);
    converted
}

/// Renders the Markdown of page `id` again after an edit of its file,
/// keeping the result in `cache`. The pages whose links lead to a page
/// whose URL changed must be converted again too ([`MarkdownCache::relink`]).
pub fn convert_one_cached(
    site: &Site,
    media: &Media,
    cache: &mut MarkdownCache,
    id: PageId,
) -> (Arc<Converted>, Vec<Diagnostic>) {
    let entry = cache
        .pages
        .entry(cache_key(site, media, id))
        .or_insert_with(|| {
            let (r, d) = convert_page(site, media, id);
            (Arc::new(r), d)
        });
    entry.clone()
}

/// What the cache keeps a page's rendering under: its file, the images
/// beside it (their sizes are in its HTML), and its URL (their copies are
/// named after it).
fn cache_key(site: &Site, media: &Media, id: PageId) -> (PathBuf, u64) {
    let page = &site.pages[id];
    let images = media.node_stamp(&site.nodes[page.node].key);
    let url = xxhash_rust::xxh3::xxh3_64(page.path.as_bytes());
    (
        page.source.clone(),
        page.source_hash ^ images.rotate_left(17) ^ url.rotate_left(41),
    )
}

impl MarkdownCache {
    /// After pages of `site` got new URLs, renders again the pages `linking`
    /// to them (whose files did not change, but whose HTML holds the old
    /// URLs) and takes the site's URLs as the ones the cache holds. What
    /// else the cache holds that links by the old URLs (those `to` names)
    /// goes first: earlier versions of pages, which an undo would otherwise
    /// bring back.
    pub fn relink(
        &mut self,
        site: &Site,
        media: &Media,
        to: LinksTo,
        linking: &[PageId],
    ) -> Vec<(Arc<Converted>, Vec<Diagnostic>)> {
        self.follow_links(site, to);
        let converted: Vec<ConvertedPage> = linking
            .iter()
            .map(|&id| {
                let (r, d) = convert_page(site, media, id);
                let entry = (Arc::new(r), d);
                self.pages.insert(cache_key(site, media, id), entry.clone());
                entry
            })
            .collect();
        // After a page joined or left, the site's URLs are not hashed
        // again (a pass over every node, on the way to the page shown):
        // the next whole build follows every link once instead.
        self.urls = match to {
            LinksTo::Any => Some(urls_hash(site)),
            LinksTo::Node(_) => None,
        };
        converted
    }

    /// After the site's URLs changed (a page added, removed, made a draft
    /// or published, moved): drops each conversion whose links no longer
    /// all lead where they did (of the links `to` names).
    fn follow_links(&mut self, site: &Site, to: LinksTo) {
        let stale: Vec<(PathBuf, u64)> = self
            .pages
            .par_iter()
            .filter(|(_, (converted, _))| converted.links_lead_elsewhere(site, to))
            .map(|(key, _)| key.clone())
            .collect();
        for key in stale {
            self.pages.remove(&key);
        }
    }
}

/// A hash of the options every page's conversion depends on.
fn options_hash(site: &Site) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut put = |s: &str| {
        h.update(s.as_bytes());
        h.update(&[0]);
    };
    let config = &site.config;
    put(&config.base_path);
    put(&format!("{:?}", config.markdown.smart_punctuation));
    put(&config.markdown.words_per_minute.to_string());
    put(&format!("{:?}", config.images));
    for l in &config.languages {
        put(&format!("{}{}", l.code, l.french_typography));
    }
    h.digest()
}

/// A hash of where links can lead: the URL of every page in every
/// language, and the drafts and broken files.
fn urls_hash(site: &Site) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut put = |s: &str| {
        h.update(s.as_bytes());
        h.update(&[0]);
    };
    for node in site.nodes.iter() {
        put(&node.key);
        for &p in &node.pages {
            put(&site.pages[p].lang);
            put(&site.pages[p].path);
        }
        put("drafts");
        node.draft_languages.iter().for_each(|l| put(l));
        put("broken");
        node.broken_languages.iter().for_each(|l| put(l));
    }
    h.digest()
}

fn options(site: &Site) -> Options {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if site.config.markdown.smart_punctuation {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    options
}

/// Renders one page's Markdown.
pub fn convert_page(site: &Site, media: &Media, id: PageId) -> (Converted, Vec<Diagnostic>) {
    convert_text(site, media, id, &site.pages[id].body)
}

/// Renders every page's Markdown as [`convert_all`] does, taking each
/// page's text out of the model and letting go of it once converted, so
/// that the sources and their HTML are not all held at once: for a build
/// that is not kept (`praxis build`).
pub fn convert_all_releasing(
    site: &mut Site,
    media: &Media,
    diags: &mut Diagnostics,
) -> ConvertedPages {
    let empty: Arc<str> = Arc::from("");
    let bodies: IdVec<PageId, std::sync::Mutex<Arc<str>>> = site
        .pages
        .iter_mut()
        .map(|page| {
            std::sync::Mutex::new(std::mem::replace(
                &mut Arc::make_mut(page).body,
                Arc::clone(&empty),
            ))
        })
        .collect();
    let site = &*site;
    let results: Vec<(Converted, Vec<Diagnostic>)> = site
        .pages
        .par_ids()
        .map(|id| {
            let body = {
                let mut slot = bodies[id].lock().unwrap_or_else(|e| e.into_inner());
                std::mem::replace(&mut *slot, Arc::clone(&empty))
            };
            convert_text(site, media, id, &body)
        })
        .collect();
    let converted: ConvertedPages = results
        .into_iter()
        .map(|(r, d)| {
            diags.extend(d);
            Arc::new(r)
        })
        .collect();
    check_anchors(site, &converted, converted.ids(), diags);
    converted
}

/// Renders `body`, the text of page `id`.
fn convert_text(
    site: &Site,
    media: &Media,
    id: PageId,
    body: &str,
) -> (Converted, Vec<Diagnostic>) {
    let page = &site.pages[id];
    // Lines are counted from the last position asked, not from the start:
    // events come in order.
    let counted = std::cell::Cell::new((0usize, 0usize));
    let line_of = |range: &Range<usize>| {
        let (mut at, mut lines) = counted.get();
        if range.start < at {
            (at, lines) = (0, 0);
        }
        lines += body[at..range.start].matches('\n').count();
        at = range.start;
        counted.set((at, lines));
        page.body_line + lines
    };
    let mut diags = Vec::new();
    let mut converted = Converted {
        generation: GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        ..Converted::default()
    };

    let mut events: Vec<Event> = Vec::new();
    let mut more_at = None;
    let mut used_ids = HashSet::new();
    // Index in `events` of the heading being read, with its text so far.
    let mut open_heading: Option<(usize, String)> = None;
    let french = site
        .config
        .language(&page.lang)
        .is_some_and(|l| l.french_typography);
    let mut prose = Prose::default();
    // A link to a draft is left out until its end; an image's alt text is
    // gathered until its end.
    let mut dropping_link = false;
    let mut image_alt: Option<(usize, String, String)> = None;
    // An image beside the page becomes a <picture>: where its events start
    // in `events`, its copies and its title.
    let mut picture: Option<(usize, media::ImageSet, String)> = None;
    let mut images_seen = 0usize;
    // Where the table being read starts in `events`, and its line.
    let mut open_table: Option<(usize, usize)> = None;

    let parser = Parser::new_ext(body, options(site))
        .into_offset_iter()
        .map(|(event, range)| match event {
            // French pairs its own quotes (into « »): give it back the
            // straight ones smart punctuation turned into “ ”.
            Event::Text(text)
                if french && typography::is_smart_double_quote(&text, body, &range) =>
            {
                (Event::Text(CowStr::Borrowed("\"")), range)
            }
            event => (event, range),
        });
    for (event, range) in TextMergeWithOffset::new(parser) {
        prose.track(&event);
        let event = match event {
            Event::Text(text) if prose.is_prose() => {
                let owned = |cow: Cow<'_, str>| match cow {
                    Cow::Owned(changed) => Some(changed),
                    Cow::Borrowed(_) => None,
                };
                let typeset = if french {
                    owned(prose.french.typeset(&text))
                } else {
                    None
                };
                // Phone numbers, "n° 12", "€ 70": one line each, in every language.
                let bound = owned(typography::bind_numbers(
                    typeset.as_deref().unwrap_or(&text),
                ));
                match bound.or(typeset) {
                    Some(changed) => Event::Text(CowStr::from(changed)),
                    None => Event::Text(text),
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id: link_id,
            }) => {
                let dest_url = resolve_link(
                    site,
                    id,
                    dest_url,
                    line_of(&range),
                    &mut converted,
                    &mut diags,
                );
                if &*dest_url == DRAFT_LINK {
                    dropping_link = true;
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id: link_id,
                })
            }
            Event::End(TagEnd::Link) if dropping_link => {
                dropping_link = false;
                continue;
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id: link_id,
            }) => {
                let dest_url = resolve_link(
                    site,
                    id,
                    dest_url,
                    line_of(&range),
                    &mut converted,
                    &mut diags,
                );
                image_alt = Some((line_of(&range), String::new(), dest_url.to_string()));
                if let Some(set) = media.markdown_image(site, id, &dest_url) {
                    picture = Some((events.len(), set, title.to_string()));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id: link_id,
                })
            }
            Event::End(TagEnd::Image) => {
                let alt = image_alt.take().map(|(line, alt, dest)| {
                    if alt.trim().is_empty() {
                        diags.push(
                            Diagnostic::warning(format!("the image {dest} has no alt text"))
                                .kind(Kind::ImageWithoutAlt)
                                .in_file(&page.source)
                                .at_line(line)
                                .help("say what it shows, for people who cannot see it: ![a quiet room with two chairs](…)"),
                        );
                    }
                    alt
                });
                images_seen += 1;
                match picture.take() {
                    Some((start, set, title)) => {
                        events.truncate(start);
                        let sizes = &site.config.images.sizes;
                        let alt = alt.unwrap_or_default();
                        let html = media::picture(&set, &alt, &title, sizes, images_seen > 1);
                        Event::InlineHtml(CowStr::from(html))
                    }
                    None => event,
                }
            }
            Event::Start(Tag::Table(_)) => {
                open_table = Some((events.len(), line_of(&range)));
                event
            }
            Event::End(TagEnd::Table) => {
                if let Some((start, line)) = open_table.take() {
                    let report = tables::align_figure_columns(&mut events[start..]);
                    for column in report.empty_headers {
                        diags.push(
                            Diagnostic::warning(format!(
                                "the table's header cell in column {column} is empty"
                            ))
                            .kind(Kind::EmptyTableHeader)
                            .in_file(&page.source)
                            .at_line(line)
                            .help("name what the column holds (\"Gesprek\", \"Prestation\"): a screen reader announces the header with every cell"),
                        );
                    }
                }
                event
            }
            Event::Start(Tag::Heading { .. }) => {
                open_heading = Some((events.len(), String::new()));
                event
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, text)) = open_heading.take() {
                    let id = finish_heading(&mut events[start], &text, &mut used_ids);
                    converted.toc.push(Heading {
                        level: level as u8,
                        id,
                        title: text.trim().to_owned(),
                    });
                }
                event
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) if html.contains(MORE_MARKER) => {
                more_at.get_or_insert(events.len());
                event
            }
            _ => event,
        };
        if let Event::Text(text) | Event::Code(text) = &event {
            if let Some((_, alt, _)) = &mut image_alt {
                alt.push_str(text);
            }
            converted.word_count += words::count(text);
            if let Some((_, heading)) = &mut open_heading {
                heading.push_str(text);
            }
        }
        events.push(event);
    }

    let summary_events = match more_at {
        Some(end) => Some(&events[..end]),
        None => first_paragraph(&events),
    };
    converted.summary = summary_events.map(|e| {
        let mut out = String::new();
        html::push_html(&mut out, e.iter().cloned());
        exact(out)
    });
    converted.search_text = site
        .config
        .search
        .enabled
        .then(|| Arc::from(crate::search::digest::of_events(&events)));
    let mut content = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut content, events.into_iter());
    converted.content = Arc::from(content.as_str());
    let wpm = site.config.markdown.words_per_minute.max(1);
    converted.reading_time = converted.word_count.div_ceil(wpm).max(1);
    (converted, diags)
}

/// `text` in an allocation of its own length. Every page's HTML is held
/// until its templates are done, and room reserved but not used would be
/// held with it: `shrink_to_fit` may keep the block (allocators shrink in
/// place), so the text is copied.
fn exact(text: String) -> String {
    if text.capacity() == text.len() {
        text
    } else {
        text.as_str().to_owned()
    }
}

/// Where the event stream is, for French typography: only prose is typeset,
/// never code, raw HTML or the text of an autolink (which is its URL); a
/// block's pieces share one [`typography::French`], so quotes pair across
/// inline markup.
#[derive(Default)]
struct Prose {
    in_code_block: bool,
    in_autolink: bool,
    french: typography::French,
}

impl Prose {
    fn track(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => self.in_autolink = true,
            Event::End(TagEnd::Link) => self.in_autolink = false,
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::TableCell
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_),
            ) => self.french.reset(),
            Event::Text(text) if !self.is_prose() => self.french.pass(text),
            Event::Code(code) => self.french.pass(code),
            Event::SoftBreak | Event::HardBreak => self.french.pass(" "),
            _ => {}
        }
    }

    fn is_prose(&self) -> bool {
        !self.in_code_block && !self.in_autolink
    }
}

/// Gives the heading at `start` an id (its own `{#id}`, else a slug of its
/// text) that is unique within the page, and returns it.
fn finish_heading(start: &mut Event, text: &str, used: &mut HashSet<String>) -> String {
    let Event::Start(Tag::Heading { id, .. }) = start else {
        unreachable!("open_heading always points at a heading start");
    };
    let base = match id {
        Some(given) => given.to_string(),
        None => {
            let slug = slugify(text);
            if slug.is_empty() {
                "section".to_owned()
            } else {
                slug
            }
        }
    };
    let mut unique = base.clone();
    let mut n = 1;
    while !used.insert(unique.clone()) {
        unique = format!("{base}-{n}");
        n += 1;
    }
    *id = Some(CowStr::from(unique.clone()));
    unique
}

fn first_paragraph<'a, 'e>(events: &'a [Event<'e>]) -> Option<&'a [Event<'e>]> {
    let start = events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))?;
    let len = events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))?;
    Some(&events[start..=start + len])
}

/// Rewrites an `@/KEY?lang=xx#anchor` destination to the page's URL; other
/// destinations pass through untouched.
fn resolve_link<'a>(
    site: &Site,
    from: PageId,
    dest: CowStr<'a>,
    line: usize,
    converted: &mut Converted,
    diags: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    let page = &site.pages[from];
    let link = match links::parse(&dest) {
        None => return dest,
        Some(Ok(link)) => link,
        Some(Err(why)) => {
            diags.push(
                Diagnostic::error(format!("broken link: {why}"))
                    .kind(Kind::BrokenLink)
                    .in_file(&page.source)
                    .at_line(line)
                    .help("write @/KEY or @/KEY?lang=fr, where KEY is a folder under content/"),
            );
            return dest;
        }
    };
    let lang = link.lang.unwrap_or(&page.lang);
    let resolved = site.resolve(link.key, lang);
    if !converted
        .resolved
        .iter()
        .any(|r| r.key == link.key && r.lang == lang)
    {
        let outcome = resolved.clone();
        converted
            .resolved
            .push(ResolvedLink::of(site, link.key, lang, outcome));
    }
    match resolved {
        Ok(target) => {
            let mut url = site.config.url(&site.pages[target].path);
            if let Some(anchor) = link.anchor {
                url.push('#');
                url.push_str(anchor);
                converted.anchored_links.push(AnchoredLink {
                    key: link.key.to_owned(),
                    lang: lang.to_owned(),
                    anchor: anchor.to_owned(),
                    line,
                });
            }
            CowStr::from(url)
        }
        Err(LinkError::Broken) => dest,
        Err(LinkError::Draft) => {
            let (message, help) = link_error_text(site, &dest, link.key, lang, LinkError::Draft);
            diags.push(
                Diagnostic::warning(message)
                    .kind(Kind::LinkToDraft)
                    .in_file(&page.source)
                    .at_line(line)
                    .help(help),
            );
            CowStr::from(DRAFT_LINK)
        }
        Err(error) => {
            let (message, help) = link_error_text(site, &dest, link.key, lang, error);
            diags.push(
                Diagnostic::error(message)
                    .kind(Kind::BrokenLink)
                    .in_file(&page.source)
                    .at_line(line)
                    .help(help),
            );
            dest
        }
    }
}

/// Marks a link to a draft, which is left out (its text stays) until the
/// draft is published.
const DRAFT_LINK: &str = "\0draft";

fn link_error_text(
    site: &Site,
    dest: &str,
    key: &str,
    lang: &str,
    error: LinkError,
) -> (String, String) {
    match error {
        LinkError::NoSuchNode => (
            format!("broken link `{dest}`: there is no page content/{key}"),
            format!("create content/{key}/{lang}.md, or correct the link's folder path"),
        ),
        LinkError::NotASiteLanguage => (
            format!("broken link `{dest}`: `{lang}` is not a language of this site"),
            format!("use one of: {}", site.config.language_codes().join(", ")),
        ),
        LinkError::NotTranslated { available } => (
            format!("broken link `{dest}`: content/{key} has no {lang} version"),
            if available.is_empty() {
                format!("write content/{key}/{lang}.md")
            } else {
                format!(
                    "write content/{key}/{lang}.md, or link to a language it has: {}",
                    available.join(", ")
                )
            },
        ),
        LinkError::Broken => (
            format!("broken link `{dest}`: content/{key}/{lang}.md has errors"),
            "fix the errors reported for that file".to_owned(),
        ),
        LinkError::Draft => (
            format!(
                "link to a draft `{dest}`: content/{key}/{lang}.md is not published, so the link \
                 is left out (its text stays)"
            ),
            "publish it (remove `draft = true`), or preview with --drafts".to_owned(),
        ),
    }
}

/// Reports links whose `#anchor` names no heading of the target page.
/// Reports the links of the pages `from` to a heading that their target
/// does not have.
pub fn check_anchors(
    site: &Site,
    converted: &ConvertedPages,
    from: impl IntoIterator<Item = PageId>,
    diags: &mut Diagnostics,
) {
    for from in from {
        let r = &converted[from];
        for link in &r.anchored_links {
            // A link that leads nowhere now is converted again, not checked.
            let Ok(id) = site.resolve(&link.key, &link.lang) else {
                continue;
            };
            let target = &converted[id];
            if !target.toc.iter().any(|h| h.id == link.anchor) {
                let ids: Vec<&str> = target.toc.iter().map(|h| h.id.as_str()).collect();
                diags.push(
                    Diagnostic::error(format!(
                        "broken link: {} has no heading with the anchor #{}",
                        site.pages[id].source.display(),
                        link.anchor
                    ))
                    .kind(Kind::BrokenLink)
                    .in_file(&site.pages[from].source)
                    .at_line(link.line)
                    .help(if ids.is_empty() {
                        "that page has no headings; link to the page without #anchor".to_owned()
                    } else {
                        format!("its anchors are: {}", ids.join(", "))
                    }),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::typography::smart_punctuation;

    #[test]
    fn titles_get_the_body_punctuation() {
        assert_eq!(smart_punctuation("À quoi s'attendre"), "À quoi s’attendre");
        assert_eq!(
            smart_punctuation("Een \"eerste\" gesprek..."),
            "Een “eerste” gesprek…"
        );
        assert_eq!(
            smart_punctuation("Wat is *mentorschap*?"),
            "Wat is *mentorschap*?",
            "markup is left alone"
        );
        assert_eq!(smart_punctuation("Geen leestekens"), "Geen leestekens");
    }
}
