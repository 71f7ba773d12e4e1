#!/usr/bin/env python3
"""How long, and how much memory, hostile inputs cost: the robustness cases and inputs that grow.

    python bench/robustness.py            # prints a Markdown section for BENCHMARKS.md (between
                                          # its markers, which bench/run.py keeps)

Two tables:

1. every file of tests/cases/robustness/ (the cases of ../shared/cases/robustness/): each was a
   hang, gigabytes or an internal error before issue 17; each must now end with findings in well
   under 2 s (tests/test_robustness.py checks that with xxgk's own `--timeout 2`);
2. scaling: a real report whose lines are repeated until it is 4×, 16× and 64× its size, and a
   report with one line repeated into a single long line — work that is quadratic in the number
   of sentences or in the length of a line shows as time growing faster than the size (the
   shapes the fuzzer found: tools/fuzz.py).

Each input is checked in a fresh process (`check_one`, the shipped rules, rules cache warm);
time is the CPU time (user + sys) of the check alone, memory the process's peak RSS.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "robustness"
REPORT = ROOT / "examples" / "report-2023-with-defects.md"

_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from tools.fuzz import shipped_pack
from validator.batch import check_one
pack = shipped_pack()
data = open(sys.argv[1], "rb").read()
ru = resource.getrusage(resource.RUSAGE_SELF)
cpu, wall = ru.ru_utime + ru.ru_stime, time.perf_counter()
result = check_one(sys.argv[1], pack, data=data, budget=600)
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"cpu_s": ru.ru_utime + ru.ru_stime - cpu, "wall_s": time.perf_counter() - wall,
                  "peak_mb": ru.ru_maxrss / 1024, "rules": sorted({f.rule for f in result.findings})}))
"""


def measure(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(ROOT)], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def grown(folder: Path) -> list[tuple[str, Path]]:
    text = REPORT.read_text(encoding="utf-8")
    lines = text.split("\n")
    out = []
    for times in (1, 4, 16, 64):
        path = folder / f"repeated-{times}x.md"
        path.write_text("\n".join(lines * times), encoding="utf-8")
        out.append((f"report repeated {times}×", path))
    sentence = next(line for line in lines if "。" in line and len(line) > 80)
    for times in (100, 400, 1600):
        path = folder / f"long-line-{times}.md"
        path.write_text(text + "\n" + sentence * times + "\n", encoding="utf-8")
        out.append((f"+ one line of {times} sentences", path))
    return out


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = [(p.name, p) for p in sorted(CASES.iterdir()) if p.suffix in (".md", ".html", ".docx", ".txt")
                 and p.name[:1] == "r"]
        for group, items in (("cases", cases), ("scaling", grown(Path(tmp)))):
            for name, path in items:
                m = measure(path)
                rows.append((group, name, path.stat().st_size, m))
                print(f"{group} {name}: {m}", file=sys.stderr)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print("<!-- robustness -->\n## Robustness (issue 17)\n")
    print(f"`python bench/robustness.py` — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
          f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load}; Python {platform.python_version()}. "
          "Each input checked in a fresh process with the shipped rules; CPU s of the check alone, peak RSS "
          "of the whole process (interpreter and rules included). A line longer than 100,000 characters is "
          "cut there (INP006), which is why the long-line rows stop growing.\n")
    for group, title in (("cases", "The robustness cases"), ("scaling", "Growing inputs (time should grow "
                                                                           "in proportion to size)")):
        print(f"### {title}\n")
        print("| input | bytes | CPU s | peak MB | findings |\n|---|---:|---:|---:|---|")
        for g, name, size, m in rows:
            if g == group:
                print(f"| {name} | {size:,} | {m['cpu_s']:.2f} | {m['peak_mb']:.0f} | {' '.join(m['rules'])} |")
        print()
    print("<!-- /robustness -->")
    return 0


if __name__ == "__main__":
    sys.exit(main())
