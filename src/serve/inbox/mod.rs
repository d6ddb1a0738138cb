//! The practitioner's inbox: she fetches her submissions from the
//! endpoint, reads them in her language, marks them done and deletes them
//! — decrypted in memory with her private key, never written anywhere in
//! the clear. One inbox, in two places: `praxis forms inbox`, a page of
//! its own, and the desk's messages (`praxis desk`). Both mount
//! [`routes`] with a [`Host`] that says who may come in, in which words,
//! and in what frame the pages are shown.
//!
//! Only she may use it, even on a machine others use or with a hostile
//! page open in another tab:
//! - it listens on 127.0.0.1 only and answers only requests whose `Host`
//!   is that address (or `localhost`) and port, so a DNS-rebinding page
//!   cannot reach it under its own name;
//! - the address it prints carries a random key; opening it sets a
//!   `SameSite=Strict`, `HttpOnly` cookie, and every request without that
//!   cookie is refused — another user of the machine cannot read it;
//! - what changes something (fetch, done, delete) is a POST from these
//!   very pages: its `Origin` must be theirs and it must carry their
//!   random token; a deletion, moreover, only once she confirmed it;
//! - nothing is cached, framed, or sent to another site.
//!
//! The first three are the guard every page of praxis's own keeps
//! ([`super::guard`]), shared with the desk and the translator's view.

mod declared;
mod page;
mod strings;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use age::x25519::Identity;
use axum::Router;
use axum::extract::{ConnectInfo, Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use fluent_bundle::FluentValue;
use jiff::Timestamp;
use serde::Deserialize;

use self::declared::Declared;
use self::page::{Fetch, OWN_STYLE, Page, Show};
pub use self::page::{STYLE, Shown};
pub use self::strings::INBOX;
use super::blocking;
use super::guard::{Guard, Refusal};
use crate::config::Config;
use crate::diagnostics::{Help, Report};
use crate::error::Error;
use crate::forms::endpoint::MisplacedDatabase;
use crate::forms::export::ExportError;
use crate::forms::pull::{PullError, Token};
use crate::forms::store::{Store, StoreError, Submission, decrypt};
use crate::i18n::builtin::PraxisStrings;
use crate::i18n::format::LocaleFormat;
use crate::secrets::kept::Kept;

const COOKIE: &str = "praxis_inbox";

/// The server an inbox is part of.
pub trait Host: Send + Sync + 'static {
    /// Where the inbox's pages are under this host: `` or `/_praxis/inbox`.
    const BASE: &'static str;

    fn guard(&self) -> &Guard;

    /// The inbox as this request sees it: the site as it is now, in her
    /// language.
    fn context(&self, headers: &HeaderMap) -> Result<Arc<Context>, Response>;

    /// Why a request was turned away, in her words.
    fn refused(&self, headers: &HeaderMap, refusal: Refusal) -> Response;

    /// One of the inbox's pages in this host's frame.
    fn frame(&self, headers: &HeaderMap, status: StatusCode, shown: Shown) -> Response;
}

/// What the inbox's pages read from: her site, her key, her language.
pub struct Context {
    pub root: PathBuf,
    pub config: Arc<Config>,
    pub strings: PraxisStrings,
    pub format: LocaleFormat,
    pub declared: Declared,
    pub languages: HashMap<String, String>,
    /// Her private key; `None` when none is named or it cannot be read.
    pub identity: Option<Arc<Identity>>,
}

impl Context {
    /// The inbox of the site in `root` in `lang` (a language praxis speaks),
    /// reading with `identity`.
    pub fn new(
        root: PathBuf,
        config: Arc<Config>,
        lang: Option<&str>,
        identity: Option<Arc<Identity>>,
    ) -> Context {
        let strings = INBOX.choose(lang, &config.default_language);
        // Her forms' own words, in her language if the site has it.
        let forms_lang = Some(strings.lang)
            .filter(|l| config.has_language(l))
            .unwrap_or(&config.default_language)
            .to_owned();
        Context {
            format: LocaleFormat::new(strings.lang),
            declared: Declared::load(&root, &config, &forms_lang),
            languages: config
                .languages
                .iter()
                .map(|l| (l.code.clone(), l.name.clone()))
                .collect(),
            strings,
            identity,
            root,
            config,
        }
    }

