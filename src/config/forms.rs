//! Forms as declared in `site.toml`:
//!
//! ```toml
//! [submissions]
//! public_key = "age1…"            # submissions are encrypted to it
//! retention_days = 180
//!
//! [forms.contact]
//! thanks = "bedankt"              # the node to thank the visitor on
//! fields = [
//!   { name = "name", type = "text", required = true, max_length = 120 },
//!   { name = "email", type = "email", required = true },
//!   { name = "message", type = "textarea", required = true, max_length = 4000 },
//! ]
//!
//! [forms.intake]
//! thanks = "bedankt-aanmelding"   # each form may thank on its own page
//! fields = [
//!   { name = "contact_by", type = "select", required = true, options = ["email", "phone"] },
//!   # Required only when the visitor chose to be phoned:
//!   { name = "phone", type = "tel", required_when = { contact_by = "phone" } },
//! ]
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::site_files::{Folder, OUTPUT_DIR};

/// The kinds of fields a form can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Text,
    Email,
    Tel,
    Textarea,
    Select,
    Checkbox,
    Date,
}

impl FieldType {
    /// The longest value accepted when the declaration names no limit.
    pub fn default_max_length(self) -> usize {
        match self {
            FieldType::Text => 200,
            FieldType::Email => 254,
            FieldType::Tel => 40,
            FieldType::Textarea => 5000,
            FieldType::Select | FieldType::Checkbox | FieldType::Date => 100,
        }
    }

    /// Whether a line break in the value can only be an attack: single-line
    /// fields end up in mail headers and spreadsheets.
    pub fn single_line(self) -> bool {
        self != FieldType::Textarea
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub max_length: Option<usize>,
    /// The values a `select` offers.
    #[serde(default)]
    pub options: Vec<String>,
    /// The HTML `autocomplete` token; a sensible one is derived when absent.
    #[serde(default)]
    pub autocomplete: Option<String>,
    /// For a checkbox: ticking it records consent, with its time.
    #[serde(default)]
    pub consent: bool,
    /// `required_when = { contact_by = "phone" }`: required only when
    /// another field (a select) holds one of these values.
    #[serde(default)]
    pub required_when: Option<Condition>,
}

/// A field's value that makes another field required: `{ contact_by =
/// "phone" }`, or `{ contact_by = ["phone", "sms"] }` for any of several.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "std::collections::BTreeMap<String, OneOrMany>")]
pub struct Condition {
    /// The field whose value is looked at (a select of the same form).
    pub field: String,
    /// The values that make the field required.
    pub values: Vec<String>,
}

impl Condition {
    /// Whether `value` (as submitted, trimmed) is one of those that make
    /// the field required.
    pub fn holds_for(&self, value: &str) -> bool {
        self.values.iter().any(|v| v == value.trim())
    }
}

/// A value, or a list of them, as TOML writes either.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl TryFrom<std::collections::BTreeMap<String, OneOrMany>> for Condition {
    type Error = String;

    fn try_from(table: std::collections::BTreeMap<String, OneOrMany>) -> Result<Self, String> {
        let mut entries = table.into_iter();
        match (entries.next(), entries.next()) {
            (Some((field, values)), None) => {
                let values = match values {
                    OneOrMany::One(v) => vec![v],
                    OneOrMany::Many(v) => v,
                };
                if values.is_empty() {
                    return Err(format!(
                        "required_when = {{ {field} = [] }} names no value: write the value that makes the field required, like {{ {field} = \"phone\" }}"
                    ));
                }
                Ok(Condition { field, values })
            }
            (None, _) => Err(
                "required_when is empty: name one field and its value, like { contact_by = \"phone\" }"
                    .into(),
            ),
            (Some(_), Some(_)) => Err(
                "required_when names more than one field: a field can depend on one other field, like { contact_by = \"phone\" }"
                    .into(),
            ),
        }
    }
}

impl FieldSpec {
    pub fn max_length(&self) -> usize {
        self.max_length
            .unwrap_or_else(|| self.kind.default_max_length())
    }

