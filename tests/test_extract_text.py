"""`xxgk extract` for people: at a terminal the recognised tables are drawn at the terminal's width
with their grouped headers (validator/reporters/grid.py, facts_text.py); piped or asked, JSON."""
from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLE_2020, EXAMPLES, cli_run
from validator.reporters.grid import draw
from validator.reporters.wrap import cell_width

DEFECTS = EXAMPLES / "report-2023-with-defects.md"


def _drawn(capsys, monkeypatch, columns: int, *args) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setattr("validator.commands.extract._is_terminal", lambda stream: True)
    code, out, err = cli_run(["extract", *args], capsys)
    assert code == 0, err
    return out.splitlines()


@pytest.mark.parametrize("columns", [80, 120])
def test_a_terminal_gets_the_tables_drawn_at_its_width(capsys, monkeypatch, columns):
    lines = _drawn(capsys, monkeypatch, columns, DEFECTS)
    assert max(cell_width(line) for line in lines) <= columns
    text = "\n".join(lines)
    assert "统一格式：2021 年格式（国办公开办函〔2021〕30号）" in text
    # the grouped headers of tables 3 and 4, each once, over the columns they group
    for group in ("申请人情况", "法人或其他组织", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"):
        assert sum(line.count(group) for line in lines if line.startswith("│")) == 1, group
    # a row's figures stay on one line, right-aligned under their columns
    new = next(i for i, line in enumerate(lines) if "一、本年新收" in line)
    row = next(line for line in lines[new:] if "268" in line)
    assert [c.strip() for c in row.strip("│").split("│")][1:] == ["268", "34", "3", "2", "17", "6", "329"]
    # the template's heading rows are there, and child rows are indented under them
    assert any("│ 三、本年度办理结果" in line for line in lines)
    assert any("│     1.属于国家秘密" in line for line in lines)


def test_the_group_boxes_span_their_columns():
    columns = [(("行政复议",), "结果维持"), (("行政复议",), "总计"),
               (("行政诉讼", "复议后起诉"), "结果维持"), (("行政诉讼", "复议后起诉"), "总计")]
    lines = draw(columns, [("", ["6", "9", "3", "5"])], 80)
    assert lines == [
        "┌─────────────────┬─────────────────┐",
        "│    行政复议     │    行政诉讼     │",
        "├──────────┬──────┼─────────────────┤",
        "│          │      │   复议后起诉    │",
        "├──────────┼──────┼──────────┬──────┤",
        "│ 结果维持 │ 总计 │ 结果维持 │ 总计 │",
        "├──────────┼──────┼──────────┼──────┤",
        "│        6 │    9 │        3 │    5 │",
        "└──────────┴──────┴──────────┴──────┘",
    ]


def test_a_table_too_wide_for_the_terminal_is_cut_at_a_group():
    columns = [((g,), label) for g in ("行政复议", "行政诉讼") for label in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    lines = draw(columns, [("", [str(i) for i in range(10)])], 40)
    assert max(cell_width(line) for line in lines) <= 40
    tops = [line for line in lines if line.startswith("┌")]
    assert len(tops) == 2  # one table per group
    assert any("行政复议" in line for line in lines[:3]) and "行政诉讼" not in "".join(lines[:len(lines) // 2])


def test_piped_output_is_json(capsys):
    code, out, _ = cli_run(["extract", EXAMPLE_2020], capsys)
    assert code == 0 and json.loads(out)["template"]["used"] == "gov2019"


def test_json_when_asked_at_a_terminal(capsys, monkeypatch):
    lines = _drawn(capsys, monkeypatch, 80, "-f", "json", EXAMPLE_2020)
    assert json.loads("\n".join(lines))["meta"]["year"] == 2020


def test_the_2019_format_and_english_words(capsys, monkeypatch):
    text = "\n".join(_drawn(capsys, monkeypatch, 100, "--lang", "en", EXAMPLE_2020))
    assert "Unified format: the 2019 trial format (60号)" in text
    assert "The six parts" in text and "Title: " in text
