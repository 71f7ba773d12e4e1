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
    from typing import Any, Callable, Iterator


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
        return self._location  # type: ignore[return-value]  # every operand is made with a location or a where

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
    label: str | None = None  # what the value is (a phrasebook meaning's label)
    alternatives: list[Value] = field(default_factory=list)  # other values `equals` accepts (a meaning's)

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

    def __init__(self, facts: dict, part_titles: dict[int, str], previous: dict | None = None,
                 report: Any = None, options: dict | None = None):
        self.facts = facts
        self.part_titles = part_titles
        self.previous = previous
        self.report = report  # the recognised report (validator.recognize.Report): text and statements
        self.options = options or {}  # the rule's options, defaults filled in
        self.bindings: dict[str, Any] = {}
        self.failed: Comparison | None = None
        self.skipped: list[NotApplicable] = []  # rows an iteration could not visit (unreadable)
        self.used: list[Operand] = []  # the cells the current binding's comparisons read
        self._statements: dict[str, list[dict]] = {}

    # ------------------------------------------------------------ facts and locations
    def table(self, tid: str) -> dict:
        t = self.facts["tables"].get(tid)
        if t is None or not t.get("found"):
            raise NotApplicable(f"table {tid} not found", "table_absent", tid)
        return t

    def resolve(self, ref: Any) -> Any:
        """'$row' -> the bound row; '$group.total', '$x.0' -> a field or list element; literals pass through."""
        if isinstance(ref, str) and ref.startswith("$"):
            head, *rest = ref[1:].split(".")
            if head not in self.bindings:
                raise KeyError(f"unbound reference {ref}")
            return walk(self.bindings[head], rest)
        return ref

    def bind(self, name: str, value: Any) -> Any:
        """Bind `name` (an `as:` of items, map, some …) and return what it was bound to before."""
        old = self.bindings.get(name, _UNBOUND)
        self.bindings[name] = value
        return old

    def unbind(self, name: str, old: Any) -> None:
        if old is _UNBOUND:
            self.bindings.pop(name, None)
        else:
            self.bindings[name] = old

    def location(self, tid: str, rid: str | None = None, cid: str | None = None,
                 span: dict | None = None) -> Location:
        t = self.facts["tables"].get(tid) or {}
        row_label = t.get("rows", {}).get(rid, {}).get("label") if rid else None
        col = t.get("columns", {}).get(cid) if cid else None
        part_no = t.get("part")
        return Location(
            span=SourceSpan.from_dict(span),
            part=self.part_titles.get(part_no) if part_no is not None else None,
            table=tid,
            table_title=t.get("title"),
            row=row_label or None,
            column=(col.get("full_label") or col.get("label")) if col else None,
            fact=f"tables.{tid}" + (f".rows.{rid}" if rid else "") + (f".cells.{cid}" if cid else ""),
        )

    def table_location(self, tid: str, rid: str | None = None, cid: str | None = None) -> Location:
        """A table, row or cell, pointing at the cell's (else the row's, else the table's) source."""
        t = self.facts["tables"].get(tid, {})
        span = None
        if rid and t.get("rows", {}).get(rid, {}).get("found"):
            row = t["rows"][rid]
            span = (row.get("cells", {}).get(cid) or {}).get("location") if cid else row.get("location")
            span = span or row.get("location")
        elif t.get("locations"):
            span = t["locations"][0].get("location")
        return self.location(tid, rid, cid, span)

    def part_location(self, number: int) -> Location:
        """A part's heading when it was found, else the part by its official title."""
        p = next((p for p in self.facts["parts"] if p["number"] == number), None)
        title = self.part_titles.get(number)
        if p is not None and p.get("found"):
            return Location(span=SourceSpan.from_dict(p.get("location")), part=p.get("official") or title,
                            fact=f"parts.{number}")
        return Location(part=title, fact=f"parts.{number}")

    def text_location(self, offset: int, part: int | None = None) -> Location:
        """An offset in the report's text stream, in part `part` (None: the preface)."""
        return Location(span=self.report.stream.span_at(offset), part=self.part_titles.get(part) if part else None,
                        fact=f"text.part{part}" if part else "text")

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
        if isinstance(e, str):
            value = self.resolve(e)
            return value if isinstance(value, Value) else Value(value)
        if not isinstance(e, dict):  # numbers, true/false, null
            return Value(e)
        (op, arg), *rest = e.items()
        handler = _EXPRESSIONS.get(op)
        if handler is None:
            raise ValueError(f"unknown expression {e!r}")
        return handler(self, arg, e)

    def value(self, e: Any) -> Any:
        """An expression's plain value."""
        return self.expr(e).value

    def _cell(self, spec: dict, e: dict) -> Value:
        op = self.cell(self.resolve(spec["table"]), self.resolve(spec["row"]), self.resolve(spec["column"]),
                       spec.get("report"))
        return Value(op.value, [op])

    def _sum(self, spec: dict, e: dict) -> Value:
        tid = self.resolve(spec["table"])
        t = self.table(tid)
        rows = self._ids(spec.get("rows"), t, "rows")
        cols = self._ids(spec.get("columns"), t, "columns")
        operands: list[Operand] = []
        for rid in rows:
            for cid in cols:
                operands.extend(self.rollup(tid, rid, cid))
        return Value(sum(o.value for o in operands), operands)

    def _add(self, arg: list, e: dict) -> Value:
        parts = [self.expr(x) for x in arg]
        return Value(sum(p.number for p in parts), [o for p in parts for o in p.operands])

    def _subtract(self, arg: list, e: dict) -> Value:
        first, *rest = [self.expr(x) for x in arg]
        return Value(first.number - sum(p.number for p in rest), [*first.operands, *(o for p in rest for o in p.operands)])

    def _fact(self, path: str, e: dict) -> Value:
        value = self.fact(path)
        return Value(e["default"] if value is None and "default" in e else value)

    def _count(self, arg: Any, e: dict) -> Value:
        v = self.expr(arg).value
        return Value(len(v) if v is not None else 0)

    def _labels(self, spec: dict, e: dict) -> Value:
        t = self.facts["tables"].get(self.resolve(spec["table"]), {})
        ids = self.expr(spec["ids"]).value or []
        pool = t.get("rows" if spec.get("kind", "row") == "row" else "columns", {})
        return Value("、".join(pool.get(i, {}).get("label") or i for i in ids))

    def _text(self, spec: Any, e: dict) -> Value:
        """The prose of the whole report (all), the preface, or a part (body: without its heading)."""
        if spec == "all":
            return Value(self.report.stream.text)
        if spec == "preface":
            return Value(self.report.part_text(None)[0])
        number = self.expr(spec["part"]).value
        text = self.report.part_prose(number)[0] if spec.get("body") else self.report.part_text(number)[0]
        return Value(text)

    def _option(self, name: str, e: dict) -> Value:
        return Value(self.options.get(name))

    def _date(self, spec: dict, e: dict) -> Value:
        if "parse" in spec:
            raw = self.expr(spec["parse"]).value
            return Value(parse_date(str(raw)) if raw not in (None, "") else None)
        year, month, day = (self.expr(spec[k]).value for k in ("year", "month", "day"))
        if year is None or month is None or day is None:
            return Value(None)
        return Value(f"{int(year):04d}-{int(month):02d}-{int(day):02d}")

    def _days(self, arg: list, e: dict) -> Value:
        from datetime import date  # noqa: PLC0415 - only when a rule counts days

        start, end = (self.expr(x).value for x in arg)
        if not start or not end:
            return Value(None)
        return Value((date.fromisoformat(end) - date.fromisoformat(start)).days)

    def _lookup(self, arg: list, e: dict) -> Value:
        key = self.expr(arg[0]).value
        table = arg[1]
        if key in table:
            return self.expr(table[key])
        return Value(e.get("default"))

    def _if(self, cond: Any, e: dict) -> Value:
        return self.expr(e["then"] if self.cond(cond) else e.get("else"))

    def _concat(self, arg: list, e: dict) -> Value:
        return Value("".join(show(self.expr(x).value) for x in arg))

    def _join(self, spec: dict, e: dict) -> Value:
        items = self._list(spec["of"])
        if "first" in spec:
            items = items[: spec["first"]]
        return Value(spec.get("sep", "、").join(show(x.value if isinstance(x, Value) else x) for x in items))

    def _list(self, e: Any) -> list:
        value = self.expr(e).value
        if value is None:
            return []
        if isinstance(value, dict):
            return list(value.values())
        return list(value)

    def _each(self, spec: dict) -> Iterator[Any]:
        """The elements of spec['of'] bound in turn to spec['as'] (default `item`)."""
        name = spec.get("as", "item")
        items = self._list(spec["of"])
        old = self.bind(name, None)
        try:
            for item in items:
                self.bindings[name] = item
                yield item
        finally:
            self.unbind(name, old)

    def _map(self, spec: dict, e: dict) -> Value:
        out = []
        for item in self._each(spec):
            if "where" in spec and not self.cond(spec["where"]):
                continue
            out.append(self.expr(spec["value"]) if "value" in spec else item)
        return Value([x.value if isinstance(x, Value) and x.operands == [] and x.label is None else x for x in out])

    def _first(self, spec: dict, e: dict) -> Value:
        for item in self._each(spec):
            if "where" not in spec or self.cond(spec["where"]):
                return item if isinstance(item, Value) else Value(item)
        return Value(e.get("default"))

    def _entries(self, arg: Any, e: dict) -> Value:
        value = self.expr(arg).value or {}
        return Value([{"key": k, "value": v} for k, v in sorted(value.items())])

    def _values(self, arg: Any, e: dict) -> Value:
        return Value(list((self.expr(arg).value or {}).values()))

    def _literal_list(self, arg: list, e: dict) -> Value:
        return Value(list(arg))

    def _clip(self, spec: dict, e: dict) -> Value:
        text = show(self.expr(spec["of"]).value)
        n = spec["chars"]
        return Value(text if len(text) <= n else text[:n] + spec.get("mark", "…"))

    def _strip(self, arg: Any, e: dict) -> Value:
        return Value(show(self.expr(arg).value).strip())

    def _format(self, spec: dict, e: dict) -> Value:
        from validator.recognize.formats import load_formats  # noqa: PLC0415

        fmt = load_formats().get(self.expr(spec["id"]).value)
        return Value(getattr(fmt, spec["field"]) if fmt is not None else None)

    # ------------------------------------------------------------ the phrasebook's statements
    def statements(self, kind_id: str) -> list[dict]:
        """The statements of a phrasebook kind in the parts it reads (its `where`), in order, as
        bindings: kind, quote, value, tags, groups, part (None: the preface), start/end (stream offsets)."""
        cached = self._statements.get(kind_id)
        if cached is not None:
            return cached
        from validator.phrases import find, load_phrasebook  # noqa: PLC0415

        book = load_phrasebook()
        out = []
        for where in book.kind(kind_id).where:
            part = None if where == "preface" else where
            text, offset = self.report.part_text(part)
            if not text:
                continue
            for st in find(book, kind_id, text):
                out.append({"kind": kind_id, "quote": st.quote, "value": st.value, "tags": list(st.tags),
                            "groups": list(st.groups), "part": part, "start": st.start + offset,
                            "end": st.end + offset})
        self._statements[kind_id] = out
        return out

    def _statements_expr(self, kind_id: str, e: dict) -> Value:
        return Value(self.statements(kind_id))

    def _topics(self, kind_id: str, e: dict) -> Value:
        from validator.phrases import load_phrasebook  # noqa: PLC0415

        topics = load_phrasebook().kind(kind_id).data["topics"]
        return Value([{"id": tid, "title": t["title"]} for tid, t in topics.items()])

    def _meaning(self, ref: Any, e: dict) -> Value:
        """The figures a count statement may equal: its kind's `means` for the statement's tags
        and groups whose cells can be read; the first, with the others as alternatives."""
        from validator.phrases import load_phrasebook  # noqa: PLC0415

        st = self.resolve(ref)
        accepted = []
        for meaning in load_phrasebook().kind(st["kind"]).data["means"]:
            if meaning.get("tag") and meaning["tag"] not in st["tags"]:
                continue
            if meaning.get("when") and meaning["when"] not in st["groups"]:
                continue
            if meaning.get("unless") and meaning["unless"] in st["groups"]:
                continue
            try:
                v = self.expr(meaning["expr"])
            except NotApplicable:
                continue
            if isinstance(v.value, (int, float)) and not isinstance(v.value, bool):
                accepted.append(Value(v.value, v.operands, label=meaning["label"]))
        if not accepted:
            raise NotApplicable("no figure in the tables for this statement", "not_relevant")
        first = accepted[0]
        return Value(first.value, first.operands, label=first.label, alternatives=accepted[1:])

    def _figures(self, spec: dict, e: dict) -> Value:
        """The figures a claim statement's tags (or one `tag`) are contradicted by, those that can be read."""
        from validator.phrases import load_phrasebook  # noqa: PLC0415

        st = self.resolve(spec["statement"])
        contradicted_by = load_phrasebook().kind(st["kind"]).data["contradicted_by"]
        out = []
        for tag in [spec["tag"]] if "tag" in spec else st["tags"]:
            for figure in contradicted_by.get(tag, []):
                try:
                    out.append(self.expr(figure))
                except NotApplicable:
                    continue
        return Value(out)

    def _label(self, arg: Any, e: dict) -> Value:
        v = self.expr(arg)
        if v.label:
            return Value(v.label)
        return Value(next((o.location.row for o in v.operands if o.location.row), ""))

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
        """'meta.year', '$table.missing_rows', '$row.label', 'previous.meta.year', 'parts.0.found' …"""
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
        return walk(value, rest, lenient=True)

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
        if any(k in node for k in ("some", "every", "map", "first")):
            return  # their `as:` variable is bound only while they run
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
        except KeyError:
            return
        for key, value in node.items():
            if key in ("fact", "labels", "count", "matches", "in"):
                if key in ("matches", "in"):
                    self._causes(value[0], out)
                continue
            self._causes(value, out)

    # ------------------------------------------------------------ conditions
    def cond(self, c: Any) -> bool:
        if c is True or c is False:
            return c
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
            pattern = self.resolve(c["matches"][1])
            return value is not None and re.search(pattern, show(value)) is not None
        if "in" in c:
            pool = c["in"][1]
            values = pool if isinstance(pool, list) else self._list(pool)
            return self.expr(c["in"][0]).value in values
        if "all" in c:
            return all(self.cond(x) for x in c["all"])
        if "any" in c:
            return any(self.cond(x) for x in c["any"])
        if "not" in c:
            # what failed inside a `not` does not explain the outcome (nor does a `some`'s)
            failed = self.failed
            holds = not self.cond(c["not"])
            self.failed = failed
            return holds
        if "some" in c:
            failed = self.failed
            holds = any(self.cond(c["some"]["holds"]) for _ in self._each(c["some"]))
            self.failed = failed
            return holds
        if "every" in c:
            return all(self.cond(c["every"]["holds"]) for _ in self._each(c["every"]))
        raise ValueError(f"unknown condition {c!r}")

    def _compare(self, left_e: Any, op: str, right_e: Any) -> bool:
        left, right = self.expr(left_e), self.expr(right_e)
        self.used.extend(left.operands)
        self.used.extend(right.operands)
        numeric = bool(left.operands or right.operands) or (isinstance(left.value, (int, float))
                                                           and not isinstance(left.value, bool))
        # a phrasebook meaning: equal to any of the figures the statement may mean
        for candidate in (right, *right.alternatives):
            if numeric:
                ok = OPS[op](round(left.number, 6), round(candidate.number, 6))
            else:
                ok = OPS[op](left.value, candidate.value)
            if ok:
                return True
        self.failed = Comparison(left, op, right)
        return False


