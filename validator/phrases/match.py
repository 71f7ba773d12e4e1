"""The phrasebook's matcher: a kind's data + a text -> the statements it makes.

Five shapes (docs/phrasebook.md):

- count        "收到政府信息公开申请330件" -> 330, with the kind's `means` (which table figure it is);
- claim        "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况" -> tags {review, litigation};
               a claim is read from `patterns` or from a `negation` (cue + object), where the
               negation covers only the head of its object: "未收到该申请人提交的补正" denies a
               correction, not applications;
- mention      which of a kind's topics a text names (the overview's five areas, the fee);
- enumeration  the preface's list of parts, item by item, and the count it states;
- breakdown    "215条，其中A 120条、B 95条" -> total and items, ending where the list ends.

Everything that is Chinese wording lives in the YAML; this module knows only the shapes. A
sentence a kind does not understand yields nothing: the checks never guess.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from validator.lazyre import lazy
from validator.limits import MAX_NUMBER_DIGITS
from validator.normalize import parse_chinese_number
from validator.phrases.book import Kind, Phrasebook
from validator.records import field, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, Callable, Iterator


@record
class Statement:
    """What one stretch of text says. Offsets are into the text given to `find`."""

    kind: str
    start: int
    end: int
    quote: str
    value: Any = None  # count: number; enumeration / breakdown: a dict (see the shape's function)
    tags: list[str] = field(default_factory=list)  # claim: what it denies; mention: the topic
    groups: list[str] = field(default_factory=list)  # named groups of the pattern that matched

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"quote": self.quote}
        if self.value is not None:
            out["value"] = self.value
        if self.tags:
            out["tags"] = list(self.tags)
        return out


def _bounds(book: Phrasebook) -> tuple[re.Pattern, re.Pattern]:
    return book.sentence_end, book.clause_end


@lru_cache(maxsize=8)
def _boundaries(bound: re.Pattern, text: str) -> tuple[list[int], list[int]]:
    """(starts, ends) of every boundary in `text`, found once per text (not once per match: a
    text of n sentences and m matches was O(n·m), minutes for a few MB)."""
    starts, ends = [], []
    for m in bound.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


_TAIL = 16  # characters before `pos` read again with the text cut at `pos` (see _start_of)


def _start_of(bound: re.Pattern, text: str, pos: int, floor: int = 0) -> int:
    """Offset just after the last boundary before `pos` (or `floor`).

    The boundaries of the whole text say where the sentence starts; only the last few
    characters are read again with the text ending at `pos`, where a boundary's lookahead
    (`\\.(?!\\d)`) would see past `pos`. Boundaries are a character or two long."""
    starts, ends = _boundaries(bound, text)
    tail = max(floor, pos - _TAIL)
    i = bisect_right(ends, tail) - 1
    start = ends[i] if i >= 0 and starts[i] >= floor else floor
    for m in bound.finditer(text, max(tail, start), pos):
        start = m.end()
    return start


def _end_of(bound: re.Pattern, text: str, pos: int) -> int:
    m = bound.search(text, pos)
    return m.start() if m else len(text)


def number(text: str | None) -> int | float | None:
    """'330' -> 330, '6.5' -> 6.5, '一百九十七' -> 197, '１２' -> 12; None when not a number."""
    if not text:
        return None
    text = text.strip()
    if "." in text:
        try:
            return float(text)
        except ValueError:
            return None
    return parse_chinese_number(text)


def _scoped_out(kind: Kind, text: str, start: int, end: int, sentence: re.Pattern) -> bool:
    """unless_before: searched in the sentence up to the match; unless_after: matched right after it."""
    before = kind.regex("unless_before")
    if before is not None and before.search(text, _start_of(sentence, text, start), start):
        return True
    after = kind.regex("unless_after")
    if after is not None and after.match(text, end, _end_of(sentence, text, end)):
        return True
    not_within = kind.data.get("not_within")
    return bool(not_within) and any(w in text[start:end] for w in not_within)


def _pattern_matches(kind: Kind, text: str, sentence: re.Pattern) -> Iterator[re.Match]:
    """Every pattern's matches, earliest first, no two overlapping, scope rules applied."""
    found: list[re.Match] = []
    for rx in kind.patterns():
        found.extend(rx.finditer(text))
    found.sort(key=lambda m: (m.start(), -m.end()))
    last_end = -1
    for m in found:
        if m.start() < last_end or m.end() == m.start():
            continue
        if _scoped_out(kind, text, m.start(), m.end(), sentence):
            continue
        last_end = m.end()
        yield m


