//! One language's search index, written as Pagefind's bundle without
//! Pagefind's indexer.
//!
//! Each page's record (URL, title, text) is read into the words the index
//! keys ([`record`], [`words`]), in parallel, and its postings go into a
//! compact inverted index ([`postings`]) kept between builds. The bundle is
//! what Pagefind 1.6's own indexer writes for the same records, byte for
//! byte once decompressed (gzip works less hard here than in Pagefind:
//! [`encode::Effort`]): `pagefind-entry.json`, the metadata
//! (`pagefind.nl_….pf_meta`), the word index cut into chunks
//! (`index/nl_….pf_index`), a fragment per page
//! (`fragment/nl_….pf_fragment`) — CBOR and JSON, gzipped
//! ([`encode`], [`fragment`]) — and Pagefind's JavaScript and WebAssembly,
//! vendored in `src/search/assets/` (its README says from which version,
//! and how to update them). The format, the reading of words and the
//! packing of positions follow Pagefind's source (`src/index/`,
//! `src/fossick/`, `src/output/` of the `pagefind` crate, MIT, © Pagefind);
//! a unit test compares this bundle with the crate's for the same records.
//!
//! Why not Pagefind's API: it takes one record at a time under a lock,
//! looks each record's URL up among all the pages before it, holds 32
//! bytes per occurrence of a word, clones every page's words before it
//! encodes, and encodes the whole bundle again after any change. Here an
//! edited page's postings are taken out and put back in place, and only
//! the chunks whose words changed are encoded again (with the page's
//! fragment and the metadata); the other chunks keep their bytes.

mod encode;
mod fragment;
mod postings;
mod record;
mod words;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use include_dir::{Dir, include_dir};
use rayon::prelude::*;
use serde::Serialize;

use super::pages::IndexedPage;
use crate::config::CONFIG_FILE;
use crate::output::{Body, OutputFile};
use encode::{Cbor, Effort, Names, PAGEFIND_VERSION};
use fragment::Fragment;
use postings::{PageList, WordTable};

/// Pagefind's scripts and WebAssembly (`assets/README.md`).
static PAGEFIND_JS: &[u8] = include_bytes!("../assets/pagefind.js");
static PAGEFIND_WORKER_JS: &[u8] = include_bytes!("../assets/pagefind-worker.js");
static WASM: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/search/assets/wasm");

/// How many occurrences (and pages) a chunk of the word index holds before
/// the next word starts another: Pagefind's default.
const CHUNK_SIZE: usize = 20_000;

/// How many pages are read side by side before their words go into the
/// index: their texts are let go of as soon as they are read.
const BATCH: usize = 256;

/// A page of the index, by its number (its place among the pages with words).
struct Page {
    /// Its words' numbers in the [`WordTable`], to take them out again.
    words: Box<[u32]>,
    fragment: Fragment,
}

/// A chunk of the word index as last encoded.
struct Chunk {
    /// Its first and last word's numbers.
    first: u32,
    last: u32,
    full_hash: String,
    gz: Arc<[u8]>,
}

/// A page as it was given last, to tell whether it changed.
struct Given {
    url: String,
    seen: Seen,
    /// Its number in the index; `None` for a page without a word to index.
    number: Option<u32>,
}

/// What is kept of a page's record to tell whether the next one differs.
enum Seen {
    /// A hash of its URL, title and text: all a build that lets go of the
    /// pages' texts can keep.
    Fingerprint(u64),
    /// The record itself, in `praxis serve`, where the converted pages hold
    /// the texts anyway: the same text is the same allocation (an unchanged
    /// page is not converted again), so telling costs no hash of every
    /// page after every save.
    Record {
        title: String,
        titled: bool,
        body: Arc<str>,
    },
}

impl Seen {
    fn of(page: &IndexedPage, keep: bool) -> Seen {
        if keep {
            Seen::Record {
                title: page.title.clone(),
                titled: page.titled,
                body: Arc::clone(&page.body),
            }
        } else {
            Seen::Fingerprint(page.fingerprint())
        }
    }

    /// Whether `page` (at the same URL) is the record seen.
    fn is(&self, page: &IndexedPage) -> bool {
        match self {
            Seen::Fingerprint(hash) => *hash == page.fingerprint(),
            Seen::Record {
                title,
                titled,
                body,
            } => {
                *title == page.title
                    && *titled == page.titled
                    && (Arc::ptr_eq(body, &page.body) || **body == *page.body)
            }
        }
    }
}

/// A page read, with its fragment made (both in parallel with other pages).
struct Read {
    words: record::PageWords,
    fragment: Fragment,
    seen: Seen,
}

