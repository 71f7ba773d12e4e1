"""The closed operator set and its evaluation over facts.

A declarative check is `for_each` (parts, tables, rows, columns, column groups, cells) +
optional `where` + `assert`. Expressions read cells, sums of cells, and facts by path;
conditions compare them. No eval. When an operand a check needs is absent (table not found,
row missing or unreliable, cell not a number) the binding is *not applicable*: it is never a
failure, because a false error on a correct report costs more trust than a missed one.
"""
from __future__ import annotations

import operator
import re

from validator.document import SourceSpan
from validator.findings import Location
from validator.records import field, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, Iterator


class NotApplicable(Exception):
    """An operand the check needs is not there: skip this binding, do not fail it.

    `kind` says why (engine/reasons.py: table_absent, rows_missing, rows_unreadable,
    cells_not_numbers, cells_missing, format, not_relevant); table/row/column say where."""

    def __init__(self, message: str, kind: str = "not_relevant", table: str | None = None, row: str | None = None,
                 column: str | None = None, rows: list[str] | None = None, inner: str | None = None,
                 facts: dict | None = None):
        super().__init__(message)
        self.kind = kind
        self.table = table
        self.row = row
        self.column = column
        self.rows = rows
        self.inner = inner  # previous_unread: the kind, said of last year's report (`facts`)
        self.facts = facts


class Operand:
    """A cell a check read: its ids, value (a blank is 0 here and `blank` set: an arithmetic rule
    with a blank operand is not verified, engine/run.py) and location. The location is
    built when something asks for it — a finding, which most checked cells never become
    (building it for every operand was ~6 % of a check)."""

    __slots__ = ("table", "row", "column", "value", "blank", "report", "_location", "_where")

    def __init__(self, table: str, row: str, column: str, value: float | int, blank: bool,
                 location: Location | None = None, report: str | None = None, where: tuple | None = None):
        self.table, self.row, self.column, self.value, self.blank = table, row, column, value, blank
        self.report = report  # "previous": a cell of last year's report (XYR rules)
        self._location = location
        self._where = where  # (context, span dict) to build the location from

    @property
    def location(self) -> Location:
        if self._location is None and self._where is not None:
            ctx, span = self._where
            self._location = ctx.location(self.table, self.row, self.column, span)
            self._where = None
        return self._location

    @location.setter
    def location(self, value: Location) -> None:
        self._location, self._where = value, None

    def __eq__(self, other) -> bool:
        return isinstance(other, Operand) and (self.table, self.row, self.column, self.value, self.blank, self.report,
                                               self.location) == (other.table, other.row, other.column, other.value,
                                                                  other.blank, other.report, other.location)

    def __repr__(self) -> str:
        return (f"Operand(table={self.table!r}, row={self.row!r}, column={self.column!r}, value={self.value!r}, "
                f"blank={self.blank!r}, report={self.report!r})")


@record
class Value:
    value: Any
    operands: list[Operand] = field(default_factory=list)

    @property
    def number(self) -> float | int:
        if not isinstance(self.value, (int, float)) or isinstance(self.value, bool):
            raise NotApplicable(f"not a number: {self.value!r}", "not_relevant")
        return self.value


@record
class Comparison:
    left: Value
    op: str
    right: Value


OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq, "!=": operator.ne}


