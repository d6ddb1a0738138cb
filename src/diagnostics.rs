//! Errors and warnings that a person reads.
//!
//! praxis does not stop at the first problem: every stage records what it
//! finds in a [`Diagnostics`] list and carries on with what it could load, so
//! that one run lists every broken file at once. The command decides the exit
//! status at the end from whether any error was recorded.
//!
//! Every problem praxis prints, located or not, is shown by one printer,
//! [`Report`]: `error: what`, then `   = help: what to do`. An error of an
//! area (an image, a notification, a pull…) says what went wrong through its
//! `Display` and what to do through [`Help::help`], so that the format
//! lives here and nowhere else.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What a diagnostic is about, for a reader who tells it in other words
/// than its message (the desk, in nl, fr and en): the message stays the
/// one praxis prints. A diagnostic without a kind is told as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The page has no `description`.
    NoDescription,
    /// A Markdown image without alt text.
    ImageWithoutAlt,
    /// An `@/` link to no page, or to no heading of one.
    BrokenLink,
    /// The `slug` is not one URL segment.
    InvalidSlug,
    /// Two pages of one language at one address.
    SlugClash,
    /// The `title` is empty.
    EmptyTitle,
    /// A `date` or `updated` that is not a date.
    InvalidDate,
    /// The front matter is missing, unclosed, or not TOML as praxis reads it.
    FrontMatter,
    /// The title is still the placeholder that `praxis new` wrote.
    PlaceholderTitle,
    /// An `@/` link to a page that is a draft in that language.
    LinkToDraft,
    /// A table column whose header cell is empty.
    EmptyTableHeader,
    /// A photo that cannot be read as one: damaged, too large, not a JPEG,
    /// PNG or WebP.
    UnusablePhoto,
}

/// One problem, located as precisely as praxis knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What it is about, where a reader may tell it in its own words.
    #[serde(skip)]
    pub kind: Option<Kind>,
    /// The file the problem is in, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    pub message: String,
    /// What the user can do about it.
    pub help: Option<String>,
    /// The offending source line, shown under the message.
    #[serde(skip)]
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message.into())
    }

    /// An error diagnostic that says what `problem` says, with its help;
    /// locate it with [`Diagnostic::in_file`] and the like.
    pub fn of(problem: &dyn Help) -> Self {
        let mut d = Self::new(Severity::Error, problem.to_string());
        d.help = problem.help();
        d
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message.into())
    }

    fn new(severity: Severity, message: String) -> Self {
        Diagnostic {
            severity,
            kind: None,
            file: None,
            line: None,
            column: None,
            message,
            help: None,
            snippet: None,
        }
    }

    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Locates the diagnostic at a byte offset of `source`, and keeps the
    /// source line for display. `first_line` is the file line `source` starts on.
    pub fn at_offset(mut self, source: &str, offset: usize, first_line: usize) -> Self {
        let pos = Position::of(source, offset);
        self.line = Some(first_line + pos.line - 1);
        self.column = Some(pos.column);
        self.snippet = source.lines().nth(pos.line - 1).map(str::to_owned);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Says what the diagnostic is about ([`Kind`]).
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// [`Diagnostic::kind`], where only some of a source's problems have one.
    pub fn kind_of(mut self, kind: Option<Kind>) -> Self {
        self.kind = kind;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Report {
            severity: self.severity,
            what: &Located(self),
            help: self.help.as_deref().map(Cow::Borrowed),
        }
        .fmt(f)
    }
}

/// A diagnostic's file, line and column, message and source line with its
/// caret: everything its [`Report`] shows between the label and the help.
struct Located<'a>(&'a Diagnostic);

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        if let Some(file) = &d.file {
            write!(f, "{}", file.display())?;
            if let Some(line) = d.line {
                write!(f, ":{line}")?;
                if let Some(column) = d.column {
                    write!(f, ":{column}")?;
                }
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", d.message)?;
        if let Some(line) = &d.snippet {
            let (snippet, column) = cut_line(line, d.column);
            write!(f, "\n   | {snippet}")?;
            if let Some(column) = column {
                let pad: String = snippet
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n   | {pad}^")?;
            }
        }
        Ok(())
    }
}

/// An error a person reads: its `Display` says what went wrong, in words
/// without a label (`cannot write out.csv: …`); `help` says what to do
/// about it, if there is something to do. [`Report`] prints the two.
pub trait Help: fmt::Display {
    /// What the person can do about it.
    fn help(&self) -> Option<String> {
        None
    }
}

/// How praxis prints every problem: `error: what`, and `   = help: …`
/// under it when there is something to do. A [`Diagnostic`]'s `Display` is
/// a report; so is every command's error (the `Error` that `main` prints).
pub struct Report<'a> {
    severity: Severity,
    what: &'a dyn fmt::Display,
    help: Option<Cow<'a, str>>,
}

