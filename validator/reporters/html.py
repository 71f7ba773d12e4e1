"""`--format html --output report.html`: one self-contained audit report for people.

One file an auditor can open and send on: no network, no external assets (CSS and JS inline),
print-friendly. It holds

- a summary across every report checked: counts per severity, per rule and per report, and
  which reports are clean;
- for each report: a requirement checklist (each of the six parts, each standard table, each
  arithmetic identity: pass / fail / not applicable), the findings, and the standard tables
  rendered from the extracted facts with failing cells highlighted (expected vs actual);
- filters by severity and rule (plain JS).

Safety: every piece of document text reaches the page through jinja2 autoescaping (never
`|safe`), data travels in HTML attributes rather than inside <script>, and a
Content-Security-Policy with a per-file nonce allows only this file's own script and style —
so even a report containing `<script>` or `onerror=` cannot run anything, and the page cannot
load anything from the network.

jinja2 is imported here only, so only `--format html` pays for it.
"""
from __future__ import annotations

import datetime as _dt
import secrets
from collections import Counter, defaultdict
from pathlib import Path

from validator.engine.reasons import unverified
from validator.findings import FileResult, Finding, display_path
from validator.reporters.common import RuleInfo, fmt_number, rule_catalogue, skip_text, version

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
        "unverified": "未核验", "partly": "部分未核验",
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
        "unverified": "not verified", "partly": "partly not verified",
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


def _table_view(tid: str, t: dict, marks: _Marks, ui: dict) -> dict[str, Any]:
    columns = [(cid, [s for s in (c.get("full_label") or c.get("label") or cid).split(" / ") if s])
               for cid, c in (t.get("columns") or {}).items()]
    view: dict[str, Any] = {"id": tid, "title": t.get("title") or tid, "found": bool(t.get("found")),
                            "unit": t.get("unit"), "ncols": len(columns) + 1,
                            "header": _header_rows(columns, marks, tid, _found_labels(t)) if columns else [],
                            "rows": [],
                            "notes": [str(n) for n in t.get("notes") or []],
                            "rules": sorted(set(marks.tables.get(tid, [])))}
    if not view["found"]:
        return view
    depth_of: dict[str, int] = {}
    for rid, r in (t.get("rows") or {}).items():
        parent = r.get("parent")
        depth_of[rid] = 0 if not parent else depth_of.get(parent, 0) + 1
        cells = []
        for cid, _ in columns:
            c = (r.get("cells") or {}).get(cid)
            mark = marks.cells.get(_cell_fact(tid, rid, cid))
            cell: dict[str, Any] = {"text": "", "kind": ""}
            if c is not None:
                if c.get("type") in ("int", "decimal") and c.get("value") is not None:
                    cell["text"] = fmt_number(c["value"])
                elif c.get("type") == "invalid":
                    cell.update(text=c.get("raw", ""), kind="invalid")
                else:
                    cell["kind"] = "blank"
            elif r.get("numeric") and r.get("found"):
                cell["kind"] = "blank"
            if mark and mark["rules"]:
                cell.update(_attrs(mark))
                cell["role"] = "fail" if mark["primary"] else "operand"
                if mark["primary"] and mark["expected"] is not None:
                    cell["expected"] = fmt_number(mark["expected"])
                    if mark["difference"] is not None:
                        cell["difference"] = fmt_number(mark["difference"])
            cells.append(cell)
        label = r.get("label") or ""
        found_label = r.get("found_label")
        row_view = {"id": rid, "label": label, "depth": min(depth_of[rid], 3), "numeric": bool(r.get("numeric")),
                    "found": bool(r.get("found")), "reliable": r.get("reliable", True) is not False,
                    "found_label": found_label if found_label and found_label != label else None,
                    "cells": cells}
        row_view.update(_attrs(marks.rows.get((tid, rid))))
        view["rows"].append(row_view)
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


def _check_item(entry: dict, active_by_rule: dict[str, list[Finding]], lang: str) -> dict:
    rule_id = entry.get("rule", "")
    status = entry.get("status", "")
    n_active = len(active_by_rule.get(rule_id, []))
    if status == "fail" and not n_active:
        status = "pass"  # every finding of the rule is suppressed
    # a checklist states what is required ("总计 = 各列之和"); a rule's title names the defect
    title = entry.get("requirement") or entry.get("title") or {}
    label = title.get(lang) or title.get("zh") or rule_id if isinstance(title, dict) else str(title)
    reason = entry.get("reason") if status == "not_applicable" else entry.get("partial")
    detail = (reason.get(lang) or reason.get("zh") or "") if reason else ""
    if status == "not_applicable" and unverified(reason):
        status = "unverified"  # 未核验: something to check that could not be, distinct from 通过 and 不适用
    return {"label": label, "status": "error" if status == "error" else status, "rule": rule_id,
            "name": entry.get("name", ""), "detail": detail, "partial": bool(entry.get("partial")),
            "rules": [rule_id] if n_active else [], "count": n_active}


def _position(f: Finding) -> str:
    from validator.reporters.text import _position as pos  # noqa: PLC0415

    s = f.location.span
    return "" if s == s.__class__() else pos(f)


