"""Limits on what one input may ask of xxgk, checked before the work they would cost.

A report is a few MB of text and a few tables of ~40 rows; a hostile or broken file can ask for
far more with a few bytes: a numbering that starts at 999999999999, a cell spanning 50 million
columns, a 1 MB zip that inflates to 2 GB, a 4,301-digit "figure". Every such request is capped
here — at values no real report comes near — and a capped document still gets checked, with an
INP006 finding that names the limit (or, when nothing sensible can be read, INP001 naming it).

The defaults are documented in the README ("限制 / Limits"); `TIME_BUDGET` can be changed with
`xxgk check --timeout SECONDS`.
"""
from __future__ import annotations

import os

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

MB = 1024 * 1024

# ---- files
MAX_FILE_BYTES = 50 * MB  # a file larger than this is not read (INP001)
MAX_DOCX_PART_BYTES = 64 * MB  # one decompressed part (document.xml, styles, numbering) of a .docx (INP001)
MAX_XML_MARKUP = 4_000_000  # '<' in one .docx part: elements before parsing (INP001); a long report has ~200k
MAX_PDF_STREAM_BYTES = 64 * MB  # one decompressed PDF stream (INP001)
MAX_PDF_PAGES = 1000  # pages of a PDF read; later pages are left out (INP006)

# ---- what a document may ask for (capped, INP006)
MAX_NUMBERING_VALUE = 32767  # an automatic list number (Word's own maximum for w:start)
MAX_SPAN = 1000  # colspan / gridSpan of one cell (the HTML standard's own limit)
MAX_ROWSPAN = 65534  # rowspan of one cell (the HTML standard's limit; also capped at the table's rows)
MAX_TABLE_COLUMNS = 1000  # grid columns of one table
MAX_TABLE_ROWS = 20_000  # rows of one table
MAX_TABLE_CELLS = 200_000  # cells of one table
MAX_BLOCKS = 200_000  # headings + paragraphs + tables of one document
MAX_TABLES = 1000  # tables of one document (a report has a few to a few dozen); later tables are not read
MAX_TEXT_CHARS = 20_000_000  # characters of one document's text
MAX_LINE_CHARS = 100_000  # characters of one line / paragraph / cell that are read; the rest is cut
MAX_NUMBER_DIGITS = 15  # digits of a table figure (beyond float precision, and no count is that large)

# ---- rules and configuration (exit 2)
MAX_YAML_NODES = 100_000  # values in one rule file, aliases expanded (a "billion laughs" file has 10^9)

# ---- time
TIME_BUDGET = 60.0  # seconds to check one file (--timeout); a normal report takes well under one
WORKER_GRACE = 5.0  # a worker still busy this long after its budget is killed and replaced

LIMIT_NAMES = {
    # key -> (zh, en) what the limit is about, for INP006 messages
    "numbering": ("自动编号的数值", "automatic list number"),
    "span": ("单元格跨列数（colspan/gridSpan）", "cell column span (colspan/gridSpan)"),
    "rowspan": ("单元格跨行数（rowspan）", "cell row span (rowspan)"),
    "columns": ("表格列数", "table columns"),
    "rows": ("表格行数", "table rows"),
    "cells": ("表格单元格数", "table cells"),
    "blocks": ("段落、标题和表格总数", "paragraphs, headings and tables"),
    "tables": ("表格个数", "tables"),
    "text": ("文档总字符数", "characters of text"),
    "line": ("单行（段落、单元格）字符数", "characters in one line, paragraph or cell"),
    "pages": ("PDF 页数", "PDF pages"),
}


def decompression_bomb(what_zh: str, what_en: str, cap: int, detail: str) -> Any:
    """The INP001 InputError for compressed data (a .docx part, a PDF stream) that inflates past
    `cap` bytes: `what` names it ("文件中的 word/document.xml", "a stream of the PDF")."""
    from validator.document import InputError  # noqa: PLC0415 - error path only

    mb = cap // MB
    return InputError(f"{what_zh}解压后超过 {mb} MB 上限（疑似压缩炸弹），未读取",
                      hint="正常的年度报告解压后只有几 MB：文件可能已损坏或被恶意构造；请重新导出",
                      detail=detail,
                      en=f"{what_en} decompresses to more than the {mb} MB limit (a compression bomb?); not read",
                      hint_en="a real report is a few MB unpacked: the file is damaged or built to attack; export it again")


