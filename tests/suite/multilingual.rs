//! Translations, hreflang, the language switcher, Fluent UI strings,
//! localized dates, French typography, feeds, sitemap and tags.

use std::collections::BTreeMap;

use crate::support::TestSite;

/// Every `<link rel="alternate" hreflang=X href=Y>` of a page.
fn alternates(html: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for tag in html.split("<link ").skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        if !tag.contains("rel=\"alternate\"") {
            continue;
        }
        if let (Some(lang), Some(href)) = (attr(tag, "hreflang"), attr(tag, "href")) {
            found.insert(lang, href);
        }
    }
    found
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_owned())
}

/// The file under public/ that serves an absolute URL of the example site.
fn file_of(url: &str, base: &str) -> String {
    let path = url.strip_prefix(base).expect("absolute URL on the site");
    if path.is_empty() || path.ends_with('/') {
        format!("public/{path}index.html")
    } else {
        format!("public/{path}")
    }
}

#[test]
fn hreflang_is_reciprocal_on_every_page_of_the_example_site() {
    let site = TestSite::example();
    site.build(&[]).success();
    let base = "https://praktijk-debrug.example/";
    let pages: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| {
            f.starts_with("public/") && f.ends_with("index.html") && f != "public/index.html"
        })
        .collect();
    assert!(pages.len() >= 20, "{pages:#?}");
    for page in &pages {
        let html = site.read(page);
        // Pages kept out of search engines (thank-you pages) take no part
        // in hreflang sets; the reciprocity check below then also proves
        // that no indexed page points at one.
        if html.contains("<meta name=\"robots\" content=\"noindex\">") {
            assert!(
                alternates(&html).is_empty(),
                "{page}: noindex, no alternates"
            );
            continue;
        }
        let canonical = attr(html.split("rel=\"canonical\"").nth(1).unwrap_or(""), "href")
            .or_else(|| {
                let tag = html.split("<link rel=\"canonical\" ").nth(1)?;
                attr(tag, "href")
            })
            .unwrap_or_else(|| panic!("{page} has no canonical link"));
        let links = alternates(&html);
        assert_eq!(
            links.get("x-default").map(String::as_str),
            Some(base),
            "{page}: x-default"
        );
        let lang = attr(&html, "lang").unwrap();
        assert_eq!(
            links.get(&lang),
            Some(&canonical),
            "{page} lists itself for its own language"
        );
        for (other_lang, url) in links.iter().filter(|(l, _)| *l != "x-default") {
            assert!(url.starts_with(base), "{page}: {url} is absolute");
            let other = site.read(&file_of(url, base));
            assert!(
                other.contains(&format!("<html lang=\"{other_lang}\"")),
                "{url} is in {other_lang}"
            );
            assert_eq!(
                alternates(&other).get(&lang),
                Some(&canonical),
                "{url} links back to {page}"
            );
        }
    }
}

