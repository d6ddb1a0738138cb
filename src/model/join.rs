//! A page that joins or leaves the site — a file created or removed, a
//! page made a draft or published again — applied to the model without
//! assembling it again (after a save in `praxis serve`).
//!
//! Ids are positions: pages are numbered node by node in the site's order
//! of languages, nodes by key. A page that joins takes the id a fresh
//! build would give it and the pages after it move one up; one that
//! leaves gives its id up and those after it move one down (a page with a
//! folder of its own does the same to the nodes). Each is a [`Shift`],
//! which the caller applies to everything it keeps per page or node. Since
//! the patched site numbers its pages as a fresh build does, every order
//! that breaks ties by id — a section's list, a tag's pages, the spelling
//! a tag takes from its first page — is the fresh build's, with nothing
//! else to keep in step.
//!
//! What follows from the page is then worked out for its language: its
//! section's list and so its neighbours', the tags and their translations,
//! the menu; and [`Reach`] says what changed besides, so that the render
//! step makes again just the outputs that show it: the pages whose view
//! shows it (its translations, whose language switch it joins or leaves,
//! and its neighbours) and the listings it is in (its section's list, its
//! tags, the feed, the sitemap). Where a patch cannot follow, `None`: the
//! first page of a section (its parent changes kind), a section's own page,
//! a page with files beside it (published per page), a slug that is not
//! one or collides, a page that would own pages below it — the site is
//! then assembled again, which reports what must be reported.

use std::sync::Arc;

use super::edit::tag_listings;
use super::ids::Shift;
use super::{Draft, IdVec, Listing, Node, NodeId, NodeKind, Page, PageId, Reach, Site, Tags};
use crate::content::{CONTENT_DIR, FrontMatter, SourceFile};
use crate::diagnostics::Diagnostics;

/// The site after a page joined or left it.
pub struct Joined {
    pub site: Site,
    /// How the page ids moved: [`Shift::Inserted`] at the page that
    /// joined, [`Shift::Removed`] at the one that left.
    pub pages: Shift<PageId>,
    /// How the node ids moved, when the page came or went with its node.
    pub nodes: Shift<NodeId>,
    /// What changed besides the page (ids of `site`).
    pub reach: Reach,
}

