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


def extract_one(path: str, stage: str = "facts") -> dict[str, Any]:
    from validator.commands.check import read_stdin  # noqa: PLC0415

    data = read_stdin("zh") if path == "-" else None
    doc, report, facts = analyse("stdin.md" if path == "-" else path, data)
    if stage == "document":
        return doc.to_dict()
    if stage == "report":
        return json.loads(json.dumps(_report_value(report), default=str, ensure_ascii=False))
    return facts


def _extract_safe(args: tuple[str, str]) -> tuple[str, dict | None, InputError | None]:
    path, stage = args
    try:
        return path, extract_one(path, stage), None
    except InputError as exc:
        return path, None, exc


def run(paths: list[str], fmt: str = "json", stage: str = "facts", output: str | None = None,
        validate_output: bool = False, jobs: int | None = None) -> int:
    """Returns the exit code: 0 all extracted, 2 when any input could not be read."""
    files = iter_inputs(paths, CHECKABLE_SUFFIXES)
    work = [(path, stage) for path in files]
    if len(files) > 1 and "-" not in files and (jobs is None or jobs > 1):
        # a folder of reports for a provincial office: the same worker pool as `check`
        from validator.batch import _mp_context, default_jobs  # noqa: PLC0415

        workers = min(jobs or default_jobs(), len(files))
        with _mp_context().Pool(workers) as pool:
            results = pool.map(_extract_safe, work, chunksize=max(1, len(files) // (workers * 8)))
    else:
        results = [_extract_safe(w) for w in work]
    status = 2 if any(err is not None for _, _, err in results) else 0
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        if fmt == "csv":
            from validator.reporters.csv_facts import write_csv  # noqa: PLC0415

            write_csv([(p, f) for p, f, e in results if f is not None], out)
        elif fmt == "text":
            from validator.reporters.facts_text import print_facts  # noqa: PLC0415

            for path, value, err in results:
                if err is not None:
                    continue
                print_facts(value, out, stage)
        else:
            ok = [(p, v) for p, v, e in results if v is not None]
            if validate_output and stage == "facts":
                from validator.validation import validate  # noqa: PLC0415

                for p, v in ok:
                    validate(json.loads(json.dumps(v)), "facts.schema.json", p)
            if len(files) == 1 and ok and fmt == "json":
                out.write(json.dumps(ok[0][1], ensure_ascii=False, indent=2) + "\n")
            else:
                for p, v in ok:  # JSON Lines: one report per line
                    out.write(json.dumps(v, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    for path, _, err in results:
        if err is not None:
            print(f"{path}: error[{err.rule}] {err.message}" + (f" ({err.hint})" if err.hint else ""),
                  file=sys.stderr)
    return status
