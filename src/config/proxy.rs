//! `trust_proxy` and `proxy_header` in `[submissions]`: which reverse
//! proxies are believed when they name the client, and in which header.
//! What is believed is worked out in `forms::client`.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Deserialize;

use crate::diagnostics::Help;

/// Why `trust_proxy` cannot be used as written.
#[derive(Debug, thiserror::Error)]
pub enum ProxyError {
    #[error("`{text}` is not an IP address or range (like 10.0.0.1 or 10.0.0.0/8)")]
    NotAnAddress { text: String },
    #[error("`{text}`: the prefix length must be 0 to {max}")]
    Prefix { text: String, max: u8 },
    /// Ranges that together hold every address, on a server reachable
    /// beyond this machine.
    #[error(
        "[submissions] trust_proxy includes {}, which {} X-Forwarded-For from everyone, and the server listens on {bind}: any visitor could choose the address the rate limit counts",
        everyone.iter().map(Cidr::to_string).collect::<Vec<_>>().join(" and "),
        if everyone.len() == 1 { "trusts" } else { "together trust" }
    )]
    TrustsEveryone { everyone: Vec<Cidr>, bind: IpAddr },
    #[error(
        "[submissions] trust_proxy = true trusted X-Forwarded-For from every peer, and the server listens on {bind}, where any visitor could then choose the address the rate limit counts"
    )]
    TrustsEveryPeer { bind: IpAddr },
}

impl Help for ProxyError {
    fn help(&self) -> Option<String> {
        match self {
            ProxyError::NotAnAddress { .. } | ProxyError::Prefix { .. } => None,
            ProxyError::TrustsEveryone { .. } => Some(
                "list only your proxy's addresses, like trust_proxy = [\"10.0.0.5\"]".into(),
            ),
            ProxyError::TrustsEveryPeer { .. } => Some(
                "name your proxy's addresses instead, like trust_proxy = [\"10.0.0.5\"] (a proxy on this machine is trusted by default; false trusts none)".into(),
            ),
        }
    }
}

/// An address range, `10.0.0.0/8` or `::1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// `10.0.0.0/8`, `2001:db8::/32`, or a single address.
    pub fn parse(text: &str) -> Result<Cidr, ProxyError> {
        let text = text.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let network: IpAddr = address
            .parse::<IpAddr>()
            .map_err(|_| ProxyError::NotAnAddress {
                text: text.to_owned(),
            })?
            .to_canonical();
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => match p.parse::<u8>() {
                Ok(p) if p <= max => p,
                _ => {
                    let text = text.to_owned();
                    return Err(ProxyError::Prefix { text, max });
                }
            },
        };
        Ok(Cidr {
            network: mask(network, prefix),
            prefix,
        })
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        address.is_ipv4() == self.network.is_ipv4() && mask(address, self.prefix) == self.network
    }

    /// Whether the range holds every address of its family (`0.0.0.0/0`).
    pub fn is_everyone(&self) -> bool {
        self.prefix == 0
    }

    /// The first and last address of the range, as numbers (IPv4 in the
    /// low 32 bits).
    fn bounds(&self) -> (u128, u128) {
        let (start, width) = match self.network {
            IpAddr::V4(a) => (u128::from(u32::from(a)), 32),
            IpAddr::V6(a) => (u128::from(a), 128),
        };
        let host_bits = width - u32::from(self.prefix);
        let span = 1u128.checked_shl(host_bits).map_or(u128::MAX, |n| n - 1);
        (start, start.saturating_add(span))
    }
}

