"""Worker processes for batch runs, each watched: a letter that hangs or crashes its worker is an
error line, never a stalled run.

Why not ``multiprocessing.Pool``: when a worker dies (a segfault in a C library, the kernel's
out-of-memory killer) or hangs inside C code that no alarm can interrupt, ``Pool.imap`` waits for its
result forever. Here the parent knows which letter each worker holds and since when, so it can kill a
worker that overruns the time limit, replace it, and report that letter (LA110) or a dead worker's
letter (LA900) and carry on. Workers are also replaced after ``max_tasks`` letters to bound memory.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from .errors import InternalError, LetterAuditError, ReadTimeout

_POLL_S = 0.5
# The parent's ends of every worker's pipe. A forked worker inherits copies of them and must close
# them: while any process holds a pipe's parent end open, the worker at its other end never sees EOF
# and would outlive a killed parent.
_PARENT_ENDS: list[Connection] = []


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the parent dies, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # EOF on the pipe still ends an idle worker


def _worker_main(conn: Connection, standard_path: str | None) -> None:
    """Receive a path, send back its result, until told to stop (None) or the parent goes away."""
    from . import batch

    _die_with_parent()
    for end in _PARENT_ENDS:
        end.close()
    batch._worker_init(standard_path)
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        # Looked up through the module so tests can stand in a fake auditor.
        result = batch.audit_file(path, standard_path)
        batch.tidy_memory()
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, ctx: Any, standard_path: str | None) -> None:
        parent, child = ctx.Pipe()
        _PARENT_ENDS.append(parent)  # before forking, so the new worker closes its copy too
        self.proc = ctx.Process(target=_worker_main, args=(child, standard_path), daemon=True)
        # Frozen objects are skipped by the collector, so a forked worker's collections do not touch
        # (and copy) the parent's pages holding the loaded pipeline; the parent unfreezes at once.
        gc.freeze()
        try:
            self.proc.start()
        finally:
            gc.unfreeze()
        child.close()
        self.conn: Connection = parent
        self.path: str | None = None
        self.started = 0.0
        self.done = 0

    def give(self, path: str) -> None:
        self.path, self.started = path, time.monotonic()
        self.conn.send(path)

    def stop(self, *, kill: bool) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.proc.kill()
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()
        if self.conn in _PARENT_ENDS:
            _PARENT_ENDS.remove(self.conn)


def run_workers(
    paths: list[str],
    *,
    jobs: int,
    standard_path: str | None,
    error_report: Callable[[str, LetterAuditError], dict[str, Any]],
    timeout_s: float | None = None,
    max_tasks: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Results (report or error-report JSON) for ``paths`` in completion order, from ``jobs`` workers."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    queue = deque(paths)
    workers = [_Worker(ctx, standard_path) for _ in range(min(jobs, len(paths)))]

    def feed(i: int) -> None:
        if queue:
            workers[i].give(queue.popleft())

    def replace(i: int, *, kill: bool) -> None:
        workers[i].stop(kill=kill)
        workers[i] = _Worker(ctx, standard_path)

    try:
        for i in range(len(workers)):
            feed(i)
        while any(w.path is not None for w in workers):
            busy = {w.conn: i for i, w in enumerate(workers) if w.path is not None}
            for conn in wait(list(busy), timeout=_POLL_S):
                i = busy[conn]  # type: ignore[index]
                worker = workers[i]
                path = worker.path
                assert path is not None
                try:
                    result: dict[str, Any] = worker.conn.recv()
                except (EOFError, OSError):
                    worker.proc.join(timeout=2)
                    code = worker.proc.exitcode
                    message = f"the worker checking this letter died (exit {code}); please report it"
                    result = error_report(path, InternalError(message))
                    replace(i, kill=True)
                else:
                    worker.path = None
                    worker.done += 1
                    if max_tasks and worker.done >= max_tasks:
                        replace(i, kill=False)
                feed(i)
                yield result
            if timeout_s:
                now = time.monotonic()
                for i, worker in enumerate(workers):
                    if worker.path is not None and now - worker.started > timeout_s:
                        path = worker.path
                        replace(i, kill=True)
                        feed(i)
                        message = f"checking took longer than {timeout_s:g} s; the worker was stopped"
                        yield error_report(path, ReadTimeout(message))
    finally:
        exiting = sys.exc_info()[0] is not None
        for worker in workers:
            worker.stop(kill=exiting or worker.path is not None)
