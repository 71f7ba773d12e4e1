"""`xxgk baseline create PATH… --output .xxgk-baseline.json`: record the current findings.

The findings are exactly those `xxgk check` reports for the same paths and options (same
config, rule packs, --select/--ignore); inline-suppressed findings are not recorded. The file
holds the findings of PATH… only: re-create it from all the reports it should cover. Reasons
written into the old file by hand are kept for findings that are still there.
"""
from __future__ import annotations

import sys
from pathlib import Path

from validator.baseline import entries_for, keep_reasons, read_baseline, write_baseline
from validator.findings import FileResult
from validator.i18n import t

EXIT_OK, EXIT_ERROR = 0, 2


def collect(paths: list[str], opts) -> tuple[int, list[FileResult] | None]:
    """The findings `xxgk check` would report for these paths and options (no baseline applied,
    nothing fixed). Results are None when the run stopped before checking."""
    from validator.commands import check  # noqa: PLC0415

    outcome = check.collect(paths, opts)
    if isinstance(outcome, int):
        return outcome, None
    return check.exit_code(outcome.results, outcome.fail_on), outcome.results


def create(paths: list[str], output: str, opts) -> int:
    target = Path(output)
    old = read_baseline(target) if target.exists() else []  # a broken old file stops us: its reasons matter
    code, results = collect(paths, opts)
    if results is None:
        return code or EXIT_ERROR
    entries = keep_reasons(entries_for(results, target.resolve().parent, opts.lang), old)
    from validator.safe_write import WriteRefused  # noqa: PLC0415

    try:
        write_baseline(target, entries)
    except WriteRefused as exc:
        print("xxgk: " + t("error", opts.lang) + t("baseline.cannot-write", opts.lang, path=output, why=exc.text(opts.lang)),
              file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print("xxgk: " + t("error", opts.lang) + t("baseline.cannot-write", opts.lang, path=output, why=exc.strerror or exc),
              file=sys.stderr)
        return EXIT_ERROR
    kept = sum(1 for e in entries if e.get("reason"))
    unreadable = sum(1 for r in results if r.error)
    lang = opts.lang
    print("xxgk: " + t("baseline.written", lang, entries=len(entries), files=len(results), path=output)
          + (t("baseline.reasons-kept", lang, kept=kept) if kept else ""), file=sys.stderr)
    if unreadable:
        print("xxgk: " + t("baseline.unreadable-inputs", lang, files=unreadable), file=sys.stderr)
    return EXIT_OK
