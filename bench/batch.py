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
# the batch sections, in the order they run (bench/run.py --sections picks some)
SECTIONS = ("formats", "pdf_libraries", "scaling", "instructions", "pairing", "memory", "outputs", "hotspots")
# what each section puts in the results (a section re-run alone replaces these, the rest is kept)
SECTION_KEYS = {"formats": ("formats",), "pdf_libraries": ("pdf_libraries",), "scaling": ("scaling",),
                "instructions": ("instructions",), "pairing": ("pairing",), "memory": ("memory",),
                "outputs": ("outputs",), "hotspots": ("hotspots",)}
_STARTED = time.perf_counter()


def say(message: str) -> None:
    """A progress line, with the time since the benchmark started: `bench: [12:05] memory: …`."""
    s = int(time.perf_counter() - _STARTED)
    print(f"bench: [{s // 60:d}:{s % 60:02d}] {message}", flush=True)


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
    rss_of: dict[int, float] = {}  # each process's own peak (MB)
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
                        one = p.memory_info().rss
                        rss += one
                        rss_of[p.pid] = max(rss_of.get(p.pid, 0.0), one / 2**20)
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
    return {"wall": wall, "cpu": cpu, "per_process": cpu_of, "peak_rss_mb": peak["rss"], "rss_per_process": rss_of,
            "max_single_rss_mb": after.ru_maxrss / 1024, "processes": len(cpu_of), "rc": proc.returncode,
            "stderr": err.decode("utf-8", "replace")[-2000:], "json": _json_line(out)}