def note_limit(notes: list[dict], key: str, asked: Any, cap: int, where: dict | None = None) -> None:
    """Record that the document asked for `asked` where `key`'s limit is `cap` (once per key;
    later hits only count). `notes` is Document.input_notes."""
    for n in notes:
        if n.get("kind") == "limit" and n["limit"] == key:
            n["count"] += 1
            return
    notes.append({"kind": "limit", "limit": key, "asked": asked, "cap": cap, "count": 1,
                  **({"where": where} if where else {})})


def capped(notes: list[dict], key: str, value: int, cap: int, where: dict | None = None) -> int:
    """min(value, cap), noting the limit when it bites."""
    if value > cap:
        note_limit(notes, key, value, cap, where)
        return cap
    return value


# ---------------------------------------------------------------- the time budget

class TimeBudgetExceeded(BaseException):
    """Checking one file took longer than its budget. A BaseException, so that the
    `except Exception` that isolates readers and rules does not swallow it."""

    def __init__(self, seconds: float, stage: str):
        super().__init__(f"time budget of {seconds:g} s exceeded while {stage}")
        self.seconds = seconds
        self.stage = stage


_STAGE = ["check"]  # what the current file is going through, for the budget's message


def set_stage(stage: str) -> None:
    _STAGE[0] = stage


def current_stage() -> str:
    return _STAGE[0]


class time_budget:
    """`with time_budget(seconds):` raises TimeBudgetExceeded in this thread when the block runs
    longer (SIGALRM, POSIX main thread only; elsewhere, and for seconds <= 0, no budget).

    Python code is interrupted between bytecodes; a single C call (a regular expression, the XML
    parser) finishes first, which is why worker processes are also killed from outside when they
    overrun by WORKER_GRACE (validator/batch.py)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds or 0
        self.armed = False

    def _fire(self, signum, frame):
        raise TimeBudgetExceeded(self.seconds, current_stage())

    def __enter__(self):
        set_stage("check")
        if self.seconds <= 0 or os.name != "posix":
            return self
        import _signal  # noqa: PLC0415 - the C module: `signal` wraps it in enums (start-up cost)

        try:
            self.previous = _signal.signal(_signal.SIGALRM, self._fire)
        except ValueError:  # not the main thread: no budget here
            return self
        _signal.setitimer(_signal.ITIMER_REAL, self.seconds)
        self.armed = True
        return self

    def __exit__(self, *exc):
        if self.armed:
            import _signal  # noqa: PLC0415

            _signal.setitimer(_signal.ITIMER_REAL, 0)
            _signal.signal(_signal.SIGALRM, self.previous)
            self.armed = False
        return False


class Caps:
    """What one document has asked for so far, and the caps applied to it; `notes` becomes
    Document.input_notes (INP006). Readers call it where a count would otherwise drive work."""

    def __init__(self, notes: list[dict] | None = None):
        self.notes = notes if notes is not None else []
        self.blocks = 0
        self.tables = 0
        self.chars = 0
        self.stopped = False  # a whole-document limit was reached: read nothing more

    def value(self, key: str, asked: int, cap: int, where: dict | None = None) -> int:
        return capped(self.notes, key, asked, cap, where)

    def text(self, text: str, where: dict | None = None) -> str:
        """`text` cut to MAX_LINE_CHARS, counted against MAX_TEXT_CHARS."""
        if len(text) > MAX_LINE_CHARS:
            note_limit(self.notes, "line", len(text), MAX_LINE_CHARS, where)
            text = text[:MAX_LINE_CHARS]
        self.chars += len(text)
        if self.chars > MAX_TEXT_CHARS and not self.stopped:
            note_limit(self.notes, "text", f">{MAX_TEXT_CHARS}", MAX_TEXT_CHARS, where)
            self.stopped = True
        return text

    def block(self, where: dict | None = None) -> bool:
        """Count one more block; False once the document is over MAX_BLOCKS (or MAX_TEXT_CHARS):
        the reader stops there."""
        self.blocks += 1
        if self.blocks > MAX_BLOCKS and not self.stopped:
            note_limit(self.notes, "blocks", f">{MAX_BLOCKS}", MAX_BLOCKS, where)
            self.stopped = True
        return not self.stopped

    def table(self, where: dict | None = None) -> bool:
        """block() for a table; also False for every table after the first MAX_TABLES (each is
        matched against the formats' tables: thousands of them cost minutes), the reader then
        leaves that table out and goes on."""
        if not self.block(where):
            return False
        self.tables += 1
        if self.tables > MAX_TABLES:
            note_limit(self.notes, "tables", f">{MAX_TABLES}", MAX_TABLES, where)
            return False
        return True
