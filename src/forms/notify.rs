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
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};
use serde::Deserialize;

use super::store::{Notice, Store};

#[derive(Debug, Clone, Deserialize)]
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
    ) -> Result<Notifier, String> {
        let mailer = Mailer::new(config, site_title)?;
        let (wake, woken) = channel();
        std::thread::Builder::new()
            .name("praxis-notify".into())
            .spawn(move || mailer.run(&store, woken))
            .map_err(|e| format!("cannot start the notifier: {e}"))?;
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
    fn new(config: &NotifyConfig, site_title: &str) -> Result<Mailer, String> {
        let mut builder = if let Some(host_port) = config.smtp.strip_prefix("smtp+starttls://") {
            let (host, port) = split_host_port(host_port, 587)?;
            SmtpTransport::starttls_relay(&host)
                .map_err(|e| format!("[submissions.notify] smtp: {e}"))?
                .port(port)
        } else {
            SmtpTransport::from_url(&config.smtp)
                .map_err(|e| format!("[submissions.notify] smtp `{}`: {e}", config.smtp))?
        };
        if let Some(user) = &config.username {
            let password = match &config.password_env {
                Some(var) => std::env::var(var).map_err(|_| {
                    format!("[submissions.notify] the environment variable {var} (the SMTP password) is not set")
                })?,
                None => String::new(),
            };
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        let mailbox = |what: &str, text: &str| -> Result<Mailbox, String> {
            text.parse()
                .map_err(|e| format!("[submissions.notify] {what} `{text}` is not an address: {e}"))
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
                        errln!(
                            "warning: the notice of submission #{} could not be sent ({why}); trying again at {next}",
                            notice.submission
                        );
                        let _ = store.notice_failed(notice.id, next, &why);
                    }
                }
            }
            // Answers are held only for the first attempt.
            fresh.clear();
        }
    }

    fn send(&self, notice: &Notice, answers: Option<&[(String, String)]>) -> Result<(), String> {
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
                    body.push_str(&format!("{name}: {value}\n"));
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
            .subject(format!(
                "{}: new {} submission (#{})",
                self.site_title, notice.form, notice.submission
            ))
            .body(body)
            .map_err(|e| e.to_string())?;
        self.transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

fn split_host_port(text: &str, default_port: u16) -> Result<(String, u16), String> {
    let text = text.trim_end_matches('/');
    match text.rsplit_once(':') {
        Some((host, port)) => Ok((
            host.to_owned(),
            port.parse()
                .map_err(|_| format!("[submissions.notify] `{port}` is not a port"))?,
        )),
        None => Ok((text.to_owned(), default_port)),
    }
}
