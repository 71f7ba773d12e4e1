"""User configuration: [tool.xxgk] in pyproject.toml or a .xxgk.toml, found by walking up from
the checked file (or given with --config), validated by schemas/config.schema.json.

    [tool.xxgk]
    select = ["SUM", "TAB"]        # ids, prefixes, names or groups
    ignore = ["FMT"]
    fail-on = "warning"
    strict-inputs = true           # a file that is not a report is an error, not skipped
    rules = ["province-rules"]     # extra rule packs, relative to the config file
    [tool.xxgk.severity]
    TXT006 = "error"
    [tool.xxgk.options.XYR003]
    threshold = 0.9
"""
from __future__ import annotations

import os
import re
import sys
from functools import lru_cache

from validator.i18n import LocalizedError
from validator.records import field, record
from validator.validation import SchemaError, cached, schema_problems

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any


def _tomllib():
    """tomllib, imported when a config file is actually read (most runs have none)."""
    if sys.version_info >= (3, 11):
        import tomllib  # noqa: PLC0415
    else:  # pragma: no cover
        import tomli as tomllib  # noqa: PLC0415
    return tomllib


class ConfigError(LocalizedError):
    """A config file that cannot be used: exit code 2, said in the user's language."""


@record
class Config:
    path: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    rules: list[str] = field(default_factory=list)  # absolute paths of extra rule packs
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    baseline: str | None = None
    corrections: str | None = None  # absolute path of the reviewer corrections file
    strict_inputs: bool = False  # a file that is not a report at all is an error (INP002), not skipped


