"""Locate the data that ships with xxgk: rules/ and schemas/.

In a source checkout they are the top-level folders (the design card); in an installed wheel
setup.py has copied them into validator/_data/. One function decides, everything else asks it.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_root() -> Path:
    checkout = _PACKAGE.parent
    if (checkout / "rules" / "formats").is_dir() and (checkout / "schemas").is_dir():
        return checkout
    installed = _PACKAGE / "_data"
    if (installed / "rules").is_dir():
        return installed
    raise RuntimeError("xxgk data files (rules/, schemas/) not found: broken installation")


def rules_dir() -> Path:
    return data_root() / "rules"


def schemas_dir() -> Path:
    return data_root() / "schemas"


def formats_dir() -> Path:
    return rules_dir() / "formats"
