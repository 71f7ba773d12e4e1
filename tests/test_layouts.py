"""Table layouts as real reports publish them, each read to the same facts (issue 10, Build 1, 2, 6).

Every case is small invented text in a real shape: cell-per-line web tables with and without
bars, Word tab pastes and pipe tables with padded multi-row headers, rows that lost a cell,
figures run together, damaged cells and words in figure columns.
"""
import pytest

from tests.conftest import parse_md, values
from validator.facts import build_facts
from validator.recognize import recognise
from validator.recognize.split import digit_cuts

T3 = ["natural", "business", "research", "charity", "legal", "other", "total"]
T21 = ["made", "repealed", "in_force"]


def facts_md(text, name="r.md"):
    return build_facts(recognise(parse_md(text, name)))


def rules_fired(text, capsys, tmp_path, name="r.md"):
    import json

    from tests.conftest import cli_run

    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    code, out, err = cli_run(["check", str(p), "--format", "json"], capsys)
    assert code in (0, 1), err
    return json.loads(out)["files"][0]["diagnostics"]


def cells(facts, table, row):
    return facts["tables"][table]["rows"][row]["cells"]


def raw(facts, table, row, cols):
    c = cells(facts, table, row)
    return [c[k]["raw"] if k in c else None for k in cols]


TITLE = "某县财政局2023年政府信息公开工作年度报告\n"


def one_per_line(items, bar=True, blank_lines=False):
    sep = "\n\n" if blank_lines else "\n"
    out = []
    for it in items:
        if it is None:
            out.append("|" if bar else "")
        elif it == "||":
            out.append("|||")
        else:
            out.append(f"{it} |" if bar else it)
    return sep.join(out) + "\n"


T3_HEAD = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "||", "自然人",
           "法人或其他组织", "总计", "||", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "||"]


# ----------------------------------------------------------------------------- one cell per line, with bars
def test_bar_cells_with_blank_cells_spacers_and_damaged_figures():
    body = one_per_line(["第二十条第（一）项", "||", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "||",
                         "规章", "0", "0", "0", "||", "行政规范性文件", "4", "减3", "37", "||"]
                        + T3_HEAD
                        + ["一、本年新收政府信息公开申请数量", "23", None, None, None, None, None, "23", "||",
                           "二、上年结转政府信息公开申请数量", "0", "0", "0", "--41", "0", "0", "0", "||"])
    f = facts_md(TITLE + "二、主动公开政府信息情况\n" + body)
    assert values(f, "t2_1", "rules", T21) == [0, 0, 0]
    assert raw(f, "t2_1", "normative_docs", T21) == ["4", "减3", "37"]
    assert cells(f, "t2_1", "normative_docs")["repealed"]["type"] == "invalid"
    new = cells(f, "t3", "new")
    assert [new[c]["type"] for c in T3] == ["int"] + ["blank"] * 5 + ["int"]
    assert raw(f, "t3", "carried_in", T3)[3] == "--41"
    assert {c["read"] for r in ("new", "carried_in") for c in cells(f, "t3", r).values()} == {"aligned"}
    # every header label is there: no column missing, no label altered
    assert f["tables"]["t3"]["missing_columns"] == [] and f["tables"]["t3"]["approximate_labels"] == []
    # a cell keeps its own line as its location
    assert cells(f, "t3", "new")["total"]["location"]["line"] > cells(f, "t3", "new")["natural"]["location"]["line"]


def test_trailing_blank_bars_beyond_the_count_are_padding():
    body = one_per_line(T3_HEAD + ["（一）予以公开", "9", None, None, None, None, None, None, None])
    f = facts_md(TITLE + "三、收到和处理政府信息公开申请情况\n" + body)
    row = f["tables"]["t3"]["rows"]["granted"]
    assert row["reliable"] and [row["cells"][c]["type"] for c in T3] == ["int"] + ["blank"] * 6


