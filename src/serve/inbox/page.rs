//! The inbox's HTML: a list and a page per submission, with no script,
//! no request off this machine, and every value escaped.

use std::fmt::Write;

use fluent_bundle::FluentValue;

use crate::forms::store::Submission;
use crate::i18n::builtin::PraxisStrings;
use crate::i18n::format::{DateStyle, LocaleFormat};
use crate::render::escape_html as e;

/// Field labels as the site's forms show them, when the site's UI strings
/// could be read; else the field's own name.
pub type Labels = std::collections::HashMap<String, String>;

pub struct Page<'a> {
    pub strings: &'a PraxisStrings,
    pub format: &'a LocaleFormat,
    pub labels: &'a Labels,
    pub csrf: &'a str,
    pub retention_days: u32,
    /// Each language's own name, by code: "Nederlands", "Français".
    pub languages: &'a std::collections::HashMap<String, String>,
}

/// Which submissions the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    Open,
    Done,
    All,
}

impl Show {
    pub fn parse(text: Option<&str>) -> Show {
        match text {
            Some("done") => Show::Done,
            Some("all") => Show::All,
            _ => Show::Open,
        }
    }

    pub fn keeps(self, submission: &Submission) -> bool {
        match self {
            Show::Open => submission.done_at.is_none(),
            Show::Done => submission.done_at.is_some(),
            Show::All => true,
        }
    }
}

