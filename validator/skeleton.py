"""A blank report in the unified format of its year, built from the format files alone.

`build()` turns a FormatSpec (rules/formats/*.yaml) into a list of blocks — title, preface with
the statistical period, the six parts with their official headings and guidance, every
standard table with every official row and column — that the writers (validator/writers/)
render as Markdown or .docx. No heading, row or column label is written in Python: all of them
come from the format file, so a skeleton changes when the format does.

A table is laid out as Word holds the official template: header rows from the columns' label
paths (申请人情况 › 法人或其他组织 › 商业企业), a group label spanning the rows its columns do not
need (行政复议 two rows deep over its five columns), row labels from the rows' parents
(三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密) merged down over their sub-rows, and a
caption row for the tables that have one (第二十条第（一）项). Every figure starts at 0 — or at
last year's figure where the format's `carry_forward` says it carries (xxgk new --from).
"""
from __future__ import annotations

from validator.records import field, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

LEVELS = ("government", "department", "township")
_CHINESE_DIGITS = "零一二三四五六七八九十"


@record
class GridCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@record
class Grid:
    """One table as Word would hold it: cells placed on a rows × cols grid with their spans."""

    table: str  # the format's table id
    rows: int
    cols: int
    cells: list[GridCell]
    label_cols: int = 0  # the leading columns that hold row labels

    def at(self) -> dict[tuple[int, int], GridCell]:
        """(row, col) -> the cell that starts there."""
        return {(c.row, c.col): c for c in self.cells}

    def covering(self) -> dict[tuple[int, int], GridCell]:
        """(row, col) -> the cell whose span covers that position (including its own start)."""
        out = {}
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    out[(r, k)] = c
        return out


@record
class Block:
    kind: str  # title | heading | paragraph | table
    text: str = ""
    level: int = 0  # headings: 1 for a part, 2 for a sub-heading
    grid: Grid | None = None


@record
class Skeleton:
    blocks: list[Block]
    format_id: str
    year: int
    agency: str
    level: str
    carried: list[dict] = field(default_factory=list)  # {"table", "row"|"column", "cells", "label"}
    not_carried: list[dict] = field(default_factory=list)  # carry rules last year's report could not feed
    contact_from_previous: bool = False


# --------------------------------------------------------------------------- tables

def _depth(spec, row) -> int:
    d = 0
    while row.parent:
        row = spec.row(row.parent)
        d += 1
    return d


def _chain(spec, row) -> list:
    out = [row]
    while out[0].parent:
        out.insert(0, spec.row(out[0].parent))
    return out


def _header(spec, first_col: int, depth: int) -> list[GridCell]:
    """Header cells over the value columns: path groups spanning their columns (and the rows
    their columns do not need), leaf labels below them down to the last header row."""
    cells: list[GridCell] = []

    def place(columns: list[tuple[int, Any]], level: int, top: int) -> None:
        i = 0
        while i < len(columns):
            pos, col = columns[i]
            if len(col.path) <= level:  # a leaf at this level: down to the last header row
                cells.append(GridCell(top, first_col + pos, col.label, rowspan=depth - top, header=True))
                i += 1
                continue
            name = col.path[level]
            j = i
            while j < len(columns) and len(columns[j][1].path) > level and columns[j][1].path[level] == name:
                j += 1
            group = columns[i:j]
            below = max(len(c.path) for _, c in group) - level  # group levels + the leaf row under it
            rows = (depth - top) - below
            cells.append(GridCell(top, first_col + pos, name, rowspan=rows, colspan=j - i, header=True))
            place(group, level + 1, top + rows)
            i = j

    place(list(enumerate(spec.columns)), 0, 0)
    return cells


def table_grid(spec, values: dict[tuple[str, str], str]) -> Grid:
    """The grid of a standard table; `values` (row id, column id) -> the figure to write."""
    label_cols = 0 if all(r.headerless for r in spec.rows if r.numeric) else max(_depth(spec, r) for r in spec.rows) + 1
    depth = max((len(c.path) for c in spec.columns), default=0) + 1
    cols = label_cols + len(spec.columns)
    cells: list[GridCell] = []
    top = 0
    if spec.caption:
        cells.append(GridCell(0, 0, spec.caption, colspan=cols, header=True))
        top = 1
    header = _header(spec, label_cols, depth)
    for c in header:
        c.row += top
    cells += header
    if label_cols:
        cells.append(GridCell(top, 0, spec.corner or "", rowspan=depth, colspan=label_cols, header=True))
    r = top + depth
    numeric = [row for row in spec.rows if row.numeric]
    placed: set[str] = set()
    for row in numeric:
        if label_cols:
            chain = _chain(spec, row)
            for level, ancestor in enumerate(chain[:-1]):
                if ancestor.id in placed:
                    continue
                placed.add(ancestor.id)
                span = sum(1 for x in numeric if ancestor in _chain(spec, x)[:-1])
                cells.append(GridCell(r, level, ancestor.label, rowspan=span))
            cells.append(GridCell(r, len(chain) - 1, row.label, colspan=label_cols - len(chain) + 1))
        for k, col in enumerate(spec.columns):
            cells.append(GridCell(r, label_cols + k, values.get((row.id, col.id), "0")))
        r += 1
    return Grid(spec.id, r, cols, cells, label_cols)


