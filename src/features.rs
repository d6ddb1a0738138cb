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
}

impl Feature {
    /// Its name in Cargo.toml's `[features]`.
    pub fn name(self) -> &'static str {
        match self {
            Feature::Search => "search",
            Feature::Images => "images",
            Feature::FormsServer => "forms-server",
        }
    }

    /// Whether this praxis was built with it.
    pub fn built_in(self) -> bool {
        match self {
            Feature::Search => cfg!(feature = "search"),
            Feature::Images => cfg!(feature = "images"),
            Feature::FormsServer => cfg!(feature = "forms-server"),
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

#[cfg(test)]
mod tests {
    use super::*;

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
