"""Render the bundled example reports (and the seed) as .docx, .html and .pdf fixtures.

    python tools/make_fixtures.py              # everything (PDFs need LibreOffice `soffice`)
    python tools/make_fixtures.py --no-pdf     # .docx and .html only (Python only)
    python tools/make_fixtures.py --check      # exit 1 if a committed .docx/.html is out of date

Writes tests/fixtures/formats/ (committed, so that CI needs only Python):

* ``NAME.{docx,html,pdf}`` for each example NAME (report-2020-gov2019, report-2023-gov2021,
  report-2023-with-defects) — the examples as an office would hold them. The .docx has real Word tables merged exactly like the official
  template: part 二 is ONE table with a caption row per 第二十条 item (short tables' last column
  spans the rest), part 三's corner cell is 3 rows × 3 cols, 申请人情况 spans 7 columns,
  法人或其他组织 5, 自然人 and 总计 2 rows, 三、本年度办理结果 and （三）/（四）/（五）/（六）
  are vertical merges; part 四 has its two-level header (行政复议 2 rows deep × 5 columns,
  行政诉讼 × 10, then 未经复议直接起诉 / 复议后起诉 × 5). Headings use Heading 1/2 styles, the
  title uses Word's Title style (not a heading). The .html is a page as a government CMS
  publishes it: header, nav, breadcrumbs, a title outside the body, an info bar, a share bar,
  related links and a footer; tables with rowspan/colspan and ``<p><span>`` in cells; ``&nbsp;``
  indents. The 2023 page is encoded GB18030 and declares ``<meta charset=gb2312>``. The .pdf is
  the .docx converted by LibreOffice headless.
* Messy variants (same facts as the example they come from):
  ``report-2020-gov2019.bold-headings.docx`` (part and section headings are bold numbered
  paragraphs, no heading styles), ``report-2023-gov2021.deep-header.docx`` (part 三's header
  merged three rows deep: 自然人 and 总计 span all three header rows, 申请人情况 only the five
  organisation columns), ``report-2023-gov2021.split-table.html`` (part 三 split into two
  ``<table>`` elements in the middle of 三、本年度办理结果), ``report-2020-gov2019.page-break.pdf``
  (text added before part 三 so that its table crosses a page break inside a vertical merge).
* ``seed.docx`` — the seed report ($XXGK_SHARED/seed) as Word would hold it: its heading levels,
  its "(五)" paragraph, its part 二 table and the part 三 fragment as they appear in the seed
  (vertical merges where the seed shows continuation fields).
* ``bad/`` — inputs that cannot be checked: ``scanned.pdf`` (a page image, no text layer),
  ``password.docx`` (a real agile-encrypted .docx, made with msoffcrypto-tool when installed),
  ``old-word.doc`` (Word 97-2003, made by LibreOffice), ``truncated.docx`` (half a zip).

The .docx and .html files are byte-for-byte reproducible (fixed zip timestamps and document
properties): ``--check`` compares bytes, tests/test_formats.py compares them as read. The PDFs
(LibreOffice stamps dates) are checked by the parity tests instead. The bad inputs that cannot
be reproduced exactly (scanned.pdf, password.docx, old-word.doc) are only made when missing or
with ``--force``. The Markdown parser here is deliberately independent of the validator package.

Needs: python-docx, Pillow (scanned.pdf), pdfplumber (to place the page break), LibreOffice
with CJK fonts for the PDFs and the .doc (see spec/toolchain-notes.md §3), and optionally
msoffcrypto-tool for password.docx.
"""
from __future__ import annotations

import argparse
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
OUT = ROOT / "tests" / "fixtures" / "formats"
SHARED = Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "000_bc4977e2675690b5.txt"
EXAMPLE_NAMES = ("report-2020-gov2019", "report-2023-gov2021", "report-2023-with-defects")
FIXED_TIME = (2024, 1, 1, 0, 0, 0)

# --------------------------------------------------------------------------- source model


@dataclass
class Block:
    kind: str  # heading | para | table
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def _parse_lines(text: str, table_cells, skip_line) -> list[Block]:
    """Headings, paragraphs (one per non-blank line) and tables. `table_cells(line)` gives a
    table row's cells, [] for a separator row to drop, or None when the line is not a table row;
    `skip_line(stripped)` drops other lines (comments, rules)."""
    blocks: list[Block] = []
    table: list[list[str]] | None = None
    for line in text.splitlines():
        cells = table_cells(line)
        if cells is not None:
            if not cells:
                continue
            if table is None:
                table = []
                blocks.append(Block("table", rows=table))
            table.append(cells)
            continue
        table = None
        s = line.strip()
        if not s or skip_line(s):
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", s)
        if m:
            blocks.append(Block("heading", m.group(2).strip(), level=len(m.group(1))))
        else:
            blocks.append(Block("para", s))
    return blocks


def _pipe_cells(line: str) -> list[str] | None:
    s = line.strip()
    if not s.startswith("|"):
        return None
    if re.fullmatch(r"\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*", s):
        return []
    return [c.strip() for c in s.strip("|").split("|")]


def _tab_cells(line: str) -> list[str] | None:
    if "\t" not in line:
        return None
    cells = [c.strip() for c in line.split("\t")]
    if all(re.fullmatch(r"-{3,}", c) for c in cells if c):
        return []  # a Markdown separator left in the converted text
    return cells


def parse_markdown(text: str) -> list[Block]:
    """Headings, paragraphs (one per non-blank line) and GFM pipe tables."""
    return _parse_lines(text, _pipe_cells, lambda s: s.startswith("<!--"))


