"""`xxgk check --fix` and `--diff`: apply the fixes that findings carry, in text files and Word documents.

A fix is `{"line", "col", "old", "new"}` (text formats) or `{"paragraph", "text", "old", "new"}`
(.docx, validator/fix_docx.py) on a finding whose rule is marked `fixable` (the fix is certain,
e.g. FMT001 "(五)" → "（五）"). Safety for text files, in the order it is checked:

- suppressed findings (inline or baseline) are left alone;
- only text files (.md/.txt, the reader kept their lines); the bytes are read again and must
  decode to exactly the lines that were checked, so a file edited since is not touched;
- every fix is verified: line `line` still holds `old` at column `col` (1-based, in characters),
  and fixes on one line do not overlap;
- no figure changes: `old` and `new` hold the same digits and numerals, and the numbers of the
  whole file (digits with their decimal and thousands separators) are the same after fixing;
- encoding and line endings are kept: the file must re-encode to its exact original bytes
  before anything changes (UTF-8 with or without BOM, UTF-16 LE/BE with BOM, GB18030), so only
  the fixed characters differ afterwards;
- the file is read and written through validator/safe_write.py: no symbolic link is followed
  (neither the report nor NAME.bak), read-only and non-regular files are refused, the bytes
  must still be the ones the fix was built from just before the atomic replace (an editor's
  save in between wins), permissions are kept and a broken hard link is named. An interrupted
  run leaves the original intact (at worst a hidden `.NAME.*.xxgk-tmp` file stays behind).
  The original is kept as NAME.bak unless --no-backup.

A file left alone gets a FIX001 finding saying why, and the run goes on with the other files.
Fixed findings are marked `suppressed = {"kind": "fixed", …}`: they are not reported as
remaining and do not count for the exit code. `--diff` prints a unified diff and writes nothing.
"""
from __future__ import annotations

import difflib
import os
import re
import sys

from validator.findings import FileResult, Finding, Location, Severity
from validator.i18n import LocalizedError, both_each, t
from validator.records import field, record
from validator.safe_write import WriteRefused, read_for_update, replace_file

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import TextIO

# parse_text() splits lines on these (CRLF first), in this order
_LINE_BREAK = re.compile(r"(\r\n|\r|\n|\f)")
_FIGURE_CHARS = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿]")
_NUMBER = re.compile(r"\d+(?:[.,．，]\d+)*")


class FixError(LocalizedError):
    """Why a file (or one fix) is left alone: `code` names the reason (i18n key fix.why.CODE),
    the message is in both languages (str() is the English)."""

    def __init__(self, code: str, **values):
        super().__init__(both_each("fix.why." + code, **values))
        self.code = code


@record
class FilePlan:
    path: str  # as named on the command line
    before: bytes
    after: bytes
    text_before: str
    text_after: str
    applied: list[Finding] = field(default_factory=list)
    refused: list[tuple[Finding, FixError]] = field(default_factory=list)
    target: object = None  # the resolved path (.docx plans name it; writing goes through safe_write)


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """(lines, separators) such that the reader's lines are `lines` and joining them back with
    their separators gives `text` exactly."""
    pieces = _LINE_BREAK.split(text)
    return pieces[0::2], pieces[1::2]


def join_lines(lines: list[str], seps: list[str]) -> str:
    out = [lines[0]]
    for sep, line in zip(seps, lines[1:]):
        out.append(sep)
        out.append(line)
    return "".join(out)


def _codec(data: bytes, encoding: str) -> tuple[bytes, str]:
    """(byte-order mark, codec) that re-encode text decoded as `encoding` from `data`."""
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf", "utf-8"
    if encoding == "utf-16":
        if data.startswith(b"\xff\xfe"):
            return b"\xff\xfe", "utf-16-le"
        if data.startswith(b"\xfe\xff"):
            return b"\xfe\xff", "utf-16-be"
    return b"", encoding


def figures(text: str) -> list[str]:
    """The digits and Chinese numerals of `text`, in order: a fix must keep them."""
    return _FIGURE_CHARS.findall(text)


def numbers(text: str) -> list[str]:
    """The numbers of `text` with their decimal and thousands separators, in order."""
    return _NUMBER.findall(text)


