"""A PDF's pages as pdfplumber pages, parsed by PDFium (pypdfium2) instead of pdfminer.six.

pdfplumber interprets every content stream with pdfminer.six, in Python: ~0.3–1 s of CPU for a
four- to six-page report, nearly all of a PDF check (see BENCHMARKS.md). PDFium does the same
parsing in C++ in a tenth of that. This module builds, from PDFium's characters and path
objects, the very object dictionaries pdfplumber would have built (``char``, ``line``,
``rect``, ``curve``, ``image``) and hands them to a pdfplumber ``Page`` that never runs
pdfminer: pdfplumber's own table finder, text lines and filters then work on them unchanged,
and so does everything validator/readers/pdf_reader.py does with them.

What is reproduced as pdfminer/pdfplumber compute it (so a table or a line is read the same):

* a character's box: x0/x1 are PDFium's loose box (the advance, as pdfminer's); the vertical
  box is pdfminer's — ``size`` (the font size through the text matrix) tall, from the baseline
  plus the font's descent; ``upright`` from the matrix; ``fontname`` the font's base name;
* paths: split into subpaths at each move; "ml"/"mlh" is a line, a closed axis-aligned
  "mlllh"/"mllll" a rect, anything else a curve whose points include Bézier control points;
  a path that is neither stroked nor filled is not drawn and not kept (pdfminer never sees it);
* coordinates: top = page height − y (pdfplumber's top-left origin).

`pages()` returns None when PDFium is not installed or the document is one this module does
not reproduce faithfully (a rotated page; a page box that does not start at the origin); the
caller then reads it with pdfplumber as before.
"""
from __future__ import annotations

import ctypes
import re
from functools import lru_cache

_SUBPATH = re.compile(r"m[^m]+")


def available() -> bool:
    try:
        import pypdfium2  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


class _PdfStub:
    """What pdfplumber's Page asks of its PDF once the objects exist."""

    unicode_norm = None
    laparams = None


def _page_class():
    from pdfplumber.page import Page  # noqa: PLC0415

    class PdfiumPage(Page):
        """A pdfplumber Page whose objects come from PDFium (pdfminer never runs)."""

        def __init__(self, page_number: int, width: float, height: float, doctop: float, objects: dict):
            self.pdf = _PdfStub()  # type: ignore[assignment, unused-ignore]  # what pdfplumber's Page reads of its PDF
            self.root_page = self
            self.page_obj = None  # type: ignore[assignment, unused-ignore]  # no pdfminer page: PDFium gave the objects
            self.page_number = page_number
            self.initial_doctop = doctop
            self.rotation = 0
            self.mediabox = self.cropbox = self.bbox = (0, 0, width, height)
            self._objects = objects
            self.get_textmap = lru_cache()(self._get_textmap)

        def close(self) -> None:
            self.get_textmap.cache_clear()

    return PdfiumPage


class Unsupported(Exception):
    """The document has something this module does not reproduce: read it with pdfplumber."""


def pages(data: bytes, fonts: dict[str, tuple[float, bool]] | None = None):
    """(pdfium document, [pdfplumber-compatible pages]) or raises Unsupported / the PDFium
    error for a broken or encrypted file (pypdfium2.PdfiumError). `fonts`: base font name
    (no subset prefix) -> (descent per unit of font size, vertical writing) as the font's
    dictionaries declare them (`font_metrics`); a font not named there gets PDFium's descent."""
    import pypdfium2 as pdfium  # noqa: PLC0415
    import pypdfium2.raw as raw  # noqa: PLC0415

    Page = _page_class()
    doc = pdfium.PdfDocument(data)
    out = []
    doctop = 0.0
    try:
        for index in range(len(doc)):
            page = doc[index]
            try:
                if raw.FPDFPage_GetRotation(page) % 4:
                    raise Unsupported("rotated page")
                left, bottom, right, top = page.get_mediabox()
                if left or bottom:
                    raise Unsupported("page box not at the origin")
                width, height = right - left, top - bottom
                objects = {"char": _chars(raw, page, index + 1, height, doctop, fonts or {})}
                paths, images = _paths(raw, page, index + 1, height, doctop)
                objects.update(paths)
                objects["image"] = images
                out.append(Page(index + 1, width, height, doctop, objects))
                doctop += height
            finally:
                page.close()
    except BaseException:
        doc.close()
        raise
    return doc, out


