//! The translator's view (`/_praxis/translations/` on `praxis serve`):
//! every page's translation state, the source beside its translation, and
//! "Accept", over a real socket. Its markup carries `data-state` so that
//! these tests read states, not words.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::server::{Server, eventually};
use crate::support::TestSite;

const VIEW: &str = "/_praxis/translations/";

const FR: &str = "+++\ntitle = \"Le mentorat\"\ndescription = \"Ce qu’est le mentorat.\"\n+++\n## Une relation\n\nPremier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième paragraphe.\n";
const NL: &str = "+++\ntitle = \"Mentorschap\"\ndescription = \"Wat mentorschap is.\"\n+++\n## Een relatie\n\nEerste alinea.\n\nTweede alinea.\n\nDerde alinea.\n";

/// An essay in two languages whose versions agree, recorded by `check`.
fn agreed() -> TestSite {
    let site = TestSite::minimal()
        .file("content/essay/fr.md", FR)
        .file("content/essay/nl.md", NL);
    site.praxis(&["check"]).success();
    site
}

/// The state the overview gives a node's version.
fn state(overview: &str, key: &str, lang: &str) -> String {
    let row_start = overview
        .find(&format!("<tr data-key=\"{key}\">"))
        .unwrap_or_else(|| panic!("no row for {key:?}:\n{overview}"));
    let row = &overview[row_start..];
    let row = &row[..row.find("</tr>").unwrap()];
    let cell = format!("<td data-lang=\"{lang}\" data-state=\"");
    let at = row
        .find(&cell)
        .unwrap_or_else(|| panic!("no {lang} cell: {row}"))
        + cell.len();
    row[at..].split('"').next().unwrap().to_owned()
}

fn states(server: &Server, key: &str) -> (String, String) {
    let overview = server.get(VIEW);
    assert_eq!(overview.status, 200, "{}", overview.body);
    (
        state(&overview.body, key, "nl"),
        state(&overview.body, key, "fr"),
    )
}

/// A page of the view, without what only screen readers read (see
/// `struck_and_inserted_words_are_announced_to_screen_readers`).
fn page(server: &Server, key: &str) -> String {
    let response = server.get(&format!("{VIEW}page?key={key}"));
    assert_eq!(response.status, 200, "{}", response.body);
    response
        .body
        .replace("<span class=\"visually-hidden\">eerst: </span>", "")
        .replace("<span class=\"visually-hidden\">nu: </span>", "")
}

/// The rows of the side-by-side table with a class (`changed`, `added`…).
fn rows<'a>(page: &'a str, class: &str) -> Vec<&'a str> {
    page.split("<tr class=\"")
        .skip(1)
        .filter(|r| r.starts_with(&format!("{class}\"")))
        .map(|r| &r[..r.find("</tr>").unwrap()])
        .collect()
}

fn token(page: &str) -> String {
    let at = page
        .find("name=\"token\" value=\"")
        .expect("a token in the form")
        + 20;
    page[at..].split('"').next().unwrap().to_owned()
}

/// Edits a file and waits for the view to show `nl`/`fr` states.
fn edit_and_wait(site: &TestSite, server: &Server, file: &str, text: &str, expect: (&str, &str)) {
    site.write(file, text);
    eventually(&format!("{expect:?} after editing {file}"), || {
        let (nl, fr) = states(server, "essay");
        (nl.as_str(), fr.as_str()) == expect
    });
}

#[test]
fn versions_that_agree_are_in_step_with_counts_and_links() {
    let site = agreed();
    let server = Server::start(&site, &[]);
    let overview = server.get(VIEW);
    assert_eq!(overview.status, 200);
    assert_eq!(state(&overview.body, "essay", "nl"), "in-step");
    assert_eq!(state(&overview.body, "essay", "fr"), "in-step");
    // Home and essay, in two languages each.
    assert!(
        overview.body.contains("data-count=\"in-step:4\""),
        "{}",
        overview.body
    );
    assert!(overview.body.contains("data-count=\"out-of-date:0\""));
    assert!(
        overview.body.contains("href=\"/nl/essay/\""),
        "{}",
        overview.body
    );
    assert!(overview.body.contains("href=\"/fr/essay/\""));
    assert!(
        overview.body.contains("<html lang=\"nl\""),
        "the site's default language"
    );
    assert!(overview.body.contains("Vertalingen"));
    let french = server.get(&format!("{VIEW}?lang=fr"));
    assert!(french.body.contains("<html lang=\"fr\""));
    assert!(french.body.contains("Traductions"));
    assert!(french.body.contains("4 versions à jour"), "{}", french.body);
}

