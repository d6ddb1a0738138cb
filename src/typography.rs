//! French typography: guillemets for quotes, and the no-break spaces French
//! puts before `; ! ? :` and inside `« »`, applied at build time so that
//! authors type plain spaces and straight quotes.
//!
//! The rules are the Imprimerie nationale's (*Lexique des règles
//! typographiques*), as JoliTypo applies them:
//!
//! - a narrow no-break space (U+202F) before `; ! ?` and inside `« »`, a
//!   no-break space (U+00A0) before `:`; whatever run of plain spaces the
//!   author typed there becomes that one space, and a no-break space already
//!   typed is kept;
//! - straight double quotes become `« »`, and quotes inside those `“ ”`;
//! - `"` right after a digit that closes nothing is an inch mark (`27"`) and
//!   stays as typed, as does a `"` that neither opens nor closes;
//! - a mark inside a word is not punctuation: `?` or `;` followed by a
//!   letter (`?lang=fr`), `:` followed by anything but a space (`10:30`,
//!   `mailto:`), and anything within a URL (`https://…`) are left alone.
//!
//! Only prose is touched: callers never pass code, raw HTML or attributes
//! (Markdown rendering gives it text events only, outside code). Prose often
//! arrives in pieces — `"*mot*"` is `"`, `mot`, `"` — so [`French`] carries
//! what it needs across the pieces of one block: the last character and
//! which quotes are open. Applying it twice changes nothing.
//!
//! It runs on every French text event of every page, so a piece with nothing
//! to do is returned borrowed after one scan of its bytes, and a piece with
//! something to do costs one allocation.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

mod numbers;
pub use numbers::bind_numbers;

/// U+202F NARROW NO-BREAK SPACE, before `; ! ?` and inside `« »`.
pub const NARROW_NBSP: char = '\u{202f}';
/// U+00A0 NO-BREAK SPACE, before `:`.
pub const NBSP: char = '\u{a0}';

/// Applies French typography to one piece of prose on its own (a title, a
/// description, a UI string).
pub fn french(text: &str) -> Cow<'_, str> {
    French::default().typeset(text)
}

/// French typography over the pieces of one block of prose (a paragraph, a
/// heading, a list item), which may be split by inline markup.
#[derive(Debug, Default, Clone)]
pub struct French {
    /// The last character of the block so far, typeset or not.
    last: Option<char>,
    quotes: Quotes,
    /// An opening guillemet and its space were just pushed: plain spaces
    /// that follow are dropped, even in the next piece.
    after_guillemet: bool,
}

impl French {
    /// Starts a new block: nothing before it, no quote open.
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Notes text of the block that is not typeset (inline code), which
    /// still decides whether a quote or mark after it ends a word.
    pub fn pass(&mut self, text: &str) {
        if let Some(c) = text.chars().next_back() {
            self.last = Some(c);
            self.after_guillemet = false;
        }
    }

