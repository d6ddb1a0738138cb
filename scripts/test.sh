#!/usr/bin/env bash
# Runs praxis's whole test suite on a fresh machine: installs what the tests
# need beyond cargo, then runs them all. README.md and .ci/run call this.
#
#   1. cargo's tests (tests/suite, unit tests), with a real SMTP server
#      (aiosmtpd, from PyPI) for the form-notification tests;
#      Debian's nginx running the README's configuration in front of
#      the form endpoint; and Debian's sshd, rsync, sftp and git, which
#      `praxis publish` sends the site through;
#      then the unit tests and tests/suite/features.rs again, in a praxis
#      built with --no-default-features;
#   2. the browser tests (tests/browser): Debian's Chromium driven by
#      Playwright, axe-core, and the Nu HTML Checker (vnu-jar, on Java).
#
# Before them it builds the release artefacts (scripts/release.sh, with dist
# and cargo-deb: a release build, once), which tests/suite/install.rs
# installs as a practitioner would, and dpkg installs and removes.
#
# Nothing is skipped: a tool that cannot be installed fails the run, loudly.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "error: $*" >&2; exit 1; }

command -v cargo >/dev/null 2>&1 || fail "cargo is not installed; install Rust from https://rustup.rs"

if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    echo "installing aiosmtpd (a real SMTP server for the form-notification tests)…"
    python3 -m pip install --quiet --disable-pip-version-check aiosmtpd \
        || fail "cannot install aiosmtpd with pip; the notification tests need it"
fi

apt_install() {
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq || fail "apt-get update failed; cannot install $*"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null || fail "cannot install $* with apt-get"
}
if [ ! -x /usr/bin/chromium ]; then
    echo "installing Debian's Chromium for the browser tests…"
    apt_install chromium
fi
if [ ! -x /usr/sbin/nginx ]; then
    echo "installing Debian's nginx (the README's configuration is tested with it)…"
    apt_install nginx
fi
if [ ! -x /usr/sbin/sshd ] || ! command -v rsync >/dev/null 2>&1 || ! command -v sftp >/dev/null 2>&1; then
    echo "installing Debian's OpenSSH server and rsync (praxis publish is tested against them)…"
    apt_install openssh-server openssh-client rsync
fi
command -v git >/dev/null 2>&1 || apt_install git
if ! command -v java >/dev/null 2>&1; then
    echo "installing Java for the Nu HTML Checker…"
    apt_install default-jre-headless
fi
command -v node >/dev/null 2>&1 || apt_install nodejs npm
(cd tests/browser && npm ci --no-audit --no-fund --silent) || fail "cannot install the browser tests' npm packages"

# The release artefacts and what installs them (tests/suite/install.rs):
# dist and cargo-deb at the versions the release workflow uses; curl and xz
# for dist's shell installer; systemd-analyze, systemd-tmpfiles and
# systemd-sysusers for the package's unit, folder and user.
dist_version=$(sed -n 's/^cargo-dist-version = "\(.*\)"/\1/p' dist-workspace.toml)
if [ "$(dist -V 2>/dev/null)" != "cargo-dist $dist_version" ]; then
    echo "installing dist $dist_version (the release archives and installers; a few minutes)…"
    cargo install --locked --quiet cargo-dist --version "$dist_version" \
        || fail "cannot install dist $dist_version with cargo"
fi
if [ "$(cargo deb --version 2>/dev/null)" != "cargo-deb 3.8.0" ]; then
    echo "installing cargo-deb (the Debian package)…"
    cargo install --locked --quiet cargo-deb --version 3.8.0 || fail "cannot install cargo-deb with cargo"
fi
if ! command -v curl >/dev/null 2>&1 || ! command -v xz >/dev/null 2>&1; then
    apt_install curl xz-utils
fi
command -v systemd-analyze >/dev/null 2>&1 || apt_install systemd
./scripts/release.sh --if-stale || fail "cannot build the release artefacts the install tests need"

cargo test --locked --all-targets "$@"

# A praxis built without its optional features (the preview server, search,
# image encoding: `cargo build --no-default-features`) is a whole generator
# too: its unit tests, and the suite's tests of what it lacks, each a
# located error naming the feature (tests/suite/features.rs). The crates
# are those already built; only praxis itself is compiled again.
echo "a praxis without its optional features…"
cargo test --locked --no-default-features --lib
cargo test --locked --no-default-features --test suite features::

cargo build --locked --quiet
echo "browser tests (Chromium, axe-core, Nu HTML Checker)…"
(cd tests/browser && PRAXIS_BIN="$PWD/../../target/debug/praxis" node --test --test-concurrency=1)