/// One language's index, kept between builds.
#[derive(Default)]
pub struct LanguageIndex {
    /// Every page given, in order.
    given: Vec<Given>,
    pages: Vec<Page>,
    words: WordTable,
    chunks: Vec<Chunk>,
    /// The bundle as last written; empty before the first build.
    files: Vec<OutputFile>,
    /// Whether this is the index of `praxis serve` (see [`Self::for_preview`]).
    preview: bool,
    /// In `praxis serve`, each word's part of its chunk, encoded: an edit
    /// changes words all over the alphabet, so most chunks are encoded
    /// again, but of each only the edited page's words.
    encoded_words: Vec<Vec<u8>>,
    /// The words of this language's pages, normalised and stemmed once;
    /// kept across builds, since a page's edit changes few of them.
    known: Arc<words::KnownWords>,
}

impl LanguageIndex {
    pub fn files(&self) -> &[OutputFile] {
        &self.files
    }

    /// From now on, the index of `praxis serve`: it tells a changed page by
    /// its record, kept (see [`Seen`]), stores its files uncompressed in
    /// gzip's format ([`Effort`]) and keeps each word's encoded bytes.
    pub fn for_preview(&mut self) {
        if !self.preview {
            // What it holds was encoded for a build: start afresh.
            *self = LanguageIndex {
                preview: true,
                known: Arc::clone(&self.known),
                ..LanguageIndex::default()
            };
        }
    }

    fn effort(&self) -> Effort {
        if self.preview {
            Effort::Store
        } else {
            Effort::Published
        }
    }

    /// Brings the index to `pages`: a page whose record changed has its
    /// words taken out and put back. In a build, a page added, removed or
    /// moved makes the index anew, so that the files are always those a
    /// fresh build writes (Pagefind numbers the pages in the order given);
    /// in the preview it is added or removed in place ([`Self::reconcile`]).
    /// The bundle is written again only when a page changed.
    pub fn update(&mut self, lang: &str, bundle: &str, pages: Vec<IndexedPage>) {
        let mut clock = crate::timing::Stopwatch::from_env();
        let same_pages = !self.files.is_empty()
            && pages.len() == self.given.len()
            && pages
                .iter()
                .zip(&self.given)
                .all(|(p, given)| p.url == given.url);
        if !same_pages && self.preview && !self.files.is_empty() {
            if !self.reconcile(lang, pages) {
                return;
            }
        } else if !same_pages {
            self.rebuild(lang, pages);
        } else {
            let given = &self.given;
            let changed: Vec<usize> = (0..pages.len())
                .into_par_iter()
                .filter(|&i| !given[i].seen.is(&pages[i]))
                .collect();
            clock.lap(&format!("search {lang}: compare"));
            if changed.is_empty() {
                return;
            }
            if !self.replace(lang, &pages, &changed) {
                if self.preview {
                    self.reconcile(lang, pages);
                } else {
                    self.rebuild(lang, pages);
                }
            }
        }
        clock.lap(&format!("search {lang}: read"));
        self.write(lang, bundle);
        clock.lap(&format!("search {lang}: write"));
    }

    /// Reads a page, as the pages around it are read.
    fn read(&self, lang: &str, page: &IndexedPage) -> Read {
        let stemmer = words::stemmer(lang);
        let read = record::read(&page.text(), &page.title, stemmer.as_ref(), &self.known);
        let title = record::strip_private_markers(&page.title);
        Read {
            fragment: Fragment::new(
                lang,
                &page.url,
                &title,
                &read.content,
                read.word_count,
                self.effort(),
            ),
            words: read.words,
            seen: Seen::of(page, self.preview),
        }
    }

    /// Reads every page afresh.
    fn rebuild(&mut self, lang: &str, pages: Vec<IndexedPage>) {
        *self = LanguageIndex {
            preview: self.preview,
            known: Arc::clone(&self.known),
            ..LanguageIndex::default()
        };
        let mut rest = pages;
        while !rest.is_empty() {
            let batch: Vec<IndexedPage> = rest.drain(..BATCH.min(rest.len())).collect();
            let read: Vec<(String, Read)> = batch
                .into_par_iter()
                .map(|page| {
                    let read = self.read(lang, &page);
                    // The page's text is let go of here, once read.
                    (page.url, read)
                })
                .collect();
            for (url, read) in read {
                let number = (!read.words.is_empty()).then_some(self.pages.len() as u32);
                if let Some(number) = number {
                    let words = self.words.add_page(number, &read.words);
                    self.pages.push(Page {
                        words,
                        fragment: read.fragment,
                    });
                }
                self.given.push(Given {
                    url,
                    seen: read.seen,
                    number,
                });
            }
        }
    }

    /// Puts the changed pages' new words in place of their old ones; false
    /// (and nothing changed) when one of them gains or loses its place in
    /// the index (it has words now and had none, or the reverse), which
    /// renumbers the pages after it.
    fn replace(&mut self, lang: &str, pages: &[IndexedPage], changed: &[usize]) -> bool {
        let read: Vec<(usize, Read)> = changed
            .par_iter()
            .map(|&i| (i, self.read(lang, &pages[i])))
            .collect();
        if read
            .iter()
            .any(|(i, r)| self.given[*i].number.is_some() == r.words.is_empty())
        {
            return false;
        }
        for (i, read) in read {
            self.given[i].seen = read.seen;
            let Some(number) = self.given[i].number else {
                continue;
            };
            let slot = &mut self.pages[number as usize];
            self.words.remove_page(number, &slot.words);
            slot.words = self.words.add_page(number, &read.words);
            slot.fragment = read.fragment;
        }
        true
    }

