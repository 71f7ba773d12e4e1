"""Part headings as a reader sees them (issue 10, item 5): a heading that is plainly part N in
other words is part N (SEC003 names the official title); SEC001 is only for a part that is not
there. Headings are invented in the shapes of published reports."""
import pytest

from tests.conftest import parse_md
from validator.facts import build_facts
from validator.recognize import recognise
from validator.recognize.formats import load_formats
from validator.recognize.parts import heading_key, score_title

OFFICIAL = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def parts_of(headings: list[str], sep: str = "\n\n正文。\n\n") -> dict[int, dict]:
    text = "# 某局2023年政府信息公开工作年度报告\n\n" + sep.join("## " + h for h in headings) + sep
    return {p["number"]: p for p in build_facts(recognise(parse_md(text)))["parts"]}


def with_part(n: int, heading: str) -> list[str]:
    return [heading if i == n - 1 else h for i, h in enumerate(OFFICIAL)]


@pytest.mark.parametrize("n, heading", [
    (4, "四、政府信息公开行政复议与行政诉讼情况"),
    (4, "四、政府信息公开行政复议及行政诉讼情况"),
    (5, "五、存在的主要问题和改进情况"),
    (5, "五、政府信息公开工作存在的主要问题和改进情况"),
    (6, "六、其它需要报告的事项"),
    (1, "一、2023年总体情况"),
])
def test_same_words_joined_differently_are_a_variant(n, heading):
    p = parts_of(with_part(n, heading))[n]
    assert p["found"] and p["match"] == "variant" and p["heading"] == heading


@pytest.mark.parametrize("n, heading", [
    (3, "三、收到的处理政府信息公开申请情况"),  # one character slipped
    (4, "四、政府信息公开行政法复议、行政诉讼情况"),
    (3, "三、收到和处理政府信息公开申情况"),
    (5, "五、存在的主要问题及整改措施"),
    (6, "六、其他需要报告事项"),
])
def test_one_slipped_character_is_fuzzy(n, heading):
    p = parts_of(with_part(n, heading))[n]
    assert p["found"] and p["match"] == "fuzzy"


@pytest.mark.parametrize("n, heading", [
    (5, "五、存在的主要问题及明年工作计划"),
    (5, "五、存在的不足及下一步打算"),
    (1, "一、工作基本情况"),
    (1, "一、概述"),
    (2, "二、行政机关主动公开政府信息情况"),
    (3, "三、依申请公开政府信息情况"),
    (4, "四、因政府信息公开申请行政复议、提起行政诉讼的情况"),
    (6, "六、其他"),
])
def test_other_words_in_the_parts_place(n, heading):
    p = parts_of(with_part(n, heading))[n]
    assert p["found"] and p["match"] in ("fuzzy", "variant"), p


def test_other_words_out_of_place_are_not_taken():
    # "五、存在的不足" after part 六: not in part 五's place
    headings = OFFICIAL[:4] + [OFFICIAL[5], "五、存在的不足及下一步打算"]
    assert not parts_of(headings)[5]["found"]


def test_other_words_need_the_parts_own_numeral():
    headings = OFFICIAL[:4] + ["三、存在的不足及下一步打算", OFFICIAL[5]]
    assert not parts_of(headings)[5]["found"]


def test_close_wording_with_a_wrong_numeral_is_the_part_misnumbered():
    # the words and the place say part 五; the numeral is wrong (SEC002 reports the numbering)
    headings = OFFICIAL[:4] + ["三、存在的主要问题及明年工作计划", OFFICIAL[5]]
    p = parts_of(headings)[5]
    assert p["found"] and p["numeral"] == "三"


@pytest.mark.parametrize("row_label", ["三、本年度办理结果", "一、本年新收政府信息公开申请数量",
                                       "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"])
def test_table_row_labels_are_not_parts(row_label):
    parts = parts_of(OFFICIAL[:2] + [row_label])
    assert not parts[3]["found"] and not parts[4]["found"]


def test_heading_containing_a_row_label_word_is_still_the_part():
    # 行政复议 is a label of the part 四 table; the heading is part 四 all the same
    assert parts_of(with_part(4, "四、政府信息公开行政复议与行政诉讼情况"))[4]["found"]


