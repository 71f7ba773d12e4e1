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


def main(argv: list[str] | None = None) -> int:
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
    except (SchemaError, YamlError) as exc:
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