class Context:
    """Facts plus the current bindings ($part, $table, $row, $column, $group, $cell).

    `previous` is last year's facts when the report was paired with last year's (XYR rules):
    `{cell: {…, report: previous}}` and `{fact: previous.meta.year}` read it; without it such an
    operand is not applicable.
    """

    def __init__(self, facts: dict, part_titles: dict[int, str], previous: dict | None = None):
        self.facts = facts
        self.part_titles = part_titles
        self.previous = previous
        self.bindings: dict[str, Any] = {}
        self.failed: Comparison | None = None
        self.skipped: list[NotApplicable] = []  # rows an iteration could not visit (unreadable)
        self.used: list[Operand] = []  # the cells the current binding's comparisons read

    # ------------------------------------------------------------ facts and locations
    def table(self, tid: str) -> dict:
        t = self.facts["tables"].get(tid)
        if t is None or not t.get("found"):
            raise NotApplicable(f"table {tid} not found", "table_absent", tid)
        return t

    def resolve(self, ref: Any) -> Any:
        """'$row' -> the bound row id; '$group.total' -> attribute; literals pass through."""
        if isinstance(ref, str) and ref.startswith("$"):
            head, *rest = ref[1:].split(".")
            if head not in self.bindings:
                raise KeyError(f"unbound reference {ref}")
            value = self.bindings[head]
            for key in rest:
                value = value[key] if isinstance(value, dict) else getattr(value, key)
            return value
        return ref

    def location(self, tid: str, rid: str | None = None, cid: str | None = None,
                 span: dict | None = None) -> Location:
        t = self.facts["tables"].get(tid) or {}
        row_label = t.get("rows", {}).get(rid, {}).get("label") if rid else None
        col = t.get("columns", {}).get(cid) if cid else None
        part_no = t.get("part")
        return Location(
            span=SourceSpan.from_dict(span),
            part=self.part_titles.get(part_no),
            table=tid,
            table_title=t.get("title"),
            row=row_label or None,
            column=(col.get("full_label") or col.get("label")) if col else None,
            fact=f"tables.{tid}" + (f".rows.{rid}" if rid else "") + (f".cells.{cid}" if cid else ""),
        )

    def cell(self, tid: str, rid: str, cid: str, report: str | None = None) -> Operand:
        if report == "previous":
            return self._previous_cell(tid, rid, cid)
        t = self.table(tid)
        row = t["rows"].get(rid)
        if row is None or not row.get("found"):
            raise NotApplicable(f"row {tid}.{rid} not found", "rows_missing", tid, rid, cid)
        if not row.get("reliable", True):
            raise NotApplicable(f"row {tid}.{rid} unreliable", "rows_unreadable", tid, rid, cid)
        c = row.get("cells", {}).get(cid)
        if c is None:
            raise NotApplicable(f"cell {tid}.{rid}.{cid} absent", "cells_missing", tid, rid, cid)
        if c["type"] == "invalid":
            raise NotApplicable(f"cell {tid}.{rid}.{cid} is not a number", "cells_not_numbers", tid, rid, cid)
        blank = c["type"] == "blank"
        return Operand(tid, rid, cid, 0 if blank else c["value"], blank, where=(self, c.get("location")))

    def _previous_cell(self, tid: str, rid: str, cid: str) -> Operand:
        """A cell of last year's report. Its location names the fact only: a line number of
        another file would point into this one."""
        if self.previous is None:
            raise NotApplicable("no report of the previous year", "no_previous")
        try:
            op = Context(self.previous, part_titles_of(self.previous)).cell(tid, rid, cid)
        except NotApplicable as exc:  # said of last year's report, not this one
            raise NotApplicable(f"last year's report: {exc}", "previous_unread", exc.table, exc.row, exc.column,
                                inner=exc.kind, facts=self.previous) from None
        loc = op.location
        loc.span = SourceSpan()
        loc.fact = f"previous.{loc.fact}"
        op.report = "previous"
        return op

    def rollup(self, tid: str, rid: str, cid: str) -> list[Operand]:
        """A row's operands: itself, or for a group the sum of its sub-rows — or the subtotal
        row the report wrote when the sub-rows are absent (2019-style single （六）)."""
        t = self.table(tid)
        row = t["rows"].get(rid)
        if row is None:
            raise NotApplicable(f"row {tid}.{rid} unknown", "format", tid, rid, cid)
        if row["numeric"]:
            return [self.cell(tid, rid, cid)]
        children = [k for k, r in t["rows"].items() if r.get("parent") == rid]
        found = [k for k in children if t["rows"][k]["found"]]
        if children and len(found) == len(children):
            out: list[Operand] = []
            for k in children:
                out.extend(self.rollup(tid, k, cid))
            return out
        if row.get("found") and (not found):
            return [self.cell(tid, rid, cid)]
        missing = [k for k in children if k not in found] if found else [rid]
        raise NotApplicable(f"group {tid}.{rid}: sub-rows incomplete", "rows_missing", tid, rid, cid, rows=missing)

    # ------------------------------------------------------------ expressions
    def expr(self, e: Any) -> Value:
        if isinstance(e, (int, float)):
            return Value(e)
        if isinstance(e, str):
            return Value(self.resolve(e))
        if "cell" in e:
            spec = e["cell"]
            op = self.cell(self.resolve(spec["table"]), self.resolve(spec["row"]), self.resolve(spec["column"]),
                           spec.get("report"))
            return Value(op.value, [op])
        if "sum" in e:
            spec = e["sum"]
            tid = self.resolve(spec["table"])
            t = self.table(tid)
            rows = self._ids(spec.get("rows"), t, "rows")
            cols = self._ids(spec.get("columns"), t, "columns")
            operands: list[Operand] = []
            for rid in rows:
                for cid in cols:
                    operands.extend(self.rollup(tid, rid, cid))
            total = sum(o.value for o in operands)
            return Value(total, operands)
        if "add" in e:
            parts = [self.expr(x) for x in e["add"]]
            return Value(sum(p.number for p in parts), [o for p in parts for o in p.operands])
        if "subtract" in e:
            first, *rest = [self.expr(x) for x in e["subtract"]]
            return Value(first.number - sum(p.number for p in rest),
                         [*first.operands, *(o for p in rest for o in p.operands)])
        if "fact" in e:
            return Value(self.fact(e["fact"]))
        if "count" in e:
            v = self.expr(e["count"]).value
            return Value(len(v) if v is not None else 0)
        if "labels" in e:
            spec = e["labels"]
            tid = self.resolve(spec["table"])
            t = self.facts["tables"].get(tid, {})
            ids = self.expr(spec["ids"]).value or []
            kind = spec.get("kind", "row")
            pool = t.get("rows" if kind == "row" else "columns", {})
            return Value("、".join(pool.get(i, {}).get("label") or i for i in ids))
        raise ValueError(f"unknown expression {e!r}")

    def _ids(self, spec: Any, table: dict, kind: str) -> list[str]:
        if spec is None:
            return [k for k, v in table[kind].items() if kind == "columns" or v["numeric"]]
        if isinstance(spec, list):
            return spec
        if isinstance(spec, str):
            value = self.resolve(spec)
            return [value] if isinstance(value, str) else list(value)
        if "set" in spec:
            sets = self.bindings.get("_row_sets", {})
            if spec["set"] not in sets:
                raise NotApplicable(f"row set {spec['set']} not defined for this format", "format")
            return list(sets[spec["set"]])
        if "group" in spec:
            return list(self.resolve(spec["group"])["columns"])
        if "children" in spec:
            rid = self.resolve(spec["children"])
            return [k for k, r in table["rows"].items() if r.get("parent") == rid]
        raise ValueError(f"bad id list {spec!r}")

    def fact(self, path: str) -> Any:
        """'meta.year', '$table.missing_rows', '$row.label', 'previous.meta.year' …"""
        head, *rest = path.split(".")
        if head.startswith("$"):
            value = self.resolve(head)
        elif head == "previous":
            if self.previous is None:
                raise NotApplicable("no report of the previous year", "no_previous")
            value, (head, *rest) = self.previous, rest
            value = value.get(head)
        else:
            value = self.facts.get(head)
        for key in rest:
            if value is None:
                return None
            if isinstance(value, dict):
                value = value.get(key)
            elif isinstance(value, list) and key.isdigit():
                value = value[int(key)] if int(key) < len(value) else None
            else:
                value = getattr(value, key, None)
        return value

    # ------------------------------------------------------------ why a binding could not be judged
    def causes(self, node: Any) -> list[NotApplicable]:
        """Every operand of a condition or expression that is not there, not just the first:
        a reason that names all the rows a check lacks ("rows 一, 二 of table 三 are
        missing") instead of the first one evaluation stopped at."""
        out: list[NotApplicable] = []
        self._causes(node, out)
        return out

    def _causes(self, node: Any, out: list[NotApplicable]) -> None:
        if isinstance(node, list):
            for x in node:
                self._causes(x, out)
            return
        if not isinstance(node, dict):
            return
        try:
            if "cell" in node:
                self.expr(node)
                return
            if "sum" in node:
                spec = node["sum"]
                tid = self.resolve(spec["table"])
                t = self.table(tid)
                for rid in self._ids(spec.get("rows"), t, "rows"):
                    for cid in self._ids(spec.get("columns"), t, "columns"):
                        try:
                            self.rollup(tid, rid, cid)
                        except NotApplicable as exc:
                            out.append(exc)
                return
        except NotApplicable as exc:
            out.append(exc)
            return
        for key, value in node.items():
            if key in ("fact", "labels", "count", "matches", "in"):
                if key in ("matches", "in"):
                    self._causes(value[0], out)
                continue
            self._causes(value, out)

    # ------------------------------------------------------------ conditions
    def cond(self, c: dict) -> bool:
        if "equals" in c:
            return self._compare(c["equals"][0], "==", c["equals"][1])
        if "compare" in c:
            left, op, right = c["compare"]
            return self._compare(left, op, right)
        if "exists" in c:
            try:
                return self.expr(c["exists"]).value is not None
            except NotApplicable:
                return False
        if "truthy" in c:
            return bool(self.expr(c["truthy"]).value)
        if "empty" in c:
            return not self.expr(c["empty"]).value
        if "matches" in c:
            value = self.expr(c["matches"][0]).value
            return value is not None and re.search(c["matches"][1], str(value)) is not None
        if "in" in c:
            return self.expr(c["in"][0]).value in c["in"][1]
        if "all" in c:
            return all(self.cond(x) for x in c["all"])
        if "any" in c:
            return any(self.cond(x) for x in c["any"])
        if "not" in c:
            return not self.cond(c["not"])
        raise ValueError(f"unknown condition {c!r}")

    def _compare(self, left_e: Any, op: str, right_e: Any) -> bool:
        left, right = self.expr(left_e), self.expr(right_e)
        self.used.extend(left.operands)
        self.used.extend(right.operands)
        if left.operands or right.operands or isinstance(left.value, (int, float)):
            lv, rv = left.number, right.number
            ok = OPS[op](round(lv, 6), round(rv, 6))
        else:
            ok = OPS[op](left.value, right.value)
        if not ok:
            self.failed = Comparison(left, op, right)
        return ok


