"""Match what the document shows as tables to the standard tables of a format.

The matcher is label-driven, because real tables arrive damaged: header rows missing, blank
cells, labels truncated or spread over several columns, a table split into pieces, PDF text
with labels wrapped over lines and the figures on the next line. So every source (a table
row, a `pdftotext` row, a line of a flattened page) becomes a row item: its label texts and its
trailing figures. Each row item is matched by label to a row of a standard table; the figures
are assigned to columns by header (when the grid is reliable or a header names them) or by
position. When figures are missing or concatenated so that the assignment would be a guess,
the row is kept but marked unreliable.
"""
from __future__ import annotations

import re
from functools import lru_cache

from validator.document import Document, Paragraph, SourceSpan, Table
from validator.lazyre import lazy
from validator.normalize import is_ideograph, is_number_shaped, label_key, parse_cell, to_simplified
from validator.recognize.formats import FormatSpec, TableSpec
from validator.recognize.textstream import TextStream
from validator.records import field, record

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[.、])")
_CAPTION = re.compile(r"第二十条第\(?([一二三四五六七八九十]+)\)?项")
_DIGIT_RUN = lazy(r"^\d+$")
APPROX_THRESHOLD = 0.62
FRAGMENT_MAX_CHARS = 60


@lru_cache(maxsize=4096)
def strip_numbering(key: str) -> str:
    # cached: the same official and candidate labels are compared thousands of times per report
    return _NUMBERING.sub("", key, count=1)


def coverage(cand: str, spec: str) -> float:
    """Share of the official label's characters found, in order, in the candidate."""
    from difflib import SequenceMatcher  # noqa: PLC0415 - lazily: most reports never need a similarity ratio

    blocks = SequenceMatcher(None, spec, cand, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / max(1, len(spec))


def _quick_ratio(a: str, b: str) -> float:
    """difflib's real_quick_ratio and quick_ratio bounds, without building a SequenceMatcher
    (most candidate/official label pairs stop here, and the matcher's set-up is the costly part)."""
    total = len(a) + len(b)
    if 2 * min(len(a), len(b)) < 0.7 * total:
        return 0.0
    counts: dict[str, int] = {}
    for ch in b:
        counts[ch] = counts.get(ch, 0) + 1
    matches = 0
    for ch in a:
        n = counts.get(ch, 0)
        if n > 0:
            counts[ch] = n - 1
            matches += 1
    return 2.0 * matches / total


def match_label(cand: str, spec: str, wrapped: bool = False, cheap: bool = False) -> tuple[float, str]:
    """(score, exact|approximate|none) of a candidate label key against an official label key.

    `wrapped`: the candidate was assembled from PDF/layout lines, where labels wrap and other
    labels (vertical group cells) interleave; then all official characters in order is exact.
    """
    if not cand or not spec:
        return 0.0, "none"
    if wrapped and len(spec) >= 6 and coverage(cand, spec) >= 0.9 and len(cand) <= 2.5 * len(spec):
        return 0.93, "exact"
    if cand == spec:
        return 1.0, "exact"
    cs, ss = strip_numbering(cand), strip_numbering(spec)
    if cs and cs == ss:
        return 0.99, "exact"  # numbering written differently or left out
    if len(spec) >= 4 and spec in cand:
        return 0.96 - min(0.1, (len(cand) - len(spec)) / 400), "exact"  # wrapped fragments around it
    if len(ss) >= 4 and ss in cand and len(cand) - len(ss) <= 40:
        return 0.94 - min(0.1, (len(cand) - len(ss)) / 400), "exact"
    if cs and len(cs) >= 3 and ss.startswith(cs) and len(cs) >= 0.4 * len(ss):
        return 0.80 + 0.1 * len(cs) / len(ss), "approximate"  # truncated: "2.没有现成信息需要另"
    if cheap:
        return 0.0, "none"
    a, b = cs or cand, ss or spec
    if _quick_ratio(a, b) < 0.7:
        return 0.0, "none"  # an upper bound of the ratio is already below the threshold
    from difflib import SequenceMatcher  # noqa: PLC0415

    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    if ratio >= 0.7:
        return ratio * 0.9, "approximate"
    return ratio * 0.5, "none"


@record
class RowMatch:
    table: str
    row: str
    kind: str
    score: float
    found_label: str


@record
class TableResult:
    spec: TableSpec
    rows: dict = field(default_factory=dict)  # row id -> row record
    columns: dict = field(default_factory=dict)  # col id -> {found, label, match}
    header_seen: bool = False
    caption_seen: SourceSpan | None = None
    pieces: list[dict] = field(default_factory=list)
    approximate: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    column_order: list[str] | None = None
    column_grid: dict[int, str] | None = None  # grid col -> column id (reliable grids)
    column_grid_block: int | None = None

    @property
    def found(self) -> bool:
        return bool(self.rows) or self.header_seen or self.caption_seen is not None


_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.、．]\s*")  # "2. 没有现成…": followed by an ideograph


