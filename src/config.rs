//! `site.toml`: the site's configuration.
//!
//! ```toml
//! base_url = "https://example.org"
//! theme = "praxis"
//! default_language = "nl"
//!
//! [languages.nl]
//! name = "Nederlands"
//! title = "Praktijk De Linde"
//!
//! [languages.fr]
//! name = "Français"
//! title = "Cabinet Le Tilleul"
//! ```
//!
//! Languages are kept in the order the file lists them: that order is the
//! order of language switchers, sitemaps and summaries.
//!
//! A language has two names. Its code (`nl`) is what the model, templates,
//! URLs, file names and messages use: it is what a person reads and
//! writes. Its [`LangId`] is its place in that order, which is what the
//! render step's list of outputs names a language by (a small `Copy`
//! value, and the order of the outputs). [`Config::language_id`] and
//! [`Config::language_at`] are the one way from either to the other.

use std::ops::Range;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site_files::NoTheme;
use forms::{FormSpec, SubmissionsConfig};

pub mod forms;
pub mod images;
pub mod proxy;
pub mod publish;
pub mod redirects;
pub mod search;

pub use crate::site_files::CONFIG_FILE;

/// The file name of a language's Atom feed, in the language's root.
pub const FEED_FILE: &str = "atom.xml";

/// The URL segment of the tag pages when a language does not set `tags_path`.
const DEFAULT_TAGS_PATH: &str = "tags";

/// The loaded, validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Scheme and host, without a trailing slash: `https://example.org`.
    pub origin: String,
    /// Path under the host the site lives at, without a trailing slash: `""`
    /// or `/praktijk`.
    pub base_path: String,
    /// Site-wide title, used where no language is in play.
    pub title: String,
    pub theme: String,
    /// Where `theme` is written in site.toml, to point at it in errors.
    pub theme_span: Option<Range<usize>>,
    pub default_language: String,
    /// Serve the default language at `/` rather than `/<code>/`.
    pub default_language_at_root: bool,
    pub languages: Vec<Language>,
    pub markdown: MarkdownConfig,
    pub images: images::ImagesConfig,
    pub search: search::SearchConfig,
    pub forms: IndexMap<String, FormSpec>,
    pub submissions: SubmissionsConfig,
    pub practice: Practice,
    /// `[publish.NAME]`: where `praxis publish` sends the site, in order.
    pub publish: Vec<publish::Target>,
    /// `[[redirects]]`: old addresses the site answers, in order.
    pub redirects: Vec<redirects::Redirect>,
    pub extra: toml::Table,
    /// The text of site.toml, for locating errors in it later.
    pub source: String,
}

/// A language of the site by its place in [`Config::languages`]; its code
/// is `config.language_at(id).code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LangId(u32);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    /// The language's name in that language: "Nederlands", "Français".
    pub name: String,
    pub title: String,
    pub description: String,
    /// Narrow no-break spaces before `; ! ?` and inside `« »`, a no-break
    /// space before `:`. On by default for French.
    pub french_typography: bool,
    /// The URL segment of the tag pages: `/nl/onderwerpen/`.
    pub tags_path: String,
    /// The URL segment of a list's further pages: `/nl/artikels/pagina/2/`.
    pub page_path: String,
    /// The URL segment of the search page: `/nl/zoeken/`.
    pub search_path: String,
    /// `[practice]` as this language shows it.
    pub practice: Practice,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Typographic quotes, dashes and ellipses.
    pub smart_punctuation: bool,
    /// Words read per minute, for reading times.
    pub words_per_minute: usize,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: true,
            words_per_minute: 200,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: Spanned<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    theme: Option<Spanned<String>>,
    default_language: Spanned<String>,
    #[serde(default)]
    default_language_at_root: bool,
    languages: Spanned<IndexMap<String, RawLanguage>>,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    images: images::ImagesConfig,
    #[serde(default)]
    search: search::SearchConfig,
    #[serde(default)]
    forms: Option<Spanned<IndexMap<String, FormSpec>>>,
    #[serde(default)]
    submissions: SubmissionsConfig,
    #[serde(default)]
    practice: Practice,
    #[serde(default)]
    publish: IndexMap<String, publish::RawTarget>,
    #[serde(default)]
    redirects: Vec<redirects::RawRedirect>,
    #[serde(default)]
    extra: toml::Table,
}

