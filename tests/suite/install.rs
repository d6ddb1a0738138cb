//! Installing praxis without Rust, from the release artefacts that
//! `scripts/release.sh` builds into target/distrib/: dist's archive and
//! shell installer, downloaded from an HTTP server on this machine as they
//! would be from a release, and the Debian package, installed and removed
//! with dpkg.
//!
//! The artefacts are a release build (minutes): the first test that needs
//! them runs `scripts/release.sh --if-stale`, which builds them only when
//! something they are made from changed since they were last built
//! (scripts/test.sh builds them before the suite runs). A tool these tests
//! need that is missing — dist, cargo-deb, dpkg, root, systemd-analyze —
//! fails them; none is skipped.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex, OnceLock};

use crate::forms::{FORM, contact};
use crate::forms_proxy::ORIGIN;
use crate::server::Server;
use crate::support::{REPO, TestSite, copy_tree};

const TARGET: &str = "x86_64-unknown-linux-gnu";

/// The archive dist makes for this machine.
const ARCHIVE: &str = "praxis-x86_64-unknown-linux-gnu.tar.xz";

/// A PATH with the system's programs only: no ~/.cargo/bin, so no cargo.
const SYSTEM_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// What `scripts/release.sh` built.
struct Artefacts {
    dir: PathBuf,
    /// What the packaged binary says to `--version`, recorded as it was built.
    version: String,
}

fn artefacts() -> &'static Artefacts {
    static ARTEFACTS: OnceLock<Artefacts> = OnceLock::new();
    ARTEFACTS.get_or_init(|| {
        // Its progress goes to the terminal: a build can take minutes.
        let status = Command::new(Path::new(REPO).join("scripts/release.sh"))
            .arg("--if-stale")
            .status()
            .expect("run scripts/release.sh");
        assert!(
            status.success(),
            "scripts/release.sh failed: these tests install what it builds"
        );
        let dir = Path::new(REPO).join("target/distrib");
        let stamp = std::fs::read_to_string(dir.join("praxis-release.stamp")).unwrap();
        let version = stamp
            .lines()
            .find_map(|l| l.strip_prefix("version="))
            .expect("the stamp records the version")
            .to_owned();
        Artefacts { dir, version }
    })
}

/// A folder served over HTTP on 127.0.0.1, as a release's downloads are;
/// it remembers the paths asked for.
struct Downloads {
    url: String,
    asked: Arc<Mutex<Vec<String>>>,
}

impl Downloads {
    fn serve(dir: &Path) -> Downloads {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let asked = Arc::new(Mutex::new(Vec::new()));
        let (dir, log) = (dir.to_owned(), asked.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                answer(stream, &dir, &log);
            }
        });
        Downloads { url, asked }
    }

    fn asked(&self) -> Vec<String> {
        self.asked.lock().unwrap().clone()
    }
}

/// One GET: a file of the folder (no subfolders), or 404.
fn answer(mut stream: TcpStream, dir: &Path, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = request.split(' ').nth(1).unwrap_or("/").to_owned();
    log.lock().unwrap().push(path.clone());
    let name = path.trim_start_matches('/');
    let file = (!name.contains('/') && !name.starts_with('.'))
        .then(|| std::fs::read(dir.join(name)).ok())
        .flatten();
    let _ = match file {
        Some(bytes) => stream
            .write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    bytes.len()
                )
                .as_bytes(),
            )
            .and_then(|()| stream.write_all(&bytes)),
        None => stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    };
}

