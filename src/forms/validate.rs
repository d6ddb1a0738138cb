//! Reading a submitted body and checking it against the form's declaration.

use std::collections::BTreeMap;

use percent_encoding::percent_decode;
use serde::Serialize;

use crate::config::forms::{FieldSpec, FieldType, FormSpec, HONEYPOT, LANG_FIELD, PAGE_FIELD};

/// The most fields a body may carry, declared or not.
pub const MAX_FIELDS: usize = 60;

/// Why a request is refused outright (a 4xx, nothing stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    NoSuchForm(String),
    WrongOrigin,
    UnsupportedContentType,
    TooLarge,
    /// Over the client's allowance; it may try again in this many seconds.
    RateLimited {
        retry_after: u64,
    },
    BadEncoding,
    Malformed(String),
    TooManyFields,
    Honeypot,
    UnknownField(String),
    RepeatedField(String),
    LineBreak(String),
    UnknownLanguage(String),
}

impl Rejection {
    pub fn status(&self) -> u16 {
        match self {
            Rejection::NoSuchForm(_) => 404,
            Rejection::WrongOrigin => 403,
            Rejection::UnsupportedContentType => 415,
            Rejection::TooLarge | Rejection::TooManyFields => 413,
            Rejection::RateLimited { .. } => 429,
            _ => 400,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Rejection::NoSuchForm(name) => format!("there is no form `{name}`"),
            Rejection::WrongOrigin => "the form was not sent from this site".into(),
            Rejection::UnsupportedContentType => {
                "send application/x-www-form-urlencoded or application/json".into()
            }
            Rejection::TooLarge => "the submission is too large".into(),
            Rejection::RateLimited { retry_after } => format!(
                "too many submissions from here; try again in {} minute{}",
                retry_after.div_ceil(60),
                if retry_after.div_ceil(60) == 1 {
                    ""
                } else {
                    "s"
                }
            ),
            Rejection::BadEncoding => "the submission is not valid UTF-8".into(),
            Rejection::Malformed(why) => format!("the submission cannot be read: {why}"),
            Rejection::TooManyFields => "the submission has too many fields".into(),
            Rejection::Honeypot => "the submission was refused".into(),
            Rejection::UnknownField(name) => format!("the form has no field `{name}`"),
            Rejection::RepeatedField(name) => format!("the field `{name}` was sent twice"),
            Rejection::LineBreak(name) => format!("the field `{name}` cannot hold a line break"),
            Rejection::UnknownLanguage(lang) => format!("`{lang}` is not a language of this site"),
        }
    }
}

/// What is wrong with one field's value; shown to the visitor in their language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldError {
    /// A required field left empty.
    Required,
    /// A required checkbox left unticked: not "filled in", ticked.
    Unticked,
    /// Left empty although another field's choice needs it
    /// (`required_when`): the phone number of someone who asked to be called.
    RequiredWhen,
    TooLong,
    Email,
    Tel,
    Date,
    Option,
}

impl FieldError {
    /// The rule's name, as the Fluent keys spell it: `required`, `too-long`…
    pub fn name(self) -> &'static str {
        match self {
            FieldError::Required => "required",
            FieldError::Unticked => "unticked",
            FieldError::RequiredWhen => "required-when",
            FieldError::TooLong => "too-long",
            FieldError::Email => "email",
            FieldError::Tel => "tel",
            FieldError::Date => "date",
            FieldError::Option => "option",
        }
    }

    /// The Fluent key of the theme's message: `form-error-required`…
    pub fn key(self) -> String {
        format!("form-error-{}", self.name())
    }

    /// The Fluent key of a message one form gives one field for this rule,
    /// which replaces the theme's: `form-intake-phone-error-required-when`.
    pub fn field_key(self, form: &str, field: &str) -> String {
        format!("form-{form}-{field}-error-{}", self.name())
    }

    /// Whether the answer is missing (rather than given and wrong): the
    /// error summary's heading counts them apart.
    pub fn is_missing(self) -> bool {
        matches!(
            self,
            FieldError::Required | FieldError::Unticked | FieldError::RequiredWhen
        )
    }
}

