"""Every "not applicable" says why (validator/engine/reasons.py), in every output format.

The seed lacks rows 一, 二, 三（七） and 四 of table 三, so SUM003 is not verified for that
reason; corpus 003's rows were read but their figures ran together, so its arithmetic is not
verified because named rows could not be read. A rule for the other format, a department for a
government-only rule, a batch with no previous report: each its own reason.
"""
import json
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import CORPUS, EXAMPLE_2020, EXAMPLE_2023, EXAMPLES, SEED, cli_run, need_shared
from tests.test_reporters import html_checks, write_variant
from validator.engine import reasons


def checklist(path, capsys, *extra):
    code, out, _ = cli_run(["check", path, "-f", "json", *extra], capsys)
    files = json.loads(out)["files"]
    return {e["rule"]: e for f in files for e in f["checklist"]} if len(files) == 1 else files


def test_seed_sum003_is_not_verified_because_rows_of_table_three_are_missing(capsys):
    need_shared()
    entry = checklist(SEED, capsys)["SUM003"]
    assert entry["status"] == "not_applicable"
    reason = entry["reason"]
    assert reason["kind"] == "rows_missing" and reason["table"] == "t3"
    assert reason["rows"][:2] == ["new", "carried_in"]
    assert reason["zh"].startswith("表三缺少以下行：一、二、")
    assert reason["en"].startswith("rows 一, 二, ") and reason["en"].endswith("of table 三 are missing")
    assert reasons.unverified(reason)


def test_corpus_003_arithmetic_is_not_verified_because_named_rows_could_not_be_read(capsys):
    """003 is a web page flattened so that each row's figures run together ("640020470"). The
    recogniser cuts such a run where the table's own identities leave one reading; figures cut
    that way satisfy those identities by construction, so the identities are not verified on
    them — and the checklist says which rows, not "pass"."""
    need_shared()
    entries = checklist(CORPUS / "003.txt", capsys)
    for rule, table in (("SUM003", "t3"), ("SUM002", "t3"), ("SUM004", "t4")):
        reason = entries[rule]["reason"]
        assert entries[rule]["status"] == "not_applicable"
        assert reason["kind"] == "rows_split" and reason["table"] == table, (rule, reason)
        assert "拆分读出" in reason["zh"] and "split using the table's own identities" in reason["en"]
        assert reasons.unverified(reason)
    assert entries["SUM003"]["reason"]["rows"] == ["new", "total"]
    assert entries["SUM003"]["reason"]["row_refs"] == ["一", "三（七）"]
    # SUM001 judged the rows read one digit per column, and names those it could not verify
    assert entries["SUM001"]["status"] == "pass"
    assert entries["SUM001"]["partial"]["kind"] == "rows_split"
    # the row of part 二 that no reading fits stays unread: named as such
    partial = entries["TAB005"]["partial"]
    assert partial["kind"] == "rows_unreadable" and partial["row_refs"] == ["行政规范性文件"]
    assert "无法逐列读出" in partial["zh"]


def test_an_unreadable_row_is_named_as_unreadable(tmp_path, capsys):
    path = write_variant(tmp_path / "r.md", [(
        "| 一、本年新收政府信息公开申请数量 | | | 268 | 34 | 3 | 2 | 17 | 6 | 330 |",
        "| 一、本年新收政府信息公开申请数量 | | | 268 | 34 | 3 | 2 | 17 | 330 |")])
    entry = checklist(path, capsys)["SUM003"]
    assert entry["status"] == "not_applicable" and entry["reason"]["kind"] == "rows_unreadable"
    assert entry["reason"]["zh"] == "表三中此行的数字无法逐列读出：一"
    assert entry["reason"]["en"] == "the figures of row 一 of table 三 could not be read column by column"


