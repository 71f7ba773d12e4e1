"""Reporters for every reader: SARIF (validated against the official 2.1.0 schema), JUnit,
GitHub annotations, the HTML audit report (escaping, self-containment) and the CSV of facts.

The SARIF schema is tests/schemas/sarif-2.1.0-rtm.5.json (see tests/schemas/README.md)."""
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema

from tests.conftest import EXAMPLE_2020, EXAMPLE_2023, EXAMPLES, ROOT, SEED, need_shared
from validator.cli import main

SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-2.1.0-rtm.5.json"

# one cell one too high (SUM001 on the row, SUM003 on the column, TXT001 against the prose)
BROKEN_ROW = ("| 15 | 3 | 0 | 0 | 2 | 0 | 20 |", "| 15 | 3 | 0 | 0 | 2 | 0 | 21 |")

# Document text an attacker controls: title, prose, a row label, a cell, the file name.
HOSTILE = [
    ("# 澜川市青溪县人民政府2023年政府信息公开工作年度报告",
     "# 澜川市青溪县人民政府<script>window.__xss=1</script>2023年政府信息公开工作年度报告"),
    ("调整县政务公开工作领导小组", "调整县政务公开工作领导小组<img src=x onerror=\"window.__xss=2\">"),
    ("| 行政许可 | 21847 |", "| 行政许可<img src=x onerror=window.__xss=3> | 21847 |"),
    ("| 4.保护第三方合法权益 | 4 | 2 | 0 | 0 | 0 | 0 | 6 |",
     "| 4.保护第三方合法权益 | 4 | 2 | 0 | <svg onload=window.__xss=4> | 0 | 0 | 6 |"),
    ("### （三）政府信息管理", "### (三) {{ 7*7 }}</script><script>window.__xss=5</script>政府信息管理"),  # FMT001 quotes it
    BROKEN_ROW,
]
HOSTILE_NAME = "x\"><img src=x onerror=window.__xss=6>.md"


def write_variant(path: Path, replacements, base: Path = EXAMPLE_2023) -> Path:
    text = base.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


def hostile_report(directory: Path) -> Path:
    return write_variant(directory / HOSTILE_NAME, HOSTILE)


def run_cli(args, capsys):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def sarif_validator():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("http://json-schema.org/draft-04/")
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid_sarif(log: dict) -> None:
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors[:10])


def check_json(args, capsys) -> dict:
    _, out, _ = run_cli(["check", "-f", "json", *args], capsys)
    return json.loads(out)


