//! `praxis check`: missing and out-of-date translations.

use crate::support::{Run, TestSite};

fn bilingual() -> TestSite {
    TestSite::minimal()
        .file(
            "content/essay/fr.md",
            "+++\ntitle = \"Le mentorat\"\n+++\nPremier paragraphe.\n\nDeuxième paragraphe.\n",
        )
        .file(
            "content/essay/nl.md",
            "+++\ntitle = \"Mentorschap\"\n+++\nEerste alinea.\n\nTweede alinea.\n",
        )
}

/// The out-of-date translation warnings of a run.
fn warnings(run: &Run) -> Vec<&str> {
    run.stderr
        .split("\n\n")
        .filter(|b| b.starts_with("warning:") && b.contains("translation may be out of date"))
        .collect()
}

#[test]
fn stale_translation_is_detected_and_cleared_once_updated() {
    let site = bilingual();
    site.praxis(&["check"]).success();
    assert!(site.exists("translations.lock"));

    // The French source changes; the Dutch translation does not follow.
    site.write(
        "content/essay/fr.md",
        "+++\ntitle = \"Le mentorat\"\n+++\nPremier paragraphe.\n\nDeuxième paragraphe, réécrit.\n",
    );
    let run = site.praxis(&["check"]);
    run.success();
    let stale = warnings(&run);
    assert_eq!(stale.len(), 1, "{}", run.stderr);
    assert!(stale[0].starts_with("warning: content/essay/nl.md: this translation may be out of date: fr.md changed since (paragraph at line 6)"), "{}", stale[0]);

    // Still stale on the next run: the record is kept until the translation follows.
    assert_eq!(warnings(&site.praxis(&["check"])).len(), 1);

    site.write(
        "content/essay/nl.md",
        "+++\ntitle = \"Mentorschap\"\n+++\nEerste alinea.\n\nTweede alinea, herschreven.\n",
    );
    let run = site.praxis(&["check"]);
    assert!(warnings(&run).is_empty(), "{}", run.stderr);
    assert!(warnings(&site.praxis(&["check"])).is_empty());
}

#[test]
fn either_language_can_be_the_source() {
    let site = bilingual();
    site.praxis(&["check"]).success();
    site.write(
        "content/essay/nl.md",
        "+++\ntitle = \"Mentorschap, herzien\"\n+++\nEerste alinea.\n\nTweede alinea.\n",
    );
    let run = site.praxis(&["check"]);
    let stale = warnings(&run);
    assert_eq!(stale.len(), 1);
    assert!(
        stale[0].starts_with("warning: content/essay/fr.md:"),
        "{}",
        stale[0]
    );
    assert!(
        stale[0].contains("nl.md changed since (its title or description)"),
        "{}",
        stale[0]
    );
}

#[test]
fn rewrapping_lines_is_not_a_change() {
    let site = bilingual();
    site.praxis(&["check"]).success();
    site.write(
        "content/essay/fr.md",
        "+++\ntitle = \"Le mentorat\"\n+++\nPremier\nparagraphe.\n\nDeuxième   paragraphe.\n",
    );
    assert!(warnings(&site.praxis(&["check"])).is_empty());
}

#[test]
fn accept_marks_a_translation_as_current() {
    let site = bilingual();
    site.praxis(&["check"]).success();
    site.write(
        "content/essay/fr.md",
        "+++\ntitle = \"Le mentorat\"\n+++\nPremier paragraphe.\n\nDeuxième paragraphe !\n",
    );
    assert_eq!(warnings(&site.praxis(&["check"])).len(), 1);
    let run = site.praxis(&["check", "--accept", "essay"]);
    assert!(warnings(&run).is_empty(), "{}", run.stderr);
    assert!(warnings(&site.praxis(&["check"])).is_empty());
}

