"""Internal errors: a bug in xxgk (not in the report, not in the user's rules or config).

An internal error is never passed off as a problem with the input (INP001 means "this file
cannot be read"): it becomes its own finding, which names where xxgk failed — the rule and its
file (ENG001) or the stage (ENG002: reading, recognising, extracting facts, suppressions,
fixing) — the exception type and message, and a log file holding the traceback. A run with
one ends with EXIT_INTERNAL (3), whatever else it found.

`InternalError` is the exception that carries the stage. It is deliberately not an `XxgkError`
(validator/errors.py): those are the user's problems (exit 2); this is a bug (exit 3). The command
line's last-resort handler (`errors.write_crash_log`) writes to the same log as the findings.

Tracebacks go to one log file per process under the user cache folder
(`$XDG_CACHE_HOME/xxgk/logs/`, or `$XXGK_LOG_DIR`), the newest KEEP_LOGS kept.
"""
from __future__ import annotations

import os
import sys

from validator.errors import EXIT_INTERNAL
from validator.findings import Finding, Location, Severity

KEEP_LOGS = 50
LOG_DIR_ENV = "XXGK_LOG_DIR"

# what each stage is called in a message
STAGES = {
    "read": ("读取文件", "reading the file"),
    "recognise": ("识别部分和统计表", "recognising parts and tables"),
    "facts": ("提取事实", "extracting facts"),
    "rules": ("运行规则", "running the rules"),
    "suppressions": ("处理抑制注释", "applying suppression comments"),
    "locate": ("定位问题在文中的位置", "locating the findings in the document"),
    "previous": ("读取上一年度报告", "reading last year's report"),
    "fix": ("自动修正", "fixing"),
    "check": ("检查", "checking"),
}

# Findings about the run rather than the report, for the reporters' rule catalogue:
# id -> (name, severity, title, rationale). ENG001/ENG002 are made here; FIX001 by validator/fix.py.
TOOL_RULE_INFO = {
    "ENG001": ("rule-crashed", "error",
               {"zh": "规则执行出错（xxgk 内部错误）", "en": "A rule crashed (internal error)"},
               {"zh": "出错的规则变成一条指明规则及其文件的问题，而不是中断整个运行；其他规则照常运行。",
                "en": "A rule that crashes becomes a finding naming the rule and its file instead of ending the "
                      "run; the other rules still run."}),
    "ENG002": ("internal-error", "error",
               {"zh": "xxgk 内部错误，此文件的检查不完整", "en": "Internal error: this file was not fully checked"},
               {"zh": "xxgk 自身的缺陷如实报告（阶段、异常、含 traceback 的日志），绝不说成文件无法读取；其余文件照常检查。",
                "en": "A bug in xxgk is reported as such (stage, exception, a log with the traceback), never as an "
                      "unreadable file; the other files of the run are still checked."}),
    "FIX001": ("fix-not-applied", "warning",
               {"zh": "未能自动修正此文件", "en": "--fix left this file unchanged"},
               {"zh": "--fix 只在安全时改写文件：普通、可写的文件（不是符号链接），读取后未被改动，能按原编码逐字节还原；"
                      "否则不动该文件，其余文件照常处理。",
                "en": "--fix rewrites a file only when it is safe: a regular, writable file (not a symbolic link), "
                      "unchanged since it was read, that re-encodes byte for byte. Otherwise the file is left alone "
                      "and the run goes on with the other files."}),
}
INTERNAL_RULES = frozenset(("ENG001", "ENG002"))
HINT = {"zh": "这是 xxgk 的缺陷，不是报告的问题：请把日志文件和报告一起提交给 xxgk 维护者。",
        "en": "This is a bug in xxgk, not a problem with the report: please send the log file and the report "
              "to the xxgk maintainers."}


class InternalError(Exception):
    """A bug at `stage` while handling one file; `__cause__` is the original exception."""

    exit_code = EXIT_INTERNAL

    def __init__(self, stage: str, cause: BaseException):
        super().__init__(f"{stage}: {type(cause).__name__}: {cause}")
        self.stage = stage
        self.cause = cause


