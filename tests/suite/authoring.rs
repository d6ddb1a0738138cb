//! `praxis init`, `praxis new`, `praxis import wordpress`, and what
//! `praxis check` advises.

use std::path::Path;

use crate::server::Server;
use crate::support::{REPO, Run, TestSite};

fn praxis_in(dir: &Path, args: &[&str]) -> Run {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    Run::from(output)
}

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

fn imported(fixture: &str) -> (TestSite, Run) {
    let parent = TestSite::empty();
    praxis_in(parent.root(), &["init", "site"]).success();
    let site = TestSite::empty();
    // Move the new site into a TestSite of its own.
    for file in parent.files() {
        if let Some(rest) = file.strip_prefix("site/") {
            site.write_bytes(rest, &std::fs::read(parent.path(&file)).unwrap());
        }
    }
    let export = Path::new(REPO).join("tests/fixtures").join(fixture);
    let run = site.praxis(&["import", "wordpress", export.to_str().unwrap()]);
    (site, run)
}

#[test]
fn wordpress_with_polylang() {
    let (site, run) = imported("wordpress-polylang.xml");
    run.success();
    assert!(
        run.stdout
            .contains("imported 3 posts and 2 pages (2 translated together)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("skipped “Home”: a WordPress nav_menu_item")
    );
    assert!(
        run.stdout
            .contains("https://oud.praktijk-debrug.example/wp-content/uploads/2019/05/stoelen.jpg"),
        "images are listed"
    );

    let nl = site.read("content/articles/mentorschap/nl.md");
    assert!(nl.contains("title = \"Mentorschap & coaching\""), "{nl}");
    assert!(nl.contains("slug = \"mentorschap\""));
    assert!(nl.contains("date = 2019-05-14T08:30:00Z"));
    assert!(nl.contains("tags = [\"mentorschap\"]"));
    assert!(nl.contains("description = \"Wat mentorschap is.\""));
    assert!(nl.contains("aliases = [\"/2019/05/mentorschap/\"]"));
    assert!(!nl.contains("draft"));
    assert!(
        nl.contains("Iemand begeleiden kan **verschillende vormen** aannemen."),
        "HTML became Markdown"
    );
    assert!(nl.contains("## Conclusie"));
    assert!(
        nl.contains("[zijn ervaring delen](@/over-mij)"),
        "links to old pages became node links"
    );
    assert!(nl.contains("![Twee stoelen](https://oud.praktijk-debrug.example/wp-content/uploads/2019/05/stoelen.jpg)"), "image URLs are kept");

    let fr = site.read("content/articles/mentorschap/fr.md");
    assert!(
        fr.contains("title = \"Le mentorat\""),
        "the translation lands in the same node: {fr}"
    );
    assert!(fr.contains("aliases = [\"/fr/2019/05/le-mentorat/\"]"));
    assert!(
        site.read("content/over-mij/fr.md")
            .contains("slug = \"à-propos\""),
        "percent-encoded slugs are decoded"
    );
    let draft = site.read("content/articles/nog-niet-af/nl.md");
    assert!(
        draft.contains("draft = true") && draft.contains("date = 2020-01-02T10:00:00"),
        "{draft}"
    );
    assert!(!draft.contains("aliases"), "?p= links cannot be redirected");

    site.build(&[]).success();
    assert!(
        site.read("public/2019/05/mentorschap/index.html")
            .contains("/nl/artikels/mentorschap/"),
        "old URLs redirect"
    );
    assert!(
        site.read("public/nl/artikels/mentorschap/index.html")
            .contains("href=\"/fr/articles/le-mentorat/\""),
        "paired translations"
    );
}

#[test]
fn wordpress_with_wpml() {
    let (site, run) = imported("wordpress-wpml.xml");
    run.success();
    assert!(
        run.stdout
            .contains("imported 2 posts and 0 pages (1 translated together)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("in de, which is not a language of this site"),
        "{}",
        run.stdout
    );
    // The node is named after the version in the site's default language.
    let fr = site.read("content/articles/het-eerste-gesprek/fr.md");
    assert!(
        fr.contains("title = \"Le premier entretien\"") && fr.contains("tags = [\"pratique\"]"),
        "{fr}"
    );
    assert!(
        site.read("content/articles/het-eerste-gesprek/nl.md")
            .contains("Een eerste gesprek is een kennismaking.")
    );
    site.build(&[]).success();
}

#[test]
fn a_malformed_export_is_refused_clearly_and_writes_nothing() {
    let (site, _) = imported("wordpress-polylang.xml");
    let before = site.files();
    let cut = TestSite::empty();
    let text =
        std::fs::read_to_string(Path::new(REPO).join("tests/fixtures/wordpress-polylang.xml"))
            .unwrap();
    let first_item = text.find("</item>").unwrap() + "</item>".len();
    cut.write("cut.xml", &text[..first_item]);
    cut.write("broken.xml", &text.replacen("</title>", "</titel>", 3));
    cut.write("other.xml", "<?xml version=\"1.0\"?><html><body/></html>");
    for (file, words) in [
        ("cut.xml", "cut short"),
        ("broken.xml", "not valid XML"),
        ("other.xml", "not a WordPress export"),
    ] {
        let run = site.praxis(&["import", "wordpress", cut.path(file).to_str().unwrap()]);
        run.failure();
        assert!(
            run.stderr.contains(file) && run.stderr.contains(words),
            "{file}: {}",
            run.stderr
        );
    }
    let broken = site.praxis(&[
        "import",
        "wordpress",
        cut.path("broken.xml").to_str().unwrap(),
    ]);
    assert!(
        broken.stderr.contains("broken.xml:9:"),
        "names the line: {}",
        broken.stderr
    );
    assert_eq!(site.files(), before, "nothing written");
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
