//! Bad input: every error names the file and line, says what to do, and
//! the build fails without touching the previous output.

use crate::support::TestSite;

#[test]
fn malformed_front_matter_names_file_line_and_column() {
    let site = TestSite::minimal().file(
        "content/over/nl.md",
        "+++\ntitle = \"Over\"\ndate = 2026-11-\n+++\nTekst.\n",
    );
    site.build(&[])
        .failure()
        .error_at("content/over/nl.md:3:8", &["invalid front matter", "help:"]);
}

#[test]
fn front_matter_that_is_not_closed() {
    let site = TestSite::minimal().file("content/over/nl.md", "+++\ntitle = \"Over\"\nTekst.\n");
    site.build(&[])
        .failure()
        .error_at("content/over/nl.md:1", &["never closed"]);
}

#[test]
fn file_without_front_matter() {
    let site = TestSite::minimal().file("content/over/nl.md", "# Over\n\nTekst.\n");
    site.build(&[])
        .failure()
        .error_at("content/over/nl.md:1:1", &["front matter", "+++"]);
}

#[test]
fn missing_title() {
    let site = TestSite::minimal().file("content/over/nl.md", "+++\nslug = \"over\"\n+++\n");
    site.build(&[]).failure().error_at(
        "content/over/nl.md:1",
        &["missing field `title`", "title = "],
    );
}

#[test]
fn unknown_front_matter_field() {
    let site = TestSite::minimal().file(
        "content/over/nl.md",
        "+++\ntitle = \"Over\"\nauthor = \"Marie\"\n+++\n",
    );
    site.build(&[]).failure().error_at(
        "content/over/nl.md:3:1",
        &["unknown field `author`", "[extra]"],
    );
}

#[test]
fn language_file_for_a_language_the_site_lacks() {
    let site = TestSite::minimal().file("content/over/de.md", "+++\ntitle = \"Über\"\n+++\n");
    site.build(&[]).failure().error_at(
        "content/over/de.md",
        &[
            "`de.md` is not a language of this site",
            "nl, fr",
            "[languages.de]",
        ],
    );
}

#[test]
fn two_pages_at_one_url() {
    let site = TestSite::minimal()
        .file(
            "content/a/nl.md",
            "+++\ntitle = \"A\"\nslug = \"zelfde\"\n+++\n",
        )
        .file(
            "content/b/nl.md",
            "+++\ntitle = \"B\"\nslug = \"zelfde\"\n+++\n",
        );
    site.build(&[]).failure().error_at(
        "content/b/nl.md",
        &["/nl/zelfde/", "content/a/nl.md", "slug"],
    );
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let site = TestSite::minimal().file(
        "themes/plain/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title }\n{% endblock content %}\n",
    );
    site.build(&[]).failure().error_at(
        "themes/plain/templates/page.html:3",
        &["template syntax error"],
    );
}