def _is_item_label(text: str) -> bool:
    m = _ITEM_NUMBER.match(text)
    return m is not None and is_ideograph(text[m.end():m.end() + 1])


def _cell_is_value(text: str) -> bool:
    """A figure, a blank mark, or a damaged figure ("3265件", "1 6", "--253", "减4") that
    TAB005 should see as an invalid cell rather than as part of the row label."""
    if parse_cell(text)["type"] != "invalid" or is_number_shaped(text):  # a figure too large is still a figure
        return True
    bare = re.sub(r"\s+", "", text)
    return bool(re.search(r"\d", bare)) and len(bare) <= 10 and not _is_item_label(text)


def _split_row(cells: list[tuple[str, SourceSpan, int | None]]) -> tuple[list, list]:
    """Leading label cells and trailing value cells.

    Labels are the non-empty text cells before the first figure; everything from there on
    is a value, so a word among the figures ("abc", "见附件") is an invalid cell that TAB005
    reports, not part of the label. Empty cells between labels and figures stay with the
    values (the caller trims them when there are more values than columns).
    """
    first_value = next((i for i, (text, _, _) in enumerate(cells) if text and _cell_is_value(text)), len(cells))
    last_label = max((i for i, (text, _, _) in enumerate(cells[:first_value]) if text), default=-1)
    labels = [(t, s) for t, s, _ in cells[: last_label + 1] if t]
    values = list(cells[last_label + 1:])
    return labels, values


