//! What the theme's form partial sees: every field with its label, hint,
//! value and error, in the page's language.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::validate::FieldError;
use crate::config::forms::{FieldSpec, FieldType, FormSpec, HONEYPOT, LANG_FIELD, PAGE_FIELD};
use crate::i18n::{I18n, TranslateError};

/// Why a form cannot be shown in a language.
#[derive(Debug, thiserror::Error)]
pub enum FormViewError {
    /// UI strings the form needs that the language does not have, all of them.
    #[error("{}", missing_message(lang, keys))]
    MissingStrings { lang: String, keys: Vec<String> },
    /// A UI string that cannot be given (one that is there and cannot be
    /// formatted: the missing ones are all named by `MissingStrings`).
    #[error(transparent)]
    Translate(#[from] TranslateError),
}

/// A form being filled in again after mistakes: what was typed, what is wrong.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FormState {
    pub form: String,
    pub values: BTreeMap<String, String>,
    pub errors: BTreeMap<String, FieldError>,
    /// Why the submission as a whole was not taken, when it was not the
    /// visitor's answers (a limit, a failure, a refusal).
    #[serde(default)]
    pub problem: Option<Problem>,
}

/// What kept a submission from arriving, said to the visitor in the page's
/// language above the form, with what they typed where it may be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// Too many submissions from here: try again in so many minutes.
    RateLimited { minutes: u64 },
    /// It could not be stored, or forms are not answered right now.
    Unavailable,
    /// Larger than the endpoint takes; the body was not read whole.
    TooLarge,
    /// Not sent from a page of this site.
    WrongOrigin,
    /// Anything else a browser could send that the endpoint refuses.
    Refused,
}

impl Problem {
    /// The Fluent key of its message: `form-problem-rate-limited`…
    pub fn key(self) -> &'static str {
        match self {
            Problem::RateLimited { .. } => "form-problem-rate-limited",
            Problem::Unavailable => "form-problem-unavailable",
            Problem::TooLarge => "form-problem-too-large",
            Problem::WrongOrigin => "form-problem-wrong-origin",
            Problem::Refused => "form-problem-refused",
        }
    }

    /// Whether the form may be shown again with what the visitor typed: only
    /// when the submission itself was fine and is worth sending again.
    pub fn keeps_values(self) -> bool {
        matches!(self, Problem::RateLimited { .. } | Problem::Unavailable)
    }

    /// Its message in `lang`.
    pub fn message(self, i18n: &I18n, lang: &str) -> Result<String, FormViewError> {
        let mut args = fluent_bundle::FluentArgs::new();
        if let Problem::RateLimited { minutes } = self {
            args.set("minutes", minutes);
        }
        i18n.translate(lang, self.key(), Some(&args))
            .map_err(FormViewError::Translate)
    }
}

#[derive(Serialize)]
pub struct FormView {
    pub name: String,
    /// Where the form posts: `/forms/contact`.
    pub action: String,
    pub lang: String,
    pub fields: Vec<FieldView>,
    /// The mistakes, in field order, for a summary at the top.
    pub errors: Vec<ErrorLink>,
    pub submit: String,
    /// The hidden fields to add: the language, the page, and the honeypot.
    pub lang_field: &'static str,
    pub page_field: &'static str,
    pub honeypot: &'static str,
    pub honeypot_label: String,
    /// "Fields marked * are required", in the page's language.
    pub required_note: String,
    /// The summary's heading, fitted to what went wrong: answers missing,
    /// answers to correct, both, or a submission that did not arrive.
    pub error_title: String,
    /// Why the submission did not arrive, when it was not the answers.
    pub problem: Option<String>,
    /// The id of the error summary, which takes the focus when shown.
    pub summary_id: String,
    /// Whether a field is required only after a choice (`required_when`):
    /// the form then carries the script that marks it so as she chooses.
    pub has_conditions: bool,
}