/// A submission that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valid {
    pub lang: Option<String>,
    /// Declared fields in declaration order; absent optional fields are empty.
    pub values: Vec<(String, String)>,
    /// Whether a consent checkbox was ticked.
    pub consent: bool,
}

/// A submission with mistakes the visitor can correct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub lang: Option<String>,
    pub values: BTreeMap<String, String>,
    pub errors: BTreeMap<String, FieldError>,
}

/// What a browser sent, read only to show the form again when the
/// submission could not be taken as it was (a limit, a storage failure):
/// the form's own fields, the language and the page, nothing else.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    pub lang: Option<String>,
    pub page: Option<String>,
    pub values: BTreeMap<String, String>,
}

/// Reads a form-encoded `body` as [`Typed`]; what cannot be read is left
/// out rather than refused, since nothing of it is stored.
pub fn typed(form: Option<&FormSpec>, body: &[u8]) -> Typed {
    let mut typed = Typed::default();
    for (name, value) in parse_urlencoded(body).unwrap_or_default() {
        match name.as_str() {
            LANG_FIELD => typed.lang = Some(value),
            PAGE_FIELD => typed.page = Some(value),
            _ if form.is_some_and(|f| f.field(&name).is_some()) => {
                typed.values.insert(name, value);
            }
            _ => {}
        }
    }
    typed
}

/// `a=1&b=2` into pairs, refusing bytes that are not UTF-8 and a `%` that
/// does not start an escape (`%zz`): what it meant cannot be known, and
/// keeping it as written would store something no browser sent.
pub fn parse_urlencoded(body: &[u8]) -> Result<Vec<(String, String)>, Rejection> {
    let mut pairs = Vec::new();
    for part in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match part.iter().position(|&b| b == b'=') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => (part, &b""[..]),
        };
        let decode = |raw: &[u8]| -> Result<String, Rejection> {
            if let Some(at) = broken_escape(raw) {
                let shown = String::from_utf8_lossy(&raw[at..raw.len().min(at + 3)]).into_owned();
                return Err(Rejection::Malformed(format!(
                    "`{shown}` is not a %-escape (a percent sign is written %25)"
                )));
            }
            let spaced: Vec<u8> = raw
                .iter()
                .map(|&b| if b == b'+' { b' ' } else { b })
                .collect();
            let bytes: Vec<u8> = percent_decode(&spaced).collect();
            String::from_utf8(bytes).map_err(|_| Rejection::BadEncoding)
        };
        pairs.push((decode(name)?, decode(value)?));
        if pairs.len() > MAX_FIELDS {
            return Err(Rejection::TooManyFields);
        }
    }
    Ok(pairs)
}

/// Where in `raw` a `%` is not followed by two hexadecimal digits.
fn broken_escape(raw: &[u8]) -> Option<usize> {
    raw.iter().enumerate().find_map(|(at, &b)| {
        let escape = raw.get(at + 1..at + 3);
        (b == b'%' && !escape.is_some_and(|e| e.iter().all(u8::is_ascii_hexdigit))).then_some(at)
    })
}

/// A JSON object's members in the order written, duplicates kept, so that
/// a name given twice can be refused: `serde_json::Value` would keep the
/// last one silently, and which one a reader sees is then a guess.
struct Members(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Members;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object of field values")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(Visitor)
    }
}

