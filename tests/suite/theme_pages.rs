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
fn the_root_404_speaks_every_language_in_its_header_and_footer_and_has_no_switcher() {
    let site = example_built();
    let root = site.read("public/404.html");
    let header = root
        .split("<header")
        .nth(1)
        .and_then(|h| h.split("</header>").next())
        .expect("a header");
    assert!(
        header.contains("<span lang=\"nl\">Praktijk De Brug</span>")
            && header.contains("<span lang=\"fr\">Cabinet Le Pont</span>"),
        "both site names: {header}"
    );
    assert!(
        !header.contains("language-switcher"),
        "no switcher: {header}"
    );
    assert!(!header.contains("/nl/404.html") && !header.contains("/fr/404.html"));
    assert!(!root.contains("class=\"language-switcher\""));
    // Each language's section leads to its home page.
    assert!(root.contains("<a href=\"/nl/\" hreflang=\"nl\">Naar de startpagina</a>"));
    assert!(root.contains("<a href=\"/fr/\" hreflang=\"fr\">Retour à l’accueil</a>"));
    let footer = root.split("<footer").nth(1).expect("a footer");
    assert!(
        footer.contains("lang=\"nl\">De praktijk is geen hulpdienst.")
            && footer.contains("lang=\"fr\">Le cabinet n’est pas un service d’urgence."),
        "the emergency line in every language: {footer}"
    );
    // A language's own 404 keeps its header, menu and switcher.
    let nl = site.read("public/nl/404.html");
    assert!(nl.contains("class=\"language-switcher\""));
}

#[test]
fn a_tag_pages_title_says_what_its_heading_says() {
    let site = example_built();
    let fr = site.read("public/fr/sujets/accompagnement/index.html");
    assert!(
        fr.contains("<title>Sujet\u{202f}: accompagnement · Cabinet Le Pont</title>")
            || fr.contains("<title>Sujet\u{a0}: accompagnement · Cabinet Le Pont</title>"),
        "{}",
        fr.lines().find(|l| l.contains("<title>")).unwrap_or("")
    );
    let nl = site.read("public/nl/onderwerpen/begeleiding/index.html");
    assert!(nl.contains("<title>Onderwerp: begeleiding · Praktijk De Brug</title>"));
}

#[test]
fn an_article_names_its_author_and_translator_on_the_page_and_in_its_feed() {
    let site = example_built();
    let nl = site.read("public/nl/artikels/mentorschap/index.html");
    assert!(
        nl.contains("<p class=\"byline\">Door Luc Claes, vertaald door Marie Claes</p>"),
        "{nl}"
    );
    let fr = site.read("public/fr/articles/le-mentorat/index.html");
    assert!(
        fr.contains("<p class=\"byline\">Par Luc Claes</p>"),
        "the original names no translator"
    );
    // An article without authors is the practice's: no byline.
    let first = site.read("public/nl/artikels/het-eerste-gesprek/index.html");
    assert!(!first.contains("class=\"byline\""));
    let feed = site.read("public/nl/atom.xml");
    let entry = feed
        .split("<entry>")
        .find(|e| e.contains("<title>Mentorschap</title>"))
        .unwrap();
    assert!(
        entry.contains("<author><name>Luc Claes</name></author>"),
        "{entry}"
    );
    assert!(
        entry.contains("<contributor><name>Marie Claes</name></contributor>"),
        "{entry}"
    );
    let other = feed
        .split("<entry>")
        .find(|e| e.contains("het-eerste-gesprek"))
        .unwrap();
    assert!(
        !other.contains("<author>"),
        "the feed's own author stands: {other}"
    );
}

#[test]
fn several_authors_are_listed_as_the_pages_language_lists_names() {
    let site = TestSite::with_default_theme()
        .file(
            "content/samen/nl.md",
            "+++\ntitle = \"Samen\"\ndate = 2026-11-01\nauthors = [\"An\", \"Bart\", \"Chris\"]\ntranslators = [\"Dirk\"]\n+++\nTekst.\n",
        )
        .file(
            "content/samen/fr.md",
            "+++\ntitle = \"Ensemble\"\ndate = 2026-11-01\nauthors = [\"An\", \"Bart\"]\n+++\nTexte.\n",
        );
    site.build(&[]).success();
    assert!(
        site.read("public/nl/samen/index.html")
            .contains("<p class=\"byline\">Door An, Bart en Chris, vertaald door Dirk</p>")
    );
    assert!(
        site.read("public/fr/samen/index.html")
            .contains("<p class=\"byline\">Par An et Bart</p>")
    );
}

#[test]
fn the_search_pages_stay_out_of_search_engines_and_the_chooser_is_in_the_sitemap() {
    let site = example_built();
    for page in [
        "public/nl/zoeken/index.html",
        "public/fr/recherche/index.html",
    ] {
        let html = site.read(page);
        assert!(
            html.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{page}"
        );
        assert!(!html.contains("rel=\"canonical\""), "{page}");
    }
    let sitemap = site.read("public/sitemap.xml");
    assert!(!sitemap.contains("/zoeken/") && !sitemap.contains("/recherche/"));
    let root = sitemap
        .split("<url>")
        .find(|u| u.contains("<loc>https://praktijk-debrug.example/</loc>"))
        .expect("the chooser is indexable, so in the sitemap");
    assert!(root.contains("hreflang=\"fr\" href=\"https://praktijk-debrug.example/fr/\""));
    // Every page the sitemap lists is indexable, and every indexable page is listed.
    for file in site.files() {
        if !(file.starts_with("public/") && file.ends_with("index.html")) {
            continue;
        }
        let html = site.read(&file);
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        let url = format!(
            "https://praktijk-debrug.example/{}",
            file.trim_start_matches("public/")
                .trim_end_matches("index.html")
        );
        let listed = sitemap.contains(&format!("<loc>{url}</loc>"));
        let indexable = !html.contains("<meta name=\"robots\" content=\"noindex\">");
        assert_eq!(
            listed, indexable,
            "{file}: in the sitemap exactly when indexable"
        );
    }
}

#[test]
fn a_redirect_from_an_old_address_is_in_its_pages_language_titled_and_with_the_icon() {
    let site = example_built();
    let stub = site.read("public/fr/inscription/index.html");
    assert!(stub.contains("<html lang=\"fr\">"), "{stub}");
    assert!(
        stub.contains("<title>Demander un premier entretien · Cabinet Le Pont</title>"),
        "{stub}"
    );
    assert!(
        stub.contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">"),
        "{stub}"
    );
    assert!(stub.contains("<meta http-equiv=\"refresh\" content=\"0; url=https://praktijk-debrug.example/fr/rendez-vous/\">"));
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
        nl.contains("Telefoonnummer (niet verplicht)"),
        "each field, optional or not"
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
            "  { name = \"phone\", type = \"tel\" },\n",
            "  { name = \"phone\", type = \"tel\" },\n  { name = \"birthday\", type = \"date\", required = true },\n",
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
