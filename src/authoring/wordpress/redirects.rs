//! Every old address of the WordPress site, answered.
//!
//! A post's or page's own URL becomes an alias of its page (see
//! `front_matter`). The addresses WordPress made around them are given to
//! the page that is their equivalent here, as more aliases, so that praxis
//! answers them itself wherever the site is hosted: an attachment's page
//! (`/2023/06/verwijzingen/zee/`) to the page that shows the attachment,
//! date archives (`/2019/`, `/2019/05/`, `/2019/05/14/`) and author
//! archives (`/author/anna/`) to the list of articles.
//!
//! The archives of a category or a tag are answered by its tag page,
//! which has no front matter to hold an alias: the import writes them as
//! `[[redirects]]` in site.toml (with `toml_edit`, so her own entries,
//! comments and order stay), which praxis renders as it renders aliases.
//!
//! What praxis cannot answer is listed for the host, with lines ready to
//! paste into nginx and a `_redirects` file: a query string (`/?p=12`,
//! which a static host cannot tell apart from the home page) and the feed
//! (feed readers do not follow a page's refresh).

use std::collections::{BTreeMap, BTreeSet};

use super::front_matter::{decode_entities, decode_slug, is_default_category, old_path};
use super::media::{self, Library};
use super::wxr::{Export, Item};
use super::{Action, Report, Write};
use crate::config::Config;
use crate::slugs::slugify;

/// An imported page: its item, language and new path.
pub(super) struct Placed<'a> {
    pub item: &'a Item,
    pub lang: String,
    pub new_path: String,
}

/// The old addresses of the attachment pages, by the id of the post or
/// page that shows the attachment: the post it was uploaded to, else the
/// first that shows its file.
pub(super) fn attachment_pages(export: &Export, library: &Library) -> BTreeMap<u64, Vec<String>> {
    let pages: BTreeMap<u64, &Item> = export
        .items
        .iter()
        .filter(|i| matches!(i.kind.as_str(), "post" | "page"))
        .map(|i| (i.id, i))
        .collect();
    let mut out: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    for item in export.items.iter().filter(|i| i.kind == "attachment") {
        let Some(path) = attachment_page_path(item) else {
            continue;
        };
        let shown_by = pages.get(&item.parent).map(|p| p.id).or_else(|| {
            let attachment = library.attachment(item.id)?;
            let original = media::original_of(media::file_name(&attachment.file));
            let stem = original
                .rsplit_once('.')
                .map_or(original.as_str(), |(s, _)| s);
            let class = format!("wp-image-{}", item.id);
            pages
                .values()
                .find(|p| {
                    p.content.contains(&class) || !stem.is_empty() && p.content.contains(stem)
                })
                .map(|p| p.id)
        });
        if let Some(page) = shown_by {
            out.entry(page).or_default().push(path);
        }
    }
    out
}

/// An attachment page's own path (`/2023/06/verwijzingen/zee/`), not its
/// file's.
fn attachment_page_path(item: &Item) -> Option<String> {
    let path = old_path(&item.link)?;
    (!path.contains("/wp-content/uploads/") && media::upload_path(&item.link).is_none())
        .then_some(path)
}

/// The archives of dates and authors, answered by the list of articles
/// in each language: a date's archive by the language of the posts of
/// that date (the site's default language first), an author's by the
/// default language's list.
pub(super) fn archive_aliases(
    export: &Export,
    config: &Config,
    placed: &[Placed<'_>],
) -> BTreeMap<String, Vec<String>> {
    let mut claimed: BTreeSet<String> = BTreeSet::new();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let default = &config.default_language;
    let mut posts: Vec<&Placed<'_>> = placed
        .iter()
        .filter(|p| p.item.kind == "post" && p.item.status == "publish")
        .collect();
    posts.sort_by_key(|p| (p.lang != *default, p.item.date.clone()));
    for post in &posts {
        let date = post.item.date.trim();
        let (Some(year), Some(month), Some(day)) =
            (date.get(0..4), date.get(5..7), date.get(8..10))
        else {
            continue;
        };
        if !(year.chars().all(|c| c.is_ascii_digit()) && year != "0000") {
            continue;
        }
        for path in [
            format!("/{year}/"),
            format!("/{year}/{month}/"),
            format!("/{year}/{month}/{day}/"),
        ] {
            if claimed.insert(path.clone()) {
                out.entry(post.lang.clone()).or_default().push(path);
            }
        }
    }
    if !posts.is_empty() {
        for login in &export.authors {
            let path = format!("/author/{}/", slugify(login));
            if path != "/author//" && claimed.insert(path.clone()) {
                out.entry(default.clone()).or_default().push(path);
            }
        }
    }
    out
}

/// An old address of a category's or tag's archive (`/tag/verlies/`),
/// answered by the tag page of the same name in a language (and links to
/// it in the content lead there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TagRedirect {
    pub from: String,
    pub tag: String,
    pub lang: String,
}

