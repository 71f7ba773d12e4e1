"""The report generator of the batch benchmark (tools/generate_reports.py): the agencies it draws."""
import random

import pytest

from tools.generate_reports import agencies


@pytest.mark.parametrize("n", [10, 3000, 10000])
def test_variety_gives_n_distinct_agencies(n):
    chosen = agencies(random.Random(7), n, townships=True)
    assert len(chosen) == n
    assert len(set(chosen)) == n
    levels = {level for _, level in chosen}
    assert levels == {"government", "department", "township"}


def test_more_agencies_than_there_are_is_refused():
    with pytest.raises(ValueError, match="distinct agencies"):
        agencies(random.Random(7), 10**6, townships=True)