def parse_seed(text: str) -> list[Block]:
    """The seed: Markdown headings, plain paragraphs and tab-separated table rows (blank lines end
    a table: the seed lost whatever stood between its table fragments). '---' rules are dropped."""
    return _parse_lines(text, _tab_cells, lambda s: bool(re.fullmatch(r"-{3,}", s)))


# --------------------------------------------------------------------------- table layouts


@dataclass
class LCell:
    r: int
    c: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@dataclass
class LTable:
    kind: str  # part2 | part3 | part4 | plain
    nrows: int
    ncols: int
    cells: list[LCell]
    widths: list[float]  # cm per grid column

    def row(self, r: int) -> list[LCell]:
        return sorted((c for c in self.cells if c.r == r), key=lambda c: c.c)


TEXT_WIDTH_CM = 15.6


def _even(n: int) -> list[float]:
    return [TEXT_WIDTH_CM / n] * n


def layout_part2(tables: list[list[list[str]]]) -> LTable:
    """The part 二 tables of the Markdown as the official template holds them: one table, a
    caption row per 第二十条 item spanning every column, and in narrower items the last header
    and value cells spanning the remaining columns."""
    ncols = max(len(t[0]) for t in tables)
    cells: list[LCell] = []
    r = 0
    for t in tables:
        caption, *rest = t
        cells.append(LCell(r, 0, caption[0], colspan=ncols, header=True))
        r += 1
        for i, row in enumerate(rest):
            n = len(row)
            for c, text in enumerate(row):
                span = ncols - c if c == n - 1 else 1
                cells.append(LCell(r, c, text, colspan=span, header=(i == 0)))
            r += 1
    widths = [4.8] + [(TEXT_WIDTH_CM - 4.8) / (ncols - 1)] * (ncols - 1)
    return LTable("part2", r, ncols, cells, widths)


def _label_merges(rows: list[list[str]], first: int, label_cols: int) -> list[LCell]:
    """Body label cells of part 三: an empty label cell continues the non-empty cell above it
    (vertical merge) while the row has text further right in the label columns; an empty label
    cell right of a label extends it (horizontal merge)."""
    cells: list[LCell] = []
    open_cell: dict[int, LCell] = {}  # label column -> cell that may continue downwards
    for r in range(first, len(rows)):
        row = rows[r]
        c = 0
        while c < label_cols:
            text = row[c]
            if text:
                span = 1
                while c + span < label_cols and not row[c + span]:
                    span += 1
                cell = LCell(r, c, text, colspan=span)
                cells.append(cell)
                for k in range(c, c + span):
                    open_cell.pop(k, None)
                if span == 1 and c + 1 < label_cols:
                    open_cell[c] = cell  # may continue downwards (三、…, （三）…)
                c += span
                continue
            above = open_cell.get(c)
            if above is not None and above.r + above.rowspan == r:
                above.rowspan += 1
                c += above.colspan
                continue
            cells.append(LCell(r, c, ""))  # an empty cell that merges with nothing
            c += 1
        for k in range(label_cols, len(row)):
            cells.append(LCell(r, k, row[k]))
    return cells


def layout_part3(rows: list[list[str]], header: str = "standard") -> LTable:
    corner, apps = rows[0][0], rows[0][3]
    natural, org, total = rows[1][3], rows[1][4], rows[1][9]
    kinds = rows[2][4:9]
    if header == "standard":
        cells = [LCell(0, 0, corner, 3, 3, True), LCell(0, 3, apps, 1, 7, True),
                 LCell(1, 3, natural, 2, 1, True), LCell(1, 4, org, 1, 5, True), LCell(1, 9, total, 2, 1, True)]
    elif header == "deep":  # merged three rows deep: 自然人 and 总计 from the top row down
        cells = [LCell(0, 0, corner, 3, 3, True), LCell(0, 3, natural, 3, 1, True),
                 LCell(0, 4, apps, 1, 5, True), LCell(0, 9, total, 3, 1, True), LCell(1, 4, org, 1, 5, True)]
    else:
        raise ValueError(header)
    cells += [LCell(2, 4 + i, k, header=True) for i, k in enumerate(kinds)]
    cells += _label_merges(rows, 3, 3)
    widths = [1.5, 2.3, 4.5] + [(TEXT_WIDTH_CM - 8.3) / 7] * 7
    return LTable("part3", len(rows), 10, cells, widths)


def layout_part4(rows: list[list[str]]) -> LTable:
    top, second, labels, figures = rows
    cells = [LCell(0, 0, top[0], 2, 5, True), LCell(0, 5, top[5], 1, 10, True),
             LCell(1, 5, second[5], 1, 5, True), LCell(1, 10, second[10], 1, 5, True)]
    cells += [LCell(2, c, t, header=True) for c, t in enumerate(labels)]
    cells += [LCell(3, c, t) for c, t in enumerate(figures)]
    return LTable("part4", 4, 15, cells, _even(15))


