"""Which report is last year's: the same agency, the year before — and nothing else.

The cross-year rules (XYR) compare a report with last year's. Compared with the wrong report —
another agency's, or one two years older — they report errors the drafter did not make, the
worst thing a linter can do. So pairing is conservative:

- agency names are compared after normalising what varies between years without changing the
  agency: full-width/half-width forms, spaces, 政府 / 人民政府, a trailing 办 / 办公室,
  管委会 / 管理委员会, and a chain of higher regions in front ("淮安市洪泽区人民政府" is
  "洪泽区人民政府"; "淮安市人民政府" is not);
- the years must be consecutive, both known;
- in a batch a report is paired only when exactly one report of the year before matches it and
  that report matches no other report of this year (two 鼓楼区 in one batch pair nothing).

`PreviousYear` is what a rule sees of last year's report (`CheckContext.previous`, and the
`report: previous` operand of the declarative rules): its facts and its narrative, built once
from one analysis however many reports pair with it.
"""
from __future__ import annotations

import os

from validator.lazyre import lazy
from validator.records import field, record

# --------------------------------------------------------------------------- agency names

# Administrative divisions that can stand in front of an agency's name, longest first so that
# 自治县 is one unit, not 自治 + 县. A unit is its proper name (1–10 characters) plus one of these.
_REGION_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "街道", "省", "市", "州", "盟",
                    "县", "区", "旗", "镇", "乡")
_REGION_UNIT = "(?:.{1,10}?(?:" + "|".join(_REGION_SUFFIXES) + "))"
_REGION_CHAIN = lazy(_REGION_UNIT + "+")
_STARTS_WITH_REGION = lazy(_REGION_UNIT)

# Two spellings of one body, applied in order to the compacted NFKC name.
_VARIANTS = (
    (lazy(r"(?<!人民)政府"), "人民政府"),  # 县政府 = 县人民政府
    (lazy(r"管委会"), "管理委员会"),
    (lazy(r"街道办$"), "街道办事处"),
    (lazy(r"办$"), "办公室"),  # 县政府办 = 县人民政府办公室
)
_NOT_NAME = lazy(r"[\W_]+")


def agency_key(name: str) -> str:
    """Comparable spelling of an agency name: NFKC, no spaces or punctuation, one spelling of
    the common variants. The region prefix is kept (see `same_agency`)."""
    import unicodedata  # noqa: PLC0415

    from validator.normalize import fix_characters  # noqa: PLC0415

    key = _NOT_NAME.sub("", unicodedata.normalize("NFKC", fix_characters(name)))
    for pattern, spelling in _VARIANTS:
        key = pattern.sub(spelling, key)
    return key


def same_agency(a: str | None, b: str | None) -> bool:
    """True when two agency names name one agency: equal after `agency_key`, or one is the
    other with higher regions in front, the shorter still starting with its own region
    ("江苏省淮安市洪泽区人民政府" ~ "洪泽区人民政府"; "人民政府" alone names nobody)."""
    if not a or not b:
        return False
    ka, kb = agency_key(a), agency_key(b)
    if ka == kb:
        return bool(ka)
    longer, shorter = (ka, kb) if len(ka) > len(kb) else (kb, ka)
    if not longer.endswith(shorter) or not _STARTS_WITH_REGION.match(shorter):
        return False
    return _REGION_CHAIN.fullmatch(longer[: len(longer) - len(shorter)]) is not None


# --------------------------------------------------------------------------- last year's report

@record
class PreviousYear:
    """Last year's report as the cross-year rules read it.

    facts: its facts (validator/facts.py); narrative: part number (1–6) -> the prose of that
    part in the text stream. Picklable (sent to worker processes); built by `from_analysis`.
    """

    path: str
    facts: dict
    narrative: dict = field(default_factory=dict)

    @classmethod
    def from_analysis(cls, path: str, report, facts: dict) -> "PreviousYear":
        return cls(path=path, facts=facts, narrative=report.narrative())

    @property
    def meta(self) -> dict:
        return self.facts.get("meta") or {}

    @property
    def year(self) -> int | None:
        year = self.meta.get("year")
        return year if isinstance(year, int) else None

    @property
    def agency(self) -> str | None:
        return self.meta.get("agency")

    def value(self, table: str, row: str, column: str) -> int | float | None:
        """A cell of last year's tables (blank reads as 0), or None when it cannot be read."""
        from validator.facts import cell_value  # noqa: PLC0415

        return cell_value(self.facts, table, row, column)


# --------------------------------------------------------------------------- judging a pair

def _who(meta: dict) -> str:
    return meta.get("agency") or "?"


def _reason(code: str, key: str, **values) -> dict:
    from validator.i18n import both  # noqa: PLC0415

    return {"code": code, **both(key, **values)}


def mismatch(meta: dict, previous_meta: dict, path: str = "", previous_path: str = "") -> dict | None:
    """Why `previous_meta` is not last year's report of the same agency as `meta`, or None.

    Returns {"code", "zh", "en"}; codes: agency_unknown, year_unknown, other_agency, not_previous_year.
    """
    name, prev_name = os.path.basename(path) or "-", os.path.basename(previous_path) or "--previous"
    year, prev_year = meta.get("year"), previous_meta.get("year")
    agency, prev_agency = meta.get("agency"), previous_meta.get("agency")
    if not agency or not prev_agency:
        return _reason("agency_unknown", "pairing.agency-unknown.of", file=name if not agency else prev_name)
    if not isinstance(year, int) or not isinstance(prev_year, int):
        return _reason("year_unknown", "pairing.year-unknown.of", file=name if not isinstance(year, int) else prev_name)
    if not same_agency(agency, prev_agency):
        return _reason("other_agency", "pairing.other-agency", prev_file=prev_name, prev_agency=prev_agency,
                       file=name, agency=agency)
    if prev_year != year - 1:
        return _reason("not_previous_year", "pairing.not-previous-year", prev_file=prev_name, prev_year=prev_year,
                       file=name, year=year)
    return None


