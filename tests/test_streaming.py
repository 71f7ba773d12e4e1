"""Every reporter writes a batch as it comes (issue 16): nothing of a report it has written stays
in memory — not the result, not its findings — whatever the output format. Checked by weak
references: the results are made one at a time by a generator, and once a reporter has moved on
to later reports, the earlier ones must be gone."""
from __future__ import annotations

import copy
import gc
import io
import weakref

import pytest

from tests.conftest import EXAMPLE_2020, EXAMPLE_2023, SEED, need_shared
from validator.commands.check import CheckOptions, _rule_map
from validator.engine.rules import load_rules
from validator.reporters import REPORTERS, get_reporter

N = 12


@pytest.fixture(scope="module")
def checked():
    need_shared()
    from validator.batch import check_batch

    rules = load_rules()
    paths = [str(EXAMPLE_2023), str(EXAMPLE_2020), str(SEED)]
    return check_batch(paths, [None] * len(paths), {None: (rules, _rule_map(rules), {"indicators": True})}, jobs=1)


def _alive(groups) -> tuple[int, int]:
    gc.collect()
    results = sum(1 for refs in groups if refs[0]() is not None)
    return results, sum(1 for refs in groups for ref in refs[1:] if ref() is not None)


def _stream(checked, alive_counts, groups):
    """N fresh results (deep copies); before each, how many results and findings are alive of those
    before the last one (which the reporter's loop may still name)."""
    for i in range(N):
        alive_counts.append(_alive(groups[:-1]))
        r = copy.deepcopy(checked[i % len(checked)])
        groups.append([weakref.ref(r), *(weakref.ref(f) for f in r.findings)])
        yield r


@pytest.mark.parametrize("fmt,output_format", [(fmt, None) for fmt in REPORTERS] + [("text", "full")])
def test_reporters_keep_no_result_they_have_written(checked, fmt, output_format):
    alive: list[tuple[int, int]] = []
    groups: list[list[weakref.ref]] = []
    out = io.StringIO()
    opts = CheckOptions(fmt=fmt, output_format=output_format)
    get_reporter(fmt)(_stream(checked, alive, groups), out, opts, [])
    assert len(alive) == N and out.getvalue()
    # no earlier result; at most one finding (a loop's variable over the findings of the report
    # before a report without findings)
    assert max(results for results, _ in alive) == 0 and max(findings for _, findings in alive) <= 1, alive
    assert _alive(groups) == (0, 0)
