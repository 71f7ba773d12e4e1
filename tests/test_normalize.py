import pytest

from validator.normalize import (
    COMMON_TRADITIONAL, fix_characters, has_glosses, label_key, needs_reading_form, parse_cell, parse_chinese_number,
    reading_form, reading_key, strip_glosses, to_simplified)


@pytest.mark.parametrize("raw,expected", [
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(二)部分公开(区分处理的、只计这一情形、不计其他情形)"),
    ("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)", "(二)部分公开(区分处理的、只计这一情形、不计其他情形)"),
    ("商业 企业", "商业企业"),
    ("本年新\n制作数量", "本年新制作数量"),
    ("1、申请人无正当理由逾期不补正，行政机关不再处理", "1.申请人无正当理由逾期不补正、行政机关不再处理"),
    ("3.危及“三安全一稳定”", '3.危及"三安全一稳定"'),
    ("３．危及\"三安全一稳定\"", '3.危及"三安全一稳定"'),
])
def test_label_key_unifies_width_whitespace_and_punctuation(raw, expected):
    assert label_key(raw) == expected


def test_radicals_from_pdf_text_are_repaired():
    # Kangxi radicals (NFKC handles) and the CJK Radicals Supplement (needs the table)
    assert fix_characters("政府信息公开⼯作 仅显⽰错误 第3⻚ 表3 第4⾏ 第⼆⼗条") == "政府信息公开工作 仅显示错误 第3页 表3 第4行 第二十条"


def test_fix_characters_keeps_the_documents_own_punctuation():
    # FMT001 must still see half-width numbering after reading
    assert fix_characters("(五) 监督") == "(五) 监督"


def test_traditional_is_compared_in_simplified_form():
    assert label_key(to_simplified("收到和處理政府信息公開申請情況")) == label_key("收到和处理政府信息公开申请情况")


@pytest.mark.parametrize("text,value", [
    ("十二", 12), ("一百九十七", 197), ("两千零五", 2005), ("十", 10), ("零", 0), ("三百", 300),
    ("一万二千", 12000), ("12", 12), ("一二", None), ("件", None),
])
def test_chinese_numerals(text, value):
    assert parse_chinese_number(text) == value


@pytest.mark.parametrize("raw,kind,value", [
    ("12", "int", 12), (" 0 ", "int", 0), ("1,234", "int", 1234), ("24252.311082", "decimal", 24252.311082),
    ("-417", "int", -417), ("", "blank", None), ("—", "blank", None), ("/", "blank", None), ("-", "blank", None),
    ("1 6", "invalid", None), ("--253", "invalid", None), ("减4", "invalid", None), ("3件", "invalid", None),
    ("１２", "int", 12),
])
def test_parse_cell_types(raw, kind, value):
    cell = parse_cell(raw)
    assert cell["type"] == kind and cell["value"] == value and cell["raw"] == raw


def test_character_tests_equal_the_regex_classes_they_replace():
    # is_ideograph / is_wide_or_digit stand in for regex classes on the start-up path; they must
    # accept exactly the same characters, over the whole of Unicode
    import re

    from validator.normalize import is_ideograph, is_wide_or_digit

    ideograph = re.compile(r"[\u4e00-\u9fff]")
    wide_or_digit = re.compile(r"[\u3000-\u9fff\uff00-\uffef\d]")
    for code in range(0x110000):
        ch = chr(code)
        assert is_ideograph(ch) == bool(ideograph.match(ch)), hex(code)
        assert is_wide_or_digit(ch) == bool(wide_or_digit.match(ch)), hex(code)
    assert not is_ideograph("") and is_ideograph("\u4e00") and is_ideograph("\u9fff") and not is_ideograph("\ua000")


def test_iso_date_agrees_with_datetime():
    # meta.iso_date replaces datetime.date on the start-up path
    from datetime import date

    from validator.recognize.meta import iso_date

    for y in (1, 1900, 1999, 2000, 2023, 2024, 2100, 9999, 0, 10000):
        for m in range(0, 14):
            for d in range(0, 33):
                try:
                    want = date(y, m, d).isoformat()
                except ValueError:
                    want = None
                assert iso_date(y, m, d) == want, (y, m, d)


# ----------------------------------------------------------------------------- reading form (issue 10, item 3)


@pytest.mark.parametrize("written, read", [
    ("規(guī)章", "规章"),
    ("年度報(bào)告", "年度报告"),
    ("第二十條第(五)項(xiàng)", "第二十条第(五)项"),
    ("主動（dòng）公開", "主动公开"),
    ("政府信息公開工作年度報告", "政府信息公开工作年度报告"),
])
def test_reading_form_simplifies_and_drops_glosses(written, read):
    text, origin = reading_form(written)
    assert text == read
    assert len(origin) == len(text) + 1 and origin[-1] == len(written)
    # every character maps back to the same character position in the original
    assert all(written[o] == w for o, w in zip(origin, reading_form(written, simplify=False)[0]))


@pytest.mark.parametrize("text", ["(一)", "（二）项", "规章(PDF)", "附件(a)", "abc (guī)", "(5)"])
def test_brackets_that_are_not_glosses_stay(text):
    assert not has_glosses(text)
    assert strip_glosses(text) == text


def test_needs_reading_form_only_for_traditional_or_glossed_text():
    assert needs_reading_form("政府信息公開工作年度報告")
    assert needs_reading_form("规(guī)章")
    assert not needs_reading_form("政府信息公开工作年度报告（二）第二十条第(五)项")


def test_reading_key_compares_traditional_labels():
    assert reading_key("規(guī)範性文件") == label_key("规范性文件")
    assert reading_key("本年增/減") == label_key("本年增/减")


def test_common_traditional_covers_the_format_labels():
    # a mirrored report always writes some of the official labels: each traditional form of
    # their characters (OpenCC s2t) that differs from the simplified one is in the trigger set
    opencc = pytest.importorskip("opencc")
    s2t = opencc.OpenCC("s2t")
    from validator.recognize.formats import load_formats

    labels = set()
    for spec in load_formats().values():
        labels.update(p.title for p in spec.parts)
        labels.update(r.label for t in spec.tables for r in t.rows)
        labels.update(c.label for t in spec.tables for c in t.columns)
    traditional = {t for label in labels for ch in label if (t := s2t.convert(ch)) != ch}
    assert traditional <= COMMON_TRADITIONAL, sorted(traditional - COMMON_TRADITIONAL)


def test_long_texts_are_keyed_without_filling_the_label_cache():
    """Issue 16: a worker's memory grew with the batch because every document's whole text (format
    detection) and its paragraphs went into label_key's cache. Labels are cached, long texts not,
    and both give the same key."""
    from validator import normalize

    paragraph = "本机关2023年共收到政府信息公开申请（一）  123 件，" * 20
    before = normalize.label_key.cache_info().currsize
    key = normalize.label_key(paragraph)
    assert normalize.label_key.cache_info().currsize == before
    assert key == normalize.label_key.__wrapped__(paragraph) and " " not in key
    label = f"（一）予以公开{before}"
    assert normalize.label_key(label) == normalize.label_key.__wrapped__(label)
    assert normalize.label_key.cache_info().currsize == min(before + 1, normalize.KEY_CACHE_SIZE)


def test_cached_key_functions_pickle_by_name():
    """A recogniser's key function travels with a batch's results (pickled to workers and spools):
    the cached key functions must pickle as the module functions they are."""
    import pickle

    from validator import normalize
    from validator.recognize import tables

    for fn in (normalize.label_key, normalize.reading_key, tables.strip_numbering):
        assert pickle.loads(pickle.dumps(fn)) is fn
