//! The desk's guard as its handlers' arguments: a handler that takes a
//! [`Visit`] is reached only by a request the guard
//! ([`crate::serve::guard`]) let in — from this computer, by this server's
//! name, with the key — and one that takes a [`Change`] only by a form
//! posted from the desk's own pages with their token. The refusal is the
//! extractor's rejection, said in her language: no handler opens with the
//! guard's lines, so none can forget them.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Form, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::html::Frame;
use super::words::{self, WORDS, Words};
use super::{Desk, text};
use crate::model::Site;
use crate::serve::guard::Refusal;

/// A request at the door, not yet let in: where it comes from and what it
/// says. Only the printed address's `?key=` is handled before the guard
/// lets a request in ([`Knock::enter`]); everything else is a [`Visit`].
pub(super) struct Knock {
    desk: Arc<Desk>,
    peer: Option<SocketAddr>,
    headers: HeaderMap,
}

impl FromRequestParts<Arc<Desk>> for Knock {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        desk: &Arc<Desk>,
    ) -> Result<Knock, Self::Rejection> {
        Ok(Knock {
            desk: Arc::clone(desk),
            // Every connection has one: the desk is served with it.
            peer: parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(peer)| *peer),
            headers: parts.headers.clone(),
        })
    }
}

impl Knock {
    /// The cookie that the printed address's `key` becomes, or the refusal.
    pub fn enter(&self, key: &str) -> Result<HeaderValue, Response> {
        let words = Words(WORDS.choose(words::chosen(&self.headers), "en"));
        let peer = self.peer.ok_or_else(|| refused(words, Refusal::NotLocal))?;
        self.desk
            .guard
            .enter(peer, &self.headers, key)
            .map_err(|refusal| refused(words, refusal))
    }

    /// Lets the request in to see the desk, or answers it with why not.
    pub fn visit(self) -> Result<Visit, Response> {
        let words = self.desk.words(&self.headers);
        let peer = self.peer.ok_or_else(|| refused(words, Refusal::NotLocal))?;
        self.desk
            .guard
            .admits(peer, &self.headers)
            .map_err(|r| refused(words, r))?;
        let Some(site) = self.desk.server.snapshot.load().site.clone() else {
            return Err(text(
                StatusCode::SERVICE_UNAVAILABLE,
                words.get("not-found"),
            ));
        };
        let site_origin = self.desk.site_origin();
        Ok(Visit {
            desk: self.desk,
            peer,
            headers: self.headers,
            site,
            words,
            site_origin,
        })
    }
}

/// A request let in to see the desk: what its handler needs.
pub(super) struct Visit {
    pub desk: Arc<Desk>,
    peer: SocketAddr,
    headers: HeaderMap,
    /// The site as the preview has it now.
    pub site: Arc<Site>,
    /// Her language's words.
    pub words: Words,
    /// Where her site is served: `http://127.0.0.1:1111`.
    pub site_origin: String,
}

impl FromRequestParts<Arc<Desk>> for Visit {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, desk: &Arc<Desk>) -> Result<Visit, Response> {
        let Ok(knock) = Knock::from_request_parts(parts, desk).await;
        knock.visit()
    }
}

impl Visit {
    /// Whether this request may change something, with the `token` its
    /// form carried: for a form read by hand (a photo's), where [`Change`]
    /// cannot read it first.
    pub fn allows_change(&self, token: &str) -> Result<(), Response> {
        self.desk
            .guard
            .allows_change(self.peer, &self.headers, token)
            .map_err(|r| refused(self.words, r))
    }

    /// What every page of the desk needs around its content.
    pub fn frame<'a>(&'a self, here: &'a str) -> Frame<'a> {
        Frame {
            words: self.words,
            token: &self.desk.guard.token,
            here,
            site: &self.site_origin,
        }
    }
}

/// A form that carries the desk's token.
pub(super) trait Tokened {
    fn token(&self) -> &str;
}

/// A form posted from the desk's own pages with their token, by a request
/// let in: a change the handler may make.
pub(super) struct Change<F> {
    pub visit: Visit,
    pub form: F,
}

impl<F> FromRequest<Arc<Desk>> for Change<F>
where
    F: DeserializeOwned + Tokened + Send + 'static,
{
    type Rejection = Response;

    async fn from_request(request: Request, desk: &Arc<Desk>) -> Result<Change<F>, Response> {
        let (mut parts, body) = request.into_parts();
        let visit = Visit::from_request_parts(&mut parts, desk).await?;
        let Form(form) = Form::<F>::from_request(Request::from_parts(parts, body), desk)
            .await
            .map_err(IntoResponse::into_response)?;
        visit.allows_change(form.token())?;
        Ok(Change { visit, form })
    }
}

/// Every field of a form whose names are not known in advance (a field per
/// language), by name.
#[derive(Deserialize)]
#[serde(transparent)]
pub(super) struct Posted(pub HashMap<String, String>);

impl Tokened for Posted {
    fn token(&self) -> &str {
        self.0.get("token").map_or("", String::as_str)
    }
}

/// Why a request was turned away, in her words.
pub(super) fn refused(words: Words, refusal: Refusal) -> Response {
    let (status, id) = match refusal {
        Refusal::NotLocal => (StatusCode::FORBIDDEN, "refused-not-local"),
        Refusal::WrongHost => (StatusCode::MISDIRECTED_REQUEST, "refused-wrong-host"),
        Refusal::Locked => (StatusCode::FORBIDDEN, "refused-locked"),
        Refusal::Forged => (StatusCode::FORBIDDEN, "refused-forged"),
    };
    text(status, words.get(id))
}
