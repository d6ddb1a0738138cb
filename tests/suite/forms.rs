//! The contact and intake forms over real HTTP, with a real SQLite file.

use std::process::Command;

use crate::server::{Server, eventually};
use crate::support::TestSite;

pub const FORM: &str = "application/x-www-form-urlencoded";

pub fn urlencode(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            let enc = |s: &str| -> String {
                s.bytes()
                    .map(|b| match b {
                        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                            (b as char).to_string()
                        }
                        b' ' => "+".into(),
                        _ => format!("%{b:02X}"),
                    })
                    .collect()
            };
            format!("{}={}", enc(k), enc(v))
        })
        .collect::<Vec<_>>()
        .join("&")
}

pub fn contact(lang: &str, message: &str) -> String {
    urlencode(&[
        ("_lang", lang),
        ("_page", &format!("/{lang}/contact/")),
        ("name", "Anne Dupré"),
        ("email", "anne@example.be"),
        ("message", message),
        ("website", ""),
    ])
}

/// `praxis forms export` of the site, decrypted with the demo key.
pub fn export(site: &TestSite, format: &str) -> String {
    let run = site.praxis(&["forms", "export", "--format", format]);
    run.success();
    run.stdout.clone()
}

pub fn stored(site: &TestSite) -> usize {
    if !site.exists("data/forms.sqlite") {
        return 0;
    }
    let json: serde_json::Value = serde_json::from_str(&export(site, "json")).unwrap();
    json.as_array().unwrap().len()
}

#[test]
fn valid_submissions_in_both_languages_are_stored_and_exported() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let origin = server.origin();

    let nl = server.post(
        "/forms/contact",
        &[("Origin", &origin), ("Content-Type", FORM)],
        contact("nl", "Ik zoek begeleiding.").as_bytes(),
    );
    assert_eq!(nl.status, 303, "{}", nl.body);
    assert_eq!(nl.header("location"), Some("/nl/bedankt/"));
    let fr = server.post(
        "/forms/contact",
        &[("Origin", &origin), ("Content-Type", FORM)],
        contact("fr", "Je cherche un accompagnement.").as_bytes(),
    );
    assert_eq!(fr.header("location"), Some("/fr/merci/"));
    assert!(
        server
            .get("/fr/merci/")
            .body
            .contains("Merci pour votre message")
    );

    let json = server.post(
        "/forms/intake",
        &[
            ("Origin", &origin),
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        ],
        serde_json::json!({
            "_lang": "fr", "name": "Luc", "email": "luc@example.be", "phone": "+32 470 12 34 56",
            "language": "fr", "contact_by": "phone", "reason": "Un deuil.", "consent": true
        })
        .to_string()
        .as_bytes(),
    );
    assert_eq!(json.status, 201, "{}", json.body);

    let exported: serde_json::Value = serde_json::from_str(&export(&site, "json")).unwrap();
    let all = exported.as_array().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0]["lang"], "nl");
    assert_eq!(
        all[0]["fields"][2],
        serde_json::json!(["message", "Ik zoek begeleiding."])
    );
    assert_eq!(
        all[1]["fields"][0],
        serde_json::json!(["name", "Anne Dupré"])
    );
    assert_eq!(all[2]["form"], "intake");
    assert!(
        all[2]["consent_at"].is_string(),
        "consent is recorded with its time"
    );
    assert!(all[0]["consent_at"].is_null());

    let list = site.praxis(&[
        "forms",
        "list",
        "--identity",
        site.path("demo/forms-demo-identity.txt").to_str().unwrap(),
    ]);
    list.success();
    assert!(
        list.stdout
            .contains("message: Je cherche un accompagnement."),
        "{}",
        list.stdout
    );
}

