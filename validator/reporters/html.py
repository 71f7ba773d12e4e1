"""`--format html --output report.html`: one self-contained audit report for people.

One file an auditor can open, file and send on: no network, no external assets (CSS and JS
inline), printable. It holds

- a summary across every report checked: counts per severity (findings on a doubtful reading
  counted apart), per rule and per report, which reports are clean, which could not be fully
  verified, the reviewer corrections applied;
- the list of reports — paged, sortable by any column (agency, year, counts, status, an
  indicator), filtered by severity, rule, status and text as you type — which stays fast at
  thousands of reports: the list is drawn from a compact index, one page at a time;
- for each report, on demand (click it; small batches open every report): a requirement
  checklist (each part, each standard table, each arithmetic identity: 通过 / 不通过 / 未核验
  with the reason / 不适用), the findings (doubtful readings marked 请对照原件核对), the
  evaluators' indicators (small samples marked, not rated), the reviewer corrections, and the
  standard tables redrawn from the extracted facts with failing cells highlighted (expected vs
  actual) and corrected cells marked.

How it stays fast: each report's detail is a JSON document in an inert
`<script type="application/json">` element, parsed only when the report is opened; the browser
never lays out 3,000 reports at once (a 300-report file used to be 739,000 px tall). Printing
prints the summary, the whole filtered list and the reports that are open.

Safety: no document text is ever parsed as HTML. Text in the static part reaches the page through
jinja2 autoescaping (never `|safe`); the JSON data has `<`, `>` and `&` escaped (\\u003c …),
so nothing in it can close its script element, and the page script builds every element with
`textContent`, never `innerHTML`. A Content-Security-Policy with a per-file nonce allows only
this file's own script and style — so even a report containing `<script>` or `onerror=` cannot
run anything, and the page cannot load anything from the network.

jinja2 is imported here only, so only `--format html` pays for it.
"""
from __future__ import annotations

import datetime as _dt
import json
import secrets
from collections import defaultdict
from pathlib import Path

from validator.engine.reasons import unverified
from validator.findings import FileResult, Finding, display_path
from validator.reporters.common import (RuleInfo, Spool, cell_id, correction_text, fmt_number, rule_catalogue, rule_info_of,
                                        skip_text, version)

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, TextIO

TEMPLATES = Path(__file__).resolve().parent / "templates"
SEVERITIES = ("error", "warning", "info")

