"""Recogniser: format detection, parts, tables — on small fixtures, the seed, the corpus and
the examples. Corpus expectations come from the hand checks in shared/corpus/*.meta."""
import pytest

from tests.conftest import CORPUS, EXAMPLE_2020, EXAMPLE_2023, SEED, facts_of, need_shared, parse_md, values
from validator.facts import build_facts
from validator.recognize import recognise

T3_COLS = ["natural", "business", "research", "charity", "legal", "other", "total"]


def facts_md(text, name="r.md"):
    return build_facts(recognise(parse_md(text, name)))


# ----------------------------------------------------------------------------- seed
def test_seed_meta_parts_and_format():
    need_shared()
    f = facts_of(SEED)
    assert f["meta"]["year"] == 2020
    assert f["meta"]["period"]["start"] == "2020-01-01" and f["meta"]["period"]["end"] == "2020-12-31"
    assert f["template"]["used"] == "gov2019" and f["template"]["basis"] == "markers"
    found = {p["number"]: p["found"] for p in f["parts"]}
    assert found == {1: True, 2: True, 3: False, 4: False, 5: True, 6: True}


def test_seed_part2_blocks_present_and_cut():
    need_shared()
    t = facts_of(SEED)["tables"]
    assert values({"tables": t}, "t2_1", "normative_docs") == [0, 0, 0]
    assert t["t2_6"]["found"] and t["t2_6"]["missing_rows"] == ["penalty", "coercion"]
    assert not t["t2_8"]["found"] and not t["t2_9"]["found"]


def test_seed_part3_rows_present_missing_and_approximate():
    need_shared()
    t3 = facts_of(SEED)["tables"]["t3"]
    present = [rid for rid, r in t3["rows"].items() if r["found"]]
    assert present == ["partial"] + [f"withheld.{k}" for k in (
        "state_secret", "prohibited", "security", "third_party", "internal", "process", "enforcement", "inquiry")] + [
        "unable.not_held", "unable.needs_creation"]
    assert set(t3["missing_rows"]) == {"new", "carried_in", "granted", "unable.unclear", "not_processed.petition",
                                       "not_processed.repeated", "not_processed.publication", "not_processed.excessive",
                                       "not_processed.confirmation", "other_handling", "total", "carried_out"}
    approx = [(a["kind"], a["found"]) for a in t3["approximate_labels"]]
    assert approx == [("row", "2. 没有现成信息需要另")]
    assert t3["rows"]["unable.needs_creation"]["cells"]["total"] == {
        "type": "int", "value": 0, "raw": "0", "location": {"line": 52, "col": 27}, "read": "aligned"}


# ----------------------------------------------------------------------------- examples
@pytest.mark.parametrize("path,fmt,n_t3_rows", [(EXAMPLE_2020, "gov2019", 23), (EXAMPLE_2023, "gov2021", 25)])
def test_examples_extract_completely(path, fmt, n_t3_rows):
    f = facts_of(path)
    assert f["template"]["used"] == fmt and not f["template"]["mixed"]
    assert all(p["found"] and p["match"] == "exact" for p in f["parts"])
    for tid, t in f["tables"].items():
        assert t["found"], tid
        assert t["missing_rows"] == [] and t["approximate_labels"] == [] and t["unreliable_rows"] == [], tid
        for rid, row in t["rows"].items():
            if row["numeric"]:
                assert set(row["cells"]) == set(t["columns"]), (tid, rid)
                assert all(c["type"] in ("int", "decimal") for c in row["cells"].values()), (tid, rid)
    assert len([r for r in f["tables"]["t3"]["rows"].values() if r["numeric"]]) == n_t3_rows
    assert f["unassigned_rows"] == []


