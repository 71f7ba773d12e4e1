"""`xxgk check PATH…`: read, recognise, run the rules, report.

One unreadable file never stops the others: it becomes an INP finding and exit code 2.
"""
from __future__ import annotations

import os
import sys

from validator.document import InputError, SourceSpan
from validator.engine.rules import Rule, load_rules
from validator.engine.selectors import select_rules
from validator.findings import FileResult, Finding, Location, Severity, display_path
from validator.records import field, record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
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
    timeout: float | None = None  # seconds per file; None: validator.limits.TIME_BUDGET, 0: no limit
    indicators: bool = False  # compute the indicators even for outputs that do not show them


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
              "path": display_path(path), "detail": err.detail or err.message}
    return finding_from_rule(rule, values, Location(span=SourceSpan(), fact="input"))


def check_document(doc, report, facts, rules: list[Rule], all_rules: dict[str, Rule], config: dict) -> tuple[list[Finding], list[dict]]:
    """Rules + the gate rules' short-cut (check: gate, INP002) + inline suppressions, for an already
    recognised document."""
    from validator.engine.run import run_rules  # noqa: PLC0415

    findings, checklist = run_rules(rules, facts, doc, report, config)
    return finish_document(doc.lines, facts, findings, checklist, rules, all_rules)


def finish_document(lines: list[str] | None, facts: dict, findings: list[Finding], checklist: list[dict],
                    rules: list[Rule], all_rules: dict[str, Rule]) -> tuple[list[Finding], list[dict]]:
    """What follows the rules: how sure each finding is, the INP002 short-cut and the inline
    suppressions of the document's `lines` (text formats; None for others)."""
    from validator.engine.suppress import apply_suppressions  # noqa: PLC0415
    from validator import corrections  # noqa: PLC0415
    from validator.confidence import mark  # noqa: PLC0415

    mark(findings, facts, {rule_id: r.groups for rule_id, r in all_rules.items()})
    corrections.mark(findings, facts)
    gates = {r.id for r in rules if r.check.get("gate")}
    fired = {f.rule for f in findings} & gates
    if fired:
        # a gate rule fired (INP002: not an annual report): one finding, not forty (the other input
        # findings — limits, decoding — and engine findings stay)
        findings = [f for f in findings if f.rule in fired or f.rule.startswith(("INP", "ENG"))]
        checklist = [c if c["rule"] in fired or c["rule"].startswith("INP") else {**c, "status": "not_applicable"}
                     for c in checklist]
    selected = {r.id for r in rules}

    def make(rule_id: str, values: dict, location: Location):
        if rule_id not in selected or rule_id not in all_rules:
            return None
        return finding_from_rule(all_rules[rule_id], values, location)

    from validator.internal import InternalError, internal_finding  # noqa: PLC0415
    from validator.limits import set_stage  # noqa: PLC0415

    set_stage("suppressions")
    try:
        findings = apply_suppressions(lines, findings, make, list(all_rules.values()))
    except Exception as exc:  # noqa: BLE001 - a bug: reported as such, the findings are kept
        findings.append(internal_finding("suppressions", InternalError("suppressions", exc)))
    return findings, checklist


def _with_inp(all_rules: dict[str, Rule]) -> dict[str, Rule]:
    """The INP rules are needed to report a file that could not be checked, even when the run
    selected none of them."""
    if "INP001" in all_rules:
        return all_rules
    return {**all_rules, **_rule_map(load_rules())}


def is_cross_year(rule: Rule) -> bool:
    """The rules that compare a report with last year's (they need the batch's pairing)."""
    return rule.id.startswith("XYR")


def cross_year_view(report) -> Any:
    """What the cross-year rules read of a report besides its facts: its text stream and parts
    (validator.recognize.Report without the document and the tables), small and picklable, so
    that they can run after the batch's pairing without reading the report again."""
    from validator.recognize import Report  # noqa: PLC0415

    # the cross-year rules read neither the document nor the format: a view without them
    return Report(document=None, stream=report.stream, meta=report.meta, format=None,  # type: ignore[arg-type]
                  template=report.template, parts=report.parts, tables={})


