"""The shared cases (`../shared/cases/detection`, `prose`), copied into tests/cases/, as tests.

Each case file states its expectation in its first lines; the checks below are the ones the
cases' own verify.py makes, run through the in-process CLI so they need no installed `xxgk`.
A case that does not hold yet is a strict xfail naming the issue that owns it: when it starts
to pass, the XPASS fails the suite until the marker is removed.
"""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, cli_run

CASES = ROOT / "tests" / "cases"


def run_case(path, capsys):
    code, out, err = cli_run(["check", path, "--format", "json"], capsys)
    assert code in (0, 1), err
    f = json.loads(out)["files"][0]
    return f["diagnostics"], f.get("meta", {})


def fired(diags, rule, pred=lambda g: True):
    return [g for g in diags if g["rule"] == rule and pred(g)]


def val(g, key):
    return str(g.get("values", {}).get(key, ""))


def part_is(numeral):
    return lambda g: val(g, "part").startswith(numeral + "、")


def mentions(*names):
    return lambda g: any(n in (val(g, "missing") + g["message"]) for n in names)


DETECTION = {
    "cell-per-line-bar-tables.md": lambda d, m: [
        ("TAB005 减3", bool(fired(d, "TAB005", lambda g: "减3" in val(g, "raw")))),
        ("TAB005 --41", bool(fired(d, "TAB005", lambda g: "--41" in val(g, "raw")))),
        ("no TAB002 naming present rows", not fired(d, "TAB002", mentions("规章", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制"))),
        ("no TAB003", not fired(d, "TAB003")),
        ("no TAB001 for 二", not fired(d, "TAB001", part_is("二"))),
    ],
    "cell-per-line-plain-tables.md": lambda d, m: [
        ("TAB005 '1 3'", bool(fired(d, "TAB005", lambda g: val(g, "raw").strip() == "1 3"))),
        ("no TAB003", not fired(d, "TAB003")),
        ("no TAB002 naming present rows", not fired(d, "TAB002", mentions("行政规范性文件", "一、本年新收"))),
    ],
    "cell-per-line-blank-cells.md": lambda d, m: [
        ("TAB006/SUM001 on （一）予以公开", bool(fired(d, "TAB006", lambda g: "予以公开" in g["message"]) or fired(d, "SUM001", lambda g: "予以公开" in g["message"]))),
        ("no TAB001 for 三", not fired(d, "TAB001", part_is("三"))),
        ("no TAB002 naming present rows", not fired(d, "TAB002", mentions("一、本年新收", "二、上年结转", "（一）予以公开"))),
        ("no TAB003", not fired(d, "TAB003")),
    ],
    "year-in-preface-sentence.md": lambda d, m: [
        ("year 2023", m.get("year") == 2023), ("TPL001", bool(fired(d, "TPL001"))), ("no TPL003", not fired(d, "TPL003"))],
    "year-in-guanyu-title.md": lambda d, m: [
        ("year 2022", m.get("year") == 2022), ("TPL001", bool(fired(d, "TPL001"))), ("no TPL003", not fired(d, "TPL003"))],
    "year-in-overview-opening.md": lambda d, m: [
        ("year 2021", m.get("year") == 2021), ("no TPL003", not fired(d, "TPL003"))],
    "preface-enumeration.md": lambda d, m: [("SEC004", bool(fired(d, "SEC004")))],
    "preface-enumeration--no-count.md": lambda d, m: [("SEC004", bool(fired(d, "SEC004")))],
    "preface-enumeration--table-as-part.md": lambda d, m: [("SEC004", bool(fired(d, "SEC004")))],
    "preface-enumeration--guard.md": lambda d, m: [("no SEC004", not fired(d, "SEC004"))],
    "traditional-mirror.md": lambda d, m: [
        ("year 2021", m.get("year") == 2021),
        ("TPL001", bool(fired(d, "TPL001"))),
        ("no SEC001 for 一/二", not fired(d, "SEC001", lambda g: part_is("一")(g) or part_is("二")(g))),
        ("no SEC003", not fired(d, "SEC003")),
        ("no TAB004/TAB005/TAB008", not (fired(d, "TAB004") or fired(d, "TAB005") or fired(d, "TAB008"))),
    ],
    "short-label-substitution.md": lambda d, m: [
        ("TAB004 科研企业", bool(fired(d, "TAB004", lambda g: "科研企业" in g["message"]))),
        ("no TAB003", not fired(d, "TAB003")),
    ],
    "itemized-trailing-item.md": lambda d, m: [
        ("exactly one TXT002, on line 14", [g["location"].get("line") for g in fired(d, "TXT002")] == [14])],
    "overview-topic-synonyms.md": lambda d, m: [("no SEC006", not fired(d, "SEC006"))],
    "pipe-row-dropped-cell.md": lambda d, m: [
        ("no SUM001", not fired(d, "SUM001")),
        ("no TAB006 on 一、本年新收", not fired(d, "TAB006", lambda g: "本年新收" in g["message"]))],
    "flattened-heading-typo.md": lambda d, m: [
        ("no SEC001 for 四", not fired(d, "SEC001", part_is("四"))),
        ("no TAB001 for 四", not fired(d, "TAB001", part_is("四")))],
    # cases of the project's own (issue 10, items 4 and 5), in the shapes of published reports
    "year-agency-line-above.md": lambda d, m: [
        ("year 2021", m.get("year") == 2021), ("agency", m.get("agency") == "青石镇人民政府"),
        ("level township", m.get("level") == "township"), ("TPL001", bool(fired(d, "TPL001"))),
        ("SEC005", bool(fired(d, "SEC005"))), ("no TPL003", not fired(d, "TPL003"))],
    "year-title-after-report-words.md": lambda d, m: [
        ("year 2022", m.get("year") == 2022), ("agency", m.get("agency") == "澜川市青溪区人民政府外事办公室"),
        ("TPL001", bool(fired(d, "TPL001"))), ("no TPL003", not fired(d, "TPL003"))],
    "year-period-as-of.md": lambda d, m: [
        ("year 2022", m.get("year") == 2022), ("TPL001", bool(fired(d, "TPL001"))), ("no TPL003", not fired(d, "TPL003"))],
    "year-not-from-publication-date.md": lambda d, m: [
        ("no year", m.get("year") is None), ("TPL003", bool(fired(d, "TPL003"))), ("no TPL001", not fired(d, "TPL001"))],
    "year-preface-with-notice-years.md": lambda d, m: [
        ("year 2020", m.get("year") == 2020), ("no TPL001", not fired(d, "TPL001")), ("no TPL003", not fired(d, "TPL003"))],
    "heading-connector-variant.md": lambda d, m: [
        ("SEC003 for 四", bool(fired(d, "SEC003", lambda g: "四、政府信息公开行政复议与行政诉讼情况" in g["message"]))),
        ("no SEC001 for 四", not fired(d, "SEC001", part_is("四"))),
        ("no TAB001 for 四", not fired(d, "TAB001", part_is("四")))],
    "heading-other-words-in-place.md": lambda d, m: [
        ("SEC003 for 五", bool(fired(d, "SEC003", lambda g: "五、存在的主要问题及明年工作计划" in g["message"]))),
        ("no SEC001 for 五", not fired(d, "SEC001", part_is("五")))],
    "heading-slipped-character.md": lambda d, m: [
        ("SEC003 for 三", bool(fired(d, "SEC003", lambda g: "三、收到的处理政府信息公开申请情况" in g["message"]))),
        ("no SEC001 for 三", not fired(d, "SEC001", part_is("三"))),
        ("no TAB001 for 三", not fired(d, "TAB001", part_is("三")))],
}

# Cases that do not hold yet, with the issue that owns them. Remove an entry when it passes.
PENDING = {
}


def severe(d):
    return [g for g in d if g["severity"] in ("error", "warning")]


# ../shared/cases/prose: the narrative against the tables (issue 11). Each file's first line states
# what must (not) fire.
PROSE = {
    "all-concluded.md": lambda d: [
        ("TXT007 on 所有申请均已…办结 (2 carried over)", bool(fired(d, "TXT007", lambda g: "均已" in val(g, "quote") and val(g, "value") == "2")))],
    "applications-zero-tiao.md": lambda d: [
        ("TXT001 or TXT003 on 0条", bool(fired(d, "TXT001", lambda g: val(g, "stated") == "0") or fired(d, "TXT003")))],
    "clean.md": lambda d: [("no error or warning", not severe(d))],
    "fractional-count.md": lambda d: [
        ("TAB005 or TAB009 on 6.5", bool(fired(d, "TAB009", lambda g: val(g, "raw") == "6.5") or fired(d, "TAB005", lambda g: val(g, "raw") == "6.5")))],
    "information-count.md": lambda d: [("no TXT001", not fired(d, "TXT001"))],
    "itemized-fenbiewei.md": lambda d: [("TXT002 215 vs 210", bool(fired(d, "TXT002", lambda g: (val(g, "total"), val(g, "sum")) == ("215", "210"))))],
    "itemized-percentages.md": lambda d: [("no TXT002", not fired(d, "TXT002"))],
    "review-denial.md": lambda d: [("TXT004", bool(fired(d, "TXT004")))],
    "scoped-negation.md": lambda d: [("no TXT003", not fired(d, "TXT003")), ("no TXT001", not fired(d, "TXT001"))],
    "table2-in-prose.md": lambda d: [
        ("TXT008 on 行政处罚 41 vs 44", bool(fired(d, "TXT008", lambda g: (val(g, "stated"), val(g, "table_value")) == ("41", "44")))),
        ("nothing on the 215 permits that agree", not fired(d, "TXT008", lambda g: val(g, "stated") == "215"))],
}


@pytest.mark.parametrize("name", sorted(PROSE), ids=[n.removesuffix(".md") for n in sorted(PROSE)])
def test_prose_case(name, capsys):
    diags, _ = run_case(CASES / "prose" / name, capsys)
    failed = [label for label, ok in PROSE[name](diags) if not ok]
    assert not failed, f"{name}: {failed}"


def test_every_prose_case_has_a_check():
    assert {p.name for p in (CASES / "prose").glob("*.md")} == set(PROSE)


def _params():
    for name in sorted(DETECTION):
        marks = [pytest.mark.xfail(strict=True, reason=PENDING[name])] if name in PENDING else []
        yield pytest.param(name, marks=marks, id=name.removesuffix(".md"))


@pytest.mark.parametrize("name", list(_params()))
def test_detection_case(name, capsys):
    diags, meta = run_case(CASES / "detection" / name, capsys)
    results = DETECTION[name](diags, meta)
    failed = [label for label, ok in results if not ok]
    assert not failed, f"{name}: {failed}"


def test_every_detection_case_has_a_check():
    files = {p.name for p in (CASES / "detection").glob("*.md") if p.name != "README.md"}
    assert files == set(DETECTION)
