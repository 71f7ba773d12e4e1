#!/usr/bin/env python3
"""What reading costs per report: this checkout against an older commit, on the real corpus.

    python bench/reading_cost.py --baseline-rev f21dcb5          # writes its section into BENCHMARKS.md
    python bench/reading_cost.py --baseline-rev f21dcb5 --runs 9 --print   # stdout only

For each source tree (the baseline as `git archive REV`, and this checkout) and each input of the real
corpus (tests/corpus and ../shared/corpus: crawler text, Markdown, PDF, HTML) it measures, in a child
process of its own (PYTHONPATH = the tree):

- per stage: read (path -> Document), recognise (Document -> Report, with the facts), the report's
  cost in a batch (`check_file` with the rules loaded once: read, recognise, rules — what each further
  report of a batch or a pre-commit run costs), and the whole check as one `xxgk check --format json`
  invocation runs it after start-up (the same plus loading the rule pack and the output). Each stage
  runs in a process of its own that sees each report once, after warming up on the small example, so
  no cache keyed by a report's long texts answers for it; the best of `--runs` rounds, the two trees
  interleaved report by report, so a shared machine's noise counts least;
- the cells each tree reads from each report, so that reports both trees read alike (the baseline
  reads at least as many cells) are told apart from reports only this checkout reads: there the
  baseline's time is the cost of reading nothing, and a rise is the cost of reading and checking
  the tables;
- start-up: `python -m validator check small.md` (examples/report-2023-gov2021.md) as a whole
  process, median of `--runs`, the two trees interleaved round by round.

All times are CPU time (process_time in process, getrusage for whole processes): on a machine shared
by many, wall time mostly measures the wait for a core.

Both trees run with the same interpreter, the same packages and warm rule caches of their own.
The section between the markers below in BENCHMARKS.md is replaced (bench/run.py keeps it).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SHARED = Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared"))
SMALL = ROOT / "examples" / "report-2023-gov2021.md"
SUFFIXES = {".txt", ".md", ".pdf", ".html", ".htm", ".docx"}
BEGIN, END = "<!-- reading-cost: begin (bench/reading_cost.py) -->", "<!-- reading-cost: end -->"

# The child: with the tree on its PYTHONPATH, runs ONE stage (argv[1]) on one path per line of stdin and answers
# one JSON line ({"ms": …, "cells": …}) per path. One stage a process, each report once a process: a report
# seen before in the same process (an earlier round, or an earlier stage of the same round) would be answered
# partly from caches keyed by its long texts (f21dcb5 kept the key of every paragraph and of the whole text;
# the current tree does not), which is no batch's situation. Before the first path the stage runs twice on
# the small example report: imports, the rule pack and the short-label caches warm, as in a batch.
CHILD = r"""
import contextlib, io, json, sys, time
from validator.readers import read_path
from validator.recognize import recognise
from validator.facts import build_facts
from validator.cli import main as cli_main
from validator.commands.check import check_file
from validator.engine.rules import load_rules

RULES = load_rules()  # once, as a batch does

def cells_read(facts):
    return sum(1 for table in facts.get("tables", {}).values() for row in table.get("rows", {}).values()
               for cell in row.get("cells", {}).values() if cell.get("type") in ("int", "decimal"))

def read(path):
    read_path(path)

def recognise_stage(path, doc):
    return build_facts(recognise(doc))

def batch(path):
    check_file(path, RULES, {})

def invocation(path):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            cli_main(["check", path, "--format", "json"])
        except SystemExit:
            pass

def run(stage, path):
    cells = None
    if stage == "recognise":
        doc = read_path(path)  # not timed: the stage is recognise + facts
        t0 = time.process_time(); facts = recognise_stage(path, doc); t1 = time.process_time()
        cells = cells_read(facts)
    else:
        t0 = time.process_time(); {"read": read, "batch": batch, "check": invocation}[stage](path)
        t1 = time.process_time()
    return {"ms": (t1 - t0) * 1000, "cells": cells, "rules": len(RULES)}

