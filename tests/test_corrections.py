"""Reviewer corrections (validator/corrections.py): a person's value for a cell xxgk misread,
applied before the rules, marked in every output, refused (INP005) when it no longer matches."""
import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLE_2023, ROOT, cli_run
from tests.test_reporters import html_detail, sarif_validator, write_variant

# A real report of the project's corpus, a PDF converted to Markdown by a third-party tool: the
# conversion lost the 总计 cell of 四、结转下年度继续办理 (its meta and triage record it; the row's
# own figures and the table's identity 34 + 2 = 35 + 1 give 1). xxgk reads the blank it was given.
KEWEI = ROOT / "tests" / "corpus" / "sh-kewei-2024.md"


def write_corrections(path: Path, entries: list[dict]) -> Path:
    path.write_text(yaml.safe_dump({"xxgk_corrections": 1, "corrections": entries}, allow_unicode=True),
                    encoding="utf-8")
    return path


def entry(**kw):
    return {"reason": "按原件核对", "reviewer": "张三", "date": "2024-05-01", **kw}


@pytest.fixture
def kewei(tmp_path):
    report = tmp_path / "reports" / KEWEI.name
    report.parent.mkdir()
    shutil.copy(KEWEI, report)
    fix = write_corrections(tmp_path / "corrections.yaml", [entry(
        file=f"reports/{KEWEI.name}", table="t3", row="carried_out", column="total", value=1, was="",
        reason="PDF 转 Markdown 时丢失了该格，按原件核对为 1")])
    return report, fix


def run_json(args, capsys):
    code, out, err = cli_run([*args, "-f", "json"], capsys)
    return code, json.loads(out)["files"][0]


def test_a_correction_of_a_misread_cell_of_a_corpus_report_changes_its_findings(kewei, tmp_path, capsys):
    report, fix = kewei
    _, before = run_json(["check", report], capsys)
    tab006 = [d for d in before["diagnostics"] if d["rule"] == "TAB006"]
    assert len(tab006) == 1 and tab006[0]["location"]["row_label"] == "四、结转下年度继续办理"
    assert "corrections" not in before
    blank = {e["rule"] for e in before["checklist"] if (e.get("partial") or {}).get("kind") == "cells_blank"}
    assert {"SUM001", "SUM003"} <= blank  # not verified: a blank is not a figure
    _, after = run_json(["check", report, "--corrections", fix], capsys)
    rules_after = [d["rule"] for d in after["diagnostics"]]
    assert "TAB006" not in rules_after  # the cell has its figure now
    assert not [e for e in after["checklist"] if (e.get("partial") or {}).get("kind") == "cells_blank"]
    assert {e["rule"]: e["status"] for e in after["checklist"]}["SUM003"] == "pass"  # 34 + 2 = 35 + 1
    # the 1 carried over now meets the text's "所有申请均已按要求办理完成": a finding on the corrected cell
    (txt007,) = [d for d in after["diagnostics"] if d["rule"] == "TXT007"]
    assert txt007["corrected"] == ["tables.t3.rows.carried_out.cells.total"]
    assert sorted(rules_after) == sorted([r for r in (d["rule"] for d in before["diagnostics"]) if r != "TAB006"]
                                         + ["TXT007"])
    (applied,) = after["corrections"]
    assert applied["status"] == "applied" and applied["value"] == 1 and applied["reviewer"] == "张三"
    assert applied["label"] == "收到和处理政府信息公开申请情况·四、结转下年度继续办理·总计"
    # text: the correction is noted, and the finding resting on it is marked
    _, out, _ = cli_run(["check", report, "--corrections", fix], capsys)
    assert "note: 人工更正 收到和处理政府信息公开申请情况·四、结转下年度继续办理·总计 = 1（原读作空白；" in out
    assert "张三，2024-05-01" in out
    assert next(ln for ln in out.splitlines() if " TXT007 " in ln).endswith("[人工更正：t3.carried_out.total]")
    # SARIF: a property of the report's artifact and of the result, and the log is still valid
    _, out, _ = cli_run(["check", report, "--corrections", fix, "-f", "sarif"], capsys)
    log = json.loads(out)
    assert list(sarif_validator().iter_errors(log)) == []
    (artifact,) = log["runs"][0]["artifacts"]
    assert artifact["properties"]["corrections"][0]["cell"] == "t3.carried_out.total"
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "TXT007")
    assert result["properties"]["corrected"] == ["tables.t3.rows.carried_out.cells.total"]
    # HTML: the correction listed, the cell marked with its trail, the finding marked
    page = tmp_path / "report.html"
    cli_run(["check", report, "--corrections", fix, "-f", "html", "-o", page], capsys)
    detail = html_detail(page.read_text(encoding="utf-8"), report)
    (listed,) = detail["corrections"]
    assert listed["status"] == "applied" and listed["text"].startswith("人工更正 收到和处理政府信息公开申请情况")
    t3 = next(t for t in detail["tables"] if t["id"] == "t3")
    marked = [c for r in t3["rows"] for c in (r if isinstance(r, list) else r.get("cells") or [])
              if isinstance(c, dict) and c.get("corrected")]
    assert len(marked) == 1 and "张三 2024-05-01" in marked[0]["corrected"]
    assert next(f for f in detail["findings"] if f["rule"] == "TXT007")["corrected"] == ["t3.carried_out.total"]
    # extract: the corrected cell in the facts, and the figures CSV uses it
    code, out, _ = cli_run(["extract", report, "--corrections", fix], capsys)
    cell = json.loads(out)["tables"]["t3"]["rows"]["carried_out"]["cells"]["total"]
    assert cell["value"] == 1 and cell["read"] == "corrected" and cell["corrected"]["reviewer"] == "张三"
    code, out, _ = cli_run(["extract", report, "--corrections", fix, "-f", "csv"], capsys)
    header, row = out.splitlines()[:2]
    values = dict(zip(header.split(","), row.split(",")))
    column = next(h for h in header.split(",") if h.startswith("t3.carried_out.total "))
    assert values[column] == "1" and values["corrections"] == "1"


