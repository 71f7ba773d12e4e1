"""`--format json`: the run as one JSON document (schemas/report.schema.json)."""
from __future__ import annotations

from validator import __version__
from validator.findings import FileResult, display_path
from validator.reporters.common import skip_text
from validator.reporters.json_text import dumps

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import TextIO


def file_entry(r: FileResult, lang: str = "zh") -> dict:
    """One file of the report (an item of "files")."""
    entry = {
        "path": display_path(r.path),
        "error": r.error,
        "counts": r.counts(),
        "meta": {k: (r.facts or {}).get("meta", {}).get(k) for k in ("title", "agency", "level", "year")} if r.facts else None,
        "template": (r.facts or {}).get("template", {}).get("used") if r.facts else None,
        "diagnostics": [f.to_dict(lang) for f in r.findings],
        "checklist": r.checklist,
        "pairing": r.pairing,
        **({"skipped": {"reason": r.skipped, "message": skip_text(r, lang)}} if r.skipped else {}),
    }
    if r.corrections:
        entry["corrections"] = r.corrections
    if r.indicators:
        entry["indicators"] = r.indicators
    return entry


def report_value(results: list[FileResult], lang: str = "zh", stale: list | None = None) -> dict:
    from validator.summary import Tally  # noqa: PLC0415

    tally = Tally()
    files = []
    for r in results:
        tally.add(r)
        files.append(file_entry(r, lang))
    return {
        "tool": {"name": "xxgk", "version": __version__},
        "summary": tally.as_dict(),
        "files": files,
        "stale_baseline_entries": stale or [],
    }


def _dumps(value, indent: str) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2, default=str), its lines after the first indented."""
    return dumps(value, indent)


def render(results, out: TextIO, opts, stale: list) -> None:
    """report_value() written as the results come: each file's entry as soon as it is checked,
    the summary (counts only) and the stale baseline entries after the last."""
    from validator.summary import Tally  # noqa: PLC0415

    lang = getattr(opts, "lang", "zh")
    tally = Tally()
    out.write('{\n  "tool": ' + _dumps({"name": "xxgk", "version": __version__}, "  ") + ',\n  "files": [')
    first = True
    for r in results:
        tally.add(r)
        out.write(("\n    " if first else ",\n    ") + _dumps(file_entry(r, lang), "    "))
        first = False
    out.write(("\n  " if not first else "") + '],\n  "summary": ' + _dumps(tally.as_dict(), "  ")
              + ',\n  "stale_baseline_entries": ' + _dumps(stale or [], "  ") + "\n}\n")
