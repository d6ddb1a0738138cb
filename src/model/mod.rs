//! The site model: nodes, their pages in each language, and their URLs.
//!
//! Plain data built once from the loaded content, with no I/O: every later
//! stage (Markdown, templates, feeds, the preview server) reads it. A page
//! knows its node and language, and through its node finds its translations.

mod edit;
mod ids;
mod join;
mod order;
pub mod tags;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Config;
pub use crate::content::PageDate;
use crate::content::{Asset, ContentTree, FrontMatter, SourceFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Kind};
use crate::slugs::{self, SlugError};
pub use edit::{Listing, Reach};
use ids::Id;
pub use ids::{IdVec, NodeId, PageId, Shift};
pub use join::Joined;
use order::{menu_order, subsection_order};
pub use order::{newest_first, reorders_newest_first};
pub use tags::{Tags, Term};

/// What a node is, which decides its default template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// The node at the root of `content/`.
    Home,
    /// A node with child nodes, such as `articles`.
    Section,
    /// A node without children: an article or a plain page.
    Page,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub key: String,
    pub kind: NodeKind,
    pub parent: Option<NodeId>,
    /// Child nodes, sorted by key.
    pub children: Vec<NodeId>,
    /// The node's published pages, in the order of the site's languages.
    pub pages: Vec<PageId>,
    /// Languages in which this node exists only as a draft left out of the build.
    pub draft_languages: Vec<String>,
    /// Those drafts' files, for `check`.
    pub drafts: Vec<Draft>,
    /// Languages whose file has errors (already reported).
    pub broken_languages: Vec<String>,
    pub assets: Vec<Asset>,
}

/// A draft left out of the build.
#[derive(Debug, Clone)]
pub struct Draft {
    pub lang: String,
    /// The source file, relative to the site root.
    pub source: PathBuf,
    pub front_matter: Arc<FrontMatter>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub node: NodeId,
    pub lang: String,
    /// The source file, relative to the site root.
    pub source: PathBuf,
    pub front_matter: Arc<FrontMatter>,
    /// The title as shown: with the language's typography applied.
    pub title: String,
    /// The description as shown, likewise.
    pub description: Option<String>,
    pub body: Arc<str>,
    pub body_line: usize,
    /// Changes whenever the source file changes.
    pub source_hash: u64,
    pub slug: String,
    /// The URL path within the site: `/nl/artikels/mentorschap/`.
    pub path: String,
    pub date: Option<PageDate>,
    pub updated: Option<PageDate>,
    /// Kept out of search engines and the sitemap: `noindex` in the front
    /// matter, true by default for a form's thank-you page (which no
    /// visitor should land on from a search).
    pub noindex: bool,
}

impl Page {
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Takes in what this page's file says now. Whether that changes the
    /// site is for [`Site::with_page_edited`] to tell.
    pub fn apply(&mut self, file: &SourceFile) {
        self.front_matter = Arc::clone(&file.front_matter);
        self.title.clone_from(&file.title);
        self.description.clone_from(&file.description);
        self.body = Arc::clone(&file.body);
        self.body_line = file.body_line;
        self.source_hash = file.hash;
        self.date.clone_from(&file.date);
        self.updated.clone_from(&file.updated);
    }
}

/// The model. Its parts are shared (`Arc`), so that a copy with one page
/// changed ([`Site::with_page_edited`], after an edit in `praxis serve`)
/// costs a pointer per page rather than the whole site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Arc<Config>,
    pub nodes: Arc<IdVec<NodeId, Node>>,
    pub pages: IdVec<PageId, Arc<Page>>,
    by_key: Arc<HashMap<String, NodeId>>,
    /// For each section and language, its pages in list order.
    lists: Arc<HashMap<(NodeId, String), Vec<PageId>>>,
    /// For each page, its older and newer neighbour in its section's list.
    neighbours: Arc<IdVec<PageId, Neighbours>>,
    /// Per language, the pages of the menu in order.
    menus: Arc<HashMap<String, Vec<PageId>>>,
    pub tags: Arc<Tags>,
}

/// A page's older and newer neighbour in its section's list.
pub type Neighbours = (Option<PageId>, Option<PageId>);

/// Options that change which pages a build holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct ModelOptions {
    pub include_drafts: bool,
}

/// Why an internal link (`@/KEY?lang=xx`) cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    NoSuchNode,
    NotASiteLanguage,
    NotTranslated {
        available: Vec<String>,
    },
    Draft,
    /// The target's file has errors of its own, reported already.
    Broken,
}

