//! An incremental rebuild (what `praxis serve` does after an edit) gives
//! exactly the files a fresh build gives.

use std::collections::BTreeMap;

use praxis::build::{BuildOptions, Workspace, build_site};
use praxis::output::{Body, OutputFile};

use crate::support::TestSite;

fn contents(files: &[OutputFile]) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .map(|f| {
            let bytes = match &f.body {
                Body::Bytes(b) => b.to_vec(),
                Body::Copy(path) => std::fs::read(path).unwrap(),
                Body::Staged => panic!("{}: a kept build holds its files", f.path),
            };
            (f.path.clone(), bytes)
        })
        .collect()
}

/// Applies `edit`, tells the workspace what changed as the file watcher
/// would — the content files edited in place or the static files saved,
/// created or removed, or "look again" when content files were created or
/// removed or anything else changed (an empty list) — then rebuilds incrementally and
/// compares with a fresh build. Returns whether the rebuild went through
/// the dependency index (made again only the outputs that read the pages
/// edited) rather than through every output.
fn check_edit(
    site: &TestSite,
    workspace: &mut Workspace,
    what: &str,
    edit: impl FnOnce(&TestSite) -> Vec<&'static str>,
) -> bool {
    let edited = edit(site);
    if edited.is_empty() {
        workspace.rescan();
    }
    for path in edited {
        if path.starts_with("content/") {
            workspace.forget(&site.path(path));
        } else {
            workspace.static_changed(&site.path(path));
        }
    }
    same_as_fresh(site, workspace, what)
}

/// Applies `edit`, which creates, removes or renames the files or folders
/// it returns under `content/`, tells the workspace of those paths alone
/// as the file watcher does ([`Workspace::rescan_under`]), and compares
/// the rebuild with a fresh build.
fn check_moved(
    site: &TestSite,
    workspace: &mut Workspace,
    what: &str,
    edit: impl FnOnce(&TestSite) -> Vec<&'static str>,
) -> bool {
    for path in edit(site) {
        workspace.rescan_under(&site.path(path));
    }
    same_as_fresh(site, workspace, what)
}

/// Rebuilds in `workspace` and compares with a fresh build; returns
/// whether the rebuild went through the dependency index.
fn same_as_fresh(site: &TestSite, workspace: &mut Workspace, what: &str) -> bool {
    let incremental = workspace.build();
    let fresh = build_site(site.root(), &BuildOptions::default());
    assert_eq!(
        incremental
            .diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>(),
        fresh
            .diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>(),
        "{what}: same diagnostics"
    );
    let (a, b) = (contents(&incremental.files), contents(&fresh.files));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: same files"
    );
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{what}: {path} differs from a fresh build"
        );
    }
    incremental.remade.is_some()
}

/// The file `path` of a fresh build of `site`, as text.
fn published(site: &TestSite, path: &str) -> String {
    let build = build_site(site.root(), &BuildOptions::default());
    let bytes = contents(&build.files).remove(path);
    String::from_utf8(bytes.unwrap_or_else(|| panic!("no {path}"))).unwrap()
}

fn replace(site: &TestSite, path: &str, from: &str, to: &str) {
    let text = site.read(path);
    assert!(text.contains(from), "{path} has no {from:?}");
    site.write(path, &text.replacen(from, to, 1));
}

