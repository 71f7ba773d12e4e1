"""TPL: which unified format (format-spec §2.1, §3.1, §3.5)."""
from __future__ import annotations

from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation
from validator.findings import Location
from validator.recognize.formats import load_formats


@named_check("template_mixed")
def template_mixed(ctx: CheckContext):
    tpl = ctx.facts["template"]
    if not tpl["mixed"]:
        return []
    found = {fid: ms for fid, ms in tpl["markers"].items() if ms}
    formats = load_formats()
    desc = "；".join(f"{formats[fid].basis}：{'、'.join(ms[:4])}" for fid, ms in sorted(found.items()))
    return [Violation({"markers": desc}, Location(fact="template"), fingerprint_text="mixed")]
