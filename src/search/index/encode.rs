//! The bytes of Pagefind's files: CBOR as its WebAssembly decodes it
//! (`minicbor`'s encoding of Pagefind's structs: each struct an array of
//! its fields, integers in their shortest form), the `pagefind_dcd`
//! signature its JavaScript looks for, gzip, and the names it gives files
//! after a SHA-1 of their content (Pagefind 1.6, `index/mod.rs`,
//! `output/mod.rs`, `utils.rs`; MIT).

use std::cell::RefCell;

use sha1::{Digest, Sha1};
use zlib_rs::{Deflate, DeflateConfig, DeflateFlush, Status};

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

/// How hard gzip works. For a build, zlib-rs (zlib-ng's deflate) at level
/// 5, not Pagefind's best (9): the chunks of the word index are runs of
/// small numbers, on which the best level walks long hash chains for
/// almost nothing (at 20 004 pages, half the build's CPU time). Level 5 is
/// the fastest that makes files no larger than miniz_oxide's level 6 did,
/// in about a third of its time (benches/README.md). Any deflate stream is
/// gzip that Pagefind's script reads, and the files' names come from their
/// content before compression, so the bundle is Pagefind's once
/// decompressed. In `praxis serve`, not at all: stored blocks, still gzip's
/// format, where an edit encodes most chunks of the index again (a page's
/// words are all over the alphabet) and the files never leave the machine.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Effort {
    #[default]
    Published,
    Store,
}

impl Effort {
    fn level(self) -> i32 {
        match self {
            Effort::Published => 5,
            Effort::Store => 0,
        }
    }
}

thread_local! {
    /// Each thread's deflate stream, one per effort, reset for each file:
    /// making one zeroes its tables, 1 % of a build's CPU when each of
    /// 20 004 fragments made its own.
    static DEFLATE: RefCell<[Option<Deflate>; 2]> = const { RefCell::new([None, None]) };
}

/// A file as Pagefind writes its index files: the signature and the
/// content, gzipped.
pub fn gzip(content: &[u8], effort: Effort) -> Vec<u8> {
    DEFLATE.with_borrow_mut(|streams| {
        let stream = streams[effort as usize].get_or_insert_with(|| {
            Deflate::new_with_config(DeflateConfig {
                level: effort.level(),
                // 15 bits of window, and 16 more: gzip's header and
                // trailer rather than zlib's.
                window_bits: 15 + 16,
                ..DeflateConfig::default()
            })
        });
        stream.reset();
        gzip_with(stream, content)
    })
}

fn gzip_with(deflate: &mut Deflate, content: &[u8]) -> Vec<u8> {
    // Room for the whole stream, header and trailer: deflate ends in one
    // call. Should the bound be short, the stream goes on in more room.
    let mut out = vec![0; zlib_rs::compress_bound(SIGNATURE.len() + content.len()) + 32];
    for (part, flush) in [
        (SIGNATURE, DeflateFlush::NoFlush),
        (content, DeflateFlush::Finish),
    ] {
        let mut rest = part;
        loop {
            let read = deflate.total_in();
            let written = deflate.total_out() as usize;
            let status = deflate.compress(rest, &mut out[written..], flush);
            rest = &rest[(deflate.total_in() - read) as usize..];
            match status {
                Ok(Status::StreamEnd) => break,
                Ok(_) if flush == DeflateFlush::NoFlush && rest.is_empty() => break,
                Ok(_) if deflate.total_out() as usize == out.len() => out.resize(out.len() * 2, 0),
                // Room left and nothing more done: deflate was used wrongly,
                // which this stream is not.
                Ok(_) | Err(_) => return Vec::new(),
            }
        }
    }
    out.truncate(deflate.total_out() as usize);
    out
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

    fn gunzip(gz: &[u8]) -> Vec<u8> {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut out)
            .expect("gzip");
        out
    }

    #[test]
    fn every_file_gzipped_reads_back_as_the_signature_and_its_content() {
        // Nothing, text, and bytes deflate cannot shrink (more than its
        // bound's slack), at both efforts.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let noise: Vec<u8> = (0..300_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        let text = "rouw en verlies, ".repeat(10_000).into_bytes();
        let mut first = Vec::new();
        for content in [&[][..], &text, &noise] {
            for effort in [Effort::Published, Effort::Store] {
                let gz = gzip(content, effort);
                let back = gunzip(&gz);
                assert_eq!(&back[..SIGNATURE.len()], SIGNATURE);
                assert!(back[SIGNATURE.len()..] == *content, "{effort:?}");
                first.push(gz);
            }
        }
        // The thread's streams, used again, make the same files afresh.
        let again = [&[][..], &text, &noise]
            .into_iter()
            .flat_map(|c| [gzip(c, Effort::Published), gzip(c, Effort::Store)]);
        assert!(again.eq(first));
        assert!(gzip(&text, Effort::Published).len() < text.len() / 20);
    }

    #[test]
    fn a_hash_is_written_as_pagefind_writes_it() {
        // SHA-1 of "abc" is a9993e36 4706816a …: 0x06 is written "6".
        assert!(full_hash(b"abc").starts_with("a9993e36476816a"));
    }
}
