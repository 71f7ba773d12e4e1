"""`xxgk check --fix` on Word documents (.docx): rewrite the runs that hold a fix's text.

A .docx fix is `{"paragraph": N, "text": T, "old": O, "new": W}`: in body paragraph N (numbered as
validator/readers/docx_reader.py numbers them, tables not counted) the line that reads T starts with
the outline number O, to be written W ("(五)" → "（五）"). Only the characters of O change; every run
keeps its properties (font, size, bold, colour …), every other part of the package is copied byte
for byte. Safety, in the order it is checked:

- the paragraph is found again and its own runs (not Word's automatic numbering, not a text box)
  still read T, and their first characters are O's outline number; otherwise the file changed
  since it was checked, or the text is not in the runs, and the fix is refused;
- O and W hold the same numerals, and the characters to change are all in w:t text (never a
  tab, a symbol or a field);
- the edited package is read again with the reader: every block and every table cell is the same
  as before except the fixed lines, which read exactly T with O replaced by W; the figures of
  the whole document are unchanged;
- the result is written like a text fix, through validator/safe_write.replace_file (atomic, no
  symbolic link followed, refused if the file changed meanwhile), the original kept as NAME.bak
  unless --no-backup.

Where a character of O is in one run and the rest in others, each character stays in its run
when O and W have the same length ("(五)" → "（五）"); otherwise W goes into the run of O's first
character and the others lose theirs.
"""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from validator.findings import Finding

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

    from validator.fix import FilePlan

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _body_paragraphs(body) -> list:
    """The body's w:p elements in the reader's paragraph numbering (tables are not counted)."""
    from validator.readers.docx_reader import W_P, _content_children  # noqa: PLC0415

    return [child for child in _content_children(body) if child.tag == W_P]


def _segments(p) -> list[tuple[Any, str]]:
    """(element, text) for the visible text of a paragraph's own runs, as the reader reads it;
    the element is a w:t for text that can be rewritten, None for a tab, break or symbol."""
    from validator.readers.docx_reader import visible_text  # noqa: PLC0415

    out: list[tuple[Any, str]] = []
    visible_text(p, out, with_elements=True)
    return out


def _block_texts(data: bytes) -> list[tuple[str, Any]]:
    """(kind, text or cell texts) of every block the reader makes of `data`: what must not change."""
    from validator.document import Table  # noqa: PLC0415
    from validator.readers.docx_reader import read  # noqa: PLC0415

    out: list[tuple[str, Any]] = []
    for b in read("fix.docx", data).blocks:
        if isinstance(b, Table):
            out.append(("table", tuple(tuple((c.text, c.row, c.col, c.rowspan, c.colspan) for c in row)
                                       for row in b.rows)))
        else:
            out.append((b.kind, (b.span.paragraph, b.text)))
    return out


def _edit(p, fix: dict) -> str:
    """Rewrite the outline number of the fix's line in paragraph `p`; the line's new text (as the
    reader will read it). FixError when the paragraph no longer holds what was checked."""
    from validator.engine.checks.fmt import numbering_fix  # noqa: PLC0415
    from validator.fix import FixError, figures  # noqa: PLC0415
    from validator.readers.textutil import clean_text  # noqa: PLC0415

    segments = _segments(p)
    owner: list[int] = []  # segment index of every character
    for i, (_, text) in enumerate(segments):
        owner.extend([i] * len(text))
    raw = "".join(text for _, text in segments)
    start = 0
    for line in raw.split("\n"):
        if clean_text(line) == fix["text"]:
            break
        start += len(line) + 1
    else:
        raise FixError("changed")  # generated text (Word's numbering, a text box) is never offered a fix
    found = numbering_fix(line)
    if found is None or found[2] != fix["new"]:
        raise FixError("changed")
    col, old, new = found
    if figures(old) != figures(new):
        raise FixError("figure")
    first = start + col
    chars = range(first, first + len(old))
    if any(segments[owner[k]][0] is None for k in chars):
        raise FixError("not-in-runs")  # a tab or symbol inside the number: leave it to Word
    # per w:t: its new text, built from the characters kept and replaced
    offsets: dict[int, int] = {}
    pos = 0
    for i, (_, text) in enumerate(segments):
        offsets[i] = pos
        pos += len(text)
    replacement: dict[int, str] = {}  # character index -> its new text ("" removes it)
    if len(old) == len(new):
        for k, ch in zip(chars, new):
            replacement[k] = ch
    else:
        replacement = {k: "" for k in chars}
        replacement[first] = new
    for i in sorted({owner[k] for k in chars}):
        element, text = segments[i]
        base = offsets[i]
        element.text = "".join(replacement.get(base + j, ch) for j, ch in enumerate(text))
        if element.text != element.text.strip():
            element.set(_XML_SPACE, "preserve")
    return clean_text(line[:col] + new + line[col + len(old):])


