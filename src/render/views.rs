//! What templates see: borrowed views of the model, serialized into the
//! template context. The names follow Zola's where they mean the same thing,
//! so that a Zola theme author finds their way (`page.content`,
//! `section.pages`, `page.translations`, `page.reading_time`…). The README's
//! "Template context" section documents every field.

use serde::Serialize;

use crate::config::{Config, Language};
use crate::markdown::{ConvertedPages, Heading};
use crate::model::{NodeKind, PageDate, PageId, Site};

/// `site`: the site as seen from one language.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// The absolute URL of the site's root, with a trailing slash.
    pub base_url: String,
    /// The href of the site's root: `/`, or `/base/` under a base path.
    pub root_url: String,
    /// This language's home page.
    pub home_url: String,
    pub home_permalink: String,
    /// The language chooser, for `hreflang="x-default"`.
    pub chooser_url: String,
    /// This language's Atom feed (absolute).
    pub feed_url: String,
    /// This language's list of tags.
    pub tags_url: String,
    pub default_language: &'a str,
    pub languages: Vec<LanguageView<'a>>,
    /// The menu in this language: the home page's children.
    pub menu: Vec<MenuItem<'a>>,
    /// The practice's details from site.toml, for the footer.
    pub practice: &'a crate::config::Practice,
    /// The forms site.toml declares, for the privacy notice: what each
    /// asks, and how submissions are kept.
    pub forms: Vec<FormSummary<'a>>,
    pub submissions: SubmissionsView,
    /// The privacy notice in this language: the page rendered with
    /// `privacy.html`, if there is one.
    pub privacy_url: Option<String>,
    /// This language's search page, when `[search]` is on.
    pub search_url: Option<String>,
    #[serde(serialize_with = "plain_table")]
    pub extra: &'a toml::Table,
}

/// A form as the privacy notice describes it.
#[derive(Serialize)]
pub struct FormSummary<'a> {
    pub name: &'a str,
    /// Whether it asks for explicit consent (a `consent = true` checkbox):
    /// its legal basis is then consent, else the visitor's own request.
    pub asks_consent: bool,
    pub fields: Vec<FieldSummary<'a>>,
}

#[derive(Serialize)]
pub struct FieldSummary<'a> {
    pub name: &'a str,
    pub required: bool,
    pub consent: bool,
}

/// `[submissions]` as the privacy notice describes it.
#[derive(Serialize)]
pub struct SubmissionsView {
    pub retention_days: u32,
    /// Whether the notice mailed to the practitioner carries the answers.
    pub mails_answers: bool,
    pub mails_notice: bool,
}

#[derive(Serialize)]
pub struct MenuItem<'a> {
    pub key: &'a str,
    pub title: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct LanguageView<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// The language's home page.
    pub url: String,
    pub permalink: String,
    /// The practice as this language names it: what a page in every
    /// language (the chooser, the root 404) shows of each.
    pub practice: &'a crate::config::Practice,
    /// The practice's name in this language: `[practice] name`, else the
    /// language's site title.
    pub practice_name: &'a str,
}

/// `page` (and the common part of `section`): one page in one language,
/// its summary's fields first (serialized by hand below: serde's
/// `flatten` would make it a map, whose every key tera allocates anew).
pub struct PageView<'a> {
    pub summary: PageSummary<'a>,
    pub content: std::sync::Arc<str>,
    /// The page's headings as a tree (`children`), as Zola gives them.
    pub toc: &'a [Heading],
    pub slug: &'a str,
    pub draft: bool,
    pub template: Option<&'a str>,
    /// Every published version of this page, this one included, in site order.
    pub translations: Vec<Translation<'a>>,
    /// URLs of the files published beside the page.
    pub assets: Vec<String>,
    /// The previous (older) and next (newer) page of the same section.
    pub lower: Option<PageLink<'a>>,
    pub higher: Option<PageLink<'a>>,
    /// The section the page belongs to, if any.
    pub parent: Option<PageLink<'a>>,
}

impl Serialize for PageView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Every field named: one added to the struct must be added here.
        let PageView {
            summary,
            content,
            toc,
            slug,
            draft,
            template,
            translations,
            assets,
            lower,
            higher,
            parent,
        } = self;
        let mut view = serializer.serialize_struct("PageView", PageSummary::FIELDS + 10)?;
        summary.serialize_fields(&mut view)?;
        view.serialize_field("content", &**content)?;
        view.serialize_field("toc", &crate::markdown::toc::nest(toc))?;
        view.serialize_field("slug", slug)?;
        view.serialize_field("draft", draft)?;
        view.serialize_field("template", template)?;
        view.serialize_field("translations", translations)?;
        view.serialize_field("assets", assets)?;
        view.serialize_field("lower", lower)?;
        view.serialize_field("higher", higher)?;
        view.serialize_field("parent", parent)?;
        view.end()
    }
}

