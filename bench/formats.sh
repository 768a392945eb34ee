#!/usr/bin/env bash
# Indexing throughput per document format, Longjing's indexer against recollindex on the
# same folder: N generated documents of each of PDF, EPUB, DOCX, ODT and e-mail (default
# 300; tests/fixtures/make_documents.py --bench, fixed seed, a few KB of English and
# Chinese each). Each engine indexes each format's folder from scratch RUNS times
# (default 3); the table gives the median wall time, MB/s and files/s over the folder's
# bytes, peak RSS, and how many documents each engine made findable (a query for a word
# every document holds): an engine that lacks a filter for a format indexes fewer.
# Recoll needs its helpers: poppler-utils (PDF) and python3-lxml (DOCX, ODT, EPUB).
#   bench/formats.sh [N]
# Prints a Markdown table; the generated folder stays in $BENCH_ROOT/formats/.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
count=${1:-300}
runs=${RUNS:-3}
root=$BENCH_ROOT/formats
docs=$root/docs-$count
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in recollindex recollq pdftotext /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "formats: $tool is missing (apt install recollcmd poppler-utils python3-lxml time)" >&2; exit 2; }
done
[ -x "$ENGINE_BIN/indexer" ] || { echo "formats: no indexer in $ENGINE_BIN (cmake --workflow --preset release)" >&2; exit 2; }
[ -d "$docs" ] || python3 "$(dirname "$0")/../tests/fixtures/make_documents.py" --bench "$docs" "$count"

# index ENGINE FOLDER INDEX: one build from scratch; prints "seconds peak_kb".
index() {
  rm -rf "$3" && mkdir -p "$3"
  if [ "$1" = longjing ]; then
    /usr/bin/time -f '%e %M' -o "$work/time" "$ENGINE_BIN/indexer" -q --db "$3/db" "$2" 2>/dev/null
  else
    printf '%s\n' "topdirs = $2" "dbdir = $3/xapiandb" "noaspell = 1" "loglevel = 1" >"$3/recoll.conf"
    /usr/bin/time -f '%e %M' -o "$work/time" recollindex -c "$3" >/dev/null 2>&1
  fi
  tail -n 1 "$work/time"
}

# found ENGINE INDEX: documents a word every document holds finds.
found() {
  if [ "$1" = longjing ]; then
    "$ENGINE_BIN/searcher" --db "$2/db" -l -n 0 benchmarkdoc | wc -l
  else
    recollq -c "$2" -n 0 -b benchmarkdoc 2>/dev/null | wc -l
  fi
}

echo "| format | files | MB | engine | median s | MB/s | files/s | peak RSS MB | found |"
echo "|---|---|---|---|---|---|---|---|---|"
for kind in pdf epub docx odt eml; do
  folder=$docs/$kind
  files=$(find "$folder" -type f | wc -l)
  bytes=$(du -sb "$folder" | cut -f1)
  for engine in longjing recoll; do
    : >"$work/samples"
    for _ in $(seq 1 "$runs"); do index "$engine" "$folder" "$work/$engine-$kind" >>"$work/samples"; done
    python3 - "$work/samples" "$kind" "$files" "$bytes" "$engine" "$(found "$engine" "$work/$engine-$kind")" <<'PY'
import statistics, sys
samples = [line.split() for line in open(sys.argv[1]) if line.strip()]
seconds = statistics.median(float(s) for s, _ in samples)
rss_mb = max(int(kb) for _, kb in samples) / 1024
kind, files, size, engine, found = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
mb = size / 1e6
rate = lambda x: f"{x / seconds:,.1f}" if seconds > 0 else "∞"
print(f"| {kind} | {files} | {mb:.1f} | {engine} | {seconds:.2f} | {rate(mb)} | {rate(files)} | {rss_mb:.0f} | {found} |")
PY
  done
done
