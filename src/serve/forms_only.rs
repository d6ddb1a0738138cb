//! `praxis forms serve`: the form endpoint alone, for production, behind a
//! reverse proxy that serves `public/` itself.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

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
    let service = FormService::open(root, &build).map_err(Error::FormsUnavailable)?;
    // `open` succeeded, so the endpoint and its store are there.
    let store = service.endpoint().map(|e| Arc::clone(e.store()));
    let pulls = store.map(super::pull::routes).unwrap_or_default();
    let service = Some(Arc::new(service));

    super::runtime()?.block_on(async move {
        let address = SocketAddr::new(bind, port);
        let listener = super::listen(address).await?;
        let local = listener.local_addr().unwrap_or(address);
        let app = Router::new()
            .route("/forms/{name}", post(forms::submit))
            .route("/healthz", get(|| async { "ok\n" }))
            .with_state(service)
            .merge(pulls);
        let ctrl_c = super::connections::ctrl_c();
        outln!("answering forms at http://{local}/forms/NAME  (Ctrl-C to stop)");
        super::connections::serve(listener, app, ctrl_c).await;
        Ok(())
    })
}