def _matched_groups(m: re.Match) -> list[str]:
    return [name for name, value in m.groupdict().items() if value is not None]


# ---------------------------------------------------------------- count
def find_counts(kind: Kind, text: str, book: Phrasebook) -> list[Statement]:
    """Statements whose value is the number in group `n` (or 0 where group `zero` matched),
    times the unit's scale when `units` is a mapping (元 -> 万元). A kind that reads several
    figures (received, concluded …) names them in its `means` tags; a pattern says which
    figure it reads by a named group of that name, and the statement's tags are those groups."""
    sentence, _ = _bounds(book)
    units = kind.data["units"]
    figures = kind.data.get("tags", [])
    out = []
    for m in _pattern_matches(kind, text, sentence):
        groups = m.groupdict()
        tags = [t for t in figures if groups.get(t) is not None]
        if groups.get("zero") is not None:
            value: int | float | None = 0
        else:
            value = number(groups.get("n"))
        if value is None:
            continue
        if isinstance(units, dict) and groups.get("unit"):
            scale = units[groups["unit"]]
            if scale != 1:
                value = round(value * scale, 6)
        out.append(Statement(kind.id, m.start(), m.end(), m.group(0).strip(), value, tags, _matched_groups(m)))
    return out


# ---------------------------------------------------------------- claim
def _strip_words(text: str, words: list[str], at_end: bool) -> str:
    """Remove listed words from one end of `text` as long as any is there (longest first)."""
    ordered = sorted(words, key=len, reverse=True)
    changed = True
    while changed and text:
        changed = False
        for w in ordered:
            if (text.endswith(w) if at_end else text.startswith(w)):
                text = text[: -len(w)] if at_end else text[len(w):]
                changed = True
                break
    return text


def _covered(text: str, words: list[str]) -> bool:
    """Does `text` consist of the listed words only?"""
    ordered = sorted(words, key=len, reverse=True)
    pos = 0
    while pos < len(text):
        for w in ordered:
            if text.startswith(w, pos):
                pos += len(w)
                break
        else:
            return False
    return True


def _split(text: str, separators: re.Pattern | None) -> list[str]:
    return separators.split(text) if separators is not None else [text]


def read_negation(neg: dict, obj: str, coordinators_rx: re.Pattern | None) -> list[str] | None:
    """The tags an object denies, or None when the object is not (only) a listed head.

    The object runs from the cue to the end of the clause. Trailing fillers (的情况) go; what
    stands before the last 的 is a modifier and must consist of `allow` words; the rest is one
    or more heads joined by coordinators, each optionally preceded by `allow` words.
    """
    allow = neg.get("allow", [])
    coordinators = neg.get("coordinators", [])
    obj = _strip_words(obj.strip(), neg.get("fillers", []), at_end=True)
    index = {h: tag for tag, heads in neg["heads"].items() for h in heads}
    index.update({h: "" for h in neg.get("others", [])})
    whole = _whole_head(obj, index, allow)
    if whole:  # a head that has a 的 of its own ("依申请公开的政府信息")
        return [whole]
    modifier, _, head = obj.rpartition("的")
    if not modifier or _covered(modifier, allow + coordinators):
        tags = _heads(head, index, allow, neg, coordinators_rx)
        if tags is not None:
            return tags or None
    # several objects with modifiers of their own: "针对…的行政复议案、行政诉讼案和有关的申诉案"
    tags = []
    for conjunct in _split(obj, coordinators_rx):
        modifier, _, head = conjunct.rpartition("的")
        if modifier and not _covered(modifier, allow + coordinators):
            return None
        got = _heads(head, index, allow, neg, None)
        if got is None:
            return None
        tags.extend(t for t in got if t not in tags)
    return tags or None


