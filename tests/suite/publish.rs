//! `praxis publish`: the site on its host in one command, sending only what
//! changed, removing only what praxis sent, never half a site longer than
//! it must — against real hosts on loopback: Debian's sshd (rsync and
//! SFTP through it), a bare git repository, a folder.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::sshd::Sshd;
use crate::support::{Run, TestSite};

/// A small site whose `[publish.site]` goes `to`.
fn site_publishing_to(to: &str) -> TestSite {
    let site = TestSite::minimal()
        .file(
            "content/over/nl.md",
            "+++\ntitle = \"Over mij\"\n+++\nIk ben therapeut.\n",
        )
        .file(
            "content/over/fr.md",
            "+++\ntitle = \"À propos\"\n+++\nJe suis thérapeute.\n",
        )
        .file(
            "content/tarieven/nl.md",
            "+++\ntitle = \"Tarieven\"\n+++\n60 euro.\n",
        )
        .file(
            "content/tarieven/fr.md",
            "+++\ntitle = \"Tarifs\"\n+++\n60 euros.\n",
        )
        .file("static/robots.txt", "User-agent: *\n");
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &format!("{config}\n[publish.site]\nto = \"{to}\"\n"),
    );
    site
}

/// `praxis publish ARGS…` with no terminal, through `sshd`'s ssh_config.
fn publish(site: &TestSite, sshd: Option<&Sshd>, args: &[&str]) -> Run {
    publish_with(site, sshd, args, &[])
}

fn publish_with(site: &TestSite, sshd: Option<&Sshd>, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_praxis"));
    command
        .arg("--root")
        .arg(site.root())
        .arg("publish")
        .args(args)
        .stdin(Stdio::null())
        .envs(env.iter().copied());
    if let Some(sshd) = sshd {
        command.env("PRAXIS_SSH_CONFIG", sshd.client_config());
    }
    Run::from(command.output().expect("run praxis"))
}

/// Every file under `dir` by `/`-separated path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (path, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The host's files, without praxis's record and the files of `hers`.
fn published(dir: &Path, hers: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(dir);
    files.remove(".praxis-published");
    for path in hers {
        files.remove(*path);
    }
    files
}

/// The files whose bytes differ between two trees, or that only one has.
fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut paths: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// The files a `--dry-run` lists as new or changed.
fn listed_as_sent(run: &Run) -> Vec<String> {
    let mut paths: Vec<String> = run
        .stdout
        .lines()
        .filter_map(|l| {
            l.strip_prefix("  new: ")
                .or_else(|| l.strip_prefix("  changed: "))
        })
        .map(str::to_owned)
        .collect();
    paths.sort();
    paths
}

/// `len` bytes that do not compress.
fn noise(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

fn inode(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().ino()
}

// ---------------------------------------------------------------- rsync

#[test]
fn a_first_publish_over_ssh_puts_the_whole_site_on_the_host_and_a_second_sends_nothing() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("srv/praktijk/public");
    let site = site_publishing_to(&sshd.url("ssh", &www));
    let run = publish(&site, Some(&sshd), &["--yes", "--lang", "en"]);
    run.success();
    assert!(run.stdout.contains("Published "), "{}", run.stdout);
    assert_eq!(published(&www, &[]), tree(&site.path("public")));
    let again = publish(&site, Some(&sshd), &["--yes", "--lang", "en"]);
    again.success();
    assert!(
        again.stdout.contains("nothing to publish"),
        "{}",
        again.stdout
    );
}

#[test]
fn after_one_edit_only_the_files_that_changed_are_sent() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let site = site_publishing_to(&sshd.url("ssh", &www));
    publish(&site, Some(&sshd), &["--yes"]).success();
    let before = tree(&site.path("public"));
    let untouched = inode(&www.join("nl/tarieven/index.html"));
    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over mij\"\n+++\nIk ben psychotherapeut.\n",
    );
    let dry = publish(&site, Some(&sshd), &["--dry-run", "--lang", "en"]);
    dry.success();
    let after = tree(&site.path("public"));
    let changed = differing(&before, &after);
    assert!(
        !changed.is_empty() && changed.len() < after.len() / 2,
        "{changed:?}"
    );
    assert_eq!(listed_as_sent(&dry), changed, "{}", dry.stdout);
    assert!(dry.stdout.contains("Nothing was sent"), "{}", dry.stdout);
    assert_ne!(published(&www, &[]), after, "a dry run sent nothing");
    publish(&site, Some(&sshd), &["--yes"]).success();
    assert_eq!(published(&www, &[]), after);
    assert_eq!(
        inode(&www.join("nl/tarieven/index.html")),
        untouched,
        "an unchanged page was sent again"
    );
}

