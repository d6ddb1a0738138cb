//! `praxis import wordpress`: every rule of the import, on fixtures written
//! after WordPress's export format (WXR 1.2), with the imported site built
//! by the real binary and its HTML looked at.
//!
//! `wordpress-classic.xml` is a monolingual Dutch blog labelled `en-US`, as
//! WordPress labels most; `wordpress-uploads/` is its `wp-content/uploads`,
//! with thumbnails beside the originals. The Polylang and WPML fixtures
//! are bilingual.

use std::path::Path;

use crate::support::{REPO, Run, TestSite, praxis_in};

/// A new site (`praxis init`, the default theme), without the contact and
/// privacy pages init writes: the WordPress sites below have their own,
/// which then take those places (with init's pages there, an imported page
/// yields its URL: `a_page_of_the_site_keeps_its_url_and_the_imported_one_yields`).
fn new_site() -> TestSite {
    let parent = TestSite::empty();
    praxis_in(parent.root(), &["init", "site"]).success();
    let site = TestSite::empty();
    // Move the new site into a TestSite of its own.
    for file in parent.files() {
        if let Some(rest) = file.strip_prefix("site/")
            && !rest.starts_with("content/contact/")
            && !rest.starts_with("content/privacy/")
        {
            site.write_bytes(rest, &std::fs::read(parent.path(&file)).unwrap());
        }
    }
    site
}

/// Regression: an imported "Contact" beside `praxis init`'s own contact
/// page took its URL, and the site no longer built.
#[test]
fn a_page_of_the_site_keeps_its_url_and_the_imported_one_yields() {
    let parent = TestSite::empty();
    praxis_in(parent.root(), &["init", "site"]).success();
    let site = TestSite::empty();
    for file in parent.files() {
        if let Some(rest) = file.strip_prefix("site/") {
            site.write_bytes(rest, &std::fs::read(parent.path(&file)).unwrap());
        }
    }
    let run = import_into(&site, "wordpress-classic.xml", &["--language", "nl"]);
    run.success();
    assert!(
        run.stdout.contains("has the slug `contact`"),
        "the report says so: {}",
        run.stdout
    );
    site.build(&[]).success();
    assert!(
        site.read("public/nl/contact/index.html")
            .contains("id=\"form-contact-name\""),
        "init's contact page, with its form, keeps /nl/contact/"
    );
}

/// `fixture` imported into `site` with `args`.
fn import_into(site: &TestSite, fixture: &str, args: &[&str]) -> Run {
    let export = Path::new(REPO).join("tests/fixtures").join(fixture);
    let mut all = vec!["import", "wordpress", export.to_str().unwrap()];
    all.extend_from_slice(args);
    site.praxis(&all)
}

/// A new site, into which `fixture` is imported with `args`.
fn imported_with(fixture: &str, args: &[&str]) -> (TestSite, Run) {
    let site = new_site();
    let run = import_into(&site, fixture, args);
    (site, run)
}

fn imported(fixture: &str) -> (TestSite, Run) {
    imported_with(fixture, &[])
}

#[test]
fn wordpress_with_polylang() {
    let (site, run) = imported("wordpress-polylang.xml");
    run.success();
    assert!(
        run.stdout
            .contains("imported 3 posts and 2 pages (2 translated together)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("menu items: 1 — 0 placed") && run.stdout.contains("“Home” (item"),
        "the menu item is counted and said what became of it: {}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("https://oud.praktijk-debrug.example/wp-content/uploads/2019/05/stoelen.jpg"),
        "images are listed"
    );

    let nl = site.read("content/articles/mentorschap/nl.md");
    assert!(nl.contains("title = \"Mentorschap & coaching\""), "{nl}");
    assert!(nl.contains("slug = \"mentorschap\""));
    assert!(nl.contains("date = 2019-05-14T08:30:00Z"));
    assert!(
        nl.contains("tags = [\"mentorschap\", \"Blog\"]"),
        "categories become tags: {nl}"
    );
    assert!(nl.contains("description = \"Wat mentorschap is.\""));
    assert!(nl.contains("aliases = [\"/2019/05/mentorschap/\"]"));
    assert!(!nl.contains("draft"));
    assert!(
        nl.contains("Iemand begeleiden kan **verschillende vormen** aannemen."),
        "HTML became Markdown"
    );
    assert!(nl.contains("## Conclusie"));
    assert!(
        nl.contains("[zijn ervaring delen](@/over-mij)"),
        "links to old pages became node links"
    );
    assert!(nl.contains("![Twee stoelen](https://oud.praktijk-debrug.example/wp-content/uploads/2019/05/stoelen.jpg)"), "image URLs are kept");

    let fr = site.read("content/articles/mentorschap/fr.md");
    assert!(
        fr.contains("title = \"Le mentorat\""),
        "the translation lands in the same node: {fr}"
    );
    assert!(fr.contains("aliases = [\"/fr/2019/05/le-mentorat/\"]"));
    assert!(
        site.read("content/over-mij/fr.md")
            .contains("slug = \"à-propos\""),
        "percent-encoded slugs are decoded"
    );
    let draft = site.read("content/articles/nog-niet-af/nl.md");
    assert!(
        draft.contains("draft = true") && draft.contains("date = 2020-01-02T10:00:00"),
        "{draft}"
    );
    assert!(!draft.contains("aliases"), "?p= links cannot be redirected");

    site.build(&[]).success();
    assert!(
        site.read("public/2019/05/mentorschap/index.html")
            .contains("/nl/artikels/mentorschap/"),
        "old URLs redirect"
    );
    assert!(
        site.read("public/nl/artikels/mentorschap/index.html")
            .contains("href=\"/fr/articles/le-mentorat/\""),
        "paired translations"
    );

    // Translations are matched by their WordPress ids on the way back in.
    let before: Vec<(String, String)> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with("content/"))
        .map(|f| {
            let text = site.read(&f);
            (f, text)
        })
        .collect();
    let export = Path::new(REPO).join("tests/fixtures/wordpress-polylang.xml");
    let again = site.praxis(&["import", "wordpress", export.to_str().unwrap()]);
    again.success();
    let after: Vec<(String, String)> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with("content/"))
        .map(|f| {
            let text = site.read(&f);
            (f, text)
        })
        .collect();
    assert_eq!(after, before, "{}", again.stdout);
}

