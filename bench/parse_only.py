#!/usr/bin/env python3
"""Parse-only baselines for the batch benchmark: read every file of a folder with the library
underneath xxgk's reader, and nothing else — the floor that `xxgk check` is compared with.

    python bench/parse_only.py md|docx|html|pdf-plumber|pdf-pdfium|pdf-miner FOLDER

- md: read the bytes, decode UTF-8, split into lines (what any linter must do);
- docx: zipfile + lxml.etree of word/document.xml (every paragraph's and cell's text);
- html: decode + lxml.html.document_fromstring + text of the body;
- pdf-plumber: pdfplumber, every page's characters, words (extract_words) and ruling objects —
  what xxgk's reader needs from the library before any table or line logic of its own;
- pdf-miner: pdfminer.six's extract_text (layout analysis on: the library's own text reading);
- pdf-pdfium: pypdfium2, every page's text and each character's box and font size, plus the
  path objects (ruling) — the same raw material from PDFium (C++).

Prints one JSON line: files, bytes, cpu_s (user+sys of this process).
"""
from __future__ import annotations

import json
import os
import resource
import sys


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def parse_md(data: bytes) -> int:
    return len(data.decode("utf-8").splitlines())


def parse_docx(data: bytes) -> int:
    import io
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return sum(len("".join(t.text or "" for t in p.iter(ns + "t"))) for p in root.iter(ns + "p"))


def parse_html(data: bytes) -> int:
    import lxml.html

    from validator.readers.html_reader import decode_html  # noqa: PLC0415 - the same decoding xxgk does
    return len(lxml.html.document_fromstring(decode_html(data)[0]).text_content())


def parse_pdf_plumber(data: bytes) -> int:
    import io
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    n = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            n += len(page.chars) + len(page.extract_words()) + len(page.lines) + len(page.rects) + len(page.curves)
            page.close()
    return n


def parse_pdf_miner(data: bytes) -> int:
    import io
    import logging

    from pdfminer.high_level import extract_text

    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    return len(extract_text(io.BytesIO(data)))


def parse_pdf_pdfium(data: bytes) -> int:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    n = 0
    pdf = pdfium.PdfDocument(data)
    try:
        for page in pdf:
            tp = page.get_textpage()
            n += len(tp.get_text_range())
            for i in range(tp.count_chars()):
                tp.get_charbox(i, loose=True)
                raw.FPDFText_GetFontSize(tp, i)
            for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=5):
                n += raw.FPDFPath_CountSegments(obj)
            tp.close()
            page.close()
    finally:
        pdf.close()
    return n


IMPORTS = {"md": [], "docx": ["zipfile", "lxml.etree"], "html": ["lxml.html", "validator.readers.html_reader"],
           "pdf-plumber": ["pdfplumber"], "pdf-miner": ["pdfminer.high_level"], "pdf-pdfium": ["pypdfium2"]}


def main(argv: list[str]) -> int:
    kind, folder = argv
    suffix = "." + kind.split("-")[0]
    fn = {"md": parse_md, "docx": parse_docx, "html": parse_html, "pdf-plumber": parse_pdf_plumber,
          "pdf-miner": parse_pdf_miner, "pdf-pdfium": parse_pdf_pdfium}[kind]
    for module in IMPORTS[kind]:  # imports are not parsing: load them before the clock starts
        __import__(module)
    files = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(suffix))
    start = _cpu()
    total = 0
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        total += len(data)
        fn(data)
    print(json.dumps({"files": len(files), "bytes": total, "cpu_s": _cpu() - start}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
