//! Symlinks and file names: a build publishes only what is inside the site,
//! and every name it turns into a URL is one.

use std::os::unix::fs::symlink;

use crate::server::Server;
use crate::support::TestSite;

/// A site with a page whose folder will hold the links under test.
fn site_with_page() -> TestSite {
    TestSite::minimal()
        .file("content/over/nl.md", "+++\ntitle = \"Over\"\n+++\nTekst.\n")
        .file(
            "content/over/fr.md",
            "+++\ntitle = \"À propos\"\nslug = \"a-propos\"\n+++\nTexte.\n",
        )
}

fn link(site: &TestSite, target: &str, at: &str) {
    let at = site.path(at);
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    symlink(target, at).unwrap();
}

/// Every file of the output, with its text where it is text.
fn published(site: &TestSite) -> Vec<(String, String)> {
    site.files()
        .into_iter()
        .filter(|f| f.starts_with("public/"))
        .map(|f| {
            let text = std::fs::read(site.path(&f))
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            (f, text)
        })
        .collect()
}

#[test]
fn a_link_to_a_system_file_is_refused_by_build_and_check() {
    let site = site_with_page();
    link(&site, "/etc/passwd", "content/over/passwd.txt");
    let run = site.build(&[]);
    run.failure().error_at(
        "content/over/passwd.txt",
        &["points outside the site", "/etc/passwd"],
    );
    assert!(
        published(&site)
            .iter()
            .all(|(path, text)| !path.contains("passwd") && !text.contains("root:")),
        "nothing of /etc/passwd is published: {:?}",
        site.files()
    );
    site.praxis(&["check"])
        .failure()
        .error_at("content/over/passwd.txt", &["points outside the site"]);
}

#[test]
fn links_out_of_the_site_are_refused_wherever_they_are() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "geheim").unwrap();
    std::fs::create_dir_all(outside.path().join("folder")).unwrap();
    std::fs::write(outside.path().join("folder/a.txt"), "geheim").unwrap();
    let secret = outside.path().join("secret.txt");
    let secret = secret.to_str().unwrap();
    let folder = outside.path().join("folder");
    let folder = folder.to_str().unwrap();

    let site = site_with_page();
    // A relative link climbing out, a folder outside, the root of the
    // file system, a chain of links whose last one leads out, and the same
    // in static/, templates/ and i18n/.
    link(&site, "../../..", "content/over/up");
    link(&site, folder, "content/over/folder");
    link(&site, "/", "content/over/root");
    link(&site, secret, "chain-end.txt");
    link(&site, "../../chain-end.txt", "content/over/chain.txt");
    link(&site, secret, "static/secret.txt");
    link(&site, secret, "themes/plain/templates/partials/secret.html");
    link(&site, secret, "i18n/nl.ftl");

    let run = site.build(&[]);
    run.failure();
    for at in [
        "content/over/up",
        "content/over/folder",
        "content/over/root",
        "content/over/chain.txt",
        "static/secret.txt",
        "themes/plain/templates/partials/secret.html",
        "i18n/nl.ftl",
    ] {
        run.error_at(at, &["points outside the site"]);
    }
    assert!(
        published(&site)
            .iter()
            .all(|(_, text)| !text.contains("geheim")),
        "nothing from outside is published"
    );
    assert!(
        !run.stderr.contains("writable"),
        "not an I/O failure: {}",
        run.stderr
    );
}

#[test]
fn a_linked_theme_folder_outside_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let site = site_with_page();
    std::fs::rename(site.path("themes/plain"), outside.path().join("plain")).unwrap();
    link(
        &site,
        outside.path().join("plain").to_str().unwrap(),
        "themes/plain",
    );
    site.build(&[])
        .failure()
        .error_at("themes/plain", &["points outside the site"]);
}

#[test]
fn loops_and_dangling_links_are_located_errors() {
    let site = site_with_page();
    link(&site, "b.txt", "content/over/a.txt");
    link(&site, "a.txt", "content/over/b.txt");
    link(&site, "..", "content/over/parent");
    link(&site, "nowhere.txt", "content/over/dangling.txt");
    let run = site.build(&[]);
    run.failure()
        .error_at("content/over/a.txt", &["loop"])
        .error_at("content/over/b.txt", &["loop"])
        .error_at("content/over/parent", &["loop"])
        .error_at(
            "content/over/dangling.txt",
            &["nowhere.txt", "does not exist"],
        );
    assert!(!run.stderr.contains("writable"), "{}", run.stderr);
    site.praxis(&["check"])
        .failure()
        .error_at("content/over/a.txt", &["loop"]);
}

