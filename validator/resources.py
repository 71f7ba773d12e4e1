"""Locate the data that ships with xxgk: rules/ and schemas/.

In a source checkout they are the top-level folders (the design card); in an installed wheel
setup.py has copied them into validator/_data/. One function decides, everything else asks it.
Paths are plain strings: this module is on the start-up path, where pathlib (and the
urllib.parse/ipaddress it imports) would cost ~3 ms.
"""
from __future__ import annotations

import os
from functools import lru_cache

_PACKAGE = os.path.dirname(os.path.realpath(__file__))


@lru_cache(maxsize=None)
def data_root() -> str:
    checkout = os.path.dirname(_PACKAGE)
    if os.path.isdir(os.path.join(checkout, "rules", "formats")) and os.path.isdir(os.path.join(checkout, "schemas")):
        return checkout
    installed = os.path.join(_PACKAGE, "_data")
    if os.path.isdir(os.path.join(installed, "rules")):
        return installed
    raise RuntimeError("xxgk data files (rules/, schemas/) not found: broken installation")


def rules_dir() -> str:
    return os.path.join(data_root(), "rules")


def schemas_dir() -> str:
    return os.path.join(data_root(), "schemas")


def formats_dir() -> str:
    return os.path.join(rules_dir(), "formats")


def files_with_suffix(directory: str, suffix: str) -> list[str]:
    """The files directly in `directory` whose name ends with `suffix`, sorted."""
    return sorted(os.path.join(directory, name) for name in os.listdir(directory)
                  if name.endswith(suffix) and os.path.isfile(os.path.join(directory, name)))
