"""HTML reader (lxml.html): the article body of a published page as headings, paragraphs and tables.

1. Decode the bytes ourselves (lxml without a meta tag falls back to latin-1): BOM →
   declared charset (``<meta charset>``, ``http-equiv`` Content-Type, ``<?xml encoding?>``;
   gb2312/gbk → gb18030) → UTF-8 strict → charset-normalizer → InputError.
2. Parse the ``str`` (lxml.html imported inside ``read``); ``element.sourceline`` then counts
   lines of the decoded text, which is kept as ``Document.lines``.
3. Drop page chrome (script/style/nav/header/footer/aside, hidden elements, and elements whose
   class/id names a nav, menu, breadcrumb, share bar, footer, header or sidebar — unless they
   hold a table or a report-title heading) and pick the article container: the smallest
   element whose score (CJK text outside links, minus link text, plus data tables and
   "年度报告") is within 90 % of the best and keeps all of its data tables.
4. Walk it: h1–h6 → Heading(level=N, source="html"); a line wholly in <b>/<strong> (or bold
   CSS) → Heading(source="bold"); a short outline-numbered line → Heading(source="numbered");
   other text blocks → Paragraph, one per line (``<br>`` splits). Data tables → Table with
   rowspan/colspan expanded onto grid positions; layout tables (a table holding another
   table, or a single cell) are walked as containers; a nested data table follows its outer
   table. Split tables stay separate (the recogniser stitches).
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from validator.document import Cell, Document, Heading, InputError, Paragraph, SourceSpan, Table
from validator.limits import MAX_ROWSPAN, MAX_SPAN, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, Caps
from validator.readers.textutil import (
    clean_text,
    collapse_cjk_spaces,
    is_numbered_heading,
    is_short,
    join_wrapped,
    starts_with_outline_number,
)

# --------------------------------------------------------------------------- decoding

_GB_ALIASES = {"gb2312", "gbk", "gb_2312-80", "gb_2312", "gb-2312", "x-gbk", "cp936", "ms936", "windows-936",
               "euc-cn", "euccn", "csgb2312", "iso-ir-58", "chinese", "gb18030", "hz-gb-2312"}
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_SINGLE_BYTE = re.compile(r"^(?:latin[-_]?1|iso8859-\d+|cp125\d|ascii|us-ascii|mac-roman)$")
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.IGNORECASE)


def _canonical(name: str) -> str | None:
    name = name.strip().lower()
    if name in _GB_ALIASES:
        return "gb18030"
    if name in ("big5", "big5-hkscs", "x-x-big5", "cn-big5"):
        return "big5hkscs"
    if name in ("unicode", "utf8"):
        return "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return _canonical(m.group(1).decode("ascii", "ignore")) if m else None


def decode_html(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    declared = declared_charset(data)
    if declared and _SINGLE_BYTE.match(declared) and any(b > 0x7F for b in data[:65536]):
        declared = None  # "iso-8859-1" on a Chinese page decodes anything into mojibake: don't trust it
    if declared and not declared.startswith("utf-16"):
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # the page lies about its encoding: fall through
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes  # noqa: PLC0415
    except ImportError:  # pragma: no cover - core dependency
        from_bytes = None  # type: ignore[assignment, unused-ignore]  # typed only where charset_normalizer is installed
    if from_bytes is not None:
        best = from_bytes(data).best()
        if best is not None and best.encoding:
            enc = _canonical(best.encoding) or best.encoding
            try:
                return data.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                return str(best), best.encoding
    raise InputError("无法识别网页的字符编码", hint="请将网页另存为 UTF-8 编码后再检查",
                     detail=f"declared={declared!r}")


# --------------------------------------------------------------------------- structure

_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "head",
              "button", "select", "input", "textarea", "option", "map", "audio", "video", "link", "meta"}
_CHROME_TAGS = {"nav", "header", "footer", "aside"}
_CHROME_WORDS = ("nav", "menu", "breadcrumb", "crumb", "share", "footer", "header", "sidebar")
_CHROME_TOKENS = {"foot", "head", "side", "top", "topbar", "bottom", "copyright", "position", "location", "dqwz",
                  "weizhi", "toolbar", "tools", "print", "related", "pager", "pagination"}
_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "section", "article", "main",
               "center", "address", "figure", "figcaption", "hr", "form", "fieldset", "table", "tbody", "thead",
               "tfoot", "tr", "td", "th", "caption", "body", "html", "header", "footer", "nav", "aside", "details",
               "summary", "h1", "h2", "h3", "h4", "h5", "h6"}
_HEADING_TAGS = {f"h{i}": i for i in range(1, 7)}
_CANDIDATE_TAGS = {"body", "div", "article", "section", "main", "td", "center", "font", "form", "span"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
REPORT_KEYWORD = "年度报告"


def _tag(el) -> str:
    t = el.tag
    return t.lower() if isinstance(t, str) else ""


def _names(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def _is_chrome_name(names: str) -> bool:
    if not names.strip():
        return False
    if any(w in names for w in _CHROME_WORDS):
        return True
    tokens = set(re.split(r"[^a-z0-9]+", names))
    return bool(tokens & _CHROME_TOKENS)


def _protected(el) -> bool:
    """Chrome-looking element that still holds content we must not lose."""
    for t in el.iter("table"):
        if sum(1 for _ in t.iter("td", "th")) >= 4:
            return True
    for h in el.iter("h1", "h2", "h3"):
        if "报告" in (h.text_content() or ""):
            return True
    return False


def _strip_chrome(root) -> None:
    doomed = []
    for el in root.iter():
        tag = _tag(el)
        if not tag:
            if el.tag is not None:  # comment / processing instruction
                doomed.append(el)
            continue
        if tag in _DROP_TAGS:
            doomed.append(el)
        elif tag in ("html", "body"):
            continue
        elif _HIDDEN_STYLE.search(el.get("style") or "") or el.get("hidden") is not None:
            doomed.append(el)
        elif (tag in _CHROME_TAGS or _is_chrome_name(_names(el))) and not _protected(el):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # keep the tail text, drop the element
        tail = el.tail
        prev = el.getprevious()
        parent.remove(el)
        if tail and tail.strip():
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _data_cell_count(table) -> int:
    return sum(1 for _ in _own_cells(table))


def _own_rows(table):
    """<tr> of this table, not of tables nested in its cells."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            for tr in child:
                if _tag(tr) == "tr":
                    yield tr


