"""SEC: the six parts (条例第五十条; format-spec §2.3)."""
from __future__ import annotations

from validator.document import SourceSpan
from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation
from validator.findings import Location
from validator.normalize import parse_chinese_number


def part_location(ctx: CheckContext, p: dict) -> Location:
    return Location(span=SourceSpan.from_dict(p.get("location")), part=p.get("official") or ctx.part_title(p["number"]),
                    fact=f"parts.{p['number']}")


@named_check("part_order")
def part_order(ctx: CheckContext):
    """Parts out of order, duplicated, or numbered with the wrong numeral (一、二、五 where 五 is part 三)."""
    out = []
    seq = ctx.facts.get("parts_in_order", [])
    seen: dict[int, dict] = {}
    last = 0
    for p in seq:
        official = ctx.part_title(p["number"])
        loc = Location(span=SourceSpan.from_dict(p["location"]), part=official, fact=f"parts.{p['number']}")
        numeral_value = parse_chinese_number(p["numeral"]) if p.get("numeral") else None
        if p["number"] in seen:
            out.append(Violation({"problem_zh": "重复出现", "problem_en": "appears twice", "heading": p["heading"],
                                  "part": official}, loc, fingerprint_text=f"dup{p['number']}"))
            continue
        seen[p["number"]] = p
        if p["number"] < last:
            out.append(Violation({"problem_zh": "顺序错误（出现在后面部分之后）", "problem_en": "is out of order",
                                  "heading": p["heading"], "part": official}, loc, fingerprint_text=f"order{p['number']}"))
        elif numeral_value is not None and numeral_value != p["number"]:
            out.append(Violation({"problem_zh": f"编号为“{p['numeral']}”，应为“{'一二三四五六'[p['number'] - 1]}”",
                                  "problem_en": f"is numbered {p['numeral']} instead of {'一二三四五六'[p['number'] - 1]}",
                                  "heading": p["heading"], "part": official}, loc, fingerprint_text=f"num{p['number']}"))
        last = max(last, p["number"])
    if not seq:
        return ctx.na(reasons.not_relevant("没有找到任何部分标题", "no part heading was found"))
    return out


@named_check("preface_parts")
def preface_parts(ctx: CheckContext):
    """The preface's list of parts (phrase shape enumeration), item by item, against the format:
    parts it leaves out, items that are not parts (the statistics table, an old template's
    收费 part), and a stated count that is not the format's; for a bare count ("共五个部分")
    only the count."""
    required = len(ctx.report.format.parts)
    present = sum(1 for p in ctx.facts["parts"] if p["found"])
    out = []
    seen = False
    for kind in ctx.phrase_kinds():
        labels = {c["id"]: c["label"] for c in kind.data["classes"]}
        for st, _ in ctx.statements(kind.id):
            seen = True
            items, stated = st.value["items"], st.value["stated"]
            zh, en = [], []
            if stated is not None and stated != required:
                zh.append(f"称共{stated}个部分")
                en.append(f"says {stated} parts")
            missing: list[int] = []
            if items is not None:
                missing = [n for n in range(1, required + 1) if n not in items]
                if stated == required and len(items) != stated:
                    zh.append(f"称共{stated}个部分却列出{len(items)}项")
                    en.append(f"says {stated} parts but lists {len(items)}")
                if missing:
                    zh.append("未列出" + "、".join(f"“{ctx.part_title(n)}”" for n in missing))
                    en.append("leaves out " + ", ".join(ctx.part_title(n) for n in missing))
                for i in items:
                    if not isinstance(i, int) or i > required:
                        zh.append(f"把“{labels[i]['zh']}”列为一个部分")
                        en.append(f"counts {labels[i]['en']} as a part")
            if not zh:
                continue
            quote = st.quote if len(st.quote) <= 80 else st.quote[:80] + "…"
            out.append(Violation({"problem_zh": "；".join(zh), "problem_en": "; ".join(en), "quote": quote,
                                  "stated": stated if stated is not None else "",
                                  "listed": len(items) if items is not None else "", "required": required,
                                  "present": present, "missing": "、".join(ctx.part_title(n) for n in missing)},
                                 ctx.text_location(st.start), fingerprint_text=st.quote[:60]))
    if not seen:
        return ctx.na(reasons.not_relevant("前言没有列出各部分，也没有说共几个部分",
                                           "the preface neither lists the parts nor says how many there are"))
    return out




