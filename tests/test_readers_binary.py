"""Readers for binary and web formats: .docx (zipfile + lxml), HTML (lxml), PDF (pdfplumber).

Every fixture is built inside the test: docx files with python-docx, HTML strings encoded as
GB18030, and PDFs written by hand (a ~80-line writer below: a simple font whose ToUnicode
CMap maps one-byte codes to any Unicode text, ruling lines, filled rects). The corpus PDFs in
shared/corpus ($XXGK_SHARED) are checked against the hand-checked figures of their .meta files.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CORPUS  # $XXGK_SHARED/corpus
from validator.document import Heading, InputError, Paragraph, Table
from validator.readers import read_bytes

REPO = Path(__file__).resolve().parents[1]


def blocks_of(doc, kind):
    return [b for b in doc.blocks if b.kind == kind]


def cell_tuples(table: Table):
    """(text, row, col, rowspan, colspan) per logical cell, row by row."""
    return [[(c.text, c.row, c.col, c.rowspan, c.colspan) for c in row] for row in table.rows]


# =========================================================================== docx

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _save(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _read_docx(data: bytes):
    return read_bytes(Path("report.docx"), data)


def make_report_docx() -> bytes:
    d = docx.Document()
    d.add_heading("某某市人民政府2025年政府信息公开工作年度报告", level=1)
    d.add_paragraph("一、总体情况")
    d.add_paragraph("（一）主动公开情况。2025年，本机关主动公开政府信息1136条。")
    p = d.add_paragraph()
    p.add_run("（二）依申请公开情况，本年度共收到政府信息公开申请二十一件，均在法定期限内答复完毕").bold = True
    d.add_paragraph("1.这是一个很长的编号段落，它的长度超过了四十个字符，因此不应被视为标题，而是普通的段落文本内容。")
    d.add_paragraph("第二个正文段落。")
    t = d.add_table(rows=5, cols=5)
    t.cell(0, 0).merge(t.cell(2, 0)).text = "项目"  # vertical merge, 3 rows deep
    t.cell(0, 1).merge(t.cell(0, 4)).text = "申请人情况"  # gridSpan 4
    t.cell(1, 1).merge(t.cell(2, 1)).text = "自然人"
    t.cell(1, 2).merge(t.cell(1, 4)).text = "法人或其他组织"
    for col, text in ((2, "商业企业"), (3, "科研机构"), (4, "其他")):
        t.cell(2, col).text = text
    for col, text in enumerate(["一、本年新收", "21", "0", "0", "0"]):
        t.cell(3, col).text = text
    label = t.cell(4, 0)
    label.text = "  二、上年"
    label.add_paragraph("结转  ")  # a second paragraph: joined without a space
    for col in range(1, 5):
        t.cell(4, col).text = str(col)
    inner = t.cell(3, 4).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "嵌套甲"
    inner.cell(0, 1).text = "嵌套乙"
    d.add_heading("二、主动公开政府信息情况", level=2)
    d.add_paragraph("末段。")
    return _save(d)


def test_docx_headings_paragraphs_and_body_order():
    doc = _read_docx(make_report_docx())
    assert doc.format == "docx" and doc.lines is None
    kinds = [(b.kind, getattr(b, "source", None), getattr(b, "level", None), b.text if b.kind != "table" else "")
             for b in doc.blocks]
    assert kinds[:6] == [
        ("heading", "style", 1, "某某市人民政府2025年政府信息公开工作年度报告"),
        ("heading", "numbered", None, "一、总体情况"),
        ("paragraph", None, None, "（一）主动公开情况。2025年，本机关主动公开政府信息1136条。"),
        ("heading", "bold", None, "（二）依申请公开情况，本年度共收到政府信息公开申请二十一件，均在法定期限内答复完毕"),
        ("paragraph", None, None, kinds[4][3]),
        ("paragraph", None, None, "第二个正文段落。"),
    ]
    assert kinds[4][3].startswith("1.这是一个很长的编号段落")
    # outer table, then the nested one, then the rest of the body
    assert [k[0] for k in kinds[6:]] == ["table", "table", "heading", "paragraph"]
    assert kinds[8][1:3] == ("style", 2)
    spans = [b.span.paragraph for b in doc.blocks if b.kind != "table"]
    assert spans == [1, 2, 3, 4, 5, 6, 7, 8]


def test_docx_merged_cells_each_logical_cell_once():
    doc = _read_docx(make_report_docx())
    outer, nested = blocks_of(doc, "table")
    assert outer.source == "docx" and outer.grid_reliable
    assert cell_tuples(outer) == [
        [("项目", 0, 0, 3, 1), ("申请人情况", 0, 1, 1, 4)],
        [("自然人", 1, 1, 2, 1), ("法人或其他组织", 1, 2, 1, 3)],
        [("商业企业", 2, 2, 1, 1), ("科研机构", 2, 3, 1, 1), ("其他", 2, 4, 1, 1)],
        [("一、本年新收", 3, 0, 1, 1), ("21", 3, 1, 1, 1), ("0", 3, 2, 1, 1), ("0", 3, 3, 1, 1), ("0", 3, 4, 1, 1)],
        [("二、上年结转", 4, 0, 1, 1), ("1", 4, 1, 1, 1), ("2", 4, 2, 1, 1), ("3", 4, 3, 1, 1), ("4", 4, 4, 1, 1)],
    ]
    # spans are 1-based table / row / cell-in-row
    c = outer.rows[2][1]
    assert (c.span.table, c.span.row, c.span.cell) == (1, 3, 2)
    assert outer.span.table == 1
    # the nested table is its own block; its text is not in the outer cell
    assert cell_tuples(nested) == [[("嵌套甲", 0, 0, 1, 1), ("嵌套乙", 0, 1, 1, 1)]]
    assert nested.span.table == 2
    assert outer.rows[3][4].text == "0"


def test_docx_automatic_numbering_text_boxes_and_content_controls():
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text, ilvl):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'))

    numbered("总体情况", 0)
    numbered("主动公开情况", 1)
    numbered("依申请公开情况", 1)
    numbered("主动公开政府信息情况", 0)
    numbered("第一项", 1)
    anchor = d.add_paragraph("正文")
    anchor._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        '<w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(
        f'<w:sdt {W_NS}><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    doc = _read_docx(_save(d))
    texts = [(b.kind, b.text) for b in doc.blocks]
    assert texts == [
        ("heading", "一、总体情况"),
        ("heading", "（一）主动公开情况"),
        ("heading", "（二）依申请公开情况"),
        ("heading", "二、主动公开政府信息情况"),
        ("heading", "（一）第一项"),  # the lower level restarts under a new upper item
        ("paragraph", "正文"),
        ("paragraph", "文本框内容"),  # once, not again from the VML fallback
        ("paragraph", "控件中的段落"),
    ]
    assert doc.blocks[6].span.paragraph == doc.blocks[5].span.paragraph == 6


def test_docx_corrupt_inputs_are_input_errors():
    good = make_report_docx()
    with pytest.raises(InputError) as exc:
        _read_docx(good[: len(good) // 2])  # truncated zip
    assert exc.value.rule == "INP001" and "损坏" in exc.value.message and exc.value.hint

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:  # a zip without word/document.xml
        z.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(InputError) as exc:
        _read_docx(buf.getvalue())
    assert exc.value.rule == "INP001"

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024  # encrypted docx = OLE container
    with pytest.raises(InputError) as exc:
        _read_docx(ole)
    assert "加密" in exc.value.message

    from validator.readers import docx_reader

    with pytest.raises(InputError):  # called directly, garbage still gives an InputError
        docx_reader.read(Path("x.docx"), ole)


# =========================================================================== HTML

CHROME_PAGE = """<!DOCTYPE html>
<html><head><meta charset="gb2312">
<title>某某县人民政府2023年政府信息公开工作年度报告_某某县人民政府</title>
<script>var t = "年度报告";</script><style>.x{}</style></head>
<body>
<div class="header"><h1>某某县人民政府</h1>
 <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/nb">年度报告</a></div>
