"""Regenerate the golden facts under tests/golden/ (review the diff before committing).

    python tools/make_goldens.py
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.golden_cases import GOLDEN_CASES, golden_facts  # noqa: E402

for name, path in GOLDEN_CASES.items():
    if not path.exists():
        print(f"skip {name}: {path} not found")
        continue
    out = ROOT / "tests" / "golden" / f"{name}.facts.json"
    out.write_text(json.dumps(golden_facts(path), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