UI = {
    "zh": {
        "title": "政府信息公开工作年度报告检查报告", "generated": "生成时间", "tool": "检查工具",
        "summary": "汇总", "files": "报告数", "clean": "无问题", "unreadable": "无法读取", "skipped": "已跳过",
        "error": "错误", "warning": "警告", "info": "提示", "rule": "规则", "count": "数量",
        "reports_hit": "涉及报告", "report": "报告", "agency": "机关", "year": "年度", "template": "格式",
        "status": "状态", "clean_reports": "无问题的报告", "none": "无", "filters": "筛选",
        "severity": "严重程度", "all_rules": "全部规则", "show_suppressed": "显示已抑制的问题",
        "only_with_findings": "只显示有问题的报告", "shown": "显示", "of": "/", "findings": "问题",
        "checklist": "要求清单", "parts": "六个部分", "tables": "统计表", "identities": "勾稽关系",
        "all_checks": "全部规则检查结果", "pass": "通过", "fail": "不通过", "not_applicable": "不适用",
        "crashed": "规则出错", "missing": "未找到", "at_line": "第 {} 行", "at_page": "第 {} 页",
        "at_paragraph": "第 {} 段", "location": "位置", "message": "说明",
        "hint": "建议", "basis": "依据", "expected": "应为", "actual": "实际", "difference": "相差",
        "suppressed": "已抑制", "no_findings": "未发现问题。", "standard_tables": "统计表（按原文识别）",
        "table_not_found": "未找到此表。", "row_missing": "（未找到此行）", "row_unreliable": "（此行数字无法可靠识别）",
        "original_label": "原文", "level": "层级", "period": "统计期限", "path": "文件",
        "meta": "基本信息", "previous": "跨年度比对", "stale": "基线中已不再出现的问题", "legend_fail": "有问题的单元格",
        "legend_operand": "参与计算的单元格", "clean_badge": "无问题", "print": "打印",
        "no_reports_clean": "没有无问题的报告。", "rules_with_findings": "按规则", "per_report": "按报告",
        "title_unknown": "（未识别标题）", "rule_title": "要求", "findings_n": "问题数",
        "unverified": "未核验", "partly": "部分未核验", "doubtful": "读取存疑", "check_original": "请对照原件核对",
        "unverified_files": "有未核验项的报告", "corrections": "人工更正", "indicators": "评估指标",
        "indicator": "指标", "value": "数值", "formula": "公式", "sample": "样本数", "small_sample": "样本过小，不作评价",
        "search": "搜索机关、文件或标题", "all_statuses": "全部状态", "st_fail": "不通过", "st_check": "待核对（仅读取存疑）",
        "st_pass": "通过", "st_unreadable": "无法读取", "st_skipped": "已跳过", "st_unverified": "有未核验项",
        "page": "第 {page} / {pages} 页，共 {n} 份报告", "prev": "上一页", "next": "下一页",
        "open": "查看", "close": "收起", "open_page": "展开本页", "close_all": "全部收起",
        "no_match": "没有符合筛选条件的报告。", "clean_more": "另有 {n} 份无问题的报告：在状态筛选中选“通过”查看。",
        "not_listed_js": "此报告需要浏览器运行本文件中的脚本才能显示。", "stale_correction": "未采用的更正",
        "corrected": "已人工更正", "sort": "点击排序",
    },
    "en": {
        "title": "Annual disclosure report audit", "generated": "Generated", "tool": "Checked with",
        "summary": "Summary", "files": "Reports", "clean": "Clean", "unreadable": "Unreadable", "skipped": "Skipped",
        "error": "error", "warning": "warning", "info": "info", "rule": "Rule", "count": "Count",
        "reports_hit": "Reports", "report": "Report", "agency": "Agency", "year": "Year", "template": "Format",
        "status": "Status", "clean_reports": "Clean reports", "none": "none", "filters": "Filters",
        "severity": "Severity", "all_rules": "All rules", "show_suppressed": "Show suppressed findings",
        "only_with_findings": "Only reports with findings", "shown": "Showing", "of": "of", "findings": "findings",
        "checklist": "Requirement checklist", "parts": "The six parts", "tables": "Standard tables",
        "identities": "Arithmetic identities", "all_checks": "Every rule", "pass": "pass", "fail": "fail",
        "not_applicable": "not applicable", "crashed": "rule crashed", "missing": "not found", "at_line": "line {}",
        "at_page": "page {}", "at_paragraph": "paragraph {}",
        "location": "Location", "message": "Finding", "hint": "Fix", "basis": "Basis", "expected": "expected",
        "actual": "actual", "difference": "difference", "suppressed": "suppressed", "no_findings": "No findings.",
        "standard_tables": "Standard tables (as recognised)", "table_not_found": "Table not found.",
        "row_missing": "(row not found)", "row_unreliable": "(figures of this row could not be read reliably)",
        "original_label": "in the document", "level": "Level", "period": "Period", "path": "File",
        "meta": "Report", "previous": "Cross-year", "stale": "Baseline entries that no longer match", "legend_fail": "cell with a finding",
        "legend_operand": "cell used in the failed check", "clean_badge": "clean", "print": "Print",
        "no_reports_clean": "No report is clean.", "rules_with_findings": "By rule", "per_report": "By report",
        "title_unknown": "(title not recognised)", "rule_title": "Requirement", "findings_n": "Findings",
        "unverified": "not verified", "partly": "partly not verified", "doubtful": "doubtful reading",
        "check_original": "check against the original",
        "unverified_files": "Reports not fully verified", "corrections": "Reviewer corrections", "indicators": "Indicators",
        "indicator": "Indicator", "value": "Value", "formula": "Formula", "sample": "n", "small_sample": "small sample, not rated",
        "search": "Search agency, file or title", "all_statuses": "All statuses", "st_fail": "fail",
        "st_check": "to check (doubtful readings only)", "st_pass": "pass", "st_unreadable": "unreadable",
        "st_skipped": "skipped", "st_unverified": "not fully verified",
        "page": "page {page} of {pages}, {n} reports", "prev": "Previous", "next": "Next",
        "open": "Open", "close": "Close", "open_page": "Open this page", "close_all": "Close all",
        "no_match": "No report matches the filters.", "clean_more": "{n} more clean reports: choose “pass” in the status filter.",
        "not_listed_js": "This report needs the browser to run this file's script to be shown.",
        "stale_correction": "Correction not applied", "corrected": "corrected by a reviewer", "sort": "Click to sort",
    },
}


# ------------------------------------------------------------------ view model

def _cell_fact(table: str, row: str, column: str) -> str:
    return f"tables.{table}.rows.{row}.cells.{column}"