def layout_plain(rows: list[list[str]], continue_empty: bool = False) -> LTable:
    """A table exactly as its rows show it. `continue_empty`: an empty leading field under a
    label is a vertical-merge continuation (how Word's table-to-text writes merged cells)."""
    ncols = max(len(r) for r in rows)
    cells: list[LCell] = []
    open_cell: dict[int, LCell] = {}
    for r, row in enumerate(rows):
        leading = True  # only empty fields so far in this row
        for c in range(ncols):
            text = row[c] if c < len(row) else ""
            above = open_cell.get(c)
            if continue_empty and leading and not text and above is not None and \
                    above.r + above.rowspan == r and any(row[c + 1:]):
                above.rowspan += 1
                continue
            if text:
                leading = False
            cell = LCell(r, c, text)
            cells.append(cell)
            if text and not re.fullmatch(r"[\d.\-]+", text):
                open_cell[c] = cell
            else:
                open_cell.pop(c, None)
    widths = _even(ncols)
    if ncols == 10:
        widths = [2.2, 3.6, 3.0] + [(TEXT_WIDTH_CM - 8.8) / 7] * 7
    return LTable("plain", len(rows), ncols, cells, widths)


@dataclass
class Item:
    kind: str  # title | heading | para | table
    text: str = ""
    level: int = 0
    table: LTable | None = None


def example_items(blocks: list[Block], part3_header: str = "standard") -> list[Item]:
    """Markdown blocks -> document items, with the tables laid out like the official template."""
    items: list[Item] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "heading":
            items.append(Item("title", b.text) if b.level == 1 else Item("heading", b.text, level=b.level - 1))
        elif b.kind == "para":
            items.append(Item("para", b.text))
        elif b.rows[0][0].startswith("第二十条"):
            group = []
            while i < len(blocks) and blocks[i].kind == "table" and blocks[i].rows[0][0].startswith("第二十条"):
                group.append(blocks[i].rows)
                i += 1
            items.append(Item("table", table=layout_part2(group)))
            continue
        elif "申请人情况" in b.rows[0]:
            items.append(Item("table", table=layout_part3(b.rows, part3_header)))
        elif b.rows[0][0] == "行政复议":
            items.append(Item("table", table=layout_part4(b.rows)))
        else:
            items.append(Item("table", table=layout_plain(b.rows)))
        i += 1
    return items


def seed_items(blocks: list[Block]) -> list[Item]:
    items: list[Item] = []
    for b in blocks:
        if b.kind == "heading":
            items.append(Item("heading", b.text, level=b.level))
        elif b.kind == "para":
            items.append(Item("para", b.text))
        else:
            items.append(Item("table", table=layout_plain(b.rows, continue_empty=True)))
    return items


# --------------------------------------------------------------------------- .docx


def _docx_modules():
    import docx  # noqa: PLC0415
    from docx.enum.table import WD_TABLE_ALIGNMENT, WD_ALIGN_VERTICAL  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Cm, Pt, RGBColor  # noqa: PLC0415

    return docx, WD_TABLE_ALIGNMENT, WD_ALIGN_VERTICAL, WD_ALIGN_PARAGRAPH, qn, Cm, Pt, RGBColor


def _set_fonts(rpr_owner, east: str, latin: str = "Times New Roman") -> None:
    """Set the Latin and the East Asian font (Word needs w:eastAsia for CJK) and drop theme fonts."""
    from docx.oxml.ns import qn  # noqa: PLC0415

    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east)


def write_docx(items: list[Item], path: Path, *, headings: str = "style", filler_before_part3: int = 0) -> None:
    docx, WD_TABLE_ALIGNMENT, WD_ALIGN_VERTICAL, WD_ALIGN_PARAGRAPH, qn, Cm, Pt, RGBColor = _docx_modules()
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.7)
    sec.top_margin, sec.bottom_margin = Cm(3.0), Cm(2.6)
    normal = d.styles["Normal"]
    normal.font.size = Pt(12)
    _set_fonts(normal.element, "仿宋_GB2312")
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.25
    for name, east, size in (("Title", "方正小标宋简体", 18), ("Heading 1", "黑体", 14), ("Heading 2", "楷体_GB2312", 12),
                             ("Heading 3", "楷体_GB2312", 12)):
        st = d.styles[name]
        st.font.size = Pt(size)
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.bold = name != "Heading 2" and name != "Heading 3"
        st.font.italic = False
        _set_fonts(st.element, east)
        st.paragraph_format.space_before = Pt(6)
        st.paragraph_format.space_after = Pt(6)
        if name == "Title":
            st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pbdr = st.element.pPr.find(qn("w:pBdr")) if st.element.pPr is not None else None
            if pbdr is not None:  # the default Title style draws a rule under the title
                st.element.pPr.remove(pbdr)
    part3_seen = False
    for it in items:
        if it.kind == "title":
            p = d.add_paragraph(it.text, style="Title")
        elif it.kind == "heading":
            if headings == "style":
                d.add_heading(it.text, level=it.level)
            else:  # a bold numbered paragraph, as typed by hand
                p = d.add_paragraph()
                run = p.add_run(it.text)
                run.bold = True
                _set_fonts(run._r, "黑体" if it.level == 1 else "楷体_GB2312")
                p.paragraph_format.first_line_indent = Pt(24)
            if it.text.startswith("三、") and filler_before_part3 and not part3_seen:
                part3_seen = True
                for _ in range(filler_before_part3):
                    p = d.add_paragraph(FILLER)
                    p.paragraph_format.first_line_indent = Pt(24)
        elif it.kind == "para":
            p = d.add_paragraph(it.text)
            if _is_signature(it.text):
                p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                p.paragraph_format.first_line_indent = Pt(24)
        else:
            _docx_table(d, it.table)
    d.core_properties.author = "xxgk fixtures"
    d.core_properties.title = next((it.text for it in items if it.kind in ("title", "heading")), "")
    d.core_properties.last_modified_by = "xxgk fixtures"
    from datetime import datetime  # noqa: PLC0415

    d.core_properties.created = d.core_properties.modified = datetime(2024, 1, 1)
    d.core_properties.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(_stable_zip(buf.getvalue()))


