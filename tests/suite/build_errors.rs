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
fn page_file_that_cannot_be_read() {
    // A link to nothing: the one unreadable file a test run as root can make.
    let site = TestSite::minimal();
    std::fs::create_dir_all(site.path("content/over")).unwrap();
    std::os::unix::fs::symlink(site.path("nergens.md"), site.path("content/over/nl.md")).unwrap();
    site.build(&[])
        .failure()
        .error_at("content/over/nl.md", &["nergens.md", "does not exist"]);
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

#[test]
fn dates_past_what_a_feed_can_carry_are_located_errors() {
    for date in ["9999-12-31", "9999-12-30T20:00:00-05:00"] {
        let site = TestSite::minimal().file(
            "content/over/nl.md",
            &format!("+++\ntitle = \"Over\"\n\ndate = {date}\n+++\nTekst.\n"),
        );
        site.build(&[])
            .failure()
            .error_at("content/over/nl.md:4", &["`date`", "9999-12-30"]);
    }
    let site = TestSite::minimal().file(
        "content/over/nl.md",
        "+++\ntitle = \"Over\"\ndate = 9999-12-30\n+++\nTekst.\n",
    );
    site.build(&[]).success();
    assert!(
        site.read("public/nl/over/index.html")
            .contains("date=9999-12-30")
    );
    assert!(
        site.read("public/nl/atom.xml")
            .contains("9999-12-30T00:00:00Z")
    );
}

#[test]
fn a_slug_that_is_a_file_name_of_its_section_is_a_collision_not_an_os_error() {
    let site = TestSite::minimal().file(
        "content/over/nl.md",
        "+++\ntitle = \"Over\"\nslug = \"index.html\"\n+++\nTekst.\n",
    );
    let run = site.build(&[]);
    run.failure().error_at(
        "content/over/nl.md",
        &["/nl/index.html is a file", "content/nl.md", "slug"],
    );
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
}

#[test]
fn an_error_in_one_version_brings_no_missing_version_noise() {
    // A front-matter error in fr.md, and a slug collision in nl.md: each is
    // reported once, and neither version is then said to be missing.
    let site = TestSite::minimal()
        .file(
            "content/over/nl.md",
            "+++\ntitle = \"Over\"\n+++\nZie [fr](@/over?lang=fr).\n",
        )
        .file(
            "content/over/fr.md",
            "+++\ntitle = \"À propos\"\nfoo = 1\n+++\n",
        )
        .file(
            "content/ander/nl.md",
            "+++\ntitle = \"Ander\"\nslug = \"dubbel\"\n+++\n",
        )
        .file("content/ander/fr.md", "+++\ntitle = \"Autre\"\n+++\n")
        .file(
            "content/tweede/nl.md",
            "+++\ntitle = \"Tweede\"\nslug = \"dubbel\"\n+++\n",
        )
        .file("content/tweede/fr.md", "+++\ntitle = \"Deuxième\"\n+++\n");
    for run in [site.build(&[]), site.praxis(&["check"])] {
        run.failure();
        assert!(
            !run.stderr.contains("has no nl version") && !run.stderr.contains("has no fr version"),
            "no follow-on noise:\n{}",
            run.stderr
        );
        assert_eq!(run.stderr.matches("error:").count(), 2, "{}", run.stderr);
    }
}

#[test]
fn a_closed_stdout_and_stderr_end_praxis_quietly_with_its_usual_status() {
    use std::process::{Command, Stdio};
    // `praxis build 2>&1 | head -0`: the reader is gone before praxis writes.
    let run = |site: &TestSite, args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_praxis"))
            .arg("--root")
            .arg(site.root())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        drop(child.stderr.take());
        child.wait().unwrap().code()
    };
    let site = TestSite::minimal();
    assert_eq!(run(&site, &["build"]), Some(0), "a build that succeeds");
    assert!(site.exists("public/nl/index.html"), "and wrote the site");
    assert_eq!(run(&site, &["check"]), Some(0));
    assert_eq!(run(&site, &["check", "--format", "json"]), Some(0));
    site.write("content/over/nl.md", "+++\ntitle = \n+++\n");
    assert_eq!(run(&site, &["build"]), Some(1), "a build with errors");
    assert_eq!(run(&site, &["check"]), Some(1));
}

