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
            };
            (f.path.clone(), bytes)
        })
        .collect()
}

/// Applies `edit`, tells the workspace what changed as the file watcher
/// would — the files edited in place, or "look again" when files were
/// created or removed (an empty list) — then rebuilds incrementally and
/// compares with a fresh build.
fn check_edit(
    site: &TestSite,
    workspace: &mut Workspace,
    what: &str,
    edit: impl FnOnce(&TestSite) -> Vec<&'static str>,
) {
    let edited = edit(site);
    if edited.is_empty() {
        workspace.rescan();
    }
    for path in edited {
        workspace.forget(&site.path(path));
    }
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
    check_edit(&site, &mut workspace, "article text", |s| {
        replace(
            s,
            "content/articles/mentorschap/nl.md",
            "Het doel is",
            "Het eigenlijke doel is",
        );
        vec!["content/articles/mentorschap/nl.md"]
    });
    check_edit(&site, &mut workspace, "article title", |s| {
        replace(
            s,
            "content/articles/eerste-gesprek/fr.md",
            "title = \"À quoi",
            "title = \"Ce qu’il faut savoir : à quoi",
        );
        vec!["content/articles/eerste-gesprek/fr.md"]
    });
    check_edit(
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
    check_edit(&site, &mut workspace, "tags", |s| {
        replace(
            s,
            "content/articles/mentorschap/fr.md",
            "tags = [\"mentorat\", \"accompagnement\"]",
            "tags = [\"mentorat\", \"relation\"]",
        );
        vec!["content/articles/mentorschap/fr.md"]
    });
    check_edit(
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
    check_edit(&site, &mut workspace, "static file", |s| {
        s.write("static/style.css", "body { color: black }");
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