def part_titles_of(facts: dict) -> dict[int, str]:
    return {p["number"]: p["official"] for p in facts.get("parts", [])}


# ---------------------------------------------------------------- iteration
def iterate(ctx: Context, spec: dict | None) -> Iterator[dict[str, Any]]:
    """Bindings for for_each; each is a dict merged into ctx.bindings."""
    if spec is None:
        yield {}
        return
    (kind, arg), = spec.items()
    facts = ctx.facts
    if kind == "parts":
        for p in facts["parts"]:
            yield {"part": p}
        return
    if kind == "tables":
        ids = list(facts["tables"]) if arg == "all" else [t for t in arg if t in facts["tables"]]
        for tid in ids:
            yield {"table": {"id": tid, **facts["tables"][tid]}}
        return
    tables = list(facts["tables"]) if arg.get("table") == "*" else [arg["table"]]
    for tid in tables:
        t = facts["tables"].get(tid)
        if t is None or not t.get("found"):
            continue
        table = {"id": tid, **t}
        if kind == "rows":
            for rid, row in t["rows"].items():
                if arg.get("ids") and rid not in arg["ids"]:
                    continue
                if arg.get("numeric") is not None and row["numeric"] != arg["numeric"]:
                    continue
                if arg.get("subtotals") and not row.get("subtotal"):
                    continue
                yield {"table": table, "row": {"id": rid, **row}}
        elif kind == "columns":
            for cid, col in t["columns"].items():
                if arg.get("ids") and cid not in arg["ids"]:
                    continue
                yield {"table": table, "column": {"id": cid, **col}}
        elif kind == "column_groups":
            from validator.recognize.formats import load_formats  # noqa: PLC0415

            spec_t = load_formats()[facts["template"]["used"]].table(tid)
            for gid, g in (spec_t.column_groups if spec_t else {}).items():
                yield {"table": table, "group": {"id": gid, **g}}
        elif kind == "cells":
            # one binding dict per row and per column, shared by its cells (bindings are read,
            # never written): a check over every cell of every table copied them per cell
            columns: dict[str, dict] = {}
            for rid, row in t["rows"].items():
                if row.get("found") and not row.get("reliable", True) and (not arg.get("rows") or rid in arg["rows"]):
                    ctx.skipped.append(NotApplicable(f"row {tid}.{rid} unreliable", "rows_unreadable", tid, rid))
                if not row.get("found") or not row.get("reliable", True):
                    continue
                if arg.get("rows") and rid not in arg["rows"]:
                    continue
                if arg.get("subtotals") and not row.get("subtotal"):
                    continue
                if not arg.get("subtotals") and not row["numeric"]:
                    continue
                row_binding = None
                for cid, cell in row.get("cells", {}).items():
                    if arg.get("columns") and cid not in arg["columns"]:
                        continue
                    if row_binding is None:
                        row_binding = {"id": rid, **row}
                    column = columns.get(cid)
                    if column is None:
                        column = columns[cid] = {"id": cid, **t["columns"][cid]}
                    yield {"table": table, "row": row_binding, "column": column, "cell": cell}
        else:
            raise ValueError(f"unknown iteration {kind}")
