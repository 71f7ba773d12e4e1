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
    # ---- rule selectors (--select/--ignore, config, suppression comments)
    "selector.unknown": ("“{selector}”不是规则号、前缀、名称或分组", "“{selector}” is not a rule id, prefix, name or group"),
    "selector.did-you-mean": ("（是否想写 {names}？）", " (did you mean {names}?)"),
    "selector.error": ("{where}：{problems}。`xxgk rules` 列出全部规则（规则号区分大小写）",
                       "{where}: {problems}. `xxgk rules` lists every rule (ids are case-sensitive)"),
    "config.invalid-toml": ("{path}：不是有效的 TOML：{problem}", "{path}: invalid TOML: {problem}"),
    "config.unreadable": ("{path}：无法读取：{problem}", "{path}: cannot read: {problem}"),
    "config.not-found": ("{path}：找不到配置文件", "{path}: config file not found"),
    "config.key": ("{path} 中的 {key}", "{key} in {path}"),
    "list.or": (" 或 ", " or "),
    "list.sep": ("；", "; "),
    "error": ("错误：", "error: "),
    "interrupted": ("已中断", "interrupted"),
    # ---- baselines
    "baseline.not-found": ("{path}：找不到基线文件（用 `xxgk baseline create PATH… -o {path}` 创建）",
                           "{path}: baseline file not found (create it with `xxgk baseline create PATH… -o {path}`)"),
    "baseline.unreadable": ("{path}：无法读取基线文件：{problem}", "{path}: cannot read the baseline file: {problem}"),
    "baseline.invalid-json": ("{path}:{line}:{col}：不是有效的基线文件（JSON 无效：{problem}）",
                              "{path}:{line}:{col}: not a valid baseline file (invalid JSON: {problem})"),
    "baseline.not-baseline": ("{path}：不是基线文件（应为含 \"entries\" 列表的对象）",
                              "{path}: not a baseline file (expected an object with an \"entries\" list)"),
    "baseline.version": ("{path}：不支持基线版本 {version}（应为 {expected}）；用 `xxgk baseline create` 重新创建",
                         "{path}: baseline version {version} is not supported (expected {expected}); "
                         "re-create it with `xxgk baseline create`"),
    "baseline.bad-entry": ("{path}：entries[{index}]：每个条目都需要字符串 \"path\"、\"rule\" 和 \"fingerprint\"",
                           "{path}: entries[{index}]: each entry needs \"path\", \"rule\" and \"fingerprint\" strings"),
    "baseline.written": ("基线：{files} 个文件的 {entries} 个问题已写入 {path}",
                         "baseline: {entries} finding(s) of {files} file(s) written to {path}"),
    "baseline.reasons-kept": ("（保留了 {kept} 条理由）", " ({kept} reason(s) kept)"),
    "baseline.unreadable-inputs": ("基线：警告：{files} 个文件无法读取，它们的输入问题也已记入",
                                   "baseline: warning: {files} file(s) could not be read; their input findings are recorded too"),
    "baseline.stale": ("基线条目已不再匹配：{rule} {text}", "baseline entry no longer matches: {rule} {text}"),
    # ---- run summary
    "summary.files": ("{files} 个文件：{error} 个错误，{warning} 个警告，{info} 个提示",
                      "{files} file(s): {error} error(s), {warning} warning(s), {info} info"),
    "summary.skipped": ("，{skipped} 个已跳过", ", {skipped} skipped"),
}


class LocalizedError(Exception):
    """An error whose message the user reads in their language: `messages` = {"zh": …, "en": …}.
    str(exc) is the English text (logs, tracebacks); `text(lang)` what the CLI prints."""

    def __init__(self, messages: dict[str, str]):
        super().__init__(messages.get("en") or messages.get("zh", ""))
        self.messages = messages

    def text(self, lang: str) -> str:
        return self.messages.get(lang) or self.messages.get("zh") or str(self)

    @classmethod
    def of(cls, key: str, **values) -> "LocalizedError":
        """The error with catalogue message `key` in both languages."""
        return cls({lang: t(key, lang, **values) for lang in LANGS})


def error_text(exc: BaseException, lang: str) -> str:
    """What to print for an error: its localized text when it has one."""
    text = getattr(exc, "text", None)
    return text(lang) if callable(text) else str(exc)


def t(key: str, lang: str = DEFAULT_LANG, /, **values) -> str:
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
