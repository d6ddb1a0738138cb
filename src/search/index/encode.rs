//! The bytes of Pagefind's files: CBOR as its WebAssembly decodes it
//! (`minicbor`'s encoding of Pagefind's structs: each struct an array of
//! its fields, integers in their shortest form), the `pagefind_dcd`
//! signature its JavaScript looks for, gzip, and the names it gives files
//! after a SHA-1 of their content (Pagefind 1.6, `index/mod.rs`,
//! `output/mod.rs`, `utils.rs`; MIT).

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use sha1::{Digest, Sha1};

/// What Pagefind's JavaScript finds at the start of every decompressed file.
const SIGNATURE: &[u8] = b"pagefind_dcd";

/// The version of Pagefind whose files these are, as its metadata says.
pub const PAGEFIND_VERSION: &str = "1.6.0";

/// A CBOR document, written item by item.
#[derive(Default)]
pub struct Cbor(pub Vec<u8>);

impl Cbor {
    // Byte by byte (`push`, `extend_from_slice`): the common words of an
    // edited page are hundreds of thousands of numbers, encoded again
    // after each save in `praxis serve`, and debug builds do not optimise
    // praxis's own code.
    fn head(&mut self, major: u8, n: u64) {
        let major = major << 5;
        if n < 24 {
            self.0.push(major | n as u8);
        } else if n <= 0xFF {
            self.0.push(major | 24);
            self.0.push(n as u8);
        } else if n <= 0xFFFF {
            self.0.push(major | 25);
            self.0.extend_from_slice(&(n as u16).to_be_bytes());
        } else if n <= 0xFFFF_FFFF {
            self.0.push(major | 26);
            self.0.extend_from_slice(&(n as u32).to_be_bytes());
        } else {
            self.0.push(major | 27);
            self.0.extend_from_slice(&n.to_be_bytes());
        }
    }

    /// An array of `len` items, which follow.
    pub fn array(&mut self, len: usize) {
        self.head(4, len as u64);
    }

    pub fn uint(&mut self, n: u64) {
        self.head(0, n);
    }

    pub fn int(&mut self, n: i32) {
        if n >= 0 {
            self.head(0, n as u64);
        } else {
            self.head(1, (-1 - i64::from(n)) as u64);
        }
    }

    pub fn ints(&mut self, ns: &[i32]) {
        self.array(ns.len());
        self.0.reserve(ns.len() * 2);
        for &n in ns {
            // Most positions are small deltas: one byte.
            if (0..24).contains(&n) {
                self.0.push(n as u8);
            } else {
                self.int(n);
            }
        }
    }

    pub fn text(&mut self, s: &str) {
        self.head(3, s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// How hard gzip works. For a build, at deflate's usual level (6), not at
/// Pagefind's (9): the chunks of the word index are runs of small numbers,
/// on which the best level walks long hash chains for almost nothing — at
/// 20 004 pages it was half the build's CPU time, for files 1.5 % smaller
/// (benches/README.md). Any level is gzip that Pagefind's script reads, and
/// the files' names come from their content before compression, so the
/// bundle is Pagefind's once decompressed. In `praxis serve`, not at all:
/// stored blocks, still gzip's format, where an edit encodes most chunks
/// of the index again (a page's words are all over the alphabet) and the
/// files never leave the machine.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Effort {
    #[default]
    Published,
    Store,
}

/// A file as Pagefind writes its index files: the signature and the
/// content, gzipped.
pub fn gzip(content: &[u8], effort: Effort) -> Vec<u8> {
    let level = match effort {
        Effort::Published => Compression::new(6),
        Effort::Store => Compression::none(),
    };
    let mut gz = GzEncoder::new(Vec::with_capacity(content.len() / 3), level);
    // Writing to memory does not fail.
    let _ = gz.write_all(SIGNATURE);
    let _ = gz.write_all(content);
    gz.finish().unwrap_or_default()
}

/// Pagefind's hash of a file's content: SHA-1, each byte in hexadecimal
/// without a leading zero (so not always 40 digits).
pub fn full_hash(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha1::digest(bytes);
    let mut hex = String::with_capacity(40);
    for byte in digest {
        let _ = write!(hex, "{byte:x}");
    }
    hex
}

/// Names files after their content: `nl_` and seven digits of its hash,
/// more while a name is taken (Pagefind's rules, in the order it names
/// the files: one digit more for fragments, two for index chunks).
pub struct Names {
    taken: std::collections::HashSet<String>,
    step: usize,
}

impl Names {
    pub fn for_fragments() -> Names {
        Names {
            taken: Default::default(),
            step: 1,
        }
    }

    pub fn for_chunks() -> Names {
        Names {
            taken: Default::default(),
            step: 2,
        }
    }

    /// The name for content whose hash is `full` (`nl_` and the SHA-1).
    pub fn name(&mut self, full: &str, lang: &str) -> String {
        let mut len = (lang.len() + 8).min(full.len());
        while self.taken.contains(&full[..len]) && len < full.len() {
            len = (len + self.step).min(full.len());
        }
        self.taken.insert(full[..len].to_owned());
        full[..len].to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_take_their_shortest_form() {
        let mut cbor = Cbor::default();
        cbor.ints(&[0, 23, 24, -1, -25, 256, -169]);
        assert_eq!(
            cbor.0,
            [
                0x87, 0x00, 0x17, 0x18, 0x18, 0x20, 0x38, 0x18, 0x19, 0x01, 0x00, 0x38, 0xa8
            ]
        );
    }

    #[test]
    fn a_hash_is_written_as_pagefind_writes_it() {
        // SHA-1 of "abc" is a9993e36 4706816a …: 0x06 is written "6".
        assert!(full_hash(b"abc").starts_with("a9993e36476816a"));
    }
}
