"""The published PDFs of shared/corpus (010, 011, 012), read from the PDF itself.

Every part 三 and part 四 figure the pipeline extracts must equal the hand check: the tables
below were transcribed by hand from each report (its `pdftotext -layout` text, read by eye,
not parsed) and are consistent with the sums written in the `.meta` files, which the tests
also re-check. 010's part 四 总计 cells are 0 where 行政复议 is 10 + 1 and 复议后起诉 5: the
linter must report both (SUM004). Skipped when pdfplumber or the corpus is missing.
"""
from __future__ import annotations

import re

import pytest

from tests.conftest import CORPUS

pytest.importorskip("pdfplumber")

NAMES = ("010", "011", "012")
COLS = ["natural", "business", "research", "charity", "legal", "other", "total"]
T3_ROWS = ["new", "carried_in", "granted", "partial",
           "withheld.state_secret", "withheld.prohibited", "withheld.security", "withheld.third_party",
           "withheld.internal", "withheld.process", "withheld.enforcement", "withheld.inquiry",
           "unable.not_held", "unable.needs_creation", "unable.unclear",
           "not_processed.petition", "not_processed.repeated", "not_processed.publication",
           "not_processed.excessive", "not_processed.confirmation"]


def _natural_only(values: list[int]) -> list[list[int]]:
    """010 and 011: every application came from natural persons."""
    return [[v, 0, 0, 0, 0, 0, v] for v in values]


# part 三: rows in T3_ROWS order, then （六）, （七）总计, 四、结转下年度继续办理
PART3 = {
    # 2019-style single （六）其他处理 row in a 2021 table (hybrid, see 010.meta)
    "010": dict(zip(T3_ROWS + ["other_handling", "total", "carried_out"], _natural_only(
        [21, 0, 0, 4, 1, 0, 0, 0, 0, 1, 1, 0, 10, 3, 0, 1, 0, 0, 0, 0, 0, 21, 0]))),
    "011": dict(zip(T3_ROWS + ["other_handling", "total", "carried_out"], _natural_only(
        [95, 0, 50, 9, 0, 0, 1, 0, 0, 1, 1, 0, 31, 1, 0, 1, 0, 0, 0, 0, 0, 95, 0]))),
    "012": dict(zip(T3_ROWS + ["other_handling.no_correction", "other_handling.no_fee", "other_handling.other",
                               "total", "carried_out"], [
        [3001, 53, 0, 0, 61, 4, 3119], [34, 0, 0, 0, 0, 0, 34], [1288, 21, 0, 0, 50, 3, 1362],
        [447, 7, 0, 0, 0, 0, 454],
        [2, 0, 0, 0, 0, 0, 2], [30, 1, 0, 0, 0, 0, 31], [5, 0, 0, 0, 0, 0, 5], [6, 0, 0, 0, 0, 0, 6],
        [7, 1, 0, 0, 0, 0, 8], [12, 0, 0, 0, 0, 0, 12], [9, 0, 0, 0, 0, 0, 9], [105, 0, 0, 0, 0, 0, 105],
        [746, 12, 0, 0, 10, 1, 769], [11, 0, 0, 0, 0, 0, 11], [1, 0, 0, 0, 0, 0, 1],
        [56, 6, 0, 0, 0, 0, 62], [25, 0, 0, 0, 0, 0, 25], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [67, 3, 0, 0, 1, 0, 71], [6, 0, 0, 0, 0, 0, 6], [108, 2, 0, 0, 0, 0, 110],
        [2932, 53, 0, 0, 61, 4, 3050], [103, 0, 0, 0, 0, 0, 103]])),
}
T4_COLS = [f"{g}.{c}" for g in ("review", "direct", "after_review")
           for c in ("upheld", "corrected", "other", "pending", "total")]
PART4 = {
    "010": [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0],
    "011": [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
    "012": [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20],
}


def _pdf(name: str):
    path = CORPUS / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"corpus PDF {path} not available")
    return path


_RESULTS: dict = {}


def result_of(name: str):
    """`xxgk check` on the PDF alone (nothing is read from the .txt beside it)."""
    if name not in _RESULTS:
        from validator.commands.check import check_file  # noqa: PLC0415
        from validator.engine.rules import load_rules  # noqa: PLC0415

        res = check_file(str(_pdf(name)), load_rules(), {"severity": {}, "options": {}})
        assert res.error is None, res.error
        _RESULTS[name] = res
    return _RESULTS[name]


