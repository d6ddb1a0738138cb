//! A language's inverted index: for every word, the pages it is on and
//! where, kept packed as Pagefind packs them, so that encoding a chunk of
//! the index copies numbers rather than building values.
//!
//! A page's locations live in one flat run of numbers per word form:
//! `page, locs.len(), meta.len(), locs…, meta…`, pages in ascending order.
//! That is four bytes per occurrence of a word and twelve per page a word
//! is on (Pagefind's own API holds 32 bytes per occurrence, then clones
//! them), and it lets a page's postings be taken out and put back in place
//! when the page changes.

use rustc_hash::FxHashMap;

use super::record::{Locations, PageWords, WordOnPage};

/// The pages one form of a word is on, packed (see the module's doc).
#[derive(Debug, Clone)]
pub struct PageList {
    run: Vec<i32>,
    /// How many pages, and the last one's number (-1 for none): a fresh
    /// index adds its pages in order, each after the last.
    count: u32,
    last: i32,
}

impl Default for PageList {
    fn default() -> PageList {
        PageList {
            run: Vec::new(),
            count: 0,
            last: -1,
        }
    }
}

/// One page's entry in a [`PageList`].
pub struct PageEntry<'a> {
    pub page: u32,
    pub locs: &'a [i32],
    pub meta: &'a [i32],
}

impl PageList {
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = PageEntry<'_>> {
        let mut rest = self.run.as_slice();
        std::iter::from_fn(move || {
            let [page, locs, meta, tail @ ..] = rest else {
                return None;
            };
            let (locs, tail) = tail.split_at(*locs as usize);
            let (meta, tail) = tail.split_at(*meta as usize);
            rest = tail;
            Some(PageEntry {
                page: *page as u32,
                locs,
                meta,
            })
        })
    }

    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// The page it is first on.
    fn first_page(&self) -> Option<u32> {
        self.run.first().map(|&p| p as u32)
    }

    /// What the pages add to their chunk's size, as Pagefind counts it: each
    /// page's locations and one (the run holds three numbers per page).
    fn size(&self) -> usize {
        self.run.len() - 2 * self.count as usize
    }

    /// Puts a page in, in page order.
    fn insert(&mut self, page: u32, locations: &Locations) {
        let header = [
            page as i32,
            locations.locs.len() as i32,
            locations.meta.len() as i32,
        ];
        let entry = header
            .into_iter()
            .chain(locations.locs.iter().copied())
            .chain(locations.meta.iter().copied());
        if page as i32 > self.last {
            self.run.extend(entry);
            self.last = page as i32;
        } else {
            let at = self
                .spans()
                .find(|&(start, _)| self.run[start] as u32 > page)
                .map_or(self.run.len(), |(start, _)| start);
            self.run.splice(at..at, entry);
        }
        self.count += 1;
    }

    /// Takes a page out; whether it was there.
    fn remove(&mut self, page: u32) -> bool {
        let span = self
            .spans()
            .find(|&(start, _)| self.run[start] as u32 == page);
        let Some((start, end)) = span else {
            return false;
        };
        self.run.drain(start..end);
        self.count -= 1;
        if page as i32 == self.last {
            self.last = self.spans().last().map_or(-1, |(start, _)| self.run[start]);
        }
        true
    }

    /// Gives page `from`'s entry the number `to` (no page has it), in its
    /// place among the others; whether it was there.
    fn renumber(&mut self, from: u32, to: u32) -> bool {
        let span = self
            .spans()
            .find(|&(start, _)| self.run[start] as u32 == from);
        let Some((start, end)) = span else {
            return false;
        };
        let mut entry: Vec<i32> = self.run.drain(start..end).collect();
        entry[0] = to as i32;
        self.count -= 1;
        self.last = self.spans().last().map_or(-1, |(start, _)| self.run[start]);
        let locations = Locations {
            locs: entry[3..3 + entry[1] as usize].to_vec(),
            meta: entry[3 + entry[1] as usize..].to_vec(),
        };
        self.insert(to, &locations);
        true
    }

    /// Where each page's entry starts and ends in the run.
    fn spans(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let mut at = 0;
        std::iter::from_fn(move || {
            let start = at;
            let header = self.run.get(start..start + 3)?;
            at = start + 3 + header[1] as usize + header[2] as usize;
            Some((start, at))
        })
    }
}

