"""A Skeleton as Markdown: headings, paragraphs and pipe tables (a merged cell's text in its
top-left position, blanks where Word would merge)."""
from __future__ import annotations


def _table(grid) -> list[str]:
    at = grid.at()
    lines = []
    for r in range(grid.rows):
        row = [at[(r, c)].text if (r, c) in at else "" for c in range(grid.cols)]
        lines.append("| " + " | ".join(t.replace("|", "｜") for t in row) + " |")
        if r == 0:
            lines.append("|" + "---|" * grid.cols)
    return lines


def render(skeleton) -> str:
    out: list[str] = []
    for b in skeleton.blocks:
        if b.kind == "title":
            out.append(f"# {b.text}")
        elif b.kind == "heading":
            out.append("#" * (b.level + 1) + " " + b.text)
        elif b.kind == "table":
            out.append("\n".join(_table(b.grid)))
        else:
            out.append(b.text)
    return "\n\n".join(out) + "\n"
