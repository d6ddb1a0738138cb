//! A site in Dutch, French and English, end to end: built, checked,
//! served over real HTTP, a message sent from its contact form in each
//! language and read in the inbox, and the translator's view comparing the
//! three. praxis's own pages (the inbox, the view) speak all three.

use crate::forms::{FORM, urlencode};
use crate::forms_inbox::{get, open};
use crate::server::{Server, eventually};
use crate::support::{REPO, TestSite, copy_tree};

const VIEW: &str = "/_praxis/translations/";

/// The example site's [submissions] and contact form, word for word, on a
/// site whose default language is English.
const SITE_TOML: &str = r#"base_url = "https://example.org"
theme = "praxis"
default_language = "en"

[languages.nl]
name = "Nederlands"
title = "Praktijk De Brug"

[languages.fr]
name = "Français"
title = "Cabinet Le Pont"

[languages.en]
name = "English"
title = "The Bridge Practice"

[submissions]
database = "data/forms.sqlite"
public_key = "age1nvw7ht549qwxv5a0v4jmmmwpcgftyv2yfmrx9f9wl493jsszk5rq58wm9d"
identity = "demo/forms-demo-identity.txt"
retention_days = 180
rate_limit = 5

[forms.contact]
thanks = "bedankt"
fields = [
  { name = "name", type = "text", required = true, max_length = 120 },
  { name = "email", type = "email", required = true },
  { name = "message", type = "textarea", required = true, max_length = 4000 },
]
"#;

const STRINGS: [(&str, &str); 3] = [
    (
        "nl",
        "form-contact-name-label = Naam\nform-contact-email-label = E-mailadres\nform-contact-message-label = Je bericht\nform-contact-submit = Versturen\nform-contact-title = Het contactformulier\nform-contact-purpose = Met het contactformulier stel je me een vraag; ik gebruik wat je invult alleen om je te antwoorden.\n",
    ),
    (
        "fr",
        "form-contact-name-label = Nom\nform-contact-email-label = Adresse e-mail\nform-contact-message-label = Votre message\nform-contact-submit = Envoyer\nform-contact-title = Le formulaire de contact\nform-contact-purpose = Le formulaire de contact vous permet de me poser une question ; je n’utilise ce que vous y écrivez que pour vous répondre.\n",
    ),
    (
        "en",
        "form-contact-name-label = Name\nform-contact-email-label = Email address\nform-contact-message-label = Your message\nform-contact-submit = Send\nform-contact-title = The contact form\nform-contact-purpose = The contact form lets you ask me a question; I use what you write only to answer you.\n",
    ),
];

