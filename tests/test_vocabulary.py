"""The rule vocabulary's operators (docs/writing-rules.md), one by one, on a small report.

Each rule's own cases test the operators as rules use them; these pin down what each operator
means on its own: its value, what makes it not applicable, and what a failed comparison keeps.
"""
import json

import pytest

from validator.engine.evaluate import Context, NotApplicable, iterate
from validator.engine.evaluate import part_titles_of
from validator.engine.rules import _walk_check, load_rules
from validator.facts import build_facts
from validator.readers.text_reader import parse_text
from validator.recognize import recognise
from validator.resources import data_root

EXAMPLE = "examples/report-2023-gov2021.md"


@pytest.fixture(scope="module")
def analysed():
    with open(f"{data_root()}/{EXAMPLE}", encoding="utf-8") as fh:
        text = fh.read()
    text = text.replace("本年度共收到政府信息公开申请", "本年度共收到政府信息公开申请", 1)
    report = recognise(parse_text(text, path="r.md"))
    return report, build_facts(report)


def ctx_for(analysed, **options) -> Context:
    report, facts = analysed
    return Context(facts, part_titles_of(facts), None, report, options)


def value(ctx, e):
    return ctx.expr(e).value


def test_literals_bindings_and_paths(analysed):
    ctx = ctx_for(analysed)
    ctx.bindings = {"x": {"a": [10, {"b": "deep"}]}}
    assert value(ctx, 3) == 3 and value(ctx, "text") == "text" and value(ctx, None) is None
    assert value(ctx, "$x.a.0") == 10 and value(ctx, "$x.a.1.b") == "deep"
    with pytest.raises(KeyError):
        value(ctx, "$unbound")


def test_cells_sums_and_arithmetic_keep_their_operands(analysed):
    ctx = ctx_for(analysed)
    new = ctx.expr({"cell": {"table": "t3", "row": "new", "column": "total"}})
    assert isinstance(new.value, int) and [o.row for o in new.operands] == ["new"]
    both = ctx.expr({"add": [{"cell": {"table": "t3", "row": "new", "column": "total"}},
                             {"cell": {"table": "t3", "row": "carried_in", "column": "total"}}]})
    assert [o.row for o in both.operands] == ["new", "carried_in"]
    left = ctx.expr({"subtract": [both.value, {"cell": {"table": "t3", "row": "carried_in", "column": "total"}}]})
    assert left.value == new.value
    applicants = ctx.expr({"sum": {"table": "t3", "rows": ["new"],
                                   "columns": ["natural", "business", "research", "charity", "legal", "other"]}})
    assert applicants.value == new.value and len(applicants.operands) == 6


def test_an_absent_operand_is_not_applicable_with_its_kind(analysed):
    ctx = ctx_for(analysed)
    with pytest.raises(NotApplicable) as exc:
        ctx.expr({"cell": {"table": "t2_9", "row": "procurement", "column": "count"}})  # a 2019-only table
    assert exc.value.kind == "table_absent"
    assert ctx.cond({"exists": {"cell": {"table": "t2_9", "row": "procurement", "column": "count"}}}) is False
    with pytest.raises(NotApplicable) as exc:
        ctx.expr({"cell": {"table": "t3", "row": "new", "column": "total", "report": "previous"}})
    assert exc.value.kind == "no_previous"


def test_facts_with_defaults_counts_and_labels(analysed):
    ctx = ctx_for(analysed)
    assert value(ctx, {"fact": "meta.year"}) == 2023
    assert value(ctx, {"fact": "meta.nothing.here", "default": "?"}) == "?"
    assert value(ctx, {"fact": "parts.0.number"}) == 1
    assert value(ctx, {"count": {"fact": "parts"}}) == 6
    assert value(ctx, {"labels": {"table": "t3", "ids": {"list": ["new", "carried_in"]}}}).startswith("一、本年新收")


def test_text_of_the_report_and_of_a_part(analysed):
    ctx = ctx_for(analysed)
    whole = value(ctx, {"text": "all"})
    part5 = value(ctx, {"text": {"part": 5}})
    body5 = value(ctx, {"text": {"part": 5, "body": True}})
    assert part5 in whole and part5.startswith("五、") and body5 and not body5.startswith("五、")
    assert value(ctx, {"text": "preface"}) in whole


def test_options_dates_days_and_lookup(analysed):
    ctx = ctx_for(analysed, published="20240301")
    assert value(ctx, {"option": "published"}) == "20240301"
    assert value(ctx, {"date": {"parse": {"option": "published"}}}) == "2024-03-01"
    assert value(ctx, {"date": {"parse": "not a date"}}) is None
    deadline = {"date": {"year": {"add": [{"fact": "meta.year"}, 1]},
                         "month": {"lookup": [{"fact": "meta.level"}, {"government": 3}], "default": 1}, "day": 31}}
    assert value(ctx, deadline) in ("2024-03-31", "2024-01-31")
    assert value(ctx, {"days": ["2024-01-31", "2024-03-01"]}) == 30
    assert value(ctx, {"lookup": ["x", {"y": 1}], "default": 0}) == 0