    /// The private key `[submissions] identity` names, if it can be read.
    pub fn configured_identity(root: &std::path::Path, config: &Config) -> Option<Arc<Identity>> {
        let path = root.join(config.submissions.identity.as_ref()?);
        match crate::forms::store::read_identity(&path) {
            Ok(identity) => Some(Arc::new(identity)),
            Err(why) => {
                errln!("{}", Report::error(&why));
                None
            }
        }
    }

    fn page<'a>(&'a self, token: &'a str, base: &'a str) -> Page<'a> {
        Page {
            strings: &self.strings,
            format: &self.format,
            declared: &self.declared,
            token,
            retention_days: self.config.submissions.retention_days,
            languages: &self.languages,
            base,
        }
    }

    fn database(&self) -> Result<PathBuf, MisplacedDatabase> {
        crate::forms::endpoint::database_path(&self.root, &self.config.submissions)
    }

    fn retain(&self, store: &Store) -> Result<(), StoreError> {
        let cutoff = self.config.submissions.retention_cutoff(Timestamp::now());
        store.retain_since(cutoff).map(|_| ())
    }

    /// Where fetching pulls from, and whether a token is kept for it.
    fn pulling(&self) -> Result<crate::forms::pull::Site, PullError> {
        crate::forms::pull::Site::new(&self.root, &self.config, None, Kept::mine()?)
    }
}

/// The inbox's routes under `H::BASE`.
pub fn routes<H: Host>(host: Arc<H>) -> Router {
    let base = H::BASE;
    Router::new()
        .route(&format!("{base}/"), get(list::<H>))
        .route(&format!("{base}/fetch"), post(fetch::<H>))
        .route(&format!("{base}/s/{{id}}"), get(show::<H>))
        .route(&format!("{base}/s/{{id}}/done"), post(mark_done::<H>))
        .route(
            &format!("{base}/s/{{id}}/delete"),
            get(confirm_delete::<H>).post(delete::<H>),
        )
        .route(&format!("{base}/export.csv"), get(export::<H>))
        .with_state(host)
}

/// A request let in: its context, and the page words to answer with.
struct Let<H: Host> {
    host: Arc<H>,
    headers: HeaderMap,
    context: Arc<Context>,
}

impl<H: Host> Let<H> {
    fn page(&self) -> Page<'_> {
        self.context.page(&self.host.guard().token, H::BASE)
    }

    fn show(&self, status: StatusCode, shown: Shown) -> Response {
        self.host.frame(&self.headers, status, shown)
    }

    fn message(&self, status: StatusCode, key: &str) -> Response {
        self.show(status, self.page().message(key))
    }

    fn failure(&self, why: &dyn Help) -> Response {
        errln!("{}", Report::error(why));
        let said = self.page().say_with(
            "inbox-failed",
            &[("why", FluentValue::from(why.to_string()))],
        );
        let shown = Shown {
            title: self.page().say("inbox-title"),
            notice: None,
            body: format!(
                "<p class=\"problem\" role=\"alert\">{}</p>",
                crate::render::escape_html(&said)
            ),
        };
        self.show(StatusCode::INTERNAL_SERVER_ERROR, shown)
    }

    /// Her database, with what is past retention gone; `None` before the
    /// first submission came (reading never makes an empty one).
    fn store(&self) -> Result<Option<Store>, Response> {
        let path = self.context.database().map_err(|e| self.failure(&e))?;
        if !path.exists() {
            return Ok(None);
        }
        let store = Store::open(&path).map_err(|e| self.failure(&e))?;
        self.context.retain(&store).map_err(|e| self.failure(&e))?;
        Ok(Some(store))
    }

    fn submissions(&self) -> Result<Vec<Submission>, Response> {
        let Some(store) = self.store()? else {
            return Ok(Vec::new());
        };
        let identity = self.identity()?;
        let rows = store.rows(None).map_err(|e| self.failure(&e))?;
        rows.iter()
            .map(|r| decrypt(r, &identity).map_err(|e| self.failure(&e)))
            .collect()
    }

    fn identity(&self) -> Result<Arc<Identity>, Response> {
        self.context
            .identity
            .clone()
            .ok_or_else(|| self.message(StatusCode::OK, "inbox-no-key"))
    }

    fn submission(&self, id: i64) -> Result<Submission, Response> {
        let not_found = || self.message(StatusCode::NOT_FOUND, "inbox-not-found");
        let store = self.store()?.ok_or_else(not_found)?;
        let row = store
            .row(id)
            .map_err(|e| self.failure(&e))?
            .ok_or_else(not_found)?;
        let identity = self.identity()?;
        decrypt(&row, &identity).map_err(|e| self.failure(&e))
    }

    /// The list, with what the last action did or why a fetch stopped.
    fn list(&self, show: Show, notice: Option<String>, problem: Option<&str>) -> Response {
        // Without her key nothing can be read, but fetching still works:
        // the list says so, under the button that fetches.
        let unreadable = self.context.identity.is_none();
        let submissions = if unreadable {
            Vec::new()
        } else {
            match self.submissions() {
                Ok(submissions) => submissions,
                Err(refusal) => return refusal,
            }
        };
        let pulling = self.context.pulling();
        let origin = pulling
            .as_ref()
            .ok()
            .map(|p| p.remote().origin().to_owned());
        let token_kept = pulling
            .as_ref()
            .is_ok_and(|p| p.kept_token().ok().flatten().is_some());
        let fetch = Fetch {
            origin: origin.as_deref(),
            token_kept,
            problem,
            unreadable,
        };
        let status = if problem.is_some() {
            StatusCode::BAD_GATEWAY
        } else {
            StatusCode::OK
        };
        self.show(status, self.page().list(&submissions, show, &fetch, notice))
    }
}

