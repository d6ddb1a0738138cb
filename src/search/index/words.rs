//! How one word of a page's text becomes the words the index holds:
//! normalised (lower case, only letters, digits and the word symbols),
//! stripped of its diacritics, stemmed in the language's own way, and split
//! into the parts of a compound (`zelf-zorg` is also `zelf` and `zorg`,
//! `camelCase` also `camel` and `case`).
//!
//! These are Pagefind 1.6's rules, word for word (`fossick/splitting.rs`,
//! MIT): its WebAssembly normalises and stems a query the same way, so an
//! index that read a word differently would find different pages than
//! Pagefind's own. Pagefind's segmentation of Chinese, Japanese and Thai
//! (its "extended" build) is not here: praxis's languages separate words
//! with spaces.

use std::collections::HashSet;
use std::sync::{LazyLock, PoisonError, RwLock};

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use regex::Regex;
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Characters that belong to a word although they are not letters: the
/// Unicode category "Punctuation, Connector" (Pagefind's `WORD_SYMBOLS`,
/// listed in `pagefind-entry.json` as `include_characters`).
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

/// The longest tail after a dot that is indexed as a word of its own.
const MAX_DOTTED_TAIL_CHARS: usize = 64;

static EMOJI: LazyLock<Regex> = LazyLock::new(|| {
    // A constant pattern: it compiles.
    Regex::new("\\p{Emoji}").unwrap_or_else(|_| Regex::new("$^").expect("a pattern"))
});

/// One word to index, as the index keys it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexableWord {
    /// Normalised and stemmed: the key the query is looked up by.
    pub stemmed: String,
    /// Part of a compound, which weighs its share of the whole word.
    pub is_compound_part: bool,
    /// The word before its diacritics were removed, when they were: the
    /// index keeps it as a variant, which ranks an accented query's page first.
    pub original: Option<String>,
}

