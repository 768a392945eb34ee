#!/usr/bin/env bash
# build.sh [COMMIT]: build the indexer and searcher of one commit (default HEAD) in release
# mode, outside the work tree, so that a benchmark measures exactly that commit even while
# the work tree changes.  Prints the bin directory; use it as ENGINE_BIN:
#
#   export ENGINE_BIN=$(bench/build.sh)        # then bench/index.sh, bench/query.sh, ...
#
# Source: `git archive COMMIT` into BENCH_ROOT/build/<sha>/src; build in .../build.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_ROOT=${BENCH_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/longjing-bench}
sha=$(git -C "$REPO" rev-parse --short=12 "${1:-HEAD}^{commit}")
top=$BENCH_ROOT/build/$sha
if [ ! -x "$top/build/bin/searcher" ] || [ ! -x "$top/build/bin/indexer" ]; then
    rm -rf "$top"; mkdir -p "$top/src"
    git -C "$REPO" archive "$sha" | tar -x -C "$top/src"
    cmake -S "$top/src" -B "$top/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
    cmake --build "$top/build" --target indexer searcher >&2
fi
echo "commit $sha, release build" > "$top/build/bin/BUILD-INFO"
echo "$top/build/bin"
