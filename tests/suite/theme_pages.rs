//! What the default theme shows on pages that are not articles: no
//! neighbours where there is no order, 404s that lead to each other and
//! stay out of search engines, thank-you pages nobody lands on from a
//! search, a menu that marks only the page you are on.

use crate::support::TestSite;

fn example_built() -> TestSite {
    let site = TestSite::example();
    site.build(&[]).success();
    site
}

#[test]
fn previous_and_next_only_between_dated_articles_of_one_section() {
    let site = example_built();
    for plain in [
        "public/nl/contact/index.html",
        "public/nl/over-mij/index.html",
        "public/nl/bedankt/index.html",
        "public/fr/merci/index.html",
    ] {
        assert!(
            !site.read(plain).contains("class=\"neighbours\""),
            "{plain} has no newer/older links"
        );
    }
    let essay = site.read("public/fr/articles/le-mentorat/index.html");
    assert!(essay.contains("class=\"neighbours\""));
    assert!(
        essay.contains("Plus ancien\u{a0}: "),
        "the French colon has its no-break space"
    );
    assert!(!essay.contains("Plus ancien:"));
}

#[test]
fn each_404_leads_to_the_other_languages_404_and_stays_out_of_search_engines() {
    let site = example_built();
    for (page, other) in [
        ("public/nl/404.html", "/fr/404.html"),
        ("public/fr/404.html", "/nl/404.html"),
    ] {
        let html = site.read(page);
        assert!(
            html.contains(&format!("href=\"{other}\"")),
            "{page} → {other}"
        );
        assert!(
            !html.contains("Pas encore") && !html.contains("Nog niet"),
            "{page}"
        );
        assert!(
            html.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{page}"
        );
        assert!(!html.contains("rel=\"canonical\""), "{page}");
        assert!(!html.contains("hreflang=\"x-default\""), "{page}");
        assert!(!html.contains("<link rel=\"alternate\" hreflang"), "{page}");
    }
    let root = site.read("public/404.html");
    assert!(root.contains("Pagina niet gevonden") && root.contains("Page introuvable"));
    assert!(
        root.contains("<section lang=\"fr\""),
        "each language marked as such"
    );
    assert!(!root.contains("rel=\"canonical\""));
}

#[test]
fn thank_you_pages_are_noindex_and_out_of_the_sitemap() {
    let site = example_built();
    for page in ["public/nl/bedankt/index.html", "public/fr/merci/index.html"] {
        let html = site.read(page);
        assert!(
            html.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{page}"
        );
        assert!(!html.contains("rel=\"canonical\""), "{page}");
    }
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        !sitemap.contains("bedankt") && !sitemap.contains("merci"),
        "{sitemap}"
    );
    assert!(sitemap.contains("/nl/contact/"));
}

#[test]
fn noindex_in_front_matter_for_any_page_and_false_for_a_thank_you_page() {
    let site = TestSite::with_default_theme()
        .file(
            "content/intern/nl.md",
            "+++\ntitle = \"Intern\"\nnoindex = true\n+++\nTekst.\n",
        )
        .file("content/open/nl.md", "+++\ntitle = \"Open\"\n+++\nTekst.\n");
    site.build(&[]).success();
    assert!(
        site.read("public/nl/intern/index.html")
            .contains("content=\"noindex\"")
    );
    assert!(!site.read("public/nl/open/index.html").contains("noindex"));
    let sitemap = site.read("public/sitemap.xml");
    assert!(!sitemap.contains("/nl/intern/") && sitemap.contains("/nl/open/"));
}

#[test]
fn the_menu_marks_only_the_page_being_read_as_current() {
    let site = example_built();
    let essay = site.read("public/nl/artikels/mentorschap/index.html");
    assert!(
        !essay.contains("href=\"/nl/artikels/\" aria-current=\"page\""),
        "an article is not the list of articles"
    );
    assert!(essay.contains("href=\"/nl/artikels/\" class=\"current-section\""));
    let list = site.read("public/nl/artikels/index.html");
    assert!(list.contains("href=\"/nl/artikels/\" aria-current=\"page\""));
}

#[test]
fn the_language_chooser_names_the_practice() {
    let site = example_built();
    let chooser = site.read("public/index.html");
    assert!(chooser.contains("<h1>"), "a heading");
    assert!(chooser.contains("Praktijk De Brug") && chooser.contains("Cabinet Le Pont"));
    assert!(
        chooser.contains("class=\"language-description\""),
        "a sentence per language"
    );
}