def _own_cells(table):
    for tr in _own_rows(table):
        for td in tr:
            if _tag(td) in ("td", "th"):
                yield td


def is_layout_table(table) -> bool:
    """A table used for page layout rather than data: a single cell, a small table holding
    another table, or a cell with a whole article in it."""
    cells = list(_own_cells(table))
    if len(cells) <= 1:
        return True
    has_nested = any(td.find(".//table") is not None for td in cells)
    if has_nested and len(cells) <= 6:
        return True
    for td in cells:
        if len(_CJK.findall(td.text_content() or "")) > 300 and not _only_nested_text(td):
            return True
    return False


def _only_nested_text(td) -> bool:
    """The long text of a cell comes from tables nested in it (a data table inside a data table)."""
    own = (td.text_content() or "")
    nested = "".join((t.text_content() or "") for t in td.iter("table"))
    return len(_CJK.findall(own)) - len(_CJK.findall(nested)) <= 300


class _Scores:
    """Per element: CJK characters outside links, inside links, data tables, report keyword."""

    def __init__(self, root):
        self.stats: dict = {}
        self._visit(root, False)

    def _visit(self, el, in_link: bool):
        tag = _tag(el)
        link = in_link or tag == "a"
        own = el.text or ""
        n = len(_CJK.findall(own))
        nl, lk = (0, n) if link else (n, 0)
        kw = (not link) and REPORT_KEYWORD in own
        tables = 1 if tag == "table" and not is_layout_table(el) and _data_cell_count(el) >= 4 else 0
        for child in el:
            if not _tag(child):
                continue
            cnl, clk, ct, ckw = self._visit(child, link)
            nl, lk, tables, kw = nl + cnl, lk + clk, tables + ct, kw or ckw
            tail = child.tail or ""
            tn = len(_CJK.findall(tail))
            if link:
                lk += tn
            else:
                nl += tn
                kw = kw or REPORT_KEYWORD in tail
        result = (nl, lk, tables, kw)
        self.stats[el] = result
        return result

    def score(self, el) -> float:
        nl, lk, tables, kw = self.stats.get(el, (0, 0, 0, False))
        return nl - 0.6 * lk + 300 * min(tables, 4) + (200 if kw else 0)

    def size(self, el) -> int:
        nl, lk, _, _ = self.stats.get(el, (0, 0, 0, False))
        return nl + lk


def find_article(root):
    body = root.find("body")
    if body is None:
        body = root
    scores = _Scores(body)
    candidates = [el for el in scores.stats if _tag(el) in _CANDIDATE_TAGS]
    if not candidates:
        return body
    best = max(scores.score(el) for el in candidates)
    if best <= 0:
        return body
    best_el = max(candidates, key=scores.score)
    n_tables = scores.stats[best_el][2]
    # the tightest container close to the best score that loses none of its data tables
    good = [el for el in candidates if scores.score(el) >= 0.9 * best and scores.stats[el][2] >= n_tables]
    return min(good, key=scores.size)


