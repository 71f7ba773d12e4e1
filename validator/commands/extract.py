"""`xxgk extract FILE…`: print what was recognised (document, report or facts)."""
from __future__ import annotations

import json
import sys

from validator.document import InputError
from validator.pipeline import analyse, iter_inputs
from validator.readers import CHECKABLE_SUFFIXES

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any


def _report_value(report) -> dict[str, Any]:
    return {
        "meta": {k: v for k, v in report.meta.items()},
        "template": report.template,
        "parts": report.parts,
        "tables": {
            tid: {"found": r.found, "header_seen": r.header_seen, "rows": r.rows, "columns": r.columns,
                  "approximate": r.approximate, "notes": r.notes}
            for tid, r in report.tables.items()
        },
        "unassigned": report.unassigned,
    }


def extract_one(path: str, stage: str = "facts", corrections: list | None = None) -> dict[str, Any]:
    """The document, report or facts of one file; the facts with the reviewer `corrections`
    applied (validator/corrections.py) and the evaluators' indicators (validator/indicators.py)."""
    from validator.commands.check import read_stdin  # noqa: PLC0415 - capped at the file size limit

    data = read_stdin("zh") if path == "-" else None
    doc, report, facts = analyse("stdin.md" if path == "-" else path, data)
    if stage == "document":
        return doc.to_dict()
    if stage == "report":
        return json.loads(json.dumps(_report_value(report), default=str, ensure_ascii=False))
    if corrections:
        from validator import corrections as corr  # noqa: PLC0415

        mine, digest = corr.for_file(corrections, path, data)
        if mine:
            corr.apply_corrections(facts, mine, digest)
    from validator.indicators import compute  # noqa: PLC0415

    facts["indicators"] = compute(facts)
    return facts


def _extract_safe(args: tuple[str, str, list | None]) -> tuple[str, dict | None, InputError | None]:
    path, stage, corrections = args
    try:
        return path, extract_one(path, stage, corrections), None
    except InputError as exc:
        return path, None, exc


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def run(paths: list[str], fmt: str | None = None, stage: str = "facts", output: str | None = None,
        validate_output: bool = False, jobs: int | None = None, corrections: str | None = None,
        skeleton: str | None = None, lang: str = "zh") -> int:
    """Returns the exit code: 0 all extracted, 2 when any input could not be read. `fmt` None:
    tables drawn for a person at a terminal, JSON for a pipe or a file (what a program reads).

    `corrections`: a reviewer corrections file applied to the facts; `skeleton`: write a
    corrections file to fill in for the cells xxgk doubted (validator/corrections.py)."""
    if fmt is None:
        fmt = "text" if output is None and _is_terminal(sys.stdout) else "json"
    if fmt == "csv":
        return _figures_csv(paths, output, jobs, corrections, skeleton)
    loaded = None
    if corrections:
        from validator.corrections import load_corrections  # noqa: PLC0415

        loaded = load_corrections(corrections)
    files = iter_inputs(paths, CHECKABLE_SUFFIXES)
    work = [(path, stage, loaded) for path in files]
    if len(files) > 1 and "-" not in files and (jobs is None or jobs > 1):
        # a folder of reports for a provincial office: the same worker pool as `check`
        from validator.batch import _mp_context, default_jobs  # noqa: PLC0415

        workers = min(jobs or default_jobs(), len(files))
        with _mp_context().Pool(workers) as pool:
            results = pool.map(_extract_safe, work, chunksize=max(1, len(files) // (workers * 8)))
    else:
        results = [_extract_safe(w) for w in work]
    status = 2 if any(err is not None for _, _, err in results) else 0
    if skeleton and stage == "facts":
        write_skeleton([(p, f) for p, f, e in results if f is not None], skeleton)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        if fmt == "text":
            from validator.reporters.facts_text import print_facts, text_width  # noqa: PLC0415

            width = text_width(out)
            for _path, value, err in results:
                if err is not None:
                    continue
                print_facts(value, out, stage, width=width, lang=lang)
        else:
            ok = [(p, v) for p, v, e in results if v is not None]
            if validate_output and stage == "facts":
                from validator.validation import validate  # noqa: PLC0415

                for p, v in ok:
                    validate(json.loads(json.dumps(v)), "facts.schema.json", p)
            if len(files) == 1 and ok and fmt == "json":
                out.write(json.dumps(ok[0][1], ensure_ascii=False, indent=2) + "\n")
            else:
                for _p, v in ok:  # JSON Lines: one report per line
                    out.write(json.dumps(v, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    for path, _, err in results:
        if err is not None:
            print(f"{path}: error[{err.rule}] {err.message}" + (f" ({err.hint})" if err.hint else ""),
                  file=sys.stderr)
    return status


def write_skeleton(items: list[tuple[str, dict]], target: str) -> int:
    """Write the corrections skeleton for these reports' doubted cells; returns the entries."""
    import os  # noqa: PLC0415

    from validator.corrections import skeleton_entries, write_skeleton as write  # noqa: PLC0415

    base = os.path.dirname(os.path.abspath(target))
    entries = [e for path, facts in items if path != "-" for e in skeleton_entries(path, facts, base)]
    tmp = f"{target}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        write(entries, fh)
    os.replace(tmp, target)
    print(f"xxgk: {len(entries)} cell(s) to review written to {target}", file=sys.stderr)
    return len(entries)


def _figures_csv(paths: list[str], output: str | None, jobs: int | None, corrections: str | None,
                 skeleton: str | None) -> int:
    """`extract --format csv`: one row per report — its figures, and its status from a check
    (errors, warnings, doubtful findings, unverified checks, corrections): the same run as
    `xxgk check`, so the two never disagree."""
    from validator.commands.check import EXIT_ERROR, CheckOptions, collect  # noqa: PLC0415
    from validator.reporters.csv_facts import write_csv  # noqa: PLC0415

    outcome = collect(paths, CheckOptions(jobs=jobs, corrections=corrections, indicators=True, progress=False,
                                          fmt="csv"))
    if isinstance(outcome, int):
        return outcome
    results = outcome.results
    if skeleton:
        write_skeleton([(r.path, r.facts) for r in results if r.facts is not None and not r.skipped], skeleton)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        write_csv(results, out, fail_on=outcome.fail_on)
    finally:
        if output:
            out.close()
    for r in results:
        if r.error:
            print(f"{r.path}: {r.error}", file=sys.stderr)
    return EXIT_ERROR if any(r.error for r in results) else 0
