import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "000_bc4977e2675690b5.txt"
CORPUS = SHARED / "corpus"
EXAMPLES = ROOT / "examples"
EXAMPLE_2020 = EXAMPLES / "report-2020-gov2019.md"
EXAMPLE_2023 = EXAMPLES / "report-2023-gov2021.md"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory):
    # never write into the developer's real cache from tests
    os.environ["XXGK_CACHE_DIR"] = str(tmp_path_factory.mktemp("xxgk-cache"))
    yield


def cli_run(args, capsys):
    """Run the xxgk command line in-process: (exit code, stdout, stderr)."""
    from validator.cli import main

    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def seed(tmp_path):
    """A writable copy of the seed report (baseline and --fix tests change files)."""
    import shutil

    need_shared()
    path = tmp_path / "seed.txt"
    shutil.copyfile(SEED, path)  # not the shared copy's read-only mode: --fix refuses read-only files
    return path


def need_shared():
    if not SEED.exists():
        pytest.skip(f"shared/ not found at {SHARED} (set XXGK_SHARED)")


def analyse(path):
    from validator.pipeline import analyse as _analyse

    return _analyse(path)


def facts_of(path):
    return analyse(path)[2]


def values(facts, table, row, cols=None):
    t = facts["tables"][table]
    r = t["rows"][row]
    assert r["found"], f"{table}.{row} not found"
    cols = cols or list(t["columns"])
    return [r["cells"].get(c, {}).get("value") for c in cols]


def parse_md(text, name="t.md"):
    from validator.readers.text_reader import parse_text

    return parse_text(text, path=name)


sys.path.insert(0, str(ROOT))
