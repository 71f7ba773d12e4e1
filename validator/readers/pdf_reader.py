"""PDF reader (pdfplumber, in the default install): text lines and ruled tables per page.

The pages are parsed by PDFium (pypdfium2) into the objects pdfplumber would have made
(validator/readers/pdfium_pages.py: ~10× less CPU than pdfminer.six's Python interpreter, the
same Document); a document PDFium would measure differently (a font that is not embedded, a
Type3 font, a rotated page), or an install without pypdfium2, is parsed by pdfminer as before.

Per page:

* **Ruling.** Table edges come from stroked lines/rects/curves and from thin filled rects
  (borders drawn as 0.5 pt bars). Large filled rects are *not* edges: Word/WPS exports paint
  a white background rect behind every text line and every cell, and with those pdfplumber
  turns whole pages of prose into one-column "tables". Where a table is split by a page
  break the producer often leaves that side open (no bottom rule on the first page, or no
  top rule over the continuing label column on the next); when the outer verticals of a
  group of edges end level, a closing horizontal rule is added there.
* **Tables.** ``page.find_tables`` with those explicit edges; rowspan/colspan are rebuilt by
  mapping each ``Table.cells`` bbox onto the sorted unique x/y edges; cell text comes from
  ``Table.extract()`` (characters by centre; ``page.crop`` would bleed the next row), wrapped
  lines joined without spaces.
* **Text.** Characters outside table bboxes (``page.filter``) → ``extract_text_lines``;
  page-number lines ("-3-", "— 3 —") dropped; lines joined into paragraphs (a new paragraph
  at a first-line indent, after a short line, at a font-size change, a wide gap or an
  outline number); a short outline-numbered paragraph ("一、总体情况", "（三）…情况。")
  becomes ``Heading(level=None, source="numbered")``. A paragraph continues across a page
  break when nothing but the page number separates the two lines.
* **Cross-page tables.** When a page's first block is a table, the previous page's last
  block was a table, and the column edges agree (equal, or the new ones a subset), the two
  are stitched into one Table; the first-row cells that continue a vertically merged cell of
  the previous page (empty, or text that does not open with a number) extend that cell.
  Each cell keeps the page it was read from in its SourceSpan.

Text gets the PDF-specific whitespace repair (justified lines, Latin/CJK auto-spacing) and
``fix_characters`` (Kangxi / CJK-radical code points). A PDF without a usable text layer
(no characters, or mostly ``(cid:NN)``, U+FFFD or private-use code points) is INP003.
"""
from __future__ import annotations

import io
import logging
import re
from bisect import bisect_left
from collections import Counter
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from validator.document import Cell, Document, Heading, InputError, Paragraph, SourceSpan, Table
from validator.limits import MAX_PDF_PAGES, MAX_PDF_STREAM_BYTES, Caps, decompression_bomb
from validator.readers.textutil import (
    clean_text,
    collapse_cjk_spaces,
    is_numbered_heading,
    join_wrapped,
    starts_with_outline_number,
)
from validator.records import field, record

THIN = 2.5  # a filled rect thinner than this (pt) is a drawn rule, not a background
TOUCH = 2.0  # edges closer than this belong to the same ruling group
GRID_TOL = 3.5  # column edges of two table fragments agree within this (pt)
BAD_TEXT_RATIO = 0.3
MAX_EDGES_FOR_CLOSING = 4000

_PAGE_NUMBER = re.compile(r"^[\s\-—–－~·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[\s\-—–－~·•]*$")
_DASHED_NUMBER = re.compile(r"^\s*[-—–－~]+\s*\d{1,4}\s*[-—–－~]+\s*$")

UNREADABLE_MESSAGE = "PDF 没有可用的文本层（可能是扫描件或字体缺少 Unicode 映射）"
UNREADABLE_HINT = "请提供原始 Word 文档，或对 PDF 做 OCR 后再检查"


# --------------------------------------------------------------------------- data holders

@record
class _Word:
    """A run of characters with no wide gap inside: one cell's text on a line of a table that
    has no ruling lines (a wide gap, about an em or more, separates cells)."""
    text: str
    x0: float
    x1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@record
class _Line:
    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    words: list[_Word] = field(default_factory=list)


@record
class _WordTable:
    """A table without ruling lines, rebuilt from its lines' words: cells (text, col, colspan)
    per row, the columns being the x positions the figures share."""
    page: int
    rows: list[list[tuple[str, int, int]]]


@record
class _FragCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    x0: float
    x1: float
    page: int


