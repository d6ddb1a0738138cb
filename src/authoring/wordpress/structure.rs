//! Where each item goes: its node key (posts under `articles/`, pages
//! nested by their parent), its place in the menu, the tags its
//! categories become, and the sections a site of imported posts needs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::front_matter::{self, decode_entities, decode_slug};
use super::wxr::{self, Item};
use super::{Action, Report, Write};
use crate::config::Config;
use crate::content::CONTENT_DIR;
use crate::slugs::slugify;

/// Picks a group's node key: posts under `articles/`, pages under their
/// parent page's node, named after the default language's slug.
#[allow(clippy::too_many_arguments)]
pub(super) fn assign_key(
    group: &str,
    groups: &BTreeMap<String, Vec<Item>>,
    group_of_id: &BTreeMap<u64, String>,
    lang_of: &dyn Fn(&Item) -> (String, bool),
    default: &str,
    content: &Path,
    owned: &BTreeSet<PathBuf>,
    keys: &mut BTreeMap<String, String>,
    used: &mut BTreeSet<String>,
    report: &mut Report,
    depth: usize,
) -> String {
    if let Some(key) = keys.get(group) {
        return key.clone();
    }
    let items = &groups[group];
    let main = items
        .iter()
        .position(|i| lang_of(i).0 == default)
        .unwrap_or(0);
    let item = &items[main];
    let prefix = if item.kind == "post" {
        "articles/".to_owned()
    } else {
        let parent = items
            .iter()
            .map(|i| i.parent)
            .find(|p| *p != 0)
            .and_then(|p| group_of_id.get(&p).map(|g| (p, g.clone())));
        match parent {
            Some((_, parent)) if parent != group && depth < 16 => {
                let key = assign_key(
                    &parent,
                    groups,
                    group_of_id,
                    lang_of,
                    default,
                    content,
                    owned,
                    keys,
                    used,
                    report,
                    depth + 1,
                );
                format!("{key}/")
            }
            _ => {
                if item.parent != 0 && !group_of_id.contains_key(&item.parent) {
                    report.warnings.push(format!(
                        "“{}” (#{}): its parent page #{} is not imported, so it is a top-level page",
                        decode_entities(&item.title),
                        item.id,
                        item.parent
                    ));
                }
                String::new()
            }
        }
    };
    let name = decode_slug(&item.name);
    let mut base = if name.is_empty() {
        slugify(&decode_entities(&item.title))
    } else {
        slugify(&name)
    };
    // The folder's name: as long as a slug may be (the report says so).
    base = crate::slugs::shorten(&base).to_owned();
    if base.is_empty() {
        base = format!("item-{}", item.id);
    }
    let mut key = format!("{prefix}{base}");
    let mut n = 2;
    while used.contains(&key) || {
        let dir = content.join(&key);
        dir.exists() && !owned.contains(&dir)
    } {
        key = format!("{prefix}{base}-{n}");
        n += 1;
    }
    used.insert(key.clone());
    keys.insert(group.to_owned(), key.clone());
    key
}

