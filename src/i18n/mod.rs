//! Everything that depends on the reader's language besides the content:
//! UI strings from Fluent files, dates and numbers, French typography.
//!
//! UI strings come from the theme's `i18n/<lang>.ftl`, then the site's own
//! `i18n/<lang>.ftl`, whose messages replace the theme's one by one. Templates
//! reach them through `t(key="…", var=…)`, always in the page's language.

pub mod format;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::site_files::relative_to;
pub use format::{DateStyle, LocaleFormat};

pub const I18N_DIR: &str = "i18n";

/// The language-dependent machinery of one build.
pub struct I18n {
    languages: HashMap<String, LanguageI18n>,
    /// A hash of every Fluent file read: what every output depends on.
    pub version: u64,
}

struct LanguageI18n {
    bundle: FluentBundle<FluentResource>,
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
            let lang_id: LanguageIdentifier = language.code.parse().unwrap_or_default();
            version.update(format!("{}:{}", language.code, language.french_typography).as_bytes());
            let mut bundle = FluentBundle::new_concurrent(vec![lang_id]);
            // Isolation marks (U+2068/U+2069) around variables are invisible
            // noise in HTML, where the page's `lang` and `dir` already hold.
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(format_number));
            let files = theme
                .map(|t| t.join(I18N_DIR))
                .into_iter()
                .chain(std::iter::once(root.join(I18N_DIR)))
                .map(|dir| dir.join(format!("{}.ftl", language.code)))
                .filter(|path| path.is_file());
            for path in files {
                let shown = relative_to(root, &path);
                if let Err(d) = crate::site_files::confine(root, &path) {
                    diags.push(d);
                    continue;
                }
                let Some(resource) = read_resource(&path, &shown, diags) else {
                    continue;
                };
                version.update(language.code.as_bytes());
                version.update(resource.source().as_bytes());
                for id in message_ids(&resource) {
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
    ) -> Result<String, String> {
        let language = self
            .languages
            .get(lang)
            .ok_or_else(|| format!("`{lang}` is not a language of this site"))?;
        let message = language.bundle.get_message(key).ok_or_else(|| {
            format!("no UI string `{key}` in language `{lang}`: add it to i18n/{lang}.ftl")
        })?;
        let pattern = message.value().ok_or_else(|| {
            format!("the UI string `{key}` in `{lang}` has no value, only attributes")
        })?;
        let mut errors = Vec::new();
        let text = language.bundle.format_pattern(pattern, args, &mut errors);
        if let Some(error) = errors.first() {
            return Err(format!("the UI string `{key}` in `{lang}`: {error}"));
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

fn read_resource(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Option<FluentResource> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error(format!("cannot read the Fluent file: {e}"))
                    .in_file(shown)
                    .help("check that the file is readable UTF-8 text"),
            );
            return None;
        }
    };
    let mut text = text;
    for deep in too_deep(&text) {
        diags.push(
            Diagnostic::error(format!(
                "this UI string has placeables or calls nested more than {MAX_NESTING} levels deep (`{{` or `(` inside another), which praxis does not read"
            ))
            .in_file(shown)
            .at_offset(&text, deep.at, 1)
            .help("a UI string needs a few levels at most: remove the extra `{` and `}` (or `(` and `)`); the message is left out until then"),
        );
        // Blank, not cut: the other messages keep their line numbers.
        let blank: String = text[deep.entry.clone()]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        text.replace_range(deep.entry, &blank);
    }
    match FluentResource::try_new(text) {
        Ok(resource) => Some(resource),
        Err((resource, errors)) => {
            for error in errors {
                // Point at the broken message rather than where the parser
                // gave up, which may be the end of the file.
                let at = error.slice.as_ref().map_or(error.pos.start, |s| s.start);
                diags.push(
                    Diagnostic::error(format!("Fluent syntax error: {}", error.kind))
                        .in_file(shown)
                        .at_offset(resource.source(), at, 1)
                        .help("a message is `key = text`; variables are written { $name }; see projectfluent.org"),
                );
            }
            // The messages that did parse still count.
            Some(resource)
        }
    }
}

