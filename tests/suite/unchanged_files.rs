//! A build leaves files whose bytes did not change untouched — same inode,
//! same mtime — so that rsync and CDN uploads send only what changed; and
//! it never trusts a file in `public/` that is not what it wrote.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;

use crate::support::TestSite;

fn site() -> TestSite {
    TestSite::minimal()
        .file("content/artikels/nl.md", "+++\ntitle = \"Artikels\"\n+++\n")
        .file(
            "content/artikels/een/nl.md",
            "+++\ntitle = \"Een\"\ndate = 2024-01-01\n+++\nEerste.\n",
        )
        .file(
            "content/artikels/twee/nl.md",
            "+++\ntitle = \"Twee\"\ndate = 2024-01-02\n+++\nTweede.\n",
        )
        .file(
            "content/over/nl.md",
            "+++\ntitle = \"Over\"\n+++\nOver mij.\n",
        )
        .file("static/logo.svg", "<svg/>")
}

/// Each file of `public/` with its inode and mtime.
fn identities(site: &TestSite) -> BTreeMap<String, (u64, i64, i64)> {
    site.files()
        .into_iter()
        .filter(|p| p.starts_with("public/"))
        .filter_map(|p| {
            let meta = std::fs::metadata(site.path(&p)).unwrap();
            meta.is_file()
                .then(|| (p, (meta.ino(), meta.mtime(), meta.mtime_nsec())))
        })
        .collect()
}

/// The files whose identity differs between two snapshots (or that one lacks).
fn changed(
    before: &BTreeMap<String, (u64, i64, i64)>,
    after: &BTreeMap<String, (u64, i64, i64)>,
) -> Vec<String> {
    let mut paths: Vec<String> = before
        .keys()
        .chain(after.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .cloned()
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// Lets the file system's clock move on, so that a rewritten file would
/// show a new mtime.
fn tick() {
    std::thread::sleep(std::time::Duration::from_millis(20));
}

#[test]
fn a_rebuild_without_changes_keeps_every_file_inode_and_mtime() {
    let site = site();
    site.build(&[]).success();
    let before = identities(&site);
    tick();
    let run = site.build(&[]);
    run.success();
    assert_eq!(changed(&before, &identities(&site)), Vec::<String>::new());
    assert!(
        run.stdout
            .contains(&format!("({} unchanged)", before.len())),
        "{}",
        run.stdout
    );
}

#[test]
fn an_edit_of_one_page_rewrites_only_its_files_and_the_lists_that_show_it() {
    let site = site();
    site.build(&[]).success();
    let before = identities(&site);
    tick();
    site.write(
        "content/artikels/een/nl.md",
        "+++\ntitle = \"Een, herzien\"\ndate = 2024-01-01\n+++\nEerste.\n",
    );
    site.build(&[]).success();
    assert_eq!(
        changed(&before, &identities(&site)),
        [
            "public/nl/artikels/een/index.html",
            "public/nl/artikels/index.html",
            "public/nl/atom.xml",
        ]
    );
    assert!(
        site.read("public/nl/artikels/een/index.html")
            .contains("Een, herzien")
    );
}

#[test]
fn a_file_edited_by_hand_in_public_is_written_again() {
    let site = site();
    site.build(&[]).success();
    let original = site.read("public/nl/over/index.html");
    tick();
    // In place (same inode) and by replacement (new inode).
    std::fs::OpenOptions::new()
        .append(true)
        .open(site.path("public/nl/over/index.html"))
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"<!-- edited -->"))
        .unwrap();
    site.write("public/logo.svg", "<svg>edited</svg>");
    site.build(&[]).success();
    assert_eq!(site.read("public/nl/over/index.html"), original);
    assert_eq!(site.read("public/logo.svg"), "<svg/>");
}

#[test]
fn a_file_deleted_from_public_is_written_again() {
    let site = site();
    site.build(&[]).success();
    site.remove("public/nl/over/index.html");
    site.remove("public/logo.svg");
    site.build(&[]).success();
    assert!(site.read("public/nl/over/index.html").contains("Over mij."));
    assert_eq!(site.read("public/logo.svg"), "<svg/>");
}

#[test]
fn a_static_file_changed_just_before_a_build_is_read_again_whatever_its_size_and_mtime() {
    // Its stamp was taken too recently to be trusted: an edit within the
    // file system's time granularity keeps size and mtime.
    let site = site();
    site.build(&[]).success();
    let source = site.path("static/logo.svg");
    let mtime = std::fs::metadata(&source).unwrap().modified().unwrap();
    site.write("static/logo.svg", "<svg\\>");
    std::fs::File::options()
        .write(true)
        .open(&source)
        .unwrap()
        .set_times(std::fs::FileTimes::new().set_modified(mtime))
        .unwrap();
    site.build(&[]).success();
    assert_eq!(site.read("public/logo.svg"), "<svg\\>");
}

