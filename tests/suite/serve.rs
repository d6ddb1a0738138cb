//! `praxis serve --watch`: a real server on an ephemeral port over a
//! temporary copy of a site.

use std::time::Duration;

use crate::server::{Events, Response, Server, eventually, request, request_with};
use crate::support::TestSite;

#[test]
fn serves_pages_files_and_404s() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let home = server.get("/nl/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("<html lang=\"nl\">"));
    assert!(
        home.body
            .contains("<script src=\"/__praxis/live.js\"></script>"),
        "live reload in serve"
    );

    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(
        server.get("/favicon.svg").header("content-type"),
        Some("image/svg+xml; charset=utf-8")
    );
    assert_eq!(
        server.get("/nl/atom.xml").header("content-type"),
        Some("application/atom+xml; charset=utf-8")
    );

    let redirect = server.get("/fr/articles");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location"), Some("/fr/articles/"));

    let missing = server.get("/fr/nulle-part/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Page introuvable"),
        "the French 404 page"
    );
    let missing = server.get("/nergens.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Pagina niet gevonden"));

    let head = server.request("HEAD", "/nl/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(server.request("DELETE", "/nl/").status, 405);

    // The build output itself carries no script.
    site.build(&[]).success();
    let built = site.read("public/nl/index.html");
    assert!(!built.contains("live.js"), "no live reload in built pages");
    assert_eq!(
        built.matches("<script").count(),
        built
            .matches("<script type=\"application/ld+json\">")
            .count(),
        "no script but structured data"
    );
}

#[test]
fn nothing_outside_the_site_is_ever_served() {
    let site = TestSite::example();
    std::fs::write(site.path("../praxis-secret.txt"), "geheim").ok();
    // (A link out of the site is an error of the site itself: see
    // links::serve_reports_a_link_out_of_the_site_like_build.)
    let server = Server::start(&site, &[]);
    for path in [
        "/../site.toml",
        "/nl/../../site.toml",
        "/%2e%2e/site.toml",
        "/nl/%2e%2e/%2e%2e/site.toml",
        "/..%2fsite.toml",
        "/nl%2f..%2f..%2fsite.toml",
        "/..%5csite.toml",
        "/content/nl.md",
        "/site.toml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/../praxis-secret.txt",
    ] {
        let response = server.get(path);
        assert!(
            response.status == 400 || response.status == 404,
            "{path}: {}",
            response.status
        );
        assert!(
            !response.body.contains("base_url"),
            "{path} leaked site.toml"
        );
        assert!(
            !response.body.contains("geheim"),
            "{path} leaked a file outside the site"
        );
        assert!(
            !response.body.contains("root:"),
            "{path} leaked /etc/passwd"
        );
    }
}

#[test]
fn an_edit_changes_the_page_and_sends_a_reload() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let path = "/nl/artikels/mentorschap/";
    assert!(!server.get(path).body.contains("Een nieuwe zin."));

    let file = "content/articles/mentorschap/nl.md";
    site.write(file, &format!("{}\nEen nieuwe zin.\n", site.read(file)));
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    assert!(server.get(path).body.contains("Een nieuwe zin."));
    // Its translation's switcher and the section list follow a title change.
    site.write(
        file,
        &site
            .read(file)
            .replace("title = \"Mentorschap\"", "title = \"Over mentorschap\""),
    );
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    assert!(
        server
            .get("/nl/artikels/")
            .body
            .contains("Over mentorschap")
    );
}

/// `praxis serve --watch` on a site, each save held between its two steps
/// (the saved page served; the rest not made yet) until [`Held::release`]:
/// what a request sees meanwhile.
struct Held {
    server: Server,
    release: std::path::PathBuf,
}

impl Held {
    fn start(site: &TestSite) -> Held {
        let release = site.path("release-the-second-step");
        let server = Server::start_command_env(
            site,
            &["serve", "--watch", "--port", "0"],
            " at http://",
            &[
                ("PRAXIS_FAULT_INJECTION", "before-the-second-step"),
                ("PRAXIS_FAULT_RELEASE", release.to_str().unwrap()),
            ],
        );
        Held { server, release }
    }