#[test]
fn mistakes_show_the_form_again_in_the_visitors_language() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let body = urlencode(&[
        ("_lang", "fr"),
        ("_page", "/fr/contact/"),
        ("name", ""),
        ("email", "anne@"),
        ("message", "Bonjour"),
    ]);
    let page = server.post(
        "/forms/contact",
        &[("Origin", &server.origin()), ("Content-Type", FORM)],
        body.as_bytes(),
    );
    assert_eq!(page.status, 422);
    assert!(page.body.contains("<html lang=\"fr\">"), "the themed page");
    assert!(page.body.contains("Indiquez votre nom."), "{}", page.body);
    assert!(
        page.body.contains("value=\"anne@\""),
        "what was typed is kept"
    );
    assert!(page.body.contains(">Bonjour</textarea>"));
    assert!(page.body.contains("aria-invalid=\"true\""));
    assert!(
        page.body.contains("<a href=\"#form-contact-email\">"),
        "an error summary linking to the fields"
    );

    let json = server.post(
        "/forms/contact",
        &[
            ("Origin", &server.origin()),
            ("Content-Type", FORM),
            ("Accept", "application/json"),
        ],
        urlencode(&[
            ("_lang", "nl"),
            ("name", "A"),
            ("email", "a@b"),
            ("message", ""),
        ])
        .as_bytes(),
    );
    assert_eq!(json.status, 422);
    let errors: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(errors["errors"]["message"], "Dit veld is verplicht.");
    assert!(
        errors["errors"]["email"]
            .as_str()
            .unwrap()
            .contains("e-mailadres")
    );
    assert_eq!(stored(&site), 0);
}

