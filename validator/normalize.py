"""The one place for text normalisation.

Labels in real reports arrive half-width from web copies, split by PDF line breaks, in
traditional characters from mirrors, and with Kangxi radicals from some PDF producers.
Everything that compares text calls `label_key`; everything that reads a figure calls
`parse_number` or `parse_chinese_number`.

Mirrored pages in traditional script, some with pinyin after characters ("規(guī)章"), are read
in their *reading form* (`reading_form`: simplified, glosses removed, with a map back to the
original characters), so recognition sees what a reader sees while findings quote the text as
written. `needs_reading_form` decides once per document whether that is needed, so that a
simplified report never imports OpenCC.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from validator._radicals import RADICALS_SUPPLEMENT
from validator.lazyre import lazy
from validator.limits import MAX_NUMBER_DIGITS

# NFKC maps U+2F00–2FD5 (Kangxi radicals) but not U+2E80–2EFF (CJK Radicals Supplement).
_RADICALS_TABLE = str.maketrans(RADICALS_SUPPLEMENT)

_WS = re.compile(r"\s+")
# Punctuation that differs only by width or by drafting habit inside labels.
_PUNCT_TABLE = str.maketrans({
    "，": "、", ",": "、", "､": "、",  # 、 and ， are used interchangeably inside （六）1–2
    "“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "‘": "'", "’": "'",
    "：": ":", "；": ";", "．": ".", "。": ".",
    "—": "-", "–": "-", "－": "-",
    "（": "(", "）": ")", "【": "[", "】": "]",
})
# "1、" / "1．" / "1 ." item numbering at the start of a label -> "1."
_ITEM_NUMBER = re.compile(r"^(\d{1,2})[、.](?=\D)")


_KANGXI = re.compile("[\u2f00-\u2fd5\uf900-\ufaff]")


# Character tests that regexes would spell as a big class such as [\u4e00-\u9fff]: CPython's re
# compiler walks such a range code point by code point, ~1 ms per regex on every start, so the
# start-up path tests characters with these instead.
def is_ideograph(ch: str) -> bool:
    """One character in the CJK Unified Ideographs block (U+4E00–U+9FFF)."""
    return "\u4e00" <= ch <= "\u9fff"


def is_wide_or_digit(ch: str) -> bool:
    """One character in U+3000–U+9FFF (CJK punctuation, kana, ideographs) or U+FF00–U+FFEF
    (full-width forms), or a decimal digit: what a wrapped line is joined across without a space."""
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or ch.isdecimal()


def fix_characters(text: str) -> str:
    """Repair radicals and compatibility ideographs that PDF producers emit (⼯ -> 工, ⻚ -> 页).

    Only those code points are NFKC-normalised: the document keeps its own punctuation and
    widths, so that typography rules (FMT001) still see "(五)" and messages quote the text
    as written. Comparisons go through `label_key`, which applies full NFKC.
    """
    text = _KANGXI.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return text.translate(_RADICALS_TABLE)


def compact(text: str) -> str:
    """Remove all whitespace (PDF and OCR insert spaces and breaks inside labels)."""
    return _WS.sub("", text)


# Labels and short lines are keyed again and again (every official label for every report): they
# are cached. A longer text — a paragraph, a document's whole text (format detection) — is keyed
# once or twice and never again: cached, it only filled the cache with every report's text (~12 MB
# a worker after a thousand reports; issue 16), so it is computed and not kept.
KEY_CACHE_CHARS = 100
KEY_CACHE_SIZE = 4096


def short_text_cache(maxsize: int):
    """`lru_cache(maxsize)` for a function whose first argument is a text, bypassed for texts over
    KEY_CACHE_CHARS (label_key, reading_key and the label matching of recognize/tables.py). A
    pasted or hostile line of 100,000 characters kept in every slot held gigabytes (a fuzz process
    of mutated reports reached 2.1 GB)."""
    def wrap(fn):
        cached = lru_cache(maxsize=maxsize)(fn)

        def call(text, *args):
            return cached(text, *args) if len(text) <= KEY_CACHE_CHARS else fn(text, *args)
        call.__doc__, call.__name__, call.__wrapped__ = fn.__doc__, fn.__name__, fn
        # named like the function it replaces, so that pickle finds it by name (a recogniser's key
        # function travels with a batch's results)
        call.__qualname__, call.__module__ = fn.__qualname__, fn.__module__
        call.cache_info, call.cache_clear = cached.cache_info, cached.cache_clear
        return call
    return wrap


@short_text_cache(maxsize=KEY_CACHE_SIZE)
def label_key(text: str) -> str:
    """Comparable form of a label: NFKC, no whitespace, unified punctuation and item numbers.

    Traditional characters are *not* converted here (opencc costs an import): a document that
    needs it is compared with `reading_key` instead (see `needs_reading_form`).
    """
    s = compact(unicodedata.normalize("NFKC", fix_characters(text))).translate(_PUNCT_TABLE)
    s = _ITEM_NUMBER.sub(r"\1.", s)
    return s


# label_key of one character (a pure function of it; whitespace keys to nothing), for the code that
# keys a long text character by character to keep each key character's place in the original (a
# flattened page, the prefixes of an inline heading). Bounded by the characters there are.
CHAR_KEYS: dict[str, str] = {}


def char_keys(chars: set[str]) -> dict[str, str]:
    """CHAR_KEYS, holding every character of `chars` (the set of a text's characters: a caller
    that keys a whole page has it already)."""
    keys = CHAR_KEYS
    for ch in chars - keys.keys():
        keys[ch] = "" if ch.isspace() else ch if ch.isdigit() else label_key(ch)
    return keys


@short_text_cache(maxsize=KEY_CACHE_SIZE)
def reading_key(text: str) -> str:
    """`label_key` of the reading form: "規(guī)範性文件" -> "规范性文件". The key function for
    documents where `needs_reading_form` is true; costs OpenCC's import on first use."""
    return label_key(reading_form(text)[0])


