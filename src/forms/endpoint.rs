//! The form endpoint as a pure function of the request, the site and the
//! store: no socket, no framework. `praxis serve` and `praxis forms serve`
//! wrap it in HTTP.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use age::x25519::Recipient;
use arc_swap::ArcSwap;
use indexmap::IndexMap;
use jiff::Timestamp;

use super::limit::RateLimiter;
use super::notify::{Fresh, Notifier, NotifyError};
use super::store::{Store, StoreError};
use super::validate::{self, Invalid, Rejection};
use crate::config::forms::PAGE_FIELD;
use crate::config::forms::{DatabaseRefusal, FormSpec, SubmissionsConfig};
use crate::diagnostics::Help;
use crate::model::Site;

/// What the endpoint needs to know of the site, refreshed after each build.
#[derive(Debug, Clone, Default)]
pub struct FormRoutes {
    pub forms: IndexMap<String, FormSpec>,
    pub languages: Vec<String>,
    pub default_language: String,
    /// Scheme and host submissions must come from.
    pub origin: String,
    /// The endpoint's own origin when it is not the site's: its pages
    /// (the form again, after mistakes) post from there.
    pub endpoint: Option<String>,
    /// (form, language) → the thank-you page's href.
    pub thanks: HashMap<(String, String), String>,
    /// Every page's href, to tell which page a form was sent from.
    pub pages: HashSet<String>,
}

impl FormRoutes {
    pub fn from_site(site: &Site) -> FormRoutes {
        let config = &site.config;
        let mut thanks = HashMap::new();
        for (name, form) in &config.forms {
            for lang in config.language_codes() {
                let target = site
                    .node_id(form.thanks.trim_matches('/'))
                    .and_then(|n| {
                        site.page_in(n, lang)
                            .or_else(|| site.page_in(n, &config.default_language))
                    })
                    .map(|p| site.pages[p].path.clone())
                    .unwrap_or_else(|| config.language_root(lang));
                // From an endpoint of its own, back to the site itself.
                let target = match config.submissions.endpoint {
                    Some(_) => config.permalink(&target),
                    None => config.url(&target),
                };
                thanks.insert((name.clone(), lang.to_owned()), target);
            }
        }
        FormRoutes {
            forms: config.forms.clone(),
            languages: config
                .language_codes()
                .iter()
                .map(|c| c.to_string())
                .collect(),
            default_language: config.default_language.clone(),
            origin: config.origin.clone(),
            endpoint: config.submissions.endpoint.clone(),
            thanks,
            pages: site.pages.iter().map(|p| config.url(&p.path)).collect(),
        }
    }
}

/// One submission as it arrived.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub form: &'a str,
    pub content_type: Option<&'a str>,
    pub origin: Option<&'a str>,
    pub referer: Option<&'a str>,
    /// The client's address (see [`super::client`]), for the rate limit only.
    pub client: IpAddr,
    pub body: &'a [u8],
}

/// What became of a submission.
#[derive(Debug)]
pub enum Outcome {
    /// Committed to the database: send the visitor to `thanks`.
    Stored { id: i64, thanks: String },
    /// The visitor made mistakes: show the form again.
    Invalid {
        form: String,
        page: Option<String>,
        invalid: Invalid,
    },
    /// Refused outright; nothing stored.
    Rejected(Rejection),
    /// It could not be stored; the visitor must be told so.
    Failed(String),
}

/// The endpoint: the site's forms, the store and the limit.
pub struct Endpoint {
    routes: ArcSwap<FormRoutes>,
    store: Arc<Store>,
    notifier: Option<Notifier>,
    recipient: Recipient,
    /// Submissions stored and requests refused as abuse, per client.
    limiter: RateLimiter,
    /// A visitor's corrections (422s): counted apart, with a larger
    /// allowance, so that someone fixing their mistakes is not locked out.
    corrections: RateLimiter,
    settings: SubmissionsConfig,
}

/// The span `rate_limit` counts over.
pub const LIMIT_WINDOW: Duration = Duration::from_secs(600);

