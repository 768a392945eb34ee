#!/usr/bin/env bash
# What a new user meets in the first hour, each check named after what was seen:
# -l lists every match (not the first 10), -0 without -l is an error, an error never
# repeats a 40 KB query, a terminal is told how many matched, --stdin answers every line,
# a damaged database names the way out, --help reads as prose, a dropped date says so.
#   first_hour.sh INDEXER SEARCHER SOURCE_DIR
set -uo pipefail
indexer=$1 searcher=$2 source=$(cd "$3" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LONGJING_DB=$work/db
source "$(dirname "$0")/checks.sh"

python3 "$source/tests/e2e/ranking_corpus.py" "$work/corpus" 60
"$indexer" -q "$work/corpus" || { echo "first_hour.sh: indexing failed"; exit 1; }
# A word in most of the made-up articles (the most frequent stem of the corpus).
word=$(cat "$work/corpus"/*.txt | tr ' .' '\n\n' | tr 'A-Z' 'a-z' | grep -E '^[a-z]{4,}$' \
  | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
count=$("$searcher" -c "$word")

# l-lists-every-match: as grep -l does, so that `searcher -l X | xargs` loses no file.
listed=$("$searcher" -l "$word" | wc -l)
if [ "$count" -gt 10 ] && [ "$listed" -eq "$count" ]; then pass; else
  fail "l-lists-every-match: searcher -l $word listed $listed of $count matches"; fi
paths=$("$searcher" --format paths "$word" | wc -l)
if [ "$paths" -eq "$count" ]; then pass; else
  fail "format-paths-lists-every-match: $paths of $count"; fi
# ... unless -n is given.
limited=$("$searcher" -l -n 3 "$word" | wc -l)
if [ "$limited" -eq 3 ]; then pass; else fail "l-with-n-stops-at-n: $limited lines for -n 3"; fi
nul=$("$searcher" -l -0 "$word" | tr -cd '\0' | wc -c)
if [ "$nul" -eq "$count" ]; then pass; else fail "l-0-ends-every-path-with-nul: $nul of $count"; fi

# honest-numbers: the summary's count with -n 1 is the count -c gives (Xapian's estimate
# from the first hits read was above or below it), and says it is exact.
ranked=$(cat "$work/corpus"/*.txt | tr ' .' '\n\n' | tr 'A-Z' 'a-z' | grep -E '^[a-z]{4,}$' \
  | sort | uniq -c | sort -rn | awk 'NR == 121 || NR == 151 { print $2 }')
second=${ranked%%$'\n'*} third=${ranked##*$'\n'}
for q in "$word" "$second OR $third" "${second:0:4}*" "${third:0:4}*" "$word $second" \
    "$word -$third"; do
  exact=$("$searcher" -c "$q")
  summary=$("$searcher" --json -n 1 "$q" | tail -1 | python3 -c '
import json, sys; s = json.load(sys.stdin); print(s["estimated_matches"], s["matches_exact"])')
  if [ "$summary" = "$exact True" ]; then pass; else
    fail "honest-numbers: '$q' -c counts $exact, --json -n 1 says '$summary'"; fi
done

# null-without-l-is-an-error: -0 was silently ignored with text output.
"$searcher" -0 "$word" >"$work/out" 2>"$work/err"
status=$?
if [ "$status" -eq 2 ] && grep -q '^searcher: -0 .*-l' "$work/err" && [ ! -s "$work/out" ]; then pass; else
  fail "null-without-l-is-an-error: exit $status, stderr: $(cat "$work/err")"; fi

# long-query-error-is-short: a 40 KB query with a bad date is cut in the message.
long=$(python3 -c 'print("a " * 20000 + "date:2025-13")')
"$searcher" "$long" >/dev/null 2>"$work/err"
status=$?
bytes=$(wc -c <"$work/err")
if [ "$status" -eq 2 ] && [ "$bytes" -lt 400 ] && grep -q 'bytes)' "$work/err"; then pass; else
  fail "long-query-error-is-short: exit $status, $bytes bytes on stderr"; fi

# terminal-says-how-many: at a terminal (script(1) gives one), more matches than shown end
# with a count line; a pipe gets the hits alone.
if command -v script >/dev/null; then
  line=$(script -qec "NO_COLOR=1 $searcher -n 2 $word" /dev/null </dev/null | tr -d '\r' | tail -1)
  if [ "$line" = "2 of $count matches (-n for more, --offset to page)" ]; then pass; else
    fail "terminal-says-how-many: last line '$line'"; fi
  line=$(script -qec "NO_COLOR=1 $searcher -n 2 --offset 4 $word" /dev/null </dev/null | tr -d '\r' | tail -1)
  if [ "$line" = "5–6 of $count matches (-n for more, --offset to page)" ]; then pass; else
    fail "terminal-says-how-many-with-offset: last line '$line'"; fi
fi
if ! grep -q ' of .* matches' <<<"$("$searcher" -n 2 "$word")"; then pass; else  # read whole: see run.sh
  fail "pipe-gets-no-count-line"; fi

# stdin-always-answers: each line one answer ending with a summary or an error that names
# what is wrong (a blank line got no answer, and a driver waited forever).
answers=$(printf '%s\n' "$word" '' '   ' '{"query": 5}' '{"query": "x", "limt": 3}' \
    '{"query": "x", "snippets": 50}' '{"query": "x", "limit": -5}' | "$searcher" --stdin | python3 -c '
import json, sys
ends = [o for o in map(json.loads, sys.stdin) if o["type"] in ("summary", "error")]
print("|".join(o["type"] if o["type"] == "summary" else o["message"] for o in ends))')
expected='summary|the line is empty: write a query, or a JSON request object'
expected+='|the line is empty: write a query, or a JSON request object|"query" must be a string, not 5'
expected+='|the request has an unknown field "limt" (known: query, id, limit, offset, snippets, since, until, explain, sort, mtime_dates)'
expected+='|"snippets" must be a whole number from 1 to 20, not 50|"limit" must be a whole number from 0 up, not -5'
if [ "$answers" = "$expected" ]; then pass; else fail "stdin-always-answers: got '$answers'"; fi

# count-with-stdin-is-an-error: -c was silently ignored.
printf '%s\n' "$word" | "$searcher" --stdin -c >"$work/out" 2>"$work/err"
status=$?
if [ "$status" -eq 2 ] && grep -q '^searcher: -c does not apply to --stdin' "$work/err" && [ ! -s "$work/out" ]; then
  pass; else fail "count-with-stdin-is-an-error: exit $status"; fi

# damaged-database-names-the-way-out: a truncated table ("EOF reading block 2") and a
# deleted version file ("run indexer first") both say the database is damaged and how to
# rebuild it.
for damage in truncate-postlist delete-iamglass; do
  cp -r "$work/db" "$work/damaged"
  case $damage in
    truncate-postlist) truncate -s 8192 "$work/damaged/postlist.glass" ;;
    delete-iamglass) rm "$work/damaged/iamglass" ;;
  esac
  "$searcher" --db "$work/damaged" "$word" >/dev/null 2>"$work/err"
  status=$?
  if [ "$status" -eq 2 ] && grep -q "^searcher: database $work/damaged is damaged (.*): rebuild it with indexer --rebuild --db $work/damaged" "$work/err"; then
    pass; else fail "damaged-database-names-the-way-out ($damage): exit $status, $(cat "$work/err")"; fi
  rm -rf "$work/damaged"
done

# folder-above-the-database-names-it: --db pointed one folder too high was called damaged.
mkdir "$work/above" && cp -r "$work/db" "$work/above/index"
"$searcher" --db "$work/above" "$word" >/dev/null 2>"$work/err"
status=$?
if [ "$status" -eq 2 ] && grep -qx "searcher: cannot open database $work/above: it is not a database, but $work/above/index is one (--db $work/above/index)" "$work/err"; then
  pass; else fail "folder-above-the-database-names-it: exit $status, $(cat "$work/err")"; fi
# ... while a directory of shards with one damaged shard is damaged.
"$indexer" -q --shards 2 --db "$work/shards" "$work/corpus"
rm "$work/shards/shard-1/iamglass"
"$searcher" --db "$work/shards" "$word" >/dev/null 2>"$work/err"
status=$?
if [ "$status" -eq 2 ] && grep -q "^searcher: database $work/shards is damaged (.*): rebuild it with indexer --rebuild --db $work/shards" "$work/err"; then
  pass; else fail "damaged-shard-names-the-way-out: exit $status, $(cat "$work/err")"; fi

# help-reads-as-prose: no CLI11 type noise ("UINT:INT in [1 - 20]", "FLOAT:FLOAT in ...").
for bin in "$indexer" "$searcher"; do
  noise=$("$bin" --help | grep -E 'UINT|FLOAT|TEXT|ENUM|INT in \[|:\{' || true)
  if [ -z "$noise" ]; then pass; else fail "help-reads-as-prose ($(basename "$bin")): $noise"; fi
done

# dropped-date-says-so: a front-matter date that names no day is reported with the file's
# name (it was dropped in silence); "April 5, 2024" is a date.
mkdir "$work/dated"
printf -- '---\ntitle: A\ndate: April 5, 2024\n---\nalpha\n' >"$work/dated/a.md"
printf -- '---\ntitle: B\ndate: 2024-02-30\n---\nbeta\n' >"$work/dated/b.md"
"$indexer" --db "$work/dated-db" "$work/dated" >/dev/null 2>"$work/err"
if grep -q "^indexer: $work/dated/b.md: warning: date '2024-02-30' is no calendar day" "$work/err" &&
   ! grep -q "a.md" "$work/err" &&
   [ "$("$searcher" --db "$work/dated-db" --json alpha | grep -c '"date":"2024-04-05"')" -eq 1 ]; then
  pass; else fail "dropped-date-says-so: $(cat "$work/err")"; fi

echo "first hour: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
