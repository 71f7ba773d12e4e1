"""`xxgk --help` in Chinese (the default) and English, and usage errors in the user's language.

The commands and options are defined once, in validator/typer_app.py, with their English help.
Here is what the user reads instead in Chinese: `HELP_ZH` maps "command" and "command.option" (the
parameter's Python name) to the text. tests/test_help.py checks that every command and option has
one, so a new option without a Chinese help fails the suite (add it here).

`localize(command, lang)` rewrites a click command tree built by typer (help texts, usage prefix,
metavars, typer's panel titles); `usage_error(exc, lang)` renders a click usage error.
"""
from __future__ import annotations

HELP_ZH: dict[str, str] = {
    # ---- xxgk
    "": "xxgk — 政府信息公开工作年度报告合规检查。检查报告的六个部分、统一格式的统计表和勾稽关系，"
        "指出位置、期望值与实际值、依据的条款和修改建议。",
    ".version": "显示版本号并退出。",
    ".lang": "帮助和提示的语言：zh（中文，默认）或 en（英文），如 xxgk --lang en --help。",
    # ---- xxgk check
    "check": "按规则检查报告。退出码：0 无问题，1 发现问题，2 用法或输入错误。",
    "check.paths": "报告文件、文件夹（递归查找）或 -（从标准输入读取）。",
    "check.format": "输出格式：text（终端）、json、sarif、junit、github、html 或 csv（每个问题一行）。",
    "check.output": "把报告写入这个文件。",
    "check.output_format": "终端文本的详略：concise 每个问题一行；full 按规则分组，附单元格、依据和建议"
                           "（默认：终端为 full，管道和 pre-commit 为 concise）。",
    "check.select": "只检查这些规则：规则号（SUM003）、前缀（SUM）、名称或分组；可重复或用逗号分隔。",
    "check.ignore": "不检查这些规则：规则号、前缀、名称或分组。",
    "check.fail_on": "有不低于此严重程度的问题时退出码为 1（默认 error）。",
    "check.lang": "输出语言：zh（中文，默认）或 en（英文）。",
    "check.rules": "加载附加规则包（存放规则 YAML 文件的文件夹）。",
    "check.config": "使用这个配置文件，而不是自动查找 .xxgk.toml 或 pyproject.toml。",
    "check.previous": "上一年度的报告，用于跨年度规则（XYR）；只用于同一机关下一年度的报告。",
    "check.force_previous": "即使 --previous 不是同一机关上一年度的报告，也与之比对。",
    "check.published": "发布日期 YYYY-MM-DD，文档中没有写明时用于发布期限规则（DAT003，以及规则包中声明 published 选项的规则）。",
    "check.statistics": "打印整批检查中各规则的问题数。",
    "check.jobs": "批量检查时的工作进程数（默认：CPU 核数）。",
    "check.timeout": "每个文件检查的时间上限（秒，默认 60；0 为不限）；超时的文件报告 INP007，其余文件照常检查。",
    "check.baseline": "只报告这个基线文件中没有记录的问题。",
    "check.fix": "自动修正可以安全修正的问题（.md、.txt 和 .docx；从不改动数字）。",
    "check.diff": "只显示 --fix 会做的修改，不写文件。",
    "check.no_backup": "与 --fix 一起用：不保留 .bak 备份。",
    "check.show_suppressed": "也显示已抑制的问题。",
    "check.progress": "显示进度条（默认：批量检查且在终端时显示）。",
    "check.strict_inputs": "不是年度报告的文件作为错误（INP002），而不是跳过。",
    "check.quiet": "文本格式：只显示有问题的文件和合计。",
    "check.show_unverified": "文本格式：同时说明哪些检查无法判断、为什么。",
    "check.corrections": "审核人员对读错单元格的更正（YAML，见 schemas/corrections.schema.json）。",
    # ---- xxgk extract
    "extract": "打印每份报告识别出的事实（元数据、各部分、统计表的每个单元格及其位置）。",
    "extract.paths": "报告文件或文件夹（- 从标准输入读取）。",
    "extract.format": "输出格式：json、jsonl、csv 或 text（默认：终端下绘制表格，否则 json）。",
    "extract.stage": "打印哪一步的结果：document（读取的文档）、report（识别结果）或 facts（事实，默认）。",
    "extract.output": "写入这个文件，而不是标准输出。",
    "extract.validate": "按 schemas/facts.schema.json 校验事实。",
    "extract.jobs": "处理文件夹时的工作进程数（默认：CPU 核数）。",
    "extract.lang": "绘制的表格中文字的语言：zh（中文，默认）或 en（英文）。",
    "extract.corrections": "先套用审核人员对读错单元格的更正（YAML，见 schemas/corrections.schema.json）再输出。",
    "extract.corrections_skeleton": "为 xxgk 读取存疑的单元格写一份待填写的更正文件。",
    # ---- xxgk baseline
    "baseline": "记录当前的全部问题，之后 xxgk check --baseline FILE 只报告新问题。",
    "baseline.create": "把 PATH… 当前的全部问题写入基线文件（文件中已有的理由会保留）。",
    "baseline.create.paths": "要记录其当前问题的报告文件或文件夹。",
    "baseline.create.output": "要写入的基线文件。",
    "baseline.create.select": "只记录这些规则的问题（同 check）。",
    "baseline.create.ignore": "不记录这些规则的问题（同 check）。",
    "baseline.create.lang": "随每个条目保存的问题描述所用的语言。",
    "baseline.create.rules": "加载附加规则包（同 check）。",
    "baseline.create.config": "使用这个配置文件（同 check）。",
    "baseline.create.previous": "上一年度的报告（同 check）。",
    "baseline.create.force_previous": "同 check。",
    "baseline.create.published": "发布日期（同 check）。",
    "baseline.create.jobs": "批量检查时的工作进程数。",
    # ---- xxgk rules / explain
    "rules": "列出规则目录。",
    "rules.format": "输出格式：text 或 json。",
    "rules.rules": "同时列出附加规则包中的规则。",
    "rules.lang": "输出语言：zh 或 en。",
    "explain": "说明一条规则检查什么、为什么，并给出触发和不触发的例子（现场运行）。",
    "explain.rule_id": "规则号（SUM003）或名称（application-balance）。",
    "explain.rules": "同时查找附加规则包中的规则。",
    "explain.lang": "输出语言：zh 或 en。",
    # ---- xxgk diff
    "diff": "比较同一报告的两稿：新增、已解决和未变的问题，改动的统计表数字，增删的部分。",
    "diff.old": "较早的一稿（任何输入格式）。",
    "diff.new": "较新的一稿。",
    "diff.format": "输出格式：text 或 json。",
    "diff.output": "写入这个文件，而不是标准输出。",
    "diff.lang": "输出语言：zh 或 en。",
    "diff.select": "只检查这些规则（同 check）。",
    "diff.ignore": "不检查这些规则（同 check）。",
    "diff.fail_on": "较新的一稿带来不低于此严重程度的新问题时退出码为 1（默认 error）。",
    "diff.rules": "加载附加规则包（同 check）。",
    "diff.config": "使用这个配置文件（同 check）。",
    # ---- xxgk new
    "new": "按报告年度适用的统一格式生成一份空白报告：每个部分、标题、统计表及其行和列。",
    "new.year": "报告年度（默认：--from 报告的下一年）。",
    "new.level": "机关层级：government（人民政府）、department（部门）或 township（乡镇）（默认：由机关名称判断）。",
    "new.agency": "机关名称（默认：取自 --from 的报告）。",
    "new.format": "md 或 docx（默认：由 --output 的扩展名决定，否则 md）。",
    "new.output": "要写入的文件（默认：md 写到标准输出，docx 以标题命名）。",
    "new.from_": "上一年度的报告：带入格式规定结转的数字（结转的申请数和现行有效数）、机关名称和联系方式。",
    "new.force": "覆盖已存在的输出文件。",
    "new.lang": "提示信息的语言：zh 或 en。",
}

