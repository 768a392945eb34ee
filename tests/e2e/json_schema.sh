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
  printf '%s\n' 宇树 '{"query":"robot","id":"x","limit":2}' 'Unitree AND' | "$searcher" --stdin
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
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}

def is_type(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])

def errors(value, s, path="$"):
    if "$ref" in s:
        s = schema["$defs"][s["$ref"].split("/")[-1]]
    if "oneOf" in s:
        matching = [sub for sub in s["oneOf"] if not errors(value, sub, path)]
        return [] if len(matching) == 1 else [f"{path}: matches {len(matching)} of oneOf"]
    out = []
    if "const" in s and value != s["const"]:
        out.append(f"{path}: {value!r} != {s['const']!r}")
    if "type" in s:
        names = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(is_type(value, n) for n in names):
            return out + [f"{path}: {value!r} is not {s['type']}"]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in s and value < s["minimum"]: out.append(f"{path}: below minimum")
        if "maximum" in s and value > s["maximum"]: out.append(f"{path}: above maximum")
    if isinstance(value, str) and "pattern" in s and not re.search(s["pattern"], value):
        out.append(f"{path}: {value!r} does not match {s['pattern']}")
    if isinstance(value, dict):
        for key in s.get("required", []):
            if key not in value: out.append(f"{path}: missing {key}")
        props = s.get("properties", {})
        for key, v in value.items():
            if key in props:
                out += errors(v, props[key], f"{path}.{key}")
            elif s.get("additionalProperties") is False:
                out.append(f"{path}: unexpected {key}")
    if isinstance(value, list) and "items" in s:
        for i, v in enumerate(value):
            out += errors(v, s["items"], f"{path}[{i}]")
    return out

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
