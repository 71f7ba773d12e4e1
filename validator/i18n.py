"""The words xxgk itself says (not the rules': those live in rules/**/*.yaml), in Chinese and English.

Chinese is the default; `--lang en` gives English everywhere. One catalogue so that a message is
never Chinese in one output and English in another, and so that a missing translation is a test
failure (tests/test_i18n.py checks every key has both and the same placeholders).

    t("skipped.not-a-report", "zh")   ->  "不是政府信息公开工作年度报告（…），已跳过"
    t("summary.files", "en", files=3, error=1, warning=0, info=2)

Plain dict and str.format: this module is imported on every run and must cost nothing.
"""
from __future__ import annotations

import sys

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

# key -> (zh, en); named placeholders must be the same in both
MESSAGES: dict[str, tuple[str, str]] = {
    # ---- files that are not checked
    "skipped": ("已跳过", "skipped"),
    "skipped.not-a-report": (
        "不是政府信息公开工作年度报告（没有报告标题、部分或统计表）",
        "not an annual disclosure report (no report title, part or standard table)"),
    "skipped.lock-file": (
        "Word 打开文档时生成的临时锁文件（~$ 开头），不是报告",
        "a lock file Word creates while a document is open (~$ prefix), not a report"),
    "skipped.strict-hint": (
        "用 --strict-inputs（或配置 strict-inputs = true）把它当作错误",
        "use --strict-inputs (or strict-inputs = true in the config) to treat it as an error"),
    "stdin.reading": ("正在从标准输入读取报告……（粘贴或输入完毕后按 Ctrl-D，Windows 上按 Ctrl-Z 再回车）",
                      "reading a report from standard input… (end it with Ctrl-D, or Ctrl-Z Enter on Windows)"),
    # ---- run summary
    "summary.files": ("{files} 个文件：{error} 个错误，{warning} 个警告，{info} 个提示",
                      "{files} file(s): {error} error(s), {warning} warning(s), {info} info"),
    "summary.skipped": ("，{skipped} 个已跳过", ", {skipped} skipped"),
}


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The message `key` in `lang` (zh for anything else), with `values` filled in."""
    zh, en = MESSAGES[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def lang_of(argv: list[str] | None) -> str:
    """The language a command line asks for (`--lang en` / `--lang=en`), before it is parsed:
    help and usage errors are printed before the options are."""
    args = sys.argv[1:] if argv is None else argv
    lang = DEFAULT_LANG
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        if value in LANGS:
            lang = value  # the last one wins, as in click
    return lang
