//! praxis's own UI strings: the words of the pages praxis itself shows in
//! a browser (the inbox of `praxis forms inbox`, the translator's view of
//! `praxis serve`). They are compiled in, a Fluent file per language beside
//! the page that uses them, since these pages run where the site's theme
//! may not be, and a theme need not know they exist.
//!
//! Every such page speaks the same languages ([`LANGUAGES`]) and picks one
//! the same way ([`Catalog::choose`]): the one the practitioner asked for,
//! else the site's default language, else English.

use std::path::Path;
use std::sync::OnceLock;

use fluent_bundle::{FluentArgs, FluentValue};

use super::fluent::{self, Bundle};
use crate::diagnostics::{Diagnostic, Diagnostics, Help};

/// The languages praxis's own pages speak, each with a file in every
/// catalog.
pub const LANGUAGES: [&str; 3] = ["nl", "fr", "en"];

/// A `--lang` that pages of praxis's own do not speak.
#[derive(Debug, thiserror::Error)]
#[error("{pages} speaks {}, {} and {}, not `{lang}`", LANGUAGES[0], LANGUAGES[1], LANGUAGES[2])]
pub struct Unspoken {
    /// The pages asked for, as a sentence names them: "the inbox".
    pub pages: &'static str,
    /// The language asked for.
    pub lang: String,
}

impl Help for Unspoken {
    fn help(&self) -> Option<String> {
        let [nl, fr, en] = LANGUAGES;
        Some(format!("pass --lang {nl}, --lang {fr} or --lang {en}"))
    }
}

/// The language of a page when neither the one asked for nor the site's
/// own has strings.
pub const FALLBACK: &str = "en";

/// The UI strings of one of praxis's pages: one Fluent file per language of
/// [`LANGUAGES`], in that order, read once.
pub struct Catalog {
    /// What the strings are for, to name them in a test that fails.
    name: &'static str,
    files: [&'static str; LANGUAGES.len()],
    bundles: OnceLock<Vec<Bundle>>,
}

impl Catalog {
    /// The catalog of `files`, the text of `nl`, `fr` and `en`'s file.
    pub const fn new(name: &'static str, files: [&'static str; LANGUAGES.len()]) -> Catalog {
        Catalog {
            name,
            files,
            bundles: OnceLock::new(),
        }
    }

    /// Whether praxis has strings for `lang`.
    pub fn speaks(lang: &str) -> bool {
        LANGUAGES.contains(&lang)
    }

    /// The strings in `asked` if praxis speaks it, else in the site's
    /// `default` language if it speaks that, else in English.
    pub fn choose(&'static self, asked: Option<&str>, default: &str) -> PraxisStrings {
        let lang = asked
            .into_iter()
            .chain([default])
            .find_map(|lang| LANGUAGES.iter().find(|l| **l == lang))
            .copied()
            .unwrap_or(FALLBACK);
        PraxisStrings {
            lang,
            catalog: self,
        }
    }

    fn bundle(&self, lang: &str) -> Option<&Bundle> {
        let at = LANGUAGES.iter().position(|l| *l == lang)?;
        self.bundles().get(at)
    }

    fn bundles(&self) -> &Vec<Bundle> {
        self.bundles.get_or_init(|| {
            LANGUAGES
                .iter()
                .zip(self.files)
                .map(|(lang, text)| {
                    // The files are part of praxis, and `check` proves them
                    // sound in a test: nothing here can reach a user.
                    let mut ignored = Diagnostics::new();
                    let resource = fluent::parse(text.to_owned(), Path::new(lang), &mut ignored);
                    let mut bundle = fluent::bundle(lang);
                    bundle.add_resource_overriding(resource);
                    bundle
                })
                .collect()
        })
    }