/// A page as shown in lists (`section.pages`): no content, no neighbours.
#[derive(Clone)]
pub struct PageSummary<'a> {
    pub key: &'a str,
    pub kind: &'static str,
    pub lang: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// Site-relative href: `/nl/artikels/mentorschap/`.
    pub url: String,
    pub permalink: String,
    pub date: Option<&'a PageDate>,
    pub updated: Option<&'a PageDate>,
    pub tags: &'a [String],
    /// Who wrote it, where it is not the practice (`authors` in front matter).
    pub authors: &'a [String],
    /// Who translated this version (`translators` in front matter).
    pub translators: &'a [String],
    pub weight: Option<i64>,
    pub summary: Option<&'a str>,
    pub word_count: usize,
    pub reading_time: usize,
    /// Kept out of search engines: no canonical, no alternates, not in
    /// the sitemap.
    pub noindex: bool,
    /// Found by the site's search (`SearchConfig::finds`): the theme marks
    /// only these for Pagefind, so that its own tools agree with praxis.
    pub in_search: bool,
    pub extra: &'a toml::Table,
}

impl PageSummary<'_> {
    /// How many fields [`Self::serialize_fields`] gives.
    const FIELDS: usize = 19;

    /// The summary's fields, in order, into a struct being serialized: the
    /// summary itself, or the page's view that begins with them.
    fn serialize_fields<S: serde::ser::SerializeStruct>(
        &self,
        out: &mut S,
    ) -> Result<(), S::Error> {
        // Every field named: one added to the struct must be added here.
        let PageSummary {
            key,
            kind,
            lang,
            title,
            description,
            url,
            permalink,
            date,
            updated,
            tags,
            authors,
            translators,
            weight,
            summary,
            word_count,
            reading_time,
            noindex,
            in_search,
            extra,
        } = self;
        out.serialize_field("key", key)?;
        out.serialize_field("kind", kind)?;
        out.serialize_field("lang", lang)?;
        out.serialize_field("title", title)?;
        out.serialize_field("description", description)?;
        out.serialize_field("url", url)?;
        out.serialize_field("permalink", permalink)?;
        out.serialize_field("date", date)?;
        out.serialize_field("updated", updated)?;
        out.serialize_field("tags", tags)?;
        out.serialize_field("authors", authors)?;
        out.serialize_field("translators", translators)?;
        out.serialize_field("weight", weight)?;
        out.serialize_field("summary", summary)?;
        out.serialize_field("word_count", word_count)?;
        out.serialize_field("reading_time", reading_time)?;
        out.serialize_field("noindex", noindex)?;
        out.serialize_field("in_search", in_search)?;
        out.serialize_field("extra", &PlainTable(extra))
    }
}

impl Serialize for PageSummary<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut summary = serializer.serialize_struct("PageSummary", Self::FIELDS)?;
        self.serialize_fields(&mut summary)?;
        summary.end()
    }
}

/// Which of the summary fields that change with a page's text or its
/// description, authors or `extra` the templates can read at all. A
/// summary's fingerprint leaves the others out ([`Self::narrow`]), so that
/// a list of 10 000 titles and dates is not made again because an article
/// it lists grew by a sentence (and its `word_count` with it).
#[derive(Debug, Clone, Copy)]
pub struct SummaryReads {
    description: bool,
    authors: bool,
    translators: bool,
    summary: bool,
    word_count: bool,
    reading_time: bool,
    extra: bool,
}

impl SummaryReads {
    /// What `templates` can read: a field they name somewhere, or every
    /// field if any template reads values whole ([`super::templates::Templates::reads_whole_values`]).
    pub fn of(templates: &super::templates::Templates) -> SummaryReads {
        let reads = |field: &str| templates.may_read(field);
        SummaryReads {
            description: reads("description"),
            authors: reads("authors"),
            translators: reads("translators"),
            summary: reads("summary"),
            word_count: reads("word_count"),
            reading_time: reads("reading_time"),
            extra: reads("extra"),
        }
    }