# ----------------------------------------------------------------------------- one cell per line, no bars
def test_plain_cells_with_blank_lines_and_wrapped_header_labels():
    body = one_per_line(["第二十条第（一）项", "信息内容", "本年制发", "件数", "本年废止", "件数", "现行有效", "件数",
                         "规章", "0", "0", "0", "行政规范性文件", "2", "1", "19"], bar=False, blank_lines=True)
    body += one_per_line(["三、收到和处理政府信息公开申请情况", "申请人情况", "自然人", "法人或其他组织", "总计", "商业",
                          "企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
                          "一、本年新收政府信息公开申请数量", "11", "0", "0", "2", "0", "0", "1 3",
                          "（二）部分公开（区分处理的，只计", "这一情形，不计其他情形）", "3", "0", "0", "0", "0", "0", "3"],
                         bar=False)
    f = facts_md(TITLE + "二、主动公开政府信息情况\n" + body)
    assert values(f, "t2_1", "normative_docs", T21) == [2, 1, 19]
    t21 = f["tables"]["t2_1"]
    assert set(t21["columns"]) == set(T21) and all(t21["columns"][c]["match"] == "exact" for c in T21)
    # "1 3" on one line is one damaged cell, not two figures: the template has seven columns
    assert raw(f, "t3", "new", T3) == ["11", "0", "0", "2", "0", "0", "1 3"]
    assert cells(f, "t3", "new")["total"]["type"] == "invalid"
    # a label wrapped over two lines is one label
    assert values(f, "t3", "partial", T3) == [3, 0, 0, 0, 0, 0, 3]
    assert f["tables"]["t3"]["missing_columns"] == []


def test_a_line_of_several_figures_in_a_cell_sequence_is_a_row():
    body = one_per_line(["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
                         "规章", "0", "行政规范性文件", "5 2 40"], bar=False)
    f = facts_md(TITLE + body)
    assert values(f, "t2_1", "normative_docs", T21) == [5, 2, 40]
    rules = f["tables"]["t2_1"]["rows"]["rules"]
    assert rules["found"] and not rules["reliable"]  # one figure for three columns: not guessed


