//! praxis replaces only what it made: an output folder (`public/`,
//! `--output`, `--endpoint-bundle`) that is neither empty, missing, nor
//! praxis's own from an earlier build is refused, never emptied; a
//! `public` that links to a web root is followed and stays a link; and
//! files praxis did not make inside its own output (an endpoint's
//! database, a file put there by hand) stay through every build.

use std::os::unix::fs::MetadataExt;

use crate::forms::{FORM, contact};
use crate::forms_proxy::ORIGIN;
use crate::server::Server;
use crate::support::TestSite;

fn site() -> TestSite {
    TestSite::minimal().file(
        "content/over/nl.md",
        "+++\ntitle = \"Over\"\n+++\nVersie een.\n",
    )
}

/// Exit status 2 (the environment, not the input, is at fault), with a
/// message that says what to do, and no panic.
#[track_caller]
fn refused(run: &crate::support::Run, words: &[&str]) {
    assert_eq!(run.code, Some(2), "{}\n{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for word in words {
        assert!(run.stderr.contains(word), "{word:?} in:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("= help:"), "{}", run.stderr);
}

#[test]
fn an_output_folder_holding_files_praxis_did_not_make_is_refused_not_emptied() {
    let site = site()
        .file("agenda/afspraken.sqlite", "afspraken")
        .file("mijn-map/brief.txt", "Beste Marie")
        .file("mijn-map/foto.jpg", "jpeg");
    for folder in ["agenda", "mijn-map"] {
        let run = site.build(&["--output", site.path(folder).to_str().unwrap()]);
        refused(&run, &["praxis did not make"]);
    }
    assert_eq!(site.read("agenda/afspraken.sqlite"), "afspraken");
    assert_eq!(site.read("mijn-map/brief.txt"), "Beste Marie");
    assert_eq!(site.read("mijn-map/foto.jpg"), "jpeg");
}

#[test]
fn an_output_folder_that_leads_into_the_sites_sources_is_refused() {
    let site = site();
    site.build(&[]).success();
    let sneaky = site.path("public/../content");
    let run = site.build(&["--output", sneaky.to_str().unwrap()]);
    refused(&run, &["content/"]);
    // Through a link: the real path is what counts.
    std::os::unix::fs::symlink(site.path("templates"), site.path("uitvoer")).unwrap();
    std::fs::create_dir_all(site.path("templates")).unwrap();
    let run = site.build(&["--output", site.path("uitvoer").to_str().unwrap()]);
    refused(&run, &["templates/"]);
    assert!(site.exists("content/over/nl.md"));
    assert!(
        site.read("public/nl/over/index.html")
            .contains("Versie een.")
    );
}

#[test]
fn the_home_folder_and_the_root_are_never_an_output() {
    let site = site();
    let home = TestSite::empty();
    home.write("Documenten/brief.txt", "Beste Marie");
    for folder in [home.root().to_str().unwrap(), "/"] {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
            .arg("--root")
            .arg(site.root())
            .args(["build", "--output", folder])
            .env("HOME", home.root())
            .output()
            .unwrap();
        let run = crate::support::Run::from(run);
        refused(&run, &[folder]);
    }
    assert_eq!(home.read("Documenten/brief.txt"), "Beste Marie");
}

#[test]
fn an_empty_or_missing_output_folder_is_built_into() {
    let site = site();
    std::fs::create_dir_all(site.path("leeg")).unwrap();
    for folder in ["leeg", "nieuw/uitvoer"] {
        let out = site.path(folder);
        site.build(&["--output", out.to_str().unwrap()]).success();
        assert!(
            site.read(&format!("{folder}/nl/over/index.html"))
                .contains("Versie een.")
        );
        // Praxis's own now: the next build replaces it.
        site.write(
            "content/over/nl.md",
            "+++\ntitle = \"Over\"\n+++\nVersie twee.\n",
        );
        site.build(&["--output", out.to_str().unwrap()]).success();
        assert!(
            site.read(&format!("{folder}/nl/over/index.html"))
                .contains("Versie twee.")
        );
        site.write(
            "content/over/nl.md",
            "+++\ntitle = \"Over\"\n+++\nVersie een.\n",
        );
    }
}

#[test]
fn a_public_link_to_a_web_root_is_followed_and_stays_a_link() {
    let site = site();
    let web = TestSite::empty();
    std::fs::create_dir_all(web.path("www/praktijk")).unwrap();
    std::os::unix::fs::symlink(web.path("www/praktijk"), site.path("public")).unwrap();
    for version in ["Versie een.", "Versie twee."] {
        site.write(
            "content/over/nl.md",
            &format!("+++\ntitle = \"Over\"\n+++\n{version}\n"),
        );
        site.build(&[]).success();
        let link = std::fs::symlink_metadata(site.path("public")).unwrap();
        assert!(link.file_type().is_symlink(), "public stays a link");
        assert!(
            web.read("www/praktijk/nl/over/index.html")
                .contains(version),
            "the site is in the link's target"
        );
    }
    // Nothing of praxis's is left in the site's folder but the link.
    let beside: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with(".public"))
        .collect();
    assert_eq!(beside, Vec::<String>::new());
}

#[test]
fn a_public_link_to_a_web_root_holding_another_application_is_refused() {
    let site = site();
    let web = TestSite::empty();
    web.write("www/html/other-app.html", "<p>another application</p>");
    std::os::unix::fs::symlink(web.path("www/html"), site.path("public")).unwrap();
    let run = site.build(&[]);
    refused(&run, &["praxis did not make", "other-app.html"]);
    assert_eq!(
        web.read("www/html/other-app.html"),
        "<p>another application</p>"
    );
    assert!(
        std::fs::symlink_metadata(site.path("public"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // The same build again says the same: nothing was left half-done.
    refused(&site.build(&[]), &["praxis did not make"]);
}

#[test]
fn a_file_put_into_public_by_hand_is_kept_through_builds() {
    let site = site();
    site.build(&[]).success();
    site.write("public/google1234.html", "google-site-verification");
    site.write(
        "public/.well-known/security.txt",
        "Contact: marie@example.org",
    );
    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over\"\n+++\nVersie twee.\n",
    );
    let run = site.build(&[]);
    run.success();
    assert!(run.stderr.contains("google1234.html"), "{}", run.stderr);
    assert!(
        site.read("public/nl/over/index.html")
            .contains("Versie twee.")
    );
    assert_eq!(
        site.read("public/google1234.html"),
        "google-site-verification"
    );
    assert_eq!(
        site.read("public/.well-known/security.txt"),
        "Contact: marie@example.org"
    );
}

#[test]
fn a_file_put_into_public_where_a_new_page_goes_is_refused_not_overwritten() {
    let site = site();
    site.build(&[]).success();
    site.write("public/nl/nieuws/index.html", "<p>mijn eigen pagina</p>");
    site.write(
        "content/nieuws/nl.md",
        "+++\ntitle = \"Nieuws\"\n+++\nNieuw.\n",
    );
    let run = site.build(&[]);
    refused(&run, &["nl/nieuws/index.html"]);
    assert_eq!(
        site.read("public/nl/nieuws/index.html"),
        "<p>mijn eigen pagina</p>"
    );
    assert!(
        site.read("public/nl/over/index.html")
            .contains("Versie een.")
    );
}

#[test]
fn a_damaged_record_of_public_leaves_it_untouched_and_says_what_to_do() {
    let site = site();
    site.build(&[]).success();
    site.write("public/eigen.html", "mijn bestand");
    site.write(".public.praxis-manifest", "garbage");
    let run = site.build(&[]);
    refused(&run, &[".public.praxis-manifest"]);
    assert_eq!(site.read("public/eigen.html"), "mijn bestand");
}

/// `praxis forms serve --bundle` answering while the bundle is built
/// again: its database, which praxis did not make, stays, and the server
/// keeps storing into it.
#[test]
fn an_endpoint_bundle_rebuilt_under_its_running_server_keeps_every_submission() {
    let site = TestSite::example();
    let bundle = site.path("endpoint");
    let bundle_arg = bundle.to_str().unwrap();
    site.build(&["--endpoint-bundle", bundle_arg]).success();
    let serve = ["forms", "serve", "--bundle", bundle_arg, "--port", "0"];
    let endpoint = Server::start_command(&site, &serve, "answering forms at http://");
    let send = |endpoint: &Server, text: &str| {
        let sent = endpoint.post(
            "/forms/contact",
            &[("Origin", ORIGIN), ("Content-Type", FORM)],
            contact("nl", text).as_bytes(),
        );
        assert_eq!(sent.status, 303, "{}", sent.body);
    };
    send(&endpoint, "Eerste bericht");
    send(&endpoint, "Tweede bericht");
    let database = bundle.join("data/forms.sqlite");
    let inode = std::fs::metadata(&database).unwrap().ino();

    site.build(&["--endpoint-bundle", bundle_arg]).success();
    assert_eq!(
        std::fs::metadata(&database).unwrap().ino(),
        inode,
        "the database the server holds is the one in the bundle"
    );
    send(&endpoint, "Derde bericht");
    drop(endpoint);

    let endpoint = Server::start_command(&site, &serve, "answering forms at http://");
    send(&endpoint, "Vierde bericht");
    drop(endpoint);
    let list = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("--root")
        .arg(&bundle)
        .args(["forms", "list", "--identity"])
        .arg(site.path("demo/forms-demo-identity.txt"))
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    for n in ["#1 ", "#2 ", "#3 ", "#4 "] {
        assert!(list.contains(n), "submission {n} in:\n{list}");
    }
}

/// Everything in the output is published: the submissions database is
/// never in it, even before the first submission made its folder.
#[test]
fn an_output_folder_that_would_hold_the_submissions_database_is_refused() {
    let site = site();
    let run = site.build(&["--output", site.path("data").to_str().unwrap()]);
    refused(&run, &["submissions database", "is published"]);
    assert!(!site.exists("data"));
}
