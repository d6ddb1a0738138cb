//! What the rate limit counts, and what a refused client is told, over
//! real sockets with a real SQLite file.

use crate::forms::{FORM, contact, stored, urlencode};
use crate::forms_proxy::{ORIGIN, endpoint, submit};
use crate::server::{Response, Server, post_from};
use crate::support::TestSite;

/// A submission with a mistake (no email) from `client` behind the local proxy.
fn correction(server: &Server, client: &str) -> Response {
    let body = urlencode(&[
        ("_lang", "nl"),
        ("name", "Anne"),
        ("email", ""),
        ("message", "Hallo"),
    ]);
    post_from(
        "127.0.0.1",
        &server.address,
        "/forms/contact",
        &[
            ("Origin", ORIGIN),
            ("Content-Type", FORM),
            ("X-Forwarded-For", client),
        ],
        body.as_bytes(),
    )
}

fn retry_after(response: &Response) -> u64 {
    response
        .header("retry-after")
        .unwrap_or_else(|| panic!("no Retry-After on {}", response.status))
        .parse()
        .unwrap()
}

#[test]
fn a_visitor_correcting_mistakes_is_not_locked_out() {
    let (site, server) = endpoint("");
    let client = ("X-Forwarded-For", "203.0.113.9");
    for _ in 0..10 {
        assert_eq!(correction(&server, client.1).status, 422);
    }
    for _ in 0..5 {
        assert_eq!(submit(&server, "127.0.0.1", &[client]).status, 303);
    }
    assert_eq!(stored(&site), 5, "all five allowed submissions arrived");
}

#[test]
fn corrections_have_their_own_larger_allowance() {
    let (_site, server) = endpoint("");
    // rate_limit = 5 gives 25 corrections per ten minutes.
    for i in 0..25 {
        assert_eq!(
            correction(&server, "203.0.113.9").status,
            422,
            "correction {i}"
        );
    }
    let refused = correction(&server, "203.0.113.9");
    assert_eq!(refused.status, 429);
    assert!((590..=600).contains(&retry_after(&refused)));
    assert_eq!(
        correction(&server, "203.0.113.10").status,
        422,
        "another visitor's corrections are their own"
    );
}

#[test]
fn refused_requests_count_against_the_limit() {
    let (site, server) = endpoint("");
    let client = ("X-Forwarded-For", "203.0.113.9");
    for _ in 0..5 {
        let honeypot = contact("nl", "x").replace("website=", "website=spam");
        let response = post_from(
            "127.0.0.1",
            &server.address,
            "/forms/contact",
            &[("Origin", ORIGIN), ("Content-Type", FORM), client],
            honeypot.as_bytes(),
        );
        assert_eq!(response.status, 400);
    }
    assert_eq!(submit(&server, "127.0.0.1", &[client]).status, 429);
    assert_eq!(stored(&site), 0);
}

#[test]
fn a_429_carries_the_real_remaining_wait_in_retry_after() {
    let (_site, server) = endpoint("");
    let client = ("X-Forwarded-For", "203.0.113.9");
    for _ in 0..5 {
        submit(&server, "127.0.0.1", &[client]);
    }
    let first = submit(&server, "127.0.0.1", &[client]);
    assert_eq!(first.status, 429);
    let wait = retry_after(&first);
    assert!((590..=600).contains(&wait), "{wait}");
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let later = retry_after(&submit(&server, "127.0.0.1", &[client]));
    assert!(later < wait && later >= wait - 3, "{wait} then {later}");
    assert!(first.body.contains("10 minutes"), "{}", first.body);
    let json = post_from(
        "127.0.0.1",
        &server.address,
        "/forms/contact",
        &[
            ("Origin", ORIGIN),
            ("Content-Type", FORM),
            ("Accept", "application/json"),
            client,
        ],
        contact("nl", "x").as_bytes(),
    );
    assert_eq!(json.status, 429);
    assert!(json.header("retry-after").is_some());
    assert!(json.body.contains("\"error\""), "{}", json.body);
}

#[test]
fn storage_failures_are_503_with_retry_after_and_logged_once_with_a_count() {
    let (site, server) = endpoint("");
    server.printed();
    // Another writer holds the database: the endpoint's insert gives up
    // after its busy timeout, as on a full or broken disk.
    let lock = rusqlite::Connection::open(site.path("data/forms.sqlite")).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    for _ in 0..2 {
        let failed = submit(&server, "127.0.0.1", &[("X-Forwarded-For", "203.0.113.9")]);
        assert_eq!(failed.status, 503, "{}", failed.body);
        assert_eq!(retry_after(&failed), 60);
    }
    lock.execute_batch("ROLLBACK").unwrap();
    drop(lock);
    for _ in 0..5 {
        assert_eq!(
            submit(&server, "127.0.0.1", &[("X-Forwarded-For", "203.0.113.9")]).status,
            303,
            "failures did not use up the visitor's allowance"
        );
    }
    let printed = server.printed();
    assert_eq!(
        printed.matches("could not be stored").count(),
        1,
        "{printed}"
    );
    assert!(
        printed.contains("submissions are stored again (1 more had failed"),
        "{printed}"
    );
}

/// A POST from a new visitor each time (behind the local proxy), so that
/// only the rule under test decides.
fn post_with(server: &Server, headers: &[(&str, &str)], body: &[u8]) -> u16 {
    static VISITOR: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    let n = VISITOR.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let visitor = format!("198.51.{}.{}", n / 250, n % 250);
    let mut all = vec![("Content-Type", FORM), ("X-Forwarded-For", &visitor)];
    all.extend_from_slice(headers);
    server.post("/forms/contact", &all, body).status
}

