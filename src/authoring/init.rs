//! `praxis init DIR`: a new, working bilingual site — home, articles, a
//! contact form that stores what it is sent (with a key pair made for the
//! site), its thank-you page and the privacy notice, in both languages,
//! with every UI string present: `praxis check` finds nothing to report.

use std::io;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diagnostics::Help;

/// The default theme, built into the binary so that a new site has it.
static THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/praxis");

const SITE_TOML: &str = r#"# The site's configuration. Every key is explained in praxis's README.

# The address the site is published at.
base_url = "https://example.org"
# A folder under themes/.
theme = "praxis"
# The language of the root page's chooser; set default_language_at_root =
# true to publish it at / instead of /nl/.
default_language = "nl"

# One table per language, in the order visitors see them.
[languages.nl]
name = "Nederlands"
title = "Mijn praktijk"
description = "Een zin over de praktijk, voor zoekmachines."
tags_path = "onderwerpen"

[languages.fr]
name = "Français"
title = "Mon cabinet"
description = "Une phrase sur le cabinet, pour les moteurs de recherche."
tags_path = "sujets"

# A search page per language (/nl/search/, /fr/search/; `search_path` in
# each language table changes the last segment), linked from the menu.
#
# [search]
# enabled = true

# The practice: shown in the footer of every page and given to search
# engines. Fill in what applies; leave out what does not.
#
# [practice]
# name = "Praktijk Voorbeeld — Voornaam Naam"
# address = """Straat 1
# 3000 Leuven"""
# phone = "+32 470 00 00 00"
# email = "info@example.org"
# registration = "Erkend counsellor, lid van de beroepsvereniging (nr. …)"
# image = "portret.jpg"        # a file in static/: on the home page, and when the site is shared
# image_alt = "Portret van Voornaam Naam in de praktijkruimte"
# emergency = "De praktijk is geen spoeddienst. Bij nood: bel 112. Denk je aan zelfdoding? Bel gratis en anoniem de Zelfmoordlijn 1813."
#
# Whatever differs in French (the name, the registration line) goes here;
# the other fields are shared.
#
# [languages.fr.practice]
# name = "Cabinet Exemple — Prénom Nom"
# registration = "Counsellor agréé·e, membre de l'association professionnelle (n° …)"
# image_alt = "Portrait de Prénom Nom dans le cabinet"
# emergency = "Le cabinet n'est pas un service d'urgence. En cas d'urgence, appelez le 112. Vous pensez au suicide ? Appelez gratuitement le Centre de prévention du suicide au 0800 32 123."

# Where the contact form's submissions go: each is encrypted to public_key
# before it is stored in data/forms.sqlite (git-ignored, never published).
# `praxis init` made this key pair: its private half is data/forms-key.txt,
# which only this computer needs, to read what visitors sent (`praxis forms
# inbox`). Never put that file on the server.
[submissions]
public_key = "PUBLIC_KEY"
identity = "data/forms-key.txt"
# Submissions older than this many days are deleted.
retention_days = 180

# The contact form, shown on content/contact (`[extra] form = "contact"`),
# its labels in i18n/nl.ftl and i18n/fr.ftl, its thank-you page
# content/bedankt, described in the privacy notice content/privacy.
[forms.contact]
thanks = "bedankt"
fields = [
  { name = "name", type = "text", required = true, max_length = 120 },
  { name = "email", type = "email", required = true },
  { name = "message", type = "textarea", required = true, max_length = 4000 },
]
"#;

