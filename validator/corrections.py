"""Reviewer corrections: a person's value for a standard-table cell xxgk misread or could not read.

An evaluator checking published reports meets figures xxgk cannot read with confidence — digits run
together on a flattened web page, a lost cell, an OCR slip. Instead of living with a doubtful finding
(or none), the reviewer writes down the value from the original, with who, when and why, and
checks again:

    # corrections.yaml (schemas/corrections.schema.json)
    xxgk_corrections: 1
    corrections:
      - file: reports/003.txt          # relative to this file (or sha256: the file's content)
        table: t4                      # ids of the unified format (xxgk extract shows them)
        row: cases
        column: review.upheld
        value: 1                       # null: blank in the original
        was: "10203120001200000"       # what xxgk read then (written by the skeleton)
        reason: 数字连在一起，按原件核对
        reviewer: 张三
        date: 2024-05-01

`xxgk check --corrections FILE` (or `corrections = "FILE"` in the config) applies the corrections to
the facts before any rule runs, so the findings follow the corrected figures. Every output marks
what was corrected: the cell in the facts (`read: corrected`, `corrected: {was, reason, reviewer,
date}`), the file's `corrections` list (applied / confirmed / stale), and each finding resting on a
corrected cell (`corrected`). `xxgk extract --corrections-skeleton FILE` writes the entries for the
cells xxgk doubted, with `was` filled in and `value` left for the reviewer.

A correction must still match the document. When the cell now reads differently from `was` (the
file was edited, or xxgk reads it better now), or the file's content differs from `sha256` and no
`was` can vouch for the cell, the correction is not applied and INP005 warns. When xxgk now reads
the corrected value itself, the correction is `confirmed` (nothing to change).

A row xxgk could not read (INP004) or did not find becomes usable once every one of its cells is
corrected; until then the corrected cells are recorded but the row stays out of the arithmetic.
"""
from __future__ import annotations

import os

from validator.records import record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any


def _error(zh: str, en: str):
    """A corrections file that cannot be used: exit code 2, naming the file and the entry."""
    from validator.i18n import LocalizedError  # noqa: PLC0415

    return LocalizedError({"zh": zh, "en": en})


@record
class Correction:
    table: str
    row: str
    column: str
    value: int | float | None
    reason: str
    reviewer: str
    date: str
    file: str | None = None  # absolute path of the report
    sha256: str | None = None
    was: str | None = None
    has_was: bool = False  # `was: null` (the row was not found) is not the same as no `was`
    source: str = ""  # the corrections file and entry: "corrections.yaml#3"

    @property
    def cell(self) -> str:
        return f"{self.table}.{self.row}.{self.column}"

    @property
    def fact(self) -> str:
        return f"tables.{self.table}.rows.{self.row}.cells.{self.column}"

    def to_dict(self) -> dict[str, Any]:
        d = {"table": self.table, "row": self.row, "column": self.column, "value": self.value,
             "reason": self.reason, "reviewer": self.reviewer, "date": self.date, "source": self.source}
        if self.has_was:
            d["was"] = self.was
        return d


# ------------------------------------------------------------------ loading

def _plain(value: Any) -> Any:
    """YAML dates (date: 2024-05-01 unquoted) as ISO strings, so the schema sees text."""
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _known_ids() -> dict[str, tuple[set[str], set[str]]]:
    """table id -> (row ids, column ids) over every unified format."""
    from validator.recognize.formats import load_formats  # noqa: PLC0415

    out: dict[str, tuple[set[str], set[str]]] = {}
    for fmt in load_formats().values():
        for t in fmt.tables:
            rows, cols = out.setdefault(t.id, (set(), set()))
            rows.update(r.id for r in t.rows)
            cols.update(c.id for c in t.columns)
    return out


