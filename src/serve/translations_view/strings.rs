//! The view's own UI strings, in Fluent, built into praxis: the view is
//! praxis's, not the theme's, so a site's theme need not know it exists.
//! Dutch and French; a site in another language sees the Dutch ones.

use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

const FILES: [(&str, &str); 2] = [
    ("nl", include_str!("i18n/nl.ftl")),
    ("fr", include_str!("i18n/fr.ftl")),
];

/// The language used when the one asked for has no strings.
const FALLBACK: &str = "nl";

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static HashMap<&'static str, Bundle> {
    static BUNDLES: OnceLock<HashMap<&'static str, Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        FILES
            .iter()
            .map(|(lang, text)| {
                let id: LanguageIdentifier = lang.parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Unicode isolation marks would end up inside the HTML.
                bundle.set_use_isolating(false);
                // The files are part of praxis and tested below: a parse
                // error cannot reach a user.
                if let Ok(resource) = FluentResource::try_new((*text).to_owned()) {
                    let _ = bundle.add_resource(resource);
                }
                (*lang, bundle)
            })
            .collect()
    })
}

/// Whether the view has strings in `lang`.
pub fn has_language(lang: &str) -> bool {
    FILES.iter().any(|(l, _)| *l == lang)
}

/// The strings of one language.
#[derive(Clone, Copy)]
pub struct Strings {
    pub lang: &'static str,
}

impl Strings {
    pub fn new(lang: &str) -> Strings {
        let lang = FILES
            .iter()
            .map(|(l, _)| *l)
            .find(|l| *l == lang)
            .unwrap_or(FALLBACK);
        Strings { lang }
    }

    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// A message with arguments: `("count", 3)`, `("file", "nl.md")`.
    pub fn with(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(text) => fluent.set(*name, FluentValue::from(text.clone())),
                Arg::Number(n) => fluent.set(*name, FluentValue::from(*n)),
            }
        }
        self.format(id, Some(&fluent))
    }

    /// A language's name as said in a sentence ("Frans", "néerlandais"),
    /// falling back to `native` (the site's own name for it).
    pub fn language(&self, code: &str, native: &str) -> String {
        let id = format!("tv-language-{code}");
        if self.has(&id) {
            self.t(&id)
        } else {
            native.to_owned()
        }
    }

    fn has(&self, id: &str) -> bool {
        bundles()
            .get(self.lang)
            .is_some_and(|b| b.get_message(id).is_some())
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(bundle) = bundles().get(self.lang) else {
            return id.to_owned();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

pub enum Arg {
    Text(String),
    Number(usize),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<String> {
        let resource = FluentResource::try_new(text.to_owned()).expect("the file parses");
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_languages_have_every_string() {
        let mut nl = ids(FILES[0].1);
        let mut fr = ids(FILES[1].1);
        nl.sort();
        fr.sort();
        assert_eq!(nl, fr);
        assert!(nl.len() > 40);
    }

    #[test]
    fn french_strings_have_french_spacing() {
        let text = FILES[1].1;
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
        let fr = Strings::new("fr");
        assert_eq!(
            fr.with("tv-count-out-of-date", &[("count", 1.into())]),
            "1 version dépassée"
        );
        assert_eq!(
            fr.with("tv-count-out-of-date", &[("count", 3.into())]),
            "3 versions dépassées"
        );
        assert_eq!(Strings::new("de").lang, "nl");
        assert_eq!(Strings::new("nl").language("fr", "Français"), "Frans");
        assert_eq!(Strings::new("nl").language("de", "Deutsch"), "Deutsch");
    }
}
