#!/usr/bin/env bash
# Recall / precision of every engine's full match set against ripgrep's verbatim matches
# (zh and phrase queries).  Needs bench/index.sh's indexes.
#   bench/oracle.sh                     # poetry-zh-50k
#   bench/oracle.sh -c "brown linuxdoc"
source "$(dirname "$0")/defaults.sh"
exec "$RUN" oracle.sh -e "$ENGINES" -c poetry-zh-50k "$@"
