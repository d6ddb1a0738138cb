//! The view's own UI strings, in Fluent, built into praxis: the view is
//! praxis's, not the theme's, so a site's theme need not know it exists.
//! A file per language praxis speaks, read by the loader of praxis's own
//! strings ([`crate::i18n::builtin`]), which picks the language.

use crate::i18n::builtin::{Catalog, PraxisStrings};

pub static VIEW: Catalog = Catalog::new(
    "the translator's view's",
    [
        include_str!("i18n/nl.ftl"),
        include_str!("i18n/fr.ftl"),
        include_str!("i18n/en.ftl"),
    ],
);

/// A language's name as said in a sentence ("Frans", "néerlandais",
/// "English"), falling back to `native` (the site's own name for it).
pub fn language(ui: &PraxisStrings, code: &str, native: &str) -> String {
    let id = format!("tv-language-{code}");
    if ui.has(&id) {
        ui.get(&id)
    } else {
        native.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRENCH: &str = include_str!("i18n/fr.ftl");

    #[test]
    fn every_language_has_every_string() {
        VIEW.check().unwrap();
    }
    #[test]
    fn french_strings_have_french_spacing() {
        let text = FRENCH;
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') {
                continue;
            }
            let value = line.split_once(" = ").map(|(_, v)| v).unwrap_or(line);
            for (at, c) in value.char_indices() {
                if matches!(c, ';' | '!' | '?') {
                    let before = value[..at].chars().last();
                    assert_eq!(before, Some('\u{202f}'), "line {}: {line}", i + 1);
                }
                if c == ':' && !value[at..].starts_with("://") {
                    let before = value[..at].chars().last();
                    assert_eq!(before, Some('\u{a0}'), "line {}: {line}", i + 1);
                }
            }
            assert!(
                !value.contains('\''),
                "a straight apostrophe, line {}",
                i + 1
            );
        }
    }

    #[test]
    fn plurals_and_arguments() {
        let fr = VIEW.choose(Some("fr"), "nl");
        assert_eq!(
            fr.with("tv-count-out-of-date", &[("count", 1.into())]),
            "1 version dépassée"
        );
        assert_eq!(
            fr.with("tv-count-out-of-date", &[("count", 3.into())]),
            "3 versions dépassées"
        );
        assert_eq!(VIEW.choose(Some("de"), "nl").lang, "nl");
        assert_eq!(VIEW.choose(Some("de"), "de").lang, "en");
        let nl = VIEW.choose(Some("nl"), "nl");
        assert_eq!(language(&nl, "fr", "Français"), "Frans");
        assert_eq!(language(&nl, "en", "English"), "Engels");
        assert_eq!(language(&nl, "de", "Deutsch"), "Deutsch");
        let en = VIEW.choose(Some("en"), "nl");
        assert_eq!(
            en.with("tv-count-out-of-date", &[("count", 1.into())]),
            "1 version out of date"
        );
        assert_eq!(language(&en, "fr", "Français"), "French");
    }
}
