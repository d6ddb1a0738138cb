//! `praxis import wordpress EXPORT.xml`: a WordPress export (WXR) into
//! content nodes, without losing anything on the way.
//!
//! The stages, one module each: [`wxr`] reads the export; [`structure`]
//! decides where each item goes (posts under `articles/`, pages nested by
//! their parent, translations paired by Polylang or WPML into one node,
//! the menu's order); [`shortcodes`] expands what WordPress would have
//! expanded; [`autop`] adds the paragraphs WordPress adds when it shows a
//! classic post; [`footnotes`] brings block-editor footnotes into the text;
//! [`markdown`] writes the HTML as Markdown, with [`links`]
//! rewriting its URLs and [`media`] finding the uploads a page uses;
//! [`front_matter`] writes each file's head; [`previous`] recognises what an
//! earlier import wrote; [`report`] tells what became of every item.
//!
//! This file runs them in order and plans every file before writing any:
//! the export is read whole and checked first, so a bad export writes
//! nothing, and `--dry-run` prints the plan instead of writing it.

mod autop;
mod embeds;
mod fetch;
mod footnotes;
mod front_matter;
mod links;
mod markdown;
mod media;
mod paths;
mod previous;
mod redirects;
mod report;
mod shortcodes;
mod structure;
mod wxr;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub use fetch::DEFAULT_LIMIT_MB as DEFAULT_MEDIA_LIMIT_MB;
pub use report::{Action, Report};

use crate::config::Config;
use crate::content::CONTENT_DIR;
use crate::diagnostics::Diagnostic;
use crate::site_files::{Folder, OUTPUT_DIR};
use front_matter::{Page, decode_entities, old_path};
use links::{OldLinks, PageUrls, host, normal_path};
use media::{Library, PageFiles, Sources, Uploads, Used};
use paths::key_of;
use structure::{assign_key, count_terms, menu_weights, sections};
use wxr::Item;

/// How to import.
#[derive(Debug, Clone)]
pub struct Options {
    pub export: PathBuf,
    /// The site to import into.
    pub root: PathBuf,
    /// A copy of `wp-content/uploads`.
    pub uploads: Option<PathBuf>,
    /// The site language of items the export does not label (or labels wrongly).
    pub language: Option<String>,
    /// Where to write the comments (never under `content/`).
    pub comments: Option<PathBuf>,
    pub dry_run: bool,
    /// Keep categories out of the tags.
    pub no_categories: bool,
    /// Download the uploads no `--uploads` folder holds.
    pub fetch_media: bool,
    /// The largest file `--fetch-media` downloads, in bytes.
    pub media_size_limit: u64,
    /// The WordPress menu the site's menu is made from.
    pub menu: Option<String>,
    /// Import again what was deleted from the site since an earlier import.
    pub restore: bool,
}

impl Options {
    /// How to import `export` into the site at `root`, with every
    /// choice left as it is when no flag is given.
    pub fn new(export: PathBuf, root: PathBuf) -> Options {
        Options {
            export,
            root,
            uploads: None,
            language: None,
            comments: None,
            dry_run: false,
            no_categories: false,
            fetch_media: false,
            media_size_limit: fetch::DEFAULT_LIMIT_MB * 1_000_000,
            menu: None,
            restore: false,
        }
    }
}

/// One file to write.
enum Write {
    Text(PathBuf, String),
    Copy(PathBuf, PathBuf),
}

fn write_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write {}: {e}", path.display()))
        .help("check that the site folder is writable")
}

