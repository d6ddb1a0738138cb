//! The form endpoint over HTTP: `POST /forms/NAME`, answered by `praxis
//! serve` and by `praxis forms serve`. A thin layer: it reads the request,
//! calls [`crate::forms::endpoint::Endpoint::handle`], and turns the outcome
//! into a response — a redirect to the thank-you page, the form again with
//! the visitor's mistakes, or a clear refusal.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use arc_swap::ArcSwapOption;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use tera::Value;

use crate::build::{Build, RenderedSite};
use crate::commands::Failure;
use crate::forms::client::client_address;
use crate::forms::endpoint::{Endpoint, Outcome, Request};
use crate::forms::failure_log::FailureLog;
use crate::forms::validate::{Invalid, Rejection};
use crate::forms::view::{FormState, error_message};
use crate::model::Site;
use crate::render::escape_html;

/// The endpoint, and the last good build to show forms again with.
pub struct FormService {
    endpoint: Endpoint,
    failures: FailureLog,
    site: ArcSwapOption<(Arc<Site>, Arc<RenderedSite>)>,
}

impl FormService {
    /// Opens the store of the built site; `Err` says why forms cannot be answered.
    pub fn open(root: &std::path::Path, build: &Build) -> Result<FormService, String> {
        let site = build
            .site
            .as_ref()
            .ok_or("the site has errors in site.toml")?;
        let endpoint = Endpoint::open(root, site)?;
        let service = FormService {
            endpoint,
            failures: FailureLog::default(),
            site: ArcSwapOption::empty(),
        };
        service.update(build);
        Ok(service)
    }

    /// After a successful rebuild: the forms and pages as they are now.
    pub fn update(&self, build: &Build) {
        if !build.succeeded() {
            return;
        }
        if let (Some(site), Some(pages)) = (&build.site, &build.pages) {
            self.endpoint.update(site);
            self.site
                .store(Some(Arc::new((Arc::clone(site), Arc::clone(pages)))));
        }
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }
}

/// How long a client may take to send a submission's body, once its
/// headers are in: a slow client must not hold a connection for ever.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(20);

/// What a 503 asks the client to wait, in seconds: storage fails for a
/// reason that takes a person to fix (a full disk), not a moment.
const RETRY_AFTER_FAILURE: u64 = 60;

/// Refuses a server that would listen beyond this machine while believing
/// the client's address from anyone (see [`crate::forms::client`]).
pub fn check_bind(build: &Build, bind: IpAddr) -> Result<(), Failure> {
    let Some(site) = build.site.as_ref().filter(|s| !s.config.forms.is_empty()) else {
        return Ok(());
    };
    site.config
        .submissions
        .trust_proxy
        .check_bind(bind)
        .map_err(|why| {
            errln!("error: site.toml: {why}");
            Failure::Errors
        })
}

/// `POST /forms/{name}`.
pub async fn submit(
    State(service): State<Option<Arc<FormService>>>,
    Path(name): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let wants_json = header(header::ACCEPT).is_some_and(|a| a.contains("application/json"));
    let Some(service) = service else {
        return refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            "forms are not answered by this server: see its output for why",
            wants_json,
            Some(RETRY_AFTER_FAILURE),
        );
    };
    let settings = service.endpoint.settings();
    let body = match tokio::time::timeout(BODY_TIMEOUT, to_bytes(body, settings.max_body)).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => {
            let rejection = Rejection::TooLarge;
            return refusal(
                StatusCode::PAYLOAD_TOO_LARGE,
                &rejection.message(),
                wants_json,
                None,
            );
        }
        Err(_) => {
            return refusal(
                StatusCode::REQUEST_TIMEOUT,
                "the submission took too long to arrive",
                wants_json,
                None,
            );
        }
    };
    // Header lines that are not text stay in, so that they stop the walk
    // as junk rather than vanish and let an earlier entry stand.
    let lines: Vec<String> = headers
        .get_all(settings.proxy_header.name())
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let client = client_address(
        peer.ip(),
        &settings.trust_proxy,
        settings.proxy_header,
        &lines,
    );
    let request = Request {
        form: &name,
        content_type: header(header::CONTENT_TYPE),
        origin: header(header::ORIGIN),
        referer: header(header::REFERER),
        client,
        body: &body,
    };
    // SQLite and age are blocking work: keep them off the async threads.
    let outcome = {
        let service = Arc::clone(&service);
        let request = OwnedRequest::from(&request);
        tokio::task::spawn_blocking(move || {
            service
                .endpoint
                .handle(&request.as_request(), Timestamp::now())
        })
        .await
        .unwrap_or_else(|e| Outcome::Failed(format!("the submission could not be handled: {e}")))
    };
    respond(&service, outcome, wants_json)
}