def finish_cross_year(result: FileResult, pack: tuple, previous: Any = None, pairing: dict | None = None) -> FileResult:
    """Complete a result checked with `defer_cross_year`: when the batch paired it with last
    year's report (`previous`, a validator.pairing.PreviousYear), run the cross-year rules again
    with it (the first pass ran them without: not applicable), then what follows the rules
    (finish_document). `pairing` is what the batch decided for it."""
    rules, all_rules, config = pack
    view = result.cross_year
    if view is None:  # unreadable, or already complete
        if pairing is not None:
            result.pairing = pairing
        return result
    from validator.engine.run import run_rules  # noqa: PLC0415

    findings, checklist = result.findings, result.checklist
    facts = result.facts or {}  # a result with a cross-year view was read: it has facts
    if previous is not None:  # the first pass ran them without last year's report: run them again with it
        cfg = {**config, "previous": previous}
        again, again_checklist = run_rules([r for r in rules if is_cross_year(r)], facts, None, view, cfg)
        redone = {c.get("rule") for c in again_checklist}
        order = {r.id: i for i, r in enumerate(rules)}
        findings = [f for f in findings if f.rule not in redone] + again
        checklist = sorted([c for c in checklist if c.get("rule") not in redone] + again_checklist,
                           key=lambda c: order.get(c.get("rule"), len(order)))
    findings, checklist = finish_document(result.document_lines, facts, findings, checklist, rules, all_rules)
    if pairing is not None:
        from validator.engine.reasons import explain_pairing  # noqa: PLC0415

        explain_pairing(checklist, pairing)
    findings.sort(key=lambda f: (f.location.span.line or 0, f.location.span.page or 0, f.rule))
    result.findings, result.checklist, result.pairing, result.cross_year = findings, checklist, pairing, None
    result.indicators = indicators_of(facts, previous, config)
    return result


def check_file(path: str, rules: list[Rule], config: dict, all_rules: dict[str, Rule] | None = None,
               previous: Any = None, data: bytes | None = None, previous_source: str = "batch",
               defer_cross_year: bool = False, budget: float | None = None) -> FileResult:
    """Check one file within `budget` seconds (None or 0: no limit). `previous` is last year's
    report (validator.pairing.PreviousYear) for the cross-year rules. previous_source "option"
    (--previous) means it is used only when it is this report's agency's report of the year
    before; "batch" (already paired) and "forced" (--force-previous) use it as given. The
    result's `pairing` says which happened.

    `defer_cross_year` (a batch that pairs its reports): the rules run now, the cross-year ones
    without last year's report; the result keeps what those need (`cross_year`) and its
    findings unfinished, and finish_cross_year() completes it once the batch knows last year's
    report — nothing is read or recognised twice.

    Unreadable input becomes an INP finding, an exhausted budget INP007, a bug in xxgk
    ENG001/ENG002 (validator/internal.py); nothing but KeyboardInterrupt/SystemExit escapes."""
    from validator.internal import InternalError, internal_finding  # noqa: PLC0415
    from validator.limits import TimeBudgetExceeded, current_stage, time_budget  # noqa: PLC0415

    all_rules = all_rules or _rule_map(rules)
    try:
        with time_budget(budget):
            return _check_file(path, rules, config, all_rules, previous, data, previous_source, defer_cross_year)
    except TimeBudgetExceeded as exc:
        return incomplete_result(all_rules, path, budget_exceeded_error(exc.seconds, exc.stage))
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the others
        stage = exc.stage if isinstance(exc, InternalError) else current_stage()
        finding = internal_finding(stage, exc, path)
        return FileResult(path=path, findings=[finding], facts=None, error=finding.text("zh"))


