"""The typer app: every command and option of `xxgk`, with its help text.

validator/cli.py is the entry point. It runs plain `xxgk check FILE…` invocations itself, because
they are what pre-commit starts on every commit and importing typer costs ~30 ms. Everything else
(other commands, --help, usage errors) comes here. Both paths build the check options with
`cli.check_options()`, so they cannot drift apart; tests/test_startup.py compares them.
"""
from __future__ import annotations

from enum import Enum
from typing import List, Optional

import typer

from validator.cli import CHECK_FORMATS, LANGS, LEVELS, OUTPUT_FORMATS, check_options

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class ExtractFormat(str, Enum):
    json = "json"
    text = "text"
    csv = "csv"
    jsonl = "jsonl"


class Stage(str, Enum):
    document = "document"
    report = "report"
    facts = "facts"


# The choices live in cli.py (the fast path needs them without importing typer); an Enum built
# from a list is beyond what mypy reads (misc), typer reads it at run time.
CheckFormat = Enum("CheckFormat", [(v, v) for v in CHECK_FORMATS], type=str)  # type: ignore[misc]
Lang = Enum("Lang", [(v, v) for v in LANGS], type=str)  # type: ignore[misc]
Level = Enum("Level", [(v, v) for v in LEVELS], type=str)  # type: ignore[misc]
OutputFormat = Enum("OutputFormat", [(v, v) for v in OUTPUT_FORMATS], type=str)  # type: ignore[misc]


