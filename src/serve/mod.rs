//! `praxis serve`: the site in the browser while it is being written.
//!
//! The site is built in memory and served from there; with `--watch`, a
//! thread rebuilds it after every save (only what the change touches, see
//! [`crate::build::Workspace`]) and tells the open pages to reload. A build
//! that fails keeps the last good site on screen, with the errors laid over
//! every page until they are fixed.
//!
//! The pieces: `snapshot` is what is being served, `http` answers
//! requests from it, `live` is the reload channel and what is injected
//! into pages, `watch` turns file events into rebuilds, [`forms`] answers
//! the form endpoint, `connections` accepts connections for the three
//! servers with timeouts and caps (in all and per client), `translations_view` is the translator's view
//! (`/_praxis/translations/`).

mod accept_language;
mod connections;
mod form_pages;
mod form_slot;
pub mod forms;
pub mod forms_only;
pub mod guard;
mod http;
pub mod inbox;
mod live;
mod printer;
mod pull;
mod snapshot;
pub mod translations_view;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arc_swap::ArcSwap;

use crate::build::{BuildOptions, Workspace};
use crate::diagnostics::{Help, Report};
use crate::error::Error;
pub use live::{Live, LiveEvent};
pub use snapshot::Snapshot;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: IpAddr,
    pub port: u16,
    pub watch: bool,
    pub drafts: bool,
    /// The key of praxis's own pages (the desk's) and the cookie that
    /// carries it, when they are keyed: `praxis desk`. `None` for `praxis
    /// serve`.
    pub keyed: Option<Keyed>,
}

/// The key of a keyed preview, kept by the desk across its starts so that
/// the address she bookmarked keeps working.
#[derive(Debug, Clone)]
pub struct Keyed {
    pub cookie: &'static str,
    pub key: String,
}

/// What the HTTP handlers share.
#[derive(Clone)]
pub struct ServerState {
    pub snapshot: Arc<ArcSwap<Snapshot>>,
    pub live: Live,
    /// The site's root, canonical: no copied file outside it is ever served.
    pub root: PathBuf,
    pub watch: bool,
    /// The form endpoint, as site.toml declares it now.
    pub forms: Arc<form_slot::FormSlot>,
    /// Who may use the translator's view (and the desk: one guard).
    pub view: Arc<translations_view::Guard>,
    /// The search index, kept current off the reload path.
    pub search: crate::search::Published,
    /// The reload streams each client holds.
    pub live_streams: Arc<connections::PerClient>,
    /// The only `Host` her site's pages are served at, when praxis's own
    /// pages (the desk) answer at another: a request for a page at any
    /// other name is sent there.
    pub site_host: Option<String>,
}

impl axum::extract::FromRef<ServerState> for Option<Arc<forms::FormService>> {
    fn from_ref(state: &ServerState) -> Self {
        state.forms.current()
    }
}

/// Builds the site and serves it until Ctrl-C.
pub fn run(root: &Path, options: &ServeOptions) -> Result<(), Error> {
    runtime()?.block_on(serve(root, options, None))
}

/// Pages a command above this module adds to the preview (the desk): its
/// routes, made once the server knows its address and state.
pub type Extra = Box<dyn FnOnce(SocketAddr, &ServerState) -> Result<axum::Router, Error> + Send>;

/// As [`run`], with `extra`'s pages beside the site's.
pub fn run_with(root: &Path, options: &ServeOptions, extra: Extra) -> Result<(), Error> {
    runtime()?.block_on(serve(root, options, Some(extra)))
}

/// The async runtime the servers run on.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Runtime)
}

