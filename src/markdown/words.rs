//! Counting words, for `word_count` and the reading time.

/// How many words `text` holds: what `str::split_whitespace` would give,
/// counted without decoding every character. Text is mostly ASCII, even
/// in French and Dutch, and counting runs over every word of every page.
pub fn count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, len) = if b < 0x80 {
            // Unicode's White_Space among ASCII, the set `char::is_whitespace`
            // uses (it has the vertical tab that `is_ascii_whitespace` lacks).
            (matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C), 1)
        } else {
            let c = text[i..]
                .chars()
                .next()
                .expect("i is on a character boundary");
            (c.is_whitespace(), c.len_utf8())
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
        i += len;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_what_split_whitespace_counts() {
        for text in [
            "",
            " ",
            "een",
            "  twee woorden  ",
            "l’écoute\u{202F}; la peur\u{A0}: « non »",
            "tab\tnew\nline\r\nvertical\u{0B}tab\u{0C}feed",
            "em\u{2003}space ideographic\u{3000}space",
            "zéro-déchet, naïveté — 🌿 groei",
            "\u{85}next line\u{2028}separator",
        ] {
            assert_eq!(count(text), text.split_whitespace().count(), "{text:?}");
        }
    }
}
