//! One page's record read as Pagefind reads it: its text split at white
//! space into numbered words, each word weighed by the heading it is in and
//! turned into the words the index keys ([`super::words`]), and its title's
//! words numbered apart, as metadata.
//!
//! Pagefind 1.6's `fossick/mod.rs` (`parse_digest`, `parse_meta_words`)
//! and `index/mod.rs` (`positions_to_packed_page`,
//! `meta_positions_to_packed`), MIT: the positions and weights are packed
//! as its WebAssembly unpacks them.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use pagefind_stem::Stemmer;

use super::words::{KnownWords, indexable_words};

/// Weights are multiples of this: a word outside any heading weighs 24.
const WEIGHT_MULTIPLIER: f32 = 24.0;
const WEIGHT_MAX: f32 = 10.0;

/// Where one word of the index is on one page, packed: `locs` are the
/// positions in the text (deltas, with a weight change written as a
/// negative number and then an absolute position), `meta` those in the
/// title (`-1` for the title field, then deltas).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Locations {
    pub locs: Vec<i32>,
    pub meta: Vec<i32>,
}

/// One word of the index on one page: where its plain form is, and where
/// each form with diacritics is (in the order Pagefind meets them).
#[derive(Debug, Default)]
pub struct WordOnPage {
    pub plain: Option<Locations>,
    pub variants: Vec<(String, Locations)>,
}

/// A page's indexed words, each with where it is, in no order (the index
/// puts its words in order once, not each page's). The words' letters are
/// kept end to end in one string: one allocation a page rather than one a
/// word, made on the threads that read pages and freed on the one that
/// fills the index.
#[derive(Debug, Default)]
pub struct PageWords {
    letters: String,
    /// Each word's end in `letters` (it starts where the one before ends).
    words: Vec<(u32, WordOnPage)>,
}

impl PageWords {
    fn with_capacity(words: usize) -> PageWords {
        PageWords {
            letters: String::with_capacity(words * 8),
            words: Vec::with_capacity(words),
        }
    }

    fn push(&mut self, word: &str, on_page: WordOnPage) {
        self.letters.push_str(word);
        self.words.push((self.letters.len() as u32, on_page));
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &WordOnPage)> {
        let mut start = 0;
        self.words.iter().map(move |(end, on_page)| {
            let word = &self.letters[start..*end as usize];
            start = *end as usize;
            (word, on_page)
        })
    }
}

impl<'a> FromIterator<(&'a str, WordOnPage)> for PageWords {
    fn from_iter<I: IntoIterator<Item = (&'a str, WordOnPage)>>(words: I) -> PageWords {
        let mut page = PageWords::default();
        for (word, on_page) in words {
            page.push(word, on_page);
        }
        page
    }
}

/// What the index needs of a page: its words, and its fragment's parts.
pub struct ReadPage {
    pub words: PageWords,
    /// The text as a result's excerpt is cut from: the words, one space apart.
    pub content: String,
    pub word_count: usize,
}

/// Where a word of the index is in the text (position, weight), for its
/// plain form and for each form with diacritics (borrowed from the known
/// words, until the page is packed).
#[derive(Default)]
struct Forms<'a> {
    plain: Vec<(u32, u8)>,
    variants: BTreeMap<&'a str, Vec<(u32, u8)>>,
}

