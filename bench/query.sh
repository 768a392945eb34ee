#!/usr/bin/env bash
# Whole-process query latency from the shell (hyperfine -N, median of 10 runs after 2
# warm-ups) for every query of queries/en.tsv or zh.tsv; needs bench/index.sh's indexes.
#   bench/query.sh                      # ENGINES x BENCH_CORPORA
#   bench/query.sh -c brown -q "en-rare en-phrase" -n 20
source "$(dirname "$0")/defaults.sh"
exec "$RUN" bench-query.sh -e "$ENGINES" -c "$BENCH_CORPORA" "$@"
