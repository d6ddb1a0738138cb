//! Contact and intake forms: declared in `site.toml` (read by
//! [`crate::config::forms`], below this module), rendered by the
//! theme, answered by `praxis serve` and `praxis forms serve`, stored
//! encrypted in SQLite.
//!
//! A visitor's submission goes: HTTP request → [`endpoint::Endpoint::handle`] (a pure
//! function of the request, the declaration and the store: checks origin,
//! rate, size, encoding, honeypot, then [`validate`]) → [`store`] (encrypted
//! to the practitioner's public key, committed before the visitor is
//! answered) → a redirect to the thank-you page, or the form again with the
//! errors. The practitioner reads submissions with `praxis forms`, with a
//! private key that never needs to be on the server.
//!
//! Around it: [`client`] finds who sent a request behind reverse proxies,
//! [`limit`] counts what each client may do, [`failure_log`] keeps a full
//! disk from filling the log as well.

pub mod bundle;
pub mod client;
pub mod endpoint;
pub mod export;
pub mod failure_log;
pub mod limit;
pub mod notify;
pub mod pull;
pub mod store;
pub mod transfer;
pub mod validate;
pub mod view;

pub use crate::config::forms::{FieldSpec, FieldType, FormSpec, SubmissionsConfig};