    /// The preview's update when pages came or went (or gained or lost
    /// every word): each page is known by its URL; a new page takes the
    /// next number, after the last; a page removed has its words taken out
    /// and the last page moved into its place, so that the pages stay
    /// numbered from 0 to their count, as Pagefind's script expects of the
    /// metadata. The others keep their numbers and their postings: a page
    /// added to 10 000 reads one page, not 10 001. The files then find the
    /// same pages, with the same excerpts, as a fresh build's, under other
    /// numbers. False when nothing changed.
    fn reconcile(&mut self, lang: &str, pages: Vec<IndexedPage>) -> bool {
        let mut before: HashMap<&str, usize> = self
            .given
            .iter()
            .enumerate()
            .map(|(i, given)| (given.url.as_str(), i))
            .collect();
        // For each page, its place in `given`, if it was there.
        let was: Vec<Option<usize>> = pages
            .iter()
            .map(|page| before.remove(page.url.as_str()))
            .collect();
        // Every page given before and not now (by place, so that two pages
        // once at one URL are both accounted for).
        let mut kept = vec![false; self.given.len()];
        for j in was.iter().flatten() {
            kept[*j] = true;
        }
        drop(before);
        let gone: Vec<usize> = (0..self.given.len()).filter(|&j| !kept[j]).collect();
        // After a page is added every page was converted again: telling
        // which changed compares their texts, side by side.
        let given = &self.given;
        let to_read: Vec<usize> = (0..pages.len())
            .into_par_iter()
            .filter(|&i| was[i].is_none_or(|j| !given[j].seen.is(&pages[i])))
            .collect();
        if to_read.is_empty() && gone.is_empty() && pages.len() == self.given.len() {
            return false;
        }
        let read: Vec<Read> = to_read
            .par_iter()
            .map(|&i| self.read(lang, &pages[i]))
            .collect();
        let mut read: HashMap<usize, Read> = to_read.into_iter().zip(read).collect();

        // Every number let go of: the removed pages', and those of pages
        // read again that now have a word fewer than one or gained one.
        let mut freed: Vec<u32> = gone.iter().filter_map(|&j| self.given[j].number).collect();
        for (i, r) in &read {
            if let Some(number) = was[*i].and_then(|j| self.given[j].number)
                && r.words.is_empty()
            {
                freed.push(number);
            }
        }
        for &number in &freed {
            let slot = &mut self.pages[number as usize];
            self.words.remove_page(number, &slot.words);
            slot.words = Box::default();
        }
        // Each page's number as it will be, by its place in `pages`.
        let mut numbers: Vec<Option<u32>> = (0..pages.len())
            .map(|i| match (was[i], read.get(&i)) {
                (_, Some(r)) if r.words.is_empty() => None,
                (Some(j), _) => self.given[j].number,
                (None, _) => None,
            })
            .collect();
        // The last pages fill the freed places, from the highest down.
        let mut by_number: Vec<Option<usize>> = vec![None; self.pages.len()];
        for (i, number) in numbers.iter().enumerate() {
            if let Some(n) = number {
                by_number[*n as usize] = Some(i);
            }
        }
        freed.sort_unstable_by(|a, b| b.cmp(a));
        for number in freed {
            let Some(moved) = self.pages.pop() else {
                break;
            };
            let last = self.pages.len() as u32;
            if number != last {
                self.words.renumber_page(last, number, &moved.words);
                self.pages[number as usize] = moved;
                if let Some(i) = by_number[last as usize] {
                    numbers[i] = Some(number);
                    by_number[number as usize] = Some(i);
                }
            }
        }
        // The pages read: changed in place, or new, after the last.
        let mut given = Vec::with_capacity(pages.len());
        let mut old_given: Vec<Option<Given>> = std::mem::take(&mut self.given)
            .into_iter()
            .map(Some)
            .collect();
        for (i, page) in pages.into_iter().enumerate() {
            let kept = was[i].and_then(|j| old_given[j].take());
            let r = match (read.remove(&i), kept) {
                (Some(r), _) => r,
                (None, Some(mut kept)) => {
                    kept.number = numbers[i];
                    given.push(kept);
                    continue;
                }
                // Every page is either kept or read.
                (None, None) => continue,
            };
            let number = match numbers[i] {
                Some(number) => {
                    let slot = &mut self.pages[number as usize];
                    self.words.remove_page(number, &slot.words);
                    slot.words = self.words.add_page(number, &r.words);
                    slot.fragment = r.fragment;
                    Some(number)
                }
                None if r.words.is_empty() => None,
                None => {
                    let number = self.pages.len() as u32;
                    let words = self.words.add_page(number, &r.words);
                    self.pages.push(Page {
                        words,
                        fragment: r.fragment,
                    });
                    Some(number)
                }
            };
            given.push(Given {
                url: page.url,
                seen: r.seen,
                number,
            });
        }
        self.given = given;
        true
    }