impl Site {
    /// Builds the model from the loaded content, reporting pages that
    /// cannot be placed (bad slugs, two pages at one URL).
    pub fn assemble(
        config: Config,
        content: &ContentTree,
        options: ModelOptions,
        diags: &mut Diagnostics,
    ) -> Site {
        let mut clock = crate::timing::Stopwatch::from_env();
        // The model's nodes are the loaded ones, in the same order.
        let by_key: HashMap<String, NodeId> = content
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.key.clone(), NodeId::from_index(i)))
            .collect();

        // Slugs of every node in every language, drafts included: a draft
        // section still gives its children their URL segment. (Looked up
        // for every segment of every page's URL: hashed with Fx, not SipHash,
        // which no one can choose these keys to defeat.)
        let slugs: FxHashMap<(&str, &str), String> = content
            .nodes
            .iter()
            .flat_map(|n| n.files.iter().map(move |f| (n, f)))
            .filter_map(|(n, f)| {
                let slug = node_slug(&n.key, f.front_matter.slug.as_deref(), &f.path, diags)?;
                Some(((n.key.as_str(), f.lang.as_str()), slug))
            })
            .collect();

        clock.lap("  keys and slugs");
        // Each node and its versions are worked out side by side; only
        // where they go, and which of two pages at one URL comes first, is
        // decided one after the other, in the order of the content.
        let prepared: Vec<(Node, Vec<Version>)> = content
            .nodes
            .par_iter()
            .enumerate()
            .map(|(i, source)| {
                prepare_node(
                    &config,
                    options,
                    source,
                    NodeId::from_index(i),
                    &by_key,
                    &slugs,
                )
            })
            .collect();
        clock.lap("  nodes and pages prepared");
        let mut nodes = IdVec::new();
        let mut pages: IdVec<PageId, Arc<Page>> = IdVec::new();
        // Each URL path, and the page already there.
        let mut taken: FxHashMap<String, PageId> = FxHashMap::default();
        taken.reserve(content.nodes.len() * 2);
        for (i, (mut node, versions)) in prepared.into_iter().enumerate() {
            let id = NodeId::from_index(i);
            for version in versions {
                match version {
                    Version::Draft(draft) => {
                        node.draft_languages.push(draft.lang.clone());
                        node.drafts.push(draft);
                    }
                    Version::Broken(lang, problem) => {
                        diags.extend(problem);
                        node.broken_languages.push(lang);
                    }
                    Version::Page(page) => {
                        if let Some(&first) = taken.get(&page.path) {
                            diags.push(
                                Diagnostic::error(format!(
                                    "this page would be published at {}, where {} already is",
                                    page.path,
                                    pages[first].source.display()
                                ))
                                .in_file(&page.source)
                                .kind(Kind::SlugClash)
                                .help("give one of the two pages another slug in its front matter"),
                            );
                            node.broken_languages.push(page.lang.clone());
                            continue;
                        }
                        let path = page.path.clone();
                        let page = pages.push(page);
                        taken.insert(path, page);
                        node.pages.push(page);
                    }
                }
            }
            let pushed = nodes.push(node);
            debug_assert_eq!(pushed, id);
        }

        clock.lap("  nodes and pages placed");
        for id in nodes.ids() {
            if let Some(parent) = nodes[id].parent {
                nodes[parent].children.push(id);
                if nodes[parent].kind == NodeKind::Page {
                    nodes[parent].kind = NodeKind::Section;
                }
            }
        }

        let mut site = Site {
            config: Arc::new(config),
            nodes: Arc::new(nodes),
            pages,
            by_key: Arc::new(by_key),
            lists: Arc::default(),
            neighbours: Arc::default(),
            menus: Arc::default(),
            tags: Arc::default(),
        };
        clock.lap("  children");
        site.index_lists();
        clock.lap("  lists");
        site.menus = Arc::new(site.build_menus());
        site.tags = Arc::new(Tags::collect(&site));
        clock.lap("  menus and tags");
        site
    }

    /// Sorts every section's pages once, so that lists and previous/next
    /// links cost nothing per page.
    ///
    /// The lists are sorted side by side: a large site's are one section
    /// per language of thousands of articles each.
    fn index_lists(&mut self) {
        let sections: Vec<(NodeId, &str)> = self
            .nodes
            .iter_enumerated()
            .filter(|(_, node)| !node.children.is_empty())
            .flat_map(|(id, _)| {
                self.config
                    .language_codes()
                    .into_iter()
                    .map(move |l| (id, l))
            })
            .collect();
        let sorted: Vec<((NodeId, String), Vec<PageId>)> = sections
            .into_par_iter()
            .map(|(id, lang)| ((id, lang.to_owned()), self.sorted_children(id, lang)))
            .collect();
        let mut neighbours = self.pages.iter().map(|_| (None, None)).collect();
        for (_, list) in &sorted {
            set_neighbours(&mut neighbours, &self.pages, list);
        }
        self.lists = Arc::new(sorted.into_iter().collect());
        self.neighbours = Arc::new(neighbours);
    }

    pub fn node(&self, key: &str) -> Option<&Node> {
        self.by_key.get(key).map(|&id| &self.nodes[id])
    }

    pub fn node_id(&self, key: &str) -> Option<NodeId> {
        self.by_key.get(key).copied()
    }

    /// The node's page in `lang`, if it is published in that language.
    pub fn page_in(&self, node: NodeId, lang: &str) -> Option<PageId> {
        self.nodes[node]
            .pages
            .iter()
            .copied()
            .find(|&p| self.pages[p].lang == lang)
    }

    /// The other published languages of a page, in site order, the page itself included.
    pub fn translations(&self, page: PageId) -> impl Iterator<Item = &Page> {
        self.nodes[self.pages[page].node]
            .pages
            .iter()
            .map(|&p| &*self.pages[p])
    }

    /// Resolves `@/KEY` (in `lang`) to a page.
    pub fn resolve(&self, key: &str, lang: &str) -> Result<PageId, LinkError> {
        let node = self.node_id(key).ok_or(LinkError::NoSuchNode)?;
        if !self.config.has_language(lang) {
            return Err(LinkError::NotASiteLanguage);
        }
        self.page_in(node, lang).ok_or_else(|| {
            if self.nodes[node].broken_languages.iter().any(|l| l == lang) {
                LinkError::Broken
            } else if self.nodes[node].draft_languages.iter().any(|l| l == lang) {
                LinkError::Draft
            } else {
                LinkError::NotTranslated {
                    available: self.nodes[node]
                        .pages
                        .iter()
                        .map(|&p| self.pages[p].lang.clone())
                        .collect(),
                }
            }
        })
    }

    /// The menu: the home page's children, by weight then title, unless
    /// they say `menu = false`.
    fn build_menus(&self) -> HashMap<String, Vec<PageId>> {
        let top: Vec<NodeId> = self
            .node_id("")
            .map_or_else(Vec::new, |home| self.nodes[home].children.clone());
        self.config
            .language_codes()
            .into_iter()
            .map(|lang| {
                let mut pages: Vec<PageId> = top
                    .iter()
                    .filter_map(|&n| self.page_in(n, lang))
                    .filter(|&p| self.pages[p].front_matter.menu != Some(false))
                    .collect();
                pages.sort_by(|&a, &b| menu_order(&self.pages[a], &self.pages[b]));
                (lang.to_owned(), pages)
            })
            .collect()
    }

    pub fn menu(&self, lang: &str) -> &[PageId] {
        self.menus.get(lang).map_or(&[], Vec::as_slice)
    }

    /// Pages of a section's child nodes in `lang`, newest first, then by
    /// weight and title for pages without a date.
    pub fn section_pages(&self, section: NodeId, lang: &str) -> &[PageId] {
        self.lists
            .get(&(section, lang.to_owned()))
            .map_or(&[], Vec::as_slice)
    }

    /// The older and newer neighbours of a page in its section's list.
    pub fn neighbours(&self, page: PageId) -> Neighbours {
        self.neighbours[page]
    }

    fn sorted_children(&self, section: NodeId, lang: &str) -> Vec<PageId> {
        let mut pages: Vec<PageId> = self.nodes[section]
            .children
            .iter()
            .filter(|&&c| self.nodes[c].kind == NodeKind::Page)
            .filter_map(|&c| self.page_in(c, lang))
            .collect();
        pages.sort_by(|&a, &b| newest_first(&self.pages[a], &self.pages[b]));
        pages
    }

    /// Child sections of a section in `lang`, by weight then title.
    pub fn subsections(&self, section: NodeId, lang: &str) -> Vec<PageId> {
        let mut pages: Vec<PageId> = self.nodes[section]
            .children
            .iter()
            .filter(|&&c| self.nodes[c].kind == NodeKind::Section)
            .filter_map(|&c| self.page_in(c, lang))
            .collect();
        pages.sort_by(|&a, &b| subsection_order(&self.pages[a], &self.pages[b]));
        pages
    }
}