FILLER = ("本部分统计表按照统一格式填报，各承办单位逐件核对申请登记、答复文书和送达记录，"
          "统计口径为本年度内收到的申请和办结的申请，对跨年度办理的申请分别计入上年结转和结转下年度。")


def _is_signature(text: str) -> bool:
    return bool(re.fullmatch(r"20\d{2}年\d{1,2}月\d{1,2}日", text)) or (len(text) <= 16 and text.endswith(("政府", "局", "中心")))


def _docx_table(d, t: LTable) -> None:
    docx, WD_TABLE_ALIGNMENT, WD_ALIGN_VERTICAL, WD_ALIGN_PARAGRAPH, qn, Cm, Pt, RGBColor = _docx_modules()
    table = d.add_table(rows=t.nrows, cols=t.ncols)
    table.style = d.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # python-docx's table.cell() rebuilds the whole grid on every call: take it once, before
    # any merge (merged regions are disjoint, so the other cells stay valid while merging)
    flat = table._cells
    grid = [flat[r * t.ncols:(r + 1) * t.ncols] for r in range(t.nrows)]
    for c, w in enumerate(t.widths):
        table.columns[c].width = Cm(w)
        for r in range(t.nrows):
            grid[r][c].width = Cm(w)
    small = t.kind == "part4"
    for lc in t.cells:
        cell = grid[lc.r][lc.c]
        if lc.rowspan > 1 or lc.colspan > 1:
            cell = cell.merge(grid[lc.r + lc.rowspan - 1][lc.c + lc.colspan - 1])
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        p = cell.paragraphs[0]
        numeric = bool(re.fullmatch(r"-?[\d.]+", lc.text))
        if numeric or lc.header:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if lc.text:
            run = p.add_run(lc.text)
            run.font.size = Pt(8 if small else 9)
            _set_fonts(run._r, "宋体")
            if lc.header and t.kind in ("part4",) and lc.r < 2:
                run.bold = True


def _stable_zip(data: bytes) -> bytes:
    """The same zip with fixed timestamps and member order: reproducible bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- .html

PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{meta}
<title>{title}_{site}</title>
<meta name="keywords" content="政府信息公开,年度报告" />
<link href="/images/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script type="text/javascript">var _hmt = _hmt || []; document.title = "{title}";</script>
<style type="text/css">.TRS_Editor p {{ line-height: 2em; }} .share a {{ margin: 0 4px; }}</style>
</head>
<body>
<div class="top-bar"><div class="w1200"><span>欢迎访问{site}！</span><a href="/">无障碍</a> | <a href="/">长者模式</a> | <a href="/">English</a></div></div>
<div class="header">
  <div class="logo"><a href="/"><img src="/images/logo.png" alt="{site}" /></a></div>
  <div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字" /><input type="submit" value="搜索" /></form></div>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li><li><a href="/zwdt/">政务动态</a></li><li class="on"><a href="/zwgk/">政府信息公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjqx/">走进{place}</a></li>
  </ul>
</div>
<div class="w1200 main">
  <div class="position">当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zwgk/">政府信息公开</a>&nbsp;&gt;&nbsp;<a href="/zwgk/ndbg/">政府信息公开年报</a></div>
  <div class="left-menu">
    <h3>政府信息公开</h3>
    <ul><li><a href="/zwgk/zn/">政府信息公开指南</a></li><li><a href="/zwgk/zd/">政府信息公开制度</a></li>
    <li><a href="/zwgk/ml/">法定主动公开内容</a></li><li class="cur"><a href="/zwgk/ndbg/">政府信息公开年报</a></li></ul>
  </div>
  <div class="detail">
{title_block}
    <div class="info-bar">发布时间：{published}&nbsp;&nbsp;&nbsp;来源：{source}&nbsp;&nbsp;&nbsp;浏览次数：<span id="hits">1024</span>&nbsp;&nbsp;&nbsp;字号：[<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</div>
    <div id="zoom" class="TRS_Editor">
{body}
    </div>
    <div class="share">分享到：<a href="javascript:;" class="wx">微信</a><a href="javascript:;" class="wb">微博</a><a href="javascript:;" class="qq">QQ空间</a></div>
    <div class="print-close"><a href="javascript:window.print()">【打印本页】</a>&nbsp;<a href="javascript:window.close()">【关闭窗口】</a></div>
    <div class="related"><h4>相关链接</h4><ul>
      <li><a href="/zwgk/ndbg/1.html">{agency}{prev1}年政府信息公开工作年度报告</a></li>
      <li><a href="/zwgk/ndbg/2.html">{agency}{prev2}年政府信息公开工作年度报告</a></li></ul></div>
  </div>
</div>
<div class="footer">
  <p>主办：{site_owner}&nbsp;&nbsp;承办：{place}大数据中心&nbsp;&nbsp;<a href="/">网站地图</a>&nbsp;|&nbsp;<a href="/">联系我们</a></p>
  <p>网站标识码：3300000000&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/">浙ICP备00000000号</a>&nbsp;&nbsp;公安机关备案号 33000000000000</p>
</div>
<script type="text/javascript">document.getElementById("hits").innerHTML = "1024";</script>
</body>
</html>
"""