    /// The `autocomplete` attribute: declared, else guessed from the name
    /// and type, so that browsers fill in what they know.
    pub fn autocomplete(&self) -> &str {
        if let Some(a) = &self.autocomplete {
            return a;
        }
        match (self.kind, self.name.as_str()) {
            (FieldType::Email, _) => "email",
            (FieldType::Tel, _) => "tel",
            (_, "name" | "full_name") => "name",
            (_, "given_name" | "first_name") => "given-name",
            (_, "family_name" | "last_name") => "family-name",
            (_, "language" | "preferred_language") => "language",
            _ => "off",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSpec {
    /// The key of the node that thanks the visitor.
    pub thanks: String,
    pub fields: Vec<FieldSpec>,
}

impl FormSpec {
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// What is wrong with one form's declaration, and the field it is about
/// (to point at its line in site.toml), if one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormProblem {
    pub message: String,
    pub field: Option<String>,
}

/// Whether `key` is an age public key (`age1…`): 32 bytes in Bech32 under
/// the prefix `age`, the test age itself makes when the endpoint reads it.
/// Here, so that every build says where a mistyped key is, with or without
/// the form server (and age) in it.
pub fn is_public_key(key: &str) -> bool {
    use bech32::primitives::decode::CheckedHrpstring;
    CheckedHrpstring::new::<bech32::Bech32>(key).is_ok_and(|parsed| {
        parsed.hrp().lowercase_char_iter().eq("age".chars()) && parsed.byte_iter().len() == 32
    })
}

/// `[submissions]`: where and how submissions are kept.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SubmissionsConfig {
    /// The SQLite file, relative to the site root. Never inside `public/`.
    pub database: PathBuf,
    /// The practitioner's age public key (`age1…`): every submission is
    /// encrypted to it before it is stored.
    pub public_key: Option<String>,
    /// A private key file for `praxis forms` to read with when no
    /// `--identity` is given. Only for the demo: a real site keeps its
    /// private key away from the server.
    pub identity: Option<PathBuf>,
    /// Submissions older than this are deleted by the server.
    pub retention_days: u32,
    /// Submissions accepted per client per ten minutes.
    pub rate_limit: u32,
    /// The reverse proxies whose `proxy_header` names the client.
    pub trust_proxy: super::proxy::TrustProxy,
    /// The header those proxies name the client in.
    pub proxy_header: super::proxy::ProxyHeader,
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// Email the practitioner when a submission arrives.
    pub notify: Option<NotifyConfig>,
    /// The endpoint's own origin (`https://forms.example.org`), when it is
    /// not the site's: the forms post there (see DESIGN.md).
    pub endpoint: Option<String>,
}

impl Default for SubmissionsConfig {
    fn default() -> Self {
        SubmissionsConfig {
            database: PathBuf::from("data/forms.sqlite"),
            public_key: None,
            identity: None,
            retention_days: 180,
            rate_limit: 5,
            trust_proxy: Default::default(),
            proxy_header: Default::default(),
            max_body: 64 * 1024,
            notify: None,
            endpoint: None,
        }
    }
}

/// The site's folders a database must not be in: what is published as it
/// is (`static/`, `public/`) or built and published from (`content/`, the
/// themes and templates: every file the build reads) — anyone could
/// download the submissions.
fn not_for_the_database() -> impl Iterator<Item = &'static str> {
    Folder::ALL
        .into_iter()
        .filter(|f| f.reads_every_file())
        .map(Folder::name)
        .chain([OUTPUT_DIR])
}

/// Why `[submissions] database` cannot be where it is: inside one of the
/// site's published or source folders. A relative path is read from the
/// site's root by its words (`data/../static` is in `static/`); an
/// absolute one only when `root` is known.
pub fn database_refusal(database: &Path, root: Option<&Path>) -> Option<DatabaseRefusal> {
    let relative = if database.is_absolute() {
        let root = root?;
        let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        database
            .strip_prefix(root)
            .or_else(|_| database.strip_prefix(&canonical))
            .ok()?
    } else {
        database
    };
    let mut inside = Vec::new();
    for component in relative.components() {
        match component {
            std::path::Component::Normal(name) => inside.push(name),
            std::path::Component::ParentDir => {
                // Above the root: none of its folders.
                inside.pop()?;
            }
            _ => {}
        }
    }
    let folder = inside.first()?.to_str()?;
    let folder = not_for_the_database().find(|f| *f == folder)?;
    Some(DatabaseRefusal {
        database: database.to_owned(),
        folder,
    })
}

/// A `[submissions] database` inside a folder the site is made or
/// published from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "[submissions] database `{}` is inside {folder}/, which praxis publishes or builds the site from: anyone could download the submissions",
    database.display()
)]
pub struct DatabaseRefusal {
    /// As site.toml writes it.
    pub database: std::path::PathBuf,
    /// `public`, `static`…
    pub folder: &'static str,
}