/// The stemmer of a language (by its code, `nl` or `nl-BE`), if Pagefind has one.
pub fn stemmer(lang: &str) -> Option<Stemmer> {
    let algorithm = match lang.split('-').next().unwrap_or(lang) {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// Every word to index for one word of a page's text (`raw_word`, as split
/// at white space): those of [`indexable_words`], and the compound tails
/// after its dots (`sysconfig.is_python_build`).
pub fn text_words(raw_word: &str, stemmer: Option<&Stemmer>) -> Vec<IndexableWord> {
    let mut results = indexable_words(raw_word, stemmer);
    if raw_word.contains('.') {
        let tails = dotted_tails(raw_word, stemmer, &results);
        results.extend(tails);
    }
    results
}

/// What [`text_words`] gives for each distinct word of one language's pages,
/// made once: a word on every page is normalised and stemmed once, not once
/// a page (at 20 004 pages, reading the pages' words was most of the index's
/// time). One language's, as its stemmer is fixed: the word alone is the key.
///
/// A page looks all its words up under one read lock ([`Self::with_page`]),
/// and borrows what it finds: no lock taken and no reference counted per
/// word, which the threads reading pages side by side would contend for.
#[derive(Default)]
pub struct KnownWords {
    known: RwLock<FxHashMap<Box<str>, Box<[IndexableWord]>>>,
}

impl KnownWords {
    /// Calls `read` with [`text_words`] of each of `raw_words`, in their
    /// order. Each word is looked up once when all are known, as they are
    /// once a language's first pages are read; those that are not are
    /// normalised and stemmed outside the lock, then added.
    pub fn with_page<R>(
        &self,
        raw_words: &[&str],
        stemmer: Option<&Stemmer>,
        read: impl FnOnce(&[&[IndexableWord]]) -> R,
    ) -> R {
        let missing: Vec<&str> = {
            let known = self.known.read().unwrap_or_else(PoisonError::into_inner);
            let found: Option<Vec<&[IndexableWord]>> = raw_words
                .iter()
                .map(|w| known.get(*w).map(|words| &**words))
                .collect();
            if let Some(found) = found {
                return read(&found);
            }
            raw_words
                .iter()
                .copied()
                .filter(|w| !known.contains_key(*w))
                .collect()
        };
        let made: Vec<(&str, Box<[IndexableWord]>)> = missing
            .into_iter()
            .map(|w| (w, text_words(w, stemmer).into_boxed_slice()))
            .collect();
        let mut known = self.known.write().unwrap_or_else(PoisonError::into_inner);
        for (word, words) in made {
            known.entry(word.into()).or_insert(words);
        }
        drop(known);
        let known = self.known.read().unwrap_or_else(PoisonError::into_inner);
        let found: Vec<&[IndexableWord]> = raw_words
            .iter()
            .map(|w| known.get(*w).map_or(&[][..], |words| &**words))
            .collect();
        read(&found)
    }
}

/// Every word to index for one word of a page's title (or of its text, with
/// [`text_words`]): the whole word, a compound's parts and its emoji.
pub fn indexable_words(raw_word: &str, stemmer: Option<&Stemmer>) -> Vec<IndexableWord> {
    let mut results = Vec::new();
    let normalized_word = normalize_word(raw_word);
    if !normalized_word.is_empty() {
        results.push(stem_word(&normalized_word, stemmer, false));
    }
    // Pagefind indexes the suffixes of a katakana word here; a run of
    // katakana is kept whole by the white-space split, as below.
    katakana_suffixes(raw_word, &mut results);

    let possibly_compound = raw_word.chars().any(|c| !c.is_alphanumeric())
        || raw_word.chars().skip(1).any(char::is_uppercase);
    if possibly_compound {
        compound_parts(raw_word, &normalized_word, stemmer, &mut results);
    }
    results
}

fn compound_parts(
    raw_word: &str,
    normalized_word: &str,
    stemmer: Option<&Stemmer>,
    results: &mut Vec<IndexableWord>,
) {
    let (word_parts, extras) = discrete_words(raw_word);
    if !normalized_word.is_empty()
        && (word_parts.contains(char::is_whitespace) || !normalized_word.starts_with(&word_parts))
    {
        // Only parts of two characters or more.
        for part_word in word_parts.split_whitespace().filter(|w| w.len() > 1) {
            let part_diacritic = normalize_diacritics(part_word);
            let base = part_diacritic.as_deref().unwrap_or(part_word);
            let stemmed = match stemmer {
                Some(stemmer) => stemmer.stem(base).into_owned(),
                None => base.to_owned(),
            };
            results.push(IndexableWord {
                stemmed,
                original: part_diacritic.map(|_| part_word.to_owned()),
                is_compound_part: true,
            });
        }
    }
    for extra in extras.into_iter().flatten() {
        results.push(IndexableWord {
            stemmed: extra,
            original: None,
            is_compound_part: false,
        });
    }
}

/// The compound tails after a word's dots that are not indexed yet.
fn dotted_tails(
    raw_word: &str,
    stemmer: Option<&Stemmer>,
    existing: &[IndexableWord],
) -> Vec<IndexableWord> {
    let seen: HashSet<&str> = existing.iter().map(|w| w.stemmed.as_str()).collect();
    let mut seen_tails: HashSet<String> = HashSet::new();
    let mut tails = Vec::new();
    for (i, _) in raw_word.match_indices('.') {
        let rest = &raw_word[i + 1..];
        let tail = match rest.char_indices().nth(MAX_DOTTED_TAIL_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        let tail_is_compound = tail.chars().any(|c| !c.is_alphanumeric())
            || tail.chars().skip(1).any(char::is_uppercase);
        if !tail_is_compound {
            // A plain tail is already indexed, as the last compound part.
            continue;
        }
        let normalized = normalize_word(tail);
        if normalized.chars().count() < 2 {
            continue;
        }
        let word = stem_word(&normalized, stemmer, true);
        if !seen.contains(word.stemmed.as_str()) && seen_tails.insert(word.stemmed.clone()) {
            tails.push(word);
        }
    }
    tails
}

/// Lower case, keeping only letters, digits and the word symbols.
pub fn normalize_word(raw_word: &str) -> String {
    let mut normalized = String::with_capacity(raw_word.len());
    for mut c in raw_word.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            c.make_ascii_lowercase();
            if c.is_uppercase() {
                // A capital outside ASCII can lower to several characters.
                normalized.extend(c.to_lowercase());
            } else {
                normalized.push(c);
            }
        }
    }
    normalized
}

fn stem_word(normalized: &str, stemmer: Option<&Stemmer>, is_compound_part: bool) -> IndexableWord {
    let diacritic_normalized = normalize_diacritics(normalized);
    let base = diacritic_normalized.as_deref().unwrap_or(normalized);
    let stemmed = match stemmer {
        Some(stemmer) => stemmer.stem(base).into_owned(),
        None => base.to_owned(),
    };
    IndexableWord {
        stemmed,
        original: diacritic_normalized.map(|_| normalized.to_owned()),
        is_compound_part,
    }
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Every suffix of a katakana word, so that a query for part of it finds it
/// (Pagefind's own stopgap, kept for the same index).
fn katakana_suffixes(word: &str, results: &mut Vec<IndexableWord>) {
    const MAX_KATAKANA_SUFFIX_CHARS: usize = 16;
    if word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return;
    }
    let mut seen = HashSet::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = match rest.char_indices().nth(MAX_KATAKANA_SUFFIX_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && seen.insert(suffix) {
            let normalized = normalize_diacritics(suffix);
            results.push(IndexableWord {
                stemmed: normalized.clone().unwrap_or_else(|| suffix.to_owned()),
                original: normalized.map(|_| suffix.to_owned()),
                is_compound_part: true,
            });
        }
    }
}

/// The word without its diacritics, when it had any (`café` is indexed as
/// `cafe`, as the query is normalised); the kana sound marks are kept.
fn normalize_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !has_decomposition(word) {
        return None;
    }
    let stripped: String = word
        .nfd()
        .filter(|c| {
            !unicode_normalization::char::is_combining_mark(*c)
                || matches!(*c, '\u{3099}' | '\u{309A}')
        })
        .collect();
    let normalized = if stripped
        .chars()
        .any(|c| matches!(c, '\u{3099}' | '\u{309A}'))
    {
        stripped.nfc().collect::<String>()
    } else {
        stripped
    };
    (normalized != word).then_some(normalized)
}