#[test]
fn bad_input_is_refused_and_nothing_is_stored() {
    let site = TestSite::example();
    // Every attempt counts against the rate limit, refused ones too: leave
    // room for all the cases from this one client.
    let config = site
        .read("site.toml")
        .replace("rate_limit = 5", "rate_limit = 100");
    site.write("site.toml", &config);
    let server = Server::start(&site, &[]);
    let origin = server.origin();
    let good = contact("nl", "Hallo");
    // (what, headers, body, expected status)
    type Case<'a> = (&'a str, Vec<(&'a str, String)>, Vec<u8>, u16);
    let cases: Vec<Case> = vec![
        (
            "honeypot",
            vec![("Content-Type", FORM.into())],
            contact("nl", "x")
                .replace("website=", "website=http%3A%2F%2Fspam")
                .into_bytes(),
            400,
        ),
        ("no origin", vec![], good.clone().into_bytes(), 403),
        (
            "foreign origin",
            vec![
                ("Origin", "https://evil.example".into()),
                ("Content-Type", FORM.into()),
            ],
            good.clone().into_bytes(),
            403,
        ),
        (
            "foreign referer",
            vec![
                ("Referer", "https://evil.example/nl/contact/".into()),
                ("Content-Type", FORM.into()),
            ],
            good.clone().into_bytes(),
            403,
        ),
        (
            "multipart",
            vec![("Content-Type", "multipart/form-data; boundary=x".into())],
            good.clone().into_bytes(),
            415,
        ),
        (
            "text/plain",
            vec![("Content-Type", "text/plain".into())],
            good.clone().into_bytes(),
            415,
        ),
        ("no content type", vec![], good.clone().into_bytes(), 415),
        (
            "invalid UTF-8",
            vec![("Content-Type", FORM.into())],
            b"name=%FF%FE&email=a%40b.be&message=x".to_vec(),
            400,
        ),
        (
            "raw invalid UTF-8 JSON",
            vec![("Content-Type", "application/json".into())],
            b"{\"name\": \"\xff\"}".to_vec(),
            400,
        ),
        (
            "malformed JSON",
            vec![("Content-Type", "application/json".into())],
            b"{\"name\": ".to_vec(),
            400,
        ),
        (
            "unknown field",
            vec![("Content-Type", FORM.into())],
            format!("{good}&admin=1").into_bytes(),
            400,
        ),
        (
            "line break in email",
            vec![("Content-Type", FORM.into())],
            good.replace("anne%40example.be", "anne%40example.be%0D%0ABcc%3A+x%40y.z")
                .into_bytes(),
            400,
        ),
        (
            "line break in name",
            vec![("Content-Type", FORM.into())],
            good.replace("Anne+Dupr", "Anne%0ADupr").into_bytes(),
            400,
        ),
        (
            "too many fields",
            vec![("Content-Type", FORM.into())],
            (0..80)
                .map(|i| format!("f{i}=x"))
                .collect::<Vec<_>>()
                .join("&")
                .into_bytes(),
            413,
        ),
        (
            "too large",
            vec![("Content-Type", FORM.into())],
            format!("{good}&message={}", "x".repeat(100_000)).into_bytes(),
            413,
        ),
        (
            "unknown form",
            vec![("Content-Type", FORM.into())],
            good.clone().into_bytes(),
            404,
        ),
        (
            "unknown language",
            vec![("Content-Type", FORM.into())],
            good.replace("_lang=nl", "_lang=de").into_bytes(),
            400,
        ),
    ];
    for (what, headers, body, status) in cases {
        let mut all: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if !headers
            .iter()
            .any(|(k, _)| *k == "Origin" || *k == "Referer")
            && what != "no origin"
        {
            all.push(("Origin", &origin));
        }
        let path = if what == "unknown form" {
            "/forms/nieuwsbrief"
        } else {
            "/forms/contact"
        };
        let response = server.post(path, &all, &body);
        assert_eq!(response.status, status, "{what}: {}", response.body);
        assert!(!response.body.is_empty(), "{what}: a clear message");
    }
    // Still up, and nothing was stored.
    assert_eq!(server.get("/nl/").status, 200);
    assert_eq!(stored(&site), 0);
    let ok = server.post(
        "/forms/contact",
        &[("Origin", &origin), ("Content-Type", FORM)],
        good.as_bytes(),
    );
    assert_eq!(ok.status, 303);
    assert_eq!(stored(&site), 1);
}

#[test]
fn one_flooding_client_is_limited_without_losing_anything_accepted() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let origin = server.origin();
    let statuses: Vec<u16> = (0..8)
        .map(|i| {
            server
                .post(
                    "/forms/contact",
                    &[("Origin", &origin), ("Content-Type", FORM)],
                    contact("nl", &format!("Bericht {i}")).as_bytes(),
                )
                .status
        })
        .collect();
    assert_eq!(&statuses[..5], &[303; 5], "{statuses:?}");
    assert_eq!(&statuses[5..], &[429; 3], "{statuses:?}");
    assert_eq!(stored(&site), 5);
}

#[test]
fn an_acknowledged_submission_survives_sigkill() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let response = server.post(
        "/forms/contact",
        &[("Origin", &server.origin()), ("Content-Type", FORM)],
        contact("nl", "Vlak voor de crash.").as_bytes(),
    );
    assert_eq!(response.status, 303);
    let pid = server.pid();
    assert!(
        Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
    drop(server);
    assert!(export(&site, "csv").contains("Vlak voor de crash."));
    // And a restarted server keeps going with it.
    let server = Server::start(&site, &[]);
    let response = server.post(
        "/forms/contact",
        &[("Origin", &server.origin()), ("Content-Type", FORM)],
        contact("nl", "Na de crash.").as_bytes(),
    );
    assert_eq!(response.status, 303);
    assert_eq!(stored(&site), 2);
}

#[test]
fn the_database_holds_no_plaintext_answer() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let secret = "Mijn geheime zorg over slapeloosheid";
    let response = server.post(
        "/forms/contact",
        &[("Origin", &server.origin()), ("Content-Type", FORM)],
        contact("nl", secret).as_bytes(),
    );
    assert_eq!(response.status, 303);
    for file in ["data/forms.sqlite", "data/forms.sqlite-wal"] {
        if site.exists(file) {
            let bytes = std::fs::read(site.path(file)).unwrap();
            for needle in [
                secret.as_bytes(),
                b"anne@example.be",
                "Anne Dupré".as_bytes(),
            ] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{file} holds an answer in the clear"
                );
            }
        }
    }
    assert!(
        export(&site, "json").contains(secret),
        "the private key reads it back"
    );
    drop(server);
    assert!(!site.exists("public/data"), "never inside public/");
}

