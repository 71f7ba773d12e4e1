"""One base for the failures xxgk expects, and what the command line does with the others.

An `XxgkError` is a problem with what the user gave: a configuration, a rule pack, a schema, a YAML
file, an input file, a fix that cannot be made. The command line prints it in one line, in the
user's language (`text(lang)`), and exits with its `exit_code` (2). Any other exception is a bug in
xxgk: the command line says so in one line, writes the traceback to a log file it names, and exits 3.
"""
from __future__ import annotations


class XxgkError(Exception):
    """An expected failure: one line for the user, exit code 2."""

    exit_code = 2

    def text(self, lang: str) -> str:
        return str(self)


EXIT_INTERNAL = 3


def write_crash_log(exc: BaseException, context: str = "") -> str | None:
    """The traceback of a bug, appended to this process's log file (validator/internal.py: the cache
    folder's logs/, else the temporary folder, or $XXGK_LOG_DIR) — the same log the ENG001/ENG002
    findings name; its path, or None when no log could be written."""
    import sys  # noqa: PLC0415 - a crash only

    from validator.internal import log_exception  # noqa: PLC0415

    return log_exception(exc, context or "xxgk " + " ".join(sys.argv[1:]))
