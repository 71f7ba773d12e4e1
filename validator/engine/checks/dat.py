"""DAT: years and dates (条例第四十九条; format-spec §1.1, §1.5)."""
from __future__ import annotations

import re
from collections import Counter

from validator.document import SourceSpan
from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation
from validator.findings import Location
from validator.recognize.meta import iso_date


@named_check("period_year")
def period_year(ctx: CheckContext):
    meta = ctx.facts["meta"]
    period, year = meta.get("period"), meta.get("year")
    if year is None:
        return ctx.na(reasons.fact_unknown("meta.year"))
    if not period:
        return ctx.na(reasons.fact_unknown("meta.period"))
    if meta.get("year_source") == "period":
        return ctx.na(reasons.not_relevant("报告年度就是从统计期限得出的，无从比对",
                                           "the report year was taken from the period itself: nothing to compare"))
    want = (f"{year}-01-01", f"{year}-12-31")
    if (period["start"], period["end"]) == want:
        return []
    return [Violation({"year": year, "found": period["text"], "start": period["start"] or "?", "end": period["end"] or "?"},
                      Location(span=SourceSpan.from_dict(period.get("location")), fact="meta.period"),
                      fingerprint_text=period["text"])]


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


@named_check("publication_late")
def publication_late(ctx: CheckContext):
    meta = ctx.facts["meta"]
    year, level = meta.get("year"), meta.get("level")
    published = ctx.options.get("published") or (meta.get("publication") or {}).get("date")
    if year is None:
        return ctx.na(reasons.fact_unknown("meta.year"))
    if level == "township":
        return ctx.na(reasons.not_relevant("条例未规定乡镇、街道年报的发布期限（由地方规定）",
                                           "the regulation sets no deadline for townships (local rules do)"))
    if level not in ("government", "department"):
        return ctx.na(reasons.level_unknown(meta))
    pub = _iso(str(published)) if published else None
    if pub is None:
        return ctx.na(reasons.option_off("报告中没有发布日期，也没有用 --published 指定",
                                         "no publication date in the report and none given with --published",
                                         "published"))
    deadline = iso_date(year + 1, 3, 31) if level == "government" else iso_date(year + 1, 1, 31)
    if pub <= deadline:  # ISO dates compare as strings
        return []
    from datetime import date  # noqa: PLC0415 - only to count the days late

    days = (date.fromisoformat(pub) - date.fromisoformat(deadline)).days
    loc = Location(span=SourceSpan.from_dict((meta.get("publication") or {}).get("location")), fact="meta.publication")
    who_zh = "县级以上地方人民政府" if level == "government" else "县级以上人民政府部门"
    who_en = "a government" if level == "government" else "a government department"
    return [Violation({"published": pub, "deadline": deadline, "days": days, "who_zh": who_zh, "who_en": who_en},
                      loc, fingerprint_text=pub)]


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _iso(value: str) -> str | None:
    """A date as 'YYYY-MM-DD' (from the report or --published), or None when it is not one."""
    m = _ISO_DATE.fullmatch(value)
    if m:
        return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    from datetime import date  # noqa: PLC0415 - the other ISO 8601 forms (20240120, 2024-W03-6)

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None
