//! The form endpoint over HTTP: `POST /forms/NAME`, answered by `praxis
//! serve` and by `praxis forms serve`. A thin layer: it reads the request,
//! calls [`crate::forms::endpoint::Endpoint::handle`], and turns the outcome
//! into a response — a redirect to the thank-you page, or (see
//! `form_pages.rs`) the form's page again with the visitor's mistakes
//! or with why the submission did not arrive. Scripts get JSON or a line of
//! text instead.

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

use crate::build::{Build, RenderedSite};
use crate::error::Error;
use crate::forms::client::client_address;
use crate::forms::endpoint::{Endpoint, FormRoutes, Outcome, Request, Unavailable};
use crate::forms::failure_log::FailureLog;
use crate::forms::validate::{self, Invalid, Rejection};
use crate::forms::view::{FormState, Problem, error_message, label_and_message};
use crate::model::Site;

use super::form_pages::{self, Visitor, referer_path};

/// The endpoint, and the last good build to show forms again with.
pub struct FormService {
    /// `Err` says why submissions cannot be taken (no key, a database that
    /// will not open): the preview still tells a visitor so on the form's
    /// page, with a 503, rather than in a line of English.
    endpoint: Result<Endpoint, Unavailable>,
    failures: FailureLog,
    site: ArcSwapOption<(Arc<Site>, Arc<RenderedSite>)>,
}

impl FormService {
    /// Opens the store of the built site; `Err` says why forms cannot be answered.
    pub fn open(root: &std::path::Path, build: &Build) -> Result<FormService, Unavailable> {
        FormService::reopen(root, build, None)
    }

    /// Opens it again after `[submissions]` changed: what clients did at
    /// the `previous` endpoint still counts against the (new) rate limit.
    pub fn reopen(
        root: &std::path::Path,
        build: &Build,
        previous: Option<&FormService>,
    ) -> Result<FormService, Unavailable> {
        let site = build.site.as_ref().ok_or(Unavailable::SiteHasErrors)?;
        let mut endpoint = Endpoint::open(root, site)?;
        if let Some(previous) = previous.and_then(FormService::endpoint) {
            endpoint = endpoint.counting_from(previous);
        }
        Ok(FormService::with(Ok(endpoint), build))
    }

    /// A service that answers every submission with "not available now",
    /// for the reason `why`.
    pub fn unavailable(build: &Build, why: Unavailable) -> FormService {
        FormService::with(Err(why), build)
    }

    fn with(endpoint: Result<Endpoint, Unavailable>, build: &Build) -> FormService {
        let service = FormService {
            endpoint,
            failures: FailureLog::default(),
            site: ArcSwapOption::empty(),
        };
        service.update(build);
        service
    }

    /// After a successful rebuild: the forms and pages as they are now.
    pub fn update(&self, build: &Build) {
        if !build.succeeded() {
            return;
        }
        if let (Some(site), Some(pages)) = (&build.site, &build.pages) {
            if let Ok(endpoint) = &self.endpoint {
                endpoint.update(site);
            }
            self.site
                .store(Some(Arc::new((Arc::clone(site), Arc::clone(pages)))));
        }
    }

    pub fn endpoint(&self) -> Option<&Endpoint> {
        self.endpoint.as_ref().ok()
    }

    /// Why submissions cannot be taken, when they cannot.
    pub fn unavailable_because(&self) -> Option<&Unavailable> {
        self.endpoint.as_ref().err()
    }

