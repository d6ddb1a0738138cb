//! `praxis forms inbox`: the practitioner reads, marks done, deletes and
//! exports her submissions in a page on her own machine, over real HTTP —
//! and no other page, site or user of the machine can do any of it.

use std::io::{Read, Write};
use std::net::TcpStream;

use crate::forms::{FORM, contact, stored};
use crate::server::{Response, Server, post, request_with};
use crate::support::TestSite;

/// Opens the printed address; returns the cookie it sets.
pub fn open(server: &Server, key: &str) -> String {
    let answer = server.get(&format!("/?key={key}"));
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(answer.header("location"), Some("/"));
    let cookie = answer.header("set-cookie").expect("a cookie").to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    cookie.split(';').next().unwrap().to_owned()
}

pub fn get(server: &Server, path: &str, cookie: &str) -> Response {
    request_with(&server.address, "GET", path, &[("Cookie", cookie)])
}

fn change(server: &Server, path: &str, cookie: &str, origin: &str, body: &str) -> Response {
    post(
        &server.address,
        path,
        &[
            ("Cookie", cookie),
            ("Origin", origin),
            ("Content-Type", FORM),
        ],
        body.as_bytes(),
    )
}

/// The key from the address the inbox printed at start.
pub fn started(n: usize, lang: Option<&str>) -> (TestSite, Server, String) {
    let site = TestSite::example();
    let preview = Server::start(&site, &[]);
    for i in 0..n {
        let body = contact("fr", &format!("Bonjour, question {i}"));
        let origin = preview.origin();
        let sent = preview.post(
            "/forms/contact",
            &[("Origin", &origin), ("Content-Type", FORM)],
            body.as_bytes(),
        );
        assert_eq!(sent.status, 303, "{}", sent.body);
    }
    drop(preview);
    let mut command_line = vec!["forms", "inbox", "--no-open", "--port", "0"];
    if let Some(lang) = lang {
        command_line.extend(["--lang", lang]);
    }
    let server = Server::start_command(&site, &command_line, "your submissions: http://");
    let key = key_of(&server);
    (site, server, key)
}

/// The key in the address `praxis forms inbox` printed.
pub fn key_of(inbox: &Server) -> String {
    inbox
        .started
        .split("?key=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the printed address carries a key")
        .to_owned()
}

/// The token every form of the page carries.
pub fn token(page: &str) -> String {
    page.split("name=\"token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF token in the page")
        .to_owned()
}

#[test]
fn she_reads_her_submissions_in_her_language_once_she_opened_the_printed_address() {
    let (_site, server, key) = started(2, Some("fr"));
    let locked = server.get("/");
    assert_eq!(locked.status, 403, "no cookie, no page");
    assert!(locked.body.contains("l’adresse que"), "{}", locked.body);
    assert!(!locked.body.contains("Anne"));
    assert_eq!(server.get("/?key=wrong").status, 403);

    let cookie = open(&server, &key);
    let list = get(&server, "/", &cookie);
    assert_eq!(list.status, 200);
    assert_eq!(list.header("cache-control"), Some("no-store"));
    assert!(list.body.contains("<html lang=\"fr\">"));
    assert!(list.body.contains("Messages reçus"));
    assert!(list.body.contains("2 messages"), "{}", list.body);
    assert!(list.body.contains("Anne Dupré"), "the sender, decrypted");
    let page = get(&server, "/s/1", &cookie);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Bonjour, question 0"), "{}", page.body);
    assert!(
        page.body.contains("Aucun consentement demandé"),
        "the contact form asks none"
    );
    assert_eq!(get(&server, "/s/99", &cookie).status, 404);
}

#[test]
fn the_inbox_speaks_dutch_by_default_on_a_dutch_site() {
    let (_site, server, key) = started(1, None);
    let cookie = open(&server, &key);
    let list = get(&server, "/", &cookie);
    assert!(list.body.contains("Inzendingen"), "{}", list.body);
    assert!(list.body.contains("Eén inzending"), "{}", list.body);
}

