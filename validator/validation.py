"""JSON Schema validation of rule files, format files and config, with a content-hash cache.

jsonschema costs ~140 ms to import, so validated data is cached under the user cache dir, keyed
by a BLAKE2b hash of every input file, the schemas, the xxgk version and the interpreter: on a
cache hit nothing imports jsonschema. A failure names the file, the path inside it and the problem.

Cached values are plain data (dicts, lists, strings, numbers) stored with `marshal`: it is built
in, so a cache hit imports neither pickle nor hashlib's OpenSSL binding (~5 ms of start-up
together). marshal's format depends on the Python version, which is part of the key.

An entry is trusted only when it is what it claims to be: the key also covers the code that
validates (VALIDATING_CODE), so a fixed validator is not bypassed by entries an older one
accepted; the file holds the key and a digest of the stored value, both checked on load; and
the caller's `check` confirms the value has the shape a build would give (for rules: one rule
per file, with its id). Anything else — damaged, truncated, decodable but wrong — is rebuilt.
"""
from __future__ import annotations

import marshal
import os
import sys
from functools import lru_cache

from validator.errors import XxgkError
from validator.resources import files_with_suffix, schemas_dir

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, Callable

CACHE_VERSION = "4"  # 2: marshal, BLAKE2b; 3: rationale {zh, en}, per-format basis; 4: key + digest in the entry
_MAGIC = b"XXGKC4\n"
# the modules whose code decides what a valid rule, format or config is (validator/…)
VALIDATING_CODE = ("validation.py", "yamlio.py", "limits.py", "config.py", "engine/rules.py", "recognize/formats.py")


def _hasher():
    try:
        from _blake2 import blake2b  # noqa: PLC0415 - on first use; hashlib's own BLAKE2, without loading OpenSSL
    except ImportError:  # pragma: no cover - interpreters without the _blake2 module
        from hashlib import blake2b  # noqa: PLC0415
    return blake2b(digest_size=32)


class SchemaError(XxgkError):
    """A data file that does not match its schema: exit code 2.

    `problems` are (json path inside the file, English message); `problems_zh` the same in
    Chinese when the validator could say it (`text(lang)` prints either)."""

    def __init__(self, path: str, problems: list[tuple[str, str]], problems_zh: list[tuple[str, str]] | None = None):
        self.path = path
        self.problems = problems  # (json path inside the file, message)
        self.problems_zh = problems_zh or problems
        super().__init__(self._lines(problems, "(top level)"))

    def _lines(self, problems: list[tuple[str, str]], top: str) -> str:
        return "\n".join(f"{self.path}: {where or top}: {msg}" for where, msg in problems)

    def text(self, lang: str) -> str:
        return self._lines(self.problems, "(top level)") if lang == "en" else self._lines(self.problems_zh, "（顶层）")


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    import json  # noqa: PLC0415  (only on a cache miss)

    with open(os.path.join(schemas_dir(), name), encoding="utf-8") as fh:
        return json.load(fh)


def schema_problems(instance: Any, schema_name: str, lang: str = "en") -> list[tuple[str, str]]:
    """(json path, message) for every way `instance` breaks the schema; messages in `lang`."""
    import jsonschema  # noqa: PLC0415  (lazy: heavy import)

    schema = load_schema(schema_name)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator = validator_cls(schema)
    out = []
    for err in sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path]):
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path).lstrip(".")
        out.append((where, describe(err, lang)))
    return out


_TYPE_ZH = {"boolean": "布尔值（true 或 false）", "string": "字符串", "array": "数组（列表）", "object": "表（键值对）",
            "integer": "整数", "number": "数字", "null": "空值"}


def _value_zh(value: Any) -> str:
    if isinstance(value, bool):
        return "布尔值 " + ("true" if value else "false")
    if isinstance(value, str):
        return f"字符串“{value}”"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, list):
        return "数组"
    if isinstance(value, dict):
        return "表"
    return repr(value)


