"""User configuration: [tool.xxgk] in pyproject.toml or a .xxgk.toml, found by walking up from
the checked file (or given with --config), validated by schemas/config.schema.json.

    [tool.xxgk]
    select = ["SUM", "TAB"]        # ids, prefixes, names or groups
    ignore = ["FMT"]
    fail-on = "warning"
    rules = ["province-rules"]     # extra rule packs, relative to the config file
    [tool.xxgk.severity]
    TXT006 = "error"
    [tool.xxgk.options.XYR003]
    threshold = 0.9
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

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


class ConfigError(Exception):
    pass


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


def _read(path: Path) -> dict:
    tomllib = _tomllib()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("xxgk") or {}
    return data


def _validated(path: Path) -> dict:
    def build():
        data = _read(path)
        problems = schema_problems(data, "config.schema.json")
        if problems:
            where = "[tool.xxgk]" if path.name == "pyproject.toml" else ""
            raise SchemaError(str(path), [(f"{where}{'.' if where and p else ''}{p}", m) for p, m in problems])
        return data

    return cached("config", [path], build)


def find_config_file(start: Path) -> Path | None:
    directory = start if start.is_dir() else start.parent
    for d in [directory.resolve(), *directory.resolve().parents]:
        candidate = d / ".xxgk.toml"
        if candidate.is_file():
            return candidate
        pyproject = d / "pyproject.toml"
        if pyproject.is_file():
            tomllib = _tomllib()
            try:
                if "xxgk" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                    return pyproject
            except (tomllib.TOMLDecodeError, OSError):
                raise ConfigError(f"{pyproject}: invalid TOML") from None
    return None


@lru_cache(maxsize=64)
def load_config(path: str | None) -> Config:
    if path is None:
        return Config()
    p = Path(path)
    data = _validated(p)
    base = p.parent
    return Config(
        path=str(p),
        select=data.get("select", []),
        ignore=data.get("ignore", []),
        fail_on=data.get("fail-on"),
        rules=[str((base / r).resolve()) for r in data.get("rules", [])],
        severity=data.get("severity", {}),
        options=data.get("options", {}),
        baseline=str((base / data["baseline"]).resolve()) if data.get("baseline") else None,
    )


def config_for(file_path: str, explicit: str | None = None) -> Config:
    if explicit:
        if not Path(explicit).is_file():
            raise ConfigError(f"{explicit}: config file not found")
        return load_config(str(Path(explicit).resolve()))
    if file_path == "-":
        found = find_config_file(Path.cwd())
    else:
        found = find_config_file(Path(file_path))
    return load_config(str(found) if found else None)