def _check_file(path, rules, config, all_rules, previous, data, previous_source, defer_cross_year) -> FileResult:
    from validator.facts import looks_like_report  # noqa: PLC0415
    from validator.pipeline import analyse  # noqa: PLC0415

    try:
        doc, report, facts = analyse(path, data)
    except InputError as err:
        return FileResult(path=path, findings=[input_finding(_with_inp(all_rules), path, err)], facts=None,
                          error=err.message)
    if not config.get("strict_inputs") and not looks_like_report(facts) and not doc.input_notes:
        # a README or notes beside the drafts: listed as skipped, never a failure. Not a file
        # whose reading had to be repaired or capped (INP006/INP008): that may be a damaged
        # report, and the findings say so
        return FileResult(path=path, facts=facts, skipped="not-a-report")
    corrections: list[dict] = []
    if config.get("corrections"):
        from validator import corrections as corr  # noqa: PLC0415

        mine, digest = corr.for_file(config["corrections"], path, data)
        corrections = corr.apply_corrections(facts, mine, digest) if mine else []
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
    if defer_cross_year and previous is None:
        from validator.engine.run import run_rules  # noqa: PLC0415

        findings, checklist = run_rules(rules, facts, doc, report, cfg)  # unfinished: finish_cross_year
        return FileResult(path=path, findings=findings, facts=facts, checklist=checklist, document_lines=doc.lines,
                          narrative=report.narrative(), cross_year=cross_year_view(report), corrections=corrections)
    findings, checklist = check_document(doc, report, facts, rules, all_rules, cfg)
    if pairing is not None:
        from validator.engine.reasons import explain_pairing  # noqa: PLC0415

        explain_pairing(checklist, pairing)
    from validator.limits import set_stage  # noqa: PLC0415
    from validator.locate import locate  # noqa: PLC0415

    set_stage("locate")
    findings = locate(doc, findings, facts["meta"].get("title"))  # document order; heading paths and quotes for Word and PDF
    return FileResult(path=path, findings=findings, facts=facts, checklist=checklist, document_lines=doc.lines,
                      pairing=pairing, narrative=report.narrative(), corrections=corrections,
                      indicators=indicators_of(facts, cfg.get("previous"), config))


def indicators_of(facts: dict, previous: Any, config: dict) -> list[dict]:
    """The evaluators' indicators (validator/indicators.py), with last year's report when paired;
    only outputs that show them (json, html, the figures CSV) ask for them (config "indicators")."""
    if not config.get("indicators"):
        return []
    from validator.indicators import compute  # noqa: PLC0415

    return compute(facts, previous.facts if previous is not None else None)


def budget_exceeded_error(seconds: float, stage: str) -> InputError:
    from validator.internal import STAGES  # noqa: PLC0415

    zh_stage, en_stage = STAGES.get(stage, (stage, stage))
    return InputError(f"检查超过了时间上限 {seconds:g} 秒（停在“{zh_stage}”阶段）",
                      rule="INP007", detail=f"time budget {seconds:g} s exceeded while {stage}",
                      hint="正常的年度报告检查用时不到一秒：文件可能异常（极长的行、巨大的表格）。"
                           "可用 --timeout 调高上限，或检查文件是否正确",
                      en=f"the check took longer than its time budget of {seconds:g} s (stopped while {en_stage})",
                      hint_en="a normal report takes well under a second: the file may be unusual (very long lines, "
                              "huge tables). Raise the limit with --timeout, or check the file")


def incomplete_result(all_rules: dict[str, Rule], path: str, err: InputError) -> FileResult:
    """The record of a file whose check did not finish (INP007)."""
    return FileResult(path=path, findings=[input_finding(_with_inp(all_rules), path, err)], facts=None,
                      error=err.message)


class ExitCode:
    """The run's exit code, fed one result at a time: 3 for a bug in xxgk (it outranks
    everything: the run is not to be trusted), 2 for a file that could not be (fully) checked,
    1 for findings at or above `fail_on`, else 0. Skipped files (not a report, Word lock files)
    never change it."""

    def __init__(self, fail_on: Severity):
        self.fail_on = fail_on
        self.value = EXIT_CLEAN

    def add(self, r: FileResult) -> None:
        from validator.internal import has_internal_error  # noqa: PLC0415

        if self.value == EXIT_INTERNAL:
            return
        if has_internal_error(r.findings):
            self.value = EXIT_INTERNAL
        elif self.value == EXIT_ERROR:
            return
        elif r.error or any(f.rule in USAGE_ERROR_RULES for f in r.active):
            self.value = EXIT_ERROR
        elif any(f.severity >= self.fail_on for f in r.active):
            self.value = EXIT_FINDINGS