#[test]
fn a_changed_source_makes_its_translation_out_of_date_naming_the_paragraph() {
    let site = agreed();
    let server = Server::start(&site, &[]);
    edit_and_wait(
        &site,
        &server,
        "content/essay/fr.md",
        &FR.replace("Deuxième paragraphe.", "Deuxième paragraphe, réécrit."),
        ("out-of-date", "ahead"),
    );
    let overview = server.get(VIEW).body;
    assert!(
        overview.contains("fr.md is sindsdien gewijzigd: de alinea op regel 9"),
        "{overview}"
    );
    assert!(
        overview.contains("Voor het laatst in overeenstemming op "),
        "{overview}"
    );
    assert!(overview.contains("data-count=\"out-of-date:1\""));

    let page = page(&server, "essay");
    // Since when: the day they last agreed, and the day the source was saved.
    let today = jiff::Zoned::now().date();
    let months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let day = format!(
        "{} {} {}",
        today.day(),
        months[today.month() as usize - 1],
        today.year()
    );
    assert!(
        page.contains(&format!("Voor het laatst in overeenstemming op {day}")),
        "{page}"
    );
    assert!(
        page.contains(&format!("fr.md laatst bewaard op {day}")),
        "{page}"
    );
    let changed = rows(&page, "changed");
    assert_eq!(changed.len(), 1, "{page}");
    assert!(
        changed[0].contains("Deuxième paragraphe<ins>, réécrit.</ins>")
            || changed[0].contains("<del>paragraphe.</del><ins>paragraphe, réécrit.</ins>"),
        "{}",
        changed[0]
    );
    assert!(
        changed[0].contains("Tweede alinea."),
        "its translation beside it: {}",
        changed[0]
    );
}

#[test]
fn struck_and_inserted_words_are_announced_to_screen_readers() {
    let site = agreed();
    let server = Server::start(&site, &[]);
    edit_and_wait(
        &site,
        &server,
        "content/essay/fr.md",
        &FR.replace("Deuxième paragraphe.", "Second paragraphe."),
        ("out-of-date", "ahead"),
    );
    let raw = server.get(&format!("{VIEW}page?key=essay")).body;
    assert!(
        raw.contains("<del><span class=\"visually-hidden\">eerst: </span>Deuxième</del>"),
        "{raw}"
    );
    assert!(raw.contains("<ins><span class=\"visually-hidden\">nu: </span>Second</ins>"));
    let french = server.get(&format!("{VIEW}page?key=essay&lang=fr")).body;
    assert!(french.contains("<span class=\"visually-hidden\">avant\u{a0}: </span>"));
}

#[test]
fn a_changed_translation_makes_the_other_version_out_of_date() {
    let site = agreed();
    let server = Server::start(&site, &[]);
    edit_and_wait(
        &site,
        &server,
        "content/essay/nl.md",
        &NL.replace("Derde alinea.", "Derde alinea, herzien."),
        ("ahead", "out-of-date"),
    );
    let page = page(&server, "essay");
    assert!(page.contains("fr.md bijwerken naar nl.md"), "{page}");
    let changed = rows(&page, "changed");
    assert_eq!(changed.len(), 1);
    assert!(changed[0].contains("Troisième paragraphe."));
}

