"""Find the six parts in any heading form: Markdown/docx headings, numbered plain lines, bold
paragraphs, or inside a flattened page where a whole report is one line.

A part heading is a top-rank outline number (一、 … 六、, 第一部分) followed by text that a reader
takes for one of the format's part titles:

- word for word, or an accepted variant (rules/formats: `title`, `variants`);
- the same words joined differently ("行政复议与行政诉讼", "存在的主要问题和改进措施"): a variant;
- nearly the same words, one character slipped ("行政法复议", "收到的处理"): fuzzy, SEC003 warns;
- other words for the same subject, numbered as that part and standing in that part's place
  among the others ("五、存在的主要问题及明年工作计划" between 四 and 六): fuzzy (`topics`).

Table row labels that look like headings ("三、本年度办理结果") are not parts. Recognition reads
the document's reading form (simplified, pinyin glosses removed); headings are quoted as written.
"""
from __future__ import annotations

import re

from validator.document import Heading, Paragraph
from validator.lazyre import lazy
from validator.normalize import char_keys, label_key, ordinal_value
from validator.recognize.formats import FormatSpec, PartSpec
from validator.recognize.reading import Reading

_TOP_RANK = re.compile(
    r"^\s*(?:第)?(?P<numeral>[一二三四五六七八九十]{1,2}|—)(?:部分)?\s*(?P<sep>[、,，.．:：]|\s)\s*(?P<title>.+)$")
# a dash typed for 一 ("—、总体情况": the two look alike): part 一, its heading only approximately official
_DASH_ONE = "—"
# a part heading inside a flattened line
_INLINE_NUMERAL = lazy(r"(?:第)?(?P<numeral>[一二三四五六])(?:部分)?\s*[、,，.．]\s*")
# what a heading inside a line follows: a sentence, a space or the figures of a table
_INLINE_BOUNDARY = frozenset(" \t\n\u3000。！？!?”）)|0123456789")
FUZZY_THRESHOLD = 0.62
# a fuzzy heading inside running text (a long paragraph, a flattened page) must be this close
INLINE_THRESHOLD = 0.85
FLATTENED_MIN_CHARS = 300
_CONNECTORS = ("以及", "与", "和", "及")


def _strip_title(text: str) -> str:
    # drop trailing punctuation and anything after a sentence break ("五、…情况。一是…")
    text = re.split(r"[。：:]", text, maxsplit=1)[0]
    return text.strip(" 　*#")


def heading_key(text: str) -> str:
    """Comparable form of a part title: `label_key`, without a leading year ("2023年政务公开总体
    情况"), with 其它 as 其他 and every connector (与、和、及、以及) as one mark."""
    key = label_key(text).replace("其它", "其他")
    if key[:4].isdigit() and key[4:5] == "年":
        key = key[5:].removeprefix("度")
    key = key.removeprefix("本年度")
    for word in _CONNECTORS:  # plain replaces: a regex of Chinese words costs ~0.5 ms to compile
        key = key.replace(word, "、")
    return key


def _ratio(a: str, b: str) -> float:
    from difflib import SequenceMatcher  # noqa: PLC0415 - only for headings that are not word for word

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _ratio_bound(a: str, b: str) -> float:
    """An upper bound of `_ratio(a, b)` (what difflib's quick_ratio computes, without building a
    matcher): the characters the two share, counted with repeats."""
    common = sum(min(a.count(ch), b.count(ch)) for ch in set(a))
    return 2.0 * common / (len(a) + len(b)) if a or b else 1.0


def _labels(fmt: FormatSpec) -> list[tuple[PartSpec, str, str, str]]:
    """(part, kind, label_key, heading_key) for every part title and variant."""
    return [(part, kind, label_key(label), heading_key(label)) for part in fmt.parts
            for kind, label in [("exact", part.title)] + [("variant", v) for v in part.variants]]


def score_title(candidate: str, fmt: FormatSpec) -> tuple[float, str, object]:
    """Best (score, kind, part) of a heading text against every part title and variant."""
    key = label_key(candidate)
    hkey = heading_key(candidate)
    labels = _labels(fmt)
    for part, kind, lk, _ in labels:
        if key == lk:
            return (1.0, kind, part)
    for part, _, _, hk in labels:
        if hkey == hk:
            return (0.99, "variant", part)  # the same words, joined or numbered differently
    best: tuple[float, str, object] = (0.0, "none", None)
    for part, kind, _lk, hk in labels:
        # headings often carry a short suffix or prefix ("总体情况" + "概述")
        if hkey.startswith(hk) and len(hkey) - len(hk) <= 4:
            score = 0.97
            if score > best[0]:
                best = (score, kind, part)  # the official words with a short addition
            continue
        score = _ratio(hkey, hk)
        if score > best[0]:
            best = (score, "fuzzy", part)
    return best


