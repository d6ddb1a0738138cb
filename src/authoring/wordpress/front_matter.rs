//! The front matter of an imported page, and the small conversions of
//! WordPress's fields (dates, slugs, entities, old URLs) it needs.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::previous::{HASH_FIELD, ID_FIELD, seal};
use super::wxr::Item;

/// A page's place in the menu.
#[derive(Debug, Clone, Copy)]
pub enum Menu {
    Weight(i64),
    Hidden,
}

/// One item in one language, about to be written.
pub struct Page<'a> {
    pub item: &'a Item,
    pub categories: bool,
    /// The featured image, beside the page or as its URL.
    pub image: Option<String>,
    /// What the featured image shows, from its attachment.
    pub image_alt: Option<String>,
    pub menu: Option<Menu>,
    /// The label its menu item gave it, when not its title.
    pub menu_title: Option<&'a str>,
    /// Its slug, unique beside it (see `paths`).
    pub slug: &'a str,
    /// Its URL path once built, which no alias may repeat.
    pub new_path: &'a str,
    /// Other old addresses it answers (archives, attachment pages).
    pub more_aliases: &'a [String],
}

/// What the front matter says, for the report.
#[derive(Debug, Default)]
pub struct Written {
    pub draft: bool,
    pub alias: bool,
    pub no_alias: Option<String>,
    /// Descriptions an SEO plugin kept that differ from the one written.
    pub other_descriptions: Vec<String>,
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

impl Page<'_> {
    /// The file's text: front matter, then the Markdown body.
    pub fn render(&self, body: &str) -> (String, Written) {
        let item = self.item;
        let mut written = Written::default();
        let mut out = String::from("+++\n");
        let decoded = plain_title(&item.title);
        let title = if decoded.is_empty() {
            "(untitled)"
        } else {
            decoded.as_str()
        };
        out.push_str(&format!("title = {}\n", quote(title)));
        let slug = self.slug;
        if crate::slugs::check(slug).is_ok() {
            out.push_str(&format!("slug = {}\n", quote(slug)));
        }
        let date =
            wordpress_date(&item.date_gmt, true).or_else(|| wordpress_date(&item.date, false));
        if let Some(date) = &date {
            out.push_str(&format!("date = {date}\n"));
        }
        // Edited after it was published: praxis shows and feeds `updated`.
        // The same form as `date` (GMT or not), so the two compare as text.
        let updated = if item.date_gmt.trim().is_empty() || item.date_gmt.starts_with("0000") {
            wordpress_date(&item.modified, false)
        } else {
            wordpress_date(&item.modified_gmt, true)
        };
        if let (Some(date), Some(updated)) = (&date, updated)
            && updated > *date
            && item.status == "publish"
        {
            out.push_str(&format!("updated = {updated}\n"));
        }
        if item.status != "publish" || !item.password.is_empty() {
            written.draft = true;
            out.push_str("draft = true\n");
        }
        // The excerpt, else what an SEO plugin kept for search engines.
        let candidates: Vec<String> = [
            item.excerpt.as_str(),
            item.meta
                .get("_yoast_wpseo_metadesc")
                .map_or("", String::as_str),
            item.meta
                .get("_aioseo_description")
                .map_or("", String::as_str),
            item.meta
                .get("rank_math_description")
                .map_or("", String::as_str),
        ]
        .into_iter()
        .map(|text| decode_entities(&strip_tags(text)).trim().to_owned())
        .collect();
        let excerpt = candidates
            .iter()
            .find(|text| !text.is_empty())
            .cloned()
            .unwrap_or_default();
        // One description only: an SEO one that says something else is listed.
        written.other_descriptions = candidates
            .into_iter()
            .filter(|text| !text.is_empty() && *text != excerpt)
            .collect();
        if !excerpt.trim().is_empty() {
            out.push_str(&format!("description = {}\n", quote(excerpt.trim())));
        }
        let mut tags: Vec<String> = Vec::new();
        for t in item.terms_of("post_tag") {
            tags.push(decode_entities(&t.label));
        }
        if self.categories {
            for t in item.terms_of("category") {
                if !is_default_category(&t.nicename) {
                    tags.push(decode_entities(&t.label));
                }
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        tags.retain(|t| !t.trim().is_empty() && seen.insert(t.to_lowercase()));
        if !tags.is_empty() {
            let tags: Vec<String> = tags.iter().map(|t| quote(t)).collect();
            out.push_str(&format!("tags = [{}]\n", tags.join(", ")));
        }
        match self.menu {
            Some(Menu::Weight(w)) => out.push_str(&format!("weight = {w}\n")),
            Some(Menu::Hidden) => out.push_str("menu = false\n"),
            None => {}
        }
        if let Some(label) = self.menu_title {
            out.push_str(&format!("menu_title = {}\n", quote(label)));
        }
        let old = old_path(&item.link);
        // The build's own rule: an alias it would refuse is listed instead.
        let refused = old
            .as_deref()
            .and_then(|a| crate::content::front_matter::alias_path(a).err())
            .map(|why| why.to_string());
        let mut aliases: Vec<&str> = Vec::new();
        match &old {
            // WordPress gives a post without a name a URL with an empty
            // segment (`/2023/03//`), which no static host can serve.
            Some(alias) if alias.contains("//") => {
                written.no_alias = Some(format!(
                    "{} (an empty segment: the post has no name on WordPress)",
                    item.link
                ));
            }
            Some(_) if refused.is_some() => {
                written.no_alias = Some(format!("{} ({})", item.link, refused.unwrap_or_default()));
            }
            Some(alias) if alias != self.new_path => {
                written.alias = true;
                aliases.push(alias);
            }
            // Its old URL is its new one: nothing to redirect.
            Some(_) => {}
            None if item.link.contains('?') => {
                written.no_alias = Some(format!(
                    "{} (a query string: a static host cannot tell it apart from the home page)",
                    item.link
                ));
            }
            None if !item.link.is_empty() => {
                written.no_alias = Some(format!("{} (it was the home page)", item.link));
            }
            None => {}
        }
        for more in self.more_aliases {
            if more != self.new_path
                && !aliases.contains(&more.as_str())
                && crate::content::front_matter::alias_path(more).is_ok()
            {
                aliases.push(more);
            }
        }
        if !aliases.is_empty() {
            let quoted: Vec<String> = aliases.iter().map(|a| quote(a)).collect();
            out.push_str(&format!("aliases = [{}]\n", quoted.join(", ")));
        }
        out.push_str(&format!(
            "\n[extra]\n{ID_FIELD} = {}\n{HASH_FIELD} = \"\"\n",
            item.id
        ));
        if let Some(image) = &self.image {
            out.push_str(&format!("image = {}\n", quote(image)));
        }
        if let Some(alt) = &self.image_alt {
            out.push_str(&format!("image_alt = {}\n", quote(alt)));
        }
        if item.sticky {
            out.push_str("wordpress_sticky = true\n");
        }
        let fields = custom_fields(item);
        if !fields.is_empty() {
            out.push_str("\n[extra.wordpress_fields]\n");
            for (key, value) in fields {
                out.push_str(&format!("{} = {}\n", quote(key), quote(value)));
            }
        }
        out.push_str("+++\n");
        if !body.trim().is_empty() {
            out.push('\n');
            out.push_str(body);
        }
        (seal(&out), written)
    }
}

static HEADING_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<h[1-6][^>]*\sid\s*=\s*["']([A-Za-z0-9_-]+)["']"#).expect("a valid pattern")
});

/// The ids of a content's headings, which stay anchors after the import.
pub fn heading_ids(html: &str) -> std::collections::BTreeSet<String> {
    HEADING_ID
        .captures_iter(html)
        .map(|c| c[1].to_owned())
        .collect()
}

/// The custom fields an author filled in (WordPress's own meta starts
/// with `_`; plugins' settings are left out by name).
pub fn custom_fields(item: &Item) -> Vec<(&str, &str)> {
    item.meta
        .iter()
        .filter(|(key, value)| {
            !key.starts_with('_')
                && !key.is_empty()
                // Block-editor footnotes: their texts are in the page.
                && key.as_str() != "footnotes"
                && !value.trim().is_empty()
                && !["rank_math_", "wpml_", "pll_", "jetpack_", "wpcf7_"]
                    .iter()
                    .any(|p| key.starts_with(p))
        })
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// WordPress's default category (`Uncategorized` in each language) is not a topic.
pub fn is_default_category(nicename: &str) -> bool {
    matches!(
        nicename,
        "uncategorized" | "geen-categorie" | "non-classe" | "allgemein" | "sin-categoria"
    )
}

/// `2019-05-14 10:30:00` → `2019-05-14T10:30:00Z` (GMT) or `2019-05-14T10:30:00`.
pub fn wordpress_date(text: &str, gmt: bool) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.starts_with("0000") {
        return None;
    }
    let dt = jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M:%S", text).ok()?;
    Some(if gmt {
        format!("{}Z", dt.strftime("%Y-%m-%dT%H:%M:%S"))
    } else {
        dt.strftime("%Y-%m-%dT%H:%M:%S").to_string()
    })
}

/// The path of an old URL, decoded, to redirect from:
/// `https://x.be/2019/05/%c3%a9t%c3%a9/` → `/2019/05/été/`.
pub fn old_path(link: &str) -> Option<String> {
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))?;
    let path = &rest[rest.find('/')?..];
    if path == "/" || path.contains('?') || path.contains('#') {
        return None;
    }
    Some(
        percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .ok()?
            .into_owned(),
    )
}