def describe(err: Any, lang: str = "en") -> str:
    """A jsonschema error in `lang`, naming the allowed values or keys where the schema has them."""
    zh = lang != "en"
    kind, expected, value = err.validator, err.validator_value, err.instance
    if kind == "enum":
        allowed = ("、" if zh else ", ").join(str(v) for v in expected)
        return f"不允许的值 {_value_zh(value)}；允许的值：{allowed}" if zh else f"{value!r} is not allowed; allowed: {allowed}"
    if kind == "type" and zh:
        wanted = "或".join(_TYPE_ZH.get(x, x) for x in ([expected] if isinstance(expected, str) else expected))
        return f"应为{wanted}，实际是{_value_zh(value)}"
    if kind == "additionalProperties" and expected is False and isinstance(value, dict):
        import difflib  # noqa: PLC0415

        known = list((err.schema.get("properties") or {}).keys())
        out = []
        for k in (k for k in value if k not in known):
            close = difflib.get_close_matches(k, known, n=1)
            if zh:
                out.append(f"不认识的键“{k}”" + (f"（是否想写“{close[0]}”？）" if close else ""))
            else:
                out.append(f"unknown key {k!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        if known:
            out.append(("允许的键：" + "、".join(known)) if zh else ("allowed keys: " + ", ".join(known)))
        return ("；" if zh else "; ").join(out)
    if kind == "required" and zh:
        missing = [k for k in expected if isinstance(value, dict) and k not in value]
        return "缺少必需的键" + "、".join(f"“{k}”" for k in missing)
    if kind == "pattern":
        key = "propertyNames" in err.relative_schema_path
        if expected == "^[A-Z]{3}[0-9]{3}$":
            return (f"{'键' if key else '值'}“{value}”不是规则号（应如 SUM003，区分大小写）" if zh
                    else f"{'key' if key else 'value'} {value!r} is not a rule id (like SUM003; case-sensitive)")
        if zh:
            return f"{'键' if key else '值'}“{value}”不符合要求的格式 {expected}"
    if zh:
        if kind == "const":
            return f"应为 {expected}，实际是 {_value_zh(value)}"
        if kind == "minLength":
            return "不能为空" if expected == 1 else f"至少应有 {expected} 个字符"
        if kind == "minItems":
            return f"至少应有 {expected} 项"
        if kind in ("minimum", "maximum"):
            return f"应{'不小于' if kind == 'minimum' else '不大于'} {expected}，实际是 {value}"
    return err.message


def validate(instance: Any, schema_name: str, path: str) -> None:
    problems = schema_problems(instance, schema_name)
    if problems:
        raise SchemaError(path, problems, schema_problems(instance, schema_name, "zh"))


def cache_dir() -> str | None:
    if os.environ.get("XXGK_NO_CACHE"):
        return None
    root = os.environ.get("XXGK_CACHE_DIR")
    if root:
        return root
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel"):
        # the XDG rule platformdirs applies on Linux, without its ~3 ms import on every run
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        return os.path.join(xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache"), "xxgk")
    try:
        from platformdirs import user_cache_dir  # noqa: PLC0415

        return user_cache_dir("xxgk", appauthor=False)
    except Exception:  # noqa: BLE001  # pragma: no cover - no usable cache folder: run without one
        return None


@lru_cache(maxsize=None)
def _schemas_digest() -> bytes:
    """The schemas take part in every cache key (formats, rules, config): read them once."""
    h = _hasher()
    for schema in files_with_suffix(schemas_dir(), ".json"):
        h.update(os.path.basename(schema).encode())
        h.update(_read_bytes(schema))
    return h.digest()


@lru_cache(maxsize=None)
def _code_digest() -> bytes:
    """The validating code takes part in every cache key: a change to it revalidates."""
    package = os.path.dirname(os.path.abspath(__file__))
    h = _hasher()
    for name in VALIDATING_CODE:
        h.update(name.encode())
        try:
            h.update(_read_bytes(os.path.join(package, name)))
        except OSError:  # a zipped or stripped install: the version stands for the code
            h.update(b"-")
    return h.digest()


def content_key(files: list[str], extra: str = "") -> str:
    from validator import __version__  # noqa: PLC0415 - a cache miss only

    h = _hasher()
    h.update(f"{CACHE_VERSION}\0{__version__}\0{sys.version}\0{extra}".encode())
    h.update(_schemas_digest())
    h.update(_code_digest())
    for f in files:
        h.update(os.fspath(f).encode())
        h.update(b"\0")
        h.update(_read_bytes(f))
    return h.hexdigest()


def _read_bytes(path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _digest(payload: bytes) -> bytes:
    h = _hasher()
    h.update(payload)
    return h.digest()


def _load_entry(target: str, key: str) -> tuple[bool, Any]:
    """(True, value) for an entry that holds `key` and a value matching its digest."""
    try:
        with open(target, "rb") as fh:
            data = fh.read()
    except OSError:
        return False, None
    head = len(_MAGIC) + 64 + 32
    if len(data) < head or not data.startswith(_MAGIC):
        return False, None
    stored_key = data[len(_MAGIC):len(_MAGIC) + 64]
    digest, payload = data[len(_MAGIC) + 64:head], data[head:]
    if stored_key != key.encode("ascii") or _digest(payload) != digest:
        return False, None
    try:
        return True, marshal.loads(payload)
    except Exception:  # noqa: BLE001 - undecodable despite the digest: rebuild
        return False, None


def cached(kind: str, files: list[str], build: Callable[[], Any], extra: str = "",
           check: Callable[[Any], bool] | None = None) -> Any:
    """Return build() for these files, from the cache when their content is unchanged.
    build() must return plain data that marshal can store; `check(value)` (optional) says
    whether a cached value has the shape build() gives — when not, it is rebuilt."""
    directory = cache_dir()
    if directory is None:
        return build()
    key = content_key(files, extra)
    target = os.path.join(directory, f"{kind}-{key[:32]}.marshal")
    ok, value = _load_entry(target, key)
    if ok:
        try:
            if check is None or check(value):
                return value
        except Exception:  # noqa: BLE001 - a shape check that trips over the value: it is wrong
            pass
    value = build()
    _store(kind, target, key, value)
    return value


def _store(kind: str, target: str, key: str, value: Any) -> None:
    """Write one entry (atomically: a reader sees the old file or the new one), then prune its kind."""
    directory = os.path.dirname(target)
    tmp = f"{target}.{os.getpid()}.tmp"
    try:
        payload = marshal.dumps(value)
        os.makedirs(directory, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(_MAGIC + key.encode("ascii") + _digest(payload) + payload)
        os.replace(tmp, target)
    except (OSError, ValueError):
        _remove(tmp)  # a read-only or full cache dir (or a value marshal cannot store) only costs speed
    else:
        _prune(directory, kind)


KEEP_PER_KIND = 20  # cache entries kept per kind: the rule packs and configs of several projects and versions


def _prune(directory: str, kind: str) -> None:
    """After a write: drop the oldest entries of this kind beyond KEEP_PER_KIND, files of older cache
    formats, and temporary files that a killed process left behind."""
    import time  # noqa: PLC0415 - only after a cache miss

    try:
        names = os.listdir(directory)
    except OSError:
        return
    mine = []
    for name in names:
        path = os.path.join(directory, name)
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            continue
        if name.endswith(".pickle") or (name.endswith(".tmp") and time.time() - mtime > 3600):
            _remove(path)
        elif name.startswith(f"{kind}-") and name.endswith(".marshal"):
            mine.append((mtime, path))
    for _, path in sorted(mine, reverse=True)[KEEP_PER_KIND:]:
        _remove(path)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