/// How deep placeables (`{ … }`) and calls (`NUMBER(…)`) may nest in a UI
/// string. The Fluent parser goes one level down its own stack for each, so
/// thousands of them (a 49 KB file) crash the whole program; a real string
/// needs two or three.
const MAX_NESTING: usize = 64;

/// A message nested deeper than [`MAX_NESTING`].
#[derive(Debug, PartialEq)]
struct TooDeep {
    /// The byte offset of the `{` or `(` one level too deep.
    at: usize,
    /// The bytes of its whole entry, from its first line to the next entry.
    entry: std::ops::Range<usize>,
}

/// Every entry of a Fluent file that nests deeper than [`MAX_NESTING`],
/// found before the parser sees it. The count is Fluent's own syntax,
/// leniently: an entry starts at a line that does not begin with white
/// space (a comment line is skipped); inside a placeable, `{` and `(` open
/// a level and `}` and `)` close one, except in a string literal; in text,
/// only `{` opens one. A broken file is left for the parser to report.
fn too_deep(text: &str) -> Vec<TooDeep> {
    let mut found: Vec<TooDeep> = Vec::new();
    let mut entry_start = 0;
    let mut depth = 0usize;
    let mut deep_at = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(|c: char| !c.is_whitespace()) {
            if let Some(at) = deep_at.take() {
                found.push(TooDeep {
                    at,
                    entry: entry_start..offset,
                });
            }
            entry_start = offset;
            depth = 0;
        }
        if line.starts_with('#') {
            offset += line.len();
            continue;
        }
        let mut in_string = false;
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '{' => depth += 1,
                '(' if depth > 0 => depth += 1,
                '}' | ')' if depth > 0 => depth -= 1,
                '"' if depth > 0 => in_string = true,
                _ => continue,
            }
            if depth > MAX_NESTING && deep_at.is_none() {
                deep_at = Some(offset + i);
            }
        }
        offset += line.len();
    }
    if let Some(at) = deep_at {
        found.push(TooDeep {
            at,
            entry: entry_start..offset,
        });
    }
    found
}

fn message_ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
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
    let Ok(entries) = std::fs::read_dir(root.join(I18N_DIR)) else {
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
        let e = i18n.translate("fr", "only", None).unwrap_err();
        assert!(e.contains("`only`") && e.contains("`fr`"), "{e}");
        assert!(
            diags
                .iter()
                .any(|d| !d.is_error() && d.message.contains("`only`"))
        );
    }

    #[test]
    fn nesting_is_counted_in_placeables_and_calls_not_in_text_comments_or_strings() {
        let nested = |n: usize| format!("{}1{}", "{ ".repeat(n), " }".repeat(n));
        let calls = |n: usize| format!("{{ {}1{} }}", "NUMBER(".repeat(n), ")".repeat(n));
        assert_eq!(too_deep(&format!("a = {}\n", nested(MAX_NESTING))), []);
        assert_eq!(too_deep(&format!("a = {}\n", calls(MAX_NESTING - 1))), []);
        let text = format!(
            "# {}\na = {} ((( text ((\n    {{ \"{{{{{{ \\\" (((\" }}\nb = x\n",
            "{".repeat(200),
            "(".repeat(200)
        );
        assert_eq!(too_deep(&text), [], "comments, text and strings");
        let deep = format!("a = Een\nb =\n    {}\nc = Drie\n", nested(MAX_NESTING + 1));
        let found = too_deep(&deep);
        let b = deep.find("b =").unwrap();
        let c = deep.find("c =").unwrap();
        assert_eq!(
            found,
            [TooDeep {
                at: deep.find(&"{ ".repeat(MAX_NESTING + 1)).unwrap() + 2 * MAX_NESTING,
                entry: b..c,
            }]
        );
        let last = format!("a = {}", calls(MAX_NESTING));
        assert_eq!(too_deep(&last)[0].entry, 0..last.len(), "to the end");
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
