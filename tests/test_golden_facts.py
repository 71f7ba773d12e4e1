"""Extracted facts of the seed and the examples equal the reviewed goldens.

After an intended change: `python tools/make_goldens.py`, then review `git diff tests/golden`.
"""
import json
from pathlib import Path

import pytest

from tests.golden_cases import GOLDEN_CASES, golden_facts

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_facts_equal_golden(name):
    path = GOLDEN_CASES[name]
    if not path.exists():
        pytest.skip(f"{path} not available")
    expected = json.loads((GOLDEN / f"{name}.facts.json").read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(golden_facts(path), ensure_ascii=False))
    assert actual == expected, f"facts of {name} changed: run tools/make_goldens.py and review the diff"
