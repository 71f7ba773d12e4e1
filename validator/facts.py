"""Report -> Facts: one canonical JSON value per report, described by schemas/facts.schema.json.

Facts are what rules read and what `xxgk extract` prints: meta, the parts (found or not), and
every cell of every standard table as a typed value with its source location. A row that is
absent is present in the facts with found: false, so a rule can tell "missing" from "zero".
"""
from __future__ import annotations

from validator.findings import display_path
from validator.recognize import Report

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

FACTS_VERSION = 1


def _table_facts(result) -> dict[str, Any]:
    spec = result.spec
    columns = {}
    for col in spec.columns:
        seen = result.columns.get(col.id)
        columns[col.id] = {
            "label": col.label,
            "full_label": col.full_label,
            "found": seen["found"] if seen else None,
            "match": seen["match"] if seen else ("unknown" if not result.header_seen else "missing"),
        }
        if col.signed:
            columns[col.id]["signed"] = True
        if col.value_type:
            columns[col.id]["value_type"] = col.value_type  # a column unlike its table (2019's 采购总金额)
    rows = {}
    for row in spec.rows:
        rec = result.rows.get(row.id)
        entry: dict[str, Any] = {
            "label": row.label,
            "numeric": row.numeric,
            "parent": row.parent,
            "found": rec is not None,
        }
        if rec is not None:
            entry.update({
                "found_label": rec["found_label"],
                "match": rec["match"],
                "reliable": rec["reliable"],
                "location": rec["location"],
                "cells": {
                    col.id: rec["cells"][col.id] for col in spec.columns if col.id in rec["cells"]
                },
            })
            if rec.get("note"):
                entry["note"] = rec["note"]
            if rec.get("subtotal"):
                entry["subtotal"] = True
            if not rec["reliable"]:
                entry["raw_values"] = rec.get("raw_values", [])
        rows[row.id] = entry
    missing_rows = [r.id for r in spec.rows if r.numeric and r.id not in result.rows]
    # a group whose figures sit on a subtotal row instead of its sub-rows (2019-style （六）)
    for r in spec.rows:
        if not r.numeric and r.id in result.rows:
            kids = [k.id for k in spec.children(r.id)]
            if kids and all(k in missing_rows for k in kids):
                rows[r.id]["stands_for_children"] = True
    missing_columns = []
    full_rows = [rid for rid, rec in result.rows.items()
                 if rec["reliable"] and len(rec["cells"]) == len(spec.columns)]
    if result.header_seen and not full_rows:
        # a header label we could not read is not a missing column while the rows carry every
        # figure; only when the header lacks it *and* no row has all columns is it missing
        missing_columns = [c.id for c in spec.columns if c.id not in result.columns]
        if spec.id == "t4" or len(missing_columns) == len(spec.columns):
            missing_columns = []
    return {
        "title": spec.title,
        "part": spec.part,
        "found": result.found,
        "header_found": result.header_seen,
        "caption_found": result.caption_seen is not None,
        "value_type": spec.value_type,
        **({"unit": spec.unit} if spec.unit else {}),
        "locations": result.pieces[:50],
        "columns": columns,
        "rows": rows,
        "missing_rows": missing_rows,
        "missing_columns": missing_columns,
        "approximate_labels": result.approximate,
        "unreliable_rows": [rid for rid, rec in result.rows.items() if not rec["reliable"]],
        "notes": result.notes,
    }


def build_facts(report: Report) -> dict[str, Any]:
    doc = report.document
    meta = {k: v for k, v in report.meta.items()}
    if meta.get("period"):
        meta["period"] = {k: v for k, v in meta["period"].items() if not k.startswith("_")}
    found_by_number: dict[int, list[dict]] = {}
    for p in report.parts:
        found_by_number.setdefault(p["number"], []).append(p)
    parts = []
    for spec in report.format.parts:
        hits = found_by_number.get(spec.number, [])
        entry: dict[str, Any] = {"number": spec.number, "key": spec.key, "official": spec.heading,
                                 "found": bool(hits)}
        if hits:
            first = hits[0]
            entry.update({k: first[k] for k in ("heading", "numeral", "match", "level", "heading_source",
                                                 "location")})
            if len(hits) > 1:
                entry["duplicates"] = [h["location"] for h in hits[1:]]
        parts.append(entry)
    return {
        "xxgk_facts": FACTS_VERSION,
        "source": {"path": display_path(doc.path), "format": doc.format, **({"encoding": doc.encoding} if doc.encoding else {})},
        "meta": meta,
        "template": report.template,
        "parts": parts,
        "parts_in_order": [
            {"number": p["number"], "numeral": p["numeral"], "heading": p["heading"], "match": p["match"],
             "location": p["location"]}
            for p in report.parts if p["match"] != "implied"
        ],
        "tables": {tid: _table_facts(res) for tid, res in report.tables.items()},
        "unassigned_rows": report.unassigned,
    }


def cell_value(facts: dict, table: str, row: str, column: str) -> int | float | None:
    """A cell's number for rules (blank reads as 0), or None when the table or row is absent,
    the row unreliable, or the cell not a number: the caller treats None as "cannot judge"."""
    t = facts.get("tables", {}).get(table)
    if not t or not t.get("found"):
        return None
    r = t["rows"].get(row)
    if not r or not r.get("found") or not r.get("reliable", True):
        return None
    c = r.get("cells", {}).get(column)
    if c is None or c["type"] == "invalid":
        return None
    return 0 if c["type"] == "blank" else c["value"]


def format_recognised(facts: dict) -> bool:
    """Some part or standard table of the unified format was recognised (INP002 says when not)."""
    return any(p["found"] for p in facts["parts"]) or any(t["found"] for t in facts["tables"].values())


def looks_like_report(facts: dict) -> bool:
    """Whether a file is an annual report at all: a report title, a part or a standard table.

    A README, meeting notes or a changelog beside the drafts has none of them and is skipped, not
    failed; a file with a report title and nothing else is a broken report and is checked.
    """
    return bool(facts["meta"].get("title")) or format_recognised(facts)