# --------------------------------------------------------------------------- characters

def _chars(raw, page, page_number: int, height: float, doctop: float,
           known: dict[str, tuple[float, bool]]) -> list[dict]:
    tp = page.get_textpage()
    try:
        n = raw.FPDFText_CountChars(tp)
        x, y = ctypes.c_double(), ctypes.c_double()
        rect = raw.FS_RECTF()
        m = raw.FS_MATRIX()
        objects: dict[int, tuple] = {}  # text object -> what its characters share
        chars = []
        for i in range(n):
            if raw.FPDFText_IsGenerated(tp, i):
                continue  # spaces and line breaks PDFium adds between text objects
            code = raw.FPDFText_GetUnicode(tp, i)
            if raw.FPDFText_HasUnicodeMapError(tp, i) or code in (0, 0xFFFE, 0xFFFF):
                text = "(cid:%d)" % code  # no Unicode for this glyph: what pdfminer says
            else:
                try:
                    text = chr(code)
                except ValueError:
                    text = "\ufffd"
            if not raw.FPDFText_GetLooseCharBox(tp, i, rect):
                continue
            raw.FPDFText_GetCharOrigin(tp, i, x, y)
            obj = raw.FPDFText_GetTextObject(tp, i)
            key = ctypes.cast(obj, ctypes.c_void_p).value or 0
            shared = objects.get(key)
            if shared is None:
                font = raw.FPDFTextObj_GetFont(obj)
                name, descent, may_be_vertical = _font_info(raw, font, known)
                fontsize = _font_size(raw, obj)
                raw.FPDFText_GetMatrix(tp, i, m)
                a, b, c, d = m.a, m.b, m.c, m.d
                # pdfminer's size: the font size through the matrix (the box's height)
                size = fontsize * abs(d) if abs(d) >= abs(b) else fontsize * abs(b)
                shared = objects[key] = (name, descent, may_be_vertical, fontsize, size, a * d > 0 and b * c <= 0)
            name, descent, may_be_vertical, fontsize, size, upright = shared
            # a font of this name writes vertically, and this glyph's loose box is PDFium's
            # vertical one (a square of the unscaled font size at the origin)
            vertical = may_be_vertical and rect.left == x.value and abs(rect.right - rect.left - fontsize) < 0.01 \
                and abs(rect.top - rect.bottom - fontsize) < 0.01
            if vertical:  # pdfminer: a size-wide box from the origin PDFium places where pdfminer does
                x0, x1, y0 = x.value, x.value + size, y.value
            else:
                x0, x1, y0 = rect.left, rect.right, y.value + descent * size
            y1 = y0 + size
            top = height - y1
            chars.append({"text": text, "fontname": name, "size": size, "upright": upright,
                          "x0": x0, "x1": x1, "y0": y0, "y1": y1, "width": x1 - x0, "height": size,
                          "top": top, "bottom": height - y0, "doctop": doctop + top,
                          "object_type": "char", "page_number": page_number})
        return chars
    finally:
        tp.close()


def _font_size(raw, obj) -> float:
    size = ctypes.c_float()
    if raw.FPDFTextObj_GetFontSize(obj, size):
        return float(size.value)
    return 0.0


