"""YAML loading with the C loader (8x faster than pure Python on the rule pack).

PyYAML is imported on first use: on a rules-cache hit (every pre-commit run) it is not needed.

Aliases are capped: PyYAML builds `*a` as a reference to the anchored value, so a 2 KB file of
nested aliases ("billion laughs") loads instantly but is 10^9 values to whatever walks it next
(schema validation, the cache), and `&r [*r]` is a cycle. The loaded value is measured with
aliases expanded, up to MAX_YAML_NODES values and MAX_YAML_DEPTH levels, and cycles are refused
— all before anything else looks at it.
"""
from __future__ import annotations

from validator.errors import XxgkError

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any


class YamlError(XxgkError):
    def __init__(self, path: str, message: str, line: int | None = None):
        super().__init__(f"{path}{':' + str(line) if line else ''}: {message}")
        self.path, self.message, self.line = path, message, line


def load_yaml(path, text: str | None = None) -> Any:
    import yaml  # noqa: PLC0415  (lazy: ~10 ms)

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader  # no libyaml: pure Python
    try:
        if text is None:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlError(str(path), f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(str(path), f"cannot read: {exc}") from None
    except RecursionError:
        raise YamlError(str(path), "invalid YAML: nested too deeply") from None
    check_size(data, str(path))
    return data


MAX_YAML_DEPTH = 64  # a rule nests a few levels; the formats about ten


def check_size(data: Any, path: str) -> None:
    """YamlError when `data`, aliases expanded, holds more than MAX_YAML_NODES values, nests
    deeper than MAX_YAML_DEPTH, or refers to itself."""
    from validator.limits import MAX_YAML_NODES  # noqa: PLC0415

    count = 0
    on_path: set[int] = set()
    stack: list[tuple[Any, int, str, bool]] = [(data, 0, "", False)]  # value, depth, where, leaving
    while stack:
        value, depth, where, leaving = stack.pop()
        if leaving:
            on_path.discard(id(value))
            continue
        count += 1
        if count > MAX_YAML_NODES:
            raise YamlError(path, f"too large: more than {MAX_YAML_NODES} values once its aliases are expanded "
                                  f"(an alias bomb?) near {where or 'the top level'}")
        if isinstance(value, (dict, list)):
            if id(value) in on_path:
                raise YamlError(path, f"an alias refers to a value that contains it (a cycle) at {where}")
            if depth >= MAX_YAML_DEPTH:
                raise YamlError(path, f"nested more than {MAX_YAML_DEPTH} levels deep at {where}")
            on_path.add(id(value))
            stack.append((value, depth, where, True))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, child in items:
                stack.append((child, depth + 1, f"{where}.{key}".lstrip(".") if isinstance(value, dict) else f"{where}[{key}]",
                              False))
