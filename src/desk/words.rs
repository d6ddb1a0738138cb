//! The desk's own words, from the Fluent files beside this module, in the
//! language she picks (remembered in a cookie), else the site's default
//! language, else English — whatever languages the site itself has.

use fluent_bundle::FluentValue;

use crate::i18n::builtin::{Catalog, PraxisStrings};

pub static WORDS: Catalog = Catalog::new(
    "the desk's",
    [
        include_str!("nl.ftl"),
        include_str!("fr.ftl"),
        include_str!("en.ftl"),
    ],
);

/// The cookie that remembers her choice, shared with the translator's view.
pub use crate::serve::guard::LANGUAGE_COOKIE;

/// The desk's words in one language.
#[derive(Clone, Copy)]
pub struct Words(pub PraxisStrings);

impl Words {
    pub fn lang(&self) -> &'static str {
        self.0.lang
    }

    /// The string `id`, set as a careful writer of the language would
    /// (French: the spaces before `: ; ! ?` and inside « » that do not break).
    pub fn get(&self, id: &str) -> String {
        self.typeset(self.0.get(id))
    }

    pub fn with(&self, id: &str, args: &[(&str, FluentValue)]) -> String {
        self.typeset(self.0.with(id, args))
    }

    fn typeset(&self, text: String) -> String {
        if self.0.lang == "fr" {
            crate::typography::french(&text).into_owned()
        } else {
            text
        }
    }
}

/// Her choice from the request's cookies, if praxis speaks it.
pub use crate::serve::guard::chosen_language as chosen;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_speaks_dutch_french_and_english_alike() {
        WORDS.check().unwrap();
    }

    #[test]
    fn french_words_get_french_spacing() {
        let words = Words(WORDS.choose(Some("fr"), "nl"));
        assert!(
            words.get("field-draft").contains("Brouillon\u{a0}:"),
            "{}",
            words.get("field-draft")
        );
    }
}
