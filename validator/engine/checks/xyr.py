"""XYR: across years — this report against last year's (given with --previous, or paired
automatically within a batch; validator/pairing.py decides which report is last year's).

XYR001 and XYR002 are declarative (rules/xyr/*.yaml, cells `report: previous`); XYR003, the
copied narrative, needs text and lives here.
"""
from __future__ import annotations

from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation

# The narrative compared: 总体情况 and 存在的主要问题及改进情况 (part 六 may rightly repeat
# "无其他需要报告的事项"; parts 二–四 are tables).
NARRATIVE_PARTS = (1, 5)
# A passage counts as copied when at least this many characters (letters and ideographs, figures
# and punctuation left out) occur in the same order in last year's narrative. Shorter shared
# strings are the vocabulary every report uses ("政府信息公开申请").
SHINGLE = 12
MIN_CHARS = 200  # a narrative shorter than this cannot be judged
QUOTES = 3  # the longest copied passages quoted in the message
QUOTE_CHARS = 60


def _comparable(text: str, base: int = 0) -> tuple[str, list[int]]:
    """(letters and ideographs of `text`, offset + base of each of them in `text`): figures,
    years, spaces and punctuation are left out, so a passage copied with new figures is still
    the same passage."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if ch.isalpha():
            chars.append(ch)
            where.append(base + i)
    return "".join(chars), where


def _narrative(texts: list[tuple[str, int]]) -> tuple[str, list[int]]:
    chars, where = [], []
    for text, offset in texts:
        c, w = _comparable(text, offset)
        chars.append(c)
        where.extend(w)
    return "".join(chars), where


def _shingles(previous) -> set[str]:
    """Every SHINGLE-character string of last year's narrative, computed once per report."""
    cached = getattr(previous, "_xyr_shingles", None)
    if cached is None:
        text, _ = _narrative([(previous.narrative.get(n, ""), 0) for n in NARRATIVE_PARTS])
        cached = {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}
        previous._xyr_shingles = cached
        previous._xyr_length = len(text)
    return cached


def copied_passages(text: str, previous: set[str]) -> list[tuple[int, int]]:
    """Maximal runs [start, end) of `text` covered by strings of `previous` (SHINGLE long)."""
    covered = bytearray(len(text) + 1)
    for i in range(len(text) - SHINGLE + 1):
        if text[i:i + SHINGLE] in previous:
            covered[i:i + SHINGLE] = b"\x01" * SHINGLE
    runs, start = [], None
    for i, c in enumerate(covered):
        if c and start is None:
            start = i
        elif not c and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _threshold(options: dict) -> float:
    raw = options.get("threshold", 0.85)
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"XYR003 threshold must be a number between 0 and 1 (got {raw!r})") from None
    if 1 < value <= 100:  # written as a percentage
        value /= 100
    if not 0 < value <= 1:
        raise ValueError(f"XYR003 threshold must be a number between 0 and 1 (got {raw!r})")
    return value


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


@named_check("copied_report")
def copied_report(ctx: CheckContext):
    """Share of this year's narrative found word for word in last year's (30号 内容雷同)."""
    previous = ctx.previous
    if previous is None:
        return ctx.na(reasons.no_previous())
    threshold = _threshold(ctx.options)
    pieces = [ctx.report.part_prose(n) for n in NARRATIVE_PARTS]
    text, where = _narrative([(t, off) for t, off in pieces if t])
    shingles = _shingles(previous)
    if len(text) < MIN_CHARS or previous._xyr_length < MIN_CHARS:
        return ctx.na(reasons.not_relevant(f"正文太短（不足 {MIN_CHARS} 字），无从比较",
                                           f"too little narrative (under {MIN_CHARS} characters) to compare"))
    runs = copied_passages(text, shingles)
    share = sum(end - start for start, end in runs) / len(text)
    if share < threshold:
        return []
    stream = ctx.report.stream.text
    longest = sorted(runs, key=lambda r: r[0] - r[1])[:QUOTES]
    quotes = [(_quote(stream[where[s]:where[e - 1] + 1]), e - s) for s, e in longest]
    passages_zh = "；".join(f"“{q}”（{n} 字）" for q, n in quotes)
    passages_en = "; ".join(f"“{q}” ({n} characters)" for q, n in quotes)
    at = where[longest[0][0]]
    part = next((n for n, (t, off) in zip(NARRATIVE_PARTS, pieces) if t and off <= at < off + len(t)), None)
    first = ctx.text_location(at, part)
    first.fact = "text.narrative"
    return [Violation({"similarity": round(share * 100, 1), "previous_year": previous.year or "?",
                       "previous_path": previous.path, "threshold": round(threshold * 100),
                       "passages_zh": passages_zh, "passages_en": passages_en,
                       "copied_chars": sum(e - s for s, e in runs), "chars": len(text)},
                      first, fingerprint_text="copied")]


# The figures XYR004 compares with last year's by default: applications received and concluded,
# and review and litigation cases (options.figures: "table.row.column" ids).
JUMP_FIGURES = ("t3.new.total", "t3.total.total", "t4.cases.review.total", "t4.cases.direct.total",
                "t4.cases.after_review.total")


def _figure_id(text: str) -> tuple[str, str, str]:
    """'t3.new.total' -> (t3, new, total). Row ids (withheld.state_secret) and column ids
    (review.total) may hold a dot themselves: table 四 has the one row `cases`."""
    table, rest = str(text).split(".", 1)
    if rest.startswith("cases."):
        return table, "cases", rest[len("cases."):]
    row, _, column = rest.rpartition(".")
    return table, row, column


@named_check("year_jump")
def year_jump(ctx: CheckContext):
    """A key figure that grew or shrank beyond a factor since last year: most often a slip (a
    figure in the wrong row, 万 for 件, a digit too many), sometimes a real change worth a sentence
    in the report. Figures below `min_count` in both years are left alone (2 → 12 is noise)."""
    previous = ctx.previous
    if previous is None:
        return ctx.na(reasons.no_previous())
    factor = float(ctx.options.get("factor", 5))
    if factor <= 1:
        raise ValueError(f"XYR004 factor must be greater than 1 (got {factor!r})")
    least = float(ctx.options.get("min_count", 20))
    out = []
    judged = False
    for figure in ctx.options.get("figures") or JUMP_FIGURES:
        table, row, column = _figure_id(figure)
        now, before = ctx.value(table, row, column), previous.value(table, row, column)
        if now is None or before is None:
            continue
        judged = True
        if max(now, before) < least:
            continue
        grew = before == 0 or now / before > factor
        shrank = now == 0 or before / now > factor
        if not (grew or shrank):
            continue
        t = ctx.facts["tables"][table]
        label = "·".join(x for x in (t["title"], t["rows"][row]["label"] or "",
                                     (t["columns"][column].get("full_label") or "").replace(" / ", "·")) if x)
        if before == 0:
            change = ("上年为 0", "from none")
        elif now == 0:
            change = ("本年为 0", "down to none")
        else:
            ratio = round(now / before if grew else before / now, 1)
            change = (f"为上年的 {ratio} 倍", f"{ratio}× last year's") if grew else \
                (f"为上年的 1/{ratio}", f"1/{ratio} of last year's")
        out.append(Violation({"figure": label, "actual": now, "previous": before, "factor": factor,
                              "previous_year": previous.year or "?", "change_zh": change[0], "change_en": change[1]},
                             ctx.table_location(table, row, column), fingerprint_text=figure))
    if not judged:
        return ctx.na(reasons.not_relevant("本年或上年报告中这些关键数字都无法读取",
                                           "the key figures cannot be read in this or last year's report"))
    return out