fn has_decomposition(word: &str) -> bool {
    word.chars().any(|c| {
        unicode_normalization::char::is_combining_mark(c) || {
            let mut decomposes = false;
            unicode_normalization::char::decompose_canonical(c, |part| {
                decomposes = decomposes || part != c;
            });
            decomposes
        }
    })
}

/// A compound's parts, separated by spaces, and the emoji it holds.
fn discrete_words(s: &str) -> (String, Option<Vec<String>>) {
    let words = s
        .replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let extras = EMOJI.is_match(s).then(|| {
        s.graphemes(true)
            .filter(|x| emojis::get(x).is_some())
            .map(str::to_owned)
            .collect()
    });
    (words, extras)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str, lang: &str) -> Vec<String> {
        indexable_words(word, stemmer(lang).as_ref())
            .into_iter()
            .map(|w| w.stemmed)
            .collect()
    }

    #[test]
    fn a_compound_is_indexed_whole_and_in_its_parts() {
        assert_eq!(stems("zelf-zorg", "nl"), ["zelfzorg", "zelf", "zorg"]);
        assert_eq!(stems("camelCase", "en"), ["camelcas", "camel", "case"]);
    }

    #[test]
    fn diacritics_are_removed_and_the_accented_form_kept_as_a_variant() {
        let words = indexable_words("Été", stemmer("fr").as_ref());
        assert_eq!(words[0].stemmed, "ete");
        assert_eq!(words[0].original.as_deref(), Some("été"));
    }

    #[test]
    fn punctuation_is_no_part_of_the_word_but_quotes_outside_ascii_make_a_part() {
        assert_eq!(stems("rouw,", "nl"), ["rouw"]);
        // Pagefind splits compounds at ASCII punctuation only: « » stay in
        // the part, which no query reaches. The same index, quirks and all.
        assert_eq!(stems("«rouw»", "nl"), ["rouw", "«rouw»"]);
    }
}
