"""`xxgk check PATH…`: read, recognise, run the rules, report.

One unreadable file never stops the others: it becomes an INP finding and exit code 2.
"""
from __future__ import annotations

import os
import sys

from validator.document import InputError, SourceSpan
from validator.engine.rules import Rule, load_rules
from validator.engine.selectors import select_rules
from validator.findings import FileResult, Finding, Location, Severity
from validator.records import field, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
# findings that are usage errors written into a report: exit 2 like a bad --select
USAGE_ERROR_RULES = {"SUP003"}


@record
class CheckOptions:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    rules_dirs: list[str] = field(default_factory=list)
    config: str | None = None
    previous: str | None = None
    force_previous: bool = False
    published: str | None = None
    lang: str = "zh"
    fmt: str = "text"
    output: str | None = None
    statistics: bool = False
    jobs: int | None = None
    baseline: str | None = None
    fix: bool = False
    diff: bool = False
    backup: bool = True
    show_suppressed: bool = False
    progress: bool | None = None
    strict_inputs: bool | None = None  # None: the config's strict-inputs (default off)
    output_format: str | None = None  # text: concise | full (None: full at a terminal, else concise)
    quiet: bool = False  # text: only the files that fail, and the totals
    show_unverified: bool = False  # plain text: also a note for each check that could not judge the report
    corrections: str | None = None  # reviewer corrections file (validator/corrections.py)


def _rule_map(rules: list[Rule]) -> dict[str, Rule]:
    return {r.id: r for r in rules}


def finding_from_rule(rule: Rule, values: dict[str, Any], location: Location, severity: Severity | None = None) -> Finding:
    from validator.engine.run import Violation, to_finding  # noqa: PLC0415

    return to_finding(rule, Violation(values=values, location=location,
                                      fingerprint_text=str(values.get("detail", values.get("comment", "")))),
                      severity or rule.severity)


def input_finding(all_rules: dict[str, Rule], path: str, err: InputError) -> Finding:
    rule = all_rules.get(err.rule) or all_rules["INP001"]
    values = {"problem": err.message, "problem_zh": err.message, "problem_en": getattr(err, "en", "") or err.message,
              "hint_detail": err.hint or "", "hint_detail_zh": err.hint or "",
              "hint_detail_en": getattr(err, "hint_en", "") or err.hint or "",
              "path": path, "detail": err.detail or err.message}
    return finding_from_rule(rule, values, Location(span=SourceSpan(), fact="input"))


def check_document(doc, report, facts, rules: list[Rule], all_rules: dict[str, Rule], config: dict) -> tuple[list[Finding], list[dict]]:
    """Rules + the gate rules' short-cut (check: gate, INP002) + inline suppressions, for an already
    recognised document."""
    from validator.engine.run import run_rules  # noqa: PLC0415
    from validator.engine.suppress import apply_suppressions  # noqa: PLC0415

    findings, checklist = run_rules(rules, facts, doc, report, config)
    from validator.confidence import mark  # noqa: PLC0415

    mark(findings, facts, {rule_id: r.groups for rule_id, r in all_rules.items()})
    gates = {r.id for r in rules if r.check.get("gate")}
    fired = {f.rule for f in findings} & gates
    if fired:
        # a gate rule fired (INP002: not an annual report): one finding, not forty
        findings = [f for f in findings if f.rule in fired or f.rule == "ENG001"]
        checklist = [c if c["rule"] in fired else {**c, "status": "not_applicable"} for c in checklist]
    selected = {r.id for r in rules}

    def make(rule_id: str, values: dict, location: Location):
        if rule_id not in selected or rule_id not in all_rules:
            return None
        return finding_from_rule(all_rules[rule_id], values, location)

    findings = apply_suppressions(doc.lines, findings, make, list(all_rules.values()))
    return findings, checklist