def _whole_head(obj: str, index: dict, allow: list[str]) -> str | None:
    """The tag of the whole object as one head, after any number of allowed words before it."""
    ordered = sorted(allow, key=len, reverse=True)
    while obj:
        if index.get(obj):
            return index[obj]
        word = next((w for w in ordered if obj.startswith(w)), None)
        if word is None:
            return None
        obj = obj[len(word):]
    return None


def _heads(text: str, index: dict, allow: list[str], neg: dict, coordinators_rx: re.Pattern | None) -> list[str] | None:
    """The tags of coordinated heads (each with allowed words before it), or None when one of
    them is not a head; heads listed under `others` are denied too but carry no tag."""
    tags: list[str] = []
    for conjunct in _split(text, coordinators_rx):
        conjunct = _strip_words(conjunct, allow, at_end=False)
        if not conjunct:
            continue
        tag = index.get(conjunct)
        if tag is None:
            tag = index.get(_strip_words(conjunct, neg.get("fillers", []), at_end=True))
        if tag is None:
            return None
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def find_claims(kind: Kind, text: str, book: Phrasebook) -> list[Statement]:
    """Claims from `patterns` (tags: the named groups that are tags, else every tag) and from
    the `negation` (cue + object)."""
    sentence, clause = _bounds(book)
    all_tags = list(kind.data["contradicted_by"])
    out = []
    for m in _pattern_matches(kind, text, sentence):
        tags = [g for g in _matched_groups(m) if g in all_tags] or all_tags
        out.append(Statement(kind.id, m.start(), m.end(), m.group(0).strip(), None, tags, _matched_groups(m)))
    neg = kind.data.get("negation")
    if neg:
        cues = kind.regex("negation.cues")
        coordinators = kind.regex("negation.coordinators")
        taken = [(s.start, s.end) for s in out]
        for m in cues.finditer(text):
            end = _end_of(clause, text, m.end())
            if any(a < end and m.start() < b for a, b in taken):
                continue
            if _scoped_out(kind, text, m.start(), end, sentence):
                continue
            tags = read_negation(neg, text[m.end():end], coordinators)
            if tags:
                out.append(Statement(kind.id, m.start(), end, text[m.start():end].strip(), None, tags, []))
    out.sort(key=lambda s: s.start)
    return out


# ---------------------------------------------------------------- mention
def find_mentions(kind: Kind, text: str, book: Phrasebook) -> list[Statement]:
    """One statement per occurrence of each topic (tags = [topic id]), in text order."""
    out = []
    sentence, _ = _bounds(book)
    for topic_id in kind.data["topics"]:
        rx = kind.regex(f"topics.{topic_id}")
        if rx is None:
            continue
        for m in rx.finditer(text):
            if m.end() > m.start() and not _scoped_out(kind, text, m.start(), m.end(), sentence):
                out.append(Statement(kind.id, m.start(), m.end(), m.group(0), None, [topic_id], _matched_groups(m)))
    out.sort(key=lambda s: s.start)
    return out


# ---------------------------------------------------------------- enumeration
def _classify(kind: Kind, fragment: str) -> Any:
    for cls in kind.data["classes"]:
        rx = kind.regex(f"classes.{cls['id']}")
        if rx is not None and rx.search(fragment):
            return cls["id"]
    return None


def _items(kind: Kind, region: str) -> list[tuple[Any, str]]:
    """(class, text) per listed item: fragments between separators, a fragment of no class
    joined to the next one ("收到" + "处理政府信息公开申请情况"), neighbours of one class merged
    ("政府信息公开行政复议" + "行政诉讼情况")."""
    items: list[list] = []
    pending = ""
    for fragment in _split(_blank_brackets(region), kind.regex("separators")):
        fragment = fragment.strip()
        if not fragment:
            continue
        cls = _classify(kind, fragment)
        if cls is None:
            pending += fragment
            continue
        if items and items[-1][0] == cls:
            items[-1][1] += pending + fragment
        else:
            items.append([cls, pending + fragment])
        pending = ""
    if pending and items:
        items[-1][1] += pending
    return [(c, t) for c, t in items]