#[derive(Serialize)]
pub struct FieldView {
    pub name: String,
    pub id: String,
    /// The HTML input type, or `textarea`, `select`, `checkbox`.
    pub kind: &'static str,
    pub label: String,
    pub hint: Option<String>,
    pub required: bool,
    pub autocomplete: String,
    pub max_length: usize,
    pub value: String,
    pub checked: bool,
    pub options: Vec<OptionView>,
    pub error: Option<String>,
    /// The ids of the hint and error, for `aria-describedby`.
    pub described_by: String,
    /// Whether ticking it records consent (a `consent = true` checkbox).
    pub consent: bool,
    /// When another field's choice makes it required (`required_when`);
    /// its note is part of `hint` already.
    pub required_when: Option<RequiredWhenView>,
}

/// A field required only when another field holds a given value: what
/// the form's script and the privacy notice need to say so.
#[derive(Serialize)]
pub struct RequiredWhenView {
    /// The id of the select whose choice makes the field required.
    pub field: String,
    /// The values of that select that do.
    pub values: Vec<String>,
    /// Their labels in the page's language, joined: "Telefonisch".
    pub choice: String,
    /// "Required if you choose “By phone”.", in the page's language.
    pub note: String,
}

#[derive(Serialize)]
pub struct OptionView {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Serialize)]
pub struct ErrorLink {
    pub id: String,
    pub label: String,
    pub message: String,
    /// The label and the message as one line of the summary (see
    /// [`label_and_message`]).
    pub text: String,
}

/// Builds the view of `form` in `lang`; an error names every missing UI
/// string at once, so that a new form takes one round to complete. Every
/// string may say how long submissions are kept, `{ $retention_days }`,
/// so that a hint never drifts from `[submissions] retention_days`.
pub fn form_view(
    name: &str,
    form: &FormSpec,
    i18n: &I18n,
    lang: &str,
    base_path: &str,
    state: Option<&FormState>,
    retention_days: u32,
) -> Result<FormView, FormViewError> {
    let strings = FormStrings::new(i18n, lang, retention_days);
    let view = build_view(name, form, &strings, base_path, state)?;
    match strings.missing.into_inner() {
        missing if missing.is_empty() => Ok(view),
        keys => Err(FormViewError::MissingStrings {
            lang: lang.to_owned(),
            keys,
        }),
    }
}

/// The UI strings `form` needs in `lang` and that are not there, in the
/// order the form uses them.
pub fn missing_ui_strings(name: &str, form: &FormSpec, i18n: &I18n, lang: &str) -> Vec<String> {
    let strings = FormStrings::new(i18n, lang, 0);
    // Only a string that exists but cannot be formatted fails here; it is
    // reported when a page shows the form.
    let _ = build_view(name, form, &strings, "", None);
    strings.missing.into_inner()
}

/// "no UI strings `a` and `b` in language `fr`: add them to i18n/fr.ftl"
fn missing_message(lang: &str, missing: &[String]) -> String {
    let names: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
    match names.as_slice() {
        [one] => format!("no UI string {one} in language `{lang}`: add it to i18n/{lang}.ftl"),
        [first @ .., last] => format!(
            "no UI strings {} and {last} in language `{lang}`: add them to i18n/{lang}.ftl",
            first.join(", ")
        ),
        [] => String::new(),
    }
}

/// A form's UI strings (labels, hints, errors) in one language, from the
/// site's Fluent files, noting each missing one and going on, so that all of
/// them are named at once.
struct FormStrings<'a> {
    i18n: &'a I18n,
    lang: &'a str,
    missing: std::cell::RefCell<Vec<String>>,
    /// What every string may use: `retention_days`.
    args: fluent_bundle::FluentArgs<'static>,
    retention_days: u32,
}

impl<'a> FormStrings<'a> {
    fn new(i18n: &'a I18n, lang: &'a str, retention_days: u32) -> Self {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("retention_days", retention_days);
        FormStrings {
            i18n,
            lang,
            missing: Default::default(),
            args,
            retention_days,
        }
    }

    fn get(&self, key: &str) -> Result<String, FormViewError> {
        if !self.i18n.has(self.lang, key) {
            self.missing.borrow_mut().push(key.to_owned());
            return Ok(String::new());
        }
        self.i18n
            .translate(self.lang, key, Some(&self.args))
            .map_err(FormViewError::Translate)
    }

