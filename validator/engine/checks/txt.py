"""TXT: the narrative against itself and against the tables (format-spec §4.5).

Figures in prose are read with Chinese numerals too (十二, 一百九十七). Every pattern is
anchored on the words that name the quantity; a sentence the patterns do not understand
is left alone rather than guessed at.
"""
from __future__ import annotations

import re

from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation
from validator.lazyre import lazy
from validator.normalize import is_ideograph, parse_chinese_number

NUM = r"(?P<n>\d+|[零〇一二两三四五六七八九十百千万]+)"
_GAP = r"[^，。；,;：:\d\n]"

# (key, patterns, what it is compared with)
_STATEMENTS = [
    ("received", [
        rf"(?:收到|受理|接收|新收){_GAP}{{0,16}}?申请{_GAP}{{0,6}}?{NUM}\s*件",
        rf"(?:收到|受理|接收|新收){NUM}\s*件{_GAP}{{0,8}}?申请",
    ]),
    ("concluded", [rf"办结{_GAP}{{0,10}}?{NUM}\s*件"]),
    ("carried_out", [rf"结转(?:至|到)?下(?:一)?年度?(?:继续办理)?{_GAP}{{0,4}}?{NUM}\s*件",
                     rf"{NUM}\s*件(?:申请)?结转(?:至|到)?下(?:一)?年度?"]),
    ("carried_in", [rf"上年度?结转{_GAP}{{0,8}}?{NUM}\s*件"]),
    ("review", [rf"行政复议(?:案件|申请)?{_GAP.replace(']', '、]')}{{0,4}}?{NUM}\s*(?:件|起)"]),
    ("litigation", [rf"行政诉讼(?:案件)?{_GAP.replace(']', '、]')}{{0,4}}?{NUM}\s*(?:件|起)"]),
    ("normative_made", [rf"制发(?:行政)?规范性文件{NUM}\s*件", r"(?P<none>未制发(?:行政)?规范性文件)"]),
]


def _table_values(ctx: CheckContext, key: str) -> tuple[list[int | float], str, tuple]:
    """Acceptable values for a statement, a description, and the cell it points at."""
    v = ctx.value
    if key == "received":
        new, carried = v("t3", "new", "total"), v("t3", "carried_in", "total")
        vals = [x for x in (new, None if new is None or carried is None else new + carried) if x is not None]
        return vals, "一、本年新收政府信息公开申请数量·总计（或加上年结转）", ("t3", "new", "total")
    if key == "concluded":
        x = v("t3", "total", "total")
        return ([x] if x is not None else []), "（七）总计·总计", ("t3", "total", "total")
    if key == "carried_out":
        x = v("t3", "carried_out", "total")
        return ([x] if x is not None else []), "四、结转下年度继续办理·总计", ("t3", "carried_out", "total")
    if key == "carried_in":
        x = v("t3", "carried_in", "total")
        return ([x] if x is not None else []), "二、上年结转政府信息公开申请数量·总计", ("t3", "carried_in", "total")
    if key == "review":
        x = v("t4", "cases", "review.total")
        return ([x] if x is not None else []), "行政复议·总计", ("t4", "cases", "review.total")
    if key == "litigation":
        a, b = v("t4", "cases", "direct.total"), v("t4", "cases", "after_review.total")
        return ([a + b] if a is not None and b is not None else []), "行政诉讼（未经复议直接起诉＋复议后起诉）·总计", \
            ("t4", "cases", "direct.total")
    if key == "normative_made":
        col = "made" if ctx.facts["template"]["used"] == "gov2021" else "new_made"
        x = v("t2_1", "normative_docs", col)
        return ([x] if x is not None else []), "第二十条第（一）项·规范性文件·制发", ("t2_1", "normative_docs", col)
    raise KeyError(key)


def _prose_parts(ctx: CheckContext):
    """(text, offset, part number) for the preface and the prose parts."""
    yield (*ctx.part_text(None), None)
    for n in (1, 5, 6):
        text, off = ctx.part_text(n)
        if text:
            yield text, off, n


