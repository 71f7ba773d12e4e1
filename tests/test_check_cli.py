"""`xxgk check`, `rules`, `explain`: exit codes, output shapes, the seed, the examples, the
corpus, configuration, user rule packs, suppressions and bad rule/config files."""
import json
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import cli_run, CORPUS, EXAMPLE_2020, EXAMPLE_2023, EXAMPLES, ROOT, SEED, need_shared


run = cli_run


def findings(args, capsys):
    code, out, _ = run(["check", "-f", "json", *args], capsys)
    return code, json.loads(out)


def rules_of(report, path_part=""):
    return Counter(d["rule"] for f in report["files"] if path_part in f["path"] for d in f["diagnostics"]
                   if not d.get("suppressed"))


# ------------------------------------------------------------------ the seed
def test_seed_reports_what_the_catalogue_lists(capsys):
    need_shared()
    code, rep = findings([SEED], capsys)
    assert code == 1
    got = rules_of(rep)
    diags = rep["files"][0]["diagnostics"]
    assert got["SEC001"] == 2
    missing = {d["values"]["part"] for d in diags if d["rule"] == "SEC001"}
    assert missing == {"三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"}
    assert got["SEC004"] == 1 and got["FMT001"] >= 1 and got["FMT002"] == 1 and got["TAB002"] == 2
    tab002 = " ".join(d["message"] for d in diags if d["rule"] == "TAB002")
    for label in ("行政处罚", "行政强制", "行政事业性收费", "政府集中采购", "一、本年新收政府信息公开申请数量",
                  "二、上年结转政府信息公开申请数量", "（一）予以公开", "3.补正后申请内容仍不明确", "1.信访举报投诉类申请",
                  "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理", "（七）总计", "四、结转下年度继续办理"):
        assert label in tab002, label
    assert any(d["rule"] == "TAB004" and "2. 没有现成信息需要另" in d["message"] for d in diags)
    assert any(d["rule"] == "FMT001" and "(五)" in d["message"] for d in diags)
    for never in ("TPL001", "DAT001", "TXT002", "TXT003"):
        assert got[never] == 0, never


# ------------------------------------------------------------------ the examples
@pytest.mark.parametrize("path", [EXAMPLE_2020, EXAMPLE_2023])
def test_examples_report_nothing_at_warning_or_above(path, capsys):
    code, rep = findings(["--fail-on", "warning", path], capsys)
    assert code == 0, rules_of(rep)
    assert not [d for d in rep["files"][0]["diagnostics"] if d["severity"] != "info"]


def _variant(tmp_path, base, edits, name="variant.md"):
    text = Path(base).read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("edits,rule", [
    ([("| 行政规范性文件 | 14 | 5 | 96 |", "| 行政规范性文件 | 14 | 5 | 95 |")], None),  # a figure with no identity: nothing
    ([("| 2 | 1 | 0 | 0 | 0 | 0 | 3 |", "| 2 | 1 | 0 | 0 | 0 | 0 | 4 |")], "SUM001"),
    ([("## 五、存在的主要问题及改进情况\n", "")], "SEC001"),
    ([("全县共收到政府信息公开申请330件", "全县共收到政府信息公开申请3件")], "TXT001"),
])
def test_introduced_defects_are_found_by_the_right_rule(tmp_path, capsys, edits, rule):
    p = _variant(tmp_path, EXAMPLE_2023, edits)
    code, rep = findings([p], capsys)
    got = set(rules_of(rep)) - {"SUP002"}
    errors = {d["rule"] for d in rep["files"][0]["diagnostics"] if d["severity"] != "info"}
    if rule is None:
        assert code == 0 and not errors
    else:
        assert rule in got and code == 1


def test_2019_tables_in_a_2023_report(tmp_path, capsys):
    p = _variant(tmp_path, EXAMPLE_2020, [("自然资源和规划局2020年政府", "自然资源和规划局2023年政府"),
                                          ("统计期限为2020年1月1日至2020年12月31日", "统计期限为2023年1月1日至2023年12月31日")])
    code, rep = findings([p], capsys)
    assert "TPL001" in rules_of(rep) and code == 1


