"""Figures run together without separators ("行政许可3960181", a part 三 row "640020470"):
split only where the table's own identities leave exactly one reading.

A run of digits is cut into as many figures as the row has columns (a figure never opens with
0 unless it is 0). Every cut that keeps the row's identities (format-spec §4: the parts add up
to 总计) is a candidate; one candidate is the reading, several are narrowed by the column
identities across rows (一 + 二 = （七） + 四, the outcomes add up to （七）总计) once the other
rows are known, and a row left with more than one is not read (INP004): never a guess.
"""
from __future__ import annotations

from validator.lazyre import lazy
from validator.limits import MAX_NUMBER_DIGITS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from validator.recognize.formats import TableSpec

_DIGITS = lazy(r"^\d+$")
_SIGNED_RUN = lazy(r"^[+\-]\d+$")
MAX_CUTS = 20000  # more readings than this (a very long run) are not enumerated: not read


def is_digit_run(text: str) -> bool:
    return bool(_DIGITS.match(text or ""))


def is_figure_run(text: str) -> bool:
    """A digit run, or one that opens with a sign ("-10" of "1-10" in a table with 本年增/减):
    the sign belongs to the first figure cut from it."""
    return is_digit_run(text) or bool(_SIGNED_RUN.match(text or ""))


def _cuts(run: str, k: int):
    """Every way to cut one digit run into exactly k figures of at most MAX_NUMBER_DIGITS digits
    (no figure of a table is longer: a longer piece is no reading, and a run of thousands of
    digits would otherwise be cut every possible way up to the cap)."""
    if k == 1:
        if (run == "0" or not run.startswith("0")) and len(run) <= MAX_NUMBER_DIGITS:
            yield [run]
        return
    if len(run) > k * MAX_NUMBER_DIGITS:
        return
    for i in range(1, min(len(run) - k + 2, MAX_NUMBER_DIGITS + 1)):
        head = run[:i]
        if len(head) > 1 and head.startswith("0"):
            break
        if len(run) - i > (k - 1) * MAX_NUMBER_DIGITS:
            continue
        for rest in _cuts(run[i:], k - 1):
            yield [head, *rest]


def digit_cuts(chunks: list[str], n: int, limit: int = MAX_CUTS) -> list[list[str]] | None:
    """All readings of the space-separated digit runs `chunks` as n figures (each run gives one
    or more figures, in order), or None when there are more than `limit`."""
    out: list[list[str]] = []

    def rec(ci: int, left: int, acc: list[str]) -> bool:
        if ci == len(chunks):
            if left == 0:
                out.append(acc)
            return len(out) <= limit
        later = len(chunks) - ci - 1
        run = chunks[ci]
        sign = run[0] if run[:1] in ("+", "-") else ""
        run = run[len(sign):]
        # the last run takes exactly the figures still wanted; the others leave one for each run after them
        ks = [left] if not later else range(1, min(len(run), left - later) + 1)
        for k in ks:
            if k < 1 or k > len(run):
                continue
            for parts in _cuts(run, k):
                if sign:
                    parts = [sign + parts[0], *parts[1:]]
                if not rec(ci + 1, left - k, acc + parts):
                    return False
        return True

    if sum(len(c.lstrip("+-")) for c in chunks) < n:
        return []
    return out if rec(0, n, []) else None


def row_candidates(spec: TableSpec, chunks: list[str], column_ids: list[str]) -> list[list[str]] | None:
    """Readings of a row's digit runs that keep every row identity of the table; None when the
    runs allow too many readings to enumerate."""
    cuts = digit_cuts(chunks, len(column_ids))
    if cuts is None:
        return None
    pos = {c: i for i, c in enumerate(column_ids)}
    checks = [([pos[p] for p in ident["parts"]], pos[ident["total"]])
              for ident in spec.identities if ident["each"] == "row"]
    return [cut for cut in cuts
            if all(sum(int(cut[p]) for p in parts) == int(cut[total]) for parts, total in checks)]


MAX_COMBINATIONS = 4096


def narrow_by_columns(spec: TableSpec, rows: dict, candidates: dict[str, list[list[str]]],
                      column_ids: list[str]) -> dict[str, list[str]]:
    """Rows whose candidates the column identities narrow to one, given the rows already read.

    `rows`: row id -> record with "cells" (numbers of rows read); `candidates`: row id -> its
    readings. For each column identity, every combination of the open rows it involves is
    tried (a few hundred at most); a reading that no balanced combination uses is dropped.
    Repeats while a settled row settles another. Returns row id -> its one reading.
    """
    from itertools import product  # noqa: PLC0415 - only for reports whose figures ran together

    settled: dict[str, list[str]] = {}
    column_checks = [ident for ident in spec.identities if ident["each"] == "column"]
    open_rows = {rid: list(c) for rid, c in candidates.items() if c}
    changed = True
    while changed and open_rows:
        changed = False
        for ident in column_checks:
            sides = [_expand(spec, ident["left"], rows), _expand(spec, ident["right"], rows)]
            if sides[0] is None or sides[1] is None:
                continue
            unknown = sorted({rid for side in sides for rid in side if rid in open_rows})
            size = 1
            for rid in unknown:
                size *= len(open_rows[rid])
            if not unknown or size > MAX_COMBINATIONS:
                continue
            used: dict[str, set[int]] = {rid: set() for rid in unknown}
            for combo in product(*(range(len(open_rows[rid])) for rid in unknown)):
                trial = {rid: open_rows[rid][k] for rid, k in zip(unknown, combo)}
                if all(_balanced(sides, rows, settled, trial, col, i) for i, col in enumerate(column_ids)):
                    for rid, k in zip(unknown, combo):
                        used[rid].add(k)
            for rid in unknown:
                keep = [c for k, c in enumerate(open_rows[rid]) if k in used[rid]]
                if len(keep) < len(open_rows[rid]):
                    open_rows[rid] = keep
                    changed = True
                if len(keep) == 1:
                    settled[rid] = keep[0]
                    del open_rows[rid]
                    changed = True
                elif not keep:
                    del open_rows[rid]  # no reading balances: the row stays unread
    return settled


def _expand(spec: TableSpec, ids: list[str], rows: dict) -> list[str] | None:
    """The rows an identity side adds up: leaves, or a group's subtotal row when its sub-rows
    are absent (a 2019-style single （六）其他处理). None when a row is nowhere."""
    out: list[str] = []
    for rid in ids:
        for leaf in spec.leaf_rows(rid):
            if leaf in rows or leaf in out:
                out.append(leaf)
                continue
            parent = spec.row(leaf).parent
            if parent and parent in rows and not any(k.id in rows for k in spec.children(parent)):
                if parent not in out:
                    out.append(parent)
                continue
            return None
    return out


def _value(rows: dict, settled: dict, rid: str, col: str, i: int) -> int | None:
    if rid in settled:
        return int(settled[rid][i])
    rec = rows.get(rid)
    if rec is None or not rec.get("reliable", True):
        return None
    cell = rec["cells"].get(col)
    if cell is None or cell["type"] == "invalid":
        return None
    return 0 if cell["type"] == "blank" else cell["value"]


def _balanced(sides, rows, settled, trial, col, i) -> bool:
    totals = []
    for side in sides:
        total = 0
        for r in side:
            v = int(trial[r][i]) if r in trial else _value(rows, settled, r, col, i)
            if v is None:
                return True  # a cell we cannot read says nothing against this reading
            total += v
        totals.append(total)
    return totals[0] == totals[1]
