//! Who may use the translator's view: the preview's one guard
//! ([`crate::serve::guard`]) — requests from this computer, to this server
//! by one of its names, with the desk's key where `praxis desk` runs it;
//! and, to change a file, a POST from praxis's own pages (Origin) with the
//! server's token — told in the view's words. It keeps the view's cache.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{cache, with_headers};
use crate::serve::guard::Refusal;

/// Who may use the view, the token its buttons carry, and what it keeps
/// between requests.
pub struct Guard {
    /// The preview's guard, which the desk shares.
    pub door: Arc<crate::serve::guard::Guard>,
    pub(super) cache: cache::Cache,
}

impl Guard {
    pub fn new(door: Arc<crate::serve::guard::Guard>) -> Guard {
        Guard {
            door,
            cache: cache::Cache::default(),
        }
    }

    pub(super) fn token(&self) -> &str {
        &self.door.token
    }

    /// Whether a request may see the view.
    pub(super) fn admits(&self, peer: SocketAddr, headers: &HeaderMap) -> Result<(), Response> {
        self.door.admits(peer, headers).map_err(refuse)
    }

    /// Whether a request may change a file: admitted, sent by a page of
    /// this origin, with the token.
    pub(super) fn allows_change(
        &self,
        peer: SocketAddr,
        headers: &HeaderMap,
        token: Option<&str>,
    ) -> Result<(), Response> {
        self.door
            .allows_change(peer, headers, token.unwrap_or(""))
            .map_err(refuse)
    }
}

fn refuse(refusal: Refusal) -> Response {
    let why = match refusal {
        Refusal::NotLocal => "the translator's view answers only requests from this computer\n",
        Refusal::WrongHost => {
            "the translator's view answers only at the address praxis serve printed\n"
        }
        Refusal::Locked => {
            "the translator's view opens only with the address praxis desk printed\n"
        }
        Refusal::Forged => {
            "refused: this change must come from the translator's view itself (Origin), with its token; reload the translator's view\n"
        }
    };
    with_headers(
        (StatusCode::FORBIDDEN, why).into_response(),
        "text/plain; charset=utf-8",
    )
}
