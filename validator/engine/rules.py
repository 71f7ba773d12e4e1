"""Rule loading: rules/<area>/<ID>.yaml (and user packs from --rules DIR), schema-checked
before any document is read, cached by content hash so that jsonschema is not imported on a
cache hit. A malformed rule is a RuleError naming the file, the path inside it and the problem.
"""
from __future__ import annotations

import os

from validator.findings import Severity
from validator.phrases.book import phrase_files
from validator.records import field, record
from validator.resources import rules_dir
from validator.validation import SchemaError, cached, schema_problems
from validator.yamlio import YamlError, load_yaml

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any


class RuleError(Exception):
    """A rule pack that cannot be used: exit code 2."""


@record
class Rule:
    id: str
    name: str
    severity: Severity
    groups: list[str]
    title: dict[str, str]
    message: dict[str, str]
    hint: dict[str, str]
    basis: list[str | dict[str, str]]  # a citation, or {format id: citation}: see basis_for()
    rationale: dict[str, str]  # {"zh", "en"}
    check: dict[str, Any]
    tests: list[dict[str, Any]]
    requires: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)  # unified formats the rule applies to (empty: all)
    fixable: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    requirement: dict[str, str] = field(default_factory=dict)  # positive wording for checklists
    source: str = ""
    builtin: bool = True

    @property
    def area(self) -> str:
        return self.id[:3]

    def basis_for(self, template: str | None = None) -> list[str]:
        """The citations for a report in unified format `template` (gov2019 cites 60号, gov2021
        30号); every variant when `template` is None (catalogues, `xxgk explain`)."""
        out: list[str] = []
        for b in self.basis:
            if isinstance(b, str):
                out.append(b)
            elif template is None:
                out.extend(v for _, v in sorted(b.items(), reverse=True))  # the current format first
            elif template in b:
                out.append(b[template])
        return out

    def selectors(self) -> set[str]:
        """What --select/--ignore may name: id, prefixes (SUM, SUM0), name, groups."""
        out = {self.id, self.name, self.area, self.id[:4], *self.groups, *self.aliases}
        return out


def _placeholders(template: str) -> set[str]:
    """Named placeholders; a language-specific value (what_zh / what_en) counts as one name."""
    import string  # noqa: PLC0415  (only when validating rule files, a cache miss)

    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return {n[:-3] if n.endswith(("_zh", "_en")) else n for n in names}


def _semantic_problems(data: dict) -> list[tuple[str, str]]:
    """What the schema cannot say: same placeholders in zh and en, a known python check."""
    problems = []
    for key in ("message", "hint", "title"):
        zh, en = data[key]["zh"], data[key]["en"]
        try:
            if _placeholders(zh) != _placeholders(en):
                problems.append((key, f"zh and en use different placeholders: {sorted(_placeholders(zh))} vs "
                                      f"{sorted(_placeholders(en))}"))
        except ValueError as exc:
            problems.append((key, f"bad placeholder syntax: {exc}"))
    check = data.get("check", {})
    if "python" in check:
        from validator.engine.checks import NAMED_CHECKS  # noqa: PLC0415

        if check["python"] not in NAMED_CHECKS:
            problems.append(("check.python", f"unknown named check {check['python']!r}"))
    if check.get("phrases"):
        from validator.phrases import load_phrasebook  # noqa: PLC0415

        kinds = load_phrasebook().kinds
        for i, kind in enumerate(check["phrases"]):
            if kind not in kinds:
                problems.append((f"check.phrases[{i}]", f"no phrase kind {kind!r} in the phrasebook (rules/phrases/)"))
    return problems


def _load_files(files: list[str], builtin: bool) -> list[dict]:
    out = []
    for f in files:
        data = load_yaml(f)
        if not isinstance(data, dict):
            raise SchemaError(str(f), [("", "a rule file must be a mapping")])
        problems = schema_problems(data, "rule.schema.json")
        if problems:
            raise SchemaError(str(f), problems, schema_problems(data, "rule.schema.json", "zh"))
        if not problems:
            problems = _semantic_problems(data)
            name = os.path.basename(f)
            if os.path.splitext(name)[0] != data["id"]:
                problems.append(("id", f"file name {name} does not match the rule id {data['id']}"))
        if problems:
            raise SchemaError(str(f), problems)
        if isinstance(data.get("rationale"), dict):
            data["rationale"]["zh"] = _unfold_zh(data["rationale"]["zh"])
        data["_source"] = str(f)
        data["_builtin"] = builtin
        out.append(data)
    return out


