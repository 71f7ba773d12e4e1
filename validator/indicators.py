"""The indicators evaluators read off the standard tables: 实质公开率, 不予公开率, 复议纠错率,
诉讼纠错率, 结转率 and the change in applications from last year.

They are data (rules/indicators/indicators.yaml, schemas/indicators.schema.json): a formula in
words, the source of the definition, and the cells it sums. This module computes them for one
report's facts (and last year's, when the report was paired), for `xxgk extract` (JSON and CSV)
and the reports of `xxgk check` (JSON, HTML).

Each result is plain data:

    {"id": "substantive_disclosure_rate", "name": {"zh": "实质公开率", …}, "kind": "ratio",
     "value": 0.4167, "numerator": 25, "denominator": 60, "n": 60, "small_sample": false}

or, when a figure it needs cannot be read, `value: null` and the `reason` (validator/engine/
reasons.py: which rows are missing or unreadable). Over fewer than `min_sample` cases the value is
still given but `small_sample` is true: 1 of 2 is not "50%" in any sense an evaluator can compare,
so it is shown as such and never rated.
"""
from __future__ import annotations

from validator.resources import rules_dir

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any


def indicator_files() -> list[str]:
    import os  # noqa: PLC0415

    directory = os.path.join(rules_dir(), "indicators")
    return sorted(os.path.join(directory, n) for n in os.listdir(directory) if n.endswith(".yaml"))


def load_indicators() -> list[dict[str, Any]]:
    """The indicator definitions, schema-validated and cached by content (SchemaError: exit 2)."""
    from validator.validation import cached  # noqa: PLC0415

    files = indicator_files()

    def build() -> list:
        from validator.validation import validate  # noqa: PLC0415
        from validator.yamlio import load_yaml  # noqa: PLC0415

        out: list = []
        for f in files:
            data = load_yaml(f)
            validate(data, "indicators.schema.json", f)
            out.extend(data["indicators"])
        return out

    return cached("indicators", files, build)


def _sum(ctx, terms: list[dict], used: list) -> float | int:
    """Sum of the terms (groups roll up into their sub-rows), adding the cells read to `used`;
    raises NotApplicable."""
    total: float | int = 0
    for term in terms:
        for operand in ctx.rollup(term["table"], term["row"], term["column"]):
            total += term.get("sign", 1) * operand.value
            used.append(operand)
    return total


def _how_read(facts: dict, used: list) -> tuple[list[str], list[str]]:
    """(doubts, corrected cells) of the cells an indicator was computed from."""
    from validator.confidence import DOUBTFUL_READS, read_kind  # noqa: PLC0415

    doubts, corrected = [], []
    for o in used:
        row = facts["tables"][o.table]["rows"][o.row]
        cell = (row.get("cells") or {}).get(o.column) or {}
        how = read_kind(row, cell)
        if how in DOUBTFUL_READS:
            doubts.append(how)
        elif how == "corrected":
            corrected.append(f"tables.{o.table}.rows.{o.row}.cells.{o.column}")
    return list(dict.fromkeys(doubts)), list(dict.fromkeys(corrected))


def _causes(ctx, terms: list[dict]) -> list:
    from validator.engine.evaluate import NotApplicable  # noqa: PLC0415

    out = []
    for term in terms:
        try:
            ctx.rollup(term["table"], term["row"], term["column"])
        except NotApplicable as exc:
            out.append(exc)
    return out


def _result(spec: dict) -> dict[str, Any]:
    return {"id": spec["id"], "name": spec["name"], "kind": spec["kind"], "formula": spec["formula"],
            "value": None, "n": None, "small_sample": False, "min_sample": spec["min_sample"]}


def compute(facts: dict, previous_facts: dict | None = None,
            specs: list[dict] | None = None) -> list[dict[str, Any]]:
    """Every indicator for one report (in definition order)."""
    from validator.engine import reasons  # noqa: PLC0415
    from validator.engine.evaluate import Context, NotApplicable, part_titles_of  # noqa: PLC0415

    ctx = Context(facts, part_titles_of(facts))
    prev_ctx = Context(previous_facts, part_titles_of(previous_facts)) if previous_facts else None
    out = []
    for spec in specs if specs is not None else load_indicators():
        res = _result(spec)
        used: list = []
        try:
            if spec["kind"] == "ratio":
                num = _sum(ctx, spec["numerator"], used)
                den = _sum(ctx, spec["denominator"], used)
                res.update(numerator=num, denominator=den, n=den)
                if den > 0:
                    res["value"] = round(num / den, 6)
                else:
                    res["reason"] = reasons.not_relevant("分母为 0（没有可计算的案件）",
                                                         "the denominator is 0 (no cases to compute it over)").to_dict()
            else:
                now = _sum(ctx, spec["value"], used)
                res["now"] = now
                if prev_ctx is None:
                    res["reason"] = reasons.no_previous().to_dict()
                else:
                    try:
                        before = _sum(prev_ctx, spec["value"], [])
                    except NotApplicable:
                        inner = reasons.combine(previous_facts, _causes(prev_ctx, spec["value"]))
                        year = (previous_facts.get("meta") or {}).get("year") or "?"
                        res["reason"] = {**(inner.to_dict() if inner else {}),
                                         "zh": f"上一年度（{year}）报告：{inner.zh if inner else ''}",
                                         "en": f"last year's ({year}) report: {inner.en if inner else ''}"}
                        out.append(res)
                        continue
                    res.update(previous=before, n=before)
                    if before > 0:
                        res["value"] = round((now - before) / before, 6)
                    else:
                        res["reason"] = reasons.not_relevant("上一年度为 0，无法计算变化率",
                                                             "last year's figure is 0: no rate of change").to_dict()
        except NotApplicable:
            terms = spec.get("numerator", []) + spec.get("denominator", []) + spec.get("value", [])
            reason = reasons.combine(facts, _causes(ctx, terms))
            res["reason"] = (reason or reasons.nothing_to_check()).to_dict()
        if res["value"] is not None and res["n"] is not None and res["n"] < spec["min_sample"]:
            res["small_sample"] = True
        doubts, corrected = _how_read(facts, used)
        if doubts:
            res["doubts"] = doubts  # computed from figures read with doubt: 请对照原件核对
        if corrected:
            res["corrected"] = corrected
        out.append(res)
    return out


def shown(res: dict, lang: str = "zh") -> str:
    """'41.7%' / '+250.0%' / '—'; a small sample says so instead of standing as a rate."""
    value = res.get("value")
    if value is None:
        return "—"
    text = f"{value * 100:+.1f}%" if res.get("kind") == "change" else f"{value * 100:.1f}%"
    if res.get("small_sample"):
        n = res.get("n")
        text += f"（n={n}，样本过小，不作评价）" if lang == "zh" else f" (n={n}: small sample, not rated)"
    return text
