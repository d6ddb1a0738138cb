//! The endpoint as a function, on the repository's example site and a real
//! SQLite file in a temporary folder: every rule a visitor or an attacker
//! meets, without a socket.

use std::net::IpAddr;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use jiff::{SignedDuration, Timestamp};

use super::*;
use crate::build::{BuildOptions, Workspace};

const ORIGIN: &str = "https://praktijk-debrug.example";

fn site() -> Arc<Site> {
    static SITE: OnceLock<Arc<Site>> = OnceLock::new();
    Arc::clone(SITE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let build = Workspace::new(root, BuildOptions::default()).build();
        build.site.expect("the example site builds")
    }))
}

struct Fixture {
    endpoint: Endpoint,
    folder: tempfile::TempDir,
}

/// The example site's endpoint, its database in a fresh folder.
fn endpoint(change: impl FnOnce(&mut SubmissionsConfig)) -> Fixture {
    let folder = tempfile::tempdir().unwrap();
    let site = site();
    let mut settings = site.config.submissions.clone();
    settings.database = folder.path().join("forms.sqlite");
    settings.notify = None;
    change(&mut settings);
    let endpoint = Endpoint::open_with(folder.path(), &site, settings).unwrap();
    Fixture { endpoint, folder }
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn contact(lang: &str, email: &str) -> String {
    format!(
        "_lang={lang}&_page=%2F{lang}%2Fcontact%2F&name=Anne&email={email}&message=Hallo&website="
    )
}

fn request<'a>(body: &'a str, client: &str) -> Request<'a> {
    Request {
        form: "contact",
        content_type: Some("application/x-www-form-urlencoded"),
        origin: Some(ORIGIN),
        referer: None,
        client: ip(client),
        body: body.as_bytes(),
    }
}

fn handle(fixture: &Fixture, request: &Request) -> Outcome {
    fixture.endpoint.handle(request, Timestamp::now())
}

fn stored(fixture: &Fixture) -> usize {
    fixture.endpoint.store.rows(None).unwrap().len()
}

#[track_caller]
fn assert_stored(outcome: &Outcome) {
    assert!(matches!(outcome, Outcome::Stored { .. }), "{outcome:?}");
}

#[track_caller]
fn assert_limited(outcome: &Outcome) -> u64 {
    match outcome {
        Outcome::Rejected(Rejection::RateLimited { retry_after }) => *retry_after,
        other => panic!("not limited: {other:?}"),
    }
}

#[test]
fn stored_submissions_count_and_corrections_do_not() {
    let f = endpoint(|s| s.rate_limit = 2);
    let wrong = contact("nl", "anne%40");
    let right = contact("nl", "anne%40example.be");
    for _ in 0..4 {
        assert!(matches!(
            handle(&f, &request(&wrong, "203.0.113.9")),
            Outcome::Invalid { .. }
        ));
    }
    assert_stored(&handle(&f, &request(&right, "203.0.113.9")));
    assert_stored(&handle(&f, &request(&right, "203.0.113.9")));
    let wait = assert_limited(&handle(&f, &request(&right, "203.0.113.9")));
    assert!((599..=600).contains(&wait), "{wait}");
    assert_stored(&handle(&f, &request(&right, "203.0.113.10")));
    assert_eq!(stored(&f), 3);
}

#[test]
fn corrections_beyond_their_allowance_are_abuse() {
    let f = endpoint(|s| s.rate_limit = 1);
    let wrong = contact("nl", "anne%40");
    for _ in 0..CORRECTIONS_PER_SUBMISSION {
        assert!(matches!(
            handle(&f, &request(&wrong, "203.0.113.9")),
            Outcome::Invalid { .. }
        ));
    }
    assert_limited(&handle(&f, &request(&wrong, "203.0.113.9")));
    let right = contact("nl", "anne%40example.be");
    assert_limited(&handle(&f, &request(&right, "203.0.113.9")));
    assert_eq!(stored(&f), 0);
}

#[test]
fn refused_requests_count_against_the_limit() {
    let f = endpoint(|s| s.rate_limit = 2);
    let bot = format!("{}spam", contact("nl", "anne%40example.be"));
    for _ in 0..2 {
        assert!(matches!(
            handle(&f, &request(&bot, "203.0.113.9")),
            Outcome::Rejected(Rejection::Honeypot)
        ));
    }
    let right = contact("nl", "anne%40example.be");
    assert_limited(&handle(&f, &request(&right, "203.0.113.9")));
}

