"""TAB: the standard tables' structure (format-spec §2.4–2.6, §3.2–3.4)."""
from __future__ import annotations

from validator.engine import reasons
from validator.engine.checks import CheckContext, named_check
from validator.engine.run import Violation
from validator.findings import Location


def _is_report(ctx: CheckContext) -> bool:
    return any(p["found"] for p in ctx.facts["parts"]) or any(t["found"] for t in ctx.facts["tables"].values())


def _groups(ctx: CheckContext) -> dict[int, list[str]]:
    """Standard tables by part: part 二's blocks are one table for presence purposes."""
    out: dict[int, list[str]] = {}
    for tid, t in ctx.facts["tables"].items():
        out.setdefault(t["part"], []).append(tid)
    return out


@named_check("table_missing")
def table_missing(ctx: CheckContext):
    if not _is_report(ctx):
        return ctx.na(reasons.not_relevant("没有识别出年报的任何部分或统计表（见 INP002）",
                                           "nothing of an annual report was recognised (see INP002)"))
    out = []
    for part, tids in sorted(_groups(ctx).items()):
        if any(ctx.facts["tables"][t]["found"] for t in tids):
            continue
        title = ctx.part_title(part)
        heading = ctx.part(part)
        names = "、".join(ctx.facts["tables"][t]["title"] for t in tids) if len(tids) > 1 else ctx.facts["tables"][tids[0]]["title"]
        if heading:
            note_zh = "该部分标题存在但没有识别到表格，表格可能以图片形式发布"
            note_en = "the part's heading is there but no table was recognised; it may have been published as an image"
        else:
            note_zh, note_en = "该部分标题和表格都没有找到", "neither the part's heading nor its table was found"
        loc = ctx.table_location(tids[0])
        loc.part = title
        out.append(Violation({"table": names, "part": title, "note_zh": note_zh, "note_en": note_en}, loc,
                             fingerprint_text=str(part)))
    return out


@named_check("row_missing")
def row_missing(ctx: CheckContext):
    """One finding per standard table (part 二 counts as one), listing every missing row."""
    out = []
    for part, tids in sorted(_groups(ctx).items()):
        found = [t for t in tids if ctx.facts["tables"][t]["found"]]
        if not found:
            continue  # TAB001's job
        missing: list[str] = []
        first_missing_tid = None
        for tid in tids:
            t = ctx.facts["tables"][tid]
            rows = t["missing_rows"] if t["found"] else [r for r, v in t["rows"].items() if v["numeric"]]
            labels = []
            for rid in rows:
                # part 四's single data row has no label of its own
                labels.append(t["rows"][rid]["label"] or "数据行")
            if labels:
                first_missing_tid = first_missing_tid or tid
                prefix = f"{t['title']}：" if len(tids) > 1 else ""
                missing.append(prefix + "、".join(labels) if len(tids) > 1 else "、".join(labels))
        if not missing:
            continue
        loc = ctx.table_location(found[0])
        loc.table = first_missing_tid
        title = ctx.part_title(part)
        out.append(Violation({"table": ctx.facts["tables"][tids[0]]["title"] if len(tids) == 1 else title,
                              "missing": "；".join(missing), "count": sum(len(m.split("、")) for m in missing)},
                             loc, fingerprint_text="|".join(missing)))
    return out


@named_check("cell_blank")
def cell_blank(ctx: CheckContext):
    out = []
    for tid, t in ctx.facts["tables"].items():
        if not t["found"]:
            continue
        blanks = []
        total_blank_next_to_figures = []
        n_cells = 0
        for rid, row in t["rows"].items():
            if not row.get("found") or not row.get("reliable", True):
                continue
            cells = row.get("cells", {})
            n_cells += len(cells)
            for cid, c in cells.items():
                if c["type"] == "blank":
                    blanks.append((rid, cid, c))
            if cells.get("total", {}).get("type") == "blank" and any(
                    c["type"] in ("int", "decimal") and c["value"] for k, c in cells.items() if k != "total"):
                total_blank_next_to_figures.append(row["label"])
        if not blanks:
            continue
        first = blanks[0]
        loc = ctx.table_location(tid, first[0], first[1])
        if len(blanks) == n_cells:
            desc_zh = f"整张表格的 {n_cells} 个单元格全部为空"
            desc_en = f"the whole table is blank ({n_cells} cells)"
        else:
            listed = [f"{t['rows'][r]['label'] or r}·{t['columns'][c].get('full_label') or t['columns'][c]['label']}"
                      for r, c, _ in blanks[:12]]
            more = f" 等 {len(blanks)} 个" if len(blanks) > 12 else f" 共 {len(blanks)} 个"
            desc_zh = "、".join(listed) + more
            desc_en = ", ".join(listed) + (f" and {len(blanks) - 12} more" if len(blanks) > 12 else f" ({len(blanks)} cells)")
        if total_blank_next_to_figures:
            desc_zh += "；其中“总计”为空而同行有非零数字：" + "、".join(total_blank_next_to_figures)
            desc_en += "; 总计 left blank next to non-zero figures in: " + ", ".join(total_blank_next_to_figures)
        out.append(Violation({"table": t["title"], "blanks_zh": desc_zh, "blanks_en": desc_en, "count": len(blanks)},
                             loc, fingerprint_text=f"{tid}:{len(blanks)}"))
    return out


@named_check("unrecognised_rows")
def unrecognised_rows(ctx: CheckContext):
    """Rows of figures whose label matches no official row (or two equally well): their figures
    take part in no check, so say so rather than let them vanish."""
    from validator.normalize import parse_cell  # noqa: PLC0415

    rows = []
    for u in ctx.facts.get("unassigned_rows", []):
        figures = [v for v in u["values"] if parse_cell(v)["type"] in ("int", "decimal")]
        if figures:
            rows.append(u)
    if not rows:
        return []
    from validator.document import SourceSpan  # noqa: PLC0415

    listed = "；".join(("“" + "".join(u["labels"])[-24:] + "”" if u["labels"] else "（无标签）") + " " + " ".join(u["values"][:8])
                      for u in rows[:6])
    return [Violation({"count": len(rows), "rows": listed}, Location(span=SourceSpan.from_dict(rows[0]["location"]),
                                                                     fact="tables.unassigned"),
                      fingerprint_text=listed)]