HELP_OPTION_ZH = "显示此帮助并退出。"
# how arguments appear in usage lines ("用法：xxgk check [选项] 路径...")
ARGUMENT_NAMES = {
    "zh": {"paths": "路径...", "rule_id": "规则", "old": "旧稿", "new": "新稿"},
    "en": {"paths": "PATH...", "rule_id": "RULE", "old": "OLD", "new": "NEW"},
}
# typer's own words in its rich help (module constants of typer.rich_utils)
TYPER_WORDS = {
    "zh": {"ARGUMENTS_PANEL_TITLE": "参数", "OPTIONS_PANEL_TITLE": "选项", "COMMANDS_PANEL_TITLE": "命令",
           "ERRORS_PANEL_TITLE": "错误", "DEFAULT_STRING": "[默认：{}]", "REQUIRED_LONG_STRING": "[必需]",
           "ENVVAR_STRING": "[环境变量：{}]", "DEPRECATED_STRING": "（已弃用）", "ABORTED_TEXT": "已中止。"},
    "en": {"ARGUMENTS_PANEL_TITLE": "Arguments", "OPTIONS_PANEL_TITLE": "Options", "COMMANDS_PANEL_TITLE": "Commands",
           "ERRORS_PANEL_TITLE": "Error", "DEFAULT_STRING": "[default: {}]", "REQUIRED_LONG_STRING": "[required]",
           "ENVVAR_STRING": "[env var: {}]", "DEPRECATED_STRING": "(deprecated) ", "ABORTED_TEXT": "Aborted."},
}
USAGE = {"zh": ("用法：", "[选项]", "命令 [参数]..."), "en": ("Usage: ", "[OPTIONS]", "COMMAND [ARGS]...")}


