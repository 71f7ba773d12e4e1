#!/usr/bin/env python3
"""Find sentences for the phrasebook in real reports: what each kind reads, and what it leaves.

    python tools/phrase_harvest.py REPORT… [--kind applications.count] [--grep 申请] [--missed]
        [--source "text for the source field"]

Each report is read like `xxgk check` reads it (tables are not prose); its prose is cut into
sentences (at 。！？； and line ends), and for every sentence and kind the statements the kind
reads are printed as a phrasebook example, ready to check by hand and paste into
rules/phrases/*.yaml:

    - text: 本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。
      finds: [{tags: [received], value: 70}, …]
      source: tests/corpus/fj-pingtan-2021.txt

--grep REGEX keeps the sentences that match; --missed prints, for --kind, the sentences that match
--grep but that the kind does not read (candidates for its negatives, or wordings it misses). A
person decides what each sentence really says: the output is a candidate, never an expectation.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from validator.phrases import find, load_phrasebook  # noqa: E402
from validator.phrases.match import Statement  # noqa: E402

SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")


def prose(path: str) -> str:
    from validator.pipeline import analyse  # noqa: PLC0415

    _, report, _ = analyse(path)
    return report.stream.text


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(text) if len(s.strip()) >= 6]


def _flow(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if value is None:
        return "null"
    return str(value)


def finds(statements: list[Statement], shape: str) -> str:
    if not statements:
        return "none"
    if shape == "mention":
        return "{topics: " + _flow(sorted({t for s in statements for t in s.tags})) + "}"
    parts = []
    for s in statements:
        fields = []
        if s.tags:
            fields.append(f"tags: {_flow(s.tags)}")
        if isinstance(s.value, dict):
            for key in ("stated", "items", "total", "sum"):
                if key in s.value:
                    fields.append(f"{key}: {_flow(s.value[key])}")
        elif s.value is not None:
            fields.append(f"value: {_flow(s.value)}")
        parts.append("{" + ", ".join(fields) + "}")
    return parts[0] if len(parts) == 1 else "[" + ", ".join(parts) + "]"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("reports", nargs="+")
    ap.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    ap.add_argument("--grep", help="only sentences matching this regular expression")
    ap.add_argument("--missed", action="store_true", help="sentences matching --grep that the kind does not read")
    ap.add_argument("--source", help="the source field (default: the report's path)")
    args = ap.parse_args(argv)
    book = load_phrasebook()
    kinds = args.kind or sorted(book.kinds)
    grep = re.compile(args.grep) if args.grep else None
    for path in args.reports:
        source = args.source or path
        for s in sentences(prose(path)):
            if grep and not grep.search(s):
                continue
            for kind_id in kinds:
                got = find(book, kind_id, s)
                if bool(got) == args.missed:
                    continue
                print(f"# {kind_id}\n- text: {s}\n  finds: {finds(got, book.kind(kind_id).shape)}\n  source: {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