#[test]
fn a_submission_that_could_not_be_stored_counts_against_no_one() {
    let f = endpoint(|s| s.rate_limit = 1);
    let lock = rusqlite::Connection::open(f.folder.path().join("forms.sqlite")).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let right = contact("nl", "anne%40example.be");
    assert!(matches!(
        handle(&f, &request(&right, "203.0.113.9")),
        Outcome::Failed(_)
    ));
    lock.execute_batch("ROLLBACK").unwrap();
    assert_stored(&handle(&f, &request(&right, "203.0.113.9")));
}

#[test]
fn an_ipv6_client_is_counted_by_its_64() {
    let f = endpoint(|s| s.rate_limit = 1);
    let right = contact("nl", "anne%40example.be");
    assert_stored(&handle(&f, &request(&right, "2001:db8::1")));
    assert_limited(&handle(&f, &request(&right, "2001:db8::ffff:2")));
    assert_stored(&handle(&f, &request(&right, "2001:db8:0:1::1")));
}

#[test]
fn origin_null_is_not_the_site_but_a_referer_of_the_site_is() {
    let f = endpoint(|_| {});
    let right = contact("nl", "anne%40example.be");
    let mut r = request(&right, "203.0.113.9");
    r.origin = Some("null");
    assert!(matches!(
        handle(&f, &r),
        Outcome::Rejected(Rejection::WrongOrigin)
    ));
    r.referer = Some("https://evil.example/nl/contact/");
    assert!(matches!(
        handle(&f, &r),
        Outcome::Rejected(Rejection::WrongOrigin)
    ));
    r.referer = Some("https://praktijk-debrug.example/nl/contact/");
    assert_stored(&handle(&f, &r));
    r.origin = None;
    assert_stored(&handle(&f, &r));
    r.referer = None;
    assert!(matches!(
        handle(&f, &r),
        Outcome::Rejected(Rejection::WrongOrigin)
    ));
}

#[test]
fn a_body_of_exactly_max_body_is_read_and_one_byte_more_is_refused() {
    let f = endpoint(|s| {
        s.max_body = 200;
        s.rate_limit = 10;
    });
    let mut body = contact("nl", "anne%40example.be");
    while body.len() < 200 {
        body.push('+');
    }
    assert_stored(&handle(&f, &request(&body, "203.0.113.9")));
    body.push('+');
    assert!(matches!(
        handle(&f, &request(&body, "203.0.113.9")),
        Outcome::Rejected(Rejection::TooLarge)
    ));
}

#[test]
fn content_types() {
    let f = endpoint(|s| s.rate_limit = 10);
    let right = contact("nl", "anne%40example.be");
    let json = r#"{"_lang": "fr", "name": "Luc", "email": "luc@example.be", "message": "Bonjour"}"#;
    for (content_type, body, ok) in [
        (
            "application/x-www-form-urlencoded; charset=UTF-8",
            right.as_str(),
            true,
        ),
        ("Application/X-WWW-Form-Urlencoded", right.as_str(), true),
        (" application/json ; charset=utf-8", json, true),
        ("text/plain", right.as_str(), false),
        ("multipart/form-data; boundary=x", right.as_str(), false),
        ("", right.as_str(), false),
    ] {
        let mut r = request(body, "203.0.113.9");
        r.content_type = Some(content_type);
        match handle(&f, &r) {
            Outcome::Stored { .. } => assert!(ok, "{content_type}"),
            Outcome::Rejected(Rejection::UnsupportedContentType) => {
                assert!(!ok, "{content_type}")
            }
            other => panic!("{content_type}: {other:?}"),
        }
    }
    let mut r = request(&right, "203.0.113.9");
    r.content_type = None;
    assert!(matches!(
        handle(&f, &r),
        Outcome::Rejected(Rejection::UnsupportedContentType)
    ));
}

