//! What `praxis check` points out beyond errors: things a build lets
//! through but a careful author wants to know about — and [`check`], the
//! whole of `praxis check`: a build's problems, this advice, and the
//! translations' state, recorded in the lock file.

use std::path::Path;

use crate::build::{BuildOptions, build_site};
use crate::translations::{self, LOCK_FILE};

use crate::authoring::new_page::is_placeholder_title;
use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind};
use crate::forms::view::missing_ui_strings;
use crate::i18n::I18n;
use crate::model::Site;

/// What `praxis check` found.
pub struct Checked {
    /// Sorted, errors and warnings alike.
    pub diagnostics: Diagnostics,
    /// What it changed in the translations' lock file, if anything.
    pub lock_note: Option<String>,
    /// Where `praxis publish` sends the site: site.toml's targets.
    pub publish: Vec<crate::config::publish::Target>,
}

/// Everything a build of the site under `root` would report, this module's
/// advice, and the translations that are missing or out of date; the pages
/// `accept` names (node keys) are taken as agreeing as they are now.
pub fn check(root: &Path, accept: &[String]) -> Checked {
    let build = build_site(root, &BuildOptions::default());
    let mut diagnostics = build.diagnostics;
    let mut lock_note = None;
    let mut publish = Vec::new();
    if let Some(site) = &build.site {
        publish = site.config.publish.clone();
        diagnostics.extend(publish_addresses(&site.config));
        let i18n = build.pages.as_ref().map(|p| &*p.i18n);
        let (advice, missing) = advise_with_strings(root, site, i18n);
        if !missing.is_empty() {
            let kept: Vec<Diagnostic> = diagnostics
                .iter()
                .filter(|d| !about_missing_strings(d, &missing))
                .cloned()
                .collect();
            diagnostics = Diagnostics::new();
            diagnostics.extend(kept);
        }
        diagnostics.extend(advice);
        for key in accept {
            if site.node(key.trim_matches('/')).is_none() {
                diagnostics.push(
                    Diagnostic::error(format!("--accept {key}: there is no page content/{key}"))
                        .help("pass a node key, the folder path under content/, like articles/mentorschap"),
                );
            }
        }
        let accept: Vec<String> = accept
            .iter()
            .map(|k| k.trim_matches('/').to_owned())
            .collect();
        let today = jiff::Zoned::now().date();
        match translations::check_and_record(root, site, &accept, today) {
            Ok((report, written)) => {
                diagnostics.extend(report.diagnostics);
                lock_note = written.then(|| format!("updated {LOCK_FILE}"));
            }
            Err(d) => diagnostics.push(d),
        }
    }
    diagnostics.sort();
    Checked {
        diagnostics,
        lock_note,
        publish,
    }
}

/// A `[publish.NAME] url` that is not `base_url`: the site's links would
/// point elsewhere than where it is served (`praxis publish` refuses it).
fn publish_addresses(config: &crate::config::Config) -> Vec<Diagnostic> {
    let base = config.permalink("/");
    config
        .publish
        .iter()
        .filter(|t| t.served_elsewhere_than(&base))
        .filter_map(|t| Some((t, t.url.as_ref()?)))
        .map(|(t, url)| {
            let header = format!("[publish.{}]", t.name);
            let at = config.source.find(&header).unwrap_or(0);
            Diagnostic::error(format!(
                "{header} url {url} is not base_url {base}: the site's links would point elsewhere than where it is served"
            ))
            .in_file(CONFIG_FILE)
            .at_offset(&config.source, at, header.len())
            .help("make base_url the address the site is served at, or correct url (praxis publish refuses until they agree)")
        })
        .collect()
}

/// Pages without a description, titles still the placeholder `praxis new`
/// wrote, forms whose thank-you page or UI strings are missing.
pub fn advise(root: &Path, site: &Site, i18n: Option<&I18n>) -> Diagnostics {
    advise_with_strings(root, site, i18n).0
}

