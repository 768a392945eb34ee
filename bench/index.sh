#!/usr/bin/env bash
# Full index builds from scratch: wall time, peak RSS, index size; Longjing and the peers
# in one run (shared bench-index.sh: 3 runs per engine, 1 on corpora > 100k documents).
#   bench/index.sh                      # ENGINES x BENCH_CORPORA (bench/defaults.sh)
#   bench/index.sh -c mixed             # extra flags go to bench-index.sh (-e, -c, -r)
source "$(dirname "$0")/defaults.sh"
exec "$RUN" bench-index.sh -e "$ENGINES" -c "$BENCH_CORPORA" "$@"
