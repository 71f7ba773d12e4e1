"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

    ::error file=reports/2023.md,line=97,col=46,title=SUM001 applicant-total-mismatch::四、结转下年度继续办理：总计为 21…

Escaping follows the runner (actions/toolkit `command.ts`): in the message `%`, CR and LF
become %25, %0D, %0A; in property values also `:` and `,` (%3A, %2C). Severities map
error → error, warning → warning, info → notice. A file without line numbers (docx, PDF)
gets a file-level annotation. Paths are made relative to $GITHUB_WORKSPACE (or the current
directory) because annotations only attach to files of the repository.
"""
from __future__ import annotations

import os
from pathlib import Path

from validator.findings import FileResult, Finding, display_path
from validator.i18n import t
from validator.reporters.common import skip_text, unverified_groups, unverified_text
from validator.summary import Tally

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import TextIO

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _repo_path(path: str) -> str:
    if path == "-":
        return "stdin"
    p = Path(path)
    if p.is_absolute():
        for root in (os.environ.get("GITHUB_WORKSPACE"), os.getcwd()):
            if not root:
                continue
            try:
                return p.resolve().relative_to(Path(root).resolve()).as_posix()
            except ValueError:
                continue
    return p.as_posix()


def annotation(path: str, f: Finding, lang: str = "zh") -> str:
    props = [("file", display_path(_repo_path(path)))]
    span = f.location.span
    if span.line is not None:
        props.append(("line", str(span.line)))
        if span.end_line:
            props.append(("endLine", str(span.end_line)))
        if span.col:
            props.append(("col", str(span.col)))
        if span.end_col:
            props.append(("endColumn", str(span.end_col)))
    props.append(("title", f"{f.rule} {f.name}"))
    message = f.text(lang)
    where = f.location.logical()
    if where and where not in message:
        message += f" [{where}]"
    elif not where and span.line is None and span != span.__class__():
        message += f" [{span.short()}]"
    hint = f.hint_text(lang)
    if hint:
        message += f"\n{'建议' if lang == 'zh' else 'Fix'}：{hint}"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[str(f.severity)]} {head}::{escape_data(message)}"


def render(results: list[FileResult], out: TextIO, opts, stale: list) -> None:
    lang = getattr(opts, "lang", "zh")
    show_suppressed = getattr(opts, "show_suppressed", False)
    tally = Tally()
    for r in results:
        tally.add(r)
        if r.skipped:
            out.write(f"::notice file={escape_property(display_path(_repo_path(r.path)))},title=xxgk::"
                      f"{escape_data(t('skipped', lang) + '：' + skip_text(r, lang))}\n")
        for f in r.findings:
            if f.suppressed and not show_suppressed:
                continue
            out.write(annotation(r.path, f, lang) + "\n")
        for reason, rules, partial in unverified_groups(r.checklist, reading_only=True):
            title = "未核验" if lang == "zh" else "not verified"
            out.write(f"::notice file={escape_property(_repo_path(r.path))},title={escape_property(title)}::"
                      f"{escape_data(unverified_text(reason, rules, partial, lang))}\n")
    for entry in stale:
        text = t("baseline.stale", lang, rule=entry.get("rule", ""), text=entry.get("text", "")).strip()
        out.write(f"::notice file={escape_property(display_path(_repo_path(str(entry.get('path', '')))))},title=baseline::"
                  f"{escape_data(text)}\n")
    out.write(tally.line(lang) + "\n")
