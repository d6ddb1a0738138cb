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
        essay.contains("Article précédent\u{a0}: "),
        "the French colon has its no-break space"
    );
    assert!(!essay.contains("Article précédent:"));
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

/// The French and Dutch words between articles say which way they lead,
/// in the reading order: the previous article first.
#[test]
fn article_neighbours_say_previous_and_next_article() {
    let site = example_built();
    let nl = site.read("public/nl/artikels/mentorschap/index.html");
    assert!(nl.contains(">Vorig artikel: "), "{nl}");
    assert!(!nl.contains("Ouder:") && !nl.contains("Nieuwer:"));
    let fr = site.read("public/fr/articles/le-premier-entretien/index.html");
    assert!(fr.contains(">Article suivant\u{a0}: "), "{fr}");
}

#[test]
fn the_footer_offers_to_follow_new_articles_in_plain_words() {
    let site = example_built();
    let nl = site.read("public/nl/index.html");
    assert!(
        nl.contains("/nl/atom.xml\">Nieuwe artikels volgen</a>"),
        "{nl}"
    );
    let fr = site.read("public/fr/index.html");
    assert!(
        fr.contains("/fr/atom.xml\">Suivre les nouveaux articles</a>"),
        "{fr}"
    );
    assert!(!nl.contains("Atom-feed") && !fr.contains("Flux Atom"));
}

/// `[practice] practical_info` names the page with the address, the route
/// and the cancellation rule: every page's footer links to it, in the
/// page's language; without it there is no such link.
#[test]
fn the_practical_information_is_linked_from_every_footer_where_practice_names_it() {
    let site = TestSite::with_default_theme()
        .file(
            "content/info/nl.md",
            "+++\ntitle = \"Praktisch\"\nmenu = false\n+++\nLindelaan 12.\n",
        )
        .file(
            "content/info/fr.md",
            "+++\ntitle = \"Pratique\"\nslug = \"pratique\"\nmenu = false\n+++\nLindelaan 12.\n",
        );
    let config =
        site.read("site.toml") + "\n[practice]\nname = \"Praktijk\"\npractical_info = \"info\"\n";
    site.write("site.toml", &config);
    site.build(&[]).success();
    let footer = |page: &str| {
        site.read(page)
            .split("<footer")
            .nth(1)
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        footer("public/nl/index.html").contains("<a href=\"/nl/info/\">Praktische informatie</a>")
    );
    assert!(
        footer("public/fr/index.html")
            .contains("<a href=\"/fr/pratique/\">Informations pratiques</a>")
    );
    assert!(
        footer("public/nl/info/index.html").contains("href=\"/nl/info/\" aria-current=\"page\""),
        "the footer marks the page being read"
    );
    let config = site
        .read("site.toml")
        .replace("practical_info = \"info\"\n", "");
    site.write("site.toml", &config);
    site.build(&[]).success();
    assert!(
        !site
            .read("public/nl/index.html")
            .contains("Praktische informatie")
    );
}

/// Every page with a form shows, above it, the other ways to reach the
/// practice from `[practice]` (phone, e-mail) and the practical information.
#[test]
fn every_form_page_shows_the_contact_details_and_the_practical_information_above_the_form() {
    let site = example_built();
    for (page, words) in [
        (
            "public/nl/contact/index.html",
            "href=\"/nl/praktisch/\">Waar, hoe en annuleren: praktische informatie</a>",
        ),
        (
            "public/nl/aanmelden/index.html",
            "href=\"/nl/praktisch/\">Waar, hoe en annuleren: praktische informatie</a>",
        ),
        (
            "public/fr/contact/index.html",
            "href=\"/fr/pratique/\">Accès et annulation\u{a0}: informations pratiques</a>",
        ),
        (
            "public/fr/rendez-vous/index.html",
            "href=\"/fr/pratique/\">Accès et annulation\u{a0}: informations pratiques</a>",
        ),
    ] {
        let html = site.read(page);
        let details = html
            .split("class=\"contact-details\"")
            .nth(1)
            .unwrap_or_else(|| panic!("{page}: no contact details"));
        assert!(details.contains(words), "{page}: {details}");
        assert!(
            details.contains("href=\"tel:+32470123456\">+32\u{a0}470\u{a0}12\u{a0}34\u{a0}56</a>"),
            "{page}: the phone, on one line"
        );
        assert!(
            details.contains("href=\"mailto:marie@praktijk-debrug.example\""),
            "{page}"
        );
        assert!(
            details.find("</section>") < details.find("<form"),
            "{page}: above the form"
        );
        let footer = html.split("<footer").nth(1).unwrap_or_default();
        assert!(
            footer.contains("praktisch/\">Praktische informatie")
                || footer.contains("pratique/\">Informations pratiques"),
            "{page}"
        );
    }
}