def check_file(path: str, rules: list[Rule], config: dict, all_rules: dict[str, Rule] | None = None,
               previous: Any = None, data: bytes | None = None, previous_source: str = "batch") -> FileResult:
    """Check one file. `previous` is last year's report (validator.pairing.PreviousYear) for the
    cross-year rules. previous_source "option" (--previous) means it is used only when it is this
    report's agency's report of the year before; "batch" (already paired) and "forced"
    (--force-previous) use it as given. The result's `pairing` says which happened."""
    from validator.facts import looks_like_report  # noqa: PLC0415
    from validator.pipeline import analyse  # noqa: PLC0415

    all_rules = all_rules or _rule_map(rules)
    try:
        doc, report, facts = analyse(path, data)
    except InputError as err:
        if "INP001" not in all_rules:
            all_rules = {**all_rules, **_rule_map(load_rules())}
        return FileResult(path=path, findings=[input_finding(all_rules, path, err)], facts=None, error=err.message)
    if not config.get("strict_inputs") and not looks_like_report(facts):
        # a README or notes beside the drafts: listed as skipped, never a failure
        return FileResult(path=path, facts=facts, skipped="not-a-report")
    cfg = dict(config)
    pairing = None
    if previous is not None:
        from validator import pairing as pair  # noqa: PLC0415

        reason = pair.mismatch(facts["meta"], previous.meta, path, previous.path) if previous_source == "option" else None
        if reason:
            pairing = pair.refused_entry(previous.path, reason)
        else:
            cfg["previous"] = previous
            pairing = pair.paired_entry(previous.path, previous.meta, previous_source)
    findings, checklist = check_document(doc, report, facts, rules, all_rules, cfg)
    if pairing is not None:
        from validator.engine.reasons import explain_pairing  # noqa: PLC0415

        explain_pairing(checklist, pairing)
    findings.sort(key=lambda f: (f.location.span.line or 0, f.location.span.page or 0, f.rule))
    return FileResult(path=path, findings=findings, facts=facts, checklist=checklist, document_lines=doc.lines,
                      pairing=pairing, narrative=report.narrative())


def exit_code(results: list[FileResult], fail_on: Severity) -> int:
    """Skipped files (not a report, Word lock files) never change it."""
    if any(r.error or any(f.rule in USAGE_ERROR_RULES for f in r.active) for r in results):
        return EXIT_ERROR
    for r in results:
        for f in r.active:
            if f.severity >= fail_on:
                return EXIT_FINDINGS
    return EXIT_CLEAN


@record
class Run:
    """What a check run produced, before fixes and rendering."""

    results: list[FileResult]
    fail_on: Severity
    baseline: str | None


def run(paths: list[str], opts: CheckOptions) -> int:
    outcome = collect(paths, opts)
    if isinstance(outcome, int):
        return outcome
    stale = []
    if outcome.baseline:
        from validator.baseline import apply_baseline  # noqa: PLC0415

        stale = apply_baseline(outcome.results, outcome.baseline)
    if opts.fix or opts.diff:
        from validator.fix import apply_fixes  # noqa: PLC0415

        apply_fixes(outcome.results, write=opts.fix and not opts.diff, backup=opts.backup, out=sys.stdout)
    render(outcome.results, opts, stale)
    return exit_code(outcome.results, outcome.fail_on)