#[test]
fn incremental_rebuilds_match_fresh_builds() {
    let site = TestSite::example();
    let mut workspace = Workspace::new(site.root(), BuildOptions::default());
    assert!(workspace.build().succeeded());

    check_edit(&site, &mut workspace, "nothing changed", |_| vec![]);
    let by_index = check_edit(&site, &mut workspace, "article text", |s| {
        replace(
            s,
            "content/articles/mentorschap/nl.md",
            "Het doel is",
            "Het eigenlijke doel is",
        );
        vec!["content/articles/mentorschap/nl.md"]
    });
    assert!(
        by_index,
        "a text edit reaches its readers through the index"
    );
    let by_index = check_edit(&site, &mut workspace, "article title", |s| {
        replace(
            s,
            "content/articles/eerste-gesprek/fr.md",
            "title = \"À quoi",
            "title = \"Ce qu’il faut savoir : à quoi",
        );
        vec!["content/articles/eerste-gesprek/fr.md"]
    });
    assert!(by_index, "a title edit that reorders nothing, too");
    let by_index = check_edit(&site, &mut workspace, "two texts at once", |s| {
        replace(s, "content/articles/mentorschap/fr.md", "mentor", "Mentor");
        let section = s.read("content/articles/nl.md");
        s.write(
            "content/articles/nl.md",
            &format!("{section}\nEen zin erbij.\n"),
        );
        vec![
            "content/articles/mentorschap/fr.md",
            "content/articles/nl.md",
        ]
    });
    assert!(by_index, "a section's text and an article's, together");
    check_edit(&site, &mut workspace, "extra in front matter", |s| {
        replace(
            s,
            "content/over-mij/nl.md",
            "+++\n\n",
            "[extra]\nlead = \"Nieuw\"\n+++\n\n",
        );
        vec!["content/over-mij/nl.md"]
    });
    check_edit(&site, &mut workspace, "a heading others link to", |s| {
        let path = "content/articles/mentorschap/nl.md";
        let text = s.read(path);
        let heading = text
            .lines()
            .find(|l| l.starts_with("## "))
            .expect("the essay has headings")
            .to_owned();
        s.write(path, &text.replacen(&heading, "## Een andere kop", 1));
        vec!["content/articles/mentorschap/nl.md"]
    });
    let by_index = check_edit(
        &site,
        &mut workspace,
        "article date (reorders lists and neighbours)",
        |s| {
            replace(
                s,
                "content/articles/eerste-gesprek/nl.md",
                "date = 2026-10-02",
                "date = 2026-11-25",
            );
            vec!["content/articles/eerste-gesprek/nl.md"]
        },
    );
    assert!(by_index, "a new date reorders lists through the index");
    let by_index = check_edit(&site, &mut workspace, "tags", |s| {
        replace(
            s,
            "content/articles/mentorschap/fr.md",
            "tags = [\"mentorat\", \"accompagnement\"]",
            "tags = [\"mentorat\", \"relation\"]",
        );
        vec!["content/articles/mentorschap/fr.md"]
    });
    assert!(by_index, "so do new tags");
    let by_index = check_edit(
        &site,
        &mut workspace,
        "slug (moves the page; links to it change)",
        |s| {
            replace(
                s,
                "content/articles/mentorschap/fr.md",
                "slug = \"le-mentorat\"",
                "slug = \"mentorat\"",
            );
            vec!["content/articles/mentorschap/fr.md"]
        },
    );
    assert!(by_index, "and a new slug, which moves the page's file");
    check_edit(&site, &mut workspace, "new article", |s| {
        s.write(
            "content/articles/nieuw/nl.md",
            "+++\ntitle = \"Nieuw\"\ndate = 2026-11-26\n+++\nNieuw artikel.\n",
        );
        vec![]
    });
    check_edit(
        &site,
        &mut workspace,
        "menu page title (every page's menu)",
        |s| {
            replace(
                s,
                "content/over-mij/nl.md",
                "title = \"Over mij\"",
                "title = \"Wie ik ben\"",
            );
            vec!["content/over-mij/nl.md"]
        },
    );
    check_edit(&site, &mut workspace, "deleted article", |s| {
        s.remove("content/articles/nieuw");
        vec![]
    });
    check_edit(&site, &mut workspace, "description", |s| {
        replace(
            s,
            "content/over-mij/fr.md",
            "description = \"Qui je suis",
            "description = \"Qui je suis vraiment",
        );
        vec!["content/over-mij/fr.md"]
    });
    check_edit(&site, &mut workspace, "weight (reorders the menu)", |s| {
        replace(s, "content/contact/nl.md", "weight = 4", "weight = 0");
        vec!["content/contact/nl.md"]
    });
    check_edit(&site, &mut workspace, "noindex", |s| {
        replace(
            s,
            "content/contact/nl.md",
            "weight = 0",
            "weight = 0\nnoindex = true",
        );
        vec!["content/contact/nl.md"]
    });
    check_edit(&site, &mut workspace, "draft", |s| {
        replace(
            s,
            "content/over-mij/fr.md",
            "weight = 2",
            "weight = 2\ndraft = true",
        );
        vec!["content/over-mij/fr.md"]
    });
    check_edit(&site, &mut workspace, "translation removed", |s| {
        s.remove("content/contact/fr.md");
        vec![]
    });
    check_edit(&site, &mut workspace, "translation added", |s| {
        s.write(
            "content/contact/fr.md",
            "+++\ntitle = \"Contact\"\nslug = \"contact\"\n+++\nÉcrivez-moi.\n",
        );
        vec![]
    });
    check_edit(&site, &mut workspace, "partial", |s| {
        replace(
            s,
            "themes/praxis/templates/partials/language_switcher.html",
            "<nav class=\"language-switcher\"",
            "<nav data-changed class=\"language-switcher\"",
        );
        vec![]
    });
    check_edit(&site, &mut workspace, "the practice in one language", |s| {
        replace(
            s,
            "site.toml",
            "name = \"Cabinet Le Pont — Marie Claes\"",
            "name = \"Cabinet Le Pont\"",
        );
        vec![]
    });
    let by_index = check_edit(&site, &mut workspace, "static file", |s| {
        s.write("static/style.css", "body { color: black }");
        vec!["static/style.css"]
    });
    assert!(
        by_index,
        "a static file is copied again, no output looked at"
    );
    check_edit(&site, &mut workspace, "template", |s| {
        replace(
            s,
            "themes/praxis/templates/page.html",
            "<article",
            "<article class=\"changed\"",
        );
        vec![]
    });
    check_edit(&site, &mut workspace, "UI strings", |s| {
        s.write("i18n/nl.ftl", "all-articles = Alles lezen\n");
        vec![]
    });
    check_edit(&site, &mut workspace, "asset", |s| {
        s.write(
            "content/articles/mentorschap/schets.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
        vec![]
    });
    check_edit(&site, &mut workspace, "site.toml", |s| {
        replace(
            s,
            "site.toml",
            "title = \"Cabinet Le Pont\"",
            "title = \"Cabinet Le Pont !\"",
        );
        vec![]
    });
    check_edit(&site, &mut workspace, "a broken file", |s| {
        s.write("content/articles/mentorschap/nl.md", "+++\ntitle = \n+++\n");
        vec!["content/articles/mentorschap/nl.md"]
    });
    check_edit(&site, &mut workspace, "the file fixed again", |s| {
        s.write(
            "content/articles/mentorschap/nl.md",
            "+++\ntitle = \"Mentorschap\"\n+++\nKort.\n",
        );
        vec!["content/articles/mentorschap/nl.md"]
    });
}

/// The files a rebuild made again, by path.
fn remade(build: &praxis::build::Build) -> Vec<&str> {
    let mut paths: Vec<&str> = build
        .remade
        .as_ref()
        .expect("a rebuild through the index")
        .iter()
        .map(|&i| build.files[i].path.as_str())
        .collect();
    paths.sort_unstable();
    paths
}

#[test]
fn static_files_saved_created_or_removed_are_published_without_looking_at_any_output() {
    let site = TestSite::example();
    let mut workspace = Workspace::new(site.root(), BuildOptions::default());
    assert!(workspace.build().succeeded());
    let mut saved = |what: &str, path: &'static str, edit: &dyn Fn(&TestSite)| {
        check_edit(&site, &mut workspace, what, |s| {
            edit(s);
            vec![path]
        })
    };
    assert!(saved(
        "the theme's stylesheet, in place",
        "themes/praxis/static/style.css",
        &|s| s.write("themes/praxis/static/style.css", "body { margin: 0 }"),
    ));
    assert!(saved("a new file", "static/fonts/lettertype.woff2", &|s| {
        s.write("static/fonts/lettertype.woff2", "wOF2")
    }));
    assert!(saved(
        "the site's own file over the theme's",
        "static/print.css",
        &|s| s.write("static/print.css", "@media print { nav { display: none } }"),
    ));
    assert!(saved(
        "the site's file gone: the theme's again",
        "static/print.css",
        &|s| s.remove("static/print.css"),
    ));
    assert!(saved("a folder gone", "static/fonts", &|s| s
        .remove("static/fonts")));
    assert!(
        !saved("the site's own robots.txt", "static/robots.txt", &|s| {
            s.write("static/robots.txt", "User-agent: *\nDisallow: /\n")
        }),
        "a robots.txt or sitemap.xml of the site's own takes an output's place: the whole build"
    );
    assert!(!saved(
        "a photo, which images are made from and checked for positions",
        "static/praktijkruimte.jpg",
        &|s| {
            let photo = std::fs::read(s.path("static/praktijkruimte.jpg")).unwrap();
            s.write_bytes("static/praktijkruimte.jpg", &photo);
        },
    ));

    // What the preview reloads: the file saved, though its path and source
    // are as they were.
    site.write("themes/praxis/static/style.css", "body { margin: 1px }");
    workspace.static_changed(&site.path("themes/praxis/static/style.css"));
    let build = workspace.build();
    assert_eq!(remade(&build), ["style.css"]);
    assert!(build.removed.is_empty());
    site.remove("static/robots.txt");
    workspace.static_changed(&site.path("static/robots.txt"));
    assert!(
        workspace.build().remade.is_none(),
        "robots.txt is the build's own again"
    );
    // A save in a theme the site does not use changes nothing.
    site.write("themes/other/static/style.css", "body {}");
    workspace.static_changed(&site.path("themes/other/static/style.css"));
    assert_eq!(remade(&workspace.build()), Vec::<&str>::new());
}

