//! `[search]` in site.toml: whether the site gets a search, and which
//! pages it finds.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// Builds an index per language and a search page per language.
    pub enabled: bool,
    /// The node keys whose pages are found (a section and everything under
    /// it: `["articles"]`); empty for every page. `""` is the home page.
    pub sections: Vec<String>,
}

impl SearchConfig {
    /// Whether the search finds a page: search is on, the page (node `key`)
    /// is in an indexed section, and neither its `search = false`
    /// (`page_says`) nor `noindex` keeps it out — a form's thank-you page
    /// is no answer to a search. The indexer and the theme (which marks
    /// what Pagefind's own tools would read) both ask this.
    pub fn finds(&self, key: &str, page_says: Option<bool>, noindex: bool) -> bool {
        self.enabled && page_says != Some(false) && !noindex && self.covers(key)
    }

    /// Whether the page with node `key` is in one of the indexed sections.
    pub fn covers(&self, key: &str) -> bool {
        self.sections.is_empty()
            || self.sections.iter().any(|s| {
                s == key
                    || (!s.is_empty()
                        && key.starts_with(s.as_str())
                        && key.as_bytes().get(s.len()) == Some(&b'/'))
            })
    }

    /// What is wrong with the table, located in site.toml's `source`.
    pub fn problems(&self, source: &str) -> Vec<Diagnostic> {
        let offset = source.find("[search]").unwrap_or(0);
        self.sections
            .iter()
            .filter(|s| s.starts_with('/') || s.ends_with('/') || s.contains("//"))
            .map(|s| {
                Diagnostic::error(format!(
                    "[search] sections: `{s}` is not a content folder's key"
                ))
                .in_file(crate::config::CONFIG_FILE)
                .at_offset(source, offset, 1)
                .help("write folder paths under content/ without slashes around them, like sections = [\"articles\"]")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_covers_itself_and_what_is_under_it_only() {
        let config = SearchConfig {
            enabled: true,
            sections: vec!["articles".into()],
        };
        assert!(config.covers("articles"));
        assert!(config.covers("articles/mentorschap"));
        assert!(!config.covers("articles-old/x"));
        assert!(!config.covers("over-mij"));
        assert!(!config.covers(""));
    }

    #[test]
    fn no_sections_covers_every_page() {
        let config = SearchConfig::default();
        assert!(config.covers(""));
        assert!(config.covers("over-mij"));
    }
}
