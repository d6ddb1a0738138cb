//! The rules a form's declaration states, as both servers enforce them and
//! as the form and the privacy notice say them: a thank-you page per form,
//! a field required only when another field has a given value
//! (`required_when`), a message per field type and rule.

use crate::forms::{FORM, stored, urlencode};
use crate::forms_proxy::{ORIGIN, endpoint};
use crate::server::{Response, Server};
use crate::support::TestSite;

/// An intake request in `lang` asking to be reached `contact_by`, with
/// `phone` as its number ("" for none).
fn intake(lang: &str, contact_by: &str, phone: &str) -> String {
    let page = if lang == "fr" {
        "/fr/rendez-vous/"
    } else {
        "/nl/aanmelden/"
    };
    urlencode(&[
        ("_lang", lang),
        ("_page", page),
        ("name", "Anne Dupré"),
        ("email", "anne@example.be"),
        ("phone", phone),
        ("language", lang),
        ("contact_by", contact_by),
        ("reason", "Een moeilijke periode."),
        ("consent", "on"),
        ("website", ""),
    ])
}

/// The two servers that answer forms: the preview and the production endpoint.
fn both_servers() -> Vec<(&'static str, TestSite, Server, String)> {
    let preview = TestSite::example();
    let server = Server::start(&preview, &[]);
    let origin = server.origin();
    let (production, endpoint) = endpoint("");
    vec![
        ("praxis serve", preview, server, origin),
        (
            "praxis forms serve",
            production,
            endpoint,
            ORIGIN.to_owned(),
        ),
    ]
}

fn post(server: &Server, origin: &str, form: &str, accept: &str, body: &str) -> Response {
    server.post(
        &format!("/forms/{form}"),
        &[
            ("Origin", origin),
            ("Content-Type", FORM),
            ("Accept", accept),
        ],
        body.as_bytes(),
    )
}

const BROWSER: &str = "text/html,application/xhtml+xml,*/*;q=0.8";

#[test]
fn each_form_thanks_the_visitor_on_its_own_page() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let origin = server.origin();
    let contact = crate::forms::contact("nl", "Een vraag");
    let sent = post(&server, &origin, "contact", BROWSER, &contact);
    assert_eq!(sent.header("location"), Some("/nl/bedankt/"));
    let request = post(
        &server,
        &origin,
        "intake",
        BROWSER,
        &intake("nl", "email", ""),
    );
    assert_eq!(request.status, 303, "{}", request.body);
    assert_eq!(
        request.header("location"),
        Some("/nl/aanmelding-ontvangen/")
    );
    let request = post(
        &server,
        &origin,
        "intake",
        BROWSER,
        &intake("fr", "email", ""),
    );
    assert_eq!(request.header("location"), Some("/fr/demande-recue/"));

    let thanks = server.get("/nl/bedankt/").body;
    assert!(thanks.contains("Bedankt voor je bericht"), "{thanks}");
    assert!(
        !thanks.contains("op de manier die je koos"),
        "the contact form offers no choice of how to be answered"
    );
    let thanks = server.get("/nl/aanmelding-ontvangen/").body;
    assert!(thanks.contains("Bedankt voor je aanmelding"), "{thanks}");
    let merci = server.get("/fr/demande-recue/").body;
    assert!(merci.contains("Merci pour votre demande"), "{merci}");
    assert!(
        !server
            .get("/fr/merci/")
            .body
            .contains("de la manière que vous avez choisie")
    );
}

#[test]
fn a_phone_call_asked_for_without_a_number_is_refused_by_both_servers() {
    for (name, site, server, origin) in both_servers() {
        // By e-mail, no number is needed.
        let by_mail = post(
            &server,
            &origin,
            "intake",
            BROWSER,
            &intake("nl", "email", ""),
        );
        assert_eq!(by_mail.status, 303, "{name}: {}", by_mail.body);

        for (lang, says) in [
            ("nl", "Vul je telefoonnummer in, dan kan ik je bellen."),
            (
                "fr",
                "Indiquez votre numéro de téléphone pour que je puisse vous appeler.",
            ),
        ] {
            let page = post(
                &server,
                &origin,
                "intake",
                BROWSER,
                &intake(lang, "phone", ""),
            );
            assert_eq!(page.status, 422, "{name}: {}", page.body);
            assert!(page.body.contains(says), "{name}: {}", page.body);
            assert!(
                page.body.contains("<a href=\"#form-intake-phone\">"),
                "{name}: the summary leads to the number"
            );
            // The form shown again marks the number required, as the choice asks.
            let input = page
                .body
                .split("id=\"form-intake-phone\"")
                .nth(1)
                .and_then(|rest| rest.split('>').next())
                .unwrap_or_default()
                .to_owned();
            assert!(input.contains(" required"), "{name}: {input}");
        }

        let json = post(
            &server,
            &origin,
            "intake",
            "application/json",
            &intake("fr", "phone", "  "),
        );
        assert_eq!(json.status, 422, "{name}");
        let errors: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(
            errors["errors"]["phone"],
            "Indiquez votre numéro de téléphone pour que je puisse vous appeler.",
            "{name}"
        );

        let with_number = post(
            &server,
            &origin,
            "intake",
            BROWSER,
            &intake("nl", "phone", "0470 12 34 56"),
        );
        assert_eq!(with_number.status, 303, "{name}: {}", with_number.body);
        assert_eq!(stored(&site), 2, "{name}: only the complete requests");
    }
}