def _parse_fact(fact: str | None) -> tuple[str | None, str | None, str | None, str | None]:
    """'tables.t3.rows.new.cells.total' -> (t3, 'cell', new, total); columns / rows / table."""
    if not fact or not fact.startswith("tables."):
        return None, None, None, None
    rest = fact[len("tables."):]
    table, _, rest = rest.partition(".")
    if rest.startswith("rows."):
        rest = rest[len("rows."):]
        if ".cells." in rest:
            row, _, col = rest.partition(".cells.")
            return table, "cell", row, col
        return table, "row", rest, None
    if rest.startswith("columns.") or rest.startswith("cells."):
        return table, "column", None, rest.split(".", 1)[1]
    return table, "table", None, None


def _sev_rank(sev: str) -> int:
    return {"error": 3, "warning": 2, "info": 1}.get(sev, 0)


class _Marks:
    """Which table cells, rows and columns the findings of one report point at."""

    def __init__(self):
        self.cells: dict[str, dict] = defaultdict(lambda: {"rules": [], "sevs": [], "tips": [], "primary": False,
                                                           "expected": None, "difference": None})
        self.rows: dict[tuple[str, str], dict] = defaultdict(lambda: {"rules": [], "sevs": [], "tips": []})
        self.columns: dict[tuple[str, str], dict] = defaultdict(lambda: {"rules": [], "sevs": [], "tips": []})
        self.tables: dict[str, list[str]] = defaultdict(list)

    @staticmethod
    def _add(mark: dict, f: Finding, tip: str) -> None:
        mark["rules"].append(f.rule)
        mark["sevs"].append(str(f.severity))
        mark["tips"].append(tip)

    def add(self, f: Finding, lang: str) -> None:
        tip = f"{f.rule}: {f.text(lang)}"
        table, kind, row, col = _parse_fact(f.location.fact)
        if table:
            self.tables[table].append(f.rule)
        if kind == "cell":
            mark = self.cells[_cell_fact(table, row, col)]
            self._add(mark, f, tip)
            mark["primary"] = True
            if isinstance(f.values.get("expected"), (int, float)) and not isinstance(f.values.get("expected"), bool):
                mark["expected"] = f.values["expected"]
                if isinstance(f.values.get("difference"), (int, float)):
                    mark["difference"] = f.values["difference"]
        elif kind == "row":
            self._add(self.rows[(table, row)], f, tip)
        elif kind == "column":
            self._add(self.columns[(table, col)], f, tip)
        primary = f.location.fact
        operand_facts = {_cell_fact(o["table"], o["row"], o["column"]) for o in f.values.get("operand_cells") or []
                         if isinstance(o, dict) and o.get("table") and o.get("row") and o.get("column")
                         and not o.get("report")}  # last year's cells are not in this report's tables
        operand_facts |= {r.fact for r in f.related if r.fact and _parse_fact(r.fact)[1] == "cell"}
        for fact in operand_facts - {primary}:
            self._add(self.cells[fact], f, tip)


def _attrs(mark: dict | None) -> dict[str, str]:
    if not mark or not mark["rules"]:
        return {}
    sev = max(mark["sevs"], key=_sev_rank)
    return {"rules": " ".join(mark["rules"]), "sevs": " ".join(mark["sevs"]), "sev": sev,
            "tip": "\n".join(dict.fromkeys(mark["tips"]))}


def _header_rows(columns: list[tuple[str, list[str]]], marks: _Marks, table_id: str,
                 found: dict[str, str]) -> list[list[dict]]:
    """Grouped header cells (colspan/rowspan) from column label paths like 行政诉讼 / 复议后起诉 / 总计."""
    paths = [p for _, p in columns]
    depth = max((len(p) for p in paths), default=1)
    rows: list[list[dict]] = []
    for level in range(depth):
        row: list[dict] = []
        i = 0
        while i < len(paths):
            p = paths[i]
            if level >= len(p):
                i += 1
                continue
            j = i
            if level < len(p) - 1:
                while j + 1 < len(paths) and len(paths[j + 1]) > level + 1 and paths[j + 1][:level + 1] == p[:level + 1]:
                    j += 1
            leaf = level == len(p) - 1
            cell = {"label": p[level], "colspan": j - i + 1, "rowspan": depth - level if leaf else 1}
            if leaf:
                cell["col"] = columns[i][0]
                cell.update(_attrs(marks.columns.get((table_id, columns[i][0]))))
                if found.get(columns[i][0]):
                    cell["found"] = found[columns[i][0]]
            row.append(cell)
            i = j + 1
        rows.append(row)
    return rows


def _found_labels(t: dict) -> dict[str, str]:
    """column id -> the label as written in the document, where it differs from the official one."""
    out = {}
    for cid, c in (t.get("columns") or {}).items():
        seen = c.get("found")
        if isinstance(seen, str) and seen and seen != c.get("label") and seen != c.get("full_label"):
            out[cid] = seen
    return out


