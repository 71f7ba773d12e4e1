"""A Skeleton as a Word document (.docx), built here with zipfile: no python-docx at run time.

The package is the minimum Word and the reader (validator/readers/docx_reader.py) need — content
types, relationships, the main document, styles and the core properties (the title) — written
as WordprocessingML text. Headings use the Heading 1 / Heading 2 styles (the title uses Title,
which is not a heading); tables are real Word tables with merged cells (w:gridSpan across,
w:vMerge down), laid out by validator/skeleton.py as the official template is. Fonts follow
the usual 公文 practice (仿宋_GB2312 text, 黑体 and 楷体_GB2312 headings, 方正小标宋简体 title),
with Latin fallbacks. The bytes are reproducible: fixed zip timestamps, no dates inside.
"""
from __future__ import annotations

import io
import re
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
TEXT_WIDTH = 8846  # twips: A4 (11906) less 2.8 cm and 2.6 cm margins
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

CONTENT_TYPES = _HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '</Types>')

PACKAGE_RELS = _HEAD + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    '</Relationships>')

DOCUMENT_RELS = _HEAD + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '</Relationships>')


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text as XML character data (xml.sax.saxutils would import urllib: ~15 ms for three replaces);
    characters XML 1.0 cannot hold are dropped."""
    return _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fonts(east: str, latin: str = "Times New Roman") -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}"/>'


def _style(sid: str, name: str, east: str, size: int, *, heading: int | None = None, bold: bool = False,
           centred: bool = False, based: str = "Normal") -> str:
    ppr = ""
    if heading is not None:
        ppr += f'<w:keepNext/><w:spacing w:before="120" w:after="120"/><w:outlineLvl w:val="{heading - 1}"/>'
    if centred:
        ppr += '<w:jc w:val="center"/>'
    rpr = _fonts(east) + ("<w:b/>" if bold else "") + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return (f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/><w:basedOn w:val="{based}"/>'
            f'<w:next w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')


STYLES = _HEAD + (
    f'<w:styles xmlns:w="{W_NS}">'
    '<w:docDefaults><w:rPrDefault><w:rPr>' + _fonts("仿宋_GB2312") +
    '<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    + _style("Title", "Title", "方正小标宋简体", 44, centred=True)
    + _style("Heading1", "heading 1", "黑体", 32, heading=1)
    + _style("Heading2", "heading 2", "楷体_GB2312", 32, heading=2)
    + _style("TableText", "Table Text", "仿宋_GB2312", 21, centred=True)
    + '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
      '<w:tblPr><w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar>'
      '</w:tblPr></w:style>'
      '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
      '<w:tblPr><w:tblBorders>'
    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
              for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders></w:tblPr></w:style></w:styles>')


def _core(title: str) -> str:
    return _HEAD + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title>{escape(title)}</dc:title><dc:creator>xxgk</dc:creator></cp:coreProperties>')


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


def _paragraph(text: str, style: str | None = None, indent: bool = False) -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + ('<w:ind w:firstLineChars="200"/>' if indent else "")
    return f'<w:p>{"<w:pPr>" + ppr + "</w:pPr>" if ppr else ""}{_run(text)}</w:p>'


def _widths(grid, label_cols: int) -> list[int]:
    """Column widths in twips: the row labels get the room, the figures share the rest."""
    values = grid.cols - label_cols
    if not label_cols:
        return [TEXT_WIDTH // grid.cols] * grid.cols
    label_share = 0.45 if label_cols > 1 else 0.4
    label = int(TEXT_WIDTH * label_share / label_cols)
    rest = (TEXT_WIDTH - label * label_cols) // max(values, 1)
    return [label] * label_cols + [rest] * values


def _table(grid) -> str:
    at, covering = grid.at(), grid.covering()
    widths = _widths(grid, grid.label_cols)
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
           '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    for r in range(grid.rows):
        out.append("<w:tr>")
        c = 0
        while c < grid.cols:
            cell = at.get((r, c))
            origin = covering.get((r, c))
            if cell is None and origin is not None and origin.row < r:  # inside a vertical merge
                span = origin.colspan
                tcpr = _tcpr(widths, c, span, "continue")
                out.append(f"<w:tc>{tcpr}<w:p/></w:tc>")
                c += span
                continue
            if cell is None:  # nothing here (should not happen in a full grid): an empty cell
                out.append(f"<w:tc>{_tcpr(widths, c, 1, None)}<w:p/></w:tc>")
                c += 1
                continue
            tcpr = _tcpr(widths, c, cell.colspan, "restart" if cell.rowspan > 1 else None)
            out.append(f'<w:tc>{tcpr}<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{_run(cell.text)}</w:p></w:tc>')
            c += cell.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _tcpr(widths: list[int], col: int, span: int, vmerge: str | None) -> str:
    w = sum(widths[col:col + span])
    props = f'<w:tcW w:w="{w}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    return f'<w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>'


def document_xml(skeleton) -> str:
    body = []
    for b in skeleton.blocks:
        if b.kind == "title":
            body.append(_paragraph(b.text, "Title"))
        elif b.kind == "heading":
            body.append(_paragraph(b.text, f"Heading{min(b.level, 2)}"))
        elif b.kind == "table":
            body.append(_table(b.grid))
            body.append("<w:p/>")  # Word needs a paragraph between tables
        else:
            body.append(_paragraph(b.text, indent=True))
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" '
            'w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')
    return _HEAD + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(body)}{sect}</w:body></w:document>'


def render(skeleton) -> bytes:
    title = next((b.text for b in skeleton.blocks if b.kind == "title"), "")
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS),
             ("word/document.xml", document_xml(skeleton)), ("word/_rels/document.xml.rels", DOCUMENT_RELS),
             ("word/styles.xml", STYLES), ("docProps/core.xml", _core(title))]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()
