//! The template values every output shares, made once per build: `site`
//! in each language, and each page's summary as lists show it, each with
//! its fingerprint. Outputs and template functions read them; they read no
//! output, which is why they live apart from the outputs that use them.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Value;

use super::cache::{RenderCache, combine, fingerprint};
use super::{deferred, views};
use crate::markdown::ConvertedPages;
use crate::model::{IdVec, PageId, Shift, Site};

/// Template values shared by every page, each with its fingerprint.
#[derive(Clone)]
pub(crate) struct SharedValues {
    /// `site`, per language.
    sites: HashMap<String, (Value, u64)>,
    /// Each page as it appears in lists, with the fingerprint of what
    /// templates can read of it ([`views::SummaryReads`]).
    pub(crate) summaries: IdVec<PageId, (Value, u64)>,
    reads: views::SummaryReads,
    /// Whether `summaries` hold their values yet, or only their
    /// fingerprints ([`deferred`], until [`Self::make_values`]).
    values_made: bool,
}

impl SharedValues {
    /// Builds the values, taking the summaries that did not change from the
    /// cache; with `defer`, only the summaries' fingerprints: their values
    /// come with [`Self::make_values`]. Without `fingerprinted`
    /// ([`RenderCache::fingerprints_made`]), the summaries' fingerprints
    /// are 0: deferred, a summary is then not looked at before its value
    /// is made.
    pub(super) fn new(
        site: &Site,
        converted: &ConvertedPages,
        reads: views::SummaryReads,
        cache: &RenderCache,
        defer: bool,
        fingerprinted: bool,
    ) -> SharedValues {
        let sites = site
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), site_value(site, l)))
            .collect();
        let summaries = if defer && !fingerprinted {
            site.pages.ids().map(|_| (Value::none(), 0)).collect()
        } else {
            site.pages
                .par_ids()
                .map(|id| {
                    let view = views::page_summary(site, converted, id);
                    let fp = if fingerprinted {
                        fingerprint(&reads.narrow(&view))
                    } else {
                        0
                    };
                    if defer {
                        return (Value::none(), fp);
                    }
                    (summary_value(site, converted, cache, id, fp, || view), fp)
                })
                .collect()
        };
        SharedValues {
            sites,
            summaries,
            reads,
            values_made: !defer,
        }
    }

    /// Makes the summaries' values, put off by [`Self::new`].
    pub(super) fn make_values(
        &mut self,
        site: &Site,
        converted: &ConvertedPages,
        cache: &RenderCache,
    ) {
        if self.values_made {
            return;
        }
        let summaries = &self.summaries;
        self.summaries = site
            .pages
            .par_ids()
            .map(|id| {
                let fp = summaries[id].1;
                let value = summary_value(site, converted, cache, id, fp, || {
                    views::page_summary(site, converted, id)
                });
                (value, fp)
            })
            .collect();
        self.values_made = true;
    }

    pub(crate) fn values_made(&self) -> bool {
        self.values_made
    }

    /// Takes in the new summaries of `edited`; `false` if the `site` of a
    /// language changed too (a menu title): every output must be looked at.
    pub(super) fn update(
        &mut self,
        site: &Site,
        converted: &ConvertedPages,
        edited: &[PageId],
    ) -> bool {
        for language in &site.config.languages {
            let now = site_value(site, language).1;
            if self
                .sites
                .get(&language.code)
                .is_none_or(|(_, fp)| *fp != now)
            {
                return false;
            }
        }
        for &id in edited {
            let view = views::page_summary(site, converted, id);
            let fp = fingerprint(&self.reads.narrow(&view));
            self.summaries[id] = (Value::from_serializable(&view), fp);
        }
        true
    }

    /// These values with the summaries renumbered after a page joined or
    /// left the site: the page that joined has none until
    /// [`Self::update`] makes it.
    pub(super) fn shifted(&self, pages: Shift<PageId>) -> SharedValues {
        SharedValues {
            sites: self.sites.clone(),
            summaries: self.summaries.shifted(pages, || (Value::none(), 0)),
            reads: self.reads,
            values_made: self.values_made,
        }
    }

    pub(crate) fn list(&self, ids: &[PageId]) -> Value {
        if !self.values_made {
            // The output asking is made again once they are.
            deferred::asked_too_early();
            return Value::from(Vec::<Value>::new());
        }
        Value::from(
            ids.iter()
                .map(|&p| self.summaries[p].0.clone())
                .collect::<Vec<_>>(),
        )
    }

    pub(crate) fn site_fingerprint(&self, lang: &str) -> u64 {
        self.sites[lang].1
    }

    pub(crate) fn site_value(&self, lang: &str) -> Value {
        self.sites[lang].0.clone()
    }

    pub(crate) fn list_fingerprint(&self, ids: &[PageId]) -> u64 {
        combine(ids.iter().map(|&p| self.summaries[p].1))
    }
}

/// A page's summary as a template value: the cache's, if the page's file
/// and Markdown are as they were, else made from `view`.
fn summary_value<V: serde::Serialize>(
    site: &Site,
    converted: &ConvertedPages,
    cache: &RenderCache,
    id: PageId,
    fingerprint: u64,
    view: impl FnOnce() -> V,
) -> Value {
    // The whole value is what the page's file and Markdown make it (with
    // its URL and kind, which the fingerprint holds).
    let whole = summary_key(site, converted, id, fingerprint);
    cache.summary(whole, || Value::from_serializable(&view()))
}

/// What the render cache keeps a summary's template value under: its
/// fingerprint leaves out fields no template reads, the page's file and
/// Markdown hold the rest.
pub(super) fn summary_key(
    site: &Site,
    converted: &ConvertedPages,
    id: PageId,
    fingerprint: u64,
) -> u64 {
    combine([
        fingerprint,
        site.pages[id].source_hash,
        converted[id].generation,
    ])
}

/// `site` as one language sees it, with its fingerprint.
fn site_value(site: &Site, language: &crate::config::Language) -> (Value, u64) {
    let view = views::site_view(site, language);
    (Value::from_serializable(&view), fingerprint(&view))
}