/// Reads the export and brings its posts and pages into the site.
pub fn import(options: &Options, config: &Config) -> Result<Report, Diagnostic> {
    let mut clock = crate::timing::Stopwatch::from_env();
    let export_path = &options.export;
    let text = std::fs::read_to_string(export_path).map_err(|e| {
        Diagnostic::error(format!("cannot read the export: {e}"))
            .in_file(export_path)
            .help(
                "export from WordPress with Tools → Export → All content, and pass that .xml file",
            )
    })?;
    let export = wxr::parse(&text).map_err(|d| d.in_file(export_path))?;
    let mut sources = check_options(options, config)?;
    // Planned once: what --fetch-media downloads, it downloads as the plan
    // meets it, which then finds the file among the downloads.
    clock.lap("read the export");
    let mut planned = plan(options, config, &export, &sources);
    clock.lap("plan");
    if options.fetch_media {
        let folder = options.root.join(fetch::DOWNLOADS);
        let wanted = std::mem::take(&mut planned.report.media_to_fetch);
        if let Some(fetcher) = sources.fetcher.take() {
            let fetched = fetcher.finish();
            planned.report.media_fetched = fetched.downloaded;
            planned.report.media_fetch_failed = fetched.failed;
        } else {
            // A dry run: what it would download.
            planned.report.media_fetched = wanted.len();
        }
        planned.report.media_downloads = Some(folder);
    }
    let Plan {
        report,
        writes,
        comments,
        record,
    } = planned;

    if let (Some(file), Some(comments)) = (&options.comments, comments)
        && !options.dry_run
    {
        std::fs::write(file, comments).map_err(|e| write_error(file, e))?;
        restrict_to_owner(file).map_err(|e| write_error(file, e))?;
    }

    // An import that brings no post or page in writes nothing either (not
    // even the home page), so that running it again with --language starts
    // from the same site.
    if !options.dry_run && !report.nothing_imported() {
        for (action, write) in writes {
            if !matches!(action, Action::Create | Action::Update) {
                continue;
            }
            let target = match &write {
                Write::Text(t, _) | Write::Copy(_, t) => t.clone(),
            };
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
            }
            match write {
                Write::Text(path, text) => {
                    std::fs::write(&path, text).map_err(|e| write_error(&path, e))?
                }
                Write::Copy(from, to) => {
                    std::fs::copy(&from, &to).map_err(|e| write_error(&to, e))?;
                }
            }
        }
        let file = options.root.join(previous::RECORD_FILE);
        let text = previous::record_text(&record);
        if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&file, text).map_err(|e| write_error(&file, e))?;
        }
        clock.lap("write");
    }
    Ok(report)
}