/// How many corrections (422s) a client may make per submission it is
/// allowed: a visitor who gets the form wrong a few times is not an abuser.
pub const CORRECTIONS_PER_SUBMISSION: u32 = 5;

/// Why the form endpoint cannot open: what `[submissions]` lacks, or a
/// store or notifier that will not start.
#[derive(Debug, thiserror::Error)]
pub enum EndpointError {
    #[error(
        "[submissions] public_key is missing from site.toml: submissions are encrypted to it (`praxis forms keygen` makes a key pair)"
    )]
    NoPublicKey,
    #[error("[submissions] public_key `{key}` is not an age public key")]
    NotAKey { key: String },
    #[error(transparent)]
    Database(#[from] MisplacedDatabase),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Notify(#[from] NotifyError),
}

/// Each message names the setting to correct.
impl Help for EndpointError {}

/// Why the form endpoint cannot take submissions: the preview and
/// `praxis forms serve` say so.
#[derive(Debug, thiserror::Error)]
pub enum Unavailable {
    #[error("the site has errors in site.toml")]
    SiteHasErrors,
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
}

impl Help for Unavailable {
    fn help(&self) -> Option<String> {
        match self {
            Unavailable::SiteHasErrors => None,
            Unavailable::Endpoint(why) => why.help(),
        }
    }
}

/// A `[submissions] database` where anyone could download it.
#[derive(Debug, thiserror::Error)]
#[error("{refusal}; keep it in data/")]
pub struct MisplacedDatabase {
    pub refusal: DatabaseRefusal,
}

impl Help for MisplacedDatabase {}

impl Endpoint {
    /// Opens the store named in the configuration (relative to `root`).
    pub fn open(root: &Path, site: &Site) -> Result<Endpoint, EndpointError> {
        Endpoint::open_with(root, site, site.config.submissions.clone())
    }

    /// Opens the endpoint of `site` with these `[submissions]` settings.
    pub fn open_with(
        root: &Path,
        site: &Site,
        settings: SubmissionsConfig,
    ) -> Result<Endpoint, EndpointError> {
        let key = settings
            .public_key
            .as_deref()
            .ok_or(EndpointError::NoPublicKey)?;
        let recipient: Recipient = key.parse().map_err(|_| EndpointError::NotAKey {
            key: key.to_owned(),
        })?;
        let path = database_path(root, &settings)?;
        let store = Arc::new(Store::open(&path)?);
        let notifier = match &settings.notify {
            Some(config) => Some(Notifier::start(
                config,
                &site.config.title,
                Arc::clone(&store),
            )?),
            None => None,
        };
        let endpoint = Endpoint {
            routes: ArcSwap::from_pointee(FormRoutes::from_site(site)),
            store,
            notifier,
            recipient,
            limiter: RateLimiter::new(settings.rate_limit, LIMIT_WINDOW),
            corrections: RateLimiter::new(
                settings
                    .rate_limit
                    .saturating_mul(CORRECTIONS_PER_SUBMISSION),
                LIMIT_WINDOW,
            ),
            settings,
        };
        endpoint.enforce_retention(Timestamp::now())?;
        Ok(endpoint)
    }

    /// This endpoint, counting what each client did at `previous` (the
    /// same site before `[submissions]` changed) against its own limits:
    /// saving site.toml must not give every client a fresh allowance.
    pub fn counting_from(mut self, previous: &Endpoint) -> Endpoint {
        let limit = self.settings.rate_limit;
        self.limiter = previous.limiter.with_limit(limit);
        self.corrections = previous
            .corrections
            .with_limit(limit.saturating_mul(CORRECTIONS_PER_SUBMISSION));
        self
    }

    /// After a rebuild: the forms and pages as they are now.
    pub fn update(&self, site: &Site) {
        self.routes
            .store(std::sync::Arc::new(FormRoutes::from_site(site)));
    }

    pub fn routes(&self) -> std::sync::Arc<FormRoutes> {
        self.routes.load_full()
    }