/// One word of the index: its plain form's pages and its variants'.
#[derive(Debug, Default)]
pub struct Postings {
    pub plain: PageList,
    /// Each form with diacritics, in the order Pagefind meets them: by the
    /// first page it is on, then in that page's order.
    pub variants: Vec<(Box<str>, PageList)>,
}

impl Postings {
    pub fn is_empty(&self) -> bool {
        self.plain.is_empty() && self.variants.is_empty()
    }

    /// The word's weight in a chunk, as Pagefind counts it when it cuts
    /// the index into chunks.
    pub fn size(&self) -> usize {
        self.plain.size()
            + self.variants.iter().map(|(_, p)| p.size()).sum::<usize>()
            + self.variants.len()
    }

    fn add(&mut self, page: u32, on_page: &WordOnPage) {
        if let Some(plain) = &on_page.plain {
            self.plain.insert(page, plain);
        }
        for (form, locations) in &on_page.variants {
            match self.variants.iter_mut().find(|(f, _)| **f == **form) {
                Some((_, pages)) => pages.insert(page, locations),
                None => {
                    let mut pages = PageList::default();
                    pages.insert(page, locations);
                    self.variants.push((form.as_str().into(), pages));
                }
            }
        }
        // A variant this page brought in goes where a fresh index has it:
        // after those first met on earlier pages, in this page's order.
        let rank = |form: &str| on_page.variants.iter().position(|(f, _)| f == form);
        self.variants.sort_by_key(|(form, pages)| {
            let first = pages.first_page().unwrap_or(u32::MAX);
            (first, if first == page { rank(form) } else { None })
        });
    }

    /// Gives page `from`'s entries the number `to`, the variants kept in
    /// the order of the pages they are first on.
    fn renumber(&mut self, from: u32, to: u32) {
        self.plain.renumber(from, to);
        for (_, pages) in &mut self.variants {
            pages.renumber(from, to);
        }
        self.variants
            .sort_by_key(|(_, pages)| pages.first_page().unwrap_or(u32::MAX));
    }

    fn remove(&mut self, page: u32) {
        self.plain.remove(page);
        for (_, pages) in &mut self.variants {
            pages.remove(page);
        }
        self.variants.retain(|(_, pages)| !pages.is_empty());
    }
}

/// The words of a language's pages, each with its postings; a word is
/// known by a number for as long as the index lives.
#[derive(Default)]
pub struct WordTable {
    ids: FxHashMap<Box<str>, u32>,
    words: Vec<(Box<str>, Postings)>,
    /// The word numbers in the order of their words (Pagefind's: by bytes),
    /// but for the words met since [`Self::sort`] last ran: the numbers
    /// from `sorted.len()` on.
    sorted: Vec<u32>,
    /// Whether a word's postings changed since the chunks were last encoded.
    changed: Vec<bool>,
}

impl WordTable {
    /// Adds a page's words; returns their numbers.
    pub fn add_page(&mut self, page: u32, words: &PageWords) -> Box<[u32]> {
        words
            .iter()
            .map(|(word, on_page)| {
                let id = self.id(word);
                self.words[id as usize].1.add(page, on_page);
                self.changed[id as usize] = true;
                id
            })
            .collect()
    }

    /// Takes a page's words out (`ids`: what [`Self::add_page`] returned).
    pub fn remove_page(&mut self, page: u32, ids: &[u32]) {
        for &id in ids {
            self.words[id as usize].1.remove(page);
            self.changed[id as usize] = true;
        }
    }