def _topic_part(title: str, number: int | None, fmt: FormatSpec) -> PartSpec | None:
    """The part numbered `number` when the heading names its subject in other words."""
    if number is None:
        return None
    part = next((p for p in fmt.parts if p.number == number), None)
    if part is None or not part.topics:
        return None
    return part if any(t in title for t in part.topics) else None


def _row_like(numeral: str, title: str, score: float, row_keys: list[str]) -> bool:
    """A numbered table row label taken for a heading ("三、本年度办理结果", "一、本年新收政府信息公开
    申请数量"): as close to a row label with the same numeral as to the part title it resembles."""
    key = heading_key(f"{numeral}、{title}")
    return any(key == rk or _ratio(key, rk) >= score for rk in row_keys if rk.startswith(numeral))


def _part_entry(part: PartSpec, heading: str, numeral: str, kind: str, score: float, block: int, offset: int,
                level, source: str, location: dict) -> dict:
    return {
        "number": part.number, "key": part.key, "official": part.heading, "heading": heading, "numeral": numeral,
        "numeral_value": ordinal_value(numeral) if numeral else None, "match": kind, "score": round(score, 3),
        "block": block, "offset": offset, "level": level, "heading_source": source, "location": location,
    }


def find_parts(reading: Reading, fmt: FormatSpec) -> list[dict]:
    doc = reading.doc
    row_keys = [heading_key(r.label) for t in fmt.tables for r in t.rows if r.label and _TOP_RANK.match(r.label)]
    found: list[dict] = []
    tentative: list[dict] = []  # numbered as part N and naming its subject: kept if in N's place
    for idx, block in enumerate(doc.blocks):
        if not isinstance(block, (Heading, Paragraph)):
            continue
        m = _TOP_RANK.match(block.text.strip().strip("*").strip())
        if not m:
            continue
        title = _strip_title(m.group("title"))
        numeral = m.group("numeral")
        cut_at_space = False
        if len(title) > 40:
            # the heading and its first sentence on one line, parted by a space ("一、总体情况 2022年，本镇…"):
            # the words before the space, if they are a part's title word for word or as a variant (a
            # longer line is a flattened page, whose headings `_inline_parts` finds where they stand)
            if len(block.text) >= FLATTENED_MIN_CHARS:
                continue
            title = title.split(maxsplit=1)[0]
            if score_title(title, fmt)[1] not in ("exact", "variant"):
                continue
            cut_at_space = True
        if not title:
            continue
        number = 1 if numeral == _DASH_ONE else ordinal_value(numeral)
        score, kind, part = score_title(title, fmt)
        if numeral == _DASH_ONE:
            if part is None or part.number != 1 or kind not in ("exact", "variant"):
                continue
            kind, score, numeral = "fuzzy", min(score, 0.9), "一"
        is_heading = isinstance(block, Heading)
        long_paragraph = not is_heading and len(block.text) > 40
        offset = reading.stream.block_offset(idx) or 0
        written = reading.original_text(idx).strip().strip("*").strip()
        if len(written) > 60 or cut_at_space:
            # a heading that runs into its first sentence: quote the heading
            written = written[: len(m.group(0)) - len(m.group("title")) + len(title)]
        entry_args = (written, numeral, idx, offset, block.level if is_heading else None,
                      block.source if is_heading else "paragraph", block.span.to_dict())
        topic = _topic_part(title, number, fmt)
        if kind == "fuzzy" and topic is not None and part is not topic:
            part = None  # the words resemble another part's, but name this numeral's subject: judge by place
        if part is not None and score >= FUZZY_THRESHOLD and (
                kind != "fuzzy" or not long_paragraph or (score >= INLINE_THRESHOLD and part.number == number)):
            if kind == "fuzzy" and _row_like(numeral, title, score, row_keys):
                continue
            found.append(_part_entry(part, kind=kind, score=score, **_named(entry_args)))
            continue
        if topic is None:
            # a part's own phrase under another numeral ("三、存在的主要问题及明年工作计划" as the fifth
            # part): that part, misnumbered, if it stands in its place (SEC002 reports the numeral)
            topic = next((q for q in fmt.parts if any(k in title for k in q.keywords)), None)
        if topic is not None and not long_paragraph and not _row_like(numeral, title, 0.8, row_keys):
            tentative.append(_part_entry(topic, kind="fuzzy", score=score if part is topic else 0.0,
                                         **_named(entry_args)))
    # a fuzzy heading is dropped when the part is already present word for word
    strong = {p["number"] for p in found if p["match"] != "fuzzy"}
    found = [p for p in found if p["match"] != "fuzzy" or p["number"] not in strong]
    found.extend(_inline_parts(reading, fmt, {p["number"] for p in found}, tentative))
    found.extend(_in_place(tentative, found))
    found.sort(key=lambda p: p["offset"])
    found.extend(_implied_parts(reading, fmt, found))
    found.sort(key=lambda p: p["offset"])
    return found


