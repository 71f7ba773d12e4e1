"""Run rules over one report's facts (and its document, for prose rules) -> Findings.

Every rule is isolated: a rule that crashes (running or rendering its message) becomes an
ENG001 finding naming the rule and its file instead of killing the run (sqlfluff's lesson);
validator/internal.py logs the traceback. The checklist records, per rule, pass / fail / not applicable — what
the HTML audit report shows as the requirement checklist.
"""
from __future__ import annotations

import marshal

from validator.document import SourceSpan
from validator.engine import reasons
from validator.engine.evaluate import (Context, NotApplicable, compile_causes, compile_cond, compile_expr, iterate,
                                       show)
from validator.engine.evaluate import part_titles_of as part_titles
from validator.engine.reasons import Reason
from validator.confidence import split_by_identities
from validator.engine.rules import Rule
from validator.findings import Finding, Location, Severity
from validator.limits import set_stage
from validator.records import field, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, Callable


@record
class Violation:
    """What a check returns: named values for the message, where, and what else is involved."""

    values: dict[str, Any]
    location: Location
    related: list[Location] = field(default_factory=list)
    fingerprint_text: str = ""
    fix: dict[str, Any] | None = None
    severity: Severity | None = None  # a check may lower/raise within its rule (SEC003)


class _SafeDict(dict):
    def __missing__(self, key):
        return "{" + key + "}"


# A placeholder value longer than this is clipped in messages (a 4,301-digit "figure", a 100,000-
# character line): well above the longest real value, a list of every blank cell of a table.
MAX_SHOWN_CHARS = 1000
SHOWN_WHEN_CLIPPED = 200


def _shown(v: Any) -> Any:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return show(v)
    if isinstance(v, str) and len(v) > MAX_SHOWN_CHARS:
        return f"{v[:SHOWN_WHEN_CLIPPED]}…（共 {len(v)} 字 / {len(v)} chars）"
    return v


def render(template: str, values: dict[str, Any]) -> str:
    shown = {k: _shown(v) for k, v in values.items()}
    return template.format_map(_SafeDict(shown))


def requirement_met(facts: dict, path: str) -> bool:
    """`requires` entries: 'tables.t3' (found), 'meta.year' (not null), 'parts.3' (found)."""
    head, *rest = path.split(".")
    if head == "tables":
        t = facts["tables"].get(rest[0]) if rest else None
        return bool(t and t.get("found"))
    if head == "parts":
        return any(p["number"] == int(rest[0]) and p["found"] for p in facts["parts"])
    value: Any = facts.get(head)
    for key in rest:
        if not isinstance(value, dict):
            return False
        value = value.get(key)
    return value not in (None, [], {}, "")


# each check's let, where and assert as closures (engine/evaluate.py compile_expr, compile_cond), and the walk
# that lists why a binding could not be judged (compile_causes), made the first time the check runs:
# {id(check): (check, compiled)}; the check is kept so that its id stays its own
_COMPILED: dict[int, tuple[dict, tuple]] = {}
_COMPILED_BY_CONTENT: dict[bytes, tuple] = {}  # marshal.dumps(check) -> compiled
_COMPILED_MAX = 4096  # checks of rule packs loaded again and again (tests): forgotten when the table is full


def _compiled(check: dict) -> tuple[list[tuple[str, Callable[[Context], Any]]], Callable[[Context], bool] | None,
                                    Callable[[Context], bool], Callable[[Context, list], None]]:
    entry = _COMPILED.get(id(check))
    if entry is not None and entry[0] is check:
        return entry[1]
    try:
        # the same rule loaded again (each `xxgk check` call in one process loads the pack) is equal
        # data in new objects: it shares the closures made for the first
        content: bytes | None = marshal.dumps(check)
    except ValueError:
        content = None
    compiled = _COMPILED_BY_CONTENT.get(content) if content is not None else None
    if compiled is None:
        compiled = _compile_check(check)
        if content is not None:
            if len(_COMPILED_BY_CONTENT) >= _COMPILED_MAX:
                _COMPILED_BY_CONTENT.clear()
            _COMPILED_BY_CONTENT[content] = compiled
    if len(_COMPILED) >= _COMPILED_MAX:
        _COMPILED.clear()
    _COMPILED[id(check)] = (check, compiled)
    return compiled


