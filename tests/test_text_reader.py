import pytest

from tests.conftest import parse_md
from validator.document import InputError
from validator.readers import read_bytes, read_path
from validator.readers.text_reader import decode


def kinds(doc):
    return [b.kind for b in doc.blocks]


def test_markdown_headings_and_levels():
    doc = parse_md("# 标题\n\n## 一、总体情况\n\n正文。\n")
    assert [(b.kind, getattr(b, "level", None), b.text) for b in doc.blocks] == [
        ("heading", 1, "标题"), ("heading", 2, "一、总体情况"), ("paragraph", None, "正文。")]
    assert doc.blocks[1].span.line == 3


@pytest.mark.parametrize("line", ["一、总体情况", "（一）主动公开", "(一)主动公开", "1.本机关", "三, 收到申请情况"])
def test_outline_numbering_on_plain_lines_is_a_heading(line):
    doc = parse_md(line + "\n")
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].source == "numbered"


def test_numbered_lead_in_sentence_is_a_paragraph():
    doc = parse_md("（一）主动公开情况。2020年主动公开政府信息197条，做到了应公开尽公开。\n")
    assert doc.blocks[0].kind == "paragraph"


def test_gfm_pipe_table_with_reliable_grid():
    doc = parse_md("| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 3 |\n")
    table = doc.blocks[0]
    assert table.kind == "table" and table.source == "pipe" and table.grid_reliable
    assert table.texts() == [["信息内容", "本年制发件数"], ["规章", "3"]]
    assert table.rows[1][1].span.line == 3 and table.rows[1][1].span.col == 8


def test_tab_separated_word_paste_with_ragged_rows_and_leading_tabs():
    text = ("本年度办理结果\t(二) 部分公开\t\t0\t1\t0\t0\t0\t0\t1\n"
            "\t(三) 不予公开\t1. 属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n"
            "\t\t2. 其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n"
            "2. 没有现成信息需要另\t\t0\t0\t0\t0\t0\t0\t0\t\n")
    table = parse_md(text).blocks[0]
    assert table.source == "tsv" and not table.grid_reliable
    assert [len(r) for r in table.rows] == [10, 10, 10, 9]
    assert table.texts()[2][:3] == ["", "", "2. 其他法律行政法规禁止公开"]


def test_flattened_web_rows_keep_the_leading_empty_cell():
    text = "（本列数据的勾稽关系为：…） | 申请人情况\n | 自然人 | 法人或其他组织 | 总计\n一、本年新收 | 26 |  |  | 26\n"
    table = parse_md(text).blocks[0]
    assert table.texts()[1] == ["", "自然人", "法人或其他组织", "总计"]
    assert table.texts()[2] == ["一、本年新收", "26", "", "", "26"]


def test_pdftotext_layout_rows_and_figure_only_lines():
    text = ("一、本年新收政府信息公开申请数量        21    0      0     0   0   0     21\n"
            "（二）部分公开（区分处理的，只计这一情 形，不\n"
            "                       4    0      0     0   0   0     4\n"
            "行政许可 550\n")
    doc = parse_md(text)
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert tables[0].texts()[0] == ["一、本年新收政府信息公开申请数量", "21", "0", "0", "0", "0", "0", "21"]
    assert tables[1].texts() == [["4", "0", "0", "0", "0", "0", "4"], ["行政许可", "550"]]


def test_prose_with_numbers_is_not_a_table_row():
    doc = parse_md("2023 年全区受理政府信息公开申请 21 件，均在法定期限答复。\n")
    assert kinds(doc) == ["paragraph"]


@pytest.mark.parametrize("encoding,prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""),
                                              ("utf-16", b"")])
def test_encodings(tmp_path, encoding, prefix):
    text = "## 一、总体情况\n政府信息公开工作年度报告\n"
    data = prefix + text.encode(encoding)
    doc = read_bytes(tmp_path / "r.md", data)
    assert doc.blocks[0].text == "一、总体情况" and doc.blocks[1].text == "政府信息公开工作年度报告"


def test_undecodable_text_is_an_input_error_not_a_crash(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x81\x30\xff\xfe\xfa\x80abc" * 10)
    with pytest.raises(InputError) as err:
        decode(bad.read_bytes())
    assert err.value.rule == "INP001"


def test_missing_file_and_unsupported_formats(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        read_path(tmp_path / "nope.md")
    doc = tmp_path / "r.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(InputError, match="Word 97-2003") as err:
        read_path(doc)
    assert "docx" in err.value.hint


def test_seed_tables_are_seen(need_seed=None):
    from tests.conftest import SEED, need_shared

    need_shared()
    doc = read_path(SEED)
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert tables and tables[0].source == "tsv"
    assert any(c.text == "2. 没有现成信息需要另" for t in tables for r in t.rows for c in r)
