//! The translator's view: `/_praxis/translations/` on the preview server.
//!
//! Every page with its translation state (as `praxis check` judges it, from
//! `translations.lock`), and for an out-of-date one the source beside the
//! translation with what changed. Only `praxis serve` answers it; `build`
//! never writes it.
//!
//! It can change files (accept a page's versions, create a missing draft),
//! so it is guarded like a local admin page: it answers only requests made
//! from this machine to the bound address by name (a Host header naming
//! another site is DNS rebinding), changes happen only on POST, from a page
//! of the same origin (Origin header) carrying the server's CSRF token, and
//! its pages may not be framed.
//!
//! `model` says each version's state, `align` sets versions side by side,
//! `html` writes the pages, `strings` holds their words, `guard` decides
//! who may use it, `cache` keeps what requests would compute again.

mod align;
mod cache;
mod guard;
mod html;
mod model;
mod strings;

use std::net::SocketAddr;
use std::path::Path;

use axum::Router;
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::ServerState;
use super::live;
use crate::build::{BuildOptions, build_site};
use crate::diagnostics::Diagnostic;
use crate::i18n::DateStyle;
use crate::i18n::builtin::{Catalog, FALLBACK};
use crate::translations::{self, Lock};
pub use guard::Guard;
use html::Context;
use strings::VIEW;

pub const PREFIX: &str = "/_praxis/translations/";
pub const STYLE_PATH: &str = "/_praxis/translations/style.css";
const STYLE: &str = include_str!("style.css");

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route(PREFIX, get(overview))
        .route("/_praxis/translations", get(to_overview))
        .route("/_praxis/translations/page", get(page))
        .route(STYLE_PATH, get(style))
        .route("/_praxis/translations/accept", post(accept))
        .route("/_praxis/translations/create", post(create))
}

#[derive(Deserialize, Default)]
struct ViewQuery {
    lang: Option<String>,
    key: Option<String>,
}

#[derive(Deserialize, Default)]
struct ActionForm {
    token: Option<String>,
    key: Option<String>,
    /// The author's language, to come back to.
    lang: Option<String>,
    /// The language of the draft to create.
    target: Option<String>,
}

async fn to_overview() -> Response {
    see_other(PREFIX.to_owned())
}

async fn overview(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<ViewQuery>,
) -> Response {
    if let Err(refused) = state.view.admits(peer, &headers) {
        return refused;
    }
    render(&state, &headers, query.lang.as_deref(), |cx, site, lock| {
        let statuses = model::statuses(site, lock, &state.view.cache);
        Some(html::overview(cx, &statuses, PREFIX))
    })
}

async fn page(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<ViewQuery>,
) -> Response {
    if let Err(refused) = state.view.admits(peer, &headers) {
        return refused;
    }
    let key = query.key.unwrap_or_default().trim_matches('/').to_owned();
    let here = format!(
        "{PREFIX}page?key={}",
        percent_encoding::utf8_percent_encode(&key, percent_encoding::NON_ALPHANUMERIC)
    );
    render(&state, &headers, query.lang.as_deref(), |cx, site, lock| {
        let node = site.node(&key)?;
        let status = model::status(site, lock, node, &state.view.cache);
        Some(html::page(cx, &status, &here))
    })
}

