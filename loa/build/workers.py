"""A second process for the work of a large build that needs no page.

On a large site posts, share images and the search index are made in one
worker process while MkDocs renders pages, so the machine's second core
does them. A build owns its Workers and closes them whatever happens.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable

# Below this many explainers a second process costs more than it saves.
PARALLEL_FROM = 200


class Workers:
    def __init__(self, enabled: bool) -> None:
        # Forking keeps the catalog without pickling it; where there is no
        # fork (Windows) the work simply runs in this process.
        self._pool: ProcessPoolExecutor | None = None
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

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