def test_text_says_three_over_a_table_of_two(tmp_path, capsys):
    p = tmp_path / "small.md"
    p.write_text("# 某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n本年度共收到申请3件。\n\n"
                 "## 三、收到和处理政府信息公开申请情况\n\n"
                 "| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
                 "| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n", encoding="utf-8")
    code, rep = findings(["--select", "TXT001", p], capsys)
    diag = rep["files"][0]["diagnostics"]
    assert [d["rule"] for d in diag] == ["TXT001"] and diag[0]["values"]["stated"] == 3


# ------------------------------------------------------------------ the corpus
def corpus_files():
    return sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".md") and p.name != "README.md") if CORPUS.exists() else []


def test_corpus_runs_without_exception_and_finds_the_known_defects(capsys):
    need_shared()
    code, rep = findings(corpus_files(), capsys)
    assert code in (0, 1)
    assert all(f["error"] is None for f in rep["files"])
    by_file = {Path(f["path"]).name: f for f in rep["files"]}
    sum004 = [d for d in by_file["010.txt"]["diagnostics"] if d["rule"] == "SUM004"]
    assert {d["values"]["group"] for d in sum004} == {"行政复议", "行政诉讼（复议后起诉）"}
    assert {(d["values"]["actual"], d["values"]["expected"]) for d in sum004} == {(0, 11), (0, 5)}
    r009 = rules_of(rep, "009")
    assert r009["TAB006"] == 1 and r009["TAB004"] == 1
    # rows whose figures ran together in the flattened pages (003, 005) are split where the
    # tables' identities leave one reading (every part 三/四 row there); part 二 has no identity,
    # so its run-together row, and 015's rows that lost a column, are said to be unchecked
    unreadable = {name: sorted((d["location"]["table_id"], d["values"]["count"]) for d in f["diagnostics"]
                               if d["rule"] == "INP004") for name, f in by_file.items()}
    assert unreadable["003.txt"] == [("t2_1", 1)]
    assert unreadable["005.txt"] == [("t2_1", 1)]
    assert unreadable["015.md"] == [("t2_1", 2)]
    assert not any(unreadable[n] for n in ("008.md", "009.txt", "010.txt", "011.txt", "012.txt"))


def test_no_arithmetic_finding_on_hand_checked_corpus_tables(capsys):
    need_shared()
    _, rep = findings(corpus_files(), capsys)
    for f in rep["files"]:
        arithmetic = [d for d in f["diagnostics"] if d["rule"].startswith("SUM")]
        if f["path"].endswith("010.txt"):
            assert {d["rule"] for d in arithmetic} == {"SUM004"}
        else:
            assert arithmetic == [], (f["path"], [d["message"] for d in arithmetic])


# ------------------------------------------------------------------ exit codes and output shapes
def test_exit_codes(tmp_path, capsys):
    assert run(["check", EXAMPLE_2023], capsys)[0] == 0
    assert run(["check", EXAMPLES / "report-2023-with-defects.md"], capsys)[0] == 1
    assert run(["check", "--fail-on", "error", "--select", "FMT", EXAMPLES / "report-2023-with-defects.md"], capsys)[0] == 0
    assert run(["check", "--fail-on", "info", "--select", "FMT", EXAMPLES / "report-2023-with-defects.md"], capsys)[0] == 1
    assert run(["check", tmp_path / "missing.md"], capsys)[0] == 2
    assert run(["check", "--format", "nonsense", EXAMPLE_2023], capsys)[0] == 2
    assert run(["check"], capsys)[0] == 2


def test_plain_lines_when_not_a_tty(capsys):
    code, out, _ = run(["check", EXAMPLES / "report-2023-with-defects.md"], capsys)
    lines = [l for l in out.splitlines() if "report-2023-with-defects.md:" in l]
    assert lines and all(re.match(r"^\S+:\d+:\d+: (error|warning|info) [A-Z]{3}\d{3} ", l) for l in lines)
    assert "\x1b[" not in out


def test_english_messages(capsys):
    _, out, _ = run(["check", "--lang", "en", "--select", "SUM001", EXAMPLES / "report-2023-with-defects.md"], capsys)
    assert "总计 is 329 but the applicant columns add up to 330 (difference -1)" in out


def test_json_output_validates_against_report_schema(capsys):
    need_shared()
    from validator.validation import validate

    _, out, _ = run(["check", "-f", "json", EXAMPLES, SEED], capsys)
    validate(json.loads(out), "report.schema.json", "check output")