impl<'a> Report<'a> {
    /// The report of an error: its words, then its help.
    pub fn error(problem: &'a dyn Help) -> Report<'a> {
        Report::new(Severity::Error, problem)
    }

    /// The report of a problem that stops nothing (a notice not sent yet).
    pub fn warning(problem: &'a dyn Help) -> Report<'a> {
        Report::new(Severity::Warning, problem)
    }

    fn new(severity: Severity, problem: &'a dyn Help) -> Report<'a> {
        Report {
            severity,
            what: problem,
            help: problem.help().map(Cow::Owned),
        }
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.what)?;
        if let Some(help) = &self.help {
            write!(f, "\n   = help: {help}")?;
        }
        Ok(())
    }
}

/// The most characters of a source line shown under a message.
const SHOWN_CHARS: usize = 100;

/// A source line as shown: whole when short; else the [`SHOWN_CHARS`]
/// around `column`, with `…` where it was cut (a 300 KB line would fill
/// the terminal and hide the message). The column is the caret's in what
/// is shown.
fn cut_line(line: &str, column: Option<usize>) -> (Cow<'_, str>, Option<usize>) {
    let count = line.chars().count();
    if count <= SHOWN_CHARS {
        return (Cow::Borrowed(line), column);
    }
    let at = column.unwrap_or(1).clamp(1, count + 1) - 1;
    let start = at.saturating_sub(SHOWN_CHARS / 2).min(count - SHOWN_CHARS);
    let end = start + SHOWN_CHARS;
    let mut shown = String::with_capacity(SHOWN_CHARS + 8);
    if start > 0 {
        shown.push('…');
    }
    shown.extend(line.chars().skip(start).take(SHOWN_CHARS));
    if end < count {
        shown.push('…');
    }
    let column = column.map(|_| at - start + 1 + usize::from(start > 0));
    (Cow::Owned(shown), column)
}

/// A 1-based line and column (in characters) within a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn of(source: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..offset].chars().count() + 1;
        Position { line, column }
    }
}

fn floor_char_boundary(s: &str, mut index: usize) -> usize {
    while !s.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Every problem found in a run, in the order found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(more);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Orders diagnostics by file and line, so that a run's report reads
    /// top to bottom however the parallel stages interleaved.
    pub fn sort(&mut self) {
        self.items
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_lines_and_characters() {
        let text = "ab\nçd\nef";
        assert_eq!(Position::of(text, 0), Position { line: 1, column: 1 });
        assert_eq!(Position::of(text, 5), Position { line: 2, column: 2 });
        assert_eq!(Position::of(text, 7), Position { line: 3, column: 1 });
    }

    #[test]
    fn display_names_file_line_and_help() {
        let d = Diagnostic::error("bad thing")
            .in_file("content/nl.md")
            .at_offset("+++\ntitle = 1\n", 12, 1)
            .help("fix it");
        let shown = d.to_string();
        assert!(
            shown.starts_with("error: content/nl.md:2:9: bad thing"),
            "{shown}"
        );
        assert!(shown.contains("help: fix it"));
    }

    #[test]
    fn a_problem_and_a_diagnostic_print_alike() {
        #[derive(Debug, thiserror::Error)]
        #[error("cannot write out.csv")]
        struct Unwritable;
        impl Help for Unwritable {
            fn help(&self) -> Option<String> {
                Some("check that the folder is writable".into())
            }
        }
        let shown = "error: cannot write out.csv\n   = help: check that the folder is writable";
        assert_eq!(Report::error(&Unwritable).to_string(), shown);
        let d = Diagnostic::error("cannot write out.csv").help("check that the folder is writable");
        assert_eq!(d.to_string(), shown);
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let short = "x".repeat(SHOWN_CHARS);
        assert_eq!(
            cut_line(&short, Some(7)),
            (Cow::Borrowed(short.as_str()), Some(7))
        );
        let line: String = (0..1000)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        for column in [1, 2, 50, 51, 52, 500, 950, 951, 999, 1000, 1001] {
            let (shown, at) = cut_line(&line, Some(column));
            let at = at.unwrap();
            assert!(shown.chars().count() <= SHOWN_CHARS + 2, "{column}");
            let under = shown.chars().nth(at - 1);
            assert_eq!(
                under,
                line.chars().nth(column - 1),
                "column {column}: {shown}"
            );
            assert_eq!(
                shown.starts_with('…'),
                column > SHOWN_CHARS / 2 + 1,
                "{column}"
            );
            assert_eq!(
                shown.ends_with('…'),
                column <= 1000 - SHOWN_CHARS / 2,
                "{column}"
            );
        }
        let accents = "é".repeat(1000);
        let (shown, at) = cut_line(&accents, None);
        assert_eq!((shown.chars().count(), at), (SHOWN_CHARS + 1, None));
    }
}
