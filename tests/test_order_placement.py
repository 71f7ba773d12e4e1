"""Rows of figures that lost their labels, placed by the template's row order (issue 10).

PDF-to-Markdown converters cut a table's wrapped labels loose from their pipe rows: the label
lines float above or below, often not next to their own figures, and the figures stay as
label-less rows ("| 5 | 1 | 0 | 0 | 0 | 0 | 6 |") or keep a cut piece of the label. The
invented report below has that shape. Between two rows that kept their labels, the label-less
rows take the template's rows in order when the count fits exactly; otherwise none is placed
(INP004), and a loose label line is never trusted to name the figures next to it.
"""
from tests.conftest import parse_md
from tests.test_layouts import T3, cells, facts_md, rules_fired
from validator.recognize import recognise

HEAD = """某区统计局2024年政府信息公开工作年度报告

三、收到和处理政府信息公开申请情况
申请人情况
自然人总计
商业企科研机社会公法律服
其他
## 表三
| 业 | 构 | 益组织 | 务机构 |  |  |  |  |  |
|---|---|---|---|---|---|---|---|---|
| 一、本年新收政府信息公开申请数量 | 25 | 1 | 0 | 0 | 0 | 0 | 26 |  |
| 二、上年结转政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |  |
| 三、 | （一）予以公开 | 6 | 0 | 0 | 0 | 0 | 0 | 6 |
"""

# the loose label lines stand where the converter left them, not next to their figures: the
# first label-less row after "4.保护第三方合法权益" is 5.属于三类内部事务信息's, although the
# nearest loose line names （四）1.本机关不掌握相关政府信息
BODY = """（二）部分公开（区分处理的，只
计这一情形，不计其他情形）
（三）不
予公开
| 2 | 0 | 0 | 0 | 0 | 0 | 2 |
|---|---|---|---|---|---|---|
| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|---|---|---|---|---|---|---|---|
| 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|---|---|---|---|---|---|---|
2.其他法律行政法规禁
止公开
| 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|---|---|---|---|---|---|---|---|
| 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

5.属于三类内部事务信
息
1.本机关不掌握相关政
府信息
| 1 | 0 | 0 | 0 | 0 | 0 | 1 |
|---|---|---|---|---|---|---|
| 6.属于四类过程性信息 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
|---|---|---|---|---|---|---|---|
| 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 5 | 1 | 0 | 0 | 0 | 0 | 6 |
|---|---|---|---|---|---|---|

（四）无2.没有现成信息需要另
法提供行制作
3.补正后申请内容仍不
明确
| 3 | 0 | 0 | 0 | 0 | 0 | 3 |
|---|---|---|---|---|---|---|
| 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|---|---|---|---|---|---|---|
| 1.信访举报投诉类申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
|---|---|---|---|---|---|---|---|
| 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

（五）不
予处理4.无正当理由大量反复
申请
5.要求行政机关确认或
重新出具已获取信息
| 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|---|---|---|---|---|---|---|
| 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|---|---|---|---|---|---|---|
| 行政机关不再处理其政府信息公 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
|---|---|---|---|---|---|---|---|

（六）其
他处理
2.申请人逾期未按收费
通知要求缴纳费用、行
政机关不再处理其政府
信息公开申请
| 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|---|---|---|---|---|---|---|
| 3.其他 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |
|---|---|---|---|---|---|---|---|
| （七）总计 | 26 | 1 | 0 | 0 | 0 | 0 | 27 |
| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
"""

TRUTH = {
    "partial": [2, 0, 0, 0, 0, 0, 2],
    "withheld.prohibited": [0] * 7,
    "withheld.internal": [1, 0, 0, 0, 0, 0, 1],
    "unable.not_held": [5, 1, 0, 0, 0, 0, 6],
    "unable.needs_creation": [3, 0, 0, 0, 0, 0, 3],
    "unable.unclear": [0] * 7,
    "not_processed.excessive": [0] * 7,
    "not_processed.confirmation": [0] * 7,
    "other_handling.no_correction": [2, 0, 0, 0, 0, 0, 2],
    "other_handling.no_fee": [0] * 7,
}


def _row(facts, rid):
    return facts["tables"]["t3"]["rows"][rid]


