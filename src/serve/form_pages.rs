//! The pages the form endpoint answers a browser with. Whatever became of
//! a submission — mistakes to correct (422), too many from one place (429),
//! a storage failure (503), a refusal a real visitor can meet (413, 403…) —
//! the visitor gets the form's own page again, themed and in their
//! language, with what went wrong above the form and, where it may be kept,
//! what they typed in it. The form on that page is the way back.

use tera::Value;

use crate::build::RenderedSite;
use crate::forms::endpoint::FormRoutes;
use crate::forms::view::FormState;
use crate::model::{PageId, Site};
use crate::render::escape_html;

/// Who sent the submission, as far as the page to answer with depends on it.
#[derive(Debug, Clone, Default)]
pub struct Visitor<'a> {
    /// The language the form said (`_lang`), if the site has it.
    pub lang: Option<&'a str>,
    /// The page the form was sent from: `_page`, else the `Referer`'s path.
    pub page: Option<&'a str>,
    pub accept_language: Option<&'a str>,
}

/// The form's page in the visitor's language, showing `state`; `None` when
/// the site has no page showing the form or it cannot be rendered (the
/// reason is printed for whoever runs the server).
pub fn form_page(
    site: &Site,
    converted: &RenderedSite,
    state: &FormState,
    lang: &str,
    visitor: &Visitor,
) -> Option<String> {
    let id = page_showing(site, &state.form, lang, visitor.page)?;
    match converted.renderer.render_with(
        site,
        &converted.converted,
        id,
        vec![("form_state", Value::from_serializable(state))],
    ) {
        Ok(html) => Some(html),
        Err(d) => {
            errln!("{d}");
            None
        }
    }
}

/// The language to answer in: the form's own, else its page's, else the
/// first of the browser's languages the site has, else the default.
pub fn language(routes: &FormRoutes, site: Option<&Site>, visitor: &Visitor) -> String {
    let known = |code: &str| routes.languages.iter().any(|l| l == code);
    if let Some(lang) = visitor.lang.filter(|l| known(l)) {
        return lang.to_owned();
    }
    let from_page = site.zip(visitor.page).and_then(|(site, path)| {
        site.pages
            .iter()
            .find(|p| site.config.url(&p.path) == path)
            .map(|p| p.lang.clone())
    });
    if let Some(lang) = from_page {
        return lang;
    }
    // Browsers list their languages most wanted first.
    visitor
        .accept_language
        .into_iter()
        .flat_map(|header| header.split(','))
        .filter_map(|tag| tag.split(';').next())
        .filter_map(|tag| tag.trim().split('-').next())
        .map(str::to_ascii_lowercase)
        .find(|code| known(code))
        .unwrap_or_else(|| routes.default_language.clone())
}

/// The path of a `Referer`, without its origin, query or fragment.
pub fn referer_path(referer: &str) -> Option<&str> {
    let rest = referer.split_once("://")?.1;
    let path = &rest[rest.find('/')?..];
    Some(path.split(['?', '#']).next().unwrap_or(path))
}

/// The page to show the form on: the one it was sent from if that page
/// shows it in `lang`, else the first page that does.
fn page_showing(site: &Site, form: &str, lang: &str, sent_from: Option<&str>) -> Option<PageId> {
    let shows = |id: &PageId| {
        let page = &site.pages[*id];
        page.lang == lang
            && page.front_matter.extra.get("form").and_then(|f| f.as_str()) == Some(form)
    };
    let sent_from =
        sent_from.and_then(|path| site.pages.position(|p| site.config.url(&p.path) == path));
    sent_from
        .filter(shows)
        .or_else(|| site.pages.ids().find(shows))
}

/// Without a page to show the form on (a theme or site that lost it), a
/// plain page that still says, in the visitor's language, what went wrong
/// and leads back to the site.
pub fn plain_page(lang: &str, title: &str, lines: &[String], back: &str) -> String {
    let mut html = format!(
        "<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{title}</title>\
         <main><h1>{title}</h1><ul>",
        lang = escape_html(lang),
        title = escape_html(title),
    );
    for line in lines {
        html.push_str(&format!("<li>{}</li>", escape_html(line)));
    }
    html.push_str(&format!(
        "</ul><p><a href=\"{}\">←</a></p></main></html>",
        escape_html(back)
    ));
    html
}

