"""The prose of a document as one string, with a map back to source locations.

PDF and OCR text wraps inside sentences ("统计期限为 2025\n年 1 月 1 日"), and flattened web
pages put a whole report on one line. Rules that read prose (periods, figures, part
boundaries) search this stream; `span_at(offset)` turns a match back into line:col / page.
Tables are not part of the stream (each is a single "\n" placeholder) except where a reader
could not see them as tables (flattened pages), in which case their text is prose.
"""
from __future__ import annotations

import bisect

from validator.document import Document, SourceSpan, Table
from validator.normalize import is_wide_or_digit
from validator.records import field, record


@record
class TextStream:
    text: str = ""
    # parallel arrays: stream offset where a block's text starts, the block index, its span
    starts: list[int] = field(default_factory=list)
    block_index: list[int] = field(default_factory=list)
    spans: list[SourceSpan] = field(default_factory=list)

    def locate(self, offset: int) -> tuple[int, SourceSpan]:
        """(block index, span of the character at `offset`), column adjusted for text formats."""
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        if not self.spans:
            return -1, SourceSpan()
        span = self.spans[i]
        delta = offset - self.starts[i]
        if span.line is not None and span.col is not None:
            span = SourceSpan(line=span.line, col=span.col + delta, page=span.page)
        return self.block_index[i], span

    def span_at(self, offset: int) -> SourceSpan:
        return self.locate(offset)[1]

    def block_offset(self, block_idx: int) -> int | None:
        """Stream offset where block `block_idx` starts; None for a block with no text. A binary
        search (the blocks are in document order): part and heading searches ask for every block,
        and a linear search made that quadratic (10,000 short lines: 4 s)."""
        i = bisect.bisect_left(self.block_index, block_idx)
        if i < len(self.block_index) and self.block_index[i] == block_idx:
            return self.starts[i]
        return None


def build_stream(doc: Document) -> TextStream:
    stream = TextStream()
    pieces: list[str] = []
    pos = 0
    prev = ""
    for idx, block in enumerate(doc.blocks):
        if isinstance(block, Table):
            piece = "\n"
            stream.starts.append(pos)
            stream.block_index.append(idx)
            stream.spans.append(block.span)
            pieces.append(piece)
            pos += 1
            prev = piece
            continue
        text = block.text.strip()
        if not text:
            continue
        # Join wrapped lines: no separator between CJK/digits (PDF wraps mid-sentence);
        # a newline otherwise so that headings and sentences stay apart.
        if block.kind == "heading" or not prev or prev.endswith("\n"):
            sep = "" if prev.endswith("\n") or not prev else "\n"
        elif (is_wide_or_digit(prev[-1]) or prev[-1] == "%") and is_wide_or_digit(text[0]) and prev[-1] != "。":
            sep = ""
        else:
            sep = "\n"
        if block.kind == "heading":
            sep = "\n" if prev and not prev.endswith("\n") else ""
        pieces.append(sep)
        pos += len(sep)
        stream.starts.append(pos)
        stream.block_index.append(idx)
        stream.spans.append(block.span)
        pieces.append(text)
        pos += len(text)
        prev = text
        if block.kind == "heading":
            pieces.append("\n")
            pos += 1
            prev = "\n"
    stream.text = "".join(pieces)
    return stream
