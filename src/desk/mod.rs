//! `praxis desk`: the practitioner writes, translates and keeps her site in
//! the browser, without a terminal or a text editor.
//!
//! The desk is the preview of `praxis serve --watch` (every save is on
//! screen at once) with pages of its own under `/_praxis/`: the site's
//! pages as a tree with each language's state ([`html::list`]), an editor
//! with every language of a page side by side ([`html::editor`]), a form
//! for a new page. It is only hers: loopback only, the key of the printed
//! address as a cookie, the `Host` checked, every change a POST from the
//! desk's own pages with their token ([`crate::serve::guard`]).
//!
//! Nothing she writes is lost ([`save`]): a save is atomic, the version it
//! replaces goes into the page's history first, and a file changed on disk
//! since she opened it is not overwritten — she is shown both. A field she
//! did not change keeps its bytes ([`page_file`]).

mod checking;
mod html;
mod intakes;
mod page_file;
mod photo_removal;
mod photos;
mod private_key;
mod publish_run;
mod publishing;
mod running;
mod save;
mod shortcut;
mod visit;
mod words;

use std::collections::HashMap;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::Query;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use self::html::{Column, Listed, Version};
use self::page_file::{Fields, Invalid, PageFile};
use self::save::{Saved, version_of};
use self::visit::{Change, Knock, Posted, Tokened, Visit, refused};
use self::words::{LANGUAGE_COOKIE, WORDS, Words};
use crate::error::Error;
use crate::model::{NodeKind, Site};
use crate::serve::guard::Guard;
use crate::serve::translations_view::{VersionState, version_states};
use crate::serve::{Keyed, ServeOptions, ServerState};

/// The cookie that carries the desk's key.
const KEY_COOKIE: &str = "praxis_desk";

/// How to start the desk.
pub struct Options {
    pub port: u16,
    /// Open her browser at the desk.
    pub open: bool,
}

/// What the desk's handlers share.
struct Desk {
    /// The preview's guard, which the translator's view shares.
    guard: Arc<Guard>,
    server: ServerState,
    /// The publish running, else the last one, for the page that follows it.
    publishing: Arc<publish_run::Publishing>,
}

impl Desk {
    /// Where her site is served beside the desk: `http://127.0.0.1:1111`.
    fn site_origin(&self) -> String {
        self.server
            .site_host
            .as_ref()
            .map_or_else(String::new, |host| format!("http://{host}"))
    }
}

/// Starts the preview with the desk, prints its address and opens it; or,
/// when this site's desk runs already, opens that one.
pub fn run(root: &Path, options: &Options) -> Result<(), Error> {
    let key = running::key(root).map_err(Error::ViewToken)?;
    if let Some(origin) = running::already_running(root, &key) {
        let address = format!("{origin}/_praxis/?key={key}");
        outln!("desk: {address}  (already running: opened again)");
        open_browser(options.open, &address);
        return Ok(());
    }
    let serve = ServeOptions {
        bind: Ipv4Addr::LOCALHOST.into(),
        port: options.port,
        watch: true,
        drafts: false,
        keyed: Some(Keyed {
            cookie: KEY_COOKIE,
            key,
        }),
    };
    let open = options.open;
    let answering = Arc::new(std::sync::Mutex::new(None::<String>));
    let noted = Arc::clone(&answering);
    let root_owned = root.to_path_buf();
    let ran = crate::serve::run_with(
        root,
        &serve,
        Box::new(move |_local, state| {
            let guard = Arc::clone(&state.view.door);
            let address = format!("{}/_praxis/?key={}", guard.origin(), guard.key);
            outln!("desk: {address}");
            running::started(&root_owned, &guard.origin());
            *noted.lock().unwrap_or_else(|e| e.into_inner()) = Some(guard.origin());
            open_browser(open, &address);
            let desk = Arc::new(Desk {
                guard,
                server: state.clone(),
                publishing: Default::default(),
            });
            Ok(routes(desk))
        }),
    );
    if let Some(origin) = answering.lock().unwrap_or_else(|e| e.into_inner()).take() {
        running::stopped(root, &origin);
    }
    ran
}