/// The ranges of `list` that together hold every IPv4 or every IPv6
/// address (`0.0.0.0/1` and `128.0.0.0/1` as much as `0.0.0.0/0`), or
/// none when no family is covered whole.
fn covering_everyone(list: &[Cidr]) -> Vec<Cidr> {
    let mut covering = Vec::new();
    for (v4, last) in [(true, u128::from(u32::MAX)), (false, u128::MAX)] {
        let mut family: Vec<&Cidr> = list.iter().filter(|c| c.network.is_ipv4() == v4).collect();
        family.sort_by_key(|c| c.bounds());
        // The first address not yet covered, walking up; None past the end.
        let mut next = Some(0u128);
        for cidr in &family {
            let (start, end) = cidr.bounds();
            if let Some(n) = next
                && start <= n
            {
                let after = end.checked_add(1).filter(|e| *e <= last);
                next = after.map(|a| a.max(n));
            }
        }
        if next.is_none() {
            // Only the ranges that are not inside another one: what to name.
            covering.extend(
                family
                    .iter()
                    .filter(|c| {
                        !family
                            .iter()
                            .any(|o| o != *c && o.prefix < c.prefix && o.contains(c.network))
                    })
                    .copied()
                    .copied(),
            );
        }
    }
    covering
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

/// `address` with all but its first `prefix` bits cleared.
pub fn mask(address: IpAddr, prefix: u8) -> IpAddr {
    // A shift by the full width would overflow: a /0 keeps no bit.
    match address {
        IpAddr::V4(a) => {
            let bits = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V4(Ipv4Addr::from(u32::from(a) & bits))
        }
        IpAddr::V6(a) => {
            let bits = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V6(Ipv6Addr::from(u128::from(a) & bits))
        }
    }
}

/// `trust_proxy` in `[submissions]`: whose forwarding header is believed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TrustProxy {
    /// `false`: no one's; the peer is always the client.
    Nobody,
    /// The default: a proxy on this machine, the usual production setup.
    #[default]
    Loopback,
    /// `true`, as written before proxies could be named. It meant every
    /// peer; it now means a proxy on this machine, and a server listening
    /// beyond loopback refuses it (see [`TrustProxy::check_bind`]) rather
    /// than silently trusting less or more than before.
    True,
    /// The proxies' addresses and ranges.
    Proxies(Vec<Cidr>),
}

impl TrustProxy {
    /// Whether a request from `peer` may say whom it forwards.
    pub fn trusts(&self, peer: IpAddr) -> bool {
        match self {
            TrustProxy::Nobody => false,
            TrustProxy::Loopback | TrustProxy::True => peer.to_canonical().is_loopback(),
            TrustProxy::Proxies(list) => list.iter().any(|c| c.contains(peer)),
        }
    }

    /// A server reachable beyond this machine must not believe the header
    /// from everyone: any visitor could then pick their own address.
    pub fn check_bind(&self, bind: IpAddr) -> Result<(), ProxyError> {
        if bind.to_canonical().is_loopback() {
            return Ok(());
        }
        let everyone = match self {
            TrustProxy::Proxies(list) => covering_everyone(list),
            _ => Vec::new(),
        };
        match self {
            TrustProxy::Proxies(_) if !everyone.is_empty() => {
                Err(ProxyError::TrustsEveryone { everyone, bind })
            }
            TrustProxy::True => Err(ProxyError::TrustsEveryPeer { bind }),
            _ => Ok(()),
        }
    }
}

impl<'de> Deserialize<'de> for TrustProxy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Flag(bool),
            List(Vec<String>),
        }
        let raw = Raw::deserialize(d).map_err(|_| {
            serde::de::Error::custom(
                "trust_proxy must be a list of proxy addresses, like [\"127.0.0.1\", \"10.0.0.0/8\"], or false",
            )
        })?;
        match raw {
            Raw::Flag(false) => Ok(TrustProxy::Nobody),
            Raw::Flag(true) => Ok(TrustProxy::True),
            Raw::List(list) => list
                .iter()
                .map(|s| Cidr::parse(s))
                .collect::<Result<Vec<_>, _>>()
                .map(TrustProxy::Proxies)
                .map_err(|e| serde::de::Error::custom(format!("trust_proxy: {e}"))),
        }
    }
}

