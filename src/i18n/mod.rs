//! Everything that depends on the reader's language besides the content:
//! UI strings from Fluent files, dates and numbers, French typography.
//!
//! The site's UI strings ([`I18n`]) come from the theme's `i18n/<lang>.ftl`,
//! then the site's own `i18n/<lang>.ftl`, whose messages replace the theme's
//! one by one. Templates reach them through `t(key="…", var=…)`, always in
//! the page's language. praxis's own UI strings, for the pages it shows the
//! practitioner itself (the inbox, the translator's view), are compiled in
//! ([`builtin`]). Both are read by one Fluent loader ([`fluent`]).

pub mod builtin;
pub mod fluent;
pub mod format;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use fluent_bundle::{FluentArgs, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::site_files::relative_to;
use fluent::Bundle;
pub use format::{DateStyle, LocaleFormat};

/// Why a UI string cannot be given in a language.
#[derive(Debug, thiserror::Error)]
pub enum TranslateError {
    #[error("`{lang}` is not a language of this site")]
    NoLanguage { lang: String },
    #[error("no UI string `{key}` in language `{lang}`: add it to i18n/{lang}.ftl")]
    NoString { lang: String, key: String },
    #[error("the UI string `{key}` in `{lang}` has no value, only attributes")]
    NoValue { lang: String, key: String },
    /// The string is there and Fluent cannot format it (an argument missing…).
    #[error("the UI string `{key}` in `{lang}`: {error}")]
    Format {
        lang: String,
        key: String,
        error: fluent_bundle::FluentError,
    },
}

impl crate::diagnostics::Help for TranslateError {}

/// The language-dependent machinery of one build.
pub struct I18n {
    languages: HashMap<String, LanguageI18n>,
    /// A hash of every Fluent file read: what every output depends on.
    pub version: u64,
}

struct LanguageI18n {
    bundle: Bundle,
    format: LocaleFormat,
    french_typography: bool,
}

impl I18n {
    /// Loads the Fluent files of every language of the site.
    pub fn load(
        root: &Path,
        theme: Option<&Path>,
        config: &Config,
        diags: &mut Diagnostics,
    ) -> I18n {
        let mut languages = HashMap::new();
        // Message id → where it is defined, per language, to find gaps.
        let mut defined: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
        let mut version = xxhash_rust::xxh3::Xxh3::new();
        for language in &config.languages {
            version.update(format!("{}:{}", language.code, language.french_typography).as_bytes());
            let mut bundle = fluent::bundle(&language.code);
            bundle.set_formatter(Some(format_number));
            let files = crate::site_files::layers(root, theme, crate::site_files::Folder::I18n)
                .map(|dir| dir.join(format!("{}.ftl", language.code)))
                .filter(|path| path.is_file());
            for path in files {
                let shown = relative_to(root, &path);
                if let Err(d) = crate::site_files::confine(root, &path) {
                    diags.push(d);
                    continue;
                }
                let Some(resource) = fluent::read(&path, &shown, diags) else {
                    continue;
                };
                version.update(language.code.as_bytes());
                version.update(resource.source().as_bytes());
                for id in fluent::message_ids(&resource) {
                    defined
                        .entry(id)
                        .or_default()
                        .insert(language.code.clone(), shown.clone());
                }
                bundle.add_resource_overriding(resource);
            }
            languages.insert(
                language.code.clone(),
                LanguageI18n {
                    bundle,
                    format: LocaleFormat::new(&language.code),
                    french_typography: language.french_typography,
                },
            );
        }
        warn_about_gaps(config, &defined, diags);
        warn_about_strays(root, config, diags);
        I18n {
            languages,
            version: version.digest(),
        }
    }

    /// The UI string `key` in `lang`, with `args` filled in.
    pub fn translate(
        &self,
        lang: &str,
        key: &str,
        args: Option<&FluentArgs>,
    ) -> Result<String, TranslateError> {
        let named = || (lang.to_owned(), key.to_owned());
        let language = self
            .languages
            .get(lang)
            .ok_or_else(|| TranslateError::NoLanguage {
                lang: lang.to_owned(),
            })?;
        let message = language.bundle.get_message(key).ok_or_else(|| {
            let (lang, key) = named();
            TranslateError::NoString { lang, key }
        })?;
        let pattern = message.value().ok_or_else(|| {
            let (lang, key) = named();
            TranslateError::NoValue { lang, key }
        })?;
        let mut errors = Vec::new();
        let text = language.bundle.format_pattern(pattern, args, &mut errors);
        if let Some(error) = errors.into_iter().next() {
            let (lang, key) = named();
            return Err(TranslateError::Format { lang, key, error });
        }
        Ok(self.typeset(lang, &text).into_owned())
    }

