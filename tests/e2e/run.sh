#!/usr/bin/env bash
# End-to-end tests: the real indexer and searcher on tests/fixtures/, each case's stdout,
# stderr and exit status compared with tests/e2e/expected/<case>.txt.
#   run.sh INDEXER SEARCHER TESTS_DIR        run every case
#   UPDATE=1 run.sh ...                      rewrite the expected files (review the diff!)
set -uo pipefail

indexer=$1 searcher=$2 tests=$(cd "$3" && pwd)
fixtures=$tests/fixtures
expected_dir=$tests/e2e/expected
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/db
export LONGJING_DB=$db NO_COLOR= LC_ALL=C.UTF-8
unset XDG_DATA_HOME

failures=0 passed=0

# Runs a command, captures what a user sees, and compares with the expected file.
check() {
  local name=$1; shift
  local actual=$work/$name.txt
  {
    "$@" >"$work/out" 2>"$work/err"
    local status=$?
    echo "\$ $(basename "$1") ${*:2}"
    cat "$work/out"
    [ -s "$work/err" ] && { echo "--- stderr"; cat "$work/err"; }
    echo "--- exit $status"
  } >"$actual"
  sed -i -E "s|$fixtures|<fixtures>|g; s|$work|<work>|g; s|$indexer|indexer|g; s|$searcher|searcher|g;
    s|\"elapsed_seconds\":[0-9.e+-]+|\"elapsed_seconds\":<time>|g" "$actual"
  if [ "${UPDATE:-}" = 1 ]; then
    cp "$actual" "$expected_dir/$name.txt"
  elif diff -u "$expected_dir/$name.txt" "$actual" >"$work/diff"; then
    passed=$((passed + 1))
  else
    echo "FAIL: $name"; cat "$work/diff"
    failures=$((failures + 1))
  fi
}

# Indexing, then re-indexing: the second run adds nothing.
check index-first "$indexer" "$fixtures/corpus"
check index-again "$indexer" "$fixtures/corpus"
# Bad input (its own database): each problem reported by file name, the rest indexed.
check index-bad-input "$indexer" --db "$work/bad-db" "$fixtures/bad"
check search-repaired-utf8 "$searcher" --db "$work/bad-db" --color=never unitree
check search-gb18030 "$searcher" --db "$work/bad-db" -l '杭州宇 gb18030'
check search-big5 "$searcher" --db "$work/bad-db" -l '杭州宇 big5'
check search-latin1 "$searcher" --db "$work/bad-db" --color=never brûlée
# A page in GB2312 that says so in <meta http-equiv>: read as declared, not as UTF-8.
check search-html-declared-charset "$searcher" --db "$work/bad-db" --color=never 声明的字符集

# Documents (tests/fixtures/documents/, written by make_documents.py), their own database:
# PDF, EPUB 2 and 3, DOCX, ODT, e-mail; an encrypted and a truncated PDF skipped by name;
# a PDF named .txt read as a PDF.
docs_db=$work/docs-db
check index-documents "$indexer" --db "$docs_db" "$fixtures/documents"
check search-documents-chinese "$searcher" --db "$docs_db" --color=never 机器狗
check search-documents-pdf-page-two "$searcher" --db "$docs_db" -l pdfmarkertwo
check search-documents-pdf-title "$searcher" --db "$docs_db" -l 'title:报告'
check search-documents-wrong-extension "$searcher" --db "$docs_db" --color=never wrongextensionmarker
check search-documents-epub-chapters "$searcher" --db "$docs_db" -l '"epubchaptertwomarker comes second"'
check search-documents-epub-nav-not-body "$searcher" --db "$docs_db" -l navonlymarker
check search-documents-docx-table "$searcher" --db "$docs_db" --color=never docxtablemarker
check search-documents-docx-deleted-text "$searcher" --db "$docs_db" -l deletedtextmarker
check search-documents-odt "$searcher" --db "$docs_db" --color=never odtbodymarker
check search-documents-mail-subject "$searcher" --db "$docs_db" --color=never 'title:周报'
check search-documents-mail-source "$searcher" --db "$docs_db" -l 'source:huabo'
check search-documents-mail-attachment-not-body "$searcher" --db "$docs_db" -l attachmentonlymarker
check search-documents-mail-html-alternative-not-body "$searcher" --db "$docs_db" -l htmlalternativemarker
check search-documents-mail-html-only "$searcher" --db "$docs_db" --color=never mailhtmlonlymarker
check search-documents-json "$searcher" --db "$docs_db" --json 'title:六小龙'
check search-documents-encrypted-not-indexed "$searcher" --db "$docs_db" -l encryptedpdfmarker