#[test]
fn the_record_survives_a_copy_that_resets_file_times() {
    let site = bilingual();
    site.praxis(&["check"]).success();
    site.write(
        "content/essay/fr.md",
        "+++\ntitle = \"Le mentorat\"\n+++\nTout autre chose.\n",
    );
    // A fresh clone: same files, new times.
    let clone = TestSite::empty();
    for file in site.files() {
        if !file.starts_with("public/") {
            clone.write_bytes(&file, &std::fs::read(site.path(&file)).unwrap());
        }
    }
    assert_eq!(warnings(&clone.praxis(&["check"])).len(), 1);
}

#[test]
fn missing_translations_are_warnings() {
    let site = TestSite::minimal().file("content/alleen/nl.md", "+++\ntitle = \"Alleen\"\n+++\n");
    let run = site.praxis(&["check"]);
    run.success();
    assert!(
        run.stderr
            .contains("warning: content/alleen/nl.md: this page has no fr version"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/alleen/fr.md"));
}

#[test]
fn errors_fail_the_check_and_json_lists_everything() {
    let site = TestSite::minimal()
        .file("content/alleen/nl.md", "+++\ntitle = \"Alleen\"\n+++\n")
        .file("content/kapot/nl.md", "+++\ntitel = \"x\"\n+++\n");
    let run = site.praxis(&["check", "--format", "json"]);
    run.failure();
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(report["errors"], 1);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics.iter().any(|d| d["severity"] == "error"
            && d["file"] == "content/kapot/nl.md"
            && d["line"] == 2)
    );
    assert!(
        diagnostics
            .iter()
            .any(|d| d["severity"] == "warning" && d["file"] == "content/alleen/nl.md")
    );
}

#[test]
fn the_example_site_is_clean() {
    let site = TestSite::example();
    let run = site.praxis(&["check"]);
    run.success();
    assert!(
        run.stderr.contains("0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_lock_keeps_what_the_source_said_until_the_translation_follows() {
    let site = bilingual();
    site.praxis(&["check"]).success();
    let lock = site.read("translations.lock");
    assert!(lock.contains("\"Deuxième paragraphe.\""), "{lock}");
    assert!(lock.contains("agreed = \""), "{lock}");

    site.write(
        "content/essay/fr.md",
        "+++\ntitle = \"Le mentorat\"\n+++\nPremier paragraphe.\n\nDeuxième paragraphe,\nréécrit.\n",
    );
    site.praxis(&["check"]).success();
    let lock = site.read("translations.lock");
    assert!(
        lock.contains("\"Deuxième paragraphe.\""),
        "the old text is kept: {lock}"
    );
    assert!(!lock.contains("réécrit"), "{lock}");

    site.praxis(&["check", "--accept", "essay"]).success();
    let lock = site.read("translations.lock");
    assert!(
        lock.contains("\"Deuxième paragraphe, réécrit.\""),
        "recorded on one line once agreed: {lock}"
    );
    assert!(!lock.contains("\"Deuxième paragraphe.\""), "{lock}");
}

#[test]
fn a_check_that_finds_nothing_new_leaves_the_lock_untouched() {
    let site = bilingual();
    site.praxis(&["check"]).success();
    let before = site.read("translations.lock");
    let run = site.praxis(&["check"]);
    run.success();
    assert!(
        !run.stderr.contains("updated translations.lock"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("translations.lock"), before);
}

#[test]
fn an_untranslated_page_keeps_no_text_in_the_lock_until_its_translation_comes() {
    let site = TestSite::minimal().file(
        "content/essay/fr.md",
        "+++\ntitle = \"Le mentorat\"\n+++\nPremier paragraphe.\n",
    );
    site.praxis(&["check"]).success();
    assert!(
        !site
            .read("translations.lock")
            .contains("Premier paragraphe.")
    );
    site.write(
        "content/essay/nl.md",
        "+++\ntitle = \"Mentorschap\"\n+++\nEerste alinea.\n",
    );
    site.praxis(&["check"]).success();
    let lock = site.read("translations.lock");
    assert!(
        lock.contains("\"Premier paragraphe.\"") && lock.contains("\"Eerste alinea.\""),
        "{lock}"
    );
}

/// Regression: a form shown on a page with six UI strings missing was
/// reported as "lacks 2 UI strings", the other four as template errors
/// quoting a long line of theme code.
#[test]
fn missing_form_strings_are_named_at_once_with_a_block_to_paste() {
    let site = TestSite::with_default_theme()
        .file(
            "content/terugbellen/nl.md",
            "+++\ntitle = \"Terugbellen\"\ndescription = \"Ik bel je terug.\"\n[extra]\nform = \"callback\"\n+++\n",
        )
        .file(
            "content/terugbellen/fr.md",
            "+++\ntitle = \"Rappel\"\ndescription = \"Je vous rappelle.\"\n[extra]\nform = \"callback\"\n+++\n",
        )
        .file(
            "content/privacy/nl.md",
            "+++\ntitle = \"Privacy\"\ndescription = \"Privacy.\"\ntemplate = \"privacy.html\"\n+++\n",
        )
        .file(
            "content/privacy/fr.md",
            "+++\ntitle = \"Confidentialité\"\ndescription = \"Confidentialité.\"\ntemplate = \"privacy.html\"\n+++\n",
        );
    let config = site.read("site.toml")
        + "\n[forms.callback]\nthanks = \"\"\nfields = [\n  { name = \"name\", type = \"text\", required = true },\n  { name = \"phone\", type = \"tel\", required = true },\n  { name = \"when\", type = \"select\", options = [\"morning\", \"evening\"] },\n  { name = \"vraag\", type = \"textarea\" },\n]\n";
    site.write("site.toml", &config);
    let keys = [
        "form-callback-name-label",
        "form-callback-phone-label",
        "form-callback-when-label",
        "form-callback-when-morning",
        "form-callback-when-evening",
        "form-callback-vraag-label",
        "form-callback-submit",
        "form-callback-title",
        "form-callback-purpose",
    ];
    let check = site.praxis(&["check"]);
    check.failure();
    assert!(
        !check.stderr.contains("template error"),
        "no line of theme code: {}",
        check.stderr
    );
    for (lang, name_words, submit_words) in [("nl", "Naam", "Versturen"), ("fr", "Nom", "Envoyer")]
    {
        let block = check
            .stderr
            .split("\n\n")
            .find(|b| b.starts_with(&format!("error: i18n/{lang}.ftl")))
            .unwrap_or_else(|| panic!("one error for i18n/{lang}.ftl: {}", check.stderr));
        assert!(
            block.contains(&format!(
                "form `callback` lacks {} UI strings in {lang}",
                keys.len()
            )),
            "{block}"
        );
        // Every line to paste, each a valid Fluent message.
        for key in keys {
            assert!(
                block.lines().any(|l| l.starts_with(&format!("{key} = "))),
                "{key} in {block}"
            );
        }
        assert!(block.contains(&format!("form-callback-name-label = {name_words}\n")));
        assert!(block.contains(&format!("form-callback-submit = {submit_words}\n")));
        assert!(block.contains("form-callback-vraag-label = Vraag\n"));
        assert_eq!(
            check.stderr.matches(&format!("i18n/{lang}.ftl:")).count()
                + check.stderr.matches(&format!("i18n/{lang}.ftl ")).count(),
            1,
            "one report per file: {}",
            check.stderr
        );
    }

    // Pasted as they are, the strings complete the site.
    for lang in ["nl", "fr"] {
        let block = check
            .stderr
            .split("\n\n")
            .find(|b| b.starts_with(&format!("error: i18n/{lang}.ftl")))
            .unwrap()
            .to_owned();
        let lines: Vec<&str> = block
            .lines()
            .filter(|l| l.starts_with("form-callback-"))
            .collect();
        let path = format!("i18n/{lang}.ftl");
        let existing = if site.exists(&path) {
            site.read(&path)
        } else {
            String::new()
        };
        site.write(&path, &format!("{existing}\n{}\n", lines.join("\n")));
    }
    let check = site.praxis(&["check"]);
    assert!(
        !check.stderr.contains("UI string"),
        "nothing missing any more: {}",
        check.stderr
    );
}
