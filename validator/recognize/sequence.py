"""Tables that arrive as a sequence of cells instead of a grid.

Web tables flattened by crawlers and search engines give one cell per line: "规章 |", "0 |",
a bare "|" for a blank cell (the text reader's source="cells" tables), or the same without the
bars, often with blank lines between cells and header labels wrapped over two lines ("本年制发"
/ "件数"; short paragraphs and numbered headings to the reader). No line says where a row
ends, but the template does: every row label, every column label and how many figures each
row holds. So the aligner reads the sequence as labels and figures:

* a run of up to three text items that together match a column label is a header cell, a row
  label starts a row, a caption (第二十条第（X）项) starts a part 二 block;
* everything after a row label up to the next label is that row's figures, damaged ones
  included ("减3", "--41", "未统计" in the first figure column): the template's column count,
  not the characters, decides what is a cell;
* the figures go to the columns in the template's order (a flattened two-row header lists
  自然人, 总计, 商业企业 … so its order is not the data's); a count that does not fit is not
  guessed: the row is kept, unreliable (INP004).
"""
from __future__ import annotations

import re

from validator.document import Heading, Paragraph, SourceSpan, Table
from validator.normalize import is_ideograph, is_number_shaped, label_key, parse_cell
from validator.records import field, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from validator.recognize.tables import Matcher

MAX_JOIN = 3  # a label wrapped over at most this many lines


@record
class Token:
    text: str
    span: SourceSpan
    block: int
    kind: str  # text | value | blank (an explicit empty cell) | numbers (several figures on one line)
    parts: list[str] = field(default_factory=list)


_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.、．]\s*")  # "2. 没有现成…": followed by an ideograph


def _is_item_label(text: str) -> bool:
    m = _ITEM_NUMBER.match(text)
    return m is not None and is_ideograph(text[m.end():m.end() + 1])


def cell_is_value(text: str) -> bool:
    """A figure, a blank mark, or a damaged figure ("3265件", "1 6", "--253", "减4") that
    TAB005 should see as an invalid cell rather than as part of the row label."""
    if parse_cell(text)["type"] != "invalid" or is_number_shaped(text):  # a figure too large is still a figure
        return True
    bare = re.sub(r"\s+", "", text)
    return bool(re.search(r"\d", bare)) and len(bare) <= 10 and not _is_item_label(text)


def _token(text: str, span: SourceSpan, block: int, explicit: bool = False) -> Token:
    if not text:
        return Token(text, span, block, "blank" if explicit else "text")
    return Token(text, span, block, "value" if cell_is_value(text) else "text")


def block_tokens(block, idx: int, fragment_max: int) -> list[Token] | None:
    """The items a block adds to a cell sequence, or None when it cannot be part of one."""
    if isinstance(block, Table):
        if block.source == "cells":
            return [_token(c.text, c.span, idx, explicit=True) for row in block.rows for c in row]
        if block.source == "layout" and all(row and all(parse_cell(c.text)["type"] in ("int", "decimal")
                                                        for c in row) for row in block.rows):
            out = []
            for row in block.rows:
                if len(row) == 1:
                    out.append(_token(row[0].text, row[0].span, idx))
                else:
                    out.append(Token(" ".join(c.text for c in row), row[0].span, idx, "numbers",
                                     [c.text for c in row]))
            return out
        return None
    if isinstance(block, Heading) and block.source not in ("numbered", "bold"):
        return None
    if not isinstance(block, (Heading, Paragraph)):
        return None
    text = block.text.strip()
    if not text or len(text) > fragment_max or text.endswith("。"):
        return None
    return [_token(text, block.span, idx)]


def is_cell_sequence(matcher: Matcher, tokens: list[Token]) -> bool:
    """A row label followed directly by a single figure or blank cell somewhere in the run: the
    mark of a table flattened cell by cell (a row label alone on a line followed by a line of
    several figures is the PDF-text layout the row walk already reads)."""
    for i, tok in enumerate(tokens[:-1]):
        if tok.kind != "text" or tokens[i + 1].kind not in ("value", "blank"):
            continue
        if len(label_key(tok.text)) < 2:
            continue
        match = matcher.best_row([tok.text], numeric_only=False, cheap_only=True)
        if match is not None and match.kind == "exact":
            return True
    return False


@record
class _OpenRow:
    match: object  # RowMatch
    labels: list[Token]
    values: list[Token] = field(default_factory=list)