_UNBOUND = object()


def walk(value: Any, keys: list[str], lenient: bool = False) -> Any:
    """Follow a path: mapping keys, list indexes ('0'), attributes. `lenient` (facts): a missing
    step gives None; otherwise (bindings) a KeyError, which is a bug in the rule file."""
    for key in keys:
        if isinstance(value, Value):
            value = value.value
        if value is None:
            if lenient:
                return None
            raise KeyError(f"{key}: nothing to read it from")
        if isinstance(value, dict):
            value = value.get(key) if lenient else value[key]
        elif isinstance(value, (list, tuple)) and key.isdigit():
            i = int(key)
            value = value[i] if i < len(value) else None
        else:
            value = getattr(value, key, None) if lenient else getattr(value, key)
    return value


class _Taken:
    """Stretches of text already read, none overlapping another, kept sorted: whether a new one
    overlaps is a bisection (a long text has thousands of statements; scanning them all for
    each was quadratic). Sorted by (start, end), such stretches also have their ends in order,
    so the last one starting before a new stretch ends is the only one that can overlap it."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        from bisect import bisect_left  # noqa: PLC0415 - statements iterations only

        i = bisect_left(self.spans, (end, -1))  # the stretches that start before `end`
        return i > 0 and self.spans[i - 1][1] > start

    def add(self, start: int, end: int) -> None:
        from bisect import insort  # noqa: PLC0415

        insort(self.spans, (start, end))


def show(value: Any) -> str:
    """A value as a message shows it: numbers without a trailing .0, nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def parse_date(value: str) -> str | None:
    """A date as 'YYYY-MM-DD' (from the report or an option), or None when it is not one."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        from validator.recognize.meta import iso_date  # noqa: PLC0415

        return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    from datetime import date  # noqa: PLC0415 - the other ISO 8601 forms (20240120, 2024-W03-6)

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


_EXPRESSIONS: dict[str, Callable[..., Any]] = {
    "cell": Context._cell, "sum": Context._sum, "add": Context._add, "subtract": Context._subtract,
    "fact": Context._fact, "count": Context._count, "labels": Context._labels, "text": Context._text,
    "option": Context._option, "date": Context._date, "days": Context._days, "lookup": Context._lookup,
    "if": Context._if, "concat": Context._concat, "join": Context._join, "map": Context._map,
    "first": Context._first, "entries": Context._entries, "values": Context._values, "list": Context._literal_list,
    "clip": Context._clip, "strip": Context._strip, "format": Context._format, "statements": Context._statements_expr,
    "topics": Context._topics, "meaning": Context._meaning, "figures": Context._figures, "label": Context._label,
}


def part_titles_of(facts: dict) -> dict[int, str]:
    return {p["number"]: p["official"] for p in facts.get("parts", [])}


# ---------------------------------------------------------------- iteration
def iterate(ctx: Context, spec: dict | list | None) -> Iterator[dict[str, Any]]:
    """Bindings for for_each; each is a dict merged into ctx.bindings. A list of iterations
    nests them, left to right; a later one sees the earlier one's bindings."""
    if spec is None:
        yield {}
        return
    if isinstance(spec, list):
        yield from _nested(ctx, spec, {})
        return
    (kind, arg), = spec.items()
    facts = ctx.facts
    if kind == "parts":
        for p in facts["parts"]:
            if arg == "found" and not p["found"]:
                continue
            yield {"part": p}
        return
    if kind == "tables":
        ids = list(facts["tables"]) if arg == "all" else [t for t in arg if t in facts["tables"]]
        for tid in ids:
            yield {"table": {"id": tid, **facts["tables"][tid]}}
        return
    if kind == "items":
        name = arg.get("as", "item")
        for item in ctx._list(arg["of"]):
            yield {name: item}
        return
    if kind == "statements":
        taken = _Taken()
        for kind_id in arg["kinds"]:
            for st in ctx.statements(kind_id):
                if arg.get("distinct"):
                    # one statement per stretch of text: where two kinds read the same words, the first kind wins
                    if taken.overlaps(st["start"], st["end"]):
                        continue
                    taken.add(st["start"], st["end"])
                yield {"statement": st}
        return
    table_arg = arg.get("table")
    tables = list(facts["tables"]) if table_arg == "*" else (list(table_arg) if isinstance(table_arg, list) else [table_arg])
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
            only_rows, only_columns, subtotals = arg.get("rows"), arg.get("columns"), arg.get("subtotals")
            for rid, row in t["rows"].items():
                if row.get("found") and not row.get("reliable", True) and (not only_rows or rid in only_rows):
                    ctx.skipped.append(NotApplicable(f"row {tid}.{rid} unreliable", "rows_unreadable", tid, rid))
                if not row.get("found") or not row.get("reliable", True):
                    continue
                if only_rows and rid not in only_rows:
                    continue
                if subtotals and not row.get("subtotal"):
                    continue
                if not subtotals and not row["numeric"]:
                    continue
                row_binding = None
                for cid, cell in row.get("cells", {}).items():
                    if only_columns and cid not in only_columns:
                        continue
                    if row_binding is None:
                        row_binding = {"id": rid, **row}
                    column = columns.get(cid)
                    if column is None:
                        column = columns[cid] = {"id": cid, **t["columns"][cid]}
                    yield {"table": table, "row": row_binding, "column": column, "cell": cell}
        else:
            raise ValueError(f"unknown iteration {kind}")