/// Lets a request see the inbox.
fn admit<H: Host>(host: &Arc<H>, peer: SocketAddr, headers: HeaderMap) -> Result<Let<H>, Response> {
    host.guard()
        .admits(peer, &headers)
        .map_err(|r| host.refused(&headers, r))?;
    let context = host.context(&headers)?;
    Ok(Let {
        host: Arc::clone(host),
        headers,
        context,
    })
}

/// Lets a change through: sent by the inbox's own pages, with their token.
fn admit_change<H: Host>(
    host: &Arc<H>,
    peer: SocketAddr,
    headers: HeaderMap,
    token: &str,
) -> Result<Let<H>, Response> {
    host.guard()
        .allows_change(peer, &headers, token)
        .map_err(|r| host.refused(&headers, r))?;
    admit(host, peer, headers)
}

#[derive(Deserialize)]
struct ListQuery {
    key: Option<String>,
    show: Option<String>,
    /// What the action that led here did.
    done: Option<String>,
    /// How many were fetched.
    n: Option<usize>,
}

async fn list<H: Host>(
    State(host): State<Arc<H>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(query): Query<ListQuery>,
    headers: HeaderMap,
) -> Response {
    // The printed address: its key becomes the cookie, and the address
    // bar (and history) is left without it.
    if let Some(key) = &query.key {
        return match host.guard().enter(peer, &headers, key) {
            Ok(cookie) => {
                let mut response = see_other(&format!("{}/", H::BASE));
                response.headers_mut().insert(header::SET_COOKIE, cookie);
                response
            }
            Err(refusal) => host.refused(&headers, refusal),
        };
    }
    blocking(move || {
        let visit = admit(&host, peer, headers)?;
        let page = visit.page();
        let notice = match query.done.as_deref() {
            Some("deleted") => Some(page.say("inbox-deleted")),
            Some("fetched") => Some(page.say_with(
                "inbox-fetched",
                &[("count", FluentValue::from(query.n.unwrap_or(0)))],
            )),
            _ => None,
        };
        Ok(visit.list(Show::parse(query.show.as_deref()), notice, None))
    })
    .await
}

#[derive(Deserialize)]
struct FetchForm {
    #[serde(default)]
    token: String,
    /// The pull token, pasted the first time.
    #[serde(default)]
    pull_token: String,
}