def collect(paths: list[str], opts: CheckOptions) -> Run | int:
    """Check every input; an exit code instead when the run cannot start (no files found, an
    unreadable --previous). `xxgk baseline create` uses this too."""
    from validator.config import config_for  # noqa: PLC0415
    from validator.pipeline import iter_inputs  # noqa: PLC0415
    from validator.readers import CHECKABLE_SUFFIXES, is_lock_file  # noqa: PLC0415

    named = iter_inputs(paths, CHECKABLE_SUFFIXES)
    if not named:
        print("xxgk: no report files found in " + " ".join(paths), file=sys.stderr)
        return EXIT_ERROR
    # rules per configuration (a batch may span folders with different configs)
    packs: dict[str | None, tuple[list[Rule], dict[str, Rule], dict, Any]] = {}
    previous = None
    if opts.previous:
        from validator.pairing import PreviousYear  # noqa: PLC0415
        from validator.pipeline import analyse  # noqa: PLC0415

        try:
            _, prev_report, prev_facts = analyse(opts.previous)
        except InputError as err:
            print(f"xxgk: error: --previous {opts.previous}: {err.message}", file=sys.stderr)
            return EXIT_ERROR
        # analysed once here, whatever the number of reports compared with it
        previous = PreviousYear.from_analysis(opts.previous, prev_report, prev_facts)
    # Word's lock files (~$报告.docx, left beside an open document) are listed, never read
    locks = {i for i, path in enumerate(named) if is_lock_file(path)}
    files = [path for i, path in enumerate(named) if i not in locks]
    stdin_data = read_stdin(opts.lang) if "-" in files else None
    pack_keys = []
    for path in files:
        cfg = config_for(path, opts.config)
        if cfg.path not in packs:
            all_rules = load_rules([*cfg.rules, *opts.rules_dirs])
            validate_selectors(all_rules, opts, cfg)
            selected = select_rules(all_rules, opts.select or cfg.select, [*cfg.ignore, *opts.ignore])
            strict = opts.strict_inputs if opts.strict_inputs is not None else cfg.strict_inputs
            rule_config: dict[str, Any] = {"severity": cfg.severity, "options": {k: dict(v) for k, v in cfg.options.items()},
                           "strict_inputs": bool(strict)}
            if opts.published:  # the option of every rule that declares one (DAT003, a pack's deadline)
                for r in all_rules:
                    if "published" in r.options:
                        rule_config["options"].setdefault(r.id, {})["published"] = opts.published
            packs[cfg.path] = (selected, _rule_map(all_rules), rule_config, cfg)
        pack_keys.append(cfg.path)
    # one file stays in this process; a batch goes to --jobs worker processes (validator/batch.py)
    from validator.batch import check_batch  # noqa: PLC0415

    results = check_batch(files, pack_keys, {k: p[:3] for k, p in packs.items()}, jobs=opts.jobs,
                          progress=opts.progress, previous=previous,
                          previous_source="forced" if opts.force_previous else "option", stdin_data=stdin_data)
    _warn_refused(results, opts.lang)
    if locks:
        checked = iter(results)
        results = [FileResult(path=path, skipped="lock-file") if i in locks else next(checked)
                   for i, path in enumerate(named)]
    fail_on_name = opts.fail_on or next((p[3].fail_on for p in packs.values() if p[3].fail_on), None) or "error"
    baseline = opts.baseline or next((p[3].baseline for p in packs.values() if p[3].baseline), None)
    return Run(results, Severity.parse(fail_on_name), baseline)


def validate_selectors(rules: list[Rule], opts: CheckOptions, cfg) -> None:
    """Every rule the command line and the config name exists (SelectorError, exit 2, otherwise)."""
    from validator.engine.selectors import validate  # noqa: PLC0415
    from validator.i18n import t  # noqa: PLC0415

    validate(rules, opts.select, {"zh": "--select", "en": "--select"})
    validate(rules, opts.ignore, {"zh": "--ignore", "en": "--ignore"})
    if cfg.path is None:
        return
    table = "[tool.xxgk] " if os.path.basename(cfg.path) == "pyproject.toml" else ""
    for key, names in (("select", cfg.select), ("ignore", cfg.ignore), ("severity", list(cfg.severity)),
                       ("options", list(cfg.options))):
        validate(rules, names, {lang: t("config.key", lang, path=cfg.path, key=table + key) for lang in ("zh", "en")})


def _warn_refused(results: list[FileResult], lang: str) -> None:
    """--previous given a report that is not last year's: say so, naming both (XYR not applied)."""
    from validator.i18n import t  # noqa: PLC0415

    for r in results:
        p = r.pairing
        if p and p["status"] == "refused":
            reason = p["reason"].get(lang) or p["reason"]["zh"]
            print("xxgk: " + t("pairing.warning", lang, previous=p["previous"], path=r.path, reason=reason),
                  file=sys.stderr)


def read_stdin(lang: str) -> bytes:
    """The report on standard input; at a terminal, first say so (and how to end it)."""
    try:
        interactive = sys.stdin.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if interactive:
        from validator.i18n import t  # noqa: PLC0415

        print("xxgk: " + t("stdin.reading", lang), file=sys.stderr, flush=True)
    return sys.stdin.buffer.read()


def render(results: list[FileResult], opts: CheckOptions, stale: list | None = None) -> None:
    from validator.reporters import get_reporter  # noqa: PLC0415

    reporter = get_reporter(opts.fmt)
    if opts.output:
        with open(opts.output, "w", encoding="utf-8") as out:
            reporter(results, out, opts, stale or [])
    else:
        reporter(results, sys.stdout, opts, stale or [])