def _read_text(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def _read(path: str) -> dict:
    tomllib = _tomllib()
    try:
        data = tomllib.loads(_read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError.of("config.invalid-toml", path=path, problem=exc) from None
    except RecursionError:
        raise ConfigError.of("config.invalid-toml", path=path, problem="nested too deeply") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError.of("config.unreadable", path=path, problem=exc) from None
    if os.path.basename(path) == "pyproject.toml":
        return data.get("tool", {}).get("xxgk") or {}
    return data


def _validated(path: str) -> dict:
    def build():
        data = _read(path)
        problems = schema_problems(data, "config.schema.json")
        if problems:
            where = "[tool.xxgk]" if os.path.basename(path) == "pyproject.toml" else ""

            def located(found):
                return [(f"{where}{'.' if where and p else ''}{p}", m) for p, m in found]

            raise SchemaError(path, located(problems), located(schema_problems(data, "config.schema.json", "zh")))
        return data

    return cached("config", [path], build, check=lambda v: isinstance(v, dict))


def find_config_file(start: str) -> str | None:
    """The nearest .xxgk.toml, or pyproject.toml with a [tool.xxgk] table, from `start` (a file
    or a folder) up to the file system root."""
    directory = os.path.realpath(start if os.path.isdir(start) else os.path.dirname(os.path.abspath(start)))
    while True:
        candidate = os.path.join(directory, ".xxgk.toml")
        if os.path.isfile(candidate):
            return candidate
        pyproject = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_xxgk_table(pyproject):
            return pyproject
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


# `[tool.xxgk]` or `[tool.xxgk.severity]` as a table header on a line of its own
_XXGK_HEADER = re.compile(r"""^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*(?:xxgk|"xxgk"|'xxgk')[ \t]*[].]""", re.MULTILINE)


def _has_xxgk_table(pyproject: str) -> bool:
    """Whether a pyproject.toml configures xxgk. Decided from the text when it can be: finding the
    config file runs on every check, and the TOML parser is only needed on a cache miss
    (`_validated` parses and validates the file then)."""
    try:
        text = _read_text(pyproject)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError.of("config.unreadable", path=pyproject, problem=exc) from None
    if "xxgk" not in text:
        return False  # most pyproject.toml files
    if _XXGK_HEADER.search(text):
        return True  # the usual [tool.xxgk] table
    # other spellings (`tool.xxgk.select = …`, an inline table) or just the word (a project that names
    # xxgk as a dependency): ask the parser, once per content of the file — the answer is cached like
    # a validated config, so later runs import no TOML parser (with typing, datetime and string)
    return cached("pyproject-xxgk", [pyproject], lambda: _parsed_has_xxgk_table(pyproject, text),
                  check=lambda v: isinstance(v, bool))


def _parsed_has_xxgk_table(pyproject: str, text: str) -> bool:
    tomllib = _tomllib()
    try:
        return "xxgk" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError.of("config.invalid-toml", path=pyproject, problem=exc) from None
    except RecursionError:
        raise ConfigError.of("config.invalid-toml", path=pyproject, problem="nested too deeply") from None


@lru_cache(maxsize=64)
def load_config(path: str | None) -> Config:
    if path is None:
        return Config()
    data = _validated(path)
    base = os.path.dirname(path)
    return Config(
        path=path,
        select=data.get("select", []),
        ignore=data.get("ignore", []),
        fail_on=data.get("fail-on"),
        rules=[os.path.realpath(os.path.join(base, r)) for r in data.get("rules", [])],
        severity=data.get("severity", {}),
        options=data.get("options", {}),
        baseline=os.path.realpath(os.path.join(base, data["baseline"])) if data.get("baseline") else None,
        corrections=os.path.realpath(os.path.join(base, data["corrections"])) if data.get("corrections") else None,
        strict_inputs=data.get("strict-inputs", False),
    )


def config_for(file_path: str, explicit: str | None = None) -> Config:
    if explicit:
        if not os.path.isfile(explicit):
            raise ConfigError.of("config.not-found", path=explicit)
        return load_config(os.path.realpath(explicit))
    found = find_config_file(os.getcwd() if file_path == "-" else file_path)
    return load_config(found)


def check_option_values(cfg: Config, rules: list) -> None:
    """Every option the config sets is one its rule declares, with a value of the type of the
    rule's default (validator.engine.selectors checks that the rule exists). ConfigError naming
    the file and the key: otherwise a wrong-typed value crashes the rule on every report."""
    if cfg.path is None:
        return
    by_id = {r.id: r for r in rules}
    at = "[tool.xxgk]." if os.path.basename(cfg.path) == "pyproject.toml" else ""
    for rid, values in cfg.options.items():
        rule = by_id.get(rid)
        if rule is None:
            continue
        for name, value in values.items():
            problem = option_problem(rule, name, value)
            if problem:
                key = f"{at}options.{rid}.{name}"
                raise ConfigError({"zh": f"{cfg.path}：{key}：{problem['zh']}", "en": f"{cfg.path}: {key}: {problem['en']}"})


def option_problem(rule, name: str, value: Any) -> dict[str, str] | None:
    """Why `value` cannot be rule's option `name` ({"zh", "en"}), or None."""
    declared = rule.options
    if name not in declared:
        known = ", ".join(sorted(declared)) or "-"
        return {"zh": f"规则 {rule.id} 没有选项 {name!r}（它的选项：{known}）",
                "en": f"{rule.id} has no option {name!r} (its options: {known})"}
    schema = declared[name]  # the option's JSON Schema, with its default (rules as data)
    if isinstance(value, float) and (value != value or abs(value) == float("inf")):
        return {"zh": f"应为有限的数字，实际是 {value!r}", "en": f"expected a finite number, got {value!r}"}
    if name == "published" and isinstance(value, str) and value and not is_date(value):
        return {"zh": f"应为日期 YYYY-MM-DD，实际是 {value!r}", "en": f"expected a date YYYY-MM-DD, got {value!r}"}
    if not isinstance(schema, dict):
        return None
    import jsonschema  # noqa: PLC0415 - only when a configuration sets options

    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(value))
    if not errors:
        return None
    from validator.validation import describe  # noqa: PLC0415

    types = schema.get("type")
    wanted = [types] if isinstance(types, str) else list(types or [])
    if any(e.validator == "type" for e in errors) and wanted:
        names = {"number": ("数字", "a number"), "integer": ("整数", "an integer"), "string": ("字符串", "a string"),
                 "boolean": ("true 或 false", "true or false"), "array": ("列表", "a list"), "null": ("空", "nothing"),
                 "object": ("表", "a table")}
        zh = "或".join(names.get(w, (w, w))[0] for w in wanted)
        en = " or ".join(names.get(w, (w, w))[1] for w in wanted)
        return {"zh": f"应为{zh}，实际是 {value!r}", "en": f"expected {en}, got {value!r}"}
    return {"zh": "；".join(describe(e, "zh") for e in errors), "en": "; ".join(describe(e, "en") for e in errors)}


def is_date(text: str) -> bool:
    """A real calendar date written YYYY-MM-DD."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if not m:
        return False
    from validator.recognize.meta import iso_date  # noqa: PLC0415

    return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) is not None