/// Makes the launchers that open the desk of the site in `root` with a
/// double click ([`shortcut`]), and says where they are.
pub fn make_shortcut(root: &Path) -> Result<(), Error> {
    let config = crate::config::Config::load(root).map_err(Error::Diagnostics)?;
    let program = std::env::current_exe()
        .map_err(|e| Error::Said(Box::new(shortcut::ShortcutError::NoProgram(e))))?;
    let root = std::fs::canonicalize(root).map_err(|source| Error::SiteFolder {
        root: root.to_path_buf(),
        source,
    })?;
    let launcher = shortcut::Launcher {
        program,
        root,
        title: config.title.clone(),
    };
    let made = shortcut::make(&launcher).map_err(|e| Error::Said(Box::new(e)))?;
    for path in made {
        outln!("made a shortcut to this site's desk: {}", path.display());
    }
    Ok(())
}

fn open_browser(open: bool, address: &str) {
    if open && webbrowser::open(address).is_err() {
        errln!("note: no browser could be opened here: open the address above in yours");
    }
}

/// The desk's style, with the inbox's for its messages.
static STYLE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!("{}{}", include_str!("desk.css"), crate::serve::inbox::STYLE)
});

fn routes(desk: Arc<Desk>) -> Router {
    let inbox = crate::serve::inbox::routes(Arc::new(intakes::Intakes(Arc::clone(&desk))));
    Router::new()
        .route("/_praxis/", get(pages))
        .route("/_praxis", get(|| async { redirect("/_praxis/") }))
        .route(
            "/_praxis/page",
            // Both versions of a long page, as a form posts them.
            get(page)
                .post(save_page)
                .layer(axum::extract::DefaultBodyLimit::max(16 << 20)),
        )
        .route("/_praxis/resolve", axum::routing::post(resolve))
        .route("/_praxis/restore", axum::routing::post(restore))
        .route("/_praxis/new", get(new_form).post(create))
        .route("/_praxis/language", axum::routing::post(language))
        .route(
            "/_praxis/photo",
            axum::routing::post(photos::upload).layer(axum::extract::DefaultBodyLimit::max(
                photos::MAX_BYTES + (1 << 20),
            )),
        )
        .route(
            "/_praxis/photo/remove",
            axum::routing::post(photo_removal::remove),
        )
        .route(
            "/_praxis/photo/restore",
            axum::routing::post(photo_removal::restore),
        )
        .route(
            "/_praxis/private-key",
            axum::routing::post(private_key::give)
                .layer(axum::extract::DefaultBodyLimit::max(private_key::MAX_BYTES)),
        )
        .route("/_praxis/check", get(checking::page))
        .route("/_praxis/publish", get(publishing::page))
        .route(
            "/_praxis/publish/plan",
            axum::routing::post(publishing::plan),
        )
        .route(
            "/_praxis/publish/send",
            axum::routing::post(publishing::send),
        )
        .route("/_praxis/publish/progress", get(publishing::progress))
        .route(
            "/_praxis/desk.css",
            get(|| async { asset(STYLE.as_str(), "text/css; charset=utf-8") }),
        )
        .route(
            "/_praxis/desk.js",
            get(|| async { asset(include_str!("desk.js"), "text/javascript; charset=utf-8") }),
        )
        .route(
            "/_praxis/inbox",
            get(|| async { redirect("/_praxis/inbox/") }),
        )
        .with_state(desk)
        .merge(inbox)
}

impl Desk {
    /// The desk's words for a request: the language she chose, else the
    /// site's default language, else English.
    fn words(&self, headers: &HeaderMap) -> Words {
        let site = self.server.snapshot.load().site.clone();
        let default = site
            .as_ref()
            .map_or("en", |s| s.config.default_language.as_str());
        Words(WORDS.choose(words::chosen(headers), default))
    }

    fn root(&self) -> &Path {
        &self.server.root
    }
}

// ------------------------------------------------------------ the pages

#[derive(Deserialize, Default)]
struct ListQuery {
    key: Option<String>,
    filter: Option<String>,
    done: Option<String>,
}

