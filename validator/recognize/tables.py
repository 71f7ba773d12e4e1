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

from validator.document import Document, Paragraph, SourceSpan, Table
from validator.lazyre import lazy
from validator.normalize import FIGURE_UNITS, char_keys, is_ideograph, label_key, parse_cell, short_text_cache, to_simplified
from validator.recognize.formats import FormatSpec, TableSpec
from validator.recognize.order import RowEvent, place_by_order
from validator.recognize.sequence import (
    SequenceAligner,
    Token,
    block_tokens,
    cell_is_value,
    is_cell_sequence,
)
from validator.recognize.split import (
    digit_cuts,
    is_figure_run,
    narrow_by_columns,
    row_candidates,
)
from validator.recognize.textstream import TextStream
from validator.records import field, record

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[.、])")


def _caption_pattern(keys) -> re.Pattern:
    """The shape of the format's captions (第二十条第(一)项 …), their bracketed numeral any numeral
    and the brackets optional: a caption line names a table even when the report numbers it otherwise."""
    shapes = {re.sub(r"\\\((.+?)\\\)", lambda _: r"\(?[一二三四五六七八九十]+\)?", re.escape(k)) for k in keys}
    return re.compile("|".join(sorted(shapes)) or r"(?!)")


def _unbracket(key: str) -> str:
    return key.replace("(", "").replace(")", "")


APPROX_THRESHOLD = 0.62
FRAGMENT_MAX_CHARS = 60


@short_text_cache(maxsize=4096)
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
    Cached for label-sized candidates: every row of a report is scored against every official
    label of its table, and a batch's reports repeat the same labels (~15 % of a Markdown check
    before the cache); longer candidates (lines of prose) rarely repeat and would only fill it."""
    if len(cand) > 48:
        return _match_label(cand, spec, wrapped, cheap)
    return _match_label_cached(cand, spec, wrapped, cheap)


@short_text_cache(maxsize=8192)
def _match_label_cached(cand: str, spec: str, wrapped: bool, cheap: bool) -> tuple[float, str]:
    return _match_label(cand, spec, wrapped, cheap)


def _match_label(cand: str, spec: str, wrapped: bool = False, cheap: bool = False) -> tuple[float, str]:
    """See match_label.

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
    if len(a) == len(b) >= 3 and sum(x != y for x, y in zip(a, b)) == 1:
        return 0.84, "approximate"  # one changed character in a short label: 本年增\减, 本年废纸件数
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


def _split_row(cells: list[tuple[str, SourceSpan, int | None]]) -> tuple[list, list]:
    """Leading label cells and trailing value cells.

    Labels are the non-empty text cells before the first figure; everything from there on
    is a value, so a word among the figures ("abc", "见附件") is an invalid cell that TAB005
    reports, not part of the label. Empty cells between labels and figures stay with the
    values (the caller trims them when there are more values than columns).
    """
    first_value = next((i for i, (text, _, _) in enumerate(cells) if text and cell_is_value(text)), len(cells))
    last_label = max((i for i, (text, _, _) in enumerate(cells[:first_value]) if text), default=-1)
    labels = [(t, s) for t, s, _ in cells[: last_label + 1] if t]
    values = list(cells[last_label + 1:])
    return labels, values


# The official labels a label key matches, per unified format, kept across the reports of a process
# (a batch's reports write the same labels): {id(format): (format, {lookup: hits})}. Keys longer
# than a label (lines of prose) are matched afresh each time and not kept; the table is emptied
# when it grows past _HITS_MAX lookups.
_HITS: dict[int, tuple[FormatSpec, dict]] = {}
_HIT_KEY_MAX = 48
_HITS_MAX = 50_000


def _label_hits(fmt: FormatSpec) -> dict:
    entry = _HITS.get(id(fmt))
    if entry is None or entry[0] is not fmt:
        if len(_HITS) >= 16:
            _HITS.clear()
        entry = _HITS[id(fmt)] = (fmt, {})
    elif len(entry[1]) >= _HITS_MAX:
        entry[1].clear()
    return entry[1]


