"""Where a finding is, as its reader looks for it: Word paragraphs and cells, heading paths,
quotes, and findings in document order (validator/locate.py)."""
from __future__ import annotations

import json
import re

from tests.conftest import EXAMPLES, ROOT, cli_run

DOCX = ROOT / "tests" / "fixtures" / "formats" / "report-2023-with-defects.docx"


def _json(capsys, path, *extra):
    code, out, _ = cli_run(["check", path, "-f", "json", *extra], capsys)
    return json.loads(out)["files"][0]["diagnostics"]


def test_docx_findings_read_as_word_users_look(capsys):
    code, out, _ = cli_run(["check", DOCX], capsys)
    assert code == 1
    lines = out.splitlines()[:-1]
    places = [ln.split(": ", 1)[0].split(".docx:", 1)[1] for ln in lines]
    assert places[:6] == ["第 2 段", "第 10 段", "第 10 段", "第 12 段", "第 18 段", "第 19 段"]
    assert places[6:] == ["表 2 第 4 行第 8 列", "表 2 第 4 行第 8 列", "表 3 第 4 行第 5 列"]
    assert not any(re.search(r"\bpara\d|table\d|\.r\d", ln) for ln in lines)
    sum001 = next(ln for ln in lines if " SUM001 " in ln)
    assert sum001.endswith("[三、收到和处理政府信息公开申请情况 / 一、本年新收政府信息公开申请数量 / 总计]")


def test_docx_findings_come_in_document_order(capsys):
    diags = _json(capsys, DOCX)
    keys = []
    for d in diags:
        loc = d["location"]
        keys.append((0, loc["paragraph"]) if "paragraph" in loc else (1, loc["table"], loc["row"], loc["cell"]))
    assert keys == sorted(keys) and len(keys) == 9
    assert [d["rule"] for d in diags][:3] == ["DAT001", "TXT001", "TXT002"]  # not in rule order


def test_docx_locations_carry_the_heading_path_and_a_quote(capsys):
    diags = _json(capsys, DOCX)
    txt = next(d for d in diags if d["rule"] == "TXT001")
    assert txt["location"]["heading_path"] == "一、总体情况 › （二）依申请公开"
    assert txt["location"]["snippet"].startswith("全县共收到政府信息公开申请331件")
    cell = next(d for d in diags if d["rule"] == "SUM001")
    assert cell["location"]["heading_path"].startswith("三、收到和处理政府信息公开申请情况")
    assert "snippet" not in cell["location"]  # a figure: the labels say more


def test_docx_locations_in_english(capsys):
    code, out, _ = cli_run(["check", DOCX, "--lang", "en"], capsys)
    assert ".docx:paragraph 10: error TXT001 " in out
    assert ".docx:table 2, row 4, column 8: error SUM001 " in out


def test_full_output_shows_heading_path_and_quote(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = cli_run(["check", DOCX, "--output-format", "full"], capsys)
    assert "  第 10 段 · 一、总体情况 › （二）依申请公开\n" in out
    assert "    原文：“全县共收到政府信息公开申请331件，其中通过网上…”" in out
    assert "  表 2 第 4 行第 8 列 · 三、收到和处理政府信息公开申请情况 / 一、本年新收政府信息公开申请数量 / 总计" in out


def test_text_formats_keep_line_numbers_and_get_heading_paths(capsys):
    diags = _json(capsys, EXAMPLES / "report-2023-with-defects.md")
    txt = next(d for d in diags if d["rule"] == "TXT001")
    assert txt["location"]["line"] == 21 and "snippet" not in txt["location"]
    assert txt["location"]["heading_path"].startswith("一、总体情况")
    lines = [d["location"].get("line", 0) for d in diags]
    assert lines == sorted(lines)


def _naive_block_of_line(index, line):
    """The definition DocumentIndex.block_of keeps for line spans: the block before the first
    block that starts after the line, scanning in document order."""
    found = None
    for first, i in index.by_line:
        if first > line:
            break
        found = i
    return found


def _naive_heading_path(doc, block, title=None):
    from validator.document import Heading
    from validator.locate import HEADING_CHARS, _clip, _rank

    stack = []
    for b in doc.blocks[:block + 1]:
        if isinstance(b, Heading):
            if title and (b.text.strip() == title or title in b.text):
                continue
            rank = _rank(b)
            while stack and stack[-1][0] >= rank:
                stack.pop()
            stack.append((rank, _clip(b.text, HEADING_CHARS)))
    return " › ".join(text for _, text in stack)


def test_document_index_answers_like_a_scan_on_a_long_document_with_lines_out_of_order():
    """A mutated or pasted file can hold thousands of blocks and findings: the index answers by
    search (once-built heading paths, bisect over lines), with the same answers as scanning every
    block for every finding — including where a reader's line numbers go backwards."""
    import random

    from validator.document import Document, Heading, Paragraph, SourceSpan
    from validator.locate import DocumentIndex

    rng = random.Random(5)
    marks = ["一、总体情况", "（一）主动公开", "1.规章", "（2）其他", "2022年政府信息公开工作年度报告", "二、主动公开"]
    blocks, line = [], 1
    for _ in range(2000):
        line += rng.choice([1, 1, 2, 5, -3])  # mostly forward, sometimes back
        span = SourceSpan(line=max(line, 1))
        if rng.random() < 0.3:
            blocks.append(Heading(rng.choice(marks) + "x" * rng.randrange(40), span,
                                  level=rng.choice([None, None, 1, 2])))
        else:
            blocks.append(Paragraph("正文", span))
    doc = Document(path="long.md", format="md", blocks=blocks)
    index = DocumentIndex(doc, title="2022年政府信息公开工作年度报告")
    for q in range(-2, line + 5, 7):
        assert index.block_of(SourceSpan(line=q)) == _naive_block_of_line(index, q)
    for b in range(0, len(blocks), 13):
        assert index.heading_path(b) == _naive_heading_path(doc, b, "2022年政府信息公开工作年度报告")