/// Renders a view page from the served site and the lock as it is on disk
/// now; `None` from `body` is a page that does not exist.
fn render(
    state: &ServerState,
    headers: &HeaderMap,
    lang: Option<&str>,
    body: impl FnOnce(&Context, &crate::model::Site, &Lock) -> Option<String>,
) -> Response {
    let snapshot = state.snapshot.load();
    let Some(site) = snapshot.site.as_deref() else {
        // No model, so no default language to fall back on.
        let ui = VIEW.choose(lang, FALLBACK);
        return text_page(StatusCode::SERVICE_UNAVAILABLE, &ui.get("tv-no-site"));
    };
    // The author's choice among the site's languages; else, under the
    // desk, the desk's language she chose; else the site's own.
    let desk = state.view.door.is_keyed();
    let asked = lang.filter(|l| site.config.has_language(l)).or_else(|| {
        desk.then(|| crate::serve::guard::chosen_language(headers))
            .flatten()
    });
    let ui = VIEW.choose(asked, &site.config.default_language);
    let lock = match state.view.cache.lock(&state.root) {
        Ok(lock) => lock,
        Err(problem) => return text_page(StatusCode::INTERNAL_SERVER_ERROR, &problem.to_string()),
    };
    let i18n = snapshot.i18n.clone();
    let day = move |iso: &str| {
        i18n.as_ref()
            .and_then(|i| i.date(ui.lang, iso, DateStyle::Long))
            .unwrap_or_else(|| iso.to_owned())
    };
    let root = state.root.clone();
    let saved = move |file: &Path| last_saved(&root.join(file));
    let cx = Context {
        desk,
        site,
        ui,
        token: state.view.token(),
        day: &day,
        saved: &saved,
    };
    match body(&cx, site, &lock) {
        Some(html) => {
            let html = live::inject(html.as_bytes(), state.watch, snapshot.errors.as_deref());
            with_headers(
                (StatusCode::OK, html).into_response(),
                "text/html; charset=utf-8",
            )
        }
        None => text_page(StatusCode::NOT_FOUND, &ui.get("tv-not-found")),
    }
}

/// The day a file was last written, in local time.
fn last_saved(path: &Path) -> Option<String> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let stamp = jiff::Timestamp::try_from(modified).ok()?;
    Some(
        stamp
            .to_zoned(jiff::tz::TimeZone::system())
            .date()
            .to_string(),
    )
}

async fn style() -> Response {
    with_headers(STYLE.into_response(), "text/css; charset=utf-8")
}

/// "Accept": what `praxis check --accept KEY` does.
async fn accept(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<ActionForm>,
) -> Response {
    if let Err(refused) = state
        .view
        .allows_change(peer, &headers, form.token.as_deref())
    {
        return refused;
    }
    let key = form.key.unwrap_or_default().trim_matches('/').to_owned();
    let root = state.root.clone();
    let accepted = key.clone();
    let done = tokio::task::spawn_blocking(move || accept_key(&root, &accepted)).await;
    match done {
        Ok(Ok(())) => see_other(back_to(&key, form.lang.as_deref())),
        Ok(Err(why)) => text_page(StatusCode::UNPROCESSABLE_ENTITY, &why.to_string()),
        Err(_) => text_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the check did not finish",
        ),
    }
}

/// Checks the site as `praxis check` builds it (not as the preview does:
/// without drafts, at its own base URL) and records `key` as agreeing.
fn accept_key(root: &Path, key: &str) -> Result<(), NotAccepted> {
    let build = build_site(root, &BuildOptions::default());
    let site = build.site.ok_or(NotAccepted::NoSite)?;
    if site.node(key).is_none() {
        return Err(NotAccepted::NoPage {
            key: key.to_owned(),
        });
    }
    let today = jiff::Zoned::now().date();
    let (report, _) = translations::check_and_record(root, &site, &[key.to_owned()], today)
        .map_err(NotAccepted::Lock)?;
    // The site's own errors do not stop an acceptance (nor `check`'s); a
    // lock that could not be written does.
    let lock = Path::new(translations::LOCK_FILE);
    match report
        .diagnostics
        .iter()
        .find(|d| d.is_error() && d.file.as_deref() == Some(lock))
    {
        Some(problem) => Err(NotAccepted::Lock(problem.clone())),
        None => Ok(()),
    }
}

/// Why a page's translations could not be accepted, as the translator's
/// view answers it.
#[derive(Debug, thiserror::Error)]
enum NotAccepted {
    #[error("site.toml cannot be read: run praxis check to see why")]
    NoSite,
    #[error("there is no page content/{key}")]
    NoPage { key: String },
    /// The lock file could not be read or written: the located problem,
    /// shown as every diagnostic is.
    #[error("{0}")]
    Lock(Diagnostic),
}