def log_dir() -> str:
    explicit = os.environ.get(LOG_DIR_ENV)
    if explicit:
        return explicit
    from validator.validation import cache_dir  # noqa: PLC0415

    base = cache_dir()
    if base is None:
        import tempfile  # noqa: PLC0415

        base = os.path.join(tempfile.gettempdir(), "xxgk")
    return os.path.join(base, "logs")


_LOG_PATH: list[str] = []  # this process's log file, once one was written


def _new_log_path() -> str | None:
    import time  # noqa: PLC0415

    directory = log_dir()
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError:
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = os.path.join(directory, f"internal-{stamp}-{os.getpid()}.log")
    try:
        names = sorted(n for n in os.listdir(directory) if n.startswith("internal-") and n.endswith(".log"))
        for old in names[:-KEEP_LOGS]:
            os.remove(os.path.join(directory, old))
    except OSError:
        pass
    return path


def log_exception(exc: BaseException, context: str) -> str | None:
    """Append `context` and the traceback of `exc` to this process's log; the log's path, or
    None when no log could be written (the finding then says so)."""
    import traceback  # noqa: PLC0415 - only when something went wrong

    from validator import __version__  # noqa: PLC0415

    if not _LOG_PATH or os.getpid() != _LOG_PID[0] or os.path.dirname(_LOG_PATH[0]) != log_dir():
        path = _new_log_path()
        if path is None:
            return None
        _LOG_PATH[:] = [path]
        _LOG_PID[0] = os.getpid()
    path = _LOG_PATH[0]
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(f"=== xxgk {__version__}, Python {sys.version.split()[0]}: {context}\n{text}\n")
    except OSError:
        return None
    return path


_LOG_PID = [0]


def _one_line(exc: BaseException, limit: int = 300) -> str:
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[:limit] + "…"


def _log_clause(log: str | None) -> tuple[str, str]:
    if log:
        return f"详细信息（traceback）见 {log}", f"traceback in {log}"
    return "无法写入日志文件", "no log file could be written"


def rule_crash_finding(rule, exc: BaseException, path: str = "") -> Finding:
    """ENG001: rule `rule` (a Rule) raised `exc` on the file `path`."""
    source = getattr(rule, "source", "") or ""
    log = log_exception(exc, f"rule {rule.id} ({source}) on {path!r}")
    error = _one_line(exc)
    where_zh = f"规则 {rule.id}" + (f"（{source}）" if source else "")
    where_en = f"rule {rule.id}" + (f" ({source})" if source else "")
    log_zh, log_en = _log_clause(log)
    return _engine_finding("ENG001", {"zh": f"{where_zh} 执行出错：{error}；{log_zh}",
                                      "en": f"{where_en} crashed: {error}; {log_en}"},
                           f"rules.{rule.id}", {"rule": rule.id, "rule_file": source, "exception": type(exc).__name__,
                                                "error": error, "log": log or ""}, rule.id)


def internal_finding(stage: str, exc: BaseException, path: str = "") -> Finding:
    """ENG002: xxgk failed at `stage` (a key of STAGES) on the file `path`."""
    cause = exc.cause if isinstance(exc, InternalError) else exc
    log = log_exception(cause, f"stage {stage} on {path!r}")
    error = _one_line(cause)
    zh_stage, en_stage = STAGES.get(stage, (stage, stage))
    log_zh, log_en = _log_clause(log)
    return _engine_finding("ENG002", {"zh": f"xxgk 内部错误（阶段：{zh_stage}）：{error}；此文件未能完整检查。{log_zh}",
                                      "en": f"internal error while {en_stage}: {error}; this file was not fully checked "
                                            f"({log_en})"},
                           "input", {"stage": stage, "exception": type(cause).__name__, "error": error, "log": log or ""},
                           stage)


def _engine_finding(rule: str, message: dict, fact: str, values: dict, fingerprint: str) -> Finding:
    """An ENG finding (error, basis xxgk, the common hint)."""
    return Finding(rule=rule, name=TOOL_RULE_INFO[rule][0], severity=Severity.error, message=message,
                   location=Location(fact=fact), hint=dict(HINT), basis=["xxgk"], values=values,
                   fingerprint_text=fingerprint)


def has_internal_error(findings) -> bool:
    return any(f.rule in INTERNAL_RULES for f in findings)