/// Each language's home, essay, contact, thank-you and privacy pages:
/// (language, path, front matter and text).
const PAGES: [(&str, &str, &str); 15] = [
    (
        "nl",
        "",
        "title = \"Welkom\"\ndescription = \"Counselling in het Nederlands, het Frans en het Engels.\"\n+++\nWelkom in de praktijk.\n",
    ),
    (
        "fr",
        "",
        "title = \"Bienvenue\"\ndescription = \"Un accompagnement en néerlandais, en français et en anglais.\"\n+++\nBienvenue au cabinet.\n",
    ),
    (
        "en",
        "",
        "title = \"Welcome\"\ndescription = \"Counselling in Dutch, French and English.\"\n+++\nWelcome to the practice.\n",
    ),
    (
        "nl",
        "essay/",
        "title = \"Mentorschap\"\ndescription = \"Wat mentorschap is.\"\nslug = \"mentorschap\"\n+++\nEerste alinea.\n\nTweede alinea.\n",
    ),
    (
        "fr",
        "essay/",
        "title = \"Le mentorat\"\ndescription = \"Ce qu’est le mentorat.\"\nslug = \"mentorat\"\n+++\nPremier paragraphe.\n\nDeuxième paragraphe.\n",
    ),
    (
        "en",
        "essay/",
        "title = \"Mentoring\"\ndescription = \"What mentoring is.\"\nslug = \"mentoring\"\n+++\nFirst paragraph.\n\nSecond paragraph.\n",
    ),
    (
        "nl",
        "contact/",
        "title = \"Contact\"\ndescription = \"Maak een afspraak voor een eerste gesprek.\"\nslug = \"contact\"\n[extra]\nform = \"contact\"\n+++\nStuur me een bericht.\n",
    ),
    (
        "fr",
        "contact/",
        "title = \"Contact\"\ndescription = \"Prenez rendez-vous pour un premier entretien.\"\nslug = \"contact\"\n[extra]\nform = \"contact\"\n+++\nÉcrivez-moi.\n",
    ),
    (
        "en",
        "contact/",
        "title = \"Contact\"\ndescription = \"Make an appointment for a first conversation.\"\nslug = \"contact\"\n[extra]\nform = \"contact\"\n+++\nSend me a message.\n",
    ),
    (
        "nl",
        "bedankt/",
        "title = \"Bedankt voor je bericht\"\ndescription = \"Je bericht is goed aangekomen.\"\nslug = \"bedankt\"\nmenu = false\n+++\nIk antwoord je binnen twee werkdagen.\n",
    ),
    (
        "fr",
        "bedankt/",
        "title = \"Merci pour votre message\"\ndescription = \"Votre message est bien arrivé.\"\nslug = \"merci\"\nmenu = false\n+++\nJe vous réponds dans les deux jours ouvrables.\n",
    ),
    (
        "en",
        "bedankt/",
        "title = \"Thank you for your message\"\ndescription = \"Your message has arrived.\"\nslug = \"thank-you\"\nmenu = false\n+++\nI will answer within two working days.\n",
    ),
    (
        "nl",
        "privacy/",
        "title = \"Privacyverklaring\"\nslug = \"privacy\"\ndescription = \"Wat de formulieren vragen en wat ik ermee doe.\"\ntemplate = \"privacy.html\"\nmenu = false\n+++\nWat je me toevertrouwt, blijft tussen ons.\n",
    ),
    (
        "fr",
        "privacy/",
        "title = \"Politique de confidentialité\"\nslug = \"confidentialite\"\ndescription = \"Ce que demandent les formulaires et ce que j’en fais.\"\ntemplate = \"privacy.html\"\nmenu = false\n+++\nCe que vous me confiez reste entre nous.\n",
    ),
    (
        "en",
        "privacy/",
        "title = \"Privacy notice\"\nslug = \"privacy\"\ndescription = \"What the forms ask for and what I do with it.\"\ntemplate = \"privacy.html\"\nmenu = false\n+++\nWhat you entrust to me stays between us.\n",
    ),
];

/// The site in three languages, with praxis's own theme and the example
/// site's demo key.
fn three_languages() -> TestSite {
    let mut site = TestSite::empty().file("site.toml", SITE_TOML);
    for (lang, strings) in STRINGS {
        site = site.file(&format!("i18n/{lang}.ftl"), strings);
    }
    for (lang, folder, page) in PAGES {
        site = site.file(
            &format!("content/{folder}{lang}.md"),
            &format!("+++\n{page}"),
        );
    }
    copy_tree(
        &std::path::Path::new(REPO).join("themes/praxis"),
        &site.path("themes/praxis"),
    );
    copy_tree(&std::path::Path::new(REPO).join("demo"), &site.path("demo"));
    site
}

fn message(lang: &str, page: &str, email: &str, text: &str) -> String {
    urlencode(&[
        ("_lang", lang),
        ("_page", page),
        ("name", "Anne Dupré"),
        ("email", email),
        ("message", text),
        ("website", ""),
    ])
}