/// `sh -c SCRIPT` as a practitioner's fresh account runs it: nothing in the
/// environment but an empty HOME, the system's PATH (no cargo), and the
/// installer's download address pointed at `downloads` (the variable dist's
/// installers read, named in the README).
fn fresh_shell(home: &Path, downloads: &Downloads, script: &str) -> Output {
    Command::new("sh")
        .args(["-c", script])
        .env_clear()
        .env("HOME", home)
        .env("PATH", SYSTEM_PATH)
        .env("PRAXIS_DOWNLOAD_URL", &downloads.url)
        .current_dir(home)
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "status {:?}\n{}\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The README's one line, with the test's address instead of the release's.
fn curl_pipe_sh(downloads: &Downloads) -> String {
    format!("curl -LsSf {}/praxis-installer.sh | sh", downloads.url)
}

#[test]
fn the_installer_puts_a_working_praxis_in_an_empty_home_without_rust() {
    let artefacts = artefacts();
    let downloads = Downloads::serve(&artefacts.dir);
    let home = TestSite::empty();
    let no_rust = fresh_shell(
        home.root(),
        &downloads,
        "command -v cargo || command -v rustc",
    );
    assert!(
        !no_rust.status.success(),
        "cargo is on PATH: {}",
        text(&no_rust)
    );

    let installed = fresh_shell(home.root(), &downloads, &curl_pipe_sh(&downloads));
    assert!(installed.status.success(), "{}", text(&installed));
    assert_eq!(
        downloads.asked(),
        ["/praxis-installer.sh", &format!("/{ARCHIVE}")],
        "the installer and the archive, from the download address"
    );
    let binary = home.path(".local/bin/praxis");
    assert!(binary.is_file(), "{}", text(&installed));

    // A new login shell finds it: the installer put ~/.local/bin on PATH.
    let version = fresh_shell(home.root(), &downloads, "exec sh -lc 'praxis --version'");
    assert!(version.status.success(), "{}", text(&version));
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        artefacts.version,
        "the version and commit the archive was built from"
    );
    assert!(
        artefacts
            .version
            .starts_with(&format!("praxis {} (commit ", env!("CARGO_PKG_VERSION"))),
        "{}",
        artefacts.version
    );

    let site = fresh_shell(
        home.root(),
        &downloads,
        "exec sh -lc 'praxis init praktijk && praxis --root praktijk build'",
    );
    assert!(site.status.success(), "{}", text(&site));
    let page = std::fs::read_to_string(home.path("praktijk/public/nl/index.html")).unwrap();
    assert!(page.contains("<html lang=\"nl\""), "{page}");
    assert!(home.exists("praktijk/public/fr/index.html"));
}

#[test]
fn a_tampered_archive_is_refused_by_its_checksum() {
    let artefacts = artefacts();
    let release = TestSite::empty();
    for file in ["praxis-installer.sh", ARCHIVE, &format!("{ARCHIVE}.sha256")] {
        std::fs::copy(artefacts.dir.join(file), release.path(file)).unwrap();
    }
    let sha256sum_check = || {
        Command::new("sha256sum")
            .args(["--check", &format!("{ARCHIVE}.sha256")])
            .current_dir(release.root())
            .output()
            .unwrap()
    };
    let intact = sha256sum_check();
    assert!(intact.status.success(), "{}", text(&intact));

    // One byte changed in the middle, as a corrupted or substituted
    // download would be.
    let mut bytes = std::fs::read(release.path(ARCHIVE)).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    release.write_bytes(ARCHIVE, &bytes);
    let tampered = sha256sum_check();
    assert!(!tampered.status.success(), "{}", text(&tampered));

    let downloads = Downloads::serve(release.root());
    let home = TestSite::empty();
    let refused = fresh_shell(home.root(), &downloads, &curl_pipe_sh(&downloads));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("checksum mismatch"),
        "{}",
        text(&refused)
    );
    assert!(
        downloads.asked().contains(&format!("/{ARCHIVE}")),
        "the archive was downloaded"
    );
    assert!(
        !home.exists(".local/bin/praxis"),
        "nothing installed: {:?}",
        home.files()
    );
    // A pipe into sh ends with sh's status; the installer's own says no.
    let direct = fresh_shell(
        home.root(),
        &downloads,
        &format!(
            "curl -LsSf {}/praxis-installer.sh -o i.sh && sh i.sh",
            downloads.url
        ),
    );
    assert!(!direct.status.success(), "{}", text(&direct));
}