async fn serve(root: &Path, options: &ServeOptions, extra: Option<Extra>) -> Result<(), Error> {
    let address = SocketAddr::new(options.bind, options.port);
    let listener = listen(address).await?;
    let local = listener.local_addr().unwrap_or(address);
    let host = if local.ip().is_unspecified() {
        "localhost".to_owned()
    } else if local.is_ipv6() {
        format!("[{}]", local.ip())
    } else {
        local.ip().to_string()
    };
    let url = format!("http://{host}:{}/", local.port());

    let build_options = BuildOptions {
        include_drafts: options.drafts,
        base_url: Some(url.clone()),
        forms_here: true,
    };
    // One spelling of every path, whatever the watcher reports.
    let root = std::fs::canonicalize(root).map_err(|source| Error::SiteFolder {
        root: root.to_path_buf(),
        source,
    })?;
    let root = root.as_path();
    let mut workspace = Workspace::new(root, build_options);
    let search = workspace.search_in_background();
    let mut printer = printer::Printer::default();
    let started = std::time::Instant::now();
    let build = workspace.build();
    let snapshot = Snapshot::after(&Snapshot::empty(), &build, &mut printer, started.elapsed());
    forms::check_bind(&build, options.bind)?;
    let form_service = Arc::new(form_slot::FormSlot::new(root, &build));
    let live = Live::default();
    let door = match &options.keyed {
        Some(keyed) => guard::Guard::keyed_at_localhost(local, keyed.cookie, keyed.key.clone()),
        None => guard::Guard::unkeyed(local),
    }
    .map_err(Error::ViewToken)?;
    // With the desk at localhost, her site is served at 127.0.0.1 only.
    let site_host = options
        .keyed
        .is_some()
        .then(|| format!("127.0.0.1:{}", local.port()));
    let view = translations_view::Guard::new(Arc::new(door));
    let state = ServerState {
        snapshot: Arc::new(ArcSwap::from_pointee(snapshot)),
        live: live.clone(),
        root: root.to_path_buf(),
        watch: options.watch,
        forms: Arc::clone(&form_service),
        view: Arc::new(view),
        search,
        live_streams: connections::PerClient::new(live::STREAMS_PER_CLIENT),
        site_host,
    };

    let _watcher = if options.watch {
        match watch::spawn(
            workspace,
            Arc::clone(&state.snapshot),
            live.clone(),
            printer,
            form_service,
        ) {
            Ok(w) => Some(w),
            Err(e) => return Err(Error::Watch(e)),
        }
    } else {
        None
    };

    let ctrl_c = connections::ctrl_c();
    outln!(
        "serving {} at {url}{}  (Ctrl-C to stop)",
        root.display(),
        if options.watch {
            ", rebuilding on every save"
        } else {
            ""
        }
    );
    let extra = extra.map(|make| make(local, &state)).transpose()?;
    let mut app = http::router(state);
    if let Some(extra) = extra {
        app = extra.merge(app);
    }
    let shutdown = async move {
        ctrl_c.await;
        // Ends the open reload streams, which would otherwise keep the
        // server waiting for them.
        let _ = live.send(LiveEvent::Shutdown);
    };
    connections::serve(listener, app, shutdown).await;
    outln!("stopped");
    Ok(())
}

/// A handler's blocking work that panicked or was cancelled.
#[derive(Debug, thiserror::Error)]
#[error("a request could not be handled: {0}")]
struct Unhandled(tokio::task::JoinError);

impl Help for Unhandled {}

/// Runs a handler's blocking work (SQLite, decryption) off the async
/// threads; its `Err` is the refusal to answer with.
pub(crate) async fn blocking(
    work: impl FnOnce() -> Handled + Send + 'static,
) -> axum::response::Response {
    run_blocking(Box::new(work)).await
}

/// The work boxed, so that tokio's blocking-task machinery is compiled once
/// for every handler, not once for each of their closures (it was 1 % of
/// praxis's LLVM IR, and so of its release build: benches/README.md,
/// "Release builds").
async fn run_blocking(work: Box<dyn FnOnce() -> Handled + Send>) -> axum::response::Response {
    use axum::response::IntoResponse;
    tokio::task::spawn_blocking(move || work().unwrap_or_else(|refusal| refusal))
        .await
        .unwrap_or_else(|e| {
            errln!("{}", Report::error(&Unhandled(e)));
            (
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "the request could not be handled: see the server's output\n",
            )
                .into_response()
        })
}

/// What a handler's blocking work gives: the answer, or the refusal.
type Handled = Result<axum::response::Response, axum::response::Response>;

/// Listens on `address`, saying clearly why it cannot.
pub(crate) async fn listen(address: SocketAddr) -> Result<tokio::net::TcpListener, Error> {
    tokio::net::TcpListener::bind(address)
        .await
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AddrInUse => Error::PortInUse { address },
            _ => Error::Listen { address, source },
        })
}
