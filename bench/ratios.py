#!/usr/bin/env python3
"""Longjing against each peer, as ratios, from the shared harness's TSV results.

  python3 bench/ratios.py [--results DIR] [--engine longjing] [--out FILE]

Reads RESULTS/{index,query,incremental,paired,oracle}.tsv (the latest batch per key, as
the shared report.py does) and prints Markdown: for every corpus, each engine's figure and
the ratio ours / peer (below 1 = Longjing smaller or faster).  Query ratios are geometric
means over the queries both engines answered in the latest bench-query.sh rows
(sequential runs); the paired table is the interleaved bench-paired.sh measurement, the
one to quote on a noisy machine.
"""
import argparse
import csv
import math
import os
import statistics
from collections import OrderedDict, defaultdict

ORDER = ["seed", "brown", "mail", "linuxdoc", "poetry-zh-50k", "poetry-zh", "mixed"]


def read(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def batches(rows, key):
    out = OrderedDict()
    for r in rows:
        k = tuple(r[f] for f in key)
        if r.get("run") == "1" or k not in out:
            out[k] = []
        out[k].append(r)
    return out


def latest(rows, key):
    out = OrderedDict()
    for r in rows:
        out[tuple(r[f] for f in key)] = r
    return out


def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def f(x, d=2):
    if x is None:
        return "–"
    return f"{x:.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.{d}f}"


def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "–"


def table(head, rows):
    s = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    s += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(s) + "\n"


def corpora(keys, i):
    cs = {k[i] for k in keys}
    return sorted(cs, key=lambda c: (ORDER.index(c) if c in ORDER else len(ORDER), c))


def engines(keys, i, ours):
    es = sorted({k[i] for k in keys})
    return ([ours] if ours in es else []) + [e for e in es if e != ours]


def main():
    ap = argparse.ArgumentParser()
    root = os.environ.get("BENCH_ROOT", os.path.expanduser("~/.cache/longjing-bench"))
    ap.add_argument("--results", default=os.environ.get("RESULTS", os.path.join(root, "results")))
    ap.add_argument("--engine", default="longjing")
    ap.add_argument("--out")
    a = ap.parse_args()
    R, ME = a.results, a.engine
    out = [f"# {ME} vs peers (ratios = {ME} / peer; below 1 = {ME} smaller or faster)\n"]

    idx = batches(read(os.path.join(R, "index.tsv")), ["engine", "corpus"])
    if idx:
        out.append("\n## Indexing from scratch\n\nMedians over the runs (n) of wall s and of CPU s "
                   "(user + sys, all processes; steadier than wall when the machine is shared), "
                   "peak RSS, size on disk; ratios to the peer in the same bench-index.sh run.\n")
        for c in corpora(idx, 1):
            fig = {}
            for e in engines(idx, 0, ME):
                b = idx.get((e, c))
                if not b:
                    continue
                fig[e] = (statistics.median(num(r["wall_s"]) for r in b),
                          statistics.median(num(r["user_s"]) + num(r["sys_s"]) for r in b),
                          statistics.median(num(r["maxrss_kb"]) for r in b) / 1024,
                          num(b[-1]["index_bytes"]) / 1e6, num(b[-1]["corpus_bytes"]) / 1e6, len(b),
                          ",".join(r["exit"] for r in b if r["exit"] != "0"), b[0]["date"][:16])
            m = fig.get(ME)
            rows = []
            for e, (w, cpu, rss, size, cmb, n, bad, d) in fig.items():
                rows.append([e + (f" (exit {bad})" if bad else ""), f"{f(w)} ({n})", f(cpu), f(rss, 0), f(size, 1),
                             f"{size / cmb:.2f}",
                             "" if e == ME or not m else ratio(m[0], w),
                             "" if e == ME or not m else ratio(m[1], cpu),
                             "" if e == ME or not m else ratio(m[2], rss),
                             "" if e == ME or not m else ratio(m[3], size)])
            out.append(f"\n**{c}**\n\n")
            out.append(table(["engine", "wall s (n)", "CPU s", "peak RSS MB", "index MB", "index/corpus",
                              "wall ratio", "CPU ratio", "RSS ratio", "size ratio"], rows))

    q = latest(read(os.path.join(R, "query.tsv")), ["engine", "corpus", "qid"])
    if q:
        out.append("\n## Query latency, whole process (bench-query.sh, sequential)\n\nGeo-mean of the "
                   "per-query hyperfine medians (ms); ratio = geo-mean over the queries both answered.\n")
        for c in corpora(q, 1):
            logs = defaultdict(dict)
            for (e, cc, qid), r in q.items():
                m = num(r["median_s"])
                if cc == c and m:
                    logs[e][qid] = math.log(m)
            mine = logs.get(ME, {})
            rows = []
            for e in engines([(x,) for x in logs], 0, ME):
                v = logs[e]
                gm = math.exp(statistics.mean(v.values())) * 1000
                common = [mine[k] - v[k] for k in v if k in mine]
                rr = f"{math.exp(statistics.mean(common)):.2f}" if common and e != ME else ""
                rows.append([e, len(v), f(gm, 1), rr])
            out.append(f"\n**{c}**\n\n")
            out.append(table(["engine", "queries", "geo-mean ms", f"{ME} / peer"], rows))

    pr = latest(read(os.path.join(R, "paired.tsv")), ["a", "b", "corpus", "qid"])
    pr = {k: v for k, v in pr.items() if k[0] == ME}
    if pr:
        out.append("\n## Interleaved pairs (bench-paired.sh): the ratio to quote\n\n"
                   "Per query: medians of A and B, median of the per-pair ratios A/B (min–max).\n\n")
        rows, summary = [], defaultdict(list)
        for (_, b, c, qid), r in pr.items():
            rows.append([b, c, qid, f"`{r['query']}`", f(num(r["a_median_s"]) * 1000, 1),
                         f(num(r["b_median_s"]) * 1000, 1),
                         f"{num(r['ratio_median']):.2f} ({num(r['ratio_min']):.2f}–{num(r['ratio_max']):.2f})",
                         r["pairs"], r["a_exit"], r["b_exit"]])
            summary[(b, c)].append(math.log(num(r["ratio_median"])))
        out.append(table(["peer B", "corpus", "query", "text", f"{ME} ms", "peer ms", "ratio", "pairs",
                          f"{ME} exit", "peer exit"], rows))
        out.append("\n" + table(["peer B", "corpus", "queries", "geo-mean ratio"],
                                [[b, c, len(v), f"{math.exp(statistics.mean(v)):.2f}"]
                                 for (b, c), v in summary.items()]))

    inc = batches(read(os.path.join(R, "incremental.tsv")), ["engine", "corpus", "phase"])
    if inc:
        out.append("\n## Re-indexing (bench-incremental.sh, median s)\n\nnoop = nothing changed; one = "
                   "one line appended to one file; found = that word then found in exactly that file.\n")
        for c in corpora(inc, 1):
            fig = {}
            for e in engines(inc, 0, ME):
                ph = {p: inc.get((e, c, p), []) for p in ("full", "noop", "one")}
                if not any(ph.values()):
                    continue
                med = {p: statistics.median(num(r["wall_s"]) for r in b) if b else None for p, b in ph.items()}
                found = f"{sum(r['found'] == '1' for r in ph['one'])}/{len(ph['one'])}" if ph["one"] else "–"
                fig[e] = (med, found)
            m = fig.get(ME)
            rows = []
            for e, (med, found) in fig.items():
                rows.append([e, f(med["full"]), f(med["noop"]), f(med["one"]), found,
                             "" if e == ME or not m else ratio(m[0]["noop"], med["noop"]),
                             "" if e == ME or not m else ratio(m[0]["one"], med["one"])])
            out.append(f"\n**{c}**\n\n")
            out.append(table(["engine", "full s", "noop s", "one s", "found", "noop ratio", "one ratio"], rows))

    orc = latest(read(os.path.join(R, "oracle.tsv")), ["engine", "corpus", "qid"])
    if orc:
        out.append("\n## Recall / precision against rg (oracle.sh)\n\nMean over the queries with a "
                   "non-empty truth; exact = queries with recall 1 and precision 1.  Script folding "
                   "(長安 = 长安) shows as precision < 1 against the verbatim truth, by design.\n")
        for c in corpora(orc, 1):
            rows = []
            for e in engines(orc, 0, ME):
                rs = [r for (ee, cc, _), r in orc.items() if ee == e and cc == c and r["truth_n"] != "0"]
                if not rs:
                    continue
                rec = [num(r["recall"]) or 0.0 for r in rs]
                pre = [num(r["precision"]) for r in rs if num(r["precision"]) is not None]
                exact = sum(1 for r in rs if num(r["recall"]) == 1 and num(r["precision"]) == 1)
                rows.append([e, len(rs), f"{statistics.mean(rec):.3f}",
                             f"{statistics.mean(pre):.3f}" if pre else "NA", exact])
            out.append(f"\n**{c}**\n\n")
            out.append(table(["engine", "queries", "mean recall", "mean precision", "exact"], rows))

    text = "".join(out)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as fh:
            fh.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