class Matcher:
    def __init__(self, fmt: FormatSpec, doc: Document, stream: TextStream, part_blocks: dict[int, int],
                 key=label_key):
        self.fmt = fmt
        # how labels are compared: normalize.label_key, or reading_key for a document in
        # traditional script or with pinyin glosses (recognize/reading.py)
        self.key = key
        self.doc = doc
        self.stream = stream
        self.part_blocks = part_blocks  # block index -> part number for part headings
        self.results = {t.id: TableResult(spec=t) for t in fmt.tables}
        self.unassigned: list[dict] = []
        self.row_events: list[RowEvent] = []  # rows of figures met in tables, for place_by_order
        self._row_index = [
            (t, r, r.key) for t in fmt.tables for r in t.rows if r.label
        ]
        self._hits = _label_hits(fmt)
        self._col_index = [(t, c, c.key) for t in fmt.tables for c in t.columns]
        self._caption_index = {self.key(t.caption): t for t in fmt.tables if t.caption}
        self._caption_re = _caption_pattern(self._caption_index)
        self._column_keys = {c.key for t in fmt.tables for c in t.columns}
        self.current_table: TableSpec | None = None
        self.current_group: str | None = None  # part 四 group named by a heading (008)
        # header texts that name no column: corner cells, spanning labels (申请人情况, 行政复议 …)
        self.noise_keys = {self.key(x) for t in fmt.tables for x in [t.corner or "", *t.spanning_labels] if x}
        self.noise_keys |= {self.key(g["label"]) for t in fmt.tables for g in t.column_groups.values()}
        self.noise_keys.discard("")
        # the tables' corner labels (信息内容): one may run into the header beside it
        self._corner_keys = tuple(sorted({self.key(t.corner) for t in fmt.tables if t.corner} - {""}, key=len, reverse=True))

    # ------------------------------------------------------------------ label matching
    def best_row(self, candidates: list[str], numeric_only: bool = True, wrapped: bool = False,
                 cheap_only: bool = False) -> RowMatch | None:
        # an exact match found by the cheap tests (equality, numbering, containment) settles
        # it; the costly similarity ratios run only when none is found
        quick = self._best_row(candidates, numeric_only, wrapped, cheap=True, simplified=not cheap_only)
        if cheap_only or (quick is not None and quick.kind == "exact"):
            return quick
        return self._best_row(candidates, numeric_only, wrapped, cheap=False)

    def _best_row(self, candidates: list[str], numeric_only: bool, wrapped: bool, cheap: bool,
                  simplified: bool = True) -> RowMatch | None:
        best: RowMatch | None = None
        second = 0.0
        for cand in candidates:
            key = self.key(cand)
            if not key:
                continue
            for use_simplified in (False, True) if simplified else (False,):
                if use_simplified:
                    simple = self.key(to_simplified(cand))
                    if simple == key:
                        break
                    key = simple
                for table, row, score, kind in self._row_hits(key, numeric_only, wrapped and not cheap, cheap):
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

    def _row_hits(self, key: str, numeric_only: bool, wrapped: bool, cheap: bool) -> list[tuple]:
        """(table, row, score, kind) of every official row label the key matches, in the format's
        order: the same for every row of every report that writes this label."""
        lookup = ("row", key, numeric_only, wrapped, cheap)
        hits = self._hits.get(lookup)
        if hits is None:
            hits = []
            for table, row, rkey in self._row_index:
                if numeric_only and not row.numeric:
                    continue
                score, kind = match_label(key, rkey, wrapped, cheap)
                if kind != "none":
                    hits.append((table, row, score, kind))
            if len(key) <= _HIT_KEY_MAX:
                self._hits[lookup] = hits
        return hits

    def _column_hits(self, key: str) -> list[tuple[float, TableSpec, str, str]]:
        """(score, table, column id, kind) of the official column labels a header key matches."""
        scored = self._hits.get(("column", key))
        if scored is None:
            exact = [(t, c, k) for t, c, k in self._col_index if k == key]
            # the cheap tests first: an exact match (>= 0.94) outscores any similarity ratio
            # (<= 0.9), so the costly ratios run only when they find none
            scored = self._score_columns(key, exact or self._col_index, cheap=True)
            if not scored or max(s[0] for s in scored) < 0.9:
                scored = self._score_columns(key, exact or self._col_index, cheap=False)
            if len(key) <= _HIT_KEY_MAX:
                self._hits[("column", key)] = scored
        return scored

    def columns_in(self, texts: list[str]) -> list[tuple[TableSpec, str, str, str]]:
        """Column labels present in header texts: (table, column id, found text, kind)."""
        out = []
        for text in texts:
            key = self.key(text)
            corner = next((c for c in self._corner_keys if key.startswith(c) and len(key) > len(c)), None)
            if corner:
                key = key[len(corner):]  # "信息内容本年处理决定数量": the corner label run into the header
            if not key:
                continue
            scored = self._column_hits(key)
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
        blocks = self.doc.blocks
        pending: list[tuple[str, SourceSpan]] = []
        idx = 0
        while idx < len(blocks):
            if idx in self.part_blocks:
                pending = []
                self.current_group = None
                self.current_table = None
                idx += 1
                continue
            # a stretch of short items (one cell per line) is read as a cell sequence when it
            # shows a row label followed by a single figure; otherwise block by block
            tokens, end = self._sequence_run(idx)
            if tokens and is_cell_sequence(self, tokens):
                SequenceAligner(self, tokens).run()
                pending = []
                self._last = None
                idx = end
                continue
            for j in range(idx, max(end, idx + 1)):
                pending = self._block(j, blocks[j], pending)
            idx = max(end, idx + 1)
        place_by_order(self)
        self._settle_digit_runs()

    def _sequence_run(self, start: int) -> tuple[list[Token], int]:
        tokens: list[Token] = []
        idx = start
        while idx < len(self.doc.blocks) and idx not in self.part_blocks:
            got = block_tokens(self.doc.blocks[idx], idx, FRAGMENT_MAX_CHARS)
            if got is None:
                break
            tokens.extend(got)
            idx += 1
        return tokens, idx

    def _block(self, idx: int, block, pending: list) -> list:
        """Walk one block outside a cell sequence; returns the label fragments still pending."""
        if isinstance(block, Table):
            for row in block.rows:
                cells = [(c.text, c.span, c.col if block.grid_reliable else None) for c in row]
                consumed = self._handle_row(cells, row[0].span if row else block.span, idx, block.source,
                                            block.grid_reliable, pending)
                pending = [] if consumed else pending
            return pending
        text = block.text.strip()
        if not text:
            return pending
        if isinstance(block, Paragraph) and len(text) > 300:
            self._flattened(idx, block)
            return []
        key = self.key(text)
        cap = self._caption_re.search(key)
        if cap and len(key) <= 16:
            self._caption(text, block.span)
            return []
        if len(text) <= FRAGMENT_MAX_CHARS and not text.endswith("。"):
            if self._continues_last_label(text):
                return pending
            cols = self.columns_in(re.split(r"\s{2,}|\t| \| ", text))
            if len(cols) >= 2 or (cols and self.current_table is not None and len(cols) == len(self.current_table.columns)):
                self._header_texts = re.split(r"\s{2,}|\t| \| ", text)
                self._header_source = "paragraph"
                self._header(cols, block.span)
                return pending
            self._group_context(text)
            pending.append((text, block.span))
            return pending[-6:]
        return []

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
        key = self.key(found + text)
        score, kind = match_label(key, official, wrapped=True)
        if kind != "exact":
            if strip_numbering(official).startswith(strip_numbering(key)) and len(key) > len(self.key(found)):
                # still a beginning of the label: a label wrapped over three lines or more
                record["found_label"] = found + text
                self._last = (tid, rid, found + text)
                return True
            return False
        record.update(match="exact", found_label=found + text, score=round(score, 3))
        result.approximate = [a for a in result.approximate if not (a["kind"] == "row" and a["id"] == rid)]
        self._last = None
        return True

    def _group_context(self, text: str) -> None:
        t4 = self.fmt.table("t4")
        if not t4:
            return
        key = self.key(text)
        for gid, group in t4.column_groups.items():
            glabel = self.key(group["label"])
            if key == glabel or (len(key) <= 16 and key in glabel and len(key) >= 4):
                self.current_group = gid
                self.current_table = t4

    def _caption(self, text: str, span: SourceSpan) -> None:
        m = self._caption_re.search(self.key(text))
        for ckey, table in self._caption_index.items():
            if m and _unbracket(m.group(0)) == _unbracket(ckey):
                result = self.results[table.id]
                result.caption_seen = span
                result.pieces.append({"kind": "caption", "location": span.to_dict()})
                self.current_table = table
                return

    _header_source = "table"
    _header_texts: list[str] = []

    def _header(self, cols, span: SourceSpan, ordered: bool = True) -> list:
        """Record a header row (or a header read from a cell sequence). Returns the column
        matches inferred by position for header texts that name no column ("科研企业" between
        商业企业 and 社会公益组织), so that a grid can map their column too.

        `ordered`: the header's order is the data's order (a grid row, not a flattened
        two-row header whose cells come 自然人, 总计, 商业企业 …)."""
        by_table: dict[str, list] = {}
        for table, col_id, text, kind in cols:
            by_table.setdefault(table.id, []).append((col_id, text, kind))
        # a header belongs to the table whose labels it names most: distinct column labels
        # plus that table's spanning labels (法人或其他组织 marks part 三, 未经复议直接起诉 part 四)
        def weight(t: str) -> tuple:
            spec = self.results[t].spec
            spanning = sum(1 for text in self._header_texts if self.key(text) in
                           {self.key(x) for x in spec.spanning_labels})
            distinct = len({text for _, text, _ in by_table[t]})
            return (distinct + spanning, self.current_table is not None and t == self.current_table.id)

        tid = max(by_table, key=weight)
        result = self.results[tid]
        result.header_seen = True
        result.pieces.append({"kind": "header", "location": span.to_dict()})
        self.current_table = result.spec
        inferred = self._columns_by_position(result.spec, by_table[tid])
        seen = []
        texts_seen = [text for _, text, _ in by_table[tid]]
        ambiguous = len(set(texts_seen)) != len(texts_seen)  # part 四 repeats 结果维持… per group
        for col_id, text, kind in by_table[tid] + [(c, text, k) for _, c, text, k in inferred]:
            col = result.spec.column(col_id)
            entry = result.columns.setdefault(col_id, {"label": col.label, "found": text, "match": kind,
                                                       "location": span.to_dict()})
            wrapped_header = self._header_source in ("layout", "pdf", "pdf-words", "paragraph", "aligned") and \
                self.key(col.label).startswith(self.key(text))
            if kind == "approximate" and entry["match"] == "approximate" and not wrapped_header:
                result.approximate.append({"kind": "column", "id": col_id, "official": col.label,
                                           "found": text, "location": span.to_dict()})
            seen.append(col_id)
        if ordered and not ambiguous and len(seen) == len(result.spec.columns) and len(set(seen)) == len(seen) \
                and not inferred:
            result.column_order = seen
        return inferred

    def _columns_by_position(self, spec: TableSpec, matched: list) -> list:
        """Header texts that name no column but stand where exactly one missing column belongs:
        between the two columns the template puts on either side of it (or at the edge). A
        changed word ("科研企业" for 科研机构) is then that column, altered (TAB004), not a
        missing column (TAB003). The text must share a character with the official label."""
        order = [c.id for c in spec.columns]
        by_text = {}
        for col_id, text, _ in matched:
            by_text.setdefault(text, set()).add(col_id)
        found = {c for ids in by_text.values() for c in ids}
        missing = [c for c in order if c not in found and c not in self.results[spec.id].columns]
        if not missing:
            return []
        texts = [t for t in self._header_texts if self.key(t) and self.key(t) not in self.noise_keys
                 and not self.key(t).startswith(self._corner_keys)]
        out = []
        for i, text in enumerate(texts):
            if text in by_text or cell_is_value(text):
                continue
            left = next((by_text[t] for t in reversed(texts[:i]) if t in by_text), None)
            right = next((by_text[t] for t in texts[i + 1:] if t in by_text), None)
            if (left is not None and len(left) != 1) or (right is not None and len(right) != 1):
                continue  # part 四's repeated labels: no single neighbour
            lo = order.index(next(iter(left))) if left else -1
            hi = order.index(next(iter(right))) if right else len(order)
            if hi - lo != 2:
                continue
            col_id = order[lo + 1]
            official = self.key(spec.column(col_id).label)
            key = self.key(text)
            if col_id in missing and set(key) & set(official) and len(key) <= 2 * len(official):
                out.append((spec, col_id, text, "approximate"))
                missing.remove(col_id)
        return out

    def _handle_row(self, cells, span, block_idx, source, grid, pending) -> bool:
        """Place one row; True when it consumed the pending label fragments."""
        labels, values = self._reclaim_figure_cells(cells, *_split_row(cells), block_idx, grid)
        texts = [t for t, _ in labels]
        # a caption row ("第二十条第（六）项" alone in a pasted table)
        if texts and not any(v[0] for v in values):
            joined = "".join(texts)
            if self._caption_re.search(self.key(joined)) and len(self.key(joined)) <= 20:
                self._caption(joined, span)
                return True
            cols = self.columns_in(texts)
            if cols:
                self._header_texts = texts
                self._header_source = source
                inferred = self._header(cols, span)
                if grid:
                    self._grid_columns(cols + inferred, cells, block_idx)
                return True
            if values and self._blank_row(labels, values, span, block_idx, source, grid):
                return True
            if self._continues_last_label(joined):
                return True  # the rest of the label above, wrapped onto a row of its own
            # label-only row (a group label like 三、本年度办理结果, or a wrapped fragment)
            for t, _s in labels:
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
        wrapped = source in ("layout", "pdf", "pdf-words")
        match = self.best_row(candidates, wrapped=wrapped) if candidates else None
        if match is None and candidates:
            # figures on a group row: a subtotal the report added (（三）不予公开 …) or a
            # 2019-style single （六）其他处理 row in a 2021 table
            group = self.best_row(candidates, numeric_only=False, wrapped=wrapped)
            if group is not None and group.kind == "exact":
                match = group
        if match is not None and len(texts) > 1 and not grid:
            match, labels, values = self._words_in_figure_columns(match, labels, values)
        n_values = len(values)
        if match is None and not texts:
            t4 = self.fmt.table("t4")
            if t4 and n_values == len(t4.columns):
                match = RowMatch("t4", "cases", "exact", 1.0, "")
            elif t4 and self.current_group and n_values == len(t4.column_groups[self.current_group]["columns"]) + 1:
                self._assign_t4_group(values, span, block_idx)
                return True
        if match is None:
            loose = {"labels": texts or [t for t, _ in pending], "values": [v[0] for v in values],
                     "location": span.to_dict()}
            self.unassigned.append(loose)
            if self.current_table is not None and self.current_table.id != "t4":
                self.row_events.append(RowEvent(self.current_table.id, None, False, texts,
                                                (labels, values, span, block_idx, source, grid), unassigned=loose))
            return False
        before = self.results[match.table].rows.get(match.row)
        self._assign(match, labels or pending[-3:], values, span, block_idx, source, grid)
        self._row_event(match, [t for t, _ in labels], (labels, values, span, block_idx, source, grid), before)
        return True

    def _row_event(self, match: RowMatch, own: list[str], args: tuple, before: dict | None) -> None:
        """Remember a row of figures in document order (order.py): an anchor when its own
        cells carry the label it was matched by, a guess from loose label lines otherwise.
        `before`: the row's record before this row was assigned (a record is this row's own
        only when assigning made it)."""
        if match.table == "t4":
            return
        is_own = bool(own) and match.found_label in (own[-1], "".join(own))
        record = self.results[match.table].rows.get(match.row)
        self.row_events.append(RowEvent(match.table, match.row, is_own, own, args,
                                        record if record is not before else None))

    def _reclaim_figure_cells(self, cells, labels, values, block_idx, grid) -> tuple[list, list]:
        """A word standing in a figure column ("未统计", "N/A", "十四" under 自然人) is that
        cell's raw value (TAB005), not part of the row label: in a grid, by the header's column
        positions."""
        if not grid or len(labels) < 2 or self.current_table is None:
            return labels, values
        result = self.results[self.current_table.id]
        if not result.column_grid or result.column_grid_block != block_idx:
            return labels, values
        start = next((i for i, (t, _, g) in enumerate(cells) if t and g in result.column_grid), None)
        if start is None:
            return labels, values
        kept = [(t, s) for t, s, _ in cells[:start] if t]
        moved = [t for t, _, _ in cells[start:] if t and not cell_is_value(t)]
        if not kept or len(kept) == len(labels) or any(self.key(t) in self._column_keys for t in moved):
            return labels, values  # a header row repeated under the header, or nothing to move
        return kept, list(cells[start:])

    def _blank_row(self, labels, values, span, block_idx, source, grid) -> bool:
        """A row whose label names a row of figures exactly and whose cells are all empty is
        present and blank (TAB006), not missing (TAB002). False for anything else (a group
        label row, a wrapped label fragment)."""
        texts = [t for t, _ in labels]
        match = self.best_row([texts[-1], "".join(texts)] if len(texts) > 1 else texts, cheap_only=True)
        if match is None or match.kind != "exact":
            return False
        before = self.results[match.table].rows.get(match.row)
        self._assign(match, labels, values, span, block_idx, source, grid)
        self._row_event(match, texts, (labels, values, span, block_idx, source, grid), before)
        return True

    def _words_in_figure_columns(self, match: RowMatch, labels, values) -> tuple[RowMatch, list, list]:
        """The same without a grid: a row short of figures whose label cells end in words that
        are no label, where the row's label is whole without them and the words make up the
        count exactly."""
        ncols = len(self.results[match.table].spec.columns)
        filled = list(values)
        while filled and not filled[-1][0]:
            filled.pop()
        short = ncols - len(filled)
        if short <= 0 or short >= len(labels):
            return match, labels, values
        tail = labels[-short:]
        if any(len(self.key(t)) > 8 or self.best_row([t], numeric_only=False) is not None for t, _ in tail):
            return match, labels, values
        head = [t for t, _ in labels[:-short]]
        again = self.best_row([head[-1], "".join(head)], numeric_only=False)
        if again is None or again.kind != "exact" or (again.table, again.row) != (match.table, match.row):
            return match, labels, values
        return again, labels[:-short], [(t, s, None) for t, s in tail] + filled

    def _grid_columns(self, cols, cells, block_idx: int) -> None:
        """For reliable grids, remember which grid column carries which column id (in this
        table block only: another block's grid says nothing about this one)."""
        by_text = {}
        for table, col_id, text, _kind in cols:
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
            row["cells"][col_id] = {**parse_cell(raw), "location": vspan.to_dict(), "read": "aligned"}
        result.pieces.append({"kind": "rows", "location": span.to_dict(), "group": self.current_group})

    def _assign(self, match: RowMatch, labels, values, span, block_idx, source, grid) -> None:
        """Place a row's figures (raw, span, grid column) in the columns of its table: by the
        header's grid positions when the source is a reliable grid, else in order when there
        are exactly as many figures as columns, else by the table's identities when the
        figures ran together; otherwise the row is kept unreliable, with its raw text."""
        result = self.results[match.table]
        spec = result.spec
        ncols = len(spec.columns)
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
        if mapped:
            self._store(match, labels, mapped, "grid", None, [v[0] for v in values], span, block_idx, source)
            return
        while len(vals) > ncols and vals and not vals[0][0]:
            vals.pop(0)  # empty label-column padding from Word pastes
        while len(vals) > ncols and vals and not vals[-1][0]:
            vals.pop()
        lead = next((i for i, v in enumerate(vals) if v[0]), 0)
        if not grid and lead and len(vals) - lead < ncols and any(v[0] for v in vals):
            # "label \t\t\t 1 0 0 0 1": the empty fields after the label may be the label
            # column's padding (then a figure was lost) or blank figures: not guessed
            self._store(match, labels, None, "aligned",
                        f"{len(vals) - lead} figures after {lead} empty cell(s) for {ncols} columns: the empty "
                        "cells may be the label column's padding or blank figures, columns cannot be assigned "
                        "safely", [v[0] for v in values], span, block_idx, source)
            return
        self._place_figures(match, labels, [(raw, vspan) for raw, vspan, _ in vals], "grid" if grid else "aligned",
                            [v[0] for v in values], span, block_idx, source)

    def _place_figures(self, match: RowMatch, labels, vals: list[tuple[str, SourceSpan]], read: str,
                       raw_values: list[str], span, block_idx, source, note: str | None = None) -> None:
        result = self.results[match.table]
        spec = result.spec
        ncols = len(spec.columns)
        order = result.column_order or [c.id for c in spec.columns]
        candidates = None
        if len(vals) == ncols:
            mapped = dict(zip(order, vals))
            self._store(match, labels, mapped, read, note, raw_values, span, block_idx, source)
            return
        chunks = [raw for raw, _ in vals]
        if chunks and len(chunks) < ncols and all(is_figure_run(c) for c in chunks):
            cuts = _signs_in_signed_columns(digit_cuts(chunks, ncols), spec, order)
            why = "only one reading gives one figure per column"
            if cuts is not None and len(cuts) > 1:
                cuts = _signs_in_signed_columns(row_candidates(spec, chunks, order), spec, order)
                why = "split where the table's identities leave one reading"
            if cuts is not None and len(cuts) == 1:
                spans = [vspan for (raw, vspan) in vals for _ in range(len(raw))]
                starts = _run_starts(chunks, cuts[0])
                mapped = {col_id: (fig, spans[pos]) for col_id, fig, pos in zip(order, cuts[0], starts)}
                self._store(match, labels, mapped, "split",
                            f"figures run together without separators ('{' '.join(chunks)}'): {why}",
                            raw_values, span, block_idx, source)
                return
            if cuts is None:
                reason = f"figures run together without separators ('{' '.join(chunks)}'): too many readings to try"
            else:
                candidates = cuts
                kept = "keep the table's identities" if spec.identities else "fit and the table has no identity to choose"
                reason = (f"figures run together without separators ('{' '.join(chunks)}'): "
                          f"{len(cuts)} readings {kept}, so the {ncols} cells are not split")
        else:
            reason = (f"{len(vals)} figures for {ncols} columns: cells were dropped or merged, "
                      "columns cannot be assigned safely")
        self._store(match, labels, None, read, reason, raw_values, span, block_idx, source,
                    candidates=(candidates, order, chunks, [v[1] for v in vals]) if candidates else None)

    def _store(self, match: RowMatch, labels, mapped: dict | None, read: str, note: str | None,
               raw_values: list[str], span, block_idx, source, candidates=None) -> None:
        """Keep a row record; `mapped` None keeps the row unreliable with its raw text."""
        result = self.results[match.table]
        row_spec = result.spec.row(match.row)
        self.current_table = result.spec
        reliable = mapped is not None
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
        if note:
            record["note"] = note
        if not row_spec.numeric:
            record["subtotal"] = True
        if not reliable:
            record["raw_values"] = list(raw_values)
            if candidates:
                record["_candidates"] = candidates
        for col_id, (raw, vspan) in (mapped or {}).items():
            record["cells"][col_id] = {**parse_cell(raw), "location": vspan.to_dict(), "read": read}
        result.rows[match.row] = record
        result.pieces.append({"kind": "rows", "location": span.to_dict(), "block": block_idx})
        self._last = (match.table, match.row, match.found_label) if source in ("layout", "pdf", "pdf-words") else None
        if match.kind == "approximate" and not any(a["kind"] == "row" and a["id"] == match.row
                                                   for a in result.approximate):
            result.approximate.append({"kind": "row", "id": match.row, "official": row_spec.label,
                                       "found": match.found_label, "location": label_span.to_dict()})

    def _settle_digit_runs(self) -> None:
        """Rows whose run-together figures kept several readings: the column identities, with
        the rows already read, may leave one (format-spec §4.1 T3-E1, T3-I2)."""
        for result in self.results.values():
            order = [c.id for c in result.spec.columns]
            readings = {rid: rec["_candidates"][0] for rid, rec in result.rows.items()
                        if rec.get("_candidates") and rec["_candidates"][1] == order}
            if not readings:
                continue
            for rid, cut in narrow_by_columns(result.spec, result.rows, readings, order).items():
                rec = result.rows[rid]
                _, _, chunks, spans = rec.pop("_candidates")
                flat = [sp for raw, sp in zip(chunks, spans) for _ in range(len(raw))]
                starts = _run_starts(chunks, cut)
                rec["cells"] = {col_id: {**parse_cell(fig), "location": flat[pos].to_dict(), "read": "split"}
                                for col_id, fig, pos in zip(order, cut, starts)}
                rec["reliable"] = True
                rec["note"] = (f"figures run together without separators ('{' '.join(chunks)}'): split where the "
                               "table's identities (row and column totals) leave one reading")
                del rec["raw_values"]
            for rec in result.rows.values():
                rec.pop("_candidates", None)

    # ------------------------------------------------------------------ cell sequences
    def is_caption(self, text: str) -> bool:
        key = self.key(text)
        return bool(self._caption_re.search(key)) and len(key) <= 20

    @staticmethod
    def strip_numbering(key: str) -> str:
        return strip_numbering(key)

    def column_score(self, text: str) -> tuple[float, list]:
        """(best score, column matches as columns_in gives them) of one header text."""
        cols = self.columns_in([text])
        if not cols:
            return 0.0, []
        key = self.key(text)
        return max(match_label(key, t.column(c).key)[0] for t, c, _, _ in cols), cols

    def ncols(self, match: RowMatch) -> int:
        return len(self.results[match.table].spec.columns)

    def spanning_context(self, text: str) -> None:
        """A spanning header label (行政复议, 申请人情况) says which table follows."""
        key = self.key(text)
        for table in self.fmt.tables:
            if key in {self.key(x) for x in [*table.spanning_labels, *(g["label"] for g in table.column_groups.values())]}:
                self.current_table = table
                return

    def header_from_sequence(self, cols: list, texts: list[str], span: SourceSpan) -> None:
        self._header_texts = texts
        self._header_source = "aligned"
        self._header(cols, span, ordered=False)

    def place_sequence_row(self, match: RowMatch, labels: list, values: list[Token]) -> None:
        """A row read from a cell sequence: its label and every item up to the next label."""
        spec = self.results[match.table].spec
        row_spec = spec.row(match.row)
        if not values:
            if row_spec.numeric:
                self._label_only(match, labels)
            else:
                self.current_table = spec
            return
        ncols = len(spec.columns)
        vals = list(values)
        extra = len(vals) - ncols
        if extra > 0:
            # blank cells beyond the template's count: the label column's empty cells before
            # the figures, or a crawler's empty cell after them; unclear when both fit
            lead = next((i for i, v in enumerate(vals) if v.kind != "blank"), len(vals))
            trail = next((i for i, v in enumerate(reversed(vals)) if v.kind != "blank"), len(vals))
            if trail >= extra and (lead < extra or lead == len(vals)):
                vals = vals[:ncols]
            elif lead >= extra and trail < extra:
                vals = vals[extra:]
        if len(vals) != ncols and any(v.kind == "numbers" for v in vals):
            split = [(p, v.span) for v in vals for p in (v.parts if v.kind == "numbers" else [v.text])]
            if len(split) == ncols:
                self._place_figures(match, labels, split, "aligned", [v.text for v in values], labels[-1][1],
                                    vals[0].block, "aligned")
                return
        self._place_figures(match, labels, [(v.text, v.span) for v in vals], "aligned", [v.text for v in values],
                            labels[-1][1], values[0].block, "aligned")

    def place_unlabelled_figures(self, values: list[Token]) -> None:
        """Figures after a header and before any row label: part 四's single data row."""
        t4 = self.fmt.table("t4")
        if t4 is not None and self.current_table is t4:
            self._place_figures(RowMatch("t4", "cases", "exact", 1.0, ""), [], [(v.text, v.span) for v in values],
                                "aligned", [v.text for v in values], values[0].span, values[0].block, "aligned")
            return
        self.unassigned.append({"labels": [], "values": [v.text for v in values], "location": values[0].span.to_dict()})

    def assign(self, match: RowMatch, labels, values, span, block_idx, source, grid) -> None:
        """Place a row's figures (order.py places rows that lost their labels)."""
        self._assign(match, labels, values, span, block_idx, source, grid)

    def store_unread(self, match: RowMatch, span: SourceSpan, note: str) -> None:
        """A row present in the table but not read (INP004), with the reason."""
        self._store(match, [], None, "aligned", note, [], span, None, "aligned")

    def _label_only(self, match: RowMatch, labels) -> None:
        """A numeric row whose label is there with no figure after it: present (never TAB002),
        unreadable (INP004) until a later piece of the table gives its figures."""
        result = self.results[match.table]
        if match.row in result.rows:
            return
        self._store(match, labels, None, "aligned", "the row's label is there but no figures follow it", [],
                    labels[-1][1], None, "aligned")

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
                i = keyed.find(self.key(table.caption))
                if i < 0:
                    continue
                pos = i
                anchors.append((i, i + len(self.key(table.caption)), "caption", table.id, ""))
            elif table.corner:
                i = keyed.find(self.key(table.corner))
                if i < 0:
                    i = keyed.find(self.key(table.rows[0].label))
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
            self._flattened_t4(block_idx, block, keyed, index)  # a page whose only table is part 四's
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
            table = self.fmt.table(tid)
            tokens = _flattened_figures(_before_heading(run), table)
            if tokens is None:
                # the label is there, its figures are not readable: present (INP004), not missing
                if table.row(rid).numeric:
                    self._store(RowMatch(tid, rid, "exact", 1.0, table.row(rid).label), [(table.row(rid).label, span)],
                                None, "aligned", "the figures after the label are not figures: not read", [run],
                                span, block_idx, "flattened")
                continue
            values = [(tok, span, None) for tok in tokens]
            self.current_table = table
            match = RowMatch(tid, rid, "exact", 1.0, table.row(rid).label)
            self._assign(match, [(table.row(rid).label, span)], values, span, block_idx, "flattened", False)
        self._flattened_t4(block_idx, block, keyed, index)

    def _flattened_t4(self, block_idx: int, block: Paragraph, keyed: str, index: list[int]) -> None:
        """Part 四's figures follow its header, whose last labels are …尚未审结总计 three times
        over; found by the header itself, not the part heading (which real pages misspell)."""
        t4 = self.fmt.table("t4")
        if not t4:
            return
        tail = self.key(t4.columns[-2].label + t4.columns[-1].label)  # 尚未审结总计
        hits = [m.start() for m in re.finditer(re.escape(tail), keyed)]
        # the header repeats it once per group, close together; prose does not
        groups = len(t4.column_groups) or 1
        ends = [hits[i + groups - 1] for i in range(len(hits) - groups + 1)
                if hits[i + groups - 1] - hits[i] <= 60 * groups]
        if not ends:
            return
        pos = ends[-1] + len(tail)
        text = block.text
        m = re.match(r"[\d\s]+", text[index[pos]:])
        if not m or not m.group(0).strip():
            return
        chunks = m.group(0).split()
        span = SourceSpan(line=block.span.line, col=(block.span.col or 1) + index[pos]) if block.span.line else block.span
        self.current_table = t4
        self._assign(RowMatch("t4", "cases", "exact", 1.0, ""), [], [(c, span, None) for c in chunks], span,
                     block_idx, "flattened", False)