def _nested(ctx: Context, specs: list, outer: dict[str, Any]) -> Iterator[dict[str, Any]]:
    head, *rest = specs
    saved = ctx.bindings
    for binding in iterate(ctx, head):
        merged = {**outer, **binding}
        if not rest:
            yield merged
            continue
        ctx.bindings = {**saved, **merged}
        try:
            inner = list(_nested(ctx, rest, merged))
        finally:
            ctx.bindings = saved
        yield from inner


# ---------------------------------------------------------------- compiled evaluation
# The same operators as Context.expr / Context.cond, turned once into Python closures: a rule's
# condition is walked as data once, when it is first run, instead of on every binding (a check over
# every cell of every table evaluates the same nodes thousands of times a report). Each closure does
# exactly what the interpreter does for its node, in the same order (which operand is read first
# decides which NotApplicable explains a skip); a node of a shape the compiler does not take apart
# is left to the interpreter, so a malformed node fails when it is evaluated, as it always did.
# The YAML stays the rule: these closures are an implementation of its data, not rules in Python.

def compile_expr(e: Any) -> Callable[[Context], Value]:
    """A closure computing Context.expr(e)."""
    if isinstance(e, str):
        if e.startswith("$"):
            ref = _compile_ref(e)

            def reference(ctx: Context) -> Value:
                value = ref(ctx)
                return value if isinstance(value, Value) else Value(value)
            return reference
        return lambda ctx: Value(e)
    if not isinstance(e, dict):
        return lambda ctx: Value(e)
    if not e:
        return lambda ctx: ctx.expr(e)
    op, arg = next(iter(e.items()))
    make = _EXPRESSION_COMPILERS.get(op)
    compiled = make(arg, e) if make is not None else None
    if compiled is not None:
        return compiled
    handler = _EXPRESSIONS.get(op)
    if handler is None:
        return lambda ctx: ctx.expr(e)  # raises the interpreter's error when evaluated
    return lambda ctx: handler(ctx, arg, e)


