//! The functions and filters praxis adds to tera. Each works in the
//! language of the page being rendered, read from the context's `lang`, so
//! that no template ever passes a locale by hand.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use fluent_bundle::{FluentArgs, FluentValue};
use serde::Deserialize;
use tera::{Kwargs, State, Tera, TeraResult, Value};

use super::cache::{Lookup, combine, fingerprint, record_lookup};
use super::shared::SharedValues;
use crate::forms::view::{FormState, form_view};
use crate::i18n::{DateStyle, I18n};
use crate::media::Media;
use crate::model::{NodeKind, PageId, Site};

/// What the lookup functions can return, by (function, key, language),
/// each with its hash so that the render cache can tell whether a page's
/// lookups would still return the same.
pub struct LookupIndex {
    /// Behind a lock so that an edit in `praxis serve` updates the pages it
    /// changed in place: the template functions hold this index.
    entries: RwLock<Entries>,
    /// Whether `entries` answer `get_page` and `get_section` yet.
    summaries_in: std::sync::atomic::AtomicBool,
    /// Answers the image lookups (`resize_image`, `image_set`).
    media: Arc<Media>,
}

/// Answers by (function, key, language), each with its hash.
type Entries = HashMap<(&'static str, String, String), (Value, u64)>;

impl LookupIndex {
    /// An index with no pages yet: see [`Self::refresh`].
    pub fn new(media: &Arc<Media>) -> LookupIndex {
        LookupIndex {
            entries: RwLock::default(),
            summaries_in: std::sync::atomic::AtomicBool::new(false),
            media: Arc::clone(media),
        }
    }

    /// Answers every lookup about every page: while the summaries' values
    /// are not made ([`super::deferred`]), `url_for` only.
    pub fn fill(&self, site: &Site, shared: &SharedValues) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        entries.clear();
        self.summaries_in
            .store(shared.values_made(), std::sync::atomic::Ordering::Release);
        for id in site.pages.ids() {
            put_page(&mut entries, site, shared, id);
        }
    }

    /// Answers anew what the lookups of `pages` return, and `get_section`
    /// of the sections that list them.
    pub fn refresh(&self, site: &Site, shared: &SharedValues, pages: &[PageId]) {
        let mut again: Vec<PageId> = pages.to_vec();
        for &id in pages {
            let page = &site.pages[id];
            if let Some(parent) = site.nodes[page.node].parent {
                again.extend(site.page_in(parent, &page.lang));
            }
        }
        again.sort_unstable();
        again.dedup();
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        for id in again {
            put_page(&mut entries, site, shared, id);
        }
    }

    /// The pages whose summary a lookup's answer holds.
    pub fn pages_read(site: &Site, lookup: &Lookup) -> Vec<PageId> {
        let Some(id) = site
            .node_id(&lookup.key)
            .and_then(|node| site.page_in(node, &lookup.lang))
        else {
            return Vec::new();
        };
        let mut pages = vec![id];
        if lookup.function == "get_section" {
            let page = &site.pages[id];
            pages.extend(site.section_pages(page.node, &page.lang));
            pages.extend(site.subsections(page.node, &page.lang));
        }
        pages
    }

    /// What a lookup returns now, as a hash.
    pub fn result(&self, lookup: &Lookup) -> Option<u64> {
        if let Some(result) = self.media.replay(lookup) {
            return result;
        }
        self.entries
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&(lookup.function, lookup.key.clone(), lookup.lang.clone()))
            .map(|(_, hash)| *hash)
    }

    fn call(&self, function: &'static str, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
        let key = kwargs.must_get::<&str>("key")?.trim_matches('/').to_owned();
        let lang = match kwargs.get::<&str>("lang")? {
            Some(l) => l.to_owned(),
            None => page_lang(state)?,
        };
        if function != "url_for" && !self.summaries_in.load(std::sync::atomic::Ordering::Acquire) {
            // The output asking is made again once they are in.
            super::deferred::asked_too_early();
            return Err(tera::Error::message("the summaries are not made yet"));
        }
        let found = self
            .entries
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&(function, key.clone(), lang.clone()))
            .cloned();
        record_lookup(Lookup {
            function,
            key: key.clone(),
            lang: lang.clone(),
            result: found.as_ref().map(|(_, hash)| *hash),
        });
        let what = if function == "get_section" {
            "section"
        } else {
            "page"
        };
        found.map(|(value, _)| value).ok_or_else(|| {
            tera::Error::message(format!("there is no {what} `{key}` in language `{lang}`"))
        })
    }
}

