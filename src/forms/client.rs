//! Who sent a request: the client address the rate limit counts by.
//!
//! Behind a reverse proxy every request comes from the proxy, and the
//! visitor's address is in a header the proxy adds. Anyone can send that
//! header too, so it is believed only as far as it was written by proxies
//! we trust — nginx's `real_ip` with `real_ip_recursive on`: the header is
//! read only when the peer is a trusted proxy, from the right (each proxy
//! appends the address it saw), skipping trusted proxies; the first address
//! that is not trusted is the client. An entry that is not an IP address
//! stops the walk, so a string a client made up is never a client key: the
//! last trusted address reached stands instead.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use crate::config::proxy::mask;
pub use crate::config::proxy::{Cidr, ProxyHeader, TrustProxy};

/// The client of a request from `peer` whose proxy header lines are
/// `lines`, in the order they came.
pub fn client_address(
    peer: IpAddr,
    trust: &TrustProxy,
    header: ProxyHeader,
    lines: &[&str],
) -> IpAddr {
    let mut client = peer.to_canonical();
    if !trust.trusts(client) {
        return client;
    }
    // Several lines of one header are one list, in order (RFC 9110 5.3).
    let entries: Vec<&str> = match header {
        ProxyHeader::XForwardedFor => lines
            .iter()
            .flat_map(|l| l.split(','))
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .collect(),
        ProxyHeader::Forwarded => lines.iter().flat_map(|l| forwarded_for(l)).collect(),
    };
    for entry in entries.iter().rev() {
        if !trust.trusts(client) {
            break;
        }
        match parse_address(entry) {
            Some(address) => client = address,
            None => break,
        }
    }
    client
}

/// An address as proxies write it: `192.0.2.1`, `2001:db8::1`,
/// `[2001:db8::1]`, with or without a port. Anything else is not one.
fn parse_address(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    let address = entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            entry
                .strip_prefix('[')
                .and_then(|e| e.strip_suffix(']'))
                .and_then(|e| e.parse::<Ipv6Addr>().ok())
                .map(IpAddr::V6)
        })?;
    Some(address.to_canonical())
}

/// The `for=` value of each element of a `Forwarded` line; an element
/// without one yields an empty entry, which stops the walk like junk.
fn forwarded_for(line: &str) -> Vec<&str> {
    split_unquoted(line, ',')
        .into_iter()
        .map(|element| {
            split_unquoted(element, ';')
                .into_iter()
                .filter_map(|pair| pair.split_once('='))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("for"))
                .map(|(_, value)| {
                    let value = value.trim();
                    value
                        .strip_prefix('"')
                        .and_then(|v| v.strip_suffix('"'))
                        .unwrap_or(value)
                })
                .unwrap_or("")
        })
        .collect()
}