    /// A string with arguments of its own besides `retention_days`.
    fn with_args(
        &self,
        key: &str,
        mut args: fluent_bundle::FluentArgs<'static>,
    ) -> Result<String, FormViewError> {
        if !self.i18n.has(self.lang, key) {
            self.missing.borrow_mut().push(key.to_owned());
            return Ok(String::new());
        }
        args.set("retention_days", self.retention_days);
        self.i18n
            .translate(self.lang, key, Some(&args))
            .map_err(FormViewError::Translate)
    }

    fn optional(&self, key: &str) -> Result<Option<String>, FormViewError> {
        if self.i18n.has(self.lang, key) {
            self.get(key).map(Some)
        } else {
            Ok(None)
        }
    }
}

fn build_view(
    name: &str,
    form: &FormSpec,
    strings: &FormStrings,
    base_path: &str,
    state: Option<&FormState>,
) -> Result<FormView, FormViewError> {
    let (i18n, lang) = (strings.i18n, strings.lang);
    let t = |key: &str| strings.get(key);
    let optional = |key: &str| strings.optional(key);
    let state = state.filter(|s| s.form == name);
    let mut fields = Vec::new();
    let mut errors = Vec::new();
    for field in &form.fields {
        let id = format!("form-{name}-{}", field.name);
        let key = format!("form-{name}-{}", field.name);
        let label = t(&format!("{key}-label"))?;
        let required_when = match &field.required_when {
            Some(condition) => {
                let choice = condition
                    .values
                    .iter()
                    .map(|v| t(&format!("form-{name}-{}-{v}", condition.field)))
                    .collect::<Result<Vec<_>, _>>()?
                    .join(" / ");
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("choice", choice.clone());
                let note = strings.with_args("form-required-when", args)?;
                Some(RequiredWhenView {
                    field: format!("form-{name}-{}", condition.field),
                    values: condition.values.clone(),
                    choice,
                    note,
                })
            }
            None => None,
        };
        let own_hint = optional(&format!("{key}-hint"))?;
        let hint = match (own_hint, &required_when) {
            (Some(hint), Some(when)) => Some(format!("{hint} {}", when.note)),
            (None, Some(when)) => Some(when.note.clone()),
            (hint, None) => hint,
        };
        let value = state
            .and_then(|s| s.values.get(&field.name))
            .cloned()
            .unwrap_or_default();
        let error = match state.and_then(|s| s.errors.get(&field.name).map(|e| (s, e))) {
            Some((s, e)) => Some(error_message(i18n, lang, name, field, *e, &s.values)?),
            None => None,
        };
        let mut described_by = Vec::new();
        if hint.is_some() {
            described_by.push(format!("{id}-hint"));
        }
        if let Some(message) = &error {
            described_by.push(format!("{id}-error"));
            errors.push(ErrorLink {
                id: id.clone(),
                text: i18n
                    .typeset(lang, &label_and_message(&label, message, lang))
                    .into_owned(),
                label: label.clone(),
                message: message.clone(),
            });
        }
        let options = field
            .options
            .iter()
            .map(|option| {
                Ok(OptionView {
                    value: option.clone(),
                    label: t(&format!("{key}-{option}"))?,
                    selected: &value == option,
                })
            })
            .collect::<Result<Vec<_>, FormViewError>>()?;
        fields.push(FieldView {
            kind: match field.kind {
                FieldType::Text => "text",
                FieldType::Email => "email",
                FieldType::Tel => "tel",
                FieldType::Textarea => "textarea",
                FieldType::Select => "select",
                FieldType::Checkbox => "checkbox",
                FieldType::Date => "date",
            },
            checked: matches!(value.as_str(), "on" | "yes" | "true" | "1"),
            name: field.name.clone(),
            label,
            hint,
            // After a submission that chose what makes it required, the
            // form shows it required even before any script runs.
            required: field.required
                || state.is_some_and(|s| super::validate::required_by_choice(field, &s.values)),
            autocomplete: field.autocomplete().to_owned(),
            max_length: field.max_length(),
            value,
            options,
            error,
            described_by: described_by.join(" "),
            id,
            consent: field.consent,
            required_when,
        });
    }
    let problem = match state.and_then(|s| s.problem) {
        Some(problem) => Some(problem.message(i18n, lang)?),
        None => None,
    };
    let error_title = if problem.is_some() {
        t("form-problem-title")?
    } else {
        summary_title(strings, state)?
    };
    Ok(FormView {
        has_conditions: fields.iter().any(|f| f.required_when.is_some()),
        summary_id: format!("form-{name}-errors"),
        problem,
        error_title,
        name: name.to_owned(),
        action: format!("{base_path}/forms/{name}"),
        lang: lang.to_owned(),
        fields,
        errors,
        submit: t(&format!("form-{name}-submit"))?,
        lang_field: LANG_FIELD,
        page_field: PAGE_FIELD,
        honeypot: HONEYPOT,
        honeypot_label: t("form-honeypot-label")?,
        required_note: t("form-required-note")?,
    })
}