def paired_entry(previous_path: str, previous_meta: dict, source: str) -> dict:
    """FileResult.pairing for a report checked against last year's (source: batch | option | forced)."""
    return {"status": "paired", "source": source, "previous": previous_path,
            "previous_year": previous_meta.get("year"), "previous_agency": previous_meta.get("agency")}


def refused_entry(previous_path: str, reason: dict) -> dict:
    """FileResult.pairing for a --previous report that is not last year's (XYR not applied)."""
    return {"status": "refused", "source": "option", "previous": previous_path, "reason": reason}


# --------------------------------------------------------------------------- batches

@record
class Candidate:
    """One report of a batch as pairing sees it."""

    index: int
    path: str
    agency: str | None
    year: int | None
    readable: bool = True


@record
class BatchPairing:
    pairs: dict[int, int]  # index of a report -> index of last year's report
    unpaired: dict[int, dict]  # index -> reason {"code", "zh", "en"}


def _same_agency_pairs(usable: list[Candidate]):
    """Every ordered pair (c, o) of different candidates whose agencies are the same
    (`same_agency`), without comparing every report with every other: two names of one agency
    have equal keys, or one key ends with the other (the longer with higher regions in front),
    so each key is looked up with its suffixes (a batch of 3,000 made 9 million comparisons)."""
    by_key: dict[str, list[Candidate]] = {}
    for c in usable:
        by_key.setdefault(agency_key(c.agency), []).append(c)
    for key, group in by_key.items():
        if not key:
            continue
        for c in group:
            for o in group:
                if o.index != c.index:
                    yield c, o
        for i in range(1, len(key)):
            shorter = by_key.get(key[i:])
            if shorter and same_agency(key, key[i:]):
                for c in group:
                    for o in shorter:
                        yield c, o
                        yield o, c


def pair_batch(candidates: list[Candidate]) -> BatchPairing:
    """Pair every report with the one report of the same agency for the year before, when
    that choice is unique both ways; say for every other report why it was not paired."""
    usable = [c for c in candidates if c.readable and c.agency and isinstance(c.year, int)]
    earlier: dict[int, list[Candidate]] = {}  # index -> reports of the same agency, year before
    later: dict[int, list[Candidate]] = {}  # index -> reports of the same agency, year after
    same_year: dict[int, list[Candidate]] = {}
    older: dict[int, list[Candidate]] = {}
    for c, o in _same_agency_pairs(usable):
        if o.year == c.year - 1:
            earlier.setdefault(c.index, []).append(o)
            later.setdefault(o.index, []).append(c)
        elif o.year == c.year:
            same_year.setdefault(c.index, []).append(o)
        elif o.year < c.year - 1:
            older.setdefault(c.index, []).append(o)
    for found in (earlier, later, same_year, older):  # in batch order, whatever order they were found in
        for cs in found.values():
            cs.sort(key=lambda o: o.index)
    pairs: dict[int, int] = {}
    unpaired: dict[int, dict] = {}

    def names(cs: list[Candidate]) -> str:
        return "、".join(os.path.basename(o.path) for o in cs)

    for c in candidates:
        if not c.readable:
            unpaired[c.index] = _reason("unreadable", "pairing.unreadable")
        elif not c.agency:
            unpaired[c.index] = _reason("agency_unknown", "pairing.agency-unknown")
        elif not isinstance(c.year, int):
            unpaired[c.index] = _reason("year_unknown", "pairing.year-unknown")
        elif c.index in same_year:
            unpaired[c.index] = _reason("ambiguous", "pairing.ambiguous.same-year", year=c.year,
                                        others=names(same_year[c.index]))
        elif len(earlier.get(c.index, [])) > 1:
            unpaired[c.index] = _reason("ambiguous", "pairing.ambiguous.earlier", year=c.year - 1,
                                        others=names(earlier[c.index]))
        elif c.index in earlier:
            prev = earlier[c.index][0]
            rivals = [o for o in later.get(prev.index, []) if o.index != c.index]
            if rivals or prev.index in same_year:
                unpaired[c.index] = _reason("ambiguous", "pairing.ambiguous.rival", file=os.path.basename(prev.path))
            else:
                pairs[c.index] = prev.index
        elif c.index in older:
            nearest = max(older[c.index], key=lambda o: o.year)
            unpaired[c.index] = _reason("no_previous_year", "pairing.no-previous-year.gap", year=c.year - 1,
                                        nearest_year=nearest.year, file=os.path.basename(nearest.path))
        else:
            unpaired[c.index] = _reason("no_previous_year", "pairing.no-previous-year", year=c.year - 1)
    return BatchPairing(pairs=pairs, unpaired=unpaired)


def unpaired_entry(reason: dict) -> dict:
    return {"status": "unpaired", "source": "batch", "reason": reason}


def describe(pairing: dict | None, lang: str = "zh") -> str:
    """One line for the terminal: what a report was compared with, or why nothing."""
    from validator.i18n import t  # noqa: PLC0415

    if not pairing:
        return ""
    reason = pairing.get("reason") or {}
    reason_text = reason.get(lang) or reason.get("zh", "")
    if pairing["status"] == "paired":
        forced = t("pairing.forced", lang) if pairing.get("source") == "forced" else ""
        return t("pairing.paired", lang, previous=pairing["previous"], year=pairing.get("previous_year")) + forced
    if pairing["status"] == "refused":
        return t("pairing.refused", lang, previous=pairing["previous"], reason=reason_text)
    return t("pairing.unpaired", lang, reason=reason_text)
