"""Decoding text that is mostly one encoding and partly another, or partly broken.

Files edited in two editors arrive as UTF-8 with a paragraph saved in GBK, or with a few stray
bytes a truncated copy left behind. A person reads such a file fine, so xxgk must too: the
file is decoded in its main encoding, and each line that does not decode is decoded on its
own — in the other common encoding (UTF-8 <-> GB18030) when that is what it is written in,
else with U+FFFD for the bytes that fit neither. What was done is recorded as a note for the
INP008 warning, naming the lines. Only a file that is mostly undecodable is refused (INP001).

A line break is never part of a multi-byte character in UTF-8 or GB18030, so lines decode
independently. All the work is done by the C codecs (no Python error handler per bad byte):
linear in the file, whatever its bytes.

Standard library only: the text reader is on the start-up path.
"""
from __future__ import annotations

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

SHOWN_LINES = 8  # line numbers listed in a note
# a line is read in the other encoding only with this many non-ASCII bytes (two characters):
# one stray byte before an ASCII letter is a valid GB18030 pair, but not Chinese text
MIN_OTHER_BYTES = 4
UNDECODABLE_SHARE = 0.3  # more than this share of the bytes replaced: not a text file we can read
_HIGH = bytes(range(0x80, 0x100))


def invalid_bytes(data: bytes, encoding: str) -> int:
    """How many bytes of `data` do not decode as `encoding` (UTF-8, GB18030: both round-trip)."""
    return len(data) - len(data.decode(encoding, "ignore").encode(encoding))


def non_ascii(data: bytes) -> int:
    return len(data) - len(data.translate(None, _HIGH))


def _other(encoding: str) -> str:
    return "gb18030" if encoding == "utf-8" else "utf-8"


def main_encoding(data: bytes) -> str:
    """"utf-8" when most non-ASCII bytes are valid UTF-8, else "gb18030"."""
    return "utf-8" if invalid_bytes(data, "utf-8") * 2 < non_ascii(data) else "gb18030"


def _line_decode(line: bytes, main: str) -> tuple[str, str, int]:
    """(text, encoding used, bytes replaced) for one line that does not decode as `main`."""
    bad = invalid_bytes(line, main)
    try:
        text = line.decode(_other(main))
    except UnicodeDecodeError:
        text = None
    # GB18030 accepts almost any byte pair: a UTF-8 line with one broken byte also "decodes"
    # as GB18030, into nonsense. Take the other encoding only when the main one fails on most
    # of the line's non-ASCII bytes (as it does on text really written in the other one).
    high = non_ascii(line)
    if text is not None and high >= MIN_OTHER_BYTES and bad * 2 >= high:
        return text, _other(main), 0
    return line.decode(main, "replace"), main, bad


def decode_mixed(data: bytes, main: str) -> tuple[str, dict | None] | None:
    """(text, note) decoding `data` with `main` ("utf-8" or "gb18030") as the file's encoding;
    note is None when nothing had to be repaired. None when most of the file is undecodable."""
    try:
        return data.decode(main), None
    except UnicodeDecodeError:
        pass
    text = data.decode(main, "replace")
    raw_lines = data.split(b"\n")
    pieces: list[str] = []
    replaced = 0
    replaced_lines: list[int] = []
    other_lines: list[int] = []
    done, line_no = 0, 0  # text consumed so far; index of the line it starts
    pos = text.find("\ufffd")
    while pos >= 0:
        start = text.rfind("\n", done, pos) + 1 if pos > done else done
        start = max(start, done)
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line_no += text.count("\n", done, start)
        raw = raw_lines[line_no]
        pieces.append(text[done:start])
        try:
            pieces.append(raw.decode(main))  # a real U+FFFD in the file
        except UnicodeDecodeError:
            line, used, n = _line_decode(raw, main)
            pieces.append(line)
            if n:
                replaced += n
                replaced_lines.append(line_no + 1)
            elif used != main:
                other_lines.append(line_no + 1)
        done = end
        pos = text.find("\ufffd", end)
    pieces.append(text[done:])
    if replaced > UNDECODABLE_SHARE * len(data):
        return None
    return "".join(pieces), decoding_note(main, replaced, replaced_lines, other_lines)


def decoding_note(encoding: str, replaced: int, replaced_lines: list[int], other_lines: list[int]) -> dict[str, Any]:
    """The Document.input_notes entry INP008 reports."""
    note: dict[str, Any] = {"kind": "decoding", "encoding": encoding, "replaced_bytes": replaced,
                            "replaced_lines": replaced_lines[:SHOWN_LINES], "replaced_line_count": len(replaced_lines)}
    if other_lines:
        note.update(other_encoding=_other(encoding), other_lines=other_lines[:SHOWN_LINES],
                    other_line_count=len(other_lines))
    return note


def decode_replacing(data: bytes, encoding: str) -> tuple[str, dict | None]:
    """Decode `data` as `encoding` (UTF-16: no byte-level lines), replacing what does not
    decode; the note names the lines of text that hold replacements."""
    text = data.decode(encoding, "replace")
    lines = [no for no, line in enumerate(text.split("\n"), start=1) if "\ufffd" in line]
    if not lines:
        return text, None
    bom = 2 if data[:2] in (b"\xff\xfe", b"\xfe\xff") else 0
    bad = len(data) - bom - len(data.decode(encoding, "ignore").encode("utf-16-le"))
    return text, decoding_note(encoding, max(bad, 1), lines, [])