def font_metrics(pdfminer_doc, max_depth: int = 3) -> dict[str, tuple[float, bool]]:
    """Base font name -> (the /Descent of its font descriptor / 1000, as pdfminer reads it: 0 when
    the descriptor has none — LibreOffice writes 0 —, made negative when written positive;
    whether a font of that name writes vertically, an Identity-V / *-V encoding), from the fonts of every page's
    resources and of the form XObjects in them. Only pdfminer's object layer is used (no content
    stream is interpreted). Raises Unsupported for a Type3 font or a font that is not embedded
    (other than the standard ones), which PDFium would measure differently."""
    from pdfminer.fontmetrics import FONT_METRICS  # noqa: PLC0415
    from pdfminer.pdfpage import PDFPage  # noqa: PLC0415
    from pdfminer.pdftypes import resolve1  # noqa: PLC0415

    out: dict[str, tuple[float, bool]] = {}

    def name_of(value) -> str:
        name = getattr(value, "name", value)
        if isinstance(name, bytes):
            name = name.decode("utf-8", "replace")
        return _base_name(str(name))

    def font(spec) -> None:
        spec = resolve1(spec)
        if not isinstance(spec, dict) or spec.get("BaseFont") is None:
            return
        subtype = name_of(resolve1(spec.get("Subtype")))
        if subtype == "Type3":  # glyphs drawn by procedures: pdfminer boxes them its own way
            raise Unsupported("Type3 font")
        full = resolve1(spec["BaseFont"])
        full = getattr(full, "name", full)
        full = full.decode("utf-8", "replace") if isinstance(full, bytes) else str(full)
        descriptor = resolve1(spec.get("FontDescriptor"))
        if descriptor is None and spec.get("DescendantFonts"):
            kids = resolve1(spec["DescendantFonts"])
            if isinstance(kids, list) and kids:
                descriptor = resolve1(resolve1(kids[0]).get("FontDescriptor"))
        if subtype in ("Type1", "MMType1", "TrueType") and full in FONT_METRICS:
            value = FONT_METRICS[full][0].get("Descent", 0)  # pdfminer takes a standard font's metrics
        else:
            if not isinstance(descriptor, dict) or not any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3")):
                # not embedded: PDFium substitutes a system font and its widths, pdfminer the PDF's
                raise Unsupported(f"font {full} not embedded")
            value = resolve1(descriptor.get("Descent", 0))
        descent = float(value) if isinstance(value, (int, float)) else 0.0
        encoding = resolve1(spec.get("Encoding"))
        vertical = encoding is not None and name_of(encoding).endswith("-V")
        name = _base_name(full)
        known = out.get(name)
        # one name can stand for a horizontal and a vertical font (WPS: 宋体 Identity-H and -V)
        out[name] = (known[0] if known else -abs(descent) / 1000.0, vertical or bool(known and known[1]))

    def resources(res, depth: int) -> None:
        res = resolve1(res)
        if not isinstance(res, dict) or depth > max_depth:
            return
        fonts = resolve1(res.get("Font"))
        if isinstance(fonts, dict):
            for spec in fonts.values():
                font(spec)
        xobjects = resolve1(res.get("XObject"))
        if isinstance(xobjects, dict):
            for x in xobjects.values():
                x = resolve1(x)
                attrs = getattr(x, "attrs", None)
                if isinstance(attrs, dict) and name_of(resolve1(attrs.get("Subtype"))) == "Form":
                    resources(attrs.get("Resources"), depth + 1)

    for page in PDFPage.create_pages(pdfminer_doc):
        resources(page.resources, 0)
    return out


def _base_name(name: str) -> str:
    """A font name without its subset tag ("LNUHNF+宋体" -> "宋体")."""
    return name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name


def _font_info(raw, font, known: dict[str, tuple[float, bool]]) -> tuple[str, float, bool]:
    """(base font name, descent per unit of font size — negative below the baseline —, vertical
    writing) as pdfminer takes them from the font's dictionaries (`font_metrics`), else the
    descent as PDFium computes it, horizontal."""
    buf = ctypes.create_string_buffer(256)
    n = raw.FPDFFont_GetBaseFontName(font, buf, 256)
    name = _base_name(buf.raw[:max(0, n - 1)].decode("utf-8", "replace")) if n else ""
    if name in known:
        return (name, *known[name])
    descent = ctypes.c_float()
    if not raw.FPDFFont_GetDescent(font, 1.0, descent):
        return name, 0.0, False
    return name, float(descent.value), False


