//! The bare address (`/`) for a visitor whose browser names one of the
//! site's languages: a redirect to that language's home page.
//!
//! `/` is the address people type and share, and on a multilingual site
//! it is the language chooser. A visitor whose browser says it reads
//! Dutch or French should not have to choose what her browser already
//! said, so both servers that answer `/` (`praxis serve`, and `praxis
//! forms serve` where a proxy sends it `/`) send her on with a `302` and
//! `Vary: Accept-Language` (the answer at `/` depends on the header, so no
//! cache may give one visitor's redirect to another). A request without
//! the header — a crawler, a link checker — or naming none of the site's
//! languages gets the chooser, which stays the page search engines index
//! as `x-default`. Where the default language lives at the root itself,
//! `/` is that language's home and nothing is redirected: the other
//! languages' switchers lead there, and a redirect would send their
//! readers back.
//!
//! The header is read as RFC 9110 says (§12.5.4): each range has a weight
//! (`q`, 1 when absent), `q=0` means "not this one", and a range matches a
//! site language that it names exactly, that it is a prefix of (`pt` for
//! `pt-br`), or that is a prefix of it (`nl-BE` for `nl`, the lookup
//! fallback of RFC 4647 §3.4, since a Flemish browser says `nl-BE` and the
//! site speaks `nl`). For each site language the closest range decides its
//! weight; the heaviest language wins, ties going to the one the header
//! names first. `*` chooses nothing: it says any language will do, which
//! is what the chooser is for.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::config::Config;

/// The language homes `/` may send a visitor to: present only where `/`
/// is the language chooser.
#[derive(Debug, Clone)]
pub struct RootChoice {
    /// Each language's code and the href of its home page, in site order.
    homes: Vec<(String, String)>,
    /// The href of the site's root (`/`, or `/base/` under a base path).
    root: String,
}

impl RootChoice {
    /// The choice at `config`'s root, or `None` where the default language
    /// lives at the root (then `/` is a home page, not a chooser).
    pub fn of(config: &Config) -> Option<RootChoice> {
        if config.default_language_at_root {
            return None;
        }
        let homes = config
            .languages
            .iter()
            .map(|l| (l.code.clone(), config.url(&config.language_root(&l.code))))
            .collect();
        Some(RootChoice {
            homes,
            root: config.url("/"),
        })
    }

    /// The href of the site's root, where the chooser is.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// Whether a request for `path` asks for the chooser.
    pub fn is_root(&self, path: &str) -> bool {
        path == self.root
    }

    /// The home page the request's `Accept-Language` asks for, if it names
    /// one of the site's languages.
    pub fn home_for(&self, headers: &HeaderMap) -> Option<&str> {
        let accepted = headers
            .get_all(header::ACCEPT_LANGUAGE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        let codes: Vec<&str> = self.homes.iter().map(|(code, _)| code.as_str()).collect();
        let code = preferred(&accepted, &codes)?;
        self.homes
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, home)| home.as_str())
    }
}

/// `302 Found` to `home`, varying on `Accept-Language`.
pub fn redirect(home: &str) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(location) = HeaderValue::from_str(home) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    vary(&mut response);
    response
}

/// Marks an answer at `/` as depending on `Accept-Language`: the chooser
/// too, so that a cache never hands it to a visitor who would be sent on.
pub fn vary(response: &mut Response) {
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Language"));
}

/// At most this many ranges are read: a real browser sends a handful.
const MOST_RANGES: usize = 64;

/// One language range of the header.
struct Range<'a> {
    tag: &'a str,
    /// The weight in thousandths (`q=0.8` → 800).
    q: u16,
}

/// The ranges of an `Accept-Language` value, in the order given, leaving
/// out what is not a range (a bad tag, a bad weight) and `*`.
fn ranges(header: &str) -> Vec<Range<'_>> {
    header
        .split(',')
        .take(MOST_RANGES)
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let is_tag = !tag.is_empty()
                && tag.len() <= 35
                && tag.split('-').all(|sub| {
                    !sub.is_empty()
                        && sub.len() <= 8
                        && sub.bytes().all(|b| b.is_ascii_alphanumeric())
                });
            if !is_tag {
                return None;
            }
            let mut q = 1000;
            for param in parts {
                let (name, value) = param.split_once('=')?;
                if name.trim().eq_ignore_ascii_case("q") {
                    q = weight(value.trim())?;
                }
            }
            Some(Range { tag, q })
        })
        .collect()
}

