#!/usr/bin/env bash
# The man pages (docs/man/, made by scripts/make-man.sh from --help) must name every
# option that --help names, and no option --help no longer has, and keep its Chinese.
#   man_pages.sh INDEXER SEARCHER SOURCE_DIR
set -uo pipefail
indexer=$1 searcher=$2 man=$3/docs/man
failures=0 passed=0
for program in indexer searcher; do
  bin=$([ $program = indexer ] && echo "$indexer" || echo "$searcher")
  in_help=$("$bin" --help | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u)
  in_man=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$man/$program.1" | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u)
  missing=$(comm -23 <(echo "$in_help") <(echo "$in_man"))
  stale=$(comm -13 <(echo "$in_help") <(echo "$in_man"))
  # Text --help has that the page lost (help2man run in a non-UTF-8 locale writes '?').
  lost=$(grep -c '??' "$man/$program.1")
  [ "$("$bin" --help | grep -c '??')" -eq 0 ] || lost=0
  if [ -z "$missing$stale" ] && [ "$lost" -eq 0 ]; then
    passed=$((passed + 1))
  else
    echo "FAIL: $program.1 is out of date (run scripts/make-man.sh):"
    [ -n "$missing" ] && echo "  not in the man page: $missing"
    [ -n "$stale" ] && echo "  no longer in --help: $stale"
    [ "$lost" -gt 0 ] && echo "  $lost lines where characters became '?' (run it in a UTF-8 locale)"
    failures=$((failures + 1))
  fi
done
echo "man pages: $passed passed, $failures failed"
[ "$failures" = 0 ]
