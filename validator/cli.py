"""The xxgk command line: parse options, call a command, map errors to exit codes.

Exit codes: 0 clean (nothing at or above --fail-on), 1 findings, 2 usage/config/rule error or
unreadable input, 3 internal error (a bug in xxgk, see validator/internal.py), 130 interrupted.

Start-up matters here: pre-commit starts `xxgk check FILE…` on every commit. Importing typer
costs ~30 ms of a ~100 ms run, so `main()` parses plain check invocations itself (the options
below, nothing else) and calls the check command directly. Anything it does not fully
understand — another command, --help, an unknown option, a bad value — goes to the typer app in
validator/typer_app.py, which also prints the usage errors. Both paths build the options with
`check_options()`; tests/test_startup.py checks that they give the same output and exit code.
"""
from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

# Choices of `xxgk check`; typer_app builds its enums from these.
CHECK_FORMATS = ("text", "json", "sarif", "junit", "github", "html", "csv")
LANGS = ("zh", "en")
LEVELS = ("error", "warning", "info")
OUTPUT_FORMATS = ("concise", "full")  # --format text: one line per finding, or grouped with cells, basis, hint


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def check_options(*, format: str = "text", output: str | None = None, select: list[str] | None = None,
                  ignore: list[str] | None = None, fail_on: str | None = None, lang: str = "zh",
                  rules: list[str] | None = None, config: str | None = None, previous: str | None = None,
                  force_previous: bool = False, published: str | None = None, statistics: bool = False, jobs: int | None = None,
                  baseline: str | None = None, fix: bool = False, diff: bool = False, no_backup: bool = False,
                  show_suppressed: bool = False, progress: bool | None = None, strict_inputs: bool | None = None,
                  quiet: bool = False, show_unverified: bool = False, corrections: str | None = None,
                  output_format: str | None = None, timeout: float | None = None):
    """CheckOptions from the command-line values (named as the options are)."""
    from validator.commands.check import CheckOptions  # noqa: PLC0415

    return CheckOptions(
        select=_split(select), ignore=_split(ignore), fail_on=fail_on, rules_dirs=list(rules or []),
        config=config, previous=previous, force_previous=force_previous, published=published, lang=lang, fmt=format, output=output,
        statistics=statistics, jobs=jobs, baseline=baseline, fix=fix, diff=diff, backup=not no_backup,
        show_suppressed=show_suppressed, progress=progress, strict_inputs=strict_inputs, quiet=quiet,
        show_unverified=show_unverified, corrections=corrections, output_format=output_format, timeout=timeout,
    )


# ---------------------------------------------------------------- the fast path for `check`
# option -> (check_options keyword, kind); kind is a tuple of choices, "str", "int", "seconds" or "list"
FAST_VALUE_OPTIONS: dict[str, tuple[str, Any]] = {
    "--format": ("format", CHECK_FORMATS), "-f": ("format", CHECK_FORMATS),
    "--output": ("output", "str"), "-o": ("output", "str"),
    "--output-format": ("output_format", OUTPUT_FORMATS),
    "--select": ("select", "list"),
    "--ignore": ("ignore", "list"),
    "--fail-on": ("fail_on", LEVELS),
    "--lang": ("lang", LANGS),
    "--rules": ("rules", "list"),
    "--config": ("config", "str"),
    "--previous": ("previous", "str"),
    "--published": ("published", "str"),
    "--jobs": ("jobs", "int"), "-j": ("jobs", "int"),
    "--baseline": ("baseline", "str"),
    "--timeout": ("timeout", "seconds"),
    "--corrections": ("corrections", "str"),
}
# flag -> (check_options keyword, value)
FAST_FLAGS: dict[str, tuple[str, bool]] = {
    "--statistics": ("statistics", True),
    "--fix": ("fix", True),
    "--diff": ("diff", True),
    "--no-backup": ("no_backup", True),
    "--show-suppressed": ("show_suppressed", True),
    "--force-previous": ("force_previous", True),
    "--progress": ("progress", True),
    "--no-progress": ("progress", False),
    "--strict-inputs": ("strict_inputs", True),
    "--quiet": ("quiet", True), "-q": ("quiet", True),
    "--show-unverified": ("show_unverified", True),
}