impl Site {
    /// This site with the page of `file` (a language file just created,
    /// or a draft's file published) in it. `None` where the patch does not
    /// follow (see the module's documentation), or the file is a draft.
    pub fn with_page_joined(&self, file: &SourceFile) -> Option<Joined> {
        if file.front_matter.draft {
            return None;
        }
        let key = key_of(&file.path)?;
        let lang = file.lang.as_str();
        let rank = |code: &str| self.config.languages.iter().position(|l| l.code == code);
        let own_rank = rank(lang)?;
        // The node, in the ids of this site, and whether it is new.
        let (node, nodes, parent) = match self.node_id(&key) {
            Some(n) => {
                let node = &self.nodes[n];
                let draft = node.drafts.iter().find(|d| d.lang == lang);
                if node.kind != NodeKind::Page
                    || !node.assets.is_empty()
                    || node.broken_languages.iter().any(|l| l == lang)
                    || self.page_in(n, lang).is_some()
                    || draft.is_some_and(|d| d.source != file.path)
                {
                    return None;
                }
                (n, Shift::None, node.parent?)
            }
            None => {
                // A folder with pages below it would be their parent.
                // (Nodes are in the order of their keys: those below the
                // folder, if any, come first of those from `below` on.)
                let below = format!("{key}/");
                let first_below = self.nodes.partition_point_by(|n| n.key < below);
                if self
                    .nodes
                    .get(first_below)
                    .is_some_and(|n| n.key.starts_with(&below))
                {
                    return None;
                }
                let at = self.nodes.partition_point_by(|n| n.key <= key);
                (at, Shift::Inserted(at), self.nearest_node_above(&key)?)
            }
        };
        // The first page of a section would make a page a section.
        if self.nodes[parent].kind == NodeKind::Page {
            return None;
        }
        let (slug, path) = self.path_below(parent, &key, lang, file)?;
        if self.pages.iter().any(|p| p.path == path) {
            return None;
        }
        // Pages are numbered node by node, in the order of the languages.
        // (A binary search: ids are in that order.)
        let at = self.pages.partition_point_by(|p| match nodes {
            Shift::Inserted(new) => p.node < new,
            _ => p.node < node || (p.node == node && rank(&p.lang) <= Some(own_rank)),
        });
        let pages = Shift::Inserted(at);
        let parent = nodes.apply(parent)?;
        let page = Page {
            // (A new node's id is its id after the shift already.)
            node,
            lang: lang.to_owned(),
            source: file.path.clone(),
            front_matter: Arc::clone(&file.front_matter),
            title: file.title.clone(),
            description: file.description.clone(),
            body: Arc::clone(&file.body),
            body_line: file.body_line,
            source_hash: file.hash,
            slug,
            path,
            date: file.date.clone(),
            updated: file.updated.clone(),
            noindex: file
                .front_matter
                .noindex
                .unwrap_or_else(|| super::thanks_page(&self.config, &key)),
        };
        let new_node = matches!(nodes, Shift::Inserted(_)).then(|| Node {
            key: key.clone(),
            kind: NodeKind::Page,
            parent: Some(parent),
            children: Vec::new(),
            pages: Vec::new(),
            draft_languages: Vec::new(),
            drafts: Vec::new(),
            broken_languages: Vec::new(),
            assets: Vec::new(),
        });
        let mut clock = crate::timing::Stopwatch::from_env();
        let mut site = self.shifted(pages, nodes, Some(Arc::new(page)), new_node);
        clock.lap("    (ids moved)");
        let node = site.pages[at].node;
        {
            let all = Arc::make_mut(&mut site.nodes);
            let n = &mut all[node];
            let place = n.pages.partition_point(|&p| p < at);
            n.pages.insert(place, at);
            n.draft_languages.retain(|l| l != lang);
            n.drafts.retain(|d| d.lang != lang);
            if matches!(nodes, Shift::Inserted(_)) {
                let children = &mut all[parent].children;
                let place = children.partition_point(|&c| c < node);
                children.insert(place, node);
            }
        }
        let mut reach = site.follow_the_list(self, pages, parent, lang);
        clock.lap("    (its list)");
        let before = Arc::clone(&site.tags);
        if !site.pages[at].front_matter.tags.is_empty() {
            // The page as it would be without tags: what it joins, it takes.
            let mut untagged = (*site.pages[at]).clone();
            untagged.front_matter = Arc::new(FrontMatter {
                tags: Vec::new(),
                ..(*untagged.front_matter).clone()
            });
            site.tags = Arc::new(site.tags.edited(&site, at, &untagged));
        }
        if site.pages[at].date.is_some() {
            reach.listings.push(Listing::Feed {
                lang: lang.to_owned(),
            });
        }
        clock.lap("    (tags)");
        site.finish(&before, Some(node), parent, &mut reach);
        clock.lap("    (menu, reach)");
        Some(Joined {
            site,
            pages,
            nodes,
            reach,
        })
    }