    /// The forms and pages the answers are made from.
    fn routes(&self) -> Arc<FormRoutes> {
        match (&self.endpoint, self.site.load_full()) {
            (Ok(endpoint), _) => endpoint.routes(),
            (Err(_), Some(loaded)) => Arc::new(FormRoutes::from_site(&loaded.0)),
            (Err(_), None) => Arc::default(),
        }
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
pub fn check_bind(build: &Build, bind: IpAddr) -> Result<(), Error> {
    let Some(site) = build.site.as_ref().filter(|s| !s.config.forms.is_empty()) else {
        return Ok(());
    };
    site.config
        .submissions
        .trust_proxy
        .check_bind(bind)
        .map_err(Error::TrustProxy)
}

/// What the client asked to be answered in. A browser's form navigation
/// accepts `text/html` and gets a page; a script asking for JSON gets JSON;
/// anything else (curl, a monitor) gets a line of plain English, which is
/// what someone reading a terminal can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wants {
    Json,
    Html,
    Text,
}

impl Wants {
    fn from_accept(accept: Option<&str>) -> Wants {
        match accept {
            Some(a) if a.contains("application/json") => Wants::Json,
            Some(a) if a.contains("text/html") => Wants::Html,
            _ => Wants::Text,
        }
    }
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
    let wants = Wants::from_accept(header(header::ACCEPT));
    let sender = Sender {
        form: &name,
        referer: header(header::REFERER),
        accept_language: header(header::ACCEPT_LANGUAGE),
        wants,
    };
    // No service: site.toml declares no form (any more).
    let Some(service) = service else {
        return refusal(
            StatusCode::NOT_FOUND,
            &format!("this site has no form `{name}`"),
            wants == Wants::Json,
            None,
        );
    };
    let endpoint = match &service.endpoint {
        Ok(endpoint) => endpoint,
        Err(_) => return not_answered(&service, &sender, body).await,
    };
    let settings = endpoint.settings();
    let body = match tokio::time::timeout(BODY_TIMEOUT, to_bytes(body, settings.max_body)).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => {
            return rejected(&service, &sender, Rejection::TooLarge, b"");
        }
        Err(_) => {
            let why = "the submission took too long to arrive";
            return match wants {
                Wants::Html => problem_page(
                    &service,
                    &sender,
                    StatusCode::REQUEST_TIMEOUT,
                    Problem::Refused,
                    b"",
                ),
                _ => refusal(StatusCode::REQUEST_TIMEOUT, why, wants == Wants::Json, None),
            };
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
        tokio::task::spawn_blocking(move || match &service.endpoint {
            Ok(endpoint) => endpoint.handle(&request.as_request(), Timestamp::now()),
            Err(why) => Outcome::Failed(why.to_string()),
        })
        .await
        .unwrap_or_else(|e| Outcome::Failed(format!("the submission could not be handled: {e}")))
    };
    respond(&service, &sender, outcome, &body)
}

/// Submissions cannot be taken at all: a 503 that a browser gets as the
/// form's page again, with what was typed.
async fn not_answered(service: &FormService, sender: &Sender<'_>, body: Body) -> Response {
    let max_body = service
        .site
        .load_full()
        .map_or(0, |l| l.0.config.submissions.max_body);
    if sender.wants != Wants::Html {
        return refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            "forms are not answered by this server: see its output for why",
            sender.wants == Wants::Json,
            Some(RETRY_AFTER_FAILURE),
        );
    }
    let body = match tokio::time::timeout(BODY_TIMEOUT, to_bytes(body, max_body)).await {
        Ok(Ok(body)) => body,
        _ => Bytes::new(),
    };
    with_retry_after(
        problem_page(
            service,
            sender,
            StatusCode::SERVICE_UNAVAILABLE,
            Problem::Unavailable,
            &body,
        ),
        Some(RETRY_AFTER_FAILURE),
    )
}

/// The request as the answer depends on it, beside the outcome.
struct Sender<'a> {
    form: &'a str,
    referer: Option<&'a str>,
    accept_language: Option<&'a str>,
    wants: Wants,
}

fn respond(service: &FormService, sender: &Sender, outcome: Outcome, body: &[u8]) -> Response {
    if matches!(outcome, Outcome::Stored { .. })
        && let Some(line) = service.failures.stored()
    {
        errln!("{line}");
    }
    match outcome {
        Outcome::Stored { thanks, .. } if sender.wants == Wants::Json => json(
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
        } => invalid_response(service, sender, &form, page.as_deref(), invalid),
        Outcome::Rejected(rejection) => rejected(service, sender, rejection, body),
        Outcome::Failed(why) => {
            if let Some(line) = service.failures.failed(&why, Instant::now()) {
                errln!("{line}");
            }
            match sender.wants {
                Wants::Html => with_retry_after(
                    problem_page(
                        service,
                        sender,
                        StatusCode::SERVICE_UNAVAILABLE,
                        Problem::Unavailable,
                        body,
                    ),
                    Some(RETRY_AFTER_FAILURE),
                ),
                _ => refusal(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the submission could not be stored; nothing was kept, please try again later",
                    sender.wants == Wants::Json,
                    Some(RETRY_AFTER_FAILURE),
                ),
            }
        }
    }
}

