//! Numbers that must not break across lines, in every language: a phone
//! number (`0800 32 123` split as `0800 32` / `123` is a wrong number on
//! paper), the number after "n°" / "nr." / "no.", and an amount with its
//! currency sign (`€ 70`, `70 €`). The spaces inside them become no-break
//! spaces (U+00A0), so that authors and `[practice]` keep typing plain ones.
//!
//! A phone number is recognised by its shape, as Belgian, Dutch and French
//! numbers are written: it starts with `+` or `0`, its groups of digits are
//! separated by single spaces, and it holds 8 to 15 digits (E.164's
//! longest). A year followed by a count (`in 2024 12 mensen`) starts with
//! neither, and a short emergency number (`1813`, `112`) has no space to
//! bind.
//!
//! Applying it twice changes nothing; a text without a digit is returned
//! borrowed after one scan.

use std::borrow::Cow;

use super::NBSP;

/// Whether `text` holds an ASCII digit. Every text of every page is looked
/// at (196 MB in the 20 000-page benchmark) and few hold one: 64 bytes at
/// a time, without a branch per byte, and only a block that has one ends
/// the search.
fn has_digit(text: &str) -> bool {
    text.as_bytes().chunks(64).any(|block| {
        block
            .iter()
            .fold(false, |any, &b| any | (b.wrapping_sub(b'0') < 10))
    })
}

/// The words for "number" before which a figure is kept on the same line.
const NUMBER_WORDS: &[&str] = &["n°", "N°", "nº", "Nº", "nr.", "Nr.", "no.", "No."];

/// Binds phone numbers, "n° 12" and amounts with their currency sign with
/// no-break spaces.
pub fn bind_numbers(text: &str) -> Cow<'_, str> {
    if !has_digit(text) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Byte offsets of the plain spaces to replace.
    let mut bind: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == ' ' {
            let before = &text[..at];
            let previous = before.chars().next_back();
            let after_number_word = || {
                NUMBER_WORDS.iter().any(|w| {
                    before.ends_with(w)
                        && before[..before.len() - w.len()]
                            .chars()
                            .next_back()
                            .is_none_or(|p| !p.is_alphanumeric())
                })
            };
            // Only a space before a digit or a euro sign can be bound: the
            // words before it are looked at only then.
            let binds = match chars.get(i + 1).map(|&(_, n)| n) {
                Some(n) if n.is_ascii_digit() => previous == Some('€') || after_number_word(),
                Some('€') => previous.is_some_and(|p| p.is_ascii_digit()),
                _ => false,
            };
            if binds {
                bind.push(at);
            }
            i += 1;
            continue;
        }
        if (c == '+' || c == '0')
            && starts_token(&chars, i)
            && let Some((end, spaces)) = phone_number(&chars, i)
        {
            bind.extend(spaces);
            i = end;
            continue;
        }
        i += 1;
    }
    if bind.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + bind.len());
    let mut from = 0;
    for at in bind {
        out.push_str(&text[from..at]);
        out.push(NBSP);
        from = at + 1;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// Whether the character at `i` starts a word: nothing, a space or an
/// opening bracket before it.
fn starts_token(chars: &[(usize, char)], i: usize) -> bool {
    i == 0 || {
        let p = chars[i - 1].1;
        p.is_whitespace() || matches!(p, '(' | '[' | '«' | '“' | '"' | ':')
    }
}

/// The phone number starting at `i`, if one does: the index just after it
/// and the byte offsets of the plain spaces inside it.
fn phone_number(chars: &[(usize, char)], i: usize) -> Option<(usize, Vec<usize>)> {
    let mut j = i;
    if chars[j].1 == '+' {
        j += 1;
    }
    let mut digits = 0;
    let mut spaces = Vec::new();
    let mut end;
    loop {
        let group_start = j;
        while chars.get(j).is_some_and(|&(_, c)| c.is_ascii_digit()) {
            j += 1;
        }
        let group = j - group_start;
        if group == 0 {
            return None;
        }
        digits += group;
        end = j;
        // A group goes on after one plain or no-break space and a digit.
        match (chars.get(j), chars.get(j + 1)) {
            (Some(&(at, ' ' | NBSP)), Some(&(_, d))) if d.is_ascii_digit() => {
                if chars[j].1 == ' ' {
                    spaces.push(at);
                }
                j += 1;
            }
            _ => break,
        }
    }
    // A number glued to a letter or another figure is not a phone number.
    let glued = chars
        .get(end)
        .is_some_and(|&(_, c)| c.is_alphanumeric() || c == '°');
    ((8..=15).contains(&digits) && !glued).then_some((end, spaces))
}

#[cfg(test)]
mod tests {
    use super::{bind_numbers, has_digit};

    fn shown(s: &str) -> String {
        bind_numbers(s).replace('\u{a0}', "_")
    }

    #[test]
    fn phone_numbers_keep_their_groups_on_one_line() {
        assert_eq!(
            shown("appelez le 0800 32 123, jour et nuit"),
            "appelez le 0800_32_123, jour et nuit"
        );
        assert_eq!(shown("+32 470 12 34 56"), "+32_470_12_34_56");
        assert_eq!(shown("Bel (02 123 45 67)."), "Bel (02_123_45_67).");
        assert_eq!(shown("+32 2 123 45 67"), "+32_2_123_45_67");
    }

    #[test]
    fn a_number_after_the_word_for_number_stays_with_it() {
        assert_eq!(shown("membre (n° 0000)"), "membre (n°_0000)");
        assert_eq!(shown("lid (nr. 1234)"), "lid (nr._1234)");
        assert_eq!(shown("member No. 12"), "member No._12");
        assert_eq!(
            shown("Kinr. 12"),
            "Kinr. 12",
            "inside a word it is no abbreviation"
        );
    }

    #[test]
    fn an_amount_stays_with_its_currency() {
        assert_eq!(shown("€ 70 per gesprek"), "€_70 per gesprek");
        assert_eq!(shown("70 € par entretien"), "70_€ par entretien");
    }

    #[test]
    fn other_figures_are_left_alone() {
        for text in [
            "in 2024 12 mensen",
            "bel 112 of 1813",
            "Lindelaan 12 3000 Leuven",
            "60 minuten",
            "om 10 30 uur",
            "0 of 1 keer",
            "tussen 09 en 17 uur",
            "https://example.org/0800 32 123",
        ] {
            assert_eq!(shown(text), text, "{text}");
        }
    }

    #[test]
    fn binding_twice_changes_nothing() {
        let once = bind_numbers("n° 12, 0800 32 123, € 50").into_owned();
        assert_eq!(bind_numbers(&once), once.as_str());
        assert!(matches!(bind_numbers(&once), std::borrow::Cow::Borrowed(_)));
    }

    /// A digit is found at any place, in and across the blocks looked at
    /// together; the bytes beside the digits (`/`, `:`) and letters outside
    /// ASCII are none.
    #[test]
    fn a_digit_is_found_wherever_it_is_and_nothing_else_is_one() {
        assert!(!has_digit(""));
        assert!(!has_digit(&"/:é€ abc".repeat(40)));
        for at in [0, 1, 63, 64, 65, 127, 128, 200] {
            for digit in '0'..='9' {
                let mut text = "x".repeat(201);
                text.replace_range(at..at + 1, &digit.to_string());
                assert!(has_digit(&text), "{digit} at {at}");
            }
        }
    }

    #[test]
    fn text_without_a_figure_is_returned_as_it_is() {
        assert!(matches!(
            bind_numbers("Geen cijfers hier"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