def _json_line(out: bytes | None):
    if not out:
        return None
    try:
        return json.loads(out.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def instructions(argv: list[str], env=None) -> int | None:
    """Instructions executed by argv (callgrind's Ir: every instruction of the process, the same
    however busy the machine is), or None without valgrind. ~50× slower than a plain run."""
    valgrind = shutil.which("valgrind")
    if not valgrind:
        return None
    out = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in out.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1].strip())
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
    say(f"generating {n} reports × {', '.join(formats)} in {base}")
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
    def __init__(self, work: Path, xxgk: Path, python: Path, env: dict, runs: int, sizes: dict,
                 sections: set[str] | None = None, earlier: dict | None = None):
        self.work, self.xxgk, self.python, self.env, self.runs, self.sizes = work, xxgk, python, env, runs, sizes
        self.sections = sections  # None: every section
        self.earlier = earlier or {}  # the batch results of an earlier run, for the sections not run
        self.results: dict = {"load_before": load()}

    def section(self, name: str, fn, *a, **kw):
        """Run one measurement section, recording the load average (1, 5, 15 min) before and after;
        the results so far are saved after each (work/partial.json), so a run that fails late
        keeps what it measured."""
        if self.sections is not None and name not in self.sections:
            # not measured this time: what an earlier run measured stays (bench/run.py --sections)
            for key in SECTION_KEYS.get(name, (name,)):
                if key in self.earlier:
                    self.results[key] = self.earlier[key]
            if name in (self.earlier.get("loads") or {}):
                self.results.setdefault("loads", {})[name] = self.earlier["loads"][name]
            return
        before, t0 = load(), time.perf_counter()
        say(f"section {name} …")
        fn(*a, **kw)
        minutes = (time.perf_counter() - t0) / 60
        self.results.setdefault("loads", {})[name] = {"before": before, "after": load(), "minutes": minutes}
        say(f"section {name} done in {minutes:.1f} min")
        (self.work / "partial.json").write_text(json.dumps(self.results, indent=1, ensure_ascii=False, default=str),
                                                encoding="utf-8")

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
            say(f"{fmt}: {files} reports, --jobs 1 and 2, parse-only")
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
            if True:  # the profile by stage: where the time over parsing goes
                r = measure([str(self.python), str(BENCH / "stages.py"), str(d), "." + fmt, "200"], env=self.env,
                            stdout=subprocess.PIPE)
                row["stages"] = (r.get("json") or {})
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
            r = self.repeat(self.check(path, "--jobs", "1"), runs=max(3, self.runs) if self.runs > 1 else 1)
            rows.append({"factor": factor, "bytes": path.stat().st_size, "cpu": r["cpu"], "wall": r["wall"]})
        # start-up is the same for every size: the work is the difference to a tiny file
        tiny = d / "tiny.md"
        tiny.write_text("# 某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n", encoding="utf-8")
        floor = self.repeat(self.check(tiny, "--jobs", "1"), runs=max(3, self.runs) if self.runs > 1 else 1)
        self.results["scaling"] = {"rows": rows, "floor_cpu": floor["cpu"]}

    # -------------------------------------------------------------- instruction counts
    def instruction_counts(self, dirs: dict[str, Path]) -> None:
        """callgrind's instruction count of whole `xxgk check` processes: the scaling files (the
        five-line draft, 1×, 10×, 100×) and the first report of each format. Robust to load."""
        if not shutil.which("valgrind"):
            self.results["instructions"] = None
            return
        say("instruction counts (callgrind)")
        d = self.work / "scaling"
        out = {"scaling": {}, "formats": {}}
        for name in ("tiny", "x1", "x10", "x100"):
            out["scaling"][name] = instructions(self.check(d / f"{name}.md", "--jobs", "1"), env=self.env)
        for fmt, folder in dirs.items():
            if fmt != "pdf":
                continue  # the scaling rows are Markdown reports; docx and html left out for time
            first = sorted(folder.iterdir())[0]
            out["formats"][fmt] = {"file": first.name, "bytes": first.stat().st_size,
                                   "ir": instructions(self.check(first, "--jobs", "1"), env=self.env)}
        self.results["instructions"] = out

    # -------------------------------------------------------------- profile by function
    def hotspots(self, dirs: dict[str, Path], max_files: int = 60) -> None:
        """cProfile of the check's stages over (at most max_files of) each format's reports."""
        out = {}
        for fmt, d in dirs.items():
            say(f"profile by function: {fmt}")
            r = measure([str(self.python), str(BENCH / "hotspots.py"), str(d), "." + fmt,
                         str(max_files if fmt != "pdf" else max_files // 4)], env=self.env, stdout=subprocess.PIPE)
            out[fmt] = r.get("json")
        self.results["hotspots"] = out

    # -------------------------------------------------------------- memory
    def memory(self, dirs_by_n: dict[int, Path], skip: int | None = None) -> None:
        """skip: a size the outputs section measures anyway (its --format json run gives the row)."""
        out = {}
        for n, d in dirs_by_n.items():
            for jobs in ((1, 2) if n <= 1000 else (2,)):  # larger batches with workers only (their time)
                if n == skip and jobs == 2:
                    continue
                say(f"memory: {n} reports, --jobs {jobs}")
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
            say(f"outputs: {n} reports, --format {fmt}")
            r = self.repeat([str(self.xxgk), "check", str(d), "--format", fmt, "--output", str(target), "--jobs", "2"],
                            runs=1, sample=0.1)
            out[fmt] = {"bytes": target.stat().st_size, "wall": r["wall"], "cpu": r["cpu"], "peak_rss_mb": r["peak_rss_mb"]}
            row = (self.results.get("memory") or {}).get(f"{n}/2")
            if fmt == "json" and "memory" in self.results and (row is None or "from" in row):
                self.results["memory"][f"{n}/2"] = {"n": n, "jobs": 2, "peak_rss_mb": r["peak_rss_mb"], "wall": r["wall"],
                                                    "cpu": r["cpu"], "processes": r["processes"],
                                                    "from": "outputs (--format json --output FILE)"}
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
        say(f"pairing: {n} reports (two years per agency), paired vs unpaired")
        runs = {"paired": [], "unpaired": []}
        for _ in range(self.runs):
            runs["paired"].append(measure(self.check(d, "--jobs", "1"), env=self.env))
            runs["unpaired"].append(measure(self.check(d, "--jobs", "1", "--ignore", "XYR"), env=self.env))
        self.results["pairing"] = {"n": n, **{k: {"cpu": median_of(v, "cpu"), "wall": median_of(v, "wall")}
                                              for k, v in runs.items()}}

    # -------------------------------------------------------------- PDF libraries
    def pdf_libraries(self, generated: Path | None, corpus: bool = True) -> None:
        script = BENCH / "pdf_compare.py"
        args = [str(p) for p in CORPUS_PDFS] if corpus else []
        if generated is not None:
            args += [str(p) for p in sorted(generated.glob("*.pdf"))[:4]]
        r = measure([str(self.python), str(script), *args], env=self.env, stdout=subprocess.PIPE)
        if r["rc"] != 0:
            raise SystemExit(f"bench: pdf_compare failed:\n{r['stderr']}")
        self.results["pdf_libraries"] = r["json"]


# ---------------------------------------------------------------- the whole batch benchmark

def run_batch(work: Path, xxgk: Path, python: Path, env: dict, *, runs: int, reports: int, pdf_reports: int,
              memory_sizes: list[int], outputs_n: int, pairs: int, seed: int = 2024, pdf_corpus: bool = True,
              count_instructions: bool = True, sections: set[str] | None = None, earlier: dict | None = None) -> dict:
    """Every batch measurement, or only `sections` (the others' results are taken from `earlier`,
    an earlier run's batch results); returns the results (rendered by `render`)."""
    b = Batch(work, xxgk, python, env, runs, {}, sections, earlier)
    started = time.perf_counter()

    def wanted(*names: str) -> bool:
        return sections is None or any(n in sections for n in names)

    dirs, pdf_dirs = {}, {}
    if wanted("formats", "instructions", "hotspots", "pdf_libraries"):
        dirs = make_corpus(work, f"mixed-{reports}", reports, ("md", "docx", "html"), seed=seed)
        pdf_dirs = make_corpus(work, f"pdf-{pdf_reports}", pdf_reports, ("pdf",), seed=seed + 1)
        b.results["corpus"] = describe_corpus({**dirs, **pdf_dirs})
    elif "corpus" in b.earlier:
        b.results["corpus"] = b.earlier["corpus"]
    b.section("formats", b.per_format, {**dirs, **pdf_dirs})
    b.section("pdf_libraries", b.pdf_libraries, pdf_dirs.get("pdf"), corpus=pdf_corpus)
    b.section("scaling", b.scaling)
    if count_instructions:
        b.section("instructions", b.instruction_counts, {**dirs, **pdf_dirs})
    if wanted("pairing"):
        pair_dir = make_corpus(work, f"pairs-{pairs}", 2 * pairs, ("md",), seed=seed + 2, years_per_agency=2)["md"]
        b.section("pairing", b.pairing, pair_dir)
    else:
        b.section("pairing", b.pairing, None)
    mem_dirs = {n: make_corpus(work, f"md-{n}", n, ("md",), seed=seed + 3 + i, long=0.1)["md"]
                for i, n in enumerate(memory_sizes) if wanted("memory") or (n == outputs_n and wanted("outputs"))}
    b.section("memory", b.memory, mem_dirs, skip=outputs_n if wanted("outputs") else None)
    out_dir = None
    if wanted("outputs"):
        out_dir = mem_dirs.get(outputs_n) or make_corpus(work, f"md-{outputs_n}", outputs_n, ("md",), seed=seed + 9)["md"]
    b.section("outputs", b.outputs, out_dir)
    b.section("hotspots", b.hotspots, {**dirs, **pdf_dirs})
    b.results["load_after"] = load()
    b.results["seconds"] = time.perf_counter() - started
    return b.results


def describe_corpus(dirs: dict[str, Path]) -> dict:
    out = {}
    for fmt, d in dirs.items():
        files = [f for f in d.iterdir() if f.is_file()]
        out[fmt] = {"files": len(files), "bytes": sum(f.stat().st_size for f in files)}
    return out


TARGET_OVER_PARSE = 1.3  # check ÷ parse-only CPU, md/docx/html
TARGET_PDF_MS = 300  # CPU per PDF report
TARGET_SPEEDUP = 1.8  # --jobs 2 over --jobs 1
TARGET_RSS_MB = 200  # peak RSS of the tree at 10,000 reports


def _meets(ok: bool) -> str:
    return "meets" if ok else "**MISSES**"


def _load(r: dict, name: str) -> str:
    got = (r.get("loads") or {}).get(name)
    if not got:
        return ""
    return (f"Load average (1, 5, 15 min; 2 cores) {got['before']} before this section, {got['after']} after "
            f"({got['minutes']:.0f} min).")


def _busy(r: dict, name: str) -> bool:
    """The 1-minute load average above the cores before or after a section."""
    got = (r.get("loads") or {}).get(name) or {}
    try:
        return max(float(got[k].split()[0]) for k in ("before", "after")) > (os.cpu_count() or 1)
    except (KeyError, ValueError, IndexError):
        return False


def _ms(s: float, n: int) -> str:
    return f"{s / max(n, 1) * 1000:.1f}"


def render(r: dict) -> list[str]:
    """BENCHMARKS.md's batch sections."""
    lines = ["", "## Batch: an auditor's folder", "",
             "Reports made by `tools/generate_reports.py --variety` (county governments, departments and townships; "
             "2020 reports in the 2019 format beside 2021-format ones; one in ten with a defect of one of four kinds; "
             "one in five long), the same reports in each format. Each command is a whole `xxgk check FOLDER --format "
             "json --output /dev/null` process; CPU time is user + system of the process and every worker it waited "
             "for (getrusage of the children), so it does not depend on how busy the machine is; wall time does. "
             f"Load average before the batch measurements {r['load_before']}, after {r['load_after']} "
             f"({r['seconds'] / 60:.0f} min in all).", ""]
    corpus = r["corpus"]
    lines.append("| format | reports | size | mean size |")
    lines.append("|---|---:|---:|---:|")
    for fmt, c in corpus.items():
        lines.append(f"| {fmt} | {c['files']} | {c['bytes'] / 2**20:.1f} MB | {c['bytes'] / max(c['files'], 1) / 1024:.1f} KB |")

    f = r["formats"]
    lines += ["", "### Cost over reading", "",
              "`xxgk check --jobs 1` against parsing the same files with the library underneath and nothing else "
              "(bench/parse_only.py: md = read + decode + split lines; docx = zipfile + lxml of document.xml; "
              "html = xxgk's decoding + lxml.html; pdf = the PDF library's characters, words and ruling objects). "
              "CPU time, median of the runs. Target: check ≤ 1.3× parse-only for md, docx and html.", "",
              "| format | reports | check CPU | ms / report | parse-only CPU | ms / report | check ÷ parse-only |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for fmt, row in f.items():
        n = row["files"]
        for kind, cpu in row["parse"].items():
            ratio = row["jobs1"]["cpu"] / cpu if cpu > 0 else float("inf")
            lines.append(f"| {fmt} ({kind}) | {n} | {row['jobs1']['cpu']:.2f} s | {_ms(row['jobs1']['cpu'], n)} | "
                         f"{cpu:.3f} s | {_ms(cpu, n)} | {ratio:.1f}× |")
    lines += ["", _load(r, "formats"), ""]
    for fmt in ("md", "docx", "html"):
        if fmt in f:
            row = f[fmt]
            ratio = row["jobs1"]["cpu"] / next(iter(row["parse"].values()))
            lines.append(f"- {fmt}: check = {ratio:.1f}× parse-only ({_meets(ratio <= TARGET_OVER_PARSE)} ≤ "
                         f"{TARGET_OVER_PARSE}×)")
    if "pdf" in f:
        per = f["pdf"]["jobs1"]["cpu"] / f["pdf"]["files"] * 1000
        lines.append(f"- pdf: {per:.0f} ms of CPU a report for the whole check, start-up included "
                     f"({_meets(per <= TARGET_PDF_MS)} ≤ {TARGET_PDF_MS} ms)")

    lines += ["", "Where the time goes (bench/stages.py: the first 200 of the same reports in one process, CPU per report by "
              "stage; *read* is the library's parse plus xxgk's walk over it):", "",
              "| format | read | recognise | facts | rules | after the rules | total | parse-only |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for fmt, row in f.items():
        st = row.get("stages") or {}
        n = st.get("files") or 0
        cpu = st.get("cpu_s") or {}
        if not n:
            continue
        first = next(iter(row["parse"].values()))
        lines.append(f"| {fmt} | " + " | ".join(f"{cpu[k] / n * 1000:.1f} ms" for k in ("read", "recognise", "facts", "rules", "finish"))
                     + f" | {sum(cpu.values()) / n * 1000:.1f} ms | {first / row['files'] * 1000:.1f} ms |")
    lines += ["", "### Throughput with --jobs 1 and --jobs 2", "",
              "Reports per second of wall time (median), total CPU, and the CPU of each process of the --jobs 2 run "
              "(the parent, then each worker): on a shared machine the scheduler may give a run less than two cores, "
              "so the speed-up the second core can give is also shown from CPU time: the --jobs 1 CPU over the "
              "busiest process of the --jobs 2 run (what the wall time would be with a core per process).", "",
              "| format | reports | --jobs 1 wall | reports/s | --jobs 2 wall | reports/s | wall speed-up | "
              "CPU --jobs 1 | CPU --jobs 2 | CPU per process (--jobs 2) | speed-up from CPU |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    for fmt, row in f.items():
        n = row["files"]
        j1, j2 = row["jobs1"], row["jobs2"]
        per = statistics.median(max(p) for p in j2["per_process"] if p) if any(j2["per_process"]) else 0
        procs = min(j2["per_process"], key=lambda p: abs(sum(p) - j2["cpu"])) if j2["per_process"] else []
        lines.append(f"| {fmt} | {n} | {j1['wall']:.1f} s | {n / j1['wall']:.1f} | {j2['wall']:.1f} s | "
                     f"{n / j2['wall']:.1f} | {j1['wall'] / j2['wall']:.2f}× | {j1['cpu']:.1f} s | {j2['cpu']:.1f} s | "
                     f"{' / '.join(f'{p:.1f}' for p in procs)} s | {j1['cpu'] / per if per else 0:.2f}× |")
    lines.append("")
    for fmt, row in f.items():
        j1, j2 = row["jobs1"], row["jobs2"]
        per = statistics.median(max(p) for p in j2["per_process"] if p) if any(j2["per_process"]) else 0
        cpu_speed, wall_speed = (j1["cpu"] / per if per else 0), j1["wall"] / j2["wall"]
        lines.append(f"- {fmt}: the second core gives {cpu_speed:.2f}× from CPU time "
                     f"({_meets(cpu_speed >= TARGET_SPEEDUP)} ≥ {TARGET_SPEEDUP}×), {wall_speed:.2f}× in wall time")

    lines += ["", "### PDF libraries on the same files", "",
              "CPU per file (median of 3, in one process, imports excluded; bench/pdf_compare.py): xxgk's whole PDF "
              "reader; pdfplumber alone (characters, words, ruling objects: the library's part of it); pdfminer.six's "
              "own extract_text; pypdfium2 (text, every character's box and size, path objects). *Same lines*: the "
              "text lines pdfplumber gives found identically (whitespace and NFKC aside) among the lines rebuilt from "
              "PDFium's characters; *same characters*: the characters of the whole text as a multiset.", "",
              "| file | pages | xxgk | pdfplumber | pdfminer | pypdfium2 | same lines | same characters (pdfium / pdfminer) |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in (r.get("pdf_libraries") or {}).get("files", []):
        name = Path(row["path"]).name
        where = "generated " if "/corpus/pdf-" in row["path"] else ""
        lines.append(f"| {where}{name} | {row['pages']} | {row['xxgk'] * 1000:.0f} ms | {row['pdfplumber'] * 1000:.0f} ms | "
                     f"{row['pdfminer'] * 1000:.0f} ms | {row['pdfium'] * 1000:.0f} ms | "
                     f"{row['lines_same']}/{row['lines']} | {row['chars_same_pdfium']}/{row['chars']} / "
                     f"{row['chars_same_pdfminer']}/{row['chars']} |")

    lines += ["", _load(r, "pdf_libraries")]
    s = r["scaling"]
    lines += ["", "### Scaling: one report, longer", "",
              "The same report with its part 一 narrative written 1, 10 and 100 times (`render_markdown(length=…)`), "
              f"`--jobs 1`; *work* is the CPU over a five-line draft's ({s['floor_cpu'] * 1000:.0f} ms: start-up and "
              "rule loading).", "",
              "*Instructions* (callgrind, the whole process; the same however busy the machine) are counted the "
              "same way: the work is the count over the draft's.", "",
              "| length | size | CPU | work | work per KB | instructions | work (instructions) | per KB |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    ir = (r.get("instructions") or {}).get("scaling") or {}
    floor_ir = ir.get("tiny")
    per_kb = []
    for row in s["rows"]:
        work = row["cpu"] - s["floor_cpu"]
        kb = row["bytes"] / 1024
        n_ir = ir.get(f"x{row['factor']}")
        if n_ir and floor_ir:
            w_ir = n_ir - floor_ir
            per_kb.append(w_ir / kb)
            ir_cells = f"{n_ir / 1e6:.0f} M | {w_ir / 1e6:.0f} M | {w_ir / kb / 1e6:.2f} M"
        else:
            ir_cells = " | | "
        lines.append(f"| {row['factor']}× | {kb:.0f} KB | {row['cpu'] * 1000:.0f} ms | "
                     f"{work * 1000:.0f} ms | {work * 1000 / kb:.2f} ms | {ir_cells} |")
    if floor_ir:
        lines.append(f"| draft (floor) | | {s['floor_cpu'] * 1000:.0f} ms | | | {floor_ir / 1e6:.0f} M | | |")
    if len(per_kb) >= 2:
        lines += ["", f"- work per KB at the longest ÷ at 1×: {per_kb[-1] / per_kb[0]:.2f} in instructions "
                  f"({_meets(per_kb[-1] / per_kb[0] <= 1.5)} linear: ≤ 1.5, i.e. no worse than n·log n over this range)"]
    lines += ["", "CPU rows: " + _load(r, "scaling"), "", "Instruction counts (this table and the next): " + _load(r, "instructions")]
    fi = (r.get("instructions") or {}).get("formats") or {}
    if fi:
        lines += ["", "One report of each format, whole `xxgk check --jobs 1` process (callgrind instructions; the "
                  "draft's count is start-up and rule loading):", "",
                  "| format | file | size | instructions | over the draft |", "|---|---|---:|---:|---:|"]
        for fmt, row in fi.items():
            if row.get("ir"):
                over = f"{(row['ir'] - floor_ir) / 1e6:.0f} M" if floor_ir else ""
                lines.append(f"| {fmt} | {row['file']} | {row['bytes'] / 1024:.0f} KB | {row['ir'] / 1e6:.0f} M | {over} |")

    m = r["memory"]
    lines += ["", "### Memory", "",
              "Peak of the summed RSS of the whole process tree (parent and workers; psutil every 100 ms), "
              "Markdown reports, `--format json --output /dev/null`. Target ≤ 200 MB at 10,000 reports.", "",
              "| reports | --jobs | peak RSS (tree) | processes | wall | CPU |", "|---:|---:|---:|---:|---:|---:|"]
    for row in sorted(m.values(), key=lambda x: (x["n"], x["jobs"])):
        lines.append(f"| {row['n']:,}{' (the JSON run of the outputs below, to a file)' if row.get('from') else ''} | "
                     f"{row['jobs']} | {row['peak_rss_mb']:.0f} MB | {row['processes']} | {row['wall']:.0f} s | {row['cpu']:.0f} s |")
    biggest = max(m.values(), key=lambda x: (x["n"], x["jobs"]), default=None)
    if biggest:
        lines += ["", f"- {biggest['n']:,} reports, --jobs {biggest['jobs']}: {biggest['peak_rss_mb']:.0f} MB "
                  f"({_meets(biggest['peak_rss_mb'] <= TARGET_RSS_MB)} ≤ {TARGET_RSS_MB} MB at 10,000)"]
    lines += ["", _load(r, "memory")]

    o = r["outputs"]
    lines += ["", f"### Outputs at {o['n']} reports", "",
              "The same batch written as text, JSON, SARIF and HTML (`--jobs 2 --output FILE`); *extra* is the CPU and "
              "peak RSS over the text run.", "",
              "| format | size | per report | wall | CPU | extra CPU | peak RSS (tree) | extra RSS |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for fmt, row in o["formats"].items():
        lines.append(f"| {fmt} | {row['bytes'] / 2**20:.1f} MB | {row['bytes'] / o['n'] / 1024:.1f} KB | "
                     f"{row['wall']:.0f} s | {row['cpu']:.0f} s | "
                     f"{row.get('extra_cpu', 0):+.1f} s | {row['peak_rss_mb']:.0f} MB | {row.get('extra_rss_mb', 0):+.0f} MB |")
    lines += ["", _load(r, "outputs")]

    p = r["pairing"]
    lines += ["", "### Cross-year pairing", "",
              f"{p['n']} reports, two consecutive years for each agency, `--jobs 1`: paired (the default; XYR rules "
              "selected) against the same batch with `--ignore XYR` (no pairing).", "",
              "| run | CPU | wall | × unpaired CPU |", "|---|---:|---:|---:|"]
    for k in ("unpaired", "paired"):
        lines.append(f"| {k} | {p[k]['cpu']:.1f} s | {p[k]['wall']:.1f} s | {p[k]['cpu'] / p['unpaired']['cpu']:.2f}× |")
    lines += ["", _load(r, "pairing")]
    lines += render_hotspots(r)
    lines += render_reading(r)
    return lines


# issue 16's measurements on main before this work (another day, load not recorded)
BEFORE = {"pdf_ms": 1000, "rss_jobs1": {300: 131, 1000: 304, 3000: 799}, "pairing": 1.93,
          "html_mb_3000": 71, "html_extra_rss_3000": 814, "json_mb_3000": 59}


def render_reading(r: dict) -> list[str]:
    """The targets this run misses, why (from the stage table and the profile) and what would change
    them; and the figures the issue measured before, beside this run's."""
    f, m, o, p = r.get("formats") or {}, r.get("memory") or {}, r.get("outputs") or {}, r.get("pairing") or {}
    lines = ["", "### Reading the batch figures", ""]
    over = {fmt: f[fmt]["jobs1"]["cpu"] / next(iter(f[fmt]["parse"].values())) for fmt in ("md", "docx", "html")
            if fmt in f}
    st = {fmt: (row.get("stages") or {}) for fmt, row in f.items()}

    def stage_ms(fmt: str, key: str) -> float:
        s_ = st.get(fmt) or {}
        return (s_.get("cpu_s") or {}).get(key, 0.0) / max(s_.get("files") or 1, 1) * 1000

    if any(v > TARGET_OVER_PARSE for v in over.values()):
        lines += [
            "**Cost over reading (md, docx, html): missed, and not reachable as the target is written.** "
            "Parse-only is almost nothing: " + ", ".join(
                f"{fmt} {next(iter(f[fmt]['parse'].values())) / f[fmt]['files'] * 1000:.2f} ms" for fmt in over)
            + " a report, while the work xxgk exists for costs " + ", ".join(
                f"{fmt} {stage_ms(fmt, 'recognise') + stage_ms(fmt, 'facts') + stage_ms(fmt, 'rules'):.0f} ms"
                for fmt in over)
            + " a report after reading (recognising the parts and the tables, the facts, the rules; the stage table). "
            "Even a free reader would leave md at hundreds of times parse-only. Where that time goes (the profile "
            "above):",
            "",
            "- *Rules* (about half of a Markdown report's own work): the rule conditions are already compiled to "
            "Python closures once per rule pack (engine/evaluate.py `compile_expr` / `compile_cond`; the rules stage "
            "went from 17.6 to 13.9 ms a report), so what is left is the work itself: iterating every cell a rule "
            "names (`iterate`), looking facts up by path (`fact`), comparing (`compare`), and the per-rule wrapper "
            "(`engine/run.py _declarative`). What would change it: one pass over a table's cells for all the rules "
            "that iterate them (several SUM and TAB rules walk the same cells), facts indexed by id instead of "
            "resolved by path, and fewer passes of the phrase matcher over the text (phrases/match.py `find`, "
            "about 60 calls a report).",
            "- *Recognising tables*: recognize/tables.py matches each row's label against the official labels and "
            "places the figures into columns (`match_label`, `_best_row`, `_assign`); the label matches are cached "
            "per format across the reports of a batch, and a cell's text is parsed once.",
            "- *Reading docx and html*: xxgk's walk over the parsed tree costs several times the library's parse "
            f"(read stage docx {stage_ms('docx', 'read'):.0f} ms, html {stage_ms('html', 'read'):.0f} ms against "
            "parse-only above): for .docx the table walk (`_table`, `_cell_text`, `paragraph_text` with a numbering "
            "lookup — `num_pr`, `number_label` — for every paragraph of every cell, `collapse_cjk_spaces` on each); "
            "for HTML the article finder scores every element and strips the page chrome before the walk. Looking "
            "numbering up only for paragraphs that carry a numPr (or a style that has one) and scoring the article "
            "candidates in the same pass as the walk would bring the read stage nearer the parse.",
            "",
            "A target that measures what users pay for would be the check's own CPU a report (recognise + facts + "
            "rules) against a budget, e.g. ≤ 20 ms for a Markdown report, with the reader's overhead over its "
            "library kept ≤ 2× parse-only.",
            ""]
    if "pdf" in f:
        per = f["pdf"]["jobs1"]["cpu"] / f["pdf"]["files"] * 1000
        read = stage_ms("pdf", "read")
        lines.append(
            f"**PDF: {per:.0f} ms of CPU a report** ({'meets' if per <= TARGET_PDF_MS else 'misses'} ≤ {TARGET_PDF_MS} ms; "
            f"before: about {BEFORE['pdf_ms']} ms, pdfminer interpreting every page). Pages are parsed once, by "
            "PDFium (pypdfium2, Apache-2.0/BSD), into the objects pdfplumber would have made; every corpus and "
            "fixture PDF gives the same Document as with pdfminer (tests/test_pdfium_pages.py), and the table above "
            "shows the same characters from every library. "
            f"The read stage is {read:.0f} ms a report; in the profile it is the ctypes calls made for every "
            "character (`pdfium_pages._chars`), pdfplumber's table extraction testing every "
            "character against every cell (`char_in_bbox`), its word and line clustering, and xxgk's own grouping "
            "of ruling edges (`_groups`) and de-duplication of characters. What would cut it further: fewer ctypes "
            "calls a character (six today: generated?, code point, mapping error, box, origin, text object; the "
            "code points of a whole page come in one FPDFText_GetText call, and the text object is needed only "
            "where the font changes), and cells filled by sorting the characters once per table instead of "
            "pdfplumber's scan of every character for every cell.")
        lines.append("")
    j = []
    for fmt, row in f.items():
        per_proc = [max(x) for x in row["jobs2"]["per_process"] if x]
        if per_proc:
            j.append((fmt, row["jobs1"]["cpu"] / statistics.median(per_proc), row["jobs1"]["wall"] / row["jobs2"]["wall"]))
    if j:
        low = [x for x in j if x[1] < TARGET_SPEEDUP]
        lines.append(
            "**The second core**: from CPU time, --jobs 2 would finish in " + ", ".join(
                f"{fmt} 1/{cs:.2f}" for fmt, cs, _ in j) + " of the --jobs 1 time with a core per process; the wall "
            "times (" + ", ".join(f"{fmt} {ws:.2f}×" for fmt, _, ws in j) + ") depend on what else the machine ran "
            "(see the load averages)" + (": the load was above the machine's cores while they ran, so the wall-time "
            "speed-up measures the neighbours more than xxgk. " if _busy(r, "formats") else ". ")
            + ("The workers split the reports evenly and the parent only writes the results, so the busiest "
               "process carries about half the CPU of --jobs 1." if not low else
               "Short of it: " + ", ".join(f"{fmt}" for fmt, _, _ in low) + ". The pool hands out chunks "
               "of up to eight reports (imap_unordered), so the last chunk of a small batch of slow reports can "
               "leave one worker busy alone, and the parent's share (reading the workers' results, writing the "
               "output) is not spread over the workers."))
        lines.append("")
    if p:
        ratio = p["paired"]["cpu"] / p["unpaired"]["cpu"]
        lines.append(
            f"**Cross-year pairing: {ratio:.2f}× the CPU of the same batch unpaired** (before: {BEFORE['pairing']:.2f}×, "
            "when each previous report was analysed again for every pair). Each report is now read and analysed "
            "once; the cross-year rules run after the pairing on the results already made. A cProfile of this "
            "batch's paired and unpaired runs (the same code, outside this run: cumulative time, paired minus unpaired) puts "
            "the difference in three places: the cross-year rules themselves, which run in the first pass without "
            "last year's report and again for the paired ones, much of it spent listing every operand a rule that "
            "cannot apply lacks (engine/evaluate.py `causes`, tens of thousands of calls for 200 reports); every result is pickled into the spool and read back so that the cross-year "
            "pass can come after the pairing (`batch.packed`, `Spool.get`); and the narrative comparison of XYR003 "
            "(`xyr.copied_report`). What would change it: list a not-applicable rule's missing operands only when "
            "its result is kept (a paired report's first-pass cross-year results are replaced), keep a "
            "small batch's results in memory instead of the spool, and keep only the facts the cross-year rules "
            "read rather than the whole result.")
        lines.append("")
    big = [x for x in m.values() if x["jobs"] == 2]
    if big:
        lines.append(
            "**Memory**: with --jobs 2, peak RSS of the whole tree " + ", ".join(
                f"{x['peak_rss_mb']:.0f} MB at {x['n']:,}" for x in sorted(big, key=lambda x: x["n"]))
            + " reports: results are written as each report finishes and the parent keeps only the counts the "
            "summaries need, so memory no longer grows with the batch (before: "
            + " / ".join(f"{v} MB at {k:,}" for k, v in BEFORE["rss_jobs1"].items()) + " with --jobs 1).")
        lines.append("")
    rows = [("PDF, CPU a report", f"~{BEFORE['pdf_ms']} ms",
             f"{f['pdf']['jobs1']['cpu'] / f['pdf']['files'] * 1000:.0f} ms" if "pdf" in f else "")]
    one = [x for x in m.values() if x["jobs"] == 1]
    for x in sorted(one, key=lambda x: x["n"]):
        if x["n"] in BEFORE["rss_jobs1"]:
            rows.append((f"peak RSS, {x['n']:,} reports, --jobs 1", f"{BEFORE['rss_jobs1'][x['n']]} MB",
                         f"{x['peak_rss_mb']:.0f} MB"))
    if p:
        rows.append(("cross-year pairing, CPU × unpaired", f"{BEFORE['pairing']:.2f}×",
                     f"{p['paired']['cpu'] / p['unpaired']['cpu']:.2f}×"))
    fo = o.get("formats") or {}
    if o.get("n") == 3000 and fo:
        rows.append(("HTML output at 3,000 reports", f"{BEFORE['html_mb_3000']} MB, +{BEFORE['html_extra_rss_3000']} MB RSS",
                     f"{fo['html']['bytes'] / 2**20:.0f} MB, {fo['html']['extra_rss_mb']:+.0f} MB RSS"))
        rows.append(("JSON output at 3,000 reports", f"{BEFORE['json_mb_3000']} MB", f"{fo['json']['bytes'] / 2**20:.0f} MB"))
    lines += ["Before and after: *before* is what issue 16 measured on main before this work (another day; its load "
              "was not recorded), *after* is this run.", "", "| figure | before | this run |", "|---|---:|---:|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return lines


def render_hotspots(r: dict) -> list[str]:
    h = {fmt: v for fmt, v in (r.get("hotspots") or {}).items() if v}
    if not h:
        return []
    lines = ["", "### The profile: where xxgk's CPU goes, by function", "",
             "cProfile over each format's reports in one process (bench/hotspots.py: the stages of bench/stages.py, the "
             "first file and the imports left out), self time (time in a function itself, not in what it calls) as a "
             "share of the profiled total. cProfile taxes every Python call, so pure-Python code weighs more here "
             "than in a plain run: read the ranking, not the exact shares. " + _load(r, "hotspots"), "",
             "| format | files | areas (self time) | functions with the most self time |", "|---|---:|---|---|"]
    for fmt, v in h.items():
        areas = "; ".join(f"{a['area']} {a['self']:.0%}" for a in v["areas"][:7])
        funcs = "; ".join(f"`{f['function']}` {f['self']:.0%} ({f['calls'] / max(v['files'], 1):.0f} calls a report)"
                          for f in v["functions"][:6])
        lines.append(f"| {fmt} | {v['files']} | {areas} | {funcs} |")
    return lines


NATIONAL = {"pdf": 0.80, "html": 0.10, "docx": 0.07, "md": 0.03}  # the national corpus's mix, roughly


def render_national(r: dict, total: int = 100_000) -> list[str]:
    """The national run on paper, from this run's per-report CPU and the --jobs 2 efficiency."""
    f = r["formats"]
    per = {fmt: f[fmt]["jobs1"]["cpu"] / f[fmt]["files"] for fmt in NATIONAL if fmt in f}
    if len(per) < len(NATIONAL):
        return []
    cpu = sum(total * share * per[fmt] for fmt, share in NATIONAL.items())
    eff = []
    for fmt, row in f.items():
        per_proc = [max(p) for p in row["jobs2"]["per_process"] if p]
        if per_proc:
            eff.append(row["jobs1"]["cpu"] / statistics.median(per_proc) / 2)
    e = min(1.0, statistics.median(eff)) if eff else 0.9
    mem = r.get("memory") or {}
    rss = max((m["peak_rss_mb"] for m in mem.values() if m["jobs"] == 2), default=0)
    lines = ["", "## The national run, on paper", "",
             f"{total:,} reports a year, {int(NATIONAL['pdf'] * 100)}% PDF (assumed mix: "
             + ", ".join(f"{fmt} {share:.0%}" for fmt, share in NATIONAL.items())
             + "), at this run's CPU per report (`--jobs 1`: "
             + ", ".join(f"{fmt} {per[fmt] * 1000:.0f} ms" for fmt in NATIONAL)
             + f"): **{cpu / 3600:.1f} CPU-hours**. The --jobs 2 runs above kept {e:.0%} of each added core busy "
             "(CPU time), so on one machine:", "",
             "| cores (`--jobs N`) | wall time | peak memory (parent + N workers) |", "|---:|---:|---:|"]
    for n in (2, 8, 16, 32, 64):
        wall = cpu / (n * e)
        lines.append(f"| {n} | {wall / 3600:.1f} h | ~{rss / 3 * (n + 1):.0f} MB |" if rss else
                     f"| {n} | {wall / 3600:.1f} h | |")
    lines += ["",
              "Memory per process comes from the --jobs 2 memory rows (the tree's peak over its three processes); "
              "results are written as they finish, so it does not grow with the number of reports.",
              "",
              "Past one machine, shard the file list: `find reports -type f | sort > all.txt; split -n r/K all.txt "
              "shard.` and on machine i `xxgk check $(cat shard.i) --jobs $(nproc) --format json --output i.json` "
              "(or `--format sarif`; the per-file entries of the shards' JSON files concatenate into one list). "
              "Cross-year pairing only pairs reports inside one run, so shard by agency (keep an agency's folder in "
              "one shard: split the sorted list of agency folders, not of files), or give every report its "
              "predecessor with --previous. Each shard needs nothing from the others: K machines of N cores finish "
              "in about 1/(K·N·efficiency) of the CPU time above, plus the slowest single report.", ""]
    return lines
