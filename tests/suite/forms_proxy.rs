//! Who the rate limit counts: the client address behind reverse proxies,
//! over real sockets. A server on 127.0.0.1 is reached from 127.0.0.2 and
//! 127.0.0.3 as from other machines (Linux routes all of 127/8 to lo).

use crate::forms::{FORM, contact, stored};
use crate::server::{Response, Server, post_from};
use crate::support::TestSite;

pub const ORIGIN: &str = "https://praktijk-debrug.example";

/// `praxis forms serve` with `settings` added under `[submissions]`.
pub fn endpoint(settings: &str) -> (TestSite, Server) {
    let site = TestSite::example();
    let config = site
        .read("site.toml")
        .replace("rate_limit = 5", &format!("rate_limit = 5\n{settings}"));
    site.write("site.toml", &config);
    let server = Server::start_command(
        &site,
        &["forms", "serve", "--bind", "127.0.0.1", "--port", "0"],
        "answering forms at http://",
    );
    (site, server)
}

/// A valid submission from `source` carrying `headers` (names may repeat).
pub fn submit(server: &Server, source: &str, headers: &[(&str, &str)]) -> Response {
    let mut all = vec![("Origin", ORIGIN), ("Content-Type", FORM)];
    all.extend_from_slice(headers);
    post_from(
        source,
        &server.address,
        "/forms/contact",
        &all,
        contact("nl", "Een vraag").as_bytes(),
    )
}

fn statuses(n: usize, mut send: impl FnMut(usize) -> Response) -> Vec<u16> {
    (0..n).map(|i| send(i).status).collect()
}

#[test]
fn a_spoofed_leftmost_x_forwarded_for_does_not_dodge_the_limit() {
    // nginx with `$proxy_add_x_forwarded_for`: whatever the client sent,
    // then the address nginx saw. The client changes its part every time.
    let (site, server) = endpoint("");
    let got = statuses(8, |i| {
        let header = format!("10.9.9.{i}, 203.0.113.9");
        submit(&server, "127.0.0.1", &[("X-Forwarded-For", &header)])
    });
    assert_eq!(got, [303, 303, 303, 303, 303, 429, 429, 429]);
    assert_eq!(
        submit(&server, "127.0.0.1", &[("X-Forwarded-For", "198.51.100.7")]).status,
        303,
        "another visitor behind the same proxy is not affected"
    );
    assert_eq!(stored(&site), 6);
}

#[test]
fn junk_in_x_forwarded_for_is_never_a_client_key() {
    let (_site, server) = endpoint("");
    let got = statuses(7, |i| {
        let junk = format!("junk{i}");
        submit(&server, "127.0.0.1", &[("X-Forwarded-For", &junk)])
    });
    assert_eq!(
        got,
        [303, 303, 303, 303, 303, 429, 429],
        "every junk string counts as the proxy itself"
    );
}