def _finding_view(f: Finding, idx: str, lang: str, catalogue: dict[str, RuleInfo]) -> dict:
    info = catalogue.get(f.rule)
    values = f.values or {}
    out = {"id": idx, "rule": f.rule, "name": f.name, "sev": str(f.severity), "message": f.text(lang),
           "hint": f.hint_text(lang), "basis": list(f.basis), "position": _position(f),
           "where": f.location.logical(), "suppressed": f.suppressed, "fingerprint": f.fingerprint,
           "rule_title": info.text("title", lang) if info else ""}
    nums = {}
    for key in ("expected", "actual", "difference"):
        v = values.get(key)
        if isinstance(v, (int, float, str)) and not isinstance(v, bool) and v != "":
            nums[key] = fmt_number(v)
    out["numbers"] = nums
    return out


def report_view(results: list[FileResult], opts=None, stale: list | None = None) -> dict[str, Any]:
    lang = getattr(opts, "lang", "zh") or "zh"
    ui = UI.get(lang, UI["zh"])
    catalogue_list = rule_catalogue(opts, results)
    catalogue = {r.id: r for r in catalogue_list}
    totals = Counter()
    by_rule: Counter = Counter()
    files_by_rule: dict[str, set] = defaultdict(set)
    reports = []
    for i, r in enumerate(results, 1):
        counts = r.counts()
        totals.update(counts)
        active_by_rule: dict[str, list[Finding]] = defaultdict(list)
        marks = _Marks()
        for f in r.findings:
            if f.suppressed:
                continue
            active_by_rule[f.rule].append(f)
            by_rule[f.rule] += 1
            files_by_rule[f.rule].add(i)
            marks.add(f, lang)
        facts = r.facts or {}
        meta = facts.get("meta") or {}
        period = meta.get("period") or {}
        view = {
            "anchor": f"r{i}", "path": display_path(r.path), "title": meta.get("title") or "", "agency": meta.get("agency") or "",
            "level": meta.get("level") or "", "year": meta.get("year") or "",
            "period": f"{period.get('start', '')} – {period.get('end', '')}" if period.get("start") else "",
            "template": (facts.get("template") or {}).get("used") or "", "counts": counts, "error": r.error,
            "clean": not r.error and not r.skipped and not r.active, "readable": r.facts is not None,
            "skipped": skip_text(r, lang),
            "pairing": _pairing_text(r, lang),
            "findings": [_finding_view(f, f"r{i}f{j}", lang, catalogue) for j, f in enumerate(r.findings, 1)],
            "requirements": _requirements(r, active_by_rule, catalogue, lang, ui) if r.facts else [],
            "checks": [_check_item(e, active_by_rule, lang) for e in r.checklist],
            "tables": [_table_view(tid, t, marks, ui) for tid, t in (facts.get("tables") or {}).items()],
            "rules": sorted(active_by_rule),
        }
        reports.append(view)
    rules_rows = []
    for rule_id, n in sorted(by_rule.items(), key=lambda kv: (-_sev_rank(_rule_sev(kv[0], results)), -kv[1], kv[0])):
        info = catalogue.get(rule_id)
        rules_rows.append({"id": rule_id, "name": info.name if info else "", "sev": _rule_sev(rule_id, results),
                           "title": info.text("title", lang) if info else "", "count": n,
                           "files": len(files_by_rule[rule_id])})
    seen_rules = sorted({f.rule for r in results for f in r.findings})
    return {
        "lang": lang, "ui": ui, "version": version(), "nonce": secrets.token_urlsafe(18),
        "generated": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z"),
        "totals": {"files": len(results), **{s: totals.get(s, 0) for s in SEVERITIES},
                   "clean": sum(1 for rep in reports if rep["clean"]),
                   "unreadable": sum(1 for r in results if r.error)},
        "by_rule": rules_rows,
        "filter_rules": [{"id": rid, "name": catalogue[rid].name if rid in catalogue else ""} for rid in seen_rules],
        "reports": reports, "clean_reports": [rep for rep in reports if rep["clean"]],
        "stale": list(stale or []), "severities": SEVERITIES,
    }


def _pairing_text(r: FileResult, lang: str) -> str:
    """What the cross-year rules compared this report with, or why nothing (batches, --previous)."""
    if not r.pairing:
        return ""
    from validator.pairing import describe  # noqa: PLC0415

    return describe(r.pairing, lang)


def _rule_sev(rule_id: str, results: list[FileResult]) -> str:
    sevs = [str(f.severity) for r in results for f in r.findings if f.rule == rule_id and not f.suppressed]
    return max(sevs, key=_sev_rank) if sevs else "info"


def render_html(results: list[FileResult], opts=None, stale: list | None = None) -> str:
    import jinja2  # noqa: PLC0415 — only --format html pays for it

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2").render(**report_view(results, opts, stale))


def render(results: list[FileResult], out: TextIO, opts, stale: list) -> None:
    # the page's summary and rule index come first: every result is needed before writing
    out.write(render_html(list(results), opts, stale))
