"""Reporters: one module per output format, all rendering the same FileResult records.

A reporter is `render(results, out, opts, stale)`; modules are imported only when asked for.
"""
from __future__ import annotations

import importlib

REPORTERS = {
    "text": "validator.reporters.text:render",
    "json": "validator.reporters.json_report:render",
    "sarif": "validator.reporters.sarif:render",
    "junit": "validator.reporters.junit:render",
    "github": "validator.reporters.github:render",
    "html": "validator.reporters.html:render",
    "csv": "validator.reporters.csv_findings:render",
}


def get_reporter(name: str):
    module, _, func = REPORTERS[name].partition(":")
    return getattr(importlib.import_module(module), func)