#[test]
fn x_forwarded_for_from_an_untrusted_peer_is_ignored() {
    let (_site, server) = endpoint(r#"trust_proxy = ["127.0.0.1"]"#);
    let got = statuses(7, |i| {
        let spoof = format!("198.51.100.{i}");
        submit(&server, "127.0.0.2", &[("X-Forwarded-For", &spoof)])
    });
    assert_eq!(got, [303, 303, 303, 303, 303, 429, 429]);
    assert_eq!(
        submit(&server, "127.0.0.1", &[("X-Forwarded-For", "127.0.0.2")]).status,
        429,
        "the trusted proxy forwarding 127.0.0.2 is that same client"
    );
    assert_eq!(
        submit(&server, "127.0.0.1", &[("X-Forwarded-For", "198.51.100.1")]).status,
        303
    );
}

#[test]
fn a_named_proxy_is_believed_and_walked_from_the_right() {
    let (_site, server) = endpoint(r#"trust_proxy = ["127.0.0.3", "10.0.0.0/8"]"#);
    // Two proxies (a CDN edge in 10/8, then the local one at 127.0.0.3)
    // and a client that wrote its own leftmost entry.
    for i in 0..5 {
        let header = format!("6.6.6.{i}, 203.0.113.9, 10.1.2.3");
        assert_eq!(
            submit(&server, "127.0.0.3", &[("X-Forwarded-For", &header)]).status,
            303
        );
    }
    assert_eq!(
        submit(
            &server,
            "127.0.0.3",
            &[
                ("X-Forwarded-For", "7.7.7.7"),
                ("X-Forwarded-For", "203.0.113.9, 10.1.2.3")
            ]
        )
        .status,
        429,
        "several header lines are one list, in order"
    );
    assert_eq!(
        submit(
            &server,
            "127.0.0.3",
            &[("X-Forwarded-For", "203.0.113.10, 10.1.2.3")]
        )
        .status,
        303,
        "each client its own allowance"
    );
    assert_eq!(
        submit(&server, "127.0.0.2", &[("X-Forwarded-For", "203.0.113.11")]).status,
        303,
        "an untrusted peer is its own client"
    );
}

#[test]
fn ipv6_clients_share_their_64_and_mapped_addresses_are_ipv4() {
    let (_site, server) = endpoint("");
    for i in 1..=5 {
        let address = format!("2001:db8:0:1::{i}");
        assert_eq!(
            submit(&server, "127.0.0.1", &[("X-Forwarded-For", &address)]).status,
            303
        );
    }
    assert_eq!(
        submit(
            &server,
            "127.0.0.1",
            &[("X-Forwarded-For", "[2001:db8:0:1:ffff::9]:4711")]
        )
        .status,
        429,
        "a new address in the same /64 is the same visitor"
    );
    assert_eq!(
        submit(
            &server,
            "127.0.0.1",
            &[("X-Forwarded-For", "2001:db8:0:2::1")]
        )
        .status,
        303
    );
    for _ in 0..5 {
        submit(&server, "127.0.0.1", &[("X-Forwarded-For", "203.0.113.20")]);
    }
    assert_eq!(
        submit(
            &server,
            "127.0.0.1",
            &[("X-Forwarded-For", "::ffff:203.0.113.20")]
        )
        .status,
        429,
        "an IPv4-mapped address is its IPv4 address"
    );
}

#[test]
fn forwarded_is_read_when_it_is_the_proxy_header() {
    let (_site, server) = endpoint("proxy_header = \"Forwarded\"");
    for i in 0..5 {
        let header = format!("for=6.6.6.{i}, for=\"203.0.113.9:1234\";proto=https");
        assert_eq!(
            submit(&server, "127.0.0.1", &[("Forwarded", &header)]).status,
            303
        );
    }
    assert_eq!(
        submit(&server, "127.0.0.1", &[("Forwarded", "for=203.0.113.9")]).status,
        429
    );
    assert_eq!(
        submit(
            &server,
            "127.0.0.1",
            &[
                ("Forwarded", "for=203.0.113.9"),
                ("X-Forwarded-For", "198.51.100.3")
            ]
        )
        .status,
        429,
        "X-Forwarded-For is not read when Forwarded is the header"
    );
}

#[test]
fn trust_proxy_false_counts_the_peer() {
    let (_site, server) = endpoint("trust_proxy = false");
    let got = statuses(6, |i| {
        let spoof = format!("198.51.100.{i}");
        submit(&server, "127.0.0.1", &[("X-Forwarded-For", &spoof)])
    });
    assert_eq!(got, [303, 303, 303, 303, 303, 429]);
}

#[test]
fn one_flooding_client_does_not_stop_another_visitor() {
    let (site, server) = endpoint("");
    let mut other = Vec::new();
    for i in 0..20 {
        submit(&server, "127.0.0.1", &[("X-Forwarded-For", "203.0.113.66")]);
        if i % 4 == 0 {
            other.push(submit(&server, "127.0.0.1", &[("X-Forwarded-For", "198.51.100.5")]).status);
        }
    }
    assert_eq!(other, [303; 5]);
    assert_eq!(stored(&site), 10);
}

fn refuses_to_start(settings: &str, args: &[&str], words: &[&str]) {
    let site = TestSite::example();
    let config = site
        .read("site.toml")
        .replace("rate_limit = 5", &format!("rate_limit = 5\n{settings}"));
    site.write("site.toml", &config);
    let run = site.praxis(args);
    run.failure();
    for word in words {
        assert!(run.stderr.contains(word), "{word}: {}", run.stderr);
    }
}

#[test]
fn a_server_beyond_loopback_refuses_to_trust_the_header_from_everyone() {
    let forms = ["forms", "serve", "--bind", "0.0.0.0", "--port", "0"];
    refuses_to_start(
        "trust_proxy = true",
        &forms,
        &[
            "trust_proxy = true",
            "0.0.0.0",
            "trust_proxy = [\"10.0.0.5\"]",
        ],
    );
    refuses_to_start(
        r#"trust_proxy = ["10.0.0.5", "0.0.0.0/0"]"#,
        &forms,
        &["0.0.0.0/0", "from everyone"],
    );
    refuses_to_start(
        r#"trust_proxy = ["0.0.0.0/1", "10.0.0.5", "128.0.0.0/1"]"#,
        &forms,
        &["0.0.0.0/1 and 128.0.0.0/1", "from everyone"],
    );
    refuses_to_start(
        r#"trust_proxy = ["::/0"]"#,
        &["serve", "--bind", "0.0.0.0", "--port", "0"],
        &["::/0"],
    );
}

#[test]
fn trust_proxy_true_on_loopback_still_starts_and_trusts_the_local_proxy() {
    let (_site, server) = endpoint("trust_proxy = true");
    let got = statuses(6, |i| {
        let header = format!("10.9.9.{i}, 203.0.113.9");
        submit(&server, "127.0.0.1", &[("X-Forwarded-For", &header)])
    });
    assert_eq!(
        got,
        [303, 303, 303, 303, 303, 429],
        "from the right, not the left"
    );
}

#[test]
fn a_bad_trust_proxy_is_a_config_error_naming_the_field() {
    for (setting, words) in [
        (
            r#"trust_proxy = ["10.0.0.300"]"#,
            &["trust_proxy", "10.0.0.300"][..],
        ),
        (
            r#"trust_proxy = ["10.0.0.0/40"]"#,
            &["trust_proxy", "prefix"][..],
        ),
        ("trust_proxy = \"yes\"", &["trust_proxy must be"][..]),
        (
            "proxy_header = \"X-Real-IP\"",
            &["proxy_header", "X-Real-IP"][..],
        ),
    ] {
        let site = TestSite::example();
        let config = site
            .read("site.toml")
            .replace("rate_limit = 5", &format!("rate_limit = 5\n{setting}"));
        site.write("site.toml", &config);
        let run = site.build(&[]);
        run.failure();
        for word in words {
            assert!(run.stderr.contains(word), "{setting}: {}", run.stderr);
        }
    }
}
