#!/usr/bin/env bash
# Generates a benchmark site for praxis with ../shared/bench/gen_site.py and
# gives it praxis's default theme.
#
#     benches/site.sh ARTICLES OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
articles="${1:?usage: benches/site.sh ARTICLES OUT_DIR}"
out="${2:?usage: benches/site.sh ARTICLES OUT_DIR}"
generator="${GEN_SITE:-$here/../shared/bench/gen_site.py}"
rm -rf "$out"
python3 "$generator" --articles "$articles" --out "$out" --flavor praxis >/dev/null
cp -r "$here/themes" "$out/themes"
echo "$out: $articles articles per language"
