"""`xxgk rules` (the catalogue) and `xxgk explain ID` (a rule page: what, why, examples).

The examples shown are the rule's own test cases, run now, so they cannot drift from the rule.
"""
from __future__ import annotations

import difflib
import json
import sys

from validator.engine.rules import load_rules, phrase_kinds


def list_rules(fmt: str, extra: list[str], lang: str) -> int:
    rules = load_rules(extra)
    if fmt == "json":
        json.dump([{
            "id": r.id, "name": r.name, "severity": str(r.severity), "groups": r.groups, "title": r.title,
            "basis": r.basis, "builtin": r.builtin, "fixable": r.fixable, "formats": r.formats or None,
        } for r in rules], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    width = max(len(r.name) for r in rules)
    for r in rules:
        fix = " [fix]" if r.fixable else ""
        sys.stdout.write(f"{r.id}  {str(r.severity):7s}  {r.name:{width}s}  {r.title[lang]}{fix}\n")
    return 0


def basis_lines(rule, lang: str) -> list[str]:
    """The rule's citations; one that depends on the report's unified format says for which."""
    from validator.i18n import t  # noqa: PLC0415

    out = []
    for b in rule.basis:
        if isinstance(b, str):
            out.append(b)
            continue
        for fid, text in sorted(b.items(), reverse=True):
            out.append(t("basis.for-format", lang, basis=text, format=t(f"format.{fid}", lang)))
    return out


def _find(rules, key: str):
    key_up = key.upper()
    for r in rules:
        if r.id == key_up or r.name == key or key_up in r.aliases:
            return r
    return None


def _example_line(book, kind_id: str, example: dict, lang: str) -> str:
    """One phrasebook example, read now: the sentence, what the kind reads in it, its source."""
    from validator.phrases import find  # noqa: PLC0415

    got = find(book, kind_id, example["text"])
    zh = lang == "zh"
    if not got:
        reading = "不读取" if zh else "not read"
    else:
        shown = []
        for st in got[:4]:
            value = st.value
            if isinstance(value, dict):
                value = ", ".join(f"{k}={v}" for k, v in value.items() if k in ("stated", "items", "total", "sum"))
            shown.append("/".join(st.tags) + (f" {value}" if value is not None else ""))
        reading = ("读取：" if zh else "reads: ") + "; ".join(s.strip() for s in shown)
    text = example["text"] if len(example["text"]) <= 90 else example["text"][:90] + "…"
    tricky = f"\n      ({example['tricky']})" if example.get("tricky") else ""
    if example.get("pending"):
        tricky += ("\n      （尚未读对：" if zh else "\n      (not read right yet: ") + example["pending"] + ("）" if zh else ")")
    return f"    “{text}”\n      → {reading}{tricky}\n      [{example['source']}]\n"


def _origin_counts(positive: list[dict], negative: list[dict], lang: str) -> str:
    """How many examples of each origin (real, adapted, invented) a kind has, positive / negative."""
    from validator.phrases.book import ORIGINS, origin_counts  # noqa: PLC0415

    names = {"zh": {"real": "原文", "adapted": "改编", "invented": "虚构"}}.get(lang, {o: o for o in ORIGINS})
    counts = origin_counts(positive + negative)
    cells = ", ".join(f"{names[o]} {counts[o][0]}/{counts[o][1]}" for o in ORIGINS)
    return ("  例句（读取/不读取）：" if lang == "zh" else "  examples (read / not read): ") + cells + "\n"


def _show_kind(book, kind_id: str, lang: str, limit: int | None) -> None:
    """A phrase kind: title, note, and examples that it reads and that it must not read (run now)."""
    from validator.phrases.book import ORIGINS, example_origin  # noqa: PLC0415

    w = sys.stdout.write
    zh = lang == "zh"
    kind = book.kind(kind_id)
    examples = book.examples[kind_id]
    w(f"- {kind_id}: {kind.title[lang]}\n")
    if kind.data.get("note") and limit is None:
        w(f"  {kind.data['note'].strip()}\n")
    # real sentences first, then adapted ones, then invented; traps before plain ones
    ordered = sorted(examples, key=lambda e: (ORIGINS.index(example_origin(e)), not e.get("tricky")))
    positive = [e for e in ordered if e["finds"] != "none"]
    negative = [e for e in ordered if e["finds"] == "none"]
    if limit is None:
        w(_origin_counts(positive, negative, lang))
    for title, chosen in ((("读取的例子" if zh else "sentences it reads"), positive),
                          (("不读取的例子" if zh else "sentences it must not read"), negative)):
        if not chosen:
            continue
        shown = chosen if limit is None else chosen[:limit]
        w(f"  {title} ({len(shown)}/{len(chosen)}):\n")
        for e in shown:
            w(_example_line(book, kind_id, e, lang))


def explain_phrase_kind(kind_id: str, lang: str) -> int:
    """`xxgk explain KIND`: every example of one phrasebook kind, read now."""
    from validator.phrases import load_phrasebook  # noqa: PLC0415

    book = load_phrasebook()
    sys.stdout.write(("# 说法类别 " if lang == "zh" else "# Phrase kind ") + kind_id + "\n")
    _show_kind(book, kind_id, lang, None)
    return 0


def explain(key: str, extra: list[str], lang: str) -> int:
    from validator.engine.cases import CaseError, case_text, run_case  # noqa: PLC0415

    rules = load_rules(extra)
    rule = _find(rules, key)
    if rule is None:
        from validator.phrases import load_phrasebook  # noqa: PLC0415

        if key in load_phrasebook().kinds:
            return explain_phrase_kind(key, lang)
        close = difflib.get_close_matches(key, [r.id for r in rules] + [r.name for r in rules], n=3)
        sys.stderr.write(f"xxgk: unknown rule {key!r}" + (f" (did you mean {', '.join(close)}?)" if close else "") + "\n")
        return 2
    zh = lang == "zh"
    w = sys.stdout.write
    w(f"{rule.id} {rule.name} — {rule.title[lang]}\n")
    w(f"{'严重程度' if zh else 'severity'}: {rule.severity}    {'分组' if zh else 'groups'}: {', '.join(rule.groups)}"
      + (f"    {'适用格式' if zh else 'formats'}: {', '.join(rule.formats)}" if rule.formats else "") + "\n\n")
    w(("## 检查什么\n" if zh else "## What it checks\n") + rule.title[lang] + "\n")
    w(f"{'消息' if zh else 'message'}: {rule.message[lang]}\n\n")
    w(("## 依据\n" if zh else "## Basis\n") + "".join(f"- {b}\n" for b in basis_lines(rule, lang)) + "\n")
    w(("## 为什么\n" if zh else "## Why\n") + rule.rationale[lang].strip() + "\n\n")
    w(("## 怎么改\n" if zh else "## What to do\n") + rule.hint[lang] + "\n\n")
    kinds = phrase_kinds(rule.check)
    if kinds:
        from validator.phrases import load_phrasebook  # noqa: PLC0415

        book = load_phrasebook()
        w(("## 读取的说法（短语库 rules/phrases/，例句现场运行；全部例句：xxgk explain 类别名）\n" if zh else
           "## The wordings it reads (phrasebook rules/phrases/, examples run now; all of them: xxgk explain KIND)\n"))
        for kind_id in kinds:
            _show_kind(book, kind_id, lang, 2)
        w("\n")
    shown = 0
    for wanted, title in (("trigger", "触发的例子" if zh else "Example that triggers"),
                          ("pass", "通过的例子" if zh else "Example that passes")):
        case = next((c for c in rule.tests if c["expect"] == wanted), None)
        if case is None:
            continue
        shown += 1
        w(f"## {title}: {case['name']}\n")
        if "replace" in case:
            w(f"({'以 ' if zh else 'based on '}{case['base']}{' 为底稿，修改：' if zh else ', changed:'})\n")
            for old, new in case["replace"]:
                for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
                    if not line.startswith(("---", "+++", "@@")):
                        w(f"    {line}\n")
        elif "text" in case:
            for line in case_text(case).splitlines()[:14]:
                w(f"    {line}\n")
        elif "file" in case:
            w(f"    {case['file']}\n")
        else:
            w(f"    ({case.get('base')})\n")
        try:
            result = run_case(rule, case, rules)
        except CaseError as exc:  # a user pack's case may name files we do not have
            w(f"  ({exc})\n\n")
            continue
        if result.findings:
            for f in result.findings[:3]:
                w(f"  → {f.severity} {f.rule}: {f.text(lang)}\n")
        else:
            w("  → " + ("不报告问题" if zh else "no finding") + "\n")
        w("\n")
    return 0
