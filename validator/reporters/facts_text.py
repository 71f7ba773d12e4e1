"""`xxgk extract --format text`: the recognised report as readable tables (rich)."""
from __future__ import annotations

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, TextIO


def _value(cell: dict | None) -> str:
    if cell is None:
        return "·"
    if cell["type"] in ("int", "decimal"):
        v = cell["value"]
        return str(int(v)) if isinstance(v, float) and v.is_integer() and cell["type"] == "int" else str(v)
    if cell["type"] == "blank":
        return "(空)"
    return f"✗{cell['raw']}"


def print_facts(facts: dict[str, Any], out: TextIO, stage: str = "facts") -> None:
    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    console = Console(file=out, highlight=False, soft_wrap=False, width=160)
    if stage != "facts":
        import json  # noqa: PLC0415

        console.print_json(json.dumps(facts, ensure_ascii=False))
        return
    meta = facts["meta"]
    period = meta.get("period") or {}
    console.rule(f"[bold]{facts['source']['path']}")
    console.print(f"标题 title: {meta.get('title')}")
    console.print(f"机关 agency: {meta.get('agency')} ({meta.get('level')})   年度 year: {meta.get('year')} "
                  f"\\[{meta.get('year_source')}]   统计期限 period: {period.get('start')} – {period.get('end')}")
    evidence = meta.get("year_evidence") or {}
    if evidence:
        # where the year was read: the words as written and their place (a reviewer checks it there)
        loc = evidence.get("location") or {}
        where = f"line {loc['line']}" if "line" in loc else (f"page {loc['page']}" if "page" in loc else "")
        console.print(f"年度依据 year from: {evidence['text'][:60]!r} {where}".rstrip(), markup=False)
    tpl = facts["template"]
    console.print(f"格式 format: {tpl['used']} (by {tpl['basis']}; markers "
                  + ", ".join(f"{k}={len(v)}" for k, v in tpl["markers"].items()) + ")")
    parts = Table(title="部分 parts", show_lines=False)
    for col in ("#", "official", "found as", "match", "where"):
        parts.add_column(col)
    for p in facts["parts"]:
        loc = p.get("location") or {}
        where = f"line {loc['line']}" if "line" in loc else (f"page {loc['page']}" if "page" in loc else "")
        parts.add_row(str(p["number"]), p["official"], p.get("heading", "[red]missing[/]"),
                      p.get("match", ""), where)
    console.print(parts)
    for tid, t in facts["tables"].items():
        title = f"{tid} {t['title']}" + ("" if t["found"] else " — [red]not found[/]")
        table = Table(title=title, show_lines=False)
        table.add_column("row")
        for col in t["columns"].values():
            table.add_column(col["label"], justify="right")
        if not t["found"]:
            console.print(f"[bold]{title}")
            continue
        for rid, row in t["rows"].items():
            if not row["numeric"] and not row.get("subtotal"):
                continue
            label = row["label"] or rid
            if not row["found"]:
                table.add_row(f"[red]{label} (missing)[/]", *["" for _ in t["columns"]])
                continue
            flag = {"exact": "", "ordered": " [cyan]↕[/]"}.get(row["match"], " [yellow]≈[/]")
            if not row["reliable"]:
                table.add_row(f"[magenta]{label} (unreliable: {' '.join(row.get('raw_values', []))})[/]",
                              *["?" for _ in t["columns"]])
                continue
            table.add_row(label + flag, *[_value(row["cells"].get(cid)) for cid in t["columns"]])
        console.print(table)
        for a in t["approximate_labels"]:
            console.print(f"  [yellow]≈ {a['kind']} '{a['found']}' → '{a['official']}'[/]")
        if any(row.get("match") == "ordered" for row in t["rows"].values()):
            console.print("  [cyan]↕ figures without their row label, placed by the template's row order[/]")
