"""What several reporters need: the rule catalogue of a run, and small value helpers.

Reporters never re-read a document; the catalogue is the rule metadata (loaded from the same
validated, cached rule files the run used) plus a stub for any rule id a finding carries that
the catalogue does not know (ENG001/ENG002 internal errors and FIX001 from validator/internal.py,
a rule from a config-file pack).
"""
from __future__ import annotations

from validator.findings import FileResult, Finding
from validator.records import field, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any


@record
class RuleInfo:
    id: str
    name: str
    severity: str
    title: dict[str, str]
    message: dict[str, str] = field(default_factory=dict)
    hint: dict[str, str] = field(default_factory=dict)
    basis: list[str] = field(default_factory=list)
    rationale: dict[str, str] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)
    builtin: bool = True

    def text(self, what: str, lang: str) -> str:
        value = getattr(self, what)
        return value.get(lang) or value.get("zh") or next(iter(value.values()), "")


_TOOL_RULES: dict[str, RuleInfo] = {}


def _tool_rules() -> dict[str, RuleInfo]:
    if _TOOL_RULES:
        return _TOOL_RULES
    from validator.internal import HINT, TOOL_RULE_INFO  # noqa: PLC0415

    _TOOL_RULES.update({rid: RuleInfo(rid, name, severity, dict(title), hint=dict(HINT) if rid.startswith("ENG") else {},
                          basis=["xxgk"], rationale=rationale, groups=["engine"])
            for rid, (name, severity, title, rationale) in TOOL_RULE_INFO.items()})
    return _TOOL_RULES


def _from_finding(f: Finding) -> RuleInfo:
    return RuleInfo(f.rule, f.name, str(f.severity), {"zh": f.rule, "en": f.rule}, hint=dict(f.hint),
                    basis=list(f.basis), builtin=False)


def rule_info_of(f: Finding) -> RuleInfo:
    """The catalogue entry of a rule that was not loaded: one of xxgk's own (INP, ENG …) or, failing
    that, what the finding says of it."""
    return _tool_rules().get(f.rule) or _from_finding(f)


def rule_catalogue(opts, results: list[FileResult]) -> list[RuleInfo]:
    """Every loaded rule (built-in + --rules packs), then any other rule id seen in findings."""
    from validator.engine.rules import RuleError, load_rules  # noqa: PLC0415
    from validator.validation import SchemaError  # noqa: PLC0415

    out: dict[str, RuleInfo] = {}
    try:
        rules = load_rules(list(getattr(opts, "rules_dirs", []) or []))
    except (RuleError, SchemaError, OSError):  # the run already validated what it used
        rules = load_rules()
    for r in rules:
        out[r.id] = RuleInfo(r.id, r.name, str(r.severity), dict(r.title), dict(r.message), dict(r.hint),
                             r.basis_for(None), r.rationale, list(r.groups), r.builtin)
    for res in results:
        for f in res.findings:
            if f.rule not in out:
                out[f.rule] = rule_info_of(f)
    return sorted(out.values(), key=lambda r: r.id)


def skip_text(r: FileResult, lang: str) -> str:
    """Why a file was not checked ("" when it was)."""
    if not r.skipped:
        return ""
    from validator.i18n import t  # noqa: PLC0415

    return t(f"skipped.{r.skipped}", lang)


def fmt_number(v: Any) -> str:
    if isinstance(v, bool) or v is None:
        return "" if v is None else str(v)
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return f"{v:.6f}".rstrip("0").rstrip(".")
    return str(v)


def version() -> str:
    from validator import __version__  # noqa: PLC0415

    return __version__


def unverified_groups(checklist: list[dict], reading_only: bool = False) -> list[tuple[dict, list[str], bool]]:
    """The checks of one report that did not judge all they should, grouped by reason:
    [(reason dict, [rule ids], partial)], in checklist order. `partial`: the check ran but left
    some rows out. `reading_only`: only reasons about this document's content (a table, part,
    row or cell absent or unreadable) — what the terminal and CI annotations show; the other
    reasons (no previous report, an option not given) would repeat on every run."""
    from validator.engine.reasons import READING_KINDS, unverified  # noqa: PLC0415

    groups: dict[tuple[str, bool], tuple[dict, list[str], bool]] = {}
    for entry in checklist:
        for key, partial in (("reason", False), ("partial", True)):
            reason = entry.get(key)
            if not unverified(reason) or (reading_only and reason.get("kind") not in READING_KINDS):
                continue
            if key == "reason" and entry.get("status") != "not_applicable":
                continue
            slot = groups.setdefault((reason.get("zh", ""), partial), (reason, [], partial))
            slot[1].append(entry.get("rule", ""))
    return list(groups.values())


def cell_id(fact: str) -> str:
    """'tables.t3.rows.new.cells.total' -> 't3.new.total'."""
    return fact.replace("tables.", "", 1).replace(".rows.", ".", 1).replace(".cells.", ".", 1)


def correction_text(c: dict, lang: str) -> str:
    """'人工更正 第二十条第（八）项·行政事业性收费·本年收费金额 = 5949.09（原读作“…”；理由；张三，2024-05-01）'."""
    value = c.get("value")
    shown = ("空白" if lang == "zh" else "blank") if value is None else fmt_number(value)
    where = c.get("label") or c.get("cell", "")
    was = c.get("was") if "was" in c else c.get("now")
    if lang == "en":
        head = {"applied": "corrected", "confirmed": "correction confirmed (xxgk now reads it so)"}.get(c.get("status"), "correction")
        was_en = "not found" if was is None else "blank" if was == "" else repr(was)
        return (f"{head}: {where} = {shown} (read as {was_en}; {c.get('reason', '')}; {c.get('reviewer', '')}, "
                f"{c.get('date', '')})")
    head = {"applied": "人工更正", "confirmed": "人工更正已与读取一致"}.get(c.get("status"), "人工更正")
    was_text = "（未找到）" if was is None else "空白" if was == "" else f"“{was}”"
    return f"{head} {where} = {shown}（原读作{was_text}；{c.get('reason', '')}；{c.get('reviewer', '')}，{c.get('date', '')}）"


def unverified_text(reason: dict, rules: list[str], partial: bool, lang: str) -> str:
    """'未核验 SUM002、SUM003：表三缺少以下行：…' / 'not verified: SUM002, SUM003: …'."""
    if lang == "en":
        head = "partly not verified" if partial else "not verified"
        return f"{head}: {', '.join(rules)}: {reason.get('en') or reason.get('zh', '')}"
    head = "部分未核验" if partial else "未核验"
    return f"{head} {'、'.join(rules)}：{reason.get('zh', '')}"


class Spool:
    """Output that must follow what is known only after the last report (the HTML page's summary,
    JUnit's totals), kept in a temporary file instead of memory and copied after it. Surrogates (a file name that was not
    UTF-8) pass through to the output, which escapes them as it always did."""

    def __init__(self):
        import tempfile  # noqa: PLC0415

        self.file = tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass")
        self.empty = True

    def write(self, text: str) -> None:
        self.file.write(text)
        self.empty = False

    def copy_to(self, out) -> None:
        import shutil  # noqa: PLC0415

        self.file.flush()
        self.file.seek(0)
        shutil.copyfileobj(self.file, out)
        self.file.close()