/// The files of a new site besides the theme and the ones made for it
/// ([`made_files`]): (path, text).
const FILES: &[(&str, &str)] = &[
    (
        ".gitignore",
        // .praxis/ holds the desk's history of her pages: hers, not the repository's.
        "/public\n/.public.praxis-*\n/data/\n/endpoint/\n/.praxis-cache/\n/.praxis/\n",
    ),
    (
        "content/nl.md",
        "+++\ntitle = \"Mijn praktijk\"\ndescription = \"Een zin over de praktijk.\"\n+++\n\nWelkom. Vertel hier in een paar zinnen wie je bent en hoe je werkt.\n",
    ),
    (
        "content/fr.md",
        "+++\ntitle = \"Mon cabinet\"\ndescription = \"Une phrase sur le cabinet.\"\n+++\n\nBienvenue. Dites ici en quelques phrases qui vous êtes et comment vous travaillez.\n",
    ),
    (
        "content/articles/nl.md",
        "+++\ntitle = \"Artikels\"\nslug = \"artikels\"\ndescription = \"Wat ik schrijf over mijn werk.\"\nweight = 1\n+++\n\nWat ik schrijf over mijn werk.\n",
    ),
    (
        "content/articles/fr.md",
        "+++\ntitle = \"Articles\"\nslug = \"articles\"\ndescription = \"Ce que j’écris sur mon travail.\"\nweight = 1\n+++\n\nCe que j’écris sur mon travail.\n",
    ),
    (
        "content/articles/eerste-artikel/nl.md",
        "+++\ntitle = \"Een eerste artikel\"\nslug = \"een-eerste-artikel\"\ndate = 2026-01-01\ndescription = \"Een voorbeeld om te vervangen.\"\ntags = [\"praktijk\"]\n+++\n\nDit is een voorbeeld. Schrijf in Markdown; link naar een andere pagina met\n[haar sleutel](@/articles), of naar de [Franse versie](@/articles/eerste-artikel?lang=fr).\n",
    ),
    (
        "content/articles/eerste-artikel/fr.md",
        "+++\ntitle = \"Un premier article\"\nslug = \"un-premier-article\"\ndate = 2026-01-01\ndescription = \"Un exemple à remplacer.\"\ntags = [\"cabinet\"]\n+++\n\nCeci est un exemple. Écrivez en Markdown ; liez une autre page par\n[sa clé](@/articles), ou la [version néerlandaise](@/articles/eerste-artikel?lang=nl).\n",
    ),
    (
        "static/site.css",
        "/* This site's colours and fonts: they win over the theme's style.css.\n   Every custom property you can set is listed in themes/praxis/static/site.css.\n\n:root {\n  --accent: #2a5a4d;\n}\n*/\n",
    ),
    (
        "content/contact/nl.md",
        "+++\ntitle = \"Contact\"\nslug = \"contact\"\ndescription = \"Stel me een vraag via het contactformulier.\"\nweight = 9\n[extra]\nform = \"contact\"\n+++\n\nHeb je een vraag? Schrijf me hieronder: ik lees elk bericht zelf en antwoord je zo snel mogelijk.\n",
    ),
    (
        "content/contact/fr.md",
        "+++\ntitle = \"Contact\"\nslug = \"contact\"\ndescription = \"Posez-moi une question grâce au formulaire de contact.\"\nweight = 9\n[extra]\nform = \"contact\"\n+++\n\nUne question ? Écrivez-moi ci-dessous : je lis moi-même chaque message et vous réponds dès que possible.\n",
    ),
    (
        "content/bedankt/nl.md",
        "+++\ntitle = \"Bedankt voor je bericht\"\nslug = \"bedankt\"\ndescription = \"Je bericht is goed aangekomen.\"\nmenu = false\n+++\n\nJe bericht is goed aangekomen. Ik lees het zelf en antwoord je zo snel mogelijk.\n\nGa terug naar de [startpagina](@/).\n",
    ),
    (
        "content/bedankt/fr.md",
        "+++\ntitle = \"Merci pour votre message\"\nslug = \"merci\"\ndescription = \"Votre message est bien arrivé.\"\nmenu = false\n+++\n\nVotre message est bien arrivé. Je le lis moi-même et vous réponds dès que possible.\n\nRevenez à l’[accueil](@/).\n",
    ),
    (
        "i18n/nl.ftl",
        "# UI strings of this site: they add to, or replace, the theme's (themes/praxis/i18n/nl.ftl).\n\n## The contact form ([forms.contact] in site.toml)\nform-contact-name-label = Naam\nform-contact-email-label = E-mailadres\nform-contact-message-label = Je bericht\nform-contact-submit = Versturen\n# The privacy notice: the form's name, and why it asks what it asks.\nform-contact-title = Het contactformulier\nform-contact-purpose = Met het contactformulier stel je me een vraag; ik gebruik wat je invult alleen om je te antwoorden.\n",
    ),
    (
        "i18n/fr.ftl",
        "# UI strings of this site: they add to, or replace, the theme's (themes/praxis/i18n/fr.ftl).\n\n## The contact form ([forms.contact] in site.toml)\nform-contact-name-label = Nom\nform-contact-email-label = Adresse e-mail\nform-contact-message-label = Votre message\nform-contact-submit = Envoyer\n# The privacy notice: the form's name, and why it asks what it asks.\nform-contact-title = Le formulaire de contact\nform-contact-purpose = Le formulaire de contact vous permet de me poser une question ; je n’utilise ce que vous y écrivez que pour vous répondre.\n",
    ),
];