# ----------------------------------------------------------------------------- corpus
CORPUS_T3 = {
    # file: (row, column, value) hand checks from the .meta files
    "008.md": [("new", "natural", 705), ("carried_in", "natural", 36), ("total", "natural", 710),
               ("carried_out", "natural", 31), ("new", "total", 713), ("total", "total", 718),
               ("new", "business", 3), ("new", "legal", 5), ("granted", "total", 294), ("partial", "total", 101)],
    "015.md": [("new", "natural", 1259), ("carried_in", "natural", 170), ("total", "natural", 1139),
               ("carried_out", "natural", 290), ("new", "business", 36), ("carried_in", "business", 15),
               ("total", "business", 48), ("carried_in", "legal", 4), ("new", "total", 1295),
               ("carried_in", "total", 189), ("total", "total", 1191), ("carried_out", "total", 293)],
    "010.txt": [("new", "natural", 21), ("partial", "natural", 4), ("withheld.state_secret", "natural", 1),
                ("withheld.process", "natural", 1), ("withheld.enforcement", "natural", 1),
                ("unable.not_held", "natural", 10), ("unable.needs_creation", "natural", 3),
                ("not_processed.petition", "natural", 1), ("total", "total", 21)],
    "011.txt": [("new", "natural", 95), ("total", "natural", 95)],
    "012.txt": [("new", "natural", 3001), ("carried_in", "natural", 34), ("total", "natural", 2932),
                ("carried_out", "natural", 103), ("new", "business", 53), ("new", "legal", 61), ("new", "other", 4),
                ("new", "total", 3119), ("total", "total", 3050), ("granted", "total", 1362),
                ("partial", "total", 454)],
    "009.txt": [("new", "natural", 26), ("total", "total", 26)],
}
CORPUS_T4 = {
    "008.md": {"review.total": 61, "direct.total": 3, "after_review.total": 10, "review.upheld": 27},
    "015.md": {"review.total": 55, "direct.total": 12, "after_review.total": 22},
    "010.txt": {"review.upheld": 10, "review.corrected": 1, "review.total": 0, "after_review.upheld": 5,
                "after_review.total": 0},
    "011.txt": {"review.total": 2, "direct.total": 1, "after_review.total": 3},
    "012.txt": {"review.total": 351, "direct.total": 26, "after_review.total": 20, "review.other": 178},
    "009.txt": {"review.pending": 1, "review.total": 1, "direct.total": 0},
    "005.txt": {"review.upheld": 1, "review.corrected": 1, "review.total": 2, "direct.upheld": 4, "direct.total": 5,
                "after_review.total": 2},
}


def corpus_files():
    if not CORPUS.exists():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")


@pytest.mark.parametrize("name", corpus_files() or ["(no corpus)"])
def test_every_corpus_file_extracts_and_validates(name):
    need_shared()
    from validator.validation import validate
    import json

    f = facts_of(CORPUS / name)
    validate(json.loads(json.dumps(f)), "facts.schema.json", name)
    assert f["template"]["used"] == "gov2021"


@pytest.mark.parametrize("name", sorted(CORPUS_T3))
def test_corpus_part3_matches_hand_checks(name):
    need_shared()
    f = facts_of(CORPUS / name)
    for row, col, value in CORPUS_T3[name]:
        r = f["tables"]["t3"]["rows"][row]
        assert r["found"] and r["reliable"], (row, r)
        assert r["cells"][col]["value"] == value, (row, col)


@pytest.mark.parametrize("name", sorted(CORPUS_T4))
def test_corpus_part4_matches_hand_checks(name):
    need_shared()
    row = facts_of(CORPUS / name)["tables"]["t4"]["rows"]["cases"]
    assert row["found"] and row["reliable"]
    for col, value in CORPUS_T4[name].items():
        assert row["cells"][col]["value"] == value, col