/// `[practice]`: who runs the site, for the footer and for search engines.
/// What is the same in every language; `[languages.CODE.practice]` replaces
/// any of its fields in that language (a French name, a French
/// registration line), and each [`Language`] holds the merged table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    /// The practice's or practitioner's name.
    pub name: Option<String>,
    /// The postal address; line breaks are kept.
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// A professional registration, where there is one.
    pub registration: Option<String>,
    /// A portrait or photo of the practice, for sharing (`og:image`): a
    /// path under static/ (`portrait.jpg`) or a URL.
    pub image: Option<String>,
    /// What the image shows, for those who cannot see it.
    pub image_alt: Option<String>,
    /// The address in parts, for search engines (schema.org's
    /// `PostalAddress`). Where they are left out they are read from
    /// `address`: its last line `3000 Leuven`, the lines before it the street.
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub locality: Option<String>,
    /// A country code: `BE`.
    pub country: Option<String>,
    /// That the practice is no emergency service, and whom to call
    /// instead: shown in the footer and beside every form.
    pub emergency: Option<String>,
    /// The key of the page with the practical information (where, how to
    /// get there, cancelling: `"praktisch"`), linked from the footer and
    /// from every page with a form.
    pub practical_info: Option<String>,
    /// A photo of the practitioner for the About page (`template =
    /// "about.html"`): a path under static/ or a URL.
    pub portrait: Option<String>,
    /// What the portrait shows, in the page's language.
    pub portrait_alt: Option<String>,
    /// Training and supervision, one line each, for the About page.
    pub training: Option<Vec<String>>,
    /// Professional associations she belongs to, for the About page.
    pub memberships: Option<Vec<Membership>>,
    /// What she does not do (psychiatric care, crisis care…), one line
    /// each, so that a visitor knows where else to go.
    pub not_offered: Option<Vec<String>>,
}

/// A professional association the practitioner belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// The association's name, in full.
    pub name: String,
    /// Her membership or registration number there.
    pub number: Option<String>,
    /// The association's site, where a visitor can check the membership.
    pub url: Option<String>,
}

impl Practice {
    /// This table with every field that `language` sets replaced.
    fn overlaid(&self, language: &Practice) -> Practice {
        let pick =
            |own: &Option<String>, shared: &Option<String>| own.clone().or_else(|| shared.clone());
        Practice {
            name: pick(&language.name, &self.name),
            address: pick(&language.address, &self.address),
            phone: pick(&language.phone, &self.phone),
            email: pick(&language.email, &self.email),
            registration: pick(&language.registration, &self.registration),
            image: pick(&language.image, &self.image),
            image_alt: pick(&language.image_alt, &self.image_alt),
            street: pick(&language.street, &self.street),
            postal_code: pick(&language.postal_code, &self.postal_code),
            locality: pick(&language.locality, &self.locality),
            country: pick(&language.country, &self.country),
            emergency: pick(&language.emergency, &self.emergency),
            practical_info: pick(&language.practical_info, &self.practical_info),
            portrait: pick(&language.portrait, &self.portrait),
            portrait_alt: pick(&language.portrait_alt, &self.portrait_alt),
            training: language.training.clone().or_else(|| self.training.clone()),
            memberships: language
                .memberships
                .clone()
                .or_else(|| self.memberships.clone()),
            not_offered: language
                .not_offered
                .clone()
                .or_else(|| self.not_offered.clone()),
        }
        .with_address_parts()
    }