# ------------------------------------------------------------------ SARIF
def test_sarif_for_the_seed_validates_against_the_official_schema(capsys):
    need_shared()
    code, out, _ = run_cli(["check", "-f", "sarif", SEED], capsys)
    assert code == 1
    log = json.loads(out)
    assert_valid_sarif(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and {"SUM003", "SEC001", "TAB002", "XYR001"} <= set(ids)
    sum003 = rules[ids.index("SUM003")]
    assert sum003["name"] == "application-balance"
    assert sum003["shortDescription"]["text"].startswith("申请数量不平衡")
    assert sum003["properties"]["title"]["en"].startswith("Applications do not balance")
    assert "勾稽关系" in sum003["help"]["text"] and sum003["properties"]["basis"]
    assert sum003["defaultConfiguration"]["level"] == "error"
    results = run["results"]
    reference = check_json([SEED], capsys)["files"][0]["diagnostics"]
    assert [r["ruleId"] for r in results] == [d["rule"] for d in reference]
    for r, d in zip(results, reference):
        assert r["partialFingerprints"]["xxgkFingerprint/v1"] == d["fingerprint"]
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] == {"error": "error", "warning": "warning", "info": "note"}[d["severity"]]
        assert r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")
    sec001 = [r for r in results if r["ruleId"] == "SEC001"]
    assert {r["locations"][0]["logicalLocations"][0]["decoratedName"] for r in sec001} == {"parts.3", "parts.4"}
    tab004 = next(r for r in results if r["ruleId"] == "TAB004" and "region" in r["locations"][0]["physicalLocation"])
    assert tab004["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


def test_sarif_for_a_batch_validates_and_has_every_artifact(tmp_path, capsys, monkeypatch):
    need_shared()
    monkeypatch.chdir(ROOT)
    broken = write_variant(tmp_path / "broken.md", [BROKEN_ROW])
    suppressed = write_variant(tmp_path / "suppressed.md", [BROKEN_ROW])
    text = suppressed.read_text(encoding="utf-8")
    suppressed.write_text("<!-- xxgk: disable-file SUM001 reason=\"上级口径，已说明\" -->\n" + text, encoding="utf-8")
    unreadable = tmp_path / "truncated.docx"
    unreadable.write_bytes(b"PK\x03\x04 not really a docx")
    code, out, _ = run_cli(["check", "-f", "sarif", "-j", "2", "examples", SEED, broken, suppressed, unreadable], capsys)
    assert code == 2  # the unreadable file
    log = json.loads(out)
    assert_valid_sarif(log)
    run = log["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert uris[0].startswith("examples/") and run["artifacts"][0]["location"]["uriBaseId"] == "%SRCROOT%"
    assert len(uris) == len(list(EXAMPLES.glob("report-*.md"))) + 4
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    by_file = {}
    for r in run["results"]:
        uri = run["artifacts"][r["locations"][0]["physicalLocation"]["artifactLocation"]["index"]]["location"]["uri"]
        by_file.setdefault(uri.rsplit("/", 1)[-1], []).append(r)
    sum001 = next(r for r in by_file["broken.md"] if r["ruleId"] == "SUM001")
    assert sum001["suppressions"] == []
    loc = sum001["locations"][0]
    assert loc["properties"]["fact"] == "tables.t3.rows.carried_out.cells.total"
    assert loc["properties"]["row"] == "四、结转下年度继续办理" and loc["properties"]["column"] == "总计"
    assert loc["logicalLocations"][0]["name"] == "总计"
    assert "四、结转下年度继续办理" in loc["logicalLocations"][0]["fullyQualifiedName"]
    assert sum001["properties"]["values"]["expected"] == 20 and sum001["properties"]["values"]["actual"] == 21
    assert len(sum001["relatedLocations"]) == 6
    quiet = next(r for r in by_file["suppressed.md"] if r["ruleId"] == "SUM001")
    assert quiet["suppressions"] == [{"kind": "inSource", "status": "accepted", "justification": "上级口径，已说明"}]
    assert quiet["partialFingerprints"] == sum001["partialFingerprints"]  # same rule, cell and text
    inp = by_file["truncated.docx"]
    assert [r["ruleId"] for r in inp] == ["INP001"] and "region" not in inp[0]["locations"][0]["physicalLocation"]
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_fingerprints_survive_moved_lines(tmp_path, capsys):
    a = write_variant(tmp_path / "a.md", [BROKEN_ROW])
    b = tmp_path / "b.md"
    b.write_text("\n\n\n" + a.read_text(encoding="utf-8").replace("## 一、总体情况", "## 一、总体情况\n\n新增的一段话。\n"),
                 encoding="utf-8")
    logs = []
    for path in (a, b):
        _, out, _ = run_cli(["check", "-f", "sarif", "--select", "SUM", path], capsys)
        logs.append(json.loads(out)["runs"][0]["results"])
    assert [r["partialFingerprints"] for r in logs[0]] == [r["partialFingerprints"] for r in logs[1]]
    lines = [[r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in log] for log in logs]
    assert all(y > x for x, y in zip(*lines))


def test_sarif_carries_the_fix_of_a_fixable_finding(tmp_path, capsys):
    draft = write_variant(tmp_path / "d.md", [("### （一）主动公开", "### (一) 主动公开")])
    _, out, _ = run_cli(["check", "-f", "sarif", "--select", "FMT001", draft], capsys)
    log = json.loads(out)
    assert_valid_sarif(log)
    fixes = [r.get("fixes") for r in log["runs"][0]["results"]]
    assert fixes and fixes[0], "FMT001 should carry a fix"
    replacement = fixes[0][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"].startswith("（")


# ------------------------------------------------------------------ JUnit
def test_junit_has_a_suite_per_report_and_a_case_per_rule(tmp_path, capsys):
    from junitparser import Error, Failure, JUnitXml, Skipped

    broken = write_variant(tmp_path / "broken.md", [BROKEN_ROW])
    unreadable = tmp_path / "bad.pdf"
    unreadable.write_bytes(b"%PDF-1.4 broken")
    out_file = tmp_path / "junit.xml"
    code, _, _ = run_cli(["check", "-f", "junit", "-o", out_file, EXAMPLE_2023, broken, unreadable], capsys)
    assert code == 2
    reference = check_json([EXAMPLE_2023, broken, unreadable], capsys)["files"]
    xml = JUnitXml.fromfile(str(out_file))
    suites = list(xml)
    assert [s.name for s in suites] == [str(EXAMPLE_2023), str(broken), str(unreadable)]
    clean, bad, unread = suites
    assert clean.tests == len(reference[0]["checklist"]) and clean.failures == 0 and clean.errors == 0
    na = sum(1 for c in reference[0]["checklist"] if c["status"] == "not_applicable")
    assert clean.skipped == na > 0
    cases = {c.name.split()[0]: c for c in bad}
    assert len(cases) == len(reference[1]["checklist"])
    failed = {k for k, c in cases.items() if any(isinstance(r, Failure) for r in c.result)}
    assert failed == {d["rule"] for d in reference[1]["diagnostics"]} >= {"SUM001", "SUM003"}
    sum001 = next(r for r in cases["SUM001"].result if isinstance(r, Failure))
    assert sum001.type == "error" and "21" in sum001.message and "SUM001" in sum001.text
    assert any(isinstance(r, Skipped) for r in cases["XYR001"].result)  # no previous year: not applicable
    assert cases["SUM002"].result == [] or all(not isinstance(r, (Failure, Error)) for r in cases["SUM002"].result)
    [inp] = list(unread)
    assert isinstance(inp.result[0], Error) and inp.name.startswith("INP")
    props = {p.name: p.value for p in bad.properties()}
    assert props["agency"] == "澜川市青溪县人民政府" and props["template"] == "gov2021"


def test_junit_strips_characters_xml_cannot_carry(tmp_path, capsys):
    from junitparser import JUnitXml

    draft = write_variant(tmp_path / "ctl.md", [BROKEN_ROW, ("调整县政务公开", "调整\x0b县政务\x01公开")])
    out_file = tmp_path / "j.xml"
    run_cli(["check", "-f", "junit", "-o", out_file, draft], capsys)
    assert len(list(JUnitXml.fromfile(str(out_file)))) == 1


# ------------------------------------------------------------------ GitHub annotations
def test_github_escaping_follows_the_runner():
    from validator.reporters.github import escape_data, escape_property

    assert escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"


def test_github_annotations(tmp_path, capsys, monkeypatch):
    need_shared()
    monkeypatch.chdir(ROOT)
    broken = write_variant(tmp_path / "a,b:c.md", [BROKEN_ROW])
    code, out, _ = run_cli(["check", "-f", "github", broken, SEED], capsys)
    assert code == 1
    lines = out.splitlines()
    sum001 = next(line for line in lines if "SUM001" in line)
    assert sum001.startswith("::error file=")
    head, _, message = sum001[2:].partition("::")
    assert "a%2Cb%3Ac.md" in head and ",line=" in head and ",col=" in head
    assert ",title=SUM001 applicant-total-mismatch" in head
    assert "总计为 21" in message and "%0A建议：" in message and "\n" not in message
    assert any(line.startswith("::notice ") and "FMT" in line for line in lines)  # info -> notice
    assert any(line.startswith("::warning ") for line in lines)
    seed_missing = [line for line in lines if "SEC001" in line]
    assert seed_missing and all(",line=" not in line for line in seed_missing)  # file-level annotation
    assert lines[-1].startswith("2 个文件：")


# ------------------------------------------------------------------ HTML (no browser)
def html_payloads(html: str) -> list:
    """The inert JSON elements of an HTML report: the page's data first, then one per report."""
    import re

    return [json.loads(body) for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
            if "application/json" in attrs]


def html_detail(html: str, path) -> dict:
    """The detail of one report (parsed by the page when the report is opened)."""
    return next(d for d in html_payloads(html) if d.get("path") == str(path))


def html_checks(html: str, path) -> dict[str, dict]:
    """One report's checklist as the page shows it, by rule: status (pass, fail, not_applicable,
    unverified …) and detail, decoded from the compact form as report.js decodes it."""
    page = html_payloads(html)[0]
    checks = html_detail(html, path)["checks"]
    letters = {"p": "pass", "f": "fail", "n": "not_applicable", "u": "unverified", "e": "error"}
    out = {}
    for k, rule in enumerate(page["check_orders"][checks["o"]]):
        count, text, partial = checks["x"].get(rule, [0, "", 0])
        detail = page["texts"][text] if isinstance(text, int) else text
        out[rule] = {"status": letters[checks["s"][k]], "detail": detail, "count": count, "partial": bool(partial)}
    return out


def test_html_escapes_document_text_and_is_self_contained(tmp_path, capsys):
    import re

    hostile = hostile_report(tmp_path)
    out_file = tmp_path / "report.html"
    code, out, _ = run_cli(["check", "-f", "html", "-o", out_file, hostile, EXAMPLE_2020], capsys)
    assert code == 1 and out == ""
    html = out_file.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for bad in ("<script>window", "<img src=x", "<svg onload", "onerror=\"window", "onerror=window.__xss=6>"):
        assert bad not in html, bad
    # document text reaches the static part escaped by jinja2 …
    assert "x&#34;&gt;&lt;img src=x onerror=window.__xss=6&gt;.md" in html
    assert "{{ 7*7 }}" in html  # no template evaluation of document text
    # … and the data as JSON with < > & escaped, in inert elements, read back exactly
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    runnable = [attrs for attrs, _ in scripts if "application/json" not in attrs]
    assert len(runnable) == 1 and "nonce=" in runnable[0]  # ours, with the nonce
    data = [json.loads(body) for attrs, body in scripts if "application/json" in attrs]
    assert all("<" not in body and ">" not in body for attrs, body in scripts if "application/json" in attrs)
    detail = next(d for d in data if d.get("path") == str(hostile))
    assert "<script>window.__xss=1</script>" in detail["title"]  # the text itself, shown as text by the page
    assert any("行政许可<img src=x onerror=window.__xss=3>" in (r.get("found_label") or "")
               for t in detail["tables"] for r in t.get("rows", []) if isinstance(r, dict))
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    lower = html.lower()
    for external in ("src=\"http", "href=\"http", "src='http", "url(http", "@import", "<link", "<iframe"):
        assert external not in lower, external
    # the failing cell is highlighted with what was expected (rows in the order of the shared layout)
    page_data = next(d for d in data if "layouts" in d)
    layout = page_data["layouts"][detail["template"]]["t3"]
    t3 = next(t for t in detail["tables"] if t["id"] == "t3")
    carried_out = t3["rows"][[r["id"] for r in layout["rows"]].index("carried_out")]
    total = (carried_out if isinstance(carried_out, list) else carried_out["cells"])[-1]
    assert total["role"] == "fail" and total["expected"] == "20" and "SUM001" in total["rules"]


def test_html_summary_counts_and_checklist(tmp_path, capsys):
    need_shared()
    broken = write_variant(tmp_path / "broken.md", [BROKEN_ROW])
    from validator.batch import check_batch
    from validator.commands.check import CheckOptions, _rule_map
    from validator.engine.rules import load_rules
    from validator.reporters.html import report_view

    rules = load_rules()
    paths = [str(EXAMPLE_2023), str(broken), str(SEED)]
    results = check_batch(paths, [None] * 3, {None: (rules, _rule_map(rules), {})}, jobs=1)
    view = report_view(results, CheckOptions(fmt="html"))
    assert view["totals"]["files"] == 3 and view["totals"]["clean"] == 1
    assert [r["path"] for r in view["clean_reports"]] == [str(EXAMPLE_2023)]
    assert sum(view["totals"][s] for s in ("error", "warning", "info")) == sum(len(r.active) for r in results)
    by_rule = {r["id"]: r for r in view["by_rule"]}
    assert by_rule["SUM001"]["count"] == 1 and by_rule["SEC001"]["count"] == 2
    seed = view["reports"][2]
    sections = {s["title"]: s["items"] for s in seed["requirements"]}
    parts = sections["六个部分"]
    assert len(parts) == 6
    assert [p["status"] for p in parts].count("fail") >= 2
    assert next(p for p in parts if p["label"].startswith("三、"))["status"] == "fail"
    tables = sections["统计表"]
    assert {t["label"] for t in tables} >= {"收到和处理政府信息公开申请情况"}
    identities = sections["勾稽关系"]
    assert {i["rule"] for i in identities} >= {"SUM001", "SUM002", "SUM003", "SUM004"}
    broken_view = view["reports"][1]
    ids = {i["rule"]: i["status"] for s in broken_view["requirements"] if s["title"] == "勾稽关系" for i in s["items"]}
    assert ids["SUM001"] == "fail" and ids["SUM002"] == "pass"
    t3 = next(t for t in broken_view["tables"] if t["id"] == "t3")
    row = next(r for r in t3["rows"] if r["id"] == "carried_out")
    total = row["cells"][-1]
    assert total["role"] == "fail" and total["text"] == "21" and total["expected"] == "20"
    assert "SUM001" in total["rules"]
    assert all(c.get("role") == "operand" for c in row["cells"][:-1])


def test_html_in_english(tmp_path, capsys):
    out_file = tmp_path / "en.html"
    run_cli(["check", "-f", "html", "--lang", "en", "-o", out_file, write_variant(tmp_path / "b.md", [BROKEN_ROW])], capsys)
    html = out_file.read_text(encoding="utf-8")
    assert "Annual disclosure report audit" in html and "applicant columns add up to 20" in html


def test_only_html_imports_jinja2(tmp_path):
    report = tmp_path / "r.md"
    report.write_text(EXAMPLE_2023.read_text(encoding="utf-8"), encoding="utf-8")
    code = ("import sys, json\nfrom validator.cli import main\n"
            "for fmt in ('text', 'json', 'sarif', 'junit', 'github'):\n"
            "    main(['check', '-f', fmt, '-o', 'out.' + fmt, 'r.md'])\n"
            "print('@@' + json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'lxml', 'docx', 'pdfplumber'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.rsplit("@@", 1)[1]) == []


# ------------------------------------------------------------------ CSV of facts
def test_csv_one_row_per_report_with_readable_headers(tmp_path, capsys):
    out_file = tmp_path / "data.csv"
    code, _, _ = run_cli(["extract", "-f", "csv", "-o", out_file, EXAMPLE_2020, EXAMPLE_2023], capsys)
    assert code == 0
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # utf-8-sig: Excel shows the Chinese
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 2
    header = list(rows[0])
    assert header[:9] == ["path", "title", "agency", "level", "year", "period_start", "period_end", "published", "template"]
    assert "t3.new.total 一、本年新收政府信息公开申请数量/总计" in header
    assert "t3.withheld.state_secret.natural （三）不予公开·1.属于国家秘密/自然人" in header
    assert "t4.cases.after_review.total 行政诉讼·复议后起诉·总计" in header
    assert any(h.startswith("t2_9.") for h in header)  # a 2019-format table
    r2020, r2023 = rows
    assert r2023["agency"] == "澜川市青溪县人民政府" and r2023["year"] == "2023" and r2023["template"] == "gov2021"
    assert r2023["period_start"] == "2023-01-01" and r2023["period_end"] == "2023-12-31"
    assert r2023["t3.new.total 一、本年新收政府信息公开申请数量/总计"] == "330"
    assert r2023["t2_8.fees.fee_amount 行政事业性收费/本年收费金额（单位：万元）"] == "2648.37"
    assert r2023["t4.cases.review.total 行政复议·总计"] == "11"
    # a column of the other format says so: not blank, not zero
    gov2019_only = next(h for h in header if h.startswith("t2_1.rules.new_made"))
    assert r2023[gov2019_only] == "#不适用" and r2020[gov2019_only] not in ("", "#不适用")
    # the status of the same run as `xxgk check`, and the indicators
    assert header[9:16] == ["result", "errors", "warnings", "infos", "doubtful", "unverified", "corrections"]
    assert r2023["result"] == "pass" and r2023["errors"] == "0" and r2023["doubtful"] == "0"
    assert r2023["ind.substantive_disclosure_rate 实质公开率"] == "0.5429"  # (147 + 30) / 326
    assert r2023["ind.review_correction_rate 复议纠错率"].endswith("*")  # 2 of 9: a small sample
    assert r2020["template"] == "gov2019"


def test_csv_marks_every_kind_of_empty_value(tmp_path):
    from validator.findings import FileResult
    from validator.pipeline import analyse
    from validator.reporters.csv_facts import rows

    draft = write_variant(tmp_path / "x.md", [
        ("| 4.保护第三方合法权益 | 4 | 2 |", "| 4.保护第三方合法权益 | 四 | 2 |"),          # not a number
        ("| 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "| 1.属于国家秘密 | 1 | | 0 | 0 | 0 | 0 | 1 |"),  # blank
        ("| 二、上年结转政府信息公开申请数量 | | | 12 | 2 | 0 | 0 | 1 | 1 | 16 |\n", ""),  # a row missing
        ("| 一、本年新收政府信息公开申请数量 | | | 268 | 34 | 3 | 2 | 17 | 6 | 330 |",
         "| 一、本年新收政府信息公开申请数量 | | | 268 | 34 | 3 | 2 | 17 | 330 |"),  # a cell lost: unreadable
    ])
    facts = analyse(draft)[2]
    facts["tables"]["t4"]["found"] = False
    header, body = rows([FileResult(str(draft), facts=facts), FileResult("gone.md", facts=None, error="cannot read"),
                         FileResult("README.md", facts={}, skipped="not-a-report")])
    values = dict(zip(header, body[0]))
    col = {h.split(" ", 1)[0]: h for h in header}
    assert values[col["t3.withheld.third_party.natural"]] == "#非数字:四"
    assert values[col["t3.withheld.third_party.business"]] == "2"
    assert values[col["t3.withheld.state_secret.business"]] == ""  # blank in the report
    assert values[col["t3.carried_in.total"]] == "#缺行"
    assert values[col["t3.new.total"]] == "#无法读取"
    assert all(v == "#缺表" for h, v in values.items() if h.startswith("t4."))
    assert all(v == "#不适用" for h, v in values.items() if h.startswith("t2_1.rules.new_made"))
    # unreadable and skipped files: a row with the path and why, nothing else
    unreadable, skipped = (dict(zip(header, b)) for b in body[1:])
    assert unreadable["result"] == "unreadable" and skipped["result"] == "skipped"
    assert all(v == "" for k, v in unreadable.items() if k not in ("path", "result"))
    out = io.StringIO()
    from validator.reporters.csv_facts import write_csv

    write_csv([FileResult(str(draft), facts=facts)], out)
    assert not out.getvalue().startswith("\ufeff")  # no BOM on a stream without a file name


def test_csv_result_tells_failures_from_doubtful_readings():
    from validator.findings import FileResult, Finding, Location, Severity
    from validator.reporters.csv_facts import status_row

    def finding(confidence):
        f = Finding(rule="SUM001", name="x", severity=Severity.error, message={"zh": "x", "en": "x"}, location=Location())
        f.confidence = confidence
        return f
    assert status_row(FileResult("a", findings=[finding("doubtful")], facts={}))[:5] == ["check", "0", "0", "0", "1"]
    assert status_row(FileResult("a", findings=[finding("certain"), finding("doubtful")], facts={}))[0] == "fail"
    assert status_row(FileResult("a", findings=[], facts={}))[0] == "pass"


def test_html_checklist_states_requirements_positively(tmp_path):
    from tests.conftest import EXAMPLE_2023
    from validator.cli import main

    out = tmp_path / "r.html"
    assert main(["check", "-f", "html", "-o", str(out), str(EXAMPLE_2023)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "一 + 二 = 三（七）总计 + 四（勾稽关系）" in html
