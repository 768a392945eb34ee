#!/usr/bin/env bash
# searcher --serve under load, on 127.0.0.1 only: requests per second and p50/p99 latency
# with 1, 8 and 32 concurrent clients on CORPUS (default mixed), against the same queries
# through searcher --stdin (as many processes as clients); then a soak: SOAK_SECONDS
# (default 600) of queries from 8 clients while an indexer commits changes to a copy of
# 2,000 of the corpus's files every few seconds, with the server's RSS sampled.
# Needs bench/index.sh's Longjing index of CORPUS; ENGINE_BIN as for the other scripts.
#   bench/serve.sh [CORPUS]          SOAK_SECONDS=60 REQUESTS=2000 bench/serve.sh
# Prints a Markdown table; rows also go to $RESULTS/serve.tsv.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
corpus=${1:-mixed}
requests=${REQUESTS:-4000}
soak=${SOAK_SECONDS:-600}
db=$BENCH_ROOT/indexes/longjing/$corpus/db
[ -d "$db" ] || { echo "serve.sh: no Longjing index of $corpus at $db (bench/index.sh)" >&2; exit 2; }
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$RESULTS"

# The shared query set (English and Chinese), as a user types it.
cut -f3 "$SHARED_BENCH/queries/en.tsv" "$SHARED_BENCH/queries/zh.tsv" | grep -v '^text' | grep -v '^$' \
  | grep -v '^#' >"$work/queries.txt"

start_server() {  # DB: starts searcher --serve on a free port; sets server and url
  "$ENGINE_BIN/searcher" --serve --threads 32 --db "$1" --listen 127.0.0.1:0 2>"$work/server.err" &
  server=$!
  for _ in $(seq 100); do grep -q '^listening on ' "$work/server.err" && break; sleep 0.1; done
  url=$(sed -n 's/^listening on //p' "$work/server.err")
  [ -n "$url" ] || { cat "$work/server.err" >&2; exit 2; }
}

echo "| clients | HTTP rps | HTTP p50 ms | HTTP p99 ms | --stdin rps | --stdin p50 ms | --stdin p99 ms | failures |"
echo "|---|---|---|---|---|---|---|---|"
start_server "$db"
for clients in 1 8 32; do
  python3 "$HERE/serve_load.py" http "$url" "$work/queries.txt" "$clients" 100 >/dev/null  # warm up
  h=$(python3 "$HERE/serve_load.py" http "$url" "$work/queries.txt" "$clients" "$requests")
  s=$(python3 "$HERE/serve_load.py" stdin "$ENGINE_BIN/searcher" "$db" "$work/queries.txt" "$clients" "$requests")
  python3 - "$clients" "$h" "$s" "$RESULTS/serve.tsv" "$corpus" <<'PY'
import json, sys
clients, h, s = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
row = [clients, h["rps"], h["p50_ms"], h["p99_ms"], s["rps"], s["p50_ms"], s["p99_ms"], h["failures"] + s["failures"]]
print("| " + " | ".join(map(str, row)) + " |")
with open(sys.argv[4], "a") as f:
    f.write("\t".join(map(str, [sys.argv[5]] + row)) + "\n")
PY
done
kill "$server"; wait "$server" 2>/dev/null || true; server=

# Soak: a small copy of the corpus indexed afresh, changed and committed while queries run.
find "$BENCH_ROOT/corpora/$corpus" -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' \) | sort >"$work/all"
head -2000 "$work/all" >"$work/files"
mkdir "$work/soak"
i=0; while IFS= read -r f; do cp "$f" "$work/soak/$i-$(basename "$f")"; i=$((i + 1)); done <"$work/files"
"$ENGINE_BIN/indexer" -q --db "$work/soak-db" "$work/soak"
start_server "$work/soak-db"
python3 "$HERE/serve_load.py" soak "$url" "$work/queries.txt" 8 "$soak" >"$work/soak.json" &
load=$!
commits=0 rss_first= rss_max=0 rss_last=0
end=$((SECONDS + soak))
while [ $SECONDS -lt $end ]; do
  for n in $(seq 20); do echo "soak edit $commits $n $RANDOM" >>"$work/soak/$(( (commits * 20 + n) % i ))-edit.txt"; done
  "$ENGINE_BIN/indexer" -q --db "$work/soak-db" "$work/soak" && commits=$((commits + 1))
  rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$server/status")
  rss_first=${rss_first:-$rss}; rss_last=$rss; [ "$rss" -gt "$rss_max" ] && rss_max=$rss
  sleep 5
done
wait "$load"
python3 - "$work/soak.json" "$commits" "$rss_first" "$rss_last" "$rss_max" "$soak" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
first, last, peak = (int(x) // 1024 for x in sys.argv[3:6])
print(f"\nSoak, {sys.argv[6]} s, 8 clients, {sys.argv[2]} indexer commits meanwhile: {s['requests']} requests, "
      f"{s['failures']} failed {s['first_failures']}, p50 {s['p50_ms']} ms, p99 {s['p99_ms']} ms; "
      f"server RSS {first} MB at the first commit, {last} MB at the end, {peak} MB at most")
PY