#[test]
fn undefined_variable_names_template_and_line() {
    let site = TestSite::minimal()
        .file("content/a/nl.md", "+++\ntitle = \"A\"\n+++\n")
        .file("content/b/nl.md", "+++\ntitle = \"B\"\n+++\n")
        .file(
            "themes/plain/templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.auteur }}</p>\n{% endblock content %}\n",
        );
    let run = site.build(&[]);
    run.failure().error_at(
        "themes/plain/templates/page.html:4",
        &["auteur", "while rendering content/"],
    );
    assert_eq!(
        run.stderr.matches("page.html:4").count(),
        1,
        "one mistake is reported once, not once per page:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("and 1 other pages"), "{}", run.stderr);
}

#[test]
fn template_extending_a_missing_parent() {
    let site = TestSite::minimal().file(
        "templates/page.html",
        "{% extends \"layout.html\" %}{% block content %}{% endblock content %}",
    );
    site.build(&[])
        .failure()
        .error_at("templates/page.html", &["layout.html", "does not exist"]);
}

#[test]
fn missing_theme_points_at_site_toml() {
    let site = TestSite::minimal();
    let config = site
        .read("site.toml")
        .replace("theme = \"plain\"", "theme = \"kalm\"");
    site.write("site.toml", &config);
    site.build(&[]).failure().error_at(
        "site.toml:2",
        &["theme `kalm` not found", "themes/kalm/", "plain"],
    );
}

#[test]
fn unreadable_file() {
    let site = TestSite::minimal();
    std::fs::create_dir_all(site.path("content/over")).unwrap();
    std::os::unix::fs::symlink(site.path("nergens.md"), site.path("content/over/nl.md")).unwrap();
    site.build(&[])
        .failure()
        .error_at("content/over/nl.md", &["cannot read"]);
}

#[test]
fn file_that_is_not_utf8() {
    let site = TestSite::minimal();
    site.write_bytes(
        "content/over/nl.md",
        b"+++\ntitle = \"Over\"\n+++\nCaf\xe9\n",
    );
    site.build(&[])
        .failure()
        .error_at("content/over/nl.md:4:4", &["UTF-8"]);
}

#[test]
fn broken_internal_links_name_file_and_line() {
    let site = TestSite::minimal()
        .file(
            "content/a/nl.md",
            "+++\ntitle = \"A\"\n+++\nEen.\n\nZie [weg](@/bestaat-niet).\n",
        )
        .file(
            "content/b/nl.md",
            "+++\ntitle = \"B\"\n+++\n[fr](@/a?lang=fr) [de](@/a?lang=de) [anker](@/a#nergens)\n",
        );
    let run = site.build(&[]);
    run.failure()
        .error_at(
            "content/a/nl.md:6",
            &["@/bestaat-niet", "no page content/bestaat-niet"],
        )
        .error_at("content/b/nl.md:4", &["no fr version", "content/a/fr.md"])
        .error_at("content/b/nl.md:4", &["`de` is not a language"])
        .error_at("content/b/nl.md:4", &["#nergens"]);
}

#[test]
fn link_to_a_draft_is_left_out_with_a_warning() {
    let site = TestSite::minimal()
        .file("content/a/nl.md", "+++\ntitle = \"A\"\ndraft = true\n+++\n")
        .file(
            "content/b/nl.md",
            "+++\ntitle = \"B\"\n+++\nZie [het volgende deel](@/a).\n",
        );
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stderr
            .contains("warning: content/b/nl.md:4: link to a draft"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--drafts"));
    let html = site.read("public/nl/b/index.html");
    assert!(
        html.contains("<p>Zie het volgende deel.</p>"),
        "the text stays, the link goes: {html}"
    );
    site.build(&["--drafts"]).success();
    assert!(
        site.read("public/nl/b/index.html")
            .contains("<a href=\"/nl/a/\">het volgende deel</a>")
    );
}

#[test]
fn image_without_alt_text_is_a_warning() {
    let site = TestSite::minimal().file(
        "content/a/nl.md",
        "+++\ntitle = \"A\"\n+++\n\n![](foto.jpg)\n\n![Twee stoelen](stoelen.jpg)\n",
    );
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stderr
            .contains("warning: content/a/nl.md:5: the image foto.jpg has no alt text"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("stoelen.jpg has no alt"));
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let site = TestSite::minimal()
        .file("content/a/nl.md", "+++\ntitle = \"A\"\nfoo = 1\n+++\n")
        .file("content/b/fr.md", "+++\nslug = \"b\"\n+++\n")
        .file("content/c/de.md", "+++\ntitle = \"C\"\n+++\n")
        .file("themes/plain/templates/page.html", "{% if %}");
    let run = site.build(&[]);
    run.failure()
        .error_at("content/a/nl.md:3", &["foo"])
        .error_at("content/b/fr.md:1", &["title"])
        .error_at("content/c/de.md", &["de.md"])
        .error_at("themes/plain/templates/page.html:1", &["syntax"]);
    assert!(
        run.stderr.contains("build failed with 4 errors"),
        "{}",
        run.stderr
    );
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = TestSite::minimal().file("content/a/nl.md", "+++\ntitle = \"A\"\n+++\nEerst.\n");
    site.build(&[]).success();
    let published = |site: &TestSite| -> Vec<String> {
        site.files()
            .into_iter()
            .filter(|f| f.starts_with("public/"))
            .collect()
    };
    let before = published(&site);
    let page = site.read("public/nl/a/index.html");

    site.write("content/a/nl.md", "+++\ntitle = \"A\"\n+++\nDaarna.\n");
    site.write("content/b/nl.md", "+++\ntitle = \n+++\n");
    let run = site.build(&[]);
    run.failure();
    assert!(run.stderr.contains("was left as it was"), "{}", run.stderr);
    assert_eq!(published(&site), before, "no file added or removed");
    assert_eq!(site.read("public/nl/a/index.html"), page);
}

#[test]
fn broken_site_toml() {
    let site = TestSite::minimal();
    site.write(
        "site.toml",
        "base_url = \"https://example.org\"\ndefault_language = \"nl\"\n[languages.nl\n",
    );
    site.build(&[])
        .failure()
        .error_at("site.toml:3", &["invalid site.toml"]);
}

#[test]
fn no_site_toml() {
    let site = TestSite::empty();
    site.build(&[]).failure();
}

#[test]
fn output_folder_that_holds_the_site_is_refused() {
    let site = TestSite::minimal();
    let run = site.build(&["--output", site.root().to_str().unwrap()]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("holds the site itself"));
    assert!(site.exists("content/nl.md"));
}
