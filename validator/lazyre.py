"""Regular expressions compiled on first use.

CPython's regex compiler is written in Python, and classes of Chinese characters are its slow
case: a pattern costs 0.1-1.5 ms to compile, and a check of one report compiles about seventy
(BENCHMARKS.md). Patterns that a typical report never reaches — fallbacks, rare phrasings, the
clean-up of other input formats — are declared with `lazy()`, so that only the runs that need
them pay. Hot patterns stay plain `re.compile`: every use of a lazy one costs an extra lookup.
"""
from __future__ import annotations

import re


class LazyPattern:
    """Behaves like the compiled pattern (match, search, sub, finditer, pattern …)."""

    __slots__ = ("_pattern", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str):
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._pattern, self._flags)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._pattern!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
