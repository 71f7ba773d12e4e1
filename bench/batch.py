"""Batch benchmark: xxgk at an auditor's scale. Called by bench/run.py (see its docstring).

Measures, on reports made by tools/generate_reports.py --variety (governments, departments and
townships; 2019- and 2021-format; clean and with defects; short and long) in md, docx, html and pdf:

- cost over reading: `xxgk check` CPU time against parsing the same files with the library
  underneath (bench/parse_only.py), per format;
- PDF libraries: pdfplumber (what xxgk uses), pdfminer.six's own text extraction and pypdfium2,
  on the real corpus PDFs and generated ones — speed, and whether they give the same lines;
- throughput with --jobs 1 and --jobs 2 (reports per second; wall time and CPU time per process,
  so a shared machine's contention shows);
- scaling: one report 1×, 10×, 100× longer;
- memory: peak RSS of the whole process tree (workers summed) at 300, 3,000 and 10,000 reports;
- outputs: JSON, SARIF and HTML size and write time at 3,000 reports;
- cross-year pairing: a batch of two years per agency against the same reports unpaired.

Every process is measured from outside: wall time around the process, CPU time from
getrusage(RUSAGE_CHILDREN) (the process and every worker it waited for), and a psutil sampler
(every 50 ms) for the tree's summed RSS and each process's CPU time.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SHARED = Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared"))
CORPUS_PDFS = sorted([*SHARED.glob("corpus/*.pdf"), *(ROOT / "tests" / "corpus").glob("*.pdf"),
                      *(ROOT / "tests" / "fixtures" / "formats").glob("*.pdf")])
FORMATS = ("md", "docx", "html", "pdf")


# ---------------------------------------------------------------- measuring a process tree

def measure(argv: list[str], *, cwd: Path | None = None, env=None, stdout=subprocess.DEVNULL,
            sample: float = 0.05) -> dict:
    """Run argv; wall seconds, CPU seconds of the process and every descendant it waited for,
    CPU seconds per process (pid -> s, sampled), the peak of the tree's summed RSS (MB) and the
    number of processes seen."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.PIPE)
    peak = {"rss": 0.0}
    cpu_of: dict[int, float] = {}
    done = threading.Event()

    def sampler():
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not done.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            rss = 0
            for p in procs:
                try:
                    with p.oneshot():
                        rss += p.memory_info().rss
                        t = p.cpu_times()
                        cpu_of[p.pid] = t.user + t.system
                except psutil.Error:
                    continue
            peak["rss"] = max(peak["rss"], rss / 2**20)
            done.wait(sample)

    th = threading.Thread(target=sampler, daemon=True)
    th.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    th.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of RUSAGE_CHILDREN is the largest single descendant, not the tree's sum
    return {"wall": wall, "cpu": cpu, "per_process": cpu_of, "peak_rss_mb": peak["rss"],
            "max_single_rss_mb": after.ru_maxrss / 1024, "processes": len(cpu_of), "rc": proc.returncode,
            "stderr": err.decode("utf-8", "replace")[-2000:], "json": _json_line(out)}


