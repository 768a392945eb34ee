# Where the per-measure scripts of bench/ find things; sourced by them. Each can be set from
# the environment: BENCH_ROOT (corpora, indexes, results), RESULTS, ENGINE_BIN (the indexer
# and searcher measured) and SHARED_BENCH (the shared harness, for its query sets).
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_ROOT=${BENCH_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/longjing-bench}
RESULTS=${RESULTS:-$BENCH_ROOT/results}
ENGINE_BIN=${ENGINE_BIN:-$HERE/../build/release/bin}
SHARED_BENCH=${SHARED_BENCH:-$HERE/../../shared/bench}
SHARED_BENCH=$(cd "$SHARED_BENCH" 2>/dev/null && pwd || echo "$SHARED_BENCH")