/// `--version` names the commit HEAD is at: build.rs runs again whenever
/// HEAD moves, so the binary cargo just built is of this commit.
#[test]
fn the_version_names_the_commit_praxis_was_built_from() {
    let head = Command::new("git")
        .args(["log", "-1", "--format=%h %cs", "--abbrev=12", "HEAD"])
        .current_dir(REPO)
        .output()
        .expect("git is not installed");
    let head = String::from_utf8_lossy(&head.stdout);
    let version = TestSite::empty().praxis(&["--version"]);
    version.success();
    assert_eq!(
        version.stdout.trim(),
        format!(
            "praxis {} (commit {})",
            env!("CARGO_PKG_VERSION"),
            head.trim()
        )
    );
}

#[test]
fn completions_are_printed_for_each_shell() {
    for (shell, says) in [
        ("bash", "complete -F _praxis"),
        ("zsh", "#compdef praxis"),
        ("fish", "complete -c praxis"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[praxis]"),
    ] {
        let printed = TestSite::empty().praxis(&["completions", shell]);
        printed.success();
        assert!(printed.stdout.contains(says), "{shell}: {}", printed.stdout);
        assert!(
            printed.stdout.contains("endpoint-bundle"),
            "{shell}: every option"
        );
    }
    let unknown = TestSite::empty().praxis(&["completions", "tcsh"]);
    assert_eq!(unknown.code, Some(2), "{}", unknown.stderr);
}

/// The archive names and checksums dist plans for every platform, and the
/// installers: what the release workflow will publish.
#[test]
fn dist_plans_an_archive_and_checksum_for_every_platform_and_the_installers() {
    let plan = dist_plan();
    let artifacts = plan["artifacts"].as_object().expect("artifacts");
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
    ] {
        let archive = format!("praxis-{target}.tar.xz");
        assert!(artifacts.contains_key(&archive), "{archive}");
        assert!(artifacts.contains_key(&format!("{archive}.sha256")));
    }
    assert!(artifacts.contains_key("praxis-x86_64-pc-windows-msvc.zip"));
    assert!(artifacts.contains_key("praxis-x86_64-pc-windows-msvc.zip.sha256"));
    for installer in ["praxis-installer.sh", "praxis-installer.ps1", "praxis.rb"] {
        assert!(artifacts.contains_key(installer), "{installer}");
    }
}

/// `cargo binstall praxis` finds each archive where dist puts it, and the
/// binary inside where it is (looked at in the archive built here).
#[test]
fn binstall_metadata_names_the_archives_dist_makes() {
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(Path::new(REPO).join("Cargo.toml")).unwrap())
            .unwrap();
    let package = &manifest["package"];
    let binstall = &package["metadata"]["binstall"];
    let repo = package["repository"].as_str().unwrap();
    let version = package["version"].as_str().unwrap();
    let plan = dist_plan();
    let artifacts = plan["artifacts"].as_object().unwrap();
    let archives = artifacts
        .iter()
        .filter(|(_, a)| a["kind"] == "executable-zip")
        .collect::<Vec<_>>();
    assert_eq!(archives.len(), 5);
    for (name, archive) in archives {
        let target = archive["target_triples"][0].as_str().unwrap();
        let windows = target.contains("windows");
        let setting = |key: &str| {
            binstall["overrides"]
                .get(target)
                .and_then(|o| o.get(key))
                .unwrap_or(&binstall[key])
                .as_str()
                .unwrap()
                .to_owned()
        };
        let fill = |template: String| {
            template
                .replace("{ repo }", repo)
                .replace("{ version }", version)
                .replace("{ name }", "praxis")
                .replace("{ target }", target)
                .replace(
                    "{ archive-suffix }",
                    if windows { ".zip" } else { ".tar.xz" },
                )
                .replace("{ bin }", "praxis")
                .replace("{ binary-ext }", if windows { ".exe" } else { "" })
        };
        assert_eq!(
            fill(setting("pkg-url")),
            format!("{repo}/releases/download/v{version}/{name}")
        );
        assert_eq!(setting("pkg-fmt"), if windows { "zip" } else { "txz" });
        let bin = fill(setting("bin-dir"));
        if target == TARGET {
            let listed = Command::new("tar")
                .args(["-tJf", &format!("{}/{ARCHIVE}", artefacts().dir.display())])
                .output()
                .unwrap();
            let listed = String::from_utf8_lossy(&listed.stdout);
            assert!(listed.lines().any(|l| l == bin), "{bin} in {listed}");
        } else if windows {
            assert_eq!(bin, "praxis.exe", "dist's zips have no folder");
        }
    }
}

