"""TXT: the narrative against itself and against the tables (format-spec §4.5).

No wording lives here: what a sentence says is read by the phrasebook (rules/phrases/*.yaml,
validator/phrases/), and what it means in the tables is the phrase kind's `means` or
`contradicted_by`, written in the rule vocabulary's expressions. A rule names the kinds it reads
in its check (`phrases: [...]`). These checks only compare, and say nothing where a figure cannot
be read or its table cell is absent.
"""
from __future__ import annotations

from validator.engine.checks import CheckContext, named_check
from validator.engine.evaluate import NotApplicable
from validator.engine.run import Violation

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any


def _value(evaluator, expr) -> Any:
    """An expression's Value, or None when an operand is absent (not applicable)."""
    try:
        return evaluator.expr(expr)
    except NotApplicable:
        return None


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