# --------------------------------------------------------------------------- paths and images

def _walk(raw, page):
    """(object, matrix to page space) for every page object, into form XObjects."""
    count = raw.FPDFPage_CountObjects(page)
    for i in range(count):
        obj = raw.FPDFPage_GetObject(page, i)
        yield from _walk_obj(raw, obj, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))


def _mul(m, n):
    """m then n (PDF row-vector convention: [x y 1] · m · n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _walk_obj(raw, obj, outer):
    kind = raw.FPDFPageObj_GetType(obj)
    if kind == raw.FPDF_PAGEOBJ_FORM:
        m = raw.FS_MATRIX()
        own = (m.a, m.b, m.c, m.d, m.e, m.f) if raw.FPDFPageObj_GetMatrix(obj, m) else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        inner = _mul(own, outer)
        for i in range(raw.FPDFFormObj_CountObjects(obj)):
            yield from _walk_obj(raw, raw.FPDFFormObj_GetObject(obj, i), inner)
    else:
        yield kind, obj, outer


def _paths(raw, page, page_number: int, height: float, doctop: float) -> tuple[dict, list]:
    out: dict[str, list] = {"line": [], "rect": [], "curve": []}
    images: list[dict] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    m = raw.FS_MATRIX()
    for kind, obj, outer in _walk(raw, page):
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            images.append({"object_type": "image", "page_number": page_number})
            continue
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPath_GetDrawMode(obj, fill, stroke):
            continue
        if not fill.value and not stroke.value:
            continue  # a clipping path: not painted
        own = (m.a, m.b, m.c, m.d, m.e, m.f) if raw.FPDFPageObj_GetMatrix(obj, m) else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        a, b, c, d, e, f = _mul(own, outer)
        ops: list[tuple] = []  # (op, points…) like pdfminer's path: m/l/c with page points, h
        bezier: list[tuple[float, float]] = []
        for k in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, k)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            t = raw.FPDFPathSegment_GetType(seg)
            if t == raw.FPDF_SEGMENT_MOVETO:
                ops.append(("m", pt))
            elif t == raw.FPDF_SEGMENT_LINETO:
                ops.append(("l", pt))
            elif t == raw.FPDF_SEGMENT_BEZIERTO:
                bezier.append(pt)
                if len(bezier) == 3:
                    ops.append(("c", *bezier))
                    bezier = []
            if raw.FPDFPathSegment_GetClose(seg) and (t != raw.FPDF_SEGMENT_BEZIERTO or not bezier):
                ops.append(("h",))
        shape = "".join(op[0] for op in ops)
        if not shape.startswith("m"):
            continue
        for sub in _SUBPATH.finditer(shape):
            _paint(ops[sub.start():sub.end()], bool(stroke.value), bool(fill.value), out, page_number, height, doctop)
    return out, images


def _paint(path: list[tuple], stroke: bool, fill: bool, out: dict, page_number: int, height: float,
           doctop: float) -> None:
    """pdfminer's PDFLayoutAnalyzer.paint_path for one subpath, then pdfplumber's dict."""
    shape = "".join(op[0] for op in path)
    pts = [op[-1] if op[0] != "h" else path[0][-1] for op in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        kind, box_pts = "line", pts[:2]
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if closed and square:
            kind, box_pts = "rect", [pts[0], pts[2]]
        else:
            kind, box_pts = "curve", pts
    else:
        kind, box_pts = "curve", pts
    xs = [p[0] for p in box_pts]
    ys = [p[1] for p in box_pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top = height - y1
    obj = {"object_type": kind, "page_number": page_number, "x0": x0, "x1": x1, "y0": y0, "y1": y1,
           "width": x1 - x0, "height": y1 - y0, "top": top, "bottom": height - y0, "doctop": doctop + top,
           "stroke": stroke, "fill": fill}
    if kind == "line":
        obj["pts"] = [(p[0], height - p[1]) for p in box_pts]
    elif kind == "curve":
        obj["pts"] = [(p[0], height - p[1]) for p in pts]
    out[kind].append(obj)
