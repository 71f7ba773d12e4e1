"""TPL: which unified format (format-spec §2.1, §3.1, §3.5)."""
from __future__ import annotations

from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation
from validator.findings import Location
from validator.recognize.formats import load_formats


@named_check("template_year")
def template_year(ctx: CheckContext):
    tpl = ctx.facts["template"]
    year = ctx.facts["meta"].get("year")
    if year is None or tpl["detected"] is None or tpl["mixed"]:
        return ctx.na()
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
