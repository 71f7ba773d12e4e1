"""SUM checks the declarative vocabulary cannot say in one assertion (format-spec §4.4)."""
from __future__ import annotations

from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation


@named_check("disclosure_count_implausible")
def disclosure_count_implausible(ctx: CheckContext):
    """2019 part 二: 本年新公开数量 ≤ 对外公开总数量; 上一年项目数量 + 本年增/减 ≥ 0."""
    out = []
    judged = False
    for rid in ("rules", "normative_docs"):
        new, total = ctx.value("t2_1", rid, "new_published"), ctx.value("t2_1", rid, "total_published")
        if new is None or total is None:
            continue
        judged = True
        if new > total:
            t = ctx.facts["tables"]["t2_1"]
            out.append(Violation({
                "row": t["rows"][rid]["label"], "table": t["title"],
                "what_zh": f"本年新公开数量 {new} 大于对外公开总数量 {total}",
                "what_en": f"本年新公开数量 {new} exceeds 对外公开总数量 {total}",
                "actual": new, "expected": total, "difference": new - total,
            }, ctx.table_location("t2_1", rid, "new_published"), [ctx.table_location("t2_1", rid, "total_published")],
                fingerprint_text=f"t2_1.{rid}"))
    for tid in ("t2_5", "t2_6", "t2_8"):
        t = ctx.facts["tables"].get(tid)
        if not t or not t["found"]:
            continue
        for rid in t["rows"]:
            prev, change = ctx.value(tid, rid, "prev_items"), ctx.value(tid, rid, "change")
            if prev is None or change is None:
                continue
            judged = True
            if prev + change < 0:
                out.append(Violation({
                    "row": t["rows"][rid]["label"], "table": t["title"],
                    "what_zh": f"上一年项目数量 {prev} + 本年增/减 {change} = {prev + change}，项目数不能为负",
                    "what_en": f"上一年项目数量 {prev} + 本年增/减 {change} = {prev + change}: the number of items cannot be negative",
                    "actual": prev + change, "expected": 0, "difference": prev + change,
                }, ctx.table_location(tid, rid, "change"), [ctx.table_location(tid, rid, "prev_items")],
                    fingerprint_text=f"{tid}.{rid}"))
    if not judged:
        return ctx.na()
    return out
