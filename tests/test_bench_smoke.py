"""The batch benchmark runs (tiny sizes; the figures themselves live in BENCHMARKS.md, made by
`python bench/run.py`, never asserted here)."""
import os
import shutil
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # the quick suite (-m 'not slow') leaves it to CI

pytest.importorskip("psutil")
pytest.importorskip("docx")
pytest.importorskip("reportlab")
pytest.importorskip("pypdfium2")


def test_the_batch_benchmark_runs_on_a_tiny_batch(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import batch
    finally:
        sys.path.remove(str(ROOT / "bench"))
    xxgk = shutil.which("xxgk", path=os.path.dirname(sys.executable))
    if xxgk is None:
        pytest.skip("the xxgk command is not installed beside this interpreter")
    env = {**os.environ, "XXGK_CACHE_DIR": str(tmp_path / "cache")}
    results = batch.run_batch(tmp_path, xxgk, sys.executable, env, runs=1, reports=2, pdf_reports=1,
                              memory_sizes=[2], outputs_n=2, pairs=1, pdf_corpus=False,
                              count_instructions=False)  # callgrind: minutes
    text = "\n".join(batch.render(results) + batch.render_national(results))
    for section in ("Cost over reading", "Throughput", "PDF libraries", "Scaling", "Memory", "Outputs at 2 reports",
                    "Cross-year pairing", "The profile", "Reading the batch figures", "The national run"):
        assert section in text
    assert {"md", "docx", "html", "pdf"} <= set(results["formats"])
    # one section measured again alone: the others come from the earlier run
    again = batch.run_batch(tmp_path, xxgk, sys.executable, env, runs=1, reports=2, pdf_reports=1,
                            memory_sizes=[2], outputs_n=2, pairs=1, pdf_corpus=False, count_instructions=False,
                            sections={"scaling"}, earlier=results)
    assert again["formats"] == results["formats"] and again["memory"] == results["memory"]
    assert again["scaling"]["rows"] and again["loads"]["scaling"] != results["loads"]["scaling"]


def test_the_reading_cost_benchmark_measures_and_renders(tmp_path):
    # the child runs this tree's pipeline stage by stage (an API change breaks it here, not in a
    # 3-minute benchmark run); two "trees" that are the same checkout stand for before and now
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import reading_cost
    finally:
        sys.path.remove(str(ROOT / "bench"))
    files = [ROOT / "examples" / "report-2023-gov2021.md", ROOT / "tests" / "corpus" / "fj-pingtan-czj-2020.txt"]
    trees = {"before": (ROOT, tmp_path / "cache-before"), "now": (ROOT, tmp_path / "cache-now")}
    timed = reading_cost.stages(trees, files, runs=1)
    for tree in timed.values():
        for f in files:
            got = tree[str(f)]
            assert set(got) == {"read", "recognise", "batch", "check", "cells", "rules"}
            assert got["cells"] > 100  # both reports' tables are read
    text = reading_cost.render("f21dcb5", "HEAD", files, timed["before"], timed["now"], {"before": 100.0, "now": 90.0}, 1)
    assert "a report in a batch (rules loaded once)" in text
    assert "both trees read alike" in text and "| start-up" in text