/// The answers of `url_for`, `get_page` and (for a section) `get_section`
/// about one page.
fn put_page(entries: &mut Entries, site: &Site, shared: &SharedValues, id: PageId) {
    let page = &site.pages[id];
    let node = &site.nodes[page.node];
    let (summary, fp) = shared.summaries[id].clone();
    let mut put = |function: &'static str, value: Value, hash: u64| {
        entries.insert(
            (function, node.key.clone(), page.lang.clone()),
            (value, hash),
        );
    };
    let url = site.config.url(&page.path);
    put("url_for", Value::from(url.as_str()), fingerprint(&url));
    if !shared.values_made() {
        return;
    }
    put("get_page", summary.clone(), fp);
    if node.kind != NodeKind::Page {
        let pages = site.section_pages(page.node, &page.lang);
        let subsections = site.subsections(page.node, &page.lang);
        let mut map = summary.into_map().unwrap_or_default();
        map.insert("pages".into(), shared.list(pages));
        map.insert("subsections".into(), shared.list(&subsections));
        let hash = combine([
            fp,
            shared.list_fingerprint(pages),
            shared.list_fingerprint(&subsections),
        ]);
        put("get_section", Value::from(map), hash);
    }
}

/// Registers every function and filter: `get_page(key=…)`,
/// `get_section(key=…)` and `url_for(key=…)` look things up in the model,
/// each in the page's language unless `lang=…` is given.
pub fn register(tera: &mut Tera, site: &Site, index: &Arc<LookupIndex>, i18n: &Arc<I18n>) {
    for function in ["get_page", "get_section", "url_for"] {
        let index = Arc::clone(index);
        tera.register_function(function, move |kwargs: Kwargs, state: &State| {
            index.call(function, &kwargs, state)
        });
    }
    register_i18n(tera, i18n);
    register_forms(tera, site, i18n);
    register_typeset(tera, site);
}

/// `{{ page.extra.lead | typeset }}`: text from front matter or
/// site.toml with the typography the page's body gets (smart punctuation,
/// French spacing and guillemets), for text praxis does not typeset itself.
/// `typeset(lang="fr")` typesets a text in another language than the
/// page's (a page in every language: the chooser, the root 404).
fn register_typeset(tera: &mut Tera, site: &Site) {
    let smart = site.config.markdown.smart_punctuation;
    let french: HashMap<String, bool> = site
        .config
        .languages
        .iter()
        .map(|l| (l.code.clone(), l.french_typography))
        .collect();
    tera.register_filter(
        "typeset",
        move |value: &Value, kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let lang = match kwargs.get::<&str>("lang")? {
                Some(lang) => lang.to_owned(),
                None => page_lang(state)?,
            };
            let text = value
                .as_str()
                .ok_or_else(|| tera::Error::message("typeset takes a text"))?;
            let french = french.get(&lang).copied().unwrap_or(false);
            Ok(crate::typography::typeset_line(text, smart, french))
        },
    );
}

/// `form(name="contact")`: a form declared in site.toml, with labels,
/// hints and (when the server shows it again after mistakes, through the
/// context's `form_state`) what was typed and what is wrong.
fn register_forms(tera: &mut Tera, site: &Site, i18n: &Arc<I18n>) {
    let forms = Arc::new(site.config.forms.clone());
    // Where the forms post: the endpoint's own origin, else this site.
    let base_path = site
        .config
        .submissions
        .endpoint
        .clone()
        .unwrap_or_else(|| site.config.base_path.clone());
    let retention_days = site.config.submissions.retention_days;
    let i18n = Arc::clone(i18n);
    tera.register_function(
        "form",
        move |kwargs: Kwargs, state: &State| -> TeraResult<Value> {
            let name = kwargs.must_get::<&str>("name")?;
            let form = forms.get(name).ok_or_else(|| {
                tera::Error::message(format!(
                    "there is no form `{name}`: declare it in site.toml under [forms.{name}]"
                ))
            })?;
            let lang = page_lang(state)?;
            let form_state: Option<FormState> = match state.get::<Value>("form_state")? {
                Some(value) => Some(
                    FormState::deserialize(&value)
                        .map_err(|e| tera::Error::message(format!("form_state: {e}")))?,
                ),
                None => None,
            };
            let view = form_view(
                name,
                form,
                &i18n,
                &lang,
                &base_path,
                form_state.as_ref(),
                retention_days,
            )
            .map_err(tera::Error::message)?;
            Ok(Value::from_serializable(&view))
        },
    );
}

