"""TPL: which unified format (format-spec §2.1, §3.1, §3.5)."""
from __future__ import annotations

from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation
from validator.findings import Location
from validator.recognize.formats import load_formats


@named_check("template_year")
def template_year(ctx: CheckContext):
    tpl = ctx.facts["template"]
    year = ctx.facts["meta"].get("year")
    if year is None:
        return ctx.na(reasons.fact_unknown("meta.year"))
    if tpl["detected"] is None:
        return ctx.na(reasons.not_relevant("没有识别出所用的统一格式（没有格式特有的标签）",
                                           "no unified format recognised (none of its own labels were found)"))
    if tpl["mixed"]:
        return ctx.na(reasons.not_relevant("两种格式的标签同时出现（见 TPL002）", "labels of both formats appear (see TPL002)"))
    if tpl["detected"] == tpl["expected_for_year"]:
        return []
    formats = load_formats()
    found, expected = formats[tpl["detected"]], formats[tpl["expected_for_year"]]
    markers = tpl["markers"][tpl["detected"]]
    return [Violation({"year": year, "found_format": found.title, "expected_format": expected.title,
                       "markers": "、".join(markers[:4])}, Location(fact="template"),
                      fingerprint_text=f"{tpl['detected']}:{year}")]


@named_check("template_mixed")
def template_mixed(ctx: CheckContext):
    tpl = ctx.facts["template"]
    if not tpl["mixed"]:
        return []
    found = {fid: ms for fid, ms in tpl["markers"].items() if ms}
    formats = load_formats()
    desc = "；".join(f"{formats[fid].basis}：{'、'.join(ms[:4])}" for fid, ms in sorted(found.items()))
    return [Violation({"markers": desc}, Location(fact="template"), fingerprint_text="mixed")]
