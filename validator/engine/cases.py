"""A rule's own test cases: build the case's report text, run the rule, compare.

Used by the test suite (every case of every rule) and by `xxgk explain` (which shows one
triggering and one passing case), so the examples a user reads are the ones that are tested.
"""
from __future__ import annotations

from pathlib import Path

from validator.engine.rules import Rule
from validator.errors import XxgkError
from validator.findings import Finding
from validator.records import record
from validator.resources import data_root


class CaseError(XxgkError):
    pass


@record
class CaseResult:
    case: dict
    findings: list[Finding]
    text: str

    @property
    def triggered(self) -> bool:
        return bool(self.findings)

    @property
    def ok(self) -> bool:
        want = self.case["expect"] in ("trigger", "boundary-trigger")
        if want != self.triggered:
            return False
        if want and self.case.get("count") is not None and len(self.findings) != self.case["count"]:
            return False
        for lang, needle in (self.case.get("message_contains") or {}).items():
            if not any(needle in f.text(lang) for f in self.findings):
                return False
        return True


def _base_path(base: str) -> Path:
    for root in (Path(data_root()), Path(__file__).resolve().parents[2]):
        p = root / base
        if p.exists():
            return p
    raise CaseError(f"{base} is not available in this installation")


def case_text(case: dict) -> str:
    if "text" in case:
        return case["text"]
    if "file" in case:
        return ""
    text = _base_path(case["base"]).read_text(encoding="utf-8")
    for old, new in case.get("replace", []):
        n = text.count(old)
        if n != 1:
            raise CaseError(f"case {case['name']!r}: {old!r} occurs {n} times in {case['base']} (must be exactly once)")
        text = text.replace(old, new)
    return text


def run_case(rule: Rule, case: dict, all_rules: list[Rule] | None = None) -> CaseResult:
    """Run one case; raises CaseError when the case's files are not available."""
    from validator.commands.check import check_document  # noqa: PLC0415
    from validator.facts import build_facts  # noqa: PLC0415
    from validator.readers.text_reader import parse_text  # noqa: PLC0415
    from validator.recognize import recognise  # noqa: PLC0415

    if "file" in case:
        # an input the readers must refuse (INP001/INP003): the finding comes from reading
        from validator.commands.check import check_file  # noqa: PLC0415

        result = check_file(str(_base_path(case["file"])), [rule], {}, budget=case.get("time_budget"))
        return CaseResult(case, [f for f in result.findings if f.rule == rule.id], case["file"])
    text = case_text(case)
    doc = parse_text(text, path=case.get("base", "case.md"))
    report = recognise(doc)
    facts = build_facts(report)
    if case.get("corrections"):
        from validator.corrections import Correction, apply_corrections  # noqa: PLC0415

        apply_corrections(facts, [Correction(**{k: v for k, v in c.items() if k != "was"}, was=c.get("was"),
                                             has_was="was" in c, source=f"case#{i + 1}")
                                  for i, c in enumerate(case["corrections"])])
    config: dict = {"options": {rule.id: case.get("options", {})}}
    if case.get("previous"):
        prev_doc = parse_text(case_text({"name": case["name"], **case["previous"]}), path="previous.md")
        prev_report = recognise(prev_doc)
        from validator.pairing import PreviousYear  # noqa: PLC0415

        config["previous"] = PreviousYear.from_analysis("previous.md", prev_report, build_facts(prev_report))
    from validator.engine.rules import load_rules  # noqa: PLC0415

    pool = {r.id: r for r in (all_rules or load_rules())}
    pool.setdefault(rule.id, rule)
    rules = [rule, *(pool[r] for r in case.get("with_rules", []))]
    # every loaded rule is known (suppression comments may name any), only `rules` run
    findings, _ = check_document(doc, report, facts, rules, pool, config)
    return CaseResult(case, [f for f in findings if f.rule == rule.id and not f.suppressed], text)