def test_sum_findings_carry_expected_actual_difference_and_operands(capsys):
    _, rep = findings(["--select", "SUM001", EXAMPLES / "report-2023-with-defects.md"], capsys)
    d = rep["files"][0]["diagnostics"][0]
    assert (d["values"]["expected"], d["values"]["actual"], d["values"]["difference"]) == (330, 329, -1)
    ops = d["values"]["operand_cells"]
    assert len(ops) == 7 and {o["column_label"] for o in ops} >= {"自然人", "商业企业", "总计"}
    assert all("line" in o["location"] for o in ops)
    assert d["location"]["row_label"] == "一、本年新收政府信息公开申请数量" and d["location"]["column_label"] == "总计"


def test_stdin(capsys, monkeypatch):
    import io

    data = (EXAMPLES / "report-2023-with-defects.md").read_bytes()
    monkeypatch.setattr(sys, "stdin", type("S", (), {"buffer": io.BytesIO(data)})())
    code, out, _ = run(["check", "--select", "SUM001", "-"], capsys)
    assert code == 1 and out.startswith("-:")


def test_one_unreadable_file_does_not_stop_the_batch(tmp_path, capsys):
    bad = tmp_path / "bad.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    shutil.copy(EXAMPLE_2023, tmp_path / "good.md")
    code, rep = findings([tmp_path], capsys)
    assert code == 2
    paths = {Path(f["path"]).name: f for f in rep["files"]}
    assert paths["bad.doc"]["error"] and paths["bad.doc"]["diagnostics"][0]["rule"] == "INP001"
    assert paths["good.md"]["error"] is None


# ------------------------------------------------------------------ selection, config, packs
def test_select_and_ignore_by_id_prefix_group_and_name(capsys):
    defects = EXAMPLES / "report-2023-with-defects.md"
    assert set(rules_of(findings(["--select", "SUM", defects], capsys)[1])) == {"SUM001", "SUM003", "SUM004"}
    assert set(rules_of(findings(["--select", "arithmetic", "--ignore", "SUM003,SUM004", defects], capsys)[1])) == {"SUM001"}
    assert set(rules_of(findings(["--select", "placeholder-left", defects], capsys)[1])) == {"TXT005"}


def test_config_file_found_by_walking_up(tmp_path, capsys):
    (tmp_path / ".xxgk.toml").write_text('ignore = ["TXT"]\nfail-on = "info"\n[severity]\nSUM001 = "warning"\n',
                                         encoding="utf-8")
    sub = tmp_path / "drafts" / "2023"
    sub.mkdir(parents=True)
    shutil.copy(EXAMPLES / "report-2023-with-defects.md", sub / "r.md")
    code, rep = findings([sub / "r.md"], capsys)
    got = rules_of(rep)
    assert not [r for r in got if r.startswith("TXT")]
    assert [d["severity"] for d in rep["files"][0]["diagnostics"] if d["rule"] == "SUM001"] == ["warning"]
    code, _, _ = run(["check", "--select", "FMT", sub / "r.md"], capsys)
    assert code == 1  # fail-on info from the config


def test_pyproject_tool_section(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "drafts"\n[tool.xxgk]\nselect = ["FMT001"]\n', encoding="utf-8")
    shutil.copy(EXAMPLES / "report-2023-with-defects.md", tmp_path / "r.md")
    assert set(rules_of(findings([tmp_path / "r.md"], capsys)[1])) == {"FMT001"}


@pytest.mark.parametrize("table", [
    '[tool.xxgk]\nselect = ["FMT001"]\n',
    '[tool."xxgk"]\nselect = ["FMT001"]\n',
    '[tool]\nxxgk.select = ["FMT001"]\n',  # dotted keys: only the TOML parser sees the table
    '[tool]\nxxgk = {select = ["FMT001"]}\n',
])
def test_pyproject_tool_section_in_any_spelling(tmp_path, capsys, table):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "drafts"\n' + table, encoding="utf-8")
    shutil.copy(EXAMPLES / "report-2023-with-defects.md", tmp_path / "r.md")
    assert set(rules_of(findings([tmp_path / "r.md"], capsys)[1])) == {"FMT001"}


def test_pyproject_that_only_names_xxgk_is_no_config(tmp_path, capsys):
    # a project depending on xxgk: the parser decides (once per content, then cached) that it has no table
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "drafts"\ndependencies = ["xxgk"]\n',
                                             encoding="utf-8")
    shutil.copy(EXAMPLES / "report-2023-with-defects.md", tmp_path / "r.md")
    everything = set(rules_of(findings([tmp_path / "r.md"], capsys)[1]))
    assert len(everything) > 1
    assert set(rules_of(findings([tmp_path / "r.md"], capsys)[1])) == everything  # the cached answer
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "drafts"\ndependencies = ["xxgk"]\n'
                                             '[tool]\nxxgk.select = ["FMT001"]\n', encoding="utf-8")
    assert set(rules_of(findings([tmp_path / "r.md"], capsys)[1])) == {"FMT001"}  # new content: asked again


