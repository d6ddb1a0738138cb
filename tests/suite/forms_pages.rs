//! What a browser is answered when a submission does not arrive: the
//! form's page again, themed, in the visitor's language, with the right
//! status, `Retry-After` where waiting helps, and what they typed where it
//! may be kept. Over real sockets, against `praxis forms serve` (production)
//! and `praxis serve` (preview), with a real SQLite file.

use crate::forms::{FORM, contact, stored, urlencode};
use crate::forms_proxy::{ORIGIN, endpoint};
use crate::server::{Response, Server, post_from};
use crate::support::TestSite;

/// What Chromium and Firefox send with a form's navigation.
const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// A POST to `/forms/FORM` from `client` (behind the local proxy), with
/// the site's origin and a form body unless `headers` say otherwise.
fn send(
    server: &Server,
    client: &str,
    form: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Response {
    let mut all = headers.to_vec();
    for (name, value) in [("Origin", ORIGIN), ("Content-Type", FORM)] {
        if !all.iter().any(|(n, _)| *n == name) {
            all.push((name, value));
        }
    }
    all.push(("X-Forwarded-For", client));
    post_from(
        "127.0.0.1",
        &server.address,
        &format!("/forms/{form}"),
        &all,
        body.as_bytes(),
    )
}

fn title(page: &Response) -> &str {
    let start = page.body.find("<title>").expect("a title") + "<title>".len();
    let end = page.body[start..].find("</title>").unwrap() + start;
    &page.body[start..end]
}

/// The themed page of the site in `lang`, not a bare line of text.
fn assert_themed(page: &Response, lang: &str) {
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(&format!("<html lang=\"{lang}\">")),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("class=\"site-footer\""),
        "the site's own page"
    );
    let prefix = if lang == "fr" {
        "Erreur\u{a0}: "
    } else {
        "Fout: "
    };
    assert!(title(page).starts_with(prefix), "title {:?}", title(page));
}

#[test]
fn a_rate_limited_visitor_gets_the_form_again_in_their_language_with_what_they_typed() {
    let (site, server) = endpoint("");
    for (lang, client, says) in [
        ("nl", "203.0.113.10", "Probeer het over 10 minuten opnieuw"),
        ("fr", "203.0.113.11", "Réessayez dans 10"),
    ] {
        for _ in 0..5 {
            let body = contact(lang, "Een vraag");
            assert_eq!(send(&server, client, "contact", &[], &body).status, 303);
        }
        let body = contact(lang, "Wat ik <b>schreef</b> & bewaard wil zien");
        let page = send(&server, client, "contact", &[("Accept", BROWSER)], &body);
        assert_eq!(page.status, 429);
        let wait: u64 = page
            .header("retry-after")
            .expect("Retry-After")
            .parse()
            .unwrap();
        assert!((590..=600).contains(&wait), "{wait}");
        assert_themed(&page, lang);
        assert!(page.body.contains(says), "{}", page.body);
        assert!(
            page.body.contains("value=\"Anne Dupré\""),
            "the name is kept"
        );
        assert!(
            page.body.contains(
                "Wat ik &lt;b&gt;schreef&lt;&#x2F;b&gt; &amp; bewaard wil zien</textarea>"
            ) || page
                .body
                .contains("Wat ik &lt;b&gt;schreef&lt;/b&gt; &amp; bewaard wil zien</textarea>"),
            "the message is kept, escaped: {}",
            page.body
        );
    }
    assert_eq!(stored(&site), 10, "nothing of the refused ones was stored");
}

#[test]
fn the_preview_answers_a_rate_limited_browser_the_same_way() {
    let site = TestSite::example();
    site.write(
        "site.toml",
        &site
            .read("site.toml")
            .replace("rate_limit = 5", "rate_limit = 1"),
    );
    let server = Server::start(&site, &[]);
    let origin = server.origin();
    let headers = [
        ("Origin", origin.as_str()),
        ("Content-Type", FORM),
        ("Accept", BROWSER),
    ];
    let body = contact("fr", "Première question");
    assert_eq!(
        server
            .post("/forms/contact", &headers, body.as_bytes())
            .status,
        303
    );
    let body = contact("fr", "Deuxième question");
    let page = server.post("/forms/contact", &headers, body.as_bytes());
    assert_eq!(page.status, 429);
    assert!(page.header("retry-after").is_some());
    assert_themed(&page, "fr");
    assert!(page.body.contains("Deuxième question</textarea>"));
}