/// A phone number, "n° 12" and "€ 70" never break across lines, wherever
/// they are written: in [practice], in front matter, in the text.
#[test]
fn phone_numbers_and_numbers_after_no_never_break() {
    let site = TestSite::with_default_theme()
        .file(
            "content/tarief/nl.md",
            "+++\ntitle = \"Tarief € 70\"\n+++\nBel 0800 32 123 of 1813; een gesprek kost € 70.\n",
        )
        .file(
            "content/tarief/fr.md",
            "+++\ntitle = \"Tarif\"\n+++\nMembre de l'association (n° 1234), 70 € par séance.\n",
        );
    let config = site.read("site.toml")
        + "\n[practice]\nphone = \"+32 470 12 34 56\"\nregistration = \"Lid van de vereniging (nr. 1234)\"\n\
           emergency = \"Bel 112, of de lijn 0800 32 123.\"\n";
    site.write("site.toml", &config);
    site.build(&[]).success();
    let nl = site.read("public/nl/tarief/index.html");
    for bound in [
        "0800\u{a0}32\u{a0}123",
        "€\u{a0}70",
        "+32\u{a0}470\u{a0}12\u{a0}34\u{a0}56",
        "(nr.\u{a0}1234)",
        "Tarief €\u{a0}70</h1>",
    ] {
        assert!(nl.contains(bound), "{bound:?} in {nl}");
    }
    assert!(
        nl.contains("Bel 0800") && nl.contains("of 1813"),
        "the spaces around it stay plain"
    );
    let fr = site.read("public/fr/tarief/index.html");
    assert!(
        fr.contains("(n°\u{a0}1234)") && fr.contains("70\u{a0}€ par"),
        "{fr}"
    );
}

/// A column of figures (prices, durations) is aligned right without the
/// author asking; a column she aligned keeps her choice; an empty header
/// cell is a warning that names the file and line.
#[test]
fn a_column_of_figures_is_aligned_right_and_an_empty_header_is_reported() {
    let site = TestSite::with_default_theme().file(
        "content/tarieven/nl.md",
        "+++\ntitle = \"Tarieven\"\n+++\nTekst.\n\n| Gesprek | Duur | Tarief | Waar |\n|---|---|---|:-:|\n\
         | Eerste | 60 min | € 50 | hier |\n| Later | 75 min | € 85 | 2 |\n\n|  | Tarief |\n|---|---|\n| Een | € 1 |\n",
    );
    let run = site.build(&[]);
    run.success();
    let html = site.read("public/nl/tarieven/index.html");
    assert!(html.contains("<th>Gesprek</th>"), "{html}");
    assert!(
        html.contains("<th style=\"text-align: right\">Duur</th>"),
        "{html}"
    );
    assert!(
        html.contains("<td style=\"text-align: right\">€\u{a0}50</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td style=\"text-align: center\">2</td>"),
        "her own alignment stays: {html}"
    );
    assert!(
        run.stderr.contains(
            "warning: content/tarieven/nl.md:11: the table's header cell in column 1 is empty"
        ),
        "{}",
        run.stderr
    );
}

/// The About layout (`template = "about.html"`) shows her portrait with
/// its alt text in the page's language, her training, her memberships with
/// the association's name and her number, and what she does not do.
#[test]
fn the_about_layout_shows_the_portrait_and_credentials_that_practice_gives() {
    let site = TestSite::with_default_theme()
        .file(
            "content/over/nl.md",
            "+++\ntitle = \"Over mij\"\ntemplate = \"about.html\"\n+++\nIk ben Marie.\n",
        )
        .file(
            "content/over/fr.md",
            "+++\ntitle = \"À propos\"\ntemplate = \"about.html\"\n+++\nJe suis Marie.\n",
        );
    site.write_bytes(
        "static/marie.jpg",
        &crate::images::photos::phone_jpeg(400, 500, 1, 90),
    );
    let config = site.read("site.toml")
        + "\n[practice]\nname = \"Marie Claes\"\nportrait = \"marie.jpg\"\nportrait_alt = \"Marie aan haar bureau\"\n\
           training = [\"Master in de pedagogische wetenschappen\"]\n\
           memberships = [{ name = \"Vereniging voor Counselling\", number = \"1234\", url = \"https://vereniging.example\" }]\n\
           not_offered = [\"Geen crisisopvang\"]\n\n\
           [languages.fr.practice]\nportrait_alt = \"Marie à son bureau\"\ntraining = [\"Master en sciences de l'éducation\"]\n\
           memberships = [{ name = \"Association de counseling\", number = \"1234\" }]\nnot_offered = [\"Pas d'accueil de crise\"]\n";
    site.write("site.toml", &config);
    site.build(&[]).success();
    let nl = site.read("public/nl/over/index.html");
    assert!(nl.contains("alt=\"Marie aan haar bureau\""), "{nl}");
    assert!(
        nl.contains("srcset="),
        "the portrait in the sizes the site makes"
    );
    assert!(
        site.files()
            .iter()
            .any(|f| f.starts_with("public/processed_images/marie.")),
        "published"
    );
    for words in [
        "<h2 id=\"about-training\">Opleiding</h2>",
        "<li>Master in de pedagogische wetenschappen</li>",
        "<h2 id=\"about-memberships\">Aangesloten bij</h2>",
        "<a href=\"https://vereniging.example\">Vereniging voor Counselling</a> (nr.\u{a0}1234)",
        "<h2 id=\"about-not-offered\">Wat ik niet doe</h2>",
        "<li>Geen crisisopvang</li>",
    ] {
        assert!(nl.contains(words), "{words} in {nl}");
    }
    let fr = site.read("public/fr/over/index.html");
    for words in [
        "alt=\"Marie à son bureau\"",
        "<h2 id=\"about-training\">Formation</h2>",
        "<li>Association de counseling (n°\u{a0}1234)</li>",
        "<h2 id=\"about-not-offered\">Ce que je ne fais pas</h2>",
        "<li>Pas d’accueil de crise</li>",
    ] {
        assert!(fr.contains(words), "{words} in {fr}");
    }
}