@record
class _Fragment:
    page: int
    bbox: tuple[float, float, float, float]
    xs: list[float]  # column edges, left to right (n_cols + 1)
    n_rows: int
    cells: list[_FragCell]


@record
class _TableBuilder:
    xs: list[float]
    page: int
    cells: list[_FragCell] = field(default_factory=list)
    n_rows: int = 0


# --------------------------------------------------------------------------- text helpers

def _pdf_text(raw: str | None) -> str:
    """Cell or line text: wrapped lines joined without spaces (CJK), PDF spacing repaired."""
    if not raw:
        return ""
    parts = [collapse_cjk_spaces(s, aggressive=True).strip() for s in raw.split("\n")]
    return clean_text(join_wrapped(parts), aggressive=True)


def _is_bad_char(text: str) -> bool:
    if text.startswith("(cid:"):
        return True
    for ch in text:
        o = ord(ch)
        if ch == "\ufffd" or 0xE000 <= o <= 0xF8FF or 0xF0000 <= o:
            return True
    return False


# --------------------------------------------------------------------------- tables without ruling

WIDE_GAP = 1.0  # a gap between two characters of at least this many ems separates two cells
_FIGURE = re.compile(r"^[-+—–/－]?[\d.,，]*\d[\d.,，]*(?:元|万元|件|条|个)?$|^[-—–/－]{1,2}$")


def _words(chars: list[dict], size: float) -> list[_Word]:
    """Split a line's characters at wide gaps (cells of a borderless table); prose lines, whose
    characters sit close (justified spacing stays well under an em), give one word."""
    out: list[_Word] = []
    cur: list[dict] = []
    for ch in sorted((c for c in chars if c.get("text", "").strip()), key=lambda c: c["x0"]):
        if cur and ch["x0"] - cur[-1]["x1"] >= WIDE_GAP * max(size, 1.0):
            out.append(_word_of(cur))
            cur = []
        cur.append(ch)
    if cur:
        out.append(_word_of(cur))
    return out


def _word_of(chars: list[dict]) -> _Word:
    text = clean_text("".join(c["text"] for c in chars), aggressive=True)
    return _Word(text=text, x0=chars[0]["x0"], x1=chars[-1]["x1"])


def _is_figure(text: str) -> bool:
    return bool(_FIGURE.match(text.replace(" ", "")))


def _is_table_line(line: _Line) -> bool:
    """Two or more cells: a label with figures, figures alone, or a row of short header labels."""
    words = line.words
    if len(words) < 2:
        return False
    if any(_is_figure(w.text) for w in words[1:]):
        return True
    return all(len(w.text) <= 16 for w in words)


def _borderless_tables(items: list) -> list:
    """Runs of table lines (see _is_table_line) on a page become one _WordTable; a single-cell
    line between two of them (a wrapped label) stays inside the run as a label-only row."""
    out: list = []
    run: list[_Line] = []

    def flush():
        nonlocal run
        if run:
            if sum(1 for ln in run if _is_table_line(ln)) >= 2 or any(
                    sum(_is_figure(w.text) for w in ln.words) >= 2 for ln in run):
                out.append((2, _word_table(run)))
            else:
                out.extend((0, ln) for ln in run)
        run = []

    pending_tail: list = []
    for kind, obj in items:
        if kind == 0 and _is_table_line(obj):
            run.extend(pending_tail)
            pending_tail = []
            run.append(obj)
            continue
        if kind == 0 and run and _may_wrap_label(obj, run[-1]):
            pending_tail.append(obj)  # maybe a wrapped label inside the table
            continue
        flush()
        out.extend((0, ln) for ln in pending_tail)
        pending_tail = []
        out.append((kind, obj))
    flush()
    out.extend((0, ln) for ln in pending_tail)
    return out


_PART_HEADING = re.compile(r"^\s*[一二三四五六七八九十]{1,2}\s*[、.．]")


def _may_wrap_label(line: _Line, last: _Line) -> bool:
    """A single short line after a table line may be the rest of a wrapped label (then the
    table goes on after it): it is set in the table's type size, and is neither a sentence nor
    the report's next part heading (a table followed by "四、政府信息公开行政复议…" and a
    sentence in body type is two tables, not one)."""
    text = line.text.strip()
    return (len(line.words) == 1 and len(text) <= 40 and abs(line.size - last.size) <= 0.15 * last.size
            and not text.endswith(("。", "：", ":")) and not _PART_HEADING.match(text))