#[test]
fn wordpress_with_wpml() {
    let (site, run) = imported("wordpress-wpml.xml");
    run.success();
    assert!(
        run.stdout
            .contains("imported 2 posts and 0 pages (1 translated together)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("in de, which is not a language of this site"),
        "{}",
        run.stdout
    );
    // The node is named after the version in the site's default language.
    let fr = site.read("content/articles/het-eerste-gesprek/fr.md");
    assert!(
        fr.contains("title = \"Le premier entretien\"") && fr.contains("tags = [\"pratique\"]"),
        "{fr}"
    );
    assert!(
        site.read("content/articles/het-eerste-gesprek/nl.md")
            .contains("Een eerste gesprek is een kennismaking.")
    );
    site.build(&[]).success();
}

#[test]
fn a_malformed_export_is_refused_clearly_and_writes_nothing() {
    let (site, _) = imported("wordpress-polylang.xml");
    let before = site.files();
    let cut = TestSite::empty();
    let text =
        std::fs::read_to_string(Path::new(REPO).join("tests/fixtures/wordpress-polylang.xml"))
            .unwrap();
    let first_item = text.find("</item>").unwrap() + "</item>".len();
    cut.write("cut.xml", &text[..first_item]);
    cut.write("broken.xml", &text.replacen("</title>", "</titel>", 3));
    cut.write("other.xml", "<?xml version=\"1.0\"?><html><body/></html>");
    for (file, words) in [
        ("cut.xml", "cut short"),
        ("broken.xml", "not valid XML"),
        ("other.xml", "not a WordPress export"),
    ] {
        let run = site.praxis(&["import", "wordpress", cut.path(file).to_str().unwrap()]);
        run.failure();
        assert!(
            run.stderr.contains(file) && run.stderr.contains(words),
            "{file}: {}",
            run.stderr
        );
    }
    let broken = site.praxis(&[
        "import",
        "wordpress",
        cut.path("broken.xml").to_str().unwrap(),
    ]);
    assert!(
        broken.stderr.contains("broken.xml:9:"),
        "names the line: {}",
        broken.stderr
    );
    assert_eq!(site.files(), before, "nothing written");
}

fn uploads() -> String {
    Path::new(REPO)
        .join("tests/fixtures/wordpress-uploads")
        .to_string_lossy()
        .into_owned()
}

/// The classic blog imported as Dutch, with its uploads, and built.
fn classic_site() -> (TestSite, Run) {
    let uploads = uploads();
    let (site, run) = imported_with(
        "wordpress-classic.xml",
        &["--language", "nl", "--uploads", &uploads],
    );
    run.success();
    site.build(&[]).success();
    (site, run)
}

/// The article text of a built page of the default theme.
fn prose(site: &TestSite, page: &str) -> String {
    let html = site.read(page);
    let start = html.find("<div class=\"prose\">").expect("an article") + 19;
    // Its own closing tag: the divs inside it (a gallery) closed before.
    let mut depth = 0;
    let mut end = start;
    for (at, _) in html[start..]
        .match_indices("<div")
        .chain(html[start..].match_indices("</div>"))
        .collect::<std::collections::BTreeMap<_, _>>()
    {
        if html[start + at..].starts_with("</div>") {
            if depth == 0 {
                end = start + at;
                break;
            }
            depth -= 1;
        } else {
            depth += 1;
        }
    }
    html[start..end].to_owned()
}

const SUMMER: &str = "public/nl/artikels/été-en-herfst/index.html";

#[test]
fn classic_paragraphs_follow_wpautop() {
    let (site, _) = classic_site();
    let html = prose(&site, SUMMER);
    // Six paragraphs of prose; the images in figures, a gallery image
    // without a caption, the text a shortcode wrapped and a lone image are
    // paragraphs too (the two embeds are cards, `<p class="embed-card">`).
    assert_eq!(html.matches("<p>").count(), 11, "{html}");
    assert_eq!(
        html.matches("<p class=\"embed-card\">").count(),
        2,
        "{html}"
    );
    assert!(
        html.contains("<p>Tweede alinea, met een regel<br />\nen nog een regel.</p>"),
        "a single newline is a line break: {html}"
    );
    assert!(
        html.contains("<pre><code>code regel 1\n\ncode regel 3\n</code></pre>"),
        "no paragraphs inside <pre>: {html}"
    );
    assert!(
        html.contains("<ul>\n<li>een</li>\n<li>twee</li>\n</ul>"),
        "{html}"
    );
    assert!(
        !html.contains("<p><ul>") && !html.contains("<br />\n<li>"),
        "{html}"
    );
}

#[test]
fn inline_markup_without_a_markdown_form_is_kept() {
    let (site, _) = classic_site();
    let html = prose(&site, SUMMER);
    for kept in [
        "H<sub>2</sub>O",
        "mc<sup>2</sup>",
        "<abbr title=\"Wereldgezondheidsorganisatie\">WHO</abbr>",
        "<q>een citaat</q>",
        "<cite>Het boek</cite>",
        "<kbd>Ctrl</kbd>",
        "<mark>belangrijke</mark>",
        "<del>fout</del>",
        "<del>ook</del>",
        "<address>Zeedijk 1<br> 8400 Oostende</address>",
        "<strong>vet genest.</strong> en <em>schuin dubbel</em>",
        "Hij zei [sic] dat",
    ] {
        assert!(html.contains(kept), "{kept} in {html}");
    }
}

#[test]
fn tables_keep_every_cell_and_their_header_cells() {
    let (site, _) = classic_site();
    let html = prose(&site, SUMMER);
    assert!(
        html.contains("<tr><th>Voormiddag</th><td>Open</td><td>Gesloten</td></tr>"),
        "header cells in body rows are kept, as HTML: {html}"
    );
    assert!(
        html.contains("<tr><td>Tarief</td><td>60 euro</td></tr>"),
        "a table without a header stays a table: {html}"
    );
    assert!(
        html.contains("<thead><tr><th>Sessie</th><th>Prijs</th></tr></thead>"),
        "a table with a header row is a Markdown table: {html}"
    );
    assert_eq!(html.matches("<table>").count(), 3);
    assert!(!html.contains("| ") && !html.contains("––"), "{html}");
    let blocks = prose(&site, "public/nl/artikels/blokken/index.html");
    assert!(
        blocks.contains("<td>14u | 16u</td>"),
        "a pipe in a cell: {blocks}"
    );
}

#[test]
fn shortcodes_become_figures_and_links_or_are_listed() {
    let (site, run) = classic_site();
    let html = prose(&site, SUMMER);
    assert!(
        // The image beside the page is published in its widths (see images.rs).
        html.contains("<img src=\"/nl/artikels/%C3%A9t%C3%A9-en-herfst/stoelen.png\" srcset=")
            && html.contains("alt=\"Twee stoelen\"")
            && html.contains("<figcaption>Twee stoelen aan zee</figcaption>"),
        "[caption] is a figure with its caption: {html}"
    );
    assert!(
        html.contains("herfst/zee.png\" srcset=")
            && html.contains("alt=\"De zee\"")
            && html.contains("<figcaption>De zee bij vloed</figcaption>")
            && html.contains("herfst/bos.png\" srcset=")
            && html.contains("alt=\"Het bos\""),
        "[gallery ids] shows its images, found through the attachments: {html}"
    );
    assert!(
        html.contains("<a href=\"https://www.youtube.com/watch?v=abc123\">")
            && html.contains("<a href=\"https://vimeo.com/123456\">"),
        "[embed] and a bare embed URL are links: {html}"
    );
    assert!(!html.contains("<iframe"));
    assert!(
        html.contains("<p>Klik hier</p>"),
        "the text a shortcode wrapped stays"
    );
    for literal in [
        "[caption",
        "[gallery",
        "[embed",
        "[contact-form",
        "[su_button",
        "[/",
    ] {
        assert!(!html.contains(literal), "{literal} in {html}");
    }
    assert!(
        run.stdout.contains("articles/ete-en-herfst (nl): the form [contact-form-7 id=\"300\" title=\"Contact\"] (“Contact”) was left out: declare it in site.toml as [forms.contact]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("the shortcode [su_button url=\"https://elders.example/\"] was taken out"),
        "{}",
        run.stdout
    );
    let contact = prose(&site, "public/nl/contact/index.html");
    assert!(
        contact.contains("<a href=\"https://www.google.com/maps/embed?pb=zeedijk\">")
            && !contact.contains("<iframe")
            && !contact.contains("trackVisitor"),
        "a third-party frame is a link, a script is left out: {contact}"
    );
    assert!(
        run.stdout
            .contains("contact (nl): an embedded frame from www.google.com became a link")
            && run
                .stdout
                .contains("contact (nl): a <script> element was left out"),
        "{}",
        run.stdout
    );
    let training = prose(&site, "public/nl/over-mij/opleiding/index.html");
    assert!(
        training.contains("<video controls preload=\"none\" src=\"groet.mp4\">"),
        "[video] of an upload is a self-hosted player that loads nothing until asked: {training}"
    );
    assert!(site.exists("content/over-mij/opleiding/groet.mp4"));
    assert!(
        training.contains("<a href=\"https://podcast.example/aflevering-1.mp3\">")
            && !training.contains("<audio"),
        "[audio] from elsewhere is a link: {training}"
    );
    assert!(
        run.stdout.contains("embeds: 5 became links"),
        "{}",
        run.stdout
    );
}

#[test]
fn more_becomes_the_summary_marker() {
    let (site, _) = classic_site();
    assert!(
        site.read("content/articles/ete-en-herfst/nl.md")
            .contains("\n\n<!-- more -->\n\n")
    );
    // The plain test theme prints `page.summary`.
    let plain = TestSite::minimal();
    plain
        .praxis(&[
            "import",
            "wordpress",
            &format!("{REPO}/tests/fixtures/wordpress-classic.xml"),
            "--language",
            "nl",
        ])
        .success();
    plain.build(&[]).success();
    let page = plain.read(SUMMER);
    let summary = &page[page.find("<div class=\"summary\">").unwrap()..];
    let summary = &summary[..summary.find("</div>").unwrap()];
    assert!(
        summary.contains("Derde alinea") && !summary.contains("Vierde alinea"),
        "{summary}"
    );
}

#[test]
fn block_editor_comments_go_and_their_content_stays() {
    let (site, _) = classic_site();
    let md = site.read("content/articles/blokken/nl.md");
    assert!(!md.contains("wp:"), "{md}");
    let html = prose(&site, "public/nl/artikels/blokken/index.html");
    assert!(
        html.contains("<p>Eerste blok met een zachte regel.</p>"),
        "{html}"
    );
    assert!(
        html.contains("<figcaption>De zee bij <em>eb</em></figcaption>"),
        "{html}"
    );
    assert!(
        html.contains("<p>Maak een afspraak via de contactpagina.</p>"),
        "a reusable block is placed where it was used: {html}"
    );
    assert!(html.contains("<a href=\"https://www.youtube.com/watch?v=xyz789\">"));
    assert!(md.contains("<!-- more -->"));
}

#[test]
fn uploads_are_copied_beside_their_post_in_their_original_size() {
    let (site, run) = classic_site();
    let original = std::fs::read(Path::new(&uploads()).join("2019/05/stoelen.png")).unwrap();
    assert_eq!(
        std::fs::read(site.path("content/articles/ete-en-herfst/stoelen.png")).unwrap(),
        original,
        "the original, not the 300x225 thumbnail the post showed"
    );
    assert!(site.exists("content/articles/blokken/zee.png"));
    assert!(
        site.exists("content/articles/ete-en-herfst/folder.pdf"),
        "linked documents too"
    );
    let md = site.read("content/articles/ete-en-herfst/nl.md");
    assert!(md.contains("[folder](folder.pdf)"), "{md}");
    assert!(
        md.contains("image = \"portret.png\""),
        "the featured image is the page's image: {md}"
    );
    assert!(site.exists("content/articles/ete-en-herfst/portret.png"));
    assert!(
        // The card made from it (1200×630, structured_data.rs), named after it.
        site.read(SUMMER).contains(
            "<meta property=\"og:image\" content=\"https://example.org/processed_images/portret."
        ),
        "the featured image is what a shared link shows"
    );
    assert!(site.exists("public/nl/artikels/été-en-herfst/stoelen.png"));
    assert!(
        run.stdout.contains("files found neither in --uploads nor online (--fetch-media downloads what is still online) (their URLs are kept: put each file beside the pages that show it, or keep the link):\n  - https://oud.praktijk.example/wp-content/uploads/2019/06/klok.png — shown on articles/ete-en-herfst (nl)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("attachments: 5 — 4 used in pages (1 as featured image), 1 not used by any page; 7 files copied")
            && run.stdout.contains("#205 “Oude brochure”"),
        "{}",
        run.stdout
    );
}

#[test]
fn without_uploads_media_urls_stay_and_are_listed() {
    let (site, run) = imported_with("wordpress-classic.xml", &["--language", "nl"]);
    run.success();
    let md = site.read("content/articles/ete-en-herfst/nl.md");
    assert!(
        md.contains(
            "(https://oud.praktijk.example/wp-content/uploads/2019/05/stoelen-300x225.png)"
        ),
        "{md}"
    );
    assert!(!site.exists("content/articles/ete-en-herfst/stoelen.png"));
    assert!(
        run.stdout.contains("so they keep their URLs")
            && run.stdout.contains(
                "  - https://oud.praktijk.example/wp-content/uploads/2019/06/bos.png — shown on "
            ),
        "{}",
        run.stdout
    );
}

#[test]
fn page_hierarchy_becomes_nested_nodes_and_the_menu_follows_wordpress() {
    let (site, run) = classic_site();
    assert!(site.exists("content/over-mij/opleiding/supervisie/nl.md"));
    assert!(site.exists("public/nl/over-mij/opleiding/supervisie/index.html"));
    assert!(site.read("content/contact/nl.md").contains("weight = 1"));
    assert!(site.read("content/over-mij/nl.md").contains("weight = 2"));
    assert!(
        site.read("content/privacy/nl.md").contains("menu = false"),
        "a page the WordPress menu left out"
    );
    let home = site.read("public/nl/index.html");
    let menu = &home[home.find("<nav class=\"menu\"").unwrap()..];
    let menu = &menu[..menu.find("</nav>").unwrap()];
    let contact = menu.find("/nl/contact/").unwrap();
    let about = menu.find("/nl/over-mij/").unwrap();
    assert!(contact < about, "{menu}");
    assert!(
        !menu.contains("opleiding") && !menu.contains("privacy"),
        "{menu}"
    );
    assert!(
        run.stdout.contains("menu items: 4 — 2 placed pages")
            && run.stdout.contains(
                "“Facebook” (custom https://facebook.example/praktijk) is not in the menu"
            ),
        "{}",
        run.stdout
    );
}

#[test]
fn password_protected_and_private_posts_become_drafts_with_a_warning() {
    let (site, run) = classic_site();
    assert!(
        site.read("content/articles/clienten/nl.md")
            .contains("draft = true")
    );
    assert!(
        site.read("content/articles/mijn-dagboek/nl.md")
            .contains("draft = true")
    );
    assert!(!site.exists("public/nl/artikels/clienten/index.html"));
    assert!(
        run.stdout
            .contains("“Alleen voor cliënten”: password-protected on WordPress")
            && run.stdout.contains("“Mijn dagboek”: private on WordPress"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "sticky on WordPress (praxis lists newest first):\n  - articles/ete-en-herfst (nl)"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn every_kind_of_item_is_counted_and_accounted_for() {
    let (_, run) = classic_site();
    for line in [
        "posts: 5 — 4 new, 0 updated, 0 unchanged, 0 left alone (edited by hand), 1 skipped; 2 of them drafts",
        "pages: 5 — 5 new",
        "comments: 2 (2 approved, 0 pending, 0 spam) — not imported (a static site has no comments); pass --comments FILE",
        "categories: 3 — 1 became tags, left out: nieuws (no imported post has it), uncategorized (WordPress's default category)",
        "tags: 1 — 1 kept as tags",
        "testimonial: 1 — a custom post type, not imported",
        "(Getuigenis van K.)",
        "wpcf7_contact_form: 1 — Contact Form 7 forms (Contact)",
        "wp_block: 1 — reusable blocks",
        "“Weggegooid” (#104): in WordPress's trash",
        "https://oud.praktijk.example/?p=103 (a query string",
    ] {
        assert!(run.stdout.contains(line), "{line} in:\n{}", run.stdout);
    }
}

#[test]
fn categories_become_tags_unless_asked_otherwise() {
    let (site, _) = classic_site();
    let md = site.read("content/articles/ete-en-herfst/nl.md");
    assert!(md.contains("tags = [\"seizoenen\", \"Rouw\"]"), "{md}");
    assert!(site.exists("public/nl/onderwerpen/rouw/index.html"));
    let (site, run) = imported_with(
        "wordpress-classic.xml",
        &["--language", "nl", "--no-categories"],
    );
    run.success();
    assert!(
        site.read("content/articles/ete-en-herfst/nl.md")
            .contains("tags = [\"seizoenen\"]\n")
    );
    assert!(
        run.stdout.contains("rouw (--no-categories)"),
        "{}",
        run.stdout
    );
}

#[test]
fn comments_are_written_outside_content_on_request_only() {
    let (site, run) = imported_with("wordpress-classic.xml", &["--language", "nl"]);
    run.success();
    assert!(!site.files().iter().any(|f| f.contains("comment")));
    let file = site.path("wordpress-comments.json");
    let run = site.praxis(&[
        "import",
        "wordpress",
        &format!("{REPO}/tests/fixtures/wordpress-classic.xml"),
        "--language",
        "nl",
        "--comments",
        file.to_str().unwrap(),
    ]);
    run.success();
    let comments: serde_json::Value =
        serde_json::from_str(&site.read("wordpress-comments.json")).unwrap();
    assert_eq!(comments[0]["wordpress_id"], 100);
    assert_eq!(comments[0]["comments"][1]["content"], "Dank je, Bert.");
    assert_eq!(comments[0]["comments"][1]["parent"], "1");
    assert!(
        !site.read("wordpress-comments.json").contains("192.0.2.1"),
        "no IP addresses"
    );
    let inside = site.path("content/comments.json");
    let refused = site.praxis(&[
        "import",
        "wordpress",
        &format!("{REPO}/tests/fixtures/wordpress-classic.xml"),
        "--language",
        "nl",
        "--comments",
        inside.to_str().unwrap(),
    ]);
    refused.failure();
    assert!(
        refused.stderr.contains("would be published"),
        "{}",
        refused.stderr
    );
    assert!(!site.exists("content/comments.json"));
}

#[test]
fn an_export_labelled_en_imports_nothing_exits_non_zero_and_with_language_imports() {
    let (site, run) = imported("wordpress-classic.xml");
    run.failure();
    assert!(
        run.stderr.contains("nothing was imported") && run.stderr.contains("--language CODE"),
        "exits with the hint: {}",
        run.stderr
    );
    assert!(
        run.stdout.contains("0 placed pages in the menu")
            && run.stdout.contains("— 0 became tags")
            && run.stdout.contains("— 0 kept as tags"),
        "nothing is said to be placed: {}",
        run.stdout
    );
    assert!(
        run.stdout.contains("imported 0 posts and 0 pages")
            && run
                .stdout
                .contains("pass --language CODE (e.g. --language nl)")
            && run
                .stdout
                .contains("nothing was imported: the export's language is not one of this site's"),
        "{}",
        run.stdout
    );
    assert!(!site.exists("content/over-mij"));
    let (site, run) = imported_with("wordpress-classic.xml", &["--language", "nl"]);
    run.success();
    assert!(site.exists("content/over-mij/nl.md"));
    site.build(&[]).success();
    let wrong = site.praxis(&[
        "import",
        "wordpress",
        &format!("{REPO}/tests/fixtures/wordpress-classic.xml"),
        "--language",
        "en",
    ]);
    wrong.failure();
    assert!(
        wrong
            .stderr
            .contains("--language en: this site has no language `en`"),
        "{}",
        wrong.stderr
    );
}

#[test]
fn a_post_without_its_translation_imports_in_one_language_and_check_says_so() {
    let (site, run) = classic_site();
    assert!(
        run.stdout.contains("  - over-mij/opleiding: only in nl"),
        "{}",
        run.stdout
    );
    let check = site.praxis(&["check"]);
    check.success();
    assert!(
        check
            .stderr
            .contains("content/over-mij/opleiding/nl.md: this page has no fr version"),
        "{}",
        check.stderr
    );
}

#[test]
fn old_urls_redirect_even_with_non_ascii_characters() {
    let (site, run) = classic_site();
    let md = site.read("content/articles/ete-en-herfst/nl.md");
    assert!(md.contains("slug = \"été-en-herfst\""));
    assert!(
        // and the attachment page of the photo it shows
        md.contains("aliases = [\"/2019/06/été-en-herfst/\", \"/stoelen/\"]"),
        "{md}"
    );
    assert!(
        site.read("public/2019/06/été-en-herfst/index.html")
            .contains("url=https://example.org/nl/artikels/été-en-herfst/"),
        "the percent-encoded old URL, decoded as a web server does"
    );
    assert!(
        site.read("public/over-mij/opleiding/supervisie/index.html")
            .contains("/nl/over-mij/opleiding/supervisie/")
    );
    assert!(
        run.stdout.contains("old URLs: 8 redirect"),
        "{}",
        run.stdout
    );
    assert!(
        site.read("content/articles/ete-en-herfst/nl.md")
            .contains("[link naar mij](@/over-mij)"),
        "links to old pages are node links"
    );
    let md = site.read("content/articles/ete-en-herfst/nl.md");
    assert!(
        md.contains("[verder lezen](@/over-mij)")
            && md.contains("[mijn diploma](@/over-mij/opleiding#diploma)"),
        "an anchor is kept when the page has that heading, else left out (the build checks anchors): {md}"
    );
    assert!(
        run.stdout.contains("it has no heading #more-110"),
        "{}",
        run.stdout
    );
}

#[test]
fn importing_twice_changes_nothing() {
    let (site, _) = classic_site();
    let snapshot = |site: &TestSite| -> Vec<(String, Vec<u8>)> {
        site.files()
            .into_iter()
            .filter(|f| f.starts_with("content/"))
            .map(|f| {
                let bytes = std::fs::read(site.path(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    };
    let before = snapshot(&site);
    let uploads = uploads();
    let again = site.praxis(&[
        "import",
        "wordpress",
        &format!("{REPO}/tests/fixtures/wordpress-classic.xml"),
        "--language",
        "nl",
        "--uploads",
        &uploads,
    ]);
    again.success();
    assert_eq!(snapshot(&site), before, "no duplicates, no changes");
    assert!(
        again
            .stdout
            .contains("posts: 5 — 0 new, 0 updated, 4 unchanged")
            && again
                .stdout
                .contains("pages: 5 — 0 new, 0 updated, 5 unchanged")
            && again
                .stdout
                .contains("nothing changed: 4 posts and 5 pages are as imported")
            && !again.stdout.contains("imported 4 posts"),
        "{}",
        again.stdout
    );
    site.build(&[]).success();
}

#[test]
fn a_new_import_updates_its_pages_and_leaves_hand_edited_ones_alone() {
    let (site, _) = imported_with("wordpress-classic.xml", &["--language", "nl"]);
    let edited = site.read("content/privacy/nl.md") + "\nMet de hand toegevoegd.\n";
    site.write("content/privacy/nl.md", &edited);
    // WordPress changed two pages since the first export.
    let export = std::fs::read_to_string(format!("{REPO}/tests/fixtures/wordpress-classic.xml"))
        .unwrap()
        .replace("Ik ben An.", "Ik ben An, counsellor.")
        .replace("Uw gegevens.", "Uw gegevens, beter uitgelegd.");
    site.write("export-2.xml", &export);
    let export = site.path("export-2.xml");
    let dry = site.praxis(&[
        "import",
        "wordpress",
        export.to_str().unwrap(),
        "--language",
        "nl",
        "--dry-run",
    ]);
    dry.success();
    assert!(
        dry.stdout.contains("would update content/over-mij/nl.md")
            && dry.stdout.contains("dry run: nothing was written"),
        "{}",
        dry.stdout
    );
    assert!(
        !site.read("content/over-mij/nl.md").contains("counsellor"),
        "a dry run writes nothing"
    );
    let run = site.praxis(&[
        "import",
        "wordpress",
        export.to_str().unwrap(),
        "--language",
        "nl",
    ]);
    run.success();
    assert!(
        site.read("content/over-mij/nl.md")
            .contains("Ik ben An, counsellor.")
    );
    assert_eq!(site.read("content/privacy/nl.md"), edited);
    assert!(
        run.stdout
            .contains("left alone (edited by hand since the last import) content/privacy/nl.md")
            && run.stdout.contains("updated content/over-mij/nl.md"),
        "{}",
        run.stdout
    );
    assert!(
        !site.files().iter().any(|f| f.contains("-2/")),
        "{:#?}",
        site.files()
    );
}

#[test]
fn a_dry_run_writes_nothing() {
    let site = TestSite::minimal();
    let before = site.files();
    let uploads = uploads();
    let run = site.praxis(&[
        "import",
        "wordpress",
        &format!("{REPO}/tests/fixtures/wordpress-classic.xml"),
        "--language",
        "nl",
        "--uploads",
        &uploads,
        "--comments",
        site.path("comments.json").to_str().unwrap(),
        "--dry-run",
    ]);
    run.success();
    assert!(
        run.stdout.contains("would import 4 posts and 5 pages")
            && run
                .stdout
                .contains("would create content/over-mij/opleiding/supervisie/nl.md")
            && run
                .stdout
                .contains("would create content/articles/ete-en-herfst/stoelen.png"),
        "{}",
        run.stdout
    );
    assert_eq!(site.files(), before);
}

#[test]
fn mangled_exports_of_every_kind_of_content_fail_cleanly() {
    // Cut, doubled or swapped bytes anywhere in the richest fixture: an
    // error with its line, or an import, never a panic.
    let good = std::fs::read(format!("{REPO}/tests/fixtures/wordpress-classic.xml")).unwrap();
    let site = TestSite::minimal();
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..12 {
        let mut bytes = good.clone();
        let at = (next() as usize) % bytes.len();
        match i % 3 {
            0 => bytes.truncate(at),
            1 => {
                let len = (next() as usize % 64).min(bytes.len() - at);
                let chunk = bytes[at..at + len].to_vec();
                bytes.splice(at..at, chunk);
            }
            _ => bytes[at] = b"<>[]&\"/\n"[next() as usize % 8],
        }
        site.write_bytes("export.xml", &bytes);
        let run = site.praxis(&[
            "import",
            "wordpress",
            site.path("export.xml").to_str().unwrap(),
            "--language",
            "nl",
            "--dry-run",
        ]);
        run.ended_cleanly(&format!("variant {i}"));
        if run.code == Some(1) {
            assert!(run.stderr.contains("export.xml:"), "{}", run.stderr);
        }
    }
}

#[test]
fn seo_descriptions_and_custom_fields_are_kept() {
    let (site, _) = classic_site();
    let md = site.read("content/over-mij/nl.md");
    assert!(
        md.contains("description = \"Wie ik ben en hoe ik werk.\""),
        "an SEO plugin's description when there is no excerpt: {md}"
    );
    assert!(
        md.contains("[extra.wordpress_fields]\n\"erkenning\" = \"BVPP 1234\""),
        "{md}"
    );
    assert!(
        !md.contains("_edit_lock"),
        "WordPress's own bookkeeping is not a field"
    );
    let html = prose(&site, "public/nl/over-mij/index.html");
    assert_eq!(
        html.matches("<p>").count(),
        1,
        "no empty &nbsp; paragraphs: {html}"
    );
}

#[test]
fn deeply_nested_html_is_flattened_not_a_crash() {
    let text = std::fs::read_to_string(format!("{REPO}/tests/fixtures/wordpress-polylang.xml"))
        .unwrap()
        .replacen(
            "<p>Ik ben Marie.</p>",
            &format!(
                "{}{}Ik ben Marie.{}{}",
                "<div>".repeat(3_000),
                "<span>".repeat(3_000),
                "</span>".repeat(3_000),
                "</div>".repeat(3_000)
            ),
            1,
        );
    let site = TestSite::minimal();
    site.write("export.xml", &text);
    let run = site.praxis(&[
        "import",
        "wordpress",
        site.path("export.xml").to_str().unwrap(),
    ]);
    run.success();
    assert!(
        site.read("content/over-mij/nl.md")
            .contains("Ik ben Marie.")
    );
    assert!(
        run.stdout.contains(
            "over-mij (nl): HTML nested more than 200 levels deep was flattened to its text"
        ),
        "{}",
        run.stdout
    );
    site.build(&[]).success();
}

/// The review fixture imported (its posts are Dutch) and built.
fn review_site() -> (TestSite, Run) {
    let (site, run) = imported("wordpress-review.xml");
    run.success();
    site.build(&[]).success();
    (site, run)
}

#[test]
fn block_editor_footnotes_reach_the_page() {
    let (site, _) = review_site();
    let md = site.read("content/articles/voetnoten/nl.md");
    assert!(
        md.contains("voetnoot[^1] en nog een[^2].")
            && md.contains("[^1]: De tekst van voetnoot één."),
        "{md}"
    );
    assert!(
        !md.contains("wordpress_fields"),
        "the JSON is not kept as a field: {md}"
    );
    let html = site.read("public/nl/artikels/voetnoten/index.html");
    assert!(html.contains("De tekst van voetnoot één."), "{html}");
    assert!(html.contains("Tweede, met <em>nadruk</em>."), "{html}");
    assert!(
        !html.contains("WPFOOTNOTE") && !html.contains("data-fn"),
        "{html}"
    );
}

#[test]
fn no_alias_repeats_the_pages_own_path_and_the_site_builds() {
    let (site, _) = review_site();
    let kind = site.read("content/ouder/kind/nl.md");
    assert!(
        !kind.contains("aliases"),
        "its old URL is its new one: {kind}"
    );
    assert!(
        site.read("content/ouder/tweede/nl.md")
            .contains("aliases = [\"/ouder/tweede/\"]")
    );
    assert!(
        site.read("public/nl/ouder/kind/index.html")
            .contains("Een kindpagina.")
    );

    // With the default language at the root, the other child keeps its URL.
    let site = new_site();
    let toml = site.read("site.toml").replace(
        "default_language = \"nl\"",
        "default_language = \"nl\"\ndefault_language_at_root = true",
    );
    site.write("site.toml", &toml);
    import_into(&site, "wordpress-review.xml", &[]).success();
    let tweede = site.read("content/ouder/tweede/nl.md");
    assert!(!tweede.contains("aliases"), "{tweede}");
    assert!(
        site.read("content/ouder/kind/nl.md")
            .contains("aliases = [\"/nl/ouder/kind/\"]")
    );
    site.build(&[]).success();
    assert!(
        site.read("public/ouder/tweede/index.html")
            .contains("Nog een kindpagina.")
    );
}

#[test]
fn no_alias_has_an_empty_segment() {
    let (site, run) = review_site();
    let md = site.read("content/articles/zonder-naam/nl.md");
    assert!(!md.contains("aliases"), "{md}");
    assert!(
        run.stdout.contains("https://praktijk.example/2023/03//"),
        "listed: {}",
        run.stdout
    );
}

#[test]
fn titles_are_text_without_tags_and_entities_decoded_once() {
    let (site, _) = review_site();
    let md = site.read("content/articles/rouw-en-verlies/nl.md");
    assert!(md.contains("title = \"Rouw & verlies nu\""), "{md}");
    let html = site.read("public/nl/artikels/rouw-en-verlies/index.html");
    assert!(
        !html.contains("&lt;em&gt;") && !html.contains("&amp;amp;"),
        "{html}"
    );
}

#[test]
fn slugs_are_unique_among_their_siblings_in_a_language() {
    let (site, run) = review_site();
    assert!(
        site.read("content/articles/deel-drie/nl.md")
            .contains("slug = \"deel-drie\"")
    );
    assert!(
        site.read("content/articles/deel-drie-2/nl.md")
            .contains("slug = \"deel-drie-2\"")
    );
    assert!(
        run.stdout.contains("so its slug is `deel-drie-2`"),
        "{}",
        run.stdout
    );
    assert!(
        site.read("public/nl/artikels/deel-drie-2/index.html")
            .contains("Het tweede deel drie.")
    );
}

#[test]
fn no_hard_break_beside_an_html_comment_or_block_html() {
    let (site, _) = review_site();
    let html = prose(&site, "public/nl/artikels/regels/index.html");
    assert!(!html.contains('\\'), "no stray backslash: {html}");
    assert!(
        html.contains("Ligne D<br />\nLigne E") || html.contains("Ligne D<br>\nLigne E"),
        "{html}"
    );
    assert!(
        html.contains("Een kader") && html.contains("Ligne F"),
        "{html}"
    );
}

#[test]
fn private_notes_are_left_out_of_the_page_and_listed() {
    let (site, run) = review_site();
    let md = site.read("content/articles/regels/nl.md");
    assert!(!md.contains("notitie"), "{md}");
    for file in ["public/nl/artikels/regels/index.html", "public/nl/atom.xml"] {
        assert!(!site.read(file).contains("notitie voor mezelf"), "{file}");
    }
    assert!(
        run.stdout
            .contains("a private note was left out: “<!-- notitie voor mezelf -->”"),
        "{}",
        run.stdout
    );
}

#[test]
fn every_old_url_redirects_or_is_listed_with_where_it_should_go() {
    let (_, run) = review_site();
    let out = &run.stdout;
    for line in [
        "/feed/ → /nl/atom.xml",
        "/?p=50 → /nl/artikels/verwijzingen/",
        "/?page_id=21 → /nl/ouder/kind/",
    ] {
        assert!(out.contains(line), "{line}: {out}");
    }
    assert!(
        !out.contains("/2023/06/verwijzingen/zee/ →"),
        "the attachment page is answered by an alias now: {out}"
    );
    assert!(
        !out.contains("/category/rouw/ →") && !out.contains("/tag/verlies/ →"),
        "category and tag archives are answered by [[redirects]] now: {out}"
    );
    assert!(
        out.contains(
            "a link to https://praktijk.example/verdwenen-pagina/ still points at the old site"
        ),
        "{out}"
    );
    assert!(
        !out.contains("a link to https://praktijk.example/category/rouw/"),
        "a link to a category's archive leads to its tag page: {out}"
    );
    assert!(
        !out.contains("a link to https://praktijk.example/nl/ouder/kind/"),
        "{out}"
    );
}

#[test]
fn a_menu_items_own_label_becomes_the_pages_menu_title() {
    let (site, _) = review_site();
    let md = site.read("content/ouder/nl.md");
    assert!(md.contains("menu_title = \"Wie ben ik\""), "{md}");
    let home = site.read("public/nl/index.html");
    assert!(home.contains("Wie ben ik"), "the menu shows the label");
}

#[test]
fn a_missing_reusable_block_is_reported() {
    let (_, run) = review_site();
    assert!(
        run.stdout
            .contains("a reusable block (#999) is not in the export"),
        "{}",
        run.stdout
    );
}

#[test]
fn undefined_entities_are_refused_with_their_line_and_html_ones_in_cdata_decoded() {
    let (site, _) = review_site();
    assert!(
        site.read("content/articles/regels/nl.md")
            .contains("title = \"Regels één\""),
        "an HTML entity inside CDATA is HTML"
    );
    let before = site.files();
    let text = site_fixture("wordpress-review.xml");
    let bad = TestSite::empty();
    for (name, entity) in [("bogus.xml", "&bogus;"), ("eacute.xml", "&eacute;")] {
        let line = text[..text.find("<title>Praktijk Anna").unwrap()]
            .lines()
            .count();
        bad.write(
            name,
            &text.replacen(
                "<title>Praktijk Anna",
                &format!("<title>Praktijk {entity} Anna"),
                1,
            ),
        );
        let run = site.praxis(&["import", "wordpress", bad.path(name).to_str().unwrap()]);
        run.failure();
        assert!(
            run.stderr.contains(&format!("{name}:{line}:"))
                && run.stderr.contains(&format!("undefined entity `{entity}`")),
            "{name}: {}",
            run.stderr
        );
    }
    assert_eq!(site.files(), before, "nothing written");
}

fn site_fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(REPO).join("tests/fixtures").join(name)).unwrap()
}

#[test]
fn report_counts_say_what_became_of_tags_and_comments() {
    let site = new_site();
    let file = site.path("comments.json");
    let run = import_into(
        &site,
        "wordpress-review.xml",
        &["--comments", file.to_str().unwrap()],
    );
    run.success();
    let out = &run.stdout;
    assert!(
        out.contains("tags: 2 — 1 kept as tags, left out: ongebruikt (no imported post has it)"),
        "{out}"
    );
    assert!(
        out.contains("comments: 3 (1 approved, 1 pending, 1 spam)")
            && out.contains("spam left out of it"),
        "{out}"
    );
    let comments = site.read("comments.json");
    assert!(
        comments.contains("Goed stuk.")
            && comments.contains("Nog te keuren.")
            && !comments.contains("Koop nu"),
        "{comments}"
    );
}

#[test]
fn small_things_are_kept_or_listed() {
    let (site, run) = review_site();
    let md = site.read("content/articles/losse-eindjes/nl.md");
    assert!(md.contains("updated = 2023-09-15T10:00:00Z"), "{md}");
    assert!(md.contains("description = \"Het uittreksel.\""), "{md}");
    let out = &run.stdout;
    assert!(
        out.contains(
            "its SEO description “Een andere zin voor zoekmachines.” differs from the excerpt"
        ),
        "{out}"
    );
    assert!(
        out.contains("its description was not imported (it was shown on its attachment page only): “De zee bij Oostende, in de winter.”"),
        "{out}"
    );
    let html = prose(&site, "public/nl/artikels/losse-eindjes/index.html");
    assert!(
        html.contains("<tfoot>") && html.contains("<td>Totaal</td>"),
        "{html}"
    );
    assert!(
        html.contains("<details>")
            && html.contains("<summary>Meer weten</summary>")
            && html.contains("<p>Verborgen uitleg.</p>"),
        "{html}"
    );
}

#[test]
fn a_thumbnail_is_used_when_the_original_is_not_in_uploads_and_said_so() {
    let uploads = uploads();
    let (site, run) = imported_with("wordpress-review.xml", &["--uploads", &uploads]);
    run.success();
    let md = site.read("content/articles/losse-eindjes/nl.md");
    assert!(md.contains("](schema-300x225.png)"), "{md}");
    assert!(site.exists("content/articles/losse-eindjes/schema-300x225.png"));
    assert!(
        run.stdout
            .contains("only a smaller size of these is in --uploads")
            && run
                .stdout
                .contains("2023/08/schema.png: 2023/08/schema-300x225.png"),
        "{}",
        run.stdout
    );
    site.build(&[]).success();
}

/// The Polylang fixture with "Ik ben Marie." replaced by `html`, imported
/// into a new site (with `args`).
fn imported_over_mij(html: &str, args: &[&str]) -> (TestSite, Run) {
    let text = std::fs::read_to_string(format!("{REPO}/tests/fixtures/wordpress-polylang.xml"))
        .unwrap()
        .replacen("<p>Ik ben Marie.</p>", html, 1);
    let site = new_site();
    site.write("export.xml", &text);
    let export = site.path("export.xml");
    let mut all = vec!["import", "wordpress", export.to_str().unwrap()];
    all.extend_from_slice(args);
    let run = site.praxis(&all);
    (site, run)
}

#[test]
fn imported_urls_keep_only_web_mail_and_phone_schemes() {
    let (site, run) = imported_over_mij(
        concat!(
            "<p><a href=\"JaVaScRiPt:alert(2)\">een</a> <a href=\"vbscript:msgbox(3)\">twee</a> ",
            "<a href=\"data:text/html,&lt;b&gt;4\">drie</a> <a href=\" java\tscript:alert(5)\">vier</a> ",
            "<a href=\"&amp;#106;avascript:alert(6)\">vijf</a> <a href=\"java&#x0a;script:alert(10)\">zes</a> ",
            "<a href=\"https://example.org/goed\">goed</a> <a href=\"mailto:marie@example.org\">mail</a> ",
            "<a href=\"tel:+3212345678\">bel</a> <a href=\"/contact/\">hier</a></p>\n",
            "<iframe src=\"javascript:alert(7)\"></iframe>\n",
            "<object data=\"vbscript:alert(11)\"></object>\n",
            "<embed src=\"data:text/html,alert(12)\">\n",
            "[video src=\"javascript:alert(8)\"]\n\n",
            "<p><img src=\" JAVASCRIPT:alert(9)\" alt=\"beeld\"></p>\n",
            "<table><tr><th><a href=\"javascript&#58;alert(13)\">kop</a></th></tr></table>",
        ),
        &[],
    );
    run.success();
    let md = site.read("content/over-mij/nl.md");
    let lower = md.to_lowercase();
    for bad in ["script:", "vbscript", "data:", "#106;", "alert("] {
        assert!(!lower.contains(bad), "{bad} in {md}");
    }
    for good in [
        "](https://example.org/goed)",
        "](mailto:marie@example.org)",
        "](tel:+3212345678)",
        "een",
        "vijf",
        "kop",
    ] {
        assert!(md.contains(good), "{good} kept in {md}");
    }
    for dropped in [
        "JaVaScRiPt:alert(2)",
        "vbscript:msgbox(3)",
        "javascript:alert(7)",
        "javascript:alert(8)",
        "vbscript:alert(11)",
        "data:text/html,alert(12)",
    ] {
        assert!(
            run.stdout.contains(dropped),
            "{dropped} listed in the report:\n{}",
            run.stdout
        );
    }
    assert!(
        run.stdout.contains("links and sources left out"),
        "{}",
        run.stdout
    );
    site.build(&[]).success();
    let html = site.read("public/nl/over-mij/index.html").to_lowercase();
    assert!(
        !html.contains("script:") && !html.contains("alert("),
        "{html}"
    );
}

#[test]
fn uploads_linked_to_a_file_outside_the_uploads_folder_are_not_copied() {
    let site = new_site();
    crate::support::copy_tree(Path::new(&uploads()), &site.path("wp-uploads"));
    site.write("geheim.txt", "GEHEIM WACHTWOORD");
    site.remove("wp-uploads/2019/06/folder.pdf");
    std::os::unix::fs::symlink(
        site.path("geheim.txt"),
        site.path("wp-uploads/2019/06/folder.pdf"),
    )
    .unwrap();
    // A link that stays inside the folder is an upload like any other.
    site.remove("wp-uploads/2019/06/zee.png");
    std::os::unix::fs::symlink("bos.png", site.path("wp-uploads/2019/06/zee.png")).unwrap();
    let uploads = site.path("wp-uploads");
    let run = import_into(
        &site,
        "wordpress-classic.xml",
        &["--language", "nl", "--uploads", uploads.to_str().unwrap()],
    );
    run.success();
    assert!(!site.exists("content/articles/ete-en-herfst/folder.pdf"));
    assert!(site.exists("content/articles/blokken/zee.png"));
    let md = site.read("content/articles/ete-en-herfst/nl.md");
    assert!(
        md.contains("(https://oud.praktijk.example/wp-content/uploads/2019/06/folder.pdf)"),
        "{md}"
    );
    assert!(
        run.stdout.contains("lead outside --uploads")
            && run.stdout.contains("2019/06/folder.pdf →"),
        "{}",
        run.stdout
    );
    site.build(&[]).success();
    for file in site.files() {
        if file.starts_with("public/") {
            assert!(
                !std::fs::read(site.path(&file))
                    .unwrap()
                    .windows(7)
                    .any(|w| w == b"GEHEIM "),
                "{file} publishes the linked file"
            );
        }
    }
}

#[test]
fn a_wordpress_slug_too_long_for_a_file_name_is_shortened_and_said_so() {
    let long = "heel-lang-".repeat(40);
    let text = std::fs::read_to_string(format!("{REPO}/tests/fixtures/wordpress-polylang.xml"))
        .unwrap()
        .replacen(
            "<wp:post_name><![CDATA[over-mij]]></wp:post_name>",
            &format!("<wp:post_name><![CDATA[{long}]]></wp:post_name>"),
            1,
        );
    let site = new_site();
    site.write("export.xml", &text);
    let export = site.path("export.xml");
    let run = site.praxis(&["import", "wordpress", export.to_str().unwrap()]);
    run.success();
    let short = &long[..200].trim_end_matches('-');
    let md = site.read(&format!("content/{short}/nl.md"));
    assert!(md.contains(&format!("slug = \"{short}\"")), "{md}");
    assert!(
        run.stdout.contains("its slug was 400 bytes long") && run.stdout.contains(short),
        "{}",
        run.stdout
    );
    site.build(&[]).success();
    assert!(site.exists(&format!("public/nl/{short}/index.html")));
}

/// The WordPress.com blog of `wordpress-media.xml`, its media served from
/// `base` instead (a loopback server's address), written into `site`.
fn media_export(site: &TestSite, base: &str) -> String {
    let text = site_fixture("wordpress-media.xml")
        .replace("https://annapraktijk.files.wordpress.com", base);
    site.write("export.xml", &text);
    site.path("export.xml").to_string_lossy().into_owned()
}

#[test]
fn uploads_are_found_whatever_host_served_them_resized_or_not() {
    let uploads = uploads();
    let (site, run) = imported_with("wordpress-media.xml", &["--uploads", &uploads]);
    run.success();
    let original = |path: &str| std::fs::read(Path::new(&uploads).join(path)).unwrap();
    for (page, file, source) in [
        // annapraktijk.files.wordpress.com/2019/06/zee.png?w=1024
        ("zee", "zee.png", "2019/06/zee.png"),
        // i0.wp.com/annapraktijk.files.wordpress.com/2019/06/bos-1024x768.png
        ("bos", "bos.png", "2019/06/bos.png"),
        // cdn.example.net/media/portret-300x300.png: by its name
        ("bos", "portret.png", "2019/06/portret.png"),
        ("bos", "folder.pdf", "2019/06/folder.pdf"),
        // 2020/01/stoelen.png on WordPress, 2019/05/ in the copy: by its
        // name and size, the original rather than the thumbnail shown
        ("stoelen", "stoelen.png", "2019/05/stoelen.png"),
    ] {
        assert_eq!(
            std::fs::read(site.path(&format!("content/articles/{page}/{file}"))).unwrap(),
            original(source),
            "{page}/{file}"
        );
    }
    let bos = site.read("content/articles/bos/nl.md");
    assert!(
        bos.contains("![Het bos](bos.png)")
            && bos.contains("![Portret](portret.png)")
            && bos.contains("[de folder](folder.pdf)"),
        "{bos}"
    );
    assert!(!run.stdout.contains("i0.wp.com"), "{}", run.stdout);
    site.build(&[]).success();
}

#[test]
fn an_attachment_shown_in_any_size_from_any_host_is_not_called_unused() {
    let uploads = uploads();
    let (_, run) = imported_with("wordpress-media.xml", &["--uploads", &uploads]);
    let out = &run.stdout;
    assert!(
        out.contains(
            "attachments: 7 — 6 used in pages (0 as featured image), 1 not used by any page"
        ),
        "{out}"
    );
    let unused = &out[out.find("attachments no page uses").expect("the list")..];
    let unused = &unused[..unused.find("\n\n").unwrap_or(unused.len())];
    assert!(unused.contains("#105 “ongebruikt”"), "{unused}");
    assert_eq!(unused.matches("\n  - ").count(), 1, "{unused}");
}

#[test]
fn a_file_found_nowhere_is_listed_once_with_the_pages_that_show_it() {
    let uploads = uploads();
    let (site, run) = imported_with("wordpress-media.xml", &["--uploads", &uploads]);
    let out = &run.stdout;
    let weg = "https://annapraktijk.files.wordpress.com/2019/06/weg.png";
    assert_eq!(out.matches(weg).count(), 1, "{out}");
    assert!(
        out.contains(&format!(
            "  - {weg} — shown on articles/bos (nl), articles/zee (nl)"
        )),
        "{out}"
    );
    assert!(
        site.read("content/articles/zee/nl.md")
            .contains("(https://annapraktijk.files.wordpress.com/2019/06/weg-300x200.png)"),
        "its URL stays in the page"
    );
}

/// A folder served over HTTP on 127.0.0.1, as the old site serves its
/// uploads: it answers range requests (as WordPress's hosts do) and
/// remembers each request's path and `Range` header.
struct MediaServer {
    url: String,
    asked: Asked,
}

/// Each request's path and `Range` header.
type Asked = std::sync::Arc<std::sync::Mutex<Vec<(String, Option<String>)>>>;

impl MediaServer {
    fn serve(dir: &Path) -> MediaServer {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let asked: Asked = Default::default();
        let (dir, log) = (dir.to_owned(), asked.clone());
        std::thread::spawn(move || {
            for mut stream in listener.incoming().map_while(Result::ok) {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    continue;
                }
                let mut range = None;
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    if let Some(v) = header.to_ascii_lowercase().strip_prefix("range:") {
                        range = Some(v.trim().to_owned());
                    }
                    header.clear();
                }
                let target = request.split(' ').nth(1).unwrap_or("/").to_owned();
                log.lock().unwrap().push((target.clone(), range.clone()));
                let path = target
                    .split('?')
                    .next()
                    .unwrap_or("")
                    .trim_start_matches('/');
                let file = (!path.split('/').any(|s| s == ".."))
                    .then(|| std::fs::read(dir.join(path)).ok())
                    .flatten();
                let from = range
                    .as_deref()
                    .and_then(|r| r.strip_prefix("bytes=")?.strip_suffix('-')?.parse().ok());
                let _ = match (file, from) {
                    (Some(bytes), Some(from)) if from < bytes.len() => stream
                        .write_all(
                            format!(
                                "HTTP/1.1 206 Partial Content\r\nContent-Length: {}\r\nContent-Range: bytes {from}-{}/{}\r\nConnection: close\r\n\r\n",
                                bytes.len() - from,
                                bytes.len() - 1,
                                bytes.len()
                            )
                            .as_bytes(),
                        )
                        .and_then(|()| stream.write_all(&bytes[from..])),
                    (Some(bytes), _) => stream
                        .write_all(
                            format!(
                                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                                bytes.len()
                            )
                            .as_bytes(),
                        )
                        .and_then(|()| stream.write_all(&bytes)),
                    (None, _) => stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    ),
                };
            }
        });
        MediaServer { url, asked }
    }

    fn asked(&self) -> Vec<(String, Option<String>)> {
        self.asked.lock().unwrap().clone()
    }
}

const DOWNLOADS: &str = ".praxis-cache/wordpress-media";

#[test]
fn fetch_media_downloads_what_the_old_site_still_serves_once() {
    let server = MediaServer::serve(Path::new(&uploads()));
    let site = new_site();
    let export = media_export(&site, &server.url);
    let run = site.praxis(&["import", "wordpress", &export, "--fetch-media"]);
    run.success();
    let original = |path: &str| std::fs::read(Path::new(&uploads()).join(path)).unwrap();
    assert_eq!(
        std::fs::read(site.path("content/articles/bos/bos.png")).unwrap(),
        original("2019/06/bos.png"),
        "the original, asked for at the attachment's own URL"
    );
    assert!(site.exists("content/articles/bos/portret.png"));
    assert!(site.exists("content/articles/zee/zee.png"));
    assert!(
        site.exists(&format!("{DOWNLOADS}/2019/06/zee.png")),
        "kept among the downloads"
    );
    let asked = server.asked();
    assert!(
        asked.iter().any(|(p, _)| p == "/2019/06/bos.png")
            && !asked.iter().any(|(p, _)| p.contains("1024x768")),
        "{asked:?}"
    );
    let out = &run.stdout;
    assert!(
        out.contains(&format!(
            "  - {}/2019/06/weg.png (the server answered 404) — shown on articles/bos (nl), articles/zee (nl)",
            server.url
        )),
        "{out}"
    );
    // stoelen.png is at 2019/05/ on this server, not where WordPress said.
    assert!(
        out.contains("downloads: 4 files downloaded into .praxis-cache/wordpress-media (2 could not be downloaded)"),
        "{out}"
    );
    site.build(&[]).success();

    // Again: nothing is downloaded twice.
    let before = server.asked().len();
    let again = site.praxis(&["import", "wordpress", &export, "--fetch-media"]);
    again.success();
    let asked = server.asked();
    assert_eq!(
        asked[before..]
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>(),
        ["/2019/06/weg.png", "/2020/01/stoelen.png"],
        "only what is still missing is asked for again"
    );
    assert!(again.stdout.contains("nothing changed"), "{}", again.stdout);
}

#[test]
fn an_interrupted_download_resumes_where_it_stopped() {
    let server = MediaServer::serve(Path::new(&uploads()));
    let site = new_site();
    let export = media_export(&site, &server.url);
    let whole = std::fs::read(Path::new(&uploads()).join("2019/06/bos.png")).unwrap();
    site.write_bytes(&format!("{DOWNLOADS}/2019/06/bos.png.part"), &whole[..30]);
    site.praxis(&["import", "wordpress", &export, "--fetch-media"])
        .success();
    assert_eq!(
        std::fs::read(site.path("content/articles/bos/bos.png")).unwrap(),
        whole
    );
    assert!(!site.exists(&format!("{DOWNLOADS}/2019/06/bos.png.part")));
    let asked = server.asked();
    assert!(
        asked.contains(&("/2019/06/bos.png".to_owned(), Some("bytes=30-".to_owned()))),
        "{asked:?}"
    );
}

#[test]
fn a_download_over_the_size_limit_is_refused_and_listed() {
    let served = TestSite::empty();
    served.write_bytes("2019/06/bos.png", &vec![7u8; 1_500_000]);
    served.write_bytes(
        "2019/06/zee.png",
        &std::fs::read(Path::new(&uploads()).join("2019/06/zee.png")).unwrap(),
    );
    let server = MediaServer::serve(served.root());
    let site = new_site();
    let export = media_export(&site, &server.url);
    let run = site.praxis(&[
        "import",
        "wordpress",
        &export,
        "--fetch-media",
        "--media-size-limit",
        "1",
    ]);
    run.success();
    assert!(site.exists("content/articles/zee/zee.png"));
    assert!(!site.exists("content/articles/bos/bos.png"));
    assert!(!site.exists(&format!("{DOWNLOADS}/2019/06/bos.png")));
    assert!(!site.exists(&format!("{DOWNLOADS}/2019/06/bos.png.part")));
    assert!(
        run.stdout.contains(&format!(
            "  - {}/2019/06/bos.png (1.5 MB, more than the limit of 1 MB per file (--media-size-limit)) — shown on articles/bos (nl)",
            server.url
        )),
        "{}",
        run.stdout
    );
}

/// The page a redirect written by the build sends its visitor to.
fn redirect_target(site: &TestSite, path: &str) -> String {
    let html = site.read(&format!("public{path}index.html"));
    let at = html.find("url=").expect("a redirect") + 4;
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

#[test]
fn archives_and_attachment_pages_are_answered_by_the_pages_that_show_the_same() {
    let (site, run) = review_site();
    let articles = "https://example.org/nl/artikels/";
    for (old, new) in [
        // the attachment's page, by the post that shows it
        (
            "/2023/06/verwijzingen/zee/",
            "https://example.org/nl/artikels/verwijzingen/",
        ),
        // the archives of a year, a month and a day, and of an author
        ("/2023/", articles),
        ("/2023/06/", articles),
        ("/2023/06/01/", articles),
        ("/2023/08/", articles),
        ("/author/anna/", articles),
    ] {
        assert_eq!(redirect_target(&site, old), new, "{old}");
    }
    let section = site.read("content/articles/nl.md");
    assert!(section.contains("aliases = [\"/2023/\""), "{section}");
    assert!(
        run.stdout.contains(
            "addresses of archives and attachment pages redirect to the page that shows the same"
        ),
        "{}",
        run.stdout
    );
    // Again: the section is the import's own, and stays as it was.
    let again = import_into(&site, "wordpress-review.xml", &[]);
    again.success();
    assert!(again.stdout.contains("nothing changed"), "{}", again.stdout);
}

#[test]
fn an_articles_section_she_wrote_keeps_her_words_and_answers_the_archives() {
    let site = new_site();
    let hers = "+++\ntitle = \"Blog\" # mijn titel\nslug = \"blog\"\n+++\nMijn blog.\n";
    site.write("content/articles/nl.md", hers);
    import_into(&site, "wordpress-review.xml", &[]).success();
    let section = site.read("content/articles/nl.md");
    assert!(
        section.starts_with(
            "+++\ntitle = \"Blog\" # mijn titel\nslug = \"blog\"\naliases = [\"/2023/\", "
        ) && section.ends_with("\n+++\nMijn blog.\n"),
        "{section}"
    );
    site.build(&[]).success();
    assert_eq!(
        redirect_target(&site, "/2023/06/"),
        "https://example.org/nl/blog/"
    );

    // A front matter that cannot be read is left alone, and the
    // archives are listed for the host.
    let broken = "+++\ntitle = \n+++\nMijn blog.\n";
    site.write("content/articles/nl.md", broken);
    let run = import_into(&site, "wordpress-review.xml", &["--dry-run"]);
    assert_eq!(site.read("content/articles/nl.md"), broken);
    assert!(
        run.stdout.contains("/2023/06/ → /nl/artikels/"),
        "{}",
        run.stdout
    );
}

#[test]
fn what_only_the_host_can_answer_comes_with_nginx_and_redirects_lines() {
    let (_, run) = review_site();
    let out = &run.stdout;
    let lines = &out[out
        .find("the same redirects, ready for your host:")
        .expect("the lines")..];
    for line in [
        "    map $arg_p $wordpress_p {",
        "        \"50\" /nl/artikels/verwijzingen/;",
        "    map $arg_page_id $wordpress_page_id {",
        "        \"21\" /nl/ouder/kind/;",
        "    if ($wordpress_p) { return 301 $wordpress_p; }",
        "    location = /feed/ { return 301 /nl/atom.xml; }",
        "    / p=50 /nl/artikels/verwijzingen/ 301",
        "    / page_id=21 /nl/ouder/kind/ 301",
    ] {
        assert!(lines.contains(line), "{line}\n{lines}");
    }
    assert!(
        !lines.contains("/category/") && !lines.contains("/tag/"),
        "praxis answers those itself: {lines}"
    );
}

#[test]
fn the_menu_with_the_most_top_level_pages_orders_the_site_menu() {
    let (site, run) = imported("wordpress-menus.xml");
    run.success();
    // "Hoofdmenu": Aanbod, Over mij, Contact — not the pages' own order,
    // and not "Footer", which has more items but one page.
    for (page, weight) in [("aanbod", 1), ("over-mij", 2), ("contact", 3)] {
        let md = site.read(&format!("content/{page}/nl.md"));
        assert!(md.contains(&format!("weight = {weight}\n")), "{page}: {md}");
    }
    assert!(
        run.stdout.contains("menu “Footer” (4 items, 1 top-level pages) is not used: praxis has one menu, built from “Hoofdmenu” (3 top-level pages); run again with --menu \"Footer\" to build it from that one"),
        "{}",
        run.stdout
    );
    site.build(&[]).success();
    let home = site.read("public/nl/index.html");
    let order: Vec<usize> = ["Aanbod", "Over mij", "Contact"]
        .iter()
        .map(|t| home.find(&format!(">{t}<")).expect(t))
        .collect();
    assert!(order.is_sorted(), "the menu's order: {order:?}");
}

#[test]
fn the_menu_asked_for_is_the_one_used() {
    let (site, run) = imported_with("wordpress-menus.xml", &["--menu", "footer"]);
    run.success();
    assert!(site.read("content/contact/nl.md").contains("weight = 4\n"));
    assert!(site.read("content/aanbod/nl.md").contains("menu = false\n"));
    assert!(
        run.stdout
            .contains("menu “Hoofdmenu” (3 items, 3 top-level pages) is not used"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_post_she_deleted_stays_deleted_until_she_asks_for_it_back() {
    let (site, _) = review_site();
    assert!(
        site.read("wordpress-import.toml")
            .contains("imported = [10, ")
    );
    std::fs::remove_dir_all(site.path("content/articles/regels")).unwrap();
    let again = import_into(&site, "wordpress-review.xml", &[]);
    again.success();
    assert!(!site.exists("content/articles/regels/nl.md"));
    assert!(
        again.stdout.contains("deleted from the site since an earlier import, so left out (run again with --restore to bring them back):\n  - “Regels één” (#40)"),
        "{}",
        again.stdout
    );
    site.build(&[]).success();
    let restored = import_into(&site, "wordpress-review.xml", &["--restore"]);
    restored.success();
    assert!(
        site.read("content/articles/regels/nl.md")
            .contains("title = \"Regels één\"")
    );
    site.build(&[]).success();
}

#[test]
fn a_slug_changed_on_wordpress_keeps_the_old_praxis_address() {
    let (site, _) = review_site();
    let changed = site_fixture("wordpress-review.xml").replace(
        "<wp:post_name><![CDATA[regels]]></wp:post_name>",
        "<wp:post_name><![CDATA[nieuwe-regels]]></wp:post_name>",
    );
    site.write("export.xml", &changed);
    let export = site.path("export.xml");
    let run = site.praxis(&["import", "wordpress", export.to_str().unwrap()]);
    run.success();
    let md = site.read("content/articles/regels/nl.md");
    assert!(
        md.contains("slug = \"nieuwe-regels\"") && md.contains("\"/nl/artikels/regels/\""),
        "{md}"
    );
    assert!(
        run.stdout.contains("its slug changed on WordPress from `regels` to `nieuwe-regels`: its old address /nl/artikels/regels/ redirects to its new one"),
        "{}",
        run.stdout
    );
    site.build(&[]).success();
    assert_eq!(
        redirect_target(&site, "/nl/artikels/regels/"),
        "https://example.org/nl/artikels/nieuwe-regels/"
    );
}

#[test]
fn small_losses_of_the_first_pass_are_kept_or_said() {
    let text = site_fixture("wordpress-polylang.xml")
        .replacen(
            "<title><![CDATA[Over mij]]></title>",
            "<title><![CDATA[Groei: 1 < 2 -> 3 > 2]]></title>",
            1,
        )
        .replacen(
            "<wp:status><![CDATA[draft]]></wp:status>",
            "<wp:status><![CDATA[pending]]></wp:status>\n\t\t<category domain=\"post_format\" nicename=\"post-format-aside\"><![CDATA[Aside]]></category>",
            1,
        )
        .replacen(
            "<p>Ik ben Marie.</p>",
            "<p>Typ <code>cd map\nls -l</code> en klaar.</p>",
            1,
        );
    let site = new_site();
    site.write("export.xml", &text);
    let comments = site.path("comments.json");
    let run = site.praxis(&[
        "import",
        "wordpress",
        site.path("export.xml").to_str().unwrap(),
        "--comments",
        comments.to_str().unwrap(),
    ]);
    run.success();
    let md = site.read("content/over-mij/nl.md");
    assert!(md.contains("title = \"Groei: 1 < 2 -> 3 > 2\""), "{md}");
    assert!(md.contains("Typ `cd map`\\\n`ls -l` en klaar."), "{md}");
    let out = &run.stdout;
    assert!(
        out.contains("“Nog niet af”: waiting for review on WordPress, so it is a draft here"),
        "{out}"
    );
    assert!(
        out.contains("its post format “aside” is not kept: praxis shows every post alike"),
        "{out}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&comments).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the comments are readable by her only");
    }
    site.build(&[]).success();
}

#[test]
fn a_video_embed_is_a_card_with_its_title_and_loads_nothing_from_elsewhere() {
    let (site, run) = classic_site();
    let md = site.read("content/articles/ete-en-herfst/nl.md");
    assert!(
        md.contains("<p class=\"embed-card\"><a href=\"https://www.youtube.com/watch?v=abc123\"><span class=\"embed-card-title\">Rouw bij kinderen &amp; jongeren</span> <span class=\"embed-card-site\">YouTube</span></a></p>"),
        "the title WordPress kept for it: {md}"
    );
    assert!(
        md.contains("<p class=\"embed-card\"><a href=\"https://vimeo.com/123456\"><span class=\"embed-card-title\">https://vimeo.com/123456</span> <span class=\"embed-card-site\">Vimeo</span></a></p>"),
        "without a title, its address: {md}"
    );
    let html = site.read(SUMMER);
    assert!(
        !html.contains("<iframe") && !html.contains("<script src=\"http"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"embed-card-title\">Rouw bij kinderen &amp; jongeren</span>"),
        "{html}"
    );
    assert!(
        run.stdout
            .contains("a YouTube or Vimeo video is a card with its title")
    );
}

#[test]
fn dynamic_blocks_are_named_per_page_and_list_numbering_is_kept() {
    let (site, run) = imported_over_mij(
        concat!(
            "<!-- wp:paragraph --><p>Ik ben Marie.</p><!-- /wp:paragraph -->\n",
            "<!-- wp:archives {\"displayAsDropdown\":false} /-->\n",
            "<!-- wp:latest-posts /-->\n",
            "<!-- wp:list {\"ordered\":true,\"start\":4} --><ol start=\"4\"><li>vier</li><li>vijf</li></ol><!-- /wp:list -->\n",
            "<!-- wp:list {\"ordered\":true,\"reversed\":true} --><ol reversed><li>twee</li><li>een</li></ol><!-- /wp:list -->",
        ),
        &[],
    );
    run.success();
    for block in [
        "the block wp:archives (the archives by month) was left out",
        "the block wp:latest-posts (a list of the latest posts) was left out",
    ] {
        assert!(run.stdout.contains(block), "{block}: {}", run.stdout);
    }
    site.build(&[]).success();
    let html = site.read("public/nl/over-mij/index.html");
    assert!(html.contains("<ol start=\"4\">"), "{html}");
    assert!(
        html.contains("<ol reversed><li>twee</li><li>een</li></ol>"),
        "{html}"
    );
}

#[test]
fn a_figure_keeps_its_alignment() {
    let (site, run) = imported_over_mij(
        concat!(
            "<figure class=\"wp-block-image alignright size-large\"><img src=\"https://elders.example/a.jpg\" alt=\"A\"/></figure>",
            "<figure class=\"wp-block-image aligncenter\"><img src=\"https://elders.example/b.jpg\" alt=\"B\"/><figcaption>Bee</figcaption></figure>",
            "<p>Ik ben Marie.</p>",
        ),
        &[],
    );
    run.success();
    let md = site.read("content/over-mij/nl.md");
    assert!(
        md.contains(
            "<figure class=\"align-right\">\n\n![A](https://elders.example/a.jpg)\n\n</figure>"
        ),
        "{md}"
    );
    assert!(
        md.contains("<figure class=\"align-center\">\n\n![B](https://elders.example/b.jpg)\n\n<figcaption>Bee</figcaption>\n</figure>"),
        "{md}"
    );
    site.build(&[]).success();
    let css = site.read("public/style.css");
    assert!(
        css.contains(".prose figure.align-right"),
        "the theme styles it"
    );
}

#[test]
fn a_gallery_is_a_grid_with_its_column_count() {
    let (site, run) = imported_over_mij(
        concat!(
            "<figure class=\"wp-block-gallery has-nested-images columns-2\">",
            "<figure class=\"wp-block-image\"><img src=\"https://elders.example/a.jpg\" alt=\"A\"/><figcaption>Aa</figcaption></figure>",
            "<figure class=\"wp-block-image\"><img src=\"https://elders.example/b.jpg\" alt=\"B\"/></figure>",
            "</figure><p>Ik ben Marie.</p>",
        ),
        &[],
    );
    run.success();
    let md = site.read("content/over-mij/nl.md");
    assert!(
        md.contains("<div class=\"gallery columns-2\">\n\n<figure>"),
        "{md}"
    );
    assert!(
        md.contains("![B](https://elders.example/b.jpg)\n\n</div>"),
        "{md}"
    );
    site.build(&[]).success();
    let html = site.read("public/nl/over-mij/index.html");
    assert!(html.contains("<div class=\"gallery columns-2\">"), "{html}");
    assert!(html.contains("<figcaption>Aa</figcaption>"), "{html}");
}

/// The `<figure class="featured-image">` atop an article of the default
/// theme, if any.
fn featured_figure(html: &str) -> Option<&str> {
    let start = html.find("<figure class=\"featured-image\">")?;
    let end = start + html[start..].find("</figure>")?;
    Some(&html[start..end])
}

#[test]
fn the_featured_image_is_shown_atop_the_article_with_its_alt_text() {
    // The classic blog, with alt text on the attachment of the summer
    // post's featured image.
    let text = site_fixture("wordpress-classic.xml").replace(
        "<wp:post_id>204</wp:post_id>",
        "<wp:post_id>204</wp:post_id>\n\t\t<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[Marie aan haar bureau &amp; boeken]]></wp:meta_value></wp:postmeta>",
    );
    let site = new_site();
    site.write("export.xml", &text);
    let export = site.path("export.xml");
    site.praxis(&[
        "import",
        "wordpress",
        export.to_str().unwrap(),
        "--language",
        "nl",
        "--uploads",
        &uploads(),
    ])
    .success();
    let md = site.read("content/articles/ete-en-herfst/nl.md");
    assert!(
        md.contains("image = \"portret.png\"\nimage_alt = \"Marie aan haar bureau & boeken\"\n"),
        "{md}"
    );
    site.build(&[]).success();
    let html = site.read(SUMMER);
    let figure = featured_figure(&html).expect("the featured image atop the article");
    assert!(
        html.find("<figure class=\"featured-image\">") > html.find("<h1>")
            && html.find("<figure class=\"featured-image\">") < html.find("<div class=\"prose\">"),
        "under the title, before the text"
    );
    // Through the image pipeline: every width, WebP, its size, not lazy.
    for part in [
        "<source type=\"image/webp\" srcset=\"/processed_images/portret.",
        "alt=\"Marie aan haar bureau &amp; boeken\"",
        "width=\"",
        "height=\"",
        "fetchpriority=\"high\"",
    ] {
        assert!(figure.contains(part), "{part}: {figure}");
    }
    assert!(!figure.contains("loading=\"lazy\""), "{figure}");
    let src = figure
        .split("<img src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    assert!(site.exists(&format!("public{src}")), "{src} is published");
}

#[test]
fn a_featured_image_without_alt_text_is_decoration_and_said_so() {
    let (site, run) = classic_site();
    let md = site.read("content/articles/ete-en-herfst/nl.md");
    assert!(!md.contains("image_alt"), "{md}");
    let figure = featured_figure(&site.read(SUMMER))
        .expect("shown all the same")
        .to_owned();
    assert!(figure.contains("alt=\"\""), "{figure}");
    assert!(
        run.stdout.contains(
            "its featured image has no alt text on WordPress, so it is shown as decoration: say what it shows in `image_alt` under [extra]"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn any_page_shows_its_own_image_but_never_one_from_another_site() {
    let site = new_site();
    site.write_bytes(
        "content/over/kamer.png",
        &std::fs::read(Path::new(&uploads()).join("2019/06/bos.png")).unwrap(),
    );
    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over\"\n\n[extra]\nimage = \"kamer.png\"\nimage_alt = \"De praktijkruimte\"\n+++\nTekst.\n",
    );
    site.write(
        "content/elders/nl.md",
        "+++\ntitle = \"Elders\"\n\n[extra]\nimage = \"https://elders.example/foto.jpg\"\n+++\nTekst.\n",
    );
    site.build(&[]).success();
    let over = site.read("public/nl/over/index.html");
    let figure = featured_figure(&over).expect("a page's own image");
    assert!(
        figure.contains("alt=\"De praktijkruimte\"") && figure.contains("srcset="),
        "{figure}"
    );
    let elders = site.read("public/nl/elders/index.html");
    assert!(featured_figure(&elders).is_none(), "{elders}");
    assert!(
        elders.contains("<meta property=\"og:image\" content=\"https://elders.example/foto.jpg\">"),
        "still what a shared link shows"
    );
}

#[test]
fn a_classic_image_keeps_its_alignment_without_a_figure() {
    let (site, run) = imported_over_mij(
        concat!(
            "<p><a href=\"https://elders.example/a.jpg\"><img class=\"alignright size-medium wp-image-9\" src=\"https://elders.example/a-300x200.jpg\" alt=\"A\" /></a>Ik ben Marie, en dit is mijn praktijk.</p>",
            "<p>Daarna <img class=\"aligncenter\" src=\"https://elders.example/b.jpg\" alt=\"B\"> verder.</p>",
            "<p><img class=\"alignleft\" src=\"https://elders.example/c.jpg\" alt=\"C\"></p>",
            "<p>Gewoon <img class=\"alignnone\" src=\"https://elders.example/d.jpg\" alt=\"D\"> in de tekst.</p>",
        ),
        &[],
    );
    run.success();
    let md = site.read("content/over-mij/nl.md");
    for part in [
        // The float goes before the text that flows around it.
        "<figure class=\"align-right\">\n\n[![A](https://elders.example/a-300x200.jpg)](https://elders.example/a.jpg)\n\n</figure>\n\nIk ben Marie, en dit is mijn praktijk.",
        // A centred image stands between the text before and after it.
        "Daarna\n\n<figure class=\"align-center\">\n\n![B](https://elders.example/b.jpg)\n\n</figure>\n\nverder.",
        "<figure class=\"align-left\">\n\n![C](https://elders.example/c.jpg)\n\n</figure>",
        "Gewoon ![D](https://elders.example/d.jpg) in de tekst.",
    ] {
        assert!(md.contains(part), "{part}\n{md}");
    }
    site.build(&[]).success();
    let html = site.read("public/nl/over-mij/index.html");
    assert!(html.contains("<figure class=\"align-right\">"), "{html}");
}

#[test]
fn a_cover_block_is_a_figure_with_its_image_and_its_text() {
    let (site, run) = imported_over_mij(
        concat!(
            "<!-- wp:cover {\"url\":\"https://elders.example/zee.jpg\",\"id\":31} -->",
            "<div class=\"wp-block-cover\"><span aria-hidden=\"true\" class=\"wp-block-cover__background has-background-dim\"></span>",
            "<img class=\"wp-block-cover__image-background wp-image-31\" alt=\"De zee bij Oostende\" src=\"https://elders.example/zee.jpg\" data-object-fit=\"cover\"/>",
            "<div class=\"wp-block-cover__inner-container\"><!-- wp:heading --><h2 class=\"wp-block-heading\">Rust vinden</h2><!-- /wp:heading -->",
            "<!-- wp:paragraph --><p class=\"has-text-align-center\">Een <strong>wandeling</strong> helpt.</p><!-- /wp:paragraph --></div></div>",
            "<!-- /wp:cover -->",
            // The block before 2021: its image in its style.
            "<div class=\"wp-block-cover has-background-dim\" style=\"background-image:url(https://elders.example/bos.jpg)\"><div class=\"wp-block-cover__inner-container\"><p>Het bos.</p></div></div>",
            "<p>Ik ben Marie.</p>",
        ),
        &[],
    );
    run.success();
    let md = site.read("content/over-mij/nl.md");
    assert!(
        md.contains("<figure class=\"cover\">\n\n![De zee bij Oostende](https://elders.example/zee.jpg)\n\n<figcaption>\n\n## Rust vinden\n\nEen **wandeling** helpt.\n\n</figcaption>\n</figure>"),
        "{md}"
    );
    assert!(
        md.contains("<figure class=\"cover\">\n\n![](https://elders.example/bos.jpg)\n\n<figcaption>\n\nHet bos.\n\n</figcaption>\n</figure>"),
        "{md}"
    );
    site.build(&[]).success();
    let html = site.read("public/nl/over-mij/index.html");
    assert!(
        html.contains("<figcaption>\n<h2 id=\"rust-vinden\">Rust vinden</h2>"),
        "{html}"
    );
    assert!(
        site.read("public/style.css")
            .contains(".prose figure.cover figcaption")
    );
}

#[test]
fn block_editor_columns_become_responsive_columns() {
    let (site, run) = imported_over_mij(
        concat!(
            "<!-- wp:columns --><div class=\"wp-block-columns\">",
            "<!-- wp:column --><div class=\"wp-block-column\"><!-- wp:paragraph --><p>Links.</p><!-- /wp:paragraph --></div><!-- /wp:column -->",
            "<!-- wp:column {\"width\":\"66.66%\"} --><div class=\"wp-block-column\" style=\"flex-basis:66.66%\"><!-- wp:list --><ul><li>een</li><li>twee</li></ul><!-- /wp:list --></div><!-- /wp:column -->",
            "<!-- wp:column --><div class=\"wp-block-column\"></div><!-- /wp:column -->",
            "</div><!-- /wp:columns -->",
            "<p>Ik ben Marie.</p>",
        ),
        &[],
    );
    run.success();
    let md = site.read("content/over-mij/nl.md");
    assert!(
        md.contains("<div class=\"columns columns-2\">\n\n<div class=\"column\">\n\nLinks.\n\n</div>\n\n<div class=\"column\">\n\n- een\n- twee\n\n</div>\n\n</div>"),
        "the empty column left out: {md}"
    );
    site.build(&[]).success();
    let html = site.read("public/nl/over-mij/index.html");
    assert!(
        html.contains("<div class=\"columns columns-2\">") && html.contains("<li>twee</li>"),
        "{html}"
    );
    let css = site.read("public/style.css");
    assert!(
        css.contains(".prose .columns { display: grid; grid-template-columns: minmax(0, 1fr);")
            && css.contains(
                ".prose .columns-2 { grid-template-columns: repeat(2, minmax(0, 1fr)); }"
            ),
        "one column on a phone, two on a wide screen"
    );
}

#[test]
fn list_numbering_survives_a_list_beside_it_and_a_list_inside_an_item() {
    let (site, run) = imported_over_mij(
        concat!(
            "<ol><li>een</li><li>twee</li></ol>",
            "<ol start=\"7\"><li>zeven</li><li>acht</li></ol>",
            "<ul><li>a</li></ul><ul><li>b</li></ul>",
            "<ul><li>stap<ol start=\"3\"><li>drie</li><li>vier</li></ol></li></ul>",
            "<p>Ik ben Marie.</p>",
        ),
        &[],
    );
    run.success();
    site.build(&[]).success();
    let html = site.read("public/nl/over-mij/index.html");
    for part in [
        "<ol>\n<li>een</li>\n<li>twee</li>\n</ol>\n<ol start=\"7\">\n<li>zeven</li>",
        "<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>b</li>\n</ul>",
        "<ol start=\"3\">\n<li>drie</li>",
    ] {
        assert!(html.contains(part), "{part}\n{html}");
    }
}

/// Regression: with `--fetch-media`, an import that downloaded anything
/// planned the whole import a second time.
#[test]
fn fetch_media_plans_the_import_once() {
    let server = MediaServer::serve(Path::new(&uploads()));
    let site = new_site();
    let export = media_export(&site, &server.url);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("--root")
        .arg(site.root())
        .args(["import", "wordpress", &export, "--fetch-media"])
        .env("PRAXIS_TIMINGS", "1")
        .output()
        .unwrap();
    let run = Run::from(output);
    run.success();
    assert!(
        run.stdout.contains("downloads: 4 files downloaded"),
        "{}",
        run.stdout
    );
    let plans = run
        .stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("plan:"))
        .count();
    assert_eq!(plans, 1, "{}", run.stderr);
    // Each file asked for once, though two pages show weg.png.
    let mut asked: Vec<String> = server.asked().into_iter().map(|(p, _)| p).collect();
    let all = asked.len();
    asked.sort();
    asked.dedup();
    assert_eq!(asked.len(), all, "{asked:?}");
}

#[test]
fn category_and_tag_addresses_are_answered_by_their_tag_pages() {
    let site = new_site();
    // Her own entry, with a comment, stays as she wrote it.
    let hers = "\n# Mijn oude adres.\n[[redirects]]\nfrom = \"/wie-ben-ik/\" # van vroeger\nto = \"@/ouder\"\n";
    let config = site.read("site.toml") + hers;
    site.write("site.toml", &config);
    let run = import_into(&site, "wordpress-review.xml", &[]);
    run.success();
    let toml = site.read("site.toml");
    assert!(toml.starts_with(&config), "{toml}");
    for entry in [
        "[[redirects]]\nfrom = \"/category/rouw/\"\ntag = \"Rouw\"\nlang = \"nl\"\n",
        "[[redirects]]\nfrom = \"/tag/verlies/\"\ntag = \"verlies\"\nlang = \"nl\"\n",
    ] {
        assert!(toml.contains(entry), "{entry}\n{toml}");
    }
    assert!(
        run.stdout.contains(
            "old addresses of categories and tags: 2 redirect to their tag pages ([[redirects]] in site.toml)"
        ),
        "{}",
        run.stdout
    );
    site.build(&[]).success();
    assert_eq!(
        redirect_target(&site, "/category/rouw/"),
        "https://example.org/nl/onderwerpen/rouw/"
    );
    assert_eq!(
        redirect_target(&site, "/tag/verlies/"),
        "https://example.org/nl/onderwerpen/verlies/"
    );
    assert_eq!(
        redirect_target(&site, "/wie-ben-ik/"),
        "https://example.org/nl/ouder/"
    );
    // A link to the category's archive in a post leads to its tag page.
    assert!(
        site.read("content/articles/verwijzingen/nl.md")
            .contains("[alles over rouw](/nl/onderwerpen/rouw/)"),
        "{}",
        site.read("content/articles/verwijzingen/nl.md")
    );
    let stub = site.read("public/tag/verlies/index.html");
    assert!(
        stub.contains("<html lang=\"nl\">") && stub.contains("<title>verlies · "),
        "in the tag's language, titled as its page: {stub}"
    );

    // Again: nothing changes, and an entry she edited stays hers.
    let edited = toml.replace(
        "from = \"/tag/verlies/\"\ntag = \"verlies\"",
        "from = \"/tag/verlies/\"\ntag = \"Rouw\"",
    );
    site.write("site.toml", &edited);
    let again = import_into(&site, "wordpress-review.xml", &[]);
    again.success();
    assert!(again.stdout.contains("nothing changed"), "{}", again.stdout);
    assert_eq!(site.read("site.toml"), edited);
}

#[test]
fn a_redirect_that_cannot_be_followed_is_an_error_at_its_line() {
    let site = TestSite::with_default_theme().file(
        "content/over/nl.md",
        "+++\ntitle = \"Over\"\ntags = [\"rust\"]\n+++\nTekst.\n",
    );
    let config = site.read("site.toml");
    let line = config.lines().count() + 1;
    site.write(
        "site.toml",
        &(config
            + "[[redirects]]\nfrom = \"/nl/over/\"\nto = \"@/over\"\n"
            + "[[redirects]]\nfrom = \"/weg/\"\nto = \"@/nergens\"\n"
            + "[[redirects]]\nfrom = \"/tag/x/\"\ntag = \"onrust\"\n"
            + "[[redirects]]\nfrom = \"/oud/\"\nto = \"@/over?lang=fr\"\n"
            + "[[redirects]]\nfrom = \"/ok/\"\ntag = \"Rust\"\n"
            + "[[redirects]]\nfrom = \"/ok/\"\nto = \"@/over\"\n"),
    );
    let run = site.build(&[]);
    run.failure()
        .error_at(
            &format!("site.toml:{}", line + 1),
            &[
                "redirect from `/nl/over/`",
                "the address of the page content/over/nl.md",
            ],
        )
        .error_at(
            &format!("site.toml:{}", line + 4),
            &["`@/nergens`: there is no page content/nergens/"],
        )
        .error_at(
            &format!("site.toml:{}", line + 7),
            &["no nl page carries the tag `onrust`"],
        )
        .error_at(
            &format!("site.toml:{}", line + 10),
            &["the page has no fr version"],
        )
        .error_at(
            &format!("site.toml:{}", line + 16),
            &["a redirect from there to the tag `Rust` in nl comes first"],
        );
}
