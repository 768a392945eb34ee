#!/usr/bin/env bash
# Throughput of a long-lived searcher against SQLite FTS5's, on the same English queries,
# in one run: `searcher --serve` (HTTP keep-alive on 127.0.0.1), `searcher --stdin`
# sessions and SQLite connections answering FTS5 MATCH queries (top 10 by bm25 with
# snippet(), the fts5-unicode61 index of the shared harness), each with 1 and 2 clients
# (2 cores) and REQUESTS (default 2000) queries. Every answer is the top 10 with passages.
# The queries are the shared queries/en.tsv, each written in the engine's own syntax.
# Needs bench/index.sh's indexes of CORPUS (default mixed) for longjing and fts5-unicode61.
#   bench/sessions.sh [CORPUS]        REQUESTS=500 bench/sessions.sh brown
# Prints a Markdown table; rows also go to $RESULTS/sessions.tsv.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
corpus=${1:-mixed}
requests=${REQUESTS:-2000}
db=$BENCH_ROOT/indexes/longjing/$corpus/db
fts=$BENCH_ROOT/indexes/fts5-unicode61/$corpus/fts.db
[ -d "$db" ] || { echo "sessions.sh: no Longjing index of $corpus at $db (bench/index.sh)" >&2; exit 2; }
[ -f "$fts" ] || { echo "sessions.sh: no FTS5 index of $corpus at $fts (bench/index.sh -e fts5-unicode61)" >&2; exit 2; }
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$RESULTS"

# The same queries in each engine's syntax, line for line.
PYTHONPATH="$HERE" python3 - "$SHARED_BENCH" "$work/longjing.txt" "$work/fts5.txt" <<'PY'
import sys
import query_set
rows = query_set.read(sys.argv[1], ["en.tsv"])
open(sys.argv[2], "w").write("".join(query_set.longjing(k, t) + "\n" for k, t in rows))
open(sys.argv[3], "w").write("".join(query_set.fts5_match(k, t) + "\n" for k, t in rows))
PY

"$ENGINE_BIN/searcher" --serve --threads 8 --db "$db" --listen 127.0.0.1:0 2>"$work/server.err" &
server=$!
for _ in $(seq 100); do grep -q '^listening on ' "$work/server.err" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/server.err")
[ -n "$url" ] || { cat "$work/server.err" >&2; exit 2; }

load() {  # MODE CLIENTS: one JSON result line of serve_load.py
  case $1 in
    http) python3 "$HERE/serve_load.py" http "$url" "$work/longjing.txt" "$2" "$requests" ;;
    stdin) python3 "$HERE/serve_load.py" stdin "$ENGINE_BIN/searcher" "$db" "$work/longjing.txt" "$2" "$requests" ;;
    fts5) python3 "$HERE/serve_load.py" fts5 "$fts" "$work/fts5.txt" "$2" "$requests" ;;
  esac
}

for mode in http stdin fts5; do load "$mode" 1 >/dev/null; done  # warm the caches
echo "| clients | engine, mode | requests/s | p50 ms | p99 ms | failures | ÷ FTS5 requests/s |"
echo "|---|---|---|---|---|---|---|"
for clients in 1 2; do
  for mode in fts5 http stdin; do
    result=$(load "$mode" "$clients")
    python3 - "$clients" "$mode" "$result" "$RESULTS/sessions.tsv" "$corpus" "$work/fts5-rps" <<'PY'
import json, os, sys, time
clients, mode, r, tsv, corpus, base_file = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), *sys.argv[4:7]
if mode == "fts5":
    open(base_file, "w").write(str(r["rps"]))
base = float(open(base_file).read())
names = {"fts5": "SQLite FTS5 connection", "http": "searcher --serve (HTTP)", "stdin": "searcher --stdin"}
print(f"| {clients} | {names[mode]} | {r['rps']:,.0f} | {r['p50_ms']} | {r['p99_ms']} | {r['failures']} | {r['rps'] / base:.2f} |")
with open(tsv, "a") as f:
    f.write("\t".join(map(str, [time.strftime("%F %T"), corpus, clients, mode, r["rps"], r["p50_ms"], r["p99_ms"], r["failures"]])) + "\n")
PY
  done
done
