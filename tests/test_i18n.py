"""Chinese throughout by default, English complete with --lang en.

The catalogue of xxgk's own words (validator/i18n.py) and the rules' texts (rules/**/*.yaml) have
both languages; a finding cites the basis of the report's own unified format (60号 for the 2019
trial format, 30号 for the 2021 format).
"""
from __future__ import annotations

import json
import re
import string

import pytest

from tests.conftest import EXAMPLE_2020, EXAMPLES, SEED, cli_run
from validator.engine.rules import load_rules
from validator.i18n import MESSAGES, lang_of, t

CJK = re.compile(r"[\u4e00-\u9fff]")


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    zh, en = MESSAGES[key]
    assert zh and en
    assert _names(zh) == _names(en), key
    if CJK.search(zh) is None:  # a few are words both languages write alike ("--select")
        assert zh == en or not CJK.search(en)
    assert len(CJK.findall(en)) < 0.3 * len(en), f"mostly Chinese in the English of {key}: {en}"


def test_lang_of_reads_the_command_line_before_it_is_parsed():
    assert lang_of(["check", "x.md"]) == "zh"
    assert lang_of(["check", "--lang", "en", "x.md"]) == "en"
    assert lang_of(["check", "--lang=en", "--lang", "zh"]) == "zh"  # the last one wins
    assert lang_of(["check", "--", "--lang", "en"]) == "zh"
    assert t("summary.files", "en", files=1, error=0, warning=0, info=0).startswith("1 file(s)")


@pytest.fixture(scope="module")
def rules():
    return [r for r in load_rules() if r.builtin]


def test_every_rule_explains_itself_in_both_languages(rules):
    for r in rules:
        for field in ("title", "message", "hint", "rationale"):
            text = getattr(r, field)
            assert text["zh"].strip() and text["en"].strip(), (r.id, field)
        assert CJK.search(r.rationale["zh"]), f"{r.id}: the Chinese rationale is not Chinese"
        en = r.rationale["en"]
        assert len(CJK.findall(en)) < 0.3 * len(en), f"{r.id}: the English rationale is mostly Chinese"
        # a folded YAML line break never leaves a space inside Chinese text
        assert not re.search(r"[\u4e00-\u9fff，。；：、]\s+[\u4e00-\u9fff]", r.rationale["zh"]), (r.id, r.rationale["zh"])


def test_explain_is_chinese_by_default_and_english_when_asked(capsys):
    code, out, _ = cli_run(["explain", "SUM003"], capsys)
    assert code == 0
    why = out.split("## 为什么\n", 1)[1].split("\n", 1)[0]
    assert why.startswith("这是统一格式的统计表唯一明文写出的勾稽关系")
    assert "only identity" not in out
    code, out, _ = cli_run(["explain", "SUM003", "--lang", "en"], capsys)
    assert "The only identity the official table states explicitly" in out


def test_explain_names_the_basis_of_each_format(capsys):
    _, out, _ = cli_run(["explain", "SUM001"], capsys)
    basis = out.split("## 依据\n", 1)[1].split("\n\n", 1)[0]
    assert "30号" in basis and "（适用于2021 年格式的报告）" in basis
    assert "60号" in basis and "（适用于2019 年试行格式的报告）" in basis


# ------------------------------------------------------------------ the basis follows the report's format
def _bases(capsys, path) -> tuple[str, list[tuple[str, list[str]]]]:
    _, out, _ = cli_run(["check", path, "-f", "json", "--select", "ALL"], capsys)
    f = json.loads(out)["files"][0]
    return f["template"], [(d["rule"], d["basis"]) for d in f["diagnostics"]]


def test_a_2019_format_report_cites_60hao(tmp_path, capsys):
    text = EXAMPLE_2020.read_text(encoding="utf-8")
    broken = (text.replace("| 9 | 4 | 223 |", "| 9 | 4 | 224 |", 1)  # 本年新收: SUM001, SUM003
              .replace("## 五、", "## 五、", 1))
    path = tmp_path / "2020.md"
    path.write_text(broken, encoding="utf-8")
    template, found = _bases(capsys, path)
    assert template == "gov2019"
    rules = {rule for rule, _ in found}
    assert {"SUM001", "SUM003"} <= rules
    for rule, basis in found:
        assert basis, rule
        assert not any("30号" in b for b in basis), (rule, basis)
    assert any("60号" in b for rule, basis in found if rule == "SUM003" for b in basis)


def test_a_2021_format_report_cites_30hao(capsys):
    template, found = _bases(capsys, EXAMPLES / "report-2023-with-defects.md")
    assert template == "gov2021"
    assert {"SUM001", "TXT001"} <= {rule for rule, _ in found}
    for rule, basis in found:
        assert basis and not any("60号" in b for b in basis), (rule, basis)
    assert any("30号" in b for rule, basis in found if rule == "TXT001" for b in basis)


def test_the_seed_a_real_2020_report_cites_no_30hao(capsys):
    if not SEED.exists():
        pytest.skip("shared/ not found")
    template, found = _bases(capsys, SEED)
    assert template == "gov2019" and found
    assert not [(rule, b) for rule, basis in found for b in basis if "30号" in b]


def test_no_rule_text_is_cut_by_a_yaml_comment():
    """An unquoted `#` after a space starts a YAML comment: "如 Markdown 的 ##" was once read as
    "如 Markdown 的". Every plain (unquoted) one-line text of a rule file keeps its whole line."""
    from tests.conftest import ROOT

    plain = re.compile(r"^\s+(?:zh|en|title|message|hint): (?!['\"|>])(.*)$")
    cut = []
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = plain.match(line)
            if m and re.search(r"\s#", m.group(1)):
                cut.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not cut, "\n".join(cut)
