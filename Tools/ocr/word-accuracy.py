#!/usr/bin/env python3
"""Word accuracy of OCR text against the clean text it was made from.

    Tools/ocr/word-accuracy.py CLEAN.txt OCR.txt [CLEAN.txt OCR.txt ...]

Both texts are NFC-normalised and split on white space (form feeds and line breaks count as
spaces); accuracy is the number of words in the longest matching blocks of the two word
sequences (difflib, no junk heuristic) divided by the clean text's word count. The second number
compares the words with diacritics removed (đ as d), so it shows how many errors are only lost
or wrong marks. Standard library only.
"""
import difflib
import sys
import unicodedata


def words(path):
    with open(path, encoding="utf-8") as f:
        return unicodedata.normalize("NFC", f.read()).split()


def bare(word):
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matched(a, b):
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in sm.get_matching_blocks())


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        sys.exit(__doc__)
    for clean, ocr in zip(argv[0::2], argv[1::2]):
        ref, hyp = words(clean), words(ocr)
        exact = matched(ref, hyp) / len(ref)
        loose = matched([bare(w) for w in ref], [bare(w) for w in hyp]) / len(ref)
        print(f"{ocr}\t{len(ref)}\t{len(hyp)}\t{exact:.3f}\t{loose:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