stage, warm = sys.argv[1], sys.argv[2]
run(stage, warm); run(stage, warm)
for line in sys.stdin:
    print(json.dumps(run(stage, line.rstrip("\n"))), flush=True)
"""
STAGES = ("read", "recognise", "batch", "check")


def inputs() -> list[Path]:
    files = [p for p in sorted((ROOT / "tests" / "corpus").iterdir()) if p.suffix in SUFFIXES and p.name != "README.md"
             and not p.name.startswith("MEASUREMENTS")]
    if (SHARED / "corpus").is_dir():
        files += [p for p in sorted((SHARED / "corpus").iterdir()) if p.suffix in SUFFIXES and p.name != "README.md"]
    return files


def baseline_tree(rev: str, work: Path) -> Path:
    tree = work / f"xxgk-{rev}"
    if not (tree / "validator").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def _env(tree: Path, cache: Path) -> dict:
    """The tree on the path, its own rule cache, and compiled bytecode kept (beside the cache, not in the
    checkout) as an installed package has it: with PYTHONDONTWRITEBYTECODE every process would compile
    the sources again and the start-up would measure the compiler."""
    env = dict(os.environ, PYTHONPATH=str(tree), XDG_CACHE_HOME=str(cache), PYTHONPYCACHEPREFIX=str(cache / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def stages(trees: dict[str, tuple[Path, Path]], files: list[Path], runs: int) -> dict[str, dict]:
    """{tree: {path: {stage: best ms, "cells": cells read}}}: for each round and stage, one fresh child per
    tree that sees every report once (see CHILD); the trees interleaved report by report, so a shared
    machine's drift hits both alike. The best of `runs` rounds."""
    best: dict[str, dict] = {name: {str(f): {} for f in files} for name in trees}
    for _ in range(runs):
        for stage in STAGES:
            children = {name: subprocess.Popen([sys.executable, "-c", CHILD, stage, str(SMALL)], cwd=tree,
                                               env=_env(tree, cache), text=True, stdin=subprocess.PIPE,
                                               stdout=subprocess.PIPE)
                        for name, (tree, cache) in trees.items()}
            try:
                for f in files:
                    for name, child in children.items():
                        child.stdin.write(f"{f}\n")
                        child.stdin.flush()
                        line = child.stdout.readline()
                        if not line:
                            raise SystemExit(f"stage {stage} failed in {trees[name][0]} on {f}")
                        got = json.loads(line)
                        mine = best[name][str(f)]
                        mine[stage] = round(min(mine.get(stage, got["ms"]), got["ms"]), 2)
                        if got["cells"] is not None:
                            mine["cells"] = got["cells"]
                        mine["rules"] = got["rules"]
            finally:
                for child in children.values():
                    child.stdin.close()
                    child.wait()
    return best


def startup(trees: dict[str, tuple[Path, Path]], runs: int) -> dict[str, float]:
    """Median CPU ms (user + system) of a whole `python -m validator check small.md` per tree."""
    times: dict[str, list[float]] = {name: [] for name in trees}
    for i in range(runs + 2):
        for name, (tree, cache) in trees.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-m", "validator", "check", str(SMALL)], cwd=tree, env=_env(tree, cache),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if i >= 2:  # two warm-up rounds
                times[name].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return {name: round(statistics.median(ts), 1) for name, ts in times.items()}


def _pct(now: float, before: float) -> str:
    return f"{(now - before) / before * 100:+.0f} %" if before else ""


