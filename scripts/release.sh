#!/usr/bin/env bash
# Builds into target/distrib/ the release artefacts this machine can make,
# as the release workflow (.github/workflows/release.yml) makes them:
#
#   praxis-x86_64-unknown-linux-gnu.tar.xz   the binary (profile dist: stripped)
#     and its .sha256                         and README, by dist
#   praxis-installer.sh, praxis-installer.ps1, praxis.rb
#                                            the installers and the Homebrew
#                                            formula, by dist, with the archive's
#                                            checksum written in
#   praxis_VERSION-1_amd64.deb               the same binary, its man pages and
#                                            completions and praxis-forms.service,
#                                            by cargo-deb
#
# The other platforms' archives are built on their own runners by the
# release workflow. tests/suite/install.rs installs from what this makes.
#
#   scripts/release.sh              build them
#   scripts/release.sh --if-stale   build them only if anything they are made
#                                   from changed since they were last built
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "error: $*" >&2; exit 1; }

target=x86_64-unknown-linux-gnu
distrib=target/distrib
stamp=$distrib/praxis-release.stamp
binary=target/$target/dist/praxis
assets=target/assets

# What the artefacts are made from: every file the binary, the archive or the
# package reads (committed or not), and the tools that make them.
fingerprint() {
    {
        rustc -V
        dist -V
        cargo deb --version
        git ls-files -z --cached --others --exclude-standard -- \
            src themes build.rs Cargo.toml Cargo.lock dist-workspace.toml \
            debian README.md scripts/release.sh |
            while IFS= read -r -d '' file; do
                [ -f "$file" ] && printf '%s\0' "$file"
            done |
            sort -zu | xargs -0 sha256sum
    } | sha256sum | cut -c1-64
}

dist_version=$(sed -n 's/^cargo-dist-version = "\(.*\)"/\1/p' dist-workspace.toml)
command -v dist >/dev/null 2>&1 ||
    fail "dist is not installed: cargo install cargo-dist --locked --version $dist_version"
[ "$(dist -V)" = "cargo-dist $dist_version" ] ||
    fail "$(dist -V) is installed, dist-workspace.toml asks for $dist_version: cargo install cargo-dist --locked --version $dist_version"
cargo deb --version >/dev/null 2>&1 || fail "cargo-deb is not installed: cargo install cargo-deb --locked"

if [ "${1:-}" = "--if-stale" ]; then
    if [ -f "$stamp" ] && grep -qx "fingerprint=$(fingerprint)" "$stamp"; then
        echo "release artefacts in $distrib are up to date"
        exit 0
    fi
    echo "release artefacts in $distrib are missing or older than the sources: building them"
elif [ $# -gt 0 ]; then
    fail "usage: scripts/release.sh [--if-stale]"
fi

started=$(date +%s)
rm -rf "$distrib" "$assets"
# On a fresh clone nothing is built yet: the manifests are written beside
# target/ before dist has made it.
mkdir -p "$distrib"

# As the workflow does: the archive first, then the installers and the
# formula, which take its checksum from the manifest left beside it (dist
# reads every *-dist-manifest.json in target/distrib/).
echo "dist: the $target archive (cargo build --profile dist)…"
dist build --artifacts=local --target "$target" --output-format=json >target/local-dist-manifest.json
mv target/local-dist-manifest.json "$distrib/$target-dist-manifest.json"
echo "dist: the installers and the Homebrew formula…"
dist build --artifacts=global --output-format=json >target/global-dist-manifest.json
mv target/global-dist-manifest.json "$distrib/global-dist-manifest.json"
grep -q "_checksum_value=\"$(cut -d' ' -f1 "$distrib/praxis-$target.tar.xz.sha256")\"" "$distrib/praxis-installer.sh" ||
    fail "the shell installer does not check the archive's checksum"

# The man pages and completions the package installs, from the binary it
# packages (so they describe exactly its command line).
"$binary" manuals "$assets/man"
mkdir -p "$assets/completions"
"$binary" completions bash >"$assets/completions/praxis.bash"
"$binary" completions zsh >"$assets/completions/_praxis"
"$binary" completions fish >"$assets/completions/praxis.fish"

echo "cargo-deb: the Debian package…"
cargo deb --no-build --no-strip --profile dist --target "$target" --output "$distrib/"

# cargo-deb looks in the target folder; it must have packaged the binary
# dist archived, not some other build.
deb=$(ls "$distrib"/praxis_*.deb)
tar -xOf "$distrib/praxis-$target.tar.xz" "praxis-$target/praxis" | cmp -s - "$binary" ||
    fail "the archive's binary is not $binary"
dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./usr/bin/praxis | cmp -s - "$binary" ||
    fail "$deb's binary is not $binary"

{
    echo "fingerprint=$(fingerprint)"
    echo "version=$("$binary" --version)"
    echo "seconds=$(($(date +%s) - started))"
} >"$stamp"
echo "built in $(($(date +%s) - started)) s:"
ls -l "$distrib"