/// Reads a page: `digest` is its text as [`crate::search::digest`] makes
/// it, `title` what its result is called; `known` the words of its
/// language's pages read so far.
pub fn read(digest: &str, title: &str, stemmer: Option<&Stemmer>, known: &KnownWords) -> ReadPage {
    let mut content = String::with_capacity(digest.len());
    let mut weights: Vec<u8> = vec![WEIGHT_MULTIPLIER as u8];
    let mut position: u32 = 0;
    let mut last_position = 0;
    // Each distinct word of the text is normalised and stemmed once, however
    // often it occurs: each gets a number, and each occurrence is noted
    // with it, in one list for the page rather than a list a word.
    let mut numbers: HashMap<Cow<'_, str>, u32> =
        HashMap::with_capacity_and_hasher(digest.len() / 16, Default::default());
    let mut occurrences: Vec<Occurrence> = Vec::with_capacity(digest.len() / 6);
    // Most texts have no zero-width space: looked for once, not in each word.
    let zero_width_spaces = digest.contains(ZERO_WIDTH_SPACE);
    for word in digest.split_whitespace() {
        if word.starts_with('_') && follow_marker(word, &mut weights) {
            continue;
        }
        let base = if zero_width_spaces {
            without_zero_width_spaces(word)
        } else {
            Cow::Borrowed(word)
        };
        if base.is_empty() {
            continue;
        }
        content.push_str(&base);
        content.push(' ');
        let next = numbers.len() as u32;
        occurrences.push(Occurrence {
            word: *numbers.entry(base).or_insert(next),
            position,
            weight: weights.last().copied().unwrap_or(1),
        });
        last_position = position;
        position += 1;
    }
    if content.ends_with(' ') {
        content.pop();
    }
    let mut raw_words: Vec<&str> = vec![""; numbers.len()];
    for (word, &number) in &numbers {
        raw_words[number as usize] = word;
    }
    let by_word = ByWord::new(&occurrences, raw_words.len());
    let text = known.with_page(&raw_words, stemmer, |found| {
        let mut text: HashMap<&str, Forms> =
            HashMap::with_capacity_and_hasher(found.len() * 5 / 4, Default::default());
        for (number, found) in found.iter().enumerate() {
            let occurrences = by_word.of(number);
            let compound_count = found.iter().filter(|w| w.is_compound_part).count();
            let compound_count = u8::try_from(compound_count).unwrap_or(u8::MAX);
            for indexable in *found {
                let forms = text.entry(&indexable.stemmed).or_default();
                let at = match &indexable.original {
                    None => &mut forms.plain,
                    Some(form) => forms.variants.entry(form).or_default(),
                };
                at.extend(occurrences.iter().map(|&(position, weight)| {
                    // A compound's part weighs its share of the whole word.
                    let weight = match (indexable.is_compound_part, weight) {
                        (false, weight) => weight,
                        (true, 0) => 0,
                        (true, weight) => (weight / compound_count).max(1),
                    };
                    (position, weight)
                }));
            }
        }
        // A page without a word to index is left out, as Pagefind leaves it out.
        if text.is_empty() {
            return PageWords::default();
        }
        pack(text, title_words(title, stemmer))
    });
    let word_count = if text.is_empty() {
        0
    } else {
        last_position as usize + 1
    };
    ReadPage {
        words: text,
        content,
        word_count,
    }
}

/// One word of a page's text where it occurs: the word's number among the
/// page's distinct words, its position in the text and its weight there.
struct Occurrence {
    word: u32,
    position: u32,
    weight: u8,
}

/// The occurrences of each of a page's distinct words (position, weight),
/// in the order of the text: one list, cut into a run a word.
struct ByWord {
    flat: Vec<(u32, u8)>,
    /// Where each word's run starts in `flat`; the last is where the end is.
    starts: Vec<usize>,
}

