"""Document -> Report: meta, the format in use, the parts, the standard tables.

The format is decided from the table markers (format-spec §3.5), separately from the year,
so that a 2019 table in a 2023 report is visible (TPL001) rather than silently re-read.
"""
from __future__ import annotations

from validator.document import Document, Table
from validator.normalize import label_key
from validator.recognize.formats import FormatSpec, format_for_year, load_formats
from validator.recognize.meta import recognise_meta
from validator.recognize.parts import find_parts
from validator.recognize.reading import reading_of
from validator.recognize.tables import Matcher
from validator.recognize.textstream import TextStream, build_stream
from validator.records import field, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any


@record
class Report:
    document: Document
    stream: TextStream
    meta: dict[str, Any]
    format: FormatSpec
    template: dict[str, Any]
    parts: list[dict]
    tables: dict[str, Any]  # table id -> TableResult
    unassigned: list[dict] = field(default_factory=list)

    def part_text(self, number: int | None) -> tuple[str, int]:
        """(prose of a part from its heading to the next part, its offset in the stream);
        None = the preface before part 一; ("", 0) for a part that was not found."""
        found = sorted(self.parts, key=lambda p: p["offset"])
        if number is None:
            end = found[0]["offset"] if found else len(self.stream.text)
            return self.stream.text[:end], 0
        mine = [p for p in found if p["number"] == number]
        if not mine:
            return "", 0
        start = mine[0]["offset"]
        later = [p["offset"] for p in found if p["offset"] > start]
        end = later[0] if later else len(self.stream.text)
        return self.stream.text[start:end], start

    def part_prose(self, number: int) -> tuple[str, int]:
        """(a part's prose without its heading, its offset in the stream); ("", 0) when absent.
        Also for headings found inline in flattened pages, and parts implied by a sub-heading."""
        text, offset = self.part_text(number)
        p = next((p for p in self.parts if p["number"] == number), None)
        if p is None:
            return "", 0
        if p["heading_source"] == "inline":
            cut = p.get("length", len(p["heading"]))  # in the stream (a mirror's heading loses its glosses)
        elif p["heading_source"] == "implied":
            cut = 0
        else:
            cut = text.index("\n") + 1 if "\n" in text else len(text)
        return text[cut:], offset + cut

    def narrative(self) -> dict[int, str]:
        """Part number -> the part's prose without its heading (what XYR003 compares across years)."""
        # each number once: part_prose reads the first part of a number, and a page that repeats
        # a heading thousands of times made this quadratic (sorting every part for every part)
        return {n: self.part_prose(n)[0] for n in dict.fromkeys(p["number"] for p in self.parts)}


def all_text_key(doc: Document, key=label_key) -> str:
    pieces = []
    for b in doc.blocks:
        if isinstance(b, Table):
            pieces.extend(c.text for row in b.rows for c in row)
        else:
            pieces.append(b.text)
    return key("\n".join(pieces))


def detect_template(doc: Document, year: int | None, key=label_key) -> dict[str, Any]:
    """Which format the tables follow, from the format markers found in the text (compared
    with `key`: `reading_key` for a document in traditional script)."""
    text_key = all_text_key(doc, key)
    formats = load_formats()
    found = {fid: [m for m in spec.markers if label_key(m) in text_key] for fid, spec in formats.items()}
    scores = {fid: len(ms) for fid, ms in found.items()}
    best = max(scores.values()) if scores else 0
    if best == 0:
        detected = None
        chosen = format_for_year(year)
        basis = "year" if year is not None else "default"
    else:
        leaders = [fid for fid, s in scores.items() if s == best]
        if len(leaders) == 1:
            detected = leaders[0]
        else:  # a tie: let the year decide between them
            by_year = format_for_year(year).id
            detected = by_year if by_year in leaders else leaders[0]
        chosen = formats[detected]
        basis = "markers"
    mixed = [fid for fid, s in scores.items() if s > 0]
    return {
        "detected": detected,
        "used": chosen.id,
        "basis": basis,
        "markers": found,
        "mixed": len(mixed) > 1,
        "expected_for_year": format_for_year(year).id if year is not None else None,
    }


def recognise(doc: Document) -> Report:
    stream = build_stream(doc)
    reading = reading_of(doc, stream)
    meta = recognise_meta(reading)
    template = detect_template(doc, meta["year"], reading.key)
    fmt = load_formats()[template["used"]]
    parts = find_parts(reading, fmt)
    part_blocks = {p["block"]: p["number"] for p in parts if p["heading_source"] != "inline"}
    # the reading document: a mirrored page flattened onto one line is read like the simplified one
    # (its tables stay the same objects, their labels compared with reading.key)
    matcher = Matcher(fmt, reading.doc, reading.stream, part_blocks, key=reading.key)
    matcher.run()
    if reading.converted:
        for result in matcher.results.values():
            reading.relocate([result.rows, result.columns, result.pieces, result.approximate])
        reading.relocate(matcher.unassigned)
    return Report(document=doc, stream=reading.rule_stream(), meta=meta, format=fmt, template=template, parts=parts,
                  tables=matcher.results, unassigned=matcher.unassigned)