def _cell_html(lc: LCell, style: str) -> str:
    attrs = ""
    if lc.rowspan > 1:
        attrs += f' rowspan="{lc.rowspan}"'
    if lc.colspan > 1:
        attrs += f' colspan="{lc.colspan}"'
    align = "center" if (lc.header or re.fullmatch(r"-?[\d.]+", lc.text)) else "left"
    if not lc.text:
        inner = "&nbsp;"
    elif style == "span":
        inner = (f'<p style="text-align:{align};line-height:20px;"><span style="font-family:宋体;font-size:14px;">'
                 f"{html.escape(lc.text)}</span></p>")
    else:
        inner = html.escape(lc.text)
    return f'<td{attrs} valign="middle" style="border:1px solid #000;">{inner}</td>'


def _table_html(t: LTable, rows: range, style: str, extra: dict[int, str] | None = None) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse;">', "<tbody>"]
    for r in rows:
        tds = []
        if extra and r in extra:
            tds.append(extra[r])
        for lc in t.row(r):
            if lc.r + lc.rowspan - 1 > rows[-1]:  # clipped by a split: end the span here
                lc = LCell(lc.r, lc.c, lc.text, rows[-1] - lc.r + 1, lc.colspan, lc.header)
            tds.append(_cell_html(lc, style))
        out.append("<tr>" + "".join(tds) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def write_html(items: list[Item], path: Path, *, site: dict, encoding: str = "utf-8", headings: str = "strong",
               split_part3: bool = False, cell_style: str = "span") -> None:
    title = next(it.text for it in items if it.kind == "title")
    body: list[str] = []
    for it in items:
        if it.kind == "title":
            continue
        if it.kind == "heading":
            if headings == "h":
                tag = f"h{it.level + 1}"
                body.append(f"<{tag}>{html.escape(it.text)}</{tag}>")
            elif it.level == 1:
                body.append(f'<p style="text-indent:2em;"><strong><span style="font-family:黑体;">{html.escape(it.text)}'
                            "</span></strong></p>")
            else:
                body.append(f'<p style="text-indent:2em;"><strong>{html.escape(it.text)}</strong></p>')
        elif it.kind == "para":
            if _is_signature(it.text):
                body.append(f'<p style="text-align:right;">{html.escape(it.text)}</p>')
            else:
                body.append(f'<p style="text-indent:2em;">&nbsp;&nbsp;{html.escape(it.text)}&nbsp;</p>')
        else:
            t = it.table
            if split_part3 and t.kind == "part3":
                body.append(_split_part3(t, cell_style))
            else:
                body.append(_table_html(t, range(t.nrows), cell_style))
    if encoding == "utf-8":
        meta = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
    else:
        meta = '<meta charset="gb2312" />'
    title_block = f'    <h1 class="article-title">{html.escape(title)}</h1>'
    page = PAGE.format(meta=meta, title=html.escape(title), title_block=title_block, body="\n".join(body), **site)
    path.write_bytes(page.encode(encoding))


def _split_part3(t: LTable, style: str) -> str:
    """Part 三 in two <table> elements, cut inside 三、本年度办理结果 (after （三）不予公开), the way
    a CMS editor pastes a table that Word had split over two pages: the second piece repeats
    the merged label column as an empty cell spanning its outcome rows."""
    cut = next(c.r for c in t.cells if c.text.startswith("（四）"))
    first = _table_html(t, range(0, cut), style)
    group = next(c for c in t.cells if c.text.startswith("三、"))
    rest_rows = group.r + group.rowspan - cut
    extra = {cut: _cell_html(LCell(cut, 0, "", rest_rows, 1), style)}
    second = _table_html(t, range(cut, t.nrows), style, extra)
    return first + '\n<p style="text-align:center;">&nbsp;</p>\n' + second


# (encoding, headings, cell markup) per page: three CMS habits
HTML_STYLES = {
    "report-2020-gov2019": ("utf-8", "h", "span"),
    "report-2023-gov2021": ("gb18030", "strong", "span"),
    "report-2023-with-defects": ("utf-8", "strong", "plain"),
}
SITES = {
    "report-2020-gov2019": dict(site="澜川市人民政府", place="澜川", site_owner="澜川市人民政府办公室",
                                agency="澜川市自然资源和规划局", published="2021-01-20", source="市自然资源和规划局",
                                prev1="2019", prev2="2018"),
    "report-2023-gov2021": dict(site="澜川市青溪县人民政府", place="青溪", site_owner="青溪县人民政府办公室",
                                agency="澜川市青溪县人民政府", published="2024-03-15", source="县政府办公室",
                                prev1="2022", prev2="2021"),
}
SITES["report-2023-with-defects"] = SITES["report-2023-gov2021"]


# --------------------------------------------------------------------------- .pdf (reportlab)

PT_PER_CM = 72 / 2.54


class _PdfWriter:
    """Lays out items on A4 pages with reportlab's built-in CID font (STSong-Light: no font file
    needed, a real text layer with a ToUnicode map): a centred title, outline headings, justified
    prose with a first-line indent and wrapped lines, a page number at the foot of each page, and
    tables either ruled (every cell's box stroked, merged cells as one box, a row that does not
    fit moves to the next page and a merged cell continues there) or without ruling lines (labels
    on the left, each figure centred under its column, as Word saves a borderless table)."""

    FONT = "STSong-Light"
    LEFT, RIGHT, TOP, BOTTOM = 72.0, 523.0, 780.0, 70.0

    def __init__(self, path: Path, tables: str):
        from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415
        from reportlab.pdfgen import canvas  # noqa: PLC0415

        self.FONT = _pdf_font(pdfmetrics, UnicodeCIDFont)
        self.metrics = pdfmetrics
        self.c = canvas.Canvas(str(path), pagesize=(595.0, 842.0), invariant=1)
        self.tables = tables
        self.y = self.TOP
        self.page = 1
        self._widths: dict[tuple[str, float], float] = {}

    def width(self, ch: str, size: float) -> float:
        key = (ch, size)
        w = self._widths.get(key)
        if w is None:
            w = self._widths[key] = self.metrics.stringWidth(ch, self.FONT, size)
        return w

    def wrap(self, text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
        lines, cur, used, room = [], "", 0.0, width - indent
        for ch in text:
            w = self.width(ch, size)
            if cur and used + w > room:
                lines.append(cur)
                cur, used, room = "", 0.0, width
            cur += ch
            used += w
        if cur or not lines:
            lines.append(cur)
        return lines

    def new_page(self) -> None:
        self.c.setFont(self.FONT, 9)
        self.c.drawCentredString(297.5, 40, f"- {self.page} -")
        self.c.showPage()
        self.page += 1
        self.y = self.TOP

    def need(self, h: float) -> None:
        if self.y - h < self.BOTTOM:
            self.new_page()

    def text_block(self, text: str, size: float, *, indent: float = 0.0, align: str = "left", gap: float = 4.0) -> None:
        lead = size * 1.6
        lines = self.wrap(text, self.RIGHT - self.LEFT, size, indent)
        for i, line in enumerate(lines):
            self.need(lead)
            self.c.setFont(self.FONT, size)
            base = self.y - size
            if align == "centre":
                self.c.drawCentredString((self.LEFT + self.RIGHT) / 2, base, line)
            elif align == "right":
                self.c.drawRightString(self.RIGHT, base, line)
            else:
                x = self.LEFT + (indent if i == 0 else 0.0)
                if i < len(lines) - 1 and len(line) > 1:  # justified: spread the line to the margin
                    spare = (self.RIGHT - x - sum(self.width(ch, size) for ch in line)) / (len(line) - 1)
                    t = self.c.beginText(x, base)
                    t.setFont(self.FONT, size)
                    t.setCharSpace(max(0.0, spare))
                    t.textLine(line)
                    self.c.drawText(t)
                else:
                    self.c.drawString(x, base, line)
            self.y -= lead
        self.y -= gap

    # ------------------------------------------------------------------ tables
    def table(self, t: LTable) -> None:
        if self.tables == "borderless" and t.kind in ("part2", "part3"):
            self.borderless(t)
        else:
            self.ruled(t)

    def ruled(self, t: LTable) -> None:
        size = 7.0 if t.kind == "part4" else 8.0
        scale = (self.RIGHT - self.LEFT) / sum(t.widths)
        xs = [self.LEFT]
        for w in t.widths:
            xs.append(xs[-1] + w * scale)
        lead, pad = size * 1.3, 2.0
        wrapped = {id(lc): self.wrap(lc.text, xs[lc.c + lc.colspan] - xs[lc.c] - 2 * pad, size) for lc in t.cells}
        heights = [lead + 2 * pad] * t.nrows
        for lc in t.cells:
            if lc.rowspan == 1:
                heights[lc.r] = max(heights[lc.r], len(wrapped[id(lc)]) * lead + 2 * pad)
        # row r on page pages[r] between tops[r] and tops[r] - heights[r]
        pages, tops = [], []
        self.y -= 4
        for r in range(t.nrows):
            if self.y - heights[r] < self.BOTTOM:
                self._page_rows(t, xs, pages, tops, heights, wrapped, size, lead, pad, done=r)
                self.new_page()
            pages.append(self.page)
            tops.append(self.y)
            self.y -= heights[r]
        self._page_rows(t, xs, pages, tops, heights, wrapped, size, lead, pad, done=t.nrows)
        self.y -= 10

    def _page_rows(self, t, xs, pages, tops, heights, wrapped, size, lead, pad, done) -> None:
        """Draw the cells' pieces that fall on the current page (rows < done placed so far)."""
        c = self.c
        c.setLineWidth(0.5)
        c.setFont(self.FONT, size)
        for lc in t.cells:
            rows = [r for r in range(lc.r, min(lc.r + lc.rowspan, done)) if pages[r] == self.page]
            if not rows:
                continue
            top, bottom = tops[rows[0]], tops[rows[-1]] - heights[rows[-1]]
            x0, x1 = xs[lc.c], xs[lc.c + lc.colspan]
            c.rect(x0, bottom, x1 - x0, top - bottom, stroke=1, fill=0)
            if rows[0] != lc.r or not lc.text:
                continue  # the text stands in the cell's first piece
            lines = wrapped[id(lc)]
            y = (top + bottom) / 2 + len(lines) * lead / 2 - size
            centred = lc.header or re.fullmatch(r"-?[\d.]+", lc.text)
            for line in lines:
                if centred:
                    c.drawCentredString((x0 + x1) / 2, y, line)
                else:
                    c.drawString(x0 + pad, y, line)
                y -= lead

    def borderless(self, t: LTable) -> None:
        """Labels left, figures centred under their columns, headers centred over their spans."""
        size = 8.0
        label_cols = 3 if t.kind == "part3" else 1
        first_fig = label_cols
        n_fig = t.ncols - first_fig
        label_width = 170.0 if t.kind == "part3" else 120.0
        col_w = (self.RIGHT - self.LEFT - label_width) / n_fig
        x0 = self.LEFT + label_width

        def centre(col: int) -> float:
            return x0 + (col - first_fig) * col_w + col_w / 2

        lead = size * 2.0
        self.y -= 4
        for r in range(t.nrows):
            cells = t.row(r)
            self.need(lead)
            self.c.setFont(self.FONT, size)
            base = self.y - size
            label = "".join(lc.text for lc in cells if lc.c < first_fig and not lc.header)
            for lc in cells:
                if not lc.text:
                    continue
                if lc.c < first_fig:
                    if lc.header and lc.colspan >= t.ncols:  # a caption row (第二十条第（一）项)
                        self.c.drawString(self.LEFT, base, lc.text)
                    elif lc.header and not label:
                        self.c.drawString(self.LEFT, base, lc.text[:20])
                    continue
                last = min(lc.c + lc.colspan - 1, t.ncols - 1)
                # a header wider than its columns is set smaller (Word's fit-text), never over a neighbour's
                room = (last - lc.c + 1) * col_w - size
                fit = min(size, room / max(1, len(lc.text))) if lc.header else size
                self.c.setFont(self.FONT, fit)
                self.c.drawCentredString((centre(lc.c) + centre(last)) / 2, base, lc.text)
                self.c.setFont(self.FONT, size)
            lines = self.wrap(label, label_width - size, size) if label else []
            for i, line in enumerate(lines):  # a long label wraps: its next lines carry no figure
                if i:
                    self.y -= size * 1.4
                    self.need(size * 1.4)
                    self.c.setFont(self.FONT, size)
                self.c.drawString(self.LEFT, self.y - size, line)
            self.y -= lead
        self.y -= 8

    def close(self) -> None:
        self.c.setFont(self.FONT, 9)
        self.c.drawCentredString(297.5, 40, f"- {self.page} -")
        self.c.save()


# TrueType CJK fonts reportlab can embed (a subset, as Word and WPS do); without one, the PDF
# names the Adobe CID font STSong-Light and embeds nothing (readers substitute a font)
EMBEDDABLE_CJK_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def _pdf_font(pdfmetrics, UnicodeCIDFont) -> str:
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415

    for path in EMBEDDABLE_CJK_FONTS:
        if Path(path).exists():
            if "CJK" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("CJK", path, subfontIndex=0))
            return "CJK"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def write_pdf(items: list[Item], path: Path, *, tables: str = "ruled") -> None:
    """The report as a PDF with a text layer, made with reportlab (a test dependency; no
    LibreOffice): tables "ruled" (cell borders drawn) or "borderless" (part 二 and 三 without
    ruling lines, part 四 ruled, as many Word exports mix them). The text is set in an embedded
    subset of a TrueType CJK font when one is installed (EMBEDDABLE_CJK_FONTS: apt-get install
    fonts-wqy-microhei), as office suites export; else in the non-embedded STSong-Light. See _PdfWriter."""
    w = _PdfWriter(path, tables)
    for it in items:
        if it.kind == "title":
            w.text_block(it.text, 16.0, align="centre", gap=12.0)
        elif it.kind == "heading":
            w.need(40)
            w.text_block(it.text, 12.0, indent=24.0, gap=4.0)
        elif it.kind == "para":
            w.text_block(it.text, 12.0, indent=0.0 if _is_signature(it.text) else 24.0,
                         align="right" if _is_signature(it.text) else "left")
        else:
            w.table(it.table)
    w.close()


# --------------------------------------------------------------------------- .pdf (LibreOffice)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(paths: list[Path], outdir: Path, to: str = "pdf") -> None:
    """One soffice call for several files (each call costs ~1.7 s of start-up)."""
    exe = soffice()
    if exe is None:
        raise SystemExit("soffice not found: install LibreOffice (apt-get install libreoffice-writer-nogui "
                         "fonts-noto-cjk fonts-wqy-microhei) or pass --no-pdf")
    with tempfile.TemporaryDirectory() as profile:
        env = {**os.environ, "HOME": profile}
        cmd = [exe, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}/lo", "--convert-to", to,
               "--outdir", str(outdir), *map(str, paths)]
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)


