#!/usr/bin/env bash
# Runs praxis's whole test suite on a fresh machine: installs what the tests
# need beyond cargo, then runs them. README.md and .ci/run both call this.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
    echo "error: cargo is not installed; install Rust from https://rustup.rs" >&2
    exit 1
fi

cargo test --locked --all-targets "$@"