async fn pages(knock: Knock, Query(query): Query<ListQuery>) -> Response {
    // The printed address: its key becomes the cookie, and the address bar
    // is left without it.
    if let Some(key) = &query.key {
        return match knock.enter(key) {
            Ok(cookie) => {
                let mut response = redirect("/_praxis/");
                response.headers_mut().insert(header::SET_COOKIE, cookie);
                response
            }
            Err(refusal) => refusal,
        };
    }
    let visit = match knock.visit() {
        Ok(visit) => visit,
        Err(refusal) => return refusal,
    };
    let filter = query.filter.unwrap_or_default();
    let listed = listed(&visit, &filter);
    let notice = query.done.as_deref().and_then(|id| notice(visit.words, id));
    page_html(html::list(
        &visit.frame("/_praxis/"),
        &listed,
        &filter,
        notice.as_deref(),
    ))
}

/// The site's pages in tree order, with each language's title and state.
fn listed(visit: &Visit, filter: &str) -> Vec<Listed> {
    let site = &visit.site;
    let states = version_states(&visit.desk.server, site);
    let wanted = filter.trim().to_lowercase();
    let mut nodes: Vec<&crate::model::Node> = site
        .nodes
        .iter()
        .filter(|n| !n.pages.is_empty() || !n.drafts.is_empty())
        .collect();
    nodes.sort_by(|a, b| a.key.cmp(&b.key));
    nodes
        .into_iter()
        .filter_map(|node| {
            let versions: Vec<Version> = site
                .config
                .languages
                .iter()
                .map(|language| {
                    let page = node
                        .pages
                        .iter()
                        .map(|&p| &site.pages[p])
                        .find(|p| p.lang == language.code);
                    let draft = node.drafts.iter().find(|d| d.lang == language.code);
                    let title = page
                        .map(|p| p.title.clone())
                        .or_else(|| draft.map(|d| d.front_matter.title.clone()));
                    let state = states
                        .get(&node.key)
                        .and_then(|v| v.iter().find(|(l, _)| *l == language.code))
                        .map(|(_, s)| *s)
                        .unwrap_or(match (page, draft) {
                            (Some(_), _) => VersionState::Published,
                            (None, Some(_)) => VersionState::Draft,
                            (None, None) => VersionState::Missing,
                        });
                    let (id, class) = state_words(state);
                    Version {
                        lang: language.code.clone(),
                        name: language.name.clone(),
                        title,
                        state: visit.words.get(id),
                        class,
                    }
                })
                .collect();
            let matches = wanted.is_empty()
                || versions
                    .iter()
                    .filter_map(|v| v.title.as_deref())
                    .any(|t| t.to_lowercase().contains(&wanted));
            let date = node
                .pages
                .iter()
                .find_map(|&p| site.pages[p].date.as_ref())
                .map(|d| d.day.clone());
            matches.then(|| Listed {
                depth: if node.key.is_empty() {
                    0
                } else {
                    node.key.matches('/').count() + 1
                },
                key: node.key.clone(),
                date,
                versions,
            })
        })
        .collect()
}

fn state_words(state: VersionState) -> (&'static str, &'static str) {
    match state {
        VersionState::Published => ("state-published", "published"),
        VersionState::Ahead => ("state-ahead", "published"),
        VersionState::OutOfDate => ("state-out-of-date", "behind"),
        VersionState::Draft => ("state-draft", "draft"),
        VersionState::Missing => ("state-missing", "missing"),
    }
}

/// What a `done=` after a redirect says.
fn notice(words: Words, id: &str) -> Option<String> {
    [
        "saved",
        "nothing-changed",
        "created",
        "restored",
        "took-theirs",
        "photo-added",
        "photo-removed",
        "photo-restored",
    ]
    .contains(&id)
    .then(|| words.get(id))
}

// ------------------------------------------------------------ the editor

#[derive(Deserialize)]
struct PageQuery {
    p: String,
    done: Option<String>,
    /// Why a photo was not added (`photo-…` in the desk's words).
    photo: Option<String>,
}