    /// Whether `lang` has a UI string `key` (for optional ones, like hints).
    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.languages
            .get(lang)
            .is_some_and(|l| l.bundle.has_message(key))
    }

    /// Applies the language's typography to prose.
    pub fn typeset<'a>(&self, lang: &str, text: &'a str) -> Cow<'a, str> {
        match self.languages.get(lang) {
            Some(l) if l.french_typography => crate::typography::french(text),
            _ => Cow::Borrowed(text),
        }
    }

    /// Formats an ISO day in `lang`.
    pub fn date(&self, lang: &str, iso_day: &str, style: DateStyle) -> Option<String> {
        self.languages.get(lang)?.format.date(iso_day, style)
    }

    /// Formats a number in `lang`.
    pub fn number(&self, lang: &str, value: f64) -> Option<String> {
        Some(self.languages.get(lang)?.format.number(value))
    }
}

/// A message defined for one language but not another shows up untranslated
/// the day a template asks for it: say so now.
fn warn_about_gaps(
    config: &Config,
    defined: &BTreeMap<String, BTreeMap<String, PathBuf>>,
    diags: &mut Diagnostics,
) {
    for (id, langs) in defined {
        for language in &config.languages {
            if langs.contains_key(&language.code) {
                continue;
            }
            let (other, file) = langs.iter().next().expect("an id is defined somewhere");
            let line = std::fs::read_to_string(file).ok().and_then(|t| {
                t.find(&format!("{id} ="))
                    .map(|at| Position::of(&t, at).line)
            });
            let mut d = Diagnostic::warning(format!(
                "UI string `{id}` is in {other} but not in {}",
                language.code
            ))
            .in_file(file)
            .help(format!("add `{id} = …` to i18n/{}.ftl", language.code));
            if let Some(line) = line {
                d = d.at_line(line);
            }
            diags.push(d);
        }
    }
}

fn warn_about_strays(root: &Path, config: &Config, diags: &mut Diagnostics) {
    let Ok(entries) = std::fs::read_dir(crate::site_files::Folder::I18n.of(root)) else {
        return;
    };
    let known: BTreeSet<String> = config
        .languages
        .iter()
        .map(|l| format!("{}.ftl", l.code))
        .collect();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".ftl") && !known.contains(&name) {
            diags.push(
                Diagnostic::warning(format!(
                    "{name} is not for a language of this site, and is not used"
                ))
                .in_file(relative_to(root, &entry.path()))
                .help(format!(
                    "the site's languages are {}",
                    config.language_codes().join(", ")
                )),
            );
        }
    }
}

/// Formats numbers in Fluent messages with the language's digit grouping and
/// decimal mark.
fn format_number(
    value: &FluentValue,
    memo: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    memo.with_try_get::<NumberFormat, _, _>((), |f| f.0.number(n.value))
        .ok()
}

/// A [`LocaleFormat`] that Fluent's memoizer builds once per language.
struct NumberFormat(LocaleFormat);

impl intl_memoizer::Memoizable for NumberFormat {
    type Args = ();
    type Error = ();
    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        Ok(NumberFormat(LocaleFormat::new(&lang.to_string())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, I18n, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        let config = Config::parse(
            "base_url = \"https://x.org\"\ndefault_language = \"nl\"\n[languages.nl]\n[languages.fr]\n",
        )
        .unwrap();
        let mut diags = Diagnostics::new();
        let i18n = I18n::load(
            dir.path(),
            Some(&dir.path().join("theme")),
            &config,
            &mut diags,
        );
        (dir, i18n, diags)
    }

    const PLURALS_NL: &str =
        "minutes = { $minutes ->\n    [one] 1 minuut\n   *[other] { $minutes } minuten\n}\n";
    const PLURALS_FR: &str =
        "minutes = { $minutes ->\n    [one] 1 minute\n   *[other] { $minutes } minutes\n}\n";

    fn minutes(n: i64) -> FluentArgs<'static> {
        let mut args = FluentArgs::new();
        args.set("minutes", n);
        args
    }