impl ByWord {
    /// Sorts the occurrences of `count` distinct words by word (counting
    /// sort: the text's order is kept within a word).
    fn new(occurrences: &[Occurrence], count: usize) -> ByWord {
        let mut starts = vec![0; count + 1];
        for o in occurrences {
            starts[o.word as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut flat = vec![(0, 0); occurrences.len()];
        for o in occurrences {
            flat[next[o.word as usize]] = (o.position, o.weight);
            next[o.word as usize] += 1;
        }
        ByWord { flat, starts }
    }

    fn of(&self, word: usize) -> &[(u32, u8)] {
        &self.flat[self.starts[word]..self.starts[word + 1]]
    }
}

/// Follows a weight marker of the digest (`___PAGEFIND_AUTO_WEIGHT___7`);
/// false when the word is none and is text.
fn follow_marker(word: &str, weights: &mut Vec<u8>) -> bool {
    if word.starts_with("___PAGEFIND_ANCHOR___") {
        // Records carry no anchors.
        return true;
    }
    if let Some(weight) = word.strip_prefix("___PAGEFIND_WEIGHT___") {
        let weight = weight.parse::<f32>().unwrap_or(1.0);
        weights.push(if weight <= 0.0 {
            0
        } else {
            ((weight.clamp(0.0, WEIGHT_MAX) * WEIGHT_MULTIPLIER) as u8).max(1)
        });
        return true;
    }
    if let Some(weight) = word.strip_prefix("___PAGEFIND_AUTO_WEIGHT___") {
        // A heading's weight, unless an explicit weight is around it.
        let inherited = weights.last().copied().unwrap_or_default();
        weights.push(if weights.len() == 1 {
            let weight = weight.parse::<f32>().unwrap_or(1.0);
            (weight.clamp(0.0, WEIGHT_MAX) * WEIGHT_MULTIPLIER) as u8
        } else {
            inherited
        });
        return true;
    }
    if word.starts_with("___END_PAGEFIND_WEIGHT___") {
        weights.pop();
        return true;
    }
    false
}

/// The title's words, numbered from 0 (field 0: the only metadata field).
fn title_words(
    title: &str,
    stemmer: Option<&Stemmer>,
) -> HashMap<String, Vec<(u32, Option<String>)>> {
    let mut map: HashMap<String, Vec<(u32, Option<String>)>> = HashMap::default();
    let title = strip_private_markers(title);
    for (position, word) in title.split_whitespace().enumerate() {
        for indexable in indexable_words(word, stemmer) {
            map.entry(indexable.stemmed)
                .or_default()
                .push((position as u32, indexable.original));
        }
    }
    map
}

/// Pagefind removes its own markers from metadata (`___PAGEFIND_\S+\s?`).
pub fn strip_private_markers(title: &str) -> std::borrow::Cow<'_, str> {
    if !title.contains("___PAGEFIND_") {
        return std::borrow::Cow::Borrowed(title);
    }
    let mut out = String::with_capacity(title.len());
    let mut rest = title;
    while let Some(at) = rest.find("___PAGEFIND_") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "___PAGEFIND_".len()..];
        let end = after.find(char::is_whitespace).unwrap_or(after.len());
        if end == 0 {
            // `\S+` needs a character: not a marker.
            out.push_str("___PAGEFIND_");
            rest = after;
            continue;
        }
        let mut after = &after[end..];
        if let Some(c) = after.chars().next() {
            after = &after[c.len_utf8()..];
        }
        rest = after;
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Each word's occurrences packed as Pagefind packs a page's.
fn pack(
    text: HashMap<&str, Forms>,
    mut meta: HashMap<String, Vec<(u32, Option<String>)>>,
) -> PageWords {
    let mut words = PageWords::with_capacity(text.len() + meta.len());
    for (word, forms) in text {
        let mut on_page = WordOnPage {
            plain: (!forms.plain.is_empty()).then(|| Locations {
                locs: packed_locations(forms.plain),
                meta: Vec::new(),
            }),
            variants: forms
                .variants
                .into_iter()
                .map(|(form, occurrences)| {
                    let locs = packed_locations(occurrences);
                    (
                        form.to_owned(),
                        Locations {
                            locs,
                            meta: Vec::new(),
                        },
                    )
                })
                .collect(),
        };
        if let Some(in_title) = meta.remove(word) {
            add_title(&mut on_page, in_title);
        }
        words.push(word, on_page);
    }
    for (word, in_title) in meta {
        let mut on_page = WordOnPage::default();
        add_title(&mut on_page, in_title);
        words.push(&word, on_page);
    }
    words
}

fn add_title(on_page: &mut WordOnPage, in_title: Vec<(u32, Option<String>)>) {
    let mut plain = Vec::new();
    let mut variants: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (position, original) in in_title {
        match original {
            None => plain.push(position),
            Some(form) => variants.entry(form).or_default().push(position),
        }
    }
    if !plain.is_empty() {
        on_page.plain.get_or_insert_with(Locations::default).meta = packed_title(plain);
    }
    for (form, positions) in variants {
        let meta = packed_title(positions);
        match on_page.variants.iter_mut().find(|(f, _)| *f == form) {
            Some((_, locations)) => locations.meta = meta,
            None => on_page.variants.push((
                form,
                Locations {
                    locs: Vec::new(),
                    meta,
                },
            )),
        }
    }
}

/// Positions in the text, the common weight (24) first, each weight's
/// positions as deltas: a change of weight is `-(weight) - 1` followed by
/// an absolute position.
fn packed_locations(mut occurrences: Vec<(u32, u8)>) -> Vec<i32> {
    // Pagefind sorts as if the common weight were 25 (a weight it never
    // gives), so every page's positions start with a weight marker.
    occurrences
        .sort_by_key(|&(position, weight)| (if weight == 25 { 0 } else { weight }, position));
    let mut current_weight = 25;
    let mut last_position = 0;
    let mut packed = Vec::with_capacity(occurrences.len() + 2);
    for (position, weight) in occurrences {
        if weight != current_weight {
            packed.push(-i32::from(weight) - 1);
            packed.push(position as i32);
            current_weight = weight;
        } else {
            packed.push((position - last_position) as i32);
        }
        last_position = position;
    }
    packed
}

/// Pagefind takes it out of every word.
const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// The word without the zero-width spaces Pagefind takes out of every word.
fn without_zero_width_spaces(word: &str) -> Cow<'_, str> {
    if word.contains(ZERO_WIDTH_SPACE) {
        Cow::Owned(word.replace(ZERO_WIDTH_SPACE, ""))
    } else {
        Cow::Borrowed(word)
    }
}

