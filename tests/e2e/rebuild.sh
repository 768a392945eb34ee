#!/usr/bin/env bash
# Rebuilds never go dark: while `indexer --rebuild` runs, searchers (a new process for each
# query, and one --stdin session across the swap) see the whole old index, never an empty
# or half-built one; a rebuild killed with -9 leaves the old index serving, and the next
# run completes with no duplicates.
#   rebuild.sh INDEXER SEARCHER
set -uo pipefail
indexer=$1 searcher=$2
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
export LONGJING_DB=$work/db
source "$(dirname "$0")/checks.sh"

# 1,500 articles of a few KB: a build long enough to search during it.
python3 - "$work/articles" <<'PY'
import os, random, sys
os.makedirs(sys.argv[1])
rng = random.Random(7)
words = "robot dog motor gait sensor battery lidar joint torque spring festival gala hangzhou".split()
for i in range(1, 1501):
    body = " ".join(rng.choice(words) + str(rng.randrange(3000)) for _ in range(600))
    with open(os.path.join(sys.argv[1], f"a{i}.txt"), "w") as f:
        f.write(f"Article {i} about quadrupeds\n\nThe quadruped {i} walks. {body}.\n")
PY
"$indexer" -q "$work/articles"
total=$("$searcher" -c quadruped)
[ "$total" -eq 1500 ] || { echo "rebuild.sh: the first build holds $total of 1500"; exit 1; }

# A --stdin session opened before the rebuild, asked again after the swap.
mkfifo "$work/requests"
"$searcher" --stdin <"$work/requests" >"$work/session.jsonl" 2>"$work/session.err" &
session=$!
exec 3>"$work/requests"
echo '{"query": "quadruped", "limit": 1}' >&3

# never-dark: counts taken while the rebuild runs (a one-thread build, batches of 50).
"$indexer" -q --rebuild --jobs 1 --batch-size 50 &
rebuild=$!
counts=()
while kill -0 "$rebuild" 2>/dev/null && [ ${#counts[@]} -lt 200 ]; do
  count=$("$searcher" -c quadruped 2>/dev/null)
  counts+=("${count:-error}")
done
wait "$rebuild"; status=$?
short=$(printf '%s\n' "${counts[@]}" | grep -vxc "$total")
if [ "$status" -eq 0 ] && [ ${#counts[@]} -ge 3 ] && [ "$short" -eq 0 ]; then pass; else
  fail "never-dark: exit $status; of ${#counts[@]} counts during the rebuild, $short were not $total: $(printf '%s ' "${counts[@]}" | head -c 300)"
fi
if [ "$("$searcher" -c quadruped)" -eq "$total" ]; then pass; else fail "rebuilt-index-is-whole"; fi

echo '{"query": "quadruped", "limit": 1}' >&3
exec 3>&-
wait "$session"
summaries=$(python3 -c '
import json, sys
print(" ".join(str(o["estimated_matches"]) for o in map(json.loads, open(sys.argv[1])) if o["type"] == "summary"))' "$work/session.jsonl")
if [ "$summaries" = "$total $total" ]; then pass; else
  fail "stdin-session-survives-the-swap: '$summaries', $(cat "$work/session.err")"; fi

# killed-rebuild-keeps-the-old-index: kill -9 in the middle of the build.
printf 'A new article about quadrupeds.\n' >"$work/articles/new.txt"
"$indexer" -q --rebuild --jobs 1 --batch-size 50 &
rebuild=$!
for _ in $(seq 500); do [ -d "$work/db/.build" ] && break; sleep 0.01; done  # building beside it
sleep 0.2
kill -9 "$rebuild"; wait "$rebuild" 2>/dev/null
[ -d "$work/db/.build" ] || echo "rebuild.sh: note: the killed rebuild had no staging area left"
if [ "$("$searcher" -c quadruped)" -eq "$total" ]; then pass; else
  fail "killed-rebuild-keeps-the-old-index: $("$searcher" -c quadruped) of $total"; fi
"$indexer" -q
if [ "$("$searcher" -c quadruped)" -eq $((total + 1)) ]; then pass; else
  fail "next-run-completes-without-duplicates: $("$searcher" -c quadruped), expected $((total + 1))"; fi

echo "rebuild: $passed passed, $failures failed"
[ "$failures" = 0 ]
