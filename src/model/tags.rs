//! Tags: per language, every term and the pages that carry it.
//!
//! Tags are written per language (`mentorschap` in Dutch, `mentorat` in
//! French), so a term's translation is not its name: it is the term of the
//! other language carried by the same articles. A term is paired with the
//! other language's term whose pages overlap most (more than half), which
//! lets the language switcher of a tag page land on the matching tag page.

use std::collections::HashMap;

use rayon::prelude::*;

use super::ids::{Id, Shift};
use super::{Page, PageId, Site, newest_first, reorders_newest_first};
use crate::config::Language;
use crate::slugs::slugify;

/// One tag in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub lang: String,
    /// `/nl/onderwerpen/mentorschap/`.
    pub path: String,
    /// Newest first ([`newest_first`]).
    pub pages: Vec<PageId>,
    /// The matching term in each other language, as an index into that
    /// language's list.
    pub translations: Vec<(String, usize)>,
}

impl Term {
    /// A term of `language` without pages yet.
    fn new(site: &Site, language: &Language, name: &str, slug: String) -> Term {
        Term {
            name: name.to_owned(),
            path: site.config.tag_path(&language.code, &slug),
            slug,
            lang: language.code.clone(),
            pages: Vec::new(),
            translations: Vec::new(),
        }
    }

    /// Names the term as its first page writes it (pages spell a tag
    /// differently: "Rouw", "rouw"), after its pages changed.
    fn name_after_first_page(&mut self, site: &Site) {
        if let Some(&first) = self.pages.iter().min()
            && let Some(name) = site.pages[first]
                .front_matter
                .tags
                .iter()
                .find(|t| slugify(t) == self.slug)
        {
            self.name.clone_from(name);
        }
    }
}

/// Every term of every language.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Tags {
    /// Per language, terms sorted by slug.
    pub by_language: HashMap<String, Vec<Term>>,
}

impl Tags {
    /// Every language's terms, the languages side by side (each sorts
    /// its terms' pages, thousands of them on a large site).
    pub fn collect(site: &Site) -> Tags {
        let by_language = site
            .config
            .languages
            .par_iter()
            .map(|language| (language.code.clone(), Tags::terms_in(site, language)))
            .collect();
        let mut tags = Tags { by_language };
        tags.pair_translations(site);
        tags
    }

    /// The terms of `language`'s pages, by slug, each with its pages
    /// newest first.
    fn terms_in(site: &Site, language: &Language) -> Vec<Term> {
        let lang = &language.code;
        let mut terms: HashMap<String, Term> = HashMap::new();
        // Many pages share few tags: slugify each name once.
        let mut slugs: HashMap<&str, String> = HashMap::new();
        for (id, page) in site
            .pages
            .iter_enumerated()
            .filter(|(_, p)| &p.lang == lang)
        {
            for name in &page.front_matter.tags {
                let slug = slugs
                    .entry(name.as_str())
                    .or_insert_with(|| slugify(name))
                    .clone();
                let term = terms
                    .entry(slug.clone())
                    .or_insert_with(|| Term::new(site, language, name, slug));
                // Pages come in order: one naming a tag twice is the last.
                if term.pages.last() != Some(&id) {
                    term.pages.push(id);
                }
            }
        }
        let mut terms: Vec<Term> = terms.into_values().collect();
        terms.sort_by(|a, b| a.slug.cmp(&b.slug));
        terms
            .par_iter_mut()
            .for_each(|term| sort_newest_first(site, &mut term.pages));
        terms
    }

    /// These tags once page `id` of `site` replaced `before` (an edit of
    /// its file): the page leaves the terms it dropped and joins the ones
    /// it took, in its place among their pages; terms come and go with
    /// their first and last page. What [`Self::collect`] would give, for
    /// the cost of the page's own terms.
    pub(super) fn edited(&self, site: &Site, id: PageId, before: &Page) -> Tags {
        let page = &site.pages[id];
        let mut tags = self.clone();
        let slugs =
            |p: &Page| -> Vec<String> { p.front_matter.tags.iter().map(|t| slugify(t)).collect() };
        let (was, now) = (slugs(before), slugs(page));
        let moved = reorders_newest_first(page, before);
        let renamed = page.front_matter.tags != before.front_matter.tags;
        let Some(language) = site.config.language(&page.lang) else {
            return tags;
        };
        let terms = tags.by_language.entry(page.lang.clone()).or_default();
        for (name, slug) in page.front_matter.tags.iter().zip(&now) {
            if let Err(at) = terms.binary_search_by(|t| t.slug.cmp(slug)) {
                terms.insert(at, Term::new(site, language, name, slug.clone()));
            }
        }
        let mut members_changed = false;
        for term in terms.iter_mut() {
            let (had, has) = (was.contains(&term.slug), now.contains(&term.slug));
            if had && (!has || moved) {
                term.pages.retain(|&p| p != id);
            }
            if has && (!had || moved) {
                let at = term.pages.partition_point(|&q| {
                    newest_first(&site.pages[q], page).then(q.cmp(&id)).is_lt()
                });
                term.pages.insert(at, id);
            }
            members_changed |= had != has;
            if (had || has) && renamed {
                term.name_after_first_page(site);
            }
        }
        terms.retain(|t| !t.pages.is_empty());
        if members_changed {
            for term in tags.by_language.values_mut().flatten() {
                term.translations.clear();
            }
            tags.pair_translations(site);
        }
        tags
    }

