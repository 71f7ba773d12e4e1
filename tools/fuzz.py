#!/usr/bin/env python3
"""Fuzz xxgk's readers: mutations of real reports in, findings out — never an internal error.

Each input is a seed report (Markdown, text, HTML, .docx, PDF from examples/ and tests/fixtures/)
with a few mutations applied: the kinds of damage real files and hostile files carry — bytes
flipped, inserted or cut; a line saved by another editor (GBK, UTF-16); huge digit runs, 10^400,
full-width digits, signs and decimals in figures; text (未统计, N/A, 十四) where a figure belongs;
very long lines; lines and spans repeated thousands of times; table cells that span millions of
columns or rows; numbering that starts at 999999999999; charset declarations that lie. A .docx
is mutated inside its XML parts and rezipped (sometimes its zip bytes too); a PDF in its object
syntax (numbers, lengths, counts) and its bytes.

Every input is checked with the shipped rules, in this process, within the per-file time budget
(the same mechanism as `xxgk check --timeout`). An input fails the run when it yields:

- an internal-error finding (ENG001/ENG002) — a bug in xxgk;
- a traceback: an exception escaping check_one(), which promises never to raise;
- an INP007 finding: the file ran out of its time budget.

    python tools/fuzz.py --out /tmp/fuzz --md 10000 --txt 10000 --html 2000 --docx 1000 --pdf 300

prints a summary (inputs, duration, the slowest inputs, failures) and writes summary.json and
every failing input (replayable: `xxgk check FILE`) to --out. The mutations are reproducible from
--seed. tests/test_fuzz.py draws the same mutations with Hypothesis, a few hundred per reader.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FORMATS = ROOT / "tests" / "fixtures" / "formats"
CASES = ROOT / "tests" / "cases" / "robustness"
SEEDS = {  # real reports (tests/corpus), the bundled examples in every format, the robustness cases
    "md": sorted((ROOT / "examples").glob("report-*.md")) + sorted(CASES.glob("r0*.md")),
    "txt": sorted((ROOT / "tests" / "corpus").glob("*.txt"))[:8] + [CASES / "fixable-fmt001.txt"],
    "html": sorted(FORMATS.glob("*.html")) + sorted(CASES.glob("*.html")),
    "docx": sorted(FORMATS.glob("*.docx")) + sorted(CASES.glob("*.docx")),
    "pdf": sorted(FORMATS.glob("*.pdf")),
}
KINDS = tuple(SEEDS)

# Pieces that real and hostile files put where figures, labels and markup belong.
HOSTILE = [
    "9" * 5000, "1" * 4301, "1e400", "1" + "0" * 400 + ".5", "-0", "+3", "-12", "3.", ".5", "１２３", "１，２３４",
    "1,234,567", "12．5", "未统计", "N/A", "—", "/", "十四", "一百九十七", "亿亿亿亿亿亿", "二〇二二年", "⼀⼆⾏",
    "\x00", "\ufeff", "\u202e", "\r", "\f", "\t\t\t", " | | | ", "|---|---|", "（五）", "(二)", "第五十条",
    "总计", "合计", "本年新收", "上年结转", "政府信息公开工作年度报告", "2023年度", "#" * 7, "> " * 50,
    "<table>", "</td>", "<td colspan=\"99999999\">", "<td rowspan=\"0\">", "&#0;", "&#xD800;", "&amp;" * 10,
    "<!--", "<![CDATA[", "<meta charset=\"utf-16\">", "<meta charset=\"gb2312\">",
]
CODECS = ["gbk", "gb18030", "utf-16-le", "utf-16", "big5", "latin-1", "shift_jis"]
TEXT_OPS = ["flip", "insert_bytes", "delete", "duplicate", "repeat_line", "hostile", "reencode_line", "long_line",
            "swap_lines", "table_row", "truncate", "number"]
HTML_OPS = TEXT_OPS + ["span_attr", "drop_tag", "nest"]
DOCX_OPS = ["xml_text", "xml_attr", "xml_dup", "xml_drop", "zip_bytes", "part_missing"]
PDF_OPS = ["flip", "insert_bytes", "delete", "duplicate", "truncate", "pdf_number"]
OPS = {"md": TEXT_OPS, "txt": TEXT_OPS, "html": HTML_OPS, "docx": DOCX_OPS, "pdf": PDF_OPS}


# ---------------------------------------------------------------- mutations
# An op is (name, where, size, pick): `where` in [0, 1) is the position as a share of the input,
# `size` a small count, `pick` chooses among HOSTILE / CODECS / attributes. Hypothesis draws ops
# (tests/test_fuzz.py); the long run draws them from random.Random.

MAX_GROWTH = 2_000_000  # bytes one op may add: inputs stay a few MB (the 50 MB cap is tested elsewhere)


def _at(data, where: float) -> int:
    return min(len(data), max(0, int(where * len(data))))


def _line_bounds(data: bytes, where: float) -> tuple[int, int]:
    i = _at(data, where)
    start = data.rfind(b"\n", 0, i) + 1
    end = data.find(b"\n", i)
    return start, len(data) if end < 0 else end


def mutate_bytes(data: bytes, op: tuple, kind: str, growth: int = MAX_GROWTH) -> bytes:
    """One op on a text-like byte string (text, HTML, PDF, an XML part); it adds at most
    `growth` bytes."""
    name, where, size, pick = op
    i = _at(data, where)
    size = max(1, size)
    if name == "flip":
        out = bytearray(data)
        for k in range(min(size, 64)):
            j = (i + k * 7919) % max(1, len(out))
            if out:
                out[j] ^= (pick % 255) + 1
        return bytes(out)
    if name == "insert_bytes":
        return data[:i] + bytes((pick + k * 31) % 256 for k in range(size)) + data[i:]
    if name == "delete":
        return data[:i] + data[i + size * 37:]
    if name == "duplicate":
        return data[:i] + data[i:i + 200] * min(size * 50, growth // 200) + data[i:]
    if name == "truncate":
        return data[:i]
    if name == "repeat_line":
        start, end = _line_bounds(data, where)
        line = b"\n" + data[start:end]
        return data[:end] + line * min(size * 500, growth // len(line)) + data[end:]
    if name in ("hostile", "number"):
        pieces = [h for h in HOSTILE if name == "hostile" or any(c.isdigit() for c in h)]
        return data[:i] + pieces[pick % len(pieces)].encode("utf-8") + data[i:]
    if name == "reencode_line":
        start, end = _line_bounds(data, where)
        try:
            line = data[start:end].decode("utf-8").encode(CODECS[pick % len(CODECS)], errors="replace")
        except (UnicodeError, LookupError):
            return data
        return data[:start] + line + data[end:]
    if name == "long_line":
        start, end = _line_bounds(data, where)
        line = data[start:end] or b"9"
        return data[:end] + line * min(size * 2000, growth // len(line)) + data[end:]
    if name == "swap_lines":
        lines = data.split(b"\n")
        if len(lines) > 2:
            a, b = _at(lines, where) % len(lines), (pick * 13) % len(lines)
            lines[a], lines[b] = lines[b], lines[a]
        return b"\n".join(lines)
    if name == "table_row":
        label = HOSTILE[pick % len(HOSTILE)]
        cells = "\t".join(HOSTILE[(pick + k) % len(HOSTILE)][:40] for k in range(size % 12 + 1))
        row = f"\n{label}\t{cells}\n| {label} | {' | '.join(str(k * pick) for k in range(size % 9 + 1))} |\n"
        return data[:i] + row.encode("utf-8") + data[i:]
    if name == "span_attr":
        value = [str(10 ** (size % 12)), "0", "-1", "abc", "1e9", "99999999999999999999", "3"][pick % 7]
        attr = ["colspan", "rowspan"][pick % 2]
        j = data.find(b"<td", i)
        if j < 0:
            return data
        return data[:j + 3] + f' {attr}="{value}"'.encode() + data[j + 3:]
    if name == "drop_tag":
        j = data.find(b"<", i)
        k = data.find(b">", j)
        return data if j < 0 or k < 0 else data[:j] + data[k + 1:]
    if name == "nest":
        tag = [b"<table><tr><td>", b"<div>", b"<ul><li>", b"<p>"][pick % 4]
        return data[:i] + tag * min(size * 200, growth // len(tag)) + data[i:]
    if name == "pdf_number":
        # a number of the object syntax (a /Length, /Count, /W entry, an offset) made huge or negative
        import re  # noqa: PLC0415

        numbers = [m for m in re.finditer(rb"(?<=[ /\[])\d{1,9}(?=[ \]/>\r\n])", data)]
        if not numbers:
            return data
        m = numbers[_at(numbers, where) % len(numbers)]
        value = [b"999999999999", b"-1", b"0", b"4294967296", b"1" * 400, b"2147483647"][pick % 6]
        return data[:m.start()] + value + data[m.end():]
    raise ValueError(f"unknown op {name} for {kind}")


_DOCX_ATTRS = [  # (attribute as written in the XML, values to put there)
    (b'w:gridSpan w:val="', [b"50000000", b"0", b"-3", b"1000", b"x"]),
    (b'w:start w:val="', [b"999999999999", b"-1", b"0", b"32767"]),
    (b'w:vMerge w:val="', [b"restart", b"continue", b"bogus"]),
    (b'w:numFmt w:val="', [b"upperRoman", b"lowerLetter", b"chineseCounting", b"none", b"bogus"]),
    (b'w:ilvl w:val="', [b"9", b"-1", b"99999"]),
    (b'w:numId w:val="', [b"0", b"99999", b"-1"]),
    (b'w:w="', [b"-1", b"99999999999", b"0"]),
]


def mutate_docx(data: bytes, op: tuple, growth: int = MAX_GROWTH) -> bytes:
    """One op on a .docx: inside word/document.xml or word/numbering.xml, or on the zip itself."""
    name, where, size, pick = op
    if name == "zip_bytes":
        return mutate_bytes(data, (["flip", "delete", "truncate", "duplicate"][pick % 4], where, size, pick), "docx",
                            growth)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = {n: z.read(n) for n in z.namelist()}
    except Exception:  # noqa: BLE001 - zlib.error, BadZipFile, EOFError …: a zip damaged by an earlier op
        return data  # is left so (the reader gets to see it)
    xml_parts = [n for n in ("word/document.xml", "word/numbering.xml", "word/styles.xml") if n in parts]
    if not xml_parts:
        return data
    part = xml_parts[0] if pick % 3 else xml_parts[pick % len(xml_parts)]
    xml = parts[part]
    if name == "part_missing":
        del parts[[n for n in parts if not n.endswith("/")][pick % len(parts)]]
    elif name == "xml_text":
        j = xml.find(b"<w:t", _at(xml, where))
        k = xml.find(b">", j)
        if j >= 0 and k >= 0:
            piece = HOSTILE[pick % len(HOSTILE)].encode("utf-8")
            piece = piece.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")
            parts[part] = xml[:k + 1] + piece + xml[k + 1:]
    elif name == "xml_attr":
        attr, values = _DOCX_ATTRS[pick % len(_DOCX_ATTRS)]
        j = xml.find(attr, _at(xml, where))
        j = j if j >= 0 else xml.find(attr)
        if j >= 0:
            start = j + len(attr)
            end = xml.find(b'"', start)
            parts[part] = xml[:start] + values[size % len(values)] + xml[end:]
        elif attr.startswith(b"w:gridSpan"):  # no span yet: give the first cell one
            k = xml.find(b"<w:tcPr>", _at(xml, where))
            if k >= 0:
                parts[part] = xml[:k + 8] + attr + values[size % len(values)] + b'"/>' + xml[k + 8:]
    elif name in ("xml_dup", "xml_drop"):
        tag = [b"<w:tr", b"<w:tc>", b"<w:p>", b"<w:p ", b"<w:tbl>"][pick % 5]
        j = xml.find(tag, _at(xml, where))
        close = b"</" + tag[1:].rstrip(b"> ") + b">"
        k = xml.find(close, j)
        if j >= 0 and k >= 0:
            element = xml[j:k + len(close)]
            times = 0 if name == "xml_drop" else min(size * 100, 3000, growth // max(1, len(element)))
            parts[part] = xml[:j] + element * times + xml[k + len(close):]
    else:
        parts[part] = mutate_bytes(xml, op, "docx", growth)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, body in parts.items():
            z.writestr(n, body)
    return out.getvalue()


def mutate(kind: str, data: bytes, ops: list[tuple], growth: int = MAX_GROWTH) -> bytes:
    """`data` (a `kind` file) after `ops`, each adding at most `growth` bytes."""
    for op in ops:
        data = mutate_docx(data, op, growth) if kind == "docx" else mutate_bytes(data, op, kind, growth)
    return data


def random_ops(kind: str, rng: random.Random) -> list[tuple]:
    return [(rng.choice(OPS[kind]), rng.random(), rng.choice([1, 1, 2, 3, 5, 10, 40]), rng.randrange(1 << 16))
            for _ in range(rng.choice([1, 1, 2, 3, 5]))]


# ---------------------------------------------------------------- checking one input

_PACK = []


def shipped_pack():
    """The shipped rules, loaded once: (selected, by id, config) as check_one() takes it."""
    if not _PACK:
        from validator.commands.check import _rule_map  # noqa: PLC0415
        from validator.engine.rules import load_rules  # noqa: PLC0415

        rules = load_rules()
        _PACK.append((rules, _rule_map(rules), {}))
    return _PACK[0]


def check_input(name: str, data: bytes, budget: float) -> dict:
    """Check one input in this process; what went wrong with it, if anything.

    {"seconds", "rules": [...], "internal": [...], "over_budget": bool, "traceback": str | None}"""
    from validator.batch import check_one  # noqa: PLC0415

    started = time.perf_counter()
    tb = None
    rules: list[str] = []
    try:
        result = check_one(name, shipped_pack(), data=data, budget=budget)
        rules = [f.rule for f in result.findings]
    except BaseException:  # noqa: BLE001 - check_one() must never raise: any escape is the failure we count
        tb = traceback.format_exc()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rules": rules, "internal": [r for r in rules if r.startswith("ENG")],
            "over_budget": "INP007" in rules, "traceback": tb}


def failed(outcome: dict) -> bool:
    return bool(outcome["internal"] or outcome["over_budget"] or outcome["traceback"])


# ---------------------------------------------------------------- the long run

def run(counts: dict[str, int], seed: int, budget: float, out: Path, memory_mb: int, growth: int = MAX_GROWTH,
        stop_at: float | None = None) -> dict:
    """Check counts[kind] mutated inputs of each kind; stop early (saying so) at the time.time()
    `stop_at`. summary.json is rewritten every 100 inputs, so an interrupted run leaves its
    numbers so far."""
    out.mkdir(parents=True, exist_ok=True)
    if memory_mb:  # a runaway allocation is then a MemoryError (an ENG finding), not the OOM killer
        import resource  # noqa: PLC0415

        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, resource.RLIM_INFINITY))
    rng = random.Random(seed)
    seeds = {k: [(p.name, p.read_bytes()) for p in SEEDS[k]] for k in counts}
    summary: dict = {"seed": seed, "budget_seconds": budget, "growth_bytes": growth, "kinds": {}, "failures": [],
                     "stopped_early": False}
    started = time.monotonic()
    for kind, n in counts.items():
        times, rule_counts, kind_started = [], {}, time.monotonic()
        slowest: list[tuple[float, str]] = []
        for i in range(n):
            if stop_at is not None and time.time() >= stop_at:
                summary["stopped_early"] = True
                break
            seed_name, seed_bytes = rng.choice(seeds[kind])
            ops = random_ops(kind, rng)
            data = mutate(kind, seed_bytes, ops, growth)
            name = f"{kind}-{i:05d}.{kind}"
            outcome = check_input(name, data, budget)
            times.append(outcome["seconds"])
            for r in set(outcome["rules"]):
                rule_counts[r] = rule_counts.get(r, 0) + 1
            slowest = sorted([*slowest, (outcome["seconds"], name)], reverse=True)[:5]
            if failed(outcome):
                (out / name).write_bytes(data)
                summary["failures"].append({"input": name, "seed_file": seed_name, "ops": ops,
                                            **{k: outcome[k] for k in ("internal", "over_budget", "traceback")}})
                print(f"FAIL {name} ({seed_name} {ops}): {outcome['internal'] or ''}"
                      f"{' over budget' if outcome['over_budget'] else ''}{outcome['traceback'] or ''}", flush=True)
            if (i + 1) % 100 == 0:
                _record(summary, kind, times, slowest, rule_counts, kind_started, started, out)
            if (i + 1) % 500 == 0:
                print(f"{kind}: {i + 1}/{n} ({time.monotonic() - kind_started:.0f} s)", flush=True)
        _record(summary, kind, times, slowest, rule_counts, kind_started, started, out)
        if summary["stopped_early"]:
            break
    return summary


def _record(summary: dict, kind: str, times: list, slowest: list, rule_counts: dict, kind_started: float,
            started: float, out: Path) -> None:
    """Fill summary's numbers for `kind` so far and the totals, and write summary.json."""
    ordered = sorted(times)
    summary["kinds"][kind] = {
        "inputs": len(times), "seconds": round(time.monotonic() - kind_started, 1),
        "median_s": round(ordered[len(ordered) // 2], 3) if ordered else None,
        "p99_s": round(ordered[int(len(ordered) * 0.99)], 3) if ordered else None,
        "max_s": round(ordered[-1], 3) if ordered else None,
        "slowest": [[round(s, 2), nm] for s, nm in slowest],
        "inputs_with_rule": dict(sorted(rule_counts.items())),
    }
    summary["total_inputs"] = sum(k["inputs"] for k in summary["kinds"].values())
    summary["total_seconds"] = round(time.monotonic() - started, 1)
    summary["internal_errors"] = sum(1 for f in summary["failures"] if f["internal"])
    summary["tracebacks"] = sum(1 for f in summary["failures"] if f["traceback"])
    summary["over_budget"] = sum(1 for f in summary["failures"] if f["over_budget"])
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from validator.limits import TIME_BUDGET  # noqa: PLC0415

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="folder for summary.json and the failing inputs")
    for kind, default in (("md", 10000), ("txt", 10000), ("html", 2000), ("docx", 1000), ("pdf", 300)):
        ap.add_argument(f"--{kind}", type=int, default=default, help=f"{kind} inputs (default {default})")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--budget", type=float, default=TIME_BUDGET, help="seconds per input (xxgk's default)")
    ap.add_argument("--memory-mb", type=int, default=3072, help="address-space limit of this process (0: none)")
    ap.add_argument("--growth", type=int, default=MAX_GROWTH, help="bytes one mutation may add")
    ap.add_argument("--minutes", type=float, help="stop after this long (the numbers so far are kept)")
    args = ap.parse_args(argv)
    counts = {k: getattr(args, k) for k in KINDS if getattr(args, k)}
    stop_at = time.time() + args.minutes * 60 if args.minutes else None
    summary = run(counts, args.seed, args.budget, args.out, args.memory_mb, args.growth, stop_at)
    for kind, s in summary["kinds"].items():
        print(f"{kind:5} {s['inputs']:6} inputs  {s['seconds']:7.1f} s  median {s['median_s']} s  "
              f"p99 {s['p99_s']} s  max {s['max_s']} s")
    if summary["stopped_early"]:
        print("stopped early (--minutes): the counts above are what was run")
    print(f"total {summary['total_inputs']} inputs in {summary['total_seconds']} s: "
          f"{summary['internal_errors']} internal errors, {summary['tracebacks']} tracebacks, "
          f"{summary['over_budget']} over the {summary['budget_seconds']:g} s budget")
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