/// Gives each page of a section's `list` its older and newer neighbour.
/// Older and newer mean something between dated pages only: an article
/// has neighbours, the contact page does not.
fn set_neighbours(
    neighbours: &mut IdVec<PageId, Neighbours>,
    pages: &IdVec<PageId, Arc<Page>>,
    list: &[PageId],
) {
    let dated: Vec<PageId> = list
        .iter()
        .copied()
        .filter(|&p| pages[p].date.is_some())
        .collect();
    for &p in list {
        neighbours[p] = (None, None);
    }
    for (i, &p) in dated.iter().enumerate() {
        neighbours[p] = (
            dated.get(i + 1).copied(),
            i.checked_sub(1).map(|j| dated[j]),
        );
    }
}

/// Whether the node `key` is a form's thank-you page, kept out of search
/// engines unless its front matter says otherwise.
/// What one language file of a node becomes in the model, before it is
/// placed ([`Site::assemble`]).
enum Version {
    /// Held back: a draft, in a build without drafts.
    Draft(Draft),
    /// Cannot be placed, in this language, with what to report (a missing
    /// slug was reported with the slugs).
    Broken(String, Option<Diagnostic>),
    /// A page, unless another is at its URL already.
    Page(Arc<Page>),
}

/// The node `id` of the content node `source`, without its pages, and what
/// each of its language files becomes, in the site's language order.
fn prepare_node(
    config: &Config,
    options: ModelOptions,
    source: &crate::content::SourceNode,
    id: NodeId,
    by_key: &HashMap<String, NodeId>,
    slugs: &FxHashMap<(&str, &str), String>,
) -> (Node, Vec<Version>) {
    let parent = parent_key(&source.key).and_then(|k| {
        // The nearest ancestor folder that is a node.
        let mut key = k;
        loop {
            if let Some(&p) = by_key.get(key) {
                return Some(p);
            }
            key = parent_key(key)?;
        }
    });
    let node = Node {
        key: source.key.clone(),
        kind: if source.key.is_empty() {
            NodeKind::Home
        } else {
            NodeKind::Page
        },
        parent,
        children: Vec::new(),
        pages: Vec::new(),
        draft_languages: Vec::new(),
        drafts: Vec::new(),
        broken_languages: source.broken_languages.clone(),
        assets: source.assets.clone(),
    };
    let mut versions = Vec::with_capacity(source.files.len());
    for lang in config.language_codes() {
        let Some(file) = source.files.iter().find(|f| f.lang == lang) else {
            continue;
        };
        if file.front_matter.draft && !options.include_drafts {
            versions.push(Version::Draft(Draft {
                lang: lang.to_owned(),
                source: file.path.clone(),
                front_matter: file.front_matter.clone(),
            }));
            continue;
        }
        // A page that cannot be placed is reported once, here; its
        // language counts as broken, not missing, from now on.
        let Some(slug) = slugs.get(&(source.key.as_str(), lang)) else {
            versions.push(Version::Broken(lang.to_owned(), None));
            continue;
        };
        let path = match page_path(config, &source.key, lang, slugs) {
            Ok(path) => path,
            Err((folder, why)) => {
                let name = folder.rsplit('/').next().unwrap_or(folder);
                let problem = Diagnostic::error(format!(
                    "this page's URL would contain the folder name `{name}` (content/{folder}), but {}",
                    why.naming("that name")
                ))
                .in_file(&file.path)
                .help(format!(
                    "rename the folder content/{folder} (to `{}`, say), or give it a page with a slug",
                    slugs::slugify(name)
                ));
                versions.push(Version::Broken(lang.to_owned(), Some(problem)));
                continue;
            }
        };
        versions.push(Version::Page(Arc::new(Page {
            node: id,
            lang: lang.to_owned(),
            source: file.path.clone(),
            date: file.date.clone(),
            updated: file.updated.clone(),
            title: file.title.clone(),
            description: file.description.clone(),
            front_matter: file.front_matter.clone(),
            body: Arc::clone(&file.body),
            body_line: file.body_line,
            source_hash: file.hash,
            slug: slug.clone(),
            path,
            noindex: file
                .front_matter
                .noindex
                .unwrap_or_else(|| thanks_page(config, &source.key)),
        })));
    }
    (node, versions)
}

