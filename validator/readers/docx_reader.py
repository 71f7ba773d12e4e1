"""Word (.docx) reader: body paragraphs, headings and tables with their merged cells.

The package is opened with zipfile and lxml (`_open_package`): `_rels/.rels` names the main
document part and its relationships name the styles and numbering parts, as in Word. python-docx
is not used: its element classes cost ~40 ms to import on every .docx check, and the reader needs
none of its objects. The body is walked as raw WordprocessingML because that is where the facts are:

* body order: `w:p` and `w:tbl` children of `w:body`, also inside content controls
  (`w:sdt`) and `w:customXml`, which `Document.iter_inner_content()` skips;
* headings: a paragraph style named ``Heading N`` / ``标题 N`` or an outline level
  (``w:outlineLvl``) gives ``Heading(level=N, source="style")``; a plain paragraph that
  starts with Chinese outline numbering (一、 （一） (一) 1. 1、) and is short (≤ 40
  characters) or bold gives ``Heading(level=None, source="numbered"|"bold")``. Automatic
  Word numbering (``w:numPr``) is rendered into the text ("一、" is not in the runs);
* tables: one `Cell` per logical cell. python-docx's ``row.cells`` repeats merged cells;
  here every physical ``w:tc`` is read once, ``w:gridSpan`` gives the colspan and
  ``w:vMerge`` restart/continue the rowspan. Nested tables are emitted as their own Table
  blocks right after the outer table; text boxes (``w:txbxContent``) become Paragraphs
  after the paragraph that anchors them.

The small text helpers at the top (outline numbering, CJK space handling) are shared with
the HTML and PDF readers.
"""
from __future__ import annotations

import io
import posixpath
import re

from validator.document import Cell, Document, Heading, InputError, Paragraph, SourceSpan, Table
from validator.limits import (
    MAX_DOCX_PART_BYTES,
    MAX_NUMBERING_VALUE,
    MAX_SPAN,
    MAX_TABLE_CELLS,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
    MAX_XML_MARKUP,
    Caps,
    decompression_bomb,
)
from validator.readers.textutil import (
    clean_text,
    collapse_cjk_spaces,
    is_numbered_heading,
    join_wrapped,
    starts_with_outline_number,
)

# --------------------------------------------------------------------------- docx specifics

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


W_P, W_TBL, W_TR, W_TC, W_R, W_T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
W_SDT, W_SDTCONTENT, W_CUSTOMXML = _w("sdt"), _w("sdtContent"), _w("customXml")
W_VAL = _w("val")
_SKIP_IN_TEXT = {_w("del"), _w("moveFrom"), _w("txbxContent"), f"{{{MC}}}Fallback", _w("rPr"), _w("pPr"),
                 _w("instrText"), _w("delText"), _w("fldData")}
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_FALSE = {"0", "false", "off", "none"}


def _on(el) -> bool | None:
    """Value of a toggle property such as w:b (None when absent)."""
    if el is None:
        return None
    return el.get(W_VAL, "true").lower() not in _FALSE


class _Styles:
    """What the reader needs from styles.xml, resolved along w:basedOn."""

    def __init__(self, styles_el):
        self.by_id: dict[str, object] = {}
        self.default_para: str | None = None
        if styles_el is None:
            return
        for st in styles_el.iter(_w("style")):
            sid = st.get(_w("styleId"))
            if sid is None:
                continue
            self.by_id[sid] = st
            if st.get(_w("type")) == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
                self.default_para = sid

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid not in seen and sid in self.by_id:
            seen.add(sid)
            st = self.by_id[sid]
            yield st
            based = st.find(_w("basedOn"))
            sid = based.get(W_VAL) if based is not None else None

    def name(self, sid: str | None) -> str:
        st = self.by_id.get(sid or "")
        if st is None:
            return ""
        n = st.find(_w("name"))
        return n.get(W_VAL, "") if n is not None else ""

    def heading_level(self, sid: str | None) -> int | None:
        if sid and sid not in self.by_id:
            # a style the package does not define (no styles.xml): Word's ids say it ("Heading1")
            m = _HEADING_STYLE.match(sid)
            return int(m.group(1)) if m else None
        for st in self._chain(sid):
            n = st.find(_w("name"))
            m = _HEADING_STYLE.match((n.get(W_VAL, "") if n is not None else "").strip())
            if m:
                return int(m.group(1))
            lvl = st.find(f"{_w('pPr')}/{_w('outlineLvl')}")
            if lvl is not None:
                try:
                    v = int(lvl.get(W_VAL, "9"))
                except ValueError:
                    v = 9
                return v + 1 if 0 <= v < 9 else None
        return None

    def bold(self, sid: str | None) -> bool:
        for st in self._chain(sid):
            b = _on(st.find(f"{_w('rPr')}/{_w('b')}"))
            if b is not None:
                return b
        return False

    def num_pr(self, sid: str | None):
        for st in self._chain(sid):
            np_ = st.find(f"{_w('pPr')}/{_w('numPr')}")
            if np_ is not None:
                return np_
        return None