def _flattened_figures(run: str, table: TableSpec) -> list[str] | None:
    """The figures of a run between two labels of a flattened page: split at spaces, and, in a
    table with a signed column (2019's 本年增/减), before a minus sign ("35-15" -> 35, -15).
    None when the run holds anything else."""
    if re.fullmatch(r"[\d.,\s]+", run):
        return run.split()
    if any(c.signed for c in table.columns) and re.fullmatch(r"[+\-]?[\d.,]+(?:\s*[+\-]?[\d.,]+)*", run):
        figures = re.findall(r"[+\-]?\d[\d.,]*", run)
        signed = [i for i, f in enumerate(figures) if f[0] in "+-"]
        if len(figures) == len(table.columns) and all(table.columns[i].signed for i in signed):
            return figures
        if len(figures) < len(table.columns) and all(re.fullmatch(r"[+\-]?\d+", f) for f in figures):
            # fewer pieces than cells ("1-10" = 1, -10 for three cells): the splitter cuts them,
            # a sign opening a figure of a signed column, and only where one reading is left
            return figures
    return _figures_with_units(run, len(table.columns))


# a figure and the unit written after it ("2笔", "5949.09 万元"): one cell, kept as written
_FIGURE_WITH_UNIT = lazy(rf"[+\-]?\d[\d.,]*(?:\s*(?:{FIGURE_UNITS}))?")
_HAS_UNIT = lazy(rf"\d\s*(?:{FIGURE_UNITS})")