#[test]
fn csv_export_neutralises_formulas() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let body = contact("nl", "=HYPERLINK(\"https://evil.example\",\"klik\")");
    assert_eq!(
        server
            .post(
                "/forms/contact",
                &[("Origin", &server.origin()), ("Content-Type", FORM)],
                body.as_bytes()
            )
            .status,
        303
    );
    let csv = export(&site, "csv");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"klik\"\")\""),
        "{csv}"
    );
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .starts_with("id,form,lang,received_at,consent_at,name,email,message")
    );
}

#[test]
fn retention_and_purge() {
    let site = TestSite::example();
    {
        let server = Server::start(&site, &[]);
        let response = server.post(
            "/forms/contact",
            &[("Origin", &server.origin()), ("Content-Type", FORM)],
            contact("nl", "Oud bericht").as_bytes(),
        );
        assert_eq!(response.status, 303);
    }
    let purge = site.praxis(&["forms", "purge", "--older-than", "90d"]);
    purge.success();
    assert!(
        purge.stdout.contains("deleted 0 submissions"),
        "{}",
        purge.stdout
    );
    assert_eq!(stored(&site), 1);
    assert_eq!(stored(&site), 1);
    let purge = site.praxis(&["forms", "purge", "--older-than", "0h", "--yes"]);
    purge.success();
    assert!(
        purge
            .stdout
            .contains("deleted 1 submission received before"),
        "{}",
        purge.stdout
    );
    assert_eq!(stored(&site), 0);

    // The server itself deletes what is past the retention period.
    let config = site
        .read("site.toml")
        .replace("retention_days = 180", "retention_days = 0");
    site.write("site.toml", &config);
    let server = Server::start(&site, &[]);
    let response = server.post(
        "/forms/contact",
        &[("Origin", &server.origin()), ("Content-Type", FORM)],
        contact("nl", "Kort bewaard").as_bytes(),
    );
    assert_eq!(response.status, 303);
    drop(server);
    let server = Server::start(&site, &[]);
    eventually("the expired submission is deleted", || stored(&site) == 0);
    drop(server);
}

#[test]
fn a_form_changed_while_previewing_is_answered_as_it_now_is() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let origin = server.origin();
    let long_name = urlencode(&[
        ("_lang", "nl"),
        ("name", &"Anne ".repeat(10)),
        ("email", "anne@example.be"),
        ("message", "Hallo"),
    ]);
    // A new visitor for every try, so that the tries do not meet the limit.
    let visitor = std::cell::Cell::new(0);
    let send = || {
        visitor.set(visitor.get() + 1);
        let address = format!("198.51.100.{}", visitor.get() % 250);
        server
            .post(
                "/forms/contact",
                &[
                    ("Origin", &origin),
                    ("Content-Type", FORM),
                    ("X-Forwarded-For", &address),
                ],
                long_name.as_bytes(),
            )
            .status
    };
    assert_eq!(send(), 303);
    let config = site.read("site.toml").replacen(
        r#"{ name = "name", type = "text", required = true, max_length = 120 },"#,
        r#"{ name = "name", type = "text", required = true, max_length = 20 },"#,
        1,
    );
    site.write("site.toml", &config);
    eventually("the new limit is applied", || send() == 422);
}