def test_a_finding_on_a_corrected_cell_is_marked_in_every_output(tmp_path, capsys):
    report = tmp_path / "r.md"
    shutil.copy(EXAMPLE_2023, report)
    fix = write_corrections(tmp_path / "c.yaml", [entry(file="r.md", table="t3", row="new", column="natural",
                                                        value=269, was="268")])
    _, data = run_json(["check", report, "--corrections", fix], capsys)
    sum001 = [d for d in data["diagnostics"] if d["rule"] == "SUM001"]
    assert sum001 and sum001[0]["corrected"] == ["tables.t3.rows.new.cells.natural"]
    assert sum001[0]["values"]["expected"] == 330 - 1 or sum001[0]["values"]["actual"] == 330
    _, out, _ = cli_run(["check", report, "--corrections", fix], capsys)
    line = next(ln for ln in out.splitlines() if " SUM001 " in ln)
    assert line.endswith("[人工更正：t3.new.natural]")
    _, out, _ = cli_run(["check", report, "--corrections", fix, "-f", "sarif"], capsys)
    result = next(r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "SUM001")
    assert result["properties"]["corrected"] == ["tables.t3.rows.new.cells.natural"]
    _, out, _ = cli_run(["check", report, "--corrections", fix, "-f", "csv"], capsys)
    assert "tables.t3.rows.new.cells.natural" in next(ln for ln in out.splitlines() if ",SUM001," in ln)


def test_a_correction_that_no_longer_matches_is_not_applied_and_warned(tmp_path, capsys):
    report = tmp_path / "r.md"
    shutil.copy(EXAMPLE_2023, report)
    fix = write_corrections(tmp_path / "c.yaml", [entry(file="r.md", table="t3", row="new", column="natural",
                                                        value=269, was="267")])
    _, data = run_json(["check", report, "--corrections", fix], capsys)
    assert [d["rule"] for d in data["diagnostics"]] == ["INP005"]  # not applied: no SUM001
    (warning,) = data["diagnostics"]
    assert warning["severity"] == "warning" and "现在读作“268”，更正时为“267”" in warning["message"]
    assert warning["location"]["table_id"] == "t3"
    assert data["corrections"][0]["status"] == "stale"


def test_the_file_changed_since_the_correction(tmp_path, capsys):
    report = tmp_path / "r.md"
    shutil.copy(EXAMPLE_2023, report)
    digest = hashlib.sha256(b"an older version").hexdigest()
    fix = write_corrections(tmp_path / "c.yaml", [entry(file="r.md", sha256=digest, table="t3", row="new",
                                                        column="natural", value=269)])
    _, data = run_json(["check", report, "--corrections", fix], capsys)
    assert [d["rule"] for d in data["diagnostics"]] == ["INP005"]
    assert "文件已被修改" in data["diagnostics"][0]["message"]


