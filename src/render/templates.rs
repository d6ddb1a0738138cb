//! Loading the theme's templates and the site's overrides into tera, and
//! turning tera's errors into diagnostics that name the template file and line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site_files::relative_to;
use crate::site_files::{self, Folder, slash_path};

/// The parsed templates, and where each one came from.
pub struct Templates {
    pub tera: Tera,
    /// Template name → its file (relative to the site root) and text.
    files: BTreeMap<String, (PathBuf, String)>,
    /// Templates that failed to load, already reported.
    broken: BTreeSet<String>,
    /// A hash of every template's name and text: what every output depends on.
    pub version: u64,
}

impl Templates {
    /// Whether a template may read the field `name` of a value: some
    /// template names it (as a whole word), or reads values whole.
    pub fn may_read(&self, name: &str) -> bool {
        self.reads_whole_values() || self.files.values().any(|(_, text)| names(text, name))
    }

    /// Whether a template reads values whole, or by a name computed as it
    /// runs, so that no field can be said unread: `json_encode`, a loop over
    /// a map's keys and values, `value[name]`, the whole context.
    pub fn reads_whole_values(&self) -> bool {
        static WHOLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r"json_encode|__tera_context|\bfor\s+\w+\s*,\s*\w+\s+in\b|\[\s*[A-Za-z_]|\|\s*get\b")
                .expect("a valid pattern")
        });
        self.files.values().any(|(_, text)| WHOLE.is_match(text))
    }

    /// Parses the theme's templates, then the site's own `templates/`, which
    /// replace the theme's templates of the same name. `register` adds the
    /// functions and filters templates may call: tera checks calls as it
    /// parses, so they must exist first.
    pub fn load(
        root: &Path,
        theme: Option<&Path>,
        register: impl FnOnce(&mut Tera),
        diags: &mut Diagnostics,
    ) -> Templates {
        let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        let dirs = site_files::layers(root, theme, Folder::Templates);
        for dir in dirs {
            for (name, path) in template_files(root, &dir, diags) {
                let shown = relative_to(root, &path);
                match std::fs::read_to_string(&path) {
                    Ok(text) => {
                        sources.insert(name, (shown, text));
                    }
                    Err(e) => diags.push(
                        Diagnostic::error(format!("cannot read the template: {e}"))
                            .in_file(&shown)
                            .help("check that the file is readable UTF-8 text"),
                    ),
                }
            }
        }

        let mut tera = new_tera();
        register(&mut tera);
        let mut templates = Templates {
            tera,
            files: sources.clone(),
            broken: BTreeSet::new(),
            version: {
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                for (name, (_, text)) in &sources {
                    h.update(name.as_bytes());
                    h.update(&[0]);
                    h.update(text.as_bytes());
                    h.update(&[0]);
                }
                h.digest()
            },
        };
        // tera stops at the first broken template: set it aside, report it,
        // and try again with the rest, so that every broken template is listed.
        loop {
            let batch = sources
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_str()));
            match templates.tera.add_raw_templates(batch) {
                Ok(()) => break,
                Err(e) => {
                    let d = templates.diagnostic(&e, None);
                    let culprit = culprit(&e).filter(|name| sources.contains_key(name));
                    diags.push(d);
                    match culprit {
                        Some(name) => {
                            sources.remove(&name);
                            templates.broken.insert(name);
                        }
                        None => break,
                    }
                }
            }
        }
        templates
    }

    /// Whether a template exists and loaded.
    pub fn has(&self, name: &str) -> bool {
        self.files.contains_key(name) && !self.broken.contains(name)
    }

    /// Whether a template exists but failed to load (and was reported).
    pub fn is_broken(&self, name: &str) -> bool {
        self.broken.contains(name)
    }

    /// The file a template was loaded from.
    pub fn file(&self, name: &str) -> Option<&Path> {
        self.files.get(name).map(|(path, _)| path.as_path())
    }

    /// Turns a tera error into a diagnostic located in the template file.
    /// `page` is the content file being rendered, if any.
    pub fn diagnostic(&self, error: &tera::Error, page: Option<&Path>) -> Diagnostic {
        let while_rendering = page
            .map(|p| format!(" (while rendering {})", p.display()))
            .unwrap_or_default();
        match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let is_syntax = matches!(error.kind(), ErrorKind::SyntaxError(_));
                let what = if is_syntax {
                    "template syntax error"
                } else {
                    "template error"
                };
                let span = report.span();
                let snippet = self.files.get(report.filename()).and_then(|(_, text)| {
                    text.lines()
                        .nth(span.start_line.saturating_sub(1))
                        .map(str::to_owned)
                });
                let mut d = Diagnostic::error(format!(
                    "{what}: {}{while_rendering}",
                    first_line(report.message())
                ))
                .at(span.start_line, span.start_col + 1)
                .help(template_help(report.message(), is_syntax));
                d.snippet = snippet;
                match self.file(report.filename()) {
                    Some(file) => d.in_file(file),
                    None => d.in_file(Path::new(Folder::Templates.name()).join(report.filename())),
                }
            }
            ErrorKind::MissingParent { current, parent } => {
                let d = Diagnostic::error(format!(
                    "template `{current}` extends `{parent}`, which does not exist"
                ))
                .help(format!(
                    "create templates/{parent}, or correct the name in {{% extends %}}"
                ));
                self.locate(d, current)
            }
            ErrorKind::CircularExtend {
                tpl,
                inheritance_chain,
            } => self.locate(
                Diagnostic::error(format!(
                    "template `{tpl}` extends itself through {}",
                    inheritance_chain.join(" → ")
                ))
                .help("break the loop of {% extends %}"),
                tpl,
            ),
            ErrorKind::CircularInclude { tpl, include_chain } => self.locate(
                Diagnostic::error(format!(
                    "template `{tpl}` includes itself through {}",
                    include_chain.join(" → ")
                ))
                .help("break the loop of {% include %}"),
                tpl,
            ),
            ErrorKind::TemplateNotFound(name) => {
                let mut d =
                    Diagnostic::error(format!("template `{name}` not found{while_rendering}"))
                        .help(format!("add templates/{name} to the site or the theme"));
                if let Some(page) = page {
                    d = d.in_file(page);
                }
                d
            }
            _ => {
                let mut message = error.to_string();
                let mut source = std::error::Error::source(error);
                while let Some(s) = source {
                    message.push_str(": ");
                    message.push_str(&s.to_string());
                    source = s.source();
                }
                let mut d =
                    Diagnostic::error(format!("template error: {message}{while_rendering}"))
                        .help("see the template context in the README");
                if let Some(page) = page {
                    d = d.in_file(page);
                }
                d
            }
        }
    }

    fn locate(&self, d: Diagnostic, template: &str) -> Diagnostic {
        match self.file(template) {
            Some(file) => d.in_file(file),
            None => d,
        }
    }
}