#[test]
fn purge_of_submissions_younger_than_a_day_asks_for_yes() {
    let site = TestSite::example();
    {
        let server = Server::start(&site, &[]);
        let response = server.post(
            "/forms/contact",
            &[("Origin", &server.origin()), ("Content-Type", FORM)],
            contact("nl", "Net binnen").as_bytes(),
        );
        assert_eq!(response.status, 303);
    }
    for age in ["0d", "0h", "0w"] {
        let purge = site.praxis(&["forms", "purge", "--older-than", age]);
        purge.failure();
        assert!(
            purge
                .stderr
                .contains("would delete 1 submission received in the last day")
                && purge.stderr.contains("--yes"),
            "{}",
            purge.stderr
        );
        assert_eq!(stored(&site), 1, "{age}: nothing was deleted");
    }
    // What would delete nothing recent needs no --yes.
    for age in ["23h", "24h"] {
        let purge = site.praxis(&["forms", "purge", "--older-than", age]);
        purge.success();
        assert!(
            purge.stdout.contains("deleted 0 submissions"),
            "{}",
            purge.stdout
        );
    }
    assert_eq!(stored(&site), 1);
}

#[test]
fn the_standalone_endpoint_answers_forms_only() {
    let site = TestSite::example();
    let server = Server::start_command(
        &site,
        &["forms", "serve", "--port", "0"],
        "answering forms at http://",
    );
    let origin = "https://praktijk-debrug.example";
    let response = server.post(
        "/forms/contact",
        &[("Origin", origin), ("Content-Type", FORM)],
        contact("fr", "En production.").as_bytes(),
    );
    assert_eq!(response.status, 303, "{}", response.body);
    assert_eq!(response.header("location"), Some("/fr/merci/"));
    assert_eq!(server.get("/healthz").status, 200);
    assert_eq!(
        server.get("/nl/").status,
        404,
        "the site itself is the proxy's to serve"
    );
    assert_eq!(
        server
            .post(
                "/forms/contact",
                &[("Origin", "http://localhost:1111"), ("Content-Type", FORM)],
                contact("fr", "x").as_bytes()
            )
            .status,
        403,
        "only the production origin"
    );
    assert!(export(&site, "csv").contains("En production."));
}

/// A real SMTP server (aiosmtpd, installed by scripts/test.sh) that prints
/// every message it receives.
struct MailServer {
    child: std::process::Child,
    output: std::sync::mpsc::Receiver<String>,
}

impl MailServer {
    fn start(port: u16) -> MailServer {
        let mut child = Command::new("python3")
            .args([
                "-u",
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Debugging",
                "stdout",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("python3 -m aiosmtpd: run ./scripts/test.sh, which installs it");
        let (tx, rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                let _ = tx.send(line);
            }
        });
        // Wait until it accepts connections.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "aiosmtpd did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        MailServer { child, output: rx }
    }

    /// Every line received until `marker` shows up (or 20 s pass).
    fn wait_for(&self, marker: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let mut text = String::new();
        while std::time::Instant::now() < deadline {
            if let Ok(line) = self
                .output
                .recv_timeout(std::time::Duration::from_millis(100))
            {
                text.push_str(&line);
                text.push('\n');
                if line.contains(marker) {
                    // The rest of the message.
                    while let Ok(line) = self
                        .output
                        .recv_timeout(std::time::Duration::from_millis(300))
                    {
                        text.push_str(&line);
                        text.push('\n');
                    }
                    return text;
                }
            }
        }
        panic!("no mail with {marker:?} arrived; received:\n{text}");
    }
}

impl Drop for MailServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn with_notify(site: &TestSite, port: u16, include_answers: bool) {
    let config = format!(
        "{}\n[submissions.notify]\nsmtp = \"smtp://127.0.0.1:{port}\"\nfrom = \"Formulier <formulier@praktijk-debrug.example>\"\nto = \"marie@praktijk-debrug.example\"\ninclude_answers = {include_answers}\nretry_seconds = 1\n",
        site.read("site.toml")
    );
    site.write("site.toml", &config);
}