/// Why `[submissions] endpoint` is not an address forms may be sent to.
#[derive(Debug, thiserror::Error)]
pub enum EndpointUrlError {
    #[error(
        "[submissions] endpoint `{url}` is not an origin like https://forms.example.org (no path: the endpoint answers /forms/NAME at its root)"
    )]
    NotAnOrigin { url: String },
    #[error(
        "[submissions] endpoint `{url}` is not encrypted: visitors' answers would cross the network readable; use https://{authority}"
    )]
    NotEncrypted { url: String, authority: String },
    #[error("[submissions] endpoint `{url}` is not an https:// address")]
    NotHttps { url: String },
}

/// Checks `[submissions] endpoint`: an origin, over HTTPS except on this
/// machine (tests, a local try), with nothing after the host and port.
/// Returns it without a trailing slash, lower-case (as a browser writes
/// an `Origin`: scheme and host have no case).
pub fn check_endpoint(url: &str) -> Result<String, EndpointUrlError> {
    let origin = url.trim().trim_end_matches('/').to_ascii_lowercase();
    let origin = origin.as_str();
    let (scheme, authority) = origin.split_once("://").unwrap_or(("", ""));
    let loopback = is_loopback_authority(authority);
    if authority.is_empty() || authority.contains(['/', '?', '#', '@']) {
        let url = url.to_owned();
        return Err(EndpointUrlError::NotAnOrigin { url });
    }
    match scheme {
        "https" => Ok(origin.to_owned()),
        "http" if loopback => Ok(origin.to_owned()),
        "http" => Err(EndpointUrlError::NotEncrypted {
            url: url.to_owned(),
            authority: authority.to_owned(),
        }),
        _ => Err(EndpointUrlError::NotHttps {
            url: url.to_owned(),
        }),
    }
}

/// Whether `host[:port]` names this machine (`localhost`, 127.0.0.0/8,
/// `[::1]`): the one place plain http may carry forms and tokens.
pub fn is_loopback_authority(authority: &str) -> bool {
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.split(':').next().unwrap_or(""),
    };
    // `user@host`: the host is what follows; callers refuse it anyway.
    !authority.contains('@') && is_loopback_host(host)
}

/// Whether a URL's host (`localhost`, `127.0.0.1`, `[::1]`, as a URL
/// parser gives it) names this machine.
pub fn is_loopback_host(host: &str) -> bool {
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.to_canonical().is_loopback())
}

impl SubmissionsConfig {
    /// What was received before this, at `now`, is past `retention_days`.
    pub fn retention_cutoff(&self, now: jiff::Timestamp) -> jiff::Timestamp {
        now.checked_sub(jiff::SignedDuration::from_hours(
            24 * i64::from(self.retention_days),
        ))
        .unwrap_or(jiff::Timestamp::MIN)
    }
}

/// The hidden field that bots fill in and people never see.
pub const HONEYPOT: &str = "website";
/// The hidden field that says which language the form was filled in.
pub const LANG_FIELD: &str = "_lang";
/// The hidden field that says which page the form was sent from.
pub const PAGE_FIELD: &str = "_page";

