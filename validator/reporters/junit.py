"""`--format junit`: JUnit XML for CI test dashboards (stdlib ElementTree).

One <testsuite> per report, one <testcase> per rule of the run's checklist — passes included,
so a dashboard shows what was checked, not only what failed:

- rule passed (or every finding of it is suppressed)  → plain <testcase>
- rule found problems                                  → <failure type="error|warning|info">, one
  line per finding in the body, the first message as the attribute
- rule not applicable (facts absent, other format)     → <skipped>
- rule crashed, or the file could not be read          → <error>
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from validator.engine.reasons import unverified
from validator.findings import FileResult, Finding, display_path
from validator.reporters.common import Spool, skip_text, unverified_text, version

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import TextIO

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: object) -> str:
    """XML 1.0 cannot carry most control characters, even escaped: drop them."""
    return _BAD_XML.sub("", str(text))


def _position(f: Finding, lang: str = "zh") -> str:
    from validator.reporters.text import position as pos  # noqa: PLC0415

    return pos(f, lang)


def _finding_line(path: str, f: Finding, lang: str) -> str:
    where = f.location.logical()
    line = f"{path}:{_position(f, lang)}: {f.severity} {f.rule} {f.text(lang)}"
    if where and where not in line:
        line += f" [{where}]"
    hint = f.hint_text(lang)
    if hint:
        line += f"\n    {'建议' if lang == 'zh' else 'fix'}: {hint}"
    return line


def _title(entry: dict, lang: str) -> str:
    title = entry.get("title") or {}
    if isinstance(title, dict):
        return title.get(lang) or title.get("zh") or ""
    return str(title)


def _testcase(suite: ET.Element, classname: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": _clean(classname), "name": _clean(name), "time": "0"})


def _suite(r: FileResult, lang: str) -> tuple[ET.Element, dict[str, int]]:
    suite = ET.Element("testsuite", {"name": _clean(display_path(r.path))})
    meta = (r.facts or {}).get("meta") or {}
    props = {k: meta.get(k) for k in ("title", "agency", "level", "year") if meta.get(k) is not None}
    if r.facts:
        props["template"] = (r.facts.get("template") or {}).get("used")
    if props:
        pe = ET.SubElement(suite, "properties")
        for k, v in props.items():
            ET.SubElement(pe, "property", {"name": k, "value": _clean(v)})
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in r.findings:
        by_rule[f.rule].append(f)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    classname = "xxgk." + display_path(r.path)
    if r.skipped:  # not a report (or a Word lock file): one skipped case saying why
        case = _testcase(suite, classname, display_path(r.path))
        ET.SubElement(case, "skipped", {"message": _clean(skip_text(r, lang))})
        counts.update(tests=1, skipped=1)
    entries = list(r.checklist)
    # findings of rules outside the checklist (an unreadable file, an engine error) get a case too
    for rule_id, found in by_rule.items():
        if not any(e.get("rule") == rule_id for e in entries):
            entries.append({"rule": rule_id, "name": found[0].name, "status": "error" if r.error else "fail"})
    for entry in entries:
        rule_id = entry["rule"]
        name = f"{rule_id} {entry.get('name', '')}".strip()
        title = _title(entry, lang)
        case = _testcase(suite, classname, name + (f" — {title}" if title else ""))
        counts["tests"] += 1
        found = by_rule.get(rule_id, [])
        active = [f for f in found if not f.suppressed]
        status = entry.get("status")
        if r.error or status == "error":
            problem = active[0].text(lang) if active else f"rule {rule_id} crashed"
            el = ET.SubElement(case, "error", {"message": _clean(problem), "type": rule_id})
            el.text = _clean("\n".join(_finding_line(display_path(r.path), f, lang) for f in active) or problem)
            counts["errors"] += 1
        elif active:
            worst = max(f.severity for f in active)
            el = ET.SubElement(case, "failure", {"message": _clean(active[0].text(lang)), "type": str(worst)})
            el.text = _clean("\n".join(_finding_line(display_path(r.path), f, lang) for f in active))
            counts["failures"] += 1
        elif status == "not_applicable":
            reason = entry.get("reason") or {}
            head = ("not verified" if unverified(reason) else "not applicable") if lang == "en" else \
                ("未核验" if unverified(reason) else "不适用")
            text = reason.get(lang) or reason.get("zh")
            ET.SubElement(case, "skipped", {"message": _clean(f"{head}: {text}" if lang == "en" and text else
                                                              f"{head}：{text}" if text else head)})
            counts["skipped"] += 1
        if entry.get("partial") and status != "not_applicable":
            out = ET.SubElement(case, "system-out")
            out.text = _clean(unverified_text(entry["partial"], [rule_id], True, lang))
        if found and not active:
            out = ET.SubElement(case, "system-out")
            out.text = _clean("\n".join(f"suppressed ({(f.suppressed or {}).get('kind', '')}: "
                                        f"{(f.suppressed or {}).get('reason', '')}): " + _finding_line(display_path(r.path), f, lang)
                                        for f in found))
    for k, v in counts.items():
        suite.set(k, str(v))
    suite.set("time", "0")
    return suite, counts


def junit_tree(results: list[FileResult], lang: str = "zh") -> ET.Element:
    root = ET.Element("testsuites", {"name": f"xxgk {version()}"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for r in results:
        suite, counts = _suite(r, lang)
        root.append(suite)
        for k in totals:
            totals[k] += counts[k]
    for k, v in totals.items():
        root.set(k, str(v))
    root.set("time", "0")
    return root


def render(results, out: TextIO, opts, stale: list) -> None:
    """junit_tree() written as the results come: each report's <testsuite> goes to a temporary
    file as soon as it is checked; the root, whose attributes are the totals, is written at the
    end, followed by the suites (issue 16)."""
    lang = getattr(opts, "lang", "zh")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    suites = Spool()
    for r in results:
        suite, counts = _suite(r, lang)
        for k in totals:
            totals[k] += counts[k]
        ET.indent(suite, level=1)  # as ET.indent(root) indents the root's children
        suites.write("\n  " + ET.tostring(suite, encoding="unicode"))
    root = ET.Element("testsuites", {"name": f"xxgk {version()}"})
    for k, v in totals.items():
        root.set(k, str(v))
    root.set("time", "0")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if suites.empty:
        out.write(ET.tostring(root, encoding="unicode"))
    else:
        marker = "\x00suites\x00"
        root.text = marker
        head, _, tail = ET.tostring(root, encoding="unicode").partition(marker)
        out.write(head)
        suites.copy_to(out)
        out.write("\n" + tail)
    out.write("\n")
