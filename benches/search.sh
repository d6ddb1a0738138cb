#!/usr/bin/env bash
# The cost of `[search]`: full builds of the same site with search off and
# on, run alternately (off, on, off, on…) so that a noisy neighbour slows
# both alike, output on tmpfs; medians and ranges. Then the edit-to-reload
# latency of `serve --watch` with search off and on.
#
#     cargo build --release --bins --examples
#     benches/site.sh 10000 /tmp/bench-10k     # 20 000 pages
#     benches/site.sh 1000 /tmp/bench-1k
#     benches/search.sh /tmp/bench-10k [RUNS] [/tmp/bench-1k]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
site="${1:?usage: benches/search.sh SITE [RUNS] [LATENCY_SITE]}"
runs="${2:-5}"
latency_site="${3:-}"
praxis="${PRAXIS_BIN:-$here/target/release/praxis}"
out=/dev/shm/praxis-search-bench

# Two copies, identical but for [search].
rm -rf "$site-search-on"
cp -r "$site" "$site-search-on"
sed -i '/^\[search\]/,$d' "$site/site.toml"
printf '\n[search]\nenabled = true\n' >> "$site-search-on/site.toml"

median() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f s (%.2f–%.2f, %d runs)", m, a[1], a[NR], NR }'; }
seconds() { /usr/bin/env time -f %e "$@" 2>&1 >/dev/null | tail -1; }

: > "$out.off"
: > "$out.on"
for run in $(seq 0 "$runs"); do
  off=$(seconds "$praxis" --root "$site" build --output "$out-off")
  on=$(seconds "$praxis" --root "$site-search-on" build --output "$out-on")
  # The first pair warms the page cache and is left out.
  if [ "$run" -gt 0 ]; then
    echo "$off" >> "$out.off"
    echo "$on" >> "$out.on"
  fi
done
echo "build, search off: $(median < "$out.off")"
echo "build, search on:  $(median < "$out.on")"
echo "index: $(find "$out-on" -path '*/pagefind/*' -type f | wc -l) files, $(du -sh --apparent-size "$out-on/nl/pagefind" | cut -f1) + $(du -sh --apparent-size "$out-on/fr/pagefind" | cut -f1)"
rm -rf "$out-off" "$out-on" "$out.off" "$out.on"

if [ -n "$latency_site" ]; then
  rm -rf "$latency_site-search-on"
  cp -r "$latency_site" "$latency_site-search-on"
  sed -i '/^\[search\]/,$d' "$latency_site/site.toml"
  printf '\n[search]\nenabled = true\n' >> "$latency_site-search-on/site.toml"
  echo "serve, search off: $("$here/target/release/examples/serve_latency" "$latency_site" 30 | tail -1)"
  echo "serve, search on:  $("$here/target/release/examples/serve_latency" "$latency_site-search-on" 30 | tail -1)"
fi
