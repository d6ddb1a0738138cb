//! Telling the practitioner that a submission arrived, by email.
//!
//! ```toml
//! [submissions.notify]
//! smtp = "smtp+starttls://mail.example.org:587"   # or smtps://…:465, smtp://localhost:25
//! username = "formulieren@praktijk.be"            # optional
//! password_env = "PRAXIS_SMTP_PASSWORD"           # the password comes from the environment
//! from = "Praktijk De Brug <formulieren@praktijk.be>"
//! to = "marie@praktijk.be"
//! include_answers = false
//! ```
//!
//! A notice is queued in the database in the same transaction as the
//! submission, so it cannot be lost, and deleted once sent; a failed send is
//! retried with a growing delay (up to an hour), for as long as it takes.
//! By default the mail only says that something arrived, not what: the
//! answers stay in the encrypted database. With `include_answers`, the first
//! attempt (made at once, from memory) carries them; a retry cannot, since
//! the database keeps no plaintext, and says so.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

use super::store::{Notice, Store};
use crate::config::forms::NotifyConfig;
use crate::diagnostics::{Help, Report};

/// Why `[submissions.notify]` cannot send mail: the form endpoint does not
/// start without it.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error("[submissions.notify] smtp: {0}")]
    Relay(lettre::transport::smtp::Error),
    #[error("[submissions.notify] smtp `{url}`: {source}")]
    SmtpUrl {
        url: String,
        source: lettre::transport::smtp::Error,
    },
    #[error("[submissions.notify] `{port}` is not a port")]
    NotAPort { port: String },
    #[error("[submissions.notify] the environment variable {var} (the SMTP password) is not set")]
    NoPassword { var: String },
    #[error("[submissions.notify] {field} `{text}` is not an address: {source}")]
    NotAnAddress {
        /// `from` or `to`.
        field: &'static str,
        text: String,
        source: lettre::address::AddressError,
    },
    #[error("cannot start the notifier: {0}")]
    Thread(std::io::Error),
}

/// Each message names the setting to correct.
impl Help for NotifyError {}

/// A notice that will be tried again at `next`.
#[derive(Debug, thiserror::Error)]
#[error("the notice of submission #{submission} could not be sent ({why}); trying again at {next}")]
struct NotSent<'a> {
    submission: i64,
    why: &'a SendError,
    next: Timestamp,
}

impl Help for NotSent<'_> {}

