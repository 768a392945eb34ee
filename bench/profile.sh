#!/usr/bin/env bash
# Where Longjing's time goes: a quick profile of the searcher on one query and of the
# indexer on one corpus.  Writes RESULTS/profile/*.txt and prints the top functions.
#
#   bench/profile.sh                                   # searcher: 長安 on poetry-zh-50k,
#                                                      # indexer: brown
#   PROFILE_QUERY=time PROFILE_QUERY_CORPUS=brown bench/profile.sh
#
# searcher: valgrind --tool=callgrind on one run (instruction counts: deterministic, so
#   start-up costs show even on a noisy machine), exclusive and inclusive tops.
# indexer: perf record (DWARF call graphs) on one from-scratch build, self and inclusive
#   tops (Debian's libxapian has no symbols: its own functions show as addresses);
#   plus GNU time (wall vs CPU: a large gap is time spent waiting, e.g. fsync) and
#   strace -c of the sync calls.
# Needs the searcher's index from bench/index.sh (INDEX_ROOT/longjing/CORPUS).
source "$(dirname "$0")/defaults.sh"
set -euo pipefail
source "$(dirname "$0")/paths.sh"
CORPORA=${CORPORA:-$BENCH_ROOT/corpora}
INDEX_ROOT=${INDEX_ROOT:-$BENCH_ROOT/indexes}
QC=${PROFILE_QUERY_CORPUS:-poetry-zh-50k}
QUERY=${PROFILE_QUERY:-長安}
IC=${PROFILE_INDEX_CORPUS:-brown}
P=$RESULTS/profile; mkdir -p "$P"
for t in valgrind callgrind_annotate perf strace; do
    command -v $t >/dev/null || { echo "missing $t (apt-get install valgrind linux-perf strace)" >&2; exit 1; }
done

db=$INDEX_ROOT/longjing/$QC/db
[ -d "$db" ] || { echo "no index $db (run bench/index.sh -c $QC)" >&2; exit 1; }
cg=$P/searcher.callgrind.out
valgrind --tool=callgrind --callgrind-out-file="$cg" \
    "$ENGINE_BIN/searcher" --db "$db" --color never -n 10 "$QUERY" > /dev/null 2> "$P/searcher.valgrind.log" || true
callgrind_annotate "$cg" > "$P/searcher.self.txt" 2> /dev/null
callgrind_annotate --inclusive=yes "$cg" > "$P/searcher.inclusive.txt" 2> /dev/null
echo "== searcher $QUERY on $QC (callgrind, instructions, self)"; sed -n '1,40p' "$P/searcher.self.txt"

scratch=$BENCH_ROOT/scratch/profile-index; rm -rf "$scratch"; mkdir -p "$scratch"
/usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KB peak RSS' -o "$P/indexer.time.txt" \
    "$ENGINE_BIN/indexer" -q --db "$scratch/db1" "$CORPORA/$IC"
strace -f -c -e trace=fsync,fdatasync,sync_file_range,msync,openat,pwrite64,pread64 -o "$P/indexer.strace.txt" \
    "$ENGINE_BIN/indexer" -q --db "$scratch/db2" "$CORPORA/$IC" || true
perf record -q -F 299 --call-graph dwarf,16384 -o "$P/indexer.perf.data" \
    "$ENGINE_BIN/indexer" -q --db "$scratch/db3" "$CORPORA/$IC" 2> /dev/null
perf report -q -i "$P/indexer.perf.data" --no-children --stdio --percent-limit 0.5 -g none \
    --sort symbol,dso > "$P/indexer.self.txt" 2> /dev/null
perf report -q -i "$P/indexer.perf.data" --children --stdio --percent-limit 3 -g none \
    --sort symbol > "$P/indexer.children.txt" 2> /dev/null
echo "== indexer on $IC"; cat "$P/indexer.time.txt"; cat "$P/indexer.strace.txt"; grep -v '^$' "$P/indexer.self.txt" | sed -n '1,30p'
rm -rf "$scratch"