    /// Encodes what changed and gathers the bundle's files.
    fn write(&mut self, lang: &str, bundle: &str) {
        let bundle = bundle.trim_start_matches('/');
        let file = |name: String, bytes: Arc<[u8]>| OutputFile {
            path: format!("{bundle}{name}"),
            body: Body::Bytes(bytes),
            origin: CONFIG_FILE.into(),
        };
        let mut files = vec![
            file("pagefind.js".into(), Arc::from(PAGEFIND_JS)),
            file("pagefind-worker.js".into(), Arc::from(PAGEFIND_WORKER_JS)),
        ];
        if let Some(wasm) = WASM.get_file("wasm.unknown.pagefind") {
            files.push(file(
                "wasm.unknown.pagefind".into(),
                Arc::from(wasm.contents()),
            ));
        }
        let mut languages = BTreeMap::new();
        if !self.pages.is_empty() {
            let mut meta = Cbor::default();
            meta.array(6);
            meta.text(PAGEFIND_VERSION);
            let mut names = Names::for_fragments();
            meta.array(self.pages.len());
            for page in &self.pages {
                let name = names.name(&page.fragment.full_hash, lang);
                meta.array(3);
                meta.text(&name);
                meta.uint(page.fragment.word_count as u64);
                meta.text("");
                files.push(file(
                    format!("fragment/{name}.pf_fragment"),
                    Arc::clone(&page.fragment.gz),
                ));
            }
            let mut clock = crate::timing::Stopwatch::from_env();
            let encoded = self.encode_chunks(lang);
            clock.lap(&format!(
                "search {lang}: {encoded} of {} chunks encoded",
                self.chunks.len()
            ));
            let mut names = Names::for_chunks();
            let ranges = self.chunk_ranges();
            meta.array(self.chunks.len());
            for (chunk, (from, to)) in self.chunks.iter().zip(ranges) {
                let name = names.name(&chunk.full_hash, lang);
                meta.array(3);
                meta.text(&from);
                meta.text(&to);
                meta.text(&name);
                files.push(file(
                    format!("index/{name}.pf_index"),
                    Arc::clone(&chunk.gz),
                ));
            }
            meta.array(0); // filters
            meta.array(0); // sorts
            meta.array(1); // metadata fields
            meta.text("title");
            let full = encode::full_hash(&meta.0);
            let hash = format!("{lang}_{}", &full[..(lang.len() + 8).min(full.len())]);
            files.push(file(
                format!("pagefind.{hash}.pf_meta"),
                encode::gzip(&meta.0, self.effort()).into(),
            ));
            let base = lang.split('-').next().unwrap_or(lang);
            let wasm = WASM.get_file(format!("wasm.{base}.pagefind"));
            if let Some(wasm) = wasm {
                files.push(file(
                    format!("wasm.{lang}.pagefind"),
                    Arc::from(wasm.contents()),
                ));
            }
            languages.insert(
                lang,
                EntryLanguage {
                    hash,
                    wasm: wasm.map(|_| lang),
                    page_count: self.pages.len(),
                },
            );
        }
        let entry = Entry {
            version: PAGEFIND_VERSION,
            languages,
            include_characters: words::WORD_SYMBOLS,
        };
        let entry = serde_json::to_vec(&entry).unwrap_or_default();
        files.push(file("pagefind-entry.json".into(), entry.into()));
        self.files = files;
    }

