#!/usr/bin/env bash
# Query time of two builds of the searcher, pair by pair (A B A B ..., the shared
# harness's lib/paired.py): what a ranking change costs each query, on a noisy machine.
#   bench/builds.sh OLD_BIN NEW_BIN [CORPUS] [PAIRS]
# OLD_BIN and NEW_BIN are directories holding a searcher (copies of build/release/bin,
# made before the work tree moves). CORPUS (mixed) must have Longjing's index
# (bench/index.sh) and known-item queries of seed 2 (bench/known-item.sh). The queries:
# the shared set's English and Chinese rows for CORPUS, then the English known-item
# queries of seed 2, where nearness reorders the most. Prints one line a query, NEW/OLD,
# then the median of those ratios. When the two builds read different index schemas, OLD_DB
# names the old build's index of CORPUS (the new one reads bench/index.sh's).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OLD_BIN NEW_BIN [CORPUS] [PAIRS]" >&2; exit 2; }
old=$1 new=$2 corpus=${3:-mixed} pairs=${4:-20}
for bin in "$old" "$new"; do
    [ -x "$bin/searcher" ] || { echo "builds.sh: no searcher in $bin" >&2; exit 2; }
done
source "$(dirname "$0")/paths.sh"
db=$BENCH_ROOT/indexes/longjing/$corpus/db
known=$RESULTS/known-item/seed-2/queries/$corpus.tsv
old_db=${OLD_DB:-$db}
for d in "$db" "$old_db"; do
    [ -d "$d" ] || { echo "builds.sh: no Longjing index of $corpus at $d (bench/index.sh -c $corpus)" >&2; exit 2; }
done
[ -f "$known" ] || { echo "builds.sh: no known-item queries at $known (bench/known-item.sh -s 2)" >&2; exit 2; }

queries() {
    python3 - "$SHARED_BENCH" "$(dirname "$0")" <<'EOF'
import sys
sys.path.insert(0, sys.argv[2])
import query_set
for kind, text in query_set.read(sys.argv[1], ["en.tsv", "zh.tsv"]):
    print(query_set.longjing(kind, text))
EOF
    awk -F'\t' '$2 ~ /^en-/ {print $4}' "$known"
}

# The command line of BIN's searcher on DB for QUERY, quoted for paired.py.
cmd() { printf '%q ' "$1/searcher" --db "$2" --color never -n 10 "$3"; }

ratios=()
while IFS= read -r query; do
    json=$(python3 "$SHARED_BENCH/lib/paired.py" -n "$pairs" --a "$(cmd "$new" "$db" "$query")" --b "$(cmd "$old" "$old_db" "$query")")
    ratio=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["ratio_median"])' "$json")
    ratios+=("$ratio")
    printf '%-45s new/old %.3f\n' "$query" "$ratio"
done < <(queries)
printf '%s\n' "${ratios[@]}" | python3 -c 'import statistics,sys; r=[float(x) for x in sys.stdin]; print(f"median of {len(r)} queries: new/old {statistics.median(r):.3f} (min {min(r):.3f}, max {max(r):.3f})")'