def _figures_with_units(run: str, ncols: int) -> list[str] | None:
    """The cells of a run whose figures carry units ("2笔 984361元" -> ["2笔", "984361元"]),
    when it holds exactly one piece per column: a piece ends at a space or at its unit, so
    "2笔984361元" reads the same. Any other count (a lost cell, figures run together without a
    unit between them) is None: the row is left unread rather than guessed."""
    if not _HAS_UNIT.search(run):
        return None
    # pieces found left to right, each as long as it goes, and nothing but spaces between them
    # (one pass: a pattern repeating the piece would try every way of cutting a run of digits)
    pieces = _FIGURE_WITH_UNIT.findall(run)
    if len(pieces) != ncols or _FIGURE_WITH_UNIT.sub("", run).strip():
        return None
    return pieces


def _signs_in_signed_columns(cuts: list[list[str]] | None, spec: TableSpec,
                             order: list[str]) -> list[list[str]] | None:
    """The readings whose signed figures ("-1", "+1") all fall in a column that takes a sign
    (2019's 本年增/减)."""
    if not cuts:
        return cuts
    signed = {c.id for c in spec.columns if c.signed}
    return [cut for cut in cuts
            if all(fig[:1] not in ("+", "-") or col in signed for col, fig in zip(order, cut))]