    /// Every file parses without an error and defines the same messages
    /// as the others, or what is wrong. (For the tests of each catalog.)
    pub fn check(&self) -> Result<(), CatalogError> {
        let mut ids = Vec::new();
        for (lang, text) in LANGUAGES.iter().zip(self.files) {
            let shown = format!("{} {lang}.ftl", self.name);
            let mut diags = Diagnostics::new();
            let resource = fluent::parse(text.to_owned(), Path::new(&shown), &mut diags);
            if let Some(problem) = diags.into_iter().next() {
                return Err(CatalogError::Parse(problem));
            }
            let mut these = fluent::message_ids(&resource);
            these.sort();
            ids.push((lang, these));
        }
        let (first, expected) = &ids[0];
        for (lang, these) in &ids[1..] {
            let only_in = |these: &[String], others: &[String]| -> Vec<String> {
                these
                    .iter()
                    .filter(|id| !others.contains(id))
                    .cloned()
                    .collect()
            };
            let missing = only_in(expected, these);
            let extra = only_in(these, expected);
            if !missing.is_empty() || !extra.is_empty() {
                return Err(CatalogError::Gap {
                    catalog: self.name,
                    lang,
                    first,
                    missing,
                    extra,
                });
            }
        }
        Ok(())
    }
}

/// Why a catalog's files do not agree, as its tests report it.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// A file that does not parse: the located problem.
    #[error("{0}")]
    Parse(Diagnostic),
    /// A language that lacks strings of the first, or has strings it lacks.
    #[error("{catalog}: {lang} lacks {missing:?} of {first}, and has {extra:?} that {first} lacks")]
    Gap {
        catalog: &'static str,
        lang: &'static str,
        first: &'static str,
        missing: Vec<String>,
        extra: Vec<String>,
    },
}

/// praxis's own strings for one page, in one language.
#[derive(Clone, Copy)]
pub struct PraxisStrings {
    /// The language they are in: one of [`LANGUAGES`].
    pub lang: &'static str,
    catalog: &'static Catalog,
}

impl PraxisStrings {
    /// The string `id`.
    pub fn get(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The string `id` with `args`: `("count", 3.into())`,
    /// `("file", "nl.md".into())`.
    pub fn with(&self, id: &str, args: &[(&str, FluentValue)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(id, Some(&fluent_args))
    }

    /// Whether there is a string `id` (for optional ones).
    pub fn has(&self, id: &str) -> bool {
        self.catalog
            .bundle(self.lang)
            .is_some_and(|b| b.has_message(id))
    }

    /// The string `id`, or `id` itself if it is missing (a test of each
    /// catalog checks that none is).
    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        self.catalog
            .bundle(self.lang)
            .and_then(|bundle| fluent::format(bundle, id, args))
            .map_or_else(|| id.to_owned(), |(text, _)| text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static GREETINGS: Catalog = Catalog::new(
        "greetings",
        [
            "hello = Hallo { $name }\n",
            "hello = Bonjour { $name }\n",
            "hello = Hello { $name }\n",
        ],
    );

    #[test]
    fn the_language_asked_for_else_the_sites_else_english() {
        assert_eq!(GREETINGS.choose(Some("fr"), "nl").lang, "fr");
        assert_eq!(GREETINGS.choose(Some("de"), "nl").lang, "nl");
        assert_eq!(GREETINGS.choose(None, "fr").lang, "fr");
        assert_eq!(GREETINGS.choose(None, "de").lang, "en");
        assert_eq!(GREETINGS.choose(Some("es"), "de").lang, "en");
        assert_eq!(
            GREETINGS
                .choose(None, "en")
                .with("hello", &[("name", "Anne".into())]),
            "Hello Anne",
            "no isolation marks around a variable"
        );
    }

    #[test]
    fn a_missing_string_is_its_id_and_check_names_it() {
        static GAP: Catalog = Catalog::new("gap", ["a = A\nb = B\n", "a = A\n", "a = A\nb = B\n"]);
        assert_eq!(GAP.choose(Some("fr"), "nl").get("b"), "b");
        let problem = GAP.check().unwrap_err().to_string();
        assert!(
            problem.contains("fr") && problem.contains("\"b\""),
            "{problem}"
        );
        assert!(GREETINGS.check().is_ok());
        static BROKEN: Catalog = Catalog::new("broken", ["a = A\n", "a = { $x\n", "a = A\n"]);
        let problem = BROKEN.check().unwrap_err().to_string();
        assert!(problem.contains("broken fr.ftl"), "{problem}");
    }
}
