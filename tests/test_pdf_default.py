"""PDF is part of the default install; when its library is missing anyway, INP001 names the command.

The requirement comes from xxgk's installed metadata (pyproject.toml is the one place the PDF
library is chosen). A clean `pip install .` reading a PDF is exercised by the pre-commit test,
whose hook environment is exactly that (tests/test_precommit.py).
"""
from __future__ import annotations

import html
import json
import sys

import pytest

from tests.conftest import ROOT, cli_run
from validator.readers import declared_requirement

PDF = ROOT / "tests" / "fixtures" / "formats" / "report-2023-gov2021.pdf"


def _pyproject_pdf_requirement() -> str:
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return next(d for d in deps if d.lower().startswith("pdfplumber")).replace(" ", "")


def test_the_pdf_library_is_a_main_dependency():
    assert _pyproject_pdf_requirement() == declared_requirement("pdfplumber")


@pytest.fixture
def no_pdf_library(monkeypatch):
    for name in list(sys.modules):
        if name == "pdfplumber" or name.startswith("pdfplumber."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # `import pdfplumber` raises ImportError


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "html"])
def test_a_missing_pdf_library_says_what_to_install_in_every_format(no_pdf_library, capsys, fmt):
    code, out, _ = cli_run(["check", PDF, "-f", fmt], capsys)
    assert code == 2
    command = f'pip install "{_pyproject_pdf_requirement()}"'
    if fmt == "html":  # each report's detail is JSON inside the page (< > & escaped)
        from tests.test_reporters import html_payloads

        out = json.dumps(html_payloads(out), ensure_ascii=False)
    shown = html.unescape(out) if fmt == "junit" else out.replace('\\"', '"')  # XML, JSON escapes
    assert command in shown, out[-2000:]
    if fmt == "text":
        line = out.splitlines()[0]
        assert line.startswith(f"{PDF}:") and " error INP001 " in line and "pdfplumber 没有安装" in line
    if fmt == "json":
        diag = json.loads(out)["files"][0]["diagnostics"][0]
        assert diag["rule"] == "INP001" and diag["messages"]["en"].startswith("The file cannot be read: reading PDF needs")


def test_a_missing_pdf_library_in_english(no_pdf_library, capsys):
    code, out, _ = cli_run(["check", PDF, "--lang", "en"], capsys)
    assert code == 2 and "which is not installed: run pip install" in out