/// Where the private half of the key pair `init` makes is written: in
/// `data/`, which git ignores and nothing publishes.
pub const IDENTITY_FILE: &str = "data/forms-key.txt";

/// What site.toml says of the key pair `init` made.
const MADE_PAIR: &str = "# `praxis init` made this key pair: its private half is data/forms-key.txt,\n# which only this computer needs, to read what visitors sent (`praxis forms\n# inbox`). Never put that file on the server.";

/// site.toml, with the public key made for this site; without one, its
/// `[submissions]` keys commented out, with what to do instead.
fn site_toml(public_key: Option<&str>) -> String {
    match public_key {
        Some(key) => SITE_TOML.replace("PUBLIC_KEY", key),
        None => SITE_TOML
            .replace(
                MADE_PAIR,
                "# This praxis was built without the form server, so it made no key\n# pair: make one with a full praxis (`praxis forms keygen --output\n# data/forms-key.txt`), write its public key here, and uncomment\n# both lines. Its private half only this computer needs, to read what\n# visitors sent (`praxis forms inbox`). Never put it on the server.",
            )
            .replace("public_key = \"PUBLIC_KEY\"", "# public_key = \"age1…\"")
            .replace("identity = \"data/forms-key.txt\"", "# identity = \"data/forms-key.txt\""),
    }
}

/// The files made for this site alone: site.toml with the public key of
/// the pair made for it (if one was), and the privacy notice dated `today`.
fn made_files(public_key: Option<&str>, today: jiff::civil::Date) -> Vec<(&'static str, String)> {
    let privacy = |title: &str, slug: &str, description: &str, text: &str| {
        format!(
            "+++\ntitle = \"{title}\"\nslug = \"{slug}\"\ndescription = \"{description}\"\ntemplate = \"privacy.html\"\nmenu = false\n# The date shown as the notice's last change: update it with the forms.\nupdated = {today}\n+++\n\n{text}\n"
        )
    };
    vec![
        ("site.toml", site_toml(public_key)),
        (
            "content/privacy/nl.md",
            privacy(
                "Privacyverklaring",
                "privacy",
                "Welke gegevens het contactformulier vraagt, waarom, hoe lang ik ze bewaar en welke rechten je hebt.",
                "Wie me schrijft, vertrouwt me iets toe. Hieronder lees je precies wat het formulier van deze site vraagt, wat ik ermee doe en wat niet.",
            ),
        ),
        (
            "content/privacy/fr.md",
            privacy(
                "Politique de confidentialité",
                "confidentialite",
                "Les données que demande le formulaire de contact, pourquoi, combien de temps je les garde et quels sont vos droits.",
                "En m’écrivant, vous me confiez quelque chose. Vous trouverez ci-dessous ce que le formulaire de ce site demande exactement, ce que j’en fais et ce que je n’en fais pas.",
            ),
        ),
    ]
}

