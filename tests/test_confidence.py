"""Who is answerable for a finding (validator/confidence.py): figures read with confidence, or a
doubtful reading — then the message says 请对照原件核对 and summaries count it apart."""
import json

from tests.conftest import CORPUS, EXAMPLE_2023, cli_run, need_shared
from validator.commands.check import check_document
from validator.confidence import doubts_of, mark
from validator.engine.rules import load_rules
from validator.findings import FileResult, Finding, Location, Severity
from validator.pipeline import analyse
from validator.summary import Tally


def _check(path, edit=None):
    """Findings of a report after `edit(facts)` changed its facts (as a reader would have read them)."""
    doc, report, facts = analyse(str(path))
    if edit:
        edit(facts)
    rules = load_rules()
    findings, _ = check_document(doc, report, facts, rules, {r.id: r for r in rules}, {})
    return findings, facts


def _break_total(facts, how_read):
    """t3 row 一 总计 one too high, and the row read as `how_read`."""
    row = facts["tables"]["t3"]["rows"]["new"]
    row["cells"]["total"]["value"] += 1
    for cell in row["cells"].values():
        cell["read"] = how_read


def test_a_sum_on_figures_split_by_identities_is_doubtful():
    findings, _ = _check(EXAMPLE_2023, lambda f: _break_total(f, "split"))
    sum001 = [f for f in findings if f.rule == "SUM001"]
    assert sum001 and all(f.confidence == "doubtful" and f.doubts == ["split"] for f in sum001)
    assert "请对照原件核对" in sum001[0].text("zh") and "check against the original" in sum001[0].text("en")
    # every finding that rests on that row (the column balance, the text's "received" figure) is doubtful too
    assert {f.rule for f in findings} == {"SUM001", "SUM003", "TXT001"}
    assert all(f.confidence == "doubtful" for f in findings)


def test_the_same_defect_on_a_grid_is_certain():
    findings, _ = _check(EXAMPLE_2023, lambda f: _break_total(f, "grid"))
    sum001 = [f for f in findings if f.rule == "SUM001"]
    assert sum001 and all(f.confidence == "certain" and not f.doubts for f in sum001)
    assert "请对照原件核对" not in sum001[0].text("zh")


def test_a_run_with_one_digit_per_column_has_one_reading_and_is_certain():
    def edit(facts):
        row = facts["tables"]["t3"]["rows"]["new"]
        row["cells"]["total"]["value"] += 1
        row["note"] = "figures run together without separators ('1000001'): only one reading gives one figure per column"
        for cell in row["cells"].values():
            cell["read"] = "split"
    findings, _ = _check(EXAMPLE_2023, edit)
    assert findings and all(f.confidence == "certain" for f in findings)


def test_an_operand_read_from_a_borderless_pdf_makes_the_finding_doubtful():
    def edit(facts):
        facts["tables"]["t3"]["rows"]["new"]["cells"]["total"]["value"] += 1
        facts["tables"]["t3"]["rows"]["new"]["cells"]["legal"]["read"] = "pdf_borderless"  # an operand, not the total
    findings, _ = _check(EXAMPLE_2023, edit)
    sum001 = next(f for f in findings if f.rule == "SUM001")
    assert sum001.doubts == ["pdf_borderless"]


def test_reading_problems_are_doubtful_and_counted_apart(capsys, tmp_path):
    need_shared()
    # the last rows of table 三 lost their labels, with no labelled row after them to place them by
    lost = tmp_path / "lost-labels.md"
    text = EXAMPLE_2023.read_text(encoding="utf-8")
    for label in ("| | | 3.其他 |", "| | （七）总计 | |", "| 四、结转下年度继续办理 | | |"):
        text = text.replace(label, "| | | |")
    lost.write_text(text, encoding="utf-8")
    code, out, _ = cli_run(["check", CORPUS / "003.txt", CORPUS / "015.md", lost, "-f", "json"], capsys)
    data = json.loads(out)
    diags = [d for f in data["files"] for d in f["diagnostics"]]
    inp004 = [d for d in diags if d["rule"] == "INP004"]
    assert inp004 and all(d["confidence"] == "doubtful" and d["doubts"] == ["reading"] for d in inp004)
    # rows "missing" while figures sat unplaced (TAB008): the TAB002 error is a doubt, not a charge
    tab002 = [d for d in diags if d["rule"] == "TAB002"]
    assert tab002 and all(d["confidence"] == "doubtful" and "unplaced_figures" in d["doubts"] for d in tab002)
    summary = data["summary"]
    doubtful = sum(1 for d in diags if d["confidence"] == "doubtful" and not d.get("suppressed"))
    assert summary["doubtful"] == doubtful >= 4
    certain_errors = sum(1 for d in diags if d["severity"] == "error" and d["confidence"] == "certain")
    assert summary["error"] == certain_errors
    for f in data["files"]:
        assert f["counts"]["doubtful"] == sum(1 for d in f["diagnostics"] if d["confidence"] == "doubtful")


def test_rows_missing_without_unplaced_figures_stay_certain():
    facts = {"tables": {}, "unassigned_rows": []}
    f = Finding(rule="TAB002", name="row-missing", severity=Severity.error, message={"zh": "x", "en": "x"},
                location=Location(fact="tables.t3"))
    assert doubts_of(f, facts) == []
    facts["unassigned_rows"] = [{"labels": ["…"], "values": ["1", "2"]}]
    assert doubts_of(f, facts) == ["unplaced_figures"]


def test_tally_counts_doubtful_apart_from_severity():
    def finding(rule, sev, doubtful):
        f = Finding(rule=rule, name=rule.lower(), severity=sev, message={"zh": rule, "en": rule}, location=Location())
        if doubtful:
            f.confidence = "doubtful"
        return f
    r = FileResult("a.md", findings=[finding("SUM001", Severity.error, True), finding("SUM003", Severity.error, False)],
                   facts={})
    tally = Tally()
    assert tally.add(r) == {"error": 1, "warning": 0, "info": 0, "doubtful": 1}
    assert tally.line("en") == "1 file(s): 1 error(s), 0 warning(s), 0 info; 1 more on a doubtful reading (check against the original)"
    assert tally.line("zh") == "1 个文件：1 个错误，0 个警告，0 个提示；另有 1 个问题读取存疑，请对照原件核对"
    assert tally.rule_rows() == [("SUM001", "sum001", "error", 1, 1, 1), ("SUM003", "sum003", "error", 1, 1, 0)]


def test_mark_leaves_findings_without_facts_alone():
    f = Finding(rule="INP001", name="unreadable-input", severity=Severity.error, message={"zh": "x", "en": "x"},
                location=Location())
    mark([f], None)
    assert f.confidence == "certain" and f.text("zh") == "x"