#[test]
fn a_site_in_three_languages_builds_checks_serves_and_takes_a_message_in_each() {
    let site = three_languages();
    let build = site.build(&[]);
    build.success();
    assert!(!build.stderr.contains("warning"), "{}", build.stderr);
    let check = site.praxis(&["check"]);
    check.success();
    assert!(
        check.stderr.contains("0 errors, 0 warnings"),
        "{}",
        check.stderr
    );
    let contact = site.read("public/en/contact/index.html");
    assert!(contact.contains("<html lang=\"en\""), "{contact}");
    for words in ["Your message", "Fields marked with * are required.", "Send"] {
        assert!(contact.contains(words), "{words}: {contact}");
    }
    assert!(
        site.read("public/fr/contact/index.html")
            .contains("Votre message")
    );
    assert!(
        site.read("public/nl/contact/index.html")
            .contains("Je bericht")
    );

    let server = Server::start(&site, &[]);
    let origin = server.origin();
    let headers = [("Origin", origin.as_str()), ("Content-Type", FORM)];
    for (lang, thanks, words, text) in [
        (
            "nl",
            "/nl/bedankt/",
            "Bedankt voor je bericht",
            "Ik zoek begeleiding.",
        ),
        (
            "fr",
            "/fr/merci/",
            "Merci pour votre message",
            "Je cherche un accompagnement.",
        ),
        (
            "en",
            "/en/thank-you/",
            "Thank you for your message",
            "I am looking for support.",
        ),
    ] {
        let page = format!("/{lang}/contact/");
        assert_eq!(server.get(&page).status, 200, "{page}");
        let sent = server.post(
            "/forms/contact",
            &headers,
            message(lang, &page, "anne@example.be", text).as_bytes(),
        );
        assert_eq!(sent.status, 303, "{lang}: {}", sent.body);
        assert_eq!(sent.header("location"), Some(thanks));
        assert!(server.get(thanks).body.contains(words), "{thanks}");
    }
    // An answer that is not an email address: the page comes back, in English.
    let wrong = server.post(
        "/forms/contact",
        &headers,
        message("en", "/en/contact/", "anne", "Hello").as_bytes(),
    );
    assert_ne!(wrong.status, 303, "{}", wrong.body);
    assert!(
        wrong.body.contains("One answer needs correcting")
            && wrong.body.contains("Please enter a valid email address"),
        "{}",
        wrong.body
    );
    drop(server);

    let exported: serde_json::Value =
        serde_json::from_str(&crate::forms::export(&site, "json")).unwrap();
    let langs: Vec<&str> = exported
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["nl", "fr", "en"]);

    // Her inbox speaks the site's default language, English, unasked.
    let inbox = Server::start_command(
        &site,
        &["forms", "inbox", "--port", "0"],
        "your submissions: http://",
    );
    let key = crate::forms_inbox::key_of(&inbox);
    let cookie = open(&inbox, &key);
    let list = get(&inbox, "/", &cookie);
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains("<html lang=\"en\">"), "{}", list.body);
    assert!(list.body.contains("3 messages"), "{}", list.body);
    let one = get(&inbox, "/s/3", &cookie);
    assert!(
        one.body.contains("Your message") && one.body.contains("Mark as done"),
        "the form's own labels and the inbox's words, in English: {}",
        one.body
    );
}

/// The state the overview gives each language of `key`: nl, fr, en.
fn states(server: &Server, key: &str) -> [String; 3] {
    let overview = server.get(VIEW);
    assert_eq!(overview.status, 200, "{}", overview.body);
    let body = &overview.body;
    let row = &body[body
        .find(&format!("<tr data-key=\"{key}\">"))
        .unwrap_or_else(|| panic!("no row for {key}: {body}"))..];
    let row = &row[..row.find("</tr>").unwrap()];
    ["nl", "fr", "en"].map(|lang| {
        let cell = format!("<td data-lang=\"{lang}\" data-state=\"");
        let at = row
            .find(&cell)
            .unwrap_or_else(|| panic!("no {lang}: {row}"))
            + cell.len();
        row[at..].split('"').next().unwrap().to_owned()
    })
}