/// Why one notice was not sent this time; it is tried again.
#[derive(Debug, thiserror::Error)]
enum SendError {
    #[error(transparent)]
    Message(#[from] lettre::error::Error),
    #[error(transparent)]
    Smtp(#[from] lettre::transport::smtp::Error),
}

/// What the sender is told about a fresh submission.
pub struct Fresh {
    pub submission: i64,
    /// The answers, only when `include_answers` is on; never stored.
    pub answers: Option<Vec<(String, String)>>,
}

/// Sends the queued notices on its own thread.
pub struct Notifier {
    wake: Sender<Fresh>,
    include_answers: bool,
}

impl Notifier {
    /// Checks the configuration and starts the sending thread.
    pub fn start(
        config: &NotifyConfig,
        site_title: &str,
        store: Arc<Store>,
    ) -> Result<Notifier, NotifyError> {
        let mailer = Mailer::new(config, site_title)?;
        let (wake, woken) = channel();
        std::thread::Builder::new()
            .name("praxis-notify".into())
            .spawn(move || mailer.run(&store, woken))
            .map_err(NotifyError::Thread)?;
        Ok(Notifier {
            wake,
            include_answers: config.include_answers,
        })
    }

    pub fn include_answers(&self) -> bool {
        self.include_answers
    }

    /// A submission was stored with its notice: send it now.
    pub fn submitted(&self, fresh: Fresh) {
        let _ = self.wake.send(fresh);
    }
}

/// Every character a mail client may start a new line at.
const LINE_BREAKS: [char; 7] = [
    '\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}',
];

/// `name: value` on a line of its own; the value's further lines are
/// indented, so that no answer can write a line that reads as another
/// field (`name: …`, `email: …`).
fn push_answer(body: &mut String, name: &str, value: &str) {
    body.push_str(name);
    body.push(':');
    for (i, line) in value.replace("\r\n", "\n").split(LINE_BREAKS).enumerate() {
        body.push_str(if i == 0 { " " } else { "\n    " });
        body.push_str(line);
    }
    body.push('\n');
}

struct Mailer {
    retry: i64,
    transport: SmtpTransport,
    from: Mailbox,
    to: Mailbox,
    site_title: String,
}

/// How often queued notices are looked at when nothing wakes the sender.
const POLL: Duration = Duration::from_secs(30);

impl Mailer {
    fn new(config: &NotifyConfig, site_title: &str) -> Result<Mailer, NotifyError> {
        let mut builder = if let Some(host_port) = config.smtp.strip_prefix("smtp+starttls://") {
            let (host, port) = split_host_port(host_port, 587)?;
            SmtpTransport::starttls_relay(&host)
                .map_err(NotifyError::Relay)?
                .port(port)
        } else {
            SmtpTransport::from_url(&config.smtp).map_err(|source| NotifyError::SmtpUrl {
                url: config.smtp.clone(),
                source,
            })?
        };
        if let Some(user) = &config.username {
            let password = match &config.password_env {
                Some(var) => {
                    std::env::var(var).map_err(|_| NotifyError::NoPassword { var: var.clone() })?
                }
                None => String::new(),
            };
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        let mailbox = |field: &'static str, text: &str| -> Result<Mailbox, NotifyError> {
            text.parse().map_err(|source| NotifyError::NotAnAddress {
                field,
                text: text.to_owned(),
                source,
            })
        };
        Ok(Mailer {
            retry: config.retry_seconds.clamp(1, 3600) as i64,
            transport: builder.timeout(Some(Duration::from_secs(20))).build(),
            from: mailbox("from", &config.from)?,
            to: mailbox("to", &config.to)?,
            site_title: site_title.to_owned(),
        })
    }

    fn run(self, store: &Store, woken: Receiver<Fresh>) {
        let mut fresh: Vec<Fresh> = Vec::new();
        loop {
            match woken.recv_timeout(POLL.min(Duration::from_secs(self.retry as u64))) {
                Ok(f) => {
                    fresh.push(f);
                    fresh.extend(woken.try_iter());
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            let now = Timestamp::now();
            let Ok(due) = store.due_notices(now) else {
                continue;
            };
            for notice in due {
                let answers = fresh
                    .iter()
                    .find(|f| f.submission == notice.submission)
                    .and_then(|f| f.answers.as_deref());
                match self.send(&notice, answers) {
                    Ok(()) => {
                        let _ = store.notice_sent(notice.id);
                    }
                    Err(why) => {
                        let wait = self
                            .retry
                            .saturating_mul(1 << notice.attempts.clamp(0, 7))
                            .min(3600);
                        let next = now
                            .checked_add(SignedDuration::from_secs(wait))
                            .unwrap_or(now);
                        let unsent = NotSent {
                            submission: notice.submission,
                            why: &why,
                            next,
                        };
                        errln!("{}", Report::warning(&unsent));
                        let _ = store.notice_failed(notice.id, next, &why.to_string());
                    }
                }
            }
            // Answers are held only for the first attempt.
            fresh.clear();
        }
    }

    fn send(&self, notice: &Notice, answers: Option<&[(String, String)]>) -> Result<(), SendError> {
        let mut body = format!(
            "A visitor filled in the \"{}\" form{} on {}.\n\n",
            notice.form,
            notice
                .lang
                .as_deref()
                .map(|l| format!(" ({l})"))
                .unwrap_or_default(),
            notice.received_at
        );
        match answers {
            Some(answers) => {
                for (name, value) in answers {
                    push_answer(&mut body, name, value);
                }
                body.push('\n');
            }
            None => {
                body.push_str("The answers are kept encrypted; this mail does not carry them.\n")
            }
        }
        body.push_str(
            "Read every submission with: praxis forms list --identity YOUR-PRIVATE-KEY\n",
        );
        let message = Message::builder()
            .from(self.from.clone())
            .to(self.to.clone())
            // Without it, a mail client guesses, and "Réponse" arrives
            // as "RÃ©ponse".
            .header(ContentType::TEXT_PLAIN)
            .subject(format!(
                "{}: new {} submission (#{})",
                self.site_title, notice.form, notice.submission
            ))
            .body(body)?;
        self.transport.send(&message)?;
        Ok(())
    }
}

fn split_host_port(text: &str, default_port: u16) -> Result<(String, u16), NotifyError> {
    let text = text.trim_end_matches('/');
    match text.rsplit_once(':') {
        Some((host, port)) => Ok((
            host.to_owned(),
            port.parse().map_err(|_| NotifyError::NotAPort {
                port: port.to_owned(),
            })?,
        )),
        None => Ok((text.to_owned(), default_port)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_cannot_start_a_line_of_its_own() {
        let mut body = String::new();
        push_answer(&mut body, "message", "Dag\r\nname: Eve\remail: e\u{2028}x");
        push_answer(&mut body, "name", "Anne");
        assert_eq!(
            body,
            "message: Dag\n    name: Eve\n    email: e\n    x\nname: Anne\n"
        );
    }

    /// A configuration whose SMTP server refuses every connection (nothing
    /// listens on port 1), so that every notice fails and is retried.
    fn refusing(retry_seconds: u64, include_answers: bool) -> NotifyConfig {
        NotifyConfig {
            smtp: "smtp://127.0.0.1:1".into(),
            username: None,
            password_env: None,
            from: "Formulieren <formulieren@praktijk.example>".into(),
            to: "marie@praktijk.example".into(),
            include_answers,
            retry_seconds,
        }
    }

    fn store() -> (tempfile::TempDir, Arc<Store>) {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(&dir.path().join("forms.sqlite")).unwrap());
        (dir, store)
    }

    /// Stores a submission with its notice, as the endpoint does.
    fn submit(store: &Store, notifier: &Notifier) -> i64 {
        let key = age::x25519::Identity::generate().to_public();
        let id = store
            .insert(
                &key,
                "contact",
                Some("nl"),
                &[],
                false,
                true,
                Timestamp::now(),
            )
            .unwrap();
        notifier.submitted(Fresh {
            submission: id,
            answers: None,
        });
        id
    }

    /// The attempts made on the one queued notice, once `done` says so.
    fn attempts_once(store: &Store, within: Duration, done: impl Fn(i64) -> bool) -> i64 {
        let deadline = std::time::Instant::now() + within;
        let future = "2100-01-01T00:00:00Z".parse().unwrap();
        loop {
            let attempts = store.due_notices(future).unwrap()[0].attempts;
            if done(attempts) || std::time::Instant::now() > deadline {
                return attempts;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    #[test]
    fn a_retry_waits_thirty_seconds_first_unless_told_otherwise() {
        let config: NotifyConfig =
            toml::from_str("smtp = \"smtp://localhost\"\nfrom = \"a@b.be\"\nto = \"c@d.be\"\n")
                .unwrap();
        assert_eq!(config.retry_seconds, 30);
        assert!(
            !config.include_answers,
            "answers stay out of mail unless asked"
        );
    }

    #[test]
    fn the_notifier_says_whether_mail_carries_the_answers() {
        let (_dir, store) = store();
        for include in [true, false] {
            let notifier =
                Notifier::start(&refusing(3600, include), "Praktijk", Arc::clone(&store)).unwrap();
            assert_eq!(notifier.include_answers(), include);
        }
    }

    #[test]
    fn a_fresh_submission_is_tried_at_once_and_a_failure_is_kept_for_later() {
        // With an hour between retries the sender only looks every 30 s on
        // its own: an attempt within seconds is the submission waking it.
        let (_dir, store) = store();
        let notifier =
            Notifier::start(&refusing(3600, false), "Praktijk", Arc::clone(&store)).unwrap();
        submit(&store, &notifier);
        let attempts = attempts_once(&store, Duration::from_secs(10), |a| a >= 1);
        assert_eq!(attempts, 1, "tried once at once, and the notice kept");
        assert!(
            store.due_notices(Timestamp::now()).unwrap().is_empty(),
            "the next attempt waits"
        );
        let in_an_hour = Timestamp::now()
            .checked_add(SignedDuration::from_secs(3601))
            .unwrap();
        assert_eq!(store.due_notices(in_an_hour).unwrap().len(), 1, "…an hour");
    }

    #[test]
    fn each_failure_doubles_the_wait_before_the_next_attempt() {
        // One second, then two: after the second failure the notice is not
        // due at once (a wait that shrank would make it so).
        let (_dir, store) = store();
        let notifier =
            Notifier::start(&refusing(1, false), "Praktijk", Arc::clone(&store)).unwrap();
        submit(&store, &notifier);
        let attempts = attempts_once(&store, Duration::from_secs(10), |a| a >= 2);
        assert_eq!(attempts, 2);
        assert!(
            store.due_notices(Timestamp::now()).unwrap().is_empty(),
            "the third attempt waits two seconds"
        );
        let soon = Timestamp::now()
            .checked_add(SignedDuration::from_millis(2100))
            .unwrap();
        assert_eq!(store.due_notices(soon).unwrap().len(), 1, "…and no more");
    }

    #[test]
    fn an_smtp_address_gives_its_host_and_port() {
        assert_eq!(
            split_host_port("mail.example.org:2525/", 587).unwrap(),
            ("mail.example.org".to_owned(), 2525)
        );
        assert_eq!(
            split_host_port("mail.example.org", 587).unwrap(),
            ("mail.example.org".to_owned(), 587)
        );
        let error = split_host_port("mail.example.org:smtp", 587)
            .unwrap_err()
            .to_string();
        assert!(error.contains("`smtp` is not a port"), "{error}");
    }
}
