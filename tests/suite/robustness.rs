//! praxis never panics on input: mangled front matter, configuration,
//! Markdown and form bodies get errors, never a crash. Each test mutates a
//! good input thousands of times (deterministically) and feeds every
//! variant to the code that reads it.

use praxis::config::Config;
use praxis::content::front_matter;
use praxis::forms::validate::{parse_json, parse_urlencoded};

/// A small deterministic generator (xorshift), so that a failure repeats.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `good` with a few bytes changed, inserted, removed, or cut off.
fn mutations(good: &[u8], count: usize, seed: u64) -> Vec<Vec<u8>> {
    let tricky: &[&[u8]] = &[
        b"+++",
        b"\n",
        b"\"",
        b"=",
        b"[",
        b"]",
        b"{",
        b"\xff",
        b"\xc3",
        b"%",
        b"%ff",
        b"\r\n",
        b"\0",
        "é".as_bytes(),
        b"'''",
        b"#",
        b"<!-- more -->",
        b"@/",
    ];
    let mut rng = Rng(seed);
    (0..count)
        .map(|_| {
            let mut bytes = good.to_vec();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(bytes.len() + 1);
                match rng.below(4) {
                    0 if !bytes.is_empty() => {
                        let at = at.min(bytes.len() - 1);
                        bytes[at] = rng.next() as u8;
                    }
                    1 => {
                        let piece = tricky[rng.below(tricky.len())];
                        bytes.splice(at..at, piece.iter().copied());
                    }
                    2 if at < bytes.len() => {
                        let end = (at + 1 + rng.below(8)).min(bytes.len());
                        bytes.drain(at..end);
                    }
                    _ => bytes.truncate(at),
                }
            }
            bytes
        })
        .collect()
}

#[test]
fn front_matter_never_panics() {
    let good = "+++\ntitle = \"Één stap\"\nslug = \"een-stap\"\ndate = 2026-11-27\ntags = [\"a\", \"b\"]\n[extra]\nx = 1\n+++\nTekst.\n";
    for bytes in mutations(good.as_bytes(), 5000, 7) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = front_matter::split(&text);
    }
}

#[test]
fn site_toml_never_panics() {
    let good = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/site.toml")).unwrap();
    for bytes in mutations(good.as_bytes(), 3000, 11) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Config::parse(&text);
    }
}

#[test]
fn form_bodies_never_panic() {
    let urlencoded =
        b"_lang=nl&name=Anne+Dupr%C3%A9&email=anne%40example.be&message=Hallo%0Awereld&website=";
    for bytes in mutations(urlencoded, 5000, 13) {
        let _ = parse_urlencoded(&bytes);
    }
    let json = br#"{"_lang": "fr", "name": "Luc", "consent": true, "phone": 32470, "reason": "Un deuil."}"#;
    for bytes in mutations(json, 5000, 17) {
        let _ = parse_json(&bytes);
    }
}

#[test]
fn mangled_sites_fail_cleanly() {
    // Whole builds over mangled content files: an error, never a panic.
    let site = crate::support::TestSite::example();
    let file = "content/articles/mentorschap/fr.md";
    let good = site.read(file);
    for (i, bytes) in mutations(good.as_bytes(), 25, 19).into_iter().enumerate() {
        site.write_bytes(file, &bytes);
        let run = site.build(&[]);
        run.ended_cleanly(&format!("variant {i}"));
    }
}

#[test]
fn mangled_wordpress_exports_fail_cleanly() {
    let good = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/wordpress-polylang.xml"
    ))
    .unwrap();
    for (i, bytes) in mutations(&good, 30, 23).into_iter().enumerate() {
        let site = crate::support::TestSite::minimal();
        site.write_bytes("export.xml", &bytes);
        let run = site.praxis(&[
            "import",
            "wordpress",
            site.path("export.xml").to_str().unwrap(),
        ]);
        run.ended_cleanly(&format!("variant {i}"));
    }
}