#[test]
fn the_about_layout_leaves_out_what_practice_does_not_give() {
    let site = TestSite::with_default_theme().file(
        "content/over/nl.md",
        "+++\ntitle = \"Over mij\"\ntemplate = \"about.html\"\n+++\nIk ben Marie.\n",
    );
    site.build(&[]).success();
    let nl = site.read("public/nl/over/index.html");
    assert!(nl.contains("<p>Ik ben Marie.</p>"));
    for part in [
        "about-portrait",
        "about-training",
        "about-memberships",
        "about-not-offered",
    ] {
        assert!(!nl.contains(part), "{part} in {nl}");
    }
}

/// A long page gets its contents, in its language, from its headings: a
/// labelled `nav`, h3 nested under their h2, each entry the heading's own
/// anchor. `[extra] toc` decides where it is set.
#[test]
fn a_long_page_gets_its_contents_from_its_headings_in_its_language() {
    let words = "woord ".repeat(1100);
    let long = format!(
        "+++\ntitle = \"Lang\"\n+++\n## Waar\n\n{words}\n\n## Hoe je er komt\n\n### Met de trein\n\nTekst.\n\n## Annuleren {{#annuleren}}\n\nTekst.\n"
    );
    let site = TestSite::with_default_theme()
        .file("content/lang/nl.md", &long)
        .file("content/lang/fr.md", "+++\ntitle = \"Court\"\n[extra]\ntoc = true\n+++\n## Où\n\nTexte.\n\n## Comment venir\n\nTexte.\n")
        .file("content/nee/nl.md", &long.replace("title = \"Lang\"", "title = \"Nee\"\n[extra]\ntoc = false"))
        .file("content/kort/nl.md", "+++\ntitle = \"Kort\"\n+++\n## Een\n\nTekst.\n\n## Twee\n\nTekst.\n\n## Drie\n\nTekst.\n");
    site.build(&[]).success();
    let nl = site.read("public/nl/lang/index.html");
    let toc = nl
        .split("<nav class=\"toc\"")
        .nth(1)
        .expect("contents")
        .split("</nav>")
        .next()
        .unwrap();
    assert!(
        toc.starts_with(" aria-labelledby=\"page-contents\""),
        "{toc}"
    );
    assert!(toc.contains("<h2 id=\"page-contents\">Inhoud van deze pagina</h2>"));
    assert!(toc.contains("<li><a href=\"#hoe-je-er-komt\">Hoe je er komt</a><ol><li><a href=\"#met-de-trein\">Met de trein</a></li></ol></li>"), "{toc}");
    assert!(
        toc.contains("href=\"#annuleren\">Annuleren</a>"),
        "an id given in the text is the anchor"
    );
    assert!(
        nl.contains("<h2 id=\"hoe-je-er-komt\">"),
        "the anchor the heading has"
    );
    assert!(
        nl.find("class=\"toc\"") < nl.find("<h2 id=\"waar\">"),
        "before the text"
    );
    let fr = site.read("public/fr/lang/index.html");
    assert!(
        fr.contains("<h2 id=\"page-contents\">Sur cette page</h2>"),
        "asked for on a short page, in French: {fr}"
    );
    assert!(
        !site
            .read("public/nl/nee/index.html")
            .contains("class=\"toc\""),
        "toc = false"
    );
    assert!(
        !site
            .read("public/nl/kort/index.html")
            .contains("class=\"toc\""),
        "too short to need it"
    );
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
