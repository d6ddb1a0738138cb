//! Accepting connections, for `praxis serve` and `praxis forms serve` alike,
//! with the limits a server facing the internet needs.
//!
//! `axum::serve` has no knob for them, so this is its loop with two
//! additions, as hyper's own examples do it: a client gets
//! [`HEADER_TIMEOUT`] to send its request headers (which also bounds how
//! long an idle keep-alive connection stays open), and at most
//! [`MAX_CONNECTIONS`] are served at once. When all are taken the next
//! client waits in the kernel's queue rather than being refused, and gets
//! its turn as soon as one closes; since a slow client is dropped after the
//! timeout, no one can hold the server for long. Bodies are bounded where
//! they are read (see [`super::forms::BODY_TIMEOUT`]).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long a client may take to send a request's headers, from the moment
/// the server is ready to read them (nginx's `client_header_timeout`).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How many connections are served at once.
pub const MAX_CONNECTIONS: usize = 256;

/// How long open connections get to finish after Ctrl-C.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Ctrl-C (SIGINT), listened for from this call on — not from the first
/// poll, as `tokio::signal::ctrl_c` would: a signal sent the moment a server
/// says it listens must stop it cleanly, not kill it.
pub fn ctrl_c() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let signal = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt());
    async move {
        #[cfg(unix)]
        if let Ok(mut signal) = signal {
            signal.recv().await;
            return;
        }
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Serves `app` on `listener` until `shutdown` completes.
pub async fn serve(listener: TcpListener, app: Router, shutdown: impl Future<Output = ()>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    wait_after_accept_error(&e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            // What `into_make_service_with_connect_info` gives handlers.
            request.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(request)
        });
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // Errors here are a client's doing (it went away, or was too
            // slow); there is no one to tell.
            let _ = connection.await;
            drop(slot);
        });
    }
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
}

/// After a failed accept: a client that gave up is nothing; running out of
/// file descriptors is worth a pause, or the loop would spin.
async fn wait_after_accept_error(error: &std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    ) {
        return;
    }
    errln!("warning: cannot accept a connection: {error}");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
