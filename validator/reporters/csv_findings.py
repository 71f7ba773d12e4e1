"""`xxgk check --format csv`: one row per finding, for the spreadsheet an evaluator files.

Columns (the header row is always written, so an empty run is still a valid table):

    path, agency, year, rule, name, severity, confidence, position, part, table, row, column,
    message, hint, expected, actual, difference, corrected, fingerprint

- `position`: line:col in text formats, pN for a PDF page, paraN / tableN.rR.cC for .docx;
- `confidence`: `certain`, or `doubtful` when the finding rests on figures whose reading is
  doubtful (the message then says 请对照原件核对, see validator/confidence.py);
- `corrected`: the cells a reviewer corrected that this finding rests on (validator/corrections.py);
- a file that could not be read gets one row with its INP rule and an empty agency and year;
- suppressed findings (inline or baseline) are left out unless `--show-suppressed`; then the
  `suppressed` column says how (inline, baseline, fixed).

Written as UTF-8 with a byte-order mark when going to a file (what Excel needs to show Chinese),
without one on standard output, like `xxgk extract --format csv`.
"""
from __future__ import annotations

import csv

from validator.findings import FileResult
from validator.reporters.csv_facts import _is_file
from validator.reporters.common import fmt_number

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import TextIO

COLUMNS = ["path", "agency", "year", "rule", "name", "severity", "confidence", "position", "part", "table", "row",
           "column", "message", "hint", "expected", "actual", "difference", "corrected", "suppressed", "fingerprint"]


def _number(v) -> str:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return fmt_number(v)
    return "" if v is None or isinstance(v, (list, dict)) else str(v)


def finding_rows(r: FileResult, lang: str = "zh", show_suppressed: bool = False):
    """The CSV rows of one checked file (a generator: a batch is written as it is read)."""
    from validator.reporters.text import position as _position  # noqa: PLC0415

    meta = (r.facts or {}).get("meta") or {}
    for f in r.findings:
        if f.suppressed and not show_suppressed:
            continue
        loc = f.location
        yield [
            r.path, meta.get("agency") or "", "" if meta.get("year") is None else str(meta["year"]),
            f.rule, f.name, str(f.severity), f.confidence, _position(f, lang), loc.part or "",
            loc.table_title or loc.table or "", loc.row or "", loc.column or "",
            f.text(lang), f.hint_text(lang),
            _number(f.values.get("expected")), _number(f.values.get("actual")), _number(f.values.get("difference")),
            "；".join(f.corrected), (f.suppressed or {}).get("kind", ""), f.fingerprint,
        ]


def render(results: list[FileResult], out: TextIO, opts, stale: list) -> None:
    if _is_file(out):
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    lang = getattr(opts, "lang", "zh") or "zh"
    show_suppressed = getattr(opts, "show_suppressed", False)
    for r in results:
        writer.writerows(finding_rows(r, lang, show_suppressed))
