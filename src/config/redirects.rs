//! `[[redirects]]` in site.toml: old addresses the site answers itself,
//! each with a redirect to one of its pages or tag pages.
//!
//! ```toml
//! [[redirects]]
//! from = "/category/rouw/"
//! tag = "Rouw"            # the tag page of `Rouw`…
//! lang = "nl"             # …in Dutch (default: the default language)
//!
//! [[redirects]]
//! from = "/oude-praktijk/"
//! to = "@/over-mij?lang=fr"   # a page, as a Markdown link names it
//! ```
//!
//! A page's own old addresses are its `aliases`; these are for what has no
//! front matter to hold an alias (a tag page) or no page at all any more.
//! The shape of each entry is checked here; whether its `from` is free
//! and its target exists is the build's to say, which knows the pages
//! (`render::redirects`), at the entry's line.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::Diagnostic;

/// One `[[redirects]]` entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRedirect {
    from: Spanned<String>,
    #[serde(default)]
    to: Option<Spanned<String>>,
    #[serde(default)]
    tag: Option<Spanned<String>>,
    #[serde(default)]
    lang: Option<Spanned<String>>,
}

/// An old address and where it leads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Redirect {
    /// The old address, a path on this site: `/category/rouw/`.
    pub from: String,
    pub to: Target,
    /// Where the entry's `from` is written in site.toml, for errors.
    pub span: Range<usize>,
}

/// Where a redirect leads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A page: its node's key, in a language (else the default one).
    Page { key: String, lang: Option<String> },
    /// The page of a tag, by its name, in a language.
    Tag { name: String, lang: String },
}

impl Target {
    /// How site.toml says it, for messages.
    pub fn describe(&self) -> String {
        match self {
            Target::Page { key, lang: None } => format!("@/{key}"),
            Target::Page {
                key,
                lang: Some(lang),
            } => format!("@/{key}?lang={lang}"),
            Target::Tag { name, lang } => format!("the tag `{name}` in {lang}"),
        }
    }
}

const HELP: &str = "each [[redirects]] has `from` (an old path, like \"/category/rouw/\") and either `to` (a page, like \"@/over-mij\" or \"@/over-mij?lang=fr\") or `tag` (a tag's name, with `lang` for its language)";

/// The entries, checked for their shape; each problem located in `source`.
pub fn redirects(
    raw: Vec<RawRedirect>,
    languages: &[&str],
    default_language: &str,
    source: &str,
) -> (Vec<Redirect>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let one_of = format!(
        "write one of the site's languages: {}",
        languages.join(", ")
    );
    let mut problem_with = |at: usize, message: String, help: &str| {
        problems.push(
            Diagnostic::error(message)
                .in_file(super::CONFIG_FILE)
                .at_offset(source, at, 1)
                .help(help.to_owned()),
        );
    };
    for entry in raw {
        let span = entry.from.span();
        let from = entry.from.into_inner();
        let known = |code: &str| languages.contains(&code);
        let to = match (entry.to, entry.tag) {
            (Some(to), None) => {
                if let Some(lang) = &entry.lang {
                    problem_with(
                        lang.span().start,
                        format!(
                            "redirect from `{from}`: `lang` goes with `tag`; a page's language is in `to`"
                        ),
                        HELP,
                    );
                    continue;
                }
                let at = to.span().start;
                let Some(link) = to.get_ref().strip_prefix("@/") else {
                    problem_with(
                        at,
                        format!(
                            "redirect from `{from}`: `to = \"{}\"` is not a page of the site",
                            to.get_ref()
                        ),
                        HELP,
                    );
                    continue;
                };
                let (key, lang) = match link.split_once("?lang=") {
                    Some((key, lang)) => (key, Some(lang.to_owned())),
                    None => (link, None),
                };
                if let Some(lang) = lang.as_deref().filter(|l| !known(l)) {
                    problem_with(
                        at,
                        format!("redirect from `{from}`: this site has no language `{lang}`"),
                        &one_of,
                    );
                    continue;
                }
                Target::Page {
                    key: key.trim_end_matches('/').to_owned(),
                    lang,
                }
            }
            (None, Some(tag)) => {
                let lang = match entry.lang {
                    Some(lang) if !known(lang.get_ref()) => {
                        problem_with(
                            lang.span().start,
                            format!(
                                "redirect from `{from}`: this site has no language `{}`",
                                lang.get_ref()
                            ),
                            &one_of,
                        );
                        continue;
                    }
                    Some(lang) => lang.into_inner(),
                    None => default_language.to_owned(),
                };
                if tag.get_ref().trim().is_empty() {
                    problem_with(
                        tag.span().start,
                        format!("redirect from `{from}`: the tag has no name"),
                        HELP,
                    );
                    continue;
                }
                Target::Tag {
                    name: tag.into_inner(),
                    lang,
                }
            }
            (Some(_), Some(_)) => {
                problem_with(
                    span.start,
                    format!("redirect from `{from}` has both `to` and `tag`"),
                    HELP,
                );
                continue;
            }
            (None, None) => {
                problem_with(
                    span.start,
                    format!("redirect from `{from}` says nowhere to go"),
                    HELP,
                );
                continue;
            }
        };
        out.push(Redirect { from, to, span });
    }
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Vec<Redirect>, Vec<Diagnostic>) {
        #[derive(Deserialize)]
        struct File {
            redirects: Vec<RawRedirect>,
        }
        let file: File = toml::from_str(text).unwrap();
        redirects(file.redirects, &["nl", "fr"], "nl", text)
    }

    #[test]
    fn a_redirect_leads_to_a_page_or_a_tag_page() {
        let (redirects, problems) = parse(
            "[[redirects]]\nfrom = \"/a/\"\nto = \"@/over-mij?lang=fr\"\n\n[[redirects]]\nfrom = \"/tag/rouw/\"\ntag = \"Rouw\"\n",
        );
        assert!(problems.is_empty());
        assert_eq!(
            redirects[0].to,
            Target::Page {
                key: "over-mij".into(),
                lang: Some("fr".into())
            }
        );
        assert_eq!(
            redirects[1].to,
            Target::Tag {
                name: "Rouw".into(),
                lang: "nl".into()
            }
        );
    }

    #[test]
    fn a_redirect_of_the_wrong_shape_is_located() {
        let (redirects, problems) = parse(
            "[[redirects]]\nfrom = \"/a/\"\n\n[[redirects]]\nfrom = \"/b/\"\ntag = \"x\"\nlang = \"de\"\n\n[[redirects]]\nfrom = \"/c/\"\nto = \"/over/\"\n",
        );
        assert!(redirects.is_empty());
        let lines: Vec<usize> = problems.iter().map(|d| d.line.unwrap()).collect();
        assert_eq!(lines, [2, 7, 11]);
    }
}