    /// This site without page `id`: its file removed, or, with `draft`,
    /// made a draft (kept as one of its node's drafts). `None` where the
    /// patch does not follow (see the module's documentation).
    pub fn with_page_left(&self, id: PageId, draft: Option<Draft>) -> Option<Joined> {
        let page = &self.pages[id];
        let (n, lang) = (page.node, page.lang.clone());
        let node = &self.nodes[n];
        if node.kind != NodeKind::Page || !node.assets.is_empty() {
            return None;
        }
        let parent = node.parent?;
        // With nothing else in its folder, the node goes too — unless it
        // was its section's last page (the section would become a page).
        let node_goes =
            node.pages.len() == 1 && node.drafts.is_empty() && node.broken_languages.is_empty();
        let node_goes = node_goes && draft.is_none();
        if node_goes && self.nodes[parent].children.len() < 2 {
            return None;
        }
        let nodes = if node_goes {
            Shift::Removed(n)
        } else {
            Shift::None
        };
        let pages = Shift::Removed(id);
        let slugs: Vec<String> = page
            .front_matter
            .tags
            .iter()
            .map(|t| crate::slugs::slugify(t))
            .collect();
        let mut clock = crate::timing::Stopwatch::from_env();
        let mut site = self.shifted(pages, nodes, None, None);
        clock.lap("    (ids moved)");
        let parent = nodes.apply(parent)?;
        if let Some(draft) = draft {
            let rank = |code: &str| self.config.languages.iter().position(|l| l.code == code);
            let n = &mut Arc::make_mut(&mut site.nodes)[n];
            let place = n
                .drafts
                .partition_point(|d| rank(&d.lang) < rank(&draft.lang));
            n.draft_languages.insert(place, draft.lang.clone());
            n.drafts.insert(place, draft);
        }
        let mut reach = site.follow_the_list(self, pages, parent, &lang);
        clock.lap("    (its list)");
        let before = Arc::clone(&site.tags);
        site.tags = Arc::new(site.tags.left(&site, &lang, &slugs));
        clock.lap("    (tags)");
        reach.listings.extend(slugs.iter().map(|slug| Listing::Tag {
            lang: lang.clone(),
            slug: slug.clone(),
        }));
        if !slugs.is_empty() {
            reach.listings.push(Listing::Tags { lang: lang.clone() });
        }
        if self.pages[id].date.is_some() {
            reach.listings.push(Listing::Feed { lang: lang.clone() });
        }
        site.finish(&before, nodes.apply(n), parent, &mut reach);
        clock.lap("    (menu, reach)");
        Some(Joined {
            site,
            pages,
            nodes,
            reach,
        })
    }

    /// The pages whose files are `path` or below it (a file or a folder
    /// under `content/`, from the site's root), and whether a draft's file
    /// is: what a file or folder saved, created or removed holds. Found
    /// through the nodes, which are in the order of their keys — the node of
    /// the folder the file is in, the folder's own, those below it — not by
    /// looking at every page (a save at 20 004 pages looked at each twice).
    pub fn pages_below(&self, path: &std::path::Path) -> (Vec<PageId>, bool) {
        let Some(key) = path
            .strip_prefix(CONTENT_DIR)
            .ok()
            .map(crate::site_files::slash_path)
            .filter(|k| !k.is_empty())
        else {
            // The whole tree, or nothing of it.
            let pages = self
                .pages
                .ids()
                .filter(|&p| self.pages[p].source.starts_with(path))
                .collect();
            let drafts = self.nodes.iter().flat_map(|n| &n.drafts);
            return (
                pages,
                drafts.into_iter().any(|d| d.source.starts_with(path)),
            );
        };
        let below = format!("{key}/");
        let first_below = self
            .nodes
            .partition_point_by(|n| n.key.as_str() < below.as_str());
        let nodes = key_of(path)
            .and_then(|k| self.node_id(&k))
            .into_iter()
            .chain(self.node_id(&key))
            .chain(
                self.nodes
                    .ids_from(first_below)
                    .take_while(|&n| self.nodes[n].key.starts_with(&below)),
            );
        let (mut pages, mut drafts) = (Vec::new(), false);
        for n in nodes {
            let node = &self.nodes[n];
            for &p in &node.pages {
                if self.pages[p].source.starts_with(path) && !pages.contains(&p) {
                    pages.push(p);
                }
            }
            drafts |= node.drafts.iter().any(|d| d.source.starts_with(path));
        }
        pages.sort_unstable();
        (pages, drafts)
    }

    /// The nearest node above the folder `key` (its parent node).
    fn nearest_node_above(&self, key: &str) -> Option<NodeId> {
        let mut above = super::parent_key(key)?;
        loop {
            if let Some(id) = self.node_id(above) {
                return Some(id);
            }
            above = super::parent_key(above)?;
        }
    }

    /// The slug and URL path of the page of `file` (node `key`, language
    /// `lang`) under the node `parent`: the parent's own path with the
    /// page's slug after it. `None` where that is not how a fresh build makes it: the
    /// parent is not the folder right above, or has no page in `lang`
    /// (its folder name or a draft's slug would be used); or where the
    /// slug is not one (the whole build reports it).
    fn path_below(
        &self,
        parent: NodeId,
        key: &str,
        lang: &str,
        file: &SourceFile,
    ) -> Option<(String, String)> {
        let written = file.front_matter.slug.as_deref();
        let slug = super::node_slug(key, written, &file.path, &mut Diagnostics::new())?;
        if self.nodes[parent].key != super::parent_key(key)? {
            return None;
        }
        let base = if self.nodes[parent].kind == NodeKind::Home {
            self.config.language_root(lang)
        } else {
            self.pages[self.page_in(parent, lang)?].path.clone()
        };
        let path = format!("{base}{slug}/");
        Some((slug, path))
    }

