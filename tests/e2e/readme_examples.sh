#!/usr/bin/env bash
# Every example of the README's console block, run as written on corpus/ (the articles a
# new user first has): each must exit 0 and print something. `~/articles` stands for
# corpus/; the binaries are those under test.
#   readme_examples.sh INDEXER SEARCHER SOURCE_DIR
set -uo pipefail
indexer=$1 searcher=$2 source=$(cd "$3" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
ln -s "$(cd "$(dirname "$indexer")" && pwd)/$(basename "$indexer")" "$work/bin/indexer"
ln -s "$(cd "$(dirname "$searcher")" && pwd)/$(basename "$searcher")" "$work/bin/searcher"
export PATH=$work/bin:$PATH LONGJING_DB=$work/db
failures=0 passed=0
# The commands: lines of the console block that start with "$ ", without the comment
# after two spaces and a #.
examples=$(awk '/^```console/ { f = 1; next } /^```/ { f = 0 } f && /^\$ / { print substr($0, 3) }' \
  "$source/README.md" | sed -E 's/[[:space:]]{2,}#.*$//')
[ -n "$examples" ] || { echo "readme_examples.sh: no examples found in README.md"; exit 1; }
while IFS= read -r example; do
  command=${example//\~\/articles/$source/corpus}
  if [[ $command == *--serve* ]]; then
    # The server: on a free port, asked one search over loopback, then stopped.
    (cd "$work" && exec bash -c "exec ${command/--serve/--serve --listen 127.0.0.1:0}") >"$work/out" 2>"$work/err" &
    server=$!
    for _ in $(seq 50); do grep -q '^listening on ' "$work/err" && break; sleep 0.1; done
    url=$(sed -n 's/^listening on //p' "$work/err")
    if [ -n "$url" ] && python3 -c 'import json, sys, urllib.request
sys.exit(0 if json.load(urllib.request.urlopen(sys.argv[1] + "api/search?q=Unitree", timeout=10))["hits"] else 1)' "$url" >"$work/out"; then
      echo ok >"$work/out"; status=0
    else
      status=1
    fi
    kill "$server"; wait "$server" 2>/dev/null
  else
    (cd "$work" && bash -o pipefail -c "$command") >"$work/out" 2>"$work/err"
    status=$?
  fi
  if [ "$status" -eq 0 ] && [ -s "$work/out" -o "${command%% *}" = indexer ]; then
    passed=$((passed + 1))
  else
    echo "FAIL: README example '$example' exited $status with $(wc -l <"$work/out") lines"
    sed 's/^/  stderr: /' "$work/err" | head -5
    failures=$((failures + 1))
  fi
done <<<"$examples"
echo "README examples: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