def test_every_not_applicable_carries_a_reason(capsys):
    paths = [EXAMPLES]
    if SEED.exists():
        paths += [SEED, *sorted(CORPUS.glob("0*.txt")), *sorted(CORPUS.glob("0*.md"))]
    code, out, _ = cli_run(["check", *paths, "-f", "json", "-j", "1"], capsys)
    seen = set()
    for f in json.loads(out)["files"]:
        for e in f["checklist"]:
            if e["status"] == "not_applicable":
                r = e["reason"]
                assert r["kind"] and r["zh"] and r["en"], (f["path"], e)
                seen.add(r["kind"])
    assert {"format", "not_relevant", "not_paired"} <= seen


def test_a_rule_for_the_other_format_is_not_applicable_not_unverified(capsys):
    entry = checklist(EXAMPLE_2020, capsys)["XYR002"]
    assert entry["reason"]["kind"] == "format" and not reasons.unverified(entry["reason"])
    assert "2021年格式" in entry["reason"]["zh"] and "2019年试行格式" in entry["reason"]["zh"]


def test_a_missing_table_is_named(tmp_path, capsys):
    text = EXAMPLE_2023.read_text(encoding="utf-8")
    head, rest = text.split("## 四、", 1)
    _, tail = rest.split("## 五、", 1)
    path = tmp_path / "no-t4.md"
    path.write_text(head + "## 四、政府信息公开行政复议、行政诉讼情况\n\n本年度无。\n\n## 五、" + tail, encoding="utf-8")
    entry = checklist(path, capsys)["SUM004"]
    assert entry["reason"]["kind"] == "table_absent" and entry["reason"]["table"] == "t4"
    assert entry["reason"]["zh"].startswith("未找到表四")


def test_no_previous_report_single_file_and_unpaired_in_a_batch(tmp_path, capsys):
    assert checklist(EXAMPLE_2023, capsys)["XYR001"]["reason"]["kind"] == "no_previous"
    files = checklist(EXAMPLES, capsys)
    by_path = {f["path"].rsplit("/", 1)[-1]: {e["rule"]: e for e in f["checklist"]} for f in files}
    r2020 = by_path["report-2020-gov2019.md"]["XYR001"]["reason"]
    assert r2020["kind"] == "not_paired" and r2020["zh"] == "没有配对上一年度报告：本批中没有该机关 2019 年度的报告"
    assert r2020["code"] == "no_previous_year"
    # two reports of one agency for 2023: ambiguous, so neither is paired, and that is said
    r2023 = by_path["report-2023-gov2021.md"]["XYR001"]["reason"]
    assert r2023["kind"] == "not_paired" and r2023["code"] == "ambiguous"
    # --previous naming another agency's report: refused, and the XYR rules say so
    entries = checklist(EXAMPLE_2023, capsys, "--previous", EXAMPLE_2020)
    assert entries["XYR001"]["reason"]["kind"] == "not_paired"
    assert entries["XYR001"]["reason"]["zh"].startswith("未采用 --previous ")


def test_a_government_only_rule_on_a_department_says_so(capsys):
    entry = checklist(EXAMPLE_2020, capsys)["SEC005"]
    assert entry["status"] == "not_applicable" and entry["reason"]["kind"] == "not_relevant"
    assert "人民政府" in entry["reason"]["zh"]


@pytest.mark.parametrize("agency", ["澜川经济技术开发区管委会", "青溪综合实验区"])
def test_a_zone_run_by_a_guanweihui_leaves_the_level_rules_not_verified(agency, tmp_path, capsys):
    # a 管委会 is neither a people's government nor a department: SEC005 (government only) and DAT003
    # (deadline by level) are not verified and say why, never judged on a guessed level
    path = write_variant(tmp_path / "r.md", [("澜川市青溪县人民政府2023年", f"{agency}2023年"),
                                             ("工作考核、社会评议和责任追究结果情况：", "监督检查：")])
    entries = checklist(path, capsys, "--published", "2024-05-20")
    for rule in ("SEC005", "DAT003"):
        entry = entries[rule]
        assert entry["status"] == "not_applicable" and entry["reason"]["kind"] == "fact_unknown", rule
        assert reasons.unverified(entry["reason"]) and "管委会" in entry["reason"]["zh"], rule


