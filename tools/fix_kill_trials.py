#!/usr/bin/env python3
"""kill -9 `xxgk check --fix` at random moments: the report must always be either its original
bytes or the fully fixed bytes — never empty, half-written or in another encoding.

For each of four shapes of the same fixable report (UTF-8, GB18030, UTF-16 with a BOM, UTF-8
with CRLF line endings) the fully fixed bytes are first made by an uninterrupted run. Then
every trial copies the original into a fresh folder, starts `xxgk check --fix --select FMT001`
(with and without the .bak backup), and sends SIGKILL: a third of the trials after a random
delay spread over the run's own duration; a third a few milliseconds after the run's temporary
file appears (inside the write, the fsync, the replace of the backup and of the report); a third
inside a widened write window (XXGK_TEST_SLOW_WRITE, the project's test hook that pauses half-way
through writing the temporary file).

After each kill the folder may hold only: the report (original or fixed bytes), NAME.bak (the
original bytes, never anything else) and hidden `.NAME.*.xxgk-tmp` leftovers (never read by
xxgk). Anything else is a failure.

    python tools/fix_kill_trials.py --trials 400 [--seed 1]

prints the outcomes (original / fixed / run finished before the kill) per shape and exits 1 on
any failure. tests/test_robustness.py runs a handful of trials; the closing note of issue 17
records a long run.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXABLE = ROOT / "tests" / "cases" / "robustness" / "fixable-fmt001.txt"
TEMP_SUFFIX = ".xxgk-tmp"


def shapes() -> dict[str, bytes]:
    """The same fixable report as UTF-8, GB18030, UTF-16 (BOM) and CRLF bytes."""
    text = FIXABLE.read_text(encoding="utf-8")
    return {
        "utf-8": text.encode("utf-8"),
        "gb18030": text.encode("gb18030"),
        "utf-16": text.encode("utf-16"),  # with its byte-order mark, as Windows Notepad saves it
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
    }


def command(path: Path, backup: bool) -> list[str]:
    return [sys.executable, "-m", "validator", "check", "--fix", "--select", "FMT001", "--no-progress",
            *([] if backup else ["--no-backup"]), str(path)]


def environment(slow: float = 0) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if slow:
        env["XXGK_TEST_SLOW_WRITE"] = str(slow)
    return env


def fixed_bytes(original: bytes, work: Path) -> tuple[bytes, float]:
    """What an uninterrupted --fix makes of `original`, and how long the run took."""
    folder = Path(tempfile.mkdtemp(dir=work))
    report = folder / "report.txt"
    report.write_bytes(original)
    started = time.monotonic()
    subprocess.run(command(report, backup=False), env=environment(), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False, timeout=300)
    seconds = time.monotonic() - started
    after = report.read_bytes()
    shutil.rmtree(folder)
    if after == original:
        raise SystemExit(f"--fix changed nothing in the {len(original)}-byte report: nothing to test")
    return after, seconds


def judge(folder: Path, original: bytes, fixed: bytes) -> tuple[str, list[str]]:
    """(outcome, problems) of one folder after the kill: outcome is 'original' or 'fixed'."""
    problems = []
    report = folder / "report.txt"
    data = report.read_bytes() if report.exists() else None
    if data == original:
        outcome = "original"
    elif data == fixed:
        outcome = "fixed"
    else:
        outcome = "corrupt"
        problems.append("report.txt is neither the original nor the fixed bytes"
                        if data is not None else "report.txt is gone")
    for entry in folder.iterdir():
        if entry.name == "report.txt":
            continue
        if entry.name == "report.txt.bak":
            if entry.is_symlink() or entry.read_bytes() != original:
                problems.append("report.txt.bak is not the original bytes")
        elif not (entry.name.startswith(".report.txt.") and entry.name.endswith(TEMP_SUFFIX)):
            problems.append(f"unexpected file {entry.name}")
    return outcome, problems


def _temp_appears(folder: Path, proc: subprocess.Popen, limit: float) -> bool:
    """Wait until the run starts writing (its temporary file appears) or ends."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        if any(e.name.endswith(TEMP_SUFFIX) for e in folder.iterdir()):
            return True
        time.sleep(0.002)
    return False


MODES = ("anytime", "writing", "slow-write")


def trial(rng: random.Random, original: bytes, fixed: bytes, seconds: float, work: Path, mode: str) -> dict:
    """One run killed with SIGKILL; what the folder held afterwards.

    mode: "anytime" — after a random delay over the whole run; "writing" — a few milliseconds
    after its temporary file appears (inside the write, the fsync, the replace or just after);
    "slow-write" — inside the pause the test hook makes half-way through the temporary file."""
    folder = Path(tempfile.mkdtemp(dir=work))
    report = folder / "report.txt"
    report.write_bytes(original)
    backup = rng.random() < 0.5
    slow = 1.0 if mode == "slow-write" else 0
    proc = subprocess.Popen(command(report, backup), env=environment(slow), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    if mode == "anytime":
        delay = rng.uniform(0, 1.15 * seconds)
    else:
        _temp_appears(folder, proc, 10 * seconds + 30)
        delay = rng.uniform(0, slow or 0.03)
    try:
        proc.wait(timeout=delay)
        killed = False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed = True
    outcome, problems = judge(folder, original, fixed)
    if not problems:
        shutil.rmtree(folder)
    return {"outcome": outcome if killed else "finished", "killed": killed, "problems": problems,
            "folder": str(folder), "backup": backup, "delay": round(delay, 3), "mode": mode}


def run(trials: int, seed: int, work: Path, out=sys.stdout) -> dict:
    """`trials` killed runs over the four shapes; {shape: {outcome: count}} and the failures."""
    rng = random.Random(seed)
    cases = {}
    for shape, original in shapes().items():
        fixed, seconds = fixed_bytes(original, work)
        cases[shape] = (original, fixed, seconds)
    counts: dict[str, dict[str, int]] = {s: {} for s in cases}
    failures = []
    for i in range(trials):
        shape = list(cases)[i % len(cases)]
        original, fixed, seconds = cases[shape]
        result = trial(rng, original, fixed, seconds, work, MODES[(i // len(cases)) % len(MODES)])
        key = result["outcome"]
        counts[shape][key] = counts[shape].get(key, 0) + 1
        if result["problems"]:
            failures.append({"shape": shape, **result})
            print(f"FAIL trial {i} ({shape}): {result}", file=out, flush=True)
    return {"trials": trials, "counts": counts, "failures": failures}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trials", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="xxgk-kill-") as work:
        summary = run(args.trials, args.seed, Path(work))
        if summary["failures"]:  # keep the evidence
            keep = Path(tempfile.mkdtemp(prefix="xxgk-kill-failures-"))
            for f in summary["failures"]:
                shutil.copytree(f["folder"], keep / Path(f["folder"]).name)
            print(f"failing folders copied to {keep}")
    for shape, c in summary["counts"].items():
        print(f"{shape:8} " + "  ".join(f"{k} {v}" for k, v in sorted(c.items())))
    killed = sum(v for c in summary["counts"].values() for k, v in c.items() if k != "finished")
    print(f"{summary['trials']} trials ({killed} killed mid-run) in {time.monotonic() - started:.0f} s: "
          f"{len(summary['failures'])} failures")
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
