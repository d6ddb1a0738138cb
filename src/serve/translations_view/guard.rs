//! Who may use the translator's view: requests from this computer, to this
//! server by one of its names; and, to change a file, a POST from the
//! view's own pages (Origin) with the server's token.

use std::net::{IpAddr, SocketAddr};

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::{cache, with_headers};
use crate::secrets::NoRandomness;

/// Who may use the view, the token its buttons carry, and what it keeps
/// between requests.
pub struct Guard {
    /// The Host headers that name this server.
    hosts: Vec<String>,
    /// The address the server is bound to.
    bound: IpAddr,
    pub(super) token: String,
    pub(super) cache: cache::Cache,
}

impl Guard {
    /// For a server listening at `local`.
    pub fn new(local: SocketAddr) -> Result<Guard, NoRandomness> {
        let port = local.port();
        let ip = local.ip();
        let mut hosts = vec![match ip {
            IpAddr::V6(v6) => format!("[{v6}]:{port}"),
            IpAddr::V4(v4) => format!("{v4}:{port}"),
        }];
        if ip.is_loopback() || ip.is_unspecified() {
            hosts.extend([
                format!("localhost:{port}"),
                format!("127.0.0.1:{port}"),
                format!("[::1]:{port}"),
            ]);
        }
        let token = crate::secrets::random(32)?;
        Ok(Guard {
            hosts,
            bound: ip,
            token,
            cache: cache::Cache::default(),
        })
    }

    /// Whether a request may see the view: from this machine, to this
    /// server by one of its names.
    pub(super) fn admits(&self, peer: SocketAddr, headers: &HeaderMap) -> Result<(), Response> {
        let local_peer = peer.ip().is_loopback()
            || (!self.bound.is_unspecified() && peer.ip() == self.bound)
            || peer.ip().to_canonical().is_loopback();
        if !local_peer {
            return Err(refuse(
                "the translator's view answers only requests from this computer\n",
            ));
        }
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return Err(refuse(
                "the translator's view answers only at the address praxis serve printed\n",
            ));
        }
        Ok(())
    }

    /// Whether a request may change a file: admitted, sent by a page of
    /// this origin, with the token.
    pub(super) fn allows_change(
        &self,
        peer: SocketAddr,
        headers: &HeaderMap,
        token: Option<&str>,
    ) -> Result<(), Response> {
        self.admits(peer, headers)?;
        let origin = headers
            .get(header::ORIGIN)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        let same_origin = origin
            .strip_prefix("http://")
            .is_some_and(|host| self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)));
        if !same_origin {
            return Err(refuse(
                "refused: this change must come from the translator's view itself (Origin)\n",
            ));
        }
        match token {
            Some(token) if crate::secrets::same(token.as_bytes(), self.token.as_bytes()) => Ok(()),
            _ => Err(refuse(
                "refused: the form's token is missing or stale; reload the translator's view\n",
            )),
        }
    }
}

fn refuse(why: &'static str) -> Response {
    with_headers(
        (StatusCode::FORBIDDEN, why).into_response(),
        "text/plain; charset=utf-8",
    )
}
