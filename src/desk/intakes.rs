//! The desk's messages: the inbox of `praxis forms inbox`
//! ([`crate::serve::inbox`]) inside the desk, at `/_praxis/inbox/` — the
//! same pages and rules, behind the desk's key and token, in the desk's
//! language and layout, so that she fetches, reads, marks done and
//! deletes her submissions with no address to copy and no terminal.

use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::{Desk, html, page_html, refused, text, with_status};
use crate::config::Config;
use crate::serve::guard::{Guard, Refusal};
use crate::serve::inbox::{Context, Host, Shown};

/// The inbox, hosted by the desk.
pub(super) struct Intakes(pub Arc<Desk>);

impl Host for Intakes {
    const BASE: &'static str = "/_praxis/inbox";

    fn guard(&self) -> &Guard {
        &self.0.guard
    }

    fn context(&self, headers: &HeaderMap) -> Result<Arc<Context>, Response> {
        let words = self.0.words(headers);
        let root = self.0.root().to_path_buf();
        // site.toml as written: the preview's own model serves the forms
        // and the site at its own address, which is not where she pulls
        // from.
        let config = match Config::load(&root) {
            Ok(config) => Arc::new(config),
            Err(_) => {
                return Err(text(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    words.get("site-unreadable"),
                ));
            }
        };
        // The key site.toml names, else the one she gave the desk.
        let identity = Context::configured_identity(&root, &config)
            .or_else(|| super::private_key::kept(&root));
        Ok(Arc::new(Context::new(
            root,
            config,
            Some(words.lang()),
            identity,
        )))
    }

    fn refused(&self, headers: &HeaderMap, refusal: Refusal) -> Response {
        refused(self.0.words(headers), refusal)
    }

    fn frame(&self, headers: &HeaderMap, status: StatusCode, shown: Shown) -> Response {
        let words = self.0.words(headers);
        let frame = html::Frame {
            words,
            token: &self.0.guard.token,
            here: "/_praxis/inbox/",
            site: &self.0.site_origin(),
        };
        // Messages that cannot be read without her key: she can give it here.
        let mut body = shown.body;
        if !self.reads(self.0.root()) {
            body.push_str(&super::private_key::form(words, &self.0.guard.token, None));
        }
        with_status(
            status,
            page_html(html::layout(
                &frame,
                &shown.title,
                shown.notice.as_deref(),
                &body,
            )),
        )
    }
}

impl Intakes {
    /// Whether the messages of the site in `root` can be read: site.toml
    /// names a key that reads, or she gave the desk one.
    fn reads(&self, root: &std::path::Path) -> bool {
        let named = Config::load(root).ok().and_then(|config| {
            let path = root.join(config.submissions.identity.as_ref()?);
            crate::forms::store::read_identity(&path).ok()
        });
        named.is_some() || super::private_key::kept(root).is_some()
    }
}