def test_first_part_heading_form():
    parts = parts_of(["第一部分 总体情况", "第二部分 主动公开政府信息情况"])
    assert parts[1]["found"] and parts[2]["found"]


def test_inline_heading_with_a_slipped_character_in_a_flattened_page():
    page = ("某局2022年政府信息公开工作年度报告 一、总体情况 2022年，本局主动公开信息140条。" + "本局加强审核。" * 40
            + "三、收到和处理政府信息公开申请情况 本年共受理申请3件。"
            + "四、政府信息公开行政法复议、行政诉讼情况 行政复议 行政诉讼 2 0 1 0 3 1 0 0 0 1 0 0 0 0 0 "
            + "五、存在的主要问题及改进情况 解读形式单一。六、其他需要报告的事项 无。")
    parts = {p["number"]: p for p in build_facts(recognise(parse_md(page + "\n")))["parts"]}
    assert all(parts[n]["found"] for n in (1, 3, 4, 5, 6)) and not parts[2]["found"]
    assert parts[4]["match"] == "fuzzy" and parts[4]["heading"] == "四、政府信息公开行政法复议、行政诉讼情况"


def _flat_parts(part4: str, between_1_and_2: str = "") -> dict[int, dict]:
    page = ("某局2022年政府信息公开工作年度报告 一、总体情况 2022年，本局主动公开信息140条。" + "本局加强审核。" * 40
            + between_1_and_2
            + "二、主动公开政府信息情况 第二十条第（一）项 规章 0 0 0 "
            + "三、收到和处理政府信息公开申请情况 本年共受理申请3件。 四、结转下年度继续办理 0 0 0 0 0 0 0 "
            + part4
            + "五、存在的主要问题及改进情况 解读形式单一。六、其他需要报告的事项 无。")
    return {p["number"]: p for p in build_facts(recognise(parse_md(page + "\n")))["parts"]}


@pytest.mark.parametrize("heading, quoted", [
    ("四、行政复议和行政诉讼情况 行政复议 行政诉讼 2 0 1 0 3 ", "四、行政复议和行政诉讼情况"),
    ("四、行政复议、诉讼情况行政复议行政诉讼结果维持 2 0 1 0 3 ", "四、行政复议、诉讼情况"),
    ("四、涉及复议诉讼情况。 行政复议 2 0 1 0 3 ", "四、涉及复议诉讼情况"),
])
def test_inline_heading_in_other_words_in_its_place_is_the_part(heading, quoted):
    # a flattened page: part 四 worded far from the official title, standing between 三 and 五
    p = _flat_parts(heading)[4]
    assert p["found"] and p["match"] == "fuzzy" and p["heading"] == quoted


def test_inline_heading_in_other_words_out_of_place_is_not_the_part():
    # a list item of part 一 ("四、加强复议诉讼应诉工作") before part 二 is not part 四
    parts = _flat_parts("行政复议 行政诉讼 2 0 1 0 3 ", between_1_and_2="四、加强复议诉讼应诉 工作扎实。")
    assert not parts[4]["found"]


def test_inline_words_without_the_parts_subject_are_not_the_part():
    assert not _flat_parts("四、其他工作情况 2 0 1 0 3 ")[4]["found"]


def test_inline_mention_inside_a_sentence_is_not_a_heading():
    page = "本报告包括总体情况等部分。" * 30 + "一、总体情况 2022年本局公开信息。" + "内容。" * 50 + \
        "我们将改进存在的主要问题及明年工作计划五、存在的不足及下一步打算的说明。"
    parts = {p["number"]: p for p in build_facts(recognise(parse_md(page + "\n")))["parts"]}
    assert parts[1]["found"] and not parts[5]["found"]


def test_heading_key_unifies_connectors_and_drops_a_leading_year():
    assert heading_key("政府信息公开行政复议与行政诉讼情况") == heading_key("政府信息公开行政复议、行政诉讼情况")
    assert heading_key("2023年政务公开总体情况") == heading_key("政务公开总体情况")
    assert heading_key("其它需要报告的事项") == heading_key("其他需要报告的事项")


