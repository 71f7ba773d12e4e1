"""Annotated Markdown drafts (semgrep-style): `<!-- expect: ID, … -->` before the block that must
trigger, `<!-- ok: ID -->` before a near miss, `<!-- expect-file: ID -->` for findings without a
line. The file's findings must equal its annotations exactly — an extra finding fails too."""
import re
from pathlib import Path

import pytest

from validator.commands.check import check_file
from validator.engine.rules import load_rules

DRAFTS = sorted((Path(__file__).parent / "drafts").glob("*.md"))
ANNOTATION = re.compile(r"<!--\s*(expect|ok|expect-file)\s*:\s*([A-Z0-9,\s]+?)\s*-->")


def blocks_after(lines, i):
    """(start, end) line numbers of the block after line i (1-based), skipping other annotations."""
    start = i + 1
    while start <= len(lines) and (not lines[start - 1].strip() or ANNOTATION.search(lines[start - 1])):
        start += 1
    end = start
    while end + 1 <= len(lines) and lines[end].strip() and not ANNOTATION.search(lines[end]):
        end += 1
    return start, end


@pytest.mark.parametrize("draft", DRAFTS, ids=[d.name for d in DRAFTS])
def test_draft_findings_equal_annotations(draft):
    lines = draft.read_text(encoding="utf-8").splitlines()
    expected, forbidden, file_level = set(), set(), set()
    for i, line in enumerate(lines, start=1):
        for kind, ids in ANNOTATION.findall(line):
            for rule in [x.strip() for x in ids.split(",") if x.strip()]:
                if kind == "expect-file":
                    file_level.add(rule)
                else:
                    block = blocks_after(lines, i)
                    (expected if kind == "expect" else forbidden).add((rule, block))
    rules = load_rules()
    result = check_file(str(draft), rules, {})
    got_blocks, got_file = set(), set()
    blocks = sorted({b for _, b in expected | forbidden})
    for f in result.active:
        line = f.location.span.line
        hit = next((b for b in blocks if line is not None and b[0] <= line <= b[1]), None)
        if hit is not None and (f.rule, hit) in expected | forbidden:
            got_blocks.add((f.rule, hit))
        else:
            got_file.add(f.rule if line is None or (f.rule, hit) not in expected else None)
    got_file.discard(None)
    assert got_blocks & forbidden == set(), f"near misses reported: {got_blocks & forbidden}"
    assert got_blocks == expected, f"missing: {expected - got_blocks}, unexpected: {got_blocks - expected}"
    assert got_file == file_level, f"file-level findings {got_file} != annotations {file_level}"
