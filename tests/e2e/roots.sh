#!/usr/bin/env bash
# Known roots: the index remembers the roots it was given (canonical paths); a bare
# `indexer` updates them all; a root reached through a symbolic link or given twice is one
# root, its files indexed once; a root that has vanished is reported by name and keeps its
# documents until `indexer --forget` removes it; `--list-roots` shows them.
#   roots.sh INDEXER SEARCHER
set -uo pipefail
indexer=$1 searcher=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LONGJING_DB=$work/db
source "$(dirname "$0")/checks.sh"

mkdir -p "$work/notes/sub" "$work/papers"
printf 'Unitree note one.\n' >"$work/notes/one.txt"
printf 'Unitree note two.\n' >"$work/notes/sub/two.md"
printf 'Unitree paper.\n' >"$work/papers/paper.txt"
ln -s "$work/notes" "$work/link-to-notes"
notes=$(cd "$work/notes" && pwd -P) papers=$(cd "$work/papers" && pwd -P)

# no-roots-yet: a bare indexer with nothing known says what to do.
"$indexer" >/dev/null 2>"$work/err"; status=$?
if [ "$status" -eq 2 ] && grep -q "knows no roots yet" "$work/err"; then pass; else fail "no-roots-yet: exit $status, $(cat "$work/err")"; fi

# one-root-however-reached: DIR, DIR/../DIR and a link to DIR index the same files once.
"$indexer" -q "$work/notes" "$work/notes/../notes" "$work/link-to-notes"
same "one-root-however-reached" 2 "$("$searcher" -c Unitree)"
"$indexer" -q "$work/link-to-notes"
same "link-adds-nothing" 2 "$("$searcher" -c Unitree)"
same "roots-are-canonical" "$notes" "$("$indexer" --list-roots)"

# bare-run-updates-every-root: a second root, then a new file found without naming any.
"$indexer" -q "$work/papers"
same "roots-in-order" "$notes|$papers" "$("$indexer" --list-roots | paste -sd '|')"
printf 'Unitree note three.\n' >"$work/notes/three.txt"
rm "$work/papers/paper.txt" && printf 'Unitree paper zebrafish.\n' >"$work/papers/paper2.txt"
summary=$("$indexer")
same "bare-run-updates-every-root" "2 added, 0 updated, 1 deleted" "$(echo "$summary" | cut -d, -f1-3)"
same "bare-run-finds-the-new-file" "$notes/three.txt" "$("$searcher" -l three)"
same "bare-run-deletes-the-gone-file" "$papers/paper2.txt" "$("$searcher" -l paper)"

# vanished-root-keeps-its-documents: a missing mount must not wipe an index.
mv "$work/papers" "$work/papers-away"
"$indexer" >"$work/out" 2>"$work/err"; status=$?
if [ "$status" -eq 0 ] && grep -q "^indexer: $papers: warning: this root has vanished" "$work/err"; then pass; else
  fail "vanished-root-is-reported: exit $status, $(cat "$work/err")"; fi
same "vanished-root-keeps-its-documents" "$papers/paper2.txt" "$("$searcher" -l zebrafish)"
same "vanished-root-is-listed-missing" "$papers (missing)" "$("$indexer" --list-roots | tail -1)"
"$indexer" >/dev/null 2>&1
same "vanished-root-stays-known" 2 "$("$indexer" --list-roots | wc -l)"

# forget: the root and its documents go; the other root's stay.
same "forget-says-what-it-deleted" "1 deleted; 3 documents in $work/db" "$("$indexer" --forget "$papers")"
same "forget-removes-the-documents" "" "$("$searcher" -l zebrafish)"
same "forget-removes-the-root" "$notes" "$("$indexer" --list-roots)"
same "forget-keeps-the-rest" 3 "$("$searcher" -c Unitree)"
"$indexer" --forget "$work/nowhere" >/dev/null 2>"$work/err"; status=$?
if [ "$status" -eq 2 ] && grep -q "is not a root of $work/db (its roots: $notes)" "$work/err"; then pass; else
  fail "forget-an-unknown-root-is-an-error: exit $status, $(cat "$work/err")"; fi

# rebuild-keeps-the-roots: a bare --rebuild rebuilds every known root.
"$indexer" -q --rebuild
same "rebuild-keeps-the-roots" "$notes" "$("$indexer" --list-roots)"
same "rebuild-keeps-the-documents" 3 "$("$searcher" -c Unitree)"

# a-lowered-limit-applies-to-what-is-indexed: a file now over --max-file-size is removed
# and reported, not left indexed because it did not change.
python3 -c 'print("Unitree big " + "word " * 600)' >"$notes/big.txt"
"$indexer" -q
same "big-file-indexed" "$notes/big.txt" "$("$searcher" -l big)"
summary=$("$indexer" --max-file-size 1k 2>"$work/err")
same "lowered-limit-removes-it" "0 added, 0 updated, 1 deleted" "$(echo "$summary" | cut -d, -f1-3)"
if grep -q "^indexer: $notes/big.txt: skipped: larger than the limit of 1024 bytes" "$work/err"; then pass; else
  fail "lowered-limit-says-so: $(cat "$work/err")"; fi