def test_pyproject_without_xxgk_is_not_ours_to_judge(tmp_path, capsys):
    # a broken pyproject.toml of some other tool does not stop a check; one with [tool.xxgk] does
    (tmp_path / "pyproject.toml").write_text('[project\nname = "drafts"\n', encoding="utf-8")
    shutil.copy(EXAMPLE_2023, tmp_path / "r.md")
    assert run(["check", tmp_path / "r.md"], capsys)[0] == 0
    (tmp_path / "pyproject.toml").write_text('[tool.xxgk]\nselect = [\n', encoding="utf-8")
    code, _, err = run(["check", tmp_path / "r.md"], capsys)
    assert code == 2 and "pyproject.toml" in err and "不是有效的 TOML" in err


@pytest.mark.parametrize("content,needle,needle_en", [
    ('select = "SUM"\n', "select: 应为数组（列表），实际是字符串“SUM”", "select: 'SUM' is not of type 'array'"),
    ("fail-on = 'fatal'\n", "fail-on: 不允许的值 字符串“fatal”；允许的值：error、warning、info",
     "fail-on: 'fatal' is not allowed; allowed: error, warning, info"),
    ("unknown = 1\n", "不认识的键“unknown”；允许的键：select、ignore、fail-on",
     "unknown key 'unknown'; allowed keys: select, ignore, fail-on"),
    ("selct = []\n", "不认识的键“selct”（是否想写“select”？）", "unknown key 'selct' (did you mean 'select'?)"),
    ("[severity]\nsum003 = 'error'\n", "severity: 键“sum003”不是规则号", "key 'sum003' is not a rule id"),
    ("select = [\n", "不是有效的 TOML", "invalid TOML"),
    ('select = ["sum"]\n', "select：“sum”不是规则号、前缀、名称或分组（是否想写 SUM？）",
     "select in"),
    ('ignore = ["SUM03"]\n', "ignore：“SUM03”不是规则号、前缀、名称或分组（是否想写 SUM003", "did you mean SUM003"),
    ("[severity]\nSUM999 = 'error'\n", "severity：“SUM999”不是规则号、前缀、名称或分组（是否想写 SUM001 … SUM006？）",
     "“SUM999” is not a rule id"),
    ("[options.XYR009]\nthreshold = 1\n", "options：“XYR009”", "“XYR009”"),
])
def test_bad_config_is_exit_2_naming_file_and_path(tmp_path, capsys, content, needle, needle_en):
    (tmp_path / ".xxgk.toml").write_text(content, encoding="utf-8")
    shutil.copy(EXAMPLE_2023, tmp_path / "r.md")
    code, out, err = run(["check", tmp_path / "r.md"], capsys)
    assert code == 2 and ".xxgk.toml" in err and needle in err, err
    code, out, err = run(["check", tmp_path / "r.md", "--lang", "en"], capsys)
    assert code == 2 and ".xxgk.toml" in err and needle_en in err, err


PACK_RULE = """id: LOC001
name: contact-missing
severity: warning
groups: [local]
title: {zh: 未写明联系方式, en: No contact details}
message: {zh: "前言未写明联系电话。", en: "The preface gives no telephone number."}
hint: {zh: 写明联系电话。, en: Give a telephone number.}
basis: [某省政务公开办通知]
rationale: A provincial rule used in this test to show that user packs work.
check:
  assert: {matches: [{fact: meta.title}, "NEVER-MATCHES-\\\\d+"]}
tests:
  - {name: t, expect: trigger, base: examples/report-2023-gov2021.md}
  - {name: p, expect: pass, text: "x"}
  - {name: b, expect: boundary-pass, text: "y"}
"""