/// `nav_menu_item` order of the main menu (see below) as the weight of
/// top-level pages; with a menu,
/// top-level pages not in it get `menu = false`. A menu item's own label
/// (“Wie ben ik” for the page “Over mij”) goes into `labels`, by the id of
/// the item it points at, to become that page's `menu_title`.
pub(super) fn menu_weights(
    menu_items: &[Item],
    groups: &BTreeMap<String, Vec<Item>>,
    group_of_id: &BTreeMap<u64, String>,
    keys: &BTreeMap<String, String>,
    labels: &mut BTreeMap<u64, String>,
    chosen: Option<&str>,
    report: &mut Report,
) -> BTreeMap<String, front_matter::Menu> {
    let mut out = BTreeMap::new();
    if menu_items.is_empty() {
        return out;
    }
    let mut menus: BTreeMap<String, Vec<&Item>> = BTreeMap::new();
    for item in menu_items {
        let menu = item
            .terms_of("nav_menu")
            .next()
            .map(|t| decode_entities(&t.label))
            .unwrap_or_default();
        menus.entry(menu).or_default().push(item);
    }
    // The export does not say which menu the theme showed where: the one
    // asked for, else the one that holds the most top-level pages (a
    // footer or social menu holds few), then the most items.
    let top_level_pages = |items: &[&Item]| {
        items
            .iter()
            .filter(|i| {
                i.meta_id("_menu_item_menu_item_parent").unwrap_or(0) == 0
                    && i.meta.get("_menu_item_type").map(String::as_str) == Some("post_type")
                    && i.meta_id("_menu_item_object_id")
                        .and_then(|t| group_of_id.get(&t))
                        .and_then(|g| keys.get(g))
                        .is_some_and(|k| !k.contains('/') && !k.starts_with("articles/"))
            })
            .count()
    };
    let asked = chosen.and_then(|name| {
        menus
            .keys()
            .find(|m| m.eq_ignore_ascii_case(name.trim()))
            .cloned()
    });
    if let Some(name) = chosen
        && asked.is_none()
    {
        report.warnings.push(format!(
            "--menu {name}: the export has no such menu (it has {}), so the one with the most top-level pages is used",
            menus
                .keys()
                .map(|m| format!("“{m}”"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let main = asked.unwrap_or_else(|| {
        menus
            .iter()
            .max_by_key(|(name, items)| {
                (
                    top_level_pages(items),
                    items.len(),
                    std::cmp::Reverse((*name).clone()),
                )
            })
            .map(|(name, _)| name.clone())
            .unwrap_or_default()
    });
    for (name, items) in &menus {
        if *name != main {
            report.menu_notes.push(format!(
                "menu “{name}” ({} items, {} top-level pages) is not used: praxis has one menu, built from “{main}” ({} top-level pages); run again with --menu \"{name}\" to build it from that one",
                items.len(),
                top_level_pages(items),
                top_level_pages(&menus[&main]),
            ));
        }
    }
    let mut items = menus.remove(&main).unwrap_or_default();
    items.sort_by_key(|i| i.menu_order);
    for item in items {
        let object = item
            .meta
            .get("_menu_item_object")
            .map(String::as_str)
            .unwrap_or("");
        let kind = item
            .meta
            .get("_menu_item_type")
            .map(String::as_str)
            .unwrap_or("");
        let label = decode_entities(&item.title);
        let target = item.meta_id("_menu_item_object_id");
        let nested = item.meta_id("_menu_item_menu_item_parent").unwrap_or(0) != 0;
        let group = (kind == "post_type")
            .then(|| target.and_then(|t| group_of_id.get(&t)))
            .flatten();
        match group {
            Some(group) if keys.get(group).is_some_and(|k| !k.contains('/')) && !nested => {
                out.insert(group.clone(), front_matter::Menu::Weight(item.menu_order.max(1)));
                report.menu_placed += 1;
                // An empty label on WordPress means “the page's title”.
                if let Some(target) = target
                    && !label.trim().is_empty()
                {
                    labels.insert(target, label.trim().to_owned());
                }
            }
            Some(group) => report.menu_notes.push(format!(
                "“{}” ({object}): in praxis the menu holds top-level pages only; {} is reached from its parent page",
                if label.is_empty() { keys.get(group).cloned().unwrap_or_default() } else { label },
                keys.get(group).cloned().unwrap_or_default()
            )),
            None => {
                let url = item.meta.get("_menu_item_url").cloned().unwrap_or_default();
                report.menu_notes.push(format!(
                    "“{label}” ({} {}) is not in the menu: praxis's menu lists the site's own top-level pages; add a page or a link by hand",
                    if kind.is_empty() { "item" } else { kind },
                    if url.is_empty() { object.to_owned() } else { url }
                ));
            }
        }
    }
    for (group, items) in groups {
        if items[0].kind == "page"
            && keys.get(group).is_some_and(|k| !k.contains('/'))
            && !out.contains_key(group)
        {
            out.insert(group.clone(), front_matter::Menu::Hidden);
        }
    }
    out
}

/// Counts the categories and tags, and says which became tags: those an
/// imported post or page carries.
pub(super) fn count_terms(
    export: &wxr::Export,
    report: &mut Report,
    no_categories: bool,
    imported: &BTreeSet<u64>,
) {
    let mut categories: BTreeSet<String> = export.categories.keys().cloned().collect();
    let mut tags: BTreeSet<String> = export.tags.keys().cloned().collect();
    let mut tags_kept: BTreeSet<String> = BTreeSet::new();
    for item in export
        .items
        .iter()
        .filter(|i| matches!(i.kind.as_str(), "post" | "page"))
    {
        if !imported.contains(&item.id) {
            for t in item.terms_of("category") {
                categories.insert(t.nicename.clone());
            }
            for t in item.terms_of("post_tag") {
                tags.insert(t.nicename.clone());
            }
            continue;
        }
        for t in item.terms_of("category") {
            categories.insert(t.nicename.clone());
            if !no_categories && !front_matter::is_default_category(&t.nicename) {
                report.categories_as_tags.insert(t.nicename.clone());
            }
        }
        for t in item.terms_of("post_tag") {
            tags.insert(t.nicename.clone());
            tags_kept.insert(t.nicename.clone());
        }
    }
    report.categories = categories.len();
    report.tags = tags.len();
    report.tags_left = tags
        .difference(&tags_kept)
        .map(|t| format!("{t} (no imported post has it)"))
        .collect();
    for c in &categories {
        if !report.categories_as_tags.contains(c) {
            report.categories_left.push(if no_categories {
                format!("{c} (--no-categories)")
            } else if front_matter::is_default_category(c) {
                format!("{c} (WordPress's default category)")
            } else {
                format!("{c} (no imported post has it)")
            });
        }
    }
}

/// The home page and the articles section, in each language, if missing.
/// The articles section answers the old archives of its language: their
/// addresses are added to its `aliases`, whoever wrote it (nothing else
/// of her file changes). A section whose front matter cannot be read is
/// left as it is, and the archives it would have answered are returned,
/// for the host.
pub(super) fn sections(
    root: &Path,
    config: &Config,
    has_posts: bool,
    archives: &BTreeMap<String, Vec<String>>,
    writes: &mut Vec<(Action, Write)>,
    report: &mut Report,
) -> BTreeMap<String, String> {
    let mut unanswered = BTreeMap::new();
    for language in &config.languages {
        let lang = &language.code;
        let home = root.join(CONTENT_DIR).join(format!("{lang}.md"));
        if !home.exists() {
            let text = format!(
                "+++\ntitle = {}\n+++\n",
                toml::Value::String(language.title.clone())
            );
            report.files.push((Action::Create, home.clone()));
            writes.push((Action::Create, Write::Text(home, text)));
        }
        if !has_posts {
            continue;
        }
        let (title, slug) = super::paths::articles_slug(lang);
        let aliases = archives.get(lang).map(Vec::as_slice).unwrap_or_default();
        let path = root
            .join(CONTENT_DIR)
            .join("articles")
            .join(format!("{lang}.md"));
        let (action, text) = match std::fs::read_to_string(&path) {
            Err(_) => (
                Action::Create,
                with_aliases(
                    &format!("+++\ntitle = \"{title}\"\nslug = \"{slug}\"\n+++\n"),
                    aliases,
                ),
            ),
            Ok(existing) => match with_aliases(&existing, aliases) {
                Some(text) if text == existing => (Action::Unchanged, None),
                Some(text) => (Action::Update, Some(text)),
                None => {
                    let slug =
                        super::paths::existing_slug(&root.join(CONTENT_DIR), "articles", lang)
                            .unwrap_or_else(|| slug.to_owned());
                    let list = config.language_root(lang) + &slug + "/";
                    for alias in aliases {
                        unanswered.insert(alias.clone(), list.clone());
                    }
                    continue;
                }
            },
        };
        report.archive_aliases += aliases.len();
        if let Some(text) = text {
            report.files.push((action, path.clone()));
            writes.push((action, Write::Text(path, text)));
        }
    }
    unanswered
}

/// `text` (a page with TOML front matter) with each of `aliases` in its
/// `aliases` field, every other byte as it was; `None` when its front
/// matter cannot be read as TOML.
fn with_aliases(text: &str, aliases: &[String]) -> Option<String> {
    let rest = text.strip_prefix("+++")?;
    let end = rest.find("\n+++")?;
    let (front, body) = (&rest[..end], &rest[end..]);
    let mut doc: toml_edit::DocumentMut = front.parse().ok()?;
    let list = doc
        .entry("aliases")
        .or_insert_with(|| toml_edit::value(toml_edit::Array::new()))
        .as_array_mut()?;
    let mut added = false;
    for alias in aliases {
        if !list.iter().any(|v| v.as_str() == Some(alias)) {
            list.push(alias.as_str());
            added = true;
        }
    }
    if list.is_empty() {
        doc.remove("aliases");
    }
    if !added {
        return Some(text.to_owned());
    }
    let front = doc.to_string();
    let front = front.trim_end_matches('\n');
    Some(format!(
        "+++{}{front}{body}",
        if front.starts_with('\n') { "" } else { "\n" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_added_to_a_section_and_nothing_else_changes() {
        let text =
            "+++\ntitle = \"Artikels\" # mijn titel\nslug = \"artikels\"\n+++\n\nWat ik schrijf.\n";
        let added = with_aliases(text, &["/2019/".into(), "/2019/05/".into()]).unwrap();
        assert_eq!(
            added,
            "+++\ntitle = \"Artikels\" # mijn titel\nslug = \"artikels\"\naliases = [\"/2019/\", \"/2019/05/\"]\n+++\n\nWat ik schrijf.\n"
        );
        assert_eq!(with_aliases(&added, &["/2019/".into()]).unwrap(), added);
        assert_eq!(with_aliases(text, &[]).unwrap(), text);
        assert_eq!(with_aliases("+++\ntitle = \n+++\n", &["/a/".into()]), None);
    }
}
