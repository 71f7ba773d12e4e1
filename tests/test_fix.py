"""`xxgk check --fix` / `--diff`: safe automatic fixes in text files."""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import cli_run, EXAMPLE_2023, ROOT
from validator.cli import main

DEFECT = ("### （五）监督保障", "### (五)监督保障")  # FMT001: half-width brackets


run = cli_run


def rules(args, capsys) -> list[str]:
    code, out, _ = run(["check", "-f", "json", "--fail-on", "info", *args], capsys)
    return [d["rule"] for f in json.loads(out)["files"] for d in f["diagnostics"] if not d.get("suppressed")]




def defective(text: str) -> str:
    assert DEFECT[0] in text
    return text.replace(DEFECT[0], DEFECT[1])


# ------------------------------------------------------------------ the seed (the acceptance)
def test_fix_on_the_seed_changes_only_the_numbering_and_is_idempotent(seed, capsys):
    original = seed.read_bytes()
    assert "FMT001" in rules([seed], capsys)
    code, out, err = run(["check", "--fix", seed], capsys)
    fixed = seed.read_bytes()
    # exactly one change: (五) -> （五）, every other byte identical
    expected = original.replace("(五) 政府信息公开监督保障情况".encode(), "（五） 政府信息公开监督保障情况".encode(), 1)
    assert expected != original and fixed == expected
    assert (seed.parent / "seed.txt.bak").read_bytes() == original
    assert "FMT001" not in out  # fixed findings are not reported as remaining
    assert f"xxgk：已修正 {seed} 中的 1 个问题（原文件保存为 {seed}.bak）" in err
    assert code == 1  # the seed's other findings remain
    assert "FMT001" not in rules([seed], capsys)
    # idempotent: nothing left to fix, nothing written
    os.remove(seed.parent / "seed.txt.bak")
    code, _, err = run(["check", "--fix", seed], capsys)
    assert seed.read_bytes() == expected
    assert "已修正" not in err and not (seed.parent / "seed.txt.bak").exists()
    # in English with --lang en
    seed.write_bytes(original)
    _, _, err = run(["check", "--fix", "--no-backup", "--lang", "en", seed], capsys)
    assert f"xxgk: fixed 1 finding(s) in {seed}\n" in err


def test_fixed_findings_are_marked_and_do_not_count(tmp_path, capsys):
    report = tmp_path / "r.md"
    report.write_text(defective(EXAMPLE_2023.read_text(encoding="utf-8")), encoding="utf-8")
    code, _, _ = run(["check", "--fail-on", "info", report], capsys)
    assert code == 1
    code, out, _ = run(["check", "--fix", "--fail-on", "info", "-f", "json", report], capsys)
    assert code == 0
    (diag,) = json.loads(out)["files"][0]["diagnostics"]
    assert diag["rule"] == "FMT001" and diag["suppressed"]["kind"] == "fixed"
    assert report.read_text(encoding="utf-8") == EXAMPLE_2023.read_text(encoding="utf-8")


