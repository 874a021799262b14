"""A second process for the work of a large build that needs no page.

On a large site posts, share images and the search index are made in one
worker process while MkDocs renders pages, so the machine's second core
does them. A build owns its Workers and closes them whatever happens.

`ahead()` runs one call in a forked copy of the build instead: the child
sees the build's objects as they are (templates, plan, posts), so nothing
is pickled on the way in, only the result on the way back (a generator's
items one by one, as the child yields them).
"""
from __future__ import annotations

import inspect
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
    """One call running in a forked child; `result()` waits for it.

    A call that returns a generator sends what it yields as it goes:
    `next()` gives each item once it arrives, so the build can use the
    first pages' parts while the child makes the rest, and never holds
    them all at once."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        fork = multiprocessing.get_context("fork")
        self._recv, send = fork.Pipe(duplex=False)
        # A forked Process runs its target as inherited: nothing is pickled.
        self._proc = fork.Process(target=_run_and_send, args=(fn, send), daemon=True)
        self._proc.start()
        send.close()
        self._outcome: tuple[bool, Any] | None = None

    def next(self) -> tuple[bool, Any]:
        """(True, the next item a generator sent), or (False, None) once it
        has sent everything; what went wrong in the child is raised here."""
        if self._outcome is None:
            kind, value = self._receive()
            if kind == _ITEM:
                return True, value
            self._outcome = (kind == _DONE, value)
        ok, value = self._outcome
        if not ok:
            raise value
        return False, None

    def result(self) -> Any:
        """The call's value (every item still unread, for a generator)."""
        items = []
        while self._outcome is None:
            kind, value = self._receive()
            if kind == _ITEM:
                items.append(value)
            else:
                self._outcome = (kind == _DONE, items or value)
        ok, value = self._outcome
        if not ok:
            raise value
        return value

    def _receive(self) -> tuple[str, Any]:
        try:
            message = self._recv.recv()
        except EOFError:  # the child died without a word (killed, out of memory)
            message = (_FAILED, RuntimeError("forked worker ended without a result"))
        if message[0] != _ITEM:
            self._recv.close()
            self._proc.join()
        return message

    def cancel(self) -> None:
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join()
        self._recv.close()


_ITEM, _DONE, _FAILED = "item", "done", "failed"


def _run_and_send(fn: Callable[[], Any], send: Connection) -> None:
    try:
        value = fn()
        if inspect.isgenerator(value):
            for item in value:
                send.send((_ITEM, item))
            value = None
        outcome = (_DONE, value)
    except BaseException as exc:  # sent back and raised in the parent
        outcome = (_FAILED, exc)
    try:
        send.send(outcome)
    except Exception as exc:  # a result or an exception that cannot be pickled
        send.send((_FAILED, RuntimeError(f"forked worker: {exc!r}")))
    send.close()