@named_check("text_table_mismatch")
def text_table_mismatch(ctx: CheckContext):
    out = []
    for text, offset, part in _prose_parts(ctx):
        for key, patterns in _STATEMENTS:
            accepted, what, cell = _table_values(ctx, key)
            if not accepted:
                continue
            for pattern in patterns:
                for m in re.finditer(pattern, text):
                    if m.groupdict().get("none"):
                        stated = 0
                        quote = m.group(0)
                    else:
                        stated = parse_chinese_number(m.group("n"))
                        quote = m.group(0)
                    if stated is None or stated in accepted:
                        continue
                    before = text[max(0, m.start() - 24): m.start()]
                    clause = re.split(r"[。；;]", before)[-1]
                    if re.search(r"代表|其中|本级|本部门|本机关", clause):
                        continue  # a figure for a sub-unit ("区政府办代表区政府受理…"), not the table's scope
                    loc = ctx.text_location(offset + m.start(), part)
                    related = [ctx.table_location(*cell)]
                    loc.fact = f"text.{key}"
                    out.append(Violation({"quote": quote.strip(), "stated": stated, "table_value": accepted[0],
                                          "cell": what, "difference": stated - accepted[0]},
                                         loc, related, fingerprint_text=quote))
    return out


_ITEMIZED = re.compile(
    r"(?P<total>\d+|[零〇一二两三四五六七八九十百千万]+)\s*(?P<unit>[条件个篇次项])[^。；;\n]{0,6}?其中[：:，,]?(?P<items>[^。；;\n]{4,400})")
_ITEM = re.compile(r"(?P<label>[^，、,；;：:（）()\d]{1,20}?)(?P<n>\d+|[一二两三四五六七八九十百千]+)\s*(?P<unit>[条件个篇次项])(?![\d%])")
_HEDGE = re.compile(r"^(主要|包括|重点|部分|如|比如|例如)|等$")


@named_check("itemized_sum")
def itemized_sum(ctx: CheckContext):
    out = []
    for text, offset, part in _prose_parts(ctx):
        for m in _ITEMIZED.finditer(text):
            total = parse_chinese_number(m.group("total"))
            unit = m.group("unit")
            items_text = re.sub(r"[（(][^）)]*[）)]", "", m.group("items"))
            if _HEDGE.search(items_text.strip()[:4]) or "等" in items_text[-6:]:
                continue
            items = [(i.group("label").strip(), parse_chinese_number(i.group("n"))) for i in _ITEM.finditer(items_text)
                     if i.group("unit") == unit]
            items = [(label, n) for label, n in items if n is not None]
            if len(items) < 2 or total is None:
                continue
            s = sum(n for _, n in items)
            if s == total:
                continue
            listed = " + ".join(f"{label}{n}" for label, n in items)
            out.append(Violation({"total": total, "unit": unit, "sum": s, "difference": s - total, "items": listed,
                                  "quote": m.group(0)[:60]},
                                 ctx.text_location(offset + m.start(), part), fingerprint_text=m.group(0)[:40]))
    return out


_NO_APPLICATIONS = re.compile(
    r"(?:未|没有)(?:收到|受理|发生|接到)[^，。；\d]{0,8}?(?:依申请公开|政府信息公开申请|信息公开申请|申请)"
    r"(?![公被]|引发|引起|导致|而|行政复议|行政诉讼|败诉|纠错)"
    r"|依申请公开(?:申请|事项)?(?:数量)?(?:为)?(?:0|零)件")


@named_check("no_application_contradiction")
def no_application_contradiction(ctx: CheckContext):
    t3 = ctx.facts["tables"].get("t3")
    if not t3 or not t3["found"]:
        return ctx.na(reasons.table_absent(ctx.facts, "t3"))
    figures = [(rid, ctx.value("t3", rid, "total")) for rid in ("new", "carried_in", "total")]
    known = [(rid, x) for rid, x in figures if x is not None]
    if not known:
        # the headline rows are missing: judge on every visible total
        known = [(rid, ctx.value("t3", rid, "total")) for rid, r in t3["rows"].items()
                 if r.get("found") and ctx.value("t3", rid, "total") is not None]
    if not known:
        return ctx.na(ctx.cell_reason("t3", "new", "total"))
    positive = [(rid, x) for rid, x in known if x]
    if not positive:
        return []
    out = []
    for text, offset, part in _prose_parts(ctx):
        for m in _NO_APPLICATIONS.finditer(text):
            rid, x = positive[0]
            out.append(Violation({"quote": m.group(0), "row": t3["rows"][rid]["label"], "value": x},
                                 ctx.text_location(offset + m.start(), part), [ctx.table_location("t3", rid, "total")],
                                 fingerprint_text=m.group(0)))
    return out


