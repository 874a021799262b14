"""Atomic writes: a reader (or a crash) never sees half a file.

Everything Loa writes goes to a temporary file in the same folder first, is
flushed to disk, then renamed over the target in one step.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_in_new_folder(path: Path, data: bytes) -> None:
    """For files inside a folder that is itself swapped into place when
    complete (a build): the swap is the atomic step, so no per-file dance."""
    ensure_folder(path.parent)
    with open(path, "wb") as handle:
        handle.write(data)


_made: set[Path] = set()


def ensure_folder(folder: Path) -> None:
    """mkdir once per folder: a build writes thousands of files into a few
    hundred folders, and a failing mkdir is as slow as a real one."""
    if folder not in _made:
        folder.mkdir(parents=True, exist_ok=True)
        _made.add(folder)