    /// Fills the address parts left out from `address`: `Lindelaan 12` /
    /// `3000 Leuven` gives the street, the postal code and the locality.
    fn with_address_parts(mut self) -> Practice {
        let Some(address) = &self.address else {
            return self;
        };
        let lines: Vec<&str> = address
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let Some((last, street)) = lines.split_last() else {
            return self;
        };
        let (code, place) = match last.split_once(' ') {
            Some((code, place)) if code.chars().any(|c| c.is_ascii_digit()) => {
                (Some(code.to_owned()), Some(place.trim().to_owned()))
            }
            _ => (None, Some((*last).to_owned())),
        };
        if self.street.is_none() && !street.is_empty() {
            self.street = Some(street.join(", "));
        }
        if self.postal_code.is_none() {
            self.postal_code = code;
        }
        if self.locality.is_none() {
            self.locality = place;
        }
        self
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    french_typography: Option<bool>,
    #[serde(default)]
    tags_path: Option<Spanned<String>>,
    #[serde(default)]
    page_path: Option<String>,
    #[serde(default)]
    search_path: Option<Spanned<String>>,
    /// Fields of `[practice]` that differ in this language.
    #[serde(default)]
    practice: Practice,
}

pub const DEFAULT_THEME: &str = "praxis";

impl Config {
    /// Reads and validates `site.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        let path = root.join(CONFIG_FILE);
        let source = std::fs::read_to_string(&path).map_err(|e| {
            let d = if e.kind() == std::io::ErrorKind::NotFound {
                Diagnostic::error(format!("no {CONFIG_FILE} in {}", root.display())).help(
                    "run praxis in the folder of a site, pass --root DIR, or start a site with `praxis init DIR`",
                )
            } else {
                Diagnostic::error(format!("cannot read {CONFIG_FILE}: {e}"))
                    .in_file(CONFIG_FILE)
                    .help("check the file's permissions")
            };
            single(d)
        })?;
        let config = Config::parse(&source)?;
        // An absolute database path can be placed only now the root is known.
        match database_problem(&source, &config.submissions.database, Some(root)) {
            Some(problem) => Err(single(problem)),
            None => Ok(config),
        }
    }