/// The comments file holds readers' names and e-mail addresses: readable
/// by its owner only, whatever the umask.
fn restrict_to_owner(file: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Every file an import would write, and its report.
struct Plan {
    report: Report,
    writes: Vec<(Action, Write)>,
    /// The comments file's text, when asked for.
    comments: Option<String>,
    /// The record of every post and page imported, this time or before.
    record: BTreeSet<u64>,
}

/// Plans the whole import, reading the site but writing nothing.
fn plan(options: &Options, config: &Config, export: &wxr::Export, sources: &Sources) -> Plan {
    let root = &options.root;
    let content = root.join(CONTENT_DIR);

    let mut report = Report {
        dry_run: options.dry_run,
        root: root.clone(),
        ..Report::default()
    };
    let library = Library::new(export);
    let previous = previous::scan(&content);

    let default = config.default_language.clone();
    let channel = options.language.clone().or_else(|| export.language.clone());
    let lang_of = |item: &Item| -> (String, bool) {
        let (code, labelled) = match item.language() {
            Some(l) => (l, true),
            None => (channel.clone().unwrap_or_else(|| default.clone()), false),
        };
        let short = code
            .split(['-', '_'])
            .next()
            .unwrap_or(&code)
            .to_ascii_lowercase();
        let code = if config.has_language(&code) {
            code
        } else {
            short
        };
        (code, labelled)
    };

    let Sorted {
        mut groups,
        menu_items,
        reusable,
    } = sort_items(export, &mut report);

    // What she deleted since an earlier import stays deleted.
    let record = previous::record(root);
    if !options.restore {
        for items in groups.values_mut() {
            items.retain(|item| {
                let deleted = record.contains(&item.id) && !previous.contains_key(&item.id);
                if deleted {
                    let tally = if item.kind == "post" {
                        &mut report.posts
                    } else {
                        &mut report.pages
                    };
                    tally.skipped += 1;
                    report.deleted.push(format!(
                        "“{}” (#{})",
                        front_matter::plain_title(&item.title),
                        item.id
                    ));
                }
                !deleted
            });
        }
        groups.retain(|_, items| !items.is_empty());
    }

    // Each group's node key.
    let group_of_id: BTreeMap<u64, String> = groups
        .iter()
        .flat_map(|(g, items)| items.iter().map(move |i| (i.id, g.clone())))
        .collect();
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    // Nodes of an earlier import keep their place.
    for (group, items) in &groups {
        if let Some(key) = items.iter().find_map(|i| {
            previous
                .get(&i.id)
                .and_then(|p| p.file.parent()?.strip_prefix(&content).ok().map(key_of))
        }) {
            used.insert(key.clone());
            keys.insert(group.clone(), key);
        }
    }
    let owned_dirs: BTreeSet<PathBuf> = previous
        .values()
        .filter_map(|p| p.file.parent().map(Path::to_path_buf))
        .collect();
    let group_names: Vec<String> = groups.keys().cloned().collect();
    for group in &group_names {
        assign_key(
            group,
            &groups,
            &group_of_id,
            &lang_of,
            &default,
            &content,
            &owned_dirs,
            &mut keys,
            &mut used,
            &mut report,
            0,
        );
    }

    // Every page's slug before any page is written, so that each page's
    // new path (its ancestors' slugs in it) is known; in the order of the
    // folders, so that `deel-drie` keeps its slug and `deel-drie-2` yields.
    let mut slugs = paths::Slugs::default();
    let languages = config.language_codes();
    slugs.reserve_existing(&content, &owned_dirs, &languages);
    let mut by_key: Vec<(&String, &Vec<Item>)> = groups.iter().collect();
    by_key.sort_by_key(|(group, _)| &keys[*group]);
    for (group, items) in by_key {
        let mut seen = BTreeSet::new();
        for item in items {
            let (lang, _) = lang_of(item);
            if !config.has_language(&lang) || !seen.insert(lang.clone()) {
                continue;
            }
            let asked = paths::wanted_slug(item);
            let wanted = crate::slugs::shorten(&asked);
            if wanted.len() < asked.len() {
                report.warnings.push(format!(
                    "“{}” (#{}): its slug was {} bytes long, more than a URL segment may have ({}), so it is cut to `{wanted}`",
                    front_matter::plain_title(&item.title),
                    item.id,
                    asked.len(),
                    crate::slugs::MAX_SLUG_BYTES
                ));
            }
            let (slug, changed) = slugs.claim(&keys[group], &lang, wanted);
            if let Some(wanted) = changed {
                report.warnings.push(format!(
                    "“{}” (#{}): another {lang} page beside it has the slug `{wanted}`, so its slug is `{slug}`",
                    front_matter::plain_title(&item.title),
                    item.id
                ));
            }
        }
    }

    // Old URLs of every item, to turn links between posts into @/ links.
    let mut old_links = OldLinks::default();
    for (group, items) in &groups {
        let key = &keys[group];
        for item in items {
            let (lang, _) = lang_of(item);
            old_links.by_id.insert(item.id, (key.clone(), lang.clone()));
            old_links.headings.insert(
                (key.clone(), lang.clone()),
                front_matter::heading_ids(&item.content),
            );
            if let Some(path) = old_path(&item.link) {
                old_links.hosts.insert(host(&item.link).to_owned());
                old_links
                    .by_path
                    .insert(normal_path(&path), (key.clone(), lang, path));
            }
        }
    }

    let mut menu_labels = BTreeMap::new();
    let menu = menu_weights(
        &menu_items,
        &groups,
        &group_of_id,
        &keys,
        &mut menu_labels,
        options.menu.as_deref(),
        &mut report,
    );

    // The addresses of attachment pages, answered by the pages that show
    // the attachments; never one that is a page's own new address.
    let new_paths: BTreeSet<String> = groups
        .iter()
        .flat_map(|(group, items)| {
            let key = &keys[group];
            let slugs = &slugs;
            let content = &content;
            items.iter().map(move |item| {
                let (lang, _) = lang_of(item);
                slugs.new_path(config, content, key, &lang)
            })
        })
        .collect();
    let attachment_aliases: BTreeMap<u64, Vec<String>> =
        redirects::attachment_pages(export, &library)
            .into_iter()
            .map(|(page, paths)| {
                let paths = paths
                    .into_iter()
                    .filter(|p| !new_paths.contains(p))
                    .collect();
                (page, paths)
            })
            .collect();
    // The archives of categories and tags lead to their tag pages, and so
    // do the links to them in the content.
    let tag_archives = redirects::tag_redirects(
        config,
        groups.values().flatten().filter_map(|item| {
            let (lang, _) = lang_of(item);
            let code = config.language(&lang)?.code.as_str();
            Some((item, code))
        }),
        !options.no_categories,
        &new_paths,
    );
    for archive in &tag_archives {
        old_links
            .tag_pages
            .insert(normal_path(&archive.from), config.url(&archive.to(config)));
    }
    let mut answered: BTreeSet<String> = BTreeSet::new();
    let cached_titles = embeds::cached_titles(export);

    // Every page's file, and the files beside it.
    let mut writes: Vec<(Action, Write)> = Vec::new();
    let mut used_uploads = Used::default();
    let mut featured: BTreeSet<u64> = BTreeSet::new();
    let mut node_files: BTreeMap<String, PageFiles> = BTreeMap::new();
    let mut placed: Vec<redirects::Placed<'_>> = Vec::new();
    for (group, items) in &groups {
        let key = keys[group].clone();
        let mut seen = BTreeSet::new();
        let mut imported_langs = Vec::new();
        for item in items {
            let (lang, labelled) = lang_of(item);
            let title = front_matter::plain_title(&item.title);
            let tally_kind = item.kind.clone();
            let skip = |report: &mut Report, why: String| {
                let tally = if tally_kind == "post" {
                    &mut report.posts
                } else {
                    &mut report.pages
                };
                tally.skipped += 1;
                report.skipped.push(why);
            };
            if !config.has_language(&lang) {
                let hint = if labelled {
                    format!(
                        "add [languages.{lang}] to site.toml, and i18n/{lang}.ftl with its UI strings, to import it"
                    )
                } else {
                    format!(
                        "the export says its language is `{lang}`; if the posts are written in one of the site's languages, pass --language CODE (e.g. --language {default})"
                    )
                };
                skip(
                    &mut report,
                    format!(
                        "“{title}” (#{}): in {lang}, which is not a language of this site ({hint})",
                        item.id
                    ),
                );
                continue;
            }
            if !seen.insert(lang.clone()) {
                skip(
                    &mut report,
                    format!(
                        "“{title}” (#{}): a second {lang} version in one translation group",
                        item.id
                    ),
                );
                continue;
            }
            imported_langs.push(lang.clone());
            let file = previous
                .get(&item.id)
                .map(|p| p.file.clone())
                .unwrap_or_else(|| content.join(&key).join(format!("{lang}.md")));
            let files = node_files.entry(key.clone()).or_default();
            let page_name = format!("{key} ({lang})");
            let mut urls = PageUrls {
                old_links: &old_links,
                lang: &lang,
                library: &library,
                sources,
                files,
                used: &mut used_uploads,
                report: &mut report,
                page: &page_name,
                link_notes: Vec::new(),
                video_titles: embeds::titles(item, &cached_titles),
            };
            let body = convert_content(item, &library, &reusable, &mut urls, &page_name);
            // The featured image, shown atop the article and shared with
            // links to it, with the attachment's alt text.
            let featured_image = item.meta_id("_thumbnail_id").and_then(|id| {
                let a = library.attachment(id)?;
                let url = urls.media_url(&a.url)?;
                featured.insert(id);
                Some((url, decode_entities(a.alt.trim())))
            });
            if let Some((_, alt)) = &featured_image
                && alt.is_empty()
            {
                report.notes.push((
                    page_name.clone(),
                    "its featured image has no alt text on WordPress, so it is shown as decoration: say what it shows in `image_alt` under [extra]".to_owned(),
                ));
            }
            let (image, image_alt) = featured_image.unzip();
            let slug = slugs.get(&key, &lang).unwrap_or_default().to_owned();
            let new_path = slugs.new_path(config, &content, &key, &lang);
            let mut more_aliases = attachment_aliases
                .get(&item.id)
                .cloned()
                .unwrap_or_default();
            for alias in &more_aliases {
                if answered.insert(alias.clone()) {
                    report.archive_aliases += 1;
                }
            }
            // A slug changed on WordPress since the last import: the
            // page's praxis address then redirects to its new one.
            if let Some(before) = previous.get(&item.id).filter(|p| p.pristine) {
                if let Some(old) = before.slug.as_deref().filter(|old| **old != slug)
                    && let Some(parent) = new_path.strip_suffix(&format!("{slug}/"))
                {
                    let old_path = format!("{parent}{old}/");
                    report.notes.push((
                        page_name.clone(),
                        format!(
                            "its slug changed on WordPress from `{old}` to `{slug}`: its old address {old_path} redirects to its new one"
                        ),
                    ));
                    more_aliases.push(old_path);
                }
                more_aliases.extend(before.aliases.iter().cloned());
            }
            let page = Page {
                more_aliases: &more_aliases,
                item,
                slug: &slug,
                new_path: &new_path,
                categories: !options.no_categories,
                image,
                image_alt: image_alt.filter(|alt| !alt.is_empty()),
                menu: menu.get(group).copied(),
                menu_title: menu_labels
                    .get(&item.id)
                    .filter(|label| **label != title)
                    .map(String::as_str),
            };
            let (text, fm) = page.render(&body);
            placed.push(redirects::Placed {
                item,
                lang: lang.clone(),
                new_path: new_path.clone(),
            });
            record_page(&mut report, item, &title, &page_name, &fm);
            let action = match previous.get(&item.id) {
                Some(p) if !p.pristine => Action::KeptEdited,
                Some(_) => {
                    if std::fs::read_to_string(&file).is_ok_and(|t| t == text) {
                        Action::Unchanged
                    } else {
                        Action::Update
                    }
                }
                None => Action::Create,
            };
            let tally = if item.kind == "post" {
                &mut report.posts
            } else {
                &mut report.pages
            };
            tally.count(action);
            report.files.push((action, file.clone()));
            writes.push((action, Write::Text(file, text)));
        }
        if imported_langs.len() > 1 {
            report.translated_groups += 1;
        } else if let Some(lang) = imported_langs.first()
            && config.languages.len() > 1
        {
            report.one_language.push(format!("{key}: only in {lang}"));
        }
    }

    // The files copied beside each node.
    for (key, files) in &node_files {
        for (name, source) in &files.by_name {
            let target = content.join(key).join(name);
            let action = match std::fs::read(&target) {
                Ok(existing) if std::fs::read(source).is_ok_and(|s| s == existing) => {
                    Action::Unchanged
                }
                Ok(_) => Action::KeptEdited,
                Err(_) => Action::Create,
            };
            if action == Action::Create {
                report.files_copied += 1;
            }
            if action != Action::Unchanged {
                report.files.push((action, target.clone()));
            }
            writes.push((action, Write::Copy(source.clone(), target)));
        }
    }

    // Attachments: used by some page, or listed.
    // An attachment is used when a page shows it, in any size.
    for (id, attachment) in library.attachments() {
        let shown = used_uploads.attachments.contains(id)
            || featured.contains(id)
            || media::upload_path(&attachment.url)
                .into_iter()
                .chain([attachment.file.clone()])
                .any(|path| used_uploads.paths.contains(&media::original_of(&path)));
        if shown {
            report.attachments_used += 1;
        } else {
            report.attachments_unused.push(format!(
                "#{id} “{}” ({})",
                decode_entities(&attachment.title),
                attachment.url
            ));
        }
    }
    report.attachments_featured = featured.len();
    // An attachment's description is text its author wrote, shown only on
    // the attachment page, which does not come over.
    for item in export.items.iter().filter(|i| i.kind == "attachment") {
        if !item.content.trim().is_empty() {
            report.notes.push((
                format!("attachment #{} “{}”", item.id, front_matter::plain_title(&item.title)),
                format!(
                    "its description was not imported (it was shown on its attachment page only): “{}”",
                    item.content.split_whitespace().collect::<Vec<_>>().join(" ")
                ),
            ));
        }
    }

    let imported: BTreeSet<u64> = placed.iter().map(|p| p.item.id).collect();
    count_terms(export, &mut report, options.no_categories, &imported);
    // A menu item placed a page only if that page is here.
    report.menu_placed = menu
        .iter()
        .filter(|(group, m)| {
            matches!(m, front_matter::Menu::Weight(_))
                && groups[*group].iter().any(|i| imported.contains(&i.id))
        })
        .count();
    let comments = options.comments.as_ref().map(|file| {
        report.comments_file = Some(file.clone());
        comments_json(export, &old_links)
    });

    let archives = redirects::archive_aliases(export, config, &placed);
    let unanswered = sections(
        root,
        config,
        report.posts.imported() + report.posts.kept_edited > 0,
        &archives,
        &mut writes,
        &mut report,
    );
    // Category and tag archives, to their tag pages: [[redirects]] in
    // site.toml, since a tag page has no front matter to hold an alias.
    let unwritten = redirects::write_tag_redirects(root, tag_archives, &mut writes, &mut report);
    redirects::list_unplaced(
        export,
        config,
        &placed,
        &unwritten,
        &answered,
        unanswered,
        &mut report,
    );
    let mut record = record;
    record.extend(placed.iter().map(|p| p.item.id));
    Plan {
        report,
        writes,
        comments,
        record,
    }
}

/// The options, checked before anything is read or written.
fn check_options(options: &Options, config: &Config) -> Result<Sources, Diagnostic> {
    if let Some(code) = &options.language
        && !config.has_language(code)
    {
        return Err(Diagnostic::error(format!(
            "--language {code}: this site has no language `{code}`"
        ))
        .help(format!(
            "use one of the site's languages ({}), the one the posts are written in",
            config
                .languages
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let uploads = match &options.uploads {
        Some(dir) if !dir.is_dir() => {
            return Err(
                Diagnostic::error(format!("--uploads {}: no such folder", dir.display()))
                    .help("pass a copy of the site's wp-content/uploads folder"),
            );
        }
        Some(dir) => Some(Uploads::new(dir)),
        None => None,
    };
    let root = &options.root;
    if let Some(file) = &options.comments {
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.clone());
        let inside =
            |dir: &str| std::path::absolute(root.join(dir)).is_ok_and(|d| absolute.starts_with(&d));
        if inside(CONTENT_DIR) || inside(OUTPUT_DIR) || inside(Folder::Static.name()) {
            return Err(Diagnostic::error(format!(
                "--comments {}: that file would be published",
                file.display()
            ))
            .help("comments hold personal data: write them outside content/, static/ and public/, e.g. --comments wordpress-comments.json"));
        }
    }

    // What an earlier --fetch-media downloaded is not downloaded again.
    let downloads = options.root.join(fetch::DOWNLOADS);
    let fetcher = if options.fetch_media && !options.dry_run {
        std::fs::create_dir_all(&downloads).map_err(|e| write_error(&downloads, e))?;
        Some(fetch::Fetcher::new(&downloads, options.media_size_limit))
    } else {
        None
    };
    Ok(Sources {
        uploads,
        downloads: (options.fetch_media && downloads.is_dir()).then(|| Uploads::new(&downloads)),
        fetch: options.fetch_media,
        fetcher,
    })
}

/// The items of an export, sorted: what is imported, what is counted
/// elsewhere, what is skipped.
struct Sorted {
    /// Posts and pages, by translation group (or alone).
    groups: BTreeMap<String, Vec<Item>>,
    menu_items: Vec<Item>,
    /// Reusable blocks' content, by id.
    reusable: BTreeMap<u64, String>,
}

/// Sorts every item, counting each in the report.
fn sort_items(export: &wxr::Export, report: &mut Report) -> Sorted {
    let mut groups: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    let mut menu_items = Vec::new();
    let mut reusable: BTreeMap<u64, String> = BTreeMap::new();
    let mut other_types: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for item in &export.items {
        report.comments += item.comments.len();
        for c in &item.comments {
            match c.approved.as_str() {
                "spam" => report.comments_spam += 1,
                "1" => {}
                _ => report.comments_pending += 1,
            }
        }
        match item.kind.as_str() {
            "post" | "page" => {}
            "attachment" => {
                report.attachments += 1;
                continue;
            }
            "nav_menu_item" => {
                report.menu_items += 1;
                menu_items.push(item.clone());
                continue;
            }
            "wp_block" => reusable
                .insert(item.id, item.content.clone())
                .map_or((), |_| ()),
            _ => {}
        }
        if !matches!(item.kind.as_str(), "post" | "page") {
            other_types
                .entry(item.kind.clone())
                .or_default()
                .push(decode_entities(&item.title));
            continue;
        }
        let tally = if item.kind == "post" {
            &mut report.posts
        } else {
            &mut report.pages
        };
        tally.total += 1;
        let title = decode_entities(&item.title);
        if matches!(item.status.as_str(), "trash" | "auto-draft" | "inherit") {
            tally.skipped += 1;
            report.skipped.push(format!(
                "“{title}” (#{}): in WordPress's {}, not a post anyone wrote to keep",
                item.id,
                if item.status == "trash" {
                    "trash"
                } else {
                    "automatic drafts"
                }
            ));
            continue;
        }
        let group = item
            .translation_group()
            .unwrap_or_else(|| format!("single-{}", item.id));
        groups.entry(group).or_default().push(item.clone());
    }
    for (kind, titles) in other_types {
        let what = match kind.as_str() {
            "wp_block" => "reusable blocks: their content is placed in the pages that use them".to_owned(),
            "revision" => "old revisions: the current text of each post is imported".to_owned(),
            "wpcf7_contact_form" => format!(
                "Contact Form 7 forms ({}): declare each as [forms.NAME] in site.toml and show it with [extra] form = \"NAME\"",
                titles.join(", ")
            ),
            "wp_navigation" => "block-theme menus: the menu comes from the top-level pages (and the classic menu, if any)".to_owned(),
            "wp_global_styles" | "wp_template" | "wp_template_part" | "custom_css" | "customize_changeset" | "oembed_cache" | "user_request" => {
                "theme and site settings, not content: not imported".to_owned()
            }
            _ => format!(
                "a custom post type, not imported: praxis has posts and pages only; copy what matters by hand ({})",
                titles.join(", ")
            ),
        };
        report.other_types.insert(kind, (titles.len(), what));
    }

    Sorted {
        groups,
        menu_items,
        reusable,
    }
}

/// The HTML of an item as WordPress showed it, into Markdown.
fn convert_content(
    item: &Item,
    library: &Library,
    reusable: &BTreeMap<u64, String>,
    urls: &mut PageUrls<'_>,
    page: &str,
) -> String {
    let blocks = item.content.contains("<!-- wp:");
    let mut missing_blocks = Vec::new();
    if blocks {
        for block in front_matter::dynamic_blocks(&item.content) {
            urls.report.todo.push((
                page.to_owned(),
                format!("{block} was left out: WordPress made its content each time the page was shown, which a static site cannot; the tag pages and the list of articles show much of it, or write what matters by hand"),
            ));
        }
    }
    let mut html = if blocks {
        front_matter::strip_blocks(&item.content, reusable, &mut missing_blocks)
    } else {
        item.content.clone()
    };
    let mut embeds = Vec::new();
    if !blocks {
        html = shortcodes::autoembed(&html, &mut embeds);
    }
    let expanded = shortcodes::expand(&html, item.id, library);
    embeds.extend(expanded.embeds);
    let html = if blocks {
        expanded.html
    } else {
        autop::autop(&expanded.html)
    };
    let notes = footnotes::extract(&html, item.meta.get("footnotes").map(String::as_str));
    let mut converted = markdown::convert(&notes.html, urls);
    let texts: Vec<String> = notes
        .notes
        .iter()
        .map(|note| markdown::convert(note, urls).markdown)
        .collect();
    converted.markdown = footnotes::finish(&converted.markdown, &texts);
    embeds.extend(converted.embeds);
    urls.report.embeds += embeds.len();
    urls.report.players += converted.players;
    for id in missing_blocks {
        urls.report.todo.push((
            page.to_owned(),
            format!("a reusable block (#{id}) is not in the export, so its content is missing: copy it from WordPress (Appearance → Patterns) where the page used it"),
        ));
    }
    for todo in expanded.todo {
        urls.report.todo.push((page.to_owned(), todo));
    }
    let mut notes: Vec<String> = converted.notes;
    notes.append(&mut urls.link_notes);
    notes.dedup();
    for note in notes {
        urls.report.notes.push((page.to_owned(), note));
    }
    converted.markdown
}

fn record_page(
    report: &mut Report,
    item: &Item,
    title: &str,
    page: &str,
    fm: &front_matter::Written,
) {
    if fm.draft {
        if item.kind == "post" {
            report.posts.drafts += 1;
        } else {
            report.pages.drafts += 1;
        }
    }
    if !item.password.is_empty() {
        report.warnings.push(format!(
            "{page} “{title}”: password-protected on WordPress; a static site cannot ask for a password, so it is a draft — publish it only if anyone may read it"
        ));
    } else if item.status == "private" {
        report.warnings.push(format!(
            "{page} “{title}”: private on WordPress, so it is a draft here — publish it only if anyone may read it"
        ));
    } else if item.status == "future" {
        report.warnings.push(format!(
            "{page} “{title}”: scheduled on WordPress, so it is a draft here until you publish it"
        ));
    } else if item.status == "pending" {
        report.warnings.push(format!(
            "{page} “{title}”: waiting for review on WordPress, so it is a draft here — publish it once it is read"
        ));
    }
    // A post format (aside, quote, video…) changed how a theme showed the
    // post; praxis shows every post alike.
    for format in item.terms_of("post_format") {
        let name = format
            .nicename
            .strip_prefix("post-format-")
            .unwrap_or(&format.nicename);
        report.notes.push((
            page.to_owned(),
            format!(
                "its post format “{name}” is not kept: praxis shows every post alike (its text is all here)"
            ),
        ));
    }
    if item.sticky {
        report.sticky.push(format!("{page} “{title}”"));
    }
    for other in &fm.other_descriptions {
        report.notes.push((
            page.to_owned(),
            format!("its SEO description “{other}” differs from the excerpt, which is its description now; left out"),
        ));
    }
    if fm.alias {
        report.aliases += 1;
    } else if let Some(reason) = &fm.no_alias {
        report.unredirectable.push(format!("{page}: {reason}"));
    }
}

fn comments_json(export: &wxr::Export, old_links: &OldLinks) -> String {
    #[derive(serde::Serialize)]
    struct PostComments<'a> {
        wordpress_id: u64,
        title: String,
        page: Option<String>,
        comments: Vec<&'a wxr::Comment>,
    }
    let all: Vec<PostComments<'_>> = export
        .items
        .iter()
        .filter(|i| !i.comments.is_empty())
        .map(|i| PostComments {
            wordpress_id: i.id,
            title: decode_entities(&i.title),
            page: old_links
                .by_id
                .get(&i.id)
                .map(|(k, l)| format!("{k} ({l})")),
            // Spam is nobody's words worth keeping (and often links to
            // avoid); the report says it was left out.
            comments: i.comments.iter().filter(|c| c.approved != "spam").collect(),
        })
        .filter(|p| !p.comments.is_empty())
        .collect();
    serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"
}