def plan_docx(path: str, findings: list[Finding]) -> FilePlan:
    """Read the .docx again and work out its fixed bytes (nothing is written). FixError (with a
    reason code, an i18n key fix.why.CODE) when the file as a whole cannot be fixed;
    findings whose fix no longer applies go to `plan.refused`."""
    from lxml import etree  # noqa: PLC0415

    from validator.fix import FilePlan, FixError  # noqa: PLC0415
    from validator.readers.docx_reader import _w, main_part_name  # noqa: PLC0415

    target = Path(os.path.realpath(path))
    try:
        before = target.read_bytes()
        with zipfile.ZipFile(io.BytesIO(before)) as package:
            main = main_part_name(package)
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
            tree = etree.ElementTree(etree.fromstring(package.read(main), parser))
        blocks_before = _block_texts(before)
    except FixError:
        raise
    except Exception as exc:  # noqa: BLE001 - OSError, BadZipFile, KeyError, lxml errors, InputError: never written
        raise FixError("unreadable", detail=getattr(exc, "message", None) or str(exc)) from None
    body = tree.getroot().find(_w("body"))
    paragraphs = _body_paragraphs(body) if body is not None else []
    text_before = "\n".join(_plain(blocks_before))
    plan = FilePlan(path=path, target=target, before=before, after=before, text_before=text_before,
                    text_after=text_before)
    expected: dict[int, list[tuple[str, str]]] = {}  # paragraph -> [(text before, text after)]
    done: set[tuple] = set()
    for f in findings:
        fix = f.fix or {}
        key = (fix.get("paragraph"), fix.get("text"), fix.get("old"), fix.get("new"))
        if key in done:  # the same fix from two findings is one edit
            plan.applied.append(f)
            continue
        try:
            n = int(fix["paragraph"])
            if not 1 <= n <= len(paragraphs):
                raise FixError("changed")
            after_text = _edit(paragraphs[n - 1], fix)
        except FixError as exc:
            plan.refused.append((f, exc))
            continue
        except (KeyError, TypeError, ValueError):
            plan.refused.append((f, FixError("malformed")))
            continue
        done.add(key)
        expected.setdefault(n, []).append((fix["text"], after_text))
        plan.applied.append(f)
    if not plan.applied:
        return plan
    standalone = tree.docinfo.standalone
    document = etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                              standalone=standalone if standalone is not None else None)
    after = _repack(before, main, document)
    # read back: only the fixed lines differ, and no figure anywhere
    want = []
    for kind, value in blocks_before:
        if kind != "table" and value[0] in expected:
            for old_text, new_text in expected[value[0]]:
                if value[1] == old_text:
                    value = (value[0], new_text)
                    break
        want.append((kind, value))
    try:
        blocks_after = _block_texts(after)
    except Exception:  # noqa: BLE001 - whatever the reader says, this package is not written
        raise FixError("readback") from None
    if blocks_after != want:
        raise FixError("readback")
    if figures_of(blocks_after) != figures_of(blocks_before):
        raise FixError("figure")
    plan.after = after
    plan.text_after = "\n".join(_plain(blocks_after))
    return plan


def figures_of(blocks: list[tuple[str, Any]]) -> list[str]:
    from validator.fix import numbers  # noqa: PLC0415

    return numbers("\n".join(_plain(blocks)))


def _plain(blocks: list[tuple[str, Any]]) -> list[str]:
    """One line per paragraph and per table row (cells joined by tabs): for diffs and figure counts."""
    lines: list[str] = []
    for kind, value in blocks:
        if kind == "table":
            lines.extend("\t".join(c[0] for c in row) for row in value)
        else:
            lines.append(value[1])
    return lines


def _repack(before: bytes, main: str, document: bytes) -> bytes:
    """The package with its main document part replaced; every other entry copied as it was
    (same order, names, dates, compression)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(before)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, document if info.filename == main else src.read(info))
    return out.getvalue()