def test_a_department_inside_a_zone_is_a_department(tmp_path, capsys):
    path = write_variant(tmp_path / "r.md", [("澜川市青溪县人民政府2023年", "澜川经济技术开发区财政局2023年")])
    entry = checklist(path, capsys)["SEC005"]
    assert entry["reason"]["kind"] == "not_relevant"


def test_the_deadline_rule_on_a_township_is_not_relevant(tmp_path, capsys):
    # the regulation sets no deadline for townships: DAT003 has nothing to judge, not an unknown level
    path = write_variant(tmp_path / "r.md", [("澜川市青溪县人民政府2023年", "青石镇人民政府2023年")])
    entry = checklist(path, capsys, "--published", "2024-05-20")["DAT003"]
    assert entry["reason"]["kind"] == "not_relevant" and "乡镇" in entry["reason"]["zh"]


def test_cell_not_a_number_is_the_reason(tmp_path, capsys):
    path = write_variant(tmp_path / "r.md", [("| 一、本年新收政府信息公开申请数量 | | | 268 |",
                                               "| 一、本年新收政府信息公开申请数量 | | | 约268 |")])
    entries = checklist(path, capsys)
    partial = entries["SUM001"]["partial"]
    assert partial["kind"] == "cells_not_numbers" and partial["cells"] == ["new.natural"]
    assert "一·" in partial["zh"] and "自然人" in partial["zh"]


def test_a_blank_operand_leaves_its_identity_not_verified_never_failed(tmp_path, capsys):
    # 四、结转下年度继续办理's 总计 left blank next to figures: not a 0 that breaks SUM001 and SUM003
    path = write_variant(tmp_path / "r.md", [("| 15 | 3 | 0 | 0 | 2 | 0 | 20 |", "| 15 | 3 | 0 | 0 | 2 | 0 |  |")])
    entries = checklist(path, capsys)
    for rule in ("SUM001", "SUM003"):
        entry = entries[rule]
        assert entry["status"] == "pass" and entry["findings"] == 0, rule  # the other rows/columns are judged
        partial = entry["partial"]
        assert partial["kind"] == "cells_blank" and partial["cells"] == ["carried_out.total"], rule
        assert "空白" in partial["zh"] and "四·总计" in partial["zh"] and "blank" in partial["en"]
        assert reasons.unverified(partial)
    assert entries["TAB006"]["status"] == "fail"  # the blank itself is named
    # a whole blank row: every cell of it is named
    blank_row = write_variant(tmp_path / "b.md", [("| 15 | 3 | 0 | 0 | 2 | 0 | 20 |", "|  |  |  |  |  |  |  |")])
    entry = checklist(blank_row, capsys)["SUM001"]
    assert entry["partial"]["kind"] == "cells_blank"
    assert set(entry["partial"]["cells"]) == {f"carried_out.{c}" for c in
                                              ("total", "natural", "business", "research", "charity", "legal", "other")}


@pytest.fixture
def seed_outputs(tmp_path):
    need_shared()
    return SEED


