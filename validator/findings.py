"""One Finding type for everything a run reports, and the run records reporters render.

A Finding carries the rendered messages (zh and en) *and* the raw values, so that every
reporter (text, json, sarif, junit, github, html) renders the same record and nothing has to
re-read the document. The fingerprint is built from rule + fact path + normalised text, never
from line numbers, so baselines survive edits.
"""
from __future__ import annotations

from enum import IntEnum

from validator.document import SourceSpan
from validator.lazyre import lazy
from validator.records import field, fields, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any


# what a file name must not carry into a report: control characters (a newline in a name would
# forge finding lines), line separators, and surrogates (bytes of a name that are not UTF-8,
# as os.fsdecode gives them: they cannot be written as UTF-8 at all)
_UNSAFE_IN_NAMES = lazy("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(m) -> str:
    ch = m.group()
    o = ord(ch)
    if 0xDC80 <= o <= 0xDCFF:  # an undecodable byte of the name
        return f"\\x{o - 0xDC00:02x}"
    return _NAMED_ESCAPES.get(ch) or (f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}")


def display_path(path: str) -> str:
    """A file name as every report shows it: control characters and undecodable bytes written
    as backslash escapes (`bad\\xffname.md`, `a\\nb.md`), so that a name can neither forge an
    output line nor make the output invalid UTF-8. Everything else is unchanged."""
    if not isinstance(path, str) or path.isprintable() and path.isascii():
        return path
    return _UNSAFE_IN_NAMES.sub(_escape_char, path)


class Severity(IntEnum):
    info = 1
    warning = 2
    error = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().lower()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None

    def __str__(self) -> str:  # "error"
        return self.name


@record
class Location:
    """Where a finding is: the file position (line/col, page, docx indices) plus the logical
    position in the report (part / table / row label / column label), which every format has."""

    span: SourceSpan = field(default_factory=SourceSpan)
    part: str | None = None  # "三、收到和处理政府信息公开申请情况"
    table: str | None = None  # table id: t3
    table_title: str | None = None
    row: str | None = None  # official row label
    column: str | None = None  # official column label (with its group for part 四)
    fact: str | None = None  # fact path: tables.t3.rows.new.cells.total
    # how a reader finds it without line numbers (validator/locate.py): the headings above it,
    # "三、收到和处理… › （二）…", and the first words of its paragraph or the cell's text
    heading: str | None = None
    snippet: str | None = None

    # dict keys of the logical fields; distinct from the span's integer table/row/cell (docx)
    _LOGICAL_KEYS = {"part": "part", "table": "table_id", "table_title": "table_title", "row": "row_label",
                     "column": "column_label", "fact": "fact", "heading": "heading_path", "snippet": "snippet"}

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = self.span.to_dict()
        for attr, key in self._LOGICAL_KEYS.items():
            value = getattr(self, attr)
            if value is not None:
                d[key] = value
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Location":
        span_keys = fields(SourceSpan)
        span = SourceSpan(**{k: v for k, v in d.items() if k in span_keys})
        return cls(span=span, **{attr: d.get(key) for attr, key in cls._LOGICAL_KEYS.items()})

    def logical(self) -> str:
        """'三、收到和处理… / （七）总计 / 自然人' — the location every format has."""
        title = self.table_title if self.table_title and not (self.part and self.table_title in self.part) else None
        bits = [b for b in (self.part, title, self.row, self.column) if b]
        return " / ".join(bits)


@record
class Finding:
    rule: str  # SUM003
    name: str  # application-balance
    severity: Severity
    message: dict[str, str]  # {"zh": ..., "en": ...} rendered
    location: Location
    hint: dict[str, str] = field(default_factory=dict)
    basis: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # expected / actual / difference / operands …
    related: list[Location] = field(default_factory=list)  # the other operands
    fixable: bool = False
    # {"line", "col", "old", "new"} in text formats, {"paragraph", "text", "old", "new"} in .docx (validator/fix.py)
    fix: dict[str, Any] | None = None
    suppressed: dict[str, Any] | None = None  # {"kind": "inline"|"baseline", "reason": ...}
    fingerprint_text: str = ""  # what identifies the finding besides rule and fact path
    # how sure: "certain", or "doubtful" when it rests on figures read with doubt (validator/confidence.py)
    confidence: str = "certain"
    doubts: list[str] = field(default_factory=list)  # why doubtful: split_by_identities, pdf_borderless, ocr …
    corrected: list[str] = field(default_factory=list)  # reviewer-corrected cells it rests on (fact paths)

    def text(self, lang: str = "zh") -> str:
        return self.message.get(lang) or self.message.get("zh") or next(iter(self.message.values()), "")

    def hint_text(self, lang: str = "zh") -> str:
        return self.hint.get(lang) or self.hint.get("zh") or ""

    @property
    def fingerprint(self) -> str:
        import hashlib  # noqa: PLC0415 - only reporters that show fingerprints need it

        from validator.normalize import label_key  # noqa: PLC0415 - with the fingerprint only

        basis = "\x1f".join([self.rule, self.location.fact or self.location.logical(),
                             label_key(self.fingerprint_text or "")])
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        d: dict[str, Any] = {
            "rule": self.rule,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.text(lang),
            "messages": dict(self.message),
            "hint": self.hint_text(lang),
            "basis": list(self.basis),
            "location": self.location.to_dict(),
            "values": self.values,
            "fingerprint": self.fingerprint,
        }
        if self.related:
            d["related"] = [r.to_dict() for r in self.related]
        d["confidence"] = self.confidence
        if self.doubts:
            d["doubts"] = list(self.doubts)
        if self.corrected:
            d["corrected"] = list(self.corrected)
        if self.fixable:
            d["fixable"] = True
        if self.suppressed:
            d["suppressed"] = self.suppressed
        return d


@record
class FileResult:
    """Everything one checked file produced: the record all reporters render."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    facts: dict[str, Any] | None = None  # None when the file could not be read
    # requirement checklist: rule id -> "pass" | "fail" | "not_applicable" (+ detail)
    checklist: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None  # fatal input problem (INP…), also present as a finding
    # not checked, and why: "not-a-report" (no title, part or table: a README, notes) or
    # "lock-file" (Word's ~$ file); i18n key "skipped.<reason>". Never fails the run.
    skipped: str | None = None
    corrections: list[dict[str, Any]] = field(default_factory=list)  # reviewer corrections, applied or stale
    indicators: list[dict[str, Any]] = field(default_factory=list)  # evaluators' indicators (validator/indicators.py)
    document_lines: list[str] | None = None  # text formats only, for --fix; never serialised
    # what the cross-year rules compared this report with, or why nothing (validator/pairing.py):
    # {"status": "paired" | "unpaired" | "refused", "source", "previous", "reason": {"code", "zh", "en"} …}
    pairing: dict[str, Any] | None = None
    narrative: dict[int, str] | None = None  # part number -> prose, for pairing; never serialised
    # a batch that pairs its reports: what the cross-year rules still need (commands/check.py
    # finish_cross_year); None once the result is complete. Never serialised
    cross_year: Any = None

    def counts(self) -> dict[str, int]:
        """Active findings by severity, and apart from them `doubtful`: the findings that rest on a
        doubtful reading (validator/confidence.py), so that the severity counts blame the report
        only for what was read with confidence."""
        out = {"error": 0, "warning": 0, "info": 0, "doubtful": 0}
        for f in self.findings:
            if not f.suppressed:
                out["doubtful" if f.confidence == "doubtful" else str(f.severity)] += 1
        return out

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]