    /// Parses the text of a `site.toml`.
    pub fn parse(source: &str) -> Result<Config, Diagnostics> {
        let raw: RawConfig = toml::from_str(source).map_err(|e| {
            let mut d = Diagnostic::error(format!("invalid {CONFIG_FILE}: {}", e.message().trim()))
                .in_file(CONFIG_FILE)
                .help("see the configuration section of the README for every key");
            if let Some(span) = e.span() {
                d = d.at_offset(source, span.start, 1);
            }
            single(d)
        })?;
        let mut diags = Diagnostics::new();
        let error_at = |span: Range<usize>, message: String, help: &str| {
            Diagnostic::error(message)
                .in_file(CONFIG_FILE)
                .at_offset(source, span.start, 1)
                .help(help.to_owned())
        };

        let (origin, base_path) = match split_base_url(raw.base_url.get_ref()) {
            Some(parts) => parts,
            None => {
                diags.push(error_at(
                    raw.base_url.span(),
                    format!(
                        "base_url `{}` is not an http(s) URL",
                        raw.base_url.get_ref()
                    ),
                    "write the address the site is published at, like \"https://example.org\"",
                ));
                (String::new(), String::new())
            }
        };

        let languages_span = raw.languages.span();
        let mut languages = Vec::new();
        for (code, lang) in raw.languages.into_inner() {
            if !is_language_code(&code) {
                diags.push(error_at(
                    languages_span.clone(),
                    format!("`{code}` is not a language code"),
                    "use a lowercase code such as \"nl\", \"fr\" or \"pt-br\"",
                ));
            }
            let title = lang
                .title
                .or_else(|| raw.title.clone())
                .unwrap_or_else(|| code.clone());
            let french_typography = lang
                .french_typography
                .unwrap_or_else(|| code == "fr" || code.starts_with("fr-"));
            let typeset = |text: String| {
                if french_typography {
                    crate::typography::french(&text).into_owned()
                } else {
                    text
                }
            };
            let tags_path = match lang.tags_path {
                Some(path) => {
                    if let Err(why) = crate::slugs::check(path.get_ref()) {
                        diags.push(error_at(
                            path.span(),
                            format!("invalid tags_path: {why}"),
                            "write one URL segment, like \"tags\" or \"onderwerpen\"",
                        ));
                    }
                    path.into_inner()
                }
                None => DEFAULT_TAGS_PATH.to_owned(),
            };
            let page_path = lang.page_path.clone().unwrap_or_else(|| "page".to_owned());
            let search_path = match lang.search_path {
                Some(path) => {
                    if let Err(why) = crate::slugs::check(path.get_ref()) {
                        diags.push(error_at(
                            path.span(),
                            format!("invalid search_path: {why}"),
                            "write one URL segment, like \"search\" or \"zoeken\"",
                        ));
                    }
                    path.into_inner()
                }
                None => "search".to_owned(),
            };
            let mut practice = raw.practice.overlaid(&lang.practice);
            practice.name = practice.name.map(typeset);
            practice.registration = practice.registration.map(typeset);
            practice.emergency = practice.emergency.map(typeset);
            languages.push(Language {
                practice,
                tags_path,
                page_path,
                search_path,
                name: lang.name.unwrap_or_else(|| native_name(&code)),
                title: typeset(title),
                description: typeset(lang.description.unwrap_or_default()),
                french_typography,
                code,
            });
        }
        if languages.is_empty() {
            diags.push(error_at(
                languages_span,
                "the site has no languages".into(),
                "add a table per language, like [languages.nl] and [languages.fr]",
            ));
        }

        let default_language = raw.default_language.get_ref().clone();
        if !languages.is_empty() && !languages.iter().any(|l| l.code == default_language) {
            let known: Vec<_> = languages.iter().map(|l| l.code.as_str()).collect();
            diags.push(error_at(
                raw.default_language.span(),
                format!("default_language `{default_language}` is not one of the site's languages"),
                &format!("choose one of: {}", known.join(", ")),
            ));
        }
        let (forms, forms_span) = match raw.forms {
            Some(forms) => {
                let span = forms.span();
                (forms.into_inner(), span)
            }
            None => (IndexMap::new(), 0..0),
        };
        for (name, form) in &forms {
            for problem in forms::check_form(name, form) {
                let at = problem
                    .field
                    .as_deref()
                    .and_then(|field| forms::field_offset(source, name, field))
                    .map_or(forms_span.clone(), |at| at..at);
                diags.push(error_at(
                    at,
                    problem.message,
                    "see the Forms section of the README for how to declare a form",
                ));
            }
        }
        if let Some(key) = &raw.submissions.public_key
            && !forms::is_public_key(key)
        {
            // Where the key is written: its text, as a TOML string.
            let at = source.find(&format!("\"{key}\"")).unwrap_or(0);
            diags.push(error_at(
                at..at,
                format!("[submissions] public_key `{key}` is not an age public key"),
                "write the practitioner's public key, which starts with age1 (copy it whole); `praxis forms keygen` makes a pair",
            ));
        }
        let mut submissions = raw.submissions;
        if let Some(url) = &submissions.endpoint {
            match forms::check_endpoint(url) {
                Ok(origin) => submissions.endpoint = Some(origin),
                Err(why) => diags.push(
                    Diagnostic::error(why.to_string())
                        .in_file(CONFIG_FILE)
                        .help("leave `endpoint` out when /forms/ is on the site's own address (a reverse proxy sends it to `praxis forms serve`)"),
                ),
            }
        }
        diags.extend(database_problem(source, &submissions.database, None));
        diags.extend(raw.images.problems(source));
        diags.extend(raw.search.problems(source));
        let (publish, problems) = publish::targets(raw.publish, source);
        diags.extend(problems);
        let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
        let (redirects, problems) =
            redirects::redirects(raw.redirects, &codes, &default_language, source);
        diags.extend(problems);
        if diags.has_errors() {
            return Err(diags);
        }

        let (theme, theme_span) = match raw.theme {
            Some(t) => {
                let span = t.span();
                (t.into_inner(), Some(span))
            }
            None => (DEFAULT_THEME.to_owned(), None),
        };
        Ok(Config {
            origin,
            base_path,
            title: raw.title.unwrap_or_else(|| languages[0].title.clone()),
            theme,
            theme_span,
            default_language,
            default_language_at_root: raw.default_language_at_root,
            languages,
            markdown: raw.markdown,
            images: raw.images,
            search: raw.search,
            forms,
            submissions,
            practice: raw.practice,
            publish,
            redirects,
            extra: raw.extra,
            source: source.to_owned(),
        })
    }

