#!/usr/bin/env bash
# Shards and remote shards: an index spread over 2 shards, searched locally and through
# two xapian-tcpsrv servers on 127.0.0.1, must answer exactly as one database holding
# everything (same paths, same order, same scores); a shard that is down is an error
# naming it, or left out with --allow-partial; re-indexing keeps every document once.
#   shards.sh INDEXER SEARCHER TESTS_DIR
set -uo pipefail
indexer=$1 searcher=$2 tests=$(cd "$3" && pwd)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT
command -v xapian-tcpsrv >/dev/null || { echo "shards: xapian-tcpsrv missing (xapian-tools)"; exit 1; }
failures=0 passed=0
check() {  # NAME, then a command that must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
# Paths and scores (rounded: remote answers travel as text) of every hit.
hits() { "$searcher" --json -n 0 "$@" | python3 -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    if o["type"] == "hit": print(o["path"], round(o["score"], 6))'; }

cp -r "$tests/fixtures/corpus" "$work/corpus"
"$indexer" -q --db "$work/one" "$work/corpus"
"$indexer" -q --db "$work/sharded" --shards 2 "$work/corpus"
check "two shards on disk" test -d "$work/sharded/shard-0" -a -d "$work/sharded/shard-1"

# A free port on loopback for each server (servers bind 127.0.0.1 only: no authentication).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start_server() {  # PORT SHARD_DIR
  # Its own session: on SIGTERM xapian-tcpsrv signals its whole process group.
  setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$1" "$2" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do "$searcher" --db "tcp://127.0.0.1:$1" --timeout 1 -c x >/dev/null 2>&1; [ $? -ne 2 ] && return 0; sleep 0.1; done
  return 1
}
p0=$(free_port); p1=$(free_port)
check "server 0 starts" start_server "$p0" "$work/sharded/shard-0"
check "server 1 starts" start_server "$p1" "$work/sharded/shard-1"
remote=(--db "tcp://127.0.0.1:$p0" --db "tcp://127.0.0.1:$p1")
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$p0" "$p1" >"$work/remote.stub"

for q in Unitree 宇树 杭州 robot '"Six Little Dragons"' 'Hangzhou OR 春晚' 'date:2025-02-01..' \
  'Unitree path:corpus'; do
  hits --db "$work/one" "$q" >"$work/one.txt"
  check "query has hits: $q" test -s "$work/one.txt"
  hits --db "$work/sharded" "$q" >"$work/local.txt"
  check "local shards = one database: $q" cmp -s "$work/one.txt" "$work/local.txt"
  hits "${remote[@]}" "$q" >"$work/remote.txt"
  check "remote shards = one database: $q" cmp -s "$work/one.txt" "$work/remote.txt"
  hits --db "$work/remote.stub" "$q" >"$work/stub.txt"
  check "stub file of remotes = one database: $q" cmp -s "$work/one.txt" "$work/stub.txt"
done

# Re-indexing a sharded index: a changed file stays one document, in its shard.
documents() { "$indexer" --db "$1" "$work/corpus" | sed -E 's/.* ([0-9]+) documents in .*/\1/'; }
echo "Unitree appears again." >>"$work/corpus/deepseek-en.txt"
"$indexer" -q --db "$work/sharded" "$work/corpus"
"$indexer" -q --db "$work/one" "$work/corpus"
check "changed file found" bash -c "'$searcher' --db '$work/sharded' -l 'appears again' | grep -q deepseek-en.txt"
check "no duplicates after re-indexing" test "$(documents "$work/sharded")" = "$(documents "$work/one")"
check "changing the shard count needs --rebuild" bash -c "! '$indexer' -q --db '$work/sharded' --shards 3 '$work/corpus' 2>'$work/err' && grep -q 'rebuild' '$work/err'"

# A shard that is down: an error naming it, or, with --allow-partial, the rest and a warning.
kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null
"$searcher" "${remote[@]}" --timeout 2 Unitree >/dev/null 2>"$work/err"
check "down shard is an error (exit 2)" test $? -eq 2
check "the error names the shard" grep -q "tcp://127.0.0.1:$p1" "$work/err"
"$searcher" "${remote[@]}" --timeout 2 --allow-partial -l 杭州 >"$work/out" 2>"$work/err"
status=$?
check "--allow-partial answers (exit 0 or 1)" test $status -le 1
check "--allow-partial names the missing shard" grep -q "left out tcp://127.0.0.1:$p1" "$work/err"
"$searcher" "${remote[@]}" --timeout 2 --allow-partial --json 杭州 >"$work/out" 2>/dev/null
check "JSON summary lists the missing shard" grep -q '"missing_databases":\[{"database":"tcp://127.0.0.1:'"$p1" "$work/out"

echo "shards: $passed passed, $failures failed"
[ "$failures" = 0 ]
