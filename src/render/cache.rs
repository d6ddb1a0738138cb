//! Rendered outputs kept between builds, so that `praxis serve` renders again
//! only what a change touches — and is never wrong about it.
//!
//! Rather than guess which pages an edit affects (its translations show its
//! title, its section lists it, the home page may show it through
//! `get_section`…), every output remembers a fingerprint of everything it
//! was rendered from: the template set, the UI strings, every piece of the
//! template context, and the result of every lookup function the template
//! called. An output is rendered again exactly when one of those differs.
//! Context pieces are fingerprinted by serializing them straight into a
//! hasher, so an unchanged page costs a hash, not a template value. Lookups are
//! recorded as they happen, so a template that starts calling
//! `get_section` on some page is tracked from then on.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::hash::Hasher;
use std::sync::atomic::{AtomicU64, Ordering};

use tera::Value;
use xxhash_rust::xxh3::Xxh3;

use crate::output::OutputFile;

/// A lookup a template made: `get_section(key, lang)` and the hash of what it returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    pub function: &'static str,
    pub key: String,
    pub lang: String,
    /// `None` when the lookup failed.
    pub result: Option<u64>,
}

#[derive(Clone)]
struct Entry {
    inputs: u64,
    /// The fingerprint of the whole context, where `inputs` is made of
    /// quick fingerprints (checked in debug builds only).
    full_inputs: u64,
    lookups: Vec<Lookup>,
    file: OutputFile,
}

/// Outputs by path, with what they were made from; and the template
/// values of pages as they appear in lists, by fingerprint.
#[derive(Default, Clone)]
pub struct RenderCache {
    entries: FxHashMap<String, Entry>,
    summaries: FxHashMap<u64, Value>,
}

/// What to remember of an output just made: the fingerprints of its inputs
/// (quick and full) and the lookups its template made.
pub struct Fresh {
    pub inputs: (u64, u64),
    pub lookups: Vec<Lookup>,
}

impl RenderCache {
    /// Whether the outputs made now are fingerprinted: unless they are
    /// written as they are made (`praxis build`, which keeps nothing for a
    /// next build) by a cache that holds nothing from a last one. Then no
    /// fingerprint would ever be compared, and making them — the context
    /// of every page serialized into a hash, each article of a feed — was
    /// work for nothing.
    pub fn fingerprints_made(&self, written_at_once: bool) -> bool {
        !written_at_once || !self.entries.is_empty() || !self.summaries.is_empty()
    }

    /// The cached output at `path`, if it was rendered from the same inputs
    /// and every lookup it made would still return the same.
    pub fn get(
        &self,
        path: &str,
        inputs: u64,
        full_inputs: u64,
        lookup: impl Fn(&Lookup) -> Option<u64>,
    ) -> Option<(&OutputFile, &[Lookup])> {
        let entry = self.entries.get(path)?;
        let hit = entry.inputs == inputs && entry.lookups.iter().all(|l| lookup(l) == l.result);
        debug_assert!(
            !hit || entry.full_inputs == full_inputs,
            "render cache: /{path} would be served stale: the quick fingerprint of a \
             part of its context (render/context.rs, Part::quick) misses something its value holds"
        );
        hit.then_some((&entry.file, &entry.lookups))
    }

    /// How long the output at `path` was when last made: room to render
    /// it into again without growing the buffer (a list of 10 000 pages
    /// is over a megabyte).
    pub fn last_size(&self, path: &str) -> Option<usize> {
        match &self.entries.get(path)?.file.body {
            crate::output::Body::Bytes(bytes) => Some(bytes.len()),
            _ => None,
        }
    }

    pub fn insert(&mut self, file: OutputFile, fresh: Fresh) {
        let Fresh {
            inputs: (inputs, full_inputs),
            lookups,
        } = fresh;
        let entry = Entry {
            inputs,
            full_inputs,
            lookups,
            file,
        };
        self.entries.insert(entry.file.path.clone(), entry);
    }

    /// Keeps only the outputs that the last build produced.
    pub fn retain(&mut self, paths: &std::collections::HashSet<&str>) {
        self.entries.retain(|path, _| paths.contains(path.as_str()));
    }

    /// The summary value with this fingerprint, built by `build` if it is
    /// not cached.
    pub fn summary(&self, fingerprint: u64, build: impl FnOnce() -> Value) -> Value {
        match self.summaries.get(&fingerprint) {
            Some(v) => v.clone(),
            None => build(),
        }
    }

    /// Keeps exactly these summaries for the next build.
    pub fn set_summaries(&mut self, summaries: impl IntoIterator<Item = (u64, Value)>) {
        self.summaries = summaries.into_iter().collect();
    }
}

/// Fingerprints the inputs of one output: what it shares with every output
/// of the build, then each piece of its context.
pub struct Inputs(Xxh3);

