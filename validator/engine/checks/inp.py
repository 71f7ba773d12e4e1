"""INP: input problems. INP001/INP003 are raised by readers (InputError) and turned into
findings by the check command; INP002 is judged here, on what was recognised."""
from __future__ import annotations

from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation
from validator.findings import Location


@named_check("input_error")
def input_error(ctx: CheckContext):
    # reported at read time; once a document could be read there is nothing left to judge
    return ctx.na()


@named_check("not_an_annual_report")
def not_an_annual_report(ctx: CheckContext):
    if any(p["found"] for p in ctx.facts["parts"]) or any(t["found"] for t in ctx.facts["tables"].values()):
        return []
    return [Violation({"path": ctx.facts["source"]["path"]}, Location(fact="document"), fingerprint_text="not-report")]


@named_check("suppression_marker")
def suppression_marker(ctx: CheckContext):
    # SUP001/SUP002 are produced by engine/suppress.py after all rules ran
    return ctx.na()