/// A refusal: its status, `Retry-After` when waiting helps, and a page or
/// a line saying why.
fn rejected(service: &FormService, sender: &Sender, rejection: Rejection, body: &[u8]) -> Response {
    let status = StatusCode::from_u16(rejection.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let wait = match rejection {
        Rejection::RateLimited { retry_after } => Some(retry_after),
        _ => None,
    };
    let problem = match rejection {
        Rejection::RateLimited { retry_after } => Problem::RateLimited {
            minutes: retry_after.div_ceil(60),
        },
        Rejection::TooLarge | Rejection::TooManyFields => Problem::TooLarge,
        Rejection::WrongOrigin => Problem::WrongOrigin,
        _ => Problem::Refused,
    };
    match sender.wants {
        Wants::Html => with_retry_after(problem_page(service, sender, status, problem, body), wait),
        _ => refusal(
            status,
            &rejection.message(),
            sender.wants == Wants::Json,
            wait,
        ),
    }
}

/// The form's page again with why the submission did not arrive, and what
/// was typed when the submission was fine in itself.
fn problem_page(
    service: &FormService,
    sender: &Sender,
    status: StatusCode,
    problem: Problem,
    body: &[u8],
) -> Response {
    let routes = service.routes();
    let typed = validate::typed(routes.forms.get(sender.form), body);
    let state = FormState {
        form: sender.form.to_owned(),
        values: if problem.keeps_values() {
            typed.values
        } else {
            BTreeMap::new()
        },
        errors: BTreeMap::new(),
        problem: Some(problem),
    };
    let page = typed
        .page
        .as_deref()
        .or(sender.referer.and_then(referer_path));
    html_page(service, sender, status, &state, typed.lang.as_deref(), page)
}

/// The visitor's mistakes: per field in JSON, or the form's page again,
/// in their language, with what they typed and what is wrong.
fn invalid_response(
    service: &FormService,
    sender: &Sender,
    form: &str,
    page: Option<&str>,
    invalid: Invalid,
) -> Response {
    if sender.wants == Wants::Json {
        let loaded = service.site.load_full();
        let routes = service.routes();
        let lang = invalid
            .lang
            .clone()
            .unwrap_or_else(|| routes.default_language.clone());
        let spec = routes.forms.get(form);
        let messages: BTreeMap<String, String> = invalid
            .errors
            .iter()
            .map(|(field, error)| {
                let message = loaded
                    .as_ref()
                    .zip(spec.and_then(|s| s.field(field)))
                    .and_then(|(l, spec)| {
                        error_message(&l.1.i18n, &lang, form, spec, *error, &invalid.values).ok()
                    })
                    .unwrap_or_else(|| format!("{error:?}"));
                (field.clone(), message)
            })
            .collect();
        return json(
            StatusCode::UNPROCESSABLE_ENTITY,
            serde_json::json!({ "errors": messages }),
        );
    }
    let state = FormState {
        form: form.to_owned(),
        values: invalid.values,
        errors: invalid.errors,
        problem: None,
    };
    html_page(
        service,
        sender,
        StatusCode::UNPROCESSABLE_ENTITY,
        &state,
        invalid.lang.as_deref(),
        page,
    )
}

/// `state` shown on the form's page in the visitor's language, else on a
/// plain page that still says what went wrong.
fn html_page(
    service: &FormService,
    sender: &Sender,
    status: StatusCode,
    state: &FormState,
    lang: Option<&str>,
    page: Option<&str>,
) -> Response {
    let loaded = service.site.load_full();
    let routes = service.routes();
    let visitor = Visitor {
        lang,
        page,
        accept_language: sender.accept_language,
    };
    let site = loaded.as_ref().map(|l| &*l.0);
    let lang = form_pages::language(&routes, site, &visitor);
    if let Some(loaded) = &loaded
        && let Some(html) = form_pages::form_page(&loaded.0, &loaded.1, state, &lang, &visitor)
    {
        return html_response(status, for_browser(&routes, html));
    }
    let i18n = loaded.as_ref().map(|l| &*l.1.i18n);
    let say = |key: &str| i18n.and_then(|i| i.translate(&lang, key, None).ok());
    let mut lines = Vec::new();
    if let Some(problem) = state.problem {
        lines.extend(i18n.and_then(|i| problem.message(i, &lang).ok()));
    }
    let spec = routes.forms.get(&state.form);
    for (field, error) in &state.errors {
        let label = say(&format!("form-{}-{field}-label", state.form)).unwrap_or(field.clone());
        let message = i18n
            .zip(spec.and_then(|s| s.field(field)))
            .and_then(|(i, spec)| {
                error_message(i, &lang, &state.form, spec, *error, &state.values).ok()
            })
            .unwrap_or_else(|| format!("{error:?}"));
        lines.push(label_and_message(&label, &message, &lang));
    }
    let title = match state.problem {
        Some(_) => say("form-problem-title"),
        None => say("form-error-title"),
    }
    .unwrap_or_else(|| state.form.clone());
    let back = page
        .filter(|p| routes.pages.contains(*p))
        .map(str::to_owned)
        .or_else(|| site.map(|s| s.config.url(&s.config.language_root(&lang))))
        .unwrap_or_else(|| "/".to_owned());
    let page = form_pages::plain_page(&lang, &title, &lines, &back);
    html_response(status, for_browser(&routes, page))
}

/// A page as the browser should get it from this server: from an endpoint
/// on its own origin, every link and asset points at the site.
fn for_browser(routes: &FormRoutes, html: String) -> String {
    match routes.endpoint {
        Some(_) => form_pages::on_site(&html, &routes.origin),
        None => html,
    }
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
    let response = if wants_json {
        json(status, serde_json::json!({ "error": message }))
    } else {
        text(status, &format!("{message}\n"))
    };
    with_retry_after(response, retry_after)
}

fn with_retry_after(mut response: Response, secs: Option<u64>) -> Response {
    if let Some(secs) = secs {
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
