#!/usr/bin/env bash
# The cost of images: 50 phone photos (4000 × 3000 JPEGs, 4.5 MB each, with
# EXIF orientation, GPS position, XMP and a colour profile) in 5 articles,
# each published in 3 widths × 2 formats — cold build (empty image cache),
# warm build, and edit-to-reload latency of `serve --watch` on an article
# with 10 photos. Zola too, on the same photos, when a `zola` binary is on
# PATH (its site is written beside praxis's).
#
#     cargo build --release --examples && benches/images.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
praxis="${PRAXIS_BIN:-$here/target/release/praxis}"
work="${BENCH_DIR:-/tmp/praxis-images}"
if [ ! -d "$work/praxis" ]; then
  "$praxis" init "$work/praxis" >/dev/null
  "$here/target/release/examples/make_photos" "$work/gen" 50 10 2>/dev/null
  cp -r "$work/gen/praxis/content/articles/"* "$work/praxis/content/articles/"
  mv "$work/gen/zola" "$work/zola"
  rm -rf "$work/gen"
fi
"$praxis" --root "$work/praxis" build | head -1
hyperfine --style basic -r "$runs" --prepare "rm -rf $work/praxis/.praxis-cache" \
  -n "praxis cold" "$praxis --root $work/praxis build" \
  2>&1 | grep -E "Time|Range"
hyperfine --style basic -w 1 -r "$runs" -n "praxis warm" "$praxis --root $work/praxis build" \
  2>&1 | grep -E "Time|Range"
"$here/target/release/examples/serve_latency" "$work/praxis" 10 | tail -1
if command -v zola >/dev/null; then
  hyperfine --style basic -r "$runs" --prepare "rm -rf $work/zola/static/processed_images" \
    -n "zola cold" "zola --root $work/zola build" 2>&1 | grep -E "Time|Range"
  hyperfine --style basic -w 1 -r "$runs" -n "zola warm" "zola --root $work/zola build" \
    2>&1 | grep -E "Time|Range"
fi