/// `t(key="reading-time", minutes=4)`: a UI string from the Fluent files,
/// in the page's language (or `lang="fr"`);
/// `{{ page.date | date }}` (or `date(style="full")`): a localized date;
/// `{{ 1234 | number }}`: a localized number;
/// `{{ page.authors | names }}`: a list of names, joined in the page's language.
fn register_i18n(tera: &mut Tera, i18n: &Arc<I18n>) {
    let strings = Arc::clone(i18n);
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let key = kwargs.must_get::<&str>("key")?;
            // `lang=` asks for another language: a link to the French version
            // is labelled in French.
            let lang = match kwargs.get::<&str>("lang")? {
                Some(l) => l.to_owned(),
                None => page_lang(state)?,
            };
            let mut args = FluentArgs::new();
            for (name, value) in kwargs.iter() {
                let Some(name) = name.as_str() else { continue };
                if name == "key" || name == "lang" {
                    continue;
                }
                let value = if let Some(n) = value.as_f64() {
                    FluentValue::from(n)
                } else if let Some(n) = value.as_i64() {
                    FluentValue::from(n)
                } else if let Some(text) = value.as_str() {
                    FluentValue::from(text.to_owned())
                } else {
                    FluentValue::from(value.to_string())
                };
                args.set(name.to_owned(), value);
            }
            strings
                .translate(&lang, key, Some(&args))
                .map_err(|why| tera::Error::message(why.to_string()))
        },
    );

    let dates = Arc::clone(i18n);
    tera.register_filter(
        "date",
        move |value: &Value, kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let style_name = kwargs.get::<&str>("style")?.unwrap_or("long");
            let style = DateStyle::parse(style_name).ok_or_else(|| {
                tera::Error::message(format!(
                    "date style `{style_name}` is not one of medium, long, full"
                ))
            })?;
            // A page's date is a map ({day, rfc3339, …}); a plain string works too.
            let day = value
                .get_from_path("day")
                .and_then(Value::as_str)
                .or_else(|| value.as_str())
                .ok_or_else(|| {
                    tera::Error::message("the date filter needs a date, like page.date")
                })?;
            let lang = page_lang(state)?;
            dates.date(&lang, day, style).ok_or_else(|| {
                tera::Error::message(format!("`{day}` is not a date like 2026-11-27"))
            })
        },
    );

    // `{{ page.authors | names }}`: "Luc Claes", "Luc en Marie Claes"
    // style lists, joined as the page's language joins names (`list-and`).
    let lists = Arc::clone(i18n);
    tera.register_filter(
        "names",
        move |value: &Value, kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let lang = match kwargs.get::<&str>("lang")? {
                Some(l) => l.to_owned(),
                None => page_lang(state)?,
            };
            let names: Vec<String> = match value.as_array() {
                Some(items) => items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                None => value
                    .as_str()
                    .map(|s| vec![s.to_owned()])
                    .unwrap_or_default(),
            };
            let and = || {
                lists
                    .translate(&lang, "list-and", None)
                    .map_err(|why| tera::Error::message(why.to_string()))
            };
            Ok(match names.as_slice() {
                [] => String::new(),
                [one] => one.clone(),
                [init @ .., last] => format!("{} {} {last}", init.join(", "), and()?),
            })
        },
    );

    let numbers = Arc::clone(i18n);
    tera.register_filter(
        "number",
        move |value: &Value, _: Kwargs, state: &State| -> TeraResult<String> {
            let n = value
                .as_f64()
                .or_else(|| value.as_i64().map(|i| i as f64))
                .ok_or_else(|| tera::Error::message("the number filter needs a number"))?;
            let lang = page_lang(state)?;
            numbers.number(&lang, n).ok_or_else(|| {
                tera::Error::message(format!("`{lang}` is not a language of this site"))
            })
        },
    );
}

fn page_lang(state: &State) -> TeraResult<String> {
    state
        .get::<String>("lang")?
        .ok_or_else(|| tera::Error::message("no `lang` in the template context"))
}
