"""Inputs that cannot be checked: one clear INP finding each, exit code 2, and every other file
of the same run still checked.

The bad inputs are committed under tests/fixtures/formats/bad/ (tools/make_fixtures.py):
a scanned-style PDF (a page image, no text layer), a password-protected .docx (real agile
encryption), a Word 97-2003 .doc made by LibreOffice, and a .docx cut in half.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT
from validator.cli import main

FORMATS = ROOT / "tests" / "fixtures" / "formats"
BAD = FORMATS / "bad"
# file -> (rule, words the message must contain)
EXPECTED = {
    "scanned.pdf": ("INP003", ["没有可用的文本层", "扫描件"]),
    "password.docx": ("INP001", ["加密", "密码"]),
    "old-word.doc": ("INP001", ["Word 97-2003 (.doc)"]),
    "truncated.docx": ("INP001", ["损坏"]),
}
GOOD = "report-2023-with-defects.docx"  # a readable report with findings: proves it was checked
CLEAN = "report-2023-gov2021.html"


def _need_fixtures():
    pytest.importorskip("pdfplumber")  # without it a PDF is INP001 "install pdfplumber", not INP003
    for name in [*EXPECTED, GOOD, CLEAN]:
        path = BAD / name if name in EXPECTED else FORMATS / name
        if not path.exists():
            pytest.skip(f"{path} missing (run tools/make_fixtures.py)")


@pytest.fixture()
def folder(tmp_path):
    _need_fixtures()
    d = tmp_path / "reports"
    d.mkdir()
    for name in EXPECTED:
        shutil.copyfile(BAD / name, d / name)
    shutil.copyfile(FORMATS / GOOD, d / GOOD)
    shutil.copyfile(FORMATS / CLEAN, d / CLEAN)
    return d


# the position is "12:3" in text formats, "第 2 段" / "表 2 第 4 行第 8 列" / "第 3 页" in Word and PDF
_LINE = re.compile(r"^(?P<path>.+?):(?P<loc>\d+:\d+|[^:]+?): (?P<sev>error|warning|info) (?P<rule>[A-Z]{3}\d{3}) (?P<msg>.*)$")


def _plain_lines(stdout: str):
    return [m.groupdict() for m in map(_LINE.match, stdout.splitlines()) if m]


def test_cli_folder_with_unreadable_files(folder):
    """`xxgk check FOLDER` as a user runs it (a subprocess, not a TTY: plain lines)."""
    proc = subprocess.run([sys.executable, "-m", "validator", "check", str(folder)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = _plain_lines(proc.stdout)
    by_file: dict[str, list[dict]] = {}
    for ln in lines:
        by_file.setdefault(Path(ln["path"]).name, []).append(ln)
    for name, (rule, words) in EXPECTED.items():
        got = by_file.get(name, [])
        assert len(got) == 1, (name, got)  # one finding, not forty
        assert got[0]["rule"] == rule and got[0]["sev"] == "error"
        for w in words:
            assert w in got[0]["msg"], (name, got[0]["msg"])
    # the readable report in the same run was still checked, completely
    good_rules = Counter(ln["rule"] for ln in by_file.get(GOOD, []))
    assert good_rules["SUM001"] == 1 and good_rules["SUM004"] == 1 and good_rules["DAT001"] == 1
    assert not any(r.startswith("INP") for r in good_rules)
    assert not [ln for ln in by_file.get(CLEAN, []) if ln["sev"] != "info"]


def test_cli_list_of_files_json(folder, capsys):
    """Files named one by one, JSON output: each bad file has a hint that says what to do."""
    files = [folder / n for n in EXPECTED] + [folder / GOOD]
    code = main(["check", "-f", "json", *map(str, files)])
    out = capsys.readouterr().out
    assert code == 2
    report = json.loads(out)
    per_file = {Path(f["path"]).name: f for f in report["files"]}
    assert set(per_file) == {*EXPECTED, GOOD}
    for name, (rule, _) in EXPECTED.items():
        diags = per_file[name]["diagnostics"]
        assert [d["rule"] for d in diags] == [rule]
        assert diags[0]["hint"], name
    assert "另存为 .docx" in per_file["old-word.doc"]["diagnostics"][0]["hint"]
    assert "取消密码保护" in per_file["password.docx"]["diagnostics"][0]["hint"]
    assert "OCR" in per_file["scanned.pdf"]["diagnostics"][0]["hint"]
    assert any(d["rule"] == "SUM004" for d in per_file[GOOD]["diagnostics"])


def test_a_clean_run_after_removing_the_bad_files_exits_0(folder, capsys):
    for name in EXPECTED:
        (folder / name).unlink()
    (folder / GOOD).unlink()
    assert main(["check", str(folder)]) == 0
    capsys.readouterr()


# --------------------------------------------------------------------------- the registry


def test_ole_containers_are_told_apart_by_their_streams(tmp_path):
    """An encrypted .docx and a Word 97 .doc are both OLE files: the stream names say which,
    whatever the file is called."""
    _need_fixtures()
    from validator.document import InputError  # noqa: PLC0415
    from validator.readers import ole_kind, read_bytes  # noqa: PLC0415

    doc = (BAD / "old-word.doc").read_bytes()
    locked = (BAD / "password.docx").read_bytes()
    assert ole_kind(doc) == "word" and ole_kind(locked) == "encrypted"
    for name, data, words in (("renamed.docx", doc, "Word 97-2003"), ("report.doc", locked, "加密"),
                              ("report", doc, "Word 97-2003"), ("report.wps", doc, "WPS")):
        with pytest.raises(InputError) as exc:
            read_bytes(Path(name), data)
        assert exc.value.rule == "INP001" and words in exc.value.message, (name, exc.value.message)
        assert exc.value.hint


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_doc_fixture_converts_back_with_libreoffice(tmp_path):
    """The hint for a .doc names a LibreOffice command; with soffice installed, following it
    gives a .docx that reads like the example the .doc was made from."""
    _need_fixtures()
    from validator.pipeline import analyse  # noqa: PLC0415

    src = tmp_path / "old-word.doc"
    shutil.copyfile(BAD / "old-word.doc", src)
    subprocess.run([shutil.which("soffice"), "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "docx", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)})
    facts = analyse(tmp_path / "old-word.docx")[2]
    md = analyse(ROOT / "examples" / "report-2020-gov2019.md")[2]
    for tid in ("t3", "t4"):
        got = {r: {c: v.get("value") for c, v in row.get("cells", {}).items()} for r, row in facts["tables"][tid]["rows"].items()}
        want = {r: {c: v.get("value") for c, v in row.get("cells", {}).items()} for r, row in md["tables"][tid]["rows"].items()}
        assert got == want, tid