/// Positions in the title: `-1` (field 0), then deltas.
fn packed_title(mut positions: Vec<u32>) -> Vec<i32> {
    positions.sort_unstable();
    let mut packed = Vec::with_capacity(positions.len() + 1);
    packed.push(-1);
    let mut last = 0;
    for position in positions {
        packed.push((position - last) as i32);
        last = position;
    }
    packed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_weighs_its_words_and_the_text_after_it_weighs_the_common_weight() {
        let page = read(
            "___PAGEFIND_AUTO_WEIGHT___7 Rouw. ___END_PAGEFIND_WEIGHT___ Rouw duurt.",
            "Rouw",
            super::super::words::stemmer("nl").as_ref(),
            &KnownWords::default(),
        );
        assert_eq!(page.content, "Rouw. Rouw duurt.");
        assert_eq!(page.word_count, 3);
        let (_, rouw) = page.words.iter().find(|(w, _)| *w == "rouw").expect("rouw");
        let plain = rouw.plain.as_ref().expect("plain form");
        // Weight 24 from position 1, then weight 168 at position 0.
        assert_eq!(plain.locs, [-25, 1, -169, 0]);
        assert_eq!(plain.meta, [-1, 0]);
    }

    #[test]
    fn zero_width_spaces_are_taken_out_of_the_words_and_the_excerpt() {
        let page = read(
            "Rouw\u{200B}verwerking duurt. \u{200B} Rouw.",
            "Rouw",
            super::super::words::stemmer("nl").as_ref(),
            &KnownWords::default(),
        );
        assert_eq!(page.content, "Rouwverwerking duurt. Rouw.");
        assert_eq!(page.word_count, 3);
        let stems = |word: &str| page.words.iter().any(|(w, _)| w == word);
        assert!(stems("rouwverwerk") && stems("rouw") && stems("duurt"));
    }

    #[test]
    fn a_page_without_words_is_left_out() {
        assert!(
            read("— …", "Leeg", None, &KnownWords::default())
                .words
                .is_empty()
        );
    }
}
