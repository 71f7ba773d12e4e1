"""Batch runs: check many reports, in this process or across worker processes.

`iter_batch()` is what `xxgk check` calls for every run. One file (or `--jobs 1`) stays in
this process, so a pre-commit run on one draft pays no pool start-up; a folder of hundreds of
reports is spread over `--jobs` worker processes (default: the usable cores). Either way:

- results come out in input order, each as soon as it and every earlier one are done, and
  reporters write them as they come: nothing holds the whole batch in memory (results that
  finish ahead of an earlier one wait, beyond a few dozen on disk);
- one file that cannot be read — or that trips a bug — becomes a finding for that file and
  never stops the others;
- workers return `FileResult` records (plain picklable records): reporters render the same
  records whether the run was parallel or not;
- a progress bar (rich, on stderr) is shown for batches when stderr is a terminal, never when
  it is not (pre-commit, CI, pipes) unless `--progress` forces it;
- reports of the same agency for consecutive years are paired for the cross-year rules (XYR),
  unless `--previous` names last year's report explicitly (validator/pairing.py decides which
  reports pair, and says why the others do not). Every report is read and recognised once:
  the cross-year rules run after the pairing on what the first pass kept (on disk) of this
  year's and last year's report.
"""
from __future__ import annotations

import os
import sys

from validator.findings import FileResult
from validator.records import record

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any, Iterator

# (selected rules, every loaded rule by id, the rule config for check_file)
Pack = tuple[list, dict, dict]


@record
class Task:
    index: int
    path: str
    pack: Any  # key into the packs dict (the config file's path, or None)
    previous: Any = None  # last year's report (validator.pairing.PreviousYear) for the cross-year rules
    previous_source: str = "batch"  # batch (already judged) | option (judge it) | forced (--force-previous)
    defer_cross_year: bool = False  # the batch pairs its reports: cross-year rules after the pairing


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def check_one(path: str, pack: Pack, previous: Any = None, data: bytes | None = None,
              previous_source: str = "batch", defer_cross_year: bool = False) -> FileResult:
    """check_file() that never raises: a crash while reading or checking one file becomes an
    input finding (exit code 2) for that file instead of ending the whole batch."""
    from validator.commands.check import check_file, input_finding  # noqa: PLC0415
    from validator.document import InputError  # noqa: PLC0415

    selected, all_map, rule_config = pack
    try:
        return check_file(path, selected, rule_config, all_map, previous, data=data, previous_source=previous_source,
                          defer_cross_year=defer_cross_year)
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


def _work(task: Task) -> tuple[int, Any]:
    result = check_one(task.path, _WORKER_PACKS[task.pack], task.previous, previous_source=task.previous_source,
                       defer_cross_year=task.defer_cross_year)
    return task.index, (packed(result) if task.defer_cross_year else result)


@record
class Packed:
    """A result on its way to the Spool: what pairing needs of it, and the rest already pickled
    and compressed (by the worker, in parallel, rather than by the parent)."""
    agency: str | None
    year: int | None
    readable: bool
    skipped: bool
    data: bytes


def packed(result: FileResult) -> Packed:
    import pickle  # noqa: PLC0415
    import zlib  # noqa: PLC0415

    meta = (result.facts or {}).get("meta") or {}
    year = meta.get("year")
    return Packed(meta.get("agency"), year if isinstance(year, int) else None,
                  result.facts is not None and not result.error, bool(result.skipped),
                  zlib.compress(pickle.dumps(result, pickle.HIGHEST_PROTOCOL), 1))


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