def _word_table(lines: list[_Line]) -> _WordTable:
    """Columns are where the figures sit: the figures' left edge across the table's rows splits
    label words (left of it) from cell words, and the cell words' centres, clustered, are the
    columns. A data row's label words are column 0; each cell word goes to its column (a word
    such as "未统计" or "--4" where a figure belongs included), and a column with no word on a
    row is a blank cell there. A header row's words go to the columns they stand over."""
    size = sorted(ln.size for ln in lines)[len(lines) // 2]
    figure_rows = [ln for ln in lines if any(_is_figure(w.text) for w in ln.words)]
    left = min((w.x0 for ln in figure_rows for w in ln.words if _is_figure(w.text)), default=0.0) - size
    centres = sorted(w.centre for ln in figure_rows for w in ln.words[1:] if w.centre >= left)
    clusters: list[list[float]] = []
    for c in centres:
        if clusters and c - clusters[-1][-1] <= 1.2 * size:
            clusters[-1].append(c)
        else:
            clusters.append([c])
    cols = [sum(cl) / len(cl) for cl in clusters]
    rows: list[list[tuple[str, int, int]]] = []
    for ln in lines:
        if ln not in figure_rows:
            rows.append(_header_cells(ln.words, cols, size))
            continue
        label = [w for i, w in enumerate(ln.words) if i == 0 or w.centre < left]
        cells: list[tuple[str, int, int]] = [(join_wrapped(w.text for w in label), 0, 1)]
        taken: dict[int, str] = {}
        for w in ln.words[len(label):]:
            k = min(range(len(cols)), key=lambda i: abs(cols[i] - w.centre))
            if k in taken or abs(cols[k] - w.centre) > 1.5 * size:
                taken = {}  # two words in one column, or a word far from every column: no grid row
                cells = [(ln.text, 0, 1)]
                break
            taken[k] = w.text
        if taken:
            cells.extend((taken.get(k, ""), k + 1, 1) for k in range(len(cols)))
        rows.append(cells)
    return _WordTable(page=lines[0].page, rows=rows)


def _header_cells(words: list[_Word], cols: list[float], size: float) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for w in words:
        inside = [k for k, c in enumerate(cols) if w.x0 - 0.5 * size <= c <= w.x1 + 0.5 * size]
        if inside:
            out.append((w.text, inside[0] + 1, len(inside)))
        else:
            near = [k for k, c in enumerate(cols) if abs(c - w.centre) <= 1.5 * size]
            out.append((w.text, near[0] + 1 if near else 0, 1))
    return out


# --------------------------------------------------------------------------- ruling

def _ruling_edges(page, obj_to_edges) -> list[dict]:
    objs = list(page.lines)
    for o in list(page.rects) + list(page.curves):
        w, h = abs(o.get("width", 0)), abs(o.get("height", 0))
        if o.get("stroke") or min(w, h) <= THIN:
            objs.append(o)
    edges = []
    for o in objs:
        try:
            for e in obj_to_edges(o):
                if e.get("orientation") in ("h", "v"):
                    edges.append(e)
        except (KeyError, TypeError):  # malformed object: ignore it
            continue
    return edges + _closing_edges(edges)


def _groups(edges: list[dict]) -> list[list[dict]]:
    """Connected groups of edges (touching within TOUCH), by a sweep over x."""
    order = sorted(range(len(edges)), key=lambda i: edges[i]["x0"])
    parent = list(range(len(edges)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for pos, i in enumerate(order):
        a = edges[i]
        for j in order[pos + 1:]:
            b = edges[j]
            if b["x0"] - TOUCH > a["x1"]:
                break
            if a["top"] - TOUCH <= b["bottom"] and b["top"] - TOUCH <= a["bottom"]:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[ri] = rj
    out: dict[int, list[dict]] = {}
    for i, e in enumerate(edges):
        out.setdefault(find(i), []).append(e)
    return list(out.values())


def _closing_edges(edges: list[dict]) -> list[dict]:
    """Horizontal rules that close a table left open at a page break."""
    extra: list[dict] = []
    if len(edges) > MAX_EDGES_FOR_CLOSING:  # a vector drawing, not a table: leave it alone
        return extra
    for group in _groups(edges):
        vs = [e for e in group if e["orientation"] == "v"]
        if len(vs) < 2 or not any(e["orientation"] == "h" for e in group):
            continue
        left, right = min(e["x0"] for e in vs), max(e["x0"] for e in vs)
        if right - left < 10:
            continue
        lefts = [e for e in vs if abs(e["x0"] - left) <= TOUCH]
        rights = [e for e in vs if abs(e["x0"] - right) <= TOUCH]
        top = min(e["top"] for e in vs)
        bottom = max(e["bottom"] for e in vs)
        for y, key in ((top, "top"), (bottom, "bottom")):
            if any(abs(e[key] - y) <= TOUCH for e in lefts) and any(abs(e[key] - y) <= TOUCH for e in rights):
                extra.append({"object_type": "line_edge", "orientation": "h", "x0": left, "x1": right,
                              "top": y, "bottom": y, "width": right - left, "height": 0.0, "doctop": y})
    return extra


# --------------------------------------------------------------------------- tables

def _cluster(values: list[float], tol: float = 1.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _nearest(edges: list[float], v: float) -> int:
    i = bisect_left(edges, v)
    if i == 0:
        return 0
    if i == len(edges):
        return len(edges) - 1
    return i if edges[i] - v < v - edges[i - 1] else i - 1


def _fragment(table, page_no: int) -> _Fragment | None:
    cells = list(table.cells)
    if len(cells) < 2:
        return None
    grid = table.extract()
    text_of: dict[tuple, str | None] = {}
    for r_i, row in enumerate(table.rows):
        for c_i, bbox in enumerate(row.cells):
            if bbox is not None:
                text_of[tuple(bbox)] = grid[r_i][c_i]
    xs = _cluster([c[0] for c in cells] + [max(c[2] for c in cells)])
    ys = _cluster([c[1] for c in cells] + [max(c[3] for c in cells)])
    out: list[_FragCell] = []
    for bbox in cells:
        x0, top, x1, bottom = bbox
        c0, c1 = _nearest(xs, x0), _nearest(xs, x1)
        r0, r1 = _nearest(ys, top), _nearest(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        out.append(_FragCell(row=r0, col=c0, rowspan=r1 - r0, colspan=c1 - c0,
                             text=_pdf_text(text_of.get(tuple(bbox))), x0=x0, x1=x1, page=page_no))
    if not out or not any(c.text for c in out):
        return None
    out.sort(key=lambda c: (c.row, c.col))
    return _Fragment(page=page_no, bbox=tuple(table.bbox), xs=xs, n_rows=len(ys) - 1, cells=out)


def _map_columns(prev_xs: list[float], xs: list[float]) -> list[int] | None:
    """Index in prev_xs of each edge of xs, if the new grid fits the old one."""
    if abs(prev_xs[0] - xs[0]) > GRID_TOL or abs(prev_xs[-1] - xs[-1]) > GRID_TOL:
        return None
    out = []
    for x in xs:
        i = _nearest(prev_xs, x)
        if abs(prev_xs[i] - x) > GRID_TOL:
            return None
        out.append(i)
    return out


def _continues_cell(text: str) -> bool:
    """First-row text on a new page that can only be the rest of the cell above."""
    if not text:
        return True
    if starts_with_outline_number(text) or re.match(r"^[\d.,\-+%]+$", text):
        return False
    return True


def _row_signature(cells, row: int, col_of) -> list[tuple]:
    return sorted((col_of(c), c.text) for c in cells if c.row == row)


def _repeated_header_rows(builder: _TableBuilder, frag: _Fragment, mapping: list[int]) -> int:
    """Rows at the top of a continuation that repeat the table's first rows (Word's
    "repeat as header row"): they are not data, drop them."""
    k = 0
    while k < frag.n_rows - 1 and k < builder.n_rows:
        new = _row_signature(frag.cells, k, lambda c: mapping[_nearest(frag.xs, c.x0)])
        old = _row_signature(builder.cells, k, lambda c: c.col)
        if not new or new != old or not any(t for _, t in new):
            break
        if any(re.match(r"^[\d.,\-+%]+$", t) for _, t in new):
            break
        k += 1
    return k


def _stitch(builder: _TableBuilder, frag: _Fragment) -> bool:
    mapping = _map_columns(builder.xs, frag.xs)
    if mapping is None:
        return False
    offset = builder.n_rows
    last_row = offset - 1
    skip = _repeated_header_rows(builder, frag, mapping)
    if skip:
        offset -= skip
    for fc in frag.cells:
        if fc.row < skip:
            continue
        col = mapping[_nearest(frag.xs, fc.x0)]
        end = mapping[_nearest(frag.xs, fc.x1)]
        colspan = max(1, end - col)
        if fc.row == skip:
            above = next((c for c in builder.cells
                          if c.col == col and c.colspan == colspan and c.row + c.rowspan - 1 == last_row), None)
            if (above is not None and (above.rowspan > 1 or fc.rowspan > 1 or not fc.text)
                    and _continues_cell(fc.text) and not re.match(r"^[\d.,\-+%]+$", above.text or "")):
                above.rowspan += fc.rowspan
                above.text = join_wrapped([above.text, fc.text])
                continue
        builder.cells.append(_FragCell(row=offset + fc.row, col=col, rowspan=fc.rowspan, colspan=colspan,
                                       text=fc.text, x0=fc.x0, x1=fc.x1, page=fc.page))
    builder.n_rows += frag.n_rows - skip
    return True


def _build_table(builder: _TableBuilder, table_no: int) -> Table:
    rows: list[list[Cell]] = [[] for _ in range(builder.n_rows)]
    for fc in sorted(builder.cells, key=lambda c: (c.row, c.col)):
        rows[fc.row].append(Cell(text=fc.text, row=fc.row, col=fc.col, rowspan=fc.rowspan, colspan=fc.colspan,
                                 span=SourceSpan(page=fc.page, table=table_no, row=fc.row + 1,
                                                 cell=len(rows[fc.row]) + 1)))
    while rows and not rows[-1]:
        rows.pop()
    return Table(rows=rows, span=SourceSpan(page=builder.page, table=table_no), source="pdf", grid_reliable=True)


# --------------------------------------------------------------------------- pages

def _dedupe_chars(page):
    """page.dedupe_chars() of pdfplumber (a character drawn twice at one place — fake bold, a
    shadow — counts once), the same characters kept in the same order; pdfplumber restores the
    order with list.index, quadratic in the characters of a page (~40 % of a page's time)."""
    from pdfplumber.page import FilteredPage  # noqa: PLC0415
    from pdfplumber.utils import cluster_objects  # noqa: PLC0415

    chars = page.chars
    key = itemgetter("upright", "text", "fontname", "size")
    position = itemgetter("doctop", "x0")
    kept = []
    for _, group in groupby(sorted(chars, key=key), key=key):
        group = list(group)
        if len(group) == 1:
            kept.extend(group)
            continue
        for by_y in cluster_objects(group, itemgetter("doctop"), 1):
            for by_x in cluster_objects(by_y, itemgetter("x0"), 1):
                kept.append(min(by_x, key=position))
    order = {id(c): i for i, c in enumerate(chars)}
    kept.sort(key=lambda c: order[id(c)])
    out = FilteredPage(page, lambda obj: True)
    out._objects = {**page.objects, "char": kept}
    return out


def _page_items(page, page_no: int, obj_to_edges) -> tuple[list, int, int, int]:
    """Items (top, kind, object) in reading order plus (good chars, bad chars, images)."""
    page = _dedupe_chars(page)
    good = bad = 0
    for ch in page.chars:
        t = ch.get("text", "")
        if not t.strip():
            continue
        if _is_bad_char(t):
            bad += 1
        else:
            good += 1
    n_images = len(page.images)
    if good == 0:
        return [], good, bad, n_images

    frags: list[_Fragment] = []
    edges = _ruling_edges(page, obj_to_edges)
    n_h = sum(1 for e in edges if e["orientation"] == "h")
    if n_h >= 2 and len(edges) - n_h >= 2:
        settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                    "explicit_vertical_lines": [e for e in edges if e["orientation"] == "v"],
                    "explicit_horizontal_lines": [e for e in edges if e["orientation"] == "h"]}
        for t in page.find_tables(settings):
            frag = _fragment(t, page_no)
            if frag is not None:
                frags.append(frag)
    boxes = [f.bbox for f in frags]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)

    text_page = page.filter(outside) if boxes else page
    items: list = []
    height = float(page.height or 842)
    for ln in text_page.extract_text_lines(strip=True, return_chars=True):
        raw = ln.get("text", "")
        text = _pdf_text(raw)
        if not text:
            continue
        in_margin = ln["top"] > 0.88 * height or ln["bottom"] < 0.12 * height
        if _DASHED_NUMBER.match(text) or (in_margin and _PAGE_NUMBER.match(text)):
            continue
        sizes = sorted(c.get("size", 0) for c in ln.get("chars", []) if c.get("text", "").strip())
        size = sizes[len(sizes) // 2] if sizes else 12.0
        line = _Line(text=text, page=page_no, x0=ln["x0"], x1=ln["x1"], top=ln["top"], bottom=ln["bottom"],
                     size=size, words=_words(ln.get("chars", []), size))
        items.append((ln["top"], 0, line))
    for f in frags:
        items.append((f.bbox[1], 1, f))
    items.sort(key=lambda it: (it[0], it[1]))
    return _borderless_tables([(kind, obj) for _, kind, obj in items]), good, bad, n_images


def _margins(lines: list[_Line]) -> tuple[float, float]:
    longish = [ln for ln in lines if len(ln.text) >= 8] or lines
    if not longish:
        return 0.0, 0.0
    left = Counter(round(ln.x0) for ln in longish).most_common(1)[0][0]
    right = Counter(round(ln.x1) for ln in longish).most_common(1)[0][0]
    right = max(right, left + 1)
    return float(left), float(right)


def _continues(a: _Line, b: _Line, left: float, right: float) -> bool:
    if starts_with_outline_number(b.text):
        return False
    if abs(a.size - b.size) > 1.5:
        return False
    size = max(a.size, b.size, 1.0)
    if b.x0 > left + 0.8 * size:  # first-line indent, centred line
        return False
    if a.x1 < right - 1.2 * a.size:  # the previous line stopped short
        return False
    if a.page == b.page and b.top - a.bottom > 1.2 * size:
        return False
    return True


def _assemble(pages: list[list]) -> list:
    all_lines = [obj for items in pages for kind, obj in items if kind == 0]
    left, right = _margins(all_lines)
    out: list = []  # Heading | Paragraph | _TableBuilder
    para: list[_Line] = []

    def flush():
        nonlocal para
        if para:
            text = join_wrapped(ln.text for ln in para)
            span = SourceSpan(page=para[0].page)
            if is_numbered_heading(text):
                out.append(Heading(text=text, span=span, level=None, source="numbered"))
            else:
                out.append(Paragraph(text=text, span=span))
        para = []

    last_kind = None  # kind of the last item seen (across page breaks)
    for items in pages:
        for idx, (kind, obj) in enumerate(items):
            if kind == 2:
                flush()
                out.append(obj)
                last_kind = kind
                continue
            if kind == 1:
                flush()
                if (idx == 0 and last_kind == 1 and out and isinstance(out[-1], _TableBuilder)
                        and out[-1].cells and _stitch(out[-1], obj)):
                    pass
                else:
                    builder = _TableBuilder(xs=obj.xs, page=obj.page)
                    builder.cells = list(obj.cells)
                    builder.n_rows = obj.n_rows
                    out.append(builder)
            else:
                if para and _continues(para[-1], obj, left, right):
                    para.append(obj)
                else:
                    flush()
                    para = [obj]
            last_kind = kind
    flush()
    blocks = []
    table_no = 0
    for b in out:
        if isinstance(b, _TableBuilder):
            table_no += 1
            blocks.append(_build_table(b, table_no))
        elif isinstance(b, _WordTable):
            table_no += 1
            blocks.append(_build_word_table(b, table_no))
        else:
            blocks.append(b)
    return blocks


def _build_word_table(wt: _WordTable, table_no: int) -> Table:
    rows = []
    for r, cells in enumerate(wt.rows):
        rows.append([Cell(text=text, row=r, col=col, colspan=span,
                          span=SourceSpan(page=wt.page, table=table_no, row=r + 1, cell=i + 1))
                     for i, (text, col, span) in enumerate(cells)])
    # columns come from the figures' positions: a grid the recogniser can map by header, so a
    # blank cell (no word at all) still has its column
    return Table(rows=rows, span=SourceSpan(page=wt.page, table=table_no), source="pdf-words", grid_reliable=True)


# --------------------------------------------------------------------------- decompression caps

class StreamTooLarge(Exception):
    """A PDF stream that would decompress beyond MAX_PDF_STREAM_BYTES (a flate bomb)."""


_OVERSIZED: list[int] = []  # streams refused while reading the current file (when pdfminer swallows the error)


def _refuse(size: int) -> StreamTooLarge:
    _OVERSIZED.append(size)
    return StreamTooLarge(f"a stream decompresses to more than {MAX_PDF_STREAM_BYTES} bytes")


class _CappedDecompressor:
    """zlib.decompressobj() whose output stops at MAX_PDF_STREAM_BYTES."""

    def __init__(self, *args):
        import zlib  # noqa: PLC0415

        self._d = zlib.decompressobj(*args)
        self._out = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = MAX_PDF_STREAM_BYTES + 1 - self._out
        out = self._d.decompress(data, min(max_length, room) if max_length else room)
        self._out += len(out)
        if self._out > MAX_PDF_STREAM_BYTES:
            raise _refuse(self._out)
        return out

    def flush(self, *args) -> bytes:
        out = self._d.flush(*args)
        self._out += len(out)
        if self._out > MAX_PDF_STREAM_BYTES:
            raise _refuse(self._out)
        return out

    def __getattr__(self, name):
        return getattr(self._d, name)


class _CappedZlib:
    """What pdfminer.pdftypes uses of the zlib module, with decompression capped: a 1.5 MB flate
    bomb would otherwise inflate to gigabytes before anything could look at it."""

    def __init__(self):
        import zlib  # noqa: PLC0415

        self.error = zlib.error
        self._zlib = zlib

    def decompress(self, data: bytes, *args) -> bytes:
        d = _CappedDecompressor(*args[1:2])
        out = d.decompress(data)
        if not d.eof:  # what zlib.decompress() says of a truncated stream: pdfminer then salvages it
            raise self.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def decompressobj(self, *args) -> _CappedDecompressor:
        return _CappedDecompressor(*args)

    def __getattr__(self, name):
        return getattr(self._zlib, name)


def _capped_lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder  # noqa: PLC0415

    out, size = [], 0
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        size += len(chunk)
        if size > MAX_PDF_STREAM_BYTES:
            raise _refuse(size)
        out.append(chunk)
    return b"".join(out)


def _capped_rldecode(data: bytes) -> bytes:
    from pdfminer.runlength import rldecode  # noqa: PLC0415

    if len(data) * 128 > MAX_PDF_STREAM_BYTES:  # a run expands at most 128-fold; checked before the work
        raise _refuse(len(data) * 128)
    return rldecode(data)


def _install_caps() -> None:
    """Route pdfminer's stream decoding through the capped decoders (once per process)."""
    import pdfminer.pdftypes as pdftypes  # noqa: PLC0415

    if not isinstance(pdftypes.zlib, _CappedZlib):
        pdftypes.zlib = _CappedZlib()
        pdftypes.lzwdecode = _capped_lzwdecode
        pdftypes.rldecode = _capped_rldecode


def _too_large(exc: BaseException | None) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, StreamTooLarge):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _precheck_streams(pdf) -> None:
    """Decode every stream the text comes from (not images) once, through the capped decoders,
    before PDFium reads the pages: PDFium inflates streams itself, with no limit of ours. Raises
    StreamTooLarge for a bomb; a stream that does not decode is left for the reader to judge."""
    from pdfminer.pdftypes import PDFStream  # noqa: PLC0415

    doc = pdf.doc
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            try:
                obj = doc.getobj(objid)
            except Exception:  # noqa: BLE001 - a broken object: the page reader decides
                continue
            if not isinstance(obj, PDFStream) or obj.rawdata is None:
                continue
            subtype = obj.attrs.get("Subtype")
            if getattr(subtype, "name", None) == "Image":
                continue  # text extraction never decodes images
            probe = PDFStream(obj.attrs, obj.rawdata, obj.decipher)
            probe.objid, probe.genno = obj.objid, obj.genno
            try:
                probe.decode()
            except StreamTooLarge:
                raise
            except Exception:  # noqa: BLE001 - damaged, unsupported filter: not a bomb
                continue


def _stream_error() -> InputError:
    return decompression_bomb("PDF 中有数据流", "a stream of the PDF", MAX_PDF_STREAM_BYTES,
                              f"decompressed stream > {MAX_PDF_STREAM_BYTES} bytes")


# --------------------------------------------------------------------------- entry point

def _is_password_error(exc: BaseException) -> bool:
    seen = set()
    stack = [exc]
    while stack:
        e = stack.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        name = type(e).__name__
        if "Password" in name or "Encrypt" in name or "password" in str(e).lower():
            return True
        stack.extend([e.__cause__, e.__context__])
        stack.extend(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))
    return False


def _broken(exc: BaseException) -> InputError:
    if _is_password_error(exc):
        return InputError("PDF 文件已加密（受密码保护），无法读取",
                          hint="请提供未加密的 PDF，或在阅读器中输入密码后另存为不加密的 PDF",
                          detail=f"{type(exc).__name__}: {exc}")
    return InputError("PDF 文件已损坏，无法读取", hint="重新导出或重新下载该 PDF",
                      detail=f"{type(exc).__name__}: {exc}")


def _pdfium_pages(pdf, data: bytes) -> list | None:
    """The pages as pdfplumber pages parsed by PDFium (validator/readers/pdfium_pages.py: the same
    objects, ~10× less CPU), or None to let pdfminer parse them. `pdf` (pdfplumber's, whose
    pdfminer document is only opened: no page is interpreted) gives the font descriptors."""
    from validator.readers import pdfium_pages  # noqa: PLC0415

    if not pdfium_pages.available():
        return None
    try:
        doc, pages = pdfium_pages.pages(data, pdfium_pages.font_metrics(pdf.doc))
    except pdfium_pages.Unsupported:
        return None
    doc.close()
    return pages


def _meta_value(value) -> str | None:
    """A document-info string: UTF-16 with either BOM (WPS writes little-endian, which
    pdfminer does not decode), else UTF-8, else PDFDocEncoding ~ Latin-1."""
    if isinstance(value, bytes):
        if value.startswith((b"\xff\xfe", b"\xfe\xff")):
            value = value.decode("utf-16", errors="replace")
        else:
            try:
                value = value.decode("utf-8")
            except UnicodeDecodeError:
                value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    value = value.replace("\x00", "").strip()
    return value or None


def _document_info(pdf) -> dict:
    out = {}
    try:
        from pdfminer.pdftypes import resolve1  # noqa: PLC0415

        infos = getattr(pdf.doc, "info", None) or []
        for info in infos:
            info = resolve1(info)
            if not isinstance(info, dict):
                continue
            for key, name in (("Title", "title"), ("Producer", "producer"), ("Creator", "creator")):
                v = _meta_value(resolve1(info.get(key)))
                if v and name not in out:
                    out[name] = clean_text(v)
    except Exception:  # noqa: BLE001 - metadata is a nicety, never a reason to fail
        return out
    return out


def read(path: Path, data: bytes) -> Document:
    try:
        import pdfplumber  # noqa: PLC0415  (lazy: a Markdown check must not import it)
        from pdfplumber.utils import obj_to_edges  # noqa: PLC0415
    except ImportError as exc:
        from validator.readers import missing_library  # noqa: PLC0415

        raise missing_library(exc, "PDF") from None
    # pdfminer logs a warning for every damaged object ("Could not get FontBBox …"); with no
    # logging configured Python prints those to stderr. Problems that matter raise instead.
    pdfminer_log = logging.getLogger("pdfminer")
    saved_level = pdfminer_log.level
    pdfminer_log.setLevel(logging.CRITICAL)
    _install_caps()
    _OVERSIZED.clear()
    try:
        return _read_pdf(pdfplumber, obj_to_edges, path, data)
    finally:
        pdfminer_log.setLevel(saved_level)


def _read_pdf(pdfplumber, obj_to_edges, path: Path, data: bytes) -> Document:
    caps = Caps()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types for bad files
        raise (_stream_error() if _too_large(exc) else _broken(exc)) from None
    try:
        with pdf:
            _precheck_streams(pdf)
            source = _pdfium_pages(pdf, data)
            if source is None:  # pdfminer interprets the pages (PDFium absent, or a page it cannot mirror)
                source = pdf.pages
            n_pages = len(source)
            pages, good, bad, images = [], 0, 0, 0
            for no, page in enumerate(source, start=1):
                if no > MAX_PDF_PAGES:
                    caps.value("pages", n_pages, MAX_PDF_PAGES, {"page": no})
                    break
                items, g, b, im = _page_items(page, no, obj_to_edges)
                pages.append(items)
                good, bad, images = good + g, bad + b, images + im
                page.close()
            meta: dict = {"pages": n_pages, **_document_info(pdf)}
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise (_stream_error() if _too_large(exc) else _broken(exc)) from None
    if _OVERSIZED:  # pdfminer caught the refusal somewhere and went on without that stream
        raise _stream_error()
    if good == 0 or bad / (good + bad) > BAD_TEXT_RATIO or (images and good < 15 * max(n_pages, 1)):
        raise InputError(UNREADABLE_MESSAGE, rule="INP003", hint=UNREADABLE_HINT,
                         detail=f"usable characters {good}, unmapped {bad}, images {images}, pages {n_pages}")
    try:
        blocks = _assemble(pages)
    except Exception as exc:  # noqa: BLE001 - never a traceback for a strange file
        raise InputError("PDF 内容无法解析", hint="重新导出该 PDF，或提供原始 Word 文档",
                         detail=f"{type(exc).__name__}: {exc}") from None
    return Document(path=str(path), format="pdf", blocks=blocks, meta=meta, input_notes=caps.notes)
