"""Named Python checks: what the declarative vocabulary cannot say (prose, typography,
aggregated structure findings). Each is registered by name and used by exactly one rule file,
which carries its metadata, messages and test cases like any other rule.
"""
from __future__ import annotations

import importlib

from validator.document import SourceSpan
from validator.findings import Location
from validator.records import field, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable

NAMED_CHECKS: dict[str, Callable[["CheckContext"], Iterable[Any]]] = {}


def named_check(name: str):
    def register(fn):
        NAMED_CHECKS[name] = fn
        return fn

    return register


@record
class CheckContext:
    rule: Any
    facts: dict
    doc: Any
    report: Any
    options: dict = field(default_factory=dict)
    previous: Any = None  # last year's report (validator.pairing.PreviousYear), when paired
    not_applicable: bool = False
    reason: Any = None  # engine/reasons.Reason: why not applicable
    partial: Any = None  # a Reason for what a check that ran could not judge

    # --------------------------------------------------------------- helpers
    def na(self, reason: Any = None) -> list:
        """Say the rule cannot judge this report (returns no violations), and why
        (an engine/reasons.Reason; without one, "nothing this rule checks")."""
        self.not_applicable = True
        self.reason = reason
        return []

    def cell_reason(self, tid: str, rid: str, cid: str, facts: dict | None = None) -> Any:
        """Why value(tid, rid, cid) is None: table absent, row missing or unreadable, cell not a number."""
        from validator.engine import reasons  # noqa: PLC0415

        facts = facts if facts is not None else self.facts
        t = facts.get("tables", {}).get(tid)
        if not t or not t.get("found"):
            return reasons.table_absent(facts, tid)
        r = t["rows"].get(rid) or {}
        if not r.get("found"):
            return reasons.rows_missing(facts, tid, [rid])
        if not r.get("reliable", True):
            return reasons.rows_unreadable(facts, tid, [rid])
        c = r.get("cells", {}).get(cid)
        return reasons.cells_reason("cells_missing" if c is None else "cells_not_numbers", facts, tid, [(rid, cid)])

    def part(self, number: int) -> dict | None:
        for p in self.facts["parts"]:
            if p["number"] == number and p["found"]:
                return p
        return None

    def part_title(self, number: int) -> str:
        return next(p["official"] for p in self.facts["parts"] if p["number"] == number)

    def part_text(self, number: int | None) -> tuple[str, int]:
        """(prose of a part, its offset in the stream); None = the preface before part 一."""
        return self.report.part_text(number)

    def part_body(self, number: int) -> str:
        """A part's prose without its heading (also for headings found inline in flattened pages)."""
        return self.report.part_prose(number)[0]

    def span_at(self, offset: int) -> SourceSpan:
        return self.report.stream.span_at(offset)

    def text_location(self, offset: int, part: int | None = None) -> Location:
        return Location(span=self.span_at(offset), part=self.part_title(part) if part else None,
                        fact=f"text.part{part}" if part else "text")

    def table_location(self, tid: str, rid: str | None = None, cid: str | None = None) -> Location:
        from validator.engine.evaluate import Context  # noqa: PLC0415
        from validator.engine.run import part_titles  # noqa: PLC0415

        return Context(self.facts, part_titles(self.facts)).table_location(tid, rid, cid)

    def statements(self, kind_id: str) -> Iterable[tuple[Any, int | None]]:
        """(statement, part number or None for the preface) for every statement of a phrasebook
        kind in the parts it reads (its `where`); statement offsets are stream offsets."""
        from validator.phrases import find, load_phrasebook  # noqa: PLC0415

        book = load_phrasebook()
        for where in book.kind(kind_id).where:
            part = None if where == "preface" else where
            text, offset = self.part_text(part)
            if not text:
                continue
            for st in find(book, kind_id, text):
                st.start += offset
                st.end += offset
                yield st, part

    def phrase_kinds(self) -> list[Any]:
        """The phrasebook kinds the rule reads (its check's `phrases`)."""
        from validator.phrases import load_phrasebook  # noqa: PLC0415

        book = load_phrasebook()
        return [book.kind(k) for k in self.rule.check.get("phrases", [])]

    def evaluator(self) -> Any:
        """The rule vocabulary's expression evaluator over these facts (phrasebook `means` etc.)."""
        from validator.engine.evaluate import Context  # noqa: PLC0415
        from validator.engine.run import part_titles  # noqa: PLC0415

        return Context(self.facts, part_titles(self.facts))

    def value(self, tid: str, rid: str, cid: str) -> int | float | None:
        """A cell's number (blank reads as 0), or None when absent/unreliable/invalid."""
        from validator.facts import cell_value  # noqa: PLC0415

        return cell_value(self.facts, tid, rid, cid)

for _module in ("sec", "tab", "txt", "dat", "fmt", "inp", "xyr"):
    importlib.import_module(f"validator.engine.checks.{_module}")
