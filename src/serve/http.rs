//! Answering requests from the snapshot in memory.
//!
//! Only paths the build produced are ever served: a request names a key in
//! the snapshot, never a file on disk. Requests that try to climb out
//! anyway (`..`, `%2e%2e`, encoded slashes, backslashes) get 400; files
//! copied as they are (static files, assets) are read from disk only if
//! they are really inside the site, so a symlink pointing out is not
//! followed.

use std::path::Path;

use axum::Router;
use axum::body::Body as HttpBody;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use percent_encoding::percent_decode_str;

use super::ServerState;
use super::accept_language::{self, RootChoice};
use super::live;
use super::snapshot::Snapshot;
use crate::output::Body;

pub fn router(state: ServerState) -> Router {
    Router::new()
        .route(live::SCRIPT_PATH, get(live::script))
        .route(live::EVENTS_PATH, get(live::events))
        .route("/forms/{name}", post(super::forms::submit))
        .merge(super::translations_view::routes())
        .fallback(serve_site)
        .with_state(state)
}

/// Every other request: a file of the site.
async fn serve_site(
    State(state): State<ServerState>,
    method: Method,
    uri: Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are answered here\n",
        );
    }
    // Under the desk, her pages (and whatever scripts they hold) never run
    // at the desk's own address.
    if let Some(site_host) = &state.site_host {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !host.eq_ignore_ascii_case(site_host) {
            let to = format!(
                "http://{site_host}{}",
                uri.path_and_query().map_or("/", |p| p.as_str())
            );
            let mut response = StatusCode::TEMPORARY_REDIRECT.into_response();
            if let Ok(value) = HeaderValue::from_str(&to) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            return response;
        }
    }
    let key = match site_key(uri.path()) {
        Ok(key) => key,
        Err(why) => return plain(StatusCode::BAD_REQUEST, why),
    };
    let snapshot = Snapshot::settled(&state.snapshot, &key).await;
    // `/`, the language chooser: a visitor whose browser names one of the
    // site's languages goes to its home page.
    let chooser = snapshot
        .site
        .as_deref()
        .and_then(|site| RootChoice::of(&site.config))
        .filter(|choice| choice.is_root(uri.path()));
    if let Some(choice) = &chooser
        && let Some(home) = choice.home_for(&headers)
    {
        return accept_language::redirect(home);
    }
    // No good build yet: every page is the errors, until they are fixed.
    if snapshot.files.is_empty() && snapshot.errors.is_some() {
        let page = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>praxis: the build failed</title></head><body></body></html>";
        let html = live::inject(page, state.watch, snapshot.errors.as_deref());
        let mut response = (StatusCode::INTERNAL_SERVER_ERROR, html).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        return response;
    }
    if let Some(body) = snapshot.files.get(&key) {
        let mut response = respond(&state, &snapshot, &key, body, StatusCode::OK).await;
        if chooser.is_some() {
            accept_language::vary(&mut response);
        }
        return response;
    }
    if let Some(body) = state.search.load().get(&key) {
        return respond(&state, &snapshot, &key, body, StatusCode::OK).await;
    }
    // `/nl/over-mij` → `/nl/over-mij/`, as static hosts do.
    if !key.ends_with("index.html") && snapshot.files.contains_key(&format!("{key}/index.html")) {
        let location = format!("{}/", uri.path());
        return Response::builder()
            .status(StatusCode::PERMANENT_REDIRECT)
            .header(header::LOCATION, location)
            .body(HttpBody::empty())
            .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "redirect failed\n"));
    }
    not_found(&state, &snapshot, &key).await
}

/// The snapshot key of a request path: `/nl/` → `nl/index.html`.
fn site_key(raw: &str) -> Result<String, &'static str> {
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Err("encoded slashes are not allowed in paths\n");
    }
    let decoded = percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| "the path is not valid UTF-8\n")?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return Err("backslashes are not allowed in paths\n");
    }
    if decoded.split('/').any(|s| s == ".." || s == ".") {
        return Err("`.` and `..` are not allowed in paths\n");
    }
    let mut key = decoded.trim_start_matches('/').to_owned();
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    Ok(key)
}

/// The 404 page of the path's language (`/fr/…` → `fr/404.html`), else the
/// root one, with status 404.
async fn not_found(state: &ServerState, snapshot: &Snapshot, key: &str) -> Response {
    let lang = key.split('/').next().unwrap_or("");
    let candidates = [format!("{lang}/404.html"), "404.html".to_owned()];
    for candidate in candidates.iter().filter(|c| !c.starts_with('/')) {
        let is_language = snapshot.languages.iter().any(|l| l == lang);
        if candidate.contains('/') && !is_language {
            continue;
        }
        if let Some(body) = snapshot.files.get(candidate) {
            return respond(state, snapshot, candidate, body, StatusCode::NOT_FOUND).await;
        }
    }
    plain(StatusCode::NOT_FOUND, "not found\n")
}

async fn respond(
    state: &ServerState,
    snapshot: &Snapshot,
    key: &str,
    body: &Body,
    status: StatusCode,
) -> Response {
    let bytes = match body {
        Body::Bytes(bytes) => bytes.to_vec(),
        Body::Copy(source) => match read_inside(&state.root, source).await {
            Some(bytes) => bytes,
            None => return plain(StatusCode::NOT_FOUND, "not found\n"),
        },
        // The preview keeps every file in memory; it never stages one.
        Body::Staged => return plain(StatusCode::NOT_FOUND, "not found\n"),
    };
    let mime = if key.ends_with(crate::config::FEED_FILE) {
        "application/atom+xml"
            .parse()
            .unwrap_or(mime_guess::mime::TEXT_XML)
    } else {
        mime_guess::from_path(key).first_or_octet_stream()
    };
    let is_html = mime.subtype() == "html";
    let bytes = if is_html {
        live::inject(&bytes, state.watch, snapshot.errors.as_deref())
    } else {
        bytes
    };
    let essence = mime.essence_str();
    let textual = mime.type_() == "text"
        || ["javascript", "xml", "json"].contains(&mime.subtype().as_str())
        || essence.ends_with("+xml")
        || essence.ends_with("+json");
    let content_type = if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    };
    let mut response = (status, bytes).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // A preview must never show a stale page from the browser's cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Reads a copied file, but only if it really lies inside the site.
async fn read_inside(root: &Path, source: &Path) -> Option<Vec<u8>> {
    let real = tokio::fs::canonicalize(source).await.ok()?;
    if !real.starts_with(root) {
        return None;
    }
    tokio::fs::read(real).await.ok()
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_paths() {
        assert_eq!(site_key("/").unwrap(), "index.html");
        assert_eq!(site_key("/nl/").unwrap(), "nl/index.html");
        assert_eq!(site_key("/style.css").unwrap(), "style.css");
        assert_eq!(
            site_key("/fr/%C3%A0-propos/").unwrap(),
            "fr/à-propos/index.html"
        );
    }

    #[test]
    fn climbing_out_is_refused() {
        for path in [
            "/../etc/passwd",
            "/nl/%2e%2e/%2e%2e/etc/passwd",
            "/..%2fsite.toml",
            "/a%5c..%5csite.toml",
            "/a\\b",
            "/%00",
        ] {
            assert!(site_key(path).is_err(), "{path}");
        }
    }
}
