"""Outputs for batches: --quiet (failing files and totals), --statistics (counts only), and
--format csv (one row per finding)."""
import csv
import io

from tests.conftest import EXAMPLE_2020, EXAMPLE_2023, EXAMPLES, cli_run
from validator.reporters.csv_findings import COLUMNS

DEFECTS = EXAMPLES / "report-2023-with-defects.md"


def test_quiet_prints_only_failing_files_and_totals(capsys):
    code, out, _ = cli_run(["check", EXAMPLES, "--quiet"], capsys)
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == f"{DEFECTS}: 8 个错误，0 个警告，1 个提示"
    assert lines[-1].startswith("3 个文件：")
    assert len(lines) == 2, lines  # the clean reports are not listed, no finding lines
    # nothing fails: only the totals
    code, out, _ = cli_run(["check", EXAMPLE_2023, EXAMPLE_2020, "-q"], capsys)
    assert code == 0 and out.splitlines() == ["2 个文件：0 个错误，0 个警告，0 个提示"]
    code, out, _ = cli_run(["check", EXAMPLES, "-q", "--lang", "en"], capsys)
    assert out.splitlines() == [f"{DEFECTS}: 8 error(s), 0 warning(s), 1 info", "3 file(s): 8 error(s), 0 warning(s), 1 info"]


def test_quiet_follows_fail_on(capsys):
    # with --fail-on info, a file with only an info finding fails too
    code, out, _ = cli_run(["check", EXAMPLES, "-q", "--fail-on", "info", "--select", "FMT001"], capsys)
    assert [ln.split(":")[0] for ln in out.splitlines()[:-1]] == [str(DEFECTS)]


def test_statistics_prints_only_the_counts(capsys):
    code, out, _ = cli_run(["check", EXAMPLES, "--statistics"], capsys)
    lines = out.splitlines()
    assert not any(ln.startswith(str(EXAMPLES)) for ln in lines), "no finding or file lines"
    counts = {ln.split()[1]: int(ln.split()[0]) for ln in lines if ln.split()[0].isdigit()}
    assert counts["TXT001"] == 2 and counts["SUM001"] == 1
    assert lines[-1].startswith("3 个文件：8 个错误")


def test_csv_of_findings(capsys, tmp_path):
    code, out, _ = cli_run(["check", EXAMPLES, "-f", "csv"], capsys)
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == COLUMNS
    body = [dict(zip(COLUMNS, r)) for r in rows[1:]]
    code, js, _ = cli_run(["check", EXAMPLES, "-f", "json"], capsys)
    import json

    diags = [d for f in json.loads(js)["files"] for d in f["diagnostics"] if not d.get("suppressed")]
    assert len(body) == len(diags)
    sum001 = next(r for r in body if r["rule"] == "SUM001")
    assert sum001["path"] == str(DEFECTS) and sum001["agency"] == "澜川市青溪县人民政府" and sum001["year"] == "2023"
    assert sum001["severity"] == "error" and sum001["confidence"] == "certain"
    assert sum001["position"].count(":") == 1 and sum001["table"] and sum001["row"] and sum001["column"] == "总计"
    assert sum001["expected"] and sum001["actual"] and sum001["difference"]
    assert sum001["message"].startswith(sum001["row"]) or sum001["row"] in sum001["message"]
    # to a file: a BOM for Excel
    target = tmp_path / "findings.csv"
    cli_run(["check", EXAMPLES, "-f", "csv", "-o", target], capsys)
    assert target.read_bytes().startswith("\ufeff".encode("utf-8"))


def test_csv_of_a_clean_run_is_just_the_header(capsys):
    code, out, _ = cli_run(["check", EXAMPLE_2023, "-f", "csv"], capsys)
    assert code == 0 and out.splitlines() == [",".join(COLUMNS)]