async fn page(visit: Visit, Query(query): Query<PageQuery>) -> Response {
    let notice = query
        .done
        .as_deref()
        .and_then(|id| notice(visit.words, id))
        .or_else(|| {
            let problem = query.photo.as_deref()?;
            ["too-big", "not-a-photo", "no-alt", "none", "failed"]
                .contains(&problem)
                .then(|| visit.words.get(&format!("photo-{problem}")))
        });
    editor(&visit, &query.p, None, notice.as_deref(), &[])
}

/// The editor of node `key`, with `posted` fields in place of the files'
/// where she sent some that could not be saved.
fn editor(
    visit: &Visit,
    key: &str,
    posted: Option<&HashMap<String, String>>,
    notice: Option<&str>,
    problems: &[(String, Invalid)],
) -> Response {
    let site = &visit.site;
    let Some(node) = site.node(key) else {
        return text(StatusCode::NOT_FOUND, visit.words.get("not-found"));
    };
    let states = version_states(&visit.desk.server, site);
    let mut columns = Vec::new();
    for language in &site.config.languages {
        let out_of_date = states.get(key).is_some_and(|versions| {
            versions
                .iter()
                .any(|(l, s)| *l == language.code && *s == VersionState::OutOfDate)
        });
        let file = file_of(site, key, &language.code);
        let page = site
            .node_id(key)
            .and_then(|id| site.page_in(id, &language.code))
            .map(|p| &site.pages[p]);
        let mut column = Column {
            key: key.to_owned(),
            out_of_date,
            lang: language.code.clone(),
            name: language.name.clone(),
            fields: Fields::default(),
            opened: None,
            url: page.map(|p| format!("{}{}", visit.desk.site_origin(), site.config.url(&p.path))),
            in_menu: !key.is_empty() && !key.contains('/') && node.kind != NodeKind::Home,
            unreadable: None,
            history: save::history(visit.desk.root(), &file)
                .into_iter()
                .take(10)
                .map(|(name, _)| (name.clone(), shown_time(&name)))
                .collect(),
        };
        match read(visit, &file) {
            Ok(Some((text, parsed))) => {
                column.opened = Some(version_of(&text));
                column.fields = parsed.fields();
            }
            // A version written here starts as a draft, as a new page does.
            Ok(None) => column.fields.draft = true,
            Err(why) => column.unreadable = Some(why),
        }
        if let Some(posted) = posted {
            column.fields = fields_from(posted, &language.code);
            column.opened = posted.get(&format!("{}.opened", language.code)).cloned();
        }
        columns.push(column);
    }
    let title = columns
        .iter()
        .find(|c| !c.fields.title.is_empty())
        .map(|c| c.fields.title.clone())
        .unwrap_or_else(|| visit.words.get("home"));
    let here = format!("/_praxis/page?p={}", encode(key));
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let links = links(site, key);
    let photos = photo_removal::section(visit, key);
    let mut response = page_html(html::editor(
        &visit.frame(&here),
        key,
        &title,
        &columns,
        &html::Beside {
            links: &links,
            photos: &photos,
        },
        notice,
        problems,
    ));
    *response.status_mut() = status;
    response
}

/// Every other page, by key, with its title in the site's default
/// language (else its first): what a link can point to.
fn links(site: &Site, except: &str) -> Vec<(String, String)> {
    let mut links: Vec<(String, String)> = site
        .nodes
        .iter()
        .filter(|n| n.key != except && !n.key.is_empty())
        .filter_map(|n| {
            let page = n
                .pages
                .iter()
                .map(|&p| &site.pages[p])
                .find(|p| p.lang == site.config.default_language)
                .or_else(|| n.pages.first().map(|&p| &site.pages[p]))?;
            Some((n.key.clone(), page.title.clone()))
        })
        .collect();
    links.sort();
    links
}

/// The file of node `key` in `lang`, relative to the site: the one the
/// model read, else where `praxis new` would make it.
fn file_of(site: &Site, key: &str, lang: &str) -> PathBuf {
    if let Some(node) = site.node(key) {
        if let Some(page) = node
            .pages
            .iter()
            .map(|&p| &site.pages[p])
            .find(|p| p.lang == lang)
        {
            return page.source.clone();
        }
        if let Some(draft) = node.drafts.iter().find(|d| d.lang == lang) {
            return draft.source.clone();
        }
    }
    let folder = Path::new(crate::content::CONTENT_DIR);
    if key.is_empty() {
        folder.join(format!("{lang}.md"))
    } else {
        folder.join(key).join(format!("{lang}.md"))
    }
}

