#!/usr/bin/env python3
"""How hard a known-item query set is: the MRR@10 of an engine that finds exactly the
documents holding every typed word (as typed, case folded: FTS5 unicode61's AND) and
shows them in random order. The ranking issue quotes this baseline for its own sets, so
it compares their difficulty with ours.

    shuffled.py SEED_DIR FTS5_INDEX_ROOT [SETS...]

SEED_DIR is known-item.sh's output ($RESULTS/known-item/seed-N, its queries/ are read);
FTS5_INDEX_ROOT holds CORPUS/fts.db (bench/index.sh's fts5-unicode61 indexes). English
queries only (en-run, en-words). The expected 1/rank of one document among n shown in
random order, 0 beyond 10, is (1/n) * sum of 1/k for k = 1..min(n, 10).
"""
import os
import sqlite3
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import query_set  # noqa: E402  (bench/query_set.py: each engine's way of typing a query)


def expected_mrr(n):
    return sum(1 / k for k in range(1, min(n, 10) + 1)) / n if n else 0.0


def main(argv):
    seed_dir, index_root = argv[1], argv[2]
    sets = argv[3:] or ["brown", "linuxdoc", "mail", "mixed"]
    print("| set | English queries | shuffled MRR@10 | median documents holding every word |")
    print("|---|---|---|---|")
    for name in sets:
        db = os.path.join(index_root, name, "fts.db")
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        counts = []
        with open(os.path.join(seed_dir, "queries", f"{name}.tsv"), encoding="utf-8") as f:
            for line in f:
                _, kind, _, text = line.rstrip("\n").split("\t")
                if not kind.startswith("en"):
                    continue
                counts.append(con.execute("SELECT count(*) FROM docs WHERE docs MATCH ?",
                                          (query_set.fts5_match("and", text),)).fetchone()[0])
        mrr = sum(map(expected_mrr, counts)) / len(counts)
        print(f"| {name} | {len(counts)} | {mrr:.3f} | {statistics.median(counts):g} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