_SUBHEADING = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、")


def _before_heading(run: str) -> str:
    """The figures of a run that the report's own next heading follows without a break
    ("5949.09(二)主动公开政府信息的主要类别"): the run up to the heading, when figures are
    all that stands before it; the run unchanged otherwise."""
    m = _SUBHEADING.search(run)
    if m is None or not re.fullmatch(r"[\d.,\s]+", run[:m.start()]) or not is_ideograph(run[m.end():m.end() + 1]):
        return run
    return run[:m.start()].strip()


def _run_starts(chunks: list[str], cut: list[str]) -> list[int]:
    """Offset, in the concatenated runs, of each figure of a cut (to point at its source)."""
    out, pos = [], 0
    for fig in cut:
        out.append(pos)
        pos += len(fig)
    return out


def _dunhao_after_digit(key: str) -> str:
    """"1、" is "1." (an item number), in a key of one character per character (str.isdigit, as
    `_keyed` judges digits: "②、" too)."""
    at = key.find("、", 1)
    if at < 0:
        return key
    chars = list(key)
    while at >= 0:
        if chars[at - 1].isdigit():
            chars[at] = "."
        at = key.find("、", at + 1)
    return "".join(chars)


def _keyed(text: str) -> tuple[str, list[int]]:
    """label_key of a long text, keeping for every key character its index in the original."""
    chars = set(text)
    keys = char_keys(chars)
    if all(len(keys[ch]) <= 1 for ch in chars):
        # every character keys to at most one: comprehensions instead of a loop (a whole page is keyed)
        index = [i for i, ch in enumerate(text) if keys[ch]]
        index.append(len(text))
        return _dunhao_after_digit("".join(map(keys.__getitem__, text))), index
    out: list[str] = []
    index = []
    for i, ch in enumerate(text):
        norm = keys[ch]
        if norm == "、" and out and out[-1].isdigit():
            norm = "."
        for n in norm:
            out.append(n)
            index.append(i)
    index.append(len(text))
    return "".join(out), index
