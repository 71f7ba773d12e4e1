"""Line breaking for Chinese terminal text: by display width, with kinsoku (禁则) and hanging indents.

Chinese breaks between any two characters, but not before closing punctuation (no line starts
with 、。，；：）」 …) and not after opening punctuation (no line ends with （「“ …). Latin words,
numbers and option names (`--select`, `SUM003`, `2023-01-31`) are never split unless longer than
a line. Width is counted in terminal cells (a Chinese character is two).

    lines = wrap("建议：……", 80, indent=6)            # every line after the first indented 6 cells
    hanging("依据：", "国办公开办函〔2021〕30号……", 80, 2)  # "  依据：…" / "        …"
"""
from __future__ import annotations

import re

# may not start a line (closing brackets and quotes, pause and stop marks, iteration marks …)
NO_START = set("、。，．,.；;：:？?！!）)」』】〕》〉”’…‥·—～%％ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
# may not end a line (opening brackets and quotes)
NO_END = set("（(「『【〔《〈“‘")
# runs kept together: Latin words, numbers with their separators, option names, paths, ids
_UNIT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.,:/%+\-@#'=~$]*|--?[A-Za-z0-9][A-Za-z0-9_\-]*|\s+|.", re.S)


def cell_width(text: str) -> int:
    from rich.cells import cell_len  # noqa: PLC0415

    return cell_len(text)


def _units(text: str) -> list[str]:
    return _UNIT.findall(text)


def break_offsets(text: str, width: int, first_width: int | None = None) -> list[int]:
    """Character offsets where lines of `text` start (after the first), so that no line is wider than
    `width` cells (`first_width` for the first line) and no break falls where kinsoku forbids one."""
    from rich.cells import cell_len  # noqa: PLC0415

    width = max(width, 4)
    limit = max(first_width if first_width is not None else width, 4)
    offsets: list[int] = []
    line: list[tuple[int, str]] = []  # (offset, unit) on the current line
    used = 0
    pending: list[tuple[int, str]] = []
    pos = 0
    for unit in _units(text):
        pending.append((pos, unit))
        pos += len(unit)
    pending.reverse()
    while pending:
        start, unit = pending.pop()
        if unit == "\n":
            offsets.append(start + 1)
            line, used, limit = [], 0, width
            continue
        w = cell_len(unit)
        if not line and unit.isspace() and offsets:
            continue  # no leading space on a continuation line
        if used + w <= limit:
            line.append((start, unit))
            used += w
            continue
        if w > limit and not unit.isspace() and len(unit) > 1:
            # a unit longer than a whole line (a long path): cut it where the line is full
            room, k = limit - used, 0
            while k < len(unit) and cell_len(unit[:k + 1]) <= room:
                k += 1
            if k == 0 and not line:
                k = 1
            if k:
                pending.append((start + k, unit[k:]))
                pending.append((start, unit[:k]))
                continue
        if not line:  # a single wide character on an empty line
            line.append((start, unit))
            used += w
            continue
        if unit.isspace():  # break at the space; it disappears at the end of the line
            offsets.append(start + len(unit))
            line, used, limit = [], 0, width
            continue
        # break before `unit`, moving units down while kinsoku forbids the break here
        carry: list[tuple[int, str]] = [(start, unit)]
        while len(line) > 1 and (carry[0][1][0] in NO_START or line[-1][1][-1] in NO_END):
            carry.insert(0, line.pop())
        while line and line[-1][1].isspace():
            line.pop()
        offsets.append(carry[0][0])
        line, used, limit = [], 0, width
        pending.extend(reversed(carry))
    return sorted(o for o in set(offsets) if 0 < o < len(text))


def wrap(text: str, width: int, indent: int = 0, first_width: int | None = None) -> list[str]:
    """`text` broken into lines of at most `width` cells; lines after the first are prefixed with
    `indent` spaces (and count them)."""
    cuts = break_offsets(text, width - indent, width if first_width is None else first_width)
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
    pieces = [p.rstrip() if i < len(pieces) - 1 else p for i, p in enumerate(pieces)]
    return [pieces[0]] + [" " * indent + p.lstrip() for p in pieces[1:]] if pieces else [""]


def hanging(label: str, text: str, width: int, indent: int = 0) -> list[str]:
    """`indent` spaces, `label`, then `text` wrapped so that its continuation lines start under its
    first character: a hanging indent ("  依据：……" / "        ……")."""
    head = " " * indent + label
    lead = cell_width(head)
    if lead > width // 2:  # a very long label: continue under the label instead
        lead = indent + 2
    lines = wrap(text, width, indent=lead, first_width=width - cell_width(head))
    return [head + lines[0], *lines[1:]]


def breaking_text(text):
    """A rich Text that wraps by these rules (kinsoku, Latin words kept whole) instead of rich's,
    which cuts a Chinese line anywhere; styles are kept."""
    from rich.containers import Lines  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    class BreakingText(Text):
        def wrap(self, console, width, *, justify=None, overflow=None, tab_size=8, no_wrap=None):
            if no_wrap or self.no_wrap:
                return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size,
                                    no_wrap=True)
            lines = Lines()
            for line in self.split(allow_blank=True):
                for piece in line.divide(break_offsets(line.plain, width)):
                    piece.rstrip()
                    lines.append(piece)
            if justify or self.justify:
                lines.justify(console, width, justify=justify or self.justify, overflow=overflow or "fold")
            return lines

    out = BreakingText(text.plain, style=text.style, justify=text.justify, overflow=text.overflow,
                       no_wrap=text.no_wrap, end=text.end, tab_size=text.tab_size)
    out.spans[:] = list(text.spans)
    return out
