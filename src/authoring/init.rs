//! `praxis init DIR`: a new, working bilingual site.

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

# A contact form: make a key pair with `praxis forms keygen --output
# ~/praktijk.key` (keep that file off the server), put the public key below,
# add the labels to i18n/nl.ftl and i18n/fr.ftl, and show the form on a
# page with `[extra] form = "contact"` in its front matter.
#
# [submissions]
# public_key = "age1…"
# retention_days = 180
#
# [forms.contact]
# thanks = "bedankt"
# fields = [
#   { name = "name", type = "text", required = true },
#   { name = "email", type = "email", required = true },
#   { name = "message", type = "textarea", required = true },
# ]
"#;

/// The files of a new site besides the theme: (path, text).
const FILES: &[(&str, &str)] = &[
    ("site.toml", SITE_TOML),
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
        "i18n/nl.ftl",
        "# UI strings of this site: they add to, or replace, the theme's (themes/praxis/i18n/nl.ftl).\n",
    ),
    (
        "i18n/fr.ftl",
        "# UI strings of this site: they add to, or replace, the theme's (themes/praxis/i18n/fr.ftl).\n",
    ),
];

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
