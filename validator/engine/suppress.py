"""Inline suppressions in text formats.

    <!-- xxgk: disable-next SUM003 reason="表格按上级口径填报，已书面说明" -->
    <!-- xxgk: disable-file FMT001,FMT002 reason="历史稿件，不再修改排版" -->

`disable-next` covers the next block (from the next non-blank line to the following blank
line); `disable-file` the whole file. A reason is required: without one the comment is
reported (SUP001) and ignored. A suppression that matched nothing is reported (SUP002).
"""
from __future__ import annotations

import re

from validator.document import SourceSpan
from validator.findings import Finding, Location
from validator.records import record

_COMMENT = re.compile(
    r"<!--\s*xxgk:\s*(?P<kind>disable-next|disable-file)\s+(?P<rules>[A-Za-z0-9,\s-]+?)"
    r"(?:\s+reason\s*=\s*(?P<q>[\"“])(?P<reason>.*?)[\"”])?\s*-->")


@record
class Suppression:
    kind: str
    rules: list[str]
    reason: str
    line: int
    start: int
    end: int
    used: bool = False

    def covers(self, f: Finding, rules: dict | None = None) -> bool:
        """Whether this suppression applies to `f` (`rules`: id -> Rule, so that groups match too)."""
        from validator.engine.selectors import ALL, matches  # noqa: PLC0415

        rule = (rules or {}).get(f.rule)
        if rule is not None:
            named = any(matches(rule, r) for r in self.rules)
        else:  # a finding of no loaded rule (ENG001)
            named = any(r in (ALL, f.rule, f.name) for r in self.rules)
        if not named:
            return False
        if self.kind == "disable-file":
            return True
        line = f.location.span.line
        return line is not None and self.start <= line <= self.end


def parse_suppressions(lines: list[str] | None) -> tuple[list[Suppression], list[tuple[int, str]]]:
    """(valid suppressions, [(line, text) of comments without a reason])."""
    if not lines:
        return [], []
    out, bad = [], []
    for i, line in enumerate(lines, start=1):
        for m in _COMMENT.finditer(line):
            rules = [r.strip() for r in re.split(r"[,\s]+", m.group("rules")) if r.strip()]
            if not m.group("reason") or not m.group("reason").strip():
                bad.append((i, m.group(0)))
                continue
            start = i + 1
            while start <= len(lines) and not lines[start - 1].strip():
                start += 1
            end = start
            while end + 1 <= len(lines) and lines[end].strip() and not _COMMENT.search(lines[end]):
                end += 1
            out.append(Suppression(m.group("kind"), rules, m.group("reason").strip(), i, start, end))
    return out, bad


def apply_suppressions(lines: list[str] | None, findings: list[Finding], make_finding,
                       known_rules: list | None = None) -> list[Finding]:
    """Mark suppressed findings and add SUP001/SUP002/SUP003 findings. `make_finding(rule_id, values,
    location)` builds a finding from a rule's metadata (None if that rule is not selected);
    `known_rules` (every loaded rule) validates the rules each comment names (SUP003)."""
    sups, bad = parse_suppressions(lines)
    rules = {r.id: r for r in known_rules or []}
    for f in findings:
        for s in sups:
            if s.covers(f, rules):
                f.suppressed = {"kind": "inline", "reason": s.reason, "line": s.line}
                s.used = True
                break
    extra = []
    for line, text in bad:
        f = make_finding("SUP001", {"comment": text}, Location(span=SourceSpan(line=line, col=1), fact=f"suppression.{line}"))
        if f:
            extra.append(f)
    unknown_in: set[int] = set()
    if known_rules:
        for s in sups:
            problems = _unknown_rules(known_rules, s.rules)
            if problems:
                unknown_in.add(s.line)
                f = make_finding("SUP003", {"line": s.line, "rules": ",".join(s.rules), **problems},
                                 Location(span=SourceSpan(line=s.line, col=1), fact=f"suppression.{s.line}"))
                if f:
                    extra.append(f)
    for s in sups:
        if not s.used and s.line not in unknown_in:
            f = make_finding("SUP002", {"rules": ",".join(s.rules), "line": s.line},
                             Location(span=SourceSpan(line=s.line, col=1), fact=f"suppression.{s.line}"))
            if f:
                extra.append(f)
    return findings + extra


def _unknown_rules(known_rules: list, names: list[str]) -> dict[str, str]:
    """{problems_zh, problems_en} describing the names no rule answers to ({} when all are known)."""
    from validator.engine.selectors import SelectorError, validate  # noqa: PLC0415
    from validator.i18n import LANGS  # noqa: PLC0415

    try:
        validate(known_rules, names, {lang: "" for lang in LANGS})
    except SelectorError as exc:
        return {f"problems_{lang}": exc.text(lang).lstrip("：: ") for lang in LANGS}
    return {}
