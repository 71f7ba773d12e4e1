"""`--output-format full`: one file's findings for a person at a terminal (80 or 120 columns).

Findings are grouped by rule, in the order the document raises them; each group names the rule
once (severity, id, title, how many), then each finding with where it is (the line, or the
paragraph / table cell a Word user can find), what is wrong and the cells involved, then the basis
and the hint once for the group — not repeated for every finding. Lines are broken by Chinese
line-breaking rules with hanging indents (validator/reporters/wrap.py).

    错误 SUM001 申请人“总计”不等于各类申请人之和
      第 75 行 · 三、收到和处理政府信息公开申请情况 / 一、本年新收政府信息公开申请数量 / 总计
        一、本年新收政府信息公开申请数量：总计为 329，但自然人与各类法人或其他组织之和为 330
        （相差 -1）。
        单元格：一、本年新收…：总计 329，自然人 268，…
      依据：国办公开办函〔2021〕30号 附件 表“收到和处理政府信息公开申请情况”：申请人情况·总计
      建议：……
"""
from __future__ import annotations

from validator.findings import Finding
from validator.reporters.wrap import hanging, wrap

SEVERITY_LABEL = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}
STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
MAX_WIDTH = 120  # prose wider than this is hard to read, however wide the terminal
INDENT_FINDING, INDENT_TEXT = 2, 4


def position_text(f: Finding, lang: str) -> str:
    """Where a finding is, as its reader looks for it: "第 21 行", "第 3 页", "第 12 段",
    "表 2 第 4 行第 10 列"; "" for the whole document."""
    from validator.i18n import t  # noqa: PLC0415

    s = f.location.span
    if s.line is not None:
        return t("where.line", lang, line=s.line)
    if s.table is not None:
        if s.row is not None and s.cell is not None:
            return t("where.cell", lang, table=s.table, row=s.row, col=s.cell)
        if s.row is not None:
            return t("where.row", lang, table=s.table, row=s.row)
        return t("where.table", lang, table=s.table)
    if s.paragraph is not None:
        return t("where.paragraph", lang, paragraph=s.paragraph)
    if s.page is not None:
        return t("where.page", lang, page=s.page)
    return ""


def place(f: Finding, lang: str) -> str:
    """"第 12 段 · 一、总体情况 › （二）依申请公开" — the position, the headings above it (when they say
    more than the part) and the table / row / column labels."""
    loc = f.location
    logical = loc.logical()
    bits = [position_text(f, lang)]
    heading = loc.heading
    if heading and heading not in logical:
        if loc.part and logical.startswith(loc.part) and heading.startswith(loc.part[:8]):
            logical = logical[len(loc.part):].lstrip(" /")  # the heading path names the part already
        bits.append(heading)
    bits.append(logical)
    return " · ".join(b for b in bits if b)


def width_for(console) -> int:
    return max(40, min(console.width, MAX_WIDTH))


def by_rule(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by rule, groups in the order of their first finding."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.rule, []).append(f)
    return list(groups.items())


def print_findings(console, findings: list[Finding], lang: str, titles: dict[str, str],
                   operands=None) -> None:
    """The findings of one file, grouped by rule (see the module docstring). `titles`: rule id ->
    title in `lang`; `operands(f)` the text of a finding's cells (reporters/text.operands_text)."""
    from rich.text import Text  # noqa: PLC0415

    from validator.i18n import t  # noqa: PLC0415

    width = width_for(console)
    labels = SEVERITY_LABEL["en" if lang == "en" else "zh"]

    def say(lines: list[str], style: str = "") -> None:
        for line in lines:
            console.print(Text(line, style=style), soft_wrap=True, overflow="ignore", crop=False)

    for rule, group in by_rule(findings):
        worst = str(max(f.severity for f in group))
        head = Text()
        head.append(labels[worst], style=STYLE[worst])
        head.append(f" {rule} ", style="bold")
        title = titles.get(rule, "")
        count = t("group.count", lang, n=len(group)) if len(group) > 1 else ""
        rest = wrap(title + count, width, indent=INDENT_FINDING, first_width=width - head.cell_len)
        head.append(rest[0])
        console.print(head, soft_wrap=True, overflow="ignore", crop=False)
        say(rest[1:])
        hints = {f.hint_text(lang) for f in group}
        shared_hint = hints.pop() if len(hints) == 1 else None
        for f in group:
            where = place(f, lang)
            if getattr(f, "confidence", None) == "doubtful":
                where += ("  " if where else "") + t("finding.doubtful", lang)
            if getattr(f, "corrected", None):
                from validator.reporters.common import cell_id  # noqa: PLC0415
                where += ("  " if where else "") + t("finding.corrected", lang,
                                                       cells=", ".join(cell_id(c) for c in f.corrected))
            if where:
                say(wrap(" " * INDENT_FINDING + where, width, indent=INDENT_TEXT), "dim")
            say(wrap(" " * INDENT_TEXT + f.text(lang), width, indent=INDENT_TEXT))
            snippet = f.location.snippet if hasattr(f.location, "snippet") else None
            if snippet:
                say(hanging(t("label.text", lang), f"“{snippet}”", width, INDENT_TEXT), "dim")
            cells = operands(f) if operands and f.values.get("operand_cells") else ""
            if cells:
                say(hanging(t("label.cells", lang), cells, width, INDENT_TEXT), "dim")
            if shared_hint is None and f.hint_text(lang):
                say(hanging(t("label.hint", lang), f.hint_text(lang), width, INDENT_TEXT), "green")
            if f.suppressed:
                say(hanging(t("label.suppressed", lang), f.suppressed.get("reason", ""), width, INDENT_TEXT), "dim")
        basis = group[0].basis
        if basis:
            say(hanging(t("label.basis", lang), "；".join(basis) if lang != "en" else "; ".join(basis), width,
                        INDENT_FINDING), "dim")
        if shared_hint:
            say(hanging(t("label.hint", lang), shared_hint, width, INDENT_FINDING), "green")
