//! `praxis forms serve`: the form endpoint alone, for production, behind a
//! reverse proxy that serves `public/` itself.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use super::forms::{self, FormService};
use crate::build::{BuildOptions, Workspace};
use crate::commands::{Failure, report};

pub fn run(root: &Path, bind: IpAddr, port: u16) -> Result<(), Failure> {
    // The site is built in memory: the endpoint needs its thank-you pages,
    // and shows a form's page again when a visitor made mistakes.
    let build = Workspace::new(root, BuildOptions::default()).build();
    report(&build.diagnostics);
    if !build.succeeded() {
        errln!("the site has errors: fix them before answering its forms");
        return Err(Failure::Errors);
    }
    if build
        .site
        .as_ref()
        .is_some_and(|s| s.config.forms.is_empty())
    {
        errln!(
            "error: site.toml declares no forms\n   = help: declare them under [forms.NAME] (see the README)"
        );
        return Err(Failure::Errors);
    }
    forms::check_bind(&build, bind)?;
    let service = FormService::open(root, &build).map_err(|why| {
        errln!("error: {why}");
        Failure::Environment
    })?;
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