/// A section listing five dated articles two at a time, newest first.
fn site_paginating_articles() -> TestSite {
    let mut site = TestSite::minimal()
        .file(
            "themes/plain/templates/section.html",
            "<h1>{{ section.title }} {{ paginator.current_index }}</h1>\
             <ul>{% for p in paginator.pages %}<li>{{ p.title }} {{ p.date.day }}</li>{% endfor %}</ul>",
        )
        .file(
            "themes/plain/templates/page.html",
            "<h1>{{ page.title }}</h1>{% if page.lower %}<a rel=prev href=\"{{ page.lower.url }}\">{{ page.lower.title }}</a>{% endif %}\
             {% if page.higher %}<a rel=next href=\"{{ page.higher.url }}\">{{ page.higher.title }}</a>{% endif %}\
             {% for t in page.tags %}<a href=\"/nl/tags/{{ t | slugify }}/\">{{ t }}</a>{% endfor %}",
        )
        .file(
            "themes/plain/templates/taxonomy_list.html",
            "{% for t in terms %}<a href=\"{{ t.url }}\">{{ t.name }} ({{ t.count }})</a>{% endfor %}",
        )
        .file(
            "themes/plain/templates/taxonomy_single.html",
            "<h1>{{ term.name }}</h1>{% for p in term.pages %}<li>{{ p.title }}</li>{% endfor %}",
        );
    for i in 1..=5 {
        site = site.file(
            &format!("content/artikels/a{i}/nl.md"),
            &format!(
                "+++\ntitle = \"Artikel {i}\"\ndate = 2026-0{i}-01\ntags = [\"rust\"]\n+++\nTekst {i}.\n"
            ),
        );
    }
    site.file(
        "content/artikels/nl.md",
        "+++\ntitle = \"Artikels\"\npaginate_by = 2\n+++\n",
    )
}

#[test]
fn a_date_that_moves_an_article_to_another_page_of_its_list_is_followed() {
    let site = site_paginating_articles();
    let mut workspace = Workspace::new(site.root(), BuildOptions::default());
    assert!(workspace.build().succeeded());
    // The oldest article becomes the newest: it leaves the last page of
    // the list for the first, and every page of the list shifts by one.
    let by_index = check_edit(&site, &mut workspace, "oldest becomes newest", |s| {
        replace(s, "content/artikels/a1/nl.md", "2026-01-01", "2026-12-01");
        vec!["content/artikels/a1/nl.md"]
    });
    assert!(by_index, "a new date goes through the dependency index");
    let first = published(&site, "nl/artikels/index.html");
    assert!(first.contains("<li>Artikel 1 2026-12-01</li>"), "{first}");
    let by_index = check_edit(&site, &mut workspace, "and back", |s| {
        replace(s, "content/artikels/a1/nl.md", "2026-12-01", "2026-01-01");
        vec!["content/artikels/a1/nl.md"]
    });
    assert!(by_index);
}

