#!/usr/bin/env bash
# Re-indexing on a private copy of a corpus: full build, no-op re-run, one file changed
# (and whether the changed word is then found in exactly that file).
#   bench/incremental.sh                         # linuxdoc and poetry-zh-50k
#   bench/incremental.sh brown                   # other corpora
source "$(dirname "$0")/defaults.sh"
for c in ${*:-linuxdoc poetry-zh-50k}; do
    "$RUN" bench-incremental.sh -e "$ENGINES" -c "$c"
done