    /// Cuts the words into chunks as Pagefind does (a chunk ends with the
    /// word that brings it to [`CHUNK_SIZE`]) and encodes the chunks that
    /// are not as they were: a chunk with the same first and last word as
    /// before and no changed word between them keeps its bytes. A word
    /// that left every page (its page removed, or edited) counts as a
    /// change of the chunk it was in, though it is in no chunk any more:
    /// the old bytes still list it.
    fn encode_chunks(&mut self, lang: &str) -> usize {
        self.words.sort();
        // Each chunk's words, and whether a word among them changed.
        let mut cuts: Vec<(Vec<u32>, bool)> = Vec::new();
        let mut current = Vec::new();
        let mut changed = false;
        let mut size = 0;
        for (id, postings) in self.words.every_in_order() {
            changed |= self.words.changed(id);
            if postings.is_empty() {
                continue;
            }
            size += postings.size();
            current.push(id);
            if size >= CHUNK_SIZE {
                cuts.push((std::mem::take(&mut current), changed));
                changed = false;
                size = 0;
            }
        }
        if !current.is_empty() {
            cuts.push((current, changed));
        }
        let mut before: HashMap<(u32, u32), Chunk> = std::mem::take(&mut self.chunks)
            .into_iter()
            .map(|c| ((c.first, c.last), c))
            .collect();
        if self.preview {
            // Each changed word encoded once, for the chunks to copy.
            let words = &self.words;
            let encoded: Vec<(u32, Vec<u8>)> = words
                .in_order()
                .filter(|&(id, _, _)| words.changed(id))
                .map(|(id, _, _)| id)
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|id| {
                    let mut cbor = Cbor::default();
                    encode_word(&mut cbor, words, id);
                    (id, cbor.0)
                })
                .collect();
            self.encoded_words.resize(words.count(), Vec::new());
            for (id, bytes) in encoded {
                self.encoded_words[id as usize] = bytes;
            }
        }
        let effort = self.effort();
        let words = &self.words;
        let encoded_words = self.preview.then_some(self.encoded_words.as_slice());
        let kept: Vec<Option<Chunk>> = cuts
            .iter()
            .map(|(ids, changed)| {
                let key = (ids[0], ids[ids.len() - 1]);
                if *changed {
                    return None;
                }
                before.remove(&key)
            })
            .collect();
        let encoded = kept.iter().filter(|k| k.is_none()).count();
        self.chunks = cuts
            .par_iter()
            .zip(kept)
            .map(|((ids, _), kept)| {
                kept.unwrap_or_else(|| encode_chunk(lang, words, encoded_words, ids, effort))
            })
            .collect();
        self.words.mark_encoded();
        encoded
    }

    /// Each chunk's first and last word as the metadata gives them: cut to
    /// the shortest prefixes that still tell one chunk from the next.
    fn chunk_ranges(&self) -> Vec<(String, String)> {
        let word = |id: u32| self.words.word(id).to_owned();
        let mut ranges: Vec<(String, String)> = self
            .chunks
            .iter()
            .map(|c| (word(c.first), word(c.last)))
            .collect();
        for i in 1..ranges.len() {
            let (to, from) = prefixes(&ranges[i - 1].1, &ranges[i].0);
            // Only where it leaves the range in order.
            if to >= ranges[i - 1].0 {
                ranges[i - 1].1 = to;
            }
            ranges[i].0 = from;
        }
        ranges
    }
}

/// The shortest prefixes of `a` and `b` (a chunk's last word and the next
/// one's first) that differ: one character past their common prefix.
fn prefixes(a: &str, b: &str) -> (String, String) {
    let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
    (
        a.chars().take(common + 1).collect(),
        b.chars().take(common + 1).collect(),
    )
}

/// A chunk of the word index: each word with its pages (numbered as the
/// difference from the page before) and its variants'. `encoded`: each
/// word's bytes, made already (in `praxis serve`).
fn encode_chunk(
    lang: &str,
    words: &WordTable,
    encoded: Option<&[Vec<u8>]>,
    ids: &[u32],
    effort: Effort,
) -> Chunk {
    let mut cbor = Cbor::default();
    cbor.array(1);
    cbor.array(ids.len());
    for &id in ids {
        match encoded {
            Some(encoded) => cbor.0.extend_from_slice(&encoded[id as usize]),
            None => encode_word(&mut cbor, words, id),
        }
    }
    Chunk {
        first: ids[0],
        last: ids[ids.len() - 1],
        full_hash: format!("{lang}_{}", encode::full_hash(&cbor.0)),
        gz: encode::gzip(&cbor.0, effort).into(),
    }
}

/// One word of a chunk.
fn encode_word(cbor: &mut Cbor, words: &WordTable, id: u32) {
    let postings = words.postings(id);
    cbor.array(3);
    cbor.text(words.word(id));
    encode_pages(cbor, &postings.plain);
    cbor.array(postings.variants.len());
    for (form, pages) in &postings.variants {
        cbor.array(2);
        cbor.text(form);
        encode_pages(cbor, pages);
    }
}

fn encode_pages(cbor: &mut Cbor, pages: &PageList) {
    cbor.array(pages.len());
    let mut last = 0;
    for page in pages.iter() {
        cbor.array(3);
        cbor.uint(u64::from(page.page - last));
        last = page.page;
        cbor.ints(page.locs);
        cbor.ints(page.meta);
    }
}

/// `pagefind-entry.json`: what the search script loads first.
#[derive(Serialize)]
struct Entry<'a> {
    version: &'static str,
    languages: BTreeMap<&'a str, EntryLanguage<'a>>,
    include_characters: [char; 10],
}