_opencc = None


def to_simplified(text: str) -> str:
    """Traditional -> simplified (OpenCC t2s, phrase-aware), loading opencc only when first needed."""
    global _opencc
    if _opencc is None:
        try:
            import opencc  # noqa: PLC0415  (lazy: ~35 ms)

            _opencc = opencc.OpenCC("t2s")
        except Exception:  # noqa: BLE001  # pragma: no cover - opencc missing or broken: leave the text as is
            _opencc = False
    if not _opencc:
        return text
    return _opencc.convert(text)


# Traditional-only forms of the characters of the official part titles, table labels and the
# words every report uses (政府信息公開, 報告, 總體情況, 縣, 鎮 …): a mirrored report always has
# some of them, a simplified one none. Derived with OpenCC s2t; tests/test_normalize.py checks
# that it covers the format files' labels.
COMMON_TRADITIONAL = frozenset(
    "來個們內動務區問單國執報實審將對屬廢強後復應採據數於時會條業構機權決沒況減為無爲獲現產當發確祕"
    "穩範糾納組結統經維網縣總織繳繼續罰與舉華萬處號補規計訊訟訪設許訴詢試認說請議護費資購轉辦這進過"
    "鄉鎮門開關際項題額類體"
)
# A pinyin gloss after a character: "(guī)", "（bào）". Only syllables with a tone mark count,
# so "(a)" or "(PDF)" are never taken for one; the character before must be an ideograph.
_GLOSS = lazy("[(\uff08]([a-z\u00e0-\u00fc\u0101-\u01dc]{1,7})[)\uff09]")
_TONE_MARKS = frozenset("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")


def _is_gloss(text: str, m: re.Match) -> bool:
    return (m.start() > 0 and is_ideograph(text[m.start() - 1])
            and not _TONE_MARKS.isdisjoint(m.group(1)))


def has_glosses(text: str) -> bool:
    """True when the text carries pinyin glosses after characters ("報(bào)告")."""
    return any(_is_gloss(text, m) for m in _GLOSS.finditer(text))


def strip_glosses(text: str) -> str:
    """"規(guī)章" -> "規章": pinyin glosses removed, the script left as it is."""
    return reading_form(text, simplify=False)[0]


def needs_reading_form(text: str) -> bool:
    """Whether a document's text is in traditional script or carries pinyin glosses.

    One cheap test per document (a set lookup per character, a regex for glosses): when it is
    false, recognition compares with `label_key` and OpenCC is never imported.
    """
    return not COMMON_TRADITIONAL.isdisjoint(text) or not _TONE_MARKS.isdisjoint(text) and has_glosses(text)


def reading_form(text: str, simplify: bool = True) -> tuple[str, list[int]]:
    """The text as a reader of simplified Chinese sees it, and where each character came from.

    Pinyin glosses are removed and (with `simplify`) traditional characters converted with
    OpenCC t2s. Returns `(reading, origin)` where `origin[i]` is the index in `text` of
    `reading[i]`, plus one final entry `len(text)`, so that a match in the reading form can be
    quoted and located in the original. OpenCC's conversion keeps the number of characters
    for Chinese text; when it would not, the text is converted character by character.
    """
    kept: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in (() if _TONE_MARKS.isdisjoint(text) else _GLOSS.finditer(text)):
        if not _is_gloss(text, m):
            continue
        kept.append(text[pos:m.start()])
        origin.extend(range(pos, m.start()))
        pos = m.end()
    kept.append(text[pos:])
    origin.extend(range(pos, len(text)))
    origin.append(len(text))
    reading = "".join(kept)
    if simplify:
        converted = to_simplified(reading)
        if len(converted) != len(reading):
            converted = "".join(to_simplified(ch) if len(to_simplified(ch)) == 1 else ch for ch in reading)
        reading = converted
    return reading, origin


