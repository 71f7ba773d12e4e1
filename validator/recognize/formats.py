"""The unified formats as data: rules/formats/*.yaml, schema-checked, as light objects.

No table or row label lives in Python; this module only gives the YAML a shape the
recogniser can walk (rows with parents, columns with groups, normalised label keys).
"""
from __future__ import annotations

from functools import lru_cache

from validator.normalize import label_key
from validator.records import field, record
from validator.resources import files_with_suffix, formats_dir
from validator.validation import cached, validate
from validator.yamlio import load_yaml


@record
class ColumnSpec:
    id: str
    label: str
    path: list[str] = field(default_factory=list)
    signed: bool = False
    value_type: str | None = None
    path_in_label: bool = True  # the table's column_path_in_label (false for table 三's 申请人情况 …)

    @property
    def key(self) -> str:
        return label_key(self.label)

    @property
    def full_label(self) -> str:
        """'行政复议 / 结果维持' for part 四; the plain label where the format says the path is not named."""
        return " / ".join([*self.path, self.label]) if self.path_in_label else self.label


@record
class RowSpec:
    id: str
    label: str
    parent: str | None = None
    numeric: bool = True
    headerless: bool = False

    @property
    def key(self) -> str:
        return label_key(self.label)


@record
class TableSpec:
    id: str
    part: int
    title: str
    value_type: str
    columns: list[ColumnSpec]
    rows: list[RowSpec]
    caption: str | None = None
    corner: str | None = None
    unit: str | None = None
    spanning_labels: list[str] = field(default_factory=list)
    row_sets: dict[str, list[str]] = field(default_factory=dict)
    column_groups: dict[str, dict] = field(default_factory=dict)
    identities: list[dict] = field(default_factory=list)

    def row(self, row_id: str) -> RowSpec:
        return next(r for r in self.rows if r.id == row_id)

    def column(self, col_id: str) -> ColumnSpec:
        return next(c for c in self.columns if c.id == col_id)

    def children(self, row_id: str) -> list[RowSpec]:
        return [r for r in self.rows if r.parent == row_id]

    def leaf_rows(self, row_id: str) -> list[str]:
        """A row set, or a group row's numeric descendants, or the row itself: the rows whose
        figures an identity adds up ("outcomes" -> 予以公开 … 3.其他)."""
        if row_id in self.row_sets:
            return [leaf for member in self.row_sets[row_id] for leaf in self.leaf_rows(member)]
        kids = self.children(row_id)
        if not kids:
            return [row_id]
        return [leaf for kid in kids for leaf in self.leaf_rows(kid.id)]

@record
class PartSpec:
    number: int
    key: str
    title: str
    variants: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    skeleton: list[dict] = field(default_factory=list)  # what `xxgk new` writes under the heading

    @property
    def numeral(self) -> str:
        return "一二三四五六七八九十"[self.number - 1]

    @property
    def heading(self) -> str:
        return f"{self.numeral}、{self.title}"


@record
class FormatSpec:
    id: str
    title: str
    basis: str
    year_from: int
    year_to: int | None
    parts: list[PartSpec]
    markers: list[str]
    tables: list[TableSpec]
    source: str = ""
    skeleton: dict = field(default_factory=dict)  # title, preface … of a new report (xxgk new)
    carry_forward: list[dict] = field(default_factory=list)  # what a new report takes from last year's

    def table(self, table_id: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def part(self, no: int) -> PartSpec:
        return next(p for p in self.parts if p.number == no)

    def applies_to(self, year: int) -> bool:
        return year >= self.year_from and (self.year_to is None or year <= self.year_to)


def _build(data: dict, source: str) -> FormatSpec:
    tables = []
    for t in data["tables"]:
        tables.append(TableSpec(
            id=t["id"], part=t["part"], title=t["title"], value_type=t["value_type"],
            columns=[ColumnSpec(**c, path_in_label=t.get("column_path_in_label", True)) for c in t["columns"]],
            rows=[RowSpec(**r) for r in t["rows"]],
            caption=t.get("caption"), corner=t.get("corner"), unit=t.get("unit"),
            spanning_labels=t.get("spanning_labels", []), row_sets=t.get("row_sets", {}),
            column_groups=t.get("column_groups", {}), identities=t.get("identities", []),
        ))
    return FormatSpec(
        id=data["id"], title=data["title"], basis=data["basis"],
        year_from=data["years"]["from"], year_to=data["years"].get("to"),
        parts=[PartSpec(**p) for p in data["parts"]], markers=data["markers"], tables=tables,
        source=source, skeleton=data.get("skeleton", {}), carry_forward=data.get("carry_forward", []),
    )


def _load_validated(files: list[str]) -> list[tuple[dict, str]]:
    out = []
    for f in files:
        data = load_yaml(f)
        validate(data, "format.schema.json", str(f))
        out.append((data, str(f)))
    return out


def _is_validated(value, files: list[str]) -> bool:
    """A cached value has the shape _load_validated(files) gives."""
    return (isinstance(value, (list, tuple)) and len(value) == len(files)
            and all(isinstance(v, (list, tuple)) and len(v) == 2 and isinstance(v[0], dict) and v[1] == str(f)
                    and isinstance(v[0].get("id"), str) and isinstance(v[0].get("tables"), list)
                    for v, f in zip(value, files)))


@lru_cache(maxsize=None)
def load_formats() -> dict[str, FormatSpec]:
    files = files_with_suffix(formats_dir(), ".yaml")
    # the cache holds the validated plain data; building the specs from it takes ~0.3 ms
    specs = [_build(data, source) for data, source in cached("formats", files, lambda: _load_validated(files),
                                                             check=lambda v: _is_validated(v, files))]
    return {spec.id: spec for spec in specs}


def format_for_year(year: int | None) -> FormatSpec:
    formats = load_formats()
    if year is not None:
        for spec in formats.values():
            if spec.applies_to(year):
                return spec
    return max(formats.values(), key=lambda s: s.year_from)