#[test]
fn a_storage_failure_shows_the_form_again_with_what_was_typed() {
    let (site, server) = endpoint("");
    let lock = rusqlite::Connection::open(site.path("data/forms.sqlite")).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let body = contact("fr", "Ce que je ne veux pas perdre");
    let page = send(
        &server,
        "203.0.113.20",
        "contact",
        &[("Accept", BROWSER)],
        &body,
    );
    lock.execute_batch("ROLLBACK").unwrap();
    assert_eq!(page.status, 503);
    assert_eq!(page.header("retry-after"), Some("60"));
    assert_themed(&page, "fr");
    assert!(page.body.contains("Une panne a empêché"), "{}", page.body);
    assert!(
        page.body
            .contains("Ce que je ne veux pas perdre</textarea>")
    );
}

#[test]
fn refusals_a_visitor_can_meet_are_themed_pages_in_their_language() {
    let (_site, server) = endpoint("");
    // Too large: the body is not read whole, so the language comes from the
    // browser and the page from the Referer.
    let referer = format!("{ORIGIN}/fr/rendez-vous/");
    let big = "a".repeat(70_000);
    let page = send(
        &server,
        "203.0.113.30",
        "intake",
        &[
            ("Accept", BROWSER),
            ("Accept-Language", "fr-BE,fr;q=0.9,nl;q=0.5"),
            ("Referer", &referer),
        ],
        &big,
    );
    assert_eq!(page.status, 413);
    assert_themed(&page, "fr");
    assert!(
        page.body.contains("trop long pour être envoyé"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("id=\"form-intake-name\""),
        "the intake form's page"
    );

    // From another origin: said, and nothing of it shown back.
    let body = urlencode(&[
        ("_lang", "nl"),
        ("_page", "/nl/contact/"),
        ("name", "Jan Foo"),
    ]);
    let page = send(
        &server,
        "203.0.113.31",
        "contact",
        &[("Accept", BROWSER), ("Origin", "https://elders.example")],
        &body,
    );
    assert_eq!(page.status, 403);
    assert_themed(&page, "nl");
    assert!(
        page.body.contains("niet van een pagina van deze site"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("Jan Foo"),
        "a foreign page's values are not shown back"
    );
    assert!(page.header("retry-after").is_none());

    // A field the form does not have (an old copy of the page).
    let body = urlencode(&[("_lang", "fr"), ("name", "Luc"), ("fax", "02")]);
    let page = send(
        &server,
        "203.0.113.32",
        "contact",
        &[("Accept", BROWSER)],
        &body,
    );
    assert_eq!(page.status, 400);
    assert_themed(&page, "fr");
    assert!(page.body.contains("n’a pas pu être lu"), "{}", page.body);
}

#[test]
fn clients_that_are_not_browsers_get_a_line_of_text() {
    let (_site, server) = endpoint("");
    let big = "a".repeat(70_000);
    let refused = send(&server, "203.0.113.40", "contact", &[], &big);
    assert_eq!(refused.status, 413);
    assert_eq!(
        refused.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(refused.body, "the submission is too large\n");
    let json = send(
        &server,
        "203.0.113.41",
        "contact",
        &[
            ("Accept", "application/json"),
            ("Origin", "https://elders.example"),
        ],
        &contact("nl", "x"),
    );
    assert_eq!(json.status, 403);
    assert!(json.body.contains("\"error\""), "{}", json.body);
}

#[test]
fn mistakes_title_the_page_and_head_it_with_a_focused_summary_that_fits() {
    let (site, server) = endpoint("");
    site.build(&[]).success();
    let plain = site.read("public/nl/contact/index.html");
    assert!(
        !plain.contains("<title>Fout"),
        "only a failed submission says so"
    );
    // Only a malformed e-mail: nothing is missing.
    let body = urlencode(&[
        ("_lang", "nl"),
        ("_page", "/nl/contact/"),
        ("name", "Anne"),
        ("email", "anne@"),
        ("message", "Hallo"),
    ]);
    let page = send(
        &server,
        "203.0.113.50",
        "contact",
        &[("Accept", BROWSER)],
        &body,
    );
    assert_eq!(page.status, 422);
    assert_themed(&page, "nl");
    assert!(
        page.body.contains(">Een antwoord klopt nog niet</h2>"),
        "{}",
        page.body
    );
    let form = &page.body[page.body.find("<form").unwrap()..];
    let tag = &form[..form.find('>').unwrap()];
    assert!(
        tag.contains(" novalidate"),
        "the server's messages, not the browser's: {tag}"
    );
    let first = form[tag.len() + 1..].trim_start();
    assert!(
        first.starts_with("<div class=\"form-errors\" id=\"form-contact-errors\" role=\"alert\" tabindex=\"-1\" autofocus"),
        "the summary comes first and takes the focus: {first}"
    );
    assert!(page.body.contains("aria-invalid=\"true\""));

    // Labels that end in a question mark take no colon after it.
    let body = urlencode(&[("_lang", "fr"), ("_page", "/fr/rendez-vous/"), ("name", "")]);
    let page = send(
        &server,
        "203.0.113.51",
        "intake",
        &[("Accept", BROWSER)],
        &body,
    );
    assert_eq!(page.status, 422);
    assert_themed(&page, "fr");
    assert!(page.body.contains(">Il manque "), "only answers missing");
    assert!(
        page.body
            .contains("De quoi souhaitez-vous parler\u{202f}? Dites en quelques mots de quoi vous souhaitez parler."),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Nom\u{a0}: indiquez votre nom."),
        "a French message goes on in lower case after the colon"
    );
    assert!(!page.body.contains("?:") && !page.body.contains("?\u{a0}:"));
}

#[test]
fn a_date_field_carries_no_maxlength() {
    // `maxlength` is not allowed on a date input (the Nu checker says so):
    // only the text-like fields take it.
    let site = TestSite::example();
    site.write(
        "site.toml",
        &site.read("site.toml").replace(
            "  { name = \"consent\",",
            "  { name = \"start\", type = \"date\" },\n  { name = \"consent\",",
        ),
    );
    for lang in ["nl", "fr"] {
        let ftl = format!("i18n/{lang}.ftl");
        site.write(
            &ftl,
            &format!("{}\nform-intake-start-label = Start\n", site.read(&ftl)),
        );
    }
    site.build(&[]).success();
    let page = site.read("public/nl/aanmelden/index.html");
    let at = page
        .find("id=\"form-intake-start\"")
        .expect("the date field");
    let tag = &page[page[..at].rfind('<').unwrap()..at + page[at..].find('>').unwrap()];
    assert!(tag.contains("type=\"date\""), "{tag}");
    assert!(!tag.contains("maxlength"), "{tag}");
    let phone = &page[page.find("id=\"form-intake-phone\"").unwrap()..];
    assert!(phone[..phone.find('>').unwrap()].contains("maxlength"));
}

#[test]
fn a_preview_that_cannot_take_submissions_tells_the_visitor_on_the_forms_page() {
    let site = TestSite::example();
    let config = site.read("site.toml");
    let without_key: String = config
        .lines()
        .filter(|l| !l.starts_with("public_key"))
        .collect::<Vec<_>>()
        .join("\n");
    site.write("site.toml", &without_key);
    let server = Server::start(&site, &[]);
    let origin = server.origin();
    let mut headers = vec![("Origin", origin.as_str()), ("Content-Type", FORM)];
    let body = contact("nl", "Wat ik niet kwijt wil");
    let plain = server.post("/forms/contact", &headers, body.as_bytes());
    assert_eq!(plain.status, 503);
    assert!(
        plain.body.starts_with("forms are not answered"),
        "{}",
        plain.body
    );
    headers.push(("Accept", BROWSER));
    let page = server.post("/forms/contact", &headers, body.as_bytes());
    assert_eq!(page.status, 503);
    assert_eq!(page.header("retry-after"), Some("60"));
    assert_themed(&page, "nl");
    assert!(page.body.contains("Door een storing"), "{}", page.body);
    assert!(page.body.contains("Wat ik niet kwijt wil</textarea>"));
}
