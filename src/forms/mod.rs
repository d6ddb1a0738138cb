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
//! The server's part (the endpoint, the store, notices by mail, pull) is in
//! a praxis built with the `forms-server` feature (on by default); the
//! forms themselves are rendered in every build, from their declaration.
//!
//! Around it: [`client`] finds who sent a request behind reverse proxies,
//! [`limit`] counts what each client may do, [`failure_log`] keeps a full
//! disk from filling the log as well.

pub mod bundle;
pub mod client;
#[cfg(feature = "forms-server")]
pub mod endpoint;
#[cfg(feature = "forms-server")]
pub mod export;
pub mod failure_log;
pub mod limit;
#[cfg(feature = "forms-server")]
pub mod notify;
#[cfg(feature = "forms-server")]
pub mod pull;
#[cfg(feature = "forms-server")]
pub mod store;
#[cfg(feature = "forms-server")]
pub mod transfer;
pub mod validate;
pub mod view;

// Without the `forms-server` feature (no SQLite, mail or HTTP client): the
// server's errors as types that cannot happen, for src/error.rs to name.
#[cfg(not(feature = "forms-server"))]
mod without;
#[cfg(not(feature = "forms-server"))]
pub use without::{endpoint, export, pull, store};

pub use crate::config::forms::{FieldSpec, FieldType, FormSpec, SubmissionsConfig};
