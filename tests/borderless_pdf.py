"""Borderless-table PDFs for tests, as Word saves a report whose tables have no ruling lines.

Made with reportlab (a test dependency) and its built-in Adobe CID font STSong-Light, so no font
file is needed: text is placed line by line, the table's labels on the left and each figure
centred under its column, nothing drawn between them. A blank cell is simply no word.
"""
from __future__ import annotations

import io

T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def borderless_pdf(blocks, *, label_width=190, col_width=62, size=9.0) -> bytes:
    """blocks: ("text", str) prose (wrapped at the margins), or ("table", header_rows, rows[, options])
    where header_rows is a list of rows of (text, first column, last column) spans, rows are
    (label, [cell or None, …]) and options may set this table's label_width and col_width."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    default_col_width = col_width
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    left, top = 60.0, 780.0
    y = top

    def newline(step):
        nonlocal y
        y -= step
        if y < 60:
            font = (c._fontname, c._fontsize)  # a new page starts with the default font
            c.showPage()
            c.setFont(*font)
            y = top

    for block in blocks:
        if block[0] == "text":
            c.setFont("STSong-Light", 12)
            for line in _wrap(block[1], 595 - 2 * left, 12):  # prose wraps at the right margin
                c.drawString(left, y, line)
                newline(20)
            continue
        _, header_rows, rows, *opts = block
        opt = opts[0] if opts else {}
        c.setFont("STSong-Light", size)
        x0 = left + opt.get("label_width", label_width)
        col_width = opt.get("col_width", default_col_width)

        def centre(col):
            return x0 + col * col_width + col_width / 2

        for header in header_rows:
            for text, first, last in header:
                if first < 0:
                    c.drawString(left, y, text)
                else:
                    c.drawCentredString((centre(first) + centre(last)) / 2, y, text)
            newline(size * 2)
        width = x0 - left - 6
        for label, cells in rows:
            # a label longer than its column wraps inside it, as Word does; the figures stand
            # on the cell's first line (Word's default top alignment)
            lines = _wrap(label, width, size) or [""]
            c.drawString(left, y, lines[0])
            for i, cell in enumerate(cells):
                if cell is not None and cell != "":
                    c.drawCentredString(centre(i), y, cell)
            for more in lines[1:]:
                newline(size * 1.3)
                c.drawString(left, y, more)
            newline(size * 2)
        newline(8)
    c.save()
    return buf.getvalue()


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of at most `width` points (CJK characters are one em wide, others half)."""
    lines, line, used = [], "", 0.0
    for ch in text:
        w = size if ord(ch) > 0x2E7F else size / 2
        if line and used + w > width:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    if line:
        lines.append(line)
    return lines


def t3_header():
    return [[("申请人情况", 0, 6)],
            [("自然人", 0, 0), ("法人或其他组织", 1, 5), ("总计", 6, 6)],
            [("商业企业", 1, 1), ("科研机构", 2, 2), ("社会公益组织", 3, 3), ("法律服务机构", 4, 4), ("其他", 5, 5)]]