def rule_files(directory: str) -> list[str]:
    """Every *.yaml under `directory` except the unified formats (formats/) and the phrasebook
    (phrases/) and the indicators (indicators/), sorted."""
    found = []
    for folder, subfolders, names in os.walk(directory):
        subfolders[:] = [s for s in subfolders if s not in ("formats", "phrases", "indicators")]
        found.extend(os.path.join(folder, n) for n in names if n.endswith(".yaml"))
    return sorted(found)


def _to_rule(d: dict) -> Rule:
    return Rule(
        id=d["id"], name=d["name"], severity=Severity.parse(d["severity"]), groups=d["groups"],
        title=d["title"], message=d["message"], hint=d["hint"], basis=d["basis"], rationale=_both(d["rationale"]),
        check=d["check"], tests=d["tests"], requires=d.get("requires", []), formats=d.get("formats", []),
        fixable=d.get("fixable", False), options=d.get("options", {}), aliases=d.get("aliases", []),
        requirement=d.get("requirement", {}),
        source=d["_source"], builtin=d["_builtin"],
    )


def _both(text: str | dict[str, str]) -> dict[str, str]:
    """{zh, en} from a rule field that a user pack may give as one string for both languages."""
    return dict(text) if isinstance(text, dict) else {"zh": text, "en": text}


def _built(files: list[str], builtin: bool) -> list[dict]:
    """The rule data of a pack (a cache miss). The built-in pack also validates the indicator
    definitions that ship with it (rules/indicators/), so that no later run — JSON and HTML
    reports use them — pays for a schema validation."""
    data = _load_files(files, builtin)
    if builtin:
        from validator.indicators import load_indicators  # noqa: PLC0415

        load_indicators()
    return data


def _unfold_zh(text: str) -> str:
    """A folded YAML paragraph of Chinese: the line breaks YAML turned into spaces between two
    Chinese characters or punctuation marks are removed ("办结，\n所以" -> "办结，所以")."""
    import re  # noqa: PLC0415  (a cache miss only)

    wide = r"[^\x00-\u2017\u2020-\u2e7f]"  # CJK and full-width, plus the curly quotes “” ‘’
    text = re.sub(rf"(?<={wide})[ \t]+(?={wide})", "", text)
    return re.sub(r"(?<=[，。；：！？、])[ \t]+", "", text)  # nor after full-width punctuation


def load_rules(extra_dirs: list[str] = ()) -> list[Rule]:
    """The built-in pack plus user packs, validated; ids must be unique."""
    packs: list[tuple[list[str], bool]] = [(rule_files(rules_dir()), True)]
    # rules name phrase kinds: a changed phrasebook re-validates them
    phrasebook = phrase_files()
    for d in extra_dirs:
        path = os.fspath(d)
        if not os.path.isdir(path):
            raise RuleError(f"{path}: rule pack folder not found")
        files = rule_files(path)
        if not files:
            raise RuleError(f"{path}: no rule files (*.yaml) in this folder")
        packs.append((files, False))
    data: list[dict] = []
    try:
        for files, builtin in packs:
            data.extend(cached("rules", files + phrasebook, lambda f=files, b=builtin: _built(f, b),
                               extra="builtin" if builtin else "user"))
    except YamlError as exc:
        raise RuleError(str(exc)) from None
    seen: dict[str, str] = {}
    for d in data:
        for key in [d["id"], *d.get("aliases", [])]:
            if key in seen:
                raise RuleError(f"{d['_source']}: rule id {key} already defined in {seen[key]}")
            seen[key] = d["_source"]
    return sorted((_to_rule(d) for d in data), key=lambda r: r.id)