def _part3_pages(pdf_path: Path) -> tuple[int, int]:
    """(pages that hold part 三's table, text lines of it on its first page), read with pdfplumber."""
    import pdfplumber  # noqa: PLC0415

    with pdfplumber.open(pdf_path) as pdf:
        pages = []
        for no, page in enumerate(pdf.pages, 1):
            text = page.extract_text() or ""
            if "申请人情况" in text or (pages and "结转下年度继续办理" in text):
                pages.append((no, text))
            if "结转下年度继续办理" in text and pages:
                break
        if not pages:
            return 0, 0
        first_text = pages[0][1]
        after = first_text.split("申请人情况", 1)[-1]
        return len(pages), len(re.findall(r"\n", after))


def make_page_break_pdf(items: list[Item], name: str, out: Path, work: Path) -> Path:
    """Add filler paragraphs before part 三 until its table starts near the bottom of a page and
    continues on the next one, breaking inside 三、本年度办理结果."""
    best = None
    for n in range(0, 24):
        docx_path = work / f"{name}.page-break.docx"
        write_docx(items, docx_path, filler_before_part3=n)
        convert([docx_path], work)
        pdf = work / f"{name}.page-break.pdf"
        pages, lines_first = _part3_pages(pdf)
        if pages == 2 and 8 <= lines_first <= 22:
            best = pdf
            break
    if best is None:
        raise SystemExit("could not make part 三 cross a page break")
    target = out / best.name
    shutil.copyfile(best, target)
    return target


