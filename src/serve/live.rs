//! Live reload: the event stream pages listen to, the script that listens,
//! and what is injected into every HTML page served (never into `build`
//! output).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use super::ServerState;
use crate::render::escape_html;

pub const SCRIPT_PATH: &str = "/__praxis/live.js";
pub const EVENTS_PATH: &str = "/__praxis/events";

/// How many reload streams one client may keep open. Each holds a
/// connection for as long as the page is open, so without a cap one client
/// could take every connection the server has; a browser opens at most six
/// connections to a server, and a stream it closes is given back at once.
pub const STREAMS_PER_CLIENT: usize = 16;

/// What the open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// Something changed: reload the page.
    Reload,
    /// Only stylesheets changed: swap them without reloading.
    Css,
    /// No page changed, but what the translator's view shows did (a
    /// draft, translations.lock): only the view reloads.
    Translations,
    /// The server is stopping: end the stream.
    Shutdown,
}

const SCRIPT: &str = r#"// praxis serve: reloads the page when the site is rebuilt.
(() => {
  const events = new EventSource("/__praxis/events");
  // A page already on its way elsewhere (a form sent, a link followed)
  // shows the new state when it arrives: reloading would cancel that.
  let leaving = false;
  addEventListener("beforeunload", () => { leaving = true; });
  addEventListener("pageshow", () => { leaving = false; });
  const reload = () => { if (!leaving) location.reload(); };
  events.addEventListener("reload", reload);
  events.addEventListener("translations", () => {
    if (document.documentElement.dataset.praxisView) reload();
  });
  events.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("praxis-reload", Date.now());
      link.href = url.href;
    }
  });
})();
"#;

pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        SCRIPT,
    )
}

/// `GET /__praxis/events`: one `reload` or `css` event per rebuild that
/// changed something, after a `hello` that says the stream is open; 429
/// for a client that holds [`STREAMS_PER_CLIENT`] already.
pub async fn events(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    let Some(share) = state.live_streams.take(peer.ip()) else {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "too many pages of this preview are open from your address: close some, then reload this one\n",
        )
            .into_response();
    };
    stream(&state, share).into_response()
}

/// The stream, which holds the client's `share` until it ends.
fn stream(
    state: &ServerState,
    share: super::connections::ClientSlot,
) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
    let hello = tokio_stream::once(LiveEvent::Reload)
        .map(|_| Ok(Event::default().event("hello").data("praxis")));
    let updates = BroadcastStream::new(state.live.subscribe())
        // A slow reader that missed events only needs to reload once.
        .map(|event| event.unwrap_or(LiveEvent::Reload))
        .take_while(|event| *event != LiveEvent::Shutdown)
        .map(move |event| {
            let _held = &share;
            let name = match event {
                LiveEvent::Css => "css",
                LiveEvent::Translations => "translations",
                _ => "reload",
            };
            Ok(Event::default().event(name).data(name))
        });
    Sse::new(hello.chain(updates)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Adds the reload script (when watching) and the error overlay (when the
/// last build failed) to an HTML page.
pub fn inject(html: &[u8], watch: bool, errors: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(errors) = errors {
        extra.push_str(&overlay(errors));
    }
    if watch {
        extra.push_str(&format!("<script src=\"{SCRIPT_PATH}\"></script>\n"));
    }
    if extra.is_empty() {
        return html.to_vec();
    }
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The errors of the last build, over the page, readable and dismissable
/// only by fixing them.
fn overlay(errors: &str) -> String {
    format!(
        "<div id=\"praxis-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;\
         z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#fff;border-top:4px solid #e5484d;\
         font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 24px rgba(0,0,0,.4)\">\
         <strong style=\"display:block;font-size:16px;margin-bottom:.5rem\">The last build failed: this page is the last good version, if there was one. Fix the file and it reloads.</strong>\
         <pre style=\"white-space:pre-wrap;margin:0\">{}</pre></div>\n",
        escape_html(errors)
    )
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_end_of_body() {
        let out =
            String::from_utf8(inject(b"<html><body><p>x</p></body></html>", true, None)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__praxis/live.js\"></script>\n</body></html>"
        );
    }

    #[test]
    fn overlay_escapes_the_errors() {
        let out = String::from_utf8(inject(b"<body></body>", false, Some("bad <tag>"))).unwrap();
        assert!(out.contains("bad &lt;tag&gt;"), "{out}");
        assert!(!out.contains("live.js"));
    }
}
