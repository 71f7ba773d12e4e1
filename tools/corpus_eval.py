"""Measure xxgk on real published reports: what it reads, what it reports, and how often it is right.

    python tools/corpus_eval.py                      # the full report (Markdown tables on stdout)
    python tools/corpus_eval.py --untriaged          # also list every finding nobody has judged yet
    python tools/corpus_eval.py --json out.json      # everything as data (for a diff between two runs)
    python tools/corpus_eval.py --code DIR --triage FILE   # an older xxgk (a `git archive` of it in DIR) on
                                                     # today's corpus, judged by FILE (see MEASUREMENTS.md)

Inputs, each where present:
- tests/corpus/*.meta.yaml: the committed corpus (one sidecar per report; `file` names the report);
- ../shared/corpus (or $XXGK_SHARED/corpus): NNN.meta + NNN.<ext>;
- tests/corpus/local-manifest.yaml: reports kept outside the repository (fetched snapshots, large PDFs); each
  entry names its `local_path` (relative to $XXGK_LOCAL_CORPUS, default /work/realcorpus-local) and is skipped,
  and counted as skipped, where the file is absent.

It runs `xxgk check --format json` and `xxgk extract --format jsonl` on all of them and prints:
1. per rule: findings at error / warning / info and how many reports fired;
2. per report: the format detected vs expected (from the meta), the year found and where from vs expected,
   the level, and rows read per standard table (rows with figures / numeric rows of the template);
3. golden mismatches (tests/corpus/golden/*.yaml), cell counts only;
4. the triage table: per rule, findings fired / judged / false / % right, from tests/corpus/triage.yaml, where a
   person records for each finding (keyed by file and fingerprint) whether it is true or false and why.

Exit code 0 unless xxgk itself could not be run.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from tests.corpus_golden import (  # noqa: E402
    compare,
    expected_cells,
    golden_ids,
    golden_inputs,
    load_golden,
    template_columns,
)

CORPUS = ROOT / "tests" / "corpus"
SHARED_CORPUS = Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared")) / "corpus"
LOCAL_ROOT = Path(os.environ.get("XXGK_LOCAL_CORPUS", "/work/realcorpus-local"))
TRIAGE = CORPUS / "triage.yaml"
MANIFEST = CORPUS / "local-manifest.yaml"
REPORT_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}
SEVERITIES = ("error", "warning", "info")


def load_yaml(path: Path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _expected_format(text) -> str | None:
    text = str(text or "")
    if text.startswith("gov20"):
        return text.split()[0]
    if text.startswith("2021"):
        return "gov2021"
    if text.startswith("2019"):
        return "gov2019"
    return None


def _shared_meta(path: Path) -> dict:
    """The shared corpus's NNN.meta: `key: value` lines (not always valid YAML)."""
    meta: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and " " not in key.strip():
            meta[key.strip()] = value.strip()
    return meta


def collect_entries(include_shared: bool = True, include_local: bool = True) -> tuple[list[dict], list[str]]:
    """[{name, path, expected: {format, year, level}}], and the names of manifest entries absent here."""
    entries: list[dict] = []
    for meta_path in sorted(CORPUS.glob("*.meta.yaml")):
        meta = load_yaml(meta_path)
        entries.append({"name": meta["id"], "path": CORPUS / meta["file"], "origin": "corpus",
                        "expected": {"format": meta.get("format"), "year": meta.get("year"),
                                     "level": meta.get("level"), "layout": meta.get("layout")}})
    if include_shared and SHARED_CORPUS.is_dir():
        for meta_path in sorted(SHARED_CORPUS.glob("*.meta")):
            meta = _shared_meta(meta_path)
            year = meta.get("year", "")
            for report in sorted(SHARED_CORPUS.glob(meta_path.stem + ".*")):
                if report.suffix in REPORT_SUFFIXES:
                    entries.append({"name": f"shared:{report.name}", "path": report, "origin": "shared",
                                    "expected": {"format": _expected_format(meta.get("format_version")),
                                                 "year": int(year) if year.isdigit() else None,
                                                 "level": None, "layout": meta.get("source_form")}})
    skipped: list[str] = []
    if include_local and MANIFEST.exists():
        for item in load_yaml(MANIFEST) or []:
            path = LOCAL_ROOT / item["local_path"]
            if not path.exists():
                skipped.append(item["id"])
                continue
            entries.append({"name": f"local:{item['id']}", "path": path, "origin": "local",
                            "expected": {"format": item.get("format"), "year": item.get("year"),
                                         "level": item.get("level"), "layout": item.get("layout")}})
    return entries, skipped


