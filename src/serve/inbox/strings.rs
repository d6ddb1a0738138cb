//! The inbox's own words, from the Fluent files beside this module, one per
//! language praxis speaks, read by the loader of praxis's own strings
//! ([`crate::i18n::builtin`]).

use crate::i18n::builtin::{Catalog, PraxisStrings, Unspoken};

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
pub fn choose(lang: Option<&str>, default: &str) -> Result<PraxisStrings, Unspoken> {
    match lang {
        Some(lang) if !Catalog::speaks(lang) => Err(Unspoken {
            pages: "the inbox",
            lang: lang.to_owned(),
        }),
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
        let Err(why) = choose(Some("de"), "nl") else {
            panic!("the inbox does not speak de");
        };
        assert_eq!(why.lang, "de");
        assert_eq!(
            crate::diagnostics::Report::error(&why).to_string(),
            "error: the inbox speaks nl, fr and en, not `de`\n   = help: pass --lang nl, --lang fr or --lang en"
        );
    }
}