impl Page<'_> {
    fn t(&self, key: &str) -> String {
        e(&self.strings.get(key))
    }

    /// A stored time (UTC) as she reads it: the day and the hour in this
    /// machine's time zone.
    fn date(&self, time: &str) -> String {
        let Ok(stamp) = time.parse::<jiff::Timestamp>() else {
            return time.to_owned();
        };
        let local = stamp.to_zoned(jiff::tz::TimeZone::system());
        let day = self
            .format
            .date(&local.date().to_string(), DateStyle::Long)
            .unwrap_or_else(|| local.date().to_string());
        let time = local.strftime("%H:%M").to_string();
        self.strings.with(
            "inbox-date-time",
            &[
                ("date", FluentValue::from(day)),
                ("time", FluentValue::from(time)),
            ],
        )
    }

    fn label(&self, form: &str, field: &str) -> String {
        self.labels
            .get(&format!("{form}/{field}"))
            .cloned()
            .unwrap_or_else(|| field.replace('_', " "))
    }

    fn shell(&self, title: &str, body: &str) -> String {
        format!(
            "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n<link rel=\"stylesheet\" href=\"/inbox.css\">\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
            lang = e(self.strings.lang),
        )
    }

    pub fn list(&self, submissions: &[Submission], show: Show, notice: Option<&str>) -> String {
        let shown: Vec<&Submission> = submissions.iter().filter(|s| show.keeps(s)).collect();
        let mut body = String::new();
        let title = self.t("inbox-title");
        let _ = writeln!(body, "<h1>{title}</h1>");
        if let Some(notice) = notice {
            let _ = writeln!(
                body,
                "<p class=\"notice\" role=\"status\">{}</p>",
                self.t(notice)
            );
        }
        let _ = writeln!(body, "<nav aria-label=\"{title}\"><ul class=\"tabs\">");
        for (which, key, query) in [
            (Show::Open, "inbox-open", "/"),
            (Show::Done, "inbox-done", "/?show=done"),
            (Show::All, "inbox-all", "/?show=all"),
        ] {
            let current = if which == show {
                " aria-current=\"page\""
            } else {
                ""
            };
            let _ = writeln!(
                body,
                "<li><a href=\"{query}\"{current}>{}</a></li>",
                self.t(key)
            );
        }
        let _ = writeln!(body, "</ul></nav>");
        let count = self
            .strings
            .with("inbox-count", &[("count", FluentValue::from(shown.len()))]);
        let _ = writeln!(body, "<p>{}</p>", e(&count));
        if shown.is_empty() {
            let _ = writeln!(body, "<p>{}</p>", self.t("inbox-empty"));
        } else {
            let _ = writeln!(
                body,
                "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
                self.t("inbox-number"),
                self.t("inbox-received"),
                self.t("inbox-from"),
                self.t("inbox-form"),
                self.t("inbox-state"),
            );
            for s in shown.iter().rev() {
                let state = match &s.done_at {
                    Some(at) => self.strings.with(
                        "inbox-state-done",
                        &[("date", FluentValue::from(self.date(at)))],
                    ),
                    None => self.strings.get("inbox-state-open"),
                };
                let _ = writeln!(
                    body,
                    "<tr><td><a href=\"/s/{id}\">{id}</a></td><td>{received}</td><td>{from}</td><td>{form}</td><td>{state}</td></tr>",
                    id = s.id,
                    received = e(&self.date(&s.received_at)),
                    from = e(&sender(s)),
                    form = e(&s.form),
                    state = e(&state),
                );
            }
            let _ = writeln!(body, "</tbody>\n</table>");
        }
        let _ = writeln!(
            body,
            "<p><a href=\"/export.csv\" download>{}</a></p>",
            self.t("inbox-export")
        );
        let retention = self.strings.with(
            "inbox-retention",
            &[("days", FluentValue::from(self.retention_days))],
        );
        let _ = writeln!(body, "<p class=\"hint\">{}</p>", e(&retention));
        self.shell(&title, &body)
    }

    pub fn submission(&self, s: &Submission) -> String {
        let title = e(&self
            .strings
            .with("inbox-submission", &[("number", FluentValue::from(s.id))]));
        let mut body = String::new();
        let _ = writeln!(
            body,
            "<p><a href=\"/\">{}</a></p>\n<h1>{title}</h1>",
            self.t("inbox-back")
        );
        let _ = writeln!(body, "<dl class=\"meta\">");
        let meta = [
            (self.t("inbox-received"), self.date(&s.received_at)),
            (self.t("inbox-form"), s.form.clone()),
            (
                self.t("inbox-language"),
                s.lang
                    .as_ref()
                    .map(|code| self.languages.get(code).cloned().unwrap_or(code.clone()))
                    .unwrap_or_else(|| "?".into()),
            ),
        ];
        for (term, value) in meta {
            let _ = writeln!(body, "<dt>{term}</dt><dd>{}</dd>", e(&value));
        }
        let consent = match &s.consent_at {
            Some(at) => self.strings.with(
                "inbox-consent",
                &[("date", FluentValue::from(self.date(at)))],
            ),
            None => self.strings.get("inbox-no-consent"),
        };
        let _ = writeln!(body, "</dl>\n<p>{}</p>", e(&consent));
        let _ = writeln!(body, "<dl class=\"answers\">");
        for (name, value) in &s.fields {
            let _ = writeln!(
                body,
                "<dt>{}</dt><dd>{}</dd>",
                e(&self.label(&s.form, name)),
                e(value).replace('\n', "<br>\n")
            );
        }
        let _ = writeln!(body, "</dl>");
        let (done_value, done_label) = match s.done_at {
            Some(_) => ("0", self.t("inbox-mark-open")),
            None => ("1", self.t("inbox-mark-done")),
        };
        let csrf = e(self.csrf);
        let _ = writeln!(
            body,
            "<form method=\"post\" action=\"/s/{id}/done\">\n<input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\n<input type=\"hidden\" name=\"done\" value=\"{done_value}\">\n<button type=\"submit\">{done_label}</button>\n</form>",
            id = s.id
        );
        let _ = writeln!(
            body,
            "<form method=\"post\" action=\"/s/{id}/delete\" class=\"danger\">\n<input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\n<p id=\"delete-hint\">{hint}</p>\n<button type=\"submit\" aria-describedby=\"delete-hint\">{delete}</button>\n</form>",
            id = s.id,
            hint = self.t("inbox-delete-hint"),
            delete = self.t("inbox-delete"),
        );
        self.shell(&title, &body)
    }

    /// A page that only says `key` (not found, refused), with a way back.
    pub fn message(&self, key: &str) -> String {
        let title = self.t("inbox-title");
        let body = format!(
            "<h1>{title}</h1>\n<p>{}</p>\n<p><a href=\"/\">{}</a></p>\n",
            self.t(key),
            self.t("inbox-back")
        );
        self.shell(&title, &body)
    }
}

/// Who wrote, as the list shows it: a name, else an address.
fn sender(s: &Submission) -> String {
    ["name", "full_name", "first_name", "email"]
        .iter()
        .find_map(|wanted| {
            s.fields
                .iter()
                .find(|(name, value)| name == wanted && !value.trim().is_empty())
        })
        .map(|(_, value)| value.chars().take(60).collect())
        .unwrap_or_default()
}

pub const STYLE: &str = "\
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: start; padding: .4rem .6rem; border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent); vertical-align: top; }
.tabs { display: flex; gap: 1rem; list-style: none; padding: 0; }
.tabs a[aria-current] { font-weight: bold; text-decoration: none; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.meta dd { margin: 0; }
dl.answers dt { font-weight: bold; margin-top: 1rem; }
dl.answers dd { margin: .2rem 0 0; white-space: normal; overflow-wrap: anywhere; }
form { margin-top: 1.5rem; }
button { font: inherit; padding: .5rem 1rem; cursor: pointer; }
.danger button { color: #fff; background: #a11; border: 0; border-radius: 3px; }
.notice { padding: .5rem 1rem; border-inline-start: 4px solid #2a7; }
.hint { font-size: .9em; opacity: .8; }
:focus-visible { outline: 3px solid #36c; outline-offset: 2px; }
";