    /// The list of section `parent` in `lang` made again after a page
    /// joined or left it (this site is `before` after `pages`), with
    /// the neighbours of its pages; says which pages' neighbours changed.
    fn follow_the_list(
        &mut self,
        before: &Site,
        pages: Shift<PageId>,
        parent: NodeId,
        lang: &str,
    ) -> Reach {
        let mut list = self.section_pages(parent, lang).to_vec();
        if let Shift::Inserted(id) = pages {
            let at = list.partition_point(|&p| {
                super::newest_first(&self.pages[p], &self.pages[id])
                    .then(p.cmp(&id))
                    .is_lt()
            });
            list.insert(at, id);
        }
        debug_assert_eq!(
            list,
            self.sorted_children(parent, lang),
            "list patched as sorted"
        );
        let neighbours = Arc::make_mut(&mut self.neighbours);
        super::set_neighbours(neighbours, &self.pages, &list);
        // A neighbour that was the page that left counts as changed.
        let was = |p: Option<PageId>| p.map(|p| pages.apply(p));
        let views = list
            .iter()
            .copied()
            .filter(|&p| {
                let Some(old) = pages.undo(p) else {
                    return false;
                };
                let (lower, higher) = before.neighbours[old];
                let (now_lower, now_higher) = neighbours[p];
                was(lower) != now_lower.map(Some) || was(higher) != now_higher.map(Some)
            })
            .collect();
        Arc::make_mut(&mut self.lists).insert((parent, lang.to_owned()), list);
        Reach {
            views,
            moved: Vec::new(),
            listings: vec![Listing::Section {
                node: parent,
                lang: lang.to_owned(),
            }],
        }
    }

    /// What every join and leave ends with: the menu made again where the
    /// page is one of the home page's children, the tags' listings that
    /// changed since `tags_before`, the sitemap, and the versions of the
    /// page's `node` (whose language switch shows the page now, or showed
    /// it; the page that joined is among them, and gains nothing by it).
    fn finish(
        &mut self,
        tags_before: &Tags,
        node: Option<NodeId>,
        parent: NodeId,
        reach: &mut Reach,
    ) {
        if self.nodes[parent].kind == NodeKind::Home {
            self.menus = Arc::new(self.build_menus());
        }
        debug_assert_eq!(*self.tags, Tags::collect(self), "tags patched as collected");
        let (listings, _) = tag_listings(&self.config, tags_before, &self.tags);
        for listing in listings {
            if !reach.listings.contains(&listing) {
                reach.listings.push(listing);
            }
        }
        reach.listings.push(Listing::Sitemap);
        for &twin in node.map_or(&[][..], |n| self.nodes[n].pages.as_slice()) {
            if !reach.views.contains(&twin) {
                reach.views.push(twin);
            }
        }
    }

