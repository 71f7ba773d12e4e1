"""The pipeline's first half as one call: path -> Document -> Report -> Facts."""
from __future__ import annotations

import os

from validator.document import Document, InputError
from validator.facts import build_facts
from validator.internal import InternalError
from validator.limits import set_stage
from validator.readers import read_bytes, read_path
from validator.recognize import Report, recognise


def analyse(path: str, data: bytes | None = None) -> tuple[Document, Report, dict]:
    """Read, recognise and extract. Raises InputError for unreadable input, and InternalError
    (naming the stage) for a bug in xxgk: the two are never confused."""
    stage = "read"
    try:
        set_stage(stage)
        doc = read_bytes(os.fspath(path), data) if data is not None else read_path(path)
        stage = "recognise"
        set_stage(stage)
        report = recognise(doc)
        stage = "facts"
        set_stage(stage)
        return doc, report, build_facts(report)
    except (InputError, InternalError):
        raise
    except Exception as exc:
        raise InternalError(stage, exc) from exc


# Project files that live beside reports in a folder of drafts; named directly they are checked.
SKIPPED_IN_FOLDERS = ("readme", "changelog", "license", "contributing")


def iter_inputs(paths: list[str], suffixes: set[str]) -> list[str]:
    """Files named directly, files under folders (recursive, by suffix), and '-' for stdin.

    Sorted within each folder so that batch results come in a stable order. In folders,
    hidden paths and README/CHANGELOG/LICENSE files are skipped.
    """
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append("-")
            continue
        if os.path.isdir(p):
            out.extend(sorted(_files_under(p, suffixes)))
        else:
            out.append(p)
    return out


def _files_under(folder: str, suffixes: set[str]):
    for directory, subfolders, names in os.walk(folder):
        subfolders[:] = [s for s in subfolders if not s.startswith(".")]
        for name in names:
            stem, suffix = os.path.splitext(name)
            if (suffix.lower() in suffixes and not name.startswith(".")
                    and not stem.lower().startswith(SKIPPED_IN_FOLDERS)
                    and os.path.isfile(os.path.join(directory, name))):
                yield os.path.join(directory, name)