def test_reasons_in_every_output_format(seed_outputs, capsys):
    want_zh = "表三缺少以下行：一、二、"
    # text: one note per reason, after the file's findings (plain output: when asked, so that a
    # pre-commit run stays quiet; a terminal shows them always)
    _, out, _ = cli_run(["check", SEED], capsys)
    assert ": note: " not in out
    _, out, _ = cli_run(["check", SEED, "--show-unverified"], capsys)
    notes = [ln for ln in out.splitlines() if ": note: " in ln]
    assert any("未核验 SUM003" in ln and want_zh in ln for ln in notes), notes
    _, out, _ = cli_run(["check", SEED, "--lang", "en", "--show-unverified"], capsys)
    assert any("not verified: SUM003" in ln and "of table 三 are missing" in ln for ln in out.splitlines())
    # junit: the skipped case carries the reason
    _, out, _ = cli_run(["check", SEED, "-f", "junit"], capsys)
    case = next(c for c in ET.fromstring(out).iter("testcase") if c.get("name").startswith("SUM003"))
    assert want_zh in case.find("skipped").get("message") and case.find("skipped").get("message").startswith("未核验")
    # sarif: a tool execution notification naming the rule
    _, out, _ = cli_run(["check", SEED, "-f", "sarif"], capsys)
    notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    sum003 = [n for n in notes if "SUM003" in n["properties"]["rules"]]
    assert sum003 and want_zh in sum003[0]["message"]["text"] and sum003[0]["properties"]["reason"]["kind"] == "rows_missing"
    # github: a notice annotation
    _, out, _ = cli_run(["check", SEED, "-f", "github"], capsys)
    assert any(ln.startswith("::notice ") and "SUM003" in ln and want_zh in ln for ln in out.splitlines())
    # html: 未核验 with the reason, distinct from 通过
    _, out, _ = cli_run(["check", SEED, "-f", "html"], capsys)
    checks = html_checks(out, SEED)
    assert checks["SUM003"]["status"] == "unverified" and checks["SUM003"]["detail"].startswith(want_zh)
    assert checks["SUM002"]["status"] == "unverified"
    assert checks["SUM004"]["status"] == "pass" and checks["XYR002"]["status"] == "not_applicable"  # 通过, 不适用


def test_row_refs_follow_the_numbering():
    table = {"rows": {
        "results": {"label": "三、本年度办理结果"},
        "withheld": {"label": "（三）不予公开", "parent": "results"},
        "withheld.state_secret": {"label": "1.属于国家秘密", "parent": "withheld"},
        "total": {"label": "（七）总计", "parent": "results"},
        "new": {"label": "一、本年新收政府信息公开申请数量"},
        "rules": {"label": "规章"},
        "cases": {"label": ""},
    }}
    assert reasons.row_ref(table, "new") == "一"
    assert reasons.row_ref(table, "total") == "三（七）"
    assert reasons.row_ref(table, "withheld.state_secret") == "三（三）1"
    assert reasons.row_ref(table, "rules") == "规章"
    assert reasons.row_ref(table, "cases") == "数据行"


def test_a_pass_on_figures_split_by_identities_is_not_a_verification():
    from tests.test_confidence import _check
    from validator.engine.rules import load_rules
    from validator.engine.run import run_rules
    from validator.pipeline import analyse

    doc, report, facts = analyse(str(EXAMPLE_2023))
    for cell in facts["tables"]["t3"]["rows"]["carried_in"]["cells"].values():
        cell["read"] = "split"  # cut by the identities (no note saying the cut was unique)
    _, entries = run_rules([r for r in load_rules() if r.id in ("SUM001", "SUM003", "TAB007")], facts, doc, report)
    by_rule = {e["rule"]: e for e in entries}
    assert by_rule["SUM003"]["status"] == "not_applicable"
    assert by_rule["SUM003"]["reason"]["kind"] == "rows_split" and by_rule["SUM003"]["reason"]["row_refs"] == ["二"]
    assert by_rule["SUM001"]["status"] == "pass" and by_rule["SUM001"]["partial"]["row_refs"] == ["二"]
    assert by_rule["TAB007"]["status"] == "pass" and "partial" not in by_rule["TAB007"]  # not an identity
    # a failure on such figures is still reported (doubtful, see test_confidence)
    facts["tables"]["t3"]["rows"]["carried_in"]["cells"]["total"]["value"] += 1
    findings, _ = _check(EXAMPLE_2023, lambda f: f["tables"]["t3"]["rows"]["carried_in"].update(
        cells={k: {**v, "read": "split", "value": v["value"] + (1 if k == "total" else 0)}
               for k, v in f["tables"]["t3"]["rows"]["carried_in"]["cells"].items()}))
    assert {f.rule for f in findings} >= {"SUM001", "SUM003"} and all(f.confidence == "doubtful" for f in findings)
