#!/usr/bin/env python3
"""Scores known-item rankings: MRR@10, success@1 and success@10, by set and by kind.

    score.py RESULTS_DIR [ENGINE ...] > table.md

RESULTS_DIR holds queries/SET.tsv (generate.py's lines) and runs/ENGINE/SET.tsv (rank.sh's
lines). Prints Markdown: one table of MRR@10 per set and engine (best peer marked), then
success@1 / success@10, then MRR@10 by query kind. A query an engine has no line for (it
failed or was not run) counts as a miss; a set an engine has no file for is left blank.
"""
import os
import sys
from collections import defaultdict


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def reciprocal_rank(target, ranked):
    for i, path in enumerate(ranked[:10]):
        if path == target:
            return 1.0 / (i + 1)
    return 0.0


def score_set(queries, runs):
    """Returns {kind or 'all': (mrr, s1, s10, n)} for one engine on one set."""
    by_qid = {row[0]: row[1:] for row in runs}
    acc = defaultdict(lambda: [0.0, 0, 0, 0])
    for qid, kind, target, _text in queries:
        rr = reciprocal_rank(target, by_qid.get(qid, []))
        for key in ("all", kind):
            a = acc[key]
            a[0] += rr
            a[1] += rr == 1.0
            a[2] += rr > 0
            a[3] += 1
    return {k: (a[0] / a[3], a[1] / a[3], a[2] / a[3], a[3]) for k, a in acc.items()}


def main(argv):
    root = argv[1]
    qdir = os.path.join(root, "queries")
    sets = sorted(f[:-4] for f in os.listdir(qdir) if f.endswith(".tsv"))
    engines = argv[2:] or sorted(os.listdir(os.path.join(root, "runs")))
    scores = {}  # (engine, set) -> {kind: tuple}
    for engine in engines:
        for s in sets:
            path = os.path.join(root, "runs", engine, s + ".tsv")
            if os.path.exists(path):
                scores[engine, s] = score_set(read_tsv(os.path.join(qdir, s + ".tsv")), read_tsv(path))
    print("MRR@10 (mean of 1/rank of the article sought, 0 beyond 10); best of the peers in bold\n")
    print("| set | n | " + " | ".join(engines) + " |")
    print("|---|---|" + "---|" * len(engines))
    for s in sets:
        n = next((scores[e, s]["all"][3] for e in engines if (e, s) in scores), 0)
        peers = [scores[e, s]["all"][0] for e in engines if e != "longjing" and (e, s) in scores]
        best = max(peers) if peers else None
        cells = []
        for e in engines:
            if (e, s) not in scores:
                cells.append("")
                continue
            v = scores[e, s]["all"][0]
            cells.append(f"**{v:.3f}**" if e != "longjing" and v == best else f"{v:.3f}")
        print(f"| {s} | {n} | " + " | ".join(cells) + " |")
    print("\nsuccess@1 / success@10\n")
    print("| set | " + " | ".join(engines) + " |")
    print("|---|" + "---|" * len(engines))
    for s in sets:
        cells = [f"{scores[e, s]['all'][1]:.2f} / {scores[e, s]['all'][2]:.2f}" if (e, s) in scores else ""
                 for e in engines]
        print(f"| {s} | " + " | ".join(cells) + " |")
    print("\nMRR@10 by kind of query\n")
    print("| set | kind | n | " + " | ".join(engines) + " |")
    print("|---|---|---|" + "---|" * len(engines))
    for s in sets:
        kinds = sorted({k for e in engines if (e, s) in scores for k in scores[e, s] if k != "all"})
        for k in kinds:
            n = next((scores[e, s][k][3] for e in engines if (e, s) in scores and k in scores[e, s]), 0)
            cells = [f"{scores[e, s][k][0]:.3f}" if (e, s) in scores and k in scores[e, s] else ""
                     for e in engines]
            print(f"| {s} | {k} | {n} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