/// A command's failure is printed once, as `error: …` with its help, and
/// exits with the status of its kind: 2 when the environment is at fault,
/// 1 when the input is.
#[test]
fn a_command_failure_is_printed_once_with_the_exit_status_of_its_kind() {
    let site = TestSite::minimal();
    let inside = site.path("content/out");
    let run = site.build(&["--output", inside.to_str().unwrap()]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let expected = format!(
        "error: the output folder {} is inside the site's content/ folder\n   = help: choose an output folder of its own, like public/\n",
        std::path::absolute(&inside).unwrap().display()
    );
    assert_eq!(run.stderr, expected);

    let run = site.praxis(&["forms", "purge", "--older-than", "ninety"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: `ninety` is not an age like 90d, 12w or 48h\n"
    );

    let run = site.praxis(&["init", site.root().to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stderr.matches("error: ").count(), 1, "{}", run.stderr);
}

#[test]
fn a_slug_longer_than_a_file_name_can_be_is_a_located_error() {
    let long = "lang-".repeat(60);
    let site = TestSite::minimal().file(
        "content/over/nl.md",
        &format!("+++\ntitle = \"Over\"\nslug = \"{long}\"\n+++\nTekst.\n"),
    );
    for run in [site.build(&[]), site.praxis(&["check"])] {
        run.failure()
            .error_at("content/over/nl.md:3", &["slug", "300 bytes", "200"]);
        assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    }
}

#[test]
fn control_characters_in_a_page_are_located_errors_not_published() {
    let site = TestSite::minimal()
        .file(
            "content/over/nl.md",
            "+++\ntitle = \"Over\"\n+++\nTekst\t\r\nmet\u{0}een nul.\n",
        )
        .file(
            "content/over/fr.md",
            "+++\ntitle = \"À propos\"\n+++\n\nÉchappé \u{1b}[31m rouge.\n",
        );
    for run in [site.build(&[]), site.praxis(&["check"])] {
        run.failure()
            .error_at("content/over/nl.md:5:4", &["control character", "U+0000"])
            .error_at("content/over/fr.md:5:9", &["control character", "U+001B"]);
        assert!(
            !run.stderr.contains('\u{0}') && !run.stderr.contains('\u{1b}'),
            "not printed either: {:?}",
            run.stderr
        );
    }
    assert!(!site.exists("public/nl/over/index.html"));
}

#[test]
fn an_alias_that_is_not_a_path_on_this_site_is_a_located_error() {
    let cases = [
        ("//evil.example/x", "another site"),
        ("https://elders.example/y/", "another site"),
        ("javascript:alert(1)", "another site"),
        ("/a/../../etc/", "`..`"),
        ("/a//b/", "empty"),
        ("/vieux?p=3", "`?`"),
        ("/", "home page"),
    ];
    let mut site = TestSite::minimal();
    for (i, (alias, _)) in cases.iter().enumerate() {
        site = site.file(
            &format!("content/p{i}/nl.md"),
            &format!("+++\ntitle = \"P\"\naliases = [\n  \"/oud-{i}/\",\n  \"{alias}\",\n]\n+++\nTekst.\n"),
        );
    }
    for run in [site.build(&[]), site.praxis(&["check"])] {
        run.failure();
        for (i, (alias, why)) in cases.iter().enumerate() {
            run.error_at(&format!("content/p{i}/nl.md:5"), &[alias, why, "help:"]);
        }
    }
}

#[test]
fn a_fluent_value_nested_thousands_deep_is_a_located_error_not_a_crash() {
    let deep = format!("{}\"x\"{}", "{ ".repeat(12_000), " }".repeat(12_000));
    let calls = format!("{}1{}", "{ NUMBER(".repeat(3), ") }".repeat(3));
    let site = TestSite::minimal()
        .file(
            "i18n/nl.ftl",
            &format!("welkom = Hallo\n# {{ {{ {{ in a comment\ndiep = {deep}\nondiep = {calls}\n"),
        )
        .file(
            "i18n/fr.ftl",
            &format!(
                "welkom = Bonjour\nondiep = {calls}\nlijst = ({}\n",
                "(".repeat(500)
            ),
        );
    for run in [site.build(&[]), site.praxis(&["check"])] {
        run.failure()
            .error_at("i18n/nl.ftl:3", &["nested", "help:"]);
        assert!(!run.stderr.contains("overflow"), "{}", run.stderr);
        assert!(
            !run.stderr.contains("i18n/nl.ftl:4") && !run.stderr.contains("error: i18n/fr.ftl"),
            "shallow values and text are read as before: {}",
            run.stderr
        );
    }
}

#[test]
fn a_long_source_line_is_shown_cut_around_the_error() {
    let site = TestSite::minimal();
    let config = site.read("site.toml");
    let line = config.lines().count() + 3;
    let long = "a".repeat(300_000);
    site.write(
        "site.toml",
        &format!("{config}\n[extra]\nlang = \"{long}\" 7 \"{long}\"\n"),
    );
    for run in [site.build(&[]), site.praxis(&["check"])] {
        run.failure().error_at(
            &format!("site.toml:{line}:{}", 300_000 + 11),
            &["invalid site.toml"],
        );
        assert!(run.stderr.len() < 2_000, "{} bytes", run.stderr.len());
        let snippet = run
            .stderr
            .lines()
            .find(|l| l.starts_with("   | "))
            .expect("the line");
        let caret = run
            .stderr
            .lines()
            .find(|l| l.trim_start_matches("   | ").trim() == "^")
            .expect("a caret");
        assert!(
            snippet.starts_with("   | …aaa") && snippet.ends_with("aaa…"),
            "{snippet}"
        );
        assert_eq!(
            snippet.chars().nth(caret.chars().count() - 1),
            Some('7'),
            "the caret is under the error:\n{snippet}\n{caret}"
        );
    }
}

#[test]
fn a_tag_with_no_letter_or_digit_is_refused_where_it_is_written() {
    let site = TestSite::minimal().file(
        "content/over/nl.md",
        "+++\ntitle = \"Over\"\ntags = [\"rouw\", \"?\"]\n+++\nTekst.\n",
    );
    site.build(&[]).failure().error_at(
        "content/over/nl.md:3",
        &["the tag `?` has no letter or digit"],
    );
    assert!(!site.exists("public/nl/tags/index.html"));
}

/// A public key with a character wrong (copied by hand) is found by its
/// checksum, at its line, in every build of praxis (with the form server
/// or without it).
#[test]
fn a_mistyped_public_key_is_an_error_at_its_line() {
    let site = TestSite::minimal();
    let key = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
    let config = format!(
        "{}\n[submissions]\npublic_key = \"{}\"\n",
        site.read("site.toml"),
        key.replacen("ql3z", "ql4z", 1)
    );
    let line = config.lines().count();
    site.write("site.toml", &config);
    site.build(&[]).failure().error_at(
        &format!("site.toml:{line}"),
        &["is not an age public key", "starts with age1"],
    );
    site.write("site.toml", &config.replacen("ql4z", "ql3z", 1));
    site.build(&[]).success();
}
