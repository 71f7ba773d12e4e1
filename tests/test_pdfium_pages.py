"""PDF pages parsed by PDFium (validator/readers/pdfium_pages.py) read exactly as pdfminer.six
parses them: every real and fixture PDF gives the same Document either way, and what PDFium
would measure differently (fonts that are not embedded, Type3 fonts, rotated pages) is left to
pdfminer."""
import io
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")
pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

from tests.conftest import ROOT  # noqa: E402
from validator.readers import pdf_reader, pdfium_pages  # noqa: E402

SHARED = ROOT.parent / "shared"
PDFS = sorted([*SHARED.glob("corpus/*.pdf"), *(ROOT / "tests" / "corpus").glob("*.pdf"),
               *(ROOT / "tests" / "fixtures" / "formats").glob("*.pdf")])


def _read(data: bytes, pdfium: bool, monkeypatch):
    with monkeypatch.context() as m:
        if not pdfium:
            m.setattr(pdfium_pages, "available", lambda: False)
        return pdf_reader.read(Path("x.pdf"), data)


def _dump(doc):
    out = []
    for b in doc.blocks:
        if hasattr(b, "rows"):
            out.append(("table", b.source, [[(c.text, c.row, c.col, c.rowspan, c.colspan, c.span.page) for c in r]
                                            for r in b.rows]))
        else:
            out.append((type(b).__name__, b.text, b.span.page, getattr(b, "level", None)))
    return out, doc.meta


@pytest.mark.slow
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdfium_reads_every_corpus_pdf_as_pdfminer_does(path, monkeypatch):
    data = path.read_bytes()
    assert _dump(_read(data, True, monkeypatch)) == _dump(_read(data, False, monkeypatch))


def test_pdfium_is_used_for_embedded_fonts():
    import pdfplumber

    data = (ROOT / "tests" / "fixtures" / "formats" / "report-2023-gov2021.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf_reader._pdfium_pages(pdf, data) is not None


def _pdf(draw) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    draw(c)
    c.save()
    return buf.getvalue()


def test_a_font_that_is_not_embedded_is_left_to_pdfminer(monkeypatch):
    import pdfplumber
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

    def draw(c):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 760, "某县2023年政府信息公开工作年度报告")
        c.drawString(72, 740, "持")  # PDFium drops a one-glyph string of this substituted font

    data = _pdf(draw)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        with pytest.raises(pdfium_pages.Unsupported):
            pdfium_pages.font_metrics(pdf.doc)
        assert pdf_reader._pdfium_pages(pdf, data) is None
    assert "".join(b.text for b in _read(data, True, monkeypatch).blocks).endswith("持")


def test_a_rotated_page_is_left_to_pdfminer():
    import pdfplumber

    def draw(c):
        c.setPageRotation(90)
        c.setFont("Helvetica", 12)
        c.drawString(72, 760, "Rotated 2023")

    data = _pdf(draw)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf_reader._pdfium_pages(pdf, data) is None


def test_characters_drawn_twice_count_once_in_their_order(monkeypatch):
    """A fake-bold heading (each glyph drawn twice, a hair apart) and a standard font: the
    PDFium path, and the dedupe that keeps pdfplumber's result without its quadratic sort."""
    import pdfplumber

    def draw(c):
        c.setFont("Helvetica", 12)
        for dx in (0, 0.3):
            c.drawString(72 + dx, 760, "Part 1 Overview")
        c.drawString(72, 700, "aa aa 2023 2023")

    data = _pdf(draw)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        expected = [(c["text"], c["x0"], c["top"]) for c in page.dedupe_chars().chars]
        assert [(c["text"], c["x0"], c["top"]) for c in pdf_reader._dedupe_chars(page).chars] == expected
        pages = pdf_reader._pdfium_pages(pdf, data)
        assert pages is not None
        got = [(c["text"], round(c["x0"], 2), round(c["top"], 2)) for c in pdf_reader._dedupe_chars(pages[0]).chars]
        assert got == [(t, round(x, 2), round(y, 2)) for t, x, y in expected]
    assert [b.text for b in _read(data, True, monkeypatch).blocks] == ["Part 1 Overview", "aa aa 2023 2023"]