    /// Typesets the next piece of the block.
    pub fn typeset<'a>(&mut self, text: &'a str) -> Cow<'a, str> {
        let bytes = text.as_bytes();
        let Some(first) = next_trigger(bytes, 0) else {
            self.pass(text);
            return Cow::Borrowed(text);
        };
        let mut out = String::with_capacity(text.len() + 16);
        let mut after_guillemet = self.after_guillemet;
        // Prose is copied run by run, between the bytes that may need work.
        let mut at = 0;
        let mut trigger = Some(first);
        loop {
            if after_guillemet {
                while matches!(bytes.get(at), Some(b' ' | b'\t')) {
                    at += 1;
                }
                if at < bytes.len() {
                    after_guillemet = false;
                    trigger = next_trigger(bytes, at);
                }
            }
            let Some(t) = trigger else {
                out.push_str(&text[at..]);
                break;
            };
            out.push_str(&text[at..t]);
            let rest = &text[t..];
            let mut chars = rest.chars();
            let c = chars.next().unwrap_or_default();
            let next = chars.next();
            at = t + c.len_utf8();
            let previous = out.chars().next_back().or(self.last);
            match c {
                ':' if rest[1..].starts_with("//") => {
                    // A URL: left alone up to the next space.
                    let end = bytes[at..]
                        .iter()
                        .position(u8::is_ascii_whitespace)
                        .map_or(bytes.len(), |n| at + n);
                    out.push_str(&text[t..end]);
                    at = end;
                    trigger = next_trigger(bytes, at);
                    continue;
                }
                '?' | '!' | ';' if ends_word(next, true) => {
                    self.space_before(&mut out, Before::Mark)
                }
                ':' if ends_word(next, false) => self.space_before(&mut out, Before::Colon),
                '"' => {
                    match self.straight_quote(previous, next) {
                        Some(Quote::Guillemet) => {
                            after_guillemet = open_guillemet(&mut out, next);
                        }
                        Some(Quote::Inner) => out.push('“'),
                        None => match self.quotes.close_straight(previous, next) {
                            Some(Quote::Guillemet) => {
                                self.space_before(&mut out, Before::Guillemet);
                                out.push('»');
                            }
                            Some(Quote::Inner) => out.push('”'),
                            None => out.push('"'),
                        },
                    }
                    trigger = next_trigger(bytes, at);
                    continue;
                }
                '«' => {
                    self.quotes.open(Quote::Guillemet, false);
                    after_guillemet = open_guillemet(&mut out, next);
                    trigger = next_trigger(bytes, at);
                    continue;
                }
                '»' => {
                    self.quotes.close_typed(Quote::Guillemet);
                    self.space_before(&mut out, Before::Guillemet);
                }
                '“' => self.quotes.open(Quote::Inner, false),
                '”' => self.quotes.close_typed(Quote::Inner),
                _ => {}
            }
            out.push(c);
            trigger = next_trigger(bytes, at);
        }
        self.pass(&out);
        self.after_guillemet = after_guillemet;
        Cow::Owned(out)
    }

    /// What a straight `"` after `previous` and before `next` opens, if it
    /// opens a quote; `None` if it closes one or is a mark of its own.
    fn straight_quote(&mut self, previous: Option<char>, next: Option<char>) -> Option<Quote> {
        if self.quotes.closes_straight(previous, next) {
            return None;
        }
        // What follows does not matter: a quote that ends a piece may open
        // one that the next piece holds (`"*mot*"`).
        let after_opening = previous.is_none_or(|p| {
            is_space(p)
                || matches!(
                    p,
                    '(' | '[' | '{' | '«' | '“' | '‘' | '’' | '\'' | '—' | '–' | '-' | '/'
                )
        });
        // After a letter or a digit (`27"`), a quote that closes nothing is
        // a mark of its own and stays as typed.
        if !after_opening {
            return None;
        }
        let quote = if self.quotes.depth == 0 {
            Quote::Guillemet
        } else {
            Quote::Inner
        };
        self.quotes.open(quote, true);
        Some(quote)
    }

    /// Puts the space `before` needs before the mark about to be pushed: the
    /// run of spaces typed there becomes one, the no-break space typed in it
    /// if any, else the mark's own.
    fn space_before(&self, out: &mut String, before: Before) {
        let space = match before {
            Before::Colon => NBSP,
            Before::Mark | Before::Guillemet => NARROW_NBSP,
        };
        let mut typed = None;
        while let Some(c) = out.chars().next_back().filter(|&c| is_inline_space(c)) {
            out.pop();
            if c != ' ' && c != '\t' {
                typed.get_or_insert(c);
            }
        }
        match out.chars().next_back().or(self.last) {
            // Only when `out` is empty: the previous piece ended with a
            // space, which cannot be taken back and stands before the mark.
            Some(c) if c.is_whitespace() => out.extend(typed),
            // `?!`, `(?)`, `«»`: nothing between.
            Some('?' | '!') if before != Before::Guillemet => {}
            Some('(' | '[' | '«') => {}
            Some(_) => out.push(typed.unwrap_or(space)),
            // A mark that starts a block has nothing to be spaced from.
            None => {}
        }
    }
}

/// What a space is put before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// `; ! ?`
    Mark,
    Colon,
    /// `»`
    Guillemet,
}

/// Pushes `«` and the narrow no-break space after it (unless the author
/// typed a no-break space there); returns whether plain spaces that follow
/// are to be dropped, the one pushed standing for them.
fn open_guillemet(out: &mut String, next: Option<char>) -> bool {
    out.push('«');
    match next {
        Some(' ' | '\t') | None => {
            out.push(NARROW_NBSP);
            true
        }
        Some(n) if is_space(n) || n == '»' => false,
        Some(_) => {
            out.push(NARROW_NBSP);
            false
        }
    }
}

/// The quotes open in a block, innermost last: a small stack in two words,
/// since prose never nests quotes deeply (beyond 32 levels, the deepest are
/// forgotten).
#[derive(Debug, Default, Clone, Copy)]
struct Quotes {
    depth: u8,
    /// Bit `i`: level `i` is a guillemet (else an inner quote).
    guillemet: u32,
    /// Bit `i`: level `i` was opened by a straight `"`.
    straight: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Guillemet,
    Inner,
}