/// WordPress stores slugs percent-encoded: `%c3%a9t%c3%a9` → `été`.
pub fn decode_slug(name: &str) -> String {
    percent_encoding::percent_decode_str(name.trim())
        .decode_utf8()
        .map(|s| s.into_owned())
        .unwrap_or_else(|_| name.trim().to_owned())
}

static BLOCK_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)<!--\s*(/?)wp:([a-z0-9/_-]+)(\s+\{.*?\})?\s*(/?)-->"#)
        .expect("a valid pattern")
});

/// The block editor's dynamic blocks, by name, with what they showed:
/// WordPress made their content each time the page was shown (the latest
/// posts, the archives…), so the export holds none of it.
const DYNAMIC_BLOCKS: &[(&str, &str)] = &[
    ("archives", "the archives by month"),
    ("latest-posts", "a list of the latest posts"),
    ("latest-comments", "the latest comments"),
    ("categories", "the list of categories"),
    ("tag-cloud", "a tag cloud"),
    ("calendar", "a calendar of posts"),
    ("rss", "the items of a feed"),
    ("search", "a search field"),
    ("page-list", "a list of the pages"),
    ("query", "a list of posts (a query loop)"),
    ("loginout", "a log-in link"),
];

/// The dynamic blocks of a page's content, in the order they come, each
/// once: what it showed, for the report.
pub fn dynamic_blocks(html: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for c in BLOCK_COMMENT.captures_iter(html) {
        if !c[1].is_empty() {
            continue;
        }
        let name = c[2].strip_prefix("core/").unwrap_or(&c[2]);
        if let Some((name, what)) = DYNAMIC_BLOCKS.iter().find(|(n, _)| *n == name) {
            let line = format!("the block wp:{name} ({what})");
            if !found.contains(&line) {
                found.push(line);
            }
        }
    }
    found
}