def _named(args: tuple) -> dict:
    written, numeral, idx, offset, level, source, location = args
    return {"heading": written, "numeral": numeral, "block": idx, "offset": offset, "level": level, "source": source,
            "location": location}


def _in_place(tentative: list[dict], found: list[dict]) -> list[dict]:
    """Headings numbered as part N that name its subject in other words, kept when part N is
    not found otherwise and the heading stands after the parts before N and before those after."""
    out = []
    for t in tentative:
        n = t["number"]
        if any(p["number"] == n for p in found + out):
            continue
        before = [p["offset"] for p in found if p["number"] < n]
        after = [p["offset"] for p in found if p["number"] > n]
        if not before and not after:
            continue  # nothing to judge its place by
        if (not before or max(before) < t["offset"]) and (not after or t["offset"] < min(after)):
            out.append(t)
    return out


def _implied_parts(reading: Reading, fmt: FormatSpec, found: list[dict]) -> list[dict]:
    """A part whose numbered heading was lost (PDF-to-text damage, or a drafter who dropped it)
    but whose sub-heading names it ("（一）2024年工作中存在问题的改进情况" between parts 四 and 六)."""
    doc = reading.doc
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
            if len(text) > 40 or "。" in text[:-1] or not _looks_like_subheading(text):
                continue
            if any(k in text for k in part.keywords):
                offset = reading.stream.block_offset(idx) or 0
                out.append(_part_entry(part, reading.original_text(idx).strip(), "", "implied", 0.0, idx, offset,
                                       None, "implied", block.span.to_dict()))
                break
    return out


_SUB_NUMBERING = lazy(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,2}[）)]|\d{1,2}[.、．]|[一二三四五六七八九十]是)")


def _looks_like_subheading(text: str) -> bool:
    """A sub-heading ("（一）上年度存在问题的改进情况", "存在问题及改进措施"), not a sentence of the
    text ("本局全年主动公开政府信息86条，受理申请4件。")."""
    if _SUB_NUMBERING.match(text):
        return True
    return not re.search(r"[，,；;]", text) and not text.endswith(("。", "."))


def _inline_parts(reading: Reading, fmt: FormatSpec, already: set[int], tentative: list[dict]) -> list[dict]:
    """Part headings inside long flattened paragraphs: "…提供了重要保障。一、总体情况2021年，…",
    "…培训。四、政府信息公开行政法复议、行政诉讼情况 行政复议 …". The numeral must be the part's
    own; the words after it are compared, prefix by prefix, with the part's titles. A heading in
    other words that names the part's subject ("…20 四、行政复议和行政诉讼情况 行政复议 …") is
    appended to `tentative`: it counts only where it stands in that part's place among the others."""
    doc, stream = reading.doc, reading.stream
    out: list[dict] = []
    long_blocks = [i for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph) and len(b.text) >= FLATTENED_MIN_CHARS]
    labels = _labels(fmt)
    for idx in long_blocks:
        start = stream.block_offset(idx)
        if start is None:
            continue
        text = stream.text[start: start + len(doc.blocks[idx].text.strip())]
        for m in _INLINE_NUMERAL.finditer(text):
            number = ordinal_value(m.group("numeral"))
            if number in already or any(p["number"] == number for p in out):
                continue
            best = _best_prefix(text[m.end(): m.end() + 60], [lab for lab in labels if lab[0].number == number])
            if best is None:
                if m.start() == 0 or text[m.start() - 1] in _INLINE_BOUNDARY:
                    topic = _inline_topic_heading(text[m.end(): m.end() + _INLINE_TOPIC_MAX], number, fmt)
                    if topic is not None:
                        part, length = topic
                        tentative.append(_inline_entry(reading, part, m, "fuzzy", 0.0, idx, start, length))
                continue
            score, kind, part, length = best
            if score < 1.0 and (out and out[-1]["number"] > number
                                or m.start() > 0 and text[m.start() - 1] not in _INLINE_BOUNDARY):
                continue  # not word for word, and out of order or inside a sentence: not a heading
            out.append(_inline_entry(reading, part, m, kind, score, idx, start, length))
    out.extend(_closing_headings(reading, fmt, already | {p["number"] for p in out}, set(long_blocks)))
    return out


_SENTENCE_END = frozenset("。！？!?")


