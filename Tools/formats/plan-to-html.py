#!/usr/bin/env python3
"""Lays a plain-text plan out as the HTML a Word document of it holds: one paragraph per line, the
header (issuer and number | motto and date) and the closing ("Nơi nhận" list | signature) as
borderless two-column tables, as Vietnamese administrative documents are typed (Nghị định
30/2020/NĐ-CP). Used by make-format-fixtures.sh; pandoc turns the HTML into .docx and .odt.

    plan-to-html.py PLAN.txt > PLAN.html
"""
import html
import sys

lines = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
text = [l.strip() for l in lines]
nonblank = [i for i, t in enumerate(text) if t]
doc_type = next((i for i in nonblank if text[i] in ("KẾ HOẠCH", "QUYẾT ĐỊNH")), None)


def is_rule(t):
    return t and set(t) <= set("-_–")


def right_side(t):
    return t.startswith(("CỘNG HÒA", "CỘNG HOÀ", "Độc lập")) or ", ngày" in t


def cell(items):
    return "".join(f"<p>{html.escape(t)}</p>" for t in items) or "<p></p>"


out = ["<html><head><meta charset='utf-8'></head><body>"]
start = 0
if doc_type is not None:
    head = [text[i] for i in nonblank if i < doc_type]
    left = [t for t in head if not right_side(t) and not is_rule(t) and not t.startswith("Số")]
    right = [t for t in head if right_side(t) and ", ngày" not in t]
    number = [t for t in head if t.startswith("Số")]
    date = [t for t in head if ", ngày" in t]
    # The issuer's column narrow, the motto's wide enough for its one line (as Nghị định 30 sets them).
    out.append("<table><colgroup><col width='36%'><col width='64%'></colgroup><tr><td>" + cell(left) + "</td><td>" + cell(right) + "</td></tr>")
    out.append("<tr><td>" + cell(number) + "</td><td>" + cell(date) + "</td></tr></table>")
    start = doc_type

# The closing: from "Nơi nhận:" to the end, its list beside the signature.
recipients = next((i for i in reversed(nonblank) if text[i].startswith("Nơi nhận")), None)
end = recipients if recipients is not None and recipients > start else len(text)
for i in range(start, end):
    if text[i]:
        out.append(f"<p>{html.escape(text[i])}</p>")
if end < len(text):
    items, signature, in_list = [], [], True
    for i in range(end, len(text)):
        t = text[i]
        if not t:
            continue
        if i > end and not t.startswith(("-", "+")):
            in_list = False
        (items if in_list else signature).append(t)
    out.append("<table><tr><td>" + cell(items) + "</td><td>" + cell(signature) + "</td></tr></table>")
out.append("</body></html>")
print("\n".join(out))