#[test]
fn the_translators_view_compares_three_languages_in_each_of_them() {
    let site = three_languages();
    site.praxis(&["check"]).success();
    let server = Server::start(&site, &[]);
    assert_eq!(states(&server, "essay"), ["in-step", "in-step", "in-step"]);
    let overview = server.get(VIEW).body;
    assert!(
        overview.contains("<html lang=\"en\""),
        "the site's default language"
    );
    assert!(overview.contains("15 versions up to date"), "{overview}");
    for lang in ["nl", "fr", "en"] {
        assert!(
            overview.contains(&format!("hreflang=\"{lang}\"")),
            "the switch offers {lang}: {overview}"
        );
    }

    // A page written in Dutch and French only: English is missing.
    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over mij\"\ndescription = \"Wie ik ben.\"\nslug = \"over\"\n+++\nIk ben counsellor.\n",
    );
    site.write(
        "content/over/fr.md",
        "+++\ntitle = \"À propos\"\ndescription = \"Qui je suis.\"\nslug = \"a-propos\"\n+++\nJe suis counsellor.\n",
    );
    eventually("the new page in the view", || {
        server.get(VIEW).body.contains("<tr data-key=\"over\">")
    });
    assert_eq!(states(&server, "over")[2], "missing");
    for (lang, words) in [
        ("nl", "Er is nog geen versie in het Engels"),
        ("fr", "Il n’y a pas encore de version en anglais"),
        ("en", "There is no English version yet"),
    ] {
        let page = server.get(&format!("{VIEW}page?key=over&lang={lang}")).body;
        assert!(page.contains(&format!("<html lang=\"{lang}\"")), "{page}");
        assert!(page.contains(words), "{lang}: {page}");
        assert!(page.contains("<code>content/over/en.md</code>"), "{page}");
    }

    // The Dutch essay changes: French and English are out of date.
    site.write(
        "content/essay/nl.md",
        "+++\ntitle = \"Mentorschap\"\ndescription = \"Wat mentorschap is.\"\nslug = \"mentorschap\"\n+++\nEerste alinea.\n\nTweede alinea, herschreven.\n",
    );
    eventually("nl ahead of fr and en", || {
        states(&server, "essay") == ["ahead", "out-of-date", "out-of-date"]
    });
    let overview = server.get(VIEW).body;
    assert!(overview.contains("2 versions out of date"), "{overview}");
    let page = server.get(&format!("{VIEW}page?key=essay&lang=en")).body;
    for words in [
        "Bring fr.md up to date with nl.md",
        "Bring en.md up to date with nl.md",
        "Accept: en.md still says the same",
        "Dutch: nl.md (source)",
        "English: en.md (translation)",
    ] {
        assert!(page.contains(words), "{words}: {page}");
    }
    let french = server.get(&format!("{VIEW}page?key=essay&lang=fr")).body;
    assert!(
        french.contains("Mettre en.md à jour d’après nl.md")
            && french.contains("Anglais\u{a0}: en.md (traduction)"),
        "{french}"
    );
    let dutch = server.get(&format!("{VIEW}page?key=essay&lang=nl")).body;
    assert!(dutch.contains("en.md bijwerken naar nl.md"), "{dutch}");
    // A language praxis does not speak is the site's default.
    let german = server.get(&format!("{VIEW}?lang=de")).body;
    assert!(german.contains("<html lang=\"en\""));
}

#[test]
fn a_failed_build_is_announced_over_each_page_in_its_language() {
    let site = three_languages();
    let server = Server::start(&site, &[]);
    site.write(
        "content/essay/fr.md",
        "+++\ntitle = \"Le mentorat\"\nslug = \"a b\"\n+++\nPremier paragraphe.\n",
    );
    for (page, words) in [
        (
            "/nl/mentorschap/",
            "De site kon niet opnieuw gebouwd worden",
        ),
        ("/fr/mentorat/", "La dernière mise à jour du site a échoué"),
        ("/en/mentoring/", "The last build failed"),
    ] {
        eventually(&format!("the overlay over {page}"), || {
            let body = server.get(page).body;
            body.contains("id=\"praxis-errors\"") && body.contains(words)
        });
    }
}