#[test]
fn an_opaque_origin_is_not_the_site() {
    let (_site, server) = endpoint("");
    let body = contact("nl", "Hallo");
    let body = body.as_bytes();
    // A sandboxed frame or a `data:` page sends `Origin: null`.
    assert_eq!(post_with(&server, &[("Origin", "null")], body), 403);
    assert_eq!(
        post_with(
            &server,
            &[("Origin", "null"), ("Referer", "https://evil.example/")],
            body
        ),
        403
    );
    assert_eq!(
        post_with(
            &server,
            &[
                ("Origin", "null"),
                ("Referer", "https://praktijk-debrug.example/nl/contact/")
            ],
            body
        ),
        303,
        "a privacy-minded browser hides the origin but still names the page"
    );
    for (origin, status) in [
        ("https://praktijk-debrug.example", 303),
        ("https://praktijk-debrug.example/", 303),
        ("http://praktijk-debrug.example", 403),
        ("https://praktijk-debrug.example.evil.example", 403),
        ("https://evil.example", 403),
    ] {
        assert_eq!(
            post_with(&server, &[("Origin", origin)], body),
            status,
            "{origin}"
        );
    }
    for (referer, status) in [
        ("https://praktijk-debrug.example", 303),
        ("https://praktijk-debrug.example/nl/contact/", 303),
        ("https://praktijk-debrug.examplex/", 403),
        (
            "https://evil.example/?https://praktijk-debrug.example/",
            403,
        ),
    ] {
        assert_eq!(
            post_with(&server, &[("Referer", referer)], body),
            status,
            "{referer}"
        );
    }
}

#[test]
fn a_preview_accepts_its_own_origin_however_loopback_is_spelled() {
    let site = crate::support::TestSite::example();
    let server = Server::start(&site, &[]);
    let port = server.address.rsplit(':').next().unwrap().to_owned();
    let body = contact("nl", "Hallo");
    for host in ["127.0.0.1", "localhost", "[::1]"] {
        let origin = format!("http://{host}:{port}");
        assert_eq!(
            post_with(&server, &[("Origin", &origin)], body.as_bytes()),
            303,
            "{origin}"
        );
    }
    let other = format!("http://localhost:{}", port.parse::<u16>().unwrap() ^ 1);
    assert_eq!(
        post_with(&server, &[("Origin", &other)], body.as_bytes()),
        403
    );
    assert_eq!(
        post_with(&server, &[("Origin", "http://localhost")], body.as_bytes()),
        403
    );
}

#[test]
fn a_body_of_exactly_the_limit_is_accepted_and_one_byte_more_is_not() {
    let (site, server) = endpoint("");
    let limit = 64 * 1024;
    let good = contact("nl", "Hallo");
    // Encoded spaces at the end of the message are trimmed away: the
    // submission stays valid whatever its length on the wire.
    let pad = |len: usize| {
        let mut body = good.clone();
        while body.len() + 3 <= len {
            body.push_str("%20");
        }
        body.push_str(&"+".repeat(len - body.len()));
        body
    };
    let at = pad(limit);
    assert_eq!(at.len(), limit);
    let origin = [("Origin", ORIGIN)];
    assert_eq!(post_with(&server, &origin, at.as_bytes()), 303);
    let over = pad(limit + 1);
    assert_eq!(post_with(&server, &origin, over.as_bytes()), 413);
    assert_eq!(stored(&site), 1);
}

/// A site whose only form is declared as `fields`.
fn site_with_form(fields: &str) -> TestSite {
    let site = TestSite::minimal();
    let config = site.read("site.toml")
        + &format!(
            "\n[submissions]\npublic_key = \"age1nvw7ht549qwxv5a0v4jmmmwpcgftyv2yfmrx9f9wl493jsszk5rq58wm9d\"\n\n[forms.contact]\nthanks = \"bedankt\"\nfields = [\n{fields}\n]\n"
        );
    site.write("site.toml", &config);
    site
}

#[test]
fn every_mistake_in_a_form_declaration_is_named() {
    for (fields, words) in [
        ("", "has no fields"),
        (
            "  { name = \"Naam\", type = \"text\" },",
            "lowercase letters",
        ),
        ("  { name = \"website\", type = \"text\" },", "reserved"),
        ("  { name = \"_lang\", type = \"text\" },", "reserved"),
        ("  { name = \"_page\", type = \"text\" },", "reserved"),
        (
            "  { name = \"a\", type = \"text\" },\n  { name = \"a\", type = \"email\" },",
            "twice",
        ),
        (
            "  { name = \"taal\", type = \"select\" },",
            "a select needs options",
        ),
        (
            "  { name = \"naam\", type = \"text\", options = [\"x\"] },",
            "only a select has options",
        ),
        (
            "  { name = \"naam\", type = \"text\", consent = true },",
            "only a checkbox can record consent",
        ),
    ] {
        let site = site_with_form(fields);
        site.build(&[]).failure().error_at("site.toml", &[words]);
    }
    // Each rule alone: a valid declaration passes them all.
    let site = site_with_form(
        "  { name = \"naam-1\", type = \"text\" },\n  { name = \"taal_2\", type = \"select\", options = [\"nl\"] },\n  { name = \"ok\", type = \"checkbox\", consent = true },",
    );
    let run = site.praxis(&["check"]);
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
}
