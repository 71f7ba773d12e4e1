"""The compiled form of the rules' conditions (engine/evaluate.py compile_expr, compile_cond) is the
interpreter's (Context.expr, Context.cond) made once: on real reports every finding, every checklist
entry and every reason is the same whichever of the two evaluates the checks."""
from pathlib import Path

import pytest

from validator.engine import run as engine_run
from validator.engine.evaluate import Context, NotApplicable, Value, compile_causes, compile_cond, compile_expr
from validator.engine.rules import load_rules
from validator.facts import build_facts
from validator.readers import read_path
from validator.recognize import recognise

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted([*(ROOT / "examples").glob("*.md"), *(ROOT / "tests" / "corpus").glob("*.txt"),
                  *(ROOT / "tests" / "corpus").glob("*.md")])
RULES = load_rules()


def _interpreted(check: dict):
    lets = [(name, lambda ctx, e=e: ctx.expr(e)) for name, e in check.get("let", {}).items()]
    where = (lambda ctx: ctx.cond(check["where"])) if "where" in check else None
    every = [*check.get("let", {}).values(), check.get("where"), check["assert"]]
    return lets, where, lambda ctx: ctx.cond(check["assert"]), lambda ctx, out: out.extend(ctx.causes(every))


def _outcome(path: Path) -> tuple[list[dict], list[dict]]:
    doc = read_path(path)
    report = recognise(doc)
    findings, checklist = engine_run.run_rules(RULES, build_facts(report), doc, report)
    return [f.to_dict() for f in findings], checklist


@pytest.mark.parametrize("path", REPORTS, ids=[p.name for p in REPORTS])
def test_compiled_checks_judge_as_the_interpreter(path, monkeypatch):
    compiled = _outcome(path)
    monkeypatch.setattr(engine_run, "_compiled", _interpreted)
    assert _outcome(path) == compiled


def _ctx(**bindings) -> Context:
    facts = {"tables": {}, "parts": [], "meta": {"year": 2023}}
    ctx = Context(facts, {})
    ctx.bindings = dict(bindings)
    return ctx


@pytest.mark.parametrize("node", [
    {"equals": [{"fact": "meta.year"}, 2023]},
    {"compare": [{"fact": "meta.year"}, "<", 2020]},
    {"compare": [{"fact": "meta.nothing", "default": 3}, ">=", 3]},
    {"in": [{"fact": "$x.k"}, [1, 2]]},
    {"matches": [{"fact": "$x.s"}, "^a+$"]},
    {"not": {"truthy": {"fact": "$x.k"}}},
    {"all": [{"exists": {"fact": "$x.k"}}, {"empty": {"fact": "$x.none"}}]},
    {"some": {"of": {"fact": "$x.items"}, "holds": {"equals": ["$item", 2]}}},
    {"every": {"of": {"fact": "$x.items"}, "holds": {"compare": ["$item", ">", 0]}}},
    {"equals": [1, 1], "compare": [1, "<", 0]},  # two operators: the interpreter's order decides
    {"equals": [{"count": {"map": {"of": {"fact": "$x.items"}, "where": {"compare": ["$item", ">", 1]}}}}, 2]},
    {"equals": [{"if": {"truthy": {"fact": "$x.k"}}, "then": "yes", "else": "no"}, "yes"]},
])
def test_compiled_condition_gives_the_interpreters_answer(node):
    x = {"k": 1, "s": "aaa", "none": None, "items": [1, 2, 3]}
    a, b = _ctx(x=x), _ctx(x=x)
    assert compile_cond(node)(a) == b.cond(node)
    assert a.failed == b.failed and a.used == b.used


def test_compiled_nodes_fail_as_the_interpreter_does():
    ctx = _ctx()
    with pytest.raises(ValueError, match="unknown condition"):
        compile_cond({"no such operator": 1})(ctx)
    with pytest.raises(ValueError, match="unknown expression"):
        compile_expr({"no such expression": 1})(ctx)
    with pytest.raises(KeyError, match="unbound reference"):
        compile_expr({"fact": "$nothing.k"})(ctx)
    with pytest.raises(NotApplicable):
        compile_expr({"cell": {"table": "t3", "row": "r1", "column": "total"}})(ctx)
    # the first operand read decides which operand explains a skip
    with pytest.raises(NotApplicable, match="t1 not found"):
        compile_cond({"compare": [{"cell": {"table": "t1", "row": "a", "column": "b"}}, "<",
                                  {"cell": {"table": "t2", "row": "a", "column": "b"}}]})(ctx)
    assert compile_expr("$v")(_ctx(v=Value(3))).value == 3


@pytest.mark.parametrize("node", [
    [{"cell": {"table": "t3", "row": "r1", "column": "total"}}, None, {"fact": "meta.year"}],
    {"equals": [{"cell": {"table": "t1", "row": "a", "column": "b"}}, {"cell": {"table": "t2", "row": "a", "column": "b"}}]},
    {"in": [{"cell": {"table": "t1", "row": "a", "column": "b"}}, {"fact": "$x.items"}]},
    {"some": {"of": {"fact": "$x.items"}, "holds": {"cell": {"table": "t1", "row": "a", "column": "b"}}}},
    {"sum": {"table": "t3", "rows": ["a"]}},
    {"cell": {"table": "$nothing.id", "row": "a", "column": "b"}},
])
def test_compiled_causes_name_what_the_interpreter_names(node):
    a, b = _ctx(x={"items": [1]}), _ctx(x={"items": [1]})
    out: list = []
    compile_causes(node)(a, out)
    assert [(c.kind, c.table, c.row, c.column, str(c)) for c in out] == [
        (c.kind, c.table, c.row, c.column, str(c)) for c in b.causes(node)]


def test_no_previous_report_is_the_reason_alone():
    """engine/run.py stops listing a binding's causes once one is "no report of the previous year":
    that holds because combine() gives that reason alone, whatever else is missing."""
    from validator.engine import reasons

    facts = {"tables": {"t3": {"found": True, "rows": {}, "columns": {}}}, "parts": [], "meta": {}}
    others = [NotApplicable("x", "rows_missing", "t3", "r1", "c1"), NotApplicable("y", "table_absent", "t2"),
              NotApplicable("z", "cells_blank", "t3", "r2", "c2"), NotApplicable("w", "not_relevant")]
    alone = reasons.combine(facts, [NotApplicable("n", "no_previous")])
    assert alone == reasons.no_previous()
    for i in range(len(others) + 1):
        mixed = [*others[:i], NotApplicable("n", "no_previous"), *others[i:]]
        assert reasons.combine(facts, mixed) == alone