    /// Replaces the base URL (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), Diagnostic> {
        let (origin, base_path) = split_base_url(url).ok_or_else(|| {
            Diagnostic::error(format!("--base-url `{url}` is not an http(s) URL"))
                .help("pass the address the site will be published at, like https://example.org")
        })?;
        self.origin = origin;
        self.base_path = base_path;
        Ok(())
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The id of the language whose code is `code`, if it is one of the
    /// site's.
    pub fn language_id(&self, code: &str) -> Option<LangId> {
        let at = self.languages.iter().position(|l| l.code == code)?;
        Some(LangId(u32::try_from(at).ok()?))
    }

    /// The language `id` names.
    pub fn language_at(&self, id: LangId) -> &Language {
        &self.languages[id.0 as usize]
    }

    /// Every language's id, in site order.
    pub fn language_ids(&self) -> impl Iterator<Item = LangId> + use<> {
        // A site.toml lists a handful of languages.
        (0..self.languages.len() as u32).map(LangId)
    }

    pub fn has_language(&self, code: &str) -> bool {
        self.language(code).is_some()
    }

    pub fn language_codes(&self) -> Vec<&str> {
        self.languages.iter().map(|l| l.code.as_str()).collect()
    }

    /// The folder of the theme site.toml names ([`crate::site_files::theme_dir`]),
    /// or `None` with an error that points at `theme` in site.toml.
    pub fn theme_dir(&self, root: &Path, diags: &mut Diagnostics) -> Option<PathBuf> {
        let d = match crate::site_files::theme_dir(root, &self.theme) {
            Ok(dir) => return Some(dir),
            Err(NoTheme::Refused(d)) => d,
            Err(NoTheme::Missing(d)) => match &self.theme_span {
                Some(span) => d.at_offset(&self.source, span.start, 1),
                None => d,
            },
        };
        diags.push(d);
        None
    }

    /// The URL path a language's pages live under: `/nl/`, or `/` for the
    /// default language when it lives at the root.
    pub fn language_root(&self, code: &str) -> String {
        if self.default_language_at_root && code == self.default_language {
            "/".to_owned()
        } else {
            format!("/{code}/")
        }
    }

    /// The URL path of a language's list of tags: `/nl/onderwerpen/`.
    pub fn tag_list_path(&self, code: &str) -> String {
        let tags_path = self
            .language(code)
            .map_or(DEFAULT_TAGS_PATH, |l| l.tags_path.as_str());
        format!("{}{tags_path}/", self.language_root(code))
    }

    /// The URL path of a tag's page: `/nl/onderwerpen/mentorschap/`.
    pub fn tag_path(&self, code: &str, slug: &str) -> String {
        format!("{}{slug}/", self.tag_list_path(code))
    }

    /// The URL path of a language's feed: `/nl/atom.xml`.
    pub fn feed_path(&self, code: &str) -> String {
        format!("{}{FEED_FILE}", self.language_root(code))
    }

    /// The href for a site path (`/nl/x/` → `/base/nl/x/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    /// The absolute URL for a site path.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}{}", self.origin, self.base_path, path)
    }

    /// The 1-based line of a byte offset in site.toml.
    pub fn line_of(&self, offset: usize) -> usize {
        crate::diagnostics::Position::of(&self.source, offset).line
    }
}