fn respond(service: &FormService, outcome: Outcome, wants_json: bool) -> Response {
    if matches!(outcome, Outcome::Stored { .. })
        && let Some(line) = service.failures.stored()
    {
        errln!("{line}");
    }
    match outcome {
        Outcome::Stored { thanks, .. } if wants_json => json(
            StatusCode::CREATED,
            serde_json::json!({ "status": "stored", "thanks": thanks }),
        ),
        Outcome::Stored { thanks, .. } => Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(header::LOCATION, thanks)
            .body(axum::body::Body::empty())
            .unwrap_or_else(|_| text(StatusCode::INTERNAL_SERVER_ERROR, "redirect failed\n")),
        Outcome::Invalid {
            form,
            page,
            invalid,
        } => invalid_response(service, &form, page.as_deref(), invalid, wants_json),
        Outcome::Rejected(rejection) => {
            let status =
                StatusCode::from_u16(rejection.status()).unwrap_or(StatusCode::BAD_REQUEST);
            let retry_after = match rejection {
                Rejection::RateLimited { retry_after } => Some(retry_after),
                _ => None,
            };
            refusal(status, &rejection.message(), wants_json, retry_after)
        }
        Outcome::Failed(why) => {
            if let Some(line) = service.failures.failed(&why, Instant::now()) {
                errln!("{line}");
            }
            refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                "the submission could not be stored; nothing was kept, please try again later",
                wants_json,
                Some(RETRY_AFTER_FAILURE),
            )
        }
    }
}

/// The visitor's mistakes: per field in JSON, or the form's page again,
/// in their language, with what they typed and what is wrong.
fn invalid_response(
    service: &FormService,
    form: &str,
    page: Option<&str>,
    invalid: Invalid,
    wants_json: bool,
) -> Response {
    let loaded = service.site.load_full();
    let routes = service.endpoint.routes();
    let lang = invalid
        .lang
        .clone()
        .unwrap_or_else(|| routes.default_language.clone());
    let spec = routes.forms.get(form);
    let messages: BTreeMap<String, String> = invalid
        .errors
        .iter()
        .map(|(field, error)| {
            let max = spec
                .and_then(|s| s.field(field))
                .map_or(0, |f| f.max_length());
            let message = loaded
                .as_ref()
                .and_then(|l| error_message(&l.1.i18n, &lang, *error, max).ok())
                .unwrap_or_else(|| format!("{error:?}"));
            (field.clone(), message)
        })
        .collect();
    if wants_json {
        return json(
            StatusCode::UNPROCESSABLE_ENTITY,
            serde_json::json!({ "errors": messages }),
        );
    }
    let state = FormState {
        form: form.to_owned(),
        values: invalid.values.clone(),
        errors: invalid.errors.clone(),
    };
    if let (Some(loaded), Some(page)) = (&loaded, page) {
        let (site, pages) = &**loaded;
        let id = site
            .pages
            .iter()
            .position(|p| site.config.url(&p.path) == page);
        if let Some(id) = id.filter(|&id| site.pages[id].lang == lang) {
            match pages.renderer.render_with(
                site,
                &pages.rendered,
                id,
                vec![("form_state", Value::from_serializable(&state))],
            ) {
                Ok(html) => return html_response(StatusCode::UNPROCESSABLE_ENTITY, html),
                Err(d) => errln!("{d}"),
            }
        }
    }
    // Without the page to show, a plain one that still says what is wrong.
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><title>{}</title><ul>",
        escape_html(&lang),
        escape_html(form)
    );
    for (field, message) in &messages {
        html.push_str(&format!(
            "<li><strong>{}</strong>: {}</li>",
            escape_html(field),
            escape_html(message)
        ));
    }
    html.push_str("</ul><p><a href=\"javascript:history.back()\">←</a></p></html>");
    html_response(StatusCode::UNPROCESSABLE_ENTITY, html)
}

/// A [`Request`] that can move to a blocking thread.
struct OwnedRequest {
    form: String,
    content_type: Option<String>,
    origin: Option<String>,
    referer: Option<String>,
    client: IpAddr,
    body: Bytes,
}

impl OwnedRequest {
    fn from(r: &Request) -> OwnedRequest {
        OwnedRequest {
            form: r.form.to_owned(),
            content_type: r.content_type.map(str::to_owned),
            origin: r.origin.map(str::to_owned),
            referer: r.referer.map(str::to_owned),
            client: r.client,
            body: Bytes::copy_from_slice(r.body),
        }
    }

    fn as_request(&self) -> Request<'_> {
        Request {
            form: &self.form,
            content_type: self.content_type.as_deref(),
            origin: self.origin.as_deref(),
            referer: self.referer.as_deref(),
            client: self.client,
            body: &self.body,
        }
    }
}

/// A refusal in the form the client asked for, with `Retry-After` when
/// waiting helps.
fn refusal(
    status: StatusCode,
    message: &str,
    wants_json: bool,
    retry_after: Option<u64>,
) -> Response {
    let mut response = if wants_json {
        json(status, serde_json::json!({ "error": message }))
    } else {
        text(status, &format!("{message}\n"))
    };
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

fn html_response(status: StatusCode, html: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

fn text(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.to_owned(),
    )
        .into_response()
}

fn json(status: StatusCode, value: serde_json::Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}
