"""XYR: across years — this report against last year's (given with --previous, or paired
automatically within a batch by agency and year)."""
from __future__ import annotations

import re

from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation
from validator.facts import cell_value as _prev_value


@named_check("carry_over")
def carry_over(ctx: CheckContext):
    if not ctx.previous:
        return ctx.na(reasons.no_previous())
    out = []
    judged = False
    for cid, col in ctx.facts["tables"]["t3"]["columns"].items():
        now = ctx.value("t3", "carried_in", cid)
        before = _prev_value(ctx.previous, "t3", "carried_out", cid)
        if now is None or before is None:
            continue
        judged = True
        if now != before:
            out.append(Violation({"column": col["label"], "actual": now, "expected": before, "difference": now - before,
                                  "previous_year": ctx.previous["meta"].get("year") or "?"},
                                 ctx.table_location("t3", "carried_in", cid), fingerprint_text=cid))
    return out if judged else ctx.na(_unread(ctx, ("t3", "carried_in", "total"), ("t3", "carried_out", "total")))


def _unread(ctx: CheckContext, now: tuple[str, str, str], before: tuple[str, str, str]):
    """Why a cross-year comparison judged nothing: this year's cell, else last year's."""
    if ctx.value(*now) is None:
        return ctx.cell_reason(*now)
    reason = ctx.cell_reason(*before, facts=ctx.previous)
    year = (ctx.previous or {}).get("meta", {}).get("year") or "?"
    return reasons.Reason(reason.kind, f"上一年度（{year}）报告：{reason.zh}", f"last year's ({year}) report: {reason.en}",
                            {**reason.details, "previous": True})


@named_check("in_force_chain")
def in_force_chain(ctx: CheckContext):
    if ctx.facts["template"]["used"] != "gov2021":
        return ctx.na(reasons.format_only(["gov2021"], ctx.facts["template"]["used"]))
    if not ctx.previous:
        return ctx.na(reasons.no_previous())
    out = []
    judged = False
    for rid in ("rules", "normative_docs"):
        made, repealed, now = (ctx.value("t2_1", rid, c) for c in ("made", "repealed", "in_force"))
        before = _prev_value(ctx.previous, "t2_1", rid, "in_force")
        if None in (made, repealed, now, before):
            continue
        judged = True
        expected = before + made - repealed
        if now != expected:
            out.append(Violation({"row": ctx.facts["tables"]["t2_1"]["rows"][rid]["label"], "actual": now,
                                  "expected": expected, "previous": before, "made": made, "repealed": repealed,
                                  "difference": now - expected},
                                 ctx.table_location("t2_1", rid, "in_force"), fingerprint_text=rid))
    return out if judged else ctx.na(_unread(ctx, ("t2_1", "rules", "in_force"), ("t2_1", "rules", "in_force")))


def _narrative(part_text) -> str:
    text = "".join(part_text(n)[0] for n in (1, 5))
    return re.sub(r"[\d\s]+|20\d{2}年", "", text)


@named_check("copied_report")
def copied_report(ctx: CheckContext):
    if not ctx.previous_report:
        return ctx.na(reasons.no_previous())
    from validator.engine.checks import CheckContext as C  # noqa: PLC0415

    prev_ctx = C(rule=ctx.rule, facts=ctx.previous, doc=ctx.previous_report.document, report=ctx.previous_report)
    a = _narrative(ctx.part_text)
    b = _narrative(prev_ctx.part_text)
    if len(a) < 200 or len(b) < 200:
        return ctx.na(reasons.not_relevant("正文太短（不足 200 字），无从比较", "too little narrative (under 200 characters) to compare"))
    from difflib import SequenceMatcher  # noqa: PLC0415 - only when there is last year's report

    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    threshold = float(ctx.options.get("threshold", 0.85))
    if ratio < threshold:
        return []
    from validator.findings import Location  # noqa: PLC0415

    return [Violation({"similarity": round(ratio * 100, 1), "previous_year": ctx.previous["meta"].get("year") or "?",
                       "threshold": round(threshold * 100)}, Location(part=ctx.part_title(1), fact="text.narrative"),
                      fingerprint_text="copied")]