#[test]
fn a_link_inside_the_site_to_a_file_inside_keeps_working() {
    let site = site_with_page().file("static/shared/logo.svg", "<svg/>");
    link(
        &site,
        "../../static/shared/logo.svg",
        "content/over/logo.svg",
    );
    link(&site, "shared/logo.svg", "static/logo.svg");
    site.build(&[]).success();
    assert_eq!(site.read("public/nl/over/logo.svg"), "<svg/>");
    assert_eq!(site.read("public/fr/a-propos/logo.svg"), "<svg/>");
    assert_eq!(site.read("public/logo.svg"), "<svg/>");
}

#[test]
fn a_linked_page_file_outside_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let page = outside.path().join("nl.md");
    std::fs::write(&page, "+++\ntitle = \"Buiten\"\n+++\ngeheim\n").unwrap();
    let site = TestSite::minimal();
    link(&site, page.to_str().unwrap(), "content/buiten/nl.md");
    let run = site.build(&[]);
    run.failure()
        .error_at("content/buiten/nl.md", &["points outside the site"]);
    assert!(published(&site).iter().all(|(_, t)| !t.contains("geheim")));
}

#[test]
fn serve_reports_a_link_out_of_the_site_like_build() {
    let site = site_with_page();
    link(&site, "/etc/passwd", "content/over/passwd.txt");
    let server = Server::start(&site, &[]);
    let page = server.get("/nl/over/passwd.txt");
    assert_ne!(page.status, 200);
    assert!(!page.body.contains("root:"));
    let home = server.get("/nl/");
    assert!(
        home.body.contains("points outside the site"),
        "the error is shown over the page: {}",
        home.body
    );
}

#[test]
fn a_name_that_is_not_utf8_is_an_error_naming_its_folder() {
    use std::os::unix::ffi::OsStrExt;
    let site = site_with_page();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.jpg");
    std::fs::write(site.path("content/over").join(name), "x").unwrap();
    site.build(&[])
        .failure()
        .error_at("content/over", &["not valid UTF-8", "rename"]);
}

#[test]
fn folder_names_that_are_not_url_segments_are_refused_with_a_slug_to_use() {
    for folder in ["met spaties", "a?b", "a#b", "%2e%2e"] {
        let site = TestSite::minimal().file(
            &format!("content/{folder}/nl.md"),
            "+++\ntitle = \"Over\"\n+++\nTekst.\n",
        );
        let run = site.build(&[]);
        run.failure().error_at(
            &format!("content/{folder}/nl.md"),
            &["folder name", "slug = \""],
        );
        assert!(!site.exists("public"), "{folder}: nothing published");
    }
    // The slug given, the folder's name no longer matters.
    let site = TestSite::minimal().file(
        "content/met spaties/nl.md",
        "+++\ntitle = \"Over\"\nslug = \"met-spaties\"\n+++\nTekst.\n",
    );
    site.build(&[]).success();
    assert!(site.exists("public/nl/met-spaties/index.html"));
}

#[test]
fn a_folder_without_a_page_on_the_way_is_checked_too() {
    let site = TestSite::minimal().file(
        "content/oud archief/stuk/nl.md",
        "+++\ntitle = \"Stuk\"\n+++\nTekst.\n",
    );
    site.build(&[]).failure().error_at(
        "content/oud archief/stuk/nl.md",
        &["`oud archief`", "rename the folder"],
    );
}

#[test]
fn decomposed_folder_names_give_composed_urls() {
    // "café" as macOS writes it: e + combining acute accent.
    let site = TestSite::minimal().file(
        "content/cafe\u{301}/nl.md",
        "+++\ntitle = \"Café\"\n+++\nZie [hier](@/caf\u{e9}).\n",
    );
    site.build(&[]).success();
    assert!(
        site.exists("public/nl/caf\u{e9}/index.html"),
        "NFC path: {:?}",
        site.files()
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        !sitemap.contains("e\u{301}"),
        "no NFD in the sitemap: {sitemap}"
    );
}