    /// This site with its ids moved by `pages` and `nodes`: `page` and
    /// `node` are put where they were inserted. Every list of ids is
    /// renumbered, and drops the page or node removed.
    fn shifted(
        &self,
        pages: Shift<PageId>,
        nodes: Shift<NodeId>,
        page: Option<Arc<Page>>,
        node: Option<Node>,
    ) -> Site {
        let mut all_pages: IdVec<PageId, Arc<Page>> = self
            .pages
            .iter()
            .map(|p| match nodes.apply(p.node) {
                Some(n) if n != p.node => Arc::new(Page {
                    node: n,
                    ..(**p).clone()
                }),
                _ => Arc::clone(p),
            })
            .collect();
        match (pages, page) {
            (Shift::Inserted(at), Some(page)) => all_pages.insert(at, page),
            (Shift::Removed(at), _) => drop(all_pages.remove(at)),
            _ => {}
        }
        let mut all_nodes: IdVec<NodeId, Node> = self
            .nodes
            .iter()
            .map(|n| Node {
                key: n.key.clone(),
                kind: n.kind,
                parent: n.parent.and_then(|p| nodes.apply(p)),
                children: nodes.apply_all(&n.children),
                pages: pages.apply_all(&n.pages),
                draft_languages: n.draft_languages.clone(),
                drafts: n.drafts.clone(),
                broken_languages: n.broken_languages.clone(),
                assets: n.assets.clone(),
            })
            .collect();
        match (nodes, node) {
            (Shift::Inserted(at), Some(node)) => all_nodes.insert(at, node),
            (Shift::Removed(at), _) => drop(all_nodes.remove(at)),
            _ => {}
        }
        let by_key = if nodes == Shift::None {
            Arc::clone(&self.by_key)
        } else {
            Arc::new(
                all_nodes
                    .iter_enumerated()
                    .map(|(id, n)| (n.key.clone(), id))
                    .collect(),
            )
        };
        let lists = self
            .lists
            .iter()
            .filter_map(|((n, lang), list)| {
                Some(((nodes.apply(*n)?, lang.clone()), pages.apply_all(list)))
            })
            .collect();
        let moved = |p: Option<PageId>| p.and_then(|p| pages.apply(p));
        let neighbours = self
            .neighbours
            .iter()
            .map(|&(lower, higher)| (moved(lower), moved(higher)))
            .collect::<IdVec<PageId, _>>()
            .shifted(pages, || (None, None));
        let menus = self
            .menus
            .iter()
            .map(|(lang, menu)| (lang.clone(), pages.apply_all(menu)))
            .collect();
        Site {
            config: Arc::clone(&self.config),
            nodes: Arc::new(all_nodes),
            pages: all_pages,
            by_key,
            lists: Arc::new(lists),
            neighbours: Arc::new(neighbours),
            menus: Arc::new(menus),
            tags: Arc::new(self.tags.shifted(pages)),
        }
    }
}

/// The node key of a language file (`content/articles/x/nl.md` →
/// `articles/x`), as the content tree spells it.
fn key_of(source: &std::path::Path) -> Option<String> {
    let folder = source.parent()?.strip_prefix(CONTENT_DIR).ok()?;
    Some(crate::site_files::slash_path(folder))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// A site whose keys share beginnings: `artikels/a`, `artikels/a-b`
    /// (between `a` and the folders below it in the order of keys),
    /// `artikels/a/c` below `a`, and a draft in `artikels/d`.
    fn site() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            ("nl.md", "Thuis", ""),
            ("artikels/nl.md", "Artikels", ""),
            ("artikels/a/nl.md", "A", ""),
            ("artikels/a/fr.md", "A fr", ""),
            ("artikels/a-b/nl.md", "A-B", ""),
            ("artikels/a/c/nl.md", "C", ""),
            ("artikels/d/nl.md", "D", "draft = true\n"),
        ];
        for (path, title, more) in files {
            let path = dir.path().join("content").join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let text = format!("+++\ntitle = \"{title}\"\n{more}+++\nTekst.\n");
            std::fs::write(path, text).unwrap();
        }
        super::super::assembled_for_tests(dir.path()).0
    }

    #[test]
    fn the_pages_below_a_saved_path_are_those_whose_files_are_under_it() {
        let site = site();
        for path in [
            "content",
            "content/artikels",
            "content/artikels/a",
            "content/artikels/a/nl.md",
            "content/artikels/a/fr.md",
            "content/artikels/a-b",
            "content/artikels/a/c",
            "content/artikels/a/c/nl.md",
            "content/artikels/d",
            "content/artikels/d/nl.md",
            "content/nl.md",
            "content/nergens",
        ] {
            let path = Path::new(path);
            let every: Vec<PageId> = site
                .pages
                .ids()
                .filter(|&p| site.pages[p].source.starts_with(path))
                .collect();
            let drafts = site
                .nodes
                .iter()
                .flat_map(|n| &n.drafts)
                .any(|d| d.source.starts_with(path));
            assert_eq!(
                site.pages_below(path),
                (every, drafts),
                "{}",
                path.display()
            );
        }
        let a = site.pages_below(Path::new("content/artikels/a")).0;
        assert_eq!(a.len(), 3, "a in two languages and c below it, not a-b");
    }
}
