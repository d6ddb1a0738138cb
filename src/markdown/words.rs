//! Counting words, for `word_count` and the reading time.

/// How many words `text` holds: what `str::split_whitespace` would give,
/// counted without decoding every character. Counting runs over every word
/// of every page (196 MB of text in the 20 000-page benchmark, where a
/// byte at a time was 6% of a build), so eight bytes are looked at at once
/// wherever none of them can start a space outside ASCII: Dutch and French
/// put an accented letter in most such chunks, and those letters are never
/// spaces ([`may_start_a_space`]).
pub fn count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        // The last bytes, fewer than eight, as a chunk padded with spaces
        // (which end a word, never start one): most texts counted are a
        // few words between two pieces of markup, so their tail matters.
        let chunk = match bytes.get(i..i + 8) {
            Some(chunk) => chunk.try_into().expect("eight bytes"),
            None => {
                let mut padded = [b' '; 8];
                padded[..bytes.len() - i].copy_from_slice(&bytes[i..]);
                padded
            }
        };
        let lanes = u64::from_le_bytes(chunk);
        if !may_start_a_space(lanes) {
            // A byte from 0x80 up is part of a letter (or another
            // character that is no space): never a space.
            let word = !(ascii_spaces(lanes & !HIGH) & !lanes) & HIGH;
            // Each lane's predecessor: the lane below, and for the first
            // one the byte before the chunk.
            let before = (word << 8) | (u64::from(in_word) << 7);
            words += (word & !before).count_ones() as usize;
            in_word = word >> 63 != 0;
            i = (i + 8).min(bytes.len());
            // A character cut by the chunk's end goes on in the next
            // bytes: they are part of the same word.
            while bytes.get(i).is_some_and(|b| b & 0xC0 == 0x80) {
                i += 1;
            }
            continue;
        }
        let b = bytes[i];
        let (space, len) = if b < 0x80 {
            (is_ascii_space(b), 1)
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

/// Whether one of eight bytes is the first byte of a space outside ASCII:
/// Unicode's White_Space above U+007F all start with 0xC2 (U+0085, U+00A0),
/// 0xE1 (U+1680), 0xE2 (U+2000 to U+205F) or 0xE3 (U+3000).
fn may_start_a_space(lanes: u64) -> bool {
    let ones = 0x0101_0101_0101_0101u64;
    // A byte equal to `b`: the lane of `lanes ^ b` is zero.
    let has = |b: u8| {
        let x = lanes ^ (u64::from(b) * ones);
        x.wrapping_sub(ones) & !x & HIGH != 0
    };
    lanes & HIGH != 0 && (has(0xC2) || has(0xE1) || has(0xE2) || has(0xE3))
}

/// The top bit of each of a `u64`'s eight bytes.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Unicode's White_Space among ASCII, the set `char::is_whitespace` uses
/// (it has the vertical tab that `is_ascii_whitespace` lacks): 9 to 13 and
/// the space.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// [`is_ascii_space`] of eight ASCII bytes at once: the top bit of each
/// byte of the result says whether that byte is a space. Each byte is
/// below 0x80, so adding up to 0x7F to it never carries into the next.
fn ascii_spaces(lanes: u64) -> u64 {
    let ones = 0x0101_0101_0101_0101u64;
    let at_least_9 = lanes + 0x77 * ones;
    let at_least_14 = lanes + 0x72 * ones;
    let not_a_space_char = (lanes ^ (b' ' as u64 * ones)) + 0x7F * ones;
    ((at_least_9 & !at_least_14) | !not_a_space_char) & HIGH
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
            "ogham\u{1680}space, math\u{205F}space, hair\u{200A}space",
            "ééééééé ééééééé\u{A0}ééééééé\u{202F}ééééé",
        ] {
            assert_eq!(count(text), text.split_whitespace().count(), "{text:?}");
        }
    }

    /// Eight bytes are counted at once where they are ASCII: words that
    /// start, end or are cut at every place in and across those chunks,
    /// and every ASCII byte, are counted as one at a time would.
    #[test]
    fn counts_alike_at_every_alignment_and_for_every_ascii_byte() {
        let pieces = [
            "a", "bc", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "é", "\u{3000}",
            "woord", "  ", "\u{202F}", "x\u{1F}y", "\u{7F}", "’", "«", "»", "\u{85}", "\u{1680}",
            "\u{2028}", "\u{205F}", "\u{3000}", "œ", "🌿", "\u{20AC}", "\u{2010}",
        ];
        // A fixed walk through the pieces (a linear congruential generator),
        // so a failure is the same every run.
        let mut state = 12345u32;
        for _ in 0..2000 {
            let mut text = String::new();
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            for _ in 0..(state >> 16) % 40 {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                text.push_str(pieces[(state >> 16) as usize % pieces.len()]);
            }
            assert_eq!(count(&text), text.split_whitespace().count(), "{text:?}");
        }
        for b in 0u8..0x80 {
            let c = char::from(b);
            let text = format!("ab{c}cdefgh{c}{c}ijklmnopq{c}");
            assert_eq!(count(&text), text.split_whitespace().count(), "byte {b:#x}");
        }
    }
}
