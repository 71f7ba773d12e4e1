"""Rule loading: rules/<area>/<ID>.yaml (and user packs from --rules DIR), schema-checked
before any document is read, cached by content hash so that jsonschema is not imported on a
cache hit. A malformed rule is a RuleError naming the file, the path inside it and the problem.
"""
from __future__ import annotations

import os

from validator.errors import XxgkError
from validator.findings import Severity
from validator.phrases.book import phrase_files
from validator.records import field, record
from validator.resources import rules_dir
from validator.validation import SchemaError, cached, schema_problems
from validator.yamlio import YamlError, load_yaml

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, Callable, Sequence


class RuleError(XxgkError):
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
    options: dict[str, Any] = field(default_factory=dict)  # name -> JSON Schema of the value (with its default)
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

    def option_defaults(self) -> dict[str, Any]:
        """The options' values when the configuration sets none: each schema's `default`."""
        return {name: schema["default"] for name, schema in self.options.items() if "default" in schema}

    def options_schema(self) -> dict[str, Any]:
        """A JSON Schema for this rule's options in a configuration ([tool.xxgk.options.ID])."""
        return {"type": "object", "properties": self.options, "additionalProperties": False}

    def selectors(self) -> set[str]:
        """What --select/--ignore may name: id, prefixes (SUM, SUM0), name, groups."""
        out = {self.id, self.name, self.area, self.id[:4], *self.groups, *self.aliases}
        return out


def _placeholders(template: str) -> set[str]:
    """Named placeholders; a language-specific value (what_zh / what_en) counts as one name."""
    import string  # noqa: PLC0415  (only when validating rule files, a cache miss)

    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return {n[:-3] if n.endswith(("_zh", "_en")) else n for n in names}


_PLACEHOLDER_NAME = r"[A-Za-z_][A-Za-z0-9_]*"


def _placeholder_problems(key: str, template: str) -> list[tuple[str, str]]:
    """A placeholder is a plain name ({row}, {expected}): attribute and index access
    ({row.__class__}, {x[0]}) and conversions ({x!r}) would reach into Python objects."""
    import re  # noqa: PLC0415
    import string  # noqa: PLC0415

    out = []
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not re.fullmatch(_PLACEHOLDER_NAME, name) or conversion or (spec and "{" in spec):
            out.append((key, f"placeholder {{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}} "
                             "is not a plain name (no attributes, indexes or conversions)"))
    return out


def _semantic_problems(data: dict) -> list[tuple[str, str]]:
    """What the schema cannot say: plain placeholders, the same in zh and en, a known python
    check, and references only to tables, rows and columns the unified formats have."""
    problems = []
    for key in ("message", "hint", "title"):
        zh, en = data[key]["zh"], data[key]["en"]
        try:
            for lang, template in (("zh", zh), ("en", en)):
                problems.extend(_placeholder_problems(f"{key}.{lang}", template))
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
    kinds = _phrase_kind_refs(check)
    declared = data.get("options", {})
    for where, key, value in _walk_check(check, "check"):
        if key == "option" and value not in declared:
            problems.append((where, f"option {value!r} is not declared under options:"))
    if kinds:
        from validator.phrases import load_phrasebook  # noqa: PLC0415

        known = load_phrasebook().kinds
        for where, kind in kinds:
            if kind not in known:
                problems.append((where, f"no phrase kind {kind!r} in the phrasebook (rules/phrases/)"))
    if declared:
        problems.extend(_option_problems(data))
    problems.extend(reference_problems(data))
    return problems


def _literal(value) -> bool:
    return isinstance(value, str) and not value.startswith("$")


class _Catalogue:
    """Tables, rows, columns and row sets of the unified formats a rule applies to."""

    def __init__(self, format_ids: list[str]):
        from validator.recognize.formats import load_formats  # noqa: PLC0415

        formats = load_formats()
        self.names = sorted(formats)
        chosen = [formats[f] for f in format_ids if f in formats] if format_ids else list(formats.values())
        self.unknown_formats = [f for f in format_ids if f not in formats]
        self.tables: dict[str, dict[str, set]] = {}
        for fmt in chosen:
            for t in fmt.tables:
                entry = self.tables.setdefault(t.id, {"rows": set(), "columns": set(), "sets": set()})
                entry["rows"].update(r.id for r in t.rows)
                entry["columns"].update(c.id for c in t.columns)
                entry["sets"].update(t.row_sets)

    def check(self, where: str, table, rows=(), columns=(), sets=()) -> list[tuple[str, str]]:
        if not _literal(table) or table == "*":
            return []
        if table not in self.tables:
            return [(where, f"table {table!r} is not a table of the unified formats it applies to "
                            f"(known: {', '.join(sorted(self.tables))})")]
        known = self.tables[table]
        out = []
        for kind, ids in (("rows", rows), ("columns", columns), ("sets", sets)):
            for i in ids:
                if _literal(i) and i not in known[kind]:
                    what = {"rows": "row", "columns": "column", "sets": "row set"}[kind]
                    out.append((where, f"{what} {i!r} is not in table {table!r} of the unified formats it applies to"))
        return out