/// `[submissions] database` inside a folder praxis publishes or builds
/// from, pointed at in site.toml.
fn database_problem(source: &str, database: &Path, root: Option<&Path>) -> Option<Diagnostic> {
    let why = forms::database_refusal(database, root)?;
    let table = source.find("[submissions]").unwrap_or(0);
    let offset = source[table..]
        .split_inclusive('\n')
        .scan(table, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        })
        .find(|(_, line)| {
            line.trim_start()
                .strip_prefix("database")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(table, |(start, line)| {
            start + line.len() - line.trim_start().len()
        });
    Some(
        Diagnostic::error(why.to_string())
            .in_file(CONFIG_FILE)
            .at_offset(source, offset, 1)
            .help("keep it in data/, outside the site's folders: database = \"data/forms.sqlite\""),
    )
}

fn single(d: Diagnostic) -> Diagnostics {
    let mut diags = Diagnostics::new();
    diags.push(d);
    diags
}

/// Splits `https://example.org/base/` into (`https://example.org`, `/base`),
/// with the scheme and host lower-case: a browser sends its `Origin` so,
/// and a form posted to a site written `https://Praktijk.example` must
/// still be recognised as the site's own.
fn split_base_url(url: &str) -> Option<(String, String)> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if host.is_empty() || host.contains(char::is_whitespace) || path.contains(['?', '#']) {
        return None;
    }
    let origin = format!("{scheme}://{}", host.to_ascii_lowercase());
    Some((origin, path.trim_end_matches('/').to_owned()))
}

fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A language's own name for itself, for the languages praxis knows.
fn native_name(code: &str) -> String {
    match code.split('-').next().unwrap_or(code) {
        "nl" => "Nederlands",
        "fr" => "Français",
        "en" => "English",
        "de" => "Deutsch",
        "es" => "Español",
        "it" => "Italiano",
        "pt" => "Português",
        _ => code,
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
base_url = "https://example.org/praktijk/"
default_language = "nl"
[languages.nl]
title = "Praktijk"
[languages.fr]
title = "Cabinet"
"#;

    #[test]
    fn keeps_language_order_and_splits_base_url() {
        let config = Config::parse(MINIMAL).unwrap();
        assert_eq!(config.language_codes(), ["nl", "fr"]);
        assert_eq!(config.origin, "https://example.org");
        assert_eq!(
            split_base_url("HTTPS://Praktijk-DeBrug.example/Base/"),
            Some((
                "https://praktijk-debrug.example".to_owned(),
                "/Base".to_owned()
            )),
            "scheme and host lower-case, the path as written"
        );
        assert_eq!(split_base_url("ftp://example.org"), None);
        assert_eq!(config.base_path, "/praktijk");
        assert_eq!(config.languages[1].name, "Français");
        assert_eq!(config.theme, DEFAULT_THEME);
        assert_eq!(config.permalink("/nl/"), "https://example.org/praktijk/nl/");
    }

    #[test]
    fn a_language_id_names_the_language_of_its_code() {
        let config = Config::parse(MINIMAL).unwrap();
        let ids: Vec<LangId> = config.language_ids().collect();
        assert_eq!(ids.len(), 2);
        for (id, code) in ids.into_iter().zip(["nl", "fr"]) {
            assert_eq!(config.language_id(code), Some(id));
            assert_eq!(config.language_at(id).code, code);
        }
        assert_eq!(config.language_id("de"), None);
        assert!(
            config.language_id("nl") < config.language_id("fr"),
            "in site order"
        );
    }

    #[test]
    fn tag_and_feed_paths_are_under_the_language_root() {
        let source = MINIMAL.replace(
            "title = \"Cabinet\"",
            "title = \"Cabinet\"\ntags_path = \"sujets\"",
        );
        let config = Config::parse(&source).unwrap();
        assert_eq!(config.tag_list_path("fr"), "/fr/sujets/");
        assert_eq!(config.tag_path("fr", "mentorat"), "/fr/sujets/mentorat/");
        assert_eq!(config.tag_list_path("nl"), "/nl/tags/");
        assert_eq!(config.feed_path("nl"), "/nl/atom.xml");
    }

    #[test]
    fn default_language_must_be_a_site_language() {
        let source = MINIMAL.replace("default_language = \"nl\"", "default_language = \"de\"");
        let diags = Config::parse(&source).unwrap_err();
        let d = diags.iter().next().unwrap();
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("`de`"), "{d}");
    }

    #[test]
    fn unknown_key_is_located() {
        let source = format!("{MINIMAL}\n[nonsense]\nx = 1\n");
        let diags = Config::parse(&source).unwrap_err();
        let d = diags.iter().next().unwrap();
        assert!(d.message.contains("nonsense"), "{d}");
        assert!(d.line.is_some());
    }
}