def _layout(tid: str, t: dict) -> dict[str, Any]:
    """What every report of one unified format shares for a table: title, unit, the grouped
    header and the official rows — sent once per format, not once per report."""
    columns = _column_paths(t)
    depth_of: dict[str, int] = {}
    rows = []
    for rid, r in (t.get("rows") or {}).items():
        parent = r.get("parent")
        depth_of[rid] = 0 if not parent else depth_of.get(parent, 0) + 1
        rows.append({"id": rid, "label": r.get("label") or "", "depth": min(depth_of[rid], 3),
                     "numeric": bool(r.get("numeric"))})
    return {"id": tid, "title": t.get("title") or tid, "unit": t.get("unit"), "columns": [c for c, _ in columns],
            "header": _header_rows(columns, _Marks(), tid, {}) if columns else [], "rows": rows}


def _column_paths(t: dict) -> list[tuple[str, list[str]]]:
    return [(cid, [s for s in (c.get("full_label") or c.get("label") or cid).split(" / ") if s])
            for cid, c in (t.get("columns") or {}).items()]


def _cell_view(c: dict | None, numeric_found: bool, mark: dict | None) -> int | str | dict:
    """One figure: the number or its text alone when nothing marks it (most cells), else a dict with the kind
    (blank, invalid), the corrected value's trail, and the findings that point at it."""
    cell: dict[str, Any] = {"text": ""}
    if c is not None:
        if c.get("type") in ("int", "decimal") and c.get("value") is not None:
            cell["text"] = fmt_number(c["value"])
        elif c.get("type") == "invalid":
            cell.update(text=c.get("raw", ""), kind="invalid")
        else:
            cell["kind"] = "blank"
        if c.get("corrected"):
            trail = c["corrected"]
            cell["corrected"] = f"{trail.get('reviewer', '')} {trail.get('date', '')}：{trail.get('reason', '')}" + (
                f"（原读作“{trail['was']}”）" if trail.get("was") else "")
    elif numeric_found:
        cell["kind"] = "blank"
    if mark and mark["rules"]:
        cell.update(_attrs(mark))
        cell["role"] = "fail" if mark["primary"] else "operand"
        if mark["primary"] and mark["expected"] is not None:
            cell["expected"] = fmt_number(mark["expected"])
            if mark["difference"] is not None:
                cell["difference"] = fmt_number(mark["difference"])
    return cell["text"] if list(cell) == ["text"] else cell


def _table_view(tid: str, t: dict, marks: _Marks, ui: dict) -> dict[str, Any]:
    """One report's table: found or not, its rows' figures and marks (the labels are in the
    layout, `_layout`), the column labels as the document wrote them where they differ."""
    view: dict[str, Any] = {"id": tid, "found": bool(t.get("found")), "rows": []}
    notes = [str(n) for n in t.get("notes") or []]
    if notes:
        view["notes"] = notes
    rules = sorted(set(marks.tables.get(tid, [])))
    if rules:
        view["rules"] = rules
    header_marks = {cid: _attrs(marks.columns.get((tid, cid))) for cid in (t.get("columns") or {})
                    if marks.columns.get((tid, cid))}
    if header_marks:
        view["header_marks"] = header_marks
    found_labels = _found_labels(t)
    if found_labels:
        view["found_labels"] = found_labels
    if not view["found"]:
        return view
    columns = list(t.get("columns") or {})
    prefix = f"tables.{tid}.rows."
    marked = {fact for fact in marks.cells if fact.startswith(prefix)}
    for rid, r in (t.get("rows") or {}).items():
        found, numeric = bool(r.get("found")), bool(r.get("numeric"))
        row: dict[str, Any] = {"id": rid}
        if not found:
            row["found"] = False
        if r.get("reliable", True) is False:
            row["reliable"] = False
        if found and r.get("found_label") and r["found_label"] != r.get("label"):
            row["found_label"] = r["found_label"]
        if numeric or r.get("subtotal"):
            cells = r.get("cells") or {}
            readable = numeric and found and r.get("reliable", True) is not False
            out = []
            for cid in columns:
                c = cells.get(cid)
                fact = f"{prefix}{rid}.cells.{cid}" if marked else None
                if c is not None and c.get("type") == "int" and "corrected" not in c and fact not in marked:
                    out.append(c["value"])  # most cells: the figure and nothing else
                else:
                    out.append(_cell_view(c, readable, marks.cells.get(fact) if fact in marked else None))
            row["cells"] = out
        row.update(_attrs(marks.rows.get((tid, rid))))
        view["rows"].append(row)
    return view


