//! One page's file edited in place, applied to the model without
//! assembling it again (after a save in `praxis serve`).
//!
//! The page keeps its id, so what the edit can change is what follows from
//! the page's own fields: its place in its section's list and so its
//! neighbours', the menu, the tags and their pages, the feed, the sitemap.
//! [`Site::with_page_edited`] works those out again for the page's
//! language only and says which of them changed ([`Reach`]), so that the
//! render step makes again just the outputs that read them.

use std::sync::Arc;

use super::{NodeId, NodeKind, Page, PageId, Site, Tags};
use crate::content::FrontMatter;
use crate::diagnostics::Diagnostics;

/// What an edit changed in the model besides the edited page itself.
#[derive(Debug, Default, PartialEq)]
pub struct Reach {
    /// Other pages whose view changed: their older or newer neighbour did.
    pub views: Vec<PageId>,
    /// Edited pages whose URL changed: the pages linking to them must be
    /// rendered again.
    pub moved: Vec<PageId>,
    /// The listings the edit changed.
    pub listings: Vec<Listing>,
}

impl Reach {
    /// Adds what another edit reached.
    pub fn extend(&mut self, other: Reach) {
        for p in other.views {
            if !self.views.contains(&p) {
                self.views.push(p);
            }
        }
        self.moved.extend(other.moved);
        for l in other.listings {
            if !self.listings.contains(&l) {
                self.listings.push(l);
            }
        }
    }
}

/// What an output shows of many pages at once, beyond each page's own
/// summary: which pages, in which order. An output that shows a listing
/// must be looked at again when the listing changes, even if no page it
/// showed before did (a page that moved onto it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Listing {
    /// A section's pages in one language, in list order.
    Section { node: NodeId, lang: String },
    /// One tag: its name, its pages and its translations.
    Tag { lang: String, slug: String },
    /// Which tags a language has, with their names and counts.
    Tags { lang: String },
    /// A language's newest articles.
    Feed { lang: String },
    /// Every page's URL, dates and translations.
    Sitemap,
}

