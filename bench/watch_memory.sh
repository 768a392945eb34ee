#!/usr/bin/env bash
# indexer --watch over a whole corpus: the watcher's resident memory once its first pass
# (the walk, nothing to change) is done, and its peak, each binary of ENGINE_BINS (default
# ENGINE_BIN) in turn on a copy of Longjing's index of CORPUS (default mixed; built by
# bench/index.sh), so that no run sees another's changes.
#   bench/watch_memory.sh [CORPUS]      ENGINE_BINS="OLD/bin NEW/bin" bench/watch_memory.sh
# Prints a Markdown table.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
corpus=${1:-mixed}
bins=${ENGINE_BINS:-$ENGINE_BIN}
index=$BENCH_ROOT/indexes/longjing/$corpus/db
[ -d "$index" ] || { echo "watch_memory.sh: no index $index (bench/index.sh -e longjing -c $corpus)" >&2; exit 2; }
work=$(mktemp -d "$BENCH_ROOT/watch-memory.XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
echo "| indexer | documents | resident after the first pass MB | peak MB | first pass s |"
echo "|---|---|---|---|---|"
for bin in $bins; do
  rm -rf "$work/db" && cp -a "$index" "$work/db"
  start=$(date +%s.%N)
  "$bin/indexer" --watch --db "$work/db" 2>"$work/err" &
  pid=$!
  for _ in $(seq 3000); do grep -q watching "$work/err" && break; sleep 0.1; done  # 5 minutes at most
  grep -q watching "$work/err" || { cat "$work/err" >&2; exit 2; }
  end=$(date +%s.%N)
  sleep 1
  rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
  hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
  kill -TERM "$pid" && wait "$pid" || true
  documents=$(sed -n 's/.* \([0-9]*\) documents; watching.*/\1/p' "$work/err")
  printf '| %s | %s | %.0f | %.0f | %.1f |\n' "$bin" "$documents" "$(echo "$rss / 1024" | bc -l)" \
    "$(echo "$hwm / 1024" | bc -l)" "$(echo "$end - $start" | bc -l)"
done