#[test]
fn both_versions_changed_agree_again() {
    let site = agreed();
    let server = Server::start(&site, &[]);
    edit_and_wait(
        &site,
        &server,
        "content/essay/fr.md",
        &FR.replace("Premier paragraphe.", "Premier paragraphe revu."),
        ("out-of-date", "ahead"),
    );
    edit_and_wait(
        &site,
        &server,
        "content/essay/nl.md",
        &NL.replace("Eerste alinea.", "Eerste alinea, herzien."),
        ("in-step", "in-step"),
    );
}

#[test]
fn added_removed_and_moved_paragraphs_are_marked_beside_the_translation() {
    let site = agreed();
    let server = Server::start(&site, &[]);
    edit_and_wait(
        &site,
        &server,
        "content/essay/fr.md",
        &FR.replace(
            "Premier paragraphe.\n",
            "Premier paragraphe.\n\nUn paragraphe nouveau.\n",
        ),
        ("out-of-date", "ahead"),
    );
    let added = page(&server, "essay");
    let rows_added = rows(&added, "added");
    assert_eq!(rows_added.len(), 1, "{added}");
    assert!(rows_added[0].contains("<ins>Un paragraphe nouveau.</ins>"));
    assert!(
        rows_added[0].contains("class=\"none\""),
        "nothing beside it yet"
    );

    site.write(
        "content/essay/fr.md",
        &FR.replace("\nDeuxième paragraphe.\n", ""),
    );
    eventually("the removed paragraph", || {
        rows(&page(&server, "essay"), "removed").len() == 1
    });
    let removed = page(&server, "essay");
    let row = rows(&removed, "removed")[0];
    assert!(row.contains("<del>Deuxième paragraphe.</del>"), "{row}");
    assert!(
        row.contains("Tweede alinea."),
        "the translation to remove: {row}"
    );
    assert!(
        server
            .get(VIEW)
            .body
            .contains("gewijzigd: er zijn alinea’s weggehaald"),
        "the overview says so"
    );

    site.write(
        "content/essay/fr.md",
        &FR.replace(
            "Premier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième paragraphe.\n",
            "Deuxième paragraphe.\n\nTroisième paragraphe.\n\nPremier paragraphe.\n",
        ),
    );
    eventually("the moved paragraph", || {
        rows(&page(&server, "essay"), "moved").len() == 1
    });
    let moved = page(&server, "essay");
    let row = rows(&moved, "moved")[0];
    assert!(
        row.contains("Premier paragraphe.") && row.contains("Eerste alinea."),
        "{row}"
    );
    assert!(
        rows(&moved, "removed").is_empty() && rows(&moved, "added").is_empty(),
        "{moved}"
    );
}

#[test]
fn a_changed_title_or_description_is_shown_with_its_old_text() {
    let site = agreed();
    let server = Server::start(&site, &[]);
    edit_and_wait(
        &site,
        &server,
        "content/essay/fr.md",
        &FR.replace("title = \"Le mentorat\"", "title = \"Le mentorat, revu\""),
        ("out-of-date", "ahead"),
    );
    let overview = server.get(VIEW).body;
    assert!(overview.contains("gewijzigd: de titel"), "{overview}");
    let page_html = page(&server, "essay");
    let changed = rows(&page_html, "changed");
    assert_eq!(changed.len(), 1, "{page_html}");
    assert!(changed[0].contains("Titel"), "{}", changed[0]);
    assert!(changed[0].contains("<ins>"), "{}", changed[0]);
    assert!(
        changed[0].contains("Mentorschap"),
        "the translated title beside it"
    );

    site.write(
        "content/essay/fr.md",
        &FR.replace("Ce qu’est le mentorat.", "Ce qu’est vraiment le mentorat."),
    );
    eventually("the changed description", || {
        server.get(VIEW).body.contains("gewijzigd: de beschrijving")
    });
    let page_html = page(&server, "essay");
    let changed = rows(&page_html, "changed");
    assert_eq!(changed.len(), 1, "{page_html}");
    assert!(
        changed[0].contains("<ins>vraiment </ins>"),
        "{}",
        changed[0]
    );
}