def exit_code(results: list[FileResult], fail_on: Severity) -> int:
    code = ExitCode(fail_on)
    for r in results:
        code.add(r)
    return code.value


@record
class Run:
    """What a check run produced, before fixes and rendering: `results` is a list (collect) or an
    iterator that checks the files as it is read (collect_stream)."""

    results: Any
    fail_on: Severity
    baseline: str | None


def run(paths: list[str], opts: CheckOptions) -> int:
    if opts.fix or opts.diff:
        return _run_fixing(paths, opts)
    outcome = collect_stream(paths, opts)
    if isinstance(outcome, int):
        return outcome
    # results go to the output as they come (in input order); only counts stay behind
    code = ExitCode(outcome.fail_on)
    baseline = None
    if outcome.baseline:
        from validator.baseline import Baseline  # noqa: PLC0415

        baseline = Baseline(outcome.baseline)
    stale: list = []  # filled when the last result has gone by: reporters write it at the end

    def results():
        for r in outcome.results:
            if baseline is not None:
                baseline.apply(r)
            code.add(r)
            r.document_lines = r.narrative = None  # what only --fix and the pairing needed
            yield r
        if baseline is not None:
            stale.extend(baseline.stale())

    render(results(), opts, stale)
    return code.value


def _run_fixing(paths: list[str], opts: CheckOptions) -> int:
    """--fix / --diff: every result first (diffs and fix notes come before the report)."""
    outcome = collect(paths, opts)
    if isinstance(outcome, int):
        return outcome
    stale = []
    if outcome.baseline:
        from validator.baseline import apply_baseline  # noqa: PLC0415

        stale = apply_baseline(outcome.results, outcome.baseline)
    from validator.fix import apply_fixes  # noqa: PLC0415

    apply_fixes(outcome.results, write=opts.fix and not opts.diff, backup=opts.backup, out=sys.stdout,
                lang=opts.lang)
    render(outcome.results, opts, stale)
    return exit_code(outcome.results, outcome.fail_on)


def collect(paths: list[str], opts: CheckOptions) -> Run | int:
    """Check every input; an exit code instead when the run cannot start (no files found, an
    unreadable --previous). The results as a list. `xxgk baseline create` uses this too."""
    outcome = collect_stream(paths, opts)
    if isinstance(outcome, Run):
        outcome.results = list(outcome.results)
    return outcome