_NO_REVIEW = re.compile(
    r"(?:未|没有|无)(?:发生|出现|有)?(?:因政府信息公开(?:工作)?)?(?:被申请|引发|产生)?"
    r"(?P<what>行政复议(?:[、和及或与]?(?:提起)?行政诉讼)?|行政诉讼)(?:案件|情况|事项)?(?P<after>.{0,6})")
_NOT_A_DENIAL = lazy(r"^(纠错|败诉|被纠正|纠正|撤销|确认违法|被撤销)")


@named_check("no_review_contradiction")
def no_review_contradiction(ctx: CheckContext):
    t4 = ctx.facts["tables"].get("t4")
    if not t4 or not t4["found"]:
        return ctx.na(reasons.table_absent(ctx.facts, "t4"))
    review = ctx.value("t4", "cases", "review.total")
    litigation = [ctx.value("t4", "cases", c) for c in ("direct.total", "after_review.total")]
    if review is None and all(x is None for x in litigation):
        return ctx.na(ctx.cell_reason("t4", "cases", "review.total"))
    lit = sum(x for x in litigation if x is not None)
    out = []
    for text, offset, part in _prose_parts(ctx):
        for m in _NO_REVIEW.finditer(text):
            if _NOT_A_DENIAL.match(m.group("after") or ""):
                continue
            what = m.group("what")
            claims_review, claims_lit = "复议" in what, "诉讼" in what
            value = (review or 0) * claims_review + lit * claims_lit
            if value:
                out.append(Violation({"quote": m.group(0)[: len(m.group(0)) - len(m.group("after") or "")],
                                      "review": review if review is not None else "?", "litigation": lit},
                                     ctx.text_location(offset + m.start(), part),
                                     [ctx.table_location("t4", "cases", "review.total")], fingerprint_text=m.group(0)))
    return out


_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z0-9@./])(?:[XxＸｘ×]{2,}(?![A-Za-z0-9@._-])|[XＸ×](?=[件条个项次人年月日万元%])|(?P<times>×+)(?=[^\x00-\x7f]))"
    r"|某某|【\s*】|【[^】]{0,12}(?:填写|填报|待定|待补)[^】]{0,12}】|[（(]\s*此处[^）)]{0,20}[）)]|□{2,}")


def _placeholders(text: str):
    """_PLACEHOLDER matches, where "×" alone counts only before an ideograph ("×局", "×月")."""
    for m in _PLACEHOLDER.finditer(text):
        if m.group("times") is None or is_ideograph(text[m.end():m.end() + 1]):
            yield m


@named_check("placeholder_left")
def placeholder_left(ctx: CheckContext):
    out = []
    text = ctx.report.stream.text
    for m in _placeholders(text):
        shown = m.group(0) if len(m.group(0)) <= 12 else m.group(0)[:12] + "…"
        context = (text[max(0, m.start() - 10): m.start()] + shown + text[m.end(): m.end() + 10]).replace("\n", " ")
        out.append(Violation({"placeholder": shown, "context": context}, ctx.text_location(m.start()),
                             fingerprint_text=context))
    # template leftovers inside table cells as well
    for tid, t in ctx.facts["tables"].items():
        for rid, row in t["rows"].items():
            for cid, c in (row.get("cells") or {}).items():
                if c["type"] == "invalid" and next(_placeholders(c["raw"]), None):
                    out.append(Violation({"placeholder": c["raw"], "context": f"{t['title']}·{row['label']}"},
                                         ctx.table_location(tid, rid, cid), fingerprint_text=f"{tid}.{rid}.{cid}"))
    return out


_FEE = re.compile(r"信息处理费|处理费|收费|收取费用|费用")


@named_check("fee_not_reported")
def fee_not_reported(ctx: CheckContext):
    year = ctx.facts["meta"].get("year")
    if year is None:
        return ctx.na(reasons.fact_unknown("meta.year"))
    if year < 2021:
        return ctx.na(reasons.not_relevant("2021 年以前的报告不要求说明信息处理费", "not required before 2021"))
    if not ctx.part(6):
        return ctx.na(reasons.part_absent(ctx.facts, 6))
    text, _ = ctx.part_text(6)
    if _FEE.search(text):
        return []
    p = ctx.part(6)
    from validator.document import SourceSpan  # noqa: PLC0415
    from validator.findings import Location  # noqa: PLC0415

    return [Violation({"year": year}, Location(span=SourceSpan.from_dict(p["location"]), part=p["official"],
                                               fact="parts.6"), fingerprint_text="fee")]
