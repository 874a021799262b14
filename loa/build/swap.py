"""Building without losing anything: build aside, then swap into place.

A failed build leaves the previous site exactly as it was; two builds
started at once never write into the same folder.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator


class BuildBusy(RuntimeError):
    """Another build holds the lock."""


@contextmanager
def exclusive(site_dir: Path, wait: bool = False) -> Iterator[None]:
    """Hold a lock beside `site_dir` for the whole build."""
    lock_path = site_dir.parent / f".{site_dir.name}.lock"
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as exc:
            raise BuildBusy(str(lock_path)) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_aside(site_dir: Path, produce: Callable[[Path], None]) -> None:
    """Run `produce(tmp)` into a fresh folder, then atomically replace site_dir.

    The folder is a sibling of site_dir so the final rename stays on one
    filesystem. If `produce` raises, the folder is removed and site_dir is
    untouched.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
        produce(tmp)
        os.chmod(tmp, 0o755)
        _swap(tmp, site_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _swap(new: Path, site_dir: Path) -> None:
    if not site_dir.exists():
        os.replace(new, site_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
    os.replace(site_dir, old / "site")
    try:
        os.replace(new, site_dir)
    except OSError:
        os.replace(old / "site", site_dir)  # put the previous site back
        shutil.rmtree(old, ignore_errors=True)
        raise
    _remove_in_background(old)


def _remove_in_background(folder: Path) -> None:
    """Deleting thousands of old pages can take longer than building them;
    the new site is already in place, so nobody needs to wait for it."""
    code = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    subprocess.Popen([sys.executable, "-c", code, str(folder)], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