/// The summary's heading: "an answer is missing" when only required
/// answers are missing, "an answer needs correcting" when only answers
/// given are wrong (a malformed e-mail is not missing), the general
/// `form-error-title` when both. A theme without the two specific strings
/// gets the general one.
fn summary_title(
    strings: &FormStrings,
    state: Option<&FormState>,
) -> Result<String, FormViewError> {
    let Some(state) = state.filter(|s| !s.errors.is_empty()) else {
        // Looked up even then, so that a missing string is reported with
        // the form's others rather than on a visitor's first mistake.
        return strings.get("form-error-title");
    };
    let missing = state.errors.values().filter(|e| e.is_missing()).count();
    let wrong = state.errors.len() - missing;
    let (key, count) = match (missing, wrong) {
        (_, 0) => ("form-error-title-missing", missing),
        (0, _) => ("form-error-title-invalid", wrong),
        _ => return strings.get("form-error-title"),
    };
    if !strings.i18n.has(strings.lang, key) {
        return strings.get("form-error-title");
    }
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("count", count);
    strings
        .i18n
        .translate(strings.lang, key, Some(&args))
        .map_err(FormViewError::Translate)
}

/// A line of the error summary: the field's label, then the message. A
/// label that ends in its own punctuation ("…les entretiens ?", a consent
/// sentence with its full stop) is not given a colon after it as well; the
/// language's typography then spaces what remains (a French colon takes
/// its no-break space). After a colon the message goes on in lower case
/// where the language writes it so (see [`lower_case_after_colon`]).
pub fn label_and_message(label: &str, message: &str, lang: &str) -> String {
    let label = label.trim_end();
    match label.chars().last() {
        Some('?' | '!' | ':' | '.' | '…') => format!("{label} {message}"),
        _ if lower_case_after_colon(lang) => format!("{label}: {}", lower_first(message)),
        _ => format!("{label}: {message}"),
    }
}

/// Whether a sentence that follows a colon starts in lower case: French
/// and Dutch write "Nom : ce champ est obligatoire." and "Naam: dit veld
/// is verplicht."; English and German often keep the capital.
fn lower_case_after_colon(lang: &str) -> bool {
    !matches!(lang.split(['-', '_']).next(), Some("en" | "de"))
}

/// `text` with its first letter in lower case, unless its first word is
/// written in capitals (an abbreviation: "IBAN", "E-MAIL") or has a
/// capital further on (a name like "McDonald").
fn lower_first(text: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return text.into();
    };
    let word: String = chars
        .take_while(|c| !c.is_whitespace())
        .filter(|c| c.is_alphabetic())
        .collect();
    if !first.is_uppercase() || word.chars().any(char::is_uppercase) {
        return text.into();
    }
    format!("{}{}", first.to_lowercase(), &text[first.len_utf8()..]).into()
}