/// Why a form declaration cannot be used.
pub fn check_form(name: &str, form: &FormSpec) -> Vec<FormProblem> {
    let mut problems: Vec<FormProblem> = check_names_and_types(name, form)
        .into_iter()
        .map(|message| FormProblem {
            message,
            field: None,
        })
        .collect();
    for field in &form.fields {
        if let Some(message) = check_condition(name, form, field) {
            problems.push(FormProblem {
                message,
                field: Some(field.name.clone()),
            });
        }
    }
    problems
}

/// Where in site.toml's `source` the declaration of `field` in `[forms.form]`
/// is: its `required_when` when it has one, else its `name = "…"`.
pub fn field_offset(source: &str, form: &str, field: &str) -> Option<usize> {
    let header = format!("[forms.{form}]");
    let start = source.find(&header)? + header.len();
    let section_end = source[start..]
        .find("\n[")
        .map_or(source.len(), |end| start + end);
    let section = &source[start..section_end];
    let name = [format!("name = \"{field}\""), format!("name=\"{field}\"")]
        .iter()
        .find_map(|needle| section.find(needle.as_str()))?;
    let line_end = section[name..]
        .find('\n')
        .map_or(section.len(), |e| name + e);
    let within = section[name..line_end]
        .find("required_when")
        .map_or(name, |at| name + at);
    Some(start + within)
}

/// Why a field's `required_when` cannot be enforced: it names a field
/// the form lacks, or one that is not a select, or a value that field does
/// not offer — a condition that could never hold, or never be seen.
fn check_condition(name: &str, form: &FormSpec, field: &FieldSpec) -> Option<String> {
    let condition = field.required_when.as_ref()?;
    let about = format!("form `{name}`, field `{}`: required_when", field.name);
    if field.required {
        return Some(format!(
            "{about} has no effect: the field is already required = true; keep one of the two"
        ));
    }
    if condition.field == field.name {
        return Some(format!(
            "{about} names the field itself: name the other field whose choice makes it required"
        ));
    }
    let Some(other) = form.field(&condition.field) else {
        let names: Vec<&str> = form
            .fields
            .iter()
            .filter(|f| f.kind == FieldType::Select)
            .map(|f| f.name.as_str())
            .collect();
        return Some(format!(
            "{about} names `{}`, which is not a field of this form{}",
            condition.field,
            match names.as_slice() {
                [] => String::from(" (and the form has no select to depend on)"),
                names => format!("; its selects are: {}", names.join(", ")),
            }
        ));
    };
    if other.kind != FieldType::Select {
        return Some(format!(
            "{about} names `{}`, which is not a select: only a choice among options can make a field required",
            condition.field
        ));
    }
    let unknown: Vec<&str> = condition
        .values
        .iter()
        .filter(|v| !other.options.contains(v))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        return Some(format!(
            "{about}: `{}` offers no {} `{}`; its options are: {}",
            condition.field,
            if unknown.len() == 1 {
                "option"
            } else {
                "options"
            },
            unknown.join("`, `"),
            other.options.join(", ")
        ));
    }
    None
}

/// The names, types and options of a form's fields.
fn check_names_and_types(name: &str, form: &FormSpec) -> Vec<String> {
    let mut problems = Vec::new();
    let valid_name = |n: &str| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    };
    if !valid_name(name) {
        problems.push(format!(
            "form name `{name}`: use lowercase letters, digits, `-` and `_`"
        ));
    } else if name.starts_with('_') {
        // `/forms/_pull` is the endpoint's own.
        problems.push(format!(
            "form name `{name}`: names starting with `_` are reserved by praxis"
        ));
    }
    if form.fields.is_empty() {
        problems.push(format!("form `{name}` has no fields"));
    }
    for (i, field) in form.fields.iter().enumerate() {
        if !valid_name(&field.name) {
            problems.push(format!(
                "form `{name}`, field `{}`: use lowercase letters, digits, `-` and `_`",
                field.name
            ));
        }
        if field.name == HONEYPOT || field.name == LANG_FIELD || field.name == PAGE_FIELD {
            problems.push(format!(
                "form `{name}`: the field name `{}` is reserved by praxis",
                field.name
            ));
        }
        if form.fields[..i].iter().any(|f| f.name == field.name) {
            problems.push(format!(
                "form `{name}` declares the field `{}` twice",
                field.name
            ));
        }
        if field.kind == FieldType::Select && field.options.is_empty() {
            problems.push(format!(
                "form `{name}`, field `{}`: a select needs options = [\"…\"]",
                field.name
            ));
        }
        if field.kind != FieldType::Select && !field.options.is_empty() {
            problems.push(format!(
                "form `{name}`, field `{}`: only a select has options",
                field.name
            ));
        }
        if field.consent && field.kind != FieldType::Checkbox {
            problems.push(format!(
                "form `{name}`, field `{}`: only a checkbox can record consent",
                field.name
            ));
        }
    }
    problems
}