/// Which header a trusted proxy names the client in (`proxy_header`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProxyHeader {
    /// `X-Forwarded-For: client, proxy1, proxy2`.
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client;proto=https, for=proxy1`.
    Forwarded,
}

impl ProxyHeader {
    pub fn name(self) -> &'static str {
        match self {
            ProxyHeader::XForwardedFor => "x-forwarded-for",
            ProxyHeader::Forwarded => "forwarded",
        }
    }
}

impl<'de> Deserialize<'de> for ProxyHeader {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        match name.to_ascii_lowercase().as_str() {
            "x-forwarded-for" => Ok(ProxyHeader::XForwardedFor),
            "forwarded" => Ok(ProxyHeader::Forwarded),
            _ => Err(serde::de::Error::custom(format!(
                "proxy_header `{name}`: use \"X-Forwarded-For\" or \"Forwarded\""
            ))),
        }
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

    #[test]
    fn ranges() {
        let c = Cidr::parse("10.1.0.0/16").unwrap();
        assert!(c.contains(ip("10.1.255.255")));
        assert!(!c.contains(ip("10.2.0.0")));
        assert!(!c.contains(ip("::ffff:10.2.0.0")));
        assert!(c.contains(ip("::ffff:10.1.0.1")));
        assert!(
            !c.contains(ip("::a01:1")),
            "an IPv6 address is not in an IPv4 range"
        );
        let host_bits = Cidr::parse("10.1.2.3/16").unwrap();
        assert_eq!(host_bits, c, "host bits are dropped, as nginx does");
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        assert!(Cidr::parse("0.0.0.0/0").unwrap().is_everyone());
        assert!(!Cidr::parse("10.0.0.0/1").unwrap().is_everyone());
        assert!(Cidr::parse("::/0").unwrap().contains(ip("2001:db8::1")));
        let one = Cidr::parse("2001:db8::1").unwrap();
        assert!(one.contains(ip("2001:db8::1")) && !one.contains(ip("2001:db8::2")));
        let v6 = Cidr::parse("2001:db8::/33").unwrap();
        assert!(v6.contains(ip("2001:db8:7fff::1")));
        assert!(!v6.contains(ip("2001:db8:8000::1")));
        let v4 = Cidr::parse("10.0.0.0/31").unwrap();
        assert!(v4.contains(ip("10.0.0.1")) && !v4.contains(ip("10.0.0.2")));
        for bad in [
            "10.0.0.0/33",
            "::/129",
            "10.0.0/8",
            "localhost",
            "10.0.0.0/-1",
            "10.0.0.0/x",
            "",
        ] {
            let error = Cidr::parse(bad).unwrap_err().to_string();
            assert!(error.contains('`'), "{bad}: {error}");
        }
        assert_eq!(
            Cidr::parse(" 10.0.0.0/8 ").unwrap().to_string(),
            "10.0.0.0/8"
        );
    }

    #[test]
    fn the_default_trusts_loopback_only() {
        let trust = TrustProxy::default();
        assert!(trust.trusts(ip("127.0.0.1")));
        assert!(trust.trusts(ip("127.0.0.2")));
        assert!(trust.trusts(ip("::1")));
        assert!(trust.trusts(ip("::ffff:127.0.0.1")));
        assert!(!trust.trusts(ip("10.0.0.1")));
        assert!(!TrustProxy::Nobody.trusts(ip("127.0.0.1")));
        assert!(TrustProxy::True.trusts(ip("127.0.0.1")));
        assert!(!TrustProxy::True.trusts(ip("10.0.0.1")));
    }

    #[test]
    fn trusting_everyone_beyond_loopback_is_refused() {
        let loopback = ip("127.0.0.1");
        let open = ip("0.0.0.0");
        assert!(TrustProxy::True.check_bind(loopback).is_ok());
        assert!(TrustProxy::True.check_bind(ip("::1")).is_ok());
        let why = TrustProxy::True.check_bind(open).unwrap_err().to_string();
        assert!(
            why.contains("trust_proxy = true") && why.contains("0.0.0.0"),
            "{why}"
        );
        let why = proxies(&["10.0.0.1", "::/0"])
            .check_bind(ip("10.0.0.2"))
            .unwrap_err()
            .to_string();
        assert!(why.contains("::/0"), "{why}");
        assert!(proxies(&["0.0.0.0/0"]).check_bind(loopback).is_ok());
        assert!(proxies(&["10.0.0.0/8"]).check_bind(open).is_ok());
        assert!(TrustProxy::default().check_bind(open).is_ok());
        assert!(TrustProxy::Nobody.check_bind(open).is_ok());
    }

    #[test]
    fn ranges_that_together_hold_everyone_trust_everyone() {
        let open = ip("0.0.0.0");
        for everyone in [
            &["0.0.0.0/1", "128.0.0.0/1"][..],
            &["128.0.0.0/1", "10.0.0.1", "0.0.0.0/1"],
            &["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"],
            &["::/1", "8000::/1"],
            &["10.0.0.0/8", "::/2", "4000::/2", "8000::/1"],
        ] {
            let why = proxies(everyone).check_bind(open).unwrap_err().to_string();
            assert!(why.contains("from everyone"), "{everyone:?}: {why}");
        }
        for some in [
            &["0.0.0.0/1"][..],
            &["0.0.0.0/1", "128.0.0.0/2"],
            &["0.0.0.0/2", "128.0.0.0/1", "::/1", "8000::/1"][..1],
            &["::/1", "0.0.0.0/1"],
            &["0.0.0.0/1", "128.0.0.0/1"][..1],
        ] {
            assert!(proxies(some).check_bind(open).is_ok(), "{some:?}");
        }
        assert!(
            proxies(&["0.0.0.0/1", "128.0.0.0/1"])
                .check_bind(ip("127.0.0.1"))
                .is_ok()
        );
    }

    #[test]
    fn settings_in_site_toml() {
        #[derive(Debug, Deserialize)]
        struct T {
            trust_proxy: TrustProxy,
            #[serde(default)]
            proxy_header: ProxyHeader,
        }
        let parse = |s: &str| toml::from_str::<T>(s);
        assert_eq!(
            parse("trust_proxy = false").unwrap().trust_proxy,
            TrustProxy::Nobody
        );
        assert_eq!(
            parse("trust_proxy = true").unwrap().trust_proxy,
            TrustProxy::True
        );
        assert_eq!(
            parse("trust_proxy = [\"10.0.0.0/8\"]").unwrap().trust_proxy,
            proxies(&["10.0.0.0/8"])
        );
        let error = parse("trust_proxy = [\"10.0.0.300\"]")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("trust_proxy") && error.contains("10.0.0.300"),
            "{error}"
        );
        let error = parse("trust_proxy = 3").unwrap_err().to_string();
        assert!(error.contains("trust_proxy must be"), "{error}");
        let t = parse("trust_proxy = false\nproxy_header = \"Forwarded\"").unwrap();
        assert_eq!(t.proxy_header, ProxyHeader::Forwarded);
        let t = parse("trust_proxy = false\nproxy_header = \"X-Forwarded-For\"").unwrap();
        assert_eq!(
            t.proxy_header,
            ProxyHeader::XForwardedFor,
            "the default, written out"
        );
        assert_eq!(
            parse("trust_proxy = false").unwrap().proxy_header,
            ProxyHeader::XForwardedFor
        );
        // The names the HTTP layer looks the header up by.
        assert_eq!(ProxyHeader::XForwardedFor.name(), "x-forwarded-for");
        assert_eq!(ProxyHeader::Forwarded.name(), "forwarded");
        let error = parse("trust_proxy = false\nproxy_header = \"X-Real-IP\"")
            .unwrap_err()
            .to_string();
        assert!(error.contains("proxy_header `X-Real-IP`"), "{error}");
    }
}