#[test]
fn marking_done_and_deleting_work_from_the_page_only() {
    let (site, server, key) = started(2, Some("nl"));
    let cookie = open(&server, &key);
    let page = get(&server, "/s/1", &cookie).body;
    let token = token(&page);
    let own = server.origin();

    for (origin, body, why) in [
        (
            "https://evil.example",
            format!("token={token}&done=1"),
            "another site",
        ),
        ("null", format!("token={token}&done=1"), "a sandboxed page"),
        (own.as_str(), "done=1".to_owned(), "no token"),
        (
            own.as_str(),
            "token=wrong&done=1".to_owned(),
            "a wrong token",
        ),
    ] {
        let answer = change(&server, "/s/1/done", &cookie, origin, &body);
        assert_eq!(answer.status, 403, "{why}");
    }
    let no_cookie = post(
        &server.address,
        "/s/1/delete",
        &[("Origin", &own), ("Content-Type", FORM)],
        format!("token={token}&confirmed=yes").as_bytes(),
    );
    assert_eq!(no_cookie.status, 403, "no cookie");
    assert!(!get(&server, "/?show=done", &cookie).body.contains("Anne"));

    let done = change(
        &server,
        "/s/1/done",
        &cookie,
        &own,
        &format!("token={token}&done=1"),
    );
    assert_eq!(done.status, 303);
    assert!(
        get(&server, "/?show=done", &cookie)
            .body
            .contains("Anne Dupré")
    );
    assert!(
        get(&server, "/", &cookie).body.contains("Eén inzending"),
        "one left open"
    );

    let deleted = change(
        &server,
        "/s/1/delete",
        &cookie,
        &own,
        &format!("token={token}&confirmed=yes"),
    );
    assert_eq!(deleted.status, 303);
    assert_eq!(deleted.header("location"), Some("/?done=deleted"));
    assert_eq!(get(&server, "/s/1", &cookie).status, 404);
    assert_eq!(stored(&site), 1, "gone from the database too");
}

#[test]
fn another_host_name_for_the_same_port_is_refused() {
    // A page on evil.example whose name is made to resolve to 127.0.0.1
    // (DNS rebinding) reaches the port, but under its own Host.
    let (_site, server, key) = started(1, Some("nl"));
    let cookie = open(&server, &key);
    let mut stream = TcpStream::connect(&server.address).unwrap();
    let port = server.address.rsplit(':').next().unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: evil.example:{port}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    assert!(!answer.contains("Anne"));
    let by_name = request_with(&server.address, "GET", "/", &[("Cookie", &cookie)]);
    assert_eq!(by_name.status, 200, "127.0.0.1 itself is fine");
}

#[test]
fn export_gives_every_submission_as_csv() {
    let (_site, server, key) = started(2, Some("nl"));
    let cookie = open(&server, &key);
    let csv = get(&server, "/export.csv", &cookie);
    assert_eq!(csv.status, 200);
    assert!(
        csv.header("content-disposition")
            .unwrap()
            .contains("attachment")
    );
    assert!(csv.body.contains("Bonjour, question 0"));
    assert!(csv.body.contains("Bonjour, question 1"));
    assert_eq!(
        request_with(&server.address, "GET", "/export.csv", &[]).status,
        403
    );
}

#[test]
fn what_is_past_retention_is_deleted_here_too() {
    let site = TestSite::example();
    let preview = Server::start(&site, &[]);
    let origin = preview.origin();
    preview.post(
        "/forms/contact",
        &[("Origin", &origin), ("Content-Type", FORM)],
        contact("nl", "Oud").as_bytes(),
    );
    drop(preview);
    // Age the submission: a year ago.
    let db = rusqlite_path(&site);
    age_all(&db, "2025-01-01T00:00:00Z");
    let listed = site.praxis(&["forms", "list"]);
    listed.success();
    assert!(
        listed.stdout.contains("deleted 1 submission older than"),
        "{}",
        listed.stdout
    );
    assert_eq!(stored(&site), 0);
}

fn rusqlite_path(site: &TestSite) -> std::path::PathBuf {
    site.path("data/forms.sqlite")
}

/// Sets every submission's arrival time, as an old database would have it.
fn age_all(db: &std::path::Path, at: &str) {
    let connection = rusqlite::Connection::open(db).unwrap();
    connection
        .execute("UPDATE submissions SET received_at = ?1", [at])
        .unwrap();
}