def _completed(tasks: list[Task], packs: dict, jobs: int, bar: _Bar, stdin_data: bytes | None):
    """(index, FileResult) for every task as it finishes: in this process, or in a pool when it
    pays off (then in completion order)."""
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
                              previous_source=t.previous_source, defer_cross_year=t.defer_cross_year)
                if t.path == "-":
                    r.path = "-"
                bar.advance(t.path)
                yield t.index, (packed(r) if t.defer_cross_year else r)
            if pool is not None:
                chunk = max(1, min(8, len(pooled) // (workers * 8)))
                for index, result in pool.imap_unordered(_work, pooled, chunksize=chunk):
                    bar.advance(tasks[index].path)
                    yield index, result
                pool.close()
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    finally:
        if pool is not None:
            pool.join()


class Spool:
    """Results kept on disk (a temporary file, pickled and compressed) until they are wanted:
    a batch of any size holds one result in memory at a time."""

    def __init__(self):
        import tempfile  # noqa: PLC0415

        self.file = tempfile.TemporaryFile(prefix="xxgk-")
        self.where: dict[int, tuple[int, int]] = {}

    def put(self, index: int, result: FileResult | Packed) -> None:
        data = result.data if isinstance(result, Packed) else packed(result).data
        self.file.seek(0, 2)
        self.where[index] = (self.file.tell(), len(data))
        self.file.write(data)

    def get(self, index: int) -> FileResult:
        import pickle  # noqa: PLC0415
        import zlib  # noqa: PLC0415

        offset, size = self.where[index]
        self.file.seek(offset)
        return pickle.loads(zlib.decompress(self.file.read(size)))

    def pop(self, index: int) -> FileResult:
        result = self.get(index)
        del self.where[index]
        return result

    def __contains__(self, index: int) -> bool:
        return index in self.where

    def close(self) -> None:
        self.file.close()


IN_MEMORY = 32  # results waiting for an earlier one beyond this go to a Spool


def _in_order(completed, first: int = 0):
    """The results of `completed` (index, result) in index order, as soon as each is next: the
    ones that finish early wait in memory, beyond IN_MEMORY of them on disk."""
    waiting: dict[int, FileResult] = {}
    spool: Spool | None = None
    following = first
    try:
        for index, result in completed:
            if len(waiting) < IN_MEMORY or index == following:
                waiting[index] = result
            else:
                spool = spool or Spool()
                spool.put(index, result)
            while True:
                if following in waiting:
                    yield waiting.pop(following)
                elif spool is not None and following in spool:
                    yield spool.pop(following)
                else:
                    break
                following += 1
    finally:
        if spool is not None:
            spool.close()


def _wants_pairing(packs: dict) -> bool:
    return any(r.id.startswith("XYR") for selected, _, _ in packs.values() for r in selected)


def iter_batch(paths: list[str], pack_keys: list, packs: dict[Any, Pack], *, jobs: int | None = None,
               progress: bool | None = None, previous: Any = None, previous_source: str = "option",
               stdin_data: bytes | None = None, pair: bool = True) -> Iterator[FileResult]:
    """Check every path with its rule pack; yields the results in input order, each as soon as
    it and every earlier one are done, so that reporters write them as the batch goes and
    nothing holds the whole batch in memory.

    `previous` (from --previous: a validator.pairing.PreviousYear, analysed once) is offered to
    every file, which uses it only when it is that file's agency's report of the year before
    (`previous_source` "option"), or whatever it is ("forced", --force-previous). Without it,
    and when `pair` is true, the batch pairs reports of one agency for consecutive years
    (validator/pairing.py): every report is checked once without the cross-year rules and kept
    on disk (a Spool); once all are checked, the pairs are known, and the cross-year rules run
    on what the first pass kept of each report and of last year's (nothing is read twice);
    every result then says in `pairing` what it was compared with, or why nothing. Results
    then come out only at the end of the batch: which report pairs with which is known then.
    """
    jobs = jobs if jobs and jobs > 0 else default_jobs()
    pairing = previous is None and pair and len(paths) > 1 and _wants_pairing(packs)
    tasks = [Task(i, p, k, previous, previous_source, defer_cross_year=pairing)
             for i, (p, k) in enumerate(zip(paths, pack_keys))]
    bar = _Bar(_show_progress(progress, len(paths)), len(paths), "检查 checking")
    completed = _completed(tasks, packs, jobs, bar, stdin_data)
    if not pairing:
        yield from _in_order(completed)
        return
    from validator.commands.check import finish_cross_year  # noqa: PLC0415
    from validator import pairing as pair_mod  # noqa: PLC0415

    spool = Spool()
    try:
        candidates = []
        for index, done in completed:  # Packed: pickled by the worker
            if paths[index] != "-" and not done.skipped:  # stdin and files that are not reports take no part
                candidates.append(pair_mod.Candidate(index, paths[index], done.agency, done.year,
                                                     readable=done.readable))
            spool.put(index, done)
        batch = pair_mod.pair_batch(candidates)
        for i in range(len(paths)):
            result = spool.get(i)
            last_year, entry = None, None
            if i in batch.pairs:
                j = batch.pairs[i]
                before = spool.get(j)
                last_year = pair_mod.PreviousYear(path=paths[j], facts=before.facts or {}, narrative=before.narrative or {})
                entry = pair_mod.paired_entry(paths[j], last_year.meta, "batch")
            elif i in batch.unpaired:
                entry = pair_mod.unpaired_entry(batch.unpaired[i])
            yield finish_cross_year(result, packs[pack_keys[i]], last_year, entry)
    finally:
        spool.close()


def check_batch(paths: list[str], pack_keys: list, packs: dict[Any, Pack], **options) -> list[FileResult]:
    """iter_batch() as a list (for callers that want every result at once)."""
    return list(iter_batch(paths, pack_keys, packs, **options))
