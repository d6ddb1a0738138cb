//! The inbox's pages as HTML: the list, a submission, the question before
//! a deletion — with no script, no request off this machine, and every
//! value escaped. Each is a [`Shown`] (a title, what just happened, a
//! body) that the server it is part of puts in its own frame: a page of
//! its own for `praxis forms inbox`, the desk's layout in `praxis desk`.

use std::fmt::Write;

use fluent_bundle::FluentValue;

use super::declared::Declared;
use crate::forms::store::Submission;
use crate::i18n::builtin::PraxisStrings;
use crate::i18n::format::{DateStyle, LocaleFormat};
use crate::render::escape_html as e;

/// A page of the inbox, for its host to frame.
pub struct Shown {
    /// The page's title and heading.
    pub title: String,
    /// What the last action did, in words (not yet escaped).
    pub notice: Option<String>,
    /// The HTML under the heading.
    pub body: String,
}

pub struct Page<'a> {
    pub strings: &'a PraxisStrings,
    pub format: &'a LocaleFormat,
    pub declared: &'a Declared,
    /// The token every form carries (as `token`).
    pub token: &'a str,
    pub retention_days: u32,
    /// Each language's own name, by code: "Nederlands", "Français".
    pub languages: &'a std::collections::HashMap<String, String>,
    /// Where the inbox's pages are: `` or `/_praxis/inbox`.
    pub base: &'a str,
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

/// The "fetch new" box above the list.
pub struct Fetch<'a> {
    /// The endpoint's address, where it is known.
    pub origin: Option<&'a str>,
    /// A token is kept for it: no field to paste one.
    pub token_kept: bool,
    /// Why the last fetch stopped, in words.
    pub problem: Option<&'a str>,
    /// Her private key is missing: what is here cannot be read.
    pub unreadable: bool,
}

