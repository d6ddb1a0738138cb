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

/// The text of the privacy notice in a language, without its markup.
fn notice(site: &TestSite, path: &str) -> String {
    let html = site.read(path);
    html.split("<article class=\"privacy\">")
        .nth(1)
        .and_then(|rest| rest.split("</article>").next())
        .unwrap_or_else(|| panic!("{path} has no privacy notice"))
        .to_owned()
}

#[test]
fn the_privacy_notice_follows_the_forms_declaration() {
    let site = TestSite::example();
    site.build(&[]).success();
    let nl = notice(&site, "public/nl/privacy/index.html");
    let fr = notice(&site, "public/fr/confidentialite/index.html");
    for (text, days, consent, controller) in [
        (
            &nl,
            "180 dagen",
            "uitdrukkelijke toestemming",
            "Praktijk De Brug",
        ),
        (
            &fr,
            "180 jours",
            "consentement explicite",
            "Cabinet Le Pont",
        ),
    ] {
        assert!(text.contains(days), "retention: {text}");
        assert!(text.contains(consent), "the intake form's legal basis");
        assert!(
            text.contains(controller),
            "the controller in the page's language"
        );
    }
    assert!(
        nl.contains("E-mailadres (verplicht)")
            && nl.contains("Telefoonnummer (verplicht als je „Telefonisch” kiest)"),
        "each field, required, or when: {nl}"
    );
    assert!(nl.contains("IP-adres") && nl.contains("cookies"));
    // Every form links to it.
    for (form_page, notice_url) in [
        ("public/nl/contact/index.html", "/nl/privacy/#form-contact"),
        (
            "public/fr/rendez-vous/index.html",
            "/fr/confidentialite/#form-intake",
        ),
    ] {
        assert!(
            site.read(form_page)
                .contains(&format!("href=\"{notice_url}\"")),
            "{form_page}"
        );
    }

    // Change the declaration: the notice changes with it.
    let config = site
        .read("site.toml")
        .replace("retention_days = 180", "retention_days = 30")
        .replace(
            "  { name = \"consent\",",
            "  { name = \"birthday\", type = \"date\", required = true },\n  { name = \"consent\",",
        );
    site.write("site.toml", &config);
    site.write(
        "i18n/nl.ftl",
        &(site.read("i18n/nl.ftl") + "form-intake-birthday-label = Geboortedatum\n"),
    );
    site.write(
        "i18n/fr.ftl",
        &(site.read("i18n/fr.ftl") + "form-intake-birthday-label = Date de naissance\n"),
    );
    site.build(&[]).success();
    let nl = notice(&site, "public/nl/privacy/index.html");
    assert!(nl.contains("30 dagen") && !nl.contains("180 dagen"), "{nl}");
    // The form's own hint says the same, from the same declaration.
    let intake = site.read("public/nl/aanmelden/index.html");
    assert!(
        intake.contains("na 30 dagen gewist"),
        "the consent hint follows retention_days"
    );
    assert!(nl.contains("Geboortedatum (verplicht)"), "{nl}");
    assert!(
        notice(&site, "public/fr/confidentialite/index.html")
            .contains("Date de naissance (obligatoire)")
    );
}

#[test]
fn forms_without_a_privacy_notice_are_a_warning() {
    let site = TestSite::example();
    site.remove("content/privacy");
    let check = site.praxis(&["check"]);
    assert!(
        check.stderr.contains("no privacy notice in nl")
            && check.stderr.contains("no privacy notice in fr"),
        "{}",
        check.stderr
    );
}
