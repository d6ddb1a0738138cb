//! Live reload: the event stream pages listen to, the script that listens,
//! and what is injected into every HTML page served (never into `build`
//! output).
//!
//! A stream is a connection held for as long as its page is open, so each
//! is bounded: one client keeps at most [`STREAMS_PER_CLIENT`], and a
//! stream ends after [`STREAM_LIFETIME`] (a page that went away without
//! closing it, or a client that never reads, cannot hold it for ever). The
//! browser opens a new one by itself a second later; events are numbered,
//! and a page that missed one meanwhile (its `Last-Event-ID` is not the
//! last sent) is told to reload at once.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use super::ServerState;
use crate::i18n::builtin::{Catalog, FALLBACK};
use crate::render::escape_html;

/// The overlay's words, in the language of the page it covers.
static OVERLAY: Catalog = Catalog::new(
    "the error overlay's",
    [
        include_str!("overlay/nl.ftl"),
        include_str!("overlay/fr.ftl"),
        include_str!("overlay/en.ftl"),
    ],
);

pub const SCRIPT_PATH: &str = "/__praxis/live.js";
pub const EVENTS_PATH: &str = "/__praxis/events";

/// How many reload streams one client may keep open. Each holds a
/// connection for as long as the page is open, so without a cap one client
/// could take every connection the server has; a browser opens at most six
/// connections to a server, and a stream it closes is given back at once.
pub const STREAMS_PER_CLIENT: usize = 16;

/// How long one reload stream is kept open before the browser is made to
/// open a new one.
pub const STREAM_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// The reload channel: every event sent is numbered, so that a page that
/// reconnects can say which one it saw last.
#[derive(Clone)]
pub struct Live {
    sender: broadcast::Sender<(u64, LiveEvent)>,
    sent: Arc<AtomicU64>,
}

impl Default for Live {
    fn default() -> Live {
        Live {
            sender: broadcast::channel(64).0,
            sent: Arc::new(AtomicU64::new(0)),
        }
    }
}

impl Live {
    /// Tells every open page; `Err` when none listens.
    pub fn send(
        &self,
        event: LiveEvent,
    ) -> Result<usize, broadcast::error::SendError<(u64, LiveEvent)>> {
        // Only the watcher sends (and Ctrl-C, last): the numbers go out in order.
        let number = self.sent.fetch_add(1, Ordering::SeqCst) + 1;
        self.sender.send((number, event))
    }
}

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
/// changed something, after a `hello` that says the stream is open (and a
/// `reload` right after it when the page missed an event); 429 for a
/// client that holds [`STREAMS_PER_CLIENT`] already.
pub async fn events(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let Some(share) = state.live_streams.take(peer.ip()) else {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "too many pages of this preview are open from your address: close some, then reload this one\n",
        )
            .into_response();
    };
    let last_seen = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    stream(&state.live, last_seen, share).into_response()
}

/// The stream, which holds the client's `share` until it ends.
fn stream(
    live: &Live,
    last_seen: Option<String>,
    share: super::connections::ClientSlot,
) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
    // Subscribed before the count is read: nothing sent in between is lost.
    let receiver = live.sender.subscribe();
    let now = live.sent.load(Ordering::SeqCst).to_string();
    let missed = last_seen.is_some_and(|seen| seen != now);
    let hello = Event::default()
        .event("hello")
        .data("praxis")
        .id(now.clone())
        .retry(Duration::from_secs(1));
    let mut greeting = vec![hello];
    if missed {
        greeting.push(Event::default().event("reload").data("reload").id(now));
    }
    let updates = BroadcastStream::new(receiver)
        // A slow reader that missed events only needs to reload once.
        .map(|event| event.unwrap_or((0, LiveEvent::Reload)))
        .take_while(|(_, event)| *event != LiveEvent::Shutdown)
        .map(move |(number, event)| {
            let _held = &share;
            let name = match event {
                LiveEvent::Css => "css",
                LiveEvent::Translations => "translations",
                _ => "reload",
            };
            let event = Event::default().event(name).data(name);
            // A lagged reader's reload carries no number: it reloads, and
            // its next event says where the count is.
            Some(if number == 0 {
                event
            } else {
                event.id(number.to_string())
            })
        });
    let end = tokio_stream::once(())
        .then(|()| tokio::time::sleep(STREAM_LIFETIME))
        .map(|()| None);
    // Whichever ends first (a shutdown, or the lifetime) ends the stream.
    let updates = updates.chain(tokio_stream::once(None));
    let events = tokio_stream::iter(greeting.into_iter().map(Some))
        .chain(updates.merge(end))
        .map_while(|event| event.map(Ok));
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Adds the reload script (when watching) and the error overlay (when the
/// last build failed) to an HTML page.
pub fn inject(html: &[u8], watch: bool, errors: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(errors) = errors {
        extra.push_str(&overlay(errors, page_language(html).as_deref()));
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
/// only by fixing them; what it says first is in the page's language.
fn overlay(errors: &str, lang: Option<&str>) -> String {
    let words = OVERLAY.choose(lang, FALLBACK);
    format!(
        "<div id=\"praxis-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;\
         z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#fff;border-top:4px solid #e5484d;\
         font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 24px rgba(0,0,0,.4)\">\
         <strong lang=\"{}\" style=\"display:block;font-size:16px;margin-bottom:.5rem\">{}</strong>\
         <pre lang=\"en\" style=\"white-space:pre-wrap;margin:0\">{}</pre></div>\n",
        words.lang,
        escape_html(&words.get("overlay-failed")),
        escape_html(errors)
    )
}

/// The `lang` of a page's `<html>` element, if it says one.
fn page_language(html: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&html[..html.len().min(1024)]);
    let at = head.to_ascii_lowercase().find("<html ")?;
    let tag = &head[at..];
    let tag = &tag[..tag.find('>')?];
    let value = tag.split("lang=\"").nth(1)?;
    Some(value[..value.find('"')?].to_owned())
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
    fn the_overlay_speaks_the_pages_language() {
        let out = |page: &[u8]| String::from_utf8(inject(page, false, Some("e"))).unwrap();
        let fr = out("<!doctype html><html lang=\"fr\"><body></body></html>".as_bytes());
        assert!(fr.contains("<strong lang=\"fr\""), "{fr}");
        assert!(
            fr.contains("La dernière mise à jour du site a échoué"),
            "{fr}"
        );
        let nl = out(b"<html data-x=\"1\" lang=\"nl\"><body></body></html>");
        assert!(
            nl.contains("De site kon niet opnieuw gebouwd worden"),
            "{nl}"
        );
        let unknown = out(b"<html lang=\"de\"><body></body></html>");
        assert!(unknown.contains("The last build failed"), "{unknown}");
        let none = out(b"<body></body>");
        assert!(none.contains("The last build failed"), "{none}");
        OVERLAY.check().unwrap();
    }

    #[test]
    fn overlay_escapes_the_errors() {
        let out = String::from_utf8(inject(b"<body></body>", false, Some("bad <tag>"))).unwrap();
        assert!(out.contains("bad &lt;tag&gt;"), "{out}");
        assert!(!out.contains("live.js"));
    }
}