def find_enumerations(kind: Kind, text: str, book: Phrasebook) -> list[Statement]:
    """The lists of parts: value = {"stated": int | None, "items": [class …], "texts": [item text …]}.

    A sentence is read when an `intro` occurs; the list is the text between intro and `close`
    (or, when that holds no items, the text after the close: "包括以下六个部分：…"), or up to the
    sentence's end when there is no close. It must hold at least `min_items` items, or
    `min_items_open` when the sentence has neither a close nor a stated count (no open list is
    read when that is not set). A sentence with no such list but a count (`stated_alone`:
    "本报告共分五个部分") gives items None.
    """
    sentence, _ = _bounds(book)
    intro, close, stated_rx = kind.regex("intro"), kind.regex("close"), kind.regex("stated")
    minimum = kind.data.get("min_items", 3)
    out = []
    pos = 0
    while pos < len(text):
        end = _end_of(sentence, text, pos)
        s = text[pos:end]
        start = pos
        pos = end + 1
        m = intro.search(s) if intro else None
        if m is None:
            continue
        c = close.search(s, m.end()) if close else None
        st = stated_rx.search(s) if stated_rx else None
        needed = minimum if c is not None or st is not None else kind.data.get("min_items_open", 0)
        if not needed:
            continue
        regions = [s[m.end(): c.start()], s[c.end():]] if c else [s[m.end():]]
        for region in regions:
            items = _items(kind, region)
            if len(items) >= needed:
                value = {"stated": number(st.group("n")) if st is not None else None,
                         "items": [cls for cls, _ in items], "texts": [t for _, t in items]}
                break
        else:
            alone = kind.regex("stated_alone")
            a = alone.search(s) if alone is not None else None
            if a is None:
                continue
            value = {"stated": number(a.group("n")), "items": None, "texts": None}
        out.append(Statement(kind.id, start + m.start(), start + len(s), s[m.start():].strip(), value))
    return out


# ---------------------------------------------------------------- breakdown
def find_breakdowns(kind: Kind, text: str, book: Phrasebook) -> list[Statement]:
    """"N unit" + intro + items: value = {"total", "unit", "items": [[label, n] …], "sum"}.

    The items are read up to the end of the sentence (。 or a line end; ；is an item separator).
    Between two items only separators and shares may stand (`between`: "，占55.8%；"); other
    text means the list names things it does not count. The list ends at an item of another
    unit or whose label starts a new total (`enders`). Then:

    - when a first run of two or more items adds up to the total, the breakdown is those items
      (what follows is something else: another channel's own count);
    - otherwise a list that names things it does not count is not read, and one with an item
      that is another channel's count (`channels`) is cut before that item;
    - a sum that exceeds the total by exactly one item's figure is read as that item being
      counted within another ("…政务信息393条，解读类信息21条") and not reported as a breakdown;
    - a list with an item that counts a property (`properties`: "实现“全程网办”的有41项") counts
      overlapping parts of the whole and is not read.

    A list marked as examples is not read: `hedges` before the first item (主要, 如 …),
    `trailing_hedges` right after the last one (…等).
    """
    sentence, _ = _bounds(book)
    item_rx = kind.regex("item")
    hedges, trailing = kind.regex("hedges"), kind.regex("trailing_hedges")
    enders, channels, between = kind.regex("enders"), kind.regex("channels"), kind.regex("between")
    properties = kind.regex("properties")
    out = []
    for m in _pattern_matches(kind, text, sentence):
        total = number(m.group("n"))
        unit = m.group("unit")
        if total is None:
            continue
        # the sentence, but no more than a list of items can fill: text without a sentence end for
        # pages on end (a repeated or flattened span) made every total read the rest of the page
        stop = _LIST_END.search(text, m.end(), m.end() + MAX_BREAKDOWN_CHARS)
        items_text = _blank_brackets(text[m.end(): stop.start() if stop else m.end() + MAX_BREAKDOWN_CHARS])
        items: list[list] = []
        ends: list[int] = []
        channel_at: int | None = None
        uncounted = overlapping = False
        previous = 0
        for im in item_rx.finditer(items_text):
            gap = items_text[previous: im.start("label")]
            if not items and hedges is not None and hedges.search(gap + im.group("label")):
                break
            if items and between is not None and not between.fullmatch(gap):
                uncounted = True
                break
            label = im.group("label").strip()
            if im.group("unit") != unit or (enders is not None and enders.search(label)):
                break
            n = number(im.group("n"))
            if n is None:
                break
            if channel_at is None and channels is not None and channels.search(label):
                channel_at = len(items)
            if properties is not None and properties.search(label):
                overlapping = True
            items.append([label, n])
            ends.append(im.end())
            previous = im.end()
            if len(items) > MAX_BREAKDOWN_ITEMS:
                uncounted = True  # no sentence of a report counts this many things: not read
                break
        if len(items) < 2 or (trailing is not None and trailing.match(items_text, ends[-1])):
            continue
        if not uncounted:
            last = _UNITLESS_LAST_ITEM.match(items_text, ends[-1])
            if last is not None and not (enders is not None and enders.search(last.group("label"))):
                # the last item lost its unit ("…161条，不予公开信息数79。"): an item all the same
                items.append([last.group("label").strip(), number(last.group("n"))])
                ends.append(last.end("n"))
        running, complete = 0, None
        for i, (_, n) in enumerate(items):
            running += n
            if i >= 1 and running == total:
                complete = i + 1
                break
        if complete is not None:
            items = items[:complete]
        elif uncounted or overlapping:
            continue
        elif channel_at is not None:
            items = items[:channel_at]
            if len(items) < 2:
                continue
        s = sum(n for _, n in items)
        if s > total and any(n == s - total for _, n in items):
            continue
        quote = text[m.start(): m.end() + ends[len(items) - 1]]
        out.append(Statement(kind.id, m.start(), m.end(), quote.strip(),
                             {"total": total, "unit": unit, "items": items, "sum": s}))
    return out


