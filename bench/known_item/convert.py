#!/usr/bin/env python3
"""The Chinese queries of a known-item set, written in the other script (opencc).

    convert.py QUERIES.tsv SET > other-script.tsv

A query in Traditional characters (one that opencc's t2s changes) becomes Simplified; any
other becomes Traditional (s2t). Only Chinese queries (kinds zh-*) are kept; the ids are
SET-NNN with the original number, so the two sets can be read side by side.
"""
import subprocess
import sys


def opencc(config, lines):
    out = subprocess.run(["opencc", "-c", config], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, check=True).stdout
    return out.rstrip("\n").split("\n")


def main(argv):
    rows = []
    with open(argv[1], encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    rows = [r for r in rows if r[1].startswith("zh-")]
    if not rows:
        return 0
    texts = [r[3] for r in rows]
    simplified = opencc("t2s.json", texts)
    traditional = opencc("s2t.json", texts)
    for r, s, t in zip(rows, simplified, traditional):
        other = s if s != r[3] else t
        number = r[0].rsplit("-", 1)[1]
        print(f"{argv[2]}-{number}\t{r[1]}\t{r[2]}\t{other}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