    /// The store, for what is not a visitor's submission (pulls).
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    pub fn settings(&self) -> &SubmissionsConfig {
        &self.settings
    }

    /// Deletes what is older than the retention period.
    pub fn enforce_retention(&self, now: Timestamp) -> Result<usize, StoreError> {
        self.store.purge_before(self.settings.retention_cutoff(now))
    }

    /// Handles one submission, counting it against the client's allowance:
    /// a stored or refused one against `rate_limit`, a correction against
    /// the larger allowance for those, a failure to store against neither.
    pub fn handle(&self, request: &Request, now: Timestamp) -> Outcome {
        let client = super::client::limit_key(request.client);
        let at = Instant::now();
        if let Err(wait) = self.limiter.take(&client, at) {
            return rate_limited(wait);
        }
        let outcome = self.answer(request, now);
        match &outcome {
            Outcome::Invalid { .. } => {
                self.limiter.give_back(&client, at);
                if let Err(wait) = self.corrections.take(&client, at) {
                    // Past the corrections allowance, a stream of invalid
                    // submissions is abuse like any other.
                    let _ = self.limiter.take(&client, at);
                    return rate_limited(wait);
                }
            }
            Outcome::Failed(_) => self.limiter.give_back(&client, at),
            Outcome::Stored { .. } | Outcome::Rejected(_) => {}
        }
        outcome
    }

