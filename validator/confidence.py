"""Who is answerable for a finding: the report, or xxgk's reading of it.

A total that does not add up is the agency's fault when the figures were read as published, but
not when xxgk had to cut a run of digits ("10203120001200000") into cells, or took the figures of a
borderless PDF table from the words' positions, or from OCR. Each finding carries

    confidence  "certain" | "doubtful"
    doubts      why doubtful, from the kinds below

and a doubtful finding says 请对照原件核对 ("check against the original") in its message; summaries
count doubtful findings apart, so an agency is not blamed for a reading problem.

Where the doubt comes from:
- how each cell the finding rests on (its location and its operands) was read — the facts' per-cell
  `read` (set by the recogniser, validator/recognize/tables.py): `split` (figures that ran
  together, cut by the table's identities), `pdf_borderless` (a PDF table without ruling lines,
  read from word positions), `ocr`, `repaired` (a layout the recogniser repaired); `grid`,
  `aligned` and `corrected` (a reviewer's value, validator/corrections.py) are read with
  confidence;
- rules about the reading itself (group `reading`: INP004 figures unreadable, TAB008 figures
  placed nowhere);
- a "row missing" or "column missing" finding in a document where figures were found that could
  not be placed in any row (TAB008): the row may well be there, unrecognised.
"""
from __future__ import annotations

from validator.findings import Finding

DOUBTFUL_READS: dict[str, tuple[str, str]] = {
    "split": ("数字连在一起，按表格的勾稽关系拆分", "figures ran together and were split by the table's identities"),
    "pdf_borderless": ("PDF 表格没有框线，按文字位置读出", "a PDF table without ruling lines, read from word positions"),
    "ocr": ("文字识别（OCR）得到的数字", "figures from OCR"),
    "repaired": ("表格版式有损，经修复后读出", "a damaged table layout, read after repair"),
}
OTHER_DOUBTS: dict[str, tuple[str, str]] = {
    "reading": ("这是读取问题，不是报告本身的问题", "a reading problem, not a defect of the report"),
    "unplaced_figures": ("文中有无法对应到任何行的数字（见 TAB008），此行可能存在但未被识别",
                         "figures were found that could not be placed in any row (see TAB008): the row may be there, "
                         "unrecognised"),
}
CHECK_ORIGINAL = {"zh": "请对照原件核对", "en": "check against the original"}
_ABSENCE_RULES = ("TAB002", "TAB003")


# the recogniser's note on a row whose run of digits had exactly one cut (each figure one digit)
_UNIQUE_SPLIT = "only one reading gives one figure per column"


def read_kind(row: dict, cell: dict) -> str | None:
    """How a cell was read. `split` covers two cases the recogniser tells apart only in its
    note: a run with one digit per column has one reading ("split_unique", certain); a run cut
    where the table's identities leave one reading stays "split" (doubtful)."""
    how = cell.get("read") or row.get("read")
    if how == "split" and _UNIQUE_SPLIT in (row.get("note") or ""):
        return "split_unique"
    return how


def split_by_identities(facts: dict, table: str, row: str, column: str | None) -> bool:
    r, c = _cell(facts, table, row, column)
    return read_kind(r, c) == "split"


def _cell(facts: dict, table: str | None, row: str | None, column: str | None) -> tuple[dict, dict]:
    t = (facts.get("tables") or {}).get(table or "") or {}
    r = (t.get("rows") or {}).get(row or "") or {}
    return r, (r.get("cells") or {}).get(column or "") or {}


def cells_of(f: Finding) -> list[tuple[str, str, str | None]]:
    """(table, row, column) of every cell or row the finding rests on."""
    out: list[tuple[str, str, str | None]] = []
    for fact in [f.location.fact, *(r.fact for r in f.related)]:
        if fact and fact.startswith("tables.") and ".rows." in fact:
            table, _, rest = fact[len("tables."):].partition(".rows.")
            row, _, column = rest.partition(".cells.")
            out.append((table, row, column or None))
    for o in f.values.get("operand_cells") or []:
        if isinstance(o, dict) and o.get("table") and o.get("row"):
            out.append((o["table"], o["row"], o.get("column")))
    return list(dict.fromkeys(out))


def doubts_of(f: Finding, facts: dict | None, groups: dict[str, list[str]] | None = None) -> list[str]:
    """Why a finding rests on a doubtful reading (empty: read with confidence)."""
    if not facts:
        return []
    doubts: list[str] = []
    if "reading" in (groups or {}).get(f.rule, []):
        doubts.append("reading")
    for table, row, column in cells_of(f):
        r, c = _cell(facts, table, row, column)
        cells = [c] if column else list((r.get("cells") or {}).values())
        for cell in cells:
            how = read_kind(r, cell)
            if how in DOUBTFUL_READS:
                doubts.append(how)
    if f.rule in _ABSENCE_RULES and facts.get("unassigned_rows"):
        doubts.append("unplaced_figures")
    return list(dict.fromkeys(doubts))


def doubt_text(doubts: list[str], lang: str = "zh") -> str:
    i = 1 if lang == "en" else 0
    return ("; " if lang == "en" else "；").join(
        (DOUBTFUL_READS.get(d) or OTHER_DOUBTS.get(d) or (d, d))[i] for d in doubts)


def mark(findings: list[Finding], facts: dict | None, groups: dict[str, list[str]] | None = None) -> None:
    """Set confidence and doubts on each finding, and tell a doubtful one to be checked against
    the original (in its message, which every output format shows)."""
    for f in findings:
        doubts = doubts_of(f, facts, groups)
        if not doubts:
            continue
        f.confidence = "doubtful"
        f.doubts = doubts
        f.message = {
            "zh": f"{f.message.get('zh', '')}（读取存疑：{doubt_text(doubts, 'zh')}，{CHECK_ORIGINAL['zh']}）",
            "en": f"{f.message.get('en', '')} (doubtful reading: {doubt_text(doubts, 'en')}; {CHECK_ORIGINAL['en']})",
        }
