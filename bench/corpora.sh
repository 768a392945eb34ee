#!/usr/bin/env bash
# Install the peers (apt) and build the corpora (npm + linux-doc) under BENCH_ROOT/corpora.
# Idempotent.  Needs root.
#   bench/corpora.sh                    # seed brown linuxdoc poetry-zh-50k
#   bench/corpora.sh mail mixed
source "$(dirname "$0")/defaults.sh"
"$RUN" install-peers.sh
exec "$RUN" make-corpora.sh ${*:-seed brown linuxdoc poetry-zh-50k}