fn dist_plan() -> serde_json::Value {
    let plan = Command::new("dist")
        .args(["plan", "--output-format=json"])
        .current_dir(REPO)
        .output()
        .expect("dist is not installed (scripts/test.sh installs it)");
    assert!(plan.status.success(), "dist plan failed: {}", text(&plan));
    serde_json::from_slice(&plan.stdout).unwrap()
}

const PACKAGED: &[&str] = &[
    "/usr/bin/praxis",
    "/usr/share/man/man1/praxis.1.gz",
    "/usr/share/man/man1/praxis-build.1.gz",
    "/usr/share/man/man1/praxis-forms-serve.1.gz",
    "/usr/share/man/man1/praxis-completions.1.gz",
    "/usr/share/bash-completion/completions/praxis",
    "/usr/share/zsh/vendor-completions/_praxis",
    "/usr/share/fish/vendor_completions.d/praxis.fish",
    "/usr/lib/systemd/system/praxis-forms.service",
    "/usr/lib/sysusers.d/praxis.conf",
    "/usr/lib/tmpfiles.d/praxis-forms.conf",
];

const UNIT: &str = "/usr/lib/systemd/system/praxis-forms.service";
const STATE: &str = "/var/lib/praxis-forms";

/// Marks the endpoint's folder as this test's, not a real installation's.
const MARK: &str = "made-by-praxis-install-test";

