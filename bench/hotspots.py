#!/usr/bin/env python3
"""Where `xxgk check` spends its CPU, by function: cProfile over the reports of one folder, in one
process (imports and the first file excluded), the same stages as bench/stages.py.

    python bench/hotspots.py FOLDER SUFFIX [MAX_FILES]

Prints one JSON line: files, the profiled total, self time by area (an xxgk module, a library,
the interpreter's built-ins) and the functions with the most self time. cProfile's own overhead
falls on every Python call, so it inflates pure-Python code against C code: read the shares, not
the seconds, and those only roughly.
"""
from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys


def area(filename: str, name: str) -> str:
    path = filename.replace(os.sep, "/")
    if path == "~" or path.startswith("<"):
        if "re.Pattern" in name or "_sre" in name:
            return "re (C matcher)"
        return "built-ins (C)" if path == "~" else "interpreter"
    if "/validator/" in path:
        return "xxgk " + path.rsplit("/validator/", 1)[1]
    if "site-packages/" in path:
        return path.rsplit("site-packages/", 1)[1].split("/", 1)[0]
    mod = path.rsplit("/lib/python", 1)[-1].split("/", 1)[-1]
    return "stdlib " + mod.split("/", 1)[0].removesuffix(".py")


def main(folder: str, suffix: str, max_files: str = "200") -> int:
    from validator.commands.check import finish_document
    from validator.engine.rules import load_rules
    from validator.engine.run import run_rules
    from validator.facts import build_facts
    from validator.readers import read_path
    from validator.recognize import recognise

    rules = load_rules()
    all_rules = {r.id: r for r in rules}
    config = {"severity": {}, "options": {}, "strict_inputs": False}
    files = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(suffix))[: int(max_files) + 1]

    def check(path: str) -> None:
        doc = read_path(path)
        report = recognise(doc)
        facts = build_facts(report)
        findings, checklist = run_rules(rules, facts, doc, report, config)
        finish_document(doc.lines, facts, findings, checklist, rules, all_rules)

    if files:
        check(files[0])  # lazy imports and compiled patterns
    prof = cProfile.Profile()
    prof.enable()
    for path in files[1:]:
        check(path)
    prof.disable()
    stats = pstats.Stats(prof).stats  # (file, line, name) -> (cc, nc, tottime, cumtime, callers)
    total = sum(v[2] for v in stats.values()) or 1.0
    areas: dict[str, float] = {}
    funcs = []
    for (filename, line, name), (_cc, ncalls, tottime, cumtime, _callers) in stats.items():
        a = area(filename, name)
        areas[a] = areas.get(a, 0.0) + tottime
        where = (f"{a.removeprefix('xxgk ')}:{line} {name}" if filename not in ("~",) else name)
        funcs.append({"function": where, "calls": ncalls, "self": tottime / total, "cumulative": cumtime / total})
    funcs.sort(key=lambda f: -f["self"])
    top_areas = sorted(((a, t / total) for a, t in areas.items()), key=lambda x: -x[1])
    print(json.dumps({"files": max(0, len(files) - 1), "profiled_s": total,
                      "areas": [{"area": a, "self": s} for a, s in top_areas[:12]],
                      "functions": funcs[:12]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