    #[test]
    fn plural_rules_per_language() {
        let (_dir, i18n, diags) = site(&[("i18n/nl.ftl", PLURALS_NL), ("i18n/fr.ftl", PLURALS_FR)]);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            i18n.translate("nl", "minutes", Some(&minutes(1))).unwrap(),
            "1 minuut"
        );
        assert_eq!(
            i18n.translate("nl", "minutes", Some(&minutes(4))).unwrap(),
            "4 minuten"
        );
        assert_eq!(
            i18n.translate("fr", "minutes", Some(&minutes(1))).unwrap(),
            "1 minute"
        );
        assert_eq!(
            i18n.translate("fr", "minutes", Some(&minutes(4))).unwrap(),
            "4 minutes"
        );
        assert_eq!(
            i18n.translate("fr", "minutes", Some(&minutes(1200)))
                .unwrap(),
            "1\u{202f}200 minutes"
        );
    }

    #[test]
    fn site_strings_override_the_theme_one_by_one() {
        let (_dir, i18n, _) = site(&[
            ("theme/i18n/nl.ftl", "hello = Hallo\nbye = Dag\n"),
            ("i18n/nl.ftl", "hello = Goeiedag\n"),
            ("theme/i18n/fr.ftl", "hello = Bonjour\nbye = Au revoir\n"),
        ]);
        assert_eq!(i18n.translate("nl", "hello", None).unwrap(), "Goeiedag");
        assert_eq!(i18n.translate("nl", "bye", None).unwrap(), "Dag");
    }

    #[test]
    fn french_strings_get_french_typography() {
        let (_dir, i18n, _) = site(&[
            (
                "i18n/fr.ftl",
                "ask = Une question ?\nquote = Le \"mentorat\"  : { $n }\n",
            ),
            (
                "i18n/nl.ftl",
                "ask = Een vraag?\nquote = Het \"mentorschap\"\n",
            ),
        ]);
        assert_eq!(
            i18n.translate("fr", "ask", None).unwrap(),
            "Une question\u{202f}?"
        );
        assert_eq!(i18n.translate("nl", "ask", None).unwrap(), "Een vraag?");
        let mut args = FluentArgs::new();
        args.set("n", 3);
        assert_eq!(
            i18n.translate("fr", "quote", Some(&args)).unwrap(),
            "Le «\u{202f}mentorat\u{202f}»\u{a0}: 3"
        );
        assert_eq!(
            i18n.translate("nl", "quote", None).unwrap(),
            "Het \"mentorschap\"",
            "UI strings are as typed outside French"
        );
    }

    #[test]
    fn syntax_error_names_file_and_line() {
        let (_dir, _, diags) = site(&[
            ("i18n/nl.ftl", "ok = Goed\n\nkapot = { $x\n"),
            ("i18n/fr.ftl", "ok = Bien\n"),
        ]);
        let d = diags.iter().find(|d| d.is_error()).expect("an error");
        assert_eq!(d.file.as_deref(), Some(Path::new("i18n/nl.ftl")));
        assert_eq!(d.line, Some(3), "{d}");
    }

    #[test]
    fn missing_key_is_named_with_its_language() {
        let (_dir, i18n, diags) =
            site(&[("i18n/nl.ftl", "only = Alleen nl\n"), ("i18n/fr.ftl", "")]);
        let why = i18n.translate("fr", "only", None).unwrap_err();
        assert!(
            matches!(&why, TranslateError::NoString { lang, key } if lang == "fr" && key == "only"),
            "{why}"
        );
        let e = why.to_string();
        assert!(e.contains("`only`") && e.contains("`fr`"), "{e}");
        assert!(
            diags
                .iter()
                .any(|d| !d.is_error() && d.message.contains("`only`"))
        );
    }

    #[test]
    fn a_value_nested_too_deep_is_an_error_at_its_line_and_the_others_are_read() {
        let (_dir, i18n, diags) = site(&[
            (
                "i18n/nl.ftl",
                &format!(
                    "een = Een\ndiep = {}x{}\ndrie = Drie\n",
                    "{ ".repeat(5000),
                    " }".repeat(5000)
                ),
            ),
            ("i18n/fr.ftl", "een = Un\ndrie = Trois\n"),
        ]);
        let d = diags.iter().find(|d| d.is_error()).expect("an error");
        assert_eq!(d.file.as_deref(), Some(Path::new("i18n/nl.ftl")));
        assert_eq!(d.line, Some(2), "{d}");
        assert_eq!(i18n.translate("nl", "drie", None).unwrap(), "Drie");
        assert!(!i18n.has("nl", "diep"));
    }
}
