#!/usr/bin/env python3
"""Where `xxgk check` spends its time per report, by stage, in one process (imports and the
first file excluded): read (the format's reader: the library's parse plus xxgk's own walk over
it), recognise (parts, meta, tables), facts, rules, and what follows them (suppressions, how
sure each finding is).

    python bench/stages.py FOLDER SUFFIX [MAX_FILES]

Prints one JSON line: files and CPU seconds per stage.
"""
from __future__ import annotations

import json
import os
import resource
import sys


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def main(folder: str, suffix: str, max_files: str = "0") -> int:
    from validator.commands.check import finish_document
    from validator.engine.rules import load_rules
    from validator.engine.run import run_rules
    from validator.facts import build_facts
    from validator.readers import read_path
    from validator.recognize import recognise

    rules = load_rules()
    all_rules = {r.id: r for r in rules}
    config = {"severity": {}, "options": {}, "strict_inputs": False}
    files = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(suffix))
    if int(max_files):
        files = files[: int(max_files) + 1]
    stages = {"read": 0.0, "recognise": 0.0, "facts": 0.0, "rules": 0.0, "finish": 0.0}
    for i, path in enumerate(files):
        t0 = _cpu()
        doc = read_path(path)
        t1 = _cpu()
        report = recognise(doc)
        t2 = _cpu()
        facts = build_facts(report)
        t3 = _cpu()
        findings, checklist = run_rules(rules, facts, doc, report, config)
        t4 = _cpu()
        finish_document(doc.lines, facts, findings, checklist, rules, all_rules)
        t5 = _cpu()
        if i:  # the first file pays for lazy imports and compiled patterns
            for key, dt in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
                stages[key] += dt
    print(json.dumps({"files": max(0, len(files) - 1), "cpu_s": stages}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
