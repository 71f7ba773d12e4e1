"""Batch runs: check many reports, in this process or across worker processes.

`check_batch()` is what `xxgk check` calls for every run. One file (or `--jobs 1`) stays in
this process, so a pre-commit run on one draft pays no pool start-up; a folder of hundreds of
reports is spread over `--jobs` worker processes (default: the usable cores). Either way:

- results come back in input order, whatever order the workers finish in;
- one file that cannot be read — or that trips a bug — becomes a finding for that file and
  never stops the others;
- workers return `FileResult` records (plain picklable records): reporters render the same
  records whether the run was parallel or not;
- a progress bar (rich, on stderr) is shown for batches when stderr is a terminal, never when
  it is not (pre-commit, CI, pipes) unless `--progress` forces it;
- reports of the same agency for consecutive years are paired for the cross-year rules (XYR),
  unless `--previous` names last year's report explicitly (validator/pairing.py decides which
  reports pair, and says why the others do not; last year's report is not read again).
"""
from __future__ import annotations

import os
import sys

from validator.findings import FileResult
from validator.records import record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

# (selected rules, every loaded rule by id, the rule config for check_file)
Pack = tuple[list, dict, dict]


@record
class Task:
    index: int
    path: str
    pack: Any  # key into the packs dict (the config file's path, or None)
    previous: Any = None  # last year's report (validator.pairing.PreviousYear) for the cross-year rules
    previous_source: str = "batch"  # batch (already judged) | option (judge it) | forced (--force-previous)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def check_one(path: str, pack: Pack, previous: Any = None, data: bytes | None = None,
              previous_source: str = "batch") -> FileResult:
    """check_file() that never raises: a crash while reading or checking one file becomes an
    input finding (exit code 2) for that file instead of ending the whole batch."""
    from validator.commands.check import check_file, input_finding  # noqa: PLC0415
    from validator.document import InputError  # noqa: PLC0415

    selected, all_map, rule_config = pack
    try:
        return check_file(path, selected, rule_config, all_map, previous, data=data, previous_source=previous_source)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 — a bug on one file must not stop the batch
        from validator.commands.check import _rule_map  # noqa: PLC0415
        from validator.engine.rules import load_rules  # noqa: PLC0415

        err = InputError(f"internal error while checking this file: {type(exc).__name__}: {exc}",
                         hint="please report this bug to the xxgk maintainers together with the file",
                         detail=type(exc).__name__)
        if "INP001" not in all_map:
            all_map = {**all_map, **_rule_map(load_rules())}
        return FileResult(path=path, findings=[input_finding(all_map, path, err)], facts=None, error=err.message)


# ---------------------------------------------------------------- worker side

_WORKER_PACKS: dict = {}


def _init_worker(packs: dict) -> None:
    # Ctrl-C is the parent's to handle (exit 130); workers are terminated by the pool.
    import signal  # noqa: PLC0415 - worker processes only

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_PACKS.clear()
    _WORKER_PACKS.update(packs)


def _work(task: Task) -> tuple[int, FileResult]:
    return task.index, check_one(task.path, _WORKER_PACKS[task.pack], task.previous,
                                 previous_source=task.previous_source)


# ---------------------------------------------------------------- parent side

def _mp_context():
    import multiprocessing  # noqa: PLC0415

    # fork is cheap (rules and modules are inherited, no re-import per worker); the pool is
    # created before any thread (the progress bar) starts, so forking is safe.
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _show_progress(progress: bool | None, total: int) -> bool:
    if progress is not None:
        return progress and total > 0
    if total < 2:
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class _Bar:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, enabled: bool, total: int, label: str):
        self.progress = None
        if not enabled:
            return
        from rich.console import Console  # noqa: PLC0415
        from rich.progress import (  # noqa: PLC0415
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = Console(file=sys.stderr, force_terminal=True if not _isatty(sys.stderr) else None)
        self.progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                                 TextColumn("[dim]{task.fields[name]}"), console=console, transient=True)
        self.task = self.progress.add_task(label, total=total, name="")

    def __enter__(self):
        if self.progress is not None:
            self.progress.start()
        return self

    def advance(self, name: str = "") -> None:
        if self.progress is not None:
            self.progress.update(self.task, advance=1, name=os.path.basename(name)[-40:])

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.stop()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _run_tasks(tasks: list[Task], packs: dict, jobs: int, bar: _Bar, results: list,
               stdin_data: bytes | None) -> None:
    """Fill results[task.index] for every task, in a pool when it pays off."""
    in_process = [t for t in tasks if t.path == "-"]
    pooled = [t for t in tasks if t.path != "-"]
    if jobs <= 1 or len(pooled) < 2:
        in_process, pooled = tasks, []
    pool = None
    if pooled:
        workers = min(jobs, len(pooled))
        # created before the progress bar's refresh thread starts: forking is then safe
        pool = _mp_context().Pool(workers, initializer=_init_worker, initargs=(packs,))
    try:
        with bar:
            for t in in_process:
                name = "stdin.md" if t.path == "-" else t.path
                r = check_one(name, packs[t.pack], t.previous, data=stdin_data if t.path == "-" else None,
                              previous_source=t.previous_source)
                if t.path == "-":
                    r.path = "-"
                results[t.index] = r
                bar.advance(t.path)
            if pool is not None:
                chunk = max(1, min(8, len(pooled) // (workers * 8)))
                for index, result in pool.imap_unordered(_work, pooled, chunksize=chunk):
                    results[index] = result
                    bar.advance(result.path)
                pool.close()
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    finally:
        if pool is not None:
            pool.join()


def _wants_pairing(packs: dict) -> bool:
    return any(r.id.startswith("XYR") for selected, _, _ in packs.values() for r in selected)


def check_batch(paths: list[str], pack_keys: list, packs: dict[Any, Pack], *, jobs: int | None = None,
                progress: bool | None = None, previous: Any = None, previous_source: str = "option",
                stdin_data: bytes | None = None, pair: bool = True) -> list[FileResult]:
    """Check every path with its rule pack; results in input order.

    `previous` (from --previous: a validator.pairing.PreviousYear, analysed once) is offered to
    every file, which uses it only when it is that file's agency's report of the year before
    (`previous_source` "option"), or whatever it is ("forced", --force-previous). Without it,
    and when `pair` is true, the batch pairs reports of one agency for consecutive years
    (validator/pairing.py) and checks each against last year's facts from the first pass;
    every result then says in `pairing` what it was compared with, or why nothing.
    """
    jobs = jobs if jobs and jobs > 0 else default_jobs()
    results: list[FileResult | None] = [None] * len(paths)
    tasks = [Task(i, p, k, previous, previous_source) for i, (p, k) in enumerate(zip(paths, pack_keys))]
    bar = _Bar(_show_progress(progress, len(paths)), len(paths), "检查 checking")
    _run_tasks(tasks, packs, jobs, bar, results, stdin_data)
    if previous is None and pair and len(paths) > 1 and _wants_pairing(packs):
        from validator.pairing import pair_results  # noqa: PLC0415

        again = [Task(i, paths[i], pack_keys[i], last_year) for i, last_year in pair_results(results, paths)]
        from validator.engine.reasons import explain_pairing  # noqa: PLC0415

        for r in results:
            if r is not None:
                explain_pairing(r.checklist, r.pairing)
        if again:
            bar = _Bar(_show_progress(progress, len(again)), len(again), "跨年度 cross-year")
            _run_tasks(again, packs, jobs, bar, results, None)
    return [r for r in results if r is not None]