    /// These tags with the pages renumbered by `shift` (a page that
    /// joined or left the site): the page removed leaves its terms, which
    /// [`Self::left`] then brings in line.
    pub(super) fn shifted(&self, shift: Shift<PageId>) -> Tags {
        let mut tags = self.clone();
        for term in tags.by_language.values_mut().flatten() {
            term.pages = shift.apply_all(&term.pages);
        }
        tags
    }

    /// These tags (already [`Self::shifted`]) once a page of `lang` that
    /// carried the terms `slugs` left `site`: each is named as its first
    /// page now writes it, one left without pages goes, and the terms are
    /// paired across languages again. What [`Self::collect`] would give.
    pub(super) fn left(&self, site: &Site, lang: &str, slugs: &[String]) -> Tags {
        let mut tags = self.clone();
        if slugs.is_empty() {
            return tags;
        }
        if let Some(terms) = tags.by_language.get_mut(lang) {
            for term in terms.iter_mut().filter(|t| slugs.contains(&t.slug)) {
                term.name_after_first_page(site);
            }
            terms.retain(|t| !t.pages.is_empty());
        }
        for term in tags.by_language.values_mut().flatten() {
            term.translations.clear();
        }
        tags.pair_translations(site);
        tags
    }

    pub fn terms(&self, lang: &str) -> &[Term] {
        self.by_language.get(lang).map_or(&[], Vec::as_slice)
    }

    /// Pairs each term with its translation in every other language: the
    /// term there whose pages' nodes overlap most with its own, more than
    /// half of both; on a tie, the first by slug. Made again whenever a
    /// term's pages change (an edit of its tags, a page that joins or
    /// leaves), so it is counted without a map per node: the terms of the
    /// other language are listed node by node in one flat array, and the
    /// overlaps of one term counted in one array of the other language's
    /// length.
    fn pair_translations(&mut self, site: &Site) {
        let langs: Vec<String> = site
            .config
            .language_codes()
            .iter()
            .map(|s| s.to_string())
            .collect();
        // Each page's node, read once: the terms' pages are looked up
        // four times over, and each page is a separate allocation.
        let nodes: Vec<u32> = site.pages.iter().map(|p| p.node.index() as u32).collect();
        let node_of = |p: PageId| nodes[p.index()] as usize;
        let mut pairs: Vec<(String, usize, String, usize)> = Vec::new();
        for b in &langs {
            let tb = self.terms(b);
            // The terms of `b` carried by each node: those of node n are
            // `of_node[start[n]..start[n + 1]]`.
            let mut start = vec![0usize; site.nodes.len() + 1];
            for term in tb {
                for &p in &term.pages {
                    start[node_of(p) + 1] += 1;
                }
            }
            for n in 0..site.nodes.len() {
                start[n + 1] += start[n];
            }
            let mut of_node = vec![0usize; start[site.nodes.len()]];
            let mut filled = start.clone();
            for (j, term) in tb.iter().enumerate() {
                for &p in &term.pages {
                    let n = node_of(p);
                    of_node[filled[n]] = j;
                    filled[n] += 1;
                }
            }
            let mut overlap = vec![0usize; tb.len()];
            for a in langs.iter().filter(|a| *a != b) {
                for (i, term) in self.terms(a).iter().enumerate() {
                    overlap.iter_mut().for_each(|o| *o = 0);
                    for &p in &term.pages {
                        let n = node_of(p);
                        for &j in &of_node[start[n]..start[n + 1]] {
                            overlap[j] += 1;
                        }
                    }
                    // The best match must share more than half of both terms' pages.
                    let best = overlap
                        .iter()
                        .enumerate()
                        .filter(|&(j, &shared)| {
                            shared > 0
                                && 2 * shared > term.pages.len()
                                && 2 * shared > tb[j].pages.len()
                        })
                        .max_by_key(|&(j, &shared)| (shared, std::cmp::Reverse(j)));
                    if let Some((j, _)) = best {
                        pairs.push((a.clone(), i, b.clone(), j));
                    }
                }
            }
        }
        // (Each term's translations in the order of the languages.)
        for (a, i, b, j) in pairs {
            if let Some(term) = self.by_language.get_mut(&a).and_then(|t| t.get_mut(i)) {
                term.translations.push((b, j));
            }
        }
    }
}

