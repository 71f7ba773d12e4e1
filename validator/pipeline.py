"""The pipeline's first half as one call: path -> Document -> Report -> Facts."""
from __future__ import annotations

from pathlib import Path

from validator.document import Document
from validator.facts import build_facts
from validator.readers import read_bytes, read_path
from validator.recognize import Report, recognise


def analyse(path: str | Path, data: bytes | None = None) -> tuple[Document, Report, dict]:
    """Read, recognise and extract; raises InputError for unreadable input."""
    doc = read_bytes(Path(path), data) if data is not None else read_path(path)
    report = recognise(doc)
    return doc, report, build_facts(report)


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
        path = Path(p)
        if path.is_dir():
            found = sorted(
                str(f) for f in path.rglob("*")
                if f.is_file() and f.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
                and not f.stem.lower().startswith(SKIPPED_IN_FOLDERS)
            )
            out.extend(found)
        else:
            out.append(p)
    return out