# ---- automatic numbering ("一、" produced by Word, not typed)

_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for v, s in vals:
        count, n = divmod(n, v)
        out.append(s * count)
    return "".join(out)


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _format_number(n: int, fmt: str) -> str:
    n = min(n, MAX_NUMBERING_VALUE)  # counters grow past a capped start: keep the rendering small
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "chineseLegalSimplified", "ideographLegalTraditional", "koreanCounting"):
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12]
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, decimalZero, decimalFullWidth … (NFKC flattens full width)


class _Numbering:
    """Renders w:numPr labels, counting per abstract list like Word does."""

    def __init__(self, numbering_el, caps: Caps):
        self.num_to_abs: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if numbering_el is None:
            return
        for an in numbering_el.iter(_w("abstractNum")):
            aid = an.get(_w("abstractNumId"))
            lv: dict[int, tuple[int, str, str]] = {}
            for lvl in an.findall(_w("lvl")):
                try:
                    ilvl = int(lvl.get(_w("ilvl"), "0"))
                except ValueError:
                    continue
                if not 0 <= ilvl < 10:  # Word has nine levels; a counter slot exists for ten
                    continue
                start_el, fmt_el, text_el = lvl.find(_w("start")), lvl.find(_w("numFmt")), lvl.find(_w("lvlText"))
                try:
                    start = int(start_el.get(W_VAL, "1")) if start_el is not None else 1
                except ValueError:
                    start = 1
                start = caps.value("numbering", start, MAX_NUMBERING_VALUE)
                fmt = fmt_el.get(W_VAL, "decimal") if fmt_el is not None else "decimal"
                text = text_el.get(W_VAL, "") if text_el is not None else ""
                lv[ilvl] = (start, fmt, text)
            self.levels[aid] = lv
        for num in numbering_el.iter(_w("num")):
            nid = num.get(_w("numId"))
            an = num.find(_w("abstractNumId"))
            if nid is None or an is None:
                continue
            self.num_to_abs[nid] = an.get(W_VAL)
            ov = {}
            for o in num.findall(_w("lvlOverride")):
                so = o.find(_w("startOverride"))
                if so is not None:
                    try:
                        ov[int(o.get(_w("ilvl"), "0"))] = caps.value("numbering", int(so.get(W_VAL, "1")),
                                                                    MAX_NUMBERING_VALUE)
                    except ValueError:
                        pass
            self.overrides[nid] = ov

    def label(self, num_id: str, ilvl: int) -> str:
        aid = self.num_to_abs.get(num_id)
        if aid is None or aid not in self.levels:
            return ""
        levels = self.levels[aid]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, [None] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in self.overrides.get(num_id, {}).items():
                if 0 <= lv < 10:
                    counters[lv] = start - 1
        start, fmt, text = levels[ilvl]
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        if fmt == "bullet" or not text:
            return ""

        def sub(m: re.Match) -> str:
            lv = int(m.group(1)) - 1
            if lv not in levels:
                return ""
            value = counters[lv] if counters[lv] is not None else levels[lv][0]
            return _format_number(value, levels[lv][1] if lv != ilvl else fmt)

        return re.sub(r"%(\d)", sub, text)


