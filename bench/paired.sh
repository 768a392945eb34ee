#!/usr/bin/env bash
# Interleaved A/B query latency, Longjing vs one peer (A B A B ..., ratio per pair): the
# figure to quote on a noisy machine.  Needs both engines' indexes from bench/index.sh.
#   bench/paired.sh                     # longjing vs omega on BENCH_CORPORA, then vs
#                                       # omega-cjk on poetry-zh-50k (the fair Chinese peer)
#   bench/paired.sh -b recoll -c brown  # one peer, any corpora (flags of bench-paired.sh)
source "$(dirname "$0")/defaults.sh"
if [ $# -gt 0 ]; then exec "$RUN" bench-paired.sh -a longjing -b omega -c "$BENCH_CORPORA" "$@"; fi
"$RUN" bench-paired.sh -a longjing -b omega -c "$BENCH_CORPORA" -n "${PAIRS:-20}"
"$RUN" bench-paired.sh -a longjing -b omega-cjk -c poetry-zh-50k -n "${PAIRS:-20}"