/// The file of node `key` in `lang` that a change may write: a page of
/// the site in one of its languages, not a link; else the answer saying why.
fn writable_file(visit: &Visit, key: &str, lang: &str) -> Result<PathBuf, Response> {
    let site = &visit.site;
    if site.node(key).is_none() || !site.config.has_language(lang) {
        return Err(text(StatusCode::NOT_FOUND, visit.words.get("not-found")));
    }
    let file = file_of(site, key, lang);
    if is_linked(visit.desk.root(), &file) {
        let shown = file.display().to_string();
        return Err(text(
            StatusCode::CONFLICT,
            visit.words.with("linked", &[("file", shown.into())]),
        ));
    }
    Ok(file)
}

/// Whether `file` (relative to the site) is a link, or lies through a
/// folder that links out of the site: the desk writes neither.
fn is_linked(root: &Path, file: &Path) -> bool {
    let path = root.join(file);
    std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
        || crate::site_files::confine(root, &path).is_err()
}

/// The file's text and its parse; `None` when there is no file yet.
fn read(visit: &Visit, file: &Path) -> Result<Option<(String, PageFile)>, String> {
    let path = visit.desk.root().join(file);
    let shown = file.display().to_string();
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(visit
                .words
                .with("linked", &[("file", shown.as_str().into())]));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    // A folder on the way that links out of the site is not followed.
    if crate::site_files::confine(visit.desk.root(), &path).is_err() {
        return Err(visit
            .words
            .with("linked", &[("file", shown.as_str().into())]));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| {
        visit.words.with(
            "unreadable",
            &[
                ("file", shown.as_str().into()),
                ("why", e.to_string().into()),
            ],
        )
    })?;
    let parsed = PageFile::parse(text.clone()).map_err(|e| {
        visit.words.with(
            "unreadable",
            &[
                ("file", shown.as_str().into()),
                ("why", format!("{e}.").into()),
            ],
        )
    })?;
    Ok(Some((text, parsed)))
}

/// One language's fields as the form posted them.
fn fields_from(posted: &HashMap<String, String>, lang: &str) -> Fields {
    let get = |field: &str| {
        posted
            .get(&format!("{lang}.{field}"))
            .cloned()
            .unwrap_or_default()
    };
    Fields {
        title: get("title"),
        slug: get("slug"),
        date: get("date"),
        draft: posted.contains_key(&format!("{lang}.draft")),
        description: get("description"),
        tags: get("tags"),
        menu_title: get("menu_title"),
        weight: get("weight"),
        body: get("body"),
    }
}