<div class="main">
 <div class="article-title"><h2>某某县人民政府2023年政府信息公开工作年度报告</h2></div>
 <div class="share-bar">分享到：<a>微信</a><a>微博</a></div>
 <div id="zoom" class="TRS_Editor">
  <p>　　本报告根据《中华人民共和国政府信息公开条例》编制。</p>
  <p><strong>一、总体情况</strong></p>
  <p>　　2023年，我县坚持以习近平新时代中国特色社会主义思想为指导，
  全面贯彻落实条例要求。<br>（一）主动公开情况<br>　　全年主动公开政府信息1136条。</p>
  <p>三、收到和处理政府信息公开申请情况</p>
  <table border="1">
   <tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
       <td colspan="7">申请人情况</td></tr>
   <tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
   <tr><td>商业<br>企业</td><td><p><span>科研</span></p><p>机构</p></td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
   <tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>21</td><td>&nbsp;0</td><td>0</td><td>0</td><td>0</td><td>&nbsp;</td><td>21&nbsp;</td></tr>
  </table>
  <table><tr><td>二、上年结转政府信息公开申请数量</td><td>0</td><td>0</td><td>0</td></tr>
   <tr><td>（一）予以公开</td><td>0</td><td>0</td><td><table><tr><td>嵌套</td><td>表</td></tr></table></td></tr></table>
 </div>
 <div class="related"><a>某某县人民政府2022年政府信息公开工作年度报告</a><a>某某县人民政府2021年政府信息公开工作年度报告</a></div>
