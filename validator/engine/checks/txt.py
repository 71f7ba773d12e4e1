"""TXT: the narrative against itself and against the tables (format-spec §4.5).

No wording lives here: what a sentence says is read by the phrasebook (rules/phrases/*.yaml,
validator/phrases/), and what it means in the tables is the phrase kind's `means` or
`contradicted_by`, written in the rule vocabulary's expressions. A rule names the kinds it reads
in its check (`phrases: [...]`). These checks only compare, and say nothing where a figure cannot
be read or its table cell is absent.
"""
from __future__ import annotations

from bisect import bisect_left, insort

from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.evaluate import NotApplicable
from validator.engine.run import Violation

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any


class _Taken:
    """Stretches of text already read, none overlapping another, kept sorted: whether a new one
    overlaps is a bisection (a long text has thousands of statements; scanning them all for
    each was quadratic). Sorted by (start, end), such stretches also have their ends in order,
    so the last one starting before a new stretch ends is the only one that can overlap it."""

    def __init__(self):
        self.spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.spans, (end, -1))  # the stretches that start before `end`
        return i > 0 and self.spans[i - 1][1] > start

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))


def _value(evaluator, expr) -> Any:
    """An expression's Value, or None when an operand is absent (not applicable)."""
    try:
        return evaluator.expr(expr)
    except NotApplicable:
        return None


@named_check("stated_figure_mismatch")
def stated_figure_mismatch(ctx: CheckContext):
    """A count in the text (phrase kinds of shape count) against what it means in the tables
    (the kind's `means` for the statement's tag): the statement agrees when it equals any
    applicable meaning. One statement per stretch of text: where two kinds read the same words,
    the first kind listed in the rule wins."""
    evaluator = ctx.evaluator()
    out = []
    applicable = False
    taken = _Taken()
    for kind in ctx.phrase_kinds():
        for st, part in ctx.statements(kind.id):
            if taken.overlaps(st.start, st.end):
                continue
            taken.add(st.start, st.end)
            accepted = []
            for meaning in kind.data["means"]:
                if meaning.get("tag") and meaning["tag"] not in st.tags:
                    continue
                if meaning.get("when") and meaning["when"] not in st.groups:
                    continue
                if meaning.get("unless") and meaning["unless"] in st.groups:
                    continue
                v = _value(evaluator, meaning["expr"])
                if v is not None and isinstance(v.value, (int, float)):
                    accepted.append((v, meaning["label"]))
            if not accepted:
                continue
            applicable = True
            if any(abs(st.value - v.value) < 1e-6 for v, _ in accepted):
                continue
            table, label = accepted[0]
            loc = ctx.text_location(st.start, part)
            loc.fact = f"text.{kind.id}"
            out.append(Violation({"quote": st.quote, "stated": st.value, "table_value": table.value, "cell": label,
                                  "difference": round(st.value - table.value, 6)},
                                 loc, [o.location for o in table.operands], fingerprint_text=st.quote))
    if not applicable:
        return ctx.na(reasons.not_relevant("正文中没有能与统计表数字比对的说法",
                                           "the text states no figure that can be compared with the tables"))
    return out


@named_check("claim_contradiction")
def claim_contradiction(ctx: CheckContext):
    """A claim in the text ("未收到申请", "未发生行政复议", "均已办结") against the tables: false when
    any figure listed under one of its tags in `contradicted_by` is above zero."""
    evaluator = ctx.evaluator()
    out = []
    applicable = False
    for kind in ctx.phrase_kinds():
        figures: dict[str, list] = {}
        for tag, exprs in kind.data["contradicted_by"].items():
            figures[tag] = [v for v in (_value(evaluator, e) for e in exprs) if v is not None]
        for st, part in ctx.statements(kind.id):
            if not any(figures.get(tag) for tag in st.tags):
                continue
            applicable = True
            contradiction = next(((tag, v) for tag in st.tags for v in figures[tag] if v.value), None)
            if contradiction is None:
                continue
            tag, v = contradiction
            values = {tag: (vs[0].value if vs else "?") for tag, vs in figures.items()}
            row = next((o.location.row for o in v.operands if o.location.row), "") or ""
            values.update({"quote": st.quote, "value": v.value, "row": row})
            out.append(Violation(values, ctx.text_location(st.start, part), [o.location for o in v.operands],
                                 fingerprint_text=st.quote))
    if not applicable:
        return ctx.na(reasons.not_relevant("正文中没有可与统计表比对的说法（如“未收到申请”）",
                                           "the text makes no claim the tables could contradict (such as 未收到申请)"))
    return out


@named_check("itemized_sum")
def itemized_sum(ctx: CheckContext):
    """A total and its items (shape breakdown) that do not add up."""
    out = []
    for kind in ctx.phrase_kinds():
        for st, part in ctx.statements(kind.id):
            v = st.value
            if v["sum"] == v["total"]:
                continue
            listed = " + ".join(f"{label}{n}" for label, n in v["items"])
            quote = st.quote if len(st.quote) <= 60 else st.quote[:60]
            out.append(Violation({"total": v["total"], "unit": v["unit"], "sum": v["sum"],
                                  "difference": v["sum"] - v["total"], "items": listed, "quote": quote},
                                 ctx.text_location(st.start, part), fingerprint_text=st.quote[:40]))
    return out


@named_check("mention_found")
def mention_found(ctx: CheckContext):
    """Every occurrence of a mention kind's topics is a finding (template placeholders), in the
    text and in table cells that are not numbers."""
    out = []
    text = ctx.report.stream.text
    for kind in ctx.phrase_kinds():
        for st, part in ctx.statements(kind.id):
            shown = st.quote if len(st.quote) <= 12 else st.quote[:12] + "…"
            context = (text[max(0, st.start - 10): st.start] + shown + text[st.end: st.end + 10]).replace("\n", " ")
            out.append(Violation({"placeholder": shown, "context": context}, ctx.text_location(st.start, part),
                                 fingerprint_text=context))
        from validator.phrases import find, load_phrasebook  # noqa: PLC0415

        book = load_phrasebook()
        for tid, t in ctx.facts["tables"].items():
            for rid, row in t["rows"].items():
                for cid, c in (row.get("cells") or {}).items():
                    if c["type"] == "invalid" and find(book, kind.id, c["raw"]):
                        out.append(Violation({"placeholder": c["raw"], "context": f"{t['title']}·{row['label']}"},
                                             ctx.table_location(tid, rid, cid), fingerprint_text=f"{tid}.{rid}.{cid}"))
    return out


@named_check("mention_missing")
def mention_missing(ctx: CheckContext):
    """A topic of a mention kind that the parts it reads never name: one finding per topic, at
    the first of those parts; not applicable when none of them is there."""
    out = []
    for kind in ctx.phrase_kinds():
        numbers = [w for w in kind.where if w != "preface"]
        present = [ctx.part(n) for n in numbers if ctx.part(n)]
        if not present:
            return ctx.na(reasons.part_absent(ctx.facts, numbers[0]) if numbers else reasons.nothing_to_check())
        named = {tag for st, _ in ctx.statements(kind.id) for tag in st.tags}
        from validator.engine.checks.sec import part_location  # noqa: PLC0415

        loc = part_location(ctx, present[0])
        for topic_id, topic in kind.data["topics"].items():
            if topic_id not in named:
                out.append(Violation({"topic": topic["title"]["zh"], "topic_en": topic["title"]["en"],
                                      "year": ctx.facts["meta"].get("year") or "", "part": present[0]["official"]},
                                     loc, fingerprint_text=topic["title"]["zh"]))
    return out