def test_score_title_exact_variant_and_fuzzy():
    fmt = load_formats()["gov2021"]
    assert score_title("总体情况", fmt)[:2] == (1.0, "exact")
    assert score_title("政府信息公开总体情况", fmt)[:2] == (1.0, "variant")
    score, kind, part = score_title("收到的处理政府信息公开申请情况", fmt)
    assert kind == "fuzzy" and part.number == 3 and score > 0.9


def test_traditional_headings_are_exact_and_quoted_as_written():
    text = "# 雲溪縣文化和旅遊局2021年政府信息公開工作年度報告\n\n## 一、總體情況\n\n正文。\n\n## 二、主動(dòng)公開政府信息情況\n\n正文。\n"
    parts = {p["number"]: p for p in build_facts(recognise(parse_md(text)))["parts"]}
    assert parts[1]["match"] == "exact" and parts[2]["match"] == "exact"
    assert parts[2]["heading"] == "二、主動(dòng)公開政府信息情況"


def test_ratio_bound_never_falls_below_the_ratio():
    # the bound only skips comparisons that could not reach the threshold
    from validator.recognize.parts import _ratio, _ratio_bound

    pairs = [("政府信息公开行政法复议、行政诉讼情况", "政府信息公开行政复议、行政诉讼情况"), ("总体情况", "概述"),
             ("行政复议行政诉讼结果维持", "政府信息公开行政复议、行政诉讼情况"), ("", "总体情况"), ("aab", "aba")]
    for a, b in pairs:
        assert _ratio_bound(a, b) >= _ratio(a, b)
    assert _ratio_bound("总体情况", "概述") == 0.0


def plain_parts(text: str) -> dict[int, dict]:
    return {p["number"]: p for p in build_facts(recognise(parse_md(text)))["parts"] if p["found"]}


def test_a_dash_typed_for_one_is_part_one_approximately():
    # "—、总体情况": a dash looks like 一; the part is there, SEC003 names the official heading
    p = plain_parts("—、总体情况\n\n本局全年主动公开信息。\n\n二、主动公开政府信息情况\n\n正文。\n")[1]
    assert (p["heading"], p["match"], p["numeral"]) == ("—、总体情况", "fuzzy", "一")


def test_a_dash_before_other_words_is_no_part():
    assert 1 not in plain_parts("—、本局全年主动公开信息十二条。\n\n二、主动公开政府信息情况\n\n正文。\n")


def test_a_heading_and_its_first_sentence_on_one_line():
    line = "一、总体情况 2022年以来，青沙镇人民政府认真贯彻条例，逐步健全政府信息公开工作机制，积极稳妥推进公开工作。"
    p = plain_parts("青沙镇2022年政府信息公开工作年度报告\n\n" + line + "\n\n二、主动公开政府信息情况\n\n正文。\n")[1]
    assert (p["heading"], p["match"]) == ("一、总体情况", "exact")


def test_a_numbered_sentence_is_not_a_heading_for_its_first_word():
    line = "一、总体 上讲，本局全年主动公开政府信息十二条，较上年增加三条，未收到政府信息公开申请，未发生行政复议。"
    assert 1 not in plain_parts(line + "\n\n二、主动公开政府信息情况\n\n正文。\n")


def test_a_heading_that_closes_the_preface_paragraph():
    preface = ("根据条例规定，现公开2024年青沙街道政府信息公开工作年度报告。如对本报告有任何疑问，"
               "请与青沙街道党政综合办公室联系（电话：0000-1234567）。一、总体情况")
    p = plain_parts(preface + "\n\n（一）主动公开情况。\n\n二、主动公开政府信息情况\n\n正文。\n")[1]
    assert (p["heading"], p["match"]) == ("一、总体情况", "exact")


@pytest.mark.parametrize("paragraph", [
    "下一步，我们将重点做好以下工作。一、加强学习培训",            # not a part's title
    "全年主动公开信息一百条。一、总体情况较好，未发生泄密事件",        # the title runs on into a sentence
])
def test_words_closing_a_paragraph_that_are_no_heading(paragraph):
    assert 1 not in plain_parts(paragraph + "\n\n二、主动公开政府信息情况\n\n正文。\n")