def _print_version(value: bool) -> None:
    if value:
        from validator import __version__  # noqa: PLC0415

        typer.echo(f"xxgk {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                 help="Print the version and exit."),
    lang: Lang = typer.Option(Lang("zh"), "--lang", help="Language of help and messages (xxgk --lang en --help)."),
) -> None:
    """xxgk — compliance linter for government information-disclosure annual reports (政府信息公开工作年度报告):
    the six parts, the standard tables and their sums, with where, expected and actual figures, the basis and what to do."""


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Report files or folders ('-' reads stdin)."),
    format: Optional[ExtractFormat] = typer.Option(None, "--format", "-f", help="json, jsonl, csv or text (default: tables drawn at a terminal, JSON otherwise)."),
    stage: Stage = typer.Option(Stage.facts, "--stage", help="Print the document, the report or the facts."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    validate: bool = typer.Option(False, "--validate", help="Validate facts against schemas/facts.schema.json."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes for folders (default: the cores)."),
    corrections: Optional[str] = typer.Option(None, "--corrections", help="Apply reviewer corrections of misread cells (YAML)."),
    corrections_skeleton: Optional[str] = typer.Option(None, "--corrections-skeleton", help="Write a corrections file to fill in for the cells xxgk doubted."),
    lang: Lang = typer.Option(Lang("zh"), "--lang", help="Language of the drawn tables' words (text)."),
) -> None:
    """Print the facts recognised in each report (meta, parts, every standard-table cell)."""
    from validator.commands import extract as command  # noqa: PLC0415

    raise typer.Exit(command.run(paths, format.value if format else None, stage.value, output, validate, jobs,
                                 corrections, corrections_skeleton, lang=lang.value))


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Report files, folders (recursive) or '-' for stdin."),
    format: CheckFormat = typer.Option(CheckFormat("text"), "--format", "-f", help="text, json, sarif, junit, github, html or csv (one row per finding)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    output_format: Optional[OutputFormat] = typer.Option(None, "--output-format", help="Text: concise (one line per finding) or full (grouped by rule, with cells, basis and hint); default full at a terminal, concise otherwise."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules: ids, prefixes (SUM), names or groups."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules: ids, prefixes, names or groups."),
    fail_on: Optional[Level] = typer.Option(None, "--fail-on", help="Exit 1 when a finding at or above this severity remains (default error)."),
    lang: Lang = typer.Option(Lang("zh"), "--lang", help="Message language."),
    rules: Optional[List[str]] = typer.Option(None, "--rules", help="Add a rule pack (a folder of rule YAML files)."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this config file instead of searching for one."),
    previous: Optional[str] = typer.Option(None, "--previous", help="Last year's report, for the cross-year rules (XYR); used only for reports of the same agency for the year after."),
    force_previous: bool = typer.Option(False, "--force-previous", help="Compare with --previous even when it is not the same agency's report of the year before."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for the deadline rules (DAT003, a pack rule with a published option), if not in the document."),
    statistics: bool = typer.Option(False, "--statistics", help="Print counts per rule across all files."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes for batches (default: the number of cores)."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Report only findings not recorded in this baseline file."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe automatic fixes (.md, .txt and .docx; never changes a figure)."),
    diff: bool = typer.Option(False, "--diff", help="Show what --fix would change, without writing."),
    no_backup: bool = typer.Option(False, "--no-backup", help="With --fix: do not keep a .bak copy."),
    show_suppressed: bool = typer.Option(False, "--show-suppressed", help="Also print suppressed findings."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a TTY for batches)."),
    strict_inputs: bool = typer.Option(False, "--strict-inputs", help="A file that is not an annual report is an error (INP002) instead of skipped."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Text: print only the files that fail and the totals."),
    show_unverified: bool = typer.Option(False, "--show-unverified", help="Text: also note each check that could not judge a report, and why."),
    corrections: Optional[str] = typer.Option(None, "--corrections", help="Reviewer corrections of misread cells (YAML, schemas/corrections.schema.json)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0, help="Seconds one file may take (default 60; 0: no limit)."),
) -> None:
    """Check reports against the rules; exit 0 clean, 1 findings, 2 errors, 3 internal error."""
    from validator.commands import check as command  # noqa: PLC0415

    opts = check_options(
        format=format.value, output=output, select=select, ignore=ignore, fail_on=fail_on.value if fail_on else None,
        lang=lang.value, rules=rules, config=config, previous=previous, force_previous=force_previous,
        published=published, statistics=statistics,
        jobs=jobs, baseline=baseline, fix=fix, diff=diff, no_backup=no_backup, show_suppressed=show_suppressed,
        progress=progress, strict_inputs=strict_inputs or None,
        output_format=output_format.value if output_format else None, quiet=quiet, show_unverified=show_unverified,
        corrections=corrections, timeout=timeout,
    )
    raise typer.Exit(command.run(paths, opts))


baseline_app = typer.Typer(
    no_args_is_help=True,
    help="Record the current findings so that `xxgk check --baseline FILE` reports only new ones.",
)
app.add_typer(baseline_app, name="baseline")


@baseline_app.callback()
def _baseline_group() -> None:
    """Baselines for legacy findings: `xxgk baseline create PATH… -o .xxgk-baseline.json`."""


@baseline_app.command("create")
def baseline_create(
    paths: List[str] = typer.Argument(..., help="Report files or folders whose current findings to record."),
    output: str = typer.Option(".xxgk-baseline.json", "--output", "-o", help="The baseline file to write."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (as for check)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (as for check)."),
    lang: Lang = typer.Option(Lang("zh"), "--lang", help="Language of the message text stored with each entry."),
    rules: Optional[List[str]] = typer.Option(None, "--rules", help="Add a rule pack (as for check)."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this config file (as for check)."),
    previous: Optional[str] = typer.Option(None, "--previous", help="Last year's report (as for check)."),
    force_previous: bool = typer.Option(False, "--force-previous", help="As for check."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (as for check)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes for batches."),
) -> None:
    """Write every current finding of PATH… to the baseline file (reasons already in it are kept)."""
    from validator.commands import baseline as command  # noqa: PLC0415

    opts = check_options(select=select, ignore=ignore, lang=lang.value, rules=rules, config=config,
                         previous=previous, force_previous=force_previous, published=published, jobs=jobs)
    raise typer.Exit(command.create(paths, output, opts))


@app.command("rules")
def rules_cmd(
    format: ExtractFormat = typer.Option(ExtractFormat.text, "--format", "-f", help="text or json."),
    rules: Optional[List[str]] = typer.Option(None, "--rules", help="Include a user rule pack."),
    lang: Lang = typer.Option(Lang("zh"), "--lang"),
) -> None:
    """List the rule catalogue."""
    from validator.commands import rules as command  # noqa: PLC0415

    raise typer.Exit(command.list_rules(format.value, list(rules or []), lang.value))


@app.command()
def explain(
    rule_id: str = typer.Argument(..., help="Rule id (SUM003) or name (application-balance)."),
    rules: Optional[List[str]] = typer.Option(None, "--rules", help="Include a user rule pack."),
    lang: Lang = typer.Option(Lang("zh"), "--lang"),
) -> None:
    """What a rule checks, why, and an example that triggers it and one that passes."""
    from validator.commands import rules as command  # noqa: PLC0415

    raise typer.Exit(command.explain(rule_id, list(rules or []), lang.value))


class DiffFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def diff(
    old: str = typer.Argument(..., help="The earlier draft (any input format)."),
    new: str = typer.Argument(..., help="The later draft."),
    format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="text or json."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    lang: Lang = typer.Option(Lang("zh"), "--lang", help="Message language."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (as for check)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (as for check)."),
    fail_on: Optional[Level] = typer.Option(None, "--fail-on", help="Exit 1 when NEW brings a new finding at or above this severity (default error)."),
    rules: Optional[List[str]] = typer.Option(None, "--rules", help="Add a rule pack (as for check)."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this config file (as for check)."),
) -> None:
    """Compare two drafts of one report: findings new / resolved / unchanged, changed table figures, parts added or removed."""
    from validator.commands import diff as command  # noqa: PLC0415

    opts = check_options(format=format.value, output=output, select=select, ignore=ignore,
                         fail_on=fail_on.value if fail_on else None, lang=lang.value, rules=rules, config=config)
    raise typer.Exit(command.run(old, new, opts))


class NewFormat(str, Enum):
    md = "md"
    docx = "docx"


class AgencyLevel(str, Enum):
    government = "government"
    department = "department"
    township = "township"


@app.command()
def new(
    year: Optional[int] = typer.Option(None, "--year", help="Report year (default: the year after --from's)."),
    level: Optional[AgencyLevel] = typer.Option(None, "--level", help="government (人民政府), department or township (default: from the agency's name)."),
    agency: Optional[str] = typer.Option(None, "--agency", help="The agency's name (default: --from's)."),
    format: Optional[NewFormat] = typer.Option(None, "--format", "-f", help="md or docx (default: from --output, else md)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="File to write (default: stdout for md, the title for docx)."),
    from_: Optional[str] = typer.Option(None, "--from", help="Last year's report: carry over the figures the format carries forward (the applications carried over, the rules and normative documents in force), the agency and contact details."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    lang: Lang = typer.Option(Lang("zh"), "--lang", help="Message language."),
) -> None:
    """Write a blank report in the unified format of its year: every part, heading, table, row and column."""
    from validator.commands import new as command  # noqa: PLC0415

    raise typer.Exit(command.run(year, level.value if level else None, agency, format.value if format else None,
                                 output, from_, lang.value, force))


def run(argv: list[str] | None, lang: str = "zh") -> int:
    """Run the app without click's standalone handling; errors propagate to cli.main().
    Help and usage words are in `lang` (validator/cli_help.py)."""
    from validator.cli_help import localize  # noqa: PLC0415

    command = typer.main.get_command(app)
    localize(command, lang)
    try:
        rv = command.main(args=argv, prog_name="xxgk", standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except typer.Exit as exc:
        return exc.exit_code
