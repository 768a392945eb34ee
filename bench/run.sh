#!/usr/bin/env bash
# run.sh SCRIPT [ARGS...]: run one script of the shared benchmark harness with Longjing's
# adapter (engines/longjing.sh) and binaries (build/release/bin) plugged in.
#
#   bench/run.sh bench-index.sh -e "longjing omega" -c brown
#   bench/run.sh report.py
#
# The shared harness (../shared/bench, or SHARED_BENCH) finds its adapters, queries and
# library scripts through BENCH_DIR.  This script lays out an overlay directory, BENCH_ROOT/harness,
# of symbolic links to every shared file plus this directory's engines/*.sh and known_item/*, points
# BENCH_DIR at it and runs SCRIPT from there.  No shared script is copied or edited.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED_BENCH=$(cd "${SHARED_BENCH:-$REPO/../shared/bench}" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 SCRIPT [ARGS...]  (a script of $SHARED_BENCH)" >&2; exit 2; }

export BENCH_ROOT=${BENCH_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/longjing-bench}
export RESULTS=${RESULTS:-$BENCH_ROOT/results}
export ENGINE_BIN=${ENGINE_BIN:-$REPO/build/release/bin}
export SEED_FILE=${SEED_FILE:-$SHARED_BENCH/../corpus/hangzhou-six-little-dragons.txt}
export LINUXDOC_SRC=${LINUXDOC_SRC:-/usr/share/doc/linux-doc/Documentation}

# The overlay: shared files first, then ours (ours win on a name clash).
H=$BENCH_ROOT/harness
mkdir -p "$H/lib" "$H/engines" "$H/queries"
for f in "$SHARED_BENCH"/*.sh "$SHARED_BENCH"/*.py "$SHARED_BENCH"/lib/* \
         "$SHARED_BENCH"/engines/*.sh "$SHARED_BENCH"/queries/*; do
    rel=${f#"$SHARED_BENCH"/}
    ln -sfn "$f" "$H/$rel"
done
for f in "$HERE"/engines/*.sh; do ln -sfn "$f" "$H/engines/$(basename "$f")"; done
mkdir -p "$H/known_item"
for f in "$HERE"/known_item/*; do ln -sfn "$f" "$H/known_item/$(basename "$f")"; done
export BENCH_DIR=$H

# Which build is measured (shown in the engines table): bench/build.sh leaves BUILD-INFO
# beside the binaries; for a work-tree build, HEAD and whether the engine's sources differ.
if [ -x "$ENGINE_BIN/searcher" ]; then
    mkdir -p "$RESULTS"
    if [ -f "$ENGINE_BIN/BUILD-INFO" ]; then
        cp "$ENGINE_BIN/BUILD-INFO" "$RESULTS/longjing-build.txt"
    else
        dirty=$(git -C "$REPO" status --porcelain -- common indexer searcher cmake CMakeLists.txt 2>/dev/null | wc -l)
        printf 'work tree at %s%s, binaries built %s\n' \
            "$(git -C "$REPO" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)" \
            "$([ "$dirty" -gt 0 ] && echo " + uncommitted engine changes")" \
            "$(date -u -r "$ENGINE_BIN/searcher" +%Y-%m-%dT%H:%MZ)" > "$RESULTS/longjing-build.txt"
    fi
fi

script=$1; shift
case $script in
    *.py) exec python3 "$H/$script" "$@" ;;
    *)    exec "$H/$script" "$@" ;;
esac