/// Splits at `separator` outside double quotes.
fn split_unquoted(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c == separator && !quoted => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The key the rate limit counts by: the address, or for IPv6 its /64,
/// since one household or phone holds a whole /64 and can change
/// addresses within it at will.
pub fn limit_key(client: IpAddr) -> IpAddr {
    match client.to_canonical() {
        IpAddr::V6(a) => mask(IpAddr::V6(a), 64),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies(list: &[&str]) -> TrustProxy {
        TrustProxy::Proxies(list.iter().map(|c| Cidr::parse(c).unwrap()).collect())
    }

    fn xff(peer: &str, trust: &TrustProxy, lines: &[&str]) -> IpAddr {
        client_address(ip(peer), trust, ProxyHeader::XForwardedFor, lines)
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_says() {
        let trust = proxies(&["10.0.0.1"]);
        assert_eq!(xff("203.0.113.9", &trust, &["1.2.3.4"]), ip("203.0.113.9"));
        assert_eq!(
            xff("127.0.0.1", &TrustProxy::Nobody, &["1.2.3.4"]),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn the_walk_goes_from_the_right_past_trusted_proxies() {
        let trust = proxies(&["10.0.0.0/8"]);
        // nginx's $proxy_add_x_forwarded_for after a client that made up
        // the leftmost entry: the address nginx saw is the client.
        assert_eq!(
            xff("10.0.0.1", &trust, &["6.6.6.6, 203.0.113.9"]),
            ip("203.0.113.9")
        );
        assert_eq!(
            xff("10.0.0.1", &trust, &["6.6.6.6, 203.0.113.9, 10.0.0.2"]),
            ip("203.0.113.9"),
            "a chain of trusted proxies is skipped"
        );
        assert_eq!(
            xff("10.0.0.1", &trust, &["10.0.0.3, 10.0.0.2"]),
            ip("10.0.0.3"),
            "all trusted: the leftmost, as nginx does"
        );
        assert_eq!(xff("10.0.0.1", &trust, &[]), ip("10.0.0.1"), "no header");
    }

    #[test]
    fn junk_stops_the_walk_and_is_never_a_client() {
        let trust = proxies(&["10.0.0.0/8"]);
        for junk in [
            "junk1",
            "unknown",
            "1.2.3",
            "1.2.3.4.5",
            "::g",
            "[1.2.3.4]",
            "_hidden",
        ] {
            assert_eq!(xff("10.0.0.1", &trust, &[junk]), ip("10.0.0.1"), "{junk}");
            assert_eq!(
                xff("10.0.0.1", &trust, &[&format!("{junk}, 10.0.0.2")]),
                ip("10.0.0.2"),
                "the last trusted address stands: {junk}"
            );
            assert_eq!(
                xff(
                    "10.0.0.1",
                    &trust,
                    &[&format!("1.1.1.1, {junk}, 203.0.113.9")]
                ),
                ip("203.0.113.9"),
                "junk left of the client is never reached: {junk}"
            );
        }
    }

    #[test]
    fn several_header_lines_are_one_list_in_order() {
        let trust = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            xff("10.0.0.1", &trust, &["6.6.6.6", "203.0.113.9, 10.0.0.2"]),
            ip("203.0.113.9")
        );
        assert_eq!(
            xff("10.0.0.1", &trust, &["203.0.113.9", "10.0.0.2"]),
            ip("203.0.113.9")
        );
        assert_eq!(
            xff("10.0.0.1", &trust, &["203.0.113.9", ""]),
            ip("203.0.113.9"),
            "an empty line adds no entry"
        );
    }

    #[test]
    fn ipv6_and_mapped_ipv4() {
        let trust = proxies(&["::1", "fd00::/8", "127.0.0.1"]);
        assert_eq!(xff("::1", &trust, &["2001:db8::7"]), ip("2001:db8::7"));
        assert_eq!(
            xff("fd00::5", &trust, &["[2001:db8::7]:4711"]),
            ip("2001:db8::7")
        );
        assert_eq!(
            xff("::ffff:127.0.0.1", &trust, &["::ffff:203.0.113.9"]),
            ip("203.0.113.9"),
            "a dual-stack socket's mapped peer is the IPv4 address"
        );
        assert_eq!(
            xff("127.0.0.1", &trust, &["203.0.113.9:1234"]),
            ip("203.0.113.9"),
            "a port is not part of the address"
        );
        assert!(proxies(&["::ffff:10.0.0.1"]).trusts(ip("10.0.0.1")));
    }

    #[test]
    fn forwarded_is_read_like_x_forwarded_for() {
        let trust = proxies(&["10.0.0.0/8"]);
        let fwd =
            |lines: &[&str]| client_address(ip("10.0.0.1"), &trust, ProxyHeader::Forwarded, lines);
        assert_eq!(
            fwd(&["for=6.6.6.6, for=203.0.113.9;proto=https;by=10.0.0.1"]),
            ip("203.0.113.9")
        );
        assert_eq!(
            fwd(&["For=\"[2001:db8:cafe::17]:4711\""]),
            ip("2001:db8:cafe::17")
        );
        assert_eq!(fwd(&["for=unknown"]), ip("10.0.0.1"));
        assert_eq!(fwd(&["proto=https"]), ip("10.0.0.1"), "no for=");
        assert_eq!(
            fwd(&["for=\"6.6.6.6,for=7.7.7.7\""]),
            ip("10.0.0.1"),
            "a comma inside quotes does not split"
        );
        assert_eq!(fwd(&["for=6.6.6.6", "for=203.0.113.9"]), ip("203.0.113.9"));
        assert_eq!(
            fwd(&["for=\"[2001:db8::1]:80\";ext=\"a,b;c\""]),
            ip("2001:db8::1"),
            "separators inside a quoted value belong to it"
        );
    }

    #[test]
    fn ipv6_clients_are_limited_by_their_64() {
        assert_eq!(limit_key(ip("2001:db8:1:2:3:4:5:6")), ip("2001:db8:1:2::"));
        assert_eq!(limit_key(ip("203.0.113.9")), ip("203.0.113.9"));
        assert_eq!(limit_key(ip("::ffff:203.0.113.9")), ip("203.0.113.9"));
    }
}