#[test]
fn a_removed_page_is_gone_from_the_host_and_files_of_hers_stay() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let site = site_publishing_to(&sshd.url("ssh", &www));
    publish(&site, Some(&sshd), &["--yes"]).success();
    std::fs::write(www.join("google1234.html"), "verification").unwrap();
    std::fs::write(www.join("nl/tarieven/notes.txt"), "hers").unwrap();
    std::fs::create_dir_all(www.join("nl/over")).unwrap();
    site.remove("content/over");
    publish(&site, Some(&sshd), &["--yes"]).success();
    assert!(
        !www.join("nl/over").exists(),
        "the removed page's folder is still on the host"
    );
    assert_eq!(
        std::fs::read_to_string(www.join("google1234.html")).unwrap(),
        "verification"
    );
    assert_eq!(
        std::fs::read_to_string(www.join("nl/tarieven/notes.txt")).unwrap(),
        "hers"
    );
    assert_eq!(
        published(&www, &["google1234.html", "nl/tarieven/notes.txt"]),
        tree(&site.path("public"))
    );
}

#[test]
fn a_publish_over_ssh_killed_while_sending_leaves_the_old_site_and_the_next_completes() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let mut site = site_publishing_to(&sshd.url("ssh", &www));
    for i in 0..40 {
        site = site.file(
            &format!("content/a{i}/nl.md"),
            &format!("+++\ntitle = \"A{i}\"\n+++\nTekst {i}.\n"),
        );
    }
    publish(&site, Some(&sshd), &["--yes"]).success();
    let old = published(&www, &[]);
    site.write(
        "themes/plain/templates/page.html",
        &site
            .read("themes/plain/templates/page.html")
            .replace("<h1>", "<h1 class=\"new\">"),
    );
    // A large file sent last (rsync goes in name order) keeps the
    // transfer going when praxis is killed after the first file.
    site.write_bytes("static/zzz-recording.bin", &noise(32 << 20));
    let killed = publish_with(
        &site,
        Some(&sshd),
        &["--yes"],
        &[("PRAXIS_FAULT_INJECTION", "publish-killed-while-sending")],
    );
    assert_eq!(
        killed.code, None,
        "praxis was not killed while sending: {}",
        killed.stderr
    );
    let during = published(&www, &[]);
    let visible: BTreeMap<_, _> = during
        .into_iter()
        .filter(|(p, _)| !p.contains(".~tmp~"))
        .collect();
    assert_eq!(visible, old, "the host serves part of the new site");
    publish(&site, Some(&sshd), &["--yes"]).success();
    assert_eq!(published(&www, &[]), tree(&site.path("public")));
}

#[test]
fn a_publish_over_ssh_stopped_before_its_record_is_finished_by_the_next() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let site = site_publishing_to(&sshd.url("ssh", &www));
    publish(&site, Some(&sshd), &["--yes"]).success();
    site.remove("content/tarieven");
    site.write("content/over/nl.md", "+++\ntitle = \"Over\"\n+++\nNieuw.\n");
    let killed = publish_with(
        &site,
        Some(&sshd),
        &["--yes"],
        &[("PRAXIS_FAULT_INJECTION", "publish-die-after-sending")],
    );
    assert_ne!(killed.code, Some(0));
    publish(&site, Some(&sshd), &["--yes"]).success();
    assert_eq!(published(&www, &[]), tree(&site.path("public")));
}

#[test]
fn a_host_key_that_does_not_match_is_refused_and_nothing_is_sent() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let site = site_publishing_to(&sshd.url("ssh", &www));
    sshd.trust_another_host_key();
    let run = publish(&site, Some(&sshd), &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("did not show the key this computer knows"),
        "{}",
        run.stderr
    );
    assert!(
        !www.exists(),
        "files were sent to a host whose key did not match"
    );
}

