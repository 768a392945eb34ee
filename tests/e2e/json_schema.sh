#!/usr/bin/env bash
# Validates real `searcher --json` and `--stdin` output, on the fixtures, against
# docs/json-output.schema.json (with a small validator for the keywords the schema uses),
# and checks that every highlight's byte and character offsets point at the same text.
#   json_schema.sh INDEXER SEARCHER SOURCE_DIR
set -euo pipefail
indexer=$1 searcher=$2 source=$(cd "$3" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LONGJING_DB=$work/db
"$indexer" -q "$source/tests/fixtures/corpus"
{
  "$searcher" --json Unitree
  "$searcher" --json --explain --snippets 3 杭州 || true
  "$searcher" --json nonexistentword || true
  "$searcher" --json Hangzou || true
  printf '%s\n' 宇树 '{"query":"robot","id":"x","limit":2}' 'Unitree date:2025-13' | "$searcher" --stdin
  printf '%s\n' Unitree '' '{"query":5}' '{"query":"x","limt":1}' | "$searcher" --stdin -l
  # A file name that is not UTF-8: its path comes back as bytes.
  mkdir "$work/odd"
  printf 'zorblax\n' >"$work/odd/caf$(printf '\351').txt"
  "$indexer" -q --db "$work/odd-db" "$work/odd"
  "$searcher" --db "$work/odd-db" --json zorblax
  printf 'zorblax\n' | "$searcher" --db "$work/odd-db" --stdin -l
} >"$work/out.jsonl"

python3 - "$source/docs/json-output.schema.json" "$work/out.jsonl" <<'PY'
import base64, json, os, re, sys
schema = json.load(open(sys.argv[1], encoding="utf-8"))
sys.path.insert(0, os.path.join(os.path.dirname(sys.argv[1]), "..", "tests", "e2e"))
from schema_validator import errors as schema_errors
errors = lambda value, s: schema_errors(value, s, schema)

def check_highlights(text, highlights, where):
    raw = text.encode("utf-8")
    for h in highlights:
        by_bytes = raw[h["start"]:h["end"]].decode("utf-8")
        by_chars = text[h["char_start"]:h["char_end"]]
        if by_bytes != by_chars or not by_bytes:
            yield f"{where}: bytes give {by_bytes!r}, characters give {by_chars!r}"

failures, lines, kinds, byte_paths = [], 0, set(), 0
for n, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    obj = json.loads(line)
    lines += 1
    kinds.add(obj["type"])
    failures += [f"line {n}: {e}" for e in errors(obj, schema)]
    if obj["type"] == "hit":
        failures += list(check_highlights(obj["title"], obj["title_highlights"], f"line {n} title"))
        for s in obj["snippets"]:
            failures += list(check_highlights(s["text"], s["highlights"], f"line {n} snippet"))
    if obj["type"] in ("hit", "path") and isinstance(obj["path"], dict):
        # A name that is not UTF-8: the bytes must name the very file.
        raw = base64.b64decode(obj["path"]["bytes"])
        if not os.path.isfile(raw):
            failures.append(f"line {n}: path bytes {raw!r} name no file")
        byte_paths += 1
for f in failures[:20]:
    print("FAIL:", f)
if kinds != {"hit", "path", "summary", "error"}:
    failures.append(f"expected hit, path, summary and error objects, saw {sorted(kinds)}")
if byte_paths != 2:
    failures.append(f"expected 2 paths given as bytes (--json and --stdin -l), saw {byte_paths}")
print(f"json schema: {lines - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
PY