/// A weight as RFC 9110 §12.4.2 writes it (`0`, `0.5`, `1.000`), in
/// thousandths; `None` for anything else.
fn weight(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(digits),
        "1" if digits == 0 => Some(1000),
        _ => None,
    }
}

/// How closely a range matches a site language: exactly, as a broader
/// range (`pt` for `pt-br`), or as a narrower one (`nl-BE` for `nl`).
fn closeness(range: &str, language: &str) -> Option<u8> {
    let starts = |long: &str, short: &str| {
        long.len() > short.len()
            && long.as_bytes()[short.len()] == b'-'
            && long[..short.len()].eq_ignore_ascii_case(short)
    };
    if range.eq_ignore_ascii_case(language) {
        Some(3)
    } else if starts(language, range) {
        Some(2)
    } else if starts(range, language) {
        Some(1)
    } else {
        None
    }
}

/// The language of `languages` that `header` prefers, if it accepts any.
pub fn preferred<'a>(header: &str, languages: &[&'a str]) -> Option<&'a str> {
    let ranges = ranges(header);
    // For each language: its weight and the position of the range that
    // decided it (the closest; among equally close ones, the first).
    let mut best: Option<(&'a str, u16, usize)> = None;
    for &language in languages {
        let decided = ranges
            .iter()
            .enumerate()
            .filter_map(|(at, r)| closeness(r.tag, language).map(|c| (c, at, r.q)))
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let Some((_, at, q)) = decided else {
            continue;
        };
        if q == 0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((_, best_q, best_at)) => q > best_q || (q == best_q && at < best_at),
        };
        if better {
            best = Some((language, q, at));
        }
    }
    best.map(|(language, _, _)| language)
}

#[cfg(test)]
mod tests {
    use super::preferred;

    const SITE: [&str; 2] = ["nl", "fr"];

    #[test]
    fn the_first_language_a_browser_names_wins() {
        assert_eq!(preferred("fr-BE,fr;q=0.9,nl;q=0.8", &SITE), Some("fr"));
        assert_eq!(preferred("nl-BE,nl;q=0.9,fr;q=0.8", &SITE), Some("nl"));
        assert_eq!(preferred("nl", &SITE), Some("nl"));
    }

    #[test]
    fn weights_decide_not_the_order() {
        assert_eq!(preferred("nl;q=0.4, fr;q=0.7", &SITE), Some("fr"));
        assert_eq!(preferred("nl;q=0.5, fr;q=0.500", &SITE), Some("nl"));
    }

    #[test]
    fn a_language_the_browser_refuses_is_never_chosen() {
        assert_eq!(preferred("fr;q=0, nl-BE", &SITE), Some("nl"));
        assert_eq!(preferred("fr;q=0", &SITE), None);
        // The closest range decides: `fr` is refused though `fr-BE` is wanted.
        assert_eq!(preferred("fr-BE, fr;q=0", &SITE), None);
    }

    #[test]
    fn a_browser_in_another_language_first_still_finds_a_site_language() {
        assert_eq!(preferred("en-US,en;q=0.9,fr;q=0.8", &SITE), Some("fr"));
        assert_eq!(preferred("de, en;q=0.5", &SITE), None);
    }

    #[test]
    fn broader_and_narrower_ranges_match() {
        assert_eq!(preferred("pt", &["nl", "pt-br"]), Some("pt-br"));
        assert_eq!(preferred("PT-BR", &["nl", "pt-br"]), Some("pt-br"));
        assert_eq!(preferred("nl-BE", &SITE), Some("nl"));
        // A prefix of letters is not a prefix of subtags.
        assert_eq!(preferred("f", &SITE), None);
        assert_eq!(preferred("nld", &SITE), None);
    }

    #[test]
    fn nonsense_and_the_wildcard_choose_nothing() {
        for header in [
            "",
            "*",
            ";q=1",
            "fr;q=2",
            "fr;q=0.1234",
            "fr;q=abc",
            "fr nl",
            "fr;q",
            ",,,",
        ] {
            assert_eq!(preferred(header, &SITE), None, "{header:?}");
        }
        assert_eq!(preferred("*, nl;q=0.1", &SITE), Some("nl"));
    }
}
