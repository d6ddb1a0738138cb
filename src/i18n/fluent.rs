//! One way to read a Fluent file, whoever's it is: the site's and the
//! theme's UI strings ([`super::I18n`]) and praxis's own, compiled in
//! (the `builtin` module beside this one). A file is parsed with its errors located (file,
//! line, caret), a message nested too deep is refused before the parser
//! can overflow its stack on it ([`too_deep`]), and a bundle never wraps
//! variables in Unicode isolation marks.

use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The messages of one language, ready to format.
pub type Bundle = FluentBundle<FluentResource>;

/// An empty bundle for `lang`.
pub fn bundle(lang: &str) -> Bundle {
    let id: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) around variables are invisible
    // noise in HTML, where the page's `lang` and `dir` already hold.
    bundle.set_use_isolating(false);
    bundle
}

/// Reads the Fluent file at `path`, shown as `shown` in what goes wrong.
pub fn read(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Option<FluentResource> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(parse(text, shown, diags)),
        Err(e) => {
            diags.push(
                Diagnostic::error(format!("cannot read the Fluent file: {e}"))
                    .in_file(shown)
                    .help("check that the file is readable UTF-8 text"),
            );
            None
        }
    }
}

/// Parses the text of the Fluent file `shown`. A message nested too deep
/// and each syntax error are located errors in `diags`; the messages that
/// did parse are kept.
pub fn parse(mut text: String, shown: &Path, diags: &mut Diagnostics) -> FluentResource {
    for deep in too_deep(&text) {
        diags.push(
            Diagnostic::error(format!(
                "this UI string has placeables or calls nested more than {MAX_NESTING} levels deep (`{{` or `(` inside another), which praxis does not read"
            ))
            .in_file(shown)
            .at_offset(&text, deep.at, 1)
            .help("a UI string needs a few levels at most: remove the extra `{` and `}` (or `(` and `)`); the message is left out until then"),
        );
        // Blank, not cut: the other messages keep their line numbers.
        let blank: String = text[deep.entry.clone()]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        text.replace_range(deep.entry, &blank);
    }
    match FluentResource::try_new(text) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in errors {
                // Point at the broken message rather than where the parser
                // gave up, which may be the end of the file.
                let at = error.slice.as_ref().map_or(error.pos.start, |s| s.start);
                diags.push(
                    Diagnostic::error(format!("Fluent syntax error: {}", error.kind))
                        .in_file(shown)
                        .at_offset(resource.source(), at, 1)
                        .help("a message is `key = text`; variables are written { $name }; see projectfluent.org"),
                );
            }
            resource
        }
    }
}

/// The message `id` of `bundle` with `args`, and what went wrong
/// formatting it; `None` when it has no such message, or no value.
pub fn format(
    bundle: &Bundle,
    id: &str,
    args: Option<&FluentArgs>,
) -> Option<(String, Vec<fluent_bundle::FluentError>)> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned();
    Some((text, errors))
}

/// The ids of the messages of `resource`, in the order of the file.
pub fn message_ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// How deep placeables (`{ … }`) and calls (`NUMBER(…)`) may nest in a UI
/// string. The Fluent parser goes one level down its own stack for each, so
/// thousands of them (a 49 KB file) crash the whole program; a real string
/// needs two or three.
pub const MAX_NESTING: usize = 64;

/// A message nested deeper than [`MAX_NESTING`].
#[derive(Debug, PartialEq)]
pub struct TooDeep {
    /// The byte offset of the `{` or `(` one level too deep.
    pub at: usize,
    /// The bytes of its whole entry, from its first line to the next entry.
    pub entry: std::ops::Range<usize>,
}

/// Every entry of a Fluent file that nests deeper than [`MAX_NESTING`],
/// found before the parser sees it. The count is Fluent's own syntax,
/// leniently: an entry starts at a line that does not begin with white
/// space (a comment line is skipped); inside a placeable, `{` and `(` open
/// a level and `}` and `)` close one, except in a string literal; in text,
/// only `{` opens one. A broken file is left for the parser to report.
pub fn too_deep(text: &str) -> Vec<TooDeep> {
    let mut found: Vec<TooDeep> = Vec::new();
    let mut entry_start = 0;
    let mut depth = 0usize;
    let mut deep_at = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(|c: char| !c.is_whitespace()) {
            if let Some(at) = deep_at.take() {
                found.push(TooDeep {
                    at,
                    entry: entry_start..offset,
                });
            }
            entry_start = offset;
            depth = 0;
        }
        if line.starts_with('#') {
            offset += line.len();
            continue;
        }
        let mut in_string = false;
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '{' => depth += 1,
                '(' if depth > 0 => depth += 1,
                '}' | ')' if depth > 0 => depth -= 1,
                '"' if depth > 0 => in_string = true,
                _ => continue,
            }
            if depth > MAX_NESTING && deep_at.is_none() {
                deep_at = Some(offset + i);
            }
        }
        offset += line.len();
    }
    if let Some(at) = deep_at {
        found.push(TooDeep {
            at,
            entry: entry_start..offset,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_in_placeables_and_calls_not_in_text_comments_or_strings() {
        let nested = |n: usize| format!("{}1{}", "{ ".repeat(n), " }".repeat(n));
        let calls = |n: usize| format!("{{ {}1{} }}", "NUMBER(".repeat(n), ")".repeat(n));
        assert_eq!(too_deep(&format!("a = {}\n", nested(MAX_NESTING))), []);
        assert_eq!(too_deep(&format!("a = {}\n", calls(MAX_NESTING - 1))), []);
        let text = format!(
            "# {}\na = {} ((( text ((\n    {{ \"{{{{{{ \\\" (((\" }}\nb = x\n",
            "{".repeat(200),
            "(".repeat(200)
        );
        assert_eq!(too_deep(&text), [], "comments, text and strings");
        let deep = format!("a = Een\nb =\n    {}\nc = Drie\n", nested(MAX_NESTING + 1));
        let found = too_deep(&deep);
        let b = deep.find("b =").unwrap();
        let c = deep.find("c =").unwrap();
        assert_eq!(
            found,
            [TooDeep {
                at: deep.find(&"{ ".repeat(MAX_NESTING + 1)).unwrap() + 2 * MAX_NESTING,
                entry: b..c,
            }]
        );
        let last = format!("a = {}", calls(MAX_NESTING));
        assert_eq!(too_deep(&last)[0].entry, 0..last.len(), "to the end");
    }
}