def _compile_check(check: dict) -> tuple:
    lets = [(name, compile_expr(e)) for name, e in check.get("let", {}).items()]
    where = compile_cond(check["where"]) if "where" in check else None
    if "assert" in check:
        assertion = compile_cond(check["assert"])
        causes = compile_causes([*check.get("let", {}).values(), check.get("where"), check["assert"]])
    else:  # the interpreter's KeyError, when evaluated, as before
        def assertion(ctx: Context) -> bool:
            return ctx.cond(check["assert"])

        def causes(ctx: Context, out: list) -> None:
            out.extend(ctx.causes([*check.get("let", {}).values(), check.get("where"), check["assert"]]))
    return (lets, where, assertion, causes)


def _declarative(rule: Rule, ctx: Context, check: dict, row_sets: dict) -> tuple[list[Violation], bool, list]:
    """(violations, whether any binding was judged, why the others were not) of one check
    (docs/writing-rules.md §2): for each binding, `let`, `where`, `assert`."""
    if "checks" in check:
        out: list[Violation] = []
        judged, causes = False, []
        for sub in check["checks"]:
            v, j, c = _declarative(rule, ctx, sub, row_sets)
            out.extend(v)
            judged = judged or j
            causes.extend(c)
        return out, judged, causes
    facts = ctx.facts
    out = []
    applicable = False
    causes = []
    arithmetic = "arithmetic" in rule.groups
    compiled_lets, where, assertion, list_causes = _compiled(check)
    ctx.skipped = []
    no_previous = False
    for binding in iterate(ctx, check.get("for_each")):
        ctx.bindings = {**binding, "_row_sets": row_sets}
        ctx.failed = None
        ctx.used = []
        try:
            for name, value in compiled_lets:
                ctx.bindings[name] = value(ctx)
            if where is not None and not where(ctx):
                continue
            ctx.failed = None  # a comparison of `where` is not what the assertion failed on
            asserted = len(ctx.used)  # the operands of the assertion itself start here
            ok = assertion(ctx)
        except NotApplicable as first:
            if no_previous:
                # once a cause is "no report of the previous year", reasons.combine gives that reason
                # alone: what else this binding lacks changes nothing (a cross-year rule on an
                # unpaired report would list every cell of every binding)
                continue
            found: list[NotApplicable] = []
            list_causes(ctx, found)
            found = found or [first]
            causes.extend(found)
            no_previous = any(c.kind == "no_previous" for c in found)
            continue
        if arithmetic:
            # a blank cell is not a figure: nothing happened, or the figure was forgotten or lost
            # in extraction (TAB006 names it). An identity with a blank operand is not verified,
            # whichever way it comes out — never failed on a 0 the report did not write
            blank = [o for o in ctx.used[asserted:] if o.blank]
            if blank:
                causes.extend(NotApplicable(f"cell {o.table}.{o.row}.{o.column} blank", "cells_blank", o.table,
                                            o.row, o.column) for o in blank)
                continue
        if ok and arithmetic:
            # figures cut out of a run of digits by the table's own identities satisfy them by
            # construction: a pass on them verifies nothing (a failure still says something)
            split = [o for o in ctx.used if o.report != "previous" and split_by_identities(facts, o.table, o.row, o.column)]
            if split:
                causes.extend(NotApplicable(f"row {o.table}.{o.row} split by identities", "rows_split", o.table,
                                            o.row, o.column) for o in split)
                continue
        applicable = True
        if ok:
            continue
        out.append(_violation_from(ctx, check, binding))
    causes.extend(ctx.skipped)
    if check["assert"] is False:
        applicable = True  # a listing: every binding is a violation, and none is a pass
    return out, applicable, causes


