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

from validator.errors import XxgkError

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
    "no-inputs": ("在 {paths} 中没有找到报告文件（{suffixes}）", "no report files found in {paths} ({suffixes})"),
    "output.written": ("报告已写入 {path}", "report written to {path}"),
    # ---- --fix and --diff
    "fix.offer": ("可用 xxgk check --fix 自动修正。", "xxgk check --fix corrects it."),
    "fix.fixed": ("xxgk：已修正 {path} 中的 {count} 个问题", "xxgk: fixed {count} finding(s) in {path}"),
    "fix.backup": ("（原文件保存为 {backup}）", " (original kept as {backup})"),
    "fix.file-not-fixed": ("xxgk：--fix：{path} 未修正：{reason}", "xxgk: --fix: {path}: not fixed: {reason}"),
    "fix.finding-not-fixed": ("xxgk：--fix：{path}（{where}）：{rule} 未修正：{reason}",
                              "xxgk: --fix: {path}:{where}: {rule} not fixed: {reason}"),
    "fix.why.malformed": ("修正数据不完整", "malformed fix"),
    "fix.why.outside": ("修正指向文件之外", "the fix points outside the file"),
    "fix.why.line-break": ("修正不得增删换行", "a fix may not add or remove line breaks"),
    "fix.why.figure": ("修正会改动数字", "the fix would change a figure"),
    "fix.why.moved": ("第 {line} 行第 {col} 列已不是“{old}”", "line {line} no longer holds “{old}” at column {col}"),
    "fix.why.overlap": ("与同一行的另一处修正重叠", "overlaps another fix on the same line"),
    "fix.why.unreadable": ("无法再次读取文件：{detail}", "cannot read the file again: {detail}"),
    "fix.why.encoding": ("文件不能按 {encoding} 逐字节还原，请手工修改",
                         "the file does not re-encode byte for byte as {encoding}; fix it by hand"),
    "fix.why.changed": ("文件在检查之后被改过，请重新运行 xxgk", "the file changed since it was checked; run xxgk again"),
    "fix.why.readback": ("修正后的文件读回与预期不一致，未写入", "the fixed file does not read back as expected; nothing written"),
    "fix.why.not-in-runs": ("这处编号不是段落里输入的文字（Word 自动编号或文本框），请在 Word 中修改",
                            "the numbering is not typed text of the paragraph (Word's automatic numbering or a "
                            "text box); change it in Word"),
    "fix.why.format": ("只能修正 .md、.txt 和 .docx 文件以及已保存的文件（不能修正标准输入）",
                       "fixes apply to saved .md, .txt and .docx files only (not standard input)"),
    "write.gone": ("文件已不存在", "the file no longer exists"),
    "write.stat": ("无法查看文件：{why}", "cannot inspect the file: {why}"),
    "write.symlink": ("这是一个符号链接（指向 {target}）；xxgk 不通过链接写入，请对链接指向的文件本身运行修正",
                      "it is a symbolic link (to {target}); xxgk does not write through links — run the fix on the file itself"),
    "write.not-regular": ("这是{kind}，不是普通文件", "it is {kind}, not a regular file"),
    "write.read-only": ("文件是只读的；如需修正，请先把它改为可写", "the file is read-only; make it writable if it should be fixed"),
    "write.read": ("无法读取文件：{why}", "cannot read the file: {why}"),
    "write.too-large": ("文件超过 {mb} MB", "the file is larger than {mb} MB"),
    "write.hard-links": ("文件有 {links} 个硬链接；其他名称下仍是修正前的内容", "the file has {links} hard links; its other names keep the old text"),
    "write.backup-stat": ("无法查看备份 {backup}：{why}", "cannot inspect the backup {backup}: {why}"),
    "write.backup-not-regular": ("备份文件名 {backup} 已被{kind}占用；请删除它或使用 --no-backup",
                                 "the backup name {backup} is {kind}; remove it or use --no-backup"),
    "write.write": ("无法在 {folder} 中写入：{why}", "cannot write in {folder}: {why}"),
    "write.changed": ("写入修正期间文件被改动（编辑器保存了它？）；未写入任何内容，请重新运行 xxgk",
                      "the file changed while the fix was being written (an editor saved it?); nothing was written — run xxgk again"),
    "write.replace": ("无法替换文件：{why}", "cannot replace the file: {why}"),
    "write.output-not-regular": ("{path} 是{kind}；xxgk 只写入普通文件", "{path} is {kind}; xxgk writes only regular files"),
    "write.kind.link": ("符号链接", "a symbolic link"),
    "write.kind.folder": ("文件夹", "a folder"),
    "write.kind.fifo": ("命名管道（FIFO）", "a named pipe (FIFO)"),
    "write.kind.device": ("设备文件", "a device"),
    "write.kind.socket": ("套接字", "a socket"),
    "write.kind.other": ("特殊文件", "not a regular file"),
    "fix.note": ("xxgk：--fix：{path}：注意：{note}", "xxgk: --fix: {path}: note: {note}"),
    "baseline.cannot-write": ("无法写入基线文件 {path}：{why}", "cannot write the baseline {path}: {why}"),
    "new.cannot-write": ("无法写入 {path}：{why}", "cannot write {path}: {why}"),
    "fix.why.write": ("无法写入：{detail}", "cannot write: {detail}"),
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
    # ---- rules
    "format.gov2019": ("2019 年试行格式", "the 2019 trial format"),
    "format.gov2021": ("2021 年格式", "the 2021 format"),
    "basis.for-format": ("{basis}（适用于{format}的报告）", "{basis} (reports in {format})"),
    # ---- terminal output (--output-format full)
    "where.line": ("第 {line} 行", "line {line}"),
    "where.page": ("第 {page} 页", "page {page}"),
    "where.paragraph": ("第 {paragraph} 段", "paragraph {paragraph}"),
    "where.table": ("表 {table}", "table {table}"),
    "where.row": ("表 {table} 第 {row} 行", "table {table}, row {row}"),
    "where.cell": ("表 {table} 第 {row} 行第 {col} 列", "table {table}, row {row}, column {col}"),
    "group.count": ("（{n} 处）", " ({n} places)"),
    "finding.doubtful": ("读取存疑", "doubtful reading"),
    "finding.corrected": ("人工更正：{cells}", "corrected: {cells}"),
    "label.text": ("原文：", "text: "),
    "label.cells": ("单元格：", "cells: "),
    "label.basis": ("依据：", "basis: "),
    "label.hint": ("建议：", "fix: "),
    "label.suppressed": ("已抑制：", "suppressed: "),
    # ---- run summary
    "summary.title": ("汇总", "summary"),
    "summary.rule": ("规则", "rule"),
    "summary.name": ("名称", "name"),
    "summary.severity": ("严重程度", "severity"),
    "summary.files-column": ("文件数", "files"),
    "summary.count": ("问题数", "count"),
    "summary.files": ("{files} 个文件：{error} 个错误，{warning} 个警告，{info} 个提示",
                      "{files} file(s): {error} error(s), {warning} warning(s), {info} info"),
    "summary.skipped": ("，{skipped} 个已跳过", ", {skipped} skipped"),
    "summary.doubtful": ("；另有 {doubtful} 个问题读取存疑，请对照原件核对",
                         "; {doubtful} more on a doubtful reading (check against the original)"),
    "summary.file": ("{error} 个错误，{warning} 个警告，{info} 个提示", "{error} error(s), {warning} warning(s), {info} info"),
    "summary.file.doubtful": ("，{doubtful} 个读取存疑", ", {doubtful} doubtful"),
    # ---- cross-year pairing (validator/pairing.py)
    "pairing.agency-unknown.of": ("无法识别 {file} 的机关名称，不能确认是同一机关",
                                  "the agency of {file} could not be recognised, so it cannot be the same agency"),
    "pairing.year-unknown.of": ("无法识别 {file} 的报告年度", "the report year of {file} could not be recognised"),
    "pairing.other-agency": ("{prev_file} 是“{prev_agency}”的报告，{file} 是“{agency}”的报告，不是同一机关",
                             "{prev_file} is the report of {prev_agency}, {file} that of {agency}: not the same agency"),
    "pairing.not-previous-year": ("{prev_file} 是 {prev_year} 年度报告，{file} 是 {year} 年度报告，不是上一年度",
                                  "{prev_file} is the {prev_year} report and {file} the {year} report, not the year before"),
    "pairing.unreadable": ("文件无法读取", "the file could not be read"),
    "pairing.agency-unknown": ("无法识别机关名称", "the agency could not be recognised"),
    "pairing.year-unknown": ("无法识别报告年度", "the report year could not be recognised"),
    "pairing.ambiguous.same-year": ("本批中同一机关 {year} 年度还有 {others}，无法确定配对",
                                    "{others} is also this agency's {year} report in this batch: ambiguous"),
    "pairing.ambiguous.earlier": ("{year} 年度有多份可能的上年报告：{others}", "several possible {year} reports: {others}"),
    "pairing.ambiguous.rival": ("上年报告 {file} 也可与其他报告配对，无法确定",
                                "last year's {file} also matches other reports: ambiguous"),
    "pairing.no-previous-year": ("本批中没有该机关 {year} 年度的报告", "no {year} report of this agency in the batch"),
    "pairing.no-previous-year.gap": ("本批中没有该机关 {year} 年度的报告（最近的是 {nearest_year} 年度的 {file}，不相邻）",
                                     "no {year} report of this agency in the batch (the nearest, {file}, is for {nearest_year})"),
    "pairing.paired": ("与上一年度报告 {previous}（{year} 年度）比对", "compared with last year's report {previous} ({year})"),
    "pairing.forced": ("（--force-previous）", " (--force-previous)"),
    "pairing.refused": ("未采用 --previous {previous}：{reason}；不检查跨年度规则（XYR）",
                        "--previous {previous} refused: {reason}; cross-year rules (XYR) not applied"),
    "pairing.unpaired": ("未配对：{reason}", "not paired: {reason}"),
    "pairing.warning": ("警告：--previous {previous} 不是 {path} 的上一年度报告：{reason}。"
                        "未检查跨年度规则（XYR）；确需比对请加 --force-previous。",
                        "warning: --previous {previous} is not last year's report of {path}: {reason}. "
                        "Cross-year rules (XYR) not applied; --force-previous compares them anyway."),
    "pairing.summary": ("跨年度配对：{paired} 份报告与上一年度报告比对，{unpaired} 份未配对（明细见终端输出或 --format json 的 pairing）",
                        "cross-year pairing: {paired} report(s) compared with last year's, {unpaired} unpaired "
                        "(which and why: in a terminal, or 'pairing' in --format json)"),
    "pairing.table": ("跨年度配对", "cross-year pairing"),
    "pairing.table.report": ("报告", "report"),
    "pairing.table.previous": ("上一年度报告", "last year's report"),
    # ---- xxgk diff OLD NEW
    "diff.title": ("比较 {old} → {new}", "comparing {old} → {new}"),
    "diff.not-a-file": ("{path}：不是文件（xxgk diff 比较两份报告文件）", "{path}: not a file (xxgk diff compares two report files)"),
    "diff.meta": ("{field}：{old} → {new}", "{field}: {old} → {new}"),
    "diff.meta.title": ("标题", "title"),
    "diff.meta.agency": ("机关", "agency"),
    "diff.meta.year": ("年度", "year"),
    "diff.meta.format": ("统一格式", "unified format"),
    "diff.parts.added": ("新增部分：{parts}", "parts added: {parts}"),
    "diff.parts.removed": ("删除部分：{parts}", "parts removed: {parts}"),
    "diff.cells": ("统计表数字变化 {count} 处：", "{count} standard-table figure(s) changed:"),
    "diff.cells.none": ("统计表数字没有变化", "no standard-table figure changed"),
    "diff.findings": ("问题：新增 {new}，已解决 {resolved}，未变 {unchanged}",
                      "findings: {new} new, {resolved} resolved, {unchanged} unchanged"),
    "diff.blank": ("（空）", "(blank)"),
    "diff.absent": ("（无）", "(absent)"),
    # ---- xxgk extract (tables drawn for a person)
    "extract.title": ("标题", "Title"),
    "extract.agency": ("机关", "Agency"),
    "extract.year": ("年度", "Year"),
    "extract.year_from": ("年度依据", "Year read from"),
    "extract.at_line": ("（第 {line} 行）", " (line {line})"),
    "extract.at_page": ("（第 {page} 页）", " (page {page})"),
    "extract.period": ("统计期限", "Period"),
    "extract.format": ("统一格式", "Unified format"),
    "extract.parts": ("六个部分", "The six parts"),
    "extract.missing": ("缺少", "missing"),
    "extract.not_found": ("未找到此表", "table not found"),
    "extract.row_missing": ("（缺少此行）", "(row missing)"),
    "extract.row_unreliable": ("（此行读不准：{raw}）", "(row not read reliably: {raw})"),
    "extract.blank": ("（空）", "(blank)"),
    "extract.ordered": ("↕ 没有行标签的数字，按统一格式的行序放入",
                        "↕ figures without their row label, placed by the format's row order"),
    "extract.approximate": ("≈ {kind}“{found}”读作“{official}”", "≈ {kind} “{found}” read as “{official}”"),
    "extract.unit": ("单位：{unit}", "unit: {unit}"),
    "extract.level.government": ("人民政府", "people's government"),
    "extract.level.department": ("部门", "department"),
    "extract.level.township": ("乡镇（街道）", "township or street office"),
    "extract.format.gov2019": ("2019 年试行格式（国办公开办函〔2019〕60号）", "the 2019 trial format (60号)"),
    "extract.format.gov2021": ("2021 年格式（国办公开办函〔2021〕30号）", "the 2021 format (30号)"),
    # ---- xxgk new
    "new.no-agency": ("请用 --agency 给出机关名称（或用 --from 给出上一年度报告）",
                      "give the agency with --agency (or last year's report with --from)"),
    "new.no-year": ("请用 --year 给出报告年度（或用 --from 给出上一年度报告）",
                    "give the report year with --year (or last year's report with --from)"),
    "new.no-format": ("{year} 年没有统一的年度报告格式（最早的格式适用于 {first} 年度报告）",
                      "there is no unified report format for {year} (the first applies to {first} reports)"),
    "new.no-level": ("无法从“{agency}”判断机关层级，请用 --level government|department|township 指定",
                     "cannot tell the level of “{agency}”: give --level government|department|township"),
    "new.exists": ("{path} 已存在；要覆盖请加 --force", "{path} exists; add --force to overwrite it"),
    "new.from-unreadable": ("--from {path}：{problem}", "--from {path}: {problem}"),
    "new.from-mismatch": ("警告：--from {path} 不是该机关上一年度的报告：{reason}。未带入任何数字和联系方式。",
                          "warning: --from {path} is not this agency's report of the year before: {reason}. "
                          "Nothing was carried over."),
    "new.written": ("已写入 {path}：{agency} {year} 年度报告（{format} 格式）",
                    "wrote {path}: the {year} report of {agency} ({format} format)"),
    "new.carried": ("从 {path} 带入：{items}", "carried over from {path}: {items}"),
    "new.carried.item": ("{label}（{cells} 个单元格）", "{label} ({cells} cells)"),
    "new.carried.contact": ("联系方式", "the contact details"),
    "new.not-carried": ("未带入{table}的“{label}”：上年报告中没有可读的对应数字",
                        "{table} “{label}” not carried: last year's report has no readable figure for it"),
    "new.next": ("填写【待填写】处和本年数字后，用 xxgk check {path} 检查",
                 "fill in the 【待填写】 places and this year's figures, then run xxgk check {path}"),
}


def both(key: str, **values) -> dict[str, str]:
    """{"zh": …, "en": …}: a message kept in both languages (findings, JSON, reasons)."""
    return {lang: t(key, lang, **values) for lang in LANGS}


def both_each(key: str, **values) -> dict[str, str]:
    """both(), where a value may itself be {"zh": …, "en": …} (a reason, what a file is): each
    language's message gets that language's text."""
    return {lang: t(key, lang, **{k: (v.get(lang) or v.get("zh", "")) if isinstance(v, dict) else v
                                  for k, v in values.items()})
            for lang in LANGS}


class LocalizedError(XxgkError):
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
        return cls(both(key, **values))


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