async fn save_page(change: Change<Posted>) -> Response {
    let Change {
        visit,
        form: Posted(posted),
    } = change;
    let desk = Arc::clone(&visit.desk);
    let key = posted.get("p").cloned().unwrap_or_default();
    let site = Arc::clone(&visit.site);
    if site.node(&key).is_none() {
        return text(StatusCode::NOT_FOUND, visit.words.get("not-found"));
    }
    // Every language is checked before any is written: all or nothing.
    let mut writes = Vec::new();
    let mut problems = Vec::new();
    for language in &site.config.languages {
        let lang = &language.code;
        let fields = fields_from(&posted, lang);
        let file = file_of(&site, &key, lang);
        let opened = posted.get(&format!("{lang}.opened")).cloned();
        // A version that cannot be read here was shown without fields:
        // the others are saved all the same.
        let Ok(existing) = read(&visit, &file) else {
            continue;
        };
        let text = match (&existing, &opened) {
            (Some((_, parsed)), _) => match parsed.with(&fields) {
                Ok(text) => text,
                Err(found) => {
                    problems.extend(found.into_iter().map(|p| (language.name.clone(), p)));
                    continue;
                }
            },
            // No file (or no longer one): a new version, if she wrote one.
            (None, _) if fields.title.trim().is_empty() && fields.body.trim().is_empty() => None,
            (None, _) => match new_file(&fields) {
                Ok(text) => Some(text),
                Err(found) => {
                    problems.extend(found.into_iter().map(|p| (language.name.clone(), p)));
                    continue;
                }
            },
        };
        if let Some(text) = text {
            writes.push((lang.clone(), file, text, opened));
        }
    }
    if !problems.is_empty() {
        return editor(&visit, &key, Some(&posted), None, &problems);
    }
    if writes.is_empty() {
        return redirect(&format!(
            "/_praxis/page?p={}&done=nothing-changed",
            encode(&key)
        ));
    }
    // The versions that changed on disk since she opened them are not
    // written: hers go into the history at once (nothing she wrote is
    // lost, wherever she goes next), and the first is shown beside the
    // one on disk. The others are saved.
    let mut conflicts = Vec::new();
    for (lang, file, text, opened) in writes {
        match save::save(desk.root(), &file, &text, opened.as_deref()) {
            Ok(Saved::Written) => {}
            Ok(Saved::Conflict { on_disk }) => {
                let _ = save::keep(desk.root(), &file, &text);
                conflicts.push((lang, file, text, on_disk));
            }
            Err(e) => {
                let why = visit.words.with(
                    "failed",
                    &[
                        ("file", file.display().to_string().into()),
                        ("why", e.to_string().into()),
                    ],
                );
                return editor(&visit, &key, Some(&posted), Some(&why), &[]);
            }
        }
    }
    if let Some((lang, file, text, on_disk)) = conflicts.into_iter().next() {
        return with_status(
            StatusCode::CONFLICT,
            page_html(html::conflict(
                &visit.frame("/_praxis/"),
                &key,
                &lang,
                &file.display().to_string(),
                &text,
                &on_disk,
                &version_of(&on_disk),
            )),
        );
    }
    redirect(&format!("/_praxis/page?p={}&done=saved", encode(&key)))
}

/// A new version's file, from nothing but what she typed.
fn new_file(fields: &Fields) -> Result<String, Vec<Invalid>> {
    let empty = PageFile::parse("+++\ntitle = \"\"\n+++\n".to_owned()).map_err(|_| Vec::new())?;
    empty
        .with(fields)
        .map(|text| text.unwrap_or_else(|| "+++\ntitle = \"\"\n+++\n".to_owned()))
}

#[derive(Deserialize)]
struct ResolveForm {
    token: String,
    p: String,
    lang: String,
    /// `mine` or `theirs`.
    keep: String,
    /// Her version.
    text: String,
    /// The version on disk she was shown.
    on_disk: String,
}

impl Tokened for ResolveForm {
    fn token(&self) -> &str {
        &self.token
    }
}

/// After a conflict: her version written (the one on disk kept in the
/// history), or the one on disk kept (hers put in the history).
async fn resolve(Change { visit, form }: Change<ResolveForm>) -> Response {
    let desk = Arc::clone(&visit.desk);
    let file = match writable_file(&visit, &form.p, &form.lang) {
        Ok(file) => file,
        Err(refusal) => return refusal,
    };
    let text_with_file_endings = form.text.replace("\r\n", "\n");
    let outcome = if form.keep == "mine" {
        save::save(
            desk.root(),
            &file,
            &text_with_file_endings,
            Some(&form.on_disk),
        )
        .map(|saved| (saved, "saved"))
    } else {
        save::keep(desk.root(), &file, &text_with_file_endings)
            .map(|_| (Saved::Written, "took-theirs"))
    };
    match outcome {
        Ok((Saved::Written, done)) => {
            redirect(&format!("/_praxis/page?p={}&done={done}", encode(&form.p)))
        }
        Ok((Saved::Conflict { on_disk }, _)) => with_status(
            StatusCode::CONFLICT,
            page_html(html::conflict(
                &visit.frame("/_praxis/"),
                &form.p,
                &form.lang,
                &file.display().to_string(),
                &text_with_file_endings,
                &on_disk,
                &version_of(&on_disk),
            )),
        ),
        Err(e) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            visit.words.with(
                "failed",
                &[
                    ("file", file.display().to_string().into()),
                    ("why", e.to_string().into()),
                ],
            ),
        ),
    }
}