    /// A request for `path` sent now, on a thread of its own: it may wait
    /// for the second step.
    fn ask_meanwhile(&self, path: &'static str) -> std::thread::JoinHandle<Response> {
        let host = self
            .server
            .origin()
            .trim_start_matches("http://")
            .to_owned();
        std::thread::spawn(move || request(&host, "GET", path))
    }

    /// A request for `path`, sent now, that is still waiting half a second
    /// later: the file is the held second step's to make.
    fn ask_what_waits(&self, path: &'static str, what: &str) -> std::thread::JoinHandle<Response> {
        let asked = self.ask_meanwhile(path);
        std::thread::sleep(Duration::from_millis(500));
        assert!(!asked.is_finished(), "{what}");
        asked
    }

    /// Lets the held second step, and every one after it, go on.
    fn release(&self) {
        std::fs::write(&self.release, "").unwrap();
    }

    /// Writes a new article (`/nl/artikels/nieuw/`), a page that joins the
    /// site, and waits for the first step's reload, which serves it.
    fn write_new_article(site: &TestSite, events: &mut Events) {
        site.write(
            "content/articles/nieuw/nl.md",
            "+++\ntitle = \"Nieuw artikel\"\ndate = 2026-11-26\n+++\nVers.\n",
        );
        assert_eq!(
            events.next(Duration::from_secs(10)).as_deref(),
            Some("reload"),
            "the first step's reload"
        );
    }

    /// Holds the next save's second step again.
    fn hold_again(&self) {
        std::fs::remove_file(&self.release).unwrap();
    }
}

/// After an edit, the edited page is served, and open pages told, before
/// the lists that show it are made (held here between the two steps); a
/// list asked for meanwhile is answered once it is made again, never as it
/// was before the reload said the site changed — so the one reload is
/// enough, and the page the writer looks at does not reload twice.
#[test]
fn an_edited_page_is_served_before_its_lists_and_a_list_asked_for_meanwhile_waits_for_them() {
    let site = TestSite::example();
    let held = Held::start(&site);
    let server = &held.server;
    let mut events = server.events();
    let file = "content/articles/mentorschap/nl.md";
    site.write(
        file,
        &site
            .read(file)
            .replace("title = \"Mentorschap\"", "title = \"Over mentorschap\""),
    );
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload"),
        "the first step's reload"
    );
    assert!(
        server
            .get("/nl/artikels/mentorschap/")
            .body
            .contains("Over mentorschap"),
        "the edited page is served while its lists are not made yet"
    );
    let list = held.ask_what_waits(
        "/nl/artikels/",
        "a list asked for before it is made again waits for it",
    );
    held.release();
    let list = list.join().unwrap();
    assert_eq!(list.status, 200);
    assert!(
        list.body.contains("Over mentorschap"),
        "and shows the edit once made: {}",
        list.body
    );
    assert_eq!(
        events.next(Duration::from_millis(500)),
        None,
        "one save, one reload: a page that reloaded waited for its list"
    );
}

/// After a slug edit, the page is served at its new address first; a page
/// that links to it, asked for meanwhile, waits until its link is made
/// again, and then leads there.
#[test]
fn a_page_linking_to_a_page_that_moved_waits_for_its_new_link() {
    let site = TestSite::example();
    let held = Held::start(&site);
    let server = &held.server;
    let mut events = server.events();
    let file = "content/articles/mentorschap/nl.md";
    site.write(
        file,
        &site
            .read(file)
            .replacen("slug = \"mentorschap\"", "slug = \"over-mentorschap\"", 1),
    );
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    assert_eq!(server.get("/nl/artikels/over-mentorschap/").status, 200);
    let linking = held.ask_what_waits("/nl/aanbod/", "the linking page waits");
    held.release();
    let body = linking.join().unwrap().body;
    assert!(body.contains("/nl/artikels/over-mentorschap/"), "{body}");
    assert!(!body.contains("/nl/artikels/mentorschap/\""), "{body}");
}