/// "Fetch new": a pull from the endpoint, as `praxis forms pull` makes it.
async fn fetch<H: Host>(
    State(host): State<Arc<H>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<FetchForm>,
) -> Response {
    blocking(move || {
        let visit = admit_change(&host, peer, headers, &form.token)?;
        let page = visit.page();
        // Why it stopped, in her words: `origin` is the endpoint's address,
        // `why` what praxis's own message says where no words fit better.
        let stopped = |id: &str, origin: &str, why: &str| {
            let said = page.say_with(
                id,
                &[
                    ("origin", FluentValue::from(origin.to_owned())),
                    ("why", FluentValue::from(why.to_owned())),
                ],
            );
            visit.list(Show::Open, None, Some(&said))
        };
        let site = match visit.context.pulling() {
            Ok(site) => site,
            Err(why) => {
                errln!("{}", Report::error(&why));
                return Err(stopped("inbox-fetch-failed", "", &why.to_string()));
            }
        };
        let origin = site.remote().origin().to_owned();
        let pasted = form.pull_token.trim();
        let token = if pasted.is_empty() {
            match site.kept_token() {
                Ok(Some(kept)) => Token::Kept(kept),
                Ok(None) => return Err(stopped("inbox-fetch-no-token", &origin, "")),
                Err(why) => {
                    errln!("{}", Report::error(&why));
                    return Err(stopped("inbox-fetch-failed", &origin, &why.to_string()));
                }
            }
        } else {
            Token::New(pasted.to_owned())
        };
        let database = visit.context.database().map_err(|e| visit.failure(&e))?;
        let store = Store::open(&database).map_err(|e| visit.failure(&e))?;
        match site.pull(&store, &token) {
            Ok(pulled) => {
                visit
                    .context
                    .retain(&store)
                    .map_err(|e| visit.failure(&e))?;
                Ok(see_other(&format!(
                    "{}/?done=fetched&n={}",
                    H::BASE,
                    pulled.new
                )))
            }
            Err(why) => {
                errln!("{}", Report::error(&why));
                let id = match &why {
                    PullError::Unreachable { .. } => "inbox-fetch-unreachable",
                    PullError::TokenRefused { .. } => "inbox-fetch-token-refused",
                    PullError::KeptTokenRefused { .. } => "inbox-fetch-token-forgotten",
                    PullError::NotAnEndpoint { .. } => "inbox-fetch-not-an-endpoint",
                    PullError::NotTold { .. } => "inbox-fetch-not-told",
                    _ => "inbox-fetch-failed",
                };
                Err(stopped(id, &origin, &why.to_string()))
            }
        }
    })
    .await
}

#[derive(Deserialize)]
struct ShowQuery {
    done: Option<String>,
}

async fn show<H: Host>(
    State(host): State<Arc<H>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<i64>,
    Query(query): Query<ShowQuery>,
    headers: HeaderMap,
) -> Response {
    blocking(move || {
        let visit = admit(&host, peer, headers)?;
        let submission = visit.submission(id)?;
        let page = visit.page();
        let notice = match query.done.as_deref() {
            Some("marked-done") => Some(page.say("inbox-marked-done")),
            Some("reopened") => Some(page.say("inbox-reopened")),
            _ => None,
        };
        Ok(visit.show(StatusCode::OK, page.submission(&submission, notice)))
    })
    .await
}

#[derive(Deserialize)]
struct Change {
    #[serde(default)]
    token: String,
    #[serde(default)]
    done: Option<String>,
    /// `yes` once she answered the question before a deletion.
    #[serde(default)]
    confirmed: Option<String>,
}

async fn mark_done<H: Host>(
    State(host): State<Arc<H>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(change): Form<Change>,
) -> Response {
    blocking(move || {
        let visit = admit_change(&host, peer, headers, &change.token)?;
        let done = change.done.as_deref() == Some("1");
        let found = match visit.store()? {
            Some(store) => store
                .mark_done(id, done.then(Timestamp::now))
                .map_err(|e| visit.failure(&e))?,
            None => false,
        };
        if !found {
            return Err(visit.message(StatusCode::NOT_FOUND, "inbox-not-found"));
        }
        let said = if done { "marked-done" } else { "reopened" };
        Ok(see_other(&format!("{}/s/{id}?done={said}", H::BASE)))
    })
    .await
}

/// The question before a deletion.
async fn confirm_delete<H: Host>(
    State(host): State<Arc<H>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    blocking(move || {
        let visit = admit(&host, peer, headers)?;
        let submission = visit.submission(id)?;
        Ok(visit.show(StatusCode::OK, visit.page().confirm_delete(&submission)))
    })
    .await
}

/// A deletion, once confirmed; without the confirmation, the question.
async fn delete<H: Host>(
    State(host): State<Arc<H>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(change): Form<Change>,
) -> Response {
    blocking(move || {
        let visit = admit_change(&host, peer, headers, &change.token)?;
        if change.confirmed.as_deref() != Some("yes") {
            let submission = visit.submission(id)?;
            return Ok(visit.show(StatusCode::OK, visit.page().confirm_delete(&submission)));
        }
        let missing = match visit.store()? {
            Some(store) => store.delete(&[id]).map_err(|e| visit.failure(&e))?,
            None => vec![id],
        };
        if !missing.is_empty() {
            return Err(visit.message(StatusCode::NOT_FOUND, "inbox-not-found"));
        }
        Ok(see_other(&format!("{}/?done=deleted", H::BASE)))
    })
    .await
}