# Searching: English, Chinese, mixed, phrases, exit statuses.
check search-unitree "$searcher" --color=never Unitree
check search-yushu "$searcher" --color=never 宇树
check search-hangzhou-in-compound "$searcher" -l 杭州
check search-six-little-dragons-zh "$searcher" -l 六小龙
check search-exact-cjk-not-across-punctuation "$searcher" -l 春风
check search-repeated-chars-not-across-punctuation "$searcher" -l 哈哈哈
check search-mixed-chunk "$searcher" -l 机器狗Go2
check search-english-phrase "$searcher" -l '"Six Little Dragons"'
check search-stemmed "$searcher" -l robot
check search-html-skips-script "$searcher" -l scriptstylemarker
check search-html-skips-nav "$searcher" -l navigationonly
check search-seed-header "$searcher" --color=never Wuhan
check search-color-always "$searcher" --color=always -n 1 Unitree
check search-json "$searcher" --json -n 1 宇树
check search-traditional-finds-simplified "$searcher" -l 长安
check search-simplified-finds-traditional "$searcher" -l 宇樹
check search-alias-cross-language "$searcher" --color=never -n 3 Unitree
check search-no-aliases "$searcher" -l --no-aliases Unitree
check search-date-range "$searcher" -l 'date:2025-02-06..2025-02-07'
check search-since-until "$searcher" -l --since 2025-02-07 --until 2025-02-10 杭州
check search-sort-date "$searcher" -l --sort date 杭州
check search-bad-date "$searcher" 'date:2025-13-45..'
check search-count "$searcher" -c Hangzhou
# Paging: the 2nd and 3rd hits are numbered 2 and 3 (the offset was once added twice).
check search-paging-offset "$searcher" --color=never --offset 1 -n 2 Hangzhou
check search-did-you-mean "$searcher" --color=never Hangzou
check search-explain "$searcher" --color=never --explain -n 1 '"Six Little Dragons"'
# --explain also says what ranking multiplied the weight by, and why.
check search-explain-ranking "$searcher" --color=never --explain -n 1 Hangzhou robot
# A prefix and a lone Chinese character are expanded by Xapian: the terms they found are
# explained one by one.
check search-explain-prefix "$searcher" --color=never --explain -n 1 'robo*'
check search-explain-character "$searcher" --color=never --explain -n 2 器
check search-title-field "$searcher" -l title:宇树
check search-fullwidth "$searcher" -l ＵＮＩＴＲＥＥ
check search-empty-query "$searcher" '。，'
check search-stdin "$searcher" --stdin --limit 1 < <(printf '%s\n' 宇树 '{"query":"Unitree","id":1,"limit":1}' 'Unitree date:2025-13' '{"id":2}')
check search-no-hits "$searcher" nonexistentword
check search-bad-query "$searcher" 'Unitree date:2025-13'
check search-dangling-operator "$searcher" -l 'Unitree AND'
check search-missing-db "$searcher" --db "$work/nowhere" Unitree
check search-bad-flag "$searcher" --no-such-flag Unitree
check index-missing-path "$indexer" "$work/nowhere"

