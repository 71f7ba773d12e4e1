"""Terminal output. A TTY gets rich panels per file; anything else (pre-commit, CI, pipes)
gets one plain line per finding — `path:line:col: severity RULE message` — and no colour."""
from __future__ import annotations

from validator.findings import FileResult, Finding, Severity, display_path
from validator.i18n import t
from validator.reporters.common import cell_id, correction_text, skip_text, unverified_groups, unverified_text
from validator.summary import Tally, file_counts_text

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import TextIO

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def position(f: Finding, lang: str = "zh") -> str:
    """The position field of a concise line: "21:4" for text formats (editors jump to it), else
    the place as a Word or PDF reader looks for it ("第 12 段", "表 2 第 4 行第 10 列", "第 3 页")."""
    s = f.location.span
    if s.line is not None:
        return f"{s.line}:{s.col or 1}"
    from validator.reporters.terminal import position_text  # noqa: PLC0415

    return position_text(f, lang) or "1:1"


def plain_line(path: str, f: Finding, lang: str) -> str:
    where = f.location.logical() or (f.location.heading or "")
    message = f.text(lang)
    if where and where not in message:
        message = f"{message} [{where}]"
    if f.corrected:
        message += f" [{t('finding.corrected', lang, cells=', '.join(cell_id(c) for c in f.corrected))}]"
    return f"{display_path(path)}:{position(f, lang)}: {f.severity} {f.rule} {message}"


def operands_text(f: Finding, limit: int = 24) -> str:
    """'一、本年新收…：总计 329，自然人 268，…' — operands grouped by row, in order."""
    groups: dict[str, list[str]] = {}
    for o in f.values.get("operand_cells", [])[:limit]:
        # a table of one row (part 四) has no row label: its cells are named by their columns
        row = ("上年 " if o.get("report") == "previous" else "") + (o.get("row_label") or "")
        value = f"{o['value']}" + ("（空）" if o.get("blank") else "")
        groups.setdefault(row, []).append(f"{o.get('column_label') or o['column']} {value}")
    return "；".join((f"{row}：" if row else "") + "，".join(cells) for row, cells in groups.items())


