"""The pre-commit hook, run by the real pre-commit framework.

The hook repository is a temporary git copy of this checkout (what `pip install .` needs plus
.pre-commit-hooks.yaml), committed there so that uncommitted work is tested too: `pre-commit
try-repo PATH` only sees files git already tracks. pre-commit installs the hook's virtualenv
from that local path; the only network use is pip fetching the dependencies (a cached wheel
makes it fast). A bad report blocks, a clean one passes, and the log shows plain
`path:line:col: severity RULE message` lines without colour codes.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow  # the quick suite (-m 'not slow') leaves it to CI

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install '.[test]')")
if shutil.which("git") is None:  # pragma: no cover
    pytest.skip("git is not installed", allow_module_level=True)

HOOK_FILES = ["pyproject.toml", "setup.py", "README.md", ".pre-commit-hooks.yaml", "validator", "rules", "schemas"]
BAD = EXAMPLES / "report-2023-with-defects.md"
CLEAN = EXAMPLES / "report-2023-gov2021.md"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "xxgk tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "xxgk tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(cwd: Path, *args: str, env: dict) -> str:
    out = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], cwd=cwd,
                         env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def _pre_commit(cwd: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=900)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    e = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    e.pop("PRE_COMMIT", None)
    return e


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    """A git repository holding this checkout's hook (working tree, committed)."""
    repo = tmp_path_factory.mktemp("hook-repo")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "_data")
    for name in HOOK_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, repo / name, ignore=ignore)
        else:
            shutil.copy2(src, repo / name)
    _git(repo, "init", "-q", env=env)
    _git(repo, "add", "-A", env=env)
    _git(repo, "commit", "-q", "-m", "xxgk hook under test", env=env)
    return repo, _git(repo, "rev-parse", "HEAD", env=env)


def _reports_repo(path: Path, env: dict) -> Path:
    path.mkdir()
    shutil.copy2(BAD, path / "bad.md")
    shutil.copy2(CLEAN, path / "clean.md")
    _git(path, "init", "-q", env=env)
    _git(path, "add", "-A", env=env)
    return path


def _assert_readable_log(log: str) -> None:
    assert "\x1b[" not in log, "colour codes in the pre-commit log"
    # plain lines: path:line:col: severity RULE message (Chinese text intact)
    assert re.search(r"^bad\.md:21:\d+: error TXT001 .*收到政府信息公开申请.*331", log, re.M), log
    assert re.search(r"^bad\.md:\d+:\d+: error SUM001 ", log, re.M), log
    assert "clean.md" not in log


def test_manifest_is_valid():
    out = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_try_repo_blocks_a_bad_report(hook_repo, tmp_path, env):
    repo, _ = hook_repo
    reports = _reports_repo(tmp_path / "reports", env)
    out = _pre_commit(reports, "try-repo", str(repo), "xxgk", "--files", "bad.md", "clean.md", env=env)
    log = out.stdout + out.stderr
    assert out.returncode == 1, log
    assert "Failed" in log and "- hook id: xxgk" in log and "- exit code: 1" in log
    _assert_readable_log(log)