#[test]
fn an_unreachable_host_and_a_refused_key_are_said_plainly() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let closed = crate::sshd::free_port();
    let site = site_publishing_to(&format!(
        "ssh://{}@127.0.0.1:{closed}{}",
        sshd.user,
        www.display()
    ));
    let run = publish(&site, Some(&sshd), &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("Cannot reach 127.0.0.1"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help:"), "{}", run.stderr);

    let site = site_publishing_to(&sshd.url("ssh", &www));
    sshd.refuse_the_client_key();
    let run = publish(&site, Some(&sshd), &["--yes", "--lang", "fr"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("a refusé votre clé SSH"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ssh-copy-id"), "{}", run.stderr);
}

#[test]
fn a_folder_praxis_did_not_fill_is_refused_and_left_alone() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(www.join("index.php"), "<?php // her old site").unwrap();
    let site = site_publishing_to(&sshd.url("ssh", &www));
    let run = publish(&site, Some(&sshd), &["--yes", "--lang", "nl"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("bestanden die praxis er niet heeft gezet (index.php)"),
        "{}",
        run.stderr
    );
    assert_eq!(tree(&www).len(), 1);
}

#[test]
fn a_full_disk_on_the_host_leaves_the_old_site_whole() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let _disk = SmallDisk::mount(&www, "2m");
    let site = site_publishing_to(&sshd.url("ssh", &www));
    publish(&site, Some(&sshd), &["--yes"]).success();
    let old = published(&www, &[]);
    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over mij\"\n+++\nNieuw.\n",
    );
    site.write_bytes("static/big.bin", &vec![7u8; 3 * 1024 * 1024]);
    let run = publish(&site, Some(&sshd), &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("no room left"), "{}", run.stderr);
    let after: BTreeMap<_, _> = published(&www, &[])
        .into_iter()
        .filter(|(p, _)| !p.contains(".~tmp~"))
        .collect();
    assert_eq!(after, old);
}

// ---------------------------------------------------------------- what publish asks and checks

#[test]
fn without_a_terminal_publish_asks_for_yes_and_sends_nothing() {
    let target = tempfile::tempdir().unwrap();
    let www = target.path().join("www");
    let site = site_publishing_to(&www.display().to_string());
    let run = publish(&site, None, &["--lang", "en"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("add --yes"), "{}", run.stderr);
    assert!(!www.exists());
}

#[test]
fn a_url_other_than_base_url_is_refused_saying_what_to_change() {
    let target = tempfile::tempdir().unwrap();
    let site = site_publishing_to(&target.path().join("www").display().to_string());
    site.write(
        "site.toml",
        &format!("{}url = \"https://praktijk.be/\"\n", site.read("site.toml")),
    );
    let run = publish(&site, None, &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("https://praktijk.be/"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("make base_url in site.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_site_with_errors_is_not_published() {
    let target = tempfile::tempdir().unwrap();
    let www = target.path().join("www");
    let site = site_publishing_to(&www.display().to_string());
    site.write("content/over/nl.md", "+++\ntitle = \n+++\n");
    let run = publish(&site, None, &["--yes"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(!www.exists());
}

#[test]
fn publish_speaks_the_sites_language_unless_asked_another() {
    let target = tempfile::tempdir().unwrap();
    let site = site_publishing_to(&target.path().join("www").display().to_string());
    let run = publish(&site, None, &["--yes"]);
    run.success();
    assert!(run.stdout.contains("gepubliceerd"), "{}", run.stdout);
    site.write(
        "content/over/fr.md",
        "+++\ntitle = \"À propos\"\n+++\nAutre.\n",
    );
    let run = publish(&site, None, &["--yes", "--lang", "fr"]);
    run.success();
    assert!(
        run.stdout.contains("publiés") || run.stdout.contains("publié"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_target_site_toml_does_not_name_is_refused_with_the_names_it_has() {
    let target = tempfile::tempdir().unwrap();
    let site = site_publishing_to(&target.path().join("www").display().to_string());
    let run = publish(&site, None, &["elders", "--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("[publish.elders]") && run.stderr.contains("site"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_url_with_a_password_is_an_error_in_site_toml() {
    let site = site_publishing_to("ssh://marie:geheim@praktijk.be/srv/site");
    let run = publish(&site, None, &["--yes"]);
    run.failure();
    assert!(
        run.stderr.contains("site.toml") && run.stderr.contains("password"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------- a folder

#[test]
fn a_folder_gets_the_site_and_after_an_edit_only_what_changed() {
    let target = tempfile::tempdir().unwrap();
    let www = target.path().join("www");
    let site = site_publishing_to(&www.display().to_string());
    publish(&site, None, &["--yes"]).success();
    assert_eq!(tree(&www), tree(&site.path("public")));
    std::fs::write(www.join("google1234.html"), "verification").unwrap();
    let untouched_fr = inode(&www.join("fr/over/index.html"));
    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over mij\"\n+++\nAnders.\n",
    );
    site.remove("content/tarieven");
    publish(&site, None, &["--yes"]).success();
    assert_eq!(
        published(&www, &["google1234.html"]),
        tree(&site.path("public"))
    );
    assert!(!www.join("nl/tarieven").exists());
    assert_eq!(
        std::fs::read_to_string(www.join("google1234.html")).unwrap(),
        "verification"
    );
    assert_eq!(
        inode(&www.join("fr/over/index.html")),
        untouched_fr,
        "an unchanged page was copied again"
    );
}

#[test]
fn the_sites_own_folders_and_a_folder_of_someone_elses_are_refused() {
    let site = site_publishing_to("content/www");
    let run = publish(&site, None, &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let config = site
        .read("site.toml")
        .replace("to = \"content/www\"", "to = \"public\"");
    site.write("site.toml", &config);
    let run = publish(&site, None, &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("own build folder"), "{}", run.stderr);

    let target = tempfile::tempdir().unwrap();
    std::fs::write(target.path().join("thesis.docx"), "hers").unwrap();
    let site = site_publishing_to(&target.path().display().to_string());
    let run = publish(&site, None, &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("thesis.docx"), "{}", run.stderr);
    assert_eq!(tree(target.path()).len(), 1);
}

#[test]
fn a_full_disk_under_a_folder_leaves_the_old_site_whole() {
    let target = tempfile::tempdir().unwrap();
    let www = target.path().join("mnt");
    let _disk = SmallDisk::mount(&www, "2m");
    let site = site_publishing_to(&www.join("www").display().to_string());
    publish(&site, None, &["--yes"]).success();
    let old = tree(&www.join("www"));
    site.write_bytes("static/big.bin", &vec![7u8; 3 * 1024 * 1024]);
    let run = publish(&site, None, &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("no room left"), "{}", run.stderr);
    assert_eq!(tree(&www.join("www")), old);
}

// ---------------------------------------------------------------- SFTP

#[test]
fn over_sftp_the_site_goes_up_then_only_changes_and_removals() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let site = site_publishing_to(&sshd.url("sftp", &www));
    publish(&site, Some(&sshd), &["--yes"]).success();
    assert_eq!(published(&www, &[]), tree(&site.path("public")));
    std::fs::write(www.join("google1234.html"), "verification").unwrap();
    let untouched = inode(&www.join("fr/over/index.html"));
    let before = tree(&site.path("public"));
    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over mij\"\n+++\nAnders.\n",
    );
    site.remove("content/tarieven");
    let dry = publish(&site, Some(&sshd), &["--dry-run", "--lang", "en"]);
    dry.success();
    let after = tree(&site.path("public"));
    let sent: Vec<String> = differing(&before, &after)
        .into_iter()
        .filter(|p| after.contains_key(p))
        .collect();
    assert_eq!(listed_as_sent(&dry), sent, "{}", dry.stdout);
    publish(&site, Some(&sshd), &["--yes"]).success();
    assert_eq!(
        inode(&www.join("fr/over/index.html")),
        untouched,
        "an unchanged page was sent again"
    );
    assert_eq!(
        published(&www, &["google1234.html"]),
        tree(&site.path("public"))
    );
    assert!(
        !www.join("nl/tarieven").exists(),
        "the removed page's folder stayed"
    );
    assert_eq!(
        std::fs::read_to_string(www.join("google1234.html")).unwrap(),
        "verification"
    );
    assert!(tree(&www).keys().all(|p| !p.ends_with(".praxis-tmp")));
}

#[test]
fn an_sftp_publish_stopped_before_its_renames_leaves_the_old_site_and_the_next_completes() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let site = site_publishing_to(&sshd.url("sftp", &www));
    publish(&site, Some(&sshd), &["--yes"]).success();
    let old = published(&www, &[]);
    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over mij\"\n+++\nAnders.\n",
    );
    let killed = publish_with(
        &site,
        Some(&sshd),
        &["--yes"],
        &[("PRAXIS_FAULT_INJECTION", "publish-die-after-upload")],
    );
    assert_ne!(killed.code, Some(0));
    let visible: BTreeMap<_, _> = published(&www, &[])
        .into_iter()
        .filter(|(p, _)| !p.ends_with(".praxis-tmp"))
        .collect();
    assert_eq!(visible, old, "the host serves part of the new site");
    publish(&site, Some(&sshd), &["--yes"]).success();
    assert_eq!(published(&www, &[]), tree(&site.path("public")));
}

#[test]
fn an_sftp_folder_praxis_did_not_fill_is_refused() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(www.join("index.php"), "<?php").unwrap();
    let site = site_publishing_to(&sshd.url("sftp", &www));
    let run = publish(&site, Some(&sshd), &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("index.php"), "{}", run.stderr);
    assert_eq!(tree(&www).len(), 1);
}

// ---------------------------------------------------------------- git

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The files of `branch` in the bare repository `repo`, with their bytes.
fn branch_tree(repo: &Path, branch: &str) -> BTreeMap<String, Vec<u8>> {
    let checkout = tempfile::tempdir().unwrap();
    git(
        checkout.path(),
        &[
            "clone",
            "--quiet",
            "--branch",
            branch,
            &repo.display().to_string(),
            ".",
        ],
    );
    let mut files = tree(checkout.path());
    files.retain(|p, _| !p.starts_with(".git/"));
    files.remove(".praxis-published");
    files
}

#[test]
fn a_branch_gets_the_site_as_one_commit_per_publish_and_her_files_on_it_stay() {
    let repos = tempfile::tempdir().unwrap();
    let repo = repos.path().join("pages.git");
    git(repos.path(), &["init", "--quiet", "--bare", "pages.git"]);
    let site = site_publishing_to(&format!("git+file://{}#pages", repo.display()));
    publish(&site, None, &["--yes"]).success();
    assert_eq!(branch_tree(&repo, "pages"), tree(&site.path("public")));
    // She adds a CNAME file on the branch herself.
    let work = tempfile::tempdir().unwrap();
    git(
        work.path(),
        &[
            "clone",
            "--quiet",
            "--branch",
            "pages",
            &repo.display().to_string(),
            ".",
        ],
    );
    std::fs::write(work.path().join("CNAME"), "praktijk.be\n").unwrap();
    git(work.path(), &["add", "CNAME"]);
    git(
        work.path(),
        &[
            "-c",
            "user.name=M",
            "-c",
            "user.email=m@x",
            "commit",
            "--quiet",
            "-m",
            "CNAME",
        ],
    );
    git(work.path(), &["push", "--quiet", "origin", "pages"]);

    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over mij\"\n+++\nAnders.\n",
    );
    site.remove("content/tarieven");
    publish(&site, None, &["--yes"]).success();
    let mut expected = tree(&site.path("public"));
    expected.insert("CNAME".into(), b"praktijk.be\n".to_vec());
    assert_eq!(branch_tree(&repo, "pages"), expected);
    let commits = git(&repo, &["rev-list", "--count", "pages"]);
    assert_eq!(
        commits.trim(),
        "3",
        "one commit per publish, hers kept between"
    );
}

#[test]
fn a_git_publish_stopped_before_its_push_changed_nothing_and_the_next_completes() {
    let repos = tempfile::tempdir().unwrap();
    let repo = repos.path().join("pages.git");
    git(repos.path(), &["init", "--quiet", "--bare", "pages.git"]);
    let site = site_publishing_to(&format!("git+file://{}#pages", repo.display()));
    publish(&site, None, &["--yes"]).success();
    let tip = git(&repo, &["rev-parse", "pages"]);
    site.write(
        "content/over/nl.md",
        "+++\ntitle = \"Over mij\"\n+++\nAnders.\n",
    );
    let killed = publish_with(
        &site,
        None,
        &["--yes"],
        &[("PRAXIS_FAULT_INJECTION", "publish-die-after-sending")],
    );
    assert_ne!(killed.code, Some(0));
    assert_eq!(git(&repo, &["rev-parse", "pages"]), tip);
    publish(&site, None, &["--yes"]).success();
    assert_eq!(branch_tree(&repo, "pages"), tree(&site.path("public")));
}

#[test]
fn a_branch_praxis_did_not_fill_is_refused() {
    let repos = tempfile::tempdir().unwrap();
    let repo = repos.path().join("pages.git");
    git(repos.path(), &["init", "--quiet", "--bare", "pages.git"]);
    let work = tempfile::tempdir().unwrap();
    git(work.path(), &["init", "--quiet", "-b", "pages"]);
    std::fs::write(work.path().join("index.html"), "hers").unwrap();
    git(work.path(), &["add", "."]);
    git(
        work.path(),
        &[
            "-c",
            "user.name=M",
            "-c",
            "user.email=m@x",
            "commit",
            "--quiet",
            "-m",
            "hers",
        ],
    );
    git(
        work.path(),
        &["push", "--quiet", &repo.display().to_string(), "pages"],
    );
    let tip = git(&repo, &["rev-parse", "pages"]);
    let site = site_publishing_to(&format!("git+file://{}#pages", repo.display()));
    let run = publish(&site, None, &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("index.html"), "{}", run.stderr);
    assert_eq!(git(&repo, &["rev-parse", "pages"]), tip);
}

// ---------------------------------------------------------------- the endpoint

#[test]
fn the_endpoint_bundle_goes_to_its_server_its_database_untouched_and_the_after_command_runs() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let endpoint = host.path().join("srv/praxis-endpoint");
    let restarted = host.path().join("restarted");
    let site = TestSite::example();
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &format!(
            "{config}\n[publish.forms]\nto = \"{}\"\nendpoint = true\nafter = \"touch {}\"\n",
            sshd.url("ssh", &endpoint),
            restarted.display()
        ),
    );
    publish(&site, Some(&sshd), &["forms", "--yes"]).success();
    assert!(
        endpoint.join("site.toml").exists(),
        "{:?}",
        tree(&endpoint).keys()
    );
    assert!(restarted.exists(), "the after command did not run");
    std::fs::create_dir_all(endpoint.join("data")).unwrap();
    std::fs::write(endpoint.join("data/forms.sqlite"), "submissions").unwrap();
    site.write(
        "site.toml",
        &site
            .read("site.toml")
            .replace("[publish.forms]", "[extra]\nchanged = 1\n\n[publish.forms]"),
    );
    publish(&site, Some(&sshd), &["forms", "--yes"]).success();
    assert_eq!(
        std::fs::read_to_string(endpoint.join("data/forms.sqlite")).unwrap(),
        "submissions"
    );
    assert!(
        !endpoint.join("index.html").exists() && !endpoint.join("nl").exists(),
        "the site went to the endpoint's server"
    );
}

/// A tmpfs of `size` mounted at `dir`, unmounted when dropped: a disk that
/// fills up.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(dir: &Path, size: &str) -> SmallDisk {
        std::fs::create_dir_all(dir).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .expect("mount");
        assert!(
            status.success(),
            "cannot mount a small tmpfs at {} (the full-disk tests need root, as CI runs them)",
            dir.display()
        );
        SmallDisk(dir.to_path_buf())
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn check_says_where_each_target_goes_and_flags_a_url_that_is_not_base_url() {
    let site = site_publishing_to("ssh://marie@praktijk.be/srv/praktijk/public");
    let run = site.praxis(&["check"]);
    assert!(
        run.stderr.contains(
            "publish:\n  site → ssh://marie@praktijk.be/srv/praktijk/public (rsync over SSH)"
        ),
        "{}",
        run.stderr
    );
    site.write(
        "site.toml",
        &format!("{}url = \"https://praktijk.be/\"\n", site.read("site.toml")),
    );
    site.praxis(&["check"]).failure().error_at(
        "site.toml",
        &["[publish.site] url https://praktijk.be/ is not base_url"],
    );
    let json = site.praxis(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["publish"][0]["kind"], "rsync over SSH");
}

#[test]
fn a_record_on_the_host_naming_a_file_outside_the_target_removes_nothing() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let secret = host.path().join("secret.txt");
    std::fs::write(&secret, "not the site's").unwrap();
    let site = site_publishing_to(&sshd.url("sftp", &www));
    publish(&site, Some(&sshd), &["--yes"]).success();
    // Someone with access to the host rewrites the record, checksum and all.
    let mut record = praxis::output::Contents::default();
    for path in tree(&www).keys().filter(|p| *p != ".praxis-published") {
        record.files.insert(path.clone(), 1);
    }
    record.files.insert("../secret.txt".into(), 1);
    std::fs::write(www.join(".praxis-published"), record.text()).unwrap();
    let run = publish(&site, Some(&sshd), &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("is damaged"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "not the site's");
}

#[test]
fn on_a_terminal_publish_asks_and_only_a_yes_sends() {
    let target = tempfile::tempdir().unwrap();
    let www = target.path().join("www");
    let site = site_publishing_to(&www.display().to_string());
    // `script` gives praxis a terminal; the answer is typed into it.
    let on_a_terminal = |answer: &str| {
        let mut child = Command::new("script")
            .args(["-qec"])
            .arg(format!(
                "{} --root {} publish --lang nl",
                env!("CARGO_BIN_EXE_praxis"),
                site.root().display()
            ))
            .arg("/dev/null")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("script (util-linux)");
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(answer.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        drop(stdin);
        Run::from(output)
    };
    let declined = on_a_terminal("n\n");
    assert!(
        declined
            .stdout
            .contains("Deze wijzigingen publiceren? [j/N]"),
        "{}",
        declined.stdout
    );
    assert!(
        declined.stdout.contains("Er is niets gepubliceerd."),
        "{}",
        declined.stdout
    );
    assert!(!www.exists());
    let agreed = on_a_terminal("j\n");
    assert!(agreed.stdout.contains("gepubliceerd"), "{}", agreed.stdout);
    assert_eq!(tree(&www), tree(&site.path("public")));
}

// ---------------------------------------------------------------- from a review

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn what_is_sent_over_ssh_and_sftp_the_web_server_can_read() {
    let sshd = Sshd::start();
    for scheme in ["ssh", "sftp"] {
        let host = tempfile::tempdir().unwrap();
        let www = host.path().join("www");
        let site = site_publishing_to(&sshd.url(scheme, &www));
        publish(&site, Some(&sshd), &["--yes"]).success();
        assert_eq!(
            mode(&www.join("nl")) & 0o755,
            0o755,
            "{scheme}: a folder others cannot enter"
        );
        assert_eq!(
            mode(&www.join("nl/over/index.html")) & 0o644,
            0o644,
            "{scheme}: a page others cannot read"
        );
    }
}

#[test]
fn a_page_withdrawn_after_a_publish_cut_short_is_gone_from_the_host() {
    let sshd = Sshd::start();
    for scheme in ["ssh", "sftp"] {
        let host = tempfile::tempdir().unwrap();
        let www = host.path().join("www");
        let site = site_publishing_to(&sshd.url(scheme, &www));
        publish(&site, Some(&sshd), &["--yes"]).success();
        site.write(
            "content/nieuw/nl.md",
            "+++\ntitle = \"Nieuw\"\n+++\nNog niet klaar.\n",
        );
        let fault = if scheme == "ssh" {
            "publish-die-after-sending"
        } else {
            "publish-die-after-upload"
        };
        let cut = publish_with(
            &site,
            Some(&sshd),
            &["--yes"],
            &[("PRAXIS_FAULT_INJECTION", fault)],
        );
        assert_ne!(cut.code, Some(0));
        // She withdraws the page in a hurry, and publishes.
        site.remove("content/nieuw");
        publish(&site, Some(&sshd), &["--yes"]).success();
        assert!(
            !www.join("nl/nieuw").exists(),
            "{scheme}: the withdrawn page is still online"
        );
        assert_eq!(published(&www, &[]), tree(&site.path("public")), "{scheme}");
        let again = publish(&site, Some(&sshd), &["--yes", "--lang", "en"]);
        assert!(
            again.stdout.contains("already up to date"),
            "{scheme}: {}",
            again.stdout
        );
    }
}

#[test]
fn a_first_publish_killed_midway_is_finished_by_the_next() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let mut site = site_publishing_to(&sshd.url("ssh", &www));
    for i in 0..40 {
        site = site.file(
            &format!("content/a{i}/nl.md"),
            &format!("+++\ntitle = \"A{i}\"\n+++\nTekst {i}.\n"),
        );
    }
    let killed = publish_with(
        &site,
        Some(&sshd),
        &["--yes"],
        &[("PRAXIS_FAULT_INJECTION", "publish-killed-while-sending")],
    );
    assert_eq!(killed.code, None, "{}", killed.stderr);
    publish(&site, Some(&sshd), &["--yes"]).success();
    assert_eq!(published(&www, &[]), tree(&site.path("public")));
}

#[test]
fn a_file_of_hers_where_the_new_site_writes_is_refused_not_replaced() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let site = site_publishing_to(&sshd.url("ssh", &www));
    publish(&site, Some(&sshd), &["--yes"]).success();
    // Her file where a new page needs a folder, and one where it writes.
    std::fs::write(www.join("nl/praktisch"), "hers").unwrap();
    std::fs::create_dir_all(www.join("fr/pratique")).unwrap();
    std::fs::write(www.join("fr/pratique/index.html"), "hers too").unwrap();
    site.write(
        "content/praktisch/nl.md",
        "+++\ntitle = \"Praktisch\"\n+++\nAdres.\n",
    );
    site.write(
        "content/praktisch/fr.md",
        "+++\ntitle = \"Pratique\"\nslug = \"pratique\"\n+++\nAdresse.\n",
    );
    let run = publish(&site, Some(&sshd), &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("would write over files of yours"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("fr/pratique/index.html")
            && run.stderr.contains("nl/praktisch/index.html"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(www.join("nl/praktisch")).unwrap(),
        "hers"
    );
    assert_eq!(
        std::fs::read_to_string(www.join("fr/pratique/index.html")).unwrap(),
        "hers too"
    );
}

#[test]
fn files_with_wildcards_in_their_names_go_up_and_away_over_sftp() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let site = site_publishing_to(&sshd.url("sftp", &www))
        .file("static/br[ack]et.txt", "b")
        .file("static/star*.txt", "s")
        .file("static/café au lait.txt", "c");
    publish(&site, Some(&sshd), &["--yes"]).success();
    std::fs::write(www.join("starX.txt"), "hers").unwrap();
    assert_eq!(
        std::fs::read_to_string(www.join("br[ack]et.txt")).unwrap(),
        "b"
    );
    assert_eq!(std::fs::read_to_string(www.join("star*.txt")).unwrap(), "s");
    site.remove("static/star*.txt");
    site.remove("static/br[ack]et.txt");
    publish(&site, Some(&sshd), &["--yes"]).success();
    assert!(!www.join("star*.txt").exists() && !www.join("br[ack]et.txt").exists());
    assert_eq!(
        std::fs::read_to_string(www.join("starX.txt")).unwrap(),
        "hers"
    );
    assert_eq!(
        std::fs::read_to_string(www.join("café au lait.txt")).unwrap(),
        "c"
    );
}

#[test]
fn over_sftp_nothing_is_removed_through_a_link_on_the_host() {
    let sshd = Sshd::start();
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let outside = host.path().join("outside");
    let site =
        site_publishing_to(&sshd.url("sftp", &www)).file("static/gedeeld/brief.txt", "praxis");
    publish(&site, Some(&sshd), &["--yes"]).success();
    // Someone replaces the folder on the host by a link to another one.
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("brief.txt"), "not the site's").unwrap();
    std::fs::remove_dir_all(www.join("gedeeld")).unwrap();
    std::os::unix::fs::symlink(&outside, www.join("gedeeld")).unwrap();
    site.remove("static/gedeeld");
    publish(&site, Some(&sshd), &["--yes"]).success();
    assert_eq!(
        std::fs::read_to_string(outside.join("brief.txt")).unwrap(),
        "not the site's"
    );
}

#[test]
fn a_git_target_publishes_from_inside_the_site_folder_without_root() {
    let repos = tempfile::tempdir().unwrap();
    let repo = repos.path().join("pages.git");
    git(repos.path(), &["init", "--quiet", "--bare", "pages.git"]);
    let site = site_publishing_to(&format!("git+file://{}#pages", repo.display()));
    let run = Command::new(env!("CARGO_BIN_EXE_praxis"))
        .args(["publish", "--yes"])
        .current_dir(site.root())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run::from(run).success();
    assert_eq!(branch_tree(&repo, "pages"), tree(&site.path("public")));
}

#[test]
fn an_address_written_as_a_folder_and_a_folder_inside_the_site_are_refused() {
    let site = site_publishing_to("git@codeberg.org:marie/pages.git#pages");
    site.praxis(&["check"]).failure().error_at(
        "site.toml",
        &["looks like an address", "git+ssh://git@host/owner/repo.git"],
    );
    assert!(!site.exists("git@codeberg.org:marie"));
    let site = site_publishing_to("www");
    let run = publish(&site, None, &["--yes", "--lang", "en"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("inside the site's own folder"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("www"));
}

#[test]
fn publish_refuses_a_language_it_does_not_speak() {
    let target = tempfile::tempdir().unwrap();
    let site = site_publishing_to(&target.path().join("www").display().to_string());
    let run = publish(&site, None, &["--yes", "--lang", "de"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("--lang en"), "{}", run.stderr);
}