def _compile_ref(ref: str) -> Callable[[Context], Any]:
    """Context.resolve of a '$name.key…' reference."""
    name, *rest = ref[1:].split(".")

    def resolve(ctx: Context) -> Any:
        bindings = ctx.bindings
        if name not in bindings:
            raise KeyError(f"unbound reference {ref}")
        return walk(bindings[name], rest) if rest else bindings[name]
    return resolve


def _compile_resolve(ref: Any) -> Callable[[Context], Any]:
    if isinstance(ref, str) and ref.startswith("$"):
        return _compile_ref(ref)
    return lambda ctx: ref


def _c_fact(path: Any, e: dict) -> Callable[[Context], Value] | None:
    if not isinstance(path, str):
        return None
    head, *rest = path.split(".")
    if head == "previous" and not head.startswith("$"):
        return None  # last year's facts: the interpreter's path
    has_default = "default" in e
    default = e.get("default")
    if head.startswith("$"):
        name, ref = head[1:], head

        def read(ctx: Context) -> Any:
            bindings = ctx.bindings
            if name not in bindings:
                raise KeyError(f"unbound reference {ref}")
            return bindings[name]
    else:
        def read(ctx: Context) -> Any:
            return ctx.facts.get(head)
    if len(rest) == 1:
        key = rest[0]

        def fact(ctx: Context) -> Value:
            value = read(ctx)
            value = value.get(key) if value.__class__ is dict else walk(value, rest, lenient=True)
            return Value(default if value is None and has_default else value)
    else:
        def fact(ctx: Context) -> Value:
            value = walk(read(ctx), rest, lenient=True)
            return Value(default if value is None and has_default else value)
    return fact


