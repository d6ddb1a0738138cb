//! `praxis desk` over a real socket: only she gets in, a change comes
//! only from the desk's own pages, and nothing she writes is lost — a
//! field she did not touch keeps its bytes, a save keeps what it replaces,
//! and a file changed on disk since she opened it is never overwritten.

use crate::server::{Response, Server, eventually, post, request_with};
use crate::support::TestSite;

/// A running desk, let in with the printed key.
struct Desk {
    server: Server,
    cookie: String,
    /// The key in the printed address.
    key: String,
    /// Her configuration folder (the desk's key is kept there), where the
    /// test gave none: never the test runner's own.
    _config: Option<tempfile::TempDir>,
}

impl Desk {
    fn start(site: &TestSite) -> Desk {
        Desk::start_env(site, &[])
    }

    fn start_env(site: &TestSite, env: &[(&str, &str)]) -> Desk {
        let config = (!env.iter().any(|(name, _)| *name == "XDG_CONFIG_HOME"))
            .then(|| tempfile::tempdir().unwrap());
        let home = config
            .as_ref()
            .map(|c| c.path().to_str().unwrap().to_owned());
        let mut env = env.to_vec();
        if let Some(home) = &home {
            env.push(("XDG_CONFIG_HOME", home));
        }
        let server = Server::start_command_env(
            site,
            &["desk", "--no-open", "--port", "0"],
            "desk: http://",
            &env,
        );
        let key = server
            .started
            .split("?key=")
            .nth(1)
            .expect("the printed address has a key")
            .trim()
            .to_owned();
        let entered = request_with(&server.address, "GET", &format!("/_praxis/?key={key}"), &[]);
        assert_eq!(entered.status, 303, "{}", entered.body);
        assert_eq!(
            entered.header("location"),
            Some("/_praxis/"),
            "the key leaves the address bar"
        );
        let set = entered
            .header("set-cookie")
            .expect("the key becomes a cookie")
            .to_owned();
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Strict"),
            "{set}"
        );
        let cookie = set.split(';').next().unwrap().to_owned();
        Desk {
            server,
            cookie,
            key,
            _config: config,
        }
    }

    /// A page of her site, where the desk serves it: 127.0.0.1.
    fn site_get(&self, path: &str) -> Response {
        let port = self.server.address.rsplit(':').next().unwrap();
        request_with(&format!("127.0.0.1:{port}"), "GET", path, &[])
    }

    fn get(&self, path: &str) -> Response {
        request_with(
            &self.server.address,
            "GET",
            path,
            &[("Cookie", &self.cookie)],
        )
    }

    /// A page of the desk in `lang`, as she sees it once she chose it.
    fn get_in(&self, lang: &str, path: &str) -> Response {
        let cookies = format!("{}; praxis_desk_lang={lang}", self.cookie);
        request_with(&self.server.address, "GET", path, &[("Cookie", &cookies)])
    }

    /// The publish's page, once the publish is over.
    fn published(&self) -> Response {
        let mut page = self.get("/_praxis/publish/progress");
        eventually("the publish is over", || {
            page = self.get("/_praxis/publish/progress");
            !page.body.contains("data-running")
        });
        page
    }

    /// The token in the forms of the page at `path`.
    fn token(&self) -> String {
        let page = self.get("/_praxis/");
        hidden(&page.body, "token").expect("the desk's forms carry a token")
    }

    /// A POST from the desk's own page, with its token.
    fn post(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.token();
        let mut all: Vec<(&str, &str)> = vec![("token", &token)];
        all.extend_from_slice(fields);
        let origin = format!("http://{}", self.server.address);
        post(
            &self.server.address,
            path,
            &[
                ("Cookie", &self.cookie),
                ("Origin", &origin),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            encode(&all).as_bytes(),
        )
    }

    /// The editor's form of node `key`, as the browser would post it back.
    fn editor_form(&self, key: &str) -> Vec<(String, String)> {
        let page = self.get(&format!("/_praxis/page?p={key}"));
        assert_eq!(page.status, 200, "{}", page.body);
        form_fields(&page.body)
    }

    /// Posts the editor's form of `key` with `changes` made to it.
    fn save(&self, key: &str, changes: &[(&str, &str)]) -> Response {
        let mut fields = self.editor_form(key);
        for (name, value) in changes {
            match fields.iter_mut().find(|(n, _)| n == name) {
                Some(field) => field.1 = (*value).to_owned(),
                None => fields.push(((*name).to_owned(), (*value).to_owned())),
            }
        }
        fields.retain(|(n, _)| n != "token");
        let borrowed: Vec<(&str, &str)> = fields
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        self.post("/_praxis/page", &borrowed)
    }
}