#[test]
fn the_debian_package_installs_the_command_its_manuals_completions_and_unit_and_removes_them() {
    let artefacts = artefacts();
    assert_eq!(
        run("id", &["-u"]).stdout.trim(),
        "0",
        "installing a .deb needs root (CI runs the suite as root)"
    );
    // The test replaces praxis's package, user and folder: never those of a
    // real installation.
    assert!(
        !dpkg(&["--status", "praxis"])
            .stdout
            .contains("Status: install ok installed")
            || Path::new(STATE).join(MARK).exists(),
        "praxis's Debian package is installed here: this test would replace it (run it in a throwaway machine or container)"
    );
    assert!(
        !Path::new(STATE).exists() || Path::new(STATE).join(MARK).exists(),
        "{STATE} holds a real endpoint: this test would remove it"
    );
    let deb = std::fs::read_dir(&artefacts.dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .expect("scripts/release.sh made a .deb");
    // Whatever an earlier run that died left.
    dpkg(&["--purge", "praxis"]);
    forget_the_service_user();

    dpkg(&["--install", deb.to_str().unwrap()]).success();
    for file in PACKAGED {
        assert!(Path::new(file).is_file(), "{file} installed");
    }
    let version = run("/usr/bin/praxis", &["--version"]);
    assert_eq!(version.stdout.trim(), artefacts.version);
    let manual = run(
        "sh",
        &["-c", "zcat /usr/share/man/man1/praxis-forms-serve.1.gz"],
    );
    assert!(
        manual.stdout.contains(".TH praxis-forms-serve 1"),
        "{}",
        manual.stdout
    );
    assert!(manual.stdout.contains("\\-\\-bundle"), "{}", manual.stdout);
    for (shell, file) in [
        ("bash", "/usr/share/bash-completion/completions/praxis"),
        ("zsh", "/usr/share/zsh/vendor-completions/_praxis"),
        ("fish", "/usr/share/fish/vendor_completions.d/praxis.fish"),
    ] {
        let printed = run("/usr/bin/praxis", &["completions", shell]);
        assert_eq!(
            std::fs::read_to_string(file).unwrap(),
            printed.stdout,
            "{file} is what `praxis completions {shell}` prints"
        );
    }
    assert!(
        run("getent", &["passwd", "praxis-forms"])
            .stdout
            .contains(":/var/lib/praxis-forms:"),
        "the endpoint's own user, made when the package was configured"
    );
    verify_the_unit();
    the_unit_runs_the_endpoint_as_its_user();

    dpkg(&["--remove", "praxis"]).success();
    for file in PACKAGED {
        assert!(!Path::new(file).exists(), "{file} removed");
    }
    dpkg(&["--purge", "praxis"]).success();
    let status = dpkg(&["--status", "praxis"]);
    assert_ne!(status.code, Some(0), "purged: {}", status.stdout);
    // The submissions are never removed with the package.
    assert!(Path::new(STATE).join("data/forms.sqlite").is_file());
    forget_the_service_user();
}

/// `systemd-analyze verify`, which reads the unit as systemd would and
/// checks that what it runs exists.
fn verify_the_unit() {
    let verified = Command::new("systemd-analyze")
        .args(["verify", UNIT])
        .output()
        .expect("systemd-analyze is not installed (scripts/test.sh installs Debian's systemd)");
    let said = text(&verified);
    assert!(verified.status.success(), "{said}");
    assert!(!said.contains("praxis-forms.service:"), "warnings: {said}");
    let unit = std::fs::read_to_string(UNIT).unwrap();
    for line in [
        "User=praxis-forms",
        "StateDirectory=praxis-forms",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "PrivateTmp=yes",
        "Restart=on-failure",
    ] {
        assert!(unit.lines().any(|l| l == line), "{line} in the unit");
    }
}

/// What systemd does, done by hand (no systemd runs in the test's
/// container): the folder made from the package's tmpfiles.d, a bundle
/// published into it, and the unit's ExecStart run as its user — which
/// must be able to keep a submission there.
fn the_unit_runs_the_endpoint_as_its_user() {
    run("systemd-tmpfiles", &["--create", "praxis-forms.conf"]);
    let state = run("stat", &["-c", "%U:%G %a", STATE]);
    assert_eq!(state.stdout.trim(), "praxis-forms:praxis-forms 2770");
    std::fs::write(Path::new(STATE).join(MARK), "").unwrap();

    let site = TestSite::example();
    let bundle = site.path("endpoint");
    run(
        "/usr/bin/praxis",
        &[
            "--root",
            site.root().to_str().unwrap(),
            "build",
            "--endpoint-bundle",
            bundle.to_str().unwrap(),
        ],
    );
    copy_tree(&bundle, Path::new(STATE));

    let unit = std::fs::read_to_string(UNIT).unwrap();
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .unwrap();
    let mut command = Command::new("setpriv");
    command
        .args([
            "--reuid=praxis-forms",
            "--regid=praxis-forms",
            "--init-groups",
        ])
        .args(exec.split_whitespace())
        .args(["--port", "0"])
        .current_dir(STATE);
    let endpoint = Server::spawn(&mut command, "answering forms at http://");
    let sent = endpoint.post(
        "/forms/contact",
        &[("Origin", ORIGIN), ("Content-Type", FORM)],
        contact("nl", "Goedendag").as_bytes(),
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
    drop(endpoint);
    let stored = run("stat", &["-c", "%U", &format!("{STATE}/data/forms.sqlite")]);
    assert_eq!(stored.stdout.trim(), "praxis-forms");
}

/// Removes the user, its group and its folder, which the package leaves
/// (it never deletes submissions).
fn forget_the_service_user() {
    let _ = std::fs::remove_dir_all(STATE);
    for (program, name) in [("userdel", "praxis-forms"), ("groupdel", "praxis-forms")] {
        let _ = Command::new(program).arg(name).output();
    }
}

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Ran {
    #[track_caller]
    fn success(&self) -> &Ran {
        assert_eq!(self.code, Some(0), "{}\n{}", self.stdout, self.stderr);
        self
    }
}

#[track_caller]
fn run(program: &str, args: &[&str]) -> Ran {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is not installed: {e}"));
    let ran = Ran {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    ran.success();
    ran
}

/// dpkg, waiting while another dpkg or apt holds its lock (the machine is
/// shared).
fn dpkg(args: &[&str]) -> Ran {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    loop {
        let output = Command::new("dpkg")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .output()
            .expect("dpkg is not installed");
        let ran = Ran {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        if !ran.stderr.contains("lock") || std::time::Instant::now() > deadline {
            return ran;
        }
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
}
