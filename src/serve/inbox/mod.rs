//! `praxis forms inbox`: the practitioner reads her submissions in a page
//! on her own machine — her language, no terminal — decrypted in memory
//! with her private key, never written anywhere in the clear.
//!
//! Only she may use it, even on a machine others use or with a hostile
//! page open in another tab:
//! - it listens on 127.0.0.1 only and answers only requests whose `Host`
//!   is that address (or `localhost`) and port, so a DNS-rebinding page
//!   cannot reach it under its own name;
//! - the address it prints carries a random key; opening it sets a
//!   `SameSite=Strict`, `HttpOnly` cookie, and every request without that
//!   cookie is refused — another user of the machine cannot read it;
//! - what changes something (done, delete) is a POST from this very page:
//!   its `Origin` must be the inbox's and it must carry the page's random
//!   CSRF token;
//! - nothing is cached, framed, or sent to another site.
//!
//! The first three are the guard every page of praxis's own keeps
//! ([`super::guard`]), shared with the desk and the translator's view.

mod page;
mod strings;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use age::x25519::Identity;
use axum::Router;
use axum::extract::{ConnectInfo, Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jiff::Timestamp;
use serde::Deserialize;

use self::page::{Labels, Page, STYLE, Show};
use super::blocking;
use super::guard::{Guard, Refusal};
use crate::config::Config;
use crate::diagnostics::{Help, Report};
use crate::error::Error;
use crate::forms::export::ExportError;
use crate::forms::store::{Store, Submission, decrypt};
use crate::i18n::builtin::PraxisStrings;
use crate::i18n::format::LocaleFormat;

const COOKIE: &str = "praxis_inbox";

struct Inbox {
    store: Store,
    identity: Identity,
    strings: PraxisStrings,
    format: LocaleFormat,
    labels: Labels,
    languages: HashMap<String, String>,
    retention_days: u32,
    /// Who may read and change it: the one guard of praxis's own pages
    /// (its key in the printed address, its token in every form).
    guard: Guard,
}

/// Serves the inbox in `lang` (her `--lang`), else in the site's default
/// language if praxis speaks it, else in English.
pub fn run(
    root: &std::path::Path,
    config: &Config,
    store: Store,
    identity: Identity,
    lang: Option<&str>,
    port: u16,
) -> Result<(), Error> {
    let strings = strings::choose(lang, &config.default_language).map_err(Error::InboxLanguage)?;
    let format = LocaleFormat::new(strings.lang);
    // Her forms' own labels, in her language if the site has it.
    let labels_lang = Some(strings.lang)
        .filter(|l| config.has_language(l))
        .unwrap_or(&config.default_language);
    let labels = labels(root, config, labels_lang);
    super::runtime()?.block_on(async move {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let listener = super::listen(address).await?;
        let local = listener.local_addr().unwrap_or(address);
        let port = local.port();
        let guard = Guard::keyed(local, COOKIE)?;
        let inbox = Arc::new(Inbox {
            store,
            identity,
            strings,
            format,
            labels,
            languages: config
                .languages
                .iter()
                .map(|l| (l.code.clone(), l.name.clone()))
                .collect(),
            retention_days: config.submissions.retention_days,
            guard,
        });
        let ctrl_c = super::connections::ctrl_c();
        outln!(
            "your submissions: http://127.0.0.1:{port}/?key={}  (Ctrl-C to stop)",
            inbox.guard.key
        );
        let app = Router::new()
            .route("/", get(list))
            .route("/s/{id}", get(show))
            .route("/s/{id}/done", post(mark_done))
            .route("/s/{id}/delete", post(delete))
            .route("/export.csv", get(export))
            .route("/inbox.css", get(style))
            .with_state(inbox);
        super::connections::serve(listener, app, ctrl_c).await;
        Ok(())
    })
}

impl Inbox {
    fn page(&self) -> Page<'_> {
        Page {
            strings: &self.strings,
            format: &self.format,
            labels: &self.labels,
            csrf: &self.guard.token,
            retention_days: self.retention_days,
            languages: &self.languages,
        }
    }

    /// Lets through what comes to this inbox's address from her browser.
    fn admit(&self, peer: SocketAddr, headers: &HeaderMap) -> Result<(), Response> {
        self.guard
            .admits(peer, headers)
            .map_err(|r| self.refused(r))
    }

    /// Lets through a change sent by a form of this very page.
    fn admit_change(
        &self,
        peer: SocketAddr,
        headers: &HeaderMap,
        csrf: &str,
    ) -> Result<(), Response> {
        self.guard
            .allows_change(peer, headers, csrf)
            .map_err(|r| self.refused(r))
    }

    /// A refusal in the inbox's words: a page of another site, or another
    /// name for this address, learns nothing.
    fn refused(&self, refusal: Refusal) -> Response {
        match refusal {
            Refusal::WrongHost => self.refusal(StatusCode::MISDIRECTED_REQUEST, "inbox-refused"),
            Refusal::Locked => self.refusal(StatusCode::FORBIDDEN, "inbox-locked"),
            Refusal::NotLocal | Refusal::Forged => {
                self.refusal(StatusCode::FORBIDDEN, "inbox-refused")
            }
        }
    }

    fn refusal(&self, status: StatusCode, key: &str) -> Response {
        html(status, self.page().message(key))
    }

    fn submissions(&self) -> Result<Vec<Submission>, Response> {
        let rows = self.store.rows(None).map_err(|e| self.failure(&e))?;
        rows.iter()
            .map(|r| decrypt(r, &self.identity).map_err(|e| self.failure(&e)))
            .collect()
    }

    fn submission(&self, id: i64) -> Result<Submission, Response> {
        let row = self
            .store
            .row(id)
            .map_err(|e| self.failure(&e))?
            .ok_or_else(|| self.refusal(StatusCode::NOT_FOUND, "inbox-not-found"))?;
        decrypt(&row, &self.identity).map_err(|e| self.failure(&e))
    }

    fn failure(&self, why: &dyn Help) -> Response {
        errln!("{}", Report::error(why));
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            private_headers(),
            format!("{why}\n"),
        )
            .into_response()
    }
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