impl Quotes {
    fn open(&mut self, quote: Quote, straight: bool) {
        if self.depth >= 32 {
            return;
        }
        let bit = 1u32 << self.depth;
        self.guillemet = (self.guillemet & !bit) | if quote == Quote::Guillemet { bit } else { 0 };
        self.straight = (self.straight & !bit) | if straight { bit } else { 0 };
        self.depth += 1;
    }

    fn top(&self) -> Option<(Quote, bool)> {
        let bit = 1u32 << self.depth.checked_sub(1)?;
        let quote = if self.guillemet & bit != 0 {
            Quote::Guillemet
        } else {
            Quote::Inner
        };
        Some((quote, self.straight & bit != 0))
    }

    /// Whether a straight `"` between `previous` and `next` closes the
    /// innermost quote: one a straight `"` opened, and the `"` ends a word
    /// (after a space, it only closes before a space or the end).
    fn closes_straight(&self, previous: Option<char>, next: Option<char>) -> bool {
        self.top().is_some_and(|(_, straight)| straight)
            && (previous.is_some_and(|p| !is_space(p)) || next.is_none_or(char::is_whitespace))
    }

    /// Closes the innermost quote if a straight `"` closes it here.
    fn close_straight(&mut self, previous: Option<char>, next: Option<char>) -> Option<Quote> {
        if !self.closes_straight(previous, next) {
            return None;
        }
        let (quote, _) = self.top()?;
        self.depth -= 1;
        Some(quote)
    }

    /// Closes the innermost quote if it is the kind the typed mark closes.
    fn close_typed(&mut self, quote: Quote) {
        if self.top().is_some_and(|(q, _)| q == quote) {
            self.depth -= 1;
        }
    }
}

/// Where, from `from` on, the next byte is that may need work: a mark, a
/// straight quote, or the lead byte of `« »` (0xC2) or `“ ”` (0xE2), which
/// other characters share (`’`, `…`): the check is only a filter.
fn next_trigger(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| TRIGGERS[b as usize])
        .map(|n| from + n)
}

static TRIGGERS: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = [b'?', b'!', b';', b':', b'"', 0xC2, 0xE2];
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether a mark followed by `next` ends a word (rather than sitting inside
/// a URL, a time or a code-like token).
fn ends_word(next: Option<char>, closing_allowed: bool) -> bool {
    match next {
        None => true,
        Some(n) if n.is_whitespace() => true,
        Some(n) if closing_allowed => matches!(
            n,
            '?' | '!' | ')' | ']' | '»' | '"' | '\'' | '’' | '”' | '.' | ',' | '…'
        ),
        Some(_) => false,
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == NBSP || c == NARROW_NBSP
}

/// A space within a line, which the spacing of a mark replaces.
fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | NBSP | NARROW_NBSP)
}

/// A line of plain text (a title, a description) as the body would show it:
/// smart punctuation if the site has it, then the language's typography,
/// then the numbers that must not break ([`bind_numbers`], in every
/// language). One function, so that a title and the body never disagree.
pub fn typeset_line(text: &str, smart: bool, french: bool) -> String {
    let text = if smart {
        smart_punctuation_in(text, french)
    } else {
        text.to_owned()
    };
    let text = if french {
        self::french(&text).into_owned()
    } else {
        text
    };
    match bind_numbers(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(bound) => bound,
    }
}

/// Curly quotes, apostrophes, dashes and ellipses in a line of plain text
/// (a title, a description), as the body gets them. Text that Markdown would
/// read as markup is left as it is, rather than lose its characters.
pub fn smart_punctuation(text: &str) -> String {
    smart_punctuation_in(text, false)
}

/// [`smart_punctuation`], keeping straight double quotes for French, which
/// pairs them itself (into « »).
fn smart_punctuation_in(text: &str, french: bool) -> String {
    if text.contains(['*', '_', '`', '[', ']', '<', '\\', '#', '!'])
        || text.trim_start().starts_with([
            '-', '+', '>', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
        ])
    {
        return text.to_owned();
    }
    if !text.contains(['\'', '"', '-', '.']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for (event, range) in
        Parser::new_ext(text, Options::ENABLE_SMART_PUNCTUATION).into_offset_iter()
    {
        match event {
            Event::Text(t) if french && is_smart_double_quote(&t, text, &range) => out.push('"'),
            Event::Text(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    // Markdown trims; a title keeps its own edges.
    if out.is_empty() { text.to_owned() } else { out }
}

/// Whether a text event is a curly double quote that smart punctuation made
/// from a straight one in the source.
pub(crate) fn is_smart_double_quote(text: &str, body: &str, range: &Range<usize>) -> bool {
    matches!(text, "“" | "”") && body.get(range.clone()) == Some("\"")
}

#[cfg(test)]
mod tests;
