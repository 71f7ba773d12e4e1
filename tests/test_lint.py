"""ruff and mypy, as configured in pyproject.toml, over the project: part of the suite, so that
CI (.ci/run runs the README's test command) and every landing run them."""
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # a cold mypy takes tens of seconds; the quick suite leaves it to CI


def _run(module: str, *args: str) -> subprocess.CompletedProcess:
    pytest.importorskip(module)
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_is_clean():
    out = _run("ruff", "check", "--no-cache", ".")
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-1000:]


def test_mypy_is_clean():
    out = _run("mypy")
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-1000:]
