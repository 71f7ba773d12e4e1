"""Pairing a report with last year's: agency names, --previous refusals, batch pairing, and
last year's report analysed once (validator/pairing.py)."""
from __future__ import annotations

import io
import json
import random
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tools.generate_reports import generate
from validator.cli import check_options, main
from validator.pairing import Candidate, agency_key, mismatch, pair_batch, same_agency

CORPUS = ROOT.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not (CORPUS / "010.txt").exists(), reason="shared corpus not available")


# ------------------------------------------------------------------ agency names
@pytest.mark.parametrize("a,b", [
    ("洪泽区人民政府", "淮安市洪泽区人民政府"),  # corpus 010 and 011: the region chain in front
    ("江苏省淮安市洪泽区人民政府", "洪泽区人民政府"),
    ("江苏省淮安市洪泽区人民政府", "淮安市洪泽区人民政府"),
    ("洪泽区政府", "洪泽区人民政府"),  # 政府 / 人民政府
    ("洪泽区 人民政府", "洪泽区人民政府"),  # spaces (PDF text)
    ("洪泽区人民政府办", "洪泽区人民政府办公室"),  # 办 / 办公室
    ("淮安市洪泽区政府办", "洪泽区人民政府办公室"),
    ("平潭综合实验区管委会办公室", "平潭综合实验区管理委员会办公室"),
    ("沭阳县发展和改革局", "宿迁市沭阳县发展和改革局"),
    ("青溪县溪口镇人民政府", "溪口镇人民政府"),
    ("ＸＸ县人民政府", "XX县人民政府"),  # full-width / half-width
    ("武陵源区人民政府", "张家界市武陵源区人民政府"),
    ("城关街道办", "城关街道办事处"),
])
def test_one_agency_under_two_spellings(a, b):
    assert same_agency(a, b) and same_agency(b, a)


@pytest.mark.parametrize("a,b", [
    ("淮安市人民政府", "洪泽区人民政府"),  # corpus 012 against 010: the city is not its district
    ("淮安市人民政府", "淮安市洪泽区人民政府"),
    ("南京市鼓楼区人民政府", "福州市鼓楼区人民政府"),  # one district name, two cities
    ("淮安市人民政府办公室", "淮安市人民政府"),
    ("沭阳县发展和改革局", "沭阳县人民政府"),
    ("澜川市教育局", "教育局"),  # without its region a department names nobody
    ("人民政府", "淮安市人民政府"),
    ("洪泽区人民政府", None),
    ("", ""),
])
def test_different_agencies_never_match(a, b):
    assert not same_agency(a, b) and not same_agency(b, a)


def test_agency_key_unifies_the_common_variants():
    assert agency_key(" 洪泽区 政府 ") == agency_key("洪泽区人民政府") == "洪泽区人民政府"
    assert agency_key("县政府办") == "县人民政府办公室"
    assert agency_key("县人民政府办公室") == "县人民政府办公室"
    assert agency_key("（省）管委会") == "省管理委员会"


def test_mismatch_reasons_name_both_reports():
    this = {"agency": "淮安市洪泽区人民政府", "year": 2024}
    assert mismatch(this, {"agency": "洪泽区人民政府", "year": 2023}) is None
    other = mismatch(this, {"agency": "淮安市人民政府", "year": 2023}, "a/011.txt", "b/012.txt")
    assert other["code"] == "other_agency" and "012.txt" in other["zh"] and "011.txt" in other["zh"]
    assert "淮安市人民政府" in other["en"] and "淮安市洪泽区人民政府" in other["en"]
    older = mismatch(this, {"agency": "洪泽区人民政府", "year": 2022}, "011.txt", "009.txt")
    assert older["code"] == "not_previous_year" and "2022" in older["zh"] and "2024" in older["zh"]
    assert mismatch(this, {"agency": "洪泽区人民政府", "year": 2024})["code"] == "not_previous_year"
    assert mismatch(this, {"agency": None, "year": 2023})["code"] == "agency_unknown"
    assert mismatch({"agency": "洪泽区人民政府", "year": None}, {"agency": "洪泽区人民政府", "year": 2023})["code"] == "year_unknown"


