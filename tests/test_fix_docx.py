"""`xxgk check --fix` on Word documents (validator/fix_docx.py): the runs that hold a half-width
outline number are rewritten, formatting and every other part of the package kept, the file
written atomically, never a figure touched; where Word numbers the paragraph itself the finding
does not offer --fix. The fixed document is converted by LibreOffice to prove it still opens."""
from __future__ import annotations

import copy
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, cli_run

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402
from docx.shared import RGBColor  # noqa: E402
from docx.text.run import Run  # noqa: E402

CLEAN = ROOT / "tests" / "fixtures" / "formats" / "report-2023-gov2021.docx"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph(d, text: str):
    return next(p for p in d.paragraphs if p.text == text)


def _split_run(p, first: str, rest: str) -> None:
    """Paragraph `p` (one run) as two runs, the first bold and red: "(五" + ")监督保障"."""
    run = p.runs[0]
    run.text = rest
    clone = copy.deepcopy(run._r)
    run._r.addprevious(clone)
    head = Run(clone, p)
    head.text = first
    head.bold = True
    head.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def defective_docx(path: Path) -> Path:
    """The clean example with "(五)" typed across two differently formatted runs in a heading and
    "一," at the start of a body paragraph that holds figures."""
    d = docx.Document(str(CLEAN))
    _split_run(_paragraph(d, "（五）监督保障"), "(五", ")监督保障")
    body = _paragraph(d, "（四）平台建设").runs[0]
    body.text = "(四)平台建设"
    figures = next(p for p in d.paragraphs if p.text.startswith("全县共收到政府信息公开申请330件"))
    figures.runs[0].text = "一," + figures.runs[0].text
    d.save(str(path))
    return path


def _runs(data: bytes) -> list[tuple[str, bytes]]:
    """(text, run properties XML) of every run of the main document, in order."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for r in root.iter(W + "r"):
        rpr = r.find(W + "rPr")
        out.append(("".join(t.text or "" for t in r.iter(W + "t")),
                    etree.tostring(rpr) if rpr is not None else b""))
    return out


def _blocks(data: bytes) -> list:
    from validator.readers.docx_reader import read

    return [(b.kind, b.texts() if b.kind == "table" else b.text) for b in read("r.docx", data).blocks]


def _fmt001(capsys, path, *extra) -> list[dict]:
    code, out, _ = cli_run(["check", path, "-f", "json", "--select", "FMT001", *extra], capsys)
    return json.loads(out)["files"][0]["diagnostics"]


def test_a_docx_is_fixed_in_its_runs_keeping_formatting_and_every_other_part(tmp_path, capsys):
    path = defective_docx(tmp_path / "年报.docx")
    before = path.read_bytes()
    found = _fmt001(capsys, path)
    assert sorted(d["values"]["found"] for d in found) == ["(五)", "(四)", "一,"]
    assert all(d.get("fixable") for d in found)
    assert all("xxgk check --fix" in d["hint"] for d in found)

    code, out, err = cli_run(["check", "--fix", "--fail-on", "info", path], capsys)
    assert code == 0, out + err
    assert f"xxgk：已修正 {path} 中的 3 个问题（原文件保存为 {path}.bak）" in err
    after = path.read_bytes()
    assert (tmp_path / "年报.docx.bak").read_bytes() == before

    # the text: only the three numbers changed
    want = [(k, t.replace("(五)", "（五）").replace("(四)", "（四）").replace("一,全县", "一、全县")
             if k != "table" else t) for k, t in _blocks(before)]
    assert _blocks(after) == want
    # the formatting: the same runs with the same properties; each character stayed in its run
    runs_before, runs_after = _runs(before), _runs(after)
    assert [p for _, p in runs_after] == [p for _, p in runs_before]
    changed = [(a, b) for (a, _), (b, _) in zip(runs_before, runs_after) if a != b]
    assert changed[0][0].startswith("一,全县共收到政府信息公开申请330件") and changed[0][1].startswith("一、全县")
    assert changed[0][1] == "一、" + changed[0][0][2:]
    assert changed[1:] == [("(四)平台建设", "（四）平台建设"), ("(五", "（五"), (")监督保障", "）监督保障")]
    assert len(changed) == 4
    # every other part of the package byte for byte, in the same order
    with zipfile.ZipFile(io.BytesIO(before)) as a, zipfile.ZipFile(io.BytesIO(after)) as b:
        assert [i.filename for i in a.infolist()] == [i.filename for i in b.infolist()]
        assert [n for n in a.namelist() if a.read(n) != b.read(n)] == ["word/document.xml"]
    # fixed once: nothing left, and a second run changes nothing
    assert _fmt001(capsys, path) == []
    cli_run(["check", "--fix", "--no-backup", path], capsys)
    assert path.read_bytes() == after


def test_the_fixed_docx_opens_in_libreoffice(tmp_path, capsys):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: .ci/run installs libreoffice-writer-nogui")
    path = defective_docx(tmp_path / "report.docx")
    cli_run(["check", "--fix", "--no-backup", path], capsys)
    outdir = tmp_path / "converted"
    profile = (tmp_path / "lo-profile").as_uri()  # a private profile: parallel runs do not share a lock
    proc = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "txt:Text",
                           "--outdir", str(outdir), str(path)], capture_output=True, text=True, timeout=240)
    converted = outdir / "report.txt"
    assert proc.returncode == 0 and converted.exists(), proc.stdout + proc.stderr
    text = converted.read_text(encoding="utf-8-sig")
    assert "（五）监督保障" in text and "（四）平台建设" in text and "一、全县共收到政府信息公开申请330件" in text
    assert "(五)" not in text


def test_diff_shows_the_docx_change_and_writes_nothing(tmp_path, capsys):
    path = defective_docx(tmp_path / "r.docx")
    before = path.read_bytes()
    code, out, err = cli_run(["check", "--diff", "--select", "FMT001", path], capsys)
    assert "-(五)监督保障\n+（五）监督保障\n" in out
    assert path.read_bytes() == before and not (tmp_path / "r.docx.bak").exists()


def test_word_automatic_numbering_is_not_offered_a_fix(tmp_path, capsys):
    """"(五)" that Word draws from the list definition (lvlText "(%1)") is not in the runs: the
    finding is reported without offering --fix, and --fix leaves the file alone."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="5"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    d.add_heading("某县人民政府2023年政府信息公开工作年度报告", level=0)
    d.add_paragraph("一、总体情况")
    p = d.add_paragraph("监督保障")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="91"/></w:numPr>'))
    d.add_paragraph("(六)其他")
    path = tmp_path / "r.docx"
    d.save(str(path))
    found = _fmt001(capsys, path, "--strict-inputs")
    by_text = {d["values"]["text"]: d for d in found}
    assert set(by_text) == {"(五)监督保障", "(六)其他"}
    assert not by_text["(五)监督保障"].get("fixable") and "--fix" not in by_text["(五)监督保障"]["hint"]
    assert by_text["(六)其他"]["fixable"]
    cli_run(["check", "--fix", "--no-backup", "--strict-inputs", path], capsys)
    assert [d["values"]["text"] for d in _fmt001(capsys, path, "--strict-inputs")] == ["(五)监督保障"]