def _violation_from(ctx: Context, check: dict, binding: dict) -> Violation:
    values: dict[str, Any] = {}
    table = binding.get("table")
    row = binding.get("row")
    column = binding.get("column")
    group = binding.get("group")
    part = binding.get("part")
    if part:
        values.update(part=part["official"], part_found=part.get("heading", ""))
    if table:
        values["table"] = table.get("title", table["id"])
    if row:
        values["row"] = row.get("label") or row["id"]
    if column:
        values["column"] = column.get("full_label") or column.get("label")
    if group:
        values["group"] = group["label"]
    related: list[Location] = []
    location = None
    failed = ctx.failed
    ops: list = []
    if failed is not None:
        left, right = failed.left, failed.right
        ctx.bindings["actual"], ctx.bindings["expected"] = left, right
        values.update(actual=left.value, expected=right.value)
        if isinstance(left.value, (int, float)) and isinstance(right.value, (int, float)):
            values["difference"] = round(left.value - right.value, 6)
        ops = left.operands + right.operands
        values["operands"] = " + ".join(("上年·" if o.report else "") + f"{o.location.row or o.row}·"
                                        f"{o.location.column or o.column} {show(o.value)}"
                                        for o in right.operands) or ""
        values["operand_cells"] = [
            {"table": o.table, "row": o.row, "column": o.column, "value": o.value, "blank": o.blank,
             "row_label": o.location.row, "column_label": o.location.column, "location": o.location.span.to_dict(),
             **({"report": o.report} if o.report else {})}
            for o in ops
        ]
        if len(left.operands) == 1:
            location = left.operands[0].location
        elif left.operands:
            # several cells on the left (一 + 二): point at the first one, name the binding
            first = left.operands[0].location
            location = Location(span=first.span, part=first.part, table=first.table, table_title=first.table_title,
                                row=values.get("row"), column=values.get("column") or first.column,
                                fact=f"tables.{first.table}" + (f".columns.{column['id']}" if column else ""))
    for name, e in check.get("report", {}).items():
        try:
            value = ctx.expr(e).value
        except NotApplicable:
            value = None
        values[name] = "" if value is None else value
    at = check.get("at")
    if at is not None:
        location, at_operand = _locate(ctx, at, values)
        if at_operand is not None:
            ops = [o for o in ops if (o.table, o.row, o.column, o.report) !=
                   (at_operand.table, at_operand.row, at_operand.column, at_operand.report)]
    if failed is not None:
        related = [o.location for o in ops if o.location is not location]
    if location is None:
        if table:
            tid = table["id"]
            span = (row or {}).get("location") or (table.get("locations") or [{}])[0].get("location")
            location = ctx.location(tid, row["id"] if row else None, column["id"] if column else None, span)
            if group and not column:
                location.column = group["label"]
                location.fact = f"tables.{tid}.groups.{group['id']}"
        elif part:
            location = Location(span=SourceSpan.from_dict(part.get("location")), part=part["official"],
                                fact=f"parts.{part['number']}")
        else:
            location = Location()
    if "fingerprint" in check:
        fingerprint = show(ctx.expr(check["fingerprint"]).value)
    else:
        fingerprint = str(values.get("row", "")) + str(values.get("column", "")) + str(values.get("group", ""))
    severity = None
    for choice in check.get("severity", []):
        if "if" not in choice or ctx.cond(choice["if"]):
            severity = Severity.parse(choice["level"])
            break
    return Violation(values=values, location=location, related=related, fingerprint_text=fingerprint,
                     severity=severity)