/// The archives of the tags (and, as tags, the categories) of the
/// published pages (each item with its language), each to its tag page
/// in the language of the first page that carries it; never from a path
/// a page or the tag page itself has (`taken`).
pub(super) fn tag_redirects<'i>(
    config: &Config,
    pages: impl Iterator<Item = (&'i Item, &'i str)>,
    categories: bool,
    taken: &BTreeSet<String>,
) -> Vec<TagRedirect> {
    let mut out: BTreeMap<String, TagRedirect> = BTreeMap::new();
    // Only a published page makes a tag page.
    let published = pages.filter(|(item, _)| item.status == "publish" && item.password.is_empty());
    for (item, lang) in published {
        let terms = item.terms_of("post_tag").map(|t| ("tag", t)).chain(
            item.terms_of("category")
                .filter(|t| categories && !is_default_category(&t.nicename))
                .map(|t| ("category", t)),
        );
        for (base, term) in terms {
            let tag = decode_entities(&term.label).trim().to_owned();
            let from = format!("/{base}/{}/", decode_slug(&term.nicename));
            let own = config.tag_path(lang, &slugify(&tag));
            if tag.is_empty()
                || from == own
                || taken.contains(&from)
                || crate::content::front_matter::alias_path(&from).is_err()
            {
                continue;
            }
            out.entry(from.clone()).or_insert(TagRedirect {
                from,
                tag,
                lang: lang.to_owned(),
            });
        }
    }
    out.into_values().collect()
}

impl TagRedirect {
    /// The path of the tag page it leads to.
    pub fn to(&self, config: &Config) -> String {
        config.tag_path(&self.lang, &slugify(&self.tag))
    }
}

/// Writes `wanted` into site.toml's `[[redirects]]`, keeping every entry
/// there (hers, or an earlier import's: an address already there is left
/// as it is). Returns the entries it could not write — site.toml's
/// `redirects` is not a list of tables — for the host to answer.
pub(super) fn write_tag_redirects(
    root: &std::path::Path,
    wanted: Vec<TagRedirect>,
    writes: &mut Vec<(Action, Write)>,
    report: &mut Report,
) -> Vec<TagRedirect> {
    if wanted.is_empty() {
        return wanted;
    }
    let file = root.join(crate::config::CONFIG_FILE);
    let Ok(text) = std::fs::read_to_string(&file) else {
        return wanted;
    };
    let Some(new_text) = with_redirects(&text, &wanted) else {
        return wanted;
    };
    report.tag_redirects = wanted.len();
    if new_text != text {
        report.files.push((Action::Update, file.clone()));
        writes.push((Action::Update, Write::Text(file, new_text)));
    }
    Vec::new()
}

/// site.toml's text with an entry for each of `wanted` whose address has
/// none yet; `None` when its `redirects` is not a list of tables.
fn with_redirects(text: &str, wanted: &[TagRedirect]) -> Option<String> {
    use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};
    let mut doc: DocumentMut = text.parse().ok()?;
    let list = doc
        .entry("redirects")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()?;
    let there: BTreeSet<String> = list
        .iter()
        .filter_map(|t| t.get("from")?.as_str().map(str::to_owned))
        .collect();
    let mut first = true;
    for entry in wanted.iter().filter(|e| !there.contains(&e.from)) {
        let mut table = Table::new();
        table["from"] = value(&entry.from);
        table["tag"] = value(&entry.tag);
        table["lang"] = value(&entry.lang);
        if first && there.is_empty() {
            table.decor_mut().set_prefix(
                "\n# The archives of the WordPress categories and tags, answered by their tag\n# pages (praxis import wordpress wrote these; edit or remove them freely).\n",
            );
        }
        first = false;
        list.push(table);
    }
    Some(doc.to_string())
}