def load_corrections(path: str) -> list[Correction]:
    """The corrections of FILE, validated (schema, then table/row/column ids against the unified
    formats); raises a LocalizedError (or SchemaError) naming the file and the entry: exit 2."""
    from validator.validation import SchemaError, schema_problems  # noqa: PLC0415
    from validator.yamlio import YamlError, load_yaml  # noqa: PLC0415

    if not os.path.isfile(path):
        raise _error(f"{path}：找不到人工更正文件", f"{path}: corrections file not found")
    try:
        data = _plain(load_yaml(path))
    except YamlError as exc:
        raise _error(str(exc), str(exc)) from None
    problems = schema_problems(data, "corrections.schema.json")
    if problems:
        raise SchemaError(path, problems)
    base = os.path.dirname(os.path.abspath(path))
    known = _known_ids()
    out = []
    for i, d in enumerate(data["corrections"]):
        where = f"{path}: corrections[{i}]"
        if d["table"] not in known:
            raise _error(f"{where}：没有表 {d['table']!r}（可用：{'、'.join(sorted(known))}）",
                         f"{where}: unknown table {d['table']!r} (one of {', '.join(sorted(known))})")
        rows, cols = known[d["table"]]
        if d["row"] not in rows:
            raise _error(f"{where}：表 {d['table']} 没有行 {d['row']!r}", f"{where}: table {d['table']} has no row {d['row']!r}")
        if d["column"] not in cols:
            raise _error(f"{where}：表 {d['table']} 没有列 {d['column']!r}",
                         f"{where}: table {d['table']} has no column {d['column']!r}")
        out.append(Correction(
            table=d["table"], row=d["row"], column=d["column"], value=d["value"], reason=d["reason"],
            reviewer=d["reviewer"], date=d["date"],
            file=os.path.realpath(os.path.join(base, d["file"])) if d.get("file") else None,
            sha256=d.get("sha256"), was=d.get("was"), has_was="was" in d, source=f"{os.path.basename(path)}#{i + 1}"))
    return out


# ------------------------------------------------------------------ which apply to a file

def file_sha256(path: str, data: bytes | None = None) -> str:
    import hashlib  # noqa: PLC0415

    if data is None:
        with open(path, "rb") as fh:
            data = fh.read()
    return hashlib.sha256(data).hexdigest()


def for_file(corrections: list[Correction], path: str, data: bytes | None = None) -> tuple[list[Correction], str | None]:
    """(the corrections naming this file — by path, or by content hash —, its sha256 when any
    correction needed it)."""
    if not corrections:
        return [], None
    real = os.path.realpath(path) if path != "-" else None
    digest = None
    if any(c.sha256 for c in corrections) and (data is not None or path != "-"):
        try:
            digest = file_sha256(path, data)
        except OSError:
            digest = None
    mine = [c for c in corrections if (c.file and c.file == real) or (not c.file and c.sha256 and c.sha256 == digest)]
    return mine, digest


# ------------------------------------------------------------------ applying

def reading_of(facts: dict, table: str, row: str, column: str) -> str | None:
    """What xxgk read for a cell, as `was` records it: the cell's raw text; for a row it could
    not read, the row's figures as found (space-separated); None when the row (or the cell) was
    not found."""
    t = (facts.get("tables") or {}).get(table) or {}
    r = (t.get("rows") or {}).get(row) or {}
    if not t.get("found") or not r.get("found"):
        return None
    if not r.get("reliable", True):
        return " ".join(v.strip() for v in r.get("raw_values") or [] if v.strip())
    c = (r.get("cells") or {}).get(column)
    return None if c is None else str(c.get("raw", ""))


WAS_MAX = 60  # a longer reading is recorded as its first characters and "…"


def shown_reading(now: str | None) -> str | None:
    """`was` as the skeleton writes it: long readings (a row that swallowed prose) cut short."""
    return now if now is None or len(now) <= WAS_MAX else now[:WAS_MAX] + "…"


def same_reading(now: str | None, was: str | None) -> bool:
    """Whether the cell still reads as when it was corrected (whitespace aside; a `was` ending in
    "…" is the start of a longer reading)."""
    if now is None or was is None:
        return now is None and was is None
    a, b = "".join(now.split()), "".join(was.split())
    return a.startswith(b[:-1]) if b.endswith("…") else a == b


def _cell_value(facts: dict, table: str, row: str, column: str) -> Any:
    t = (facts.get("tables") or {}).get(table) or {}
    r = (t.get("rows") or {}).get(row) or {}
    c = (r.get("cells") or {}).get(column) if r.get("found") and r.get("reliable", True) else None
    if c is None or c.get("type") == "invalid":
        return "?"
    return None if c.get("type") == "blank" else c.get("value")