/// A JSON object of strings (and booleans, for checkboxes) into pairs; a
/// name given twice is refused.
pub fn parse_json(body: &[u8]) -> Result<Vec<(String, String)>, Rejection> {
    let text = std::str::from_utf8(body).map_err(|_| Rejection::BadEncoding)?;
    let Members(object) = serde_json::from_str(text).map_err(|e| {
        Rejection::Malformed(if e.is_data() {
            "expected a JSON object of field values".into()
        } else {
            e.to_string()
        })
    })?;
    if object.len() > MAX_FIELDS {
        return Err(Rejection::TooManyFields);
    }
    let mut names = std::collections::HashSet::new();
    if let Some((name, _)) = object.iter().find(|(name, _)| !names.insert(name)) {
        return Err(Rejection::RepeatedField(name.clone()));
    }
    object
        .iter()
        .map(|(name, value)| {
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Bool(true) => "on".into(),
                serde_json::Value::Bool(false) | serde_json::Value::Null => String::new(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => {
                    return Err(Rejection::Malformed(format!(
                        "the field `{name}` must be a string"
                    )));
                }
            };
            Ok((name.clone(), text))
        })
        .collect()
}

/// Checks submitted pairs against the form: refusals first (fields the form
/// does not have, the honeypot, line breaks where none can be), then the
/// visitor's own mistakes.
pub fn validate(
    form: &FormSpec,
    pairs: Vec<(String, String)>,
    languages: &[&str],
) -> Result<Result<Valid, Invalid>, Rejection> {
    let mut given: BTreeMap<String, String> = BTreeMap::new();
    let mut lang = None;
    for (name, value) in pairs {
        if name == HONEYPOT {
            if !value.trim().is_empty() {
                return Err(Rejection::Honeypot);
            }
            continue;
        }
        if name == LANG_FIELD {
            if !languages.contains(&value.as_str()) {
                return Err(Rejection::UnknownLanguage(value));
            }
            lang = Some(value);
            continue;
        }
        let Some(field) = form.field(&name) else {
            return Err(Rejection::UnknownField(name));
        };
        if field.kind.single_line() && value.contains(['\r', '\n']) {
            return Err(Rejection::LineBreak(name));
        }
        if given.contains_key(&name) {
            return Err(Rejection::RepeatedField(name));
        }
        given.insert(name, value);
    }

    let mut errors = BTreeMap::new();
    let mut values = Vec::new();
    let mut consent = false;
    for field in &form.fields {
        let raw = given.get(&field.name).map(String::as_str).unwrap_or("");
        let value = if field.kind == FieldType::Textarea {
            raw.trim().replace("\r\n", "\n")
        } else {
            raw.trim().to_owned()
        };
        let error = if field.kind == FieldType::Checkbox {
            let ticked = matches!(value.as_str(), "on" | "yes" | "true" | "1");
            if ticked && field.consent {
                consent = true;
            }
            (field.required && !ticked).then_some(FieldError::Unticked)
        } else if value.is_empty() {
            if field.required {
                Some(FieldError::Required)
            } else if required_by_choice(field, &given) {
                Some(FieldError::RequiredWhen)
            } else {
                None
            }
        } else if value.chars().count() > field.max_length() {
            Some(FieldError::TooLong)
        } else {
            match field.kind {
                FieldType::Email if !is_email(&value) => Some(FieldError::Email),
                FieldType::Tel if !is_phone(&value) => Some(FieldError::Tel),
                FieldType::Date if !is_date(&value) => Some(FieldError::Date),
                FieldType::Select if !field.options.contains(&value) => Some(FieldError::Option),
                _ => None,
            }
        };
        if let Some(error) = error {
            errors.insert(field.name.clone(), error);
        }
        let stored = if field.kind == FieldType::Checkbox {
            if matches!(value.as_str(), "on" | "yes" | "true" | "1") {
                "yes".to_owned()
            } else {
                "no".to_owned()
            }
        } else {
            value
        };
        values.push((field.name.clone(), stored));
    }
    if errors.is_empty() {
        Ok(Ok(Valid {
            lang,
            values,
            consent,
        }))
    } else {
        Ok(Err(Invalid {
            lang,
            values: given,
            errors,
        }))
    }
}

/// Whether another field's answer makes `field` required (its
/// `required_when` holds for what was submitted). The one rule both
/// servers enforce, since both answer through [`validate`].
pub fn required_by_choice(field: &FieldSpec, given: &BTreeMap<String, String>) -> bool {
    field.required_when.as_ref().is_some_and(|condition| {
        given
            .get(&condition.field)
            .is_some_and(|chosen| condition.holds_for(chosen))
    })
}

