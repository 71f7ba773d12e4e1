"""Find the six parts in any heading form: Markdown/docx headings, numbered plain lines, bold
paragraphs, or inside a flattened page where a whole report is one line.

A part heading is a top-rank outline number (一、 … 六、) followed by text that matches one
of the format's part titles or accepted variants; a fuzzy match is kept (SEC003 warns).
Table row labels that look like headings ("三、本年度办理结果") do not match any title.
"""
from __future__ import annotations

import re

from validator.document import Document, Heading, Paragraph
from validator.normalize import label_key, ordinal_value
from validator.recognize.formats import FormatSpec
from validator.recognize.textstream import TextStream

_TOP_RANK = re.compile(r"^\s*(?:第)?(?P<numeral>[一二三四五六七八九十]{1,2})\s*(?P<sep>[、,，.．:：]|\s)\s*(?P<title>.+)$")
FUZZY_THRESHOLD = 0.62
FLATTENED_MIN_CHARS = 300


def _strip_title(text: str) -> str:
    # drop trailing punctuation and anything after a sentence break ("五、…情况。一是…")
    text = re.split(r"[。：:]", text, maxsplit=1)[0]
    return text.strip(" 　*#")


def score_title(candidate: str, fmt: FormatSpec) -> tuple[float, str, object]:
    """Best (score, kind, part) of a heading text against every part title and variant."""
    key = label_key(candidate)
    labels = [(part, kind, label_key(label)) for part in fmt.parts
              for kind, label in [("exact", part.title)] + [("variant", v) for v in part.variants]]
    for part, kind, lk in labels:
        if key == lk:
            return (1.0, kind, part)
    from difflib import SequenceMatcher  # noqa: PLC0415 - only for headings that are not word for word

    best: tuple[float, str, object] = (0.0, "none", None)
    for part, kind, lk in labels:
        # headings often carry a short suffix or prefix ("总体情况" + "概述")
        if key.startswith(lk) and len(key) - len(lk) <= 4:
            score = 0.97
        else:
            score = SequenceMatcher(None, key, lk).ratio()
        if score > best[0]:
            best = (score, kind if score >= 0.97 else "fuzzy", part)
    return best


def _heading_candidates(doc: Document) -> list[tuple[int, str, str, object]]:
    """(block index, numeral, title text, block) for blocks that open with top-rank numbering."""
    out = []
    for idx, block in enumerate(doc.blocks):
        if not isinstance(block, (Heading, Paragraph)):
            continue
        text = block.text.strip().strip("*").strip()
        m = _TOP_RANK.match(text)
        if not m:
            continue
        title = _strip_title(m.group("title"))
        if not title or len(title) > 40:
            continue
        # a paragraph only counts when it is short (a heading line) or the title is exact
        out.append((idx, m.group("numeral"), title, block))
    return out


def find_parts(doc: Document, stream: TextStream, fmt: FormatSpec) -> list[dict]:
    found: list[dict] = []
    for idx, numeral, title, block in _heading_candidates(doc):
        score, kind, part = score_title(title, fmt)
        if part is None or score < FUZZY_THRESHOLD:
            continue
        is_heading = isinstance(block, Heading)
        if not is_heading and kind == "fuzzy" and len(block.text) > 40:
            continue
        offset = stream.block_offset(idx)
        found.append({
            "number": part.number,
            "key": part.key,
            "official": part.heading,
            "heading": block.text.strip().strip("*").strip(),
            "numeral": numeral,
            "numeral_value": ordinal_value(numeral),
            "match": kind,
            "score": round(score, 3),
            "block": idx,
            "offset": offset if offset is not None else 0,
            "level": block.level if is_heading else None,
            "heading_source": block.source if is_heading else "paragraph",
            "location": block.span.to_dict(),
        })
    # a fuzzy heading is dropped when the part is already present exactly, or when the text is
    # really a table row label ("一、本年新收政府信息公开申请数量" as an OCR heading)
    row_keys = [r.key for t in fmt.tables for r in t.rows if r.label]
    strong = {p["number"] for p in found if p["match"] != "fuzzy"}
    found = [p for p in found if p["match"] != "fuzzy" or (
        p["number"] not in strong and not any(rk and (rk in label_key(p["heading"]) or label_key(p["heading"]) in rk)
                                              for rk in row_keys))]
    found.extend(_inline_parts(doc, stream, fmt, {p["number"] for p in found}))
    found.sort(key=lambda p: p["offset"])
    found.extend(_implied_parts(doc, stream, fmt, found))
    found.sort(key=lambda p: p["offset"])
    return found


def _implied_parts(doc: Document, stream: TextStream, fmt: FormatSpec, found: list[dict]) -> list[dict]:
    """A part whose numbered heading was lost (PDF-to-text damage, or a drafter who dropped it)
    but whose sub-heading names it ("（一）2024年工作中存在问题的改进情况" between parts 四 and 六)."""
    out = []
    have = {p["number"] for p in found}
    blocks_of = {p["number"]: p["block"] for p in found if p["heading_source"] != "inline"}
    for part in fmt.parts:
        if part.number in have or not part.keywords:
            continue
        before = [b for n, b in blocks_of.items() if n < part.number]
        after = [b for n, b in blocks_of.items() if n > part.number]
        if not before or not after:
            continue
        lo, hi = max(before), min(after)
        for idx in range(lo + 1, hi):
            block = doc.blocks[idx]
            if not isinstance(block, (Heading, Paragraph)):
                continue
            text = block.text.strip()
            if len(text) > 40 or "。" in text[:-1]:
                continue
            if any(k in text for k in part.keywords):
                offset = stream.block_offset(idx)
                out.append({
                    "number": part.number, "key": part.key, "official": part.heading, "heading": text,
                    "numeral": "", "numeral_value": None, "match": "implied", "score": 0.0, "block": idx,
                    "offset": offset if offset is not None else 0, "level": None,
                    "heading_source": "implied", "location": block.span.to_dict(),
                })
                break
    return out


def _inline_parts(doc: Document, stream: TextStream, fmt: FormatSpec, already: set[int]) -> list[dict]:
    """Part headings inside long flattened paragraphs: "…提供了重要保障。一、总体情况2021年，…"."""
    out = []
    text = stream.text
    long_blocks = [i for i, b in enumerate(doc.blocks)
                   if isinstance(b, Paragraph) and len(b.text) >= FLATTENED_MIN_CHARS]
    if not long_blocks:
        return out
    for part in fmt.parts:
        if part.number in already:
            continue
        for label in [part.title] + part.variants:
            pattern = re.compile(re.escape(part.numeral) + r"\s*[、,，.．]\s*" + r"\s*".join(map(re.escape, label)))
            hit = None
            for m in pattern.finditer(text):
                block_idx, span = stream.locate(m.start())
                if block_idx in long_blocks:
                    hit = (m, span)
                    break
            if hit:
                m, span = hit
                out.append({
                    "number": part.number, "key": part.key, "official": part.heading,
                    "heading": m.group(0), "numeral": part.numeral, "numeral_value": part.number,
                    "match": "exact" if label == part.title else "variant", "score": 1.0,
                    "block": stream.locate(m.start())[0], "offset": m.start(), "level": None,
                    "heading_source": "inline", "location": span.to_dict(),
                })
                break
    return out