    /// The summary with the fields no template reads left empty: what its
    /// fingerprint is taken from.
    pub fn narrow<'a>(&self, view: &PageSummary<'a>) -> PageSummary<'a> {
        static NO_EXTRA: std::sync::LazyLock<toml::Table> =
            std::sync::LazyLock::new(toml::Table::new);
        let mut narrow = view.clone();
        if !self.description {
            narrow.description = None;
        }
        if !self.authors {
            narrow.authors = &[];
        }
        if !self.translators {
            narrow.translators = &[];
        }
        if !self.summary {
            narrow.summary = None;
        }
        if !self.word_count {
            narrow.word_count = 0;
        }
        if !self.reading_time {
            narrow.reading_time = 0;
        }
        if !self.extra {
            narrow.extra = &NO_EXTRA;
        }
        narrow
    }
}

/// One language version of the page being rendered.
#[derive(Serialize, Clone)]
pub struct Translation<'a> {
    pub lang: &'a str,
    /// The language's own name: "Français".
    pub language_name: &'a str,
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    /// True for the page being rendered.
    pub current: bool,
    /// False where the page has no version in this language: `url` then
    /// leads to the page saying so in that language (`notice`), or else to
    /// that language's home page.
    pub exists: bool,
    /// Whether `url` leads to the page that says, in this language, that
    /// the page is not written in it ([`super::untranslated`]).
    pub notice: bool,
}

impl<'a> Translation<'a> {
    /// A version of a page at `path` titled `title`.
    pub fn of(
        config: &'a Config,
        lang: &'a str,
        title: &'a str,
        path: &str,
        current: bool,
    ) -> Self {
        Translation {
            lang,
            language_name: config.language(lang).map_or(lang, |l| l.name.as_str()),
            title,
            url: config.url(path),
            permalink: config.permalink(path),
            current,
            exists: true,
            notice: false,
        }
    }
}

impl<'a> Translation<'a> {
    /// A language's home page.
    pub fn home(config: &'a Config, language: &'a Language) -> Self {
        let root = config.language_root(&language.code);
        Translation::of(config, &language.code, &language.title, &root, false)
    }
}

/// Every language of the site, in order: the existing versions as they
/// are, and for each missing one, that language's home page.
pub fn versions<'a>(config: &'a Config, existing: &[Translation<'a>]) -> Vec<Translation<'a>> {
    config
        .languages
        .iter()
        .map(|l| match existing.iter().find(|t| t.lang == l.code) {
            Some(t) => t.clone(),
            None => Translation {
                exists: false,
                ..Translation::home(config, l)
            },
        })
        .collect()
}

/// The published versions of a content page.
pub fn page_translations<'a>(site: &'a Site, id: PageId) -> Vec<Translation<'a>> {
    let lang = &site.pages[id].lang;
    site.translations(id)
        .map(|t| Translation::of(&site.config, &t.lang, t.title(), &t.path, &t.lang == lang))
        .collect()
}

#[derive(Serialize)]
pub struct PageLink<'a> {
    pub title: &'a str,
    pub url: String,
}

pub fn site_view<'a>(site: &'a Site, language: &'a Language) -> SiteView<'a> {
    let config = &site.config;
    let root = config.language_root(&language.code);
    SiteView {
        title: &language.title,
        description: &language.description,
        base_url: config.permalink("/"),
        root_url: config.url("/"),
        home_url: config.url(&root),
        home_permalink: config.permalink(&root),
        chooser_url: config.permalink("/"),
        feed_url: config.permalink(&config.feed_path(&language.code)),
        tags_url: config.url(&config.tag_list_path(&language.code)),
        practice: &language.practice,
        menu: site
            .menu(&language.code)
            .iter()
            .map(|&p| MenuItem {
                key: &site.nodes[site.pages[p].node].key,
                title: site.pages[p]
                    .front_matter
                    .menu_title
                    .as_deref()
                    .unwrap_or(site.pages[p].title()),
                url: config.url(&site.pages[p].path),
            })
            .collect(),
        default_language: &config.default_language,
        languages: config
            .languages
            .iter()
            .map(|l| {
                let root = config.language_root(&l.code);
                LanguageView {
                    practice_name: practice_name(l),
                    code: &l.code,
                    name: &l.name,
                    title: &l.title,
                    description: &l.description,
                    url: config.url(&root),
                    permalink: config.permalink(&root),
                    practice: &l.practice,
                }
            })
            .collect(),
        forms: config
            .forms
            .iter()
            .map(|(name, form)| FormSummary {
                name,
                asks_consent: form.fields.iter().any(|f| f.consent),
                fields: form
                    .fields
                    .iter()
                    .map(|f| FieldSummary {
                        name: &f.name,
                        required: f.required,
                        consent: f.consent,
                    })
                    .collect(),
            })
            .collect(),
        submissions: SubmissionsView {
            retention_days: config.submissions.retention_days,
            mails_notice: config.submissions.notify.is_some(),
            mails_answers: config
                .submissions
                .notify
                .as_ref()
                .is_some_and(|n| n.include_answers),
        },
        privacy_url: site
            .pages
            .iter()
            .find(|p| {
                p.lang == language.code
                    && p.front_matter.template.as_deref() == Some("privacy.html")
            })
            .map(|p| config.url(&p.path)),
        search_url: config
            .search
            .enabled
            .then(|| config.url(&crate::search::page_path(config, &language.code))),
        extra: &config.extra,
    }
}

