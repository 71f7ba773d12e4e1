"""Rules as data, seen from outside: a province's pack written only in YAML, the rule template and
its scaffolding tool, and the grep that keeps the regulation out of validator/'s Python."""
import json
import subprocess
import sys

import pytest
import yaml

from tests.conftest import EXAMPLE_2023, ROOT, cli_run
from validator.engine.cases import run_case
from validator.engine.rules import load_rules

PROVINCE = ROOT / "examples" / "packs" / "province"
PACK_RULES = [r for r in load_rules([str(PROVINCE)]) if not r.builtin]
PACK_CASES = [(r, c) for r in PACK_RULES for c in r.tests]


def test_the_province_pack_is_yaml_only_and_adds_a_deadline_and_a_part_five_sentence():
    assert sorted(p.suffix for p in PROVINCE.iterdir()) == [".yaml"] * len(PACK_RULES)
    assert {r.id for r in PACK_RULES} == {"PRV001", "PRV002"}
    for r in PACK_RULES:
        assert "python" not in r.check and "emitted_by" not in r.check
        kinds = {c["expect"] for c in r.tests}
        assert {"trigger", "pass"} <= kinds and any(k.startswith("boundary") for k in kinds), r.id
    deadline = next(r for r in PACK_RULES if r.id == "PRV001")
    assert deadline.check["let"]["deadline"] == {"date": {"year": {"add": [{"fact": "meta.year"}, 1]}, "month": 3, "day": 1}}
    sentence = next(r for r in PACK_RULES if r.id == "PRV002")
    assert sentence.requires == ["parts.5"] and sentence.check["assert"]["matches"][0] == {"text": {"part": 5, "body": True}}


@pytest.mark.parametrize("rule,case", PACK_CASES, ids=[f"{r.id}-{c['expect']}-{c['name']}" for r, c in PACK_CASES])
def test_province_pack_case(rule, case):
    result = run_case(rule, case)
    assert result.ok, f"{rule.id} {case['name']!r}: " + "; ".join(f.text("zh") for f in result.findings)


def test_explain_shows_the_pack_rule_with_its_cases_run(capsys):
    code, out, _ = cli_run(["explain", "PRV002", "--rules", PROVINCE], capsys)
    assert code == 0
    assert "第五部分未报告上年度问题的整改情况" in out and "本省政府信息公开工作年度报告编制发布要求（示例）" in out
    assert "→ warning PRV002: “五、存在的主要问题及改进情况”部分没有报告上年度问题整改情况。" in out
    assert "→ 不报告问题" in out
    code, out, _ = cli_run(["explain", "PRV001", "--rules", PROVINCE, "--lang", "en"], capsys)
    assert code == 0 and "after this province's deadline for governments (2024-03-01; 14 days late)" in out


def test_check_with_the_pack_and_published_on_the_command_line(capsys):
    """--published is the option of every rule that declares one: the pack's deadline too."""
    code, out, _ = cli_run(["check", "-f", "json", "--rules", PROVINCE, EXAMPLE_2023], capsys)
    rules = [d["rule"] for d in json.loads(out)["files"][0]["diagnostics"]]
    assert rules.count("PRV001") == 1 and "PRV002" not in rules
    code, out, _ = cli_run(["check", "-f", "json", "--rules", PROVINCE, "--published", "2024-02-28", EXAMPLE_2023], capsys)
    assert "PRV001" not in [d["rule"] for d in json.loads(out)["files"][0]["diagnostics"]]


def test_new_rule_writes_a_working_rule_under_the_next_free_id(tmp_path):
    pack = tmp_path / "pack"
    for expected in ("PRV001", "PRV002"):
        rc = subprocess.run([sys.executable, str(ROOT / "tools" / "new_rule.py"), "prv", "--dir", str(pack)],
                            capture_output=True, text=True)
        assert rc.returncode == 0 and f"{expected}.yaml" in rc.stdout, rc.stderr
    assert yaml.safe_load((pack / "PRV002.yaml").read_text(encoding="utf-8"))["id"] == "PRV002"
    rules = [r for r in load_rules([str(pack)]) if not r.builtin]  # schema-valid
    assert [r.id for r in rules] == ["PRV001", "PRV002"]
    for case in rules[0].tests:  # the template is a rule whose cases hold
        assert run_case(rules[0], case).ok, case["name"]
    # a built-in area continues after the built-in ids
    rc = subprocess.run([sys.executable, str(ROOT / "tools" / "new_rule.py"), "SEC", "--dir", str(tmp_path / "s")],
                        capture_output=True, text=True)
    assert "SEC008.yaml" in rc.stdout, rc.stdout + rc.stderr


def test_no_label_part_title_deadline_or_required_phrase_in_validators_python():
    rc = subprocess.run([sys.executable, str(ROOT / "tools" / "regulation_in_python.py")], capture_output=True, text=True)
    assert rc.returncode == 0, rc.stdout
    assert "0 in string literals" in rc.stdout
