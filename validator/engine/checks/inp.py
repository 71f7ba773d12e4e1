"""INP: input problems. INP001/INP003 are raised by readers (InputError) and turned into
findings by the check command (their rules say check: {emitted_by: reader}); INP002 is a
declarative rule; INP004, the rows whose figures could not be read, is judged here."""
from __future__ import annotations

from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation
from validator.findings import Location


@named_check("table_figures_unreadable")
def table_figures_unreadable(ctx: CheckContext):
    """Rows of a standard table whose figures could not be read safely: run together in a web
    page flattened to text ("640020470" for seven columns), or fewer figures than columns. The
    recogniser keeps their raw text and every arithmetic rule skips them; without a finding, a
    report whose tables could not be read would look clean."""
    out = []
    for tid, t in ctx.facts["tables"].items():
        rows = [(rid, r) for rid, r in t["rows"].items() if r.get("found") and r.get("reliable") is False]
        if not rows:
            continue
        shown = [f"{r['label'] or r.get('found_label') or '数据行'}（“{_clip(' '.join(r.get('raw_values') or []))}”）"
                 for rid, r in rows[:8]]
        more_zh = f" 等 {len(rows)} 行" if len(rows) > 8 else ""
        more_en = f" and {len(rows) - 8} more" if len(rows) > 8 else ""
        out.append(Violation({"table": t["title"], "count": len(rows), "rows_zh": "；".join(shown) + more_zh,
                              "rows_en": "; ".join(shown) + more_en},
                             ctx.table_location(tid, rows[0][0]), fingerprint_text=f"{tid}:{len(rows)}"))
    return out


def _clip(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


@named_check("correction_stale")
def correction_stale(ctx: CheckContext):
    """Reviewer corrections (validator/corrections.py) that no longer match the document: the
    cell reads differently from what the reviewer corrected, or the file changed. They were not
    applied, so the figure the rules saw is xxgk's own reading."""
    statuses = ctx.facts.get("corrections") or []
    if not statuses:
        return ctx.na(reasons.not_relevant("没有针对本报告的人工更正", "no reviewer correction names this report"))
    out = []
    for s in statuses:
        if s.get("status") != "stale":
            continue
        t = ctx.facts["tables"].get(s["table"]) or {}
        row = (t.get("rows") or {}).get(s["row"]) or {}
        col = (t.get("columns") or {}).get(s["column"]) or {}
        where = f"{t.get('title', s['table'])}·{row.get('label') or s['row']}·{col.get('label') or s['column']}"
        loc = ctx.table_location(s["table"], s["row"], s["column"]) if t else Location(fact=s["fact"])
        out.append(Violation({"cell": where, "value": "空白" if s["value"] is None else s["value"],
                              "why_zh": s["why_zh"], "why_en": s["why_en"], "reviewer": s["reviewer"],
                              "date": s["date"], "source": s.get("source", "")},
                             loc, fingerprint_text=f"{s['cell']}:{s.get('source', '')}"))
    return out
