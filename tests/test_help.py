"""Help and usage errors: Chinese by default, English with --lang en (validator/cli_help.py)."""
from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLE_2023, cli_run


def test_every_command_and_option_has_a_chinese_help():
    import typer

    from validator.cli_help import HELP_ZH, help_keys
    from validator.typer_app import app

    missing = [k for k in help_keys(typer.main.get_command(app)) if k not in HELP_ZH]
    assert not missing, f"add a Chinese help for these to HELP_ZH in validator/cli_help.py: {missing}"


def _help(capsys, monkeypatch, *args):
    monkeypatch.setenv("COLUMNS", "100")
    code, out, err = cli_run([*args], capsys)
    assert code == 0, err
    return out


def test_xxgk_help_is_chinese_by_default(capsys, monkeypatch):
    out = _help(capsys, monkeypatch, "--help")
    assert "用法：xxgk [选项] 命令 [参数]..." in out
    assert "政府信息公开工作年度报告合规检查" in out and "─ 选项 " in out and "─ 命令 " in out
    assert "按规则检查报告" in out and "显示此帮助并退出" in out
    assert "Check reports against the rules" not in out and "Show this message" not in out


def test_check_help_is_chinese_by_default(capsys, monkeypatch):
    out = _help(capsys, monkeypatch, "check", "--help")
    assert "用法：xxgk check [选项] {路径...}" in out
    flat = re.sub(r"[│\s]", "", out)  # the help column wraps inside a box
    for text in ("只检查这些规则", "不是年度报告的文件作为错误", "concise每个问题一行", "[默认：text]", "[必需]"):
        assert text in flat, text
    assert not re.search(r"\b(Write the report|Only these rules|Message language)\b", out)


@pytest.mark.parametrize("args", [["--help", "--lang", "en"], ["check", "--help", "--lang", "en"]])
def test_help_in_english_when_asked(capsys, monkeypatch, args):
    out = _help(capsys, monkeypatch, *args)
    assert "Usage: xxgk" in out and "Options" in out
    assert "用法" not in out and "选项" not in out


def test_every_subcommand_help_is_chinese(capsys, monkeypatch):
    for args in (["extract", "-h"], ["rules", "-h"], ["explain", "-h"], ["baseline", "-h"], ["baseline", "create", "-h"]):
        out = _help(capsys, monkeypatch, *args)
        assert "用法：" in out and "─ 选项 " in out, args


@pytest.mark.parametrize("args,zh,en", [
    (["check"], "错误：缺少参数 路径...", "Error: Missing argument 'PATH...'."),
    (["check", "--frob", "x.md"], "错误：没有这个选项：--frob", "Error: No such option: --frob"),
    (["check", "--format", "yaml", "x.md"], "错误：--format / -f 的值“yaml”无效；可选值：text、json",
     "Error: Invalid value for '--format' / '-f': 'yaml' is not one of"),
    (["check", "--jobs", "two", "x.md"], "错误：--jobs / -j 的值“two”不是整数", "is not a valid int"),
    (["chek", "x.md"], "错误：没有这个命令：chek（是否想用 check？）", "No such command 'chek'"),
])
def test_usage_errors_in_the_users_language(capsys, args, zh, en):
    code, out, err = cli_run(args, capsys)
    assert code == 2 and out == ""
    assert zh in err and err.startswith("用法：xxgk"), err
    assert "运行 xxgk" in err and "-h 查看帮助" in err
    code, _, err = cli_run([*args, "--lang", "en"], capsys)
    assert code == 2 and en in err and "Try 'xxgk" in err, err


def test_version(capsys):
    from validator import __version__

    code, out, _ = cli_run(["--version"], capsys)
    assert code == 0 and out == f"xxgk {__version__}\n"


def test_version_does_not_import_typer(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = "import sys\nfrom validator.cli import main\nmain(['--version'])\nprint('typer' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert out.stdout.splitlines()[-1] == "False", out.stdout + out.stderr


def test_the_check_command_still_runs_through_typer(capsys):
    # an option only typer parses (--quiet) with the localized command tree
    code, out, _ = cli_run(["check", "--quiet", "--lang", "en", EXAMPLE_2023], capsys)
    assert code == 0
