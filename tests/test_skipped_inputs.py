"""Files that are not reports: listed as skipped, never a failure — unless --strict-inputs.

A README, meeting notes or a changelog in a repository of drafts reaches xxgk through pre-commit
(which selects by suffix). It has no report title, no part and no standard table: it is skipped,
with the reason, in every output format. A file with a report title but nothing else is a broken
report and fails (INP002). Word's lock files (~$报告.docx) are skipped without being read.
"""
from __future__ import annotations

import io
import json
import shutil
import sys

import pytest

from tests.conftest import CORPUS, EXAMPLE_2020, EXAMPLE_2023, EXAMPLES, ROOT, SEED, SHARED, cli_run

README = "# 年报草稿\n\n本仓库存放我局的政府信息公开工作年度报告草稿。\n\n- 2023年报.md：定稿\n"
NOTES = "3月5日碰头会\n表三数字待业务科室核对。\n"
TITLE_ONLY = "# 某县统计局2023年政府信息公开工作年度报告\n\n本报告正在起草中。\n"


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    (tmp_path / "CHANGES.md").write_text("## 2024-03-01\n\n- 更新了第四部分的表述\n", encoding="utf-8")
    shutil.copy2(EXAMPLE_2023, tmp_path / "2023.md")
    return tmp_path


def test_non_reports_are_listed_as_skipped_and_do_not_fail(drafts, capsys):
    code, out, err = cli_run(["check", drafts / "README.md", drafts / "notes.txt", drafts / "CHANGES.md", drafts / "2023.md"],
                             capsys)
    assert code == 0, out + err
    lines = out.splitlines()
    for name in ("README.md", "notes.txt", "CHANGES.md"):
        assert any(line.startswith(str(drafts / name) + ": 已跳过：不是政府信息公开工作年度报告") for line in lines), out
    assert "2023.md" not in out
    assert lines[-1] == "4 个文件：0 个错误，0 个警告，0 个提示，3 个已跳过"


def test_skipped_in_english(drafts, capsys):
    code, out, _ = cli_run(["check", drafts / "notes.txt", "--lang", "en"], capsys)
    assert code == 0
    assert f"{drafts / 'notes.txt'}: skipped：not an annual disclosure report" in out


def test_a_title_without_anything_else_is_a_broken_report(tmp_path, capsys):
    path = tmp_path / "draft.md"
    path.write_text(TITLE_ONLY, encoding="utf-8")
    code, out, _ = cli_run(["check", path], capsys)
    assert code == 1
    assert "error INP002 有报告标题“某县统计局2023年政府信息公开工作年度报告”" in out
    assert "已跳过" not in out


@pytest.mark.parametrize("how", ["option", "config"])
def test_strict_inputs_makes_a_non_report_an_error(drafts, capsys, how):
    args = [drafts / "notes.txt"]
    if how == "option":
        args.append("--strict-inputs")
    else:
        (drafts / ".xxgk.toml").write_text("strict-inputs = true\n", encoding="utf-8")
    code, out, _ = cli_run(["check", *args], capsys)
    assert code == 1, out
    assert "error INP002 没有报告标题，但没有识别到六个部分中的任何一个" in out
    assert "已跳过" not in out


def test_strict_inputs_in_config_must_be_a_boolean(drafts, capsys):
    (drafts / ".xxgk.toml").write_text('strict-inputs = "yes"\n', encoding="utf-8")
    code, _, err = cli_run(["check", drafts / "notes.txt"], capsys)
    assert code == 2 and "strict-inputs" in err


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "html"])
def test_every_format_says_a_file_was_skipped(drafts, capsys, fmt):
    code, out, _ = cli_run(["check", drafts / "notes.txt", drafts / "2023.md", "-f", fmt], capsys)
    assert code == 0
    assert "不是政府信息公开工作年度报告" in out
    if fmt == "json":
        doc = json.loads(out)
        assert doc["summary"]["skipped"] == 1
        skipped = [f for f in doc["files"] if f.get("skipped")]
        assert [f["skipped"]["reason"] for f in skipped] == ["not-a-report"]
        assert skipped[0]["diagnostics"] == []
        from validator.validation import validate

        validate(doc, "report.schema.json", "json output")


