"""Golden facts of hand-checked real reports (tests/corpus/golden/*.yaml) and their cell-by-cell comparison.

A golden file records, for one report, every cell of the part 二, 三 and 四 tables as a person read it from the
source (never from xxgk's output). Its shape::

    id: fj-pingtan-2022            # the corpus entry (tests/corpus/<id>.meta.yaml names the file)
    inputs: [shared:010.txt, shared:010.pdf]   # optional: the files holding this report (default: the id's file)
    template: gov2021              # the unified format the tables follow (rules/formats/<template>.yaml)
    year: 2022
    reads_wrongly_today: "issue 10: ..."   # optional: the kind of input xxgk misreads today (strict xfail)
    reads_wrongly_today_in: {shared:010.pdf: "issue 10: ..."}  # optional: the same, for one input only
    tables:
      t3:
        new: [71, 3, 0, 0, 0, 0, 74]       # a row: one value per template column, in template order
        carried_in: {natural: 1, total: 1} # or a mapping column id -> value (columns left out are not checked)
      t2_1:
        normative_docs: {unsplit: "8855698"}   # the row's figures run together and no identity splits them

Cell values: an integer; a decimal as a string ("9116.36"); ``blank`` for an empty cell; ``{raw: "减3"}`` for a
damaged cell that must be kept with its text (not a number). A whole row given as ``{unsplit: "..."}`` is a row
whose figures cannot be split with certainty: a right reading leaves it unread (or marks its cells invalid);
any figure xxgk claims for it is a difference.
"""
from __future__ import annotations

import os
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

CORPUS_DIR = Path(__file__).parent / "corpus"
GOLDEN_DIR = CORPUS_DIR / "golden"
FORMATS_DIR = Path(__file__).resolve().parent.parent / "rules" / "formats"

_template_cache: dict[str, dict] = {}


def load_yaml(path: Path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def template_columns(template: str) -> dict[str, list[str]]:
    """{table id: [column ids in template order]} of rules/formats/<template>.yaml."""
    if template not in _template_cache:
        fmt = load_yaml(FORMATS_DIR / f"{template}.yaml")
        _template_cache[template] = {t["id"]: [c["id"] for c in t["columns"]] for t in fmt["tables"]}
    return _template_cache[template]


def corpus_meta(entry_id: str) -> dict:
    return load_yaml(CORPUS_DIR / f"{entry_id}.meta.yaml")


def golden_ids() -> list[str]:
    return sorted(p.stem for p in GOLDEN_DIR.glob("*.yaml"))


def load_golden(entry_id: str) -> dict:
    return load_yaml(GOLDEN_DIR / f"{entry_id}.yaml")


SHARED_CORPUS_DIR = Path(os.environ.get("XXGK_SHARED", Path(__file__).resolve().parent.parent.parent / "shared")) / "corpus"


def input_path(name: str) -> Path:
    """A corpus input by the name the measurement uses: a corpus id, or shared:FILE for ../shared/corpus/FILE."""
    if name.startswith("shared:"):
        return SHARED_CORPUS_DIR / name.split(":", 1)[1]
    return CORPUS_DIR / corpus_meta(name)["file"]


def golden_inputs(golden: dict) -> list[str]:
    """The inputs a golden describes: its `inputs` (the same report in several files), else its own id."""
    return list(golden.get("inputs") or [golden["id"]])


def report_path(entry_id: str) -> Path:
    return input_path(golden_inputs(load_golden(entry_id))[0])


def expected_cells(golden: dict):
    """Yield (table, row, column or None, expected) for every checked cell; column None = the whole row unsplit."""
    columns = template_columns(golden["template"])
    for table, rows in (golden.get("tables") or {}).items():
        if table not in columns:
            raise ValueError(f"golden {golden['id']}: table {table!r} is not in {golden['template']}")
        for row, value in rows.items():
            if isinstance(value, dict) and "unsplit" in value:
                yield table, row, None, value
            elif isinstance(value, list):
                if len(value) != len(columns[table]):
                    raise ValueError(f"golden {golden['id']}: {table}.{row} has {len(value)} values, "
                                     f"the template has {len(columns[table])} columns")
                for col, v in zip(columns[table], value):
                    yield table, row, col, v
            elif isinstance(value, dict):
                for col, v in value.items():
                    if col not in columns[table]:
                        raise ValueError(f"golden {golden['id']}: {table}.{row}: unknown column {col!r}")
                    yield table, row, col, v
            else:
                raise ValueError(f"golden {golden['id']}: {table}.{row}: a row is a list or a mapping")


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return None
    return None


def _describe(cell) -> str:
    if cell is None:
        return "not read"
    kind = cell.get("type")
    if kind in ("int", "decimal"):
        return f"{cell.get('value')} (raw {cell.get('raw')!r})"
    return f"{kind} (raw {cell.get('raw')!r})"


def _cell_differs(expected, cell) -> str | None:
    """None when the extracted cell agrees with the golden value, else what xxgk read instead."""
    if expected == "blank":
        return None if cell is not None and cell.get("type") == "blank" else _describe(cell)
    if isinstance(expected, dict) and "raw" in expected:
        ok = cell is not None and cell.get("type") not in ("int", "decimal") and \
            expected["raw"] in (cell.get("raw") or "")
        return None if ok else _describe(cell)
    want = _number(expected)
    if want is None:
        raise ValueError(f"golden value {expected!r} is not a number, 'blank', {{raw: …}} or {{unsplit: …}}")
    if cell is None or cell.get("type") not in ("int", "decimal"):
        return _describe(cell)
    got = _number(cell.get("value"))
    return None if got == want else _describe(cell)


def compare(golden: dict, facts: dict) -> list[str]:
    """Every cell where the facts differ from the golden, as readable lines (empty list: all agree)."""
    diffs: list[str] = []
    used = (facts.get("template") or {}).get("used")
    if used != golden["template"]:
        diffs.append(f"template: expected {golden['template']}, xxgk used {used}")
    if "year" in golden and (facts.get("meta") or {}).get("year") != golden["year"]:
        diffs.append(f"year: expected {golden['year']}, xxgk found {(facts.get('meta') or {}).get('year')}")
    tables = facts.get("tables") or {}
    for table, row, col, expected in expected_cells(golden):
        frow = ((tables.get(table) or {}).get("rows") or {}).get(row) or {}
        cells = frow.get("cells") or {} if frow.get("found") else {}
        if col is None:
            claimed = {c: v for c, v in cells.items() if v.get("type") in ("int", "decimal")}
            if claimed:
                diffs.append(f"{table}.{row}: figures run together ({expected['unsplit']!r}) cannot be split "
                             f"with certainty, xxgk claims " +
                             ", ".join(f"{c}={v.get('value')}" for c, v in claimed.items()))
            continue
        what = _cell_differs(expected, cells.get(col))
        if what is not None:
            diffs.append(f"{table}.{row}.{col}: expected {expected!r}, xxgk: {what}")
    return diffs
