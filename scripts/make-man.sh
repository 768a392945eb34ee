#!/usr/bin/env bash
# Regenerates docs/man/longjing-{indexer,searcher}.1, the installed programs' pages, from the
# binaries' --help and --version (help2man, Debian package help2man), run under their
# installed names. tests/e2e/man_pages.sh fails when they drift apart.
#   scripts/make-man.sh [BIN_DIR]        (default build/release/bin)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(cd "${1:-build/release/bin}" && pwd)
command -v help2man >/dev/null || { echo "make-man: install help2man first" >&2; exit 2; }
# The programs name themselves after argv[0]: links with the installed names.
named=$(mktemp -d)
trap 'rm -rf "$named"' EXIT
ln -s "$bin/indexer" "$named/longjing-indexer"
ln -s "$bin/searcher" "$named/longjing-searcher"
# help2man writes what its locale (default C) cannot encode as "?": the Chinese examples need UTF-8.
export LC_ALL=C.UTF-8
help2man --no-info --locale=C.UTF-8 --section 1 --name "index articles for Longjing full-text search" \
  --output docs/man/longjing-indexer.1 "$named/longjing-indexer"
help2man --no-info --locale=C.UTF-8 --section 1 --name "search articles indexed by Longjing" \
  --output docs/man/longjing-searcher.1 "$named/longjing-searcher"