/// Block-editor comments (`<!-- wp:paragraph -->`) out, their content
/// kept; a reusable block (`<!-- wp:block {"ref":12} /-->`) replaced by
/// its content, or its id added to `missing` when the export lacks it.
pub fn strip_blocks(
    html: &str,
    reusable: &BTreeMap<u64, String>,
    missing: &mut Vec<u64>,
) -> String {
    strip_blocks_at(html, reusable, missing, 0)
}

fn strip_blocks_at(
    html: &str,
    reusable: &BTreeMap<u64, String>,
    missing: &mut Vec<u64>,
    depth: usize,
) -> String {
    BLOCK_COMMENT
        .replace_all(html, |c: &Captures| {
            if &c[2] == "block" && depth < 4 {
                let reference = c
                    .get(3)
                    .and_then(|attrs| {
                        serde_json::from_str::<serde_json::Value>(attrs.as_str().trim()).ok()
                    })
                    .and_then(|v| v.get("ref").and_then(serde_json::Value::as_u64));
                match reference.map(|r| (r, reusable.get(&r))) {
                    Some((_, Some(content))) => {
                        return strip_blocks_at(content, reusable, missing, depth + 1);
                    }
                    Some((r, None)) => missing.push(r),
                    None => {}
                }
            }
            String::new()
        })
        .into_owned()
}

