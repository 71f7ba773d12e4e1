"""Text helpers every reader shares: outline numbering, the numbered-heading rule, CJK
whitespace and wrapped-line joining. No third-party imports: the text reader uses it on the
start-up path.
"""
from __future__ import annotations

import re

from validator.lazyre import lazy
from validator.normalize import fix_characters

_CN_NUM = "一二三四五六七八九十百零〇"
# Chinese outline numbering at the start of a line, in full- or half-width form (the text
# has usually been through NFKC already, which turns （一） into (一)).
OUTLINE_NUMBER = re.compile(
    rf"^\s*(?:"
    rf"[{_CN_NUM}]{{1,3}}\s*[、,，.．]"  # 一、  一，  一.
    rf"|[(（]\s*[{_CN_NUM}]{{1,3}}\s*[)）]"  # （一） (一)
    rf"|\d{{1,2}}\s*(?:[、，,]|[.．](?!\d))"  # 1、 1. (not 1.5)
    rf"|[(（]\s*\d{{1,2}}\s*[)）]"  # (1) （1）
    rf"|第[{_CN_NUM}]{{1,3}}(?:部分|章|节)"  # 第一部分
    rf")"
)
HEADING_MAX_CHARS = 40


def starts_with_outline_number(text: str) -> bool:
    return bool(OUTLINE_NUMBER.match(text))


def is_short(text: str, limit: int = HEADING_MAX_CHARS) -> bool:
    return len(re.sub(r"\s+", "", text)) <= limit


def is_numbered_heading(text: str) -> bool:
    """A plain line that reads as a numbered heading: outline numbering, short, and no sentence
    break inside ("（一）主动公开情况。2020年…" is a paragraph with a lead-in). Same rule as the
    text reader's."""
    body = text.strip()
    return starts_with_outline_number(body) and is_short(body) and "。" not in body[:-1]


def _is_cjk(ch: str) -> bool:
    """Ideographs, radicals, CJK punctuation and full-width forms: characters between which
    a space is never meaningful in Chinese text."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x2FDF  # radicals (supplement + Kangxi)
        or 0x3000 <= o <= 0x303F  # CJK symbols and punctuation
        or 0x3400 <= o <= 0x4DBF  # extension A
        or 0x4E00 <= o <= 0x9FFF  # unified ideographs
        or 0xF900 <= o <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= o <= 0xFE4F  # CJK compatibility forms
        or 0xFF00 <= o <= 0xFFEF  # half/full-width forms (，（）：)
        or 0x2018 <= o <= 0x201F  # “ ” ‘ ’
        or o in (0x2014, 0x2026, 0x00B7)  # — … ·
        or 0x20000 <= o <= 0x3FFFF  # extensions B+
    )


_SPACES = lazy(r"[ \t\u00a0\u3000\u2002-\u200b\u202f\u205f\ufeff]+")
_BETWEEN_CJK = lazy(r"(?<=\S)[ \t]+(?=\S)")


def collapse_cjk_spaces(text: str, *, aggressive: bool = False) -> str:
    """Remove whitespace runs that touch Chinese text.

    Default: only between two CJK characters (a source line break inside a sentence).
    ``aggressive`` (PDF): whenever either neighbour is CJK, because PDF extraction turns the
    letter-spacing of justified lines and the Latin/CJK auto-spacing into spaces
    ("号 ， 邮 编 ：", "2023 年").
    """
    if not text:
        return text
    text = _SPACES.sub(" ", text)

    def repl(m: re.Match) -> str:
        s, e = m.start(), m.end()
        a, b = text[s - 1], text[e]
        if aggressive:
            return "" if (_is_cjk(a) or _is_cjk(b)) else m.group(0)
        return "" if (_is_cjk(a) and _is_cjk(b)) else m.group(0)

    return _BETWEEN_CJK.sub(repl, text)


def join_wrapped(parts, sep_cjk: str = "") -> str:
    """Join wrapped lines / cell paragraphs: nothing between them, except one space between
    two Latin letters (an English word wrap)."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            out += " " + part
        else:
            out += sep_cjk + part if out else part
    return out


def clean_text(text: str, *, aggressive: bool = False) -> str:
    """Whitespace → single spaces, CJK spaces removed, radicals repaired, trimmed."""
    return fix_characters(collapse_cjk_spaces(text, aggressive=aggressive)).strip()