/// The manifest is praxis's record of which files in `public/` are its
/// own: damaged or gone, praxis cannot tell them from hers, and leaves
/// `public/` as it is until she removes it.
#[test]
fn a_corrupt_or_missing_manifest_leaves_public_untouched_until_it_is_removed() {
    let site = site();
    site.build(&[]).success();
    let manifest = site.read(".public.praxis-manifest");
    assert!(
        !site
            .files()
            .iter()
            .any(|p| p.starts_with("public/") && p.contains("manifest")),
        "the manifest is never published"
    );
    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over\"\n+++\nOver ons.\n",
    );
    // One digit of one hash changed: the checksum no longer agrees, and
    // nothing in the manifest may be trusted.
    let at = manifest.find('\n').unwrap() + 1;
    let digit = if &manifest[at..=at] == "0" { "1" } else { "0" };
    let flipped = format!("{}{digit}{}", &manifest[..at], &manifest[at + 1..]);
    let truncated = manifest[..manifest.len() / 2].to_owned();
    let before = identities(&site);
    for damaged in [Some(flipped), Some(truncated), Some("garbage".into()), None] {
        match &damaged {
            Some(text) => site.write(".public.praxis-manifest", text),
            None => site.remove(".public.praxis-manifest"),
        }
        let run = site.build(&[]);
        assert_eq!(run.code, Some(2), "{damaged:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("delete it and build again")
                || run.stderr.contains("holds files praxis did not make"),
            "{}",
            run.stderr
        );
        assert_eq!(changed(&before, &identities(&site)), Vec::<String>::new());
    }
    site.remove("public");
    let run = site.build(&[]);
    run.success();
    assert!(run.stdout.contains("(0 unchanged)"), "{}", run.stdout);
    assert!(site.read("public/nl/over/index.html").contains("Over ons."));
}

#[test]
fn an_output_folder_elsewhere_keeps_its_own_manifest_beside_it() {
    let site = site();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("site");
    let public_arg = public.to_str().unwrap();
    site.build(&["--output", public_arg]).success();
    assert!(out.path().join(".site.praxis-manifest").is_file());
    let ino = std::fs::metadata(public.join("nl/over/index.html"))
        .unwrap()
        .ino();
    let run = site.build(&["--output", public_arg]);
    run.success();
    assert!(!run.stdout.contains("(0 unchanged)"), "{}", run.stdout);
    assert_eq!(
        std::fs::metadata(public.join("nl/over/index.html"))
            .unwrap()
            .ino(),
        ino
    );
    assert!(!site.exists("public"));
}

#[test]
fn after_a_build_killed_at_any_step_the_next_still_leaves_unchanged_files_alone() {
    for fault in ["die-after-staging", "die-after-swap"] {
        let site = site();
        site.build(&[]).success();
        let before = identities(&site);
        tick();
        site.write(
            "content/over/nl.md",
            "+++\ntitle = \"Over\"\n+++\nOver ons.\n",
        );
        let killed = crate::output_swap::build_with_fault(&site, fault);
        assert_eq!(killed.code, None, "{fault}: the build died");
        site.build(&[]).success();
        assert_eq!(
            changed(&before, &identities(&site)),
            ["public/nl/over/index.html"],
            "{fault}"
        );
        assert!(site.read("public/nl/over/index.html").contains("Over ons."));
    }
}

/// Moves the mtime of every file of the site (not of `public/`) written in
/// the last minutes an hour back: the inputs of a build look settled, as they do when someone runs
/// `praxis build` again later, not within the same second as an edit.
pub fn settle(site: &TestSite) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for path in site.files() {
        let link = std::fs::symlink_metadata(site.path(&path)).is_ok_and(|m| m.is_symlink());
        if path.starts_with("public/") || path.starts_with(".") || link {
            continue;
        }
        let file = std::fs::File::options()
            .append(true)
            .open(site.path(&path))
            .unwrap();
        // Only what was written since: a file settled before keeps its
        // stamp, so that a build sees the changes a test made and no other.
        let written = file.metadata().unwrap().modified().unwrap();
        if written > hour_ago + std::time::Duration::from_secs(600) {
            file.set_modified(hour_ago).unwrap();
        }
    }
}

pub const NOTHING_CHANGED: &str = "nothing changed since the last build";

#[test]
fn a_build_with_nothing_changed_leaves_public_alone_and_says_what_the_last_one_said() {
    // Tags, and a theme without tag pages: every build warns about it.
    let site = site().file(
        "content/artikels/drie/nl.md",
        "+++\ntitle = \"Drie\"\ntags = [\"rouw\"]\n+++\nDerde.\n",
    );
    settle(&site);
    let first = site.build(&[]);
    first.success();
    assert!(first.stderr.contains("warning"), "{}", first.stderr);
    let before = identities(&site);
    tick();
    let again = site.build(&[]);
    again.success();
    assert!(again.stdout.contains(NOTHING_CHANGED), "{}", again.stdout);
    assert!(
        again.stdout.contains(&format!("{} files", before.len())),
        "{}",
        again.stdout
    );
    assert_eq!(again.stderr, first.stderr, "the same warnings, again");
    assert_eq!(changed(&before, &identities(&site)), Vec::<String>::new());
}