/// The HTML entities WordPress leaves in titles and excerpts.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32)
                .map(String::from),
            e if e.starts_with('#') => e[1..]
                .parse()
                .ok()
                .and_then(char::from_u32)
                .map(String::from),
            // HTML's named entities (`&eacute;`), as a browser reads them.
            e => html5ever::data::NAMED_ENTITIES
                .get(format!("{e};").as_str())
                .filter(|(first, _)| *first != 0)
                .map(|&(first, second)| {
                    [first, second]
                        .into_iter()
                        .filter(|&c| c != 0)
                        .filter_map(char::from_u32)
                        .collect()
                }),
        };
        match decoded {
            Some(c) => {
                out.push_str(&c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A title as text: WordPress allows HTML in titles (`Rouw <em>nu</em>`);
/// the tags go, their text stays, and entities are decoded once.
pub fn plain_title(raw: &str) -> String {
    decode_entities(&strip_tags(raw.trim()))
}

/// The text of a bit of HTML: its tags out, a `<` or `>` that starts no
/// tag (`1 < 2`, `<3`, `-> dit`) kept as text.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let opens_tag = after
            .trim_start_matches('/')
            .starts_with(|c: char| c.is_ascii_alphabetic() || c == '!');
        match after.find('>').filter(|_| opens_tag) {
            Some(end) => rest = &after[end + 1..],
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_keeps_a_less_than_or_greater_than_that_starts_no_tag() {
        assert_eq!(plain_title("1 < 2 en 3 > 2"), "1 < 2 en 3 > 2");
        assert_eq!(plain_title("Rouw <em>nu</em> &lt;3"), "Rouw nu <3");
        assert_eq!(plain_title("Ik <3 dit -> ja"), "Ik <3 dit -> ja");
        assert_eq!(plain_title("a <b>vet</b>"), "a vet");
    }

    #[test]
    fn dates_and_paths() {
        assert_eq!(
            wordpress_date("2019-05-14 10:30:00", true).as_deref(),
            Some("2019-05-14T10:30:00Z")
        );
        assert_eq!(wordpress_date("0000-00-00 00:00:00", true), None);
        assert_eq!(
            old_path("https://praktijk.be/2019/05/mentorschap/").as_deref(),
            Some("/2019/05/mentorschap/")
        );
        assert_eq!(old_path("https://praktijk.be/?p=12"), None);
        assert_eq!(decode_slug("%c3%a9t%c3%a9"), "été");
        assert_eq!(
            decode_entities("caf&eacute; &amp; th&#233; &bogus; &rsquo;"),
            "café & thé &bogus; ’"
        );
    }

    #[test]
    fn block_comments_go_and_reusable_blocks_come_in() {
        let reusable = BTreeMap::from([(
            7,
            "<!-- wp:paragraph --><p>Herbruikt.</p><!-- /wp:paragraph -->".to_owned(),
        )]);
        assert_eq!(
            strip_blocks(
                "<!-- wp:paragraph {\"align\":\"center\"} -->\n<p>A</p>\n<!-- /wp:paragraph --><!-- wp:block {\"ref\":7} /-->",
                &reusable,
                &mut Vec::new()
            ),
            "\n<p>A</p>\n<p>Herbruikt.</p>"
        );
        let mut missing = Vec::new();
        strip_blocks("<!-- wp:block {\"ref\":999} /-->", &reusable, &mut missing);
        assert_eq!(missing, [999]);
    }
}