#[derive(Deserialize)]
struct RestoreForm {
    token: String,
    p: String,
    lang: String,
    version: String,
}

impl Tokened for RestoreForm {
    fn token(&self) -> &str {
        &self.token
    }
}

/// An earlier version back in place; the one it replaces into the history.
async fn restore(Change { visit, form }: Change<RestoreForm>) -> Response {
    let desk = Arc::clone(&visit.desk);
    let file = match writable_file(&visit, &form.p, &form.lang) {
        Ok(file) => file,
        Err(refusal) => return refusal,
    };
    // Only a version listed in the history: never a path she did not see.
    let Some((_, path)) = save::history(desk.root(), &file)
        .into_iter()
        .find(|(name, _)| *name == form.version)
    else {
        return text(StatusCode::NOT_FOUND, visit.words.get("not-found"));
    };
    let earlier = std::fs::read_to_string(&path).unwrap_or_default();
    let current = std::fs::read_to_string(desk.root().join(&file)).ok();
    let opened = current.as_deref().map(version_of);
    match save::save(desk.root(), &file, &earlier, opened.as_deref()) {
        Ok(_) => redirect(&format!(
            "/_praxis/page?p={}&done=restored",
            encode(&form.p)
        )),
        Err(e) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            visit.words.with(
                "failed",
                &[
                    ("file", file.display().to_string().into()),
                    ("why", e.to_string().into()),
                ],
            ),
        ),
    }
}

// ------------------------------------------------------------ a new page

async fn new_form(visit: Visit) -> Response {
    new_page_html(&visit, None, StatusCode::OK, &HashMap::new())
}

/// The form for a new page, with what she `posted` in it again.
fn new_page_html(
    visit: &Visit,
    notice: Option<&str>,
    status: StatusCode,
    posted: &HashMap<String, String>,
) -> Response {
    let site = &visit.site;
    let sections: Vec<(String, String)> = site
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Section)
        .map(|n| {
            let title = n
                .pages
                .first()
                .map(|&p| site.pages[p].title.clone())
                .unwrap_or_else(|| n.key.clone());
            (n.key.clone(), title)
        })
        .collect();
    let languages: Vec<(String, String)> = site
        .config
        .languages
        .iter()
        .map(|l| (l.code.clone(), l.name.clone()))
        .collect();
    with_status(
        status,
        page_html(html::new_page(
            &visit.frame("/_praxis/new"),
            &sections,
            &languages,
            posted,
            notice,
        )),
    )
}

async fn create(change: Change<Posted>) -> Response {
    let Change {
        visit,
        form: Posted(posted),
    } = change;
    let desk = Arc::clone(&visit.desk);
    let site = Arc::clone(&visit.site);
    let section = posted.get("section").cloned().unwrap_or_default();
    if !section.is_empty() && site.node(&section).is_none() {
        return text(StatusCode::NOT_FOUND, visit.words.get("not-found"));
    }
    let titles: std::collections::BTreeMap<String, String> = site
        .config
        .languages
        .iter()
        .filter_map(|l| {
            let title = posted.get(&format!("title.{}", l.code))?.trim();
            (!title.is_empty()).then(|| (l.code.clone(), title.to_owned()))
        })
        .collect();
    // The folder is named after the default language's title, else the first.
    let Some(named_by) = titles
        .get(&site.config.default_language)
        .or_else(|| titles.values().next())
    else {
        let why = visit.words.get("new-no-title");
        return new_page_html(
            &visit,
            Some(&why),
            StatusCode::UNPROCESSABLE_ENTITY,
            &posted,
        );
    };
    let folder = crate::slugs::slugify(named_by);
    if folder.is_empty() {
        let why = visit.words.get("new-no-address");
        return new_page_html(
            &visit,
            Some(&why),
            StatusCode::UNPROCESSABLE_ENTITY,
            &posted,
        );
    }
    let key = if section.is_empty() {
        folder
    } else {
        format!("{section}/{folder}")
    };
    if site.node(&key).is_some()
        || desk
            .root()
            .join(crate::content::CONTENT_DIR)
            .join(&key)
            .exists()
    {
        return new_page_html(
            &visit,
            Some(&visit.words.get("new-exists")),
            StatusCode::CONFLICT,
            &posted,
        );
    }
    let today = jiff::Zoned::now().date();
    match crate::authoring::new_page::create(desk.root(), &site.config, &key, &titles, today) {
        Ok(_) => {
            // The new files are the watcher's to read: the editor opens
            // once the model has them.
            wait_for_node(&desk, &key).await;
            redirect(&format!("/_praxis/page?p={}&done=created", encode(&key)))
        }
        Err(why) => {
            let why = visit
                .words
                .with("new-failed", &[("why", why.to_string().into())]);
            new_page_html(
                &visit,
                Some(&why),
                StatusCode::UNPROCESSABLE_ENTITY,
                &posted,
            )
        }
    }
}