def _closing_headings(reading: Reading, fmt: FormatSpec, already: set[int], skip: set[int]) -> list[dict]:
    """A part heading that closes a paragraph, word for word after its last sentence ("…请与
    党政办联系（电话：…）。一、总体情况"): the page lost the line break before it."""
    doc, stream = reading.doc, reading.stream
    labels = _labels(fmt)
    out: list[dict] = []
    for idx, block in enumerate(doc.blocks):
        if idx in skip or not isinstance(block, Paragraph):
            continue
        start = stream.block_offset(idx)
        if start is None:
            continue
        text = stream.text[start: start + len(block.text.strip())]
        cut = max(text.rfind(ch) for ch in _SENTENCE_END)
        if cut < 0 or len(text) - cut > 40:
            continue
        m = _INLINE_NUMERAL.match(text, cut + 1)
        if m is None:
            continue
        number = ordinal_value(m.group("numeral"))
        if number in already or any(p["number"] == number for p in out):
            continue
        after = text[m.end():]
        best = _best_prefix(after, [lab for lab in labels if lab[0].number == number])
        if best is not None and best[0] >= 0.99 and best[3] == len(after.rstrip()):
            out.append(_inline_entry(reading, best[2], m, best[1], best[0], idx, start, best[3]))
    return out


def _inline_entry(reading: Reading, part: PartSpec, m: re.Match, kind: str, score: float, idx: int, start: int,
                  length: int) -> dict:
    """The part entry of a heading found inside a line: numeral match `m` in the block at stream
    offset `start`, its title `length` characters long."""
    s, e = start + m.start(), start + m.end() + length
    heading = reading.original_slice(s, e).strip()
    entry = _part_entry(part, heading, m.group("numeral"), kind, score, idx, s, None, "inline",
                        reading.original_stream.span_at(reading.to_original(s)).to_dict())
    entry["length"] = len(reading.stream.text[s:e].rstrip())  # the heading's length in the stream
    return entry


# a heading inside a line ends at a sentence break, a space, a table bar or a figure
_INLINE_TITLE_END = lazy(r"[\s。；;：:|\d]")
_INLINE_TOPIC_MAX = 30


def _inline_topic_heading(after: str, number: int, fmt: FormatSpec) -> tuple[PartSpec, int] | None:
    """(part, title length) when the words after numeral `number` inside a line are a short title
    naming that part's subject ("行政复议和行政诉讼情况"): ended by a space, a bar, a figure or a
    sentence break, or by 情况/事项 when table words run on without one."""
    part = next((p for p in fmt.parts if p.number == number), None)
    if part is None or not part.topics:
        return None
    end = _INLINE_TITLE_END.search(after)
    title = after[: end.start()] if end else after
    for word in ("情况", "事项"):
        cut = title.find(word)
        if cut >= 0:
            title = title[: cut + len(word)]
            break
    if not 2 <= len(title) < _INLINE_TOPIC_MAX or not any(t in title for t in part.topics):
        return None
    return part, len(title)


def _best_prefix(after: str, labels: list[tuple[PartSpec, str, str, str]]) -> tuple[float, str, PartSpec, int] | None:
    """(score, kind, part, length in `after`) of the best part title at the start of `after`."""
    # label_key works character by character (NFKC, no whitespace, unified punctuation; the item
    # number it rewrites keeps its length), so the key of after[:end] is key_len[end] characters
    # long: a prefix can equal a label's key only at that length, and its heading_key (shorter by
    # at most the year, 本年度 and the connectors it folds) can be near a title only in a band of
    # lengths. Only those prefixes are keyed; a title word for word usually ends the search early.
    keys = char_keys(set(after))
    key_len = [0]
    for ch in after:
        key_len.append(key_len[-1] + len(keys[ch]))
    full = label_key(after)
    shrink = (6 if full[:4].isdigit() else 0) + (3 if "本年度" in full else 0) + sum(
        after.count(w) * (len(w) - 1) for w in _CONNECTORS)
    ends = range(1, len(after) + 1)
    # word for word first: the first label that matches so wins, whatever the near ones score
    for part, kind, lk, _hk in labels:
        for end in ends:
            if key_len[end] == len(lk) and label_key(after[:end]) == lk:
                return 1.0, kind, part, end
    heading_keys: dict[int, str] = {}
    best = None
    for part, _kind, _lk, hk in labels:
        for end in ends:
            if key_len[end] < len(hk) - 3:
                continue
            if key_len[end] - shrink > len(hk) + 3:
                break
            hkey = heading_keys.get(end)
            if hkey is None:
                hkey = heading_keys[end] = heading_key(after[:end])
            if abs(len(hkey) - len(hk)) > 3 or _ratio_bound(hkey, hk) < INLINE_THRESHOLD:
                continue
            score = 0.99 if hkey == hk else _ratio(hkey, hk)
            if score >= INLINE_THRESHOLD and (best is None or score > best[0]):
                best = (score, "variant" if score == 0.99 else "fuzzy", part, end)
    return best
