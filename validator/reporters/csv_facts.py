"""`xxgk extract --format csv`: one row per report, for whoever aggregates a province's reports.

Columns, in this order:

- the report's meta: path, title, agency, level, year, period_start, period_end, published,
  template (the unified format used);
- its status, from the same run as `xxgk check` (config, --corrections and pairing included):
  `result` (pass | fail | check | unreadable | skipped — see below), `errors`, `warnings`,
  `infos` (findings read with confidence, by severity), `doubtful` (findings on a doubtful
  reading: 请对照原件核对), `unverified` (checks that could not judge rows or tables of this
  report), `corrections` (reviewer corrections applied);
- the indicators (validator/indicators.py), one column each, as a fraction (0.4167); a small
  sample (n < min_sample) is written with a trailing `*`; empty when it cannot be computed (a
  figure it needs is missing or unreadable, the denominator is 0, or — for the change from last
  year — no previous report was paired; `xxgk extract` in JSON gives the reason);
- every value of every standard table, one column per `table.row.column` id with a readable
  header:

    t3.new.total 一、本年新收政府信息公开申请数量/总计
    t3.withheld.state_secret.natural （三）不予公开·1.属于国家秘密/自然人
    t4.cases.after_review.total 行政诉讼·复议后起诉·总计

`result`: `fail` — a finding at or above --fail-on (default error) that was read with confidence;
`check` — such findings exist only on doubtful readings: compare with the original before acting;
`pass` — neither; `unreadable` — the file could not be read (its other columns are empty);
`skipped` — not an annual report (README, notes, a Word lock file; other columns empty).

A figure column holds the number, or says why there is none — every kind of empty value has its
own mark, so that nobody reads a blank as zero:

    (empty)        the cell is blank in the report ("", "—", "/"); the rules read it as 0
    #缺表          the report has no such table (or it could not be recognised)
    #缺行          the table has no such row
    #无法读取      the row is there but its figures could not be read column by column (INP004)
    #缺格          the row was read but has no figure in this column
    #非数字:原文   the cell holds text, not a number (TAB005), quoted after the colon
    #不适用        the report uses the other unified format, which has no such cell

and for an unreadable or skipped file every figure column is empty (`result` says why).

The columns come from the unified formats used by the reports in the file (the 2021 format's
columns first, then any the 2019 format adds), in the order of the official tables, so files
of the same format always have the same columns.

Files are written as UTF-8 with a byte-order mark (what Excel needs to show Chinese); standard
output gets no BOM.
"""
from __future__ import annotations

import csv

from validator.findings import display_path

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, Iterable, TextIO

META_COLUMNS = ["path", "title", "agency", "level", "year", "period_start", "period_end", "published", "template"]


def value_columns(format_ids: Iterable[str]) -> list[tuple[str, str, str, str, str]]:
    """[(column id, header, table id, row id, column id)] for the given formats, newest first."""
    from validator.recognize.formats import load_formats  # noqa: PLC0415

    formats = load_formats()
    wanted = [formats[f] for f in dict.fromkeys(format_ids) if f in formats]
    if not wanted:
        wanted = [max(formats.values(), key=lambda s: s.year_from)]
    wanted.sort(key=lambda s: -s.year_from)
    out: list[tuple[str, str, str, str, str]] = []
    seen: set[str] = set()
    for spec in wanted:
        for table in spec.tables:
            for row in table.rows:
                if not row.numeric:
                    continue
                label = row.label
                parent = table.row(row.parent) if row.parent else None
                if parent is not None and parent.id != "results":
                    label = f"{parent.label}·{label}"
                for col in table.columns:
                    cid = f"{table.id}.{row.id}.{col.id}"
                    if cid in seen:
                        continue
                    seen.add(cid)
                    col_label = col.full_label.replace(" / ", "·")
                    header = f"{cid} {label}/{col_label}" if label else f"{cid} {col_label}"
                    out.append((cid, header, table.id, row.id, col.id))
    return out


def _number(v: Any) -> str:
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


# why a figure column is empty (see the module docstring)
NO_TABLE, NO_ROW, UNREADABLE, NO_CELL, NOT_A_NUMBER, OTHER_FORMAT = \
    "#缺表", "#缺行", "#无法读取", "#缺格", "#非数字:", "#不适用"


