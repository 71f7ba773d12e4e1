"""FMT: typography of outline numbering (fixed by --fix in text formats and Word documents)."""
from __future__ import annotations

import re

from validator.document import Heading, Paragraph, SourceSpan
from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation
from validator.findings import Location

_NUMERALS = "一二三四五六七八九十"
# "(五)" "（五)" "(五）" at the start of a heading or paragraph; "一," "一." "一，" after a top numeral
_PAREN = re.compile(rf"^(?P<lead>\s*(?:#+\s*)?(?:\*\*)?)(?P<tok>[(（]\s*(?P<n>[{_NUMERALS}]+)\s*[)）])")
_TOP = re.compile(rf"^(?P<lead>\s*(?:#+\s*)?(?:\*\*)?)(?P<tok>(?P<n>[{_NUMERALS}]+)\s*[,，.．](?!\d))")


def numbering_fix(line: str) -> tuple[int, str, str] | None:
    """(column, 0-based, of the outline number at the start of `line`, the number as written, as it
    should be) when it is written with half-width punctuation; None otherwise."""
    m = _PAREN.match(line)
    if m:
        tok = m.group("tok")
        good = f"（{m.group('n')}）"
        if tok != good:
            return m.start("tok"), tok, good
        return None
    m = _TOP.match(line)
    if m:
        return m.start("tok"), m.group("tok"), f"{m.group('n')}、"
    return None


@named_check("halfwidth_numbering")
def halfwidth_numbering(ctx: CheckContext):
    out = []
    doc = ctx.doc
    for block in doc.blocks:
        if not isinstance(block, (Heading, Paragraph)):
            continue
        line_no = block.span.line
        # the source line is the block's text only in text formats (an HTML line is markup)
        textual = bool(doc.lines and line_no and doc.format in ("md", "txt"))
        raw = doc.lines[line_no - 1] if textual and line_no else block.text
        found = numbering_fix(raw)
        if not found:
            continue
        col, old, new = found
        fix = None
        if textual:
            fix = {"line": line_no, "col": col + 1, "old": old, "new": new}
        elif doc.format == "docx" and block.span.paragraph and not block.generated:
            # validator/fix_docx.py finds the paragraph's line again by its text
            fix = {"paragraph": block.span.paragraph, "text": block.text, "old": old, "new": new}
        span = SourceSpan(line=line_no, col=col + 1) if line_no else block.span
        out.append(Violation({"found": old, "expected": new, "text": block.text[:30]},
                             Location(span=span, fact="text.numbering"), fix=fix, fingerprint_text=block.text[:40]))
    return out


@named_check("heading_levels")
def heading_levels(ctx: CheckContext):
    parts = [p for p in ctx.facts["parts"] if p["found"] and p.get("level")]
    levels = {p["level"] for p in parts}
    if len(parts) < 2:
        return ctx.na(reasons.not_relevant("带层级的部分标题少于两个，无从比较",
                                           "fewer than two part headings carry a level: nothing to compare"))
    if len(levels) == 1:
        return []
    common = max(levels, key=lambda lv: sum(1 for p in parts if p["level"] == lv))
    out = []
    for p in parts:
        if p["level"] != common:
            out.append(Violation({"heading": p["heading"], "level": p["level"], "common": common},
                                 Location(span=SourceSpan.from_dict(p["location"]), part=p["official"],
                                          fact=f"parts.{p['number']}.level"),
                                 fingerprint_text=p["heading"]))
    return out
