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


def why_unjudged(entry: dict) -> dict:
    """A checklist entry's reason for not judging (all of) the report, or {}."""
    return (entry.get("reason") if entry.get("status") == "not_applicable" else entry.get("partial")) or {}


def unverified_count(r: FileResult) -> int:
    """Checks that could not judge a table, part, row or cell of this report (not those that
    had nothing to judge, or no previous report)."""
    from validator.engine.reasons import READING_KINDS  # noqa: PLC0415

    return sum(1 for e in r.checklist if why_unjudged(e).get("kind") in READING_KINDS)


def file_status(r: FileResult, fail_on: Severity = Severity.error) -> str:
    """pass | fail | check | unreadable | skipped: `check` when the findings at or above
    --fail-on all rest on doubtful readings (compare with the original before acting)."""
    if getattr(r, "skipped", None):
        return "skipped"
    if r.error:
        return "unreadable"
    blocking = [f for f in r.active if f.severity >= fail_on]
    if not blocking:
        return "pass"
    return "fail" if any(f.confidence != "doubtful" for f in blocking) else "check"


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
        self.skipped = 0  # files that are not annual reports (README, notes), listed but not checked
        self.pairing: Counter = Counter()  # cross-year pairing: paired / unpaired / refused
        self.batch_paired = False  # the batch paired reports itself (not --previous)

    def add(self, r: FileResult) -> dict[str, int]:
        """Count one file; returns its own counts."""
        counts = r.counts()
        self.files += 1
        self.counts.update(counts)
        active = r.active
        if r.error:
            self.unreadable += 1
        if getattr(r, "skipped", None):
            self.skipped += 1
        elif not r.error and not active:
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
        pairing = getattr(r, "pairing", None)
        if pairing:
            self.pairing[pairing.get("status", "")] += 1
            self.batch_paired = self.batch_paired or pairing.get("source") == "batch"
        if unverified_count(r):
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
                "clean": self.clean, "failing": self.failing, "unreadable": self.unreadable, "skipped": self.skipped,
                "unverified_files": self.unverified_files, "corrections": self.corrections,
                "by_rule": dict(self.by_rule)}

    def line(self, lang: str = "zh") -> str:
        """'3 个文件：2 个错误，1 个警告，0 个提示' (+ skipped files and doubtful findings, when any)."""
        from validator.i18n import t  # noqa: PLC0415

        text = t("summary.files", lang, files=self.files, **{s: self.total(s) for s in SEVERITIES})
        if self.skipped:
            text += t("summary.skipped", lang, skipped=self.skipped)
        if self.total("doubtful"):
            text += t("summary.doubtful", lang, doubtful=self.total("doubtful"))
        return text

    def rule_rows(self) -> list[tuple[str, str, str, int, int, int]]:
        """(rule, name, severity, findings, files, doubtful), most findings first."""
        return [(rule, *self.rule_info.get(rule, ("", "info")), n, self.files_by_rule[rule], self.doubtful_by_rule[rule])
                for rule, n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))]


def file_counts_text(counts: dict[str, int], lang: str = "zh") -> str:
    """'2 个错误，1 个警告，0 个提示' for one file (+ doubtful)."""
    from validator.i18n import t  # noqa: PLC0415

    text = t("summary.file", lang, **{s: counts.get(s, 0) for s in SEVERITIES})
    if counts.get("doubtful"):
        text += t("summary.file.doubtful", lang, doubtful=counts["doubtful"])
    return text