@pytest.fixture(scope="module")
def installed(hook_repo, tmp_path_factory, env) -> Path:
    """A reports repository whose .pre-commit-config.yaml uses the hook (installed once)."""
    repo, rev = hook_repo
    reports = _reports_repo(tmp_path_factory.mktemp("consumer") / "reports", env)
    (reports / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: xxgk\n", encoding="utf-8")
    _git(reports, "add", ".pre-commit-config.yaml", env=env)
    out = _pre_commit(reports, "install-hooks", env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    return reports


def test_a_clean_report_passes(installed, env):
    out = _pre_commit(installed, "run", "--files", "clean.md", env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Passed" in out.stdout


def test_a_bad_report_fails_with_a_readable_log(installed, env):
    out = _pre_commit(installed, "run", "--files", "bad.md", "clean.md", env=env)
    log = out.stdout + out.stderr
    assert out.returncode == 1, log
    _assert_readable_log(log)


def test_the_git_hook_blocks_the_commit_and_lets_a_clean_one_through(installed, env):
    out = _pre_commit(installed, "install", env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    try:
        _git(installed, "reset", "-q", env=env)
        _git(installed, "add", "bad.md", ".pre-commit-config.yaml", env=env)
        blocked = subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-m", "bad"], cwd=installed, env=env,
                                 capture_output=True, text=True, encoding="utf-8")
        assert blocked.returncode != 0, blocked.stdout + blocked.stderr
        assert re.search(r"^bad\.md:21:\d+: error TXT001 ", blocked.stdout + blocked.stderr, re.M)
        _git(installed, "reset", "-q", env=env)
        _git(installed, "add", "clean.md", ".pre-commit-config.yaml", env=env)
        passed = subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-m", "clean"], cwd=installed, env=env,
                                capture_output=True, text=True, encoding="utf-8")
        assert passed.returncode == 0, passed.stdout + passed.stderr
    finally:
        _pre_commit(installed, "uninstall", env=env)


def test_baseline_as_hook_argument(installed, env):
    """`args: [--baseline, …]` in the consumer's config: legacy findings pass, new ones block."""
    baseline = installed / ".xxgk-baseline.json"
    bad = installed / "bad.md"
    text = bad.read_text(encoding="utf-8")
    from validator.cli import main  # noqa: PLC0415

    cwd = os.getcwd()
    os.chdir(installed)
    try:
        assert main(["baseline", "create", "bad.md", "-o", str(baseline)]) == 0
    finally:
        os.chdir(cwd)
    config = installed / ".pre-commit-config.yaml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("- id: xxgk\n", "- id: xxgk\n        args: [--baseline, .xxgk-baseline.json]\n"),
                      encoding="utf-8")
    try:
        out = _pre_commit(installed, "run", "--files", "bad.md", env=env)
        assert out.returncode == 0, out.stdout + out.stderr
        # a new error: the parts of "主动公开政府信息9684条" no longer add up
        bad.write_text(text.replace("9684条", "9691条", 1), encoding="utf-8")
        out = _pre_commit(installed, "run", "--files", "bad.md", env=env)
        log = out.stdout + out.stderr
        assert out.returncode == 1, log
        reported = [line.split()[1:3] for line in log.splitlines() if line.startswith("bad.md:")]
        assert reported == [["error", "TXT002"]], log
    finally:
        config.write_text(original, encoding="utf-8")
        bad.write_text(text, encoding="utf-8")


def test_a_drafts_repository_with_a_readme_and_notes(hook_repo, tmp_path, env):
    """Two reports, a README.md and a notes.txt: the hook gets all four (it selects by suffix). The
    README and the notes are listed as skipped and do not block; a broken report does."""
    repo, rev = hook_repo
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy2(CLEAN, drafts / "2023年报.md")
    shutil.copy2(EXAMPLES / "report-2020-gov2019.md", drafts / "2020年报.md")
    (drafts / "README.md").write_text("# 年报草稿\n\n本仓库存放我局各年度的年报草稿，提交前由 xxgk 检查。\n", encoding="utf-8")
    (drafts / "notes.txt").write_text("3月5日碰头会\n- 表三数字待业务科室核对\n- 周五前交初稿\n", encoding="utf-8")
    (drafts / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: xxgk\n", encoding="utf-8")
    _git(drafts, "init", "-q", env=env)
    out = _pre_commit(drafts, "install", env=env)
    assert out.returncode == 0, out.stdout + out.stderr

    def commit(message: str) -> subprocess.CompletedProcess:
        _git(drafts, "add", "-A", env=env)
        return subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-m", message], cwd=drafts, env=env,
                              capture_output=True, text=True, encoding="utf-8")

    clean = commit("clean drafts")
    log = clean.stdout + clean.stderr
    assert clean.returncode == 0, log
    assert "xxgk" in log and "Passed" in log
    # now one report breaks: 本年新收 no longer adds up
    report = drafts / "2023年报.md"
    report.write_text(report.read_text(encoding="utf-8").replace("| 17 | 6 | 330 |", "| 17 | 6 | 331 |", 1), encoding="utf-8")
    (drafts / "notes.txt").write_text("3月6日：表三已核对\n", encoding="utf-8")
    blocked = commit("a broken report")
    log = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, log
    assert re.search(r"^2023年报\.md:\d+:\d+: error SUM001 ", log, re.M), log
    assert re.search(r"^notes\.txt: 已跳过：不是政府信息公开工作年度报告", log, re.M), log
    assert not re.search(r"^2020年报\.md:\d+", log, re.M), log  # unchanged: not even handed to the hook


def test_the_hook_reads_pdf_without_extras(installed, env):
    """The hook's environment is a clean `pip install .` of xxgk (no extras): PDFs are read."""
    formats = ROOT / "tests" / "fixtures" / "formats"
    shutil.copy2(formats / "report-2023-gov2021.pdf", installed / "clean.pdf")
    shutil.copy2(formats / "report-2023-with-defects.pdf", installed / "bad.pdf")
    try:
        out = _pre_commit(installed, "run", "--files", "clean.pdf", env=env)
        assert out.returncode == 0, out.stdout + out.stderr
        out = _pre_commit(installed, "run", "--files", "bad.pdf", env=env)
        log = out.stdout + out.stderr
        assert out.returncode == 1, log
        assert re.search(r"^bad\.pdf:[^:]+: error SUM001 ", log, re.M), log  # "表 2 第 4 行第 8 列"
        assert "INP001" not in log and "pip install" not in log
    finally:
        (installed / "clean.pdf").unlink()
        (installed / "bad.pdf").unlink()
