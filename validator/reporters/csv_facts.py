"""`xxgk extract --format csv`: one row per report, for whoever aggregates a province's reports.

Columns: the report's meta (path, title, agency, level, year, statistical period, publication
date, the unified format used) and then every value of every standard table, one column per
`table.row.column` id with a readable header:

    t3.new.total 一、本年新收政府信息公开申请数量/总计
    t3.withheld.state_secret.natural （三）不予公开·1.属于国家秘密/自然人
    t4.cases.after_review.total 行政诉讼·复议后起诉·总计

The columns come from the unified formats used by the reports in the file (the 2021 format's
columns first, then any the 2019 format adds), in the order of the official tables, so files
of the same format always have the same columns. A cell is left blank when the table or row is
missing, the row could not be read reliably, or the cell is blank or not a number.

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


def cell_value(facts: dict, table_id: str, row_id: str, col_id: str) -> str:
    table = (facts.get("tables") or {}).get(table_id)
    if not table or not table.get("found"):
        return ""
    row = (table.get("rows") or {}).get(row_id)
    if not row or not row.get("found") or row.get("reliable") is False:
        return ""
    cell = (row.get("cells") or {}).get(col_id)
    if not cell or cell.get("type") not in ("int", "decimal") or cell.get("value") is None:
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


def rows(items: list[tuple[str, dict]]) -> tuple[list[str], list[list[str]]]:
    """(header, one row per report) — what write_csv writes, for callers that want values."""
    columns = value_columns((f.get("template") or {}).get("used") for _, f in items)
    header = META_COLUMNS + [h for _, h, *_ in columns]
    body = [meta_row(path, facts) + [cell_value(facts, t, r, c) for _, _, t, r, c in columns]
            for path, facts in items]
    return header, body


def _is_file(out: TextIO) -> bool:
    name = getattr(out, "name", None)
    if not isinstance(name, str) or name.startswith("<"):
        return False
    try:
        return not out.isatty()
    except (AttributeError, ValueError):
        return True


def write_csv(items: list[tuple[str, dict]], out: TextIO, bom: bool | None = None) -> None:
    """One row per (path, facts). `bom` None: a BOM when writing to a named file."""
    header, body = rows(items)
    if bom if bom is not None else _is_file(out):
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(body)
