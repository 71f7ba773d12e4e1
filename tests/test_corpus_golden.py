"""Hand-checked real reports: xxgk's extracted table facts equal the golden cells (tests/corpus/golden/).

Each golden was read by a person from the report itself. Where xxgk misreads a kind of input today, the golden
names the kind in ``reads_wrongly_today`` and its test is a strict xfail: the engineer who fixes that kind of
input removes the line. Never change a golden value to match xxgk.
"""
import pytest

from tests.conftest import facts_of
from tests.corpus_golden import (
    compare,
    corpus_meta,
    expected_cells,
    golden_ids,
    golden_inputs,
    input_path,
    load_golden,
    template_columns,
)

IDS = golden_ids()


def _params():
    """One test per (golden, input file); the reason a kind is misread today may differ per file."""
    for entry_id in IDS:
        golden = load_golden(entry_id)
        per_input = golden.get("reads_wrongly_today_in") or {}
        for name in golden_inputs(golden):
            reason = per_input.get(name, golden.get("reads_wrongly_today"))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(entry_id, name, marks=marks, id=f"{entry_id}[{name}]")


@pytest.mark.parametrize(("entry_id", "name"), list(_params()))
def test_golden_cells(entry_id, name):
    path = input_path(name)
    if not path.exists():
        pytest.skip(f"{path} not available (shared corpus absent)")
    golden = load_golden(entry_id)
    diffs = compare(golden, facts_of(path))
    assert not diffs, f"{entry_id} ({name}): {len(diffs)} cell(s) differ from the hand-checked golden:\n  " + \
        "\n  ".join(diffs)


@pytest.mark.parametrize("entry_id", IDS)
def test_golden_is_complete(entry_id):
    """A golden covers every cell of parts 二, 三 and 四: every table and row of its template."""
    from tests.corpus_golden import FORMATS_DIR, load_yaml

    golden = load_golden(entry_id)
    assert golden["id"] == entry_id
    for name in golden_inputs(golden):
        if not name.startswith("shared:"):
            assert corpus_meta(name)["id"] == name
            assert input_path(name).exists()
    fmt = load_yaml(FORMATS_DIR / f"{golden['template']}.yaml")
    wanted = {(t["id"], r["id"]) for t in fmt["tables"] for r in t["rows"] if r.get("numeric", True)}
    seen = {(t, r) for t, r, _c, _v in expected_cells(golden)}
    missing = sorted(wanted - seen)
    # a hybrid report may lack template rows (e.g. one 其他处理 row): the golden then says which, and why
    missing = [m for m in missing if f"{m[0]}.{m[1]}" not in (golden.get("rows_absent_in_report") or {})]
    assert not missing, f"{entry_id}: golden lacks rows {missing}"
    assert template_columns(golden["template"])


def test_compare_names_each_differing_cell():
    golden = {"id": "x", "template": "gov2021", "year": 2022,
              "tables": {"t2_5": {"licensing": [12]}, "t2_6": {"penalty": ["blank"], "coercion": [{"raw": "减3"}]},
                         "t2_1": {"rules": {"unsplit": "000"}}}}
    facts = {"template": {"used": "gov2021"}, "meta": {"year": 2022}, "tables": {
        "t2_5": {"rows": {"licensing": {"found": True, "cells": {"decisions": {"type": "int", "value": 13, "raw": "13"}}}}},
        "t2_6": {"rows": {"penalty": {"found": True, "cells": {"decisions": {"type": "blank", "value": None, "raw": ""}}},
                          "coercion": {"found": True, "cells": {"decisions": {"type": "invalid", "value": None, "raw": "减3"}}}}},
        "t2_1": {"rows": {"rules": {"found": True, "cells": {"made": {"type": "int", "value": 0, "raw": "0"}}}}},
    }}
    diffs = compare(golden, facts)
    assert len(diffs) == 2
    assert diffs[0].startswith("t2_5.licensing.decisions: expected 12")
    assert "cannot be split" in diffs[1] and "made=0" in diffs[1]
    facts["tables"]["t2_5"]["rows"]["licensing"]["cells"]["decisions"]["value"] = 12
    facts["tables"]["t2_1"]["rows"]["rules"]["found"] = False
    assert compare(golden, facts) == []
    facts["meta"]["year"] = None
    assert compare(golden, facts) == ["year: expected 2022, xxgk found None"]


def test_corpus_metas_are_complete():
    """Every committed report has its sidecar with a source that can be traced and the facts the measurement uses."""
    from tests.corpus_golden import CORPUS_DIR, load_yaml

    metas = sorted(CORPUS_DIR.glob("*.meta.yaml"))
    assert metas
    for path in metas:
        meta = load_yaml(path)
        assert path.name == f"{meta['id']}.meta.yaml"
        assert (CORPUS_DIR / meta["file"]).exists(), meta["file"]
        for key in ("agency", "province", "level", "year", "format", "layout", "source_form", "defects"):
            assert meta.get(key) not in (None, ""), f"{path.name}: {key} missing"
        assert meta["level"] in ("government", "department", "township", "unknown")  # unknown: a 管委会 zone
        assert meta["format"] in ("gov2019", "gov2021")
        src = meta["source"]
        assert src.get("url") or (src.get("repo") and src.get("path") and len(src.get("commit", "")) == 40), path.name


def test_triage_and_manifest_are_well_formed():
    from tests.corpus_golden import CORPUS_DIR, load_yaml

    triage = load_yaml(CORPUS_DIR / "triage.yaml") or []
    keys = [(t["file"], t["fingerprint"]) for t in triage]
    assert len(keys) == len(set(keys)), "one verdict per finding"
    for t in triage:
        assert isinstance(t["verdict"], bool) and t["why"].strip() and t["rule"], t
    for item in load_yaml(CORPUS_DIR / "local-manifest.yaml") or []:
        for key in ("id", "local_path", "source", "agency", "province", "level", "year", "format", "layout", "what"):
            assert item.get(key) not in (None, ""), f"local-manifest {item.get('id')}: {key} missing"
