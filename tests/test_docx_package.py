"""The .docx package is opened without python-docx: parts are found through the OPC
relationships, as Word finds them. These packages are built by hand, byte by byte."""
import io
import zipfile

import pytest

from validator.document import InputError
from validator.readers import read_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
</Types>"""


def _rels(*targets):
    rows = "".join(f'<Relationship Id="rId{i}" Type="{REL}/{t}" Target="{target}"/>'
                   for i, (t, target) in enumerate(targets, 1))
    return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rows}</Relationships>'


def _paragraph(style, text):
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _document(*paragraphs):
    body = "".join(_paragraph(style, text) for style, text in paragraphs)
    return f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def _package(files: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", TYPES)
        for name, text in files.items():
            z.writestr(name, text)
    return out.getvalue()


def _blocks(data: bytes):
    return [(b.kind, getattr(b, "level", None), b.text) for b in read_bytes("r.docx", data).blocks]


def test_main_part_found_through_the_package_relationships():
    data = _package({
        "_rels/.rels": _rels(("officeDocument", "content/main.xml")),
        "content/main.xml": _document(("Title1", "一、总体情况"), (None, "正文。")),
        "content/_rels/main.xml.rels": _rels(("styles", "look.xml")),
        "content/look.xml": f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Title1">'
                            '<w:name w:val="heading 1"/></w:style></w:styles>',
        "word/document.xml": _document((None, "a decoy that Word would not read")),
    })
    assert _blocks(data) == [("heading", 1, "一、总体情况"), ("paragraph", None, "正文。")]


def test_without_styles_part_a_heading_style_id_still_gives_the_level():
    data = _package({
        "_rels/.rels": _rels(("officeDocument", "/word/document.xml")),  # an absolute target
        "word/document.xml": _document(("Heading2", "（一）主动公开"), ("BodyText", "正文。")),
    })
    assert _blocks(data) == [("heading", 2, "（一）主动公开"), ("paragraph", None, "正文。")]


@pytest.mark.parametrize("files", [
    {"_rels/.rels": _rels(("officeDocument", "word/missing.xml"))},  # the main part is not there
    {"word/document.xml": f'<w:document xmlns:w="{W}"/>'},  # no body
    {"word/document.xml": "<w:document"},  # not XML
])
def test_broken_packages_are_input_errors(files):
    with pytest.raises(InputError, match="文件已损坏"):
        read_bytes("r.docx", _package(files))


def test_no_entity_expansion():
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "xxxxxxxxxx"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    try:
        blocks = _blocks(_package({"word/document.xml": bomb}))
    except InputError:
        return  # refusing the document is fine too
    assert "xxxxxxxxxx" not in "".join(text for _, _, text in blocks)
