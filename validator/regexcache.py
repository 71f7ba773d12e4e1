"""Compiled regular expressions kept between runs, in the validated cache.

CPython's regex compiler is written in Python, and classes of Chinese characters are its slow case:
the sixty-odd patterns one check of a report compiles (at import or on first use) cost ~15-25 ms of
CPU, the largest single part of xxgk's start-up (BENCHMARKS.md). What that compiler produces is a
list of integers (the pattern's code), which the C engine, `_sre.compile`, turns into a pattern
object in microseconds. So a run of the command line (cli.entry) calls

- `install()` first: it reads the code stored by earlier runs and puts itself in front of `re`'s
  compiler. `re` keeps its own cache and calls the compiler only for a pattern it has not seen in
  this process; then, for a pattern whose code is stored, the pattern object is built from that
  code; any other pattern is compiled by the same steps as re's compile() (parse, generate the code,
  `_sre.compile`), keeping the code on the way;
- `save()` last, after the output is written: it stores the code of the patterns this run compiled
  (with those it found stored), when there are any. A worker of a batch does the same when stopped.

It is exact, or it is not used:
- the step-by-step compile is checked against re's own compile() on sample patterns (same code,
  flags and groups) before anything is used, once per interpreter (when there is no file yet: the
  file is keyed by the interpreter — sys.version, the engine's MAGIC and code size — and written only
  by a run that passed the check);
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
_compiled: list[tuple] = []  # entries (code as a list) of the patterns this run had to compile
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
    """In front of re's compiler: the stored pattern when there is one, else compiled and noted."""
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
    if key[0] not in (str, bytes) or type(flags) is not int or flags & re.DEBUG:
        return _original(pattern, flags)
    compiled, entry = _replica(pattern, flags)
    if entry is not None:
        _compiled.append(entry)
    return compiled


def _replica(pattern: Any, flags: int) -> tuple[Any, tuple | None]:
    """re's own compile() step by step, keeping what it makes on the way: (the pattern object, the entry
    to store, or None for plain text — cheap to compile, and often one report's phrase). install()
    checks that it makes what re makes before it is used."""
    import _sre  # noqa: PLC0415

    internals = _internals()
    if internals is None:  # pragma: no cover - install() is not in place then
        raise RuntimeError("no re internals")
    parser, compiler = internals
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry = (pattern, flags, flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    compiled = _sre.compile(pattern, entry[2], code, entry[4], groupindex, entry[6])
    return compiled, None if all(op is parser.LITERAL for op, _ in parsed.data) else entry


# what install() compares the replica with re's compiler on (once per interpreter: when there is no file
# yet): groups, names, flags, a class of Chinese characters, bytes
_SAMPLES = ((r"(?P<n>\d+)\s*(?:[件条]|[一-龥]{2,})(\.\d+)?$", re.MULTILINE), (r"(?i)ab[^x-z]*?c", 0),
            (rb"[\x00-\x1f]+(?=b)", 0))


def _same(a: Any, b: Any) -> bool:
    return a == b and a.groups == b.groups and a.groupindex == b.groupindex and a.flags == b.flags


def install() -> bool:
    """Use the stored patterns for the rest of this process; whether it is in place."""
    global _original
    try:
        internals = _internals()
        where = _target() if internals else None
        if internals is None or where is None or _original is not None:
            return False
        compiler = internals[1]
        from validator.validation import _load_entry  # noqa: PLC0415

        ok, entries = _load_entry(*where)
        # the file is keyed by the interpreter, and written only where the replica passed this check
        if not (ok and isinstance(entries, list)) and not all(_same(_replica(p, f)[0], compiler.compile(p, f))
                                                              for p, f in _SAMPLES):
            return False  # pragma: no cover - an re whose compile() differs: leave it alone
        if ok and isinstance(entries, list):
            for entry in entries:
                if isinstance(entry, tuple) and len(entry) == 7:
                    _stored[(type(entry[0]), entry[0], entry[1])] = entry
        _original = compiler.compile
        compiler.compile = _compile
        return True
    except Exception:  # noqa: BLE001 - the cache only saves time
        return False


def _stored_form(entry: tuple) -> tuple:
    """An entry as stored: its code as 32-bit words (bytes: marshal reads them in one piece)."""
    import array  # noqa: PLC0415 - only when there is something to store

    pattern, flags, final_flags, code, groups, groupindex, indexgroup = entry
    return pattern, flags, final_flags, array.array("I", [int(op) for op in code]).tobytes(), groups, groupindex, indexgroup


def save() -> int:
    """Store the patterns this run compiled, with those it found stored; how many new ones."""
    try:
        internals = _internals()
        if internals is None or _original is None or not _compiled:
            return 0  # nothing new (plain-text patterns are not noted)
        new = []
        for entry in _compiled:
            try:
                new.append(_stored_form(entry))
            except Exception:  # noqa: BLE001 - not storable: compiled again next time
                continue
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