# --------------------------------------------------------------------------- carrying last year's figures

def carry_values(fmt, previous_facts: dict | None) -> tuple[dict[str, dict], list[dict], list[dict]]:
    """({table: {(row, column): figure}}, carried, not_carried) per the format's carry_forward."""
    from validator.facts import cell_value  # noqa: PLC0415
    from validator.reporters.common import fmt_number  # noqa: PLC0415

    values: dict[str, dict] = {}
    carried, not_carried = [], []
    if previous_facts is None:
        return values, carried, not_carried
    for rule in fmt.carry_forward:
        spec = fmt.table(rule["table"])
        if spec is None:
            continue
        if "row" in rule:
            targets = [(rule["row"], c.id) for c in spec.columns]
            label = spec.row(rule["row"]).label
        else:
            targets = [(r.id, rule["column"]) for r in spec.rows if r.numeric]
            label = spec.column(rule["column"]).label
        got = 0
        for rid, cid in targets:
            figures = [cell_value(previous_facts, src["table"], src.get("row", rid), src.get("column", cid))
                       for src in rule["from"]]
            if any(f is None for f in figures):
                continue
            values.setdefault(spec.id, {})[(rid, cid)] = fmt_number(sum(figures))
            got += 1
        entry = {"table": spec.id, "table_title": spec.title, "label": label, "cells": got, "of": len(targets)}
        (carried if got else not_carried).append(entry)
    return values, carried, not_carried


def contact_sentences(previous_preface: str, words: list[str], year: int | None) -> str:
    """The sentences of last year's preface that give the contact details (address, telephone,
    where the report can be read), without any that name a year."""
    import re  # noqa: PLC0415

    from validator.readers.textutil import collapse_cjk_spaces  # noqa: PLC0415

    out = []
    for sentence in re.findall(r"[^。]*。", previous_preface):
        # one line, without the spaces PDF text puts between Chinese characters ("邮 编 ：")
        s = collapse_cjk_spaces(" ".join(sentence.split()), aggressive=True).strip()
        if any(w in s for w in words) and not re.search(r"20\d{2}\s*年", s):
            out.append(s)
    return "".join(out)


# --------------------------------------------------------------------------- the document

def office_of(agency: str) -> str:
    """The office that compiles the report: the agency itself when it is an office."""
    return agency if agency.endswith(("办公室", "办公厅")) else f"{agency}办公室"


def build(fmt, year: int, agency: str, level: str, previous_facts: dict | None = None,
          previous_preface: str = "") -> Skeleton:
    """A blank report for `agency` (level: government | department | township) in `fmt`."""
    sk = fmt.skeleton
    if not sk:
        raise ValueError(f"the format {fmt.id} has no skeleton section ({fmt.source})")
    office = office_of(agency)
    contact = ""
    if previous_preface:
        contact = contact_sentences(previous_preface, sk.get("contact_words", []), year)
    from_previous = bool(contact)
    contact = contact or sk["contact"].format(agency=agency, office=office)
    fill = {"agency": agency, "year": year, "office": office, "contact": contact,
            "parts": "、".join(p.title for p in fmt.parts), "part_count": _chinese_count(len(fmt.parts))}
    blocks = [Block("title", sk["title"].format(**fill)), Block("paragraph", sk["preface"].format(**fill))]
    values, carried, not_carried = carry_values(fmt, previous_facts)
    for part in fmt.parts:
        blocks.append(Block("heading", part.heading, level=1))
        for item in part.skeleton:
            if item.get("levels") and level not in item["levels"]:
                continue
            if item.get("heading"):
                blocks.append(Block("heading", item["heading"], level=2))
            if item.get("text"):
                blocks.append(Block("paragraph", item["text"].format(**fill)))
        for spec in fmt.tables:
            if spec.part == part.number:
                blocks.append(Block("table", grid=table_grid(spec, values.get(spec.id, {}))))
    blocks += [Block("paragraph", line.format(**fill)) for line in sk["signature"]]
    return Skeleton(blocks=blocks, format_id=fmt.id, year=year, agency=agency, level=level, carried=carried,
                    not_carried=not_carried, contact_from_previous=from_previous)


def _chinese_count(n: int) -> str:
    return _CHINESE_DIGITS[n] if 0 <= n <= 10 else str(n)
