//! Who may use praxis's own pages that show or change her files — the
//! desk, the translator's view, the inbox: one guard for all three, so
//! that only she may, from this computer, even with a hostile page open in
//! another tab or another user on the machine.
//!
//! - The request comes from this computer, to this server by one of its
//!   names (`Host`), so a DNS-rebinding page cannot reach it under a name
//!   of its own.
//! - Where the pages are keyed (the desk, the inbox; the translator's view
//!   of `praxis desk`), it carries the key of the address praxis printed:
//!   opening that address sets it as an `HttpOnly`, `SameSite=Strict`
//!   cookie (and sends the browser on without it in the address bar). The
//!   translator's view of a plain `praxis serve`, which changes nothing
//!   but the translations' record, is not keyed.
//! - A change is a POST from these pages themselves (`Origin`), carrying
//!   the token every form of theirs holds.

use std::net::{IpAddr, SocketAddr};

use axum::http::{HeaderMap, HeaderValue, header};

use crate::secrets::{NoRandomness, same};

/// Why a request was turned away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// From another computer.
    NotLocal,
    /// To another name than this server's (DNS rebinding).
    WrongHost,
    /// Without the key (or with another one).
    Locked,
    /// A change not sent by these pages, or without their token.
    Forged,
}

pub struct Guard {
    /// The `Host` values that name this server.
    hosts: Vec<String>,
    bound: IpAddr,
    /// The cookie's name, where the pages are keyed.
    cookie: Option<&'static str>,
    /// In the printed address; becomes the cookie.
    pub key: String,
    /// In every form.
    pub token: String,
}

impl Guard {
    /// For a server listening at `local`, whose key travels in `cookie`.
    pub fn keyed(local: SocketAddr, cookie: &'static str) -> Result<Guard, NoRandomness> {
        Guard::new(local, Some(cookie))
    }

    /// For a server listening at `local`, whose pages need no key.
    pub fn unkeyed(local: SocketAddr) -> Result<Guard, NoRandomness> {
        Guard::new(local, None)
    }

    fn new(local: SocketAddr, cookie: Option<&'static str>) -> Result<Guard, NoRandomness> {
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
        Ok(Guard {
            hosts,
            bound: ip,
            cookie,
            key: crate::secrets::random(24)?,
            token: crate::secrets::random(24)?,
        })
    }

    /// From this computer, to this server.
    fn reached(&self, peer: SocketAddr, headers: &HeaderMap) -> Result<(), Refusal> {
        let local = peer.ip().to_canonical().is_loopback()
            || (!self.bound.is_unspecified() && peer.ip() == self.bound);
        if !local {
            return Err(Refusal::NotLocal);
        }
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return Err(Refusal::WrongHost);
        }
        Ok(())
    }

    /// Whether the pages need the printed key.
    pub fn is_keyed(&self) -> bool {
        self.cookie.is_some()
    }

    /// Whether a request may see the pages: reached as above, with the key
    /// where there is one.
    pub fn admits(&self, peer: SocketAddr, headers: &HeaderMap) -> Result<(), Refusal> {
        self.reached(peer, headers)?;
        let Some(cookie) = self.cookie else {
            return Ok(());
        };
        let keyed = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().strip_prefix(cookie)?.strip_prefix('='))
            .any(|value| same(value.as_bytes(), self.key.as_bytes()));
        if keyed { Ok(()) } else { Err(Refusal::Locked) }
    }

    /// Whether a request may change something: admitted, sent by these
    /// pages, with their token.
    pub fn allows_change(
        &self,
        peer: SocketAddr,
        headers: &HeaderMap,
        token: &str,
    ) -> Result<(), Refusal> {
        self.admits(peer, headers)?;
        let origin = headers
            .get(header::ORIGIN)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        let from_here = origin
            .strip_prefix("http://")
            .is_some_and(|host| self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)));
        if !from_here || !same(token.as_bytes(), self.token.as_bytes()) {
            errln!(
                "refused a change that did not come from praxis's own pages (Origin: {})",
                if origin.is_empty() { "none" } else { origin }
            );
            return Err(Refusal::Forged);
        }
        Ok(())
    }

    /// For the printed address `?key=…`: the cookie to set if the key is
    /// right and the request reached this server.
    pub fn enter(
        &self,
        peer: SocketAddr,
        headers: &HeaderMap,
        key: &str,
    ) -> Result<HeaderValue, Refusal> {
        self.reached(peer, headers)?;
        let Some(cookie) = self.cookie else {
            return Err(Refusal::Locked);
        };
        if !same(key.as_bytes(), self.key.as_bytes()) {
            return Err(Refusal::Locked);
        }
        HeaderValue::from_str(&format!(
            "{cookie}={key}; Path=/; HttpOnly; SameSite=Strict"
        ))
        .map_err(|_| Refusal::Locked)
    }
}