/// The practice's name in `language`: its `[practice] name`, else the
/// language's site title.
fn practice_name(language: &Language) -> &str {
    language.practice.name.as_deref().unwrap_or(&language.title)
}

pub fn page_summary<'a>(
    site: &'a Site,
    converted: &'a ConvertedPages,
    id: PageId,
) -> PageSummary<'a> {
    let page = &site.pages[id];
    let r = &converted[id];
    let node = &site.nodes[page.node];
    PageSummary {
        key: &node.key,
        kind: match node.kind {
            NodeKind::Home => "home",
            NodeKind::Section => "section",
            NodeKind::Page => "page",
        },
        lang: &page.lang,
        title: page.title(),
        description: page.description.as_deref(),
        url: site.config.url(&page.path),
        permalink: site.config.permalink(&page.path),
        date: page.date.as_ref(),
        updated: page.updated.as_ref(),
        tags: &page.front_matter.tags,
        authors: &page.front_matter.authors,
        translators: &page.front_matter.translators,
        weight: page.front_matter.weight,
        summary: r.summary.as_deref(),
        word_count: r.word_count,
        reading_time: r.reading_time,
        noindex: page.noindex,
        in_search: site
            .config
            .search
            .finds(&node.key, page.front_matter.search, page.noindex),
        extra: &page.front_matter.extra,
    }
}

/// A page's view, showing `content` (its HTML: see `Sources::content`).
pub fn page_view<'a>(
    site: &'a Site,
    converted: &'a ConvertedPages,
    id: PageId,
    content: std::sync::Arc<str>,
) -> PageView<'a> {
    let page = &site.pages[id];
    let node = &site.nodes[page.node];
    let link = |p: PageId| PageLink {
        title: site.pages[p].title(),
        url: site.config.url(&site.pages[p].path),
    };
    let (lower, higher) = site.neighbours(id);
    PageView {
        summary: page_summary(site, converted, id),
        content,
        toc: &converted[id].toc,
        slug: &page.slug,
        draft: page.front_matter.draft,
        template: page.front_matter.template.as_deref(),
        translations: page_translations(site, id),
        assets: node
            .assets
            .iter()
            .map(|a| site.config.url(&format!("{}{}", page.path, a.relative)))
            .collect(),
        lower: lower.map(link),
        higher: higher.map(link),
        parent: node
            .parent
            .and_then(|p| site.page_in(p, &page.lang))
            .map(link),
    }
}

/// Serializes a TOML table with its dates as plain strings (`2026-11-27`),
/// which is what a template wants to print or compare.
fn plain_table<S: serde::Serializer>(
    table: &&toml::Table,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    fn plain(value: &toml::Value) -> serde_json::Value {
        match value {
            toml::Value::String(s) => s.clone().into(),
            toml::Value::Integer(i) => (*i).into(),
            toml::Value::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, Into::into)
            }
            toml::Value::Boolean(b) => (*b).into(),
            toml::Value::Datetime(d) => d.to_string().into(),
            toml::Value::Array(a) => a.iter().map(plain).collect(),
            toml::Value::Table(t) => t.iter().map(|(k, v)| (k.clone(), plain(v))).collect(),
        }
    }
    let map: serde_json::Map<String, serde_json::Value> =
        table.iter().map(|(k, v)| (k.clone(), plain(v))).collect();
    map.serialize(serializer)
}

/// A table as [`plain_table`] gives it, where a field is serialized by hand.
struct PlainTable<'a>(&'a toml::Table);

impl Serialize for PlainTable<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        plain_table(&self.0, serializer)
    }
}