def _values(facts, rid):
    c = cells(facts, "t3", rid)
    return [c[k]["value"] if k in c else None for k in T3]


def test_label_less_rows_take_the_template_rows_between_their_labelled_neighbours():
    f = facts_md(HEAD + BODY)
    for rid, want in TRUTH.items():
        row = _row(f, rid)
        assert row["found"] and row["reliable"], rid
        assert _values(f, rid) == want, rid
        if row["match"] != "exact":  # a loose label line right above its own figures is read as before
            assert row["match"] == "ordered", rid
            assert {c["read"] for c in row["cells"].values()} == {"ordered"}, rid
            assert "placed by the template's row order between" in row["note"]
    # the nearest loose line named the wrong row here: the order placed it
    assert _row(f, "withheld.internal")["match"] == "ordered"
    assert sum(_row(f, rid)["match"] == "ordered" for rid in TRUTH) >= 7
    # the rows that kept their labels are read as before
    assert _row(f, "withheld.process")["match"] == "exact"
    assert _values(f, "withheld.process") == [2, 0, 0, 0, 0, 0, 2]
    t3 = f["tables"]["t3"]
    assert t3["missing_rows"] == [] and t3["unreliable_rows"] == []
    assert f["unassigned_rows"] == []
    # a placed row is no altered label
    assert not [a for a in t3["approximate_labels"] if a["kind"] == "row"]


def test_placed_rows_check_clean(capsys, tmp_path):
    fired = {d["rule"] for d in rules_fired(HEAD + BODY, capsys, tmp_path)}
    assert not fired & {"TAB002", "TAB004", "TAB008", "INP004", "SUM001", "SUM002", "SUM003", "SUM004"}


def test_a_row_too_few_leaves_the_whole_stretch_unread_never_a_wrong_value(capsys, tmp_path):
    # the 不予处理 stretch loses one label-less row: four template rows, three rows of figures
    text = HEAD + BODY.replace("| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n|---|---|---|---|---|---|---|\n"
                               "| 行政机关不再处理其政府信息公", "| 行政机关不再处理其政府信息公", 1)
    f = facts_md(text)
    for rid in ("not_processed.excessive", "not_processed.confirmation", "other_handling.no_correction",
                "other_handling.no_fee"):
        row = _row(f, rid)
        assert row["found"] and not row["reliable"], rid  # present, unread: never guessed
        assert "not certain" in row["note"]
    # the other stretches are still placed
    assert _values(f, "unable.not_held") == [5, 1, 0, 0, 0, 0, 6]
    fired = [d["rule"] for d in rules_fired(text, capsys, tmp_path)]
    assert "INP004" in fired and "TAB002" not in fired


def test_a_kept_label_piece_that_is_not_part_of_its_place_stops_the_placement():
    # the cut piece belongs to （六）2, but the order would put the row on （六）1
    text = HEAD + BODY.replace("| 行政机关不再处理其政府信息公 |", "| 缴纳费用、行政机关不再处理其政 |")
    f = facts_md(text)
    assert not _row(f, "other_handling.no_correction")["reliable"]
    assert not _row(f, "other_handling.no_fee")["reliable"]


def test_a_loose_label_line_outside_the_stretch_does_not_name_the_figures():
    # one figure row too many between 4.保护第三方合法权益 and 6.属于四类过程性信息: nothing
    # there is placed, and the figures are not given to the loose line 1.本机关不掌握相关政府信息
    text = HEAD + BODY.replace("| 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n",
                               "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| 9 | 0 | 0 | 0 | 0 | 0 | 9 |\n", 1)
    f = facts_md(text)
    assert not _row(f, "withheld.internal")["reliable"]
    assert _values(f, "unable.not_held") == [5, 1, 0, 0, 0, 0, 6]  # its own stretch, placed by order


def test_rows_with_their_own_labels_are_untouched():
    # the same table with every label in its row: nothing is placed by order
    doc = parse_md(HEAD.replace("| 三、 | （一）予以公开 |", "| （一）予以公开 |"), "r.md")
    report = recognise(doc)
    assert all(r.get("match") != "ordered" for r in report.tables["t3"].rows.values())
