#!/usr/bin/env bash
# The man pages (docs/man/longjing-*.1, made by scripts/make-man.sh from --help under the
# installed names) must name every option that --help names, and no option --help no
# longer has, keep its Chinese, and name the programs as installed.
#   man_pages.sh INDEXER SEARCHER SOURCE_DIR
set -uo pipefail
indexer=$1 searcher=$2 man=$3/docs/man
failures=0 passed=0
named=$(mktemp -d)
trap 'rm -rf "$named"' EXIT
ln -s "$(realpath "$indexer")" "$named/longjing-indexer"
ln -s "$(realpath "$searcher")" "$named/longjing-searcher"
for program in longjing-indexer longjing-searcher; do
  bin=$named/$program
  in_help=$("$bin" --help | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u)
  in_man=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$man/$program.1" | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u)
  missing=$(comm -23 <(echo "$in_help") <(echo "$in_man"))
  stale=$(comm -13 <(echo "$in_help") <(echo "$in_man"))
  # Text --help has that the page lost (help2man run in a non-UTF-8 locale writes '?').
  lost=$(grep -c '??' "$man/$program.1")
  [ "$("$bin" --help | grep -c '??')" -eq 0 ] || lost=0
  # The usage line names the installed program (the page was made from the build tree's name).
  usage=$(grep -c "^\.B $program\$" "$man/$program.1")
  if [ -z "$missing$stale" ] && [ "$lost" -eq 0 ] && [ "$usage" -eq 1 ]; then
    passed=$((passed + 1))
  else
    echo "FAIL: $program.1 is out of date (run scripts/make-man.sh):"
    [ -n "$missing" ] && echo "  not in the man page: $missing"
    [ -n "$stale" ] && echo "  no longer in --help: $stale"
    [ "$lost" -gt 0 ] && echo "  $lost lines where characters became '?' (run it in a UTF-8 locale)"
    [ "$usage" -eq 1 ] || echo "  its synopsis does not name $program"
    failures=$((failures + 1))
  fi
done
echo "man pages: $passed passed, $failures failed"
[ "$failures" = 0 ]