/// [`advise`], and the UI strings the forms lack.
fn advise_with_strings(
    root: &Path,
    site: &Site,
    i18n: Option<&I18n>,
) -> (Diagnostics, MissingStrings) {
    let mut diags = Diagnostics::new();
    placeholder_titles(root, site, &mut diags);
    let missing = match i18n {
        Some(i18n) => missing_form_strings(site, i18n, &mut diags),
        None => MissingStrings::new(),
    };
    for page in &site.pages {
        if page
            .description
            .as_deref()
            .is_none_or(|d| d.trim().is_empty())
        {
            diags.push(
                Diagnostic::warning("this page has no description")
                    .kind(Kind::NoDescription)
                    .in_file(&page.source)
                    .at_line(1)
                    .help("add description = \"…\": one sentence, shown by search engines and in lists"),
            );
        }
    }
    if !site.config.forms.is_empty() && site.config.submissions.public_key.is_none() {
        diags.push(
            Diagnostic::warning("the site has forms but no [submissions] public_key: their submissions cannot be stored")
                .in_file(CONFIG_FILE)
                .help("make a key pair with `praxis forms keygen --output FILE` and put its public key under [submissions]"),
        );
    }
    if !site.config.forms.is_empty() {
        for language in &site.config.languages {
            let has_notice = site.pages.iter().any(|p| {
                p.lang == language.code
                    && p.front_matter.template.as_deref() == Some("privacy.html")
            });
            if !has_notice {
                diags.push(
                    Diagnostic::warning(format!(
                        "the site has forms but no privacy notice in {}: visitors cannot read what happens to what they send",
                        language.code
                    ))
                    .in_file(CONFIG_FILE)
                    .help(format!(
                        "add a page with template = \"privacy.html\" in {}: the default theme writes the notice from the forms' declaration, and every form links to it",
                        language.code
                    )),
                );
            }
        }
    }
    for (name, form) in &site.config.forms {
        let thanks = form.thanks.trim_matches('/');
        let at_line = site
            .config
            .source
            .find(&format!("thanks = \"{}\"", form.thanks))
            .map(|at| site.config.line_of(at));
        let located = |d: Diagnostic| match at_line {
            Some(line) => d.in_file(CONFIG_FILE).at_line(line),
            None => d.in_file(CONFIG_FILE),
        };
        match site.node_id(thanks) {
            None => diags.push(located(
                Diagnostic::warning(format!("the thank-you page of form `{name}`, content/{thanks}, does not exist"))
                    .help(format!("create content/{thanks}/ with a page per language, or point thanks to an existing page")),
            )),
            Some(node) => {
                for language in &site.config.languages {
                    if site.page_in(node, &language.code).is_none() {
                        diags.push(located(
                            Diagnostic::warning(format!(
                                "the thank-you page of form `{name}` has no {} version: {} visitors land on the {} one",
                                language.code, language.name, site.config.default_language
                            ))
                            .help(format!("write content/{thanks}/{}.md", language.code)),
                        ));
                    }
                }
            }
        }
    }
    (diags, missing)
}

/// A page `praxis new` made without a title in its language keeps a
/// placeholder until the author writes one: it must not go unnoticed, draft
/// or not.
fn placeholder_titles(root: &Path, site: &Site, diags: &mut Diagnostics) {
    let published = site
        .pages
        .iter()
        .map(|p| (p.lang.as_str(), p.source.as_path(), &p.front_matter, false));
    let drafts = site
        .nodes
        .iter()
        .flat_map(|n| &n.drafts)
        .map(|d| (d.lang.as_str(), d.source.as_path(), &d.front_matter, true));
    for (lang, source, front_matter, draft) in published.chain(drafts) {
        if !is_placeholder_title(&front_matter.title) {
            continue;
        }
        let name = site.config.language(lang).map_or(lang, |l| l.name.as_str());
        let message = if draft {
            "this draft's title is still a placeholder"
        } else {
            "this page is published with a placeholder title"
        };
        diags.push(
            Diagnostic::warning(message)
                .kind(Kind::PlaceholderTitle)
                .in_file(source)
                .at_line(title_line(&root.join(source)))
                .help(format!(
                    "write its title in {name} (and a slug, for its URL) in the front matter"
                )),
        );
    }
}

