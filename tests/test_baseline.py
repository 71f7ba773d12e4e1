"""Baselines: `xxgk baseline create` records today's findings, `xxgk check --baseline` reports
only new ones and lists entries that no longer match."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from tests.conftest import cli_run, EXAMPLE_2023, SEED, need_shared


run = cli_run


def check_json(args, capsys):
    code, out, _ = run(["check", "-f", "json", *args], capsys)
    return code, json.loads(out)


def active(report):
    return [d for f in report["files"] for d in f["diagnostics"] if not d.get("suppressed")]




@pytest.fixture
def chdir(tmp_path):
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def _create(paths, baseline, capsys, *extra):
    code, _, err = run(["baseline", "create", *paths, "-o", baseline, *extra], capsys)
    assert code == 0, err
    return err


# ------------------------------------------------------------------ the seed (the acceptance)
def test_a_baseline_of_the_seed_makes_the_next_check_clean(seed, tmp_path, capsys):
    baseline = tmp_path / ".xxgk-baseline.json"
    code, before = check_json([seed], capsys)
    assert code == 1 and active(before)
    err = _create([seed], baseline, capsys)
    assert f"1 个文件的 {len(active(before))} 个问题已写入" in err
    code, out, _ = run(["check", "--baseline", baseline, seed], capsys)
    assert code == 0
    assert out == ""  # nothing printed for a clean single file
    code, after = check_json(["--baseline", baseline, seed], capsys)
    assert code == 0 and active(after) == []
    diags = after["files"][0]["diagnostics"]
    assert len(diags) == len(active(before))
    assert {d["suppressed"]["kind"] for d in diags} == {"baseline"}
    assert after["summary"]["error"] == 0 and after["stale_baseline_entries"] == []


def test_changing_one_figure_makes_exactly_the_new_finding_appear(seed, tmp_path, capsys):
    baseline = tmp_path / "b.json"
    _create([seed], baseline, capsys)
    text = seed.read_text(encoding="utf-8")
    line = next(ln for ln in text.split("\n") if "属于国家秘密" in ln)
    assert "\t0\t" in line
    seed.write_text(text.replace(line, line.replace("\t0\t", "\t7\t", 1)), encoding="utf-8")
    code, rep = check_json(["--baseline", baseline, seed], capsys)
    assert code == 1
    new = active(rep)
    assert [d["rule"] for d in new] == ["SUM001"], new
    assert rep["stale_baseline_entries"] == []
    code, out, _ = run(["check", "--baseline", baseline, seed], capsys)
    assert [ln.split()[2] for ln in out.splitlines() if ln.startswith(str(seed))] == ["SUM001"]


def test_stale_entries_are_listed(seed, tmp_path, capsys):
    baseline = tmp_path / "b.json"
    _create([seed], baseline, capsys)
    seed.write_text(seed.read_text(encoding="utf-8").replace("(五) 政府信息公开监督保障情况", "（五）政府信息公开监督保障情况"),
                    encoding="utf-8")
    code, out, _ = run(["check", "--baseline", baseline, seed], capsys)
    assert code == 0
    stale_lines = [ln for ln in out.splitlines() if "基线条目已不再匹配" in ln]
    assert len(stale_lines) == 1 and "FMT001" in stale_lines[0] and str(seed) in stale_lines[0]
    code, rep = check_json(["--baseline", baseline, seed], capsys)
    (stale,) = rep["stale_baseline_entries"]
    assert stale["rule"] == "FMT001" and stale["path"] == str(seed)
    assert "(五)" in stale["text"] and len(stale["fingerprint"]) == 16


# ------------------------------------------------------------------ the file
def test_file_is_sorted_one_entry_per_line_with_paths_relative_to_its_folder(tmp_path, capsys, chdir):
    need_shared()
    (tmp_path / "reports" / "2020").mkdir(parents=True)
    shutil.copy2(SEED, tmp_path / "reports" / "2020" / "seed.txt")
    shutil.copy2(EXAMPLE_2023, tmp_path / "reports" / "example.md")
    (tmp_path / "ci").mkdir()
    _create(["reports"], "ci/baseline.json", capsys)
    text = (tmp_path / "ci" / "baseline.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["tool"] == "xxgk" and data["version"] == 1
    lines = text.splitlines()
    entry_lines = [ln for ln in lines if ln.startswith("    {")]
    assert len(entry_lines) == len(data["entries"]) > 5
    for ln, e in zip(entry_lines, data["entries"]):
        assert json.loads(ln.rstrip(",")) == e
        assert list(e) == ["path", "rule", "fingerprint", "text"]
    keys = [(e["path"], e["rule"], e["fingerprint"]) for e in data["entries"]]
    assert keys == sorted(keys)
    assert {e["path"] for e in data["entries"]} <= {"../reports/2020/seed.txt", "../reports/example.md"}
    assert "../reports/2020/seed.txt" in {e["path"] for e in data["entries"]}
    assert "缺少" in text and "\\u" not in text  # Chinese kept readable, not \u-escaped
    # the same file again gives the same bytes (diff-friendly, deterministic)
    _create(["reports"], "ci/baseline.json", capsys)
    assert (tmp_path / "ci" / "baseline.json").read_text(encoding="utf-8") == text
    # from another working directory, named differently, the entries still match
    os.chdir(tmp_path / "reports")
    code, rep = check_json(["--baseline", "../ci/baseline.json", "2020/seed.txt", "example.md"], capsys)
    assert code == 0 and active(rep) == [] and rep["stale_baseline_entries"] == []


def test_reasons_are_kept_when_the_baseline_is_recreated(seed, tmp_path, capsys):
    baseline = tmp_path / "b.json"
    _create([seed], baseline, capsys)
    data = json.loads(baseline.read_text(encoding="utf-8"))
    sec = next(e for e in data["entries"] if e["rule"] == "SEC001")
    sec["reason"] = "该部门当年未设依申请公开职能"
    fmt = next(e for e in data["entries"] if e["rule"] == "FMT001")
    fmt["reason"] = "will be fixed"
    baseline.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    code, rep = check_json(["--baseline", baseline, seed], capsys)
    reasons = {d["suppressed"]["reason"] for d in rep["files"][0]["diagnostics"]}
    assert "该部门当年未设依申请公开职能" in reasons
    # FMT001 goes away; re-creating keeps the SEC001 reason and drops the FMT001 entry
    seed.write_text(seed.read_text(encoding="utf-8").replace("(五) ", "（五）"), encoding="utf-8")
    err = _create([seed], baseline, capsys)
    assert "（保留了 1 条理由）" in err
    again = json.loads(baseline.read_text(encoding="utf-8"))
    by_fp = {e["fingerprint"]: e for e in again["entries"]}
    assert by_fp[sec["fingerprint"]]["reason"] == "该部门当年未设依申请公开职能"
    assert list(by_fp[sec["fingerprint"]]) == ["path", "rule", "fingerprint", "text", "reason"]
    assert fmt["fingerprint"] not in by_fp


def test_a_config_baseline_is_recreated_with_its_entries(seed, tmp_path, capsys):
    """With `baseline = …` in the config, check hides the recorded findings; re-creating the
    baseline must still record them (not only the new ones)."""
    baseline = tmp_path / "b.json"
    _create([seed], baseline, capsys)
    first = baseline.read_text(encoding="utf-8")
    (tmp_path / ".xxgk.toml").write_text('baseline = "b.json"\n', encoding="utf-8")
    code, rep = check_json([seed], capsys)
    assert code == 0 and active(rep) == []
    _create([seed], baseline, capsys)
    assert baseline.read_text(encoding="utf-8") == first


def test_stale_entries_only_for_files_checked_in_this_run(seed, tmp_path, capsys):
    other = tmp_path / "other.txt"
    shutil.copy2(seed, other)
    baseline = tmp_path / "b.json"
    _create([seed, other], baseline, capsys)
    # pre-commit passes only the changed file: the other file's entries are not stale
    code, rep = check_json(["--baseline", baseline, seed], capsys)
    assert code == 0 and rep["stale_baseline_entries"] == []


def test_duplicate_findings_need_one_entry_each(tmp_path):
    from validator.baseline import apply_baseline, entries_for, write_baseline
    from validator.findings import FileResult, Finding, Location, Severity

    def finding():
        return Finding(rule="TXT005", name="placeholder", severity=Severity.error, message={"zh": "残留占位符"},
                       location=Location(fact="text.part1"), fingerprint_text="XX")

    report = tmp_path / "r.md"
    report.write_text("x", encoding="utf-8")
    baseline = tmp_path / "b.json"
    write_baseline(baseline, entries_for([FileResult(str(report), [finding(), finding()])], tmp_path))
    now = FileResult(str(report), [finding(), finding(), finding()])
    assert apply_baseline([now], baseline) == []
    assert [f.suppressed is not None for f in now.findings] == [True, True, False]
    fewer = FileResult(str(report), [finding()])
    stale = apply_baseline([fewer], baseline)
    assert len(stale) == 1 and stale[0]["rule"] == "TXT005" and stale[0]["path"] == str(report)


@pytest.mark.parametrize("content, message, message_en", [
    (None, "找不到基线文件", "baseline file not found"),
    ("{not json", "JSON 无效", "invalid JSON"),
    ('{"entries": [{"path": "a.md"}]}', "entries[0]", "entries[0]"),
    ('{"version": 9, "entries": []}', "不支持基线版本 9", "version 9"),
])
def test_a_bad_baseline_is_a_usage_error(tmp_path, capsys, content, message, message_en):
    baseline = tmp_path / "b.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    code, _, err = run(["check", "--baseline", baseline, EXAMPLE_2023], capsys)
    assert code == 2
    assert message in err and str(baseline) in err and err.startswith("xxgk: 错误：")
    code, _, err = run(["check", "--baseline", baseline, EXAMPLE_2023, "--lang", "en"], capsys)
    assert code == 2 and message_en in err and err.startswith("xxgk: error: ")


def test_baseline_create_on_nothing_is_an_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, _, err = run(["baseline", "create", tmp_path / "empty", "-o", tmp_path / "b.json"], capsys)
    assert code == 2 and not (tmp_path / "b.json").exists()


def test_baseline_without_subcommand_shows_help(capsys):
    code, out, err = run(["baseline"], capsys)
    assert "create" in out + err