fn thanks_page(config: &Config, key: &str) -> bool {
    config.forms.values().any(|form| form.thanks == key)
}

fn parent_key(key: &str) -> Option<&str> {
    if key.is_empty() {
        None
    } else {
        Some(key.rfind('/').map_or("", |i| &key[..i]))
    }
}

/// The page's slug: from its front matter (checked when the file was read),
/// else its folder name, which must then be a URL segment too. Slugs are
/// compared and published in NFC.
fn node_slug(
    key: &str,
    written: Option<&str>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<String> {
    let folder = key.rsplit('/').next().unwrap_or(key);
    match written {
        Some(slug) => Some(crate::site_files::nfc(slug).into_owned()),
        // The home page's key is empty: its URL is the language root.
        None if key.is_empty() => Some(String::new()),
        None => match slugs::check(folder) {
            Ok(()) => Some(folder.to_owned()),
            Err(why) => {
                diags.push(folder_error(folder, &why, file));
                None
            }
        },
    }
}

/// A folder name that would be a URL segment and cannot be one.
fn folder_error(folder: &str, why: &SlugError, file: &Path) -> Diagnostic {
    let why = why.naming("the folder name");
    Diagnostic::error(format!(
        "the folder name `{folder}` would be this page's URL segment, but {why}"
    ))
    .in_file(file)
    .help(format!(
        "add slug = \"{}\" to the front matter of each language file, or rename the folder",
        slugs::slugify(folder)
    ))
}

/// `/nl/artikels/mentorschap/`: the language root, then each ancestor's slug
/// in that language (its folder name where it has no page in it). `Err`
/// names a folder whose name is used and is not a URL segment.
fn page_path<'k>(
    config: &Config,
    key: &'k str,
    lang: &str,
    slugs: &FxHashMap<(&str, &str), String>,
) -> Result<String, (&'k str, SlugError)> {
    let mut path = config.language_root(lang);
    if key.is_empty() {
        return Ok(path);
    }
    let mut end = 0;
    for segment in key.split('/') {
        end += segment.len();
        let prefix = &key[..end];
        end += 1;
        match slugs.get(&(prefix, lang)) {
            Some(slug) => path.push_str(slug),
            None => {
                slugs::check(segment).map_err(|why| (prefix, why))?;
                path.push_str(segment);
            }
        }
        path.push('/');
    }
    Ok(path)
}