def _ids(value) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and "children" in value:
        return [value["children"]]
    return []


def reference_problems(data: dict) -> list[tuple[str, str]]:
    """Tables, rows, columns and row sets named in `requires` and `check` that none of the rule's
    unified formats has: such a rule would silently check nothing, so it is refused at load."""
    cat = _Catalogue(list(data.get("formats") or []))
    problems = [("formats", f"unknown unified format {f!r} (known: {', '.join(cat.names)})")
                for f in cat.unknown_formats]
    for i, req in enumerate(data.get("requires") or []):
        head, _, rest = str(req).partition(".")
        if head == "tables":
            problems.extend(cat.check(f"requires[{i}]", rest.split(".")[0]))
    check = data.get("check") or {}
    for_each = check.get("for_each") or {}
    # one iteration spec, or a list of them (nested iterations)
    specs = [(f"check.for_each[{n}]", s) for n, s in enumerate(for_each)] if isinstance(for_each, list) \
        else [("check.for_each", for_each)]
    for base, kind, arg in ((b, k, a) for b, spec in specs if isinstance(spec, dict) for k, a in spec.items()):
        if not isinstance(arg, dict):
            if kind == "tables" and isinstance(arg, list):
                for t in arg:
                    problems.extend(cat.check(f"{base}.tables", t))
            continue
        where = f"{base}.{kind}"
        if kind == "rows":
            problems.extend(cat.check(where, arg.get("table"), rows=_ids(arg.get("ids"))))
        elif kind == "columns":
            problems.extend(cat.check(where, arg.get("table"), columns=_ids(arg.get("ids"))))
        elif kind == "cells":
            problems.extend(cat.check(where, arg.get("table"), rows=_ids(arg.get("rows")),
                                      columns=_ids(arg.get("columns"))))
        elif kind == "column_groups":
            problems.extend(cat.check(where, arg.get("table")))

    def walk(value, where: str) -> None:
        if isinstance(value, list):
            for n, item in enumerate(value):
                walk(item, f"{where}[{n}]")
            return
        if not isinstance(value, dict):
            return
        if isinstance(value.get("cell"), dict):
            c = value["cell"]
            problems.extend(cat.check(f"{where}.cell", c.get("table"), rows=[c.get("row")], columns=[c.get("column")]))
        if isinstance(value.get("sum"), dict):
            sm = value["sum"]
            rows = sm.get("rows")
            sets = [rows["set"]] if isinstance(rows, dict) and "set" in rows else []
            problems.extend(cat.check(f"{where}.sum", sm.get("table"), rows=_ids(rows), columns=_ids(sm.get("columns")),
                                      sets=sets))
        if isinstance(value.get("labels"), dict):
            problems.extend(cat.check(f"{where}.labels", value["labels"].get("table")))
        for key, child in value.items():
            if key != "for_each":
                walk(child, f"{where}.{key}" if where else key)

    walk(check, "check")
    return problems


def _phrase_kind_refs(check: dict) -> list[tuple[str, str]]:
    """(path, kind) for each phrasebook kind a check reads: a named check's `phrases`, the kinds of
    `statements` iterations and the `statements`/`topics` expressions."""
    kinds: list[tuple[str, str]] = [(f"check.phrases[{i}]", k) for i, k in enumerate(check.get("phrases", []))]
    for where, key, value in _walk_check(check, "check"):
        if key in ("statements", "topics") and isinstance(value, str):
            kinds.append((where, value))
        elif key == "kinds":
            kinds.extend((f"{where}[{i}]", k) for i, k in enumerate(value))
    return kinds


def phrase_kinds(check: dict) -> list[str]:
    """The phrasebook kinds a rule's check reads, each once, in order (xxgk explain shows them)."""
    return list(dict.fromkeys(kind for _, kind in _phrase_kind_refs(check)))