@pytest.mark.parametrize("name,row,expected", [
    ("003.txt", "new", [64, 0, 0, 2, 0, 4, 70]),  # the row total leaves one reading
    ("003.txt", "total", [63, 0, 0, 2, 0, 4, 69]),
    ("003.txt", "granted", [27, 0, 0, 2, 0, 1, 30]),  # two readings sum up; the column totals keep one
    ("003.txt", "unable.not_held", [22, 0, 0, 0, 0, 3, 25]),
    ("003.txt", "partial", [5, 0, 0, 0, 0, 0, 5]),  # "500000 5": one digit per column
    ("005.txt", "partial", [19, 1, 0, 0, 0, 0, 20]),
    ("005.txt", "granted", [22, 0, 0, 0, 0, 0, 22])])
def test_run_together_figures_split_where_the_identities_leave_one_reading(name, row, expected):
    need_shared()
    f = facts_of(CORPUS / name)
    assert values(f, "t3", row, T3_COLS) == expected
    assert {c["read"] for c in f["tables"]["t3"]["rows"][row]["cells"].values()} == {"split"}


@pytest.mark.parametrize("name", ["003.txt", "005.txt"])
def test_run_together_figures_without_an_identity_are_not_split(name):
    # part 二 has no identity: "693665" could be 69/36/65 or 6/93/665 …
    need_shared()
    t = facts_of(CORPUS / name)["tables"]["t2_1"]
    row = t["rows"]["normative_docs"]
    assert row["found"] and row["reliable"] is False and row["cells"] == {} and row["raw_values"]
    assert "no identity" in row["note"]


def test_run_together_part4_is_split_by_the_group_totals():
    need_shared()
    f = facts_of(CORPUS / "003.txt")
    assert values(f, "t3", "carried_in") == [0] * 7
    assert values(f, "t2_5", "licensing") == [2293]
    # 17 digits for 15 cells: only 复议 1+0+2+0=3, 直接起诉 12+0+0+0=12, 复议后起诉 0 keeps T4-I1
    row = f["tables"]["t4"]["rows"]["cases"]
    assert row["reliable"] and [c["value"] for c in row["cells"].values()] == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]


def test_corpus_009_blank_cells_and_altered_row_label():
    need_shared()
    f = facts_of(CORPUS / "009.txt")
    cell = f["tables"]["t3"]["rows"]["new"]["cells"]["business"]
    assert cell["type"] == "blank" and cell["value"] is None
    assert [a["found"] for a in f["tables"]["t2_1"]["approximate_labels"]] == ["规范性文件"]


def test_corpus_010_single_other_handling_row_is_kept_as_subtotal():
    need_shared()
    row = facts_of(CORPUS / "010.txt")["tables"]["t3"]["rows"]["other_handling"]
    assert row["found"] and row.get("subtotal") and row.get("stands_for_children")


def test_corpus_015_lost_column_makes_rows_unreliable():
    need_shared()
    t = facts_of(CORPUS / "015.md")["tables"]["t2_1"]
    assert set(t["unreliable_rows"]) == {"rules", "normative_docs"}


# ----------------------------------------------------------------------------- small fixtures
def test_format_detected_from_markers_not_year():
    f = facts_md("# 某局2023年政府信息公开工作年度报告\n\n| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n|---|---|---|---|\n| 规章 | 1 | 1 | 2 |\n")
    assert f["meta"]["year"] == 2023
    assert f["template"]["detected"] == "gov2019" and f["template"]["expected_for_year"] == "gov2021"


def test_mixed_markers_are_reported():
    f = facts_md("| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 1 | 1 | 2 |\n\n"
                 "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n|---|---|---|---|\n| 行政许可 | 1 | 1 | 2 |\n")
    assert f["template"]["mixed"]


def test_columns_in_a_different_order_are_mapped_by_header():
    f = facts_md("# 某局2023年政府信息公开工作年度报告\n\n第二十条第（一）项\n\n"
                 "| 信息内容 | 现行有效件数 | 本年制发件数 | 本年废止件数 |\n|---|---|---|---|\n| 规章 | 9 | 2 | 1 |\n")
    assert values(f, "t2_1", "rules", ["made", "repealed", "in_force"]) == [2, 1, 9]


