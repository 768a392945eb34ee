#!/usr/bin/env python3
"""A made-up English corpus where ranking decides known-item searches (tests/e2e/ranking.sh).

    ranking_corpus.py DIR [DOCS]

Writes DOCS (default 300) articles DIR/doc-NNN.txt, always the same for the same DOCS: a
title line, then sentences of 8 to 20 words. The words are 600 made-up stems, drawn with a
Zipf law, each written in one of its regular English forms (stem, -s, -ed, -ing), so that:

* most queries of 2-4 words of a sentence find many articles holding all of them;
* articles hold other forms of a query's words (the stem matches them all);
* lengths range from 3 to 150 sentences, so length normalization matters.

Known-item queries come from the bench's generator (bench/known_item/generate.py).
"""
import os
import random
import sys

CONSONANTS = "bcdfgklmnprstv"
VOWELS = "aeiou"


def stem_words(rng, count):
    words = set()
    while len(words) < count:
        syllables = rng.randint(2, 3)
        w = "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables))
        words.add(w + rng.choice("lmnrt"))  # a closing consonant keeps the stemmer regular
    return sorted(words)


def main(argv):
    out = argv[1]
    docs = int(argv[2]) if len(argv) > 2 else 300
    rng = random.Random("longjing-ranking-corpus")
    stems = stem_words(rng, 600)
    weights = [1.0 / (rank + 1) for rank in range(len(stems))]
    suffixes = ["", "", "", "s", "ed", "ing"]
    os.makedirs(out, exist_ok=True)
    for n in range(docs):
        sentences = []
        for _ in range(rng.choice([3, 5, 10, 20, 40, 80, 150])):
            words = rng.choices(stems, weights, k=rng.randint(8, 20))
            words = [w + rng.choice(suffixes) for w in words]
            sentences.append(" ".join(words).capitalize() + ".")
        title = " ".join(rng.choices(stems, weights, k=rng.randint(2, 5))).title()
        with open(os.path.join(out, f"doc-{n:03d}.txt"), "w", encoding="utf-8") as f:
            f.write(title + "\n\n" + "\n".join(sentences) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
