#!/usr/bin/env bash
# searcher --stdin: 1,000 queries through one process, every answer checked against the
# whole-process searcher's answer for the same query; prints both rates (not asserted:
# speed is measured in bench/, this only reports it).
#   stdin_session.sh INDEXER SEARCHER TESTS_DIR
set -euo pipefail
indexer=$1 searcher=$2 tests=$(cd "$3" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LONGJING_DB=$work/db
"$indexer" -q "$tests/fixtures/corpus"

queries=(Unitree 宇树 杭州 六小龙 robot '"Six Little Dragons"' 'DeepSeek OR 深度求索' 长安
         机器狗Go2 nonexistentword 'Hangzhou -Unitree' 'title:宇树' 'date:2025-02-06..')
python3 - "${queries[@]}" >"$work/requests" <<'PY'
import json, sys
queries = sys.argv[1:]
for i in range(1000):
    print(json.dumps({"query": queries[i % len(queries)], "id": i, "limit": 0}, ensure_ascii=False))
PY

start=$(date +%s.%N)
"$searcher" --stdin <"$work/requests" >"$work/answers"
end=$(date +%s.%N)

# Expected paths per query, from one whole-process run each.
for q in "${queries[@]}"; do
  "$searcher" -l -n 0 "$q" >"$work/expected.$(printf '%s' "$q" | md5sum | cut -c1-12)" || true
done
whole_start=$(date +%s.%N)
for ((i = 0; i < 100; i++)); do "$searcher" -n 10 "${queries[i % ${#queries[@]}]}" >/dev/null || true; done
whole_end=$(date +%s.%N)

# Starts `searcher --stdin -l` on a new FIFO, its answers going to $work/$1; requests
# are written to fd 3. end_session closes the input and waits for the session to end.
start_session() {
  mkfifo "$work/$1.in"
  "$searcher" --stdin -l <"$work/$1.in" >"$work/$1" &
  session=$!
  exec 3>"$work/$1.in"
}
end_session() {
  exec 3>&-
  wait "$session"
}

# A session sees what the indexer commits while it runs: ask, index a new file, ask again.
start_session live
echo zanzibarword >&3
sleep 0.5
cp "$tests/fixtures/corpus/deepseek-en.txt" "$work/extra.txt"
echo "zanzibarword arrives" >>"$work/extra.txt"
"$indexer" -q "$work/extra.txt"
echo zanzibarword >&3
end_session
live=$(grep -c '"type":"path"' "$work/live")
summaries=$(grep -c '"type":"summary"' "$work/live")
if [ "$live" != 1 ] || [ "$summaries" != 2 ]; then
  echo "FAIL: the session did not see the new commit ($live hits, $summaries answers)"
  exit 1
fi

# The database deleted under an open session: each request then gets an error object
# naming it; the session neither crashes nor hangs.
start_session deleted
echo Unitree >&3
sleep 0.5
rm -rf "$LONGJING_DB"
echo Unitree >&3
end_session
status=$?
if [ $status != 0 ] || ! grep -q '"type":"error".*'"$LONGJING_DB" "$work/deleted"; then
  echo "FAIL: deleting the database under a session: status $status; $(tail -1 "$work/deleted")"
  exit 1
fi

python3 - "$work" "$start" "$end" "$whole_start" "$whole_end" "${queries[@]}" <<'PY'
import hashlib, json, sys
work, start, end, wstart, wend = sys.argv[1], *map(float, sys.argv[2:6])
queries = sys.argv[6:]
answers = {}
summaries = 0
with open(f"{work}/answers", encoding="utf-8") as f:
    for line in f:
        obj = json.loads(line)
        assert obj["format_version"] == 3, obj
        rid = obj["id"]
        if obj["type"] == "hit":
            answers.setdefault(rid, []).append(obj["path"])
        elif obj["type"] == "summary":
            summaries += 1
            answers.setdefault(rid, [])
        else:
            raise SystemExit(f"unexpected answer: {obj}")
failures = 0
for i in range(1000):
    q = queries[i % len(queries)]
    key = hashlib.md5(q.encode()).hexdigest()[:12]
    with open(f"{work}/expected.{key}", encoding="utf-8") as f:
        expected = [l.rstrip("\n") for l in f if l.strip()]
    if answers.get(i) != expected:
        failures += 1
        if failures < 5:
            print(f"FAIL: query {i} {q!r}: {answers.get(i)} != {expected}")
print(f"stdin session: {1000 / (end - start):.0f} queries/s; "
      f"whole process: {100 / (wend - wstart):.0f} queries/s")
print(f"stdin: {1000 - failures} passed, {failures} failed")
sys.exit(1 if failures or summaries != 1000 else 0)
PY
