//! `praxis build --endpoint-bundle DIR` and `praxis forms serve --bundle
//! DIR`: the endpoint runs on a server from one folder, without the site's
//! source — deployed here exactly as the README says, into an empty folder.

use crate::forms::{FORM, contact, urlencode};
use crate::forms_proxy::ORIGIN;
use crate::server::Server;
use crate::support::{TestSite, copy_tree};

fn bundled() -> TestSite {
    let site = TestSite::example();
    let run = site.build(&["--endpoint-bundle", site.path("endpoint").to_str().unwrap()]);
    run.success();
    assert!(run.stdout.contains("endpoint bundle:"), "{}", run.stdout);
    site
}

fn bundle_files(site: &TestSite) -> Vec<String> {
    site.files()
        .into_iter()
        .filter_map(|f| f.strip_prefix("endpoint/").map(str::to_owned))
        .collect()
}

#[test]
fn the_bundle_holds_what_the_endpoint_needs_and_none_of_the_articles() {
    let site = bundled();
    let files = bundle_files(&site);
    for needed in [
        "praxis-endpoint.toml",
        "site.toml",
        "content/contact/nl.md",
        "content/contact/fr.md",
        "content/bedankt/fr.md",
        "themes/praxis/templates/page.html",
        "themes/praxis/i18n/fr.ftl",
    ] {
        assert!(files.iter().any(|f| f == needed), "{needed} in {files:?}");
    }
    for absent in [
        "data/",
        "demo/",
        "public/",
        ".praxis-cache/",
        "translations.lock",
    ] {
        assert!(
            !files.iter().any(|f| f.starts_with(absent)),
            "nothing of {absent} in the bundle"
        );
    }
    let essay = site.read("endpoint/content/articles/mentorschap/nl.md");
    assert!(
        essay.contains("title = \"Mentorschap\""),
        "its title and slug stay"
    );
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mentorschap.nl.txt"
    ))
    .unwrap();
    let sentence = fixture.lines().find(|l| l.len() > 80).unwrap();
    for file in &files {
        let text = std::fs::read(site.path(&format!("endpoint/{file}"))).unwrap();
        let text = String::from_utf8_lossy(&text);
        assert!(
            !text.contains(&sentence[..60]),
            "the essay's text is in {file}"
        );
    }
    let contact = site.read("endpoint/content/contact/nl.md");
    assert_eq!(
        contact,
        site.read("content/contact/nl.md"),
        "a form's page is whole"
    );
}

#[test]
fn a_bundle_deployed_as_the_readme_says_answers_the_forms() {
    let site = bundled();
    // "Copy the folder to the server": here, an empty folder elsewhere.
    let server_disk = TestSite::empty();
    copy_tree(
        &site.path("endpoint"),
        &server_disk.path("srv/praktijk-forms"),
    );
    let deployed = server_disk.path("srv/praktijk-forms");
    let endpoint = Server::start_command(
        &server_disk,
        &[
            "forms",
            "serve",
            "--bundle",
            deployed.to_str().unwrap(),
            "--port",
            "0",
        ],
        "answering forms at http://",
    );
    let sent = endpoint.post(
        "/forms/contact",
        &[("Origin", ORIGIN), ("Content-Type", FORM)],
        contact("fr", "Bonjour").as_bytes(),
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(sent.header("location"), Some("/fr/merci/"));
    let mistake = urlencode(&[
        ("_lang", "fr"),
        ("_page", "/fr/contact/"),
        ("name", "Anne"),
        ("email", "anne@"),
        ("message", "Bonjour"),
        ("website", ""),
    ]);
    let again = endpoint.post(
        "/forms/contact",
        &[("Origin", ORIGIN), ("Content-Type", FORM)],
        mistake.as_bytes(),
    );
    assert_eq!(again.status, 422);
    assert!(
        again.body.contains("<html lang=\"fr\""),
        "the French page, themed"
    );
    assert!(again.body.contains("name=\"email\""), "with its form");
    assert!(server_disk.exists("srv/praktijk-forms/data/forms.sqlite"));
    let token = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("--root")
        .arg(&deployed)
        .args(["forms", "token"])
        .output()
        .unwrap();
    assert!(
        token.status.success(),
        "a token for pulling, made on the server"
    );
}

#[test]
fn a_folder_that_is_not_a_bundle_is_refused() {
    let site = TestSite::example();
    let run = site.praxis(&[
        "forms",
        "serve",
        "--bundle",
        site.path("content").to_str().unwrap(),
    ]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("not an endpoint bundle"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_bundle_never_replaces_the_site_or_its_sources() {
    let site = TestSite::example();
    for dir in ["public", "content/bundle", "."] {
        let target = site.path(dir);
        let run = site.build(&["--endpoint-bundle", target.to_str().unwrap()]);
        assert_eq!(run.code, Some(2), "{dir}: {}", run.stderr);
    }
    assert!(site.exists("content/contact/nl.md"));
}
