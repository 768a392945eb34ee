#!/usr/bin/env bash
# Regenerates docs/man/{indexer,searcher}.1 from the binaries' --help and --version
# (help2man, Debian package help2man). tests/e2e/man_pages.sh fails when they drift apart.
#   scripts/make-man.sh [BIN_DIR]        (default build/release/bin)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/release/bin}
command -v help2man >/dev/null || { echo "make-man: install help2man first" >&2; exit 2; }
# help2man writes what its locale (default C) cannot encode as "?": the Chinese examples need UTF-8.
export LC_ALL=C.UTF-8
help2man --no-info --locale=C.UTF-8 --section 1 --name "index articles for Longjing full-text search" \
  --output docs/man/indexer.1 "$bin/indexer"
help2man --no-info --locale=C.UTF-8 --section 1 --name "search articles indexed by Longjing" \
  --output docs/man/searcher.1 "$bin/searcher"