def _check_fix(fix: dict, lines: list[str]) -> tuple[int, int, str, str]:
    """(line index, start, old, new) of a fix that still applies, or FixError."""
    try:
        line_no, col, old, new = int(fix["line"]), int(fix["col"]), str(fix["old"]), str(fix["new"])
    except (KeyError, TypeError, ValueError):
        raise FixError("malformed") from None
    if not old or not 1 <= line_no <= len(lines) or col < 1:
        raise FixError("outside")
    if _LINE_BREAK.search(new) or _LINE_BREAK.search(old):
        raise FixError("line-break")
    if figures(old) != figures(new):
        raise FixError("figure")
    line = lines[line_no - 1]
    start = col - 1
    if line[start:start + len(old)] != old:
        raise FixError("moved", line=line_no, col=col, old=old)
    if numbers(line[:start] + new + line[start + len(old):]) != numbers(line):
        raise FixError("figure")  # e.g. the "." of "3.5"
    return line_no - 1, start, old, new


def plan_file(path: str, findings: list[Finding], checked_lines: list[str] | None) -> FilePlan:
    """Read the file again and work out its fixed bytes (nothing is written)."""
    from validator.document import InputError  # noqa: PLC0415
    from validator.readers.text_reader import decode  # noqa: PLC0415

    try:
        before = read_for_update(path)
    except WriteRefused as exc:
        raise FixError("write", detail=exc.messages) from None
    try:
        text, encoding = decode(before)
    except (OSError, InputError) as exc:
        raise FixError("unreadable", detail=getattr(exc, "message", None) or str(exc)) from None
    bom, codec = _codec(before, encoding)
    try:
        exact = bom + text.encode(codec) == before
    except (UnicodeError, LookupError):
        exact = False
    lines, seps = split_lines(text)
    if checked_lines is not None and lines != checked_lines:  # first: a changed file is the likelier reason
        raise FixError("changed")
    if not exact:
        raise FixError("encoding", encoding=encoding)
    plan = FilePlan(path=path, before=before, after=before, text_before=text, text_after=text)
    edits: dict[int, list[tuple[int, str, str, Finding]]] = {}
    for f in findings:
        try:
            index, start, old, new = _check_fix(f.fix or {}, lines)
        except FixError as exc:
            plan.refused.append((f, exc))
            continue
        edits.setdefault(index, []).append((start, old, new, f))
    new_lines = list(lines)
    for index, items in edits.items():
        # the same fix from two findings is one edit; edits that overlap are all refused
        spans: dict[tuple[int, str, str], list[Finding]] = {}
        for start, old, new, f in items:
            spans.setdefault((start, old, new), []).append(f)
        ordered = sorted(spans, key=lambda k: (k[0], k[0] + len(k[1])))
        clash = set()
        for a, b in zip(ordered, ordered[1:]):
            if a[0] + len(a[1]) > b[0]:
                clash.update((a, b))
        line = lines[index]
        for key in reversed(ordered):  # right to left: earlier columns stay valid
            start, old, new = key
            if key in clash:
                plan.refused.extend((f, FixError("overlap")) for f in spans[key])
                continue
            line = line[:start] + new + line[start + len(old):]
            plan.applied.extend(spans[key])
        new_lines[index] = line
    after_text = join_lines(new_lines, seps)
    if numbers(after_text) != numbers(text):
        raise FixError("figure")  # belt and braces: never happens with checked fixes
    after = bom + after_text.encode(codec)
    if decode(after)[0] != after_text:
        raise FixError("readback")
    plan.after, plan.text_after = after, after_text
    plan.applied.sort(key=lambda f: (f.fix["line"], f.fix["col"]))
    return plan


def unified_diff(plan: FilePlan) -> str:
    a = split_lines(plan.text_before)[0]
    b = split_lines(plan.text_after)[0]
    return "".join(line + "\n" for line in difflib.unified_diff(a, b, plan.path, plan.path, lineterm=""))


def _is_docx(path: str) -> bool:
    return path.lower().endswith(".docx")