def _is_tty(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def output_format(opts, out: TextIO) -> str:
    """concise (one line per finding) or full (grouped, with cells, basis and hint): as asked with
    --output-format, else full at a terminal and concise for pipes, CI and pre-commit."""
    asked = getattr(opts, "output_format", None)
    if asked in ("concise", "full"):
        return asked
    return "full" if _is_tty(out) else "concise"


def _columns(out: TextIO) -> int | None:
    """The terminal's width; for full output into a pipe or file, $COLUMNS or 80."""
    if _is_tty(out):
        return None  # rich asks the terminal
    import os  # noqa: PLC0415

    try:
        return max(40, int(os.environ.get("COLUMNS", "80")))
    except ValueError:
        return 80


def render(results: list[FileResult], out: TextIO, opts, stale: list) -> None:
    lang = getattr(opts, "lang", "zh")
    if output_format(opts, out) == "full":
        _rich(results, out, lang, opts, stale)
        return
    tally = Tally(_fail_on(opts))
    statistics = getattr(opts, "statistics", False)
    quiet = getattr(opts, "quiet", False)
    for r in results:
        counts = tally.add(r)
        if statistics:
            continue  # counts only
        if quiet:
            if tally.fails(r):
                out.write(f"{display_path(r.path)}: {r.error or file_counts_text(counts, lang)}\n")
            continue
        if r.skipped:
            out.write(f"{display_path(r.path)}: {t('skipped', lang)}：{skip_text(r, lang)}\n")
        for f in r.findings:
            if f.suppressed and not getattr(opts, "show_suppressed", False):
                continue
            out.write(plain_line(r.path, f, lang) + "\n")
        for c in r.corrections:
            if c.get("status") in ("applied", "confirmed"):
                out.write(f"{display_path(r.path)}: note: {correction_text(c, lang)}\n")
        if getattr(opts, "show_unverified", False):
            for reason, rules, partial in unverified_groups(r.checklist, reading_only=True):
                out.write(f"{display_path(r.path)}: note: {unverified_text(reason, rules, partial, lang)}\n")
    if statistics:
        _plain_statistics(tally, out)
    summary = pairing_summary(tally, lang, opts)
    if summary and not quiet:  # one line: pre-commit logs stay one line per finding (details: a terminal, JSON, HTML)
        out.write(summary + "\n")
    for entry in stale:
        out.write(f"{display_path(entry['path'])}: " + t("baseline.stale", lang, rule=entry["rule"], text=entry.get("text", "")) + "\n")
    if tally.by_rule or tally.total("doubtful") or tally.files > 1 or statistics or quiet:
        out.write(tally.line(lang) + "\n")


def _fail_on(opts) -> Severity:
    try:
        return Severity.parse(getattr(opts, "fail_on", None) or "error")
    except ValueError:
        return Severity.error


def pairing_lines(results: list[FileResult], lang: str, opts=None) -> list[tuple[str, str]]:
    """(path, what it was compared with or why not) for every report of a batch that was paired
    across years, so that an auditor sees which reports the XYR rules could judge — when some
    report was paired, or the run asked for the cross-year rules (`shows_pairing`)."""
    pairs = _Pairs(lang, opts)
    for r in results:
        pairs.add(r)
    return pairs.lines()


class _Pairs:
    """pairing_lines() fed one result at a time: only each paired report's line stays."""

    def __init__(self, lang: str, opts=None):
        self.lang, self.opts = lang, opts
        self.batch = False
        self.paired = 0
        self.entries: list[tuple[str, str]] = []

    def add(self, r: FileResult) -> None:
        if not r.pairing:
            return
        from validator.pairing import describe  # noqa: PLC0415

        self.batch = self.batch or r.pairing.get("source") == "batch"
        self.paired += r.pairing.get("status") == "paired"
        self.entries.append((r.path, describe(r.pairing, self.lang)))

    def lines(self) -> list[tuple[str, str]]:
        return self.entries if self.batch and shows_pairing(self.paired, self.opts) else []


def shows_pairing(paired: int, opts) -> bool:
    """Whether the terminal says how a batch was paired across years: when some report was
    paired, or the run named the cross-year rules (--select XYR, --select cross-year …). A
    drafter's folder of this year's reports, where nothing pairs, is spared the line; the
    summary outputs (JSON, SARIF, HTML) always carry each report's pairing."""
    return paired > 0 or cross_year_selected(opts)


def cross_year_selected(opts) -> bool:
    """--select names cross-year rules and nothing else (not ALL, not a group that has others too)."""
    select = [s for s in (getattr(opts, "select", None) or []) if s != "ALL"]
    if not select:
        return False
    from validator.engine.rules import load_rules  # noqa: PLC0415
    from validator.engine.selectors import matches  # noqa: PLC0415

    rules = load_rules(list(getattr(opts, "rules_dirs", None) or []))
    for s in select:
        named = [r for r in rules if matches(r, s)]
        if named and all(r.id.startswith("XYR") for r in named):
            return True
    return False


def pairing_summary(tally: Tally, lang: str, opts=None) -> str:
    """'跨年度配对：1 份报告与上一年度报告比对，2 份未配对…' for a batch that was paired (and
    `shows_pairing`), else ''."""
    if not tally.batch_paired or not shows_pairing(tally.pairing.get("paired", 0), opts):
        return ""
    from validator.i18n import t  # noqa: PLC0415

    return t("pairing.summary", lang, paired=tally.pairing.get("paired", 0), unpaired=tally.pairing.get("unpaired", 0))


def _plain_statistics(tally: Tally, out) -> None:
    for rule, name, sev, n, files, doubtful in tally.rule_rows():
        out.write(f"{n:6d}  {rule}  {sev:7s}  {name}  ({files} file(s)"
                  + (f", {doubtful} doubtful" if doubtful else "") + ")\n")


def _rich(results, out, lang, opts, stale) -> None:
    from rich.console import Console  # noqa: PLC0415
    from rich.markup import escape  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    from validator.reporters.common import rule_catalogue, rule_info_of  # noqa: PLC0415
    from validator.reporters.terminal import print_findings  # noqa: PLC0415

    console = Console(file=out, highlight=False, width=_columns(out))
    titles = {info.id: info.text("title", lang) for info in rule_catalogue(opts, [])}
    tally = Tally(_fail_on(opts))
    pairs = _Pairs(lang, opts)
    statistics = getattr(opts, "statistics", False)
    quiet = getattr(opts, "quiet", False)
    for r in results:  # each file as it comes; the summary tables at the end
        counts = tally.add(r)
        pairs.add(r)
        for f in r.findings:
            if f.rule not in titles:
                titles[f.rule] = rule_info_of(f).text("title", lang)
        if statistics:
            continue
        if quiet:
            if tally.fails(r):
                console.print(f"[bold red]✗[/] {escape(display_path(r.path))}  {escape(r.error or file_counts_text(counts, lang))}")
            continue
        shown = [f for f in r.findings if not f.suppressed or getattr(opts, "show_suppressed", False)]
        if r.skipped:
            console.print(f"[dim]– {escape(display_path(r.path))}  {t('skipped', lang)}：{escape(skip_text(r, lang))}[/]")
            continue
        unverified = unverified_groups(r.checklist, reading_only=True)
        if not shown:
            console.print(f"[green]✓[/] {escape(display_path(r.path))}")
            for reason, rules, partial in unverified:
                console.print("  [dim]" + escape(unverified_text(reason, rules, partial, lang)) + "[/]")
            for c in r.corrections:
                if c.get("status") in ("applied", "confirmed"):
                    console.print("  [blue]" + escape(correction_text(c, lang)) + "[/]")
            continue
        console.rule(f"[bold]{escape(display_path(r.path))}[/]  ({len(shown)})", align="left")
        print_findings(console, shown, lang, titles, operands_text)
        for reason, rules, partial in unverified:
            console.print("[dim]" + escape(unverified_text(reason, rules, partial, lang)) + "[/]")
        for c in r.corrections:
            if c.get("status") in ("applied", "confirmed"):
                console.print("[blue]" + escape(correction_text(c, lang)) + "[/]")
    summary = Table(title=t("summary.title", lang), show_header=True)
    summary.add_column(t("summary.rule", lang))
    if statistics:  # --statistics: name, severity and how many files, like the plain output
        summary.add_column(t("summary.name", lang))
        summary.add_column(t("summary.severity", lang))
        summary.add_column(t("summary.files-column", lang), justify="right")
    summary.add_column(t("summary.count", lang), justify="right")
    summary.add_column("doubtful" if lang == "en" else "读取存疑", justify="right")
    for rule, name, sev, n, files, doubtful in tally.rule_rows():
        cells = [rule, name, sev, str(files)] if statistics else [rule]
        summary.add_row(*cells, str(n), str(doubtful or ""))
    if tally.by_rule:
        console.print(summary)
    if pairs.lines():
        table = Table(title=t("pairing.table", lang), show_header=True)
        table.add_column(t("pairing.table.report", lang))
        table.add_column(t("pairing.table.previous", lang))
        for path, line in pairs.lines():
            table.add_row(escape(path), escape(line))
        console.print(table)
    for entry in stale:
        console.print(f"[yellow]{escape(display_path(entry['path']))}[/] "
                      + escape(t("baseline.stale", lang, rule=entry["rule"], text=entry.get("text", ""))))
    console.print(escape(tally.line(lang)))
