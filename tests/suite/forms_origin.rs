//! The form endpoint on an origin of its own (`[submissions] endpoint`),
//! for a site on a static host: the site on one loopback origin, `praxis
//! forms serve` on another, over real sockets.

use std::net::TcpListener;

use crate::forms::{FORM, contact, urlencode};
use crate::server::{Response, Server, post};
use crate::support::TestSite;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct TwoOrigins {
    site: TestSite,
    /// Where the site is published.
    site_origin: String,
    /// Where the endpoint answers.
    endpoint_origin: String,
    endpoint: Server,
}

/// The example site published at one origin, its endpoint at another.
fn two_origins() -> TwoOrigins {
    let site = TestSite::example();
    let (site_origin, endpoint_port) = (format!("http://127.0.0.1:{}", free_port()), free_port());
    let endpoint_origin = format!("http://127.0.0.1:{endpoint_port}");
    let config = site
        .read("site.toml")
        .replace(
            "base_url = \"https://praktijk-debrug.example\"",
            &format!("base_url = \"{site_origin}\""),
        )
        .replace(
            "rate_limit = 5",
            &format!("rate_limit = 5\nendpoint = \"{endpoint_origin}/\""),
        );
    site.write("site.toml", &config);
    site.build(&[]).success();
    let port = endpoint_port.to_string();
    let endpoint = Server::start_command(
        &site,
        &["forms", "serve", "--port", &port],
        "answering forms at http://",
    );
    TwoOrigins {
        site,
        site_origin,
        endpoint_origin,
        endpoint,
    }
}

fn submit(t: &TwoOrigins, origin: &str, body: &str) -> Response {
    post(
        &t.endpoint.address,
        "/forms/contact",
        &[("Origin", origin), ("Content-Type", FORM)],
        body.as_bytes(),
    )
}

#[test]
fn the_sites_forms_post_to_the_endpoint_which_thanks_on_the_site() {
    let t = two_origins();
    for lang in ["nl", "fr"] {
        let page = t.site.read(&format!("public/{lang}/contact/index.html"));
        assert!(
            page.contains(&format!("action=\"{}/forms/contact\"", t.endpoint_origin)),
            "{lang}: the form posts to the endpoint"
        );
    }
    let sent = submit(&t, &t.site_origin, &contact("fr", "Bonjour"));
    assert_eq!(sent.status, 303, "{}", sent.body);
    let thanks = sent.header("location").unwrap();
    assert!(
        thanks.starts_with(&format!("{}/fr/", t.site_origin)),
        "thanked on the site itself: {thanks}"
    );
}

#[test]
fn the_endpoint_takes_submissions_from_the_site_and_its_own_pages_only() {
    let t = two_origins();
    assert_eq!(
        submit(&t, &t.endpoint_origin, &contact("nl", "Opnieuw")).status,
        303,
        "sent again from the endpoint's own page, after a mistake"
    );
    for stranger in ["https://evil.example", "http://127.0.0.1:1", "null"] {
        let answer = submit(&t, stranger, &contact("nl", "Vreemd"));
        assert_eq!(answer.status, 403, "{stranger}");
    }
}

#[test]
fn the_endpoints_error_page_looks_like_the_site_and_leads_back_to_it() {
    let t = two_origins();
    let body = urlencode(&[
        ("_lang", "nl"),
        ("_page", "/nl/contact/"),
        ("name", "Anne"),
        ("email", "anne@"),
        ("message", "Een vraag"),
        ("website", ""),
    ]);
    let answer = submit(&t, &t.site_origin, &body);
    assert_eq!(answer.status, 422);
    let page = &answer.body;
    assert!(
        page.contains(&format!("href=\"{}/style.css\"", t.site_origin)),
        "the site's stylesheet, from the site"
    );
    assert!(page.contains(&format!("action=\"{}/forms/contact\"", t.endpoint_origin)));
    assert!(
        page.contains("href=\"#form-contact-email\""),
        "in-page links stay"
    );
    assert!(
        !page.contains("href=\"/") && !page.contains("src=\"/"),
        "no link is left to resolve against the endpoint"
    );
    assert!(
        page.contains(">Een vraag</textarea>"),
        "what was typed is kept"
    );
}

#[test]
fn the_preview_answers_its_forms_itself_whatever_the_endpoint() {
    let t = two_origins();
    let preview = Server::start(&t.site, &[]);
    let page = preview.get("/nl/contact/");
    assert!(
        page.body.contains("action=\"/forms/contact\""),
        "{}",
        page.body
    );
    let origin = preview.origin();
    let sent = preview.post(
        "/forms/contact",
        &[("Origin", &origin), ("Content-Type", FORM)],
        contact("nl", "Uit de preview").as_bytes(),
    );
    assert_eq!(sent.status, 303);
    assert!(sent.header("location").unwrap().starts_with("/nl/"));
}

#[test]
fn an_endpoint_that_is_not_an_https_origin_is_a_located_error() {
    for (endpoint, words) in [
        (
            "http://forms.example.org",
            &["not encrypted", "https://forms.example.org"][..],
        ),
        ("https://forms.example.org/forms", &["not an origin"][..]),
        ("forms.example.org", &["https://"][..]),
    ] {
        let site = TestSite::example();
        let config = site.read("site.toml").replace(
            "rate_limit = 5",
            &format!("rate_limit = 5\nendpoint = \"{endpoint}\""),
        );
        site.write("site.toml", &config);
        let run = site.build(&[]);
        run.failure();
        for word in words {
            assert!(
                run.stderr.contains(word),
                "{endpoint}: {word}\n{}",
                run.stderr
            );
        }
        assert!(run.stderr.contains("site.toml"), "{}", run.stderr);
    }
}

#[test]
fn a_capital_letter_in_base_url_does_not_refuse_a_browsers_lower_case_origin() {
    let site = TestSite::example();
    let config = site.read("site.toml").replace(
        "base_url = \"https://praktijk-debrug.example\"",
        "base_url = \"HTTPS://Praktijk-DeBrug.example\"",
    );
    site.write("site.toml", &config);
    site.build(&[]).success();
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://praktijk-debrug.example/") && !sitemap.contains("DeBrug"),
        "the published address is written lower-case: {sitemap}"
    );
    let endpoint = Server::start_command(
        &site,
        &["forms", "serve", "--port", "0"],
        "answering forms at http://",
    );
    for origin in [
        "https://praktijk-debrug.example",
        "https://Praktijk-DeBrug.example",
    ] {
        let sent = endpoint.post(
            "/forms/contact",
            &[("Origin", origin), ("Content-Type", FORM)],
            contact("nl", "Hallo").as_bytes(),
        );
        assert_eq!(sent.status, 303, "{origin}: {}", sent.body);
    }
    let sent = endpoint.post(
        "/forms/contact",
        &[
            ("Referer", "https://PRAKTIJK-DEBRUG.example/nl/contact/"),
            ("Content-Type", FORM),
        ],
        contact("nl", "Hallo").as_bytes(),
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
}