# ------------------------------------------------------------------ batch pairing, in the abstract
def _c(i, agency, year, path=None):
    return Candidate(i, path or f"{i}.md", agency, year)


def test_batch_pairs_consecutive_years_under_two_spellings():
    got = pair_batch([_c(0, "淮安市洪泽区人民政府", 2022), _c(1, "洪泽区人民政府", 2023),
                      _c(2, "淮安市洪泽区人民政府", 2024), _c(3, "淮安市人民政府", 2024)])
    assert got.pairs == {1: 0, 2: 1}
    assert got.unpaired[0]["code"] == "no_previous_year"
    assert got.unpaired[3]["code"] == "no_previous_year"  # never paired with 洪泽区's 2023 report


def test_batch_refuses_what_is_ambiguous():
    # two 鼓楼区 of different cities both match the bare name: no pairing for either
    got = pair_batch([_c(0, "鼓楼区人民政府", 2023), _c(1, "南京市鼓楼区人民政府", 2024),
                      _c(2, "福州市鼓楼区人民政府", 2024)])
    assert got.pairs == {}
    assert got.unpaired[1]["code"] == got.unpaired[2]["code"] == "ambiguous"
    # two reports of one agency for one year
    got = pair_batch([_c(0, "青溪县人民政府", 2023), _c(1, "青溪县人民政府", 2024), _c(2, "青溪县人民政府", 2024)])
    assert got.pairs == {} and got.unpaired[1]["code"] == "ambiguous"
    # two possible predecessors
    got = pair_batch([_c(0, "青溪县人民政府", 2023), _c(1, "澜川市青溪县人民政府", 2023), _c(2, "青溪县人民政府", 2024)])
    assert 2 not in got.pairs and got.unpaired[2]["code"] == "ambiguous"


def test_batch_says_why_a_report_is_unpaired():
    got = pair_batch([_c(0, "青溪县人民政府", 2021, "a/2021.md"), _c(1, "青溪县人民政府", 2023),
                      _c(2, None, 2023), _c(3, "青溪县人民政府", None), Candidate(4, "x.pdf", None, None, readable=False)])
    assert got.pairs == {}
    assert got.unpaired[1]["code"] == "no_previous_year" and "2021.md" in got.unpaired[1]["zh"]  # the gap is named
    assert [got.unpaired[i]["code"] for i in (2, 3, 4)] == ["agency_unknown", "year_unknown", "unreadable"]


def test_batch_finds_the_same_agencies_as_comparing_every_pair():
    """Pairing looks agencies up by key and key suffix (a batch of thousands compared every report
    with every other); it must find exactly the pairs that comparing all of them finds."""
    import itertools
    import random

    from validator.pairing import _same_agency_pairs, same_agency

    names = ["淮安市洪泽区人民政府", "洪泽区人民政府", "洪泽区政府", "淮安市人民政府", "江苏省淮安市洪泽区人民政府",
             "鼓楼区人民政府", "南京市鼓楼区人民政府", "福州市鼓楼区人民政府", "青溪县人民政府", "澜川市青溪县人民政府",
             "青溪县人民政府办公室", "青溪县政府办", "澜川市生态环境局", "生态环境局", "澜川市青溪县生态环境局",
             "某某经济开发区管委会", "某某经济开发区管理委员会", "人民政府", "县政府", "ＡＢ县人民政府", "AB县人民政府"]
    rng = random.Random(3)
    cands = [_c(i, rng.choice(names), rng.choice([2022, 2023, 2024])) for i in range(120)]
    expected = {(c.index, o.index) for c, o in itertools.permutations(cands, 2) if same_agency(c.agency, o.agency)}
    got = [(c.index, o.index) for c, o in _same_agency_pairs(cands)]
    assert len(got) == len(set(got)) and set(got) == expected


# ------------------------------------------------------------------ real reports (shared corpus)
def _xyr(report: dict) -> list[tuple[str, str]]:
    return [(Path(f["path"]).name, d["rule"]) for f in report["files"] for d in f["diagnostics"] if d["rule"].startswith("XYR")]


