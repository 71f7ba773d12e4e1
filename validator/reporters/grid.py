"""A statistical table drawn for a terminal: grouped column headers, at a given width.

The official tables have headers over headers (申请人情况 › 法人或其他组织 › 商业企业; 行政诉讼 ›
复议后起诉 › 结果维持). Here each header level is a row of boxes that span the columns under them;
header words wrap by Chinese line-breaking rules (validator/reporters/wrap.py) so that narrow
figure columns stay narrow, row labels wrap in their own column, figures are right-aligned.
A table too wide for the terminal even with every header wrapped to two characters a line is
cut into column chunks (at a top-level group where possible), each drawn with the row labels.

    lines = draw(columns=[(("行政复议",), "结果维持"), …], rows=[("", ["0", "1", …])], width=80)
"""
from __future__ import annotations

from validator.reporters.wrap import cell_width, wrap

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    Column = tuple[tuple[str, ...], str]  # (the headers above it, outermost first; its own label)
    Row = tuple[str, list[str]]  # (label, one text per column)

MIN_FIGURE_COLUMN = 4  # two Chinese characters of header a line
LABEL_COLUMN_COMFORT = 20  # row labels keep this width while a header can still take another line
LABEL_COLUMN_MIN = 12


def _pad(text: str, width: int, align: str) -> str:
    room = max(0, width - cell_width(text))
    if align == "right":
        return " " * room + text
    if align == "center":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


def _header_widths(label: str, least: int) -> list[int]:
    """The narrowest width for each number of header lines (1, 2, …), widest first, none below `least`."""
    out: list[int] = []
    lines_at: dict[int, int] = {}  # number of lines -> the narrowest width that gives it
    for w in range(max(cell_width(label), least), least - 1, -1):
        lines_at[len(wrap(label, w))] = w
    for count in sorted(lines_at):
        if not out or lines_at[count] < out[-1]:
            out.append(lines_at[count])
    return out


def _layout(columns: list[Column], rows: list[Row], width: int, labelled: bool) -> tuple[int, list[int]] | None:
    """(label column width, figure column widths) that fit `width`, or None. Headers start on one
    line; while the table is too wide, the widest header (and those that read the same) takes one
    more line."""
    n = len(columns)
    borders = 3 * (n + (1 if labelled else 0)) + 1
    least = [max([cell_width(r[1][j]) for r in rows] + [MIN_FIGURE_COLUMN]) for j in range(n)]
    choices = [_header_widths(label, least[j]) for j, (_, label) in enumerate(columns)]
    step = [0] * n
    label_natural = max([cell_width(label) for label, _ in rows] + [0]) if labelled else 0
    comfortable = min(label_natural, LABEL_COLUMN_COMFORT)
    while True:
        widths = [choices[j][step[j]] for j in range(n)]
        rest = width - borders - sum(widths)
        if rest >= (comfortable if labelled else 0):
            return (min(label_natural, rest) if labelled else 0), widths
        can = [j for j in range(n) if step[j] + 1 < len(choices[j])]
        if not can:
            break
        j = max(can, key=lambda j: (widths[j], -step[j]))
        # columns with the same header (结果维持 in each group) keep the same width
        label, at = columns[j][1], step[j]
        for k in can:
            if columns[k][1] == label and step[k] == at:
                step[k] += 1
    if labelled and rest >= min(label_natural, LABEL_COLUMN_MIN):
        return min(label_natural, rest), widths
    return None


def _levels(columns: list[Column]) -> list[list[tuple[int, int, str]]]:
    """Header rows, outermost first: each a list of (first column, last column, text) boxes that
    together cover every column. A column's own label is on the last row; above it, its groups."""
    depth = max(len(path) for path, _ in columns) + 1
    levels = []
    for k in range(depth):
        boxes: list[tuple[int, int, str]] = []
        key: tuple
        for j, (path, label) in enumerate(columns):
            if k < len(path):
                key, text = path[:k + 1], path[k]
            elif k == depth - 1:
                key, text = ("\0", j), label
            else:
                key, text = ("\0", j), ""
            if boxes and k < len(path) and boxes[-1][2] == text and columns[boxes[-1][0]][0][:k + 1] == key:
                boxes[-1] = (boxes[-1][0], j, text)
            else:
                boxes.append((j, j, text))
        levels.append(boxes)
    return levels