def apply_corrections(facts: dict, corrections: list[Correction], digest: str | None = None) -> list[dict]:
    """Apply this file's corrections to its facts (in place); returns one status entry per
    correction: {cell, fact, status: applied | confirmed | stale, why (stale), …the entry}."""
    statuses: list[dict] = []
    touched: set[tuple[str, str]] = set()
    for c in corrections:
        t = (facts.get("tables") or {}).get(c.table)
        entry = {**c.to_dict(), "cell": c.cell, "fact": c.fact, "label": _label(t, c)}
        now = reading_of(facts, c.table, c.row, c.column)
        if t is None or c.row not in (t.get("rows") or {}) or c.column not in (t.get("columns") or {}):
            statuses.append({**entry, "status": "stale", "now": shown_reading(now), "why": "format",
                             "why_zh": "本报告所用的格式没有这个单元格", "why_en": "the report's format has no such cell"})
            continue
        current = _cell_value(facts, c.table, c.row, c.column)
        if current == c.value and current != "?":
            statuses.append({**entry, "status": "confirmed", "now": shown_reading(now)})
            continue
        if c.has_was and not same_reading(now, c.was):
            statuses.append({**entry, "status": "stale", "now": shown_reading(now), "why": "reading",
                             "why_zh": f"该单元格现在读作“{now if now is not None else '（未找到）'}”，"
                                       f"更正时为“{c.was if c.was is not None else '（未找到）'}”",
                             "why_en": f"the cell now reads {now!r}, it read {c.was!r} when corrected"})
            continue
        if not c.has_was and c.sha256 and digest and c.sha256 != digest:
            statuses.append({**entry, "status": "stale", "now": shown_reading(now), "why": "file",
                             "why_zh": "更正之后文件已被修改（内容哈希不同），无法确认该单元格未变",
                             "why_en": "the file changed since the correction (its sha256 differs) and no 'was' "
                                       "says what the cell read"})
            continue
        _set_cell(t, c)
        touched.add((c.table, c.row))
        statuses.append({**entry, "status": "applied", "now": shown_reading(now)})
    for table_id, row_id in touched:
        _complete_row(facts["tables"][table_id], table_id, row_id)
    if statuses:
        facts["corrections"] = statuses
    return statuses


def _label(table: dict | None, c: Correction) -> str:
    """'第二十条第（八）项·行政事业性收费·本年收费金额（单位：万元）' — the cell as people name it."""
    if not table:
        return c.cell
    row = (table.get("rows") or {}).get(c.row) or {}
    col = (table.get("columns") or {}).get(c.column) or {}
    return "·".join(x for x in (table.get("title"), row.get("label") or c.row,
                                 (col.get("full_label") or col.get("label") or c.column).replace(" / ", "·")) if x)


def _set_cell(table: dict, c: Correction) -> None:
    row = table["rows"][c.row]
    old = (row.get("cells") or {}).get(c.column) if row.get("found") and row.get("reliable", True) else None
    value = c.value
    if value is None:
        cell = {"type": "blank", "value": None, "raw": ""}
    elif isinstance(value, float) and not value.is_integer():
        cell = {"type": "decimal", "value": value, "raw": str(value)}
    else:
        cell = {"type": "int" if table.get("value_type") != "decimal" else "decimal",
                "value": int(value) if table.get("value_type") != "decimal" else float(value), "raw": str(value)}
    if old and old.get("location"):
        cell["location"] = old["location"]
    cell["read"] = "corrected"
    cell["corrected"] = {"was": c.was if c.has_was else (old or {}).get("raw"), "reason": c.reason,
                         "reviewer": c.reviewer, "date": c.date, "source": c.source}
    row.setdefault("pending_cells", {})[c.column] = cell


