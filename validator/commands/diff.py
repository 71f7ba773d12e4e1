"""`xxgk diff OLD NEW`: what changed between two drafts of one report.

- findings new, resolved and unchanged, matched by fingerprint (rule + fact path + normalised
  text, never a line number: validator/findings.py), as a multiset — two equal findings need two;
- the standard-table figures that changed: every cell (table, row, column) whose value, or text
  when it is not a number, differs, with rows and tables present in one draft only;
- the parts added or removed, and a changed title, agency, year or unified format.

Both drafts are checked exactly as `xxgk check` would (same config, rule packs, --select and
--ignore). Exit code: 0 when NEW brings no new finding at or above --fail-on, 1 when it does,
2 when a draft cannot be read.
"""
from __future__ import annotations

import json
import sys
from collections import Counter

from validator.commands.check import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, CheckOptions, collect
from validator.findings import FileResult, Finding

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, TextIO

META_KEYS = ("title", "agency", "year")


def diff_findings(old: list[Finding], new: list[Finding]) -> dict[str, list[Finding]]:
    """{"new", "resolved", "unchanged"} by fingerprint; unchanged lists NEW's version."""
    left = Counter(f.fingerprint for f in old)
    right = Counter(f.fingerprint for f in new)
    out: dict[str, list[Finding]] = {"new": [], "resolved": [], "unchanged": []}
    seen: Counter = Counter()
    for f in new:
        seen[f.fingerprint] += 1
        out["unchanged" if seen[f.fingerprint] <= left[f.fingerprint] else "new"].append(f)
    seen.clear()
    for f in old:
        seen[f.fingerprint] += 1
        if seen[f.fingerprint] > right[f.fingerprint]:
            out["resolved"].append(f)
    return out


def _cell_text(cell: dict | None) -> Any:
    """What a cell shows: its number, its text when not a number, "" when blank, None when absent."""
    if cell is None:
        return None
    if cell["type"] in ("int", "decimal"):
        return cell["value"]
    return "" if cell["type"] == "blank" else cell.get("raw", "")


def _part_titles(facts: dict) -> dict[int, str]:
    return {p["number"]: p["official"] for p in facts.get("parts", [])}


def diff_cells(old: dict, new: dict) -> list[dict]:
    """Every standard-table cell whose figure differs between the drafts' facts, in table order.

    An entry: table, row, column (ids), their labels, old and new (number, text, "" blank, None
    absent), and where the cell is in NEW (or OLD when NEW lacks it)."""
    out = []
    titles = {**_part_titles(old), **_part_titles(new)}
    tables = list(new.get("tables", {})) + [t for t in old.get("tables", {}) if t not in new.get("tables", {})]
    for tid in tables:
        t_old, t_new = old.get("tables", {}).get(tid) or {}, new.get("tables", {}).get(tid) or {}  # an unreadable draft has none
        spec = t_new if t_new.get("found") else t_old
        rows = list(spec.get("rows", {})) + [r for r in t_old.get("rows", {}) if r not in spec.get("rows", {})]
        columns = list(spec.get("columns", {})) + [c for c in t_old.get("columns", {}) if c not in spec.get("columns", {})]
        for rid in rows:
            r_old = (t_old.get("rows") or {}).get(rid) or {}
            r_new = (t_new.get("rows") or {}).get(rid) or {}
            if not r_old.get("found") and not r_new.get("found"):
                continue
            for cid in columns:
                c_old = (r_old.get("cells") or {}).get(cid) if r_old.get("found") and t_old.get("found") else None
                c_new = (r_new.get("cells") or {}).get(cid) if r_new.get("found") and t_new.get("found") else None
                before, after = _cell_text(c_old), _cell_text(c_new)
                if before == after:
                    continue
                column = (spec.get("columns") or {}).get(cid) or (t_old.get("columns") or {}).get(cid) or {}
                row = (spec.get("rows") or {}).get(rid) or r_old
                out.append({
                    "table": tid, "row": rid, "column": cid,
                    "part": titles.get(spec.get("part") or 0), "table_title": spec.get("title"),
                    "row_label": row.get("label") or rid,
                    "column_label": column.get("full_label") or column.get("label") or cid,
                    "old": before, "new": after,
                    "location": (c_new or c_old or {}).get("location") or {},
                })
    return out


def diff_parts(old: dict, new: dict) -> dict[str, list[str]]:
    found_old = {p["number"] for p in old.get("parts", []) if p["found"]}
    found_new = {p["number"] for p in new.get("parts", []) if p["found"]}
    titles = {**_part_titles(old), **_part_titles(new)}
    return {"added": [titles[n] for n in sorted(found_new - found_old)],
            "removed": [titles[n] for n in sorted(found_old - found_new)]}


def diff_meta(old: dict, new: dict) -> dict[str, dict]:
    out = {}
    for key in META_KEYS:
        a, b = (old.get("meta") or {}).get(key), (new.get("meta") or {}).get(key)
        if a != b:
            out[key] = {"old": a, "new": b}
    a, b = (old.get("template") or {}).get("used"), (new.get("template") or {}).get("used")
    if a != b:
        out["format"] = {"old": a, "new": b}
    return out


