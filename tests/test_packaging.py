"""`pip install .` must work from any directory: the wheel carries rules/, schemas/ and the
examples the rules' test cases (and `xxgk explain`) are built on."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_rules_schemas_examples_and_templates(tmp_path):
    # build isolation fetches setuptools from the package index, as `pip install .` does
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                         capture_output=True, text=True)
    if out.returncode != 0 and ("No matching distribution" in out.stderr or "Could not find a version" in out.stderr):
        pytest.skip("no package index to fetch the build backend from: " + out.stderr[-200:])
    assert out.returncode == 0, out.stderr
    wheel = next(tmp_path.glob("xxgk-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("validator/_data/rules/formats/gov2021.yaml", "validator/_data/rules/sum/SUM003.yaml",
                   "validator/_data/schemas/rule.schema.json", "validator/_data/schemas/facts.schema.json",
                   "validator/_data/examples/report-2023-gov2021.md", "validator/reporters/templates/report.html.j2"):
        assert any(n == needed or (needed.endswith(".j2") and n.startswith("validator/reporters/templates/"))
                   for n in names), needed