def render(rev: str, head: str, files: list[Path], before: dict, now: dict, start: dict[str, float], runs: int) -> str:
    def total(res: dict, stage: str) -> float:
        return sum(res[str(f)][stage] for f in files)

    lines = [BEGIN, "", f"## Reading cost per report: {rev} (before issue 10's reading work) against {head}", "",
             f"`python bench/reading_cost.py --baseline-rev {rev}` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
             f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}): {len(files)} real reports (tests/corpus, "
             f"../shared/corpus), each stage in a process of its own that sees each report once, best of {runs}; start-up median of {runs} "
             "whole processes, interleaved. CPU ms (user + system).", "",
             "| | before | now | change |", "|---|---:|---:|---:|",
             f"| start-up: `xxgk check small.md` (whole process) | {start['before']} | {start['now']} | "
             f"{_pct(start['now'], start['before'])} |"]
    for stage, label in (("read", "read, all reports"), ("recognise", "recognise (+ facts), all reports"),
                         ("batch", "a report in a batch (rules loaded once), all reports"),
                         ("check", "one `xxgk check` invocation after start-up, all reports")):
        b, n = total(before, stage), total(now, stage)
        lines.append(f"| {label} | {b:.1f} | {n:.1f} | {_pct(n, b)} |")
    texts = [f for f in files if f.suffix != ".pdf"]
    alike = [f for f in texts if before[str(f)]["cells"] >= now[str(f)]["cells"]]
    more = [f for f in texts if f not in alike]
    for label, group in (("all reports", files),
                         ("text, Markdown and HTML reports both trees read alike (the baseline reads as many cells)", alike),
                         ("text, Markdown and HTML reports only this checkout reads (the baseline reads fewer cells: "
                          f"{sum(before[str(f)]['cells'] for f in more)} of {sum(now[str(f)]['cells'] for f in more)})", more),
                         ("PDF reports", [f for f in files if f.suffix == ".pdf"])):
        if not group:
            continue
        for stage, what in (("read+recognise", "read + recognise"), ("batch", "in a batch"),
                            ("check", "one invocation")):
            def ms(res: dict, f: Path, stage: str = stage) -> float:
                got = res[str(f)]
                return got["read"] + got["recognise"] if stage == "read+recognise" else got[stage]
            b = sum(ms(before, f) for f in group) / len(group)
            n = sum(ms(now, f) for f in group) / len(group)
            lines.append(f"| per report, {what}: {label} ({len(group)}, mean) | {b:.1f} | {n:.1f} | {_pct(n, b)} |")
    lines += ["", "Issue 10's target: start-up and per-report times within +10 % of the baseline. Start-up is the whole "
              "process of a one-file check (interpreter, imports, rule pack). Per report, \"in a batch\" is what each "
              "report of a batch or a pre-commit run adds (read, recognise, rules; the rule pack loaded once), \"one "
              "invocation\" the same plus loading the rule pack and writing the output, as a one-file `xxgk check` "
              "pays after start-up. The recognise rows are the reading alone. Reports are grouped by what the "
              "baseline could read: where it read as many cells, the times compare like for like; where it read "
              "fewer (flattened tables it did not read), its time is the cost of reading nothing, and the rise is "
              "reading the tables and checking them. The batch and invocation rows also hold every rule added since "
              f"the baseline ({next(iter(before.values()))['rules']} rules then, {next(iter(now.values()))['rules']} "
              "now, and the evaluators' indicators), and the PDF rows the change of PDF library (PDFium).",
              "", "<details><summary>per report</summary>", "",
              "| report | cells before | cells now | recognise before | recognise now | batch before | batch now "
              "| invocation before | invocation now |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for f in files:
        b, n = before[str(f)], now[str(f)]
        lines.append(f"| {f.parent.name}/{f.name} | {b['cells']} | {n['cells']} | {b['recognise']} | {n['recognise']} "
                     f"| {b['batch']} | {n['batch']} | {b['check']} | {n['check']} |")
    lines += ["", "</details>", "", END]
    return "\n".join(lines) + "\n"


def write_section(section: str, path: Path) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section.rstrip("\n") + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline-rev", default="f21dcb5")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "xxgk-reading-cost")
    ap.add_argument("--print", action="store_true", help="print the section instead of writing BENCHMARKS.md")
    args = ap.parse_args(argv)
    files = inputs()
    trees = {"before": (baseline_tree(args.baseline_rev, args.work), args.work / "cache-before"),
             "now": (ROOT, args.work / "cache-now")}
    timed = stages(trees, files, args.runs)
    before, now = timed["before"], timed["now"]
    start = startup(trees, args.runs)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    section = render(args.baseline_rev, head, files, before, now, start, args.runs)
    if args.print:
        print(section)
    else:
        write_section(section, ROOT / "BENCHMARKS.md")
        print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
