//! A praxis built without some of its Cargo features (`cargo build
//! --no-default-features`): a whole generator for a site that asks for
//! none of them, and a located error, naming the feature, for a site that
//! asks for one. `scripts/test.sh` runs this module in such a build too;
//! in the default build, the tests of a left-out feature are compiled out.

use crate::support::TestSite;

#[test]
fn a_site_that_asks_for_no_optional_feature_builds_in_any_build_of_praxis() {
    let site = TestSite::with_default_theme()
        .file(
            "content/over-mij/nl.md",
            "+++\ntitle = \"Over mij\"\n+++\nIk luister.\n",
        )
        .file(
            "content/over-mij/fr.md",
            "+++\ntitle = \"À propos\"\nslug = \"a-propos\"\n+++\nJ’écoute.\n",
        );
    site.build(&[]).success();
    assert!(
        site.read("public/nl/over-mij/index.html")
            .contains("Ik luister.")
    );
    assert!(
        site.read("public/fr/a-propos/index.html")
            .contains("J’écoute.")
    );
    site.praxis(&["check"]).success();
}

/// The line of site.toml where `text` starts.
#[cfg(not(feature = "search"))]
fn line_of(site: &TestSite, file: &str, text: &str) -> usize {
    let source = site.read(file);
    let at = source.find(text).expect("the text is in the file");
    source[..at].lines().count() + 1
}

#[cfg(not(feature = "search"))]
#[test]
fn a_site_that_turns_on_search_is_told_where_and_which_feature_it_lacks() {
    let site = TestSite::with_default_theme();
    // A comment that names the table is not where the site asks for it.
    let config = site.read("site.toml")
        + "\n# [search] gives every language its search page\n[search]\nenabled = true\n";
    site.write("site.toml", &config);
    let line = line_of(&site, "site.toml", "[search]\nenabled");
    let expected = [
        "site.toml turns on [search], but this praxis was built without the `search` feature",
        "cargo install praxis --features search",
    ];
    site.build(&[])
        .failure()
        .error_at(&format!("site.toml:{line}"), &expected);
    assert!(
        !site.exists("public"),
        "a site without its search must not be published"
    );
    site.praxis(&["check"])
        .failure()
        .error_at(&format!("site.toml:{line}"), &expected);
}

#[cfg(not(feature = "images"))]
#[test]
fn a_photo_beside_a_page_is_an_error_at_the_photo_not_published_as_it_is() {
    let site = TestSite::minimal()
        .file(
            "content/over/nl.md",
            "+++\ntitle = \"Over\"\n+++\n![Een foto](foto.jpg)\n",
        )
        .file(
            "content/over/fr.md",
            "+++\ntitle = \"À propos\"\nslug = \"a-propos\"\n+++\n![Une photo](foto.jpg)\n",
        );
    site.write_bytes(
        "content/over/foto.jpg",
        &crate::images::photos::phone_jpeg(400, 300, 1, 90),
    );
    site.build(&[]).failure().error_at(
        "content/over/foto.jpg",
        &[
            "this praxis was built without the `images` feature",
            "cargo install praxis --features images",
        ],
    );
    // Never the original, with its GPS position, in its place.
    assert!(!site.exists("public"));
}

/// The photo's pixels are not read before this praxis knows it cannot
/// publish it: a photo whose pixels are damaged (its header is whole, so its
/// size is known) is told what this praxis lacks.
#[cfg(not(feature = "images"))]
#[test]
fn a_photo_is_told_the_missing_feature_before_its_pixels_are_read() {
    let site = TestSite::minimal()
        .file(
            "content/over/nl.md",
            "+++\ntitle = \"Over\"\n+++\n![Een foto](foto.png)\n",
        )
        .file(
            "content/over/fr.md",
            "+++\ntitle = \"À propos\"\nslug = \"a-propos\"\n+++\n![Une photo](foto.png)\n",
        );
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(crate::images::photos::pixels(40, 30))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    // Its first pixel data (the IDAT chunk after the 8-byte signature and
    // the 25-byte IHDR) overwritten: no longer compressed data.
    let idat = png.windows(4).position(|w| w == b"IDAT").unwrap() + 4;
    png[idat..idat + 16].fill(0xff);
    site.write_bytes("content/over/foto.png", &png);
    let out = site.build(&[]);
    out.failure();
    out.error_at(
        "content/over/foto.png",
        &["this praxis was built without the `images` feature"],
    );
    assert!(!out.stderr.contains("cannot be read"), "{}", out.stderr);
}

