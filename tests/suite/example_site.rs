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
