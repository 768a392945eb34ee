#!/usr/bin/env bash
# Install the peers (apt) and gnuplot (for bench/curve.sh's plot), and build the corpora
# (npm + linux-doc) under BENCH_ROOT/corpora. Idempotent.  Needs root.
#   bench/corpora.sh                    # seed brown linuxdoc poetry-zh-50k
#   bench/corpora.sh mail mixed
source "$(dirname "$0")/defaults.sh"
"$RUN" install-peers.sh
command -v gnuplot >/dev/null || apt-get install -y -qq --no-install-recommends gnuplot-nox >/dev/null
exec "$RUN" make-corpora.sh ${*:-seed brown linuxdoc poetry-zh-50k}