impl Inputs {
    /// A fingerprint of parts only.
    pub fn empty() -> Inputs {
        Inputs(Xxh3::new())
    }

    pub fn new(template: &str, build_inputs: u64) -> Inputs {
        let mut h = Xxh3::new();
        h.update(template.as_bytes());
        h.write_u64(build_inputs);
        Inputs(h)
    }

    /// Adds a piece already fingerprinted.
    pub fn add(&mut self, fingerprint: u64) -> &mut Self {
        self.0.write_u64(fingerprint);
        self
    }

    /// Adds a piece by serializing it straight into the hash: no template
    /// value is built unless the output has to be rendered.
    pub fn add_serialized<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        self.add(fingerprint(value))
    }

    pub fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// A fingerprint made only when it is asked for
/// ([`RenderCache::fingerprints_made`]).
pub struct Deferred<'a>(Box<dyn FnOnce() -> u64 + Send + 'a>);

impl<'a> Deferred<'a> {
    pub fn new(make: impl FnOnce() -> u64 + Send + 'a) -> Deferred<'a> {
        Deferred(Box::new(make))
    }

    /// One made already (cheap, or made from what the output moves away).
    pub fn known(fingerprint: u64) -> Deferred<'a> {
        Deferred::new(move || fingerprint)
    }

    pub fn make(self) -> u64 {
        (self.0)()
    }
}

/// The hash of a value that is plain data (`#[derive(Hash)]`), for large
/// ones where serializing ([`fingerprint`]) would cost more than the
/// output: the sitemap's 20 000 entries.
pub fn fingerprint_data<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    let mut h = Xxh3::new();
    value.hash(&mut h);
    h.digest()
}

/// The hash of anything serializable, computed by serializing it (as CBOR,
/// which encodes everything serde can express, flattened structs included)
/// straight into the hasher.
pub fn fingerprint<T: serde::Serialize + ?Sized>(value: &T) -> u64 {
    static NEVER_SEEN: AtomicU64 = AtomicU64::new(0);
    let mut writer = HashWriter(Xxh3::new());
    match ciborium::into_writer(value, &mut writer) {
        Ok(()) => writer.0.digest(),
        // A fingerprint that matches nothing: whatever failed to encode is
        // rendered afresh, never taken from the cache.
        Err(_) => NEVER_SEEN.fetch_add(1, Ordering::Relaxed) ^ 0x9e37_79b9_7f4a_7c15,
    }
}

struct HashWriter(Xxh3);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Combines fingerprints in order.
pub fn combine(fingerprints: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = Xxh3::new();
    for f in fingerprints {
        h.write_u64(f);
    }
    h.digest()
}

thread_local! {
    /// The lookups of the render running on this thread.
    static LOOKUPS: RefCell<Option<Vec<Lookup>>> = const { RefCell::new(None) };
}

/// Records lookups made on this thread while `render` runs.
pub fn recording_lookups<T>(render: impl FnOnce() -> T) -> (T, Vec<Lookup>) {
    LOOKUPS.with(|l| *l.borrow_mut() = Some(Vec::new()));
    let result = render();
    let lookups = LOOKUPS.with(|l| l.borrow_mut().take()).unwrap_or_default();
    (result, lookups)
}

/// Called by the lookup functions.
pub fn record_lookup(lookup: Lookup) {
    LOOKUPS.with(|l| {
        if let Some(lookups) = l.borrow_mut().as_mut() {
            lookups.push(lookup);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Inner {
        text: String,
    }

    #[derive(serde::Serialize)]
    struct Outer {
        #[serde(flatten)]
        inner: Inner,
        n: u32,
    }

    /// A build written as it is made, with nothing from a last build,
    /// compares no fingerprint and makes none; any other build must.
    #[test]
    fn only_a_build_that_keeps_nothing_and_has_nothing_kept_skips_fingerprints() {
        let mut cache = RenderCache::default();
        assert!(!cache.fingerprints_made(true));
        assert!(cache.fingerprints_made(false));
        cache.insert(
            OutputFile::rendered("nl/index.html".into(), b"<p>".to_vec(), "content/nl.md"),
            Fresh {
                inputs: (1, 1),
                lookups: Vec::new(),
            },
        );
        assert!(cache.fingerprints_made(true));
        let mut summaries_only = RenderCache::default();
        summaries_only.set_summaries([(1, Value::none())]);
        assert!(summaries_only.fingerprints_made(true));
    }

    #[test]
    fn fingerprints_see_every_field_even_flattened_ones() {
        let a = Outer {
            inner: Inner { text: "een".into() },
            n: 1,
        };
        let b = Outer {
            inner: Inner {
                text: "twee".into(),
            },
            n: 1,
        };
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_eq!(
            fingerprint(&a),
            fingerprint(&Outer {
                inner: Inner { text: "een".into() },
                n: 1
            })
        );
    }
}