/// A page that joins the site is served, and open pages told, before the
/// rest of the site is made again (held here between the two steps); one
/// that leaves it is gone at once. Everything else asked for meanwhile
/// waits for the whole build, which one reload announced.
#[test]
fn a_page_that_joins_or_leaves_the_site_is_served_first_and_the_rest_waits_for_the_build() {
    let site = TestSite::example();
    let held = Held::start(&site);
    let server = &held.server;
    let mut events = server.events();

    Held::write_new_article(&site, &mut events);
    assert!(
        server
            .get("/nl/artikels/nieuw/")
            .body
            .contains("Nieuw artikel"),
        "the new page is served while the rest is not made yet"
    );
    let list = held.ask_what_waits("/nl/artikels/", "the list waits for the whole build");
    held.release();
    assert!(
        list.join().unwrap().body.contains("Nieuw artikel"),
        "and lists the new page"
    );
    assert_eq!(
        events.next(Duration::from_millis(500)),
        None,
        "one save, one reload"
    );

    held.hold_again();
    site.remove("content/articles/nieuw");
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    let gone = held.ask_meanwhile("/nl/artikels/nieuw/");
    let list = held.ask_meanwhile("/nl/artikels/");
    // Answered while the second step is still held (a loaded machine may
    // take its time; a request that waited for the build never would).
    eventually("the removed page is gone at once", || gone.is_finished());
    assert_eq!(gone.join().unwrap().status, 404);
    std::thread::sleep(Duration::from_millis(500));
    assert!(!list.is_finished(), "the list waits for the whole build");
    held.release();
    assert!(
        !list.join().unwrap().body.contains("Nieuw artikel"),
        "and no longer lists the page"
    );
}

/// A page that joins or leaves the site is patched into the last build:
/// while its lists, tags, feed and sitemap are being made again, a file it
/// does not touch (the stylesheet, a page that shows nothing of it) is
/// served at once, not after a whole build; one it touches waits.
#[test]
fn files_a_page_that_joins_or_leaves_does_not_touch_are_served_without_waiting() {
    let site = TestSite::example();
    let held = Held::start(&site);
    let server = &held.server;
    let mut events = server.events();
    let untouched = ["/style.css", "/nl/contact/", "/fr/offre/"];

    Held::write_new_article(&site, &mut events);
    let asked: Vec<_> = untouched.map(|path| held.ask_meanwhile(path)).into();
    eventually("the files the new page does not touch are served", || {
        asked.iter().all(|a| a.is_finished())
    });
    for (path, answer) in untouched.iter().zip(asked) {
        assert_eq!(answer.join().unwrap().status, 200, "{path}");
    }
    let feed = held.ask_what_waits("/nl/atom.xml", "the feed waits for the second step");
    held.release();
    assert!(feed.join().unwrap().body.contains("Nieuw artikel"));

    held.hold_again();
    site.remove("content/articles/nieuw");
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    let asked: Vec<_> = untouched.map(|path| held.ask_meanwhile(path)).into();
    eventually(
        "the files the removed page did not touch are served",
        || asked.iter().all(|a| a.is_finished()),
    );
    let feed = held.ask_what_waits("/nl/atom.xml", "the feed waits for the second step");
    held.release();
    assert!(!feed.join().unwrap().body.contains("Nieuw artikel"));
}

#[test]
fn saving_by_rename_like_vim_works() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let file = site.path("content/over-mij/nl.md");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("Ik ben Marie Claes", "Ik heet Marie Claes");
    // vim: write the new text to a temporary file, move the old one aside,
    // move the new one in place, delete the backup.
    let temp = site.path("content/over-mij/.nl.md.new");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&file, site.path("content/over-mij/nl.md~")).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    std::fs::remove_file(site.path("content/over-mij/nl.md~")).unwrap();
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    assert!(
        server
            .get("/nl/over-mij/")
            .body
            .contains("Ik heet Marie Claes")
    );
    assert_eq!(
        events.next(Duration::from_millis(300)),
        None,
        "one burst, one rebuild"
    );
}