/// "Create the draft": the missing version, written as `praxis new` would.
async fn create(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<ActionForm>,
) -> Response {
    if let Err(refused) = state
        .view
        .allows_change(peer, &headers, form.token.as_deref())
    {
        return refused;
    }
    let key = form.key.unwrap_or_default().trim_matches('/').to_owned();
    let target = form.target.unwrap_or_default();
    let titles = {
        let snapshot = state.snapshot.load();
        let Some(site) = snapshot.site.as_deref() else {
            return text_page(StatusCode::SERVICE_UNAVAILABLE, "the site is not built yet");
        };
        let Some(node) = site.node(&key) else {
            return text_page(
                StatusCode::NOT_FOUND,
                &format!("there is no page content/{key}"),
            );
        };
        if !site.config.has_language(&target) {
            return text_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &format!("`{target}` is not a language of this site"),
            );
        }
        let titles: std::collections::BTreeMap<String, String> = node
            .pages
            .iter()
            .map(|&p| &site.pages[p])
            .map(|p| (p.lang.clone(), p.front_matter.title.clone()))
            .collect();
        titles
    };
    let today = jiff::Zoned::now().date();
    match crate::authoring::new_page::create_translation(&state.root, &key, &target, &titles, today)
    {
        Ok(_) => see_other(back_to(&key, form.lang.as_deref())),
        Err(why) => text_page(StatusCode::CONFLICT, &why.to_string()),
    }
}

fn back_to(key: &str, lang: Option<&str>) -> String {
    let mut url = format!(
        "{PREFIX}page?key={}",
        percent_encoding::utf8_percent_encode(key, percent_encoding::NON_ALPHANUMERIC)
    );
    if let Some(lang) = lang.filter(|l| Catalog::speaks(l)) {
        url.push_str("&lang=");
        url.push_str(lang);
    }
    url
}

fn see_other(location: String) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    with_headers(response, "text/plain; charset=utf-8")
}

fn text_page(status: StatusCode, text: &str) -> Response {
    with_headers(
        (status, format!("{text}\n")).into_response(),
        "text/plain; charset=utf-8",
    )
}

/// No cache (a preview), no framing (a hidden "Accept" under a click), no
/// referrer to other sites, no sniffing. (Not `no-referrer`: under it a
/// browser sends `Origin: null` with the view's own forms, which the
/// Origin check must refuse.)
fn with_headers(mut response: Response, content_type: &'static str) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, content_type),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            // Inline styles: the error overlay's.
            "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'",
        ),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// A language version's state, as the view judges it, in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionState {
    /// Published, and in step with the others.
    Published,
    /// Published, edited since the versions last agreed: the others follow.
    Ahead,
    /// Published, but another version changed since they last agreed.
    OutOfDate,
    Draft,
    Missing,
}

/// Every node's versions in the site's languages, by node key, as the
/// view shows them (for the desk's list of pages).
pub fn version_states(
    state: &ServerState,
    site: &crate::model::Site,
) -> std::collections::HashMap<String, Vec<(String, VersionState)>> {
    let Ok(lock) = state.view.cache.lock(&state.root) else {
        return Default::default();
    };
    model::statuses(site, &lock, &state.view.cache)
        .into_iter()
        .map(|status| {
            let versions = status
                .versions
                .iter()
                .map(|v| {
                    let word = match &v.state {
                        model::State::InStep => VersionState::Published,
                        model::State::Ahead => VersionState::Ahead,
                        model::State::OutOfDate(_) => VersionState::OutOfDate,
                        model::State::Missing(_) => VersionState::Missing,
                        model::State::Draft(_) => VersionState::Draft,
                    };
                    (v.lang.clone(), word)
                })
                .collect();
            (status.node.key.clone(), versions)
        })
        .collect()
}
