"""Generate docs/rules.md from the rule files themselves (sqlfluff/ruff style).

    python tools/make_rule_docs.py          # write
    python tools/make_rule_docs.py --check  # exit 1 if docs/rules.md is out of date (used by a test)
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from validator.engine.rules import load_rules  # noqa: E402

AREAS = {"SEC": "六个部分 / the six parts", "TPL": "格式版本 / which unified format", "TAB": "表格结构 / table structure",
         "SUM": "表格勾稽 / table arithmetic", "TXT": "正文 / the narrative", "DAT": "日期 / dates",
         "FMT": "排版 / typography", "INP": "输入 / input", "XYR": "跨年 / across years", "SUP": "抑制 / suppressions"}


def render() -> str:
    rules = load_rules()
    out = ["# xxgk 规则 / rules", "", "Generated from `rules/**/*.yaml` by `tools/make_rule_docs.py`; do not edit by hand.",
           "`xxgk explain ID` shows the same page with its examples run live.", ""]
    out += ["| id | name | severity | title |", "|---|---|---|---|"]
    out += [f"| [{r.id}](#{r.id.lower()}) | {r.name} | {r.severity} | {r.title['zh']} / {r.title['en']} |" for r in rules]
    area = None
    for r in rules:
        if r.area != area:
            area = r.area
            out += ["", f"## {area} — {AREAS.get(area, area)}"]
        out += ["", f"### {r.id}", "", f"**{r.name}** · {r.severity} · groups: {', '.join(r.groups)}"
                + (f" · formats: {', '.join(r.formats)}" if r.formats else "") + (" · fixable" if r.fixable else ""), "",
                f"{r.title['zh']} — {r.title['en']}", "", f"- 消息 message: `{r.message['zh']}`",
                f"- 建议 hint: {r.hint['zh']}", "- 依据 basis: " + "；".join(r.basis_for(None)), "", r.rationale["zh"].strip()]
        cases = [c for c in r.tests if c["expect"] in ("trigger", "pass")]
        if cases:
            out += ["", "Test cases: " + "; ".join(f"{c['expect']} — {c['name']}" for c in r.tests)]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    target = ROOT / "docs" / "rules.md"
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if target.exists() and target.read_text(encoding="utf-8") == text else 1)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
