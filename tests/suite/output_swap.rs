//! The output swap: a build killed at any step leaves a complete `public/`
//! (or, with the two-rename fallback, one the next build puts back), and
//! the next build removes what the killed one left — only that.

use std::process::Command;

use crate::support::{Run, TestSite};

fn site() -> TestSite {
    TestSite::minimal().file(
        "content/over/nl.md",
        "+++\ntitle = \"Over\"\n+++\nVersie een.\n",
    )
}

/// `praxis build` with a fault injected at one step.
pub fn build_with_fault(site: &TestSite, fault: &str) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("--root")
        .arg(site.root())
        .arg("build")
        .env("PRAXIS_FAULT_INJECTION", fault)
        .output()
        .expect("run praxis");
    Run::from(output)
}

/// The names beside `public/` that a build left, but for the records of
/// the published tree, which stay (see `unchanged_files`).
fn leftovers(site: &TestSite) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.starts_with(".public")
                && n != ".public.praxis-manifest"
                && n != ".public.praxis-inputs"
        })
        .collect();
    names.sort();
    names
}

/// A complete site, in one version or the other: never a mix, never half.
#[track_caller]
fn assert_complete(site: &TestSite) -> &'static str {
    for page in [
        "public/index.html",
        "public/nl/index.html",
        "public/fr/index.html",
    ] {
        assert!(site.exists(page), "{page} missing: {:?}", site.files());
    }
    let over = site.read("public/nl/over/index.html");
    if over.contains("Versie een.") {
        "old"
    } else if over.contains("Versie twee.") {
        "new"
    } else {
        panic!("neither version: {over}")
    }
}

#[test]
fn a_build_killed_at_any_step_leaves_a_complete_site_and_the_next_cleans_up() {
    for (fault, expected) in [("die-after-staging", "old"), ("die-after-swap", "new")] {
        let site = site();
        site.build(&[]).success();
        site.write(
            "content/over/nl.md",
            "+++\ntitle = \"Over\"\n+++\nVersie twee.\n",
        );
        let killed = build_with_fault(&site, fault);
        assert_eq!(killed.code, None, "{fault}: the build died: {killed:?}");
        assert_eq!(assert_complete(&site), expected, "{fault}");
        assert!(
            !leftovers(&site).is_empty(),
            "{fault}: the kill left its folders"
        );

        let next = site.build(&[]);
        next.success();
        assert!(
            next.stderr
                .contains("removed what interrupted builds left behind"),
            "{fault}: the next build says what it removed: {}",
            next.stderr
        );
        assert_eq!(assert_complete(&site), "new");
        assert_eq!(leftovers(&site), Vec::<String>::new(), "{fault}");
    }
}

#[test]
fn without_the_exchange_the_next_build_puts_back_a_site_killed_between_renames() {
    let site = site();
    site.build(&[]).success();
    let killed = build_with_fault(&site, "no-exchange,die-after-retire");
    assert_eq!(killed.code, None);
    assert!(!site.exists("public"), "the fallback's gap is real");

    // Even a build that fails puts the previous site back first.
    site.write("content/over/nl.md", "+++\ntitle = \n+++\n");
    let failed = site.build(&[]);
    failed.failure();
    assert!(
        failed.stderr.contains("put back the previous site"),
        "{}",
        failed.stderr
    );
    assert_eq!(assert_complete(&site), "old");
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn the_fallback_without_faults_swaps_like_the_exchange() {
    let site = site();
    site.build(&[]).success();
    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over\"\n+++\nVersie twee.\n",
    );
    build_with_fault(&site, "no-exchange").success();
    assert_eq!(assert_complete(&site), "new");
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn folders_without_a_marker_or_of_a_living_build_are_left_alone() {
    let site = site();
    site.build(&[]).success();
    // Named like a leftover, but no build wrote a marker for it.
    site.write(".public.praxis-new-1-1/keep.txt", "mine");
    // A marker held by a build still running (this test holds its lock).
    site.write(".public.praxis-new-2-2/index.html", "in progress");
    site.write(
        ".public.praxis-build-2-2",
        "praxis build in progress\noutput=public\nstaging=.public.praxis-new-2-2\nretired=.public.praxis-old-2-2\n",
    );
    let marker = std::fs::File::open(site.path(".public.praxis-build-2-2")).unwrap();
    marker.lock().unwrap();
    // A marker that names a path outside its folder is not obeyed.
    site.write("elsewhere/precious.txt", "precious");
    site.write(
        ".public.praxis-build-3-3",
        "praxis build in progress\noutput=public\nstaging=../elsewhere\nretired=.public.praxis-old-3-3\n",
    );

    let run = site.build(&[]);
    run.success();
    assert!(!run.stderr.contains("removed"), "{}", run.stderr);
    assert_eq!(site.read(".public.praxis-new-1-1/keep.txt"), "mine");
    assert_eq!(
        site.read(".public.praxis-new-2-2/index.html"),
        "in progress"
    );
    assert_eq!(site.read("elsewhere/precious.txt"), "precious");
    drop(marker);
}

/// Every file of `public/` with its bytes.
fn published(site: &TestSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    site.files()
        .into_iter()
        .filter(|p| p.starts_with("public/"))
        .map(|p| {
            let bytes = std::fs::read(site.path(&p)).unwrap();
            (p, bytes)
        })
        .collect()
}

/// A build with other options (drafts, a staging address) killed at any
/// step, even after its site took the old one's place, is followed by a
/// plain build that gives exactly what a fresh one gives: the record of
/// the last build never describes a site it did not make.
#[test]
fn after_a_build_with_other_options_killed_at_any_step_a_plain_build_equals_a_fresh_one() {
    let site = site().file(
        "content/geheim/nl.md",
        "+++\ntitle = \"Geheim\"\ndraft = true\n+++\nGEHEIM ONTWERP\n",
    );
    let fresh = TestSite::empty();
    crate::support::copy_tree(site.root(), fresh.root());
    fresh.build(&[]).success();
    let expected = published(&fresh);
    assert!(!expected.keys().any(|p| p.contains("geheim")));

    let faults = [
        "die-after-staging",
        "no-exchange,die-after-retire",
        "die-after-exchange",
        "die-after-swap",
        "die-after-removal",
        "die-before-record",
    ];
    for options in [
        &["--drafts"][..],
        &["--base-url", "https://staging.example"],
    ] {
        for fault in faults {
            crate::unchanged_files::settle(&site);
            site.build(&[]).success();
            let killed = Command::new(env!("CARGO_BIN_EXE_praxis"))
                .arg("--root")
                .arg(site.root())
                .arg("build")
                .args(options)
                .env("PRAXIS_FAULT_INJECTION", fault)
                .output()
                .unwrap();
            assert_eq!(killed.status.code(), None, "{options:?} {fault}: it died");
            let next = site.build(&[]);
            next.success();
            // Killed before the trees began to change places, the build
            // changed nothing; from then on, the next build is a whole one.
            let swapped = fault != "die-after-staging";
            assert_eq!(
                !next
                    .stdout
                    .contains(crate::unchanged_files::NOTHING_CHANGED),
                swapped,
                "{options:?} {fault}: {}",
                next.stdout
            );
            assert_eq!(published(&site), expected, "{options:?} {fault}");
            assert_eq!(
                leftovers(&site),
                Vec::<String>::new(),
                "{options:?} {fault}"
            );
        }
    }
}