def collect_stream(paths: list[str], opts: CheckOptions) -> Run | int:
    """collect() whose results are an iterator: each file is checked (in a batch, by worker
    processes) as the iterator is read, and comes out in input order (validator/batch.py)."""
    from validator.config import config_for  # noqa: PLC0415
    from validator.pipeline import iter_inputs  # noqa: PLC0415
    from validator.readers import CHECKABLE_SUFFIXES, is_lock_file  # noqa: PLC0415

    from validator.config import ConfigError, check_option_values, is_date  # noqa: PLC0415

    if opts.published and not is_date(opts.published):
        raise ConfigError({"zh": f"--published：应为日期 YYYY-MM-DD，实际是 {opts.published!r}",
                           "en": f"--published: expected a date YYYY-MM-DD, got {opts.published!r}"})
    if opts.output:
        folder = os.path.dirname(os.path.abspath(opts.output))
        if not os.path.isdir(folder):
            raise ConfigError({"zh": f"--output：文件夹 {folder} 不存在", "en": f"--output: the folder {folder} does not exist"})
    named = iter_inputs(paths, CHECKABLE_SUFFIXES)
    if not named:
        from validator.i18n import t  # noqa: PLC0415

        from validator.readers import SUFFIX_READERS  # noqa: PLC0415

        print("xxgk: " + t("no-inputs", opts.lang, paths=" ".join(paths), suffixes=" ".join(sorted(SUFFIX_READERS))),
              file=sys.stderr)
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
            check_option_values(cfg, all_rules)
            selected = select_rules(all_rules, opts.select or cfg.select, [*cfg.ignore, *opts.ignore])
            strict = opts.strict_inputs if opts.strict_inputs is not None else cfg.strict_inputs
            rule_config: dict[str, Any] = {"severity": cfg.severity, "options": {k: dict(v) for k, v in cfg.options.items()},
                           "strict_inputs": bool(strict)}
            if opts.published:  # the option of every rule that declares one (DAT003, a pack's deadline)
                for r in all_rules:
                    if "published" in r.options:
                        rule_config["options"].setdefault(r.id, {})["published"] = opts.published
            if opts.fmt in ("json", "html") or opts.indicators:
                rule_config["indicators"] = True
            corrections_file = opts.corrections or cfg.corrections
            if corrections_file:
                from validator.corrections import load_corrections  # noqa: PLC0415

                rule_config["corrections"] = load_corrections(corrections_file)
            packs[cfg.path] = (selected, _rule_map(all_rules), rule_config, cfg)
        pack_keys.append(cfg.path)
    # one file stays in this process; a batch goes to --jobs worker processes (validator/batch.py)
    from validator.batch import iter_batch  # noqa: PLC0415

    from validator.limits import TIME_BUDGET  # noqa: PLC0415

    checked = iter_batch(files, pack_keys, {k: p[:3] for k, p in packs.items()}, jobs=opts.jobs,
                         progress=opts.progress, previous=previous,
                         previous_source="forced" if opts.force_previous else "option", stdin_data=stdin_data,
                         budget=TIME_BUDGET if opts.timeout is None else opts.timeout)

    def results():
        for i, path in enumerate(named):
            if i in locks:
                yield FileResult(path=path, skipped="lock-file")
                continue
            r = next(checked)
            _warn_refused(r, opts.lang)
            yield r

    fail_on_name = opts.fail_on or next((p[3].fail_on for p in packs.values() if p[3].fail_on), None) or "error"
    baseline = opts.baseline or next((p[3].baseline for p in packs.values() if p[3].baseline), None)
    return Run(results(), Severity.parse(fail_on_name), baseline)


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


def _warn_refused(r: FileResult, lang: str) -> None:
    """--previous given a report that is not last year's: say so, naming both (XYR not applied)."""
    p = r.pairing
    if p and p["status"] == "refused":
        from validator.i18n import t  # noqa: PLC0415

        reason = p["reason"].get(lang) or p["reason"]["zh"]
        print("xxgk: " + t("pairing.warning", lang, previous=display_path(p["previous"]), path=display_path(r.path),
                           reason=reason),
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
    from validator.limits import MAX_FILE_BYTES  # noqa: PLC0415

    # no more than the file size limit (one byte more, so that read_bytes refuses it as too
    # large instead of checking a cut-off report)
    return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)


def render(results, opts: CheckOptions, stale: list | None = None) -> None:
    """Write the report. `results`: a list, or an iterator whose results each reporter writes as
    they come (`stale` is complete once the iterator is exhausted)."""
    from validator.config import ConfigError  # noqa: PLC0415
    from validator.reporters import get_reporter  # noqa: PLC0415

    reporter = get_reporter(opts.fmt)
    if opts.output:
        try:
            # backslashreplace: a character that cannot be written is shown escaped, never a crash
            out = open(opts.output, "w", encoding="utf-8", errors="backslashreplace")
        except OSError as exc:
            why = exc.strerror or exc
            raise ConfigError({"zh": f"--output：无法写入 {opts.output}：{why}",
                               "en": f"--output: cannot write {opts.output}: {why}"}) from None
        with out:
            reporter(results, out, opts, stale if stale is not None else [])
        from validator.i18n import t  # noqa: PLC0415

        # the terminal shows nothing else: say where the report is (an absolute path to open or attach)
        print("xxgk: " + t("output.written", opts.lang, path=os.path.abspath(opts.output)), file=sys.stderr)
    else:
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
        reporter(results, sys.stdout, opts, stale if stale is not None else [])