#[test]
fn a_notice_that_fails_is_retried_and_never_loses_the_submission() {
    let site = TestSite::example();
    let port = free_port();
    with_notify(&site, port, false);
    let server = Server::start(&site, &[]);
    // No mail server yet: the submission is stored all the same.
    let response = server.post(
        "/forms/contact",
        &[("Origin", &server.origin()), ("Content-Type", FORM)],
        contact("nl", "Mijn vertrouwelijke vraag").as_bytes(),
    );
    assert_eq!(response.status, 303);
    assert_eq!(stored(&site), 1);
    eventually("the failed notice is reported", || {
        server.printed().contains("could not be sent")
    });

    let mail = MailServer::start(port);
    let message = mail.wait_for("new contact submission");
    assert!(
        message.contains("marie@praktijk-debrug.example"),
        "{message}"
    );
    assert!(
        !message.contains("Mijn vertrouwelijke vraag"),
        "the answers stay out of the mail by default"
    );
    assert!(message.contains("does not carry them"));
    assert_eq!(stored(&site), 1);
}

/// The notice of one French contact submission with `message`, sent with
/// the answers to a real SMTP server, as that server received it.
fn notice_with_answers(message: &str) -> String {
    let site = TestSite::example();
    let port = free_port();
    let mail = MailServer::start(port);
    with_notify(&site, port, true);
    let server = Server::start(&site, &[]);
    let response = server.post(
        "/forms/contact",
        &[("Origin", &server.origin()), ("Content-Type", FORM)],
        contact("fr", message).as_bytes(),
    );
    assert_eq!(response.status, 303, "{}", response.body);
    mail.wait_for("new contact submission")
}

#[test]
fn a_notice_can_carry_the_answers_when_asked() {
    let message = notice_with_answers("Une question précise");
    assert!(message.contains("Une question pr"), "{message}");
}

/// The body of a mail as aiosmtpd printed it, its transfer encoding
/// undone (quoted-printable or base64), and its headers.
fn mail_body(message: &str) -> (String, String) {
    let message = message
        .split("---------- MESSAGE FOLLOWS ----------\n")
        .nth(1)
        .unwrap_or(message);
    let message = message
        .split("------------ END MESSAGE ------------")
        .next()
        .unwrap_or(message);
    let (head, body) = message.split_once("\n\n").unwrap_or((message, ""));
    let encoding = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-transfer-encoding:")
                .map(|e| e.trim().to_owned())
        })
        .unwrap_or_default();
    let bytes = match encoding.as_str() {
        "base64" => {
            use base64::Engine;
            let compact: String = body.split_whitespace().collect();
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .unwrap()
        }
        "quoted-printable" => {
            let joined = body.replace("=\n", "");
            let mut out = Vec::new();
            let raw = joined.as_bytes();
            let mut i = 0;
            while i < raw.len() {
                if raw[i] == b'=' && i + 2 < raw.len() + 1 {
                    let hex = std::str::from_utf8(&raw[i + 1..i + 3]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
                    i += 3;
                } else {
                    out.push(raw[i]);
                    i += 1;
                }
            }
            out
        }
        _ => body.as_bytes().to_vec(),
    };
    (head.to_owned(), String::from_utf8(bytes).unwrap())
}

#[test]
fn a_notice_says_its_charset_and_no_answer_can_forge_a_line_of_its_own() {
    let (head, body) = mail_body(&notice_with_answers(
        "Réponse rapide\nname: Eve\r\nemail: eve@evil.example\rphone: 0\u{2028}x: y",
    ));
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/plain; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("message: Réponse rapide"), "{body}");
    let starts: Vec<&str> = body
        .split(['\n', '\r', '\u{2028}'])
        .filter_map(|l| l.split_once(": ").map(|(name, _)| name))
        .collect();
    for forged in ["Eve", "eve@evil.example", "0", "y"] {
        assert!(
            !body
                .split(['\n', '\r', '\u{2028}'])
                .any(|l| l.ends_with(&format!(": {forged}")) && !l.starts_with(' ')),
            "a line of its own for {forged}: {body}"
        );
    }
    assert_eq!(
        starts.iter().filter(|n| **n == "name").count(),
        1,
        "one name line: {body}"
    );
    assert_eq!(
        starts.iter().filter(|n| **n == "email").count(),
        1,
        "{body}"
    );
}

