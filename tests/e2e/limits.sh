#!/usr/bin/env bash
# Resource limits that are cheap to check (docs/limits.md has the full list, the numbers
# and the manual checks): long queries, a deep directory tree, a path past PATH_MAX, a long
# single-line file, a 2 GiB zip bomb. Each run must end in time (timeout 60 s) with the expected status and
# output, never crash.
#   limits.sh INDEXER SEARCHER
set -uo pipefail

indexer=$1 searcher=$2
export LC_ALL=C.UTF-8 NO_COLOR=
unset LONGJING_DB XDG_DATA_HOME
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0 passed=0

# check NAME STATUS EXPECTED_STDOUT PROGRAM ARGS...
check() {
  local name=$1 want=$2 want_out=$3; shift 3
  timeout 60 "$@" >"$work/out" 2>"$work/err"
  local status=$?
  if [ "$status" = "$want" ] && [ "$(cat "$work/out")" = "$want_out" ]; then
    passed=$((passed + 1))
  else
    echo "FAIL: $name: exit $status (expected $want); stdout: $(head -c 300 "$work/out");" \
      "stderr: $(head -c 300 "$work/err")"
    failures=$((failures + 1))
  fi
}

# A small database: one English and one Chinese article.
mkdir -p "$work/docs"
echo "Unitree robots dance at the gala" >"$work/docs/en.txt"
echo "杭州宇树科技的机器狗在春晚跳舞" >"$work/docs/zh.txt"
check index 0 "" "$indexer" -q --db "$work/db" "$work/docs"

# Long queries: 10,000 words ANDed, 10,002 Chinese characters (a 10,001-bigram phrase),
# 1,000 words ORed (10,000 ORed words take minutes: docs/limits.md).
words=$(seq 1 10000 | sed 's/^/w/' | tr '\n' ' ')
check "10,000-word query" 1 "" "$searcher" --db "$work/db" -l "$words"
cjk=$(printf '宇树科技杭州%.0s' $(seq 1 1667))
check "10,002-character Chinese query" 1 "" "$searcher" --db "$work/db" -l "$cjk"
ors=$(seq 1 1000 | sed 's/^/w/' | paste -sd' ' | sed 's/ / OR /g')
check "1,000 ORed words" 0 "$work/docs/en.txt" "$searcher" --db "$work/db" -l "$ors OR unitree"

# A tree 100 directories deep is walked; past PATH_MAX (4096 bytes) the walk reports the
# directory it cannot read and goes on.
deep=$work/deep
path=$deep
for i in $(seq 1 100); do path=$path/d$i; done
mkdir -p "$path" && echo "bottomword" >"$path/bottom.txt"
check "100 levels deep: index" 0 "" "$indexer" -q --db "$work/deep-db" "$deep"
check "100 levels deep: search" 0 "$path/bottom.txt" "$searcher" --db "$work/deep-db" -l bottomword
long=$work/long
mkdir -p "$long" && (cd "$long" && for i in $(seq 1 100); do
  mkdir "directory-with-a-rather-long-name-number-$i" && cd "directory-with-a-rather-long-name-number-$i"
done && echo "toodeepword" >bottom.txt)
check "past PATH_MAX: index" 0 "" "$indexer" -q --db "$work/long-db" "$long"
grep -q "skipped: cannot read directory: File name too long" "$work/err" \
  && passed=$((passed + 1)) || { echo "FAIL: past PATH_MAX: no reason given"; failures=$((failures + 1)); }

# A 1 MB file on one line (the 50 MB case is a manual check: docs/limits.md).
awk 'BEGIN { for (i = 0; i < 110000; i++) printf "word%d ", i % 5000; printf "lastword" }' \
  >"$work/docs/one-line.txt"
check "1 MB single line: index" 0 "" "$indexer" -q --db "$work/db" "$work/docs"
check "1 MB single line: search" 0 "$work/docs/one-line.txt" "$searcher" --db "$work/db" -l lastword

# A 2 GiB zip bomb (a DOCX of 2 MB, written by make_documents.py): refused from its
# declared size, never inflated, in little memory (docs/limits.md).
mkdir -p "$work/bomb"
python3 "$(dirname "$0")/../fixtures/make_documents.py" --bomb "$work/bomb/bomb.docx"
check "2 GiB zip bomb: index" 0 "" /usr/bin/time -f %M -o "$work/rss" "$indexer" -q --db "$work/bomb-db" "$work/bomb"
grep -qF "$work/bomb/bomb.docx: skipped: zip entry word/document.xml would unpack to 2048 MiB, past the limit of 256 MiB unpacked per archive" "$work/err" \
  && passed=$((passed + 1)) || { echo "FAIL: zip bomb: not refused by name: $(cat "$work/err")"; failures=$((failures + 1)); }
rss_kb=$(tail -n 1 "$work/rss")
[ "$rss_kb" -lt 204800 ] && passed=$((passed + 1)) \
  || { echo "FAIL: zip bomb: peak RSS ${rss_kb} KB, above 200 MB"; failures=$((failures + 1)); }

echo "limits: $passed passed, $failures failed"
[ "$failures" = 0 ]