_LIST_END = re.compile("[。\n]")
# A breakdown is one sentence: "其中A 3条，B 4条…". Its items are read within this many characters
# after the total, and a list of more items than this is no breakdown (a repeated span): not read.
MAX_BREAKDOWN_CHARS = 2000
MAX_BREAKDOWN_ITEMS = 60
# the last item of a list written without its unit, right before the end of the sentence: a label
# (no figure, no comparison such as 同比/较上年/增加) and a bare figure
_UNITLESS_LAST_ITEM = re.compile(
    r"[，,、；;]\s*(?P<label>(?![^，,、；;]*?(?:比|较|增|减|占|约|近|余))[^，,、；;：:（）()\d%。\s]"
    r"[^，,、；;：:（）()\d%。]{0,19}?)\s*(?P<n>\d+)\s*[；;。]?\s*$")
_BRACKETS = re.compile("[（(][^（）()]*[）)]")


def _blank_brackets(text: str) -> str:
    """Parenthesised asides ("（占55.8%）") replaced by spaces, so offsets stay the same."""
    return _BRACKETS.sub(lambda m: " " * len(m.group(0)), text)


SHAPES: dict[str, Callable[[Kind, str, Phrasebook], list[Statement]]] = {
    "count": find_counts, "claim": find_claims, "mention": find_mentions,
    "enumeration": find_enumerations, "breakdown": find_breakdowns,
}


# A run of numerals longer than any figure (MAX_NUMBER_DIGITS digits; 32 Chinese numerals) is not
# a figure: a pattern that starts with a number would try it from every one of its characters,
# each attempt reading to the run's end — O(n²), 90 s for a 40 KB run of 9s.
_RUNAWAY_NUMERALS = lazy(r"\d{%d,}|[零〇一二两三四五六七八九十百千万亿]{33,}" % (MAX_NUMBER_DIGITS + 1))


@lru_cache(maxsize=8)
def _without_runaway_numerals(text: str) -> str:
    """`text` with over-long numeral runs replaced by U+FFFD, one for one (offsets are kept; a
    quote across such a run shows it as unreadable)."""
    if _RUNAWAY_NUMERALS.search(text) is None:
        return text
    return _RUNAWAY_NUMERALS.sub(lambda m: "\ufffd" * len(m.group(0)), text)


def find(book: Phrasebook, kind_id: str, text: str) -> list[Statement]:
    """Every statement of one kind in `text`, in text order."""
    kind = book.kind(kind_id)
    return SHAPES[kind.shape](kind, _without_runaway_numerals(text), book)