def diff_results(old: FileResult, new: FileResult) -> dict:
    """The whole comparison as one value (what --format json prints, minus the rendering)."""
    findings = diff_findings(old.active, new.active)
    return {
        "findings": findings,
        "cells": diff_cells(old.facts or {}, new.facts or {}),
        "parts": diff_parts(old.facts or {}, new.facts or {}),
        "meta": diff_meta(old.facts or {}, new.facts or {}),
    }


# ---------------------------------------------------------------- rendering

def _shown(value: Any, lang: str) -> str:
    from validator.i18n import t  # noqa: PLC0415
    from validator.reporters.common import fmt_number  # noqa: PLC0415

    if value is None:
        return t("diff.absent", lang)
    if value == "":
        return t("diff.blank", lang)
    return fmt_number(value) if isinstance(value, (int, float)) else f"“{value}”"


def _cell_where(c: dict) -> str:
    bits = [c["part"]]
    if c.get("table_title") and c["table_title"] not in (c["part"] or ""):
        bits.append(c["table_title"])
    bits += [c["row_label"], c["column_label"]]
    return " / ".join(b for b in bits if b)


def _position(location: dict) -> str:
    if location.get("line"):
        return f"{location['line']}:{location.get('col') or 1}"
    if location.get("page"):
        return f"p{location['page']}"
    return "1:1"


def render_text(old: FileResult, new: FileResult, d: dict, out: TextIO, lang: str) -> None:
    from validator.i18n import t  # noqa: PLC0415
    from validator.reporters.text import plain_line  # noqa: PLC0415

    f = d["findings"]
    out.write(t("diff.title", lang, old=old.path, new=new.path) + "\n")
    for key in META_KEYS + ("format",):
        if key in d["meta"]:
            m = d["meta"][key]
            out.write(t("diff.meta", lang, field=t(f"diff.meta.{key}", lang), old=_shown(m["old"], lang),
                        new=_shown(m["new"], lang)) + "\n")
    parts = d["parts"]
    if parts["added"]:
        out.write(t("diff.parts.added", lang, parts="、".join(parts["added"])) + "\n")
    if parts["removed"]:
        out.write(t("diff.parts.removed", lang, parts="、".join(parts["removed"])) + "\n")
    cells = d["cells"]
    out.write((t("diff.cells", lang, count=len(cells)) if cells else t("diff.cells.none", lang)) + "\n")
    for c in cells:
        out.write(f"  {new.path}:{_position(c['location'])}: {_cell_where(c)}: "
                  f"{_shown(c['old'], lang)} → {_shown(c['new'], lang)}\n")
    out.write(t("diff.findings", lang, new=len(f["new"]), resolved=len(f["resolved"]),
                unchanged=len(f["unchanged"])) + "\n")
    for finding in f["new"]:
        out.write("  + " + plain_line(new.path, finding, lang) + "\n")
    for finding in f["resolved"]:
        out.write("  - " + plain_line(old.path, finding, lang) + "\n")


def diff_value(old: FileResult, new: FileResult, d: dict, lang: str) -> dict:
    """The JSON document of `xxgk diff --format json`."""
    from validator import __version__  # noqa: PLC0415

    f = d["findings"]
    return {
        "tool": {"name": "xxgk", "version": __version__},
        "old": {"path": old.path, "error": old.error, "counts": old.counts()},
        "new": {"path": new.path, "error": new.error, "counts": new.counts()},
        "summary": {"new": len(f["new"]), "resolved": len(f["resolved"]), "unchanged": len(f["unchanged"]),
                    "cells_changed": len(d["cells"]), "parts_added": len(d["parts"]["added"]),
                    "parts_removed": len(d["parts"]["removed"])},
        "findings": {k: [x.to_dict(lang) for x in v] for k, v in f.items()},
        "cells": d["cells"],
        "parts": d["parts"],
        "meta": d["meta"],
    }


# ---------------------------------------------------------------- the command

def run(old_path: str, new_path: str, opts: CheckOptions) -> int:
    """Check both drafts as `xxgk check` would, print what changed; the exit code says whether
    NEW brings a new finding at or above --fail-on."""
    import os  # noqa: PLC0415

    from validator.i18n import t  # noqa: PLC0415

    for path in (old_path, new_path):
        if not os.path.isfile(path):
            print("xxgk: " + t("diff.not-a-file", opts.lang, path=path), file=sys.stderr)
            return EXIT_ERROR
    outcome = collect([old_path, new_path], opts)
    if isinstance(outcome, int):
        return outcome
    old, new = outcome.results
    unreadable = [r for r in (old, new) if r.error]
    if unreadable:  # nothing to compare a draft that could not be read with
        for r in unreadable:
            print(f"xxgk: {r.path}: {r.error}", file=sys.stderr)
        return EXIT_ERROR
    d = diff_results(old, new)
    out = open(opts.output, "w", encoding="utf-8") if opts.output else sys.stdout
    try:
        if opts.fmt == "json":
            json.dump(diff_value(old, new, d, opts.lang), out, ensure_ascii=False, indent=2, default=str)
            out.write("\n")
        else:
            render_text(old, new, d, out, opts.lang)
    finally:
        if opts.output:
            out.close()
    return EXIT_FINDINGS if any(x.severity >= outcome.fail_on for x in d["findings"]["new"]) else EXIT_CLEAN
