"""Reader for .md / .markdown / .txt: Markdown, text converted from Word, flattened web pages,
OCR output and `pdftotext -layout` text.

What arrives in the field (see the seed and shared/corpus):
- Markdown headings, and Chinese outline numbering on plain lines (一、 （一） (一) 1.);
- GFM pipe tables (`| a | b |` + `|---|`);
- tables pasted from Word as tab-separated lines with varying field counts and leading tabs;
- tables flattened one row per line with ` | ` between cells (web page to text);
- tables flattened one cell per line, each ending in ` |`, a bare `|` for a blank cell and
  `||`/`|||` lines between rows (crawlers): a Table of source "cells", one cell per row, that
  the recogniser aligns to the template (recognize/sequence.py);
- `pdftotext -layout` rows: a label, a run of spaces, then the figures.

Every non-table line becomes its own Paragraph (or Heading) with its line number, so prose
rules can map a figure back to line:col. Consecutive table lines of one kind form a Table.
The reader does not know any report labels; matching is the recogniser's job.
"""
from __future__ import annotations

import os
import re

from validator.document import Cell, Document, Heading, InputError, Paragraph, SourceSpan, Table
from validator.lazyre import lazy
from validator.limits import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, Caps
from validator.normalize import FIGURE_UNITS, fix_characters, is_ideograph
from validator.readers.textutil import is_numbered_heading

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TSV_SEPARATOR = lazy(r"^[\s\-|:]*$")
# A figure of a text row, with the unit some reports write after it ("2笔", "984361元"): one cell.
_FIGURE = rf"[-+]?\d[\d,.]*(?:{FIGURE_UNITS})?"
# A `pdftotext -layout` row: some label, a gap of 2+ spaces, then figures separated by spaces.
_LAYOUT_ROW = re.compile(rf"^(?P<label>.*?\S)?(?P<gap>\s{{2,}}|^\s*)(?P<nums>(?:{_FIGURE}\s+){{0,30}}{_FIGURE})\s*$")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). UTF-8 (BOM or not), UTF-16 with BOM, GB18030/GBK; a file that
    is mostly one of them is decoded with repairs (see decode_report)."""
    text, encoding, _ = decode_report(data)
    return text, encoding


def decode_report(data: bytes) -> tuple[str, str, dict | None]:
    """(text, encoding, decoding note or None). A file mostly in one encoding with a few bad
    bytes, or with lines in the other common one, is decoded line by line and the note says
    where (INP008, validator/readers/decoding.py); only a binary or mostly undecodable file is
    an InputError."""
    from validator.readers.decoding import decode_mixed, decode_replacing, main_encoding  # noqa: PLC0415

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, note = decode_replacing(data, "utf-16")
        if note and note["replaced_bytes"] > 0.3 * len(data):
            raise InputError("UTF-16 文件大部分内容无法解码", hint="请以 UTF-8 重新保存该文件",
                             en="most of this UTF-16 file does not decode", hint_en="save the file again as UTF-8")
        return text, "utf-16", note
    if data.startswith(b"\xef\xbb\xbf"):
        body, main, encoding = data[3:], "utf-8", "utf-8-sig"  # a BOM says UTF-8
    else:
        try:
            return data.decode("utf-8"), "utf-8", None
        except UnicodeDecodeError:
            pass
        if b"\x00" in data[:4096]:
            raise InputError("文件似乎是二进制文件，不是文本", hint="检查文件扩展名是否正确")
        # GB18030 would also "decode" a UTF-8 file with one stray byte, into nonsense: a file
        # whose non-ASCII bytes are mostly valid UTF-8 is UTF-8 with repairs
        body = data
        main = encoding = main_encoding(data)
    mixed = decode_mixed(body, main)
    if mixed is None:
        raise InputError("无法识别文件编码（大部分内容既不是 UTF-8，也不是 GB18030/GBK）",
                         hint="请以 UTF-8 重新保存该文件", en="unknown encoding: most of the file is neither UTF-8 "
                         "nor GB18030/GBK", hint_en="save the file again as UTF-8")
    return mixed[0], encoding, mixed[1]


def _split_pipe(line: str) -> list[tuple[str, int]]:
    """Cells of a `|` line with their 1-based start columns.

    `| a | b |` (GFM, pipes on both ends) drops the outer pipes; ` | a | b` (a flattened web
    row whose first cell is empty) keeps the leading empty cell.
    """
    stripped = line.strip()
    offset = len(line) - len(line.lstrip())
    gfm = stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1
    body = stripped[1:-1] if gfm else stripped
    start = offset + (1 if gfm else 0)
    cells: list[tuple[str, int]] = []
    pos = 0
    for piece in body.split("|"):
        text = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        cells.append((text, start + pos + lead + 1))
        pos += len(piece) + 1
    if not gfm and not stripped.startswith("|") and stripped.endswith("|") and len(cells) > 1:
        # a web row flattened as "a | b | c |": the last bar closes the row, it opens no cell
        # (a leading bar with nothing before it does open an empty first cell, on purpose)
        cells.pop()
    return cells


def _single_cell(line: str) -> str | None:
    """The cell of a line from a table flattened one cell per line ("12 |", a bare "|" for a
    blank cell), or None for any other line."""
    s = line.strip()
    if s == "|":
        return ""
    if s.endswith("|") and s.count("|") == 1 and len(s) > 1:
        return s[:-1].strip()
    return None


def _is_spacer(line: str) -> bool:
    """"||", "|||": what a crawler leaves between the rows of a table flattened cell by cell."""
    s = line.strip()
    return len(s) >= 2 and s.count("|") == len(s)


def _split_tsv(line: str) -> list[tuple[str, int]]:
    cells = []
    pos = 0
    for piece in line.split("\t"):
        cells.append((piece.strip(), pos + 1 + (len(piece) - len(piece.lstrip()))))
        pos += len(piece) + 1
    # Trailing empty fields carry nothing (Word adds them after merged cells)
    while cells and cells[-1][0] == "":
        cells.pop()
    return cells


# the label must be all ideographs: checked in _split_layout (see normalize.is_ideograph)
_SHORT_ROW = re.compile(rf"^\s*(?P<label>\S{{2,16}})\s(?P<nums>\d[\d.]*(?:{FIGURE_UNITS})?(?:\s+\d[\d.]*(?:{FIGURE_UNITS})?){{0,2}})\s*$")
_NUMS_ONLY = re.compile(r"^\s*[-+]?\d[\d,.]*(\s+[-+]?\d[\d,.]*)+\s*$")


def _split_layout(line: str) -> list[tuple[str, int]] | None:
    if _NUMS_ONLY.match(line):
        # a row of figures whose label sits on other lines (wrapped PDF labels)
        cells, pos = [], 0
        for tok in line.split():
            idx = line.index(tok, pos)
            cells.append((tok, idx + 1))
            pos = idx + len(tok)
        return cells
    m = _LAYOUT_ROW.match(line)
    if not m:
        short = _SHORT_ROW.match(line)
        if not short or not all(map(is_ideograph, short.group("label"))):
            return None
        # "行政许可 0": a short label and its figures separated by a single space
        cells = [(short.group("label"), len(line) - len(line.lstrip()) + 1)]
        pos = short.start("nums")
        for tok in short.group("nums").split():
            idx = line.index(tok, pos)
            cells.append((tok, idx + 1))
            pos = idx + len(tok)
        return cells
    nums = m.group("nums")
    tokens = nums.split()
    label = (m.group("label") or "").strip()
    if not label and len(tokens) < 2:
        return None
    if label and m.group("gap") is not None and len(m.group("gap")) < 2:
        return None
    if label and not any(map(is_ideograph, label)):
        return None
    cells: list[tuple[str, int]] = []
    if label:
        cells.append((label, len(line) - len(line.lstrip()) + 1))
    pos = m.start("nums")
    for tok in tokens:
        idx = line.index(tok, pos)
        cells.append((tok, idx + 1))
        pos = idx + len(tok)
    return cells


def classify(line: str) -> str:
    """blank | comment | heading | spacer | cell | pipe | tsv | layout | text"""
    if not line.strip():
        return "blank"
    if _COMMENT.match(line):
        return "comment"
    if _MD_HEADING.match(line):
        return "heading"
    if "|" in line:
        if _is_spacer(line):
            return "spacer"
        if _single_cell(line) is not None:
            return "cell"
    if "\t" in line.strip("\n") and len([p for p in line.split("\t") if p.strip()]) >= 1 and line.count("\t") >= 1:
        return "tsv"
    if "|" in line and (line.strip().startswith("|") or " | " in line or line.count("|") >= 2):
        return "pipe"
    cells = _split_layout(line)
    if cells is not None:
        return "layout"
    return "text"


def parse_text(text: str, path: str = "<text>", fmt: str = "md", encoding: str | None = None) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = text.split("\n")
    caps = Caps()
    blocks: list = []
    table_rows: list[list[Cell]] = []
    table_kind: str | None = None
    table_start = 0
    in_code = False

    def flush() -> None:
        nonlocal table_rows, table_kind
        if table_rows and caps.table({"line": table_start}):
            ncols = {len(r) for r in table_rows}
            blocks.append(Table(
                rows=table_rows,
                span=SourceSpan(line=table_start, end_line=table_rows[-1][0].span.line if table_rows[-1] else None),
                source={"pipe": "pipe", "tsv": "tsv", "layout": "layout", "cell": "cells"}[table_kind or "pipe"],
                grid_reliable=(table_kind == "pipe" and len(ncols) == 1),
            ))
        table_rows, table_kind = [], None

    for idx, raw in enumerate(lines, start=1):
        if caps.stopped:
            break
        line = fix_characters(caps.text(raw, {"line": idx}))
        if line.strip().startswith("```"):
            flush()
            in_code = not in_code
            continue
        if in_code:
            continue
        kind = classify(line)
        if kind == "spacer":
            continue  # between flattened rows: neither a cell nor the end of the table
        if kind in ("pipe", "tsv", "layout", "cell"):
            if kind == "pipe" and _PIPE_SEPARATOR.match(line):
                continue
            if kind == "tsv" and _TSV_SEPARATOR.match(line.replace("\t", "")):
                continue
            if kind == "cell":
                # one cell per line: a blank cell ("|") is a cell too, so keep it
                text = _single_cell(line) or ""
                cells = [(text, len(line) - len(line.lstrip()) + 1)]
            else:
                cells = {"pipe": _split_pipe, "tsv": _split_tsv}.get(kind, _split_layout)(line)
                if cells is None or not any(t for t, _ in cells):
                    continue
            if table_kind is not None and kind != table_kind:
                flush()
            if table_kind is None:
                table_kind, table_start = kind, idx
            if len(table_rows) >= MAX_TABLE_ROWS:
                caps.value("rows", len(table_rows) + 1, MAX_TABLE_ROWS, {"line": idx})
                continue
            if len(cells) > MAX_TABLE_COLUMNS:
                caps.value("columns", len(cells), MAX_TABLE_COLUMNS, {"line": idx})
                cells = cells[:MAX_TABLE_COLUMNS]
            r = len(table_rows)
            table_rows.append([Cell(text=t, row=r, col=c, span=SourceSpan(line=idx, col=col))
                               for c, (t, col) in enumerate(cells)])
            continue
        if kind == "blank":
            # blank lines inside a Word/TSV paste or a layout table do not end it; the
            # recogniser stitches pieces anyway, so ending here is harmless for other kinds
            if table_kind == "pipe":
                flush()
            continue
        flush()
        if kind == "comment" or not caps.block({"line": idx}):
            continue
        col = len(line) - len(line.lstrip()) + 1
        m = _MD_HEADING.match(line)
        if m:
            blocks.append(Heading(text=m.group(2).strip(), level=len(m.group(1)), source="markdown",
                                  span=SourceSpan(line=idx, col=col)))
        elif is_numbered_heading(line):
            blocks.append(Heading(text=line.strip(), level=None, source="numbered",
                                  span=SourceSpan(line=idx, col=col)))
        else:
            # strip Markdown emphasis markers that wrap a whole line (**二、…**)
            body = line.strip()
            if body.startswith("**") and body.endswith("**") and len(body) > 4:
                body = body[2:-2].strip()
                if is_numbered_heading(body):
                    blocks.append(Heading(text=body, level=None, source="bold",
                                          span=SourceSpan(line=idx, col=col)))
                    continue
            blocks.append(Paragraph(text=body, span=SourceSpan(line=idx, col=col)))
    flush()
    return Document(path=path, format=fmt, blocks=blocks, lines=lines, encoding=encoding, input_notes=caps.notes)


def read(path: str, data: bytes) -> Document:
    text, encoding, note = decode_report(data)
    fmt = "txt" if os.path.splitext(path)[1].lower() in (".txt", ".text") else "md"
    doc = parse_text(text, path=path, fmt=fmt, encoding=encoding)
    if note:
        doc.input_notes.insert(0, note)
    return doc