#[test]
fn the_visitor_is_thanked_in_their_language() {
    let f = endpoint(|s| s.rate_limit = 10);
    let thanks = |body: &str| match handle(&f, &request(body, "203.0.113.9")) {
        Outcome::Stored { thanks, .. } => thanks,
        other => panic!("{other:?}"),
    };
    assert_eq!(thanks(&contact("fr", "anne%40example.be")), "/fr/merci/");
    assert_eq!(thanks(&contact("nl", "anne%40example.be")), "/nl/bedankt/");
    assert_eq!(
        thanks("name=Anne&email=anne%40example.be&message=Hallo"),
        "/nl/bedankt/",
        "without _lang, the default language"
    );
    let rows = f.endpoint.store.rows(None).unwrap();
    assert_eq!(rows[0].lang.as_deref(), Some("fr"));
    assert_eq!(rows[2].lang.as_deref(), Some("nl"));
}

#[test]
fn mistakes_name_the_page_the_form_was_on_only_if_it_is_a_page() {
    let f = endpoint(|s| s.rate_limit = 10);
    let page_of = |body: &str| match handle(&f, &request(body, "203.0.113.9")) {
        Outcome::Invalid { page, form, .. } => {
            assert_eq!(form, "contact");
            page
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(
        page_of(&contact("nl", "x")).as_deref(),
        Some("/nl/contact/")
    );
    assert_eq!(
        page_of("_page=https%3A%2F%2Fevil.example%2F&name=A&email=x&message=m"),
        None
    );
}

#[test]
fn an_unknown_form_is_refused() {
    let f = endpoint(|_| {});
    let right = contact("nl", "anne%40example.be");
    let mut r = request(&right, "203.0.113.9");
    r.form = "newsletter";
    assert_eq!(
        match handle(&f, &r) {
            Outcome::Rejected(rejection) => rejection,
            other => panic!("{other:?}"),
        },
        Rejection::NoSuchForm("newsletter".into())
    );
}

#[test]
fn retention_deletes_what_is_older_than_retention_days_only() {
    let f = endpoint(|s| {
        s.retention_days = 2;
        s.rate_limit = 10;
    });
    let right = contact("nl", "anne%40example.be");
    let now = Timestamp::now();
    let ago = |hours: i64| now - SignedDuration::from_hours(hours);
    f.endpoint.handle(&request(&right, "203.0.113.9"), ago(47));
    f.endpoint.handle(&request(&right, "203.0.113.9"), ago(49));
    assert_eq!(
        stored(&f),
        2,
        "a stored submission triggers retention at its own time"
    );
    assert_eq!(f.endpoint.enforce_retention(now).unwrap(), 1);
    assert_eq!(stored(&f), 1, "the one from 47 hours ago stays");
}

#[test]
fn opening_names_what_is_missing() {
    let folder = tempfile::tempdir().unwrap();
    let site = site();
    let mut settings = site.config.submissions.clone();
    settings.database = folder.path().join("forms.sqlite");
    settings.public_key = None;
    let why = Endpoint::open_with(folder.path(), &site, settings.clone())
        .err()
        .unwrap()
        .to_string();
    assert!(why.contains("public_key is missing"), "{why}");
    settings.public_key = Some("age1nope".into());
    let why = Endpoint::open_with(folder.path(), &site, settings)
        .err()
        .unwrap()
        .to_string();
    assert!(why.contains("`age1nope` is not an age public key"), "{why}");
}

#[test]
fn the_http_layer_sees_the_sites_forms_and_settings() {
    // What the 422 page is made from: the form's declaration (for "at most
    // 120 characters") and the site's default language.
    let f = endpoint(|s| s.rate_limit = 7);
    let routes = f.endpoint.routes();
    assert_eq!(routes.default_language, "nl");
    let name = routes.forms["contact"].field("name").unwrap();
    assert_eq!(name.max_length(), 120);
    assert_eq!(f.endpoint.settings().rate_limit, 7);
}

#[test]
fn the_database_is_never_inside_public() {
    let root = Path::new("/srv/praktijk");
    let at = |database: &str| {
        let settings = SubmissionsConfig {
            database: database.into(),
            ..SubmissionsConfig::default()
        };
        database_path(root, &settings)
    };
    assert_eq!(
        at("data/forms.sqlite").unwrap(),
        root.join("data/forms.sqlite")
    );
    for inside in [
        "public/forms.sqlite",
        "data/../public/forms.sqlite",
        "/srv/praktijk/public/nl/forms.sqlite",
    ] {
        let why = at(inside).unwrap_err().to_string();
        assert!(why.contains("inside public/"), "{inside}: {why}");
    }
    assert!(at("/var/lib/praxis/forms.sqlite").is_ok());
}
