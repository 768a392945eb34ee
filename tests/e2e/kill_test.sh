#!/usr/bin/env bash
# Crash safety and the writer lock, on ~3000 generated files:
#   - kill -9 the indexer at three moments; after each, searcher opens the database
#     (exit 0 or 1, never 2); a final run completes it with the same documents as a
#     clean build (count, and the paths a word common to every file finds);
#   - SIGINT: exit 130, summary printed, what was done committed;
#   - a second indexer waits --lock-timeout, then exits 2 naming <db>/flintlock.
#   kill_test.sh INDEXER SEARCHER
set -uo pipefail

indexer=$1 searcher=$2
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
export LC_ALL=C.UTF-8
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# 3000 files in 30 folders; "killtestword" is in every one.
for d in $(seq -w 0 29); do
  mkdir -p "$work/docs/$d"
  for f in $(seq -w 0 99); do
    printf 'Note %s-%s\n\nkilltestword 杭州宇树科技 note%s%s robots and dragons.\n' \
      "$d" "$f" "$d" "$f" >"$work/docs/$d/$f.txt"
  done
done

# Documents in a database, from the searcher: one path per line, sorted.
paths_of() { "$searcher" --db "$1" -l -n 0 killtestword | sort; }

# Waits until the indexer has created its database (at most 5 s).
wait_for_db() {
  for _ in $(seq 50); do [ -e "$1/iamglass" ] && return 0; sleep 0.1; done
  return 1
}

"$indexer" --db "$work/clean" -q "$work/docs" || fail "clean build"
paths_of "$work/clean" >"$work/clean.paths"
clean_count=$(wc -l <"$work/clean.paths")
[ "$clean_count" = 3000 ] || fail "clean build has $clean_count documents, expected 3000"

db=$work/db
for delay in 0.05 0.2 0.5; do
  "$indexer" --db "$db" --batch-size 25 -q "$work/docs" &
  pid=$!; pids+=("$pid")
  wait_for_db "$db" || fail "no database after 5 s"
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  "$searcher" --db "$db" -l -n 0 killtestword >"$work/after-kill" 2>"$work/err"
  status=$?
  [ "$status" = 0 ] || [ "$status" = 1 ] \
    || fail "after kill -9 at ${delay}s searcher exited $status: $(cat "$work/err")"
  echo "killed after ${delay}s: $(wc -l <"$work/after-kill") documents committed"
done
"$indexer" --db "$db" -q "$work/docs" || fail "the run after the kills failed"
paths_of "$db" >"$work/db.paths"
cmp -s "$work/clean.paths" "$work/db.paths" \
  || fail "after the kills: $(wc -l <"$work/db.paths") documents, differing from the clean build"

# SIGINT: the run stops, commits, prints its summary and exits 130.
int_db=$work/int-db
"$indexer" --db "$int_db" --batch-size 25 "$work/docs" >"$work/int-out" 2>"$work/int-err" &
pid=$!; pids+=("$pid")
wait_for_db "$int_db" || fail "no database after 5 s"
sleep 0.2
kill -INT "$pid"
wait "$pid"
status=$?
if [ "$status" = 0 ]; then
  echo "note: the indexer finished before SIGINT arrived"
else
  [ "$status" = 130 ] || fail "SIGINT: exit $status, expected 130"
  grep -q "documents in $int_db" "$work/int-out" || fail "SIGINT: no summary: $(cat "$work/int-out")"
  grep -q "interrupted" "$work/int-err" || fail "SIGINT: no notice on stderr: $(cat "$work/int-err")"
  committed=$(paths_of "$int_db" | wc -l)
  summary=$(sed -n 's/.*; \([0-9]*\) documents in.*/\1/p' "$work/int-out")
  [ "$committed" = "$summary" ] || fail "SIGINT: summary says $summary documents, searcher finds $committed"
  echo "SIGINT: $committed documents committed"
fi

# The lock: a second writer waits 0.3 s, then fails naming the lock file. The first is an
# update run that re-reads every file and commits after each (a full build is too quick
# to be caught holding the lock).
"$indexer" --db "$work/lock-db" -q "$work/docs" || fail "lock-db build"
find "$work/docs" -type f -exec touch -d '2001-01-01' {} +
"$indexer" --db "$work/lock-db" --batch-size 1 -q "$work/docs" &
pid=$!; pids+=("$pid")
sleep 0.2
start=$(date +%s%N)
"$indexer" --db "$work/lock-db" --lock-timeout 0.3 -q "$work/docs" 2>"$work/lock-err"
status=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
[ "$status" = 2 ] || fail "second writer: exit $status, expected 2"
grep -q "indexer: .*locked.*$work/lock-db/flintlock" "$work/lock-err" \
  || fail "second writer: message does not name the lock: $(cat "$work/lock-err")"
[ "$elapsed_ms" -ge 300 ] && [ "$elapsed_ms" -lt 3000 ] \
  || fail "second writer gave up after ${elapsed_ms} ms, expected 300-3000"

echo "kill_test: $failures failure(s)"
[ "$failures" = 0 ]
