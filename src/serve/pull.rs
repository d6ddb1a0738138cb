//! The server's side of `praxis forms pull`: `GET /forms/_pull` and `POST
//! /forms/_pull/ack`, for a bearer of a token made by `praxis forms token`
//! (see `forms::transfer` for the format and `store::transfer` for why
//! nothing is lost or kept twice).
//!
//! These are for the practitioner's command line, never for a browser: a
//! request that carries `Origin` or `Sec-Fetch-Site` (as every browser's
//! does, from any page) is refused before the token is even looked at, and
//! no CORS header is ever sent, so no page on another site can use a token
//! it got hold of, nor read an answer.

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jiff::Timestamp;

use super::blocking;
use crate::diagnostics::{Help, Report};
use crate::forms::store::{Store, StoreError};
use crate::forms::transfer::{ACK_PATH, BATCH_PATH, BATCH_SIZE, Batch, Deleted, Receipts, Sealed};

/// The two routes, over `store`.
pub fn routes(store: Arc<Store>) -> Router {
    Router::new()
        .route(BATCH_PATH, get(batch))
        .route(ACK_PATH, post(acknowledge))
        .with_state(store)
}

async fn batch(State(store): State<Arc<Store>>, headers: HeaderMap) -> Response {
    blocking(move || {
        authorize(&store, &headers)?;
        let rows = store.pending(BATCH_SIZE + 1).map_err(failure)?;
        let more = rows.len() > BATCH_SIZE;
        let submissions = rows.iter().take(BATCH_SIZE).map(Sealed::from).collect();
        Ok(private(Json(Batch { submissions, more })))
    })
    .await
}

async fn acknowledge(State(store): State<Arc<Store>>, headers: HeaderMap, body: Bytes) -> Response {
    blocking(move || {
        authorize(&store, &headers)?;
        let receipts: Receipts = serde_json::from_slice(&body).map_err(|e| {
            (
                StatusCode::BAD_REQUEST,
                format!("not a list of stored submissions: {e}\n"),
            )
                .into_response()
        })?;
        crate::faults::die_if("pull-server-die-before-delete");
        let receipts: Vec<(i64, String)> = receipts
            .stored
            .into_iter()
            .map(|r| (r.id, r.digest))
            .collect();
        let deleted = store.acknowledge(&receipts).map_err(failure)?;
        crate::faults::die_if("pull-server-die-after-delete");
        Ok(private(Json(Deleted { deleted })))
    })
    .await
}

/// Lets through a request from a command line that bears a live token.
fn authorize(store: &Store, headers: &HeaderMap) -> Result<(), Response> {
    if headers.contains_key(header::ORIGIN) || headers.contains_key("sec-fetch-site") {
        return Err((
            StatusCode::FORBIDDEN,
            "submissions are pulled with `praxis forms pull`, not from a web page\n",
        )
            .into_response());
    }
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let known = match token {
        Some(token) => store.use_token(token, Timestamp::now()).map_err(failure)?,
        None => None,
    };
    match known {
        Some(_) => Ok(()),
        None => Err((
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "a token from `praxis forms token` is needed\n",
        )
            .into_response()),
    }
}

/// Why the server could not answer a pull: its operator reads it.
#[derive(Debug, thiserror::Error)]
#[error("pulling submissions: {0}")]
struct NotPulled(StoreError);

impl Help for NotPulled {}

fn failure(why: StoreError) -> Response {
    errln!("{}", Report::error(&NotPulled(why)));
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "60")],
        "the submissions cannot be read now: see the server's output\n",
    )
        .into_response()
}

/// Submissions, even encrypted, are never kept by a cache on the way.
fn private(body: impl IntoResponse) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], body).into_response()
}