def test_a_correction_finds_its_report_by_content_hash(tmp_path, capsys):
    report = tmp_path / "renamed.md"
    shutil.copy(EXAMPLE_2023, report)
    digest = hashlib.sha256(report.read_bytes()).hexdigest()
    fix = write_corrections(tmp_path / "c.yaml", [entry(sha256=digest, table="t3", row="new", column="natural",
                                                        value=269)])
    _, data = run_json(["check", report, "--corrections", fix], capsys)
    assert data["corrections"][0]["status"] == "applied"
    assert any(d["rule"] == "SUM001" for d in data["diagnostics"])


def test_a_correction_confirmed_by_the_reading_changes_nothing(tmp_path, capsys):
    report = tmp_path / "r.md"
    shutil.copy(EXAMPLE_2023, report)
    fix = write_corrections(tmp_path / "c.yaml", [entry(file="r.md", table="t3", row="new", column="natural",
                                                        value=268, was="26八")])
    code, data = run_json(["check", report, "--corrections", fix], capsys)
    assert code == 0 and data["diagnostics"] == [] and data["corrections"][0]["status"] == "confirmed"


def _unreadable_row(tmp_path):
    # one figure lost: seven columns, six figures — the row cannot be read column by column
    return write_variant(tmp_path / "r.md", [("| 一、本年新收政府信息公开申请数量 | | | 268 | 34 | 3 | 2 | 17 | 6 | 330 |",
                                              "| 一、本年新收政府信息公开申请数量 | | | 268 | 34 | 3 | 2 | 17 | 330 |")])


def test_an_unreadable_row_is_used_once_every_cell_is_corrected(tmp_path, capsys):
    report = _unreadable_row(tmp_path)
    was = "268 34 3 2 17 330"
    values = dict(natural=268, business=34, research=3, charity=2, legal=17, other=6, total=330)
    partial = write_corrections(tmp_path / "p.yaml", [entry(file="r.md", table="t3", row="new", column="other",
                                                            value=6, was=was)])
    _, data = run_json(["check", report, "--corrections", partial], capsys)
    assert any(d["rule"] == "INP004" for d in data["diagnostics"])  # still incomplete: not used
    sum003 = next(e for e in data["checklist"] if e["rule"] == "SUM003")
    assert sum003["status"] == "not_applicable" and sum003["reason"]["kind"] == "rows_unreadable"
    full = write_corrections(tmp_path / "f.yaml", [entry(file="r.md", table="t3", row="new", column=c, value=v, was=was)
                                                   for c, v in values.items()])
    _, data = run_json(["check", report, "--corrections", full], capsys)
    assert data["diagnostics"] == []
    assert next(e for e in data["checklist"] if e["rule"] == "SUM003")["status"] == "pass"
    assert all(c["status"] == "applied" for c in data["corrections"])


def test_a_missing_row_can_be_supplied(tmp_path, capsys):
    report = write_variant(tmp_path / "r.md", [("| 二、上年结转政府信息公开申请数量 | | | 12 | 2 | 0 | 0 | 1 | 1 | 16 |\n", "")])
    _, data = run_json(["check", report], capsys)
    assert any(d["rule"] == "TAB002" for d in data["diagnostics"])
    values = dict(natural=12, business=2, research=0, charity=0, legal=1, other=1, total=16)
    fix = write_corrections(tmp_path / "c.yaml", [entry(file="r.md", table="t3", row="carried_in", column=c,
                                                        value=v, was=None) for c, v in values.items()])
    _, data = run_json(["check", report, "--corrections", fix], capsys)
    assert data["diagnostics"] == [] and len(data["corrections"]) == 7


@pytest.mark.parametrize("bad, message", [
    ({"table": "t9", "row": "new", "column": "total"}, "unknown table 't9'"),
    ({"table": "t3", "row": "newx", "column": "total"}, "has no row 'newx'"),
    ({"table": "t3", "row": "new", "column": "sum"}, "has no column 'sum'"),
])
def test_a_bad_correction_is_a_clear_error(tmp_path, capsys, bad, message):
    fix = write_corrections(tmp_path / "c.yaml", [entry(file="r.md", value=1, **bad)])
    code, out, err = cli_run(["check", EXAMPLE_2023, "--corrections", fix, "--lang", "en"], capsys)
    assert code == 2 and message in err and "corrections[0]" in err and "Traceback" not in err


