//! What `praxis build` writes for good input.

use crate::support::TestSite;

fn article(title: &str, slug: &str, extra: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\nslug = \"{slug}\"\n{extra}+++\n{body}")
}

fn with_articles() -> TestSite {
    TestSite::minimal()
        .file(
            "content/articles/nl.md",
            &article("Artikels", "artikels", "", "Alles.\n"),
        )
        .file(
            "content/articles/fr.md",
            &article("Articles", "articles", "", "Tout.\n"),
        )
        .file(
            "content/articles/mentorschap/nl.md",
            &article(
                "Mentorschap",
                "mentorschap",
                "date = 2026-11-20\n",
                "Tekst.\n",
            ),
        )
        .file(
            "content/articles/mentorschap/fr.md",
            &article(
                "Le mentorat",
                "le-mentorat",
                "date = 2026-11-20\n",
                "Texte.\n",
            ),
        )
}

#[test]
fn pages_live_at_localized_urls() {
    let site = with_articles();
    let run = site.build(&[]);
    run.success();
    assert!(
        site.read("public/nl/index.html")
            .contains("<h1>Welkom</h1>")
    );
    assert!(
        site.read("public/fr/index.html")
            .contains("<h1>Bienvenue</h1>")
    );
    assert!(
        site.read("public/nl/artikels/mentorschap/index.html")
            .contains("<h1>Mentorschap</h1>")
    );
    assert!(
        site.read("public/fr/articles/le-mentorat/index.html")
            .contains("<h1>Le mentorat</h1>")
    );
    assert!(
        site.read("public/nl/artikels/index.html")
            .contains(r#"<a href="/nl/artikels/mentorschap/">Mentorschap</a>"#)
    );
    assert!(
        run.stdout.contains("built 6 pages (nl 3, fr 3)"),
        "{}",
        run.stdout
    );
}

#[test]
fn slug_defaults_to_the_folder_name() {
    let site =
        TestSite::minimal().file("content/over-mij/nl.md", "+++\ntitle = \"Over mij\"\n+++\n");
    site.build(&[]).success();
    assert!(site.exists("public/nl/over-mij/index.html"));
    assert!(
        !site.exists("public/fr/over-mij/index.html"),
        "no French file, no French page"
    );
}

#[test]
fn every_page_knows_its_translations() {
    let site = with_articles();
    site.build(&[]).success();
    let nl = site.read("public/nl/artikels/mentorschap/index.html");
    assert!(
        nl.contains(r#"<a class="t-fr" href="/fr/articles/le-mentorat/">Le mentorat</a>"#),
        "{nl}"
    );
    assert!(nl.contains(r#"<a class="t-nl" href="/nl/artikels/mentorschap/">Mentorschap</a>"#));
    assert!(nl.contains("<html lang=\"nl\">"));
}

#[test]
fn assets_are_published_beside_each_language() {
    // Files as they are; JPEG, PNG and WebP are processed (images.rs).
    let site = with_articles()
        .file("content/articles/mentorschap/brochure.pdf", "PDF")
        .file("content/articles/mentorschap/img/plan.svg", "SVG");
    site.build(&[]).success();
    assert_eq!(
        site.read("public/nl/artikels/mentorschap/brochure.pdf"),
        "PDF"
    );
    assert_eq!(
        site.read("public/fr/articles/le-mentorat/brochure.pdf"),
        "PDF"
    );
    assert_eq!(
        site.read("public/fr/articles/le-mentorat/img/plan.svg"),
        "SVG"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = with_articles().file(
        "content/articles/concept/nl.md",
        &article("Concept", "concept", "draft = true\n", "Nog niet af.\n"),
    );
    site.build(&[]).success();
    assert!(!site.exists("public/nl/artikels/concept/index.html"));
    assert!(
        !site
            .read("public/nl/artikels/index.html")
            .contains("Concept")
    );

    site.build(&["--drafts"]).success();
    assert!(site.exists("public/nl/artikels/concept/index.html"));
    assert!(
        site.read("public/nl/artikels/index.html")
            .contains("Concept")
    );
}

#[test]
fn aliases_redirect_to_the_page() {
    let site = with_articles().file(
        "content/articles/mentorschap/nl.md",
        &article(
            "Mentorschap",
            "mentorschap",
            "aliases = [\"/blog/2019/mentorschap/\", \"/oud.html\"]\n",
            "Tekst.\n",
        ),
    );
    site.build(&[]).success();
    for alias in ["public/blog/2019/mentorschap/index.html", "public/oud.html"] {
        let html = site.read(alias);
        assert!(
            html.contains(r#"content="0; url=https://example.org/nl/artikels/mentorschap/""#),
            "{html}"
        );
        assert!(
            html.contains(r#"rel="canonical" href="https://example.org/nl/artikels/mentorschap/""#)
        );
    }
}

#[test]
fn markdown_extensions_and_heading_ids() {
    let body = "Intro.\n\n## Eerste stap\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~weg~~ en een voetnoot[^1].\n\n- [x] gedaan\n\n## Eerste stap\n\n## Eigen {#eigen-id}\n\n[^1]: De noot.\n";
    let site = TestSite::minimal().file(
        "content/x/nl.md",
        &format!("+++\ntitle = \"X\"\n+++\n{body}"),
    );
    site.build(&[]).success();
    let html = site.read("public/nl/x/index.html");
    assert!(
        html.contains(r#"<h2 id="eerste-stap">Eerste stap</h2>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<h2 id="eerste-stap-1">Eerste stap</h2>"#),
        "ids are unique: {html}"
    );
    assert!(html.contains(r#"<h2 id="eigen-id">Eigen</h2>"#));
    assert!(html.contains("<table>"));
    assert!(html.contains("<del>weg</del>"));
    assert!(html.contains("footnote-definition"));
    assert!(html.contains(r#"type="checkbox""#));
}

#[test]
fn summary_word_count_and_reading_time() {
    let words = "woord ".repeat(450);
    let site = TestSite::minimal()
        .file(
            "content/a/nl.md",
            &format!("+++\ntitle = \"A\"\n+++\nEerste alinea.\n\n{words}\n"),
        )
        .file(
            "content/b/nl.md",
            "+++\ntitle = \"B\"\n+++\nVoor.\n\nNog voor.\n\n<!-- more -->\n\nNa.\n",
        );
    site.build(&[]).success();
    let a = site.read("public/nl/a/index.html");
    assert!(
        a.contains(r#"<div class="summary"><p>Eerste alinea.</p>"#),
        "{a}"
    );
    assert!(a.contains("words=452 minutes=3"), "{a}");
    let b = site.read("public/nl/b/index.html");
    assert!(
        b.contains("<p>Nog voor.</p>\n</div>"),
        "summary stops at the marker: {b}"
    );
    assert!(
        !b.split("class=\"summary\"")
            .nth(1)
            .unwrap()
            .split("</div>")
            .next()
            .unwrap()
            .contains("Na.")
    );
}

#[test]
fn internal_links_resolve_in_both_languages() {
    let site = with_articles()
        .file("content/over/nl.md", "+++\ntitle = \"Over\"\n+++\nZie [dit](@/articles/mentorschap) en [dat](@/articles/mentorschap?lang=fr#top).\n")
        .file(
            "content/articles/mentorschap/fr.md",
            &article("Le mentorat", "le-mentorat", "", "## Top\n"),
        );
    site.build(&[]).success();
    let html = site.read("public/nl/over/index.html");
    assert!(
        html.contains(r#"<a href="/nl/artikels/mentorschap/">dit</a>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="/fr/articles/le-mentorat/#top">dat</a>"#),
        "{html}"
    );
}

#[test]
fn site_files_override_the_theme() {
    let site = TestSite::minimal()
        .file("themes/plain/static/style.css", "theme")
        .file("themes/plain/static/logo.svg", "logo")
        .file("static/style.css", "site")
        .file("templates/index.html", "{% extends \"base.html\" %}{% block content %}EIGEN {{ section.title }}{% endblock content %}");
    site.build(&[]).success();
    assert_eq!(site.read("public/style.css"), "site");
    assert_eq!(site.read("public/logo.svg"), "logo");
    assert!(site.read("public/nl/index.html").contains("EIGEN Welkom"));
}

#[test]
fn root_page_lists_languages() {
    let site = TestSite::minimal();
    site.build(&[]).success();
    let html = site.read("public/index.html");
    assert!(
        html.contains(r#"<a href="/nl/" hreflang="nl">Nederlands</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"<a href="/fr/" hreflang="fr">Français</a>"#));
}

#[test]
fn base_url_option_and_output_folder() {
    let site = TestSite::minimal().file("themes/plain/templates/index.html", "{{ current_url }}");
    let out = site.path("elders");
    site.build(&[
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        "https://praktijk.be/site/",
    ])
    .success();
    assert_eq!(
        site.read("elders/nl/index.html"),
        "https://praktijk.be/site/nl/"
    );
    assert!(!site.exists("public"));
}

#[test]
fn rebuild_removes_pages_that_are_gone() {
    let site = with_articles();
    site.build(&[]).success();
    site.remove("content/articles/mentorschap");
    site.build(&[]).success();
    assert!(!site.exists("public/nl/artikels/mentorschap/index.html"));
    assert!(site.exists("public/nl/artikels/index.html"));
}

#[test]
fn extra_values_reach_templates_as_plain_values() {
    let site = TestSite::minimal()
        .file(
            "content/x/nl.md",
            "+++\ntitle = \"X\"\n[extra]\nwhen = 2026-11-27\nodd = nan\nlist = [1, \"twee\"]\nsub = { a = true }\n+++\n",
        )
        .file(
            "themes/plain/templates/page.html",
            "{{ page.extra.when }}|{{ page.extra.list | join(sep=\",\") }}|{{ page.extra.sub.a }}",
        );
    site.build(&[]).success();
    assert_eq!(
        site.read("public/nl/x/index.html"),
        "2026-11-27|1,twee|true"
    );
}

#[test]
fn paginated_sections_split_their_list() {
    let mut site = TestSite::with_default_theme().file(
        "content/articles/nl.md",
        "+++\ntitle = \"Artikels\"\nslug = \"artikels\"\npaginate_by = 2\n+++\n",
    );
    for day in 1..=5 {
        site = site.file(
            &format!("content/articles/a{day}/nl.md"),
            &format!("+++\ntitle = \"Artikel {day}\"\ndate = 2026-11-0{day}\n+++\nTekst.\n"),
        );
    }
    let config = site.read("site.toml").replace(
        "[languages.nl]\n",
        "[languages.nl]\npage_path = \"pagina\"\n",
    );
    site.write("site.toml", &config);
    site.build(&[]).success();
    let first = site.read("public/nl/artikels/index.html");
    assert!(
        first.contains("Artikel 5") && first.contains("Artikel 4") && !first.contains("Artikel 3"),
        "{first}"
    );
    assert!(
        first.contains(r#"<a rel="next" href="/nl/artikels/pagina/2/">"#),
        "{first}"
    );
    assert!(first.contains("Pagina 1 van 3"));
    let second = site.read("public/nl/artikels/pagina/2/index.html");
    assert!(second.contains("Artikel 3") && second.contains("Artikel 2"));
    assert!(second.contains(r#"<a rel="prev" href="/nl/artikels/">"#));
    let last = site.read("public/nl/artikels/pagina/3/index.html");
    assert!(last.contains("Artikel 1") && !last.contains("rel=\"next\""));
}

/// Regression: a folder's language files are not always next to each other
/// in the walk (`articles/fr.md`, `articles/het-eerste/…`, `articles/nl.md`);
/// grouping them by neighbours lost the section's French page.
#[test]
fn a_child_folder_sorting_between_a_folders_files_splits_nothing() {
    let site = TestSite::minimal()
        .file("content/articles/fr.md", "+++\ntitle = \"Articles\"\n+++\n")
        .file("content/articles/nl.md", "+++\ntitle = \"Artikels\"\n+++\n")
        .file(
            "content/articles/het-eerste/nl.md",
            "+++\ntitle = \"Het eerste\"\n+++\n[terug](@/articles)\n",
        )
        .file(
            "content/articles/het-eerste/fr.md",
            "+++\ntitle = \"Le premier\"\n+++\n[retour](@/articles)\n",
        );
    site.build(&[]).success();
    assert!(site.exists("public/fr/articles/index.html"));
    assert!(site.exists("public/nl/articles/index.html"));
}

/// `praxis build` makes the pages' summaries for templates only after the
/// outputs that need none (to hold them apart from every page's HTML): a
/// page whose template looks another page up, and a list, are made once
/// the summaries are, and show them.
#[test]
fn outputs_that_read_other_pages_summaries_are_published_whole() {
    let site = with_articles()
        .file(
            "content/articles/stilte/nl.md",
            &article(
                "Stilte",
                "stilte",
                "date = 2026-11-21\ntemplate = \"lookup.html\"\n",
                "Over stilte.\n",
            ),
        )
        .file(
            "templates/lookup.html",
            "{% set other = get_page(key=\"articles/mentorschap\") %}\
             GEVONDEN {{ other.title }} {{ other.word_count }} {{ page.content | safe }}\
             {% set list = get_section(key=\"articles\") %}\
             {% for p in list.pages %}[{{ p.title }}]{% endfor %}",
        );
    site.build(&[]).success();
    let page = site.read("public/nl/artikels/stilte/index.html");
    assert!(
        page.contains("GEVONDEN Mentorschap 1 <p>Over stilte.</p>"),
        "{page}"
    );
    assert!(page.contains("[Stilte][Mentorschap]"), "{page}");
    let list = site.read("public/nl/artikels/index.html");
    assert!(
        list.contains("Mentorschap") && list.contains("Stilte"),
        "{list}"
    );
}
