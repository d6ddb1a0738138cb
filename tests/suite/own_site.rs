//! The README's "Your own site", step by step, on a site made by `praxis
//! init`: what a practitioner does to make the site hers works as told.

use std::path::{Path, PathBuf};

use crate::support::{Run, TestSite};

fn praxis(root: &Path, args: &[&str]) -> Run {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    Run::from(output)
}

fn init() -> (TestSite, PathBuf) {
    let parent = TestSite::empty();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("init")
        .arg(parent.path("praktijk"))
        .output()
        .unwrap();
    Run::from(output).success();
    let root = parent.path("praktijk");
    (parent, root)
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn colours_set_in_the_sites_own_stylesheet_win_over_the_themes() {
    let (_parent, root) = init();
    assert!(
        read(root.join("static/site.css")).contains("--accent"),
        "init writes a site.css that says what to set"
    );
    std::fs::write(
        root.join("static/site.css"),
        ":root { --accent: #7a3b62; --serif: \"Literata\", serif; }\n",
    )
    .unwrap();
    praxis(&root, &["build"]).success();
    let page = read(root.join("public/nl/index.html"));
    let theme = page.find("/style.css\"").expect("the theme's stylesheet");
    let own = page.find("/site.css\"").expect("the site's stylesheet");
    assert!(theme < own, "the site's stylesheet comes after the theme's");
    assert!(read(root.join("public/site.css")).contains("#7a3b62"));
    assert!(
        read(root.join("public/style.css")).contains("--accent:"),
        "the theme's stylesheet is still the theme's"
    );
}

#[test]
fn a_site_without_its_own_stylesheet_gets_the_themes_empty_one() {
    let (_parent, root) = init();
    std::fs::remove_file(root.join("static/site.css")).unwrap();
    praxis(&root, &["build"]).success();
    let css = read(root.join("public/site.css"));
    let css = css.trim();
    assert!(
        css.starts_with("/*") && css.ends_with("*/") && css.matches("*/").count() == 1,
        "the theme's site.css is one comment: it explains, it sets nothing"
    );
}

#[test]
fn a_form_added_as_the_readme_says_lists_every_missing_string_then_builds() {
    let (_parent, root) = init();
    // init made the contact form, its pages and its strings: check is clean.
    let check = praxis(&root, &["check"]);
    check.success();
    assert!(
        check.stderr.contains("0 errors, 0 warnings"),
        "{}",
        check.stderr
    );

    // A second form, declared as the README says, shown on a page.
    let config = read(root.join("site.toml"));
    std::fs::write(
        root.join("site.toml"),
        format!(
            "{config}\n[forms.terugbellen]\nthanks = \"bedankt\"\nfields = [\n  {{ name = \"name\", type = \"text\", required = true }},\n  {{ name = \"phone\", type = \"tel\", required = true }},\n]\n"
        ),
    )
    .unwrap();
    for (lang, title) in [("nl", "Terugbellen"), ("fr", "Être rappelé")] {
        std::fs::create_dir_all(root.join("content/terugbellen")).unwrap();
        std::fs::write(
            root.join(format!("content/terugbellen/{lang}.md")),
            format!("+++\ntitle = \"{title}\"\ndescription = \"{title}.\"\n[extra]\nform = \"terugbellen\"\n+++\n"),
        )
        .unwrap();
    }
    // check names every string it needs, in each language, with the lines
    // to paste: the labels, the button, and what the privacy notice says.
    let check = praxis(&root, &["check"]);
    for lang in ["nl", "fr"] {
        let block = check
            .stderr
            .split("\n\n")
            .find(|b| b.starts_with(&format!("error: i18n/{lang}.ftl")))
            .unwrap_or_else(|| panic!("the strings of {lang}:\n{}", check.stderr));
        let lines: Vec<&str> = block
            .lines()
            .filter(|l| l.starts_with("form-terugbellen-"))
            .collect();
        for key in [
            "form-terugbellen-name-label",
            "form-terugbellen-phone-label",
            "form-terugbellen-submit",
            "form-terugbellen-title",
            "form-terugbellen-purpose",
        ] {
            assert!(
                lines.iter().any(|l| l.starts_with(&format!("{key} = "))),
                "{key} in {block}"
            );
        }
        let ftl = root.join(format!("i18n/{lang}.ftl"));
        let text = read(ftl.clone());
        std::fs::write(&ftl, format!("{text}\n{}\n", lines.join("\n"))).unwrap();
    }
    let check = praxis(&root, &["check"]);
    check.success();
    assert!(
        !check.stderr.contains("form-terugbellen"),
        "nothing missing any more:\n{}",
        check.stderr
    );
    praxis(&root, &["build"]).success();
    let page = read(root.join("public/fr/terugbellen/index.html"));
    assert!(page.contains("Numéro de téléphone"), "the form, in French");
    assert!(
        read(root.join("public/fr/confidentialite/index.html")).contains("id=\"form-terugbellen\"")
    );
}
