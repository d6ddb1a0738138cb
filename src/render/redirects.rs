//! `[[redirects]]` of site.toml (see `config::redirects`) as outputs: each
//! old address gets the redirect stub a page's `aliases` get
//! ([`super::aliases`]), leading to a page or to a tag's page, which has
//! no front matter to hold an alias of its own.
//!
//! The build checks each entry against the site first, and an entry that
//! cannot be followed is an error at its line in site.toml: a `from` that
//! is not a path of the site or is a page's own address (a redirect there
//! would hide the page), a second entry from the same address, a page or
//! tag that is not there.

use std::collections::HashMap;

use crate::config::redirects::{Redirect, Target};
use crate::config::{CONFIG_FILE, LangId};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{LinkError, PageId, Site};
use crate::output::index_file;
use crate::slugs::slugify;

/// Where a redirect of site.toml leads, resolved in the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum To {
    Page(PageId),
    Tag { lang: LangId, slug: String },
}

/// Each `[[redirects]]` entry that can be followed, by its index in
/// `config.redirects`, with where it leads; the others are reported.
pub(super) fn list(site: &Site, diags: &mut Diagnostics) -> Vec<(usize, To)> {
    let config = &site.config;
    if config.redirects.is_empty() {
        return Vec::new();
    }
    // The files the pages and the tag pages are written to.
    let mut taken: HashMap<String, String> = HashMap::new();
    for page in site.pages.iter() {
        taken.insert(
            index_file(&page.path),
            format!("the page {}", page.source.display()),
        );
    }
    for language in &config.languages {
        for term in site.tags.terms(&language.code) {
            taken.insert(
                index_file(&term.path),
                format!("the page of the tag `{}`", term.name),
            );
        }
    }
    let mut from_seen: HashMap<String, &Redirect> = HashMap::new();
    let mut out = Vec::new();
    for (index, redirect) in config.redirects.iter().enumerate() {
        let error = |message: String, help: &str| {
            Diagnostic::error(message)
                .in_file(CONFIG_FILE)
                .at_offset(&config.source, redirect.span.start, 1)
                .help(help.to_owned())
        };
        let from = &redirect.from;
        let file = match crate::content::front_matter::alias_path(from) {
            Ok(file) => file,
            Err(why) => {
                diags.push(error(
                    format!("redirect from `{from}`: not a path on this site: {why}"),
                    "write an old address of this site as a path from its root, like \"/category/rouw/\"",
                ));
                continue;
            }
        };
        if let Some(what) = taken.get(&file) {
            diags.push(error(
                format!("redirect from `{from}`: that is the address of {what}"),
                "a redirect is for an address no page has any more: remove the entry, or give the page another slug",
            ));
            continue;
        }
        if let Some(first) = from_seen.get(&file) {
            diags.push(error(
                format!(
                    "redirect from `{from}`: a redirect from there to {} comes first",
                    first.to.describe()
                ),
                "an address leads to one place: remove one of the two entries",
            ));
            continue;
        }
        from_seen.insert(file, redirect);
        match resolve(site, &redirect.to) {
            Ok(to) => out.push((index, to)),
            Err((message, help)) => {
                diags.push(error(format!("redirect from `{from}`: {message}"), &help))
            }
        }
    }
    out
}

/// The page or tag page `target` names, or what is wrong and what to do.
fn resolve(site: &Site, target: &Target) -> Result<To, (String, String)> {
    let config = &site.config;
    match target {
        Target::Page { key, lang } => {
            let lang = lang.as_deref().unwrap_or(&config.default_language);
            site.resolve(key, lang).map(To::Page).map_err(|why| {
                let to = target.describe();
                let message = match why {
                    LinkError::NoSuchNode => format!("`{to}`: there is no page content/{key}/"),
                    LinkError::NotASiteLanguage => {
                        format!("`{to}`: this site has no language `{lang}`")
                    }
                    LinkError::NotTranslated { available } => format!(
                        "`{to}`: the page has no {lang} version (it is in {})",
                        available.join(", ")
                    ),
                    LinkError::Draft => format!("`{to}`: the {lang} page is a draft"),
                    LinkError::Broken => format!("`{to}`: the {lang} page has errors"),
                };
                (
                    message,
                    "write the key of a page, its folder under content/, as a Markdown link names it: \"@/over-mij\", \"@/articles/rouw?lang=fr\"".to_owned(),
                )
            })
        }
        Target::Tag { name, lang } => {
            let slug = slugify(name);
            let carried = site
                .tags
                .terms(lang)
                .binary_search_by(|t| t.slug.as_str().cmp(&slug))
                .is_ok();
            match config.language_id(lang) {
                Some(lang) if carried => Ok(To::Tag { lang, slug }),
                _ => Err((
                    format!("no {lang} page carries the tag `{name}`, so it has no page"),
                    "tag a page with it, or send the address to a page (`to = \"@/…\"` instead of `tag`)".to_owned(),
                )),
            }
        }
    }
}