    /// What becomes of a submission, the limit aside.
    fn answer(&self, request: &Request, now: Timestamp) -> Outcome {
        let routes = self.routes.load();
        let Some(form) = routes.forms.get(request.form) else {
            return Outcome::Rejected(Rejection::NoSuchForm(request.form.to_owned()));
        };
        let from_endpoint = routes
            .endpoint
            .as_deref()
            .is_some_and(|e| same_origin(e, request.origin, request.referer));
        if !same_origin(&routes.origin, request.origin, request.referer) && !from_endpoint {
            return Outcome::Rejected(Rejection::WrongOrigin);
        }
        if request.body.len() > self.settings.max_body {
            return Outcome::Rejected(Rejection::TooLarge);
        }
        let media = request
            .content_type
            .map(|c| {
                c.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .unwrap_or_default();
        let parsed = match media.as_str() {
            "application/x-www-form-urlencoded" => validate::parse_urlencoded(request.body),
            "application/json" => validate::parse_json(request.body),
            _ => return Outcome::Rejected(Rejection::UnsupportedContentType),
        };
        let mut pairs = match parsed {
            Ok(p) => p,
            Err(r) => return Outcome::Rejected(r),
        };
        let page = take(&mut pairs, PAGE_FIELD).filter(|p| routes.pages.contains(p));
        let languages: Vec<&str> = routes.languages.iter().map(String::as_str).collect();
        let valid = match validate::validate(form, pairs, &languages) {
            Err(rejection) => return Outcome::Rejected(rejection),
            Ok(Err(invalid)) => {
                return Outcome::Invalid {
                    form: request.form.to_owned(),
                    page,
                    invalid,
                };
            }
            Ok(Ok(valid)) => valid,
        };
        let lang = valid
            .lang
            .clone()
            .unwrap_or_else(|| routes.default_language.clone());
        let notify = self.notifier.is_some();
        match self.store.insert(
            &self.recipient,
            request.form,
            Some(&lang),
            &valid.values,
            valid.consent,
            notify,
            now,
        ) {
            Ok(id) => {
                if let Some(notifier) = &self.notifier {
                    let answers = notifier.include_answers().then(|| valid.values.clone());
                    notifier.submitted(Fresh {
                        submission: id,
                        answers,
                    });
                }
                // Retention is enforced as submissions arrive; a failure here
                // must not turn a stored submission into an error.
                let _ = self.enforce_retention(now);
                let thanks = routes
                    .thanks
                    .get(&(request.form.to_owned(), lang))
                    .cloned()
                    .unwrap_or_else(|| "/".to_owned());
                Outcome::Stored { id, thanks }
            }
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }
}

fn rate_limited(wait: Duration) -> Outcome {
    Outcome::Rejected(Rejection::RateLimited {
        retry_after: super::limit::retry_after_secs(wait),
    })
}

/// Removes a field from the pairs and returns its value.
fn take(pairs: &mut Vec<(String, String)>, name: &str) -> Option<String> {
    let at = pairs.iter().position(|(n, _)| n == name)?;
    Some(pairs.remove(at).1)
}

/// The submission came from a page of this site: its `Origin`, else its
/// `Referer`, names the site.
fn same_origin(site: &str, origin: Option<&str>, referer: Option<&str>) -> bool {
    let sites = equivalent_origins(site);
    // Schemes and host names are compared without regard to case, as
    // URLs define them; a referer's path after them is not compared.
    match (origin, referer) {
        (Some(origin), _) if origin != "null" => sites
            .iter()
            .any(|s| origin.trim_end_matches('/').eq_ignore_ascii_case(s)),
        (_, Some(referer)) => sites.iter().any(|s| {
            referer
                .get(..s.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(s))
                && matches!(referer.as_bytes().get(s.len()), None | Some(b'/'))
        }),
        _ => false,
    }
}

/// The site's origin, and — when the site is being previewed on this
/// machine — its other loopback spellings: a page opened at
/// `http://localhost:1111` posts from there, not from `http://127.0.0.1:1111`.
fn equivalent_origins(site: &str) -> Vec<String> {
    const LOOPBACK: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];
    let Some(rest) = site.strip_prefix("http://") else {
        return vec![site.to_owned()];
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && !port.contains(']') => (host, Some(port)),
        _ => (rest, None),
    };
    if !LOOPBACK.contains(&host) {
        return vec![site.to_owned()];
    }
    LOOPBACK
        .iter()
        .map(|h| match port {
            Some(p) => format!("http://{h}:{p}"),
            None => format!("http://{h}"),
        })
        .collect()
}

/// The database's path; never inside `public/`, `static/` or another
/// folder the site is published from (see `database_refusal`).
pub fn database_path(
    root: &Path,
    settings: &SubmissionsConfig,
) -> Result<PathBuf, MisplacedDatabase> {
    let path = if settings.database.is_absolute() {
        settings.database.clone()
    } else {
        root.join(&settings.database)
    };
    if let Some(refusal) = crate::config::forms::database_refusal(&settings.database, Some(root)) {
        return Err(MisplacedDatabase { refusal });
    }
    Ok(path)
}

#[cfg(test)]
#[path = "endpoint_tests.rs"]
mod endpoint_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        let site = "https://praktijk.be";
        assert!(same_origin(site, Some("https://praktijk.be"), None));
        assert!(!same_origin(
            site,
            Some("https://evil.example"),
            Some("https://praktijk.be/nl/")
        ));
        assert!(same_origin(
            site,
            None,
            Some("https://praktijk.be/nl/contact/")
        ));
        assert!(!same_origin(
            site,
            None,
            Some("https://praktijk.be.evil.example/")
        ));
        assert!(!same_origin(site, None, None));
        let local = "http://127.0.0.1:1111";
        assert!(
            same_origin(local, Some("http://localhost:1111"), None),
            "a preview opened as localhost"
        );
        assert!(!same_origin(local, Some("http://localhost:2222"), None));
        assert!(
            !same_origin(site, Some("http://localhost"), None),
            "only a loopback site has aliases"
        );
        assert!(
            same_origin("http://[::1]", Some("http://localhost"), None),
            "an IPv6 loopback preview on port 80"
        );
        assert!(same_origin(
            "http://[::1]:1111",
            Some("http://127.0.0.1:1111"),
            None
        ));
        assert!(!same_origin(
            "http://[::1]:1111",
            Some("http://127.0.0.1"),
            None
        ));
        assert!(same_origin("http://localhost", Some("http://[::1]"), None));
    }
}
