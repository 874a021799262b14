"""A second process for the work of a large build that needs no page.

On a large site posts, share images and the search index are made in one
worker process while MkDocs renders pages, so the machine's second core
does them. A build owns its Workers and closes them whatever happens.

`ahead()` runs one call in a forked copy of the build instead: the child
sees the build's objects as they are (templates, plan, posts), so nothing
is pickled on the way in, only the result on the way back.
"""
from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.connection import Connection
from typing import Any, Callable

# Below this many explainers a second process costs more than it saves.
PARALLEL_FROM = 200


class Workers:
    def __init__(self, enabled: bool) -> None:
        # Forking keeps the catalog without pickling it; where there is no
        # fork (Windows) the work simply runs in this process.
        self._pool: ProcessPoolExecutor | None = None
        self._forked: list[Ahead] = []
        if enabled and "fork" in multiprocessing.get_all_start_methods():
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        if self._pool is not None:
            return self._pool.submit(fn, *args)
        done: Future = Future()
        try:
            done.set_result(fn(*args))
        except BaseException as exc:  # kept for result(), as a pool would
            done.set_exception(exc)
        return done

    def ahead(self, fn: Callable[[], Any]) -> "Ahead | None":
        """Start `fn()` in a forked copy of this process, or say no (None):
        on a small site, where there is no fork, or once another thread runs
        (the pool's own, a preview server's), since a lock that thread holds
        would stay locked forever in the copy."""
        if self._pool is None or threading.active_count() > 1:
            return None
        job = Ahead(fn)
        self._forked.append(job)
        return job

    def close(self) -> None:
        for job in self._forked:
            job.cancel()
        self._forked.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class Ahead:
    """One call running in a forked child; `result()` waits for it."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        fork = multiprocessing.get_context("fork")
        self._recv, send = fork.Pipe(duplex=False)
        # A forked Process runs its target as inherited: nothing is pickled.
        self._proc = fork.Process(target=_run_and_send, args=(fn, send), daemon=True)
        self._proc.start()
        send.close()
        self._outcome: tuple[bool, Any] | None = None

    def result(self) -> Any:
        if self._outcome is None:
            try:
                self._outcome = self._recv.recv()
            except EOFError:  # the child died without a word (killed, out of memory)
                self._outcome = (False, RuntimeError("forked worker ended without a result"))
            finally:
                self._recv.close()
                self._proc.join()
        ok, value = self._outcome
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join()
        self._recv.close()


def _run_and_send(fn: Callable[[], Any], send: Connection) -> None:
    try:
        outcome = (True, fn())
    except BaseException as exc:  # sent back and raised in the parent
        outcome = (False, exc)
    try:
        send.send(outcome)
    except Exception as exc:  # a result or an exception that cannot be pickled
        send.send((False, RuntimeError(f"forked worker: {exc!r}")))
    send.close()
