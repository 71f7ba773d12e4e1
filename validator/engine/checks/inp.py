"""INP: input problems. INP001/INP003 are raised by readers (InputError) and turned into
findings by the check command (their rules say check: {emitted_by: reader}); INP002 is a
declarative rule; INP004, the rows whose figures could not be read, is judged here."""
from __future__ import annotations

from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation


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