class _Walker:
    def __init__(self, caps: Caps):
        self.caps = caps
        self.blocks: list = []
        self.frags: list[tuple[str, bool, object]] = []  # text, bold, source element
        self.heading_level: int | None = None
        self.table_no = 0
        self.pending_tables: list = []

    # ---- text lines

    def add(self, text: str, bold: bool, el) -> None:
        if text:
            self.frags.append((text, bold, el))

    def flush(self) -> None:
        frags, self.frags = self.frags, []
        if not frags:
            return
        src = next((el for t, _, el in frags if t.strip()), frags[0][2])
        span = SourceSpan(line=getattr(src, "sourceline", None))
        raw = self.caps.text("".join(t for t, _, _ in frags), span.to_dict())
        text = clean_text(re.sub(r"\s+", " ", raw))
        if not text or not self.caps.block(span.to_dict()):
            return
        visible = [(t, b) for t, b, _ in frags if t.strip()]
        all_bold = bool(visible) and all(b for _, b in visible)
        if self.heading_level is not None:
            self.blocks.append(Heading(text=text, span=span, level=self.heading_level, source="html"))
        elif all_bold and (starts_with_outline_number(text) or is_short(text)):
            self.blocks.append(Heading(text=text, span=span, level=None, source="bold"))
        elif is_numbered_heading(text):
            self.blocks.append(Heading(text=text, span=span, level=None, source="numbered"))
        else:
            self.blocks.append(Paragraph(text=text, span=span))

    # ---- walk

    def walk(self, el, bold: bool = False) -> None:
        tag = _tag(el)
        if not tag or self.caps.stopped:
            return
        if tag == "br":
            if self.heading_level is None:
                self.flush()
            return
        if tag == "table" and not is_layout_table(el):
            self.flush()
            self.add_table(el)
            return
        level = _HEADING_TAGS.get(tag)
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        here_bold = bold or tag in ("b", "strong") or bool(_BOLD_STYLE.search(el.get("style") or ""))
        outer_level = self.heading_level
        if level is not None and self.heading_level is None:
            self.heading_level = level
        self.add(el.text or "", here_bold, el)
        for child in el:
            self.walk(child, here_bold)
            self.add(child.tail or "", here_bold, child)
        if level is not None:
            self.flush()
            self.heading_level = outer_level
        elif block:
            self.flush()

    # ---- tables

    def add_table(self, table) -> None:
        queue = [table]
        while queue:
            t = queue.pop(0)
            nested: list = []
            self._table(t, nested)
            queue.extend(nested)

    def _table(self, table, nested: list) -> None:
        rows_el = list(_own_rows(table))
        self.table_no += 1
        tno = self.table_no
        caps = self.caps
        where = {"line": table.sourceline, "table": tno} if table.sourceline else {"table": tno}
        if len(rows_el) > MAX_TABLE_ROWS:
            caps.value("rows", len(rows_el), MAX_TABLE_ROWS, where)
            rows_el = rows_el[:MAX_TABLE_ROWS]
        n_rows = len(rows_el)
        # grid column -> first row not covered by a cell placed so far: placing a cell and
        # finding the next free column cost its colspan, not the table's area
        busy_until: dict[int, int] = {}
        rows: list[list[Cell]] = []
        n_cells = 0
        for r, tr in enumerate(rows_el):
            c = 0
            row_cells: list[Cell] = []
            for td in tr:
                if _tag(td) not in ("td", "th"):
                    continue
                while busy_until.get(c, 0) > r:
                    c += 1
                if c >= MAX_TABLE_COLUMNS or n_cells >= MAX_TABLE_CELLS:
                    caps.value("columns" if c >= MAX_TABLE_COLUMNS else "cells",
                               c + 1 if c >= MAX_TABLE_COLUMNS else n_cells + 1,
                               MAX_TABLE_COLUMNS if c >= MAX_TABLE_COLUMNS else MAX_TABLE_CELLS, where)
                    break
                rs = caps.value("rowspan", _span_attr(td.get("rowspan")), MAX_ROWSPAN, where)
                cs = caps.value("span", _span_attr(td.get("colspan")), MAX_SPAN, where)
                rs = n_rows - r if rs == 0 else min(rs, n_rows - r)  # rowspan="0": to the end of the table
                cs = caps.value("columns", c + max(cs, 1), MAX_TABLE_COLUMNS, where) - c
                for cc in range(c, c + cs):
                    busy_until[cc] = max(busy_until.get(cc, 0), r + rs)
                text = caps.text(cell_text(td, nested), where)
                row_cells.append(Cell(text=text, row=r, col=c, rowspan=rs, colspan=cs,
                                      span=SourceSpan(line=td.sourceline, table=tno, row=r + 1,
                                                      cell=len(row_cells) + 1)))
                n_cells += 1
                c += cs
            rows.append(row_cells)
        if caps.table(where):
            self.blocks.append(Table(rows=rows, span=SourceSpan(line=table.sourceline, table=tno), source="html",
                                     grid_reliable=True))