/// `name@domain.tld`, no spaces, one `@`: what a person can type by mistake
/// is caught; the rest is the mail server's business.
fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == ',')
}

/// Digits with the usual separators, 6 to 20 digits.
fn is_phone(value: &str) -> bool {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    (6..=20).contains(&digits)
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().//".contains(c))
}

fn is_date(value: &str) -> bool {
    value.len() == 10 && jiff::civil::Date::strptime("%Y-%m-%d", value).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> FormSpec {
        let field = |name: &str, kind, required| FieldSpec {
            name: name.into(),
            kind,
            required,
            max_length: None,
            options: if kind == FieldType::Select {
                vec!["email".into(), "phone".into()]
            } else {
                vec![]
            },
            autocomplete: None,
            consent: name == "consent",
            required_when: None,
        };
        FormSpec {
            thanks: "bedankt".into(),
            fields: vec![
                field("name", FieldType::Text, true),
                field("email", FieldType::Email, true),
                field("phone", FieldType::Tel, false),
                field("way", FieldType::Select, false),
                field("message", FieldType::Textarea, true),
                field("consent", FieldType::Checkbox, true),
            ],
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn urlencoded_with_plus_and_percent() {
        let p = parse_urlencoded(b"name=Anne+Dupr%C3%A9&message=a%0Ab").unwrap();
        assert_eq!(p, pairs(&[("name", "Anne Dupré"), ("message", "a\nb")]));
        assert_eq!(parse_urlencoded(b"name=%FF"), Err(Rejection::BadEncoding));
    }

    #[test]
    fn a_good_submission() {
        let valid = validate(
            &form(),
            pairs(&[
                ("_lang", "fr"),
                ("name", " Anne "),
                ("email", "anne@example.be"),
                ("message", "Bonjour"),
                ("consent", "on"),
                ("website", ""),
            ]),
            &["nl", "fr"],
        )
        .unwrap()
        .unwrap();
        assert_eq!(valid.lang.as_deref(), Some("fr"));
        assert!(valid.consent);
        assert_eq!(valid.values[0], ("name".into(), "Anne".into()));
    }

    #[test]
    fn mistakes_are_listed_per_field() {
        let invalid = validate(
            &form(),
            pairs(&[
                ("name", ""),
                ("email", "anne@"),
                ("phone", "12"),
                ("way", "pigeon"),
                ("message", "x"),
            ]),
            &["nl"],
        )
        .unwrap()
        .unwrap_err();
        assert_eq!(invalid.errors["name"], FieldError::Required);
        assert_eq!(invalid.errors["email"], FieldError::Email);
        assert_eq!(invalid.errors["phone"], FieldError::Tel);
        assert_eq!(invalid.errors["way"], FieldError::Option);
        assert_eq!(invalid.errors["consent"], FieldError::Unticked);
        assert_eq!(invalid.values["email"], "anne@", "what was typed is kept");
    }

    #[test]
    fn refusals() {
        let run = |p: &[(&str, &str)]| validate(&form(), pairs(p), &["nl"]).unwrap_err();
        assert_eq!(run(&[("website", "http://spam")]), Rejection::Honeypot);
        assert_eq!(
            run(&[("admin", "1")]),
            Rejection::UnknownField("admin".into())
        );
        assert_eq!(
            run(&[("email", "a@b.c\r\nBcc: x@y.z")]),
            Rejection::LineBreak("email".into())
        );
        assert_eq!(
            run(&[("name", "A\nB")]),
            Rejection::LineBreak("name".into())
        );
        assert_eq!(
            run(&[("name", "A"), ("name", "B")]),
            Rejection::RepeatedField("name".into())
        );
        assert_eq!(
            run(&[("_lang", "de")]),
            Rejection::UnknownLanguage("de".into())
        );
    }

    /// The one error of `field` when it holds `value` (with the rest valid).
    fn error_of(field: &str, value: &str) -> Option<FieldError> {
        let mut given = vec![
            ("name", "Anne"),
            ("email", "anne@example.be"),
            ("message", "Hallo"),
            ("consent", "on"),
        ];
        given.retain(|(n, _)| *n != field);
        given.push((field, value));
        match validate(&form(), pairs(&given), &["nl"]).unwrap() {
            Ok(_) => None,
            Err(invalid) => {
                assert_eq!(invalid.errors.len(), 1, "{:?}", invalid.errors);
                invalid.errors.get(field).copied()
            }
        }
    }

    #[test]
    fn max_length_is_the_longest_accepted_in_characters() {
        let mut spec = form();
        spec.fields[0].max_length = Some(5);
        let run = |name: &str| {
            validate(
                &spec,
                pairs(&[
                    ("name", name),
                    ("email", "a@b.be"),
                    ("message", "x"),
                    ("consent", "on"),
                ]),
                &["nl"],
            )
            .unwrap()
        };
        assert!(run("Renée").is_ok(), "five characters, six bytes");
        assert_eq!(
            run("Renéee").unwrap_err().errors["name"],
            FieldError::TooLong
        );
        let default = "x".repeat(FieldType::Text.default_max_length());
        assert_eq!(error_of("name", &default), None);
        assert_eq!(
            error_of("name", &format!("{default}x")),
            Some(FieldError::TooLong)
        );
    }

    #[test]
    fn phone_numbers() {
        for good in [
            "+32 470 12 34 56",
            "0470/12.34.56",
            "(02) 123-4567",
            "123456",
            "12345678901234567890",
        ] {
            assert_eq!(error_of("phone", good), None, "{good}");
        }
        for bad in [
            "12345",
            "123456789012345678901",
            "0470 12 34 56 ext",
            "0470123456;",
            "+32\t470123456",
            "٠٤٧٠١٢٣٤٥٦",
            "+32 470 12 34 5x",
        ] {
            assert_eq!(error_of("phone", bad), Some(FieldError::Tel), "{bad}");
        }
    }

    #[test]
    fn dates_are_real_days_written_in_full() {
        let mut spec = form();
        spec.fields.push(FieldSpec {
            name: "day".into(),
            kind: FieldType::Date,
            required: false,
            max_length: None,
            options: vec![],
            autocomplete: None,
            consent: false,
            required_when: None,
        });
        let run = |day: &str| {
            validate(
                &spec,
                pairs(&[
                    ("name", "Anne"),
                    ("email", "a@b.be"),
                    ("message", "x"),
                    ("consent", "on"),
                    ("day", day),
                ]),
                &["nl"],
            )
            .unwrap()
            .err()
            .and_then(|i| i.errors.get("day").copied())
        };
        assert_eq!(run("2026-12-01"), None);
        assert_eq!(run("2024-02-29"), None, "a leap day");
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-1-05",
            "2026-01-5",
            "26-01-05",
            "01/12/2026",
            "2026-12-01T10:00",
            "morgen",
        ] {
            assert_eq!(run(bad), Some(FieldError::Date), "{bad}");
        }
    }

    #[test]
    fn email_addresses() {
        assert_eq!(error_of("email", "anne.dupre+praktijk@example.co.uk"), None);
        for bad in [
            "anne",
            "@example.be",
            "anne@",
            "anne@example",
            "anne@.example.be",
            "anne@example.be.",
            "anne@ex@ample.be",
            "anne dupre@example.be",
            "<anne@example.be>",
            "anne>@example.be",
            "anne@example.be,bob@example.be",
            "anne@exam\u{7}ple.be",
        ] {
            assert_eq!(error_of("email", bad), Some(FieldError::Email), "{bad}");
        }
    }

    #[test]
    fn checkboxes_and_consent() {
        for ticked in ["on", "yes", "true", "1"] {
            let valid = validate(
                &form(),
                pairs(&[
                    ("name", "A"),
                    ("email", "a@b.be"),
                    ("message", "x"),
                    ("consent", ticked),
                ]),
                &["nl"],
            )
            .unwrap()
            .unwrap();
            assert!(valid.consent, "{ticked}");
            assert!(valid.values.contains(&("consent".into(), "yes".into())));
        }
        for unticked in ["", "off", "no", "0", "ON"] {
            assert_eq!(
                error_of("consent", unticked),
                Some(FieldError::Unticked),
                "{unticked:?}"
            );
        }
        let mut spec = form();
        spec.fields[5].required = false;
        spec.fields[5].consent = false;
        let valid = validate(
            &spec,
            pairs(&[
                ("name", "A"),
                ("email", "a@b.be"),
                ("message", "x"),
                ("consent", "on"),
            ]),
            &["nl"],
        )
        .unwrap()
        .unwrap();
        assert!(!valid.consent, "a box that is not a consent records none");
        let valid = validate(
            &spec,
            pairs(&[("name", "A"), ("email", "a@b.be"), ("message", "x")]),
            &["nl"],
        )
        .unwrap()
        .unwrap();
        assert!(valid.values.contains(&("consent".into(), "no".into())));
    }

    #[test]
    fn values_are_trimmed_and_textareas_keep_their_lines() {
        let valid = validate(
            &form(),
            pairs(&[
                ("name", "  Anne  "),
                ("email", "a@b.be"),
                ("message", "  een\r\ntwee  "),
                ("consent", "on"),
            ]),
            &["nl"],
        )
        .unwrap()
        .unwrap();
        assert_eq!(valid.values[0].1, "Anne");
        assert_eq!(valid.values[4].1, "een\ntwee");
        assert_eq!(
            valid.values[2],
            ("phone".into(), String::new()),
            "absent optional fields are empty"
        );
        assert_eq!(valid.lang, None);
        assert_eq!(
            error_of("name", "   "),
            Some(FieldError::Required),
            "blank is empty"
        );
        assert_eq!(error_of("way", "phone"), None);
        assert_eq!(error_of("way", " phone "), None);
    }

    #[test]
    fn a_field_required_when_another_has_a_value_is_required_only_then() {
        let mut spec = form();
        spec.fields[2].required_when = Some(
            toml::from_str::<std::collections::BTreeMap<String, crate::config::forms::Condition>>(
                "c = { way = \"phone\" }",
            )
            .unwrap()
            .remove("c")
            .unwrap(),
        );
        let run = |extra: &[(&str, &str)]| {
            let mut given = vec![
                ("name", "Anne"),
                ("email", "anne@example.be"),
                ("message", "Hallo"),
                ("consent", "on"),
            ];
            given.extend_from_slice(extra);
            validate(&spec, pairs(&given), &["nl"]).unwrap()
        };
        assert_eq!(
            run(&[("way", "phone")]).unwrap_err().errors["phone"],
            FieldError::RequiredWhen
        );
        assert_eq!(
            run(&[("way", "phone"), ("phone", "   ")])
                .unwrap_err()
                .errors["phone"],
            FieldError::RequiredWhen,
            "blank is empty"
        );
        assert!(run(&[("way", "phone"), ("phone", "0470 12 34 56")]).is_ok());
        assert!(run(&[("way", "email")]).is_ok(), "another choice");
        assert!(run(&[]).is_ok(), "no choice");
        assert_eq!(
            run(&[("way", "phone"), ("phone", "12")])
                .unwrap_err()
                .errors["phone"],
            FieldError::Tel,
            "a number given is checked as any other"
        );
    }

    #[test]
    fn a_ticked_honeypot_of_spaces_is_not_a_bot() {
        assert!(
            validate(
                &form(),
                pairs(&[
                    ("website", "  "),
                    ("name", "A"),
                    ("email", "a@b.be"),
                    ("message", "x"),
                    ("consent", "on")
                ]),
                &["nl"]
            )
            .unwrap()
            .is_ok()
        );
    }

    #[test]
    fn urlencoded_edge_cases() {
        assert_eq!(
            parse_urlencoded(b"a&&b=").unwrap(),
            pairs(&[("a", ""), ("b", "")])
        );
        assert_eq!(parse_urlencoded(b"a=b=c").unwrap(), pairs(&[("a", "b=c")]));
        for broken in [&b"a=100%zz"[..], b"a=%", b"a=%4", b"%g1=x", b"a=%%41"] {
            assert!(
                matches!(parse_urlencoded(broken), Err(Rejection::Malformed(m)) if m.contains('%')),
                "{}",
                String::from_utf8_lossy(broken)
            );
        }
        assert_eq!(
            parse_urlencoded(b"a=%25zz").unwrap(),
            pairs(&[("a", "%zz")])
        );
        assert!(matches!(
            parse_json(br#"{"a": "x", "b": "y", "a": "z"}"#),
            Err(Rejection::RepeatedField(name)) if name == "a"
        ));
        assert_eq!(
            parse_urlencoded(b"%2B=%2b+").unwrap(),
            pairs(&[("+", "+ ")])
        );
        let many: Vec<String> = (0..MAX_FIELDS).map(|i| format!("f{i}=x")).collect();
        assert_eq!(
            parse_urlencoded(many.join("&").as_bytes()).unwrap().len(),
            MAX_FIELDS
        );
        let too_many = format!("{}&one=more", many.join("&"));
        assert_eq!(
            parse_urlencoded(too_many.as_bytes()),
            Err(Rejection::TooManyFields)
        );
        assert_eq!(parse_urlencoded(b"%FF=x"), Err(Rejection::BadEncoding));
    }

    #[test]
    fn json_bodies() {
        assert_eq!(
            parse_json(br#"{"a": "x", "b": true, "c": false, "d": null, "e": 3}"#).unwrap(),
            pairs(&[("a", "x"), ("b", "on"), ("c", ""), ("d", ""), ("e", "3")])
        );
        assert!(
            matches!(parse_json(br#"{"a": ["x"]}"#), Err(Rejection::Malformed(m)) if m.contains("`a`"))
        );
        assert!(matches!(parse_json(b"[1]"), Err(Rejection::Malformed(_))));
        assert!(matches!(parse_json(b"{"), Err(Rejection::Malformed(_))));
        assert_eq!(parse_json(b"\"\xff\""), Err(Rejection::BadEncoding));
        let many: Vec<String> = (0..MAX_FIELDS)
            .map(|i| format!("\"f{i}\": \"x\""))
            .collect();
        assert_eq!(
            parse_json(format!("{{{}}}", many.join(",")).as_bytes())
                .unwrap()
                .len(),
            MAX_FIELDS
        );
        let too_many = format!("{{{}, \"one\": \"more\"}}", many.join(","));
        assert_eq!(
            parse_json(too_many.as_bytes()),
            Err(Rejection::TooManyFields)
        );
    }

    #[test]
    fn statuses_and_messages_of_refusals() {
        assert_eq!(Rejection::NoSuchForm("x".into()).status(), 404);
        assert_eq!(Rejection::WrongOrigin.status(), 403);
        assert_eq!(Rejection::UnsupportedContentType.status(), 415);
        assert_eq!(Rejection::TooLarge.status(), 413);
        assert_eq!(Rejection::TooManyFields.status(), 413);
        assert_eq!(Rejection::RateLimited { retry_after: 1 }.status(), 429);
        assert_eq!(Rejection::Honeypot.status(), 400);
        assert!(
            Rejection::RateLimited { retry_after: 61 }
                .message()
                .contains("2 minutes")
        );
        assert!(
            Rejection::RateLimited { retry_after: 60 }
                .message()
                .ends_with("in 1 minute")
        );
        assert!(
            Rejection::UnknownField("admin".into())
                .message()
                .contains("`admin`")
        );
    }
}