/// A page the endpoint answers from an origin of its own, its links and
/// assets made to point at the site: `/style.css` becomes
/// `https://praktijk.be/style.css`, so the page looks like the site and its
/// menu leads back there. In-page links (`#…`), absolute URLs and the
/// form's action (already the endpoint's) are left alone.
pub fn on_site(html: &str, site_origin: &str) -> String {
    static ATTRIBUTE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(\s(?:href|src|srcset|poster)=")([^"]*)""#).expect("a valid pattern")
    });
    let absolute = |url: &str| -> String {
        if url.starts_with('/') && !url.starts_with("//") {
            format!("{site_origin}{url}")
        } else {
            url.to_owned()
        }
    };
    ATTRIBUTE
        .replace_all(html, |c: &regex::Captures| {
            let (attribute, value) = (&c[1], &c[2]);
            let value = if attribute.ends_with("srcset=\"") {
                value
                    .split(',')
                    .map(|candidate| {
                        let candidate = candidate.trim();
                        let (url, size) = candidate.split_once(' ').unwrap_or((candidate, ""));
                        format!("{} {size}", absolute(url)).trim_end().to_owned()
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                absolute(value)
            };
            format!("{attribute}{value}\"")
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routes() -> FormRoutes {
        FormRoutes {
            languages: vec!["nl".into(), "fr".into()],
            default_language: "nl".into(),
            ..FormRoutes::default()
        }
    }

    #[test]
    fn a_page_from_the_endpoints_own_origin_points_at_the_site() {
        let page = r##"<link rel="stylesheet" href="/style.css"><a href="/">home</a> <a href="#form-contact-email">e-mail</a> <a href="https://elders.example/x">x</a> <img src="/nl/a.jpg" srcset="/nl/a-480.webp 480w, /nl/a-960.webp 960w"> <a href="//cdn.example/y">y</a> <form action="https://forms.praktijk.be/forms/contact">"##;
        let out = on_site(page, "https://praktijk.be");
        for expected in [
            r#"href="https://praktijk.be/style.css""#,
            r#"href="https://praktijk.be/""#,
            r##"href="#form-contact-email""##,
            r#"href="https://elders.example/x""#,
            r#"src="https://praktijk.be/nl/a.jpg""#,
            r#"srcset="https://praktijk.be/nl/a-480.webp 480w, https://praktijk.be/nl/a-960.webp 960w""#,
            r#"href="//cdn.example/y""#,
            r#"action="https://forms.praktijk.be/forms/contact""#,
        ] {
            assert!(out.contains(expected), "{expected} in {out}");
        }
    }

    #[test]
    fn the_answer_speaks_the_forms_language_else_the_browsers() {
        let visitor = |lang, accept| Visitor {
            lang,
            page: None,
            accept_language: accept,
        };
        let routes = routes();
        assert_eq!(
            language(&routes, None, &visitor(Some("fr"), Some("nl"))),
            "fr"
        );
        assert_eq!(
            language(
                &routes,
                None,
                &visitor(Some("de"), Some("de-DE,fr-BE;q=0.8"))
            ),
            "fr",
            "a language the site lacks is passed over"
        );
        assert_eq!(
            language(&routes, None, &visitor(None, Some("FR-be, nl;q=0.5"))),
            "fr"
        );
        assert_eq!(language(&routes, None, &visitor(None, Some("en-GB"))), "nl");
        assert_eq!(language(&routes, None, &visitor(None, None)), "nl");
    }

    #[test]
    fn a_referer_gives_its_path_alone() {
        assert_eq!(
            referer_path("https://praktijk.be/fr/contact/?x=1#form"),
            Some("/fr/contact/")
        );
        assert_eq!(referer_path("http://127.0.0.1:1111/nl/"), Some("/nl/"));
        assert_eq!(referer_path("https://praktijk.be"), None);
        assert_eq!(referer_path("/nl/"), None);
    }
}
