//! The practice's identity in each language: `[practice]`, with
//! `[languages.CODE.practice]` replacing what differs.

use crate::support::TestSite;

/// Every built HTML page of a language, with its path.
fn pages_of(site: &TestSite, lang: &str) -> Vec<(String, String)> {
    site.files()
        .into_iter()
        .filter(|f| f.starts_with(&format!("public/{lang}/")) && f.ends_with(".html"))
        .map(|f| {
            let text = site.read(&f);
            (f, text)
        })
        // Redirects from old URLs are not pages.
        .filter(|(_, text)| !text.contains("http-equiv=\"refresh\""))
        .collect()
}

#[test]
fn french_pages_carry_the_french_identity_and_dutch_pages_the_dutch_one() {
    let site = TestSite::example();
    site.build(&[]).success();
    let french = pages_of(&site, "fr");
    assert!(french.len() > 5);
    for (path, html) in &french {
        for dutch in ["Praktijk De Brug", "Erkend counsellor", "beroepsvereniging"] {
            assert!(!html.contains(dutch), "{path} carries the Dutch `{dutch}`");
        }
        assert!(html.contains("Cabinet Le Pont"), "{path}: the French name");
        // Shared fields stay.
        assert!(html.contains("+32 470 12 34 56"), "{path}: the phone");
    }
    for (path, html) in pages_of(&site, "nl") {
        assert!(
            !html.contains("Cabinet Le Pont"),
            "{path} carries the French name"
        );
        assert!(html.contains("Praktijk De Brug"), "{path}: the Dutch name");
    }
}

#[test]
fn a_language_replaces_only_the_practice_fields_it_sets() {
    let site = TestSite::minimal();
    let config = site.read("site.toml")
        + "\n[practice]\nname = \"Praktijk\"\nphone = \"+32 1\"\n\n[languages.fr.practice]\nname = \"Cabinet\"\n";
    site.write("site.toml", &config);
    site.write(
        "themes/plain/templates/index.html",
        "{{ site.practice.name }}|{{ site.practice.phone }}",
    );
    site.build(&[]).success();
    assert_eq!(site.read("public/nl/index.html"), "Praktijk|+32 1");
    assert_eq!(site.read("public/fr/index.html"), "Cabinet|+32 1");
}

#[test]
fn an_unknown_practice_field_in_a_language_is_an_error() {
    let site = TestSite::minimal();
    let config = site.read("site.toml") + "\n[languages.fr.practice]\nnaam = \"Cabinet\"\n";
    site.write("site.toml", &config);
    site.build(&[])
        .failure()
        .error_at("site.toml", &["unknown field `naam`"]);
}