@needs_corpus
def test_corpus_batch_pairs_hongze_and_never_huaian(tmp_path, capsys):
    for n in ("010", "011", "012"):
        shutil.copy(CORPUS / f"{n}.txt", tmp_path / f"{n}.txt")
    code = main(["check", str(tmp_path), "-j", "1", "-f", "json", "--select", "XYR"])
    report = json.loads(capsys.readouterr().out)
    pairing = {Path(f["path"]).name: f["pairing"] for f in report["files"]}
    assert pairing["011.txt"]["status"] == "paired" and Path(pairing["011.txt"]["previous"]).name == "010.txt"
    assert pairing["010.txt"]["status"] == "unpaired" and pairing["012.txt"]["status"] == "unpaired"
    assert pairing["012.txt"]["reason"]["code"] == "no_previous_year"
    # a genuine pair: 2023 carried out 0, 2024 carried in 0; the in-force chain holds; no copy
    assert _xyr(report) == [] and code == 0
    status = {Path(f["path"]).name: {c["rule"]: c["status"] for c in f["checklist"]} for f in report["files"]}
    assert status["011.txt"]["XYR001"] == "pass"


@needs_corpus
@pytest.mark.parametrize("previous,code", [("012", "other_agency"), ("011", "not_previous_year")])
def test_corpus_previous_of_another_agency_or_year_is_refused(previous, code, capsys):
    target = "011" if previous == "012" else "012"
    rc = main(["check", str(CORPUS / f"{target}.txt"), "--previous", str(CORPUS / f"{previous}.txt"), "-f", "json",
               "--select", "XYR"])
    out = capsys.readouterr()
    report = json.loads(out.out)
    assert _xyr(report) == [] and rc == 0
    assert report["files"][0]["pairing"]["status"] == "refused"
    assert report["files"][0]["pairing"]["reason"]["code"] in (code, "other_agency")
    assert f"{previous}.txt" in out.err and f"{target}.txt" in out.err and "--force-previous" in out.err


def _series(tmp_path, years: int, seed: int = 5) -> list[dict]:
    return generate(tmp_path, years, seed=seed, years_per_agency=years)


def _rename(fig: dict, name: str) -> None:
    path = Path(fig["path"])
    path.write_text(path.read_text(encoding="utf-8").replace(fig["agency"], name), encoding="utf-8")


