#!/usr/bin/env bash
# Form endpoint under load, with wrk (Debian package `wrk`):
#  1. sustained durable submissions per second and latency, rate limit off;
#  2. a flood from one client, rate-limited, while another client's
#     submissions still get through.
#
#     benches/forms.sh [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-10}"
praxis="$here/target/release/praxis"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$here/site.toml" "$here/content" "$here/themes" "$here/i18n" "$here/demo" "$work/"

serve() {
  "$praxis" --root "$work" forms serve --port 18200 > "$work/server.log" 2>&1 &
  for _ in $(seq 50); do curl -sf http://127.0.0.1:18200/healthz >/dev/null && return; sleep 0.1; done
  cat "$work/server.log"; exit 1
}
stored() { "$praxis" --root "$work" forms export --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

echo "== sustained load: 2 threads, 16 connections, ${seconds}s, rate limit off"
sed -i 's/^rate_limit = .*/rate_limit = 100000000\ntrust_proxy = true/' "$work/site.toml"
serve
wrk -t2 -c16 -d"${seconds}s" --latency -s "$here/benches/forms_post.lua" http://127.0.0.1:18200/forms/contact | grep -E "Requests/sec|status|p50|Latency"
echo "stored: $(stored) submissions"
kill %1; wait %1 2>/dev/null || true
rm -f "$work"/data/forms.sqlite*

echo "== flood from 10.0.0.1 while 10.0.0.2 sends 5 submissions (limit: 5 per client per 10 min)"
sed -i 's/^rate_limit = .*/rate_limit = 5/' "$work/site.toml"
serve
FORWARDED_FOR=10.0.0.1 wrk -t1 -c8 -d5s -s "$here/benches/forms_post.lua" http://127.0.0.1:18200/forms/contact > "$work/flood.txt" &
sleep 1
for i in 1 2 3 4 5; do
  curl -s -o /dev/null -w "client 10.0.0.2 submission $i: %{http_code} in %{time_total}s\n" \
    -H "Origin: https://praktijk-debrug.example" -H "X-Forwarded-For: 10.0.0.2" \
    --data "_lang=fr&name=Luc&email=luc%40example.be&message=Bonjour+$i" http://127.0.0.1:18200/forms/contact
  sleep 0.5
done
wait %2
grep -E "status|Requests/sec" "$work/flood.txt" | sed 's/^/flood: /'
echo "stored: $(stored) submissions (5 from the flood, 5 from the other client)"
