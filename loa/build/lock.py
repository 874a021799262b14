"""One build at a time per target: a lock file beside the target folder.

Owns the build lock and nothing more. It uses the `filelock` library, which
locks with `fcntl` on Linux and macOS and `msvcrt` on Windows, so importing
this module works everywhere. The operating system drops the lock when the
holding process dies, so a killed build never leaves a stale lock.

    with build_lock(target, wait=False):   # raises BuildBusy when held
        ...

Two holders conflict even inside one process (each `build_lock` opens its
own handle): `mkdocs serve` rebuilding while `loa build` runs is refused too.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import filelock

from loa.build.errors import BuildBusy


def lock_path(target: Path) -> Path:
    target = Path(target)
    return target.parent / f".{target.name}.lock"


@contextmanager
def build_lock(target: Path, wait: bool | float = False) -> Iterator[None]:
    """Hold the lock of `target` for the whole build.

    `wait=False` refuses at once when another build holds it, `wait=True`
    waits for it, a number waits that many seconds at most."""
    path = lock_path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(path, thread_local=False)
    timeout = -1 if wait is True else (0 if wait is False else float(wait))
    try:
        lock.acquire(timeout=timeout, blocking=timeout != 0)
    except filelock.Timeout:
        raise BuildBusy.of("LOA906", str(target), target=str(target)) from None
    except RuntimeError:  # filelock's own deadlock guard: this thread holds it already
        raise BuildBusy.of("LOA906", str(target), target=str(target)) from None
    try:
        yield
    finally:
        lock.release()