#[derive(Serialize)]
struct EntryLanguage<'a> {
    hash: String,
    wasm: Option<&'a str>,
    page_count: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn page(url: &str, title: &str, titled: bool, body: &str) -> IndexedPage {
        IndexedPage {
            url: url.into(),
            title: title.into(),
            titled,
            body: Arc::from(body),
        }
    }

    /// Records that exercise every rule: headings and their weights,
    /// compounds, diacritics in the text and only in the title, `œ`,
    /// apostrophes, dotted words, emoji, numbers, a page without a word.
    fn records(lang: &str) -> Vec<IndexedPage> {
        let mut pages = vec![
            page(
                &format!("/{lang}/"),
                "Praktijk De Brug",
                false,
                " Welkom bij de praktijk. Rouw, verlies en zelf-zorg: we praten erover. ",
            ),
            page(
                &format!("/{lang}/artikels/rouw/"),
                "Rouw en verdriet",
                true,
                " ___PAGEFIND_AUTO_WEIGHT___6  Verder leven. ___END_PAGEFIND_WEIGHT___  \
                 Wie rouwt, leeft verder — anders. Een café, een cafe, één keer. \
                 L’œuvre d’une vie: sœur, cœur, « déjà-vu »! config.isPythonBuild 😀 2024 ",
            ),
            page(
                &format!("/{lang}/artikels/ete/"),
                "Été à Bruxelles",
                true,
                " Het zomerseizoen: naïef, coöperatie, reeën. camelCaseWoord en snake_case. ",
            ),
            page(&format!("/{lang}/leeg/"), "Leeg", false, " — … "),
        ];
        // Enough pages for the index to need several chunks.
        for i in 0..400 {
            let words: String = (0..60)
                .map(|j| format!("woord{} gesprek{} ", (i * 7 + j) % 97, j % 13))
                .collect();
            pages.push(page(
                &format!("/{lang}/artikels/{i}/"),
                &format!("Artikel {i}"),
                true,
                &format!(" {words}einde. "),
            ));
        }
        pages
    }

    fn ours(lang: &str, pages: Vec<IndexedPage>) -> BTreeMap<String, Vec<u8>> {
        let mut index = LanguageIndex::default();
        index.update(lang, "/b/", pages);
        files_of(&index)
    }

    fn files_of(index: &LanguageIndex) -> BTreeMap<String, Vec<u8>> {
        index
            .files()
            .iter()
            .map(|f| match &f.body {
                Body::Bytes(b) => (f.path.trim_start_matches("b/").to_owned(), b.to_vec()),
                _ => panic!("{} is not in memory", f.path),
            })
            .collect()
    }

    /// What Pagefind's own indexer writes for the same records, less the
    /// files a bundle of praxis leaves out (its ready-made interfaces).
    fn pagefinds(lang: &str, pages: Vec<IndexedPage>) -> BTreeMap<String, Vec<u8>> {
        use pagefind::api::PagefindIndex;
        use pagefind::options::PagefindServiceConfig;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let options = PagefindServiceConfig::builder()
                .force_language(lang.to_owned())
                .build();
            let mut index = PagefindIndex::new(Some(options)).expect("Pagefind's index");
            for page in pages {
                let meta = BTreeMap::from([("title".to_owned(), page.title.clone())]);
                index
                    .add_custom_record(
                        page.url.clone(),
                        page.text(),
                        lang.into(),
                        Some(meta),
                        None,
                        None,
                    )
                    .await
                    .expect("a record");
            }
            index
                .get_files()
                .await
                .expect("Pagefind's files")
                .into_iter()
                .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
                .filter(|(name, _)| {
                    ![
                        "pagefind-ui.",
                        "pagefind-modular-ui.",
                        "pagefind-component-ui.",
                        "pagefind-highlight.",
                    ]
                    .iter()
                    .any(|unused| name.starts_with(unused))
                })
                .collect()
        })
    }

    /// The same files under the same names, byte for byte once the gzipped
    /// ones are decompressed (praxis compresses them less hard).
    fn assert_same(ours: &BTreeMap<String, Vec<u8>>, theirs: &BTreeMap<String, Vec<u8>>) {
        let names = |files: &BTreeMap<String, Vec<u8>>| files.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(ours), names(theirs));
        let (ours, theirs) = (gunzipped(ours.clone()), gunzipped(theirs.clone()));
        for (name, bytes) in &theirs {
            assert!(ours[name] == *bytes, "{name} differs from Pagefind's");
        }
    }

    #[test]
    fn the_bundle_is_byte_for_byte_the_one_pagefind_writes_for_the_same_records() {
        for lang in ["nl", "fr", "en-GB", "xx"] {
            assert_same(&ours(lang, records(lang)), &pagefinds(lang, records(lang)));
        }
    }

    #[test]
    fn a_builds_index_files_are_compressed_and_the_previews_are_not() {
        let size = |files: &BTreeMap<String, Vec<u8>>| -> usize {
            files
                .iter()
                .filter(|(name, _)| name.contains(".pf_"))
                .map(|(_, bytes)| bytes.len())
                .sum()
        };
        let built = ours("nl", records("nl"));
        let mut preview = LanguageIndex::default();
        preview.for_preview();
        preview.update("nl", "/b/", records("nl"));
        let stored = files_of(&preview);
        let plain = size(&gunzipped(built.clone()));
        assert!(size(&built) * 3 < plain, "{} of {plain}", size(&built));
        assert!(size(&stored) > plain, "{} of {plain}", size(&stored));
    }

    #[test]
    fn a_language_without_pages_gets_the_bundle_pagefind_writes_for_none() {
        assert_same(&ours("nl", Vec::new()), &pagefinds("nl", Vec::new()));
    }

    #[test]
    fn an_edited_page_updated_in_place_gives_the_bundle_of_a_fresh_index() {
        let mut index = LanguageIndex::default();
        index.update("nl", "/b/", records("nl"));
        let mut edited = records("nl");
        edited[1].body = Arc::from(" Nieuw woord: zeldzaamheid. Een café. ");
        edited[2].title = "Zomer in Brussel".into();
        edited[40].body = Arc::from(" woord3 gesprek1 einde. ");
        index.update("nl", "/b/", edited);
        let mut fresh = records("nl");
        fresh[1].body = Arc::from(" Nieuw woord: zeldzaamheid. Een café. ");
        fresh[2].title = "Zomer in Brussel".into();
        fresh[40].body = Arc::from(" woord3 gesprek1 einde. ");
        assert_same(&files_of(&index), &pagefinds("nl", fresh));
    }

    fn gunzipped(files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
        use std::io::Read;
        files
            .into_iter()
            .map(|(name, bytes)| {
                if !name.contains(".pf_") {
                    return (name, bytes);
                }
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(bytes.as_slice())
                    .read_to_end(&mut out)
                    .expect("gzip");
                (name, out)
            })
            .collect()
    }

    #[test]
    fn the_preview_index_after_edits_reads_as_a_fresh_build() {
        let mut index = LanguageIndex::default();
        index.for_preview();
        index.update("nl", "/b/", records("nl"));
        let mut edited = records("nl");
        edited[1].body = Arc::from(" Nieuw woord: zeldzaamheid. Een café, één sœur. ");
        index.update("nl", "/b/", edited);
        let mut edited = records("nl");
        edited[1].body = Arc::from(" Nog een woord: zeldzaam. ");
        edited[7].title = "Zomer in Brussel".into();
        index.update("nl", "/b/", edited);
        let mut fresh = records("nl");
        fresh[1].body = Arc::from(" Nog een woord: zeldzaam. ");
        fresh[7].title = "Zomer in Brussel".into();
        assert_same(&files_of(&index), &pagefinds("nl", fresh));
    }

    /// What a visitor's search reads of a bundle, by URL rather than by
    /// page number: each word's (and each accented form's) pages with
    /// where the word is on them, each page's fragment, and the number of
    /// pages. Checks on the way what Pagefind's script relies on: the
    /// metadata lists `page_count` pages, each with its fragment file, and
    /// each word is in the chunk whose range the metadata gives it.
    #[derive(Debug, PartialEq)]
    struct Found {
        /// By word and accented form (`""` for the plain one), by URL: the
        /// positions in the text and in the title.
        words: BTreeMap<(String, String), BTreeMap<String, Positions>>,
        fragments: BTreeMap<String, serde_json::Value>,
        page_count: usize,
    }

    type Positions = (Vec<i64>, Vec<i64>);

    fn found(files: BTreeMap<String, Vec<u8>>, lang: &str) -> Found {
        use ciborium::Value;
        let files = gunzipped(files);
        let cbor = |name: &str| -> Value {
            let bytes = &files[name];
            assert!(bytes.starts_with(b"pagefind_dcd"), "{name}");
            ciborium::from_reader(&bytes[b"pagefind_dcd".len()..]).expect("CBOR")
        };
        let array = |v: &Value| v.as_array().expect("an array").clone();
        let text = |v: &Value| v.as_text().expect("a text").to_owned();
        let int = |v: &Value| i64::try_from(v.as_integer().expect("an integer")).expect("i64");
        let entry: serde_json::Value =
            serde_json::from_slice(&files["pagefind-entry.json"]).expect("JSON");
        let language = &entry["languages"][lang];
        let page_count = language["page_count"].as_u64().expect("page_count") as usize;
        let hash = language["hash"].as_str().expect("hash");
        let meta = array(&cbor(&format!("pagefind.{hash}.pf_meta")));
        let pages = array(&meta[1]);
        assert_eq!(
            pages.len(),
            page_count,
            "page_count is not the pages listed"
        );
        let mut urls = Vec::new();
        let mut fragments = BTreeMap::new();
        for page in &pages {
            let name = text(&array(page)[0]);
            let bytes = &files[&format!("fragment/{name}.pf_fragment")];
            let fragment: serde_json::Value =
                serde_json::from_slice(&bytes[b"pagefind_dcd".len()..]).expect("a fragment");
            assert_eq!(
                int(&array(page)[1]),
                fragment["word_count"].as_i64().expect("count")
            );
            let url = fragment["url"].as_str().expect("url").to_owned();
            urls.push(url.clone());
            assert!(
                fragments.insert(url, fragment).is_none(),
                "a page listed twice"
            );
        }
        let mut words = BTreeMap::new();
        let mut pages_of = |word: &str, form: &str, list: &Value| {
            let mut page = 0;
            let mut by_url = BTreeMap::new();
            for entry in array(list) {
                let entry = array(&entry);
                page += int(&entry[0]);
                let ints = |v: &Value| array(v).iter().map(int).collect::<Vec<_>>();
                by_url.insert(
                    urls[page as usize].clone(),
                    (ints(&entry[1]), ints(&entry[2])),
                );
            }
            words.insert((word.to_owned(), form.to_owned()), by_url);
        };
        for chunk in array(&meta[2]) {
            let chunk = array(&chunk);
            let (from, to) = (text(&chunk[0]), text(&chunk[1]));
            let index = array(&cbor(&format!("index/{}.pf_index", text(&chunk[2]))));
            for word in array(&index[0]) {
                let word = array(&word);
                let key = text(&word[0]);
                assert!(
                    from <= key && (key <= to || key.starts_with(&to)),
                    "{key} is outside its chunk's range {from}…{to}"
                );
                pages_of(&key, "", &word[1]);
                for variant in array(&word[2]) {
                    let variant = array(&variant);
                    pages_of(&key, &text(&variant[0]), &variant[1]);
                }
            }
        }
        Found {
            words,
            fragments,
            page_count,
        }
    }

    #[test]
    fn the_preview_index_after_pages_are_added_and_removed_finds_what_a_fresh_build_finds() {
        let mut index = LanguageIndex::default();
        index.for_preview();
        index.update("nl", "/b/", records("nl"));
        // A new page between others, with a word of its own and common ones.
        let with_new = || {
            let mut pages = records("nl");
            pages.insert(
                5,
                page(
                    "/nl/nieuw/",
                    "Nieuw",
                    true,
                    " Een nieuw woord: qzxvbm. Rouw en café. ",
                ),
            );
            pages
        };
        // Two pages removed (one the last), one emptied of its words, the
        // empty one given words, another added at the end.
        let changed = || {
            let mut pages = with_new();
            pages.remove(1);
            pages.pop();
            pages[30].body = Arc::from(" — … ");
            let leeg = pages
                .iter()
                .position(|p| p.url == "/nl/leeg/")
                .expect("leeg");
            pages[leeg].body = Arc::from(" Niet meer leeg: één sœur. ");
            pages.push(page(
                "/nl/laatste/",
                "Laatste",
                true,
                " Het laatste woord. ",
            ));
            pages
        };
        index.update("nl", "/b/", with_new());
        index.update("nl", "/b/", changed());
        let ours = found(files_of(&index), "nl");
        let theirs = found(pagefinds("nl", changed()), "nl");
        assert!(
            ours.words
                .contains_key(&("qzxvbm".to_owned(), String::new()))
        );
        assert!(!ours.fragments.contains_key("/nl/artikels/rouw/"));
        assert_eq!(ours, theirs);
    }

    #[test]
    fn a_word_gone_with_its_page_leaves_the_chunk_that_held_it() {
        // Several chunks, and a last page alone with a word in the middle
        // of the alphabet: once that page goes, the word's chunk keeps its
        // first and last words, yet must be encoded again without it.
        let mut index = LanguageIndex::default();
        index.for_preview();
        let mut pages = records("nl");
        pages.push(page("/nl/weg/", "Aaaa", true, " Lmnopq. "));
        index.update("nl", "/b/", pages);
        assert!(index.chunks.len() > 2, "{} chunks", index.chunks.len());
        index.update("nl", "/b/", records("nl"));
        let ours = found(files_of(&index), "nl");
        assert!(!ours.words.keys().any(|(word, _)| word == "lmnopq"));
        assert_eq!(ours, found(pagefinds("nl", records("nl")), "nl"));
    }

    #[test]
    fn only_the_chunks_whose_words_changed_are_encoded_again() {
        let mut index = LanguageIndex::default();
        index.update("nl", "/b/", records("nl"));
        let before = files_of(&index);
        let mut edited = records("nl");
        edited[1].body = Arc::from(" Wie rouwt, leeft verder — anders. Zeldzaamheid. ");
        index.update("nl", "/b/", edited);
        let after = files_of(&index);
        let chunks = |files: &BTreeMap<String, Vec<u8>>| {
            files
                .keys()
                .filter(|n| n.starts_with("index/"))
                .cloned()
                .collect::<std::collections::BTreeSet<_>>()
        };
        let (before, after) = (chunks(&before), chunks(&after));
        assert!(before.len() > 2, "{before:?}");
        assert!(
            before.intersection(&after).count() > 0,
            "every chunk changed"
        );
        assert_ne!(before, after);
    }
}