def parse_fast_check(argv: list[str]) -> tuple[list[str], dict[str, Any]] | None:
    """(paths, check_options keywords) for a plain `check` invocation, else None (use typer).

    Accepts `--opt value`, `--opt=value` and `-f value`, options before or after the paths, and
    `-` for stdin, like click does. Returns None for anything else, so that typer handles it
    (and reports usage errors exactly as it always has).
    """
    if not argv or argv[0] != "check":
        return None
    paths: list[str] = []
    kwargs: dict[str, Any] = {}
    value: Any
    i = 1
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        name, eq, inline = arg.partition("=")
        if name in FAST_FLAGS and not eq:
            key, value = FAST_FLAGS[name]
            kwargs[key] = value
            continue
        if name not in FAST_VALUE_OPTIONS or (eq and not name.startswith("--")):
            return None  # --help, --, -fjson, -f=json, unknown options: typer decides
        if eq:
            value = inline
        elif i < len(argv):
            value = argv[i]
            i += 1
        else:
            return None  # missing value: typer prints the usage error
        key, kind = FAST_VALUE_OPTIONS[name]
        if isinstance(kind, tuple):
            if value not in kind:
                return None
        elif kind == "int":
            try:
                value = int(value)
            except ValueError:
                return None
        elif kind == "seconds":
            try:
                value = float(value)
            except ValueError:
                return None
            if not value >= 0 or value == float("inf"):  # negative, nan, inf: typer says why
                return None
        if kind == "list":
            kwargs.setdefault(key, []).append(value)
        else:
            kwargs[key] = value  # click keeps the last of repeated single options
    if not paths:
        return None
    return paths, kwargs


def _run(argv: list[str] | None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    fast = parse_fast_check(args)
    if fast is not None:
        from validator.commands import check as command  # noqa: PLC0415

        paths, kwargs = fast
        return command.run(paths, check_options(**kwargs))
    if args == ["--version"]:  # answered without importing typer
        from validator import __version__  # noqa: PLC0415

        print(f"xxgk {__version__}")
        return 0
    from validator import typer_app  # noqa: PLC0415
    from validator.i18n import lang_of  # noqa: PLC0415

    return typer_app.run(argv, lang_of(args))


def main(argv: list[str] | None = None) -> int:
    from validator.errors import EXIT_INTERNAL, XxgkError  # noqa: PLC0415
    from validator.i18n import lang_of, t  # noqa: PLC0415

    lang = lang_of(argv)
    try:
        return _run(argv)
    except KeyboardInterrupt:
        print("xxgk: " + t("interrupted", lang), file=sys.stderr)
        return 130
    except XxgkError as exc:  # a configuration, rule pack, schema, YAML or input problem: one line
        print(f"xxgk: {t('error', lang)}{exc.text(lang)}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except Exception as exc:  # click usage errors and the like
        if "typer" in sys.modules:
            from typer._click import exceptions as click_exc  # noqa: PLC0415

            if isinstance(exc, click_exc.ClickException):
                from validator.cli_help import usage_error  # noqa: PLC0415

                print(usage_error(exc, lang), file=sys.stderr)
                return 2
            abort = getattr(click_exc, "Abort", None)  # the vendored click has none
            if abort is not None and isinstance(exc, abort):
                return 130
        if os.environ.get("XXGK_DEBUG"):
            raise
        # a bug in xxgk, not a problem with the input: one line, the traceback in a log, exit 3
        from validator.errors import write_crash_log  # noqa: PLC0415

        log = write_crash_log(exc, "xxgk " + " ".join(sys.argv[1:] if argv is None else map(str, argv)))
        print(f"xxgk: internal error: {type(exc).__name__}: {exc} "
              + (f"(traceback in {log}; " if log else "(") + "set XXGK_DEBUG=1 to see it here; please report it)",
              file=sys.stderr)
        return EXIT_INTERNAL


def __getattr__(name: str):
    # `from validator.cli import app` still gives the typer app (imported on first use)
    if name == "app":
        from validator.typer_app import app  # noqa: PLC0415

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def entry() -> None:
    """The `xxgk` console script (and `python -m validator`): main(), then a quick exit.

    Pre-commit starts xxgk on every commit, so its fixed costs count (BENCHMARKS.md):
    - the cyclic garbage collector would run dozens of times over the objects that imports and a
      check create, few of which are ever garbage; a high threshold keeps it for long batches
      but out of a short run (~2 ms);
    - tearing down the interpreter frees every object one by one (~6 ms), which the OS does
      anyway. Everything xxgk writes (reports, --fix, the cache) is closed before main()
      returns and worker pools are shut down, so after flushing stdout and stderr the process
      ends with os._exit.
    """
    import gc  # noqa: PLC0415

    gc.set_threshold(100_000, 50, 100)
    from validator import records, regexcache  # noqa: PLC0415

    regexcache.install()
    records.use_code_cache()
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `xxgk check … | head`: nothing left to say
        pass
    except OSError:
        code = code or 2
    regexcache.save()
    records.save_code_cache()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
