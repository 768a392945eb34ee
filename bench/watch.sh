#!/usr/bin/env bash
# indexer --watch: from a file's save to its being searchable, median and p99 over SAVES
# saves (default 1,000), while searches run: a watcher follows a copy of 2,000 files of
# CORPUS (default mixed); each save writes a new word into a file (half new files, half
# rewrites), and one searcher --stdin session asks for the word until it is found, while a
# second session searches the corpus's words without pause. All on this machine.
#   bench/watch.sh [CORPUS]          SAVES=200 bench/watch.sh
# Prints a Markdown table; the row also goes to $RESULTS/watch.tsv.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
corpus=${1:-mixed}
saves=${SAVES:-1000}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$RESULTS" "$work/articles"
if [ -d "$BENCH_ROOT/corpora/$corpus" ]; then
  find "$BENCH_ROOT/corpora/$corpus" -type f -name '*.txt' | sort >"$work/all"
  head -2000 "$work/all" | while IFS= read -r f; do cp "$f" "$work/articles/$(echo "$f" | md5sum | cut -c1-12).txt"; done
else
  for i in $(seq 2000); do printf 'Filler article %s about robots and 杭州.\n' "$i" >"$work/articles/f$i.txt"; done
fi
export LONGJING_DB=$work/db
"$ENGINE_BIN/indexer" --watch "$work/articles" 2>"$work/watch.err" &
for _ in $(seq 600); do grep -q watching "$work/watch.err" && break; sleep 0.1; done
grep -q watching "$work/watch.err" || { cat "$work/watch.err" >&2; exit 2; }
python3 - "$ENGINE_BIN/searcher" "$work/articles" "$saves" "$RESULTS/watch.tsv" "$corpus" <<'PY'
import json, os, statistics, subprocess, sys, threading, time
searcher, folder, saves, tsv, corpus = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]

def session():
    return subprocess.Popen([searcher, "--stdin"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

def ask(s, query):
    s.stdin.write(json.dumps({"query": query, "limit": 1, "snippets": 1}) + "\n")
    s.stdin.flush()
    while True:
        o = json.loads(s.stdout.readline())
        if o["type"] in ("summary", "error"):
            return o.get("estimated_matches", 0)

stop = False
background = 0
def keep_searching():
    global background
    s = session()
    words = ["robot", "杭州", "time", "system", "明月", "people", "data"]
    while not stop:
        ask(s, words[background % len(words)])
        background += 1
threading.Thread(target=keep_searching, daemon=True).start()

poll = session()
latencies = []
for i in range(saves):
    word = f"zqsave{i}x"
    path = os.path.join(folder, f"save{i // 2}.txt")  # every second save rewrites a file
    start = time.perf_counter()
    with open(path, "w") as f:
        f.write(f"Saved article {i}: {word}.\n")
    deadline = start + 30
    while ask(poll, word) == 0:
        if time.perf_counter() > deadline:
            sys.exit(f"watch.sh: save {i} was not searchable after 30 s")
        time.sleep(0.002)
    latencies.append(time.perf_counter() - start)
stop = True
latencies.sort()
p50 = statistics.median(latencies) * 1000
p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
print("| saves | median ms | p99 ms | max ms | searches meanwhile |")
print("|---|---|---|---|---|")
print(f"| {saves} | {p50:.0f} | {p99:.0f} | {latencies[-1] * 1000:.0f} | {background} |")
with open(tsv, "a") as f:
    f.write(f"{corpus}\t{saves}\t{p50:.1f}\t{p99:.1f}\t{background}\n")
PY
kill -TERM %1 2>/dev/null || true
wait 2>/dev/null || true
echo
echo "Batches: $(grep -c '^indexer: changes:' "$work/watch.err") for $saves saves"
