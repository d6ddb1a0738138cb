//! What `praxis check` points out beyond errors: things a build lets
//! through but a careful author wants to know about.

use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;

/// Pages without a description, and forms whose thank-you page is missing.
pub fn advise(site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for page in &site.pages {
        if page
            .description
            .as_deref()
            .is_none_or(|d| d.trim().is_empty())
        {
            diags.push(
                Diagnostic::warning("this page has no description")
                    .in_file(&page.source)
                    .at_line(1)
                    .help("add description = \"…\": one sentence, shown by search engines and in lists"),
            );
        }
    }
    if !site.config.forms.is_empty() && site.config.submissions.public_key.is_none() {
        diags.push(
            Diagnostic::warning("the site has forms but no [submissions] public_key: their submissions cannot be stored")
                .in_file(CONFIG_FILE)
                .help("make a key pair with `praxis forms keygen --output FILE` and put its public key under [submissions]"),
        );
    }
    for (name, form) in &site.config.forms {
        let thanks = form.thanks.trim_matches('/');
        let at_line = site
            .config
            .source
            .find(&format!("thanks = \"{}\"", form.thanks))
            .map(|at| site.config.line_of(at));
        let located = |d: Diagnostic| match at_line {
            Some(line) => d.in_file(CONFIG_FILE).at_line(line),
            None => d.in_file(CONFIG_FILE),
        };
        match site.node_id(thanks) {
            None => diags.push(located(
                Diagnostic::warning(format!("the thank-you page of form `{name}`, content/{thanks}, does not exist"))
                    .help(format!("create content/{thanks}/ with a page per language, or point thanks to an existing page")),
            )),
            Some(node) => {
                for language in &site.config.languages {
                    if site.page_in(node, &language.code).is_none() {
                        diags.push(located(
                            Diagnostic::warning(format!(
                                "the thank-you page of form `{name}` has no {} version: {} visitors land on the {} one",
                                language.code, language.name, site.config.default_language
                            ))
                            .help(format!("write content/{thanks}/{}.md", language.code)),
                        ));
                    }
                }
            }
        }
    }
    diags
}
