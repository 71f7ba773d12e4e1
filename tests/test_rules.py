"""Every rule's own cases (trigger / pass / boundary), straight from its YAML file.

`pytest -k SUM003` runs one rule's cases.
"""
import pytest

from validator.engine.cases import run_case
from validator.engine.rules import load_rules

RULES = load_rules()
CASES = [(r, c) for r in RULES for c in r.tests]


def test_every_rule_has_trigger_pass_and_boundary_cases():
    for rule in RULES:
        kinds = {c["expect"].split("-")[0] if c["expect"].startswith("boundary") else c["expect"] for c in rule.tests}
        boundary = [c for c in rule.tests if c["expect"].startswith("boundary")]
        assert {"trigger", "pass"} <= kinds and boundary, rule.id


def test_every_triggering_case_states_its_count():
    """How many findings a triggering case gives is part of what it tests (user packs may leave it out)."""
    missing = [f"{r.id}: {c['name']}" for r in RULES for c in r.tests
               if c["expect"] in ("trigger", "boundary-trigger") and c.get("count") is None]
    assert not missing, missing


def test_zh_and_en_messages_are_checked_somewhere():
    langs = {lang for r in RULES for c in r.tests for lang in (c.get("message_contains") or {})}
    assert langs == {"zh", "en"}


@pytest.mark.parametrize("rule,case", CASES, ids=[f"{r.id}-{c['expect']}-{c['name']}" for r, c in CASES])
def test_rule_case(rule, case):
    result = run_case(rule, case)
    assert result.ok, (
        f"{rule.id} case {case['name']!r} expected {case['expect']}"
        + (f" x{case['count']}" if case.get("count") else "")
        + f", got {len(result.findings)} finding(s): " + "; ".join(f.text("zh") for f in result.findings)
        + ("; en: " + "; ".join(f.text("en") for f in result.findings) if case.get("message_contains") else "")
    )


def test_rule_docs_are_generated_from_the_rules():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    rc = subprocess.run([sys.executable, str(root / "tools" / "make_rule_docs.py"), "--check"]).returncode
    assert rc == 0, "docs/rules.md or the table of docs/phrasebook.md is out of date: run python tools/make_rule_docs.py"
