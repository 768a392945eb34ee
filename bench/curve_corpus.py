#!/usr/bin/env python3
"""Makes a corpus COPIES times the size of SOURCE for bench/curve.sh.

  curve_corpus.py SOURCE DEST COPIES

DEST/copy-0 holds SOURCE's files as hard links; DEST/copy-K (K = 1 .. COPIES-1) holds each
file again under a changed path, its text changed by a word substitution so that the copies
are new documents rather than duplicates:
  - a lowercase Latin word of 5 or more letters has its first letter moved K places on in
    the alphabet ("kernel" -> "lernel" in copy-1), so frequent short words ("the", "time")
    stay shared while longer ones become new words;
  - a CJK ideograph (U+4E00..U+9FFF) with an odd code point moves 2K places on, wrapping
    inside the block, so about half the characters (and most bigrams) become new ones.
Capitalised words (mail headers, titles' first words) and everything else are left as they
are. The result: each copy adds as many documents and bytes as the source, part of its
vocabulary shared (posting lists grow) and part new (the vocabulary grows).
A DEST that already holds COPIES copies is left as it is.
"""
import os
import re
import sys

CJK_FIRST, CJK_LAST = 0x4E00, 0x9FFF
LONG_LOWER_WORD = re.compile(r"\b[a-z]{5,}\b")


def shift_word(match, k):
    word = match.group(0)
    return chr((ord(word[0]) - ord("a") + k) % 26 + ord("a")) + word[1:]


def shift_ideograph(ch, k):
    cp = ord(ch)
    if CJK_FIRST <= cp <= CJK_LAST and cp % 2 == 1:
        span = CJK_LAST - CJK_FIRST + 1
        shifted = CJK_FIRST + (cp - CJK_FIRST + 2 * k) % span
        if shifted % 2 == 0:  # the block has an odd size: keep odd on wrapping
            shifted = CJK_FIRST + 1
        return chr(shifted)
    return ch


def substitute(text, k):
    text = LONG_LOWER_WORD.sub(lambda m: shift_word(m, k), text)
    return "".join(shift_ideograph(ch, k) for ch in text)


def files_under(root):
    for directory, _, names in os.walk(root):
        for name in names:
            yield os.path.join(directory, name)


def main():
    source, dest, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
    done = os.path.join(dest, f".complete-{copies}")
    if os.path.exists(done):
        return
    files = sorted(files_under(source))
    for k in range(copies):
        out_root = os.path.join(dest, f"copy-{k}")
        for path in files:
            relative = os.path.relpath(path, source)
            target = os.path.join(out_root, relative)
            if os.path.exists(target):
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if k == 0:
                os.link(path, target)
                continue
            with open(path, encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
            with open(target, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(substitute(text, k))
    open(done, "w").close()


if __name__ == "__main__":
    main()
