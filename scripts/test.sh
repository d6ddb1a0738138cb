#!/usr/bin/env bash
# Runs praxis's whole test suite on a fresh machine: installs what the tests
# need beyond cargo, then runs them. README.md and .ci/run both call this.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
    echo "error: cargo is not installed; install Rust from https://rustup.rs" >&2
    exit 1
fi

# A real SMTP server for the notification tests.
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    echo "installing aiosmtpd (a real SMTP server for the form-notification tests)…"
    python3 -m pip install --quiet --disable-pip-version-check aiosmtpd \
        || { echo "error: cannot install aiosmtpd with pip; the notification tests need it" >&2; exit 1; }
fi

cargo test --locked --all-targets "$@"