/// The message for a mistake in `field` of form `form`, in `lang`: the
/// form's own message for that field and rule if the site gives one
/// (`form-intake-phone-error-required-when`), else the theme's for the
/// rule (`form-error-required-when`), else — for a rule an older theme
/// lacks a message for — the theme's "required". `values` is what was
/// submitted: a message may name the choice that made a field required.
pub fn error_message(
    i18n: &I18n,
    lang: &str,
    form: &str,
    field: &FieldSpec,
    error: FieldError,
    values: &BTreeMap<String, String>,
) -> Result<String, FormViewError> {
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("max", field.max_length() as i64);
    if let Some(condition) = &field.required_when {
        let chosen = values
            .get(&condition.field)
            .map(|v| v.trim())
            .unwrap_or_default();
        let label_key = format!("form-{form}-{}-{chosen}", condition.field);
        let choice = i18n
            .translate(lang, &label_key, None)
            .unwrap_or_else(|_| chosen.to_owned());
        args.set("choice", choice);
    }
    let own = error.field_key(form, &field.name);
    let key = if i18n.has(lang, &own) {
        own
    } else if i18n.has(lang, &error.key()) || !error.is_missing() {
        error.key()
    } else {
        FieldError::Required.key()
    };
    i18n.translate(lang, &key, Some(&args))
        .map_err(FormViewError::Translate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{BuildOptions, Workspace};

    fn example_forms() -> indexmap::IndexMap<String, FormSpec> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        crate::config::Config::load(root)
            .expect("site.toml loads")
            .forms
    }

    #[test]
    fn each_mistake_reads_as_its_own_message_in_the_visitors_language() {
        let i18n = example_i18n();
        let forms = example_forms();
        let message = |lang, form: &str, field: &str, error, values: &[(&str, &str)]| {
            let values = values
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let spec = forms[form].field(field).unwrap();
            error_message(&i18n, lang, form, spec, error, &values).unwrap()
        };
        assert_eq!(
            message("nl", "contact", "email", FieldError::Required, &[]),
            "Dit veld is verplicht."
        );
        assert_eq!(
            message("fr", "contact", "email", FieldError::Required, &[]),
            "Ce champ est obligatoire."
        );
        assert!(message("nl", "contact", "name", FieldError::TooLong, &[]).contains("120"));
        assert!(message("nl", "contact", "email", FieldError::Email, &[]).contains("e-mailadres"));
        assert!(message("nl", "intake", "phone", FieldError::Tel, &[]).contains("telefoonnummer"));
        assert!(
            message("nl", "intake", "language", FieldError::Option, &[]).contains("mogelijkheden")
        );
    }

    #[test]
    fn a_checkbox_is_ticked_and_a_field_a_choice_needs_says_so() {
        let i18n = example_i18n();
        let forms = example_forms();
        let chose_phone: BTreeMap<String, String> =
            [("contact_by".to_owned(), "phone".to_owned())].into();
        let say = |lang, form: &str, field: &str, error| {
            let spec = forms[form].field(field).unwrap();
            error_message(&i18n, lang, form, spec, error, &chose_phone).unwrap()
        };
        // The intake form's own messages, declared in the site's i18n.
        assert_eq!(
            say("nl", "intake", "consent", FieldError::Unticked),
            "Vink dit vakje aan om je aanmelding te versturen."
        );
        assert_eq!(
            say("fr", "intake", "consent", FieldError::Unticked),
            "Cochez cette case pour envoyer votre demande."
        );
        assert_eq!(
            say("nl", "intake", "phone", FieldError::RequiredWhen),
            "Vul je telefoonnummer in, dan kan ik je bellen."
        );
        assert_eq!(
            say("fr", "intake", "phone", FieldError::RequiredWhen),
            "Indiquez votre numéro de téléphone pour que je puisse vous appeler."
        );
        // The theme's, for a form that declares none: a box to tick, a
        // field the choice named needs.
        let mut form: FormSpec = toml::from_str(
            "thanks = \"bedankt\"\nfields = [\n  { name = \"akkoord\", type = \"checkbox\", required = true },\n  { name = \"way\", type = \"select\", options = [\"phone\"] },\n  { name = \"nr\", type = \"tel\", required_when = { way = \"phone\" } },\n]\n",
        )
        .unwrap();
        form.fields.truncate(3);
        let values: BTreeMap<String, String> = [("way".to_owned(), "phone".to_owned())].into();
        let theme = |lang, field: &str, error| {
            error_message(
                &i18n,
                lang,
                "nieuw",
                form.field(field).unwrap(),
                error,
                &values,
            )
            .unwrap()
        };
        assert_eq!(
            theme("nl", "akkoord", FieldError::Unticked),
            "Vink dit vakje aan."
        );
        assert_eq!(
            theme("fr", "akkoord", FieldError::Unticked),
            "Cochez cette case."
        );
        assert_eq!(
            theme("nl", "nr", FieldError::RequiredWhen),
            "Je koos „phone”: vul dit veld dan ook in."
        );
    }

    #[test]
    fn a_label_with_its_own_punctuation_takes_no_colon_in_the_summary() {
        assert_eq!(
            label_and_message("Name", "Required.", "en"),
            "Name: Required."
        );
        for label in ["Waarover?", "Nu!", "Datum:", "Ik ga akkoord.", "En dan…"] {
            let line = label_and_message(label, "Verplicht.", "nl");
            assert_eq!(line, format!("{label} Verplicht."));
        }
        assert_eq!(
            label_and_message("Naam  ", "Verplicht.", "nl"),
            "Naam: verplicht.",
            "the label's trailing spaces do not stand before the colon"
        );
        let french = crate::typography::french(&label_and_message(
            "De quoi souhaitez-vous parler ?",
            "Ce champ est obligatoire.",
            "fr",
        ))
        .into_owned();
        assert_eq!(
            french,
            "De quoi souhaitez-vous parler\u{202f}? Ce champ est obligatoire."
        );
    }

    #[test]
    fn french_and_dutch_go_on_in_lower_case_after_the_colon() {
        assert_eq!(
            crate::typography::french(&label_and_message("Nom", "Ce champ est obligatoire.", "fr")),
            "Nom\u{a0}: ce champ est obligatoire."
        );
        assert_eq!(
            label_and_message("Naam", "Dit veld is verplicht.", "nl"),
            "Naam: dit veld is verplicht."
        );
        assert_eq!(
            label_and_message("Compte", "IBAN incomplet.", "fr"),
            "Compte: IBAN incomplet.",
            "an abbreviation keeps its capitals"
        );
        assert_eq!(
            label_and_message("Nom", "Écrivez-le en entier.", "fr"),
            "Nom: écrivez-le en entier."
        );
    }

    fn example_i18n() -> std::sync::Arc<I18n> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let build = Workspace::new(root, BuildOptions::default()).build();
        std::sync::Arc::clone(&build.pages.as_ref().expect("the example site builds").i18n)
    }

    /// The summary's heading for these mistakes in the example's contact form.
    fn heading(i18n: &I18n, lang: &str, errors: &[(&str, FieldError)]) -> String {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::config::Config::load(root).expect("site.toml loads");
        let state = FormState {
            form: "contact".into(),
            errors: errors.iter().map(|(f, e)| (f.to_string(), *e)).collect(),
            ..FormState::default()
        };
        let form = &config.forms["contact"];
        form_view("contact", form, i18n, lang, "", Some(&state), 180)
            .unwrap()
            .error_title
    }

    #[test]
    fn the_summary_heading_says_whether_answers_are_missing_or_wrong() {
        let i18n = example_i18n();
        let missing = [("name", FieldError::Required)];
        let wrong = [("email", FieldError::Email)];
        let both = [("name", FieldError::Required), ("email", FieldError::Email)];
        assert_eq!(
            heading(&i18n, "nl", &missing),
            "Er ontbreekt nog een antwoord"
        );
        assert_eq!(
            heading(
                &i18n,
                "nl",
                &[
                    ("name", FieldError::Required),
                    ("message", FieldError::Required)
                ]
            ),
            "Er ontbreken nog 2 antwoorden"
        );
        assert_eq!(heading(&i18n, "nl", &wrong), "Een antwoord klopt nog niet");
        assert_eq!(
            heading(&i18n, "nl", &both),
            "Kijk het formulier nog even na"
        );
        assert_eq!(heading(&i18n, "fr", &missing), "Il manque une réponse");
        assert_eq!(
            heading(
                &i18n,
                "fr",
                &[
                    ("email", FieldError::Email),
                    ("message", FieldError::TooLong)
                ]
            ),
            "2 réponses sont à corriger"
        );
        assert_eq!(
            heading(&i18n, "fr", &both),
            "Merci de vérifier le formulaire"
        );
    }

    #[test]
    fn only_a_submission_fine_in_itself_is_shown_again_with_its_answers() {
        assert!(Problem::RateLimited { minutes: 3 }.keeps_values());
        assert!(Problem::Unavailable.keeps_values());
        for problem in [Problem::TooLarge, Problem::WrongOrigin, Problem::Refused] {
            assert!(!problem.keeps_values(), "{problem:?}");
        }
    }

    #[test]
    fn each_problem_is_said_in_the_visitors_language() {
        let i18n = example_i18n();
        let say = |problem: Problem, lang| problem.message(&i18n, lang).unwrap();
        assert!(say(Problem::RateLimited { minutes: 1 }, "nl").contains("over een minuut opnieuw"));
        assert!(say(Problem::RateLimited { minutes: 7 }, "fr").contains("Réessayez dans 7"));
        assert!(say(Problem::Unavailable, "nl").starts_with("Door een storing"));
        assert!(say(Problem::TooLarge, "fr").contains("trop long pour être envoyé"));
        assert!(say(Problem::WrongOrigin, "nl").contains("niet van een pagina van deze site"));
        assert!(say(Problem::Refused, "fr").contains("n’a pas pu être lu"));
    }

    #[test]
    fn a_form_lacking_strings_names_them_all_at_once() {
        let i18n = example_i18n();
        let form: FormSpec = toml::from_str(
            "thanks = \"bedankt\"\nfields = [\n  { name = \"name\", type = \"text\" },\n  { name = \"vraag\", type = \"textarea\" },\n]\n",
        )
        .unwrap();
        let missing = missing_ui_strings("nieuw", &form, &i18n, "nl");
        assert_eq!(
            missing,
            [
                "form-nieuw-name-label",
                "form-nieuw-vraag-label",
                "form-nieuw-submit"
            ]
        );
        let error = form_view("nieuw", &form, &i18n, "nl", "", None, 180)
            .err()
            .expect("a form without its strings cannot be shown")
            .to_string();
        assert_eq!(
            error,
            "no UI strings `form-nieuw-name-label`, `form-nieuw-vraag-label` and \
             `form-nieuw-submit` in language `nl`: add them to i18n/nl.ftl"
        );
        assert_eq!(
            missing_message("fr", &["form-x-submit".into()]),
            "no UI string `form-x-submit` in language `fr`: add it to i18n/fr.ftl"
        );
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::config::Config::load(root).expect("site.toml loads");
        for lang in ["nl", "fr"] {
            let contact = &config.forms["contact"];
            assert!(missing_ui_strings("contact", contact, &i18n, lang).is_empty());
            assert!(form_view("contact", contact, &i18n, lang, "", None, 180).is_ok());
        }
    }

    #[test]
    fn the_intake_view_carries_its_hints_and_what_was_chosen() {
        let i18n = example_i18n();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::config::Config::load(root).expect("site.toml loads");
        let state = FormState {
            form: "intake".into(),
            values: [("language".to_owned(), "fr".to_owned())].into(),
            ..FormState::default()
        };
        let intake = &config.forms["intake"];
        let view = form_view("intake", intake, &i18n, "nl", "", Some(&state), 180).unwrap();
        let field = |name: &str| view.fields.iter().find(|f| f.name == name).unwrap();
        assert_eq!(
            field("phone").hint.as_deref(),
            Some("Verplicht als je „Telefonisch” kiest."),
            "the hint says which choice makes the number required"
        );
        assert_eq!(
            field("name").hint,
            None,
            "no hint where the site gives none"
        );
        let chosen: Vec<(&str, bool)> = field("language")
            .options
            .iter()
            .map(|o| (o.value.as_str(), o.selected))
            .collect();
        assert_eq!(chosen, [("nl", false), ("fr", true)]);
    }
}
