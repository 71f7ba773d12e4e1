"""DAT: years and dates (条例第四十九条; format-spec §1.1, §1.5)."""
from __future__ import annotations

import re
from collections import Counter

from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation


_YEAR = re.compile(r"(?<![\d〔\[（(])(20\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?!度?(?:报告|年报))")


@named_check("year_references")
def year_references(ctx: CheckContext):
    """Prose that talks about last year's work as "this year": a copy of last year's report."""
    year = ctx.facts["meta"].get("year")
    if year is None:
        return ctx.na(reasons.fact_unknown("meta.year"))
    text = ""
    for n in (1, 2, 3, 4, 6):
        text += ctx.part_text(n)[0]
    text = re.sub(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]", "", text)
    counts = Counter(int(m.group(1)) for m in _YEAR.finditer(text))
    this, other = counts.get(year, 0), counts.get(year - 1, 0)
    if other >= 2 and other > this:
        first = next(m for m in _YEAR.finditer(ctx.report.stream.text) if int(m.group(1)) == year - 1)
        return [Violation({"year": year, "other_year": year - 1, "this_count": this, "other_count": other},
                          ctx.text_location(first.start()), fingerprint_text=f"{year}")]
    return []