def test_a_correction_without_reviewer_or_date_is_refused(tmp_path, capsys):
    fix = write_corrections(tmp_path / "c.yaml", [{"file": "r.md", "table": "t3", "row": "new", "column": "total",
                                                   "value": 1, "reason": "x", "reviewer": "", "date": "soon"}])
    code, _, err = cli_run(["check", EXAMPLE_2023, "--corrections", fix], capsys)
    assert code == 2 and "reviewer" in err and "date" in err
    code, _, err = cli_run(["check", EXAMPLE_2023, "--corrections", tmp_path / "none.yaml"], capsys)
    assert code == 2 and "none.yaml" in err


def test_the_config_names_the_corrections_file(tmp_path, capsys):
    report = tmp_path / "r.md"
    shutil.copy(EXAMPLE_2023, report)
    (tmp_path / "review").mkdir()
    write_corrections(tmp_path / "review" / "c.yaml", [entry(file="../r.md", table="t3", row="new",
                                                             column="natural", value=269, was="268")])
    (tmp_path / ".xxgk.toml").write_text('corrections = "review/c.yaml"\n', encoding="utf-8")
    _, data = run_json(["check", report], capsys)
    assert data["corrections"][0]["status"] == "applied"


def test_extract_writes_a_skeleton_for_the_cells_it_doubted(kewei, tmp_path, capsys):
    report, _ = kewei
    skeleton = tmp_path / "todo.yaml"
    code, _, err = cli_run(["extract", report, "--corrections-skeleton", skeleton], capsys)
    assert code == 0 and "1 cell(s) to review" in err
    data = yaml.safe_load(skeleton.read_text(encoding="utf-8"))
    (e,) = data["corrections"]  # the blank among the row's figures
    assert (e["table"], e["row"], e["column"], e["value"], e["was"]) == ("t3", "carried_out", "total", None, "")
    assert e["file"] == f"reports/{KEWEI.name}" and len(e["sha256"]) == 64
    # unfilled, the skeleton is refused (no reviewer, no date) …
    code, _, err = cli_run(["check", report, "--corrections", skeleton], capsys)
    assert code == 2
    # … filled in, it applies
    e.update(value=1, reviewer="李四", date="2024-06-01")
    skeleton.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _, after = run_json(["check", report, "--corrections", skeleton], capsys)
    assert after["corrections"][0]["status"] == "applied"
    assert not [d for d in after["diagnostics"] if d["rule"] == "TAB006"]


def test_a_skeleton_lists_every_cell_of_a_row_it_could_not_read(tmp_path, capsys):
    # a real report (a flattened web page) whose 行政规范性文件 row ran its three figures together
    report = tmp_path / "gwbgs.txt"
    shutil.copy(ROOT / "tests" / "corpus" / "fj-pingtan-gwbgs-2024.txt", report)
    skeleton = tmp_path / "todo.yaml"
    cli_run(["extract", report, "--corrections-skeleton", skeleton], capsys)
    entries = yaml.safe_load(skeleton.read_text(encoding="utf-8"))["corrections"]
    row = [e for e in entries if (e["table"], e["row"]) == ("t2_1", "normative_docs")]
    assert [e["column"] for e in row] == ["made", "repealed", "in_force"] and {e["was"] for e in row} == {"114251"}


def test_extract_skeleton_in_csv_mode_too(tmp_path, capsys):
    report = _unreadable_row(tmp_path)
    skeleton = tmp_path / "todo.yaml"
    code, _, _ = cli_run(["extract", report, "-f", "csv", "--corrections-skeleton", skeleton], capsys)
    entries = yaml.safe_load(skeleton.read_text(encoding="utf-8"))["corrections"]
    assert {e["column"] for e in entries} == {"natural", "business", "research", "charity", "legal", "other", "total"}
    assert all(e["was"] == "268 34 3 2 17 330" and e["row"] == "new" for e in entries)


def test_corrections_apply_in_a_batch_that_pairs_its_reports(kewei, tmp_path, capsys):
    # a batch checks every report first and runs the cross-year rules after pairing them:
    # the corrections (and the findings resting on them) must survive that second pass
    report, fix = kewei
    other = tmp_path / "reports" / "other.md"
    shutil.copy(EXAMPLE_2023, other)
    code, out, _ = cli_run(["check", report, other, "--corrections", fix, "-f", "json", "-j", "1"], capsys)
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    kw = files[KEWEI.name]
    assert [c["status"] for c in kw["corrections"]] == ["applied"]
    assert "TAB006" not in {d["rule"] for d in kw["diagnostics"]}
    assert next(d for d in kw["diagnostics"] if d["rule"] == "TXT007")["corrected"]
    assert "corrections" not in files["other.md"]