/// The line of `title =` in a file's front matter, else 1.
fn title_line(file: &Path) -> usize {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| {
            text.lines()
                .position(|l| l.trim_start().starts_with("title"))
                .map(|i| i + 1)
        })
        .unwrap_or(1)
}

/// Every UI string the site's forms lack, per language, at once: one
/// diagnostic per `.ftl` file with a block to paste into it — so that
/// adding a form to site.toml takes one round, whether or not a page shows
/// it yet. It is an error where a page would fail to build without them (a
/// page showing the form, the privacy notice naming it), a warning where
/// none does yet. Returns what is missing, per language, so that the
/// build's own errors about the same strings are not shown twice.
fn missing_form_strings(site: &Site, i18n: &I18n, diags: &mut Diagnostics) -> MissingStrings {
    let mut all = MissingStrings::new();
    for language in &site.config.languages {
        let lang = language.code.as_str();
        let in_lang = |p: &&std::sync::Arc<crate::model::Page>| p.lang == lang;
        let shows = |name: &str| {
            site.pages
                .iter()
                .filter(in_lang)
                .any(|p| p.front_matter.extra.get("form").and_then(|f| f.as_str()) == Some(name))
        };
        let notice = site
            .pages
            .iter()
            .filter(in_lang)
            .any(|p| p.front_matter.template.as_deref() == Some("privacy.html"));
        let mut missing: Vec<String> = Vec::new();
        let mut lacking_forms: Vec<String> = Vec::new();
        let mut breaks_a_page = false;
        for (name, form) in &site.config.forms {
            let mut lacking = missing_ui_strings(name, form, i18n, lang);
            // The privacy notice names each form and why it asks what it
            // asks: its strings are needed as soon as there is a notice.
            if notice {
                for key in [format!("form-{name}-title"), format!("form-{name}-purpose")] {
                    if !i18n.has(lang, &key) {
                        lacking.push(key);
                    }
                }
            }
            breaks_a_page |= !lacking.is_empty() && (notice || shows(name));
            if !lacking.is_empty() {
                lacking_forms.push(format!("`{name}`"));
            }
            for key in lacking {
                if !missing.contains(&key) {
                    missing.push(key);
                }
            }
        }
        if missing.is_empty() {
            continue;
        }
        let file = format!("i18n/{lang}.ftl");
        let forms = match lacking_forms.as_slice() {
            [one] => format!("form {one} lacks"),
            [first @ .., last] => format!("forms {} and {last} lack", first.join(", ")),
            [] => String::new(),
        };
        let message = format!(
            "{forms} {} UI string{} in {lang}: {}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        );
        let block: Vec<String> = missing
            .iter()
            .map(|key| format!("{key} = {}", suggested_words(key, lang)))
            .collect();
        let help = format!(
            "paste these lines into {file}, then write your own words after each `=`:\n{}",
            block.join("\n")
        );
        let d = if breaks_a_page {
            Diagnostic::error(message)
        } else {
            Diagnostic::warning(message)
        };
        diags.push(d.in_file(&file).help(help));
        all.insert(lang.to_owned(), missing);
    }
    all
}

/// The UI strings the forms lack, per language.
type MissingStrings = std::collections::BTreeMap<String, Vec<String>>;

/// Words to start from for a missing UI string, in the languages praxis
/// knows; elsewhere (and for a field praxis cannot guess) the key's own
/// last word, so that the pasted line is valid Fluent and shows where it
/// goes on the page.
fn suggested_words(key: &str, lang: &str) -> String {
    let known = |nl: &'static str, fr: &'static str, en: &'static str| match lang {
        "nl" => Some(nl),
        "fr" => Some(fr),
        "en" => Some(en),
        _ => None,
    };
    let guess = match key.strip_prefix("form-").unwrap_or(key) {
        k if k.ends_with("-submit") => known("Versturen", "Envoyer", "Send"),
        k if k.ends_with("-name-label") => known("Naam", "Nom", "Name"),
        k if k.ends_with("-email-label") => known("E-mailadres", "Adresse e-mail", "Email address"),
        k if k.ends_with("-phone-label") => {
            known("Telefoonnummer", "Numéro de téléphone", "Phone number")
        }
        k if k.ends_with("-message-label") => known("Je bericht", "Votre message", "Your message"),
        k if k.ends_with("-title") => known("Het formulier", "Le formulaire", "The form"),
        k if k.ends_with("-purpose") => known(
            "Ik gebruik wat je invult alleen om je te antwoorden.",
            "Je n’utilise ce que vous y écrivez que pour vous répondre.",
            "I use what you fill in only to answer you.",
        ),
        "required-note" => known(
            "Velden met * zijn verplicht.",
            "Les champs marqués d’un * sont obligatoires.",
            "Fields marked with * are required.",
        ),
        "honeypot-label" => known(
            "Laat dit veld leeg",
            "Laissez ce champ vide",
            "Leave this field empty",
        ),
        "error-title" => known(
            "Kijk het formulier nog even na",
            "Merci de vérifier le formulaire",
            "Please check the form",
        ),
        "required-when" => known(
            "Verplicht als je „{ $choice }” kiest.",
            "Obligatoire si vous choisissez « { $choice } ».",
            "Required if you choose “{ $choice }”.",
        ),
        _ => None,
    };
    match guess {
        Some(words) => words.to_owned(),
        None => {
            // `form-intake-reason-label` → `reason`, `form-x-way-phone` → `phone`.
            let trimmed = key.trim_end_matches("-label");
            let word = trimmed
                .rsplit('-')
                .next()
                .unwrap_or(trimmed)
                .replace('_', " ");
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => key.to_owned(),
            }
        }
    }
}