    /// Gives page `from` the number `to`, which no page has (`ids`: its
    /// words, as [`Self::add_page`] returned them): the preview fills the
    /// place of a removed page with the last one, so that the pages stay
    /// numbered from 0 without a gap.
    pub fn renumber_page(&mut self, from: u32, to: u32, ids: &[u32]) {
        for &id in ids {
            self.words[id as usize].1.renumber(from, to);
            self.changed[id as usize] = true;
        }
    }

    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(word.into(), id);
        self.words.push((word.into(), Postings::default()));
        self.changed.push(true);
        id
    }

    /// Puts the words met since the last time in their places: sorted
    /// among themselves, then merged in (one pass, however many there are).
    pub fn sort(&mut self) {
        if self.sorted.len() == self.words.len() {
            return;
        }
        let words = &self.words;
        let by_word = |id: &u32| &*words[*id as usize].0;
        let mut new: Vec<u32> = (self.sorted.len() as u32..words.len() as u32).collect();
        new.sort_unstable_by(|a, b| by_word(a).cmp(by_word(b)));
        let old = std::mem::take(&mut self.sorted);
        let mut merged = Vec::with_capacity(words.len());
        let (mut old, mut new) = (old.into_iter().peekable(), new.into_iter().peekable());
        loop {
            let next = match (old.peek(), new.peek()) {
                (Some(a), Some(b)) if by_word(a) <= by_word(b) => old.next(),
                (Some(_), Some(_)) | (None, Some(_)) => new.next(),
                (Some(_), None) => old.next(),
                (None, None) => break,
            };
            merged.extend(next);
        }
        self.sorted = merged;
    }

    /// The words that are on a page, in order, with their numbers (after
    /// [`Self::sort`]).
    pub fn in_order(&self) -> impl Iterator<Item = (u32, &str, &Postings)> {
        self.sorted.iter().filter_map(|&id| {
            let (word, postings) = &self.words[id as usize];
            (!postings.is_empty()).then_some((id, &**word, postings))
        })
    }

    /// Every word in order with its number, those on no page any more too
    /// (after [`Self::sort`]).
    pub fn every_in_order(&self) -> impl Iterator<Item = (u32, &Postings)> {
        self.sorted
            .iter()
            .map(|&id| (id, &self.words[id as usize].1))
    }

    /// How many words have a number.
    pub fn count(&self) -> usize {
        self.words.len()
    }

    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize].0
    }

    pub fn postings(&self, id: u32) -> &Postings {
        &self.words[id as usize].1
    }

    pub fn changed(&self, id: u32) -> bool {
        self.changed[id as usize]
    }

    /// Every word's postings are now encoded as they are.
    pub fn mark_encoded(&mut self) {
        self.changed.fill(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<const N: usize>(words: [(&str, WordOnPage); N]) -> PageWords {
        words.into_iter().collect()
    }

    fn at(locs: &[i32]) -> WordOnPage {
        WordOnPage {
            plain: Some(Locations {
                locs: locs.to_vec(),
                meta: Vec::new(),
            }),
            variants: Vec::new(),
        }
    }

    #[test]
    fn a_page_taken_out_and_put_back_leaves_the_postings_as_they_were() {
        let mut table = WordTable::default();
        table.add_page(0, &words([("rouw", at(&[-25, 3]))]));
        let second = table.add_page(1, &words([("rouw", at(&[-25, 1, 2]))]));
        table.add_page(2, &words([("rouw", at(&[-25, 7]))]));
        let before: Vec<i32> = table.words[0].1.plain.run.clone();
        table.remove_page(1, &second);
        assert_eq!(table.words[0].1.plain.len(), 2);
        table.add_page(1, &words([("rouw", at(&[-25, 1, 2]))]));
        assert_eq!(table.words[0].1.plain.run, before);
    }

    #[test]
    fn a_page_renumbered_keeps_its_locations_in_page_order() {
        let mut table = WordTable::default();
        table.add_page(0, &words([("rouw", at(&[-25, 3]))]));
        let second = table.add_page(1, &words([("rouw", at(&[-25, 1, 2]))]));
        let third = table.add_page(2, &words([("rouw", at(&[-25, 7]))]));
        table.remove_page(1, &second);
        table.renumber_page(2, 1, &third);
        let list = &table.words[0].1.plain;
        let pages: Vec<(u32, Vec<i32>)> = list.iter().map(|e| (e.page, e.locs.to_vec())).collect();
        assert_eq!(pages, [(0, vec![-25, 3]), (1, vec![-25, 7])]);
        // The next page goes after it.
        table.add_page(2, &words([("rouw", at(&[-25, 4]))]));
        assert_eq!(
            table.words[0].1.plain.iter().last().map(|e| e.page),
            Some(2)
        );
    }

    #[test]
    fn words_are_kept_in_byte_order() {
        let mut table = WordTable::default();
        table.add_page(0, &words([("zorg", at(&[-25, 0])), ("één", at(&[-25, 1]))]));
        table.add_page(1, &words([("angst", at(&[-25, 0]))]));
        table.sort();
        table.add_page(2, &words([("bang", at(&[-25, 0]))]));
        table.sort();
        let words: Vec<&str> = table.in_order().map(|(_, w, _)| w).collect();
        assert_eq!(words, ["angst", "bang", "zorg", "één"]);
    }
}
