#!/usr/bin/env python3
"""PDF libraries side by side on the same files: speed, and whether they read the same lines.

    python bench/pdf_compare.py FILE.pdf …

Per file and library, CPU seconds (median of 3, imports excluded):
- xxgk: validator.readers.pdf_reader.read (pdfplumber + xxgk's table and line logic: the cost a
  user pays per PDF);
- pdfplumber: characters, words and ruling objects of every page (the library's part of that);
- pdfminer: pdfminer.six's extract_text (its own layout analysis);
- pdfium: pypdfium2, every page's text, each character's box and font size, and its path objects.

Same reading: the text lines pdfplumber gives (extract_text_lines) against the lines rebuilt
from PDFium's characters (grouped by baseline, ordered by x), compared after removing
whitespace and NFKC; and the characters of the whole text as a multiset.
Prints one JSON object.
"""
from __future__ import annotations

import io
import json
import logging
import resource
import statistics
import sys
import unicodedata
from collections import Counter
from pathlib import Path


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def xxgk_read(data: bytes):
    from validator.readers import pdf_reader

    return pdf_reader.read(Path("x.pdf"), data)


def plumber(data: bytes) -> list[str]:
    import pdfplumber

    lines = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_words()
            _ = page.lines, page.rects, page.curves
            lines += [ln["text"] for ln in page.extract_text_lines()]
            page.close()
    return lines


def miner(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def pdfium(data: bytes) -> list[str]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    lines: list[str] = []
    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        tp = page.get_textpage()
        rows: dict[int, list[tuple[float, str]]] = {}
        for i in range(tp.count_chars()):
            ch = chr(raw.FPDFText_GetUnicode(tp, i))
            left, bottom, right, top = tp.get_charbox(i, loose=True)
            raw.FPDFText_GetFontSize(tp, i)
            if ch.strip():
                rows.setdefault(round(bottom / 3), []).append((left, ch))
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=5):
            raw.FPDFPath_CountSegments(obj)
        for key in sorted(rows, reverse=True):
            lines.append("".join(ch for _, ch in sorted(rows[key])))
        tp.close()
        page.close()
    pdf.close()
    return lines


def timed(fn, data: bytes, runs: int = 3):
    times, out = [], None
    for _ in range(runs):
        t = _cpu()
        out = fn(data)
        times.append(_cpu() - t)
    return statistics.median(times), out


def main(paths: list[str]) -> int:
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    import pdfminer.high_level  # noqa: F401
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401

    from validator.readers import pdf_reader  # noqa: F401

    files = []
    for p in paths:
        data = Path(p).read_bytes()
        row = {"path": p, "bytes": len(data)}
        for name, fn in (("xxgk", xxgk_read), ("pdfplumber", plumber), ("pdfminer", miner), ("pdfium", pdfium)):
            row[name], out = timed(fn, data)
            if name == "xxgk":
                row["pages"] = out.meta.get("pages")
            elif name == "pdfplumber":
                plumber_lines = out
            elif name == "pdfminer":
                miner_text = out
            else:
                pdfium_lines = out
        a = Counter(_norm(x) for x in plumber_lines if _norm(x))
        b = Counter(_norm(x) for x in pdfium_lines if _norm(x))
        row["lines"] = sum(a.values())
        row["lines_same"] = sum((a & b).values())
        chars_a = Counter("".join(a.elements()))
        chars_b = Counter("".join(b.elements()))
        chars_m = Counter(_norm(miner_text))
        row["chars"] = sum(chars_a.values())
        row["chars_same_pdfium"] = sum((chars_a & chars_b).values())
        row["chars_same_pdfminer"] = sum((chars_a & chars_m).values())
        files.append(row)
    print(json.dumps({"files": files}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
