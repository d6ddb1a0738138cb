//! Lists of pages: section lists, tag pages and feeds show pages in the
//! same "newest first" order — date, then weight, then title with accents
//! and case folded, then the title exactly.

use crate::support::TestSite;

/// Two articles of the same day, tagged alike: "Zen" in a folder that
/// comes first, "Écoute" in one that comes after it.
fn two_articles_of_one_day() -> TestSite {
    TestSite::minimal()
        .file(
            "themes/plain/templates/taxonomy_list.html",
            "{% for t in terms %}<a href=\"{{ t.url }}\">{{ t.name }}</a>{% endfor %}",
        )
        .file(
            "themes/plain/templates/taxonomy_single.html",
            "<ul class=\"pages\">{% for p in term.pages %}<li>{{ p.title }}</li>{% endfor %}</ul>",
        )
        .file("content/artikels/nl.md", "+++\ntitle = \"Artikels\"\n+++\n")
        .file(
            "content/artikels/a-zen/nl.md",
            "+++\ntitle = \"Zen\"\ndate = 2026-03-01\ntags = [\"rust\"]\n+++\nTekst.\n",
        )
        .file(
            "content/artikels/b-ecoute/nl.md",
            "+++\ntitle = \"Écoute\"\ndate = 2026-03-01\ntags = [\"rust\"]\n+++\nTekst.\n",
        )
}

/// Where `first` and `second` appear in `text`: first before second.
fn in_order(text: &str, first: &str, second: &str) -> bool {
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("no {s:?} in {text}"));
    at(first) < at(second)
}

#[test]
fn a_tag_page_and_a_section_list_order_accented_titles_alike() {
    let site = two_articles_of_one_day();
    site.build(&[]).success();
    let section = site.read("public/nl/artikels/index.html");
    let tag = site.read("public/nl/tags/rust/index.html");
    assert!(in_order(&section, ">Écoute<", ">Zen<"), "{section}");
    assert!(
        in_order(&tag, ">Écoute<", ">Zen<"),
        "the tag page sorts like the section list: {tag}"
    );
}

#[test]
fn a_feed_orders_articles_of_one_day_as_the_section_list_does() {
    let site = two_articles_of_one_day();
    site.build(&[]).success();
    let feed = site.read("public/nl/atom.xml");
    assert!(
        in_order(&feed, "<title>Écoute</title>", "<title>Zen</title>"),
        "{feed}"
    );
}

#[test]
fn weight_orders_articles_of_one_day_before_their_titles_on_every_list() {
    let site = two_articles_of_one_day()
        .file(
            "content/artikels/a-adem/nl.md",
            "+++\ntitle = \"Adem\"\nweight = 2\ndate = 2026-04-01\ntags = [\"rust\"]\n+++\nTekst.\n",
        )
        .file(
            "content/artikels/b-zon/nl.md",
            "+++\ntitle = \"Zon\"\nweight = 1\ndate = 2026-04-01\ntags = [\"rust\"]\n+++\nTekst.\n",
        );
    site.build(&[]).success();
    let section = site.read("public/nl/artikels/index.html");
    let tag = site.read("public/nl/tags/rust/index.html");
    let feed = site.read("public/nl/atom.xml");
    assert!(in_order(&section, ">Zon<", ">Adem<"), "{section}");
    assert!(in_order(&tag, ">Zon<", ">Adem<"), "{tag}");
    assert!(
        in_order(&feed, "<title>Zon</title>", "<title>Adem</title>"),
        "{feed}"
    );
}