# --------------------------------------------------------------------------- numbers

# The measure words real tables put after a figure ("2笔", "984361元", "98.4361万元"), as a regex
# alternation, longest first so 万元 is not read as 万 + 元. Readers use it to see such a cell as one
# figure cell (kept raw: TAB005 names it), never to strip the unit.
FIGURE_UNITS = "万元|亿元|千元|元|笔|件|个|条|项|次|宗|份|篇|家|人"

BLANK_MARKS = {"", "-", "—", "--", "——", "/", "／", "－", "–", "无", "空"}
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_cell(raw: str) -> dict:
    """Typed value of a table cell: int, decimal, blank or invalid (keeping the raw text).

    A figure with more than MAX_NUMBER_DIGITS digits before the point is invalid (TAB005): no
    count in a report is that large, floats would lose it (10^400 is inf) and int() refuses
    4,300 digits."""
    kind, value = _cell_value(raw) if raw is not None and len(raw) <= 32 else _read_cell(raw)
    return {"type": kind, "value": value, "raw": raw}


@lru_cache(maxsize=4096)
def _cell_value(raw: str) -> tuple[str, int | float | None]:
    # cached: a report's cells are a few hundred short strings ("0", "12", "—"), and a batch's
    # reports write the same ones; the dict parse_cell returns is made afresh for every call
    return _read_cell(raw)


def _read_cell(raw: str | None) -> tuple[str, int | float | None]:
    text = unicodedata.normalize("NFKC", fix_characters(raw or "")).strip()
    if compact(text) in BLANK_MARKS:
        return "blank", None
    # inner whitespace is not removed: "1 6" is not 16, it is a cell to look at (TAB005)
    candidate = text.replace("，", ",")
    if _THOUSANDS.match(candidate):
        candidate = candidate.replace(",", "")
    if _NUMBER.match(candidate):
        whole = candidate.lstrip("+-").partition(".")[0].lstrip("0")
        if len(whole) > MAX_NUMBER_DIGITS:
            return "invalid", None
        if "." in candidate:
            # the pattern above admits only digits and one point: float() cannot fail
            return "decimal", float(candidate)
        return "int", int(candidate)
    return "invalid", None


def is_number_shaped(raw: str) -> bool:
    """Written as a number (digits, sign, point, thousands separators), whatever its size: a
    figure cell even when parse_cell finds it too large to be one (then TAB005 reports it)."""
    text = unicodedata.normalize("NFKC", raw or "").strip().replace("，", ",")
    return bool(_NUMBER.match(text) or _THOUSANDS.match(text))


_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3,
              "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
              "九": 9, "玖": 9}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_LARGEST = 10 ** MAX_NUMBER_DIGITS - 1
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS) + "".join(_CN_BIG)


def parse_chinese_number(text: str) -> int | None:
    """'十二' -> 12, '一百九十七' -> 197, '两千零五' -> 2005, '3' -> 3; None if not a number,
    or if larger than any figure a report holds (more than MAX_NUMBER_DIGITS digits).

    Small own converter instead of cn2an (whose import costs ~250 ms).
    """
    text = text.strip()
    if not text:
        return None
    if text.isdecimal():  # not isdigit(): "²" is a digit that int() refuses
        return int(text) if len(text.lstrip("0")) <= MAX_NUMBER_DIGITS else None
    total = 0  # completed 万/亿 sections
    section = 0  # current section below 万
    digit = None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0:
                # "一二" style digit sequences are not a numeral we read
                return None
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            section += (digit if digit is not None else 1) * unit
            digit = None
        elif ch in _CN_BIG:
            big = _CN_BIG[ch]
            section += digit or 0
            total = (total + section) * big if big > 10_000 else total + section * big
            section, digit = 0, None
            if total > _LARGEST:  # "亿亿亿…": stop before the number grows without bound
                return None
        else:
            return None
    value = total + section + (digit or 0)
    return value if value <= _LARGEST else None


CHINESE_ORDINALS = "一二三四五六七八九十"


def ordinal_value(numeral: str) -> int | None:
    """'三' -> 3 for outline numbering; also accepts Arabic digits."""
    return parse_chinese_number(numeral)
