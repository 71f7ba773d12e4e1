"""Why a rule did not judge a report: every "not applicable" carries one of these.

"Not applicable" used to mean three things at once — the table is absent, its figures could not
be read, no previous report was paired — and an auditor reads a grey box as "fine". A Reason
says which, in both languages, with the table and rows it is about:

    kind               what it means                                             shown as
    table_absent       a table the rule needs was not found                       未核验
    part_absent        a part the rule needs was not found                        未核验
    fact_unknown       a fact the rule needs (the year, the period …) is unknown   未核验
    rows_missing       rows the rule needs are not in the table                   未核验
    rows_unreadable    rows are there but their figures could not be read         未核验
                       column by column (INP004)
    rows_split         an arithmetic check whose figures ran together and were    未核验
                       cut where the table's own identities allow one reading:
                       they satisfy those identities by construction
    cells_not_numbers  cells the rule needs hold text, not a number (TAB005)      未核验
    cells_blank        an arithmetic check with a blank operand (TAB006): a blank  未核验
                       is not a figure, so the identity is neither met nor failed
    cells_missing      a row was read but lacks a cell the rule needs             未核验
    no_previous        a cross-year rule had no previous report                   未核验
    not_paired         … and the batch held none it could pair, and why           未核验
    option_off         the rule needs an option or a value nobody gave            未核验
    format             the rule is for the other unified format                   不适用
    not_relevant       the report has nothing of what the rule checks (a          不适用
                       department for a government-only rule, no suppressions …)

`unverified` kinds are doubts an auditor must see ("the arithmetic of table 三 was not
checked"); the others are genuinely nothing to check. Reasons are plain data in the run
records (checklist entries: {"status": "not_applicable", "reason": {...}}), so every reporter
renders the same words.
"""
from __future__ import annotations

import re

from validator.records import field, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, Iterable

NOT_RELEVANT_KINDS = frozenset({"format", "not_relevant"})
# reading or absence: the report may well be wrong there, xxgk could not tell
READING_KINDS = frozenset({"table_absent", "rows_missing", "rows_unreadable", "rows_split", "cells_not_numbers",
                           "cells_blank", "cells_missing", "part_absent"})
NUMERALS = "一二三四五六七八九十"


@record
class Reason:
    kind: str
    zh: str
    en: str
    details: dict = field(default_factory=dict)  # table, rows, path … (plain data)

    @property
    def unverified(self) -> bool:
        return self.kind not in NOT_RELEVANT_KINDS

    def text(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "zh": self.zh, "en": self.en, **self.details}


def unverified(reason: dict | None) -> bool:
    """For reporters, which see the dict form: is this a doubt (未核验) rather than 不适用?"""
    return reason is not None and bool(reason) and reason.get("kind") not in NOT_RELEVANT_KINDS


# ------------------------------------------------------------------ how tables and rows are named

_NUMBERING = re.compile(r"^\s*([一二三四五六七八九十]+)\s*[、.．]|^\s*[（(]\s*([一二三四五六七八九十]+)\s*[)）]|^\s*(\d+)\s*[.．、]")


def _numbering(label: str) -> str | None:
    m = _NUMBERING.match(label or "")
    if not m:
        return None
    if m.group(1):
        return m.group(1)
    if m.group(2):
        return f"（{m.group(2)}）"
    return m.group(3)


def row_ref(table: dict, row_id: str) -> str:
    """A row as people cite it: '一', '三（七）', '三（三）1'; a row without numbering by its label
    ('规章'), the unlabelled row of table 四 as '数据行'."""
    rows = table.get("rows") or {}
    chain: list[str] = []
    rid: str | None = row_id
    while rid:
        row = rows.get(rid) or {}
        label = row.get("label") or ""
        num = _numbering(label)
        if num is None:
            if not chain:
                return label or "数据行"
            break
        chain.append(num)
        rid = row.get("parent")
    return "".join(reversed(chain))


def table_ref(facts: dict, table_id: str, lang: str = "zh") -> str:
    """'表三' for the one table of a part; a part 二 block by its title ('第二十条第（一）项')."""
    tables = facts.get("tables") or {}
    t = tables.get(table_id) or {}
    part = t.get("part")
    alone = sum(1 for other in tables.values() if other.get("part") == part) == 1
    if alone and isinstance(part, int) and 1 <= part <= 10:
        return f"表{NUMERALS[part - 1]}" if lang == "zh" else f"table {NUMERALS[part - 1]}"
    title = t.get("title") or table_id
    return title if lang == "zh" else f"the table {title}"