#[test]
fn created_renamed_and_deleted_folders() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let mut events = server.events();

    site.write(
        "content/articles/nieuw/nl.md",
        "+++\ntitle = \"Nieuw artikel\"\ndate = 2026-11-26\n+++\nVers.\n",
    );
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    assert_eq!(server.get("/nl/artikels/nieuw/").status, 200);
    assert!(server.get("/nl/artikels/").body.contains("Nieuw artikel"));

    std::fs::rename(
        site.path("content/articles/nieuw"),
        site.path("content/articles/hernoemd"),
    )
    .unwrap();
    eventually("the renamed folder is served at its new URL", || {
        server.get("/nl/artikels/hernoemd/").status == 200
    });
    assert_eq!(server.get("/nl/artikels/nieuw/").status, 404);

    site.remove("content/articles/hernoemd");
    eventually("the deleted article is gone", || {
        server.get("/nl/artikels/hernoemd/").status == 404
    });
    assert!(!server.get("/nl/artikels/").body.contains("Nieuw artikel"));
}

/// A folder made for a new page, empty, reloads nothing (the watcher lets
/// it pass: `serve/watch.rs`); the page saved in it afterwards is a
/// change of its own, watched in the new folder, and is served.
#[test]
fn a_page_saved_in_a_folder_made_empty_first_is_served() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let mut events = server.events();

    std::fs::create_dir_all(site.path("content/articles/leeg")).unwrap();
    assert_eq!(
        events.next(Duration::from_secs(2)),
        None,
        "an empty folder changes nothing"
    );
    site.write(
        "content/articles/leeg/nl.md",
        "+++\ntitle = \"Niet meer leeg\"\ndate = 2026-11-27\n+++\nTekst.\n",
    );
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    assert_eq!(server.get("/nl/artikels/leeg/").status, 200);
    assert!(server.get("/nl/artikels/").body.contains("Niet meer leeg"));
}

#[test]
fn a_new_slug_or_tag_moves_files_in_the_preview_as_a_build_would() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let file = "content/articles/mentorschap/fr.md";
    let (old, new) = ("/fr/articles/le-mentorat/", "/fr/articles/mentorat/");
    assert_eq!(server.get(old).status, 200);
    site.write(
        file,
        &site
            .read(file)
            .replacen("slug = \"le-mentorat\"", "slug = \"mentorat\"", 1),
    );
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    assert_eq!(server.get(new).status, 200, "the page at its new URL");
    assert_eq!(server.get(old).status, 404, "and no longer at its old one");
    assert!(
        server.get("/nl/artikels/mentorschap/").body.contains(new),
        "its translation's language switcher leads there"
    );

    // A tag no page had gets its page; it goes when the last page drops it.
    let tag = "/fr/sujets/confiance/";
    assert_eq!(server.get(tag).status, 404);
    let tagged = site.read(file);
    site.write(
        file,
        &tagged.replacen("tags = [", "tags = [\"confiance\", ", 1),
    );
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    assert_eq!(server.get(tag).status, 200, "the new tag's page");
    site.write(file, &tagged);
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    assert_eq!(
        server.get(tag).status,
        404,
        "the tag's page is gone with it"
    );
}

/// Many editors save by writing a new file and renaming it over the old
/// one (vim, Emacs, `sed -i`, JetBrains' safe write). That is an edit of
/// the page, not a change of the site's files: it reaches only the
/// outputs that read the page, as a save in place does. A file that
/// arrives by a rename, though, is a new page.
#[test]
fn a_save_that_renames_a_new_file_over_the_old_one_is_an_edit_of_the_page() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    server.printed();
    let file = "content/articles/mentorschap/nl.md";
    let temp = "content/articles/mentorschap/sedK3x9Qa";
    site.write(
        temp,
        &format!("{}\nVervangen door een hernoeming.\n", site.read(file)),
    );
    std::fs::rename(site.path(temp), site.path(file)).unwrap();
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    assert!(
        server
            .get("/nl/artikels/mentorschap/")
            .body
            .contains("Vervangen door een hernoeming."),
        "the page shows the save"
    );
    // Printed once the second step is made, which a loaded machine may
    // finish after the page was asked for.
    let mut printed = String::new();
    eventually("the rebuild is printed", || {
        printed.push_str(&server.printed());
        printed.contains("made again") || printed.contains("built")
    });
    assert!(
        printed.contains("files made again") || printed.contains("file made again"),
        "only the outputs that read the page were made again: {printed}"
    );

    let new = "content/articles/hernoemd/nl.md";
    site.write(
        "content/articles/mentorschap/sedP0w2Lm",
        "+++\ntitle = \"Hernoemd\"\ndate = 2026-11-30\n+++\n\nNieuw.\n",
    );
    std::fs::create_dir_all(site.path("content/articles/hernoemd")).unwrap();
    std::fs::rename(
        site.path("content/articles/mentorschap/sedP0w2Lm"),
        site.path(new),
    )
    .unwrap();
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    eventually("the page renamed into place is served", || {
        server.get("/nl/artikels/hernoemd/").status == 200
    });
}