def _locate(ctx: Context, at: dict, values: dict[str, Any]) -> tuple[Location, Any]:
    """A violation's location from the check's `at` (docs/writing-rules.md §5), and the cell
    operand it names, if any (not repeated among the related locations)."""
    if "cell" in at:
        operand = ctx.expr({"cell": at["cell"]}).operands[0]
        return operand.location, operand
    if "statement" in at:
        st = ctx.resolve(at["statement"])
        location = ctx.text_location(st["start"], st["part"])
    elif "part" in at:
        number = ctx.expr(at["part"]).value
        location = ctx.part_location(number)
        values.setdefault("part", location.part)
    elif "table" in at:
        location = ctx.table_location(ctx.expr(at["table"]).value, ctx.expr(at.get("row")).value,
                                      ctx.expr(at.get("column")).value)
    else:
        location = Location()
    if "fact" in at:
        location.fact = show(ctx.expr(at["fact"]).value)
    if "span" in at:
        span = ctx.expr(at["span"]).value
        if span:
            location.span = SourceSpan.from_dict(span)
    return location, None


@record
class Outcome:
    """One rule on one report: its violations, pass | fail | not_applicable, and why it could
    not judge (all of it, or — `partial` — some rows or cells of a check that otherwise ran)."""

    violations: list[Violation]
    status: str
    reason: Reason | None = None
    partial: Reason | None = None


def _requirement_reason(facts: dict, path: str) -> Reason:
    head, *rest = path.split(".")
    if head == "tables" and rest:
        return reasons.table_absent(facts, rest[0])
    if head == "parts" and rest and rest[0].isdigit():
        return reasons.part_absent(facts, int(rest[0]))
    return reasons.unknown(facts, path)


# rules whose findings are made elsewhere (check: {emitted_by: …}): the engine does not run them
_EMITTED_BY = {
    "reader": ("文件已读出", "the file was read"),
    "suppressions": ("只在报告中有抑制注释时检查", "checked only where the report has suppression comments"),
}


def _inapplicable(check: dict, ctx: Context) -> Reason | None:
    """The reason the check's `when` gives for not applying to this report, or None when it applies."""
    when = check.get("when")
    if when is None:
        return None
    items = when if isinstance(when, list) else [{"if": when}]
    for item in items:
        try:
            holds = ctx.cond(item["if"])
        except NotApplicable as exc:
            return reasons.combine(ctx.facts, ctx.causes(item["if"]) or [exc]) or reasons.nothing_to_check()
        if holds:
            continue
        otherwise = item.get("else")
        if otherwise is None:
            return reasons.condition_unmet(item["if"], ctx.facts)
        if "unknown" in otherwise:
            return reasons.unknown(ctx.facts, otherwise["unknown"])
        if "option" in otherwise:
            return reasons.option_off(otherwise["zh"], otherwise["en"], otherwise["option"])
        return reasons.not_relevant(otherwise["zh"], otherwise["en"])
    return None


def run_rule(rule: Rule, facts: dict, doc, report, options: dict, row_sets: dict,
             previous=None) -> Outcome:
    """`previous`: last year's report (validator.pairing.PreviousYear) when the report was paired."""
    check = rule.check
    if "emitted_by" in check:
        return Outcome([], "not_applicable", reasons.not_relevant(*_EMITTED_BY[check["emitted_by"]]))
    if rule.formats and facts["template"]["used"] not in rule.formats:
        return Outcome([], "not_applicable", reasons.format_only(rule.formats, facts["template"]["used"]))
    for r in rule.requires:
        if not requirement_met(facts, r):
            return Outcome([], "not_applicable", _requirement_reason(facts, r))
    ctx = Context(facts, part_titles(facts), previous.facts if previous is not None else None, report, options)
    unmet = _inapplicable(check, ctx)
    if unmet is not None:
        return Outcome([], "not_applicable", unmet)
    if "python" in check:
        from validator.engine.checks import NAMED_CHECKS, CheckContext  # noqa: PLC0415

        named = CheckContext(rule=rule, facts=facts, doc=doc, report=report, options=options, previous=previous)
        violations = list(NAMED_CHECKS[check["python"]](named) or [])
        if named.not_applicable and not violations:
            return Outcome([], "not_applicable", named.reason or reasons.nothing_to_check())
        return Outcome(violations, "fail" if violations else "pass", partial=named.partial)
    violations, applicable, causes = _declarative(rule, ctx, check, row_sets)
    status = "fail" if violations else ("pass" if applicable else "not_applicable")
    if status == "not_applicable" and "not_applicable" in check:
        return Outcome([], status, reasons.not_relevant(check["not_applicable"]["zh"], check["not_applicable"]["en"]))
    reason = reasons.combine(facts, causes)
    if status == "not_applicable":
        return Outcome([], status, reason or reasons.nothing_to_check())
    # a check that ran but could not judge some rows: say so unless only irrelevant rows were skipped
    partial = reason if reason is not None and reason.kind in reasons.READING_KINDS else None
    return Outcome(violations, status, partial=partial)


