"""`xxgk diff OLD NEW`: findings new / resolved / unchanged by fingerprint, changed table figures,
parts added or removed, in the terminal and as JSON (validator/commands/diff.py)."""
from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLE_2023, EXAMPLES
from validator.cli import main
from validator.commands.diff import diff_findings

NEW_ROW = "| 一、本年新收政府信息公开申请数量 | | | 268 | 34 | 3 | 2 | 17 | 6 | 330 |"
TEXT = EXAMPLE_2023.read_text(encoding="utf-8")


def _drafts(tmp_path: Path) -> tuple[str, str]:
    """OLD lacks part 六; NEW has it and one figure changed (自然人 268 -> 269)."""
    old = tmp_path / "draft1.md"
    old.write_text(TEXT[:TEXT.index("## 六、")], encoding="utf-8")
    new = tmp_path / "draft2.md"
    assert TEXT.count(NEW_ROW) == 1
    new.write_text(TEXT.replace(NEW_ROW, NEW_ROW.replace("| 268 |", "| 269 |")), encoding="utf-8")
    return str(old), str(new)


def _json(capsys, *argv) -> tuple[int, dict]:
    code = main(["diff", *argv, "-f", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_one_figure_changed_and_one_part_added_is_exactly_what_diff_reports(tmp_path, capsys):
    old, new = _drafts(tmp_path)
    code, d = _json(capsys, old, new)
    assert d["parts"] == {"added": ["六、其他需要报告的事项"], "removed": []}
    assert [(c["table"], c["row"], c["column"], c["old"], c["new"]) for c in d["cells"]] == [
        ("t3", "new", "natural", 268, 269)]
    cell = d["cells"][0]
    assert cell["row_label"] == "一、本年新收政府信息公开申请数量" and cell["column_label"] == "自然人"
    assert cell["location"]["line"] == TEXT[:TEXT.index(NEW_ROW)].count("\n") + 1
    assert d["meta"] == {}
    # the missing part was SEC001 and is resolved; the changed figure breaks two identities
    assert [f["rule"] for f in d["findings"]["resolved"]] == ["SEC001"]
    assert sorted(f["rule"] for f in d["findings"]["new"]) == ["SUM001", "SUM003"]
    assert d["findings"]["unchanged"] == []
    assert d["summary"] == {"new": 2, "resolved": 1, "unchanged": 0, "cells_changed": 1, "parts_added": 1,
                            "parts_removed": 0}
    assert code == 1  # NEW brings new errors


def test_terminal_output_in_chinese_and_english(tmp_path, capsys):
    old, new = _drafts(tmp_path)
    main(["diff", old, new])
    out = capsys.readouterr().out
    assert "新增部分：六、其他需要报告的事项" in out
    assert "统计表数字变化 1 处：" in out
    assert f"{new}:" in out and "一、本年新收政府信息公开申请数量 / 自然人: 268 → 269" in out
    assert "问题：新增 2，已解决 1，未变 0" in out
    assert f"  - {old}:" in out and " SEC001 " in out and "  + " in out
    main(["diff", old, new, "--lang", "en"])
    out = capsys.readouterr().out
    assert "parts added: 六、其他需要报告的事项" in out and "findings: 2 new, 1 resolved, 0 unchanged" in out
    main(["diff", new, old])  # the other way round: the part is removed
    assert "删除部分：六、其他需要报告的事项" in capsys.readouterr().out


def test_identical_drafts_and_moved_findings(tmp_path, capsys):
    defects = (EXAMPLES / "report-2023-with-defects.md").read_text(encoding="utf-8")
    a = tmp_path / "a.md"
    a.write_text(defects, encoding="utf-8")
    code, d = _json(capsys, str(a), str(a))
    assert code == 0 and d["cells"] == [] and d["parts"] == {"added": [], "removed": []}
    assert d["findings"]["new"] == d["findings"]["resolved"] == [] and len(d["findings"]["unchanged"]) > 3
    # a paragraph added before everything moves every line: the findings are still the same ones
    b = tmp_path / "b.md"
    head, _, rest = defects.partition("\n\n")
    b.write_text(head + "\n\n（本稿已按审核意见修改。）\n\n" + rest, encoding="utf-8")
    code, d2 = _json(capsys, str(a), str(b))
    assert d2["findings"]["new"] == d2["findings"]["resolved"] == []
    assert len(d2["findings"]["unchanged"]) == len(d["findings"]["unchanged"])
    assert code == 0


def test_cells_that_become_blank_or_text_and_rows_that_vanish(tmp_path, capsys):
    old = tmp_path / "o.md"
    old.write_text(TEXT, encoding="utf-8")
    new = tmp_path / "n.md"
    new.write_text(TEXT.replace("| 规章 | 0 | 0 | 0 |", "| 规章 | — | 0 | 0 |")
                   .replace("| 行政强制 | 148 |\n", ""), encoding="utf-8")
    _, d = _json(capsys, str(old), str(new))
    changed = {(c["table"], c["row"], c["column"]): (c["old"], c["new"]) for c in d["cells"]}
    assert changed == {("t2_1", "rules", "made"): (0, ""), ("t2_6", "coercion", "decisions"): (148, None)}
    main(["diff", str(old), str(new)])
    out = capsys.readouterr().out
    assert "规章 / 本年制发件数: 0 → （空）" in out and "行政强制 / 本年处理决定数量: 148 → （无）" in out


def test_the_same_report_as_md_and_docx_has_the_same_figures(capsys):
    docx = Path(__file__).parent / "fixtures" / "formats" / "report-2023-gov2021.docx"
    _, d = _json(capsys, str(EXAMPLE_2023), str(docx))
    assert d["cells"] == [] and d["parts"] == {"added": [], "removed": []}


def test_exit_codes_and_bad_input(tmp_path, capsys):
    old, new = _drafts(tmp_path)
    assert main(["diff", new, old]) == 1  # the part removed again: SEC001 is new
    fixed = tmp_path / "fixed.md"
    fixed.write_text(TEXT, encoding="utf-8")
    assert main(["diff", new, str(fixed)]) == 0  # only resolved findings
    assert main(["diff", old, new, "--select", "SEC"]) == 0  # the new findings are not selected
    capsys.readouterr()
    assert main(["diff", str(tmp_path), new]) == 2
    assert "不是文件" in capsys.readouterr().err
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["diff", broken.as_posix(), new]) == 2
    capsys.readouterr()


def test_findings_are_a_multiset():
    from validator.findings import Finding, Location, Severity

    def f(text: str) -> Finding:
        return Finding(rule="TXT005", name="placeholder-left", severity=Severity.error, message={"zh": text},
                       location=Location(fact="text"), fingerprint_text=text)

    d = diff_findings([f("XX"), f("XX"), f("某某")], [f("XX"), f("××")])
    assert [x.fingerprint_text for x in d["unchanged"]] == ["XX"]
    assert [x.fingerprint_text for x in d["new"]] == ["××"]
    assert sorted(x.fingerprint_text for x in d["resolved"]) == ["XX", "某某"]