def _xxgk(args: list[str], paths: list[Path], jobs: int | None, code: Path = ROOT) -> str:
    """Run `python -m validator ARGS PATHS` from the source tree `code` (this checkout by default)."""
    cmd = [sys.executable, "-m", "validator", *args]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    env = dict(os.environ, PYTHONPATH=str(code))
    proc = subprocess.run(cmd + [str(p) for p in paths], capture_output=True, text=True, encoding="utf-8",
                          cwd=code, env=env)
    if proc.returncode not in (0, 1, 2) or not proc.stdout.strip():
        raise SystemExit(f"xxgk {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return proc.stdout


def run_xxgk(entries: list[dict], jobs: int | None, code: Path = ROOT) -> None:
    """Attach `result` (check json of the file) and `facts` (extract) to every entry."""
    paths = [e["path"] for e in entries]
    checked = json.loads(_xxgk(["check", "--format", "json"], paths, jobs, code))
    by_path = {os.path.realpath(f["path"]): f for f in checked["files"]}
    facts_by_path = {}
    for line in _xxgk(["extract", "--format", "jsonl"], paths, jobs, code).splitlines():
        if line.strip():
            facts = json.loads(line)
            facts_by_path[os.path.realpath((facts.get("source") or {}).get("path", ""))] = facts
    for e in entries:
        key = os.path.realpath(e["path"])
        e["result"] = by_path.get(key) or {"diagnostics": [], "error": "no result"}
        e["facts"] = facts_by_path.get(key) or {}


def rows_read(facts: dict) -> dict[str, str]:
    """{table: "read/numeric rows"} for every standard table of the template used."""
    template = (facts.get("template") or {}).get("used")
    out: dict[str, str] = {}
    if not template:
        return out
    fmt = load_yaml(ROOT / "rules" / "formats" / f"{template}.yaml")
    for table in fmt["tables"]:
        numeric = [r["id"] for r in table["rows"] if r.get("numeric", True)]
        rows = ((facts.get("tables") or {}).get(table["id"]) or {}).get("rows") or {}
        read = sum(1 for r in numeric
                   if (rows.get(r) or {}).get("found") and any(
                       c.get("type") in ("int", "decimal", "blank") for c in ((rows.get(r) or {}).get("cells") or {}).values()))
        out[table["id"]] = f"{read}/{len(numeric)}"
    return out


def findings(entries: list[dict]):
    for e in entries:
        for d in e["result"].get("diagnostics") or []:
            yield e, d


def load_triage(path: Path = TRIAGE) -> list[dict]:
    return (load_yaml(path) or []) if path.exists() else []


def triage_table(entries: list[dict], triage: list[dict]) -> tuple[list[dict], list[dict], list[tuple]]:
    """Per rule: fired, judged, false; the triage entries that match no current finding; untriaged findings."""
    verdicts = {(t["file"], t["fingerprint"]): t for t in triage}
    fired: Counter = Counter()
    by_severity: dict[str, Counter] = defaultdict(Counter)
    judged: Counter = Counter()
    false: Counter = Counter()
    severity: dict[str, str] = {}
    seen: set = set()
    untriaged: list[tuple] = []
    for e, d in findings(entries):
        rule = d["rule"]
        fired[rule] += 1
        by_severity[rule][d["severity"]] += 1
        severity.setdefault(rule, d["severity"])
        key = (e["name"], d.get("fingerprint"))
        verdict = verdicts.get(key)
        if verdict is None:
            untriaged.append((e, d))
            continue
        seen.add(key)
        judged[rule] += 1
        if verdict.get("verdict") is False or str(verdict.get("verdict")).lower() == "false":
            false[rule] += 1
    rows = []
    for rule in sorted(fired):
        right = judged[rule] - false[rule]
        rows.append({"rule": rule, "severity": severity[rule], "fired": fired[rule],
                     **{sev: by_severity[rule][sev] for sev in SEVERITIES}, "judged": judged[rule],
                     "false": false[rule],
                     "right_pct": round(100.0 * right / judged[rule], 1) if judged[rule] else None})
    stale = [t for t in triage if (t["file"], t["fingerprint"]) not in seen]
    return rows, stale, untriaged


def _md(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-shared", action="store_true", help="leave out ../shared/corpus")
    ap.add_argument("--no-local", action="store_true", help="leave out the local manifest files")
    ap.add_argument("--untriaged", action="store_true", help="list every finding without a triage verdict")
    ap.add_argument("--json", help="also write everything measured to this file")
    ap.add_argument("--jobs", type=int, default=None, help="worker processes for xxgk")
    ap.add_argument("--code", type=Path, default=ROOT,
                    help="run the xxgk of this source tree (e.g. `git archive f21dcb5 | tar -x -C DIR`)")
    ap.add_argument("--triage", type=Path, default=TRIAGE, help="the judgments to apply (default tests/corpus/triage.yaml)")
    args = ap.parse_args(argv)

    entries, skipped = collect_entries(not args.no_shared, not args.no_local)
    run_xxgk(entries, args.jobs, args.code.resolve())
    by_origin = Counter(e["origin"] for e in entries)
    print(f"# xxgk on the real-report corpus\n\n{len(entries)} inputs: " +
          ", ".join(f"{n} {o}" for o, n in sorted(by_origin.items())) +
          (f"; {len(skipped)} local manifest entries absent here ({', '.join(skipped)})" if skipped else ""))

    # 1. findings per rule
    per_rule: dict[str, Counter] = defaultdict(Counter)
    fired_in: dict[str, set] = defaultdict(set)
    for e, d in findings(entries):
        per_rule[d["rule"]][d["severity"]] += 1
        fired_in[d["rule"]].add(e["name"])
    print("\n## Findings per rule\n")
    print(_md(["rule", "error", "warning", "info", "reports fired"],
              [[r, per_rule[r]["error"], per_rule[r]["warning"], per_rule[r]["info"], len(fired_in[r])]
               for r in sorted(per_rule)]))

    # 2. reading per report
    print("\n## Reading per report\n")
    table_ids: list[str] = []
    report_rows = []
    for e in entries:
        facts = e["facts"]
        meta = facts.get("meta") or {}
        template = facts.get("template") or {}
        read = rows_read(facts)
        for t in read:
            if t not in table_ids:
                table_ids.append(t)
        exp = e["expected"]
        fmt_ok = "" if not exp.get("format") else ("ok" if template.get("used") == exp["format"] else "WRONG")
        year_ok = "" if not exp.get("year") else ("ok" if meta.get("year") == exp["year"] else "WRONG")
        level_ok = "" if not exp.get("level") else ("ok" if meta.get("level") == exp["level"] else "WRONG")
        e["reading"] = {"format": template.get("used"), "format_basis": template.get("basis"),
                        "expected_format": exp.get("format"), "format_ok": fmt_ok, "year": meta.get("year"),
                        "year_source": meta.get("year_source"), "expected_year": exp.get("year"), "year_ok": year_ok,
                        "level": meta.get("level"), "expected_level": exp.get("level"), "level_ok": level_ok,
                        "rows_read": read, "error": e["result"].get("error")}
        report_rows.append(e)
    print(_md(["report", "format (expected)", "", "year (source)", "", "level", "", *table_ids, "error"],
              [[e["name"], f"{e['reading']['format']} ({e['reading']['expected_format']})", e["reading"]["format_ok"],
                f"{e['reading']['year']} ({e['reading']['year_source']})", e["reading"]["year_ok"],
                e["reading"]["level"], e["reading"]["level_ok"],
                *[e["reading"]["rows_read"].get(t, "") for t in table_ids], e["reading"]["error"] or ""]
               for e in report_rows]))
    wrong = Counter()
    for e in report_rows:
        for k in ("format_ok", "year_ok", "level_ok"):
            if e["reading"][k] == "WRONG":
                wrong[k] += 1
    zero_t3 = sum(1 for e in report_rows if e["reading"]["rows_read"].get("t3", "0/").startswith("0/"))
    print(f"\nformat wrong: {wrong['format_ok']}, year wrong or missing: {wrong['year_ok']}, "
          f"level wrong: {wrong['level_ok']}, part 三 table with no row read: {zero_t3} of {len(report_rows)}")

    # 3. goldens
    print("\n## Golden facts (hand-checked cells)\n")
    golden_rows = []
    by_name = {e["name"]: e for e in entries}
    for gid in golden_ids():
        golden = load_golden(gid)
        for name in golden_inputs(golden):
            e = by_name.get(name)
            if e is None:
                continue
            diffs = compare(golden, e["facts"])
            columns = template_columns(golden["template"])
            total = sum(len(columns[t]) if c is None else 1 for t, _r, c, _v in expected_cells(golden))
            not_read = sum(1 for d in diffs if "not read" in d)
            kind = (golden.get("reads_wrongly_today_in") or {}).get(name, golden.get("reads_wrongly_today"))
            golden_rows.append([gid, name, total, len(diffs), not_read, len(diffs) - not_read, kind or ""])
    print(_md(["golden", "input", "cells", "differ", "of which not read", "of which wrong value", "known kind"],
              golden_rows))

    # 4. triage
    triage = load_triage(args.triage)
    rows, stale, untriaged = triage_table(entries, triage)
    print("\n## Triage: how often each rule is right\n")
    print(_md(["rule", "error", "warning", "info", "judged", "false", "% right"],
              [[r["rule"], r["error"], r["warning"], r["info"], r["judged"], r["false"],
                "" if r["right_pct"] is None else r["right_pct"]] for r in rows]))
    errors_untriaged = [x for x in untriaged if x[1]["severity"] == "error"]
    print(f"\n{len(triage)} triage entries; {len(stale)} match no current finding (reading changed: judge again); "
          f"{len(untriaged)} findings untriaged, {len(errors_untriaged)} of them errors.")
    if args.untriaged and untriaged:
        print("\n## Untriaged findings\n")
        for e, d in untriaged:
            loc = d.get("location") or {}
            print(f"- file: {e['name']}\n  fingerprint: {d.get('fingerprint')}\n  rule: {d['rule']}  # {d['severity']}"
                  f" line {loc.get('line')}: {d['message'][:160]}")
    if args.json:
        out = {"inputs": [{"name": e["name"], "path": str(e["path"]), "reading": e["reading"],
                           "findings": [{"rule": d["rule"], "severity": d["severity"], "fingerprint": d.get("fingerprint"),
                                         "message": d["message"]} for d in e["result"].get("diagnostics") or []]}
                          for e in entries],
               "skipped_local": skipped, "triage": rows, "stale_triage": stale,
               "goldens": golden_rows}
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
