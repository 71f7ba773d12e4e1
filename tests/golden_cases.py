"""Which files have golden facts, and how facts are made comparable (paths made relative)."""
from tests.conftest import EXAMPLE_2020, EXAMPLE_2023, SEED, facts_of

GOLDEN_CASES = {
    "seed": SEED,
    "report-2020-gov2019": EXAMPLE_2020,
    "report-2023-gov2021": EXAMPLE_2023,
}


def golden_facts(path):
    facts = facts_of(path)
    facts["source"]["path"] = path.name
    return facts
