#!/usr/bin/env python3
"""Known-item queries over a bench corpus: what a user types to find one article again.

    generate.py [--any-tokens] CORPUS_DIR MANIFEST SET SEED [N] > queries.tsv

Output: one query a line, `qid<TAB>kind<TAB>target<TAB>text`, where target is the document's
path relative to CORPUS_DIR. The rules (docs/ranking.md repeats them):

* A document is drawn uniformly from the manifest (a fixed seed, Python's random.Random),
  among documents of its language that have a usable sentence or verse.
* English (`en-run`, `en-words`): drop URLs, e-mail addresses and mail header lines, split
  the text into sentences (at . ! ? ; and blank lines) and keep the sentences of prose: at
  least 5 words, every token a word (ASCII letters, one apostrophe inside at most: no
  numbers, no `véritable`), and words are 70 % of its characters or more. Draw one.
  `en-run` takes 2-4 consecutive words of it that begin and end with a content word (3
  letters or more, no stop word; stop words may stand between: "expulsion from
  parliament"); `en-words` takes 2-4 of its content words, in order, not necessarily
  adjacent. Half the queries are lower-cased, as people type; the others keep the text's
  case.
* Chinese (`zh-one`, `zh-two`): a verse line is split at punctuation into clauses; a piece is
  2-4 consecutive Han characters of one clause. `zh-one` is one piece; `zh-two` two pieces of
  two different clauses of the poem, separated by a space.
* Each kind is drawn with equal probability; a set of English and Chinese documents (mixed)
  takes half its queries from each language.
* `other-script` sets (made by convert.py) are the Chinese queries written in the other
  script with opencc.
* `--any-tokens`, a check of robustness rather than a rule: English queries are drawn from
  any sentence of 5 tokens or more (numbers, identifiers and code included), and `en-run`
  takes any 2-4 consecutive tokens.
"""
import os
import random
import re
import sys

STOP = set("""a about above after again against all am an and any are as at be because been
before being below between both but by can did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
also may might must shall could one two mr mrs""".split())

TOKEN = re.compile(r"\w+(?:'\w+)?")
ALPHA = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?$")
URL_OR_MAIL = re.compile(r"\S+@\S+|\w+://\S+|www\.\S+")
HEADER = re.compile(r"^(From|Date|To|Cc|Subject|Message-ID):.*$", re.M)
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n\s*\n")


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read(200_000)


def is_chinese(text):
    head = "".join(text[:2000].split())
    han = sum(len(m) for m in HAN.findall(head))
    return han > 0 and han >= 0.3 * len(head)


def is_content(word):
    return len(word) >= 3 and word.lower() not in STOP


def english_sentences(text, any_tokens=False):
    """The sentences of `text` an English query may be drawn from, each a list of its words:
    prose only (5 words or more, every token a word, words most of its characters), or,
    with any_tokens, every sentence of 5 tokens or more."""
    text = URL_OR_MAIL.sub(" ", HEADER.sub(" ", text))
    sentences = []
    for s in SENTENCE_END.split(text):
        tokens = TOKEN.findall(s)
        words = [t for t in tokens if ALPHA.match(t)]
        if any_tokens:
            if len(tokens) >= 5:
                sentences.append(tokens)
        # Prose, not markup, tables or code: 5 words or more, and words make most of it.
        elif len(words) >= 5 and len(words) == len(tokens) and \
                sum(map(len, words)) >= 0.7 * len("".join(s.split())):
            sentences.append(words)
    return sentences


def run_starts(words, n, any_tokens=False):
    """Where an `en-run` of n words may start in a sentence: a content word at both ends
    (any place, with any_tokens)."""
    return [i for i in range(len(words) - n + 1)
            if any_tokens or (is_content(words[i]) and is_content(words[i + n - 1]))]


def english_query(text, rng, kind, any_tokens=False):
    sentences = english_sentences(text, any_tokens)
    if not sentences:
        return None
    words = rng.choice(sentences)
    n = rng.randint(2, 4)
    if kind == "en-run":
        starts = run_starts(words, n, any_tokens)
        if not starts:
            return None
        start = rng.choice(starts)
        picked = words[start:start + n]
    else:
        content = [w for w in words if is_content(w)]
        if len(content) < n:
            return None
        idx = sorted(rng.sample(range(len(content)), n))
        picked = [content[i] for i in idx]
    query = " ".join(picked)
    return query.lower() if rng.random() < 0.5 else query


def chinese_clauses(text):
    lines = text.split("\n")[2:]  # title, author, then the verses
    clauses = []
    for line in lines:
        clauses.extend(c for c in HAN.findall(line) if len(c) >= 2)
    return clauses


def piece(clause, rng):
    n = rng.randint(2, min(4, len(clause)))
    start = rng.randint(0, len(clause) - n)
    return clause[start:start + n]


def chinese_query(text, rng, kind):
    clauses = chinese_clauses(text)
    if not clauses:
        return None
    if kind == "zh-one":
        return piece(rng.choice(clauses), rng)
    if len(clauses) < 2:
        return None
    a, b = sorted(rng.sample(range(len(clauses)), 2))
    return piece(clauses[a], rng) + " " + piece(clauses[b], rng)


def main(argv):
    any_tokens = "--any-tokens" in argv
    argv = [a for a in argv if a != "--any-tokens"]
    corpus, manifest, set_name, seed = argv[1], argv[2], argv[3], int(argv[4])
    count = int(argv[5]) if len(argv) > 5 else 200
    with open(manifest, encoding="utf-8") as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    rng = random.Random(f"{set_name}:{seed}")
    made, seen, tries = 0, set(), 0
    languages = {"en": 0, "zh": 0}
    while made < count and tries < count * 200:
        tries += 1
        path = rng.choice(paths)
        text = read(os.path.join(corpus, path))
        zh = is_chinese(text)
        lang = "zh" if zh else "en"
        # A set holding both languages takes half its queries from each.
        if set_name.startswith("mixed") and languages[lang] >= count // 2:
            continue
        kind = rng.choice(["zh-one", "zh-two"] if zh else ["en-run", "en-words"])
        text_q = chinese_query(text, rng, kind) if zh else english_query(text, rng, kind,
                                                                         any_tokens)
        if not text_q or (path, text_q) in seen:
            continue
        seen.add((path, text_q))
        languages[lang] += 1
        made += 1
        print(f"{set_name}-{made:03d}\t{kind}\t{path}\t{text_q}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
