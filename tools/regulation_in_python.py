#!/usr/bin/env python3
"""Is the regulation still typed into Python? A grep of validator/ for what the data files own.

The design keeps the regulation in data: the unified formats (rules/formats/*.yaml: part titles and
their variants, table titles and captions, row and column labels, format markers), the rules
(rules/<area>/*.yaml: deadlines, required phrases and the words that show them) and the phrasebook
(rules/phrases/*.yaml). This script collects those strings from the data files and looks for each
of them in the string literals of validator/**/*.py (comments and docstrings are documentation and
are listed apart, never counted). Deadlines are looked for as written in a rule's hint or message
(1月31日, 3月31日) and as the month/day pairs of a date.

    python tools/regulation_in_python.py            # a table of hits; exit 1 when a literal holds one
    python tools/regulation_in_python.py --all      # also the comments and docstrings that name one

Strings shorter than MIN_CHARS characters (其他, 总计, 规章 …) are words of the language as much as
labels, and are left out; so are the words every report heading holds (政府信息公开).
"""
from __future__ import annotations

import argparse
import io
import re
import sys
import tokenize
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MIN_CHARS = 4
COMMON = {"政府信息公开", "政府信息公开工作", "年度报告", "信息公开"}
HAN = re.compile(r"[\u4e00-\u9fff]")


# what a check says to the reader (message values, reasons), not what it looks for in a report
MESSAGE_KEYS = {"zh", "en", "report", "not_applicable", "else"}


def _strings(node, skip: set[str] = frozenset()):
    """Every string under node, except under the keys to skip."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in skip:
                yield from _strings(v, skip)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, skip)
    elif isinstance(node, str):
        yield node


def regulation_strings() -> dict[str, str]:
    """{string: where it belongs}: what only the data files should say."""
    out: dict[str, str] = {}
    for f in sorted((ROOT / "rules" / "formats").glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for p in data.get("parts", []):
            for s in [p.get("title"), *p.get("variants", []), *p.get("keywords", [])]:
                if s:
                    out.setdefault(s, f"{f.name}: part {p['number']}")
        for t in data.get("tables", []):
            for s in (t.get("title"), t.get("caption"), t.get("corner"), *t.get("spanning_labels", [])):
                if s:
                    out.setdefault(s, f"{f.name}: table {t['id']}")
            for kind in ("rows", "columns"):
                for r in t.get(kind, []):
                    out.setdefault(r["label"], f"{f.name}: {t['id']} {kind[:-1]} {r['id']}")
        for s in data.get("markers", []):
            out.setdefault(s, f"{f.name}: marker")
    for f in sorted((ROOT / "rules").glob("[a-z]*/*.yaml")):
        if f.parent.name in ("formats", "phrases") or f.name.startswith("_"):
            continue
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        check = data.get("check") or {}
        # the words a rule requires or reads: its regular expressions' alternatives and its literals
        for s in _strings(check, MESSAGE_KEYS):
            for alt in re.split(r"[|()?*+\[\]\\^$.{}]", s):
                if len(alt) >= 2 and HAN.search(alt):
                    out.setdefault(alt, f"{f.name}: check")
        # deadlines as a rule states them (DAT003: 1月31日, 3月31日)
        for s in _strings({k: data.get(k) for k in ("hint", "message", "rationale")}):
            for m in re.finditer(r"\d{1,2}月\d{1,2}日", s):
                out.setdefault(m.group(0), f"{f.name}: deadline")
    return {s: w for s, w in out.items() if (len(s) >= MIN_CHARS or "月" in s) and s not in COMMON}


def literals(path: Path):
    """(line, text, is_doc) for every string literal and comment of a Python file."""
    src = path.read_text(encoding="utf-8")
    prev = None
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.COMMENT:
            yield tok.start[0], tok.string, True
        elif tok.type == tokenize.STRING:
            # a docstring: a string that is a statement of its own
            doc = prev is None or prev.type in (tokenize.INDENT, tokenize.NEWLINE, tokenize.NL, tokenize.DEDENT)
            yield tok.start[0], tok.string, doc
        if tok.type not in (tokenize.NL, tokenize.COMMENT):
            prev = tok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--all", action="store_true", help="also list comments and docstrings")
    args = ap.parse_args(argv)
    wanted = regulation_strings()
    # one pass per file: a regex of every wanted string, longest first
    pattern = re.compile("|".join(re.escape(s) for s in sorted(wanted, key=len, reverse=True)))
    code_hits = doc_hits = 0
    for path in sorted((ROOT / "validator").rglob("*.py")):
        for line, text, doc in literals(path):
            for m in pattern.finditer(text):
                if doc:
                    doc_hits += 1
                    if not args.all:
                        continue
                else:
                    code_hits += 1
                kind = "doc " if doc else "CODE"
                print(f"{kind} {path.relative_to(ROOT)}:{line}: {m.group(0)}  ({wanted[m.group(0)]})")
    print(f"{len(wanted)} strings of the regulation looked for in validator/**/*.py: "
          f"{code_hits} in string literals, {doc_hits} in comments and docstrings")
    return 1 if code_hits else 0


if __name__ == "__main__":
    sys.exit(main())
