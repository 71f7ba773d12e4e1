"""`xxgk extract` for a person (the default at a terminal, or `--format text`): what was recognised,
with each standard table drawn as the official template lays it out — grouped column headers
(申请人情况 › 法人或其他组织 › 商业企业), row labels indented under their parent rows — at the
terminal's width (validator/reporters/grid.py). Words in Chinese, or English with --lang en;
labels from the report's unified format are shown as the format writes them.

Marks in a cell: "·" not in the report, "（空）" left blank, "✗…" not a figure; in a row label,
"↕" figures placed by the template's row order, "≈" a label read approximately.
"""
from __future__ import annotations

import os
import shutil

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, TextIO

DEFAULT_WIDTH = 100  # a file or a pipe asked for text, with no COLUMNS: a comfortable page
MAX_WIDTH = 160


def _w(key: str, lang: str, **values) -> str:
    from validator.i18n import t  # noqa: PLC0415

    return t("extract." + key, lang, **values)


def text_width(out: TextIO) -> int:
    """The width to draw at: the terminal's (COLUMNS first, as every terminal program honours it),
    else DEFAULT_WIDTH for a file or a pipe; never wider than MAX_WIDTH."""
    if os.environ.get("COLUMNS", "").isdigit():
        return max(40, min(int(os.environ["COLUMNS"]), MAX_WIDTH))
    try:
        if out.isatty():
            return max(40, min(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, MAX_WIDTH))
    except (AttributeError, ValueError):
        pass
    return DEFAULT_WIDTH


def _value(cell: dict | None, lang: str) -> str:
    if cell is None:
        return "·"
    if cell["type"] in ("int", "decimal"):
        v = cell["value"]
        return str(int(v)) if isinstance(v, float) and v.is_integer() and cell["type"] == "int" else str(v)
    if cell["type"] == "blank":
        return _w("blank", lang)
    return f"✗{cell['raw']}"


def _depth(rows: dict, rid: str) -> int:
    depth, parent = 0, rows[rid].get("parent")
    while parent and parent in rows and depth < 5:
        depth, parent = depth + 1, rows[parent].get("parent")
    return depth


def _column_paths(template: str | None, tid: str, columns: dict) -> list[tuple[tuple[str, ...], str]]:
    """(the headers above, the label) of each column, from the unified format."""
    from validator.recognize.formats import load_formats  # noqa: PLC0415

    fmt = load_formats().get(template or "")
    spec = fmt.table(tid) if fmt else None
    paths = {c.id: tuple(c.path) for c in spec.columns} if spec else {}
    return [(paths.get(cid, ()), col["label"]) for cid, col in columns.items()]


def table_lines(tid: str, table: dict, template: str | None, width: int, lang: str) -> list[str]:
    """One recognised table drawn, with its title line first."""
    from validator.reporters.grid import draw  # noqa: PLC0415

    title = table["title"] + (f"（{_w('unit', lang, unit=table['unit'])}）" if table.get("unit") else "")
    if not table["found"]:
        return [f"{title} — {_w('not_found', lang)}"]
    rows = table["rows"]
    drawn = []
    for rid, row in rows.items():
        label = "  " * _depth(rows, rid) + (row["label"] or "")
        if not row["numeric"] and not row.get("subtotal"):  # a heading row of the template (三、本年度办理结果)
            drawn.append((label, ["" for _ in table["columns"]]))
            continue
        if not row["found"]:
            if row["numeric"]:
                drawn.append((label + _w("row_missing", lang), ["" for _ in table["columns"]]))
            continue
        if not row["reliable"]:
            raw = " ".join(row.get("raw_values", []))
            drawn.append((label + _w("row_unreliable", lang, raw=raw), ["?" for _ in table["columns"]]))
            continue
        mark = {"exact": "", "ordered": " ↕"}.get(row.get("match", "exact"), " ≈")
        drawn.append((label + mark, [_value(row["cells"].get(cid), lang) for cid in table["columns"]]))
    lines = [title]
    lines += draw(_column_paths(template, tid, table["columns"]), drawn, width)
    for a in table.get("approximate_labels", []):
        lines.append("  " + _w("approximate", lang, kind=a["kind"], found=a["found"], official=a["official"]))
    if any(row.get("match") == "ordered" for row in rows.values()):
        lines.append("  " + _w("ordered", lang))
    return lines


def print_facts(facts: dict[str, Any], out: TextIO, stage: str = "facts", width: int | None = None,
                lang: str = "zh") -> None:
    """The facts of one report for a person: what it is, its parts, its tables."""
    from validator.reporters.wrap import hanging  # noqa: PLC0415

    width = width or text_width(out)
    if stage != "facts":
        import json  # noqa: PLC0415

        out.write(json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
        return
    meta = facts["meta"]
    say = out.write

    def field(key: str, value: str) -> None:
        for line in hanging(_w(key, lang) + ("：" if lang != "en" else ": "), value, width):
            say(line + "\n")

    say(f"{facts['source']['path']}\n{'═' * min(width, 60)}\n")
    field("title", meta.get("title") or "—")
    level = meta.get("level")
    agency = meta.get("agency") or "—"
    field("agency", agency + (f"（{_w('level.' + level, lang)}）" if level in ("government", "department", "township") else ""))
    year = meta.get("year")
    field("year", str(year) if year else "—")
    evidence = meta.get("year_evidence") or {}
    if evidence.get("text"):
        # where the year was read: the words as written and their place (a reviewer checks it there)
        loc = evidence.get("location") or {}
        where = (_w("at_line", lang, line=loc["line"]) if "line" in loc
                 else _w("at_page", lang, page=loc["page"]) if "page" in loc else "")
        field("year_from", f"“{evidence['text'][:60]}”{where}")
    period = meta.get("period") or {}
    if period.get("start") or period.get("end"):
        field("period", f"{period.get('start') or '?'} – {period.get('end') or '?'}")
    template = facts["template"]["used"]
    field("format", _w("format." + template, lang) if template in ("gov2019", "gov2021") else str(template))
    say("\n" + _w("parts", lang) + "\n")
    for p in facts["parts"]:
        found = p.get("heading") if p.get("found") else None
        say(f"  {'✓' if found else '✗'} {p['official']}"
            + (f"  ← {found}" if found and found != p["official"] else "")
            + ("" if found else f"  （{_w('missing', lang)}）" if lang != "en" else f"  ({_w('missing', lang)})")
            + "\n")
    for tid, table in facts["tables"].items():
        say("\n")
        for line in table_lines(tid, table, template, width, lang):
            say(line + "\n")
