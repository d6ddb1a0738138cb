//! Internal links: `@/KEY`, `@/KEY?lang=fr`, each with an optional `#anchor`.

/// A parsed `@/…` link destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink<'a> {
    /// The node key: `articles/mentorschap`, or `""` for the home page.
    pub key: &'a str,
    /// The language asked for with `?lang=`, if any.
    pub lang: Option<&'a str>,
    pub anchor: Option<&'a str>,
}

/// Why an `@/…` link cannot be followed, whatever the site holds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("`?{query}` is not understood in `{dest}`: the only option is ?lang=CODE")]
    UnknownOption { query: String, dest: String },
}

/// Parses a link destination. `None` if it is not an internal link at all,
/// `Some(Err)` if it is one but malformed.
pub fn parse(dest: &str) -> Option<Result<InternalLink<'_>, LinkError>> {
    let rest = dest.strip_prefix("@/")?;
    let (rest, anchor) = match rest.split_once('#') {
        Some((r, a)) => (r, Some(a)),
        None => (rest, None),
    };
    let (key, query) = match rest.split_once('?') {
        Some((k, q)) => (k, Some(q)),
        None => (rest, None),
    };
    let lang = match query {
        None => None,
        Some(q) => match q.strip_prefix("lang=") {
            Some(lang) if !lang.is_empty() && !lang.contains('&') => Some(lang),
            _ => {
                return Some(Err(LinkError::UnknownOption {
                    query: q.to_owned(),
                    dest: dest.to_owned(),
                }));
            }
        },
    };
    Some(Ok(InternalLink {
        key: key.trim_end_matches('/'),
        lang,
        anchor: anchor.filter(|a| !a.is_empty()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(parse("https://x.org"), None);
        assert_eq!(
            parse("@/articles/mentorschap?lang=fr#conclusion")
                .unwrap()
                .unwrap(),
            InternalLink {
                key: "articles/mentorschap",
                lang: Some("fr"),
                anchor: Some("conclusion")
            }
        );
        assert_eq!(
            parse("@/").unwrap().unwrap(),
            InternalLink {
                key: "",
                lang: None,
                anchor: None
            }
        );
        assert_eq!(parse("@/over-mij/").unwrap().unwrap().key, "over-mij");
        assert!(parse("@/x?language=fr").unwrap().is_err());
    }
}
