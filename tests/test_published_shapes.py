"""Layouts the real-report corpus has no example of yet, read right (issue 10).

One invented report (tests/published_shapes.py) in the shapes real reports are published in —
one table row per line closed by bars, one cell per line, a Word tab paste, a CMS page in GBK,
a .docx with merged cells, PDFs with ruled and with borderless tables — must give every cell
of every standard table, and no structural or arithmetic finding.
"""
import pytest

from tests import published_shapes as shapes
from validator.facts import build_facts
from validator.pipeline import analyse

TEXT_SHAPES = {
    "bar_lines": lambda: shapes.bar_lines(),
    "bar_lines_split": lambda: shapes.bar_lines(split_header=True),
    "plain_cells": shapes.plain_cells,
    "word_tabs": shapes.word_tabs,
}
BINARY_SHAPES = {
    "gbk_html": (shapes.gbk_html, "html"),
    "merged_docx": (shapes.merged_docx, "docx"),
    "ruled_pdf": (shapes.ruled_pdf, "pdf"),
    "borderless_pdf": (shapes.borderless_pdf, "pdf"),
}
QUIET = {"TAB001", "TAB002", "TAB003", "TAB004", "TAB005", "TAB006", "TAB008", "INP004", "SUM001", "SUM002",
         "SUM003", "SUM004", "SUM005", "TPL001", "TPL002", "TPL003", "SEC001", "SEC002"}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    root = tmp_path_factory.mktemp("shapes")
    out = {}
    for name, make in TEXT_SHAPES.items():
        path = root / f"{name}.txt"
        path.write_text(make(), encoding="utf-8")
        out[name] = path
    for name, (make, ext) in BINARY_SHAPES.items():
        path = root / f"{name}.{ext}"
        path.write_bytes(make())
        out[name] = path
    return out


def _values(facts: dict) -> dict:
    out: dict = {}
    for tid, rows in shapes.truth().items():
        table = facts["tables"][tid]
        for rid in rows:
            row = table["rows"].get(rid, {})
            cols = list(table["columns"])
            cells = row.get("cells", {})
            out.setdefault(tid, {})[rid] = [cells[c]["value"] if c in cells else None for c in cols] \
                if row.get("found") and row.get("reliable", True) else None
    return out


@pytest.mark.parametrize("shape", [*TEXT_SHAPES, *BINARY_SHAPES])
def test_every_cell_is_read(written, shape):
    doc, report, facts = analyse(str(written[shape]))
    assert facts["template"]["used"] == "gov2021"
    assert facts["meta"]["year"] == shapes.YEAR
    assert _values(facts) == shapes.truth()
    assert facts["unassigned_rows"] == []


@pytest.mark.parametrize("shape", [*TEXT_SHAPES, *BINARY_SHAPES])
def test_no_structural_or_arithmetic_finding(written, shape, capsys):
    import json

    from tests.conftest import cli_run

    code, out, err = cli_run(["check", written[shape], "--format", "json"], capsys)
    assert code in (0, 1), err
    fired = {d["rule"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert not fired & QUIET, fired


def test_blank_zeros_are_blank_cells_of_rows_that_are_there(tmp_path, capsys):
    """Published tables often leave the 法人或其他组织 zeros blank: the rows are read, the blanks
    stay blank (TAB006), and no identity is failed on them (they are not verified)."""
    import json

    from tests.conftest import cli_run

    path = tmp_path / "blank-zeros.txt"
    path.write_text(shapes.bar_lines(split_header=True, blank_zeros=True), encoding="utf-8")
    _, _, facts = analyse(str(path))
    t3 = facts["tables"]["t3"]
    for rid, want in shapes.truth()["t3"].items():
        row = t3["rows"][rid]
        assert row["found"] and row["reliable"], rid
        got = [row["cells"][c] for c in t3["columns"]]
        assert [c["value"] for c in got] == [None if 1 <= i <= 5 and w == 0 else w for i, w in enumerate(want)], rid
        assert all(c["type"] == "blank" for i, c in enumerate(got) if 1 <= i <= 5 and want[i] == 0), rid
    code, out, err = cli_run(["check", path, "--format", "json"], capsys)
    fired = {d["rule"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert "TAB006" in fired and not fired & (QUIET - {"TAB006"}), fired


def test_the_gbk_page_is_decoded_as_declared(written):
    doc, _, _ = analyse(str(written["gbk_html"]))
    assert doc.encoding == "gb18030"  # gb2312 declared, read as its superset
    assert "李堃" in "\n".join(doc.lines)  # a GBK character outside GB2312 survives


def test_every_shape_reads_to_the_same_facts(written):
    """The cross-shape parity: the tables' facts without where they came from."""
    from tests.test_formats import comparable_facts

    def tables(name):
        facts = comparable_facts(build_facts(analyse(str(written[name]))[1]))
        return {tid: {rid: {cid: c.get("value") for cid, c in row.get("cells", {}).items()}
                      for rid, row in t["rows"].items()} for tid, t in facts["tables"].items()}

    first = tables("bar_lines")
    for name in [*TEXT_SHAPES, *BINARY_SHAPES]:
        assert tables(name) == first, name