#[derive(Deserialize)]
struct ListQuery {
    key: Option<String>,
    show: Option<String>,
    deleted: Option<String>,
}

async fn list(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(query): Query<ListQuery>,
    headers: HeaderMap,
) -> Response {
    // The printed address: its key becomes the cookie, and the address
    // bar (and history) is left without it.
    if let Some(key) = &query.key {
        return match inbox.guard.enter(peer, &headers, key) {
            Ok(cookie) => {
                let mut response = see_other("/");
                response.headers_mut().insert(header::SET_COOKIE, cookie);
                response
            }
            Err(refusal) => inbox.refused(refusal),
        };
    }
    let work = move || -> Result<Response, Response> {
        inbox.admit(peer, &headers)?;
        let submissions = inbox.submissions()?;
        let notice = query.deleted.is_some().then_some("inbox-deleted");
        let show = Show::parse(query.show.as_deref());
        Ok(html(
            StatusCode::OK,
            inbox.page().list(&submissions, show, notice),
        ))
    };
    blocking(work).await
}

async fn show(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    blocking(move || {
        inbox.admit(peer, &headers)?;
        let submission = inbox.submission(id)?;
        Ok(html(StatusCode::OK, inbox.page().submission(&submission)))
    })
    .await
}

#[derive(Deserialize)]
struct Change {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    done: Option<String>,
}

async fn mark_done(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(change): Form<Change>,
) -> Response {
    blocking(move || {
        inbox.admit_change(peer, &headers, &change.csrf)?;
        let at = (change.done.as_deref() == Some("1")).then(Timestamp::now);
        let found = inbox
            .store
            .mark_done(id, at)
            .map_err(|e| inbox.failure(&e))?;
        if !found {
            return Err(inbox.refusal(StatusCode::NOT_FOUND, "inbox-not-found"));
        }
        Ok(see_other(&format!("/s/{id}")))
    })
    .await
}

async fn delete(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(change): Form<Change>,
) -> Response {
    blocking(move || {
        inbox.admit_change(peer, &headers, &change.csrf)?;
        let missing = inbox.store.delete(&[id]).map_err(|e| inbox.failure(&e))?;
        if !missing.is_empty() {
            return Err(inbox.refusal(StatusCode::NOT_FOUND, "inbox-not-found"));
        }
        Ok(see_other("/?deleted=1"))
    })
    .await
}

async fn export(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    blocking(move || {
        inbox.admit(peer, &headers)?;
        let submissions = inbox.submissions()?;
        let csv = crate::forms::export::to_csv(&submissions)
            .map_err(|e| inbox.failure(&ExportError::Csv(e)))?;
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

async fn style(
    State(inbox): State<Arc<Inbox>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = inbox.admit(peer, &headers) {
        return refusal;
    }
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        private_headers(),
        STYLE,
    )
        .into_response()
}

/// The labels the site's forms give their fields in `lang`, to show the
/// answers under; empty where the site's UI strings cannot be read.
fn labels(root: &std::path::Path, config: &Config, lang: &str) -> Labels {
    let mut diags = crate::diagnostics::Diagnostics::default();
    let theme = config.theme_dir(root, &mut diags);
    let i18n = crate::i18n::I18n::load(root, theme.as_deref(), config, &mut diags);
    let mut labels = HashMap::new();
    for (form, spec) in &config.forms {
        for field in &spec.fields {
            if let Ok(label) =
                i18n.translate(lang, &format!("form-{form}-{}-label", field.name), None)
            {
                labels.insert(format!("{form}/{}", field.name), label);
            }
        }
    }
    labels
}