def apply_fixes(results: list[FileResult], write: bool, backup: bool = True, out: TextIO | None = None,
                lang: str = "zh") -> list[FilePlan]:
    """Fix (write=True) or show as a unified diff on `out` (write=False) every fixable finding.

    A file that cannot be fixed safely gets a FIX001 finding (and a line on stderr, in `lang`), a
    bug while fixing one an ENG002 finding; either way the other files are still fixed. Notes go
    to stderr so that stdout keeps the report (or the diff) clean. Returns the plans, for tests
    and callers that want counts.
    """
    out = out or sys.stdout

    def say(key: str, **values) -> None:
        print(t(key, lang, **values), file=sys.stderr)

    plans: list[FilePlan] = []
    done: dict[str, set] = {}  # a file named twice is fixed once
    for r in results:
        todo = [f for f in r.findings if f.fixable and f.fix and not f.suppressed]
        if not todo:
            continue
        docx = _is_docx(r.path)
        if r.path == "-" or (r.document_lines is None and not docx):
            say("fix.file-not-fixed", path=r.path, reason=FixError("format").text(lang))
            continue
        key = os.path.abspath(r.path)
        if key in done:
            for f in todo:
                if _fix_key(f) in done[key]:
                    _mark_fixed(f, write)
            continue
        try:
            plan = _fix_one(r, todo, write, backup, out, lang)
        except FixError as exc:
            say("fix.file-not-fixed", path=r.path, reason=exc.text(lang))
            r.findings.append(fix_refused_finding(exc))
            continue
        except Exception as exc:  # noqa: BLE001 - a bug while fixing one file: reported, the others go on
            from validator.internal import internal_finding  # noqa: PLC0415

            r.findings.append(internal_finding("fix", exc, r.path))
            continue
        plans.append(plan)
        if plan.applied:
            done[key] = {_fix_key(f) for f in plan.applied} if write else set()
    return plans


def _fix_one(r: FileResult, todo: list[Finding], write: bool, backup: bool, out, lang: str) -> FilePlan:
    if _is_docx(r.path):
        from validator.fix_docx import plan_docx  # noqa: PLC0415

        plan = plan_docx(r.path, todo)
    else:
        plan = plan_file(r.path, todo, r.document_lines)
    for f, why in plan.refused:
        from validator.reporters.text import position  # noqa: PLC0415

        print(t("fix.finding-not-fixed", lang, path=r.path, where=position(f, lang), rule=f.rule,
                reason=why.text(lang)), file=sys.stderr)
    if not plan.applied:
        return plan
    if not write:
        out.write(unified_diff(plan))
        return plan
    try:
        warnings = replace_file(r.path, plan.after, expected=plan.before, backup=backup)
    except WriteRefused as exc:
        raise FixError("write", detail=exc.messages) from None
    except OSError as exc:
        raise FixError("write", detail=exc.strerror or str(exc)) from None
    for warning in warnings:
        print(t("fix.note", lang, path=r.path, note=warning.get(lang) or warning["zh"]), file=sys.stderr)
    for f in plan.applied:
        _mark_fixed(f, write)
    print(t("fix.fixed", lang, path=r.path, count=len(plan.applied))
          + (t("fix.backup", lang, backup=f"{r.path}.bak") if backup else ""), file=sys.stderr)
    return plan


def fix_refused_finding(reason: FixError) -> Finding:
    """FIX001: --fix left the file alone, and why (validator/internal.TOOL_RULE_INFO)."""
    from validator.internal import TOOL_RULE_INFO  # noqa: PLC0415

    zh, en = reason.text("zh"), reason.text("en")
    return Finding(rule="FIX001", name=TOOL_RULE_INFO["FIX001"][0], severity=Severity.warning,
                   message={"zh": f"未自动修正此文件：{zh}", "en": f"--fix left this file unchanged: {en}"},
                   location=Location(fact="fix"),
                   hint={"zh": "按原因处理后重新运行 xxgk check --fix，或手工修正。",
                         "en": "Deal with the reason and run xxgk check --fix again, or fix it by hand."},
                   basis=["xxgk"], values={"reason": en, "code": reason.code}, fingerprint_text="fix")


def _fix_key(f: Finding) -> tuple:
    return tuple(sorted((f.fix or {}).items()))


def _mark_fixed(f: Finding, write: bool) -> None:
    if write:
        fix = f.fix or {}
        f.suppressed = {"kind": "fixed", "reason": f"--fix: “{fix.get('old')}” → “{fix.get('new')}”"}