def _join(items: list[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _column_label(table: dict, column_id: str) -> str:
    c = (table.get("columns") or {}).get(column_id) or {}
    return (c.get("full_label") or c.get("label") or column_id).replace(" / ", "·")


# ------------------------------------------------------------------ constructors

def table_absent(facts: dict, table_id: str) -> Reason:
    t = (facts.get("tables") or {}).get(table_id) or {}
    title = t.get("title") or table_id
    ref_zh, ref_en = table_ref(facts, table_id, "zh"), table_ref(facts, table_id, "en")
    zh = f"未找到{ref_zh}" + (f"（{title}）" if title not in ref_zh else "")
    en = f"{ref_en} was not found" + (f" ({title})" if title not in ref_en else "")
    return Reason("table_absent", zh, en, {"table": table_id})


def part_absent(facts: dict, number: int) -> Reason:
    title = next((p.get("official") for p in facts.get("parts") or [] if p.get("number") == number), str(number))
    return Reason("part_absent", f"未找到“{title}”部分", f"part “{title}” was not found", {"part": number})


_FACT_NAMES = {
    "meta.year": ("报告年度", "the report year"),
    "meta.period": ("统计期限", "the statistical period"),
    "meta.agency": ("机关名称", "the agency"),
    "meta.level": ("机关层级", "the agency's level"),
    "meta.publication": ("发布日期", "the publication date"),
}


def fact_unknown(path: str) -> Reason:
    zh, en = _FACT_NAMES.get(path, (path, path))
    return Reason("fact_unknown", f"未识别出{zh}", f"{en} could not be found", {"fact": path})


def level_unknown(meta: dict) -> Reason:
    """The level is unknown: no agency was read, or its name does not say (a zone run by a 管委会:
    neither a people's government nor a department of one)."""
    from validator.recognize.meta import zone_body  # noqa: PLC0415 - only when the level is unknown

    agency = meta.get("agency")
    if not zone_body(agency):
        return fact_unknown("meta.level")
    return Reason("fact_unknown",
                  f"“{agency}”由管委会管理，既不是人民政府也不是政府部门，按名称无法判断按层级的要求是否适用",
                  f"“{agency}” is run by a 管委会, neither a people's government nor a department: "
                  "whether the requirements of a level apply cannot be told from its name",
                  {"fact": "meta.level", "agency": agency})


def unknown(facts: dict, path: str) -> Reason:
    """Why a fact a rule needs is unknown (a rule's `{unknown: PATH}`, a `requires` fact): the level has
    an explanation of its own (level_unknown); any other fact could not be found."""
    if path == "meta.level":
        return level_unknown(facts.get("meta") or {})
    return fact_unknown(path)


def rows_missing(facts: dict, table_id: str, row_ids: Iterable[str]) -> Reason:
    return _rows_reason("rows_missing", facts, table_id, row_ids)


def rows_unreadable(facts: dict, table_id: str, row_ids: Iterable[str]) -> Reason:
    return _rows_reason("rows_unreadable", facts, table_id, row_ids)


def rows_split(facts: dict, table_id: str, row_ids: Iterable[str]) -> Reason:
    return _rows_reason("rows_split", facts, table_id, row_ids)


def _rows_reason(kind: str, facts: dict, table_id: str, row_ids: Iterable[str]) -> Reason:
    t = (facts.get("tables") or {}).get(table_id) or {}
    order = {rid: i for i, rid in enumerate(t.get("rows") or {})}
    ids = sorted(dict.fromkeys(row_ids), key=lambda r: order.get(r, len(order)))
    refs = [row_ref(t, r) for r in ids]
    tz, te = table_ref(facts, table_id, "zh"), table_ref(facts, table_id, "en")
    plural = len(refs) > 1
    if kind == "rows_missing":
        zh = f"{tz}缺少{'以下行' if plural else '此行'}：{_join(refs, 'zh')}"
        en = f"{'rows' if plural else 'row'} {_join(refs, 'en')} of {te} {'are' if plural else 'is'} missing"
    elif kind == "rows_split":
        zh = (f"{tz}中{'以下行' if plural else '此行'}的数字连在一起，是按表格的勾稽关系拆分读出的，"
              f"不能再用来核验勾稽关系：{_join(refs, 'zh')}")
        en = (f"the figures of {'rows' if plural else 'row'} {_join(refs, 'en')} of {te} ran together and were split "
              "using the table's own identities, so they cannot verify them")
    else:
        zh = f"{tz}中{'以下行' if plural else '此行'}的数字无法逐列读出：{_join(refs, 'zh')}"
        en = f"the figures of {'rows' if plural else 'row'} {_join(refs, 'en')} of {te} could not be read column by column"
    return Reason(kind, zh, en, {"table": table_id, "rows": ids, "row_refs": refs})


def cells_reason(kind: str, facts: dict, table_id: str, cells: Iterable[tuple[str, str]]) -> Reason:
    """kind cells_not_numbers | cells_blank | cells_missing; cells as (row id, column id)."""
    t = (facts.get("tables") or {}).get(table_id) or {}
    pairs = list(dict.fromkeys(cells))
    refs = [f"{row_ref(t, r)}·{_column_label(t, c)}" for r, c in pairs]
    shown = refs[:8] + (["…"] if len(refs) > 8 else [])
    tz, te = table_ref(facts, table_id, "zh"), table_ref(facts, table_id, "en")
    if kind == "cells_not_numbers":
        zh, en = f"{tz}中以下单元格不是数字：{_join(shown, 'zh')}", f"cells of {te} are not numbers: {', '.join(shown)}"
    elif kind == "cells_blank":
        zh = f"{tz}中以下单元格为空白，空白不是数字，相关算术关系未核验：{_join(shown, 'zh')}"
        en = f"cells of {te} are blank; a blank is not a figure, so the arithmetic with them was not verified: {', '.join(shown)}"
    else:
        zh, en = f"{tz}中以下单元格未读到：{_join(shown, 'zh')}", f"cells of {te} were not read: {', '.join(shown)}"
    return Reason(kind, zh, en, {"table": table_id, "cells": [f"{r}.{c}" for r, c in pairs]})


def format_only(formats: list[str], used: str | None) -> Reason:
    names = {"gov2019": ("2019年试行格式", "the 2019 trial format"), "gov2021": ("2021年格式", "the 2021 format")}
    want_zh = "、".join(names.get(f, (f, f))[0] for f in formats)
    want_en = " or ".join(names.get(f, (f, f))[1] for f in formats)
    used_zh, used_en = names.get(used or "", (used or "未知格式", used or "an unknown format"))
    return Reason("format", f"本规则只适用于{want_zh}，本报告使用{used_zh}",
                  f"this rule applies to {want_en} only; the report uses {used_en}", {"formats": list(formats)})


def no_previous() -> Reason:
    return Reason("no_previous",
                  "没有上一年度报告可比对（用 --previous 指定，或在同一批中检查同一机关上一年度的报告）",
                  "no previous year's report to compare with (give one with --previous, or check the same agency's "
                  "report for the year before in the same batch)")


def not_paired(why_zh: str, why_en: str, **details: Any) -> Reason:
    return Reason("not_paired", f"没有配对上一年度报告：{why_zh}", f"no previous year's report was paired: {why_en}",
                  details)


def option_off(zh: str, en: str, option: str | None = None) -> Reason:
    return Reason("option_off", zh, en, {"option": option} if option else {})


def explain_pairing(checklist: list[dict], pairing: dict | None) -> None:
    """Cross-year rules that had no previous report say why none was paired or used: the
    batch's pairing found none (or several), or --previous named another agency's or an older
    report (validator/pairing.py gives the reason)."""
    if not pairing or pairing.get("status") not in ("unpaired", "refused"):
        return
    why = pairing.get("reason") or {}
    zh, en = why.get("zh") or "", why.get("en") or why.get("zh") or ""
    if pairing["status"] == "refused":
        reason = Reason("not_paired", f"未采用 --previous {pairing.get('previous', '')}：{zh}",
                        f"--previous {pairing.get('previous', '')} refused: {en}", {"code": why.get("code")})
    else:
        reason = not_paired(zh, en, code=why.get("code"))
    for entry in checklist:
        if (entry.get("reason") or {}).get("kind") == "no_previous":
            entry["reason"] = reason.to_dict()


_OPS_TEXT = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "=", "!=": "≠"}


def condition_unmet(cond: dict, facts: dict) -> Reason:
    """A rule's `when` that does not hold: 'applies when 报告年度 ≥ 2021 (here 2020)'."""
    spec = cond.get("compare") or (cond["equals"][:1] + ["=="] + cond["equals"][1:] if "equals" in cond else None)
    if spec and isinstance(spec[0], dict) and "fact" in spec[0] and not isinstance(spec[2], dict):
        path = spec[0]["fact"]
        zh, en = _FACT_NAMES.get(path, (path, path))
        value: Any = facts
        for key in path.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        op = _OPS_TEXT.get(spec[1], spec[1])
        return not_relevant(f"本规则适用于{zh} {op} {spec[2]} 的报告（本报告为 {value}）",
                            f"this rule applies when {en} {op} {spec[2]} (here {value})")
    return not_relevant("本报告不满足此规则的适用条件", "the report does not meet this rule's condition")


def not_relevant(zh: str, en: str) -> Reason:
    return Reason("not_relevant", zh, en)


def nothing_to_check() -> Reason:
    return not_relevant("本报告中没有此规则检查的内容", "the report has nothing this rule checks")


# ------------------------------------------------------------------ from the evaluator's causes

class _Inner:
    """A cause said of last year's report, as combine() reads causes."""

    def __init__(self, cause):
        self.kind, self.table, self.row, self.column = cause.inner, cause.table, cause.row, cause.column
        self.rows = None


def combine(facts: dict, causes: Iterable[Any]) -> Reason | None:
    """One Reason from the NotApplicable causes of a rule's bindings (evaluate.NotApplicable:
    kind, table, row, column). Reading and absence come first: they are what an auditor must see;
    within a kind, the rows of one table are named together."""
    by_kind: dict[tuple[str, str], list] = {}
    for c in causes:
        kind = getattr(c, "kind", None) or "not_relevant"
        by_kind.setdefault((kind, getattr(c, "table", None) or ""), []).append(c)
    # no previous report decides alone: the rows this year's report lacks do not matter then
    order = ["no_previous", "table_absent", "rows_missing", "rows_unreadable", "rows_split", "cells_not_numbers",
             "cells_blank", "cells_missing", "previous_unread", "format", "fact_unknown", "not_relevant"]
    reasons: list[Reason] = []
    for kind in order:
        for (k, tid), items in by_kind.items():
            if k != kind:
                continue
            if kind == "table_absent":
                reasons.append(table_absent(facts, tid))
            elif kind in ("rows_missing", "rows_unreadable", "rows_split"):
                rows = [r for c in items for r in (getattr(c, "rows", None) or [c.row]) if r]
                reasons.append(_rows_reason(kind, facts, tid, rows))
            elif kind in ("cells_not_numbers", "cells_blank", "cells_missing"):
                reasons.append(cells_reason(kind, facts, tid, [(c.row, c.column) for c in items]))
            elif kind == "no_previous":
                reasons.append(no_previous())
            elif kind == "previous_unread":
                inner = combine(items[0].facts or {}, [_Inner(c) for c in items])
                if inner is not None:
                    year = ((items[0].facts or {}).get("meta") or {}).get("year") or "?"
                    reasons.append(Reason(inner.kind, f"上一年度（{year}）报告：{inner.zh}",
                                          f"last year's ({year}) report: {inner.en}", {**inner.details, "previous": True}))
            elif kind == "format":
                reasons.append(Reason("format", "本报告所用格式没有此规则需要的行",
                                      "the report's format has no rows this rule needs"))
            else:
                reasons.append(nothing_to_check())
    if not reasons:
        return None
    if len(reasons) == 1 or reasons[0].kind == "no_previous":
        return reasons[0]
    first = reasons[0]
    rest = [r for r in reasons[1:] if r.kind != "not_relevant"]
    if not rest:
        return first
    return Reason(first.kind, "；".join(r.zh for r in [first, *rest]), "; ".join(r.en for r in [first, *rest]),
                  {**first.details, "also": [r.to_dict() for r in rest]})
