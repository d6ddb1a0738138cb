//! French typography: the no-break spaces French puts before `; ! ? :` and
//! inside `« »`, applied at build time so that authors type plain spaces.
//!
//! Only prose is touched: callers never pass code, URLs or markup. Within
//! prose, a mark is spaced only where it ends a word — `?` followed by a
//! letter (`?lang=fr`), `:` followed by anything but a space (`10:30`,
//! `https://`) are left alone. Applying it twice changes nothing.

use std::borrow::Cow;

/// U+202F NARROW NO-BREAK SPACE, before `; ! ?` and inside `« »`.
pub const NARROW_NBSP: char = '\u{202f}';
/// U+00A0 NO-BREAK SPACE, before `:`.
pub const NBSP: char = '\u{a0}';

/// Applies French spacing to a piece of prose.
pub fn french(text: &str) -> Cow<'_, str> {
    french_after(text, None)
}

/// Applies French spacing to a piece of prose that follows `before` (the
/// last character of the preceding piece of the same paragraph, if any).
pub fn french_after(text: &str, before: Option<char>) -> Cow<'_, str> {
    if !text.contains(['?', '!', ';', ':', '«', '»']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if c == ' ' && previous == Some('«') {
            out.push(NARROW_NBSP);
            previous = Some(c);
            continue;
        }
        match c {
            '?' | '!' | ';' if ends_word(next, true) => space_before(&mut out, before, NARROW_NBSP),
            ':' if ends_word(next, false) => space_before(&mut out, before, NBSP),
            '»' => space_before(&mut out, before, NARROW_NBSP),
            _ => {}
        }
        out.push(c);
        if c == '«' {
            match next {
                // A plain space after it is replaced when it is read.
                Some(n) if is_space(n) || n == '»' => {}
                Some(_) => out.push(NARROW_NBSP),
                None => {}
            }
        }
        previous = Some(c);
    }
    Cow::Owned(out)
}

/// Whether a mark followed by `next` ends a word (rather than sitting inside
/// a URL, a time or a code-like token).
fn ends_word(next: Option<char>, closing_allowed: bool) -> bool {
    match next {
        None => true,
        Some(n) if n.is_whitespace() => true,
        Some(n) if closing_allowed => matches!(
            n,
            '?' | '!' | ')' | '»' | '"' | '\'' | '’' | '”' | '.' | ','
        ),
        Some(_) => false,
    }
}

/// Puts `space` before the mark about to be pushed, replacing a plain space
/// and leaving an existing no-break space alone.
fn space_before(out: &mut String, before: Option<char>, space: char) {
    let last = out.chars().next_back().or(before);
    match last {
        Some(' ') if !out.is_empty() => {
            out.pop();
            out.push(space);
        }
        Some(c) if is_space(c) || matches!(c, '?' | '!' | '(' | '[' | '«') => {}
        Some(_) => out.push(space),
        None => {}
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == NBSP || c == NARROW_NBSP
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(s: &str) -> String {
        french(s).into_owned()
    }

    #[test]
    fn spaces_before_high_punctuation() {
        assert_eq!(fr("Vraiment ?"), "Vraiment\u{202f}?");
        assert_eq!(fr("Vraiment?"), "Vraiment\u{202f}?");
        assert_eq!(
            fr("Oui ! Non ; peut-être"),
            "Oui\u{202f}! Non\u{202f}; peut-être"
        );
        assert_eq!(fr("Note : ceci"), "Note\u{a0}: ceci");
        assert_eq!(fr("Quoi ?!"), "Quoi\u{202f}?!");
    }

    #[test]
    fn guillemets() {
        assert_eq!(fr("le « mentorat »"), "le «\u{202f}mentorat\u{202f}»");
        assert_eq!(fr("le «mentorat»"), "le «\u{202f}mentorat\u{202f}»");
    }

    #[test]
    fn leaves_times_urls_and_queries_alone() {
        assert_eq!(fr("à 10:30 précises"), "à 10:30 précises");
        assert_eq!(
            fr("voir https://example.org/?lang=fr"),
            "voir https://example.org/?lang=fr"
        );
        assert_eq!(fr("mailto:marie@example.org"), "mailto:marie@example.org");
    }

    #[test]
    fn keeps_existing_no_break_spaces() {
        assert_eq!(fr("Vraiment\u{a0}?"), "Vraiment\u{a0}?");
        assert_eq!(fr("Vraiment\u{202f}?"), "Vraiment\u{202f}?");
    }

    #[test]
    fn is_idempotent() {
        for s in [
            "« Oui ? » dit-il : non !",
            "a;b ; c",
            "«x»",
            "Quoi ?! Bon: ok",
            "? début",
        ] {
            let once = fr(s);
            assert_eq!(fr(&once), once, "{s:?}");
        }
    }

    #[test]
    fn continues_after_a_previous_piece() {
        // "*mot*?" arrives as "mot" then "?": the mark still gets its space.
        assert_eq!(french_after("?", Some('t')), "\u{202f}?");
        assert_eq!(french_after("? oui", Some(' ')), "? oui");
    }
}
