"""Compiled regular expressions kept between runs, in the validated cache.

CPython's regex compiler is written in Python, and classes of Chinese characters are its slow case:
the sixty-odd patterns one check of a report compiles (at import or on first use) cost ~15-25 ms of
CPU, the largest single part of xxgk's start-up (BENCHMARKS.md). What that compiler produces is a
list of integers (the pattern's code), which the C engine, `_sre.compile`, turns into a pattern
object in microseconds. So a run of the command line (cli.entry) calls

- `install()` first: it reads the code stored by earlier runs and puts itself in front of `re`'s
  compiler. `re` keeps its own cache and calls the compiler only for a pattern it has not seen in
  this process; then, for a pattern whose code is stored, the pattern object is built from that
  code; any other pattern is compiled as usual and noted;
- `save()` last, after the output is written: it stores the code of the patterns this run compiled
  (with those it found stored), when there are any.

It is exact, or it is not used:
- a pattern's code is stored only when the pattern object built from it compares equal to the one
  `re` compiled (same flags, pattern and code) and has the same groups; entries are keyed by the
  interpreter (sys.version, the engine's MAGIC and code size), so another Python never reads them;
- the file is framed like the rules cache (the key and a digest of the value, checked on load) and
  the C engine validates every code it is given; an entry it cannot use is compiled as usual;
- only CPython 3.10-3.13, whose `re` internals this knows, uses it; elsewhere nothing happens.

Patterns of plain text (`re.escape` of a phrase found in one report) compile quickly and differ
between reports: they are not stored, so checking other reports does not rewrite the file. At most
MAX_ENTRIES patterns are kept, those a run used first.
"""
from __future__ import annotations

import os
import re
import sys

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

KIND = "regex"
MAX_ENTRIES = 600  # a mixed batch (text, Word, HTML, PDF) compiles ~400

_stored: dict[tuple, tuple] = {}  # (type, pattern, flags) -> stored entry
_used: list[tuple] = []  # stored entries this run built a pattern from
_compiled: list[tuple] = []  # (key, pattern object) this run had to compile
_original: Any = None  # the compiler's own compile(), while install() has put itself in front


def _internals() -> tuple[Any, Any] | None:
    """(the parser module, the compiler module) where this knows them, else None."""
    if sys.implementation.name != "cpython" or not (3, 10) <= sys.version_info[:2] <= (3, 13):
        return None
    import _sre  # noqa: PLC0415

    if _sre.CODESIZE != 4 or memoryview(b"\0\0\0\0").cast("I").itemsize != 4:
        return None  # pragma: no cover - the code is stored as 32-bit words
    if sys.version_info >= (3, 11):
        from re import _compiler, _parser  # type: ignore[attr-defined]  # noqa: PLC0415
    else:  # pragma: no cover - 3.10
        import sre_compile as _compiler  # noqa: PLC0415
        import sre_parse as _parser  # noqa: PLC0415
    if not callable(getattr(_compiler, "compile", None)) or not hasattr(_compiler, "_code"):
        return None  # pragma: no cover
    return _parser, _compiler


def _target() -> tuple[str, str] | None:
    """(cache file, key) for this interpreter, or None without a cache folder."""
    from validator.validation import cache_dir, content_key  # noqa: PLC0415

    directory = cache_dir()
    if directory is None:
        return None
    import _sre  # noqa: PLC0415

    key = content_key([], f"{KIND}\0{_sre.MAGIC}\0{_sre.CODESIZE}")
    return os.path.join(directory, f"{KIND}-{key[:32]}.marshal"), key


def _built(entry: tuple) -> re.Pattern:
    """The pattern object of a stored entry (the C engine validates its code)."""
    import _sre  # noqa: PLC0415

    pattern, _flags, final_flags, code, groups, groupindex, indexgroup = entry
    if type(pattern) not in (str, bytes) or type(code) is not bytes:
        raise TypeError("not a stored pattern")
    return _sre.compile(pattern, final_flags, memoryview(code).cast("I").tolist(), groups, dict(groupindex),
                        tuple(indexgroup))


def _compile(pattern: Any, flags: int = 0) -> Any:
    """In front of re's compiler: the stored pattern when there is one, else the compiler's."""
    key = (type(pattern), pattern, flags)
    try:
        entry = _stored.get(key)
    except TypeError:  # not a pattern string (re.Scanner hands over a parsed one): never stored
        entry = None
    if entry is not None:
        try:
            compiled = _built(entry)
        except Exception:  # noqa: BLE001 - an entry the engine refuses: compiled as usual
            del _stored[key]
        else:
            _used.append(entry)
            return compiled
    compiled = _original(pattern, flags)
    _compiled.append((key, compiled))
    return compiled


def install() -> bool:
    """Use the stored patterns for the rest of this process; whether it is in place."""
    global _original
    try:
        internals = _internals()
        where = _target() if internals else None
        if internals is None or where is None or _original is not None:
            return False
        from validator.validation import _load_entry  # noqa: PLC0415

        ok, entries = _load_entry(*where)
        if ok and isinstance(entries, list):
            for entry in entries:
                if isinstance(entry, tuple) and len(entry) == 7:
                    _stored[(type(entry[0]), entry[0], entry[1])] = entry
        compiler = internals[1]
        _original = compiler.compile
        compiler.compile = _compile
        return True
    except Exception:  # noqa: BLE001 - the cache only saves time
        return False


def _entry(internals: tuple, key: tuple, compiled: Any) -> tuple | None:
    """What to store of one compiled pattern: its code, checked to rebuild the same pattern."""
    parser, compiler = internals
    kind, pattern, flags = key
    if kind not in (str, bytes) or type(compiled) is not re.Pattern or not isinstance(flags, int) or flags & re.DEBUG:
        return None
    parsed = parser.parse(pattern, flags)
    if all(op is parser.LITERAL for op, _ in parsed.data):
        return None  # plain text: cheap to compile, and often one report's phrase
    import array  # noqa: PLC0415 - only when there is something to store

    code = array.array("I", [int(op) for op in compiler._code(parsed, flags)]).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry = (pattern, flags, flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    rebuilt = _built(entry)
    if rebuilt != compiled or rebuilt.groups != compiled.groups or rebuilt.groupindex != compiled.groupindex:
        return None  # pragma: no cover - not what re made: never stored
    return entry


def save() -> int:
    """Store the patterns this run compiled, with those it found stored; how many new ones."""
    try:
        internals = _internals()
        if internals is None or _original is None or not _compiled:
            return 0
        new = []
        for key, compiled in _compiled:
            try:
                entry = _entry(internals, key, compiled)
            except Exception:  # noqa: BLE001 - a pattern this cannot rebuild exactly is not stored
                continue
            if entry is not None:
                new.append(entry)
        where = _target()
        if not new or where is None:
            return 0
        from validator.validation import _load_entry, _store  # noqa: PLC0415

        # this run's patterns first (compiled, then used), then the others, with what another process
        # (a worker of the same batch) stored meanwhile, up to the limit
        ok, current = _load_entry(*where)
        current = [e for e in current if isinstance(e, tuple) and len(e) == 7] if ok and isinstance(current, list) else []
        keep, seen = [], set()
        for entry in [*new, *_used, *_stored.values(), *current]:
            key = (type(entry[0]), entry[0], entry[1])
            if key not in seen:
                seen.add(key)
                keep.append(entry)
        _store(KIND, *where, keep[:MAX_ENTRIES])
        return len(new)
    except Exception:  # noqa: BLE001 - the cache only saves time
        return 0
