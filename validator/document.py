"""The document model every reader produces and the recogniser consumes.

A Document is a flat, ordered list of blocks (headings, paragraphs, tables). Each block and
each table cell carries a SourceSpan so that a finding can point back into the file:
line/column for text formats, page for PDF, paragraph/table/row/cell index for .docx.

Readers know nothing about annual reports; they only say what the file looks like.
"""
from __future__ import annotations

from validator.errors import XxgkError
from validator.records import field, fields, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, Union


@record(frozen=True)
class SourceSpan:
    """Where something is in the source file. Every field is optional: a reader fills what it knows."""

    line: int | None = None  # 1-based
    col: int | None = None  # 1-based, in characters
    end_line: int | None = None
    end_col: int | None = None
    page: int | None = None  # PDF, 1-based
    paragraph: int | None = None  # .docx body paragraph number, 1-based
    table: int | None = None  # 1-based table number in the document
    row: int | None = None  # 1-based row inside that table
    cell: int | None = None  # 1-based cell inside that row

    def to_dict(self) -> dict[str, int]:
        # a plain loop: this runs for every cell
        return {k: getattr(self, k) for k in _SPAN_FIELDS if getattr(self, k) is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "SourceSpan":
        return cls(**(data or {}))

    def short(self) -> str:
        """Human form: 'line 12:3', 'page 4', 'table 2 row 3'."""
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}" + (f":{self.col}" if self.col else ""))
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if self.table is not None:
            parts.append(f"table {self.table}")
            if self.row is not None:
                parts.append(f"row {self.row}")
            if self.cell is not None:
                parts.append(f"cell {self.cell}")
        return " ".join(parts)


@record
class Heading:
    text: str
    span: SourceSpan
    level: int | None = None  # Markdown '#' count or docx Heading N; None for a numbered plain line
    source: str = "markdown"  # markdown | numbered | style | bold | html
    kind: str = "heading"
    # .docx: the text does not stand as typed in the paragraph's runs (it starts with Word's automatic
    # numbering, or is in a text box): --fix cannot rewrite it
    generated: bool = False


@record
class Paragraph:
    text: str
    span: SourceSpan
    kind: str = "paragraph"
    generated: bool = False  # as Heading.generated


@record
class Cell:
    text: str
    row: int  # 0-based logical row inside the table
    col: int  # 0-based grid column where the cell starts (best effort for ragged text tables)
    span: SourceSpan
    rowspan: int = 1
    colspan: int = 1


@record
class Table:
    """A table as the source presents it: rows of cells, possibly ragged.

    `rows[i]` lists the cells that start in row i, left to right. Text sources (tab-separated
    lines, flattened `|` lines, pdftotext layout) give ragged rows whose column positions are
    not reliable; `grid_reliable` says whether `Cell.col` can be trusted.
    """

    rows: list[list[Cell]]
    span: SourceSpan
    source: str = "pipe"  # pipe | tsv | bar | layout | html | docx | pdf
    grid_reliable: bool = False
    kind: str = "table"

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


_SPAN_FIELDS = fields(SourceSpan)

if TYPE_CHECKING:
    Block = Union[Heading, Paragraph, Table]


@record
class Document:
    path: str
    format: str  # md | txt | docx | html | pdf
    blocks: list[Block] = field(default_factory=list)
    # Text formats keep their decoded lines so that suppression comments, fixes and
    # line-based locations work without re-reading the file.
    lines: list[str] | None = None
    encoding: str | None = None
    # Reader-level metadata (HTML <title>, PDF page count, crawler header fields …)
    meta: dict[str, Any] = field(default_factory=dict)
    # What reading had to repair or cap, for the INP006/INP008 findings:
    # {"kind": "decoding", …} (validator/readers/text_reader.decode) and
    # {"kind": "limit", "limit", "asked", "cap", "count", "where"?} (validator/limits.note_limit)
    input_notes: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain value for `xxgk extract --stage document`."""
        out = []
        for b in self.blocks:
            d: dict[str, Any] = {"kind": b.kind, "span": b.span.to_dict()}
            if isinstance(b, Table):
                d["source"] = b.source
                d["rows"] = [
                    [
                        {"text": c.text, "col": c.col, **({"rowspan": c.rowspan} if c.rowspan > 1 else {}),
                         **({"colspan": c.colspan} if c.colspan > 1 else {})}
                        for c in row
                    ]
                    for row in b.rows
                ]
            else:
                d["text"] = b.text
                if isinstance(b, Heading):
                    d["level"] = b.level
                    d["source"] = b.source
            out.append(d)
        return {"path": self.path, "format": self.format, "encoding": self.encoding,
                "meta": self.meta, **({"input_notes": self.input_notes} if self.input_notes else {}),
                "blocks": out}


class InputError(XxgkError):
    """A file that cannot be read. Becomes an INP finding, never a traceback.

    `rule` is the INP rule id (INP001 unreadable, INP003 PDF text unusable); `hint` says
    what the user can do.
    """

    def __init__(self, message: str, *, rule: str = "INP001", hint: str = "", detail: str = "",
                 en: str = "", hint_en: str = ""):
        super().__init__(message)
        self.message = message
        self.rule = rule
        self.hint = hint
        self.detail = detail
        self.en = en  # the message in English, when the reader gives one (else the Chinese is shown)
        self.hint_en = hint_en