def _meta(name: str) -> str:
    path = CORPUS / f"{name}.meta"
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the hand checks


@pytest.mark.parametrize("name", NAMES)
def test_expected_tables_agree_with_the_meta_hand_check(name):
    """The transcription itself is consistent with what the .meta file says."""
    meta = _meta(name)
    rows = PART3[name]
    assert re.search(r"part3_check:\s*PASS", meta)
    # SUM003 identity, every column: 一 + 二 = （七） + 四
    for i in range(7):
        assert rows["new"][i] + rows["carried_in"][i] == rows["total"][i] + rows["carried_out"][i]
    # 总计 = sum of the applicant columns, every row
    for rid, v in rows.items():
        assert sum(v[:6]) == v[6], rid
    # the outcome rows add up to （七）总计
    outcomes = [r for r in rows if r not in ("new", "carried_in", "total", "carried_out")]
    assert [sum(rows[r][i] for r in outcomes) for i in range(7)] == rows["total"]
    # the figures the meta quotes
    quoted = {"010": ["21", "10", "3"], "011": ["95", "50", "31"], "012": ["3001", "2932", "3153", "1362"]}[name]
    for q in quoted:
        assert q in meta
    t4 = PART4[name]
    status = re.search(r"part4_check:\s*(PASS|FAIL)", meta).group(1)
    balanced = all(sum(t4[g * 5:g * 5 + 4]) == t4[g * 5 + 4] for g in range(3))
    assert balanced == (status == "PASS")


@pytest.mark.parametrize("name", NAMES)
def test_part3_figures_from_the_pdf(name):
    res = result_of(name)
    assert res.facts["source"]["format"] == "pdf"
    t3 = res.facts["tables"]["t3"]
    assert t3["found"] and t3["header_found"]
    got = {}
    for rid, row in t3["rows"].items():
        if row["found"]:  # （六）其他处理 as one row (010, 011) is a group row with figures
            assert row["reliable"], rid
            got[rid] = [row["cells"][c]["value"] for c in COLS]
            assert all("page" in row["cells"][c]["location"] for c in COLS)  # read from the PDF
    assert got == PART3[name]


@pytest.mark.parametrize("name", NAMES)
def test_part4_figures_from_the_pdf(name):
    res = result_of(name)
    row = res.facts["tables"]["t4"]["rows"]["cases"]
    assert row["found"] and row["reliable"]
    assert [row["cells"][c]["value"] for c in T4_COLS] == PART4[name]


def test_010_part4_totals_are_reported():
    res = result_of("010")
    sum004 = {f.location.fact: f for f in res.active if f.rule == "SUM004"}
    assert set(sum004) == {"tables.t4.rows.cases.cells.review.total", "tables.t4.rows.cases.cells.after_review.total"}
    review, after = (sum004["tables.t4.rows.cases.cells.review.total"],
                     sum004["tables.t4.rows.cases.cells.after_review.total"])
    assert (review.values["actual"], review.values["expected"]) == (0, 11)
    assert (after.values["actual"], after.values["expected"]) == (0, 5)
    assert review.location.span.page == after.location.span.page and review.location.span.page >= 1


@pytest.mark.parametrize("name", ["011", "012"])
def test_balanced_reports_have_no_arithmetic_findings(name):
    res = result_of(name)
    assert not [f.rule for f in res.active if f.rule.startswith("SUM")]


@pytest.mark.parametrize("name", NAMES)
def test_facts_do_not_come_from_the_text_beside_the_pdf(name, tmp_path):
    """The PDF alone, copied where no .txt lies beside it, gives the same figures."""
    from validator.pipeline import analyse  # noqa: PLC0415

    lone = tmp_path / f"{name}.pdf"
    lone.write_bytes(_pdf(name).read_bytes())
    facts = analyse(lone)[2]
    row = facts["tables"]["t4"]["rows"]["cases"]
    assert [row["cells"][c]["value"] for c in T4_COLS] == PART4[name]
    assert facts["tables"]["t3"]["rows"]["total"]["cells"]["total"]["value"] == PART3[name]["total"][6]