def _c_cell(spec: Any, e: dict) -> Callable[[Context], Value] | None:
    if not isinstance(spec, dict) or not all(k in spec for k in ("table", "row", "column")):
        return None
    table, row, column = (_compile_resolve(spec[k]) for k in ("table", "row", "column"))
    report = spec.get("report")

    def cell(ctx: Context) -> Value:
        op = ctx.cell(table(ctx), row(ctx), column(ctx), report)
        return Value(op.value, [op])
    return cell


def _c_add(arg: Any, e: dict) -> Callable[[Context], Value] | None:
    if not isinstance(arg, list):
        return None
    terms = [compile_expr(x) for x in arg]

    def add(ctx: Context) -> Value:
        parts = [t(ctx) for t in terms]
        return Value(sum(p.number for p in parts), [o for p in parts for o in p.operands])
    return add


def _c_subtract(arg: Any, e: dict) -> Callable[[Context], Value] | None:
    if not isinstance(arg, list) or not arg:
        return None
    terms = [compile_expr(x) for x in arg]

    def subtract(ctx: Context) -> Value:
        first, *rest = [t(ctx) for t in terms]
        return Value(first.number - sum(p.number for p in rest), [*first.operands, *(o for p in rest for o in p.operands)])
    return subtract


def _c_count(arg: Any, e: dict) -> Callable[[Context], Value]:
    inner = compile_expr(arg)

    def count(ctx: Context) -> Value:
        v = inner(ctx).value
        return Value(len(v) if v is not None else 0)
    return count