/// Waits (a few seconds at most) until the served model has node `key`.
async fn wait_for_node(desk: &Desk, key: &str) {
    for _ in 0..100 {
        if desk
            .server
            .snapshot
            .load()
            .site
            .as_ref()
            .is_some_and(|s| s.node(key).is_some())
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

// ------------------------------------------------------------ the desk's language

#[derive(Deserialize)]
struct LanguageForm {
    token: String,
    lang: String,
    back: Option<String>,
}

impl Tokened for LanguageForm {
    fn token(&self) -> &str {
        &self.token
    }
}

async fn language(Change { form, .. }: Change<LanguageForm>) -> Response {
    // Back only to a page of the desk.
    let back = form
        .back
        .filter(|b| b.starts_with("/_praxis/") && !b.starts_with("/_praxis//"))
        .unwrap_or_else(|| "/_praxis/".to_owned());
    let mut response = redirect(&back);
    if crate::i18n::builtin::Catalog::speaks(&form.lang)
        && let Ok(cookie) = HeaderValue::from_str(&format!(
            "{LANGUAGE_COOKIE}={}; Path=/_praxis; Max-Age=31536000; SameSite=Strict",
            form.lang
        ))
    {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

// ------------------------------------------------------------ answers

/// A node key in a query: what a URL cannot hold as it is, escaped.
pub(crate) fn encode(key: &str) -> String {
    const QUERY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~')
        .remove(b'/');
    percent_encoding::utf8_percent_encode(key, QUERY).to_string()
}

/// `20261207T101500.123456Z` → `2026-12-07 10:15:00 UTC`.
fn shown_time(name: &str) -> String {
    let stamp = name.split('-').next().unwrap_or(name).trim_end_matches('Z');
    // Written in UTC (`save::keep`), shown in her own time.
    match jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S%.f", stamp)
        .and_then(|utc| utc.to_zoned(jiff::tz::TimeZone::UTC))
    {
        Ok(t) => t
            .with_time_zone(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => name.to_owned(),
    }
}

/// The headers of every desk page: nothing cached, framed, or sent out.
fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CACHE_CONTROL, "no-store"),
        (
            header::CONTENT_SECURITY_POLICY,
            // Her site, in the editor's preview, is served at 127.0.0.1.
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; frame-src http://127.0.0.1:*; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

fn page_html(body: String) -> Response {
    private(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response())
}

fn with_status(status: StatusCode, mut response: Response) -> Response {
    *response.status_mut() = status;
    response
}

fn text(status: StatusCode, body: String) -> Response {
    private(
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{body}\n"),
        )
            .into_response(),
    )
}

fn redirect(to: &str) -> Response {
    private((StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response())
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    private(([(header::CONTENT_TYPE, kind)], body).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_earlier_version_is_dated_as_a_person_reads_a_date() {
        let shown = super::shown_time("20261207T091633.269310Z");
        assert!(shown.starts_with("2026-12-0"), "{shown}");
        assert_eq!(shown.len(), "2026-12-07 09:16".len(), "{shown}");
        assert_eq!(super::shown_time("not a stamp"), "not a stamp");
    }
}