/// The model of the site whose `content/` is under `root`, in Dutch (the
/// default) and French, with what assembling it said: what the model's
/// unit tests build their sites with.
#[cfg(test)]
pub(crate) fn assembled_for_tests(root: &std::path::Path) -> (Site, Diagnostics) {
    let config = crate::config::Config::parse(
        "base_url = \"https://example.org\"\ndefault_language = \"nl\"\n\
         [languages.nl]\ntitle = \"Praktijk\"\n[languages.fr]\ntitle = \"Cabinet\"\n",
    )
    .unwrap();
    let mut diags = Diagnostics::new();
    let mut cache = crate::content::ContentCache::default();
    let content = crate::content::load_cached(root, &config, &mut cache, &mut diags);
    let site = Site::assemble(config, content, ModelOptions::default(), &mut diags);
    (site, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bilingual site whose French home page is missing and whose
    /// "over" page is French only, so that page ids and node ids part ways.
    fn site() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            ("nl.md", "Thuis"),
            ("artikels/nl.md", "Artikels"),
            ("artikels/fr.md", "Articles"),
            ("artikels/een/nl.md", "Een"),
            ("artikels/een/fr.md", "Un"),
            ("over/fr.md", "À propos"),
        ];
        for (path, title) in files {
            let path = dir.path().join("content").join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, format!("+++\ntitle = \"{title}\"\n+++\nTekst.\n")).unwrap();
        }
        let (site, diags) = assembled_for_tests(dir.path());
        assert!(diags.is_empty(), "{diags:?}");
        site
    }

    #[test]
    fn a_page_id_indexes_the_page_it_names_and_a_node_id_the_node() {
        let site = site();
        assert_eq!((site.nodes.len(), site.pages.len()), (4, 6));
        for id in site.pages.ids() {
            let page = &site.pages[id];
            let node = &site.nodes[page.node];
            assert!(node.pages.contains(&id), "{} lists {id:?}", node.key);
            assert_eq!(site.page_in(page.node, &page.lang), Some(id));
            assert_eq!(site.resolve(&node.key, &page.lang), Ok(id));
        }
        for (id, node) in site.nodes.iter_enumerated() {
            assert_eq!(site.node_id(&node.key), Some(id));
            for &child in &node.children {
                assert_eq!(site.nodes[child].parent, Some(id));
            }
        }
        let over = site.node_id("over").unwrap();
        let un = site.resolve("artikels/een", "fr").unwrap();
        assert_eq!(site.pages[un].title, "Un");
        assert_eq!(
            site.section_pages(site.node_id("artikels").unwrap(), "fr"),
            [un]
        );
        assert_eq!(site.nodes[over].pages.len(), 1);
    }
}