#[test]
fn a_database_in_a_published_or_source_folder_is_refused_at_its_line() {
    let site = TestSite::example();
    let root = site.root().to_str().unwrap().to_owned();
    for (database, folder) in [
        ("static/forms.sqlite".to_owned(), "static/"),
        ("./data/../static/forms.sqlite".to_owned(), "static/"),
        ("content/nl/forms.sqlite".to_owned(), "content/"),
        ("themes/praxis/forms.sqlite".to_owned(), "themes/"),
        ("public/forms.sqlite".to_owned(), "public/"),
        (format!("{root}/static/forms.sqlite"), "static/"),
    ] {
        let config = site.read("site.toml").replace(
            "database = \"data/forms.sqlite\"",
            &format!("database = \"{database}\""),
        );
        let site = TestSite::example();
        site.write(
            "site.toml",
            &config.replace(&root, site.root().to_str().unwrap()),
        );
        // The line of `database =` in the example's site.toml, wherever
        // edits above it have moved it.
        let line = config
            .lines()
            .position(|l| l.starts_with("database = "))
            .expect("the example's [submissions] has a database")
            + 1;
        site.build(&[]).failure().error_at(
            &format!("site.toml:{line}"),
            &["[submissions] database", folder, "data/"],
        );
        assert!(!site.path("public").exists() || !site.path("public/forms.sqlite").exists());
    }
}

/// Posts each kind of abuse that once got through to `server`, from `origin`.
fn refuses_ambiguous_and_oversized_requests(site: &TestSite, server: &Server, origin: &str) {
    let json = |body: &str| {
        server.post(
            "/forms/contact",
            &[("Origin", origin), ("Content-Type", "application/json")],
            body.as_bytes(),
        )
    };
    let twice = json(
        r#"{"_lang": "nl", "name": "Anne", "email": "anne@example.be", "message": "Hallo", "message": "Iets anders"}"#,
    );
    assert_eq!(twice.status, 400, "{}", twice.body);
    assert!(
        twice.body.contains("`message`") && twice.body.contains("twice"),
        "{}",
        twice.body
    );
    let escaped = server.post(
        "/forms/contact",
        &[("Origin", origin), ("Content-Type", FORM)],
        contact("nl", "100%zz zeker")
            .replace("100%25zz", "100%zz")
            .as_bytes(),
    );
    assert_eq!(escaped.status, 400, "{}", escaped.body);
    assert!(escaped.body.contains("%zz"), "{}", escaped.body);
    let padding = "a".repeat(100 * 1024);
    let huge = server.post(
        "/forms/contact",
        &[
            ("Origin", origin),
            ("Content-Type", FORM),
            ("X-Padding", &padding),
        ],
        contact("nl", "Hallo").as_bytes(),
    );
    assert_eq!(huge.status, 431, "{}", huge.body);
    assert_eq!(stored(site), 0, "none of it was stored");
    let ok = server.post(
        "/forms/contact",
        &[("Origin", origin), ("Content-Type", FORM)],
        contact("nl", "Hallo").as_bytes(),
    );
    assert_eq!(ok.status, 303, "{}", ok.body);
}

#[test]
fn a_repeated_json_key_a_broken_escape_and_huge_headers_are_refused_by_the_preview() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    refuses_ambiguous_and_oversized_requests(&site, &server, &server.origin());
}

#[test]
fn a_repeated_json_key_a_broken_escape_and_huge_headers_are_refused_by_the_endpoint() {
    let site = TestSite::example();
    let server = Server::start_command(
        &site,
        &["forms", "serve", "--port", "0"],
        "answering forms at http://",
    );
    refuses_ambiguous_and_oversized_requests(&site, &server, "https://praktijk-debrug.example");
}