#[test]
fn the_inbox_knows_its_address_whatever_the_case_of_its_host() {
    let (_site, server, key) = started(1, None);
    let port = server.address.rsplit(':').next().unwrap().to_owned();
    let mut stream = TcpStream::connect(&server.address).unwrap();
    write!(
        stream,
        "GET /?key={key} HTTP/1.1\r\nHost: LocalHost:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");
}

#[test]
fn a_deletion_asks_first_and_a_post_without_the_answer_deletes_nothing() {
    let (site, server, key) = started(1, Some("en"));
    let cookie = open(&server, &key);
    let page = get(&server, "/s/1", &cookie);
    assert!(
        page.body.contains("href=\"/s/1/delete\""),
        "deleting starts with a question: {}",
        page.body
    );
    let asked = get(&server, "/s/1/delete", &cookie);
    assert_eq!(asked.status, 200);
    assert!(asked.body.contains("Delete message 1?"), "{}", asked.body);
    assert!(
        asked.body.contains("from Anne Dupré") && asked.body.contains("cannot be brought back"),
        "{}",
        asked.body
    );
    assert!(asked.body.contains("No, keep it"));
    assert_eq!(stored(&site), 1, "asking deletes nothing");

    let token = token(&asked.body);
    let own = server.origin();
    let unanswered = change(
        &server,
        "/s/1/delete",
        &cookie,
        &own,
        &format!("token={token}"),
    );
    assert_eq!(unanswered.status, 200, "the question again");
    assert!(unanswered.body.contains("Delete message 1?"));
    assert_eq!(
        stored(&site),
        1,
        "a POST without the answer deletes nothing"
    );

    let deleted = change(
        &server,
        "/s/1/delete",
        &cookie,
        &own,
        &format!("token={token}&confirmed=yes"),
    );
    assert_eq!(deleted.status, 303);
    let list = get(&server, "/?done=deleted", &cookie);
    assert!(
        list.body.contains("The message has been deleted."),
        "{}",
        list.body
    );
    assert_eq!(stored(&site), 0);
}

#[test]
fn each_row_opens_its_submission_and_forms_go_by_their_title_in_her_language() {
    let (_site, server, key) = started(2, Some("nl"));
    let cookie = open(&server, &key);
    let list = get(&server, "/", &cookie).body;
    assert!(
        list.contains("<a class=\"open\" href=\"/s/2\">Anne Dupré</a>"),
        "who wrote is the row's link: {list}"
    );
    assert!(
        list.contains("<td>Het contactformulier</td>"),
        "the form by its title, as the site names it: {list}"
    );
    let page = get(&server, "/s/1", &cookie).body;
    assert!(page.contains("<dd>Het contactformulier</dd>"), "{page}");
    assert!(
        page.contains("<dt>Je bericht</dt>"),
        "the field's label: {page}"
    );
    assert!(
        page.contains("<a href=\"mailto:anne@example.be\">anne@example.be</a>"),
        "an address to write back to: {page}"
    );
}

#[test]
fn marking_done_says_what_happened() {
    let (_site, server, key) = started(1, Some("fr"));
    let cookie = open(&server, &key);
    let token = token(&get(&server, "/s/1", &cookie).body);
    let done = change(
        &server,
        "/s/1/done",
        &cookie,
        &server.origin(),
        &format!("token={token}&done=1"),
    );
    let to = done.header("location").unwrap().to_owned();
    let page = get(&server, &to, &cookie).body;
    assert!(
        page.contains("role=\"status\">Marqué comme traité"),
        "{page}"
    );
}

#[test]
fn an_inbox_with_nothing_fetched_yet_opens_and_offers_to_fetch() {
    let site = TestSite::example();
    let server = Server::start_command(
        &site,
        &["forms", "inbox", "--no-open", "--port", "0", "--lang", "en"],
        "your submissions: http://",
    );
    let cookie = open(&server, &key_of(&server));
    let list = get(&server, "/", &cookie);
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains("No messages"), "{}", list.body);
    assert!(list.body.contains("Fetch new messages"), "{}", list.body);
    assert!(
        !site.exists("data/forms.sqlite"),
        "reading never makes an empty database"
    );
}