def _c_if(arg: Any, e: dict) -> Callable[[Context], Value] | None:
    if "then" not in e:
        return None
    test, then, otherwise = compile_cond(arg), compile_expr(e["then"]), compile_expr(e.get("else"))
    return lambda ctx: then(ctx) if test(ctx) else otherwise(ctx)


def _compile_list(e: Any) -> Callable[[Context], list]:
    """Context._list."""
    inner = compile_expr(e)

    def as_list(ctx: Context) -> list:
        value = inner(ctx).value
        if value is None:
            return []
        if isinstance(value, dict):
            return list(value.values())
        return list(value)
    return as_list


def _compile_each(spec: dict) -> Callable[[Context], Iterator[Any]]:
    """Context._each."""
    name = spec.get("as", "item")
    of = _compile_list(spec["of"])

    def each(ctx: Context) -> Iterator[Any]:
        items = of(ctx)
        old = ctx.bind(name, None)
        try:
            for item in items:
                ctx.bindings[name] = item
                yield item
        finally:
            ctx.unbind(name, old)
    return each


def _c_map(spec: Any, e: dict) -> Callable[[Context], Value] | None:
    if not isinstance(spec, dict) or "of" not in spec:
        return None
    each = _compile_each(spec)
    where = compile_cond(spec["where"]) if "where" in spec else None
    value = compile_expr(spec["value"]) if "value" in spec else None

    def map_(ctx: Context) -> Value:
        out = []
        for item in each(ctx):
            if where is not None and not where(ctx):
                continue
            out.append(value(ctx) if value is not None else item)
        return Value([x.value if isinstance(x, Value) and x.operands == [] and x.label is None else x for x in out])
    return map_


