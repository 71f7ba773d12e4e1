"""Borderless-table PDFs for tests, as Word saves a report whose tables have no ruling lines.

Made with reportlab (a test dependency) and its built-in Adobe CID font STSong-Light, so no font
file is needed: text is placed line by line, the table's labels on the left and each figure
centred under its column, nothing drawn between them. A blank cell is simply no word.
"""
from __future__ import annotations

import io

T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def borderless_pdf(blocks, *, label_width=190, col_width=62, size=9.0) -> bytes:
    """blocks: ("text", str) lines of prose, or ("table", header_rows, rows) where header_rows is a
    list of rows of (text, first column, last column) spans and rows are (label, [cell or None, …])."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    left, top = 60.0, 780.0
    y = top

    def newline(step):
        nonlocal y
        y -= step
        if y < 60:
            c.showPage()
            y = top

    for block in blocks:
        if block[0] == "text":
            c.setFont("STSong-Light", 12)
            c.drawString(left, y, block[1])
            newline(20)
            continue
        _, header_rows, rows = block
        c.setFont("STSong-Light", size)
        x0 = left + label_width

        def centre(col):
            return x0 + col * col_width + col_width / 2

        for header in header_rows:
            for text, first, last in header:
                if first < 0:
                    c.drawString(left, y, text)
                else:
                    c.drawCentredString((centre(first) + centre(last)) / 2, y, text)
            newline(size * 2)
        for label, cells in rows:
            c.drawString(left, y, label)
            for i, cell in enumerate(cells):
                if cell is not None and cell != "":
                    c.drawCentredString(centre(i), y, cell)
            newline(size * 2)
        newline(8)
    c.save()
    return buf.getvalue()


def t3_header():
    return [[("申请人情况", 0, 6)],
            [("自然人", 0, 0), ("法人或其他组织", 1, 5), ("总计", 6, 6)],
            [("商业企业", 1, 1), ("科研机构", 2, 2), ("社会公益组织", 3, 3), ("法律服务机构", 4, 4), ("其他", 5, 5)]]