#[test]
fn the_root_is_an_accessible_language_chooser() {
    let site = TestSite::example();
    site.build(&[]).success();
    let html = site.read("public/index.html");
    // Works without script: its only script elements are data (JSON-LD).
    assert_eq!(
        html.matches("<script").count(),
        html.matches("<script type=\"application/ld+json\">")
            .count(),
        "works without script"
    );
    assert!(
        html.contains(r#"<li lang="nl">"#) && html.contains(r#"<li lang="fr">"#),
        "{html}"
    );
    assert!(html.contains("Nederlands") && html.contains("Français"));
    assert!(html.contains(r#"hreflang="x-default" href="https://praktijk-debrug.example/""#));
}

#[test]
fn switcher_leads_to_the_translation_labelled_in_its_language() {
    let site = TestSite::example();
    site.build(&[]).success();
    let nl = site.read("public/nl/artikels/mentorschap/index.html");
    assert!(
        nl.contains(
            r#"<a href="/fr/articles/le-mentorat/" hreflang="fr" lang="fr">Lire en français</a>"#
        ),
        "{nl}"
    );
    let fr = site.read("public/fr/articles/le-mentorat/index.html");
    assert!(fr.contains(
        r#"<a href="/nl/artikels/mentorschap/" hreflang="nl" lang="nl">Lees in het Nederlands</a>"#
    ));
}

/// A site with the default theme and a page written in Dutch only.
fn one_page_in_dutch_only() -> TestSite {
    TestSite::with_default_theme().file(
        "content/alleen-nl/nl.md",
        "+++\ntitle = \"Alleen Nederlands\"\nslug = \"alleen\"\n+++\nTekst.\n",
    )
}

#[test]
fn a_page_in_one_language_gets_a_page_in_the_other_that_says_so_and_offers_it() {
    let site = one_page_in_dutch_only();
    site.build(&[]).success();
    let html = site.read("public/nl/alleen/index.html");
    // The switcher leads to the French page at the same place in the
    // French site, and says, in French, that it is not in French yet.
    assert!(
        html.contains("<a href=\"/fr/alleen/\" hreflang=\"fr\" lang=\"fr\" class=\"untranslated\">Pas encore en français</a>"),
        "{html}"
    );
    assert!(
        !alternates(&html).contains_key("fr"),
        "hreflang names real translations only"
    );
    let notice = site.read("public/fr/alleen/index.html");
    assert!(notice.contains("<html lang=\"fr\""), "{notice}");
    assert!(
        notice.contains("<h1>Pas encore en français</h1>"),
        "{notice}"
    );
    assert!(
        notice.contains("Cette page n’a pas encore été traduite en français."),
        "{notice}"
    );
    assert!(
        notice.contains("<a href=\"/nl/alleen/\" hreflang=\"nl\">Alleen Nederlands</a>"),
        "it offers the Dutch version: {notice}"
    );
    // In the French site: its menu, its home; and the switcher leads back.
    assert!(notice.contains("href=\"/fr/\""), "{notice}");
    assert!(
        notice.contains(
            "<a href=\"/nl/alleen/\" hreflang=\"nl\" lang=\"nl\">Lees in het Nederlands</a>"
        ),
        "{notice}"
    );
    // No translation: out of search engines and the sitemap.
    assert!(notice.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(alternates(&notice).is_empty(), "{notice}");
    let sitemap = site.read("public/sitemap.xml");
    assert!(!sitemap.contains("/fr/alleen/"), "{sitemap}");
    assert!(sitemap.contains("<loc>https://example.org/nl/alleen/</loc>"));
}

#[test]
fn a_page_written_in_every_language_gets_no_notice() {
    let site = TestSite::example();
    site.build(&[]).success();
    for file in site.files() {
        if file.starts_with("public/") && file.ends_with(".html") {
            assert!(
                !site.read(&file).contains("class=\"untranslated\""),
                "{file}"
            );
        }
    }
}

#[test]
fn a_notice_never_takes_the_place_of_a_real_page() {
    let site = one_page_in_dutch_only().file(
        "content/iets-anders/fr.md",
        "+++\ntitle = \"Autre chose\"\nslug = \"alleen\"\n+++\nTexte.\n",
    );
    let run = site.build(&[]);
    run.success();
    assert!(
        site.read("public/fr/alleen/index.html")
            .contains("Autre chose")
    );
    let printed = format!("{}{}", run.stdout, run.stderr);
    assert!(
        printed.contains("content/alleen-nl/nl.md") && printed.contains("/fr/alleen/"),
        "the build says why there is no notice: {printed}"
    );
}

#[test]
fn without_the_notice_template_a_missing_version_leads_home_and_says_so() {
    let site = one_page_in_dutch_only();
    site.remove("themes/praxis/templates/untranslated.html");
    site.build(&[]).success();
    let html = site.read("public/nl/alleen/index.html");
    assert!(
        html.contains("<a href=\"/fr/\" hreflang=\"fr\" lang=\"fr\" class=\"untranslated\">Pas encore en français\u{a0}: vers l’accueil</a>"),
        "{html}"
    );
    assert!(!site.exists("public/fr/alleen/index.html"));
}

#[test]
fn plural_forms_and_dates_in_both_languages() {
    let long = "woord ".repeat(700);
    let site = TestSite::with_default_theme()
        .file(
            "content/kort/nl.md",
            "+++\ntitle = \"Kort\"\ndate = 2026-11-27\n+++\nEen paar woorden.\n",
        )
        .file(
            "content/kort/fr.md",
            "+++\ntitle = \"Court\"\ndate = 2026-11-27\n+++\nQuelques mots.\n",
        )
        .file(
            "content/lang/nl.md",
            &format!("+++\ntitle = \"Lang\"\ndate = 2026-03-01\n+++\n{long}\n"),
        )
        .file(
            "content/lang/fr.md",
            &format!("+++\ntitle = \"Long\"\ndate = 2026-03-01\n+++\n{long}\n"),
        );
    site.build(&[]).success();
    let nl = site.read("public/nl/kort/index.html");
    assert!(
        nl.contains("27 november 2026</time> · Leestijd: 1 minuut"),
        "{nl}"
    );
    let fr = site.read("public/fr/kort/index.html");
    assert!(
        fr.contains("27 novembre 2026</time> · 1 minute de lecture"),
        "{fr}"
    );
    assert!(
        site.read("public/nl/lang/index.html")
            .contains("1 maart 2026</time> · Leestijd: 4 minuten")
    );
    assert!(
        site.read("public/fr/lang/index.html")
            .contains("1er mars 2026</time> · 4 minutes de lecture")
    );
}

#[test]
fn the_first_of_the_month_reads_1er_on_french_pages_and_lists() {
    let section =
        |title: &str, slug: &str| format!("+++\ntitle = \"{title}\"\nslug = \"{slug}\"\n+++\n");
    let article =
        |title: &str, date: &str| format!("+++\ntitle = \"{title}\"\ndate = {date}\n+++\nTekst.\n");
    let site = TestSite::with_default_theme()
        .file("content/blog/nl.md", &section("Blog", "blog"))
        .file("content/blog/fr.md", &section("Blog", "blog"))
        .file(
            "content/blog/eerste/nl.md",
            &article("Eerste", "2026-12-01"),
        )
        .file(
            "content/blog/eerste/fr.md",
            &article("Premier", "2026-12-01"),
        )
        .file("content/blog/elfde/nl.md", &article("Elfde", "2026-12-11"))
        .file(
            "content/blog/elfde/fr.md",
            &article("Onzième", "2026-12-11"),
        );
    site.build(&[]).success();
    // The article, its section's list and the home page's latest articles.
    for file in [
        "fr/blog/eerste/index.html",
        "fr/blog/index.html",
        "fr/index.html",
    ] {
        let html = site.read(&format!("public/{file}"));
        assert!(
            html.contains("<time datetime=\"2026-12-01\">1er décembre 2026</time>"),
            "{file}: {html}"
        );
        assert!(!html.contains(">1 décembre"), "{file}: {html}");
    }
    let list = site.read("public/fr/blog/index.html");
    assert!(
        list.contains("<time datetime=\"2026-12-11\">11 décembre 2026</time>"),
        "only the first of the month: {list}"
    );
    for file in [
        "nl/blog/eerste/index.html",
        "nl/blog/index.html",
        "nl/index.html",
    ] {
        let html = site.read(&format!("public/{file}"));
        assert!(
            html.contains("<time datetime=\"2026-12-01\">1 december 2026</time>"),
            "{file}: {html}"
        );
    }
}

#[test]
fn french_typography_in_text_titles_and_ui_strings() {
    let body = "Vraiment ? Oui ! Note : le « mentorat » ; à 10:30 précises.\n\n\
                Déjà espacé\u{a0}: rien à faire\u{202f}!\n\n\
                Du code `a ? b : c` et [un lien](https://example.org/?q=1) ou <https://example.org/x?y=z>.\n\n\
                ```\nif (x) { y ? z : w; }\n```\n";
    let site = TestSite::with_default_theme()
        .file(
            "content/typo/fr.md",
            &format!("+++\ntitle = \"Pourquoi ?\"\n+++\n{body}"),
        )
        .file(
            "content/typo/nl.md",
            &format!("+++\ntitle = \"Waarom ?\"\n+++\n{body}"),
        );
    site.build(&[]).success();
    let fr = site.read("public/fr/typo/index.html");
    assert!(fr.contains("Vraiment\u{202f}? Oui\u{202f}! Note\u{a0}: le «\u{202f}mentorat\u{202f}»\u{202f}; à 10:30 précises."), "{fr}");
    assert!(
        fr.contains("Déjà espacé\u{a0}: rien à faire\u{202f}!"),
        "existing spaces kept"
    );
    assert!(
        fr.contains("<code>a ? b : c</code>"),
        "code spans untouched"
    );
    assert!(fr.contains(r#"<a href="https://example.org/?q=1">un lien</a>"#));
    assert!(
        fr.contains(r#"<a href="https://example.org/x?y=z">https://example.org/x?y=z</a>"#),
        "{fr}"
    );
    assert!(
        fr.contains("if (x) { y ? z : w; }"),
        "code blocks untouched"
    );
    assert!(fr.contains("<h1>Pourquoi\u{202f}?</h1>"), "titles too");
    assert!(fr.contains("<title>Pourquoi\u{202f}? · Cabinet</title>"));
    assert!(
        fr.contains(">Aller au contenu</a>"),
        "UI strings are French"
    );
    let nl = site.read("public/nl/typo/index.html");
    assert!(
        nl.contains("Vraiment ? Oui ! Note : le « mentorat »"),
        "Dutch is left as written"
    );
}

/// Regression: smart punctuation turned French straight quotes into “ ”
/// before French typography saw them, and two typed spaces before `?` became
/// a space and a narrow no-break space.
#[test]
fn french_straight_quotes_become_guillemets_across_markup_and_dutch_keeps_curly_quotes() {
    // (Markdown, the HTML it must give in French)
    let cases = [
        (
            "Il dit \"*oui*\"  ?",
            "Il dit «\u{202f}<em>oui</em>\u{202f}»\u{202f}?",
        ),
        (
            "\"Le **mentorat** n'est pas \"un conseil\".\"",
            "«\u{202f}Le <strong>mentorat</strong> n’est pas “un conseil”.\u{202f}»",
        ),
        (
            "Tapez `\"x\" ?` puis \"ok\".",
            "Tapez <code>\"x\" ?</code> puis «\u{202f}ok\u{202f}».",
        ),
        ("Un écran 27\" neuf.", "Un écran 27\" neuf."),
        (
            "<span title=\"a ? b\">mot</span> \"oui\"",
            "<span title=\"a ? b\">mot</span> «\u{202f}oui\u{202f}»",
        ),
        (
            "Voir [\"le site\"](https://example.org/?q=\"x\") !",
            "Voir <a href=\"https://example.org/?q=%22x%22\">«\u{202f}le site\u{202f}»</a>\u{202f}!",
        ),
        (
            "Déjà «\u{202f}fait\u{202f}»\u{a0}: rien.",
            "Déjà «\u{202f}fait\u{202f}»\u{a0}: rien.",
        ),
    ];
    let body: String = cases.iter().map(|(md, _)| format!("{md}\n\n")).collect();
    let site = TestSite::with_default_theme()
        .file(
            "content/typo/fr.md",
            &format!(
                "+++\ntitle = 'Le \"mentorat\" ?'\ndescription = '\"Oui\" : non'\n+++\n{body}"
            ),
        )
        .file(
            "content/typo/nl.md",
            "+++\ntitle = 'Het \"mentorschap\"'\n+++\nHij zegt \"*ja*\".\n",
        );
    site.build(&[]).success();
    let fr = site.read("public/fr/typo/index.html");
    for (md, html) in cases {
        assert!(fr.contains(html), "{md:?} should give {html:?} in\n{fr}");
    }
    assert!(
        fr.contains("<h1>Le «\u{202f}mentorat\u{202f}»\u{202f}?</h1>"),
        "titles too"
    );
    assert!(
        fr.contains("«\u{202f}Oui\u{202f}»\u{a0}: non"),
        "descriptions too"
    );
    let nl = site.read("public/nl/typo/index.html");
    assert!(nl.contains("Hij zegt “<em>ja</em>”."), "{nl}");
    assert!(nl.contains("<h1>Het “mentorschap”</h1>"), "{nl}");
}

#[test]
fn french_typography_can_be_turned_off() {
    let site = TestSite::minimal().file("content/x/fr.md", "+++\ntitle = \"X\"\n+++\nVraiment ?\n");
    let config = site.read("site.toml").replace(
        "[languages.fr]\n",
        "[languages.fr]\nfrench_typography = false\n",
    );
    site.write("site.toml", &config);
    site.build(&[]).success();
    assert!(site.read("public/fr/x/index.html").contains("Vraiment ?"));
}

#[test]
fn missing_fluent_key_names_key_language_and_template() {
    let site = TestSite::minimal()
        .file("i18n/nl.ftl", "groet = Hallo\n")
        .file("i18n/fr.ftl", "autre = Autre\n")
        .file(
            "themes/plain/templates/index.html",
            "<p>\n{{ t(key=\"groet\") }}\n</p>\n",
        );
    let run = site.build(&[]);
    run.failure().error_at(
        "themes/plain/templates/index.html:2",
        &["`groet`", "`fr`", "i18n/fr.ftl"],
    );
}

#[test]
fn fluent_syntax_error_names_file_and_line() {
    let site = TestSite::minimal()
        .file("i18n/nl.ftl", "groet = Hallo\nkapot = { $naam\n")
        .file("i18n/fr.ftl", "groet = Bonjour\n");
    site.build(&[])
        .failure()
        .error_at("i18n/nl.ftl:2", &["Fluent syntax error"]);
}

#[test]
fn site_strings_override_the_theme() {
    let site = TestSite::with_default_theme()
        .file("i18n/nl.ftl", "skip-to-content = Sla over naar de tekst\n");
    site.build(&[]).success();
    assert!(
        site.read("public/nl/index.html")
            .contains(">Sla over naar de tekst</a>")
    );
    assert!(
        site.read("public/fr/index.html")
            .contains(">Aller au contenu</a>")
    );
}

#[test]
fn broken_lang_link_fails_the_build() {
    let site = TestSite::minimal().file(
        "content/a/nl.md",
        "+++\ntitle = \"A\"\n+++\n\n[Lire](@/a?lang=fr)\n",
    );
    site.build(&[])
        .failure()
        .error_at("content/a/nl.md:5", &["no fr version"]);
}

#[test]
fn default_language_at_the_root() {
    let site = TestSite::with_default_theme()
        .file("content/over/nl.md", "+++\ntitle = \"Over\"\n+++\n")
        .file(
            "content/over/fr.md",
            "+++\ntitle = \"À propos\"\nslug = \"a-propos\"\n+++\n",
        );
    let config = site.read("site.toml").replace(
        "default_language = \"nl\"",
        "default_language = \"nl\"\ndefault_language_at_root = true",
    );
    site.write("site.toml", &config);
    site.build(&[]).success();
    assert!(
        site.read("public/index.html")
            .contains("<html lang=\"nl\">")
    );
    assert!(site.exists("public/over/index.html"));
    assert!(site.exists("public/fr/a-propos/index.html"));
    assert!(!site.exists("public/nl/index.html"));
    let over = site.read("public/over/index.html");
    assert_eq!(
        alternates(&over).get("fr").map(String::as_str),
        Some("https://example.org/fr/a-propos/")
    );
    assert!(site.exists("public/404.html") && site.exists("public/fr/404.html"));
}

#[test]
fn atom_feed_per_language_with_absolute_links_and_rfc3339_dates() {
    let site = TestSite::example();
    site.build(&[]).success();
    let feed = site.read("public/fr/atom.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">"));
    assert!(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://praktijk-debrug.example/fr/articles/le-mentorat/\"/>"));
    assert!(feed.contains("<published>2026-11-20T00:00:00Z</published>"));
    assert!(feed.contains("xml:base=\"https://praktijk-debrug.example/fr/articles/le-mentorat/\""));
    assert!(!feed.contains("Mentorschap"), "only French entries");
    let nl = site.read("public/nl/atom.xml");
    let first = nl.find("Mentorschap").unwrap();
    let second = nl.find("Wat je mag verwachten").unwrap();
    assert!(first < second, "newest first");
}

#[test]
fn sitemap_lists_alternates_and_robots_points_to_it() {
    let site = TestSite::example();
    site.build(&[]).success();
    let sitemap = site.read("public/sitemap.xml");
    let entry = sitemap
        .split("<url>")
        .find(|u| u.contains("<loc>https://praktijk-debrug.example/nl/artikels/mentorschap/</loc>"))
        .expect("the article is in the sitemap");
    assert!(entry.contains("<xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://praktijk-debrug.example/fr/articles/le-mentorat/\"/>"));
    assert!(entry.contains("<xhtml:link rel=\"alternate\" hreflang=\"nl\" href=\"https://praktijk-debrug.example/nl/artikels/mentorschap/\"/>"));
    assert!(entry.contains("<lastmod>2026-11-20</lastmod>"));
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://praktijk-debrug.example/sitemap.xml\n"
    );
}

#[test]
fn tag_pages_are_localized_and_paired() {
    let site = TestSite::example();
    site.build(&[]).success();
    let nl = site.read("public/nl/onderwerpen/mentorschap/index.html");
    assert!(nl.contains("Onderwerp: mentorschap"), "{nl}");
    assert!(nl.contains("/nl/artikels/mentorschap/"));
    assert_eq!(
        alternates(&nl).get("fr").map(String::as_str),
        Some("https://praktijk-debrug.example/fr/sujets/mentorat/"),
        "the tag carried by the same articles in French"
    );
    let list = site.read("public/fr/sujets/index.html");
    assert!(list.contains("<h1>Sujets</h1>"));
    assert_eq!(
        alternates(&list).get("nl").map(String::as_str),
        Some("https://praktijk-debrug.example/nl/onderwerpen/")
    );
}

#[test]
fn not_found_page_per_language() {
    let site = TestSite::example();
    site.build(&[]).success();
    assert!(
        site.read("public/nl/404.html")
            .contains("Pagina niet gevonden")
    );
    assert!(site.read("public/fr/404.html").contains("Page introuvable"));
    assert!(site.read("public/404.html").contains("<html lang=\"nl\">"));
}

#[test]
fn menu_comes_from_content() {
    let site = TestSite::example();
    site.build(&[]).success();
    let html = site.read("public/fr/index.html");
    let menu = html
        .split("class=\"menu\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap();
    let articles = menu.find("/fr/articles/").unwrap();
    let about = menu.find("/fr/a-propos-de-moi/").unwrap();
    let contact = menu.find("/fr/contact/").unwrap();
    assert!(articles < about && about < contact, "by weight: {menu}");
}