def cell_value(facts: dict, table_id: str, row_id: str, col_id: str) -> str:
    """The figure, "" for a cell blank in the report, or a mark saying why there is none."""
    table = (facts.get("tables") or {}).get(table_id)
    if table is None or row_id not in (table.get("rows") or {}) or col_id not in (table.get("columns") or {}):
        return OTHER_FORMAT
    if not table.get("found"):
        return NO_TABLE
    row = table["rows"][row_id]
    if not row.get("found"):
        return NO_ROW
    if row.get("reliable") is False:
        return UNREADABLE
    cell = (row.get("cells") or {}).get(col_id)
    if cell is None:
        return NO_CELL
    if cell.get("type") == "invalid":
        return NOT_A_NUMBER + str(cell.get("raw", ""))
    if cell.get("type") == "blank" or cell.get("value") is None:
        return ""
    return _number(cell["value"])


def meta_row(path: str, facts: dict) -> list[str]:
    meta = facts.get("meta") or {}
    period = meta.get("period") or {}
    published = meta.get("publication") or {}
    values = [display_path(path), meta.get("title"), meta.get("agency"), meta.get("level"), meta.get("year"),
              period.get("start"), period.get("end"), published.get("date"),
              (facts.get("template") or {}).get("used")]
    return ["" if v is None else str(v) for v in values]


STATUS_COLUMNS = ["result", "errors", "warnings", "infos", "doubtful", "unverified", "corrections"]


def status_row(r, fail_on=None) -> list[str]:
    """result, errors, warnings, infos, doubtful, unverified, corrections of one checked file."""
    from validator.findings import Severity  # noqa: PLC0415
    from validator.summary import file_status, unverified_count  # noqa: PLC0415

    result = file_status(r, fail_on or Severity.error)
    if result in ("skipped", "unreadable"):
        return [result] + [""] * (len(STATUS_COLUMNS) - 1)
    counts = r.counts()
    applied = sum(1 for c in r.corrections if c.get("status") == "applied")
    return [result, str(counts["error"]), str(counts["warning"]), str(counts["info"]), str(counts["doubtful"]),
            str(unverified_count(r)), str(applied)]


def _indicator_cell(res: dict) -> str:
    value = res.get("value")
    if value is None:
        return ""
    return f"{value:.4f}".rstrip("0").rstrip(".") + ("*" if res.get("small_sample") else "")


def rows(results: list, fail_on=None) -> tuple[list[str], list[list[str]]]:
    """(header, one row per checked file) — what write_csv writes, for callers that want values."""
    from validator.indicators import load_indicators  # noqa: PLC0415

    checked = [r for r in results if r.facts is not None and not r.skipped]
    columns = value_columns((r.facts.get("template") or {}).get("used") for r in checked)
    specs = load_indicators()
    header = (META_COLUMNS + STATUS_COLUMNS + [f"ind.{s['id']} {s['name']['zh']}" for s in specs]
              + [h for _, h, *_ in columns])
    body = []
    for r in results:
        if r.facts is None or r.skipped:
            meta = [r.path] + [""] * (len(META_COLUMNS) - 1)
            body.append(meta + status_row(r, fail_on) + [""] * (len(specs) + len(columns)))
            continue
        by_id = {i["id"]: i for i in r.indicators}
        body.append(meta_row(r.path, r.facts) + status_row(r, fail_on)
                    + [_indicator_cell(by_id.get(s["id"], {})) for s in specs]
                    + [cell_value(r.facts, t, rw, c) for _, _, t, rw, c in columns])
    return header, body


def _is_file(out: TextIO) -> bool:
    name = getattr(out, "name", None)
    if not isinstance(name, str) or name.startswith("<"):
        return False
    try:
        return not out.isatty()
    except (AttributeError, ValueError):
        return True


def write_csv(results: list, out: TextIO, bom: bool | None = None, fail_on=None) -> None:
    """One row per checked file (FileResult). `bom` None: a BOM when writing to a named file."""
    header, body = rows(results, fail_on)
    if bom if bom is not None else _is_file(out):
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(body)