#[test]
fn typography_and_rewrapping_are_not_changes() {
    let site = agreed();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    site.write(
        "content/essay/fr.md",
        &FR.replace("Ce qu’est", "Ce qu'est")
            .replace("le mentorat.", "le\u{a0}mentorat.")
            .replace("Premier paragraphe.", "Premier\nparagraphe."),
    );
    // The page changed, so the view was told; it still finds them in step.
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    assert_eq!(
        states(&server, "essay"),
        ("in-step".into(), "in-step".into())
    );
}

#[test]
fn a_missing_translation_shows_the_file_to_write_and_creates_its_draft() {
    let site = TestSite::minimal().file("content/essay/fr.md", FR);
    site.praxis(&["check"]).success();
    let server = Server::start(&site, &[]);
    let overview = server.get(VIEW).body;
    assert_eq!(state(&overview, "essay", "nl"), "missing");
    assert!(
        overview.contains("<code>content/essay/nl.md</code>"),
        "{overview}"
    );
    let page_html = page(&server, "essay");
    assert!(
        page_html.contains("<code>content/essay/nl.md</code>"),
        "{page_html}"
    );
    assert!(
        page_html.contains("Premier paragraphe."),
        "the source to translate from"
    );

    let refused = server.post(
        &format!("{VIEW}create"),
        &[
            ("Origin", &server.origin()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        b"key=essay&target=nl",
    );
    assert_eq!(refused.status, 403, "no token");
    assert!(!site.exists("content/essay/nl.md"));

    let body = format!("token={}&key=essay&target=nl&lang=nl", token(&page_html));
    let created = server.post(
        &format!("{VIEW}create"),
        &[
            ("Origin", &server.origin()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        body.as_bytes(),
    );
    assert_eq!(created.status, 303, "{}", created.body);
    let draft = site.read("content/essay/nl.md");
    assert!(draft.contains("draft = true"), "{draft}");
    assert!(
        draft.contains("title = \"TODO: title in nl\""),
        "as praxis new writes it: {draft}"
    );
    assert!(draft.contains("# fr: \"Le mentorat\""), "{draft}");
    eventually("the draft in the view", || {
        state(&server.get(VIEW).body, "essay", "nl") == "draft"
    });
    // Never twice.
    let again = server.post(
        &format!("{VIEW}create"),
        &[
            ("Origin", &server.origin()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        body.as_bytes(),
    );
    assert_eq!(again.status, 409);
}

#[test]
fn a_build_with_errors_still_shows_the_view_of_the_site_as_it_is() {
    // The Dutch home page links to a Dutch essay that does not exist yet:
    // the build fails, and the view is where the author sees what to write.
    let site = TestSite::minimal().file("content/essay/fr.md", FR).file(
        "content/nl.md",
        "+++\ntitle = \"Thuis\"\n+++\nLees [het essay](@/essay).\n",
    );
    let server = Server::start(&site, &[]);
    let overview = server.get(VIEW);
    assert_eq!(overview.status, 200, "{}", overview.body);
    assert_eq!(state(&overview.body, "essay", "nl"), "missing");
    assert!(
        overview.body.contains("praxis-errors"),
        "with the errors over it"
    );
}

#[test]
fn a_draft_is_shown_as_a_draft() {
    let site = TestSite::minimal().file("content/essay/fr.md", FR).file(
        "content/essay/nl.md",
        "+++\ntitle = \"Mentorschap\"\ndraft = true\n+++\nEerste alinea.\n",
    );
    let server = Server::start(&site, &[]);
    let overview = server.get(VIEW).body;
    assert_eq!(state(&overview, "essay", "nl"), "draft");
    assert_eq!(state(&overview, "essay", "fr"), "in-step");
    assert!(overview.contains("data-count=\"draft:1\""));
    // Drafts in the preview are still drafts to the view.
    let with_drafts = Server::start(&site, &["--drafts"]);
    assert_eq!(state(&with_drafts.get(VIEW).body, "essay", "nl"), "draft");
}

#[test]
fn the_seed_essay_with_one_paragraph_edited_is_aligned_block_by_block() {
    let site = TestSite::example();
    site.praxis(&["check"]).success();
    let server = Server::start(&site, &[]);
    let fr = site.read("content/articles/mentorschap/fr.md");
    let edited = fr.replacen(
        "Le mentor n'est donc pas un expert qui apporte une solution toute faite.",
        "Le mentor n'est donc pas un expert qui arrive avec une réponse toute prête.",
        1,
    );
    assert_ne!(edited, fr, "the seed essay still has the sentence");
    site.write("content/articles/mentorschap/fr.md", &edited);
    eventually("the essay out of date", || {
        state(&server.get(VIEW).body, "articles/mentorschap", "nl") == "out-of-date"
    });
    let page_html = page(&server, "articles/mentorschap");
    let changed = rows(&page_html, "changed");
    assert_eq!(changed.len(), 1, "{page_html}");
    assert!(
        changed[0].contains("<del>apporte</del><ins>arrive avec</ins>"),
        "{}",
        changed[0]
    );
    assert!(
        changed[0].contains("De mentor is dus geen expert die een afgewerkte oplossing aanbiedt."),
        "the Dutch paragraph beside it: {}",
        changed[0]
    );
    // Every other block, headings included, stands beside its translation.
    let same = rows(&page_html, "same");
    assert!(same.len() >= 14, "{}", same.len());
    assert!(
        same.iter().all(|r| !r.contains("class=\"none\"")),
        "{page_html}"
    );
    assert!(
        same.iter()
            .any(|r| r.contains("## Conclusion") && r.contains("## Conclusie"))
    );
}

#[test]
fn accept_over_http_does_what_check_accept_does() {
    let site = agreed();
    let server = Server::start(&site, &[]);
    edit_and_wait(
        &site,
        &server,
        "content/essay/fr.md",
        &FR.replace(
            "Premier paragraphe.",
            "Premier paragraphe (une virgule près).",
        ),
        ("out-of-date", "ahead"),
    );
    let page_html = page(&server, "essay");
    let body = format!("token={}&key=essay&lang=nl", token(&page_html));
    let accepted = server.post(
        &format!("{VIEW}accept"),
        &[
            ("Origin", &server.origin()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        body.as_bytes(),
    );
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    assert_eq!(
        accepted.header("location"),
        Some("/_praxis/translations/page?key=essay&lang=nl")
    );
    assert_eq!(
        states(&server, "essay"),
        ("in-step".into(), "in-step".into())
    );
    let check = site.praxis(&["check"]);
    check.success();
    assert!(!check.stderr.contains("out of date"), "{}", check.stderr);
    assert!(
        site.read("translations.lock")
            .contains("Premier paragraphe (une virgule près).")
    );
}

#[test]
fn changes_from_another_origin_or_without_the_token_are_refused() {
    let site = agreed();
    let server = Server::start(&site, &[]);
    site.write("content/essay/fr.md", &FR.replace("Premier", "Le premier"));
    eventually("out of date", || {
        states(&server, "essay").0 == "out-of-date"
    });
    let lock = site.read("translations.lock");
    let good = token(&page(&server, "essay"));
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    for (origin, body, why) in [
        (
            Some("http://evil.example"),
            format!("token={good}&key=essay"),
            "another origin",
        ),
        (None, format!("token={good}&key=essay"), "no origin"),
        (
            Some(server.origin().as_str()),
            "key=essay".to_owned(),
            "no token",
        ),
        (
            Some(server.origin().as_str()),
            "token=0000&key=essay".to_owned(),
            "a wrong token",
        ),
    ] {
        let mut headers = form.to_vec();
        if let Some(origin) = origin {
            headers.push(("Origin", origin));
        }
        let response = server.post(&format!("{VIEW}accept"), &headers, body.as_bytes());
        assert_eq!(response.status, 403, "{why}: {}", response.body);
    }
    // A page of another site that names this server by another name (DNS
    // rebinding) is refused before anything else.
    let port = server.address.rsplit(':').next().unwrap();
    let body = format!("token={good}&key=essay");
    let mut stream = TcpStream::connect(&server.address).unwrap();
    write!(
        stream,
        "POST {VIEW}accept HTTP/1.1\r\nHost: evil.example:{port}\r\nOrigin: http://evil.example:{port}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    let _ = stream.read_to_string(&mut raw);
    assert!(raw.starts_with("HTTP/1.1 403"), "{raw}");
    assert_eq!(site.read("translations.lock"), lock, "nothing was accepted");
    assert_eq!(server.request("GET", &format!("{VIEW}accept")).status, 405);
}

#[test]
fn the_view_answers_only_its_own_host() {
    let site = agreed();
    let server = Server::start(&site, &[]);
    let port = server.address.rsplit(':').next().unwrap();
    for host in [
        format!("evil.example:{port}"),
        "127.0.0.1".to_owned(),
        String::new(),
    ] {
        let response = raw_get(&server.address, &host, VIEW);
        assert_eq!(response.0, 403, "Host {host:?}: {}", response.1);
    }
    assert_eq!(
        raw_get(&server.address, &format!("localhost:{port}"), VIEW).0,
        200
    );
    // The site's own pages are not the view's business.
    assert_eq!(
        raw_get(&server.address, &format!("evil.example:{port}"), "/nl/").0,
        200
    );
}

#[test]
fn the_view_answers_only_requests_from_this_computer() {
    let site = agreed();
    // Bound to every address, as someone showing the preview on a phone
    // might: the site is for anyone on the network, the view is not.
    let server = Server::start(&site, &["--bind", "0.0.0.0"]);
    let port = server.address.rsplit(':').next().unwrap();
    // This machine's address on its network (no packet is sent).
    let probe = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
    probe
        .connect("192.0.2.1:9")
        .expect("a network address to test from");
    let own = probe.local_addr().unwrap().ip();
    assert!(!own.is_loopback(), "{own}");
    let from_network = format!("{own}:{port}");
    let host = format!("localhost:{port}");
    assert_eq!(raw_get(&from_network, &host, VIEW).0, 403);
    assert_eq!(raw_get(&from_network, &host, "/nl/").0, 200);
    assert_eq!(raw_get(&format!("127.0.0.1:{port}"), &host, VIEW).0, 200);
}

#[test]
fn the_view_is_never_part_of_a_build() {
    let site = agreed();
    site.build(&[]).success();
    assert!(
        site.files().iter().all(|f| !f.contains("_praxis")),
        "{:?}",
        site.files()
    );
}

#[test]
fn titles_and_text_are_escaped() {
    let site = TestSite::minimal().file(
        "content/essay/fr.md",
        "+++\ntitle = \"<script>alert(1)</script>\"\n+++\n<img src=x onerror=alert(2)>\n",
    );
    let server = Server::start(&site, &[]);
    let overview = server.get(VIEW).body;
    assert!(
        overview.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{overview}"
    );
    assert!(!overview.contains("<script>alert"));
    let page_html = page(&server, "essay");
    assert!(
        page_html.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "{page_html}"
    );
    assert!(!page_html.contains("<img src=x"));
    let response = server.get(VIEW);
    assert_eq!(response.header("x-frame-options"), Some("DENY"));
    assert!(
        response
            .header("content-security-policy")
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
}

#[test]
fn the_view_follows_edits_to_drafts_and_to_the_lock() {
    let site = agreed();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    // A draft changes no page, but the view shows it.
    site.write(
        "content/later/nl.md",
        "+++\ntitle = \"Later\"\ndraft = true\n+++\nTekst.\n",
    );
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("translations")
    );
    site.write("content/essay/fr.md", &FR.replace("Premier", "Le premier"));
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    // `praxis check --accept` in a terminal: the view follows.
    site.praxis(&["check", "--accept", "essay"]).success();
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("translations")
    );
}

/// A GET with the Host header given (none when empty).
fn raw_get(address: &str, host: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    let host_line = if host.is_empty() {
        String::new()
    } else {
        format!("Host: {host}\r\n")
    };
    write!(
        stream,
        "GET {path} HTTP/1.1\r\n{host_line}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    let _ = stream.read_to_string(&mut raw);
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, raw)
}