#[test]
fn the_form_and_the_privacy_notice_say_when_a_field_is_required() {
    let site = TestSite::example();
    site.build(&[]).success();
    let form = site.read("public/nl/aanmelden/index.html");
    assert!(
        form.contains("Verplicht als je „Telefonisch” kiest."),
        "the hint says when: {form}"
    );
    assert!(form.contains("data-required-when=\"form-intake-contact_by\""));
    assert!(form.contains("data-required-values=\"phone\""));
    let french = site.read("public/fr/rendez-vous/index.html");
    assert!(
        french.contains("Obligatoire si vous choisissez «\u{202f}Par téléphone\u{202f}»."),
        "{french}"
    );
    let notice = site.read("public/nl/privacy/index.html");
    assert!(
        notice.contains("Telefoonnummer (verplicht als je „Telefonisch” kiest)"),
        "{notice}"
    );
    let notice = site.read("public/fr/confidentialite/index.html");
    assert!(
        notice.contains(
            "Numéro de téléphone (obligatoire si vous choisissez «\u{202f}Par téléphone\u{202f}»)"
        ),
        "{notice}"
    );
}

#[test]
fn a_condition_on_an_unknown_field_or_value_is_a_located_error() {
    let site = TestSite::example();
    let config = site.read("site.toml");
    let line = |text: &str, needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap()
    };
    let unknown_field = config.replace(
        "required_when = { contact_by = \"phone\" }",
        "required_when = { contact = \"phone\" }",
    );
    site.write("site.toml", &unknown_field);
    let at = format!("site.toml:{}", line(&unknown_field, "required_when"));
    site.build(&[]).failure().error_at(
        &at,
        &["`contact`", "not a field of this form", "contact_by"],
    );

    let unknown_value = config.replace(
        "required_when = { contact_by = \"phone\" }",
        "required_when = { contact_by = \"telefoon\" }",
    );
    site.write("site.toml", &unknown_value);
    let at = format!("site.toml:{}", line(&unknown_value, "required_when"));
    site.build(&[])
        .failure()
        .error_at(&at, &["no option `telefoon`", "email, phone"]);
}

#[test]
fn a_checkbox_is_ticked_not_filled_in_and_french_goes_on_in_lower_case() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let origin = server.origin();
    let unticked = intake("nl", "email", "").replace("&consent=on", "");
    let page = post(&server, &origin, "intake", BROWSER, &unticked);
    assert_eq!(page.status, 422);
    assert!(
        page.body
            .contains("Vink dit vakje aan om je aanmelding te versturen."),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Dit veld is verplicht."));
    let unticked = intake("fr", "email", "").replace("&consent=on", "");
    let page = post(&server, &origin, "intake", BROWSER, &unticked);
    assert!(
        page.body
            .contains("Cochez cette case pour envoyer votre demande."),
        "{}",
        page.body
    );

    let nameless = urlencode(&[
        ("_lang", "fr"),
        ("_page", "/fr/contact/"),
        ("name", ""),
        ("email", "anne@example.be"),
        ("message", "x".repeat(4001).as_str()),
    ]);
    let page = post(&server, &origin, "contact", BROWSER, &nameless);
    assert_eq!(page.status, 422);
    assert!(
        page.body.contains("Nom\u{a0}: indiquez votre nom."),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("Votre message\u{a0}: ce texte est trop long"),
        "{}",
        page.body
    );
}

#[test]
fn the_consent_star_is_bound_to_the_last_word_of_its_label() {
    let site = TestSite::example();
    site.build(&[]).success();
    let form = site.read("public/nl/aanmelden/index.html");
    assert!(
        form.contains("eerste gesprek te plannen.&#160;<span class=\"required\""),
        "{form}"
    );
    assert!(!form.contains(" <span class=\"required\""));
}

#[test]
fn the_privacy_notice_lists_consent_as_such_links_its_addresses_and_is_dated() {
    let site = TestSite::example();
    site.build(&[]).success();
    let nl = site.read("public/nl/privacy/index.html");
    let fr = site.read("public/fr/confidentialite/index.html");
    assert!(
        nl.contains("<li>Je toestemming (aanvinkvakje)</li>"),
        "{nl}"
    );
    assert!(
        fr.contains("<li>Votre consentement (case à cocher)</li>"),
        "{fr}"
    );
    assert!(
        !nl.contains("te plannen. (verplicht)"),
        "not the consent label with its full stop and a bracket"
    );
    for (page, authority) in [
        (&nl, "https://www.gegevensbeschermingsautoriteit.be"),
        (&fr, "https://www.autoriteprotectiondonnees.be"),
    ] {
        assert!(
            page.contains(
                "<a href=\"mailto:marie@praktijk-debrug.example\">marie@praktijk-debrug.example</a>; ik antwoord"
            ) || page.contains(
                "<a href=\"mailto:marie@praktijk-debrug.example\">marie@praktijk-debrug.example</a>\u{202f}; je vous"
            ),
            "the address to write to is a link: {page}"
        );
        assert!(
            page.contains(&format!("<a href=\"{authority}\">")),
            "{page}"
        );
    }
    assert!(nl.contains("Laatst bijgewerkt op 7 december 2026."), "{nl}");
    assert!(
        fr.contains("Dernière mise à jour\u{a0}: 7 décembre 2026."),
        "{fr}"
    );
    assert!(
        !nl.contains("opgemaakt uit de formulieren")
            && !fr.contains("établi à partir des formulaires"),
        "the software does not describe itself"
    );
    // One wording of the retention, from [submissions] retention_days, in
    // the notice and in the form's hint alike.
    assert!(nl.contains("hoogstens 180 dagen bewaard"), "{nl}");
    assert!(fr.contains("conservées 180 jours au plus"), "{fr}");
    assert!(
        site.read("public/nl/aanmelden/index.html")
            .contains("na 180 dagen gewist")
    );
}
