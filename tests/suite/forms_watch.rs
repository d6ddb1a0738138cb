//! `praxis serve --watch` follows the forms in site.toml as they are
//! edited: no restart to take submissions after adding a key or a form,
//! and the terminal says what changed.

use crate::forms::{FORM, contact};
use crate::server::{Server, eventually};
use crate::support::TestSite;

const KEY_LINE: &str =
    "public_key = \"age1nvw7ht549qwxv5a0v4jmmmwpcgftyv2yfmrx9f9wl493jsszk5rq58wm9d\"\n";

/// One submission, each from a client of its own (named by the local
/// proxy header): a test that polls until a save takes effect must not
/// meet the rate limit, however long the save takes on a loaded machine.
fn submit(server: &Server, lang: &str) -> u16 {
    static CLIENTS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = CLIENTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let client = format!("198.18.{}.{}", n / 250, n % 250 + 1);
    let origin = server.origin();
    server
        .post(
            "/forms/contact",
            &[
                ("Origin", &origin),
                ("Content-Type", FORM),
                ("X-Forwarded-For", &client),
            ],
            contact(lang, "Een vraag").as_bytes(),
        )
        .status
}

#[test]
fn a_key_added_while_serving_makes_the_forms_answered_at_the_next_save() {
    let site = TestSite::example();
    let config = site.read("site.toml");
    assert!(config.contains(KEY_LINE));
    site.write("site.toml", &config.replace(KEY_LINE, ""));
    let server = Server::start(&site, &[]);
    assert_eq!(
        submit(&server, "nl"),
        503,
        "no key: not answered, and said so"
    );
    // The warning goes to stderr and the address to stdout, read by two
    // threads: the warning may arrive just after the address line.
    let mut said = server.before_start.clone();
    eventually("the terminal says why", || {
        said.push_str(&server.printed());
        said.contains("forms are not answered") && said.contains("public_key")
    });

    site.write("site.toml", &config);
    eventually("the forms are answered", || submit(&server, "nl") == 303);
    assert!(
        server
            .printed()
            .contains("forms: answering contact, intake"),
        "the terminal says so"
    );
}

#[test]
fn forms_added_to_a_site_without_any_are_answered_without_a_restart() {
    let site = TestSite::example();
    let config = site.read("site.toml");
    let forms_start = config.find("[forms.contact]").unwrap();
    site.write("site.toml", &config[..forms_start]);
    let pages: Vec<(String, String)> = ["contact", "aanmelding"]
        .iter()
        .flat_map(|node| ["nl", "fr"].map(|lang| format!("content/{node}/{lang}.md")))
        .map(|path| {
            let text = site.read(&path);
            (path, text)
        })
        .collect();
    for (path, text) in &pages {
        let without: String = text
            .lines()
            .filter(|l| !l.starts_with("form = "))
            .map(|l| format!("{l}\n"))
            .collect();
        site.write(path, &without);
    }
    let server = Server::start(&site, &[]);
    assert_eq!(submit(&server, "fr"), 404, "no form yet");

    site.write("site.toml", &config);
    for (path, text) in &pages {
        site.write(path, text);
    }
    eventually("the new forms are answered", || {
        submit(&server, "fr") == 303
    });
    assert!(
        server
            .get("/fr/contact/")
            .body
            .contains("action=\"/forms/contact\""),
        "and shown"
    );

    // Removed again: no longer answered, and the terminal says so.
    site.write("site.toml", &config[..forms_start]);
    for (path, text) in &pages {
        let without: String = text
            .lines()
            .filter(|l| !l.starts_with("form = "))
            .map(|l| format!("{l}\n"))
            .collect();
        site.write(path, &without);
    }
    eventually("the forms are gone", || submit(&server, "fr") == 404);
    assert!(server.printed().contains("declares none any more"));
}

#[test]
fn a_changed_database_path_is_used_from_the_next_save() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    assert_eq!(submit(&server, "nl"), 303);
    assert!(site.exists("data/forms.sqlite"));
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &config.replace("data/forms.sqlite", "data/elders.sqlite"),
    );
    eventually("the new database is used", || {
        submit(&server, "nl") == 303 && site.exists("data/elders.sqlite")
    });
}

/// Submissions from the client `client` (named by the local proxy header)
/// until one is refused, up to `most`: how many were taken.
fn taken_before_refusal(server: &Server, client: &str, most: usize) -> usize {
    let origin = server.origin();
    (0..most)
        .take_while(|_| {
            server
                .post(
                    "/forms/contact",
                    &[
                        ("Origin", &origin),
                        ("Content-Type", FORM),
                        ("X-Forwarded-For", client),
                    ],
                    contact("nl", "Een vraag").as_bytes(),
                )
                .status
                == 303
        })
        .count()
}

/// Saves site.toml with `rate_limit = limit` (the example site's is 5)
/// and waits until new clients get that many submissions; `client` numbers
/// the clients tried so far.
fn apply_rate_limit(site: &TestSite, server: &Server, limit: usize, client: &mut u32) {
    let config: String = site
        .read("site.toml")
        .lines()
        .map(|line| match line.starts_with("rate_limit = ") {
            true => format!("rate_limit = {limit}\n"),
            false => format!("{line}\n"),
        })
        .collect();
    site.write("site.toml", &config);
    eventually(&format!("a limit of {limit} is applied"), || {
        *client += 1;
        taken_before_refusal(server, &format!("203.0.113.{client}"), 8) == limit
    });
}

#[test]
fn a_changed_rate_limit_is_followed_from_the_next_save() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    assert_eq!(taken_before_refusal(&server, "203.0.113.1", 8), 5);
    let mut client = 1;
    apply_rate_limit(&site, &server, 2, &mut client);
    apply_rate_limit(&site, &server, 7, &mut client);
}

#[test]
fn what_a_client_sent_still_counts_after_the_rate_limit_changes() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let flooder = "203.0.113.99";
    assert_eq!(taken_before_refusal(&server, flooder, 3), 3);
    // Lowered in the middle of a flood: the flood so far counts.
    let mut client = 1;
    apply_rate_limit(&site, &server, 2, &mut client);
    assert_eq!(taken_before_refusal(&server, flooder, 8), 0);
    // Raised: what it sent still counts against the new allowance.
    apply_rate_limit(&site, &server, 7, &mut client);
    assert_eq!(taken_before_refusal(&server, flooder, 8), 4);
}