def test_part4_figures_after_its_header_are_its_row():
    figures = ["6", "2", "1", "2", "11", "4", "1", "1", "1", "7", "3", "0", "1", "1", "5"]
    body = one_per_line(["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
                         "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
                         "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + figures)
    f = facts_md(TITLE + "四、政府信息公开行政复议、行政诉讼情况\n" + body)
    row = f["tables"]["t4"]["rows"]["cases"]
    assert row["reliable"] and [c["value"] for c in row["cells"].values()] == [int(x) for x in figures]


def test_prose_short_lines_are_not_taken_for_a_table():
    f = facts_md(TITLE + "六、其他需要报告的事项\n某县财政局\n2024年1月20日\n")
    assert not any(t["found"] for t in f["tables"].values())


# ----------------------------------------------------------------------------- tab pastes and pipe tables
def test_tab_paste_with_padded_multi_row_header_and_a_row_that_lost_a_cell():
    text = (TITLE + "三、收到和处理政府信息公开申请情况\n"
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\n"
            "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n"
            "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
            "一、本年新收政府信息公开申请数量\t\t\t5\t1\t0\t0\t0\t0\t6\n"
            "二、上年结转政府信息公开申请数量\t\t\t1\t0\t0\t0\t1\n")
    f = facts_md(text)
    assert values(f, "t3", "new", T3) == [5, 1, 0, 0, 0, 0, 6]
    lost = f["tables"]["t3"]["rows"]["carried_in"]
    assert lost["found"] and not lost["reliable"] and lost["cells"] == {} and lost["raw_values"]


def test_web_pipe_row_trailing_bar_is_no_cell():
    text = (TITLE + "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |\n"
            "自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
            "一、本年新收政府信息公开申请数量 | 6 | 1 | 0 | 0 | 0 | 7 |\n"
            "二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
            "（一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 |  |\n")
    f = facts_md(text)
    new = f["tables"]["t3"]["rows"]["new"]
    assert new["found"] and not new["reliable"] and new["cells"] == {}
    assert values(f, "t3", "carried_in", T3) == [2, 0, 0, 0, 0, 0, 2]
    # a blank last cell before the closing bar is still a cell
    assert cells(f, "t3", "granted")["total"]["type"] == "blank"


# ----------------------------------------------------------------------------- run-together figures
def test_digit_cuts_enumerates_every_reading_without_leading_zeros():
    assert digit_cuts(["105"], 2) == [["10", "5"]]  # "1","05" has a leading zero
    assert digit_cuts(["000"], 3) == [["0", "0", "0"]]
    assert digit_cuts(["12"], 3) == []
    assert len(digit_cuts(["1234"], 2)) == 3
    assert digit_cuts(["9" * 40], 7, limit=100) is None
    # a run opening with a sign: the sign stays with the first figure cut from it
    assert digit_cuts(["1", "-10"], 3) == [["1", "-1", "0"]]
    assert digit_cuts(["0", "+11"], 3) == [["0", "+1", "1"]]


def test_run_together_row_split_by_its_total_and_left_alone_when_two_readings_fit():
    head = "| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
    # 64+0+0+2+0+4 = 70 is the only reading of "640020470" whose parts add up to its total
    f = facts_md(TITLE + head + "| 一、本年新收政府信息公开申请数量 | 640020470 |\n"
                 "| （一）予以公开 | 270020130 |\n")
    assert values(f, "t3", "new", T3) == [64, 0, 0, 2, 0, 4, 70]
    assert {c["read"] for c in cells(f, "t3", "new").values()} == {"split"}
    assert "identities" in f["tables"]["t3"]["rows"]["new"]["note"]
    # 2+7+0+0+20+1 = 30 and 27+0+0+2+0+1 = 30: two readings, no other row to tell: not read
    granted = f["tables"]["t3"]["rows"]["granted"]
    assert granted["found"] and not granted["reliable"] and granted["raw_values"] == ["270020130"]


def test_run_together_rows_settled_by_the_column_balance():
    from validator.recognize.formats import load_formats

    head = "| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
    t3 = load_formats()["gov2021"].table("t3")
    known = {"new": "27 | 0 | 0 | 2 | 0 | 1 | 30", "total": "27 | 0 | 0 | 2 | 0 | 1 | 30", "granted": "270020130"}
    rows = "".join(f"| {r.label} | {known.get(r.id, '0 | 0 | 0 | 0 | 0 | 0 | 0')} |\n" for r in t3.rows if r.numeric)
    f = facts_md(TITLE + head + rows)
    # two readings keep the row total (2+7+0+0+20+1 and 27+0+0+2+0+1); （七）总计 = the outcomes
    # (T3-I2), with every other outcome known, leaves one
    assert values(f, "t3", "granted", T3) == [27, 0, 0, 2, 0, 1, 30]
    assert "column totals" in f["tables"]["t3"]["rows"]["granted"]["note"]


def test_part2_run_together_is_split_only_at_one_digit_per_column(capsys, tmp_path):
    head = "第二十条第（一）项\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"
    f = facts_md(TITLE + head + "| 规章 | 000 |\n| 行政规范性文件 | 14596 |\n")
    assert values(f, "t2_1", "rules", T21) == [0, 0, 0]
    assert not f["tables"]["t2_1"]["rows"]["normative_docs"]["reliable"]
    diags = rules_fired(TITLE + head + "| 规章 | 000 |\n| 行政规范性文件 | 14596 |\n", capsys, tmp_path)
    assert [d["rule"] for d in diags if d["rule"] == "INP004"] == ["INP004"]
    assert not [d for d in diags if d["rule"] == "TAB005"]
    assert not [d for d in diags if d["rule"] == "TAB002" and "规范性文件" in d["values"]["missing"]]


def _flat_part2(fees_run: str, licensing_run: str = "3") -> str:
    return (TITLE + "一、总体情况 本局依法做好政府信息公开工作，现将有关情况报告如下，数据统计期限为本年一月一日至十二月三十一日。"
            "二、主动公开政府信息情况（一）主动公开政府信息的数量 本年主动公开政府信息八十六条。"
            "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件1 0 6"
            "第二十条第（五）项信息内容本年处理决定数量行政许可" + licensing_run +
            "第二十条第（六）项信息内容本年处理决定数量行政处罚0行政强制0"
            "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费" + fees_run +
            "主动公开政府信息的主要类别 本年主动公开的信息中，财政预算决算信息十二条，政策解读四条，其他信息七十条，"
            "均在门户网站政府信息公开专栏发布，便于公众查阅。三、收到和处理政府信息公开申请情况 本年未收到申请。\n")


def test_flattened_figure_glued_to_the_reports_next_subheading():
    # a flattened page runs the last figure of part 二 into the report's own sub-heading
    f = facts_md(_flat_part2("312.58(二)"))
    assert values(f, "t2_8", "fees", ["fee_amount"]) == [312.58]
    assert values(f, "t2_5", "licensing", ["decisions"]) == [3]
    f = facts_md(_flat_part2("0（二）"))
    assert values(f, "t2_8", "fees", ["fee_amount"]) == [0]
    assert f["tables"]["t2_8"]["rows"]["fees"]["cells"]["fee_amount"]["read"] == "aligned"
    # two figures before the heading for one column: not a guess, the row is present and unread
    f = facts_md(_flat_part2("3 12(二)"))
    fees = f["tables"]["t2_8"]["rows"]["fees"]
    assert fees["found"] and not fees["reliable"]
    # a bracket that is not an outline number is no heading: the run is not cut there
    f = facts_md(_flat_part2("312.58(万元)"))
    assert not f["tables"]["t2_8"]["rows"]["fees"]["reliable"]


def _flat_part2_2019(licensing: str, penalty: str, coercion: str) -> str:
    return ("某县财政局2020年政府信息公开工作年度报告\n"
            "一、总体情况 本局依法做好政府信息公开工作，现将有关情况报告如下，数据统计期限为2020年1月1日至12月31日。"
            "二、主动公开政府信息情况 第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件336"
            "第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可" + licensing + "其他对外管理服务事项000"
            "第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚" + penalty + "行政强制" + coercion +
            "第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费35-15"
            "第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购00"
            "三、收到和处理政府信息公开申请情况 本年未收到申请。\n")


def test_flattened_signed_run_is_cut_where_the_sign_can_only_open_the_signed_column():
    P3 = ["prev_items", "change", "decisions"]
    # "1-10" for 上一年 / 本年增减 / 处理决定: 1, -1, 0 is the only reading ("1-10" as one figure
    # leaves a cell empty); "0+11": 0, +1, 1
    f = facts_md(_flat_part2_2019("1-10", "0+11", "000"))
    assert values(f, "t2_5", "licensing", P3) == [1, -1, 0]
    assert {c["read"] for c in cells(f, "t2_5", "licensing").values()} == {"split"}
    assert values(f, "t2_6", "penalty", P3) == [0, 1, 1]
    assert cells(f, "t2_6", "penalty")["change"]["raw"] == "+1"
    # "26-260": 26, -26, 0 and 26, -2, 60 both fit: not read (INP004), never a guess
    f = facts_md(_flat_part2_2019("3", "26-260", "000"))
    penalty = f["tables"]["t2_6"]["rows"]["penalty"]
    assert penalty["found"] and not penalty["reliable"]
    # "12-3": the only cuts put the sign in 处理决定, a column that takes no sign: not read
    f = facts_md(_flat_part2_2019("3", "000", "12-3"))
    coercion = f["tables"]["t2_6"]["rows"]["coercion"]
    assert coercion["found"] and not coercion["reliable"]
    # a signed run with one piece per cell is read as before
    assert values(f, "t2_8", "fees", ["prev_items", "change"]) == [35, -15]


def test_flattened_figures_with_units_are_one_cell_each():
    # "政府集中采购 2笔 984361元" (fj-pingtan-czj-2020): a piece ends at its unit or at a space; the
    # cells keep their raw text, units and all, so TAB005 can name them
    P9 = ["count", "amount"]
    for run, expected in ((" 2笔 984361元 ", ["2笔", "984361元"]), ("2笔984361元", ["2笔", "984361元"]),
                          ("2 笔 984361 元", ["2 笔", "984361 元"]), ("2 984361元", ["2", "984361元"])):
        text = _flat_part2_2019("000", "000", "000").replace("政府集中采购00", "政府集中采购" + run)
        f = facts_md(text)
        assert f["tables"]["t2_9"]["rows"]["procurement"]["reliable"], run
        assert raw(f, "t2_9", "procurement", P9) == expected, run
    # one piece too many or too few: present, not read, never a guess
    # a long run of digits beside a unit is looked at once, not cut every possible way
    for run in ("2笔 98 4361元", "2984361元", "2笔", "2笔 " + "1" * 60 + "x元", "1元" + "1" * 60 + "元x"):
        text = _flat_part2_2019("000", "000", "000").replace("政府集中采购00", "政府集中采购" + run)
        row = facts_md(text)["tables"]["t2_9"]["rows"]["procurement"]
        assert row["found"] and not row["reliable"], (run, row)


@pytest.mark.parametrize("line", ["政府集中采购 2笔 984361元", "政府集中采购  2笔  984361元", "政府集中采购\t2笔\t984361元"])
def test_a_text_row_whose_figures_carry_units_is_that_row(line):
    # a row on its own line, space- or tab-separated, with units after its figures: the row is
    # there (never TAB002), its cells keep the units for TAB005
    text = ("某县财政局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（九）项\n"
            "信息内容 采购项目数量 采购总金额\n" + line + "\n三、收到和处理政府信息公开申请情况\n")
    f = facts_md(text, "r.txt")
    assert raw(f, "t2_9", "procurement", ["count", "amount"]) == ["2笔", "984361元"]


# ----------------------------------------------------------------------------- damaged cells
DAMAGED = ["减3", "--41", "0+11", "1 6", "215419886元", "103.3879万元", "/", "—"]


@pytest.mark.parametrize("bad", DAMAGED)
@pytest.mark.parametrize("layout", ["pipe", "tsv", "bars", "plain"])
def test_damaged_cells_keep_their_raw_text_and_the_row(bad, layout):
    figures = ["5", "1", "0", bad, "0", "0", "6"]
    label = "一、本年新收政府信息公开申请数量"
    head = "三、收到和处理政府信息公开申请情况\n"
    if layout == "pipe":
        body = ("| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
                f"| {label} | " + " | ".join(figures) + " |\n")
    elif layout == "tsv":
        body = label + "\t" + "\t".join(figures) + "\n"
    else:
        body = one_per_line(T3_HEAD + [label] + figures, bar=layout == "bars")
    f = facts_md(TITLE + head + body)
    row = f["tables"]["t3"]["rows"]["new"]
    assert row["found"] and row["reliable"], row
    cell = row["cells"]["charity"]
    assert cell["raw"] == bad
    assert cell["type"] == ("blank" if bad in ("/", "—") else "invalid")


# ----------------------------------------------------------------------------- a word in a figure column (r05)
@pytest.mark.parametrize("word", ["未统计", "N/A", "十四"])
def test_word_in_the_first_figure_column_is_that_cell_in_a_pipe_grid(word):
    text = (TITLE + "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 | | | | | | |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n"
            "| | | | 自然人 | 法人或其他组织 | | | | | 总计 |\n"
            "| | | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |\n"
            f"| 一、本年新收政府信息公开申请数量 | | | {word} | 34 | 3 | 2 | 17 | 6 | 330 |\n")
    f = facts_md(text)
    row = f["tables"]["t3"]["rows"]["new"]
    assert row["found_label"] == "一、本年新收政府信息公开申请数量"
    assert raw(f, "t3", "new", T3) == [word, "34", "3", "2", "17", "6", "330"]
    assert row["cells"]["natural"]["type"] == "invalid"


@pytest.mark.parametrize("word", ["未统计", "N/A", "十四"])
def test_word_in_the_first_figure_column_without_a_grid(word):
    f = facts_md(TITLE + f"一、本年新收政府信息公开申请数量\t{word}\t34\t3\t2\t17\t6\t330\n")
    assert raw(f, "t3", "new", T3) == [word, "34", "3", "2", "17", "6", "330"]
    assert cells(f, "t3", "new")["natural"]["read"] == "aligned"
    assert f["tables"]["t3"]["rows"]["new"]["found_label"] == "一、本年新收政府信息公开申请数量"


def test_word_in_the_first_figure_column_in_html():
    from validator.readers import read_bytes

    html = ("<html><body><h2>三、收到和处理政府信息公开申请情况</h2><table>"
            "<tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
            "<td colspan=7>申请人情况</td></tr>"
            "<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>"
            "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
            "<tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>未统计</td><td>34</td><td>3</td><td>2</td>"
            "<td>17</td><td>6</td><td>330</td></tr></table></body></html>").encode()
    f = build_facts(recognise(read_bytes("r.html", html)))
    assert raw(f, "t3", "new", T3) == ["未统计", "34", "3", "2", "17", "6", "330"]


# ----------------------------------------------------------------------------- present is not missing
def test_altered_header_labels_are_altered_not_missing(capsys, tmp_path):
    text = (TITLE + "| 项目 | 自然人 | 商业企业 | 科研企业 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
            "| 一、本年新收政府信息公开申请数量 | 7 | 1 | 0 | 0 | 0 | 0 | 8 |\n\n"
            "第二十条第（一）项\n\n| 信息内容 | 本年制发件数 | 本年废纸件数 | 现行有效件数 |\n|---|---|---|---|\n"
            "| 规章 | | | |\n")
    diags = rules_fired(text, capsys, tmp_path)
    altered = {(d["values"]["found"], d["values"]["official"]) for d in diags if d["rule"] == "TAB004"}
    assert altered == {("科研企业", "科研机构"), ("本年废纸件数", "本年废止件数")}
    assert not [d for d in diags if d["rule"] == "TAB003"]
    # 规章 with three empty cells is there, blank: TAB006, never TAB002
    assert not [d for d in diags if d["rule"] == "TAB002" and "规章" in d["values"]["missing"]]
    assert [d for d in diags if d["rule"] == "TAB006" and "第二十条第（一）项" in d["message"]]


def test_a_label_with_no_figures_after_it_is_present_not_missing(capsys, tmp_path):
    body = one_per_line(["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
                         "规章", "行政规范性文件", "2", "1", "19"], bar=False)
    diags = rules_fired(TITLE + "二、主动公开政府信息情况\n" + body, capsys, tmp_path)
    assert not [d for d in diags if d["rule"] == "TAB002" and "规章" in d["values"]["missing"]]
    assert [d for d in diags if d["rule"] == "INP004" and "规章" in d["message"]]


def test_one_changed_character_is_not_enough_between_two_official_labels():
    # 商业企业 and 科研企业 differ in two characters from 科研机构: similarity alone would not
    # decide, only the position between 商业企业 and 社会公益组织 does
    f = facts_md(TITLE + "| 项目 | 自然人 | 商业企业 | 社会公益组织 | 科研企业 | 法律服务机构 | 其他 | 总计 |\n"
                 "|---|---|---|---|---|---|---|---|\n| 一、本年新收政府信息公开申请数量 | 7 | 1 | 0 | 0 | 0 | 0 | 8 |\n")
    assert "research" not in f["tables"]["t3"]["columns"] or f["tables"]["t3"]["columns"]["research"]["found"] is None


def test_keyed_page_keeps_each_key_characters_place_in_the_original():
    # a flattened page is keyed once; figures and labels are located through the index
    from validator.recognize.tables import _keyed

    assert _keyed("一、 本年 1、2") == ("一、本年1.2", [0, 1, 3, 4, 6, 7, 8, 9])
    # digits are kept as written and a 、 after any of them is an item number's point
    assert _keyed("②、规章") == ("②.规章", [0, 1, 2, 3, 4])
    # a character that keys to several (NFKC of ㈠) keeps the index of its source for each
    key, index = _keyed("㈠公开")
    assert key.endswith("公开") and len(index) == len(key) + 1 and index[: len(key) - 2] == [0] * (len(key) - 2)


def test_digit_cuts_never_make_a_figure_longer_than_any_table_figure():
    # a run of thousands of digits has no reading (no figure of a table has more than 15 digits):
    # it was cut every possible way up to the cap, row after row (a fuzzed report: 9 s)
    from validator.limits import MAX_NUMBER_DIGITS

    assert digit_cuts(["1" * 4301], 7) == []
    assert digit_cuts(["1" * (MAX_NUMBER_DIGITS + 1)], 1) == []
    assert digit_cuts(["1" * MAX_NUMBER_DIGITS], 1) == [["1" * MAX_NUMBER_DIGITS]]
    cuts = digit_cuts(["1" * (2 * MAX_NUMBER_DIGITS)], 2)
    assert cuts == [["1" * MAX_NUMBER_DIGITS, "1" * MAX_NUMBER_DIGITS]]