# Indexer flags: a dry run creates nothing; --verbose lists outcomes; --exclude deletes,
# and is remembered with the root (a run without it keeps the files out); --no-exclude
# forgets it.
check index-dry-run "$indexer" --dry-run --db "$work/dry-db" "$fixtures/corpus"
[ ! -e "$work/dry-db" ] && passed=$((passed + 1)) || { echo "FAIL: --dry-run created a database"; failures=$((failures + 1)); }
check index-verbose "$indexer" --verbose "$fixtures/corpus"
check index-exclude "$indexer" --verbose --exclude zh --exclude '*.html' "$fixtures/corpus"
check index-exclude-dry-run-back "$indexer" --dry-run "$fixtures/corpus"
check index-no-exclude-dry-run "$indexer" --dry-run --no-exclude "$fixtures/corpus"
check index-bad-flag-lock-timeout "$indexer" --lock-timeout -1 "$fixtures/corpus"

# Odd files made at run time: a name with a newline, a FIFO (must not hang), a sparse
# 100 MB file under a smaller and a larger --max-file-size, and an unreadable file.
odd=$work/odd
mkdir -p "$odd"
printf 'Newline name\n\nnewlinemarker text.\n' >"$odd/new
line.txt"
mkfifo "$odd/pipe.txt"
truncate -s 100M "$odd/huge.txt"
check index-odd-files timeout 20 "$indexer" --db "$work/odd-db" --max-file-size 50m --report "$work/odd.tsv" "$odd"
check index-odd-report cat "$work/odd.tsv"
check index-odd-huge-allowed timeout 20 "$indexer" --db "$work/odd-db" --max-file-size 200m -v "$odd"
rm -f "$odd/huge.txt"
check search-newline-name "$searcher" --db "$work/odd-db" -l newlinemarker
# /proc/self/mem is a regular file that cannot be read (at offset 0), even by root.
check index-unreadable-proc "$indexer" --db "$work/proc-db" /proc/self/mem
if [ "$(id -u)" != 0 ]; then  # root reads anything: the chmod case needs another user
  mkdir -p "$work/unreadable"
  printf 'Secret\n\ntext\n' >"$work/unreadable/secret.txt"
  chmod 000 "$work/unreadable/secret.txt"
  check index-unreadable-chmod "$indexer" --db "$work/unreadable-db" "$work/unreadable"
fi

# --help and --version answer on stdout with status 0.
for program in indexer searcher; do
  bin=$([ $program = indexer ] && echo "$indexer" || echo "$searcher")
  "$bin" --help >"$work/help" 2>&1 && grep -q "Usage" "$work/help" \
    && passed=$((passed + 1)) || { echo "FAIL: $program --help"; failures=$((failures + 1)); }
  "$bin" --version | grep -qE "^$program \(Longjing\) [0-9]+\.[0-9]+\.[0-9]+$" \
    && passed=$((passed + 1)) || { echo "FAIL: $program --version"; failures=$((failures + 1)); }
done

# Colour on a terminal (script(1) gives a pseudo-terminal), none with NO_COLOR or a pipe.
esc=$'\x1b['
# script(1) reads its own stdin: given a closed one it exits before the command writes.
on_tty() { script -qec "$*" /dev/null </dev/null 2>/dev/null; }
# The output is read whole before it is looked at: `| grep -q` would leave as soon as it
# matched, and under pipefail the writer's SIGPIPE would fail the check at random.
coloured() { [[ "$1" == *"$esc"* ]]; }
if coloured "$(on_tty "NO_COLOR= '$searcher' --color=auto Unitree")" &&
   ! coloured "$(on_tty "NO_COLOR=1 '$searcher' --color=auto Unitree")" &&
   coloured "$(on_tty "NO_COLOR=1 '$searcher' --color=always Unitree")" &&
   ! coloured "$("$searcher" --color=auto Unitree)"; then
  passed=$((passed + 1))
else
  echo "FAIL: --color=auto must colour a terminal unless NO_COLOR is set, and never a pipe"
  failures=$((failures + 1))
fi

# A closed pipe ends quietly with status 0.
"$searcher" Unitree 2>"$work/pipe-err" | true
status=${PIPESTATUS[0]}
if [ "$status" = 0 ] && [ ! -s "$work/pipe-err" ]; then passed=$((passed + 1)); else
  echo "FAIL: closed pipe: status $status, stderr: $(cat "$work/pipe-err")"; failures=$((failures + 1)); fi

echo "e2e: $passed passed, $failures failed"
[ "$failures" = 0 ]