def _walk_check(node: Any, where: str):
    """(path, key, value) for every mapping entry inside a check."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield where, key, value
            yield from _walk_check(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk_check(value, f"{where}[{i}]")


def _option_problems(data: dict) -> list[tuple[str, str]]:
    """Each option's schema is a valid JSON Schema its default satisfies, and so do the cases' options."""
    import jsonschema  # noqa: PLC0415  (a cache miss only)

    problems = []
    for name, schema in data["options"].items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as exc:
            problems.append((f"options.{name}", f"not a valid JSON Schema: {exc.message}"))
            return problems
    whole = {"type": "object", "properties": data["options"], "additionalProperties": False}
    checker = jsonschema.Draft202012Validator(whole)
    defaults = {n: s["default"] for n, s in data["options"].items()}
    for err in checker.iter_errors(defaults):
        problems.append(("options", f"default: {err.message}"))
    for i, case in enumerate(data.get("tests", [])):
        for err in checker.iter_errors(case.get("options", {})):
            problems.append((f"tests[{i}].options", err.message))
    return problems


def option_problems(rule: Rule, values: dict) -> list[str]:
    """What is wrong with the options a configuration sets for `rule` (unknown names, wrong types)."""
    import jsonschema  # noqa: PLC0415  (only when a configuration sets options)

    checker = jsonschema.Draft202012Validator(rule.options_schema())
    out = []
    for err in sorted(checker.iter_errors(values), key=lambda e: list(map(str, e.absolute_path))):
        where = ".".join(str(p) for p in err.absolute_path)
        out.append(f"{where}: {err.message}" if where else err.message)
    return out


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


_REQUIRED: dict[str, type | tuple[type, ...]] = {"id": str, "name": str, "severity": str, "groups": list, "title": dict, "message": dict, "hint": dict,
             "basis": list, "rationale": (str, dict), "check": dict, "tests": list, "_source": str, "_builtin": bool}


def _shape_check(files: list[str], builtin: bool):
    """Whether a cached rule list is what _load_files(files) gives: one rule per file, in order,
    named after its file, with every required field of the right type."""
    def check(value) -> bool:
        if not isinstance(value, list) or len(value) != len(files):
            return False
        for d, f in zip(value, files):
            if not isinstance(d, dict) or d.get("_source") != str(f) or d.get("_builtin") is not builtin:
                return False
            if d.get("id") != os.path.splitext(os.path.basename(f))[0]:
                return False
            if not all(isinstance(d.get(k), t) for k, t in _REQUIRED.items()):
                return False
            if not all(isinstance(d[k].get(lang), str) for k in ("title", "message", "hint") for lang in ("zh", "en")):
                return False
        return True

    return check


def rule_files(directory: str) -> list[str]:
    """Every *.yaml under `directory` except the unified formats (formats/), the phrasebook
    (phrases/), the indicators (indicators/) and files whose name starts with _ (the template), sorted."""
    found: list[str] = []
    for folder, subfolders, names in os.walk(directory):
        subfolders[:] = [s for s in subfolders if s not in ("formats", "phrases", "indicators")]
        # _template.yaml and other files starting with _ are not rules
        found.extend(os.path.join(folder, n) for n in names if n.endswith(".yaml") and not n.startswith("_"))
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


def validator_stamp() -> str:
    """The code that validates a rule file — this module, the schema validation, the operators and the
    named checks — as each file's size and modification time: the validated-rules cache is keyed by the
    rule files' content and this, so that changed validation (a named check renamed …) is never hidden
    by a warm cache. A few stat calls, no reading."""
    engine = os.path.dirname(os.path.abspath(__file__))
    checks = os.path.join(engine, "checks")
    paths = [os.path.join(engine, "rules.py"), os.path.join(engine, "evaluate.py"),
             os.path.join(os.path.dirname(engine), "validation.py")]
    paths += [os.path.join(checks, n) for n in sorted(os.listdir(checks)) if n.endswith(".py")]
    stamp = []
    for path in paths:
        st = os.stat(path)
        stamp.append(f"{os.path.basename(path)}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(stamp)


def _loader(files: list[str], builtin: bool) -> Callable[[], list[dict]]:
    return lambda: _built(files, builtin)


def load_rules(extra_dirs: Sequence[str] = ()) -> list[Rule]:
    """The built-in pack plus user packs, validated; ids must be unique."""
    packs: list[tuple[list[str], bool]] = [(rule_files(rules_dir()), True)]
    # rules name phrase kinds: a changed phrasebook re-validates them
    phrasebook = phrase_files()
    for folder in extra_dirs:
        path = os.fspath(folder)
        if not os.path.isdir(path):
            raise RuleError(f"{path}: rule pack folder not found")
        files = rule_files(path)
        if not files:
            raise RuleError(f"{path}: no rule files (*.yaml) in this folder")
        packs.append((files, False))
    data: list[dict] = []
    # rules are validated against the unified formats (references to tables, rows, columns):
    # the formats are part of the key
    from validator.resources import files_with_suffix, formats_dir  # noqa: PLC0415

    format_files = files_with_suffix(formats_dir(), ".yaml")
    try:
        for files, builtin in packs:
            data.extend(cached("rules", [*files, *format_files, *phrasebook], _loader(files, builtin),
                               extra=("builtin" if builtin else "user") + "\0" + validator_stamp(),
                               check=_shape_check(files, builtin)))
    except YamlError as exc:
        raise RuleError(str(exc)) from None
    seen: dict[str, str] = {}
    for d in data:
        for key in [d["id"], *d.get("aliases", [])]:
            if key in seen:
                raise RuleError(f"{d['_source']}: rule id {key} already defined in {seen[key]}")
            seen[key] = d["_source"]
    return sorted((_to_rule(d) for d in data), key=lambda r: r.id)