#[test]
fn a_css_change_swaps_the_stylesheet_without_reloading() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let css = "themes/praxis/static/style.css";
    site.write(
        css,
        &format!("{}\nbody {{ outline: 1px solid red }}\n", site.read(css)),
    );
    assert_eq!(events.next(Duration::from_secs(10)).as_deref(), Some("css"));
    assert!(
        server
            .get("/style.css")
            .body
            .contains("outline: 1px solid red")
    );
}

#[test]
fn a_broken_template_shows_an_overlay_over_the_last_good_page() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    server.printed();

    let template = "themes/praxis/templates/page.html";
    let good = site.read(template);
    site.write(
        template,
        &good.replace("{{ page.title }}</h1>", "{{ page.title }</h1>"),
    );
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    let page = server.get("/nl/over-mij/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"praxis-errors\""), "the overlay");
    assert!(
        page.body.contains("themes/praxis/templates/page.html:"),
        "names the template"
    );
    assert!(
        page.body.contains("<h1>Over mij</h1>"),
        "the last good page underneath"
    );

    // The same mistake saved again is not printed again.
    let printed = server.printed();
    assert_eq!(
        printed.matches("template syntax error").count(),
        1,
        "{printed}"
    );
    site.write(
        "content/over-mij/nl.md",
        &site
            .read("content/over-mij/nl.md")
            .replace("Ik ben", "Ik ben echt"),
    );
    assert_eq!(
        events.next(Duration::from_millis(500)),
        None,
        "nothing new to show"
    );
    assert_eq!(server.printed().matches("template syntax error").count(), 0);

    site.write(template, &good);
    eventually("the overlay disappears once fixed", || {
        !server.get("/nl/over-mij/").body.contains("praxis-errors")
    });
    assert!(server.get("/nl/over-mij/").body.contains("Ik ben echt"));
}

#[test]
fn a_warning_that_stands_from_save_to_save_is_printed_once_then_counted() {
    let table = "| | Prix |\n|---|---|\n| Séance | 60 € |\n";
    let french = format!("+++\ntitle = \"Bienvenue\"\n+++\nBonjour.\n\n{table}");
    let site = TestSite::minimal().file("content/fr.md", &french);
    let server = Server::start(&site, &[]);
    let warning = "the table's header cell in column 1 is empty";
    let mut said = server.before_start.clone();
    eventually("the warning is printed", || {
        said.push_str(&server.printed());
        said.contains(warning)
    });

    site.write(
        "content/nl.md",
        "+++\ntitle = \"Welkom\"\n+++\nHallo daar.\n",
    );
    let mut said = String::new();
    eventually("the save is built", || {
        said.push_str(&server.printed());
        said.contains("built ")
    });
    // Read on another thread than the success line: let it catch up.
    said.push_str(&server.printed());
    assert!(!said.contains(warning), "not printed again: {said}");
    assert!(
        said.contains("1 warning shown before still stands"),
        "{said}"
    );

    // A new warning is printed, alone; the standing one is counted.
    site.write(
        "content/fr.md",
        &format!("{french}\nEt encore :\n\n{table}"),
    );
    let mut said = String::new();
    eventually("the second table is built", || {
        said.push_str(&server.printed());
        said.contains("built ")
    });
    said.push_str(&server.printed());
    assert_eq!(said.matches(warning).count(), 1, "{said}");
    assert!(said.contains("content/fr.md:12"), "the new one: {said}");
    assert!(
        said.contains("1 warning shown before still stands"),
        "{said}"
    );
}