/// Why `praxis init` made no site.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("cannot read {}: {source}", dir.display())]
    ReadFolder { dir: PathBuf, source: io::Error },
    #[error(
        "{} is not empty; `praxis init` never overwrites anything: choose a new folder",
        dir.display()
    )]
    NotEmpty { dir: PathBuf },
    #[error("cannot create {}: {source}", dir.display())]
    CreateFolder { dir: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

/// Each message says what to do already.
impl Help for InitError {}

/// The key pair of the site's forms: the private key, the public key. A
/// praxis built without the form server has no encryption in it, so makes
/// none: the site.toml it writes says how to make one.
#[cfg(feature = "forms-server")]
fn key_pair() -> Option<(age::x25519::Identity, String)> {
    let identity = age::x25519::Identity::generate();
    let public_key = identity.to_public().to_string();
    Some((identity, public_key))
}

#[cfg(not(feature = "forms-server"))]
fn key_pair() -> Option<(std::convert::Infallible, String)> {
    None
}

/// Whether `praxis init` makes the forms' key pair: not in a praxis built
/// without the form server (see [`key_pair`]).
pub const MAKES_KEY_PAIR: bool = cfg!(feature = "forms-server");

/// The private key, readable by its owner only.
#[cfg(not(feature = "forms-server"))]
fn write_identity(_: &Path, identity: &std::convert::Infallible, _: &str) -> Result<(), InitError> {
    match *identity {}
}

#[cfg(feature = "forms-server")]
fn write_identity(
    path: &Path,
    identity: &age::x25519::Identity,
    public_key: &str,
) -> Result<(), InitError> {
    use age::secrecy::ExposeSecret;
    use std::io::Write;
    let text = format!(
        "# The private key of this site's forms, made by `praxis init`: it reads what\n# visitors sent (public key: {public_key}). Keep it on this computer, never on the server.\n{}\n",
        identity.to_string().expose_secret()
    );
    let failed = |source| InitError::Write {
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| InitError::CreateFolder {
            dir: parent.to_owned(),
            source,
        })?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(failed)?;
    file.write_all(text.as_bytes()).map_err(failed)
}

/// Writes a new site into `dir`, which must be empty or absent.
pub fn create(dir: &Path) -> Result<usize, InitError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|source| InitError::ReadFolder {
            dir: dir.to_owned(),
            source,
        })?;
        if !dir.is_dir() || entries.next().is_some() {
            return Err(InitError::NotEmpty {
                dir: dir.to_owned(),
            });
        }
    }
    let mut written = 0;
    let write = |path: &Path, bytes: &[u8]| -> Result<(), InitError> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| InitError::CreateFolder {
                dir: parent.to_owned(),
                source,
            })?;
        }
        std::fs::write(path, bytes).map_err(|source| InitError::Write {
            path: path.to_owned(),
            source,
        })
    };
    for (path, text) in FILES {
        write(&dir.join(path), text.as_bytes())?;
        written += 1;
    }
    let key_pair = key_pair();
    let public_key = key_pair.as_ref().map(|(_, public)| public.as_str());
    for (path, text) in made_files(public_key, jiff::Zoned::now().date()) {
        write(&dir.join(path), text.as_bytes())?;
        written += 1;
    }
    if let Some((identity, public_key)) = &key_pair {
        write_identity(&dir.join(IDENTITY_FILE), identity, public_key)?;
        written += 1;
    }
    // The theme praxis carries, which the site.toml above names.
    let theme_dir = crate::site_files::theme_path(dir, crate::config::DEFAULT_THEME);
    let mut stack = vec![&THEME];
    while let Some(folder) = stack.pop() {
        for file in folder.files() {
            write(&theme_dir.join(file.path()), file.contents())?;
            written += 1;
        }
        stack.extend(folder.dirs());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without a key pair, site.toml's `[submissions]` keys are commented
    /// out and the comment says how to make one: the texts replaced are
    /// those site.toml has.
    #[test]
    fn site_toml_without_a_key_pair_names_no_key_and_says_how_to_make_one() {
        let with = site_toml(Some("age1example"));
        assert!(with.contains("public_key = \"age1example\""));
        assert!(with.contains(MADE_PAIR));
        let without = site_toml(None);
        assert!(!without.contains(MADE_PAIR));
        assert!(without.contains("praxis forms keygen --output"));
        let config: toml::Table = toml::from_str(&without).unwrap();
        let submissions = config["submissions"].as_table().unwrap();
        assert!(!submissions.contains_key("public_key"), "{submissions:?}");
        assert!(!submissions.contains_key("identity"), "{submissions:?}");
    }
}
