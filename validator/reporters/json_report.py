"""`--format json`: the run as one JSON document (schemas/report.schema.json)."""
from __future__ import annotations

import json

from validator import __version__
from validator.findings import FileResult, display_path
from validator.reporters.common import skip_text

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import TextIO


def report_value(results: list[FileResult], lang: str = "zh", stale: list | None = None) -> dict:
    from validator.summary import Tally  # noqa: PLC0415

    files = []
    tally = Tally()
    for r in results:
        tally.add(r)
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
        files.append(entry)
    return {
        "tool": {"name": "xxgk", "version": __version__},
        "summary": tally.as_dict(),
        "files": files,
        "stale_baseline_entries": stale or [],
    }


def render(results: list[FileResult], out: TextIO, opts, stale: list) -> None:
    json.dump(report_value(results, getattr(opts, "lang", "zh"), stale), out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")