def test_table_split_in_two_pieces_is_stitched():
    head = "| 信息内容 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
    f = facts_md("# 某局2023年政府信息公开工作年度报告\n\n" + head + "| 一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |\n\n正文。\n\n"
                 "| （七）总计 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |\n| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n")
    assert values(f, "t3", "new", T3_COLS) == [5, 1, 0, 0, 0, 0, 6]
    assert values(f, "t3", "carried_out", T3_COLS) == [1, 0, 0, 0, 0, 0, 0 + 1]


def test_dropped_cell_makes_the_row_unreliable_instead_of_guessing():
    f = facts_md("一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t6\n")
    row = f["tables"]["t3"]["rows"]["new"]
    assert row["found"] and not row["reliable"] and row["cells"] == {}


def test_traditional_characters_match():
    f = facts_md("一、本年新收政府信息公開申請數量\t5\t1\t0\t0\t0\t0\t6\n")
    assert values(f, "t3", "new", T3_COLS) == [5, 1, 0, 0, 0, 0, 6]


def test_part_heading_variants_and_fuzzy_titles():
    f = facts_md("## 一、政府信息公开总体情况\n\n## 五、存在的主要问题及整改措施\n\n三、本年度办理结果\n")
    parts = {p["number"]: p for p in f["parts"]}
    assert parts[1]["match"] == "variant" and parts[5]["match"] == "fuzzy"
    assert not parts[3]["found"]  # a table row label is not a part heading


def test_flattened_page_finds_inline_part_headings():
    body = "本报告包括总体情况等六个部分。" * 10 + "一、总体情况2021年，我区坚持公开。" + "内容" * 100 + "二、主动公开政府信息情况 第二十条第（一）项"
    f = facts_md(body + "\n")
    found = {p["number"]: p["found"] for p in f["parts"]}
    assert found[1] and found[2] and not found[3]


def test_level_from_agency_name():
    assert facts_md("# 青溪县人民政府2023年政府信息公开工作年度报告\n")["meta"]["level"] == "government"
    assert facts_md("# 青溪县财政局2023年政府信息公开工作年度报告\n")["meta"]["level"] == "department"
    assert facts_md("# 上海市人民政府办公厅2023年政府信息公开工作年度报告\n")["meta"]["level"] == "department"


def test_a_word_among_the_figures_is_an_invalid_cell_not_part_of_the_label():
    f = facts_md("| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
                 "| 4.保护第三方合法权益 | 4 | 2 | 0 | abc | 0 | 0 | 6 |\n")
    row = f["tables"]["t3"]["rows"]["withheld.third_party"]
    assert row["found"] and row["match"] == "exact"
    assert row["cells"]["charity"] == {**row["cells"]["charity"], "type": "invalid", "raw": "abc"}
    assert row["cells"]["natural"]["value"] == 4


def test_block_offset_finds_each_block_start_and_none_for_a_block_without_text():
    # the part and heading searches ask for every block's start: a binary search over the blocks
    # in document order (a linear one made a page of 10,000 short lines quadratic)
    from validator.readers.text_reader import parse_text
    from validator.recognize.textstream import build_stream

    doc = parse_text("一、总体情况\n\n甲\n\n乙乙\n" + "\n".join(str(n) for n in range(2000)), "x.txt", "txt")
    stream = build_stream(doc)
    for k, idx in enumerate(stream.block_index):
        start = stream.block_offset(idx)
        assert start == stream.starts[k]
        assert stream.text[start:].startswith(doc.blocks[idx].text.strip())
    missing = next((i for i in range(len(doc.blocks)) if i not in set(stream.block_index)), None)
    if missing is not None:
        assert stream.block_offset(missing) is None
    assert stream.block_offset(len(doc.blocks) + 5) is None
