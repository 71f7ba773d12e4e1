"""INP: input problems. INP001/INP003 are raised by readers (InputError) and INP007 by the
time budget or a lost worker, and turned into findings by the check command (their rules say
check: {emitted_by: reader}); INP002 is a declarative rule; INP004, the rows whose figures could
not be read, is judged here, and INP006/INP008 from the notes readers leave on the document
(Document.input_notes)."""
from __future__ import annotations

from validator.document import SourceSpan
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


def _lines(numbers: list[int], total: int, lang: str) -> str:
    shown = "、".join(map(str, numbers)) if lang == "zh" else ", ".join(map(str, numbers))
    if total > len(numbers):
        shown += f" 等 {total} 行" if lang == "zh" else f" and {total - len(numbers)} more"
    return shown


@named_check("decoding_repaired")
def decoding_repaired(ctx: CheckContext):
    """INP008: the text reader decoded some lines in the other encoding or with replacements
    (validator/readers/decoding.py left a note on the document)."""
    out = []
    for note in ctx.doc.input_notes:
        if note.get("kind") != "decoding":
            continue
        zh, en = [], []
        if note.get("replaced_bytes"):
            n, lines = note["replaced_bytes"], note["replaced_lines"]
            total = note["replaced_line_count"]
            zh.append(f"第 {_lines(lines, total, 'zh')} 行有 {n} 个字节无法解码（已替换为 �）")
            en.append(f"{n} byte(s) on line{'s' if total > 1 else ''} {_lines(lines, total, 'en')} do not decode "
                      "(replaced by �)")
        if note.get("other_lines"):
            other, lines, total = note["other_encoding"].upper(), note["other_lines"], note["other_line_count"]
            zh.append(f"第 {_lines(lines, total, 'zh')} 行是 {other} 编码")
            en.append(f"line{'s' if total > 1 else ''} {_lines(lines, total, 'en')} "
                      f"{'are' if total > 1 else 'is'} in {other}")
        first = (note.get("replaced_lines") or note.get("other_lines") or [None])[0]
        out.append(Violation({"encoding": note["encoding"].upper(), "where_zh": "，".join(zh),
                              "where_en": "; ".join(en)},
                             Location(span=SourceSpan(line=first), fact="input.decoding"),
                             fingerprint_text="decoding"))
    return out


@named_check("input_limit_exceeded")
def input_limit_exceeded(ctx: CheckContext):
    """INP006: one finding per limit the document ran into (validator/limits.py)."""
    from validator.limits import LIMIT_NAMES  # noqa: PLC0415

    out = []
    for note in ctx.doc.input_notes:
        if note.get("kind") != "limit":
            continue
        what_zh, what_en = LIMIT_NAMES.get(note["limit"], (note["limit"], note["limit"]))
        out.append(Violation({"limit": note["limit"], "asked": note["asked"], "cap": note["cap"],
                              "count": note["count"], "what_zh": what_zh, "what_en": what_en},
                             Location(span=SourceSpan.from_dict(note.get("where")), fact=f"input.limits.{note['limit']}"),
                             fingerprint_text=note["limit"]))
    return out


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