def test_word_lock_files_are_skipped_and_said_so(drafts, capsys):
    (drafts / "~$23年报.docx").write_bytes(b"\x0cxxgk user\x00" * 10)  # what Word leaves: not a zip
    code, out, _ = cli_run(["check", drafts, "--no-progress"], capsys)
    assert code == 0, out
    assert f"{drafts / '~$23年报.docx'}: 已跳过：Word 打开文档时生成的临时锁文件" in out
    assert "INP001" not in out


def test_stdin_at_a_terminal_says_it_is_reading(monkeypatch, capsys):
    class Terminal:
        buffer = io.BytesIO(EXAMPLE_2023.read_bytes())

        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    code, out, err = cli_run(["check", "-"], capsys)
    assert code == 0, out + err
    assert "正在从标准输入读取报告" in err and "Ctrl-D" in err


def test_piped_stdin_is_read_without_a_word(monkeypatch, capsys):
    class Pipe:
        buffer = io.BytesIO(EXAMPLE_2023.read_bytes())

        def isatty(self):
            return False

    monkeypatch.setattr(sys, "stdin", Pipe())
    code, out, err = cli_run(["check", "-"], capsys)
    assert code == 0 and err == ""


@pytest.mark.parametrize("fmt", ["html", "sarif", "json"])
def test_a_report_written_to_a_file_says_where(tmp_path, capsys, fmt):
    target = tmp_path / f"审计.{fmt}"
    code, out, err = cli_run(["check", "-f", fmt, "-o", target, EXAMPLE_2023], capsys)
    assert code == 0 and out == "" and target.stat().st_size > 0
    assert err == f"xxgk: 报告已写入 {target}\n"
    _, _, err = cli_run(["check", "--lang", "en", "-f", fmt, "-o", target, EXAMPLE_2023], capsys)
    assert err == f"xxgk: report written to {target}\n"


def test_a_folder_without_reports_says_which_files_it_looks_for(tmp_path, capsys):
    code, out, err = cli_run(["check", tmp_path], capsys)
    assert code == 2
    assert f"在 {tmp_path} 中没有找到报告文件（" in err and ".docx" in err and ".pdf" in err


def _all_real_reports():
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".md")
    files += sorted(p for p in (ROOT / "tests" / "fixtures" / "formats").iterdir() if p.suffix in (".docx", ".html", ".pdf"))
    files += sorted(p for p in (ROOT / "tests" / "cases").rglob("*.md") if p.name != "README.md")
    if SEED.exists():
        files.append(SEED)
        files += sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt", ".html", ".pdf", ".docx")
                        and p.name != "README.md")
    return files


@pytest.mark.slow
def test_no_real_report_is_ever_skipped(capsys):
    """The examples, the format fixtures, the cases, the seed and every corpus report are checked."""
    files = _all_real_reports()
    if not SEED.exists():
        pytest.skip(f"shared/ not found at {SHARED}: only the bundled reports could be checked")
    code, out, _ = cli_run(["check", *files, "-f", "json", "-j", "1"], capsys)
    doc = json.loads(out)
    assert doc["summary"]["files"] == len(files)
    skipped = [f["path"] for f in doc["files"] if f.get("skipped")]
    assert skipped == []


@pytest.mark.slow
def test_bundled_reports_are_never_skipped(capsys):
    """The same without ../shared: examples, fixtures and cases copied into tests/."""
    files = [f for f in _all_real_reports() if ROOT in f.parents]
    code, out, _ = cli_run(["check", *files, "-f", "json", "-j", "1"], capsys)
    doc = json.loads(out)
    assert [f["path"] for f in doc["files"] if f.get("skipped")] == []
    assert {EXAMPLE_2020.name, EXAMPLE_2023.name} <= {f["path"].rsplit("/", 1)[-1] for f in doc["files"]}
