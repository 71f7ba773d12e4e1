"""The xxgk command line: parse options, call a command, map errors to exit codes.

Exit codes: 0 clean (nothing at or above --fail-on), 1 findings, 2 usage/config/rule error or
unreadable input, 130 interrupted.
"""
from __future__ import annotations

import sys
from enum import Enum
from typing import List, Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="xxgk — 政府信息公开工作年度报告合规检查 (compliance linter for government information-disclosure annual reports).",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """xxgk — 政府信息公开工作年度报告合规检查."""


class ExtractFormat(str, Enum):
    json = "json"
    text = "text"
    csv = "csv"
    jsonl = "jsonl"


class Stage(str, Enum):
    document = "document"
    report = "report"
    facts = "facts"


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Report files or folders ('-' reads stdin)."),
    format: ExtractFormat = typer.Option(ExtractFormat.json, "--format", "-f", help="json, jsonl, csv or text."),
    stage: Stage = typer.Option(Stage.facts, "--stage", help="Print the document, the report or the facts."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    validate: bool = typer.Option(False, "--validate", help="Validate facts against schemas/facts.schema.json."),
) -> None:
    """Print the facts recognised in each report (meta, parts, every standard-table cell)."""
    from validator.commands import extract as command  # noqa: PLC0415

    raise typer.Exit(command.run(paths, format.value, stage.value, output, validate))


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    html = "html"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def _split(values: Optional[List[str]]) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Report files, folders (recursive) or '-' for stdin."),
    format: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="text, json, sarif, junit, github or html."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules: ids, prefixes (SUM), names or groups."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules: ids, prefixes, names or groups."),
    fail_on: Optional[Level] = typer.Option(None, "--fail-on", help="Exit 1 when a finding at or above this severity remains (default error)."),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Message language."),
    rules: Optional[List[str]] = typer.Option(None, "--rules", help="Add a rule pack (a folder of rule YAML files)."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this config file instead of searching for one."),
    previous: Optional[str] = typer.Option(None, "--previous", help="Last year's report, for the cross-year rules (XYR)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (DAT003), if not in the document."),
    statistics: bool = typer.Option(False, "--statistics", help="Print counts per rule across all files."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes for batches (default: the number of cores)."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Report only findings not recorded in this baseline file."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe automatic fixes (text formats; never changes a figure)."),
    diff: bool = typer.Option(False, "--diff", help="Show what --fix would change, without writing."),
    no_backup: bool = typer.Option(False, "--no-backup", help="With --fix: do not keep a .bak copy."),
    show_suppressed: bool = typer.Option(False, "--show-suppressed", help="Also print suppressed findings."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a TTY for batches)."),
) -> None:
    """Check reports against the rules; exit 0 clean, 1 findings, 2 errors."""
    from validator.commands import check as command  # noqa: PLC0415

    opts = command.CheckOptions(
        select=_split(select), ignore=_split(ignore), fail_on=fail_on.value if fail_on else None,
        rules_dirs=list(rules or []), config=config, previous=previous, published=published, lang=lang.value,
        fmt=format.value, output=output, statistics=statistics, jobs=jobs, baseline=baseline, fix=fix, diff=diff,
        backup=not no_backup, show_suppressed=show_suppressed, progress=progress,
    )
    raise typer.Exit(command.run(paths, opts))


@app.command("rules")
def rules_cmd(
    format: ExtractFormat = typer.Option(ExtractFormat.text, "--format", "-f", help="text or json."),
    rules: Optional[List[str]] = typer.Option(None, "--rules", help="Include a user rule pack."),
    lang: Lang = typer.Option(Lang.zh, "--lang"),
) -> None:
    """List the rule catalogue."""
    from validator.commands import rules as command  # noqa: PLC0415

    raise typer.Exit(command.list_rules(format.value, list(rules or []), lang.value))


@app.command()
def explain(
    rule_id: str = typer.Argument(..., help="Rule id (SUM003) or name (application-balance)."),
    rules: Optional[List[str]] = typer.Option(None, "--rules", help="Include a user rule pack."),
    lang: Lang = typer.Option(Lang.zh, "--lang"),
) -> None:
    """What a rule checks, why, and an example that triggers it and one that passes."""
    from validator.commands import rules as command  # noqa: PLC0415

    raise typer.Exit(command.explain(rule_id, list(rules or []), lang.value))


def main(argv: list[str] | None = None) -> int:
    from validator.config import ConfigError  # noqa: PLC0415
    from validator.engine.rules import RuleError  # noqa: PLC0415
    from validator.validation import SchemaError  # noqa: PLC0415
    from validator.yamlio import YamlError  # noqa: PLC0415

    try:
        rv = app(args=argv, prog_name="xxgk", standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except typer.Exit as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (SchemaError, YamlError, RuleError, ConfigError) as exc:
        print(f"xxgk: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # click usage errors and the like
        from typer._click import exceptions as click_exc  # noqa: PLC0415

        if isinstance(exc, click_exc.ClickException):
            exc.show()
            return 2
        if isinstance(exc, click_exc.Abort):
            return 130
        raise
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
