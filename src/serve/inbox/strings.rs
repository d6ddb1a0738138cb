//! The inbox's own words, from the Fluent files beside this module, one per
//! language praxis speaks, read by the loader of praxis's own strings
//! ([`crate::i18n::builtin`]).

use crate::i18n::builtin::{Catalog, LANGUAGES, PraxisStrings};

pub static INBOX: Catalog = Catalog::new(
    "the inbox's",
    [
        include_str!("nl.ftl"),
        include_str!("fr.ftl"),
        include_str!("en.ftl"),
    ],
);

/// The inbox's strings in `lang` (her `--lang`, refused if praxis does not
/// speak it), else in the site's `default` language, else in English.
pub fn choose(lang: Option<&str>, default: &str) -> Result<PraxisStrings, String> {
    match lang {
        Some(lang) if !Catalog::speaks(lang) => {
            let [nl, fr, en] = LANGUAGES;
            Err(format!(
                "the inbox speaks {nl}, {fr} and {en}, not `{lang}`\n   = help: pass --lang {nl}, --lang {fr} or --lang {en}"
            ))
        }
        _ => Ok(INBOX.choose(lang, default)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_string() {
        INBOX.check().unwrap();
        let fr = choose(Some("fr"), "nl").unwrap();
        assert_eq!(fr.with("inbox-count", &[("count", 3.into())]), "3 messages");
        let en = choose(None, "en").unwrap();
        assert_eq!(
            en.with("inbox-count", &[("count", 1.into())]),
            "One message"
        );
        assert_eq!(choose(None, "de").unwrap().lang, "en");
        assert!(choose(Some("de"), "nl").is_err());
    }
}