#[test]
fn a_tag_no_page_had_makes_its_page_and_the_last_page_to_drop_it_removes_it() {
    let site = site_paginating_articles();
    let mut workspace = Workspace::new(site.root(), BuildOptions::default());
    assert!(workspace.build().succeeded());
    let by_index = check_edit(&site, &mut workspace, "a new tag", |s| {
        replace(
            s,
            "content/artikels/a3/nl.md",
            "[\"rust\"]",
            "[\"rust\", \"adem\"]",
        );
        vec!["content/artikels/a3/nl.md"]
    });
    assert!(by_index, "a new tag goes through the dependency index");
    let by_index = check_edit(&site, &mut workspace, "the tag dropped", |s| {
        replace(s, "content/artikels/a3/nl.md", ", \"adem\"]", "]");
        vec!["content/artikels/a3/nl.md"]
    });
    assert!(by_index, "and so does dropping it");
}

/// A section of three undated articles, listed by title, under `section`
/// as its template.
fn site_listing_with(section: &str) -> TestSite {
    let mut site = TestSite::minimal().file("themes/plain/templates/section.html", section);
    for (folder, title) in [("a", "Alfa"), ("b", "Beta"), ("c", "Delta")] {
        site = site
            .file(
                &format!("content/artikels/{folder}/nl.md"),
                &format!("+++\ntitle = \"{title}\"\n+++\nEen korte tekst.\n"),
            )
            .file(
                &format!("content/artikels/{folder}/fr.md"),
                &format!("+++\ntitle = \"{title}\"\n+++\nUn texte court.\n"),
            );
    }
    site.file("content/artikels/nl.md", "+++\ntitle = \"Artikels\"\n+++\n")
        .file("content/artikels/fr.md", "+++\ntitle = \"Articles\"\n+++\n")
}

#[test]
fn lists_that_read_pages_whole_follow_every_edit() {
    // Templates that read a page's fields without naming them: nothing of
    // what they show may be taken as unread.
    for section in [
        "{{ section.pages | json_encode | safe }}",
        "{% for p in section.pages %}{% for k, v in p %}{{ k }}={{ v }};{% endfor %}{% endfor %}",
        "{% set f = \"word_\" ~ \"count\" %}{% for p in section.pages %}{{ p[f] }};{% endfor %}",
    ] {
        let site = site_listing_with(section);
        let mut workspace = Workspace::new(site.root(), BuildOptions::default());
        assert!(workspace.build().succeeded(), "{section}");
        check_edit(&site, &mut workspace, section, |s| {
            s.write(
                "content/artikels/b/nl.md",
                "+++\ntitle = \"Beta\"\n+++\nEen veel langere tekst, met meer woorden erin.\n",
            );
            vec!["content/artikels/b/nl.md"]
        });
    }
}

#[test]
fn a_new_title_that_moves_a_page_in_its_list_is_followed() {
    let site = site_listing_with(
        "<ul>{% for p in section.pages %}<li>{{ p.title }}</li>{% endfor %}</ul>",
    );
    let mut workspace = Workspace::new(site.root(), BuildOptions::default());
    assert!(workspace.build().succeeded());
    check_edit(&site, &mut workspace, "Alfa becomes Epsilon", |s| {
        replace(s, "content/artikels/a/nl.md", "Alfa", "Epsilon");
        vec!["content/artikels/a/nl.md"]
    });
    let by_index = check_edit(&site, &mut workspace, "Beta keeps its place", |s| {
        replace(s, "content/artikels/b/nl.md", "Beta", "Bèta");
        vec!["content/artikels/b/nl.md"]
    });
    assert!(
        by_index,
        "a title that moves nothing goes through the index"
    );
}

/// The example site with `n` more articles in each language, dated, tagged
/// and linking to one another, as a practice's blog grows over the years.
fn generated_site(n: usize) -> TestSite {
    let site = TestSite::example();
    let tags = [
        "rouw",
        "burn-out",
        "relaties",
        "werk",
        "stress",
        "ouderschap",
    ];
    let tags_fr = [
        "deuil",
        "burn-out",
        "relations",
        "travail",
        "stress",
        "parentalite",
    ];
    for i in 0..n {
        let date = format!("20{:02}-{:02}-{:02}", 10 + i % 15, 1 + i % 12, 1 + i % 28);
        let link = (i * 7 + 3) % n;
        let nl = format!(
            "+++\ntitle = \"Artikel {i}\"\nslug = \"artikel-{i}\"\ndate = {date}\ntags = [\"{}\", \"{}\"]\n+++\n\
             Een tekst over stilte en vertrouwen, nummer {i}.\n\n## Een kop\n\nLees ook [een ander](@/articles/gen-{link:05}).\n",
            tags[i % 6],
            tags[(i / 6) % 6]
        );
        let fr = format!(
            "+++\ntitle = \"Article {i}\"\nslug = \"article-{i}\"\ndate = {date}\ntags = [\"{}\"]\n+++\n\
             Un texte sur le silence et la confiance, numéro {i}.\n\n## Un titre\n\nLire aussi [un autre](@/articles/gen-{link:05}).\n",
            tags_fr[i % 6]
        );
        site.write(&format!("content/articles/gen-{i:05}/nl.md"), &nl);
        site.write(&format!("content/articles/gen-{i:05}/fr.md"), &fr);
    }
    site
}

