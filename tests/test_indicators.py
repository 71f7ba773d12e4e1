"""Indicators evaluators use (validator/indicators.py, rules/indicators/indicators.yaml) and the
year-on-year jump rule XYR004 in a real pairing."""
import json
import sys

import pytest

from tests.conftest import CORPUS, EXAMPLE_2020, EXAMPLE_2023, ROOT, SEED, cli_run, need_shared
from validator.indicators import compute, load_indicators, shown
from validator.pipeline import analyse

sys.path.insert(0, str(ROOT / "tools"))
import generate_reports  # noqa: E402


def by_id(results):
    return {r["id"]: r for r in results}


def test_definitions_are_data_with_formula_and_source():
    specs = load_indicators()
    assert [s["id"] for s in specs] == ["substantive_disclosure_rate", "withheld_rate", "review_correction_rate",
                                        "litigation_correction_rate", "carry_over_rate", "applications_change"]
    for s in specs:
        assert s["name"]["zh"] and s["formula"]["zh"] and s["formula"]["en"] and s["source"]


def test_the_example_report():
    ind = by_id(compute(analyse(EXAMPLE_2023)[2]))
    r = ind["substantive_disclosure_rate"]
    # （一）147 + （二）30 of （七）326
    assert (r["numerator"], r["denominator"], r["n"]) == (147 + 30, 326, 326)
    assert r["value"] == pytest.approx(177 / 326, abs=1e-6) and not r["small_sample"]
    assert shown(r) == "54.3%"
    # （三）不予公开: the sum of its eight grounds
    assert ind["withheld_rate"]["numerator"] == 30
    # review: 2 corrected of 11, 2 still pending: 2 / 9 — a small sample, shown as such, not rated
    rev = ind["review_correction_rate"]
    assert (rev["numerator"], rev["denominator"]) == (2, 9) and rev["small_sample"]
    assert shown(rev) == "22.2%（n=9，样本过小，不作评价）"
    assert shown(rev, "en") == "22.2% (n=9: small sample, not rated)"
    lit = ind["litigation_correction_rate"]
    assert (lit["numerator"], lit["denominator"]) == (1 + 0, 7 - 1 + 5 - 1)
    assert ind["carry_over_rate"]["value"] == pytest.approx(20 / 346, abs=1e-6)
    change = ind["applications_change"]
    assert change["value"] is None and change["reason"]["kind"] == "no_previous"


def test_the_2019_format_has_the_same_indicators():
    ind = by_id(compute(analyse(EXAMPLE_2020)[2]))
    assert ind["substantive_disclosure_rate"]["value"] is not None
    assert ind["carry_over_rate"]["value"] is not None


def test_an_indicator_whose_rows_are_missing_says_why():
    need_shared()
    ind = by_id(compute(analyse(SEED)[2]))
    r = ind["carry_over_rate"]
    assert r["value"] is None and r["reason"]["kind"] == "rows_missing" and "一、二、四" in r["reason"]["zh"]
    zero = ind["review_correction_rate"]  # no review case at all: nothing to compute over
    assert zero["value"] is None and zero["denominator"] == 0 and "分母为 0" in zero["reason"]["zh"]


def test_an_indicator_on_split_figures_is_doubtful():
    need_shared()
    ind = by_id(compute(analyse(CORPUS / "003.txt")[2]))
    assert ind["substantive_disclosure_rate"]["doubts"] == ["split"]


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    out = tmp_path_factory.mktemp("pair")
    reports = generate_reports.generate(out, 2, seed=11, years_per_agency=2)
    older, newer = sorted(reports, key=lambda r: r["year"])
    return older, newer


def test_applications_change_needs_last_years_report(pair, capsys):
    older, newer = pair
    code, out, _ = cli_run(["check", newer["path"], "--previous", older["path"], "-f", "json"], capsys)
    ind = by_id(json.loads(out)["files"][0]["indicators"])
    now, before = newer["tables"]["t3"]["new"]["total"], older["tables"]["t3"]["new"]["total"]
    change = ind["applications_change"]
    assert (change["now"], change["previous"]) == (now, before)
    assert change["value"] == pytest.approx((now - before) / before, abs=1e-6)
    # in a batch the pair is made by the batch itself: the same figure
    code, out, _ = cli_run(["check", older["path"], newer["path"], "-f", "json", "-j", "1"], capsys)
    files = {f["path"]: f for f in json.loads(out)["files"]}
    assert by_id(files[newer["path"]]["indicators"])["applications_change"]["value"] == change["value"]


def test_a_jump_in_a_paired_batch_is_warned(pair, tmp_path, capsys):
    older, newer = pair
    text = open(newer["path"], encoding="utf-8").read()
    total = newer["tables"]["t3"]["new"]["total"]
    # last year's applications inflated to more than five times this year's: a slip to check
    old_text = open(older["path"], encoding="utf-8").read()
    inflated = total * 6
    row = next(line for line in old_text.splitlines() if line.startswith("| 一、本年新收"))
    cells = row.strip("|").split("|")
    cells[-1] = f" {inflated} "
    old_path = tmp_path / "older.md"
    old_path.write_text(old_text.replace(row, "|" + "|".join(cells) + "|"), encoding="utf-8")
    new_path = tmp_path / "newer.md"
    new_path.write_text(text, encoding="utf-8")
    code, out, _ = cli_run(["check", old_path, new_path, "-f", "json", "-j", "1", "--select", "XYR004"], capsys)
    files = {f["path"]: f for f in json.loads(out)["files"]}
    (jump,) = files[str(new_path)]["diagnostics"]
    assert jump["rule"] == "XYR004" and jump["severity"] == "warning"
    assert f"本年 {total}，上年（{older['year']}）{inflated}，为上年的 1/6" in jump["message"]
    assert jump["location"]["table_id"] == "t3"
    # the older report has nothing before it in the batch: not applicable, and why
    entry = next(e for e in files[str(old_path)]["checklist"] if e["rule"] == "XYR004")
    assert entry["status"] == "not_applicable" and entry["reason"]["kind"] == "not_paired"


def test_the_json_report_carries_the_indicators(capsys):
    code, out, _ = cli_run(["check", EXAMPLE_2023, "-f", "json"], capsys)
    ind = by_id(json.loads(out)["files"][0]["indicators"])
    assert ind["substantive_disclosure_rate"]["value"] == pytest.approx(177 / 326, abs=1e-6)
    # not computed for the plain text output (it does not show them)
    from validator.commands.check import CheckOptions, collect

    run = collect([str(EXAMPLE_2023)], CheckOptions())
    assert run.results[0].indicators == []


def test_extract_json_carries_the_indicators(capsys):
    code, out, _ = cli_run(["extract", EXAMPLE_2023], capsys)
    facts = json.loads(out)
    assert by_id(facts["indicators"])["carry_over_rate"]["n"] == 346
    code, out, _ = cli_run(["extract", EXAMPLE_2023, "--validate"], capsys)
    assert code == 0
