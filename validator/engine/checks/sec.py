"""SEC: the six parts (条例第五十条; format-spec §2.3)."""
from __future__ import annotations

import re

from validator.document import SourceSpan
from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation
from validator.findings import Location, Severity
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


@named_check("part_title_variant")
def part_title_variant(ctx: CheckContext):
    out = []
    for p in ctx.facts["parts"]:
        if not p["found"] or p.get("match") == "exact":
            continue
        sev = Severity.info if p["match"] == "variant" else Severity.warning
        kind_zh, kind_en = {
            "variant": ("是常见的变体写法", "is an accepted variant"),
            "fuzzy": ("与统一格式的标题不一致", "only approximately matches the template title"),
            "implied": ("只是小标题：该部分缺少编号标题，仅能据此推定其存在",
                        "is only a sub-heading: the part's numbered heading is missing"),
        }[p["match"]]
        out.append(Violation({"heading": p["heading"], "official": p["official"], "kind_zh": kind_zh, "kind_en": kind_en},
                             part_location(ctx, p), fingerprint_text=p["heading"], severity=sev))
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


# each result in the words reports use for it: 考核 / 考评 / 绩效; 评议, or a third-party 评估 and
# 满意度 survey; 追究 / 问责 / 追责
_ACCOUNTABILITY = [("工作考核", "work assessment", r"考核|考评|绩效"),
                   ("社会评议", "public evaluation", r"评议|评估|测评|满意度"),
                   ("责任追究", "accountability", r"追究|问责|追责")]


@named_check("government_accountability")
def government_accountability(ctx: CheckContext):
    level = ctx.facts["meta"].get("level")
    # 各级人民政府: a township (乡、镇人民政府, 街道办事处) is one too (meta.level_of)
    if level not in ("government", "township"):
        if not level or level == "unknown":
            return ctx.na(reasons.level_unknown(ctx.facts["meta"]))
        return ctx.na(reasons.not_relevant("本报告不是人民政府的年报（只对人民政府要求）",
                                           "not a government's report (required of 人民政府 only)"))
    text = ctx.report.stream.text
    missing = [(zh, en) for zh, en, pattern in _ACCOUNTABILITY if not re.search(pattern, text)]
    if not missing:
        return []
    p1 = ctx.part(1)
    loc = part_location(ctx, p1) if p1 else Location(part=ctx.part_title(1), fact="parts.1")
    return [Violation({"missing_zh": "、".join(z for z, _ in missing), "missing_en": ", ".join(e for _, e in missing),
                       "agency": ctx.facts["meta"].get("agency") or ""}, loc, fingerprint_text="accountability")]


_NOTHING = re.compile(r"^[\s。.、，,:：]*(无|没有|暂无|无内容|略)?[\s。.]*$")
_NOTHING_TO_REPORT = re.compile(r"无其他需要报告|没有其他需要报告|无需要报告|无其他事项|无其他需报告")


@named_check("empty_part")
def empty_part(ctx: CheckContext):
    out = []
    tables_by_part: dict[int, bool] = {}
    for t in ctx.facts["tables"].values():
        tables_by_part[t["part"]] = tables_by_part.get(t["part"], False) or t["found"]
    for p in ctx.facts["parts"]:
        if not p["found"]:
            continue
        body = ctx.part_body(p["number"])
        if tables_by_part.get(p["number"]):
            continue
        if p["number"] == 6 and _NOTHING_TO_REPORT.search(body):
            continue
        if _NOTHING.match(body):
            out.append(Violation({"part": p["official"], "content": body.strip() or "（空）"}, part_location(ctx, p),
                                 fingerprint_text=str(p["number"])))
    return out