#[test]
fn incremental_rebuilds_of_a_generated_site_match_fresh_builds() {
    // PRAXIS_GENERATED_ARTICLES=10000 makes it the 20 000-page site of the
    // benchmarks (with --release: benches/README.md).
    let n: usize = std::env::var("PRAXIS_GENERATED_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let site = generated_site(n);
    let mut workspace = Workspace::new(site.root(), BuildOptions::default());
    let first = workspace.build();
    assert!(first.succeeded(), "{:?}", first.diagnostics);
    let one = "content/articles/gen-00001/nl.md";
    let other = "content/articles/gen-00002/fr.md";
    let by_index = check_edit(&site, &mut workspace, "text", |s| {
        replace(s, one, "stilte", "rust");
        vec![one]
    });
    assert!(by_index, "a text edit goes through the dependency index");
    let by_index = check_edit(&site, &mut workspace, "title", |s| {
        replace(
            s,
            other,
            "title = \"Article 2\"",
            "title = \"Article 2, revu\"",
        );
        vec![other]
    });
    assert!(by_index, "so does a title that moves nothing");
    let by_index = check_edit(&site, &mut workspace, "date", |s| {
        let text = s.read(one);
        let date = text
            .lines()
            .find(|l| l.starts_with("date = "))
            .unwrap()
            .to_owned();
        s.write(one, &text.replacen(&date, "date = 2030-01-01", 1));
        vec![one]
    });
    assert!(
        by_index,
        "a date that moves an article to the top of every list"
    );
    let by_index = check_edit(&site, &mut workspace, "tags", |s| {
        replace(s, other, "tags = [", "tags = [\"nieuw\", ");
        vec![other]
    });
    assert!(by_index, "a tag no page had: a new tag page");
    let by_index = check_edit(&site, &mut workspace, "slug", |s| {
        replace(s, one, "slug = \"artikel-1\"", "slug = \"artikel-een\"");
        vec![one]
    });
    assert!(by_index, "a new slug");
    let by_index = check_edit(&site, &mut workspace, "weight", |s| {
        replace(s, other, "+++\nUn texte", "weight = 3\n+++\nUn texte");
        vec![other]
    });
    assert!(by_index, "a weight");
    let by_index = check_edit(&site, &mut workspace, "tag no page keeps", |s| {
        replace(s, other, "tags = [\"nieuw\", ", "tags = [");
        vec![other]
    });
    assert!(
        by_index,
        "the last page with a tag lets go of it: its page goes"
    );
    check_edit(&site, &mut workspace, "draft", |s| {
        replace(s, one, "+++\nEen tekst", "draft = true\n+++\nEen tekst");
        vec![one]
    });
    check_edit(&site, &mut workspace, "translation removed", |s| {
        s.remove(other);
        vec![]
    });
    check_edit(&site, &mut workspace, "translation added", |s| {
        s.write(
            other,
            "+++\ntitle = \"Article 2\"\nslug = \"article-2\"\ndate = 2012-03-03\n+++\nDe retour.\n",
        );
        vec![]
    });
    check_edit(&site, &mut workspace, "template", |s| {
        replace(
            s,
            "themes/praxis/templates/page.html",
            "<article",
            "<article data-edited",
        );
        vec![]
    });
    check_edit(&site, &mut workspace, "partial", |s| {
        replace(
            s,
            "themes/praxis/templates/partials/page_item.html",
            "<",
            "<!-- edited --><",
        );
        vec![]
    });
    check_edit(&site, &mut workspace, "UI strings", |s| {
        let strings = s.read("i18n/fr.ftl");
        s.write(
            "i18n/fr.ftl",
            &format!("{strings}\nall-articles = Tout lire\n"),
        );
        vec![]
    });
    check_edit(&site, &mut workspace, "static file", |s| {
        s.write("static/extra.css", "p { margin: 0 }");
        vec![]
    });
    check_edit(&site, &mut workspace, "site.toml", |s| {
        replace(s, "site.toml", "title = \"", "title = \"Nieuw: ");
        vec![]
    });
}

/// `praxis build` writes each output as it is made and lets go of each
/// page's HTML once the outputs that show it (its own, one per page of a
/// paginated list; the feed) are made: what it publishes must be what a
/// build kept in memory holds, byte for byte, HTML and feeds included.
#[test]
fn a_build_written_as_it_goes_publishes_what_a_build_in_memory_holds() {
    let site = generated_site(60);
    // The search indexes the pages' HTML, which is then kept: off, so
    // that every page's is let go of.
    let config = site
        .read("site.toml")
        .replace("[search]\nenabled = true", "[search]\nenabled = false");
    site.write("site.toml", &config);
    site.build(&[]).success();
    let kept = build_site(site.root(), &BuildOptions::default());
    assert!(kept.succeeded(), "{:?}", kept.diagnostics);
    let expected = contents(&kept.files);
    let published: BTreeMap<String, Vec<u8>> = site
        .files()
        .into_iter()
        .filter_map(|f| {
            let path = f.strip_prefix("public/")?.to_owned();
            Some((path, std::fs::read(site.path(&f)).unwrap()))
        })
        .collect();
    assert_eq!(
        published.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        assert!(
            published[path] == *bytes,
            "{path} differs from the build in memory"
        );
    }
    // The pages whose HTML is shown twice or more were published whole.
    let feed = String::from_utf8_lossy(&published["nl/atom.xml"]).into_owned();
    assert!(feed.contains("Een tekst over stilte"), "{feed}");
    assert!(published.keys().any(|p| p.starts_with("nl/artikels/page/")));
}

#[test]
fn a_new_weight_that_reorders_articles_of_one_day_is_followed_on_tag_pages_and_feeds() {
    let site = site_paginating_articles()
        .file(
            "content/artikels/b-zon/nl.md",
            "+++\ntitle = \"Zon\"\nweight = 1\ndate = 2026-09-01\ntags = [\"rust\"]\n+++\nTekst.\n",
        )
        .file(
            "content/artikels/a-adem/nl.md",
            "+++\ntitle = \"Adem\"\nweight = 2\ndate = 2026-09-01\ntags = [\"rust\"]\n+++\nTekst.\n",
        );
    let mut workspace = Workspace::new(site.root(), BuildOptions::default());
    assert!(workspace.build().succeeded());
    let by_index = check_edit(&site, &mut workspace, "Adem weighs less than Zon", |s| {
        replace(
            s,
            "content/artikels/a-adem/nl.md",
            "weight = 2",
            "weight = 0",
        );
        vec!["content/artikels/a-adem/nl.md"]
    });
    assert!(by_index, "a new weight goes through the dependency index");
    let tag = published(&site, "nl/tags/rust/index.html");
    let at = |text: &str, s: &str| text.find(s).unwrap_or_else(|| panic!("no {s} in {text}"));
    assert!(at(&tag, ">Adem<") < at(&tag, ">Zon<"), "{tag}");
    let feed = published(&site, "nl/atom.xml");
    assert!(
        at(&feed, "<title>Adem</title>") < at(&feed, "<title>Zon</title>"),
        "{feed}"
    );
}

/// Pages that join or leave the site — a new article, one removed, one made
/// a draft and published again, in one language and in both, with a tag
/// no page had and tags others carry — change where links lead, which
/// pages are listed, tagged, fed and mapped, and which languages a twin
/// can switch to: each rebuild must still equal a fresh build. The new
/// article sorts first, so that every page after it is numbered anew, and
/// the articles link to each other's headings. Files and folders created
/// or removed are told to the workspace as the watcher tells them (only
/// those paths are walked again).
#[test]
fn an_edit_undone_after_the_page_it_links_to_moved_links_where_that_page_is() {
    let site = generated_site(12);
    // Article 1 links to article 10 ((1 * 7 + 3) % 12).
    let linking = "content/articles/gen-00001/nl.md";
    let moved = "content/articles/gen-00010/nl.md";
    let original = site.read(linking);
    let mut workspace = Workspace::new(site.root(), BuildOptions::default());
    assert!(workspace.build().succeeded());
    check_edit(&site, &mut workspace, "the linking page edited", |s| {
        replace(s, linking, "nummer 1.", "nummer 1, herzien.");
        vec![linking]
    });
    check_edit(&site, &mut workspace, "the page it links to moved", |s| {
        replace(s, moved, "slug = \"artikel-10\"", "slug = \"verhuisd\"");
        vec![moved]
    });
    check_edit(&site, &mut workspace, "the edit undone", |s| {
        s.write(linking, &original);
        vec![linking]
    });
}

#[test]
fn pages_that_join_or_leave_the_site_match_fresh_builds() {
    let site = generated_site(30);
    let linking = "content/articles/gen-00010/nl.md";
    replace(
        &site,
        linking,
        "Lees ook",
        "Zie [de kop](@/articles/gen-00020#een-kop), [het nieuwe](@/articles/aaa-nieuw) \
         en [het concept](@/articles/gen-00005?lang=fr#un-titre). Lees ook",
    );
    site.write(
        "content/articles/aaa-nieuw/nl.md",
        "+++\ntitle = \"Al nieuw\"\ndate = 2029-05-05\n+++\nEen tekst.\n",
    );
    let mut workspace = Workspace::new(site.root(), BuildOptions::default());
    assert!(workspace.build().succeeded());
    let new = "content/articles/aaa-nieuw/nl.md";
    let new_fr = "content/articles/aaa-nieuw/fr.md";

    check_moved(
        &site,
        &mut workspace,
        "an article removed that another links to",
        |s| {
            s.remove("content/articles/aaa-nieuw");
            vec!["content/articles/aaa-nieuw"]
        },
    );
    check_moved(
        &site,
        &mut workspace,
        "a new article, first in the folder, with a new tag and an old one",
        |s| {
            s.write(
                new,
                "+++\ntitle = \"Nieuw\"\ndate = 2031-01-01\ntags = [\"gloednieuw\", \"rouw\"]\n+++\n\
                 Nieuw, met [een link](@/articles/gen-00003#een-kop).\n\n## Een kop\n",
            );
            vec!["content/articles/aaa-nieuw"]
        },
    );
    check_moved(
        &site,
        &mut workspace,
        "its translation: the Dutch page gains the language switch",
        |s| {
            s.write(
                new_fr,
                "+++\ntitle = \"Nouveau\"\ndate = 2031-01-01\ntags = [\"deuil\"]\n+++\nNouveau.\n",
            );
            vec![new_fr]
        },
    );
    check_edit(
        &site,
        &mut workspace,
        "the French page a draft: the Dutch one loses the switch",
        |s| {
            replace(s, new_fr, "+++\nNouveau", "draft = true\n+++\nNouveau");
            vec![new_fr]
        },
    );
    check_edit(
        &site,
        &mut workspace,
        "an article another links to (by its heading) a draft in French",
        |s| {
            replace(
                s,
                "content/articles/gen-00005/fr.md",
                "+++\nUn texte",
                "draft = true\n+++\nUn texte",
            );
            vec!["content/articles/gen-00005/fr.md"]
        },
    );
    let both = [
        "content/articles/gen-00007/nl.md",
        "content/articles/gen-00007/fr.md",
    ];
    check_edit(&site, &mut workspace, "a draft in both languages", |s| {
        replace(s, both[0], "+++\nEen tekst", "draft = true\n+++\nEen tekst");
        replace(s, both[1], "+++\nUn texte", "draft = true\n+++\nUn texte");
        both.to_vec()
    });
    check_edit(&site, &mut workspace, "published again in French", |s| {
        replace(s, "content/articles/gen-00005/fr.md", "draft = true\n", "");
        vec!["content/articles/gen-00005/fr.md"]
    });
    check_edit(
        &site,
        &mut workspace,
        "published again in both languages",
        |s| {
            replace(s, both[0], "draft = true\n", "");
            replace(s, both[1], "draft = true\n", "");
            both.to_vec()
        },
    );
    check_moved(
        &site,
        &mut workspace,
        "the only page with a tag removed: its tag page goes",
        |s| {
            s.remove("content/articles/aaa-nieuw");
            vec!["content/articles/aaa-nieuw"]
        },
    );
    check_moved(
        &site,
        &mut workspace,
        "a linked article removed in both languages",
        |s| {
            s.remove("content/articles/gen-00020");
            vec!["content/articles/gen-00020"]
        },
    );
    check_moved(
        &site,
        &mut workspace,
        "written again in one language, with an image beside it",
        |s| {
            s.write(
                "content/articles/gen-00020/nl.md",
                "+++\ntitle = \"Terug\"\ndate = 2015-02-02\ntags = [\"rouw\"]\n+++\nTerug.\n\n## Een kop\n",
            );
            s.write(
                "content/articles/gen-00020/schets.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            );
            vec![
                "content/articles/gen-00020/nl.md",
                "content/articles/gen-00020/schets.svg",
            ]
        },
    );
    check_moved(&site, &mut workspace, "its folder renamed", |s| {
        std::fs::rename(
            s.path("content/articles/gen-00020"),
            s.path("content/articles/gen-00099"),
        )
        .unwrap();
        vec!["content/articles/gen-00020", "content/articles/gen-00099"]
    });
}

/// A page that joins or leaves the site is patched into the last build
/// (`Site::with_page_joined`, `with_page_left`, `Renderer::renumbered`),
/// not built again whole, and gives what a fresh build gives: its
/// section's list and its neighbours, the feed, its tags' pages and the
/// tag list (a new tag's page too, and the translations of tags), the
/// sitemap, its twin's language switch, the notice of the language it is
/// missing in. Each step asserts that the patch was taken, so that a
/// patch that forgets one of them fails on the file it forgot.
#[test]
fn a_page_that_joins_or_leaves_is_patched_in_as_a_fresh_build_makes_it() {
    let site = generated_site(30);
    // A section of its own, whose one page has no date: a dated page that
    // joins it has no neighbour, and reaches the feed by the feed alone.
    site.write(
        "content/notities/nl.md",
        "+++\ntitle = \"Notities\"\n+++\nNotities.\n",
    );
    site.write(
        "content/notities/eerste/nl.md",
        "+++\ntitle = \"Eerste\"\n+++\nZonder datum.\n",
    );
    let mut workspace = Workspace::new(site.root(), BuildOptions::default());
    assert!(workspace.build().succeeded());
    let patched = |workspace: &mut Workspace, what: &str, paths: Vec<&'static str>| {
        // As the watcher tells them: the folder and the file created or
        // removed, each looked at again under its path.
        for path in paths {
            workspace.rescan_under(&site.path(path));
        }
        assert!(same_as_fresh(&site, workspace, what), "{what}: patched");
    };
    // A file edited in place (`from` becomes `to`), as the watcher tells it.
    let edited = |workspace: &mut Workspace, what: &str, path: &str, from: &str, to: &str| {
        replace(&site, path, from, to);
        workspace.forget(&site.path(path));
        assert!(same_as_fresh(&site, workspace, what), "{what}: patched");
    };
    let note = "content/notities/tweede/nl.md";
    site.write(
        note,
        "+++\ntitle = \"Tweede\"\ndate = 2032-02-02\n+++\nDe nieuwste van alle.\n",
    );
    patched(
        &mut workspace,
        "the newest page of the site in a section without dates: the feed, and no neighbour",
        vec!["content/notities/tweede", note],
    );
    site.remove("content/notities/tweede");
    patched(
        &mut workspace,
        "it leaves again: the feed it led",
        vec![note, "content/notities/tweede"],
    );
    let nl = "content/articles/zzz-nieuw/nl.md";
    let fr = "content/articles/zzz-nieuw/fr.md";
    site.write(
        nl,
        "+++\ntitle = \"Nieuw\"\ndate = 2031-01-01\ntags = [\"gloednieuw\", \"rouw\"]\n+++\n\
         Nieuw, met [een link](@/articles/gen-00003#een-kop).\n\n## Een kop\n",
    );
    patched(
        &mut workspace,
        "a new article, the newest (the feed, its neighbour), with a new tag and an old one",
        vec!["content/articles/zzz-nieuw", nl],
    );
    assert!(published(&site, "nl/atom.xml").contains("Nieuw"));
    site.write(
        fr,
        "+++\ntitle = \"Nouveau\"\ndate = 2031-01-01\ntags = [\"deuil\"]\n+++\nNouveau.\n",
    );
    patched(
        &mut workspace,
        "its translation: the Dutch page gains the language switch, the notice goes",
        vec![fr],
    );
    edited(
        &mut workspace,
        "the translation made a draft",
        fr,
        "+++\nNouveau",
        "draft = true\n+++\nNouveau",
    );
    edited(
        &mut workspace,
        "the translation published again",
        fr,
        "draft = true\n",
        "",
    );
    site.remove(fr);
    patched(&mut workspace, "the translation removed", vec![fr]);
    // Another article links to this one: as a draft, the link is left out
    // with a warning, which the patch gives as a fresh build does.
    let linked = "content/articles/gen-00003/nl.md";
    edited(
        &mut workspace,
        "a linked article made a draft",
        linked,
        "+++\nEen tekst",
        "draft = true\n+++\nEen tekst",
    );
    let fresh = build_site(site.root(), &BuildOptions::default());
    assert!(
        fresh
            .diagnostics
            .iter()
            .any(|d| d.to_string().contains("link to a draft")),
        "the link to the draft is warned about"
    );
    edited(
        &mut workspace,
        "the linked draft published again: the warning goes",
        linked,
        "draft = true\n",
        "",
    );
    // Its own translation links to it: made a draft, the link is warned
    // about in its own folder, which does not keep the page that comes
    // back from being patched in (the warning goes as the link is made again).
    let twin = "content/articles/gen-00003/fr.md";
    edited(
        &mut workspace,
        "a translation that links to its twin",
        twin,
        "Un texte sur",
        "La version [néerlandaise](@/articles/gen-00003?lang=nl). Un texte sur",
    );
    edited(
        &mut workspace,
        "the article its translation links to made a draft",
        linked,
        "+++\nEen tekst",
        "draft = true\n+++\nEen tekst",
    );
    edited(
        &mut workspace,
        "published again, its translation's warning about it in its own folder",
        linked,
        "draft = true\n",
        "",
    );
    site.write(
        "content/articles/aaa-gelijk/nl.md",
        "+++\ntitle = \"Artikel 0\"\nslug = \"artikel-0-bis\"\ndate = 2010-01-01\ntags = [\"rouw\"]\n+++\nGelijk.\n",
    );
    patched(
        &mut workspace,
        "an article first among the folders, tied with another on date and title (the order by id a fresh build gives)",
        vec!["content/articles/aaa-gelijk"],
    );
    site.remove("content/articles/zzz-nieuw");
    patched(
        &mut workspace,
        "the newest article removed with its folder: its tag that no other page has goes",
        vec![nl, "content/articles/zzz-nieuw"],
    );
    site.remove("content/articles/aaa-gelijk/nl.md");
    patched(
        &mut workspace,
        "the article tied with another removed",
        vec![
            "content/articles/aaa-gelijk/nl.md",
            "content/articles/aaa-gelijk",
        ],
    );
}

/// Where a page that joins or leaves changes more than the patch follows,
/// the whole site is built again, and gives what a fresh build gives.
#[test]
fn a_page_that_joins_or_leaves_where_no_patch_follows_is_built_whole() {
    let site = generated_site(12);
    let mut workspace = Workspace::new(site.root(), BuildOptions::default());
    assert!(workspace.build().succeeded());
    let mut whole = |what: &str, edit: &dyn Fn(&TestSite) -> Vec<&'static str>| {
        assert!(
            !check_moved(&site, &mut workspace, what, edit),
            "{what}: built whole"
        );
    };
    whole(
        "the first page below an article (it becomes a section)",
        &|s| {
            s.write(
                "content/articles/gen-00001/deel/nl.md",
                "+++\ntitle = \"Deel\"\n+++\nDeel.\n",
            );
            vec!["content/articles/gen-00001/deel"]
        },
    );
    whole("that page removed again", &|s| {
        s.remove("content/articles/gen-00001/deel");
        vec!["content/articles/gen-00001/deel"]
    });
    whole("a page whose slug another page has (an error)", &|s| {
        s.write(
            "content/articles/botsing/nl.md",
            "+++\ntitle = \"Botsing\"\nslug = \"artikel-3\"\n+++\nBotsing.\n",
        );
        vec!["content/articles/botsing"]
    });
    whole("the colliding page removed", &|s| {
        s.remove("content/articles/botsing");
        vec!["content/articles/botsing"]
    });
    whole("a page with an image beside it", &|s| {
        s.write(
            "content/articles/met-beeld/nl.md",
            "+++\ntitle = \"Met beeld\"\n+++\nBeeld.\n",
        );
        s.write(
            "content/articles/met-beeld/schets.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
        vec!["content/articles/met-beeld"]
    });
    whole("a page another links to removed (a broken link)", &|s| {
        s.remove("content/articles/gen-00003/nl.md");
        vec!["content/articles/gen-00003/nl.md"]
    });
}

/// A warning that stands from build to build (here, `[search]` on with a
/// theme that has no search page) keeps no page from joining or leaving
/// by patch, and is given again, as a fresh build gives it.
#[test]
fn a_page_joins_and_leaves_by_patch_beside_a_standing_warning() {
    let site = generated_site(8);
    site.remove("themes/praxis/templates/search.html");
    let mut workspace = Workspace::new(site.root(), BuildOptions::default());
    let first = workspace.build();
    assert!(first.succeeded());
    assert!(
        first
            .diagnostics
            .iter()
            .any(|d| d.to_string().contains("search.html")),
        "the warning stands"
    );
    let new = "content/articles/nieuw/nl.md";
    site.write(
        new,
        "+++\ntitle = \"Nieuw\"\ndate = 2031-01-01\ntags = [\"rouw\"]\n+++\nNieuw.\n",
    );
    assert!(
        check_moved(&site, &mut workspace, "a new article", |_| vec![new]),
        "joined by patch"
    );
    assert!(
        check_moved(&site, &mut workspace, "removed again", |s| {
            s.remove("content/articles/nieuw");
            vec![new, "content/articles/nieuw"]
        }),
        "left by patch"
    );
}