def test_a_docx_fix_is_verified_against_the_file_on_disk(tmp_path):
    from validator.findings import Finding, Location
    from validator.fix_docx import plan_docx

    path = defective_docx(tmp_path / "r.docx")

    def finding(fix):
        return Finding(rule="FMT001", name="n", severity="info", message={}, location=Location(), fix=fix,
                       fixable=True)

    stale = finding({"paragraph": 19, "text": "(五)监督保障（已改写）", "old": "(五)", "new": "（五）"})
    moved = finding({"paragraph": 3, "text": "(五)监督保障", "old": "(五)", "new": "（五）"})
    other = finding({"paragraph": 19, "text": "(五)监督保障", "old": "(五)", "new": "（六）"})
    plan = plan_docx(str(path), [stale, moved, other])
    assert [why.code for _, why in plan.refused] == ["changed", "changed", "changed"]
    assert not plan.applied and plan.after == plan.before
    good = finding({"paragraph": 19, "text": "(五)监督保障", "old": "(五)", "new": "（五）"})
    assert plan_docx(str(path), [good]).applied == [good]


def test_a_docx_that_is_not_a_package_is_left_alone(tmp_path, capsys):
    from validator.findings import Finding, Location
    from validator.fix import FixError
    from validator.fix_docx import plan_docx

    path = tmp_path / "r.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(FixError) as exc:
        plan_docx(str(path), [Finding(rule="FMT001", name="n", severity="info", message={}, location=Location(),
                                      fix={"paragraph": 1, "text": "x", "old": "(一)", "new": "（一）"})])
    assert exc.value.code == "unreadable" and path.read_bytes() == b"not a zip"


@pytest.mark.parametrize("suffix", ["html", "pdf"])
def test_pages_and_pdfs_are_not_offered_a_fix(capsys, suffix):
    found = _fmt001(capsys, ROOT / "tests" / "fixtures" / "formats" / f"report-2023-with-defects.{suffix}")
    assert found and all(not d.get("fixable") and "--fix" not in d["hint"] for d in found)
