"""`xxgk new`: a blank report from the format files that reads back whole, in md and docx;
`--from` carries last year's figures (validator/commands/new.py, validator/skeleton.py)."""
from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_2023, EXAMPLES
from validator.cli import main
from validator.pipeline import analyse
from validator.recognize.formats import format_for_year

EXAMPLE_2020 = EXAMPLES / "report-2020-gov2019.md"
STRUCTURE = ("SEC", "TPL", "TAB")


def _new(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    assert main(["new", *args, "-o", str(out)]) == 0
    return out


def _cells_read_back(facts: dict) -> list:
    """Every numeric cell of every standard table, as read: (table, row, column, type, value)."""
    out = []
    for tid, t in facts["tables"].items():
        for rid, row in t["rows"].items():
            if not row["numeric"]:
                continue
            assert row.get("found"), (tid, rid)
            for cid in t["columns"]:
                c = row["cells"].get(cid)
                out.append((tid, rid, cid, c and c["type"], c and c["value"]))
    return out


@pytest.mark.parametrize("year,fmt_id", [(2020, "gov2019"), (2024, "gov2021")])
@pytest.mark.parametrize("suffix", ["md", "docx"])
@pytest.mark.parametrize("level,agency", [("government", "淮安市洪泽区人民政府"), ("department", "沭阳县发展和改革局"),
                                          ("township", "青溪县溪口镇人民政府")])
def test_a_fresh_skeleton_reads_back_whole_with_no_structure_finding(tmp_path, capsys, year, fmt_id, suffix, level, agency):
    path = _new(tmp_path, f"r.{suffix}", "--year", str(year), "--level", level, "--agency", agency)
    capsys.readouterr()
    _, _, facts = analyse(str(path))
    assert facts["meta"]["year"] == year and facts["meta"]["agency"] == agency
    assert facts["template"]["used"] == fmt_id and not facts["template"]["mixed"]
    assert all(p["found"] and p["match"] == "exact" for p in facts["parts"])
    cells = _cells_read_back(facts)
    spec = format_for_year(year)
    assert len(cells) == sum(len(t.columns) * sum(1 for r in t.rows if r.numeric) for t in spec.tables)
    assert {(typ, value) for *_, typ, value in cells} == {("int", 0)}
    main(["check", str(path), "-f", "json"])
    report = json.loads(capsys.readouterr().out)
    rules = {d["rule"] for d in report["files"][0]["diagnostics"]}
    assert not {r for r in rules if r.startswith(STRUCTURE)}, rules
    # what is left is the guidance to replace, flagged as placeholders — nothing else
    assert rules == {"TXT005"}, rules


def test_every_official_label_comes_from_the_format_file(tmp_path, capsys):
    for year in (2020, 2024):
        text = _new(tmp_path, f"{year}.md", "--year", str(year), "--agency", "澜川市教育局").read_text(encoding="utf-8")
        spec = format_for_year(year)
        for part in spec.parts:
            assert f"## {part.heading}\n" in text
        for t in spec.tables:
            for label in [t.caption, t.corner, *(c.label for c in t.columns), *(p for c in t.columns for p in c.path),
                          *(r.label for r in t.rows)]:
                if label:
                    assert f"| {label} |" in text, label
        assert f"统计期限为{year}年1月1日至{year}年12月31日" in text
        assert f"# 澜川市教育局{year}年政府信息公开工作年度报告" in text
    capsys.readouterr()


def test_government_reports_are_told_about_the_accountability_results(tmp_path, capsys):
    gov = _new(tmp_path, "g.md", "--year", "2024", "--agency", "青溪县人民政府").read_text(encoding="utf-8")
    dep = _new(tmp_path, "d.md", "--year", "2024", "--agency", "青溪县教育局").read_text(encoding="utf-8")
    assert "工作考核、社会评议和责任追究结果情况" in gov and "工作考核、社会评议和责任追究结果情况" not in dep
    assert "由青溪县人民政府办公室编制" in gov and "由青溪县教育局办公室编制" in dep
    office = _new(tmp_path, "o.md", "--year", "2024", "--agency", "青溪县人民政府办公室").read_text(encoding="utf-8")
    assert "由青溪县人民政府办公室编制" in office  # an office compiles its own report
    capsys.readouterr()


def test_the_docx_is_a_word_package_with_merged_cells(tmp_path, capsys):
    docx = pytest.importorskip("docx")
    path = _new(tmp_path, "r.docx", "--year", "2024", "--agency", "青溪县人民政府")
    again = _new(tmp_path, "again.docx", "--year", "2024", "--agency", "青溪县人民政府")
    assert path.read_bytes() == again.read_bytes()  # reproducible
    d = docx.Document(str(path))
    assert d.core_properties.title == "青溪县人民政府2024年政府信息公开工作年度报告"
    assert [p.style.name for p in d.paragraphs if p.text.startswith(("一、", "六、"))] == ["Heading 1", "Heading 1"]
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert '<w:gridSpan w:val="7"/>' in xml  # 申请人情况 over the seven applicant columns
    assert '<w:vMerge w:val="restart"/>' in xml
    part3 = d.tables[4]
    assert part3.cell(0, 0).text.startswith("（本列数据的勾稽关系")
    assert part3.cell(2, 2).text == part3.cell(0, 0).text  # the corner merged 3 x 3
    assert part3.cell(4, 0).text == "二、上年结转政府信息公开申请数量"
    capsys.readouterr()


def test_from_last_year_carries_the_figures_and_the_contact(tmp_path, capsys):
    path = _new(tmp_path, "2024.md", "--from", str(EXAMPLE_2023))
    err = capsys.readouterr().err
    assert "二、上年结转政府信息公开申请数量（7 个单元格）" in err and "现行有效件数（2 个单元格）" in err
    _, _, before = analyse(str(EXAMPLE_2023))
    _, _, after = analyse(str(path))
    assert after["meta"]["year"] == 2024 and after["meta"]["agency"] == before["meta"]["agency"]
    t3b, t3a = before["tables"]["t3"]["rows"], after["tables"]["t3"]["rows"]
    for col in before["tables"]["t3"]["columns"]:
        assert t3a["carried_in"]["cells"][col]["value"] == t3b["carried_out"]["cells"][col]["value"]
        assert t3a["new"]["cells"][col]["value"] == 0
    t2b, t2a = before["tables"]["t2_1"]["rows"], after["tables"]["t2_1"]["rows"]
    for row in ("rules", "normative_docs"):
        assert t2a[row]["cells"]["in_force"]["value"] == t2b[row]["cells"]["in_force"]["value"]
        assert t2a[row]["cells"]["made"]["value"] == 0
    text = path.read_text(encoding="utf-8")
    assert "如对本报告有疑问，请与青溪县人民政府办公室联系（地址：青溪县溪口镇人民路1号）。" in text
    # the carried figures are the ones the cross-year rules expect
    main(["check", str(path), "--previous", str(EXAMPLE_2023), "-f", "json", "--select", "XYR001,XYR002"])
    report = json.loads(capsys.readouterr().out)
    assert report["files"][0]["pairing"]["status"] == "paired"
    assert {c["rule"]: c["status"] for c in report["files"][0]["checklist"]} == {"XYR001": "pass", "XYR002": "pass"}


def test_from_a_2019_format_report(tmp_path, capsys):
    # a 2019 report in the 2019 format: 上一年项目数量 carries as last year's + 本年增/减 (T2-19-X2)
    text = EXAMPLE_2020.read_text(encoding="utf-8").replace("2020", "2019")
    last = tmp_path / "2019.md"
    last.write_text(text, encoding="utf-8")
    path = _new(tmp_path, "2020.docx", "--from", str(last))
    capsys.readouterr()
    _, _, before = analyse(str(last))
    _, _, after = analyse(str(path))
    assert after["template"]["used"] == "gov2019" and after["meta"]["year"] == 2020
    for tid, rid in (("t2_5", "licensing"), ("t2_6", "penalty"), ("t2_8", "fees")):
        b = before["tables"][tid]["rows"][rid]["cells"]
        assert after["tables"][tid]["rows"][rid]["cells"]["prev_items"]["value"] == b["prev_items"]["value"] + b["change"]["value"]
    # into the 2021 format: 结转 carries, 现行有效件数 has no source in a 2019-format report
    path = _new(tmp_path, "2021.md", "--from", str(EXAMPLE_2020))
    err = capsys.readouterr().err
    assert "未带入" in err and "现行有效件数" in err
    _, _, after = analyse(str(path))
    assert after["template"]["used"] == "gov2021"
    b = analyse(str(EXAMPLE_2020))[2]["tables"]["t3"]["rows"]["carried_out"]["cells"]
    assert {c: v["value"] for c, v in after["tables"]["t3"]["rows"]["carried_in"]["cells"].items()} == \
        {c: v["value"] for c, v in b.items()}


def test_from_another_agency_or_year_carries_nothing(tmp_path, capsys):
    path = _new(tmp_path, "x.md", "--from", str(EXAMPLE_2023), "--agency", "澜川市人民政府", "--year", "2024")
    err = capsys.readouterr().err
    assert "不是该机关上一年度的报告" in err and "未带入任何数字" in err and str(EXAMPLE_2023) in err
    _, _, after = analyse(str(path))
    assert {c["value"] for c in after["tables"]["t3"]["rows"]["carried_in"]["cells"].values()} == {0}
    _new(tmp_path, "y.md", "--from", str(EXAMPLE_2023), "--year", "2025", "--lang", "en")
    assert "not this agency's report of the year before" in capsys.readouterr().err


def test_usage_errors_and_no_overwrite(tmp_path, capsys, monkeypatch):
    assert main(["new", "--year", "2024"]) == 2
    assert "--agency" in capsys.readouterr().err
    assert main(["new", "--agency", "青溪县人民政府"]) == 2
    assert "--year" in capsys.readouterr().err
    assert main(["new", "--year", "2018", "--agency", "青溪县人民政府"]) == 2
    assert "2019" in capsys.readouterr().err
    assert main(["new", "--year", "2024", "--agency", "青溪县融媒体"]) == 2
    assert "--level" in capsys.readouterr().err
    assert main(["new", "--from", str(tmp_path / "missing.md")]) == 2
    capsys.readouterr()
    mine = tmp_path / "mine.md"
    mine.write_text("my draft", encoding="utf-8")
    assert main(["new", "--year", "2024", "--agency", "青溪县人民政府", "-o", str(mine)]) == 2
    assert mine.read_text(encoding="utf-8") == "my draft" and "--force" in capsys.readouterr().err
    assert main(["new", "--year", "2024", "--agency", "青溪县人民政府", "-o", str(mine), "--force"]) == 0
    assert mine.read_text(encoding="utf-8").startswith("# 青溪县人民政府2024年")
    capsys.readouterr()
    # md goes to stdout without -o; docx gets the title as its file name
    assert main(["new", "--year", "2024", "--agency", "青溪县人民政府"]) == 0
    assert capsys.readouterr().out.startswith("# 青溪县人民政府2024年政府信息公开工作年度报告\n")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "--year", "2024", "--agency", "青溪县人民政府", "-f", "docx"]) == 0
    assert (tmp_path / "青溪县人民政府2024年政府信息公开工作年度报告.docx").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".xxgk-tmp")]  # no temporary file left


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes, links")
def test_written_through_the_safe_writer(tmp_path, capsys):
    """`xxgk new -o` writes like every other file xxgk writes (validator/safe_write.py): a new
    file gets the usual mode, and --force replaces a file but never writes through a link."""
    out = tmp_path / "2024.md"
    assert main(["new", "--year", "2024", "--agency", "青溪县人民政府", "-o", str(out)]) == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
    victim = tmp_path / "victim.md"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(victim)
    capsys.readouterr()
    assert main(["new", "--year", "2024", "--agency", "青溪县人民政府", "-o", str(link), "--force"]) == 2
    assert victim.read_text(encoding="utf-8") == "precious" and link.is_symlink()
    assert "符号链接" in capsys.readouterr().err