#[test]
fn a_port_in_use_gets_a_clear_message() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let port = server.address.rsplit(':').next().unwrap();
    let run = site.praxis(&["serve", "--port", port]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("port {port} is already in use")),
        "{}",
        run.stderr
    );
    // The first server is unaffected.
    assert_eq!(request(&server.address, "GET", "/nl/").status, 200);
}

#[test]
fn ctrl_c_stops_the_server_cleanly_even_with_pages_open() {
    let site = TestSite::example();
    let mut server = Server::start(&site, &[]);
    let _events = server.events();
    let pid = server.pid().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = server
        .wait_for_exit(Duration::from_secs(10))
        .expect("the server stops");
    assert!(status.success(), "{status:?}");
    assert!(server.printed().contains("stopped"));
}

#[test]
fn a_site_broken_from_the_start_shows_its_errors_until_fixed() {
    let site = TestSite::example();
    let file = "content/over-mij/nl.md";
    let good = site.read(file);
    site.write(file, "+++\ntitle = \n+++\n");
    let server = Server::start(&site, &[]);
    let page = server.get("/nl/");
    assert_eq!(page.status, 500);
    assert!(page.body.contains("id=\"praxis-errors\""), "{}", page.body);
    assert!(page.body.contains("content/over-mij/nl.md:1"));
    assert!(page.body.contains("live.js"), "it reloads once fixed");
    site.write(file, &good);
    eventually("the fixed site is served", || {
        server.get("/nl/").status == 200
    });
}

#[test]
fn every_server_stops_cleanly_on_ctrl_c_sent_as_soon_as_it_says_it_listens() {
    // The handler is in place before the line that says where the server
    // listens: a Ctrl-C right after it stops the server, never kills it.
    let site = TestSite::example();
    site.praxis(&["forms", "token"]).success();
    for (args, marker) in [
        (&["serve", "--port", "0"][..], " at http://"),
        (
            &["forms", "serve", "--port", "0"][..],
            "answering forms at http://",
        ),
        (
            &["forms", "inbox", "--port", "0"][..],
            "your submissions: http://",
        ),
    ] {
        for _ in 0..3 {
            let mut server = Server::start_command(&site, args, marker);
            let pid = server.pid().to_string();
            assert!(
                std::process::Command::new("kill")
                    .args(["-INT", &pid])
                    .status()
                    .unwrap()
                    .success()
            );
            let status = server
                .wait_for_exit(Duration::from_secs(10))
                .expect("the server stops");
            assert!(status.success(), "{args:?}: {status:?}");
        }
    }
}

/// `GET /` with `Accept-Language: accept` (none when empty).
fn root_for(address: &str, method: &str, accept: &str) -> Response {
    let headers: &[(&str, &str)] = if accept.is_empty() {
        &[]
    } else {
        &[("Accept-Language", accept)]
    };
    request_with(address, method, "/", headers)
}

/// What `/` must answer at `address`, the preview's or the endpoint's: a
/// browser that names one of the site's languages is sent to its home
/// (weights honoured, a refused language never chosen), anything else
/// gets the chooser, and every answer says it varies with the header.
fn the_root_sends_each_browser_home(address: &str) {
    for (accept, home) in [
        ("fr-BE,fr;q=0.9,nl;q=0.8", "/fr/"),
        ("nl-BE,nl;q=0.9,en;q=0.8", "/nl/"),
        ("en-GB,en;q=0.9,fr;q=0.7,nl;q=0.3", "/fr/"),
        ("nl;q=0.2, fr;q=0.9", "/fr/"),
        ("fr;q=0, nl-BE;q=0.5", "/nl/"),
    ] {
        let sent = root_for(address, "GET", accept);
        assert_eq!(sent.status, 302, "{accept}");
        assert_eq!(sent.header("location"), Some(home), "{accept}");
        assert_eq!(sent.header("vary"), Some("Accept-Language"), "{accept}");
    }
    assert_eq!(root_for(address, "HEAD", "fr").status, 302);
    for accept in ["", "de-DE,de;q=0.9,en;q=0.5", "*", "fr;q=0"] {
        let chooser = root_for(address, "GET", accept);
        assert_eq!(chooser.status, 200, "{accept:?}: the chooser");
        assert!(
            chooser.body.contains("hreflang=\"nl\"") && chooser.body.contains("hreflang=\"fr\""),
            "{accept:?}: the chooser leads to every language"
        );
        assert_eq!(
            chooser.header("vary"),
            Some("Accept-Language"),
            "{accept:?}"
        );
    }
}

