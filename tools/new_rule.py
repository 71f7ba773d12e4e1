#!/usr/bin/env python3
"""Start a rule: copy rules/_template.yaml under the next free id of an area.

    python tools/new_rule.py SEC                 # rules/sec/SEC008.yaml (the next free SEC id)
    python tools/new_rule.py PRV --dir my-pack   # my-pack/PRV001.yaml, for a user's rule pack
    python tools/new_rule.py TXT --name claim-without-figure

The file is a working rule (it checks a sentence in part 五, with its cases); edit its
title, message, check and cases (docs/writing-rules.md), then run them:
`python -m pytest tests/test_rules.py -k ID` (a built-in rule) or `xxgk explain ID --rules DIR`.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "rules" / "_template.yaml"


def next_id(area: str, folder: Path) -> str:
    """The area's next free id: one above the highest among the folder's files (and the built-in
    rules, so that a pack's id never shadows one of them)."""
    taken = [int(m.group(1)) for d in {folder, ROOT / "rules" / area.lower()} if d.is_dir()
             for f in d.glob(f"{area}[0-9][0-9][0-9].yaml") if (m := re.fullmatch(rf"{area}(\d{{3}})", f.stem))]
    n = max(taken, default=0) + 1
    if n > 999:
        raise SystemExit(f"new_rule: no free {area} id left")
    return f"{area}{n:03d}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("area", help="three capital letters: SEC, TAB, TXT … or a pack's own (PRV)")
    ap.add_argument("--dir", help="the folder to write to (default rules/<area>/)")
    ap.add_argument("--name", help="the rule's kebab-case name (default: the template's, to edit)")
    args = ap.parse_args(argv)
    area = args.area.upper()
    if not re.fullmatch(r"[A-Z]{3}", area):
        ap.error("AREA is three letters (SEC, TAB, TXT …)")
    if args.name and not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", args.name):
        ap.error("--name is kebab-case (missing-part)")
    folder = Path(args.dir) if args.dir else ROOT / "rules" / area.lower()
    folder.mkdir(parents=True, exist_ok=True)
    rule_id = next_id(area, folder)
    text = TEMPLATE.read_text(encoding="utf-8")
    # the template's leading comment is for someone reading the template, not the new rule
    text = text[text.index("id: AAA000"):]
    text = text.replace("id: AAA000", f"id: {rule_id}", 1)
    if args.name:
        text = re.sub(r"(?m)^name: .*$", f"name: {args.name}", text, count=1)
    target = folder / f"{rule_id}.yaml"
    with open(target, "x", encoding="utf-8") as fh:  # never overwrite
        fh.write(text)
    print(f"{target}: edit its title, message, check and cases (docs/writing-rules.md), then run "
          + (f"python -m pytest tests/test_rules.py -k {rule_id}" if not args.dir else f"xxgk explain {rule_id} --rules {folder}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