def to_finding(rule: Rule, v: Violation, severity: Severity, template: str | None = None) -> Finding:
    """The finding of violation `v`; `template` (the report's unified format) picks the basis it cites."""
    values = dict(v.values)
    message = {lang: render(rule.message[lang], values) for lang in ("zh", "en")}
    hint = {lang: render(rule.hint[lang], values) for lang in ("zh", "en")}
    fixable = rule.fixable and v.fix is not None
    if fixable:  # offered only where --fix can apply it (not in a PDF, a web page, Word's automatic numbering)
        from validator.i18n import t  # noqa: PLC0415

        hint = {lang: (text + ("" if lang == "zh" else " ") + t("fix.offer", lang)).strip() for lang, text in hint.items()}
    clean = {k: val for k, val in values.items() if isinstance(val, (int, float, str, list, dict, bool)) or val is None}
    return Finding(
        rule=rule.id, name=rule.name, severity=v.severity or severity, message=message, location=v.location,
        hint=hint, basis=rule.basis_for(template), values=clean, related=v.related, fixable=fixable,
        fix=v.fix, fingerprint_text=v.fingerprint_text,
    )


def run_rules(rules: list[Rule], facts: dict, doc, report, config: dict | None = None
              ) -> tuple[list[Finding], list[dict]]:
    """All findings for one report, plus the checklist (one entry per rule)."""
    config = config or {}
    severities = config.get("severity", {})
    rule_options = config.get("options", {})
    from validator.recognize.formats import load_formats  # noqa: PLC0415

    fmt = load_formats().get(facts["template"]["used"])
    t3 = fmt.table("t3") if fmt else None
    row_sets = t3.row_sets if t3 else {}
    findings: list[Finding] = []
    checklist: list[dict] = []
    for rule in rules:
        severity = Severity.parse(severities[rule.id]) if rule.id in severities else rule.severity
        options = {**rule.option_defaults(), **rule_options.get(rule.id, {})}
        set_stage("rules")
        try:
            outcome = run_rule(rule, facts, doc, report, options, row_sets, config.get("previous"))
            # rendering is the rule's too: a bad placeholder is its bug, not the file's
            rendered = [to_finding(rule, v, severity, facts["template"]["used"]) for v in outcome.violations]
        except Exception as exc:  # noqa: BLE001 - a crashing rule must not take the run down
            from validator.internal import rule_crash_finding  # noqa: PLC0415 - only when a rule crashes

            findings.append(rule_crash_finding(rule, exc, (facts.get("source") or {}).get("path", "")))
            checklist.append({"rule": rule.id, "name": rule.name, "title": rule.title, "status": "error"})
            continue
        findings.extend(rendered)
        entry = {"rule": rule.id, "name": rule.name, "title": rule.title, "status": outcome.status,
                 "groups": rule.groups, "findings": len(outcome.violations),
                 **({"requirement": rule.requirement} if rule.requirement else {})}
        if outcome.reason is not None:
            entry["reason"] = outcome.reason.to_dict()
        if outcome.partial is not None:
            entry["partial"] = outcome.partial.to_dict()
        checklist.append(entry)
    return findings, checklist