def _c_first(spec: Any, e: dict) -> Callable[[Context], Value] | None:
    if not isinstance(spec, dict) or "of" not in spec:
        return None
    each = _compile_each(spec)
    where = compile_cond(spec["where"]) if "where" in spec else None
    default = e.get("default")

    def first(ctx: Context) -> Value:
        for item in each(ctx):
            if where is None or where(ctx):
                return item if isinstance(item, Value) else Value(item)
        return Value(default)
    return first


_EXPRESSION_COMPILERS: dict[str, Callable[[Any, dict], Callable[[Context], Value] | None]] = {
    "fact": _c_fact, "cell": _c_cell, "add": _c_add, "subtract": _c_subtract, "count": _c_count, "if": _c_if,
    "map": _c_map, "first": _c_first,
}

# Context.cond tries the operators in this order: a node with two of them means the first
_CONDITION_ORDER = ("equals", "compare", "exists", "truthy", "empty", "matches", "in", "all", "any", "not", "some",
                    "every")


def compile_cond(c: Any) -> Callable[[Context], bool]:
    """A closure computing Context.cond(c)."""
    if c is True or c is False:
        return lambda ctx: c
    if not isinstance(c, dict):
        return lambda ctx: ctx.cond(c)
    op = next((k for k in _CONDITION_ORDER if k in c), None)
    compiled = _CONDITION_COMPILERS[op](c[op]) if op is not None else None
    if compiled is None:
        return lambda ctx: ctx.cond(c)
    return compiled


def _pair(arg: Any, n: int) -> bool:
    return isinstance(arg, list) and len(arg) >= n


def _compile_compare(left_e: Any, op: str, right_e: Any) -> Callable[[Context], bool]:
    """Context._compare."""
    left_f, right_f, test = compile_expr(left_e), compile_expr(right_e), OPS[op]

    def compare(ctx: Context) -> bool:
        left, right = left_f(ctx), right_f(ctx)
        used = ctx.used
        used.extend(left.operands)
        used.extend(right.operands)
        lv = left.value
        numeric = bool(left.operands or right.operands) or (isinstance(lv, (int, float)) and not isinstance(lv, bool))
        if numeric:
            if not right.alternatives:
                if test(round(left.number, 6), round(right.number, 6)):
                    return True
            else:
                for candidate in (right, *right.alternatives):
                    if test(round(left.number, 6), round(candidate.number, 6)):
                        return True
        else:
            for candidate in (right, *right.alternatives):
                if test(lv, candidate.value):
                    return True
        ctx.failed = Comparison(left, op, right)
        return False
    return compare


def _cc_equals(arg: Any) -> Callable[[Context], bool] | None:
    return _compile_compare(arg[0], "==", arg[1]) if _pair(arg, 2) else None


def _cc_compare(arg: Any) -> Callable[[Context], bool] | None:
    if not isinstance(arg, list) or len(arg) != 3 or not isinstance(arg[1], str) or arg[1] not in OPS:
        return None
    return _compile_compare(*arg)


def _cc_exists(arg: Any) -> Callable[[Context], bool]:
    inner = compile_expr(arg)

    def exists(ctx: Context) -> bool:
        try:
            return inner(ctx).value is not None
        except NotApplicable:
            return False
    return exists


def _cc_truthy(arg: Any) -> Callable[[Context], bool]:
    inner = compile_expr(arg)
    return lambda ctx: bool(inner(ctx).value)