def _requirements(r: FileResult, active_by_rule: dict[str, list[Finding]], catalogue: dict[str, RuleInfo],
                  lang: str, ui: dict) -> list[dict]:
    facts = r.facts or {}
    active = [f for f in r.findings if not f.suppressed]
    sections = []
    parts = []
    for p in facts.get("parts") or []:
        n = p.get("number")
        rules = sorted({f.rule for f in active if f.location.fact and
                        (f.location.fact == f"parts.{n}" or f.location.fact.startswith(f"parts.{n}."))})
        found = bool(p.get("found"))
        detail = ""
        if found:
            where = _where(p.get("location") or {}, ui)
            detail = (p.get("heading") or "") + (f"（{where}）" if where else "")
        else:
            detail = ui["missing"]
        parts.append({"label": p.get("official") or f"{n}", "status": "fail" if (rules or not found) else "pass",
                      "detail": detail, "rules": rules})
    if parts:
        sections.append({"title": ui["parts"], "items": parts})
    tables = []
    for tid, t in (facts.get("tables") or {}).items():
        rules = sorted({f.rule for f in active if _parse_fact(f.location.fact)[0] == tid})
        found = bool(t.get("found"))
        tables.append({"label": t.get("title") or tid, "status": "fail" if (rules or not found) else "pass",
                       "detail": "" if found else ui["missing"], "rules": rules})
    if tables:
        sections.append({"title": ui["tables"], "items": tables})
    identities = []
    for entry in r.checklist:
        info = catalogue.get(entry.get("rule", ""))
        groups = entry.get("groups") or (info.groups if info else [])
        if "arithmetic" not in groups:
            continue
        identities.append(_check_item(entry, active_by_rule, lang))
    if identities:
        sections.append({"title": ui["identities"], "items": identities})
    return sections


def _where(location: dict, ui: dict) -> str:
    for key in ("line", "page", "paragraph"):
        if location.get(key):
            return ui[f"at_{key}"].format(location[key])
    return ""


def _check_label(entry: dict, lang: str) -> str:
    """A checklist states what is required ("总计 = 各列之和"); a rule's title names the defect."""
    title = entry.get("requirement") or entry.get("title") or {}
    rule_id = entry.get("rule", "")
    return title.get(lang) or title.get("zh") or rule_id if isinstance(title, dict) else str(title)


def _check_item(entry: dict, active_by_rule: dict[str, list[Finding]], lang: str, labels: dict | None = None) -> dict:
    """One rule's line of a report's checklist. `labels` memoises the wording per rule (the
    same for every report of a run)."""
    rule_id = entry.get("rule", "")
    status = entry.get("status", "")
    n_active = len(active_by_rule.get(rule_id, []))
    if status == "fail" and not n_active:
        status = "pass"  # every finding of the rule is suppressed
    if labels is None:
        label = _check_label(entry, lang)
    else:
        label = labels.get(rule_id) or labels.setdefault(rule_id, _check_label(entry, lang))
    reason = entry.get("reason") if status == "not_applicable" else entry.get("partial")
    detail = (reason.get(lang) or reason.get("zh") or "") if reason else ""
    if status == "not_applicable" and unverified(reason):
        status = "unverified"  # 未核验: something to check that could not be, distinct from 通过 and 不适用
    return {"label": label, "status": "error" if status == "error" else status, "rule": rule_id,
            "name": entry.get("name", ""), "detail": detail, "partial": bool(entry.get("partial")),
            "rules": [rule_id] if n_active else [], "count": n_active}


def _position(f: Finding, lang: str = "zh") -> str:
    from validator.reporters.text import position as pos  # noqa: PLC0415

    s = f.location.span
    return "" if s == s.__class__() else pos(f, lang)


def _finding_view(f: Finding, idx: str, lang: str, catalogue: dict[str, RuleInfo]) -> dict:
    info = catalogue.get(f.rule)
    values = f.values or {}
    out = {"id": idx, "rule": f.rule, "name": f.name, "sev": str(f.severity), "message": f.text(lang),
           "hint": f.hint_text(lang), "basis": list(f.basis), "position": _position(f, lang),
           "where": f.location.logical(), "suppressed": f.suppressed, "fingerprint": f.fingerprint,
           "rule_title": info.text("title", lang) if info else ""}
    if f.confidence == "doubtful":
        out["doubtful"] = True
    if f.corrected:
        out["corrected"] = [cell_id(c) for c in f.corrected]
    nums = {}
    for key in ("expected", "actual", "difference"):
        v = values.get(key)
        if isinstance(v, (int, float, str)) and not isinstance(v, bool) and v != "":
            nums[key] = fmt_number(v)
    out["numbers"] = nums
    return out


