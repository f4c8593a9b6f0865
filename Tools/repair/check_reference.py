#!/usr/bin/env python3
"""Check a hand-made reference restoration against its damaged seed.

Damage model: text extracted from a PDF whose fonts lack Unicode mappings
for some glyphs; each lost character became exactly one space, every other
character is unchanged, line breaks are unchanged.

So, for every line i, the reference must
  * be NFC,
  * have exactly as many Unicode scalars as the damaged line (after NFC),
  * at each position hold either the damaged character, or anything at all
    where the damaged line has a space (a space if it was a real separator,
    '?' for a lost digit that the document cannot decide).

Usage: check_reference.py [DAMAGED] [REFERENCE]
Defaults: Fixtures/seeds/000_a9439903c9056b27.txt and
          Fixtures/repair/000_reference.txt (relative to the package root).
Exit status 0 on success (prints a summary), 1 on any violation (prints one
error per offending line), 2 on usage / I/O errors.
"""
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DAMAGED = os.path.join(ROOT, "Fixtures", "seeds", "000_a9439903c9056b27.txt")
DEFAULT_REFERENCE = os.path.join(ROOT, "Fixtures", "repair", "000_reference.txt")


def read_lines(path):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")  # strict: invalid UTF-8 is an error
    if text.startswith("\ufeff"):
        raise ValueError(f"{path}: starts with a BOM")
    return text, text.split("\n")


def main(argv):
    if len(argv) > 3 or any(a in ("-h", "--help") for a in argv[1:]):
        print(__doc__.strip())
        return 2
    damaged_path = argv[1] if len(argv) > 1 else DEFAULT_DAMAGED
    reference_path = argv[2] if len(argv) > 2 else DEFAULT_REFERENCE
    try:
        dtext, dlines = read_lines(damaged_path)
        rtext, rlines = read_lines(reference_path)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    errors = []
    if "\r" in rtext:
        errors.append("reference: contains CR characters (line ends must be LF)")
    if len(dlines) != len(rlines):
        errors.append(
            f"line count differs: damaged has {len(dlines)} newline-separated "
            f"fields, reference has {len(rlines)}"
        )

    changed = 0
    questions = []
    for i, (d, r) in enumerate(zip(dlines, rlines), start=1):
        if unicodedata.normalize("NFC", r) != r:
            errors.append(f"line {i}: reference is not NFC")
            continue
        d = unicodedata.normalize("NFC", d)
        if len(d) != len(r):
            errors.append(
                f"line {i}: length {len(r)} != damaged length {len(d)}\n"
                f"    damaged:   {d!r}\n    reference: {r!r}"
            )
            continue
        bad = [k for k, (a, b) in enumerate(zip(d, r)) if a != b and a != " "]
        if bad:
            k = bad[0]
            marks = "".join("^" if j in bad else " " for j in range(len(d)))
            errors.append(
                f"line {i}: {len(bad)} position(s) differ where the damaged "
                f"character is visible (first at column {k + 1}: damaged "
                f"{d[k]!r}, reference {r[k]!r})\n"
                f"    damaged:   {d}\n    reference: {r}\n               {marks}"
            )
            continue
        for k, (a, b) in enumerate(zip(d, r)):
            if a == " " and b != " ":
                changed += 1
                if b == "?":
                    questions.append((i, k + 1))

    if errors:
        for e in errors:
            print(e)
        print(f"FAILED: {len(errors)} error(s)")
        return 1

    nonblank = sum(1 for l in rlines if l.strip())
    restored = sum(1 for d, r in zip(dlines, rlines) if d != r)
    terminated = rtext.count("\n")
    tail = "" if rtext.endswith("\n") else f" + 1 unterminated final line {rlines[-1]!r}"
    print(f"OK: {terminated} lines{tail} ({nonblank} non-blank), {restored} lines restored, "
          f"{changed} changed positions, {len(questions)} '?' (undecidable)")
    for i, col in questions:
        print(f"  ? at line {i}, column {col}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
