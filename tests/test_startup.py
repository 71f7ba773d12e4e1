"""Start-up guard: a Markdown run must not import the heavy readers or (on a cache hit)
jsonschema. Measured speed lives in bench/, not here."""
import json
import os
import subprocess
import sys

HEAVY = ["docx", "lxml", "pdfplumber", "pydantic", "jinja2", "opencc"]


def _modules_after(args, tmp_path, cache):
    code = (
        "import sys, json\n"
        "from validator.cli import main\n"
        f"rc = main({args!r})\n"
        "print('\\n@@' + json.dumps(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "XXGK_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout.rsplit("@@", 1)[1]))


def test_extract_on_markdown_imports_nothing_heavy(tmp_path):
    report = tmp_path / "small.md"
    report.write_text("# 某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n", encoding="utf-8")
    cache = tmp_path / "cache"
    _modules_after(["extract", str(report)], tmp_path, cache)  # warms the cache
    mods = _modules_after(["extract", str(report)], tmp_path, cache)
    assert not [m for m in mods if m.split(".")[0] in HEAVY + ["jsonschema"]]