def _indicator_view(res: dict, lang: str) -> dict:
    from validator.indicators import shown  # noqa: PLC0415

    reason = res.get("reason") or {}
    out = {"id": res["id"], "name": res["name"].get(lang) or res["name"]["zh"], "shown": shown(res, lang),
           "formula": res["formula"].get(lang) or res["formula"]["zh"], "n": res.get("n"),
           "small": bool(res.get("small_sample")), "why": reason.get(lang) or reason.get("zh") or ""}
    if res.get("doubts"):
        from validator.confidence import doubt_text  # noqa: PLC0415

        out["doubt"] = doubt_text(res["doubts"], lang)
    return out


# reports listed and opened in full when the batch is this small (and as many on a page of the list)
OPEN_ALL = 20
PAGE = 50
CLEAN_LISTED = 100
STATUSES = ("fail", "check", "pass", "unreadable", "skipped")
SEV_CODE = {"error": 3, "warning": 2, "info": 1}


def _index_entry(r: FileResult, view: dict, status: str, unverified_n: int) -> dict:
    """What the list needs of one report, and no more: it is sent for every report at once."""
    return {"a": view["anchor"], "p": r.path, "t": view["title"], "g": view["agency"], "y": view["year"],
            "f": view["template"], "s": status, "u": unverified_n,
            "c": [view["counts"][k] for k in ("error", "warning", "info", "doubtful")],
            "k": sum(1 for c in r.corrections if c.get("status") == "applied"),
            # every finding as [rule, severity 3/2/1, suppressed, doubtful]: what the filters count
            "x": [[f.rule, SEV_CODE[str(f.severity)], int(bool(f.suppressed)), int(f.confidence == "doubtful")]
                  for f in r.findings],
            "v": [None if i.get("value") is None else round(i["value"], 4) for i in r.indicators],
            "vs": [int(bool(i.get("small_sample"))) for i in r.indicators]}


class _Page:
    """The page built one report at a time: `add(r)` makes the report's view and returns it with
    its index entry; what the summary needs (counts, the rules seen, the first page of the list,
    the first clean reports, one layout per format) is all that stays behind (issue 16)."""

    def __init__(self, opts=None):
        from validator.findings import Severity  # noqa: PLC0415
        from validator.summary import Tally  # noqa: PLC0415

        self.lang = lang = getattr(opts, "lang", "zh") or "zh"
        self.ui = UI.get(lang, UI["zh"])
        self.catalogue = {r.id: r for r in rule_catalogue(opts, [])}
        try:
            self.fail_on = Severity.parse(getattr(opts, "fail_on", None) or "error")
        except ValueError:
            self.fail_on = Severity.error
        self.tally = Tally(self.fail_on)
        self.labels: dict[str, str] = {}  # a rule's checklist wording, the same in every report
        self.layouts: dict[str, dict[str, dict]] = {}
        self.seen_rules: set[str] = set()
        self.head: list[dict] = []  # the first page of the list, drawn without the script too
        self.clean: list[dict] = []  # the first CLEAN_LISTED clean reports
        self.clean_count = 0

    def add(self, r: FileResult) -> tuple[dict, dict]:
        from validator.summary import file_status, unverified_count  # noqa: PLC0415

        lang, ui, catalogue = self.lang, self.ui, self.catalogue
        i = self.tally.files + 1
        counts = self.tally.add(r)
        for f in r.findings:
            if f.rule not in catalogue:
                catalogue[f.rule] = rule_info_of(f)
            self.seen_rules.add(f.rule)
        active_by_rule: dict[str, list[Finding]] = defaultdict(list)
        marks = _Marks()
        for f in r.active:
            active_by_rule[f.rule].append(f)
            marks.add(f, lang)
        facts = r.facts or {}
        meta = facts.get("meta") or {}
        period = meta.get("period") or {}
        template = (facts.get("template") or {}).get("used") or ""
        tables = facts.get("tables") or {}
        if template and template not in self.layouts:
            self.layouts[template] = {tid: _layout(tid, t) for tid, t in tables.items()}
        view = {
            "anchor": f"r{i}", "path": display_path(r.path), "title": meta.get("title") or "", "agency": meta.get("agency") or "",
            "level": meta.get("level") or "", "year": meta.get("year") or "",
            "period": f"{period.get('start', '')} – {period.get('end', '')}" if period.get("start") else "",
            "template": template, "counts": counts, "error": r.error,
            "clean": not r.error and not r.skipped and not r.active, "readable": r.facts is not None,
            "skipped": skip_text(r, lang),
            "pairing": _pairing_text(r, lang),
            "findings": [_finding_view(f, f"r{i}f{j}", lang, catalogue) for j, f in enumerate(r.findings, 1)],
            "requirements": _requirements(r, active_by_rule, catalogue, lang, ui) if r.facts else [],
            "checks": [_check_item(e, active_by_rule, lang, self.labels) for e in r.checklist],
            "tables": [_table_view(tid, t, marks, ui) for tid, t in tables.items()] if not r.skipped else [],
            "rules": sorted(active_by_rule),
            "indicators": [_indicator_view(res, lang) for res in r.indicators],
            "corrections": [{"status": c.get("status"), "text": correction_text(c, lang) if c.get("status") != "stale"
                             else f"{c.get('label', c.get('cell'))}：{c.get('why_' + lang) or c.get('why_zh', '')}"}
                            for c in r.corrections],
        }
        brief = {k: view[k] for k in ("anchor", "path", "title", "agency", "year", "template", "counts")}
        if len(self.head) < PAGE:
            self.head.append(brief)
        if view["clean"]:
            self.clean_count += 1
            if len(self.clean) < CLEAN_LISTED:
                self.clean.append(brief)
        return view, _index_entry(r, view, file_status(r, self.fail_on), unverified_count(r))

    def summary(self, stale: list | None = None) -> dict[str, Any]:
        """The page's view but the reports' details and the index (render writes them as they come)."""
        from validator.indicators import load_indicators  # noqa: PLC0415

        lang, tally, catalogue = self.lang, self.tally, self.catalogue
        rules_rows = []
        worst = {rule: sev for rule, (_, sev) in tally.rule_info.items()}
        for rule_id, n in sorted(tally.by_rule.items(), key=lambda kv: (-_sev_rank(worst[kv[0]]), -kv[1], kv[0])):
            info = catalogue.get(rule_id)
            rules_rows.append({"id": rule_id, "name": info.name if info else "", "sev": worst[rule_id],
                               "title": info.text("title", lang) if info else "", "count": n,
                               "files": tally.files_by_rule[rule_id], "doubtful": tally.doubtful_by_rule[rule_id]})
        return {
            "lang": lang, "ui": self.ui, "version": version(), "nonce": secrets.token_urlsafe(18),
            "generated": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z"),
            "totals": {**tally.as_dict(), "clean": self.clean_count},
            "by_rule": rules_rows,
            "filter_rules": [{"id": rid, "name": catalogue[rid].name if rid in catalogue else ""}
                             for rid in sorted(self.seen_rules)],
            "reports": self.head, "report_count": tally.files, "layouts": self.layouts,
            "indicators": [{"id": s["id"], "name": s["name"].get(lang) or s["name"]["zh"],
                            "formula": s["formula"].get(lang) or s["formula"]["zh"]} for s in load_indicators()],
            "clean_reports": self.clean, "clean_count": self.clean_count,
            "stale": list(stale or []), "severities": SEVERITIES, "statuses": STATUSES,
            "open_all": tally.files <= OPEN_ALL, "page_size": PAGE,
        }