def _complete_row(table: dict, table_id: str, row_id: str) -> None:
    """Corrected cells take effect: in a row that was read, at once; in a row that was not found
    or could not be read, once every column of it has a value."""
    row = table["rows"][row_id]
    pending = row.pop("pending_cells", {})
    usable = row.get("found") and row.get("reliable", True)
    if usable:
        row.setdefault("cells", {}).update(pending)
        return
    if set(pending) < set(table.get("columns") or {}):
        row["corrected_cells"] = pending  # recorded, not used: the row is still incomplete
        return
    row["cells"] = {cid: pending[cid] for cid in table["columns"]}
    if not row.get("found"):
        row.update(found=True, found_label="", match="exact", reliable=True)
        table["missing_rows"] = [r for r in table.get("missing_rows") or [] if r != row_id]
        table["found"] = True
    else:
        row["reliable"] = True
        table["unreliable_rows"] = [r for r in table.get("unreliable_rows") or [] if r != row_id]
    row["corrected"] = True


# ------------------------------------------------------------------ which findings rest on corrected cells

def corrected_cells(facts: dict | None) -> set[str]:
    """Fact paths of the cells a correction set."""
    out = set()
    for s in (facts or {}).get("corrections") or []:
        if s.get("status") == "applied":
            out.add(s["fact"])
    return out


def mark(findings: list, facts: dict | None) -> None:
    """finding.corrected: the corrected cells each finding rests on (its location and operands)."""
    cells = corrected_cells(facts)
    if not cells:
        return
    from validator.confidence import cells_of  # noqa: PLC0415

    for f in findings:
        hits = [f"tables.{t}.rows.{r}.cells.{c}" for t, r, c in cells_of(f) if c]
        hits = [h for h in hits if h in cells]
        if hits:
            f.corrected = list(dict.fromkeys(hits))


# ------------------------------------------------------------------ the skeleton for a reviewer

def skeleton_entries(path: str, facts: dict, relative_to: str | None = None) -> list[dict]:
    """Corrections to fill in for the cells xxgk doubted in one report: every cell of a row it
    could not read, the cells read doubtfully (validator/confidence.py), cells that are not
    numbers, blank cells in a row with figures (a cell lost in conversion looks like this). `value` is left null for the reviewer, `was` records what was read."""
    from validator.confidence import DOUBTFUL_READS, read_kind  # noqa: PLC0415

    rel = os.path.relpath(os.path.abspath(path), relative_to) if relative_to else path
    digest = file_sha256(path) if path != "-" and os.path.isfile(path) else None
    out = []
    for tid, t in (facts.get("tables") or {}).items():
        if not t.get("found"):
            continue
        for rid, r in (t.get("rows") or {}).items():
            if not r.get("found") or not r.get("numeric", True):
                continue
            cells = r.get("cells") or {}
            for cid in t.get("columns") or {}:
                c = cells.get(cid) or {}
                if not r.get("reliable", True):
                    why = "该行数字无法逐列读出"
                elif read_kind(r, c) in DOUBTFUL_READS:
                    why = DOUBTFUL_READS[read_kind(r, c)][0]
                elif c.get("type") == "invalid":
                    why = f"不是数字：“{c.get('raw', '')}”"
                elif c.get("type") == "blank" and any(o.get("value") for o in cells.values()):
                    why = "空白，而同行有数字（可能在转换中丢失）"
                else:
                    continue
                entry = {"file": rel, **({"sha256": digest} if digest else {}), "table": tid, "row": rid,
                         "column": cid, "value": None, "was": shown_reading(reading_of(facts, tid, rid, cid)),
                         "reason": why, "reviewer": "", "date": ""}
                out.append(entry)
    return out


def write_skeleton(entries: list[dict], out) -> None:
    """The corrections file a reviewer fills in: value, reviewer and date of each entry (the
    reason says why xxgk doubted the cell; replace it with the reviewer's own)."""
    import yaml  # noqa: PLC0415

    out.write("# xxgk 人工更正（schemas/corrections.schema.json）：按原件填写 value（空白单元格写 null），\n"
              "# 并填写 reviewer（核对人）和 date（YYYY-MM-DD）；reason 可改写为核对说明。不需要更正的条目删除即可。\n"
              "# Reviewer corrections: fill in value (null for a blank cell), reviewer and date; delete entries\n"
              "# that need no correction. Then: xxgk check --corrections THIS_FILE …\n")
    yaml.safe_dump({"xxgk_corrections": 1, "corrections": entries}, out, allow_unicode=True, sort_keys=False,
                   default_flow_style=False, width=120)