/// Whether `d` is the build's error about UI strings that `missing`
/// already names (a template that stopped at one of them): the block of
/// missing strings says it better than a line of theme code.
fn about_missing_strings(d: &Diagnostic, missing: &MissingStrings) -> bool {
    if !d.message.starts_with("template error: ") || !d.message.contains("no UI string") {
        return false;
    }
    let named: Vec<&str> = d.message.split('`').skip(1).step_by(2).collect();
    missing.iter().any(|(lang, keys)| {
        named.contains(&lang.as_str())
            && named
                .iter()
                .filter(|n| **n != lang.as_str())
                .all(|n| keys.iter().any(|k| k == n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_string_is_given_words_to_start_from() {
        assert_eq!(suggested_words("form-x-name-label", "nl"), "Naam");
        assert_eq!(suggested_words("form-x-submit", "fr"), "Envoyer");
        assert_eq!(
            suggested_words("form-required-note", "en"),
            "Fields marked with * are required."
        );
        assert_eq!(
            suggested_words("form-x-when_to_call-label", "nl"),
            "When to call"
        );
        assert_eq!(suggested_words("form-x-way-phone", "de"), "Phone");
        assert_eq!(suggested_words("form-x-submit", "de"), "Submit");
    }

    #[test]
    fn only_template_errors_about_those_very_strings_give_way_to_the_block() {
        let missing: MissingStrings = [(
            "nl".to_owned(),
            vec!["form-x-a".to_owned(), "form-x-b".to_owned()],
        )]
        .into();
        let about = |message: &str| about_missing_strings(&Diagnostic::error(message), &missing);
        assert!(about(
            "template error: no UI strings `form-x-a` and `form-x-b` in language `nl`: add them to i18n/nl.ftl"
        ));
        assert!(about(
            "template error: no UI string `form-x-a` in language `nl`: add it to i18n/nl.ftl"
        ));
        assert!(!about(
            "template error: no UI string `form-x-c` in language `nl`: add it to i18n/nl.ftl"
        ));
        assert!(!about(
            "template error: no UI string `form-x-a` in language `fr`: add it to i18n/fr.ftl"
        ));
        assert!(!about("no UI string `form-x-a` in language `nl`"));
    }
}
