"""Terminal text that reads well at 80 and 120 columns.

`--output-format full` (the default at a terminal) groups findings by rule, gives the basis and
the hint once per group, breaks lines by Chinese rules (no line starts with 、。，；：）」 …) with
hanging indents; `concise` (the default elsewhere) is one `path:line:col: severity RULE message`
line per finding.
"""
from __future__ import annotations

import io
import re

import pytest

from tests.conftest import EXAMPLES, cli_run
from validator.reporters.wrap import NO_END, cell_width, hanging, wrap

DEFECTS = EXAMPLES / "report-2023-with-defects.md"
NO_LINE_START = set("、。，；：？！）」』】〕》〉”’…")


def _full(capsys, monkeypatch, columns: int, *extra) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = cli_run(["check", "--output-format", "full", DEFECTS, *extra], capsys)
    assert code == 1
    return out.splitlines()


@pytest.mark.parametrize("columns", [80, 120])
def test_full_output_fits_the_terminal_and_breaks_lines_by_chinese_rules(capsys, monkeypatch, columns):
    lines = _full(capsys, monkeypatch, columns)
    assert "\x1b[" not in "\n".join(lines)  # not a terminal: no colour codes
    for line in lines:
        assert cell_width(line) <= columns, line
        body = line.strip(" │┃")
        if body:
            assert body[0] not in NO_LINE_START, line
            assert body[-1] not in NO_END, line


def test_full_output_groups_by_rule_with_one_basis_and_hint(capsys, monkeypatch):
    lines = _full(capsys, monkeypatch, 80)
    headers = [ln for ln in lines if re.match(r"^(错误|警告|提示) [A-Z]{3}\d{3} ", ln)]
    rules = [ln.split()[1] for ln in headers]
    assert len(rules) == len(set(rules)) >= 6  # one group per rule
    txt001 = next(h for h in headers if " TXT001 " in h)
    assert txt001.endswith("正文数字与统计表不一致（2 处）")
    assert sum(1 for ln in lines if ln.startswith("  依据：")) == len(rules)  # basis once per group
    assert sum(1 for ln in lines if ln.startswith("  建议：")) == len(rules)
    # the TXT001 group: two findings, each with its place and message, then one basis
    start = lines.index(txt001)
    block = lines[start + 1:lines.index(next(ln for ln in lines[start + 1:] if ln.startswith("  依据：")))]
    assert [ln for ln in block if ln.startswith("  第 ")] == ["  第 21 行 · 一、总体情况 › （二）依申请公开",
                                                         "  第 25 行 · 一、总体情况 › （二）依申请公开"]
    # hanging indents: a wrapped basis or hint continues under its text (8 cells), not under its label
    for i, ln in enumerate(lines[:-1]):
        nxt = lines[i + 1]
        if ln.startswith(("  依据：", "  建议：")) and not re.match(r"^(错误|警告|提示) |^  \S|^\S", nxt):
            assert nxt.startswith(" " * 8), (ln, nxt)


def test_no_internal_ids_in_chinese_full_output(capsys, monkeypatch):
    text = "\n".join(_full(capsys, monkeypatch, 120))
    for slug in ("applicant-total-mismatch", "cases：", "tables.t3", "fact", "rule  ", "count"):
        assert slug not in text, slug
    assert "单元格：行政复议 / 总计 0" in text


def test_full_output_in_english(capsys, monkeypatch):
    text = "\n".join(_full(capsys, monkeypatch, 80, "--lang", "en"))
    assert re.search(r"^error TXT001 ", text, re.M) and "  basis: " in text and "  fix: " in text
    assert "依据" not in text and "建议" not in text


def test_concise_is_one_line_per_finding(capsys):
    code, out, _ = cli_run(["check", "--output-format", "concise", DEFECTS], capsys)
    lines = out.splitlines()
    assert code == 1
    assert all(re.match(r"^\S+report-2023-with-defects\.md:\d+:\d+: (error|warning|info) [A-Z]{3}\d{3} ", ln)
               for ln in lines[:-1])
    assert lines[-1].startswith("1 个文件：")


def test_a_terminal_gets_full_output_by_default():
    from validator.reporters.text import output_format

    class Tty(io.StringIO):
        def isatty(self):
            return True

    class Opts:
        output_format = None

    assert output_format(Opts(), Tty()) == "full"
    assert output_format(Opts(), io.StringIO()) == "concise"
    Opts.output_format = "concise"
    assert output_format(Opts(), Tty()) == "concise"


# ------------------------------------------------------------------ the line breaker itself
TEXT = ("一、本年新收政府信息公开申请数量：总计为 329，但自然人与各类法人或其他组织之和为 330（相差 -1）。"
        "核对正文与统计表，二者应一致；通常以核实后的统计表为准修改正文。“（五）”“一、”不能出现在行首；"
        "--select SUM003 application-balance 2023-01-31 /a/very/long/path/to/a/report/file/that/is/long.docx")


@pytest.mark.parametrize("width", range(16, 121))
def test_wrap_keeps_every_character_and_the_rules(width):
    lines = hanging("依据：", TEXT, width, 2)
    assert "".join(ln.strip() for ln in lines).replace(" ", "") == ("依据：" + TEXT).replace(" ", "")
    for ln in lines:
        assert cell_width(ln) <= width, ln
        assert ln.strip()[0] not in NO_LINE_START and ln.rstrip()[-1] not in NO_END, ln
    assert all(ln.startswith(" " * 8) for ln in lines[1:])  # under the text, after "  依据："


def test_wrap_keeps_latin_words_whole():
    lines = wrap("运行 xxgk check --select SUM003 reports/ 检查", 14)
    assert "--select" in [w for ln in lines for w in ln.split()]
    assert all("SUM00" not in ln or "SUM003" in ln for ln in lines)
