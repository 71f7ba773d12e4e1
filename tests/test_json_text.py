"""reporters/json_text.dumps writes what json.dumps(…, ensure_ascii=False, indent=2, default=str) writes."""
import json
import math
from pathlib import Path

import pytest

from validator.reporters.json_text import dumps


class _Odd:
    def __str__(self) -> str:
        return "odd \"value\"\n"


VALUES = [
    None, True, False, 0, -7, 2**70, 1.5, 1e-7, 1e22, -0.0, math.nan, math.inf, -math.inf, "", "引号\"\\\n\t\u2028\x01",
    [], {}, [[]], {"a": {}}, (1, "二"), [1, [2, [3, {"x": None}]]],
    {"k": 1, 2: "int key", 1.5: "float key", True: "t", False: "f", None: "n"},
    {"odd": _Odd(), "list": [_Odd(), {"deep": [1.25, -3]}]},
]


@pytest.mark.parametrize("value", VALUES, ids=[repr(v)[:30] for v in VALUES])
@pytest.mark.parametrize("prefix", ["", "    "])
def test_same_text_as_json_dumps(value, prefix):
    expected = json.dumps(value, ensure_ascii=False, indent=2, default=str).replace("\n", "\n" + prefix)
    assert dumps(value, prefix) == expected


def test_a_real_report_entry():
    import contextlib
    import io

    from validator.cli import main

    root = Path(__file__).resolve().parent.parent
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            main(["check", str(root / "examples" / "report-2023-with-defects.md"), "--format", "json"])
        except SystemExit:
            pass
    value = json.loads(buf.getvalue())
    assert dumps(value, "  ") == json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    assert buf.getvalue() == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_keys_json_cannot_write_are_refused_alike():
    with pytest.raises(TypeError):
        json.dumps({(1, 2): 0}, indent=2)
    with pytest.raises(TypeError, match="keys must be"):
        dumps({(1, 2): 0})
