"""Baselines: accept the findings a legacy report has today, report only the new ones.

`xxgk baseline create PATH… -o .xxgk-baseline.json` records every current finding;
`xxgk check --baseline .xxgk-baseline.json` (or `baseline = "…"` in the config) marks the findings
recorded there as suppressed (kind "baseline"), so that they neither print nor count, and lists
the entries of the checked files that no longer match anything (stale: fixed, or changed).

A finding is identified by its fingerprint — rule + fact path + normalised text, never a line
number — and the path of its file relative to the baseline file's folder, so entries survive
edits elsewhere in the report and the baseline can be committed beside the reports. Entries are
a multiset: two identical findings need two entries.

The file is written for diffs and review: sorted, one entry per line, keys in a fixed order.
An entry may carry a `reason` (edit it by hand); `baseline create` keeps reasons when it
re-creates the file.

    {
      "tool": "xxgk",
      "version": 1,
      "entries": [
        {"path": "2022/report.md", "rule": "SEC001", "fingerprint": "3f0c…", "text": "缺少…", "reason": "…"},
        …
      ]
    }
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from validator.config import ConfigError
from validator.findings import FileResult, Finding

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, Iterable

BASELINE_VERSION = 1
ENTRY_KEYS = ("path", "rule", "fingerprint", "text", "reason")  # the order they are written in


class BaselineError(ConfigError):
    """A baseline file that cannot be used: exit code 2."""


def entry_path(file_path: str, base_dir: Path) -> str:
    """How a checked file is named in a baseline: relative to the baseline's folder, with '/'."""
    if file_path == "-":
        return "-"
    absolute = Path(file_path).resolve()
    try:
        rel = os.path.relpath(absolute, base_dir)
    except ValueError:  # another drive (Windows)
        return absolute.as_posix()
    return Path(rel).as_posix()


def _recorded(f: Finding) -> bool:
    """Findings a baseline records: the active ones, and those an older baseline already hid."""
    return not f.suppressed or f.suppressed.get("kind") == "baseline"


def _sort_key(e: dict[str, Any]) -> tuple:
    return (e["path"], e["rule"], e["fingerprint"], e.get("text", ""))


def entries_for(results: Iterable[FileResult], base_dir: Path, lang: str = "zh") -> list[dict[str, Any]]:
    """One entry per current finding, sorted."""
    out = []
    for r in results:
        where = entry_path(r.path, base_dir)
        for f in r.findings:
            if _recorded(f):
                out.append({"path": where, "rule": f.rule, "fingerprint": f.fingerprint, "text": f.text(lang)})
    return sorted(out, key=_sort_key)


def keep_reasons(entries: list[dict[str, Any]], old: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Carry each `reason` of an old entry over to the new entry for the same finding."""
    reasons: dict[tuple[str, str], list[str]] = {}
    for e in old:
        if e.get("reason"):
            reasons.setdefault((e["path"], e["fingerprint"]), []).append(e["reason"])
    for e in entries:
        waiting = reasons.get((e["path"], e["fingerprint"]))
        if waiting:
            e["reason"] = waiting.pop(0)
    return entries


def dumps(entries: list[dict[str, Any]]) -> str:
    """The file's text: sorted entries, one per line, keys in ENTRY_KEYS order."""
    lines = []
    for e in sorted(entries, key=_sort_key):
        ordered = {k: e[k] for k in ENTRY_KEYS if k in e}
        ordered.update({k: e[k] for k in sorted(e) if k not in ordered})
        lines.append("    " + json.dumps(ordered, ensure_ascii=False))
    entries_text = "[\n" + ",\n".join(lines) + "\n  ]" if lines else "[]"
    return '{\n  "tool": "xxgk",\n  "version": %d,\n  "entries": %s\n}\n' % (BASELINE_VERSION, entries_text)


def write_baseline(path: str | Path, entries: list[dict[str, Any]]) -> None:
    from validator.safe_write import write_output  # noqa: PLC0415

    write_output(str(path), dumps(entries).encode("utf-8"))


def read_baseline(path: str | Path) -> list[dict[str, Any]]:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError.of("baseline.not-found", path=p) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError.of("baseline.unreadable", path=p, problem=exc) from None
    except json.JSONDecodeError as exc:
        raise BaselineError.of("baseline.invalid-json", path=p, line=exc.lineno, col=exc.colno, problem=exc.msg) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise BaselineError.of("baseline.not-baseline", path=p)
    version = data.get("version", BASELINE_VERSION)
    if version != BASELINE_VERSION:
        raise BaselineError.of("baseline.version", path=p, version=version, expected=BASELINE_VERSION)
    for i, e in enumerate(data["entries"]):
        if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in ("path", "rule", "fingerprint")):
            raise BaselineError.of("baseline.bad-entry", path=p, index=i)
    return data["entries"]


class Baseline:
    """A baseline file applied to results one at a time: findings recorded in it are marked
    suppressed; once every result has gone by, `stale()` gives the entries that matched nothing.

    Stale entries are those of files checked in this run that match no finding (a pre-commit
    run that checks one file never reports the entries of the others). Each is a dict with
    path (as the file was named on the command line), rule, text, fingerprint (and reason).
    """

    def __init__(self, baseline_path: str | Path):
        self.path = baseline_path
        entries = read_baseline(baseline_path)
        self.base_dir = Path(baseline_path).resolve().parent
        self.waiting: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for e in entries:
            self.waiting.setdefault((e["path"], e["fingerprint"]), []).append(e)
        self.shown_as: dict[str, str] = {}

    def apply(self, r: FileResult) -> None:
        where = entry_path(r.path, self.base_dir)
        self.shown_as.setdefault(where, r.path)
        for f in r.findings:
            if f.suppressed:
                continue
            bucket = self.waiting.get((where, f.fingerprint))
            if bucket:
                e = bucket.pop(0)
                f.suppressed = {"kind": "baseline", "reason": e.get("reason", ""), "baseline": str(self.path)}

    def stale(self) -> list[dict[str, Any]]:
        out = []
        for bucket in self.waiting.values():
            for e in bucket:
                if e["path"] in self.shown_as:
                    item = {"path": self.shown_as[e["path"]], "rule": e["rule"], "text": e.get("text", ""),
                            "fingerprint": e["fingerprint"]}
                    if e.get("reason"):
                        item["reason"] = e["reason"]
                    out.append(item)
        return sorted(out, key=lambda s: (s["path"], s["rule"], s["fingerprint"]))


def apply_baseline(results: list[FileResult], baseline_path: str | Path) -> list[dict[str, Any]]:
    """Mark findings recorded in the baseline as suppressed; return the stale entries (Baseline)."""
    baseline = Baseline(baseline_path)
    for r in results:
        baseline.apply(r)
    return baseline.stale()
