#!/usr/bin/env bash
# The curve: how a full build's wall and CPU time, its peak memory, the index's size and
# whole-process query latency (top 10 with passages, p50 and p99) grow with the corpus, at
# SCALES times CORPUS (default 1 2 4 times mixed), in one database and in SHARDS shards
# (default 4). The larger corpora are copies of CORPUS under changed paths with a word
# substitution (bench/curve_corpus.py), so each copy adds new documents, not duplicates.
# The query set is the shared one (queries/en.tsv and zh.tsv), QUERY_RUNS (default 10)
# whole processes per query at every scale.
#   bench/curve.sh                      SCALES="1 2" SHARDS="0 2" bench/curve.sh
# SHARDS lists the shard counts to build (0: one database, no --shards). Prints a Markdown
# table; rows go to $RESULTS/curve.tsv and the plot to $RESULTS/curve.png (gnuplot).
set -euo pipefail
source "$(dirname "$0")/paths.sh"
corpus=${CORPUS:-mixed}
scales=${SCALES:-1 2 4}
shard_counts=${SHARDS:-0 4}
runs=${QUERY_RUNS:-10}
command -v gnuplot >/dev/null || { echo "curve.sh: needs gnuplot (apt-get install gnuplot-nox)" >&2; exit 2; }
[ -d "$BENCH_ROOT/corpora/$corpus" ] || { echo "curve.sh: no corpus $corpus (bench/corpora.sh $corpus)" >&2; exit 2; }
largest=$(printf '%s\n' $scales | sort -n | tail -1)
copies=$BENCH_ROOT/corpora/$corpus-copies
python3 "$HERE/curve_corpus.py" "$BENCH_ROOT/corpora/$corpus" "$copies" "$largest"
mkdir -p "$RESULTS"
work=$(mktemp -d "$BENCH_ROOT/curve.XXXXXX")
trap 'rm -rf "$work"' EXIT
tsv=$RESULTS/curve.tsv
printf 'scale\tshards\tdocuments\tcorpus_mb\tbuild_wall_s\tbuild_cpu_s\tbuild_rss_mb\tindex_mb\tquery_p50_ms\tquery_p99_ms\tquery_rss_mb\n' >"$tsv"

for scale in $scales; do
  roots=()
  for k in $(seq 0 $((scale - 1))); do roots+=("$copies/copy-$k"); done
  corpus_mb=$(find "${roots[@]}" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1e6 }')
  for shards in $shard_counts; do
    db=$work/db-$scale-$shards
    flags=()
    [ "$shards" -gt 0 ] && flags=(--shards "$shards")
    sync
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
      "$ENGINE_BIN/indexer" -q --db "$db" "${flags[@]}" "${roots[@]}"
    read -r wall user sys rss_kb <"$work/time"
    index_mb=$(du -sb "$db" | awk '{ printf "%.1f", $1 / 1e6 }')
    documents=$(xapian-delve "$db" | sed -n 's/^number of documents = //p')
    PYTHONPATH="$HERE" python3 - "$ENGINE_BIN/searcher" "$db" "$SHARED_BENCH" "$runs" >"$work/query" <<'PY'
import resource, subprocess, sys, time
import query_set
searcher, db, shared, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
typed = [query_set.longjing(k, t) for k, t in query_set.read(shared, ["en.tsv", "zh.tsv"])]
latencies = []
for query in typed:  # one warm-up each, then the runs
    command = [searcher, "--db", db, "--color", "never", "-n", "10", query]
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        latencies.append(time.perf_counter() - start)
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(len(latencies) * q))] * 1000
rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{p(0.5):.2f} {p(0.99):.2f} {rss_mb:.1f}")
PY
    read -r p50 p99 query_rss <"$work/query"
    printf '%s\t%s\t%s\t%s\t%s\t%.1f\t%.0f\t%s\t%s\t%s\t%s\n' "$scale" "$shards" "$documents" "$corpus_mb" \
      "$wall" "$(echo "$user + $sys" | bc)" "$((rss_kb / 1024))" "$index_mb" "$p50" "$p99" "$query_rss" >>"$tsv"
    rm -rf "$db"
  done
done

python3 - "$tsv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
base = {r["shards"]: r for r in rows if r["scale"] == min(x["scale"] for x in rows)}
print("| × corpus | shards | documents | corpus MB | build wall s | build CPU s | build peak RSS MB | index MB | index ÷ corpus | query p50 ms | query p99 ms | query peak RSS MB | wall per MB ÷ 1× |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    b = base[r["shards"]]
    per_mb = float(r["build_wall_s"]) / float(r["corpus_mb"])
    per_mb_base = float(b["build_wall_s"]) / float(b["corpus_mb"])
    print(f"| {r['scale']} | {r['shards'] or 'one database'} | {int(r['documents']):,} | {r['corpus_mb']} | "
          f"{r['build_wall_s']} | {r['build_cpu_s']} | {r['build_rss_mb']} | {r['index_mb']} | "
          f"{float(r['index_mb']) / float(r['corpus_mb']):.2f} | {r['query_p50_ms']} | {r['query_p99_ms']} | "
          f"{r['query_rss_mb']} | {per_mb / per_mb_base:.2f} |")
PY

# One data file per shard count, so that gnuplot draws each as a line.
for shards in $shard_counts; do
  awk -F'\t' -v s="$shards" 'NR == 1 || $2 == s' "$tsv" >"$work/curve-$shards.tsv"
done
gnuplot <<GP
set terminal pngcairo size 1200,800 font ",10"
set output "$RESULTS/curve.png"
set datafile separator "\t"
set key left top
set multiplot layout 2,2 title "Longjing on 1x to ${largest}x ${corpus} (bench/curve.sh): growth with the corpus"
set xlabel "corpus MB"
set grid
set yrange [0:*]
name(s) = (s eq "0" ? "one database" : s." shards")
file(s) = "$work/curve-".s.".tsv"
set ylabel "s"; set title "full build"
plot for [s in "$shard_counts"] file(s) using 4:5 every ::1 with linespoints title "wall, ".name(s), \
     for [s in "$shard_counts"] file(s) using 4:6 every ::1 with linespoints dashtype 2 title "CPU, ".name(s)
set ylabel "MB"; set title "index size and peak memory of the build"
plot for [s in "$shard_counts"] file(s) using 4:8 every ::1 with linespoints title "index, ".name(s), \
     for [s in "$shard_counts"] file(s) using 4:7 every ::1 with linespoints dashtype 2 title "build RSS, ".name(s)
set ylabel "ms"; set title "whole-process query, top 10 with passages"
plot for [s in "$shard_counts"] file(s) using 4:9 every ::1 with linespoints title "p50, ".name(s), \
     for [s in "$shard_counts"] file(s) using 4:10 every ::1 with linespoints dashtype 2 title "p99, ".name(s)
set ylabel "MB"; set title "peak memory of a query process"
plot for [s in "$shard_counts"] file(s) using 4:11 every ::1 with linespoints title name(s)
unset multiplot
GP
echo "plot: $RESULTS/curve.png"