def test_user_rule_pack(tmp_path, capsys):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "LOC001.yaml").write_text(PACK_RULE, encoding="utf-8")
    code, rep = findings(["--rules", pack, EXAMPLE_2023], capsys)
    assert rules_of(rep)["LOC001"] == 1 and code == 0  # a warning does not fail by default
    code, out, _ = run(["rules", "--rules", pack], capsys)
    assert "LOC001" in out


@pytest.mark.parametrize("mutate,needle", [
    (lambda t: t.replace("severity: warning", "severity: fatal"), "severity: 不允许的值 字符串“fatal”；允许的值：error、warning、info"),
    (lambda t: t.replace("id: LOC001", "id: loc1"), "id: 值“loc1”不是规则号"),
    (lambda t: t.replace('message: {zh: "前言未写明联系电话。"', 'message: {zh: "前言未写明{phone}。"'), "different placeholders"),
    (lambda t: t.replace("check:\n", "check:\n  eval: 1 + 1\n"), "check"),
    (lambda t: t + "  bad: [\n", "invalid YAML"),
])
def test_malformed_rule_file_is_exit_2_naming_file_and_path(tmp_path, capsys, mutate, needle):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "LOC001.yaml").write_text(mutate(PACK_RULE), encoding="utf-8")
    code, out, err = run(["check", "--rules", pack, EXAMPLE_2023], capsys)
    assert code == 2 and "LOC001.yaml" in err and needle in err, err


def test_duplicate_rule_id_in_a_pack(tmp_path, capsys):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "SUM001.yaml").write_text((ROOT / "rules" / "sum" / "SUM001.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(["check", "--rules", pack, EXAMPLE_2023], capsys)
    assert code == 2 and "already defined" in err


# ------------------------------------------------------------------ suppressions
def test_inline_suppression_with_reason(tmp_path, capsys):
    p = _variant(tmp_path, EXAMPLES / "report-2023-with-defects.md",
                 [("| 行政复议 | | | | | 行政诉讼 |", '<!-- xxgk: disable-next SUM004 reason="表格按复议机关口径填报" -->\n| 行政复议 | | | | | 行政诉讼 |')])
    code, rep = findings(["--select", "SUM004,SUP", p], capsys)
    diags = rep["files"][0]["diagnostics"]
    assert [d["rule"] for d in diags] == ["SUM004"] and diags[0]["suppressed"]["reason"] == "表格按复议机关口径填报"
    assert rep["files"][0]["counts"]["error"] == 0 and code == 0


# ------------------------------------------------------------------ rules and explain
def test_rules_lists_the_catalogue(capsys):
    code, out, _ = run(["rules", "-f", "json"], capsys)
    ids = {r["id"] for r in json.loads(out)}
    catalogue = {f"SEC00{i}" for i in range(1, 8)} | {"TPL001", "TPL002", "TPL003"} | {f"TAB00{i}" for i in range(1, 8)} \
        | {f"SUM00{i}" for i in range(1, 7)} | {f"TXT00{i}" for i in range(1, 7)} | {"DAT001", "DAT002", "DAT003"} \
        | {"FMT001", "FMT002", "INP001", "INP002", "INP003", "XYR001", "XYR002", "XYR003"}
    assert catalogue <= ids


def test_explain_shows_basis_and_tested_examples(capsys):
    code, out, _ = run(["explain", "SUM003"], capsys)
    assert code == 0
    assert "勾稽关系" in out and "触发的例子" in out and "通过的例子" in out
    assert "→ error SUM003" in out and "→ 不报告问题" in out
    code, out, _ = run(["explain", "application-balance", "--lang", "en"], capsys)
    assert "Example that triggers" in out
    code, _, err = run(["explain", "SUM03"], capsys)
    assert code == 2 and "did you mean" in err


def test_extract_jsonl_of_one_file_is_one_line(capsys):
    code, out, _ = run(["extract", "-f", "jsonl", EXAMPLE_2023], capsys)
    assert code == 0 and len(out.strip().splitlines()) == 1 and json.loads(out)["meta"]["year"] == 2023
