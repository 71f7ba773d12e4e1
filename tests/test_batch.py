"""Batches: hundreds of generated reports over --jobs worker processes, input order kept, a
progress bar only on a terminal, one bad file never stopping the rest, cross-year pairing
inside a batch, and `xxgk extract DIR --format csv` giving one correct row per report."""
import csv
import json
import os
import pty
import random
import re
import select
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_2023, ROOT
from tools.generate_reports import generate
from validator.cli import main

XXGK = [sys.executable, "-m", "validator"]
BAR = "━"  # rich's bar glyph


def _env():
    return {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLUMNS": "120"}


def run_tty_stderr(args, cwd, stdout_tty: bool = False) -> tuple[int, bytes, bytes]:
    """Run xxgk with stderr on a pseudo-terminal (stdout a pipe): what a user at a terminal
    sees while redirecting the report to a file. With stdout_tty both go to the terminal."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([*XXGK, *map(str, args)], stdout=slave if stdout_tty else subprocess.PIPE, stderr=slave,
                            stdin=subprocess.DEVNULL, cwd=cwd, env=_env())
    os.close(slave)
    chunks: list[bytes] = []

    def pump():
        while True:
            try:
                ready, _, _ = select.select([master], [], [], 0.2)
                if ready:
                    data = os.read(master, 65536)
                    if not data:
                        return
                    chunks.append(data)
                elif proc.poll() is not None:
                    return
            except OSError:  # EIO once the child has gone
                return

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    out = proc.stdout.read() if proc.stdout else b""
    code = proc.wait(timeout=600)
    reader.join(timeout=10)
    os.close(master)
    return code, out, b"".join(chunks)


@pytest.fixture(scope="module")
def big_batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch500")
    figures = generate(root / "reports", 500, seed=20231, faults=0.04)
    return root, figures


def active_rules(file_entry) -> set[str]:
    return {d["rule"] for d in file_entry["diagnostics"] if not d.get("suppressed")}


# ------------------------------------------------------------------ 500 reports
@pytest.mark.slow
def test_500_reports_with_two_jobs_and_a_progress_bar_on_a_tty(big_batch):
    root, figures = big_batch
    out_file = root / "out.json"
    code, stdout, stderr = run_tty_stderr(["check", "reports", "--jobs", "2", "-f", "json", "-o", out_file], root)
    assert code == 1, stderr[-2000:]  # the generated faults
    assert stdout == b""
    text = stderr.decode("utf-8", "replace")
    assert BAR in text and "/500" in text, text[-500:]
    report = json.loads(out_file.read_text(encoding="utf-8"))
    files = report["files"]
    assert len(files) == 500
    assert [Path(f["path"]).name for f in files] == sorted(Path(f["path"]).name for f in figures)  # input order
    faulty = 0
    for entry, fig in zip(files, figures):
        assert entry["meta"]["agency"] == fig["agency"] and entry["meta"]["year"] == fig["year"]
        assert active_rules(entry) == set(fig["faults"]), (entry["path"], active_rules(entry), fig["faults"])
        faulty += bool(fig["faults"])
    assert 0 < faulty < 60
    assert report["summary"]["by_rule"] == {"SUM001": faulty, "SUM002": faulty}


@pytest.mark.slow
def test_no_progress_bar_when_stderr_is_not_a_terminal(big_batch, tmp_path):
    root, figures = big_batch
    small = tmp_path / "small"
    small.mkdir()
    for f in figures[:30]:
        shutil.copy(f["path"], small)
    proc = subprocess.run([*XXGK, "check", str(small), "--jobs", "2"], capture_output=True, cwd=tmp_path, env=_env())
    assert proc.returncode in (0, 1)
    assert BAR.encode() not in proc.stderr and b"\x1b[" not in proc.stderr
    assert b"\x1b[" not in proc.stdout  # plain lines for pipes
    assert proc.stdout.decode().splitlines()[-1].startswith("30 个文件：")
    # and --no-progress silences it on a terminal
    code, _, err = run_tty_stderr(["check", str(small), "--jobs", "2", "--no-progress"], tmp_path)
    assert BAR.encode() not in err


@pytest.mark.slow
def test_csv_extraction_gives_one_correct_row_per_report(big_batch):
    root, figures = big_batch
    out_file = root / "data.csv"
    proc = subprocess.run([*XXGK, "extract", "reports", "--format", "csv", "--output", str(out_file)],
                          capture_output=True, cwd=root, env=_env())
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header, body = rows[0], rows[1:]
    assert len(body) == 500
    ids = [h.split(" ", 1)[0] for h in header]
    col = {cid: i for i, cid in enumerate(ids)}
    rng = random.Random(5)
    checked = 0
    for k in sorted(rng.sample(range(500), 40)):
        fig, row = figures[k], body[k]
        assert Path(row[col["path"]]).name == Path(fig["path"]).name
        assert row[col["agency"]] == fig["agency"] and row[col["year"]] == str(fig["year"])
        assert row[col["level"]] == fig["level"] and row[col["template"]] == "gov2021"
        assert row[col["period_start"]] == f"{fig['year']}-01-01" and row[col["period_end"]] == f"{fig['year']}-12-31"
        for table, rows_ in fig["tables"].items():
            for rid, cells in rows_.items():
                for cid, value in cells.items():
                    got = row[col[f"{table}.{rid}.{cid}"]]
                    assert got != "", (table, rid, cid)
                    assert float(got) == pytest.approx(value), (fig["path"], table, rid, cid, got, value)
                    checked += 1
    assert checked >= 40 * 200  # every standard-table value of 40 reports


@pytest.mark.slow
def test_jsonl_extraction_is_one_report_per_line(big_batch, tmp_path):
    root, figures = big_batch
    folder = tmp_path / "some"
    folder.mkdir()
    for f in figures[:12]:
        shutil.copy(f["path"], folder)
    proc = subprocess.run([*XXGK, "extract", str(folder), "--format", "jsonl"], capture_output=True, cwd=tmp_path,
                          env=_env())
    assert proc.returncode == 0
    lines = proc.stdout.decode("utf-8").splitlines()
    assert len(lines) == 12
    for line, fig in zip(lines, figures):
        facts = json.loads(line)
        assert facts["meta"]["agency"] == fig["agency"]
        assert facts["tables"]["t3"]["rows"]["new"]["cells"]["total"]["value"] == fig["tables"]["t3"]["new"]["total"]


@pytest.mark.slow
def test_statistics_count_per_rule_across_the_batch(big_batch, tmp_path):
    root, figures = big_batch
    faulty = [f for f in figures if f["faults"]][:5]
    folder = tmp_path / "stats"
    folder.mkdir()
    for f in faulty + [f for f in figures if not f["faults"]][:5]:
        shutil.copy(f["path"], folder)
    proc = subprocess.run([*XXGK, "check", str(folder), "--statistics", "--jobs", "2"], capture_output=True,
                          cwd=tmp_path, env=_env())
    lines = proc.stdout.decode("utf-8").splitlines()
    stats = {m.group(2): int(m.group(1)) for m in map(re.compile(r"^\s*(\d+)\s+([A-Z]{3}\d{3})\s").match, lines) if m}
    assert stats == {"SUM001": 5, "SUM002": 5}
    # on a terminal the rich summary table carries the same counts, with name and severity
    code, _, screen = run_tty_stderr(["check", str(folder), "--statistics", "--no-progress"], tmp_path, stdout_tty=True)
    text = screen.decode("utf-8", "replace")
    assert code == 1
    table = [line for line in text.splitlines() if "SUM00" in line and "│" in line]
    assert any("SUM001" in line and "applicant-total-mismatch" in line and "error" in line and " 5 " in line
               for line in table), table


# ------------------------------------------------------------------ robustness and order
def test_an_unreadable_file_never_stops_the_rest(tmp_path, capsys):
    generate(tmp_path / "d", 6, seed=3)
    (tmp_path / "d" / "0003-broken.docx").write_bytes(b"PK\x03\x04 truncated")
    (tmp_path / "d" / "0005-broken.pdf").write_bytes(b"%PDF-1.7 nothing")
    code = main(["check", str(tmp_path / "d"), "-j", "2", "-f", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 2
    names = [Path(f["path"]).name for f in report["files"]]
    assert names == sorted(names) and len(names) == 8
    for f in report["files"]:
        if "broken" in f["path"]:
            assert f["error"] and [d["rule"] for d in f["diagnostics"]][0].startswith("INP")
        else:
            assert f["error"] is None and f["meta"]["agency"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_crash_on_one_file_becomes_a_finding(tmp_path, monkeypatch, jobs):
    monkeypatch.setenv("XXGK_LOG_DIR", str(tmp_path / "logs"))
    import validator.pipeline as pipeline
    from validator.batch import check_batch
    from validator.commands.check import _rule_map
    from validator.engine.rules import load_rules

    figures = generate(tmp_path, 4, seed=9)
    paths = [f["path"] for f in figures]
    real = pipeline.analyse

    def flaky(path, data=None):
        if str(path) == paths[1]:
            raise RuntimeError("boom")
        return real(path, data)

    monkeypatch.setattr(pipeline, "analyse", flaky)  # inherited by forked workers
    rules = load_rules()
    results = check_batch(paths, [None] * 4, {None: (rules, _rule_map(rules), {})}, jobs=jobs, progress=False)
    assert [r.path for r in results] == paths
    assert results[1].error and "RuntimeError: boom" in results[1].error
    # a bug, not an unreadable file: ENG002 with the exception and a log holding the traceback
    (crash,) = results[1].findings
    assert crash.rule == "ENG002" and crash.values["exception"] == "RuntimeError"
    assert "boom" in Path(crash.values["log"]).read_text(encoding="utf-8")
    assert all(r.error is None and r.facts for i, r in enumerate(results) if i != 1)


def test_a_single_file_stays_in_process(tmp_path, monkeypatch):
    import validator.batch as batch
    from validator.commands.check import _rule_map
    from validator.engine.rules import load_rules

    def no_pool():
        raise AssertionError("a pool was started")

    monkeypatch.setattr(batch, "_mp_context", no_pool)
    rules = load_rules()
    pack = {None: (rules, _rule_map(rules), {})}
    [result] = batch.check_batch([str(EXAMPLE_2023)], [None], pack, jobs=4)
    assert result.facts and not result.active
    assert len(batch.check_batch([str(EXAMPLE_2023)] * 2, [None] * 2, pack, jobs=1)) == 2


def test_results_are_picklable_file_results(tmp_path):
    import pickle

    from validator.batch import check_one
    from validator.commands.check import _rule_map
    from validator.engine.rules import load_rules
    from validator.findings import FileResult

    rules = load_rules()
    bad = tmp_path / "b.md"
    bad.write_text(EXAMPLE_2023.read_text(encoding="utf-8").replace("| 15 | 3 | 0 | 0 | 2 | 0 | 20 |",
                                                                    "| 15 | 3 | 0 | 0 | 2 | 0 | 21 |"), encoding="utf-8")
    result = check_one(str(bad), (rules, _rule_map(rules), {}))
    again = pickle.loads(pickle.dumps(result))
    assert isinstance(again, FileResult) and [f.fingerprint for f in again.findings] == [f.fingerprint for f in result.findings]


# ------------------------------------------------------------------ cross-year pairing
def test_consecutive_years_of_one_agency_are_paired(tmp_path, capsys):
    figures = generate(tmp_path / "series", 6, seed=11, years_per_agency=2)
    # a second copy of one 2023 report makes that agency-year ambiguous: it is not paired
    ambiguous = figures[3]
    shutil.copy(ambiguous["path"], tmp_path / "series" / "9999-copy.md")
    main(["check", str(tmp_path / "series"), "-j", "2", "-f", "json"])
    report = json.loads(capsys.readouterr().out)
    status = {Path(f["path"]).name: {c["rule"]: c["status"] for c in f["checklist"]} for f in report["files"]}
    for fig in figures:
        name = Path(fig["path"]).name
        if fig["year"] == 2022 or fig["agency"] == ambiguous["agency"]:
            assert status[name]["XYR001"] == "not_applicable", name
        else:
            assert status[name]["XYR001"] == "pass", name  # carried-in matches last year's carried-out
            assert status[name]["XYR002"] == "pass", name  # in-force chain holds
    # --previous names last year's report explicitly: no automatic pairing then
    main(["check", figures[1]["path"], figures[3]["path"], "--previous", figures[0]["path"], "-f", "json"])
    report = json.loads(capsys.readouterr().out)
    xyr001 = [{c["rule"]: c for c in f["checklist"]}["XYR001"] for f in report["files"]]
    assert xyr001[0]["status"] == "pass"  # its true predecessor
    # another agency's report is refused, not compared (a wrong pairing would be a false error)
    assert xyr001[1]["status"] == "not_applicable"
    assert [f["pairing"]["status"] for f in report["files"]] == ["paired", "refused"]
    assert report["files"][1]["pairing"]["reason"]["code"] == "other_agency"
    # --force-previous compares whatever it is given
    main(["check", figures[3]["path"], "--previous", figures[0]["path"], "--force-previous", "-f", "json"])
    report = json.loads(capsys.readouterr().out)
    assert {c["rule"]: c for c in report["files"][0]["checklist"]}["XYR001"]["status"] == "fail"
    assert report["files"][0]["pairing"]["source"] == "forced"


def test_pairing_finds_a_broken_carry_over(tmp_path, capsys):
    from tools.generate_reports import render_markdown

    figures = generate(tmp_path / "s", 2, seed=4, years_per_agency=2)
    later = figures[1]
    t3 = later["tables"]["t3"]
    # one more application carried in than last year carried out — and one more granted, so
    # that this year's own identities (and its prose) still hold: only XYR001 can see it
    for row in ("carried_in", "granted", "total"):
        t3[row]["natural"] += 1
        t3[row]["total"] += 1
    Path(later["path"]).write_text(render_markdown(later["agency"], later["level"], later["year"], later["tables"],
                                                   random.Random(0), 2), encoding="utf-8")
    main(["check", str(tmp_path / "s"), "-f", "json", "--ignore", "XYR003"])
    report = json.loads(capsys.readouterr().out)
    rules = [active_rules(f) for f in report["files"]]
    assert rules == [set(), {"XYR001"}], rules
    xyr = next(d for d in report["files"][1]["diagnostics"] if d["rule"] == "XYR001")
    assert xyr["values"]["actual"] == xyr["values"]["expected"] + 1