impl Page<'_> {
    /// The string `id`, set as a careful writer of the language would.
    pub fn say(&self, id: &str) -> String {
        self.typeset(self.strings.get(id))
    }

    pub fn say_with(&self, id: &str, args: &[(&str, FluentValue)]) -> String {
        self.typeset(self.strings.with(id, args))
    }

    fn typeset(&self, text: String) -> String {
        if self.strings.lang == "fr" {
            crate::typography::french(&text).into_owned()
        } else {
            text
        }
    }

    fn t(&self, id: &str) -> String {
        e(&self.say(id))
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
        self.say_with(
            "inbox-date-time",
            &[
                ("date", FluentValue::from(day)),
                ("time", FluentValue::from(time)),
            ],
        )
    }

    fn token_field(&self) -> String {
        format!(
            "<input type=\"hidden\" name=\"token\" value=\"{}\">",
            e(self.token)
        )
    }

    pub fn list(
        &self,
        submissions: &[Submission],
        show: Show,
        fetch: &Fetch,
        notice: Option<String>,
    ) -> Shown {
        let base = self.base;
        let shown: Vec<&Submission> = submissions.iter().filter(|s| show.keeps(s)).collect();
        let mut body = String::new();
        body.push_str(&self.fetch_box(fetch));
        let title = self.say("inbox-title");
        if fetch.unreadable {
            let _ = writeln!(body, "<p class=\"problem\">{}</p>", self.t("inbox-no-key"));
            return Shown {
                title,
                notice,
                body,
            };
        }
        let _ = writeln!(
            body,
            "<nav aria-label=\"{}\"><ul class=\"tabs\">",
            e(&title)
        );
        for (which, key, query) in [
            (Show::Open, "inbox-open", ""),
            (Show::Done, "inbox-done", "?show=done"),
            (Show::All, "inbox-all", "?show=all"),
        ] {
            let current = if which == show {
                " aria-current=\"page\""
            } else {
                ""
            };
            let _ = writeln!(
                body,
                "<li><a href=\"{base}/{query}\"{current}>{}</a></li>",
                self.t(key)
            );
        }
        let _ = writeln!(body, "</ul></nav>");
        let count = self.say_with("inbox-count", &[("count", FluentValue::from(shown.len()))]);
        let _ = writeln!(body, "<p>{}</p>", e(&count));
        if shown.is_empty() {
            let _ = writeln!(body, "<p>{}</p>", self.t("inbox-empty"));
        } else {
            // The whole row opens the submission: its link, on who wrote,
            // is stretched over the row (`.open::after` in the style).
            let _ = writeln!(
                body,
                "<table class=\"messages\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
                self.t("inbox-from"),
                self.t("inbox-received"),
                self.t("inbox-form"),
                self.t("inbox-state"),
                self.t("inbox-number"),
            );
            for s in shown.iter().rev() {
                let state = match &s.done_at {
                    Some(at) => self.say_with(
                        "inbox-state-done",
                        &[("date", FluentValue::from(self.date(at)))],
                    ),
                    None => self.say("inbox-state-open"),
                };
                let class = if s.done_at.is_some() { "done" } else { "open" };
                let _ = writeln!(
                    body,
                    "<tr class=\"{class}\"><td><a class=\"open\" href=\"{base}/s/{id}\">{from}</a></td><td>{received}</td><td>{form}</td><td>{state}</td><td>{id}</td></tr>",
                    id = s.id,
                    from = e(&self.sender(s)),
                    received = e(&self.date(&s.received_at)),
                    form = e(&self.declared.title(&s.form)),
                    state = e(&state),
                );
            }
            let _ = writeln!(body, "</tbody>\n</table>");
        }
        let _ = writeln!(
            body,
            "<p><a href=\"{base}/export.csv\" download>{}</a></p>",
            self.t("inbox-export")
        );
        let retention = self.say_with(
            "inbox-retention",
            &[("days", FluentValue::from(self.retention_days))],
        );
        let _ = writeln!(body, "<p class=\"hint\">{}</p>", e(&retention));
        Shown {
            title,
            notice,
            body,
        }
    }

    /// "Fetch new messages", with a field for the token the first time.
    fn fetch_box(&self, fetch: &Fetch) -> String {
        let mut html = format!(
            "<form method=\"post\" action=\"{}/fetch\" class=\"fetch\">{}",
            self.base,
            self.token_field()
        );
        if let Some(problem) = fetch.problem {
            let _ = write!(
                html,
                "<p class=\"problem\" role=\"alert\">{}</p>",
                e(problem)
            );
        }
        if !fetch.token_kept {
            let _ = write!(
                html,
                "<p><label for=\"pull-token\">{label}</label><input id=\"pull-token\" name=\"pull_token\" type=\"password\" autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"pull-token-hint\"></p><p class=\"hint\" id=\"pull-token-hint\">{hint}</p>",
                label = self.t("inbox-token-label"),
                hint = self.t("inbox-token-hint"),
            );
        }
        let _ = write!(
            html,
            "<button type=\"submit\">{}</button>",
            self.t("inbox-fetch")
        );
        if let Some(origin) = fetch.origin {
            let from = self.say_with("inbox-fetch-from", &[("origin", FluentValue::from(origin))]);
            let _ = write!(html, " <span class=\"hint\">{}</span>", e(&from));
        }
        html.push_str("</form>\n");
        html
    }

    pub fn submission(&self, s: &Submission, notice: Option<String>) -> Shown {
        let base = self.base;
        let title = self.say_with("inbox-submission", &[("number", FluentValue::from(s.id))]);
        let mut body = String::new();
        let _ = writeln!(
            body,
            "<p><a href=\"{base}/\">{}</a></p>",
            self.t("inbox-back")
        );
        let _ = writeln!(body, "<dl class=\"meta\">");
        let meta = [
            (self.t("inbox-received"), self.date(&s.received_at)),
            (self.t("inbox-form"), self.declared.title(&s.form)),
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
            Some(at) => self.say_with(
                "inbox-consent",
                &[("date", FluentValue::from(self.date(at)))],
            ),
            None => self.say("inbox-no-consent"),
        };
        let _ = writeln!(body, "</dl>\n<p>{}</p>", e(&consent));
        let _ = writeln!(body, "<dl class=\"answers\">");
        for (name, value) in &s.fields {
            let _ = writeln!(
                body,
                "<dt>{}</dt><dd>{}</dd>",
                e(&self.declared.label(&s.form, name)),
                self.answer(&s.form, name, value)
            );
        }
        let _ = writeln!(body, "</dl>");
        let (done_value, done_label) = match s.done_at {
            Some(_) => ("0", self.t("inbox-mark-open")),
            None => ("1", self.t("inbox-mark-done")),
        };
        let _ = writeln!(
            body,
            "<div class=\"choices\"><form method=\"post\" action=\"{base}/s/{id}/done\">{token}<input type=\"hidden\" name=\"done\" value=\"{done_value}\"><button type=\"submit\">{done_label}</button></form>\n<a class=\"button danger\" href=\"{base}/s/{id}/delete\">{delete}</a></div>",
            id = s.id,
            token = self.token_field(),
            delete = self.t("inbox-delete-ask"),
        );
        Shown {
            title,
            notice,
            body,
        }
    }

    /// One answer as HTML: an address to write to, an option in words, a
    /// ticked box as "yes", text with its line breaks.
    fn answer(&self, form: &str, field: &str, value: &str) -> String {
        if self.declared.is_email(form, field) && is_address(value) {
            return format!("<a href=\"mailto:{0}\">{0}</a>", e(value.trim()));
        }
        if self.declared.is_checkbox(form, field) {
            let ticked = !value.is_empty() && value != "0" && value != "off";
            return self.t(if ticked { "inbox-yes" } else { "inbox-no" });
        }
        if let Some(wording) = self.declared.option(form, field, value) {
            return e(wording);
        }
        e(value).replace('\n', "<br>\n")
    }

    /// Before a deletion: which message, and that it cannot be undone.
    pub fn confirm_delete(&self, s: &Submission) -> Shown {
        let base = self.base;
        let title = self.say_with("inbox-delete-title", &[("number", FluentValue::from(s.id))]);
        let what = self.say_with(
            "inbox-delete-what",
            &[
                ("number", FluentValue::from(s.id)),
                ("from", FluentValue::from(self.sender(s))),
                ("date", FluentValue::from(self.date(&s.received_at))),
            ],
        );
        let body = format!(
            "<p id=\"delete-what\">{what}</p>\n<div class=\"choices\"><form method=\"post\" action=\"{base}/s/{id}/delete\">{token}<input type=\"hidden\" name=\"confirmed\" value=\"yes\"><button type=\"submit\" class=\"danger\" aria-describedby=\"delete-what\">{delete}</button></form>\n<a class=\"button\" href=\"{base}/s/{id}\">{keep}</a></div>\n",
            what = e(&what),
            id = s.id,
            token = self.token_field(),
            delete = self.t("inbox-delete"),
            keep = self.t("inbox-delete-cancel"),
        );
        Shown {
            title,
            notice: None,
            body,
        }
    }

    /// A page that only says `key` (not found, refused), with a way back.
    pub fn message(&self, key: &str) -> Shown {
        Shown {
            title: self.say("inbox-title"),
            notice: None,
            body: format!(
                "<p>{}</p>\n<p><a href=\"{}/\">{}</a></p>\n",
                self.t(key),
                self.base,
                self.t("inbox-back")
            ),
        }
    }

    /// Who wrote, as the list shows it: a name, else an address, else the
    /// message's number.
    fn sender(&self, s: &Submission) -> String {
        ["name", "full_name", "first_name", "email"]
            .iter()
            .find_map(|wanted| {
                s.fields
                    .iter()
                    .find(|(name, value)| name == wanted && !value.trim().is_empty())
            })
            .map(|(_, value)| value.chars().take(60).collect())
            .unwrap_or_else(|| {
                self.say_with("inbox-submission", &[("number", FluentValue::from(s.id))])
            })
    }
}

