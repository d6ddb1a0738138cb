//! Accepting connections, for `praxis serve`, `praxis forms serve` and
//! `praxis forms inbox` alike, with the limits a server facing the
//! internet needs.
//!
//! `axum::serve` has no knob for them, so this is its loop with four
//! additions, as hyper's own examples do it: a client gets
//! [`HEADER_TIMEOUT`] to send its request headers (which also bounds how
//! long an idle keep-alive connection stays open), and
//! [`MAX_HEADER_BYTES`] for them; at most
//! [`MAX_CONNECTIONS`] are served at once; and one client holds at most
//! [`CONNECTIONS_PER_CLIENT`] of them ([`PerClient`]), so that a single
//! address opening hundreds of idle sockets cannot take every slot from
//! the others. When all slots are taken by many clients the next one waits
//! in the kernel's queue rather than being refused, and gets its turn as
//! soon as one closes; a client beyond its own share is answered 503 and
//! closed at once, since waiting would only let it pile up more. Bodies
//! are bounded where they are read (see [`super::forms::BODY_TIMEOUT`]),
//! long-lived reload streams by their own [`PerClient`] (see the
//! live-reload module, `serve/live.rs`, which uses this one).
//!
//! A client is its TCP peer address (an IPv6 address by its /64, as the
//! rate limit counts it): a forwarding header is never believed here.
//! Behind a reverse proxy every visitor shares the proxy's address, so
//! the proxy gets one client's share; nginx reads a request whole before
//! it passes it on and closes the connection after the answer, so its
//! connections to praxis last milliseconds, and holding connections open
//! is a visitor's doing that the proxy itself bounds (`limit_conn`,
//! `client_header_timeout`).

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};
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

use crate::diagnostics::{Help, Report};

/// How long a client may take to send a request's headers, from the moment
/// the server is ready to read them (nginx's `client_header_timeout`).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How many bytes a request's line and headers may take together; more
/// is answered 431. nginx's default allows as much (four 8 KiB buffers);
/// a browser sends a few hundred bytes, a few KiB with cookies.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;

/// How many connections are served at once.
pub const MAX_CONNECTIONS: usize = 256;

/// How many of them one client may hold. A browser opens at most six to a
/// server; eight greedy clients are needed to take every slot.
pub const CONNECTIONS_PER_CLIENT: usize = 32;

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

/// What each client holds of something shared (connections, reload
/// streams), with a cap per client.
pub struct PerClient {
    cap: usize,
    held: Mutex<HashMap<IpAddr, usize>>,
}

/// One client's share of a [`PerClient`], given back when dropped.
pub struct ClientSlot {
    of: Arc<PerClient>,
    client: IpAddr,
}

impl PerClient {
    pub fn new(cap: usize) -> Arc<PerClient> {
        Arc::new(PerClient {
            cap,
            held: Mutex::new(HashMap::new()),
        })
    }

    /// A slot for the client at `peer`, unless it holds its cap already.
    pub fn take(self: &Arc<Self>, peer: IpAddr) -> Option<ClientSlot> {
        let client = crate::forms::client::limit_key(peer);
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        let count = held.entry(client).or_insert(0);
        if *count >= self.cap {
            return None;
        }
        *count += 1;
        Some(ClientSlot {
            of: Arc::clone(self),
            client,
        })
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut held = self.of.held.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = held.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                held.remove(&self.client);
            }
        }
    }
}

/// What a client beyond its share is told before the connection closes.
const TOO_MANY: &[u8] =
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
    Retry-After: 10\r\nConnection: close\r\nContent-Length: 47\r\n\r\n\
    too many connections from your address at once\n";

/// Serves `app` on `listener` until `shutdown` completes.
pub async fn serve(listener: TcpListener, app: Router, shutdown: impl Future<Output = ()>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let clients = PerClient::new(CONNECTIONS_PER_CLIENT);
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_HEADER_BYTES);
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
        let Some(share) = clients.take(peer.ip()) else {
            // Never waits: a full socket buffer is this client's problem.
            let _ = stream.try_write(TOO_MANY);
            continue;
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
            drop((slot, share));
        });
    }
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
}

/// A connection the listener could not take; it goes on listening.
#[derive(Debug, thiserror::Error)]
#[error("cannot accept a connection: {0}")]
struct NotAccepted<'a>(&'a std::io::Error);

impl Help for NotAccepted<'_> {}

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
    errln!("{}", Report::warning(&NotAccepted(error)));
    tokio::time::sleep(Duration::from_secs(1)).await;
}
