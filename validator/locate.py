"""Where a finding is, the way its reader looks for it: the document order of findings, the heading
path above each one and a short quote of the text it points at.

Text formats have line numbers, which editors jump to. A Word document has none: its user finds
a place by the heading it is under, by "第 12 段" or "表 2 第 4 行第 10 列", and by searching for a
few words of it. The readers give every block and cell a SourceSpan (paragraph, table, row, cell
numbers for .docx, pages for PDF); this module turns those into
`Location.heading` ("三、收到和处理政府信息公开申请情况 › （二）…") and `Location.snippet` (the
paragraph's first words, or the cell's text), and sorts a file's findings as the document runs.
Reporters never re-read the document: this runs in the check, on the Document the reader made.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from validator.document import Document, Heading, SourceSpan, Table

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from validator.findings import Finding

SNIPPET_CHARS = 24
_FIGURE = re.compile(r"^[\d\s.,，．%％+\-－]*$")
HEADING_CHARS = 24
# outline numbering -> rank, for headings without a style level ("一、" 1, "（一）" 2, "1." 3, "（1）" 4)
_RANKS = (
    (re.compile(r"^\s*第[一二三四五六七八九十]+部分"), 1),
    (re.compile(r"^\s*[一二三四五六七八九十]+\s*[、,，.．]"), 1),
    (re.compile(r"^\s*[(（]\s*[一二三四五六七八九十]+\s*[)）]"), 2),
    (re.compile(r"^\s*\d+\s*(?:[、，,]|[.．](?!\d))"), 3),
    (re.compile(r"^\s*[(（]\s*\d+\s*[)）]"), 4),
)


def _rank(h: Heading) -> int:
    if h.level is not None:
        return h.level
    for pattern, rank in _RANKS:
        if pattern.match(h.text):
            return rank
    return 9


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


class DocumentIndex:
    """Block positions of a document, for the spans the readers give."""

    def __init__(self, doc: Document, title: str | None = None):
        self.doc = doc
        self.title = title
        self.by_paragraph: dict[int, int] = {}
        self.by_table: dict[int, int] = {}
        self.by_line: list[tuple[int, int]] = []  # (first line, block index), in order
        self._paths: list[str] | None = None  # heading path at each block, made on first use
        self._line_max: list[int] | None = None  # running maximum of by_line's first lines
        for i, b in enumerate(doc.blocks):
            s = b.span
            if isinstance(b, Table):
                if s.table is not None:
                    self.by_table.setdefault(s.table, i)
            elif s.paragraph is not None:
                self.by_paragraph.setdefault(s.paragraph, i)
            if s.line is not None:
                self.by_line.append((s.line, i))

    def block_of(self, span: SourceSpan) -> int | None:
        if span.table is not None and span.table in self.by_table:
            return self.by_table[span.table]
        if span.paragraph is not None and span.paragraph in self.by_paragraph:
            return self.by_paragraph[span.paragraph]
        if span.line is not None and self.by_line:
            # the block before the first one that starts after the line (blocks in document order;
            # the running maximum keeps that meaning where a reader's lines go backwards): a search,
            # not a scan — a file of thousands of blocks and findings must not cost their product
            if self._line_max is None:
                self._line_max = list(accumulate((first for first, _ in self.by_line), max))
            cut = bisect_right(self._line_max, span.line)
            return self.by_line[cut - 1][1] if cut else None
        return None

    def order(self, span: SourceSpan) -> tuple:
        """Sort key: where the span is in the document (whole-document findings first)."""
        if span.line is not None:
            return (span.page or 0, span.line, span.col or 0, 0, 0)
        block = self.block_of(span)
        if block is None:
            return (span.page or 0, -1 if span.page is None else 0, 0, 0, 0)
        return (span.page or 0, block, span.row or 0, span.cell or 0, 0)

    def heading_path(self, block: int) -> str:
        """The headings above block `block`, outermost first: "三、收到和处理… › （二）…"."""
        if self._paths is None:
            self._paths = self._heading_paths()
        return self._paths[block]

    def _heading_paths(self) -> list[str]:
        """The heading path at every block, in one pass over the document."""
        paths: list[str] = []
        stack: list[tuple[int, str]] = []
        current = ""
        for b in self.doc.blocks:
            if isinstance(b, Heading) and not (
                    self.title and (b.text.strip() == self.title or self.title in b.text)):
                # (the report's title is above everything: it says nothing)
                rank = _rank(b)
                while stack and stack[-1][0] >= rank:
                    stack.pop()
                stack.append((rank, _clip(b.text, HEADING_CHARS)))
                current = " › ".join(text for _, text in stack)
            paths.append(current)
        return paths

    def snippet(self, span: SourceSpan, block: int) -> str | None:
        b = self.doc.blocks[block]
        if isinstance(b, Table):
            if span.row is None or span.cell is None:
                return None
            try:
                cell = b.rows[span.row - 1][span.cell - 1]
            except IndexError:
                return None
            text = _clip(cell.text, SNIPPET_CHARS)
            # a figure says nothing the row and column labels do not: quote only words
            return text if text and not _FIGURE.match(text) else None
        return _clip(b.text, SNIPPET_CHARS) or None


def locate(doc: Document, findings: list[Finding], title: str | None = None) -> list[Finding]:
    """Fill heading paths (and, where the format has no line numbers, snippets) and return the
    findings in document order (rule id breaks ties). `title`: the report's title, left out of
    heading paths."""
    index = DocumentIndex(doc, title)
    textual = doc.format in ("md", "txt")  # editors jump to their line numbers
    for f in findings:
        span = f.location.span
        block = index.block_of(span)
        if block is None:
            continue
        if f.location.heading is None:
            f.location.heading = index.heading_path(block) or None
        if not textual and f.location.snippet is None:
            f.location.snippet = index.snippet(span, block)
    return sorted(findings, key=lambda f: (index.order(f.location.span), f.rule))