same "lowered-limit-leaves-no-hit" "" "$("$searcher" -l big)"

# settings-are-remembered: a bare run applies the limit and the globs each root was last
# indexed with; a run given others replaces them for the roots it names, and only those.
summary=$("$indexer" 2>/dev/null)
same "remembered-limit-keeps-it-out" "0 added, 0 updated, 0 deleted" "$(echo "$summary" | cut -d, -f1-3)"
same "remembered-limit-leaves-no-hit" "" "$("$searcher" -l big)"
same "list-roots-v-shows-the-settings" "$notes	--max-file-size 1024" "$("$indexer" --list-roots -v)"
mkdir -p "$notes/drafts"
printf 'Unitree draft kumquat.\n' >"$notes/drafts/draft.txt"
"$indexer" -q --exclude drafts "$notes" 2>/dev/null
same "exclude-keeps-the-draft-out" "" "$("$searcher" -l kumquat)"
printf 'Unitree draft two kumquat.\n' >"$notes/drafts/draft2.txt"
"$indexer" -q 2>/dev/null
same "remembered-exclude-on-a-bare-run" "" "$("$searcher" -l kumquat)"
"$indexer" -q "$work/notes" 2>/dev/null
same "remembered-exclude-when-the-root-is-named" "" "$("$searcher" -l kumquat)"
same "exclude-kept-the-limit" "$notes	--max-file-size 1024 --exclude drafts" "$("$indexer" --list-roots -v)"
"$indexer" -q --exclude 'a b*' --exclude "it's" "$notes" 2>/dev/null
same "globs-are-shell-quoted" "$notes	--max-file-size 1024 --exclude 'a b*' --exclude 'it'\''s'" \
  "$("$indexer" --list-roots -v)"
same "a-new-exclude-replaces-the-old" "$notes/drafts/draft.txt|$notes/drafts/draft2.txt" \
  "$("$searcher" -l kumquat | sort | paste -sd '|')"
mkdir -p "$work/papers" && printf 'Unitree paper kumquat.\n' >"$work/papers/p.md"
"$indexer" -q --exclude '*.md' "$work/papers" 2>/dev/null
same "settings-are-per-root" "$notes	--max-file-size 1024 --exclude 'a b*' --exclude 'it'\''s'|$papers	--max-file-size 67108864 --exclude '*.md'" \
  "$("$indexer" --list-roots -v | paste -sd '|')"
same "per-root-exclude-applies" "" "$("$searcher" -l paper)"
"$indexer" -q --no-exclude --max-file-size 64m 2>/dev/null
same "no-exclude-forgets-the-globs" "$notes	--max-file-size 67108864|$papers	--max-file-size 67108864" \
  "$("$indexer" --list-roots -v | paste -sd '|')"
same "no-exclude-indexes-them-again" "$papers/p.md" "$("$searcher" -l paper)"
same "a-raised-limit-indexes-it-again" "$notes/big.txt" "$("$searcher" -l big)"
"$indexer" --no-exclude --exclude x >/dev/null 2>"$work/err"; status=$?
if [ "$status" -eq 2 ]; then pass; else fail "no-exclude-and-exclude-conflict: exit $status"; fi
"$indexer" -q --max-file-size 2k "$papers" 2>/dev/null
"$indexer" -q --rebuild 2>/dev/null
same "rebuild-keeps-the-settings" "$notes	--max-file-size 67108864|$papers	--max-file-size 2048" \
  "$("$indexer" --list-roots -v | paste -sd '|')"
"$indexer" -q --forget "$papers" && "$indexer" -q "$papers"
same "forget-forgets-the-settings" "$papers	--max-file-size 67108864" "$("$indexer" --list-roots -v | tail -1)"

# an-older-schema-is-rebuilt-bare: an index of an older schema version (2: before the
# document data left the path to its value) is refused with the way out, and a bare
# --rebuild rebuilds every root it knew.
printf 'Notes from a café.\n' >"$notes/cafe.txt"
xapian-metadata set "$work/db" longjing:schema 2
"$searcher" cafe >/dev/null 2>"$work/err"; status=$?
if [ "$status" -eq 2 ] && grep -q "has schema version 2, this program needs 6: rebuild it with indexer --rebuild" "$work/err"; then pass; else
  fail "older-schema-is-refused: exit $status, $(cat "$work/err")"; fi
"$indexer" -q --rebuild 2>"$work/err"; status=$?
same "older-schema-bare-rebuild" "0" "$status"
same "older-schema-rebuild-keeps-the-roots" "$notes|$papers" "$("$indexer" --list-roots | paste -sd '|')"
same "accents-fold-after-the-rebuild" "$notes/cafe.txt" "$("$searcher" -l cafe)"

echo "roots: $passed passed, $failures failed"
[ "$failures" = 0 ]
