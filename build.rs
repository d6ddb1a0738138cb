//! Tells `praxis --version` the commit it is built from.
//!
//! Whoever reports a problem with a binary from a release archive, the
//! installer or the Debian package can then say exactly which source made
//! it. The script asks git once (a few milliseconds) and runs again only
//! when HEAD moves: it watches HEAD and the branch it points to, never the
//! source files, so an edit does not run it. Outside a git checkout of
//! praxis itself (a crates.io download, a source archive) the commit is
//! "unknown", never the commit of some repository around it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let commit = commit().unwrap_or_else(|| "unknown".to_owned());
    println!("cargo::rustc-env=PRAXIS_COMMIT={commit}");
}

/// The commit HEAD names, abbreviated, with its date (`9c1cefa1b2c3
/// 2026-12-07`), when this crate is the top of a git checkout.
fn commit() -> Option<String> {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    let top = git(&manifest_dir, &["rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != manifest_dir.canonicalize().ok()? {
        return None;
    }
    // HEAD, the branch it names and the packed refs: what a commit, a
    // checkout or a `git gc` changes. In a worktree they live apart, which
    // --git-path resolves. Only files that exist are watched: cargo runs a
    // script watching a missing file every time.
    let mut watched = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    if let Some(branch) = git(&manifest_dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(branch);
    }
    for name in watched {
        if let Some(path) = git(&manifest_dir, &["rev-parse", "--git-path", &name]) {
            let path = manifest_dir.join(path);
            if path.exists() {
                println!("cargo::rerun-if-changed={}", path.display());
            }
        }
    }
    git(
        &manifest_dir,
        &["log", "-1", "--format=%h %cs", "--abbrev=12", "HEAD"],
    )
}

/// One line of git's output, or nothing if git is absent or says no.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let line = text.trim();
    (output.status.success() && !line.is_empty()).then(|| line.to_owned())
}
