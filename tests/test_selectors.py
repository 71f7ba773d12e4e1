"""Rule selectors are validated everywhere: a typo never turns the linter off.

`--select`/`--ignore`, the config's select/ignore/severity/options and suppression comments name
rules by id, id prefix, name, group, alias or ALL. Ids are case-sensitive as in ruff. Anything that
names no rule is exit 2 with "did you mean …", in the user's language. (Config errors are also
tested in test_check_cli.py.)
"""
from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import EXAMPLE_2023, EXAMPLES, cli_run
from validator.engine.rules import load_rules
from validator.engine.selectors import SelectorError, matches, select_rules, suggestions, validate


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def ids(rules, select=(), ignore=()):
    return {r.id for r in select_rules(rules, list(select), list(ignore))}


def test_what_a_selector_may_name(rules):
    everything = {r.id for r in rules}
    assert ids(rules, ["SUM003"]) == {"SUM003"}
    assert ids(rules, ["SUM"]) == {r for r in everything if r.startswith("SUM")}
    assert ids(rules, ["SUM00"]) == ids(rules, ["SUM"])
    assert ids(rules, ["application-balance"]) == {"SUM003"}
    assert "FMT001" in ids(rules, ["typography"])  # a group
    assert ids(rules, ["ALL"]) == everything
    assert ids(rules, ["ALL"], ["SUM", "FMT"]) == {r for r in everything if not r.startswith(("SUM", "FMT"))}


@pytest.mark.parametrize("selector", ["SUM03", "sum003", "sum", "SUM999", "S", "SU", "tabels", "UM003", ""])
def test_nothing_else_names_a_rule(rules, selector):
    assert not any(matches(r, selector) for r in rules)
    with pytest.raises(SelectorError):
        validate(rules, [selector], {"zh": "--select", "en": "--select"})


@pytest.mark.parametrize("selector,meant", [
    ("SUM03", "SUM003"), ("sum003", "SUM003"), ("sum", "SUM"), ("SUM999", "SUM001 … SUM006"), ("tabels", "tables"),
    ("applicaton-balance", "application-balance"),
])
def test_did_you_mean(rules, selector, meant):
    assert meant in suggestions(rules, selector)


def test_unknown_selector_on_the_command_line_is_exit_2_with_a_suggestion(capsys):
    """The issue's acceptance: `xxgk check --select SUM03 examples/` exits 2 with a suggestion."""
    code, out, err = cli_run(["check", "--select", "SUM03", EXAMPLES], capsys)
    assert code == 2 and out == ""
    assert err.startswith("xxgk: 错误：--select：“SUM03”不是规则号、前缀、名称或分组（是否想写 SUM003")
    code, _, err = cli_run(["check", "--select", "SUM03", EXAMPLES, "--lang", "en"], capsys)
    assert code == 2 and "“SUM03” is not a rule id, prefix, name or group (did you mean SUM003" in err


@pytest.mark.parametrize("args,needle", [
    (["--select", "sum003"], "--select：“sum003”"),
    (["--ignore", "SUM999"], "--ignore：“SUM999”"),
    (["--select", "SEC,SUM03"], "“SUM03”"),
    (["--select", "SEC", "--select", "TABS"], "“TABS”"),
])
def test_every_bad_selector_is_named(capsys, args, needle):
    code, _, err = cli_run(["check", *args, EXAMPLE_2023], capsys)
    assert code == 2 and needle in err, err


def test_the_typer_path_validates_too(capsys, tmp_path):
    """`xxgk baseline create` (and check options only typer parses) share the validation."""
    code, _, err = cli_run(["baseline", "create", "--select", "SUM03", EXAMPLE_2023, "-o", tmp_path / "b.json"], capsys)
    assert code == 2 and "是否想写 SUM003" in err and not (tmp_path / "b.json").exists()


def test_good_selectors_still_select(capsys):
    code, out, _ = cli_run(["check", "--select", "tables,SUM00,application-balance", "-f", "json",
                            EXAMPLES / "report-2023-with-defects.md"], capsys)
    assert code == 1
    rules = {d["rule"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert rules and all(r.startswith(("SUM", "TAB")) for r in rules)


def test_a_rule_pack_adds_selectors(capsys, tmp_path):
    from tests.test_check_cli import PACK_RULE

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "LOC001.yaml").write_text(PACK_RULE, encoding="utf-8")
    assert cli_run(["check", "--select", "LOC001", EXAMPLE_2023], capsys)[0] == 2
    assert cli_run(["check", "--rules", pack, "--select", "LOC001,local", EXAMPLE_2023], capsys)[0] == 0


# ------------------------------------------------------------------ suppression comments
def _report(tmp_path, comment: str):
    text = EXAMPLES.joinpath("report-2023-with-defects.md").read_text(encoding="utf-8")
    anchor = "| 一、本年新收政府信息公开申请数量"
    assert text.count(anchor) == 1
    path = tmp_path / "r.md"
    path.write_text(text.replace(anchor, f"{comment}\n{anchor}").replace("\n" + comment, "\n\n" + comment), encoding="utf-8")
    return path


def test_an_unknown_rule_in_a_suppression_is_exit_2_at_its_line(tmp_path, capsys):
    path = _report(tmp_path, '<!-- xxgk: disable-next SUM03 reason="按上级口径填报" -->')
    code, out, _ = cli_run(["check", path], capsys)
    assert code == 2
    line = next(ln for ln in out.splitlines() if " SUP003 " in ln)
    number = int(line.split(":")[1])
    assert "disable-next SUM03" in path.read_text(encoding="utf-8").splitlines()[number - 1]
    assert "“SUM03”不是规则号、前缀、名称或分组（是否想写 SUM003" in line
    assert " SUP002 " not in out  # not also "unused": the reason is the typo
    assert " SUM001 " in out  # and nothing was suppressed by it


def test_known_names_in_the_same_comment_still_apply(tmp_path, capsys):
    path = _report(tmp_path, '<!-- xxgk: disable-next SUM001,SUM003,sum004 reason="按上级口径填报" -->')
    code, out, _ = cli_run(["check", path, "-f", "json"], capsys)
    assert code == 2
    diags = json.loads(out)["files"][0]["diagnostics"]
    sup = [d for d in diags if d["rule"] == "SUP003"]
    assert len(sup) == 1 and "“sum004”" in sup[0]["message"] and "SUM004" in sup[0]["message"]
    assert all(d.get("suppressed") for d in diags if d["rule"] in ("SUM001", "SUM003"))


def test_a_group_in_a_suppression_matches(tmp_path, capsys):
    src = EXAMPLES / "report-2023-with-defects.md"
    path = tmp_path / "r.md"
    shutil.copy2(src, path)
    path.write_text('<!-- xxgk: disable-file typography reason="排版最后统一处理" -->\n\n' + src.read_text(encoding="utf-8"),
                    encoding="utf-8")
    code, out, _ = cli_run(["check", path, "-f", "json"], capsys)
    diags = json.loads(out)["files"][0]["diagnostics"]
    assert [d["suppressed"]["kind"] for d in diags if d["rule"] == "FMT001"] == ["inline"]
    assert not [d for d in diags if d["rule"] in ("SUP002", "SUP003")]
