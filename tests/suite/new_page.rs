//! `praxis new` with a title per language, and what `check` says about a
//! page or form an author has not finished.

use crate::support::TestSite;

/// The front-matter line `title = …` of a file.
fn title_line(text: &str) -> &str {
    text.lines()
        .find(|l| l.starts_with("title"))
        .unwrap_or_default()
}

/// Regression: `praxis new KEY --title "Een stap"` wrote the Dutch title and
/// slug into fr.md, which would be published as the French page.
#[test]
fn new_never_copies_a_title_into_another_language() {
    let site = TestSite::minimal();
    let run = site.praxis(&["new", "articles/een-stap", "--title", "Een stap"]);
    run.success();
    let nl = site.read("content/articles/een-stap/nl.md");
    assert_eq!(title_line(&nl), "title = \"Een stap\"");
    let fr = site.read("content/articles/een-stap/fr.md");
    assert_eq!(title_line(&fr), "title = \"TODO: title in fr\"", "{fr}");
    assert!(!fr.contains("slug = \"een-stap\""), "no Dutch slug: {fr}");
    assert!(fr.contains("draft = true"));
    assert!(
        run.stdout
            .contains("created content/articles/een-stap/fr.md with a placeholder title: no fr title was given"),
        "{}",
        run.stdout
    );

    let check = site.praxis(&["check"]);
    check.success();
    assert!(
        check.stderr.contains(
            "warning: content/articles/een-stap/fr.md:5: this draft's title is still a placeholder"
        ),
        "{}",
        check.stderr
    );
    assert!(
        !check.stderr.contains("een-stap/nl.md: this draft's title"),
        "{}",
        check.stderr
    );
}

#[test]
fn new_without_a_title_names_only_the_default_language_after_the_folder() {
    let site = TestSite::minimal();
    site.praxis(&["new", "over-mij"]).success();
    assert_eq!(
        title_line(&site.read("content/over-mij/nl.md")),
        "title = \"Over mij\""
    );
    assert_eq!(
        title_line(&site.read("content/over-mij/fr.md")),
        "title = \"TODO: title in fr\""
    );
}

#[test]
fn new_takes_a_title_per_language() {
    let site = TestSite::minimal();
    site.praxis(&[
        "new",
        "articles/een-stap",
        "--title",
        "nl=Een stap",
        "--title",
        "fr=Un pas à la fois",
    ])
    .success();
    let fr = site.read("content/articles/een-stap/fr.md");
    assert_eq!(title_line(&fr), "title = \"Un pas à la fois\"");
    assert!(fr.contains("slug = \"un-pas-a-la-fois\""), "{fr}");
    assert!(
        site.read("content/articles/een-stap/nl.md")
            .contains("slug = \"een-stap\"")
    );
    let check = site.praxis(&["check"]);
    assert!(!check.stderr.contains("placeholder"), "{}", check.stderr);
}

#[test]
fn new_refuses_titles_it_cannot_place() {
    let site = TestSite::minimal();
    let unknown = site.praxis(&["new", "x", "--title", "de=Ein Schritt"]);
    unknown.failure();
    assert!(
        unknown
            .stderr
            .contains("`de` is not a language of this site"),
        "{}",
        unknown.stderr
    );
    let twice = site.praxis(&["new", "x", "--title", "Een", "--title", "nl=Twee"]);
    twice.failure();
    assert!(
        twice.stderr.contains("two titles for `nl`"),
        "{}",
        twice.stderr
    );
    assert!(!site.exists("content/x/nl.md"), "nothing written");
    // A title with `=` that is not a language code stays whole.
    site.praxis(&["new", "y", "--title", "1 + 1 = 2"]).success();
    assert_eq!(
        title_line(&site.read("content/y/nl.md")),
        "title = \"1 + 1 = 2\""
    );
}

#[test]
fn a_published_placeholder_title_is_reported() {
    let site = TestSite::minimal()
        .file("content/x/nl.md", "+++\ntitle = \"Iets\"\n+++\nTekst.\n")
        .file(
            "content/x/fr.md",
            "+++\n# note\ntitle = \"TODO: title in fr\"\n+++\nTexte.\n",
        );
    let check = site.praxis(&["check"]);
    assert!(
        check.stderr.contains(
            "warning: content/x/fr.md:3: this page is published with a placeholder title"
        ),
        "{}",
        check.stderr
    );
}

const CALLBACK_FORM: &str = "\n[forms.callback]\nthanks = \"\"\nfields = [\n  { name = \"name\", type = \"text\", required = true },\n  { name = \"when\", type = \"select\", options = [\"morning\", \"evening\"] },\n]\n";

/// Regression: a new form's missing UI strings were named one per build.
#[test]
fn a_new_form_names_every_missing_ui_string_at_once() {
    let site = TestSite::with_default_theme();
    let config = site.read("site.toml") + CALLBACK_FORM;
    site.write("site.toml", &config);
    let keys = [
        "form-callback-name-label",
        "form-callback-when-label",
        "form-callback-when-morning",
        "form-callback-when-evening",
        "form-callback-submit",
    ];

    // Declared, shown nowhere yet: `check` names them all, per language.
    let check = site.praxis(&["check"]);
    check.success();
    for lang in ["nl", "fr"] {
        let line = check
            .stderr
            .lines()
            .find(|l| l.contains(&format!("form `callback` lacks 5 UI strings in {lang}")))
            .unwrap_or_else(|| panic!("{}", check.stderr));
        for key in keys {
            assert!(line.contains(key), "{key} in {line}");
        }
    }

    // Shown on a page: the build fails once per language, naming them all.
    site.write(
        "content/terugbellen/nl.md",
        "+++\ntitle = \"Terugbellen\"\n[extra]\nform = \"callback\"\n+++\n",
    );
    let build = site.build(&[]);
    build.failure();
    let error = build
        .stderr
        .lines()
        .find(|l| l.starts_with("error:") && l.contains("no UI strings"))
        .unwrap_or_else(|| panic!("{}", build.stderr));
    for key in keys {
        assert!(error.contains(&format!("`{key}`")), "{key} in {error}");
    }
    assert!(
        error.contains("in language `nl`: add them to i18n/nl.ftl"),
        "{error}"
    );
    assert_eq!(
        build.stderr.matches("no UI string").count(),
        1,
        "one error, not one per string: {}",
        build.stderr
    );
}
