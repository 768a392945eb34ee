#!/usr/bin/env bash
# Queries per second when one process answers many queries: `searcher --stdin` (JSON Lines,
# top 10 with snippets) against Longjing one process per query, quest one process per query
# (it has no session mode) and, where its index exists, one sqlite3 session answering the
# same queries with FTS5 (snippet() and BM25). The query set is the shared one
# (queries/en.tsv on every corpus, zh.tsv on Chinese ones), repeated REPEAT times.
# Needs bench/index.sh's indexes (longjing, omega; fts5-unicode61 optional).
#   bench/stdin.sh                        # mixed poetry-zh-50k linuxdoc
#   REPEAT=50 bench/stdin.sh brown
# Prints a Markdown table; rows also go to $RESULTS/stdin.tsv.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
mkdir -p "$RESULTS"
PYTHONPATH="$HERE" exec python3 - "$BENCH_ROOT" "$RESULTS" "$ENGINE_BIN" "$SHARED_BENCH" "${REPEAT:-25}" ${*:-mixed poetry-zh-50k linuxdoc} <<'PY'
import os, subprocess, sys, time
import query_set

root, results, bin_dir, shared, repeat, *corpora = sys.argv[1:]
repeat = int(repeat)
searcher = os.path.join(bin_dir, "searcher")

def queries(corpus):
    files = ["en.tsv"] + (["zh.tsv"] if corpus.startswith("poetry") or corpus == "mixed" else [])
    return query_set.read(shared, files)

longjing_syntax = query_set.longjing

def fts5_sql(kind, text):
    match = query_set.fts5_match(kind, text).replace("'", "''")
    return (f"SELECT path, snippet(docs, -1, '[', ']', '...', 12) FROM docs "
            f"WHERE docs MATCH '{match}' ORDER BY rank LIMIT 10;")

def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start

def per_process(cmds):
    for cmd in cmds:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

rows = []
for corpus in corpora:
    qs = queries(corpus) * repeat
    lj_db = os.path.join(root, "indexes", "longjing", corpus, "db")
    om_db = os.path.join(root, "indexes", "omega", corpus, "db")
    fts_db = os.path.join(root, "indexes", "fts5-unicode61", corpus, "fts.db")
    if not os.path.isdir(lj_db):
        sys.exit(f"stdin: no Longjing index for {corpus}: run bench/index.sh -c {corpus}")
    lines = "".join(longjing_syntax(k, t) + "\n" for k, t in qs).encode()
    session = timed(lambda: subprocess.run([searcher, "--db", lj_db, "--stdin", "-n", "10"],
                                           input=lines, stdout=subprocess.DEVNULL, check=True))
    rows.append((corpus, "longjing searcher --stdin (one process)", len(qs), session))
    sample = qs[: len(qs) // 5] or qs  # whole processes: a fifth of the set is enough
    rows.append((corpus, "longjing, one process per query", len(sample), timed(lambda: per_process(
        [[searcher, "--db", lj_db, "--color", "never", "-n", "10", longjing_syntax(k, t)] for k, t in sample]))))
    if os.path.isdir(om_db):
        rows.append((corpus, "quest, one process per query", len(sample), timed(lambda: per_process(
            [["quest", "-d", om_db, "-m", "10", "-f", "default,wildcard", longjing_syntax(k, t)] for k, t in sample]))))
    if os.path.isfile(fts_db):
        sql = "".join(fts5_sql(k, t) + "\n" for k, t in qs).encode()
        rows.append((corpus, "sqlite3 FTS5 unicode61 session (one process)", len(qs), timed(lambda: subprocess.run(
            ["sqlite3", "-readonly", fts_db], input=sql, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))))

print("| corpus | engine, mode | queries | s | queries/s | ÷ longjing --stdin |")
print("|---|---|---|---|---|---|")
with open(os.path.join(results, "stdin.tsv"), "a", encoding="utf-8") as tsv:
    base = {}
    for corpus, what, n, seconds in rows:
        qps = n / seconds
        base.setdefault(corpus, qps)
        print(f"| {corpus} | {what} | {n} | {seconds:.2f} | {qps:,.0f} | {qps / base[corpus]:.2f} |")
        tsv.write(f"{time.strftime('%F %T')}\t{corpus}\t{what}\t{n}\t{seconds:.3f}\t{qps:.1f}\n")
PY