def _cc_empty(arg: Any) -> Callable[[Context], bool]:
    inner = compile_expr(arg)
    return lambda ctx: not inner(ctx).value


def _cc_matches(arg: Any) -> Callable[[Context], bool] | None:
    if not _pair(arg, 2):
        return None
    inner, pattern = compile_expr(arg[0]), _compile_resolve(arg[1])

    def matches(ctx: Context) -> bool:
        value = inner(ctx).value
        p = pattern(ctx)
        return value is not None and re.search(p, show(value)) is not None
    return matches


def _cc_in(arg: Any) -> Callable[[Context], bool] | None:
    if not _pair(arg, 2):
        return None
    inner, pool = compile_expr(arg[0]), arg[1]
    if isinstance(pool, list):
        return lambda ctx: inner(ctx).value in pool
    values = _compile_list(pool)

    def in_(ctx: Context) -> bool:
        found = values(ctx)
        return inner(ctx).value in found
    return in_


def _cc_all(arg: Any) -> Callable[[Context], bool] | None:
    if not isinstance(arg, list):
        return None
    terms = [compile_cond(x) for x in arg]
    return lambda ctx: all(t(ctx) for t in terms)


def _cc_any(arg: Any) -> Callable[[Context], bool] | None:
    if not isinstance(arg, list):
        return None
    terms = [compile_cond(x) for x in arg]
    return lambda ctx: any(t(ctx) for t in terms)


def _cc_not(arg: Any) -> Callable[[Context], bool]:
    inner = compile_cond(arg)

    def not_(ctx: Context) -> bool:
        # what failed inside a `not` does not explain the outcome (nor does a `some`'s)
        failed = ctx.failed
        holds = not inner(ctx)
        ctx.failed = failed
        return holds
    return not_


def _cc_some(arg: Any) -> Callable[[Context], bool] | None:
    if not isinstance(arg, dict) or "of" not in arg or "holds" not in arg:
        return None
    each, holds_f = _compile_each(arg), compile_cond(arg["holds"])

    def some(ctx: Context) -> bool:
        failed = ctx.failed
        holds = any(holds_f(ctx) for _ in each(ctx))
        ctx.failed = failed
        return holds
    return some


def _cc_every(arg: Any) -> Callable[[Context], bool] | None:
    if not isinstance(arg, dict) or "of" not in arg or "holds" not in arg:
        return None
    each, holds_f = _compile_each(arg), compile_cond(arg["holds"])
    return lambda ctx: all(holds_f(ctx) for _ in each(ctx))


_CONDITION_COMPILERS: dict[str, Callable[[Any], Callable[[Context], bool] | None]] = {
    "equals": _cc_equals, "compare": _cc_compare, "exists": _cc_exists, "truthy": _cc_truthy, "empty": _cc_empty,
    "matches": _cc_matches, "in": _cc_in, "all": _cc_all, "any": _cc_any, "not": _cc_not, "some": _cc_some,
    "every": _cc_every,
}


def compile_causes(node: Any) -> Callable[[Context, list], None]:
    """A closure doing Context._causes(node, out): every operand of the node that is not there."""
    if isinstance(node, list):
        return _sequence([compile_causes(x) for x in node])
    if not isinstance(node, dict):
        return _no_causes
    if any(k in node for k in ("some", "every", "map", "first")):
        return _no_causes  # their `as:` variable is bound only while they run
    if "cell" in node:
        value = compile_expr(node)

        def cell(ctx: Context, out: list) -> None:
            try:
                value(ctx)
            except NotApplicable as exc:
                out.append(exc)
            except KeyError:
                pass
        return cell
    if "sum" in node:
        return lambda ctx, out: ctx._causes(node, out)
    parts = []
    for key, value in node.items():
        if key in ("fact", "labels", "count", "matches", "in"):
            if key in ("matches", "in"):
                if not isinstance(value, (list, tuple)) or not value:
                    return lambda ctx, out: ctx._causes(node, out)  # the interpreter's error
                parts.append(compile_causes(value[0]))
            continue
        parts.append(compile_causes(value))
    return _sequence(parts)


def _sequence(parts: list[Callable[[Context, list], None]]) -> Callable[[Context, list], None]:
    parts = [p for p in parts if p is not _no_causes]
    if not parts:
        return _no_causes
    if len(parts) == 1:
        return parts[0]

    def each(ctx: Context, out: list) -> None:
        for p in parts:
            p(ctx, out)
    return each


def _no_causes(ctx: Context, out: list) -> None:
    return None
