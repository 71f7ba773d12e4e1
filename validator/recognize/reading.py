"""The document as recognition reads it: simplified script, pinyin glosses removed.

Pages mirrored in traditional characters ("政府信息公開工作年度報(bào)告") must be recognised
like the simplified original, but findings quote the text as written and point at it. A
`Reading` holds both: a copy of the document whose headings and paragraphs are in reading
form (tables keep their cells: the table matcher compares labels through `key`), its text
stream, and the way back from a reading-stream offset to the original stream.

For a simplified document without glosses (nearly all), the reading *is* the document: no
copy, no OpenCC import, `to_original` is the identity.

Rules read prose through `Reading.rule_stream()`: the reading text (so that a traditional mirror is
read like the simplified original), with locations in the original file. Prose a rule quotes from a
mirror is therefore in its reading form (simplified, glosses removed); headings, the title and the
agency are quoted as written.
"""
from __future__ import annotations

import bisect

from validator.document import Document, Heading, Paragraph, Table
from validator.normalize import label_key, needs_reading_form, reading_form, reading_key
from validator.recognize.textstream import TextStream, build_stream
from validator.records import field, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Callable


@record
class Reading:
    doc: Document  # the reading form (the original document itself when nothing changes)
    stream: TextStream  # built from `doc`
    original: Document
    original_stream: TextStream
    key: Callable[[str], str] = label_key  # how labels are compared in this document
    # block index -> reading char index -> original char index (blocks whose text changed)
    origins: dict[int, list[int]] = field(default_factory=dict)

    @property
    def converted(self) -> bool:
        return self.doc is not self.original

    def original_text(self, block_idx: int) -> str:
        """The block's text as written."""
        return self.original.blocks[block_idx].text

    def to_original(self, offset: int) -> int:
        """Offset in `stream` -> offset in `original_stream` of the same character."""
        if not self.converted:
            return offset
        starts = self.stream.starts
        if not starts:
            return offset
        k = max(0, bisect.bisect_right(starts, offset) - 1)
        block_idx = self.stream.block_index[k]
        origin = self.origins.get(block_idx)
        o_start = self.original_stream.block_offset(block_idx)
        if o_start is None:
            return offset
        delta = offset - starts[k]
        if origin is None:
            return o_start + delta
        reading_text = self.doc.blocks[block_idx].text
        original_text = self.original.blocks[block_idx].text
        r_lead = len(reading_text) - len(reading_text.lstrip())
        o_lead = len(original_text) - len(original_text.lstrip())
        i = delta + r_lead
        if i < len(origin):
            return o_start + origin[i] - o_lead
        # past the block's text (a separator): keep the distance from its end
        return o_start + len(original_text.strip()) + (i - len(reading_text.rstrip()))

    def relocate(self, value) -> None:
        """Rewrite, in place, every {"line", "col"} location inside `value` (dicts and lists, as the
        table matcher records them) that points into a converted one-line block: its column was
        counted in the reading form, the original has the glosses too."""
        if not self.origins:
            return
        lines = getattr(self, "_lines", None)
        if lines is None:
            lines = {}
            for idx, origin in self.origins.items():
                block = self.original.blocks[idx]
                if block.span.line is not None and block.span.col is not None and "\n" not in block.text:
                    lines[block.span.line] = (block.span.col, origin)
            object.__setattr__(self, "_lines", lines)
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                hit = lines.get(item.get("line")) if "col" in item else None
                if hit is not None and isinstance(item.get("col"), int):
                    col0, origin = hit
                    delta = item["col"] - col0
                    if 0 <= delta < len(origin):
                        item["col"] = col0 + origin[delta]
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
            elif isinstance(item, list):
                stack.extend(v for v in item if isinstance(v, (dict, list)))

    def rule_stream(self):
        """The stream rules read: the reading text, located in the original (TextStream's interface)."""
        return self.stream if not self.converted else LocatedStream(self)

    def original_slice(self, start: int, end: int) -> str:
        """The original text of the reading-stream range [start, end)."""
        return self.original_stream.text[self.to_original(start): self.to_original(end - 1) + 1] if end > start else ""


class LocatedStream:
    """The reading stream of a converted document whose `locate`/`span_at` give the original
    file's positions (the interface of TextStream)."""

    __slots__ = ("_reading", "text", "starts", "block_index", "spans")

    def __init__(self, reading: Reading):
        self._reading = reading
        self.text = reading.stream.text
        self.starts = reading.stream.starts
        self.block_index = reading.stream.block_index
        self.spans = reading.stream.spans

    def locate(self, offset: int):
        return self._reading.original_stream.locate(self._reading.to_original(offset))

    def span_at(self, offset: int):
        return self.locate(offset)[1]

    def block_offset(self, block_idx: int) -> int | None:
        return self._reading.stream.block_offset(block_idx)


def reading_of(doc: Document, stream: TextStream) -> Reading:
    """The reading form of `doc` (`stream` is its text stream)."""
    if not needs_reading_form(stream.text + "".join(c.text for b in doc.blocks if isinstance(b, Table)
                                                    for row in b.rows[:12] for c in row)):
        return Reading(doc=doc, stream=stream, original=doc, original_stream=stream)
    blocks = []
    origins: dict[int, list[int]] = {}
    for idx, block in enumerate(doc.blocks):
        if isinstance(block, (Heading, Paragraph)):
            text, origin = reading_form(block.text)
            if text != block.text:
                origins[idx] = origin
                block = (Heading(text=text, span=block.span, level=block.level, source=block.source)
                         if isinstance(block, Heading) else Paragraph(text=text, span=block.span))
        blocks.append(block)
    view = Document(path=doc.path, format=doc.format, blocks=blocks, lines=doc.lines, encoding=doc.encoding,
                    meta=doc.meta)
    return Reading(doc=view, stream=build_stream(view), original=doc, original_stream=stream, key=reading_key,
                   origins=origins)
