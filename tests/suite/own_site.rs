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
    let config = read(root.join("site.toml"));
    let key_file = root.join("../praktijk.key");
    let key = praxis(
        &root,
        &["forms", "keygen", "--output", key_file.to_str().unwrap()],
    );
    key.success();
    let public_key = key
        .stdout
        .split('"')
        .find(|w| w.starts_with("age1"))
        .expect("keygen prints the public key")
        .to_owned();
    std::fs::write(
        root.join("site.toml"),
        format!(
            "{config}\n[submissions]\npublic_key = \"{public_key}\"\n\n[forms.contact]\nthanks = \"bedankt\"\nfields = [\n  {{ name = \"name\", type = \"text\", required = true }},\n  {{ name = \"email\", type = \"email\", required = true }},\n]\n"
        ),
    )
    .unwrap();
    let check = praxis(&root, &["check"]);
    for key in [
        "form-contact-name-label",
        "form-contact-email-label",
        "form-contact-submit",
    ] {
        assert!(
            check.stderr.contains(key) || check.stdout.contains(key),
            "check names `{key}`:\n{}",
            check.stderr
        );
    }

    for (lang, name, email, submit, title, thanks) in [
        (
            "nl",
            "Naam",
            "E-mailadres",
            "Versturen",
            "Contact",
            "Bedankt",
        ),
        ("fr", "Nom", "Adresse e-mail", "Envoyer", "Contact", "Merci"),
    ] {
        let ftl = root.join(format!("i18n/{lang}.ftl"));
        let mut text = read(ftl.clone());
        text.push_str(&format!(
            "form-contact-name-label = {name}\nform-contact-email-label = {email}\nform-contact-submit = {submit}\n"
        ));
        std::fs::write(&ftl, text).unwrap();
        std::fs::create_dir_all(root.join("content/contact")).unwrap();
        std::fs::create_dir_all(root.join("content/bedankt")).unwrap();
        std::fs::write(
            root.join(format!("content/contact/{lang}.md")),
            format!("+++\ntitle = \"{title}\"\n[extra]\nform = \"contact\"\n+++\n"),
        )
        .unwrap();
        std::fs::write(
            root.join(format!("content/bedankt/{lang}.md")),
            format!("+++\ntitle = \"{thanks}\"\nmenu = false\n+++\n"),
        )
        .unwrap();
    }
    let check = praxis(&root, &["check"]);
    assert!(
        !check.stderr.contains("form-contact"),
        "nothing missing any more:\n{}",
        check.stderr
    );
    praxis(&root, &["build"]).success();
    let page = read(root.join("public/fr/contact/index.html"));
    assert!(page.contains("Adresse e-mail"), "the form, in French");

    // The privacy notice (step 2): check names what it needs, all at once.
    std::fs::create_dir_all(root.join("content/privacy")).unwrap();
    for (lang, title) in [("nl", "Privacy"), ("fr", "Confidentialité")] {
        std::fs::write(
            root.join(format!("content/privacy/{lang}.md")),
            format!("+++\ntitle = \"{title}\"\ntemplate = \"privacy.html\"\n+++\n"),
        )
        .unwrap();
    }
    let check = praxis(&root, &["check"]);
    for lang in ["nl", "fr"] {
        let line = check
            .stderr
            .lines()
            .find(|l| l.contains(&format!("UI strings in {lang}")))
            .unwrap_or_else(|| panic!("a warning for {lang}:\n{}", check.stderr));
        assert!(
            line.contains("form-contact-title") && line.contains("form-contact-purpose"),
            "{line}"
        );
    }
    for (lang, title, purpose) in [
        ("nl", "Contactformulier", "Om je vraag te beantwoorden."),
        (
            "fr",
            "Formulaire de contact",
            "Pour répondre à votre question.",
        ),
    ] {
        let ftl = root.join(format!("i18n/{lang}.ftl"));
        let mut text = read(ftl.clone());
        text.push_str(&format!(
            "form-contact-title = {title}\nform-contact-purpose = {purpose}\n"
        ));
        std::fs::write(&ftl, text).unwrap();
    }
    praxis(&root, &["build"]).success();
    assert!(read(root.join("public/fr/privacy/index.html")).contains("Formulaire de contact"));
}