#[test]
fn the_preview_sends_a_browser_at_the_bare_address_to_its_languages_home() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    the_root_sends_each_browser_home(&server.address);
    // The chooser stays reachable at its file's own name, and nothing
    // else is redirected.
    let chooser = request_with(
        &server.address,
        "GET",
        "/index.html",
        &[("Accept-Language", "fr")],
    );
    assert_eq!(chooser.status, 200);
    let home = request_with(&server.address, "GET", "/nl/", &[("Accept-Language", "fr")]);
    assert_eq!(
        home.status, 200,
        "a language's own page is never redirected"
    );
}

#[test]
fn the_form_endpoint_sends_a_browser_at_the_bare_address_to_its_languages_home() {
    let site = TestSite::example();
    let endpoint = Server::start_command(
        &site,
        &["forms", "serve", "--port", "0"],
        "answering forms at http://",
    );
    the_root_sends_each_browser_home(&endpoint.address);
    assert_eq!(
        request(&endpoint.address, "GET", "/nl/").status,
        404,
        "the endpoint serves no page but /"
    );
}

#[test]
fn where_the_default_language_lives_at_the_root_the_bare_address_is_its_home() {
    let site = TestSite::minimal();
    let config = site.read("site.toml").replace(
        "default_language = \"nl\"",
        "default_language = \"nl\"\ndefault_language_at_root = true",
    );
    site.write("site.toml", &config);
    let server = Server::start(&site, &[]);
    let home = root_for(&server.address, "GET", "fr");
    assert_eq!(
        home.status, 200,
        "the French reader is not sent away from the Dutch home"
    );
    assert!(home.body.contains("Welkom"));
    assert_eq!(home.header("vary"), None);
}

#[test]
fn a_translation_written_while_serving_takes_the_place_of_the_notice_and_an_edit_follows() {
    let site = TestSite::with_default_theme().file(
        "content/alleen-nl/nl.md",
        "+++\ntitle = \"Alleen Nederlands\"\nslug = \"alleen\"\n+++\nTekst.\n",
    );
    let server = Server::start(&site, &[]);
    let notice = server.get("/fr/alleen/");
    assert_eq!(notice.status, 200);
    assert!(notice.body.contains("Alleen Nederlands"), "{}", notice.body);
    // A new title reaches the notice that offers the page.
    site.write(
        "content/alleen-nl/nl.md",
        "+++\ntitle = \"Enkel Nederlands\"\nslug = \"alleen\"\n+++\nTekst.\n",
    );
    eventually("the notice shows the new title", || {
        server.get("/fr/alleen/").body.contains("Enkel Nederlands")
    });
    // The translation arrives, at another address: the notice goes, and
    // the switcher leads to it.
    site.write(
        "content/alleen-nl/fr.md",
        "+++\ntitle = \"Seulement en français\"\nslug = \"seulement\"\n+++\nTexte.\n",
    );
    eventually("the translation is served", || {
        server.get("/fr/seulement/").status == 200
    });
    eventually("the notice is gone", || {
        server.get("/fr/alleen/").status == 404
    });
    assert!(
        server.get("/nl/alleen/").body.contains(
            "<a href=\"/fr/seulement/\" hreflang=\"fr\" lang=\"fr\">Lire en français</a>"
        )
    );
}
