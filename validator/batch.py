"""Batch runs: check many reports, in this process or across worker processes.

`iter_batch()` is what `xxgk check` calls for every run. One file (or `--jobs 1`) stays in
this process, so a pre-commit run on one draft pays no pool start-up; a folder of hundreds of
reports is spread over `--jobs` worker processes (default: the usable cores). Either way:

- results come out in input order, each as soon as it and every earlier one are done, and
  reporters write them as they come: nothing holds the whole batch in memory (results that
  finish ahead of an earlier one wait, beyond a few dozen on disk);
- one file that cannot be read, that runs out of its time budget, whose worker process is
  killed (out of memory, from outside) or that trips a bug becomes a finding for that file
  and never stops the others (WorkerPool replaces lost workers);
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
              previous_source: str = "batch", defer_cross_year: bool = False,
              budget: float | None = None) -> FileResult:
    """check_file() for one file of a batch, within `budget` seconds. Never raises: unreadable
    input, an exhausted time budget and bugs are findings for that file (validator/commands/check.py)."""
    from validator.commands.check import check_file  # noqa: PLC0415

    selected, all_map, rule_config = pack
    return check_file(path, selected, rule_config, all_map, previous, data=data, previous_source=previous_source,
                      defer_cross_year=defer_cross_year, budget=budget)


# ---------------------------------------------------------------- worker side

def _worker_loop(conn, packs: dict, budget: float | None) -> None:
    """A worker process: check the tasks the parent sends, one at a time, until it sends None
    or goes away."""
    # Ctrl-C is the parent's to handle (exit 130); it ends the workers itself.
    import signal  # noqa: PLC0415 - worker processes only

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            _save_start_up_caches()
            return
        result = check_one(task.path, packs[task.pack], task.previous, previous_source=task.previous_source,
                           defer_cross_year=task.defer_cross_year, budget=budget)
        try:
            # a deferred result is pickled and compressed here, in parallel, rather than by the parent
            conn.send((task.index, packed(result) if task.defer_cross_year else result))
        except (EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - a result that cannot be sent is a bug, reported as one
            from validator.internal import internal_finding  # noqa: PLC0415

            finding = internal_finding("check", exc, task.path)
            lost = FileResult(path=task.path, findings=[finding], error=finding.text("zh"))
            conn.send((task.index, packed(lost) if task.defer_cross_year else lost))


def _save_start_up_caches() -> None:
    """A worker compiles the patterns of the files it checked: keep them for the next run, as cli.entry
    does for its own process (both do nothing unless entry() put the caches in place)."""
    from validator import records, regexcache  # noqa: PLC0415

    regexcache.save()
    records.save_code_cache()


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

@record
class _Worker:
    process: Any
    conn: Any
    task: Task | None = None
    deadline: float | None = None  # monotonic time after which the worker is killed


class WorkerPool:
    """`jobs` worker processes that check one file at a time and survive their workers.

    `run(tasks)` yields (task, FileResult) as files finish, in completion order; collecting the
    results (in input order, or streamed) is the caller's business. Unlike multiprocessing.Pool,
    which waits for ever for the task of a worker that was killed:

    - a worker that dies (killed by the OOM killer or a signal, or exiting) while checking a
      file is replaced; that file's result is an INP007 finding naming the exit code or signal;
    - a worker still busy WORKER_GRACE seconds after the file's time budget (when the budget
      could not interrupt it inside one long C call) is killed, replaced, and its file reported
      as over budget (INP007). The budget itself is applied inside the worker too.
    """

    def __init__(self, jobs: int, packs: dict, budget: float | None, all_rules: dict):
        self.jobs = jobs
        self.packs = packs
        self.budget = budget or 0
        self.all_rules = all_rules
        self.context = _mp_context()
        self.workers: list[_Worker] = []
        self.spawned = 0

    def _spawn(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(target=_worker_loop, args=(child_end, self.packs, self.budget), daemon=True)
        process.start()
        child_end.close()
        self.spawned += 1
        return _Worker(process, parent_end)

    def start(self) -> "WorkerPool":
        self.workers = [self._spawn() for _ in range(self.jobs)]
        return self

    def run(self, tasks: list[Task]) -> Iterator[tuple[Task, FileResult]]:
        import time  # noqa: PLC0415
        from multiprocessing.connection import wait  # noqa: PLC0415

        from validator.limits import WORKER_GRACE  # noqa: PLC0415

        todo = list(reversed(tasks))
        max_spawns = self.spawned + len(tasks) + self.jobs  # a replacement per task, and then some
        while todo or any(w.task is not None for w in self.workers):
            for w in self.workers:
                if w.task is None and todo:
                    task = todo.pop()
                    try:
                        w.conn.send(task)
                    except (OSError, EOFError):  # the worker died while idle: it is replaced below
                        todo.append(task)
                        w.task = None
                        self._replace(w, max_spawns)
                        continue
                    w.task = task
                    w.deadline = time.monotonic() + self.budget + WORKER_GRACE if self.budget else None
            busy = [w for w in self.workers if w.task is not None]
            if not busy:
                if todo and self.spawned >= max_spawns:
                    for task in reversed(todo):  # no worker can be started any more
                        yield task, self._lost(task, ("无法启动检查此文件的工作进程", "no worker process could be started"))
                    return
                continue
            deadlines = [w.deadline for w in busy if w.deadline is not None]
            timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
            now = time.monotonic()
            for w in busy:
                current = w.task
                assert current is not None
                task = current
                if w.conn in ready or w.process.sentinel in ready:
                    try:
                        if w.conn.poll():
                            _index, result = w.conn.recv()
                            w.task = None
                            yield task, result
                            continue
                    except (OSError, EOFError):
                        pass
                    if w.process.is_alive() and w.process.sentinel not in ready:
                        continue  # woken by a result still in transit
                    w.process.join(1)
                    yield task, self._lost(task, _death_reason(w.process.exitcode))
                    self._replace(w, max_spawns)
                elif w.deadline is not None and now >= w.deadline:
                    w.process.kill()
                    w.process.join(5)
                    from validator.commands.check import budget_exceeded_error, incomplete_result  # noqa: PLC0415

                    yield task, incomplete_result(self.all_rules, task.path,
                                                  budget_exceeded_error(self.budget, "check"))
                    self._replace(w, max_spawns)

    def _lost(self, task: Task, reason: tuple[str, str]) -> FileResult:
        from validator.commands.check import incomplete_result  # noqa: PLC0415
        from validator.document import InputError  # noqa: PLC0415

        zh, en = reason
        return incomplete_result(self.all_rules, task.path, InputError(
            zh, rule="INP007", detail=en, en=en,
            hint="其余文件照常检查。若是内存不足，可减少 --jobs 后单独重新检查此文件；若反复出现，请把文件提交给 xxgk 维护者",
            hint_en="the other files were checked. If memory ran out, check this file alone with fewer --jobs; "
                    "if it keeps happening, send the file to the xxgk maintainers"))

    def _replace(self, w: _Worker, max_spawns: int) -> None:
        try:
            w.conn.close()
        except OSError:
            pass
        if w.process.is_alive():
            w.process.kill()
        w.process.join(5)
        w.task, w.deadline = None, None
        if self.spawned < max_spawns:
            fresh = self._spawn()
            w.process, w.conn = fresh.process, fresh.conn
        else:
            self.workers.remove(w)

    def close(self) -> None:
        """Stop every worker (politely when idle, by force when not)."""
        for w in self.workers:
            try:
                if w.task is None and w.process.is_alive():
                    w.conn.send(None)
            except (OSError, EOFError):
                pass
        for w in self.workers:
            w.process.join(2 if w.task is None else 0)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(5)
            try:
                w.conn.close()
            except OSError:
                pass
        self.workers = []


def _death_reason(exitcode: int | None) -> tuple[str, str]:
    """Why a worker ended, for the file it was checking: (zh, en)."""
    import signal  # noqa: PLC0415

    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        oom = -exitcode == signal.SIGKILL
        return (f"检查此文件的工作进程被信号 {name} 终止" + ("，常见原因是内存不足（被系统的 OOM killer 终止）" if oom else ""),
                f"the worker process checking this file was killed by {name}"
                + (" (often the out-of-memory killer)" if oom else ""))
    return (f"检查此文件的工作进程意外退出（退出码 {exitcode}）",
            f"the worker process checking this file exited unexpectedly (exit code {exitcode})")


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
                                 TextColumn("[dim]{task.fields[name]}"), console=console, transient=True,
                                 auto_refresh=False)  # no refresh thread: replacement workers are forked
        self.task = self.progress.add_task(label, total=total, name="")

    def __enter__(self):
        if self.progress is not None:
            self.progress.start()
        return self

    def advance(self, name: str = "") -> None:
        if self.progress is not None:
            self.progress.update(self.task, advance=1, name=os.path.basename(name)[-40:], refresh=True)

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.stop()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _completed(tasks: list[Task], packs: dict, jobs: int, bar: _Bar, stdin_data: bytes | None,
               budget: float | None):
    """(index, FileResult) for every task as it finishes (a Packed one when the task defers its
    cross-year rules): in this process, or through a WorkerPool when it pays off (then in
    completion order)."""
    in_process = [t for t in tasks if t.path == "-"]
    pooled = [t for t in tasks if t.path != "-"]
    if jobs <= 1 or len(pooled) < 2:
        in_process, pooled = tasks, []
    pool = None
    if pooled:
        all_rules: dict = {}
        for _, rule_map, _ in packs.values():
            all_rules.update(rule_map)
        # started before the progress bar, which draws from this thread only (no refresh thread)
        pool = WorkerPool(min(jobs, len(pooled)), packs, budget, all_rules).start()
    try:
        with bar:
            for t in in_process:
                name = "stdin.md" if t.path == "-" else t.path
                r = check_one(name, packs[t.pack], t.previous, data=stdin_data if t.path == "-" else None,
                              previous_source=t.previous_source, defer_cross_year=t.defer_cross_year, budget=budget)
                if t.path == "-":
                    r.path = "-"
                bar.advance(t.path)
                yield t.index, (packed(r) if t.defer_cross_year else r)
            if pool is not None:
                for task, result in pool.run(pooled):
                    bar.advance(task.path)
                    # a lost or over-budget file comes back unpacked
                    yield task.index, (packed(result) if task.defer_cross_year and isinstance(result, FileResult)
                                       else result)
    finally:
        if pool is not None:
            pool.close()


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
               stdin_data: bytes | None = None, pair: bool = True,
               budget: float | None = None) -> Iterator[FileResult]:
    """Check every path with its rule pack, each within `budget` seconds (None or 0: no limit);
    yields the results in input order, each as soon as
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
    completed = _completed(tasks, packs, jobs, bar, stdin_data, budget)
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