/// A tag's pages, in the order of a section's list.
fn sort_newest_first(site: &Site, pages: &mut [PageId]) {
    pages.sort_by(|&a, &b| newest_first(&site.pages[a], &site.pages[b]));
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// A site of `n` articles in Dutch and French, each carrying a few of
    /// six terms per language, picked so that terms overlap in every way:
    /// most, half, ties.
    fn tagged_site(n: usize) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: String| {
            let path = dir.path().join("content").join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("nl.md", "+++\ntitle = \"Thuis\"\n+++\n".into());
        write("fr.md", "+++\ntitle = \"Accueil\"\n+++\n".into());
        write("a/nl.md", "+++\ntitle = \"Artikels\"\n+++\n".into());
        write("a/fr.md", "+++\ntitle = \"Articles\"\n+++\n".into());
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let nl = ["rouw", "angst", "stress", "slaap", "werk", "relatie"];
        let fr = ["deuil", "peur", "tension", "sommeil", "travail", "couple"];
        for i in 0..n {
            // Mostly the same terms in both languages, not always.
            let picked: Vec<usize> = (0..1 + next() % 3).map(|_| next() % 6).collect();
            let translated: Vec<usize> = picked
                .iter()
                .map(|&t| if next() % 4 == 0 { next() % 6 } else { t })
                .collect();
            for (lang, words, tags) in [("nl", nl, &picked), ("fr", fr, &translated)] {
                let tags: Vec<String> = tags.iter().map(|&t| format!("\"{}\"", words[t])).collect();
                write(
                    &format!("a/{i:03}/{lang}.md"),
                    format!("+++\ntitle = \"{i}\"\ntags = [{}]\n+++\n", tags.join(", ")),
                );
            }
        }
        super::super::assembled_for_tests(dir.path()).0
    }

    /// The pairing as first written, term by term with a map per node:
    /// what the flat count must give.
    fn paired_by_maps(tags: &Tags, site: &Site) -> Vec<(String, usize, String, usize)> {
        let langs = ["nl", "fr"];
        let mut pairs = Vec::new();
        for a in langs {
            for b in langs.iter().filter(|b| **b != a) {
                let (ta, tb) = (tags.terms(a), tags.terms(b));
                let mut terms_of_node: HashMap<_, Vec<usize>> = HashMap::new();
                for (j, t) in tb.iter().enumerate() {
                    for &p in &t.pages {
                        terms_of_node.entry(site.pages[p].node).or_default().push(j);
                    }
                }
                for (i, t) in ta.iter().enumerate() {
                    let mut overlap: HashMap<usize, usize> = HashMap::new();
                    for &p in &t.pages {
                        for &j in terms_of_node.get(&site.pages[p].node).into_iter().flatten() {
                            *overlap.entry(j).or_default() += 1;
                        }
                    }
                    let best = overlap
                        .into_iter()
                        .filter(|&(j, s)| 2 * s > t.pages.len() && 2 * s > tb[j].pages.len())
                        .max_by_key(|&(j, s)| (s, std::cmp::Reverse(j)));
                    if let Some((j, _)) = best {
                        pairs.push((a.to_owned(), i, b.to_string(), j));
                    }
                }
            }
        }
        pairs
    }

    #[test]
    fn a_term_is_paired_with_the_term_sharing_most_of_its_pages_as_a_count_by_maps_pairs_it() {
        for n in [1, 2, 3, 5, 8, 13, 40] {
            let site = tagged_site(n);
            let tags = Tags::collect(&site);
            let mut expected = paired_by_maps(&tags, &site);
            let mut paired: Vec<(String, usize, String, usize)> = ["nl", "fr"]
                .into_iter()
                .flat_map(|a| {
                    tags.terms(a).iter().enumerate().flat_map(move |(i, t)| {
                        t.translations
                            .iter()
                            .map(move |(b, j)| (a.to_owned(), i, b.clone(), *j))
                    })
                })
                .collect();
            expected.sort();
            paired.sort();
            assert_eq!(paired, expected, "{n} articles");
            if n == 40 {
                assert!(paired.len() >= 4, "terms pair: {paired:?}");
            }
        }
    }
}