#[test]
fn any_change_to_an_input_or_to_public_means_a_whole_build() {
    let site = site();
    type Change = fn(&TestSite);
    let changes: [(&str, Change); 9] = [
        ("a page's text", |s| {
            s.write(
                "content/over/nl.md",
                "+++\ntitle = \"Over\"\n+++\nOver mij, en meer.\n",
            )
        }),
        ("a new page", |s| {
            s.write(
                "content/nieuw/nl.md",
                "+++\ntitle = \"Nieuw\"\n+++\nNieuw.\n",
            )
        }),
        ("a page removed", |s| s.remove("content/nieuw")),
        ("an asset", |s| s.write("content/over/schets.svg", "<svg/>")),
        ("a template", |s| {
            let page = s.read("themes/plain/templates/page.html");
            s.write(
                "themes/plain/templates/page.html",
                &page.replacen("<h1>", "<h1 class=\"title\">", 1),
            )
        }),
        ("a static file", |s| {
            s.write("static/logo.svg", "<svg></svg>")
        }),
        ("site.toml", |s| {
            let config = s.read("site.toml");
            s.write("site.toml", &format!("{config}\n"))
        }),
        ("a file removed from public by hand", |s| {
            s.remove("public/logo.svg")
        }),
        ("a file edited in place in public", |s| {
            std::fs::OpenOptions::new()
                .append(true)
                .open(s.path("public/nl/over/index.html"))
                .and_then(|mut f| std::io::Write::write_all(&mut f, b"<!-- edited -->"))
                .unwrap()
        }),
    ];
    settle(&site);
    site.build(&[]).success();
    for (what, change) in changes {
        change(&site);
        settle(&site);
        let run = site.build(&[]);
        run.success();
        assert!(
            !run.stdout.contains(NOTHING_CHANGED),
            "{what}: {}",
            run.stdout
        );
        let fresh = TestSite::empty();
        crate::support::copy_tree(site.root(), fresh.root());
        fresh.remove("public");
        fresh.build(&[]).success();
        for path in fresh
            .files()
            .into_iter()
            .filter(|p| p.starts_with("public/"))
        {
            assert_eq!(site.read(&path), fresh.read(&path), "{what}: {path}");
        }
        let again = site.build(&[]);
        assert!(
            again.stdout.contains(NOTHING_CHANGED),
            "{what}, then nothing: {}",
            again.stdout
        );
    }
    let drafts = site.build(&["--drafts"]);
    assert!(
        !drafts.stdout.contains(NOTHING_CHANGED),
        "other options: {}",
        drafts.stdout
    );
}

/// A folder linked into the site (a shared folder of images, kept once)
/// is read by the build through its link, so a change behind the link is a
/// change of an input.
#[test]
fn a_change_behind_a_linked_folder_means_a_whole_build() {
    let site = site().file("gedeeld/logo.svg", "<svg/>");
    std::os::unix::fs::symlink("../gedeeld", site.path("static/gedeeld")).unwrap();
    settle(&site);
    site.build(&[]).success();
    assert_eq!(site.read("public/gedeeld/logo.svg"), "<svg/>");
    let again = site.build(&[]);
    assert!(again.stdout.contains(NOTHING_CHANGED), "{}", again.stdout);
    site.write("gedeeld/logo.svg", "<svg></svg>");
    settle(&site);
    let run = site.build(&[]);
    run.success();
    assert!(!run.stdout.contains(NOTHING_CHANGED), "{}", run.stdout);
    assert_eq!(site.read("public/gedeeld/logo.svg"), "<svg></svg>");
}

#[test]
fn a_file_saved_just_before_a_build_is_not_trusted_to_be_unchanged() {
    let site = site();
    site.build(&[]).success();
    // Saved a moment ago: another save in the same tick would keep its
    // stamp, so the next build cannot tell and builds.
    let run = site.build(&[]);
    run.success();
    assert!(!run.stdout.contains(NOTHING_CHANGED), "{}", run.stdout);
}

/// `cp -p` (and restoring from a backup) keeps a file's size and mtime;
/// only its ctime tells that its bytes changed.
#[test]
fn an_input_copied_over_with_its_times_kept_means_a_whole_build() {
    let site = site().file("elders/nl.md", "+++\ntitle = \"Over\"\n+++\nOver hem.\n");
    settle(&site);
    let over = site.path("content/over/nl.md");
    let copy = site.path("elders/nl.md");
    assert_eq!(
        std::fs::metadata(&over).unwrap().len(),
        std::fs::metadata(&copy).unwrap().len(),
        "the same size"
    );
    let mtime = std::fs::metadata(&over).unwrap().modified().unwrap();
    std::fs::File::options()
        .append(true)
        .open(&copy)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    site.build(&[]).success();
    assert!(site.read("public/nl/over/index.html").contains("Over mij."));
    let copied = std::process::Command::new("cp")
        .arg("-p")
        .arg(&copy)
        .arg(&over)
        .status()
        .unwrap();
    assert!(copied.success());
    assert_eq!(std::fs::metadata(&over).unwrap().modified().unwrap(), mtime);
    let run = site.build(&[]);
    run.success();
    assert!(!run.stdout.contains(NOTHING_CHANGED), "{}", run.stdout);
    assert!(site.read("public/nl/over/index.html").contains("Over hem."));
}
