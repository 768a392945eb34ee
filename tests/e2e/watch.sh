#!/usr/bin/env bash
# indexer --watch in a real inotify session on a temporary folder, every wait bounded:
# new, changed, renamed and deleted files, a new folder, a folder moved out and back, a
# burst of 1,000 saves indexed in a few batches, SIGTERM answered within a second, and a
# kill -9 whose index the next run completes without duplicates.
#   watch.sh INDEXER SEARCHER
set -uo pipefail
indexer=$1 searcher=$2
work=$(mktemp -d)
watcher=
trap '[ -n "$watcher" ] && kill -9 "$watcher" 2>/dev/null; rm -rf "$work"' EXIT
export LONGJING_DB=$work/db
source "$(dirname "$0")/checks.sh"
# until_paths NAME QUERY EXPECTED: waits up to 10 s for `searcher -l QUERY` to print the
# paths EXPECTED lists, sorted and space-separated. Sorted: hits that tie list by document
# id, which follows the order the watch's batches happened to write them in.
until_paths() {
  local got
  for _ in $(seq 100); do
    got=$("$searcher" -l "$2" 2>/dev/null | sort | paste -sd ' ')
    [ "$got" = "$3" ] && { pass; return; }
    sleep 0.1
  done
  fail "$1: searcher -l $2 gave '$got', expected '$3'"
}
start_watch() {
  "$indexer" --watch "$@" 2>>"$work/watch.err" &
  watcher=$!
  for _ in $(seq 100); do grep -q 'watching' "$work/watch.err" && return; sleep 0.1; done
  echo "watch.sh: the watch did not start: $(cat "$work/watch.err")"; exit 1
}

mkdir -p "$work/notes"
notes=$(cd "$work/notes" && pwd -P)
printf 'alpha first note\n' >"$notes/one.txt"
start_watch "$notes"
until_paths "first-pass" alpha "$notes/one.txt"
printf 'bravo second note\n' >"$notes/two.txt"
until_paths "new-file" bravo "$notes/two.txt"
printf 'now it says delta\n' >"$notes/two.txt"
until_paths "changed-file" delta "$notes/two.txt"
until_paths "changed-file-loses-old-words" bravo ""
mv "$notes/two.txt" "$notes/renamed.txt"
until_paths "renamed-file" delta "$notes/renamed.txt"
rm "$notes/one.txt"
until_paths "deleted-file" alpha ""
mkdir -p "$notes/new/deeper"
printf 'echo in a new folder\n' >"$notes/new/deeper/three.md"
until_paths "new-folder-is-watched" echo "$notes/new/deeper/three.md"
printf 'foxtrot later in the new folder\n' >"$notes/new/deeper/four.md"
until_paths "new-folder-file-after" foxtrot "$notes/new/deeper/four.md"
mv "$notes/new" "$work/away"
until_paths "folder-moved-out" echo ""
mv "$work/away" "$notes/back"
until_paths "folder-moved-in" echo "$notes/back/deeper/three.md"
printf 'hidden golf\n' >"$notes/.hidden.txt"; printf 'unknown golf\n' >"$notes/data.bin"
printf 'hotel marks the queue\n' >"$notes/marker.txt"
until_paths "marker" hotel "$notes/marker.txt"
until_paths "hidden-and-unknown-files-ignored" golf ""

# a-burst-is-a-few-batches: 1,000 saves (10 files, 100 each) cost a few commits.
before=$(grep -c '^indexer: changes:' "$work/watch.err")
for round in $(seq 100); do
  for f in $(seq 10); do printf 'burst round %s kilo%s\n' "$round" "$f" >"$notes/burst$f.txt"; done
done
until_paths "burst-ends-indexed" "round" "$(for f in $(seq 10); do printf '%s ' "$notes/burst$f.txt"; done | sed 's/ $//' | tr ' ' '\n' | sort | paste -sd ' ')"
sleep 1
batches=$(( $(grep -c '^indexer: changes:' "$work/watch.err") - before ))
if [ "$batches" -ge 1 ] && [ "$batches" -le 20 ]; then pass; else fail "a-burst-is-a-few-batches: $batches batches for 1,000 saves"; fi
if [ "$("$searcher" -c '"round 100"')" -eq 10 ]; then pass; else fail "burst-last-save-wins"; fi

# sigterm-stops-within-a-second, every change committed.
start=$(date +%s%N)
kill -TERM "$watcher"
for _ in $(seq 50); do kill -0 "$watcher" 2>/dev/null || break; sleep 0.05; done
wait "$watcher"; status=$?
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
watcher=
if [ "$status" -eq 0 ] && [ "$elapsed" -lt 1000 ] && grep -q 'stopped watching' "$work/watch.err"; then pass; else
  fail "sigterm-stops-within-a-second: exit $status after $elapsed ms"; fi

# kill-9-then-complete: changes made while no watcher runs, and one killed mid-batch.
start_watch
for i in $(seq 200); do printf 'lima %s\n' "$i" >"$notes/lima$i.txt"; done
sleep 0.2
kill -9 "$watcher"; wait "$watcher" 2>/dev/null; watcher=
"$indexer" -q
if [ "$("$searcher" -c lima)" -eq 200 ]; then pass; else fail "kill-9-then-complete: $("$searcher" -c lima) of 200"; fi
documents=$(find "$notes" -name '*.txt' -o -name '*.md' | grep -v '/\.' | wc -l)
total=$("$indexer" | grep -o '[0-9]* documents' | cut -d' ' -f1)
if [ "$total" -eq "$documents" ]; then pass; else fail "no-duplicates: $total documents for $documents files"; fi

# watch-applies-remembered-settings: a watch started bare keeps a root's --exclude.
"$indexer" -q --exclude 'drafts' "$notes"
start_watch
mkdir -p "$notes/drafts"
printf 'mike in an excluded folder\n' >"$notes/drafts/m.txt"
printf 'november marks the queue\n' >"$notes/marker2.txt"
until_paths "marker-after-exclude" november "$notes/marker2.txt"
until_paths "watch-applies-remembered-exclude" mike ""
kill -TERM "$watcher"; wait "$watcher"; watcher=

echo "watch: $passed passed, $failures failed"
[ "$failures" = 0 ]
