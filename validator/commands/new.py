"""`xxgk new`: a blank report in the unified format of its year, to start drafting from.

    xxgk new --year 2024 --level government --agency 洪泽区人民政府 -o 2024.md
    xxgk new --from 2023.docx --format docx            # year, agency, level from last year's

Everything written comes from the format files (validator/skeleton.py); `--from LAST_YEAR`
carries over what carries (the format's `carry_forward`: 结转下年度 into 上年结转, 现行有效件数
as the starting point …), the agency and the contact sentences of last year's preface — when
LAST_YEAR is that agency's report of the year before (validator/pairing.py), never another's.

Exit codes: 0 written, 2 usage error (no format for the year, missing agency, an existing
output file without --force, an unreadable --from). Nothing existing is overwritten without
--force, and the file is replaced atomically.
"""
from __future__ import annotations

import os
import sys

from validator.i18n import t

EXIT_CLEAN, EXIT_ERROR = 0, 2  # as for every command (validator/cli.py); commands.check is not imported here

OUTPUT_FORMATS = ("md", "docx")


def _error(key: str, lang: str, **values) -> int:
    print("xxgk: " + t("error", lang) + t(key, lang, **values), file=sys.stderr)
    return EXIT_ERROR


def run(year: int | None = None, level: str | None = None, agency: str | None = None, fmt: str | None = None,
        output: str | None = None, from_path: str | None = None, lang: str = "zh", force: bool = False) -> int:
    from validator import skeleton as sk  # noqa: PLC0415
    from validator.recognize.formats import load_formats  # noqa: PLC0415
    from validator.recognize.meta import level_of  # noqa: PLC0415

    previous_facts, previous_preface, previous_meta = None, "", {}
    if from_path:
        from validator.document import InputError  # noqa: PLC0415
        from validator.pipeline import analyse  # noqa: PLC0415

        try:
            _, report, facts = analyse(from_path)
        except InputError as err:
            return _error("new.from-unreadable", lang, path=from_path, problem=err.message)
        previous_meta = facts["meta"]
        previous_facts, previous_preface = facts, report.part_text(None)[0]
    agency = (agency or previous_meta.get("agency") or "").strip()
    if not agency:
        return _error("new.no-agency", lang)
    if year is None and isinstance(previous_meta.get("year"), int):
        year = previous_meta["year"] + 1
    if year is None:
        return _error("new.no-year", lang)
    formats = [f for f in load_formats().values() if f.applies_to(year)]
    if not formats:
        first = min(f.year_from for f in load_formats().values())
        return _error("new.no-format", lang, year=year, first=first)
    unified = formats[0]
    level = level or (level_of(agency) if level_of(agency) != "unknown" else None)
    if level is None:
        return _error("new.no-level", lang, agency=agency)
    if from_path:
        from validator.pairing import mismatch  # noqa: PLC0415

        reason = mismatch({"agency": agency, "year": year}, previous_meta, "", from_path)
        if reason:
            print("xxgk: " + t("new.from-mismatch", lang, path=from_path, reason=reason.get(lang) or reason["zh"]),
                  file=sys.stderr)
            previous_facts, previous_preface = None, ""
    fmt = fmt or ("docx" if (output or "").lower().endswith(".docx") else "md")
    if output is None and fmt == "docx":
        output = sk.build(unified, year, agency, level).blocks[0].text + ".docx"
    if output and os.path.exists(output) and not force:
        return _error("new.exists", lang, path=output)
    skeleton = sk.build(unified, year, agency, level, previous_facts, previous_preface)
    if fmt == "docx":
        from validator.writers import docx  # noqa: PLC0415

        data = docx.render(skeleton)
    else:
        from validator.writers import markdown  # noqa: PLC0415

        data = markdown.render(skeleton).encode("utf-8")
    if output:
        from validator.safe_write import WriteRefused, write_output  # noqa: PLC0415 - the one atomic writer

        try:
            write_output(output, data)
        except WriteRefused as exc:
            return _error("new.cannot-write", lang, path=output, why=exc.text(lang))
        except OSError as exc:
            return _error("new.cannot-write", lang, path=output, why=exc.strerror or exc)
    else:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
    _say_what(skeleton, unified, output, from_path, lang)
    return EXIT_CLEAN


def _say_what(skeleton, unified, output: str | None, from_path: str | None, lang: str) -> None:
    """What was written and carried, on stderr (stdout may be the report itself)."""
    lines = [t("new.written", lang, path=output or "-", year=skeleton.year, agency=skeleton.agency,
               format=unified.basis)]
    if from_path:
        items = [t("new.carried.item", lang, label=c["label"], cells=c["cells"]) for c in skeleton.carried]
        if skeleton.contact_from_previous:
            items.append(t("new.carried.contact", lang))
        if items:
            lines.append(t("new.carried", lang, path=from_path, items=t("list.sep", lang).join(items)))
        for c in skeleton.not_carried:
            lines.append(t("new.not-carried", lang, label=c["label"], table=c["table_title"]))
    lines.append(t("new.next", lang, path=output or "FILE"))
    for line in lines:
        print("xxgk: " + line, file=sys.stderr)
