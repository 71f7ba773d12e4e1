"""Rows of figures that lost their labels, placed by the template's row order.

PDF-to-Markdown converters and PDF text extraction cut a table's label column loose from its
figures: a wrapped label ("1.本机关不掌握相关政" / "府信息") leaves the pipe row and floats
above or below it as loose lines, often not next to its own figures, while the row of figures
stays behind as "| 4 | 0 | 0 | 0 | 0 | 0 | 4 |" or keeps only a cut piece of its label
("行政机关不再处理其政府信息公"). The loose label lines cannot be trusted to sit next to their
figures, so taking the nearest one is a guess, and a wrong guess puts real figures in the
wrong row.

What is certain is the order: a table's rows come in the template's order. So between two
rows that kept their own labels (anchors), the rows of figures without a label of their own
fill the template's rows between the anchors, in order — when there are exactly as many of
them as the template has rows there that nothing else has read, and every cut label piece a
row kept is part of the label of the row it lands on. Otherwise nothing is guessed: the rows
between the anchors are present and unread (INP004), and a row that a loose label line had
placed outside the anchors around it is taken back.
"""
from __future__ import annotations

from validator.normalize import label_key
from validator.records import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from validator.recognize.formats import TableSpec
    from validator.recognize.tables import Matcher

PIECE_COVERAGE = 0.85  # share of a cut label piece's characters found, in order, in the official label


@record
class RowEvent:
    """One row of figures met in a table, in document order.

    `own`: the row's label was in its own row and matched it (an anchor). Otherwise `row` is
    the guess the walk made from loose label lines before it (or None) and `record` the row
    record that guess stored, so that it can be taken back."""
    table: str
    row: str | None
    own: bool
    pieces: list[str]  # label texts the row kept in its own cells
    args: tuple  # (labels, values, span, block index, source, grid) as _assign takes them
    record: dict | None = None
    unassigned: dict | None = None  # its entry among the matcher's unassigned rows, if it had no guess


def place_by_order(matcher: Matcher) -> None:
    """Settle the rows that lost their labels, table by table (see the module docstring)."""
    by_table: dict[str, list[RowEvent]] = {}
    for event in matcher.row_events:
        by_table.setdefault(event.table, []).append(event)
    plans = []
    for tid, events in by_table.items():
        plans.extend(_plan_table(matcher.results[tid].spec, events))
    # take every guess back first, then place: a guess in one gap may hold the row another gap fills
    for plan in plans:
        for event in plan["floating"]:
            _take_back(matcher, event)
    for plan in plans:
        _apply(matcher, plan)


def _plan_table(spec: TableSpec, events: list[RowEvent]) -> list[dict]:
    index = {row.id: i for i, row in enumerate(spec.rows)}
    anchored = {e.row for e in events if e.own}
    anchors = [n for n, e in enumerate(events) if e.own]
    plans = []
    bounds = [None, *anchors, None]
    for left, right in zip(bounds, bounds[1:]):
        lo = index[events[left].row] if left is not None else -1
        hi = index[events[right].row] if right is not None else len(spec.rows)
        start = left + 1 if left is not None else 0
        stop = right if right is not None else len(events)
        floating = [e for e in events[start:stop] if not e.own]
        if not floating or lo >= hi:
            continue  # nothing loose here, or the anchors themselves out of order: left as read
        slots = [r for r in spec.rows[lo + 1:hi] if r.numeric and r.id not in anchored]
        bounded = left is not None and right is not None
        fits = bounded and len(floating) == len(slots) and all(
            _piece_fits(e.pieces, r.label) for e, r in zip(floating, slots))
        if fits:
            # a guess from a whole label that lands on its own slot stays as it was read
            moved = [(e, r) for e, r in zip(floating, slots)
                     if e.row != r.id or e.record is None or e.record.get("match") != "exact"]
            plans.append({"table": spec.id, "floating": [e for e, _ in moved], "slots": [r for _, r in moved],
                          "mode": "place", "between": (events[left].row, events[right].row)})
            continue
        # not placeable. Between two anchors every guess is taken back: the loose label lines
        # are not where their figures are. At the table's edges (no anchor on one side) a
        # guess from a whole label is kept where it stands in order within the edge.
        kept, last = [], lo
        for e in floating if not bounded else []:
            i = index.get(e.row, -1) if e.row else -1
            if e.row and lo < i < hi and i > last and e.record is not None and e.record.get("match") == "exact":
                kept.append(e)
                last = i
        wrong = [e for e in floating if e not in kept and e.row is not None]
        unread = [r for r in slots if not any(e.row == r.id for e in kept)] if bounded else []
        if wrong or unread:
            plans.append({"table": spec.id, "floating": wrong, "slots": unread, "mode": "unread",
                          "between": (events[left].row if left is not None else None,
                                      events[right].row if right is not None else None),
                          "count": len(floating), "span": floating[0].args[2]})
    return plans


def _piece_fits(pieces: list[str], official: str) -> bool:
    """Every label piece a row kept is part of the official label it would get."""
    from validator.recognize.tables import coverage  # noqa: PLC0415 - tables imports this module

    key = label_key(official)
    for piece in pieces:
        pkey = label_key(piece)
        if pkey and coverage(key, pkey) < PIECE_COVERAGE:
            return False
    return True


def _take_back(matcher: Matcher, event: RowEvent) -> None:
    if event.row is None or event.record is None:
        return
    result = matcher.results[event.table]
    if result.rows.get(event.row) is event.record:
        del result.rows[event.row]
        result.approximate = [a for a in result.approximate if not (a["kind"] == "row" and a["id"] == event.row)]


def _apply(matcher: Matcher, plan: dict) -> None:
    from validator.recognize.tables import RowMatch  # noqa: PLC0415

    result = matcher.results[plan["table"]]
    spec = result.spec
    left, right = (spec.row(r).label if r else None for r in plan["between"])
    where = _between(left, right)
    if plan["mode"] == "place":
        for event, slot in zip(plan["floating"], plan["slots"]):
            labels, values, span, block_idx, source, grid = event.args
            match = RowMatch(spec.id, slot.id, "ordered", 1.0, "".join(event.pieces))
            matcher.assign(match, labels if event.pieces else [], values, span, block_idx, source, grid)
            if event.unassigned is not None:
                matcher.unassigned = [u for u in matcher.unassigned if u is not event.unassigned]
            record = result.rows.get(slot.id)
            if record is None:
                continue
            record["note"] = (record.get("note", "") + "; " if record.get("note") else "") + (
                f"figures without their row label, placed by the template's row order {where}")
            for cell in record["cells"].values():
                if cell.get("read") != "split":
                    cell["read"] = "ordered"
        return
    for slot in plan["slots"]:
        if slot.id in result.rows:
            continue
        match = RowMatch(spec.id, slot.id, "exact", 1.0, "")
        matcher.store_unread(match, plan["span"],
                             f"{plan['count']} row(s) of figures without their labels stand {where}, where the "
                             f"template has {len(plan['slots'])} row(s) not read: which figures belong to which "
                             "row is not certain, so none is placed")


def _between(left: str | None, right: str | None) -> str:
    if left and right:
        return f"between '{left}' and '{right}'"
    if left:
        return f"after '{left}'"
    return f"before '{right}'" if right else "in the table"