class Matcher:
    def __init__(self, fmt: FormatSpec, doc: Document, stream: TextStream, part_blocks: dict[int, int]):
        self.fmt = fmt
        self.doc = doc
        self.stream = stream
        self.part_blocks = part_blocks  # block index -> part number for part headings
        self.results = {t.id: TableResult(spec=t) for t in fmt.tables}
        self.unassigned: list[dict] = []
        self._row_index = [
            (t, r, r.key) for t in fmt.tables for r in t.rows if r.label
        ]
        self._col_index = [(t, c, c.key) for t in fmt.tables for c in t.columns]
        self._caption_index = {label_key(t.caption): t for t in fmt.tables if t.caption}
        self.current_table: TableSpec | None = None
        self.current_group: str | None = None  # part 四 group named by a heading (008)

    # ------------------------------------------------------------------ label matching
    def best_row(self, candidates: list[str], numeric_only: bool = True, wrapped: bool = False) -> RowMatch | None:
        # an exact match found by the cheap tests (equality, numbering, containment) settles
        # it; the costly similarity ratios run only when none is found
        quick = self._best_row(candidates, numeric_only, wrapped, cheap=True)
        if quick is not None and quick.kind == "exact":
            return quick
        return self._best_row(candidates, numeric_only, wrapped, cheap=False)

    def _best_row(self, candidates: list[str], numeric_only: bool, wrapped: bool, cheap: bool) -> RowMatch | None:
        best: RowMatch | None = None
        second = 0.0
        for cand in candidates:
            key = label_key(cand)
            if not key:
                continue
            for use_simplified in (False, True):
                if use_simplified:
                    simple = label_key(to_simplified(cand))
                    if simple == key:
                        break
                    key = simple
                for table, row, rkey in self._row_index:
                    if numeric_only and not row.numeric:
                        continue
                    score, kind = match_label(key, rkey, wrapped and not cheap, cheap)
                    if kind == "none":
                        continue
                    # prefer the table we are in when labels repeat across tables
                    if self.current_table is not None and table.id == self.current_table.id:
                        score += 0.005
                    if best is None or score > best.score:
                        if best is not None and (best.table, best.row) != (table.id, row.id):
                            second = max(second, best.score)
                        best = RowMatch(table.id, row.id, kind, score, cand)
                    elif (best.table, best.row) != (table.id, row.id):
                        second = max(second, score)
                if best is not None and best.score >= 0.9:
                    break
        if best is None or best.score < APPROX_THRESHOLD:
            return None
        if best.kind == "approximate" and best.score - second < 0.02:
            return None  # two official rows fit equally well: do not guess
        return best

    def columns_in(self, texts: list[str]) -> list[tuple[TableSpec, str, str, str]]:
        """Column labels present in header texts: (table, column id, found text, kind)."""
        out = []
        for text in texts:
            key = label_key(text)
            if key.startswith("信息内容") and len(key) > 4:
                key = key[4:]  # "信息内容本年处理决定数量": the corner label run into the header
            if not key:
                continue
            exact = [(t, c, k) for t, c, k in self._col_index if k == key]
            # the cheap tests first: an exact match (>= 0.94) outscores any similarity ratio
            # (<= 0.9), so the costly ratios run only when they find none
            scored = self._score_columns(key, exact or self._col_index, cheap=True)
            if not scored or max(s[0] for s in scored) < 0.9:
                scored = self._score_columns(key, exact or self._col_index, cheap=False)
            if not scored:
                continue
            top = max(s[0] for s in scored)
            if top < 0.75:
                continue
            # identical labels in several tables (2019 上一年项目数量): keep every tie
            out.extend((t, c, text, k) for sc, t, c, k in scored if sc >= top - 1e-9)
        return out

    @staticmethod
    def _score_columns(key: str, index, cheap: bool) -> list[tuple[float, TableSpec, str, str]]:
        scored = []
        for table, col, ckey in index:
            score, kind = match_label(key, ckey, cheap=cheap)
            if kind == "exact" and key != ckey and len(key) > len(ckey) + 2:
                continue  # a longer text merely containing 总计 is not the header 总计
            if kind != "none":
                scored.append((score, table, col.id, kind))
        return scored

    # ------------------------------------------------------------------ the walk
    def run(self) -> None:
        pending: list[tuple[str, SourceSpan]] = []
        for idx, block in enumerate(self.doc.blocks):
            if idx in self.part_blocks:
                pending = []
                self.current_group = None
                self.current_table = None
                continue
            if isinstance(block, Table):
                for r, row in enumerate(block.rows):
                    cells = [(c.text, c.span, c.col if block.grid_reliable else None) for c in row]
                    consumed = self._handle_row(cells, row[0].span if row else block.span, idx, block.source,
                                                block.grid_reliable, pending)
                    pending = [] if consumed else pending
                continue
            text = block.text.strip()
            if not text:
                continue
            if isinstance(block, Paragraph) and len(text) > 300:
                self._flattened(idx, block)
                pending = []
                continue
            cap = _CAPTION.search(label_key(text))
            if cap and len(label_key(text)) <= 16:
                self._caption(text, block.span)
                pending = []
                continue
            if len(text) <= FRAGMENT_MAX_CHARS and not text.endswith("。"):
                if self._continues_last_label(text):
                    continue
                cols = self.columns_in(re.split(r"\s{2,}|\t| \| ", text))
                if len(cols) >= 2 or (cols and self.current_table is not None and len(cols) == len(self.current_table.columns)):
                    self._header_texts = re.split(r"\s{2,}|\t| \| ", text)
                    self._header_source = "paragraph"
                    self._header(cols, block.span)
                    continue
                self._group_context(text)
                pending.append((text, block.span))
                pending = pending[-6:]
            else:
                pending = []

    _last: tuple | None = None  # (table id, row id, found label) of the last row assigned from layout text

    def _continues_last_label(self, text: str) -> bool:
        """A wrapped label continued after its figures ("…其政府信" / 67 3 … / "息公开申请")."""
        if not self._last:
            return False
        tid, rid, found = self._last
        result = self.results[tid]
        record = result.rows.get(rid)
        if not record or record.get("match") != "approximate":
            return False
        official = result.spec.row(rid).key
        score, kind = match_label(label_key(found + text), official, wrapped=True)
        if kind != "exact":
            return False
        record.update(match="exact", found_label=found + text, score=round(score, 3))
        result.approximate = [a for a in result.approximate if not (a["kind"] == "row" and a["id"] == rid)]
        self._last = None
        return True

    def _group_context(self, text: str) -> None:
        t4 = self.fmt.table("t4")
        if not t4:
            return
        key = label_key(text)
        for gid, group in t4.column_groups.items():
            glabel = label_key(group["label"])
            if key == glabel or (len(key) <= 16 and key in glabel and len(key) >= 4):
                self.current_group = gid
                self.current_table = t4

    def _caption(self, text: str, span: SourceSpan) -> None:
        m = _CAPTION.search(label_key(text))
        for ckey, table in self._caption_index.items():
            if m and f"第二十条第({m.group(1)})项" == ckey:
                result = self.results[table.id]
                result.caption_seen = span
                result.pieces.append({"kind": "caption", "location": span.to_dict()})
                self.current_table = table
                return

    _header_source = "table"
    _header_texts: list[str] = []

    def _header(self, cols, span: SourceSpan) -> None:
        by_table: dict[str, list] = {}
        for table, col_id, text, kind in cols:
            by_table.setdefault(table.id, []).append((col_id, text, kind))
        # a header belongs to the table whose labels it names most: distinct column labels
        # plus that table's spanning labels (法人或其他组织 marks part 三, 未经复议直接起诉 part 四)
        def weight(t: str) -> tuple:
            spec = self.results[t].spec
            spanning = sum(1 for text in self._header_texts if label_key(text) in
                           {label_key(x) for x in spec.spanning_labels})
            distinct = len({text for _, text, _ in by_table[t]})
            return (distinct + spanning, self.current_table is not None and t == self.current_table.id)

        tid = max(by_table, key=weight)
        result = self.results[tid]
        result.header_seen = True
        result.pieces.append({"kind": "header", "location": span.to_dict()})
        self.current_table = result.spec
        seen = []
        texts_seen = [text for _, text, _ in by_table[tid]]
        ambiguous = len(set(texts_seen)) != len(texts_seen)  # part 四 repeats 结果维持… per group
        for col_id, text, kind in by_table[tid]:
            col = result.spec.column(col_id)
            entry = result.columns.setdefault(col_id, {"label": col.label, "found": text, "match": kind,
                                                       "location": span.to_dict()})
            wrapped_header = self._header_source in ("layout", "pdf", "paragraph") and \
                label_key(col.label).startswith(label_key(text))
            if kind == "approximate" and entry["match"] == "approximate" and not wrapped_header:
                result.approximate.append({"kind": "column", "id": col_id, "official": col.label,
                                           "found": text, "location": span.to_dict()})
            seen.append(col_id)
        if not ambiguous and len(seen) == len(result.spec.columns) and len(set(seen)) == len(seen):
            result.column_order = seen

    def _handle_row(self, cells, span, block_idx, source, grid, pending) -> bool:
        """Place one row; True when it consumed the pending label fragments."""
        labels, values = _split_row(cells)
        texts = [t for t, _ in labels]
        # a caption row ("第二十条第（六）项" alone in a pasted table)
        if texts and not any(v[0] for v in values):
            joined = "".join(texts)
            if _CAPTION.search(label_key(joined)) and len(label_key(joined)) <= 20:
                self._caption(joined, span)
                return True
            cols = self.columns_in(texts)
            if cols:
                self._header_texts = texts
                self._header_source = source
                self._header(cols, span)
                if grid:
                    self._grid_columns(cols, cells, block_idx)
                return True
            # label-only row (a group label like 三、本年度办理结果, or a wrapped fragment)
            for t, s in labels:
                self._group_context(t)
            pending.extend(labels)
            return False
        if not values or not any(v[0] for v in values):
            return False
        candidates: list[str] = []
        if texts:
            candidates.append(texts[-1])
            if len(texts) > 1:
                candidates.append("".join(texts))
            if pending:
                candidates.append("".join(t for t, _ in pending[-3:]) + texts[-1])
        elif pending:
            for k in (1, 2, 3, 4):
                if len(pending) >= k:
                    candidates.append("".join(t for t, _ in pending[-k:]))
        wrapped = source in ("layout", "pdf")
        match = self.best_row(candidates, wrapped=wrapped) if candidates else None
        if match is None and candidates:
            # figures on a group row: a subtotal the report added (（三）不予公开 …) or a
            # 2019-style single （六）其他处理 row in a 2021 table
            group = self.best_row(candidates, numeric_only=False, wrapped=wrapped)
            if group is not None and group.kind == "exact":
                match = group
        n_values = len(values)
        if match is None and not texts:
            t4 = self.fmt.table("t4")
            if t4 and n_values == len(t4.columns):
                match = RowMatch("t4", "cases", "exact", 1.0, "")
            elif t4 and self.current_group and n_values == len(t4.column_groups[self.current_group]["columns"]) + 1:
                self._assign_t4_group(values, span, block_idx)
                return True
        if match is None:
            self.unassigned.append({"labels": texts or [t for t, _ in pending], "values": [v[0] for v in values],
                                    "location": span.to_dict()})
            return False
        self._assign(match, labels or pending[-3:], values, span, block_idx, source, grid)
        return True

    def _grid_columns(self, cols, cells, block_idx: int) -> None:
        """For reliable grids, remember which grid column carries which column id (in this
        table block only: another block's grid says nothing about this one)."""
        by_text = {}
        for table, col_id, text, kind in cols:
            by_text.setdefault(text, []).append((table, col_id))
        result = self.results[cols[0][0].id]
        if result.column_grid is None or result.column_grid_block != block_idx:
            result.column_grid = {}
            result.column_grid_block = block_idx
        for text, _, gcol in cells:
            if gcol is not None and text in by_text:
                for table, col_id in by_text[text]:
                    if table.id == result.spec.id and col_id not in result.column_grid.values():
                        result.column_grid[gcol] = col_id
                        break

    def _assign_t4_group(self, values, span, block_idx) -> None:
        t4 = self.fmt.table("t4")
        group = t4.column_groups[self.current_group]
        col_ids = group["columns"] + [group["total"]]
        result = self.results["t4"]
        row = result.rows.setdefault("cases", {"label": "", "found_label": "", "match": "exact",
                                               "location": span.to_dict(), "reliable": True, "cells": {}})
        for col_id, (raw, vspan, _) in zip(col_ids, values):
            row["cells"][col_id] = {**parse_cell(raw), "location": vspan.to_dict()}
        result.pieces.append({"kind": "rows", "location": span.to_dict(), "group": self.current_group})

    def _assign(self, match: RowMatch, labels, values, span, block_idx, source, grid) -> None:
        result = self.results[match.table]
        spec = result.spec
        row_spec = spec.row(match.row)
        self.current_table = spec
        ncols = len(spec.columns)
        reliable = True
        reason = None
        mapped: dict[str, tuple[str, SourceSpan]] = {}
        vals = list(values)
        if grid and result.column_grid and result.column_grid_block == block_idx and \
                all(v[2] is not None for v in vals):
            for raw, vspan, gcol in vals:
                col_id = result.column_grid.get(gcol)
                if col_id:
                    mapped[col_id] = (raw, vspan)
            if len(mapped) < ncols and len(vals) == ncols:
                mapped = {}
        if not mapped:
            while len(vals) > ncols and vals and not vals[0][0]:
                vals.pop(0)  # empty label-column padding from Word pastes
            while len(vals) > ncols and vals and not vals[-1][0]:
                vals.pop()
            order = result.column_order or [c.id for c in spec.columns]
            if len(vals) == 1 and ncols > 1 and _DIGIT_RUN.match(vals[0][0] or "") and source == "flattened":
                run = vals[0][0]
                if len(run) == ncols:
                    vals = [(ch, vals[0][1], None) for ch in run]
                    reason = "concatenated digits split one per cell (one digit per column)"
                else:
                    reliable = False
                    reason = f"cells concatenated without separators ('{run}'): {ncols} cells cannot be separated safely"
            elif len(vals) != ncols:
                reliable = False
                reason = f"{len(vals)} figures for {ncols} columns: cells were dropped or merged, columns cannot be assigned safely"
            if reliable:
                mapped = {col_id: (raw, vspan) for col_id, (raw, vspan, _) in zip(order, vals)}
        if match.row in result.rows and result.rows[match.row].get("reliable", True):
            prev = result.rows[match.row]
            if prev.get("score", 1) >= match.score:
                result.notes.append(f"row '{row_spec.label}' appears again at {span.short()}; the first one is used")
                return
        label_span = labels[-1][1] if labels else span
        record = {
            "label": row_spec.label,
            "found_label": match.found_label,
            "match": match.kind,
            "score": round(match.score, 3),
            "location": label_span.to_dict(),
            "reliable": reliable,
            "cells": {},
        }
        if reason:
            record["note"] = reason
        if not row_spec.numeric:
            record["subtotal"] = True
        if not reliable:
            record["raw_values"] = [v[0] for v in values]
        for col_id, (raw, vspan) in mapped.items():
            record["cells"][col_id] = {**parse_cell(raw), "location": vspan.to_dict()}
        result.rows[match.row] = record
        result.pieces.append({"kind": "rows", "location": span.to_dict(), "block": block_idx})
        self._last = (match.table, match.row, match.found_label) if source in ("layout", "pdf") else None
        if match.kind == "approximate":
            result.approximate.append({"kind": "row", "id": match.row, "official": row_spec.label,
                                       "found": match.found_label, "location": label_span.to_dict()})

    # ------------------------------------------------------------------ flattened pages
    def _flattened(self, block_idx: int, block: Paragraph) -> None:
        """A whole report on one line (web page flattened): find each official label in order
        and take the text up to the next label as that row's figures."""
        text = block.text
        keyed, index = _keyed(text)
        anchors: list[tuple[int, int, str, str, str]] = []  # (start, end, kind, table id, row id)
        for table in self.fmt.tables:
            if table.id == "t4":
                continue
            pos = 0
            if table.caption:
                i = keyed.find(label_key(table.caption))
                if i < 0:
                    continue
                pos = i
                anchors.append((i, i + len(label_key(table.caption)), "caption", table.id, ""))
            elif table.corner:
                i = keyed.find(label_key(table.corner))
                if i < 0:
                    i = keyed.find(label_key(table.rows[0].label))
                    if i < 0:
                        continue
                pos = i
            for row in table.rows:
                key = row.key
                i = keyed.find(key, pos)
                if i < 0:
                    continue
                anchors.append((i, i + len(key), "row" if row.numeric else "group", table.id, row.id))
                pos = i + len(key)
            for col in table.columns:
                i = keyed.find(col.key, max(0, pos - 2000))
                if i >= 0:
                    anchors.append((i, i + len(col.key), "column", table.id, col.id))
        # part headings end value runs too
        for m in re.finditer(r"[一二三四五六]、", keyed):
            anchors.append((m.start(), m.end(), "stop", "", ""))
        anchors.sort()
        if not any(a[2] == "row" for a in anchors):
            return
        for n, (start, end, kind, tid, rid) in enumerate(anchors):
            if kind != "row":
                continue
            stop = next((a[0] for a in anchors[n + 1:] if a[0] >= end), len(keyed))
            run = text[index[end]:index[stop]].strip()
            o_start = index[start]
            span = SourceSpan(line=block.span.line, col=(block.span.col or 1) + o_start) if block.span.line else block.span
            if not run:
                continue
            if not re.fullmatch(r"[\d.,\s]+", run):
                self.unassigned.append({"labels": [self.fmt.table(tid).row(rid).label], "values": [run],
                                        "location": span.to_dict()})
                continue
            values = [(tok, span, None) for tok in run.split()]
            table = self.fmt.table(tid)
            self.current_table = table
            match = RowMatch(tid, rid, "exact", 1.0, table.row(rid).label)
            self._assign(match, [(table.row(rid).label, span)], values, span, block_idx, "flattened", False)
        self._flattened_t4(block_idx, block, keyed, index)

    def _flattened_t4(self, block_idx: int, block: Paragraph, keyed: str, index: list[int]) -> None:
        t4 = self.fmt.table("t4")
        if not t4:
            return
        head = None
        for label in [p for p in self.fmt.parts if p.number == 4][0:1]:
            for title in [label.title] + label.variants:
                i = keyed.find("四、" + label_key(title))
                if i >= 0:
                    head = i
                    break
        if head is None:
            return
        end = keyed.find("五、", head)
        region = keyed[head: end if end > 0 else len(keyed)]
        last = region.rfind("总计")
        if last < 0:
            return
        m = re.match(r"\d+", region[last + 2:])
        if not m:
            return
        run = m.group(0)
        pos = head + last + 2
        span = SourceSpan(line=block.span.line, col=(block.span.col or 1) + index[pos]) if block.span.line else block.span
        self.current_table = t4
        self._assign(RowMatch("t4", "cases", "exact", 1.0, ""), [], [(run, span, None)], span, block_idx,
                     "flattened", False)


def _keyed(text: str) -> tuple[str, list[int]]:
    """label_key of a long text, keeping for every key character its index in the original."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        norm = ch if ch.isdigit() else label_key(ch)
        if norm == "、" and out and out[-1].isdigit():
            norm = "."
        for n in norm:
            out.append(n)
            index.append(i)
    index.append(len(text))
    return "".join(out), index