fn encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(n, v)| format!("{}={}", url(n), url(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn url(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of the first hidden field `name` in `html`.
fn hidden(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at + name.len() + 15..];
    Some(unescape(&rest[..rest.find('"')?]))
}

/// Every field of the editor's form as a browser would post it: inputs
/// with their values (checkboxes only when checked), textareas.
fn form_fields(html: &str) -> Vec<(String, String)> {
    let form = &html[html.find("class=\"editor\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    let mut fields = Vec::new();
    for part in form.split('<').skip(1) {
        let attr = |name: &str| {
            let key = format!("{name}=\"");
            let at = part.find(&key)?;
            let rest = &part[at + key.len()..];
            Some(unescape(&rest[..rest.find('"')?]))
        };
        if part.starts_with("input") {
            let Some(name) = attr("name") else { continue };
            if attr("type").as_deref() == Some("checkbox") && !part.contains(" checked") {
                continue;
            }
            fields.push((name, attr("value").unwrap_or_default()));
        } else if part.starts_with("textarea") {
            let name = attr("name").unwrap();
            let text = &part[part.find('>').unwrap() + 1..];
            // As an HTML parser does: a newline right after the tag is dropped.
            let text = text.strip_prefix('\n').unwrap_or(text);
            fields.push((name, unescape(text)));
        }
    }
    fields
}

/// [`site`], publishing to the folder `www` (`[publish.site]`).
fn site_publishing_to(www: &std::path::Path) -> TestSite {
    let site = site();
    site.write(
        "site.toml",
        &format!(
            "{}\n[publish.site]\nto = \"{}\"\n",
            site.read("site.toml"),
            www.display()
        ),
    );
    site
}

fn site() -> TestSite {
    TestSite::minimal()
        .file(
            "content/over/nl.md",
            "+++\n# Mijn notitie: niet weg.\ntitle = \"Over mij\"\ndate = 2026-03-01   # de dag\n\n[extra]\nkleur = \"blauw\"\n+++\nIk ben therapeut.\n\nTweede alinea.\n",
        )
        .file("content/over/fr.md", "+++\ntitle = \"À propos\"\n+++\nJe suis thérapeute.\n")
}

// ------------------------------------------------------------ who gets in

#[test]
fn without_the_printed_key_the_desk_shows_nothing() {
    let site = site();
    let desk = Desk::start(&site);
    let locked = request_with(&desk.server.address, "GET", "/_praxis/page?p=over", &[]);
    assert_eq!(locked.status, 403);
    assert!(!locked.body.contains("therapeut"), "{}", locked.body);
    let wrong = request_with(&desk.server.address, "GET", "/_praxis/?key=guessed", &[]);
    assert_eq!(wrong.status, 403);
    assert!(wrong.header("set-cookie").is_none());
}

#[test]
fn the_desk_answers_no_other_host_name() {
    // A page on evil.example whose name is made to resolve to 127.0.0.1
    // (DNS rebinding) reaches the port, but under its own Host.
    use std::io::{Read, Write};
    let site = site();
    let desk = Desk::start(&site);
    let port = desk.server.address.rsplit(':').next().unwrap();
    let mut stream = std::net::TcpStream::connect(&desk.server.address).unwrap();
    write!(
        stream,
        "GET /_praxis/page?p=over HTTP/1.1\r\nHost: evil.example:{port}\r\nCookie: {}\r\nConnection: close\r\n\r\n",
        desk.cookie
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    assert!(!answer.contains("therapeut"));
}

#[test]
fn a_change_from_another_origin_or_without_the_token_is_refused_and_nothing_is_written() {
    let site = site();
    let before = site.read("content/over/nl.md");
    let desk = Desk::start(&site);
    let mut fields = desk.editor_form("over");
    fields.retain(|(n, _)| n != "token");
    for field in fields.iter_mut().filter(|(n, _)| n == "nl.title") {
        field.1 = "Gekaapt".into();
    }
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let body = encode(&borrowed);
    let token = desk.token();
    for (origin, token) in [
        ("http://attacker.example", token.as_str()),
        ("", token.as_str()),
    ] {
        let with_token = format!("token={token}&{body}");
        let mut headers = vec![
            ("Cookie", desk.cookie.as_str()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ];
        if !origin.is_empty() {
            headers.push(("Origin", origin));
        }
        let refused = post(
            &desk.server.address,
            "/_praxis/page",
            &headers,
            with_token.as_bytes(),
        );
        assert_eq!(refused.status, 403, "Origin {origin:?}: {}", refused.body);
    }
    let origin = format!("http://{}", desk.server.address);
    let refused = post(
        &desk.server.address,
        "/_praxis/page",
        &[
            ("Cookie", &desk.cookie),
            ("Origin", &origin),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        body.as_bytes(),
    );
    assert_eq!(refused.status, 403, "no token: {}", refused.body);
    assert_eq!(site.read("content/over/nl.md"), before);
}

#[test]
fn page_keys_outside_the_site_are_not_pages() {
    let site = site();
    let desk = Desk::start(&site);
    for key in ["../site.toml", "/etc/passwd", "over/../../x", "over/nl.md"] {
        let page = desk.get(&format!("/_praxis/page?p={}", url(key)));
        assert_eq!(page.status, 404, "{key}: {}", page.body);
    }
    let posted = desk.post("/_praxis/page", &[("p", "../x"), ("nl.title", "x")]);
    assert_eq!(posted.status, 404);
    assert!(!site.root().parent().unwrap().join("x").exists());
}

#[test]
fn a_page_file_that_links_elsewhere_is_not_edited() {
    let site = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("fr.md"),
        "+++\ntitle = \"Ailleurs\"\n+++\nSecret.\n",
    )
    .unwrap();
    site.remove("content/over/fr.md");
    std::os::unix::fs::symlink(
        outside.path().join("fr.md"),
        site.path("content/over/fr.md"),
    )
    .unwrap();
    let desk = Desk::start(&site);
    let page = desk.get("/_praxis/page?p=over");
    assert!(
        page.body.contains("content/over/fr.md is een koppeling"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Secret."));
}

// ------------------------------------------------------------ nothing lost

#[test]
fn a_page_saved_without_an_edit_is_left_byte_for_byte() {
    let site = site();
    let before = site.read("content/over/nl.md");
    let desk = Desk::start(&site);
    let saved = desk.save("over", &[]);
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert!(
        saved
            .header("location")
            .unwrap()
            .contains("done=nothing-changed")
    );
    assert_eq!(site.read("content/over/nl.md"), before);
    assert!(
        !site.exists(".praxis/history"),
        "nothing was replaced, nothing kept"
    );
}

#[test]
fn a_changed_title_changes_only_the_title_and_the_replaced_version_is_kept() {
    let site = site();
    let before = site.read("content/over/nl.md");
    let desk = Desk::start(&site);
    let saved = desk.save("over", &[("nl.title", "Wie ik ben")]);
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        site.read("content/over/nl.md"),
        before.replace("title = \"Over mij\"", "title = \"Wie ik ben\"")
    );
    let history: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with(".praxis/history/"))
        .collect();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(site.read(&history[0]), before);
    eventually("the preview shows the new title", || {
        desk.site_get("/nl/over/").body.contains("Wie ik ben")
    });
}

#[test]
fn a_file_changed_on_disk_while_open_is_not_overwritten_and_both_texts_survive() {
    let site = site();
    let desk = Desk::start(&site);
    let mut fields = desk.editor_form("over");
    // Another editor saves the file meanwhile.
    let theirs = "+++\ntitle = \"Over mij\"\n+++\nVan de andere editor.\n";
    site.write("content/over/nl.md", theirs);
    for field in fields.iter_mut().filter(|(n, _)| n == "nl.body") {
        field.1 = "Mijn nieuwe tekst.\n".into();
    }
    fields.retain(|(n, _)| n != "token");
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let conflict = desk.post("/_praxis/page", &borrowed);
    assert_eq!(conflict.status, 409, "{}", conflict.body);
    assert!(
        conflict.body.contains("Van de andere editor."),
        "theirs is shown"
    );
    assert!(
        conflict.body.contains("Mijn nieuwe tekst."),
        "hers is shown"
    );
    assert_eq!(
        site.read("content/over/nl.md"),
        theirs,
        "nothing was overwritten"
    );
    // She keeps hers: theirs goes into the history.
    let text = hidden(&conflict.body, "text").unwrap();
    let on_disk = hidden(&conflict.body, "on_disk").unwrap();
    let kept = desk.post(
        "/_praxis/resolve",
        &[
            ("p", "over"),
            ("lang", "nl"),
            ("keep", "mine"),
            ("text", &text),
            ("on_disk", &on_disk),
        ],
    );
    assert_eq!(kept.status, 303, "{}", kept.body);
    assert!(
        site.read("content/over/nl.md")
            .contains("Mijn nieuwe tekst.")
    );
    let history: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with(".praxis/history/"))
        .collect();
    assert!(
        history.iter().any(|f| site.read(f) == theirs),
        "theirs is in the history"
    );
}

#[test]
fn an_earlier_version_is_restored_and_the_one_it_replaces_is_kept() {
    let site = site();
    let first = site.read("content/over/nl.md");
    let desk = Desk::start(&site);
    assert_eq!(
        desk.save("over", &[("nl.body", "Tweede versie.\n")]).status,
        303
    );
    let page = desk.get("/_praxis/page?p=over");
    let version = hidden(&page.body, "version").expect("the history lists a version");
    let restored = desk.post(
        "/_praxis/restore",
        &[("p", "over"), ("lang", "nl"), ("version", &version)],
    );
    assert_eq!(restored.status, 303, "{}", restored.body);
    assert_eq!(site.read("content/over/nl.md"), first);
    let history: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with(".praxis/history/"))
        .collect();
    assert!(
        history
            .iter()
            .any(|f| site.read(f).contains("Tweede versie."))
    );
    let outside = desk.post(
        "/_praxis/restore",
        &[("p", "over"), ("lang", "nl"), ("version", "../../../site")],
    );
    assert_eq!(outside.status, 404);
}

#[test]
fn what_cannot_be_saved_is_said_in_her_language_and_her_text_stays_in_the_form() {
    let site = site();
    let before = site.read("content/over/nl.md");
    let desk = Desk::start(&site);
    let refused = desk.save(
        "over",
        &[
            ("nl.title", ""),
            ("nl.slug", "Met Spatie"),
            ("nl.date", "1 maart"),
            ("nl.body", "Mijn lange tekst."),
        ],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("Er is niets opgeslagen"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("de titel is leeg"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("‘1 maart’ is geen datum"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("Mijn lange tekst."),
        "her text is still in the form"
    );
    assert_eq!(site.read("content/over/nl.md"), before);
}

#[test]
fn a_missing_translation_is_written_from_the_editor() {
    let site = site();
    site.remove("content/over/fr.md");
    let desk = Desk::start(&site);
    let saved = desk.save(
        "over",
        &[
            ("fr.title", "À propos"),
            ("fr.body", "Je suis thérapeute.\n"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    let written = site.read("content/over/fr.md");
    assert!(written.contains("title = \"À propos\""), "{written}");
    assert!(written.ends_with("+++\nJe suis thérapeute.\n"), "{written}");
}

#[test]
fn a_new_page_gets_a_folder_and_a_draft_per_language_and_never_overwrites() {
    let site = site();
    let desk = Desk::start(&site);
    let created = desk.post(
        "/_praxis/new",
        &[
            ("section", ""),
            ("title.nl", "Één stap"),
            ("title.fr", "Un pas"),
        ],
    );
    assert_eq!(created.status, 303, "{}", created.body);
    assert!(
        created.header("location").unwrap().contains("p=een-stap"),
        "{:?}",
        created.header("location")
    );
    assert!(site.read("content/een-stap/nl.md").contains("Één stap"));
    assert!(site.read("content/een-stap/fr.md").contains("Un pas"));
    let again = desk.post("/_praxis/new", &[("section", ""), ("title.nl", "Één stap")]);
    assert_eq!(again.status, 409, "{}", again.body);
    assert!(again.body.contains("bestaat al"), "{}", again.body);
}

#[test]
fn the_desk_speaks_the_language_she_picks_whatever_the_sites_languages() {
    let site = site();
    let desk = Desk::start(&site);
    assert!(
        desk.get("/_praxis/")
            .body
            .contains("De pagina’s van de site")
    );
    let chosen = desk.post(
        "/_praxis/language",
        &[("lang", "en"), ("back", "/_praxis/page?p=over")],
    );
    assert_eq!(chosen.status, 303);
    assert_eq!(chosen.header("location"), Some("/_praxis/page?p=over"));
    let remembered = chosen
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let cookies = format!("{}; {remembered}", desk.cookie);
    let page = request_with(
        &desk.server.address,
        "GET",
        "/_praxis/",
        &[("Cookie", &cookies)],
    );
    assert!(page.body.contains("The pages of the site"), "{}", page.body);
    let elsewhere = desk.post(
        "/_praxis/language",
        &[("lang", "fr"), ("back", "https://attacker.example/")],
    );
    assert_eq!(elsewhere.header("location"), Some("/_praxis/"));
}

#[test]
fn the_pages_list_shows_each_language_with_its_state_and_filters_by_title() {
    let site = site().file(
        "content/alleen/nl.md",
        "+++\ntitle = \"Alleen Nederlands\"\n+++\nTekst.\n",
    );
    let desk = Desk::start(&site);
    let list = desk.get("/_praxis/");
    assert!(
        list.body.contains("Over mij") && list.body.contains("À propos"),
        "{}",
        list.body
    );
    assert!(
        list.body.contains("ontbreekt"),
        "the missing French version: {}",
        list.body
    );
    let filtered = desk.get("/_praxis/?filter=alleen");
    assert!(filtered.body.contains("Alleen Nederlands"));
    assert!(!filtered.body.contains("Over mij"));
}

// ------------------------------------------------------------ publishing

#[test]
fn from_the_desk_she_sees_what_will_change_then_publishes_it() {
    let target = tempfile::tempdir().unwrap();
    let www = target.path().join("www");
    let site = site_publishing_to(&www);
    let desk = Desk::start(&site);
    let page = desk.get("/_praxis/publish");
    assert!(
        page.body.contains(&www.display().to_string()),
        "{}",
        page.body
    );
    let plan = desk.post("/_praxis/publish/plan", &[("target", "site")]);
    assert_eq!(plan.status, 200, "{}", plan.body);
    assert!(
        plan.body.contains("nieuw: nl/over/index.html"),
        "{}",
        plan.body
    );
    assert!(!www.exists(), "showing the plan sent nothing");
    let fingerprint = hidden(&plan.body, "plan").expect("the button carries the plan she saw");
    let sent = desk.post(
        "/_praxis/publish/send",
        &[("target", "site"), ("plan", &fingerprint)],
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(sent.header("location"), Some("/_praxis/publish/progress"));
    let result = desk.published();
    assert!(result.body.contains("gepubliceerd"), "{}", result.body);
    // Reloading the result shows it again; it does not publish again.
    assert!(
        desk.get("/_praxis/publish/progress")
            .body
            .contains("gepubliceerd")
    );
    assert!(www.join("nl/over/index.html").exists());
    // A plan she did not see is shown, not carried out.
    site.write(
        "content/over/fr.md",
        "+++\ntitle = \"À propos\"\n+++\nAutre chose.\n",
    );
    let stale = desk.post(
        "/_praxis/publish/send",
        &[("target", "site"), ("plan", &fingerprint)],
    );
    assert_eq!(stale.status, 303, "{}", stale.body);
    let stale = desk.published();
    assert!(
        stale
            .body
            .contains("De site is gewijzigd nadat je bekeken had"),
        "{}",
        stale.body
    );
    assert!(
        stale.body.contains("/_praxis/publish/plan"),
        "and she can look again: {}",
        stale.body
    );
    assert!(
        !std::fs::read_to_string(www.join("fr/over/index.html"))
            .unwrap()
            .contains("Autre chose.")
    );
}

#[test]
fn a_publish_that_stops_says_what_happened_and_what_to_do_in_her_language_not_the_terminals() {
    let target = tempfile::tempdir().unwrap();
    let www = target.path().join("www");
    let site = site_publishing_to(&www);
    let desk = Desk::start(&site);
    let plan = desk.post("/_praxis/publish/plan", &[("target", "site")]);
    let fingerprint = hidden(&plan.body, "plan").expect("a plan");
    // Meanwhile, a file of hers lands in the folder: praxis may not touch it.
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(www.join("notities.txt"), "van mij").unwrap();
    let sent = desk.post(
        "/_praxis/publish/send",
        &[("target", "site"), ("plan", &fingerprint)],
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
    let stopped = desk.published();
    for (lang, happened, to_do) in [
        (
            "nl",
            "staan bestanden die praxis er niet heeft gezet (notities.txt)",
            "Wat je kunt doen:</strong> kies een lege map voor de site",
        ),
        (
            "fr",
            "que praxis n’y a pas mis (notities.txt)",
            "Que faire\u{a0}:</strong>",
        ),
        (
            "en",
            "files praxis did not put there (notities.txt)",
            "What to do:</strong> choose an empty folder for the site",
        ),
    ] {
        let page = desk.get_in(lang, "/_praxis/publish/progress");
        assert!(page.body.contains(happened), "{lang}: {}", page.body);
        assert!(page.body.contains(to_do), "{lang}: {}", page.body);
        for console in ["error:", "help:", "= help"] {
            assert!(
                !page.body.contains(console),
                "{lang}: the terminal's {console}: {}",
                page.body
            );
        }
    }
    assert!(stopped.body.contains("role=\"alert\""), "{}", stopped.body);
    assert_eq!(
        std::fs::read_to_string(www.join("notities.txt")).unwrap(),
        "van mij"
    );
    // Looking at what would change says the same, the same way.
    let plan = desk.post("/_praxis/publish/plan", &[("target", "site")]);
    assert_eq!(plan.status, 409, "{}", plan.body);
    assert!(plan.body.contains("Wat je kunt doen:"), "{}", plan.body);
    assert!(!plan.body.contains("error:"), "{}", plan.body);
}

#[test]
fn a_running_publish_shows_each_step_as_it_goes_and_a_second_one_is_refused() {
    let sshd = crate::sshd::Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let site = site();
    // The command run after sending keeps the publish running a while.
    site.write(
        "site.toml",
        &format!(
            "{}\n[publish.site]\nto = \"{}\"\nafter = \"sleep 3\"\n",
            site.read("site.toml"),
            sshd.url("ssh", &www)
        ),
    );
    let config = sshd.client_config();
    let desk = Desk::start_env(&site, &[("PRAXIS_SSH_CONFIG", config.to_str().unwrap())]);
    let plan = desk.post("/_praxis/publish/plan", &[("target", "site")]);
    assert_eq!(plan.status, 200, "{}", plan.body);
    let fingerprint = hidden(&plan.body, "plan").expect("a plan");
    let sent = desk.post(
        "/_praxis/publish/send",
        &[("target", "site"), ("plan", &fingerprint)],
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
    let mut page = desk.get("/_praxis/publish/progress");
    eventually("the page says the command runs on the host", || {
        page = desk.get("/_praxis/publish/progress");
        page.body.contains("“sleep 3” wordt uitgevoerd op de host")
    });
    // Followed without script (a refresh) and with it (the stage alone),
    // in a region a screen reader reads out.
    assert!(
        page.body.contains("<noscript><meta http-equiv=\"refresh\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("aria-live=\"polite\""), "{}", page.body);
    let stage = desk.get("/_praxis/publish/progress?part=stage");
    assert!(stage.body.contains("data-running"), "{}", stage.body);
    assert!(!stage.body.contains("<html"), "{}", stage.body);
    // A second publish, or a look at what would change, waits its turn.
    for path in ["/_praxis/publish/send", "/_praxis/publish/plan"] {
        let again = desk.post(path, &[("target", "site"), ("plan", &fingerprint)]);
        assert_eq!(again.status, 409, "{path}: {}", again.body);
        assert!(
            again.body.contains("Er wordt al gepubliceerd"),
            "{path}: {}",
            again.body
        );
        assert!(
            again.body.contains("/_praxis/publish/progress"),
            "{}",
            again.body
        );
    }
    let done = desk.published();
    assert!(done.body.contains("gepubliceerd"), "{}", done.body);
    assert!(!done.body.contains("http-equiv"), "no refresh once over");
    assert!(www.join("nl/over/index.html").exists());
    // Over, a publish may start again.
    let plan = desk.post("/_praxis/publish/plan", &[("target", "site")]);
    assert_eq!(plan.status, 200, "{}", plan.body);
}

#[test]
fn a_site_with_errors_is_not_published_from_the_desk_and_each_error_links_to_its_page() {
    let target = tempfile::tempdir().unwrap();
    let site = site_publishing_to(&target.path().join("www"));
    let desk = Desk::start(&site);
    site.write(
        "content/over/fr.md",
        "+++\ntitle = \"À propos\"\nslug = \"a b\"\n+++\nTexte.\n",
    );
    eventually("the desk sees the error", || {
        let page = desk.get("/_praxis/publish");
        page.body.contains("De site bevat fouten") && page.body.contains("/_praxis/page?p=over")
    });
    assert!(
        !desk
            .get("/_praxis/publish")
            .body
            .contains("/_praxis/publish/plan"),
        "no button while there are errors"
    );
}

#[test]
fn under_the_desk_the_translators_view_is_behind_the_same_key() {
    let site = site();
    let desk = Desk::start(&site);
    let locked = request_with(&desk.server.address, "GET", "/_praxis/translations/", &[]);
    assert_eq!(locked.status, 403, "{}", locked.body);
    let open = desk.get("/_praxis/translations/");
    assert_eq!(open.status, 200, "{}", open.body);
}

// ------------------------------------------------------------ photos

use crate::images::photos;

impl Desk {
    /// A multipart POST of the photo form, from the desk's own page.
    fn post_photo(
        &self,
        fields: &[(&str, &str)],
        file: (&str, &[u8]),
        token: Option<&str>,
    ) -> Response {
        let token = token.map(str::to_owned).unwrap_or_else(|| self.token());
        let boundary = "praxis-test-boundary-7d1f";
        let mut body = Vec::new();
        for (name, value) in [("token", token.as_str())].iter().chain(fields) {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                file.0
            )
            .as_bytes(),
        );
        body.extend_from_slice(file.1);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let origin = format!("http://{}", self.server.address);
        let kind = format!("multipart/form-data; boundary={boundary}");
        post(
            &self.server.address,
            "/_praxis/photo",
            &[
                ("Cookie", &self.cookie),
                ("Origin", &origin),
                ("Content-Type", &kind),
            ],
            &body,
        )
    }
}

#[test]
fn a_photo_goes_beside_the_page_and_into_each_text_with_its_own_alt() {
    let site = site();
    let desk = Desk::start(&site);
    let jpeg = photos::phone_jpeg(320, 200, 1, 80);
    let added = desk.post_photo(
        &[
            ("p", "over"),
            ("alt.nl", "De zee bij Oostende"),
            ("alt.fr", "La mer à Ostende"),
        ],
        ("../../Zee bij Oostende.JPG", &jpeg),
        None,
    );
    assert_eq!(added.status, 303, "{}", added.body);
    assert!(
        added
            .header("location")
            .unwrap()
            .contains("done=photo-added")
    );
    assert_eq!(
        std::fs::read(site.path("content/over/zee-bij-oostende.jpg")).unwrap(),
        jpeg
    );
    assert!(
        site.read("content/over/nl.md")
            .ends_with("\n![De zee bij Oostende](zee-bij-oostende.jpg)\n")
    );
    assert!(
        site.read("content/over/fr.md")
            .ends_with("\n![La mer à Ostende](zee-bij-oostende.jpg)\n")
    );
    eventually("the preview shows the photo, resized", || {
        let page = desk.site_get("/nl/over/").body;
        page.contains("alt=\"De zee bij Oostende\"") && page.contains("zee-bij-oostende")
    });
}

#[test]
fn a_photo_is_removed_only_once_she_confirms_and_stays_in_the_history_to_be_put_back() {
    let site = site();
    let desk = Desk::start(&site);
    let jpeg = photos::phone_jpeg(320, 200, 1, 80);
    let added = desk.post_photo(
        &[("p", "over"), ("alt.nl", "De zee"), ("alt.fr", "La mer")],
        ("zee.jpg", &jpeg),
        None,
    );
    assert_eq!(added.status, 303, "{}", added.body);
    let editor = desk.get("/_praxis/page?p=over");
    assert!(
        editor.body.contains("<code>zee.jpg</code>")
            && editor.body.contains("action=\"/_praxis/photo/remove\""),
        "the page's photos, each with its button: {}",
        editor.body
    );
    // Without her confirmation it only asks — and says where the text
    // still shows the photo.
    let asked = desk.post(
        "/_praxis/photo/remove",
        &[("p", "over"), ("name", "zee.jpg")],
    );
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert!(
        asked.body.contains("zee.jpg weghalen van deze pagina?"),
        "{}",
        asked.body
    );
    assert!(
        asked.body.contains("De tekst toont deze foto nog"),
        "{}",
        asked.body
    );
    assert!(
        asked.body.contains("Nederlands: regel 13"),
        "{}",
        asked.body
    );
    assert!(asked.body.contains("Français: regel 6"), "{}", asked.body);
    assert!(asked.body.contains("name=\"confirm\""), "{}", asked.body);
    assert!(
        site.path("content/over/zee.jpg").exists(),
        "asking removes nothing"
    );
    // Only a photo the list shows; never a path she did not see.
    for name in ["../fr.md", "nl.md", "/etc/hostname", "geen.jpg"] {
        let refused = desk.post(
            "/_praxis/photo/remove",
            &[("p", "over"), ("name", name), ("confirm", "yes")],
        );
        assert_eq!(refused.status, 404, "{name}: {}", refused.body);
    }
    assert!(site.path("content/over/fr.md").exists());
    let removed = desk.post(
        "/_praxis/photo/remove",
        &[("p", "over"), ("name", "zee.jpg"), ("confirm", "yes")],
    );
    assert_eq!(removed.status, 303, "{}", removed.body);
    assert!(
        removed
            .header("location")
            .unwrap()
            .contains("done=photo-removed")
    );
    assert!(!site.path("content/over/zee.jpg").exists());
    let kept: Vec<std::path::PathBuf> = walkdir::WalkDir::new(site.path(".praxis/history"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file() && e.file_name().to_string_lossy().ends_with("-zee.jpg")
        })
        .map(|e| e.into_path())
        .collect();
    assert_eq!(kept.len(), 1, "kept in the page's history");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), jpeg);
    let editor = desk.get("/_praxis/page?p=over");
    assert!(
        editor.body.contains("Weggehaalde foto’s"),
        "{}",
        editor.body
    );
    let kept_as = hidden(&editor.body, "kept").expect("a button that puts it back");
    let back = desk.post(
        "/_praxis/photo/restore",
        &[("p", "over"), ("kept", &kept_as)],
    );
    assert_eq!(back.status, 303, "{}", back.body);
    assert_eq!(
        std::fs::read(site.path("content/over/zee.jpg")).unwrap(),
        jpeg
    );
    assert!(!kept[0].exists());
}

#[test]
fn what_is_not_a_photo_too_big_or_without_alt_is_refused_and_nothing_is_stored() {
    let site = site();
    let before = site.read("content/over/nl.md");
    let desk = Desk::start(&site);
    let jpeg = photos::phone_jpeg(64, 64, 1, 80);
    // (the form's fields, the file's name and bytes, why it is refused)
    type Case<'a> = (&'a [(&'a str, &'a str)], (&'a str, Vec<u8>), &'a str);
    let mut damaged = jpeg.clone();
    damaged.truncate(40);
    damaged.extend_from_slice(&[0u8; 4000]);
    let cases: [Case; 4] = [
        (
            &[("p", "over"), ("alt.nl", "x"), ("alt.fr", "x")],
            ("rapport.jpg", b"%PDF-1.7 a report".to_vec()),
            "not-a-photo",
        ),
        (
            &[("p", "over"), ("alt.nl", "De zee"), ("alt.fr", " ")],
            ("zee.jpg", jpeg.clone()),
            "no-alt",
        ),
        (
            &[("p", "over"), ("alt.nl", "x"), ("alt.fr", "x")],
            ("groot.jpg", vec![0xFF; 26 * 1024 * 1024]),
            "too-big",
        ),
        (
            &[("p", "over"), ("alt.nl", "x"), ("alt.fr", "x")],
            ("kapot.jpg", damaged),
            "not-a-photo",
        ),
    ];
    for (fields, (name, bytes), problem) in cases {
        let refused = desk.post_photo(fields, (name, &bytes), None);
        assert_eq!(refused.status, 303, "{problem}: {}", refused.body);
        let location = refused.header("location").unwrap().to_owned();
        assert!(
            location.contains(&format!("photo={problem}")),
            "{problem}: {location}"
        );
        let shown = desk.get(&location);
        assert!(
            shown.body.contains("er is niets toegevoegd"),
            "{problem}: said in her language"
        );
    }
    assert_eq!(site.read("content/over/nl.md"), before);
    let stored: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with("content/over/") && !f.ends_with(".md"))
        .collect();
    assert!(stored.is_empty(), "{stored:?}");
    let forged = desk.post_photo(
        &[("p", "over"), ("alt.nl", "x"), ("alt.fr", "x")],
        ("zee.jpg", &jpeg),
        Some("guessed"),
    );
    assert_eq!(forged.status, 403);
    let nowhere = desk.post_photo(
        &[("p", "../../etc"), ("alt.nl", "x"), ("alt.fr", "x")],
        ("zee.jpg", &jpeg),
        None,
    );
    assert_eq!(nowhere.status, 404);
}

#[test]
fn a_desk_killed_during_a_save_leaves_the_old_file_whole() {
    let site = site();
    let before = site.read("content/over/nl.md");
    let mut desk = Desk::start_env(
        &site,
        &[("PRAXIS_FAULT_INJECTION", "desk-die-before-rename")],
    );
    let form = desk.editor_form("over");
    let mut fields: Vec<(String, String)> =
        form.into_iter().filter(|(n, _)| n != "token").collect();
    for field in fields.iter_mut().filter(|(n, _)| n == "nl.body") {
        field.1 = "Half geschreven.\n".into();
    }
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let token = desk.token();
    let mut all = vec![("token", token.as_str())];
    all.extend(borrowed);
    let origin = format!("http://{}", desk.server.address);
    // The answer never comes: the desk dies writing.
    let _ = std::panic::catch_unwind(|| {
        post(
            &desk.server.address,
            "/_praxis/page",
            &[
                ("Cookie", &desk.cookie),
                ("Origin", &origin),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            encode(&all).as_bytes(),
        )
    });
    assert!(
        desk.server
            .wait_for_exit(std::time::Duration::from_secs(10))
            .is_some(),
        "the fault was not injected"
    );
    assert_eq!(
        site.read("content/over/nl.md"),
        before,
        "the page is the old one, whole"
    );
    // The new text was written beside it (never read as a page), and the
    // history had kept the old one before.
    assert_eq!(
        site.read("content/over/.nl.md.praxis-saving"),
        "+++\n# Mijn notitie: niet weg.\ntitle = \"Over mij\"\ndate = 2026-03-01   # de dag\n\n[extra]\nkleur = \"blauw\"\n+++\nHalf geschreven.\n"
    );
    let history: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with(".praxis/history/"))
        .collect();
    assert_eq!(history.len(), 1, "{history:?}");
    let started = Desk::start(&site);
    let page = started.get("/_praxis/page?p=over");
    assert!(
        page.body.contains("Ik ben therapeut."),
        "the desk opens the old version"
    );
}

#[test]
fn a_version_out_of_date_says_so_in_the_editor_and_leads_to_what_changed() {
    let site = TestSite::minimal()
        .file(
            "content/essay/fr.md",
            "+++\ntitle = \"Le mentorat\"\n+++\nPremier paragraphe.\n",
        )
        .file(
            "content/essay/nl.md",
            "+++\ntitle = \"Mentorschap\"\n+++\nEerste alinea.\n",
        );
    site.praxis(&["check"]).success();
    let desk = Desk::start(&site);
    assert!(
        !desk
            .get("/_praxis/page?p=essay")
            .body
            .contains("class=\"stale\"")
    );
    // The Dutch source changes; the French is now behind.
    assert_eq!(
        desk.save("essay", &[("nl.body", "Eerste alinea, herschreven.\n")])
            .status,
        303
    );
    eventually("the French version is marked out of date", || {
        let page = desk.get("/_praxis/page?p=essay").body;
        page.contains("Deze versie is verouderd")
            && page.contains("/_praxis/translations/page?key=essay")
    });
    assert!(
        desk.get("/_praxis/").body.contains("bij te werken"),
        "and in the list of pages"
    );
}

#[test]
fn the_check_page_lists_what_to_fix_and_what_to_translate_each_linking_to_its_page() {
    let site = site().file(
        "content/alleen/nl.md",
        "+++\ntitle = \"Alleen Nederlands\"\n+++\nTekst.\n",
    );
    let desk = Desk::start(&site);
    let check = desk.get("/_praxis/check");
    assert_eq!(check.status, 200, "{}", check.body);
    assert!(
        check
            .body
            .contains("Vertalingen om te schrijven of bij te werken"),
        "{}",
        check.body
    );
    assert!(
        check.body.contains("/_praxis/page?p=alleen"),
        "{}",
        check.body
    );
    assert!(
        check.body.contains("Nog geen beschrijving"),
        "a warning, linked: {}",
        check.body
    );
    site.write(
        "content/over/fr.md",
        "+++\ntitle = \"À propos\"\nslug = \"a b\"\n+++\nTexte.\n",
    );
    eventually("the error is listed first, linked to its page", || {
        let body = desk.get("/_praxis/check").body;
        body.contains("Te verbeteren voor je publiceert") && body.contains("Dit webadres kan niet")
    });
}

#[test]
fn the_check_page_says_each_finding_in_her_language_and_links_to_the_field_to_fix() {
    let site = site()
        .file(
            "content/over/nl.md",
            "+++\ntitle = \"Over mij\"\n+++\nIk ben therapeut.\n\nLees [elders](@/nergens).\n",
        )
        // A table without a header.
        .file(
            "content/over/fr.md",
            "+++\ntitle = \"À propos\"\n+++\n|   | Tarif |\n|---|---|\n| Séance | 60 € |\n",
        );
    // A damaged photo, and a JPEG named as a PNG: a finding the desk has no
    // words of its own for.
    let jpeg = photos::phone_jpeg(64, 48, 1, 80);
    site.write_bytes("content/over/kapot.jpg", &jpeg[..40]);
    site.write_bytes("content/over/verkeerd.png", &jpeg);
    let desk = Desk::start(&site);
    let check = desk.get("/_praxis/check");
    assert_eq!(check.status, 200, "{}", check.body);
    let body = &check.body;
    assert!(
        body.contains("<a href=\"/_praxis/page?p=over#nl-body\">Over mij · Nederlands</a>: Een link leidt naar geen enkele pagina van de site"),
        "the broken link, at the Dutch text: {body}"
    );
    assert!(body.contains("(regel 6)"), "and its line: {body}");
    assert!(
        body.contains("<a href=\"/_praxis/page?p=over#fr-description\">À propos · Français</a>: Nog geen beschrijving"),
        "the missing description, at the French field: {body}"
    );
    assert!(
        body.contains("<a href=\"/_praxis/page?p=over#fr-body\">À propos · Français</a>: Een kolom van een tabel heeft geen kop"),
        "the table's empty header, at the French text: {body}"
    );
    assert!(
        body.contains(
            "<a href=\"/_praxis/page?p=over\">Over mij</a>: Deze foto kan niet gepubliceerd worden"
        ),
        "the damaged photo, at its page: {body}"
    );
    // What the desk has no words for is shown in praxis's English, marked.
    assert!(
        body.contains("In het Engels, nog niet vertaald:</span> <span lang=\"en\">this file is a JPEG image named as a PNG"),
        "{body}"
    );
    for label in ["error:", "warning:", "help:"] {
        assert!(!body.contains(label), "the terminal's {label}: {body}");
    }
    let french = desk.get_in("fr", "/_praxis/check");
    assert!(
        french
            .body
            .contains("Un lien ne mène à aucune page du site"),
        "{}",
        french.body
    );
    assert!(
        french
            .body
            .contains("En anglais, pas encore traduit\u{a0}:"),
        "{}",
        french.body
    );
    let english = desk.get_in("en", "/_praxis/check");
    assert!(
        english.body.contains("No description yet"),
        "{}",
        english.body
    );
    // The publish page lists the errors the same way.
    site.write(
        "site.toml",
        &format!(
            "{}\n[publish.site]\nto = \"{}\"\n",
            site.read("site.toml"),
            site.root().join("../www").display()
        ),
    );
    eventually(
        "the publish page lists the broken link in her words",
        || {
            desk.get("/_praxis/publish")
                .body
                .contains("Een link leidt naar geen enkele pagina van de site")
        },
    );
}

#[test]
fn a_conflict_in_one_language_saves_the_other_and_keeps_hers_in_the_history() {
    let site = site();
    let desk = Desk::start(&site);
    let mut fields = desk.editor_form("over");
    let theirs = "+++\ntitle = \"Over mij\"\n+++\nVan de andere editor.\n";
    site.write("content/over/nl.md", theirs);
    for (name, value) in fields.iter_mut() {
        match name.as_str() {
            "nl.body" => *value = "Mijn Nederlandse tekst.\n".into(),
            "fr.body" => *value = "Mon texte français.\n".into(),
            _ => {}
        }
    }
    fields.retain(|(n, _)| n != "token");
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let conflict = desk.post("/_praxis/page", &borrowed);
    assert_eq!(conflict.status, 409, "{}", conflict.body);
    assert!(
        site.read("content/over/fr.md")
            .ends_with("+++\nMon texte français.\n"),
        "the French is saved"
    );
    assert_eq!(
        site.read("content/over/nl.md"),
        theirs,
        "the Dutch on disk is not overwritten"
    );
    let history: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with(".praxis/history/content/over/nl.md/"))
        .collect();
    assert!(
        history
            .iter()
            .any(|f| site.read(f).contains("Mijn Nederlandse tekst.")),
        "hers is kept before she even chooses: {history:?}"
    );
}

#[test]
fn a_version_that_cannot_be_read_here_does_not_stop_the_other_from_being_saved() {
    let site = site();
    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over mij\n+++\nKapot.\n",
    );
    let desk = Desk::start(&site);
    let saved = desk.save("over", &[("fr.body", "Je suis thérapeute, à Gand.\n")]);
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert!(site.read("content/over/fr.md").contains("à Gand"));
    assert_eq!(
        site.read("content/over/nl.md"),
        "+++\ntitle = \"Over mij\n+++\nKapot.\n"
    );
}

#[test]
fn another_user_of_the_computer_holding_the_key_is_refused() {
    // Her browser sends the desk's cookie to any server on 127.0.0.1
    // (cookies do not tell ports apart): another user's server could have
    // it. A connection of another user is refused all the same.
    let site = site();
    let desk = Desk::start(&site);
    let port = desk.server.address.rsplit(':').next().unwrap().to_owned();
    let request = format!(
        "exec 3<>/dev/tcp/127.0.0.1/{port}; printf 'GET /_praxis/page?p=over HTTP/1.1\\r\\nHost: {}\\r\\nCookie: {}\\r\\nConnection: close\\r\\n\\r\\n' >&3; cat <&3",
        desk.server.address, desk.cookie
    );
    let output = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-c", &request])
        .output()
        .expect("setpriv (util-linux) runs a program as another user; the test runs as root, as CI does");
    let answer = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "as another user: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    assert!(!answer.contains("therapeut"), "{answer}");
    // Her own connection, same cookie, gets in.
    assert_eq!(desk.get("/_praxis/page?p=over").status, 200);
}

#[test]
fn her_pages_never_run_at_the_desks_address_nor_the_desk_at_theirs() {
    // A script in a page of hers (a widget she pasted) runs at 127.0.0.1:
    // another site than the desk's localhost, so her browser sends it no
    // key, and the desk refuses what it posts.
    let site = site();
    let desk = Desk::start(&site);
    assert!(
        desk.server.address.starts_with("localhost:"),
        "{}",
        desk.server.address
    );
    let at_the_desk = desk.get("/nl/over/");
    assert_eq!(at_the_desk.status, 307);
    let port = desk.server.address.rsplit(':').next().unwrap();
    assert_eq!(
        at_the_desk.header("location"),
        Some(format!("http://127.0.0.1:{port}/nl/over/").as_str())
    );
    assert_eq!(desk.site_get("/nl/over/").status, 200);
    let preview = format!("127.0.0.1:{port}");
    let token = desk.token();
    let from_her_page = post(
        &preview,
        "/_praxis/page",
        &[
            ("Cookie", &desk.cookie),
            ("Origin", &format!("http://{preview}")),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        format!("token={token}&p=over&nl.title=Gekaapt").as_bytes(),
    );
    assert_ne!(from_her_page.status, 303, "{}", from_her_page.body);
    assert!(!site.read("content/over/nl.md").contains("Gekaapt"));
}

#[test]
fn a_new_page_that_cannot_be_made_says_why_and_keeps_what_she_typed() {
    let site = site()
        .file("content/artikels/nl.md", "+++\ntitle = \"Artikels\"\n+++\n")
        .file(
            "content/artikels/een/nl.md",
            "+++\ntitle = \"Een\"\n+++\nTekst.\n",
        );
    let desk = Desk::start(&site);
    let none = desk.post(
        "/_praxis/new",
        &[("section", "artikels"), ("title.nl", " ")],
    );
    assert_eq!(none.status, 422);
    assert!(
        none.body.contains("Geef de pagina een titel"),
        "{}",
        none.body
    );
    let no_letters = desk.post(
        "/_praxis/new",
        &[
            ("section", "artikels"),
            ("title.nl", "???"),
            ("title.fr", "Le pas"),
        ],
    );
    assert_eq!(no_letters.status, 422);
    assert!(
        no_letters.body.contains("geen webadres gemaakt"),
        "{}",
        no_letters.body
    );
    assert!(
        no_letters.body.contains("value=\"Le pas\""),
        "her French title is still there"
    );
    assert!(
        no_letters
            .body
            .contains("<option value=\"artikels\" selected>"),
        "and her section"
    );
    assert!(!site.exists("content/artikels/le-pas"));
}

// ------------------------------------------------------------ her messages

/// The endpoint on the server (the example site's), with `messages` sent
/// through its contact form, and a token for her laptop.
fn endpoint_with(messages: &[&str]) -> (TestSite, Server, String) {
    let site = TestSite::example();
    let server = Server::start_command(
        &site,
        &["forms", "serve", "--bind", "127.0.0.1", "--port", "0"],
        "answering forms at http://",
    );
    for message in messages {
        let sent = server.post(
            "/forms/contact",
            &[
                ("Origin", crate::forms_proxy::ORIGIN),
                ("Content-Type", crate::forms::FORM),
            ],
            crate::forms::contact("nl", message).as_bytes(),
        );
        assert_eq!(sent.status, 303, "{}", sent.body);
    }
    let token = site.praxis(&["forms", "token"]);
    let secret = token.success().stdout.trim().to_owned();
    (site, server, secret)
}

/// Her laptop: the example site, pulling from `endpoint`.
fn laptop_pulling_from(endpoint: &str) -> TestSite {
    let laptop = TestSite::example();
    let config = laptop.read("site.toml").replace(
        "[submissions]\n",
        &format!("[submissions]\nendpoint = \"{endpoint}\"\n"),
    );
    laptop.write("site.toml", &config);
    laptop
}

/// The first submission the desk's list links to.
fn first_message(list: &str) -> String {
    let at = list
        .find("href=\"/_praxis/inbox/s/")
        .expect("a message in the list");
    let rest = &list[at + "href=\"".len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

#[test]
fn in_the_desk_she_fetches_reads_marks_done_and_deletes_her_messages() {
    use std::os::unix::fs::PermissionsExt;
    let (server_site, endpoint, secret) = endpoint_with(&["Eerste vraag", "Tweede vraag"]);
    let laptop = laptop_pulling_from(&endpoint.origin());
    let config = tempfile::tempdir().unwrap();
    let config_home = config.path().to_str().unwrap();
    let desk = Desk::start_env(&laptop, &[("XDG_CONFIG_HOME", config_home)]);

    let inbox = desk.get("/_praxis/inbox/");
    assert_eq!(inbox.status, 200, "{}", inbox.body);
    assert!(inbox.body.contains("<html lang=\"nl\">"));
    assert!(
        inbox.body.contains("Nieuwe inzendingen ophalen"),
        "{}",
        inbox.body
    );
    assert!(
        inbox.body.contains("name=\"pull_token\""),
        "the first time, a field for the token"
    );

    // Not from the desk's own page: nothing is fetched.
    let forged = post(
        &desk.server.address,
        "/_praxis/inbox/fetch",
        &[
            ("Cookie", &desk.cookie),
            ("Origin", &format!("http://{}", desk.server.address)),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        format!("pull_token={secret}").as_bytes(),
    );
    assert_eq!(forged.status, 403, "no token of the desk's");
    assert_eq!(crate::forms::stored(&server_site), 2);

    let fetched = desk.post("/_praxis/inbox/fetch", &[("pull_token", &secret)]);
    assert_eq!(fetched.status, 303, "{}", fetched.body);
    let to = fetched.header("location").unwrap().to_owned();
    let list = desk.get(&to);
    assert!(
        list.body.contains("2 nieuwe inzendingen opgehaald."),
        "what happened: {}",
        list.body
    );
    assert!(list.body.contains("Anne Dupré"));
    assert!(
        list.body.contains("Het contactformulier"),
        "the form by its title"
    );
    assert!(
        !list.body.contains("name=\"pull_token\""),
        "the token is kept"
    );
    assert_eq!(
        crate::forms::stored(&server_site),
        0,
        "gone from the server"
    );
    assert_eq!(crate::forms::stored(&laptop), 2, "kept on her machine");
    let tokens: Vec<_> = std::fs::read_dir(config.path().join("praxis/tokens"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(tokens.len(), 1);
    assert_eq!(std::fs::read_to_string(&tokens[0]).unwrap().trim(), secret);
    let mode = std::fs::metadata(&tokens[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "readable by her only");

    // She reads one.
    let message = first_message(&list.body);
    let page = desk.get(&message);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Tweede vraag"), "{}", page.body);
    assert!(page.body.contains("href=\"mailto:anne@example.be\""));

    // Marks it done.
    let done = desk.post(&format!("{message}/done"), &[("done", "1")]);
    assert_eq!(done.status, 303);
    let page = desk.get(done.header("location").unwrap());
    assert!(
        page.body.contains("Gemarkeerd als afgehandeld"),
        "{}",
        page.body
    );

    // Deletes it: a question first, and without her answer nothing goes.
    let asked = desk.get(&format!("{message}/delete"));
    assert!(asked.body.contains("verwijderen?"), "{}", asked.body);
    let unanswered = desk.post(&format!("{message}/delete"), &[]);
    assert_eq!(unanswered.status, 200);
    assert_eq!(crate::forms::stored(&laptop), 2);
    let deleted = desk.post(&format!("{message}/delete"), &[("confirmed", "yes")]);
    assert_eq!(deleted.status, 303);
    let list = desk.get(deleted.header("location").unwrap());
    assert!(
        list.body.contains("De inzending is verwijderd."),
        "{}",
        list.body
    );
    assert_eq!(crate::forms::stored(&laptop), 1);

    // Fetching again uses the kept token.
    let again = desk.post("/_praxis/inbox/fetch", &[]);
    assert_eq!(again.status, 303, "{}", again.body);
    let list = desk.get(again.header("location").unwrap());
    assert!(
        list.body.contains("Geen nieuwe inzendingen."),
        "{}",
        list.body
    );
}

#[test]
fn a_fetch_that_cannot_reach_the_server_says_so_in_her_language_and_keeps_no_token() {
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let laptop = laptop_pulling_from(&endpoint);
    let config = tempfile::tempdir().unwrap();
    let desk = Desk::start_env(
        &laptop,
        &[("XDG_CONFIG_HOME", config.path().to_str().unwrap())],
    );
    let unreachable = desk.post("/_praxis/inbox/fetch", &[("pull_token", "praxis_pull_x")]);
    assert_eq!(unreachable.status, 502);
    assert!(
        unreachable.body.contains("is niet bereikbaar")
            && unreachable.body.contains(&endpoint)
            && unreachable.body.contains("role=\"alert\""),
        "{}",
        unreachable.body
    );
    assert!(!config.path().join("praxis/tokens").exists());
    let nothing = desk.post("/_praxis/inbox/fetch", &[]);
    assert!(
        nothing.body.contains("Plak eerst het token"),
        "{}",
        nothing.body
    );
}

// ------------------------------------------------------------ one desk per site

#[test]
fn the_desks_address_stays_the_same_from_one_start_to_the_next_and_its_key_is_hers_alone() {
    use std::os::unix::fs::PermissionsExt;
    let site = site();
    let config = tempfile::tempdir().unwrap();
    let home = config.path().to_str().unwrap();
    let first = Desk::start_env(&site, &[("XDG_CONFIG_HOME", home)]);
    let key = first.key.clone();
    drop(first);
    let second = Desk::start_env(&site, &[("XDG_CONFIG_HOME", home)]);
    assert_eq!(second.key, key, "a bookmarked address keeps working");
    let sites = config.path().join("praxis/sites");
    let folder = std::fs::read_dir(&sites)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let file = folder.join("desk-key");
    assert_eq!(std::fs::read_to_string(&file).unwrap().trim(), key);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "readable by her only");
    assert!(
        !site.files().iter().any(|f| site.read(f).contains(&key)),
        "never in the site folder"
    );

    let other = TestSite::minimal();
    let elsewhere = Desk::start_env(&other, &[("XDG_CONFIG_HOME", home)]);
    assert_ne!(elsewhere.key, key, "each site its own desk");
}

#[test]
fn a_second_desk_in_the_same_site_opens_the_one_running() {
    let site = site();
    let config = tempfile::tempdir().unwrap();
    let home = config.path().to_str().unwrap();
    let running = Desk::start_env(&site, &[("XDG_CONFIG_HOME", home)]);
    let second = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("--root")
        .arg(site.root())
        .args(["desk", "--no-open", "--port", "0"])
        .env("XDG_CONFIG_HOME", home)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&second.stdout);
    assert!(
        second.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let port = running.server.address.rsplit(':').next().unwrap();
    assert!(
        printed.contains(&format!(
            "desk: http://localhost:{port}/_praxis/?key={}",
            running.key
        )) && printed.contains("already running"),
        "{printed}"
    );
    assert_eq!(
        running.get("/_praxis/").status,
        200,
        "the first one runs on"
    );
}

#[test]
fn under_the_desk_the_translators_view_speaks_her_language_and_leads_back_to_the_desk() {
    let site = site();
    let desk = Desk::start(&site);
    let dutch = desk.get("/_praxis/translations/");
    assert_eq!(dutch.status, 200, "{}", dutch.body);
    assert!(
        dutch.body.contains("<html lang=\"nl\""),
        "the site's own by default"
    );
    assert!(
        dutch
            .body
            .contains("<a href=\"/_praxis/\">Terug naar het bureau</a>"),
        "{}",
        dutch.body
    );
    for (lang, back) in [("en", "Back to the desk"), ("fr", "Retour au bureau")] {
        let chosen = desk.post("/_praxis/language", &[("lang", lang)]);
        let remembered = chosen
            .header("set-cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let cookies = format!("{}; {remembered}", desk.cookie);
        let view = request_with(
            &desk.server.address,
            "GET",
            "/_praxis/translations/",
            &[("Cookie", &cookies)],
        );
        assert!(
            view.body.contains(&format!("<html lang=\"{lang}\"")),
            "the desk's language, {lang}: {}",
            view.body
        );
        assert!(view.body.contains(back), "{}", view.body);
        let asked = request_with(
            &desk.server.address,
            "GET",
            "/_praxis/translations/?lang=nl",
            &[("Cookie", &cookies)],
        );
        assert!(
            asked.body.contains("<html lang=\"nl\""),
            "a language asked for in the view itself wins"
        );
    }

    let preview = Server::start(&site, &[]);
    let plain = preview.get("/_praxis/translations/");
    assert!(
        !plain.body.contains("href=\"/_praxis/\""),
        "no desk, no way back to one"
    );
}

#[test]
fn without_her_private_key_the_messages_say_so_and_fetching_still_works() {
    let (server_site, endpoint, secret) = endpoint_with(&["Een vraag"]);
    let laptop = laptop_pulling_from(&endpoint.origin());
    let config = laptop
        .read("site.toml")
        .replace("identity = \"demo/forms-demo-identity.txt\"\n", "");
    laptop.write("site.toml", &config);
    let home = tempfile::tempdir().unwrap();
    let desk = Desk::start_env(
        &laptop,
        &[("XDG_CONFIG_HOME", home.path().to_str().unwrap())],
    );
    let inbox = desk.get("/_praxis/inbox/");
    assert_eq!(inbox.status, 200);
    assert!(
        inbox.body.contains("zonder je privésleutel"),
        "{}",
        inbox.body
    );
    assert!(inbox.body.contains("Nieuwe inzendingen ophalen"));
    let fetched = desk.post("/_praxis/inbox/fetch", &[("pull_token", &secret)]);
    assert_eq!(fetched.status, 303, "{}", fetched.body);
    assert_eq!(crate::forms::stored(&server_site), 0);
    let list = desk.get(fetched.header("location").unwrap());
    assert!(
        list.body.contains("Eén nieuwe inzending opgehaald."),
        "{}",
        list.body
    );
    assert!(
        !list.body.contains("Een vraag"),
        "nothing read without the key"
    );
}

impl Desk {
    /// A multipart POST from the desk's own page, with its token.
    fn post_multipart(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.token();
        let boundary = "praxis-test-boundary-9c2e";
        let mut body = String::new();
        for (name, value) in [("token", token.as_str())].iter().chain(fields) {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        let origin = format!("http://{}", self.server.address);
        let kind = format!("multipart/form-data; boundary={boundary}");
        post(
            &self.server.address,
            path,
            &[
                ("Cookie", &self.cookie),
                ("Origin", &origin),
                ("Content-Type", &kind),
            ],
            body.as_bytes(),
        )
    }
}

#[test]
fn her_private_key_given_in_the_desk_is_checked_then_kept_for_her_alone_outside_the_site() {
    let (_server_site, endpoint, secret) = endpoint_with(&["Een vraag"]);
    let laptop = laptop_pulling_from(&endpoint.origin());
    let identity = laptop.read("demo/forms-demo-identity.txt");
    let config = laptop
        .read("site.toml")
        .replace("identity = \"demo/forms-demo-identity.txt\"\n", "");
    laptop.write("site.toml", &config);
    laptop.remove("demo/forms-demo-identity.txt");
    let home = tempfile::tempdir().unwrap();
    let desk = Desk::start_env(
        &laptop,
        &[("XDG_CONFIG_HOME", home.path().to_str().unwrap())],
    );
    let fetched = desk.post("/_praxis/inbox/fetch", &[("pull_token", &secret)]);
    assert_eq!(fetched.status, 303, "{}", fetched.body);
    let inbox = desk.get("/_praxis/inbox/");
    assert!(
        inbox.body.contains("action=\"/_praxis/private-key\""),
        "the messages page asks for the key: {}",
        inbox.body
    );
    // Not a key, another key: refused in her words, nothing kept.
    use age::secrecy::ExposeSecret;
    let other = age::x25519::Identity::generate()
        .to_string()
        .expose_secret()
        .to_owned();
    for (given, said) in [
        ("mijn wachtwoord", "Dat is geen privésleutel"),
        (other.as_str(), "Die privésleutel hoort niet bij deze site"),
        ("", "Kies eerst het sleutelbestand of plak de sleutel"),
    ] {
        let refused = desk.post_multipart("/_praxis/private-key", &[("key", given)]);
        assert_eq!(refused.status, 422, "{given}: {}", refused.body);
        assert!(refused.body.contains(said), "{given}: {}", refused.body);
    }
    let kept_dir = home.path().join("praxis");
    let kept_files = || -> Vec<std::path::PathBuf> {
        walkdir::WalkDir::new(&kept_dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name() == "identity")
            .map(|e| e.into_path())
            .collect()
    };
    assert!(kept_files().is_empty(), "nothing kept for a wrong key");
    // Sent by another page: refused.
    let forged = post(
        &desk.server.address,
        "/_praxis/private-key",
        &[
            ("Cookie", &desk.cookie),
            ("Origin", "http://attacker.example"),
            ("Content-Type", "multipart/form-data; boundary=x"),
        ],
        b"--x--\r\n",
    );
    assert_eq!(forged.status, 403, "{}", forged.body);
    // Her key file, as chosen: kept, and the messages open.
    let given = desk.post_multipart("/_praxis/private-key", &[("file", &identity)]);
    assert_eq!(given.status, 303, "{}", given.body);
    let inbox = desk.get(given.header("location").unwrap());
    assert!(
        !inbox.body.contains("zonder je privésleutel"),
        "{}",
        inbox.body
    );
    let message = desk.get("/_praxis/inbox/s/1");
    assert!(message.body.contains("Een vraag"), "{}", message.body);
    assert!(
        !inbox.body.contains("action=\"/_praxis/private-key\""),
        "no longer asked: {}",
        inbox.body
    );
    let kept = kept_files();
    assert_eq!(kept.len(), 1, "{kept:?}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&kept[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "hers alone");
    // Nowhere in the site's folder.
    let secret_line = identity
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .unwrap();
    for entry in walkdir::WalkDir::new(laptop.root())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let bytes = std::fs::read(entry.path()).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(secret_line),
            "the key is in the site's folder: {}",
            entry.path().display()
        );
    }
}

// ------------------------------------------------------------ the shortcut

#[test]
fn a_shortcut_opens_this_sites_desk_from_the_menu_and_the_desktop() {
    let site = site();
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("Desktop")).unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("--root")
        .arg(site.root())
        .args(["desk", "--shortcut"])
        .env("HOME", home.path())
        .env_remove("XDG_DATA_HOME")
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let applications = home.path().join(".local/share/applications");
    let made: Vec<std::path::PathBuf> = std::fs::read_dir(&applications)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    let entry_file = &made[0];
    let name = entry_file.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("praxis-desk-") && name.ends_with(".desktop"),
        "{name}"
    );
    let on_desktop = home.path().join("Desktop").join(name);
    assert!(on_desktop.exists(), "and on her desktop");
    for path in [entry_file, &on_desktop] {
        assert!(
            said.contains(&path.display().to_string()),
            "says where: {said}"
        );
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode & 0o111, 0o111, "a launcher may be run: {mode:o}");
    }
    let entry = std::fs::read_to_string(entry_file).unwrap();
    let root = std::fs::canonicalize(site.root()).unwrap();
    let program = std::fs::canonicalize(env!("CARGO_BIN_EXE_praxis")).unwrap();
    assert!(entry.starts_with("[Desktop Entry]\n"), "{entry}");
    assert!(entry.contains("\nType=Application\n"), "{entry}");
    assert!(entry.contains("\nTerminal=false\n"), "{entry}");
    assert!(
        entry.contains(&format!(
            "\nExec={} --root {} desk\n",
            program.display(),
            root.display()
        )),
        "{entry}"
    );
    assert!(entry.contains("\nName=praxis desk — "), "{entry}");
    if let Ok(validate) = std::process::Command::new("desktop-file-validate")
        .arg(entry_file)
        .output()
    {
        assert!(
            validate.status.success() && validate.stdout.is_empty(),
            "{}{}",
            String::from_utf8_lossy(&validate.stdout),
            String::from_utf8_lossy(&validate.stderr)
        );
    }
    // Made again, it replaces itself: one launcher per site.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("--root")
        .arg(site.root())
        .args(["desk", "--shortcut"])
        .env("HOME", home.path())
        .env_remove("XDG_DATA_HOME")
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .output()
        .unwrap();
    assert!(again.status.success());
    assert_eq!(std::fs::read_dir(&applications).unwrap().count(), 1);
}
