//! `praxis init`, `praxis new`, and what `praxis check` advises. (The
//! WordPress import has its own module, `wordpress.rs`.)

use std::path::Path;

use crate::server::Server;
use crate::support::{REPO, TestSite, praxis_in};

#[test]
fn init_makes_a_site_that_builds_and_serves() {
    let parent = TestSite::empty();
    praxis_in(parent.root(), &["init", "praktijk"]).success();
    let site = parent.path("praktijk");
    for file in [
        "site.toml",
        "content/nl.md",
        "content/fr.md",
        "content/articles/eerste-artikel/nl.md",
        "content/articles/eerste-artikel/fr.md",
        "i18n/nl.ftl",
        "i18n/fr.ftl",
        "themes/praxis/templates/page.html",
        "themes/praxis/i18n/fr.ftl",
        ".gitignore",
    ] {
        assert!(site.join(file).exists(), "{file}");
    }
    assert!(
        std::fs::read_to_string(site.join("site.toml"))
            .unwrap()
            .contains("# "),
        "a commented site.toml"
    );
    let run = praxis_in(&site, &["build"]);
    run.success();
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    let check = praxis_in(&site, &["check"]);
    check.success();
    assert!(
        check.stderr.contains("0 errors, 0 warnings"),
        "{}",
        check.stderr
    );

    // `praxis --root DIR serve --watch` works right after.
    let serving = TestSite::empty();
    praxis_in(serving.root(), &["init", "."]).success();
    let server = Server::start(&serving, &[]);
    assert_eq!(server.get("/nl/artikels/een-eerste-artikel/").status, 200);
    assert!(
        server
            .get("/fr/articles/un-premier-article/")
            .body
            .contains("Un premier article")
    );
}

#[test]
fn init_makes_a_complete_site_with_a_contact_form_that_works() {
    let site = TestSite::empty();
    praxis_in(site.root(), &["init", "."]).success();
    let root = site.root().to_path_buf();
    let check = praxis_in(&root, &["check"]);
    check.success();
    assert!(
        check.stderr.contains("0 errors, 0 warnings"),
        "a fresh site has nothing to report: {}",
        check.stderr
    );
    let key = std::fs::metadata(root.join("data/forms-key.txt")).expect("the private key");
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&key.permissions()) & 0o777,
        0o600,
        "only its owner reads the private key"
    );
    assert!(
        std::fs::read_to_string(root.join(".gitignore"))
            .unwrap()
            .contains("/data/"),
        "the key and the submissions stay out of git"
    );

    let server = Server::start(&site, &[]);
    for (path, words) in [
        ("/nl/contact/", "E-mailadres"),
        ("/fr/contact/", "Adresse e-mail"),
        ("/nl/privacy/", "Het contactformulier"),
        ("/fr/confidentialite/", "Le formulaire de contact"),
        ("/nl/bedankt/", "Bedankt voor je bericht"),
        ("/fr/merci/", "Merci pour votre message"),
    ] {
        let page = server.get(path);
        assert_eq!(page.status, 200, "{path}");
        assert!(page.body.contains(words), "{path}: {}", page.body);
    }
    let home = server.get("/fr/").body;
    assert!(
        home.contains("href=\"/fr/contact/\""),
        "the menu leads to the contact page: {home}"
    );
    let sent = server.post(
        "/forms/contact",
        &[
            ("Origin", &server.origin()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        b"_lang=fr&name=Anne&email=anne%40example.be&message=Bonjour&website=",
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(sent.header("location"), Some("/fr/merci/"));
    let list = praxis_in(&root, &["forms", "list"]);
    list.success();
    assert!(list.stdout.contains("message: Bonjour"), "{}", list.stdout);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = TestSite::example();
    let run = praxis_in(site.root(), &["init", "."]);
    run.failure();
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert_eq!(
        site.read("site.toml"),
        std::fs::read_to_string(Path::new(REPO).join("site.toml")).unwrap()
    );
}

#[test]
fn new_makes_a_draft_per_language_with_folded_slugs() {
    let site = TestSite::minimal();
    site.praxis(&["new", "articles/een-stap", "--title", "Één stap"])
        .success();
    let today = jiff::Zoned::now().date().to_string();
    for lang in ["nl", "fr"] {
        let text = site.read(&format!("content/articles/een-stap/{lang}.md"));
        assert!(text.contains(&format!("date = {today}")));
        assert!(text.contains("draft = true"));
    }
    let nl = site.read("content/articles/een-stap/nl.md");
    assert!(nl.contains("title = \"Één stap\""), "{nl}");
    assert!(nl.contains("slug = \"een-stap\""));
    site.praxis(&["new", "over", "--title", "fr=À propos de moi"])
        .success();
    assert!(
        site.read("content/over/fr.md")
            .contains("slug = \"a-propos-de-moi\"")
    );
    // Drafts: the site builds without them, and with them under --drafts.
    site.build(&[]).success();
    assert!(!site.exists("public/nl/over/index.html"));
    site.build(&["--drafts"]).success();
    assert!(site.exists("public/fr/a-propos-de-moi/index.html"));

    let again = site.praxis(&["new", "over"]);
    again.failure();
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert!(
        site.read("content/over/fr.md").contains("À propos de moi"),
        "nothing overwritten"
    );
    let bad = site.praxis(&["new", "Over Mij"]);
    bad.failure();
    assert!(bad.stderr.contains("lowercase"), "{}", bad.stderr);
}

#[test]
fn check_advises_descriptions_and_missing_thank_you_pages() {
    let site = TestSite::minimal()
        .file("content/zonder/nl.md", "+++\ntitle = \"Zonder\"\n+++\n")
        .file(
            "content/zonder/fr.md",
            "+++\ntitle = \"Sans\"\ndescription = \"Une phrase.\"\n+++\n",
        );
    let config = format!(
        "{}\n[forms.contact]\nthanks = \"bedankt\"\nfields = [{{ name = \"email\", type = \"email\", required = true }}]\n",
        site.read("site.toml")
    );
    site.write("site.toml", &config);
    let run = site.praxis(&["check"]);
    run.success();
    assert!(
        run.stderr
            .contains("warning: content/zonder/nl.md:1: this page has no description"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr
            .contains("content/zonder/fr.md:1: this page has no description")
    );
    assert!(run.stderr.contains("warning: site.toml:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("thank-you page of form `contact`, content/bedankt, does not exist")
    );
}

#[test]
fn check_reports_colliding_aliases_naming_both_pages() {
    let site = TestSite::minimal()
        .file(
            "content/a/nl.md",
            "+++\ntitle = \"A\"\ndescription = \"A.\"\naliases = [\"/oud/\"]\n+++\n",
        )
        .file(
            "content/b/nl.md",
            "+++\ntitle = \"B\"\ndescription = \"B.\"\naliases = [\"/oud/\"]\n+++\n",
        );
    let run = site.praxis(&["check", "--format", "json"]);
    run.failure();
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let collision = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap_or("")
                .contains("/oud/index.html")
        })
        .expect("the collision is reported");
    assert_eq!(collision["severity"], "error");
    assert_eq!(collision["file"], "content/b/nl.md");
    assert!(
        collision["message"]
            .as_str()
            .unwrap()
            .contains("content/a/nl.md")
    );
}