impl Site {
    /// This site with `page` (page `id` after its file was edited) in its
    /// place, and what that changed. `None` when the edit changes more
    /// than this follows — the page joins or leaves the build (a draft:
    /// see [`Site::with_page_left`] and [`Site::with_page_joined`]), gets
    /// another template, pagination, menu entry, aliases or search setting,
    /// or a new slug where pages or files below it would move too — or
    /// when a language gains its first tag or loses its last: the site
    /// must then be assembled again. Every front matter field not named in
    /// [`followed`] counts as such a change, so that a field added later
    /// is safe.
    pub fn with_page_edited(&self, id: PageId, page: Page) -> Option<(Site, Reach)> {
        let old = &self.pages[id];
        if page.node != old.node
            || page.lang != old.lang
            || page.source != old.source
            || followed(&page.front_matter, &old.front_matter) != *old.front_matter
        {
            return None;
        }
        let (node, lang) = (old.node, old.lang.clone());
        let mut page = page;
        page.noindex = page
            .front_matter
            .noindex
            .unwrap_or_else(|| super::thanks_page(&self.config, &self.nodes[node].key));
        let mut reach = Reach::default();
        if page.front_matter.slug != old.front_matter.slug {
            let n = &self.nodes[node];
            if n.kind != NodeKind::Page || !n.assets.is_empty() {
                return None;
            }
            // A slug that is not one is reported by the whole build.
            let written = page.front_matter.slug.as_deref();
            let slug = super::node_slug(&n.key, written, &page.source, &mut Diagnostics::new())?;
            let parent = old.path.strip_suffix(&format!("{}/", old.slug))?;
            let path = format!("{parent}{slug}/");
            // So is a page that would take another's URL.
            if self.pages.iter().any(|p| p.path == path) {
                return None;
            }
            page.slug = slug;
            page.path = path;
            reach.moved.push(id);
        }
        let mut site = self.clone();
        site.pages[id] = Arc::new(page);
        let (new, old) = (&site.pages[id], &self.pages[id]);

        let parent = self.nodes[node].parent;
        if let Some(parent) = parent
            && self.nodes[node].kind == NodeKind::Page
        {
            // The list is sorted but for the page: it moves to its new place.
            let mut list = self.section_pages(parent, &lang).to_vec();
            list.retain(|&p| p != id);
            let at = list.partition_point(|&p| {
                super::newest_first(&site.pages[p], &site.pages[id])
                    .then(p.cmp(&id))
                    .is_lt()
            });
            list.insert(at, id);
            debug_assert_eq!(
                list,
                site.sorted_children(parent, &lang),
                "list patched as sorted"
            );
            if list != self.section_pages(parent, &lang) {
                reach.listings.push(Listing::Section {
                    node: parent,
                    lang: lang.clone(),
                });
                let neighbours = Arc::make_mut(&mut site.neighbours);
                super::set_neighbours(neighbours, &site.pages, &list);
                reach.views = list
                    .iter()
                    .copied()
                    .filter(|&p| p != id && neighbours[p] != self.neighbours[p])
                    .collect();
                Arc::make_mut(&mut site.lists).insert((parent, lang.clone()), list);
            }
        }
        // The menu lists the home page's children; it is in every page's
        // `site`, which the render step compares whole.
        if parent.is_some_and(|p| self.nodes[p].kind == NodeKind::Home) {
            site.menus = Arc::new(site.build_menus());
        }

        let mut sitemap = new.date != old.date
            || new.updated != old.updated
            || new.noindex != old.noindex
            || new.path != old.path;
        let order_changed = super::reorders_newest_first(new, old);
        let tagged = !new.front_matter.tags.is_empty() || !old.front_matter.tags.is_empty();
        if new.front_matter.tags != old.front_matter.tags || (tagged && order_changed) {
            let tags = self.tags.edited(&site, id, old);
            debug_assert_eq!(tags, Tags::collect(&site), "tags patched as collected");
            let (listings, first_or_last) = tag_listings(&site.config, &self.tags, &tags);
            // A language's first tag or its last one adds or removes
            // its tag list, and the sitemap's link to it.
            if first_or_last {
                return None;
            }
            // The sitemap lists every tag page with its translations.
            sitemap |= !listings.is_empty();
            reach.listings.extend(listings);
            site.tags = Arc::new(tags);
        }

        let (new, old) = (&site.pages[id], &self.pages[id]);
        // A feed lists its language's newest articles: one that moves may
        // join it or leave it.
        if super::reorders_newest_first(new, old) && self.nodes[node].kind == NodeKind::Page {
            reach.listings.push(Listing::Feed { lang: lang.clone() });
        }
        if sitemap {
            reach.listings.push(Listing::Sitemap);
        }
        Some((site, reach))
    }
}

/// The tag listings that differ between `before` and `after`: each tag
/// whose name, pages or translations changed, and the tag list of each
/// language with such a tag; and whether a language got its first tag or
/// lost its last one (its tag list comes or goes).
pub(super) fn tag_listings(
    config: &crate::config::Config,
    before: &Tags,
    after: &Tags,
) -> (Vec<Listing>, bool) {
    let mut listings = Vec::new();
    let mut first_or_last = false;
    for language in &config.languages {
        let code = language.code.as_str();
        let (before, after) = (before.terms(code), after.terms(code));
        first_or_last |= before.is_empty() != after.is_empty();
        let changed: Vec<&str> = before
            .iter()
            .filter(|t| after.iter().find(|a| a.slug == t.slug) != Some(t))
            .chain(
                after
                    .iter()
                    .filter(|a| !before.iter().any(|t| t.slug == a.slug)),
            )
            .map(|t| t.slug.as_str())
            .collect();
        if !changed.is_empty() {
            listings.push(Listing::Tags { lang: code.into() });
        }
        listings.extend(changed.into_iter().map(|slug| Listing::Tag {
            lang: code.into(),
            slug: slug.into(),
        }));
    }
    (listings, first_or_last)
}

/// `edited` with the fields [`Site::with_page_edited`] follows set back to
/// what they were in `before`: what is left must be unchanged.
fn followed(edited: &FrontMatter, before: &FrontMatter) -> FrontMatter {
    let mut rest = edited.clone();
    rest.title.clone_from(&before.title);
    rest.description.clone_from(&before.description);
    rest.authors.clone_from(&before.authors);
    rest.extra.clone_from(&before.extra);
    rest.date.clone_from(&before.date);
    rest.updated.clone_from(&before.updated);
    rest.weight.clone_from(&before.weight);
    rest.tags.clone_from(&before.tags);
    rest.noindex = before.noindex;
    rest.slug.clone_from(&before.slug);
    rest
}