</div>
<div class="footer">版权所有：某某县人民政府　主办单位：某某县人民政府办公室</div>
</body></html>
"""


def _read_html(data: bytes):
    return read_bytes(Path("page.html"), data)


def test_html_gb18030_meta_charset_chrome_and_blocks():
    doc = _read_html(CHROME_PAGE.encode("gb18030"))
    assert doc.format == "html" and doc.encoding == "gb18030"
    assert doc.meta["title"] == "某某县人民政府2023年政府信息公开工作年度报告_某某县人民政府"
    texts = [(b.kind, getattr(b, "source", None), getattr(b, "level", None), b.text)
             for b in doc.blocks if b.kind != "table"]
    assert texts == [
        ("heading", "html", 2, "某某县人民政府2023年政府信息公开工作年度报告"),
        ("paragraph", None, None, "本报告根据《中华人民共和国政府信息公开条例》编制。"),
        ("heading", "bold", None, "一、总体情况"),
        # a source line break between two CJK characters is not a space
        ("paragraph", None, None, "2023年，我县坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实条例要求。"),
        ("heading", "numbered", None, "（一）主动公开情况"),  # <br> splits lines
        ("paragraph", None, None, "全年主动公开政府信息1136条。"),
        ("heading", "numbered", None, "三、收到和处理政府信息公开申请情况"),
    ]
    everything = json.dumps(doc.to_dict(), ensure_ascii=False)
    for chrome in ("首页", "当前位置", "分享到", "版权所有", "2022年", "var t"):
        assert chrome not in everything
    # source lines point into the decoded text
    para = doc.blocks[1]
    assert "本报告根据" in doc.lines[para.span.line - 1]
    assert "全年主动公开" in doc.lines[doc.blocks[5].span.line - 1]


def test_html_table_rowspan_colspan_nbsp_and_split_tables():
    doc = _read_html(CHROME_PAGE.encode("gb18030"))
    t1, t2, t3 = blocks_of(doc, "table")
    assert t1.source == "html" and t1.grid_reliable
    assert cell_tuples(t1) == [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 0, 0, 3, 3), ("申请人情况", 0, 3, 1, 7)],
        [("自然人", 1, 3, 2, 1), ("法人或其他组织", 1, 4, 1, 5), ("总计", 1, 9, 2, 1)],
        [("商业企业", 2, 4, 1, 1), ("科研机构", 2, 5, 1, 1), ("社会公益组织", 2, 6, 1, 1),
         ("法律服务机构", 2, 7, 1, 1), ("其他", 2, 8, 1, 1)],
        [("一、本年新收政府信息公开申请数量", 3, 0, 1, 3), ("21", 3, 3, 1, 1), ("0", 3, 4, 1, 1), ("0", 3, 5, 1, 1),
         ("0", 3, 6, 1, 1), ("0", 3, 7, 1, 1), ("", 3, 8, 1, 1), ("21", 3, 9, 1, 1)],
    ]
    cell = t1.rows[3][1]
    assert (cell.span.table, cell.span.row, cell.span.cell) == (1, 4, 2)
    assert "<td>21</td>" in doc.lines[cell.span.line - 1]
    # a second <table> stays a separate block; a table inside a cell follows it
    assert t2.texts() == [["二、上年结转政府信息公开申请数量", "0", "0", "0"], ["（一）予以公开", "0", "0", ""]]
    assert cell_tuples(t3) == [[("嵌套", 0, 0, 1, 1), ("表", 0, 1, 1, 1)]]
    assert [t.span.table for t in (t1, t2, t3)] == [1, 2, 3]


def test_html_encodings():
    page = "<html><body><h1>某某县2023年政府信息公开工作年度报告</h1><p>正文内容较多的段落，用于识别编码。" * 3 + "</p></body></html>"
    # no declaration at all, GB18030 bytes: charset-normalizer finds it
    doc = _read_html(page.encode("gb18030"))
    assert doc.blocks[0].text == "某某县2023年政府信息公开工作年度报告"
    # declared utf-8 but really GBK: the declaration loses
    lying = page.replace("<html>", '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>')
    doc = _read_html(lying.encode("gbk"))
    assert doc.blocks[0].text == "某某县2023年政府信息公开工作年度报告"
    # BOM
    doc = _read_html(b"\xef\xbb\xbf" + page.encode("utf-8"))
    assert doc.encoding == "utf-8-sig" and doc.blocks[0].kind == "heading"
    # XML declaration with an encoding (lxml refuses it on a str unless removed)
    xhtml = '<?xml version="1.0" encoding="gb2312"?>\n' + page
    doc = _read_html(xhtml.encode("gb18030"))
    assert doc.encoding == "gb18030" and doc.blocks[0].span.line == 2


def test_html_layout_table_is_walked_not_returned():
    page = ("<html><body><table><tr><td>"
            "<p>一、总体情况</p><p>本机关全年主动公开政府信息。</p>"
            "<table border=1><tr><td>规章</td><td>0</td></tr><tr><td>行政规范性文件</td><td>5</td></tr></table>"
            "</td></tr></table></body></html>")
    doc = _read_html(page.encode("utf-8"))
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "table"]
    assert doc.blocks[2].texts() == [["规章", "0"], ["行政规范性文件", "5"]]


def test_html_empty_is_input_error():
    with pytest.raises(InputError) as exc:
        _read_html(b"   \n  ")
    assert exc.value.rule == "INP001"


# =========================================================================== PDF

def build_pdf(pages, *, tounicode=True, cid=False, encrypt=False, width=595, height=842) -> bytes:
    """A minimal PDF written by hand.

    pages: dicts with ``text`` [(x, top, size, string[, char_spacing])], ``lines``
    [(x0, top0, x1, top1)] and ``fills`` [(x0, top, x1, bottom)] (white filled rects).
    Text uses one simple font with 1000-unit glyphs (16 pt text = 16 pt per character) and a
    ToUnicode CMap from one-byte codes to the wanted characters; ``tounicode=False`` drops
    the map, ``cid=True`` uses an Identity-H CID font without one ((cid:NN) on extraction).
    """
    chars = sorted({ch for p in pages for t in p.get("text", []) for ch in t[3]})
    assert len(chars) <= 200
    code = {ch: 0x21 + i for i, ch in enumerate(chars)}
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    def stream(data: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    desc = add(b"<< /Type /FontDescriptor /FontName /XXGKTest /Flags 4 /FontBBox [0 -120 1000 880] "
               b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>")
    if cid:
        cidfont = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /XXGKTest /CIDSystemInfo "
                      b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 >>"
                      % desc)
        font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /XXGKTest /Encoding /Identity-H "
                   b"/DescendantFonts [%d 0 R] >>" % cidfont)
    else:
        extra = b""
        if tounicode:
            entries = [b"<%02X> <%04X>" % (code[ch], ord(ch)) for ch in chars]
            body = b"".join(b"%d beginbfchar\n" % len(entries[i:i + 100]) + b"\n".join(entries[i:i + 100])
                            + b"\nendbfchar\n" for i in range(0, len(entries), 100))
            cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                    b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                    b"1 begincodespacerange <00> <FF> endcodespacerange\n" + body
                    + b"endcmap CMapName currentdict /CMap defineresource pop end end")
            extra = b"/ToUnicode %d 0 R " % add(stream(cmap))
        font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /XXGKTest /FirstChar 0 /LastChar 255 /Widths ["
                   + b" ".join([b"1000"] * 256) + b"] /FontDescriptor %d 0 R " % desc + extra + b">>")
    pages_id = len(objs) + 2 * len(pages) + 1
    page_ids = []
    for p in pages:
        ops = []
        for x0, top, x1, bottom in p.get("fills", []):
            ops.append(b"1 1 1 rg %.2f %.2f %.2f %.2f re f 0 0 0 rg" % (x0, height - bottom, x1 - x0, bottom - top))
        for x0, t0, x1, t1 in p.get("lines", []):
            ops.append(b"0.5 w %.2f %.2f m %.2f %.2f l S" % (x0, height - t0, x1, height - t1))
        for x, top, size, s, *rest in p.get("text", []):
            width_ = 4 if cid else 2
            hexs = b"".join(b"%0*X" % (width_, code[ch]) for ch in s)
            ops.append(b"BT /F1 %.2f Tf %.2f Tc %.2f %.2f Td <%s> Tj ET"
                       % (size, rest[0] if rest else 0, x, height - top - 0.88 * size, hexs))
        content = add(stream(b"\n".join(ops)))
        page_ids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, width, height, content, font)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>"
               % (b" ".join(b"%d 0 R" % i for i in page_ids), len(page_ids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    trailer_extra = b""
    if encrypt:  # a user password is set: /U does not match the empty password
        enc = add(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>")
        trailer_extra = (b" /Encrypt %d 0 R /ID [<00112233445566778899AABBCCDDEEFF> "
                         b"<00112233445566778899AABBCCDDEEFF>]" % enc)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog,
                                                                                 trailer_extra, xref)
    return bytes(out)


def _box(x0, top, x1, bottom):
    return [(x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)]


# page geometry: 16 pt text, left margin 74, 27 characters = a full line ending at 506
BODY = "本机关坚持以公开为常态不公开为例外全面推进政务公开工作各项任务落实到位" * 3


def _lines(text, first_top, indent=True, pitch=27):
    out, pos, top = [], 0, first_top
    first = True
    while pos < len(text):
        n = 25 if (first and indent) else 27
        x = 106 if (first and indent) else 74
        out.append((x, top, 16, text[pos:pos + n]))
        pos += n
        top += pitch
        first = False
    return out


def synthetic_report_pdf() -> bytes:
    # a 4-column table (x = 74, 130, 250, 330, 410) runs from page 1 onto page 2
    page1 = {
        "text": [
            (219, 80, 22, "某某县人民政府"),
            (120, 110, 22, "2023年政府信息公开工作年度报告"),
            (106, 160, 16, "一、总体情况"),
            *_lines(BODY[:52], 190),  # two lines: 25 + 27 characters
            # a justified last line: wide letter spacing in the CJK runs, Latin/CJK auto-spacing
            (74, 244, 16, "邮编：", 5), (141, 244, 16, "223100"), (241, 244, 16, "，电话。", 5),
            (106, 280, 16, "二、⼯作⻚面情况"),  # Kangxi radical ⼯, CJK radicals supplement ⻚
            (106, 560, 16, "三、收到和处理政府信息公开申请情况"),
            # table cells
            (80, 606, 12, "项目"), (255, 606, 12, "甲"), (335, 606, 12, "乙"),
            (80, 636, 12, "三、"), (135, 636, 12, "（一）予以公开"), (255, 636, 12, "1"), (335, 636, 12, "2"),
            (135, 666, 12, "（二）部分公开"), (255, 666, 12, "3"), (335, 666, 12, "4"),
            (280, 800, 12, "- 1 -"),
        ],
        "lines": [
            (74, 600, 410, 600), (74, 630, 410, 630), (130, 660, 410, 660),  # no rule under col 0 at 660
            (74, 600, 74, 690), (130, 630, 130, 690), (250, 600, 250, 690), (330, 600, 330, 690),
            (410, 600, 410, 690),  # verticals run to 690, where no bottom rule is drawn (page break)
        ],
        # Word/WPS paint white rects behind every text line: they must not become tables
        "fills": [(74, 190 + 27 * i, 506, 217 + 27 * i) for i in range(3)],
    }
    page2 = {
        "text": [
            (80, 86, 12, "办理结果"), (135, 86, 12, "（三）不予公开"), (255, 86, 12, "5"), (335, 86, 12, "6"),
            (135, 116, 12, "（四）总计"), (255, 116, 12, "9"), (335, 116, 12, "12"),
            (106, 170, 16, "四、政府信息公开行政复议、行政诉讼情况"),
            *_lines(BODY[:79], 200),  # 25 + 27 + 27: the last line is full, the paragraph goes on
            (260, 800, 12, "— 2 —"),
        ],
        "lines": [
            (130, 80, 410, 80), (130, 110, 410, 110), (74, 140, 410, 140),  # no top rule over col 0
            (74, 80, 74, 140), (130, 80, 130, 140), (250, 80, 250, 140), (330, 80, 330, 140), (410, 80, 410, 140),
        ],
    }
    page3 = {
        "text": [
            (74, 80, 16, "续写的一行。"),
            (106, 110, 16, "五、存在的主要问题及改进情况"),
            *[(x, top, 12, s) for x, top, s in ((80, 156, "行政复议"), (250, 156, "行政诉讼"),
                                                (80, 186, "10"), (160, 186, "1"), (250, 186, "5"), (330, 186, "0"))],
            (280, 800, 12, "3"),
        ],
        "lines": [*_box(74, 150, 410, 210), (74, 180, 410, 180), (250, 150, 250, 210),
                  (160, 180, 160, 210), (330, 180, 330, 210)],
    }
    assert all(len(s) <= 27 for p in (page1, page2) for _, _, size, s, *r in p["text"] if size == 16)
    return build_pdf([page1, page2, page3])


@pytest.fixture(scope="module")
def pdfplumber_mod():
    return pytest.importorskip("pdfplumber")


def _read_pdf(data: bytes):
    return read_bytes(Path("report.pdf"), data)


def test_pdf_text_headings_paragraphs_radicals_and_spaces(pdfplumber_mod):
    doc = _read_pdf(synthetic_report_pdf())
    assert doc.format == "pdf" and doc.meta["pages"] == 3
    text_blocks = [(b.kind, b.text, b.span.page) for b in doc.blocks if b.kind != "table"]
    assert text_blocks == [
        ("paragraph", "某某县人民政府", 1),
        ("paragraph", "2023年政府信息公开工作年度报告", 1),
        ("heading", "一、总体情况", 1),
        ("paragraph", BODY[:52] + "邮编：223100，电话。", 1),
        ("heading", "二、工作页面情况", 1),
        ("heading", "三、收到和处理政府信息公开申请情况", 1),
        ("heading", "四、政府信息公开行政复议、行政诉讼情况", 2),
        # continues across the page break; the page numbers "- 1 -", "— 2 —", "3" are gone
        ("paragraph", BODY[:79] + "续写的一行。", 2),
        ("heading", "五、存在的主要问题及改进情况", 3),
    ]
    assert all(isinstance(b, (Heading, Paragraph, Table)) for b in doc.blocks)
    assert all(h.source == "numbered" and h.level is None for h in blocks_of(doc, "heading"))


def test_pdf_tables_spans_and_cross_page_stitching(pdfplumber_mod):
    doc = _read_pdf(synthetic_report_pdf())
    tables = blocks_of(doc, "table")
    assert len(tables) == 2  # the white line backgrounds made no table; pages 1+2 are one table
    t = tables[0]
    assert t.source == "pdf" and t.grid_reliable and t.span.page == 1 and t.span.table == 1
    assert cell_tuples(t) == [
        [("项目", 0, 0, 1, 2), ("甲", 0, 2, 1, 1), ("乙", 0, 3, 1, 1)],
        [("三、办理结果", 1, 0, 4, 1), ("（一）予以公开", 1, 1, 1, 1), ("1", 1, 2, 1, 1), ("2", 1, 3, 1, 1)],
        [("（二）部分公开", 2, 1, 1, 1), ("3", 2, 2, 1, 1), ("4", 2, 3, 1, 1)],
        [("（三）不予公开", 3, 1, 1, 1), ("5", 3, 2, 1, 1), ("6", 3, 3, 1, 1)],
        [("（四）总计", 4, 1, 1, 1), ("9", 4, 2, 1, 1), ("12", 4, 3, 1, 1)],
    ]
    # per-row pages, 1-based row and cell numbers
    assert [row[-1].span.page for row in t.rows] == [1, 1, 1, 2, 2]
    last = t.rows[4][2]
    assert (last.span.page, last.span.table, last.span.row, last.span.cell) == (2, 1, 5, 3)
    # reading order: the table sits between the part 三 and part 四 headings
    order = [b.text if b.kind != "table" else "TABLE" for b in doc.blocks]
    assert order.index("TABLE") == order.index("三、收到和处理政府信息公开申请情况") + 1
    t2 = tables[1]
    assert t2.span.page == 3 and t2.span.table == 2
    assert cell_tuples(t2) == [
        [("行政复议", 0, 0, 1, 2), ("行政诉讼", 0, 2, 1, 2)],
        [("10", 1, 0, 1, 1), ("1", 1, 1, 1, 1), ("5", 1, 2, 1, 1), ("0", 1, 3, 1, 1)],
    ]


def test_pdf_without_text_layer_is_inp003(pdfplumber_mod):
    rect_only = build_pdf([{"lines": _box(100, 100, 300, 200)}])
    with pytest.raises(InputError) as exc:
        _read_pdf(rect_only)
    assert exc.value.rule == "INP003"
    assert exc.value.message == "PDF 没有可用的文本层（可能是扫描件或字体缺少 Unicode 映射）"
    assert "OCR" in exc.value.hint

    cid_only = build_pdf([{"text": [(74, 100, 16, "一、总体情况本年度")]}], cid=True)
    with pytest.raises(InputError) as exc:
        _read_pdf(cid_only)
    assert exc.value.rule == "INP003"


def test_pdf_corrupt_and_encrypted_are_inp001(pdfplumber_mod):
    with pytest.raises(InputError) as exc:
        _read_pdf(b"%PDF-1.4\n1 0 obj garbage\n%%EOF")
    assert exc.value.rule == "INP001" and "损坏" in exc.value.message

    good = synthetic_report_pdf()
    with pytest.raises(InputError) as exc:
        _read_pdf(good[:300])  # truncated
    assert exc.value.rule in ("INP001", "INP003")

    locked = build_pdf([{"text": [(74, 100, 16, "一、总体情况")]}], encrypt=True)
    with pytest.raises(InputError) as exc:
        _read_pdf(locked)
    assert exc.value.rule == "INP001" and "加密" in exc.value.message


def test_pdf_reader_without_pdfplumber(monkeypatch):
    from validator.readers import pdf_reader

    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import pdfplumber -> ImportError
    with pytest.raises(InputError) as exc:
        pdf_reader.read(Path("x.pdf"), b"%PDF-1.4\n")
    assert exc.value.message.startswith("读取 PDF 需要的 Python 包 pdfplumber 没有安装：运行 pip install \"pdfplumber>=")
    assert exc.value.hint.startswith('pip install "pdfplumber>=')


# ---- the corpus PDFs against the hand-checked figures in their .meta files

def _ints(cells):
    return [int(c.text) for c in cells]


def _numeric(text: str) -> bool:
    return text.replace(".", "", 1).isdigit()


def _table_with(doc, needle: str) -> Table:
    for t in blocks_of(doc, "table"):
        if any(needle in c.text for row in t.rows for c in row):
            return t
    raise AssertionError(f"no table containing {needle!r}")


def part3_rows(table: Table) -> dict[str, list[int]]:
    """Row label (the last text cell before the figures) -> the 7 figures."""
    out = {}
    last_group = ""
    for row in table.rows:
        if len(row) >= 8 and all(_numeric(c.text) for c in row[-7:]):
            labels = [c.text for c in row[:-7] if c.text]
            label = labels[-1] if labels else last_group
            out[label] = _ints(row[-7:])
            last_group = labels[0] if labels else last_group
    return out


PART4 = {
    "010": [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0],
    "011": [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
    "012": [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20],
}
PART3 = {
    "010": (23, {"一、本年新收政府信息公开申请数量": [21, 0, 0, 0, 0, 0, 21],
                 "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [4, 0, 0, 0, 0, 0, 4],
                 "1.本机关不掌握相关政府信息": [10, 0, 0, 0, 0, 0, 10],
                 "2.没有现成信息需要另行制作": [3, 0, 0, 0, 0, 0, 3],
                 "1.信访举报投诉类申请": [1, 0, 0, 0, 0, 0, 1],
                 "（七）总计": [21, 0, 0, 0, 0, 0, 21]}),
    "011": (23, {"一、本年新收政府信息公开申请数量": [95, 0, 0, 0, 0, 0, 95],
                 "（一）予以公开": [50, 0, 0, 0, 0, 0, 50],
                 "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [9, 0, 0, 0, 0, 0, 9],
                 "1.本机关不掌握相关政府信息": [31, 0, 0, 0, 0, 0, 31],
                 "（七）总计": [95, 0, 0, 0, 0, 0, 95]}),
    "012": (25, {"一、本年新收政府信息公开申请数量": [3001, 53, 0, 0, 61, 4, 3119],
                 "二、上年结转政府信息公开申请数量": [34, 0, 0, 0, 0, 0, 34],
                 "（一）予以公开": [1288, 21, 0, 0, 50, 3, 1362],
                 "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [447, 7, 0, 0, 0, 0, 454],
                 "1.本机关不掌握相关政府信息": [746, 12, 0, 0, 10, 1, 769],
                 "3、其他": [108, 2, 0, 0, 0, 0, 110],
                 "（七）总计": [2932, 53, 0, 0, 61, 4, 3050],
                 "四、结转下年度继续办理": [103, 0, 0, 0, 0, 0, 103]}),
}
PART2 = {
    "010": {"规章": ["0", "0", "0"], "行政规范性文件": ["0", "5", "5"], "行政许可": ["550"], "行政处罚": ["4119"],
            "行政强制": ["195"], "行政事业性收费": ["7730.28"]},
    "011": {"规章": ["0", "0", "0"], "行政规范性文件": ["3", "0", "8"], "行政许可": ["9487"], "行政处罚": ["2776"],
            "行政强制": ["84"], "行政事业性收费": ["7545"]},
    "012": {"规章": ["1", "0", "11"], "行政规范性文件": ["8", "26", "66"], "行政许可": ["447228"],
            "行政处罚": ["3985758"], "行政强制": ["88283"], "行政事业性收费": ["96171.6"]},
}


@pytest.fixture(scope="module")
def corpus_docs(pdfplumber_mod):
    docs = {}
    for name in PART4:
        path = CORPUS / f"{name}.pdf"
        if not path.exists():
            pytest.skip(f"corpus PDF {path} not available")
        docs[name] = read_bytes(path, path.read_bytes())
    return docs


@pytest.mark.parametrize("name", sorted(PART4))
def test_corpus_part3_table(corpus_docs, name):
    table = _table_with(corpus_docs[name], "申请人情况")
    n_rows, expected = PART3[name]
    rows = part3_rows(table)
    assert len(rows) == n_rows
    for label, figures in expected.items():
        assert rows[label] == figures, label
    # every numeric row adds up across the applicant columns (SUM001 holds in all three)
    for label, figures in rows.items():
        assert sum(figures[:6]) == figures[6], label
    # three header rows, the vertical label read as one cell spanning every outcome row
    assert [c.text for c in table.rows[2]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    vertical = next(c for row in table.rows for c in row if c.text == "三、本年度办理结果")
    assert vertical.col == 0 and vertical.rowspan == n_rows - 3
    # the table crosses a page break: the rows keep the page they came from
    pages = {c.span.page for row in table.rows for c in row}
    assert len(pages) == 2


@pytest.mark.parametrize("name", sorted(PART4))
def test_corpus_part4_table(corpus_docs, name):
    table = _table_with(corpus_docs[name], "复议后起诉")
    data_rows = [row for row in table.rows if len(row) == 15 and all(_numeric(c.text) for c in row)]
    assert len(data_rows) == 1
    assert _ints(data_rows[0]) == PART4[name]
    assert [c.col for c in data_rows[0]] == list(range(15))
    top = [(c.text, c.colspan) for c in table.rows[0] if c.text]
    assert top[0] == ("行政复议", 5) and top[-1][0] == "行政诉讼"


@pytest.mark.parametrize("name", sorted(PART4))
def test_corpus_part2_tables(corpus_docs, name):
    doc = corpus_docs[name]
    table = _table_with(doc, "第二十条第（一）项")
    found = {}
    for row in table.rows:
        if row and row[0].text in PART2[name]:
            found[row[0].text] = [c.text for c in row[1:]]
    assert found == PART2[name]


@pytest.mark.parametrize("name", sorted(PART4))
def test_corpus_text_is_clean(corpus_docs, name):
    import re

    doc = corpus_docs[name]
    texts = [b.text for b in doc.blocks if b.kind != "table"]
    texts += [c.text for t in blocks_of(doc, "table") for row in t.rows for c in row]
    cjk = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef"
    assert not [t for t in texts if re.search(f"[{cjk}]\\s|\\s[{cjk}]", t)]
    assert not [t for t in texts if re.search("[\u2e80-\u2fdf]", t)]
    headings = [b.text for b in blocks_of(doc, "heading")]
    for part in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                 "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert part in headings
    assert not any(re.fullmatch(r"[-—\s\d]+", t) for t in texts if not t.isdigit())  # no "-3-" lines
    assert doc.meta["pages"] >= 5


# =========================================================================== import hygiene

def test_readers_import_no_heavy_libraries():
    code = (
        "import sys\n"
        "import validator.readers.docx_reader, validator.readers.html_reader, validator.readers.pdf_reader\n"
        "heavy = [m for m in ('docx', 'lxml', 'pdfplumber', 'pdfminer', 'charset_normalizer') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