/// Lists each old URL no alias answers, and where to send it, with the
/// lines that do it at the host.
pub(super) fn list_unplaced(
    export: &Export,
    config: &Config,
    placed: &[Placed<'_>],
    unwritten: &[TagRedirect],
    answered: &BTreeSet<String>,
    more: BTreeMap<String, String>,
    report: &mut Report,
) {
    // Each old address, where it should lead, and why praxis cannot when
    // the list's title does not say it (query strings, the feed).
    let mut out: BTreeMap<String, (String, &str)> = more
        .into_iter()
        .map(|(from, to)| {
            let why =
                "the list of articles' front matter could not be read, so it holds no alias for it";
            (from, (to, why))
        })
        .collect();
    for t in unwritten {
        out.entry(t.from.clone()).or_insert_with(|| {
            let to = t.to(config);
            (to, "site.toml's `redirects` is not a list of [[redirects]] tables, so it could not be added there")
        });
    }
    for p in placed {
        if p.item.status == "publish" && p.item.password.is_empty() {
            let query = if p.item.kind == "page" {
                "page_id"
            } else {
                "p"
            };
            out.insert(format!("/?{query}={}", p.item.id), (p.new_path.clone(), ""));
        }
    }
    if placed.iter().any(|p| p.item.kind == "post") {
        let lang = &config.default_language;
        out.insert("/feed/".into(), (config.feed_path(lang), ""));
    }
    for item in export.items.iter().filter(|i| i.kind == "attachment") {
        let page = attachment_page_path(item);
        let query = page.is_none();
        let Some(path) = page.or_else(|| item.link.find("/?").map(|at| item.link[at..].to_owned()))
        else {
            continue;
        };
        if answered.contains(&path) {
            continue;
        }
        // An attachment belongs to the post it was uploaded to.
        let target = placed
            .iter()
            .find(|p| p.item.id == item.parent && item.parent != 0)
            .map(|p| p.new_path.clone());
        let why = match (&target, query) {
            (_, true) => "",
            // Not answered by an alias: a page of the site is there now.
            (Some(_), false) => continue,
            (None, false) => "it was uploaded to no imported post",
        };
        let target = target.unwrap_or_else(|| "a page of your choice".into());
        out.entry(path).or_insert((target, why));
    }
    let ready: Vec<(String, String)> = out
        .iter()
        .filter(|(_, (to, _))| to.starts_with('/'))
        .map(|(from, (to, _))| (from.clone(), to.clone()))
        .collect();
    report.host_lines = host_lines(&ready);
    let mut listed: Vec<String> = out
        .into_iter()
        .map(|(from, (to, why))| match why {
            "" => format!("{from} → {to}"),
            why => format!("{from} → {to} ({why})"),
        })
        .collect();
    if report.files_copied > 0 {
        listed.push(
            "/wp-content/uploads/… → the pages the files are now beside (each file is listed above as created)".into(),
        );
    }
    report.host_redirects = listed;
}

/// The redirects, as nginx configuration and as a `_redirects` file
/// (Netlify's, which Cloudflare Pages reads too, except the query lines).
fn host_lines(redirects: &[(String, String)]) -> Vec<String> {
    let mut nginx_paths = Vec::new();
    let mut queries: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    let mut netlify = Vec::new();
    for (from, to) in redirects {
        match from
            .strip_prefix("/?")
            .and_then(|q| q.split_once('='))
            .filter(|(_, v)| !v.contains(['&', '"', ' ']))
        {
            Some((name, value)) => {
                queries.entry(name).or_default().push((value, to));
                netlify.push(format!("/ {name}={value} {to} 301"));
            }
            None if !from.contains([' ', '"', ';', '{', '}']) && !from.contains('?') => {
                nginx_paths.push(format!("location = {from} {{ return 301 {to}; }}"));
                netlify.push(format!("{from} {to} 301"));
            }
            None => {}
        }
    }
    let mut lines = Vec::new();
    if redirects.is_empty() {
        return lines;
    }
    lines.push("# nginx, in the http block:".to_owned());
    for (name, values) in &queries {
        lines.push(format!("map $arg_{name} $wordpress_{name} {{"));
        for (value, to) in values {
            lines.push(format!("    \"{value}\" {to};"));
        }
        lines.push("}".to_owned());
    }
    lines.push("# nginx, in the site's server block:".to_owned());
    for name in queries.keys() {
        lines.push(format!(
            "if ($wordpress_{name}) {{ return 301 $wordpress_{name}; }}"
        ));
    }
    lines.extend(nginx_paths);
    lines.push(
        "# or a _redirects file (Netlify; Cloudflare Pages skips the lines with p= or page_id=):"
            .to_owned(),
    );
    lines.extend(netlify);
    lines
}