def test_text_and_list_operators(analysed):
    ctx = ctx_for(analysed)
    items = {"list": [{"zh": "甲", "n": 1}, {"zh": "乙", "n": 2}, {"zh": "丙", "n": 3}]}
    odd = {"map": {"of": items, "as": "i", "where": {"compare": ["$i.n", "!=", 2]}, "value": "$i.zh"}}
    assert value(ctx, odd) == ["甲", "丙"]
    assert value(ctx, {"join": {"of": odd}}) == "甲、丙"
    assert value(ctx, {"join": {"of": odd, "sep": "/", "first": 1}}) == "甲"
    assert value(ctx, {"first": {"of": items, "as": "i", "where": {"compare": ["$i.n", ">", 1]}}}) == {"zh": "乙", "n": 2}
    assert value(ctx, {"first": {"of": {"list": []}}, "default": "?"}) == "?"
    assert value(ctx, {"concat": ["共", 2.0, "件", None]}) == "共2件"
    assert value(ctx, {"clip": {"of": "一二三四五", "chars": 3}}) == "一二三…"
    assert value(ctx, {"clip": {"of": "一二三", "chars": 3}}) == "一二三"
    assert value(ctx, {"strip": "  x \n"}) == "x"
    assert value(ctx, {"entries": {"fact": "template.markers"}})[0]["key"] == "gov2019"
    assert len(value(ctx, {"values": {"fact": "template.markers"}})) == 2
    assert value(ctx, {"if": {"truthy": 0}, "then": "yes", "else": "no"}) == "no"
    assert "30号" in value(ctx, {"format": {"id": {"fact": "template.used"}, "field": "basis"}})


def test_conditions(analysed):
    ctx = ctx_for(analysed)
    ctx.bindings = {"pattern": r"\d{4}年"}
    assert ctx.cond(False) is False
    assert ctx.cond({"matches": [{"text": "all"}, "$pattern"]})
    assert ctx.cond({"in": [{"fact": "meta.year"}, [2022, 2023]]})
    assert ctx.cond({"in": ["t3", {"entries": {"fact": "tables"}}]}) is False
    parts = {"fact": "parts"}
    assert ctx.cond({"some": {"of": parts, "as": "p", "holds": {"equals": ["$p.number", 6]}}})
    assert ctx.cond({"every": {"of": parts, "as": "p", "holds": {"truthy": "$p.found"}}})
    assert "p" not in ctx.bindings  # `as:` bindings end with their operator
    assert ctx.cond({"all": [True, {"any": [False, {"not": False}]}]})


def test_a_failed_comparison_keeps_both_sides(analysed):
    ctx = ctx_for(analysed)
    assert not ctx.cond({"compare": [{"cell": {"table": "t3", "row": "new", "column": "total"}}, "<", 0]})
    assert ctx.failed.left.operands[0].row == "new" and ctx.failed.right.value == 0


def test_iterations_nest_and_bind(analysed):
    ctx = ctx_for(analysed)
    found = list(iterate(ctx, {"parts": "found"}))
    assert [b["part"]["number"] for b in found] == [1, 2, 3, 4, 5, 6]
    rows = list(iterate(ctx, {"rows": {"table": ["t2_5", "t2_6"]}}))
    assert {b["table"]["id"] for b in rows} == {"t2_5", "t2_6"}
    nested = list(iterate(ctx, [{"tables": ["t3", "t4"]}, {"items": {"of": {"fact": "$table.missing_columns"}, "as": "c"}}]))
    assert nested == []  # nothing missing in the clean example
    items = list(iterate(ctx, {"items": {"of": {"list": [1, 2]}, "as": "n"}}))
    assert items == [{"n": 1}, {"n": 2}]


def test_statements_meanings_and_figures(analysed):
    ctx = ctx_for(analysed)
    counts = ctx.statements("applications.count")
    assert counts and all(set(st) >= {"kind", "quote", "value", "tags", "part", "start", "end"} for st in counts)
    assert ctx.statements("applications.count") is counts  # read once per report
    ctx.bindings = {"statement": counts[0]}
    meaning = ctx.expr({"meaning": "$statement"})
    assert meaning.label and meaning.operands
    assert ctx.cond({"equals": ["$statement.value", {"meaning": "$statement"}]})
    distinct = list(iterate(ctx, {"statements": {"kinds": ["applications.count", "applications.count"], "distinct": True}}))
    assert len(distinct) == len(counts)
    ctx.bindings = {"statement": {"kind": "cases.none", "tags": ["review"], "groups": []}}
    figures = ctx.expr({"figures": {"statement": "$statement"}}).value
    assert figures and all(f.operands for f in figures)
    assert value(ctx, {"label": {"first": {"of": figures}}}) == ""  # part 四's one row has no label
    ctx.bindings = {"statement": {"kind": "applications.none", "tags": ["applications"], "groups": []}}
    figures = ctx.expr({"figures": {"statement": "$statement"}}).value
    assert value(ctx, {"label": {"first": {"of": figures}}}).startswith("一、本年新收")
    assert {t["id"] for t in value(ctx, {"topics": "overview.topics"})} >= {"proactive"}


@pytest.mark.xfail(strict=True, reason="issue 12: the rules that use them move to data one by one")
def test_every_operator_is_used_by_a_rule():
    """Every expression, condition and iteration of the schema appears in some rule file (built-in or
    the example province pack), so every operator is exercised by at least one rule's cases."""
    with open(f"{data_root()}/schemas/rule.schema.json", encoding="utf-8") as fh:
        defs = json.load(fh)["$defs"]
    operators = {o["required"][0] for d in ("expr", "cond") for o in defs[d]["oneOf"] if o.get("required")}
    operators |= set(defs["iter"]["properties"])
    used: set = set()
    for rule in load_rules([f"{data_root()}/examples/province-pack"]):
        for _, key, value in _walk_check(rule.check, "check"):
            used.add(key)
            if key == "parts":
                used.add(value)
    missing = sorted(operators - used - {"found"})
    assert not missing, f"operators no rule uses (so no case exercises): {missing}"