/// `[submissions.notify]`: an email to the practitioner per submission
/// (sent by `forms::notify`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifyConfig {
    /// `smtp://host:port`, `smtps://host:port` or `smtp+starttls://host:port`.
    pub smtp: String,
    #[serde(default)]
    pub username: Option<String>,
    /// The environment variable holding the SMTP password (never site.toml).
    #[serde(default)]
    pub password_env: Option<String>,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub include_answers: bool,
    /// The first delay before a failed notice is sent again, in seconds;
    /// it doubles with each failure, up to an hour.
    #[serde(default = "default_retry")]
    pub retry_seconds: u64,
}

fn default_retry() -> u64 {
    30
}

#[cfg(test)]
mod autocomplete_tests {
    use super::*;

    fn field(name: &str, kind: FieldType) -> FieldSpec {
        FieldSpec {
            name: name.into(),
            kind,
            required: false,
            max_length: None,
            options: Vec::new(),
            autocomplete: None,
            consent: false,
            required_when: None,
        }
    }

    #[test]
    fn browsers_are_told_what_each_field_holds() {
        for (name, kind, token) in [
            ("mail", FieldType::Email, "email"),
            ("nummer", FieldType::Tel, "tel"),
            ("name", FieldType::Text, "name"),
            ("full_name", FieldType::Text, "name"),
            ("given_name", FieldType::Text, "given-name"),
            ("first_name", FieldType::Text, "given-name"),
            ("family_name", FieldType::Text, "family-name"),
            ("last_name", FieldType::Text, "family-name"),
            ("language", FieldType::Select, "language"),
            ("preferred_language", FieldType::Select, "language"),
            ("reason", FieldType::Textarea, "off"),
        ] {
            assert_eq!(field(name, kind).autocomplete(), token, "{name}");
        }
        let mut declared = field("name", FieldType::Text);
        declared.autocomplete = Some("nickname".into());
        assert_eq!(declared.autocomplete(), "nickname");
    }
}

#[cfg(test)]
mod condition_tests {
    use super::*;

    fn form(fields: &str) -> Result<FormSpec, String> {
        toml::from_str(&format!("thanks = \"bedankt\"\nfields = [\n{fields}\n]\n"))
            .map_err(|e| e.message().to_owned())
    }

    const WAY: &str = "  { name = \"way\", type = \"select\", options = [\"email\", \"phone\"] },\n  { name = \"ok\", type = \"checkbox\" },\n";

    fn problems(phone: &str) -> Vec<String> {
        let form = form(&format!("{WAY}  {phone},")).unwrap();
        check_form("intake", &form)
            .into_iter()
            .map(|p| {
                assert_eq!(p.field.as_deref(), Some("phone"), "located at the field");
                p.message
            })
            .collect()
    }

