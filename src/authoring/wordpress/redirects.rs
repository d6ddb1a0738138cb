//! The old URLs no imported page stands at: WordPress's archives of a
//! category or tag, its feed, its short links (`?p=12`), attachment pages
//! and uploads. A static site cannot serve a redirect from most of them
//! (a query string, a feed readers fetch without following a page's
//! refresh; tag pages have no front matter to hold an alias), so each is
//! listed with where it should go, to set up at the host.

use std::collections::BTreeMap;

use super::Report;
use super::front_matter::{decode_entities, is_default_category, old_path};
use super::wxr::{Export, Item};
use crate::config::Config;
use crate::slugs::slugify;

/// An imported page: its item, language and new path.
pub(super) struct Placed<'a> {
    pub item: &'a Item,
    pub lang: String,
    pub new_path: String,
}

/// Lists each old URL without a page, and where to send it.
pub(super) fn list_unplaced(
    export: &Export,
    config: &Config,
    placed: &[Placed<'_>],
    categories: bool,
    report: &mut Report,
) {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let tag_path =
        |lang: &str, label: &str| config.tag_path(lang, &slugify(&decode_entities(label)));
    for p in placed {
        for t in p.item.terms_of("post_tag") {
            out.entry(format!("/tag/{}/", t.nicename))
                .or_insert_with(|| tag_path(&p.lang, &t.label));
        }
        for t in p.item.terms_of("category") {
            if categories && !is_default_category(&t.nicename) {
                out.entry(format!("/category/{}/", t.nicename))
                    .or_insert_with(|| tag_path(&p.lang, &t.label));
            }
        }
        if p.item.status == "publish" && p.item.password.is_empty() {
            let query = if p.item.kind == "page" {
                "page_id"
            } else {
                "p"
            };
            out.insert(format!("/?{query}={}", p.item.id), p.new_path.clone());
        }
    }
    if placed.iter().any(|p| p.item.kind == "post") {
        let lang = &config.default_language;
        out.insert("/feed/".into(), config.feed_path(lang));
    }
    for item in export.items.iter().filter(|i| i.kind == "attachment") {
        let Some(path) = old_path(&item.link)
            .or_else(|| item.link.find("/?").map(|at| item.link[at..].to_owned()))
        else {
            continue;
        };
        if path.contains("/wp-content/uploads/") {
            continue;
        }
        // An attachment belongs to the post it was uploaded to.
        let target = placed
            .iter()
            .find(|p| p.item.id == item.parent && item.parent != 0)
            .map(|p| p.new_path.clone())
            .unwrap_or_else(|| {
                "a page of your choice (it was uploaded to no imported post)".into()
            });
        out.entry(path).or_insert(target);
    }
    if report.files_copied > 0 {
        out.insert(
            "/wp-content/uploads/…".into(),
            "the pages the files are now beside (each file is listed above as created)".into(),
        );
    }
    report.host_redirects = out
        .into_iter()
        .map(|(from, to)| format!("{from} → {to}"))
        .collect();
}
