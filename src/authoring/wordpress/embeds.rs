//! YouTube and Vimeo embeds as link cards: the video's title and its
//! site, a link the visitor may follow, and no request to a third party
//! until she does (a player would load the video site's scripts and
//! cookies on every visit).
//!
//! WordPress keeps the HTML an embed showed (oEmbed) in the post's meta
//! (`_oembed_…`) and in `oembed_cache` items; its `<iframe title="…">` is
//! the video's title, found by the video's id.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::wxr::{Export, Item};

/// A video site praxis makes a card for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Provider {
    YouTube,
    Vimeo,
}

impl Provider {
    pub fn name(self) -> &'static str {
        match self {
            Provider::YouTube => "YouTube",
            Provider::Vimeo => "Vimeo",
        }
    }
}

/// The provider and the video's id of a watch, share or player URL.
pub fn video(url: &str) -> Option<(Provider, String)> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    let id_chars = |s: &str| -> Option<String> {
        let id: String = s
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        (!id.is_empty()).then_some(id)
    };
    match host {
        "youtube.com" | "youtube-nocookie.com" => {
            let id = path
                .split(['?', '&'])
                .find_map(|p| p.strip_prefix("v="))
                .or_else(|| path.strip_prefix("/embed/"))
                .or_else(|| path.strip_prefix("/shorts/"))
                .or_else(|| path.strip_prefix("/live/"))?;
            Some((Provider::YouTube, id_chars(id)?))
        }
        "youtu.be" => Some((Provider::YouTube, id_chars(path.strip_prefix('/')?)?)),
        "vimeo.com" | "player.vimeo.com" => {
            let id = path.trim_start_matches("/video").trim_start_matches('/');
            let id: String = id.chars().take_while(char::is_ascii_digit).collect();
            (!id.is_empty()).then_some((Provider::Vimeo, id))
        }
        _ => None,
    }
}

static IFRAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?is)<iframe\b[^>]*>"#).expect("a valid pattern"));
static ATTRIBUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?is)\b(title|src)\s*=\s*"([^"]*)""#).expect("a valid pattern"));

/// The title of each video an oEmbed HTML names, by `(provider, id)`.
fn titles_in(html: &str, out: &mut BTreeMap<(Provider, String), String>) {
    for frame in IFRAME.find_iter(html) {
        let (mut title, mut src) = (None, None);
        for a in ATTRIBUTE.captures_iter(frame.as_str()) {
            let value = super::front_matter::decode_entities(&a[2]);
            if a[1].eq_ignore_ascii_case("title") {
                title = Some(value);
            } else {
                src = Some(value);
            }
        }
        if let (Some(title), Some(video)) = (title, src.as_deref().and_then(video))
            && !title.trim().is_empty()
        {
            out.entry(video).or_insert_with(|| title.trim().to_owned());
        }
    }
}

/// The address of a video's own page, where a card leads.
pub fn watch_url(provider: Provider, id: &str) -> String {
    match provider {
        Provider::YouTube => format!("https://www.youtube.com/watch?v={id}"),
        Provider::Vimeo => format!("https://vimeo.com/{id}"),
    }
}

/// An embed as WordPress's block editor writes it, which the conversion
/// turns into a card (or, for a site other than a video's, a link).
pub fn embed_block(url: &str) -> String {
    let url = url
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "\n\n<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">{url}</div></figure>\n\n"
    )
}

/// The titles of the site's `oembed_cache`, by video.
pub fn cached_titles(export: &Export) -> Titles {
    let mut out = BTreeMap::new();
    for cached in export.items.iter().filter(|i| i.kind == "oembed_cache") {
        titles_in(&cached.content, &mut out);
    }
    out
}

/// Video titles, by `(provider, id)`.
pub type Titles = BTreeMap<(Provider, String), String>;

/// The titles WordPress kept for the videos a post embeds: its own
/// `_oembed_` meta first, then the site's `oembed_cache`.
pub fn titles(item: &Item, cached: &Titles) -> Titles {
    let mut out = BTreeMap::new();
    for (key, value) in &item.meta {
        if key.starts_with("_oembed_") && !key.starts_with("_oembed_time_") {
            titles_in(value, &mut out);
        }
    }
    for (video, title) in cached {
        out.entry(video.clone()).or_insert_with(|| title.clone());
    }
    out
}

/// The card: the video's title (else its address) and its site, as a
/// link. HTML, since Markdown has no form for it; `url` is escaped here.
pub fn card(url: &str, provider: Provider, title: Option<&str>) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    format!(
        "<p class=\"embed-card\"><a href=\"{}\"><span class=\"embed-card-title\">{}</span> <span class=\"embed-card-site\">{}</span></a></p>",
        escape(url),
        escape(title.unwrap_or(url)),
        provider.name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn videos_are_known_by_their_id_whatever_the_form_of_their_url() {
        for url in [
            "https://www.youtube.com/watch?v=abc123",
            "https://youtu.be/abc123?t=4",
            "https://www.youtube.com/embed/abc123?feature=oembed",
            "https://www.youtube-nocookie.com/embed/abc123",
        ] {
            assert_eq!(
                video(url),
                Some((Provider::YouTube, "abc123".into())),
                "{url}"
            );
        }
        assert_eq!(
            video("https://player.vimeo.com/video/123456?dnt=1"),
            Some((Provider::Vimeo, "123456".into()))
        );
        assert_eq!(
            video("https://vimeo.com/123456"),
            Some((Provider::Vimeo, "123456".into()))
        );
        assert_eq!(video("https://example.org/watch?v=abc"), None);
    }

    #[test]
    fn the_title_comes_from_the_oembed_html() {
        let mut titles = BTreeMap::new();
        titles_in(
            r#"<iframe title="Rouw bij kinderen &amp; jongeren" width="500" src="https://www.youtube.com/embed/abc123?feature=oembed"></iframe>"#,
            &mut titles,
        );
        assert_eq!(
            titles
                .get(&(Provider::YouTube, "abc123".to_owned()))
                .map(String::as_str),
            Some("Rouw bij kinderen & jongeren")
        );
    }
}
