//! What this praxis was built with: the Cargo features that leave out what
//! a site may not use, and the one error a site gets when it asks for one
//! that was left out.
//!
//! A praxis built with `--no-default-features` is a whole generator; what
//! it lacks it says, at the place in the site that asks for it, rather
//! than building a different site in silence. Each feature's module has a
//! "without" twin (`search/without.rs`, `media/encode_without.rs`…) with the
//! same public functions, whose answer is [`missing`].

use crate::diagnostics::Diagnostic;

/// A part of praxis that a build may leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// `[search]`: Pagefind's index per language.
    Search,
    /// Resizing and encoding photos (`[images]`, `resize_image`).
    Images,
    /// The form endpoint, its store, its mail and `praxis forms pull`.
    FormsServer,
    /// The preview server and the desk (`praxis serve`, `praxis desk`).
    Serve,
    /// `praxis import wordpress`.
    Wordpress,
}

impl Feature {
    /// Its name in Cargo.toml's `[features]`.
    pub fn name(self) -> &'static str {
        match self {
            Feature::Search => "search",
            Feature::Images => "images",
            Feature::FormsServer => "forms-server",
            Feature::Serve => "serve",
            Feature::Wordpress => "wordpress",
        }
    }

    /// Whether this praxis was built with it.
    pub fn built_in(self) -> bool {
        match self {
            Feature::Search => cfg!(feature = "search"),
            Feature::Images => cfg!(feature = "images"),
            Feature::FormsServer => cfg!(feature = "forms-server"),
            Feature::Serve => cfg!(feature = "serve"),
            Feature::Wordpress => cfg!(feature = "wordpress"),
        }
    }

    /// What to do when it is missing: the same words wherever it is asked for.
    pub fn help(self) -> String {
        format!(
            "install the full praxis (the README's Install section), or cargo install praxis --features {}",
            self.name()
        )
    }
}

/// The error for `what` a site asks (`site.toml turns on [search]`),
/// which needs `feature`:
/// locate it where the site asks ([`Diagnostic::in_file`],
/// [`Diagnostic::at_offset`]).
pub fn missing(feature: Feature, what: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "{what}, but this praxis was built without the `{}` feature",
        feature.name()
    ))
    .help(feature.help())
}

/// The byte offset in site.toml's `source` of where the table `name`
/// (`search`, `forms.contact`) is written: its `[name]` header, or a
/// dotted or inline key at the start of a line; 0 if neither is there.
/// Commented lines (the commented examples `praxis init` writes) are not it.
pub fn table_offset(source: &str, name: &str) -> usize {
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let text = line.trim_start();
        let indent = line.len() - text.len();
        let header = text
            .strip_prefix('[')
            .and_then(|t| t.strip_prefix(name))
            .is_some_and(|rest| rest.trim_start().starts_with([']', '.']));
        let key = text
            .strip_prefix(name)
            .is_some_and(|rest| rest.trim_start().starts_with(['=', '.']));
        if header || key {
            return at + indent;
        }
        at += line.len();
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_found_where_it_is_written_not_where_a_comment_names_it() {
        let source = "# [search]\n# search = {}\n\n  [search]\nenabled = true\n";
        assert_eq!(
            table_offset(source, "search"),
            source.find("  [search]").unwrap() + 2
        );
        let inline = "title = \"x\"\nsearch = { enabled = true }\n";
        assert_eq!(
            table_offset(inline, "search"),
            inline.find("search =").unwrap()
        );
        let forms = "[forms.contact]\n";
        assert_eq!(table_offset(forms, "forms"), 0);
        assert_eq!(table_offset("search_path = \"zoeken\"\n", "search"), 0);
        assert_eq!(table_offset("[searchable]\n[search]\n", "search"), 13);
    }

    #[test]
    fn the_error_names_the_feature_and_how_to_get_it() {
        let shown = missing(Feature::Search, "site.toml turns on [search]").to_string();
        assert!(
            shown.contains(
                "site.toml turns on [search], but this praxis was built without the `search` feature"
            ),
            "{shown}"
        );
        assert!(
            shown.contains("cargo install praxis --features search"),
            "{shown}"
        );
    }
}