def test_diff_previews_without_writing(seed, capsys):
    original = seed.read_bytes()
    code, out, _ = run(["check", "--diff", seed], capsys)
    assert seed.read_bytes() == original and not (seed.parent / "seed.txt.bak").exists()
    assert out.startswith(f"--- {seed}\n+++ {seed}\n@@ -20,7 +20,7 @@\n")
    minus = [ln for ln in out.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    plus = [ln for ln in out.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    assert len(minus) == len(plus) == 1
    assert minus[0].startswith("-(五) 政府信息公开") and plus[0].startswith("+（五） 政府信息公开")
    assert "FMT001" in out  # not fixed, so still reported
    # --fix --diff is a preview too
    run(["check", "--fix", "--diff", seed], capsys)
    assert seed.read_bytes() == original


def test_no_backup(seed, capsys):
    run(["check", "--fix", "--no-backup", seed], capsys)
    assert "（五）".encode() in seed.read_bytes()
    assert sorted(p.name for p in seed.parent.iterdir()) == ["seed.txt"]


# ------------------------------------------------------------------ encodings and line endings
@pytest.mark.parametrize("encoding, bom, newline", [
    ("utf-8", b"", "\n"),
    ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    ("gb18030", b"", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\n"),
    ("utf-16-be", b"\xfe\xff", "\r\n"),
])
def test_encoding_bom_and_line_endings_are_kept(tmp_path, capsys, encoding, bom, newline):
    text = EXAMPLE_2023.read_text(encoding="utf-8")
    good = bom + text.replace("\n", newline).encode(encoding)
    bad = bom + defective(text).replace("\n", newline).encode(encoding)
    report = tmp_path / "r.md"
    report.write_bytes(bad)
    assert rules([report], capsys) == ["FMT001"]
    run(["check", "--fix", report], capsys)
    assert report.read_bytes() == good
    assert (tmp_path / "r.md.bak").read_bytes() == bad


def test_mixed_line_endings_and_form_feeds_are_kept(tmp_path, capsys):
    lines = defective(EXAMPLE_2023.read_text(encoding="utf-8")).split("\n")
    seps = ["\r\n", "\n", "\r", "\f"]
    data = "".join(line + seps[i % 4] for i, line in enumerate(lines[:-1])) + lines[-1]
    report = tmp_path / "r.md"
    report.write_bytes(data.encode("utf-8"))
    run(["check", "--fix", report], capsys)
    assert report.read_bytes() == data.replace(DEFECT[1], DEFECT[0]).encode("utf-8")


def test_split_lines_matches_the_reader():
    from validator.fix import join_lines, split_lines
    from validator.readers.text_reader import parse_text

    for text in ["a\r\r\nb", "a\r\fb\n", "\n\n", "x", "", "a\f\nb\r\n\rc"]:
        lines, seps = split_lines(text)
        assert lines == parse_text(text).lines
        assert join_lines(lines, seps) == text


# ------------------------------------------------------------------ what is never done
def _finding(line, col, old, new):
    from validator.findings import Finding, Location, Severity

    return Finding(rule="FMT001", name="halfwidth-numbering", severity=Severity.info, message={"zh": "x"},
                   location=Location(), fixable=True, fix={"line": line, "col": col, "old": old, "new": new})


def test_a_fix_is_verified_against_the_bytes_on_disk(tmp_path):
    from validator.fix import FixError, plan_file

    report = tmp_path / "r.md"
    report.write_text("# 标题\n(一)总体情况\n（二）其他\n(三)其他\n", encoding="utf-8")
    lines = ["# 标题", "(一)总体情况", "（二）其他", "(三)其他", ""]
    plan = plan_file(str(report), [_finding(4, 1, "(三)", "（三）"),
                                   _finding(4, 1, "(三)", "（三）"),  # the same fix twice: one edit
                                   _finding(3, 1, "(二)", "（二）"),  # not there any more
                                   _finding(2, 1, "(一)", "（一）"),
                                   _finding(2, 2, "一)", "一）"),  # overlaps the one before: neither
                                   _finding(9, 1, "(九)", "（九）")], lines)
    assert plan.text_after == "# 标题\n(一)总体情况\n（二）其他\n（三）其他\n"
    assert len(plan.applied) == 2
    why = sorted((f.fix["line"], f.fix["col"], reason.code) for f, reason in plan.refused)
    assert why == [(2, 1, "overlap"), (2, 2, "overlap"), (3, 1, "moved"), (9, 1, "outside")]
    moved = dict(((f.fix["line"], r) for f, r in plan.refused))[3]
    assert "no longer holds “(二)” at column 1" in str(moved) and moved.text("zh") == "第 3 行第 1 列已不是“(二)”"
    # the file changed since it was checked: nothing is planned
    with pytest.raises(FixError, match="changed since it was checked"):
        plan_file(str(report), [_finding(4, 1, "(三)", "（三）")], ["# 另一个标题", *lines[1:]])


@pytest.mark.parametrize("old, new", [("一,", "二、"), ("(5)", "（6）"), ("3.", "3、"), ("a", "a\nb")])
def test_a_fix_never_changes_a_figure_or_a_line_break(tmp_path, old, new):
    from validator.fix import plan_file

    report = tmp_path / "r.md"
    report.write_text(f"{old}5万元\n", encoding="utf-8")
    plan = plan_file(str(report), [_finding(1, 1, old, new)], None)
    assert plan.applied == [] and plan.after == plan.before
    assert plan.refused


def test_a_file_that_does_not_round_trip_is_left_alone(tmp_path, monkeypatch):
    from validator.fix import FixError, plan_file
    from validator.readers import text_reader

    report = tmp_path / "r.txt"
    report.write_bytes("(一)总体情况\n".encode("utf-8"))
    # a decoder whose text would not encode back to the same bytes
    monkeypatch.setattr(text_reader, "decode", lambda data: (data.decode("utf-8").replace("情况", "情況"), "utf-8"))
    with pytest.raises(FixError, match="byte for byte"):
        plan_file(str(report), [_finding(1, 1, "(一)", "（一）")], None)
    monkeypatch.undo()
    with pytest.raises(FixError, match="cannot read"):
        report.write_bytes(b"\x81")  # neither UTF-8 nor GB18030
        plan_file(str(report), [_finding(1, 1, "(一)", "（一）")], None)


def test_stdin_and_binary_formats_are_not_fixed(capsys, monkeypatch):
    import io

    data = defective(EXAMPLE_2023.read_text(encoding="utf-8")).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, err = run(["check", "--fix", "--fail-on", "info", "-"], capsys)
    assert code == 1 and "FMT001" in out and "未修正" in err and "标准输入" in err


def test_mode_is_kept_and_a_symlinked_report_is_refused(tmp_path, capsys):
    if os.name != "posix":
        pytest.skip("POSIX permissions and symlinks")
    real = tmp_path / "drafts" / "r.md"
    real.parent.mkdir()
    broken = defective(EXAMPLE_2023.read_text(encoding="utf-8"))
    real.write_text(broken, encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    # through the link: refused and said so (a finding), nothing written anywhere
    code, out, err = run(["check", "--fix", "--no-backup", "-f", "json", "--lang", "en", link], capsys)
    (entry,) = json.loads(out)["files"]
    (refusal,) = [d for d in entry["diagnostics"] if d["rule"] == "FIX001"]
    assert "symbolic link" in refusal["message"] and "not fixed" in err
    assert link.is_symlink() and real.read_text(encoding="utf-8") == broken
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drafts", "link.md"]
    # the file itself: fixed, its mode kept, no temporary file left
    run(["check", "--fix", "--no-backup", real], capsys)
    assert real.read_text(encoding="utf-8") == EXAMPLE_2023.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["r.md"]


# ------------------------------------------------------------------ an interrupted fix
def test_killing_the_process_mid_write_leaves_the_original_intact(tmp_path):
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("needs SIGKILL")
    report = tmp_path / "r.md"
    original = defective(EXAMPLE_2023.read_text(encoding="utf-8")).encode("utf-8")
    report.write_bytes(original)
    env = {**os.environ, "XXGK_TEST_SLOW_WRITE": "60", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "validator", "check", "--fix", str(report)], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        temps: list[Path] = []
        while time.monotonic() < deadline and proc.poll() is None:
            temps = [p for p in tmp_path.iterdir() if p.name.endswith(".xxgk-tmp") and p.stat().st_size > 0]
            if temps:
                break
            time.sleep(0.05)
        assert temps, f"no temporary file appeared (exit {proc.poll()}): {proc.stderr.read() if proc.poll() is not None else ''}"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert report.read_bytes() == original  # the original was never replaced
    (temp,) = temps
    assert 0 < temp.stat().st_size < len(original)  # killed half-way through the temporary file
    assert not (tmp_path / "r.md.bak").exists()
    # a later run fixes the file and is not confused by the leftover
    assert main(["check", "--fix", "--no-backup", str(report)]) == 0
    assert report.read_text(encoding="utf-8") == EXAMPLE_2023.read_text(encoding="utf-8")
