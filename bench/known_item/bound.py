#!/usr/bin/env python3
"""How far any ranking could go on a known-item set: a bound from the generator's rules.

    bound.py CORPUS_DIR FTS5_DB QUERIES.tsv [RUN.tsv]

QUERIES.tsv is generate.py's output for one set of CORPUS_DIR; FTS5_DB is that corpus's
FTS5 unicode61 index (bench/index.sh), which gives every document holding all of a
query's words. Those documents are ranked by the chance generate.py's rules give each of
drawing the query: over the document's prose sentences (the same filter), the ways a
sentence yields the query's words (consecutive for `en-run`, in order for `en-words`)
over the draws it allows, averaged over the sentences. That is the best order any engine
could know; documents of equal chance are told apart by nothing, so the article sought
takes the mean of 1/rank over the places they share. Prints MRR@10 of that order for the
English queries, and, given an engine's RUN.tsv (rank.sh's output), the engine's on the
same queries: on all of them, on those whose article the chance alone puts first (no
other document as likely to give the query: the bound's reciprocal rank is 1), and on the
rest, where the article shares its place with others or falls below them.

Where the bound is low, the set's queries do not tell their article from others, whatever
the ranking; no engine reaches it without the generator's own knowledge (its prose filter
and sentence lengths).
"""
import os
import sqlite3
import sys
from math import comb

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
import generate  # noqa: E402  (the rules themselves)
import query_set  # noqa: E402  (bench/query_set.py: FTS5's AND of the words)


def prose_sentences(path, cache={}):
    """The lower-cased prose sentences of a document (generate.english_sentences), read
    once."""
    if path not in cache:
        cache[path] = [[w.lower() for w in s]
                       for s in generate.english_sentences(generate.read(path))]
    return cache[path]


def subsequences(items, wanted):
    """How many ways `wanted` occurs in `items` as a subsequence."""
    ways = [1] + [0] * len(wanted)
    for x in items:
        for j in range(len(wanted), 0, -1):
            if wanted[j - 1] == x:
                ways[j] += ways[j - 1]
    return ways[len(wanted)]


def likelihood(path, kind, words):
    sentences = prose_sentences(path)
    if not sentences:
        return 0.0
    n, total = len(words), 0.0
    for s in sentences:
        if kind == "en-run":
            starts = generate.run_starts(s, n)
            if starts:
                total += sum(1 for i in starts if s[i:i + n] == words) / len(starts)
        else:
            content = [w for w in s if generate.is_content(w)]
            if len(content) >= n:
                total += subsequences(content, words) / comb(len(content), n)
    return total / len(sentences)


def reciprocal_rank(ranked, target):
    return 1 / (ranked.index(target) + 1) if target in ranked[:10] else 0.0


def expected_reciprocal_rank(chance, target):
    """The mean of 1/rank (0 beyond 10) over the places the target shares with the
    documents of its chance, below those of a greater one."""
    above = sum(1 for c in chance.values() if c > chance[target])
    tied = sum(1 for c in chance.values() if c == chance[target])
    return sum(1 / k for k in range(above + 1, min(above + tied, 10) + 1)) / tied


def main(argv):
    if len(argv) not in (4, 5):
        print("usage: " + __doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    corpus, fts5_db, queries = argv[1:4]
    ranked = {}
    if len(argv) == 5:
        with open(argv[4], encoding="utf-8") as f:
            ranked = {r[0]: r[1:] for r in (line.rstrip("\n").split("\t") for line in f)}
    con = sqlite3.connect(f"file:{fts5_db}?mode=ro", uri=True)
    engine = bound = 0.0
    count = 0
    apart = []  # the engine's reciprocal ranks where the bound's is 1: the article told apart
    with open(queries, encoding="utf-8") as f:
        for line in f:
            qid, kind, target, text = line.rstrip("\n").split("\t")
            if not kind.startswith("en"):
                continue
            holding = [r[0] for r in con.execute(
                "SELECT path FROM docs WHERE docs MATCH ?", (query_set.fts5_match("and", text),))]
            words = text.lower().split()
            chance = {p: likelihood(os.path.join(corpus, p), kind, words)
                      for p in set(holding) | {target}}
            best = expected_reciprocal_rank(chance, target)
            rr = reciprocal_rank(ranked.get(qid, []), target)
            bound += best
            engine += rr
            count += 1
            if best == 1.0:
                apart.append(rr)
    if count == 0:
        print("bound.py: no English queries in " + queries, file=sys.stderr)
        return 1
    line = f"{count} English queries: bound MRR@10 {bound / count:.3f}"
    if ranked:
        line += f", engine {engine / count:.3f}"
        if apart:
            rest = count - len(apart)
            line += (f"; on the {len(apart)} whose article gives the query likelier than "
                     f"any other, engine {sum(apart) / len(apart):.3f}")
            if rest:
                line += f", on the other {rest} {(engine - sum(apart)) / rest:.3f}"
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
