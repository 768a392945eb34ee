#!/usr/bin/env bash
# Re-indexing with nothing changed against the floor it cannot beat: the time to stat(2)
# every file of the corpus (GNU find printing each file's size and mtime). Target: the
# no-op run within 2x of the stat walk. Needs Longjing's index from bench/index.sh.
#   bench/noop.sh                       # mixed
#   bench/noop.sh brown linuxdoc        # other corpora
# Prints a Markdown table; hyperfine's JSON goes to $RESULTS/noop-CORPUS.json.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
mkdir -p "$RESULTS"
echo "| corpus | files | stat every file (ms) | no-op re-index (ms) | ratio |"
echo "|---|---|---|---|---|"
for c in ${*:-mixed}; do
    corpus=$BENCH_ROOT/corpora/$c
    db=$BENCH_ROOT/indexes/longjing/$c/db
    [ -d "$db" ] || { echo "noop: no index at $db: run bench/index.sh -e longjing -c $c" >&2; exit 2; }
    files=$(find "$corpus" -type f | wc -l)
    hyperfine -N -w 1 -r "${RUNS:-5}" --export-json "$RESULTS/noop-$c.json" \
        "find $corpus -type f -printf '%s %T@\n'" \
        "$ENGINE_BIN/indexer -q --db $db $corpus" >/dev/null
    python3 - "$RESULTS/noop-$c.json" "$c" "$files" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
stat_ms, noop_ms = (r["median"] * 1000 for r in runs)
print(f"| {sys.argv[2]} | {int(sys.argv[3]):,} | {stat_ms:.0f} | {noop_ms:.0f} | {noop_ms / stat_ms:.2f} |")
PY
done