async fn export<H: Host>(
    State(host): State<Arc<H>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    blocking(move || {
        let visit = admit(&host, peer, headers)?;
        let submissions = visit.submissions()?;
        let csv = crate::forms::export::to_csv(&submissions)
            .map_err(|e| visit.failure(&ExportError::Csv(e)))?;
        Ok((
            StatusCode::OK,
            private_headers(),
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"submissions.csv\"",
                ),
            ],
            csv,
        )
            .into_response())
    })
    .await
}

// ------------------------------------------------------------ `praxis forms inbox`

/// `praxis forms inbox`: the inbox as a page of its own.
struct Own {
    context: Arc<Context>,
    /// Who may read and change it: the one guard of praxis's own pages
    /// (its key in the printed address, its token in every form).
    guard: Guard,
}

impl Host for Own {
    const BASE: &'static str = "";

    fn guard(&self) -> &Guard {
        &self.guard
    }

    fn context(&self, _headers: &HeaderMap) -> Result<Arc<Context>, Response> {
        Ok(Arc::clone(&self.context))
    }

    /// A refusal: a page of another site, or another name for this
    /// address, learns nothing.
    fn refused(&self, headers: &HeaderMap, refusal: Refusal) -> Response {
        let (status, key) = match refusal {
            Refusal::WrongHost => (StatusCode::MISDIRECTED_REQUEST, "inbox-refused"),
            Refusal::Locked => (StatusCode::FORBIDDEN, "inbox-locked"),
            Refusal::NotLocal | Refusal::Forged => (StatusCode::FORBIDDEN, "inbox-refused"),
        };
        let page = self.context.page(&self.guard.token, Self::BASE);
        self.frame(headers, status, page.message(key))
    }

    fn frame(&self, _headers: &HeaderMap, status: StatusCode, shown: Shown) -> Response {
        let e = crate::render::escape_html;
        let notice = shown
            .notice
            .map(|n| format!("<p class=\"notice\" role=\"status\">{}</p>\n", e(&n)))
            .unwrap_or_default();
        let body = format!(
            "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n<link rel=\"stylesheet\" href=\"/inbox.css\">\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n{notice}{body}</main>\n</body>\n</html>\n",
            lang = e(self.context.strings.lang),
            title = e(&shown.title),
            body = shown.body,
        );
        html(status, body)
    }
}

/// Serves the inbox in `lang` (her `--lang`), else in the site's default
/// language if praxis speaks it, else in English; opens her browser there
/// when `open`.
pub fn run(
    root: &std::path::Path,
    config: Config,
    identity: Identity,
    lang: Option<&str>,
    port: u16,
    open: bool,
) -> Result<(), Error> {
    let strings = strings::choose(lang, &config.default_language).map_err(Error::InboxLanguage)?;
    let context = Arc::new(Context::new(
        root.to_path_buf(),
        Arc::new(config),
        Some(strings.lang),
        Some(Arc::new(identity)),
    ));
    super::runtime()?.block_on(async move {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let listener = super::listen(address).await?;
        let local = listener.local_addr().unwrap_or(address);
        let guard = Guard::keyed(local, COOKIE)?;
        let address = format!("http://127.0.0.1:{}/?key={}", local.port(), guard.key);
        let own = Arc::new(Own { context, guard });
        let ctrl_c = super::connections::ctrl_c();
        outln!("your submissions: {address}  (Ctrl-C to stop)");
        if open && webbrowser::open(&address).is_err() {
            errln!("note: no browser could be opened here: open the address above in yours");
        }
        let style = Arc::clone(&own);
        let app = routes(own).route(
            "/inbox.css",
            get(
                move |ConnectInfo(peer): ConnectInfo<SocketAddr>, headers: HeaderMap| async move {
                    if let Err(refusal) = style.guard.admits(peer, &headers) {
                        return style.refused(&headers, refusal);
                    }
                    (
                        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
                        private_headers(),
                        format!("{OWN_STYLE}{STYLE}"),
                    )
                        .into_response()
                },
            ),
        );
        super::connections::serve(listener, app, ctrl_c).await;
        Ok(())
    })
}

fn private_headers() -> [(header::HeaderName, HeaderValue); 5] {
    [
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            ),
        ),
        // Not `no-referrer`: with it, a browser sends `Origin: null` with
        // the page's own forms, and the origin check could not tell them
        // from a sandboxed attacker. `same-origin` tells other sites nothing.
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    ]
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        private_headers(),
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn see_other(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        private_headers(),
        [(header::LOCATION, to.to_owned())],
    )
        .into_response()
}