fn new_tera() -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    // The same bytes as tera's own escape, written run by run.
    tera.set_escape_fn(crate::html::write_escaped);
    tera.register_filter("json_encode", tera_contrib::json::json_encode);
    tera.register_filter("urlencode", tera_contrib::urlencode::urlencode);
    tera.register_filter("striptags", tera_contrib::regex::striptags);
    tera.register_filter("slugify", tera_contrib::slug::slug);
    tera
}

/// Every template file under `dir`, by template name (`partials/nav.html`).
fn template_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut problems = Vec::new();
    let files = site_files::walk(root, dir, &mut problems)
        .into_iter()
        .map(|path| (slash_path(path.strip_prefix(dir).unwrap_or(&path)), path))
        .collect();
    diags.extend(problems);
    files
}

/// The template an error is about, so that it can be set aside.
fn culprit(error: &tera::Error) -> Option<String> {
    match error.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r.filename().to_owned()),
        ErrorKind::MissingParent { current, .. } => Some(current.clone()),
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            Some(tpl.clone())
        }
        _ => None,
    }
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim()
}

fn template_help(message: &str, is_syntax: bool) -> String {
    if message.contains("not found in context")
        || message.contains("not defined")
        || message.contains("undefined")
    {
        "the variable does not exist here: check its spelling against the template context in \
         the README, or guard it with `{% if x is defined %}` or `| default(value=…)`"
            .into()
    } else if is_syntax {
        "tera templates use {{ expression }}, {% tag %} and {# comment #}; check the brackets \
         and the tag's name"
            .into()
    } else {
        "see the template context in the README".into()
    }
}

/// Whether `text` holds `word` as a whole word (not inside `subsummary`).
fn names(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(is_word)
            && !text[at + word.len()..].chars().next().is_some_and(is_word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates(text: &str) -> Templates {
        let mut diags = Diagnostics::new();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(Folder::Templates.of(dir.path())).unwrap();
        std::fs::write(Folder::Templates.of(dir.path()).join("page.html"), text).unwrap();
        Templates::load(dir.path(), None, |_| {}, &mut diags)
    }

    #[test]
    fn a_field_counts_as_read_where_a_template_names_it_as_a_word() {
        let t =
            templates("{% for p in section.pages %}{{ p.title }} {{ p.reading_time }}{% endfor %}");
        assert!(t.may_read("reading_time"));
        assert!(t.may_read("title"));
        assert!(!t.may_read("word_count"));
        assert!(!t.may_read("time"), "inside another name is not the name");
        assert!(!t.may_read("read"));
    }

    #[test]
    fn reading_values_whole_reads_every_field() {
        for text in [
            "{{ section.pages | json_encode | safe }}",
            "{% for p in section.pages %}{% for k, v in p %}{{ v }}{% endfor %}{% endfor %}",
            "{% for p in section.pages %}{{ p[name] }}{% endfor %}",
            "{{ __tera_context }}",
        ] {
            let t = templates(text);
            assert!(t.reads_whole_values(), "{text}");
            assert!(t.may_read("word_count"), "{text}");
        }
        assert!(
            !templates("{{ section.pages[0].title }} {{ page.extra[\"lead\"] }}")
                .reads_whole_values()
        );
    }
}
