//! `praxis forms serve`: the form endpoint alone, for production, behind a
//! reverse proxy that serves `public/` itself.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::accept_language::{self, RootChoice};
use super::forms::{self, FormService};
use crate::build::{BuildOptions, Workspace};
use crate::error::{Error, report};

pub fn run(root: &Path, bind: IpAddr, port: u16) -> Result<(), Error> {
    // The site is built in memory: the endpoint needs its thank-you pages,
    // and shows a form's page again when a visitor made mistakes.
    let build = Workspace::new(root, BuildOptions::default()).build();
    report(&build.diagnostics);
    if !build.succeeded() {
        return Err(Error::SiteHasErrors);
    }
    if build
        .site
        .as_ref()
        .is_some_and(|s| s.config.forms.is_empty())
    {
        return Err(Error::NoForms);
    }
    forms::check_bind(&build, bind)?;
    let root_page = RootPage::of(&build);
    let service = FormService::open(root, &build).map_err(Error::FormsUnavailable)?;
    // `open` succeeded, so the endpoint and its store are there.
    let store = service.endpoint().map(|e| Arc::clone(e.store()));
    let pulls = store.map(super::pull::routes).unwrap_or_default();
    let service = Some(Arc::new(service));

    super::runtime()?.block_on(async move {
        let address = SocketAddr::new(bind, port);
        let listener = super::listen(address).await?;
        let local = listener.local_addr().unwrap_or(address);
        let mut app = Router::new()
            .route("/forms/{name}", post(forms::submit))
            .route("/healthz", get(|| async { "ok\n" }))
            .with_state(service)
            .merge(pulls);
        if let Some(page) = root_page {
            let path = page.choice.root().to_owned();
            app = app.route(&path, get(move |headers: HeaderMap| page.answer(headers)));
        }
        let ctrl_c = super::connections::ctrl_c();
        outln!("answering forms at http://{local}/forms/NAME  (Ctrl-C to stop)");
        super::connections::serve(listener, app, ctrl_c).await;
        Ok(())
    })
}

/// `/`, for a proxy that sends the endpoint the site's bare address (the
/// README's nginx block does): the language chooser the endpoint's build
/// made, or the home page the visitor's browser asks for
/// ([`accept_language`]). Absent where `/` is no chooser.
#[derive(Clone)]
struct RootPage {
    choice: RootChoice,
    chooser: Arc<[u8]>,
}

impl RootPage {
    fn of(build: &crate::build::Build) -> Option<RootPage> {
        let choice = RootChoice::of(&build.site.as_ref()?.config)?;
        let chooser = build.files.iter().find_map(|f| match &f.body {
            crate::output::Body::Bytes(bytes) if f.path == "index.html" => Some(Arc::clone(bytes)),
            _ => None,
        })?;
        Some(RootPage { choice, chooser })
    }

    async fn answer(self, headers: HeaderMap) -> Response {
        if let Some(home) = self.choice.home_for(&headers) {
            return accept_language::redirect(home);
        }
        let mut response = self.chooser.to_vec().into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        accept_language::vary(&mut response);
        response
    }
}
