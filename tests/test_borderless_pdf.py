"""PDFs whose tables have no ruling lines (a Word report saved as PDF with borderless tables):
the cells are rebuilt from the words' positions, so a clean report reads whole, a blank cell
keeps its column and a wrong total is seen."""
import pytest

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

from tests.borderless_pdf import borderless_pdf, t3_header  # noqa: E402
from validator.facts import build_facts  # noqa: E402
from validator.readers import read_bytes  # noqa: E402
from validator.recognize import recognise  # noqa: E402

T3 = ["natural", "business", "research", "charity", "legal", "other", "total"]
TITLE = ("text", "某县财政局2023年政府信息公开工作年度报告")


def facts(blocks):
    return build_facts(recognise(read_bytes("borderless.pdf", borderless_pdf(blocks))))


def row(f, table, rid):
    r = f["tables"][table]["rows"][rid]
    assert r["found"], rid
    return r


def test_part2_and_part3_tables_read_from_word_positions():
    f = facts([TITLE, ("text", "二、主动公开政府信息情况"),
               ("table", [[("第二十条第（一）项", -1, -1)], [("信息内容", -1, -1), ("本年制发件数", 0, 0),
                                                        ("本年废止件数", 1, 1), ("现行有效件数", 2, 2)]],
                [("规章", ["0", "0", "0"]), ("行政规范性文件", ["14", "5", "96"])]),
               ("text", "三、收到和处理政府信息公开申请情况"),
               ("table", t3_header(), [("一、本年新收政府信息公开申请数量", ["268", "34", "3", "2", "17", "6", "330"]),
                                       ("二、上年结转政府信息公开申请数量", ["12", "2", "0", "0", "1", "1", "16"])])])
    assert [c["value"] for c in row(f, "t2_1", "normative_docs")["cells"].values()] == [14, 5, 96]
    new = row(f, "t3", "new")
    assert new["reliable"] and [new["cells"][c]["value"] for c in T3] == [268, 34, 3, 2, 17, 6, 330]
    assert new["cells"]["natural"]["location"]["page"] == 1
    assert {c["read"] for c in new["cells"].values()} == {"grid"}


def test_a_blank_cell_keeps_its_column_and_a_wrong_total_is_seen():
    f = facts([TITLE, ("text", "三、收到和处理政府信息公开申请情况"),
               ("table", t3_header(), [("一、本年新收政府信息公开申请数量", ["5", None, "0", "0", "0", "0", "5"]),
                                       ("二、上年结转政府信息公开申请数量", ["1", "0", "0", "0", "0", "0", "2"])])])
    new = row(f, "t3", "new")
    assert new["reliable"] and new["cells"]["business"]["type"] == "blank"
    assert new["cells"]["total"]["value"] == 5 and new["cells"]["natural"]["value"] == 5
    carried = row(f, "t3", "carried_in")
    assert carried["cells"]["total"]["value"] == 2  # SUM001 sees 1 + 0 … ≠ 2


def test_damaged_cells_in_a_borderless_table_keep_their_raw_text():
    f = facts([TITLE, ("text", "三、收到和处理政府信息公开申请情况"),
               ("table", t3_header(), [("一、本年新收政府信息公开申请数量", ["5", "1", "0", "--4", "0", "0", "6"])])])
    assert row(f, "t3", "new")["cells"]["charity"]["raw"] == "--4"


def test_prose_is_not_taken_for_a_table():
    f = facts([TITLE, ("text", "一、总体情况"), ("text", "2023年，本局主动公开政府信息120条，受理申请5件。")])
    assert not any(t["found"] for t in f["tables"].values())


T4_HEADER = [[("行政复议", 0, 4), ("行政诉讼", 5, 14)], [("未经复议直接起诉", 5, 9), ("复议后起诉", 10, 14)],
             [(x, i, i) for i, x in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)]]


def test_a_table_ends_at_the_next_part_heading_and_a_wrapped_label_continues_its_row():
    long_label = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    t4 = ["1", "0", "0", "0", "1"] + ["0"] * 10
    f = facts([TITLE, ("text", "三、收到和处理政府信息公开申请情况"),
               ("table", t3_header(), [("一、本年新收政府信息公开申请数量", ["2", "0", "0", "0", "0", "0", "2"]),
                                       (long_label, ["1", "0", "0", "0", "0", "0", "1"]),
                                       ("3.其他", ["1", "0", "0", "0", "0", "0", "1"])], {"label_width": 150}),
               ("text", "四、政府信息公开行政复议、行政诉讼情况"),
               ("text", "本年度被申请行政复议一件，维持原行政行为。"),
               ("table", T4_HEADER, [("", t4)], {"label_width": 0, "col_width": 30})])
    # the label wrapped over two lines in its column is the whole official label, not an altered one
    no_fee = row(f, "t3", "other_handling.no_fee")
    assert no_fee["match"] == "exact" and [no_fee["cells"][c]["value"] for c in T3] == [1, 0, 0, 0, 0, 0, 1]
    assert [row(f, "t3", "other_handling.other")["cells"][c]["value"] for c in T3] == [1, 0, 0, 0, 0, 0, 1]
    # part 四's heading and sentence are prose between two tables: table 四 reads on its own
    cases = row(f, "t4", "cases")
    assert cases["reliable"] and [c["value"] for c in cases["cells"].values()] == [int(x) for x in t4]
