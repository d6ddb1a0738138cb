//! Whole pages where the HTML is the thing under test: the default theme's
//! article, root 404 and feed, on a small fixed site. A change to the theme
//! shows up here as a diff to review (`cargo insta review`, or set
//! `INSTA_UPDATE=always` and read the diff in git) rather than as a
//! surprise on the published site.

use crate::support::TestSite;

fn site() -> TestSite {
    let site = TestSite::with_default_theme()
        .file(
            "content/artikels/nl.md",
            "+++\ntitle = \"Artikels\"\n+++\n",
        )
        .file(
            "content/artikels/fr.md",
            "+++\ntitle = \"Articles\"\nslug = \"articles\"\n+++\n",
        )
        .file(
            "content/artikels/eerste/nl.md",
            "+++\ntitle = \"Een eerste gesprek\"\ndate = 2026-10-02\ndescription = \"Wat je mag verwachten.\"\ntags = [\"begeleiding\"]\n+++\nHet eerste gesprek is \"vrijblijvend\".\n\n## Praktisch\n\nEen uur, bij mij thuis.\n",
        )
        .file(
            "content/artikels/eerste/fr.md",
            "+++\ntitle = \"Un premier entretien\"\nslug = \"premier-entretien\"\ndate = 2026-10-02\ndescription = \"Ce qui vous attend.\"\ntags = [\"accompagnement\"]\n+++\nLe premier entretien est \"sans engagement\" : une heure, pas plus !\n\n## En pratique\n\nÀ 10:30, chez moi.\n",
        )
        .file(
            "content/artikels/tweede/nl.md",
            "+++\ntitle = \"Een tweede stap\"\ndate = 2026-11-02\n+++\nDaarna.\n",
        )
        .file(
            "content/artikels/tweede/fr.md",
            "+++\ntitle = \"Un deuxième pas\"\nslug = \"deuxieme-pas\"\ndate = 2026-11-02\n+++\nEnsuite.\n",
        );
    let config = site.read("site.toml")
        + "\n[practice]\nname = \"Praktijk Test\"\nphone = \"+32 470 00 00 00\"\n\n[languages.fr.practice]\nname = \"Cabinet Test\"\n";
    site.write("site.toml", &config);
    site.build(&[]).success();
    site
}

#[test]
fn snapshot_of_a_french_article() {
    let site = site();
    insta::assert_snapshot!(site.read("public/fr/articles/premier-entretien/index.html"));
}

#[test]
fn snapshot_of_the_root_404_page() {
    let site = site();
    insta::assert_snapshot!(site.read("public/404.html"));
}

#[test]
fn snapshot_of_the_dutch_feed() {
    let site = site();
    insta::assert_snapshot!(site.read("public/nl/atom.xml"));
}