def _json_line(out: bytes | None):
    if not out:
        return None
    try:
        return json.loads(out.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


# ---------------------------------------------------------------- corpus

def make_corpus(work: Path, name: str, n: int, formats: tuple[str, ...], *, seed: int, years_per_agency: int = 1,
                long: float = 0.2, faults: float = 0.1, pdf_tables: str = "mixed") -> dict[str, Path]:
    """n generated reports in each format, one folder per format; kept between runs (a stamp
    names the parameters and the generator's source)."""
    sys.path.insert(0, str(ROOT))
    from tools import generate_reports, make_fixtures  # noqa: PLC0415

    base = work / "corpus" / name
    stamp = json.dumps({"n": n, "formats": formats, "seed": seed, "years": years_per_agency, "long": long,
                        "faults": faults, "pdf_tables": pdf_tables,
                        "gen": hash_files([Path(generate_reports.__file__), Path(make_fixtures.__file__)])})
    dirs = {fmt: base / fmt for fmt in formats}
    if (base / "stamp.json").exists() and (base / "stamp.json").read_text() == stamp:
        return dirs
    if base.exists():
        shutil.rmtree(base)
    raw = base / "all"
    print(f"bench: generating {n} reports × {', '.join(formats)} in {base}", flush=True)
    generate_reports.generate(raw, n, seed=seed, years_per_agency=years_per_agency, faults=faults, variety=True,
                              long=long, formats=formats, pdf_tables=pdf_tables)
    for fmt, d in dirs.items():
        d.mkdir(parents=True)
        for f in raw.glob(f"*.{fmt}"):
            f.rename(d / f.name)
    shutil.rmtree(raw)
    (base / "stamp.json").write_text(stamp)
    return dirs


def hash_files(paths: list[Path]) -> str:
    import hashlib  # noqa: PLC0415

    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def folder_bytes(d: Path) -> int:
    return sum(f.stat().st_size for f in d.iterdir() if f.is_file())


# ---------------------------------------------------------------- the measurements

class Batch:
    def __init__(self, work: Path, xxgk: Path, python: Path, env: dict, runs: int, sizes: dict):
        self.work, self.xxgk, self.python, self.env, self.runs, self.sizes = work, xxgk, python, env, runs, sizes
        self.results: dict = {"load_before": load()}

    def check(self, target: Path | list[Path], *args: str) -> list[str]:
        paths = [str(p) for p in (target if isinstance(target, list) else [target])]
        return [str(self.xxgk), "check", *paths, "--format", "json", "--output", os.devnull, *args]

    def repeat(self, argv: list[str], runs: int | None = None, **kw) -> dict:
        got = [measure(argv, env=self.env, **kw) for _ in range(runs or self.runs)]
        bad = [g for g in got if g["rc"] not in (0, 1)]
        if bad:
            raise SystemExit(f"bench: {' '.join(argv[:6])} … exited {bad[0]['rc']}:\n{bad[0]['stderr']}")
        return {"wall": median_of(got, "wall"), "cpu": median_of(got, "cpu"), "peak_rss_mb": median_of(got, "peak_rss_mb"),
                "runs": len(got), "walls": [g["wall"] for g in got], "cpus": [g["cpu"] for g in got],
                "per_process": [sorted(g["per_process"].values(), reverse=True) for g in got],
                "processes": got[-1]["processes"]}

    # -------------------------------------------------------------- cost over reading, throughput
    def per_format(self, dirs: dict[str, Path]) -> None:
        out = {}
        for fmt, d in dirs.items():
            files = len(list(d.iterdir()))
            print(f"bench: {fmt}: {files} reports, --jobs 1 and 2, parse-only", flush=True)
            row = {"files": files, "bytes": folder_bytes(d)}
            kinds = {"md": ["md"], "docx": ["docx"], "html": ["html"], "pdf": ["pdf-plumber", "pdf-pdfium", "pdf-miner"]}[fmt]
            parse = {}
            for i in range(self.runs):  # interleaved: drift hits all commands alike
                for kind in kinds:
                    r = measure([str(self.python), str(BENCH / "parse_only.py"), kind, str(d)], env=self.env,
                                stdout=subprocess.PIPE)
                    parse.setdefault(kind, []).append(r)
                for jobs in (1, 2):
                    r = measure(self.check(d, "--jobs", str(jobs)), env=self.env)
                    if r["rc"] not in (0, 1):
                        raise SystemExit(f"bench: xxgk check {d} failed ({r['rc']}):\n{r['stderr']}")
                    row.setdefault(f"jobs{jobs}", []).append(r)
            # parse-only CPU as the script counts it (its own process, after its imports)
            row["parse"] = {k: statistics.median(self._parse_cpu(r) for r in rs) for k, rs in parse.items()}
            row["parse_process"] = {k: statistics.median(r["cpu"] for r in rs) for k, rs in parse.items()}
            for jobs in (1, 2):
                rs = row.pop(f"jobs{jobs}")
                row[f"jobs{jobs}"] = {"wall": median_of(rs, "wall"), "cpu": median_of(rs, "cpu"),
                                      "peak_rss_mb": median_of(rs, "peak_rss_mb"),
                                      "per_process": [sorted(r["per_process"].values(), reverse=True) for r in rs],
                                      "walls": [r["wall"] for r in rs]}
            out[fmt] = row
        self.results["formats"] = out

    @staticmethod
    def _parse_cpu(r: dict) -> float:
        return r["json"]["cpu_s"] if r.get("json") else r["cpu"]

    # -------------------------------------------------------------- in-process timings
    def in_process(self, script: str, *args: str) -> dict:
        r = measure([str(self.python), "-c", script, *args], env=self.env, stdout=subprocess.PIPE)
        if r["rc"] != 0:
            raise SystemExit(f"bench: in-process measurement failed:\n{r['stderr']}")
        return r

    # -------------------------------------------------------------- scaling
    def scaling(self) -> None:
        sys.path.insert(0, str(ROOT))
        from tools.generate_reports import render_markdown, _figures  # noqa: PLC0415
        import random  # noqa: PLC0415

        d = self.work / "scaling"
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
        rows = []
        for factor in (1, 10, 100):
            rng = random.Random(5)
            text = render_markdown("澜川市青溪县人民政府", "government", 2023, _figures(rng, None, None), rng, 1,
                                   length=factor)
            path = d / f"x{factor}.md"
            path.write_text(text, encoding="utf-8")
            r = self.repeat(self.check(path, "--jobs", "1"), runs=max(3, self.runs))
            rows.append({"factor": factor, "bytes": path.stat().st_size, "cpu": r["cpu"], "wall": r["wall"]})
        # start-up is the same for every size: the work is the difference to a tiny file
        tiny = d / "tiny.md"
        tiny.write_text("# 某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n", encoding="utf-8")
        floor = self.repeat(self.check(tiny, "--jobs", "1"), runs=max(3, self.runs))
        self.results["scaling"] = {"rows": rows, "floor_cpu": floor["cpu"]}

    # -------------------------------------------------------------- memory
    def memory(self, dirs_by_n: dict[int, Path]) -> None:
        out = {}
        for n, d in dirs_by_n.items():
            for jobs in (1, 2):
                print(f"bench: memory: {n} reports, --jobs {jobs}", flush=True)
                r = self.repeat(self.check(d, "--jobs", str(jobs)), runs=1, sample=0.1)
                out[f"{n}/{jobs}"] = {"n": n, "jobs": jobs, "peak_rss_mb": r["peak_rss_mb"], "wall": r["wall"],
                                      "cpu": r["cpu"], "processes": r["processes"]}
        self.results["memory"] = out

    # -------------------------------------------------------------- outputs
    def outputs(self, d: Path) -> None:
        out = {}
        n = len(list(d.iterdir()))
        base = None
        for fmt in ("text", "json", "sarif", "html"):
            target = self.work / f"out.{fmt}"
            print(f"bench: outputs: {n} reports, --format {fmt}", flush=True)
            r = self.repeat([str(self.xxgk), "check", str(d), "--format", fmt, "--output", str(target), "--jobs", "2"],
                            runs=1, sample=0.1)
            out[fmt] = {"bytes": target.stat().st_size, "wall": r["wall"], "cpu": r["cpu"], "peak_rss_mb": r["peak_rss_mb"]}
            if fmt == "text":
                base = out[fmt]
            else:
                out[fmt]["extra_cpu"] = r["cpu"] - base["cpu"]
                out[fmt]["extra_rss_mb"] = r["peak_rss_mb"] - base["peak_rss_mb"]
            target.unlink()
        self.results["outputs"] = {"n": n, "formats": out}

    # -------------------------------------------------------------- pairing
    def pairing(self, d: Path) -> None:
        n = len(list(d.iterdir()))
        print(f"bench: pairing: {n} reports (two years per agency), paired vs unpaired", flush=True)
        runs = {"paired": [], "unpaired": []}
        for _ in range(self.runs):
            runs["paired"].append(measure(self.check(d, "--jobs", "1"), env=self.env))
            runs["unpaired"].append(measure(self.check(d, "--jobs", "1", "--ignore", "XYR"), env=self.env))
        self.results["pairing"] = {"n": n, **{k: {"cpu": median_of(v, "cpu"), "wall": median_of(v, "wall")}
                                              for k, v in runs.items()}}

    # -------------------------------------------------------------- PDF libraries
    def pdf_libraries(self, generated: Path | None) -> None:
        script = BENCH / "pdf_compare.py"
        args = [str(p) for p in CORPUS_PDFS]
        if generated is not None:
            args += [str(p) for p in sorted(generated.glob("*.pdf"))[:20]]
        r = measure([str(self.python), str(script), *args], env=self.env, stdout=subprocess.PIPE)
        if r["rc"] != 0:
            raise SystemExit(f"bench: pdf_compare failed:\n{r['stderr']}")
        self.results["pdf_libraries"] = r["json"]