def help_keys(command, path: str = "") -> list[str]:
    """Every help key of a click command tree: "check", "check.format", … (for the tests)."""
    keys = [path]
    for p in command.params:
        if p.name != "help":
            keys.append(f"{path}.{p.name}")
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        keys.extend(help_keys(sub, f"{path}.{name}".lstrip(".")))
    return keys


def localize(command, lang: str) -> None:
    """Set the help texts, usage words and typer's panel titles of a click command tree for `lang`."""
    from typer import rich_utils  # noqa: PLC0415

    for name, value in TYPER_WORDS["en" if lang == "en" else "zh"].items():
        setattr(rich_utils, name, value)
    _fold_long_lines(rich_utils)
    _localize(command, "", lang)


def _fold_long_lines(rich_utils) -> None:
    """Typer's help tables cut a line with no space in it ("…"), and Chinese has no spaces: break
    help texts by Chinese line-breaking rules instead (validator/reporters/wrap.py)."""
    make = rich_utils._make_rich_text
    if getattr(make, "xxgk_folds", False):
        return

    def folding(*args, **kwargs):
        from rich.text import Text  # noqa: PLC0415

        from validator.reporters.wrap import breaking_text  # noqa: PLC0415

        text = make(*args, **kwargs)
        return breaking_text(text) if isinstance(text, Text) else text

    setattr(folding, "xxgk_folds", True)  # noqa: B010 - a function attribute: marks the patch as done
    rich_utils._make_rich_text = folding