def report_view(results: list[FileResult], opts=None, stale: list | None = None) -> dict[str, Any]:
    """The whole page's view at once, every report's included (tests, bench/html_report.py);
    `render` streams the same."""
    page = _Page(opts)
    reports, index = [], []
    for r in results:
        view, entry = page.add(r)
        reports.append(view)
        index.append(entry)
    return {**page.summary(stale), "reports": reports, "index": index,
            "clean_reports": [rep for rep in reports if rep["clean"]][:CLEAN_LISTED]}


def _pairing_text(r: FileResult, lang: str) -> str:
    """What the cross-year rules compared this report with, or why nothing (batches, --previous)."""
    if not r.pairing:
        return ""
    from validator.pairing import describe  # noqa: PLC0415

    return describe(r.pairing, lang)


STATUS_CODE = {"pass": "p", "fail": "f", "not_applicable": "n", "unverified": "u", "error": "e"}


def _wire_table(t: dict, layout: dict) -> dict:
    """Rows in the layout's order: a row is its list of cells, or a dict when it carries more
    (not found, unreadable, a label as written, findings on the row)."""
    by_id = {r["id"]: r for r in t["rows"]}
    out = {k: v for k, v in t.items() if k != "rows"}
    if not t["found"]:
        return out
    rows = []
    for lr in layout["rows"]:
        r = by_id.get(lr["id"], {"id": lr["id"]})
        cells = r.get("cells")
        extra = {k: v for k, v in r.items() if k not in ("id", "cells")}
        if extra:
            rows.append({**extra, **({"cells": cells} if cells is not None else {})})
        else:
            rows.append(cells if cells is not None else 0)
    out["rows"] = rows
    return out


class _Texts:
    """Strings said once for the whole file (reasons, part titles …): reports refer to them by
    number — thousands of reports repeat the same few hundred."""

    def __init__(self):
        self.strings: list[str] = []
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        n = self.index.get(text)
        if n is None:
            n = self.index[text] = len(self.strings)
            self.strings.append(text)
        return n


