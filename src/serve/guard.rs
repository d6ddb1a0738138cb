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
//! - On Linux, where the pages are keyed, the connection must belong to
//!   the user praxis runs as ([`owner_of`]): a browser's cookies are not
//!   kept apart by port, so a server another user runs on this computer
//!   could be sent the key by her browser — and could not use it.

use std::net::{IpAddr, SocketAddr};

use axum::http::{HeaderMap, HeaderValue, header};

use crate::secrets::{NoRandomness, same};

/// The cookie that remembers the language she chose for praxis's own
/// pages in the desk; the translator's view under the desk follows it.
pub const LANGUAGE_COOKIE: &str = "praxis_desk_lang";

/// Her choice from the request's cookies, if praxis speaks it.
pub fn chosen_language(headers: &HeaderMap) -> Option<&'static str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(LANGUAGE_COOKIE)?.strip_prefix('='))
        .find_map(|lang| {
            crate::i18n::builtin::LANGUAGES
                .iter()
                .find(|l| **l == lang)
                .copied()
        })
}

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
    port: u16,
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

    /// As [`Guard::keyed`] with the given `key`, answering at `localhost`
    /// only: the desk, whose server also serves her site at `127.0.0.1`.
    /// The two are then other sites to a browser, so that a script in a
    /// page of hers (a widget she pasted) can neither send the desk's
    /// cookie nor pass its Origin check. The desk keeps its key across
    /// starts, so that the address she bookmarked keeps working.
    pub fn keyed_at_localhost(
        local: SocketAddr,
        cookie: &'static str,
        key: String,
    ) -> Result<Guard, NoRandomness> {
        let mut guard = Guard::new(local, Some(cookie))?;
        guard.hosts = vec![format!("localhost:{}", local.port())];
        guard.key = key;
        Ok(guard)
    }

    /// The address its pages answer at, for the printed address:
    /// `http://localhost:1111`.
    pub fn origin(&self) -> String {
        format!(
            "http://{}",
            self.hosts.first().map_or("localhost", String::as_str)
        )
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
            port,
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
    /// where there is one, from a program of this user's.
    pub fn admits(&self, peer: SocketAddr, headers: &HeaderMap) -> Result<(), Refusal> {
        self.reached(peer, headers)?;
        let Some(cookie) = self.cookie else {
            return Ok(());
        };
        if !self.is_this_users(peer) {
            return Err(Refusal::NotLocal);
        }
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

    /// Whether the connection from `peer` is this user's (Linux; elsewhere
    /// the key alone decides).
    fn is_this_users(&self, peer: SocketAddr) -> bool {
        #[cfg(target_os = "linux")]
        {
            let me = unsafe { libc::getuid() };
            let server = SocketAddr::new(self.bound, self.port);
            owner_of(peer, server) == Some(me)
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = peer;
            true
        }
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
        if !self.is_this_users(peer) {
            return Err(Refusal::NotLocal);
        }
        if !same(key.as_bytes(), self.key.as_bytes()) {
            return Err(Refusal::Locked);
        }
        HeaderValue::from_str(&format!(
            "{cookie}={key}; Path=/; HttpOnly; SameSite=Strict"
        ))
        .map_err(|_| Refusal::Locked)
    }
}

/// The user id that owns the client end of the TCP connection from
/// `client` to `server`, as Linux lists it in `/proc/net/tcp` (IPv4) and
/// `/proc/net/tcp6`; `None` when it is not listed.
#[cfg(target_os = "linux")]
pub fn owner_of(client: SocketAddr, server: SocketAddr) -> Option<u32> {
    let (file, client_hex, server_hex) = match (client, server) {
        (SocketAddr::V4(c), SocketAddr::V4(s)) => ("/proc/net/tcp", hex_v4(c), hex_v4(s)),
        (SocketAddr::V6(c), SocketAddr::V6(s)) => ("/proc/net/tcp6", hex_v6(c), hex_v6(s)),
        _ => return None,
    };
    let table = std::fs::read_to_string(file).ok()?;
    table.lines().skip(1).find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        // sl local_address rem_address st tx rx tr retrnsmt uid …
        (fields.get(1)?.eq_ignore_ascii_case(&client_hex)
            && fields.get(2)?.eq_ignore_ascii_case(&server_hex))
        .then(|| fields.get(7)?.parse().ok())
        .flatten()
    })
}

/// `127.0.0.1:50000` as /proc/net/tcp writes it: `0100007F:C350` (the
/// address in the host's byte order, the port big-endian).
#[cfg(target_os = "linux")]
fn hex_v4(address: std::net::SocketAddrV4) -> String {
    let ip = u32::from_ne_bytes(address.ip().octets());
    format!("{ip:08X}:{:04X}", address.port())
}

/// An IPv6 address as /proc/net/tcp6 writes it: four 32-bit words, each
/// in the host's byte order.
#[cfg(target_os = "linux")]
fn hex_v6(address: std::net::SocketAddrV6) -> String {
    let octets = address.ip().octets();
    let words: String = octets
        .chunks(4)
        .map(|w| format!("{:08X}", u32::from_ne_bytes([w[0], w[1], w[2], w[3]])))
        .collect();
    format!("{words}:{:04X}", address.port())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_connection_of_ours_is_known_as_ours() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let server = listener.local_addr().unwrap();
        let client = std::net::TcpStream::connect(server).unwrap();
        let me = unsafe { libc::getuid() };
        assert_eq!(owner_of(client.local_addr().unwrap(), server), Some(me));
        let elsewhere: SocketAddr = "127.0.0.1:1".parse().unwrap();
        assert_eq!(owner_of(elsewhere, server), None);
    }
}