def _localize(command, path: str, lang: str) -> None:
    import types  # noqa: PLC0415

    prefix, options_metavar, subcommand_metavar = USAGE["en" if lang == "en" else "zh"]
    command.options_metavar = options_metavar
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = subcommand_metavar

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=prefix)

    command.format_usage = types.MethodType(format_usage, command)
    names = ARGUMENT_NAMES["en" if lang == "en" else "zh"]
    for p in command.params:
        if getattr(p, "param_type_name", "") == "argument" and p.name in names:
            p.metavar = names[p.name]
    if lang != "en" and not getattr(command, "xxgk_help_localized", False):
        get_help_option = command.get_help_option

        def localized_help_option(self, ctx):
            option = get_help_option(ctx)
            if option is not None:
                option.help = HELP_OPTION_ZH
            return option

        command.get_help_option = types.MethodType(localized_help_option, command)
        command.xxgk_help_localized = True
    if lang != "en":
        if path in HELP_ZH:
            command.help = HELP_ZH[path]
            command.short_help = None
        for p in command.params:
            if p.name == "help":
                p.help = HELP_OPTION_ZH
            elif f"{path}.{p.name}" in HELP_ZH:
                p.help = HELP_ZH[f"{path}.{p.name}"]
    for name, sub in getattr(command, "commands", {}).items():
        _localize(sub, f"{path}.{name}".lstrip("."), lang)


# ---------------------------------------------------------------- usage errors
def usage_error(exc, lang: str) -> str:
    """A click usage error as the user reads it: usage line, how to get help, what is wrong."""
    ctx = getattr(exc, "ctx", None)
    zh = lang != "en"
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        helper = f"{ctx.command_path} -h"
        lines.append(f"运行 {helper} 查看帮助。" if zh else f"Try '{helper}' for help.")
        lines.append("")
    message = _message_zh(exc) if zh else exc.format_message()
    lines.append(("错误：" if zh else "Error: ") + message)
    return "\n".join(lines)


def _message_zh(exc) -> str:
    import re  # noqa: PLC0415

    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    if hint is None and param is not None:
        hint = " / ".join(getattr(param, "opts", [])) or param.name
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    if kind == "NoSuchOption":
        possible = list(getattr(exc, "possibilities", None) or [])
        return f"没有这个选项：{exc.option_name}" + (f"（是否想用 {'、'.join(possible)}？）" if possible else "")
    if kind == "MissingParameter":
        is_argument = getattr(param, "param_type_name", "") == "argument"
        name = (param.human_readable_name if param is not None else "") or hint
        return f"缺少{'参数' if is_argument else '选项'} {name}"
    if kind == "BadParameter":
        message = exc.message
        m = re.match(r"'(.*)' is not one of (.*)\.$", message)
        if m:
            choices = getattr(getattr(param, "type", None), "choices", None)
            allowed = "、".join(str(c) for c in choices) if choices else m.group(2)
            return f"{hint} 的值“{m.group(1)}”无效；可选值：{allowed}"
        m = re.match(r"'(.*)' is not a valid (integer|int|float|boolean|bool)", message)
        if m:
            what = {"integer": "整数", "int": "整数", "float": "数字", "boolean": "布尔值", "bool": "布尔值"}[m.group(2)]
            return f"{hint} 的值“{m.group(1)}”不是{what}"
        return f"{hint} 的值无效：{message}"
    message = exc.format_message()
    m = re.match(r"Option '(.+)' requires an argument\.?$", message) or re.match(r"(.+) option requires an argument\.?$", message)
    if m:
        return f"选项 {m.group(1)} 需要一个值"
    m = re.match(r"No such command '(.+?)'\.(?: Did you mean '(.+)'\?)?$", message)
    if m:
        ctx = getattr(exc, "ctx", None)
        names = sorted(getattr(getattr(ctx, "command", None), "commands", {}) or [])
        if m.group(2):
            return f"没有这个命令：{m.group(1)}（是否想用 {m.group(2)}？）"
        return f"没有这个命令：{m.group(1)}" + (f"（可用的命令：{'、'.join(names)}）" if names else "")
    m = re.match(r"Got unexpected extra arguments? \((.+)\)$", message)
    if m:
        return f"多余的参数：{m.group(1)}"
    if message == "Missing command.":
        return "缺少命令"
    return message