    #[test]
    fn a_condition_names_one_select_and_options_it_offers() {
        assert!(
            problems(r#"{ name = "phone", type = "tel", required_when = { way = "phone" } }"#)
                .is_empty()
        );
        assert!(
            problems(
                r#"{ name = "phone", type = "tel", required_when = { way = ["email", "phone"] } }"#
            )
            .is_empty()
        );
        let unknown =
            problems(r#"{ name = "phone", type = "tel", required_when = { weg = "phone" } }"#);
        assert!(
            unknown[0].contains("`weg`, which is not a field of this form; its selects are: way"),
            "{unknown:?}"
        );
        let value =
            problems(r#"{ name = "phone", type = "tel", required_when = { way = "fax" } }"#);
        assert!(
            value[0].contains("`way` offers no option `fax`; its options are: email, phone"),
            "{value:?}"
        );
        let checkbox =
            problems(r#"{ name = "phone", type = "tel", required_when = { ok = "yes" } }"#);
        assert!(checkbox[0].contains("not a select"), "{checkbox:?}");
        let both = problems(
            r#"{ name = "phone", type = "tel", required = true, required_when = { way = "phone" } }"#,
        );
        assert!(both[0].contains("already required"), "{both:?}");
        let itself =
            problems(r#"{ name = "phone", type = "tel", required_when = { phone = "1" } }"#);
        assert!(itself[0].contains("names the field itself"), "{itself:?}");
    }

    #[test]
    fn a_condition_is_one_field_with_at_least_one_value() {
        for (written, says) in [
            ("{}", "required_when is empty"),
            (r#"{ way = "phone", ok = "yes" }"#, "more than one field"),
            ("{ way = [] }", "names no value"),
        ] {
            let error = form(&format!(
                "{WAY}  {{ name = \"phone\", type = \"tel\", required_when = {written} }},"
            ))
            .unwrap_err();
            assert!(error.contains(says), "{written}: {error}");
        }
    }

    #[test]
    fn a_problem_with_a_field_points_at_its_line() {
        let source = "[forms.contact]\nfields = [\n  { name = \"phone\", type = \"tel\" },\n]\n\n[forms.intake]\nfields = [\n  { name = \"way\", type = \"select\" },\n  { name = \"phone\", type = \"tel\", required_when = { x = \"y\" } },\n]\n";
        let at = field_offset(source, "intake", "phone").unwrap();
        assert!(
            source[at..].starts_with("required_when"),
            "{}",
            &source[at..]
        );
        let at = field_offset(source, "contact", "phone").unwrap();
        assert!(source[at..].starts_with("name = \"phone\""));
        assert_eq!(field_offset(source, "intake", "email"), None);
    }
}

#[cfg(test)]
mod public_key_tests {
    use super::is_public_key;

    /// A key `age-keygen` made (its private half is not kept anywhere).
    const KEY: &str = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";

    #[test]
    fn an_age_public_key_is_one_and_a_mistyped_one_is_not() {
        assert!(is_public_key(KEY));
        assert!(is_public_key(&KEY.to_uppercase()), "Bech32 allows one case");
        for wrong in [
            "",
            "age1",
            // One character changed: the checksum catches it.
            &KEY.replacen("ql3z", "ql4z", 1),
            // Cut short, or with a character too many.
            &KEY[..KEY.len() - 1],
            &format!("{KEY}q"),
            // Mixed case, a private key, a key of another kind.
            &format!("AGE1{}", &KEY[4..]),
            "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsKLqeplhpW+uObz5dvMgjz1OxfM/XXUB/VHtZ6",
        ] {
            assert!(!is_public_key(wrong), "{wrong}");
        }
    }

    /// The same answer as age's own parser, which the endpoint uses.
    #[cfg(feature = "forms-server")]
    #[test]
    fn agrees_with_age_on_every_key_it_makes() {
        for _ in 0..50 {
            let key = age::x25519::Identity::generate().to_public().to_string();
            assert!(is_public_key(&key), "{key}");
            let mut typo = key.into_bytes();
            let last = typo.len() - 1;
            typo[last] = if typo[last] == b'q' { b'p' } else { b'q' };
            let typo = String::from_utf8(typo).unwrap();
            assert_eq!(
                is_public_key(&typo),
                typo.parse::<age::x25519::Recipient>().is_ok(),
                "{typo}"
            );
        }
    }
}