def test_previous_two_years_older_is_refused_with_a_warning(tmp_path, capsys):
    figs = _series(tmp_path, 3)
    rc = main(["check", figs[2]["path"], "--previous", figs[0]["path"], "-f", "json", "--lang", "en"])
    out = capsys.readouterr()
    report = json.loads(out.out)
    assert _xyr(report) == []
    assert report["files"][0]["pairing"]["reason"]["code"] == "not_previous_year"
    assert "warning" in out.err and Path(figs[0]["path"]).name in out.err and figs[2]["path"] in out.err
    assert rc == 0
    # the year before is accepted; its figures chain (the generator writes one narrative for
    # every year, which XYR003 rightly calls copied)
    main(["check", figs[2]["path"], "--previous", figs[1]["path"], "-f", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["files"][0]["pairing"]["status"] == "paired"
    status = {c["rule"]: c["status"] for c in report["files"][0]["checklist"] if c["rule"].startswith("XYR")}
    assert status == {"XYR001": "pass", "XYR002": "pass", "XYR003": "fail", "XYR004": "pass"}


def test_three_years_under_two_spellings_pair_in_a_batch(tmp_path, capsys):
    figs = _series(tmp_path / "s", 3)
    _rename(figs[0], "淮安市洪泽区人民政府")
    _rename(figs[1], "洪泽区人民政府")
    _rename(figs[2], "淮安市洪泽区政府")
    main(["check", str(tmp_path / "s"), "-j", "2", "-f", "json", "--select", "XYR001,XYR002"])
    report = json.loads(capsys.readouterr().out)
    pairing = [f["pairing"] for f in report["files"]]
    assert [p["status"] for p in pairing] == ["unpaired", "paired", "paired"]
    assert [Path(p["previous"]).name for p in pairing[1:]] == [Path(figs[0]["path"]).name, Path(figs[1]["path"]).name]
    status = [{c["rule"]: c["status"] for c in f["checklist"]} for f in report["files"]]
    assert [s["XYR001"] for s in status] == ["not_applicable", "pass", "pass"]
    assert _xyr(report) == []


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_batch_lists_pairs_and_reasons_in_the_terminal(tmp_path, capsys):
    from validator.commands.check import collect
    from validator.reporters import text

    figs = _series(tmp_path / "s", 2)
    first, second = (Path(f["path"]).name for f in figs)
    results = collect([str(tmp_path / "s")], check_options(select=["XYR"], jobs=1)).results
    lines = dict(text.pairing_lines(results, "zh"))
    assert lines[figs[1]["path"]] == f"与上一年度报告 {figs[0]['path']}（{figs[0]['year']} 年度）比对"
    assert lines[figs[0]["path"]] == f"未配对：本批中没有该机关 {figs[0]['year'] - 1} 年度的报告"
    assert dict(text.pairing_lines(results, "en"))[figs[1]["path"]].startswith("compared with last year's report")
    screen = _Terminal()  # a terminal shows them as a table
    text.render(results, screen, check_options(select=["XYR"]), [])
    assert "跨年度配对" in screen.getvalue() and "未配对" in screen.getvalue()
    # a pipe (pre-commit, CI): one summary line, no per-file lines
    main(["check", str(tmp_path / "s"), "--select", "XYR"])
    out = capsys.readouterr().out
    assert "跨年度配对：1 份报告与上一年度报告比对，1 份未配对" in out and first not in out
    main(["check", str(tmp_path / "s"), "--select", "XYR", "--lang", "en", "-f", "json"])
    reasons = [f["pairing"] for f in json.loads(capsys.readouterr().out)["files"]]
    assert reasons[0]["reason"]["en"].startswith("no ") and reasons[1]["previous"] == figs[0]["path"]


def test_last_years_report_is_analysed_once(tmp_path, capsys, monkeypatch):
    import validator.pipeline as pipeline

    figs = _series(tmp_path / "s", 2)
    calls: list[str] = []
    real = pipeline.analyse

    def counting(path, data=None):
        calls.append(Path(path).name)
        return real(path, data)

    monkeypatch.setattr(pipeline, "analyse", counting)
    # --previous with several reports: read once, not once per report
    others = generate(tmp_path / "o", 3, seed=9)
    main(["check", figs[1]["path"], *[o["path"] for o in others], "--previous", figs[0]["path"], "-j", "1"])
    assert calls.count(Path(figs[0]["path"]).name) == 1
    capsys.readouterr()
    # in a batch, every report is read once: this year's too (the cross-year rules run after the
    # pairing, on what the first pass kept of both reports)
    calls.clear()
    main(["check", str(tmp_path / "s"), "-j", "1", "-f", "json"])
    assert sorted(calls) == sorted(Path(f["path"]).name for f in figs)
    report = json.loads(capsys.readouterr().out)
    assert report["files"][1]["pairing"]["status"] == "paired"
    status = {c["rule"]: c["status"] for c in report["files"][1]["checklist"] if c["rule"].startswith("XYR")}
    assert status == {"XYR001": "pass", "XYR002": "pass", "XYR003": "fail", "XYR004": "pass"}  # one narrative for both years


@needs_corpus
def test_copied_share_threshold_on_a_real_pair(tmp_path, capsys):
    """洪泽区 2024 (011) keeps 43.7% of its 2023 narrative (010) word for word: below the default
    threshold and an evaluator's 50%, above 40%, where the longest kept passage is quoted."""
    for threshold, fires in ((0.5, False), (0.4, True), (40, True)):
        folder = tmp_path / str(threshold)  # one config per folder
        folder.mkdir()
        for n in ("010", "011"):
            shutil.copy(CORPUS / f"{n}.txt", folder / f"{n}.txt")
        (folder / ".xxgk.toml").write_text(f"[options.XYR003]\nthreshold = {threshold}\n", encoding="utf-8")
        main(["check", str(folder / "011.txt"), "--previous", str(folder / "010.txt"), "--select", "XYR003", "-f", "json"])
        found = json.loads(capsys.readouterr().out)["files"][0]["diagnostics"]
        assert bool(found) is fires, threshold
    finding = found[0]
    assert finding["values"]["similarity"] == pytest.approx(43.7, abs=0.5)
    assert "（阈值 40%）" in finding["messages"]["zh"] and "最长的雷同段落：“" in finding["messages"]["zh"]
    quote = finding["messages"]["zh"].split("最长的雷同段落：“", 1)[1].split("”", 1)[0].rstrip("…")
    text = " ".join((CORPUS / "011.txt").read_text(encoding="utf-8").split())
    assert quote[:12] in text.replace(" ", "") or quote[:12] in text  # quoted from this year's report
    assert finding["location"]["line"] > 1


def test_the_html_audit_report_says_what_each_report_was_compared_with(tmp_path, capsys):
    figs = _series(tmp_path / "s", 2)
    out = tmp_path / "audit.html"
    main(["check", str(tmp_path / "s"), "--select", "XYR", "-f", "html", "-o", str(out)])
    page = out.read_text(encoding="utf-8")
    from tests.test_reporters import html_detail, html_payloads

    assert html_payloads(page)[0]["ui"]["previous"] == "跨年度比对"  # the label of what follows
    assert html_detail(page, figs[1]["path"])["pairing"] == \
        f"与上一年度报告 {figs[0]['path']}（{figs[0]['year']} 年度）比对"
    assert html_detail(page, figs[0]["path"])["pairing"] == f"未配对：本批中没有该机关 {figs[0]['year'] - 1} 年度的报告"
    capsys.readouterr()


def test_one_column_carried_in_wrongly_is_one_finding_in_a_batch(tmp_path, capsys):
    from tools.generate_reports import render_markdown

    figs = generate(tmp_path / "s", 2, seed=3, years_per_agency=2)
    later = figs[1]
    t3 = later["tables"]["t3"]
    # 商业企业 carried in one more than last year carried out; this year's own sums still hold
    for row in ("carried_in", "granted", "total"):
        t3[row]["business"] += 1
        t3[row]["total"] += 1
    Path(later["path"]).write_text(render_markdown(later["agency"], later["level"], later["year"], later["tables"],
                                                   random.Random(0), 2), encoding="utf-8")
    main(["check", str(tmp_path / "s"), "-f", "json", "--select", "XYR001,XYR002"])
    report = json.loads(capsys.readouterr().out)
    found = [d for f in report["files"] for d in f["diagnostics"]]
    assert [(d["rule"], d["location"]["column_label"]) for d in found] == [("XYR001", "商业企业")]
    assert found[0]["values"]["actual"] == found[0]["values"]["expected"] + 1


def test_a_batch_where_nothing_pairs_says_nothing_of_pairing_in_the_terminal(capsys):
    """The README's first command (two reports of one year): no cross-year line for a drafter,
    unless the run named the cross-year rules; the summary outputs keep each report's pairing."""
    from tests.conftest import EXAMPLES

    paths = [str(EXAMPLES / "report-2023-gov2021.md"), str(EXAMPLES / "report-2023-with-defects.md")]
    main(["check", *paths])
    assert "跨年度配对" not in capsys.readouterr().out
    screen = _Terminal()
    from validator.commands.check import collect
    from validator.reporters import text

    results = collect(paths, check_options(jobs=1)).results
    text.render(results, screen, check_options(), [])
    assert "跨年度配对" not in screen.getvalue()
    text.render(results, screen, check_options(select=["XYR"]), [])  # asked for: said, even with nothing paired
    assert "跨年度配对" in screen.getvalue()
    main(["check", *paths, "--select", "XYR"])
    assert "跨年度配对：0 份报告与上一年度报告比对，2 份未配对" in capsys.readouterr().out
    main(["check", *paths, "-f", "json"])
    assert [f["pairing"]["status"] for f in json.loads(capsys.readouterr().out)["files"]] == ["unpaired", "unpaired"]
