#!/usr/bin/env bash
# Markdown from the results so far: the shared report.py's full tables
# (RESULTS/report.md; its query "x base" ratios against BASELINE, default omega) and
# bench/ratios.py's Longjing-vs-peer ratios (RESULTS/ratios.md, also printed).
source "$(dirname "$0")/defaults.sh"
set -euo pipefail
BENCH_ROOT=${BENCH_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/longjing-bench}
RESULTS=${RESULTS:-$BENCH_ROOT/results}
"$RUN" report.py --baseline "${BASELINE:-omega}"
python3 "$(dirname "$0")/ratios.py" --results "$RESULTS" --out "$RESULTS/ratios.md"