def visible_text(el, out: list, with_elements: bool = False) -> None:
    """Visible text of an element, skipping deletions, text boxes and AlternateContent fallbacks,
    appended to `out` piece by piece. With `with_elements` each piece is (w:t element, text), the
    element None for text Word generates from a tab, break or symbol (validator/fix_docx.py
    rewrites the w:t pieces)."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_IN_TEXT:
            continue
        piece = None
        if tag == W_T:
            piece = child.text or ""
        elif tag == _w("tab"):
            piece = "\t"
        elif tag in (_w("br"), _w("cr")):
            if child.get(_w("type")) not in ("page", "column"):
                piece = "\n"
        elif tag == _w("noBreakHyphen"):
            piece = "-"
        elif tag == _w("sym"):
            ch = child.get(_w("char"))
            try:
                piece = chr(int(ch, 16)) if ch else ""
            except (ValueError, OverflowError):
                pass
        else:
            visible_text(child, out, with_elements)
            continue
        if piece is not None:
            out.append((child if tag == W_T else None, piece) if with_elements else piece)


def _para_bold(p, styles: _Styles, para_style: str | None) -> bool:
    """Every run carrying visible text is bold (directly, by character style or paragraph style)."""
    style_bold = styles.bold(para_style)
    seen_text = False
    for r in p.iter(W_R):
        # ignore runs inside text boxes / deletions
        anc = r.getparent()
        skip = False
        while anc is not None and anc is not p:
            if anc.tag in _SKIP_IN_TEXT:
                skip = True
                break
            anc = anc.getparent()
        if skip:
            continue
        text = "".join(t.text or "" for t in r.findall(W_T))
        if not text.strip():
            continue
        seen_text = True
        rpr = r.find(_w("rPr"))
        b = None
        if rpr is not None:
            b = _on(rpr.find(_w("b")))
            if b is None:
                rs = rpr.find(_w("rStyle"))
                if rs is not None:
                    b = styles.bold(rs.get(W_VAL)) or None
        if b is None:
            b = style_bold
        if not b:
            return False
    return seen_text


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering, caps: Caps):
        self.styles = styles
        self.numbering = numbering
        self.caps = caps
        self.blocks: list = []
        self.paragraph_no = 0
        self.table_no = 0

    # ---- paragraphs

    def paragraph_text(self, p) -> tuple[str, str | None]:
        """(text, paragraph style id); Word's automatic number ("一、") is put before the text."""
        text, sid, _ = self.numbered_text(p)
        return text, sid

    def numbered_text(self, p) -> tuple[str, str | None, bool]:
        """(text, style id, whether an automatic number was put before it)."""
        ppr = p.find(_w("pPr"))
        sid = None
        if ppr is not None:
            ps = ppr.find(_w("pStyle"))
            if ps is not None:
                sid = ps.get(W_VAL)
        if sid is None:
            sid = self.styles.default_para
        parts: list[str] = []
        visible_text(p, parts)
        text = "".join(parts)
        label = self.number_label(ppr, sid)
        if label and text.strip():
            return label + text.lstrip(), sid, True
        return text, sid, False

    def number_label(self, ppr, sid) -> str:
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        if num_pr is None:
            num_pr = self.styles.num_pr(sid)
        if num_pr is None:
            return ""
        nid_el, ilvl_el = num_pr.find(_w("numId")), num_pr.find(_w("ilvl"))
        nid = nid_el.get(W_VAL) if nid_el is not None else None
        if not nid or nid == "0":
            return ""
        try:
            ilvl = int(ilvl_el.get(W_VAL, "0")) if ilvl_el is not None else 0
        except ValueError:
            ilvl = 0
        return self.numbering.label(nid, ilvl)

    def add_paragraph(self, p) -> None:
        self.paragraph_no += 1
        span = SourceSpan(paragraph=self.paragraph_no)
        raw, sid, numbered = self.numbered_text(p)
        ppr = p.find(_w("pPr"))
        level = None
        lvl_el = ppr.find(_w("outlineLvl")) if ppr is not None else None
        if lvl_el is not None:
            try:
                v = int(lvl_el.get(W_VAL, "9"))
                level = v + 1 if 0 <= v < 9 else None
            except ValueError:
                level = None
        else:
            level = self.styles.heading_level(sid)
        where = {"paragraph": self.paragraph_no}
        lines = [clean_text(self.caps.text(s, where)) for s in raw.split("\n")]
        lines = [s for s in lines if s]
        bold = None
        for i, text in enumerate(lines):
            if not self.caps.block(where):
                return
            generated = numbered and i == 0  # the number is Word's, not in the runs
            if level is not None and i == 0:
                self.blocks.append(Heading(text=text, span=span, level=level, source="style", generated=generated))
            elif starts_with_outline_number(text):
                if bold is None:
                    bold = _para_bold(p, self.styles, sid)
                if bold:
                    self.blocks.append(Heading(text=text, span=span, level=None, source="bold", generated=generated))
                elif is_numbered_heading(text):
                    self.blocks.append(Heading(text=text, span=span, level=None, source="numbered",
                                               generated=generated))
                else:
                    self.blocks.append(Paragraph(text=text, span=span, generated=generated))
            else:
                self.blocks.append(Paragraph(text=text, span=span, generated=generated))
        # text boxes anchored in this paragraph
        for box in p.iter(_w("txbxContent")):
            if any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
                continue
            for bp in box.iter(W_P):
                parts: list[str] = []
                visible_text(bp, parts)
                for s in "".join(parts).split("\n"):
                    s = clean_text(self.caps.text(s, where))
                    if s and self.caps.block(where):
                        self.blocks.append(Paragraph(text=s, span=span, generated=True))

    # ---- tables

    def add_table(self, tbl) -> None:
        pending: list = []
        self._table(tbl, pending)
        while pending:
            nested = pending.pop(0)
            self._table(nested, pending)

    def _cell_text(self, tc, nested: list) -> str:
        texts = []
        for child in _content_children(tc):
            if child.tag == W_P:
                raw, _ = self.paragraph_text(child)
                texts.extend(raw.split("\n"))
            elif child.tag == W_TBL:
                nested.append(child)
        return self.caps.text(clean_text(join_wrapped(collapse_cjk_spaces(t) for t in texts)), {"table": self.table_no})

    def _table(self, tbl, pending: list) -> None:
        self.table_no += 1
        tno = self.table_no
        caps = self.caps
        where = {"table": tno}
        rows: list[list[Cell]] = []
        active: dict[int, Cell] = {}  # grid column -> cell that covers it in the previous row
        nested: list = []
        r = -1
        n_cells = 0
        for tr in _rows(tbl):
            r += 1
            if r >= MAX_TABLE_ROWS or n_cells >= MAX_TABLE_CELLS:
                caps.value("rows" if r >= MAX_TABLE_ROWS else "cells", r + 1 if r >= MAX_TABLE_ROWS else n_cells + 1,
                           MAX_TABLE_ROWS if r >= MAX_TABLE_ROWS else MAX_TABLE_CELLS, where)
                break
            row_cells: list[Cell] = []
            col = caps.value("columns", _grid_before(tr), MAX_TABLE_COLUMNS, where)
            for tc in _row_cells(tr):
                if col >= MAX_TABLE_COLUMNS:
                    caps.value("columns", col + 1, MAX_TABLE_COLUMNS, where)
                    break
                tcpr = tc.find(_w("tcPr"))
                span = 1
                vmerge = None
                if tcpr is not None:
                    gs = tcpr.find(_w("gridSpan"))
                    if gs is not None:
                        try:
                            span = max(1, int(gs.get(W_VAL, "1")))
                        except ValueError:
                            span = 1
                        span = caps.value("span", span, MAX_SPAN, where)
                        span = caps.value("columns", col + span, MAX_TABLE_COLUMNS, where) - col
                    vm = tcpr.find(_w("vMerge"))
                    if vm is not None:
                        vmerge = vm.get(W_VAL, "continue")
                text = self._cell_text(tc, nested)
                origin = active.get(col)
                if vmerge == "continue" and origin is not None and origin.row + origin.rowspan == r:
                    origin.rowspan += 1
                    if text:  # content typed into a continuation cell (Word hides it): keep it
                        origin.text = caps.text(join_wrapped([origin.text, text]), where)
                    for c in range(col, col + span):
                        active[c] = origin
                    col += span
                    continue
                cell = Cell(text=text, row=r, col=col, span=SourceSpan(), rowspan=1, colspan=span)
                row_cells.append(cell)
                n_cells += 1
                for c in range(col, col + span):
                    active[c] = cell
                col += span
            # columns not covered by this row can no longer be continued
            for c in list(active):
                if active[c].row + active[c].rowspan <= r:
                    del active[c]
            rows.append(row_cells)
        for i, row in enumerate(rows):
            for k, cell in enumerate(row):
                cell.span = SourceSpan(table=tno, row=i + 1, cell=k + 1)
        if caps.table(where):
            self.blocks.append(Table(rows=rows, span=SourceSpan(table=tno), source="docx", grid_reliable=True))
        pending.extend(nested)

    # ---- body walk

    def walk(self, container) -> None:
        for child in _content_children(container):
            if self.caps.stopped:
                return
            if child.tag == W_P:
                self.add_paragraph(child)
            elif child.tag == W_TBL:
                self.add_table(child)


