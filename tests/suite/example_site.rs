//! The repository is itself the example practice site: it must build.

use crate::support::TestSite;

#[test]
fn the_example_site_builds() {
    let site = TestSite::example();
    let run = site.build(&[]);
    run.success();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    for page in [
        "public/index.html",
        "public/nl/index.html",
        "public/fr/index.html",
        "public/nl/artikels/index.html",
        "public/fr/articles/index.html",
        "public/nl/artikels/mentorschap/index.html",
        "public/fr/articles/le-mentorat/index.html",
        "public/nl/over-mij/index.html",
        "public/fr/a-propos-de-moi/index.html",
        "public/nl/contact/index.html",
        "public/fr/contact/index.html",
    ] {
        assert!(
            site.exists(page),
            "{page} missing; built: {:#?}",
            site.files()
        );
    }
}

/// The Dutch essay is the seed's text, word for word, and its closing
/// "Kijk dan hier." leads to the French version (and back).
#[test]
fn the_essay_is_the_seed_text_and_links_to_its_translation() {
    let site = TestSite::example();
    site.build(&[]).success();
    let html = site.read("public/nl/artikels/mentorschap/index.html");
    let text = visible_words(&html);
    let seed = include_str!("../fixtures/mentorschap.nl.txt");
    for paragraph in seed
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.trim_matches('\u{a0}').is_empty())
    {
        let words = visible_words(paragraph);
        assert!(
            text.contains(&words),
            "paragraph missing or altered: {paragraph}"
        );
    }
    assert!(
        html.contains(r#"<a href="/fr/articles/le-mentorat/">Kijk dan hier.</a>"#),
        "{html}"
    );
    let fr = site.read("public/fr/articles/le-mentorat/index.html");
    assert!(fr.contains(r#"href="/nl/artikels/mentorschap/""#));
}

/// The example is made up, and says so on every page rather than show a
/// registration it does not have ("nr. 0000").
#[test]
fn the_example_site_says_it_is_an_example_and_fakes_no_registration() {
    let site = TestSite::example();
    site.build(&[]).success();
    for (lang, words) in [
        ("nl", "Dit is een voorbeeldsite"),
        ("fr", "Ceci est un site d’exemple"),
    ] {
        let pages: Vec<String> = site
            .files()
            .into_iter()
            .filter(|f| f.starts_with(&format!("public/{lang}/")) && f.ends_with("index.html"))
            .collect();
        assert!(pages.len() > 5);
        for page in pages {
            let html = site.read(&page);
            if html.contains("http-equiv=\"refresh\"") {
                continue;
            }
            let words_of = visible_words(&html);
            assert!(words_of.contains(words), "{page} says it is an example");
            for fake in ["0000", "Erkend", "agréée"] {
                assert!(!words_of.contains(fake), "{page} shows `{fake}`");
            }
        }
    }
}

/// Her About page shows her training and what she does not do, from
/// `[practice]`; the example has no photo of a person, and so no portrait.
#[test]
fn the_example_about_page_shows_her_training_and_what_she_does_not_do() {
    let site = TestSite::example();
    site.build(&[]).success();
    let nl = site.read("public/nl/over-mij/index.html");
    assert!(
        nl.contains("<h2 id=\"about-training\">Opleiding</h2>"),
        "{nl}"
    );
    assert!(nl.contains("<h2 id=\"about-not-offered\">Wat ik niet doe</h2>"));
    assert!(!nl.contains("about-portrait"), "no invented photo");
    let fr = site.read("public/fr/a-propos-de-moi/index.html");
    assert!(
        fr.contains("<h2 id=\"about-not-offered\">Ce que je ne fais pas</h2>"),
        "{fr}"
    );
    assert!(
        fr.contains("0800\u{a0}32\u{a0}123"),
        "the number on one line"
    );
}

/// The README tells a practitioner every `[practice]` field she must make
/// her own before publishing.
#[test]
fn the_readme_lists_what_a_real_practice_fills_in() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(crate::support::REPO).join("README.md"))
            .expect("README.md");
    let section = readme
        .split("### What a real practice fills in")
        .nth(1)
        .expect("the README's checklist")
        .split("\n## ")
        .next()
        .unwrap_or_default();
    for field in [
        "name",
        "address",
        "phone",
        "email",
        "registration",
        "memberships",
        "training",
        "not_offered",
        "portrait",
        "portrait_alt",
        "emergency",
        "practical_info",
        "public_key",
    ] {
        assert!(
            section.contains(&format!("`{field}`")),
            "the checklist names `{field}`"
        );
    }
}

/// The words of a text or HTML page, markup removed, whitespace normalised.
fn visible_words(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