# --------------------------------------------------------------------------- bad inputs


def make_scanned_pdf(path: Path) -> None:
    """A 'scan': one page that is only an image of text (no text layer)."""
    from PIL import Image, ImageDraw, ImageFont  # noqa: PLC0415

    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    font = None
    for cand in ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                 "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"):
        if Path(cand).exists():
            font = ImageFont.truetype(cand, 36)
            break
    lines = ["某某县人民政府2023年政府信息公开工作年度报告", "", "一、总体情况",
             "2023年，本县认真贯彻落实《条例》……", "二、主动公开政府信息情况"]
    y = 160
    for line in lines:
        draw.text((120, y), line, fill=0, font=font)
        y += 70
    img.save(path, "PDF", resolution=150.0, creationDate=None)


def make_password_docx(src: Path, path: Path) -> bool:
    try:
        import msoffcrypto  # noqa: F401 - available?
    except ImportError:
        return False
    from msoffcrypto.format.ooxml import OOXMLFile  # noqa: PLC0415

    with open(src, "rb") as fin, open(path, "wb") as fout:
        OOXMLFile(fin).encrypt("xxgk-fixture", fout)
    return True


# --------------------------------------------------------------------------- main


def build_text_fixtures(out: Path) -> list[Path]:
    """All .docx and .html fixtures (Python only, reproducible)."""
    written = []
    for name in EXAMPLE_NAMES:
        if not (EXAMPLES / f"{name}.md").exists():
            print(f"skip {name}: examples/{name}.md not found", file=sys.stderr)
            continue
        blocks = parse_markdown((EXAMPLES / f"{name}.md").read_text(encoding="utf-8"))
        items = example_items(blocks)
        write_docx(items, out / f"{name}.docx")
        enc, heads, cells = HTML_STYLES[name]
        write_html(items, out / f"{name}.html", site=SITES[name], encoding=enc, headings=heads, cell_style=cells)
        written += [out / f"{name}.docx", out / f"{name}.html"]
    blocks20 = parse_markdown((EXAMPLES / "report-2020-gov2019.md").read_text(encoding="utf-8"))
    write_docx(example_items(blocks20), out / "report-2020-gov2019.bold-headings.docx", headings="bold")
    blocks23 = parse_markdown((EXAMPLES / "report-2023-gov2021.md").read_text(encoding="utf-8"))
    write_docx(example_items(blocks23, part3_header="deep"), out / "report-2023-gov2021.deep-header.docx")
    write_html(example_items(blocks23), out / "report-2023-gov2021.split-table.html", site=SITES["report-2023-gov2021"],
               encoding="utf-8", headings="strong", split_part3=True, cell_style="plain")
    written += [out / "report-2020-gov2019.bold-headings.docx", out / "report-2023-gov2021.deep-header.docx",
                out / "report-2023-gov2021.split-table.html"]
    if SEED.exists():
        write_docx(seed_items(parse_seed(SEED.read_text(encoding="utf-8"))), out / "seed.docx")
        written.append(out / "seed.docx")
    else:
        print(f"skip seed.docx: {SEED} not found", file=sys.stderr)
    bad = out / "bad"
    bad.mkdir(exist_ok=True)
    good = (out / "report-2023-gov2021.docx").read_bytes()
    (bad / "truncated.docx").write_bytes(good[: len(good) // 2])
    written.append(bad / "truncated.docx")
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-pdf", action="store_true", help="skip everything that needs LibreOffice")
    ap.add_argument("--check", action="store_true", help="only check that the committed .docx/.html are current")
    ap.add_argument("--force", action="store_true", help="also remake the bad/ inputs that already exist")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            tmp_out = Path(tmp)
            (tmp_out / "bad").mkdir()
            stale = [p.relative_to(tmp_out) for p in build_text_fixtures(tmp_out)
                     if not (args.out / p.relative_to(tmp_out)).exists()
                     or (args.out / p.relative_to(tmp_out)).read_bytes() != p.read_bytes()]
        for p in stale:
            print(f"stale: {p}")
        return 1 if stale else 0
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    written = build_text_fixtures(out)
    bad = out / "bad"
    # bad inputs that are not reproducible byte for byte (a PDF date, a random salt, LibreOffice
    # output) are only made when missing, or with --force, so that a rerun leaves them alone
    if args.force or not (bad / "scanned.pdf").exists():
        make_scanned_pdf(bad / "scanned.pdf")
        written.append(bad / "scanned.pdf")
    if args.force or not (bad / "password.docx").exists():
        if make_password_docx(out / "report-2023-gov2021.docx", bad / "password.docx"):
            written.append(bad / "password.docx")
        else:
            print("skip bad/password.docx: pip install msoffcrypto-tool to make it", file=sys.stderr)
    if not args.no_pdf:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            convert([out / f"{n}.docx" for n in EXAMPLE_NAMES], out, "pdf")
            written += [out / f"{n}.pdf" for n in EXAMPLE_NAMES]
            items20 = example_items(parse_markdown((EXAMPLES / "report-2020-gov2019.md").read_text(encoding="utf-8")))
            written.append(make_page_break_pdf(items20, "report-2020-gov2019", out, work))
            if args.force or not (bad / "old-word.doc").exists():
                shutil.copyfile(out / "report-2020-gov2019.docx", work / "old-word.docx")
                convert([work / "old-word.docx"], work, "doc:MS Word 97")
                shutil.copyfile(work / "old-word.doc", bad / "old-word.doc")
                written.append(bad / "old-word.doc")
    for p in written:
        print(f"wrote {p.relative_to(ROOT) if p.is_relative_to(ROOT) else p} ({p.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