def _draw_one(columns: list[Column], rows: list[Row], label_w: int, widths: list[int],
              corner: str, labelled: bool) -> list[str]:
    segments = ([label_w] if labelled else []) + widths
    offset = 1 if labelled else 0  # figure column j is segment j + offset

    def boundaries(boxes: list[tuple[int, int, str]]) -> set[int]:
        """Segment boundaries (i = between segments i-1 and i) where boxes meet."""
        return {first + offset for first, _, _ in boxes if first > 0} | ({1} if labelled else set())

    def rule(left: str, right: str, above: set[int], below: set[int]) -> str:
        out = left
        for i, w in enumerate(segments):
            if i:
                out += ("┼" if i in above and i in below else "┴" if i in above
                        else "┬" if i in below else "─")
            out += "─" * (w + 2)
        return out + right

    def box_width(first: int, last: int) -> int:
        return sum(widths[first:last + 1]) + 3 * (last - first)

    levels = _levels(columns)
    every = set(range(1, len(segments)))
    lines = []
    above: set[int] = set()
    for k, boxes in enumerate(levels):
        below = boundaries(boxes)
        lines.append(rule("┌", "┐", set(), below) if k == 0 else rule("├", "┤", above, below))
        wrapped = [wrap(text, box_width(a, b)) if text else [""] for a, b, text in boxes]
        corner_lines = wrap(corner, label_w) if (labelled and corner and k == len(levels) - 1) else []
        height = max([len(w) for w in wrapped] + [len(corner_lines)])
        for i in range(height):
            cells = [_pad(corner_lines[i] if i < len(corner_lines) else "", label_w, "left")] if labelled else []
            for (a, b, _), w in zip(boxes, wrapped):
                pos = i - (height - len(w))  # bottom-aligned, next to the figures
                cells.append(_pad(w[pos] if 0 <= pos < len(w) else "", box_width(a, b), "center"))
            lines.append("│ " + " │ ".join(cells) + " │")
        above = below
    lines.append(rule("├", "┤", above, every))
    for label, values in rows:
        if labelled:
            lead = len(label) - len(label.lstrip())
            label_lines = wrap(label, label_w, indent=lead + 2)
        else:
            label_lines = [""]
        last = len(label_lines) - 1
        for i, text in enumerate(label_lines):
            cells = [_pad(text, label_w, "left")] if labelled else []
            cells += [_pad(values[j] if i == last else "", widths[j], "right") for j in range(len(columns))]
            lines.append("│ " + " │ ".join(cells) + " │")
    lines.append(rule("└", "┘", every, set()))
    return lines


def _chunks(columns: list[Column], rows: list[Row], width: int, labelled: bool) -> list[list[int]]:
    """Column index lists that each fit `width`, cut at a top-level group where possible."""
    chunks: list[list[int]] = []
    current: list[int] = []
    for j in range(len(columns)):
        trial = current + [j]
        if _layout([columns[i] for i in trial], [(r[0], [r[1][i] for i in trial]) for r in rows], width,
                   labelled) is not None or not current:
            current = trial
            continue
        # cut at the last change of top-level group inside the chunk, if any
        tops = [columns[i][0][:1] for i in current]
        cut = max((k for k in range(1, len(current)) if tops[k] != tops[k - 1]), default=len(current))
        if tops[-1] == columns[j][0][:1] and cut < len(current):
            chunks.append(current[:cut])
            current = current[cut:] + [j]
        else:
            chunks.append(current)
            current = [j]
    if current:
        chunks.append(current)
    return chunks


def draw(columns: list[Column], rows: list[Row], width: int, corner: str = "") -> list[str]:
    """The table as lines no wider than `width` cells (see the module docstring). Rows without a
    label (part 四's single row) get no label column."""
    labelled = any(label.strip() for label, _ in rows) or not rows
    fit = _layout(columns, rows, width, labelled)
    if fit is not None:
        return _draw_one(columns, rows, fit[0], fit[1], corner, labelled)
    out: list[str] = []
    for chunk in _chunks(columns, rows, width, labelled):
        cols = [columns[i] for i in chunk]
        sub = [(label, [values[i] for i in chunk]) for label, values in rows]
        fit = _layout(cols, sub, width, labelled) or (LABEL_COLUMN_MIN if labelled else 0,
                                                      [MIN_FIGURE_COLUMN] * len(cols))
        out.extend(_draw_one(cols, sub, fit[0], fit[1], corner, labelled))
    return out
