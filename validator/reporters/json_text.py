"""JSON text as `json.dumps(value, ensure_ascii=False, indent=2, default=str)` writes it, character
for character, each line after the first starting with `prefix`.

The standard library encodes an indented document in pure Python, as a chain of generators (its C
encoder takes no indent): for a report's entry in `--format json` that was ~2.5 ms, more than the
entry took to build. This is the same encoder as one recursive function appending to a list, with
the standard library's C function for strings, the same type tests in the same order, and the same
text for numbers (float.__repr__, NaN, Infinity), keys (str, float, true/false/null, int) and for
any other value (str(value), as default=str).
"""
from __future__ import annotations

from json.encoder import encode_basestring as _string  # the C function when the accelerator is there

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_float_repr = float.__repr__
_int_repr = int.__repr__
_INF = float("inf")


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return _float_repr(o)


def dumps(value: Any, prefix: str = "") -> str:
    out: list[str] = []
    _encode(value, "\n" + prefix, out)
    return "".join(out)


def _encode(o: Any, newline: str, out: list[str]) -> None:
    if isinstance(o, str):
        out.append(_string(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(_int_repr(o))
    elif isinstance(o, float):
        out.append(_float(o))
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in o:
            out.append(separator)
            separator = "," + inner
            _encode(item, inner, out)
        out.append(newline + "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in o.items():
            if isinstance(key, str):
                pass
            elif isinstance(key, float):
                key = _float(key)
            elif key is True:
                key = "true"
            elif key is False:
                key = "false"
            elif key is None:
                key = "null"
            elif isinstance(key, int):
                key = _int_repr(key)
            else:
                raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")
            out.append(separator + _string(key) + ": ")
            separator = "," + inner
            _encode(item, inner, out)
        out.append(newline + "}")
    else:
        _encode(str(o), newline, out)  # default=str
