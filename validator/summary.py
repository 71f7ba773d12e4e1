"""Counts across a batch, fed one checked file at a time.

Every summary xxgk prints — the totals line, `--statistics`, `--quiet`, the JSON summary, the HTML
cards — comes from a Tally. It keeps per-rule and per-severity counters only, never the results
themselves, so a batch of thousands can be streamed through it (issue 16): `add(result)` as each
file is checked, render at the end.

Findings that rest on a doubtful reading (validator/confidence.py) are counted apart as
`doubtful`, not under their severity: the severity counts are what the report is answerable for.
"""
from __future__ import annotations

from collections import Counter

from validator.findings import FileResult, Severity

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

SEVERITIES = ("error", "warning", "info")


class Tally:
    def __init__(self, fail_on: Severity = Severity.error):
        self.fail_on = fail_on
        self.files = 0
        self.counts: Counter = Counter()  # error / warning / info (confident) and doubtful
        self.clean = 0
        self.failing = 0
        self.unreadable = 0
        self.by_rule: Counter = Counter()  # active findings per rule
        self.files_by_rule: Counter = Counter()  # files with an active finding of the rule
        self.doubtful_by_rule: Counter = Counter()
        self.rule_info: dict[str, tuple[str, str]] = {}  # rule -> (name, worst severity seen)
        self.unverified_files = 0  # files where a check could not judge rows or tables (READING kinds)
        self.corrections = 0  # reviewer corrections applied

    def add(self, r: FileResult) -> dict[str, int]:
        """Count one file; returns its own counts."""
        from validator.engine.reasons import READING_KINDS  # noqa: PLC0415

        counts = r.counts()
        self.files += 1
        self.counts.update(counts)
        active = r.active
        if r.error:
            self.unreadable += 1
        if not r.error and not active:
            self.clean += 1
        if self.fails(r):
            self.failing += 1
        seen: set[str] = set()
        for f in active:
            self.by_rule[f.rule] += 1
            if f.confidence == "doubtful":
                self.doubtful_by_rule[f.rule] += 1
            seen.add(f.rule)
            name, worst = self.rule_info.get(f.rule, (f.name, "info"))
            if Severity.parse(worst) < f.severity:
                worst = str(f.severity)
            self.rule_info[f.rule] = (name, worst)
        self.files_by_rule.update(seen)
        if any((e.get("reason") or e.get("partial") or {}).get("kind") in READING_KINDS for e in r.checklist):
            self.unverified_files += 1
        self.corrections += sum(1 for c in getattr(r, "corrections", None) or [] if c.get("status") == "applied")
        return counts

    def fails(self, r: FileResult) -> bool:
        """Whether this file makes the run fail: unreadable, or a finding at or above --fail-on."""
        return bool(r.error) or any(f.severity >= self.fail_on for f in r.active)

    def total(self, key: str) -> int:
        return self.counts.get(key, 0)

    def as_dict(self) -> dict[str, Any]:
        return {"files": self.files, **{s: self.total(s) for s in SEVERITIES}, "doubtful": self.total("doubtful"),
                "clean": self.clean, "failing": self.failing, "unreadable": self.unreadable,
                "unverified_files": self.unverified_files, "corrections": self.corrections,
                "by_rule": dict(self.by_rule)}

    def line(self, lang: str = "en") -> str:
        """'3 file(s): 2 error(s), 1 warning(s), 0 info' (+ the doubtful ones, when there are any)."""
        text = (f"{self.files} file(s): {self.total('error')} error(s), {self.total('warning')} warning(s), "
                f"{self.total('info')} info")
        doubtful = self.total("doubtful")
        if doubtful:
            text += (f"；另有 {doubtful} 个问题读取存疑，请对照原件核对" if lang == "zh" else
                     f"; {doubtful} more on a doubtful reading (check against the original)")
        return text

    def rule_rows(self) -> list[tuple[str, str, str, int, int, int]]:
        """(rule, name, severity, findings, files, doubtful), most findings first."""
        return [(rule, *self.rule_info.get(rule, ("", "info")), n, self.files_by_rule[rule], self.doubtful_by_rule[rule])
                for rule, n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))]


def file_counts_text(counts: dict[str, int], lang: str = "en") -> str:
    """'2 error(s), 1 warning(s), 0 info' for one file (+ doubtful)."""
    text = f"{counts.get('error', 0)} error(s), {counts.get('warning', 0)} warning(s), {counts.get('info', 0)} info"
    if counts.get("doubtful"):
        text += (f"，{counts['doubtful']} 个读取存疑" if lang == "zh" else f", {counts['doubtful']} doubtful")
    return text
