"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, VS Code).

Plain dicts and `json` (see the toolchain notes: sarif-om brings nothing but import time). The
output is validated in tests against the official SARIF 2.1.0 schema kept in tests/schemas/.

- tool.driver.rules: the whole rule catalogue — id, name, title (short description) and
  rationale (full description), help (what to do and the basis), default level, and the zh/en
  texts and basis in the property bag;
- results: level, message in --lang (both languages in properties), a physical location
  (file, and line/column for text formats), a logical location (part / table / row / column,
  every format), the other operands as related locations, expected/actual values;
- partialFingerprints from Finding.fingerprint (rule + fact path + normalised text, never line
  numbers), so a dashboard keeps tracking a finding when lines move;
- suppressions: inline comments are `inSource`, baseline entries `external`;
- fixes for the text-format autofixes (FMT001).
"""
from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from validator.findings import FileResult, Finding, Location, display_path
from validator.i18n import t
from validator.reporters.common import Spool, RuleInfo, rule_catalogue, skip_text, unverified_groups, unverified_text, version

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, TextIO

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
FINGERPRINT_KEY = "xxgkFingerprint/v1"
SRCROOT = "%SRCROOT%"
SPAN_EXTRAS = ("page", "paragraph", "table", "row", "cell")


def _artifact_location(path: str) -> dict[str, Any]:
    if path == "-":
        return {"uri": "stdin"}
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    posix = PurePosixPath(*p.parts).as_posix()
    return {"uri": quote(os.fsencode(posix), safe="/"), "uriBaseId": SRCROOT}  # the name's own bytes


def _descriptor(rule: RuleInfo, lang: str) -> dict[str, Any]:
    other = "en" if lang == "zh" else "zh"
    basis_label = "依据" if lang == "zh" else "Basis"
    hint = rule.text("hint", lang)
    help_text = hint + ("\n\n" + basis_label + "：\n" + "\n".join(f"- {b}" for b in rule.basis) if rule.basis else "")
    d: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.text("title", lang)},
        "fullDescription": {"text": rule.text("title", other) + (". " + rule.text("rationale", other) if rule.rationale else "")},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {
            "tags": sorted(set(rule.groups)),
            "title": dict(rule.title),
            "hint": dict(rule.hint),
            "basis": list(rule.basis),
            "rationale": dict(rule.rationale),
            "precision": "very-high" if rule.id.startswith(("SUM", "TAB", "SEC", "TPL", "INP")) else "high",
            "problem.severity": PROBLEM_SEVERITY.get(rule.severity, "warning"),
        },
    }
    if rule.message:
        d["properties"]["message"] = dict(rule.message)
    return d


def _logical(loc: Location) -> dict[str, Any]:
    name = loc.column or loc.row or loc.table_title or loc.part or loc.fact or "document"
    qualified = loc.logical() or loc.fact or "document"
    out: dict[str, Any] = {"name": name, "fullyQualifiedName": qualified, "kind": "element"}
    if loc.fact:
        out["decoratedName"] = loc.fact
    return out


def _location(path: str, loc: Location, index: int | None, message: str | None = None,
              ident: int | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact_location(path)}
    if index is not None:
        physical["artifactLocation"]["index"] = index
    span = loc.span
    if span.line is not None:
        region: dict[str, Any] = {"startLine": span.line}
        if span.col:
            region["startColumn"] = span.col
        if span.end_line:
            region["endLine"] = span.end_line
        if span.end_col:
            region["endColumn"] = span.end_col
        physical["region"] = region
    extras = {k: getattr(span, k) for k in SPAN_EXTRAS if getattr(span, k) is not None}
    if extras:  # page (PDF), paragraph / table / row / cell (docx): no SARIF region for these
        physical["properties"] = extras
    out: dict[str, Any] = {"physicalLocation": physical, "logicalLocations": [_logical(loc)]}
    if ident is not None:
        out["id"] = ident
    if message:
        out["message"] = {"text": message}
    logical = {k: v for k, v in (("part", loc.part), ("table", loc.table), ("tableTitle", loc.table_title),
                                 ("row", loc.row), ("column", loc.column), ("fact", loc.fact)) if v}
    if logical:
        out["properties"] = logical
    return out


def _fix(path: str, f: Finding, index: int | None) -> list[dict[str, Any]]:
    fix = f.fix or {}
    if not all(k in fix for k in ("line", "old", "new")):
        return []
    region = {"startLine": fix["line"]}
    if fix.get("col"):
        region.update(startColumn=fix["col"], endColumn=fix["col"] + len(fix["old"]))
    artifact = _artifact_location(path)
    if index is not None:
        artifact["index"] = index
    return [{"description": {"text": f"“{fix['old']}” → “{fix['new']}”"},
             "artifactChanges": [{"artifactLocation": artifact,
                                  "replacements": [{"deletedRegion": region,
                                                    "insertedContent": {"text": fix["new"]}}]}]}]


def _result(path: str, f: Finding, rule_index: dict[str, int], artifact_index: int | None,
            lang: str) -> dict[str, Any]:
    sev = str(f.severity)
    message = f.text(lang)
    hint = f.hint_text(lang)
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVELS[sev],
        "message": {"text": message + (f"\n{'建议' if lang == 'zh' else 'Fix'}：{hint}" if hint else "")},
        "locations": [_location(path, f.location, artifact_index)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "suppressions": [],
        "properties": {"severity": sev, "name": f.name, "messages": dict(f.message), "hint": dict(f.hint),
                       "basis": list(f.basis), "values": f.values, "confidence": f.confidence},
    }
    if f.doubts:
        result["properties"]["doubts"] = list(f.doubts)
    if f.corrected:  # reviewer-corrected cells this finding rests on (validator/corrections.py)
        result["properties"]["corrected"] = list(f.corrected)
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    if f.related:
        result["relatedLocations"] = [
            _location(path, r, artifact_index, message=r.logical() or r.fact or None, ident=i + 1)
            for i, r in enumerate(f.related)
        ]
    if f.suppressed:
        kind = "inSource" if f.suppressed.get("kind", "inline") == "inline" else "external"
        s: dict[str, Any] = {"kind": kind, "status": "accepted"}
        if f.suppressed.get("reason"):
            s["justification"] = f.suppressed["reason"]
        result["suppressions"] = [s]
    fixes = _fix(path, f, artifact_index)
    if fixes:
        result["fixes"] = fixes
    return result


class _SarifRun:
    """One SARIF run built one checked file at a time: its results are written out as they come
    (`add`); its artifacts and notifications, which SARIF puts after the results, are kept for the
    end — in lists, or (`render`) in temporary files (`_JsonList`), so that a batch of any size
    keeps only the rule catalogue in memory."""

    def __init__(self, opts, lang: str, spooled: bool = False):
        self.opts, self.lang = opts, lang
        self.catalogue = rule_catalogue(opts, [])  # every loaded rule; rules seen only in findings join below
        self.rule_index = {r.id: i for i, r in enumerate(self.catalogue)}
        self.artifacts: list[dict[str, Any]] | _JsonList = _JsonList() if spooled else []
        self.notifications: list[dict[str, Any]] | _JsonList = _JsonList() if spooled else []
        self.successful = True

    def add(self, r: FileResult) -> list[dict[str, Any]]:
        """The SARIF results of one file (its artifact and notes are kept for the end)."""
        i = len(self.artifacts)
        lang = self.lang
        artifact: dict[str, Any] = {"location": _artifact_location(r.path), "roles": ["analysisTarget"]}
        meta = (r.facts or {}).get("meta") or {}
        props = {k: meta.get(k) for k in ("title", "agency", "level", "year") if meta.get(k) is not None}
        if r.facts:
            props["template"] = (r.facts.get("template") or {}).get("used")
            src = r.facts.get("source") or {}
            if src.get("encoding"):
                artifact["encoding"] = src["encoding"]
        props["counts"] = r.counts()
        if r.corrections:
            props["corrections"] = r.corrections
        artifact["properties"] = props
        self.artifacts.append(artifact)
        for f in r.findings:
            if f.rule not in self.rule_index:
                from validator.reporters.common import rule_info_of  # noqa: PLC0415

                self.rule_index[f.rule] = len(self.catalogue)
                self.catalogue.append(rule_info_of(f))
        items = [_result(r.path, f, self.rule_index, i, lang) for f in r.findings]
        for reason, rules, partial in unverified_groups(r.checklist):
            note: dict[str, Any] = {
                "level": "note", "message": {"text": f"{display_path(r.path)}: " + unverified_text(reason, rules, partial, lang)},
                "locations": [{"physicalLocation": {"artifactLocation": {**_artifact_location(r.path), "index": i}}}],
                "properties": {"notVerified": True, "partial": partial, "rules": rules, "reason": reason}}
            if rules and rules[0] in self.rule_index:
                note["associatedRule"] = {"id": rules[0], "index": self.rule_index[rules[0]]}
            self.notifications.append(note)
        if r.skipped:
            self.notifications.append({"level": "note", "message": {"text": f"{display_path(r.path)}: {skip_text(r, lang)}"},
                                       "locations": [{"physicalLocation": {"artifactLocation": {**_artifact_location(r.path), "index": i}}}]})
        if r.error:
            self.successful = False
            self.notifications.append({"level": "error", "message": {"text": f"{display_path(r.path)}: {r.error}"},
                                       "locations": [{"physicalLocation": {"artifactLocation": {**_artifact_location(r.path), "index": i}}}]})
        return items

    def rest(self, stale: list | None) -> dict[str, Any]:
        """Everything of the run but its results."""
        lang = self.lang
        notifications = self.notifications if isinstance(self.notifications, _JsonList) else list(self.notifications)
        for entry in stale or []:
            notifications.append({"level": "note", "message": {
                "text": f"{display_path(entry.get('path', ''))}: "
                        + t("baseline.stale", lang, rule=entry.get("rule", ""), text=entry.get("text", "")).strip()}})
        invocation: dict[str, Any] = {"executionSuccessful": self.successful}
        if len(notifications):
            invocation["toolExecutionNotifications"] = notifications
        return {
            "tool": {"driver": {
                "name": "xxgk",
                "fullName": "xxgk — 政府信息公开工作年度报告合规检查",
                "version": version(),
                "semanticVersion": version(),
                "language": "zh-CN" if lang == "zh" else "en",
                "rules": [_descriptor(rule, lang) for rule in self.catalogue],
            }},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
            "artifacts": self.artifacts,
            "columnKind": "unicodeCodePoints",
        }


def sarif_log(results: list[FileResult], opts=None, stale: list | None = None) -> dict[str, Any]:
    lang = getattr(opts, "lang", "zh") or "zh"
    run = _SarifRun(opts, lang)
    items = [item for r in results for item in run.add(r)]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [{**run.rest(stale), "results": items}]}


class _JsonList:
    """A JSON array kept in a temporary file as it grows (reporters.common.Spool): `write` puts
    it in the output formatted as json.dumps(items, indent=2) nested at a given indentation."""

    def __init__(self):
        self.items = Spool()
        self.n = 0

    def append(self, item: Any) -> None:
        self.items.write(("," if self.n else "") + "\n" + json.dumps(item, ensure_ascii=False, indent=2, default=str))
        self.n += 1

    def __len__(self) -> int:
        return self.n

    def write(self, out: TextIO, indent: str) -> None:
        if not self.n:
            out.write("[]")
            return
        pad = "\n" + indent + "  "
        out.write("[")
        self.items.file.flush()
        self.items.file.seek(0)
        for line in self.items.file:  # each item's lines, indented one level more than the list
            out.write(pad + line.rstrip("\n") if line != "\n" else "")
        self.items.file.close()
        out.write("\n" + indent + "]")


def render(results, out: TextIO, opts, stale: list) -> None:
    """sarif_log() written as the results come: each file's results as soon as it is checked,
    the rest of the run (catalogue, artifacts, notifications) after the last; the artifacts and
    notifications wait in temporary files, not in memory."""
    lang = getattr(opts, "lang", "zh") or "zh"
    run = _SarifRun(opts, lang, spooled=True)

    from validator.reporters.json_text import dumps  # noqa: PLC0415 - json.dumps(…, indent=2, default=str)

    out.write('{\n  "$schema": ' + json.dumps(SCHEMA_URI) + ',\n  "version": "2.1.0",\n  "runs": [\n    {\n'
              '      "results": [')
    first = True
    for r in results:
        for item in run.add(r):
            out.write(("\n        " if first else ",\n        ") + dumps(item, "        "))
            first = False
    out.write(("\n      " if not first else "") + "]")
    rest = run.rest(stale)
    lists = {}  # the spooled lists, each replaced by a marker in the text and written where it stands
    for key, holder in (("artifacts", rest), ("toolExecutionNotifications", rest["invocations"][0])):
        if isinstance(holder.get(key), _JsonList):
            marker = f"@@xxgk-{key}@@"
            lists[json.dumps(marker)] = holder[key]
            holder[key] = marker
    for key, value in rest.items():
        text = ",\n      " + json.dumps(key) + ": " + dumps(value, "      ")
        for marker, items in lists.items():
            if marker in text:
                before, _, text = text.partition(marker)
                out.write(before)
                items.write(out, _indent_of(before))
        out.write(text)
    out.write("\n    }\n  ]\n}\n")


def _indent_of(text: str) -> str:
    """The indentation of the last line of `text` (where a list being written stands)."""
    line = text[text.rfind("\n") + 1:]
    return line[:len(line) - len(line.lstrip(" "))]