def _content_children(el):
    """Block-level children, looking through content controls and custom XML."""
    for child in el:
        tag = child.tag
        if tag in (W_P, W_TBL):
            yield child
        elif tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from _content_children(content)
        elif tag == W_CUSTOMXML:
            yield from _content_children(child)


def _children(parent, tag: str):
    """Direct children with this tag, also those wrapped in content controls or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (W_SDT, W_CUSTOMXML):
            inner = child.find(W_SDTCONTENT) if child.tag == W_SDT else child
            if inner is not None:
                yield from (c for c in inner if c.tag == tag)


def _rows(tbl):
    return _children(tbl, W_TR)


def _row_cells(tr):
    return _children(tr, W_TC)


def _grid_before(tr) -> int:
    gb = tr.find(f"{_w('trPr')}/{_w('gridBefore')}")
    if gb is None:
        return 0
    try:
        return max(0, int(gb.get(W_VAL, "0")))
    except ValueError:
        return 0


_CORRUPT_HINT = "用 Word 或 WPS 打开后重新另存为 .docx，或重新下载/导出该文件"


# relationship types, by the last segment of their URI (the same in transitional and strict OOXML)
_REL_DOCUMENT, _REL_STYLES, _REL_NUMBERING = "officeDocument", "styles", "numbering"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _read_member(package, name: str) -> bytes:
    """A part's bytes, decompressed no further than MAX_DOCX_PART_BYTES (a 1 MB zip can inflate
    to gigabytes), with no more than MAX_XML_MARKUP tags (millions of empty paragraphs): both
    refused before parsing (INP001 naming the limit)."""
    with package.open(name) as member:
        data = member.read(MAX_DOCX_PART_BYTES + 1)
    if len(data) > MAX_DOCX_PART_BYTES:
        raise decompression_bomb(f"文件中的 {name} ", name, MAX_DOCX_PART_BYTES,
                                 f"decompressed part {name} > {MAX_DOCX_PART_BYTES} bytes")
    tags = data.count(b"<")
    if tags > MAX_XML_MARKUP:
        raise InputError(f"文件中的 {name} 含有 {tags} 个 XML 标记，超过 {MAX_XML_MARKUP} 上限，未读取",
                         hint="正常的年度报告只有几十万个标记：文件可能已损坏或被恶意构造；请重新导出",
                         detail=f"{tags} tags in {name}",
                         en=f"{name} holds {tags} XML tags, more than the limit of {MAX_XML_MARKUP}; not read",
                         hint_en="a real report has a few hundred thousand: the file is damaged or built to attack; export it again")
    return data


def _parser():
    from lxml import etree  # noqa: PLC0415  (lazy: a Markdown check must not import lxml)

    # the parser python-docx uses: no entity expansion, blank text between elements dropped
    return etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def _related(package, source: str, parser) -> dict[str, str]:
    """{relationship type: part name} of the parts `source` points at ("" = the package)."""
    from lxml import etree  # noqa: PLC0415

    folder, base = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    out: dict[str, str] = {}
    if rels_name not in package.namelist():
        return out
    for rel in etree.fromstring(_read_member(package, rels_name), parser):
        if rel.tag == f"{{{_RELS_NS}}}Relationship" and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], posixpath.normpath(name))
    return out


def main_part_name(package, parser=None) -> str:
    """The name of the main document part of an open zipfile.ZipFile, as Word finds it."""
    return _related(package, "", parser or _parser()).get(_REL_DOCUMENT, "word/document.xml")


def _open_package(data: bytes):
    """(document, styles or None, numbering or None): the root elements of the parts."""
    import zipfile  # noqa: PLC0415

    from lxml import etree  # noqa: PLC0415  (lazy: a Markdown check must not import lxml)

    parser = _parser()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())

        def part(name: str | None):
            return etree.fromstring(_read_member(package, name), parser) if name in names else None

        main = main_part_name(package, parser)
        document = part(main)
        if document is None:
            raise KeyError(f"no main document part ({main})")
        parts = _related(package, main, parser)
        return document, part(parts.get(_REL_STYLES)), part(parts.get(_REL_NUMBERING))


def read(path: str, data: bytes) -> Document:
    try:
        document, styles_el, numbering_el = _open_package(data)
        body = document.find(_w("body"))
        if body is None:
            raise KeyError("no w:body in the main document part")
        caps = Caps()
        reader = _Reader(_Styles(styles_el), _Numbering(numbering_el, caps), caps)
        reader.walk(body)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - BadZipFile, KeyError (no main document part), lxml errors, ValueError …
        raise InputError("文件已损坏或不是有效的 Word (.docx) 文档，无法读取", hint=_CORRUPT_HINT,
                         detail=f"{type(exc).__name__}: {exc}") from None
    return Document(path=str(path), format="docx", blocks=reader.blocks, lines=None, input_notes=caps.notes)
