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


def write_crash_log(exc: BaseException) -> str | None:
    """The traceback of a bug, in a file of the cache folder (else the temporary folder); its path."""
    import os  # noqa: PLC0415 - a crash only
    import tempfile  # noqa: PLC0415
    import time  # noqa: PLC0415
    import traceback  # noqa: PLC0415

    from validator.validation import cache_dir  # noqa: PLC0415

    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    for folder in (cache_dir(), tempfile.gettempdir()):
        if not folder:
            continue
        try:
            os.makedirs(folder, exist_ok=True)
            path = os.path.join(folder, f"xxgk-crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            return path
        except OSError:
            continue
    return None
