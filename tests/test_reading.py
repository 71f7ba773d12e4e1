"""Pages mirrored in traditional script, some with pinyin after characters (issue 10, item 3):
read like the simplified original — parts, format markers, title, period, row and column labels,
and the prose rules read — while findings quote headings and title as written and point into the
original. Invented text in the shape of mirrored pages."""
import json

from tests.conftest import ROOT, cli_run, parse_md
from validator.facts import build_facts
from validator.recognize import recognise

# one flattened line, as crawlers save mirrored pages
FLAT = ("豐河區交通運輸局2022年政府信息公開工作年度報(bào)告 發佈時間：2023-01-18 "
        "本報告所列數據的統計期限爲2022年1月1日至2022年12月31日。"
        "一、總體情況 2022年，本局通過區政府網站主動公開道路運輸許可等信息140條，受理政府信息公開申請3件，"
        "落實保密審查，完善平台建設，加強政府信息管理，開展監督保障和業務培訓。"
        "二、主動公開政府信息情況 第二十條第（一）項 信息內容 本年制發件數 本年廢止件數 現行有效件數 "
        "規(guī)章 0 0 0 行政規範性文件 2 1 9 第二十條第（五）項 信息內容 本年處理決定數量 行政許可 371 "
        "第二十條第（六）項 信息內容 本年處理決定數量 行政處罰 54 行政強制 3 "
        "第二十條第（八）項 信息內容 本年收費金額（單位：萬元） 行政事業性收費 0 "
        "三、收到和處理政府信息公開申請情況 本年共受理申請3件，均已按期答復。"
        "四、政府信息公開行政復議、行政訴訟情況 行政復議 行政訴訟 結果維持結果糾正其他結果尚未審結總計 "
        "未經復議直接起訴 復議後起訴 結果維持結果糾正其他結果尚未審結總計結果維持結果糾正其他結果尚未審結總計 "
        "2 0 1 0 3 1 0 0 0 1 0 0 0 0 0 "
        "五、存在的主要問題及改進情況 政策解讀的形式仍較單一。六、其他需要報告的事項 本年度未收取信息處理費。")


def test_flattened_mirror_reads_tables_and_locates_them_in_the_original(tmp_path):
    f = build_facts(recognise(parse_md(FLAT + "\n")))
    assert f["meta"]["year"] == 2022 and f["template"]["detected"] == "gov2021"
    assert all(p["found"] and p["match"] == "exact" for p in f["parts"])
    rows = f["tables"]["t2_1"]["rows"]
    assert [c["value"] for c in rows["normative_docs"]["cells"].values()] == [2, 1, 9]
    assert FLAT[rows["rules"]["location"]["col"] - 1:].startswith("規(guī)章 0 0 0")
    assert FLAT[rows["normative_docs"]["location"]["col"] - 1:].startswith("行政規範性文件 2 1 9")
    assert [c["value"] for c in f["tables"]["t4"]["rows"]["cases"]["cells"].values()][:5] == [2, 0, 1, 0, 3]


def test_prose_rules_read_the_mirror_in_its_reading_form(tmp_path, capsys):
    path = tmp_path / "mirror.md"
    path.write_text(FLAT + "\n", encoding="utf-8")
    code, out, err = cli_run(["check", path, "--format", "json"], capsys)
    diags = json.loads(out)["files"][0]["diagnostics"]
    rules = {g["rule"] for g in diags}
    # the overview covers the five areas and part 六 states the fee — in traditional characters
    assert not rules & {"SEC006", "TXT006", "SEC001", "TAB002", "TAB003", "TAB004", "TAB005"}, diags


def test_headings_and_title_are_quoted_as_written():
    f = build_facts(recognise(parse_md(FLAT + "\n")))
    assert f["meta"]["title"] == "豐河區交通運輸局2022年政府信息公開工作年度報(bào)告"
    assert f["meta"]["agency"] == "豐河區交通運輸局"
    p2 = next(p for p in f["parts"] if p["number"] == 2)
    assert p2["heading"] == "二、主動公開政府信息情況"
    assert FLAT[p2["location"]["col"] - 1:].startswith("二、主動公開")


def test_the_shared_traditional_case_reads_its_cells():
    f = build_facts(recognise(parse_md((ROOT / "tests/cases/detection/traditional-mirror.md").read_text(encoding="utf-8"))))
    assert [c["value"] for c in f["tables"]["t2_1"]["rows"]["normative_docs"]["cells"].values()] == [2, 2, 14]
    assert [c["value"] for c in f["tables"]["t2_5"]["rows"]["licensing"]["cells"].values()] == [9, 1, 320]