#[cfg(not(feature = "forms-server"))]
#[test]
fn praxis_forms_says_at_the_declared_forms_that_the_form_server_is_missing() {
    let site = TestSite::with_default_theme()
        .file("content/bedankt/nl.md", "+++\ntitle = \"Bedankt\"\n+++\n")
        .file(
            "content/bedankt/fr.md",
            "+++\ntitle = \"Merci\"\nslug = \"merci\"\n+++\n",
        );
    let config = site.read("site.toml")
        + "\n# [forms.contact] is the contact form\n[forms.contact]\nthanks = \"bedankt\"\nfields = [{ name = \"message\", type = \"textarea\", required = true }]\n";
    site.write("site.toml", &config);
    let line = line_of(&site, "site.toml", "[forms.contact]\nthanks");
    for command in [
        &["forms", "list"][..],
        &["forms", "pull", "--from", "https://forms.example.org"],
    ] {
        site.praxis(command).failure().error_at(
            &format!("site.toml:{line}"),
            &[
                &format!("`praxis forms {}` needs the form server, but this praxis was built without the `forms-server` feature", command[1]),
                "cargo install praxis --features forms-server",
            ],
        );
    }
    // The forms themselves need no server: the site builds.
    site.build(&[]).success();
}

#[cfg(not(feature = "images"))]
#[test]
fn resize_image_in_a_template_is_an_error_at_the_photo_it_would_resize() {
    let site = TestSite::minimal().file(
        "themes/plain/templates/index.html",
        r#"{% set small = resize_image(path="kamer.jpg", width=100, op="fit_width") %}<img src="{{ small.url }}">"#,
    );
    site.write_bytes(
        "static/kamer.jpg",
        &crate::images::photos::phone_jpeg(400, 300, 1, 90),
    );
    site.build(&[]).failure().error_at(
        "static/kamer.jpg",
        &[
            "this praxis was built without the `images` feature",
            "cargo install praxis --features images",
        ],
    );
}

#[cfg(not(feature = "serve"))]
#[test]
fn praxis_serve_and_desk_name_the_feature_they_need() {
    let site = TestSite::minimal();
    for command in ["serve", "desk"] {
        let run = site.praxis(&[command, "--port", "0"]);
        run.failure();
        assert!(
            run.stderr.starts_with(&format!(
                "error: `praxis {command}` needs the preview server, but this praxis was built without the `serve` feature\n   = help: install the full praxis (the README's Install section), or cargo install praxis --features serve"
            )),
            "{}",
            run.stderr
        );
    }
}

#[cfg(not(feature = "wordpress"))]
#[test]
fn praxis_import_wordpress_names_the_feature_it_needs_and_writes_nothing() {
    let site = TestSite::minimal().file("export.xml", "<rss version=\"2.0\"></rss>\n");
    let before = site.files();
    let run = site.praxis(&["import", "wordpress", "export.xml"]);
    run.failure();
    assert!(
        run.stderr.starts_with(
            "error: `praxis import wordpress` needs the WordPress import, but this praxis was built without the `wordpress` feature\n   = help: install the full praxis (the README's Install section), or cargo install praxis --features wordpress"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(site.files(), before, "nothing written");
}

/// `praxis init` without the form server makes the same site, without the
/// key pair it cannot make, and says so; the site builds.
#[cfg(not(feature = "forms-server"))]
#[test]
fn init_without_the_form_server_makes_a_site_without_a_key_pair_and_says_so() {
    let parent = tempfile::tempdir().unwrap();
    let run = crate::support::praxis_in(parent.path(), &["init", "praktijk"]);
    run.success();
    assert!(run.stdout.contains("no key pair"), "{}", run.stdout);
    let site = parent.path().join("praktijk");
    assert!(!site.join("data/forms-key.txt").exists());
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    assert!(toml.contains("# public_key ="), "{toml}");
    crate::support::praxis_in(&site, &["build"]).success();
}
