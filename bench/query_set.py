"""The shared query sets (queries/en.tsv, queries/zh.tsv of the shared harness) and each
engine's way of typing them, for the bench scripts that run queries themselves
(stdin.sh, sessions.sh, curve.sh, builds.sh, known_item/shuffled.py)."""
import os


def read(shared_bench, names):
    """The (kind, text) rows of the named files under SHARED_BENCH/queries, in order."""
    rows = []
    for name in names:
        for line in open(os.path.join(shared_bench, "queries", name), encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            _, kind, text = line.rstrip("\n").split("\t")
            rows.append((kind, text))
    return rows


def longjing(kind, text):
    """The query as a Longjing user types it: a phrase quoted, a prefix with *, AND spelt out."""
    return {"phrase": f'"{text}"', "prefix": text + "*", "and": " AND ".join(text.split())}.get(kind, text)


def fts5_match(kind, text):
    """The FTS5 MATCH expression of the query: every word quoted, a prefix with *."""
    return {"prefix": f'"{text}"*', "and": " AND ".join(f'"{w}"' for w in text.split())}.get(kind, f'"{text}"')