/// An e-mail address worth a `mailto:` link: one `@`, nothing that would
/// add a header or another recipient to the message it opens.
fn is_address(value: &str) -> bool {
    let value = value.trim();
    value.matches('@').count() == 1
        && !value.starts_with('@')
        && !value.ends_with('@')
        && !value.contains(|c: char| c.is_whitespace() || "?&,;:<>\"'%".contains(c))
}

/// The inbox's style: its own in `praxis forms inbox`, and what the desk
/// adds to its own for the inbox's pages.
pub const STYLE: &str = "\
table.messages { border-collapse: collapse; width: 100%; }
.messages th, .messages td { text-align: start; padding: .5rem .6rem; border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent); vertical-align: top; }
.messages tbody tr { position: relative; }
.messages tbody tr:hover, .messages tbody tr:focus-within { background: color-mix(in srgb, currentColor 8%, transparent); }
.messages a.open { font-weight: bold; }
.messages tr.done a.open { font-weight: normal; }
.messages a.open::after { content: \"\"; position: absolute; inset: 0; }
.tabs { display: flex; gap: 1rem; list-style: none; padding: 0; }
.tabs a[aria-current] { font-weight: bold; text-decoration: none; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.meta dd { margin: 0; }
dl.answers dt { font-weight: bold; margin-top: 1rem; }
dl.answers dd { margin: .2rem 0 0; white-space: normal; overflow-wrap: anywhere; }
form.fetch { margin: 1rem 0 1.5rem; }
form.fetch label { display: block; font-weight: bold; margin-bottom: .2rem; }
form.fetch input[type=password] { font: inherit; width: min(100%, 32rem); padding: .4rem; }
.choices { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin-top: 1.5rem; }
.choices form { margin: 0; }
.problem { padding: .5rem 1rem; border-inline-start: 4px solid #b00; }
a.button { display: inline-block; padding: .5rem 1rem; border: 1px solid currentColor; border-radius: 3px; }
button.danger, a.button.danger { color: #fff; background: #a11; border: 1px solid #a11; border-radius: 3px; text-decoration: none; }
";

/// `praxis forms inbox`'s own page around [`STYLE`].
pub const OWN_STYLE: &str = "\
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
button { font: inherit; padding: .5rem 1rem; cursor: pointer; }
.notice { padding: .5rem 1rem; border-inline-start: 4px solid #2a7; }
.hint { font-size: .9em; opacity: .85; }
:focus-visible { outline: 3px solid #36c; outline-offset: 2px; }
";

#[cfg(test)]
mod tests {
    #[test]
    fn only_a_plain_address_becomes_a_link_to_write_to() {
        assert!(super::is_address("anne@example.be"));
        for not in [
            "anne",
            "@example.be",
            "a@b@c",
            "anne@example.be?cc=x@evil.example",
            "anne@example.be,bob@example.be",
            "anne @example.be",
            "javascript:alert(1)@x",
        ] {
            assert!(!super::is_address(not), "{not}");
        }
    }
}