def _span_attr(value: str | None) -> int:
    """A rowspan/colspan attribute's leading digits (1 when absent or unreadable); the caller
    caps it."""
    if not value:
        return 1
    m = re.match(r"\s*(\d{1,9})", value)
    if not m:
        return 1
    return int(m.group(1))


def cell_text(td, nested: list) -> str:
    """Text of a cell: nested <p>/<div>/<br> lines joined without spaces (CJK), &nbsp; stripped;
    nested tables are collected for their own Table blocks."""
    lines: list[str] = [""]

    def visit(el):
        for child in el:
            tag = _tag(child)
            if not tag:
                lines[-1] += child.tail or ""
                continue
            if tag == "table":
                nested.append(child)
                lines.append("")
            elif tag == "br":
                lines.append("")
            else:
                block = tag in _BLOCK_TAGS
                if block:
                    lines.append("")
                lines[-1] += child.text or ""
                visit(child)
                if block:
                    lines.append("")
            lines[-1] += child.tail or ""

    lines[-1] += td.text or ""
    visit(td)
    parts = [collapse_cjk_spaces(re.sub(r"\s+", " ", s)).strip() for s in lines]
    return clean_text(join_wrapped(parts))


def _title_outside(root, article) -> tuple[str, int | None, int | None] | None:
    """A report-title heading placed before the article container (a separate title div)."""
    inside = set(article.iter())
    found = None
    for el in root.iter():
        if el is article:
            break
        tag = _tag(el)
        if el in inside or not tag:
            continue
        if tag in ("h1", "h2", "h3") or ("title" in _names(el) and tag in ("div", "p", "span", "td")):
            text = clean_text(re.sub(r"\s+", " ", el.text_content() or ""))
            if "报告" in text and len(text) <= 80:
                found = (text, _HEADING_TAGS.get(tag, 1), el.sourceline)
    return found


def read(path: Path, data: bytes) -> Document:
    try:
        return _read(path, data)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - never a traceback for bad input
        raise InputError("网页无法解析", hint="检查文件是否完整，或在浏览器中打开后另存为 HTML",
                         detail=f"{type(exc).__name__}: {exc}") from None


def _read(path: Path, data: bytes) -> Document:
    text, encoding = decode_html(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    try:
        import lxml.html  # noqa: PLC0415  (lazy: a Markdown check must not import lxml)
        from lxml import etree  # noqa: PLC0415
    except ImportError as exc:  # pragma: no cover - core dependency
        raise InputError("读取网页需要安装 lxml", hint="pip install lxml", detail=str(exc)) from None
    source = _XML_DECL.sub(lambda m: "\n" * m.group().count("\n"), text, count=1)
    source = _CONTROL.sub("", source)
    if not source.strip():
        raise InputError("网页内容为空", hint="检查文件是否完整")
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
        root = lxml.html.document_fromstring(source, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError("网页无法解析", hint="检查文件是否完整，或在浏览器中打开后另存为 HTML",
                         detail=f"{type(exc).__name__}: {exc}") from None
    meta: dict = {}
    caps = Caps()
    try:
        title_el = root.find(".//title")
        if title_el is not None:
            title = clean_text(re.sub(r"\s+", " ", title_el.text_content() or ""))
            if title:
                meta["title"] = title
        _strip_chrome(root)
        article = find_article(root)
        walker = _Walker(caps)
        outside = _title_outside(root, article)
        if outside is not None:
            t, level, line = outside
            walker.blocks.append(Heading(text=t, span=SourceSpan(line=line), level=level, source="html"))
        walker.walk(article)
        walker.flush()
    except InputError:
        raise
    except RecursionError:
        raise InputError("网页结构嵌套过深，无法解析", hint="在浏览器中打开后另存为简化的 HTML") from None
    except Exception as exc:  # noqa: BLE001 - never a traceback for bad input
        raise InputError("网页无法解析", hint="检查文件是否完整，或在浏览器中打开后另存为 HTML",
                         detail=f"{type(exc).__name__}: {exc}") from None
    return Document(path=str(path), format="html", blocks=walker.blocks, lines=lines, encoding=encoding, meta=meta,
                    input_notes=caps.notes)
