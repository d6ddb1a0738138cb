//! Rendered outputs kept between builds, so that `praxis serve` renders again
//! only what a change touches — and is never wrong about it.
//!
//! Rather than guess which pages an edit affects (its translations show its
//! title, its section lists it, the home page may show it through
//! `get_section`…), every output remembers a fingerprint of everything it
//! was rendered from: the template set, the UI strings, the whole template
//! context, and the result of every lookup function the template called. An
//! output is rendered again exactly when one of those differs. Lookups are
//! recorded as they happen, so a template that starts calling
//! `get_section` on some page is tracked from then on.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use tera::value::ValueKind;
use tera::{Context, Value};
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
    lookups: Vec<Lookup>,
    file: OutputFile,
}

/// Outputs by path, with what they were rendered from.
#[derive(Default, Clone)]
pub struct RenderCache {
    entries: HashMap<String, Entry>,
}

impl RenderCache {
    /// The cached output at `path`, if it was rendered from the same inputs
    /// and every lookup it made would still return the same.
    pub fn get(
        &self,
        path: &str,
        inputs: u64,
        lookup: impl Fn(&Lookup) -> Option<u64>,
    ) -> Option<&OutputFile> {
        let entry = self.entries.get(path)?;
        (entry.inputs == inputs && entry.lookups.iter().all(|l| lookup(l) == l.result))
            .then_some(&entry.file)
    }

    pub fn insert(&mut self, file: OutputFile, inputs: u64, lookups: Vec<Lookup>) {
        self.entries.insert(
            file.path.clone(),
            Entry {
                inputs,
                lookups,
                file,
            },
        );
    }

    /// Keeps only the outputs that the last build produced.
    pub fn retain(&mut self, paths: &std::collections::HashSet<&str>) {
        self.entries.retain(|path, _| paths.contains(path.as_str()));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A template context that fingerprints what goes into it.
pub struct FingerprintedContext {
    pub context: Context,
    hash: Xxh3,
}

impl FingerprintedContext {
    /// Starts from what every output of the build shares: the template, the
    /// template set and the UI strings.
    pub fn new(template: &str, build_inputs: u64) -> Self {
        let mut hash = Xxh3::new();
        hash.update(template.as_bytes());
        hash.write_u64(build_inputs);
        FingerprintedContext {
            context: Context::new(),
            hash,
        }
    }

    pub fn insert_value(&mut self, key: &'static str, value: Value) {
        self.hash.update(key.as_bytes());
        hash_value(&value, &mut self.hash);
        self.context.insert_value(key, value);
    }

    pub fn insert<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.insert_value(key, Value::from_serializable(value));
    }

    pub fn fingerprint(&self) -> u64 {
        self.hash.digest()
    }
}

/// Hashes a template value, content and all.
pub fn hash_value(value: &Value, h: &mut Xxh3) {
    let kind = value.kind();
    h.write_u8(kind as u8);
    match kind {
        ValueKind::Undefined | ValueKind::None => {}
        ValueKind::Bool => h.write_u8(value.as_bool().unwrap_or(false) as u8),
        ValueKind::String => {
            h.write_u8(value.is_safe() as u8);
            let s = value.as_str().unwrap_or("");
            h.write_usize(s.len());
            h.update(s.as_bytes());
        }
        ValueKind::Array => {
            let items = value.as_array().unwrap_or(&[]);
            h.write_usize(items.len());
            items.iter().for_each(|v| hash_value(v, h));
        }
        ValueKind::Map => {
            if let Some(map) = value.as_map() {
                h.write_usize(map.len());
                for (k, v) in map {
                    match k.as_str() {
                        Some(s) => h.update(s.as_bytes()),
                        None => h.update(format!("{k:?}").as_bytes()),
                    }
                    h.write_u8(0);
                    hash_value(v, h);
                }
            }
        }
        ValueKind::Bytes => h.update(value.as_bytes().unwrap_or(&[])),
        _ => value.to_string().hash(h),
    }
}

/// The hash of one value.
pub fn value_hash(value: &Value) -> u64 {
    let mut h = Xxh3::new();
    hash_value(value, &mut h);
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