def _wire(rep: dict, rules: dict[str, list[str]], orders: list[list[str]], layouts: dict, texts: _Texts) -> dict:
    """A report's view as the page receives it, compact: what every report shares (a rule's
    requirement and name, the order of the checks, an indicator's name and formula, a table's
    labels, repeated texts) is said once for the file; the checks are one status letter each."""
    out = {k: v for k, v in rep.items() if k not in ("checks", "requirements", "indicators", "tables")
           and v not in (None, "", [], {}, False)}
    out["counts"], out["findings"] = rep["counts"], rep["findings"]
    order = [c["rule"] for c in rep["checks"]]
    if order not in orders:
        orders.append(order)
    notes = {}
    for c in rep["checks"]:
        rules.setdefault(c["rule"], [c["label"], c["name"]])
        if c["count"] or c["detail"] or c["partial"]:
            notes[c["rule"]] = [c["count"], texts(c["detail"]), int(c["partial"])]
    out["checks"] = {"o": orders.index(order), "s": "".join(STATUS_CODE.get(c["status"], "n") for c in rep["checks"]),
                     "x": notes}
    out["requirements"] = []
    for sec in rep["requirements"]:
        if all("rule" in item for item in sec["items"]):  # identities: the checks above, by rule
            out["requirements"].append({"title": sec["title"], "checks": [item["rule"] for item in sec["items"]]})
        else:
            out["requirements"].append({"title": sec["title"], "items": [
                [texts(item["label"]), STATUS_CODE.get(item["status"], "n"), texts(item["detail"]), item["rules"]]
                for item in sec["items"]]})
    out["indicators"] = [[texts(i["shown"]), i["n"], int(i["small"]), texts(i["why"]), texts(i.get("doubt", ""))]
                         for i in rep["indicators"]]
    fmt_layouts = layouts.get(rep["template"]) or {}
    out["tables"] = [_wire_table(t, fmt_layouts[t["id"]]) if t["id"] in fmt_layouts else t for t in rep["tables"]]
    return out


def _script_json(value: Any) -> str:
    """JSON for an inert <script type="application/json">: `<`, `>` and `&` escaped so that no
    text in it can close the element or start markup (JSON.parse reads them back)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _detail_element(anchor: str, detail: str) -> str:
    return f'<script type="application/json" id="d-{anchor}">{detail}</script>\n'


def _page(summary: dict, data_head: dict, data_tail: dict) -> tuple[str, str, str]:
    """The page without the reports: the text before the index, between the index and the
    reports' details, and after them."""
    import jinja2  # noqa: PLC0415 — only --format html pays for it
    from markupsafe import Markup  # noqa: PLC0415 — jinja2's own dependency

    marker = f"\x00xxgk-{summary['nonce']}\x00"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    page = env.get_template("report.html.j2").render(**summary, data_json=Markup(marker + "index" + marker),
                                                     details=Markup(marker + "details" + marker))
    before, _, rest = page.partition(marker + "index" + marker)
    middle, _, after = rest.partition(marker + "details" + marker)
    head, tail = _script_json(data_head), _script_json(data_tail)
    # {"ui":…,"layouts":…,"index":[ INDEX ],"indicators":…}: the index goes where the markers were
    return before + head[:-1] + ',"index":[', "]," + tail[1:] + middle, after


def render(results, out: TextIO, opts, stale: list) -> None:
    """The page written as the reports come: each report's detail (and its index entry) goes to a
    temporary file as soon as it is checked, and nothing of it stays in memory; the summary, which
    heads the page, is written at the end, followed by the index and the details (issue 16)."""
    page = _Page(opts)
    rules: dict[str, list[str]] = {}
    orders: list[list[str]] = []
    texts = _Texts()
    index, details = Spool(), Spool()
    for r in results:
        view, entry = page.add(r)
        index.write(("" if index.empty else ",") + _script_json(entry))
        details.write(_detail_element(view["anchor"], _script_json(_wire(view, rules, orders, page.layouts, texts))))
    summary = page.summary(stale)
    before, middle, after = _page(summary, {"ui": summary["ui"], "lang": summary["lang"], "layouts": summary["layouts"]},
                                  {"indicators": summary["indicators"], "open_all": summary["open_all"],
                                   "page_size": summary["page_size"], "statuses": summary["statuses"], "rules": rules,
                                   "check_orders": orders, "texts": texts.strings})
    out.write(before)
    index.copy_to(out)
    out.write(middle)
    details.copy_to(out)
    out.write(after)


def render_html(results: list[FileResult], opts=None, stale: list | None = None) -> str:
    """The page as one string (tests, bench/html_report.py)."""
    import io  # noqa: PLC0415

    out = io.StringIO()
    render(results, out, opts, list(stale or []))
    return out.getvalue()
