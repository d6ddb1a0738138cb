//! What `praxis check` points out beyond errors: things a build lets
//! through but a careful author wants to know about — and [`check`], the
//! whole of `praxis check`: a build's problems, this advice, and the
//! translations' state, recorded in the lock file.

use std::path::Path;

use crate::build::{BuildOptions, build_site};
use crate::translations::{self, LOCK_FILE};

use crate::authoring::new_page::is_placeholder_title;
use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::forms::view::missing_ui_strings;
use crate::i18n::I18n;
use crate::model::Site;

/// What `praxis check` found.
pub struct Checked {
    /// Sorted, errors and warnings alike.
    pub diagnostics: Diagnostics,
    /// What it changed in the translations' lock file, if anything.
    pub lock_note: Option<String>,
    /// Where `praxis publish` sends the site: site.toml's targets.
    pub publish: Vec<crate::config::publish::Target>,
}

/// Everything a build of the site under `root` would report, this module's
/// advice, and the translations that are missing or out of date; the pages
/// `accept` names (node keys) are taken as agreeing as they are now.
pub fn check(root: &Path, accept: &[String]) -> Checked {
    let build = build_site(root, &BuildOptions::default());
    let mut diagnostics = build.diagnostics;
    let mut lock_note = None;
    let mut publish = Vec::new();
    if let Some(site) = &build.site {
        publish = site.config.publish.clone();
        diagnostics.extend(publish_addresses(&site.config));
        diagnostics.extend(advise(root, site, build.pages.as_ref().map(|p| &*p.i18n)));
        for key in accept {
            if site.node(key.trim_matches('/')).is_none() {
                diagnostics.push(
                    Diagnostic::error(format!("--accept {key}: there is no page content/{key}"))
                        .help("pass a node key, the folder path under content/, like articles/mentorschap"),
                );
            }
        }
        let accept: Vec<String> = accept
            .iter()
            .map(|k| k.trim_matches('/').to_owned())
            .collect();
        let today = jiff::Zoned::now().date();
        match translations::check_and_record(root, site, &accept, today) {
            Ok((report, written)) => {
                diagnostics.extend(report.diagnostics);
                lock_note = written.then(|| format!("updated {LOCK_FILE}"));
            }
            Err(d) => diagnostics.push(d),
        }
    }
    diagnostics.sort();
    Checked {
        diagnostics,
        lock_note,
        publish,
    }
}

/// A `[publish.NAME] url` that is not `base_url`: the site's links would
/// point elsewhere than where it is served (`praxis publish` refuses it).
fn publish_addresses(config: &crate::config::Config) -> Vec<Diagnostic> {
    let base = config.permalink("/");
    config
        .publish
        .iter()
        .filter(|t| t.served_elsewhere_than(&base))
        .filter_map(|t| Some((t, t.url.as_ref()?)))
        .map(|(t, url)| {
            let header = format!("[publish.{}]", t.name);
            let at = config.source.find(&header).unwrap_or(0);
            Diagnostic::error(format!(
                "{header} url {url} is not base_url {base}: the site's links would point elsewhere than where it is served"
            ))
            .in_file(CONFIG_FILE)
            .at_offset(&config.source, at, header.len())
            .help("make base_url the address the site is served at, or correct url (praxis publish refuses until they agree)")
        })
        .collect()
}

/// Pages without a description, titles still the placeholder `praxis new`
/// wrote, forms whose thank-you page or UI strings are missing.
pub fn advise(root: &Path, site: &Site, i18n: Option<&I18n>) -> Diagnostics {
    let mut diags = Diagnostics::new();
    placeholder_titles(root, site, &mut diags);
    if let Some(i18n) = i18n {
        missing_form_strings(site, i18n, &mut diags);
    }
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
    if !site.config.forms.is_empty() {
        for language in &site.config.languages {
            let has_notice = site.pages.iter().any(|p| {
                p.lang == language.code
                    && p.front_matter.template.as_deref() == Some("privacy.html")
            });
            if !has_notice {
                diags.push(
                    Diagnostic::warning(format!(
                        "the site has forms but no privacy notice in {}: visitors cannot read what happens to what they send",
                        language.code
                    ))
                    .in_file(CONFIG_FILE)
                    .help(format!(
                        "add a page with template = \"privacy.html\" in {}: the default theme writes the notice from the forms' declaration, and every form links to it",
                        language.code
                    )),
                );
            }
        }
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

/// A page `praxis new` made without a title in its language keeps a
/// placeholder until the author writes one: it must not go unnoticed, draft
/// or not.
fn placeholder_titles(root: &Path, site: &Site, diags: &mut Diagnostics) {
    let published = site
        .pages
        .iter()
        .map(|p| (p.lang.as_str(), p.source.as_path(), &p.front_matter, false));
    let drafts = site
        .nodes
        .iter()
        .flat_map(|n| &n.drafts)
        .map(|d| (d.lang.as_str(), d.source.as_path(), &d.front_matter, true));
    for (lang, source, front_matter, draft) in published.chain(drafts) {
        if !is_placeholder_title(&front_matter.title) {
            continue;
        }
        let name = site.config.language(lang).map_or(lang, |l| l.name.as_str());
        let message = if draft {
            "this draft's title is still a placeholder"
        } else {
            "this page is published with a placeholder title"
        };
        diags.push(
            Diagnostic::warning(message)
                .in_file(source)
                .at_line(title_line(&root.join(source)))
                .help(format!(
                    "write its title in {name} (and a slug, for its URL) in the front matter"
                )),
        );
    }
}

/// The line of `title =` in a file's front matter, else 1.
fn title_line(file: &Path) -> usize {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| {
            text.lines()
                .position(|l| l.trim_start().starts_with("title"))
                .map(|i| i + 1)
        })
        .unwrap_or(1)
}

/// Every UI string a declared form lacks, per language, at once — so that
/// adding a form to site.toml takes one round, even before a page shows it.
/// A form a page already shows in a language is left to the build, which
/// names the same strings as an error.
fn missing_form_strings(site: &Site, i18n: &I18n, diags: &mut Diagnostics) {
    for (name, form) in &site.config.forms {
        let at_line = site
            .config
            .source
            .find(&format!("[forms.{name}]"))
            .map(|at| site.config.line_of(at));
        for language in &site.config.languages {
            let shown = site.pages.iter().any(|p| {
                p.lang == language.code
                    && p.front_matter.extra.get("form").and_then(|f| f.as_str()) == Some(name)
            });
            let mut missing = if shown {
                Vec::new()
            } else {
                missing_ui_strings(name, form, i18n, &language.code)
            };
            // The privacy notice names each form and why it asks what it
            // asks: its strings are needed as soon as there is a notice,
            // and a template stops at the first one it lacks.
            let notice = site.pages.iter().any(|p| {
                p.lang == language.code
                    && p.front_matter.template.as_deref() == Some("privacy.html")
            });
            if notice {
                for key in [format!("form-{name}-title"), format!("form-{name}-purpose")] {
                    if !i18n.has(&language.code, &key) && !missing.contains(&key) {
                        missing.push(key);
                    }
                }
            }
            if missing.is_empty() {
                continue;
            }
            let mut d = Diagnostic::warning(format!(
                "form `{name}` lacks {} UI string{} in {}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                language.code,
                missing.join(", ")
            ))
            .in_file(CONFIG_FILE)
            .help(format!(
                "add them to i18n/{}.ftl, one per line: {} = …",
                language.code, missing[0]
            ));
            if let Some(line) = at_line {
                d = d.at_line(line);
            }
            diags.push(d);
        }
    }
}