class SequenceAligner:
    """Aligns one run of tokens to the template through the matcher's label tests and its
    record keeping (header, rows, captions), so a flattened table ends up in the same facts as
    a grid."""

    def __init__(self, matcher: Matcher, tokens: list[Token]):
        self.m = matcher
        self.tokens = tokens
        self.header: list[tuple] = []  # column matches of the header being read
        self.header_texts: list[str] = []
        self.header_span: SourceSpan | None = None
        self.row: _OpenRow | None = None
        self.loose: list[Token] = []  # figures after a header and before any row label (part 四)

    # ----------------------------------------------------------------- labels
    def _classify(self, text: str) -> tuple[str, object, float]:
        """(kind, payload, score): caption | noise | column | row | none."""
        m = self.m
        key = label_key(text)
        if not key:
            return "none", None, 0.0
        if m.is_caption(text):
            return "caption", None, 1.0
        if key in m.noise_keys:
            return "noise", None, 1.0
        col_score, cols = m.column_score(text)
        plain = m.strip_numbering(key) == key
        if cols and col_score >= 1.0 and plain:
            return "column", cols, col_score  # 总计 in a header is the column, not （七）总计
        row = m.best_row([text], numeric_only=False)
        if row is not None and (not cols or row.score >= col_score):
            return "row", row, row.score
        if cols:
            return "column", cols, col_score
        return "none", None, 0.0

    def _label_at(self, i: int) -> tuple[str, object, float, int]:
        """The best label starting at token i, joining up to MAX_JOIN wrapped text items."""
        best = ("none", None, 0.0, 1)
        text = ""
        for k in range(MAX_JOIN):
            if i + k >= len(self.tokens) or self.tokens[i + k].kind != "text":
                break
            text += self.tokens[i + k].text
            kind, payload, score = self._classify(text)
            if kind != "none" and score > best[2] + 1e-9:
                best = (kind, payload, score, k + 1)
        return best

    # ----------------------------------------------------------------- walk
    def run(self) -> None:
        i = 0
        while i < len(self.tokens):
            tok = self.tokens[i]
            if tok.kind != "text":
                self._figure(tok)
                i += 1
                continue
            kind, payload, _, used = self._label_at(i)
            joined = "".join(t.text for t in self.tokens[i:i + used])
            if kind == "none":
                self._unknown_text(tok)
            elif kind == "caption":
                self._close()
                self.m._caption(joined, tok.span)
            elif kind == "noise":
                self._close_row()
                self._header_noise(joined, tok.span)
            elif kind == "column":
                self._close_row()
                self._header_cell(payload, joined, tok.span)
            else:
                self._close()
                self.row = _OpenRow(payload, self.tokens[i:i + used])
            i += used
        self._close()

    def _figure(self, tok: Token) -> None:
        if self.row is not None:
            self.row.values.append(tok)
            return
        self._close_header()
        if tok.kind != "blank" or self.loose:
            self.loose.append(tok)

    def _unknown_text(self, tok: Token) -> None:
        if self.row is not None:
            # a word where a figure belongs ("未统计", "十四", "N/A"): the cell's raw value,
            # not part of the label, while the row still has columns to fill
            if len(self.row.values) < self.m.ncols(self.row.match):
                self.row.values.append(tok)
                return
            self._close_row()
        if self.header:
            self.header_texts.append(tok.text)  # an altered header label (科研企业)

    def _header_noise(self, text: str, span: SourceSpan) -> None:
        self._close_loose()
        self.header_texts.append(text)
        self.header_span = self.header_span or span
        self.m.spanning_context(text)

    def _header_cell(self, cols, text: str, span: SourceSpan) -> None:
        self._close_loose()
        self.header.extend((t, c, text, k) for t, c, _, k in cols)
        self.header_texts.append(text)
        self.header_span = self.header_span or span

    # ----------------------------------------------------------------- closing
    def _close(self) -> None:
        self._close_row()
        self._close_header()
        self._close_loose()

    def _close_header(self) -> None:
        if self.header:
            self.m.header_from_sequence(self.header, self.header_texts, self.header_span)
        self.header, self.header_texts, self.header_span = [], [], None

    def _close_row(self) -> None:
        row, self.row = self.row, None
        if row is None:
            return
        self._close_header()
        labels = [(t.text, t.span) for t in row.labels]
        self.m.place_sequence_row(row.match, labels, row.values)

    def _close_loose(self) -> None:
        loose, self.loose = self.loose, []
        if loose:
            self.m.place_unlabelled_figures(loose)
